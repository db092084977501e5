//! Student pages: home, start, the attempt (practice one question at a time,
//! exam as a whole form), saving answers, heartbeats, submit, results.

use super::views::{self, QView};
use super::{App, Shared, WebError, blocking, json, json_error, redirect, wants_json};
use crate::attempt;
use crate::gradebook::{Attempt, Gradebook};
use crate::model::{FormQuestion, Mode};
use crate::runner::fmt_points;
use crate::score::{Response as Given, Status};
use axum::extract::{Form, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Practice => "연습",
        Mode::Exam => "시험",
    }
}

pub(super) fn local(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t).map_or_else(
        |_| t.to_string(),
        |d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        },
    )
}

/// GET /
pub async fn home(State(app): State<Shared>, h: HeaderMap) -> Response {
    blocking(app, move |app| {
        let st = app.loaded();
        let s = match app.session(&h)? {
            None => return Ok(redirect("/login")),
            Some(s) => s,
        };
        let Some(student) = s.s.student.clone() else {
            return Ok(redirect("/teach"));
        };
        let today = app.today();
        let today_unit = crate::cmd::take::todays_unit(&app.cfg.course, today)
            .ok()
            .flatten();
        let gb = app.reader();
        // No practice button the start would refuse: an exam of the unit
        // is open (trial of 2026-12-01).
        let exam_open = match &today_unit {
            Some(u) => attempt::opened_exam(&gb, None, u)?.is_some(),
            None => false,
        };
        let now = crate::gradebook::now();
        let quizzes = gb
            .quizzes()?
            .into_iter()
            .filter(|q| q.open_to(&student, &now))
            .map(|q| views::QuizLink {
                id: q.id,
                unit: q.unit,
                mode: if q.mode == "exam" { "시험" } else { "연습" },
                limit: q
                    .time_limit_min
                    .map(|m| format!("{m}분"))
                    .unwrap_or_default(),
            })
            .collect();
        let mut past = Vec::new();
        for id in gb.student_attempt_ids(&student)?.into_iter().take(30) {
            let Some(a) = app.attempt(&gb, id)? else {
                continue;
            };
            let questions = st.unit_questions(&a.form.unit);
            let (slots, _, _) = attempt::view(&gb, &a, &questions)?;
            let outcomes = attempt::outcomes(&st.bank, &slots);
            let sum = attempt::summarize(&st.bank, &slots, &outcomes);
            let finished = a.finished_at.is_some()
                || gb
                    .attempt_info(id)?
                    .is_some_and(|i| i.finished_at.is_some());
            // Points of an unfinished exam would tell which saved answers are
            // right before it is submitted: none until it is finished.
            let show = finished || a.mode == Mode::Practice;
            past.push(views::PastAttempt {
                id,
                unit: a.form.unit.clone(),
                mode: mode_name(a.mode),
                started: local(&a.started_at),
                finished,
                score: format!("{} / {}", fmt_points(sum.total), fmt_points(sum.max)),
                criteria: if show {
                    sum.criteria
                        .iter()
                        .map(|(c, p, m)| {
                            (c.clone(), format!("{}/{}", fmt_points(*p), fmt_points(*m)))
                        })
                        .collect()
                } else {
                    Vec::new()
                },
            });
        }
        // Only questions a quiz can serve: not one since hidden, unsigned
        // again (`status: draft`) or gone from the bank.
        let due = gb
            .due_reviews(&student, today)?
            .into_iter()
            .filter(|id| st.is_servable(id))
            .filter_map(|id| {
                st.bank
                    .find(&id)
                    .map(|(_, q)| format!("{id}: {}", attempt::excerpt(&q.prompt)))
            })
            .collect();
        Ok(views::home(&views::HomePage {
            csrf: s.s.csrf.clone(),
            student,
            today: today.to_string(),
            today_unit,
            exam_open,
            quizzes,
            past,
            due,
        })
        .into_response())
    })
    .await
}

