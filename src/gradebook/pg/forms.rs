//! The record of every form given out, in PostgreSQL. Release numbers are
//! taken under a transaction-scoped advisory lock per unit, so two releases
//! at once get 1 and 2, never 1 twice.

use super::book::PgBook;
use crate::error::{Error, Result};
use crate::gradebook::{FormRecord, now};
use crate::model::Form;

/// Stores one form given out, inside a transaction.
pub(super) fn insert(
    tx: &mut postgres::Transaction<'_>,
    form: &Form,
    release_no: Option<u32>,
    origin: &str,
    at: &str,
    err: &impl Fn(postgres::Error) -> Error,
) -> Result<()> {
    let text = crate::yaml::to_string(form, &[])?;
    let release_no = release_no.map(i64::from);
    tx.execute(
        "INSERT INTO forms (form_id, student_id, unit, release_no, seed, bank_version, form, origin, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            &form.form_id,
            &form.student,
            &form.unit,
            &release_no,
            &form.seed.to_string(),
            &form.bank_version,
            &text,
            &origin,
            &at,
        ],
    )
    .map_err(err)?;
    Ok(())
}

impl PgBook {
    /// Release forms for `unit`: `make(release_no)` builds them, and they are
    /// stored in the same transaction. Returns the release number and the forms.
    pub fn release_forms(
        &mut self,
        unit: &str,
        make: impl FnOnce(u32) -> Result<Vec<Form>>,
    ) -> Result<(u32, Vec<Form>)> {
        let err = self.err();
        self.transaction(|tx| {
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('release' || chr(31) || $1, 0))",
                &[&unit],
            )
            .map_err(&err)?;
            let last: i64 = tx
                .query_one(
                    "SELECT COALESCE(MAX(release_no), 0) FROM forms WHERE unit = $1",
                    &[&unit],
                )
                .map_err(&err)?
                .get(0);
            let n = u32::try_from(last + 1).unwrap_or(u32::MAX);
            let forms = make(n)?;
            let at = now();
            for f in &forms {
                insert(tx, f, Some(n), "release", &at, &err)?;
            }
            Ok((n, forms))
        })
    }

    /// The form given out under `form_id`, if this gradebook gave it out.
    pub fn form_record(&self, form_id: &str) -> Result<Option<FormRecord>> {
        let rows = self.query(
            "SELECT form, release_no, origin, created_at FROM forms WHERE form_id = $1",
            &[&form_id],
        )?;
        let Some(r) = rows.first() else {
            return Ok(None);
        };
        let text: String = r.get(0);
        let form: Form =
            crate::yaml::parse("성적부 시험지", &text).map_err(|d| Error::Usage(d.to_string()))?;
        Ok(Some(FormRecord {
            form,
            release_no: r
                .get::<_, Option<i64>>(1)
                .and_then(|n| u32::try_from(n).ok()),
            origin: r.get(2),
            created_at: r.get(3),
        }))
    }
}
