//! The quiz screen: shows questions, reads answers line by line, gives feedback.
//!
//! Reads any `BufRead` and writes any `Write`, so a TTY and piped stdin behave the
//! same and sessions can be scripted and tested. Invalid input is explained and
//! asked again; it never counts as an answer. `?` skips, `q` (or end of input)
//! saves and quits. Every answer goes to a [`Recorder`] as soon as it is given.

use crate::error::Result;
use crate::model::{Choice, FormQuestion, Kind, Mode, Question, ScoringRules};
use crate::printable::quote;
use crate::score::{self, Outcome, Response, Status};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

/// Where answers go (the gradebook, or a submission file).
pub trait Recorder {
    /// Store one answer (with its outcome when the key is known).
    fn record(
        &mut self,
        position: usize,
        question: &FormQuestion,
        response: &Response,
        outcome: Option<&Outcome>,
    ) -> Result<()>;
}

/// One question of a run: what is shown, and the key when this run may score.
pub struct Slot<'a> {
    /// What the student sees (display order, ids).
    pub shown: FormQuestion,
    /// The bank question (with key), when scoring here is allowed.
    pub key: Option<&'a Question>,
    /// The answer already given (resumed attempts).
    pub given: Option<Response>,
    /// The instructor's score and comment, once the answer was reviewed
    /// (`quiz review`, /teach/review, a rubric sheet): shown instead of
    /// the rule's suggestion.
    pub reviewed: Option<(f64, Option<String>)>,
}

/// How a run ended.
#[derive(Debug, PartialEq)]
pub enum End {
    /// Every question answered or skipped.
    Completed,
    /// `q` or end of input: saved, to be resumed.
    Quit,
}

/// Korean name of a kind.
pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Choice => "객관식",
        Kind::Multi => "복수 선택",
        Kind::Truefalse => "참/거짓",
        Kind::Short => "단답형",
        Kind::Cloze => "빈칸 채우기",
        Kind::Order => "순서 배열",
        Kind::Match => "짝 맞추기",
        Kind::Essay => "서술형",
    }
}

fn numbers(line: &str) -> std::result::Result<Vec<usize>, String> {
    line.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<usize>()
                .map_err(|_| format!("`{}`은(는) 번호가 아닙니다.", quote(t)))
        })
        .collect()
}

/// choice: one number 1..=n -> index.
pub fn parse_choice(line: &str, n: usize) -> std::result::Result<usize, String> {
    match numbers(line)?.as_slice() {
        [k] if (1..=n).contains(k) => Ok(k - 1),
        [k] => Err(format!(
            "{k}번은 없습니다. 1부터 {n} 사이의 번호를 입력하세요."
        )),
        [] => Err("번호를 입력하세요.".into()),
        _ => Err("번호 하나만 입력하세요.".into()),
    }
}

/// multi: "1,3" or "1 3" -> sorted distinct indexes.
pub fn parse_multi(line: &str, n: usize) -> std::result::Result<Vec<usize>, String> {
    let mut v = numbers(line)?;
    if v.is_empty() {
        return Err("번호를 하나 이상 입력하세요 (예: 1,3).".into());
    }
    if let Some(k) = v.iter().find(|k| !(1..=n).contains(*k)) {
        return Err(format!(
            "{k}번은 없습니다. 1부터 {n} 사이의 번호를 입력하세요."
        ));
    }
    v.sort_unstable();
    v.dedup();
    Ok(v.into_iter().map(|k| k - 1).collect())
}

/// truefalse: 1/2, O/X, 참/거짓, T/F, true/false.
pub fn parse_truefalse(line: &str) -> std::result::Result<bool, String> {
    match line.trim().to_lowercase().as_str() {
        "1" | "o" | "ㅇ" | "참" | "t" | "true" | "예" => Ok(true),
        "2" | "x" | "ㅌ" | "거짓" | "f" | "false" | "아니오" => Ok(false),
        _ => Err("1(참, O) 또는 2(거짓, X)를 입력하세요.".into()),
    }
}

/// order: "3 1 2 4": a permutation of 1..=n -> indexes in the given order.
pub fn parse_order(line: &str, n: usize) -> std::result::Result<Vec<usize>, String> {
    let v = numbers(line)?;
    let mut sorted = v.clone();
    sorted.sort_unstable();
    if sorted != (1..=n).collect::<Vec<_>>() {
        return Err(format!(
            "1부터 {n}까지의 번호를 한 번씩, 올바른 순서대로 입력하세요 (예: {}).",
            example_order(n)
        ));
    }
    Ok(v.into_iter().map(|k| k - 1).collect())
}

