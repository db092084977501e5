//! The weekly total cannot be lifted by taking a quiz again. Practice shows
//! the key after each answer and an exam can be retaken in the terminal, so
//! per question the answer that counts is the student's FIRST answer from a
//! finished attempt of any kind (practice, terminal or web exam, released-form
//! submission, CSV response), or from an open practice (its key was shown
//! right after it): every later one was given after the key could be
//! seen (`grade::totals`). A question a closed practice never showed is no
//! answer. Each case runs the built binary on
//! a one-question unit (tests/fixtures/retakes), so which answer is right is
//! known without reading the screen; the total is read from `quiz report`.

mod common;

use common::{copy_dir, quiz, quiz_in, root};
use std::path::Path;

fn class() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join("tests/fixtures/retakes"), dir.path());
    let run = quiz(dir.path(), &["roster", "import", "roster.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

/// Take the one-question unit: `right` answers 참 (the key), else 거짓.
fn take(p: &Path, student: &str, mode: &str, right: bool) {
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", student, "--mode", mode],
        if right { "1\n" } else { "2\n" },
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let want = if right {
        "점수: 1 / 1"
    } else {
        "점수: 0 / 1"
    };
    assert!(run.stdout.contains(want), "{}", run.stdout);
}

/// A second question in the unit, its key 참 too, so that a practice can be
/// left open with one answered.
fn second_question(p: &Path) {
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(
        &bank,
        format!(
            "{text}- id: w1d1-tf2\n  kind: truefalse\n  prompt: 컨테이너는 커널을 공유한다.\n  answer: true\n  criteria: [docker]\n"
        ),
    )
    .expect("bank");
}

/// An LMS export row for the question.
fn csv(p: &Path, name: &str, student: &str, right: bool) {
    let answer = if right { "true" } else { "false" };
    std::fs::write(
        p.join(name),
        format!("student_id,question_id,answer\n{student},w1d1-tf,{answer}\n"),
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", name]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The week-1 total (가중 총점 %) and attempt count of `student`.
fn total(p: &Path, student: &str) -> (String, String) {
    let run = quiz(p, &["report", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(p.join("reports/week_01/summary.csv")).expect("summary");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = |h: &str| header.iter().position(|c| *c == h).expect(h);
    let row: Vec<&str> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .find(|r| r[0] == student)
        .expect("student row");
    (
        row[col("가중 총점 (%)")].to_string(),
        row[col("응시 횟수")].to_string(),
    )
}

#[test]
fn a_second_practice_all_right_does_not_raise_the_total() {
    let dir = class();
    let p = dir.path();
    take(p, "s001", "practice", false);
    take(p, "s001", "practice", true);
    assert_eq!(total(p, "s001"), ("0".into(), "2".into()));
}

#[test]
fn an_exam_retake_does_not_replace_the_first_exam() {
    let dir = class();
    let p = dir.path();
    take(p, "s002", "exam", false);
    take(p, "s002", "exam", true);
    assert_eq!(total(p, "s002"), ("0".into(), "2".into()));
    // The other way round the first exam counts too: a worse retake costs nothing.
    take(p, "s003", "exam", true);
    take(p, "s003", "exam", false);
    assert_eq!(total(p, "s003").0, "100");
}

#[test]
fn an_exam_after_practice_does_not_replace_the_practice_answer() {
    let dir = class();
    let p = dir.path();
    // Practice first, wrong (the key seen), then an exam with the key: the
    // practice answer counts (the exam's was given knowing the key).
    take(p, "s004", "practice", false);
    take(p, "s004", "exam", true);
    assert_eq!(total(p, "s004").0, "0");
    // Practice after the exam, with the key in hand: still the exam.
    take(p, "s005", "exam", false);
    take(p, "s005", "practice", true);
    assert_eq!(total(p, "s005").0, "0");
}

#[test]
fn a_question_a_closed_practice_never_showed_is_no_answer() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    // A practice left at its first question (`q`), then an exam of the unit:
    // starting the exam closes the practice. The question it showed counts
    // as unanswered (attack of 2026-12-01: closing a practice let a student
    // leave out what they saw); the one it never showed is no answer, and
    // the exam's answer to it counts.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s003", "--mode", "practice"],
        "q\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s003", "--mode", "exam"],
        "1\n1\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("점수: 2 / 2"), "{}", run.stdout);
    // The practice was closed (no unfinished attempt is left), not just left open.
    let open = quiz(p, &["attempts", "list"]);
    assert_eq!(open.code, 0, "{}", open.stderr);
    assert!(!open.stdout.contains("s003"), "{}", open.stdout);
    assert_eq!(total(p, "s003").0, "50");
}

#[test]
fn a_csv_response_is_an_answer_like_any_other() {
    let dir = class();
    let p = dir.path();
    // Practice wrong, then the LMS's exam answer (right): the practice counts.
    take(p, "s006", "practice", false);
    csv(p, "lms1.csv", "s006", true);
    assert_eq!(total(p, "s006").0, "0");
    // A CSV answer first, then a terminal exam: the CSV answer.
    csv(p, "lms2.csv", "s001", false);
    take(p, "s001", "exam", true);
    assert_eq!(total(p, "s001").0, "0");
    // Grading the same file again stores nothing new and changes nothing.
    let again = quiz(p, &["grade", "--responses", "lms2.csv"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // ... and says why every row is accounted for.
    assert!(
        again
            .stdout
            .lines()
            .any(|l| l.contains("이미 저장된 행") && l.contains("┆ 1 ")),
        "{}",
        again.stdout
    );
    assert_eq!(total(p, "s001").0, "0");
}

/// A practice left open still holds the answers given in it: each key was
/// shown right after its answer (attack of 2026-12-01: a student answered in
/// practice, saw the keys, left it open, practised again under the unit's
/// prefix `w1` with the keys, finished that one, and only it counted).
#[test]
fn an_answer_left_in_an_open_practice_counts() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    // Both keys are 참: the first question shown is answered 거짓, then q.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "practice"],
        "2\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("오답"), "{}", run.stdout);
    let run = quiz_in(
        p,
        &["take", "w1", "--student", "s001", "--mode", "practice"],
        "1\n1\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("점수: 2 / 2"), "{}", run.stdout);
    // The first answer (wrong) counts, and so does the second question, on
    // screen when that practice was closed by the next: unanswered.
    assert_eq!(total(p, "s001"), ("0".into(), "2".into()));
}

/// Two practices of overlapping units are never open together: starting
/// one closes the other, so a practice left open cannot be answered later,
/// after another prefix of the unit showed the keys (attack of 2026-12-01:
/// the earlier-started practice, answered with the keys, counted first).
#[test]
fn a_practice_left_open_cannot_be_answered_after_another_showed_the_keys() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    // A: opened, nothing answered.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s002", "--mode", "practice"],
        "q\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // B: the week's practice, every question skipped: the keys are shown.
    let run = quiz_in(
        p,
        &["take", "w1", "--student", "s002", "--mode", "practice"],
        "?\n?\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("정답:"), "{}", run.stdout);
    // Back to w1d1 with the keys: A was closed, a new practice starts, and
    // its answers come after B's.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s002", "--mode", "practice"],
        "1\n1\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("2회차"), "{}", run.stdout);
    assert_eq!(total(p, "s002").0, "0");
}

/// A practice simply left open counts the question it has on screen as
/// unanswered, as closing it would: else a student looks at a question they
/// cannot answer, leaves the practice open for good and it never counts
/// (trial of 2026-12-01). The report says how many practices were open.
#[test]
fn a_practice_left_open_counts_the_question_on_its_screen() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    // s001 answers the first question right and leaves at the second.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "practice"],
        "1\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    // s002 opens a practice and leaves at once.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s002", "--mode", "practice"],
        "q\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(total(p, "s001").0, "50");
    assert_eq!(total(p, "s002").0, "0");
    let run = quiz(p, &["report", "--week", "1"]);
    assert!(
        run.stdout.contains("끝나지 않은 연습 2개"),
        "{}",
        run.stdout
    );
    // Nothing was written: the practices are still open and resume there.
    let run = quiz(p, &["attempts", "list"]);
    assert!(
        run.stdout.contains("끝나지 않은 응시 2개"),
        "{}",
        run.stdout
    );
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "practice"],
        "1\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(total(p, "s001").0, "100");
}

/// `regrade` leaves a question a closed practice never showed as no answer:
/// it scored it, a counted 0 that beat every later answer, and the
/// practice's results then showed its key (trial of 2026-12-01).
#[test]
fn regrade_keeps_a_question_a_closed_practice_never_showed_as_no_answer() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    std::fs::write(
        &bank,
        format!(
            "{text}- id: w1d1-tf3\n  kind: truefalse\n  prompt: 이미지는 레이어로 이루어진다.\n  answer: true\n  criteria: [docker]\n"
        ),
    )
    .expect("bank");
    // Right, then left at the second question: closed by the instructor.
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "practice"],
        "1\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let run = quiz(p, &["attempts", "close", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(total(p, "s001").0, "50");
    let run = quiz(p, &["regrade"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with("0개 답안의 점수를 다시 매겼습니다.\n"),
        "{}",
        run.stdout
    );
    assert_eq!(total(p, "s001").0, "50");
}

/// Grading a student's released form or CSV answers closes their unfinished
/// attempts of an overlapping unit: the graded results show the keys, and an
/// exam left open earlier would count first if answered afterwards (attack
/// of 2026-12-01: finished in the browser with the keys of a graded form).
#[test]
fn grading_a_students_answers_closes_their_unfinished_exam_of_the_unit() {
    let dir = class();
    let p = dir.path();
    second_question(p);
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "exam"],
        "2\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    std::fs::write(
        p.join("a.csv"),
        "student_id,question_id,answer\ns001,w1d1-tf,true\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("끝나지 않은 응시 1개를 닫았습니다"),
        "{}",
        run.stdout
    );
    let run = quiz(p, &["attempts", "list"]);
    assert!(
        run.stdout.contains("끝나지 않은 응시가 없습니다"),
        "{}",
        run.stdout
    );
    // The exam's one answer stands; its other question is unanswered (0).
    let (pct, _) = total(p, "s001");
    assert_ne!(pct, "100", "{pct}");
}

