//! Property: any question, however odd its text, written by `yaml::to_string`
//! reads back equal through serde_yaml.

use proptest::prelude::*;
use quiz::model::{Answer, Choice, Concept, Kind, Question, QuestionFile, SourceRef};
use std::collections::BTreeMap;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,30}",
        "[ -~]{0,30}",
        "[\\x00-\\x1f\"'\\\\:#\\-?\\[\\]{}|>&*!%@` ]{0,12}",
        Just("yes".to_string()),
        Just("null".to_string()),
        Just("~".to_string()),
        Just("0x1F".to_string()),
        Just("1e3".to_string()),
        Just(".5".to_string()),
        Just("\u{feff}x".to_string()),
        Just("a\u{2028}b".to_string()),
        Just("key: value".to_string()),
        Just("선언적 배포".to_string()),
    ]
}

fn question() -> impl Strategy<Value = Question> {
    (
        text(),
        prop::collection::vec((text(), text()), 0..4),
        prop::collection::vec(text(), 0..3),
        prop::collection::btree_map(text(), text(), 0..3),
        any::<bool>(),
        0.0f64..100.0,
        prop::option::of(text()),
    )
        .prop_map(|(prompt, opts, tags, pairs, b, points, feedback)| {
            let mut q = Question::new("w1-000000", Kind::Choice, prompt);
            q.options = opts
                .iter()
                .map(|(i, t)| Choice {
                    id: i.clone(),
                    text: t.clone(),
                    weight: Some(points - 50.0),
                })
                .collect();
            q.tags = tags.clone();
            q.answer = Some(match pairs.len() % 4 {
                0 => Answer::Bool(b),
                1 => Answer::Many(tags),
                2 => Answer::Pairs(pairs.into_iter().collect::<BTreeMap<_, _>>()),
                _ => Answer::One(
                    opts.first()
                        .map(|o| o.0.clone())
                        .unwrap_or_else(|| "a".into()),
                ),
            });
            q.points = points;
            q.feedback = feedback;
            q.rubric = vec![Concept {
                concept: "c".into(),
                points: 1.0,
                accept: vec!["d".into()],
            }];
            q.source = Some(SourceRef {
                file: "f.md".into(),
                line: 3,
                heading: "h: x".into(),
            });
            q.locked = b;
            q
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn written_yaml_reads_back_equal(qs in prop::collection::vec(question(), 0..4), title in text()) {
        let f = QuestionFile { unit: "w1".into(), title, source: Some("s.md".into()), questions: qs };
        let yaml = quiz::yaml::to_string(&f, &["header"]).expect("serialize");
        let back: Result<QuestionFile, _> = quiz::yaml::parse("t.yaml", &yaml);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), yaml);
        prop_assert_eq!(back.expect("ok"), f, "{}", yaml);
    }
}
