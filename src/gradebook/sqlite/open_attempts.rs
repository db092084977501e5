//! Unfinished attempts, for the instructor: list them, close one.
//!
//! A student whose attempt cannot go on (a removed question, a lost laptop)
//! is never stuck: `quiz attempts close` finishes the attempt, storing every
//! question not answered yet as unanswered, and the next `take` starts anew.

use super::{Sqlite, db_error, leases};
use crate::error::{Error, Result};
use crate::score::Status;
use chrono::Utc;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// One unfinished attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenAttempt {
    /// Row id (what `quiz attempts close` takes).
    pub id: i64,
    /// Student.
    pub student: String,
    /// Unit.
    pub unit: String,
    /// Attempt number.
    pub attempt_no: u32,
    /// Number of questions on its form.
    pub questions: usize,
    /// Answers stored so far.
    pub answered: usize,
    /// Started (UTC, RFC 3339).
    pub started_at: String,
    /// When the session holding it took it, if its lease is alive.
    pub held_since: Option<String>,
}

/// An answer stored when an attempt is closed: `(position, question,
/// response text, points, max, status)`.
pub type Fill = (usize, String, String, f64, f64, Status);

impl Sqlite {
    /// Unfinished attempts, optionally of one student and/or unit, oldest first.
    pub fn open_attempts(
        &self,
        student: Option<&str>,
        unit: Option<&str>,
    ) -> Result<Vec<OpenAttempt>> {
        let ttl = self.lease_ttl;
        let now = Utc::now();
        let rows = self.query_all(
            "SELECT a.id, a.student_id, a.unit, a.attempt_no, a.form, a.started_at, a.lease_since, a.lease_beat,
                    (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id)
             FROM attempts a
             WHERE a.finished_at IS NULL AND (?1 IS NULL OR a.student_id = ?1) AND (?2 IS NULL OR a.unit = ?2)
             ORDER BY a.started_at, a.id",
            params![student, unit],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            },
        )?;
        rows.into_iter()
            .map(
                |(id, student, unit, no, form, started_at, since, beat, answered)| {
                    let form: crate::model::Form = crate::yaml::parse("성적부 시험지", &form)
                        .map_err(|d| Error::Usage(d.to_string()))?;
                    let held_since = since.filter(|_| leases::alive(beat.as_deref(), now, ttl));
                    Ok(OpenAttempt {
                        id,
                        student,
                        unit,
                        attempt_no: u32::try_from(no).unwrap_or(0),
                        questions: form.items.len(),
                        answered: usize::try_from(answered).unwrap_or(0),
                        started_at,
                        held_since,
                    })
                },
            )
            .collect()
    }

    /// The form of an unfinished attempt and the positions answered, or None
    /// when there is no such unfinished attempt.
    pub fn open_attempt_form(&self, id: i64) -> Result<Option<(crate::model::Form, Vec<usize>)>> {
        let form: Option<String> = self
            .conn
            .query_row(
                "SELECT form FROM attempts WHERE id = ?1 AND finished_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.db_err(e))?;
        let Some(form) = form else {
            return Ok(None);
        };
        let form =
            crate::yaml::parse("성적부 시험지", &form).map_err(|d| Error::Usage(d.to_string()))?;
        let answered = self
            .responses(id)?
            .into_iter()
            .map(|r| r.position)
            .collect();
        Ok(Some((form, answered)))
    }

    /// Close an unfinished attempt (instructor): store `fills` at positions
    /// still without an answer, mark it finished and end any lease, in one
    /// transaction. [`Error::AttemptFinished`] when it is finished already.
    pub fn close_attempt(&mut self, id: i64, fills: &[Fill]) -> Result<()> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let finished: Option<Option<String>> = tx
            .query_row(
                "SELECT finished_at FROM attempts WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(&db)?;
        match finished {
            None => return Err(Error::Usage(format!("응시 {id}이(가) 없습니다"))),
            Some(Some(finished_at)) => return Err(Error::AttemptFinished { finished_at }),
            Some(None) => {}
        }
        let now = crate::gradebook::now();
        for (pos, q, resp, points, max, status) in fills {
            tx.execute(
                "INSERT OR IGNORE INTO responses
                 (attempt_id, position, question_id, response, answered_at, points, max_points, status, graded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5)",
                params![id, *pos as i64, q, resp, now, points, max, status.as_str()],
            )
            .map_err(&db)?;
        }
        tx.execute(
            "UPDATE attempts SET finished_at = ?2, lease_holder = NULL, lease_since = NULL, lease_beat = NULL
             WHERE id = ?1",
            params![id, now],
        )
        .map_err(&db)?;
        tx.commit().map_err(&db)
    }
}
