package io.gryt.core.config;

import io.gryt.core.internal.yaml.YamlException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code .gryt/config.yaml}: defaults, nested keys, mistakes named by file, line and key, and safe writes. */
class ConfigFileTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void setUp() throws IOException {
        file = Files.createDirectories(dir.resolve(".gryt")).resolve("config.yaml");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(file, text);
    }

    private String error(String text) throws IOException {
        write(text);
        YamlException e = catchThrowableOfType(YamlException.class, () -> ConfigFile.load(file));
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString());
        return e.getMessage().substring(file.toString().length());
    }

    @Test
    void aMissingFileMeansEveryDefault() {
        ProjectConfig config = ConfigFile.load(file);
        assertThat(config).isEqualTo(ProjectConfig.defaults());
        assertThat(config.storeUrl()).isEqualTo("sqlite:.gryt/gryt.db");
        assertThat(config.runners()).isEqualTo(1);
        assertThat(config.executionMode()).isEqualTo(ExecutionMode.LOCAL);
        assertThat(config.sharedUrl()).isEmpty();
        assertThat(ConfigKey.all()).noneMatch(config::isSet);
    }

    @Test
    void nestedAndDottedKeysAreRead() throws IOException {
        write("""
                # team settings
                store:
                  url: sqlite:db/runs.db
                run: {runners: 4}
                execution.mode: local
                """);
        ProjectConfig config = ConfigFile.load(file);
        assertThat(config.storeUrl()).isEqualTo("sqlite:db/runs.db");
        assertThat(config.runners()).isEqualTo(4);
        assertThat(config.isSet(ConfigKey.EXECUTION_MODE)).isTrue();
        assertThat(config.isSet(ConfigKey.EXECUTION_SHARED_URL)).isFalse();
    }

    @Test
    void anUnknownKeyIsRefusedWhereItIsWrittenWithTheKeyProbablyMeant() throws IOException {
        assertThat(error("store:\n  uri: sqlite:x.db\n")).isEqualTo(":2:3: store.uri: unknown key (did you mean 'store.url'?)");
        assertThat(error("colour: blue\n")).isEqualTo(
                ":1:1: colour: unknown key (known keys: store.url, run.runners, execution.mode, execution.shared_url,"
                        + " pipeline_template, catalog, release.push)");
    }

    @Test
    void aSectionGivenAValueIsAnUnknownKeyPointingAtItsSettings() throws IOException {
        assertThat(error("run: 4\n")).isEqualTo(":1:1: run: unknown key (did you mean 'run.runners'?)");
    }

    @Test
    void badValuesAreRefusedWhereTheyAreWrittenNamingTheKey() throws IOException {
        assertThat(error("run:\n  runners: 0\n")).isEqualTo(":2:12: run.runners: must be between 1 and 256, was 0");
        assertThat(error("run:\n  runners: many\n")).isEqualTo(":2:12: run.runners: 'many' is not a whole number (use 1 to 256)");
        assertThat(error("store:\n  url: mysql://db\n")).isEqualTo(
                ":2:8: store.url: 'mysql://db' is not a store URL (use sqlite:<path> or postgresql://<host>/<database>)");
        assertThat(error("execution:\n  mode: remote\n")).isEqualTo(
                ":2:9: execution.mode: 'remote' is not an execution mode (use local or shared)");
        assertThat(error("execution:\n  shared_url: sqlite:x.db\n")).isEqualTo(
                ":2:15: execution.shared_url: 'sqlite:x.db' is not a PostgreSQL URL (use postgresql://<host>[:<port>]/<database>)");
    }

    @Test
    void sharedModeWithoutAUrlIsRefusedAtTheModeNamingBothKeys() throws IOException {
        assertThat(error("execution:\n  mode: shared\n")).isEqualTo(":2:9: execution.mode: shared needs execution.shared_url"
                + " (set it to the PostgreSQL URL of the shared store first)");
    }

    @Test
    void sharedModeStoresRunsAtTheSharedUrl() throws IOException {
        write("execution:\n  shared_url: postgresql://ci.example.com/gryt\n  mode: shared\nstore.url: sqlite:local.db\n");
        ProjectConfig config = ConfigFile.load(file);
        assertThat(config.storeUrl()).isEqualTo("postgresql://ci.example.com/gryt");
        assertThat(config.storeUrlKey()).isEqualTo(ConfigKey.EXECUTION_SHARED_URL);
    }

    @Test
    void aPasswordInAUrlIsNotRepeatedInErrors() throws IOException {
        assertThat(error("store.url: mysql://me:s3cret@db/x\n")).doesNotContain("s3cret").contains("mysql://me:***@db/x");
    }

    @Test
    void setCreatesTheFileWithAHeaderAndReadsBack() throws IOException {
        ProjectConfig config = ConfigFile.set(file, "run.runners", "3");
        assertThat(config.runners()).isEqualTo(3);
        assertThat(Files.readString(file)).isEqualTo(ConfigFile.HEADER + "run:\n  runners: 3\n");
        assertThat(ConfigFile.load(file)).isEqualTo(config);
    }

    @Test
    void setKeepsOtherKeysAndComments() throws IOException {
        write("""
                # our store lives outside the repo
                store:
                  url: sqlite:../runs.db  # shared by the worktrees
                run:
                  runners: 2
                """);
        ConfigFile.set(file, "run.runners", "6");
        ConfigFile.set(file, "execution.shared_url", "postgresql://db/gryt");
        ConfigFile.set(file, "execution.mode", "shared");
        assertThat(Files.readString(file)).isEqualTo("""
                # our store lives outside the repo
                store:
                  url: sqlite:../runs.db  # shared by the worktrees
                run:
                  runners: 6
                execution:
                  shared_url: postgresql://db/gryt
                  mode: shared
                """);
    }

    @Test
    void setWritesTheCanonicalFormOfTheValue() throws IOException {
        ConfigFile.set(file, "run.runners", "007");
        assertThat(Files.readString(file)).endsWith("runners: 7\n");
    }

    @Test
    void setRefusesBadValuesNamingTheKeyAndLeavesTheFileAlone() throws IOException {
        String before = "run:\n  runners: 2\n";
        write(before);
        assertThatThrownBy(() -> ConfigFile.set(file, "run.runners", "300"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("run.runners: must be between 1 and 256, was 300")
                .extracting(e -> ((InvalidConfigException) e).key()).isEqualTo("run.runners");
        assertThatThrownBy(() -> ConfigFile.set(file, "run.runner", "3"))
                .isInstanceOf(InvalidConfigException.class).hasMessage("run.runner: unknown key (did you mean 'run.runners'?)");
        assertThatThrownBy(() -> ConfigFile.set(file, "execution.mode", "shared"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("execution.mode: shared needs execution.shared_url");
        assertThatThrownBy(() -> ConfigFile.set(file, "store.url", " "))
                .isInstanceOf(InvalidConfigException.class).hasMessage("store.url: the value is blank");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void setRefusesToEditAFileThatHoldsAMistake() throws IOException {
        String before = "run:\n  runners: nope\n";
        write(before);
        assertThatThrownBy(() -> ConfigFile.set(file, "store.url", "sqlite:x.db"))
                .isInstanceOf(YamlException.class).hasMessageEndingWith(":2:12: run.runners: 'nope' is not a whole number (use 1 to 256)");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void setReplacesTheFileWholeKeepingItsPermissionsAndLeavesNoTemporaryFile() throws IOException {
        write("run:\n  runners: 2\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ConfigFile.set(file, "run.runners", "5");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.yaml", "config.yaml.lock");
        }
    }

    @Test
    void aNewFileIsReadableByOthersLikeAnyProjectFile() throws IOException {
        ConfigFile.set(file, "run.runners", "2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }
}
