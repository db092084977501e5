//! `quiz report` through the built binary, files read back with csv and calamine.

mod common;

use common::{copy_dir, quiz, root};

fn class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    let p = dir.path();
    // Negative marking this week: a wrong choice costs half its points.
    let r = p.join("rubrics/week_01.yaml");
    let text = std::fs::read_to_string(&r).expect("rubric");
    std::fs::write(&r, format!("{text}scoring: {{penalty: 0.5}}\n")).expect("write");
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\ns003,박지훈\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\n\
s001,w1d1-choice,Makefile\n\
s001,w1d1-short,\"=HYPERLINK(\"\"x\"\")\"\n\
s001,w1d1-tf,true\n\
s001,w1d1-essay,-1+2\n\
s002,w1d1-choice,Dockerfile\n\
s002,w1d1-order,a|b|c\n\
s002,w1d1-match,a:q|b:p\n",
    )
    .expect("csv");
    assert_eq!(quiz(p, &["grade", "--responses", "lms.csv"]).code, 0);
    dir
}

fn read_csv(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).expect("read");
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 BOM");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF");
    let mut rdr = csv::Reader::from_reader(&bytes[3..]);
    let header = rdr
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = rdr
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn weekly_csv_report_values() {
    let dir = class();
    let p = dir.path();
    let run = quiz(p, &["report", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("│ 가중 총점     ┆ 56.2     ┆ 61.9     ┆ 2           │"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("│ 컨테이너 기초 ┆ 62.5     ┆ 53.0     ┆ 2           │")
    );
    assert!(run.stdout.contains(" 10–19      1 "), "{}", run.stdout);
    assert!(
        run.stdout.contains("검토 대기 답안 1개 (학생 1명)"),
        "{}",
        run.stdout
    );
    let (header, rows) = read_csv(&p.join("reports/week_01/summary.csv"));
    assert_eq!(
        header,
        [
            "학번",
            "이름",
            "컨테이너 기초 (%)",
            "CI/CD (%)",
            "퀴즈 점수",
            "퀴즈 만점",
            "체크리스트 점수",
            "체크리스트 만점",
            "가중 총점 (%)",
            "검토 대기",
            "응시 횟수",
            "최근 활동"
        ]
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0][..11],
        [
            "s001",
            "김민수",
            "25",
            "0",
            "0.5",
            "5",
            "",
            "",
            "12.5",
            "1",
            "1"
        ],
        "s001's essay waits for review: its total can still move"
    );
    assert!(!rows[0][11].is_empty());
    assert_eq!(
        rows[1][..11],
        [
            "s002",
            "이영희",
            "100",
            "100",
            "3",
            "3",
            "",
            "",
            "100",
            "0",
            "1"
        ]
    );
    assert_eq!(
        rows[2],
        ["s003", "박지훈", "", "", "", "", "", "", "", "", "", ""],
        "no attempt: empty cells, not zeros"
    );

    let (header, rows) = read_csv(&p.join("reports/week_01/students/s001.csv"));
    assert_eq!(
        header,
        [
            "단원",
            "문항",
            "문제",
            "평가 기준",
            "제출 답안",
            "정답",
            "점수",
            "만점",
            "상태",
            "피드백"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0],
        [
            "w1d1",
            "w1d1-choice",
            "컨테이너 이미지를 만드는 명령 파일은?",
            "컨테이너 기초",
            "Makefile",
            "Dockerfile",
            "-0.5",
            "1",
            "자동",
            ""
        ]
    );
    assert_eq!(rows[1][4], "'-1+2", "a formula-like answer is neutralized");
    assert_eq!(rows[1][8], "검토 대기");
    assert_eq!(rows[2][4], "'=HYPERLINK(\"x\")");
    assert_eq!(rows[2][5], "GitOps | 깃옵스");
    let (_, rows) = read_csv(&p.join("reports/week_01/students/s003.csv"));
    assert!(rows.is_empty());

    let nobom = quiz(p, &["report", "--week", "1", "--no-bom", "--out", "plain"]);
    assert_eq!(nobom.code, 0);
    let bytes = std::fs::read(p.join("plain/week_01/summary.csv")).expect("read");
    assert!(bytes.starts_with("학번".as_bytes()));
}

#[test]
fn weekly_xlsx_report_reads_back_with_numbers_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = class();
    let p = dir.path();
    let run = quiz(p, &["report", "--week", "1", "--format", "xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut wb: Xlsx<_> = open_workbook(p.join("reports/week_01/week_01.xlsx")).expect("xlsx");
    assert_eq!(
        wb.sheet_names(),
        vec!["요약".to_string(), "상세".to_string()]
    );
    let s = wb.worksheet_range("요약").expect("summary");
    assert_eq!(s.get_value((0, 0)), Some(&Data::String("학번".into())));
    assert_eq!(s.get_value((1, 1)), Some(&Data::String("김민수".into())));
    assert_eq!(
        s.get_value((1, 2)),
        Some(&Data::Float(0.25)),
        "percent stored as a fraction with a % format"
    );
    assert_eq!(s.get_value((1, 4)), Some(&Data::Float(0.5)));
    assert_eq!(s.get_value((1, 8)), Some(&Data::Float(0.125)));
    assert_eq!(s.get_value((3, 2)), Some(&Data::Empty));
    let d = wb.worksheet_range("상세").expect("detail");
    let rows: Vec<Vec<Data>> = d.rows().map(|r| r.to_vec()).collect();
    let choice = rows
        .iter()
        .find(|r| r[0] == Data::String("s001".into()) && r[2] == Data::String("w1d1-choice".into()))
        .expect("row");
    assert_eq!(choice[7], Data::Float(-0.5), "negative marks stay numbers");
    let short = rows
        .iter()
        .find(|r| r[0] == Data::String("s001".into()) && r[2] == Data::String("w1d1-short".into()))
        .expect("row");
    assert_eq!(
        short[5],
        Data::String("=HYPERLINK(\"x\")".into()),
        "stored as text, never a formula"
    );
}

#[test]
fn a_week_without_rubric_or_data_says_so() {
    let dir = class();
    let run = quiz(dir.path(), &["report", "--week", "9"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "9주차 루브릭이 없습니다 (rubrics에 week_09.yaml 없음).\n"
    );
    // The rubric sheet answers the same, with the same exit code.
    let run = quiz(dir.path(), &["rubric", "sheet", "--week", "9"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "9주차 루브릭이 없습니다 (rubrics에 week_09.yaml 없음).\n"
    );
    let empty = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), empty.path());
    // No gradebook at all: said so (exit 2), and none is created (a SQLite
    // file; a PostgreSQL database is there or the connection says not).
    if common::backend_env(empty.path()).is_empty() {
        let run = quiz(empty.path(), &["report", "--week", "1"]);
        assert_eq!(run.code, 2);
        assert_eq!(
            run.stderr,
            "quiz: 성적부 gradebook.db이(가) 없습니다: --db 경로를 확인하세요 (성적부는 기록하는 명령이 처음 만듭니다)\n"
        );
        assert!(!empty.path().join("gradebook.db").exists());
    }
    // An empty gradebook: no graded data.
    std::fs::write(
        empty.path().join("roster.csv"),
        "student_id,name\ns001,김민수\n",
    )
    .expect("roster");
    assert_eq!(
        quiz(empty.path(), &["roster", "import", "roster.csv"]).code,
        0
    );
    let run = quiz(empty.path(), &["report", "--week", "1"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "1주차에 채점된 자료가 없습니다.\n");
    // Nothing written, not even an empty folder or a temporary one.
    let reports = empty.path().join("reports");
    let left: Vec<_> = std::fs::read_dir(&reports)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn rerunning_a_report_rewrites_only_what_changed() {
    let dir = class();
    let p = dir.path();
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    let students = p.join("reports/week_01/students");
    let mtime = |f: &str| {
        std::fs::metadata(students.join(f))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let (s1, s2) = (mtime("s001.csv"), mtime("s002.csv"));
    let s3 = std::fs::read(students.join("s003.csv")).expect("s003");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    // s002 answers one more question; s001's and s003's files stay as they were.
    std::fs::write(
        p.join("more.csv"),
        "student_id,question_id,answer\ns002,w1d1-tf,false\n",
    )
    .expect("csv");
    assert_eq!(quiz(p, &["grade", "--responses", "more.csv"]).code, 0);
    let run = quiz(p, &["report", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(mtime("s001.csv"), s1, "unchanged file not rewritten");
    assert_ne!(mtime("s002.csv"), s2, "changed file rewritten");
    assert_eq!(std::fs::read(students.join("s003.csv")).expect("s003"), s3);
    let (_, rows) = read_csv(&students.join("s002.csv"));
    assert!(
        rows.iter().any(|r| r[1] == "w1d1-tf" && r[4] == "거짓"),
        "{rows:?}"
    );
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(&students)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.ends_with(".csv")), "{names:?}");
}

#[test]
fn students_with_only_checklist_scores_are_reported_in_order() {
    let dir = class();
    let p = dir.path();
    // s000 joins the roster; s000 and s003 have no answers, only checklist levels.
    std::fs::write(p.join("more.csv"), "student_id,name\ns000,정하나\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "more.csv"]).code, 0);
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    let filled: String = sheet
        .split_inclusive("\r\n")
        .map(|line| {
            let cells: Vec<&str> = line.trim_end_matches("\r\n").split(',').collect();
            match cells.first().copied() {
                Some("s000") | Some("s003") => {
                    let mut c: Vec<String> = cells.iter().map(|s| s.to_string()).collect();
                    c[2] = "우수".into();
                    format!("{}\r\n", c.join(","))
                }
                _ => line.to_string(),
            }
        })
        .collect();
    std::fs::write(p.join("filled.csv"), filled).expect("filled");
    let run = quiz(p, &["rubric", "import", "filled.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);

    for format in ["csv", "xlsx"] {
        let run = quiz(p, &["report", "--week", "1", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (_, rows) = read_csv(&p.join("reports/week_01/summary.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["s000", "s001", "s002", "s003"]);
    // Checklist only: points of the top level out of the top level, no quiz, no attempts.
    assert_eq!(
        rows[0][2..11],
        ["100", "", "", "", "2", "2", "100", "0", ""],
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[3][..2], ["s003", "박지훈"]);
    assert_eq!(rows[3][6..8], ["2", "2"]);
    for s in ["s000", "s003"] {
        let (_, detail) = read_csv(&p.join(format!("reports/week_01/students/{s}.csv")));
        assert_eq!(detail.len(), 1, "{s}: {detail:?}");
        assert_eq!(detail[0][..2], ["체크리스트", "w1k1"]);
        assert_eq!(detail[0][4], "우수");
    }
    // The xlsx detail sheet lists the same students' rows in id order.
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(p.join("reports/week_01/week_01.xlsx")).expect("open xlsx");
    let detail = wb.worksheet_range("상세").expect("detail sheet");
    let firsts: Vec<String> = detail.rows().skip(1).map(|r| r[0].to_string()).collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
    assert_eq!(firsts.first().map(String::as_str), Some("s000"));
    assert_eq!(firsts.last().map(String::as_str), Some("s003"));
}

#[test]
fn a_broken_rubric_is_reported_with_its_place() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("rubrics/week_01.yaml"), "week: 1\ncriteria: [\n").expect("write");
    let run = quiz(p, &["report", "--week", "1"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("rubrics/week_01.yaml:3:1: "),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stdout,
        "1주차 루브릭 rubrics/week_01.yaml을(를) 읽지 못했습니다 (위 오류 참고).\n"
    );
    assert!(!p.join("reports").exists(), "nothing written");
}

/// The xlsx keeps the weekly total whole (2/3 of the points is 0.666…, not
/// 0.6667): only its `0.0%` format rounds, for display.
#[test]
fn xlsx_keeps_the_full_weekly_total() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    let p = dir.path();
    std::fs::write(p.join("roster.csv"), "student_id,name\ns001,김민수\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\n\
s001,w1d1-choice,Dockerfile\n\
s001,w1d1-multi,containerd|CRI-O\n\
s001,w1d1-tf,false\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["report", "--week", "1", "--format", "xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut wb: Xlsx<_> = open_workbook(p.join("reports/week_01/week_01.xlsx")).expect("xlsx");
    let s = wb.worksheet_range("요약").expect("summary");
    assert_eq!(
        s.get_value((0, 8)),
        Some(&Data::String("가중 총점 (%)".into()))
    );
    for col in [2, 8] {
        match s.get_value((1, col)) {
            Some(Data::Float(x)) => assert!((x - 2.0 / 3.0).abs() < 1e-12, "column {col}: {x}"),
            other => panic!("column {col}: {other:?}"),
        }
    }
    // The CSV, text for a person, still shows 2 decimals.
    let run = quiz(p, &["report", "--week", "1", "--out", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (_, rows) = read_csv(&p.join("csv/week_01/summary.csv"));
    assert_eq!(rows[0][2], "66.67");
}

/// A student's detail rows are the counted answers (the first to each
/// question) in question order, also when they come from several attempts
/// read in another order: a later file answers a new question and repeats one.
#[test]
fn detail_rows_are_the_first_answers_in_question_order_across_attempts() {
    let dir = class();
    let p = dir.path();
    std::fs::write(
        p.join("lms2.csv"),
        "student_id,question_id,answer\n\
s001,w1d1-order,c|b|a\n\
s001,w1d1-choice,Dockerfile\n",
    )
    .expect("csv");
    assert_eq!(quiz(p, &["grade", "--responses", "lms2.csv"]).code, 0);
    for format in ["csv", "xlsx"] {
        let run = quiz(p, &["report", "--week", "1", "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (_, rows) = read_csv(&p.join("reports/week_01/students/s001.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        ids,
        [
            "w1d1-choice",
            "w1d1-essay",
            "w1d1-order",
            "w1d1-short",
            "w1d1-tf"
        ]
    );
    assert_eq!(rows[0][4], "Makefile", "the first answer counts: {rows:?}");
    // The xlsx detail sheet has the same rows for s001.
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(p.join("reports/week_01/week_01.xlsx")).expect("xlsx");
    let detail = wb.worksheet_range("상세").expect("detail");
    let xlsx_ids: Vec<String> = detail
        .rows()
        .filter(|r| r[0] == "s001")
        .map(|r| r[2].to_string())
        .collect();
    assert_eq!(xlsx_ids, ids);
}
