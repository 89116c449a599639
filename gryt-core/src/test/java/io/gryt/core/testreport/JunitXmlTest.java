package io.gryt.core.testreport;

import io.gryt.api.TestCase;
import io.gryt.api.TestCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.gryt.api.TestCase.Status.ERRORED;
import static io.gryt.api.TestCase.Status.FAILED;
import static io.gryt.api.TestCase.Status.PASSED;
import static io.gryt.api.TestCase.Status.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

class JunitXmlTest {
    @TempDir
    Path dir;

    private static Path sample(String name) throws URISyntaxException {
        return Path.of(JunitXmlTest.class.getResource(name).toURI());
    }

    @Test
    void readsASurefireReport() throws Exception {
        List<TestCase> cases = JunitXml.read(sample("surefire-TEST-com.example.pay.ChargeTest.xml"), "TEST-ChargeTest.xml");

        assertThat(cases).extracting(TestCase::fullName, TestCase::status, TestCase::message).containsExactly(
                tuple("com.example.pay.ChargeTest.chargesInEuros", PASSED, null),
                tuple("com.example.pay.ChargeTest.readsTheLedger", ERRORED, "ledger unavailable"),
                tuple("com.example.pay.ChargeTest.roundsRefundsHalfUp", FAILED,
                        "refund rounds half up ==> expected: <268> but was: <267>"),
                tuple("com.example.pay.ChargeTest.talksToTheGateway", SKIPPED, "gateway sandbox is down"));
        assertThat(cases.get(0).time()).isEqualTo(Duration.ofMillis(82));
        assertThat(cases).extracting(TestCase::report).containsOnly("TEST-ChargeTest.xml");
        assertThat(TestCounts.of(cases)).isEqualTo(new TestCounts(4, 1, 1, 1, 1));
    }

    @Test
    void readsAPytestReport() throws Exception {
        List<TestCase> cases = JunitXml.read(sample("pytest-report.xml"), "pytest-report.xml");

        assertThat(cases).extracting(TestCase::className, TestCase::name, TestCase::status).containsExactly(
                tuple("test_pay", "test_charge_in_euros", PASSED),
                tuple("test_pay", "test_refund_rounding", FAILED),
                tuple("test_pay", "test_gateway", SKIPPED),
                tuple("test_pay", "test_with_broken_fixture", ERRORED),
                tuple("test_pay.TestCurrency", "test_parse", PASSED));
        assertThat(cases.get(1).message()).isEqualTo("AssertionError: refund rounds half up");
        assertThat(cases.get(3).message()).isEqualTo("failed on setup with \"RuntimeError: database unavailable\"");
    }

    @Test
    void readsAGradleReport() throws Exception {
        List<TestCase> cases = JunitXml.read(sample("gradle-TEST-com.example.pay.LedgerTest.xml"), "gradle.xml");

        assertThat(cases).extracting(TestCase::name, TestCase::status, TestCase::message).containsExactly(
                tuple("postsAnEntry()", PASSED, null),
                tuple("balancesTheBooks()", FAILED, "org.opentest4j.AssertionFailedError: expected: <0> but was: <5>"),
                tuple("archivesOldEntries()", SKIPPED, null));
    }

    @Test
    void readsAGoJunitReportWithSeveralSuites() throws Exception {
        List<TestCase> cases = JunitXml.read(sample("go-junit-report.xml"), "go.xml");

        assertThat(cases).extracting(TestCase::fullName, TestCase::status, TestCase::message).containsExactly(
                tuple("example.com/pay.TestCharge", PASSED, null),
                tuple("example.com/pay.TestRefund", FAILED, "Failed"),
                tuple("example.com/pay.TestGateway", SKIPPED, "Skipped"),
                tuple("example.com/pay/ledger.TestPost/with_currency", PASSED, null));
    }

    @Test
    void aCaseWithoutClassnameTakesItsSuitesNameAndAFailureWithoutMessageItsText() throws Exception {
        Path file = write("""
                <testsuite name="suite-a"><testcase name="t1" time="1,234.5"><failure>
                   boom happened
                   at line 2</failure><system-out>noise</system-out></testcase></testsuite>""");

        TestCase only = JunitXml.read(file, "r.xml").get(0);

        assertThat(only.className()).isEqualTo("suite-a");
        assertThat(only.message()).isEqualTo("boom happened");
        assertThat(only.time()).isEqualTo(Duration.ofMillis(1_234_500));
    }

    @Test
    void aFlakyFailureThatPassedOnRerunIsAPass() throws Exception {
        Path file = write("""
                <testsuite name="s"><testcase name="t" classname="C">
                <flakyFailure message="first try failed" type="X"><stackTrace>...</stackTrace></flakyFailure>
                </testcase></testsuite>""");

        assertThat(JunitXml.read(file, "r.xml")).extracting(TestCase::status).containsExactly(PASSED);
    }

    @Test
    void aReportThatIsNotXmlNamesFileAndLine() throws Exception {
        Path file = write("<testsuite name=\"s\">\n<testcase name=\"t\">\n</testsuite>");

        assertThatThrownBy(() -> JunitXml.read(file, "target/r.xml"))
                .isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("target/r.xml:3: not a valid JUnit XML report: ");
    }

    @Test
    void anotherXmlDocumentIsRefused() throws Exception {
        Path file = write("<project>\n</project>");

        assertThatThrownBy(() -> JunitXml.read(file, "pom.xml")).isInstanceOf(MalformedReportException.class)
                .hasMessage("pom.xml:1: not a JUnit XML report: the root element is <project>, expected <testsuite> or <testsuites>");
    }

    @Test
    void aTestCaseWithoutANameOrWithABadTimeIsRefused() throws Exception {
        assertThatThrownBy(() -> JunitXml.read(write("<testsuite>\n<testcase classname=\"C\"/></testsuite>"), "r.xml"))
                .hasMessage("r.xml:2: <testcase> without a name");
        assertThatThrownBy(() -> JunitXml.read(write("<testsuite><testcase name=\"t\" time=\"soon\"/></testsuite>"), "r.xml"))
                .hasMessage("r.xml:1: test case 't' has an invalid time 'soon'");
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top-secret");
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<testsuite><testcase name=\"t\"><failure message=\"&xxe;\"/></testcase></testsuite>");

        assertThatThrownBy(() -> JunitXml.read(file, "evil.xml")).isInstanceOf(MalformedReportException.class)
                .hasMessageStartingWith("evil.xml:2: not a valid JUnit XML report:")
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("top-secret");
    }

    @Test
    void aMissingFileIsAMalformedReportNamingIt() {
        assertThatThrownBy(() -> JunitXml.read(dir.resolve("nope.xml"), "nope.xml"))
                .isInstanceOf(MalformedReportException.class).hasMessageStartingWith("nope.xml: cannot read test report");
    }

    private Path write(String xml) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "report", ".xml"), xml);
    }
}
