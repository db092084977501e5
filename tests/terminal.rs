//! The terminal as a student and an instructor see it (issue 11, item 15),
//! through the built binary with stdin piped (and a real SIGINT for Ctrl-C).

mod common;

use common::{copy_dir, quiz, quiz_env, quiz_in, root};
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use unicode_width::UnicodeWidthStr;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    dir
}

const TAKE: [&str; 8] = [
    "take",
    "w1",
    "--student",
    "s1",
    "--count",
    "7",
    "--seed",
    "7",
];

/// The widest line, in terminal columns (a Hangul syllable is two).
fn widest(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn ctrl_c_saves_like_q_exits_130_and_the_same_command_resumes() {
    let p = project();
    let mut child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(TAKE)
        .current_dir(p.path())
        .env_remove("QUIZ_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
    let reader = {
        let seen = Arc::clone(&seen);
        let mut stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock().expect("lock").extend_from_slice(&buf[..n]);
            }
        })
    };
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all("3 4\n".as_bytes()).expect("answer 1");
    stdin.flush().expect("flush");
    let shown = |s: &str| String::from_utf8_lossy(&seen.lock().expect("lock")).contains(s);
    let start = Instant::now();
    while !shown("문제 2/7") {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "question 2 never shown"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The student presses Ctrl-C at the prompt of question 2.
    let pid = rustix::process::Pid::from_raw(i32::try_from(child.id()).expect("pid")).expect("pid");
    rustix::process::kill_process(pid, rustix::process::Signal::INT).expect("SIGINT");
    let code = child.wait().expect("wait").code();
    drop(stdin);
    reader.join().expect("reader");
    let out = String::from_utf8_lossy(&seen.lock().expect("lock")).into_owned();
    assert_eq!(code, Some(130), "{out}");
    assert!(
        out.ends_with("\n저장했습니다. 같은 명령으로 이어서 풀 수 있습니다.\n"),
        "the line `q` prints:\n{out}"
    );
    // The attempt was handed back: the same command goes on at once, from question 2.
    let again = quiz_in(p.path(), &TAKE, "3 2 1\nq\n");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stdout
            .contains("이전에 중단한 퀴즈를 이어서 풉니다 (문제 2/7부터)."),
        "{}",
        again.stdout
    );
    assert!(!again.stdout.contains("문제 1/7"));
}

