package io.gryt.sqlite;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A writer locked out waits as long as other connections commit, and gives up only once they stop for the patience. */
class LockWaitTest {
    final AtomicLong clock = new AtomicLong();
    final AtomicLong version = new AtomicLong(7);
    final LockWait wait = new LockWait(Duration.ofSeconds(120), version::get, clock::get);

    @Test
    void aWriterQueuedBehindCommittingWritersWaitsLongerThanThePatience() {
        for (int minute = 1; minute <= 30; minute++) {
            clock.addAndGet(Duration.ofMinutes(1).toNanos());
            version.incrementAndGet(); // another process committed
            assertThat(wait.worthWaiting()).as("minute %d", minute).isTrue();
        }
    }

    @Test
    void aLockHeldWithoutCommitsEndsTheWaitAfterThePatience() {
        clock.addAndGet(Duration.ofSeconds(119).toNanos());
        assertThat(wait.worthWaiting()).isTrue();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(wait.worthWaiting()).isFalse();
    }

    @Test
    void thePatienceCountsFromTheLastCommitSeen() {
        clock.addAndGet(Duration.ofSeconds(100).toNanos());
        version.incrementAndGet();
        assertThat(wait.worthWaiting()).isTrue();
        clock.addAndGet(Duration.ofSeconds(119).toNanos());
        assertThat(wait.worthWaiting()).isTrue();
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(wait.worthWaiting()).isFalse();
    }

    @Test
    void aWaitIsShownToTheSecond() {
        assertThat(LockWait.shown(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(LockWait.shown(Duration.ofMillis(12_900))).isEqualTo("12 s");
    }
}
