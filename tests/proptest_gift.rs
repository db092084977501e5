//! GIFT export then import gives the same question back, for any text: every
//! character GIFT treats specially (`~ = # { } : \`, `->`, `%50%`, `[html]`,
//! newlines), Hangul, and every kind.

use proptest::prelude::*;
use quiz::lms::{MOODLE_FRACTIONS, gift};
use quiz::model::{Answer, Choice, Kind, Question, ScoringRules};
use std::collections::BTreeMap;

/// Text with GIFT's special characters mixed in, trimmed and non-empty (GIFT,
/// like Moodle, trims every text).
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a", "Z", "7", " ", "배포", "한", "~", "=", "#", "{", "}", ":", "\\", "->", "-", ">", "%",
        "%50%", "[html]", "[moodle]", "[", "]", "\n", "&", "&lt;", "<b>", "//", "::", "\\n",
        "####", "T", "*", ".", "$",
    ]);
    prop::collection::vec(piece, 1..8)
        .prop_map(|v| v.concat().trim().to_string())
        .prop_filter("non-empty", |s| !s.is_empty())
}

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,10}"
}

fn choices(texts: Vec<String>) -> Vec<Choice> {
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Choice::new(((b'a' + i as u8) as char).to_string(), t))
        .collect()
}

fn question() -> impl Strategy<Value = Question> {
    (
        0usize..8,
        id(),
        text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 2..6),
        0usize..6,
        prop::collection::vec(
            prop::sample::select(vec![-100.0, -50.0, -33.33333, -5.0, 0.0]),
            6,
        ),
        prop::collection::vec("[p-z]{1,3}", 6),
        any::<bool>(),
    )
        .prop_map(
            |(kind, id, prompt, feedback, parts, pick, wrong, right_ids, flag)| {
                let n = parts.len();
                let mut q = Question::new(id, Kind::ALL[kind], prompt);
                q.feedback = feedback;
                match q.kind {
                    Kind::Choice => {
                        q.options = choices(parts);
                        q.answer = Some(Answer::One(q.options[pick % n].id.clone()));
                    }
                    Kind::Multi => {
                        // Weights on Moodle's list: k right options share 100 %.
                        let k = 1 + pick % n.min(4);
                        let share = [100.0, 50.0, 33.33333, 25.0][k - 1];
                        q.options = choices(parts);
                        for (i, o) in q.options.iter_mut().enumerate() {
                            o.weight = Some(if i < k { share } else { wrong[i] });
                        }
                        q.answer = Some(Answer::Many(
                            q.options[..k].iter().map(|o| o.id.clone()).collect(),
                        ));
                        assert!(MOODLE_FRACTIONS.contains(&share));
                    }
                    Kind::Truefalse => q.answer = Some(Answer::Bool(flag)),
                    Kind::Short => {
                        q.prompt = q.prompt.replace('_', "-");
                        let acc: Vec<String> =
                            parts.into_iter().filter(|p| !p.contains("->")).collect();
                        q.answer = Some(Answer::Many(if acc.is_empty() {
                            vec!["x".to_string()]
                        } else {
                            acc
                        }));
                    }
                    Kind::Cloze => {
                        q.prompt = format!("{} ____ 끝", q.prompt.replace('_', "-"));
                        q.answer = Some(Answer::Many(vec![parts[0].replace("->", "=")]));
                    }
                    Kind::Order => {
                        q.items = choices(parts);
                        let mut ids: Vec<String> = q.items.iter().map(|c| c.id.clone()).collect();
                        ids.rotate_left(pick % n);
                        // Items are listed as the answer orders them on import.
                        let items: Vec<Choice> = ids
                            .iter()
                            .filter_map(|i| q.items.iter().find(|c| &c.id == i).cloned())
                            .collect();
                        q.items = choices(items.into_iter().map(|c| c.text).collect());
                        q.answer =
                            Some(Answer::Many(q.items.iter().map(|c| c.id.clone()).collect()));
                    }
                    Kind::Match => {
                        q.left = choices(parts.clone());
                        // Right texts are distinct (GIFT names a right item by its text).
                        let mut seen = Vec::new();
                        let mut ids: Vec<String> = Vec::new();
                        for (i, t) in parts.iter().rev().enumerate() {
                            let rid = format!("{}{i}", right_ids[i % right_ids.len()]);
                            if !seen.contains(t) {
                                seen.push(t.clone());
                                q.right.push(Choice::new(rid.clone(), t.clone()));
                                ids.push(rid);
                            }
                        }
                        if flag {
                            q.right.push(Choice::new("zz-extra", "방해 항목 ->"));
                            q.right.retain(|c| {
                                c.id == "zz-extra" || !c.text.ends_with("방해 항목 ->")
                            });
                        }
                        // Left item i goes to right item (i + pick) mod m.
                        let m = ids.len();
                        let mut map = BTreeMap::new();
                        for (i, l) in q.left.iter().enumerate() {
                            map.insert(l.id.clone(), ids[(i + pick) % m].clone());
                        }
                        // Keep the right side in the order GIFT writes it: first use, then distractors.
                        let mut order: Vec<String> = Vec::new();
                        for l in &q.left {
                            if let Some(r) = map.get(&l.id)
                                && !order.contains(r)
                            {
                                order.push(r.clone());
                            }
                        }
                        for r in &q.right {
                            if !order.contains(&r.id) {
                                order.push(r.id.clone());
                            }
                        }
                        q.right = order
                            .iter()
                            .filter_map(|i| q.right.iter().find(|c| &c.id == i).cloned())
                            .collect();
                        q.answer = Some(Answer::Pairs(map));
                    }
                    Kind::Essay => {}
                }
                q
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn gift_export_then_import_gives_the_same_question(q in question()) {
        let out = gift::export(&q, &ScoringRules::default());
        let Ok(exported) = out else {
            return Err(TestCaseError::fail(format!("not exported: {out:?}")));
        };
        prop_assert!(exported.notes.is_empty(), "{:?}", exported.notes);
        let (back, diags) = gift::import("p.gift", &exported.text);
        prop_assert!(diags.is_empty(), "{diags:?}\n{}", exported.text);
        prop_assert_eq!(back.len(), 1, "{}", exported.text);
        let mut got = back[0].question.clone();
        prop_assert_eq!(back[0].name.as_deref(), Some(q.id.as_str()));
        got.id = q.id.clone();
        prop_assert_eq!(&got, &q, "{}", exported.text);
    }
}

/// Any text made of GIFT's pieces: the importer reports, never panics, and
/// every question it returns has a kind-shaped key.
fn gift_soup() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "::",
        "{",
        "}",
        "=",
        "~",
        "#",
        "####",
        "->",
        "%50%",
        "%-100%",
        "%",
        "\\",
        "\n",
        "\n\n",
        "T",
        "FALSE",
        "// quiz: order\n",
        "// quiz: right p q\n",
        "$CATEGORY: quiz/w1\n",
        "[html]",
        "<b>",
        "&gt;",
        "1..2",
        ":",
        "3",
        "a",
        "배포",
        " ",
        "\"",
        ";",
        "\r\n",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn gift_import_never_panics(text in gift_soup()) {
        let (qs, diags) = gift::import("soup.gift", &text);
        for it in &qs {
            let q = &it.question;
            match (q.kind, &q.answer) {
                (Kind::Essay, None)
                | (Kind::Choice, Some(Answer::One(_)))
                | (Kind::Truefalse, Some(Answer::Bool(_)))
                | (Kind::Multi | Kind::Short | Kind::Cloze | Kind::Order, Some(Answer::Many(_)))
                | (Kind::Match, Some(Answer::Pairs(_))) => {}
                other => prop_assert!(false, "{other:?} from {text:?}"),
            }
        }
        for d in &diags {
            prop_assert!(d.to_string().starts_with("soup.gift:"));
        }
    }
}
