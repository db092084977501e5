//! `quiz report --week N [--out DIR] [--format csv|xlsx] [--no-bom]`: the weekly
//! results for spreadsheets, and a class summary on the terminal.

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::fsutil::{FolderWriter, display, write_regenerable};
use crate::grade::{Index, totals};
use crate::gradebook::{ChecklistScore, Gradebook, Row};
use crate::report::sheet;
use crate::report::weekly::{self, Cell, Sheet};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// summary.csv + students/<id>.csv
    Csv,
    /// week_NN.xlsx with a summary and a detail sheet
    Xlsx,
}

/// Options of `quiz report`.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Bank.
    pub questions: &'a Path,
    /// Rubrics.
    pub rubrics: &'a Path,
    /// Gradebook.
    pub db: &'a Path,
    /// Week.
    pub week: u32,
    /// Output folder.
    pub out_dir: &'a Path,
    /// csv or xlsx.
    pub format: Format,
    /// UTF-8 BOM in CSV files.
    pub bom: bool,
}

/// Run `quiz report`.
///
/// Streams the week's answers from the gradebook one student at a time (SQL
/// filters the week's questions and orders by student): each student's totals
/// and detail rows are made, written (a staged CSV file, or rows of the xlsx
/// detail sheet) and dropped, so memory stays at one student's answers plus one
/// summary row per student. CSV files are staged and renamed into place only
/// when everything succeeded; a file whose bytes did not change is not rewritten.
pub fn run(o: &Options<'_>, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("stdout", e);
    let (bank, mut diags) = Bank::load(o.questions, o.rubrics)?;
    // Bank and rubric files that do not load are said, with their places.
    let (errors, _) = super::report(&mut diags);
    let Some(r) = bank.rubrics.get(&o.week) else {
        return Err(super::no_week_rubric(o.rubrics, o.week, errors, out));
    };
    let rubric = &r.rubric;
    let index = Index::new(&bank);
    let lookup = |id: &str| index.with_week(id);
    let unit_of: BTreeMap<&str, &str> = bank
        .questions()
        .map(|(f, q)| (q.id.as_str(), f.file.unit.as_str()))
        .collect();
    let q_of = |id: &str| {
        index
            .get(id)
            .map(|(q, ..)| (unit_of.get(id).copied().unwrap_or(""), *q))
    };
    let week_questions: Vec<&str> = bank
        .questions()
        .filter(|(_, q)| lookup(&q.id).is_some_and(|(w, _)| w == o.week))
        .map(|(_, q)| q.id.as_str())
        .collect();

    let gb = Gradebook::open_read_only(o.db)?;
    let mut checklist_of: BTreeMap<String, Vec<ChecklistScore>> = BTreeMap::new();
    for c in gb.checklist(o.week)? {
        checklist_of.entry(c.student.clone()).or_default().push(c);
    }
    let roster: Vec<(String, String)> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    // Students without answers this week still get a summary row and a file:
    // those on the roster and those with checklist scores, emitted in id order
    // between the streamed ones.
    let mut pending: BTreeSet<String> = roster.iter().map(|(i, _)| i.clone()).collect();
    pending.extend(checklist_of.keys().cloned());
    // A practice left open counts the question it has on screen, unanswered,
    // as closing it would (`attempt::on_screen_rows`).
    let mut on_screen: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for r in crate::attempt::on_screen_rows(&gb, &bank)? {
        if week_questions.contains(&r.question_id.as_str()) {
            on_screen.entry(r.student.clone()).or_default().push(r);
        }
    }
    let open_practices = on_screen.values().map(Vec::len).sum::<usize>();
    // Exams not submitted: their answers count only once finished (or
    // closed), so say how many wait (trial of 2026-12-01: an exam quit half
    // way was invisible in the report).
    let mut open_exams = BTreeSet::new();
    let o_week = o.week;
    for o in gb.open_attempts(None, None)? {
        if crate::bank::week_of(&o.unit) == Some(o_week)
            && gb
                .attempt_by_id(o.id)?
                .is_some_and(|a| a.mode == crate::model::Mode::Exam)
        {
            open_exams.insert((o.student.clone(), o.id));
        }
    }
    pending.extend(on_screen.keys().cloned());

    let dir = o.out_dir.join(format!("week_{:02}", o.week));
    let details = weekly::Details::new(rubric, week_questions.iter().filter_map(|id| q_of(id)));
    let mut writer = match o.format {
        Format::Csv => Writer::Csv {
            folder: FolderWriter::new(&dir)?,
            bom: o.bom,
        },
        Format::Xlsx => Writer::Xlsx(Box::new(xlsx_book(&details)?)),
    };
    let mut totals: BTreeMap<String, totals::WeekTotal> = BTreeMap::new();
    // Two stages on two threads: this one reads the gradebook and makes each
    // student's totals; the other formats and writes the detail (CSV files or
    // xlsx rows). The detail sheet is made on the side that has time for it:
    // the writing thread for CSV, this one for xlsx (whose writing costs more
    // than everything else together).
    let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Part)>(64);
    // xlsx: this thread also counts the lines of each row's texts.
    let wrap = match &writer {
        Writer::Xlsx(book) => Some(book.wrap()),
        Writer::Csv { .. } => None,
    };
    let writer = std::thread::scope(|scope| -> Result<Writer> {
        let (details, checklist_of) = (&details, &checklist_of);
        let consumer = scope.spawn(move || -> Result<Writer> {
            for (student, part) in rx {
                match part {
                    Part::Rows(rows) => writer.rows(&student, rows)?,
                    Part::Counted(rows) => {
                        let rows: Vec<&Row> = rows.iter().collect();
                        let sheet = details.sheet(&rows, &checklist_refs(checklist_of, &student));
                        writer.student(&student, sheet)?;
                    }
                }
            }
            Ok(writer)
        });
        let mut emit = |student: &str, rows: Vec<Row>| -> Result<()> {
            let none = Vec::new();
            let cl = checklist_of.get(student).unwrap_or(&none);
            // The counted answers, found once: for the totals and the detail rows.
            let counted = totals::counted(o.week, &rows, &lookup);
            if let Some(t) = totals::totals_of(rubric, &counted, cl, &lookup).remove(student) {
                totals.insert(student.to_string(), t);
            }
            let part = if let Some(wrap) = &wrap {
                let counted: Vec<&Row> = counted.0.into_values().collect();
                let sheet = details.sheet(&counted, &checklist_refs(checklist_of, student));
                Part::Rows(sheet.rows.into_iter().map(|r| wrap.row(r)).collect())
            } else {
                // The counted rows themselves, moved into the order `counted`
                // gives them; an answer is known by its attempt and position.
                let mut place: Vec<((i64, usize), usize)> = counted
                    .0
                    .values()
                    .enumerate()
                    .map(|(n, r)| ((r.attempt_id, r.position), n))
                    .collect();
                place.sort_unstable();
                let mut slots: Vec<Option<Row>> = (0..place.len()).map(|_| None).collect();
                for r in rows {
                    let key = (r.attempt_id, r.position);
                    if let Ok(i) = place.binary_search_by(|(k, _)| k.cmp(&key))
                        && let Some(slot) = slots.get_mut(place[i].1)
                    {
                        *slot = Some(r);
                    }
                }
                Part::Counted(slots.into_iter().flatten().collect())
            };
            // A closed channel means the writer stopped on an error, reported below.
            tx.send((student.to_string(), part))
                .map_err(|_| Error::Usage("보고서 쓰기가 멈췄습니다".into()))
        };
        let produced = gb
            .for_each_student_rows(&week_questions, |student, rows| {
                let before: Vec<String> = pending.range(..student.to_string()).cloned().collect();
                for s in before {
                    pending.remove(&s);
                    emit(&s, on_screen.remove(&s).unwrap_or_default())?;
                }
                pending.remove(student);
                let mut rows = rows;
                rows.extend(on_screen.remove(student).unwrap_or_default());
                emit(student, rows)
            })
            .and_then(|()| {
                for s in std::mem::take(&mut pending) {
                    emit(&s, on_screen.remove(&s).unwrap_or_default())?;
                }
                Ok(())
            });
        drop(tx);
        let written = consumer
            .join()
            .map_err(|_| Error::Usage("보고서 쓰기가 비정상 종료했습니다".into()))?;
        // The writer's own error explains a stopped channel better.
        let writer = written?;
        produced?;
        Ok(writer)
    })?;
    if totals.is_empty() {
        // Nothing is written: the staged files are dropped with the writer.
        writeln!(out, "{}주차에 채점된 자료가 없습니다.", o.week).map_err(io)?;
        return Err(Error::Problems { count: 1 });
    }
    let on_roster: BTreeSet<&str> = roster.iter().map(|(i, _)| i.as_str()).collect();
    let mut students = roster.clone();
    students.extend(
        totals
            .keys()
            .filter(|s| !on_roster.contains(s.as_str()))
            .map(|s| (s.clone(), String::new())),
    );
    let summary = weekly::summary(rubric, &students, &totals);
    writer.finish(&dir, o.week, &summary)?;
    terminal(rubric, &totals, out).map_err(io)?;
    if !open_exams.is_empty() {
        let students: BTreeSet<&str> = open_exams.iter().map(|(s, _)| s.as_str()).collect();
        writeln!(
            out,
            "제출하지 않은 시험 {}개 (학생 {}명: {}): 제출하거나 닫을 때까지 점수에 들어가지 않습니다 (quiz attempts list / close).",
            open_exams.len(),
            students.len(),
            students.iter().take(10).copied().collect::<Vec<_>>().join(", ")
        )
        .map_err(io)?;
    }
    if open_practices > 0 {
        writeln!(
            out,
            "끝나지 않은 연습 {open_practices}개: 화면에 떠 있던 문제를 무응답(0점)으로 셌습니다 (quiz attempts list)."
        )
        .map_err(io)?;
    }
    writeln!(out, "{}: 학생 {}명", display(&dir), students.len()).map_err(io)
}

