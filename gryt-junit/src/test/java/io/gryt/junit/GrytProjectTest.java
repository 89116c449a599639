package io.gryt.junit;

import io.gryt.api.RunResult;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.Promotion;
import io.gryt.api.release.PromotionStatus;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** {@code @GrytProject}: a user's pipeline and release tested from JUnit, as docs/junit.md shows it. */
@GrytProject
class GrytProjectTest {
    @Test
    void aPipelineRunsInTheInjectedProject(TestProject project, Gryt gryt) {
        project.writePipeline("ci", """
                steps:
                  - name: hello
                    run: [echo, hello]
                """);
        project.commit("add the ci pipeline");

        RunResult result = gryt.run(gryt.pipeline("ci"));

        assertThat(gryt).isSameAs(project.gryt());
        assertThat(result.passed()).isTrue();
        assertThat(project.git("status", "--porcelain")).as("the store and runs are ignored by git").isEmpty();
        assertThat(project.git("log", "--format=%s")).isEqualTo("add the ci pipeline\ngryt project");
    }

    @Test
    void aGenerationIsEvolvedAndPromotedWithItsGitTags(TestProject project) {
        project.writePipeline("ci", "steps: [{name: test, run: [\"true\"]}]");
        project.writeGeneration("v1.0.0", """
                version: v1.0.0
                description: "first release"
                changes:
                  - {type: add, id: APP-1, title: "Hello"}
                pipeline_template: ci
                """);
        project.commit("v1.0.0 contract");

        Evolution rc1 = project.gryt().evolve("v1.0.0").proving("APP-1").start();
        Promotion promotion = project.gryt().promote("v1.0.0");

        assertThat(rc1.status()).isEqualTo(EvolutionStatus.PASS);
        assertThat(promotion.status()).isEqualTo(PromotionStatus.COMPLETED);
        assertThat(project.git("tag", "-l")).isEqualTo("v1.0.0\nv1.0.0-rc.1");
    }

    /** A user's test class, run through the launcher so that what happens after it can be checked. */
    @GrytProject
    static class UsersTest {
        static final AtomicReference<Path> DIR = new AtomicReference<>();
        static final AtomicReference<Gryt> GRYT = new AtomicReference<>();

        @Test
        void usesTheProject(TestProject project) {
            DIR.set(project.dir());
            GRYT.set(project.gryt());
        }
    }

    @Test
    void theProjectIsClosedAndDeletedWhenTheTestEnds() {
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(UsersTest.class)).build(), summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(UsersTest.DIR.get()).isNotNull();
        assertThat(Files.exists(UsersTest.DIR.get())).isFalse();
        assertThatThrownBy(() -> UsersTest.GRYT.get().generations()).isInstanceOf(IllegalStateException.class);
    }
}
