//! Attempts and their answers as `quiz take` and `quiz serve` write them:
//! one unfinished attempt per student and unit, each answer its own
//! transaction checked against the attempt's lease.

use super::{Sqlite, db_error, forms, leases, reviews::leitner};
use crate::error::{Error, Result};
use crate::gradebook::{Attempt, StoredResponse, now};
use crate::model::{Form, Mode};
use crate::score::{Response, Status};
use chrono::{NaiveDate, Utc};
use rusqlite::{TransactionBehavior, params};

impl Sqlite {
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
            let form: Form = crate::yaml::parse("성적부 시험지", &form)
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

    /// [`Sqlite::record`], and in the same transaction the Leitner update
    /// of `review` = (student, answered right, today) (see [`Sqlite::review_update`]).
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
        // A practice answer is final (its key is shown with it): checked
        // here, inside the write, so two answers sent at once store one.
        let answered: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM attempts a JOIN responses r ON r.attempt_id = a.id
                 WHERE a.id = ?1 AND a.mode = 'practice' AND r.position = ?2)",
            )
            .and_then(|mut st| st.query_row(params![attempt, position as i64], |r| r.get(0)))
            .map_err(&db)?;
        if answered {
            return Err(Error::AnswerFinal);
        }
        let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        tx.prepare_cached(
            "INSERT OR REPLACE INTO responses
             (attempt_id, position, question_id, response, answered_at, points, max_points, status, graded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?5)",
        )
        .and_then(|mut st| {
            st.execute(params![
                attempt,
                position as i64,
                question,
                text,
                at,
                points,
                max,
                status.as_str()
            ])
        })
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
            .prepare_cached(
                "SELECT position, question_id, response, points, max_points, status, comment
                 FROM responses WHERE attempt_id = ?1 ORDER BY position",
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
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .map_err(|e| self.db_err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (pos, qid, text, points, max_points, status, comment) =
                row.map_err(|e| self.db_err(e))?;
            let response: Response =
                crate::yaml::parse_response(&text).map_err(|d| Error::Usage(d.to_string()))?;
            out.push(StoredResponse {
                position: usize::try_from(pos).unwrap_or(0),
                question_id: qid,
                response,
                points,
                max_points,
                status,
                comment,
            });
        }
        Ok(out)
    }

    /// Mark an attempt finished, for the session `holder` (refused like
    /// [`Sqlite::record`]); the lease ends with it.
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
}
