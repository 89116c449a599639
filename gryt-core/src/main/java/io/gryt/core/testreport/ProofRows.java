package io.gryt.core.testreport;

import io.gryt.api.release.TestProof;
import io.gryt.api.spi.DataRow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link TestProof} is kept as a data row: a {@link DataRow.Kind#TEST} row named
 * {@code proves <change>: <test>}, with the outcome (then {@code ": "} and the message, if any) as its value and the
 * time in ms as its number, like the test cases of a JUnit report.
 */
public final class ProofRows {
    /** The start of the name of every proof row. */
    public static final String PREFIX = "proves ";

    private ProofRows() {
    }

    /** The row recording {@code proof} in step {@code step} of run {@code runId}. */
    public static DataRow row(String runId, String step, TestProof proof, Instant at) {
        String value = proof.outcome().label() + (proof.message() == null ? "" : ": " + proof.message());
        return new DataRow(runId, step, DataRow.Kind.TEST, PREFIX + proof.change() + ": " + proof.test(), value,
                (double) proof.time().toMillis(), null, at);
    }

    /** The proof {@code row} records, or empty when it records something else. */
    public static Optional<TestProof> parse(DataRow row) {
        if (row.kind() != DataRow.Kind.TEST || !row.name().startsWith(PREFIX) || row.value() == null) return Optional.empty();
        String rest = row.name().substring(PREFIX.length());
        int split = rest.indexOf(": ");
        if (split <= 0) return Optional.empty();
        int colon = row.value().indexOf(": ");
        String label = colon < 0 ? row.value() : row.value().substring(0, colon);
        TestProof.Outcome outcome;
        try {
            outcome = TestProof.Outcome.fromLabel(label);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Duration time = Duration.ofMillis(row.number() == null ? 0 : row.number().longValue());
        return Optional.of(new TestProof(rest.substring(0, split), rest.substring(split + 2), outcome, time,
                colon < 0 ? null : row.value().substring(colon + 2)));
    }

    /** The proofs among {@code rows}, in order. */
    public static List<TestProof> of(List<DataRow> rows) {
        return rows.stream().map(ProofRows::parse).flatMap(Optional::stream).toList();
    }
}
