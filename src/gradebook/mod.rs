//! The gradebook: one SQLite file (rusqlite, bundled: nothing to install).
//!
//! The only SQL in the crate. The schema is versioned with `PRAGMA user_version`
//! and migrated on open. WAL mode and a busy timeout let many `quiz take`
//! processes share one file; every answer is its own short transaction, so a
//! killed process loses nothing already answered. Times are stored in UTC
//! (RFC 3339) and shown in local time.

use crate::error::{Error, Result};
use crate::model::{Form, Mode};
use crate::score::{Response, Status};
use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

mod forms;
mod leases;
mod open_attempts;
pub mod pg;
mod web;

pub use forms::FormRecord;
pub use leases::{DEFAULT_LEASE_TTL, new_holder};
pub use open_attempts::{Fill, OpenAttempt};
pub use web::{AttemptInfo, Progress, WebQuiz, WebSession};

/// Schema migrations, applied in order; `user_version` is the number applied.
const MIGRATIONS: &[&str] = &[
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
    web::MIGRATION,
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

/// One graded answer, as `Bulk` writes it.
const INSERT_RESPONSE: &str = "INSERT OR FAIL INTO responses (attempt_id, position, question_id, response, answered_at, points, max_points, status)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The identity of a CSV row: student, question and the answer as
/// normalized and stored; the first 128 bits of the SHA-256 of the three
/// (joined by 0x1f), so a collision is out of the question. Gradebooks
/// graded before kept it in `csv_rows` as 32 hex digits: the same number.
pub fn csv_row_key(student: &str, question: &str, answer: &str) -> u128 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(student.as_bytes());
    h.update([0x1f]);
    h.update(question.as_bytes());
    h.update([0x1f]);
    h.update(answer.as_bytes());
    let d = h.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&d[..16]);
    u128::from_be_bytes(first)
}

/// Days until a question in Leitner box n (1-based) comes back.
pub const LEITNER_DAYS: [i64; 4] = [1, 2, 4, 8];

/// An open gradebook.
pub struct Gradebook {
    conn: Connection,
    path: PathBuf,
    /// How long an attempt's lease lives without a heartbeat.
    lease_ttl: Duration,
}

/// A student on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    /// Id (`[A-Za-z0-9._-]{1,64}`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Email, optional.
    pub email: Option<String>,
}

/// An attempt row.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// Row id.
    pub id: i64,
    /// Attempt number for this student and unit (1-based).
    pub attempt_no: u32,
    /// Mode.
    pub mode: Mode,
    /// The form (question ids and orders).
    pub form: Form,
    /// Started (UTC, RFC 3339).
    pub started_at: String,
    /// Finished (UTC, RFC 3339), if it was.
    pub finished_at: Option<String>,
}

/// A stored answer.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    /// Position in the form.
    pub position: usize,
    /// Question id.
    pub question_id: String,
    /// The response.
    pub response: Response,
    /// Points, once graded.
    pub points: Option<f64>,
    /// Max points, once graded.
    pub max_points: Option<f64>,
}

/// Maps a rusqlite error to [`Error::Db`] for the gradebook at `path`.
/// A [`Row`] (response not parsed yet) and its response text, from the columns
/// `attempt_id, position, student_id, unit, attempt_no, origin, question_id,
/// response, points, max_points, status, comment, answered_at, finished_at`.
fn row_columns(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Row, String)> {
    Ok((
        Row {
            attempt_id: r.get(0)?,
            position: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
            student: r.get(2)?,
            unit: r.get(3)?,
            attempt_no: u32::try_from(r.get::<_, i64>(4)?).unwrap_or(0),
            origin: r.get(5)?,
            question_id: r.get(6)?,
            response: Response::Skipped,
            points: r.get(8)?,
            max_points: r.get(9)?,
            status: r.get(10)?,
            comment: r.get(11)?,
            answered_at: r.get(12)?,
            finished_at: r.get(13)?,
        },
        r.get(7)?,
    ))
}

/// Run `f` again while SQLite reports the database busy or locked, up to `limit`.
fn retry_busy<T>(
    limit: Duration,
    mut f: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let start = std::time::Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && start.elapsed() < limit =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |e| Error::Db {
        path: path.clone(),
        source: e,
    }
}

/// Refuse a SQLite file that has tables but not the gradebook's (another
/// program's database), before anything in it is changed.
fn refuse_foreign(conn: &Connection, path: &Path) -> Result<()> {
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .map_err(db_error(path))?;
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(db_error(path))?;
    let ours = ["students", "attempts", "responses"]
        .iter()
        .all(|t| tables.iter().any(|n| n == t));
    if !tables.is_empty() && !ours {
        return Err(Error::Usage(format!(
            "{}은(는) quiz 성적부가 아닌 SQLite 파일입니다 (다른 프로그램의 데이터베이스): 아무것도 바꾸지 않았습니다. --db 경로를 확인하세요",
            crate::fsutil::display(path)
        )));
    }
    Ok(())
}