/// One student's detail on its way to the writing thread.
enum Part {
    /// The detail rows (xlsx), made by the reading thread with their lines counted.
    Rows(Vec<sheet::DetailRow>),
    /// The counted answers, in the sheet's order: the writing thread makes the sheet.
    Counted(Vec<Row>),
}

/// A student's checklist scores, as the detail sheet takes them.
fn checklist_refs<'c>(
    checklist_of: &'c BTreeMap<String, Vec<ChecklistScore>>,
    student: &str,
) -> Vec<&'c ChecklistScore> {
    checklist_of
        .get(student)
        .map_or(Vec::new(), |c| c.iter().collect())
}

/// Where the report goes: staged CSV files, or an xlsx workbook being built.
enum Writer {
    Csv { folder: FolderWriter, bom: bool },
    Xlsx(Box<sheet::Book>),
}

impl Writer {
    fn student(&mut self, student: &str, detail: Sheet) -> Result<()> {
        match self {
            Writer::Csv { folder, bom } => {
                // A student id names a file: never one that leads out of the folder.
                if !crate::roster::valid_id(student) {
                    return Err(Error::Usage(format!(
                        "성적부의 학번 `{}`은(는) 파일 이름이 될 수 없습니다",
                        student.escape_debug()
                    )));
                }
                let rel = Path::new("students").join(format!("{student}.csv"));
                folder.write(&rel, &sheet::csv(&detail, *bom)?)?;
                Ok(())
            }
            Writer::Xlsx(book) => {
                let wrap = book.wrap();
                for r in detail.rows {
                    book.detail_row(student, wrap.row(r))?;
                }
                Ok(())
            }
        }
    }

