-- ci_runs
-- The CI job a run ran in (gryt-sqlite's V3__ci_runs.sql).
ALTER TABLE pipeline_runs ADD COLUMN ci_provider TEXT;
ALTER TABLE pipeline_runs ADD COLUMN ci_url TEXT;
ALTER TABLE pipeline_runs ADD COLUMN ci_actor TEXT;
