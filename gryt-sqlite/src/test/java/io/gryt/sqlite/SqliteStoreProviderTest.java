package io.gryt.sqlite;

import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.api.spi.StoreProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gryt.sqlite.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStoreProviderTest {
    @TempDir
    Path project;

    private static StoreProvider provider() {
        return ServiceLoader.load(StoreProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.supports(StoreProvider.DEFAULT_URL))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void isFoundByTheServiceLoaderForTheDefaultLocation() {
        assertThat(provider()).isInstanceOf(SqliteStoreProvider.class);
    }

    @Test
    void supportsSqliteUrlsOnly() {
        StoreProvider provider = new SqliteStoreProvider();

        assertThat(provider.supports("sqlite:.gryt/gryt.db")).isTrue();
        assertThat(provider.supports("sqlite:/var/lib/gryt.db")).isTrue();
        assertThat(provider.supports("postgres://db/gryt")).isFalse();
        assertThat(provider.supports(null)).isFalse();
        assertThatThrownBy(() -> provider.open(project, "postgres://db/gryt"))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("postgres://db/gryt");
        assertThatThrownBy(() -> provider.open(project, "sqlite:"))
                .isInstanceOf(StoreException.class)
                .hasMessage("the store location sqlite: names no file (expected sqlite:<path>)");
    }

    @Test
    void auditEntriesNameTheActorTheCallerGivesAskedOncePerWrite() {
        AtomicInteger asked = new AtomicInteger();
        try (Store store = provider().open(project, StoreProvider.DEFAULT_URL, () -> {
            asked.incrementAndGet();
            return "Ada Lovelace <ada@example.org>";
        })) {
            assertThat(asked).hasValue(0);
            store.runs().runStarted(Samples.run("r1", T0));
            store.runs().stepStarted("r1", "build", T0, null);

            assertThat(asked).hasValue(2);
            assertThat(store.audit().head().orElseThrow().actor()).isEqualTo("Ada Lovelace <ada@example.org>");
        }
    }

    @Test
    void opensTheDefaultLocationUnderTheProjectCreatingItsDirectory() {
        try (Store store = provider().open(project, StoreProvider.DEFAULT_URL)) {
            store.runs().runStarted(Samples.run("r1", T0));

            assertThat(store.location()).isEqualTo(".gryt/gryt.db");
        }

        assertThat(project.resolve(".gryt/gryt.db")).isRegularFile();
        try (Store store = SqliteStore.open(project.resolve(".gryt/gryt.db"))) {
            assertThat(store.runs().run("r1")).isPresent();
        }
    }

    @Test
    void opensAnAbsoluteLocationAsItIs() {
        Path elsewhere = project.resolveSibling(project.getFileName() + "-db").resolve("audit.db");

        try (Store store = provider().open(project, "sqlite:" + elsewhere)) {
            assertThat(store.location()).isEqualTo(elsewhere.toString());
        }

        assertThat(elsewhere).isRegularFile();
    }

    @Test
    void namesTheLocationAsWrittenWhenRefusingAFile() throws Exception {
        Files.createDirectories(project.resolve(".gryt"));
        Files.writeString(project.resolve(".gryt/gryt.db"), "these are my notes, not a database\n");

        assertThatThrownBy(() -> provider().open(project, StoreProvider.DEFAULT_URL))
                .isInstanceOf(StoreException.class)
                .hasMessage(".gryt/gryt.db is not a gryt database (file is not a database)");
    }
}
