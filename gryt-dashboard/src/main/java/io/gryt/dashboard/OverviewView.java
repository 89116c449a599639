package io.gryt.dashboard;

import io.gryt.api.release.Evolution;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import io.gryt.report.StatusText;
import org.jline.utils.AttributedStringBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The first screen: generations and their progress, running pipelines step by step, recent activity, stats, alerts. */
final class OverviewView implements View {
    private List<Object> items = List.of();
    private int selected;

    @Override
    public void reload(Gryt gryt, StatusPage page) {
    }

    @Override
    public String title(StatusPage page) {
        return "gryt dashboard: " + page.project();
    }

    @Override
    public Lines body(StatusPage page, Instant now, Palette p, String filter) {
        List<Object> shown = new ArrayList<>();
        Lines l = new Lines();
        l.add("GENERATIONS", p.heading());
        for (StatusPage.GenerationLine g : page.generations()) {
            if (!View.matches(filter, g.version(), g.status())) continue;
            shown.add(g);
            AttributedStringBuilder b = l.line().append(Lines.pad(g.version(), 14))
                    .append(Lines.pad(g.status(), 13), p.status(g.status())).append(StatusText.progress(g));
            l.item(selected == shown.size() - 1, b, p);
        }
        if (page.generations().isEmpty()) l.add("  none recorded (gryt generation new vX.Y.Z)", p.muted());
        l.add("RUNNING", p.heading());
        if (page.running().isEmpty()) l.add("  nothing running", p.muted());
        for (StatusPage.LiveRun r : page.running()) {
            l.add("  " + StatusText.runLine(r.run(), now), p.status("running"));
            for (StepRun s : r.steps()) {
                if (!View.matches(filter, s.name(), s.status().label())) continue;
                shown.add(s);
                AttributedStringBuilder b = l.line().append("  ").append(Lines.pad(s.name(), 16))
                        .append(Lines.pad(s.status().label(), 10), p.status(s.status().label()))
                        .append(StatusText.elapsed(s, now));
                l.item(selected == shown.size() - 1, b, p);
            }
        }
        l.add("RECENT", p.heading());
        if (page.recent().isEmpty()) l.add("  none", p.muted());
        for (Evolution e : page.recent()) {
            l.add(l.line().append("  ").append(Lines.pad(e.tag(), 16))
                    .append(Lines.pad(e.status().label(), 12), p.status(e.status().label()))
                    .append(String.join(",", e.changes())));
        }
        l.add(l.line().append("STATS ", p.heading()).append(StatusText.statsLine(page.stats())));
        if (!page.alerts().isEmpty()) {
            l.add("ALERTS", p.alert());
            for (String a : page.alerts()) l.add("  ! " + a, p.alert());
        }
        items = shown;
        if (selected >= shown.size()) selected = Math.max(0, shown.size() - 1);
        return l;
    }

    @Override
    public View key(Key key, int rows) {
        if (items.isEmpty()) return null;
        Object item = items.get(Math.min(selected, items.size() - 1));
        if (item instanceof StatusPage.GenerationLine g && key.open()) return new GenerationView(g.version());
        if (item instanceof StepRun s && (key.open() || key.is('l'))) return new LogView(s.runId(), s.name());
        selected = View.move(selected, key, items.size(), rows);
        return null;
    }

    @Override
    public String help() {
        return "j/k move  Enter open  l log";
    }
}
