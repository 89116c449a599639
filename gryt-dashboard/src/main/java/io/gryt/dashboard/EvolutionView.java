package io.gryt.dashboard;

import io.gryt.api.release.Evolution;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import io.gryt.report.StatusText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One evolution: what it proves, on which commit, and the steps of its run (updating while it runs). */
final class EvolutionView implements View {
    private final String tag;
    private Evolution evolution;
    private List<StepRun> steps = List.of();
    private List<StepRun> items = List.of();
    private int selected;

    EvolutionView(String tag) {
        this.tag = tag;
    }

    @Override
    public void reload(Gryt gryt, StatusPage page) {
        evolution = gryt.evolution(tag).orElse(null);
        steps = evolution == null || evolution.runId() == null ? List.of() : gryt.steps(evolution.runId());
    }

    @Override
    public String title(StatusPage page) {
        return "evolution " + tag + (evolution == null ? "" : "  " + evolution.status().label());
    }

    @Override
    public Lines body(StatusPage page, Instant now, Palette p, String filter) {
        Lines l = new Lines();
        if (evolution == null) return l.add("  not recorded", p.muted());
        l.add(l.line().append("proves  ").append(String.join(", ", evolution.changes())));
        l.add(l.line().append("commit  ").append(evolution.commit() == null ? "-" : evolution.commit()));
        l.add(l.line().append("run     ").append(evolution.runId() == null ? "-" : evolution.runId()));
        l.add(l.line().append("status  ").append(evolution.status().label(), p.status(evolution.status().label())));
        l.add("STEPS", p.heading());
        List<StepRun> shown = new ArrayList<>();
        for (StepRun s : steps) {
            if (!View.matches(filter, s.name(), s.status().label())) continue;
            shown.add(s);
            l.item(selected == shown.size() - 1, l.line().append(Lines.pad(s.name(), 16))
                    .append(Lines.pad(s.status().label(), 10), p.status(s.status().label()))
                    .append(StatusText.elapsed(s, now)).append(s.error() == null ? "" : "  " + s.error()), p);
        }
        if (steps.isEmpty()) l.add("  no steps recorded yet", p.muted());
        items = shown;
        if (selected >= shown.size()) selected = Math.max(0, shown.size() - 1);
        return l;
    }

    @Override
    public View key(Key key, int rows) {
        if (items.isEmpty()) return null;
        if (key.open() || key.is('l')) {
            StepRun s = items.get(Math.min(selected, items.size() - 1));
            return new LogView(s.runId(), s.name());
        }
        selected = View.move(selected, key, items.size(), rows);
        return null;
    }

    @Override
    public String help() {
        return "j/k move  Enter/l log  Esc back";
    }
}
