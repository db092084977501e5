//! Issue 11 item 15: what `check`, `grade`, `rubric import`, `roster import`
//! and `today` say to an instructor is Korean. Each command runs on fixtures
//! full of mistakes (tests/fixtures/korean); every diagnostic line must hold
//! Hangul, so a message that slips back to English fails here. Paths, ids,
//! command names and flags stay as they are.

mod common;

use common::{copy_dir, quiz, root};
use std::path::Path;

/// The week-1 class of tests/fixtures/take with the Korean fixtures beside it.
fn class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    copy_dir(&root().join("tests/fixtures/korean"), dir.path());
    dir
}

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

/// Every non-empty line of `text` holds Hangul; at least `min` lines.
fn all_korean(what: &str, text: &str, min: usize) {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines.len() >= min,
        "{what}: expected at least {min} lines, got:\n{text}"
    );
    let english: Vec<&&str> = lines.iter().filter(|l| !hangul(l)).collect();
    assert!(
        english.is_empty(),
        "{what}: lines without Korean:\n{english:#?}\nall:\n{text}"
    );
}

/// Lines of stdout that are sentences, not table rows (a table row may be
/// only ids and numbers).
fn sentences(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| !l.starts_with(['│', '╭', '├', '╰', '┌', '└', '+', '|', '═', '─', '╞', '┆']))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn check_reports_every_problem_in_korean() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/check_broken"), dir.path());
    let run = quiz(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    all_korean("check stderr", &run.stderr, 10);
    all_korean("check stdout", &run.stdout, 1);
    // The place stays `path:line:col`, ids stay as written.
    assert!(
        run.stderr.contains(
            "questions/week_01/good.yaml:10:3: `w1-aaaaaa`의 정답 `c`은(는) 어느 보기도 아닙니다"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn grade_reports_bad_rows_in_korean() {
    let dir = class();
    let p = dir.path();
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let run = quiz(p, &["grade", "--responses", "responses_bad.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Unknown student and question, a non-option, a second answer, not
    // true/false, an item twice, not left:right, a left item twice, too few
    // columns, the unclosed quote.
    all_korean("grade stderr", &run.stderr, 10);
    all_korean("grade stdout", &sentences(&run.stdout), 1);
    for (line, what) in [
        (2, "s999: 명단에 없는 학번입니다; 행을 건너뜀"),
        (3, "w1d1-nope: 문제 은행에 없는 문항입니다; 행을 건너뜀"),
        (
            6,
            "`s001`이(가) `w1d1-choice`에 두 번째로 답했습니다; 행을 건너뜀",
        ),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&format!("responses_bad.csv:{line}:")) && l.ends_with(what)),
            "line {line}: {what}\n{}",
            run.stderr
        );
    }
    let header = quiz(p, &["grade", "--responses", "responses_bad_header.csv"]);
    assert_eq!(header.code, 1);
    all_korean("grade header stderr", &header.stderr, 1);
    assert!(
        header
            .stderr
            .starts_with("responses_bad_header.csv:1:1: 머리글에 학번 열")
    );
}

#[test]
fn rubric_import_reports_bad_rows_in_korean() {
    let dir = class();
    let p = dir.path();
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    // s001's essay awaits review; s002 has none.
    let graded = quiz(p, &["grade", "--responses", "responses_bad.csv"]);
    assert_eq!(graded.code, 1, "{}", graded.stderr);
    let run = quiz(p, &["rubric", "import", "rubric_bad.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // Unknown student, an ambiguous 학번, a level that is none, a score out of
    // range, an essay that awaits no review.
    all_korean("rubric import stderr", &run.stderr, 5);
    all_korean("rubric import stdout", &sentences(&run.stdout), 1);
    for want in [
        "rubric_bad.csv:2:1: s999: 명단에 없는 학번입니다; 행을 건너뜀",
        "rubric_bad.csv:3:1: 학번 `123`은(는) `00123`, `0123` 중 누구인지 알 수 없습니다",
        "rubric_bad.csv:4:3: `훌륭`은(는) w1k1의 수준이 아닙니다 (미흡/보통/우수)",
        "rubric_bad.csv:4:5: `9`은(는) 0부터 2까지의 점수가 아닙니다",
        "rubric_bad.csv:5:5: `s002`의 `w1d1-essay` 답 중 검토를 기다리는 답이 없습니다",
    ] {
        assert!(run.stderr.contains(want), "{want}\n{}", run.stderr);
    }
}

#[test]
fn roster_and_course_mistakes_are_reported_in_korean() {
    let dir = class();
    let p = dir.path();
    let run = quiz(p, &["roster", "import", "roster_bad.csv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    all_korean("roster import stderr", &run.stderr, 3);
    let run = quiz(p, &["today", "--today", "2026-11-02"]);
    assert_eq!(run.code, 2);
    all_korean("today stderr", &run.stderr, 2);
    // A missing gradebook and a missing file: the OS reason in Korean too.
    let run = quiz(p, &["--db", "nowhere/x.db", "report", "--week", "1"]);
    assert_eq!(run.code, 2);
    all_korean("missing gradebook", &run.stderr, 1);
    let run = quiz(p, &["grade", "--responses", "no-such.csv"]);
    assert_eq!(run.code, 2);
    all_korean("missing file", &run.stderr, 1);
    assert!(Path::new(p).join("roster.csv").exists());
}
