//! The roster: students added, updated and listed.

use super::{Sqlite, db_error};
use crate::error::Result;
use crate::gradebook::{Student, now};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

impl Sqlite {
    /// Add or update students, in one transaction. Returns (added, updated).
    pub fn upsert_students(&mut self, students: &[Student]) -> Result<(usize, usize)> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let (mut added, mut updated) = (0, 0);
        let now = now();
        for s in students {
            let exists: bool = tx
                .query_row("SELECT 1 FROM students WHERE id = ?1", [&s.id], |_| {
                    Ok(true)
                })
                .optional()
                .map_err(&db)?
                .is_some();
            if exists {
                tx.execute(
                    "UPDATE students SET name = ?2, email = ?3 WHERE id = ?1",
                    params![s.id, s.name, s.email],
                )
                .map_err(&db)?;
                updated += 1;
            } else {
                tx.execute(
                    "INSERT INTO students (id, name, email, added_at) VALUES (?1, ?2, ?3, ?4)",
                    params![s.id, s.name, s.email, now],
                )
                .map_err(&db)?;
                added += 1;
            }
        }
        tx.commit().map_err(&db)?;
        Ok((added, updated))
    }

    /// All students, by id.
    pub fn students(&self) -> Result<Vec<Student>> {
        self.query_all(
            "SELECT id, name, email FROM students ORDER BY id",
            [],
            |r| {
                Ok(Student {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    email: r.get(2)?,
                })
            },
        )
    }

    /// Whether a roster exists, and whether `id` is on it.
    pub fn roster_status(&self, id: &str) -> Result<(bool, bool)> {
        let any: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM students", [], |r| r.get(0))
            .map_err(|e| self.db_err(e))?;
        let known: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM students WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| self.db_err(e))?;
        Ok((any > 0, known > 0))
    }

    /// How many students have attempts.
    pub fn student_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(DISTINCT student_id) FROM attempts", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.db_err(e))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}
