//! The gradebook tables of `quiz serve`: login codes (hashed), browser
//! sessions, quizzes the instructor opened, and which attempt belongs to
//! which opened quiz (its deadline). All SQL of the web server is here.

use super::{Sqlite, db_error};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// Migration 4: the web server's tables.
pub(super) const MIGRATION: &str = "CREATE TABLE web_codes (
        student_id TEXT PRIMARY KEY,
        code_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE web_instructor_codes (
        code_hash TEXT PRIMARY KEY,
        one_time INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE web_sessions (
        token_hash TEXT PRIMARY KEY,
        student_id TEXT,
        csrf TEXT NOT NULL,
        holder TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
    );
    CREATE TABLE web_quizzes (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        mode TEXT NOT NULL,
        count INTEGER NOT NULL,
        time_limit_min INTEGER,
        students TEXT NOT NULL DEFAULT '',
        opened_at TEXT NOT NULL,
        closes_at TEXT,
        closed_at TEXT
    );
    CREATE TABLE web_attempts (
        attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id),
        quiz_id INTEGER REFERENCES web_quizzes(id),
        deadline TEXT
    );
    CREATE INDEX web_attempts_quiz ON web_attempts(quiz_id);";

/// A browser session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    /// The student, or None for an instructor.
    pub student: Option<String>,
    /// CSRF token of the session.
    pub csrf: String,
    /// Lease holder token of the session (one browser = one place).
    pub holder: String,
    /// Expires (UTC, RFC 3339).
    pub expires_at: String,
}

/// A quiz the instructor opened.
#[derive(Debug, Clone, PartialEq)]
pub struct WebQuiz {
    /// Row id.
    pub id: i64,
    /// Unit prefix.
    pub unit: String,
    /// "practice" or "exam".
    pub mode: String,
    /// Questions per form.
    pub count: usize,
    /// Exam time limit in minutes.
    pub time_limit_min: Option<i64>,
    /// Student ids it is open to (empty: everyone).
    pub students: Vec<String>,
    /// Opened (UTC).
    pub opened_at: String,
    /// Closes by itself at (UTC), if set.
    pub closes_at: Option<String>,
    /// Closed by the instructor at (UTC).
    pub closed_at: Option<String>,
}

impl WebQuiz {
    /// Open at `now` (UTC, RFC 3339) to anyone: not closed, window not passed.
    pub fn open_at(&self, now: &str) -> bool {
        self.closed_at.is_none() && self.closes_at.as_deref().is_none_or(|c| c > now)
    }

    /// Open at `now` (UTC, RFC 3339) to `student`.
    pub fn open_to(&self, student: &str, now: &str) -> bool {
        self.open_at(now)
            && (self.students.is_empty() || self.students.iter().any(|s| s == student))
    }
}

/// The web facts of an attempt: its owner and unit, mode, finished time, and
/// the opened quiz and deadline when it was started from one.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptInfo {
    /// Student.
    pub student: String,
    /// Unit.
    pub unit: String,
    /// Finished (UTC), if it is.
    pub finished_at: Option<String>,
    /// The opened quiz.
    pub quiz_id: Option<i64>,
    /// Deadline (UTC), if the quiz has a time limit.
    pub deadline: Option<String>,
}

/// One student's progress in an opened quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Student.
    pub student: String,
    /// Attempt id.
    pub attempt_id: i64,
    /// Questions on the form.
    pub questions: usize,
    /// Answers stored.
    pub answered: usize,
    /// Points so far.
    pub points: f64,
    /// Max points of the answers so far.
    pub max: f64,
    /// Finished (UTC), if it is.
    pub finished_at: Option<String>,
}

