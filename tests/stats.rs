//! `quiz stats` against published figures: LSAT Section 6 (Bock & Lieberman 1970),
//! 1000 examinees x 5 items, as published with the mirt package's reference:
//! Cronbach's alpha 0.295, proportions correct .924/.709/.553/.763/.870,
//! item-rest correlations .113/.153/.173/.144/.122.
//! (`tests/fixtures/lsat6/responses.csv` is `../shared/refs/lsat6.csv` in the
//! long format: one row per examinee and item, 1 -> true, 0 -> false.)

mod common;

use common::{copy_dir, quiz, root};

#[test]
fn lsat6_matches_the_published_figures() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    let run = quiz(tmp.path(), &["grade", "--responses", "responses.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(tmp.path(), &["stats", "w1", "--out", "items.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(tmp.path().join("items.csv"))
        .expect("csv");
    assert_eq!(
        rdr.headers().expect("header").iter().collect::<Vec<_>>(),
        [
            "문항",
            "응시 수",
            "정답률(F)",
            "표준편차",
            "추측 확률",
            "의도 가중",
            "실효 가중",
            "변별도",
            "변별 효율",
            "표시"
        ],
        "Korean headers"
    );
    let mut items = Vec::new();
    let mut test = std::collections::BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.expect("record");
        let key = rec[0].trim_start_matches('\u{feff}').to_string();
        if let Some(k) = key.strip_prefix("시험:") {
            test.insert(k.to_string(), rec[2].to_string());
        } else {
            items.push((
                key,
                rec[2].parse::<f64>().expect("facility"),
                rec[7].parse::<f64>().expect("discrimination"),
            ));
        }
    }
    let round3 = |x: f64| (x / 100.0 * 1000.0).round() / 1000.0;
    let facility: Vec<f64> = items.iter().map(|i| round3(i.1)).collect();
    assert_eq!(facility, vec![0.924, 0.709, 0.553, 0.763, 0.870]);
    let item_rest: Vec<f64> = items.iter().map(|i| round3(i.2)).collect();
    assert_eq!(item_rest, vec![0.113, 0.153, 0.173, 0.144, 0.122]);
    let alpha: f64 = test["내적 일관성 (CIC)"].parse().expect("cic");
    assert_eq!(round3(alpha), 0.295);
    assert_eq!(test["응시 수"], "1000", "a count is a whole number");
    // Error ratio and standard error follow from CIC and SD.
    let er: f64 = test["오차율 (ER)"].parse().expect("er");
    assert!((er - 100.0 * (1.0 - alpha / 100.0).sqrt()).abs() < 1e-3);
    assert!(
        run.stdout.contains("│ 내적 일관성 (CIC) ┆ 29.50 │"),
        "{}",
        run.stdout
    );
}

#[test]
fn too_few_attempts_say_so() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    std::fs::write(
        tmp.path().join("two.csv"),
        "student_id,question_id,answer\na,item1,true\na,item2,false\nb,item1,false\nb,item2,true\n",
    )
    .expect("write");
    assert_eq!(
        quiz(tmp.path(), &["grade", "--responses", "two.csv"]).code,
        0
    );
    let run = quiz(tmp.path(), &["stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 내적 일관성 (CIC) ┆ 표본 부족 │"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("│ 첨도              ┆ 표본 부족 │"));
}

/// Enough attempts that all scored the same: the figures are missing
/// because nothing varies, and say so (trial of 2026-12-01: 표본 부족 with
/// four students, above the limits of 3 and 4).
#[test]
fn identical_answers_say_nothing_varies_not_too_few() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    let mut csv = String::from("student_id,question_id,answer\n");
    for s in ["a", "b", "c", "d"] {
        csv.push_str(&format!("{s},item1,true\n{s},item2,true\n"));
    }
    std::fs::write(tmp.path().join("same.csv"), csv).expect("write");
    assert_eq!(
        quiz(tmp.path(), &["grade", "--responses", "same.csv"]).code,
        0
    );
    let run = quiz(tmp.path(), &["stats"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for figure in ["왜도", "첨도", "내적 일관성 (CIC)"] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.contains(figure) && l.contains("변동 없음")),
            "{figure}: {}",
            run.stdout
        );
    }
    assert!(!run.stdout.contains("표본 부족"), "{}", run.stdout);
}

/// Output into a reader that stopped (`quiz stats | head -1`) ends quietly
/// with exit code 0, never a panic (trial of 2026-12-01: exit 101 with
/// stderr in the same pipe, exit 2 with a message otherwise).
#[test]
fn a_closed_output_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    let run = quiz(tmp.path(), &["grade", "--responses", "responses.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for _ in 0..3 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
            .args(["stats", "w1"])
            .current_dir(tmp.path())
            .env_remove("QUIZ_DB")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// A question whose marks vary but go against the total has no effective
/// weight, and says 해당 없음 (trial of 2026-12-01: 변동 없음, though its
/// marks varied).
#[test]
fn a_question_against_the_total_has_no_effective_weight() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    // item1 right only for the students who miss item2 and item3.
    let mut csv = String::from("student_id,question_id,answer\n");
    for (s, a, b) in [
        ("a", true, false),
        ("b", false, true),
        ("c", false, true),
        ("d", true, false),
    ] {
        csv.push_str(&format!("{s},item1,{a}\n{s},item2,{b}\n{s},item3,{b}\n"));
    }
    std::fs::write(tmp.path().join("against.csv"), csv).expect("write");
    assert_eq!(
        quiz(tmp.path(), &["grade", "--responses", "against.csv"]).code,
        0
    );
    let run = quiz(tmp.path(), &["stats", "--out", "items.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(tmp.path().join("items.csv")).expect("csv");
    let row = text
        .lines()
        .find(|l| l.starts_with("item1,"))
        .expect("item1 row");
    assert!(row.contains("해당 없음"), "{row}");
}