/// POST /start
#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    csrf: String,
    quiz: Option<i64>,
    unit: Option<String>,
}

/// Start (or resume) an opened quiz, or practice a unit.
pub async fn start(State(app): State<Shared>, h: HeaderMap, Form(f): Form<StartForm>) -> Response {
    blocking(app, move |app| {
        let st = app.loaded();
        let (s, student) = app.student(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        if !app.start_allowed(&student) {
            return Err(WebError::Bad(format!(
                "퀴즈를 너무 자주 시작했습니다: {}분에 {}번까지입니다. 잠시 뒤에 다시 시작하세요.",
                super::START_WINDOW.as_secs() / 60,
                super::MAX_STARTS
            )));
        }
        let now = crate::gradebook::now();
        let (unit, mode, count, quiz) = match (f.quiz, &f.unit) {
            (Some(id), _) => {
                let q = app.reader().quiz(id)?.ok_or(WebError::NotFound)?;
                if !q.open_to(&student, &now) {
                    return Err(WebError::Bad("이 퀴즈는 열려 있지 않습니다.".into()));
                }
                let mode = if q.mode == "exam" {
                    Mode::Exam
                } else {
                    Mode::Practice
                };
                (q.unit.clone(), mode, q.count, Some(q))
            }
            (None, Some(u)) if crate::roster::valid_id(u) => (u.clone(), Mode::Practice, 10, None),
            _ => return Err(WebError::Bad("단원을 고르세요.".into())),
        };
        let gb = app.reader();
        // Practice shows the key after each answer: not of a unit an open
        // exam draws from, whether the practice is the home's or a quiz the
        // instructor opened (attack of 2026-12-01: an opened practice quiz
        // got past this). Said before anything else is looked at.
        if mode == Mode::Practice && crate::attempt::opened_exam(&gb, None, &unit)?.is_some() {
            return Err(crate::error::Error::ExamOpen { unit }.into());
        }
        if let Some(q) = quiz.as_ref().filter(|q| q.mode == "exam") {
            // An exam is taken once: after submitting, its results. Only this
            // student's attempts are looked at (the whole quiz's progress
            // would make each start cost as much as the class).
            for id in gb.student_attempt_ids(&student)? {
                if gb
                    .attempt_info(id)?
                    .is_some_and(|i| i.quiz_id == Some(q.id) && i.finished_at.is_some())
                {
                    return Ok(redirect(&format!("/a/{id}")));
                }
            }
        }
        drop(gb);
        let questions = st.unit_questions(&unit);
        if questions.is_empty() {
            return Err(WebError::Bad(format!("단원 `{unit}`에 문제가 없습니다.")));
        }
        let mut gb = app.writer();
        // The quiz is checked again under the write connection, which 닫기
        // holds while it closes: a start that waited for it must not begin
        // an attempt on a quiz closed meanwhile (attack of 2026-12-01: an
        // exam started as it closed had no deadline and took answers after).
        if let Some(q) = &quiz {
            let now = crate::gradebook::now();
            if !gb.quiz(q.id)?.is_some_and(|q| q.open_to(&student, &now)) {
                return Err(WebError::Bad("이 퀴즈는 열려 있지 않습니다.".into()));
            }
        }
        // An unfinished exam is never ended by a practice (which shows the
        // keys): the student finishes the exam first, as in the terminal. A
        // practice of the unit left open before an exam is closed by
        // `open_or_start`, after every refusal (it was closed here first, so
        // a refused exam start closed it too).
        if let Some(open) = gb.unfinished(&student, &unit)?
            && open.mode == Mode::Exam
            && mode == Mode::Practice
        {
            return Err(crate::error::Error::ExamUnfinished {
                unit: open.form.unit.clone(),
            }
            .into());
        }
        let a = attempt::open_or_start(
            &mut gb,
            &attempt::Draw {
                bank: &st.bank,
                student: &student,
                unit: &unit,
                mode,
                count,
                seed: None,
                today: app.today(),
                questions: &questions,
                version: &st.version,
            },
        )?;
        if let Some(q) = quiz {
            attempt::link(&mut gb, a.id, &a.started_at, &q)?;
        }
        Ok(redirect(&format!("/a/{}", a.id)))
    })
    .await
}

/// An exam begun outside an opened exam of its unit (in the terminal, before
/// the instructor opened it) is that quiz's attempt once it is open, reached
/// from the home or by its address alike: its limit and window apply and the
/// live page shows it (attack of 2026-12-01: taken up by its address, it took
/// answers after the window closed). `info` is read again when it is linked.
fn adopt(
    gb: &mut Gradebook,
    a: &Attempt,
    info: &mut crate::gradebook::AttemptInfo,
    student: &str,
) -> Result<(), WebError> {
    if info.finished_at.is_none()
        && info.quiz_id.is_none()
        && a.mode == Mode::Exam
        && let Some(q) = attempt::opened_exam(gb, Some(student), &a.form.unit)?
    {
        attempt::link(gb, a.id, &a.started_at, &q)?;
        *info = gb.attempt_info(a.id)?.ok_or(WebError::NotFound)?;
    }
    Ok(())
}

/// The attempt of the request's student (another student's: 404), with the
/// web facts; an attempt past its deadline is finished here first.
fn own_attempt(
    app: &App,
    gb: &mut Gradebook,
    student: &str,
    id: i64,
) -> Result<(Arc<Attempt>, bool, Option<String>, bool), WebError> {
    let mut info = gb.attempt_info(id)?.ok_or(WebError::NotFound)?;
    if info.student != student {
        return Err(WebError::NotFound);
    }
    let a = app.attempt(gb, id)?.ok_or(WebError::NotFound)?;
    adopt(gb, &a, &mut info, student)?;
    let mut overdue = false;
    if info.finished_at.is_none()
        && (info
            .deadline
            .as_deref()
            .is_some_and(|d| d <= crate::gradebook::now().as_str())
            || quiz_closed(gb, info.quiz_id)?)
    {
        overdue = app.close_attempt(gb, id)?;
    }
    let finished = info.finished_at.is_some() || overdue;
    Ok((a, finished, info.deadline, overdue))
}

/// GET /a/{id}?after=POS
#[derive(Deserialize)]
pub struct AfterQuery {
    after: Option<usize>,
}

/// The attempt page: practice question, exam form, or results.
pub async fn attempt_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
    Query(q): Query<AfterQuery>,
) -> Response {
    blocking(app, move |app| page(app, &h, id, q.after, "")).await
}

