package io.gryt.api.spi;

import io.gryt.api.PipelineHook;
import io.gryt.api.event.GrytEvent;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Code run on lifecycle events. On a "before" event ({@link io.gryt.api.event.EvolutionStarting evolution.starting},
 * {@link io.gryt.api.event.PromotionStarting promotion.starting}) a hook may {@link Verdict#veto veto}: the evolution
 * or promotion is refused with its reason, which the audit trail records. On any other event it runs after the fact
 * and cannot undo anything: a veto, an exception or a timeout there is reported (a line on stderr and an audit
 * entry), never hidden. On a "before" event an exception or a timeout counts as a veto: a guard that could not
 * decide does not let the release through.
 *
 * <p>Register a hook with {@link java.util.ServiceLoader} (a {@code META-INF/services/io.gryt.api.spi.Hook} entry,
 * also from a jar in {@code .gryt/plugins/}), {@code Gryt.builder().hook(...)}, or on one pipeline with
 * {@code Pipeline.hook(...)} (it then sees that pipeline's runs and evolutions only). Stable.
 */
@FunctionalInterface
public interface Hook extends PipelineHook {
    /** Handles {@code event}; called only for the {@link #events()} this hook takes. */
    Verdict on(GrytEvent event);

    /** The hook's name in reports and audit entries; the class's simple name by default. */
    @Override
    default String name() {
        return getClass().getSimpleName();
    }

    /** The event types it takes ({@code evolution.starting}, {@code step.failed}...); every event when empty. */
    default Set<String> events() {
        return Set.of();
    }

    /** How long it may take; the project's hook timeout (30 s unless configured) when empty. */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /** True when this hook takes {@code event}. */
    default boolean takes(GrytEvent event) {
        Set<String> types = events();
        return types.isEmpty() || types.contains(event.type());
    }

    /**
     * What a hook decided.
     *
     * @param vetoReason why it refuses, or {@code null} when it lets things proceed
     */
    record Verdict(String vetoReason) {
        private static final Verdict PROCEED = new Verdict(null);

        /** Lets the evolution or promotion proceed (the only answer that matters on an "after" event). */
        public static Verdict proceed() {
            return PROCEED;
        }

        /** Refuses the evolution or promotion, saying why in one line. */
        public static Verdict veto(String reason) {
            Objects.requireNonNull(reason, "reason");
            return new Verdict(reason.isBlank() ? "no reason given" : reason.strip());
        }

        /** True for a veto. */
        public boolean vetoed() {
            return vetoReason != null;
        }

        /** The veto's reason, if it is one. */
        public Optional<String> reason() {
            return Optional.ofNullable(vetoReason);
        }
    }
}
