package io.gryt.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CI job a pipeline run ran in, as its environment says: GitHub Actions ({@code GITHUB_ACTIONS=true}),
 * GitLab CI ({@code GITLAB_CI=true}) or Jenkins ({@code JENKINS_URL}). Recorded with each run.
 *
 * @param provider {@code github}, {@code gitlab} or {@code jenkins}
 * @param url      the CI run's page, or {@code null} when the environment does not say
 * @param actor    who started it (a login), or {@code null} when the environment does not say
 */
public record CiRun(String provider, String url, String actor) {
    public CiRun {
        Objects.requireNonNull(provider, "provider");
    }

    /** The CI job {@code env} describes, if any. */
    public static Optional<CiRun> detect(Map<String, String> env) {
        if ("true".equals(env.get("GITHUB_ACTIONS"))) {
            String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
            String repo = blankToNull(env.get("GITHUB_REPOSITORY"));
            String id = blankToNull(env.get("GITHUB_RUN_ID"));
            String url = repo == null || id == null ? null : server + "/" + repo + "/actions/runs/" + id;
            return Optional.of(new CiRun("github", url, blankToNull(env.get("GITHUB_ACTOR"))));
        }
        if ("true".equals(env.get("GITLAB_CI"))) {
            String url = blankToNull(env.get("CI_JOB_URL"));
            return Optional.of(new CiRun("gitlab", url != null ? url : blankToNull(env.get("CI_PIPELINE_URL")),
                    blankToNull(env.get("GITLAB_USER_LOGIN"))));
        }
        if (blankToNull(env.get("JENKINS_URL")) != null) {
            return Optional.of(new CiRun("jenkins", blankToNull(env.get("BUILD_URL")), blankToNull(env.get("BUILD_USER_ID"))));
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
