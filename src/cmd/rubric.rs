//! Manual scoring in a spreadsheet: `quiz rubric sheet` writes a CSV (the one
//! writer of [`crate::csvfile`]) or an xlsx ([`crate::xlsxfile`]: 학번 as text,
//! level drop-downs) with one row per roster student and one column per
//! checklist item and per essay awaiting review, the allowed values in the
//! header; `quiz rubric import` reads either back as Excel, LibreOffice or
//! Google Sheets save it (any encoding csvfile reads), validates every cell,
//! reports bad cells by row and column, imports the valid ones and records who
//! and when.

use super::report;
use crate::bank::Bank;
use crate::csvfile::unneutralize;
use crate::error::{Diagnostic, Error, Result};
use crate::fsutil::display;
use crate::grade::Index;
use crate::gradebook::{ChecklistScore, Gradebook, Row, now};
use crate::runner::fmt_points;
use crate::xlsxfile::Column;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// The essay answers of a week awaiting review that COUNT, per (student,
/// question): the answer the week total takes (`grade::totals::counted`,
/// the student's first), when it still waits. A later answer to the same
/// essay counts for nothing, so scoring it would change nothing (trial of
/// 2026-12-01: the sheet's score went onto the later answer and the one that
/// counts kept waiting).
fn pending<'a>(
    rows: &'a [Row],
    index: &Index<'_>,
    week: u32,
) -> BTreeMap<(String, String), &'a Row> {
    let lookup = |id: &str| index.with_week(id);
    let (first, _) = crate::grade::totals::counted(week, rows, &lookup);
    first
        .into_iter()
        .filter(|(_, r)| r.status.as_deref() == Some("needs-review"))
        .map(|((s, q), r)| ((s.to_string(), q.to_string()), r))
        .collect()
}

