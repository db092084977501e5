//! Stored answers read for grading, review and reports, and scored again
//! (regrade, manual scores).

use super::{Sqlite, db_error};
use crate::error::{Error, Result};
use crate::gradebook::{Row, now};
use crate::score::Response;
use rusqlite::{TransactionBehavior, params};

/// Maps a rusqlite error to [`Error::Db`] for the gradebook at `path`.
/// A [`Row`] (response not parsed yet) and its response text, from the columns
/// `attempt_id, position, student_id, unit, attempt_no, origin, question_id,
/// response, points, max_points, status, comment, answered_at, finished_at,
/// mode, started_at`.
fn row_columns(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Row, String)> {
    Ok((row_fields(r)?, r.get(7)?))
}

/// [`row_columns`] without the response text (left [`Response::Skipped`]).
fn row_fields(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
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
        mode: r.get(14)?,
        started_at: r.get(15)?,
    })
}

impl Sqlite {
    /// Every stored answer, in attempt and position order.
    pub fn rows(&self) -> Result<Vec<Row>> {
        self.select_rows(true, false)
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
                    r.points, r.max_points, r.status, r.comment, COALESCE(r.answered_at, a.started_at), a.finished_at, a.mode, a.started_at
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
                        COALESCE(r.answered_at, a.started_at), a.finished_at, a.mode, a.started_at
                 FROM attempts a CROSS JOIN responses r ON r.attempt_id = a.id
                 WHERE (a.finished_at IS NOT NULL OR a.mode = 'practice')
                   AND r.question_id IN rarray(?1)
                 ORDER BY a.student_id",
            )
            .map_err(|e| self.db_err(e))?;
        let mut rows = st.query([ids]).map_err(|e| self.db_err(e))?;
        let mut current: Option<String> = None;
        let mut batch: Vec<Row> = Vec::new();
        let mut parsed = crate::gradebook::ParsedResponses::new();
        while let Some(r) = rows.next().map_err(|e| self.db_err(e))? {
            let mut row = row_fields(r).map_err(|e| self.db_err(e))?;
            let text = r
                .get_ref(7)
                .and_then(|v| v.as_str().map_err(Into::into))
                .map_err(|e| self.db_err(e))?;
            row.response = parsed.parse(text)?;
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
}
