//! The gradebook: the only SQL in the crate. One SQLite file by default
//! (`sqlite/`), or a PostgreSQL database (`pg/`) for several servers on one
//! shared database. Times are stored in UTC (RFC 3339) and shown in local time.
//!
//! This file holds what both backends share: the plain types the commands
//! read and write.

use crate::model::{Form, Mode};
use crate::score::Response;
use chrono::Utc;

pub mod pg;
mod sqlite;

mod backend;

pub use backend::{Bulk, Gradebook};
pub use sqlite::{AttemptInfo, Fill, FormRecord, OpenAttempt, Progress, WebQuiz, WebSession};
pub use sqlite::{DEFAULT_LEASE_TTL, new_holder};

/// The identity of a CSV row: student, question and the answer as
/// normalized and stored; the first 128 bits of the SHA-256 of the three
/// (joined by 0x1f), so a collision is out of the question. Gradebooks
/// graded before kept it in `csv_rows` as 32 hex digits: the same number.
pub fn csv_row_key(student: &str, question: &str, answer: &str) -> u128 {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(student.as_bytes());
    h.update([0x1f]);
    h.update(question.as_bytes());
    h.update([0x1f]);
    h.update(answer.as_bytes());
    let d = h.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&d[..16]);
    u128::from_be_bytes(first)
}

/// Days until a question in Leitner box n (1-based) comes back.
pub const LEITNER_DAYS: [i64; 4] = [1, 2, 4, 8];

/// A student on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    /// Id (`[A-Za-z0-9._-]{1,64}`).
    pub id: String,
    /// Name.
    pub name: String,
    /// Email, optional.
    pub email: Option<String>,
}

/// An attempt row.
#[derive(Debug, Clone)]
pub struct Attempt {
    /// Row id.
    pub id: i64,
    /// Attempt number for this student and unit (1-based).
    pub attempt_no: u32,
    /// Mode.
    pub mode: Mode,
    /// The form (question ids and orders).
    pub form: Form,
    /// Started (UTC, RFC 3339).
    pub started_at: String,
    /// Finished (UTC, RFC 3339), if it was.
    pub finished_at: Option<String>,
}

/// A stored answer.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    /// Position in the form.
    pub position: usize,
    /// Question id.
    pub question_id: String,
    /// The response.
    pub response: Response,
    /// Points, once graded.
    pub points: Option<f64>,
    /// Max points, once graded.
    pub max_points: Option<f64>,
    /// auto, needs-review, manual, dropped.
    pub status: Option<String>,
    /// The instructor's comment (a reviewed essay).
    pub comment: Option<String>,
}

/// Now, UTC, RFC 3339 with seconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// One stored answer with its attempt, for grading, review and reports.
#[derive(Debug, Clone)]
pub struct Row {
    /// Attempt row id.
    pub attempt_id: i64,
    /// Position in the attempt.
    pub position: usize,
    /// Student.
    pub student: String,
    /// Attempt unit.
    pub unit: String,
    /// Attempt number.
    pub attempt_no: u32,
    /// Where the attempt came from: take, submission, csv.
    pub origin: String,
    /// Question id.
    pub question_id: String,
    /// The response.
    pub response: Response,
    /// Points (None: not graded).
    pub points: Option<f64>,
    /// Max points.
    pub max_points: Option<f64>,
    /// auto, needs-review, manual, dropped.
    pub status: Option<String>,
    /// Instructor's comment.
    pub comment: Option<String>,
    /// When answered.
    pub answered_at: String,
    /// When the attempt finished (None: unfinished).
    pub finished_at: Option<String>,
    /// The attempt's mode: `exam` (also every released-form submission and
    /// CSV response) or `practice` (keys shown after each answer).
    pub mode: String,
    /// When the attempt started (UTC, RFC 3339): which attempt came first.
    pub started_at: String,
}

/// A manual checklist score.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistScore {
    /// Student.
    pub student: String,
    /// Week.
    pub week: u32,
    /// Checklist item id.
    pub item: String,
    /// Level name.
    pub level: String,
    /// Points of that level.
    pub points: f64,
    /// Who scored it.
    pub by: String,
    /// When.
    pub at: String,
}

/// Stored answers parsed once per distinct text, for reads of a whole week
/// (the report's): most answers are one of a few option ids per question, and
/// parsing one again costs far more than finding it. Long texts (essays, each
/// unique) are parsed and not kept; the cache starts over past 4,096 texts.
pub(crate) struct ParsedResponses {
    seen: std::collections::HashMap<String, Response>,
}

impl ParsedResponses {
    /// The most texts kept.
    const KEEP: usize = 4096;
    /// The longest text kept, in bytes.
    const LONGEST: usize = 256;

    pub(crate) fn new() -> Self {
        ParsedResponses {
            seen: std::collections::HashMap::new(),
        }
    }

    /// The answer stored as `text` (what [`crate::yaml::parse_response`] gives).
    pub(crate) fn parse(&mut self, text: &str) -> crate::error::Result<Response> {
        if let Some(r) = self.seen.get(text) {
            return Ok(r.clone());
        }
        let r = crate::yaml::parse_response(text)
            .map_err(|d| crate::error::Error::Usage(d.to_string()))?;
        if text.len() <= Self::LONGEST {
            if self.seen.len() >= Self::KEEP {
                self.seen.clear();
            }
            self.seen.insert(text.to_string(), r.clone());
        }
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A parse from the cache is the parse of the text, whatever came before
    /// (a choice, a match, a long essay that is not kept, an unreadable
    /// text), also after the cache started over.
    #[test]
    fn parsed_responses_give_what_parsing_gives() -> crate::error::Result<()> {
        let essay = Response::Text("긴 답 ".repeat(100));
        let answers = [
            Response::Choice("b".into()),
            Response::Match(
                [
                    ("a".to_string(), "x: y".to_string()),
                    ("c".into(), "d".into()),
                ]
                .into(),
            ),
            Response::Order(vec!["b".into(), "a".into()]),
            Response::Bool(false),
            Response::Skipped,
            essay,
        ];
        let mut parsed = ParsedResponses::new();
        for round in 0..3 {
            for a in &answers {
                let text = crate::yaml::response_to_string(a);
                assert_eq!(&parsed.parse(&text)?, a, "round {round}: {text}");
            }
            assert!(parsed.parse("kind: [unclosed").is_err());
            // More texts than kept: the cache starts over, answers stay right.
            for i in 0..ParsedResponses::KEEP + 10 {
                let text = format!("kind: choice\nvalue: o{i}\n");
                assert_eq!(parsed.parse(&text)?, Response::Choice(format!("o{i}")));
            }
            assert!(parsed.seen.len() <= ParsedResponses::KEEP);
        }
        assert!(
            parsed
                .seen
                .keys()
                .all(|k| k.len() <= ParsedResponses::LONGEST)
        );
        Ok(())
    }
}
