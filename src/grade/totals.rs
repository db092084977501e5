//! Weekly totals from scored answers and checklist levels, by the rubric's weights.
//!
//! Per student and week:
//! - which answers count: per question of that week, ONE answer: the student's
//!   FIRST answer to it from an attempt of any kind (practice, terminal or web
//!   exam, released-form submission, CSV response), finished, or a practice
//!   even unfinished (practice shows the key right after each answer: an
//!   answer left in an open practice was given before its key was seen, and
//!   a later one after), "first" by the
//!   attempt's start, then its id, then the answer's time. Every later answer was
//!   given after the student could see the key (practice shows it right after
//!   the answer, an exam's results after submit), so counting the latest, the
//!   best, or an exam taken after practice would let a student practise, see
//!   every key and lift the week toward 100 %. A question a practice never
//!   showed (left unanswered when the practice was closed: stored `dropped`,
//!   see `attempt::unanswered_fills`) is no answer; an exam's unanswered
//!   question is (0 points). `dropped` answers count for nothing;
//! - quiz points per criterion: a question counts fully toward each of its criteria;
//! - checklist points per criterion: each scored item's level points (of the
//!   item's highest level) toward each criterion it evidences;
//! - a criterion's percent: quiz percent and checklist percent mixed by the week's
//!   `quiz_weight` when both were assessed, else whichever was;
//! - the week total: the criteria's percents averaged with the rubric's weights,
//!   over assessed criteria only. Nothing assessed: no total (not zero).

use crate::gradebook::{ChecklistScore, Row};
use crate::model::{Question, Rubric};
use std::collections::BTreeMap;

/// Points and maximum.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Pts {
    /// Earned.
    pub points: f64,
    /// Possible.
    pub max: f64,
}

impl Pts {
    fn add(&mut self, p: f64, m: f64) {
        self.points += p;
        self.max += m;
    }
    /// Percent (None when nothing was possible).
    pub fn percent(&self) -> Option<f64> {
        (self.max > 0.0).then(|| 100.0 * self.points / self.max)
    }
}

/// One student's week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WeekTotal {
    /// Quiz points by criterion id.
    pub quiz_by_criterion: BTreeMap<String, Pts>,
    /// Checklist points by criterion id.
    pub checklist_by_criterion: BTreeMap<String, Pts>,
    /// All quiz points.
    pub quiz: Pts,
    /// All checklist points.
    pub checklist: Pts,
    /// Attempts counted.
    pub attempts: usize,
    /// Latest answer time (UTC).
    pub last_activity: Option<String>,
    /// Answers awaiting review.
    pub needs_review: usize,
}

impl WeekTotal {
    /// Percent of a criterion, per the module rules.
    pub fn criterion_percent(&self, id: &str, quiz_weight: f64) -> Option<f64> {
        let q = self.quiz_by_criterion.get(id).and_then(Pts::percent);
        let c = self.checklist_by_criterion.get(id).and_then(Pts::percent);
        match (q, c) {
            (Some(q), Some(c)) => Some(quiz_weight * q + (1.0 - quiz_weight) * c),
            (q, c) => q.or(c),
        }
    }

    /// The weighted total percent.
    pub fn total_percent(&self, rubric: &Rubric) -> Option<f64> {
        let mut sum = 0.0;
        let mut weights = 0.0;
        for c in &rubric.criteria {
            if let Some(p) = self.criterion_percent(&c.id, rubric.scoring.quiz_weight) {
                sum += c.weight * p;
                weights += c.weight;
            }
        }
        (weights > 0.0).then(|| sum / weights)
    }
}

/// The counted answers by (student, question), and per student the attempts
/// seen and the time of the latest answer (of any attempt, counted or not).
pub type Counted<'a> = (
    BTreeMap<(&'a str, &'a str), &'a Row>,
    BTreeMap<&'a str, (usize, &'a str)>,
);

/// Which of two answers to one question counts: lower is better, the earlier
/// attempt (start, id), then the earlier answer (time, position).
fn rank(r: &Row) -> (&str, i64, &str, usize) {
    (
        r.started_at.as_str(),
        r.attempt_id,
        r.answered_at.as_str(),
        r.position,
    )
}

/// A question a closed practice never showed: no answer at all (and
/// `regrade` leaves it so).
pub fn never_shown(r: &Row) -> bool {
    r.mode != "exam"
        && r.status.as_deref() == Some("dropped")
        && r.response == crate::score::Response::Skipped
}

