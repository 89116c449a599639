package io.gryt.core.internal.release;

import io.gryt.api.Pipeline;
import io.gryt.api.RunHandle;
import io.gryt.api.spi.AuditStore;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.Versioning;
import io.gryt.core.run.RunOptions;
import io.gryt.core.internal.event.EventBus;
import io.gryt.core.internal.hook.Hooks;
import io.gryt.core.internal.plan.ExecutionPlan;
import io.gryt.core.catalog.Catalogs;
import io.gryt.core.project.ProjectLayout;

import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the release engine needs from the {@link io.gryt.core.Gryt} that owns it. Internal: created by
 * {@code Gryt}, not by users.
 */
public interface ReleaseContext {
    /** The project layout. */
    ProjectLayout layout();

    /** The release store. */
    ReleaseStore store();

    /** The store's audit trail, when it keeps one (release tags then anchor its head). */
    Optional<AuditStore> audit();

    /** Version control, when the project is in a repository. */
    Optional<Versioning> versioning();

    /** Version control, or a clear error naming the project. */
    Versioning requireVersioning();

    /** The event bus. */
    EventBus events();

    /** The project-wide hooks, and the runner of a pipeline's own. */
    Hooks hooks();

    /** The pipeline of a generation whose file names none: the project setting {@code pipeline_template}. */
    String defaultPipeline();

    /** Loads {@code .gryt/pipelines/<name>.yaml}, or else catalog pipeline {@code name} ({@code go.release}). */
    Pipeline pipeline(String name);

    /** The project's catalogs. */
    Catalogs catalogs();

    /**
     * Resolves and validates a pipeline without running it (unresolved steps, unknown dependencies, cycles): the
     * plan that {@link #start} then runs, so that a pipeline is planned once per run.
     */
    ExecutionPlan plan(Pipeline pipeline);

    /**
     * As {@link #plan(Pipeline)}, a plain step name resolving in {@code catalog} (the catalog of the generation's
     * {@code pipeline_template}) when the project sets no {@code catalog:} of its own.
     */
    default ExecutionPlan plan(Pipeline pipeline, java.util.Optional<String> catalog) {
        return plan(pipeline);
    }

    /** Starts a run of {@code plan} (recorded before it returns). */
    RunHandle start(ExecutionPlan plan, RunOptions options);

    /** The git remote new tags are pushed to by default: the project's {@code release.push} setting, if set. */
    Optional<String> pushRemote();

    /** The names of the pipelines that the recorded runs among {@code runIds} ran, each once, in one read. */
    Set<String> pipelinesOf(Collection<String> runIds);

    /** The data rows the runs {@code runIds} recorded, by run id, each run's in order, in one read. */
    Map<String, List<io.gryt.api.spi.DataRow>> dataRows(Collection<String> runIds);

    /** Work still going on that closing the owning {@code Gryt} must wait for (an evolution's recording and tag). */
    void track(CompletableFuture<?> work);
}
