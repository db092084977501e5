//! The PostgreSQL gradebook on a real server these tests start themselves
//! (tests/common/pg.rs): connection problems, the versioned schema, and
//! `quiz gradebook copy` both ways checked by identical weekly reports.

mod common;

use common::pg::{PASSWORD, USER, server};
use common::{copy_dir, quiz, quiz_in, root};
use std::path::Path;

fn only_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected: {stderr}");
    lines[0]
}

#[test]
fn a_wrong_password_says_so_in_one_line_without_the_password() {
    let s = server();
    let url = format!(
        "postgres://{USER}:not-the-password@127.0.0.1:{}/postgres",
        s.port
    );
    let dir = tempfile::tempdir().expect("tmp");
    let run = quiz(dir.path(), &["roster", "list", "--db", &url]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        only_line(&run.stderr),
        format!(
            "quiz: 성적부 postgres://{USER}@127.0.0.1:{}/postgres: 비밀번호가 틀렸습니다 (사용자 {USER})",
            s.port
        )
    );
}

/// A mistyped or unsupported address is refused as such, its password
/// never shown, and no file of that name is made (trial of 2026-12-01:
/// `postgre://…` was taken as a folder and printed whole). The scheme is read
/// in any case.
#[test]
fn a_mistyped_address_is_refused_without_its_password() {
    let s = server();
    let dir = tempfile::tempdir().expect("tmp");
    for db in [
        format!("postgre://{USER}:topsecret@127.0.0.1:{}/postgres", s.port),
        format!("postgres//{USER}:topsecret@127.0.0.1:{}/postgres", s.port),
        format!(
            "host=127.0.0.1 port={} password=topsecret dbname=postgres",
            s.port
        ),
        format!(
            "host=127.0.0.1 port={} password='top secret' dbname=postgres",
            s.port
        ),
        format!("postgres:/{USER}:topsecret@127.0.0.1:{}/postgres", s.port),
    ] {
        let run = quiz(dir.path(), &["roster", "list", "--db", &db]);
        assert_eq!(run.code, 2, "{db}: {}", run.stderr);
        assert!(
            !run.stderr.contains("topsecret") && !run.stderr.contains("secret'"),
            "{}",
            run.stderr
        );
    }
    // A password in the URL's query is a password too, in every message.
    let query = format!("postgres://{USER}@127.0.0.1:1/x?password=topsecret");
    let run = quiz(dir.path(), &["roster", "list", "--db", &query]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stderr.contains("topsecret"), "{}", run.stderr);
    let typo = query.replacen("postgres", "postgre", 1);
    let run = quiz(
        dir.path(),
        &["gradebook", "copy", "--from", "g.db", "--to", &typo],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("postgres:// 로 시작합니다"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("topsecret"), "{}", run.stderr);
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "nothing made"
    );
    let url = s
        .fresh_db("scheme")
        .replacen("postgres://", "Postgres://", 1);
    assert!(url.starts_with("Postgres://"), "{url}");
    let run = quiz(dir.path(), &["roster", "list", "--db", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_missing_database_says_which() {
    let s = server();
    let url = s.url("no_such_class");
    let dir = tempfile::tempdir().expect("tmp");
    let run = quiz(dir.path(), &["roster", "list", "--db", &url]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let line = only_line(&run.stderr);
    assert!(
        line.ends_with(
            "데이터베이스 \"no_such_class\"이(가) 없습니다 (createdb no_such_class 로 만드세요)"
        ),
        "{line}"
    );
    assert!(!line.contains(PASSWORD), "{line}");
}

#[test]
fn a_server_that_is_down_is_refused_not_waited_for() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let url = format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{port}/class");
    let dir = tempfile::tempdir().expect("tmp");
    let run = quiz(dir.path(), &["roster", "list", "--db", &url]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        only_line(&run.stderr)
            .ends_with("서버에 연결할 수 없습니다: 연결 거부 (서버가 꺼져 있거나 포트가 다릅니다)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_server_that_never_answers_times_out() {
    // Accepts the TCP connection, then says nothing: the handshake would wait forever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let url = format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{port}/class?connect_timeout=1");
    let dir = tempfile::tempdir().expect("tmp");
    let started = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["roster", "list"])
        .current_dir(dir.path())
        .env("QUIZ_DB", &url)
        .output()
        .expect("run quiz");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    drop(listener);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        only_line(&stderr).ends_with("서버가 1초 안에 응답하지 않았습니다 (connect timeout)"),
        "{stderr}"
    );
}

fn versions(url: &str) -> Vec<i64> {
    let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    c.query("SELECT version FROM schema_version ORDER BY version", &[])
        .expect("schema_version")
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn the_schema_is_versioned_and_migrated_once_by_processes_starting_together() {
    let url = server().fresh_db("migrate");
    let dir = tempfile::tempdir().expect("tmp");
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
                .args(["roster", "list", "--db", &url])
                .current_dir(dir.path())
                .env_remove("QUIZ_DB")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
    }
    let v = versions(&url);
    assert!(!v.is_empty());
    assert_eq!(v, (1..=v.len() as i64).collect::<Vec<_>>());
}

#[test]
fn another_programs_database_is_left_alone() {
    let url = server().fresh_db("foreign");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute("CREATE TABLE invoices (id INT)")
        .expect("create");
    let dir = tempfile::tempdir().expect("tmp");
    let run = quiz(dir.path(), &["roster", "list", "--db", &url]);
    assert_eq!(run.code, 2);
    assert!(
        only_line(&run.stderr).contains("quiz 성적부가 아닌 데이터베이스입니다"),
        "{}",
        run.stderr
    );
    let still: Option<String> = c
        .query_one("SELECT to_regclass('schema_version')::text", &[])
        .expect("query")
        .get(0);
    assert_eq!(still, None);
}

/// A class with a roster, graded LMS answers (with quotes, tabs, newlines,
/// backslashes and Korean), a checklist and a quiz taken in the terminal.
fn class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name,email\ns001,김민수,kim@example.com\ns002,\"이\t영희\",\ns003,박지훈\\,\n",
    )
    .expect("roster");
    assert_eq!(quiz(p, &["roster", "import", "roster.csv"]).code, 0);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\n\
s001,w1d1-choice,Makefile\n\
s001,w1d1-short,\"=HYPERLINK(\"\"x\"\")\"\n\
s001,w1d1-tf,true\n\
s001,w1d1-essay,\"첫 줄\n둘째 줄\\끝\"\n\
s002,w1d1-choice,Dockerfile\n\
s002,w1d1-order,a|b|c\n\
s002,w1d1-match,a:q|b:p\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz_in(
        p,
        &[
            "take",
            "w1",
            "--student",
            "s003",
            "--count",
            "3",
            "--seed",
            "7",
        ],
        "1\n?\nq\n",
    );
    assert!(run.code == 0, "{}\n{}", run.stdout, run.stderr);
    dir
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read_dir") {
        let e = e.expect("entry");
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_dir() {
            for (n, b) in files(&e.path()) {
                out.push((format!("{name}/{n}"), b));
            }
        } else {
            out.push((name, std::fs::read(e.path()).expect("read")));
        }
    }
    out.sort();
    out
}

