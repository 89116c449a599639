package io.gryt.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gryt.api.BadInputException;
import io.gryt.api.audit.VerifyReport;
import io.gryt.api.spi.RowHandler;
import io.gryt.core.Gryt;
import io.gryt.core.metrics.MetricValue;
import io.gryt.core.metrics.Metrics;
import io.gryt.core.store.StoreMigration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code gryt db query|metric}: read the audit database. */
@Command(name = "db", description = "Read the audit database: read-only SQL queries and metrics; migrate it to a team's store.",
        subcommands = {DbCommand.Query.class, DbCommand.Metric.class, DbCommand.Migrate.class})
final class DbCommand implements Callable<Integer> {
    @ParentCommand
    GrytCommand gryt;

    @Override
    public Integer call() {
        return gryt.missingSubcommand("db");
    }

    /** Output format of {@code db query}. */
    static final class Format {
        @Option(names = "--json", description = "Print a JSON array of objects.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV (RFC 4180) with a header row.")
        boolean csv;
    }

    /** {@code gryt db query "<SQL>"}. */
    @Command(name = "query", description = "Run a SQL query on a read-only connection (writes fail and change nothing).")
    static final class Query implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Parameters(paramLabel = "<sql>", description = "e.g. \"SELECT tag, status FROM evolutions\"")
        String sql;

        @ArgGroup(exclusive = true)
        Format format = new Format();

        @Override
        public Integer call() {
            if (sql.isBlank()) throw new BadInputException("db query needs a SQL statement");
            try (Gryt g = parent.gryt.openProject()) {
                PrintStream out = parent.gryt.out;
                if (format.json) {
                    JsonRows rows = new JsonRows(out);
                    g.query(sql, rows);
                    rows.close();
                    out.println();
                } else if (format.csv) {
                    g.query(sql, new CsvRows(out));
                } else {
                    TableRows table = new TableRows();
                    g.query(sql, table);
                    table.print(out);
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code gryt db migrate --to postgres://...}. */
    @Command(name = "migrate", description = "Copy this project's SQLite trail into an empty PostgreSQL store, then verify the trail on both sides.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Option(names = "--to", required = true, paramLabel = "<url>",
                description = "The empty store, e.g. postgres://gryt@db.example:5432/gryt (password from PGPASSWORD or ~/.pgpass).")
        String to;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.gryt.openProject()) {
                StoreMigration m = g.migrateStore(to);
                long rows = m.rows().values().stream().mapToLong(Long::longValue).sum();
                out.println("copied " + rows + " rows (" + m.rows().getOrDefault("audit_log", 0L) + " audit entries) from "
                        + m.from() + " to " + m.to());
                out.println("audit verify " + m.from() + ": " + verdict(m.source()));
                out.println("audit verify " + m.to() + ": " + verdict(m.target()));
                if (!m.verified()) {
                    m.target().problems().stream().limit(10).forEach(p -> out.println("  entry " + p.seq() + " " + p.where() + ": " + p.message()));
                    out.println("the copy does not verify as the original does: keep recording in " + m.from());
                    return ExitCodes.FAILED;
                }
                out.println("to record in it from now on: gryt config set store.url " + m.to());
            }
            return ExitCodes.OK;
        }

        private static String verdict(VerifyReport r) {
            return r.intact() ? "intact, " + r.entries() + " entries, head " + r.head()
                    : r.problems().size() + " problem(s) in " + r.entries() + " entries";
        }
    }

    /** {@code gryt db metric <name>}. */
    @Command(name = "metric", description = "Compute a metric (pass_rate, evolution_count, mean_duration, p95_duration, flaky_steps), or read one that steps recorded.")
    static final class Metric implements Callable<Integer> {
        @ParentCommand
        DbCommand parent;

        @Parameters(paramLabel = "<name>", arity = "0..1", description = "The metric (see --list).")
        String name;

        @Option(names = "--gen", paramLabel = "<version>", description = "Only the evolutions of this generation.")
        String generation;

