//! `quiz list [UNIT]`: a table of units, their questions by kind and how many
//! wait for an instructor's signature.

use super::{Paths, report};
use crate::bank::{Bank, unit_matches};
use crate::error::{Error, Result};
use crate::model::Kind;
use std::io::Write;

/// Run `quiz list`.
pub fn run(paths: &Paths, unit: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let (bank, mut diags) = Bank::load(&paths.questions, &paths.rubrics)?;
    let (errors, _) = report(&mut diags);
    // A narrow terminal gets a narrower table: no source column.
    let wide = crate::table::terminal_width().is_none_or(|w| w >= 100);
    // On a narrow terminal: no source column, the kinds in one column.
    let mut header = vec!["단원", "제목", "출처", "문항", "검토 전"];
    if wide {
        header.extend(Kind::ALL.iter().map(|k| crate::runner::kind_label(*k)));
    } else {
        header.remove(2);
        header.push("유형별");
    }
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
            // Waiting for an instructor's signature (`quiz sign`): not served yet.
            match f.file.questions.iter().filter(|q| q.is_draft()).count() {
                0 => String::new(),
                n => n.to_string(),
            },
        ];
        let counts = Kind::ALL.map(|k| f.file.questions.iter().filter(|q| q.kind == k).count());
        if wide {
            for n in counts {
                row.push(if n == 0 { String::new() } else { n.to_string() });
            }
        } else {
            row.remove(2);
            let by_kind: Vec<String> = Kind::ALL
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| format!("{} {n}", crate::runner::kind_label(*k)))
                .collect();
            row.push(by_kind.join(", "));
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
                "{}에 `{u}`에 맞는 단원이 없습니다",
                crate::fsutil::display(&paths.questions)
            ),
            None => format!(
                "{}에 문항 파일이 없습니다; 먼저 `quiz extract`를 실행하세요",
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
