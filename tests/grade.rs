//! `quiz grade`, `quiz rubric sheet/import`, `quiz review`, `quiz regrade` end to end.

mod common;

use common::{copy_dir, quiz, quiz_in, root};

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    dir
}

/// The stored answers to the essay `w1d1-essay`.
fn essay_rows(p: &std::path::Path) -> Vec<quiz::gradebook::Row> {
    common::gradebook(p)
        .expect("db")
        .rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.question_id == "w1d1-essay")
        .collect()
}

const S001: &str =
    "3 4\n3 2 1\n1-B 2-A\nx\nGit 저장소를 기준으로\n선언적으로 배포합니다\n\n3\n깃옵스\n";

/// The submission of s002 to the form released to them (tokens from the
/// gradebook's record of the form).
fn submission_s002(p: &std::path::Path) -> String {
    let f = "s002-w1-r1";
    let record = common::gradebook(p)
        .expect("db")
        .form_record(f)
        .expect("record")
        .expect("released");
    let form = record.form;
    // Answer times lie between the release and grading (others are reported).
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let t = |q: &str, id: &str| {
        form.items
            .iter()
            .find(|it| it.question == q)
            .and_then(|it| it.tokens.get(id))
            .cloned()
            .unwrap_or_default()
    };
    format!(
        "form_id: {f}\nunit: w1\nstudent: s002\nseed: {}\nstarted_at: \"{now}\"\nsubmitted_at: \"{now}\"\nanswers:\n\
- question: w1d1-choice\n  response: {{kind: choice, value: {}}}\n  answered_at: \"{now}\"\n\
- question: w1d1-multi\n  response: {{kind: multi, value: [{}, {}]}}\n  answered_at: \"{now}\"\n\
- question: w1d1-tf\n  response: {{kind: bool, value: true}}\n  answered_at: \"{now}\"\n\
- question: w1d1-short\n  response: {{kind: text, value: gitops}}\n  answered_at: \"{now}\"\n\
- question: w1d1-order\n  response: {{kind: order, value: [{}, {}, {}]}}\n  answered_at: \"{now}\"\n\
- question: w1d1-match\n  response: {{kind: match, value: {{{}: {}, {}: {}}}}}\n  answered_at: \"{now}\"\n\
- question: w1d1-essay\n  response: {{kind: text, value: 선언적 배포를 합니다}}\n  answered_at: \"{now}\"\n",
        form.seed,
        t("w1d1-choice", "b"),
        t("w1d1-multi", "a"),
        t("w1d1-multi", "c"),
        t("w1d1-order", "b"),
        t("w1d1-order", "a"),
        t("w1d1-order", "c"),
        t("w1d1-match", "a"),
        t("w1d1-match", "q"),
        t("w1d1-match", "b"),
        t("w1d1-match", "p"),
    )
}

const CSV: &str = "student_id,question_id,answer\r\n\
s003,w1d1-choice,Dockerfile\r\n\
s003,w1d1-multi,containerd|CRI-O\r\n\
s003,w1d1-tf,false\r\n\
s999,w1d1-choice,a\r\n\
s003,w1d1-nope,a\r\n\
s003,w1d1-order,a|a|b\r\n\
s003,w1d1-short,깃옵스\r\n\
s003,w1d1-choice,b\r\n\
s003,w1d1-match,Kepler:에너지 소비 측정|Falco:런타임 보안\r\n\
s003,w1d1-order,c|b|a\r\n";

fn setup_class(p: &std::path::Path) {
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\ns003,박지훈\ns004,최유나\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
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
        S001,
    );
    assert_eq!(take.code, 0, "{}", take.stderr);
    let release = quiz(
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
    assert_eq!(release.code, 0, "{}", release.stderr);
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    std::fs::write(p.join("subs/s002-w1.yaml"), submission_s002(p)).expect("sub");
}

