package io.gryt.core.destination;

import io.gryt.api.Pipeline;
import io.gryt.api.spi.Delivery;
import io.gryt.api.spi.Destination;
import io.gryt.core.Gryt;

import java.nio.file.Path;
import java.util.Set;

import static io.gryt.api.Step.step;

/**
 * A gryt process whose destination acknowledges {@code run.started} and then hangs while sending
 * {@code run.finished}, printing {@code delivering <type> <id> <attempt>} each time: for killing it mid-delivery.
 */
public final class DeliveringMain {
    private DeliveringMain() {
    }

    public static void main(String[] args) throws Exception {
        Destination hanging = new Destination() {
            @Override
            public String name() {
                return "hook";
            }

            @Override
            public Set<String> events() {
                return Set.of("run.started", "run.finished");
            }

            @Override
            public void deliver(Delivery d) throws Exception {
                System.out.println("delivering " + d.event().type() + " " + d.id() + " " + d.attempt());
                System.out.flush();
                if (d.event().type().equals("run.finished")) Thread.sleep(Long.MAX_VALUE);
            }
        };
        Gryt gryt = Gryt.builder().projectDir(Path.of(args[0])).destination(hanging).build();
        gryt.run(Pipeline.of(step("build").action(ctx -> { })).withName("ci"));
        System.out.println("run recorded");
        Thread.sleep(Long.MAX_VALUE);
    }
}
