//! `quiz attempts list|close`: the instructor's view of unfinished attempts,
//! and the way to end one that cannot go on.

use super::report;
use crate::bank::Bank;
use crate::error::{Error, Result, local_hhmm};
use crate::gradebook::Gradebook;
use std::io::Write;
use std::path::Path;

/// `quiz attempts list`: a table of unfinished attempts.
pub fn list(
    db: &Path,
    student: Option<&str>,
    unit: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let gb = Gradebook::open_read_only(db)?;
    let open = gb.open_attempts(student, unit)?;
    let io = |e| Error::io("stdout", e);
    if open.is_empty() {
        return writeln!(out, "끝나지 않은 응시가 없습니다.").map_err(io);
    }
    let mut t = crate::table::new([
        "응시 id",
        "학번",
        "단원",
        "종류",
        "회차",
        "답한 문제",
        "시작",
        "진행 중",
    ]);
    for a in &open {
        let kind = match gb.attempt_by_id(a.id)?.map(|x| x.mode) {
            Some(crate::model::Mode::Exam) => "시험",
            Some(crate::model::Mode::Practice) => "연습",
            None => "-",
        };
        t.add_row(vec![
            a.id.to_string(),
            a.student.clone(),
            a.unit.clone(),
            kind.to_string(),
            a.attempt_no.to_string(),
            format!("{}/{}", a.answered, a.questions),
            local_time(&a.started_at),
            a.held_since
                .as_deref()
                .map_or_else(|| "-".to_string(), |s| format!("{}부터", local_hhmm(s))),
        ]);
    }
    writeln!(
        out,
        "{t}\n끝나지 않은 응시 {}개. 닫으려면: quiz attempts close <응시 id>",
        open.len()
    )
    .map_err(io)
}

fn local_time(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t).map_or_else(
        |_| t.to_string(),
        |d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

/// `quiz attempts close ID`: every question of the form not answered yet is
/// stored as unanswered (0 of its points; dropped, 0 of 0, when it is no
/// longer in the bank), and the attempt is finished.
pub fn close(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    id: i64,
    out: &mut dyn Write,
) -> Result<()> {
    let mut gb = Gradebook::open_existing(db)?;
    let none = || {
        Error::Usage(format!(
            "끝나지 않은 응시 {id}이(가) 없습니다 (quiz attempts list로 확인하세요)"
        ))
    };
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    report(&mut diags);
    // None also when another process closed it in the meantime: the same
    // answer as when it was closed before this one looked.
    let today = std::env::var("QUIZ_TODAY")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let Some(c) = crate::attempt::close(&mut gb, &bank, id, today)? else {
        return Err(none());
    };
    let what = if c.practice {
        format!(
            "답하지 않은 문제 {}개 중 화면에 있던 {}개는 답하지 않은 것(0점)으로, 보여 주지 않은 {}개는 답이 없는 것(주간 점수에 들어가지 않음)으로 기록했습니다",
            c.unanswered,
            c.zero,
            c.unanswered - c.zero
        )
    } else {
        format!("답하지 않은 문제 {}개는 0점으로 기록했습니다", c.unanswered)
    };
    writeln!(
        out,
        "응시 {id} ({} · {})을(를) 닫았습니다: {what}.",
        c.form.student, c.form.unit,
    )
    .map_err(|e| Error::io("stdout", e))
}
