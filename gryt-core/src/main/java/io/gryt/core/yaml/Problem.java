package io.gryt.core.yaml;

import io.gryt.core.yaml.YamlNode.Mark;
import java.util.Comparator;
import java.util.List;

/**
 * One thing wrong in a file, at a position and a field path ({@code changes[1].id}, or empty for the file's
 * top level). A file's problems are reported together as one line: the first in file order, and how many more.
 */
record Problem(Mark mark, String path, String message) {
    private static final Comparator<Problem> FILE_ORDER =
            Comparator.comparingInt((Problem p) -> p.mark().line()).thenComparingInt(p -> p.mark().column());

    /** {@code <file>:<line>:<col>: <path>: <message>}, plus {@code (and N more problems)} when there are more. */
    static YamlException report(String file, List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems to report");
        Problem first = problems.stream().min(FILE_ORDER).orElseThrow();
        int more = problems.size() - 1;
        String text = (first.path().isEmpty() ? "" : first.path() + ": ") + first.message()
                + (more == 0 ? "" : " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")");
        return new YamlException(file, first.mark().line(), first.mark().column(), text);
    }
}
