//! `quiz import --format gift FILE [--unit UNIT] [--out PATH]`: GIFT questions
//! into the bank as hand-written files (no `source`: extract never touches them).

use super::report;
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic};
use crate::lms::gift;
use crate::model::{Kind, Question, QuestionFile};
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

fn unit_like(s: &str) -> bool {
    let mut rest = match s.strip_prefix('w') {
        Some(r) => r,
        None => return false,
    };
    for tag in ['w', 'd', 's'] {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if tag == 'w' && digits == 0 {
            return false;
        }
        rest = &rest[digits..];
        if rest.is_empty() {
            return true;
        }
        if tag == 'w' {
            match rest.strip_prefix('d') {
                Some(r) => rest = r,
                None => return false,
            }
        } else if tag == 'd' {
            match rest.strip_prefix('s') {
                Some(r) => rest = r,
                None => return false,
            }
        }
    }
    false
}

/// Run `quiz import`.
pub fn run(
    questions: &Path,
    file: &Path,
    unit: Option<&str>,
    out_path: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    let (items, mut diags) = gift::import(&display(file), &text);
    let stem = file.file_stem().map_or_else(
        || "imported".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut by_unit: BTreeMap<String, Vec<Question>> = BTreeMap::new();
    let mut used: HashSet<String> = HashSet::new();
    for it in items {
        let u = unit
            .map(str::to_string)
            .or_else(|| {
                it.category
                    .as_deref()
                    .and_then(|c| c.rsplit('/').next())
                    .filter(|s| unit_like(s))
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "imported".to_string());
        let mut q = it.question;
        let valid = |n: &str| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        };
        q.id = match it.name.as_deref() {
            Some(n) if valid(n) && !used.contains(n) => n.to_string(),
            _ => {
                let h = crate::extract::hash_hex(&[
                    &u,
                    q.kind.as_str(),
                    &q.prompt,
                    it.name.as_deref().unwrap_or(""),
                ]);
                let mut len = 6;
                while used.contains(&format!("{u}-g{}", &h[..len])) {
                    len += 2;
                }
                format!("{u}-g{}", &h[..len])
            }
        };
        if let Some(n) = it.name.as_deref().filter(|n| *n != q.id) {
            q.tags.push(format!("gift:{n}"));
        }
        used.insert(q.id.clone());
        by_unit.entry(u).or_default().push(q);
    }
    let default = questions.join("imported").join(format!("{stem}.yaml"));
    let base: PathBuf = out_path.map_or(default, Path::to_path_buf);
    let single = by_unit.len() == 1;
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut written = Vec::new();
    for (u, qs) in by_unit {
        let target = if single {
            base.clone()
        } else {
            let s = base
                .file_stem()
                .map_or_else(|| stem.clone(), |s| s.to_string_lossy().into_owned());
            base.with_file_name(format!("{s}-{u}.yaml"))
        };
        if target.exists() {
            return Err(Error::Usage(format!(
                "{} exists; choose another --out (nothing was written)",
                display(&target)
            )));
        }
        for q in &qs {
            *counts.entry(q.kind).or_default() += 1;
        }
        let f = QuestionFile {
            unit: u,
            title: format!("Imported from {}", display(file)),
            source: None,
            questions: qs,
        };
        written.push((target, f));
    }
    for (target, f) in &written {
        let text = crate::yaml::to_string(
            f,
            &[
                "Imported from GIFT by `quiz import`: hand-written (no source), never touched by extract.",
            ],
        )?;
        write_atomic(target, text.as_bytes())?;
    }
    let (errors, warnings) = report(&mut diags);
    let mut t = crate::table::new(["", "count"]);
    for (k, n) in &counts {
        t.add_row(vec![k.to_string(), n.to_string()]);
    }
    t.add_row(vec![
        "imported".to_string(),
        counts.values().sum::<usize>().to_string(),
    ]);
    t.add_row(vec!["skipped".to_string(), errors.to_string()]);
    t.add_row(vec!["warnings".to_string(), warnings.to_string()]);
    let files: Vec<String> = written.iter().map(|(p, _)| display(p)).collect();
    writeln!(out, "{t}\n{}", files.join("\n")).map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