/// The answers that count for `week`: per (student, question), the first answer
/// from a finished attempt of any kind (see the module rules). Also returns the attempts seen per student.
pub fn counted<'a, 'q>(
    week: u32,
    rows: &'a [Row],
    question: &dyn Fn(&str) -> Option<(u32, &'q Question)>,
) -> Counted<'a> {
    let mut first: BTreeMap<(&str, &str), &Row> = BTreeMap::new();
    let mut attempts: BTreeMap<&str, (std::collections::BTreeSet<i64>, &str)> = BTreeMap::new();
    for r in rows {
        if (r.finished_at.is_none() && r.mode != "practice") || never_shown(r) {
            continue;
        }
        // `question` is a lookup already (a cache in front of it cost as much).
        let w = question(&r.question_id).map(|(w, _)| w);
        if w != Some(week) {
            continue;
        }
        let seen = attempts.entry(&r.student).or_default();
        seen.0.insert(r.attempt_id);
        if seen.1 < r.answered_at.as_str() {
            seen.1 = &r.answered_at;
        }
        let e = first.entry((&r.student, &r.question_id)).or_insert(r);
        if rank(r) < rank(e) {
            *e = r;
        }
    }
    (
        first,
        attempts
            .into_iter()
            .map(|(s, (a, last))| (s, (a.len(), last)))
            .collect(),
    )
}

/// The answers that count in their week's total, by (attempt, position),
/// over every week of `rows`: what the review queues mark (an essay that
/// does not count still gets its score, for the student's feedback).
pub fn counted_answers<'q>(
    rows: &[Row],
    question: &dyn Fn(&str) -> Option<(u32, &'q Question)>,
) -> std::collections::HashSet<(i64, usize)> {
    let weeks: std::collections::BTreeSet<u32> = rows
        .iter()
        .filter_map(|r| question(&r.question_id).map(|(w, _)| w))
        .collect();
    weeks
        .into_iter()
        .flat_map(|w| {
            counted(w, rows, question)
                .0
                .into_values()
                .map(|r| (r.attempt_id, r.position))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Totals of every student with data in `week`.
pub fn week_totals<'q>(
    rubric: &Rubric,
    rows: &[Row],
    checklist: &[ChecklistScore],
    question: &dyn Fn(&str) -> Option<(u32, &'q Question)>,
) -> BTreeMap<String, WeekTotal> {
    totals_of(
        rubric,
        &counted(rubric.week, rows, question),
        checklist,
        question,
    )
}

/// Totals of every student in `counted` (what [`counted`] returned for the
/// rubric's week) and of those with checklist scores: [`week_totals`] for a
/// caller that also needs the counted answers (the report: counted once).
pub fn totals_of<'q>(
    rubric: &Rubric,
    (first, attempts): &Counted<'_>,
    checklist: &[ChecklistScore],
    question: &dyn Fn(&str) -> Option<(u32, &'q Question)>,
) -> BTreeMap<String, WeekTotal> {
    let mut out: BTreeMap<String, WeekTotal> = BTreeMap::new();
    for (&(student, qid), &r) in first {
        if !out.contains_key(student) {
            out.insert(student.to_string(), WeekTotal::default());
        }
        let Some(t) = out.get_mut(student) else {
            continue;
        };
        if r.status.as_deref() == Some("needs-review") {
            t.needs_review += 1;
        }
        if r.status.as_deref() == Some("dropped") {
            continue;
        }
        let (Some(p), Some(m)) = (r.points, r.max_points) else {
            continue;
        };
        t.quiz.add(p, m);
        if let Some((_, q)) = question(qid) {
            for c in &q.criteria {
                add_to(&mut t.quiz_by_criterion, c, p, m);
            }
        }
    }
    for (&s, &(n, last)) in attempts {
        if let Some(t) = out.get_mut(s) {
            t.attempts = n;
            t.last_activity = Some(last.to_string());
        }
    }
    for cs in checklist.iter().filter(|c| c.week == rubric.week) {
        let Some(item) = rubric.checklist.iter().find(|i| i.id == cs.item) else {
            continue;
        };
        let max = item.levels.iter().map(|l| l.points).fold(0.0, f64::max);
        let t = out.entry(cs.student.clone()).or_default();
        t.checklist.add(cs.points, max);
        for c in &item.criteria {
            add_to(&mut t.checklist_by_criterion, c, cs.points, max);
        }
        if t.last_activity
            .as_deref()
            .is_none_or(|l| l < cs.at.as_str())
        {
            t.last_activity = Some(cs.at.clone());
        }
    }
    out
}

/// Adds points to `key`'s entry of `map`; the key is copied only for a new
/// entry (most answers add to a criterion seen before).
fn add_to(map: &mut BTreeMap<String, Pts>, key: &str, p: f64, m: f64) {
    if let Some(x) = map.get_mut(key) {
        x.add(p, m);
        return;
    }
    let mut x = Pts::default();
    x.add(p, m);
    map.insert(key.to_string(), x);
}
