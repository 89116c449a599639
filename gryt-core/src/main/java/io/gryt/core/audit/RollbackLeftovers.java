package io.gryt.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.BadInputException;
import io.gryt.api.release.Generation;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.audit.RollbackReport.Kind;
import io.gryt.core.audit.RollbackReport.Leftover;
import io.gryt.core.project.ProjectLayout;
import io.gryt.core.format.TagMessages;
import io.gryt.core.format.Versions;
import io.gryt.core.internal.yaml.GenerationFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a rollback of the database leaves outside it: generation files and gryt's git tags that the restored
 * record does not know. gryt deletes neither (they are the user's), so the rollback lists them with the command
 * that removes each, and remembers them in {@code .gryt/gryt.db.rollback} (ignored by git, like the database):
 * until each is resolved (removed, or known to the database again), every command names it again, so that a
 * generation file the rollback undid is not recorded again as if nothing had happened. Internal.
 */
public final class RollbackLeftovers {
    /** The file, in {@code .gryt/}, that remembers the leftovers of the last rollback. */
    static final String FILE = "gryt.db.rollback";
    private static final Pattern RC_TAG = Pattern.compile("(v\\d+\\.\\d+\\.\\d+)-rc\\.[1-9]\\d*");
    private static final String EVOLUTION_MESSAGE = "gryt evolution ";

    private RollbackLeftovers() {
    }

    /** The leftovers of a rollback that just restored the database of {@code layout}'s project. */
    public static List<Leftover> find(ProjectLayout layout, ReleaseStore store, Optional<Versioning> vcs) {
        List<Leftover> found = new ArrayList<>();
        for (Path file : generationFiles(layout)) {
            String name = file.getFileName().toString();
            String version = name.substring(0, name.length() - ".yaml".length());
            String where = layout.display(file);
            Optional<Generation> stored = store.generation(version);
            if (stored.isEmpty()) {
                found.add(new Leftover(Kind.GENERATION_FILE, version, where, "generation " + version
                        + " is not in the restored database; the next command that reads generations records it"
                        + " again from this file, as a new draft", "rm " + where));
            } else if (stored.get().contractHash() != null && !stored.get().contractHash().equals(contractHash(file, layout))) {
                found.add(new Leftover(Kind.EDITED_GENERATION_FILE, version, where, "its contract differs from the one"
                        + " the restored database records for " + stored.get().status().label() + " generation " + version
                        + (stored.get().isPromoted() ? " (gryt refuses the edited file of a promoted generation)"
                        : "; the next command that reads it records the file's contract"), "git log -p -- " + where));
            }
        }
        vcs.ifPresent(git -> {
            for (Versioning.Tag tag : git.tags("v")) {
                if (!tag.annotated() || tag.message() == null) continue;
                if (tag.message().startsWith(TagMessages.RELEASE) && Versions.isValid(tag.name())) {
                    Optional<Generation> g = store.generation(tag.name());
                    if (g.isEmpty() || !g.get().isPromoted()) {
                        found.add(new Leftover(Kind.RELEASE_TAG, tag.name(), "tag " + tag.name(), "release tag of a"
                                + " promotion the restored database does not have (" + tag.name()
                                + (g.isEmpty() ? " is not in it" : " is a draft again") + "); gryt does not promote "
                                + tag.name() + " again while the tag exists", "git tag -d " + tag.name()));
                    }
                } else if (tag.message().startsWith(EVOLUTION_MESSAGE) && RC_TAG.matcher(tag.name()).matches()
                        && store.evolution(tag.name()).isEmpty()) {
                    String version = tag.name().substring(0, tag.name().indexOf("-rc."));
                    found.add(new Leftover(Kind.EVOLUTION_TAG, tag.name(), "tag " + tag.name(), "tag of an evolution the"
                            + " restored database does not have; evolutions of " + version + " do not start while it"
                            + " exists (gryt numbers them from its database)", "git tag -d " + tag.name()));
                }
            }
        });
        return found;
    }

    /**
     * Remembers the leftovers of the rollback to {@code target} that the next commands must name (all but edited
     * files, which the next command that reads them records anyway); forgets those of an earlier rollback.
     */
    public static void remember(ProjectLayout layout, String target, List<Leftover> leftovers) {
        Path file = file(layout);
        ObjectNode root = Json.MAPPER.createObjectNode().put("snapshot", target);
        ArrayNode items = root.putArray("leftovers");
        for (Leftover l : leftovers) {
            if (l.kind() == Kind.EDITED_GENERATION_FILE) continue;
            items.addObject().put("kind", l.kind().name()).put("name", l.name()).put("where", l.where())
                    .put("what", l.what()).put("command", l.command());
        }
        try {
            if (items.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // a reminder only: the rollback itself is done and recorded, and its report names every leftover
        }
    }

    /**
     * The leftovers of the last rollback that are still there (the file still present and still unknown to the
     * database, the tag still in git and its evolution or promotion still not recorded), with the snapshot that
     * rollback restored; forgets the resolved ones. Empty, reading nothing but one file name, when no rollback
     * left anything.
     */
    public static Optional<Pending> pending(ProjectLayout layout, ReleaseStore store, Supplier<Optional<Versioning>> vcs,
                                            boolean canWrite) {
        Path file = file(layout);
        if (!Files.exists(file)) return Optional.empty();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable reminder reminds of nothing
        }
        List<Leftover> still = new ArrayList<>();
        for (JsonNode n : root.path("leftovers")) {
            Leftover l;
            try {
                l = new Leftover(Kind.valueOf(n.path("kind").asText()), n.path("name").asText(), n.path("where").asText(),
                        n.path("what").asText(), n.path("command").asText());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (isStillThere(l, layout, store, vcs)) still.add(l);
        }
        String snapshot = root.path("snapshot").asText();
        if (canWrite && still.size() < root.path("leftovers").size()) remember(layout, snapshot, still);
        return still.isEmpty() ? Optional.empty() : Optional.of(new Pending(snapshot, still));
    }

    /** The leftovers still there after the rollback to {@code snapshot}. */
    public record Pending(String snapshot, List<Leftover> leftovers) {
        public Pending {
            leftovers = List.copyOf(leftovers);
        }
    }

    private static boolean isStillThere(Leftover l, ProjectLayout layout, ReleaseStore store,
                                        Supplier<Optional<Versioning>> vcs) {
        return switch (l.kind()) {
            case GENERATION_FILE -> Files.exists(layout.generationsDir().resolve(l.name() + ".yaml"))
                    && store.generation(l.name()).isEmpty();
            case EDITED_GENERATION_FILE -> false;
            case RELEASE_TAG -> store.generation(l.name()).map(g -> !g.isPromoted()).orElse(true)
                    && vcs.get().flatMap(git -> git.tag(l.name())).isPresent();
            case EVOLUTION_TAG -> store.evolution(l.name()).isEmpty()
                    && vcs.get().flatMap(git -> git.tag(l.name())).isPresent();
        };
    }

    private static String contractHash(Path file, ProjectLayout layout) {
        try {
            return GenerationFiles.contractHash(GenerationFiles.parse(file));
        } catch (BadInputException e) {
            return null; // a file that cannot be read differs; the next command that reads it says why
        }
    }

    private static List<Path> generationFiles(ProjectLayout layout) {
        List<Path> files = new ArrayList<>();
        Path dir = layout.generationsDir();
        if (!Files.isDirectory(dir)) return files;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path f : all) {
                String name = f.getFileName().toString();
                if (Versions.isValid(name.substring(0, name.length() - ".yaml".length()))) files.add(f);
            }
        } catch (IOException e) {
            return files; // the next command that reads generations reports an unreadable directory
        }
        files.sort((a, b) -> Versions.ORDER.compare(version(a), version(b)));
        return files;
    }

    private static String version(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".yaml".length());
    }

    static Path file(ProjectLayout layout) {
        return layout.grytDir().resolve(FILE);
    }

    /** Jackson, loaded only when a rollback reminder is read or written (every command looks for one). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
}
