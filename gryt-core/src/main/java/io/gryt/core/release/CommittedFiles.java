package io.gryt.core.release;

import io.gryt.core.internal.release.Tags;
import io.gryt.core.internal.release.ReleaseContext;
import io.gryt.api.BadInputException;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.EvolutionRef;
import io.gryt.api.spi.Versioning;
import io.gryt.api.spi.Versioning.FileInCommit;
import io.gryt.core.catalog.FoundCatalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What ships is what was committed: the generation file (the contract) and the pipeline files a proof runs must be
 * in the commit an evolution runs on or a promotion tags, with the content they have in the work tree. A refusal
 * names the file and the git commands that fix it (mentioning {@code .gitignore} when a rule ignores the file).
 */
final class CommittedFiles {
    private CommittedFiles() {
    }

    /** Before an evolution on HEAD {@code commit}: the contract and the YAML pipeline it runs (if any). */
    static void requireForEvolution(Versioning vcs, String commit, Path generationFile, Optional<Path> pipelineFile) {
        require(vcs, commit, generationFile, false, false);
        pipelineFile.ifPresent(f -> require(vcs, commit, f, false, false));
    }

    /**
     * Before promoting tested {@code commit}: the contract, unchanged, and the YAML pipelines the proofs ran
     * (a pipeline file changed since may differ: the commit holds the one that ran).
     */
    static void requireForPromotion(Versioning vcs, String commit, Path generationFile, Collection<Path> pipelineFiles) {
        require(vcs, commit, generationFile, true, false);
        for (Path f : new LinkedHashSet<>(pipelineFiles)) require(vcs, commit, f, true, true);
    }

    /**
     * The YAML files of the pipelines that the runs proving {@code evidence} ran (a Java pipeline has none; a merged
     * one, {@code ci+e2e}, has each of theirs).
     */
    static List<Path> provingPipelineFiles(ReleaseContext ctx, List<ChangeEvidence> evidence) {
        List<String> runs = evidence.stream().map(ChangeEvidence::latestPass).filter(Objects::nonNull)
                .map(EvolutionRef::runId).filter(Objects::nonNull).distinct().toList();
        // one read for every proving run; each distinct pipeline's file is looked for once
        return ctx.pipelinesOf(runs).stream()
                .flatMap(name -> java.util.Arrays.stream(name.split("\\+"))) // ci+e2e: the pipelines an evolution merged
                .distinct().map(name -> pipelineSource(ctx, name)).flatMap(Optional::stream).distinct().sorted().toList();
    }

    /**
     * The file that defines pipeline {@code name}: its {@code .gryt/pipelines/} file, or else the project catalog file
     * ({@code .gryt/catalogs/<catalog>.yaml}) of catalog pipeline {@code <catalog>.<pipeline>}. A built-in or
     * registered catalog's pipeline has none: it ships with gryt or the embedding code.
     */
    static Optional<Path> pipelineSource(ReleaseContext ctx, String name) {
        Optional<Path> file = pipelineFile(ctx.layout().pipelinesDir(), name);
        if (file.isPresent() || name == null) return file;
        return ctx.catalogs().catalogOf(name).flatMap(FoundCatalog::file);
    }

    /** The YAML file of pipeline {@code name} in {@code pipelinesDir}, when there is one. */
    static Optional<Path> pipelineFile(Path pipelinesDir, String name) {
        if (name == null || name.isBlank() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            return Optional.empty(); // not a pipeline file's name: loading the pipeline reports it
        }
        Set<Path> candidates = Set.of(pipelinesDir.resolve(name + ".yaml"), pipelinesDir.resolve(name + ".yml"));
        return candidates.stream().filter(Files::isRegularFile).sorted().findFirst();
    }

    private static void require(Versioning vcs, String commit, Path file, boolean tested, boolean changeAllowed) {
        FileInCommit state = vcs.fileInCommit(commit, file);
        if (state == FileInCommit.COMMITTED || state == FileInCommit.CHANGED && changeAllowed) return;
        String path = display(vcs.root(), file);
        String where = tested ? "the tested commit " + Tags.abbrev(commit) : "HEAD (" + Tags.abbrev(commit) + ")";
        String again = tested ? ", then prove the changes again on that commit (gryt evolution start)" : "";
        throw new BadInputException(switch (state) {
            case IGNORED -> path + " is not committed: .gitignore ignores it (git check-ignore -v " + path
                    + " shows the rule); commit it anyway: git add -f " + path + " && git commit" + again;
            case NOT_COMMITTED -> path + " is not committed (not in " + where + "): git add " + path
                    + " && git commit" + again;
            default -> path + " has changes not in " + where + ": commit them (git add " + path + " && git commit)"
                    + (tested ? again : "") + ", or undo them (git checkout -- " + path + ")";
        });
    }

    private static String display(Path root, Path file) {
        Path base = root.toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(base)) return abs.toString();
        return base.relativize(abs).toString().replace('\\', '/');
    }
}
