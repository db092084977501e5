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
    assert!(run.stderr.contains("questions.gift.txt:31:1: 숫자 답 `3:2`은(는) 3 ± 2을(를) 인정합니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다; 문항을 건너뜁니다"), "{}", run.stderr);
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
            .contains("경고: 답 `Cat`(50% 점수)을(를) 버렸습니다")
    );
    // GIFT has no criteria: the summary and `quiz check` say so.
    assert!(
        run.stdout.ends_with("q.yaml\n가져온 문항 8개는 어느 평가 기준에도 들어가지 않습니다 (criteria: []): 주간 루브릭의 기준 id를 criteria에 적으세요\n"),
        "{}",
        run.stdout
    );
    // The imported file is a valid, hand-written bank file.
    assert!(f.source.is_none());
    std::fs::create_dir_all(tmp.path().join("questions")).expect("mkdir");
    std::fs::rename(
        tmp.path().join("q.yaml"),
        tmp.path().join("questions/q.yaml"),
    )
    .expect("mv");
    let check = quiz(tmp.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        check
            .stderr
            .matches("은(는) 어느 평가 기준에도 들어가지 않습니다 (criteria: [])")
            .count(),
        8,
        "{}",
        check.stderr
    );
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
    // 41 questions: 37 as before, and the two numericals whose full-credit
    // answer is exact (`=1822:0`) now import, their 50 % answer reported.
    assert!(
        run.stdout.contains("│ 가져옴      ┆ 39      │"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("│ 건너뜀      ┆ 4       │"),
        "{}",
        run.stdout
    );
    for reason in [
        "examples.txt:16:1: 숫자 답 `1822:1`은(는) 1822 ± 1을(를) 인정합니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다; 문항을 건너뜁니다",
        "examples.txt:74:1: 숫자 답 `3.141..3.142`은(는) 3.141 ~ 3.142 범위입니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다; 문항을 건너뜁니다",
        "examples.txt:76:1: 경고: 답 `1822:2`(50% 점수)을(를) 버렸습니다: 단답형의 부분 점수는 지원하지 않습니다",
    ] {
        assert!(run.stderr.contains(reason), "{reason}\n{}", run.stderr);
    }
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
    assert!(run.stdout.starts_with("45개 문항을"), "{}", run.stdout);
    let text = std::fs::read_to_string(&gift).expect("gift");
    assert!(text.contains("$CATEGORY: quiz/w3d5s8\n"));
    // Several units: `--out` a file is refused, a folder gets one file per unit.
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            gift.to_str().expect("utf8"),
            "--out",
            "imported.yaml",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("2개 단원(w2d4s8, w3d5s8)"),
        "{}",
        run.stderr
    );
    assert!(
        !tmp.path().join("imported.yaml").exists(),
        "nothing written"
    );
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            gift.to_str().expect("utf8"),
            "--out",
            "imported/",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        tmp.path().join("imported/bank-w3d5s8.yaml").exists(),
        "{}",
        run.stdout
    );
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
    assert_eq!(n, 45);
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
            assert_eq!(questions, 45);
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
        "questions/x.yaml:7:3: 문항 `w1-noanswer`에 정답(answer)이 없습니다; 문항을 제외했습니다\n"
    );
    assert!(run.stdout.contains("::w1-ok::p {T}\n"));
}

/// What GIFT carries of a question, ids included: everything but points,
/// criteria, tags, source, rubric, scoring overrides and the lock.
fn carried(q: &Question) -> Question {
    let mut c = q.clone();
    c.points = 1.0;
    c.criteria.clear();
    c.tags.clear();
    c.source = None;
    c.rubric.clear();
    c.scoring = None;
    c.locked = false;
    c
}

fn export_gift(dir: &std::path::Path, out: &std::path::Path) -> common::Run {
    quiz(
        dir,
        &[
            "export",
            "--format",
            "gift",
            "--out",
            out.to_str().expect("utf8"),
        ],
    )
}

