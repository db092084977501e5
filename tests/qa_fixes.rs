//! Regressions from the QA pass, one test per defect, named after what broke.

mod common;

use common::{copy_dir, quiz, quiz_in, root};

fn take_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    dir
}

const POINTZ: &str = "questions/week_01/day1.yaml:26:3: 잘못된 YAML: questions[2]: 알 수 없는 필드 `pointz` (쓸 수 있는 필드: `id`, `kind`, `prompt`, `options`, `items`, `left`, `right`, `answer`, `rubric`, `points`, `criteria`, `tags`, `feedback`, `scoring`, `source`, `locked`, `status`)";

#[test]
fn one_bad_question_no_longer_drops_its_whole_file() {
    let p = take_project();
    let file = p.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    // A typo in the third question (line 26), and a wrong answer in the first.
    let text = text
        .replacen("- id: w1d1-tf\n", "- id: w1d1-tf\n  pointz: 1\n", 1)
        .replacen("  answer: a\n", "  answer: e\n", 1);
    std::fs::write(&file, text).expect("write");

    let run = quiz(p.path(), &["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "questions/week_01/day1.yaml:12:3: `w1d1-choice`의 정답 `e`은(는) 어느 보기도 아닙니다\n{POINTZ}\n"
        ),
        "the typo once, with its place; the file's other error still found"
    );
    assert_eq!(
        run.stdout,
        "문항 6개(파일 1개)와 루브릭 1개를 검사했습니다: 오류 2개, 경고 0개\n"
    );

    // The file's sound questions are served (5 of 7: the typo and the wrong answer left out).
    let run = quiz_in(
        p.path(),
        &["take", "w1", "--student", "s001", "--seed", "7"],
        "q\n",
    );
    assert!(
        run.stdout.contains("· 5문제 =="),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    assert_eq!(run.stderr.matches("`pointz`").count(), 1, "{}", run.stderr);
}

#[test]
fn rubric_import_refuses_a_second_cell_of_one_student_and_cells_beyond_the_header() {
    let p = take_project();
    let p = p.path();
    std::fs::write(p.join("roster.csv"), "student_id,name\ns1,김\ns2,이\n").expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("f.csv"),
        "학번,이름,w1k1 Dockerfile 작성 [미흡/보통/우수],w1k2 배포 [미흡/보통/우수]\n\
         s1,김,우수,\n\
         s2,이,보통,,\n\
         s1,김,미흡,보통,x\n",
    )
    .expect("write");
    let run = quiz(p, &["rubric", "import", "f.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "f.csv:4:3: 학생 `s1`의 `w1k1` 칸이 두 번 나옵니다 (처음은 f.csv:2); 칸을 거부했습니다\n\
         f.csv:4:5: 머리글에 없는 열의 칸입니다 (머리글 4칸); 남는 칸을 건너뜀\n"
    );
    // The first cell stands, not the last: s1 keeps 우수 for w1k1.
    let gb = common::gradebook(p).expect("db");
    let levels: Vec<(String, String, String)> = gb
        .checklist(1)
        .expect("scores")
        .into_iter()
        .map(|c| (c.student, c.item, c.level))
        .collect();
    assert!(
        levels.contains(&("s1".into(), "w1k1".into(), "우수".into())),
        "{levels:?}"
    );
    assert!(
        !levels.contains(&("s1".into(), "w1k1".into(), "미흡".into())),
        "{levels:?}"
    );
}

#[test]
fn roster_codes_csv_has_the_bom_and_neutralized_names_of_every_other_csv() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김하나\ns002,=HYPERLINK(1)\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let run = quiz(p, &["roster", "codes", "--out", "codes.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(p.join("codes.csv")).expect("codes");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(
        text.starts_with("\u{feff}student_id,name,code,url\r\n"),
        "{text}"
    );
    assert!(text.contains("\r\ns002,'=HYPERLINK(1),"), "{text}");
}

#[test]
fn unclosed_quote_message_is_worded_for_rosters_and_rubric_sheets() {
    let p = take_project();
    let p = p.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns1,김\ns2,\"이\ns3,박\n",
    )
    .expect("write");
    let run = quiz(p, &["roster", "import", "roster.csv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "roster.csv:3:4: 이 따옴표가 닫히지 않아 파일의 나머지가 한 칸이 됩니다; 3행부터는 읽지 않았습니다 (따옴표를 닫고 명단을 다시 가져오세요)\n"
    );
    std::fs::write(
        p.join("f.csv"),
        "학번,이름,w1k1 Dockerfile 작성 [미흡/보통/우수]\ns1,김,\"우수\n",
    )
    .expect("write");
    let run = quiz(p, &["rubric", "import", "f.csv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "f.csv:2:6: 이 따옴표가 닫히지 않아 파일의 나머지가 한 칸이 됩니다; 2행부터는 읽지 않았습니다 (따옴표를 닫고 시트를 다시 가져오세요)\n"
    );
}

#[test]
fn take_echoes_invalid_input_escaped_and_cut_short() {
    let p = take_project();
    // The first question of seed 7 is a multi: numbers expected.
    let bad = format!("\u{1b}[2J\u{7}\u{202e}{}", "x".repeat(20_001));
    let run = quiz_in(
        p.path(),
        &[
            "take",
            "w1",
            "--student",
            "s001",
            "--count",
            "7",
            "--seed",
            "7",
        ],
        &format!("{bad}\nq\n"),
    );
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("입력 오류"))
        .expect("an input error line");
    assert_eq!(
        line,
        format!(
            "  입력 오류: `\\x1b[2J\\x07\\u{{202e}}{}…`은(는) 번호가 아닙니다. 다시 입력하세요.",
            "x".repeat(74)
        )
    );
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{202e}'));
    // The browser's answers are read by the same function: its JSON error is as short.
    let why = quiz::runner::parse_match(&"1-".repeat(10_000), 2, 2).expect_err("bad");
    assert!(why.chars().count() < 150, "{why}");
}

#[test]
fn stats_says_standard_deviation_and_no_variance_rather_than_sd_and_too_few() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/lsat6"), tmp.path());
    // item1: everyone right (no variance); item2 and item3 vary.
    std::fs::write(
        tmp.path().join("three.csv"),
        "student_id,question_id,answer\n\
         a,item1,true\na,item2,true\na,item3,true\n\
         b,item1,true\nb,item2,false\nb,item3,true\n\
         c,item1,true\nc,item2,false\nc,item3,false\n",
    )
    .expect("write");
    assert_eq!(
        quiz(tmp.path(), &["grade", "--responses", "three.csv"]).code,
        0
    );
    let run = quiz_in(tmp.path(), &["stats", "--out", "items.csv"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let head = run.stdout.lines().nth(1).expect("header row");
    assert!(head.contains("표준편차") && !head.contains("SD"), "{head}");
    let item1 = run
        .stdout
        .lines()
        .find(|l| l.contains("item1"))
        .expect("item1 row");
    // 변별도 and 변별 효율: three answers are enough; the marks do not vary.
    assert!(item1.contains("┆ 변동 없음 ┆ 변동 없음 ┆"), "{item1}");
    let csv = std::fs::read_to_string(tmp.path().join("items.csv")).expect("csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("item1,"))
        .expect("item1 in csv");
    assert!(row.ends_with(",변동 없음,변동 없음,"), "{row}");
}
