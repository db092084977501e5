//! Generated questions are drafts until an instructor signs them (`quiz sign`):
//! take, release and export leave drafts out; extract keeps every decision.

mod common;

use common::{project_with_curriculum, quiz, quiz_in};
use quiz::model::{QuestionFile, Status};
use std::path::Path;

const UNIT: &str = "questions/week_02/day4/session_08.yaml";

fn load(dir: &Path) -> QuestionFile {
    let path = dir.join(UNIT);
    let text = std::fs::read_to_string(&path).expect("read");
    quiz::yaml::parse(&path.display().to_string(), &text).expect("parse")
}

fn roster(dir: &Path) {
    std::fs::write(dir.join("roster.csv"), "student_id,name\ns1,가\n").expect("roster");
}

#[test]
fn new_questions_wait_for_a_signature_and_extract_keeps_every_decision() {
    let p = project_with_curriculum();
    let p = p.path();
    let run = quiz(p, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("quiz sign"), "{}", run.stdout);
    let fresh = load(p);
    assert!(fresh.questions.len() >= 3);
    assert!(fresh.questions.iter().all(|q| q.is_draft()), "{fresh:#?}");

    // Nothing of the unit is served yet, and the message says what to do.
    let run = quiz_in(p, &["take", "w2d4s8", "--student", "s1"], "q\n");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("검토 전(status: draft)") && run.stderr.contains("quiz sign w2d4s8"),
        "{}",
        run.stderr
    );
    let run = quiz(p, &["export", "--format", "gift", "w2d4s8"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    roster(p);
    let run = quiz(
        p,
        &[
            "release",
            "w2d4s8",
            "--roster",
            "roster.csv",
            "--out",
            "forms",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    // Essays wait too since the twelfth round (comparisons, symptoms and
    // discussions are signed like the rest): w3d5s8 serves nothing yet.
    let run = quiz_in(p, &["take", "w3d5s8", "--student", "s1"], "q\n");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("quiz sign w3d5s8"), "{}", run.stderr);

    // Sign the first, hide the second, skip the third, quit.
    let before = std::fs::read_to_string(p.join(UNIT)).expect("read");
    let (first, second, third) = (
        fresh.questions[0].id.clone(),
        fresh.questions[1].id.clone(),
        fresh.questions[2].id.clone(),
    );
    let run = quiz_in(p, &["sign", "w2d4s8"], "y\nh\ns\nq\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(&first), "{}", run.stdout);
    // The instructor reads the source line with the question.
    assert!(
        run.stdout
            .contains("source:   curriculum/week_02/day4/session_08.md:"),
        "{}",
        run.stdout
    );
    // ... and the lines around it.
    let line = fresh.questions[0].source.as_ref().map_or(0, |s| s.line);
    assert!(run.stdout.contains("원문:\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("> {line:>4} | ")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("  {:>4} | ", line + 1)),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  건너뜀"), "{}", run.stdout);
    assert!(
        run.stdout.contains("승인 1개, 숨김 1개를 저장했습니다."),
        "{}",
        run.stdout
    );
    let after = std::fs::read_to_string(p.join(UNIT)).expect("read");
    let signed = load(p);
    let status = |id: &str| {
        signed
            .questions
            .iter()
            .find(|q| q.id == id)
            .and_then(|q| q.status)
    };
    assert_eq!(status(&first), None);
    assert_eq!(status(&second), Some(Status::Hidden));
    assert_eq!(status(&third), Some(Status::Draft));
    // Only the two status lines changed.
    assert_eq!(after.lines().count(), before.lines().count() - 1);
    assert_eq!(after.matches("\n  status: hidden\n").count(), 1);

    // Only the signed question is served, released and exported; release and
    // export say what they left out.
    let others: Vec<&quiz::model::Question> = fresh.questions.iter().skip(1).collect();
    let (_, release, export) = common::served_only(p, "w2d4s8", &fresh.questions[0], &others);
    assert!(
        release.stdout.contains("넣지 않았습니다"),
        "{}",
        release.stdout
    );
    assert!(
        export.stderr.contains("내보내지 않았습니다"),
        "{}",
        export.stderr
    );
    // With --out, the summary counts what stayed out and why.
    let drafts = fresh.questions.len() - 2;
    let run = quiz(
        p,
        &["export", "--format", "gift", "w2d4s8", "--out", "w.gift"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "1개 문항을 w.gift에 내보냈습니다 (내보낼 수 없어 건너뜀 0, 검토 전 {drafts}, 숨김 1)."
        )),
        "{}",
        run.stdout
    );

    // Extract again: every decision stays, no byte changes.
    let run = quiz(p, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(p.join(UNIT)).expect("read"), after);

    // A question extract makes for the first time (here: deleted from the file)
    // comes back as a draft; the signed one stays signed.
    let mut f = load(p);
    f.questions.retain(|q| q.id != first && q.id != third);
    std::fs::write(p.join(UNIT), quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    let run = quiz(p, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = load(p);
    let status = |id: &str| {
        again
            .questions
            .iter()
            .find(|q| q.id == id)
            .map(|q| q.status)
    };
    assert_eq!(status(&first), Some(Some(Status::Draft)));
    assert_eq!(status(&second), Some(Some(Status::Hidden)));
    assert_eq!(status(&third), Some(Some(Status::Draft)));

    // Sign by id, then all the rest of the unit.
    let run = quiz(p, &["sign", "--id", &first]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("문항 1개를 승인했습니다."),
        "{}",
        run.stdout
    );
    let run = quiz(p, &["sign", "--id", &first]);
    assert!(
        run.stdout.contains("이미 승인된 문항입니다"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("문항 0개를 승인했습니다."),
        "{}",
        run.stdout
    );
    let run = quiz(p, &["sign", "w2d4s8", "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("단원 w2d4s8의 남은 검토 전 문항: 0개"),
        "{}",
        run.stdout
    );
    let done = load(p);
    assert!(done.questions.iter().all(|q| !q.is_draft()), "{done:#?}");
    assert_eq!(done.questions.iter().filter(|q| q.is_hidden()).count(), 1);
}

#[test]
fn sign_refuses_what_it_cannot_do() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let before = std::fs::read_to_string(p.join(UNIT)).expect("read");
    let run = quiz(p, &["sign", "--id", "w2d4s8-nope00"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("w2d4s8-nope00"), "{}", run.stderr);
    let run = quiz(p, &["sign", "--hide"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let id = load(p).questions[0].id.clone();
    let run = quiz(p, &["sign", "--all", "--id", &id]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    // A closed input ends the session; nothing decided, nothing written.
    let run = quiz_in(p, &["sign"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("승인 0개, 숨김 0개"), "{}", run.stdout);
    // Any other key asks again.
    let run = quiz_in(p, &["sign", "w2d4s8"], "네\nq\n");
    assert!(
        run.stdout.contains("y, e, h, s, q 중 하나를 입력하세요."),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(p.join(UNIT)).expect("read"), before);
}

/// A signature is for what was read: a signed question made again with other
/// content waits again, and a signed question no longer made is named.
#[test]
fn a_signed_question_that_changes_waits_again() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    assert_eq!(quiz(p, &["sign", "--all"]).code, 0);
    let signed = load(p);
    assert!(signed.questions.iter().all(|q| q.status.is_none()));
    // The bank's copy differs from what extract makes (as after a sibling
    // branch was renamed): made again, it is a draft, and extract says so.
    let mut f = signed.clone();
    let changed = f.questions[0].id.clone();
    f.questions[0].prompt.push_str(" (다른 내용)");
    // And one signed question extract no longer makes (its line changed).
    let gone = "w2d4s8-0ld000".to_string();
    let mut old = f.questions[1].clone();
    old.id = gone.clone();
    f.questions.push(old);
    std::fs::write(p.join(UNIT), quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    let run = quiz(p, &["extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "승인한 문항 `{changed}`의 내용이 바뀌어 다시 검토 전입니다"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("승인한 문항 `{gone}`은(는) 더 만들지 않습니다")),
        "{}",
        run.stderr
    );
    let again = load(p);
    for q in &again.questions {
        let want = if q.id == changed {
            Some(Status::Draft)
        } else {
            None
        };
        assert_eq!(q.status, want, "{}", q.id);
    }
    assert!(again.questions.iter().all(|q| q.id != gone));
    // Criteria and tags move with the rest of the week: no new signature.
    let mut f = again.clone();
    for q in f.questions.iter_mut() {
        q.criteria = vec!["other".into()];
    }
    std::fs::write(p.join(UNIT), quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    let run = quiz(p, &["extract"]);
    assert!(!run.stderr.contains("다시 검토 전"), "{}", run.stderr);
}

/// A unit that is not in the bank, and a bank file made read-only, are
/// refused; a file written over keeps its mode.
#[cfg(unix)]
#[test]
fn sign_refuses_unknown_units_and_read_only_files() {
    use std::os::unix::fs::PermissionsExt;
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let run = quiz(p, &["sign", "w9"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("`w9`에 맞는 단원이 없습니다"),
        "{}",
        run.stderr
    );
    let file = p.join(UNIT);
    let before = std::fs::read_to_string(&file).expect("read");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let run = quiz(p, &["sign", "w2d4s8", "--all"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("읽기 전용입니다"), "{}", run.stderr);
    let run = quiz_in(p, &["sign", "w2d4s8"], "y\n");
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), before);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let run = quiz(p, &["sign", "w2d4s8", "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

/// A quiz left unfinished whose unanswered questions were taken out since
/// (hidden here; unsigned again works the same) says so on resuming, instead
/// of "문제 3/2부터".
#[test]
fn a_resumed_quiz_with_nothing_left_says_why() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    assert_eq!(quiz(p, &["sign", "w2d4s8", "--all"]).code, 0);
    let args = ["take", "w2d4s8", "--student", "s1", "--count", "3"];
    let run = quiz_in(p, &args, "?\nq\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gb = common::gradebook(p).expect("db");
    let answered: Vec<String> = gb
        .rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.student == "s1")
        .map(|r| r.question_id)
        .collect();
    drop(gb);
    assert_eq!(answered.len(), 1, "{answered:?}");
    let mut f = load(p);
    for q in f.questions.iter_mut().filter(|q| q.id != answered[0]) {
        q.status = Some(Status::Hidden);
    }
    std::fs::write(p.join(UNIT), quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("write");
    let run = quiz_in(p, &args, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("이전에 중단한 퀴즈에 남은 문제가 없습니다"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("문제 2/1부터"), "{}", run.stdout);
}

/// `sign` on a folder without a bank, and an id outside the unit named, are refused.
#[test]
fn sign_needs_a_bank_and_ids_of_the_unit() {
    let p = project_with_curriculum();
    let p = p.path();
    let run = quiz(p, &["sign"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("먼저 `quiz extract`를 실행하세요"),
        "{}",
        run.stderr
    );
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let other = {
        let path = p.join("questions/week_03/day5/session_08.yaml");
        let text = std::fs::read_to_string(&path).expect("read");
        let f: QuestionFile = quiz::yaml::parse("f", &text).expect("parse");
        f.questions[0].id.clone()
    };
    let run = quiz(p, &["sign", "w2d4s8", "--hide", "--id", &other]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("단원 w2d4s8의 문항이 아닙니다"),
        "{}",
        run.stderr
    );
}

/// `sign` checks the document against the bank: lines inserted above move a
/// question (its new place is shown); a line rewritten makes it no more.
#[test]
fn sign_shows_where_the_document_makes_the_question_now() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let first = load(p).questions[0].clone();
    let line = first.source.as_ref().map_or(0, |s| s.line);
    let doc = p.join("curriculum/week_02/day4/session_08.md");
    let text = std::fs::read_to_string(&doc).expect("doc");
    std::fs::write(&doc, format!("<!-- 메모 -->\n\n{text}")).expect("edit");
    let run = quiz_in(p, &["sign", "w2d4s8"], "q\n");
    assert!(
        run.stdout.contains(&format!("id:       {}", first.id)),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(&format!("이제 {}행에서 나옵니다", line + 2)),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("> {:>4} | ", line + 2)),
        "{}",
        run.stdout
    );
    // Re-extracted, the warning is gone.
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let run = quiz_in(p, &["sign", "w2d4s8"], "q\n");
    assert!(!run.stdout.contains("주의: 원문이"), "{}", run.stdout);
}

/// A bank file that does not load is reported with its place; the others are
/// signed, and the exit code is 1 (problems found in the input).
#[test]
fn a_broken_bank_file_is_reported_and_the_rest_is_signed() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let broken = p.join("questions/week_05/README.yaml");
    let mut text = std::fs::read_to_string(&broken).expect("read");
    text.push_str("broken: [\n");
    std::fs::write(&broken, &text).expect("write");
    let run = quiz(p, &["sign", "--all"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("questions/week_05/README.yaml:"),
        "{}",
        run.stderr
    );
    assert!(load(p).questions.iter().all(|q| !q.is_draft()));
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), text);
}

/// `sign --list` lists the drafts of a unit (id, kind, source line, prompt)
/// and changes nothing; it cannot be combined with a decision.
#[test]
fn sign_list_names_the_drafts_and_changes_nothing() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let before = std::fs::read_to_string(p.join(UNIT)).expect("read");
    let run = quiz(p, &["sign", "w2d4s8", "--list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = load(p);
    for q in &f.questions {
        assert!(
            run.stdout.contains(&q.id),
            "{} not listed: {}",
            q.id,
            run.stdout
        );
    }
    assert!(
        run.stdout
            .contains(&format!("검토 전 문항 {}개", f.questions.len())),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("curriculum/week_02/day4/session_08.md:"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("w3d5s8-"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(p.join(UNIT)).expect("read"), before);
    assert_eq!(quiz(p, &["sign", "--list", "--all"]).code, 2);
}

/// A shell script usable as `$VISUAL`.
fn editor(dir: &Path, name: &str, body: &str) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\nset -e\n{body}\n")).expect("script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path.display().to_string()
}

/// `e` opens the draft in the instructor's editor; what comes back is checked
/// before it is written: an edit that does not load is said and opened again
/// by the next `e` (nothing typed is lost), and a good one replaces the
/// question's lines only, locked (extract keeps it) and signed.
#[test]
fn an_instructor_edits_a_draft_and_signs_it() {
    let p = project_with_curriculum();
    let p = p.path();
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let before = load(p);
    let first = before.questions[0].id.clone();
    let text_before = std::fs::read_to_string(p.join(UNIT)).expect("read");
    // Closed without a change: nothing happens.
    let same = editor(p, "same.sh", "true");
    let run = common::quiz_env(p, &["sign", "w2d4s8"], "e\nq\n", &[("VISUAL", &same)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("바뀐 것이 없어 그대로 두었습니다"),
        "{}",
        run.stdout
    );
    // Each draft comes with what to look for in its kind (an outline group here).
    assert!(
        run.stdout
            .contains("확인할 점: 오답 보기가 정말 그 묶음에 속하지 않는지"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(p.join(UNIT)).expect("read"),
        text_before
    );
    // The first save adds a field the bank does not know; the second `e`
    // reopens that text, takes the field out and rewrites the prompt.
    let fix = editor(
        p,
        "fix.sh",
        r#"if grep -q '^nonsense:' "$1"; then
  sed -i -e '/^nonsense:/d' -e 's/^prompt: .*/prompt: 고친 질문, 알맞은 것을 고르시오./' "$1"
else
  echo 'nonsense: 1' >> "$1"
fi"#,
    );
    let run = common::quiz_env(p, &["sign", "w2d4s8"], "e\ne\nq\n", &[("VISUAL", &fix)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("알 수 없는 필드 `nonsense`")
            && run.stdout.contains("저장하지 않았습니다"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("고쳐서 승인했습니다"), "{}", run.stdout);
    // The question is shown as it now stands.
    assert!(
        run.stdout
            .contains("locked:   true\nprompt:   고친 질문, 알맞은 것을 고르시오."),
        "{}",
        run.stdout
    );
    let after = load(p);
    let q = after
        .questions
        .iter()
        .find(|q| q.id == first)
        .expect("edited");
    assert_eq!(q.prompt, "고친 질문, 알맞은 것을 고르시오.");
    assert!(q.locked && q.status.is_none(), "{q:#?}");
    // Every other question is as it was, and the file's header stays.
    for (a, b) in before.questions.iter().zip(&after.questions).skip(1) {
        assert_eq!(a, b);
    }
    let text = std::fs::read_to_string(p.join(UNIT)).expect("read");
    assert_eq!(
        text.lines().take(3).collect::<Vec<_>>(),
        text_before.lines().take(3).collect::<Vec<_>>()
    );
    // Re-extraction keeps the instructor's wording and the signature.
    assert_eq!(quiz(p, &["extract"]).code, 0);
    let again = load(p);
    let q = again
        .questions
        .iter()
        .find(|q| q.id == first)
        .expect("kept");
    assert_eq!(q.prompt, "고친 질문, 알맞은 것을 고르시오.");
    assert!(q.locked && q.status.is_none());
    // An id changed, or a key naming no option, is refused and nothing written.
    let text_now = std::fs::read_to_string(p.join(UNIT)).expect("read");
    let rename = editor(
        p,
        "rename.sh",
        r#"sed -i 's/^id: .*/id: w2d4s8-000000/' "$1""#,
    );
    let run = common::quiz_env(p, &["sign", "w2d4s8"], "e\ns\nq\n", &[("VISUAL", &rename)]);
    assert!(
        run.stdout.contains("id는 바꿀 수 없습니다"),
        "{}",
        run.stdout
    );
    let bad = editor(p, "bad.sh", r#"sed -i 's/^answer: .*/answer: zz/' "$1""#);
    let run = common::quiz_env(p, &["sign", "w2d4s8"], "e\ns\nq\n", &[("VISUAL", &bad)]);
    assert!(
        run.stdout.contains("고친 문항을 출제할 수 없습니다") && run.stdout.contains("zz"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(p.join(UNIT)).expect("read"),
        text_now
    );
    // An editor that cannot be started is said, and nothing is written.
    let run = common::quiz_env(
        p,
        &["sign", "w2d4s8"],
        "e\nq\n",
        &[("VISUAL", "/nonexistent/editor")],
    );
    assert!(
        run.stdout.contains("편집기 `/nonexistent/editor`"),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(p.join(UNIT)).expect("read"),
        text_now
    );
}
