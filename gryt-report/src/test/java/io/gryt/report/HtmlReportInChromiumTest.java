package io.gryt.report;

import io.gryt.core.Gryt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report as a browser shows it: rendered by a real headless Chromium, it loads without a single console
 * message (no script error, nothing blocked by its Content-Security-Policy, so nothing tried to load) and shows
 * the release. Skipped, saying so, where Chromium is not installed.
 */
class HtmlReportInChromiumTest {
    @TempDir
    Path dir;

    @TempDir
    Path browser;

    HeadlessChromium chromium() {
        HeadlessChromium c = HeadlessChromium.find(browser).orElse(null);
        Assumptions.assumeTrue(c != null, HeadlessChromium.NOT_INSTALLED);
        return c;
    }

    @Test
    void theSeedReleaseReportLoadsWithoutConsoleErrorsAndShowsTheRelease() throws Exception {
        HeadlessChromium chromium = chromium();
        SeedRelease seed = SeedRelease.promoted(dir.resolve("payments"));
        Path page = browser.resolve("audit-report.html");
        String trail;
        try (Gryt gryt = seed.open()) {
            AuditExport.of(gryt).format(ExportFormat.HTML).writeTo(page);
            trail = TrailVerification.run(() -> gryt.store().audit().verify()).summary();
        }
        assertThat(trail).startsWith("intact: ");

        HeadlessChromium.Output dom = chromium.dumpDom(page);
        assertThat(dom.exitCode()).as(String.join("\n", dom.stderr())).isZero();
        assertThat(dom.consoleLines()).as("console messages of the page").isEmpty();
        assertThat(dom.stdout()).contains("gryt audit report", "payments", "Generation v2.2.0", "PAY-003",
                "Support Apple Pay", "v2.2.0-rc.2", "<span class=\"status fail\">fail</span>", "Promotion #2",
                "all-changes-proven", "dist/app.bin", "Audit trail " + trail.replace("&", "&amp;"));

        Path png = browser.resolve("audit-report.png");
        HeadlessChromium.Output shot = chromium.screenshot(page, png);
        assertThat(shot.exitCode()).as(String.join("\n", shot.stderr())).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).hasSizeGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String keep = System.getProperty("gryt.report.screenshot");
        if (keep != null) Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theConsoleCheckSeesAScriptErrorAndABlockedLoad() throws Exception {
        HeadlessChromium chromium = chromium();
        Path bad = browser.resolve("bad.html");
        Files.writeString(bad, Html.head("bad") + "<p>x</p><img src=\"http://127.0.0.1:9/x.png\"></body></html>");
        assertThat(chromium.dumpDom(bad).consoleLines()).anySatisfy(l -> assertThat(l).contains("Content Security Policy"));
        Path error = browser.resolve("error.html");
        Files.writeString(error, "<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>");
        assertThat(chromium.dumpDom(error).consoleLines()).anySatisfy(l -> assertThat(l).contains("Uncaught"));
    }
}
