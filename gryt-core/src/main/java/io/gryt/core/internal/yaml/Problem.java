package io.gryt.core.internal.yaml;

import io.gryt.core.internal.yaml.YamlNode.Mark;
import java.util.List;

/**
 * One thing wrong in a file, at a position and a field path ({@code changes[1].id}, or empty for the file's
 * top level). A file's problems are reported together, one line each, in file order.
 */
record Problem(Mark mark, String path, String message) {
    /** Every problem as {@code <file>:<line>:<col>: <path>: <message>}, one line each, in file order. */
    static YamlException report(String file, List<Problem> problems) {
        if (problems.isEmpty()) throw new IllegalArgumentException("no problems to report");
        List<YamlException> each = problems.stream()
                .map(p -> new YamlException(file, p.mark().line(), p.mark().column(),
                        (p.path().isEmpty() ? "" : p.path() + ": ") + p.message()))
                .toList();
        return YamlException.all(each);
    }
}
