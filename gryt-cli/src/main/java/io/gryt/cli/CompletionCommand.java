package io.gryt.cli;

import io.gryt.api.BadInputException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gryt completion bash|zsh}: prints the shell completion script picocli generates from the command
 * tree. zsh runs the bash script through its {@code bashcompinit} layer, as picocli documents.
 */
@Command(name = "completion", description = {"Print a shell completion script.",
        "bash: source <(gryt completion bash)   zsh: source <(gryt completion zsh)"})
final class CompletionCommand implements Callable<Integer> {
    static final List<String> SHELLS = List.of("bash", "zsh");

    /** What the zsh script starts with: the completion system and its bash compatibility layer. */
    static final String ZSH_PREAMBLE = """
            # gryt completion for zsh: the bash script below, through zsh's bashcompinit
            (( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }
            autoload -U +X bashcompinit && bashcompinit
            """;

    @ParentCommand
    GrytCommand gryt;

    @Parameters(paramLabel = "<shell>", completionCandidates = Shells.class, description = "One of: ${COMPLETION-CANDIDATES}.")
    String shell;

    /** The shells, for help and completion. */
    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SHELLS.iterator();
        }
    }

    @Override
    public Integer call() {
        if (!SHELLS.contains(shell)) {
            throw new BadInputException("unknown shell '" + shell + "' (gryt completion supports " + String.join(" and ", SHELLS) + ")");
        }
        String script = AutoComplete.bash("gryt", gryt.spec.commandLine());
        if (shell.equals("zsh")) gryt.out.print(ZSH_PREAMBLE);
        gryt.out.print(script);
        gryt.out.flush();
        return ExitCodes.OK;
    }
}
