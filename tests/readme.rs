//! The formats README documents are the formats the engine reads: every YAML
//! example in README.md parses (read with the crate's own Markdown walk).

use quiz::extract::markdown::{self, BlockKind};
use quiz::model::{QuestionFile, Rubric};

#[test]
fn readme_yaml_examples_parse() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let doc = markdown::parse(&text);
    let blocks: Vec<(usize, &str)> = doc
        .blocks
        .iter()
        .filter(|b| matches!(&b.kind, BlockKind::Code { lang, .. } if lang == "yaml"))
        .map(|b| (b.line, b.text.as_str()))
        .collect();
    assert!(blocks.len() >= 5, "found {} yaml blocks", blocks.len());
    let mut kinds = 0;
    for (line, y) in blocks {
        let at = format!("README.md:{line}");
        if y.starts_with("unit:") {
            let f: QuestionFile = quiz::yaml::parse(&at, y).unwrap_or_else(|d| panic!("{d}"));
            assert!(!f.questions.is_empty());
            kinds += 1;
        } else if y.starts_with("- id:") {
            let f: QuestionFile = quiz::yaml::parse(&at, &format!("unit: w1\nquestions:\n{y}"))
                .unwrap_or_else(|d| panic!("{d}"));
            kinds += f.questions.len();
        } else if y.starts_with("week:") {
            let r: Rubric = quiz::yaml::parse(&at, y).unwrap_or_else(|d| panic!("{d}"));
            assert_eq!(r.criteria[0].id, "cicd");
        } else if y.starts_with("start:") {
            let s: quiz::schedule::Schedule =
                quiz::yaml::parse(&at, y).unwrap_or_else(|d| panic!("{d}"));
            assert_eq!(s.days_per_week, 5);
        }
    }
    assert!(kinds >= 8, "every kind has an example ({kinds})");
}
