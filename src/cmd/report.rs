//! `quiz report --week N [--out DIR] [--format csv|xlsx] [--no-bom]`: the weekly
//! results for spreadsheets, and a class summary on the terminal.

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::fsutil::{display, write_regenerable};
use crate::grade::{Index, totals};
use crate::gradebook::Gradebook;
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
pub fn run(o: &Options<'_>, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("stdout", e);
    let (bank, _) = Bank::load(o.questions, o.rubrics)?;
    let Some(r) = bank.rubrics.get(&o.week) else {
        writeln!(
            out,
            "{}주차 루브릭이 없습니다 ({}에 week_{:02}.yaml 없음).",
            o.week,
            display(o.rubrics),
            o.week
        )
        .map_err(io)?;
        return Err(Error::Problems { count: 1 });
    };
    let rubric = &r.rubric;
    let index = Index::new(&bank);
    let gb = Gradebook::open(o.db)?;
    let rows = gb.rows()?;
    let checklist = gb.checklist(o.week)?;
    let lookup = |id: &str| {
        index
            .get(id)
            .and_then(|(q, w, _)| w.map(|w| (w, (*q).clone())))
    };
    let tot = totals::week_totals(rubric, &rows, &checklist, &lookup);
    if tot.is_empty() {
        writeln!(out, "{}주차에 채점된 자료가 없습니다.", o.week).map_err(io)?;
        return Err(Error::Problems { count: 1 });
    }
    let mut students: Vec<(String, String)> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    let on_roster: BTreeSet<String> = students.iter().map(|(i, _)| i.clone()).collect();
    students.extend(
        tot.keys()
            .filter(|s| !on_roster.contains(*s))
            .map(|s| (s.clone(), String::new())),
    );
    let summary = weekly::summary(rubric, &students, &tot);

    // Details: the answers that count, per student.
    let (counted, _) = totals::counted(o.week, &rows, &lookup);
    let mut per_student: BTreeMap<&str, Vec<&crate::gradebook::Row>> = BTreeMap::new();
    for ((s, _), row) in &counted {
        per_student.entry(s).or_default().push(row);
    }
    let unit_of: BTreeMap<&str, &str> = bank
        .questions()
        .map(|(f, q)| (q.id.as_str(), f.file.unit.as_str()))
        .collect();
    let q_of = |id: &str| {
        index
            .get(id)
            .map(|(q, ..)| (unit_of.get(id).copied().unwrap_or(""), *q))
    };
    let dir = o.out_dir.join(format!("week_{:02}", o.week));
    let details: Vec<(String, Sheet)> = students
        .iter()
        .map(|(s, _)| {
            let rows = per_student.get(s.as_str()).cloned().unwrap_or_default();
            let cl: Vec<_> = checklist.iter().filter(|c| &c.student == s).collect();
            (s.clone(), weekly::detail(rubric, &rows, &cl, &q_of))
        })
        .collect();
    match o.format {
        Format::Csv => {
            write_regenerable(&dir.join("summary.csv"), &sheet::csv(&summary, o.bom)?)?;
            for (s, d) in &details {
                write_regenerable(
                    &dir.join("students").join(format!("{s}.csv")),
                    &sheet::csv(d, o.bom)?,
                )?;
            }
        }
        Format::Xlsx => {
            let mut all = Sheet {
                header: std::iter::once("학번".to_string())
                    .chain(weekly::detail_header())
                    .collect(),
                rows: Vec::new(),
            };
            for (s, d) in &details {
                all.rows.extend(d.rows.iter().map(|r| {
                    std::iter::once(Cell::Text(s.clone()))
                        .chain(r.iter().cloned())
                        .collect()
                }));
            }
            let bytes = sheet::xlsx(&[("요약", &summary), ("상세", &all)])?;
            write_regenerable(&dir.join(format!("week_{:02}.xlsx", o.week)), &bytes)?;
        }
    }
    terminal(rubric, &tot, out).map_err(io)?;
    writeln!(out, "{}: 학생 {}명", display(&dir), students.len()).map_err(io)
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
    Ok(())
}
