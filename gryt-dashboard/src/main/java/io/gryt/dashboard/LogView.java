package io.gryt.dashboard;

import io.gryt.api.StepStatus;
import io.gryt.api.spi.StepRun;
import io.gryt.core.Gryt;
import io.gryt.report.StatusPage;
import io.gryt.report.StatusText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A step's log, scrolling; it follows the end while the step runs, until the reader scrolls up. */
final class LogView implements View {
    /** The most lines kept from a log: its end. */
    static final int MAX_LINES = 10_000;

    private final String runId;
    private final String step;
    private StepRun stepRun;
    private List<String> log = List.of();
    private String problem;
    private int top;
    private boolean follow = true;
    private int shownLines;

    LogView(String runId, String step) {
        this.runId = runId;
        this.step = step;
    }

    @Override
    public void reload(Gryt gryt, StatusPage page) {
        stepRun = gryt.steps(runId).stream().filter(s -> s.name().equals(step)).findFirst().orElse(null);
        problem = null;
        if (stepRun == null || stepRun.logPath() == null) {
            log = List.of();
            problem = "no log recorded for this step";
            return;
        }
        Path file = gryt.projectDir().resolve(stepRun.logPath());
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            log = all.size() > MAX_LINES ? all.subList(all.size() - MAX_LINES, all.size()) : all;
        } catch (IOException | RuntimeException e) {
            log = List.of();
            problem = "cannot read " + file + ": " + e.getMessage();
        }
    }

    @Override
    public String title(StatusPage page) {
        return "log: " + step + (stepRun == null ? "" : "  " + stepRun.status().label() + "  " + StatusText.elapsed(stepRun, Instant.now()))
                + "  run " + runId;
    }

    @Override
    public Lines body(StatusPage page, Instant now, Palette p, String filter) {
        Lines l = new Lines();
        if (problem != null) return l.add(problem, p.muted());
        List<String> shown = new ArrayList<>();
        for (String line : log) if (View.matches(filter, line)) shown.add(line);
        for (String line : shown) l.add(line, org.jline.utils.AttributedStyle.DEFAULT);
        if (shown.isEmpty()) l.add(log.isEmpty() ? "(empty log)" : "(no line matches)", p.muted());
        if (stepRun != null && stepRun.status() == StepStatus.RUNNING) l.add("... running", p.status("running"));
        shownLines = l.size();
        return l;
    }

    @Override
    public int offset(int rows) {
        int last = Math.max(0, shownLines - rows);
        if (follow) top = last;
        top = Math.max(0, Math.min(top, last));
        return top;
    }

    @Override
    public View key(Key key, int rows) {
        int last = Math.max(0, shownLines - rows);
        if (key.up()) top--;
        else if (key.down()) top++;
        else if (key.kind() == Key.Kind.PAGE_UP || key.is('b')) top -= rows;
        else if (key.kind() == Key.Kind.PAGE_DOWN || key.is(' ')) top += rows;
        else if (key.kind() == Key.Kind.HOME || key.is('g')) top = 0;
        else if (key.kind() == Key.Kind.END || key.is('G')) top = last;
        else return null;
        top = Math.max(0, Math.min(top, last));
        follow = top >= last;
        return null;
    }

    @Override
    public String help() {
        return "j/k scroll  PgUp/PgDn page  g/G top/end  Esc back";
    }
}
