//! Exam integrity (issue 10): released forms, submissions and the gradebook
//! cannot be gamed, and nothing is lost silently. One test per thing that broke.

mod common;

use common::{copy_dir, quiz, quiz_in, root};
use quiz::gradebook::Gradebook;
use std::path::Path;

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    std::fs::write(
        dir.path().join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\n",
    )
    .expect("roster");
    dir
}

fn release(p: &Path, count: &str) {
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
            count,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn record(p: &Path, form_id: &str) -> quiz::gradebook::FormRecord {
    common::gradebook(p)
        .expect("db")
        .form_record(form_id)
        .expect("read")
        .expect("recorded")
}

/// A submitted answer file for `form_id`, with `answers` as YAML list items.
fn submission(form_id: &str, student: &str, seed: u64, answers: &[String]) -> String {
    // Times after the release (a time outside release..now is reported).
    let now = at(0);
    let mut s = format!(
        "form_id: {form_id}\nunit: w1\nstudent: {student}\nseed: {seed}\nstarted_at: \"{now}\"\nsubmitted_at: \"{now}\"\nanswers:\n"
    );
    for a in answers {
        s.push_str(a);
    }
    s
}

fn text_answer(q: &str, v: &str) -> String {
    format!(
        "- question: {q}\n  response: {{kind: text, value: {v}}}\n  answered_at: \"2026-11-02T01:01:00Z\"\n"
    )
}

/// Item 1: tokens were a hash of (form id, question id, bank id), so anyone
/// could recover the bank id (and the key of order questions). Now the same
/// form id, question and option get unrelated random tokens in two gradebooks.
#[test]
fn released_tokens_are_random_not_derived_from_ids() {
    let (a, b) = (project(), project());
    release(a.path(), "7");
    release(b.path(), "7");
    let (fa, fb) = (
        record(a.path(), "s001-w1-r1"),
        record(b.path(), "s001-w1-r1"),
    );
    let tokens = |r: &quiz::gradebook::FormRecord, q: &str| {
        r.form
            .items
            .iter()
            .find(|it| it.question == q)
            .map(|it| it.tokens.clone())
            .expect("question on form")
    };
    let mut differ = 0;
    for q in ["w1d1-choice", "w1d1-multi", "w1d1-order", "w1d1-match"] {
        let (ta, tb) = (tokens(&fa, q), tokens(&fb, q));
        assert_eq!(ta.len(), tb.len());
        assert!(ta.values().all(|t| t.len() == 6));
        differ += ta.iter().filter(|(id, t)| tb.get(*id) != Some(*t)).count();
    }
    // 13 tokens, each of 16^6 values: all equal by chance is out of the question.
    assert!(differ >= 10, "tokens repeat across gradebooks: {differ}");
    // The form file is its owner's alone: anyone holding a classmate's form
    // could submit for them (attack of 2026-12-01).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(a.path().join("forms/s001-w1-r1.form.yaml"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    // The form file shows the tokens, never the bank ids.
    let text = std::fs::read_to_string(a.path().join("forms/s001-w1-r1.form.yaml")).expect("form");
    for it in &fa.form.items {
        for t in it.tokens.values() {
            assert!(text.contains(t.as_str()), "{t} not on the form");
        }
    }
}

/// Item 2: a hand-written submission answering a question that is not on its
/// form was stored and scored; questions left out were simply not counted.
/// Now: answers to questions not on the form are reported and ignored,
/// questions left out count 0 of their points, and a form id never released
/// (or released to someone else) is refused, each with path:line:col.
#[test]
fn a_submission_is_graded_only_against_its_released_form() {
    let p = project();
    let p = p.path();
    release(p, "3");
    let mine = record(p, "s001-w1-r1");
    let on_form: Vec<&str> = mine
        .form
        .items
        .iter()
        .map(|i| i.question.as_str())
        .collect();
    let off_form = [
        "w1d1-choice",
        "w1d1-multi",
        "w1d1-tf",
        "w1d1-short",
        "w1d1-order",
        "w1d1-match",
        "w1d1-essay",
    ]
    .into_iter()
    .find(|q| !on_form.contains(q))
    .expect("a question not on a 3-question form");
    let subs = p.join("subs");
    std::fs::create_dir_all(&subs).expect("mkdir");
    std::fs::write(
        subs.join("a-extra.yaml"),
        submission(
            "s001-w1-r1",
            "s001",
            mine.form.seed,
            &[text_answer(off_form, "깃옵스")],
        ),
    )
    .expect("write");
    std::fs::write(
        subs.join("b-never.yaml"),
        submission(
            "s001-w1-r9",
            "s001",
            1,
            &[text_answer("w1d1-short", "깃옵스")],
        ),
    )
    .expect("write");
    let theirs = record(p, "s002-w1-r1");
    std::fs::write(
        subs.join("c-other.yaml"),
        submission("s002-w1-r1", "s001", theirs.form.seed, &[]),
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "subs/a-extra.yaml:8:1: 문항 `{off_form}`은(는) 시험지 `s001-w1-r1`에 없습니다; 답을 무시했습니다\n\
subs/b-never.yaml:1:1: 시험지 `s001-w1-r9`은(는) 이 성적부에서 배포한 적이 없습니다; 파일을 거부했습니다\n\
subs/c-other.yaml:3:1: 시험지 `s002-w1-r1`은(는) `s002`에게 배포되었습니다 (`s001` 아님); 파일을 거부했습니다\n"
        )
    );
    let gb = common::gradebook(p).expect("db");
    let rows = gb.rows().expect("rows");
    // Only s001's own form was stored: its 3 questions, unanswered, 0 of max each.
    assert_eq!(rows.len(), 3, "{rows:?}");
    for (r, q) in rows.iter().zip(&on_form) {
        assert_eq!(r.question_id, *q);
        assert_eq!(r.response, quiz::score::Response::Skipped);
        assert_eq!(r.points, Some(0.0));
        assert!(r.max_points.is_some_and(|m| m > 0.0));
    }
}

