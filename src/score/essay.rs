//! `essay`: a keyword rubric. Each concept found in the answer (its name or any
//! accepted phrasing, compared after normalization, as a substring) earns its
//! points, capped at the question's points. The result needs review until an
//! instructor confirms or overrides it.

use super::{Outcome, Response, Status};
use crate::model::Question;
use crate::text::normalize;

/// Score an essay; always `NeedsReview`.
pub fn score(q: &Question, r: &Response) -> Outcome {
    let text = match r {
        Response::Text(t) => normalize(t),
        _ => String::new(),
    };
    let mut points = 0.0;
    let mut matched = Vec::new();
    if !text.is_empty() {
        for c in &q.rubric {
            let found = std::iter::once(&c.concept).chain(&c.accept).any(|p| {
                let p = normalize(p);
                !p.is_empty() && text.contains(&p)
            });
            if found {
                points += c.points;
                matched.push(c.concept.clone());
            }
        }
    }
    Outcome {
        points: points.min(q.points).max(0.0),
        max: q.points,
        status: Status::NeedsReview,
        matched,
    }
}
