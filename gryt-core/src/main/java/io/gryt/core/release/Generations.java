package io.gryt.core.release;

import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.core.internal.release.SyncedFiles;
import io.gryt.core.format.Versions;
import io.gryt.api.BadInputException;
import io.gryt.api.GrytException;
import io.gryt.api.event.GenerationCreated;
import io.gryt.api.event.GenerationDeleted;
import io.gryt.api.event.GenerationSynced;
import io.gryt.api.event.HotfixCreated;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.Generation;
import io.gryt.api.release.GenerationStatus;
import io.gryt.core.project.FileErrors;
import io.gryt.core.internal.yaml.GenerationFiles;
import io.gryt.core.internal.yaml.PipelineFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Release contracts: {@code .gryt/generations/vX.Y.Z.yaml} files kept in agreement with the store.
 * Loading a draft syncs its changes into the store; once promoted its contract is frozen, and a later edit
 * of the file is refused. Reading a contract never looks at the pipelines: whether its pipeline exists matters
 * when an evolution runs it. A draft with no evidence can be {@link #delete deleted}.
 */
public final class Generations {
    private final ReleaseContext ctx;
    private final SyncedFiles syncedFiles;

    /** Created by {@link io.gryt.core.Gryt#generations()}. */
    public Generations(ReleaseContext ctx) {
        this.ctx = ctx;
        this.syncedFiles = new SyncedFiles(ctx.layout().grytDir());
    }

    /**
     * The contract hash of generation file {@code file} as it is now: what a promotion freezes, to compare with a
     * recorded one. Throws a {@link BadInputException} (every problem listed) when the file is not a valid contract.
     */
    public static String contractHashOf(Path file) {
        return GenerationFiles.contractHash(GenerationFiles.parse(file));
    }

    /**
     * Writes a new generation file and records it. With no changes the file is a commented skeleton to fill
     * in. Refuses an invalid version, an existing generation, or a pipeline template that does not exist (a
     * {@code null} template leaves it out of the file: the project's default pipeline proves the generation).
     */
    public Generation create(String version, String description, List<Change> changes, String pipelineTemplate) {
        return create(version, description, changes, pipelineTemplate, null);
    }

    Generation create(String version, String description, List<Change> changes, String pipelineTemplate, String hotfixOf) {
        Versions.require(version);
        Path file = fileOf(version);
        if (ctx.store().generation(version).isPresent()) {
            throw new BadInputException("generation " + version + " already exists (it is recorded in the store)"
                    + (Files.exists(file) ? "" : "; its file " + display(file) + " is missing: restore it from git,"
                    + " or remove the draft with gryt generation delete " + version));
        }
        if (pipelineTemplate != null && !PipelineFiles.exists(ctx.layout().pipelinesDir(), pipelineTemplate)) {
            Path pipelines = ctx.layout().pipelinesDir();
            List<String> available = PipelineFiles.available(pipelines);
            throw new BadInputException("generation " + version + " was not created: pipeline_template: no pipeline '"
                    + pipelineTemplate + "': " + display(pipelines.resolve(pipelineTemplate + ".yaml")) + " does not exist"
                    + (available.isEmpty() ? " (there are no pipelines in " + display(pipelines) + " yet)"
                    : " (available: " + String.join(", ", available) + ")"));
        }
        Generation draft = new Generation(version, description, changes, pipelineTemplate, hotfixOf,
                GenerationStatus.DRAFT, null, null);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, GenerationFiles.render(draft), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException("generation " + version + " already exists: " + display(file));
        } catch (IOException e) {
            throw new GrytException("cannot write " + display(file) + ": " + FileErrors.describe(e), e);
        }
        Generation stored;
        try {
            stored = load(version);
        } catch (BadInputException e) {
            deleteQuietly(file); // the file is the one just written: refusing leaves nothing behind
            // the position is in the content that was refused, not in a file the user can open
            throw new BadInputException("generation " + version + " was not created: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        List<String> ids = stored.changes().stream().map(Change::id).toList();
        ctx.events().publish(hotfixOf == null ? new GenerationCreated(version, display(file), ids, Instant.now())
                : new HotfixCreated(version, hotfixOf, display(file), ids, Instant.now()));
        return stored;
    }

    /**
     * Reads, validates and syncs generation {@code version}. A promoted generation comes from the store; if its
     * file was edited since promotion the edit is refused.
     */
    public Generation load(String version) {
        Versions.require(version);
        Path file = fileOf(version);
        Optional<Generation> stored = ctx.store().generation(version);
        if (stored.isPresent() && stored.get().isPromoted()) {
            if (Files.exists(file)) {
                Generation onDisk = GenerationFiles.parse(file);
                String frozen = stored.get().contractHash();
                if (frozen != null && !frozen.equals(GenerationFiles.contractHash(onDisk))) {
                    throw new BadInputException(display(file) + ": generation " + version + " was promoted on "
                            + stored.get().promotedAt() + " and its contract is frozen, but the file was edited since"
                            + " (restore it, and start a new generation for new changes)");
                }
                return withChangePipelines(stored.get(), onDisk);
            }
            return stored.get();
        }
        if (!Files.exists(file)) {
            if (stored.isPresent()) {
                throw new BadInputException("generation " + version + " is recorded but its file " + display(file)
                        + " is missing (restore it from git, or remove the draft with gryt generation delete " + version + ")");
            }
            throw new BadInputException("unknown generation " + version + ": no " + display(file)
                    + available());
        }
        // a draft whose file has the text of its last sync is what the store holds: parsing and syncing it again
        // would change nothing (SyncedFiles; a file whose changes name pipelines is always parsed: they are not stored)
        String text = GenerationFiles.read(file);
        String key = SyncedFiles.key(version, display(file), text);
        if (stored.isPresent() && stored.get().contractHash() != null
                && syncedFiles.contractHash(version, key).filter(stored.get().contractHash()::equals).isPresent()) {
            ctx.events().publish(new GenerationSynced(version, stored.get().status(), Instant.now()));
            return stored.get();
        }
        Generation parsed = GenerationFiles.parse(file, text);
        Generation synced = ctx.store().syncGeneration(parsed, display(file), Instant.now());
        ctx.events().publish(new GenerationSynced(version, synced.status(), Instant.now()));
        if (!synced.isPromoted() && synced.contractHash() != null
                && parsed.changes().stream().allMatch(c -> c.pipeline() == null)) {
            syncedFiles.remember(version, key, synced.contractHash());
        }
        return withChangePipelines(synced, parsed);
    }

    /** {@code stored} with the pipelines its changes name in the file ({@code parsed}): a store does not keep them. */
    private static Generation withChangePipelines(Generation stored, Generation parsed) {
        if (parsed.changes().stream().allMatch(c -> c.pipeline() == null)) return stored;
        List<io.gryt.api.release.Change> changes = stored.changes().stream()
                .map(c -> parsed.change(c.id()).map(p -> c.withPipeline(p.pipeline())).orElse(c)).toList();
        return new Generation(stored.version(), stored.description(), changes, stored.pipelineTemplate(),
                stored.hotfixOf(), stored.status(), stored.contractHash(), stored.promotedAt());
    }

    /**
     * Syncs generation {@code version}'s file into the store, like {@link #load}, and says what changed: its
     * changes added, removed and edited, its description, pipeline template and order. A promoted generation is
     * frozen: nothing changes (an edited file is refused).
     */
    public GenerationSync sync(String version) {
        Versions.require(version);
        Generation before = ctx.store().generation(version).orElse(null);
        return new GenerationSync(before, load(version));
    }

    /**
     * Deletes draft generation {@code version}: its store records (an audit entry says so) and its file. Refused,
     * saying why, for a generation with evidence: promoted, or with evolutions or promotion attempts. A file that
     * was never recorded is deleted too.
     *
     * @throws BadInputException for an unknown generation, or one with evidence
     */
    public void delete(String version) {
        Versions.require(version);
        Path file = fileOf(version);
        boolean recorded = ctx.store().deleteGeneration(version);
        syncedFiles.forget(version);
        if (!recorded && !Files.exists(file)) {
            throw new BadInputException("unknown generation " + version + ": no " + display(file) + available());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new GrytException("generation " + version + " was deleted from the store, but its file " + display(file)
                    + " could not be deleted: " + FileErrors.describe(e) + " (delete it by hand)", e);
        }
        ctx.events().publish(new GenerationDeleted(version, display(file), Instant.now()));
    }

    /**
     * Every generation: the files in {@code .gryt/generations/} (validated and synced) and any recorded only in the
     * store. Fails on the first file that holds a mistake; {@link #survey()} lists the others too.
     */
    public List<Generation> list() {
        Survey survey = survey();
        if (!survey.problems().isEmpty()) throw survey.problems().get(0);
        return survey.generations();
    }

    /**
     * Every generation, like {@link #list()}, except that a file holding a mistake does not hide the others: its
     * problem is collected, and its generation is listed as recorded in the store when it is.
     */
    public Survey survey() {
        Map<String, Generation> all = new TreeMap<>(Versions.ORDER);
        List<BadInputException> problems = new ArrayList<>();
        List<String> onDisk = versionsOnDisk();
        for (String version : onDisk) {
            try {
                all.put(version, load(version));
            } catch (BadInputException e) {
                problems.add(e);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Generation g : ctx.store().generations()) {
            all.putIfAbsent(g.version(), g);
            if (!g.isPromoted() && !onDisk.contains(g.version())) missing.add(g.version());
        }
        missing.sort(Versions.ORDER);
        return new Survey(new ArrayList<>(all.values()), problems, missing);
    }

    /**
     * The generations that could be read (in version order), the problems of the files that could not, and the
     * drafts recorded in the store whose file is missing (deleted by hand: restore it, or
     * {@link #delete} the draft). A promoted generation needs no file: the store holds its frozen contract.
     */
    public record Survey(List<Generation> generations, List<BadInputException> problems, List<String> missingFiles) {
        public Survey {
            generations = List.copyOf(generations);
            problems = List.copyOf(problems);
            missingFiles = List.copyOf(missingFiles);
        }
    }

    /**
     * Creates the hot-fix generation of promoted {@code base}: the next free patch version (no generation file,
     * record or git tag of that name yet), marked as a hot-fix of {@code base}, holding only fix changes.
     */
    public Generation hotfix(String base, List<Change> changes, String pipelineTemplate) {
        Generation promoted = load(base);
        if (!promoted.isPromoted()) {
            throw new BadInputException("generation " + base + " is not promoted: a hot-fix patches a released generation");
        }
        if (changes.isEmpty()) throw new BadInputException("a hot-fix needs at least one change (--change fix:ID:\"title\")");
        for (Change c : changes) {
            if (c.type() != ChangeType.FIX) {
                throw new BadInputException("hot-fix change " + c.id() + " is a '" + c.type().label()
                        + "': a hot-fix may only contain fix changes");
            }
        }
        String version = Versions.nextPatch(highestOfLine(base));
        while (Files.exists(fileOf(version)) || ctx.store().generation(version).isPresent() || isTagged(version)) {
            version = Versions.nextPatch(version);
        }
        String template = pipelineTemplate != null ? pipelineTemplate : promoted.pipelineTemplate();
        return create(version, "Hot-fix of " + base, changes, template, base);
    }

    /**
     * The highest version (SemVer order) of {@code base}'s line {@code vX.Y.*} among the generation files, the
     * generations in the store and the git tags {@code vX.Y.Z}: a hot-fix must sort above every release of its line,
     * or whoever takes the highest version misses it.
     */
    private String highestOfLine(String base) {
        String line = Versions.line(base);
        List<String> known = new ArrayList<>();
        known.add(base);
        try {
            known.addAll(versionsOnDisk());
        } catch (BadInputException e) {
            // a misnamed file is reported where files are read; the store and the tags still count
        }
        ctx.store().generations().forEach(g -> known.add(g.version()));
        ctx.versioning().ifPresent(vcs -> vcs.tags(line).forEach(t -> known.add(t.name())));
        return known.stream().filter(Versions::isValid).filter(v -> v.startsWith(line))
                .max(Versions.ORDER).orElse(base);
    }

    private boolean isTagged(String version) {
        return ctx.versioning().flatMap(vcs -> vcs.tag(version)).isPresent();
    }

    private List<String> versionsOnDisk() {
        Path dir = ctx.layout().generationsDir();
        List<String> versions = new ArrayList<>();
        if (!Files.isDirectory(dir)) return versions;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                versions.add(name.substring(0, name.length() - ".yaml".length()));
            }
        } catch (IOException e) {
            throw new GrytException("cannot list " + display(dir) + ": " + FileErrors.describe(e), e);
        }
        for (String v : versions) {
            if (!Versions.isValid(v)) {
                throw new BadInputException(display(dir.resolve(v + ".yaml"))
                        + ": file name is not a generation version (use vMAJOR.MINOR.PATCH.yaml)");
            }
        }
        return versions;
    }

    private String available() {
        List<String> known = new ArrayList<>();
        try {
            known.addAll(versionsOnDisk());
        } catch (GrytException ignored) {
            // the listing problem is not the one being reported
        }
        known.sort(Versions.ORDER);
        return known.isEmpty() ? " (no generations yet: gryt generation new vX.Y.Z)" : " (known: " + String.join(", ", known) + ")";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }

    Path fileOf(String version) {
        return ctx.layout().generationsDir().resolve(version + ".yaml");
    }

    private String display(Path p) {
        return ctx.layout().display(p);
    }
}
