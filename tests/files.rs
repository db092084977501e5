//! Files as real tools make them (issue 11 items 1-7, 13, 14; issue 10 items
//! 12-14): CP949 and UTF-16 from Python's codecs, an xlsx saved back by
//! openpyxl (tests/fixtures/files/make.py made them), escape sequences,
//! huge answers, deep YAML, a wrong course.yaml. One test per thing that broke.

mod common;

use common::{copy_dir, quiz, quiz_in, root};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/files").join(name)
}

/// The week-1 class of tests/fixtures/take, without roster or answers.
fn class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    dir
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Rows of a CSV the tool wrote (BOM, CRLF).
fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("read");
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").expect("BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect()
}

/// The value of column `header` in the row of `student` of a week summary CSV.
fn summary_value(dir: &Path, student: &str, header: &str) -> String {
    let rows = read_csv(&dir.join("reports/week_01/summary.csv"));
    let c = rows[0].iter().position(|h| h == header).expect("column");
    rows.iter()
        .find(|r| r[0] == student)
        .map(|r| r[c].clone())
        .expect("student row")
}

/// Whether some line of `out` holds all of `parts` (a table row, whatever its layout).
fn has_line(out: &str, parts: &[&str]) -> bool {
    out.lines().any(|l| parts.iter().all(|p| l.contains(p)))
}

/// How many answers the gradebook of `dir` holds.
fn stored(dir: &Path) -> usize {
    quiz::gradebook::Gradebook::open(&dir.join("gradebook.db"))
        .expect("db")
        .rows()
        .expect("rows")
        .len()
}

#[test]
fn cp949_roster_from_korean_excel_is_imported_not_refused() {
    let dir = class();
    let p = dir.path();
    let run = quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("roster_cp949.csv: CP949(EUC-KR)로 읽었습니다"),
        "{}",
        run.stdout
    );
    let list = quiz(p, &["roster", "list"]);
    assert!(
        has_line(&list.stdout, &["00123", "김민수", "min@example.com"]),
        "{}",
        list.stdout
    );
    assert!(
        has_line(&list.stdout, &["s002", "이영희"]),
        "{}",
        list.stdout
    );
}

#[test]
fn utf16_unicode_text_roster_is_imported_not_refused() {
    let dir = class();
    let p = dir.path();
    let run = quiz(p, &["roster", "import", arg(&fixture("roster_utf16.txt"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("UTF-16LE로 읽었습니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("학생 2명 추가"), "{}", run.stdout);
    let list = quiz(p, &["roster", "list"]);
    assert!(
        has_line(&list.stdout, &["00123", "김민수", "min@example.com"]),
        "{}",
        list.stdout
    );
}

#[test]
fn cp949_responses_are_scored_not_stored_garbled() {
    let dir = class();
    let p = dir.path();
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]).code,
        0
    );
    let run = quiz(
        p,
        &["grade", "--responses", arg(&fixture("responses_cp949.csv"))],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("responses_cp949.csv: CP949(EUC-KR)로 읽었습니다"),
        "{}",
        run.stdout
    );
    // 깃옵스 and the order by item texts are right answers: full marks, not 0.
    assert!(
        has_line(&run.stdout, &["00123", "100.0", "2/2"]),
        "{}",
        run.stdout
    );
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    let detail = read_csv(&p.join("reports/week_01/students/00123.csv"));
    assert!(
        detail.iter().any(|r| r.iter().any(|c| c == "깃옵스")),
        "the answer is stored as written: {detail:?}"
    );
}

#[test]
fn utf16_responses_are_graded_not_refused_for_their_header() {
    let dir = class();
    let p = dir.path();
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_utf16.txt"))]).code,
        0
    );
    let run = quiz(
        p,
        &["grade", "--responses", arg(&fixture("responses_utf16.txt"))],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("UTF-16LE로 읽었습니다"),
        "{}",
        run.stdout
    );
    assert!(
        has_line(&run.stdout, &["s002", "100.0", "1/1"]),
        "{}",
        run.stdout
    );
}

#[test]
fn a_file_in_no_known_encoding_is_refused_and_nothing_is_stored() {
    let dir = class();
    let p = dir.path();
    let bad = fixture("responses_unknown.csv");
    let run = quiz(p, &["grade", "--responses", arg(&bad)]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "{}: 인코딩을 알 수 없는 파일입니다",
            bad.display()
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("CSV UTF-8"),
        "says what to do: {}",
        run.stderr
    );
    let roster = quiz(p, &["roster", "import", arg(&bad)]);
    assert_eq!(roster.code, 2);
    assert!(quiz(p, &["roster", "list"]).stdout.ends_with("0명\n"));
    // Nothing was stored: the same row, readable, is new.
    std::fs::write(
        p.join("ok.csv"),
        "student_id,question_id,answer\r\ns002,w1d1-short,GitOps\r\n",
    )
    .expect("write");
    let ok = quiz(p, &["grade", "--responses", "ok.csv"]);
    assert_eq!(stored(p), 1, "{}", ok.stdout);
}

#[test]
fn korean_response_headers_are_accepted() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "학번,문제,답\ns1,w1d1-short,GitOps\n").expect("write");
    std::fs::write(p.join("r2.csv"), "학번,문항,응답\ns2,w1d1-short,깃옵스\n").expect("write");
    let run = quiz(
        p,
        &["grade", "--responses", "r.csv", "--responses", "r2.csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(stored(p), 2, "{}", run.stdout);
}

#[test]
fn an_unknown_response_header_lists_the_accepted_names() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "id,q,a\ns1,w1d1-short,GitOps\n").expect("write");
    let run = quiz(p, &["grade", "--responses", "r.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "r.csv:1:1: 머리글에 학번 열(student_id, 학번), 문항 열(question_id, 문항, 문제), 답 열(answer, 답안, 답, 응답)이 있어야 합니다; 있는 열: id, q, a; 파일을 건너뜀\n"
    );
}

