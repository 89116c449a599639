package io.gryt.core.destination;

import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.core.Gryt;
import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 of a gryt process while it delivers: nothing is lost, nothing acknowledged is sent again. */
class DeliveryCrashTest {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledWhileSendingLosesNothingAndTheResendKeepsTheEventId() {
        String started;
        String finished;
        try (ChildJvm child = ChildJvm.of(DeliveringMain.class).args(dir.toString()).start()) {
            started = child.awaitLine(l -> l.startsWith("delivering run.started"), Duration.ofSeconds(60));
            finished = child.awaitLine(l -> l.startsWith("delivering run.finished"), Duration.ofSeconds(60));
            child.killHard();
        }
        String finishedId = finished.split(" ")[2];
        List<Delivery> resent = new CopyOnWriteArrayList<>();
        Destination back = new Destination() {
            @Override
            public String name() {
                return "hook";
            }

            @Override
            public Set<String> events() {
                return Set.of("run.started", "run.finished");
            }

            @Override
            public void deliver(Delivery d) {
                resent.add(d);
            }
        };
        try (Gryt gryt = Gryt.builder().projectDir(dir).destination(back).build()) {
            assertThat(gryt.destinations().waiting()).singleElement()
                    .satisfies(d -> assertThat(d.eventId()).isEqualTo(finishedId));
            assertThat(gryt.destinations().flush()).hasSize(1);
            assertThat(gryt.destinations().flush()).isEmpty();
        }
        assertThat(resent).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(finishedId);
            assertThat(d.event().type()).isEqualTo("run.finished");
            assertThat(d.attempt()).isEqualTo(2);
        });
        assertThat(started).doesNotContain(finishedId);
    }
}