/// A path for a `file:` URI: absolute, with `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// The schema version applied (`PRAGMA user_version`); newer than this quiz is an error.
fn schema_version(conn: &Connection, path: &Path) -> Result<usize> {
    let version: usize = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(db_error(path))?
        .try_into()
        .unwrap_or(0);
    if version > MIGRATIONS.len() {
        return Err(Error::Usage(format!(
            "gradebook {} has schema version {version}, newer than this quiz ({}); upgrade quiz",
            path.display(),
            MIGRATIONS.len()
        )));
    }
    Ok(version)
}

/// Now, UTC, RFC 3339 with seconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Gradebook {
    fn db_err(&self, e: rusqlite::Error) -> Error {
        Error::Db {
            path: self.path.clone(),
            source: e,
        }
    }

    /// Every row of a query, mapped by `f`.
    fn query_all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut st = self.conn.prepare(sql).map_err(|e| self.db_err(e))?;
        let rows = st.query_map(params, f).map_err(|e| self.db_err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.db_err(e))
    }

    /// Open for a command that records something: created when missing (its
    /// folder must exist: no folder is ever created) and migrated. A SQLite
    /// file that has tables but none of the gradebook's is refused before
    /// anything in it changes.
    pub fn open(path: &Path) -> Result<Gradebook> {
        if let Some(url) = path.to_str().filter(|p| pg::is_url(p)) {
            return Err(pg::not_yet(url));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(Error::Usage(format!(
                "gradebook 폴더 {}이(가) 없습니다: --db 경로를 확인하세요 (quiz는 폴더를 만들지 않습니다)",
                crate::fsutil::display(dir)
            )));
        }
        let db = |e| Error::Db {
            path: path.to_path_buf(),
            source: e,
        };
        let fresh = !path.exists();
        let mut conn = Connection::open(path).map_err(&db)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(&db)?;
        refuse_foreign(&conn, path)?;
        if fresh {
            // Larger pages: fewer B-tree splits for classes of thousands (set before WAL).
            conn.pragma_update(None, "page_size", 16384i64)
                .map_err(&db)?;
        }
        // Switching a new database to WAL takes an exclusive lock and SQLite
        // answers "database is locked" at once, without the busy handler, when
        // other processes are opening the same new file: wait and try again.
        retry_busy(Duration::from_secs(30), || {
            conn.pragma_update(None, "journal_mode", "WAL")
        })
        .map_err(&db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(&db)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(&db)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let version = schema_version(&tx, path)?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(m).map_err(&db)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(&db)?;
        }
        tx.commit().map_err(&db)?;
        Ok(Gradebook {
            conn,
            path: path.to_path_buf(),
            lease_ttl: DEFAULT_LEASE_TTL,
        })
    }

    /// Open for a command that only reads (roster list, report, stats, ...):
    /// a missing gradebook is an error (nothing is created), the file is
    /// opened read-only (a read-only file or one another process is writing
    /// is fine), and nothing in it changes. A gradebook of an older schema is
    /// migrated first when it can be written, else read as it is.
    pub fn open_read_only(path: &Path) -> Result<Gradebook> {
        if let Some(url) = path.to_str().filter(|p| pg::is_url(p)) {
            return Err(pg::not_yet(url));
        }
        if !path.is_file() {
            return Err(Error::Usage(format!(
                "gradebook {}이(가) 없습니다: --db 경로를 확인하세요 (성적부는 기록하는 명령이 처음 만듭니다)",
                crate::fsutil::display(path)
            )));
        }
        let db = |e| Error::Db {
            path: path.to_path_buf(),
            source: e,
        };
        let read_only =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, read_only).map_err(&db)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(&db)?;
        if let Err(e) = refuse_foreign(&conn, path) {
            // A WAL gradebook in a folder this user cannot write: SQLite cannot
            // make its shared-memory file. Nobody can be writing it then, so
            // read it as an immutable file.
            if !matches!(&e, Error::Db { source: rusqlite::Error::SqliteFailure(f, _), .. }
                if matches!(f.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen))
            {
                return Err(e);
            }
            let uri = format!("file:{}?immutable=1", uri_path(path));
            conn =
                Connection::open_with_flags(uri, read_only | rusqlite::OpenFlags::SQLITE_OPEN_URI)
                    .map_err(&db)?;
            refuse_foreign(&conn, path)?;
        }
        let version = schema_version(&conn, path)?;
        if version < MIGRATIONS.len()
            && let Ok(g) = Gradebook::open(path)
        {
            return Ok(g);
        }
        Ok(Gradebook {
            conn,
            path: path.to_path_buf(),
            lease_ttl: DEFAULT_LEASE_TTL,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Add or update students, in one transaction. Returns (added, updated).
    pub fn upsert_students(&mut self, students: &[Student]) -> Result<(usize, usize)> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let (mut added, mut updated) = (0, 0);
        let now = now();
        for s in students {
            let exists: bool = tx
                .query_row("SELECT 1 FROM students WHERE id = ?1", [&s.id], |_| {
                    Ok(true)
                })
                .optional()
                .map_err(&db)?
                .is_some();
            if exists {
                tx.execute(
                    "UPDATE students SET name = ?2, email = ?3 WHERE id = ?1",
                    params![s.id, s.name, s.email],
                )
                .map_err(&db)?;
                updated += 1;
            } else {
                tx.execute(
                    "INSERT INTO students (id, name, email, added_at) VALUES (?1, ?2, ?3, ?4)",
                    params![s.id, s.name, s.email, now],
                )
                .map_err(&db)?;
                added += 1;
            }
        }
        tx.commit().map_err(&db)?;
        Ok((added, updated))
    }

    /// All students, by id.
    pub fn students(&self) -> Result<Vec<Student>> {
        self.query_all(
            "SELECT id, name, email FROM students ORDER BY id",
            [],
            |r| {
                Ok(Student {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                })
            },
        )
    }

    /// Whether a roster exists, and whether `id` is on it.
    pub fn roster_status(&self, id: &str) -> Result<(bool, bool)> {
        let any: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM students", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        let known: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM students WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| self.db_err(e))?;
        Ok((any > 0, known > 0))
    }

    /// The unfinished attempt of a student at a unit, if any.
    pub fn unfinished(&self, student: &str, unit: &str) -> Result<Option<Attempt>> {
        Ok(self
            .select_attempts(student, unit, "AND finished_at IS NULL AND origin = 'take'")?
            .pop())
    }

    /// Every attempt of a student at a unit, by attempt number.
    pub fn attempts(&self, student: &str, unit: &str) -> Result<Vec<Attempt>> {
        self.select_attempts(student, unit, "")
    }

    /// Attempts of a student at a unit matching an extra SQL condition, by attempt number.
    fn select_attempts(&self, student: &str, unit: &str, condition: &str) -> Result<Vec<Attempt>> {
        let sql = format!(
            "SELECT id, attempt_no, mode, form, started_at, finished_at FROM attempts
             WHERE student_id = ?1 AND unit = ?2 {condition} ORDER BY attempt_no"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.db_err(e))?;
        let rows = st
            .query_map(params![student, unit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, no, mode, form, started_at, finished_at) = row.map_err(|e| self.db_err(e))?;
            let form: Form = crate::yaml::parse("gradebook form", &form)
                .map_err(|d| Error::Usage(d.to_string()))?;
            out.push(Attempt {
                id,
                attempt_no: u32::try_from(no).unwrap_or(0),
                mode: if mode == "exam" {
                    Mode::Exam
                } else {
                    Mode::Practice
                },
                form,
                started_at,
                finished_at,
            });
        }
        Ok(out)
    }

    /// Start a new attempt: the attempt number is taken inside one immediate
    /// transaction, and `make_form(attempt_no)` builds the form for it. When
    /// the student already has an unfinished `take` attempt at the unit (made
    /// by a session that started at the same moment), that one is returned.
    pub fn start_attempt(
        &mut self,
        student: &str,
        unit: &str,
        mode: Mode,
        make_form: impl FnOnce(u32) -> Form,
    ) -> Result<Attempt> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        // Two sessions starting at once: the second gets the first's attempt
        // (and then waits for its lease), never a second unfinished one.
        let open: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE student_id = ?1 AND unit = ?2
                                AND finished_at IS NULL AND origin = 'take')",
                params![student, unit],
                |r| r.get(0),
            )
            .map_err(&db)?;
        if open {
            drop(tx);
            if let Some(a) = self.unfinished(student, unit)? {
                return Ok(a);
            }
            return Err(Error::Usage(format!(
                "`{student}`의 `{unit}` 응시를 찾지 못했습니다; 다시 시도하세요"
            )));
        }
        let n: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(attempt_no), 0) FROM attempts WHERE student_id = ?1 AND unit = ?2",
                params![student, unit],
                |r| r.get(0),
            )
            .map_err(&db)?;
        let attempt_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let form = make_form(attempt_no);
        let text = crate::yaml::to_string(&form, &[])?;
        let started_at = now();
        tx.execute(
            "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, started_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![student, unit, attempt_no, mode.as_str(), form.seed.to_string(), form.bank_version, text, started_at],
        )
        .map_err(&db)?;
        let id = tx.last_insert_rowid();
        forms::insert(&tx, &form, None, "take", &started_at).map_err(&db)?;
        tx.commit().map_err(&db)?;
        Ok(Attempt {
            id,
            attempt_no,
            mode,
            form,
            started_at,
            finished_at: None,
        })
    }

    /// Record one answer (and its score) in its own transaction, for the
    /// session `holder`. Refused inside that transaction when the attempt is
    /// finished ([`Error::AttemptFinished`]: a finished attempt's answers never
    /// change) or when another session holds its lease ([`Error::AttemptHeld`]);
    /// a recorded answer renews the holder's lease.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        attempt: i64,
        holder: &str,
        position: usize,
        question: &str,
        response: &Response,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        self.record_with_review(
            attempt, holder, position, question, response, points, max, status, None,
        )
    }

    /// [`Gradebook::record`], and in the same transaction the Leitner update
    /// of `review` = (student, answered right, today) (see [`Gradebook::review_update`]).
    #[allow(clippy::too_many_arguments)]
    pub fn record_with_review(
        &mut self,
        attempt: i64,
        holder: &str,
        position: usize,
        question: &str,
        response: &Response,
        points: f64,
        max: f64,
        status: Status,
        review: Option<(&str, bool, NaiveDate)>,
    ) -> Result<()> {
        let text = crate::yaml::to_string(response, &[])?;
        let db = db_error(&self.path);
        let ttl = self.lease_ttl;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let now = Utc::now();
        leases::check_holder(&tx, attempt, holder, now, ttl, &db)?;
        let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        tx.execute(
            "INSERT OR REPLACE INTO responses
             (attempt_id, position, question_id, response, answered_at, points, max_points, status, graded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5)",
            params![attempt, position as i64, question, text, at, points, max, status.as_str()],
        )
        .map_err(&db)?;
        if let Some((student, correct, today)) = review {
            leitner(&tx, student, question, correct, today).map_err(&db)?;
        }
        tx.commit().map_err(&db)?;
        Ok(())
    }

    /// The answers of an attempt, by position.
    pub fn responses(&self, attempt: i64) -> Result<Vec<StoredResponse>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT position, question_id, response, points, max_points FROM responses
                 WHERE attempt_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.db_err(e))?;
        let rows = st
            .query_map([attempt], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<f64>>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                ))
            })
            .map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (pos, qid, text, points, max_points) = row.map_err(|e| self.db_err(e))?;
            let response: Response =
                crate::yaml::parse_response(&text).map_err(|d| Error::Usage(d.to_string()))?;
            out.push(StoredResponse {
                position: usize::try_from(pos).unwrap_or(0),
                question_id: qid,
                response,
                points,
                max_points,
            });
        }
        Ok(out)
    }

    /// Mark an attempt finished, for the session `holder` (refused like
    /// [`Gradebook::record`]); the lease ends with it.
    pub fn finish(&mut self, attempt: i64, holder: &str) -> Result<()> {
        let db = db_error(&self.path);
        let ttl = self.lease_ttl;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        leases::check_holder(&tx, attempt, holder, Utc::now(), ttl, &db)?;
        tx.execute(
            "UPDATE attempts SET finished_at = ?2, lease_holder = NULL, lease_since = NULL, lease_beat = NULL
             WHERE id = ?1",
            params![attempt, now()],
        )
        .map_err(&db)?;
        tx.commit().map_err(&db)?;
        Ok(())
    }

    /// Question ids due for review for a student on `today`.
    pub fn due_reviews(&self, student: &str, today: NaiveDate) -> Result<Vec<String>> {
        self.query_all(
            "SELECT question_id FROM review_boxes WHERE student_id = ?1 AND due <= ?2 ORDER BY due, question_id",
            params![student, today.to_string()],
            |r| r.get::<_, String>(0),
        )
    }

    /// Leitner update after an answer: wrong -> box 1, due tomorrow; right while in
    /// a box -> next box (due after 1, 2, 4, 8 days), out after the last.
    pub fn review_update(
        &mut self,
        student: &str,
        question: &str,
        correct: bool,
        today: NaiveDate,
    ) -> Result<()> {
        leitner(&self.conn, student, question, correct, today).map_err(|e| self.db_err(e))
    }
}

