package io.gryt.core.release;

import io.gryt.api.RunStatus;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.api.spi.DataRow;
import io.gryt.api.spi.ReleaseStore;
import io.gryt.api.spi.RunStore;
import io.gryt.api.spi.StepRun;
import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.core.Gryt;
import io.gryt.core.store.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

/**
 * A store that fails on a write in the middle of the release flow: the flow reports the failure, and what was
 * recorded before it stays (nothing is rolled back or lost). The failing store is a Mockito spy of a real
 * {@link MemoryStore}, failing on one chosen write and doing everything else for real.
 */
class StoreFailureInReleaseTest {
    @TempDir
    Path dir;

    @Test
    void anEvolutionWhoseEndCannotBeRecordedReportsItAndKeepsItsRun() {
        ReleaseProject project = new ReleaseProject(dir);
        MemoryStore memory = new MemoryStore();
        Store store = spy(memory);
        ReleaseStore releases = spy(memory.releases());
        doReturn(releases).when(store).releases();
        doThrow(new StoreException("memory: disk full")).when(releases).evolutionFinished(anyString(), any(), any());

        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).store(store).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .hasMessageContaining("disk full");

            verify(releases).evolutionFinished(anyString(), any(), any());
            Evolution e = memory.releases().evolution("v2.2.0-rc.1").orElseThrow();
            assertThat(e.status()).as("left running, for recovery to end").isEqualTo(EvolutionStatus.RUNNING);
            assertThat(e.runId()).isNotNull();
            assertThat(memory.run(e.runId()).orElseThrow().status()).isEqualTo(RunStatus.PASS);
            assertThat(memory.steps(e.runId())).extracting(StepRun::name).containsExactly("prove");
            assertThat(memory.dataRows(e.runId())).extracting(DataRow::kind).contains(DataRow.Kind.ARTIFACT);
        }
    }

    @Test
    void anEvolutionWhoseRunCannotBeRecordedEndsInterruptedAndSaysWhy() {
        // under 32 writers at once a store write failed mid-run: the evolution ended interrupted (exit 130) and
        // nothing said why
        ReleaseProject project = new ReleaseProject(dir);
        MemoryStore memory = new MemoryStore();
        Store store = spy(memory);
        RunStore runs = spy(memory.runs());
        doReturn(runs).when(store).runs();
        doThrow(new StoreException("memory: stayed locked")).when(runs).stepFinished(anyString(), any(), any());

        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).store(store).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(StoreException.class)
                    .hasMessage("evolution v2.2.0-rc.1 ended interrupted: its run could not be recorded: memory: stayed locked");

            Evolution e = memory.releases().evolution("v2.2.0-rc.1").orElseThrow();
            assertThat(e.status()).isEqualTo(EvolutionStatus.INTERRUPTED);
            assertThat(memory.run(e.runId()).orElseThrow().status()).isEqualTo(RunStatus.FAIL);
        }
    }

    @Test
    void anEvolutionThatCannotBeCreatedRunsNothing() {
        ReleaseProject project = new ReleaseProject(dir);
        MemoryStore memory = new MemoryStore();
        Store store = spy(memory);
        ReleaseStore releases = spy(memory.releases());
        doReturn(releases).when(store).releases();
        doThrow(new StoreException("memory: disk full")).when(releases)
                .createEvolution(anyString(), any(), any(), org.mockito.ArgumentMatchers.anyBoolean(), any(), any());

        try (Gryt gryt = Gryt.builder().projectDir(project.dir()).store(store).build()) {
            assertThatThrownBy(() -> gryt.evolve("v2.2.0").proving("PAY-001").start())
                    .isInstanceOf(StoreException.class).hasMessageContaining("disk full");

            assertThat(memory.releases().evolutions("v2.2.0")).isEmpty();
            assertThat(memory.recent(10)).as("no pipeline ran").isEmpty();
            assertThat(memory.releases().generation("v2.2.0")).as("the contract recorded before stays").isPresent();
        }
    }
}
