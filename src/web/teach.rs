//! Instructor pages: open and close quizzes, live progress (SSE), the essay
//! review queue, checklist levels per student, report downloads, item stats.

use super::views;
use super::{App, Shared, WebError, blocking, json, redirect};
use crate::grade::Index;
use crate::model::Mode;
use crate::runner::fmt_points;
use crate::score::{self, Response as Given};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

fn mode_name(m: &str) -> &'static str {
    if m == "exam" { "시험" } else { "연습" }
}

/// GET /teach
pub async fn home(State(app): State<Shared>, h: HeaderMap) -> Response {
    blocking(app, move |app| {
        let st = app.loaded();
        let s = app.instructor(&h)?;
        let now = crate::gradebook::now();
        let quizzes: Vec<views::TeachQuiz> = app
            .reader()
            .quizzes()?
            .into_iter()
            .map(|q| views::TeachQuiz {
                open: q.open_at(&now),
                id: q.id,
                unit: q.unit,
                mode: mode_name(&q.mode),
                count: q.count,
                limit: q
                    .time_limit_min
                    .map(|m| format!("{m}분"))
                    .unwrap_or_default(),
                students: if q.students.is_empty() {
                    "전체".to_string()
                } else {
                    q.students.join(", ")
                },
                opened: super::student::local(&q.opened_at),
            })
            .collect();
        let units: BTreeSet<String> = st
            .bank
            .questions()
            .filter(|(_, q)| st.is_servable(&q.id))
            .map(|(f, _)| f.file.unit.clone())
            .collect();
        // Units with questions waiting for a signature (`quiz sign`).
        let mut drafts: BTreeMap<String, usize> = BTreeMap::new();
        for (f, _) in st.bank.questions().filter(|(_, q)| q.is_draft()) {
            *drafts.entry(f.file.unit.clone()).or_default() += 1;
        }
        Ok(views::teach(&views::TeachPage {
            csrf: s.s.csrf.clone(),
            drafts: drafts
                .into_iter()
                .map(|(u, n)| format!("{u} {n}개"))
                .collect::<Vec<_>>()
                .join(", "),
            open: quizzes.iter().filter(|q| q.open).count(),
            quizzes,
            units: units.into_iter().collect(),
            weeks: st.bank.rubrics.keys().copied().collect(),
        })
        .into_response())
    })
    .await
}

/// POST /teach/quizzes
#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    mode: String,
    #[serde(default)]
    count: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    students: String,
    #[serde(default)]
    window: String,
}

/// Open a unit as a quiz.
pub async fn open_quiz(
    State(app): State<Shared>,
    h: HeaderMap,
    Form(f): Form<OpenForm>,
) -> Response {
    blocking(app, move |app| {
        let st = app.loaded();
        let s = app.instructor(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        let unit = f.unit.trim();
        let valid = crate::roster::valid_id(unit);
        if !valid || st.unit_questions(unit).is_empty() {
            let drafts = if valid {
                crate::check::drafts(&st.bank, Some(unit))
            } else {
                0
            };
            if drafts > 0 {
                return Err(WebError::Bad(format!(
                    "{} (강사 화면의 문항 승인에서 승인할 수도 있습니다)",
                    crate::check::all_drafts(Some(unit), drafts)
                )));
            }
            return Err(WebError::Bad(format!(
                "단원 `{unit}`에 출제할 문제가 없습니다."
            )));
        }
        let mode = if f.mode == "exam" {
            Mode::Exam
        } else {
            Mode::Practice
        };
        // A practice shows the keys: not of a unit an open exam draws from
        // (students would be refused it; better said now, to the instructor).
        if mode == Mode::Practice
        && let Some(e) = crate::attempt::opened_exam(&app.reader(), None, unit)?
    {
            return Err(WebError::Bad(format!(
                "시험 `{}`이(가) 열려 있어 `{unit}` 연습 퀴즈를 열 수 없습니다 (연습은 정답을 보여 줍니다): 시험을 닫은 뒤에 여세요.",
                e.unit
            )));
        }
        let number = |t: &str, what: &str| -> Result<Option<i64>, WebError> {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            match t.parse::<i64>() {
                Ok(n) if (1..=10_000).contains(&n) => Ok(Some(n)),
                _ => Err(WebError::Bad(format!(
                    "{what}은(는) 1 이상의 정수입니다: `{t}`"
                ))),
            }
        };
        let count = number(&f.count, "문제 수")?.unwrap_or(10);
        let minutes = number(&f.minutes, "제한 시간(분)")?;
        let window = number(&f.window, "열어 둘 시간(분)")?;
        let students: Vec<String> = f
            .students
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(bad) = students.iter().find(|s| !crate::roster::valid_id(s)) {
            return Err(WebError::Bad(format!(
                "학번 `{bad}`이(가) 올바르지 않습니다."
            )));
        }
        // Only a student on the roster can sign in: any other id is a typo,
        // and a quiz for it would be missed by the student meant.
        if !students.is_empty() {
            let known: std::collections::BTreeSet<String> =
                app.reader().students()?.into_iter().map(|s| s.id).collect();
            let unknown: Vec<&str> = students
                .iter()
                .filter(|s| !known.contains(*s))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                return Err(WebError::Bad(format!(
                    "명단에 없는 학번입니다: {}. 학번을 확인하거나 quiz roster import로 먼저 등록하세요.",
                    unknown.join(", ")
                )));
            }
        }
        let closes = window.map(|m| {
            (chrono::Utc::now() + chrono::Duration::minutes(m))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        });
        let id = app.writer().open_quiz(
            unit,
            mode,
            usize::try_from(count).unwrap_or(10),
            if mode == Mode::Exam { minutes } else { None },
            &students,
            closes.as_deref(),
        )?;
        crate::attempt::adopt_open_exams(&mut app.writer(), id)?;
        Ok(redirect(&format!("/teach/quizzes/{id}")))
    })
    .await
}