/// Write the rubric sheet of `week`.
pub fn sheet(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    week: u32,
    out_file: Option<&Path>,
    xlsx: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    let (errors, _) = report(&mut diags);
    let Some(r) = bank.rubrics.get(&week) else {
        return Err(super::no_week_rubric(rubrics, week, errors, out));
    };
    let rubric = &r.rubric;
    let index = Index::new(&bank);
    let gb = Gradebook::open_read_only(db)?;
    let rows = gb.rows()?;
    let pend = pending(&rows, &index, week);
    let scored: BTreeMap<(String, String), String> = gb
        .checklist(week)?
        .into_iter()
        .map(|c| ((c.student, c.item), c.level))
        .collect();
    // With a roster, only its students: a row for anyone else could not be
    // imported back. Without one, whoever has an essay awaiting review.
    let mut students: Vec<(String, String)> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    let on_roster = !students.is_empty();
    let mut left_out = BTreeSet::new();
    for (s, _) in pend.keys() {
        if !students.iter().any(|(i, _)| i == s) {
            if on_roster {
                left_out.insert(s.clone());
            } else {
                students.push((s.clone(), String::new()));
            }
        }
    }
    let essays: BTreeSet<&String> = pend
        .keys()
        .filter(|(s, _)| !left_out.contains(s))
        .map(|(_, q)| q)
        .collect();
    let mut columns = vec![
        Column {
            header: "학번".to_string(),
            choices: Vec::new(),
            numeric: false,
        },
        Column {
            header: "이름".to_string(),
            choices: Vec::new(),
            numeric: false,
        },
    ];
    for item in &rubric.checklist {
        let levels: Vec<String> = item.levels.iter().map(|l| l.name.clone()).collect();
        columns.push(Column {
            header: format!("{} {} [{}]", item.id, item.text, levels.join("/")),
            choices: levels,
            numeric: false,
        });
    }
    for q in &essays {
        let max = index.get(q).map_or(0.0, |(q, ..)| q.points);
        columns.push(Column {
            header: format!("{q} 서술형 [0-{}]", fmt_points(max)),
            choices: Vec::new(),
            numeric: true,
        });
    }
    // When the sheet was made, in a header of its own (a column left empty,
    // kept by any spreadsheet whatever is sorted): `rubric import` then
    // never writes a cell over a level saved since (see `import`).
    columns.push(Column {
        header: format!("{STAMP} {} (지우지 마세요)", now()),
        choices: Vec::new(),
        numeric: false,
    });
    let rows: Vec<Vec<String>> = students
        .iter()
        .map(|(id, name)| {
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
                // The keyword rubric's suggestion, which a cell left as it
                // is accepts (Enter in `quiz review`). An essay without a
                // rubric has none: its cell stays empty until scored.
                let suggests = index.get(q).is_some_and(|(q, ..)| !q.rubric.is_empty());
                row.push(
                    pend.get(&(id.clone(), (*q).clone()))
                        .filter(|_| suggests)
                        .and_then(|r| r.points)
                        .map(fmt_points)
                        .unwrap_or_default(),
                );
            }
            row.push(String::new());
            row
        })
        .collect();
    let buf = if xlsx {
        crate::xlsxfile::fill_in(&format!("{week}주차"), &columns, &rows)?
    } else {
        let mut w = crate::csvfile::Writer::new(true);
        w.text_row(columns.iter().map(|c| c.header.as_str()))?;
        for row in &rows {
            for (cell, col) in row.iter().zip(&columns) {
                if col.numeric {
                    w.number(cell)?;
                } else {
                    w.text(cell)?;
                }
            }
            w.end_row()?;
        }
        w.finish()?
    };
    let ext = if xlsx { "xlsx" } else { "csv" };
    // A name that says the other format would open as garbage (an xlsx
    // named .csv; trial of 2026-12-01).
    if let Some(f) = out_file
        && let Some(named) = f.extension().and_then(|e| e.to_str())
        && ["csv", "xlsx"].contains(&named.to_ascii_lowercase().as_str())
        && !named.eq_ignore_ascii_case(ext)
    {
        return Err(Error::Usage(format!(
            "--out {}은(는) .{named} 이름인데 --format {ext}입니다: 이름이나 --format을 맞추세요 (아무것도 쓰지 않았습니다)",
            display(f)
        )));
    }
    // Nothing to fill: no sheet (trial of 2026-12-01: one of 학번 and 이름
    // only, exit 0).
    if rubric.checklist.is_empty() && essays.is_empty() {
        writeln!(
            out,
            "{week}주차에는 채울 칸이 없습니다: 체크리스트 항목도 검토를 기다리는 서술형도 없습니다 (아무것도 쓰지 않았습니다)."
        )
        .map_err(|e| Error::io("stdout", e))?;
        return Err(Error::Problems { count: 1 });
    }
    let target = out_file.map_or_else(
        || Path::new(&format!("rubric_week_{week:02}.{ext}")).to_path_buf(),
        Path::to_path_buf,
    );
    // Never over a sheet that may hold an instructor's scores not imported yet.
    crate::fsutil::write_new(&target, &buf)?;
    if !left_out.is_empty() {
        writeln!(
            out,
            "명단에 없는 학생 {}명의 서술형은 넣지 않았습니다 ({}); 먼저 quiz roster import로 명단에 추가하세요.",
            left_out.len(),
            left_out.into_iter().collect::<Vec<_>>().join(", ")
        )
        .map_err(|e| Error::io("stdout", e))?;
    }
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

/// The header that dates a rubric sheet: `기준 시각 <RFC 3339> (지우지 마세요)`.
const STAMP: &str = "기준 시각";

