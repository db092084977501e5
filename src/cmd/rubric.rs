//! Manual scoring in a spreadsheet: `quiz rubric sheet` writes a CSV (UTF-8 BOM,
//! CRLF) with one row per student and one column per checklist item and per
//! essay awaiting review, the allowed values in the header; `quiz rubric import`
//! reads it back as Excel or Google Sheets save it, validates every cell,
//! reports bad cells by row and column, imports the valid ones and records who
//! and when.

use super::report;
use crate::bank::Bank;
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil::{display, write_atomic};
use crate::grade::Index;
use crate::gradebook::{ChecklistScore, Gradebook, Row, now};
use crate::runner::fmt_points;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// The latest non-manual essay answer per (student, question) of a week awaiting review.
fn pending<'a>(
    rows: &'a [Row],
    index: &Index<'_>,
    week: u32,
) -> BTreeMap<(String, String), &'a Row> {
    let mut m: BTreeMap<(String, String), &Row> = BTreeMap::new();
    for r in rows {
        if r.status.as_deref() != Some("needs-review") {
            continue;
        }
        if index
            .get(&r.question_id)
            .is_none_or(|(_, w, _)| *w != Some(week))
        {
            continue;
        }
        let e = m
            .entry((r.student.clone(), r.question_id.clone()))
            .or_insert(r);
        if r.answered_at >= e.answered_at {
            *e = r;
        }
    }
    m
}

/// Write the rubric sheet of `week`.
pub fn sheet(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    week: u32,
    out_file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    report(&mut diags);
    let rubric = &bank
        .rubrics
        .get(&week)
        .ok_or_else(|| Error::Usage(format!("no rubric for week {week} in {}", display(rubrics))))?
        .rubric;
    let index = Index::new(&bank);
    let gb = Gradebook::open_read_only(db)?;
    let rows = gb.rows()?;
    let pend = pending(&rows, &index, week);
    let essays: BTreeSet<&String> = pend.keys().map(|(_, q)| q).collect();
    let scored: BTreeMap<(String, String), String> = gb
        .checklist(week)?
        .into_iter()
        .map(|c| ((c.student, c.item), c.level))
        .collect();
    let mut students: Vec<(String, String)> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    for (s, _) in pend.keys() {
        if !students.iter().any(|(i, _)| i == s) {
            students.push((s.clone(), String::new()));
        }
    }
    let mut buf = Vec::from(&b"\xef\xbb\xbf"[..]);
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let mut header = vec!["학번".to_string(), "이름".to_string()];
        for item in &rubric.checklist {
            let levels: Vec<&str> = item.levels.iter().map(|l| l.name.as_str()).collect();
            header.push(format!("{} {} [{}]", item.id, item.text, levels.join("/")));
        }
        for q in &essays {
            let max = index.get(q).map_or(0.0, |(q, ..)| q.points);
            header.push(format!("{q} 서술형 [0-{}]", fmt_points(max)));
        }
        w.write_record(&header)
            .map_err(|e| Error::Usage(e.to_string()))?;
        for (id, name) in &students {
            let mut row = vec![id.clone(), name.clone()];
            for item in &rubric.checklist {
                row.push(
                    scored
                        .get(&(id.clone(), item.id.clone()))
                        .cloned()
                        .unwrap_or_default(),
                );
            }
            for q in &essays {
                row.push(
                    pend.get(&(id.clone(), (*q).clone()))
                        .and_then(|r| r.points)
                        .map(fmt_points)
                        .unwrap_or_default(),
                );
            }
            w.write_record(&row)
                .map_err(|e| Error::Usage(e.to_string()))?;
        }
        w.flush().map_err(|e| Error::io("sheet", e))?;
    }
    let target = out_file.map_or_else(
        || Path::new(&format!("rubric_week_{week:02}.csv")).to_path_buf(),
        Path::to_path_buf,
    );
    write_atomic(&target, &buf)?;
    writeln!(
        out,
        "{}: 학생 {}명, 체크리스트 {}항목, 검토할 서술형 {}문항",
        display(&target),
        students.len(),
        rubric.checklist.len(),
        essays.len()
    )
    .map_err(|e| Error::io("stdout", e))
}

