//! The question bank: one [`QuestionFile`] per source document (or per hand-written file).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One YAML file under `questions/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionFile {
    /// Unit id: `w5` (week overview), `w3d5` (day overview), `w3d5s8` (session).
    pub unit: String,
    /// Title of the unit, from the document's first heading.
    #[serde(default)]
    pub title: String,
    /// The curriculum document this file was generated from. Absent for hand-written
    /// files, which `quiz extract` never touches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The questions, in document order.
    #[serde(default)]
    pub questions: Vec<Question>,
}

/// The kind of a question; decides which fields are used and how it is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One right option among several.
    Choice,
    /// Several right options ("select all that apply").
    Multi,
    /// A statement that is true or false.
    Truefalse,
    /// A typed answer compared with accepted answers after normalization.
    Short,
    /// A sentence with one blank, answered by typing.
    Cloze,
    /// Put items in the right order.
    Order,
    /// Match each left item with a right item.
    Match,
    /// Free text scored by a keyword rubric and reviewed by an instructor.
    Essay,
}

impl Kind {
    /// Every kind, in the order tables show them.
    pub const ALL: [Kind; 8] = [
        Kind::Choice,
        Kind::Multi,
        Kind::Truefalse,
        Kind::Short,
        Kind::Cloze,
        Kind::Order,
        Kind::Match,
        Kind::Essay,
    ];

    /// The name used in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Choice => "choice",
            Kind::Multi => "multi",
            Kind::Truefalse => "truefalse",
            Kind::Short => "short",
            Kind::Cloze => "cloze",
            Kind::Order => "order",
            Kind::Match => "match",
            Kind::Essay => "essay",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An option (choice, multi), an item (order) or one side of a match, with a stable id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Stable id (`a`, `b`, ... for options and items, `x`, `y`, ... for match right side).
    pub id: String,
    /// Text shown to the student.
    pub text: String,
    /// Optional credit in percent for this option (-100..=100), as GIFT `~%50%`
    /// weights. When absent the week's scoring rule decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

impl Choice {
    /// An option without a weight.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Choice {
            id: id.into(),
            text: text.into(),
            weight: None,
        }
    }
}

/// The key. Its shape depends on the kind:
/// choice: option id; multi: list of option ids; truefalse: true/false;
/// short, cloze: list of accepted answers; order: item ids in order;
/// match: map left id -> right id; essay: absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, from = "RawAnswer")]
pub enum Answer {
    /// truefalse
    Bool(bool),
    /// choice
    One(String),
    /// multi, short, cloze, order
    Many(Vec<String>),
    /// match
    Pairs(BTreeMap<String, String>),
}

/// A YAML scalar read as text: instructors may write `42` or `yes` where text is meant.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

