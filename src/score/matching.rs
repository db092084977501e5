//! `match`: the fraction of left items matched to their right item.

use super::Response;
use crate::model::{Answer, Question};

/// Fraction of the points, 0..=1.
pub fn score(q: &Question, r: &Response) -> f64 {
    let (Some(Answer::Pairs(key)), Response::Match(given)) = (&q.answer, r) else {
        return 0.0;
    };
    if key.is_empty() {
        return 0.0;
    }
    let right = key
        .iter()
        .filter(|(l, rr)| given.get(*l) == Some(*rr))
        .count();
    right as f64 / key.len() as f64
}
