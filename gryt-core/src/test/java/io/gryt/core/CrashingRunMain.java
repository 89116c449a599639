package io.gryt.core;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;

import java.nio.file.Path;

import static io.gryt.api.Step.step;

/** Child JVM for {@link CrashRecoveryTest}: starts a run whose step hangs, says so, and waits to be killed. */
public final class CrashingRunMain {
    private CrashingRunMain() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        Gryt gryt = Gryt.open(project);
        Pipeline p = Pipeline.of(step("quick").run("true"),
                step("hang").sh("sleep 300 & echo $! > child.pid;"
                        + " setsid sh -c 'echo $$ > grandchild.tmp; mv grandchild.tmp grandchild.pid; exec sleep 300' > /dev/null 2>&1 &"
                        + " echo $$ > shell.pid; wait"));
        gryt.start(p, new RunListener() {
            @Override
            public void stepStarted(String runId, String step, int attempt) {
                if (step.equals("hang")) System.out.println("STARTED " + runId);
            }
        });
        Thread.sleep(600_000);
    }
}