#[test]
fn reimport_into_the_same_bank_gives_no_duplicate_ids() {
    let tmp = tempfile::tempdir().expect("tmp");
    common::copy_dir(&root().join("questions"), &tmp.path().join("questions"));
    common::copy_dir(&root().join("rubrics"), &tmp.path().join("rubrics"));
    let gift = tmp.path().join("bank.gift");
    assert_eq!(export_gift(tmp.path(), &gift).code, 0);
    let run = quiz(tmp.path(), &["import", "--format", "gift", "bank.gift"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("이미 문제은행에 있습니다").count(),
        45,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(": 경고: id `w2d4s8-"), "{}", run.stderr);
    let check = quiz(tmp.path(), &["check"]);
    assert!(!check.stderr.contains("중복"), "{}", check.stderr);
    assert!(!check.stderr.contains("오류"), "{}", check.stderr);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The imported copies keep their GIFT name as a tag.
    let f = load(&tmp.path().join("questions/imported/bank-w2d4s8.yaml"));
    assert!(
        f.questions
            .iter()
            .all(|q| q.tags.iter().any(|t| t.starts_with("gift:w2d4s8-")))
    );
}

#[test]
fn feedback_arrows_and_special_text_round_trip_through_gift() {
    let fx = root().join("tests/fixtures/lms");
    let tmp = tempfile::tempdir().expect("tmp");
    let gift = tmp.path().join("t.gift");
    let run = export_gift(&fx, &gift);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&gift).expect("gift");
    for expected in [
        // General feedback as Moodle writes it, escaped as Moodle's repchar does.
        "\t####정답\\: -> 는 다음 단계를 뜻합니다 \\{중괄호\\} \\#해시 \\~물결 \\=등호 \\:콜론\n}",
        // A choice option may hold `->`: its block has a `~`, so it is no matching.
        "\t=-> 화살표는 다음 단계\n",
        // A text that reads as a weight or a format marker is guarded.
        "\t~%0%%50% 할인\n",
        "\t~[moodle][html] 태그\n",
        // `->` on the left of a pair has no escape in Moodle: HTML text.
        "\t=[html]x -&gt; y -> 흐름 -> 방향\n",
        "// quiz: right x y z\n::w2d1-arrow-match::",
        "// quiz: order\n::w2d1-order::",
        "{T####참입니다. 일부 트래픽만 새 버전으로 보냅니다.}",
        "::w2d1-essay::롤백 전략을 설명하시오. {####에세이 해설}",
    ] {
        assert!(text.contains(expected), "{expected}\n---\n{text}");
    }
    assert!(!text.contains("// feedback:"));
    let out = tmp.path().join("t.yaml");
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
    assert_eq!(run.stderr, "", "nothing lost");
    let (bank, _) = Bank::load(&fx.join("questions"), &fx.join("rubrics")).expect("bank");
    let f = load(&out);
    assert_eq!(f.questions.len(), 7);
    for q in &f.questions {
        let (_, orig) = bank.find(&q.id).expect("same id");
        if orig.kind == Kind::Multi {
            // Rule-made fractions come back as explicit, Moodle-allowed weights.
            let w: Vec<f64> = q
                .options
                .iter()
                .map(|o| o.weight.unwrap_or(f64::NAN))
                .collect();
            assert_eq!(&w[..3], &[50.0, 50.0, -10.0]);
            let mut plain = q.clone();
            plain.options.iter_mut().for_each(|o| o.weight = None);
            assert_eq!(carried(&plain), carried(orig));
        } else {
            assert_eq!(carried(q), carried(orig), "{}", q.id);
        }
    }
}

