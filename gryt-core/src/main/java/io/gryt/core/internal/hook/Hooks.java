package io.gryt.core.internal.hook;

import io.gryt.api.event.EvolutionStarting;
import io.gryt.api.event.GrytEvent;
import io.gryt.api.event.PromotionStarting;
import io.gryt.api.release.ChangeType;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.Hook;
import io.gryt.api.spi.StoreException;
import io.gryt.core.internal.secret.SecretMask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs hooks on events, each under its timeout on a thread of its own: on a "before" event ({@link #before}) a veto,
 * an exception or a timeout refuses, and is recorded in the audit trail as {@code hook.vetoed}; on an "after" event
 * ({@link #after}) they are failures, reported in one line and recorded as {@code hook.failed}. A hook that overruns
 * its timeout is interrupted (a command hook then kills its process tree) and gryt goes on.
 */
public final class Hooks {
    /** The audit entry of a veto. */
    public static final String VETOED = "hook.vetoed";
    /** The audit entry of a hook that failed on an "after" event. */
    public static final String FAILED = "hook.failed";

    private final List<Hook> registered;
    private final Supplier<HookSettings> settings;
    private final Duration fallbackTimeout;
    private final Consumer<String> reports;
    private final Supplier<Optional<AuditStore>> audit;
    private final Map<String, String> environment;
    private final Set<String> secrets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gryt-hook");
        t.setDaemon(true);
        return t;
    });

    /**
     * Hooks {@code registered} (builder, {@link java.util.ServiceLoader}) and those of {@code settings} (read when
     * first needed); a hook without its own timeout gets {@code timeout} when given, else the settings' one.
     * Failures are reported to {@code reports} and noted in {@code audit}. Command hooks run with {@code environment}
     * (the one gryt was given, as steps do), plus the event's variables.
     */
    public Hooks(List<Hook> registered, Supplier<HookSettings> settings, Duration timeout, Consumer<String> reports,
                 Supplier<Optional<AuditStore>> audit, Map<String, String> environment) {
        this.registered = List.copyOf(registered);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fallbackTimeout = timeout;
        this.reports = Objects.requireNonNull(reports, "reports");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.environment = Map.copyOf(environment);
    }

    /** The project's hook settings ({@code .gryt/hooks.yaml}); a malformed file fails here with its problems. */
    public HookSettings settings() {
        return settings.get();
    }

    /** Every project-wide hook: registered ones, then those of {@code hooks.yaml}. */
    public List<Hook> all() {
        List<Hook> all = new ArrayList<>(registered);
        all.addAll(settings().hooks());
        return all;
    }

    /**
     * The hooks attached to {@code pipeline}.
     *
     * @throws io.gryt.api.InvalidPipelineException when one is not a {@link Hook}
     */
    public static List<Hook> of(io.gryt.api.Pipeline pipeline) {
        List<Hook> hooks = new ArrayList<>();
        for (io.gryt.api.PipelineHook h : pipeline.hooks()) {
            if (!(h instanceof Hook hook)) {
                throw new io.gryt.api.InvalidPipelineException("pipeline '" + pipeline.name() + "': hook " + h.getClass().getName()
                        + " is not an io.gryt.api.spi.Hook, so gryt cannot run it");
            }
            hooks.add(hook);
        }
        return hooks;
    }

    /** True for the events a hook may veto. */
    public static boolean isBefore(GrytEvent event) {
        return event instanceof EvolutionStarting || event instanceof PromotionStarting;
    }

    /**
     * Runs the project-wide hooks and {@code extra} (a pipeline's) that take "before" event {@code event}, every one
     * of them; returns their vetoes, each already recorded in the audit trail. Empty: go ahead.
     */
    public List<Veto> before(GrytEvent event, List<Hook> extra) {
        return before(event, extra, null);
    }

    /**
     * As {@link #before(GrytEvent, List)} for an evolution or promotion of changes of {@code changeTypes}: a command
     * hook limited to other change types ({@code change_types:}) does not run. {@code null}: the types are unknown,
     * every hook runs.
     */
    public List<Veto> before(GrytEvent event, List<Hook> extra, Set<ChangeType> changeTypes) {
        List<Veto> vetoes = new ArrayList<>();
        for (Hook hook : taking(event, extra)) {
            if (changeTypes != null && hook instanceof CommandHook c && !c.concerns(changeTypes)) continue;
            Optional<String> refusal = run(hook, event).map(this::masked);
            if (refusal.isPresent()) {
                Veto veto = new Veto(nameOf(hook), refusal.get());
                vetoes.add(veto);
                note(VETOED, event, veto);
            }
        }
        return vetoes;
    }

    /** Runs the project-wide hooks that take "after" event {@code event}; see {@link #after(GrytEvent, List)}. */
    public void after(GrytEvent event) {
        if (!isBefore(event)) run(event, all());
    }

    /**
     * Runs {@code hooks} (a pipeline's) that take "after" event {@code event}. A veto, exception or timeout is
     * reported, never thrown: what happened cannot be undone.
     */
    public void after(GrytEvent event, List<Hook> hooks) {
        if (!hooks.isEmpty() && !isBefore(event)) run(event, hooks);
    }

    private void run(GrytEvent event, List<Hook> hooks) {
        for (Hook hook : hooks) {
            if (!takes(hook, event)) continue;
            run(hook, event).map(this::masked).ifPresent(reason -> {
                Veto failure = new Veto(nameOf(hook), reason);
                reports.accept("hook " + failure.hook() + " failed on " + event.type() + " (it cannot undo it): " + reason);
                note(FAILED, event, failure);
            });
        }
    }

    private List<Hook> taking(GrytEvent event, List<Hook> extra) {
        List<Hook> hooks = new ArrayList<>(all());
        hooks.addAll(extra);
        return hooks.stream().filter(h -> takes(h, event)).toList();
    }

    private static boolean takes(Hook hook, GrytEvent event) {
        try {
            return hook.takes(event);
        } catch (RuntimeException | LinkageError e) {
            return true; // a hook that cannot say is run, and its failure reported
        }
    }

    /**
     * Adds secret values (those a run's pipeline and steps declare) to mask in every reason a hook gives: a hook's
     * last line of output is printed and recorded in the audit trail.
     */
    public void addSecrets(java.util.Collection<String> values) {
        values.stream().filter(java.util.Objects::nonNull).forEach(secrets::add);
    }

    private SecretMask mask() {
        return secrets.isEmpty() ? SecretMask.NONE : SecretMask.of(List.copyOf(secrets));
    }

    private String masked(String reason) {
        return mask().apply(reason);
    }

    /** Runs one hook under its timeout; its refusal (veto, exception, timeout) or empty when it lets things proceed. */
    private Optional<String> run(Hook hook, GrytEvent event) {
        Duration limit = timeoutOf(hook);
        Future<Hook.Verdict> running = threads.submit(() -> hook instanceof CommandHook command
                ? command.on(event, environment, mask()) : hook.on(event));
        try {
            Hook.Verdict verdict = running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (verdict == null) return Optional.of("returned no verdict");
            return verdict.reason();
        } catch (TimeoutException e) {
            running.cancel(true);
            return Optional.of("timed out after " + io.gryt.core.text.Durations.format(limit) + " and was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Optional.of("failed: " + oneLine(String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause)));
        } catch (CancellationException e) {
            return Optional.of("was cancelled");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Duration timeoutOf(Hook hook) {
        Optional<Duration> own;
        try {
            own = hook.timeout();
        } catch (RuntimeException e) {
            own = Optional.empty();
        }
        return own.orElseGet(() -> fallbackTimeout != null ? fallbackTimeout : settings().timeout());
    }

    private void note(String entry, GrytEvent event, Veto veto) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("hook", veto.hook());
        facts.put("reason", veto.reason());
        facts.put("on", event.type());
        EventJson.variables(event).forEach((k, v) -> {
            String field = k.substring("GRYT_EVENT_".length()).toLowerCase(java.util.Locale.ROOT);
            if (!field.equals("type")) facts.putIfAbsent(field, v);
        });
        try {
            audit.get().ifPresent(a -> a.note(entry, facts));
        } catch (StoreException | UnsupportedOperationException e) {
            reports.accept("could not record " + entry + " of hook " + veto.hook() + " in the audit trail: " + e.getMessage());
        }
    }

    private static String nameOf(Hook hook) {
        try {
            return hook.name();
        } catch (RuntimeException e) {
            return hook.getClass().getName();
        }
    }

    private static String oneLine(String text) {
        String line = text.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl).strip();
    }

    /**
     * A hook's refusal.
     *
     * @param hook   the hook's name
     * @param reason why
     */
    public record Veto(String hook, String reason) {
    }
}
