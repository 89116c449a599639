package io.gryt.core.release;

import io.gryt.testing.SampleGenerations;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.TempGitRepo;

import java.nio.file.Path;

/** A git repository with a gryt project, the seed's v2.2.0 contract and its pipeline, all committed. */
final class ReleaseProject {
    static final String PIPELINE = """
            name: release-pipeline
            steps:
              - name: prove
                run: "echo \\"proving $GRYT_CHANGES in $GRYT_EVOLUTION_TAG ($GRYT_GENERATION, run $GRYT_RUN_ID)\\" && mkdir -p dist && echo app > dist/app.bin"
                artifacts: ["dist/app.bin"]
            """;

    static final String GENERATION = SampleGenerations.SEED_V2_2_0;

    final TempGitRepo git;

    ReleaseProject(Path dir) {
        git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", PIPELINE);
        git.write(".gryt/generations/v2.2.0.yaml", GENERATION);
        git.write(".gitignore", "dist/\n");
        git.commit("gryt project with the v2.2.0 contract");
    }

    Path dir() {
        return git.dir();
    }

    Gryt open() {
        return Gryt.open(dir());
    }
}