/// The close form: `csrf`, and `confirm=1` when attempts are in progress.
#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    confirm: String,
}

/// POST /teach/quizzes/{id}/close
pub async fn close_quiz(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
    Form(f): Form<CloseForm>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        app.reader().quiz(id)?.ok_or(WebError::NotFound)?;
        let mut gb = app.writer();
        // Closing ends the attempts in progress too, as a submit would
        // (their unanswered questions count 0 in an exam): a closed quiz
        // takes no more answers. That cannot be undone, so it is confirmed
        // (trial of 2026-12-01: one click zeroed an exam half answered).
        let open: Vec<i64> = gb
            .quiz_progress(id)?
            .into_iter()
            .filter(|p| p.finished_at.is_none())
            .map(|p| p.attempt_id)
            .collect();
        if !open.is_empty() && f.confirm != "1" {
            return Err(WebError::Bad(format!(
                "진행 중인 응시 {}개가 있습니다: 닫으면 지금까지의 답으로 제출되고 못 푼 문제는 0점이며 되돌릴 수 없습니다. 닫으려면 확인란을 체크하고 다시 누르세요.",
                open.len()
            )));
        }
        gb.close_quiz(id)?;
        for a in open {
            app.close_attempt(&mut gb, a)?;
        }
        Ok(redirect("/teach"))
    })
    .await
}

fn progress_rows(
    app: &App,
    id: i64,
) -> Result<(Vec<views::ProgressRow>, Vec<views::FacilityRow>), WebError> {
    let gb = app.reader();
    let names: BTreeMap<String, String> =
        gb.students()?.into_iter().map(|s| (s.id, s.name)).collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    // Rows come by student, then attempt: a practice taken again is its
    // student's attempt 2.
    let mut tries: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows: Vec<views::ProgressRow> = gb
        .quiz_progress(id)?
        .into_iter()
        .map(|p| {
            let n = tries.entry(p.student.clone()).or_default();
            *n += 1;
            views::ProgressRow {
                state: if p.finished_at.is_some() {
                    "제출"
                } else if p.answered == 0 {
                    "시작"
                } else {
                    "진행 중"
                },
                name: name(&p.student),
                attempt: *n,
                student: p.student,
                answered: p.answered,
                questions: p.questions,
                score: format!("{} / {}", fmt_points(p.points), fmt_points(p.max)),
            }
        })
        .collect();
    // The students the quiz is for (the roster when it is for everyone) who
    // have not started it.
    let quiz = gb.quiz(id)?;
    let targets: Vec<String> = match quiz {
        Some(q) if !q.students.is_empty() => q.students,
        _ => names.keys().cloned().collect(),
    };
    for s in targets.into_iter().filter(|s| !tries.contains_key(s)) {
        rows.push(views::ProgressRow {
            name: name(&s),
            student: s,
            attempt: 0,
            answered: 0,
            questions: 0,
            score: String::new(),
            state: "시작 안 함",
        });
    }
    // Each question with the start of its prompt: an id alone told the
    // instructor nothing in class (trial of 2026-12-01).
    let st = app.loaded();
    let facility = gb
        .quiz_facility(id)?
        .into_iter()
        .map(|(q, n, f)| views::FacilityRow {
            prompt: st
                .bank
                .find(&q)
                .map(|(_, x)| crate::attempt::excerpt(&x.prompt))
                .unwrap_or_default(),
            question: q,
            answers: n,
            facility: format!("{f:.2}"),
        })
        .collect();
    Ok((rows, facility))
}

