//! The record of every form given out: released forms (`quiz release`) and the
//! forms `quiz take` assembles in the terminal.
//!
//! A form id maps to one student, unit, seed, question list (with display
//! orders) and, for released forms, the random token of every option, item
//! and column entry. Submissions are graded against this record only; a form
//! id it does not hold was never released by this gradebook.

use super::{Sqlite, db_error};
use crate::error::{Error, Result};
use crate::model::Form;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

/// One recorded form.
#[derive(Debug, Clone)]
pub struct FormRecord {
    /// The form (id, student, unit, seed, bank version, questions with their
    /// display orders and tokens).
    pub form: Form,
    /// Release number of the unit (1, 2, ...); None for a terminal form.
    pub release_no: Option<u32>,
    /// `release` or `take`.
    pub origin: String,
    /// When it was made (UTC, RFC 3339).
    pub created_at: String,
}

/// Record one form inside the caller's transaction.
pub(super) fn insert(
    tx: &rusqlite::Transaction<'_>,
    form: &Form,
    release_no: Option<u32>,
    origin: &str,
    at: &str,
) -> rusqlite::Result<()> {
    let text = crate::yaml::to_string(form, &[]).map_err(|e| {
        rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(e.to_string())))
    })?;
    tx.execute(
        "INSERT INTO forms (form_id, student_id, unit, release_no, seed, bank_version, form, origin, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            form.form_id,
            form.student,
            form.unit,
            release_no,
            form.seed.to_string(),
            form.bank_version,
            text,
            origin,
            at
        ],
    )?;
    Ok(())
}

impl Sqlite {
    /// Record a new release of `unit` in one transaction: the release number is
    /// the unit's last plus one, and `make(release_no)` builds its forms (form
    /// ids must be new). Nothing is recorded when `make` fails. Returns the
    /// release number and the forms.
    pub fn release_forms(
        &mut self,
        unit: &str,
        make: impl FnOnce(u32) -> Result<Vec<Form>>,
    ) -> Result<(u32, Vec<Form>)> {
        let db = db_error(&self.path);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let last: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(release_no), 0) FROM forms WHERE unit = ?1",
                [unit],
                |r| r.get(0),
            )
            .map_err(&db)?;
        let n = u32::try_from(last + 1).unwrap_or(u32::MAX);
        let forms = make(n)?;
        let at = crate::gradebook::now();
        for f in &forms {
            insert(&tx, f, Some(n), "release", &at).map_err(&db)?;
        }
        tx.commit().map_err(&db)?;
        Ok((n, forms))
    }

    /// The recorded form with this id, if this gradebook gave it out.
    pub fn form_record(&self, form_id: &str) -> Result<Option<FormRecord>> {
        let row = self
            .conn
            .query_row(
                "SELECT form, release_no, origin, created_at FROM forms WHERE form_id = ?1",
                [form_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.db_err(e))?;
        let Some((text, release_no, origin, created_at)) = row else {
            return Ok(None);
        };
        let form: Form =
            crate::yaml::parse("성적부 시험지", &text).map_err(|d| Error::Usage(d.to_string()))?;
        Ok(Some(FormRecord {
            form,
            release_no: release_no.and_then(|n| u32::try_from(n).ok()),
            origin,
            created_at,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FormItem, Mode};
    use std::collections::BTreeMap;

    fn form(id: &str) -> Form {
        Form {
            form_id: id.into(),
            unit: "w5".into(),
            student: "s1".into(),
            seed: 9,
            bank_version: "v".into(),
            items: vec![FormItem {
                question: "q1".into(),
                options: vec!["b".into(), "a".into()],
                items: vec![],
                left: vec![],
                right: vec![],
                review: false,
                tokens: BTreeMap::from([("a".into(), "0f0f0f".into())]),
            }],
        }
    }

    #[test]
    fn every_form_given_out_is_recorded_and_releases_count_up() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let mut g = Sqlite::open(&dir.path().join("g.db"))?;
        let (n, _) = g.release_forms("w5", |n| Ok(vec![form(&format!("s1-w5-r{n}"))]))?;
        assert_eq!(n, 1);
        let (n, _) = g.release_forms("w5", |n| Ok(vec![form(&format!("s1-w5-r{n}"))]))?;
        assert_eq!(n, 2);
        let rec = g
            .form_record("s1-w5-r1")?
            .ok_or(Error::Usage("no".into()))?;
        assert_eq!(rec.form, form("s1-w5-r1"));
        assert_eq!(rec.release_no, Some(1));
        // A failed release records nothing.
        let failed = g.release_forms("w5", |_| Err(Error::Usage("stop".into())));
        assert!(failed.is_err());
        assert_eq!(g.release_forms("w5", |_| Ok(vec![]))?.0, 3);
        // Terminal forms too.
        let a = g.start_attempt("s2", "w5", Mode::Exam, |n| Form {
            form_id: format!("s2-w5-{n}"),
            student: "s2".into(),
            ..form("x")
        })?;
        let rec = g
            .form_record(&a.form.form_id)?
            .ok_or(Error::Usage("no".into()))?;
        assert_eq!(rec.origin, "take");
        assert_eq!(rec.form.student, "s2");
        assert!(g.form_record("s9-w5-r1")?.is_none());
        Ok(())
    }
}
