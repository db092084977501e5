//! `quiz stats [UNIT|wN] [--out FILE.csv]`: classical item analysis on each
//! student's first completed attempt that has questions of the unit.

use crate::bank::{Bank, unit_matches};
use crate::error::{Error, Result};
use crate::fsutil::write_atomic;
use crate::gradebook::Gradebook;
use crate::model::{Kind, Question};
use crate::report::stats::{self, Item, Test};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Expected fraction of the points from a random guess.
pub fn random_guess(q: &Question) -> f64 {
    let n = |v: &[crate::model::Choice]| v.len().max(1) as f64;
    match q.kind {
        Kind::Choice => 1.0 / n(&q.options),
        Kind::Truefalse => 0.5,
        Kind::Order => 1.0 / n(&q.items),
        Kind::Match => 1.0 / n(&q.right),
        Kind::Multi | Kind::Short | Kind::Cloze | Kind::Essay => 0.0,
    }
}

/// Shown for a figure the number of attempts cannot support.
const TOO_SMALL: &str = "표본 부족";

/// Shown for a correlation an item cannot have because its marks (or the
/// rest of the test's) do not vary: everyone scored the same.
const NO_VARIANCE: &str = "변동 없음";

/// Why a correlation of an item answered `n` times is missing: with two or
/// more answers every covariance exists, so only a zero variance is left.
fn missing_corr(n: usize) -> &'static str {
    if n >= 2 { NO_VARIANCE } else { TOO_SMALL }
}

/// Shown for an effective weight whose question's marks vary but do not go
/// with the total (a covariance at or below zero: Moodle leaves it blank).
const NOT_APPLICABLE: &str = "해당 없음";

/// Why an item's effective weight is missing.
fn missing_weight(it: &Item) -> &'static str {
    if it.sd.is_some_and(|s| s > 0.0) {
        NOT_APPLICABLE
    } else {
        missing_corr(it.n)
    }
}

/// A correlation (discrimination, efficiency) with two decimals, or why not.
fn corr(x: Option<f64>, n: usize) -> String {
    x.map_or_else(|| missing_corr(n).to_string(), |v| format!("{v:.2}"))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| TOO_SMALL.to_string(), |v| format!("{v:.2}"))
}

/// Shown for CIC when fewer than two questions were answered by every
/// student (random forms): it is taken over those only.
const FEW_COMMON: &str = "공통 문항 부족";

/// Why each test figure that is missing is missing, in the order printed:
/// 평균, 중앙값, 표준편차, 왜도, 첨도, CIC, ER, SE. Enough attempts and no
/// figure means every total was the same (or, for CIC, too few questions
/// everyone answered), not too few attempts.
fn test_reasons(test: &Test, common: usize) -> [&'static str; 8] {
    let n = test.n;
    let by = |min: usize| if n < min { TOO_SMALL } else { NO_VARIANCE };
    let cic = if n < 3 {
        TOO_SMALL
    } else if common < 2 {
        FEW_COMMON
    } else {
        NO_VARIANCE
    };
    [by(1), by(1), by(2), by(3), by(4), cic, cic, cic]
}

/// Run `quiz stats`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    unit: Option<&str>,
    out_file: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    // A bank file that does not load is said, with its place, not silently left out.
    super::report(&mut diags);
    let prefix = unit.unwrap_or("w");
    let in_unit: HashMap<&str, (usize, &Question)> = bank
        .questions()
        .filter(|(f, _)| prefix == "w" || unit_matches(&f.file.unit, prefix))
        .enumerate()
        .map(|(i, (_, q))| (q.id.as_str(), (i, q)))
        .collect();
    let gb = Gradebook::open_read_only(db)?;
    // One pass over the scores into compact records (student and question interned).
    struct Rec {
        attempt: i64,
        student: u32,
        col: u32,
        points: Option<f64>,
    }
    let mut students: HashMap<String, u32> = HashMap::new();
    let mut recs: Vec<Rec> = Vec::new();
    gb.for_each_score(|attempt, student, qid, points, status, finished| {
        if !finished {
            return;
        }
        let Some((bank_pos, _)) = in_unit.get(qid) else {
            return;
        };
        let s = match students.get(student) {
            Some(s) => *s,
            None => {
                let n = students.len() as u32;
                students.insert(student.to_string(), n);
                n
            }
        };
        let points = if status == "dropped" { None } else { points };
        recs.push(Rec {
            attempt,
            student: s,
            col: *bank_pos as u32,
            points,
        });
    })?;
    // First completed attempt per student with questions of the unit.
    let mut first: Vec<i64> = vec![i64::MAX; students.len()];
    for r in &recs {
        let f = &mut first[r.student as usize];
        *f = (*f).min(r.attempt);
    }
    // Items that appear in those attempts, in bank order.
    let mut used: Vec<usize> = recs
        .iter()
        .filter(|r| first[r.student as usize] == r.attempt)
        .map(|r| r.col as usize)
        .collect();
    used.sort_unstable();
    used.dedup();
    let by_pos: HashMap<usize, &Question> = in_unit.values().map(|(i, q)| (*i, *q)).collect();
    let order: Vec<(usize, &Question)> = used
        .iter()
        .filter_map(|i| by_pos.get(i).map(|q| (*i, *q)))
        .collect();
    let col: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(c, (i, _))| (*i, c))
        .collect();
    let mut marks = vec![vec![None; order.len()]; students.len()];
    for r in &recs {
        if first[r.student as usize] == r.attempt
            && let Some(c) = col.get(&(r.col as usize))
        {
            marks[r.student as usize][*c] = r.points;
        }
    }
    if marks.is_empty() {
        return Err(Error::Usage(format!(
            "{}에 `{prefix}` 문항을 푼 끝난 응시가 없습니다",
            crate::fsutil::display(db)
        )));
    }
    let ids: Vec<String> = order.iter().map(|(_, q)| q.id.clone()).collect();
    let max: Vec<f64> = order.iter().map(|(_, q)| q.points).collect();
    let guess: Vec<f64> = order.iter().map(|(_, q)| random_guess(q)).collect();
    let (test, items) = stats::analyse(&ids, &marks, &max, &guess);
    let common = (0..ids.len())
        .filter(|&i| marks.iter().all(|r| r.get(i).copied().flatten().is_some()))
        .count();
    let reasons = test_reasons(&test, common);
    print(&test, &items, &order, &reasons, out).map_err(|e| Error::io("stdout", e))?;
    if let Some(p) = out_file {
        write_atomic(p, &csv_bytes(&test, &items, &reasons)?)?;
    }
    Ok(())
}

