package io.gryt.core.testreport;

import io.gryt.api.TestCase;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Reads JUnit XML test reports, the de-facto format written by Maven Surefire and Failsafe, Gradle, pytest
 * ({@code --junitxml}), go-junit-report and most other tools: a {@code <testsuite>} (or {@code <testsuites>}
 * around several) of {@code <testcase classname name time>} elements, each holding a {@code <failure>},
 * {@code <error>} or {@code <skipped>} when it did not pass. Surefire's {@code <flakyFailure>} and
 * {@code <rerunFailure>} elements are extra detail, not the verdict.
 *
 * <p>The JDK's SAX parser is used with DOCTYPE declarations refused and every external access off, so a report
 * cannot read files or reach the network (XXE). Stable API.
 */
public final class JunitXml {
    private static final int MAX_MESSAGE = 500;
    private static final Set<String> IGNORED_IN_CASE = Set.of("flakyFailure", "flakyError", "rerunFailure", "rerunError");

    private JunitXml() {
    }

    /**
     * The test cases of report {@code file}, in report order; {@code shown} is how messages and the cases'
     * {@link TestCase#report()} name the file.
     *
     * @throws MalformedReportException when the file cannot be read or is not a JUnit XML report
     */
    public static List<TestCase> read(Path file, String shown) {
        Handler handler = new Handler(shown);
        try (InputStream in = Files.newInputStream(file)) {
            parser().parse(in, handler);
        } catch (SAXParseException e) {
            throw new MalformedReportException(shown + ":" + e.getLineNumber() + ": not a valid JUnit XML report: "
                    + e.getMessage());
        } catch (SAXException e) {
            throw new MalformedReportException(e.getMessage());
        } catch (IOException e) {
            throw new MalformedReportException(shown + ": cannot read test report: " + e.getMessage());
        }
        return List.copyOf(handler.cases);
    }

    private static SAXParser parser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened: " + e.getMessage(), e);
        }
    }

    /** Builds test cases from SAX events; fails with {@code file:line} on a structure it cannot read. */
    private static final class Handler extends DefaultHandler {
        private final String shown;
        private final List<TestCase> cases = new ArrayList<>();
        private final Deque<String> suites = new ArrayDeque<>();
        private Locator locator;
        private boolean rootSeen;
        // the test case being read
        private String className;
        private String name;
        private Duration time;
        private TestCase.Status status;
        private String message;
        private StringBuilder text;
        private int ignoredDepth;

        Handler(String shown) {
            this.shown = shown;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (!rootSeen) {
                rootSeen = true;
                if (!qName.equals("testsuite") && !qName.equals("testsuites")) {
                    throw fail("not a JUnit XML report: the root element is <" + qName
                            + ">, expected <testsuite> or <testsuites>");
                }
            }
            if (ignoredDepth > 0) {
                ignoredDepth++;
                return;
            }
            switch (qName) {
                case "testsuite" -> suites.push(orEmpty(attributes.getValue("name")));
                case "testcase" -> {
                    if (name != null) throw fail("<testcase> inside <testcase>");
                    name = attributes.getValue("name");
                    if (name == null || name.isBlank()) throw fail("<testcase> without a name");
                    String cls = attributes.getValue("classname");
                    className = cls == null || cls.isBlank() ? (suites.isEmpty() ? "" : suites.peek()) : cls;
                    time = seconds(attributes.getValue("time"));
                    status = TestCase.Status.PASSED;
                }
                case "failure", "error", "skipped" -> {
                    if (name == null) return;
                    TestCase.Status s = switch (qName) {
                        case "failure" -> TestCase.Status.FAILED;
                        case "error" -> TestCase.Status.ERRORED;
                        default -> TestCase.Status.SKIPPED;
                    };
                    // a failure outranks a skip; the first failure or error is the one reported
                    if (status == TestCase.Status.PASSED || (status == TestCase.Status.SKIPPED && s != TestCase.Status.SKIPPED)) {
                        status = s;
                        message = firstLine(attributes.getValue("message"));
                        text = message == null ? new StringBuilder() : null;
                    }
                }
                default -> {
                    if (name != null && IGNORED_IN_CASE.contains(qName)) ignoredDepth = 1;
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null && ignoredDepth == 0 && text.length() < 4 * MAX_MESSAGE) text.append(ch, start, length);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (ignoredDepth > 0) {
                ignoredDepth--;
                return;
            }
            switch (qName) {
                case "testsuite" -> {
                    if (!suites.isEmpty()) suites.pop();
                }
                case "failure", "error", "skipped" -> {
                    if (text != null) {
                        message = firstLine(text.toString());
                        text = null;
                    }
                }
                case "testcase" -> {
                    cases.add(new TestCase(className, name, status, time, message, shown));
                    name = null;
                    message = null;
                    text = null;
                }
                default -> {
                }
            }
        }

        private Duration seconds(String value) throws SAXException {
            if (value == null || value.isBlank()) return Duration.ZERO;
            try {
                double seconds = Double.parseDouble(value.strip().replace(",", ""));
                if (!Double.isFinite(seconds) || seconds < 0) throw new NumberFormatException();
                return Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
            } catch (NumberFormatException e) {
                throw fail("test case '" + name + "' has an invalid time '" + value + "'");
            }
        }

        private SAXException fail(String what) {
            int line = locator == null ? -1 : locator.getLineNumber();
            return new SAXException(shown + (line > 0 ? ":" + line : "") + ": " + what);
        }

        private static String orEmpty(String s) {
            return s == null ? "" : s;
        }

        private static String firstLine(String s) {
            if (s == null) return null;
            for (String line : s.split("\r?\n|\r")) {
                String stripped = line.strip();
                if (!stripped.isEmpty()) {
                    return stripped.length() <= MAX_MESSAGE ? stripped : stripped.substring(0, MAX_MESSAGE - 3) + "...";
                }
            }
            return null;
        }
    }
}
