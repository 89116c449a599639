package io.gryt.sqlite;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence query reaches every table through an index and stops at each change's newest proofs (no sort, no
 * grouping of every proof), so that it stays fast with many evolutions.
 */
class EvidencePlanTest {
    @TempDir
    Path dir;

    @Test
    void theEvidenceQueryScansNoTable() throws Exception {
        Path file = dir.resolve("gryt.db");
        SqliteStore.open(file).close();

        List<String> plan = plan(file, SqliteReleaseStore.EVIDENCE);

        assertThat(plan).as(String.join("\n", plan))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH c USING INDEX generation_changes_in_order"))
                .anySatisfy(step -> assertThat(step).startsWith("CORRELATED SCALAR SUBQUERY"))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH ec USING COVERING INDEX evolution_changes_by_change"))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH e USING INTEGER PRIMARY KEY"))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH l USING INTEGER PRIMARY KEY"))
                .anySatisfy(step -> assertThat(step).startsWith("SEARCH p USING INTEGER PRIMARY KEY"))
                .noneSatisfy(step -> assertThat(step).contains("TEMP B-TREE"))
                .noneSatisfy(step -> assertThat(step).matches("SCAN (e|ec|c|l|p|evolutions|generation_changes)\\b.*"));
    }

    private static List<String> plan(Path file, String sql) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection connection = PlainJdbc.connect(file); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                steps.add(rs.getString("detail"));
            }
        }
        return steps;
    }
}
