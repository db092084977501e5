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

/// Run `quiz regrade`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    super::report(&mut diags);
    let index = Index::new(&bank);
    let mut gb = if dry_run {
        Gradebook::open_read_only(db)?
    } else {
        Gradebook::open(db)?
    };
    let before_rows = gb.rows()?;
    let plan = grade::regrade_plan(&before_rows, &index);
    let mut after_rows = before_rows.clone();
    grade::apply(&mut after_rows, &plan);
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