/// The attempt page, with `error` said above the question (an answer the
/// page's form sent that could not be read: the student tries again there).
fn page(
    app: &App,
    h: &HeaderMap,
    id: i64,
    after: Option<usize>,
    error: &str,
) -> Result<Response, WebError> {
    let st = app.loaded();
    let (s, student) = app.student(h)?;
    let mut gb = app.writer();
    let (a, finished, deadline, overdue) = own_attempt(app, &mut gb, &student, id)?;
    let questions = st.unit_questions(&a.form.unit);
    let note = if overdue {
        "시험 시간이 끝나 서버가 답안을 제출했습니다."
    } else {
        ""
    };
    if finished {
        return results(app, &gb, &a, &s.s.csrf, note);
    }
    gb.claim_attempt(a.id, &s.s.holder, chrono::Utc::now())?;
    let (slots, positions) = attempt::slots(&mut gb, &a, &s.s.holder, &questions)?;
    let beat_ms = u64::try_from((app.cfg.lease_ttl / 4).as_millis())
        .unwrap_or(30_000)
        .clamp(1_000, 30_000);
    let answered = slots.iter().filter(|s| s.given.is_some()).count();
    if a.mode == Mode::Practice {
        let feedback = after.and_then(|pos| {
            let i = positions.iter().position(|p| *p == pos)?;
            let slot = &slots[i];
            let (key, given) = (slot.key?, slot.given.as_ref()?);
            let o = attempt::score(&st.bank, key, given);
            let class = outcome_class(&o);
            Some((
                i + 1,
                class.to_string(),
                attempt::feedback_text(key, given, &o),
            ))
        });
        let question = slots
            .iter()
            .enumerate()
            .find(|(_, s)| s.given.is_none())
            .map(|(i, s)| views::question(positions[i], i + 1, &s.shown, None));
        // Every question left was taken out of the bank since (hidden,
        // unsigned again): the practice is over, as in the terminal.
        if question.is_none() {
            return ended_early(app, &mut gb, &a, &s.s, "연습");
        }
        return Ok(views::practice(&views::PracticePage {
            csrf: s.s.csrf.clone(),
            id,
            unit: a.form.unit.clone(),
            total: slots.len(),
            answered,
            feedback,
            question,
            error: error.to_string(),
            beat_ms,
        })
        .into_response());
    }
    // Every question of the exam was taken out of the bank since: it is
    // over, as a practice is.
    if slots.is_empty() {
        return ended_early(app, &mut gb, &a, &s.s, "시험");
    }
    let views: Vec<QView> = slots
        .iter()
        .enumerate()
        .map(|(i, s)| views::question(positions[i], i + 1, &s.shown, s.given.as_ref()))
        .collect();
    Ok(views::exam(&views::ExamPage {
        csrf: s.s.csrf.clone(),
        id,
        unit: a.form.unit.clone(),
        questions: views,
        answered,
        deadline: deadline.map(|d| {
            let l = local(&d);
            (d, l)
        }),
        error: error.to_string(),
        beat_ms,
    })
    .into_response())
}

