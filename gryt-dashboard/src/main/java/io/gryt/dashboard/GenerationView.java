package io.gryt.dashboard;

import io.gryt.api.GrytException;
import io.gryt.api.release.ChangeEvidence;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.GateResult;
import io.gryt.api.release.Promotion;
import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import io.gryt.report.StatusText;
import org.jline.utils.AttributedStringBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One generation: each change with its latest evolution, the gate report as it would be if promoted now (a dry
 * run, which records nothing), and its evolutions, newest first.
 */
final class GenerationView implements View {
    private final String version;
    private List<Evolution> evolutions = List.of();
    private List<GateResult> gates = List.of();
    private String gateNote = "";
    /** What the gate report was evaluated on: evaluating it touches the store, so it is redone only when this changes. */
    private String gatesOf;
    private List<Evolution> items = List.of();
    private int selected;

    GenerationView(String version) {
        this.version = version;
    }

    @Override
    public void reload(Gryt gryt, StatusPage page) {
        evolutions = new ArrayList<>(gryt.evolutions(version));
        java.util.Collections.reverse(evolutions);
        StatusPage.GenerationLine g = page.generation(version).orElse(null);
        if (g != null && g.status().equals("promoted")) {
            gates = List.of();
            gateNote = "promoted: its gates passed when it was released";
            return;
        }
        String basis = evolutions.toString() + page.generation(version).map(Object::toString).orElse("");
        if (basis.equals(gatesOf)) return;
        gatesOf = basis;
        try {
            Promotion dryRun = gryt.promotion(version).dryRun(true).promote();
            gates = dryRun.gates();
            gateNote = dryRun.gatesPassed() ? "would be promoted" : "would be blocked";
        } catch (GrytException | IllegalStateException e) {
            gates = List.of();
            gateNote = "cannot evaluate: " + e.getMessage();
        }
    }

    @Override
    public String title(StatusPage page) {
        return page.generation(version).map(g -> "generation " + version + "  " + g.status() + "  " + StatusText.progress(g))
                .orElse("generation " + version);
    }

    @Override
    public Lines body(StatusPage page, Instant now, Palette p, String filter) {
        Lines l = new Lines();
        Map<String, Evolution> byTag = evolutions.stream().collect(Collectors.toMap(Evolution::tag, Function.identity(), (a, b) -> a));
        l.add("CHANGES", p.heading());
        List<ChangeEvidence> changes = page.generation(version).map(StatusPage.GenerationLine::changes).orElse(List.of());
        for (ChangeEvidence c : changes) {
            String status = c.latest() == null ? "unproven" : c.latest().status().label();
            Evolution e = c.latest() == null ? null : byTag.get(c.latest().tag());
            l.add(l.line().append("  ").append(Lines.pad(c.change().id(), 10))
                    .append(Lines.pad(c.latest() == null ? "-" : c.latest().tag(), 16))
                    .append(Lines.pad(status, 10), p.status(status))
                    .append(Lines.pad(e == null || e.finishedAt() == null ? "" : StatusText.time(e.finishedAt()).substring(11), 10))
                    .append(c.change().title() == null ? "" : c.change().title()));
        }
        l.add(l.line().append("GATES IF PROMOTED NOW ", p.heading()).append(gateNote,
                p.status(gateNote.startsWith("would be promoted") ? "pass" : gateNote.startsWith("promoted") ? "promoted" : "fail")));
        for (GateResult gate : gates) {
            l.add(l.line().append("  ").append(gate.passed() ? "ok   " : "FAIL ", p.status(gate.passed() ? "pass" : "fail"))
                    .append(Lines.pad(gate.gate(), 24)).append(gate.summary() == null ? "" : gate.summary()));
        }
        l.add("EVOLUTIONS", p.heading());
        List<Evolution> shown = new ArrayList<>();
        for (Evolution e : evolutions) {
            if (!View.matches(filter, e.tag(), e.status().label(), String.join(",", e.changes()))) continue;
            shown.add(e);
            l.item(selected == shown.size() - 1, l.line().append(Lines.pad(e.tag(), 16))
                    .append(Lines.pad(e.status().label(), 12), p.status(e.status().label()))
                    .append(Lines.pad(String.join(",", e.changes()), 20))
                    .append(e.createdAt() == null ? "" : StatusText.time(e.createdAt())), p);
        }
        if (evolutions.isEmpty()) l.add("  none yet (gryt evolution start " + version + " --change <id>)", p.muted());
        items = shown;
        if (selected >= shown.size()) selected = Math.max(0, shown.size() - 1);
        return l;
    }

    @Override
    public View key(Key key, int rows) {
        if (items.isEmpty()) return null;
        if (key.open()) return new EvolutionView(items.get(Math.min(selected, items.size() - 1)).tag());
        selected = View.move(selected, key, items.size(), rows);
        return null;
    }

    @Override
    public String help() {
        return "j/k move  Enter open evolution  Esc back";
    }
}