/// GET /teach/quizzes/{id}
pub async fn progress_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        let q = app.reader().quiz(id)?.ok_or(WebError::NotFound)?;
        let (rows, facility) = progress_rows(app, id)?;
        // A form holds at most the unit's served questions: say when that is
        // fewer than asked for, and why when drafts wait.
        let st = app.loaded();
        let served = st.unit_questions(&q.unit).len();
        let drafts = crate::check::drafts(&st.bank, Some(&q.unit));
        let short = match q.count {
            n if n > served => {
                let why = if drafts > 0 {
                    format!(" (검토 전 문항 {drafts}개는 승인해야 출제됩니다: 문항 승인)")
                } else {
                    String::new()
                };
                format!(
                    "문제 {n}개를 요청했지만 이 단원에서 출제되는 문제는 {served}개라 시험지마다 많아야 {served}문제입니다 (같은 보기를 쓰는 문항은 한 시험지에 함께 나오지 않아 더 적을 수 있습니다){why}."
                )
            }
            _ => String::new(),
        };
        let in_progress = rows
            .iter()
            .filter(|r| r.attempt > 0 && r.state != "제출")
            .count();
        Ok(views::progress(&views::ProgressPage {
            csrf: s.s.csrf.clone(),
            id,
            short,
            in_progress,
            open: q.closed_at.is_none(),
            unit: q.unit,
            mode: mode_name(&q.mode),
            rows,
            facility,
        })
        .into_response())
    })
    .await
}

fn progress_value(app: &App, id: i64) -> Result<serde_json::Value, WebError> {
    let (rows, facility) = progress_rows(app, id)?;
    Ok(serde_json::json!({"rows": rows, "facility": facility}))
}

/// GET /teach/quizzes/{id}/progress (JSON)
pub async fn progress_json(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    blocking(app, move |app| {
        app.instructor(&h)?;
        app.reader().quiz(id)?.ok_or(WebError::NotFound)?;
        Ok(json(&progress_value(app, id)?))
    })
    .await
}