/// The line `q`, end of input and Ctrl-C print: every answer given is already stored.
pub const SAVED: &str = "저장했습니다. 같은 명령으로 이어서 풀 수 있습니다.";

/// The notice shown when a run picks up a quiz left unfinished: from which
/// question it goes on. `None` when nothing was answered yet.
pub fn resume_notice(slots: &[Slot<'_>]) -> Option<String> {
    let answered = slots.iter().filter(|s| s.given.is_some()).count();
    if answered > 0 && answered >= slots.len() {
        // Every question left was answered: one the student had not reached was
        // taken out of the quiz since (hidden, unsigned again or removed).
        return Some("이전에 중단한 퀴즈에 남은 문제가 없습니다 (그사이 출제에서 빠진 문제가 있습니다). 결과를 보여 줍니다.".to_string());
    }
    (answered > 0).then(|| {
        format!(
            "이전에 중단한 퀴즈를 이어서 풉니다 (문제 {}/{}부터).",
            answered + 1,
            slots.len()
        )
    })
}

/// An example answer for a match of `n_left` items against `n_right` letters,
/// with every left item in it: `1-B 2-C 3-A`.
pub fn example_match(n_left: usize, n_right: usize) -> String {
    (0..n_left)
        .map(|i| format!("{}-{}", i + 1, letter((i + 1) % n_right.max(1))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An order of `n` items as an example answer (`2 3 4 5 1`), never the
/// items as shown.
pub fn example_order(n: usize) -> String {
    let mut v: Vec<String> = (1..=n).map(|k| k.to_string()).collect();
    v.rotate_left(n.min(2) - 1);
    v.join(" ")
}

/// match: "1-B 2-A 3-C": every left number once -> (left index, right index).
pub fn parse_match(
    line: &str,
    n_left: usize,
    n_right: usize,
) -> std::result::Result<Vec<(usize, usize)>, String> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for tok in line
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let Some((l, r)) = tok.split_once(['-', ':', '=']) else {
            return Err(format!(
                "`{}`: 번호-글자 형식으로 입력하세요 (예: 1-B).",
                quote(tok)
            ));
        };
        let l: usize = l
            .trim()
            .parse()
            .map_err(|_| format!("`{}`: 왼쪽은 번호입니다 (예: 1-B).", quote(tok)))?;
        let r = r.trim().to_uppercase();
        let mut rc = r.chars();
        let (Some(c), None) = (rc.next(), rc.next()) else {
            return Err(format!(
                "`{}`: 오른쪽은 글자 하나입니다 (예: 1-B).",
                quote(tok)
            ));
        };
        let ri = (c as usize).wrapping_sub('A' as usize);
        if !(1..=n_left).contains(&l) || ri >= n_right {
            return Err(format!("`{}`: 없는 번호나 글자입니다.", quote(tok)));
        }
        if out.iter().any(|(x, _)| *x == l - 1) {
            return Err(format!("{l}번을 두 번 연결했습니다."));
        }
        out.push((l - 1, ri));
    }
    if out.len() != n_left {
        return Err(format!(
            "왼쪽 {n_left}개를 모두 연결하세요 (예: {}).",
            example_match(n_left, n_right)
        ));
    }
    Ok(out)
}

fn letter(i: usize) -> char {
    char::from(b'A' + u8::try_from(i % 26).unwrap_or(0))
}

fn show_list(out: &mut dyn Write, list: &[Choice], letters: bool) -> std::io::Result<()> {
    for (i, c) in list.iter().enumerate() {
        if letters {
            writeln!(out, "  {}) {}", letter(i), c.text)?;
        } else {
            writeln!(out, "  {}) {}", i + 1, c.text)?;
        }
    }
    Ok(())
}

/// Read one line; `None` at end of input.
fn read_line(input: &mut dyn BufRead) -> std::io::Result<Option<String>> {
    let mut s = String::new();
    if input.read_line(&mut s)? == 0 {
        return Ok(None);
    }
    Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()))
}

