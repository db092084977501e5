//! The web server's tables in PostgreSQL (login codes, sessions, opened
//! quizzes, attempts tied to them): what lets several `quiz serve`
//! processes share one database, since nothing of it lives in a process.

use super::book::{PgBook, count};
use crate::error::{Error, Result};
use crate::gradebook::{Attempt, AttemptInfo, Progress, WebQuiz, WebSession, now};

impl PgBook {
    /// SQLite's WAL setting; nothing to do on PostgreSQL.
    pub fn set_autocheckpoint(&self, _pages: i64) -> Result<()> {
        Ok(())
    }

    /// SQLite's WAL checkpoint; PostgreSQL checkpoints by itself.
    pub fn checkpoint(&self) -> Result<()> {
        Ok(())
    }

    /// Store login codes (hashes) for students, replacing theirs, in one transaction.
    pub fn set_login_codes(&mut self, codes: &[(String, String)]) -> Result<()> {
        let err = self.err();
        let at = now();
        self.transaction(|tx| {
            let st = tx
                .prepare(
                    "INSERT INTO web_codes (student_id, code_hash, created_at) VALUES ($1, $2, $3)
                     ON CONFLICT (student_id) DO UPDATE SET code_hash = EXCLUDED.code_hash, created_at = EXCLUDED.created_at",
                )
                .map_err(&err)?;
            let end = tx
                .prepare("DELETE FROM web_sessions WHERE student_id = $1")
                .map_err(&err)?;
            for (student, hash) in codes {
                tx.execute(&st, &[student, hash, &at]).map_err(&err)?;
                // A new code ends the sessions of the old one.
                tx.execute(&end, &[student]).map_err(&err)?;
            }
            Ok(())
        })
    }