/// GET /teach/quizzes/{id}/events: the progress every 2 s (server-sent events).
pub async fn progress_events(
    State(app): State<Shared>,
    h: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let (check, h2) = (app.clone(), h.clone());
    let allowed = tokio::task::spawn_blocking(move || -> Result<(), WebError> {
        check.instructor(&h2)?;
        check.reader().quiz(id)?.ok_or(WebError::NotFound)?;
        Ok(())
    })
    .await;
    match allowed {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return e.into_response(),
        Err(e) => return WebError::Internal(e.to_string()).into_response(),
    }
    // The session is checked at every event: a logout ends the stream
    // (attack of 2026-12-01: it went on sending names and scores).
    let stream = futures_util::stream::unfold((app, true), move |(app, first)| {
        let h = h.clone();
        async move {
            if !first {
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
            let a = app.clone();
            let v = tokio::task::spawn_blocking(move || -> Option<serde_json::Value> {
                a.instructor(&h).ok()?;
                Some(progress_value(&a, id).unwrap_or(serde_json::Value::Null))
            })
            .await
            .ok()
            .flatten()?;
            let ev = Event::default().event("progress").data(v.to_string());
            Some((Ok::<Event, std::convert::Infallible>(ev), (app, false)))
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// ?week=N
#[derive(Deserialize)]
pub struct WeekQuery {
    week: Option<u32>,
    format: Option<String>,
    unit: Option<String>,
}

/// GET /teach/review: essays marked needs-review (as `quiz review` lists them).
pub async fn review_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Query(w): Query<WeekQuery>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        review_view(app, &s.s.csrf, w.week, String::new())
    })
    .await
}

fn review_view(
    app: &App,
    csrf: &str,
    week: Option<u32>,
    message: String,
) -> Result<Response, WebError> {
    let st = app.loaded();
    let index = Index::new(&st.bank);
    let rows = app.reader().rows()?;
    let lookup = |id: &str| index.with_week(id);
    let counts = crate::grade::totals::counted_answers(&rows, &lookup);
    let names: BTreeMap<String, String> = app
        .reader()
        .students()?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let items = rows
        .into_iter()
        .filter(|r| r.status.as_deref() == Some("needs-review"))
        // An exam still being taken can change its answers: reviewed after
        // it is submitted (a score given before was reset by an edit).
        .filter(|r| r.finished_at.is_some() || r.mode == "practice")
        .filter_map(|r| {
            let (q, qw, rules) = index.get(&r.question_id)?;
            if week.is_some_and(|w| *qw != Some(w)) {
                return None;
            }
            let o = score::score(q, &r.response, rules);
            Some(views::ReviewItem {
                attempt: r.attempt_id,
                position: r.position,
                name: names.get(&r.student).cloned().unwrap_or_default(),
                counts: counts.contains(&(r.attempt_id, r.position)),
                student: r.student.clone(),
                question: q.id.clone(),
                prompt: q.prompt.clone(),
                answer: match &r.response {
                    Given::Text(t) => t.clone(),
                    _ => "(답 없음)".to_string(),
                },
                found: if o.matched.is_empty() {
                    "없음".to_string()
                } else {
                    o.matched.join(", ")
                },
                concepts: q
                    .rubric
                    .iter()
                    .map(|c| c.concept.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                suggested: fmt_points(o.points),
                max: fmt_points(q.points),
                manual: q.rubric.is_empty(),
                source: crate::cmd::review::where_from(q),
                reference: q.feedback.clone().unwrap_or_default(),
            })
        })
        .collect();
    Ok(views::review(&views::ReviewPage {
        csrf: csrf.to_string(),
        items,
        week: week.map(|w| w.to_string()).unwrap_or_default(),
        message,
    })
    .into_response())
}

/// POST /teach/review
#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    csrf: String,
    attempt: i64,
    position: usize,
    #[serde(default)]
    points: String,
    #[serde(default)]
    comment: String,
}

/// Confirm or override one essay's score (`quiz review`'s rule: 0..=points).
pub async fn review_save(
    State(app): State<Shared>,
    h: HeaderMap,
    Form(f): Form<ReviewForm>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        let st = app.loaded();
        let index = Index::new(&st.bank);
        let row = app
            .reader()
            .rows()?
            .into_iter()
            .find(|r| r.attempt_id == f.attempt && r.position == f.position)
            .ok_or(WebError::NotFound)?;
        let (q, _, rules) = index.get(&row.question_id).ok_or(WebError::NotFound)?;
        let points = if f.points.trim().is_empty() {
            // Without a rubric there is no suggestion to accept.
            if q.rubric.is_empty() {
                return Err(WebError::Bad(format!(
                    "루브릭이 없는 답안은 점수를 직접 입력해야 합니다 (0부터 {}).",
                    fmt_points(q.points)
                )));
            }
            score::score(q, &row.response, rules).points
        } else {
            match f.points.trim().parse::<f64>() {
                Ok(p) if (0.0..=q.points).contains(&p) => p,
                _ => {
                    return Err(WebError::Bad(format!(
                        "0부터 {} 사이의 점수를 입력하세요.",
                        fmt_points(q.points)
                    )));
                }
            }
        };
        let comment = Some(f.comment.trim()).filter(|c| !c.is_empty());
        app.writer()
            .set_manual(f.attempt, f.position, points, comment, "web")?;
        review_view(
            app,
            &s.s.csrf,
            None,
            format!("확정: {} {} {}점", row.student, q.id, fmt_points(points)),
        )
    })
    .await
}

/// ?unit=
#[derive(Deserialize)]
pub struct UnitQuery {
    unit: Option<String>,
}

/// At most this many drafts on one page (a unit has far fewer).
const SIGN_PAGE: usize = 60;

/// GET /teach/sign: the drafts `quiz extract` made, to read and sign or hide
/// (as `quiz sign` does in the terminal), and the hidden questions, to bring
/// back.
pub async fn sign_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Query(q): Query<UnitQuery>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        let unit = checked_unit(q.unit.as_deref().unwrap_or(""))?;
        sign_view(app, &s.s.csrf, unit, Note::default(), None)
    })
    .await
}

/// What the signing page says above the list.
#[derive(Default)]
struct Note {
    text: String,
    /// Said in red: nothing (or not everything) was done.
    error: bool,
}

impl Note {
    fn done(text: String) -> Self {
        Note { text, error: false }
    }
    fn refused(text: String) -> Self {
        Note { text, error: true }
    }
}

/// A unit filter as typed: empty (the whole bank) or a unit id or prefix.
fn checked_unit(unit: &str) -> Result<&str, WebError> {
    let unit = unit.trim();
    if !unit.is_empty() && !crate::roster::valid_id(unit) {
        return Err(WebError::Bad(format!(
            "단원 이름이 올바르지 않습니다: `{unit}`"
        )));
    }
    Ok(unit)
}

