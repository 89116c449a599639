-- The CI job a run ran in (GitHub Actions, GitLab CI, Jenkins): provider, the CI run's page, who started it.
ALTER TABLE pipeline_runs ADD COLUMN ci_provider TEXT;
ALTER TABLE pipeline_runs ADD COLUMN ci_url TEXT;
ALTER TABLE pipeline_runs ADD COLUMN ci_actor TEXT;