/// The report says which students have an exam not submitted: its answers
/// count only once it is finished (trial of 2026-12-01: invisible).
#[test]
fn the_report_names_exams_not_submitted() {
    let dir = class();
    let p = dir.path();
    take(p, "s002", "practice", true);
    second_question(p);
    let run = quiz_in(
        p,
        &["take", "w1d1", "--student", "s001", "--mode", "exam"],
        "1\nq\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let run = quiz(p, &["report", "--week", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("제출하지 않은 시험 1개 (학생 1명: s001)"),
        "{}",
        run.stdout
    );
}

/// A CSV's answers close the student's open attempts of each answered
/// question's unit, not only of its first row's week (trial of 2026-12-01:
/// a week-2 practice stayed open after a CSV that began with week 3, and was
/// answered with the key the CSV's results showed).
#[test]
fn a_csv_closes_open_attempts_of_every_unit_it_answers() {
    let dir = class();
    let p = dir.path();
    std::fs::create_dir_all(p.join("questions/week_02")).expect("mkdir");
    std::fs::write(
        p.join("questions/week_02/day1.yaml"),
        "unit: w2d1\nquestions:\n- id: w2d1-tf\n  kind: truefalse\n  prompt: 파드는 컨테이너 묶음이다.\n  answer: true\n",
    )
    .expect("bank");
    let run = quiz_in(
        p,
        &["take", "w2d1", "--student", "s001", "--mode", "practice"],
        "q\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    std::fs::write(
        p.join("a.csv"),
        "student_id,question_id,answer\ns001,w1d1-tf,true\ns001,w2d1-tf,false\n",
    )
    .expect("csv");
    let run = quiz(p, &["grade", "--responses", "a.csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("끝나지 않은 응시 1개를 닫았습니다"),
        "{}",
        run.stdout
    );
}