/// `refused`: (id, text) of an edit that was not taken, shown again in its box.
fn sign_view(
    app: &App,
    csrf: &str,
    unit: &str,
    mut note: Note,
    refused: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    use crate::bank::unit_matches;
    use crate::cmd::sign::source_view;
    let st = app.loaded();
    let of_unit = |f: &crate::bank::LoadedFile| unit.is_empty() || unit_matches(&f.file.unit, unit);
    if note.text.is_empty() && !unit.is_empty() && !st.bank.files.iter().any(&of_unit) {
        note = Note::refused(format!(
            "문제 은행에 `{unit}`에 맞는 단원이 없습니다 (단원 id는 소문자입니다: w2d4, w2d4s8)"
        ));
    }
    let mut units: BTreeMap<String, usize> = BTreeMap::new();
    for (f, _) in st.bank.questions().filter(|(_, q)| q.is_draft()) {
        *units.entry(f.file.unit.clone()).or_default() += 1;
    }
    let todo: Vec<_> = st
        .bank
        .questions()
        .filter(|(f, q)| q.is_draft() && of_unit(f))
        .collect();
    // At most a few pages' worth (a bank may hide thousands): the unit filter
    // finds the rest.
    let hidden = st
        .bank
        .questions()
        .filter(|(f, q)| q.is_hidden() && of_unit(f))
        .take(SIGN_PAGE * 4)
        .map(|(f, q)| {
            (
                q.id.clone(),
                f.file.unit.clone(),
                crate::attempt::excerpt(&q.prompt),
            )
        })
        .collect();
    let mut current = app
        .sources
        .current(todo.iter().take(SIGN_PAGE).map(|(_, q)| *q));
    let project = crate::cmd::sign::project_of(&app.cfg.questions);
    let items = todo
        .iter()
        .take(SIGN_PAGE)
        .map(|(f, q)| {
            let v = source_view(&mut current, q, &project).unwrap_or_default();
            let kept = refused
                .filter(|(id, _)| *id == q.id)
                .map(|(_, t)| t.to_string());
            let editing = kept.is_some();
            views::SignItem {
                // A refused edit's reason, beside its box as well as on top.
                error: if editing {
                    note.text.clone()
                } else {
                    String::new()
                },
                yaml: kept.unwrap_or_else(|| crate::cmd::sign::editable(q).unwrap_or_default()),
                editing,
                hint: crate::cmd::sign::what_to_check(q).unwrap_or_default(),
                seen: crate::cmd::sign::mark(q),
                id: q.id.clone(),
                unit: f.file.unit.clone(),
                kind: crate::runner::kind_label(q.kind),
                // As `quiz show` prints it, without the terminal's status
                // hint (every card here is a draft).
                text: crate::cmd::show::render_without_line(&st.bank, &f.file.unit, q)
                    .lines()
                    .filter(|l| !l.starts_with("status:"))
                    .collect::<Vec<_>>()
                    .join("\n"),
                source: if v.file.is_empty() {
                    String::new()
                } else {
                    format!("{}:{}", v.file, v.line)
                },
                warning: v.warning.unwrap_or_default(),
                lines: v
                    .lines
                    .into_iter()
                    .map(|(n, l)| (n, l, n == v.line))
                    .collect(),
            }
        })
        .collect();
    Ok(views::sign(&views::SignPage {
        csrf: csrf.to_string(),
        unit: unit.to_string(),
        units: units.into_iter().collect(),
        total: todo.len(),
        items,
        hidden,
        message: note.text,
        error: note.error,
    })
    .into_response())
}

/// POST /teach/sign
#[derive(Deserialize)]
pub struct SignForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    id: String,
    /// sign | hide | edit
    #[serde(default)]
    decision: String,
    /// The status the instructor saw: draft (the default) or hidden.
    #[serde(default)]
    from: String,
    #[serde(default)]
    unit: String,
    /// The question's new text (decision `edit`).
    #[serde(default)]
    yaml: String,
    /// `sign::mark` of the draft as the page showed it.
    #[serde(default)]
    seen: String,
}