impl From<Scalar> for String {
    fn from(s: Scalar) -> String {
        match s {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(t) => t,
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawAnswer {
    Bool(bool),
    One(Scalar),
    Many(Vec<Scalar>),
    Pairs(BTreeMap<String, Scalar>),
}

impl From<RawAnswer> for Answer {
    fn from(r: RawAnswer) -> Self {
        match r {
            RawAnswer::Bool(b) => Answer::Bool(b),
            RawAnswer::One(s) => Answer::One(s.into()),
            RawAnswer::Many(v) => Answer::Many(v.into_iter().map(String::from).collect()),
            RawAnswer::Pairs(m) => {
                Answer::Pairs(m.into_iter().map(|(k, v)| (k, v.into())).collect())
            }
        }
    }
}

impl Answer {
    /// The answer as a list of strings (one element for `One`, `["true"]` for `Bool`).
    pub fn as_list(&self) -> Vec<String> {
        match self {
            Answer::Bool(b) => vec![b.to_string()],
            Answer::One(s) => vec![s.clone()],
            Answer::Many(v) => v.clone(),
            Answer::Pairs(m) => m.iter().map(|(k, v)| format!("{k}:{v}")).collect(),
        }
    }
}

/// One concept of a keyword rubric: found in the answer (in any accepted phrasing),
/// it earns its points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// The concept as an instructor names it.
    pub concept: String,
    /// Points it earns.
    #[serde(default = "one")]
    pub points: f64,
    /// Accepted phrasings (Korean and English); the concept name itself is always accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
}

fn one() -> f64 {
    1.0
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_one(p: &f64) -> bool {
    (*p - 1.0).abs() < f64::EPSILON
}

/// Per-question overrides of the week's scoring rules (any subset).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringOverride {
    /// Fraction of points taken for a wrong choice/truefalse answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<f64>,
    /// all-or-nothing | partial | right-minus-wrong
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi: Option<super::rubric::MultiRule>,
    /// adjacent | exact | position
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<super::rubric::OrderRule>,
    /// Accept one typo in short answers of 5 or more characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typo_tolerance: Option<bool>,
}

/// Where a generated question came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// The Markdown file, relative to the project root.
    pub file: String,
    /// 1-based line the question was made from (for outline questions, the group heading).
    pub line: usize,
    /// The heading of the section the line is in.
    #[serde(default)]
    pub heading: String,
}

/// One question. Which fields are used depends on `kind` (see README).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable id, `<unit>-<6 hex>`; never reused for another question.
    pub id: String,
    /// choice | multi | truefalse | short | cloze | order | match | essay
    pub kind: Kind,
    /// The question text; for cloze, the sentence with `____` for the blank.
    pub prompt: String,
    /// choice, multi: the options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// order: the items (the answer lists their ids in the right order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Choice>,
    /// match: the left column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left: Vec<Choice>,
    /// match: the right column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right: Vec<Choice>,
    /// The key (see [`Answer`]); omitted for essays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// essay (optionally short): concepts that earn points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubric: Vec<Concept>,
    /// Points the question is worth.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub points: f64,
    /// Ids of the weekly criteria (in `rubrics/week_NN.yaml`) it assesses.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Free tags; extraction adds the generator name and `criterion-closest` when
    /// no criterion matched by terms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// General feedback shown after answering (practice mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Overrides of the week's scoring rules for this question only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringOverride>,
    /// Where it came from; absent for hand-written questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceRef>,
    /// true: an instructor edited it; extract never overwrites it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub locked: bool,
    /// `hidden`: an instructor dropped it. `draft`: extract made it and no
    /// instructor has signed it yet (`quiz sign`). Take, serve, release and
    /// export use neither; extract keeps the status when it makes the question
    /// again. Absent: served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
}

/// What an instructor decided about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Never served, released or exported; kept in the bank (and across re-extraction).
    Hidden,
    /// Made by `quiz extract` and not yet signed by an instructor: not served,
    /// released or exported until `quiz sign` removes the status.
    Draft,
}

impl Question {
    /// A question with every optional field empty.
    pub fn new(id: impl Into<String>, kind: Kind, prompt: impl Into<String>) -> Self {
        Question {
            id: id.into(),
            kind,
            prompt: prompt.into(),
            options: Vec::new(),
            items: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            answer: None,
            rubric: Vec::new(),
            points: 1.0,
            criteria: Vec::new(),
            tags: Vec::new(),
            feedback: None,
            scoring: None,
            source: None,
            locked: false,
            status: None,
        }
    }

    /// Whether an instructor hid it (`status: hidden`).
    pub fn is_hidden(&self) -> bool {
        self.status == Some(Status::Hidden)
    }

    /// Whether it waits for an instructor's signature (`status: draft`).
    pub fn is_draft(&self) -> bool {
        self.status == Some(Status::Draft)
    }

    /// The correct answer in words, for feedback screens and `quiz show`.
    pub fn answer_text(&self) -> String {
        let find = |list: &[Choice], id: &str| {
            list.iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_string(), |c| c.text.clone())
        };
        match (&self.kind, &self.answer) {
            (_, None) => self
                .rubric
                .iter()
                .map(|c| c.concept.clone())
                .collect::<Vec<_>>()
                .join(", "),
            (Kind::Choice, Some(Answer::One(id))) => find(&self.options, id),
            (Kind::Multi, Some(Answer::Many(ids))) => ids
                .iter()
                .map(|id| find(&self.options, id))
                .collect::<Vec<_>>()
                .join(" | "),
            (Kind::Order, Some(Answer::Many(ids))) => ids
                .iter()
                .map(|id| find(&self.items, id))
                .collect::<Vec<_>>()
                .join(" → "),
            (Kind::Match, Some(Answer::Pairs(m))) => m
                .iter()
                .map(|(l, r)| format!("{} → {}", find(&self.left, l), find(&self.right, r)))
                .collect::<Vec<_>>()
                .join("; "),
            (Kind::Truefalse, Some(Answer::Bool(b))) => {
                if *b { "참 (O)" } else { "거짓 (X)" }.to_string()
            }
            (_, Some(a)) => a.as_list().join(" | "),
        }
    }
}
