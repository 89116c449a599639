-- gryt schema version 1: the whole release model, not only runs.
-- Timestamps are ISO-8601 UTC text with nine fractional digits (2025-01-31T09:30:00.123456789Z), so they sort
-- as text. Booleans are 0/1 integers. Statuses are lower-case labels of the API enums.

-- A generation: one planned version and the changes it promises (.gryt/generations/vX.Y.Z.yaml).
CREATE TABLE generations (
    id                INTEGER PRIMARY KEY,
    version           TEXT    NOT NULL UNIQUE,
    description       TEXT,
    status            TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'promoted')),
    hotfix_of         TEXT,
    pipeline_template TEXT,
    contract_hash     TEXT,
    file_path         TEXT,
    created_at        TEXT    NOT NULL,
    promoted_at       TEXT
);

CREATE INDEX generations_by_creation ON generations (created_at, id);

-- The changes of a generation's current contract, in file order (position). A change id is unique within its
-- generation only. A change that an evolution proves cannot be deleted (evolution_changes references it).
CREATE TABLE generation_changes (
    id            INTEGER PRIMARY KEY,
    generation_id INTEGER NOT NULL REFERENCES generations (id),
    change_id     TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    type          TEXT    NOT NULL CHECK (type IN ('fix', 'refine', 'add', 'remove')),
    title         TEXT    NOT NULL,
    description   TEXT,
    UNIQUE (generation_id, change_id)
);
CREATE INDEX generation_changes_in_order ON generation_changes (generation_id, position);

-- A pipeline run and the process that owns it (so that a later gryt can tell a crashed run from a live one).
CREATE TABLE pipeline_runs (
    id            TEXT PRIMARY KEY,
    pipeline_name TEXT NOT NULL,
    status        TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    owner_pid     INTEGER,
    owner_host    TEXT,
    owner_start   TEXT,
    work_dir      TEXT
);
CREATE INDEX pipeline_runs_by_status ON pipeline_runs (status, started_at);
CREATE INDEX pipeline_runs_by_start ON pipeline_runs (started_at);

-- One row per step of a run (UNIQUE also serves lookups by run_id).
CREATE TABLE step_runs (
    id          INTEGER PRIMARY KEY,
    run_id      TEXT    NOT NULL REFERENCES pipeline_runs (id),
    step_name   TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    exit_code   INTEGER,
    attempts    INTEGER NOT NULL DEFAULT 0,
    started_at  TEXT,
    finished_at TEXT,
    duration_ms INTEGER,
    log_path    TEXT,
    error       TEXT,
    pid         INTEGER,
    UNIQUE (run_id, step_name)
);

-- An evolution: a release candidate (tag vX.Y.Z-rc.N) proving some of a generation's changes, and the process
-- that owns it while it is pending or running (so that a later gryt can tell a crashed one from a live one).
-- UNIQUE (generation_id, rc_number) makes RC numbers unique even with concurrent processes; they are allocated
-- as MAX + 1 under the write lock, so they are also gap-free. tagged_at is set once its git tag exists.
CREATE TABLE evolutions (
    id              INTEGER PRIMARY KEY,
    generation_id   INTEGER NOT NULL REFERENCES generations (id),
    rc_number       INTEGER NOT NULL CHECK (rc_number > 0),
    tag             TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'running', 'pass', 'fail', 'interrupted')),
    commit_sha      TEXT,
    pipeline_run_id TEXT REFERENCES pipeline_runs (id),
    allow_dirty     INTEGER NOT NULL DEFAULT 0,
    owner_pid       INTEGER,
    owner_host      TEXT,
    owner_start     TEXT,
    created_at      TEXT    NOT NULL,
    finished_at     TEXT,
    tagged_at       TEXT,
    UNIQUE (generation_id, rc_number)
);
CREATE INDEX evolutions_by_run ON evolutions (pipeline_run_id);
-- A generation's evolutions by status: counting them, and the evidence query (covering: it also reads rc_number).
CREATE INDEX evolutions_by_generation_status ON evolutions (generation_id, status, rc_number);
-- Recovery: unfinished evolutions (pending, running) and finished ones still without their tag.
CREATE INDEX evolutions_by_status ON evolutions (status, tagged_at);

-- The changes an evolution proves. WITHOUT ROWID keeps the pairs in the primary key's b-tree (which the evidence
-- query walks from each evolution); the second index leads from a change to its evolutions.
CREATE TABLE evolution_changes (
    evolution_id INTEGER NOT NULL REFERENCES evolutions (id),
    change_id    INTEGER NOT NULL REFERENCES generation_changes (id),
    PRIMARY KEY (evolution_id, change_id)
) WITHOUT ROWID;
CREATE INDEX evolution_changes_by_change ON evolution_changes (change_id, evolution_id);

-- Proof: step results, metrics and artifacts. Never updated, never deleted.
CREATE TABLE data_rows (
    id          INTEGER PRIMARY KEY,
    run_id      TEXT NOT NULL REFERENCES pipeline_runs (id),
    step_name   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('result', 'metric', 'artifact')),
    name        TEXT NOT NULL,
    value       TEXT,
    number      REAL,
    sha256      TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX data_rows_by_run ON data_rows (run_id);

CREATE TRIGGER data_rows_no_update BEFORE UPDATE ON data_rows
BEGIN
    SELECT RAISE(ABORT, 'data_rows are append-only');
END;

CREATE TRIGGER data_rows_no_delete BEFORE DELETE ON data_rows
BEGIN
    SELECT RAISE(ABORT, 'data_rows are append-only');
END;

-- A promotion attempt: the gates' report (JSON) and, when all passed, the release tag. A pending promotion has
-- passed its gates and is writing the release (database, then tag); recovery completes or rolls it back.
CREATE TABLE promotions (
    id            INTEGER PRIMARY KEY,
    generation_id INTEGER NOT NULL REFERENCES generations (id),
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'completed', 'blocked', 'rolled_back', 'dry_run')),
    commit_sha    TEXT,
    tag           TEXT,
    gate_report   TEXT,
    started_at    TEXT    NOT NULL,
    finished_at   TEXT
);
CREATE INDEX promotions_by_generation ON promotions (generation_id);
CREATE INDEX promotions_by_status ON promotions (status);
-- At most one promotion per generation is in progress or completed, even with concurrent processes.
CREATE UNIQUE INDEX promotions_one_release ON promotions (generation_id) WHERE status IN ('pending', 'completed');

-- The audit log: append-only and hash-chained. Every write of gryt appends, in the same transaction, one entry
-- whose payload holds the full rows it left (canonical JSON); hash = SHA-256 over the entry and prev_hash, so
-- that editing, removing, inserting or reordering entries is detected (the exact form is in docs/audit.md).
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    event     TEXT NOT NULL,
    payload   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
