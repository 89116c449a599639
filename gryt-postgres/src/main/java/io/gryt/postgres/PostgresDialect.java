package io.gryt.postgres;

import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Translates the SQL of gryt-sqlite's stores, written for SQLite, into PostgreSQL's: the few functions SQLite
 * names differently ({@code last_insert_rowid()}, {@code group_concat}, {@code json_each} over a parameter,
 * {@code rowid}) and the two statements that read JSON (a promotion's report status, the audit entries about a
 * generation). Everything else the stores write is SQL both engines read alike. Installed as Jdbi's template
 * engine, so that the stores' statements and typed reads pass through it, and used for plain JDBC queries.
 */
final class PostgresDialect implements TemplateEngine {
    /** SQLite's test that a report is a JSON object, and the update of its status. */
    private static final String SQLITE_REPORT_STATUS = """
            CASE WHEN json_valid(gate_report) AND json_type(gate_report) = 'object'
                               THEN json_set(gate_report, '$.status', :status) ELSE gate_report END""";
    private static final String REPORT_STATUS = """
            CASE WHEN gryt_json_object(gate_report) IS NOT NULL
                 THEN jsonb_set(gryt_json_object(gate_report), '{status}', to_jsonb(CAST(:status AS text)))::text
                 ELSE gate_report END""";

    /** The part of the entries-about-a-generation query that walks an entry's JSON payload with SQLite's functions. */
    private static final Pattern SQLITE_ENTRIES_ABOUT = Pattern.compile(
            "AND json_valid\\(a\\.payload\\) AND EXISTS \\(.*ORDER BY a\\.seq", Pattern.DOTALL);
    private static final String ENTRIES_ABOUT = """
            AND gryt_json_object(a.payload) IS NOT NULL AND EXISTS (
                        SELECT 1 FROM (SELECT key, value FROM jsonb_each(gryt_json_object(a.payload) -> 'rows')
                                       UNION ALL
                                       SELECT key, value FROM jsonb_each(gryt_json_object(a.payload) -> 'removed')) t,
                                      jsonb_array_elements(CASE WHEN jsonb_typeof(t.value) = 'array' THEN t.value
                                                                ELSE '[]'::jsonb END) r(value)
                        WHERE jsonb_typeof(r.value) = 'object' AND (
                               (t.key = 'generations' AND (r.value ->> 'version' = :version
                                                           OR r.value ->> 'id' = (SELECT id FROM gen)::text))
                            OR (t.key IN ('generation_changes', 'evolutions', 'promotions')
                                AND r.value ->> 'generation_id' = (SELECT id FROM gen)::text)
                            OR (t.key = 'evolution_changes' AND r.value ->> 'evolution_id'
                                IN (SELECT id::text FROM evolutions WHERE generation_id = (SELECT id FROM gen)))
                            OR (t.key = 'pipeline_runs' AND r.value ->> 'id' IN (SELECT id FROM runs))
                            OR (t.key IN ('step_runs', 'data_rows')
                                AND r.value ->> 'run_id' IN (SELECT id FROM runs))))
                    ORDER BY a.seq""";

    private static final Pattern ROWID = Pattern.compile("\\browid\\b");
    private static final Pattern JSON_EACH_PARAMETER = Pattern.compile("json_each\\(\\?\\)");

    private final Map<String, String> translated = new ConcurrentHashMap<>();
    private final TemplateEngine then;

    /** Translates, then renders with {@code then} (Jdbi's engine, which expands lists such as {@code <digests>}). */
    PostgresDialect(TemplateEngine then) {
        this.then = then;
    }

    /** {@code sql} as PostgreSQL reads it. */
    String translate(String sql) {
        return translated.computeIfAbsent(sql, PostgresDialect::rewrite);
    }

    private static String rewrite(String sql) {
        String s = sql.replace("last_insert_rowid()", "lastval()")
                .replace("group_concat(", "string_agg(")
                .replace(SQLITE_REPORT_STATUS, REPORT_STATUS);
        s = JSON_EACH_PARAMETER.matcher(s).replaceAll("json_array_elements_text(CAST(? AS json))");
        s = ROWID.matcher(s).replaceAll("id");
        if (s.contains("json_each(a.payload")) {
            s = SQLITE_ENTRIES_ABOUT.matcher(s).replaceFirst(java.util.regex.Matcher.quoteReplacement(ENTRIES_ABOUT));
        }
        return s;
    }

    @Override
    public String render(String template, StatementContext ctx) {
        return then.render(translate(template), ctx);
    }
}
