package io.gryt.sqlite;

import org.jdbi.v3.core.Handle;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work staged to run inside the next write transaction a thread makes: how the outbox's rows ride in the
 * transaction of the state write they describe. Each {@link SqlDatabase} keeps one and calls {@link #runIn} at the
 * end of every write transaction, before it commits.
 */
public final class StagedWrites {
    private final ThreadLocal<Consumer<Handle>> staged = new ThreadLocal<>();

    /**
     * Runs {@code work}, and in the transaction of the first write it makes on this thread also {@code extra}.
     * {@link Staged#done()} is false when {@code work} wrote nothing, and {@code extra} is for the caller to do.
     */
    public <T> Staged<T> staging(Consumer<Handle> extra, Supplier<T> work) {
        if (staged.get() != null) throw new IllegalStateException("writes staged twice on one thread");
        staged.set(extra);
        try {
            T result = work.get();
            return new Staged<>(result, staged.get() == null);
        } finally {
            staged.remove();
        }
    }

    /** True when this thread staged work that the next write must do too. */
    public boolean pending() {
        return staged.get() != null;
    }

    /** Runs what this thread staged, if anything, on {@code handle} (inside the write transaction). */
    public void runIn(Handle handle) {
        Consumer<Handle> extra = staged.get();
        if (extra != null) {
            extra.accept(handle);
            staged.remove();
        }
    }

    /** What {@link #staging} returns: the work's result, and whether the staged work was done with it. */
    public record Staged<T>(T result, boolean done) {
    }
}
