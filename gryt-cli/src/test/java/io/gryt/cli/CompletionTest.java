package io.gryt.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gryt completion}, {@code gryt help <command>} and {@code --version}. */
class CompletionTest {
    @Test
    void bashCompletionIsPicocliScriptForEveryVisibleCommand() {
        CliRun r = CliRun.of("completion", "bash");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("complete -F").contains("_picocli_gryt")
                .contains("init").contains("run").contains("config").contains("completion").contains("generation")
                .contains("store.url").contains("execution.shared_url");
        assertThat(r.out()).contains("status").contains("dashboard");
    }

    @Test
    void zshCompletionIsTheSameScriptThroughBashcompinit() {
        String bash = CliRun.of("completion", "bash").out();
        CliRun r = CliRun.of("completion", "zsh");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith(CompletionCommand.ZSH_PREAMBLE).endsWith(bash)
                .contains("autoload -U +X bashcompinit && bashcompinit");
    }

    @Test
    void theBashScriptLoadsInBashAndCompletesSubcommands(@TempDir Path dir) throws Exception {
        Path bash = Path.of("/bin/bash");
        if (!Files.isExecutable(bash)) return; // nothing to check it with
        Path script = Files.writeString(dir.resolve("gryt.bash"), CliRun.of("completion", "bash").out());
        Process p = new ProcessBuilder(bash.toString(), "-c", "source " + script + " && COMP_WORDS=(gryt con) && COMP_CWORD=1"
                + " && COMP_LINE='gryt con' && COMP_POINT=8 && _picocli_gryt 2>/dev/null; echo \"${COMPREPLY[@]}\"")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEqualTo("config");
    }

    @Test
    void anUnknownShellExitsTwoNamingTheShellsThereAre() {
        CliRun r = CliRun.of("completion", "fish");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("gryt: error: unknown shell 'fish' (gryt completion supports bash and zsh)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpNamesACommandsUsage() {
        CliRun r = CliRun.of("help", "completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: gryt completion").contains("bash, zsh");
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("gryt ");
    }
}