#[test]
fn exam_results_show_skipped_as_skipped_and_no_essay_note_for_a_skipped_essay() {
    let p = project();
    let mut args = TAKE.to_vec();
    args.extend(["--mode", "exam"]);
    // Q4 (true/false) and Q5 (the essay) skipped.
    let run = quiz_in(p.path(), &args, "3 4\n3 2 1\n1-B 2-A\n?\n?\n3\n깃옵스\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, after) = run.stdout.split_once("== 결과 ==").expect("results");
    assert!(
        after.contains("문제 4  건너뜀 (0/1점) — 정답: 참 (O)"),
        "{after}"
    );
    assert!(after.contains("문제 5  건너뜀 (0/2점)"), "{after}");
    assert!(!after.contains("오답"), "{after}");
    assert!(!after.contains("서술형 답안은 강사 검토 후"), "{after}");
    // Answered, the essay gets its note.
    let p = project();
    let run = quiz_in(
        p.path(),
        &args,
        "3 4\n3 2 1\n1-B 2-A\n?\n선언적 배포\n\n3\n깃옵스\n",
    );
    assert!(
        run.stdout
            .contains("서술형 답안은 강사 검토 후 점수가 확정됩니다.")
    );
}

#[test]
fn essay_lines_get_a_prompt_and_match_examples_show_every_pair() {
    let p = project();
    let run = quiz_in(
        p.path(),
        &TAKE,
        "3 4\n3 2 1\n1-B\n1-B 2-A\nx\nGit 저장소를 기준으로\n선언적으로 배포합니다\n\nq\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("> Git 저장소를 기준으로\n… 선언적으로 배포합니다\n… \n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("짝을 입력하세요 (예: 1-B 2-A)"));
    assert!(
        run.stdout
            .contains("입력 오류: 왼쪽 2개를 모두 연결하세요 (예: 1-B 2-A). 다시 입력하세요.")
    );
    assert!(
        run.stdout
            .contains("번호를 올바른 순서대로 입력하세요 (예: 2 3 1)")
    );
}

#[test]
fn resuming_a_released_form_says_so() {
    let p = project();
    std::fs::write(
        p.path().join("roster.csv"),
        "student_id,name\ns001,김민수\n",
    )
    .expect("write");
    let run = quiz(
        p.path(),
        &[
            "release",
            "w1",
            "--roster",
            "roster.csv",
            "--out",
            "forms",
            "--count",
            "7",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let args = [
        "take",
        "--form",
        "forms/s001-w1-r1.form.yaml",
        "--student",
        "s001",
        "--out",
        "subs",
    ];
    let first = quiz_in(p.path(), &args, "?\n?\nq\n");
    assert!(
        first
            .stdout
            .contains("저장했습니다. 같은 명령으로 이어서 풀 수 있습니다.")
    );
    assert!(!first.stdout.contains("이어서 풉니다"));
    let second = quiz_in(p.path(), &args, "q\n");
    assert!(
        second
            .stdout
            .contains("이전에 중단한 퀴즈를 이어서 풉니다 (문제 3/7부터)."),
        "{}",
        second.stdout
    );
}

#[test]
fn list_and_stats_fit_the_terminal_width() {
    let piped = quiz(&root(), &["list"]);
    assert!(
        widest(&piped.stdout) > 120,
        "the bank's table is wide when piped"
    );
    for cols in [120, 100, 80, 60] {
        let run = quiz_env(&root(), &["list"], "", &[("COLUMNS", &cols.to_string())]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(widest(&run.stdout) <= cols, "{cols}:\n{}", run.stdout);
        assert!(
            run.stdout.contains("│ 단원"),
            "Korean headers:\n{}",
            run.stdout
        );
        // Narrow terminals get a narrower table, not a squeezed one.
        assert_eq!(run.stdout.contains("출처"), cols >= 100, "{cols}");
        assert_eq!(run.stdout.contains("유형별"), cols < 100, "{cols}");
    }
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    assert_eq!(
        quiz(tmp.path(), &["grade", "--responses", "responses.csv"]).code,
        0
    );
    for cols in [120, 80, 60] {
        let run = quiz_env(
            tmp.path(),
            &["stats", "w1"],
            "",
            &[("COLUMNS", &cols.to_string())],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(widest(&run.stdout) <= cols, "{cols}:\n{}", run.stdout);
        assert!(run.stdout.contains("│ item1 ┆"), "{cols}:\n{}", run.stdout);
        assert_eq!(run.stdout.contains("의도 가중"), cols >= 110, "{cols}");
        assert!(
            run.stdout.contains("참/거짓") || cols < 80,
            "{cols}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn every_help_shows_a_korean_example() {
    for args in [
        vec!["--help"],
        vec!["help", "roster"],
        vec!["help", "rubric"],
        vec!["help", "attempts"],
        vec!["help", "take"],
        vec!["help", "today"],
        vec!["help", "import"],
        vec!["roster", "import", "--help"],
        vec!["rubric", "sheet", "--help"],
        vec!["serve", "--help"],
        vec!["roster", "codes", "--help"],
        vec!["instructor", "code", "--help"],
        vec!["sign", "--help"],
    ] {
        let run = quiz(&root(), &args);
        assert_eq!(run.code, 0, "{args:?}");
        assert!(
            run.stdout.contains("\n예:\n  quiz"),
            "{args:?}:\n{}",
            run.stdout
        );
        assert!(!run.stdout.contains("Example"), "{args:?}");
    }
    let roster = quiz(&root(), &["help", "roster"]);
    assert!(roster.stdout.contains("quiz roster import roster.csv"));
    let rubric = quiz(&root(), &["help", "rubric"]);
    assert!(
        rubric
            .stdout
            .contains("quiz rubric sheet --week 5 --out week5.csv")
    );
}

#[test]
fn instructor_summaries_are_korean() {
    let run = quiz(&root(), &["check"]);
    assert_eq!(
        run.stdout,
        "문항 49개(파일 5개)와 루브릭 4개를 검사했습니다: 오류 0개, 경고 0개\n"
    );
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
    for row in [
        "│ 서술형    ┆ 1       │",
        "│ 짝 맞추기 ┆ 1       │",
        "│ 가져옴    ┆ 8       │",
        "│ 건너뜀    ┆ 1       │",
    ] {
        assert!(run.stdout.contains(row), "{row}\n{}", run.stdout);
    }
    let run = quiz(&root(), &["today", "--course", "nope.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("수업 일정 nope.yaml이(가) 없어"),
        "{}",
        run.stderr
    );
}

/// On a real terminal (a pty from util-linux `script`, part of every Debian
/// base system) the table is sized by the terminal itself, no `COLUMNS`.
#[cfg(unix)]
#[test]
fn list_on_a_real_120_column_terminal_does_not_wrap() {
    let bin = env!("CARGO_BIN_EXE_quiz");
    for cols in [120, 70] {
        let out = Command::new("script")
            .args([
                "-qec",
                &format!("stty cols {cols} rows 50; {bin} list"),
                "/dev/null",
            ])
            .current_dir(root())
            .env_remove("COLUMNS")
            .env_remove("QUIZ_DB")
            .stdin(Stdio::null())
            .output()
            .expect("`script` (util-linux) runs the command on a pty");
        let text = String::from_utf8_lossy(&out.stdout).replace('\r', "");
        assert!(text.contains("│ 단원"), "{text}");
        assert!(widest(&text) <= cols, "{cols}:\n{text}");
        assert!(
            widest(&text) > cols - 10,
            "uses the width it has: {cols}:\n{text}"
        );
    }
}
