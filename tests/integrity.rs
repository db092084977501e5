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
    Gradebook::open(&p.join("gradebook.db"))
        .expect("db")
        .form_record(form_id)
        .expect("read")
        .expect("recorded")
}

/// A submitted answer file for `form_id`, with `answers` as YAML list items.
fn submission(form_id: &str, student: &str, seed: u64, answers: &[String]) -> String {
    let mut s = format!(
        "form_id: {form_id}\nunit: w1\nstudent: {student}\nseed: {seed}\nstarted_at: \"2026-11-02T01:00:00Z\"\nsubmitted_at: \"2026-11-02T01:20:00Z\"\nanswers:\n"
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
    let gb = Gradebook::open(&p.join("gradebook.db")).expect("db");
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
    let gb = Gradebook::open(&p.join("gradebook.db")).expect("db");
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
    let gb = Gradebook::open(&p.join("gradebook.db")).expect("db");
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
    let gb = Gradebook::open(&p.join("gradebook.db")).expect("db");
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
        list.stdout.contains("│ 1       ┆ s002 ┆ w1   ┆ 1    ┆ 1/7"),
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
        "응시 1 (s002 · w1)을(를) 닫았습니다: 답하지 않은 문제 6개는 0점으로 기록했습니다.\n"
    );
    assert_eq!(
        quiz(p, &["attempts", "list"]).stdout,
        "끝나지 않은 응시가 없습니다.\n"
    );
    let again = quiz(p, &["attempts", "close", "1"]);
    assert_eq!(again.code, 2);
    let gb = Gradebook::open(&p.join("gradebook.db")).expect("db");
    let rows = gb.rows().expect("rows");
    assert_eq!(rows.len(), 7);
    assert_eq!(rows.iter().filter_map(|r| r.points).sum::<f64>(), 1.0);
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
    let expected = "questions/week_01/broken.yaml:10:3: answer `z` of `w1d2-noopt` names no option; 문항을 제외했습니다\n\
questions/week_01/broken.yaml:17:3: answer of `w1d2-twice` must list every item exactly once; 문항을 제외했습니다\n\
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
        "quiz: gradebook typo/dir/x.db이(가) 없습니다: --db 경로를 확인하세요 (성적부는 기록하는 명령이 처음 만듭니다)\n"
    );
    for args in [
        &["--db", "typo/dir/x.db", "roster", "import", "roster.csv"][..],
        &["--db", "typo/dir/x.db", "take", "w1", "--student", "s001"],
    ] {
        let run = quiz(p, args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(
            run.stderr,
            "quiz: gradebook 폴더 typo/dir이(가) 없습니다: --db 경로를 확인하세요 (quiz는 폴더를 만들지 않습니다)\n",
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
