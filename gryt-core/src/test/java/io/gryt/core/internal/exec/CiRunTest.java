package io.gryt.core.internal.exec;

import io.gryt.api.CiRun;
import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;

class CiRunTest {
    @TempDir
    Path dir;

    @Test
    void githubActionsIsDetectedWithTheRunsUrlAndActor() {
        assertThat(CiRun.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_SERVER_URL", "https://github.com",
                "GITHUB_REPOSITORY", "acme/pay", "GITHUB_RUN_ID", "42", "GITHUB_ACTOR", "octocat")))
                .contains(new CiRun("github", "https://github.com/acme/pay/actions/runs/42", "octocat"));
    }

    @Test
    void gitlabCiAndJenkinsAreDetected() {
        assertThat(CiRun.detect(Map.of("GITLAB_CI", "true", "CI_JOB_URL", "https://gitlab.com/acme/pay/-/jobs/7",
                "GITLAB_USER_LOGIN", "ada")))
                .contains(new CiRun("gitlab", "https://gitlab.com/acme/pay/-/jobs/7", "ada"));
        assertThat(CiRun.detect(Map.of("JENKINS_URL", "https://ci.acme/", "BUILD_URL", "https://ci.acme/job/pay/9/")))
                .contains(new CiRun("jenkins", "https://ci.acme/job/pay/9/", null));
    }

    @Test
    void outsideCiNothingIsDetected() {
        assertThat(CiRun.detect(Map.of("CI", "true", "HOME", "/root"))).isEqualTo(Optional.empty());
    }

    @Test
    void aRunRecordsTheCiJobItsEnvironmentNames() {
        Runs runs = new Runs(dir);
        RunResult run = Runs.await(runs.engine.start(runs.request(Pipeline.of(step("a").sh("true")))
                .withBaseEnv(Map.of("PATH", System.getenv("PATH"), "GITLAB_CI", "true",
                        "CI_PIPELINE_URL", "https://gitlab.com/acme/pay/-/pipelines/3", "GITLAB_USER_LOGIN", "ada"))));

        assertThat(runs.store.runs().run(run.runId()).orElseThrow().ci())
                .isEqualTo(new CiRun("gitlab", "https://gitlab.com/acme/pay/-/pipelines/3", "ada"));
    }
}