#[test]
fn moodle_xml_writes_only_allowed_fractions_and_the_penalty() {
    use quiz::lms::is_moodle_fraction;
    let fx = root().join("tests/fixtures/lms");
    let run = quiz(&fx, &["export", "--format", "moodle-xml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fractions: Vec<f64> = run
        .stdout
        .split("fraction=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").parse().expect("number"))
        .collect();
    assert!(fractions.len() > 20);
    for f in &fractions {
        assert!(
            is_moodle_fraction(*f),
            "{f} is not one of Moodle's grade fractions"
        );
    }
    assert!(
        run.stdout.contains("fraction=\"-10\""),
        "-8.33333 moved to -10"
    );
    assert_eq!(
        run.stderr
            .matches("quiz export: 참고: `w2d1-many-wrong`: 보기")
            .count(),
        12,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("-8.33333%를 -10%로 썼습니다 (Moodle 점수 비율 중 가장 가까운 값)")
    );
    // The week's penalty 0.25 is Moodle's penalty for choice and truefalse.
    let penalty_of = |id: &str| {
        let at = run
            .stdout
            .find(&format!("<text>{id}</text>"))
            .expect("question");
        let rest = &run.stdout[at..];
        let p = rest.find("<penalty>").expect("penalty") + 9;
        rest[p..p + rest[p..].find('<').expect("end")].to_string()
    };
    assert_eq!(penalty_of("w2d1-arrow-choice"), "0.25");
    assert_eq!(penalty_of("w2d1-tf"), "0.25");
    assert_eq!(penalty_of("w2d1-short"), "0");
}

#[test]
fn check_reports_weights_whose_positive_sum_is_not_100() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(tmp.path().join("questions")).expect("mkdir");
    std::fs::write(
        tmp.path().join("questions/w.yaml"),
        "unit: w2d2\nquestions:\n- id: w2d2-sixty\n  kind: multi\n  prompt: 둘 다 고르시오.\n  options:\n  - {id: a, text: 하나, weight: 60}\n  - {id: b, text: 둘, weight: 60}\n  - {id: c, text: 셋, weight: -100}\n  answer: [a, b]\n",
    )
    .expect("write");
    let run = quiz(tmp.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("questions/w.yaml:6:3: 복수 선택 `w2d2-sixty`: 양수 보기 가중치의 합이 120%입니다 (100%여야 합니다)"),
        "{}",
        run.stderr
    );
    let run = quiz(tmp.path(), &["export", "--format", "gift"]);
    assert_ne!(run.code, 0, "never exported");
    assert!(!run.stdout.contains("w2d2-sixty"));
    // Nor scored by its broken weights when an LMS's answers to it come in.
    std::fs::write(
        tmp.path().join("lms.csv"),
        "student_id,question_id,answer\ns1,w2d2-sixty,a|b\n",
    )
    .expect("csv");
    let run = quiz(tmp.path(), &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("lms.csv:2:2: w2d2-sixty: quiz check가 거부한 문항이라 채점하지 않았습니다"),
        "{}",
        run.stderr
    );
}