#[test]
fn a_small_class_graded_end_to_end() {
    let p = project();
    let p = p.path();
    setup_class(p);
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 채점한 답안          ┆ 7  │"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("│ 검토 대기            ┆ 1  │"));
    // Grading the same submission again changes nothing.
    let again = quiz(p, &["grade", "subs"]);
    assert!(
        again.stdout.contains("│ 이미 채점한 파일     ┆ 1  │"),
        "{}",
        again.stdout
    );

    // The rubric sheet: one row per student, checklist and pending essays as columns.
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    // The last column dates the sheet (empty cells; see rubric import).
    let (head, body) = sheet.split_once("\r\n").expect("header");
    let (head, stamp) = head.rsplit_once(',').expect("stamp");
    assert_eq!(
        head,
        "\u{feff}학번,이름,w1k1 Dockerfile 작성 [미흡/보통/우수],w1k2 배포 파이프라인 구축 [미흡/보통/우수],w1d1-essay 서술형 [0-2]"
    );
    assert!(
        stamp.starts_with("기준 시각 20") && stamp.ends_with("Z (지우지 마세요)"),
        "{stamp}"
    );
    assert_eq!(
        body,
        "s001,김민수,,,2,\r\ns002,이영희,,,1,\r\ns003,박지훈,,,,\r\ns004,최유나,,,,\r\n"
    );
    // Filled in a spreadsheet (one bad cell), saved as CSV UTF-8 with CRLF.
    let filled = "\u{feff}학번,이름,w1k1 Dockerfile 작성 [미흡/보통/우수],w1k2 배포 파이프라인 구축 [미흡/보통/우수],w1d1-essay 서술형 [0-2]\r\n\
s001,김민수,우수,보통,1\r\ns002,이영희,훌륭,,\r\ns003,박지훈,미흡,,\r\ns004,최유나,,우수,\r\n";
    std::fs::write(p.join("filled.csv"), filled).expect("filled");
    let run = quiz(p, &["rubric", "import", "filled.csv", "--by", "kim"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "filled.csv:3:3: `훌륭`은(는) w1k1의 수준이 아닙니다 (미흡/보통/우수)\n"
    );
    assert!(
        run.stdout
            .starts_with("체크리스트 4칸, 서술형 1칸을 가져왔습니다 (kim, "),
        "{}",
        run.stdout
    );

    // A CSV export with bad rows: reported by line and skipped; the rest graded.
    std::fs::write(p.join("lms.csv"), CSV).expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "lms.csv:5:1: s999: 명단에 없는 학번입니다; 행을 건너뜀\n\
lms.csv:6:2: w1d1-nope: 문제 은행에 없는 문항입니다; 행을 건너뜀\n\
lms.csv:7:3: 같은 항목이 두 번 있습니다; 행을 건너뜀\n\
lms.csv:9:2: `s003`이(가) `w1d1-choice`에 두 번째로 답했습니다; 행을 건너뜀\n"
    );
    assert!(
        run.stdout.contains("│ 채점한 답안          ┆ 6  │"),
        "{}",
        run.stdout
    );
    // Every student's total (hand-computed in the test's comments).
    // s001: docker quiz 2/3, checklist 2/2 -> 83.33; cicd quiz 4/5 (essay 1 by hand), checklist 1/2 -> 65 => 74.2
    // s002: docker 1/3 -> 33.33; cicd 3/5 (essay suggestion 1, awaiting review) -> 60 => 46.7
    // s003: docker quiz 2/3, checklist 0/2 -> 33.33; cicd 2/3 -> 66.67 => 50.0
    // s004: cicd checklist 2/2 -> 100 => 100.0
    for row in [
        "│ s001 ┆ 1    ┆ 74.2    ┆ 6/8  ┆ 3/4        ┆ 0         │",
        "│ s002 ┆ 1    ┆ 46.7    ┆ 4/8  ┆ 0/0        ┆ 1         │",
        "│ s003 ┆ 1    ┆ 50.0    ┆ 4/6  ┆ 0/2        ┆ 0         │",
        "│ s004 ┆ 1    ┆ 100.0   ┆ 0/0  ┆ 2/2        ┆ 0         │",
    ] {
        assert!(run.stdout.contains(row), "missing {row} in\n{}", run.stdout);
    }

    // Review: accept s002's suggestion with a comment.
    let run = quiz_in(p, &["review", "--week", "1", "--by", "lee"], "\n좋아요\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("학생 s002 이영희 · w1d1-essay"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("포함된 개념: 선언적 배포 (루브릭: 선언적 배포, Git 저장소)\n제안 점수: 1/2")
    );
    assert!(run.stdout.ends_with("1개 답안의 점수를 확정했습니다.\n"));

    // The key of the true/false question was wrong: regrade.
    let q = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&q).expect("bank");
    std::fs::write(
        &q,
        text.replace(
            "  prompt: 컨테이너 이미지는 불변이다.\n  answer: true",
            "  prompt: 컨테이너 이미지는 불변이다.\n  answer: false",
        ),
    )
    .expect("edit");
    let dry = quiz(p, &["regrade", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout
            .contains("│ s001 ┆ 1    ┆ 74.2    ┆ 82.5    ┆ 1         │"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .contains("│ s002 ┆ 1    ┆ 46.7    ┆ 30.0    ┆ 1         │"),
        "{}",
        dry.stdout
    );
    assert!(
        dry.stdout
            .ends_with("3개 답안의 점수가 바뀝니다 (--dry-run: 저장하지 않음).\n")
    );
    let real = quiz(p, &["regrade"]);
    assert!(
        real.stdout
            .ends_with("3개 답안의 점수를 다시 매겼습니다.\n"),
        "{}",
        real.stdout
    );
    let twice = quiz(p, &["regrade"]);
    assert!(
        twice
            .stdout
            .ends_with("0개 답안의 점수를 다시 매겼습니다.\n"),
        "regrading twice equals once"
    );
    // Manual scores survived: s001's essay is still 1 (its keyword score would be 2).
    let gb = common::gradebook(p).expect("db");
    let essay = gb
        .rows()
        .expect("rows")
        .into_iter()
        .find(|r| r.student == "s001" && r.question_id == "w1d1-essay")
        .expect("essay");
    assert_eq!(
        (essay.points, essay.status.as_deref()),
        (Some(1.0), Some("manual"))
    );
}

#[test]
fn malformed_and_unknown_submissions_are_reported() {
    let p = project();
    let p = p.path();
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    std::fs::write(p.join("subs/broken.yaml"), "form_id: x\nunit: [\n").expect("write");
    std::fs::write(
        p.join("subs/draft.yaml"),
        "form_id: d\nunit: w1\nstudent: s1\nseed: 1\nstarted_at: x\nanswers: []\n",
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "subs/broken.yaml:2:7: 잘못된 YAML: unit: 형식이 맞지 않습니다: 목록 (필요한 것: 문자열); 파일을 건너뜀\n\
subs/draft.yaml:6:1: 아직 제출하지 않은 파일입니다 (submitted_at 없음); 파일을 건너뜀\n"
    );
}

/// A skipped essay (`?` in take, an empty cell in a CSV export) is 0 and final:
/// it never waits in the review queue nor gets a cell in the rubric sheet.
#[test]
fn a_skipped_essay_is_zero_and_never_awaits_review() {
    let p = project();
    let p = p.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    // s001 takes the quiz and skips the essay with `?`.
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
        "3 4\n3 2 1\n1-B 2-A\nx\n?\n3\n깃옵스\n",
    );
    assert_eq!(take.code, 0, "{}", take.stderr);
    // s002's essay cell in an LMS export is empty.
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\r\ns002,w1d1-essay,\r\ns002,w1d1-tf,true\r\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 검토 대기            ┆ 0  │"),
        "{}",
        run.stdout
    );
    let mut essays: Vec<_> = essay_rows(p)
        .into_iter()
        .map(|r| (r.student, r.points, r.status))
        .collect();
    essays.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        essays,
        vec![
            ("s001".to_string(), Some(0.0), Some("auto".to_string())),
            ("s002".to_string(), Some(0.0), Some("auto".to_string())),
        ]
    );
    let review = quiz_in(p, &["review", "--week", "1", "--by", "lee"], "");
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(!review.stdout.contains("w1d1-essay"), "{}", review.stdout);
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    assert!(!sheet.contains("w1d1-essay"), "{sheet}");
}

