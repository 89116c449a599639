package io.gryt.core.internal.exec;

import io.gryt.api.Pipeline;
import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.StepStatus;
import io.gryt.api.TestCounts;
import io.gryt.api.spi.DataRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static io.gryt.api.Dsl.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class JunitReportStepTest {
    @TempDir
    Path dir;

    private static String copyOf(String sample, String to) throws Exception {
        Path source = Path.of(JunitReportStepTest.class.getResource("/io/gryt/core/testreport/" + sample).toURI());
        return "mkdir -p reports && cp '" + source + "' reports/" + to;
    }

    @Test
    void eachTestCaseIsADataRowAndFailedTestsFailTheStep() throws Exception {
        Runs runs = new Runs(dir);
        RunResult run = runs.run(Pipeline.of(step("test")
                .sh(copyOf("surefire-TEST-com.example.pay.ChargeTest.xml", "TEST-a.xml") + " && "
                        + copyOf("pytest-report.xml", "TEST-b.xml"))
                .junitReports("reports/TEST-*.xml")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.FAIL);
        assertThat(test.error()).isEqualTo("4 of 9 tests failed: com.example.pay.ChargeTest.readsTheLedger, "
                + "com.example.pay.ChargeTest.roundsRefundsHalfUp, test_pay.test_refund_rounding, test_pay.test_with_broken_fixture");
        assertThat(test.testCounts()).isEqualTo(new TestCounts(9, 3, 2, 2, 2));
        assertThat(runs.store.dataRows(run.runId())).filteredOn(r -> r.kind() == DataRow.Kind.TEST)
                .extracting(DataRow::name, DataRow::value).startsWith(
                        tuple("com.example.pay.ChargeTest.chargesInEuros", "passed"),
                        tuple("com.example.pay.ChargeTest.readsTheLedger", "errored: ledger unavailable"))
                .hasSize(9);
        assertThat(test.testCases()).extracting(t -> t.report()).contains("reports/TEST-a.xml", "reports/TEST-b.xml");
    }

    @Test
    void aPassingReportKeepsTheStepPassing() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("test")
                .sh("printf '<testsuite><testcase classname=\"C\" name=\"t\" time=\"0.5\"/></testsuite>' > r.xml")
                .junitReports("r.xml")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.PASS);
        assertThat(test.testCounts()).isEqualTo(new TestCounts(1, 1, 0, 0, 0));
    }

    @Test
    void aMalformedReportFailsTheStepNamingTheFile() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("test")
                .sh("mkdir -p out && printf '<testsuite>\\n<testcase name=\"t\">\\n' > out/r.xml").junitReports("out/*.xml")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.FAIL);
        assertThat(test.error()).startsWith("out/r.xml:").contains("not a valid JUnit XML report");
    }

    @Test
    void aReportLeftByAnEarlierBuildIsNoEvidence() throws Exception {
        Path old = Files.writeString(dir.resolve("r.xml"), "<testsuite><testcase name=\"t\"/></testsuite>");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(3600)));

        RunResult run = new Runs(dir).run(Pipeline.of(step("test").sh("true").junitReports("r.xml", "missing/*.xml")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.status()).isEqualTo(StepStatus.FAIL);
        assertThat(test.error()).isEqualTo("no JUnit report matching 'r.xml' was written by the step (1 older file(s) ignored)");
        assertThat(test.testCases()).isEmpty();
    }

    @Test
    void aFailedStepStillRecordsTheTestsItsReportsName() {
        RunResult run = new Runs(dir).run(Pipeline.of(step("test")
                .sh("printf '<testsuite><testcase classname=\"C\" name=\"t\"><failure message=\"no\"/></testcase></testsuite>' > r.xml; exit 3")
                .junitReports("r.xml")));

        StepResult test = run.step("test").orElseThrow();
        assertThat(test.error()).isEqualTo("exit code 3");
        assertThat(test.testCounts().failed()).isEqualTo(1);
    }
}