/// The Leitner rule (see [`Gradebook::review_update`]) on a connection or inside a transaction.
fn leitner(
    conn: &Connection,
    student: &str,
    question: &str,
    correct: bool,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let box_now: Option<i64> = conn
        .query_row(
            "SELECT box FROM review_boxes WHERE student_id = ?1 AND question_id = ?2",
            params![student, question],
            |r| r.get(0),
        )
        .optional()?;
    let next = match (correct, box_now) {
        (false, _) => Some(1),
        (true, None) => None,
        (true, Some(b)) if (b as usize) < LEITNER_DAYS.len() => Some(b + 1),
        (true, Some(_)) => None,
    };
    match next {
        Some(b) => {
            let days = LEITNER_DAYS[usize::try_from(b - 1)
                .unwrap_or(0)
                .min(LEITNER_DAYS.len() - 1)];
            let due = today + chrono::Duration::days(days);
            conn.execute(
                "INSERT OR REPLACE INTO review_boxes (student_id, question_id, box, due) VALUES (?1, ?2, ?3, ?4)",
                params![student, question, b, due.to_string()],
            )?;
        }
        None => {
            conn.execute(
                "DELETE FROM review_boxes WHERE student_id = ?1 AND question_id = ?2",
                params![student, question],
            )?;
        }
    }
    Ok(())
}

