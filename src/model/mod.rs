//! Plain, documented data: the formats instructors read and edit by hand.
//!
//! These types are the contract between stages (extract -> check -> quiz ->
//! score -> report). They hold no I/O; reading and writing them as YAML lives in
//! [`crate::yaml`].

pub mod bank;
pub mod form;
pub mod rubric;

pub use bank::{
    Answer, Choice, Concept, Kind, Question, QuestionFile, ScoringOverride, SourceRef, Status,
};
pub use form::{Form, FormItem, FormQuestion, Mode, ReleasedForm, Submission, SubmittedAnswer};
pub use rubric::{
    ChecklistItem, Criterion, Indicator, Level, MultiRule, OrderRule, Rubric, ScoringRules,
};
