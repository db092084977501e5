//! Stored answers in PostgreSQL, for grading, review and reports: read in
//! the same order as SQLite reads them, re-scored in one transaction. A
//! week's answers are chosen with `= ANY($1)` over a text array (SQLite's
//! `rarray`), and streamed a student at a time through a cursor (a portal),
//! so a report of thousands of students never holds them all.

use super::book::{PgBook, count};
use crate::error::{Error, Result};
use crate::gradebook::{Row, now};
use crate::score::Response;

/// The columns of a [`Row`], `response` last but one: see [`row`].
const ROW_COLUMNS: &str = "r.attempt_id, r.position, a.student_id, a.unit, a.attempt_no, a.origin, r.question_id,
     {response}, r.points, r.max_points, r.status, r.comment, COALESCE(r.answered_at, a.started_at), a.finished_at,
     a.mode, a.started_at";

/// A [`Row`] from [`ROW_COLUMNS`]; the response parsed when `with_response`.
fn row(r: &postgres::Row, with_response: bool) -> Result<Row> {
    let response = if with_response {
        let text: String = r.get(7);
        crate::yaml::parse_response(&text).map_err(|d| Error::Usage(d.to_string()))?
    } else {
        Response::Skipped
    };
    Ok(Row {
        attempt_id: r.get(0),
        position: count(r.get(1)),
        student: r.get(2),
        unit: r.get(3),
        attempt_no: u32::try_from(r.get::<_, i64>(4)).unwrap_or(0),
        origin: r.get(5),
        question_id: r.get(6),
        response,
        points: r.get(8),
        max_points: r.get(9),
        status: r.get(10),
        comment: r.get(11),
        answered_at: r.get(12),
        finished_at: r.get(13),
        mode: r.get(14),
        started_at: r.get(15),
    })
}

fn columns(with_response: bool) -> String {
    ROW_COLUMNS.replace(
        "{response}",
        if with_response { "r.response" } else { "''" },
    )
}

impl PgBook {
    /// Every stored answer, in attempt and position order.
    pub fn rows(&self) -> Result<Vec<Row>> {
        self.select_rows(true, false)
    }

    /// Answers without a score yet.
    pub fn ungraded_rows(&self) -> Result<Vec<Row>> {
        self.select_rows(true, true)
    }

    /// Every answer's score without the response itself.
    pub fn score_rows(&self) -> Result<Vec<Row>> {
        self.select_rows(false, false)
    }

    fn select_rows(&self, with_response: bool, only_ungraded: bool) -> Result<Vec<Row>> {
        let sql = format!(
            "SELECT {} FROM responses r JOIN attempts a ON a.id = r.attempt_id {}
             ORDER BY r.attempt_id, r.position",
            columns(with_response),
            if only_ungraded {
                "WHERE r.points IS NULL"
            } else {
                ""
            }
        );
        self.query(&sql, &[])?
            .iter()
            .map(|r| row(r, with_response))
            .collect()
    }

    /// Stream every answer's score: `f(attempt, student, question, points, status, finished)`.
    pub fn for_each_score(
        &self,
        mut f: impl FnMut(i64, &str, &str, Option<f64>, &str, bool),
    ) -> Result<()> {
        let err = self.err();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(&err)?;
        let portal = tx
            .bind(
                "SELECT r.attempt_id, a.student_id, r.question_id, r.points, COALESCE(r.status, ''), a.finished_at IS NOT NULL
                 FROM responses r JOIN attempts a ON a.id = r.attempt_id",
                &[],
            )
            .map_err(&err)?;
        loop {
            let rows = tx.query_portal(&portal, 50_000).map_err(&err)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                f(
                    r.get(0),
                    r.get::<_, &str>(1),
                    r.get::<_, &str>(2),
                    r.get(3),
                    r.get::<_, &str>(4),
                    r.get(5),
                );
            }
        }
        tx.commit().map_err(&err)
    }

    /// The answers of finished attempts to `questions`, one student at a time
    /// in order of student id: `f(student, rows)`; within a student, by unit,
    /// attempt and position (the order SQLite reads them in).
    pub fn for_each_student_rows(
        &self,
        questions: &[&str],
        mut f: impl FnMut(&str, Vec<Row>) -> Result<()>,
    ) -> Result<()> {
        let err = self.err();
        let ids: Vec<&str> = questions.to_vec();
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(&err)?;
        let sql = format!(
            "SELECT {} FROM attempts a JOIN responses r ON r.attempt_id = a.id
             WHERE (a.finished_at IS NOT NULL OR a.mode = 'practice') AND r.question_id = ANY($1)
             ORDER BY a.student_id, a.unit, a.attempt_no, r.position",
            columns(true)
        );
        let portal = tx.bind(sql.as_str(), &[&ids]).map_err(&err)?;
        let mut current: Option<String> = None;
        let mut batch: Vec<Row> = Vec::new();
        let mut parsed = crate::gradebook::ParsedResponses::new();
        loop {
            let rows = tx.query_portal(&portal, 20_000).map_err(&err)?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                let mut row = row(r, false)?;
                row.response = parsed.parse(r.get::<_, &str>(7))?;
                if current.as_deref() != Some(row.student.as_str()) {
                    if let Some(s) = current.take() {
                        f(&s, std::mem::take(&mut batch))?;
                    }
                    current = Some(row.student.clone());
                }
                batch.push(row);
            }
        }
        if let Some(s) = current {
            f(&s, batch)?;
        }
        tx.commit().map_err(&err)
    }

    /// Set new scores for many answers in one transaction; each change is
    /// logged in `regrades` when `log` is set.
    pub fn rescore(&mut self, changes: &[crate::grade::Change], log: bool) -> Result<()> {
        let err = self.err();
        let at = now();
        self.transaction(|tx| {
            let update = tx
                .prepare(
                    "UPDATE responses SET points = $3, max_points = $4, status = $5, graded_at = $6
                     WHERE attempt_id = $1 AND position = $2",
                )
                .map_err(&err)?;
            let insert = tx
                .prepare(
                    "INSERT INTO regrades (at, attempt_id, position, question_id, before, after)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .map_err(&err)?;
            for c in changes {
                let pos = i64::try_from(c.position).unwrap_or(i64::MAX);
                tx.execute(
                    &update,
                    &[
                        &c.attempt_id,
                        &pos,
                        &c.after,
                        &c.max,
                        &c.status.as_str(),
                        &at,
                    ],
                )
                .map_err(&err)?;
                if log {
                    tx.execute(
                        &insert,
                        &[
                            &at,
                            &c.attempt_id,
                            &pos,
                            &c.question_id,
                            &c.before,
                            &c.after,
                        ],
                    )
                    .map_err(&err)?;
                }
            }
            Ok(())
        })
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
        let pos = i64::try_from(position).unwrap_or(i64::MAX);
        self.query(
            "UPDATE responses SET points = $3, status = 'manual', comment = COALESCE($4, comment), graded_by = $5, graded_at = $6
             WHERE attempt_id = $1 AND position = $2",
            &[&attempt, &pos, &points, &comment, &by, &now()],
        )?;
        Ok(())
    }
}
