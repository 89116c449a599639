package io.gryt.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which part of the command tree a command line needs. */
class CommandChoiceTest {
    private static String named(String... args) {
        return CommandChoice.named(args);
    }

    @Test
    void theFirstArgumentThatIsNotAGlobalOptionNamesTheCommand() {
        assertThat(named("evolution", "list", "v1.0.0")).isEqualTo("evolution");
        assertThat(named("-C", "/tmp/p", "--debug", "run", "ci")).isEqualTo("run");
        assertThat(named("-C", "run", "init")).as("the value of -C is no command").isEqualTo("init");
    }

    @Test
    void helpCompletionTyposAndNoCommandNeedTheWholeTree() {
        assertThat(named("help", "run")).isNull();
        assertThat(named("completion", "bash")).isNull();
        assertThat(named("evolutoin", "list")).isNull();
        assertThat(named()).isNull();
        assertThat(named("--help")).isNull();
        assertThat(named("--version", "--help")).isNull();
        assertThat(named("--", "run")).isNull();
    }

    @Test
    void aBareVersionNeedsNoSubcommand() {
        assertThat(named("--version")).isEqualTo(CommandChoice.NONE);
        assertThat(named("-C", "/tmp", "-V")).isEqualTo(CommandChoice.NONE);
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("gryt ");
    }

    @Test
    void aLoneVersionOptionPrintsWhatPicocliPrintsForIt() {
        CliRun viaPicocli = CliRun.of("-C", ".", "--version"); // not alone: picocli answers it
        assertThat(viaPicocli.out()).startsWith("gryt ").contains("Java " + System.getProperty("java.version"));
        for (String option : new String[] {"--version", "-V"}) {
            CliRun alone = CliRun.of(option);
            assertThat(alone.exitCode()).isZero();
            assertThat(alone.out()).as(option).isEqualTo(viaPicocli.out());
            assertThat(alone.err()).isEmpty();
        }
    }

    @Test
    void aCommandRunWithOnlyItsOwnModelStillReportsBadUsageOfItsSubcommands() {
        CliRun r = CliRun.of("evolution", "lst");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("lst");
    }
}