/// An attempt whose remaining questions all left the bank: finished, and its
/// results shown with the reason (`what`: 연습 or 시험).
fn ended_early(
    app: &App,
    gb: &mut Gradebook,
    a: &Attempt,
    session: &crate::gradebook::WebSession,
    what: &str,
) -> Result<Response, WebError> {
    gb.finish(a.id, &session.holder)?;
    results(
        app,
        gb,
        a,
        &session.csrf,
        &format!("남은 문제가 더 이상 출제되지 않아 {what}을 마쳤습니다."),
    )
}

/// How an outcome is marked on the page (the CSS class): an essay waiting
/// for the instructor is neither right nor wrong yet.
fn outcome_class(o: &crate::score::Outcome) -> &'static str {
    if o.status == Status::NeedsReview {
        "pending"
    } else if o.is_correct() {
        "right"
    } else if o.points > 0.0 {
        "partial"
    } else {
        "wrong"
    }
}

/// The results page of a finished attempt (the key shows only now).
fn results(
    app: &App,
    gb: &Gradebook,
    a: &Attempt,
    csrf: &str,
    note: &str,
) -> Result<Response, WebError> {
    let st = app.loaded();
    let questions = st.unit_questions(&a.form.unit);
    let (slots, _, _) = attempt::view(gb, a, &questions)?;
    let outcomes = attempt::outcomes(&st.bank, &slots);
    let sum = attempt::summarize(&st.bank, &slots, &outcomes);
    // An exam's keys, and which answers were right, wait until its quiz is
    // closed for everyone: classmates still taking it could be given them
    // (attack of 2026-12-01: 21 of 21 from a friend's results page).
    if a.mode == Mode::Exam && quiz_still_open(gb, gb.attempt_info(a.id)?.and_then(|i| i.quiz_id))?
    {
        let rows = slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let q = s.key?;
                Some(views::ResultRow {
                    num: i + 1,
                    prompt: attempt::excerpt(&q.prompt),
                    feedback: "제출됨".to_string(),
                    class: "pending",
                })
            })
            .collect();
        let note = [
            note,
            "문제별 정답과 풀이는 이 시험이 모두에게 닫힌 뒤에 볼 수 있습니다.",
        ]
        .iter()
        .filter(|n| !n.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
        return Ok(views::results(&views::ResultsPage {
            csrf: csrf.to_string(),
            unit: a.form.unit.clone(),
            mode: mode_name(a.mode),
            criteria: Vec::new(),
            total: fmt_points(sum.total),
            max: fmt_points(sum.max),
            rows,
            review: Vec::new(),
            needs_review: sum.needs_review,
            note,
        })
        .into_response());
    }
    let rows = slots
        .iter()
        .zip(&outcomes)
        .enumerate()
        .filter_map(|(i, (s, o))| {
            let (q, o) = (s.key?, o.as_ref()?);
            let given = s.given.as_ref()?;
            let mut feedback = attempt::feedback_text(q, given, o);
            if let Some((_, Some(comment))) = &s.reviewed {
                feedback.push_str(&format!("\n  강사 의견: {comment}"));
            }
            Some(views::ResultRow {
                num: i + 1,
                prompt: attempt::excerpt(&q.prompt),
                feedback,
                class: outcome_class(o),
            })
        })
        .collect();
    Ok(views::results(&views::ResultsPage {
        csrf: csrf.to_string(),
        unit: a.form.unit.clone(),
        mode: mode_name(a.mode),
        criteria: sum
            .criteria
            .iter()
            .map(|(c, p, m)| (c.clone(), fmt_points(*p), fmt_points(*m)))
            .collect(),
        total: fmt_points(sum.total),
        max: fmt_points(sum.max),
        rows,
        review: sum.review.into_iter().map(|(n, _, t)| (n, t)).collect(),
        needs_review: sum.needs_review,
        note: note.to_string(),
    })
    .into_response())
}

