//! Scoring: a question, a response and the week's rules -> points.
//!
//! Pure functions, one file per kind; the same code scores practice feedback,
//! exam results, graded submissions and regrades. Responses are stored and
//! scored by option/item id, never by display position, so shuffling a form
//! never changes a score.

pub mod choice;
pub mod essay;
pub mod matching;
pub mod multi;
pub mod order;
pub mod text;

use crate::model::{Kind, Question, ScoringRules};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a student answered, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum Response {
    /// No answer (skipped).
    Skipped,
    /// choice: an option id.
    Choice(String),
    /// multi: option ids ticked.
    Multi(Vec<String>),
    /// truefalse.
    Bool(bool),
    /// short, cloze, essay: the text typed.
    Text(String),
    /// order: item ids in the order given.
    Order(Vec<String>),
    /// match: left id -> right id.
    Match(BTreeMap<String, String>),
}

/// How a score was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Computed by a rule; final.
    Auto,
    /// Suggested by the keyword rubric; an instructor must confirm.
    NeedsReview,
    /// Set by an instructor.
    Manual,
    /// The question left the bank: worth 0 of 0.
    Dropped,
}

impl Status {
    /// Text stored in the gradebook.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Auto => "auto",
            Status::NeedsReview => "needs-review",
            Status::Manual => "manual",
            Status::Dropped => "dropped",
        }
    }
}

/// A scored response.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Points earned (negative only with negative marking).
    pub points: f64,
    /// The question's points.
    pub max: f64,
    /// Auto, or needs review for essays.
    pub status: Status,
    /// Concepts found (essays), for feedback.
    pub matched: Vec<String>,
}

impl Outcome {
    fn auto(fraction: f64, max: f64) -> Self {
        Outcome {
            // `+ 0.0` turns a wrong answer's -0 (no penalty) into 0: stored
            // and printed as 0, never -0.
            points: fraction * max + 0.0,
            max,
            status: Status::Auto,
            matched: Vec::new(),
        }
    }

    /// A question no longer in the bank: dropped, 0 of 0 (as `regrade` does).
    pub fn dropped() -> Self {
        Outcome {
            points: 0.0,
            max: 0.0,
            status: Status::Dropped,
            matched: Vec::new(),
        }
    }

    /// Whether the response earned full points.
    pub fn is_correct(&self) -> bool {
        self.max > 0.0 && (self.points - self.max).abs() < 1e-9
    }
}

/// The rules that apply to `q`: the week's, with the question's overrides.
pub fn effective(q: &Question, week: &ScoringRules) -> ScoringRules {
    let mut r = week.clone();
    if let Some(o) = &q.scoring {
        r.penalty = o.penalty.unwrap_or(r.penalty);
        r.multi = o.multi.unwrap_or(r.multi);
        r.order = o.order.unwrap_or(r.order);
        r.typo_tolerance = o.typo_tolerance.unwrap_or(r.typo_tolerance);
    }
    r
}

/// Score `response` to `q` under the week's `rules` (and the question's overrides).
pub fn score(q: &Question, response: &Response, rules: &ScoringRules) -> Outcome {
    let owned;
    let rules = if q.scoring.is_some() {
        owned = effective(q, rules);
        &owned
    } else {
        rules
    };
    let max = q.points;
    // A skipped answer of any kind (an essay too) is 0 and final: there is
    // nothing for an instructor to review.
    if matches!(response, Response::Skipped) {
        return Outcome::auto(0.0, max);
    }
    match q.kind {
        Kind::Choice | Kind::Truefalse => Outcome {
            // Never -0 (a wrong answer without penalty): see `Outcome::auto`.
            points: choice::score(q, response, rules.penalty) * max + 0.0,
            ..Outcome::auto(0.0, max)
        },
        Kind::Multi => Outcome::auto(multi::score(q, response, rules.multi), max),
        Kind::Short | Kind::Cloze => {
            Outcome::auto(text::score(q, response, rules.typo_tolerance), max)
        }
        Kind::Order => Outcome::auto(order::score(q, response, rules.order), max),
        Kind::Match => Outcome::auto(matching::score(q, response), max),
        Kind::Essay => essay::score(q, response),
    }
}

#[cfg(test)]
mod tests;
