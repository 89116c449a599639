package io.gryt.core.config;

import java.util.Locale;

/** Where a project's runs are recorded: the setting {@code execution.mode}. Stable. */
public enum ExecutionMode {
    /** On this machine, in the store at {@code store.url}. */
    LOCAL,
    /** In a team's shared PostgreSQL store at {@code execution.shared_url}. */
    SHARED;

    /** The name written in the config file: {@code local} or {@code shared}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode written as {@code text}, or {@code null} when it is none. */
    static ExecutionMode of(String text) {
        for (ExecutionMode m : values()) {
            if (m.label().equals(text)) return m;
        }
        return null;
    }
}
