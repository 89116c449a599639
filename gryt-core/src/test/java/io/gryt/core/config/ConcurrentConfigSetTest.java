package io.gryt.core.config;

import io.gryt.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent {@code config set}s of different keys each keep their value: none overwrites another's. */
class ConcurrentConfigSetTest {
    private static final int SETS = 40;

    @TempDir
    Path dir;

    @Test
    void threadsSettingDifferentKeysLoseNoSetting() throws Exception {
        Path file = dir.resolve(".gryt/config.yaml");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                for (int i = 1; i <= SETS; i++) ConfigFile.set(file, "run.runners", Integer.toString(i));
            }));
            done.add(pool.submit(() -> {
                for (int i = 1; i <= SETS; i++) ConfigFile.set(file, "store.url", "sqlite:db-" + i + ".db");
            }));
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }

        ProjectConfig config = ConfigFile.load(file);
        assertThat(config.text(ConfigKey.named("run.runners"))).hasValue(Integer.toString(SETS));
        assertThat(config.text(ConfigKey.named("store.url"))).hasValue("sqlite:db-" + SETS + ".db");
    }

    @Test
    void processesSettingDifferentKeysLoseNoSetting() throws Exception {
        Path file = dir.resolve(".gryt/config.yaml");
        try (ChildJvm a = ChildJvm.of(ConfigSetMain.class).args(file.toString(), "store.url", "sqlite:a-", Integer.toString(SETS)).start();
             ChildJvm b = ChildJvm.of(ConfigSetMain.class).args(file.toString(), "execution.shared_url", "postgresql://db/b", Integer.toString(SETS)).start()) {
            assertThat(a.waitFor(Duration.ofSeconds(60))).as(String.join("\n", a.errorLines())).isZero();
            assertThat(b.waitFor(Duration.ofSeconds(60))).as(String.join("\n", b.errorLines())).isZero();
        }

        ProjectConfig config = ConfigFile.load(file);
        assertThat(config.text(ConfigKey.named("store.url"))).hasValue("sqlite:a-" + SETS);
        assertThat(config.text(ConfigKey.named("execution.shared_url"))).hasValue("postgresql://db/b" + SETS);
        assertThat(Files.readString(file)).startsWith(ConfigFile.HEADER);
    }
}