#[test]
fn gift_import_losses_are_warned_with_their_reasons() {
    let tmp = tempfile::tempdir().expect("tmp");
    let src = root().join("tests/fixtures/gift/losses.gift");
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            src.to_str().expect("utf8"),
            "--unit",
            "w2",
            "--out",
            "l.yaml",
        ],
    );
    assert_eq!(run.code, 1, "the numerical tolerance is skipped");
    let expected = [
        "losses.gift:5:1: 경고: 틀린 답 `F`의 피드백 `No, they do.`을(를) 버렸습니다: 일반 피드백과 맞는 답의 피드백만 남깁니다",
        "losses.gift:8:1: 경고: 맞는 답 `Blue/Green`의 피드백 `Right: two environments.`을(를) 버렸습니다: 문항에는 피드백이 하나뿐입니다 (일반 피드백 `####`을(를) 남김)",
        "losses.gift:18:1: 경고: `Blue/Green`의 부분 점수 50%를 버렸습니다: 객관식은 정답만 점수를 받습니다",
        "losses.gift:22:1: 경고: 이 문항과 21행의 문항 사이에 빈 줄이 없어 두 문항으로 읽었습니다 (Moodle은 문항 사이에 빈 줄이 필요합니다)",
        "losses.gift:25:1: 숫자 답 `2014:1`은(는) 2014 ± 1을(를) 인정합니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다; 문항을 건너뜁니다",
    ];
    for e in expected {
        assert!(run.stderr.contains(e), "{e}\n---\n{}", run.stderr);
    }
    assert_eq!(run.stderr.lines().count(), expected.len(), "{}", run.stderr);
    let f = load(&tmp.path().join("l.yaml"));
    let by = |name: &str| {
        f.questions
            .iter()
            .find(|q| q.id == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(
        by("tf-feedback").feedback.as_deref(),
        Some("Yes: a small share of traffic.")
    );
    assert_eq!(
        by("both-feedback").feedback.as_deref(),
        Some("Blue/Green switches all traffic at once.")
    );
    assert_eq!(by("positions").kind, Kind::Match);
    let canary = by("canary");
    assert_eq!(canary.kind, Kind::Choice);
    assert_eq!(canary.answer, Some(Answer::One("a".into())));
    assert_eq!(by("first").kind, Kind::Truefalse);
    assert_eq!(by("second").kind, Kind::Short);
    assert_eq!(f.questions.len(), 6);
    // The Canary question, exported again, is a single choice (no 150 %).
    std::fs::create_dir_all(tmp.path().join("questions")).expect("mkdir");
    std::fs::rename(
        tmp.path().join("l.yaml"),
        tmp.path().join("questions/l.yaml"),
    )
    .expect("mv");
    let again = quiz(tmp.path(), &["export", "--format", "gift"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("::canary::Which strategy shifts traffic gradually? {\n\t=Canary\n\t~Blue/Green\n\t~Recreate\n}"), "{}", again.stdout);
}

/// Text after the answer block is kept for every kind, with `____` where the
/// block stood, as Moodle's GIFT format does (trial of 2026-12-01: true /
/// false, essay and matching questions lost it without a word).
#[test]
fn text_after_the_answer_block_is_kept_for_every_kind() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(
        tmp.path().join("tail.gift"),
        "::t1:: 해는 {T} 동쪽에서 뜬다.\n\n::t2:: 다음을 설명하시오 {} 200자 이내로.\n\n::t3:: 짝을 지으시오 {=a -> 1 =b -> 2 =c -> 3} (모두 맞아야 점수).\n",
    )
    .expect("gift");
    let run = quiz(
        tmp.path(),
        &[
            "import",
            "--format",
            "gift",
            "tail.gift",
            "--unit",
            "w2",
            "--out",
            "t.yaml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = load(&tmp.path().join("t.yaml"));
    let prompt = |id: &str| {
        f.questions
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.prompt.clone())
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(prompt("t1"), "해는 ____ 동쪽에서 뜬다.");
    assert_eq!(prompt("t2"), "다음을 설명하시오 ____ 200자 이내로.");
    assert_eq!(prompt("t3"), "짝을 지으시오 ____ (모두 맞아야 점수).");
}

/// A GIFT file saved by Notepad as "ANSI" (CP949 on Korean Windows) or
/// "유니코드" (UTF-16LE with a BOM) imports as its UTF-8 copy does (trial of
/// 2026-12-01: "stream did not contain valid UTF-8", exit 2).
#[test]
fn gift_files_in_the_encodings_notepad_writes_import_alike() {
    let tmp = tempfile::tempdir().expect("tmp");
    let text = "::k1:: 컨테이너 이미지를 만드는 파일은? {=Dockerfile ~Makefile ~Procfile}\r\n";
    let (cp949, _, _) = encoding_rs::EUC_KR.encode(text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut prompts = Vec::new();
    for (name, bytes, said) in [
        ("utf8.gift", text.as_bytes().to_vec(), None),
        ("ansi.gift", cp949.to_vec(), Some("CP949")),
        ("unicode.gift", utf16, Some("UTF-16")),
    ] {
        std::fs::write(tmp.path().join(name), bytes).expect("write");
        let out = format!("{name}.yaml");
        let run = quiz(
            tmp.path(),
            &[
                "import", "--format", "gift", name, "--unit", "w1", "--out", &out,
            ],
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        if let Some(enc) = said {
            assert!(run.stdout.contains(enc), "{name}: {}", run.stdout);
        }
        let f = load(&tmp.path().join(&out));
        prompts.push((f.questions[0].prompt.clone(), f.questions[0].options.len()));
    }
    assert!(prompts.windows(2).all(|w| w[0] == w[1]), "{prompts:?}");
    assert_eq!(prompts[0].0, "컨테이너 이미지를 만드는 파일은?");
}