        @Option(names = "--list", description = "List the metrics.")
        boolean list;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintStream out = parent.gryt.out;
            try (Gryt g = parent.gryt.openProject()) {
                Metrics metrics = g.metrics();
                if (list && name != null) {
                    throw new BadInputException("db metric --list takes no metric name (got " + name + "): gryt db metric " + name);
                }
                if (list || name == null) {
                    if (!list) throw new BadInputException("db metric needs a metric name (see gryt db metric --list)");
                    if (json) {
                        ArrayNode arr = Json.MAPPER.createArrayNode();
                        metrics.definitions().forEach(d -> arr.addObject().put("name", d.name()).put("description", d.description()));
                        Json.print(out, arr);
                    } else {
                        Table t = new Table("METRIC", "DESCRIPTION");
                        metrics.definitions().forEach(d -> t.row(d.name(), d.description()));
                        t.print(out);
                    }
                    return ExitCodes.OK;
                }
                MetricValue v = metrics.compute(name, Optional.ofNullable(generation));
                if (json) {
                    ObjectNode n = Json.MAPPER.createObjectNode();
                    n.put("metric", v.name());
                    n.put("generation", v.generation());
                    if (v.value() == null) n.putNull("value"); else n.put("value", v.value());
                    n.put("unit", v.unit());
                    n.put("sample", v.sample());
                    ArrayNode details = n.putArray("details");
                    v.details().forEach(d -> details.addObject().put("label", d.label()).put("count", d.count()));
                    Json.print(out, n);
                } else {
                    out.println(v.name() + (v.generation() == null ? "" : " (" + v.generation() + ")") + ": "
                            + (v.value() == null ? "no data" : format(v)) + "  [" + v.sample() + " " + (v.sample() == 1 ? "record" : "records") + "]");
                    v.details().forEach(d -> out.println("  " + d.label() + "  " + d.count()));
                }
            }
            return ExitCodes.OK;
        }

        private static String format(MetricValue v) {
            return switch (v.unit()) {
                case "ratio" -> String.format(Locale.ROOT, "%.1f%%", v.value() * 100);
                case "seconds" -> String.format(Locale.ROOT, "%.2fs", v.value());
                case "recorded" -> DbCommand.text(v.value());
                default -> String.format(Locale.ROOT, "%.0f", v.value());
            };
        }
    }

    static String text(Object value) {
        if (value == null) return "";
        if (value instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) return String.valueOf(d);
        return String.valueOf(value);
    }

    /** Buffers rows to align columns. */
    static final class TableRows implements RowHandler {
        private Table table;
        private int count;

        @Override
        public void columns(List<String> names) {
            table = new Table(names.stream().map(s -> s.toUpperCase(Locale.ROOT)).toArray(String[]::new));
        }

        @Override
        public void row(List<Object> values) {
            count++;
            table.row(values.stream().map(v -> v == null ? "NULL" : text(v)).toArray());
        }

        void print(PrintStream out) {
            if (table != null) table.print(out);
            out.println("(" + count + (count == 1 ? " row)" : " rows)"));
        }
    }

    /** Streams RFC 4180 CSV. */
    static final class CsvRows implements RowHandler {
        private final PrintStream out;

        CsvRows(PrintStream out) {
            this.out = out;
        }

        @Override
        public void columns(List<String> names) {
            line(new ArrayList<>(names));
        }

        @Override
        public void row(List<Object> values) {
            line(values);
        }

        private void line(List<?> cells) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) b.append(',');
                String s = cells.get(i) == null ? "" : text(cells.get(i));
                if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                    s = '"' + s.replace("\"", "\"\"") + '"';
                }
                b.append(s);
            }
            out.print(b.append("\r\n"));
        }
    }

    /** Streams a JSON array of objects. */
    static final class JsonRows implements RowHandler {
        private final JsonGenerator json;
        private List<String> columns = List.of();

        JsonRows(PrintStream out) {
            try {
                json = Json.MAPPER.getFactory().createGenerator(out);
                json.useDefaultPrettyPrinter();
                json.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The column names as JSON keys: a name that repeats (SELECT a.id, b.id) gets {@code _2}, {@code _3}... */
        @Override
        public void columns(List<String> names) {
            Set<String> taken = new HashSet<>();
            List<String> keys = new ArrayList<>(names.size());
            for (String name : names) {
                String key = name;
                for (int n = 2; !taken.add(key); n++) key = name + "_" + n;
                keys.add(key);
            }
            columns = keys;
        }

        @Override
        public void row(List<Object> values) {
            try {
                json.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    json.writeFieldName(columns.get(i));
                    Object v = values.get(i);
                    if (v == null) json.writeNull();
                    else if (v instanceof Long l) json.writeNumber(l);
                    else if (v instanceof Double d) json.writeNumber(d);
                    else json.writeString(text(v));
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            try {
                json.writeEndArray();
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