    /// A student's detail rows with their lines counted (what the xlsx takes).
    fn rows(&mut self, student: &str, rows: Vec<sheet::DetailRow>) -> Result<()> {
        match self {
            Writer::Xlsx(book) => {
                for r in rows {
                    book.detail_row(student, r)?;
                }
                Ok(())
            }
            Writer::Csv { .. } => self.student(
                student,
                Sheet {
                    header: weekly::detail_header(),
                    rows: rows.into_iter().map(sheet::DetailRow::into_cells).collect(),
                },
            ),
        }
    }

    fn finish(self, dir: &Path, week: u32, summary: &Sheet) -> Result<()> {
        match self {
            Writer::Csv { mut folder, bom } => {
                folder.write(Path::new("summary.csv"), &sheet::csv(summary, bom)?)?;
                folder.commit()
            }
            Writer::Xlsx(book) => {
                let bytes = book.finish(summary)?;
                write_regenerable(&dir.join(format!("week_{week:02}.xlsx")), &bytes)
            }
        }
    }
}

/// The xlsx workbook, its detail sheet's widths from the week's questions and
/// checklist (the sheet is streamed, so widths are set before any row).
fn xlsx_book(details: &weekly::Details<'_>) -> Result<sheet::Book> {
    let header: Vec<String> = std::iter::once("학번".to_string())
        .chain(weekly::detail_header())
        .collect();
    let probe: Vec<Vec<Cell>> = details
        .width_probe()
        .into_iter()
        .map(|mut r| {
            r.insert(0, Cell::Text("0000000000".into()));
            r
        })
        .collect();
    sheet::Book::new("요약", "상세", &header, &probe)
}