fn print(
    test: &Test,
    items: &[Item],
    order: &[(usize, &Question)],
    reasons: &[&str; 8],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let header = [
        "문항",
        "유형",
        "응시 수",
        "정답률(F)",
        "표준편차",
        "추측",
        "의도 가중",
        "실효 가중",
        "변별도",
        "변별 효율",
        "표시",
    ];
    // Narrower terminals get fewer columns (the CSV of `--out` has them all).
    let keep: Vec<usize> = match crate::table::terminal_width() {
        Some(w) if w < 80 => vec![0, 3, 8, 10],
        Some(w) if w < 110 => vec![0, 1, 2, 3, 8, 9, 10],
        _ => (0..header.len()).collect(),
    };
    let mut t = crate::table::new(keep.iter().map(|&i| header[i]));
    for (it, (_, q)) in items.iter().zip(order) {
        let row = [
            it.id.clone(),
            crate::runner::kind_label(q.kind).to_string(),
            it.n.to_string(),
            num(it.facility),
            num(it.sd),
            format!("{:.2}", it.random_guess),
            format!("{:.2}", it.intended_weight),
            it.effective_weight
                .map_or_else(|| missing_weight(it).to_string(), |v| format!("{v:.2}")),
            corr(it.discrimination, it.n),
            corr(it.efficiency, it.n),
            if it.flagged() {
                "검토 필요".to_string()
            } else {
                String::new()
            },
        ];
        t.add_row(keep.iter().map(|&i| row[i].clone()).collect::<Vec<_>>());
    }
    if keep.len() < header.len() {
        writeln!(out, "(좁은 터미널: 일부 열 생략, 전체는 --out)")?;
    }
    writeln!(out, "{t}")?;
    let mut s = crate::table::new(["시험 통계", "값"]);
    s.add_row(vec!["응시 수".to_string(), test.n.to_string()]);
    for ((k, v), why) in [
        ("평균", test.mean),
        ("중앙값", test.median),
        ("표준편차", test.sd),
        ("왜도", test.skewness),
        ("첨도", test.kurtosis),
        ("내적 일관성 (CIC)", test.cic),
        ("오차율 (ER)", test.error_ratio),
        ("표준오차 (SE)", test.standard_error),
    ]
    .into_iter()
    .zip(reasons)
    {
        s.add_row(vec![
            k.to_string(),
            v.map_or_else(|| why.to_string(), |v| format!("{v:.2}")),
        ]);
    }
    writeln!(out, "{s}")
}

fn csv_bytes(test: &Test, items: &[Item], reasons: &[&str; 8]) -> Result<Vec<u8>> {
    let mut w = crate::csvfile::Writer::new(true);
    w.text_row([
        "문항",
        "응시 수",
        "정답률(F)",
        "표준편차",
        "추측 확률",
        "의도 가중",
        "실효 가중",
        "변별도",
        "변별 효율",
        "표시",
    ])?;
    let f = |x: Option<f64>| x.map_or_else(|| TOO_SMALL.to_string(), |v| format!("{v:.4}"));
    for it in items {
        w.text(&it.id)?;
        w.number(&it.n.to_string())?;
        w.number(&f(it.facility))?;
        w.number(&f(it.sd))?;
        w.number(&format!("{:.4}", it.random_guess))?;
        w.number(&format!("{:.4}", it.intended_weight))?;
        let c = |x: Option<f64>| {
            x.map_or_else(|| missing_corr(it.n).to_string(), |v| format!("{v:.4}"))
        };
        w.number(
            &it.effective_weight
                .map_or_else(|| missing_weight(it).to_string(), |v| format!("{v:.4}")),
        )?;
        w.number(&c(it.discrimination))?;
        w.number(&c(it.efficiency))?;
        w.text(if it.flagged() { "검토 필요" } else { "" })?;
        w.end_row()?;
    }
    let why = std::iter::once(TOO_SMALL).chain(reasons.iter().copied());
    for ((k, v), why) in [
        ("시험:응시 수", Some(test.n as f64)),
        ("시험:평균", test.mean),
        ("시험:중앙값", test.median),
        ("시험:표준편차", test.sd),
        ("시험:왜도", test.skewness),
        ("시험:첨도", test.kurtosis),
        ("시험:내적 일관성 (CIC)", test.cic),
        ("시험:오차율 (ER)", test.error_ratio),
        ("시험:표준오차 (SE)", test.standard_error),
    ]
    .into_iter()
    .zip(why)
    {
        w.text(k)?;
        w.number("")?;
        let shown = match v {
            // A count is a whole number.
            Some(v) if k == "시험:응시 수" => format!("{v:.0}"),
            Some(v) => format!("{v:.4}"),
            None => why.to_string(),
        };
        w.number(&shown)?;
        w.end_row()?;
    }
    w.finish()
}
