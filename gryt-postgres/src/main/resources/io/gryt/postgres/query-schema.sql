-- The schema users query with `gryt db query` (documented in docs/cli.md), as gryt-sqlite's query-schema.sql: the
-- tables as the product spec names them, where a column that refers to another row holds that row's name. The views
-- live in schema gryt_query, which a user query puts first on its search path; the stored tables remain readable
-- as public.<table>. Re-created (CREATE OR REPLACE) whenever a migration is applied.
CREATE SCHEMA IF NOT EXISTS gryt_query;

CREATE OR REPLACE VIEW gryt_query.generation_changes AS
SELECT g.version AS generation_id, c.change_id, c.type, c.title,
       c.id, c.position, c.description
FROM public.generation_changes c
JOIN public.generations g ON g.id = c.generation_id;

CREATE OR REPLACE VIEW gryt_query.evolutions AS
SELECT e.tag, g.version AS generation_id,
       (SELECT string_agg(c.change_id, ',' ORDER BY c.position)
        FROM public.evolution_changes ec JOIN public.generation_changes c ON c.id = ec.change_id
        WHERE ec.evolution_id = e.id) AS change_id,
       e.status, e.pipeline_run_id AS pipeline_run,
       e.id, e.rc_number, e.commit_sha, e.pipeline_run_id, e.allow_dirty, e.created_at, e.finished_at, e.tagged_at,
       e.owner_pid, e.owner_host, e.owner_start
FROM public.evolutions e
JOIN public.generations g ON g.id = e.generation_id;

CREATE OR REPLACE VIEW gryt_query.evolution_changes AS
SELECT e.tag AS evolution_id, c.change_id, g.version AS generation_id
FROM public.evolution_changes ec
JOIN public.evolutions e ON e.id = ec.evolution_id
JOIN public.generation_changes c ON c.id = ec.change_id
JOIN public.generations g ON g.id = e.generation_id;

CREATE OR REPLACE VIEW gryt_query.promotions AS
SELECT p.id, g.version AS generation_id, p.status, p.commit_sha, p.tag, p.gate_report, p.started_at, p.finished_at
FROM public.promotions p
JOIN public.generations g ON g.id = p.generation_id;

CREATE OR REPLACE VIEW gryt_query.data_rows AS
SELECT (SELECT e.tag FROM public.evolutions e WHERE e.pipeline_run_id = d.run_id) AS evolution_id,
       d.step_name,
       CASE d.kind WHEN 'metric' THEN d.name END AS metric,
       CASE d.kind WHEN 'metric' THEN CAST(d.number AS TEXT) ELSE d.value END AS value,
       CASE d.kind WHEN 'artifact' THEN d.name END AS artifact_path,
       d.id, d.run_id, d.kind, d.name, d.number, d.sha256, d.recorded_at
FROM public.data_rows d;
