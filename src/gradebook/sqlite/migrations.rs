//! The SQLite schema, migration by migration (`PRAGMA user_version` is the
//! number applied). The PostgreSQL forms of the same migrations are in
//! `gradebook/pg/schema.rs`, numbered alike.

/// Schema migrations, applied in order; `user_version` is the number applied.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: students, attempts, responses, review boxes
    "CREATE TABLE students (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT,
        added_at TEXT NOT NULL
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        student_id TEXT NOT NULL,
        unit TEXT NOT NULL,
        attempt_no INTEGER NOT NULL,
        mode TEXT NOT NULL,
        seed TEXT NOT NULL,
        bank_version TEXT NOT NULL,
        form TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'take',
        started_at TEXT NOT NULL,
        finished_at TEXT,
        UNIQUE (student_id, unit, attempt_no)
    );
    CREATE TABLE responses (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        response TEXT NOT NULL,
        answered_at TEXT,
        points REAL,
        max_points REAL,
        status TEXT,
        graded_at TEXT,
        PRIMARY KEY (attempt_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE review_boxes (
        student_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        box INTEGER NOT NULL,
        due TEXT NOT NULL,
        PRIMARY KEY (student_id, question_id)
    );",
    // 2: graded submissions and CSV files (form_id), comments, manual checklist scores, regrade log
    "ALTER TABLE attempts ADD COLUMN form_id TEXT;
    CREATE UNIQUE INDEX attempts_form ON attempts(form_id) WHERE form_id IS NOT NULL;
    ALTER TABLE responses ADD COLUMN comment TEXT;
    ALTER TABLE responses ADD COLUMN graded_by TEXT;
    CREATE TABLE checklist_scores (
        student_id TEXT NOT NULL,
        week INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        level TEXT NOT NULL,
        points REAL NOT NULL,
        scored_by TEXT NOT NULL,
        scored_at TEXT NOT NULL,
        PRIMARY KEY (student_id, week, item_id)
    );
    CREATE TABLE regrades (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        attempt_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        before REAL,
        after REAL
    );",
    // 3: exam integrity. Attempt leases (one session at a time); every form
    // given out (released or assembled by `take`) with its random tokens; the
    // identity of every stored CSV row (a file graded again stores only new rows).
    "ALTER TABLE attempts ADD COLUMN lease_holder TEXT;
    ALTER TABLE attempts ADD COLUMN lease_since TEXT;
    ALTER TABLE attempts ADD COLUMN lease_beat TEXT;
    CREATE TABLE forms (
        form_id TEXT PRIMARY KEY,
        student_id TEXT NOT NULL,
        unit TEXT NOT NULL,
        release_no INTEGER,
        seed TEXT NOT NULL,
        bank_version TEXT NOT NULL,
        form TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX forms_unit ON forms(unit, release_no);
    CREATE TABLE csv_rows (
        digest TEXT PRIMARY KEY,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id),
        position INTEGER NOT NULL,
        source TEXT NOT NULL,
        line INTEGER NOT NULL
    ) WITHOUT ROWID;",
    // 4: `quiz serve`: login codes, browser sessions, opened quizzes (src/gradebook/web.rs)
    super::web::MIGRATION,
    // 5: a finished attempt is immutable in the
    // database itself, whatever writes to it. Its answers (which question, the
    // response, when) are never inserted, changed or deleted, and the attempt
    // row's identity, form and finish time never change; the instructor's
    // scoring columns (points, max_points, status, comment, graded_by,
    // graded_at) stay writable for regrade, review and rubric import.
    // Recording code writes the answers first and sets `finished_at` last,
    // in the same transaction. `RAISE(FAIL)` (not ABORT): the statement
    // fails alike, and a bulk insert needs no statement journal for it.
    //
    // Also: the identities of the CSV rows stored (see `csv_row_key`), one
    // record per attempt (its rows' 128-bit keys, by position), read into
    // memory before a file is graded. A table row per CSV row (`csv_rows`,
    // still read for gradebooks graded before) made grading a million rows
    // four times slower.
    "CREATE TABLE csv_keys (
        attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
        keys BLOB NOT NULL
    );
    CREATE TRIGGER responses_finished_insert BEFORE INSERT ON responses
     WHEN (SELECT finished_at FROM attempts WHERE id = NEW.attempt_id) IS NOT NULL
     BEGIN SELECT RAISE(FAIL, 'quiz: finished attempt: its answers never change'); END;
    CREATE TRIGGER responses_finished_update BEFORE UPDATE ON responses
     WHEN (NEW.attempt_id IS NOT OLD.attempt_id OR NEW.position IS NOT OLD.position
           OR NEW.question_id IS NOT OLD.question_id OR NEW.response IS NOT OLD.response
           OR NEW.answered_at IS NOT OLD.answered_at)
      AND ((SELECT finished_at FROM attempts WHERE id = OLD.attempt_id) IS NOT NULL
           OR (SELECT finished_at FROM attempts WHERE id = NEW.attempt_id) IS NOT NULL)
     BEGIN SELECT RAISE(FAIL, 'quiz: finished attempt: its answers never change'); END;
    CREATE TRIGGER responses_finished_delete BEFORE DELETE ON responses
     WHEN (SELECT finished_at FROM attempts WHERE id = OLD.attempt_id) IS NOT NULL
     BEGIN SELECT RAISE(FAIL, 'quiz: finished attempt: its answers never change'); END;
    CREATE TRIGGER attempts_finished_update BEFORE UPDATE ON attempts
     WHEN OLD.finished_at IS NOT NULL
      AND (NEW.finished_at IS NOT OLD.finished_at OR NEW.id IS NOT OLD.id
           OR NEW.student_id IS NOT OLD.student_id OR NEW.unit IS NOT OLD.unit
           OR NEW.attempt_no IS NOT OLD.attempt_no OR NEW.mode IS NOT OLD.mode
           OR NEW.seed IS NOT OLD.seed OR NEW.bank_version IS NOT OLD.bank_version
           OR NEW.form IS NOT OLD.form OR NEW.origin IS NOT OLD.origin
           OR NEW.form_id IS NOT OLD.form_id OR NEW.started_at IS NOT OLD.started_at)
     BEGIN SELECT RAISE(FAIL, 'quiz: finished attempt: its answers never change'); END;
    CREATE TRIGGER attempts_finished_delete BEFORE DELETE ON attempts
     WHEN OLD.finished_at IS NOT NULL
     BEGIN SELECT RAISE(FAIL, 'quiz: finished attempt: its answers never change'); END;",
];
