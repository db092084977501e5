//! `short` and `cloze`: right when the answer equals an accepted answer after
//! normalization ([`crate::text::normalize`]: NFKC, case-fold, white space
//! collapsed, spaces ignored inside Hangul phrases, surrounding punctuation
//! trimmed). With typo tolerance, one edit is forgiven for accepted answers of
//! 5 or more characters. Aliases are simply more accepted answers
//! (선언적 배포 and declarative deployment in one list).

use super::Response;
use crate::model::{Answer, Question};
use crate::text::{normalize, within_one_edit};

/// Whether `given` matches one of `accepted`.
pub fn matches(given: &str, accepted: &[String], typo_tolerance: bool) -> bool {
    let g = normalize(given);
    if g.is_empty() {
        return false;
    }
    accepted.iter().any(|a| {
        let a = normalize(a);
        a == g || (typo_tolerance && a.chars().count() >= 5 && within_one_edit(&a, &g))
    })
}

/// Fraction of the points, 0 or 1.
pub fn score(q: &Question, r: &Response, typo_tolerance: bool) -> f64 {
    let Response::Text(given) = r else { return 0.0 };
    let accepted = match &q.answer {
        Some(Answer::Many(v)) => v.clone(),
        Some(a) => a.as_list(),
        None => return 0.0,
    };
    f64::from(u8::from(matches(given, &accepted, typo_tolerance)))
}
