//! Invariants of the scoring rules over random questions and responses.

use proptest::prelude::*;
use quiz::model::{Answer, Choice, Kind, MultiRule, OrderRule, Question, ScoringRules};
use quiz::score::{Response, score};
use std::collections::BTreeMap;

fn rules() -> impl Strategy<Value = ScoringRules> {
    (
        prop::sample::select(vec![0.0, 0.25, 1.0]),
        prop::sample::select(vec![
            MultiRule::AllOrNothing,
            MultiRule::Partial,
            MultiRule::RightMinusWrong,
        ]),
        prop::sample::select(vec![
            OrderRule::Adjacent,
            OrderRule::Exact,
            OrderRule::Position,
        ]),
        any::<bool>(),
    )
        .prop_map(|(penalty, multi, order, typo)| ScoringRules {
            penalty,
            multi,
            order,
            typo_tolerance: typo,
            ..ScoringRules::default()
        })
}

/// A question of a random kind with n parts, and a random response to it.
fn case() -> impl Strategy<Value = (Question, Response, Response)> {
    (
        0usize..6,
        2usize..7,
        prop::collection::vec(any::<bool>(), 7),
        prop::collection::vec(0usize..7, 7),
        0.5f64..5.0,
    )
        .prop_map(|(kind, n, flags, perm, points)| {
            let letters: Vec<String> = (0..n)
                .map(|i| ((b'a' + i as u8) as char).to_string())
                .collect();
            let list: Vec<Choice> = letters
                .iter()
                .map(|l| Choice::new(l.clone(), format!("t{l}")))
                .collect();
            let mut q = Question::new("q", Kind::Choice, "p");
            q.points = points;
            let mut shuffled = letters.clone();
            for (i, p) in perm.iter().enumerate().take(n) {
                shuffled.swap(i, p % n);
            }
            let (key, resp) = match kind {
                0 => {
                    q.options = list;
                    (
                        Response::Choice(letters[0].clone()),
                        Response::Choice(shuffled[0].clone()),
                    )
                }
                1 => {
                    q.kind = Kind::Multi;
                    q.options = list;
                    let correct: Vec<String> = letters
                        .iter()
                        .zip(&flags)
                        .filter(|(_, f)| **f)
                        .map(|(l, _)| l.clone())
                        .collect();
                    let correct = if correct.is_empty() {
                        vec![letters[0].clone()]
                    } else {
                        correct
                    };
                    q.answer = Some(Answer::Many(correct.clone()));
                    let ticked: Vec<String> = shuffled
                        .iter()
                        .zip(flags.iter().rev())
                        .filter(|(_, f)| **f)
                        .map(|(l, _)| l.clone())
                        .collect();
                    (Response::Multi(correct), Response::Multi(ticked))
                }
                2 => {
                    q.kind = Kind::Truefalse;
                    q.answer = Some(Answer::Bool(flags[0]));
                    (Response::Bool(flags[0]), Response::Bool(flags[1]))
                }
                3 => {
                    q.kind = Kind::Short;
                    q.answer = Some(Answer::Many(vec![
                        "선언적 배포".into(),
                        "declarative".into(),
                    ]));
                    (
                        Response::Text("선언적배포".into()),
                        Response::Text(shuffled.join(" ")),
                    )
                }
                4 => {
                    q.kind = Kind::Order;
                    q.items = list;
                    q.answer = Some(Answer::Many(letters.clone()));
                    (
                        Response::Order(letters.clone()),
                        Response::Order(shuffled.clone()),
                    )
                }
                _ => {
                    q.kind = Kind::Match;
                    q.left = list.clone();
                    q.right = list;
                    let key: BTreeMap<String, String> = letters
                        .iter()
                        .cloned()
                        .zip(letters.iter().cloned())
                        .collect();
                    q.answer = Some(Answer::Pairs(key.clone()));
                    let given: BTreeMap<String, String> = letters
                        .iter()
                        .cloned()
                        .zip(shuffled.iter().cloned())
                        .collect();
                    (Response::Match(key), Response::Match(given))
                }
            };
            if kind == 0 {
                q.answer = Some(Answer::One(letters[0].clone()));
            }
            (q, key, resp)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn scores_stay_in_bounds_key_is_full_empty_is_zero((q, key, resp) in case(), r in rules()) {
        let o = score(&q, &resp, &r);
        let floor = if matches!(q.kind, Kind::Choice | Kind::Truefalse) { -r.penalty * q.points } else { 0.0 };
        prop_assert!(o.points <= q.points + 1e-9 && o.points >= floor - 1e-9, "{o:?}");
        prop_assert!((score(&q, &key, &r).points - q.points).abs() < 1e-9, "key must score full");
        prop_assert_eq!(score(&q, &Response::Skipped, &r).points, 0.0);
        // Rows or option order do not matter: reversing a multi response or a match map's insertion changes nothing.
        if let Response::Multi(v) = &resp {
            let mut rev = v.clone();
            rev.reverse();
            prop_assert_eq!(score(&q, &Response::Multi(rev), &r).points, o.points);
        }
        // Reordering the question's options (display order) does not change the score.
        let mut q2 = q.clone();
        q2.options.reverse();
        q2.left.reverse();
        q2.right.reverse();
        prop_assert_eq!(score(&q2, &resp, &r).points, o.points);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Answering an essay with its own prompt (or any part of it) earns nothing,
    /// whatever the rubric; a skipped answer of any kind is 0 and final.
    #[test]
    fn copying_an_essays_prompt_earns_nothing(
        words in prop::collection::vec("[a-z가-힣]{1,6}", 1..8),
        picks in prop::collection::vec((0usize..8, 0usize..8, any::<bool>()), 0..6),
        extra in "[a-z가-힣 ]{0,20}",
    ) {
        let prompt = words.join(" ");
        let mut q = Question::new("e", Kind::Essay, prompt.as_str());
        q.rubric = picks
            .iter()
            .map(|&(a, b, own)| quiz::model::Concept {
                concept: if own { words[a % words.len()].clone() } else { format!("{}{}", words[a % words.len()], b) },
                points: 1.0,
                accept: vec![words[b % words.len()].clone()],
            })
            .collect();
        q.points = (q.rubric.len().max(1)) as f64;
        let r = ScoringRules::default();
        let o = score(&q, &Response::Text(format!("{prompt} {extra}")), &r);
        // `extra` may hold a rubric phrase that is not in the prompt; the prompt's
        // own words never count.
        for m in &o.matched {
            prop_assert!(!quiz::text::normalize(&prompt).contains(&quiz::text::normalize(m)), "{m} is in the prompt");
        }
        let copy = score(&q, &Response::Text(prompt.clone()), &r);
        prop_assert_eq!(copy.points, 0.0);
        let skipped = score(&q, &Response::Skipped, &r);
        prop_assert_eq!((skipped.points, skipped.status), (0.0, quiz::score::Status::Auto));
    }
}

mod regrade {
    use super::*;
    use quiz::bank::Bank;
    use quiz::grade::{Index, apply, regrade_plan};
    use quiz::gradebook::Row;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Regrading twice equals regrading once; a manual score keeps its
        /// judgement (its share of the question's points) and stays manual;
        /// a question a closed practice never showed stays no answer.
        #[test]
        fn regrade_is_idempotent(specs in prop::collection::vec((0usize..8, 0usize..4, prop::option::of(-1.0f64..3.0), 0usize..5), 1..30)) {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/take");
            let (bank, _) = Bank::load(&root.join("questions"), &root.join("rubrics")).expect("bank");
            let index = Index::new(&bank);
            let ids = ["w1d1-choice", "w1d1-multi", "w1d1-tf", "w1d1-short", "w1d1-order", "w1d1-match", "w1d1-essay", "w1d1-gone"];
            let responses = [
                Response::Skipped,
                Response::Choice("a".into()),
                Response::Text("GitOps 선언적".into()),
                Response::Bool(true),
            ];
            let statuses = [None, Some("auto"), Some("manual"), Some("needs-review"), Some("dropped")];
            let mut rows: Vec<Row> = specs
                .iter()
                .enumerate()
                .map(|(i, (q, r, points, st))| Row {
                    attempt_id: 1,
                    position: i,
                    student: "s".into(),
                    unit: "w1".into(),
                    attempt_no: 1,
                    origin: "take".into(),
                    question_id: ids[*q].into(),
                    response: responses[*r].clone(),
                    points: *points,
                    max_points: points.map(|_| 1.0),
                    status: statuses[*st].map(str::to_string),
                    comment: None,
                    answered_at: "2026-11-02T00:00:00Z".into(),
                    finished_at: Some("2026-11-02T00:10:00Z".into()),
                    mode: if i % 2 == 0 { "exam" } else { "practice" }.into(),
                    started_at: "2026-11-02T00:00:00Z".into(),
                })
                .collect();
            let share = |r: &Row| r.points.zip(r.max_points).map(|(p, m)| p / m);
            let manual: Vec<(usize, Option<f64>)> = rows.iter().filter(|r| r.status.as_deref() == Some("manual")).map(|r| (r.position, share(r))).collect();
            let unshown: Vec<usize> = rows
                .iter()
                .filter(|r| r.mode == "practice" && r.status.as_deref() == Some("dropped") && r.response == Response::Skipped)
                .map(|r| r.position)
                .collect();
            let plan = regrade_plan(&rows, &index);
            prop_assert!(plan.iter().all(|c| !unshown.contains(&c.position)));
            apply(&mut rows, &plan);
            prop_assert_eq!(regrade_plan(&rows, &index), vec![]);
            for (p, s) in manual {
                prop_assert_eq!(rows[p].status.as_deref(), Some("manual"));
                match (share(&rows[p]), s) {
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9, "{} vs {}", a, b),
                    (a, b) => prop_assert_eq!(a, b),
                }
            }
        }
    }
}

/// CamelCase parts (a capital, then 2-7 lower-case letters).
fn camel_parts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Z][a-z]{2,7}", 2..4)
}

