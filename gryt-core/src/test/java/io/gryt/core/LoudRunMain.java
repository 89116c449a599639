package io.gryt.core;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static io.gryt.api.Step.step;

/** Child JVM for {@link LargeOutputTest}: runs a step printing 200 MB and reports the log size and peak heap. */
public final class LoudRunMain {
    private LoudRunMain() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong lines = new AtomicLong();
        try (Gryt gryt = Gryt.open(Path.of(args[0]))) {
            RunResult r = gryt.run(Pipeline.of(step("loud").sh("head -c 200000000 /dev/zero | tr '\\0' x | fold -w 100")),
                    new RunListener() {
                        @Override
                        public void stepOutput(String runId, String step, String line) {
                            lines.incrementAndGet();
                        }
                    });
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
            }
            long logSize = Files.size(r.step("loud").orElseThrow().logPath());
            System.out.println("RESULT " + r.status().label() + " " + logSize + " " + lines.get() + " " + peak / (1024 * 1024));
        }
    }
}