/// The time a sheet was made, from its stamp header (None: no stamp, a
/// sheet made by hand or by an older version).
fn sheet_made_at(headers: &[String]) -> Option<String> {
    headers.iter().find_map(|h| {
        let rest = h.trim().strip_prefix(STAMP)?.trim();
        let t = rest.split_whitespace().next()?;
        chrono::DateTime::parse_from_rfc3339(t).ok().map(|d| {
            d.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
    })
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
    // A header naming a checklist item or an essay of the bank (any case).
    let score_ids: BTreeSet<String> = bank
        .rubrics
        .values()
        .flat_map(|r| r.rubric.checklist.iter().map(|i| i.id.to_lowercase()))
        .chain(
            bank.questions()
                .filter(|(_, q)| q.kind == crate::model::Kind::Essay)
                .map(|(_, q)| q.id.to_lowercase()),
        )
        .collect();
    let is_score_column = |h: &str| {
        h.split_whitespace()
            .next()
            .is_some_and(|w| score_ids.contains(&w.to_lowercase()))
    };
    let ReadSheet {
        header_line,
        header: headers,
        rows: records,
    } = read_sheet(file, &is_score_column, &mut diags, out)?;
    let mut gb = Gradebook::open_existing(db)?;
    let rows = gb.rows()?;
    // Columns by their headers, wherever they stand: 학번, 이름, checklist
    // items (by id) of some week, essays (question ids). An id is matched
    // whatever its case (`W5K2` is w5k2).
    enum Col<'a> {
        Id,
        Name,
        Item(u32, &'a crate::model::ChecklistItem),
        Essay(String, f64, u32),
        /// A score column seen before (refused once, at the header).
        Duplicate,
        Other,
    }
    let essay_ids: BTreeMap<String, &str> = bank
        .questions()
        .filter(|(_, q)| q.kind == crate::model::Kind::Essay)
        .map(|(_, q)| (q.id.to_lowercase(), q.id.as_str()))
        .collect();
    let cols: Vec<Col<'_>> = headers
        .iter()
        .map(|h| {
            if is_id_header(h) {
                return Col::Id;
            }
            if is_name_header(h) {
                return Col::Name;
            }
            let id = h.split_whitespace().next().unwrap_or("");
            for r in bank.rubrics.values() {
                if let Some(item) = r
                    .rubric
                    .checklist
                    .iter()
                    .find(|i| i.id.eq_ignore_ascii_case(id))
                {
                    return Col::Item(r.rubric.week, item);
                }
            }
            let id = essay_ids.get(&id.to_lowercase()).copied().unwrap_or(id);
            match index.get(id) {
                Some((q, Some(w), _)) if q.kind == crate::model::Kind::Essay => {
                    Col::Essay(id.to_string(), q.points, *w)
                }
                _ => Col::Other,
            }
        })
        .collect();
    // A score column twice (a column copied beside itself): the second is
    // refused, never written over the first without a word.
    let mut first_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut cols = cols;
    for (ci, col) in cols.iter_mut().enumerate() {
        let id = match col {
            Col::Item(_, item) => item.id.clone(),
            Col::Essay(q, ..) => q.clone(),
            _ => continue,
        };
        if let Some(first) = first_of.get(&id) {
            diags.push(Diagnostic::error(
                &shown,
                header_line,
                ci + 1,
                format!(
                    "`{id}` 열이 두 번 있습니다 (처음은 {}열); 이 열은 읽지 않았습니다",
                    first + 1
                ),
            ));
            *col = Col::Duplicate;
        } else {
            first_of.insert(id, ci);
        }
    }
    // The first 학번 column decides who a row is (read_sheet found one).
    let id_col = cols.iter().position(|c| matches!(c, Col::Id)).unwrap_or(0);
    let name_col = cols.iter().position(|c| matches!(c, Col::Name));
    let level_names: BTreeSet<&str> = bank
        .rubrics
        .values()
        .flat_map(|r| r.rubric.checklist.iter())
        .flat_map(|i| i.levels.iter().map(|l| l.name.as_str()))
        .collect();
    // A column the tool does not know, with something written in it: its
    // scores would be lost without a word (a renamed or unknown item).
    for (ci, col) in cols.iter().enumerate() {
        if !matches!(col, Col::Other) {
            continue;
        }
        let filled = records
            .iter()
            .filter(|(_, r)| r.get(ci).is_some_and(|c| !c.trim().is_empty()))
            .count();
        if filled == 0 {
            continue;
        }
        let name = headers[ci].trim();
        let word = name.split_whitespace().next().unwrap_or("");
        // An id-like header (w5k99, w5d1-essay) is a score column gone wrong;
        // anything else (번호, 비고) is the instructor's own.
        let id_like = word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        // A column of levels (우수, 보통 ...) under a header without its item
        // id (renamed to the item's text, "API Gateway 관리 (w5k2)") is a
        // score column the tool cannot place: an error, not a note (trial of
        // 2026-12-01: exit 0, and the scores were never read).
        let levels = records
            .iter()
            .filter_map(|(_, r)| r.get(ci))
            .filter(|c| level_names.contains(unneutralize(c.trim())))
            .count();
        if levels > 0 && !id_like {
            diags.push(Diagnostic::error(
                &shown,
                header_line,
                ci + 1,
                format!(
                    "열 `{name}`에 수준 {levels}칸이 있지만 어느 체크리스트 항목인지 알 수 없습니다: 머리글을 항목 id로 시작하세요 (rubric sheet의 머리글, 예: `w5k1 …`); 이 열을 건너뜀"
                ),
            ));
        } else if id_like {
            diags.push(Diagnostic::error(
                &shown,
                header_line,
                ci + 1,
                format!(
                    "열 `{name}`은(는) 루브릭의 체크리스트 항목도 서술형 문항도 아닙니다; 이 열의 {filled}칸을 건너뜀"
                ),
            ));
        } else {
            diags.push(Diagnostic::warning(
                &shown,
                header_line,
                ci + 1,
                format!("열 `{name}`은(는) 점수 열이 아니어서 읽지 않았습니다 ({filled}칸)"),
            ));
        }
    }
    if !cols
        .iter()
        .any(|c| matches!(c, Col::Item(..) | Col::Essay(..)))
    {
        diags.push(Diagnostic::error(
            &shown,
            header_line,
            1,
            "점수 열이 없습니다: 머리글에 루브릭의 체크리스트 항목(w5k1 …)이나 검토할 서술형 문항 id가 없습니다; 아무것도 가져오지 않았습니다",
        ));
        // Its rows say nothing more (a wrong file gave 1,700 lines of
        // "명단에 없는 학번" after this; trial of 2026-12-01).
        let (errors, _) = report(&mut diags);
        return Err(Error::Problems {
            count: errors.max(1),
        });
    }
    let students = gb.students()?;
    let names: BTreeMap<&str, &str> = students
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let known: BTreeSet<String> = students.iter().map(|s| s.id.clone()).collect();
    let at = now();
    // What is stored now, for the weeks of the sheet's items: a cell equal to
    // it is not written again (its scorer and time stay), and a cell that
    // differs from a level saved after the sheet was made is refused: the
    // sheet was filled from what was stored before (trial of 2026-12-01: an
    // old sheet imported again reverted a TA's later levels, without a word).
    let made_at = sheet_made_at(&headers);
    let mut stored: BTreeMap<(String, String), ChecklistScore> = BTreeMap::new();
    let weeks: BTreeSet<u32> = cols
        .iter()
        .filter_map(|c| match c {
            Col::Item(w, _) => Some(*w),
            _ => None,
        })
        .collect();
    for w in weeks {
        for c in gb.checklist(w)? {
            stored.insert((c.student.clone(), c.item.clone()), c);
        }
    }
    let mut unchanged = 0usize;
    let mut checklist = Vec::new();
    let mut essays = Vec::new();
    let roster: Vec<&str> = known.iter().map(String::as_str).collect();
    // (student, column) -> the line that first gave it.
    let mut seen: std::collections::HashMap<(String, usize), usize> =
        std::collections::HashMap::new();
    for (line, rec) in &records {
        let line = *line;
        let written = rec.get(id_col).map_or("", |s| unneutralize(s.trim()));
        if written.is_empty() {
            continue;
        }
        let student = match roster_id(written, &roster) {
            Ok(s) => s,
            Err(why) => {
                diags.push(Diagnostic::error(
                    &shown,
                    line,
                    id_col + 1,
                    format!("{why}; 행을 건너뜀"),
                ));
                continue;
            }
        };
        // A name that is not the roster's for this 학번: the sheet was sorted
        // by one column only, or rows were pasted out of place. Its scores
        // could be someone else's.
        let written_name = name_col
            .and_then(|c| rec.get(c))
            .map_or("", |s| unneutralize(s.trim()));
        if let Some(roster_name) = names.get(student.as_str())
            && !written_name.is_empty()
            && !roster_name.is_empty()
            && crate::text::nfc_cow(written_name) != crate::text::nfc_cow(roster_name.trim())
        {
            diags.push(Diagnostic::error(
                &shown,
                line,
                name_col.map_or(1, |c| c + 1),
                format!(
                    "이름 `{written_name}`이(가) 명단의 `{student}` {roster_name}와(과) 다릅니다 (한 열만 정렬되었거나 행이 섞였을 수 있습니다); 행을 건너뜀"
                ),
            ));
            continue;
        }
        // Cells beyond the header belong to no column: say so rather than drop them.
        if let Some(extra) = rec
            .iter()
            .enumerate()
            .skip(headers.len())
            .find(|(_, c)| !c.trim().is_empty())
            .map(|(i, _)| i)
        {
            diags.push(Diagnostic::error(
                &shown,
                line,
                extra + 1,
                format!(
                    "머리글에 없는 열의 칸입니다 (머리글 {}칸); 남는 칸을 건너뜀",
                    headers.len()
                ),
            ));
        }
        for (ci, col) in cols.iter().enumerate() {
            let cell = unneutralize(rec.get(ci).map_or("", |s| s.trim()));
            if cell.is_empty() {
                continue;
            }
            if matches!(col, Col::Item(..) | Col::Essay(..)) {
                if let Some(first) = seen.get(&(student.clone(), ci)) {
                    diags.push(Diagnostic::error(
                        &shown,
                        line,
                        ci + 1,
                        format!(
                            "학생 `{student}`의 `{}` 칸이 두 번 나옵니다 (처음은 {shown}:{first}); 칸을 거부했습니다",
                            headers[ci].split_whitespace().next().unwrap_or("")
                        ),
                    ));
                    continue;
                }
                seen.insert((student.clone(), ci), line);
            }
            match col {
                Col::Id | Col::Name | Col::Duplicate => {}
                Col::Item(week, item) => {
                    let level = checklist_level(item, cell);
                    let before = stored.get(&(student.clone(), item.id.clone()));
                    match level {
                        Some(l) if before.is_some_and(|b| b.level == l.name) => unchanged += 1,
                        Some(l)
                            if before.is_some_and(|b| {
                                made_at.as_deref().is_some_and(|m| b.at.as_str() >= m)
                            }) =>
                        {
                            if let Some(b) = before {
                                diags.push(Diagnostic::error(
                                    &shown,
                                    line,
                                    ci + 1,
                                    format!(
                                        "`{student}`의 {}은(는) 이 시트를 만든 뒤 {}이(가) {}에 {}(으)로 바꿨습니다; `{}`(으)로 덮어쓰지 않고 칸을 건너뜀 (새 시트를 만들어 확인하세요)",
                                        item.id,
                                        b.by,
                                        crate::error::local_hhmm(&b.at),
                                        b.level,
                                        l.name
                                    ),
                                ));
                            }
                        }
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
                                "`{cell}`은(는) {}의 수준이 아닙니다 ({})",
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
                    // The same score already given by hand (the sheet
                    // imported again): nothing to do.
                    let same = points.is_some_and(|p| {
                        rows.iter().any(|r| {
                            r.student == student
                                && r.question_id == *qid
                                && r.status.as_deref() == Some("manual")
                                && r.points.is_some_and(|x| (x - p).abs() < 1e-9)
                        })
                    });
                    match (points, answer) {
                        (Some(p), Some((a, pos))) => essays.push((a, pos, p)),
                        (Some(_), None) if same => unchanged += 1,
                        (None, _) => diags.push(Diagnostic::error(
                            &shown,
                            line,
                            ci + 1,
                            format!(
                                "`{cell}`은(는) 0부터 {}까지의 점수가 아닙니다",
                                fmt_points(*max)
                            ),
                        )),
                        (_, None) => diags.push(Diagnostic::error(
                            &shown,
                            line,
                            ci + 1,
                            format!("`{student}`의 `{qid}` 답 중 검토를 기다리는 답이 없습니다"),
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
        "체크리스트 {}칸, 서술형 {}칸을 가져왔습니다 ({by}, {at}); 이미 같은 칸 {unchanged}개; 잘못된 칸 {errors}개.",
        checklist.len(),
        essays.len()
    )
    .map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}

/// Whether a cell is the 학번 header.
fn is_id_header(cell: &str) -> bool {
    let c = crate::text::nfc_cow(cell.trim()).into_owned();
    c == "학번" || c.eq_ignore_ascii_case("student_id")
}

/// Whether a cell is the 이름 header.
fn is_name_header(cell: &str) -> bool {
    let c = crate::text::nfc_cow(cell.trim()).into_owned();
    c == "이름" || c.eq_ignore_ascii_case("name")
}

/// A read sheet: its header row (line, cells) and the rows below it.
struct ReadSheet {
    header_line: usize,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// The header and rows of a rubric sheet: an xlsx workbook (by its zip
/// signature; the first sheet with a 학번 header beside a column `is_score`
/// accepts, as a notes sheet in front may mention 학번 too) or a CSV in any
/// encoding [`crate::csvfile`] reads. The header is the first row with a 학번
/// cell: rows above it (a title an instructor added) are not data.
fn read_sheet(
    file: &Path,
    is_score: &dyn Fn(&str) -> bool,
    diags: &mut Vec<Diagnostic>,
    out: &mut dyn Write,
) -> Result<ReadSheet> {
    let shown = display(file);
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let has_header = |r: &[String]| r.iter().any(|c| is_id_header(c));
    let score_sheet = |r: &[String]| has_header(r) && r.iter().any(|c| is_score(c.trim()));
    let mut rows = if bytes.starts_with(b"PK\x03\x04") {
        let (name, sheets, rows) = crate::xlsxfile::read_rows(file, &score_sheet)?;
        if sheets > 1 {
            writeln!(out, "{shown}: 시트 {sheets}개 중 `{name}`을(를) 읽었습니다")
                .map_err(|e| Error::io("stdout", e))?;
        }
        rows
    } else {
        let t = crate::csvfile::decode_text(file, bytes)?;
        if t.encoding.is_notable() {
            writeln!(out, "{shown}: {}로 읽었습니다", t.encoding.name())
                .map_err(|e| Error::io("stdout", e))?;
        }
        if let Some(u) = t.unterminated {
            diags.push(Diagnostic::error(
                &shown,
                u.line,
                u.col,
                u.message(crate::csvfile::Kind::RubricSheet),
            ));
        }
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(t.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(t.text.as_bytes());
        let mut rows = Vec::new();
        for rec in rdr.records() {
            match rec {
                Ok(r) => rows.push((
                    r.position().map_or(0, |p| p.line() as usize),
                    r.iter().map(str::to_string).collect(),
                )),
                Err(e) => diags.push(Diagnostic::error(
                    &shown,
                    e.position().map_or(0, |p| p.line() as usize),
                    0,
                    format!("읽을 수 없는 행입니다: {e}"),
                )),
            }
        }
        rows
    };
    if rows
        .iter()
        .all(|(_, r)| r.iter().all(|c| c.trim().is_empty()))
    {
        return Err(Error::Usage(format!("{shown}: 빈 시트입니다")));
    }
    let Some(at) = rows.iter().position(|(_, r)| has_header(r)) else {
        let line = rows.first().map_or(1, |(l, _)| *l);
        diags.push(Diagnostic::error(
            &shown,
            line,
            1,
            "머리글 행을 찾을 수 없습니다: `학번` 칸이 있는 행이 없습니다 (quiz rubric sheet가 만든 시트를 채워 주세요); 아무것도 가져오지 않았습니다",
        ));
        report(diags);
        return Err(Error::Problems { count: 1 });
    };
    let rest = rows.split_off(at + 1);
    let (header_line, header) = rows.pop().unwrap_or_default();
    Ok(ReadSheet {
        header_line,
        header,
        rows: rest,
    })
}

/// The roster id a sheet's 학번 cell means: itself, or, when a spreadsheet
/// dropped leading zeros (`123` for `00123`), the one roster id it can only be.
fn roster_id(written: &str, roster: &[&str]) -> std::result::Result<String, String> {
    if roster.is_empty() || roster.contains(&written) {
        return Ok(written.to_string());
    }
    // `123.0`: a spreadsheet's number cell written back as text.
    let written = written
        .strip_suffix(".0")
        .filter(|w| !w.is_empty())
        .unwrap_or(written);
    if roster.contains(&written) {
        return Ok(written.to_string());
    }
    if !written.is_empty() && written.bytes().all(|b| b.is_ascii_digit()) {
        let bare = written.trim_start_matches('0');
        let hits: Vec<&&str> = roster
            .iter()
            .filter(|id| id.len() > written.len())
            .filter(|id| {
                id.bytes().all(|b| b.is_ascii_digit()) && id.trim_start_matches('0') == bare
            })
            .collect();
        match hits.as_slice() {
            [one] => return Ok((**one).to_string()),
            [] => {}
            many => {
                return Err(format!(
                    "학번 `{written}`은(는) {} 중 누구인지 알 수 없습니다 (스프레드시트가 앞의 0을 지웠습니다); 학번을 모두 쓰세요",
                    many.iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    Err(format!("{written}: 명단에 없는 학번입니다"))
}

#[cfg(test)]
mod tests {
    use super::roster_id;

    /// A 학번 a spreadsheet turned into a number comes back as `123` or
    /// `123.0`: either is the one roster id it can be.
    #[test]
    fn a_number_cell_finds_its_student() {
        let roster = ["00123", "s002"];
        assert_eq!(roster_id("123", &roster).as_deref(), Ok("00123"));
        assert_eq!(roster_id("123.0", &roster).as_deref(), Ok("00123"));
        assert_eq!(roster_id("00123", &roster).as_deref(), Ok("00123"));
        assert!(roster_id("124", &roster).is_err());
        assert!(roster_id(".0", &roster).is_err());
    }
}
