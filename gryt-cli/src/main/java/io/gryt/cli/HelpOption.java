package io.gryt.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -h, --help}, declared once on the root command and inherited by every subcommand, so that
 * {@code gryt <any command> --help} prints that command's usage.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;
}
