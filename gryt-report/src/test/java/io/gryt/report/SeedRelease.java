package io.gryt.report;

import io.gryt.testing.SampleGenerations;
import io.gryt.api.Pipeline;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import io.gryt.core.project.ProjectInit;
import io.gryt.testing.TempGitRepo;

import java.nio.file.Path;

import static io.gryt.api.Step.step;

/**
 * The seed's example release in a real git repository with a real SQLite store: generation v2.2.0 promising
 * PAY-001..003, evolutions rc.1 (PAY-001, pass), rc.2 (PAY-002, fails), a blocked promotion, rc.3 (PAY-002,
 * pass), rc.4 (PAY-003, pass, with an artifact), and the completed promotion that tags v2.2.0.
 */
final class SeedRelease {
    static final String PIPELINE = """
            name: release-pipeline
            steps:
              - name: test
                run: "echo \\"testing $GRYT_CHANGES in $GRYT_EVOLUTION_TAG\\""
              - name: package
                run: "mkdir -p dist && echo app > dist/app.bin"
                artifacts: ["dist/app.bin"]
                depends_on: [test]
            """;

    static final String GENERATION = SampleGenerations.SEED_V2_2_0;

    static final Pipeline FAILING = Pipeline.of(step("test").sh("echo 'latency still 900 ms' >&2; exit 1"))
            .withName("release-pipeline");

    final TempGitRepo git;

    private SeedRelease(Path dir, String generation) {
        git = TempGitRepo.init(dir);
        ProjectInit.init(dir);
        git.write(".gryt/pipelines/release-pipeline.yaml", PIPELINE);
        git.write(".gryt/generations/v2.2.0.yaml", generation);
        git.write(".gitignore", "dist/\n");
        git.commit("gryt project with the v2.2.0 contract");
    }

    /** The project with the contract committed and nothing run. */
    static SeedRelease contract(Path dir) {
        return new SeedRelease(dir, GENERATION);
    }

    /** The project with {@code generation} as the contract of v2.2.0, nothing run. */
    static SeedRelease contract(Path dir, String generation) {
        return new SeedRelease(dir, generation);
    }

    /** The whole seed workflow, through to the release tag v2.2.0. */
    static SeedRelease promoted(Path dir) {
        SeedRelease seed = contract(dir);
        try (Gryt gryt = seed.open()) {
            seed.evolveThroughFailure(gryt);
            check(gryt.evolve("v2.2.0").proving("PAY-003").start().status(), EvolutionStatus.PASS);
            check(gryt.promote("v2.2.0").status(), PromotionStatus.COMPLETED);
        }
        return seed;
    }

    /** rc.1 passes PAY-001, rc.2 fails PAY-002, the promotion is blocked, rc.3 passes PAY-002. */
    void evolveThroughFailure(Gryt gryt) {
        check(gryt.evolve("v2.2.0").proving("PAY-001").start().status(), EvolutionStatus.PASS);
        check(gryt.evolve("v2.2.0").proving("PAY-002").with(FAILING).start().status(), EvolutionStatus.FAIL);
        check(gryt.promote("v2.2.0").status(), PromotionStatus.BLOCKED);
        check(gryt.evolve("v2.2.0").proving("PAY-002").start().status(), EvolutionStatus.PASS);
    }

    Path dir() {
        return git.dir();
    }

    Gryt open() {
        return Gryt.open(dir());
    }

    private static <T> void check(T actual, T expected) {
        if (!actual.equals(expected)) throw new AssertionError("seed workflow: expected " + expected + ", was " + actual);
    }
}
