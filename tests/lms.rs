//! `quiz export` (GIFT, Moodle XML) and `quiz import` (GIFT) through the built binary.

mod common;

use common::{quiz, root};
use quiz::bank::Bank;
use quiz::model::{Answer, Choice, Kind, Question, QuestionFile};
use std::collections::BTreeSet;

fn load(path: &std::path::Path) -> QuestionFile {
    quiz::yaml::parse("f", &std::fs::read_to_string(path).expect("read")).expect("parse")
}

#[test]
fn moodle_gift_samples_import_with_expected_counts_and_kinds() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = root().join("tests/fixtures/gift/questions.gift.txt");
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            src.to_str().expect("utf8"),
            "--out",
            "q.yaml",
        ],
    );
    assert_eq!(run.code, 1, "one question (a numerical range) is reported");
    let f = load(&tmp.path().join("q.yaml"));
    let got: Vec<(String, Kind)> = f
        .questions
        .iter()
        .map(|q| {
            (
                q.tags.first().cloned().unwrap_or_else(|| q.id.clone()),
                q.kind,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Q8".into(), Kind::Essay),
            ("gift:Moodle activities".into(), Kind::Match),
            ("Q2".into(), Kind::Choice),
            ("colours".into(), Kind::Multi),
            ("Shortanswer".into(), Kind::Short),
            ("Q1".into(), Kind::Truefalse),
            ("gift:2-08 TSL".into(), Kind::Truefalse),
            ("gift:2-08 TSL".into(), Kind::Truefalse),
        ]
    );
    // 9 questions: 8 imported, the numerical range reported with its line.
    assert!(run.stderr.contains("questions.gift.txt:31:1: numerical answers with a tolerance or range are not supported; question skipped"), "{}", run.stderr);
    let colours = &f.questions[3];
    let weights: Vec<f64> = colours
        .options
        .iter()
        .map(|o| o.weight.unwrap_or(f64::NAN))
        .collect();
    assert_eq!(weights, vec![50.0, -100.0, 50.0, -100.0]);
    assert_eq!(
        colours.answer,
        Some(Answer::Many(vec!["a".into(), "c".into()]))
    );
    let m = &f.questions[1];
    assert_eq!(m.prompt, "Match the activity to the description.");
    assert_eq!(
        (m.left.len(), m.right.len()),
        (4, 5),
        "`= -> Chat` is a distractor"
    );
    assert_eq!(f.questions[5].answer, Some(Answer::Bool(false)));
    assert_eq!(
        f.questions[5].feedback.as_deref(),
        Some("This is, of course, a Hitchiker's Guide to the Galaxy reference.")
    );
    assert_eq!(
        f.questions[4].answer,
        Some(Answer::Many(vec!["Frog".into()]))
    );
    assert!(
        run.stderr
            .contains("warning: answer `Cat` with 50% credit dropped")
    );
    // The imported file is a valid, hand-written bank file.
    assert!(f.source.is_none());
    std::fs::create_dir_all(tmp.path().join("questions")).expect("mkdir");
    std::fs::rename(
        tmp.path().join("q.yaml"),
        tmp.path().join("questions/q.yaml"),
    )
    .expect("mv");
    assert_eq!(quiz(tmp.path(), &["check"]).code, 0);
    // The long examples file: missing-word forms become choice/cloze with a blank.
    let ex = root().join("tests/fixtures/gift/examples.txt");
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            ex.to_str().expect("utf8"),
            "--unit",
            "w9",
            "--out",
            "ex.yaml",
        ],
    );
    assert_eq!(run.code, 1);
    let f = load(&tmp.path().join("ex.yaml"));
    assert!(
        f.questions
            .iter()
            .any(|q| q.kind == Kind::Choice && q.prompt == "Grant is ____ in Grant's tomb.")
    );
    assert!(
        f.questions
            .iter()
            .any(|q| q.kind == Kind::Cloze && q.prompt == "Two plus two equals ____.")
    );
    assert!(
        run.stdout.contains("│ imported  ┆ 37    │"),
        "{}",
        run.stdout
    );
    // Refuses to overwrite.
    let again = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            ex.to_str().expect("utf8"),
            "--unit",
            "w9",
            "--out",
            "ex.yaml",
        ],
    );
    assert_eq!(again.code, 2);
}

fn texts(list: &[Choice]) -> Vec<String> {
    list.iter().map(|c| c.text.clone()).collect()
}

/// What GIFT carries of a question: kind, prompt, and the key in words.
fn gift_view(q: &Question) -> (Kind, String, Vec<String>, BTreeSet<String>) {
    let key: BTreeSet<String> = match &q.answer {
        Some(Answer::Pairs(m)) => m
            .iter()
            .map(|(l, r)| {
                let lt = q
                    .left
                    .iter()
                    .find(|c| &c.id == l)
                    .map(|c| c.text.clone())
                    .unwrap_or_default();
                let rt = q
                    .right
                    .iter()
                    .find(|c| &c.id == r)
                    .map(|c| c.text.clone())
                    .unwrap_or_default();
                format!("{lt} -> {rt}")
            })
            .collect(),
        None => BTreeSet::new(), // essays: GIFT has no rubric
        _ => std::iter::once(q.answer_text()).collect(),
    };
    let parts = [texts(&q.options), texts(&q.items), texts(&q.left)].concat();
    (q.kind, q.prompt.clone(), parts, key)
}

