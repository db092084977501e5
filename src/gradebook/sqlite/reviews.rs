//! Leitner review boxes and the instructor's checklist scores.

use super::{Sqlite, db_error};
use crate::error::Result;
use crate::gradebook::{ChecklistScore, LEITNER_DAYS};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// The Leitner rule (see [`Sqlite::review_update`]) on a connection or inside a transaction.
pub(super) fn leitner(
    conn: &Connection,
    student: &str,
    question: &str,
    correct: bool,
    today: NaiveDate,
) -> rusqlite::Result<()> {
    let box_now: Option<i64> = conn
        .prepare_cached("SELECT box FROM review_boxes WHERE student_id = ?1 AND question_id = ?2")?
        .query_row(params![student, question], |r| r.get(0))
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
            conn.prepare_cached(
                "INSERT OR REPLACE INTO review_boxes (student_id, question_id, box, due) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![student, question, b, due.to_string()])?;
        }
        None => {
            conn.prepare_cached(
                "DELETE FROM review_boxes WHERE student_id = ?1 AND question_id = ?2",
            )?
            .execute(params![student, question])?;
        }
    }
    Ok(())
}

impl Sqlite {
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

    /// Record checklist scores in one transaction.
    pub fn set_checklist(&mut self, scores: &[ChecklistScore]) -> Result<()> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        for s in scores {
            // An empty level clears the item (the browser's "-").
            if s.level.is_empty() {
                tx.execute(
                    "DELETE FROM checklist_scores WHERE student_id = ?1 AND week = ?2 AND item_id = ?3",
                    params![s.student, s.week, s.item],
                )
                .map_err(&db)?;
                continue;
            }
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
