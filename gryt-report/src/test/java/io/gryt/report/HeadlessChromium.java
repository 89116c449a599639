package io.gryt.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real headless Chromium, run once per page: the DOM it rendered, what it logged, a screenshot. */
final class HeadlessChromium {
    static final String NOT_INSTALLED = "Chromium not installed: apt-get install chromium (CI installs it)";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;
    private final Path workDir;

    private HeadlessChromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /** Chromium at /usr/bin/chromium, or chromium, chromium-browser or google-chrome on the PATH. */
    static Optional<HeadlessChromium> find(Path workDir) {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/chromium")));
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) candidates.add(Path.of(d, name));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(p -> new HeadlessChromium(p, workDir));
    }

    /** What one run printed. */
    record Output(int exitCode, String stdout, List<String> stderr) {
        /** The console messages the page produced (errors, CSP violations, logs). */
        List<String> consoleLines() {
            return stderr.stream().filter(l -> l.contains(":CONSOLE") || l.contains("Uncaught")).toList();
        }
    }

    /** The page's DOM after loading, and Chromium's log. */
    Output dumpDom(Path page) throws Exception {
        return run("--dump-dom", page.toUri().toString());
    }

    /** A screenshot of the page, 1280 pixels wide. */
    Output screenshot(Path page, Path png) throws Exception {
        return run("--screenshot=" + png, "--window-size=1280,1800", "--hide-scrollbars", page.toUri().toString());
    }

    private Output run(String... args) throws Exception {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path out = workDir.resolve(profile.getFileName() + ".out");
        Path err = workDir.resolve(profile.getFileName() + ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("chromium still running after " + TIMEOUT + ": " + String.join(" ", command)
                        + "\n" + read(err));
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Output(p.exitValue(), read(out), read(err).lines().toList());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
