//! Forms (what one student is asked, in which order) and submissions.

use super::bank::{Choice, Kind, Question};
use crate::score::Response;
use serde::{Deserialize, Serialize};

/// Practice (feedback after each answer) or exam (feedback at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Right/wrong, the key and the source line after each answer.
    Practice,
    /// No feedback until the end.
    Exam,
}

impl Mode {
    /// Name stored in the gradebook.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
        }
    }
}

/// One question of a form: its id and the display order of its parts, as ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormItem {
    /// Question id.
    pub question: String,
    /// choice, multi: option ids in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// order: item ids in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// match: left ids in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<String>,
    /// match: right ids in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right: Vec<String>,
    /// Drawn from the student's review boxes (Leitner).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
}

/// A form: everything needed to show the same quiz again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// `<student>-<unit>-<attempt>` or `<student>-<unit>-release`.
    pub form_id: String,
    /// Unit prefix the questions were drawn from.
    pub unit: String,
    /// Student id.
    pub student: String,
    /// The seed of the draw.
    pub seed: u64,
    /// Hash of the bank files the form was drawn from.
    pub bank_version: String,
    /// Questions in display order.
    pub items: Vec<FormItem>,
}

/// A question as shown on a released form: no key, no rubric, no feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormQuestion {
    /// Question id (answers are recorded by it).
    pub id: String,
    /// Kind.
    pub kind: Kind,
    /// Text.
    pub prompt: String,
    /// Points.
    pub points: f64,
    /// choice, multi: options in display order (ids kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// order: items in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Choice>,
    /// match: left column in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<Choice>,
    /// match: right column in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right: Vec<Choice>,
}

/// A released form file: a form with its questions, nothing that reveals an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleasedForm {
    /// Form id.
    pub form_id: String,
    /// Unit.
    pub unit: String,
    /// Student id.
    pub student: String,
    /// Seed of the draw.
    pub seed: u64,
    /// Bank version.
    pub bank_version: String,
    /// Questions in display order.
    pub questions: Vec<FormQuestion>,
}

/// One recorded answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedAnswer {
    /// Question id.
    pub question: String,
    /// The response, by id.
    pub response: Response,
    /// When it was given (RFC 3339, UTC).
    pub answered_at: String,
}

/// A submission file written by `quiz take --form`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Form id.
    pub form_id: String,
    /// Unit.
    pub unit: String,
    /// Student id.
    pub student: String,
    /// Seed of the form.
    pub seed: u64,
    /// Started (RFC 3339, UTC).
    pub started_at: String,
    /// Submitted (RFC 3339, UTC); absent while unfinished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// Answers by question id.
    #[serde(default)]
    pub answers: Vec<SubmittedAnswer>,
}

fn ordered(list: &[Choice], order: &[String]) -> Vec<Choice> {
    order
        .iter()
        .filter_map(|id| list.iter().find(|c| &c.id == id))
        .map(|c| Choice::new(c.id.clone(), c.text.clone()))
        .collect()
}

/// An opaque per-form token for an option/item id, so that a released form's
/// ids (e.g. order items `a, b, c` stored in the right order) reveal nothing.
/// Grading maps tokens back by recomputing them from the form id.
pub fn token(form_id: &str, question: &str, id: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for p in [form_id, question, id] {
        h.update((p.len() as u32).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize()
        .iter()
        .take(3)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl FormQuestion {
    /// The question as printed on a released form: parts in form order, ids
    /// replaced by [`token`]s.
    pub fn released(q: &Question, item: &FormItem, form_id: &str) -> Self {
        let mut f = FormQuestion::new(q, item);
        for list in [&mut f.options, &mut f.items, &mut f.left, &mut f.right] {
            for c in list.iter_mut() {
                c.id = token(form_id, &q.id, &c.id);
            }
        }
        f
    }

    /// The question as displayed by `item`: parts in form order, no key.
    pub fn new(q: &Question, item: &FormItem) -> Self {
        FormQuestion {
            id: q.id.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
            points: q.points,
            options: ordered(&q.options, &item.options),
            items: ordered(&q.items, &item.items),
            left: ordered(&q.left, &item.left),
            right: ordered(&q.right, &item.right),
        }
    }
}