/// One stored answer with its attempt, for grading, review and reports.
#[derive(Debug, Clone)]
pub struct Row {
    /// Attempt row id.
    pub attempt_id: i64,
    /// Position in the attempt.
    pub position: usize,
    /// Student.
    pub student: String,
    /// Attempt unit.
    pub unit: String,
    /// Attempt number.
    pub attempt_no: u32,
    /// Where the attempt came from: take, submission, csv.
    pub origin: String,
    /// Question id.
    pub question_id: String,
    /// The response.
    pub response: Response,
    /// Points (None: not graded).
    pub points: Option<f64>,
    /// Max points.
    pub max_points: Option<f64>,
    /// auto, needs-review, manual, dropped.
    pub status: Option<String>,
    /// Instructor's comment.
    pub comment: Option<String>,
    /// When answered.
    pub answered_at: String,
    /// When the attempt finished (None: unfinished).
    pub finished_at: Option<String>,
}

/// A manual checklist score.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistScore {
    /// Student.
    pub student: String,
    /// Week.
    pub week: u32,
    /// Checklist item id.
    pub item: String,
    /// Level name.
    pub level: String,
    /// Points of that level.
    pub points: f64,
    /// Who scored it.
    pub by: String,
    /// When.
    pub at: String,
}

/// A transaction for writing many graded answers fast (prepared statements).
pub struct Bulk<'a> {
    /// The connection, inside `tx` until it commits or is dropped.
    conn: &'a Connection,
    tx: Option<rusqlite::Transaction<'a>>,
    path: PathBuf,
    /// Attempts made by this transaction: unfinished while their answers are
    /// written (a finished attempt takes no answer), finished by `commit`.
    made: std::cell::RefCell<Vec<i64>>,
}