/// Sign or hide one question: its `status:` line is written into its bank
/// file as `quiz sign` writes it (decision `edit`: the instructor's text of
/// the question replaces its lines, locked and signed, as `quiz sign`'s `e`
/// does), then the bank is read again, so a signed question is served from
/// the next form drawn. A question whose status changed since the page was
/// read (another instructor, a terminal) is not written over.
pub async fn sign_save(
    State(app): State<Shared>,
    h: HeaderMap,
    Form(f): Form<SignForm>,
) -> Response {
    use crate::cmd::sign::{self, Expect};
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        // Everything is checked before anything is written.
        let unit = checked_unit(&f.unit)?;
        let decision = f.decision.as_str();
        if !matches!(decision, "sign" | "hide" | "edit" | "review") {
            return Err(WebError::Bad("승인, 숨김 또는 고쳐서 승인을 고르세요.".into()));
        }
        let id = f.id.trim();
        if id.is_empty() {
            return Err(WebError::Bad("문항을 고르세요 (id가 비었습니다).".into()));
        }
        // The page says which version of the draft was read: a draft changed
        // since (an editor, `quiz extract`, another instructor) is refused.
        let expect = match (f.from.as_str(), f.seen.trim().parse::<u64>()) {
            ("hidden", _) => Expect::Hidden,
            (_, Ok(m)) => Expect::DraftAs(m),
            _ => Expect::Draft,
        };
        let st = app.loaded();
        let (file, _) = st
            .bank
            .find(id)
            .ok_or_else(|| WebError::Bad(format!("문제 은행에 문항 `{id}`이(가) 없습니다.")))?;
        // The file as it is now decides, under its change lock; the path is
        // the bank's, never the form's.
        let done = if decision == "edit" {
            sign::sign_edited(&app.cfg.questions, &st.bank, file, id, &f.yaml, expect).map(|notes| match notes {
                None => format!("{id}은(는) 이미 이 내용으로 고쳐 승인된 문항입니다"),
                Some(notes) => {
                    let notes: String = notes.iter().map(|n| format!(" 참고: {n}.")).collect();
                    format!(
                        "고쳐서 승인했습니다: {id}. 이제 출제되고, quiz extract가 덮어쓰지 않습니다 (locked: true).{notes}"
                    )
                }
            })
        } else if decision == "review" {
            // A hidden question goes back to the drafts, to be read in full.
            sign::unhide(&app.cfg.questions, &file.path, id).map(|changed| {
                if changed {
                    format!("{id}을(를) 검토 전으로 돌렸습니다: 아래 목록에서 읽고 승인하세요")
                } else {
                    format!("{id}은(는) 이미 검토 전입니다")
                }
            })
        } else {
            let hide = decision == "hide";
            sign::set_status(&app.cfg.questions, &file.path, id, hide, expect).map(|changed| match (hide, changed) {
                (false, true) => format!("승인했습니다: {id} (이제 출제됩니다)"),
                (true, true) => format!("숨겼습니다: {id} (되살리려면 아래 숨긴 문항에서)"),
                (false, false) => format!("{id}은(는) 이미 승인된 문항입니다"),
                (true, false) => format!("{id}은(는) 이미 숨긴 문항입니다"),
            })
        };
        drop(st);
        let done = match done {
            Ok(d) => d,
            // Refused: said on the page; an edit stays in its box.
            Err(crate::error::Error::Usage(m)) => {
                let keep = (decision == "edit").then_some((id, f.yaml.as_str()));
                return sign_view(
                    app,
                    &s.s.csrf,
                    unit,
                    Note::refused(format!("저장하지 않았습니다: {m}")),
                    keep,
                );
            }
            // The question's file moved or went since the bank was read:
            // said, and the bank read again so the page shows what is there.
            Err(e @ crate::error::Error::Io { .. }) => {
                let again = match app.reload() {
                    Ok(_) => "문제 은행을 다시 읽었습니다".to_string(),
                    Err(r) => r.to_string(),
                };
                let keep = (decision == "edit").then_some((id, f.yaml.as_str()));
                return sign_view(
                    app,
                    &s.s.csrf,
                    unit,
                    Note::refused(format!("저장하지 않았습니다: {e}. {again}")),
                    keep,
                );
            }
            Err(e) => return Err(e.into()),
        };
        let note = match app.reload() {
            Ok(_) => Note::done(done),
            Err(e) => Note::refused(format!(
                "{done}. 그러나 서버가 문제 은행을 다시 읽지 못해 이 결정은 아직 출제에 반영되지 않았습니다: {e}. 파일을 고친 뒤 문제 은행 다시 읽기를 누르세요"
            )),
        };
        sign_view(app, &s.s.csrf, unit, note, None)
    })
    .await
}

/// POST /teach/reload: read the bank and rubrics again (after `quiz
/// extract`, `quiz sign` in a terminal, or a hand edit), without a restart.
pub async fn reload(State(app): State<Shared>, h: HeaderMap, Form(f): Form<SignForm>) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        app.csrf(&s, &h, &f.csrf)?;
        let unit = checked_unit(&f.unit)?;
        let note = match app.reload() {
            Ok(diags) => {
                let st = app.loaded();
                let total = st.bank.questions().count();
                let drafts = crate::check::drafts(&st.bank, None);
                let served = st
                    .bank
                    .questions()
                    .filter(|(_, q)| st.is_servable(&q.id))
                    .count();
                let warnings = if diags.is_empty() {
                    String::new()
                } else {
                    format!(", 경고 {}개 (quiz check로 보세요)", diags.len())
                };
                Note::done(format!(
                    "문제 은행을 다시 읽었습니다: 문항 {total}개, 출제 {served}개, 검토 전 {drafts}개{warnings}"
                ))
            }
            Err(e) => Note::refused(e.to_string()),
        };
        sign_view(app, &s.s.csrf, unit, note, None)
    })
    .await
}