fn terminal(
    rubric: &crate::model::Rubric,
    tot: &BTreeMap<String, totals::WeekTotal>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut t = crate::table::new(["평가 기준", "평균 (%)", "표준편차", "평가된 학생"]);
    let spread = |v: &[f64]| -> (String, String) {
        if v.is_empty() {
            return ("-".into(), "-".into());
        }
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let sd = if v.len() > 1 {
            (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
        } else {
            0.0
        };
        (format!("{m:.1}"), format!("{sd:.1}"))
    };
    for c in &rubric.criteria {
        let v: Vec<f64> = tot
            .values()
            .filter_map(|w| w.criterion_percent(&c.id, rubric.scoring.quiz_weight))
            .collect();
        let (m, sd) = spread(&v);
        t.add_row(vec![c.name.clone(), m, sd, v.len().to_string()]);
    }
    let totals: Vec<f64> = tot
        .values()
        .filter_map(|w| w.total_percent(rubric))
        .collect();
    let (m, sd) = spread(&totals);
    t.add_row(vec![
        "가중 총점".to_string(),
        m,
        sd,
        totals.len().to_string(),
    ]);
    writeln!(out, "{t}")?;
    writeln!(out, "총점 분포")?;
    let mut bins = [0usize; 10];
    for x in &totals {
        bins[((x / 10.0).floor() as usize).min(9)] += 1;
    }
    let most = bins.iter().copied().max().unwrap_or(0).max(1);
    for (i, n) in bins.iter().enumerate() {
        let bar = "█".repeat((n * 40).div_ceil(most));
        let hi = if i == 9 { 100 } else { i * 10 + 9 };
        writeln!(out, "{:>3}–{:<3} {:>5} {bar}", i * 10, hi, n)?;
    }
    let waiting: usize = tot.values().map(|w| w.needs_review).sum();
    if waiting > 0 {
        let students = tot.values().filter(|w| w.needs_review > 0).count();
        writeln!(
            out,
            "검토 대기 답안 {waiting}개 (학생 {students}명): 검토 전에는 임시 점수로 계산됩니다. \
             quiz review로 채점한 뒤 보고서를 다시 만드세요."
        )?;
    }
    Ok(())
}
