//! Grading many answers at once in PostgreSQL: one transaction, taken under
//! an advisory lock so that graders run one after another as SQLite's
//! writers do (the CSV row identities read at the start stay true to the
//! end: each row is stored once however many graders run). Answers are
//! buffered as `COPY` text and sent with `COPY … FROM STDIN` in chunks: the
//! bulk idiom of PostgreSQL, where a statement per answer would be a round
//! trip per answer.

use super::book::{PgBook, count};
use super::connect::{query_error, redact};
use crate::error::{Error, Result};
use crate::gradebook::now;
use crate::model::Form;
use crate::score::Status;
use std::cell::RefCell;
use std::io::Write;

/// The key of the advisory lock graders take.
const GRADING_LOCK: i64 = 0x7175_697a_6772; // "quizgr"

/// Bytes of answers buffered before they are sent.
const CHUNK: usize = 8 << 20;

const COPY_RESPONSES: &str = "COPY responses (attempt_id, position, question_id, response, answered_at, points, max_points, status) FROM STDIN";

/// A grading transaction on PostgreSQL.
pub struct PgBulk<'a> {
    tx: RefCell<Option<postgres::Transaction<'a>>>,
    url: String,
    /// Attempts made here: unfinished while their answers go in, finished by `commit`.
    made: RefCell<Vec<i64>>,
    /// Answers not sent yet, as COPY text lines.
    pending: RefCell<Vec<u8>>,
    /// The statements run once per attempt, prepared on first use (one
    /// round trip each after that, not two).
    prepared: RefCell<std::collections::HashMap<&'static str, postgres::Statement>>,
}

/// Appends one text field in COPY text format.
fn field(out: &mut Vec<u8>, text: &str) {
    for &b in text.as_bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b => out.push(b),
        }
    }
}

impl PgBook {
    /// Start a grading transaction (dropped without `commit`, nothing is written).
    pub fn bulk(&mut self) -> Result<PgBulk<'_>> {
        let err = query_error(&self.url);
        let url = self.url.clone();
        let client = self.client.get_mut();
        let mut tx = client.transaction().map_err(&err)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&GRADING_LOCK])
            .map_err(&err)?;
        Ok(PgBulk {
            tx: RefCell::new(Some(tx)),
            url,
            made: RefCell::new(Vec::new()),
            pending: RefCell::new(Vec::new()),
            prepared: RefCell::new(std::collections::HashMap::new()),
        })
    }
}

