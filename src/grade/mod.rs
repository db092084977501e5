//! Grading: scoring stored or collected answers against the bank and the weeks'
//! rules, and recomputing scores when keys, rules or points change.
//!
//! The functions here are pure; `cmd::grade`, `cmd::regrade`, `cmd::rubric` and
//! `cmd::review` do the I/O.

pub mod answers;
pub mod totals;

use crate::bank::{Bank, week_of};
use crate::gradebook::Row;
use crate::model::{Choice, Question, ScoringRules};
use crate::score::{self, Response, Status};
use std::collections::{BTreeMap, HashMap};

/// Questions by id with their week and rules, for fast lookups.
pub struct Index<'a> {
    by_id: HashMap<&'a str, (&'a Question, Option<u32>, ScoringRules)>,
}

impl<'a> Index<'a> {
    /// Index a bank.
    pub fn new(bank: &'a Bank) -> Self {
        let mut by_id = HashMap::new();
        for f in &bank.files {
            let week = week_of(&f.file.unit);
            let rules = week
                .and_then(|w| bank.rubrics.get(&w))
                .map(|r| r.rubric.scoring.clone())
                .unwrap_or_default();
            for q in &f.file.questions {
                by_id.insert(q.id.as_str(), (q, week, rules.clone()));
            }
        }
        Index { by_id }
    }

    /// A question, its week and its rules.
    pub fn get(&self, id: &str) -> Option<&(&'a Question, Option<u32>, ScoringRules)> {
        self.by_id.get(id)
    }

    /// A question with its week, for [`totals`](crate::grade::totals).
    pub fn with_week(&self, id: &str) -> Option<(u32, &'a Question)> {
        self.by_id.get(id).and_then(|(q, w, _)| w.map(|w| (w, *q)))
    }
}

/// Map a released form's tokens back to the bank's ids, with the token map
/// recorded for the question on that form (`FormItem::tokens`: bank id -> token).
pub fn untoken(
    q: &Question,
    tokens: &BTreeMap<String, String>,
    r: &Response,
) -> Result<Response, String> {
    let map = |list: &[Choice], t: &str| -> Result<String, String> {
        list.iter()
            .find(|c| tokens.get(&c.id).is_some_and(|k| k == t))
            .map(|c| c.id.clone())
            .ok_or_else(|| format!("`{t}`은(는) 이 시험지의 `{}` 보기가 아닙니다", q.id))
    };
    Ok(match r {
        Response::Choice(t) => Response::Choice(map(&q.options, t)?),
        Response::Multi(v) => Response::Multi(
            v.iter()
                .map(|t| map(&q.options, t))
                .collect::<Result<_, _>>()?,
        ),
        Response::Order(v) => {
            let mut seen = std::collections::BTreeSet::new();
            if let Some(t) = v.iter().find(|t| !seen.insert(*t)) {
                return Err(format!("`{t}`이(가) `{}`의 순서에 두 번 있습니다", q.id));
            }
            Response::Order(
                v.iter()
                    .map(|t| map(&q.items, t))
                    .collect::<Result<_, _>>()?,
            )
        }
        Response::Match(m) => Response::Match(
            m.iter()
                .map(|(l, rr)| Ok((map(&q.left, l)?, map(&q.right, rr)?)))
                .collect::<Result<BTreeMap<_, _>, String>>()?,
        ),
        other => other.clone(),
    })
}

/// A new score for a stored answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Attempt row id.
    pub attempt_id: i64,
    /// Position.
    pub position: usize,
    /// Student.
    pub student: String,
    /// Question.
    pub question_id: String,
    /// Week of the question (None when it left the bank and the unit tells none).
    pub week: Option<u32>,
    /// Before.
    pub before: Option<f64>,
    /// After.
    pub after: f64,
    /// New max.
    pub max: f64,
    /// New status.
    pub status: Status,
}

/// What regrading would change: every answer not scored by hand is scored again
/// with the current key, rules and points; answers to questions no longer in the
/// bank become `dropped` (0 of 0). Manual scores keep their judgement (see
/// [`regrade_plan_with`]). Regrading the result again changes nothing.
pub fn regrade_plan(rows: &[Row], index: &Index<'_>) -> Vec<Change> {
    regrade_plan_with(rows, index, true)
}

/// [`regrade_plan`], with answers to questions missing from the bank
/// dropped only when `drop_missing` (else left as they are: a bank file
/// moved away or a wrong `--questions` would drop them all). A manual score
/// given out of a maximum the question no longer has is rescaled to the new
/// one (1.5 of 2 becomes 2.25 of 3, as Moodle does when a question's mark
/// changes), still manual: kept at the old maximum, the same question was
/// worth 2 for some students and 3 for others.
pub fn regrade_plan_with(rows: &[Row], index: &Index<'_>, drop_missing: bool) -> Vec<Change> {
    let mut out = Vec::new();
    for r in rows {
        // A question a closed practice never showed is no answer, whatever
        // its key says now: scored, it became a counted 0 that beat every
        // later answer, and the practice's results showed its key (trial of
        // 2026-12-01).
        if totals::never_shown(r) {
            continue;
        }
        if r.status.as_deref() == Some("manual") {
            if let (Some((q, week, rules)), Some(p), Some(old)) =
                (index.get(&r.question_id), r.points, r.max_points)
            {
                let new = score::score(q, &r.response, rules).max;
                if old > 0.0 && (old - new).abs() > 1e-9 {
                    out.push(Change {
                        attempt_id: r.attempt_id,
                        position: r.position,
                        student: r.student.clone(),
                        question_id: r.question_id.clone(),
                        week: *week,
                        before: r.points,
                        after: p * new / old,
                        max: new,
                        status: Status::Manual,
                    });
                }
            }
            continue;
        }
        let (after, max, status, week) = match index.get(&r.question_id) {
            Some((q, week, rules)) => {
                let o = score::score(q, &r.response, rules);
                (o.points, o.max, o.status, *week)
            }
            None if !drop_missing => continue,
            None => (0.0, 0.0, Status::Dropped, week_of(&r.unit)),
        };
        let same = r.points.is_some_and(|p| (p - after).abs() < 1e-9)
            && r.max_points.is_some_and(|m| (m - max).abs() < 1e-9)
            && r.status.as_deref() == Some(status.as_str());
        if !same {
            out.push(Change {
                attempt_id: r.attempt_id,
                position: r.position,
                student: r.student.clone(),
                question_id: r.question_id.clone(),
                week,
                before: r.points,
                after,
                max,
                status,
            });
        }
    }
    out
}

/// Apply a plan to rows in memory (what the gradebook holds after `rescore`).
pub fn apply(rows: &mut [Row], plan: &[Change]) {
    let by_key: HashMap<(i64, usize), &Change> = plan
        .iter()
        .map(|c| ((c.attempt_id, c.position), c))
        .collect();
    for r in rows.iter_mut() {
        if let Some(c) = by_key.get(&(r.attempt_id, r.position)) {
            r.points = Some(c.after);
            r.max_points = Some(c.max);
            r.status = Some(c.status.as_str().to_string());
        }
    }
}
