package io.gryt.postgres;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures a transaction may be begun again after, and how they read. */
class FailuresTest {
    private static final PostgresLocation AT = PostgresLocation.parse("postgres://ci@db.example:5433/gryt");

    @Test
    void lostRacesAndLostConnectionsAreRetriedAndOtherFailuresAreNot() {
        assertThat(Failures.isRetryable(new SQLException("could not serialize", "40001"))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Failures.isRetryable(new SQLTransientConnectionException("pool - Connection is not available"))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("refused", "08001", new ConnectException("refused")))).isTrue();
        assertThat(Failures.isRetryable(new SQLException("Connection is closed"))).isTrue();
        SQLException rollback = new SQLException("rollback failed");
        rollback.addSuppressed(new SQLException("terminating connection", "57P01"));
        assertThat(Failures.isRetryable(rollback)).isTrue();
        assertThat(Failures.isRetryable(new SQLException("password authentication failed", "28P01"))).isFalse();
        assertThat(Failures.isRetryable(new SQLException("no password was provided", "08004"))).isFalse();
        assertThat(Failures.isRetryable(new SQLException("database \"x\" does not exist", "3D000"))).isFalse();
        assertThat(Failures.isRetryable(new SQLException("syntax error", "42601"))).isFalse();
    }

    @Test
    void failuresReadAsOneLineThatSaysWhatToDo() {
        assertThat(Failures.describe(AT, "read", new SQLException("password authentication failed for user \"ci\"", "28P01")))
                .hasMessage("postgresql://ci@db.example:5433/gryt: the server refused the credentials of role 'ci'"
                        + " (password authentication failed for user \"ci\"); give the password in PGPASSWORD or"
                        + " ~/.pgpass, see docs/team-store.md");
        assertThat(Failures.describe(AT, "read", new SQLException("database \"gryt\" does not exist", "3D000")))
                .hasMessage("postgresql://ci@db.example:5433/gryt: the server at db.example:5433 has no database 'gryt'"
                        + " (create it: createdb -O ci gryt)");
        assertThat(Failures.describe(AT, "read", new SQLException("Connection refused", "08001", new ConnectException())))
                .hasMessageStartingWith("postgresql://ci@db.example:5433/gryt: cannot reach the PostgreSQL server at"
                        + " db.example:5433 (Connection refused)");
    }
}
