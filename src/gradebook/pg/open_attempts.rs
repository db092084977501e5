//! Unfinished attempts in PostgreSQL, for the instructor: list them, close one.

use super::book::{PgBook, count};
use super::leases::alive;
use crate::error::{Error, Result};
use crate::gradebook::{Fill, OpenAttempt, now};
use chrono::Utc;

impl PgBook {
    /// Unfinished attempts, optionally of one student and/or unit, oldest first.
    pub fn open_attempts(
        &self,
        student: Option<&str>,
        unit: Option<&str>,
    ) -> Result<Vec<OpenAttempt>> {
        let ttl = self.lease_ttl;
        let now = Utc::now();
        self.query(
            "SELECT a.id, a.student_id, a.unit, a.attempt_no, a.form, a.started_at, a.lease_since, a.lease_beat,
                    (SELECT COUNT(*) FROM responses r WHERE r.attempt_id = a.id)
             FROM attempts a
             WHERE a.finished_at IS NULL AND ($1::text IS NULL OR a.student_id = $1)
               AND ($2::text IS NULL OR a.unit = $2)
             ORDER BY a.started_at, a.id",
            &[&student, &unit],
        )?
        .iter()
        .map(|r| {
            let text: String = r.get(4);
            let form: crate::model::Form = crate::yaml::parse("성적부 시험지", &text)
                .map_err(|d| Error::Usage(d.to_string()))?;
            let since: Option<String> = r.get(6);
            let beat: Option<String> = r.get(7);
            Ok(OpenAttempt {
                id: r.get(0),
                student: r.get(1),
                unit: r.get(2),
                attempt_no: u32::try_from(r.get::<_, i64>(3)).unwrap_or(0),
                questions: form.items.len(),
                answered: count(r.get(8)),
                started_at: r.get(5),
                held_since: since.filter(|_| alive(beat.as_deref(), now, ttl)),
            })
        })
        .collect()
    }

    /// The form of an unfinished attempt and the positions answered, or None.
    pub fn open_attempt_form(&self, id: i64) -> Result<Option<(crate::model::Form, Vec<usize>)>> {
        let rows = self.query(
            "SELECT form FROM attempts WHERE id = $1 AND finished_at IS NULL",
            &[&id],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let text: String = r.get(0);
        let form =
            crate::yaml::parse("성적부 시험지", &text).map_err(|d| Error::Usage(d.to_string()))?;
        let answered = self
            .responses(id)?
            .into_iter()
            .map(|r| r.position)
            .collect();
        Ok(Some((form, answered)))
    }

    /// Close an unfinished attempt: store `fills` at positions still without
    /// an answer, mark it finished and end any lease, in one transaction
    /// with the attempt row locked.
    pub fn close_attempt(&mut self, id: i64, fills: &[Fill]) -> Result<()> {
        let err = self.err();
        self.transaction(|tx| {
            let row = tx
                .query_opt(
                    "SELECT finished_at FROM attempts WHERE id = $1 FOR UPDATE",
                    &[&id],
                )
                .map_err(&err)?;
            match row.map(|r| r.get::<_, Option<String>>(0)) {
                None => return Err(Error::Usage(format!("응시 {id}이(가) 없습니다"))),
                Some(Some(finished_at)) => return Err(Error::AttemptFinished { finished_at }),
                Some(None) => {}
            }
            let at = now();
            let st = tx
                .prepare(
                    "INSERT INTO responses
                     (attempt_id, position, question_id, response, answered_at, points, max_points, status, graded_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5)
                     ON CONFLICT (attempt_id, position) DO NOTHING",
                )
                .map_err(&err)?;
            for (pos, q, resp, points, max, status) in fills {
                let pos = i64::try_from(*pos).unwrap_or(i64::MAX);
                tx.execute(
                    &st,
                    &[&id, &pos, q, resp, &at, points, max, &status.as_str()],
                )
                .map_err(&err)?;
            }
            tx.execute(
                "UPDATE attempts SET finished_at = $2, lease_holder = NULL, lease_since = NULL, lease_beat = NULL
                 WHERE id = $1",
                &[&id, &at],
            )
            .map_err(&err)?;
            Ok(())
        })
    }
}
