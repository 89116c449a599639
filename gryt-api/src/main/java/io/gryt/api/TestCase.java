package io.gryt.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One test case of a JUnit XML report (Surefire, Failsafe, Gradle, pytest, go-junit-report...), recorded as
 * evidence of the step that produced the report.
 *
 * @param className the test's class (or suite, for tools without classes)
 * @param name      the test's name
 * @param status    how it ended
 * @param time      how long it ran ({@link Duration#ZERO} when the report does not say)
 * @param message   the failure, error or skip message (first line), or {@code null}
 * @param report    the report file it came from, relative to the project
 */
public record TestCase(String className, String name, Status status, Duration time, String message, String report) {
    /** How a test case ended. */
    public enum Status {
        PASSED, FAILED, ERRORED, SKIPPED;

        /** The lower-case name used in storage and output. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a {@link #label()}. */
        public static Status fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    public TestCase {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(report, "report");
    }

    /** {@code class.name}, or just the name when there is no class. */
    public String fullName() {
        return className.isEmpty() ? name : className + "." + name;
    }
}
