package io.gryt.core.internal.exec;

import io.gryt.api.TestCase;
import io.gryt.api.TestCounts;
import io.gryt.core.testreport.JunitXml;
import io.gryt.core.testreport.MalformedReportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects the test cases of the JUnit reports a step declared with {@link io.gryt.api.Step#junitReports}.
 * Only reports written while the step ran count: a stale report left by an earlier build is no evidence.
 */
final class TestReports {
    /** File systems with coarse timestamps may date a report written at once slightly before the step began. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(2);

    private TestReports() {
    }

    /** The step's test cases cannot be known; the message is the step's error. */
    static final class ReportException extends Exception {
        private static final long serialVersionUID = 1L;

        ReportException(String message) {
            super(message);
        }
    }

    /**
     * The test cases of every report matching {@code patterns} in {@code workDir} written since {@code since}, in
     * pattern then path order; {@code shown} names files in messages.
     *
     * @throws ReportException when a pattern matches no fresh report, or a report is malformed
     */
    static List<TestCase> collect(Path projectDir, Path workDir, List<String> patterns, Instant since,
                                  Function<Path, String> shown) throws ReportException {
        Set<Path> files = new LinkedHashSet<>();
        for (String pattern : patterns) {
            List<Path> matches;
            try {
                matches = ArtifactScanner.matches(projectDir, workDir, pattern);
            } catch (ArtifactScanner.ArtifactException e) {
                throw new ReportException("junit report '" + pattern + "': " + e.getMessage());
            }
            List<Path> fresh = new ArrayList<>();
            for (Path file : matches) if (writtenSince(file, since)) fresh.add(file);
            if (fresh.isEmpty()) {
                throw new ReportException("no JUnit report matching '" + pattern + "' was written by the step"
                        + (matches.isEmpty() ? "" : " (" + matches.size() + " older file(s) ignored)"));
            }
            files.addAll(fresh);
        }
        List<TestCase> cases = new ArrayList<>();
        for (Path file : files) {
            try {
                cases.addAll(JunitXml.read(file, shown.apply(file)));
            } catch (MalformedReportException e) {
                throw new ReportException(e.getMessage());
            }
        }
        return cases;
    }

    /** {@code "2 of 12 tests failed: a.B.c, a.B.d"}, or {@code null} when none failed or errored. */
    static String failures(List<TestCase> cases) {
        TestCounts counts = TestCounts.of(cases);
        if (counts.allPassed()) return null;
        List<String> names = cases.stream()
                .filter(c -> c.status() == TestCase.Status.FAILED || c.status() == TestCase.Status.ERRORED)
                .map(TestCase::fullName).toList();
        String shown = names.stream().limit(5).collect(Collectors.joining(", "));
        return names.size() + " of " + counts.total() + " tests failed: " + shown
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    private static boolean writtenSince(Path file, Instant since) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(since.minus(CLOCK_SLACK));
        } catch (IOException e) {
            return true; // unreadable: reading it will say why
        }
    }
}
