package io.gryt.api.spi;

import io.gryt.api.GrytException;
import io.gryt.api.spi.ReleaseStore.OwnedEvolution;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A promotion was refused because evolutions of its generation are still pending or running: their proof is not
 * in yet. Thrown by {@link ReleaseStore#recordPromotion} under the same lock that allocates evolutions, so no
 * evolution can slip in between the check and the record; the promotion tells the user which ones and waits for
 * them when asked.
 */
public class EvolutionsInProgressException extends GrytException {
    private static final long serialVersionUID = 1L;

    private final transient List<OwnedEvolution> inProgress;

    /** {@code inProgress}: the evolutions still pending or running, with their owners. */
    public EvolutionsInProgressException(String version, List<OwnedEvolution> inProgress) {
        super("generation " + version + " has " + inProgress.size() + " evolution(s) in progress: "
                + inProgress.stream().map(EvolutionsInProgressException::describe).collect(Collectors.joining(", ")));
        this.inProgress = List.copyOf(inProgress);
    }

    /** The evolutions still pending or running, with their owners. */
    public List<OwnedEvolution> inProgress() {
        return inProgress;
    }

    /** {@code v2.2.0-rc.3 (running, pid 4242@build-01)}: an evolution in progress and the process that runs it. */
    public static String describe(OwnedEvolution e) {
        ProcessOwner o = e.owner();
        return e.evolution().tag() + " (" + e.evolution().status().label() + ", "
                + (o == null ? "owner unknown" : "pid " + o.pid() + "@" + o.host()) + ")";
    }
}
