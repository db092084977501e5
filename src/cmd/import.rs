//! `quiz import --format gift FILE [--unit UNIT] [--out PATH]`: GIFT questions
//! into the bank as hand-written files (no `source`: extract never touches them).
//!
//! Ids are unique against the whole bank: a GIFT name that is a free, valid id
//! is kept; any other question gets `<unit>-g<hash>` and keeps its name as the
//! tag `gift:<name>`. A bank file holds one unit, so `--out FILE` takes a file
//! of one unit; a file of several units goes to a folder (`--out DIR/`, or by
//! default `questions/imported/`), one `<stem>-<unit>.yaml` per unit.

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

/// Every question id already in the bank, with the file that holds it.
fn bank_ids(questions: &Path, rubrics: &Path) -> Result<BTreeMap<String, String>> {
    let (bank, _) = crate::bank::Bank::load(questions, rubrics)?;
    Ok(bank
        .questions()
        .map(|(f, q)| (q.id.clone(), f.path.clone()))
        .collect())
}

/// Run `quiz import`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    file: &Path,
    unit: Option<&str>,
    out_path: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    // Notepad saves "ANSI" (CP949) or "유니코드" (UTF-16) as well as UTF-8.
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let (text, encoding) = crate::csvfile::decode(file, bytes)?;
    if encoding.is_notable() {
        writeln!(out, "{}: {}로 읽었습니다", display(file), encoding.name())
            .map_err(|e| Error::io("stdout", e))?;
    }
    let (items, mut diags) = gift::import(&display(file), &text);
    let stem = file.file_stem().map_or_else(
        || "imported".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut by_unit: BTreeMap<String, Vec<Question>> = BTreeMap::new();
    let in_bank = bank_ids(questions, rubrics)?;
    let mut used: HashSet<String> = in_bank.keys().cloned().collect();
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
            other => {
                if let Some(path) = other.and_then(|n| in_bank.get(n)) {
                    diags.push(crate::error::Diagnostic::warning(
                        display(file),
                        it.line,
                        1,
                        format!(
                            "id `{}`이(가) 이미 문제은행에 있습니다 ({path}): 새 id로 가져오고 이름은 태그 `gift:{}`로 남겼습니다",
                            other.unwrap_or_default(),
                            other.unwrap_or_default()
                        ),
                    ));
                }
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
    // `--out` is a folder when it is one or ends with `/`; else one file.
    let dir: Option<PathBuf> = match out_path {
        None => Some(questions.join("imported")),
        Some(p) if p.is_dir() || p.to_string_lossy().ends_with(['/', '\\']) => {
            Some(p.to_path_buf())
        }
        Some(_) => None,
    };
    if let (None, Some(p)) = (&dir, out_path)
        && by_unit.len() > 1
    {
        let units: Vec<&str> = by_unit.keys().map(String::as_str).collect();
        return Err(Error::Usage(format!(
            "{}에 {}개 단원({})의 문항이 있지만 --out {}은(는) 한 단원만 담는 파일입니다: --unit으로 한 단원에 모으거나 --out에 폴더를 주세요(예: --out {}/). 아무것도 쓰지 않았습니다",
            display(file),
            units.len(),
            units.join(", "),
            display(p),
            display(&p.with_extension(""))
        )));
    }
    let single = by_unit.len() == 1;
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut written = Vec::new();
    for (u, qs) in by_unit {
        let target = match (&dir, out_path) {
            (Some(d), _) if single => d.join(format!("{stem}.yaml")),
            (Some(d), _) => d.join(format!("{stem}-{u}.yaml")),
            (None, Some(p)) => p.to_path_buf(),
            (None, None) => questions.join("imported").join(format!("{stem}.yaml")),
        };
        if target.exists() {
            return Err(Error::Usage(format!(
                "{}이(가) 이미 있습니다: 다른 --out을 주세요 (아무것도 쓰지 않았습니다)",
                display(&target)
            )));
        }
        for q in &qs {
            *counts.entry(q.kind).or_default() += 1;
        }
        let f = QuestionFile {
            unit: u,
            title: format!("{}에서 가져옴", display(file)),
            source: None,
            questions: qs,
        };
        written.push((target, f));
    }
    for (target, f) in &written {
        let text = crate::yaml::to_string(
            f,
            &[
                "`quiz import`로 GIFT에서 가져온 파일: 손으로 쓴 파일(source 없음)이라 extract가 건드리지 않습니다.",
            ],
        )?;
        write_atomic(target, text.as_bytes())?;
    }
    let (errors, warnings) = report(&mut diags);
    let mut t = crate::table::new(["", "문항 수"]);
    for (k, n) in &counts {
        t.add_row(vec![
            crate::runner::kind_label(*k).to_string(),
            n.to_string(),
        ]);
    }
    t.add_row(vec![
        "가져옴".to_string(),
        counts.values().sum::<usize>().to_string(),
    ]);
    t.add_row(vec!["건너뜀".to_string(), errors.to_string()]);
    t.add_row(vec!["경고".to_string(), warnings.to_string()]);
    let files: Vec<String> = written.iter().map(|(p, _)| display(p)).collect();
    writeln!(out, "{t}\n{}", files.join("\n")).map_err(|e| Error::io("stdout", e))?;
    // GIFT has no criteria: say so rather than let the questions count silently
    // toward nothing (`quiz check` warns about each).
    let no_criterion = written
        .iter()
        .flat_map(|(_, f)| &f.questions)
        .filter(|q| q.criteria.is_empty())
        .count();
    if no_criterion > 0 {
        writeln!(
            out,
            "가져온 문항 {no_criterion}개는 어느 평가 기준에도 들어가지 않습니다 (criteria: []): 주간 루브릭의 기준 id를 criteria에 적으세요"
        )
        .map_err(|e| Error::io("stdout", e))?;
    }
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
