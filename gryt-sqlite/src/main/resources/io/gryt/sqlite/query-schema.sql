-- The schema users query with `gryt db query` (documented in docs/cli.md): the tables as the product spec names
-- them, where a column that refers to another row holds that row's name (a generation's version, an evolution's
-- tag, a change's id) instead of its integer key, so that `SELECT * FROM evolutions WHERE generation_id = 'v2.2.0'`
-- answers as documented. The views are TEMP, created on each query's own read-only connection: they shadow the
-- stored tables of the same name for that query only, change nothing in the database (its schema, its rows, its
-- audit trail and snapshots stay exactly as they are), and the stored tables remain readable as main.<table>.
-- Each view starts with the spec's columns, then every other column of its table.

CREATE TEMP VIEW generation_changes AS
SELECT g.version AS generation_id, c.change_id, c.type, c.title,
       c.id, c.position, c.description
FROM main.generation_changes c
JOIN main.generations g ON g.id = c.generation_id;

CREATE TEMP VIEW evolutions AS
SELECT e.tag, g.version AS generation_id,
       (SELECT group_concat(c.change_id, ',' ORDER BY c.position)
        FROM main.evolution_changes ec JOIN main.generation_changes c ON c.id = ec.change_id
        WHERE ec.evolution_id = e.id) AS change_id,
       e.status, e.pipeline_run_id AS pipeline_run,
       e.id, e.rc_number, e.commit_sha, e.pipeline_run_id, e.allow_dirty, e.created_at, e.finished_at, e.tagged_at,
       e.owner_pid, e.owner_host, e.owner_start
FROM main.evolutions e
JOIN main.generations g ON g.id = e.generation_id;

CREATE TEMP VIEW evolution_changes AS
SELECT e.tag AS evolution_id, c.change_id, g.version AS generation_id
FROM main.evolution_changes ec
JOIN main.evolutions e ON e.id = ec.evolution_id
JOIN main.generation_changes c ON c.id = ec.change_id
JOIN main.generations g ON g.id = e.generation_id;

CREATE TEMP VIEW promotions AS
SELECT p.id, g.version AS generation_id, p.status, p.commit_sha, p.tag, p.gate_report, p.started_at, p.finished_at
FROM main.promotions p
JOIN main.generations g ON g.id = p.generation_id;

CREATE TEMP VIEW data_rows AS
SELECT (SELECT e.tag FROM main.evolutions e WHERE e.pipeline_run_id = d.run_id) AS evolution_id,
       d.step_name,
       CASE d.kind WHEN 'metric' THEN d.name END AS metric,
       CASE d.kind WHEN 'metric' THEN d.number ELSE d.value END AS value,
       CASE d.kind WHEN 'artifact' THEN d.name END AS artifact_path,
       d.id, d.run_id, d.kind, d.name, d.number, d.sha256, d.recorded_at
FROM main.data_rows d;
