//! `quiz review [--week N]`: go through essays marked "needs review": the answer,
//! the concepts found, the suggested score; Enter accepts, a number overrides,
//! then an optional comment. `s` skips, `q` quits.

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::grade::Index;
use crate::gradebook::Gradebook;
use crate::printable::escape;
use crate::runner::fmt_points;
use crate::score::{self, Response};
use std::io::{BufRead, Write};
use std::path::Path;

/// Run `quiz review`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    week: Option<u32>,
    by: &str,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e| Error::io("terminal", e);
    let (bank, mut diags) = Bank::load(questions, rubrics)?;
    // A bank file that does not load is said, with its place, not silently left out.
    super::report(&mut diags);
    let index = Index::new(&bank);
    let mut gb = Gradebook::open_existing(db)?;
    let all = gb.rows()?;
    let rows: Vec<_> = all
        .iter()
        .filter(|r| r.status.as_deref() == Some("needs-review"))
        // An exam still being taken can change its answers: reviewed after
        // it is submitted (a score given before was reset by an edit).
        .filter(|r| r.finished_at.is_some() || r.mode == "practice")
        .filter(|r| {
            week.is_none_or(|w| {
                index
                    .get(&r.question_id)
                    .is_some_and(|(_, qw, _)| *qw == Some(w))
            })
        })
        .cloned()
        .collect();
    let names: std::collections::BTreeMap<String, String> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    // Which answers count toward their week (the first answer to each
    // question): one that does not is marked (trial of 2026-12-01: four
    // alike headers, two of them retakes that count for nothing).
    let lookup = |id: &str| index.with_week(id);
    let counts = crate::grade::totals::counted_answers(&all, &lookup);
    writeln!(out, "검토할 서술형 답안: {}개", rows.len()).map_err(io)?;
    let mut done = 0;
    for (i, r) in rows.iter().enumerate() {
        let Some((q, _, rules)) = index.get(&r.question_id) else {
            continue;
        };
        let o = score::score(q, &r.response, rules);
        let text = match &r.response {
            Response::Text(t) => t.clone(),
            _ => "(답 없음)".to_string(),
        };
        writeln!(
            out,
            "\n[{}/{}] 학생 {}{} · {}{}\n문제: {}\n답안:\n{}",
            i + 1,
            rows.len(),
            escape(&r.student),
            names
                .get(&r.student)
                .filter(|n| !n.is_empty())
                .map(|n| format!(" {}", escape(n)))
                .unwrap_or_default(),
            escape(&q.id),
            if counts.contains(&(r.attempt_id, r.position)) {
                ""
            } else {
                " (주차 점수에 들어가지 않는 답: 같은 문항의 먼저 낸 답이 셉니다)"
            },
            escape(&q.prompt),
            escape(&text)
        )
        .map_err(io)?;
        let found = if o.matched.is_empty() {
            "없음".to_string()
        } else {
            o.matched.join(", ")
        };
        // Without a rubric there is nothing to suggest: the score is typed
        // (review of blind5: Enter through the list gave every student 0).
        let manual = q.rubric.is_empty();
        if manual {
            writeln!(
                out,
                "루브릭 없음: 점수를 직접 입력하세요, 0부터 {}점{}",
                fmt_points(q.points),
                escape(&where_from(q))
            )
            .map_err(io)?;
            // The question's reference answer, when it has one (`feedback`).
            if let Some(f) = &q.feedback {
                writeln!(out, "{}", escape(f)).map_err(io)?;
            }
        } else {
            let all: Vec<&str> = q.rubric.iter().map(|c| c.concept.as_str()).collect();
            writeln!(
                out,
                "포함된 개념: {} (루브릭: {})\n제안 점수: {}/{}",
                escape(&found),
                escape(&all.join(", ")),
                fmt_points(o.points),
                fmt_points(o.max)
            )
            .map_err(io)?;
        }
        let points = loop {
            if manual {
                write!(out, "점수 (s: 건너뛰기, q: 종료)> ").map_err(io)?;
            } else {
                write!(out, "점수 (Enter: 제안 점수 수락, s: 건너뛰기, q: 종료)> ").map_err(io)?;
            }
            out.flush().map_err(io)?;
            let mut line = String::new();
            if input.read_line(&mut line).map_err(io)? == 0 {
                writeln!(out).map_err(io)?;
                return finish(out, done);
            }
            match line.trim() {
                "" if manual => writeln!(
                    out,
                    "  루브릭이 없는 답안은 점수를 직접 입력해야 합니다 (0부터 {}).",
                    fmt_points(q.points)
                )
                .map_err(io)?,
                "" => break Some(o.points),
                "s" => break None,
                "q" => return finish(out, done),
                t => match t.parse::<f64>() {
                    Ok(p) if (0.0..=q.points).contains(&p) => break Some(p),
                    _ => writeln!(
                        out,
                        "  0부터 {} 사이의 점수를 입력하세요.",
                        fmt_points(q.points)
                    )
                    .map_err(io)?,
                },
            }
        };
        let Some(points) = points else { continue };
        write!(out, "코멘트 (Enter: 없음)> ").map_err(io)?;
        out.flush().map_err(io)?;
        let mut c = String::new();
        input.read_line(&mut c).map_err(io)?;
        let comment = Some(c.trim()).filter(|c| !c.is_empty());
        gb.set_manual(r.attempt_id, r.position, points, comment, by)?;
        done += 1;
        writeln!(
            out,
            "  확정: {}/{}점",
            fmt_points(points),
            fmt_points(q.points)
        )
        .map_err(io)?;
    }
    finish(out, done)
}

/// Where a manually scored essay's expectations are written: " (참고:
/// file:line의 토론 가이드라인)" for a discussion essay, " (참고: file:line)"
/// for others made from a document, "" for hand-written ones.
pub fn where_from(q: &crate::model::Question) -> String {
    let discussion = q.tags.iter().any(|t| t == "discussion");
    q.source
        .as_ref()
        .map(|s| {
            if discussion {
                format!(" (참고: {}:{}의 토론 가이드라인)", s.file, s.line)
            } else {
                format!(" (참고: {}:{})", s.file, s.line)
            }
        })
        .unwrap_or_default()
}

fn finish(out: &mut dyn Write, done: usize) -> Result<()> {
    writeln!(out, "{done}개 답안의 점수를 확정했습니다.").map_err(|e| Error::io("terminal", e))
}