    /// The hashes of every session stored.
    pub fn session_hashes(&self) -> Result<Vec<String>> {
        Ok(self
            .query("SELECT token_hash FROM web_sessions", &[])?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// Students that have a login code.
    pub fn students_with_codes(&self) -> Result<Vec<String>> {
        Ok(self
            .query("SELECT student_id FROM web_codes ORDER BY student_id", &[])?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// The stored hash of a student's login code.
    pub fn login_code_hash(&self, student: &str) -> Result<Option<String>> {
        Ok(self
            .query(
                "SELECT code_hash FROM web_codes WHERE student_id = $1",
                &[&student],
            )?
            .first()
            .map(|r| r.get(0)))
    }

    /// Store an instructor code hash (`one_time`: the login link printed on start).
    pub fn add_instructor_code(&mut self, hash: &str, one_time: bool) -> Result<()> {
        self.query(
            "INSERT INTO web_instructor_codes (code_hash, one_time, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (code_hash) DO UPDATE SET one_time = EXCLUDED.one_time, created_at = EXCLUDED.created_at",
            &[&hash, &i64::from(one_time), &now()],
        )?;
        Ok(())
    }

    /// Every instructor code hash with whether it is one-time.
    pub fn instructor_codes(&self) -> Result<Vec<(String, bool)>> {
        Ok(self
            .query(
                "SELECT code_hash, one_time <> 0 FROM web_instructor_codes",
                &[],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    /// Use up a one-time instructor code; false when it was used already
    /// (two servers using it at once: one of them deletes it).
    pub fn use_one_time_code(&mut self, hash: &str) -> Result<bool> {
        let n = self
            .client
            .borrow_mut()
            .execute(
                "DELETE FROM web_instructor_codes WHERE code_hash = $1 AND one_time = 1",
                &[&hash],
            )
            .map_err(self.err())?;
        Ok(n == 1)
    }

    /// Store a new browser session.
    pub fn create_session(&mut self, token_hash: &str, s: &WebSession) -> Result<()> {
        self.query(
            "INSERT INTO web_sessions (token_hash, student_id, csrf, holder, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[&token_hash, &s.student, &s.csrf, &s.holder, &now(), &s.expires_at],
        )?;
        Ok(())
    }

    /// A session by its token hash (expired ones too: the caller checks).
    pub fn session(&self, token_hash: &str) -> Result<Option<WebSession>> {
        Ok(self
            .query(
                "SELECT student_id, csrf, holder, expires_at FROM web_sessions WHERE token_hash = $1",
                &[&token_hash],
            )?
            .first()
            .map(|r| WebSession {
                student: r.get(0),
                csrf: r.get(1),
                holder: r.get(2),
                expires_at: r.get(3),
            }))
    }

    /// End a session.
    pub fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        self.query(
            "DELETE FROM web_sessions WHERE token_hash = $1",
            &[&token_hash],
        )?;
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
        let n = i64::try_from(count).unwrap_or(i64::MAX);
        let rows = self.query(
            "INSERT INTO web_quizzes (unit, mode, count, time_limit_min, students, opened_at, closes_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            &[&unit, &mode.as_str(), &n, &time_limit_min, &students.join(","), &now(), &closes_at],
        )?;
        rows.first()
            .map(|r| r.get(0))
            .ok_or_else(|| Error::Usage("web_quizzes: id를 돌려받지 못했습니다".into()))
    }

    /// Close an opened quiz.
    pub fn close_quiz(&mut self, id: i64) -> Result<()> {
        self.query(
            "UPDATE web_quizzes SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL",
            &[&id, &now()],
        )?;
        Ok(())
    }

    /// Every opened quiz, newest first.
    pub fn quizzes(&self) -> Result<Vec<WebQuiz>> {
        Ok(self
            .query(
                "SELECT id, unit, mode, count, time_limit_min, students, opened_at, closes_at, closed_at
                 FROM web_quizzes ORDER BY id DESC",
                &[],
            )?
            .iter()
            .map(|r| {
                let students: String = r.get(5);
                WebQuiz {
                    id: r.get(0),
                    unit: r.get(1),
                    mode: r.get(2),
                    count: usize::try_from(r.get::<_, i64>(3)).unwrap_or(10),
                    time_limit_min: r.get(4),
                    students: students
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    opened_at: r.get(6),
                    closes_at: r.get(7),
                    closed_at: r.get(8),
                }
            })
            .collect())
    }

    /// One opened quiz.
    pub fn quiz(&self, id: i64) -> Result<Option<WebQuiz>> {
        Ok(self.quizzes()?.into_iter().find(|q| q.id == id))
    }

    /// Tie an attempt to the opened quiz it was started from (the first tie stays).
    pub fn link_attempt(&mut self, attempt: i64, quiz: i64, deadline: Option<&str>) -> Result<()> {
        self.query(
            "INSERT INTO web_attempts (attempt_id, quiz_id, deadline) VALUES ($1, $2, $3)
             ON CONFLICT (attempt_id) DO NOTHING",
            &[&attempt, &quiz, &deadline],
        )?;
        Ok(())
    }

    /// Owner, unit, finished time, quiz and deadline of an attempt.
    pub fn attempt_info(&self, attempt: i64) -> Result<Option<AttemptInfo>> {
        Ok(self
            .query(
                "SELECT a.student_id, a.unit, a.finished_at, w.quiz_id, w.deadline
                 FROM attempts a LEFT JOIN web_attempts w ON w.attempt_id = a.id WHERE a.id = $1",
                &[&attempt],
            )?
            .first()
            .map(|r| AttemptInfo {
                student: r.get(0),
                unit: r.get(1),
                finished_at: r.get(2),
                quiz_id: r.get(3),
                deadline: r.get(4),
            }))
    }

    /// One attempt by id.
    pub fn attempt_by_id(&self, attempt: i64) -> Result<Option<Attempt>> {
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
        Ok(self
            .query(
                "SELECT id FROM attempts WHERE student_id = $1 ORDER BY id DESC",
                &[&student],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// Unfinished attempts of opened quizzes whose deadline passed before `now`.
    pub fn overdue_attempts(&self, now: &str) -> Result<Vec<i64>> {
        Ok(self
            .query(
                "SELECT w.attempt_id FROM web_attempts w JOIN attempts a ON a.id = w.attempt_id
                 WHERE a.finished_at IS NULL AND w.deadline IS NOT NULL AND w.deadline <= $1",
                &[&now],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// Progress of every attempt started from an opened quiz.
    pub fn quiz_progress(&self, quiz: i64) -> Result<Vec<Progress>> {
        self.query(
            "SELECT a.student_id, a.id, a.form, a.finished_at,
                    (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id AND r.status != 'dropped'),
                    (SELECT COALESCE(SUM(points), 0) FROM responses r WHERE r.attempt_id = a.id),
                    (SELECT COALESCE(SUM(max_points), 0) FROM responses r WHERE r.attempt_id = a.id)
             FROM web_attempts w JOIN attempts a ON a.id = w.attempt_id
             WHERE w.quiz_id = $1 ORDER BY a.student_id, a.id",
            &[&quiz],
        )?
        .iter()
        .map(|r| {
            let text: String = r.get(2);
            let form: crate::model::Form = crate::yaml::parse("성적부 시험지", &text)
                .map_err(|d| Error::Usage(d.to_string()))?;
            Ok(Progress {
                student: r.get(0),
                attempt_id: r.get(1),
                questions: form.items.len(),
                answered: count(r.get(4)),
                points: r.get(5),
                max: r.get(6),
                finished_at: r.get(3),
            })
        })
        .collect()
    }

    /// Facility so far of each question answered in an opened quiz.
    pub fn quiz_facility(&self, quiz: i64) -> Result<Vec<(String, usize, f64)>> {
        Ok(self
            .query(
                "SELECT r.question_id, COUNT(*),
                        AVG(CASE WHEN r.max_points > 0 THEN r.points / r.max_points ELSE 0 END)::float8
                 FROM responses r JOIN web_attempts w ON w.attempt_id = r.attempt_id
                 WHERE w.quiz_id = $1 AND r.status = 'auto'
                 GROUP BY r.question_id ORDER BY r.question_id",
                &[&quiz],
            )?
            .iter()
            .map(|r| (r.get(0), count(r.get(1)), r.get::<_, Option<f64>>(2).unwrap_or(0.0)))
            .collect())
    }
}