impl PgBulk<'_> {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut postgres::Transaction<'_>) -> std::result::Result<T, postgres::Error>,
    ) -> Result<T> {
        let mut tx = self.tx.borrow_mut();
        let tx = tx.as_mut().ok_or_else(|| Error::Pg {
            url: redact(&self.url),
            message: "the grading transaction is over".into(),
        })?;
        f(tx).map_err(query_error(&self.url))
    }

    /// `sql` prepared in this transaction (once).
    fn statement(&self, sql: &'static str) -> Result<postgres::Statement> {
        if let Some(st) = self.prepared.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.with(|tx| tx.prepare(sql))?;
        self.prepared.borrow_mut().insert(sql, st.clone());
        Ok(st)
    }

    /// Sends the buffered answers.
    fn flush(&self) -> Result<()> {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            return Ok(());
        }
        let io = |e: std::io::Error| Error::Pg {
            url: redact(&self.url),
            message: format!("COPY: {e}"),
        };
        let mut tx = self.tx.borrow_mut();
        let tx = tx.as_mut().ok_or_else(|| Error::Pg {
            url: redact(&self.url),
            message: "the grading transaction is over".into(),
        })?;
        let mut w = tx.copy_in(COPY_RESPONSES).map_err(query_error(&self.url))?;
        w.write_all(&pending).map_err(io)?;
        w.finish().map_err(query_error(&self.url))?;
        pending.clear();
        Ok(())
    }

    /// Whether an attempt with this form id exists (a file already graded).
    pub fn has_form(&self, form_id: &str) -> Result<bool> {
        self.with(|tx| {
            tx.query_one(
                "SELECT EXISTS (SELECT 1 FROM attempts WHERE form_id = $1)",
                &[&form_id],
            )
            .map(|r| r.get(0))
        })
    }

    /// The stored answers (position, response text, answered at) of the
    /// attempt graded from form `form_id`, by position; None when never graded.
    pub fn form_answers(&self, form_id: &str) -> Result<Option<Vec<(usize, String, String)>>> {
        self.flush()?;
        let attempt: Option<i64> = self.with(|tx| {
            tx.query_opt("SELECT id FROM attempts WHERE form_id = $1", &[&form_id])
                .map(|r| r.map(|r| r.get(0)))
        })?;
        let Some(attempt) = attempt else {
            return Ok(None);
        };
        let rows = self.with(|tx| {
            tx.query(
                "SELECT position, response, COALESCE(answered_at, '') FROM responses
                 WHERE attempt_id = $1 ORDER BY position",
                &[&attempt],
            )
        })?;
        Ok(Some(
            rows.iter()
                .map(|r| (count(r.get(0)), r.get(1), r.get(2)))
                .collect(),
        ))
    }

    /// The identities of every CSV row stored.
    pub fn csv_keys_known(&self) -> Result<std::collections::HashSet<u128>> {
        let mut out = std::collections::HashSet::new();
        let rows = self.with(|tx| tx.query("SELECT keys FROM csv_keys", &[]))?;
        for r in &rows {
            let keys: &[u8] = r.get(0);
            for k in keys.chunks_exact(16) {
                let mut b = [0u8; 16];
                b.copy_from_slice(k);
                out.insert(u128::from_be_bytes(b));
            }
        }
        let rows = self.with(|tx| tx.query("SELECT digest FROM csv_rows", &[]))?;
        for r in &rows {
            let digest: &str = r.get(0);
            if let Ok(k) = u128::from_str_radix(digest, 16) {
                out.insert(k);
            }
        }
        out.reserve(1 << 16);
        Ok(out)
    }

    /// Record the identities of the CSV rows stored as answers of `attempt`.
    pub fn csv_keys_store(&self, attempt: i64, keys: &[u128]) -> Result<()> {
        let bytes: Vec<u8> = keys.iter().flat_map(|k| k.to_be_bytes()).collect();
        let st = self.statement("INSERT INTO csv_keys (attempt_id, keys) VALUES ($1, $2)")?;
        self.with(|tx| tx.execute(&st, &[&attempt, &bytes]))?;
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
        let text = crate::yaml::to_string(form, &[])?;
        let at = now();
        let st = self.statement(
            "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, origin, form_id, started_at)
             VALUES ($1, $2, (SELECT COALESCE(MAX(attempt_no), 0) + 1 FROM attempts WHERE student_id = $1 AND unit = $2),
                     'exam', $3, $4, $5, $6, $7, $8)
             RETURNING id",
        )?;
        let id: i64 = self.with(|tx| {
            tx.query_one(
                &st,
                &[
                    &student,
                    &unit,
                    &form.seed.to_string(),
                    &form.bank_version,
                    &text,
                    &origin,
                    &form_id,
                    &at,
                ],
            )
            .map(|r| r.get(0))
        })?;
        self.made.borrow_mut().push(id);
        Ok(id)
    }

    /// Buffers one answer; sent in the next chunk.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        attempt: i64,
        position: usize,
        question: &str,
        response: &str,
        answered_at: Option<&str>,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        let full = {
            let mut p = self.pending.borrow_mut();
            p.extend_from_slice(format!("{attempt}\t{position}\t").as_bytes());
            field(&mut p, question);
            p.push(b'\t');
            field(&mut p, response);
            p.push(b'\t');
            match answered_at {
                Some(at) => field(&mut p, at),
                None => p.extend_from_slice(b"\\N"),
            }
            p.extend_from_slice(format!("\t{points}\t{max}\t{}\n", status.as_str()).as_bytes());
            p.len() >= CHUNK
        };
        if full {
            self.flush()?;
        }
        Ok(())
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
        self.push(
            attempt,
            position,
            question,
            response,
            Some(answered_at),
            points,
            max,
            status,
        )
    }

    /// Write many answers: `f` gets a writer whose `insert` takes `(attempt,
    /// position, question, response, answered_at, points, max, status)`.
    pub fn responses<T>(
        &self,
        f: impl FnOnce(
            &mut dyn FnMut(i64, usize, &str, &str, Option<&str>, f64, f64, Status) -> Result<()>,
        ) -> Result<T>,
    ) -> Result<T> {
        let mut insert = |a: i64,
                          pos: usize,
                          q: &str,
                          r: &str,
                          at: Option<&str>,
                          p: f64,
                          m: f64,
                          s: Status|
         -> Result<()> { self.push(a, pos, q, r, at, p, m, s) };
        let out = f(&mut insert)?;
        self.flush()?;
        Ok(out)
    }

    /// Send what is buffered, finish the attempts made, and commit.
    pub fn commit(self) -> Result<()> {
        self.flush()?;
        let made = self.made.borrow().clone();
        self.with(|tx| {
            tx.execute(
                "UPDATE attempts SET finished_at = started_at WHERE id = ANY($1)",
                &[&made],
            )
        })?;
        let tx = self.tx.borrow_mut().take();
        match tx {
            Some(tx) => tx.commit().map_err(query_error(&self.url)),
            None => Ok(()),
        }
    }
}
