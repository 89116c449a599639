package io.gryt.postgres;

import io.gryt.api.spi.Store;
import io.gryt.api.spi.StoreException;
import io.gryt.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening a PostgreSQL store: the password's sources, and one clear line for each way it can fail. */
class PostgresStoreTest {
    private static final PostgresOptions IMPATIENT = PostgresOptions.forCommand().withPatience(Duration.ZERO)
            .withConnectTimeout(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    void thePasswordComesFromPgpasswordAndAWrongOneIsRefusedInOneLine() {
        PostgresCluster pg = PostgresCluster.shared();
        String url = pg.url(PostgresCluster.SECURED, "postgres");
        try (Store store = PostgresStore.open(url, IMPATIENT, () -> "t", Map.of("PGPASSWORD", PostgresCluster.SECURED_PASSWORD))) {
            assertThat(store.location()).isEqualTo("postgresql://secured@127.0.0.1:" + pg.port() + "/postgres");
        } catch (StoreException e) {
            // the role may not create tables in database postgres: connecting is what this checks
            assertThat(e.getMessage()).doesNotContain("credentials");
        }

        assertThatThrownBy(() -> PostgresStore.open(url, IMPATIENT, () -> "t", Map.of("PGPASSWORD", "wrong")))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("postgresql://secured@127.0.0.1:" + pg.port() + "/postgres: the server refused"
                        + " the credentials of role 'secured'")
                .hasMessageContaining("PGPASSWORD or ~/.pgpass")
                .hasMessageNotContaining("wrong")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void withoutPgpasswordThePasswordComesFromThePgpassFile() throws Exception {
        PostgresCluster pg = PostgresCluster.shared();
        String url = pg.newDatabase("pgpass");
        pg.sql("postgres", "ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " OWNER TO " + PostgresCluster.SECURED);
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + pg.port() + ":*:" + PostgresCluster.SECURED + ":"
                + PostgresCluster.SECURED_PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        String secured = url.replace("//" + PostgresCluster.USER + "@", "//" + PostgresCluster.SECURED + "@");
        String previous = System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
        try (Store store = PostgresStore.open(secured, IMPATIENT, () -> "t", Map.of())) {
            assertThat(store.releases().generations()).isEmpty();
        } finally {
            if (previous == null) System.clearProperty("org.postgresql.pgpassfile");
            else System.setProperty("org.postgresql.pgpassfile", previous);
        }
    }

    @Test
    void aMissingDatabaseIsNamedWithHowToCreateIt() {
        PostgresCluster pg = PostgresCluster.shared();
        assertThatThrownBy(() -> PostgresStore.open(pg.url("gryt", "nope"), IMPATIENT, () -> "t", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessage("postgresql://gryt@127.0.0.1:" + pg.port() + "/nope: the server at 127.0.0.1:" + pg.port()
                        + " has no database 'nope' (create it: createdb -O gryt nope)");
    }

    @Test
    void anUnreachableServerIsNamed() {
        assertThatThrownBy(() -> PostgresStore.open("postgres://gryt@127.0.0.1:1/gryt", IMPATIENT, () -> "t", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("postgresql://gryt@127.0.0.1:1/gryt: cannot reach the PostgreSQL server at 127.0.0.1:1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aSchemaFromANewerGrytIsRefusedAndLeftAsItIs() {
        PostgresCluster pg = PostgresCluster.shared();
        String url = pg.newDatabase("newer");
        PostgresStore.open(url, IMPATIENT, () -> "t", Map.of()).close();
        String database = url.substring(url.lastIndexOf('/') + 1);
        pg.sql(database, "INSERT INTO schema_version VALUES (99, 'from the future', 'then')");

        assertThatThrownBy(() -> PostgresStore.open(url, IMPATIENT, () -> "t", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessage(url.replace("postgres://", "postgresql://") + " was written by a newer gryt (schema 99; this"
                        + " gryt knows up to " + PostgresSchema.bundled().latest() + "): upgrade gryt");
        assertThat(pg.sql(database, "SELECT COUNT(*) FROM schema_version")).isEqualTo(String.valueOf(PostgresSchema.bundled().latest() + 1));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> PostgresStore.open("postgres://gryt:hunter2@db.example/gryt", IMPATIENT, () -> "t", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("holds a password").hasMessageContaining("PGPASSWORD or ~/.pgpass")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void userQueriesReadTheDocumentedSchemaAndCannotWrite() {
        String url = PostgresCluster.shared().newDatabase("query");
        try (Store store = PostgresStore.open(url, IMPATIENT, () -> "t", Map.of())) {
            java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
            io.gryt.api.spi.RowHandler collect = new io.gryt.api.spi.RowHandler() {
                @Override
                public void columns(java.util.List<String> names) {
                }

                @Override
                public void row(java.util.List<Object> values) {
                    rows.add(values);
                }
            };
            store.userQuery("SELECT COUNT(*) FROM evolutions WHERE generation_id = 'v1.0.0'", collect);
            assertThat(rows).containsExactly(java.util.List.of(0L));
            assertThatThrownBy(() -> store.query("DELETE FROM generations", collect))
                    .isInstanceOf(io.gryt.api.BadInputException.class).hasMessageContaining("read-only");
        }
    }
}