impl Bulk<'_> {
    fn err(&self, e: rusqlite::Error) -> Error {
        Error::Db {
            path: self.path.clone(),
            source: e,
        }
    }

    /// Whether an attempt with this form id exists (a file already graded).
    pub fn has_form(&self, form_id: &str) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM attempts WHERE form_id = ?1",
                [form_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// The stored answers (position, response text, answered at) of the
    /// attempt graded from form `form_id`, by position; None when it was
    /// never graded.
    pub fn form_answers(&self, form_id: &str) -> Result<Option<Vec<(usize, String, String)>>> {
        let attempt: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM attempts WHERE form_id = ?1",
                [form_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(attempt) = attempt else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare(
                "SELECT position, response, COALESCE(answered_at, '') FROM responses
                 WHERE attempt_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([attempt], |r| {
                Ok((
                    usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map(Some)
            .map_err(|e| self.err(e))
    }

    /// The identities of every CSV row stored (see [`csv_row_key`]).
    pub fn csv_keys_known(&self) -> Result<std::collections::HashSet<u128>> {
        let mut out = std::collections::HashSet::new();
        let mut st = self
            .conn
            .prepare("SELECT keys FROM csv_keys")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let keys = r
                .get_ref(0)
                .ok()
                .and_then(|v| v.as_blob().ok())
                .unwrap_or_default();
            for k in keys.chunks_exact(16) {
                let mut b = [0u8; 16];
                b.copy_from_slice(k);
                out.insert(u128::from_be_bytes(b));
            }
        }
        // Rows stored before `csv_keys` existed.
        let mut st = self
            .conn
            .prepare("SELECT digest FROM csv_rows")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let digest: String = r.get(0).map_err(|e| self.err(e))?;
            if let Ok(k) = u128::from_str_radix(&digest, 16) {
                out.insert(k);
            }
        }
        Ok(out)
    }

    /// Record the identities of the CSV rows stored as answers of `attempt`,
    /// by position.
    pub fn csv_keys_store(&self, attempt: i64, keys: &[u128]) -> Result<()> {
        let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_be_bytes()).collect();
        self.conn
            .prepare_cached("INSERT INTO csv_keys (attempt_id, keys) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![attempt, bytes]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// An attempt of `origin` (submission, csv) with its form, finished (at
    /// its start time) when the transaction commits.
    pub fn attempt(
        &self,
        student: &str,
        unit: &str,
        origin: &str,
        form_id: &str,
        form: &Form,
    ) -> Result<i64> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(attempt_no), 0) FROM attempts WHERE student_id = ?1 AND unit = ?2")
            .and_then(|mut st| st.query_row(params![student, unit], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let text = crate::yaml::to_string(form, &[])?;
        let now = now();
        let mut st = self
            .conn
            .prepare_cached(
                "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, origin, form_id, started_at)
                 VALUES (?1, ?2, ?3, 'exam', ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(|e| self.err(e))?;
        st.execute(params![
            student,
            unit,
            n + 1,
            form.seed.to_string(),
            form.bank_version,
            text,
            origin,
            form_id,
            now
        ])
        .map_err(|e| self.err(e))?;
        let id = self.conn.last_insert_rowid();
        self.made.borrow_mut().push(id);
        Ok(id)
    }

    /// One graded answer.
    #[allow(clippy::too_many_arguments)]
    pub fn response(
        &self,
        attempt: i64,
        position: usize,
        question: &str,
        response: &str,
        answered_at: &str,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare_cached(INSERT_RESPONSE)
            .map_err(|e| self.err(e))?;
        st.execute(params![
            attempt,
            position as i64,
            question,
            response,
            answered_at,
            points,
            max,
            status.as_str()
        ])
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Write many answers with one prepared statement: `f` gets a writer whose
    /// `insert` takes `(attempt, position, question, response, answered_at, points, max, status)`;
    /// an answer time of `None` means the attempt's start (CSV rows carry none).
    pub fn responses<T>(
        &self,
        f: impl FnOnce(
            &mut dyn FnMut(i64, usize, &str, &str, Option<&str>, f64, f64, Status) -> Result<()>,
        ) -> Result<T>,
    ) -> Result<T> {
        let mut st = self
            .conn
            .prepare(INSERT_RESPONSE)
            .map_err(|e| self.err(e))?;
        let path = self.path.clone();
        let mut insert = |a: i64,
                          pos: usize,
                          q: &str,
                          r: &str,
                          at: Option<&str>,
                          p: f64,
                          m: f64,
                          s: Status|
         -> Result<()> {
            st.execute(params![a, pos as i64, q, r, at, p, m, s.as_str()])
                .map(|_| ())
                .map_err(|e| Error::Db {
                    path: path.clone(),
                    source: e,
                })
        };
        f(&mut insert)
    }

    /// Finish the attempts made (their answers are all written now) and commit.
    pub fn commit(mut self) -> Result<()> {
        {
            let mut st = self
                .conn
                .prepare("UPDATE attempts SET finished_at = started_at WHERE id = ?1")
                .map_err(|e| self.err(e))?;
            for id in self.made.borrow().iter() {
                st.execute([id]).map_err(|e| self.err(e))?;
            }
        }
        let path = self.path.clone();
        match self.tx.take() {
            Some(tx) => tx.commit().map_err(|e| Error::Db { path, source: e }),
            None => Ok(()),
        }
    }
}

impl Drop for Bulk<'_> {
    /// Roll back what was not committed, then check foreign keys again.
    fn drop(&mut self) {
        drop(self.tx.take());
        // Outside a transaction the pragma applies; it cannot fail there.
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

impl Gradebook {
    /// Start a bulk write (one transaction; dropped without `commit`, nothing is written).
    ///
    /// Foreign keys are not checked while it runs (they are again after it):
    /// a bulk write adds answers only to attempts it made itself, and with a
    /// trigger on `responses` an immediately checked foreign key would make
    /// SQLite keep a statement journal for every answer. The finished-attempt
    /// triggers still run.
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        let path = self.path.clone();
        let db = |e| Error::Db {
            path: path.clone(),
            source: e,
        };
        // A larger page cache keeps the B-tree pages of a big import in memory.
        self.conn
            .pragma_update(None, "cache_size", -262_144i64)
            .map_err(db)?;
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(db)?;
        let tx = match rusqlite::Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        ) {
            Ok(tx) => tx,
            Err(e) => {
                let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
                return Err(db(e));
            }
        };
        Ok(Bulk {
            conn: &self.conn,
            tx: Some(tx),
            path: self.path.clone(),
            made: std::cell::RefCell::new(Vec::new()),
        })
    }

    /// Every stored answer, in attempt and position order.
    pub fn rows(&self) -> Result<Vec<Row>> {
        self.select_rows(true, false)
    }

    /// How many students have attempts.
    pub fn student_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(DISTINCT student_id) FROM attempts", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.db_err(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Stream every answer's score without building rows: `f(attempt, student,
    /// question, points, status, finished)` with borrowed strings (item analysis
    /// over millions of answers).
    pub fn for_each_score(
        &self,
        mut f: impl FnMut(i64, &str, &str, Option<f64>, &str, bool),
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare(
                "SELECT r.attempt_id, a.student_id, r.question_id, r.points, COALESCE(r.status, ''), a.finished_at IS NOT NULL
                 FROM responses r JOIN attempts a ON a.id = r.attempt_id",
            )
            .map_err(|e| self.db_err(e))?;
        let mut rows = st.query([]).map_err(|e| self.db_err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.db_err(e))? {
            let text = |i: usize| {
                r.get_ref(i)
                    .ok()
                    .and_then(|v| v.as_str().ok())
                    .unwrap_or("")
            };
            let attempt: i64 = r.get(0).map_err(|e| self.db_err(e))?;
            let points: Option<f64> = r.get(3).map_err(|e| self.db_err(e))?;
            let finished: bool = r.get(5).map_err(|e| self.db_err(e))?;
            f(attempt, text(1), text(2), points, text(4), finished);
        }
        Ok(())
    }

    /// Answers without a score yet.
    pub fn ungraded_rows(&self) -> Result<Vec<Row>> {
        self.select_rows(true, true)
    }

    /// Every answer's score without the response itself (faster: for totals).
    pub fn score_rows(&self) -> Result<Vec<Row>> {
        self.select_rows(false, false)
    }

    fn select_rows(&self, with_response: bool, only_ungraded: bool) -> Result<Vec<Row>> {
        let sql = format!(
            "SELECT r.attempt_id, r.position, a.student_id, a.unit, a.attempt_no, a.origin, r.question_id, {},
                    r.points, r.max_points, r.status, r.comment, COALESCE(r.answered_at, a.started_at), a.finished_at
             FROM responses r JOIN attempts a ON a.id = r.attempt_id {}
             ORDER BY r.attempt_id, r.position",
            if with_response { "r.response" } else { "''" },
            if only_ungraded { "WHERE r.points IS NULL" } else { "" }
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.db_err(e))?;
        let rows = st.query_map([], row_columns).map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (mut row, resp) = row.map_err(|e| self.db_err(e))?;
            if with_response {
                row.response =
                    crate::yaml::parse_response(&resp).map_err(|d| Error::Usage(d.to_string()))?;
            }
            out.push(row);
        }
        Ok(out)
    }

    /// The answers of finished attempts to `questions`, one student at a time in
    /// order of student id: `f(student, rows)`, rows in no particular order. The
    /// filter runs inside SQLite, so a week's report reads only that week's
    /// answers, and only one student's rows are in memory. `CROSS JOIN` keeps
    /// attempts as the outer loop, read in student order from their
    /// (student, unit, attempt) index, so nothing is sorted.
    pub fn for_each_student_rows(
        &self,
        questions: &[&str],
        mut f: impl FnMut(&str, Vec<Row>) -> Result<()>,
    ) -> Result<()> {
        rusqlite::vtab::array::load_module(&self.conn).map_err(|e| self.db_err(e))?;
        let ids: std::rc::Rc<Vec<rusqlite::types::Value>> = std::rc::Rc::new(
            questions
                .iter()
                .map(|q| rusqlite::types::Value::Text((*q).to_string()))
                .collect(),
        );
        let mut st = self
            .conn
            .prepare(
                "SELECT r.attempt_id, r.position, a.student_id, a.unit, a.attempt_no, a.origin, r.question_id,
                        r.response, r.points, r.max_points, r.status, r.comment,
                        COALESCE(r.answered_at, a.started_at), a.finished_at
                 FROM attempts a CROSS JOIN responses r ON r.attempt_id = a.id
                 WHERE a.finished_at IS NOT NULL
                   AND r.question_id IN rarray(?1)
                 ORDER BY a.student_id",
            )
            .map_err(|e| self.db_err(e))?;
        let mut rows = st.query([ids]).map_err(|e| self.db_err(e))?;
        let mut current: Option<String> = None;
        let mut batch: Vec<Row> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.db_err(e))? {
            let row = row_columns(r);
            let (mut row, resp) = row.map_err(|e| self.db_err(e))?;
            row.response =
                crate::yaml::parse_response(&resp).map_err(|d| Error::Usage(d.to_string()))?;
            if current.as_deref() != Some(row.student.as_str()) {
                if let Some(s) = current.take() {
                    f(&s, std::mem::take(&mut batch))?;
                }
                current = Some(row.student.clone());
            }
            batch.push(row);
        }
        if let Some(s) = current {
            f(&s, batch)?;
        }
        Ok(())
    }

    /// Set new scores for many answers in one transaction; each change is logged
    /// in `regrades` when `log` is set.
    pub fn rescore(&mut self, changes: &[crate::grade::Change], log: bool) -> Result<()> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let now = now();
        for c in changes {
            tx.execute(
                "UPDATE responses SET points = ?3, max_points = ?4, status = ?5, graded_at = ?6 WHERE attempt_id = ?1 AND position = ?2",
                params![c.attempt_id, c.position as i64, c.after, c.max, c.status.as_str(), now],
            )
            .map_err(&db)?;
            if log {
                tx.execute(
                    "INSERT INTO regrades (at, attempt_id, position, question_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![now, c.attempt_id, c.position as i64, c.question_id, c.before, c.after],
                )
                .map_err(&db)?;
            }
        }
        tx.commit().map_err(&db)?;
        Ok(())
    }

    /// An instructor's score for an answer: manual, never overwritten by regrade.
    pub fn set_manual(
        &mut self,
        attempt: i64,
        position: usize,
        points: f64,
        comment: Option<&str>,
        by: &str,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE responses SET points = ?3, status = 'manual', comment = COALESCE(?4, comment), graded_by = ?5, graded_at = ?6
                 WHERE attempt_id = ?1 AND position = ?2",
                params![attempt, position as i64, points, comment, by, now()],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Record checklist scores in one transaction.
    pub fn set_checklist(&mut self, scores: &[ChecklistScore]) -> Result<()> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        for s in scores {
            tx.execute(
                "INSERT OR REPLACE INTO checklist_scores (student_id, week, item_id, level, points, scored_by, scored_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![s.student, s.week, s.item, s.level, s.points, s.by, s.at],
            )
            .map_err(&db)?;
        }
        tx.commit().map_err(&db)?;
        Ok(())
    }

    /// Checklist scores of a week.
    pub fn checklist(&self, week: u32) -> Result<Vec<ChecklistScore>> {
        self.query_all(
            "SELECT student_id, week, item_id, level, points, scored_by, scored_at FROM checklist_scores
             WHERE week = ?1 ORDER BY student_id, item_id",
            [week],
            |r| {
                Ok(ChecklistScore {
                    student: r.get(0)?,
                    week: r.get(1)?,
                    item: r.get(2)?,
                    level: r.get(3)?,
                    points: r.get(4)?,
                    by: r.get(5)?,
                    at: r.get(6)?,
                })
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gradebook graded before `csv_keys` existed keeps recognizing the
    /// CSV rows it stored (`csv_rows`, 32 hex digits) after the migration.
    #[test]
    fn csv_rows_of_an_older_gradebook_stay_known() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("g.db");
        let db = db_error(&p);
        {
            let conn = Connection::open(&p).map_err(&db)?;
            for m in &MIGRATIONS[..3] {
                conn.execute_batch(m).map_err(&db)?;
            }
            conn.pragma_update(None, "user_version", 3i64)
                .map_err(&db)?;
            conn.execute_batch(
                "INSERT INTO attempts (id, student_id, unit, attempt_no, mode, seed, bank_version, form, origin, started_at, finished_at)
                 VALUES (1, 's1', 'w1', 1, 'exam', '0', 'v', 'x', 'csv', 't', 't');
                 INSERT INTO responses (attempt_id, position, question_id, response) VALUES (1, 0, 'q1', 'r');",
            )
            .map_err(&db)?;
            // As the grader of migration 3 wrote it.
            let mut old = crate::extract::hash_hex(&["s1", "q1", "r"]);
            old.truncate(32);
            conn.execute(
                "INSERT INTO csv_rows (digest, attempt_id, position, source, line) VALUES (?1, 1, 0, 'e.csv', 2)",
                [old],
            )
            .map_err(&db)?;
        }
        let mut g = Gradebook::open(&p)?;
        let bulk = g.bulk()?;
        let known = bulk.csv_keys_known()?;
        assert!(known.contains(&csv_row_key("s1", "q1", "r")));
        assert!(!known.contains(&csv_row_key("s1", "q1", "other")));
        bulk.csv_keys_store(1, &[csv_row_key("s1", "q2", "x")])?;
        assert!(
            bulk.csv_keys_known()?
                .contains(&csv_row_key("s1", "q2", "x"))
        );
        drop(bulk);
        // Foreign keys, off during the bulk write, are checked again.
        let fk: i64 = g
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .map_err(&db)?;
        assert_eq!(fk, 1);
        Ok(())
    }

    #[test]
    fn migrations_and_leitner() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("g.db");
        let mut g = Gradebook::open(&p)?;
        let g2 = Gradebook::open(&p)?; // re-open: migrations are idempotent
        drop(g2);
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).ok_or_else(|| Error::Usage("date".into()))?;
        g.review_update("s1", "q1", false, d)?;
        assert_eq!(g.due_reviews("s1", d)?, Vec::<String>::new());
        let d1 = d + chrono::Duration::days(1);
        assert_eq!(g.due_reviews("s1", d1)?, vec!["q1".to_string()]);
        g.review_update("s1", "q1", true, d1)?; // box 2: due after 2 days
        assert!(
            g.due_reviews("s1", d1 + chrono::Duration::days(1))?
                .is_empty()
        );
        assert_eq!(
            g.due_reviews("s1", d1 + chrono::Duration::days(2))?.len(),
            1
        );
        for _ in 0..3 {
            g.review_update("s1", "q1", true, d1)?;
        }
        assert!(
            g.due_reviews("s1", d + chrono::Duration::days(100))?
                .is_empty()
        );
        Ok(())
    }
}
