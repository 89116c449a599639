package io.gryt.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for a subcommand: {@code @Mixin HelpOption help;}. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
