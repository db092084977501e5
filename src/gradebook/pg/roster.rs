//! The roster in PostgreSQL: students added or updated in one transaction
//! (`INSERT … ON CONFLICT DO UPDATE`, so two imports at once never collide).

use super::book::{PgBook, count};
use crate::error::Result;
use crate::gradebook::{Student, now};

impl PgBook {
    /// Add or update students, in one transaction. Returns (added, updated).
    pub fn upsert_students(&mut self, students: &[Student]) -> Result<(usize, usize)> {
        let err = self.err();
        let at = now();
        self.transaction(|tx| {
            let st = tx
                .prepare(
                    "INSERT INTO students (id, name, email, added_at) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email
                     RETURNING (xmax = 0)",
                )
                .map_err(&err)?;
            let (mut added, mut updated) = (0, 0);
            for s in students {
                let row = tx
                    .query_one(&st, &[&s.id, &s.name, &s.email, &at])
                    .map_err(&err)?;
                if row.get::<_, bool>(0) {
                    added += 1;
                } else {
                    updated += 1;
                }
            }
            Ok((added, updated))
        })
    }

    /// All students, by id.
    pub fn students(&self) -> Result<Vec<Student>> {
        Ok(self
            .query("SELECT id, name, email FROM students ORDER BY id", &[])?
            .iter()
            .map(|r| Student {
                id: r.get(0),
                name: r.get(1),
                email: r.get(2),
            })
            .collect())
    }

    /// Whether a roster exists, and whether `id` is on it.
    pub fn roster_status(&self, id: &str) -> Result<(bool, bool)> {
        let rows = self.query(
            "SELECT EXISTS (SELECT 1 FROM students), EXISTS (SELECT 1 FROM students WHERE id = $1)",
            &[&id],
        )?;
        Ok(rows
            .first()
            .map_or((false, false), |r| (r.get(0), r.get(1))))
    }

    /// How many students have attempts.
    pub fn student_count(&self) -> Result<usize> {
        let rows = self.query("SELECT COUNT(DISTINCT student_id) FROM attempts", &[])?;
        Ok(rows.first().map_or(0, |r| count(r.get(0))))
    }
}