#[test]
fn rubric_sheet_neutralizes_a_formula_in_a_name() {
    let dir = class();
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns1,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\ns2,-2+3\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let run = quiz(p, &["rubric", "sheet", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(p.join("rubric_week_01.csv")).expect("sheet");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(
        text.contains("s1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{text}"
    );
    assert!(text.contains("s2,'-2+3,"), "{text}");
    // Filled in and read back, the names need no fixing and the levels import.
    let filled = text.replace("s2,'-2+3,,", "s2,'-2+3,우수,");
    std::fs::write(p.join("filled.csv"), filled).expect("write");
    let import = quiz(p, &["rubric", "import", "filled.csv", "--by", "kim"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stdout.starts_with("체크리스트 1칸"),
        "{}",
        import.stdout
    );
}

#[test]
fn rubric_sheet_lists_only_roster_students() {
    let dir = class();
    let p = dir.path();
    // `demo` answered an essay before there was a roster (the README's first command).
    std::fs::write(
        p.join("r.csv"),
        "student_id,question_id,answer\ndemo,w1d1-essay,선언적 배포\ns002,w1d1-essay,Git\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["grade", "--responses", "r.csv"]).code, 0);
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]).code,
        0
    );
    let run = quiz(p, &["rubric", "sheet", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("명단에 없는 학생 1명의 서술형은 넣지 않았습니다 (demo)"),
        "{}",
        run.stdout
    );
    let rows = read_csv(&p.join("rubric_week_01.csv"));
    let ids: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["00123", "s002"]);
    let import = quiz(p, &["rubric", "import", "rubric_week_01.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
}

#[test]
fn leading_zeros_of_student_ids_survive_the_xlsx_rubric_sheet() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = class();
    let p = dir.path();
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]).code,
        0
    );
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--format", "xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("rubric_week_01.xlsx: 학생 2명"),
        "{}",
        run.stdout
    );
    let mut wb: Xlsx<_> = open_workbook(p.join("rubric_week_01.xlsx")).expect("xlsx");
    let s = wb.worksheet_range_at(0).expect("sheet").expect("range");
    assert_eq!(s.get_value((1, 0)), Some(&Data::String("00123".into())));
    let sheet_xml = zip_text(&p.join("rubric_week_01.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains("<formula1>\"미흡,보통,우수\"</formula1>"),
        "levels offered as a drop-down list: {sheet_xml}"
    );
    // Filled in and saved back by openpyxl: 00123 is still text.
    let saved = fixture("rubric_saved_by_openpyxl.xlsx");
    let import = quiz(p, &["rubric", "import", arg(&saved), "--by", "kim"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stdout.starts_with("체크리스트 3칸"),
        "{}",
        import.stdout
    );
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    assert_eq!(summary_value(p, "00123", "체크리스트 점수"), "3");
    // A spreadsheet turned 00123 into the number 123: unambiguous, accepted.
    let number = fixture("rubric_id_as_number.xlsx");
    let import = quiz(p, &["rubric", "import", arg(&number), "--by", "kim"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    // With 0123 on the roster too, 123 could be either: refused with both named.
    std::fs::write(p.join("more.csv"), "학번,이름\n0123,박지훈\n").expect("write");
    assert_eq!(quiz(p, &["roster", "import", "more.csv"]).code, 0);
    let import = quiz(p, &["rubric", "import", arg(&number), "--by", "kim"]);
    assert_eq!(import.code, 1);
    assert!(
        import.stderr.contains(&format!(
            "{}:2:1: 학번 `123`은(는) `00123`, `0123` 중 누구인지 알 수 없습니다",
            number.display()
        )),
        "{}",
        import.stderr
    );
}

/// One file of a zip archive (an xlsx) as text.
fn zip_text(path: &Path, name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut s = String::new();
    z.by_name(name)
        .expect("entry")
        .read_to_string(&mut s)
        .expect("read");
    s
}

#[test]
fn xlsx_report_wraps_answers_rounds_points_and_stores_times_as_dates() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = class();
    let p = dir.path();
    // Negative marking: a wrong choice costs a third of its point, so 퀴즈 점수 has decimals.
    let r = p.join("rubrics/week_01.yaml");
    let text = std::fs::read_to_string(&r).expect("rubric");
    std::fs::write(&r, format!("{text}scoring: {{penalty: 0.3333333333}}\n")).expect("write");
    std::fs::write(p.join("roster.csv"), "학번,이름\ns1,김민수\n").expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("r.csv"),
        "student_id,question_id,answer\ns1,w1d1-essay,\"첫 줄\n선언적 배포\nGit 저장소\"\ns1,w1d1-choice,Makefile\ns1,w1d1-short,GitOps\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["grade", "--responses", "r.csv"]).code, 0);
    let run = quiz(p, &["report", "--week", "1", "--format", "xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let book = p.join("reports/week_01/week_01.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&book).expect("xlsx");
    let s = wb.worksheet_range("요약").expect("summary");
    let header: Vec<Data> = s.rows().next().expect("header").to_vec();
    let col = |h: &str| {
        header
            .iter()
            .position(|c| c == &Data::String(h.into()))
            .expect(h)
    };
    assert!(
        matches!(
            s.get_value((1, col("최근 활동") as u32)),
            Some(Data::DateTime(_))
        ),
        "최근 활동 is a date-time cell: {:?}",
        s.get_value((1, col("최근 활동") as u32))
    );
    // 퀴즈 점수 keeps its value, shown with two decimals.
    let points = s.get_value((1, col("퀴즈 점수") as u32));
    assert!(
        matches!(points, Some(Data::Float(x)) if (x - 2.6666666667).abs() < 1e-9),
        "{points:?}"
    );
    let styles = zip_text(&book, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00\""), "{styles}");
    assert!(
        styles.contains("formatCode=\"yyyy-mm-dd hh:mm\""),
        "{styles}"
    );
    assert!(styles.contains("wrapText=\"1\""), "{styles}");
    // The essay row grows to show its three lines; percent columns are narrow.
    let detail = zip_text(&book, "xl/worksheets/sheet2.xml");
    assert!(detail.contains("ht=\"45\" customHeight=\"1\""), "{detail}");
    let summary = zip_text(&book, "xl/worksheets/sheet1.xml");
    let c = col("컨테이너 기초 (%)") + 1;
    let width = summary
        .split("<col ")
        .find(|c2| c2.contains(&format!("min=\"{c}\"")))
        .and_then(|c2| c2.split("width=\"").nth(1))
        .and_then(|w| w.split('"').next())
        .and_then(|w| w.parse::<f64>().ok())
        .expect("width");
    assert!(width < 16.0, "a percent column is {width} wide");
}

#[test]
fn readme_says_how_to_open_the_csv_files() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    for needle in [
        "LibreOffice",
        "문자 집합",
        "데이터 → 텍스트/CSV에서",
        "65001",
        "xlsx",
        "CP949",
        "UTF-16",
        "--format xlsx",
    ] {
        assert!(readme.contains(needle), "README mentions {needle}");
    }
}

