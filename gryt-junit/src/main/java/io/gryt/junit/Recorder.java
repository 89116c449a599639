package io.gryt.junit;

import io.gryt.api.StepStatus;
import io.gryt.api.release.TestProof;
import io.gryt.core.Gryt;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Optional;

/**
 * Records proofs in the target step, through one {@link Gryt} per test run (opened on first use, closed when the run
 * ends); does nothing without a target.
 */
final class Recorder implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Recorder.class);

    private final Optional<EvidenceTarget> target;
    private Gryt gryt; // guarded by this
    private RuntimeException unusable; // guarded by this; set when the target step was found not running
    private boolean checked; // guarded by this

    Recorder(Optional<EvidenceTarget> target) {
        this.target = target;
    }

    /** The recorder of the test run {@code context} belongs to. */
    static Recorder of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Recorder.class,
                k -> new Recorder(EvidenceTarget.resolve(context::getConfigurationParameter, System.getenv())),
                Recorder.class);
    }

    Optional<EvidenceTarget> target() {
        return target;
    }

    /**
     * Fails, before any test runs, when the target step is not running (a wrong run or step named, or a finished
     * one): the results could not be recorded. Checked once per test run.
     */
    synchronized void requireRunningStep() {
        if (target.isEmpty()) return;
        if (!checked) {
            checked = true;
            EvidenceTarget t = target.get();
            boolean running = open().steps(t.runId()).stream()
                    .anyMatch(s -> s.name().equals(t.step()) && s.status() == StepStatus.RUNNING);
            if (!running) {
                unusable = new ExtensionConfigurationException("@Proves: step '" + t.step() + "' of run " + t.runId()
                        + " is not running in " + t.projectDir() + ", so the tests' results cannot be recorded as evidence");
            }
        }
        if (unusable != null) throw unusable;
    }

    /** Records {@code proofs} in the target step (nothing without a target or proofs). */
    synchronized void record(List<TestProof> proofs) {
        if (target.isEmpty() || proofs.isEmpty()) return;
        EvidenceTarget t = target.get();
        open().recordProofs(t.runId(), t.step(), proofs);
    }

    private Gryt open() {
        if (gryt == null) gryt = Gryt.open(target.orElseThrow().projectDir());
        return gryt;
    }

    @Override
    public synchronized void close() {
        if (gryt != null) gryt.close();
        gryt = null;
    }
}
