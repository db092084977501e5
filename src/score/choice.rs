//! `choice` and `truefalse`: full points if right; a wrong answer scores
//! `-penalty` (default 0: no negative marking); unanswered 0.

use super::Response;
use crate::model::{Answer, Question};

/// Fraction of the points (1, 0 or -penalty).
pub fn score(q: &Question, r: &Response, penalty: f64) -> f64 {
    let right = match (&q.answer, r) {
        (Some(Answer::One(key)), Response::Choice(id)) => key == id,
        (Some(Answer::Bool(key)), Response::Bool(b)) => key == b,
        (_, Response::Skipped) => return 0.0,
        _ => false,
    };
    if right { 1.0 } else { -penalty.abs() }
}