/// Item 5: releasing a unit again reused form ids and seeds, so the retake's
/// submissions counted as already graded. Each release is new and every
/// release's forms stay gradable, with attempt numbers counting up.
#[test]
fn a_second_release_makes_new_forms_that_are_graded() {
    let p = project();
    let p = p.path();
    release(p, "7");
    release(p, "7");
    let (r1, r2) = (record(p, "s001-w1-r1"), record(p, "s001-w1-r2"));
    assert_eq!((r1.release_no, r2.release_no), (Some(1), Some(2)));
    assert_ne!(r1.form.seed, r2.form.seed);
    for n in ["r1", "r2"] {
        let form = format!("forms/s001-w1-{n}.form.yaml");
        let run = quiz_in(
            p,
            &[
                "take",
                "--form",
                &form,
                "--student",
                "s001",
                "--out",
                "subs",
            ],
            "?\n?\n?\n?\n?\n?\n?\n",
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 채점한 답안          ┆ 14 │"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("│ 이미 채점한 파일     ┆ 0  │"));
    let gb = common::gradebook(p).expect("db");
    let nos: Vec<u32> = gb
        .attempts("s001", "w1")
        .expect("attempts")
        .iter()
        .map(|a| a.attempt_no)
        .collect();
    assert_eq!(nos, vec![1, 2]);
}

/// Item 6: `unit: "../../../evil"` in a form made `take --form` write outside
/// `--out`. The submission file is named by the form id, which must be a
/// plain name; a crafted one is refused with its place, and nothing is written.
#[test]
fn a_crafted_form_cannot_write_outside_out() {
    let p = project();
    let p = p.path();
    release(p, "7");
    let good = std::fs::read_to_string(p.join("forms/s001-w1-r1.form.yaml")).expect("form");
    std::fs::create_dir_all(p.join("inner/subs")).expect("mkdir");
    std::fs::write(
        p.join("unit.form.yaml"),
        good.replace("unit: w1", "unit: ../../../evil"),
    )
    .expect("write");
    std::fs::write(
        p.join("id.form.yaml"),
        good.replace("form_id: s001-w1-r1", "form_id: ../../evil"),
    )
    .expect("write");
    let take = |form: &str| {
        quiz_in(
            p,
            &[
                "take",
                "--form",
                form,
                "--student",
                "s001",
                "--out",
                "inner/subs",
            ],
            "?\n?\n?\n?\n?\n?\n?\n",
        )
    };
    let run = take("id.form.yaml");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "id.form.yaml:2:1: 시험지 id `../../evil`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다\n"
    );
    let run = take("unit.form.yaml");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<String> = common::tree(p)
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| {
            !f.starts_with("forms/") && !f.starts_with("questions/") && !f.starts_with("rubrics/")
        })
        .filter(|f| !f.starts_with("gradebook.db") && !f.ends_with(".form.yaml"))
        .collect();
    assert_eq!(
        written,
        vec![
            "inner/subs/s001-w1-r1.yaml",
            "practice_seed7.txt",
            "roster.csv"
        ]
    );
}

