//! `quiz list [UNIT]`: a table of units and their questions by kind.

use super::{Paths, report};
use crate::bank::{Bank, unit_matches};
use crate::error::{Error, Result};
use crate::model::Kind;
use std::io::Write;

/// Run `quiz list`.
pub fn run(paths: &Paths, unit: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let (bank, mut diags) = Bank::load(&paths.questions, &paths.rubrics)?;
    let (errors, _) = report(&mut diags);
    let mut header = vec!["unit", "title", "source", "total"];
    header.extend(Kind::ALL.iter().map(|k| k.as_str()));
    let mut t = crate::table::new(header);
    let mut files: Vec<_> = bank
        .files
        .iter()
        .filter(|f| unit.is_none_or(|u| unit_matches(&f.file.unit, u)))
        .collect();
    files.sort_by(|a, b| (unit_key(&a.file.unit), &a.path).cmp(&(unit_key(&b.file.unit), &b.path)));
    for f in &files {
        let mut row = vec![
            f.file.unit.clone(),
            f.file.title.clone(),
            f.file.source.clone().unwrap_or_else(|| f.path.clone()),
            f.file.questions.len().to_string(),
        ];
        for k in Kind::ALL {
            let n = f.file.questions.iter().filter(|q| q.kind == k).count();
            row.push(if n == 0 { String::new() } else { n.to_string() });
        }
        t.add_row(
            row.iter()
                .map(|c| crate::printable::cell(c))
                .collect::<Vec<_>>(),
        );
    }
    if files.is_empty() {
        return Err(Error::Usage(match unit {
            Some(u) => format!(
                "no unit matches `{u}` in {}",
                crate::fsutil::display(&paths.questions)
            ),
            None => format!(
                "no question files in {}; run `quiz extract` first",
                crate::fsutil::display(&paths.questions)
            ),
        }));
    }
    writeln!(out, "{t}").map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}

/// Sort key for unit ids: numbers compared as numbers (`w3d5s8` < `w3d5s10`).
pub fn unit_key(unit: &str) -> Vec<(char, u32)> {
    let mut out = Vec::new();
    let mut chars = unit.chars().peekable();
    while let Some(c) = chars.next() {
        let mut n = String::new();
        while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            n.push(*d);
            chars.next();
        }
        out.push((c, n.parse().unwrap_or(0)));
    }
    out
}