impl Sqlite {
    /// Checkpoint the WAL on commit after this many pages (SQLite's default
    /// 1000); 0: never on commit (the server checkpoints in the background, so
    /// no answer save waits for a checkpoint).
    pub fn set_autocheckpoint(&self, pages: i64) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", pages)
            .map_err(|e| self.db_err(e))
    }

    /// Copy the WAL into the database file as far as readers allow, waiting
    /// for no one (SQLite's PASSIVE checkpoint).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|e| self.db_err(e))
    }

    /// Store login codes (hashes) for students, replacing theirs, in one transaction.
    pub fn set_login_codes(&mut self, codes: &[(String, String)]) -> Result<()> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let now = crate::gradebook::now();
        for (student, hash) in codes {
            tx.execute(
                "INSERT OR REPLACE INTO web_codes (student_id, code_hash, created_at) VALUES (?1, ?2, ?3)",
                params![student, hash, now],
            )
            .map_err(&db)?;
            // A new code ends the sessions signed in with the old one (a
            // stolen code kept its session for 12 h; attack of 2026-12-01).
            tx.execute(
                "DELETE FROM web_sessions WHERE student_id = ?1",
                params![student],
            )
            .map_err(&db)?;
        }
        tx.commit().map_err(&db)
    }

    /// The hashes of every session stored (what a server's cache may keep).
    pub fn session_hashes(&self) -> Result<Vec<String>> {
        self.query_all("SELECT token_hash FROM web_sessions", [], |r| r.get(0))
    }

    /// Students that have a login code.
    pub fn students_with_codes(&self) -> Result<Vec<String>> {
        self.query_all(
            "SELECT student_id FROM web_codes ORDER BY student_id",
            [],
            |r| r.get(0),
        )
    }

    /// The stored hash of a student's login code.
    pub fn login_code_hash(&self, student: &str) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT code_hash FROM web_codes WHERE student_id = ?1",
                [student],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.db_err(e))
    }

    /// Store an instructor code hash (`one_time`: the login link printed on start).
    pub fn add_instructor_code(&mut self, hash: &str, one_time: bool) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO web_instructor_codes (code_hash, one_time, created_at) VALUES (?1, ?2, ?3)",
                params![hash, one_time, crate::gradebook::now()],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Every instructor code hash with whether it is one-time.
    pub fn instructor_codes(&self) -> Result<Vec<(String, bool)>> {
        self.query_all(
            "SELECT code_hash, one_time FROM web_instructor_codes",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Use up a one-time instructor code; false when it was used already.
    pub fn use_one_time_code(&mut self, hash: &str) -> Result<bool> {
        let n = self
            .conn
            .execute(
                "DELETE FROM web_instructor_codes WHERE code_hash = ?1 AND one_time = 1",
                [hash],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(n == 1)
    }

    /// Store a new browser session.
    pub fn create_session(&mut self, token_hash: &str, s: &WebSession) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO web_sessions (token_hash, student_id, csrf, holder, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![token_hash, s.student, s.csrf, s.holder, crate::gradebook::now(), s.expires_at],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// A session by its token hash (expired ones too: the caller checks).
    pub fn session(&self, token_hash: &str) -> Result<Option<WebSession>> {
        self.conn
            .prepare_cached(
                "SELECT student_id, csrf, holder, expires_at FROM web_sessions WHERE token_hash = ?1",
            )
            .and_then(|mut st| {
                st.query_row([token_hash], |r| {
                    Ok(WebSession {
                        student: r.get(0)?,
                        csrf: r.get(1)?,
                        holder: r.get(2)?,
                        expires_at: r.get(3)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))
    }

    /// End a session.
    pub fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM web_sessions WHERE token_hash = ?1",
                [token_hash],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Open a unit as a quiz; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn open_quiz(
        &mut self,
        unit: &str,
        mode: crate::model::Mode,
        count: usize,
        time_limit_min: Option<i64>,
        students: &[String],
        closes_at: Option<&str>,
    ) -> Result<i64> {
        self.conn
            .execute(
                "INSERT INTO web_quizzes (unit, mode, count, time_limit_min, students, opened_at, closes_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![unit, mode.as_str(), count as i64, time_limit_min, students.join(","), crate::gradebook::now(), closes_at],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Close an opened quiz (no new attempts; unfinished ones may be submitted).
    pub fn close_quiz(&mut self, id: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE web_quizzes SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
                params![id, crate::gradebook::now()],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Every opened quiz, newest first.
    pub fn quizzes(&self) -> Result<Vec<WebQuiz>> {
        self.query_all(
            "SELECT id, unit, mode, count, time_limit_min, students, opened_at, closes_at, closed_at
             FROM web_quizzes ORDER BY id DESC",
            [],
            |r| {
                let students: String = r.get(5)?;
                Ok(WebQuiz {
                    id: r.get(0)?,
                    unit: r.get(1)?,
                    mode: r.get(2)?,
                    count: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(10),
                    time_limit_min: r.get(4)?,
                    students: students
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    opened_at: r.get(6)?,
                    closes_at: r.get(7)?,
                    closed_at: r.get(8)?,
                })
            },
        )
    }

    /// One opened quiz.
    pub fn quiz(&self, id: i64) -> Result<Option<WebQuiz>> {
        Ok(self.quizzes()?.into_iter().find(|q| q.id == id))
    }

    /// Tie an attempt to the opened quiz it was started from, with its deadline.
    /// Keeps the first tie (a resumed attempt keeps its deadline).
    pub fn link_attempt(&mut self, attempt: i64, quiz: i64, deadline: Option<&str>) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR IGNORE INTO web_attempts (attempt_id, quiz_id, deadline) VALUES (?1, ?2, ?3)",
                params![attempt, quiz, deadline],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }

    /// Owner, unit, finished time, quiz and deadline of an attempt.
    pub fn attempt_info(&self, attempt: i64) -> Result<Option<AttemptInfo>> {
        self.conn
            .prepare_cached(
                "SELECT a.student_id, a.unit, a.finished_at, w.quiz_id, w.deadline
                 FROM attempts a LEFT JOIN web_attempts w ON w.attempt_id = a.id WHERE a.id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([attempt], |r| {
                    Ok(AttemptInfo {
                        student: r.get(0)?,
                        unit: r.get(1)?,
                        finished_at: r.get(2)?,
                        quiz_id: r.get(3)?,
                        deadline: r.get(4)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.db_err(e))
    }

    /// One attempt by id.
    pub fn attempt_by_id(&self, attempt: i64) -> Result<Option<crate::gradebook::Attempt>> {
        let Some(info) = self.attempt_info(attempt)? else {
            return Ok(None);
        };
        Ok(self
            .attempts(&info.student, &info.unit)?
            .into_iter()
            .find(|a| a.id == attempt))
    }

    /// The ids of every attempt of a student (any unit), newest first.
    pub fn student_attempt_ids(&self, student: &str) -> Result<Vec<i64>> {
        self.query_all(
            "SELECT id FROM attempts WHERE student_id = ?1 ORDER BY id DESC",
            [student],
            |r| r.get(0),
        )
    }

    /// Unfinished attempts of opened quizzes whose deadline passed before `now`.
    pub fn overdue_attempts(&self, now: &str) -> Result<Vec<i64>> {
        self.query_all(
            "SELECT w.attempt_id FROM web_attempts w JOIN attempts a ON a.id = w.attempt_id
             WHERE a.finished_at IS NULL AND w.deadline IS NOT NULL AND w.deadline <= ?1",
            [now],
            |r| r.get(0),
        )
    }

    /// Progress of every attempt started from an opened quiz.
    pub fn quiz_progress(&self, quiz: i64) -> Result<Vec<Progress>> {
        let rows = self.query_all(
            "SELECT a.student_id, a.id, a.form, a.finished_at,
                    (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id AND r.status != 'dropped'),
                    (SELECT COALESCE(SUM(points), 0) FROM responses r WHERE r.attempt_id = a.id),
                    (SELECT COALESCE(SUM(max_points), 0) FROM responses r WHERE r.attempt_id = a.id)
             FROM web_attempts w JOIN attempts a ON a.id = w.attempt_id
             WHERE w.quiz_id = ?1 ORDER BY a.student_id, a.id",
            [quiz],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, f64>(5)?,
                    r.get::<_, f64>(6)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(|(student, id, form, finished_at, answered, points, max)| {
                let form: crate::model::Form = crate::yaml::parse("성적부 시험지", &form)
                    .map_err(|d| Error::Usage(d.to_string()))?;
                Ok(Progress {
                    student,
                    attempt_id: id,
                    questions: form.items.len(),
                    answered: usize::try_from(answered).unwrap_or(0),
                    points,
                    max,
                    finished_at,
                })
            })
            .collect()
    }

    /// Facility so far of each question answered in an opened quiz:
    /// (question id, answers, mean fraction of points).
    pub fn quiz_facility(&self, quiz: i64) -> Result<Vec<(String, usize, f64)>> {
        self.query_all(
            "SELECT r.question_id, COUNT(*), AVG(CASE WHEN r.max_points > 0 THEN r.points / r.max_points ELSE 0 END)
             FROM responses r JOIN web_attempts w ON w.attempt_id = r.attempt_id
             WHERE w.quiz_id = ?1 AND r.status = 'auto'
             GROUP BY r.question_id ORDER BY r.question_id",
            [quiz],
            |r| {
                Ok((
                    r.get(0)?,
                    usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    r.get(2)?,
                ))
            },
        )
    }
}
