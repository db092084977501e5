//! Attempts and their answers in PostgreSQL (`quiz take`, `quiz serve`).
//!
//! One unfinished `take` attempt per student and unit: a new one is started
//! under a transaction-scoped advisory lock on (student, unit), and a partial
//! unique index (`attempts_one_open`) holds the rule whatever else writes.
//! Each answer is its own transaction, checked against the attempt's lease
//! with the attempt row locked (see `leases`).

use super::book::{PgBook, count};
use super::leases::check_holder;
use crate::error::{Error, Result};
use crate::gradebook::{Attempt, StoredResponse, now};
use crate::model::{Form, Mode};
use crate::score::{Response, Status};
use chrono::{NaiveDate, Utc};

fn attempt_row(r: &postgres::Row) -> Result<Attempt> {
    let text: String = r.get(3);
    let form: Form =
        crate::yaml::parse("성적부 시험지", &text).map_err(|d| Error::Usage(d.to_string()))?;
    let mode: String = r.get(2);
    Ok(Attempt {
        id: r.get(0),
        attempt_no: u32::try_from(r.get::<_, i64>(1)).unwrap_or(0),
        mode: if mode == "exam" {
            Mode::Exam
        } else {
            Mode::Practice
        },
        form,
        started_at: r.get(4),
        finished_at: r.get(5),
    })
}

impl PgBook {
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

    fn select_attempts(&self, student: &str, unit: &str, condition: &str) -> Result<Vec<Attempt>> {
        let sql = format!(
            "SELECT id, attempt_no, mode, form, started_at, finished_at FROM attempts
             WHERE student_id = $1 AND unit = $2 {condition} ORDER BY attempt_no"
        );
        self.query(&sql, &[&student, &unit])?
            .iter()
            .map(attempt_row)
            .collect()
    }

    /// Start a new attempt (see the SQLite gradebook's `start_attempt`): the
    /// attempt number is taken under a lock on (student, unit); a student's
    /// unfinished `take` attempt at the unit is returned instead of a second.
    pub fn start_attempt(
        &mut self,
        student: &str,
        unit: &str,
        mode: Mode,
        make_form: impl FnOnce(u32) -> Form,
    ) -> Result<Attempt> {
        let err = self.err();
        let made = self.transaction(|tx| {
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('attempt' || chr(31) || $1 || chr(31) || $2, 0))",
                &[&student, &unit],
            )
            .map_err(&err)?;
            let open = tx
                .query_opt(
                    "SELECT id, attempt_no, mode, form, started_at, finished_at FROM attempts
                     WHERE student_id = $1 AND unit = $2 AND finished_at IS NULL AND origin = 'take'
                     ORDER BY attempt_no DESC LIMIT 1",
                    &[&student, &unit],
                )
                .map_err(&err)?;
            if let Some(r) = open {
                return attempt_row(&r);
            }
            let n: i64 = tx
                .query_one(
                    "SELECT COALESCE(MAX(attempt_no), 0) FROM attempts WHERE student_id = $1 AND unit = $2",
                    &[&student, &unit],
                )
                .map_err(&err)?
                .get(0);
            let attempt_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let form = make_form(attempt_no);
            let text = crate::yaml::to_string(&form, &[])?;
            let started_at = now();
            let id: i64 = tx
                .query_one(
                    "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, started_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    &[
                        &student,
                        &unit,
                        &i64::from(attempt_no),
                        &mode.as_str(),
                        &form.seed.to_string(),
                        &form.bank_version,
                        &text,
                        &started_at,
                    ],
                )
                .map_err(&err)?
                .get(0);
            super::forms::insert(tx, &form, None, "take", &started_at, &err)?;
            Ok(Attempt {
                id,
                attempt_no,
                mode,
                form,
                started_at,
                finished_at: None,
            })
        })?;
        Ok(made)
    }

    /// Record one answer (and its score) in its own transaction, for the
    /// session `holder`; refused like the SQLite gradebook's `record`.
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

    /// [`PgBook::record`], and in the same transaction the Leitner update of
    /// `review` = (student, answered right, today).
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
        let err = self.err();
        let ttl = self.lease_ttl;
        self.transaction(|tx| {
            let now = Utc::now();
            check_holder(tx, attempt, holder, now, ttl, &err)?;
            let pos = i64::try_from(position).unwrap_or(i64::MAX);
            // A practice answer is final (its key is shown with it): checked
            // with the attempt's row locked, so two answers sent at once
            // store one.
            let answered: bool = tx
                .query_one(
                    "SELECT EXISTS (SELECT 1 FROM attempts a JOIN responses r ON r.attempt_id = a.id
                     WHERE a.id = $1 AND a.mode = 'practice' AND r.position = $2)",
                    &[&attempt, &pos],
                )
                .map_err(&err)?
                .get(0);
            if answered {
                return Err(crate::error::Error::AnswerFinal);
            }
            let at = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
            tx.execute(
                "INSERT INTO responses
                 (attempt_id, position, question_id, response, answered_at, points, max_points, status, graded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5)
                 ON CONFLICT (attempt_id, position) DO UPDATE SET question_id = EXCLUDED.question_id,
                   response = EXCLUDED.response, answered_at = EXCLUDED.answered_at, points = EXCLUDED.points,
                   max_points = EXCLUDED.max_points, status = EXCLUDED.status, graded_at = EXCLUDED.graded_at,
                   comment = NULL, graded_by = NULL",
                &[&attempt, &pos, &question, &text, &at, &points, &max, &status.as_str()],
            )
            .map_err(&err)?;
            if let Some((student, correct, today)) = review {
                super::reviews::leitner(tx, student, question, correct, today).map_err(&err)?;
            }
            Ok(())
        })
    }

    /// The answers of an attempt, by position.
    pub fn responses(&self, attempt: i64) -> Result<Vec<StoredResponse>> {
        self.query(
            "SELECT position, question_id, response, points, max_points, status, comment
             FROM responses WHERE attempt_id = $1 ORDER BY position",
            &[&attempt],
        )?
        .iter()
        .map(|r| {
            let text: String = r.get(2);
            Ok(StoredResponse {
                position: count(r.get(0)),
                question_id: r.get(1),
                response: crate::yaml::parse_response(&text)
                    .map_err(|d| Error::Usage(d.to_string()))?,
                points: r.get(3),
                max_points: r.get(4),
                status: r.get(5),
                comment: r.get(6),
            })
        })
        .collect()
    }

    /// Mark an attempt finished, for the session `holder`; the lease ends with it.
    pub fn finish(&mut self, attempt: i64, holder: &str) -> Result<()> {
        let err = self.err();
        let ttl = self.lease_ttl;
        self.transaction(|tx| {
            check_holder(tx, attempt, holder, Utc::now(), ttl, &err)?;
            tx.execute(
                "UPDATE attempts SET finished_at = $2, lease_holder = NULL, lease_since = NULL, lease_beat = NULL
                 WHERE id = $1",
                &[&attempt, &now()],
            )
            .map_err(&err)?;
            Ok(())
        })
    }
}