/// GET /teach/checklist?week=N
pub async fn checklist_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Query(w): Query<WeekQuery>,
) -> Response {
    blocking(app, move |app| {
        let s = app.instructor(&h)?;
        checklist_view(app, &s.s.csrf, w.week, String::new())
    })
    .await
}

fn checklist_view(
    app: &App,
    csrf: &str,
    week: Option<u32>,
    message: String,
) -> Result<Response, WebError> {
    let st = app.loaded();
    let weeks: Vec<u32> = st.bank.rubrics.keys().copied().collect();
    let week = week.or_else(|| weeks.first().copied()).unwrap_or(1);
    let rubric = st.bank.rubrics.get(&week);
    let items: Vec<&crate::model::ChecklistItem> = rubric
        .map(|r| r.rubric.checklist.iter().collect())
        .unwrap_or_default();
    let gb = app.reader();
    let scores = gb.checklist(week)?;
    let rows = gb
        .students()?
        .into_iter()
        .map(|st| views::ChecklistRow {
            cells: items
                .iter()
                .map(|it| {
                    let cur = scores
                        .iter()
                        .find(|c| c.student == st.id && c.item == it.id)
                        .map(|c| c.level.clone());
                    (
                        format!("{}|{}", st.id, it.id),
                        it.levels
                            .iter()
                            .map(|l| (l.name.clone(), cur.as_deref() == Some(l.name.as_str())))
                            .collect(),
                    )
                })
                .collect(),
            student: st.id,
            name: st.name,
        })
        .collect();
    Ok(views::checklist(&views::ChecklistPage {
        csrf: csrf.to_string(),
        week,
        weeks,
        items: items
            .iter()
            .map(|i| (i.id.clone(), i.text.clone()))
            .collect(),
        rows,
        message,
    })
    .into_response())
}

/// POST /teach/checklist: fields `week`, `csrf`, and `<student>|<item>` = level.
pub async fn checklist_save(
    State(app): State<Shared>,
    h: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    blocking(app, move |app| {
        let st = app.loaded();
        let s = app.instructor(&h)?;
        let get = |k: &str| {
            fields
                .iter()
                .find(|(n, _)| n == k)
                .map_or("", |(_, v)| v.as_str())
        };
        app.csrf(&s, &h, get("csrf"))?;
        let week: u32 = get("week")
            .parse()
            .map_err(|_| WebError::Bad("주차가 없습니다.".into()))?;
        let rubric = st
            .bank
            .rubrics
            .get(&week)
            .ok_or_else(|| WebError::Bad(format!("{week}주차 루브릭이 없습니다.")))?;
        let known: BTreeSet<String> = app.reader().students()?.into_iter().map(|s| s.id).collect();
        let at = crate::gradebook::now();
        // Only the cells changed on this page are written, and only over
        // what the page showed: a level saved elsewhere since (a TA's
        // `rubric import`) is kept and said, never reverted by a page read
        // before it (trial of 2026-12-01: a save of one cell rewrote all 63,
        // and the TA's 미흡 went back to 우수, credited to "web").
        let stored: BTreeMap<(String, String), crate::gradebook::ChecklistScore> = app
            .reader()
            .checklist(week)?
            .into_iter()
            .map(|c| ((c.student.clone(), c.item.clone()), c))
            .collect();
        let mut conflicts = Vec::new();
        let mut scores = Vec::new();
        for (k, v) in &fields {
            let Some((student, item)) = k.split_once('|') else {
                continue;
            };
            if k.starts_with("was:") {
                continue;
            }
            let was = fields
                .iter()
                .find(|(n, _)| n.strip_prefix("was:") == Some(k.as_str()))
                .map(|(_, w)| w.trim());
            let now_stored = stored
                .get(&(student.to_string(), item.to_string()))
                .map(|c| c.level.as_str());
            if was == Some(v.trim()) {
                continue;
            }
            if let Some(was) = was
                && now_stored.unwrap_or("") != was
            {
                if let Some(c) = stored.get(&(student.to_string(), item.to_string())) {
                    conflicts.push(format!(
                        "{student} {item}: {}이(가) {}에 {}(으)로 바꿨습니다",
                        c.by,
                        crate::error::local_hhmm(&c.at),
                        c.level
                    ));
                }
                continue;
            }
            if !known.contains(student) {
                return Err(WebError::Bad(format!("명단에 없는 학생 `{student}`")));
            }
            // "-" chosen where a level was shown: cleared.
            if v.trim().is_empty() {
                if was.is_some_and(|w| !w.is_empty()) {
                    scores.push(crate::gradebook::ChecklistScore {
                        student: student.to_string(),
                        week,
                        item: item.to_string(),
                        level: String::new(),
                        points: 0.0,
                        by: "web".to_string(),
                        at: at.clone(),
                    });
                }
                continue;
            }
            if !known.contains(student) {
                return Err(WebError::Bad(format!("명단에 없는 학생 `{student}`")));
            }
            let it = rubric
                .rubric
                .checklist
                .iter()
                .find(|i| i.id == item)
                .ok_or_else(|| WebError::Bad(format!("없는 항목 `{item}`")))?;
            let level = crate::cmd::rubric::checklist_level(it, v.trim())
                .ok_or_else(|| WebError::Bad(format!("`{v}`은(는) {item}의 수준이 아닙니다")))?;
            scores.push(crate::gradebook::ChecklistScore {
                student: student.to_string(),
                week,
                item: it.id.clone(),
                level: level.name.clone(),
                points: level.points,
                by: "web".to_string(),
                at: at.clone(),
            });
        }
        app.writer().set_checklist(&scores)?;
        let mut message = format!("{}개 저장했습니다.", scores.len());
        if !conflicts.is_empty() {
            message.push_str(&format!(
                " 이 페이지를 연 뒤 다른 곳에서 바뀐 칸 {}개는 그대로 두었습니다 ({}). 확인하고 다시 고르세요.",
                conflicts.len(),
                conflicts.join("; ")
            ));
        }
        checklist_view(app, &s.s.csrf, Some(week), message)
    })
    .await
}

