//! Forms (what one student is asked, in which order) and submissions.

use super::bank::{Choice, Kind, Question};
use crate::score::Response;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Released forms: bank id of each option, item or column entry -> the
    /// random token printed for it on this form (see [`random_tokens`]). Kept
    /// only in the gradebook's record of the form, never derived from ids.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tokens: BTreeMap<String, String>,
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

/// Random bytes from the operating system (forms' tokens, lease holders).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS source does not fail on the platforms quiz supports; if it ever
    // did, a time-based fallback still gives distinct values per call.
    if getrandom::fill(&mut buf).is_err() {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (t >> ((i % 16) * 8)) as u8 ^ (i as u8);
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Give every option, item and column entry of `item` a random 6-hex-digit
/// token, distinct within the question. Tokens carry no information: they are
/// drawn from the OS random source for each released form and kept with the
/// form's record in the gradebook, which is the only way back to the bank ids.
pub fn random_tokens(q: &Question, item: &mut FormItem) {
    let mut tokens: BTreeMap<String, String> = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    for c in q
        .options
        .iter()
        .chain(&q.items)
        .chain(&q.left)
        .chain(&q.right)
    {
        if tokens.contains_key(&c.id) {
            continue;
        }
        let t = loop {
            let t = random_hex(3);
            if used.insert(t.clone()) {
                break t;
            }
        };
        tokens.insert(c.id.clone(), t);
    }
    item.tokens = tokens;
}

impl FormQuestion {
    /// The question as printed on a released form: parts in form order, ids
    /// replaced by the form's random tokens (`item.tokens`, see [`random_tokens`]).
    pub fn released(q: &Question, item: &FormItem) -> Self {
        let mut f = FormQuestion::new(q, item);
        for list in [&mut f.options, &mut f.items, &mut f.left, &mut f.right] {
            for c in list.iter_mut() {
                if let Some(t) = item.tokens.get(&c.id) {
                    c.id = t.clone();
                }
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
