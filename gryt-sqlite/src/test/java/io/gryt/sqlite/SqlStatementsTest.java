package io.gryt.sqlite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the first statement of a SQL text ends. */
class SqlStatementsTest {
    @Test
    void oneStatementWithOrWithoutTrailingSemicolonsAndCommentsHasNothingAfterIt() {
        assertThat(SqlStatements.afterFirst("SELECT 1")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT 1;")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT 1 ;; \n -- done\n /* really */ ;")).isEmpty();
    }

    @Test
    void aSecondStatementIsFound() {
        assertThat(SqlStatements.afterFirst("SELECT 1; SELECT 2")).isEqualTo("SELECT 2");
        assertThat(SqlStatements.afterFirst("SELECT 1;\n-- next\nDELETE FROM t;")).isEqualTo("-- next\nDELETE FROM t;");
    }

    @Test
    void semicolonsInsideLiteralsIdentifiersAndCommentsEndNothing() {
        assertThat(SqlStatements.afterFirst("SELECT 'a;b', 'it''s;' FROM t")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT \"x;y\", `p;q`, [r;s] FROM t")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT 1 -- a; b\n FROM t")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT /* ; */ 1 - 2 / 3")).isEmpty();
        assertThat(SqlStatements.afterFirst("SELECT 'a;b'; SELECT 2")).isEqualTo("SELECT 2");
    }
}
