//! Properties of form assembly on the shipped bank: options and items are
//! permutations, questions are distinct, and scoring by id makes a score
//! independent of the display order.

use proptest::prelude::*;
use quiz::assemble::{Request, assemble};
use quiz::bank::Bank;
use quiz::model::{Kind, Question, ScoringRules};
use quiz::score::{Response, score};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

fn bank() -> &'static Bank {
    static B: OnceLock<Bank> = OnceLock::new();
    B.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Bank::load(&root.join("questions"), &root.join("rubrics"))
            .expect("bank")
            .0
    })
}

fn ids(list: &[quiz::model::Choice]) -> Vec<String> {
    list.iter().map(|c| c.id.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn forms_are_permutations_and_scores_ignore_display_order(
        seed in any::<u64>(),
        unit in prop::sample::select(vec!["w2", "w3", "w3d5", "w3d5s8", "w5", "w6"]),
        count in 1usize..30,
        picks in prop::collection::vec(any::<prop::sample::Index>(), 8),
    ) {
        let b = bank();
        let qs: Vec<&Question> = b
            .questions()
            .filter(|(f, _)| quiz::bank::unit_matches(&f.file.unit, unit))
            .map(|(_, q)| q)
            .collect();
        let req = Request { questions: &qs, review: &[], count, seed };
        let form = assemble(&req, "f".into(), unit, "s", "v");
        prop_assert_eq!(form.items.len(), count.min(qs.len()));
        let distinct: BTreeSet<&str> = form.items.iter().map(|i| i.question.as_str()).collect();
        prop_assert_eq!(distinct.len(), form.items.len());
        // Same seed, same form.
        prop_assert_eq!(&assemble(&req, "f".into(), unit, "s", "v"), &form);
        for item in &form.items {
            let (_, q) = b.find(&item.question).expect("in bank");
            for (shown, canon) in [(&item.options, &q.options), (&item.items, &q.items), (&item.left, &q.left), (&item.right, &q.right)] {
                let mut a = shown.clone();
                a.sort();
                let mut c = ids(canon);
                c.sort();
                prop_assert_eq!(a, c, "not a permutation in {}", q.id);
            }
            // A student picks by display position; the same choices on the canonical order score the same.
            let rules = ScoringRules::default();
            let (shown_resp, canon_resp) = match q.kind {
                Kind::Choice => {
                    let i = picks[0].index(item.options.len());
                    (Response::Choice(item.options[i].clone()), Response::Choice(item.options[i].clone()))
                }
                Kind::Multi => {
                    let chosen: BTreeSet<String> = picks.iter().map(|p| item.options[p.index(item.options.len())].clone()).collect();
                    let in_canon: Vec<String> = q.options.iter().map(|o| o.id.clone()).filter(|id| chosen.contains(id)).collect();
                    (Response::Multi(chosen.into_iter().collect()), Response::Multi(in_canon))
                }
                Kind::Order => (Response::Order(item.items.clone()), Response::Order(item.items.clone())),
                _ => continue,
            };
            prop_assert_eq!(score(q, &shown_resp, &rules), score(q, &canon_resp, &rules));
            if q.kind == Kind::Order && q.items.len() > 1 {
                prop_assert_ne!(&item.items, &ids(&q.items), "order shown already solved");
            }
        }
    }

    /// Released forms: tokens are distinct within a question, shown for every
    /// option, item and entry, and map an answer back to exactly the bank ids
    /// the student picked (and nothing else maps).
    #[test]
    fn released_tokens_map_back_to_the_picked_ids(
        seed in any::<u64>(),
        unit in prop::sample::select(vec!["w2", "w3", "w5", "w6"]),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 4),
    ) {
        let b = bank();
        let qs: Vec<&Question> = b
            .questions()
            .filter(|(f, _)| quiz::bank::unit_matches(&f.file.unit, unit))
            .map(|(_, q)| q)
            .collect();
        let req = Request { questions: &qs, review: &[], count: 12, seed };
        let mut form = assemble(&req, "f".into(), unit, "s", "v");
        for item in &mut form.items {
            let (_, q) = b.find(&item.question).expect("in bank");
            quiz::model::form::random_tokens(q, item);
            let shown = quiz::model::FormQuestion::released(q, item);
            let tok: BTreeSet<&String> = item.tokens.values().collect();
            prop_assert_eq!(tok.len(), item.tokens.len(), "tokens repeat in {}", q.id);
            for (list, ids_shown) in [(&shown.options, &item.options), (&shown.items, &item.items)] {
                for (c, id) in list.iter().zip(ids_shown) {
                    prop_assert_eq!(Some(&c.id), item.tokens.get(id));
                }
            }
            let (by_token, by_id) = match q.kind {
                Kind::Choice => {
                    let i = picks[0].index(item.options.len());
                    (Response::Choice(shown.options[i].id.clone()), Response::Choice(item.options[i].clone()))
                }
                Kind::Order => (
                    Response::Order(shown.items.iter().map(|c| c.id.clone()).collect()),
                    Response::Order(item.items.clone()),
                ),
                _ => continue,
            };
            prop_assert_eq!(quiz::grade::untoken(q, &item.tokens, &by_token), Ok(by_id));
            // A bank id is not a token.
            if let Some(first) = item.options.first().or(item.items.first()) {
                let raw = match q.kind {
                    Kind::Choice => Response::Choice(first.clone()),
                    _ => Response::Order(vec![first.clone()]),
                };
                if !item.tokens.values().any(|t| t == first) {
                    prop_assert!(quiz::grade::untoken(q, &item.tokens, &raw).is_err());
                }
            }
        }
    }
}
