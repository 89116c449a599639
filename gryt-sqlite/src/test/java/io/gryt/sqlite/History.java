package io.gryt.sqlite;

import io.gryt.api.RunStatus;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.release.Change;
import io.gryt.api.release.ChangeType;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.release.PromotionStatus;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RunStore;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.gryt.sqlite.Contracts.PAY_001;
import static io.gryt.sqlite.Contracts.PAY_002;
import static io.gryt.sqlite.Contracts.file;
import static io.gryt.sqlite.Contracts.payments;
import static io.gryt.sqlite.Samples.OWNER;
import static io.gryt.sqlite.Samples.T0;

/**
 * A realistic history recorded through the real stores, for audit tests: a generation, an evolution whose run
 * has a passing step ({@code lint}, with result, metric and artifact rows) and a failing one ({@code test}), the
 * generation edited (a title changed, a change dropped), and a blocked promotion.
 */
final class History {
    static final String RUN = "run-1";

    private History() {
    }

    static void record(SqliteStore store) {
        RunStore runs = store.runs();
        ReleaseStore releases = store.releases();
        releases.syncGeneration(payments(), file("v2.2.0"), T0);
        releases.createEvolution("v2.2.0", List.of("PAY-001"), "c0ffee", false, OWNER, t(1));
        runs.runStarted(Samples.run(RUN, t(2)));
        releases.evolutionRunning("v2.2.0-rc.1", RUN);
        runs.stepStarted(RUN, "lint", t(3), 101L);
        runs.stepFinished(RUN, Samples.passed("lint", t(3), t(4)), List.of(
                Samples.result(RUN, "lint", StepStatus.PASS, 1000, t(4)),
                Samples.metric(RUN, "lint", "warnings", 3, t(4)),
                Samples.artifact(RUN, "lint", "dist/app.jar", 2048, "ab".repeat(32), t(4))));
        runs.stepStarted(RUN, "test", t(5), 102L);
        runs.stepFinished(RUN, new StepResult("test", StepStatus.FAIL, 1, 1, t(5), t(6), Path.of(".gryt/runs/run-1/test.log"),
                "exit code 1", List.of("FAILED"), List.of(), Map.of()),
                List.of(Samples.result(RUN, "test", StepStatus.FAIL, 1000, t(6))));
        runs.runFinished(RUN, RunStatus.FAIL, t(7));
        releases.evolutionFinished("v2.2.0-rc.1", EvolutionStatus.FAIL, t(7));
        releases.evolutionTagged("v2.2.0-rc.1", t(8));
        releases.syncGeneration(Contracts.draft("v2.2.0", PAY_001,
                new Change(PAY_002.id(), ChangeType.FIX, "Round cents half-even, always", null)), file("v2.2.0"), t(9));
        releases.recordPromotion("v2.2.0", "c0ffee", "v2.2.0", PromotionStatus.BLOCKED, "{\"gates\":[]}", t(10));
    }

    static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** The sequence number of the only entry for {@code event} whose payload contains {@code text}. */
    static long seqOf(Path db, String event, String text) throws SQLException {
        List<String> seqs = PlainJdbc.column(db, "SELECT seq FROM audit_log WHERE event = '" + event
                + "' AND instr(payload, '" + text.replace("'", "''") + "') > 0");
        if (seqs.size() != 1) {
            throw new AssertionError("expected one " + event + " entry containing " + text + ", found " + seqs);
        }
        return Long.parseLong(seqs.get(0));
    }
}
