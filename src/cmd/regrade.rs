//! `quiz regrade [--dry-run]`: score every stored answer again with the current
//! keys, rules and points (manual scores are never touched), and show each
//! student's change per week.

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::grade::{self, Index, totals};
use crate::gradebook::Gradebook;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

/// How `quiz regrade` runs.
#[derive(Debug, Clone, Copy)]
pub struct How {
    /// Show the changes without saving.
    pub dry_run: bool,
    /// Drop the answers to questions missing from the bank.
    pub drop_missing: bool,
}

/// Run `quiz regrade`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    how: How,
    out: &mut dyn Write,
) -> Result<()> {
    let How {
        dry_run,
        drop_missing,
    } = how;
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    super::report(&mut diags);
    // A bank with no question is a wrong folder (or one moved away), never
    // a bank whose answers should all be dropped (trial of 2026-12-01: every
    // answer of the class became 0 of 0).
    if bank.questions().next().is_none() {
        return Err(Error::Usage(format!(
            "문제 은행 {}에 문항이 없습니다: --questions 경로나 지금 폴더를 확인하세요",
            crate::fsutil::display(questions)
        )));
    }
    let index = Index::new(&bank);
    // Only a gradebook that exists: a mistyped --db or the wrong folder
    // would make an empty one and report success.
    let mut gb = if dry_run {
        Gradebook::open_read_only(db)?
    } else {
        Gradebook::open_existing(db)?
    };
    let before_rows = gb.rows()?;
    let plan = grade::regrade_plan_with(&before_rows, &index, drop_missing);
    let mut missing: BTreeMap<String, usize> = BTreeMap::new();
    for r in &before_rows {
        if index.get(&r.question_id).is_none() && r.status.as_deref() != Some("dropped") {
            *missing.entry(r.question_id.clone()).or_default() += 1;
        }
    }
    let rescaled = plan
        .iter()
        .filter(|c| c.status == crate::score::Status::Manual)
        .count();
    let mut after_rows = before_rows.clone();
    grade::apply(&mut after_rows, &plan);
    // Week totals as `report` counts them: a practice left open counts the
    // question on its screen.
    let on_screen = crate::attempt::on_screen_rows(&gb, &bank)?;
    let (mut before_rows, mut after_rows) = (before_rows, after_rows);
    before_rows.extend(on_screen.iter().cloned());
    after_rows.extend(on_screen);
    let io = |e| Error::io("stdout", e);
    let lookup = |id: &str| index.with_week(id);
    let weeks: BTreeSet<u32> = plan.iter().filter_map(|c| c.week).collect();
    let mut changed: BTreeMap<(String, u32), usize> = BTreeMap::new();
    for c in &plan {
        if let Some(w) = c.week {
            *changed.entry((c.student.clone(), w)).or_default() += 1;
        }
    }
    let mut t = crate::table::new(["학번", "주차", "이전(%)", "이후(%)", "바뀐 답안"]);
    for w in &weeks {
        let Some(r) = bank.rubrics.get(w) else {
            continue;
        };
        let cl = gb.checklist(*w)?;
        let b = totals::week_totals(&r.rubric, &before_rows, &cl, &lookup);
        let a = totals::week_totals(&r.rubric, &after_rows, &cl, &lookup);
        for ((s, week), n) in changed.iter().filter(|((_, wk), _)| wk == w) {
            let pct = |m: &BTreeMap<String, totals::WeekTotal>| {
                m.get(s)
                    .and_then(|x| x.total_percent(&r.rubric))
                    .map_or_else(|| "-".to_string(), |p| format!("{p:.1}"))
            };
            t.add_row(vec![
                s.clone(),
                week.to_string(),
                pct(&b),
                pct(&a),
                n.to_string(),
            ]);
        }
    }
    writeln!(out, "{t}").map_err(io)?;
    if rescaled > 0 {
        writeln!(
            out,
            "배점이 바뀐 문항의 수동 점수 {rescaled}개는 새 배점에 비례해 고칩니다 (예: 2점 만점의 1.5 → 3점 만점의 2.25)."
        )
        .map_err(io)?;
    }
    if !missing.is_empty() {
        let answers: usize = missing.values().sum();
        let names: Vec<&str> = missing.keys().map(String::as_str).take(5).collect();
        writeln!(
            out,
            "은행에 없는 문항 {}개의 답안 {answers}개는 {} ({}{})",
            missing.len(),
            if drop_missing {
                "0/0(dropped)으로 돌립니다"
            } else {
                "그대로 둡니다: 지운 문항이면 --drop-missing으로 다시 실행하세요"
            },
            names.join(", "),
            if missing.len() > names.len() {
                ", …"
            } else {
                ""
            }
        )
        .map_err(io)?;
    }
    if dry_run {
        writeln!(
            out,
            "{}개 답안의 점수가 바뀝니다 (--dry-run: 저장하지 않음).",
            plan.len()
        )
        .map_err(io)?;
        return Ok(());
    }
    gb.rescore(&plan, true)?;
    writeln!(out, "{}개 답안의 점수를 다시 매겼습니다.", plan.len()).map_err(io)
}
