package io.gryt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's training tour runs each command's real path: a command that failed would archive too little. */
class StartupTrainingTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandOfTheTourSucceeds() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Integer> codes = StartupTraining.tour(dir, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(codes).as(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo(Collections.nCopies(2 + StartupTraining.TOUR.size() + StartupTraining.RELEASE_TOUR.size(), 0));
        assertThat(dir.resolve("demo/.gryt/generations/v1.0.0.yaml")).isRegularFile();
        assertThat(dir.resolve("demo/.git/refs/tags/v1.0.0")).as("the release tour promoted v1.0.0").isRegularFile();
    }
}
