package io.gryt.core.doctor;

import java.util.Objects;

/**
 * One finding of {@link Doctor}.
 *
 * @param topic  what was checked ({@code java}, {@code git}, {@code database}, {@code pipeline release}...)
 * @param status how it went
 * @param detail what was found, and for a problem what to do about it
 */
public record Check(String topic, Status status, String detail) {
    /** How a check went. */
    public enum Status {
        /** Fine. */
        OK,
        /** Works, but worth a look. */
        WARN,
        /** A problem to fix: gryt or a pipeline cannot work as it is. */
        FAIL
    }

    public Check {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static Check ok(String topic, String detail) {
        return new Check(topic, Status.OK, detail);
    }

    static Check warn(String topic, String detail) {
        return new Check(topic, Status.WARN, detail);
    }

    static Check fail(String topic, String detail) {
        return new Check(topic, Status.FAIL, detail);
    }
}