/// An essay without a rubric (every generated discussion essay since the
/// seventh round of issue 12) has no suggestion to accept: Enter asks again,
/// and the score the instructor types is the one saved.
#[test]
fn an_essay_without_rubric_is_scored_by_typing() {
    let p = project();
    let p = p.path();
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    let text = text.replace(
        "  rubric:\n  - {concept: 선언적 배포, points: 1, accept: [선언적, declarative]}\n  - {concept: Git 저장소, points: 1}\n",
        "  feedback: '모범 답안: 동작: Git의 선언을 클러스터에 맞춤'\n",
    );
    assert!(!text.contains("concept: 선언적 배포"));
    std::fs::write(&bank, text).expect("edit");
    std::fs::write(p.join("roster.csv"), "student_id,name\ns002,이영희\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\r\ns002,w1d1-essay,선언적 배포를 합니다\r\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The week report says the total can still move, and then that it cannot.
    let waiting = |p: &std::path::Path| {
        let run = quiz(p, &["report", "--week", "1"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(p.join("reports/week_01/summary.csv")).expect("csv");
        let mut rows = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let col = rows
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "검토 대기")
            .expect("a 검토 대기 column");
        let row = rows.records().next().expect("a row").expect("row");
        (row[col].to_string(), run.stdout)
    };
    let (before, stdout) = waiting(p);
    assert_eq!(before, "1");
    assert!(stdout.contains("검토 대기 답안 1개 (학생 1명)"), "{stdout}");
    // Its cell in the rubric sheet is empty (no suggestion to accept): a
    // sheet imported untouched (only the checklist filled) leaves it waiting
    // (trial of 2026-12-01: it was prefilled 0 and became a final 0).
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    assert!(sheet.contains("w1d1-essay 서술형 [0-2]"), "{sheet}");
    assert!(sheet.contains("s002,이영희,,,,\r\n"), "{sheet:?}");
    let run = quiz(p, &["rubric", "import", "sheet.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("서술형 0칸"), "{}", run.stdout);
    // A sheet is never written over (it may hold scores not imported yet).
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("sheet.csv이(가) 이미 있습니다"),
        "{}",
        run.stderr
    );
    assert_eq!(waiting(p).0, "1");
    let review = quiz_in(p, &["review", "--week", "1", "--by", "lee"], "\n1.5\n\n");
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(
        review
            .stdout
            .contains("루브릭 없음: 점수를 직접 입력하세요, 0부터 2점"),
        "{}",
        review.stdout
    );
    assert!(!review.stdout.contains("제안 점수"), "{}", review.stdout);
    // The reference answer in `feedback` is shown to the grader.
    assert!(
        review
            .stdout
            .contains("모범 답안: 동작: Git의 선언을 클러스터에 맞춤"),
        "{}",
        review.stdout
    );
    assert!(
        review
            .stdout
            .contains("루브릭이 없는 답안은 점수를 직접 입력해야 합니다 (0부터 2)."),
        "{}",
        review.stdout
    );
    assert!(review.stdout.contains("확정: 1.5/2점"), "{}", review.stdout);
    let essay: Vec<_> = essay_rows(p).into_iter().map(|r| r.points).collect();
    assert_eq!(essay, vec![Some(1.5)]);
    let (after, stdout) = waiting(p);
    assert_eq!(after, "0");
    assert!(!stdout.contains("검토 대기 답안"), "{stdout}");
}

/// Numbers and Moodle's thirds, through the binary (trial of 2026-12-01: `5`
/// scored as right for `-5`, and the three right ticks of 3 x 33.33333 %
/// stored 0.9999999 of the points).
#[test]
fn numbers_keep_their_sign_and_moodle_thirds_make_the_whole() {
    let p = project();
    let p = p.path();
    std::fs::write(
        p.join("questions/week_01/numbers.yaml"),
        "unit: w1d2\nquestions:\n\
- id: n-minus\n  kind: short\n  prompt: 영하 5도는 몇 도인가?\n  answer: ['-5']\n  criteria: [docker]\n\
- id: n-thirds\n  kind: multi\n  prompt: 셋을 고르시오.\n  options:\n  - {id: a, text: 하나, weight: 33.33333}\n  - {id: b, text: 둘, weight: 33.33333}\n  - {id: c, text: 셋, weight: 33.33333}\n  - {id: d, text: 넷, weight: -100}\n  answer: [a, b, c]\n  criteria: [docker]\n",
    )
    .expect("bank");
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\r\ns001,n-minus,5\r\ns002,n-minus,-5.0\r\ns001,n-thirds,a|b|c\r\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let gb = common::gradebook(p).expect("db");
    let mut got: Vec<_> = gb
        .rows()
        .expect("rows")
        .into_iter()
        .map(|r| (r.student, r.question_id, r.points))
        .collect();
    got.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    assert_eq!(
        got,
        [
            ("s001".to_string(), "n-minus".to_string(), Some(0.0)),
            ("s001".to_string(), "n-thirds".to_string(), Some(1.0)),
            ("s002".to_string(), "n-minus".to_string(), Some(1.0)),
        ]
    );
}

/// An essay answered twice (two LMS files): the rubric sheet's score goes
/// onto the answer that counts, the first (trial of 2026-12-01: it went onto
/// the later one, and the one that counts kept waiting).
#[test]
fn a_rubric_sheet_scores_the_essay_answer_that_counts() {
    let p = project();
    let p = p.path();
    std::fs::write(p.join("roster.csv"), "student_id,name\ns002,이영희\n").expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    for (name, answer) in [("a.csv", "선언적 배포를 합니다"), ("b.csv", "두 번째 답")]
    {
        std::fs::write(
            p.join(name),
            format!("student_id,question_id,answer\r\ns002,w1d1-essay,{answer}\r\n"),
        )
        .expect("csv");
        let run = quiz(p, &["grade", "--responses", name]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(
        p.join("filled.csv"),
        "학번,이름,w1d1-essay 서술형 [0-2]\r\ns002,이영희,2\r\n",
    )
    .expect("filled");
    let run = quiz(p, &["rubric", "import", "filled.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let mut essays: Vec<_> = essay_rows(p)
        .into_iter()
        .map(|r| (r.attempt_id, r.status, r.points))
        .collect();
    essays.sort_by_key(|e| e.0);
    assert_eq!(essays[0].1.as_deref(), Some("manual"), "{essays:?}");
    assert_eq!(essays[0].2, Some(2.0));
    assert_eq!(essays[1].1.as_deref(), Some("needs-review"), "{essays:?}");
}

/// `regrade` never takes a missing bank or gradebook for an empty one, leaves
/// the answers to a question gone from the bank as they are unless told
/// (`--drop-missing`), and rescales an instructor's score when the question's
/// points change (trial of 2026-12-01: a mistyped --questions made every
/// answer 0 of 0, and an essay reviewed out of 2 stayed out of 2 once it was
/// worth 4).
#[test]
fn regrade_keeps_what_it_cannot_see_and_rescales_manual_scores() {
    let dir = project();
    let p = dir.path();
    setup_class(p);
    assert_eq!(quiz(p, &["grade", "subs"]).code, 0);
    let run = quiz_in(p, &["review", "--week", "1", "--by", "lee"], "\n\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = common::gradebook(p).expect("db").rows().expect("rows");
    let status = |rows: &[quiz::gradebook::Row], q: &str| -> Vec<Option<String>> {
        rows.iter()
            .filter(|r| r.question_id == q)
            .map(|r| r.status.clone())
            .collect()
    };

    // A wrong --questions: refused, nothing changed.
    let run = quiz(p, &["--questions", "question", "regrade"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("문항이 없습니다"), "{}", run.stderr);
    // The wrong folder: refused, no gradebook made there.
    let elsewhere = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), elsewhere.path());
    if common::backend_env(elsewhere.path()).is_empty() {
        for args in [
            &["regrade"][..],
            &["review"][..],
            &["attempts", "close", "1"][..],
        ] {
            let run = quiz(elsewhere.path(), args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stdout);
            assert!(run.stderr.contains("성적부"), "{args:?}: {}", run.stderr);
        }
        assert!(!elsewhere.path().join("gradebook.db").exists());
    }

    // The true/false question taken out of the bank: its answers stay.
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    let start = text.find("- id: w1d1-tf\n").expect("tf");
    let end = start + 1 + text[start + 1..].find("\n- id:").expect("next");
    let mut edited = format!("{}{}", &text[..start], &text[end + 1..]);
    // ... and the essay is worth 4 now (each concept 2).
    edited = edited
        .replace(
            "  - {concept: 선언적 배포, points: 1, accept: [선언적, declarative]}\n  - {concept: Git 저장소, points: 1}\n  points: 2\n",
            "  - {concept: 선언적 배포, points: 2, accept: [선언적, declarative]}\n  - {concept: Git 저장소, points: 2}\n  points: 4\n",
        );
    assert!(edited.contains("points: 4"), "{edited}");
    std::fs::write(&bank, edited).expect("edit");
    let run = quiz(p, &["regrade"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("은행에 없는 문항 1개의 답안") && run.stdout.contains("그대로 둡니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("수동 점수 1개"), "{}", run.stdout);
    let after = common::gradebook(p).expect("db").rows().expect("rows");
    assert_eq!(status(&after, "w1d1-tf"), status(&before, "w1d1-tf"));
    // The essay reviewed out of 2 is out of 4 now, its points doubled,
    // still by hand.
    let essay = |rows: &[quiz::gradebook::Row], s: &str| {
        rows.iter()
            .find(|r| r.student == s && r.question_id == "w1d1-essay")
            .map(|r| (r.points, r.max_points, r.status.clone()))
            .expect("essay")
    };
    let reviewed = before
        .iter()
        .find(|r| r.question_id == "w1d1-essay" && r.status.as_deref() == Some("manual"))
        .expect("a reviewed essay");
    assert_eq!(reviewed.max_points, Some(2.0));
    assert_eq!(
        essay(&after, &reviewed.student),
        (
            reviewed.points.map(|p| 2.0 * p),
            Some(4.0),
            Some("manual".into())
        )
    );
    // Told to, the answers to the question gone are dropped.
    let run = quiz(p, &["regrade", "--drop-missing"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = common::gradebook(p).expect("db").rows().expect("rows");
    assert!(
        status(&after, "w1d1-tf")
            .iter()
            .all(|s| s.as_deref() == Some("dropped")),
        "{:?}",
        status(&after, "w1d1-tf")
    );
    // Once more: nothing left to change.
    let run = quiz(p, &["regrade", "--drop-missing"]);
    assert!(
        run.stdout.ends_with("0개 답안의 점수를 다시 매겼습니다.\n"),
        "{}",
        run.stdout
    );
}

/// A rubric sheet is dated: imported later, a cell that differs from a level
/// saved after the sheet was made is refused and said, never written over
/// it; a cell equal to what is stored is not written again; the same sheet
/// imported twice is no error (trial of 2026-12-01: an old sheet reverted a
/// TA's later levels, and a second import called its own essay cell bad).
#[test]
fn an_old_rubric_sheet_never_reverts_levels_saved_after_it() {
    let dir = project();
    let p = dir.path();
    setup_class(p);
    assert_eq!(quiz(p, &["grade", "subs"]).code, 0);
    let header = "학번,이름,w1k1 Dockerfile 작성 [미흡/보통/우수]\r\n";
    std::fs::write(p.join("first.csv"), format!("{header}s001,김민수,우수\r\n")).expect("csv");
    let run = quiz(p, &["rubric", "import", "first.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(p.join("ta.csv"), format!("{header}s001,김민수,미흡\r\n")).expect("csv");
    let run = quiz(p, &["rubric", "import", "ta.csv", "--by", "조교"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The old sheet (s001 still 우수 in it, s001's essay its suggested 2),
    // one cell filled: s003 보통.
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    let filled = sheet.replace("s003,박지훈,,,,", "s003,박지훈,보통,,,");
    assert!(filled.contains("s001,김민수,우수,"), "{sheet}");
    std::fs::write(p.join("old.csv"), &filled).expect("csv");
    let run = quiz(p, &["rubric", "import", "old.csv", "--by", "kim"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("이 시트를 만든 뒤 조교이(가)"),
        "{}",
        run.stderr
    );
    let levels = || -> Vec<(String, String, String)> {
        common::gradebook(p)
            .expect("db")
            .checklist(1)
            .expect("checklist")
            .into_iter()
            .map(|c| (c.student, c.level, c.by))
            .collect()
    };
    let now = levels();
    assert!(
        now.contains(&("s001".into(), "미흡".into(), "조교".into())),
        "{now:?}"
    );
    assert!(
        now.contains(&("s003".into(), "보통".into(), "kim".into())),
        "{now:?}"
    );
    // Imported again: nothing new, and the essay scored by it is no error.
    let run = quiz(p, &["rubric", "import", "old.csv", "--by", "kim"]);
    assert!(
        run.stdout.contains("체크리스트 0칸, 서술형 0칸"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stderr.contains("검토를 기다리는 답이 없습니다"),
        "{}",
        run.stderr
    );
    assert_eq!(levels(), now);
}

/// The review queue marks an essay answer that does not count in its week
/// (a retake: the first answer to each question counts), so the grader
/// knows which ones matter (trial of 2026-12-01).
#[test]
fn the_review_queue_marks_answers_that_do_not_count() {
    let dir = project();
    let p = dir.path();
    let take = || {
        let run = quiz_in(
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
                "--mode",
                "exam",
            ],
            S001,
        );
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    };
    take();
    take();
    let run = quiz_in(p, &["review", "--week", "1"], "s\ns\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.matches("· w1d1-essay").count(),
        2,
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("주차 점수에 들어가지 않는 답").count(),
        1,
        "{}",
        run.stdout
    );
}
