//! `quiz export --format gift|moodle-xml [UNIT] [--out FILE]`.

use super::report;
use crate::bank::{Bank, unit_matches, week_of};
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic};
use crate::lms::{gift, moodle_xml};
use crate::model::{Question, ScoringRules};
use std::io::Write;
use std::path::Path;

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Moodle GIFT.
    Gift,
    /// Moodle XML.
    MoodleXml,
}

/// Run `quiz export`. Questions a format cannot express are listed on stderr
/// with their ids and skipped (exit 1).
pub fn run(
    questions: &Path,
    rubrics: &Path,
    format: Format,
    unit: Option<&str>,
    out_file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = match unit {
        Some(u) => Bank::load_unit(questions, rubrics, u)?,
        None => Bank::load(questions, rubrics)?,
    };
    // Only questions `check` accepts are ever exported.
    let served = crate::check::servable(&bank, &mut diags);
    let (errors, _) = report(&mut diags);
    let default_rules = ScoringRules::default();
    let mut units: Vec<(String, Vec<(&Question, &ScoringRules)>)> = Vec::new();
    for (f, q) in served {
        if unit.is_some_and(|u| !unit_matches(&f.file.unit, u)) {
            continue;
        }
        let rule = week_of(&f.file.unit)
            .and_then(|w| bank.rubrics.get(&w))
            .map_or(&default_rules, |r| &r.rubric.scoring);
        match units.iter_mut().find(|(u, _)| *u == f.file.unit) {
            Some((_, v)) => v.push((q, rule)),
            None => units.push((f.file.unit.clone(), vec![(q, rule)])),
        }
    }
    let drafts = crate::check::drafts(&bank, unit);
    if units.is_empty() && drafts > 0 {
        return Err(Error::Usage(crate::check::all_drafts(unit, drafts)));
    }
    if drafts > 0 {
        // On stderr: stdout may be the exported file.
        eprintln!(
            "quiz: 검토 전(status: draft) 문항 {drafts}개는 내보내지 않았습니다. 읽고 승인하려면: quiz sign"
        );
    }
    if units.is_empty() {
        return Err(Error::Usage(format!(
            "{}{}에 문항이 없습니다",
            unit.map(|u| format!("`{u}` 단원: ")).unwrap_or_default(),
            display(questions)
        )));
    }
    let doc = match format {
        Format::Gift => gift::document(&units),
        Format::MoodleXml => moodle_xml::document(&units),
    };
    let (text, skipped) = (doc.text, doc.skipped);
    for (id, why) in &skipped {
        eprintln!("quiz export: `{id}` 건너뜀: {why}");
    }
    for (id, note) in &doc.notes {
        eprintln!("quiz export: 참고: `{id}`: {note}");
    }
    match out_file {
        Some(p) => {
            write_atomic(p, text.as_bytes())?;
            let n: usize = units.iter().map(|(_, q)| q.len()).sum::<usize>() - skipped.len();
            let hidden = bank
                .questions()
                .filter(|(f, q)| {
                    q.is_hidden() && unit.is_none_or(|u| unit_matches(&f.file.unit, u))
                })
                .count();
            writeln!(
                out,
                "{n}개 문항을 {}에 내보냈습니다 (내보낼 수 없어 건너뜀 {}, 검토 전 {drafts}, 숨김 {hidden}).",
                display(p),
                skipped.len()
            )
            .map_err(|e| Error::io("stdout", e))?;
        }
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| Error::io("stdout", e))?,
    }
    if !skipped.is_empty() || errors > 0 {
        return Err(Error::Problems {
            count: skipped.len() + errors,
        });
    }
    Ok(())
}
