//! `quiz roster import FILE.csv` and `quiz roster list`.

use super::report;
use crate::error::{Error, Result};
use crate::fsutil::display;
use crate::gradebook::Gradebook;
use crate::printable::cell;
use std::io::Write;
use std::path::Path;

/// Import a roster CSV into the gradebook: valid rows are added or updated in one
/// transaction; bad rows are reported by line and refused (exit 1).
pub fn import(db: &Path, file: &Path, out: &mut dyn Write) -> Result<()> {
    let (mut students, mut diags, encoding) = crate::roster::read(file)?;
    let mut gb = Gradebook::open(db)?;
    // A file without an email (no column, or an empty cell) keeps the one
    // stored: a class list of 학번 and 이름 from the school's system erased
    // every email (trial of 2026-12-01).
    let stored: std::collections::HashMap<String, String> = gb
        .students()?
        .into_iter()
        .filter_map(|s| s.email.map(|e| (s.id, e)))
        .collect();
    for s in &mut students {
        if s.email.as_deref().is_none_or(|e| e.trim().is_empty()) {
            s.email = stored.get(&s.id).cloned();
        }
    }
    let (added, updated) = gb.upsert_students(&students)?;
    let (errors, _) = report(&mut diags);
    if encoding.is_notable() {
        writeln!(out, "{}: {}로 읽었습니다", display(file), encoding.name())
            .map_err(|e| Error::io("stdout", e))?;
    }
    writeln!(
        out,
        "학생 {added}명 추가, {updated}명 갱신, {errors}행 거부 ({})",
        display(db)
    )
    .map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}

/// List the roster.
pub fn list(db: &Path, out: &mut dyn Write) -> Result<()> {
    let gb = Gradebook::open_read_only(db)?;
    let mut t = crate::table::new(["학번", "이름", "이메일"]);
    let students = gb.students()?;
    for s in &students {
        t.add_row(vec![
            cell(&s.id),
            cell(&s.name),
            cell(s.email.as_deref().unwrap_or_default()),
        ]);
    }
    writeln!(out, "{t}\n{}명", students.len()).map_err(|e| Error::io("stdout", e))
}