/// The level of a checklist item named by `cell`: its name, or its points.
pub fn checklist_level<'a>(
    item: &'a crate::model::ChecklistItem,
    cell: &str,
) -> Option<&'a crate::model::Level> {
    item.levels.iter().find(|l| l.name == cell).or_else(|| {
        cell.parse::<f64>()
            .ok()
            .and_then(|p| item.levels.iter().find(|l| (l.points - p).abs() < 1e-9))
    })
}

/// Import a filled rubric sheet.
pub fn import(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    file: &Path,
    by: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    let index = Index::new(&bank);
    let shown = display(file);
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage(format!("{shown}: not UTF-8; save as CSV UTF-8")))?;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Usage(format!("{shown}: {e}")))?
        .clone();
    let mut gb = Gradebook::open(db)?;
    let rows = gb.rows()?;
    // Columns: checklist items (by id) of some week, or essays (question ids).
    enum Col<'a> {
        Item(u32, &'a crate::model::ChecklistItem),
        Essay(String, f64, u32),
        Other,
    }
    let cols: Vec<Col<'_>> = headers
        .iter()
        .map(|h| {
            let id = h.split_whitespace().next().unwrap_or("");
            for r in bank.rubrics.values() {
                if let Some(item) = r.rubric.checklist.iter().find(|i| i.id == id) {
                    return Col::Item(r.rubric.week, item);
                }
            }
            match index.get(id) {
                Some((q, Some(w), _)) if q.kind == crate::model::Kind::Essay => {
                    Col::Essay(id.to_string(), q.points, *w)
                }
                _ => Col::Other,
            }
        })
        .collect();
    let known: BTreeSet<String> = gb.students()?.into_iter().map(|s| s.id).collect();
    let at = now();
    let mut checklist = Vec::new();
    let mut essays = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::error(
                    &shown,
                    e.position().map_or(0, |p| p.line() as usize),
                    0,
                    format!("unreadable row: {e}"),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let student = rec.get(0).unwrap_or("").trim().to_string();
        if student.is_empty() {
            continue;
        }
        if !known.is_empty() && !known.contains(&student) {
            diags.push(Diagnostic::error(
                &shown,
                line,
                1,
                format!("unknown student `{student}`; row skipped"),
            ));
            continue;
        }
        for (ci, col) in cols.iter().enumerate() {
            let cell = rec.get(ci).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            match col {
                Col::Item(week, item) => {
                    let level = checklist_level(item, cell);
                    match level {
                        Some(l) => checklist.push(ChecklistScore {
                            student: student.clone(),
                            week: *week,
                            item: item.id.clone(),
                            level: l.name.clone(),
                            points: l.points,
                            by: by.to_string(),
                            at: at.clone(),
                        }),
                        None => diags.push(Diagnostic::error(
                            &shown,
                            line,
                            ci + 1,
                            format!(
                                "`{cell}` is not a level of {} ({})",
                                item.id,
                                item.levels
                                    .iter()
                                    .map(|l| l.name.as_str())
                                    .collect::<Vec<_>>()
                                    .join("/")
                            ),
                        )),
                    }
                }
                Col::Essay(qid, max, week) => {
                    let points = cell
                        .parse::<f64>()
                        .ok()
                        .filter(|p| (0.0..=*max).contains(p));
                    let answer = pending(&rows, &index, *week)
                        .get(&(student.clone(), qid.clone()))
                        .map(|r| (r.attempt_id, r.position));
                    match (points, answer) {
                        (Some(p), Some((a, pos))) => essays.push((a, pos, p)),
                        (None, _) => diags.push(Diagnostic::error(
                            &shown,
                            line,
                            ci + 1,
                            format!("`{cell}` is not a score from 0 to {}", fmt_points(*max)),
                        )),
                        (_, None) => diags.push(Diagnostic::error(
                            &shown,
                            line,
                            ci + 1,
                            format!("`{student}` has no answer of `{qid}` awaiting review"),
                        )),
                    }
                }
                Col::Other => {}
            }
        }
    }
    gb.set_checklist(&checklist)?;
    for (a, pos, p) in &essays {
        gb.set_manual(*a, *pos, *p, None, by)?;
    }
    let (errors, _) = report(&mut diags);
    writeln!(
        out,
        "체크리스트 {}칸, 서술형 {}칸을 가져왔습니다 ({by}, {at}); 잘못된 칸 {errors}개.",
        checklist.len(),
        essays.len()
    )
    .map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
