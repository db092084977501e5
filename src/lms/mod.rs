//! Moving questions between this engine and an LMS: GIFT (export and import)
//! and Moodle XML (export).
//!
//! Neither format has `order` questions: both write them as a matching of the
//! items to their positions ("1", "2", ...). GIFT export puts a `// quiz: order`
//! comment before such a matching and GIFT import turns only a matching with
//! that comment back into `order` (a Moodle matching to 1..n stays a matching).
//! `cloze` is written as a short answer whose text keeps its `____` blank; GIFT
//! import reads such a short answer, and GIFT's missing-word form
//! (`Two plus {=two} equals four.`), as `cloze`. Points, criteria, tags, sources
//! and essay rubrics have no place in GIFT and are not carried.
//!
//! Grade fractions: Moodle accepts only the fractions of [`MOODLE_FRACTIONS`]
//! (and their negatives), and a multi whose positive fractions do not add up to
//! 100 % is refused. Export writes only such fractions
//! ([`moodle_multi_fractions`]); every value moved to its nearest allowed
//! neighbour is reported as a note.

pub mod gift;
pub mod moodle_xml;

use crate::model::{Answer, Kind, MultiRule, Question, ScoringRules};

/// Moodle's grade fractions in percent (question_bank::fraction_options): a
/// fraction an answer may carry is 0, one of these, or the negative of one.
pub const MOODLE_FRACTIONS: [f64; 20] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0,
];

/// Moodle's own test for a fraction (0..1) is `abs(grade - value) < 0.00001`;
/// in percent that is 0.001.
const FRACTION_TOLERANCE: f64 = 0.001;

/// Is `p` (percent) a grade fraction Moodle accepts?
pub fn is_moodle_fraction(p: f64) -> bool {
    p.abs() < FRACTION_TOLERANCE
        || MOODLE_FRACTIONS
            .iter()
            .any(|f| (p.abs() - f).abs() < FRACTION_TOLERANCE)
}

/// The allowed non-zero fraction nearest to `p`, with `p`'s sign (ties go to
/// the larger magnitude).
pub fn nearest_fraction(p: f64) -> f64 {
    let a = p.abs();
    let mut best = MOODLE_FRACTIONS[0];
    for f in MOODLE_FRACTIONS {
        if (a - f).abs() < (a - best).abs() - 1e-12 {
            best = f;
        }
    }
    if p < 0.0 { -best } else { best }
}

/// Credit in percent for each option of a multi question: positive weights
/// summing to 100 over the right options, wrong options negative as `rule`
/// implies (partial: -100/max(#wrong, 2); right-minus-wrong: -100/#correct;
/// all-or-nothing: -100). Explicit option weights win. These are the engine's
/// own values; see [`moodle_multi_fractions`] for what Moodle accepts.
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

/// `n` positive fractions from the list summing to 100: `100/n` when that is
/// on the list, else `k` options at one allowed value and `n-k` at the next
/// smaller one (12 right options: 8 × 10 % + 4 × 5 %).
fn equal_shares(n: usize) -> Option<Vec<f64>> {
    let share = 100.0 / n as f64;
    if is_moodle_fraction(share) {
        return Some(vec![nearest_fraction(share); n]);
    }
    // Closest pairs around the share first, so the split is as even as it can be.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for &a in MOODLE_FRACTIONS.iter().filter(|&&a| a > share) {
        for &b in MOODLE_FRACTIONS.iter().filter(|&&b| b < share) {
            pairs.push((a, b));
        }
    }
    pairs.sort_by(|x, y| (x.0 - x.1).total_cmp(&(y.0 - y.1)));
    for (a, b) in pairs {
        let k = (100.0 - n as f64 * b) / (a - b);
        let kr = k.round();
        if (k - kr).abs() < 1e-6 && kr >= 0.0 && kr <= n as f64 {
            let k = kr as usize;
            let mut v = vec![a; k];
            v.extend(std::iter::repeat_n(b, n - k));
            return Some(v);
        }
    }
    None
}

/// The fractions a multi is exported with, all on Moodle's list, positives
/// summing to 100 % (Moodle rounds the sum to 2 decimals of a fraction), with
/// a note for every value that had to move. `Err` when no such fractions exist.
pub fn moodle_multi_fractions(
    q: &Question,
    rule: MultiRule,
) -> Result<(Vec<f64>, Vec<String>), &'static str> {
    let raw = multi_fractions(q, rule);
    let pos: Vec<usize> = (0..raw.len()).filter(|&i| raw[i] > 0.0).collect();
    let mut out: Vec<f64> = raw
        .iter()
        .map(|&f| {
            if f.abs() < FRACTION_TOLERANCE {
                0.0
            } else {
                nearest_fraction(f)
            }
        })
        .collect();
    let all_equal = pos.windows(2).all(|w| (raw[w[0]] - raw[w[1]]).abs() < 1e-9);
    if all_equal && !pos.is_empty() && pos.iter().any(|&i| !is_moodle_fraction(raw[i])) {
        let shares = equal_shares(pos.len())
            .ok_or("맞는 보기들이 Moodle의 점수 비율로 100%를 나눌 수 없습니다")?;
        for (&i, s) in pos.iter().zip(shares) {
            out[i] = s;
        }
    }
    let sum: f64 = pos.iter().map(|&i| out[i]).sum();
    if (sum / 100.0 - 1.0).abs() >= 0.005 {
        return Err("가중치를 양수 합이 100%인 Moodle 점수 비율로 쓸 수 없습니다");
    }
    let notes = raw
        .iter()
        .zip(&out)
        .zip(&q.options)
        .filter(|((r, o), _)| (*r - *o).abs() >= FRACTION_TOLERANCE)
        .map(|((r, o), opt)| {
            format!(
                "보기 `{}`: {}%를 {}%로 썼습니다 (Moodle 점수 비율 중 가장 가까운 값)",
                opt.text,
                percent(*r),
                percent(*o)
            )
        })
        .collect();
    Ok((out, notes))
}

