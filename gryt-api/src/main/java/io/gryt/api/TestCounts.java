package io.gryt.api;

import java.util.Collection;

/**
 * How many test cases of a step passed, failed, errored and were skipped.
 *
 * @param total   all test cases
 * @param passed  passed ones
 * @param failed  failed ones (an assertion did not hold)
 * @param errored errored ones (the test threw unexpectedly)
 * @param skipped skipped or disabled ones
 */
public record TestCounts(int total, int passed, int failed, int errored, int skipped) {
    /** Counts {@code cases}. */
    public static TestCounts of(Collection<TestCase> cases) {
        int passed = 0, failed = 0, errored = 0, skipped = 0;
        for (TestCase c : cases) {
            switch (c.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case ERRORED -> errored++;
                case SKIPPED -> skipped++;
            }
        }
        return new TestCounts(cases.size(), passed, failed, errored, skipped);
    }

    /** True when no test failed or errored. */
    public boolean allPassed() {
        return failed == 0 && errored == 0;
    }

    /** {@code 12 tests: 10 passed, 1 failed, 0 errored, 1 skipped}. */
    @Override
    public String toString() {
        return total + " tests: " + passed + " passed, " + failed + " failed, " + errored + " errored, "
                + skipped + " skipped";
    }
}
