//! Moving questions between this engine and an LMS: GIFT (export and import)
//! and Moodle XML (export).
//!
//! Neither format has `order` questions: both write them as a matching of the
//! items to their positions ("1", "2", ...), and GIFT import turns such a
//! matching back into `order`. `cloze` is written as a short answer whose text
//! keeps its `____` blank; GIFT import reads such a short answer, and GIFT's
//! missing-word form (`Two plus {=two} equals four.`), as `cloze`. Points, criteria, tags, sources and essay rubrics have no place in
//! either format and are not carried.

pub mod gift;
pub mod moodle_xml;

use crate::model::{Answer, Kind, MultiRule, Question};

/// Credit in percent for each option of a multi question: positive weights
/// summing to 100 over the right options, wrong options negative as `rule`
/// implies (partial: -100/max(#wrong, 2); right-minus-wrong: -100/#correct;
/// all-or-nothing: -100). Explicit option weights win.
pub fn multi_fractions(q: &Question, rule: MultiRule) -> Vec<f64> {
    let rule = q.scoring.as_ref().and_then(|s| s.multi).unwrap_or(rule);
    if q.options.iter().any(|o| o.weight.is_some()) {
        return q.options.iter().map(|o| o.weight.unwrap_or(0.0)).collect();
    }
    let correct: Vec<&str> = match &q.answer {
        Some(Answer::Many(v)) => v.iter().map(String::as_str).collect(),
        Some(Answer::One(x)) => vec![x.as_str()],
        _ => Vec::new(),
    };
    let n_right = correct.len().max(1) as f64;
    let n_wrong = (q.options.len() - correct.len().min(q.options.len())) as f64;
    let wrong = match rule {
        MultiRule::Partial => -100.0 / n_wrong.max(2.0),
        MultiRule::RightMinusWrong => -100.0 / n_right,
        MultiRule::AllOrNothing => -100.0,
    };
    q.options
        .iter()
        .map(|o| {
            if correct.contains(&o.id.as_str()) {
                100.0 / n_right
            } else {
                wrong
            }
        })
        .collect()
}

/// A percentage as Moodle writes it: up to 5 decimals, no trailing zeros.
pub fn percent(f: f64) -> String {
    let s = format!("{f:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Why a question cannot be exported, if it cannot.
pub fn not_exportable(q: &Question) -> Option<&'static str> {
    match (&q.kind, &q.answer) {
        (Kind::Essay, _) => None,
        (_, None) => Some("it has no answer"),
        (Kind::Choice, Some(Answer::One(_))) | (Kind::Truefalse, Some(Answer::Bool(_))) => None,
        (Kind::Multi, Some(Answer::Many(v))) if !v.is_empty() => None,
        (Kind::Short | Kind::Cloze, Some(Answer::Many(v))) if !v.is_empty() => {
            if q.kind == Kind::Cloze && q.prompt.matches("____").count() != 1 {
                Some("a cloze needs exactly one ____ blank")
            } else {
                None
            }
        }
        (Kind::Order, Some(Answer::Many(v))) if v.len() >= 2 => None,
        (Kind::Match, Some(Answer::Pairs(m))) if !m.is_empty() => None,
        _ => Some("its answer does not fit its kind"),
    }
}