/// Item 4: grading a grown LMS CSV again stored the whole file again, so the
/// instructor's manual essay score was hidden behind a fresh "awaiting review"
/// answer. A row (student, question, normalized answer) stored before is never
/// stored again; only the appended row is new.
#[test]
fn grading_a_grown_csv_keeps_the_instructors_score() {
    let p = project();
    let p = p.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns003,박지훈\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    let rows = "student_id,question_id,answer\n\
s003,w1d1-tf,false\n\
s003,w1d1-essay,선언적으로 배포합니다\n";
    std::fs::write(p.join("e1.csv"), rows).expect("csv");
    let run = quiz(p, &["grade", "--responses", "e1.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheet = std::fs::read_to_string(p.join("sheet.csv")).expect("sheet");
    let filled = sheet.replace("s003,박지훈,,,1", "s003,박지훈,,,2");
    assert_ne!(filled, sheet, "{sheet}");
    std::fs::write(p.join("filled.csv"), filled).expect("filled");
    let run = quiz(p, &["rubric", "import", "filled.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The LMS export grew by one row; grade the file again, twice.
    std::fs::write(p.join("e1.csv"), format!("{rows}s003,w1d1-short,깃옵스\n")).expect("csv");
    for _ in 0..2 {
        let run = quiz(p, &["grade", "--responses", "e1.csv"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let gb = common::gradebook(p).expect("db");
    let rows = gb.rows().expect("rows");
    let of = |q: &str| {
        rows.iter()
            .filter(|r| r.question_id == q)
            .collect::<Vec<_>>()
    };
    assert_eq!(of("w1d1-tf").len(), 1);
    let essay = of("w1d1-essay");
    assert_eq!(essay.len(), 1);
    assert_eq!(
        (essay[0].points, essay[0].status.as_deref()),
        (Some(2.0), Some("manual"))
    );
    assert_eq!(of("w1d1-short").len(), 1);
    // One attempt for the first file, one for the appended row.
    assert_eq!(gb.attempts("s003", "w1").expect("attempts").len(), 2);
}

/// Item 7: deleting a question that sat in an unfinished attempt made every
/// `take` of that unit exit 2 for good. The attempt now goes on without it
/// (dropped, 0 of 0), and the instructor can list and close open attempts.
#[test]
fn a_removed_question_does_not_block_an_unfinished_attempt() {
    let p = project();
    let p = p.path();
    let args = [
        "take",
        "w1",
        "--student",
        "s001",
        "--count",
        "7",
        "--seed",
        "7",
    ];
    let first = quiz_in(p, &args, "3 4\n3 2 1\n");
    assert_eq!(first.code, 0, "{}", first.stderr);
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    let (start, end) = (
        text.find("- id: w1d1-short").expect("short"),
        text.find("- id: w1d1-order").expect("order"),
    );
    std::fs::write(&bank, format!("{}{}", &text[..start], &text[end..])).expect("edit");
    let run = quiz_in(p, &args, "1-B 2-A\nx\n?\n3\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("6문제"), "{}", run.stdout);
    assert!(run.stdout.contains("(문제 3/6부터)"), "{}", run.stdout);
    let gb = common::gradebook(p).expect("db");
    let att = gb.attempts("s001", "w1").expect("attempts");
    assert_eq!(att.len(), 1);
    assert!(att[0].finished_at.is_some());
    let dropped: Vec<_> = gb
        .rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.status.as_deref() == Some("dropped"))
        .map(|r| (r.question_id, r.points, r.max_points))
        .collect();
    assert_eq!(
        dropped,
        vec![("w1d1-short".to_string(), Some(0.0), Some(0.0))]
    );
}

/// Item 7: the instructor command. `attempts list` shows the open attempt,
/// `attempts close` finishes it with the unanswered questions at 0, and the
/// student's next `take` is a new attempt.
#[test]
fn the_instructor_lists_and_closes_open_attempts() {
    let p = project();
    let p = p.path();
    let args = [
        "take",
        "w1",
        "--student",
        "s002",
        "--count",
        "7",
        "--seed",
        "7",
    ];
    assert_eq!(quiz_in(p, &args, "3 4\n").code, 0);
    let list = quiz(p, &["attempts", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout
            .contains("│ 1       ┆ s002 ┆ w1   ┆ 연습 ┆ 1    ┆ 1/7"),
        "{}",
        list.stdout
    );
    assert!(
        list.stdout
            .ends_with("끝나지 않은 응시 1개. 닫으려면: quiz attempts close <응시 id>\n")
    );
    let close = quiz(p, &["attempts", "close", "1"]);
    assert_eq!(close.code, 0, "{}", close.stderr);
    assert_eq!(
        close.stdout,
        "응시 1 (s002 · w1)을(를) 닫았습니다: 답하지 않은 문제 6개 중 화면에 있던 1개는 답하지 않은 것(0점)으로, 보여 주지 않은 5개는 답이 없는 것(주간 점수에 들어가지 않음)으로 기록했습니다.\n"
    );
    assert_eq!(
        quiz(p, &["attempts", "list"]).stdout,
        "끝나지 않은 응시가 없습니다.\n"
    );
    let again = quiz(p, &["attempts", "close", "1"]);
    assert_eq!(again.code, 2);
    let gb = common::gradebook(p).expect("db");
    let rows = gb.rows().expect("rows");
    assert_eq!(rows.len(), 7);
    assert_eq!(rows.iter().filter_map(|r| r.points).sum::<f64>(), 1.0);
    // The question on screen was shown: unanswered, 0 (attack of
    // 2026-12-01: closing a practice let a student skip what they saw). The
    // rest were never shown: dropped, no answer.
    assert_eq!(
        rows.iter()
            .filter(|r| r.status.as_deref() == Some("dropped"))
            .count(),
        5
    );
    let next = quiz_in(p, &args, "");
    assert!(next.stdout.contains("2회차"), "{}", next.stdout);
}

/// Item 11: `take`, `release` and `export` used questions `check` rejects (an
/// answer naming no option, a repeated order item, an id in two files). Every
/// one of them now leaves such a question out with check's message, exit 1.
#[test]
fn questions_check_rejects_are_never_served_released_or_exported() {
    let p = project();
    let p = p.path();
    std::fs::copy(
        root().join("tests/fixtures/integrity/broken.yaml"),
        p.join("questions/week_01/broken.yaml"),
    )
    .expect("copy");
    let expected = "questions/week_01/broken.yaml:10:3: `w1d2-noopt`의 정답 `z`은(는) 어느 보기도 아닙니다; 문항을 제외했습니다\n\
questions/week_01/broken.yaml:17:3: `w1d2-twice`의 정답은 모든 항목을 한 번씩 나열해야 합니다; 문항을 제외했습니다\n\
questions/week_01/broken.yaml:18:3: 문항 id `w1d1-tf`이(가) 다른 곳에도 있습니다 (questions/week_01/day1.yaml:25); 문항을 제외했습니다\n\
questions/week_01/day1.yaml:25:3: 문항 id `w1d1-tf`이(가) 다른 곳에도 있습니다 (questions/week_01/broken.yaml:18); 문항을 제외했습니다\n";
    let take = quiz_in(
        p,
        &[
            "take",
            "w1",
            "--student",
            "s001",
            "--mode",
            "exam",
            "--count",
            "20",
        ],
        "",
    );
    assert_eq!(take.code, 1, "{}", take.stdout);
    assert_eq!(take.stderr, expected);
    assert!(take.stdout.contains("6문제"), "{}", take.stdout);
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
            "20",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, expected);
    let form = record(p, "s001-w1-r1").form;
    let mut ids: Vec<&str> = form.items.iter().map(|i| i.question.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "w1d1-choice",
            "w1d1-essay",
            "w1d1-match",
            "w1d1-multi",
            "w1d1-order",
            "w1d1-short"
        ]
    );
    let run = quiz(p, &["export", "--format", "gift", "w1", "--out", "w1.gift"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, expected);
    let gift = std::fs::read_to_string(p.join("w1.gift")).expect("gift");
    for id in ["w1d2-noopt", "w1d2-twice", "w1d1-tf"] {
        assert!(!gift.contains(id), "{id} exported");
    }
    assert!(gift.contains("w1d1-choice"));
}

/// Item 8: `--db /nonexistent/dir/x.db roster list` made the folder (exit 0),
/// so a typo started a new empty gradebook. No command creates a folder;
/// read-only commands on a missing gradebook say so (exit 2) and create
/// nothing; only recording commands create the file.
#[test]
fn a_missing_gradebook_is_never_created_by_reading_and_folders_never() {
    let p = project();
    let p = p.path();
    let run = quiz(p, &["--db", "typo/dir/x.db", "roster", "list"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "quiz: 성적부 typo/dir/x.db이(가) 없습니다: --db 경로를 확인하세요 (성적부는 기록하는 명령이 처음 만듭니다)\n"
    );
    for args in [
        &["--db", "typo/dir/x.db", "roster", "import", "roster.csv"][..],
        &["--db", "typo/dir/x.db", "take", "w1", "--student", "s001"],
    ] {
        let run = quiz(p, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "quiz: 성적부 폴더 typo/dir이(가) 없습니다: --db 경로를 확인하세요 (quiz는 폴더를 만들지 않습니다)\n",
            "{args:?}"
        );
    }
    assert!(!p.join("typo").exists());
    for args in [
        &["--db", "new.db", "roster", "list"][..],
        &["--db", "new.db", "report", "--week", "1"],
        &["--db", "new.db", "stats"],
        &["--db", "new.db", "attempts", "list"],
        &["--db", "new.db", "regrade", "--dry-run"],
    ] {
        let run = quiz(p, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(
            run.stderr.contains("new.db이(가) 없습니다"),
            "{}",
            run.stderr
        );
        assert!(!p.join("new.db").exists(), "{args:?} created the gradebook");
    }
    let run = quiz(p, &["--db", "new.db", "roster", "import", "roster.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(p.join("new.db").exists());
}

/// Item 9: a gradebook the command may not write (read-only file, or another
/// process holding the write lock) blocked read-only commands with "attempt to
/// write a readonly database". Reading commands open it read-only and never
/// take the write lock.
#[test]
fn read_only_commands_work_on_a_gradebook_they_cannot_write() {
    let p = project();
    let p = p.path();
    // About the SQLite file (its permissions and write lock).
    common::sqlite_only(p);
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
        "3 4\n3 2 1\n1-B 2-A\nx\n?\n3\n깃옵스\n",
    );
    assert_eq!(take.code, 0, "{}", take.stderr);
    let db = p.join("gradebook.db");
    let mut perms = std::fs::metadata(&db).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).expect("chmod");
    // Another process is writing (holds the write lock for the whole test):
    // this blocks every writer, even when the tests run as root.
    let writer =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
            .expect("open");
    writer.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let before = std::fs::read(&db).expect("bytes");
    for args in [
        &["roster", "list"][..],
        &["report", "--week", "1"],
        &["stats"],
        &["attempts", "list"],
        &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"],
        &["regrade", "--dry-run"],
    ] {
        let run = quiz(p, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    assert_eq!(std::fs::read(&db).expect("bytes"), before);
    writer.execute_batch("ROLLBACK").expect("unlock");
}

/// Item 10: `--db` naming another program's SQLite file printed its schema and
/// switched it to WAL first. It is refused before anything in it changes.
#[test]
fn another_programs_database_is_refused_untouched() {
    let p = project();
    let p = p.path();
    let other = p.join("notes.db");
    {
        let c = rusqlite::Connection::open(&other).expect("open");
        c.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hi');")
            .expect("create");
    }
    let before = std::fs::read(&other).expect("bytes");
    for args in [
        &["--db", "notes.db", "roster", "list"][..],
        &["--db", "notes.db", "roster", "import", "roster.csv"],
        &["--db", "notes.db", "take", "w1", "--student", "s001"],
    ] {
        let run = quiz(p, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "quiz: notes.db은(는) quiz 성적부가 아닌 SQLite 파일입니다 (다른 프로그램의 데이터베이스): 아무것도 바꾸지 않았습니다. --db 경로를 확인하세요\n"
        );
    }
    assert_eq!(std::fs::read(&other).expect("bytes"), before);
    assert!(!p.join("notes.db-wal").exists());
}

// ---------------------------------------------------------------------------
// Attacks as a student who wants a better grade (h-attack), one test each.

/// Now as the gradebook stores times (RFC 3339, UTC, seconds), moved by `secs`.
fn at(secs: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::seconds(secs))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A submission of `form_id` answering every question of `rec` right, in
/// the tokens of `tokens_of` (the form's own record, or another one's).
fn right_answers(
    form_id: &str,
    rec: &quiz::gradebook::FormRecord,
    tokens_of: &quiz::gradebook::FormRecord,
    answered_at: &str,
) -> String {
    let mut s = format!(
        "form_id: {form_id}\nunit: w1\nstudent: {}\nseed: {}\nstarted_at: \"{answered_at}\"\nsubmitted_at: \"{answered_at}\"\nanswers:\n",
        rec.form.student, rec.form.seed
    );
    for it in &rec.form.items {
        let tokens = &tokens_of
            .form
            .items
            .iter()
            .find(|o| o.question == it.question)
            .expect("question on both forms")
            .tokens;
        let t = |id: &str| tokens.get(id).cloned().expect("token");
        let response = match it.question.as_str() {
            "w1d1-choice" => format!("{{kind: choice, value: {}}}", t("a")),
            "w1d1-multi" => format!("{{kind: multi, value: [{}, {}]}}", t("a"), t("b")),
            "w1d1-tf" => "{kind: bool, value: true}".to_string(),
            "w1d1-short" => "{kind: text, value: GitOps}".to_string(),
            "w1d1-order" => format!(
                "{{kind: order, value: [{}, {}, {}]}}",
                t("a"),
                t("b"),
                t("c")
            ),
            "w1d1-match" => format!(
                "{{kind: match, value: {{{}: {}, {}: {}}}}}",
                t("a"),
                t("q"),
                t("b"),
                t("p")
            ),
            "w1d1-essay" => "{kind: text, value: 선언적으로 Git 저장소에 둡니다}".to_string(),
            q => panic!("unexpected question {q}"),
        };
        s.push_str(&format!(
            "- question: {}\n  response: {response}\n  answered_at: \"{answered_at}\"\n",
            it.question
        ));
    }
    s
}

/// Attack on item 5: a student keeps the form of an earlier release and hands
/// it in after the unit was released again (and the bank grew in between).
/// It is graded against its own record (its questions, order and tokens), not
/// the newer release's, and every answer given right counts.
#[test]
fn a_submission_of_an_old_release_is_graded_against_its_own_form() {
    let p = project();
    let p = p.path();
    release(p, "7");
    // The bank changes between the releases: a new option for the choice question.
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(
        &bank,
        text.replace(
            "  - {id: d, text: Procfile}\n",
            "  - {id: d, text: Procfile}\n  - {id: e, text: Vagrantfile}\n",
        ),
    )
    .expect("bank");
    release(p, "7");
    let (r1, r2) = (record(p, "s001-w1-r1"), record(p, "s001-w1-r2"));
    let choice = |r: &quiz::gradebook::FormRecord| {
        r.form
            .items
            .iter()
            .find(|i| i.question == "w1d1-choice")
            .map(|i| i.tokens.len())
    };
    assert_eq!((choice(&r1), choice(&r2)), (Some(4), Some(5)));
    let subs = p.join("subs");
    std::fs::create_dir_all(&subs).expect("mkdir");
    let now = at(0);
    std::fs::write(
        subs.join("r1.yaml"),
        right_answers("s001-w1-r1", &r1, &r1, &now),
    )
    .expect("write");
    std::fs::write(
        subs.join("r2.yaml"),
        right_answers("s001-w1-r2", &r2, &r2, &now),
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let gb = common::gradebook(p).expect("db");
    let attempts = gb.attempts("s001", "w1").expect("attempts");
    assert_eq!(attempts.len(), 2);
    for (a, rec) in attempts.iter().zip([&r1, &r2]) {
        // The attempt keeps the form it was released with.
        assert_eq!(a.form, rec.form);
        let stored = gb.responses(a.id).expect("responses");
        let ids: Vec<&str> = stored.iter().map(|r| r.question_id.as_str()).collect();
        let on_form: Vec<&str> = rec.form.items.iter().map(|i| i.question.as_str()).collect();
        assert_eq!(ids, on_form);
        for r in &stored {
            assert_eq!(
                r.points, r.max_points,
                "{} of {}",
                r.question_id, a.form.form_id
            );
            if r.question_id == "w1d1-choice" {
                assert_eq!(r.response, quiz::score::Response::Choice("a".into()));
            }
        }
    }
}

/// Attacks on item 1: tokens must carry nothing. They are random per form
/// (two students, two releases of one student: unrelated), kept only with
/// the form's record; the right answer in the tokens of another student's
/// form is no answer on this one (reported with its place, exit 1, 0 points).
#[test]
fn tokens_of_another_students_form_score_nothing() {
    let p = project();
    let p = p.path();
    release(p, "7");
    release(p, "7");
    let (mine, theirs, again) = (
        record(p, "s001-w1-r1"),
        record(p, "s002-w1-r1"),
        record(p, "s001-w1-r2"),
    );
    for other in [&theirs, &again] {
        let shared = mine
            .form
            .items
            .iter()
            .flat_map(|it| it.tokens.values())
            .filter(|t| {
                other
                    .form
                    .items
                    .iter()
                    .any(|o| o.tokens.values().any(|u| u == *t))
            })
            .count();
        // 13 tokens of 16^6 values each: more than one shared means derived.
        assert!(shared <= 1, "forms share {shared} tokens");
    }
    // The token order on the form says nothing either: the key's order of the
    // order question is not the order of its tokens.
    let subs = p.join("subs");
    std::fs::create_dir_all(&subs).expect("mkdir");
    std::fs::write(
        subs.join("s001.yaml"),
        right_answers("s001-w1-r1", &mine, &theirs, &at(0)),
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let text = std::fs::read_to_string(subs.join("s001.yaml")).expect("sub");
    let line = |q: &str| {
        text.lines()
            .position(|l| l == format!("- question: {q}"))
            .map(|i| i + 1)
            .expect("answered")
    };
    let mut expected: Vec<String> = Vec::new();
    for q in ["w1d1-choice", "w1d1-multi", "w1d1-order", "w1d1-match"] {
        let tok = |id: &str| {
            theirs
                .form
                .items
                .iter()
                .find(|i| i.question == q)
                .and_then(|i| i.tokens.get(id).cloned())
                .expect("token")
        };
        // A match answer is read in the order of its left tokens.
        let first = if q == "w1d1-match" {
            tok("a").min(tok("b"))
        } else {
            tok("a")
        };
        expected.push(format!(
            "subs/s001.yaml:{}:1: `{first}`은(는) 이 시험지의 `{q}` 보기가 아닙니다; 답을 건너뜀",
            line(q)
        ));
    }
    expected.sort_by_key(|l| {
        l.split(':')
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    });
    assert_eq!(run.stderr, format!("{}\n", expected.join("\n")));
    let gb = common::gradebook(p).expect("db");
    for r in gb.rows().expect("rows") {
        if ["w1d1-choice", "w1d1-multi", "w1d1-order", "w1d1-match"]
            .contains(&r.question_id.as_str())
        {
            assert_eq!(r.response, quiz::score::Response::Skipped);
            assert_eq!(r.points, Some(0.0));
        }
    }
}

/// Attacks on item 2: a forged form id (a release that never happened, the id
/// of a terminal attempt, of a graded CSV) and an edited seed are refused,
/// each with path:line:col and exit 1; nothing is stored.
#[test]
fn forged_form_ids_and_edited_seeds_are_refused() {
    let p = project();
    let p = p.path();
    release(p, "7");
    // A terminal attempt and a graded CSV give ids that exist in the gradebook.
    let run = quiz_in(
        p,
        &[
            "take",
            "w1",
            "--student",
            "s001",
            "--mode",
            "exam",
            "--count",
            "2",
        ],
        "?\n?\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(
        p.join("e.csv"),
        "student_id,question_id,answer\ns001,w1d1-tf,true\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "e.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gb = common::gradebook(p).expect("db");
    let csv_id = {
        let a = gb.attempts("s001", "w1").expect("attempts");
        assert_eq!(a.len(), 2);
        a[1].form.form_id.clone()
    };
    assert!(csv_id.starts_with("csv:"), "{csv_id}");
    let rows_before = gb.rows().expect("rows").len();
    drop(gb);
    let mine = record(p, "s001-w1-r1");
    let now = at(0);
    let subs = p.join("subs");
    std::fs::create_dir_all(&subs).expect("mkdir");
    let good = right_answers("s001-w1-r1", &mine, &mine, &now);
    for (name, id) in [
        ("a", "s001-w1-r2"),
        ("b", "s001-w1-1"),
        ("c", csv_id.as_str()),
    ] {
        std::fs::write(
            subs.join(format!("{name}.yaml")),
            good.replacen("form_id: s001-w1-r1", &format!("form_id: \"{id}\""), 1),
        )
        .expect("write");
    }
    std::fs::write(
        subs.join("d.yaml"),
        good.replacen(
            &format!("seed: {}", mine.form.seed),
            &format!("seed: {}", mine.form.seed ^ 1),
            1,
        ),
    )
    .expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        format!(
            "subs/a.yaml:1:1: 시험지 `s001-w1-r2`은(는) 이 성적부에서 배포한 적이 없습니다; 파일을 거부했습니다\n\
subs/b.yaml:1:1: 시험지 `s001-w1-1`은(는) 이 성적부에서 배포한 적이 없습니다; 파일을 거부했습니다\n\
subs/c.yaml:1:1: 시험지 `{csv_id}`은(는) 이 성적부에서 배포한 적이 없습니다; 파일을 거부했습니다\n\
subs/d.yaml:4:1: seed {}은(는) 시험지 `s001-w1-r1`의 seed가 아닙니다; 파일을 거부했습니다\n",
            mine.form.seed ^ 1
        )
    );
    let gb = common::gradebook(p).expect("db");
    assert_eq!(gb.rows().expect("rows").len(), rows_before);
}

/// Attack on item 2 (replay): the same submission handed in twice, or a copy,
/// changes nothing ("already graded", exit 0); a second, different submission
/// for a form already graded (taken again in another folder, or edited after
/// the first was graded) is refused with path:line:col and exit 1, and the
/// first stays as graded.
#[test]
fn a_second_different_submission_of_a_graded_form_is_refused() {
    let p = project();
    let p = p.path();
    release(p, "7");
    let mine = record(p, "s001-w1-r1");
    let first = p.join("first");
    std::fs::create_dir_all(&first).expect("mkdir");
    let now = at(0);
    // The first try: everything skipped but the essay.
    let mut skipped = format!(
        "form_id: s001-w1-r1\nunit: w1\nstudent: s001\nseed: {}\nstarted_at: \"{now}\"\nsubmitted_at: \"{now}\"\nanswers:\n",
        mine.form.seed
    );
    for it in &mine.form.items {
        let response = if it.question == "w1d1-essay" {
            "{kind: text, value: 모릅니다}"
        } else {
            "{kind: skipped}"
        };
        skipped.push_str(&format!(
            "- question: {}\n  response: {response}\n  answered_at: \"{now}\"\n",
            it.question
        ));
    }
    std::fs::write(first.join("s001-w1-r1.yaml"), &skipped).expect("write");
    let run = quiz(p, &["grade", "first"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gb = common::gradebook(p).expect("db");
    let before = gb.rows().expect("rows");
    drop(gb);
    // The same file again, and a copy under another name: nothing changes.
    std::fs::write(first.join("copy.yaml"), &skipped).expect("write");
    let run = quiz(p, &["grade", "first"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 이미 채점한 파일     ┆ 2  │"),
        "{}",
        run.stdout
    );
    // Nor after the essay left the bank: its answer can no longer be read,
    // which does not make the file a different submission.
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    let cut = text.find("- id: w1d1-essay").expect("essay in bank");
    std::fs::write(&bank, &text[..cut]).expect("bank");
    let run = quiz(p, &["grade", "first"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("│ 이미 채점한 파일     ┆ 2  │"),
        "{}",
        run.stdout
    );
    std::fs::write(&bank, &text).expect("bank");
    // A second try with the right answers.
    let second = p.join("second");
    std::fs::create_dir_all(&second).expect("mkdir");
    std::fs::write(
        second.join("s001-w1-r1.yaml"),
        right_answers("s001-w1-r1", &mine, &mine, &at(0)),
    )
    .expect("write");
    let run = quiz(p, &["grade", "second"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "second/s001-w1-r1.yaml:1:1: 시험지 `s001-w1-r1`의 제출은 이미 채점되었고 이 파일의 답은 그와 다릅니다 (다시 낸 제출); 파일을 거부했습니다\n"
    );
    let gb = common::gradebook(p).expect("db");
    let after = gb.rows().expect("rows");
    assert_eq!(after.len(), before.len());
    for (a, b) in after.iter().zip(&before) {
        assert_eq!((&a.response, a.points), (&b.response, b.points));
    }
}

/// Attack with the clock: answer times in a submission come from the
/// student's file, and the latest answer to a question is the one that counts.
/// A time in the future (or text that sorts after every date, or a time
/// before the form was released) made that answer win over every later
/// attempt. Such times are reported with their place (exit 1), the answers
/// still graded, and stored as the nearest possible time (release .. now).
#[test]
fn answer_times_from_a_submission_cannot_beat_later_attempts() {
    let p = project();
    let p = p.path();
    release(p, "7");
    let mine = record(p, "s001-w1-r1");
    let subs = p.join("subs");
    std::fs::create_dir_all(&subs).expect("mkdir");
    let text = right_answers("s001-w1-r1", &mine, &mine, "2999-01-01T00:00:00Z").replacen(
        "submitted_at: \"2999-01-01T00:00:00Z\"",
        "submitted_at: \"zzz\"",
        1,
    );
    // One answer from before the release.
    let first_q = &mine.form.items[0].question;
    let early = {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let i = lines
            .iter()
            .position(|l| l == &format!("- question: {first_q}"))
            .expect("first answer");
        lines[i + 2] = "  answered_at: \"2000-01-01T00:00:00+09:00\"".into();
        lines.join("\n") + "\n"
    };
    std::fs::write(subs.join("s.yaml"), &early).expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    // 7 answers (the first from 2000, six from 2999) and submitted_at.
    assert_eq!(lines.len(), 8, "{}", run.stderr);
    assert!(
        lines[0].starts_with("subs/s.yaml:6:1: 시각 `zzz`은(는) RFC 3339 시각이 아닙니다; "),
        "{}",
        run.stderr
    );
    assert!(
        lines[1].starts_with(&format!(
            "subs/s.yaml:10:3: 시각 2000-01-01T00:00:00+09:00은(는) 시험지 배포({}) 이전입니다; 채점 시각 기준으로 {}(으)로 기록했습니다",
            mine.created_at, mine.created_at
        )),
        "{}",
        run.stderr
    );
    assert!(
        lines[2].starts_with(
            "subs/s.yaml:13:3: 시각 2999-01-01T00:00:00Z은(는) 미래입니다; 채점 시각 기준으로 "
        ),
        "{}",
        run.stderr
    );
    let now = at(1);
    let gb = common::gradebook(p).expect("db");
    let rows = gb.rows().expect("rows");
    assert_eq!(rows.len(), 7);
    for r in &rows {
        assert!(
            r.answered_at >= mine.created_at && r.answered_at <= now,
            "{}",
            r.answered_at
        );
        assert_eq!(r.points, r.max_points);
    }
    // A later terminal exam (everything skipped) is a retake: the first
    // exam-like attempt counts, ordered by when the gradebook started it (not
    // by the answer times a file claims), so the submission keeps its points.
    drop(gb);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let run = quiz_in(
        p,
        &[
            "take",
            "w1",
            "--student",
            "s001",
            "--mode",
            "exam",
            "--count",
            "7",
        ],
        "?\n?\n?\n?\n?\n?\n?\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (bank, _) = quiz::bank::Bank::load(&p.join("questions"), &p.join("rubrics")).expect("bank");
    let gb = common::gradebook(p).expect("db");
    let totals = quiz::cmd::grade::totals_by_student(&gb, &bank, 1).expect("totals");
    let s = totals.get("s001").expect("s001");
    assert!(s.quiz.max > 0.0, "{s:?}");
    assert_eq!(s.quiz.points, s.quiz.max, "{s:?}");
    assert_eq!(s.attempts, 2, "{s:?}");
}

/// What identifies every stored answer, as raw columns: (attempt, position,
/// question, response text, answered at), in order.
fn raw_answers(db: &Path) -> Vec<(i64, i64, String, String, Option<String>)> {
    let sql = "SELECT attempt_id, position, question_id, response, answered_at FROM responses
             ORDER BY attempt_id, position";
    let text = db.to_string_lossy();
    if quiz::gradebook::pg::is_url(&text) {
        let mut c = postgres::Client::connect(&text, postgres::NoTls).expect("connect");
        return c
            .query(sql, &[])
            .expect("query")
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
            .collect();
    }
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut st = conn.prepare(sql).expect("prepare");
    st.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .expect("query")
    .collect::<Result<Vec<_>, _>>()
    .expect("rows")
}

/// Attack on item 3 ("nothing writes an answer after finished_at, from any
/// path"): the lease checks guard the code paths, but any other writer (a
/// script with sqlite3, a future command) could still change a finished
/// attempt's answers. The database refuses it itself: inserting, changing or
/// deleting an answer of a finished attempt, reopening or deleting it, fails
/// by raw SQL; every command (take, grade of submissions and CSVs, regrade,
/// rubric import, review) leaves the answers as they were, while scores set
/// by regrade and by the instructor still change.
#[test]
fn a_finished_attempt_never_changes_from_any_path() {
    let p = project();
    let p = p.path();
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    release(p, "7");
    let exam = |stdin: &str| {
        quiz_in(
            p,
            &[
                "take",
                "w1",
                "--student",
                "s001",
                "--mode",
                "exam",
                "--count",
                "3",
                // A fixed draw (seeds are random otherwise) without the essay.
                "--seed",
                "3",
            ],
            stdin,
        )
    };
    // A terminal attempt (finished), a submission and a CSV, all graded.
    assert_eq!(exam("?\n?\n?\n").code, 0);
    let theirs = record(p, "s002-w1-r1");
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    let sub = right_answers("s002-w1-r1", &theirs, &theirs, &at(0));
    std::fs::write(p.join("subs/s002.yaml"), &sub).expect("write");
    std::fs::write(
        p.join("e.csv"),
        "student_id,question_id,answer\ns001,w1d1-tf,true\ns001,w1d1-essay,선언적으로 Git 저장소에 둡니다\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "subs", "--responses", "e.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let db = common::db_path(p, "gradebook.db");
    let answers = raw_answers(&db);
    assert_eq!(answers.len(), 3 + 7 + 2);
    let points = |q: &str| -> Vec<Option<f64>> {
        Gradebook::open(&db)
            .expect("db")
            .rows()
            .expect("rows")
            .into_iter()
            .filter(|r| r.question_id == q && r.origin != "take")
            .map(|r| r.points)
            .collect()
    };
    assert_eq!(points("w1d1-tf"), vec![Some(1.0), Some(1.0)]);

    // Every command that writes to the gradebook.
    let edited = sub.replace("{kind: bool, value: true}", "{kind: bool, value: false}");
    std::fs::write(p.join("subs/s002.yaml"), edited).expect("write");
    std::fs::write(
        p.join("e.csv"),
        "student_id,question_id,answer\ns001,w1d1-tf,true\ns001,w1d1-essay,선언적으로 Git 저장소에 둡니다\ns001,w1d1-short,깃옵스\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "subs", "--responses", "e.csv"]);
    assert_eq!(
        run.code, 1,
        "the edited submission is refused: {}",
        run.stderr
    );
    // (Grading s001's answers closes their unfinished attempts of the unit:
    // the one left open comes after.)
    assert_eq!(exam("q\n").code, 0, "a new attempt, left open");
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(&bank, text.replace("  answer: true\n", "  answer: false\n")).expect("bank");
    let run = quiz(p, &["regrade"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz_in(
        p,
        &["review", "--week", "1", "--by", "lee"],
        "2\n검토함\ns\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["rubric", "sheet", "--week", "1", "--out", "sheet.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["rubric", "import", "sheet.csv", "--by", "kim"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The finished attempts' answers are exactly as they were; their scores moved.
    let now = raw_answers(&db);
    let kept: Vec<_> = now
        .iter()
        .filter(|a| answers.iter().any(|b| (b.0, b.1) == (a.0, a.1)))
        .cloned()
        .collect();
    assert_eq!(kept, answers);
    assert_eq!(points("w1d1-tf"), vec![Some(0.0), Some(0.0)]);
    let gb = Gradebook::open(&db).expect("db");
    let manual = gb
        .rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.question_id == "w1d1-essay" && r.status.as_deref() == Some("manual"))
        .count();
    assert_eq!(manual, 2, "review and rubric import scored both essays");
    drop(gb);

    // By raw SQL (on PostgreSQL the same statements, its upsert for SQLite's
    // INSERT OR REPLACE).
    let pg = quiz::gradebook::pg::is_url(&db.to_string_lossy());
    let (attempt, position) = (answers[0].0, answers[0].1);
    let refused = |sql: &str| {
        let e = common::execute_sql(&db, sql).expect_err(sql);
        assert!(
            e.contains("finished attempt: its answers never change"),
            "{sql}: {e}"
        );
    };
    refused(&format!(
        "INSERT INTO responses (attempt_id, position, question_id, response) VALUES ({attempt}, 99, 'w1d1-tf', 'x')"
    ));
    refused(&if pg {
        format!(
            "INSERT INTO responses (attempt_id, position, question_id, response) VALUES ({attempt}, {position}, 'w1d1-tf', 'x') \
             ON CONFLICT (attempt_id, position) DO UPDATE SET response = EXCLUDED.response"
        )
    } else {
        format!(
            "INSERT OR REPLACE INTO responses (attempt_id, position, question_id, response) VALUES ({attempt}, {position}, 'w1d1-tf', 'x')"
        )
    });
    refused(&format!(
        "UPDATE responses SET response = 'x' WHERE attempt_id = {attempt}"
    ));
    refused(&format!(
        "UPDATE responses SET answered_at = '2999-01-01T00:00:00Z' WHERE attempt_id = {attempt}"
    ));
    refused(&format!(
        "UPDATE responses SET question_id = 'w1d1-tf' WHERE attempt_id = {attempt}"
    ));
    refused(&format!(
        "UPDATE responses SET attempt_id = {attempt} + 100 WHERE attempt_id = {attempt}"
    ));
    refused(&format!(
        "DELETE FROM responses WHERE attempt_id = {attempt}"
    ));
    refused(&format!(
        "UPDATE attempts SET finished_at = NULL WHERE id = {attempt}"
    ));
    refused(&format!(
        "UPDATE attempts SET form = 'x', seed = '1' WHERE id = {attempt}"
    ));
    refused(&format!("DELETE FROM attempts WHERE id = {attempt}"));
    // The instructor's columns stay writable; so does an unfinished attempt.
    common::execute_sql(
        &db,
        &format!(
            "UPDATE responses SET points = 0.5, status = 'manual', comment = 'ok', graded_by = 'kim' WHERE attempt_id = {attempt}"
        ),
    )
    .expect("scores of a finished attempt can change");
    let open = common::execute_sql(
        &db,
        "INSERT INTO responses (attempt_id, position, question_id, response) \
         SELECT id, 98, 'w1d1-tf', 'x' FROM attempts WHERE finished_at IS NULL",
    )
    .expect("an unfinished attempt takes answers");
    assert_eq!(open, 1, "the held-open attempt");
    assert_eq!(raw_answers(&db).len(), now.len() + 1);
}

/// Attack on grading: the `adjacent` order rule gives a point for each pair of
/// the key standing next to each other in the answer. A hand-edited
/// submission listed the items several times (`a b c a c b a`), so every
/// ordered pair stood next to each other and the answer scored full marks
/// without knowing the order. An item listed twice is reported with its
/// place (exit 1) and the answer scores nothing.
#[test]
fn an_order_answer_listing_items_twice_scores_nothing() {
    let p = project();
    let p = p.path();
    release(p, "7");
    let mine = record(p, "s001-w1-r1");
    let tokens = &mine
        .form
        .items
        .iter()
        .find(|i| i.question == "w1d1-order")
        .expect("order question on a 7-question form")
        .tokens;
    let t = |id: &str| tokens.get(id).cloned().expect("token");
    let every_pair = ["a", "b", "c", "a", "c", "b", "a"].map(t).join(", ");
    let text = right_answers("s001-w1-r1", &mine, &mine, &at(0)).replace(
        &format!("[{}, {}, {}]", t("a"), t("b"), t("c")),
        &format!("[{every_pair}]"),
    );
    assert!(text.contains(&every_pair));
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    std::fs::write(p.join("subs/s.yaml"), &text).expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let line = text
        .lines()
        .position(|l| l == "- question: w1d1-order")
        .map(|i| i + 1)
        .expect("answered");
    assert_eq!(
        run.stderr,
        format!(
            "subs/s.yaml:{line}:1: `{}`이(가) `w1d1-order`의 순서에 두 번 있습니다; 답을 건너뜀\n",
            t("a")
        )
    );
    let gb = common::gradebook(p).expect("db");
    let order = gb
        .rows()
        .expect("rows")
        .into_iter()
        .find(|r| r.question_id == "w1d1-order")
        .expect("stored");
    assert_eq!(
        (order.response, order.points),
        (quiz::score::Response::Skipped, Some(0.0))
    );
}

/// Found while measuring item 4: the same CSV graded again after the bank
/// changed so that a cell reads as another answer (an option's text moved
/// to a new option) is a new row, and its attempt needed the form id of the
/// file's first grading: the run failed on the database's unique index
/// (exit 2). The new row is stored under a new form id.
#[test]
fn the_same_csv_graded_after_the_bank_changed_stores_the_new_reading() {
    let p = project();
    let p = p.path();
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("e1.csv"),
        "student_id,question_id,answer\ns001,w1d1-choice,Makefile\ns001,w1d1-tf,true\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "e1.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(
        &bank,
        text.replace(
            "  - {id: b, text: Makefile}\n",
            "  - {id: b, text: GNU Make}\n  - {id: e, text: Makefile}\n",
        ),
    )
    .expect("bank");
    let run = quiz(p, &["grade", "--responses", "e1.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gb = common::gradebook(p).expect("db");
    let attempts = gb.attempts("s001", "w1").expect("attempts");
    assert_eq!(attempts.len(), 2);
    let rows = gb.rows().expect("rows");
    let choices: Vec<&quiz::score::Response> = rows
        .iter()
        .filter(|r| r.question_id == "w1d1-choice")
        .map(|r| &r.response)
        .collect();
    assert_eq!(
        choices,
        vec![
            &quiz::score::Response::Choice("b".into()),
            &quiz::score::Response::Choice("e".into())
        ]
    );
    assert_eq!(
        rows.iter().filter(|r| r.question_id == "w1d1-tf").count(),
        1
    );
}

/// A released form prints its seed (it names the form for its submission),
/// but its display orders do not follow from that seed and the public
/// shuffle: an order question's key could be read back from them (attack of
/// 2026-12-01). The gradebook's record holds the orders shown.
#[test]
fn a_released_forms_orders_do_not_follow_from_its_printed_seed() {
    let p = project();
    let p = p.path();
    let (bank, _) = quiz::bank::Bank::load(&p.join("questions"), &p.join("rubrics")).expect("bank");
    let qs: Vec<&quiz::model::Question> = bank.questions().map(|(_, q)| q).collect();
    let from_seed = |seed: u64| {
        let req = quiz::assemble::Request {
            questions: &qs,
            review: &[],
            count: 7,
            seed,
        };
        quiz::assemble::assemble(&req, "x".into(), "w1", "s001", "v")
    };
    let orders = |f: &quiz::model::Form| -> Vec<(String, Vec<String>)> {
        let mut v: Vec<_> = f
            .items
            .iter()
            .map(|it| {
                let mut all = it.options.clone();
                all.extend(it.items.iter().cloned());
                all.extend(it.left.iter().cloned());
                all.extend(it.right.iter().cloned());
                (it.question.clone(), all)
            })
            .collect();
        v.sort();
        v
    };
    // Three releases: the same questions each time, in orders their seeds do
    // not give (one form's lists all alike by chance is about one in 14,000;
    // three in a row, never).
    let mut alike = 0;
    for r in 1..=3 {
        release(p, "7");
        let rec = record(p, &format!("s001-w1-r{r}"));
        let (shown, derived) = (orders(&rec.form), orders(&from_seed(rec.form.seed)));
        assert_eq!(
            shown.iter().map(|(q, _)| q).collect::<Vec<_>>(),
            derived.iter().map(|(q, _)| q).collect::<Vec<_>>()
        );
        alike += usize::from(shown == derived);
    }
    assert!(alike < 3, "the printed seed gives the orders away");
    let rec = record(p, "s001-w1-r1");
    // The form file shows the orders of the record (by token).
    let text = std::fs::read_to_string(p.join("forms/s001-w1-r1.form.yaml")).expect("form");
    let order = rec
        .form
        .items
        .iter()
        .find(|it| it.question == "w1d1-order")
        .expect("the order question");
    let positions: Vec<usize> = order
        .items
        .iter()
        .map(|id| {
            text.find(order.tokens[id].as_str())
                .expect("token on the form")
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

/// A submission with no answer at all is refused (`quiz take --form` writes
/// skips too): graded, a forged empty file stood for the student's real one,
/// which was then refused as a resubmission. The file `take --form` writes
/// is its owner's alone (attack of 2026-12-01).
#[test]
fn an_empty_submission_is_refused_and_a_taken_form_is_private() {
    let dir = project();
    let p = dir.path();
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    release(p, "7");
    let rec = record(p, "s001-w1-r1");
    let forged = format!(
        "form_id: s001-w1-r1\nunit: w1\nstudent: s001\nseed: {}\nstarted_at: \"{}\"\nsubmitted_at: \"{}\"\nanswers: []\n",
        rec.form.seed,
        at(0),
        at(0)
    );
    std::fs::create_dir_all(p.join("subs")).expect("mkdir");
    std::fs::write(p.join("subs/forged.yaml"), forged).expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("답이 하나도 없는 제출입니다"),
        "{}",
        run.stderr
    );
    // The real one is graded.
    let real = right_answers("s001-w1-r1", &rec, &rec, &at(0));
    std::fs::remove_file(p.join("subs/forged.yaml")).expect("rm");
    std::fs::write(p.join("subs/real.yaml"), real).expect("write");
    let run = quiz(p, &["grade", "subs"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // take --form: the submission file is 0600.
    let run = quiz_in(
        p,
        &[
            "take",
            "--form",
            "forms/s002-w1-r1.form.yaml",
            "--student",
            "s002",
            "--out",
            "mine",
        ],
        "?\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let written: Vec<_> = std::fs::read_dir(p.join("mine"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        assert!(!written.is_empty());
        for f in written {
            let mode = std::fs::metadata(&f).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "{}: {mode:o}", f.display());
        }
    }
}
