//! `essay`: a keyword rubric. Each concept found in the answer (its name or any
//! accepted phrasing, compared after normalization, as a substring) earns its
//! points, capped at the question's points. The result needs review until an
//! instructor confirms or overrides it.
//!
//! A concept that occurs in the question's own prompt never earns points
//! (copying the question is not an answer), and an accepted phrasing found in
//! the prompt is ignored. An essay with no rubric gets a suggestion of 0. A
//! blank answer is a skipped one: 0 and final.

use super::{Outcome, Response, Status};
use crate::model::Question;
use crate::text::normalize;

/// Whether the (normalized, non-empty) phrase `p` occurs in the normalized `prompt`.
fn in_prompt(prompt: &str, p: &str) -> bool {
    !p.is_empty() && prompt.contains(p)
}

/// Score an essay: `NeedsReview`, or `Auto` 0 when the answer is blank.
pub fn score(q: &Question, r: &Response) -> Outcome {
    let text = match r {
        Response::Text(t) => normalize(t),
        _ => String::new(),
    };
    if text.is_empty() {
        return Outcome {
            points: 0.0,
            max: q.points,
            status: Status::Auto,
            matched: Vec::new(),
        };
    }
    let prompt = normalize(&q.prompt);
    let mut points = 0.0;
    let mut matched = Vec::new();
    for c in &q.rubric {
        if in_prompt(&prompt, &normalize(&c.concept)) {
            continue;
        }
        let found = std::iter::once(&c.concept).chain(&c.accept).any(|p| {
            let p = normalize(p);
            !p.is_empty() && !in_prompt(&prompt, &p) && text.contains(&p)
        });
        if found {
            points += c.points;
            matched.push(c.concept.clone());
        }
    }
    Outcome {
        points: points.min(q.points).max(0.0),
        max: q.points,
        status: Status::NeedsReview,
        matched,
    }
}
