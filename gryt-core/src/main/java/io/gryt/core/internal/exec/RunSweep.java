package io.gryt.core.internal.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ends what a run's steps left running when the run ends, as CI runners do at the end of a job: a service one
 * step starts stays up for the later steps of the run, and no process outlives the run. Each step whose
 * processes were ended gets a line saying so at the end of its log.
 */
final class RunSweep {
    private static final int MAX_PASSES = 3;

    private RunSweep() {
    }

    /**
     * Kills every process still carrying run {@code runId}'s mark and notes it in the log of the step that left
     * it ({@code setups} by step name). Returns how many processes were killed. Best effort: never throws.
     */
    static int sweep(String runId, Map<String, StepSetup> setups) {
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        Set<Long> killed = new HashSet<>();
        // again after a pass that killed something: a process may have forked between the scan and its kill
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean more = false;
            for (MarkedProcesses.Marked marked : MarkedProcesses.of(runId, Optional.empty())) {
                ProcessHandle process = marked.process();
                if (!killed.add(process.pid())) continue; // killed in an earlier pass, not yet gone
                more = true;
                String command = process.info().command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                byStep.computeIfAbsent(marked.step(), s -> new ArrayList<>()).add(process.pid() + " (" + command + ")");
            }
            if (!more) break;
        }
        for (Map.Entry<String, List<String>> entry : byStep.entrySet()) {
            StepSetup setup = setups.get(entry.getKey());
            if (setup != null) note(setup, entry.getValue());
        }
        return killed.size();
    }

    private static void note(StepSetup setup, List<String> processes) {
        String line = "gryt: the run ended; killed " + (processes.size() == 1 ? "a process" : processes.size() + " processes")
                + " this step left running: " + String.join(", ", processes);
        try {
            Files.writeString(setup.logFile(), setup.mask().apply(line) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // the note is a courtesy: the processes are gone either way
        }
    }
}
