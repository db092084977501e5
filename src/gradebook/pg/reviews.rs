//! Checklist scores and Leitner review boxes in PostgreSQL.

use super::book::PgBook;
use crate::error::Result;
use crate::gradebook::{ChecklistScore, LEITNER_DAYS};
use chrono::NaiveDate;

impl PgBook {
    /// Record checklist scores in one transaction.
    pub fn set_checklist(&mut self, scores: &[ChecklistScore]) -> Result<()> {
        let err = self.err();
        self.transaction(|tx| {
            let st = tx
                .prepare(
                    "INSERT INTO checklist_scores (student_id, week, item_id, level, points, scored_by, scored_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (student_id, week, item_id) DO UPDATE SET level = EXCLUDED.level,
                       points = EXCLUDED.points, scored_by = EXCLUDED.scored_by, scored_at = EXCLUDED.scored_at",
                )
                .map_err(&err)?;
            let clear = tx
                .prepare(
                    "DELETE FROM checklist_scores WHERE student_id = $1 AND week = $2 AND item_id = $3",
                )
                .map_err(&err)?;
            for s in scores {
                let week = i64::from(s.week);
                // An empty level clears the item (the browser's "-").
                if s.level.is_empty() {
                    tx.execute(&clear, &[&s.student, &week, &s.item])
                        .map_err(&err)?;
                    continue;
                }
                tx.execute(
                    &st,
                    &[&s.student, &week, &s.item, &s.level, &s.points, &s.by, &s.at],
                )
                .map_err(&err)?;
            }
            Ok(())
        })
    }

    /// Checklist scores of a week.
    pub fn checklist(&self, week: u32) -> Result<Vec<ChecklistScore>> {
        Ok(self
            .query(
                "SELECT student_id, week, item_id, level, points, scored_by, scored_at FROM checklist_scores
                 WHERE week = $1 ORDER BY student_id, item_id",
                &[&i64::from(week)],
            )?
            .iter()
            .map(|r| ChecklistScore {
                student: r.get(0),
                week: u32::try_from(r.get::<_, i64>(1)).unwrap_or(0),
                item: r.get(2),
                level: r.get(3),
                points: r.get(4),
                by: r.get(5),
                at: r.get(6),
            })
            .collect())
    }

    /// Question ids due for review for a student on `today`.
    pub fn due_reviews(&self, student: &str, today: NaiveDate) -> Result<Vec<String>> {
        Ok(self
            .query(
                "SELECT question_id FROM review_boxes WHERE student_id = $1 AND due <= $2 ORDER BY due, question_id",
                &[&student, &today.to_string()],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    /// Leitner update after an answer (see the SQLite gradebook's `review_update`).
    pub fn review_update(
        &mut self,
        student: &str,
        question: &str,
        correct: bool,
        today: NaiveDate,
    ) -> Result<()> {
        let err = self.err();
        self.transaction(|tx| leitner(tx, student, question, correct, today).map_err(&err))
    }
}

/// The Leitner rule inside a transaction: wrong -> box 1, due tomorrow;
/// right while in a box -> next box (due after 1, 2, 4, 8 days), out after the last.
pub(super) fn leitner(
    tx: &mut postgres::Transaction<'_>,
    student: &str,
    question: &str,
    correct: bool,
    today: NaiveDate,
) -> std::result::Result<(), postgres::Error> {
    let box_now: Option<i64> = tx
        .query_opt(
            "SELECT box FROM review_boxes WHERE student_id = $1 AND question_id = $2 FOR UPDATE",
            &[&student, &question],
        )?
        .map(|r| r.get(0));
    let next = match (correct, box_now) {
        (false, _) => Some(1i64),
        (true, None) => None,
        (true, Some(b)) if usize::try_from(b).is_ok_and(|b| b < LEITNER_DAYS.len()) => Some(b + 1),
        (true, Some(_)) => None,
    };
    match next {
        Some(b) => {
            let days = LEITNER_DAYS[usize::try_from(b - 1)
                .unwrap_or(0)
                .min(LEITNER_DAYS.len() - 1)];
            let due = (today + chrono::Duration::days(days)).to_string();
            tx.execute(
                "INSERT INTO review_boxes (student_id, question_id, box, due) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (student_id, question_id) DO UPDATE SET box = EXCLUDED.box, due = EXCLUDED.due",
                &[&student, &question, &b, &due],
            )?;
        }
        None => {
            tx.execute(
                "DELETE FROM review_boxes WHERE student_id = $1 AND question_id = $2",
                &[&student, &question],
            )?;
        }
    }
    Ok(())
}
