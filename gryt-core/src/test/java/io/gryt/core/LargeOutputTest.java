package io.gryt.core;

import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A step printing 200 MB streams to its log without holding the output in memory. */
class LargeOutputTest {
    @TempDir
    Path project;

    @Test
    void twoHundredMegabytesOfOutputRunInASixtyFourMegabyteHeap() {
        try (ChildJvm child = ChildJvm.of(LoudRunMain.class).jvmOptions("-Xmx64m").args(project.toString()).start()) {
            String result = child.awaitLine(l -> l.startsWith("RESULT "), Duration.ofMinutes(3));
            assertThat(child.waitFor(Duration.ofSeconds(30))).isZero();
            String[] f = result.split(" ");
            assertThat(f[1]).isEqualTo("pass");
            assertThat(Long.parseLong(f[2])).as("log bytes").isGreaterThanOrEqualTo(202_000_000L);
            assertThat(Long.parseLong(f[3])).as("output lines seen by the listener").isEqualTo(2_000_000L);
            assertThat(Long.parseLong(f[4])).as("peak heap MB").isLessThan(64);
        }
    }
}