/// One answer as typed (`2`, `1,3`, `O`, `3 1 2 4`, `1-B 2-A`, text) to the
/// question as shown; the message says what is wrong. The terminal and the
/// browser both read answers with it.
pub fn parse_answer(q: &FormQuestion, t: &str) -> std::result::Result<Response, String> {
    let t = t.trim();
    let ids = |list: &[Choice], idx: &[usize]| {
        idx.iter().map(|&i| list[i].id.clone()).collect::<Vec<_>>()
    };
    match q.kind {
        Kind::Choice => {
            parse_choice(t, q.options.len()).map(|i| Response::Choice(q.options[i].id.clone()))
        }
        Kind::Multi => {
            parse_multi(t, q.options.len()).map(|v| Response::Multi(ids(&q.options, &v)))
        }
        Kind::Truefalse => parse_truefalse(t).map(Response::Bool),
        Kind::Short | Kind::Cloze => {
            if t.is_empty() {
                Err("답을 입력하세요 (모르면 ?).".into())
            } else {
                Ok(Response::Text(crate::text::nfc(t)))
            }
        }
        Kind::Order => parse_order(t, q.items.len()).map(|v| Response::Order(ids(&q.items, &v))),
        Kind::Match => parse_match(t, q.left.len(), q.right.len()).map(|pairs| {
            Response::Match(
                pairs
                    .into_iter()
                    .map(|(l, r)| (q.left[l].id.clone(), q.right[r].id.clone()))
                    .collect::<BTreeMap<_, _>>(),
            )
        }),
        Kind::Essay => {
            if t.is_empty() {
                Err("답안을 입력하세요 (모르면 ?).".into())
            } else {
                Ok(Response::Text(crate::text::nfc(t)))
            }
        }
    }
}

enum Asked {
    Answer(Response),
    Skip,
    Quit,
}