/// GET /teach/report?week=N&format=csv|xlsx: the files `quiz report` writes.
pub async fn report_download(
    State(app): State<Shared>,
    h: HeaderMap,
    Query(w): Query<WeekQuery>,
) -> Response {
    blocking(app, move |app| {
        app.instructor(&h)?;
        let week = w
            .week
            .ok_or_else(|| WebError::Bad("주차를 고르세요 (?week=N).".into()))?;
        let xlsx = w.format.as_deref() == Some("xlsx");
        let dir = tempfile::tempdir().map_err(|e| WebError::Internal(e.to_string()))?;
        let mut log = Vec::new();
        let r = crate::cmd::report::run(
            &crate::cmd::report::Options {
                questions: &app.cfg.questions,
                rubrics: &app.cfg.rubrics,
                db: &app.cfg.db,
                week,
                out_dir: dir.path(),
                format: if xlsx {
                    crate::cmd::report::Format::Xlsx
                } else {
                    crate::cmd::report::Format::Csv
                },
                bom: true,
            },
            &mut log,
        );
        if let Err(e) = r
            && !matches!(e, crate::error::Error::Problems { .. })
        {
            return Err(e.into());
        }
        let (name, ctype) = if xlsx {
            (
                format!("week_{week:02}.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        } else {
            ("summary.csv".to_string(), "text/csv; charset=utf-8")
        };
        let path = std::fs::read_dir(dir.path())
            .map_err(|e| WebError::Internal(e.to_string()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .flat_map(|p| {
                if p.is_dir() {
                    vec![p.join(&name)]
                } else {
                    vec![p]
                }
            })
            .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
            .ok_or_else(|| WebError::Bad(String::from_utf8_lossy(&log).to_string()))?;
        let bytes = std::fs::read(&path).map_err(|e| WebError::Internal(e.to_string()))?;
        let download = if xlsx {
            name.clone()
        } else {
            format!("week_{week:02}_summary.csv")
        };
        Ok((
            [
                (header::CONTENT_TYPE, ctype.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{download}\""),
                ),
            ],
            bytes,
        )
            .into_response())
    })
    .await
}

/// GET /teach/stats?unit=U: item analysis as `quiz stats` prints it.
pub async fn stats_page(
    State(app): State<Shared>,
    h: HeaderMap,
    Query(w): Query<WeekQuery>,
) -> Response {
    blocking(app, move |app| {
        app.instructor(&h)?;
        let unit = w.unit.filter(|u| crate::roster::valid_id(u));
        let mut out = Vec::new();
        crate::cmd::stats::run(
            &app.cfg.questions,
            &app.cfg.rubrics,
            &app.cfg.db,
            unit.as_deref(),
            None,
            &mut out,
        )?;
        Ok(views::stats(&views::StatsPage {
            unit: unit.unwrap_or_default(),
            text: String::from_utf8_lossy(&out).to_string(),
        })
        .into_response())
    })
    .await
}