fn report(p: &Path, db: &str, out: &str) -> Vec<(String, Vec<u8>)> {
    let run = quiz(p, &["report", "--week", "1", "--db", db, "--out", out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = quiz(p, &["attempts", "list", "--db", db]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(p.join(out).join("attempts.txt"), run.stdout).expect("write");
    files(&p.join(out))
}

#[test]
fn copy_to_postgres_and_back_gives_the_same_reports_byte_for_byte() {
    let dir = class();
    let p = dir.path();
    // A quiz opened in the browser with an attempt on it (trial of
    // 2026-12-01: web_attempts was copied before web_quizzes, which it
    // references, and the copy failed both ways).
    {
        let mut gb = quiz::gradebook::Gradebook::open(&p.join("gradebook.db")).expect("gb");
        let q = gb
            .open_quiz("w1", quiz::model::Mode::Practice, 3, None, &[], None)
            .expect("open");
        let a = gb.student_attempt_ids("s003").expect("ids")[0];
        gb.link_attempt(a, q, None).expect("link");
    }
    let url = server().fresh_db("copy");
    let before = report(p, "gradebook.db", "before");
    assert!(
        before.len() >= 2,
        "{:?}",
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );

    let run = quiz(
        p,
        &["gradebook", "copy", "--from", "gradebook.db", "--to", &url],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("복사했습니다 (students 3, attempts "),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains(PASSWORD), "{}", run.stdout);

    // Read from PostgreSQL itself: the same files.
    let on_pg = report(p, &url, "on_pg");
    assert_eq!(before.len(), on_pg.len());
    for ((n1, b1), (n2, b2)) in before.iter().zip(&on_pg) {
        assert_eq!(n1, n2);
        assert!(b1 == b2, "{n1} differs when read from PostgreSQL");
    }

    let run = quiz(p, &["gradebook", "copy", "--from", &url, "--to", "back.db"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("web_attempts 1"), "{}", run.stdout);
    let after = report(p, "back.db", "after");
    assert_eq!(before.len(), after.len());
    for ((n1, b1), (n2, b2)) in before.iter().zip(&after) {
        assert_eq!(n1, n2);
        assert!(b1 == b2, "{n1} differs after the round trip");
    }

    // A new attempt in PostgreSQL gets an id past the copied ones.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let max: i64 = c
        .query_one("SELECT MAX(id) FROM attempts", &[])
        .expect("max")
        .get(0);
    let next: i64 = c
        .query_one(
            "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, started_at)
             VALUES ('s009', 'w1', 1, 'practice', '1', 'v', '{}', 'now') RETURNING id",
            &[],
        )
        .expect("insert")
        .get(0);
    assert_eq!(next, max + 1);
}

#[test]
fn copy_refuses_a_destination_that_is_not_empty_and_changes_nothing() {
    let dir = class();
    let p = dir.path();
    let url = server().fresh_db("full");
    assert_eq!(
        quiz(
            p,
            &["gradebook", "copy", "--from", "gradebook.db", "--to", &url]
        )
        .code,
        0
    );
    let run = quiz(
        p,
        &["gradebook", "copy", "--from", "gradebook.db", "--to", &url],
    );
    assert_eq!(run.code, 2);
    assert!(
        only_line(&run.stderr).ends_with(
            "대상 성적부가 비어 있지 않습니다 (students에 3행): 아무것도 복사하지 않았습니다"
        ),
        "{}",
        run.stderr
    );
    let run = quiz(
        p,
        &["gradebook", "copy", "--from", &url, "--to", "gradebook.db"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("대상 성적부가 비어 있지 않습니다"),
        "{}",
        run.stderr
    );
    let run = quiz(
        p,
        &[
            "gradebook",
            "copy",
            "--from",
            "gradebook.db",
            "--to",
            "other.db",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("하나는 postgres:// URL이어야 합니다"),
        "{}",
        run.stderr
    );
    // An empty database is no source, and stays empty (trial of
    // 2026-12-01: the copy made 15 tables in it and said 복사했습니다).
    let empty = server().fresh_db("empty");
    let run = quiz(
        p,
        &["gradebook", "copy", "--from", &empty, "--to", "new.db"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("원본에 quiz 성적부가 없습니다"),
        "{}",
        run.stderr
    );
    let mut c = postgres::Client::connect(&empty, postgres::NoTls).expect("connect");
    let tables: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(tables, 0);
}

/// Every read of the PostgreSQL gradebook, as `Debug` text.
fn reads_pg(b: &quiz::gradebook::pg::PgBook, questions: &[&str]) -> Vec<String> {
    let mut out = vec![
        format!("{:?}", b.students().expect("students")),
        format!("{:?}", b.rows().expect("rows")),
        format!("{:?}", b.score_rows().expect("score_rows")),
        format!("{:?}", b.ungraded_rows().expect("ungraded")),
        format!("{:?}", b.checklist(1).expect("checklist")),
        format!("{:?}", b.student_count().expect("count")),
        format!("{:?}", b.roster_status("s002").expect("status")),
        format!(
            "{:?}",
            b.due_reviews(
                "s003",
                chrono::NaiveDate::from_ymd_opt(2100, 1, 1).expect("date")
            )
            .expect("due")
        ),
    ];
    let mut scores = Vec::new();
    b.for_each_score(|a, s, q, p, st, f| scores.push(format!("{a} {s} {q} {p:?} {st} {f}")))
        .expect("scores");
    scores.sort();
    out.push(scores.join("\n"));
    b.for_each_student_rows(questions, |s, rows| {
        out.push(format!("{s}: {rows:?}"));
        Ok(())
    })
    .expect("student rows");
    out
}

/// The same reads of the SQLite gradebook.
fn reads_sqlite(b: &quiz::gradebook::Gradebook, questions: &[&str]) -> Vec<String> {
    let mut out = vec![
        format!("{:?}", b.students().expect("students")),
        format!("{:?}", b.rows().expect("rows")),
        format!("{:?}", b.score_rows().expect("score_rows")),
        format!("{:?}", b.ungraded_rows().expect("ungraded")),
        format!("{:?}", b.checklist(1).expect("checklist")),
        format!("{:?}", b.student_count().expect("count")),
        format!("{:?}", b.roster_status("s002").expect("status")),
        format!(
            "{:?}",
            b.due_reviews(
                "s003",
                chrono::NaiveDate::from_ymd_opt(2100, 1, 1).expect("date")
            )
            .expect("due")
        ),
    ];
    let mut scores = Vec::new();
    b.for_each_score(|a, s, q, p, st, f| scores.push(format!("{a} {s} {q} {p:?} {st} {f}")))
        .expect("scores");
    scores.sort();
    out.push(scores.join("\n"));
    b.for_each_student_rows(questions, |s, rows| {
        out.push(format!("{s}: {rows:?}"));
        Ok(())
    })
    .expect("student rows");
    out
}

#[test]
fn postgres_reads_and_writes_like_sqlite() {
    use quiz::gradebook::{ChecklistScore, Gradebook, Student, pg::PgBook};
    let dir = class();
    let p = dir.path();
    let url = server().fresh_db_korean("same");
    let run = quiz(
        p,
        &["gradebook", "copy", "--from", "gradebook.db", "--to", &url],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lite = Gradebook::open(&p.join("gradebook.db")).expect("sqlite");
    let mut pg = PgBook::open(&url).expect("pg");
    let questions = [
        "w1d1-choice",
        "w1d1-short",
        "w1d1-tf",
        "w1d1-essay",
        "w1d1-order",
    ];
    let before = reads_sqlite(&lite, &questions);
    assert!(before[1].contains("HYPERLINK"), "{}", before[1]);
    assert_eq!(before, reads_pg(&pg, &questions));

    // The same writes on both.
    let students = [
        Student {
            id: "s002".into(),
            name: "이영희".into(),
            email: Some("lee@example.com".into()),
        },
        Student {
            id: "s010".into(),
            name: "Zed".into(),
            email: None,
        },
        // Byte order puts these first; a Korean or English collation would not.
        Student {
            id: "S004".into(),
            name: "대문자".into(),
            email: None,
        },
        Student {
            id: "_x".into(),
            name: "밑줄".into(),
            email: None,
        },
    ];
    assert_eq!(lite.upsert_students(&students).expect("upsert"), (3, 1));
    assert_eq!(pg.upsert_students(&students).expect("upsert"), (3, 1));
    let order: Vec<String> = pg
        .students()
        .expect("students")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(order, ["S004", "_x", "s001", "s002", "s003", "s010"]);
    // ... while this database's own collation sorts otherwise.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let theirs: Vec<String> = c
        .query_one(
            "SELECT ARRAY(SELECT x FROM unnest(ARRAY['s001', 'S004', '_x']) x ORDER BY x)",
            &[],
        )
        .expect("sort")
        .get(0);
    assert_ne!(theirs, ["S004", "_x", "s001"]);
    let scores = [ChecklistScore {
        student: "s001".into(),
        week: 1,
        item: "c1".into(),
        level: "우수".into(),
        points: 2.5,
        by: "kim".into(),
        at: "2026-01-01T00:00:00Z".into(),
    }];
    for _ in 0..2 {
        lite.set_checklist(&scores).expect("checklist");
        pg.set_checklist(&scores).expect("checklist");
    }
    let rows = lite.rows().expect("rows");
    let first = &rows[0];
    lite.set_manual(
        first.attempt_id,
        first.position,
        0.25,
        Some("메모\t탭"),
        "kim",
    )
    .expect("manual");
    pg.set_manual(
        first.attempt_id,
        first.position,
        0.25,
        Some("메모\t탭"),
        "kim",
    )
    .expect("manual");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    for (q, right) in [("w1d1-tf", false), ("w1d1-tf", true), ("w1d1-short", false)] {
        lite.review_update("s003", q, right, today).expect("review");
        pg.review_update("s003", q, right, today).expect("review");
    }
    let after_lite = reads_sqlite(&lite, &questions);
    let after_pg = reads_pg(&pg, &questions);
    assert_ne!(before, after_lite);
    assert!(
        after_lite.iter().any(|r| r.contains("메모\\t탭")),
        "{after_lite:?}"
    );
    assert_eq!(after_lite, after_pg);
}

fn form(id: &str, student: &str) -> quiz::model::Form {
    quiz::model::Form {
        form_id: id.into(),
        unit: "w5".into(),
        student: student.into(),
        seed: 9,
        bank_version: "v".into(),
        items: vec![quiz::model::FormItem {
            question: "q1".into(),
            options: vec!["b".into(), "a".into()],
            items: vec![],
            left: vec![],
            right: vec![],
            review: false,
            tokens: std::collections::BTreeMap::from([("a".into(), "0f0f0f".into())]),
        }],
    }
}

#[test]
fn many_connections_starting_one_attempt_get_the_same_one() {
    use quiz::gradebook::pg::PgBook;
    let url = server().fresh_db("start");
    PgBook::open(&url).expect("migrate");
    let ids: Vec<i64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                s.spawn(|| {
                    let mut b = PgBook::open(&url).expect("open");
                    b.start_attempt("s1", "w5", quiz::model::Mode::Exam, |n| {
                        form(&format!("s1-w5-{n}"), "s1")
                    })
                    .expect("start")
                    .id
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("join"))
            .collect()
    });
    assert!(ids.iter().all(|i| *i == ids[0]), "{ids:?}");
    let b = PgBook::open(&url).expect("open");
    assert_eq!(b.attempts("s1", "w5").expect("attempts").len(), 1);
}

#[test]
fn a_lease_keeps_other_sessions_out_and_a_finished_attempt_never_changes() {
    use quiz::Error;
    use quiz::gradebook::pg::PgBook;
    use quiz::score::{Response, Status};
    let url = server().fresh_db("lease");
    let mut a = PgBook::open(&url).expect("open");
    let mut b = PgBook::open(&url).expect("open");
    let at = a
        .start_attempt("s1", "w5", quiz::model::Mode::Exam, |n| {
            form(&format!("s1-w5-{n}"), "s1")
        })
        .expect("start");
    let now = chrono::Utc::now();
    a.claim_attempt(at.id, "A", now).expect("claim");
    assert!(matches!(
        b.claim_attempt(at.id, "B", now),
        Err(Error::AttemptHeld { .. })
    ));
    let answer = Response::Choice("a".into());
    assert!(matches!(
        b.record(at.id, "B", 0, "q1", &answer, 1.0, 1.0, Status::Auto),
        Err(Error::AttemptHeld { .. })
    ));
    a.record(at.id, "A", 0, "q1", &answer, 1.0, 1.0, Status::Auto)
        .expect("record");
    a.record(at.id, "A", 0, "q1", &answer, 1.0, 1.0, Status::Auto)
        .expect("record again: one row");
    assert_eq!(a.responses(at.id).expect("responses").len(), 1);
    // An expired lease is free again.
    b.set_lease_ttl(std::time::Duration::from_millis(1));
    std::thread::sleep(std::time::Duration::from_millis(20));
    b.claim_attempt(at.id, "B", chrono::Utc::now())
        .expect("take over");
    assert!(matches!(
        a.record(at.id, "A", 1, "q1", &answer, 1.0, 1.0, Status::Auto),
        Err(Error::AttemptHeld { .. })
    ));
    b.finish(at.id, "B").expect("finish");
    assert!(matches!(
        b.record(at.id, "B", 1, "q1", &answer, 1.0, 1.0, Status::Auto),
        Err(Error::AttemptFinished { .. })
    ));
    assert!(a.unfinished("s1", "w5").expect("unfinished").is_none());
    // The next start is a new attempt, number 2.
    let next = a
        .start_attempt("s1", "w5", quiz::model::Mode::Exam, |n| {
            form(&format!("s1-w5-{n}"), "s1")
        })
        .expect("start");
    assert_eq!(next.attempt_no, 2);
    // The database itself refuses a second unfinished take attempt.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let dup = c.execute(
        "INSERT INTO attempts (student_id, unit, attempt_no, mode, seed, bank_version, form, started_at)
         VALUES ('s1', 'w5', 3, 'exam', '1', 'v', '{}', 'now')",
        &[],
    );
    assert!(dup.is_err());
}

#[test]
fn releases_count_up_under_concurrent_releases() {
    use quiz::gradebook::pg::PgBook;
    let url = server().fresh_db("release");
    PgBook::open(&url).expect("migrate");
    let mut got: Vec<u32> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let url = &url;
                s.spawn(move || {
                    let mut b = PgBook::open(url).expect("open");
                    b.release_forms("w5", |n| Ok(vec![form(&format!("s{i}-w5-r{n}"), "s1")]))
                        .expect("release")
                        .0
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("join"))
            .collect()
    });
    got.sort();
    assert_eq!(got, vec![1, 2, 3, 4]);
    let b = PgBook::open(&url).expect("open");
    let rec = b.form_record("s0-w5-r1").expect("record");
    let rec = rec.or(b.form_record("s1-w5-r1").expect("record"));
    let rec = rec
        .or(b.form_record("s2-w5-r1").expect("record"))
        .or(b.form_record("s3-w5-r1").expect("record"))
        .expect("release 1 stored");
    assert_eq!(rec.release_no, Some(1));
    assert_eq!(rec.origin, "release");
}

#[test]
fn unfinished_attempts_are_listed_and_closed_once() {
    use quiz::Error;
    use quiz::gradebook::pg::PgBook;
    use quiz::score::{Response, Status};
    let url = server().fresh_db("close");
    let mut b = PgBook::open(&url).expect("open");
    let at = b
        .start_attempt("s7", "w5", quiz::model::Mode::Practice, |n| {
            form(&format!("s7-w5-{n}"), "s7")
        })
        .expect("start");
    b.record(
        at.id,
        "H",
        0,
        "q1",
        &Response::Choice("b".into()),
        0.0,
        1.0,
        Status::Auto,
    )
    .expect("record");
    let open = b.open_attempts(Some("s7"), None).expect("list");
    assert_eq!(open.len(), 1);
    assert_eq!(
        (open[0].id, open[0].answered, open[0].questions),
        (at.id, 1, 1)
    );
    assert!(open[0].held_since.is_some());
    assert!(b.open_attempts(Some("s8"), None).expect("list").is_empty());
    let (f, answered) = b.open_attempt_form(at.id).expect("form").expect("open");
    assert_eq!((f.form_id.as_str(), answered), ("s7-w5-1", vec![0]));
    let fills = vec![(
        0,
        "q1".to_string(),
        "skipped".to_string(),
        0.0,
        1.0,
        Status::Auto,
    )];
    b.close_attempt(at.id, &fills).expect("close");
    assert!(b.open_attempts(None, None).expect("list").is_empty());
    assert!(b.open_attempt_form(at.id).expect("form").is_none());
    // The stored answer was kept, not replaced by the fill.
    let kept = b.responses(at.id).expect("responses");
    assert_eq!(format!("{:?}", kept[0].response), "Choice(\"b\")");
    assert!(matches!(
        b.close_attempt(at.id, &fills),
        Err(Error::AttemptFinished { .. })
    ));
}

/// Masks every RFC 3339 time (`2026-…Z`) in `s`: the two backends ran a moment apart.
fn untimed(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\"20") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match tail.find('"') {
            Some(j) if tail[..j].ends_with('Z') && tail[..j].contains('T') => {
                out.push_str("\"T\"");
                rest = &tail[j + 1..];
            }
            _ => {
                out.push('"');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_web_tables_behave_alike_on_both_backends() {
    use quiz::gradebook::{Gradebook, WebSession, pg::PgBook};
    use quiz::score::{Response, Status};
    let dir = tempfile::tempdir().expect("tmp");
    let url = server().fresh_db("web");
    let mut lite = Gradebook::open(&dir.path().join("g.db")).expect("sqlite");
    let mut pg = PgBook::open(&url).expect("pg");
    let mut seen: Vec<Vec<String>> = Vec::new();
    macro_rules! scenario {
        ($b:expr) => {{
            let b = $b;
            let mut log = Vec::new();
            b.set_login_codes(&[("s1".into(), "h1".into()), ("s2".into(), "h2".into())])
                .expect("codes");
            b.set_login_codes(&[("s1".into(), "h1b".into())])
                .expect("codes");
            log.push(format!("{:?}", b.students_with_codes().expect("with")));
            log.push(format!("{:?}", b.login_code_hash("s1").expect("hash")));
            log.push(format!("{:?}", b.login_code_hash("s9").expect("hash")));
            b.add_instructor_code("t1", false).expect("code");
            b.add_instructor_code("once", true).expect("code");
            let mut codes = b.instructor_codes().expect("codes");
            codes.sort();
            log.push(format!("{codes:?}"));
            log.push(format!("{}", b.use_one_time_code("once").expect("use")));
            log.push(format!("{}", b.use_one_time_code("once").expect("use")));
            log.push(format!("{}", b.use_one_time_code("t1").expect("use")));
            let s = WebSession {
                student: Some("s1".into()),
                csrf: "c".into(),
                holder: "h".into(),
                expires_at: "2099-01-01T00:00:00Z".into(),
            };
            b.create_session("tok", &s).expect("session");
            log.push(format!("{:?}", b.session("tok").expect("session")));
            b.delete_session("tok").expect("delete");
            log.push(format!("{:?}", b.session("tok").expect("session")));
            let q = b
                .open_quiz(
                    "w5",
                    quiz::model::Mode::Exam,
                    3,
                    Some(10),
                    &["s1".to_string(), "s2".to_string()],
                    Some("2099-01-01T00:00:00Z"),
                )
                .expect("open");
            let q2 = b
                .open_quiz("w6", quiz::model::Mode::Practice, 5, None, &[], None)
                .expect("open");
            b.close_quiz(q2).expect("close");
            log.push(untimed(&format!("{:?}", b.quizzes().expect("quizzes"))));
            let a = b
                .start_attempt("s1", "w5", quiz::model::Mode::Exam, |n| {
                    form(&format!("s1-w5-{n}"), "s1")
                })
                .expect("start");
            b.link_attempt(a.id, q, Some("2000-01-01T00:00:00Z"))
                .expect("link");
            b.link_attempt(a.id, q2, None)
                .expect("link again: the first stays");
            b.record(
                a.id,
                "H",
                0,
                "q1",
                &Response::Choice("a".into()),
                1.0,
                1.0,
                Status::Auto,
            )
            .expect("record");
            log.push(format!("{:?}", b.attempt_info(a.id).expect("info")));
            log.push(format!(
                "{:?}",
                b.attempt_by_id(a.id).expect("by id").map(|a| a.id)
            ));
            log.push(format!("{:?}", b.student_attempt_ids("s1").expect("ids")));
            log.push(format!(
                "{:?}",
                b.overdue_attempts("2026-01-01T00:00:00Z").expect("overdue")
            ));
            log.push(format!("{:?}", b.quiz_progress(q).expect("progress")));
            log.push(format!("{:?}", b.quiz_facility(q).expect("facility")));
            log
        }};
    }
    seen.push(scenario!(&mut lite));
    seen.push(scenario!(&mut pg));
    assert!(
        seen[0].iter().any(|l| l.contains("Some(\"h1b\")")),
        "{:?}",
        seen[0]
    );
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn graders_running_at_once_store_each_csv_row_once() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    let p = dir.path();
    let url = server().fresh_db("graders");
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\n",
    )
    .expect("roster");
    let run = quiz(p, &["roster", "import", "roster.csv", "--db", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\n\
s001,w1d1-choice,Makefile\n\
s001,w1d1-tf,true\n\
s002,w1d1-choice,Dockerfile\n\
s002,w1d1-order,a|b|c\n",
    )
    .expect("csv");
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
                .args(["grade", "--responses", "lms.csv", "--db", &url])
                .current_dir(p)
                .env_remove("QUIZ_DB")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    let n: i64 = c
        .query_one("SELECT count(*) FROM responses", &[])
        .expect("count")
        .get(0);
    assert_eq!(n, 4, "each CSV row stored once");
    let a: i64 = c
        .query_one("SELECT count(*) FROM attempts", &[])
        .expect("count")
        .get(0);
    assert_eq!(a, 2);
    // A finished attempt never changes, whoever writes (the database's triggers).
    let changed = c.execute("UPDATE responses SET response = 'x'", &[]);
    assert!(
        changed
            .err()
            .is_some_and(|e| format!("{e:?}").contains("finished attempt")),
    );
    let removed = c.execute("DELETE FROM attempts", &[]);
    assert!(removed.is_err());
    // Scores stay writable (regrade, review).
    assert_eq!(
        c.execute("UPDATE responses SET points = 0", &[])
            .expect("rescore"),
        4
    );
}

// ---------------------------------------------------------------------------
// Two `quiz serve` processes on one PostgreSQL database, behind a pretend load
// balancer: each student's requests go to either server.

mod two_servers {
    use super::server;
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    use std::io::BufRead;

    type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

    /// A `quiz serve` process (killed when dropped).
    pub struct Serve {
        pub child: std::process::Child,
        pub base: String,
        /// Its standard output, kept open (a closed pipe would end it).
        pub _out: std::io::BufReader<std::process::ChildStdout>,
    }

    impl Drop for Serve {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    /// Starts `quiz serve` on a free port of 127.0.0.1 on the gradebook `url`.
    pub fn serve(dir: &std::path::Path, url: &str) -> Serve {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db", url])
            .args(["--today", "2026-11-02"])
            .current_dir(dir)
            .env_remove("QUIZ_DB")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .spawn()
            .expect("spawn quiz serve");
        let out = child.stdout.take().expect("stdout");
        let mut line = String::new();
        let mut out = std::io::BufReader::new(out);
        out.read_line(&mut line).expect("first line");
        // "quiz serve: http://127.0.0.1:PORT/  (gradebook …)"
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .map(|w| w.trim_end_matches('/').to_string())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Serve {
            child,
            base,
            _out: out,
        }
    }

    /// A browser: one cookie jar for both servers (one host behind the balancer).
    pub struct Browser {
        pub http: Http,
        pub cookies: Vec<(String, String)>,
    }

    pub struct Resp {
        pub status: u16,
        pub location: String,
        pub body: String,
    }

    impl Browser {
        pub fn new(http: &Http) -> Browser {
            Browser {
                http: http.clone(),
                cookies: Vec::new(),
            }
        }

        pub async fn send(
            &mut self,
            base: &str,
            method: &str,
            path: &str,
            body: Option<String>,
        ) -> Resp {
            let mut b = hyper::Request::builder()
                .method(method)
                .uri(format!("{base}{path}"))
                .header(
                    "x-quiz-fetch",
                    if path.ends_with("/answer") { "1" } else { "" },
                );
            if !self.cookies.is_empty() {
                let v = self
                    .cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                b = b.header("cookie", v);
            }
            let body = match body {
                Some(s) => {
                    b = b.header("content-type", "application/x-www-form-urlencoded");
                    Full::new(Bytes::from(s))
                }
                None => Full::new(Bytes::new()),
            };
            let res = self
                .http
                .request(b.body(body).expect("request"))
                .await
                .expect("response");
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            for v in res.headers().get_all("set-cookie") {
                let v = v.to_str().unwrap_or("");
                if let Some((kv, _)) = v.split_once(';')
                    && let Some((k, val)) = kv.split_once('=')
                {
                    self.cookies.retain(|(n, _)| n != k);
                    if !val.is_empty() {
                        self.cookies.push((k.to_string(), val.to_string()));
                    }
                }
            }
            let bytes = res.into_body().collect().await.expect("body").to_bytes();
            Resp {
                status,
                location,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            }
        }

        /// Logs in on `base`; returns the CSRF token of the session, read from
        /// the home page of `home` (the other server).
        pub async fn login(&mut self, base: &str, home: &str, student: &str, code: &str) -> String {
            let page = self.send(base, "GET", "/login", None).await;
            let pre = attr(&page.body, "name=\"pre\" value=\"");
            let r = self
                .send(
                    base,
                    "POST",
                    "/login",
                    Some(format!("student={student}&code={code}&pre={pre}")),
                )
                .await;
            assert_eq!(r.status, 303, "login of {student} on {base}: {}", r.body);
            let page = self.send(home, "GET", "/", None).await;
            assert_eq!(
                page.status, 200,
                "home of {student} on {home}: {}",
                page.body
            );
            let csrf = attr(&page.body, "name=\"csrf\" value=\"");
            assert!(!csrf.is_empty(), "{}", page.body);
            csrf
        }
    }

    pub fn attr(body: &str, prefix: &str) -> String {
        body.split(prefix)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("")
            .to_string()
    }

    /// A valid answer for each question form on the exam page: (pos, fields).
    pub fn answers(page: &str) -> Vec<(String, String)> {
        page.split("class=\"card answer\"")
            .skip(1)
            .map(|part| {
                let pos = attr(part, "name=\"pos\" value=\"");
                let kind = attr(part, "data-kind=\"");
                let fields = match kind.as_str() {
                    "choice" | "multi" | "truefalse" => "a=1".to_string(),
                    "order" => {
                        let n = part.split("<ol class=\"items\">").nth(1).map_or(0, |s| {
                            s.split("</ol>").next().unwrap_or("").matches("<li").count()
                        });
                        format!(
                            "a={}",
                            (1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join("+")
                        )
                    }
                    "match" => {
                        let n = part.matches("<select name=\"a\"").count();
                        (1..=n)
                            .map(|i| format!("a={i}-{}", char::from(b'A' + ((i - 1) % 26) as u8)))
                            .collect::<Vec<_>>()
                            .join("&")
                    }
                    _ => format!("a=%EB%8B%B5%EC%95%88+{pos}"),
                };
                (pos, fields)
            })
            .collect()
    }

    pub fn http() -> Http {
        Client::builder(TokioExecutor::new()).build_http()
    }

    /// One student: logs in on one server, starts the exam on both at once,
    /// saves each answer on the server its position picks, and submits on
    /// the other. A second login of the same student (another session) on
    /// the other server is kept out of the attempt while the first holds
    /// it. Returns (attempt id, answers saved).
    pub async fn student(bases: [String; 2], http: Http, i: usize, quiz: i64) -> (i64, usize) {
        let (a, b) = (&bases[i % 2], &bases[(i + 1) % 2]);
        let id = format!("p{i:02}");
        let code = format!("C{i:02}");
        let mut me = Browser::new(&http);
        let csrf = me.login(a, b, &id, &code).await;
        // The same student opens the exam on both servers at once.
        let start = format!("csrf={csrf}&quiz={quiz}");
        let mut twin = Browser {
            http: http.clone(),
            cookies: me.cookies.clone(),
        };
        let (r1, r2) = tokio::join!(
            me.send(a, "POST", "/start", Some(start.clone())),
            twin.send(b, "POST", "/start", Some(start))
        );
        assert_eq!(
            (r1.status, r2.status),
            (303, 303),
            "{} {}",
            r1.body,
            r2.body
        );
        assert_eq!(r1.location, r2.location, "one attempt for {id}");
        let at = r1.location.clone();
        let attempt: i64 = at.trim_start_matches("/a/").parse().expect("attempt id");
        let exam = me.send(b, "GET", &at, None).await;
        assert_eq!(exam.status, 200, "{}", exam.body);
        let answers = answers(&exam.body);
        assert!(!answers.is_empty(), "{}", exam.body);
        // Another session of the same student (another device) on the other
        // server: the attempt is held.
        let mut other = Browser::new(&http);
        let other_csrf = other.login(b, a, &id, &code).await;
        let (pos, fields) = &answers[0];
        let r = other
            .send(
                b,
                "POST",
                &format!("{at}/answer"),
                Some(format!("csrf={other_csrf}&pos={pos}&{fields}")),
            )
            .await;
        assert_eq!(r.status, 409, "lease across servers: {}", r.body);
        for (k, (pos, fields)) in answers.iter().enumerate() {
            let base = if k % 2 == 0 { a } else { b };
            let r = me
                .send(
                    base,
                    "POST",
                    &format!("{at}/answer"),
                    Some(format!("csrf={csrf}&pos={pos}&{fields}")),
                )
                .await;
            assert_eq!(r.status, 200, "save {pos} of {id} on {base}: {}", r.body);
        }
        let r = me
            .send(
                b,
                "POST",
                &format!("{at}/submit"),
                Some(format!("csrf={csrf}")),
            )
            .await;
        assert_eq!(r.status, 303, "submit of {id}: {}", r.body);
        (attempt, answers.len())
    }

    pub fn setup(n: usize) -> (tempfile::TempDir, String, i64) {
        use quiz::gradebook::{Gradebook, Student};
        let dir = tempfile::tempdir().expect("tmp");
        super::copy_dir(&super::root().join("tests/fixtures/web"), dir.path());
        let url = server().fresh_db("serve2");
        let mut gb = Gradebook::open(std::path::Path::new(&url)).expect("gradebook");
        let students: Vec<Student> = (0..n)
            .map(|i| Student {
                id: format!("p{i:02}"),
                name: format!("학생 {i}"),
                email: None,
            })
            .collect();
        gb.upsert_students(&students).expect("roster");
        let codes: Vec<(String, String)> = (0..n)
            .map(|i| {
                (
                    format!("p{i:02}"),
                    quiz::web::hash_code(&format!("C{i:02}")),
                )
            })
            .collect();
        gb.set_login_codes(&codes).expect("codes");
        let quiz = gb
            .open_quiz("w1d1", quiz::model::Mode::Exam, 7, Some(60), &[], None)
            .expect("quiz");
        (dir, url, quiz)
    }
}

#[test]
fn two_servers_on_one_database_store_every_answer_once() {
    use two_servers::*;
    let n = 16;
    let (dir, url, quiz) = setup(n);
    let one = serve(dir.path(), &url);
    let two = serve(dir.path(), &url);
    let bases = [one.base.clone(), two.base.clone()];
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let results: Vec<(i64, usize)> = rt.block_on(async {
        let http = http();
        let tasks: Vec<_> = (0..n)
            .map(|i| tokio::spawn(student(bases.clone(), http.clone(), i, quiz)))
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            out.push(t.await.expect("student"));
        }
        out
    });
    drop((one, two));
    // Read from PostgreSQL directly: one attempt per student, finished, with
    // every saved answer stored once.
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    for (i, (attempt, saved)) in results.iter().enumerate() {
        let student = format!("p{i:02}");
        let attempts: i64 = c
            .query_one(
                "SELECT count(*) FROM attempts WHERE student_id = $1",
                &[&student],
            )
            .expect("count")
            .get(0);
        assert_eq!(attempts, 1, "{student}");
        let row = c
            .query_one(
                "SELECT student_id, finished_at IS NOT NULL FROM attempts WHERE id = $1",
                &[attempt],
            )
            .expect("attempt");
        assert_eq!(row.get::<_, String>(0), student);
        assert!(row.get::<_, bool>(1), "{student}: submitted");
        let rows = c
            .query(
                "SELECT position, response FROM responses WHERE attempt_id = $1 ORDER BY position",
                &[attempt],
            )
            .expect("responses");
        assert_eq!(rows.len(), *saved, "{student}: every answer, once");
        let positions: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        assert_eq!(positions, (0..*saved as i64).collect::<Vec<_>>());
        assert!(
            rows.iter().all(|r| r.get::<_, String>(1) != "null"),
            "{student}: none stored as unanswered"
        );
    }
}

/// Starts `n` copies of `quiz args` at the same moment (all spawned before any
/// is waited for), `stdin` piped to each; returns (exit code, stderr) of each.
fn at_once(p: &Path, url: &str, n: usize, args: &[&str], stdin: &str) -> Vec<(i32, String)> {
    use std::io::Write;
    let children: Vec<_> = (0..n)
        .map(|_| {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
                .args(args)
                .args(["--db", url])
                .current_dir(p)
                .env_remove("QUIZ_DB")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn");
            if let Some(mut s) = c.stdin.take() {
                let _ = s.write_all(stdin.as_bytes());
            }
            c
        })
        .collect();
    children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().expect("wait");
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(!err.contains("panicked"), "{args:?}: {err}");
            (out.status.code().unwrap_or(-1), err)
        })
        .collect()
}

/// Terminals started together on one attempt: one took it, every other was
/// told it is held elsewhere (exit 1), none failed otherwise.
fn held_or_taken(takes: &[(i32, String)]) {
    assert!(takes.iter().any(|(code, _)| *code == 0), "{takes:?}");
    for (code, err) in takes {
        // Held by another terminal; or found open and finished by another
        // terminal (its last question answered) before this one took it:
        // told so, nothing written.
        assert!(
            *code == 0
                || (*code == 1
                    && (err.contains("이미 다른 곳에서 진행 중입니다")
                        || err.contains("이미 끝난 응시입니다"))),
            "{takes:?}"
        );
    }
}

/// Every stored answer's identity, as raw columns, of finished attempts.
fn finished_answers(c: &mut postgres::Client) -> Vec<(i64, i64, String, String, Option<String>)> {
    c.query(
        "SELECT r.attempt_id, r.position, r.question_id, r.response, r.answered_at
         FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE a.finished_at IS NOT NULL ORDER BY 1, 2",
        &[],
    )
    .expect("answers")
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
    .collect()
}

/// Every answer stored from a responses CSV, as (student, question, response),
/// in that order. Not the answers of `quiz take` attempts: three terminals in
/// turn may finish one, and its answers are then among the finished ones.
fn csv_answers(c: &mut postgres::Client) -> Vec<(String, String, String)> {
    c.query(
        "SELECT a.student_id, r.question_id, r.response
         FROM responses r JOIN attempts a ON a.id = r.attempt_id
         WHERE a.origin = 'csv' ORDER BY 1, 2, 3",
        &[],
    )
    .expect("csv answers")
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect()
}

/// The attempts of s003 after `after` (an attempt id): (total, unfinished).
fn attempts_of_s003_after(c: &mut postgres::Client, after: i64) -> (i64, i64) {
    let r = c
        .query_one(
            "SELECT count(*), count(*) FILTER (WHERE finished_at IS NULL)
             FROM attempts WHERE student_id = 's003' AND id > $1",
            &[&after],
        )
        .expect("count");
    (r.get(0), r.get(1))
}

/// Issue 14: the one-open-attempt rule, "store each row once" on re-grading
/// and the immutable finished attempt, each with many `quiz` processes
/// writing at once on one PostgreSQL database.
#[test]
fn many_quiz_processes_at_once_keep_the_gradebook_rules() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/take"), dir.path());
    let p = dir.path();
    let url = server().fresh_db("storm");
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김민수\ns002,이영희\ns003,박지훈\n",
    )
    .expect("roster");
    let run = quiz(p, &["roster", "import", "roster.csv", "--db", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");

    // One open attempt: six terminals of s003 start the same exam together
    // and leave it open (q); whoever does not get the attempt is told it is
    // held, and nothing else happens.
    let takes = at_once(
        p,
        &url,
        6,
        &[
            "take",
            "w1",
            "--student",
            "s003",
            "--mode",
            "exam",
            "--count",
            "3",
        ],
        "1\nq\n",
    );
    assert!(
        takes.iter().any(|(code, _)| *code == 0),
        "one of them took it: {takes:?}"
    );
    let open: i64 = c
        .query_one(
            "SELECT count(*) FROM attempts WHERE student_id = 's003' AND finished_at IS NULL",
            &[],
        )
        .expect("count")
        .get(0);
    // One attempt, open or, when three terminals in turn each answered one of
    // its three questions, finished: never a second one.
    assert!(open <= 1, "{takes:?}");
    held_or_taken(&takes);
    let all: i64 = c
        .query_one(
            "SELECT count(*) FROM attempts WHERE student_id = 's003'",
            &[],
        )
        .expect("count")
        .get(0);
    // A second attempt only after the first was finished (a new exam).
    let finished = all - open;
    assert!(all == 1 || (all == 2 && finished >= 1), "{takes:?}");

    // Graded LMS answers: finished attempts.
    let csv = "student_id,question_id,answer\n\
s001,w1d1-choice,Makefile\n\
s001,w1d1-tf,true\n\
s002,w1d1-choice,Dockerfile\n\
s002,w1d1-tf,false\n\
s002,w1d1-order,a|b|c\n";
    std::fs::write(p.join("lms.csv"), csv).expect("csv");
    for (code, err) in at_once(p, &url, 4, &["grade", "--responses", "lms.csv"], "") {
        assert_eq!(code, 0, "{err}");
    }
    let before = finished_answers(&mut c);
    // Counted among the CSV's attempts only: s003's exam, finished above by
    // three terminals in turn, has answers too.
    let rows = csv_answers(&mut c);
    assert_eq!(rows.len(), 5, "each CSV row once: {rows:?}");

    // The key changes; re-grading from four processes at once, while four
    // more grade the grown CSV and six terminals come back to the open exam.
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(&bank, text.replace("  answer: true\n", "  answer: false\n")).expect("bank");
    std::fs::write(
        p.join("lms.csv"),
        format!("{csv}s001,w1d1-order,c|b|a\ns002,w1d1-short,깃옵스\n"),
    )
    .expect("csv");
    let (regrades, (grades, takes)) = std::thread::scope(|s| {
        let r = s.spawn(|| at_once(p, &url, 4, &["regrade"], ""));
        let g = s.spawn(|| at_once(p, &url, 4, &["grade", "--responses", "lms.csv"], ""));
        let t = at_once(
            p,
            &url,
            6,
            &[
                "take",
                "w1",
                "--student",
                "s003",
                "--mode",
                "exam",
                "--count",
                "3",
            ],
            "q\n",
        );
        (r.join().expect("regrade"), (g.join().expect("grade"), t))
    });
    for (code, err) in regrades.iter().chain(&grades) {
        assert_eq!(*code, 0, "{err}");
    }
    held_or_taken(&takes);

    // Each CSV row stored once; the finished attempts' answers as they were
    // (the grown CSV's two new rows are new answers, not changes); their
    // scores follow the new key; still one open attempt of s003.
    let after = finished_answers(&mut c);
    let rows = csv_answers(&mut c);
    assert_eq!(rows.len(), 7, "each CSV row once: {rows:?}");
    let kept: Vec<_> = after
        .iter()
        .filter(|a| before.iter().any(|b| (b.0, b.1) == (a.0, a.1)))
        .cloned()
        .collect();
    assert_eq!(kept, before);
    let tf: Vec<(String, Option<f64>)> = c
        .query(
            "SELECT r.response, r.points FROM responses r JOIN attempts a ON a.id = r.attempt_id
             WHERE r.question_id = 'w1d1-tf' AND a.student_id <> 's003' ORDER BY r.response",
            &[],
        )
        .expect("tf")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(tf.len(), 2, "{tf:?}");
    assert!(
        tf.iter()
            .all(|(resp, pts)| *pts == Some(if resp.contains("false") { 1.0 } else { 0.0 })),
        "re-graded to the new key: {tf:?}"
    );
    let open: Vec<i64> = c
        .query(
            "SELECT id FROM attempts WHERE student_id = 's003' AND finished_at IS NULL",
            &[],
        )
        .expect("open")
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(open.len(), 1);

    // Closing the open attempt from five processes at once: closed once, and
    // then it never changes.
    let id = open[0].to_string();
    let closes = at_once(p, &url, 5, &["attempts", "close", &id], "");
    assert!(closes.iter().any(|(code, _)| *code == 0), "{closes:?}");
    let told =
        format!("quiz: 끝나지 않은 응시 {id}이(가) 없습니다 (quiz attempts list로 확인하세요)\n");
    assert_eq!(
        closes.iter().filter(|(code, _)| *code == 0).count(),
        1,
        "{closes:?}"
    );
    assert!(
        closes
            .iter()
            .all(|(code, err)| *code == 0 || (*code == 2 && *err == told)),
        "closed once, the others told it is not open (as when run one after another): {closes:?}"
    );
    let closed = finished_answers(&mut c);
    let again = at_once(
        p,
        &url,
        4,
        &[
            "take",
            "w1",
            "--student",
            "s003",
            "--mode",
            "exam",
            "--count",
            "3",
        ],
        "1\nq\n",
    );
    held_or_taken(&again);
    for (code, err) in at_once(p, &url, 3, &["regrade"], "") {
        assert_eq!(code, 0, "{err}");
    }
    // The answers of the attempts finished so far, as they were (a new exam
    // that three terminals in turn finished has answers of its own).
    let kept: Vec<_> = finished_answers(&mut c)
        .into_iter()
        .filter(|a| closed.iter().any(|b| b.0 == a.0))
        .collect();
    assert_eq!(kept, closed);
    // One new attempt after the closed one, open or finished; a second only
    // after the first was finished (as in the first round).
    let (new, unfinished) = attempts_of_s003_after(&mut c, open[0]);
    assert!(
        unfinished <= 1 && (new == 1 || (new == 2 && new - unfinished >= 1)),
        "the closed attempt and one new one: {new} new, {unfinished} unfinished: {again:?}"
    );
}

/// A connection the server closed (a restart, a failover; here the backend
/// is terminated) is opened again on the next use: a long-running server
/// goes on (trial of 2026-12-01: every request failed until `quiz serve` was
/// restarted).
#[test]
fn a_connection_closed_by_the_server_is_opened_again() {
    let url = server().fresh_db("reconnect");
    let gb = quiz::gradebook::Gradebook::open(std::path::Path::new(&url)).expect("open");
    assert!(gb.students().expect("students").is_empty());
    assert!(
        !gb.reconnect_if_closed().expect("check"),
        "open: nothing to do"
    );
    let name = url.rsplit('/').next().expect("db name").to_string();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid()",
            &[&name],
        )
        .expect("terminate");
    // The first use finds it closed; the next is on a new connection.
    let _ = gb.students();
    assert!(
        gb.reconnect_if_closed().expect("reconnect"),
        "connected again"
    );
    assert!(gb.students().expect("students after").is_empty());
}
