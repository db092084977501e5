//! Grading many answers at once: one transaction with prepared statements.

use super::Sqlite;
use crate::error::{Error, Result};
use crate::gradebook::now;
use crate::model::Form;
use crate::score::Status;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use std::path::PathBuf;

/// One graded answer, as `Bulk` writes it.
const INSERT_RESPONSE: &str = "INSERT OR FAIL INTO responses (attempt_id, position, question_id, response, answered_at, points, max_points, status)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The connection setting that turns triggers off and on (SQLite expires every
/// prepared statement when it changes, so each is compiled again with or
/// without the triggers).
const ENABLE_TRIGGER: rusqlite::config::DbConfig =
    rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER;

/// A transaction for writing many graded answers fast (prepared statements).
pub struct Bulk<'a> {
    /// The connection, inside `tx` until it commits or is dropped.
    conn: &'a Connection,
    tx: Option<rusqlite::Transaction<'a>>,
    path: PathBuf,
    /// Attempts made by this transaction: unfinished while their answers are
    /// written (a finished attempt takes no answer), finished by `commit`.
    made: std::cell::RefCell<Vec<i64>>,
}

impl Drop for Bulk<'_> {
    /// Roll back what was not committed, then check foreign keys again (and
    /// make sure the triggers are on: [`Bulk::responses`] turns them on again
    /// itself, this is the net under a panic).
    fn drop(&mut self) {
        drop(self.tx.take());
        let _ = self.conn.set_db_config(ENABLE_TRIGGER, true);
        // Outside a transaction the pragma applies; it cannot fail there.
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

impl Bulk<'_> {
    fn err(&self, e: rusqlite::Error) -> Error {
        Error::Db {
            path: self.path.clone(),
            source: e,
        }
    }

    /// Whether an attempt with this form id exists (a file already graded).
    pub fn has_form(&self, form_id: &str) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM attempts WHERE form_id = ?1",
                [form_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// The stored answers (position, response text, answered at) of the
    /// attempt graded from form `form_id`, by position; None when it was
    /// never graded.
    pub fn form_answers(&self, form_id: &str) -> Result<Option<Vec<(usize, String, String)>>> {
        let attempt: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM attempts WHERE form_id = ?1",
                [form_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(attempt) = attempt else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare(
                "SELECT position, response, COALESCE(answered_at, '') FROM responses
                 WHERE attempt_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([attempt], |r| {
                Ok((
                    usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map(Some)
            .map_err(|e| self.err(e))
    }

    /// The identities of every CSV row stored (see [`csv_row_key`]).
    pub fn csv_keys_known(&self) -> Result<std::collections::HashSet<u128>> {
        let mut out = std::collections::HashSet::new();
        let mut st = self
            .conn
            .prepare("SELECT keys FROM csv_keys")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let keys = r
                .get_ref(0)
                .ok()
                .and_then(|v| v.as_blob().ok())
                .unwrap_or_default();
            for k in keys.chunks_exact(16) {
                let mut b = [0u8; 16];
                b.copy_from_slice(k);
                out.insert(u128::from_be_bytes(b));
            }
        }
        // Rows stored before `csv_keys` existed.
        let mut st = self
            .conn
            .prepare("SELECT digest FROM csv_rows")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let digest: String = r.get(0).map_err(|e| self.err(e))?;
            if let Ok(k) = u128::from_str_radix(&digest, 16) {
                out.insert(k);
            }
        }
        Ok(out)
    }

    /// Record the identities of the CSV rows stored as answers of `attempt`,
    /// by position.
    pub fn csv_keys_store(&self, attempt: i64, keys: &[u128]) -> Result<()> {
        let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_be_bytes()).collect();
        self.conn
            .prepare_cached("INSERT INTO csv_keys (attempt_id, keys) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![attempt, bytes]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// An attempt of `origin` (submission, csv) with its form, finished (at
    /// its start time) when the transaction commits.
    pub fn attempt(
        &self,
        student: &str,
        unit: &str,
        origin: &str,
        form_id: &str,
        form: &Form,
    ) -> Result<i64> {
        let n: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(attempt_no), 0) FROM attempts WHERE student_id = ?1 AND unit = ?2")
            .and_then(|mut st| st.query_row(params![student, unit], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let text = crate::yaml::to_string(form, &[])?;
        let now = now();
        let mut st = self
            .conn
            .prepare_cached(
                "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, origin, form_id, started_at)
                 VALUES (?1, ?2, ?3, 'exam', ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(|e| self.err(e))?;
        st.execute(params![
            student,
            unit,
            n + 1,
            form.seed.to_string(),
            form.bank_version,
            text,
            origin,
            form_id,
            now
        ])
        .map_err(|e| self.err(e))?;
        let id = self.conn.last_insert_rowid();
        self.made.borrow_mut().push(id);
        Ok(id)
    }

    /// One graded answer.
    #[allow(clippy::too_many_arguments)]
    pub fn response(
        &self,
        attempt: i64,
        position: usize,
        question: &str,
        response: &str,
        answered_at: &str,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare_cached(INSERT_RESPONSE)
            .map_err(|e| self.err(e))?;
        st.execute(params![
            attempt,
            position as i64,
            question,
            response,
            answered_at,
            points,
            max,
            status.as_str()
        ])
        .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Write many answers with one prepared statement: `f` gets a writer whose
    /// `insert` takes `(attempt, position, question, response, answered_at, points, max, status)`;
    /// an answer time of `None` means the attempt's start (CSV rows carry none).
    ///
    /// Every answer must go to an attempt this bulk write made ([`Bulk::attempt`]),
    /// checked per answer here; those stay unfinished until [`Bulk::commit`], so
    /// the finished-attempt trigger (migration 5) could never fire on them. It
    /// is therefore off while `f` runs (its sub-program per answer cost about
    /// 13 % of the instructions of grading a CSV) and on again before this
    /// returns, on success and on every error; `Drop` turns it on too.
    pub fn responses<T>(
        &self,
        f: impl FnOnce(
            &mut dyn FnMut(i64, usize, &str, &str, Option<&str>, f64, f64, Status) -> Result<()>,
        ) -> Result<T>,
    ) -> Result<T> {
        self.conn
            .set_db_config(ENABLE_TRIGGER, false)
            .map_err(|e| self.err(e))?;
        let out = self.responses_untriggered(f);
        let on = self.conn.set_db_config(ENABLE_TRIGGER, true);
        let out = out?;
        on.map_err(|e| self.err(e))?;
        Ok(out)
    }

    /// [`Bulk::responses`] with the triggers off: the statement is prepared
    /// here, so it is compiled without them.
    fn responses_untriggered<T>(
        &self,
        f: impl FnOnce(
            &mut dyn FnMut(i64, usize, &str, &str, Option<&str>, f64, f64, Status) -> Result<()>,
        ) -> Result<T>,
    ) -> Result<T> {
        let mut st = self
            .conn
            .prepare(INSERT_RESPONSE)
            .map_err(|e| self.err(e))?;
        let path = self.path.clone();
        let made = &self.made;
        // The attempt of the previous answer (answers come attempt by attempt).
        let mut last_ours: Option<i64> = None;
        let mut insert = |a: i64,
                          pos: usize,
                          q: &str,
                          r: &str,
                          at: Option<&str>,
                          p: f64,
                          m: f64,
                          s: Status|
         -> Result<()> {
            if last_ours != Some(a) {
                // Attempts are made in rowid order: a binary search finds them.
                let made = made.borrow();
                if made.binary_search(&a).is_err() && !made.contains(&a) {
                    return Err(Error::Usage(format!(
                        "응시 {a}은(는) 이 채점에서 만든 응시가 아닙니다: 끝난 응시의 답은 바꿀 수 없습니다"
                    )));
                }
                last_ours = Some(a);
            }
            st.execute(params![a, pos as i64, q, r, at, p, m, s.as_str()])
                .map(|_| ())
                .map_err(|e| Error::Db {
                    path: path.clone(),
                    source: e,
                })
        };
        f(&mut insert)
    }

    /// Finish the attempts made (their answers are all written now) and commit.
    pub fn commit(mut self) -> Result<()> {
        {
            let mut st = self
                .conn
                .prepare("UPDATE attempts SET finished_at = started_at WHERE id = ?1")
                .map_err(|e| self.err(e))?;
            for id in self.made.borrow().iter() {
                st.execute([id]).map_err(|e| self.err(e))?;
            }
        }
        let path = self.path.clone();
        match self.tx.take() {
            Some(tx) => tx.commit().map_err(|e| Error::Db { path, source: e }),
            None => Ok(()),
        }
    }
}

impl Sqlite {
    /// Start a bulk write (one transaction; dropped without `commit`, nothing is written).
    ///
    /// Foreign keys are not checked while it runs (they are again after it):
    /// a bulk write adds answers only to attempts it made itself, and with a
    /// trigger on `responses` an immediately checked foreign key would make
    /// SQLite keep a statement journal for every answer. The finished-attempt
    /// triggers run, except inside [`Bulk::responses`] (see there).
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        let path = self.path.clone();
        let db = |e| Error::Db {
            path: path.clone(),
            source: e,
        };
        // A larger page cache keeps the B-tree pages of a big import in memory.
        self.conn
            .pragma_update(None, "cache_size", -262_144i64)
            .map_err(db)?;
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .map_err(db)?;
        let tx = match rusqlite::Transaction::new_unchecked(
            &self.conn,
            TransactionBehavior::Immediate,
        ) {
            Ok(tx) => tx,
            Err(e) => {
                let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
                return Err(db(e));
            }
        };
        Ok(Bulk {
            conn: &self.conn,
            tx: Some(tx),
            path: self.path.clone(),
            made: std::cell::RefCell::new(Vec::new()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(id: &str) -> Form {
        Form {
            form_id: id.into(),
            unit: "w1".into(),
            student: "s1".into(),
            seed: 0,
            bank_version: "v".into(),
            items: Vec::new(),
        }
    }

    /// A gradebook with one finished CSV attempt (one answer); its id.
    fn finished(g: &mut Sqlite) -> Result<i64> {
        let bulk = g.bulk()?;
        let a = bulk.attempt("s1", "w1", "csv", "csv:1:s1", &form("csv:1:s1"))?;
        bulk.responses(|insert| {
            insert(a, 0, "q1", "kind: skipped\n", None, 0.0, 1.0, Status::Auto)
        })?;
        bulk.commit()?;
        Ok(a)
    }

    /// A raw change of a finished attempt's answer, as any SQL client could try.
    fn tamper(conn: &Connection, a: i64) -> std::result::Result<usize, String> {
        conn.execute(
            "UPDATE responses SET response = 'kind: bool\nvalue: true\n' WHERE attempt_id = ?1",
            [a],
        )
        .map_err(|e| e.to_string())
    }

    fn refused(r: std::result::Result<usize, String>) -> bool {
        r.is_err_and(|e| e.contains("finished attempt"))
    }

    #[test]
    fn the_trigger_guards_finished_attempts_after_every_bulk_write() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let mut g = Sqlite::open(&dir.path().join("g.db"))?;
        let old = finished(&mut g)?;
        assert!(
            refused(tamper(&g.conn, old)),
            "after a committed bulk write"
        );

        // An answer into an attempt this write did not make: refused in Rust
        // (the trigger is off), nothing stored, the trigger on again.
        {
            let bulk = g.bulk()?;
            let r = bulk.responses(|insert| {
                insert(
                    old,
                    1,
                    "q2",
                    "kind: skipped\n",
                    None,
                    0.0,
                    1.0,
                    Status::Auto,
                )
            });
            assert!(
                matches!(r, Err(Error::Usage(m)) if m.contains("이 채점에서 만든 응시가 아닙니다"))
            );
            // On again as soon as `responses` returns, before any drop.
            assert!(refused(tamper(bulk.conn, old)), "inside, after the refusal");
        }
        assert!(refused(tamper(&g.conn, old)), "after a refused answer");
        let n: i64 = g
            .conn
            .query_row("SELECT COUNT(*) FROM responses", [], |r| r.get(0))
            .map_err(|e| g.db_err(e))?;
        assert_eq!(n, 1);

        // The writer's own error (a position stored twice), then dropped.
        {
            let bulk = g.bulk()?;
            let a = bulk.attempt("s2", "w1", "csv", "csv:2:s2", &form("csv:2:s2"))?;
            let r = bulk.responses(|insert| {
                insert(a, 0, "q1", "kind: skipped\n", None, 0.0, 1.0, Status::Auto)?;
                insert(a, 0, "q1", "kind: skipped\n", None, 0.0, 1.0, Status::Auto)
            });
            assert!(matches!(r, Err(Error::Db { .. })), "{r:?}");
            assert!(refused(tamper(bulk.conn, old)), "inside, after the error");
        }
        assert!(refused(tamper(&g.conn, old)), "after a failed insert");

        // A panic inside the writer: Drop turns the trigger on.
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            if let Ok(bulk) = g.bulk() {
                let _ = bulk.responses(|_| -> Result<()> { panic!("writer failed") });
            }
        }));
        assert!(caught.is_err());
        assert!(refused(tamper(&g.conn, old)), "after a panic");

        // A bulk write that made its attempt and stored into it still works.
        let second = finished_other(&mut g, old)?;
        assert!(refused(tamper(&g.conn, second)));
        Ok(())
    }

    fn finished_other(g: &mut Sqlite, old: i64) -> Result<i64> {
        let bulk = g.bulk()?;
        let a = bulk.attempt("s3", "w1", "csv", "csv:3:s3", &form("csv:3:s3"))?;
        bulk.responses(|insert| {
            insert(a, 0, "q1", "kind: skipped\n", None, 0.0, 1.0, Status::Auto)?;
            insert(a, 1, "q2", "kind: skipped\n", None, 0.0, 1.0, Status::Auto)
        })?;
        // On again before the commit.
        assert!(refused(tamper(bulk.conn, old)), "before commit");
        bulk.commit()?;
        Ok(a)
    }
}
