package io.gryt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage errors are one line in gryt's own form, with a suggestion for a mistyped name, and exit code 2. */
class UsageErrorsTest {
    @TempDir
    Path dir;

    private CliRun refused(String... args) {
        CliRun r = CliRun.in(dir, args);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        return r;
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        assertThat(refused("rnu").err()).isEqualTo("gryt: error: unknown command 'rnu'; did you mean 'run'?\n");
        assertThat(refused("generatoin", "list").err())
                .isEqualTo("gryt: error: unknown command 'generatoin'; did you mean 'generation'?\n");
        assertThat(refused("generation", "lst").err())
                .isEqualTo("gryt: error: unknown command 'generation lst'; did you mean 'generation list'?\n");
        assertThat(refused("audit", "rollbak", "x").err())
                .isEqualTo("gryt: error: unknown command 'audit rollbak'; did you mean 'audit rollback'?\n");
    }

    @Test
    void aCommandFarFromEveryNameListsTheCommandsButNotTheReservedOnes() {
        String err = refused("xyzzy").err();
        assertThat(err).startsWith("gryt: error: unknown command 'xyzzy' (gryt's commands: init, run, demo, generation,")
                .contains("pipeline, catalog, new").contains("status, dashboard");
        assertThat(err.lines()).hasSize(1);
    }

    @Test
    void aMistypedOptionGetsASuggestion() {
        assertThat(refused("run", "ci", "--runers", "2").err())
                .isEqualTo("gryt: error: unknown option '--runers' for 'gryt run'; did you mean '--runners'?\n");
        assertThat(refused("db", "metric", "pass_rate", "--gne=v2.2.0").err())
                .isEqualTo("gryt: error: unknown option '--gne' for 'gryt db metric'; did you mean '--gen'?\n");
        assertThat(refused("--frobnicate").err())
                .isEqualTo("gryt: error: unknown option '--frobnicate' for 'gryt' (see 'gryt --help')\n");
    }

    @Test
    void otherUsageErrorsAreOneLineInTheSameForm() {
        assertThat(refused("run").err())
                .isEqualTo("gryt: error: missing required parameter: '<pipeline>' (see 'gryt run --help')\n");
        assertThat(refused("run", "ci", "--runners", "x").err())
                .isEqualTo("gryt: error: invalid value for option '--runners': 'x' is not an int (see 'gryt run --help')\n");
        assertThat(refused("run", "ci", "extra").err())
                .isEqualTo("gryt: error: unexpected argument 'extra' for 'gryt run' (see 'gryt run --help')\n");
        String exclusive = refused("db", "query", "SELECT 1", "--json", "--csv").err();
        assertThat(exclusive).startsWith("gryt: error: ").contains("--json").contains("--csv").endsWith("(see 'gryt db query --help')\n");
        assertThat(exclusive.lines()).hasSize(1);
    }

    @Test
    void aGroupWithoutItsCommandSaysSoInTheSameFormBeforeItsUsage() {
        CliRun r = refused("generation");
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l)
                .startsWith("gryt: error: 'gryt generation' needs a command: new, list, show, sync, promote, hotfix, delete"));
        assertThat(r.err()).contains("Usage: gryt generation");
        assertThat(refused().err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith("gryt: error: 'gryt' needs a command: init, run,"));
    }
}