#[test]
fn an_unterminated_quote_is_reported_and_nothing_after_it_is_stored() {
    let dir = class();
    let p = dir.path();
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]).code,
        0
    );
    let f = fixture("responses_unterminated.csv");
    let run = quiz(p, &["grade", "--responses", arg(&f)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "{}:3:17: 이 따옴표가 닫히지 않아 파일의 나머지가 한 답이 됩니다; 3행부터는 읽지 않았습니다 (따옴표를 닫고 파일을 다시 채점하세요)\n",
            f.display()
        )
    );
    assert_eq!(stored(p), 1, "{}", run.stdout);
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    let rows = read_csv(&p.join("reports/week_01/students/s002.csv"));
    assert_eq!(rows.len(), 1, "nothing of s002 stored: {rows:?}");
    let rows = read_csv(&p.join("reports/week_01/students/00123.csv"));
    assert!(rows.iter().all(|r| r[1] != "w1d1-choice"), "{rows:?}");
}

#[test]
fn a_huge_answer_is_refused_where_it_enters() {
    let dir = class();
    let p = dir.path();
    let huge = "가".repeat(25_000);
    std::fs::write(
        p.join("r.csv"),
        format!("student_id,question_id,answer\ns1,w1d1-essay,{huge}\ns1,w1d1-short,GitOps\n"),
    )
    .expect("write");
    let run = quiz(p, &["grade", "--responses", "r.csv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "r.csv:2:3: 답안이 25000자로 너무 깁니다 (최대 20000자); 행을 건너뜀\n"
    );
    assert_eq!(stored(p), 1, "{}", run.stdout);
    // In a quiz the student is asked again.
    let input = format!("?\n?\n?\n?\n{huge}\n\nq\n");
    let take = quiz_in(
        p,
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
        &input,
    );
    assert!(
        take.stdout
            .contains("답안이 25000자로 너무 깁니다 (최대 20000자)"),
        "{}",
        take.stdout
    );
    // The xlsx report works for everyone.
    let report = quiz(p, &["report", "--week", "1", "--format", "xlsx"]);
    assert_eq!(report.code, 0, "{}", report.stderr);
}

#[test]
fn escape_sequences_from_students_are_not_printed_raw() {
    let dir = class();
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name,email\ns1,\"\u{1b}[2J\u{1b}]0;pwned\u{7}김민수\",\"x\u{202e}moc.evil\"\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let list = quiz(p, &["roster", "list"]);
    assert!(!list.stdout.contains('\u{1b}'), "{:?}", list.stdout);
    assert!(!list.stdout.contains('\u{202e}'), "{:?}", list.stdout);
    // Taken out at import: the name is stored without them.
    assert!(
        list.stdout.contains("[2J]0;pwned김민수") && !list.stdout.contains("\\x1b"),
        "{}",
        list.stdout
    );
    std::fs::write(
        p.join("r.csv"),
        "student_id,question_id,answer\ns1,w1d1-essay,\"\u{1b}[31m빨간 답\u{1b}[0m\"\ns1,w1d1-nope\u{1b}[2J,x\n",
    )
    .expect("write");
    let grade = quiz(p, &["grade", "--responses", "r.csv"]);
    assert!(!grade.stderr.contains('\u{1b}'), "{:?}", grade.stderr);
    assert!(
        grade
            .stderr
            .contains("w1d1-nope\\x1b[2J: 문제 은행에 없는 문항입니다"),
        "{}",
        grade.stderr
    );
    let review = quiz_in(p, &["review", "--week", "1"], "q\n");
    assert!(!review.stdout.contains('\u{1b}'), "{:?}", review.stdout);
    assert!(
        review.stdout.contains("[31m빨간 답[0m") && !review.stdout.contains("\\x1b"),
        "{}",
        review.stdout
    );
}

#[test]
fn bidi_overrides_are_taken_out_of_csv_answers_and_roster_names() {
    let dir = class();
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns1,\"\u{202e}수민김\u{202c}\"\n",
    )
    .expect("write");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let list = quiz(p, &["roster", "list"]);
    assert!(list.stdout.contains("수민김"), "{}", list.stdout);
    assert!(!list.stdout.contains("202e"), "{}", list.stdout);
    // An essay stored reversed would read right in the review with the override.
    std::fs::write(
        p.join("r.csv"),
        "student_id,question_id,answer\ns1,w1d1-essay,\"\u{202e}포배 인적언선\u{202c}\"\ns1,w1d1-short,\u{2067}GitOps\u{2069}\u{200f}\n",
    )
    .expect("write");
    let grade = quiz(p, &["grade", "--responses", "r.csv"]);
    assert_eq!(grade.code, 0, "{}{}", grade.stdout, grade.stderr);
    assert_eq!(stored(p), 2, "{}", grade.stdout);
    let review = quiz_in(p, &["review", "--week", "1"], "q\n");
    assert!(review.stdout.contains("포배 인적언선"), "{}", review.stdout);
    for bad in ["202e", "202c", "2067", "2069", "200f"] {
        assert!(!review.stdout.contains(bad), "{bad}: {}", review.stdout);
    }
    // The short answer without its isolates is the right one.
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    let report =
        std::fs::read_to_string(p.join("reports/week_01/students/s1.csv")).expect("report");
    assert!(
        !report.contains('\u{202e}') && !report.contains('\u{2067}'),
        "{report}"
    );
    assert!(report.contains("GitOps"), "{report}");
}

