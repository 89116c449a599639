package io.gryt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt config list|get|set} through the real entry point, on a real project. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void init() {
        assertThat(CliRun.in(dir, "init").exitCode()).isZero();
    }

    @Test
    void setThenGetAndListRoundTripThroughTheFile() throws Exception {
        CliRun set = CliRun.in(dir, "config", "set", "run.runners", "4");
        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(set.out()).isEqualTo("run.runners = 4 (.gryt/config.yaml)\n");
        assertThat(Files.readString(dir.resolve(".gryt/config.yaml"))).contains("run:\n  runners: 4\n");

        CliRun get = CliRun.in(dir, "config", "get", "run.runners");
        assertThat(get.exitCode()).isZero();
        assertThat(get.out()).isEqualTo("4\n");

        CliRun list = CliRun.in(dir, "config", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().lines()).containsExactly(
                "KEY                   VALUE                 SOURCE",
                "store.url             sqlite:.gryt/gryt.db  default",
                "run.runners           4                     .gryt/config.yaml",
                "execution.mode        local                 default",
                "execution.shared_url  -                     not set",
                "pipeline_template     ci                    default",
                "catalog               -                     not set",
                "release.push          -                     not set");
    }

    @Test
    void theDefaultPipelineOfGenerationsIsAProjectSetting() throws Exception {
        CliRun set = CliRun.in(dir, "config", "set", "pipeline_template", "release");
        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(Files.readString(dir.resolve(".gryt/config.yaml"))).contains("pipeline_template: release\n");
        assertThat(CliRun.in(dir, "config", "get", "pipeline_template").out()).isEqualTo("release\n");
        CliRun bad = CliRun.in(dir, "config", "set", "pipeline_template", "../etc");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("gryt: error: pipeline_template: '../etc' is not a pipeline name");
    }

    @Test
    void listAsJsonGivesEveryKeyItsValueAndWhetherItIsTheDefault() throws Exception {
        CliRun.in(dir, "config", "set", "store.url", "sqlite:runs/gryt.db");
        CliRun r = CliRun.in(dir, "config", "list", "--json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode settings = Json.MAPPER.readTree(r.out());
        assertThat(settings).hasSize(7);
        assertThat(settings.get(0).get("key").asText()).isEqualTo("store.url");
        assertThat(settings.get(0).get("value").asText()).isEqualTo("sqlite:runs/gryt.db");
        assertThat(settings.get(0).get("default").asBoolean()).isFalse();
        assertThat(settings.get(1).get("key").asText()).isEqualTo("run.runners");
        assertThat(settings.get(1).get("value").asText()).isEqualTo("1");
        assertThat(settings.get(1).get("default").asBoolean()).isTrue();
        assertThat(settings.get(3).get("value").isNull()).isTrue();
        assertThat(settings.get(3).get("description").asText()).contains("PostgreSQL");
    }

    @Test
    void getOfAnUnknownKeyExitsTwoNamingItAndTheKeyProbablyMeant() {
        CliRun r = CliRun.in(dir, "config", "get", "store.uri");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("gryt: error: store.uri: unknown key (did you mean 'store.url'?)\n");
    }

    @Test
    void getOfAKeyWithNoValueSaysSoAndExitsOne() {
        CliRun r = CliRun.in(dir, "config", "get", "execution.shared_url");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("execution.shared_url is not set");
    }

    @Test
    void aBadValueExitsTwoWithOneLineNamingTheKeyAndChangesNothing() {
        CliRun r = CliRun.in(dir, "config", "set", "run.runners", "1000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: run.runners: must be between 1 and 256, was 1000\n");
        assertThat(dir.resolve(".gryt/config.yaml")).doesNotExist();

        CliRun mode = CliRun.in(dir, "config", "set", "execution.mode", "cloud");
        assertThat(mode.exitCode()).isEqualTo(2);
        assertThat(mode.err()).isEqualTo("gryt: error: execution.mode: 'cloud' is not an execution mode (use local or shared)\n");
    }

    @Test
    void aNegativeNumberIsABadValueNotAnOption() {
        CliRun r = CliRun.in(dir, "config", "set", "run.runners", "-1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: run.runners: '-1' is not a whole number (use 1 to 256)\n");
    }

    @Test
    void setOfAnUnknownKeyExitsTwoNamingIt() {
        CliRun r = CliRun.in(dir, "config", "set", "runners", "4");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: runners: unknown key (did you mean 'run.runners'?)\n");
    }

    @Test
    void aPasswordInAUrlIsHiddenWhenShownButKeptInTheFileAndByGet() throws Exception {
        String url = "postgresql://ci:s3cret@db.example.com/gryt";
        CliRun set = CliRun.in(dir, "config", "set", "execution.shared_url", url);
        assertThat(set.exitCode()).as(set.all()).isZero();
        assertThat(set.out()).startsWith("execution.shared_url = postgresql://ci:***@db.example.com/gryt (");
        assertThat(CliRun.in(dir, "config", "list").out()).contains("postgresql://ci:***@db.example.com/gryt").doesNotContain("s3cret");
        assertThat(CliRun.in(dir, "config", "list", "--json").out()).doesNotContain("s3cret");
        assertThat(CliRun.in(dir, "config", "get", "execution.shared_url").out()).isEqualTo(url + "\n");
        assertThat(dir.resolve(".gryt/config.yaml")).content().contains(url);
    }

    @Test
    void sharedModeNeedsItsUrlFirstAndThenOpeningTheProjectFailsClearly() {
        CliRun early = CliRun.in(dir, "config", "set", "execution.mode", "shared");
        assertThat(early.exitCode()).isEqualTo(2);
        assertThat(early.err()).startsWith("gryt: error: execution.mode: shared needs execution.shared_url");

        assertThat(CliRun.in(dir, "config", "set", "execution.shared_url", "postgresql://ci.example.com/gryt").exitCode()).isZero();
        assertThat(CliRun.in(dir, "config", "set", "execution.mode", "shared").exitCode()).isZero();
        assertThat(CliRun.in(dir, "config", "get", "execution.mode").out()).isEqualTo("shared\n");

        CliRun run = CliRun.in(dir, "run", "ci");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).startsWith("gryt: error: postgresql://")
                .contains("ci.example.com:5432/gryt: ");

        // the way back works without a store
        assertThat(CliRun.in(dir, "config", "set", "execution.mode", "local").exitCode()).isZero();
        assertThat(CliRun.in(dir, "run", "ci").exitCode()).isZero();
    }

    @Test
    void aMistakeInTheFileIsReportedWithItsLine() throws Exception {
        Files.writeString(dir.resolve(".gryt/config.yaml"), "# mine\nstore:\n  url: sqlite:x.db\n  colour: blue\n");
        CliRun r = CliRun.in(dir, "config", "list");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).endsWith(".gryt/config.yaml:4:3: store.colour: unknown key (known keys: store.url,"
                + " run.runners, execution.mode, execution.shared_url, pipeline_template, catalog, release.push)\n");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void theConfigIsFoundFromASubdirectoryOfTheProject() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("src/main"));
        assertThat(CliRun.in(sub, "config", "set", "run.runners", "3").exitCode()).isZero();
        assertThat(dir.resolve(".gryt/config.yaml")).isRegularFile();
        assertThat(CliRun.in(sub, "config", "get", "run.runners").out()).isEqualTo("3\n");
    }

    @Test
    void outsideAProjectConfigSaysToInit(@TempDir Path elsewhere) {
        CliRun r = CliRun.in(elsewhere, "config", "list");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no gryt project").contains("gryt init");
    }

    @Test
    void runnersFromTheConfigApplyToAPipelineFileThatDoesNotSetThem() throws Exception {
        Files.writeString(dir.resolve(".gryt/pipelines/plain.yaml"), "steps:\n  - name: a\n    run: [\"true\"]\n");
        CliRun.in(dir, "config", "set", "run.runners", "4");
        CliRun plain = CliRun.in(dir, "run", "plain");
        assertThat(plain.exitCode()).as(plain.all()).isZero();
        assertThat(plain.out()).contains("4 runners");
        CliRun ci = CliRun.in(dir, "run", "ci"); // its file says runners: 2
        assertThat(ci.out()).contains("2 runners");
        CliRun flag = CliRun.in(dir, "run", "plain", "--runners", "3");
        assertThat(flag.out()).contains("3 runners");
    }

    @Test
    void configAloneShowsItsUsageAndExitsTwo() {
        CliRun r = CliRun.in(dir, "config");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("list").contains("get").contains("set");
    }

    @Test
    void helpForConfigSetListsTheKeys() {
        CliRun r = CliRun.of("help", "config");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: gryt config").contains("set");
        CliRun set = CliRun.of("config", "set", "--help");
        assertThat(set.exitCode()).isZero();
        assertThat(set.out()).contains("Usage: gryt config set").contains("store.url").contains("run.runners")
                .contains("execution.mode");
    }

    @Test
    void anUnreadableConfigFileSaysWhyInWords() throws Exception {
        Files.createDirectory(dir.resolve(".gryt/config.yaml"));

        CliRun r = CliRun.in(dir, "config", "list");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: " + dir.resolve(".gryt/config.yaml") + ": cannot read: is a directory\n");
    }
}
