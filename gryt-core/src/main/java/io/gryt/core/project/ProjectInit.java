package io.gryt.core.project;

import io.gryt.api.GrytException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a project's {@code .gryt/} layout: directories, a sample pipeline and a {@code .gitignore} for the
 * run-time files. Never overwrites anything: running it twice is harmless.
 */
public final class ProjectInit {
    static final String SAMPLE_PIPELINE = """
            # A gryt pipeline. Run it with: gryt run ci
            # `run:` as a list is an argument vector (no shell); as a string it runs with `sh -c`.
            # Steps form a graph: a step starts once the steps in its `depends_on` have passed,
            # and up to `runners` steps run at the same time.
            name: ci
            runners: 2
            env:
              GREETING: hello
            steps:
              - name: hello
                run: ["echo", "hello from gryt"]
              - name: env
                run: "echo \\"$GREETING from step $GRYT_RUN_ID\\""
              - name: check
                run: "test -d .gryt && echo project layout ok"
                depends_on: [hello, env]
                timeout: 1m
            """;

    static final String GITIGNORE = """
            # gryt's run-time files: the audit database, step logs and snapshots stay local.
            # Pipelines, steps.yaml and generations/ are meant to be committed.
            gryt.db
            gryt.db-*
            gryt.db.*
            runs/
            snapshots/
            *.lock
            """;

    private ProjectInit() {
    }

    /**
     * Creates whatever of the layout is missing under {@code root} and returns the paths it created, so that
     * a caller can say what changed. Existing files are left exactly as they are.
     */
    public static List<Path> init(Path root) {
        return init(root, true);
    }

    /** Like {@link #init(Path)}; without the sample {@code pipelines/ci.yaml} when {@code samplePipeline} is false. */
    public static List<Path> init(Path root, boolean samplePipeline) {
        ProjectLayout layout = new ProjectLayout(root);
        List<Path> created = new ArrayList<>();
        try {
            for (Path dir : List.of(layout.grytDir(), layout.pipelinesDir(), layout.generationsDir(), layout.runsDir())) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    created.add(dir);
                }
            }
            if (samplePipeline) writeIfAbsent(layout.pipelinesDir().resolve("ci.yaml"), SAMPLE_PIPELINE, created);
            writeIfAbsent(layout.grytDir().resolve(".gitignore"), GITIGNORE, created);
        } catch (IOException e) {
            throw new GrytException("cannot create " + layout.grytDir() + ": " + e.getMessage(), e);
        }
        return List.copyOf(created);
    }

    private static void writeIfAbsent(Path file, String content, List<Path> created) throws IOException {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            created.add(file);
        } catch (FileAlreadyExistsException e) {
            // leave the user's file alone
        }
    }
}
