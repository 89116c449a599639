package io.gryt.report;

import io.gryt.core.Gryt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page as a browser shows it: rendered by a real headless Chromium, it loads without a console message
 * (nothing blocked, no script) and shows the generations, activity and stats. Skipped, saying so, without Chromium.
 * With {@code -Dgryt.status.screenshot=FILE} the screenshot is kept (it is {@code docs/status-page.png}).
 */
class StatusPageInChromiumTest {
    @TempDir
    Path dir;

    @TempDir
    Path browser;

    @Test
    void theSeedReleasesStatusPageLoadsWithoutConsoleMessagesAndShowsTheRelease() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find(browser).orElse(null);
        Assumptions.assumeTrue(chromium != null, HeadlessChromium.NOT_INSTALLED);
        SeedRelease seed = SeedRelease.promoted(dir.resolve("payments"));
        Path page = browser.resolve("status.html");
        try (Gryt gryt = seed.open()) {
            StatusPage.read(gryt).writeHtml(page);
        }

        HeadlessChromium.Output dom = chromium.dumpDom(page);
        assertThat(dom.exitCode()).as(String.join("\n", dom.stderr())).isZero();
        assertThat(dom.consoleLines()).as("console messages of the page").isEmpty();
        assertThat(dom.stdout()).contains("gryt status: payments", "v2.2.0",
                "<span class=\"status promoted\">promoted</span>", "3/3 proven", "Support Apple Pay",
                "v2.2.0-rc.4", "<span class=\"status fail\">fail</span>", "Pass rate", "75%", "release-pipeline");

        Path png = browser.resolve("status.png");
        HeadlessChromium.Output shot = chromium.screenshot(page, png);
        assertThat(shot.exitCode()).as(String.join("\n", shot.stderr())).isZero();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).hasSizeGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String keep = System.getProperty("gryt.status.screenshot");
        if (keep != null) Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
    }
}
