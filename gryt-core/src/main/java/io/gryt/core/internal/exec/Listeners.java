package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunListener;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/** Delivers a run's events to its listeners; a listener that throws is logged and otherwise ignored. */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<RunListener> listeners;

    Listeners(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void runStarted(String runId, Pipeline pipeline) {
        each("runStarted", l -> l.runStarted(runId, pipeline));
    }

    void stepStarted(String runId, String step, int attempt) {
        each("stepStarted", l -> l.stepStarted(runId, step, attempt));
    }

    void stepRetrying(String runId, String step, int failedAttempt, String reason) {
        each("stepRetrying", l -> l.stepRetrying(runId, step, failedAttempt, reason));
    }

    /**
     * True when a listener overrides {@link RunListener#stepOutput} (whose default ignores lines): without one, a
     * step's output goes to its log without being decoded into lines.
     */
    boolean wantOutput() {
        for (RunListener listener : listeners) {
            try {
                if (listener.getClass().getMethod("stepOutput", String.class, String.class, String.class)
                        .getDeclaringClass() != RunListener.class) return true;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }
        return false;
    }

    void stepOutput(String runId, String step, String line) {
        each("stepOutput", l -> l.stepOutput(runId, step, line));
    }

    void stepFinished(String runId, StepResult result) {
        each("stepFinished", l -> l.stepFinished(runId, result));
    }

    void runFinished(RunResult result) {
        each("runFinished", l -> l.runFinished(result));
    }

    private void each(String event, Consumer<RunListener> call) {
        for (RunListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.warn("run listener {} failed on {}; ignored", listener, event, e);
            }
        }
    }
}