#[test]
fn deeply_nested_yaml_is_refused_fast_with_its_place() {
    let dir = class();
    let p = dir.path();
    let deep = format!(
        "unit: w1d2\ntitle: deep\nquestions: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(p.join("questions/week_01/deep.yaml"), deep).expect("write");
    // Refused before serde_yaml parses it (that took 30 s); the time is measured by hand, not here:
    // `time target/release/quiz check` on this file, 0.03 s.
    let run = quiz(p, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "questions/week_01/deep.yaml:3:75: 잘못된 YAML: 64단계보다 깊이 중첩되었습니다; 거부했습니다"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn course_yaml_mistakes_are_reported_with_their_places() {
    let dir = class();
    let p = dir.path();
    std::fs::write(
        p.join("course.yaml"),
        "start: 2026-11-02\nclass_days: [mon, tsu]\ndays_per_week: 0\n",
    )
    .expect("write");
    let run = quiz(p, &["today", "--today", "2026-11-02"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "quiz: course.yaml:2:19: class_days: `tsu`은(는) 요일이 아닙니다 (mon, tue, wed, thu, fri, sat, sun)\ncourse.yaml:3:16: days_per_week는 1 이상이어야 합니다\n"
    );
    std::fs::write(p.join("course.yaml"), "start: 2026-11-02\nclass_days: []\n").expect("write");
    let run = quiz(p, &["today", "--today", "2026-11-02"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("course.yaml:2:13: class_days가 비어 있습니다"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_huge_answer_in_a_submission_is_reported_and_skipped() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("roster.csv"), "student_id,name\ns001,김민수\n").expect("write");
    let run = quiz(
        p,
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
    let record = quiz::gradebook::Gradebook::open(&p.join("gradebook.db"))
        .expect("db")
        .form_record("s001-w1-r1")
        .expect("read")
        .expect("recorded");
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    std::fs::write(
        p.join("subs/s001.yaml"),
        format!(
            "form_id: s001-w1-r1\nunit: w1\nstudent: s001\nseed: {}\nstarted_at: \"{now}\"\nsubmitted_at: \"{now}\"\nanswers:\n- question: w1d1-essay\n  response: {{kind: text, value: {}}}\n  answered_at: \"{now}\"\n",
            record.form.seed,
            "가".repeat(25_000),
            now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
        ),
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "subs/s001.yaml:8:1: 답안이 25000자로 너무 깁니다 (최대 20000자); 답을 건너뜀\n"
    );
    // Graded as unanswered: every question of the form is stored, the essay with 0.
    assert_eq!(stored(p), 7, "{}", run.stdout);
}

#[test]
fn a_cp949_rubric_sheet_from_korean_excel_is_imported() {
    let dir = class();
    let p = dir.path();
    assert_eq!(
        quiz(p, &["roster", "import", arg(&fixture("roster_cp949.csv"))]).code,
        0
    );
    let run = quiz(
        p,
        &[
            "rubric",
            "import",
            arg(&fixture("rubric_cp949.csv")),
            "--by",
            "kim",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("rubric_cp949.csv: CP949(EUC-KR)로 읽었습니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("체크리스트 3칸"), "{}", run.stdout);
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    assert_eq!(summary_value(p, "00123", "체크리스트 점수"), "3");
    assert_eq!(summary_value(p, "s002", "체크리스트 점수"), "0");
}

/// A rubric sheet is read by its headers, as an instructor reshapes it
/// (trial of 2026-12-01: with a 번호 column first, the row number was taken
/// for the 학번 and 003's 우수 went to 001; a sheet sorted by one column
/// only was imported as it stood; a title row above the header made every
/// row "명단에 없는 학번").
#[test]
fn a_rubric_sheet_is_read_by_its_headers_and_checked_against_the_roster() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "student_id,name\n001,가\n002,나\n003,다\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "r.csv"]).code, 0);
    // A title row, a 번호 column first, W1K1 in capitals, an empty unknown item.
    std::fs::write(
        p.join("sheet.csv"),
        "1주차 체크리스트\r\n번호,학번,이름,W1K1 Dockerfile 작성 [미흡/보통/우수],w1k9 없는 항목\r\n1,003,다,우수,\r\n2,001,가,미흡,\r\n3,002,나,보통,\r\n",
    )
    .expect("sheet");
    let run = quiz(p, &["rubric", "import", "sheet.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("체크리스트 3칸"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "sheet.csv:2:1: 경고: 열 `번호`은(는) 점수 열이 아니어서 읽지 않았습니다 (3칸)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    assert_eq!(summary_value(p, "003", "체크리스트 점수"), "2");
    assert_eq!(summary_value(p, "001", "체크리스트 점수"), "0");
    assert_eq!(summary_value(p, "002", "체크리스트 점수"), "1");

    // Names that are not the roster's (one column sorted alone): refused rows.
    std::fs::write(
        p.join("mixed.csv"),
        "학번,이름,w1k2 배포 파이프라인 구축 [미흡/보통/우수]\r\n001,다,우수\r\n002,나,우수\r\n",
    )
    .expect("sheet");
    let run = quiz(p, &["rubric", "import", "mixed.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("mixed.csv:2:2: 이름 `다`이(가) 명단의 `001` 가와(과) 다릅니다"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("체크리스트 1칸"), "{}", run.stdout);

    // A score column whose id is no item: said, with exit 1.
    std::fs::write(
        p.join("unknown.csv"),
        "학번,이름,w1k9 없는 항목\r\n001,가,우수\r\n",
    )
    .expect("sheet");
    let run = quiz(p, &["rubric", "import", "unknown.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("unknown.csv:1:3: 열 `w1k9 없는 항목`은(는) 루브릭의 체크리스트 항목도 서술형 문항도 아닙니다; 이 열의 1칸을 건너뜀"),
        "{}",
        run.stderr
    );

    // No 학번 header anywhere: nothing read, exit 1.
    std::fs::write(p.join("none.csv"), "hello\r\n001,가,우수\r\n").expect("sheet");
    let run = quiz(p, &["rubric", "import", "none.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("none.csv:1:1: 머리글 행을 찾을 수 없습니다"),
        "{}",
        run.stderr
    );
}

/// An xlsx whose rubric sheet is not the first (a notes sheet in front) is
/// read from the sheet with the 학번 header, and says which.
#[test]
fn a_rubric_workbook_is_read_from_its_sheet_with_the_header() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "student_id,name\n001,가\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "r.csv"]).code, 0);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("메모").expect("name");
    notes.write_string(0, 0, "채점 메모").expect("cell");
    let sheet = wb.add_worksheet();
    sheet.set_name("1주차").expect("name");
    for (c, h) in ["학번", "이름", "w1k1 Dockerfile 작성 [미흡/보통/우수]"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    for (c, v) in ["001", "가", "우수"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).expect("cell");
    }
    wb.save(p.join("book.xlsx")).expect("save");
    let run = quiz(p, &["rubric", "import", "book.xlsx", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("book.xlsx: 시트 2개 중 `1주차`을(를) 읽었습니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("체크리스트 1칸"), "{}", run.stdout);
}

/// Files saved on a Mac write Hangul decomposed (NFD): the same headers,
/// names and option texts (trial of 2026-12-01: an NFD `학번,이름` header was
/// refused, and an option's text given as the answer was "not an option").
#[test]
fn decomposed_hangul_from_a_mac_reads_as_the_same_text() {
    use unicode_normalization::UnicodeNormalization;
    let dir = class();
    let p = dir.path();
    let nfd = |s: &str| s.nfd().collect::<String>();
    std::fs::write(
        p.join("roster.csv"),
        nfd("학번,이름\n00123,김민수\ns002,이영희\n"),
    )
    .expect("roster");
    let run = quiz(p, &["roster", "import", "roster.csv"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let list = quiz(p, &["roster", "list"]);
    assert!(
        has_line(&list.stdout, &["00123", "김민수"]),
        "{}",
        list.stdout
    );
    std::fs::write(
        p.join("lms.csv"),
        nfd("학번,문항,답\r\n00123,w1d1-tf,참\r\n"),
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(stored(p), 1, "{}", run.stdout);
}

/// A file whose lines are in two encodings (rows pasted from a UTF-8 file
/// into a CP949 one) is refused naming a line of each, never stored garbled
/// (trial of 2026-12-01: 갇걡 was stored as 媛뉕괌).
#[test]
fn a_file_mixing_two_encodings_is_refused_with_its_lines() {
    let dir = class();
    let p = dir.path();
    let mut bytes = "student_id,name\r\nm1,갇걡\r\n".as_bytes().to_vec();
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("m3,김철수\r\n");
    bytes.extend_from_slice(&cp949);
    std::fs::write(p.join("mixed.csv"), bytes).expect("mixed");
    let run = quiz(p, &["roster", "import", "mixed.csv"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("인코딩이 섞여 있습니다: 2행은 UTF-8, 3행은 다른 인코딩"),
        "{}",
        run.stderr
    );
    let list = quiz(p, &["roster", "list"]);
    assert!(
        !list.stdout.contains("m1"),
        "nothing stored: {}",
        list.stdout
    );
    // A responses file too (read as a stream).
    let mut bytes = "학번,문항,답\r\ns002,w1d1-short,깃옵스\r\n"
        .as_bytes()
        .to_vec();
    let (cp949, _, _) = encoding_rs::EUC_KR.encode("s002,w1d1-tf,참\r\n");
    bytes.extend_from_slice(&cp949);
    std::fs::write(p.join("mixed_responses.csv"), bytes).expect("mixed");
    let run = quiz(p, &["grade", "--responses", "mixed_responses.csv"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("인코딩이 섞여 있습니다: 1행은 UTF-8, 3행은 다른 인코딩"),
        "{}",
        run.stderr
    );
    assert_eq!(stored(p), 0);
}

/// A score column copied beside itself is refused at its header, never
/// written over the first; an xlsx with decomposed Hangul (macOS Numbers)
/// reads its level names; a notes sheet in front that mentions 학번 is
/// passed over for the sheet with score columns (trial of 2026-12-01).
#[test]
fn rubric_import_duplicate_columns_nfd_cells_and_notes_sheets() {
    use unicode_normalization::UnicodeNormalization;
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "student_id,name\n001,가\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "r.csv"]).code, 0);
    std::fs::write(
        p.join("dup.csv"),
        "학번,이름,w1k1 Dockerfile 작성,w1k1 Dockerfile 작성\r\n001,가,우수,미흡\r\n",
    )
    .expect("sheet");
    let run = quiz(p, &["rubric", "import", "dup.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("dup.csv:1:4: `w1k1` 열이 두 번 있습니다 (처음은 3열)"),
        "{}",
        run.stderr
    );
    assert_eq!(quiz(p, &["report", "--week", "1"]).code, 0);
    assert_eq!(
        summary_value(p, "001", "체크리스트 점수"),
        "2",
        "the first column's 우수"
    );

    let mut wb = rust_xlsxwriter::Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("설명").expect("name");
    notes.write_string(0, 0, "학번").expect("cell");
    notes
        .write_string(0, 1, "학번 열은 지우지 마세요")
        .expect("cell");
    let sheet = wb.add_worksheet();
    sheet.set_name("채점").expect("name");
    for (c, v) in ["학번", "이름", "w1k2 배포 파이프라인 구축"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *v).expect("cell");
    }
    let nfd: String = "보통".nfd().collect();
    for (c, v) in ["001", "가", nfd.as_str()].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).expect("cell");
    }
    wb.save(p.join("book.xlsx")).expect("save");
    let run = quiz(p, &["rubric", "import", "book.xlsx", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("`채점`을(를) 읽었습니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("체크리스트 1칸"), "{}", run.stdout);
}

/// A roster without an email (no column, or an empty cell) keeps the email
/// stored: a class list of 학번 and 이름 re-imported erased them all (trial
/// of 2026-12-01).
#[test]
fn a_roster_without_emails_keeps_the_stored_ones() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path();
    std::fs::write(
        p.join("a.csv"),
        "학번,이름,이메일\r\n20250001,김민준,min@example.com\r\n",
    )
    .expect("csv");
    std::fs::write(p.join("b.csv"), "학번,이름\r\n20250001,김민준\r\n").expect("csv");
    assert_eq!(common::quiz(p, &["roster", "import", "a.csv"]).code, 0);
    assert_eq!(common::quiz(p, &["roster", "import", "b.csv"]).code, 0);
    let list = common::quiz(p, &["roster", "list"]);
    assert!(list.stdout.contains("min@example.com"), "{}", list.stdout);
}

/// A column of levels whose header lost its item id (renamed to the item's
/// text) is an error, not a note: its scores would never be read (trial of
/// 2026-12-01: exit 0).
#[test]
fn a_column_of_levels_without_its_item_id_is_an_error() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "student_id,name\n001,가\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "r.csv"]).code, 0);
    std::fs::write(
        p.join("sheet.csv"),
        "학번,이름,Dockerfile 작성,w1k2 배포 파이프라인 구축\r\n001,가,우수,보통\r\n",
    )
    .expect("sheet");
    let run = quiz(p, &["rubric", "import", "sheet.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("sheet.csv:1:3: 열 `Dockerfile 작성`에 수준 1칸이 있지만"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("체크리스트 1칸"), "{}", run.stdout);
}

/// Mistakes a busy instructor makes with rubric sheets (trial of
/// 2026-12-01): a week with nothing to fill writes no sheet; an xlsx named
/// .csv is refused; a file that is no sheet at all (README.md) says so once,
/// not once per line.
#[test]
fn rubric_sheet_mistakes_are_said_once_and_write_nothing() {
    let dir = class();
    let p = dir.path();
    std::fs::write(p.join("r.csv"), "student_id,name\n001,가\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "r.csv"]).code, 0);
    std::fs::write(
        p.join("rubrics/week_02.yaml"),
        "week: 2\ntitle: \"Week 2\"\ncriteria:\n- {id: k8s, name: 쿠버네티스, description: 기초}\n",
    )
    .expect("rubric");
    let run = quiz(p, &["rubric", "sheet", "--week", "2", "--out", "w2.csv"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("채울 칸이 없습니다"), "{}", run.stdout);
    assert!(!p.join("w2.csv").exists());
    let run = quiz(
        p,
        &[
            "rubric", "sheet", "--week", "1", "--format", "xlsx", "--out", "w1.csv",
        ],
    );
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("--format xlsx"), "{}", run.stderr);
    assert!(!p.join("w1.csv").exists());
    let lines: String = (0..300).map(|i| format!("줄 {i}, 학번 아님\n")).collect();
    std::fs::write(p.join("README.md"), format!("학번,설명\n{lines}")).expect("md");
    let run = quiz(p, &["rubric", "import", "README.md", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.contains("점수 열이 없습니다"), "{}", run.stderr);
    assert!(run.stderr.lines().count() < 5, "{}", run.stderr);
}
