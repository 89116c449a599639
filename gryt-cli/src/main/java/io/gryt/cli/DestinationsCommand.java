package io.gryt.cli;

import io.gryt.api.spi.OutboxStore.OutboxDelivery;
import io.gryt.core.Gryt;
import io.gryt.core.destination.Destinations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code gryt destinations status|flush|test}: where events go, and the outbox of what waits. */
@Command(name = "destinations", description = "Where events go (Slack, webhooks, Prometheus...): what waits, flush, test.",
        subcommands = {DestinationsCommand.Status.class, DestinationsCommand.Flush.class, DestinationsCommand.Test.class})
final class DestinationsCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("destinations");
    }

    private static void printAttempts(PrintStream out, List<Destinations.Attempt> attempts) {
        for (Destinations.Attempt a : attempts) {
            out.println((a.sent() ? "sent    " : "failed  ") + a.destination() + "  " + a.type() + "  " + a.eventId()
                    + "  attempt " + a.attempt() + (a.sent() ? "" : ": " + a.error()));
        }
    }

    /** {@code gryt destinations status}. */
    @Command(name = "status", description = "List the destinations and the events waiting for each, with the last error.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        DestinationsCommand parent;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.gryt.openProject()) {
                Destinations d = g.destinations();
                if (d.list().isEmpty()) {
                    out.println("no destinations (configure them under destinations: in .gryt/config.yaml;"
                            + " see docs/destinations.md)");
                    return ExitCodes.OK;
                }
                Map<String, List<OutboxDelivery>> waiting = d.waiting().stream()
                        .collect(Collectors.groupingBy(OutboxDelivery::destination, TreeMap::new, Collectors.toList()));
                Table table = new Table("DESTINATION", "TYPE", "EVENTS", "WAITING");
                for (Destinations.Configured c : d.list()) {
                    table.row(c.name(), c.description(), c.events().isEmpty() ? "all" : String.join(",", c.events()),
                            waiting.getOrDefault(c.name(), List.of()).size());
                }
                table.print(out);
                List<OutboxDelivery> all = d.waiting();
                if (all.isEmpty()) {
                    out.println();
                    out.println("nothing waits: every event was delivered");
                    return ExitCodes.OK;
                }
                out.println();
                out.println(all.size() + " delivery(ies) waiting in " + d.store() + ":");
                Table w = new Table("DESTINATION", "EVENT", "ID", "AT", "ATTEMPTS", "NEXT", "WHY");
                for (OutboxDelivery o : all) {
                    w.row(o.destination(), o.type(), o.eventId(), time(o.at()), o.attempts(), time(o.nextAttempt()),
                            o.error().orElse(o.attempts() == 0 ? "not tried yet" : "being sent"));
                }
                w.print(out);
                return ExitCodes.OK;
            }
        }

        private static String time(Instant at) {
            return at.truncatedTo(ChronoUnit.SECONDS).toString();
        }
    }

    /** {@code gryt destinations flush}. */
    @Command(name = "flush", description = "Try every waiting delivery now; exit code 1 when one still fails.")
    static final class Flush implements Callable<Integer> {
        @ParentCommand
        DestinationsCommand parent;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.gryt.openProject()) {
                List<Destinations.Attempt> attempts = g.destinations().flush();
                printAttempts(out, attempts);
                long failed = attempts.stream().filter(a -> !a.sent()).count();
                out.println((attempts.size() - failed) + " sent, " + failed + " failed"
                        + (failed > 0 ? " (they wait in the outbox: gryt destinations status)" : ""));
                return failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
            }
        }
    }

    /** {@code gryt destinations test <name>}. */
    @Command(name = "test", description = "Send a test event (destination.test) to one destination now.")
    static final class Test implements Callable<Integer> {
        @ParentCommand
        DestinationsCommand parent;

        @Parameters(paramLabel = "<name>", description = "the destination's name")
        String name;

        @Override
        public Integer call() {
            try (Gryt g = parent.gryt.openProject()) {
                Destinations.Attempt a = g.destinations().test(name);
                printAttempts(parent.gryt.out, List.of(a));
                return a.sent() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }
}