/// The penalty of a choice or truefalse question (fraction of its points taken
/// for a wrong answer): the question's own, else the week's; 0 for other kinds.
pub fn penalty(q: &Question, rules: &ScoringRules) -> f64 {
    match q.kind {
        Kind::Choice | Kind::Truefalse => q
            .scoring
            .as_ref()
            .and_then(|s| s.penalty)
            .unwrap_or(rules.penalty)
            .abs()
            .min(1.0),
        _ => 0.0,
    }
}

/// The multi rule that applies to `q` under `rules`.
pub fn multi_rule(q: &Question, rules: &ScoringRules) -> MultiRule {
    q.scoring
        .as_ref()
        .and_then(|s| s.multi)
        .unwrap_or(rules.multi)
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

/// One question written for an LMS, with notes on what had to change.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The question's text in the format.
    pub text: String,
    /// What was adjusted to fit the LMS (e.g. a weight moved to the nearest
    /// allowed grade fraction); each is shown as a note.
    pub notes: Vec<String>,
}

/// A whole export: the text, the skipped `(id, reason)`s and `(id, note)`s.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The file's text.
    pub text: String,
    /// Questions the format cannot express, with why.
    pub skipped: Vec<(String, &'static str)>,
    /// Adjustments, per question id.
    pub notes: Vec<(String, String)>,
}

/// Units of questions with the scoring rules of their week.
pub type Units<'a> = [(String, Vec<(&'a Question, &'a ScoringRules)>)];

/// Why a question cannot be exported, if it cannot.
pub fn not_exportable(q: &Question) -> Option<&'static str> {
    match (&q.kind, &q.answer) {
        (Kind::Essay, _) => None,
        (_, None) => Some("정답이 없습니다"),
        (Kind::Choice, Some(Answer::One(_))) | (Kind::Truefalse, Some(Answer::Bool(_))) => None,
        (Kind::Multi, Some(Answer::Many(v))) if !v.is_empty() => None,
        (Kind::Short | Kind::Cloze, Some(Answer::Many(v))) if !v.is_empty() => {
            if q.kind == Kind::Cloze && q.prompt.matches("____").count() != 1 {
                Some("빈칸 채우기에는 ____ 빈칸이 정확히 하나 있어야 합니다")
            } else {
                None
            }
        }
        (Kind::Order, Some(Answer::Many(v))) if v.len() >= 2 => None,
        (Kind::Match, Some(Answer::Pairs(m))) if !m.is_empty() => None,
        _ => Some("정답이 유형에 맞지 않습니다"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;

    fn multi(n_right: usize, n_wrong: usize) -> Question {
        let mut q = Question::new("w1-m", Kind::Multi, "p");
        let ids: Vec<String> = (0..n_right + n_wrong).map(|i| format!("o{i}")).collect();
        q.options = ids
            .iter()
            .map(|i| Choice::new(i.clone(), i.clone()))
            .collect();
        q.answer = Some(Answer::Many(ids[..n_right].to_vec()));
        q
    }

    #[test]
    fn twelve_wrong_options_export_only_allowed_fractions() {
        let (f, notes) = moodle_multi_fractions(&multi(2, 12), MultiRule::Partial).expect("ok");
        assert!(f.iter().all(|x| is_moodle_fraction(*x)), "{f:?}");
        assert_eq!(f[2], -10.0, "-8.33333 goes to the nearest allowed -10");
        assert_eq!(notes.len(), 12);
        assert!(
            notes[0].contains("-8.33333%를 -10%로 썼습니다"),
            "{notes:?}"
        );
    }

    #[test]
    fn any_number_of_right_options_sums_to_100_on_the_list() {
        for n in 1..=20 {
            for rule in [
                MultiRule::Partial,
                MultiRule::RightMinusWrong,
                MultiRule::AllOrNothing,
            ] {
                let (f, _) = moodle_multi_fractions(&multi(n, 3), rule).expect("ok");
                let sum: f64 = f.iter().filter(|x| **x > 0.0).sum();
                assert!((sum - 100.0).abs() < 0.5, "{n}: {sum}");
                assert!(f.iter().all(|x| is_moodle_fraction(*x)), "{n}: {f:?}");
            }
        }
        let (f, _) = moodle_multi_fractions(&multi(12, 1), MultiRule::Partial).expect("ok");
        assert_eq!(f.iter().filter(|x| **x == 10.0).count(), 8);
        assert_eq!(f.iter().filter(|x| **x == 5.0).count(), 4);
    }

    #[test]
    fn weights_that_cannot_sum_to_100_are_refused() {
        let mut q = multi(2, 1);
        q.options[0].weight = Some(15.0);
        q.options[1].weight = Some(85.0);
        assert!(moodle_multi_fractions(&q, MultiRule::Partial).is_err());
        q.options[0].weight = Some(60.0);
        q.options[1].weight = Some(40.0);
        assert!(moodle_multi_fractions(&q, MultiRule::Partial).is_ok());
    }
}
