//! `multi` ("select all that apply"), three rules:
//! - `all-or-nothing`: 1 for exactly the right set, else 0;
//! - `partial` (default): +1/#correct per right tick, -1/max(#wrong options, 2)
//!   per wrong tick, floored at 0;
//! - `right-minus-wrong`: max(0, (#right ticked - #wrong ticked) / #correct).
//!
//! When options carry GIFT-style `weight`s (percent), those weights are used
//! instead: the sum of ticked weights / 100, clamped to 0..=1.

use super::Response;
use crate::model::{Answer, MultiRule, Question};
use std::collections::BTreeSet;

/// How far (in percent points) the positive weights of a question may add up
/// from 100 %: `quiz check` allows no more, GIFT import warns beyond it, and a
/// student ticking every right option within it scores the whole.
pub const WEIGHT_SUM_TOLERANCE: f64 = 0.005;

/// Fraction of the points, 0..=1.
pub fn score(q: &Question, r: &Response, rule: MultiRule) -> f64 {
    let ticked: BTreeSet<&str> = match r {
        Response::Multi(ids) => ids.iter().map(String::as_str).collect(),
        Response::Choice(id) => std::iter::once(id.as_str()).collect(),
        _ => return 0.0,
    };
    // Ticks of ids that are not options count for nothing.
    let ticked: BTreeSet<&str> = ticked
        .into_iter()
        .filter(|t| q.options.iter().any(|o| o.id == *t))
        .collect();
    if q.options.iter().any(|o| o.weight.is_some()) {
        let sum: f64 = q
            .options
            .iter()
            .filter(|o| ticked.contains(o.id.as_str()))
            .map(|o| o.weight.unwrap_or(0.0))
            .sum();
        // Moodle's shares of 100 (33.33333 x 3) add up to just under it:
        // within the tolerance `quiz check` allows, that is the whole.
        if (sum - 100.0).abs() < WEIGHT_SUM_TOLERANCE {
            return 1.0;
        }
        return (sum / 100.0).clamp(0.0, 1.0);
    }
    let correct: BTreeSet<&str> = match &q.answer {
        Some(Answer::Many(v)) => v.iter().map(String::as_str).collect(),
        Some(Answer::One(x)) => std::iter::once(x.as_str()).collect(),
        _ => return 0.0,
    };
    if correct.is_empty() {
        return 0.0;
    }
    let right = ticked.intersection(&correct).count() as f64;
    let wrong = ticked.difference(&correct).count() as f64;
    let n_correct = correct.len() as f64;
    let n_wrong_options = (q.options.len() - correct.len()) as f64;
    match rule {
        MultiRule::AllOrNothing => f64::from(u8::from(ticked == correct)),
        MultiRule::Partial => (right / n_correct - wrong / n_wrong_options.max(2.0)).max(0.0),
        MultiRule::RightMinusWrong => ((right - wrong) / n_correct).max(0.0),
    }
}