/// The answer as typed on the page: `a` values (repeated for multi and match).
fn answer_line(kind: crate::model::Kind, values: &[String]) -> String {
    use crate::model::Kind;
    match kind {
        Kind::Short | Kind::Cloze | Kind::Essay => values.first().cloned().unwrap_or_default(),
        _ => values
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// A save after an exam's time limit.
const TIME_IS_UP: &str = "시험 시간이 끝났습니다. 서버가 저장된 답안으로 제출했습니다.";

/// Said to an answer for an attempt of a quiz the instructor closed.
const QUIZ_CLOSED: &str = "강사가 퀴즈를 닫았습니다. 저장된 답안으로 제출되었습니다.";

/// Whether the opened quiz `quiz` (an attempt's) is closed by the instructor.
fn quiz_closed(gb: &Gradebook, quiz: Option<i64>) -> Result<bool, WebError> {
    Ok(match quiz {
        Some(q) => gb.quiz(q)?.is_some_and(|q| q.closed_at.is_some()),
        None => false,
    })
}

/// Whether the exam quiz `quiz` still takes answers from someone (not
/// closed, window not passed): its keys wait until then.
fn quiz_still_open(gb: &Gradebook, quiz: Option<i64>) -> Result<bool, WebError> {
    let now = crate::gradebook::now();
    Ok(match quiz {
        Some(q) => gb
            .quiz(q)?
            .is_some_and(|q| q.mode == "exam" && q.open_at(&now)),
        None => false,
    })
}

/// The most `a` fields one answer has (a match question's pairs, a multi's choices).
const MAX_VALUES: usize = 200;

/// POST /a/{id}/answer: store one answer (form fields `csrf`, `pos`, `a`..., `skip`).
pub async fn answer(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let fetch = wants_json(&h);
    let (again, h2) = (app.clone(), h.clone());
    let res = tokio::task::spawn_blocking(move || save(&app, &h, id, &fields)).await;
    match res {
        Ok(Ok((pos, mode, feedback))) => {
            if fetch {
                let body = serde_json::json!({"ok": true, "saved": true, "pos": pos, "feedback": feedback});
                json(&body)
            } else if mode == Mode::Practice {
                redirect(&format!("/a/{id}?after={pos}"))
            } else {
                redirect(&format!("/a/{id}#q{pos}"))
            }
        }
        Ok(Err(e)) if fetch => json_error(e),
        // An answer that could not be read: the same page again, the reason
        // above the question (not an error page with no way back).
        Ok(Err(WebError::Bad(why))) => {
            let mut r = blocking(again, move |app| page(app, &h2, id, None, &why)).await;
            if r.status() == axum::http::StatusCode::OK {
                *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            }
            r
        }
        Ok(Err(e)) => e.into_response(),
        Err(e) => WebError::Internal(format!("작업 실패: {e}")).into_response(),
    }
}

/// Store one answer; returns (position, mode, practice feedback).
fn save(
    app: &App,
    h: &HeaderMap,
    id: i64,
    fields: &[(String, String)],
) -> Result<(usize, Mode, Option<String>), WebError> {
    let st = app.loaded();
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let (s, student) = app.student(h)?;
    app.csrf(&s, h, get("csrf"))?;
    let pos: usize = get("pos")
        .parse()
        .map_err(|_| WebError::Bad("문제 번호가 없습니다.".into()))?;
    let values: Vec<String> = fields
        .iter()
        .filter(|(n, _)| n == "a")
        .map(|(_, v)| crate::printable::clean(v).into_owned())
        .collect();
    if values.len() > MAX_VALUES {
        return Err(WebError::Bad("입력 오류: 값이 너무 많습니다.".into()));
    }
    for v in &values {
        crate::grade::answers::check_length(v)
            .map_err(|why| WebError::Bad(format!("입력 오류: {why}")))?;
    }
    // Reads first, on a read connection: whose attempt, finished, deadline.
    let mut info = app.reader().attempt_info(id)?.ok_or(WebError::NotFound)?;
    if info.student != student {
        return Err(WebError::NotFound);
    }
    // An exam begun outside the opened exam of its unit becomes its attempt
    // ([`adopt`]): its limit and window apply to this answer too. (A
    // practice never needs the write connection here.)
    if info.finished_at.is_none() && info.quiz_id.is_none() {
        let a = app.attempt(&app.reader(), id)?.ok_or(WebError::NotFound)?;
        if a.mode == Mode::Exam {
            adopt(&mut app.writer(), &a, &mut info, &student)?;
        }
    }
    if let Some(finished) = info.finished_at.as_deref() {
        // Closed at or after its deadline: by the time limit (the sweeper or
        // an earlier late save), not by the student.
        if info.deadline.as_deref().is_some_and(|d| d <= finished) {
            return Err(WebError::Conflict(TIME_IS_UP.into()));
        }
        return Err(WebError::Conflict(
            "이미 제출한 응시입니다. 답을 바꿀 수 없습니다.".into(),
        ));
    }
    if info
        .deadline
        .as_deref()
        .is_some_and(|d| d <= crate::gradebook::now().as_str())
    {
        app.close_attempt(&mut app.writer(), id)?;
        return Err(WebError::Conflict(TIME_IS_UP.into()));
    }
    // The quiz it was taken under was closed (닫기 ends its attempts; one
    // that slipped past that ends here).
    if quiz_closed(&app.reader(), info.quiz_id)? {
        app.close_attempt(&mut app.writer(), id)?;
        return Err(WebError::Conflict(QUIZ_CLOSED.into()));
    }
    let a = app.attempt(&app.reader(), id)?.ok_or(WebError::NotFound)?;
    // Practice shows the key after each answer: an answer given there is final
    // (as in the terminal, which never asks a question twice).
    if a.mode == Mode::Practice
        && app
            .reader()
            .responses(id)?
            .iter()
            .any(|r| r.position == pos)
    {
        return Err(WebError::Conflict(
            "이미 답한 문제입니다. 연습에서는 정답을 본 뒤 답을 바꿀 수 없습니다.".into(),
        ));
    }
    // ... and only to the question on screen: the first one not answered,
    // in form order. Another position (an edited `pos`) would show the key
    // of a question never shown (attack of 2026-12-01).
    if a.mode == Mode::Practice {
        let questions = st.unit_questions(&a.form.unit);
        let (slots, positions, _) = attempt::view(&app.reader(), &a, &questions)?;
        let on_screen = slots
            .iter()
            .position(|s| s.given.is_none())
            .and_then(|i| positions.get(i).copied());
        if on_screen != Some(pos) {
            return Err(WebError::Conflict(
                "화면에 있는 문제에만 답할 수 있습니다. 페이지를 새로 고치세요.".into(),
            ));
        }
    }
    let item = a
        .form
        .items
        .get(pos)
        .ok_or_else(|| WebError::Bad("없는 문제입니다.".into()))?;
    let (q, rules) = st
        .served(&a.form.unit, &item.question)
        .ok_or_else(|| WebError::Bad("이 문제는 더 이상 출제되지 않습니다.".into()))?;
    let shown = FormQuestion::new(q, item);
    let response = if get("skip") == "1" {
        Given::Skipped
    } else {
        crate::runner::parse_answer(&shown, &answer_line(shown.kind, &values))
            .map_err(|why| WebError::Bad(format!("입력 오류: {why}")))?
    };
    let outcome = crate::score::score(q, &response, &rules);
    // The write: one short transaction checked against the lease (a finished
    // attempt is refused there too), and the Leitner update.
    attempt::store(
        &mut app.writer(),
        a.id,
        &s.s.holder,
        pos,
        &shown,
        &response,
        Some(&outcome),
        &student,
        app.today(),
        a.mode,
    )?;
    let mut feedback = None;
    if a.mode == Mode::Practice {
        feedback = Some(attempt::feedback_text(q, &response, &outcome));
        // Practice ends when every question has its answer, as in the terminal.
        let questions = st.unit_questions(&a.form.unit);
        let (slots, _, _) = attempt::view(&app.reader(), &a, &questions)?;
        if slots.iter().all(|s| s.given.is_some()) {
            app.writer().finish(a.id, &s.s.holder)?;
        }
    }
    Ok((pos, a.mode, feedback))
}

/// POST /a/{id}/beat: renew the lease while the student thinks.
pub async fn beat(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<super::auth::CsrfForm>,
) -> Response {
    let res = tokio::task::spawn_blocking(move || -> Result<(), WebError> {
        let (s, student) = app.student(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        let mut gb = app.writer();
        let (_, finished, _, _) = own_attempt(&app, &mut gb, &student, id)?;
        if finished {
            return Err(WebError::Conflict("이미 끝난 응시입니다.".into()));
        }
        gb.heartbeat(id, &s.s.holder, chrono::Utc::now())?;
        Ok(())
    })
    .await;
    match res {
        Ok(Ok(())) => json(&serde_json::json!({"ok": true})),
        Ok(Err(e)) => json_error(e),
        Err(e) => json_error(WebError::Internal(e.to_string())),
    }
}

/// POST /a/{id}/submit: finish the attempt (unanswered questions count as
/// unanswered), then the results.
pub async fn submit(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<super::auth::CsrfForm>,
) -> Response {
    blocking(app, move |app| {
        let (s, student) = app.student(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        let mut gb = app.writer();
        let (a, finished, _, _) = own_attempt(app, &mut gb, &student, id)?;
        if !finished {
            // Only the session holding the attempt may submit it.
            gb.claim_attempt(a.id, &s.s.holder, chrono::Utc::now())?;
            app.close_attempt(&mut gb, a.id)?;
        }
        Ok(redirect(&format!("/a/{id}")))
    })
    .await
}
