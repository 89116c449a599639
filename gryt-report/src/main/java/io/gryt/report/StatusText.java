package io.gryt.report;

import io.gryt.api.read.FlakyStep;
import io.gryt.api.release.Evolution;
import io.gryt.api.spi.PipelineRun;
import io.gryt.api.spi.StepRun;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A {@link StatusPage} as plain text for {@code gryt status}, and the wording of times and durations the dashboard
 * shares with it.
 */
public final class StatusText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    static String render(StatusPage p) {
        StringBuilder b = new StringBuilder();
        b.append("gryt status: ").append(p.project()).append(" at ").append(time(p.takenAt())).append('\n');
        b.append("\nGenerations\n");
        if (p.generations().isEmpty()) b.append("  none recorded (gryt generation new vX.Y.Z)\n");
        for (StatusPage.GenerationLine g : p.generations()) {
            b.append(String.format(Locale.ROOT, "  %-12s %-12s %s%n", g.version(), g.status(), progress(g)));
        }
        b.append("\nRunning\n");
        if (p.running().isEmpty()) b.append("  nothing running\n");
        for (StatusPage.LiveRun r : p.running()) {
            b.append("  ").append(runLine(r.run(), p.takenAt())).append('\n');
            for (StepRun s : r.steps()) b.append("    ").append(stepLine(s, p.takenAt())).append('\n');
        }
        b.append("\nRecent evolutions\n");
        if (p.recent().isEmpty()) b.append("  none\n");
        for (Evolution e : p.recent()) b.append("  ").append(evolutionLine(e)).append('\n');
        b.append("\nStats\n  ").append(statsLine(p.stats())).append('\n');
        b.append("\nAlerts\n");
        if (p.alerts().isEmpty()) b.append("  none\n");
        for (String a : p.alerts()) b.append("  ! ").append(a).append('\n');
        return b.toString();
    }

    /** {@code 2/3 proven}, or {@code no changes}. */
    public static String progress(StatusPage.GenerationLine g) {
        return g.declared() == 0 ? "no changes" : g.proven() + "/" + g.declared() + " proven";
    }

    /** A run's line: id, pipeline, status and how long it has run (until {@code now} while running). */
    public static String runLine(PipelineRun r, Instant now) {
        Instant end = r.finishedAt() == null ? now : r.finishedAt();
        return String.format(Locale.ROOT, "%s %s %s %s", r.pipelineName(), r.status().label(),
                r.startedAt() == null ? "-" : duration(Duration.between(r.startedAt(), end)), r.id());
    }

    /** A step's line: name, status, attempts after the first, and its elapsed time (until {@code now} while running). */
    public static String stepLine(StepRun s, Instant now) {
        return String.format(Locale.ROOT, "%-16s %-9s %s%s", s.name(), s.status().label(), elapsed(s, now),
                s.attempts() > 1 ? " (attempt " + s.attempts() + ")" : "");
    }

    /** How long a step ran, or has run until {@code now}; {@code -} before it started. */
    public static String elapsed(StepRun s, Instant now) {
        if (s.startedAt() == null) return "-";
        return duration(Duration.between(s.startedAt(), s.finishedAt() == null ? now : s.finishedAt()));
    }

    /** An evolution's line: tag, status, the changes it proves, when it was created. */
    public static String evolutionLine(Evolution e) {
        return String.format(Locale.ROOT, "%-16s %-11s %-20s %s", e.tag(), e.status().label(),
                String.join(",", e.changes()), e.createdAt() == null ? "-" : time(e.createdAt()));
    }

    /** Pass rate, mean and p95 durations and flaky steps on one line. */
    public static String statsLine(StatusPage.Stats s) {
        if (s.finishedRuns() == 0) return "no finished runs yet";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d runs, pass rate %.0f%%, mean %s, p95 %s",
                s.finishedRuns(), s.passRate() * 100, duration(s.mean()), duration(s.p95())));
        b.append(", flaky: ");
        if (s.flaky().isEmpty()) b.append("none");
        for (int i = 0; i < s.flaky().size(); i++) {
            FlakyStep f = s.flaky().get(i);
            b.append(i == 0 ? "" : ", ").append(f.step()).append(" (").append(f.runs()).append(')');
        }
        return b.toString();
    }

    /** {@code 2026-12-04 16:50:01Z}. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    /** {@code 1.2s}, {@code 3m05s}, {@code 1h02m}; {@code -} for none. */
    public static String duration(Duration d) {
        if (d == null) return "-";
        long ms = Math.max(0, d.toMillis());
        if (ms < 60_000) return String.format(Locale.ROOT, "%d.%ds", ms / 1000, (ms % 1000) / 100);
        long s = ms / 1000;
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s / 60) % 60);
    }
}