fn ask(
    q: &FormQuestion,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> std::io::Result<Asked> {
    let hint = match q.kind {
        Kind::Choice => "번호 하나를 입력하세요 (예: 2)".to_string(),
        Kind::Multi => "해당하는 번호를 모두 입력하세요 (예: 1,3)".to_string(),
        Kind::Truefalse => "1) 참 (O)   2) 거짓 (X)".to_string(),
        Kind::Short | Kind::Cloze => "답을 입력하세요".to_string(),
        Kind::Order => format!(
            "번호를 올바른 순서대로 입력하세요 (예: {})",
            example_order(q.items.len().max(1))
        ),
        Kind::Match => format!(
            "짝을 입력하세요 (예: {})",
            example_match(q.left.len(), q.right.len())
        ),
        Kind::Essay => "답안을 여러 줄로 입력하고, 빈 줄로 마치세요".to_string(),
    };
    writeln!(out, "{hint}  [? 건너뛰기, q 저장 후 종료]")?;
    loop {
        write!(out, "> ")?;
        out.flush()?;
        let Some(line) = read_line(input)? else {
            if echo {
                writeln!(out)?;
            }
            return Ok(Asked::Quit);
        };
        if echo {
            writeln!(out, "{}", crate::printable::escape(&line))?;
        }
        let t = line.trim();
        match t {
            "?" => return Ok(Asked::Skip),
            "q" | "Q" => return Ok(Asked::Quit),
            _ => {}
        }
        let parsed: std::result::Result<Response, String> = match q.kind {
            Kind::Essay if !t.is_empty() => {
                let mut text = line.clone();
                loop {
                    // Continuation lines get their own prompt.
                    write!(out, "… ")?;
                    out.flush()?;
                    let next = read_line(input)?;
                    if echo {
                        writeln!(
                            out,
                            "{}",
                            crate::printable::escape(next.as_deref().unwrap_or(""))
                        )?;
                    }
                    match next {
                        None => break,
                        Some(l) if l.trim().is_empty() => break,
                        Some(l) => {
                            text.push('\n');
                            text.push_str(&l);
                        }
                    }
                }
                Ok(Response::Text(crate::text::nfc(&text)))
            }
            _ => parse_answer(q, t),
        };
        match parsed.and_then(crate::grade::answers::check_response) {
            Ok(r) => return Ok(Asked::Answer(r)),
            Err(why) => writeln!(out, "  입력 오류: {why} 다시 입력하세요.")?,
        }
    }
}

/// Points for people: at most two decimals, no "-0".
pub fn fmt_points(p: f64) -> String {
    let r = (p * 100.0).round() / 100.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// Feedback line for practice mode and the exam review; a skipped question
/// reads 건너뜀 (never 오답).
pub fn feedback(
    out: &mut dyn Write,
    q: &Question,
    o: &Outcome,
    response: &Response,
) -> std::io::Result<()> {
    let pts = format!("{}/{}점", fmt_points(o.points), fmt_points(o.max));
    if *response == Response::Skipped {
        if q.answer.is_some() || !q.rubric.is_empty() {
            writeln!(out, "  건너뜀 ({pts}) — 정답: {}", q.answer_text())?;
        } else {
            writeln!(out, "  건너뜀 ({pts})")?;
        }
    } else if o.status == Status::Manual {
        writeln!(out, "  강사 채점: {pts}")?;
    } else if o.status == Status::NeedsReview && q.rubric.is_empty() {
        // No rubric: nothing to predict; a "예상 0점" would read as a verdict.
        writeln!(
            out,
            "  채점 대기: 강사가 답안을 읽고 점수를 매깁니다 (0~{}점)",
            fmt_points(o.max)
        )?;
    } else if o.status == Status::NeedsReview {
        let found = if o.matched.is_empty() {
            "없음".to_string()
        } else {
            o.matched.join(", ")
        };
        writeln!(
            out,
            "  채점 대기: 강사 검토 후 확정됩니다 (예상 {pts}, 포함된 개념: {found})"
        )?;
    } else if o.is_correct() {
        writeln!(out, "  ✔ 정답 ({pts})")?;
    } else if o.points > 0.0 {
        writeln!(out, "  △ 부분 정답 ({pts}) — 정답: {}", q.answer_text())?;
    } else {
        writeln!(out, "  ✘ 오답 ({pts}) — 정답: {}", q.answer_text())?;
    }
    if let Some(fb) = &q.feedback {
        // A reference answer (generated essays write "참고 답안 ...") speaks
        // for itself; other feedback is an explanation.
        let label = if fb.starts_with("참고 답안") || fb.starts_with("채점 관점") {
            ""
        } else {
            "설명: "
        };
        writeln!(out, "  {label}{}", fb.replace('\n', "\n  "))?;
    }
    if let Some(s) = &q.source {
        writeln!(out, "  출처: {}:{} ({})", s.file, s.line, s.heading)?;
    }
    Ok(())
}

/// Practice feedback right after an answer: a skipped question shows its answer.
pub fn practice_feedback(
    out: &mut dyn Write,
    q: &Question,
    response: &Response,
    o: &Outcome,
) -> std::io::Result<()> {
    feedback(out, q, o, response)
}

/// Run the questions from the first unanswered one. Returns how the run ended
/// and the outcome of every slot (None: unanswered or unscored). With `echo`
/// (input piped, not typed), each line read is written after the prompt so
/// the transcript reads like a terminal session.
pub fn run(
    slots: &mut [Slot<'_>],
    mode: Mode,
    rules: &dyn Fn(&Question) -> ScoringRules,
    recorder: &mut dyn Recorder,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    echo: bool,
) -> Result<(End, Vec<Option<Outcome>>)> {
    let io = |e| crate::error::Error::io("terminal", e);
    let n = slots.len();
    let mut outcomes: Vec<Option<Outcome>> = slots
        .iter()
        .map(|s| match (s.key, &s.given) {
            (Some(q), Some(r)) => Some(score::score(q, r, &rules(q))),
            _ => None,
        })
        .collect();
    for i in 0..n {
        if slots[i].given.is_some() {
            continue;
        }
        let shown = &slots[i].shown;
        writeln!(
            out,
            "\n문제 {}/{} · {} · {}점",
            i + 1,
            n,
            kind_label(shown.kind),
            fmt_points(shown.points)
        )
        .map_err(io)?;
        writeln!(out, "{}", shown.prompt).map_err(io)?;
        match shown.kind {
            Kind::Choice | Kind::Multi => show_list(out, &shown.options, false).map_err(io)?,
            Kind::Order => show_list(out, &shown.items, false).map_err(io)?,
            Kind::Match => {
                show_list(out, &shown.left, false).map_err(io)?;
                writeln!(out, "  ---").map_err(io)?;
                show_list(out, &shown.right, true).map_err(io)?;
            }
            _ => {}
        }
        let asked = ask(shown, input, out, echo).map_err(io)?;
        let response = match asked {
            Asked::Quit => {
                writeln!(out, "\n{SAVED}").map_err(io)?;
                return Ok((End::Quit, outcomes));
            }
            Asked::Skip => Response::Skipped,
            Asked::Answer(r) => r,
        };
        let outcome = slots[i].key.map(|q| score::score(q, &response, &rules(q)));
        recorder.record(i, &slots[i].shown, &response, outcome.as_ref())?;
        if mode == Mode::Practice
            && let (Some(q), Some(o)) = (slots[i].key, &outcome)
        {
            practice_feedback(out, q, &response, o).map_err(io)?;
        } else {
            writeln!(out, "  저장됨").map_err(io)?;
        }
        slots[i].given = Some(response);
        outcomes[i] = outcome;
    }
    Ok((End::Completed, outcomes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated essay's reference answer is shown after a practice answer
    /// as itself, line by line under the verdict; other feedback keeps its
    /// "설명:" label.
    #[test]
    fn a_reference_answer_is_shown_as_itself() {
        let mut q = Question::new("w1-essay02", Kind::Essay, "비교하시오");
        q.points = 3.0;
        q.feedback = Some("참고 답안 (문서의 내용):\n- A — 주의: x\n- B — 주의: y".into());
        let r = Response::Text("답안".into());
        let o = crate::score::score(&q, &r, &crate::model::ScoringRules::default());
        let mut out = Vec::new();
        feedback(&mut out, &q, &o, &r).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(
            text.contains("\n  참고 답안 (문서의 내용):\n  - A — 주의: x\n  - B — 주의: y\n"),
            "{text}"
        );
        assert!(!text.contains("설명:"), "{text}");
        q.feedback = Some("ENTRYPOINT는 바뀌지 않습니다".into());
        let mut out = Vec::new();
        feedback(&mut out, &q, &o, &r).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains("  설명: ENTRYPOINT는"), "{text}");
    }

    /// An essay without a rubric waits for the instructor with no predicted
    /// score (a "예상 0/5점" read as a verdict in the trial of 2026-11-30).
    #[test]
    fn an_essay_without_rubric_waits_without_a_prediction() {
        let mut q = Question::new("w1-essay01", Kind::Essay, "설명하시오");
        q.points = 5.0;
        let r = Response::Text("답안입니다".into());
        let o = crate::score::score(&q, &r, &crate::model::ScoringRules::default());
        let mut out = Vec::new();
        feedback(&mut out, &q, &o, &r).expect("write");
        let text = String::from_utf8(out).expect("utf8");
        assert!(
            text.contains("채점 대기: 강사가 답안을 읽고 점수를 매깁니다 (0~5점)"),
            "{text}"
        );
        assert!(!text.contains("예상"), "{text}");
    }

    #[test]
    fn input_parsers() {
        assert_eq!(parse_choice(" 2 ", 4), Ok(1));
        assert!(parse_choice("5", 4).is_err());
        assert!(parse_choice("a", 4).is_err());
        assert!(parse_choice("1 2", 4).is_err());
        assert_eq!(parse_multi("1,3", 4), Ok(vec![0, 2]));
        assert_eq!(parse_multi("3 1 3", 4), Ok(vec![0, 2]));
        assert!(parse_multi("", 4).is_err());
        assert_eq!(parse_truefalse("O"), Ok(true));
        assert_eq!(parse_truefalse("거짓"), Ok(false));
        assert!(parse_truefalse("maybe").is_err());
        assert_eq!(parse_order("3 1 2 4", 4), Ok(vec![2, 0, 1, 3]));
        assert!(parse_order("1 1 2 3", 4).is_err());
        assert!(parse_order("1 2 3", 4).is_err());
        assert_eq!(
            parse_match("1-B 2-a, 3:C", 3, 3),
            Ok(vec![(0, 1), (1, 0), (2, 2)])
        );
        assert!(parse_match("1-B 1-A", 2, 2).is_err());
        assert!(parse_match("1-B", 2, 2).is_err());
        assert!(parse_match("1-Z 2-A", 2, 2).is_err());
        assert!(parse_match("1B 2A", 2, 2).is_err());
    }

    #[test]
    fn match_error_example_has_every_pair() {
        let e = parse_match("1-B 2-A", 3, 3).expect_err("two of three");
        assert_eq!(e, "왼쪽 3개를 모두 연결하세요 (예: 1-B 2-C 3-A).");
        assert_eq!(example_match(2, 2), "1-B 2-A");
        assert_eq!(example_match(4, 3), "1-B 2-C 3-A 4-B");
    }
}