proptest! {
    /// Issue 12 (independent review): a CamelCase key typed with its parts
    /// joined by spaces, hyphens or underscores, in any case, scores full
    /// points; a different word does not.
    #[test]
    fn camel_case_spacing_and_case_variants_score_full(
        parts in camel_parts(),
        seps in prop::collection::vec(prop::sample::select(vec!["", " ", "-", "_", "  "]), 4),
        cases in prop::collection::vec(0u8..3, 4),
        plural in any::<bool>(),
        other in "[a-z]{3,8}",
    ) {
        let key = parts.concat();
        let mut q = Question::new("t", Kind::Short, "p");
        q.points = 1.0;
        q.answer = Some(Answer::Many(vec![key.clone()]));
        let mut typed = String::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                typed.push_str(seps[i % seps.len()]);
            }
            typed.push_str(&match cases[i % cases.len()] {
                0 => p.to_lowercase(),
                1 => p.to_uppercase(),
                _ => p.clone(),
            });
        }
        if plural {
            typed.push('s');
        }
        let rules = ScoringRules::default();
        let full = score(&q, &Response::Text(typed.clone()), &rules);
        prop_assert!(full.is_correct(), "{typed:?} for {key:?}");
        // A different word: the key's last part replaced by another word.
        let last = parts.last().map(|p| p.to_lowercase()).unwrap_or_default();
        prop_assume!(!other.starts_with(&last) && !last.starts_with(&other));
        let mut wrong = parts[..parts.len() - 1].concat();
        wrong.push_str(&other);
        let out = score(&q, &Response::Text(wrong.clone()), &rules);
        prop_assert!(!out.is_correct(), "{wrong:?} for {key:?}");
    }
}
