package io.gryt.examples;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.event.EventListener;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.RunFinished;
import io.gryt.api.event.StepFailed;
import io.gryt.core.Gryt;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

import static io.gryt.api.Pipeline.parallel;
import static io.gryt.api.Secret.secret;
import static io.gryt.api.Step.step;

/**
 * A pipeline written as a plain Java {@code main}: commands, a shell step, a Java lambda step, a parallel
 * group, a timeout, a retry and an artifact, run against the project directory given as the first argument
 * (the current directory by default) and recorded in its {@code .gryt/gryt.db}.
 *
 * <pre>
 * mvn -q -B -pl gryt-examples -am package exec:java -DskipTests -Dgryt.docs.skip=true -Dexec.args=/tmp/my-project
 * </pre>
 */
public final class JavaPipelineExample {
    private JavaPipelineExample() {
    }

    /** The example pipeline. */
    public static Pipeline pipeline() {
        return Pipeline.of(
                        step("prepare").run("mkdir", "-p", "build"),
                        parallel(
                                step("lint").sh("echo 'checking style'; sleep 0.2"),
                                step("test").sh("echo 'running tests'; sleep 0.3").timeout(Duration.ofMinutes(1)).retries(1),
                                step("licence").action(ctx -> {
                                    ctx.log("every dependency has an approved licence");
                                    ctx.metric("dependencies", 12);
                                })),
                        step("package").sh("echo 'app v1' > build/app.txt").artifacts("build/app.txt"))
                .withName("java-main")
                .env("CI", "true")
                .secrets(secret("DEPLOY_TOKEN"))
                .runners(3);
    }

    /**
     * A lifecycle event listener (what a notifier or a dashboard would be): events are typed records, matched on
     * their sealed type, so nothing is parsed from strings.
     */
    public static EventListener announcer(PrintStream out) {
        return (GrytEvent event) -> {
            if (event instanceof StepFailed f) {
                out.println(f.type() + ": " + f.step() + " " + f.status().label() + " after " + f.attempts()
                        + " attempt(s): " + f.error());
            } else if (event instanceof RunFinished f) {
                out.println(f.type() + ": " + f.pipeline() + " " + f.status().label() + " in " + f.duration().toMillis() + " ms");
            }
        };
    }

    /** Runs the pipeline; exits 0 when it passed, 1 when it failed. */
    public static void main(String[] args) {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        RunListener printer = new RunListener() {
            @Override
            public void stepFinished(String runId, StepResult r) {
                System.out.printf("%-8s %-10s %5d ms%n", r.status().label(), r.name(), r.duration().toMillis());
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(project).eventListener(announcer(System.out)).build()) {
            RunResult result = gryt.run(pipeline(), printer);
            System.out.println("run " + result.runId() + ": " + result.status().label()
                    + " (recorded in " + gryt.layout().database() + ")");
            System.exit(result.passed() ? 0 : 1);
        }
    }
}
