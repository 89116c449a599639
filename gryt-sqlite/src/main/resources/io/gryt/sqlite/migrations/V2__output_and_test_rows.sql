-- Data rows may also record a step's outputs ($GRYT_OUTPUT) and the test cases of its JUnit reports.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with its ids, index and triggers.
CREATE TABLE data_rows_v2 (
    id          INTEGER PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES pipeline_runs (id),
    step_name   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('result', 'metric', 'artifact', 'output', 'test')),
    name        TEXT NOT NULL,
    value       TEXT,
    number      REAL,
    sha256      TEXT,
    recorded_at TEXT NOT NULL
);
INSERT INTO data_rows_v2 (id, run_id, step_name, kind, name, value, number, sha256, recorded_at)
SELECT id, run_id, step_name, kind, name, value, number, sha256, recorded_at FROM data_rows;
DROP TABLE data_rows;
ALTER TABLE data_rows_v2 RENAME TO data_rows;
CREATE INDEX data_rows_by_run ON data_rows (run_id);

CREATE TRIGGER data_rows_no_update BEFORE UPDATE ON data_rows
BEGIN
    SELECT RAISE(ABORT, 'data_rows are append-only');
END;

CREATE TRIGGER data_rows_no_delete BEFORE DELETE ON data_rows
BEGIN
    SELECT RAISE(ABORT, 'data_rows are append-only');
END;
