package io.gryt.core;

import io.gryt.api.BadInputException;
import io.gryt.core.config.ConfigKey;
import io.gryt.core.config.ProjectConfig;
import io.gryt.core.store.MemoryStore;
import io.gryt.core.internal.yaml.YamlException;
import io.gryt.testing.TempProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code Gryt} and {@code .gryt/config.yaml}: the store it opens and the runners of pipeline files. */
class GrytConfigTest {
    @TempDir
    Path dir;
    TempProject project;

    @BeforeEach
    void setUp() {
        project = TempProject.create(dir);
        project.writePipeline("unset", "steps:\n  - name: a\n    run: [\"true\"]\n");
        project.writePipeline("two", "runners: 2\nsteps:\n  - name: a\n    run: [\"true\"]\n");
    }

    @Test
    void openUsesTheConfiguredStoreUrl() {
        project.write(".gryt/config.yaml", "store:\n  url: sqlite:db/runs.db\n");
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.config().storeUrl()).isEqualTo("sqlite:db/runs.db");
        }
        assertThat(dir.resolve("db/runs.db")).isRegularFile();
        assertThat(dir.resolve(".gryt/gryt.db")).doesNotExist();
    }

    @Test
    void withoutAConfigFileTheDefaultStoreIsOpened() {
        try (Gryt gryt = Gryt.open(dir)) {
            assertThat(gryt.config()).isEqualTo(ProjectConfig.defaults());
        }
        assertThat(dir.resolve(".gryt/gryt.db")).isRegularFile();
    }

    @Test
    void sharedModeFailsWithOneLineWhileNoAdapterHandlesPostgres() {
        project.write(".gryt/config.yaml", """
                execution:
                  mode: shared
                  shared_url: postgresql://gryt:hunter2@ci.example.com/gryt
                """);
        assertThatThrownBy(() -> Gryt.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("execution.mode is shared but no store adapter handles "
                        + "'postgresql://gryt:***@ci.example.com/gryt' (add gryt-postgres to the class path)")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("\n");
        assertThat(dir.resolve(".gryt/gryt.db")).doesNotExist();
    }

    @Test
    void aPostgresStoreUrlInLocalModeNamesTheKey() {
        project.write(".gryt/config.yaml", "store.url: postgresql://db/gryt\n");
        assertThatThrownBy(() -> Gryt.open(dir)).isInstanceOf(BadInputException.class)
                .hasMessage("store.url is 'postgresql://db/gryt' but no store adapter handles it (add gryt-postgres to the class path)");
    }

    @Test
    void aMistakeInTheConfigFileStopsOpeningWithItsLine() {
        project.write(".gryt/config.yaml", "run:\n  runners: 0\n");
        assertThatThrownBy(() -> Gryt.open(dir)).isInstanceOf(YamlException.class)
                .hasMessageEndingWith("config.yaml:2:12: run.runners: must be between 1 and 256, was 0");
    }

    @Test
    void anExplicitStoreDoesNotReadTheConfigUntilItIsNeeded() {
        project.write(".gryt/config.yaml", "run:\n  runners: 0\n");
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThat(gryt.store()).isSameAs(store);
            assertThatThrownBy(gryt::config).isInstanceOf(YamlException.class);
        }
    }

    @Test
    void anExplicitStoreUrlWinsOverTheConfig() {
        project.write(".gryt/config.yaml", "store.url: sqlite:configured.db\n");
        try (Gryt gryt = Gryt.builder().projectDir(dir).storeUrl("sqlite:explicit.db").build()) {
            assertThat(gryt.config().storeUrl()).isEqualTo("sqlite:configured.db");
        }
        assertThat(dir.resolve("explicit.db")).isRegularFile();
        assertThat(dir.resolve("configured.db")).doesNotExist();
    }

    @Test
    void runnersFromTheConfigApplyOnlyToPipelineFilesThatDoNotSetThem() {
        project.write(".gryt/config.yaml", "run:\n  runners: 5\n");
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThat(gryt.pipeline("unset").runners()).isEqualTo(5);
            assertThat(gryt.pipeline("two").runners()).isEqualTo(2);
            assertThat(gryt.pipeline("unset").runners(3).runners()).isEqualTo(3); // what --runners does
        }
    }

    @Test
    void withoutAConfigPipelineFilesRunOneStepAtATime() {
        try (MemoryStore store = new MemoryStore(); Gryt gryt = Gryt.builder().projectDir(dir).store(store).build()) {
            assertThat(gryt.pipeline("unset").runners()).isEqualTo(1);
        }
    }

    @Test
    void givenSettingsReplaceTheFileAndNameTheStore() {
        project.write(".gryt/config.yaml", "run:\n  runners: 0\n"); // would fail if it were read
        ProjectConfig config = ProjectConfig.defaults().with(ConfigKey.RUN_RUNNERS, 7).with("store.url", "sqlite:given.db");
        try (Gryt gryt = Gryt.builder().projectDir(dir).config(config).build()) {
            assertThat(gryt.config()).isSameAs(config);
            assertThat(gryt.pipeline("unset").runners()).isEqualTo(7);
            assertThat(gryt.run(gryt.pipeline("unset")).passed()).isTrue();
        }
        assertThat(dir.resolve("given.db")).isRegularFile();
    }
}