#[test]
fn shipped_bank_round_trips_through_gift() {
    let tmp = tempfile::tempdir().expect("tmp");
    let gift = tmp.path().join("bank.gift");
    let run = quiz(
        &root(),
        &[
            "export",
            "--format",
            "gift",
            "--out",
            gift.to_str().expect("utf8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "nothing skipped");
    assert!(run.stdout.starts_with("289개 문항을"), "{}", run.stdout);
    let text = std::fs::read_to_string(&gift).expect("gift");
    assert!(text.contains("$CATEGORY: quiz/w3d5s8\n"));
    let out = tmp.path().join("imported.yaml");
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            gift.to_str().expect("utf8"),
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (bank, _) = Bank::load(&root().join("questions"), &root().join("rubrics")).expect("bank");
    let mut n = 0;
    for path in quiz::fsutil::files_with_ext(tmp.path(), &["yaml"]).expect("list") {
        let f = load(&path);
        for q in &f.questions {
            let (file, orig) = bank.find(&q.id).expect("same id back");
            assert_eq!(f.unit, file.file.unit);
            assert_eq!(gift_view(q), gift_view(orig), "{}", q.id);
            if orig.kind == Kind::Essay {
                assert!(q.rubric.is_empty(), "GIFT carries no rubric");
            }
            n += 1;
        }
    }
    assert_eq!(n, 289);
}

#[test]
fn every_kind_round_trips_through_gift() {
    let tmp = tempfile::tempdir().expect("tmp");
    let fx = root().join("tests/fixtures/take");
    let gift = tmp.path().join("k.gift");
    assert_eq!(
        quiz(
            &fx,
            &[
                "export",
                "--format",
                "gift",
                "--out",
                gift.to_str().expect("utf8")
            ]
        )
        .code,
        0
    );
    let text = std::fs::read_to_string(&gift).expect("gift");
    assert!(
        text.contains("\t~%50%containerd\n\t~%50%CRI-O\n\t~%-50%nginx\n\t~%-50%Redis\n"),
        "{text}"
    );
    assert!(
        text.contains("\t=기본 -> 1\n\t=자동화 -> 2\n\t=자가치유 -> 3\n"),
        "{text}"
    );
    let out = tmp.path().join("k.yaml");
    assert_eq!(
        quiz(
            tmp.path(),
            &[
                "import",
                "--format",
                "gift",
                gift.to_str().expect("utf8"),
                "--out",
                out.to_str().expect("utf8")
            ]
        )
        .code,
        0
    );
    let (bank, _) = Bank::load(&fx.join("questions"), &fx.join("rubrics")).expect("bank");
    let f = load(&out);
    assert_eq!(f.questions.len(), 7);
    for q in &f.questions {
        let (_, orig) = bank.find(&q.id).expect("same id");
        assert_eq!(gift_view(q), gift_view(orig), "{}", q.id);
    }
}

#[test]
fn moodle_xml_is_well_formed_and_multi_fractions_sum_to_100() {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    for (dir, expect_multi) in [(root(), 0), (root().join("tests/fixtures/take"), 1)] {
        let run = quiz(&dir, &["export", "--format", "moodle-xml"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut reader = Reader::from_str(&run.stdout);
        let mut questions = 0;
        let mut multis = 0;
        let mut kind = String::new();
        let mut single = String::new();
        let mut in_single = false;
        let mut fractions: Vec<f64> = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => match e.name().as_ref() {
                    b"question" => {
                        kind = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"type")
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                        fractions.clear();
                        single.clear();
                        if kind != "category" {
                            questions += 1;
                        }
                    }
                    b"answer" => {
                        if let Some(f) = e
                            .attributes()
                            .flatten()
                            .find(|a| a.key.as_ref() == b"fraction")
                        {
                            fractions.push(
                                String::from_utf8_lossy(&f.value)
                                    .parse()
                                    .expect("fraction is a number"),
                            );
                        }
                    }
                    b"single" => in_single = true,
                    _ => {}
                },
                Ok(Event::Text(t)) if in_single => {
                    single = String::from_utf8_lossy(t.as_ref()).into_owned()
                }
                Ok(Event::End(e)) => match e.name().as_ref() {
                    b"single" => in_single = false,
                    b"question" if kind == "multichoice" && single == "false" => {
                        multis += 1;
                        let positive: f64 = fractions.iter().filter(|f| **f > 0.0).sum();
                        assert!(
                            (positive - 100.0).abs() < 1e-3,
                            "positive fractions sum to {positive}"
                        );
                        assert!(
                            fractions.iter().any(|f| *f < 0.0),
                            "wrong options are negative"
                        );
                    }
                    _ => {}
                },
                Ok(Event::Eof) => break,
                Err(e) => panic!("not well-formed XML at {}: {e}", reader.buffer_position()),
                _ => {}
            }
        }
        assert!(questions > 0);
        assert_eq!(multis, expect_multi);
        if dir == root() {
            assert_eq!(questions, 289);
            assert!(
                run.stdout
                    .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n")
            );
        }
    }
}

#[test]
fn export_lists_what_it_cannot_express() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(tmp.path().join("questions")).expect("mkdir");
    std::fs::write(
        tmp.path().join("questions/x.yaml"),
        "unit: w1\nquestions:\n- id: w1-ok\n  kind: truefalse\n  prompt: p\n  answer: true\n- id: w1-noanswer\n  kind: choice\n  prompt: q\n  options:\n  - {id: a, text: x}\n",
    )
    .expect("write");
    let run = quiz(tmp.path(), &["export", "--format", "gift"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "questions/x.yaml:7:3: question `w1-noanswer` has no answer; 문항을 제외했습니다\n"
    );
    assert!(run.stdout.contains("::w1-ok::p {T}\n"));
}
