//! `quiz take`: a daily quiz in the terminal, kept in the gradebook; or, with
//! `--form`, a released form taken offline into a submission file.

use super::report;
use crate::assemble::{self, Request};
use crate::bank::{Bank, week_of};
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic};
use crate::gradebook::{Attempt, Gradebook, now};
use crate::model::{
    Form, FormQuestion, Mode, Question, ReleasedForm, ScoringRules, Submission, SubmittedAnswer,
};
use crate::runner::{self, End, Recorder, Slot};
use crate::score::{Outcome, Response};
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Options of `quiz take`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bank folder.
    pub questions: PathBuf,
    /// Rubrics folder.
    pub rubrics: PathBuf,
    /// Unit prefix; None: today's from the schedule.
    pub unit: Option<String>,
    /// Student id.
    pub student: String,
    /// Number of questions.
    pub count: usize,
    /// Explicit seed.
    pub seed: Option<u64>,
    /// Practice or exam.
    pub mode: Mode,
    /// Gradebook file.
    pub db: PathBuf,
    /// Course schedule file.
    pub course: PathBuf,
    /// The date (for the schedule and review boxes).
    pub today: NaiveDate,
    /// A released form to take offline.
    pub form: Option<PathBuf>,
    /// Where submission files go.
    pub out_dir: PathBuf,
    /// How long an attempt stays held without a heartbeat.
    pub lease_ttl: std::time::Duration,
    /// Echo input lines (stdin is not a terminal).
    pub echo: bool,
}

/// Today's unit from the schedule file.
pub fn todays_unit(course: &Path, today: NaiveDate) -> Result<Option<String>> {
    let text = std::fs::read_to_string(course).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Usage(format!(
                "단원을 주지 않았고 수업 일정 {}이(가) 없습니다: 단원을 주거나(예: `quiz take w3d5`) 일정 파일을 만드세요 (README 참고)",
                display(course)
            ))
        } else {
            Error::io(course, e)
        }
    })?;
    let s = crate::schedule::Schedule::parse(&display(course), &text).map_err(|diags| {
        Error::Usage(
            diags
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    Ok(s.unit_on(today))
}

struct Book<'a> {
    gb: &'a mut Gradebook,
    attempt: i64,
    holder: &'a str,
    /// Form position of each slot.
    positions: &'a [usize],
    student: String,
    today: NaiveDate,
}

impl Recorder for Book<'_> {
    fn record(
        &mut self,
        position: usize,
        q: &FormQuestion,
        response: &Response,
        outcome: Option<&Outcome>,
    ) -> Result<()> {
        let (points, max, status) = outcome
            .map_or((0.0, q.points, crate::score::Status::Auto), |o| {
                (o.points, o.max, o.status)
            });
        let position = self.positions.get(position).copied().unwrap_or(position);
        self.gb.record(
            self.attempt,
            self.holder,
            position,
            &q.id,
            response,
            points,
            max,
            status,
        )?;
        if let Some(o) = outcome
            && o.status == crate::score::Status::Auto
        {
            self.gb
                .review_update(&self.student, &q.id, o.is_correct(), self.today)?;
        }
        Ok(())
    }
}

fn rules_for(bank: &Bank) -> impl Fn(&Question) -> ScoringRules + '_ {
    move |q: &Question| {
        let week = bank.find(&q.id).and_then(|(f, _)| week_of(&f.file.unit));
        week.and_then(|w| bank.rubrics.get(&w))
            .map(|r| r.rubric.scoring.clone())
            .unwrap_or_default()
    }
}

/// Run `quiz take`.
pub fn run(o: &Options, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<()> {
    if let Some(form) = &o.form {
        return run_offline(o, form, input, out);
    }
    let io = |e| Error::io("terminal", e);
    let unit = match &o.unit {
        Some(u) => u.clone(),
        None => match todays_unit(&o.course, o.today)? {
            Some(u) => {
                writeln!(out, "오늘({})의 단원: {u}", o.today).map_err(io)?;
                u
            }
            None => {
                return Err(Error::Usage(format!(
                    "{}은(는) {}에 따르면 수업일이 아닙니다: 단원을 주세요 (예: `quiz take w3d5`)",
                    o.today,
                    display(&o.course)
                )));
            }
        },
    };
    let mut gb = Gradebook::open(&o.db)?;
    gb.set_lease_ttl(o.lease_ttl);
    let (roster, known) = gb.roster_status(&o.student)?;
    if roster && !known {
        return Err(Error::Usage(format!(
            "학번 `{}`이(가) {}의 명단에 없습니다: 학번을 확인하거나 강사에게 문의하세요 (`quiz roster list`)",
            o.student,
            display(&o.db)
        )));
    }
    let (bank, mut diags) = Bank::load_unit(&o.questions, &o.rubrics, &unit)?;
    // Only questions `check` accepts are ever shown.
    let served = crate::check::servable(&bank, &mut diags);
    let (errors, _) = report(&mut diags);
    let questions: Vec<&Question> = served.iter().map(|(_, q)| *q).collect();
    if questions.is_empty() {
        return Err(Error::Usage(format!(
            "{}에 단원 `{unit}`의 문항이 없습니다",
            display(&o.questions)
        )));
    }

    let attempt: Attempt = match gb.unfinished(&o.student, &unit)? {
        Some(a) => a,
        None => {
            let review = if o.mode == Mode::Practice {
                gb.due_reviews(&o.student, o.today)?
            } else {
                Vec::new()
            };
            let version = bank.version();
            let (student, count, seed) = (o.student.clone(), o.count, o.seed);
            gb.start_attempt(&o.student, &unit, o.mode, |n| {
                let seed = seed.unwrap_or_else(|| assemble::seed_for(&student, &unit, n));
                let req = Request {
                    questions: &questions,
                    review: &review,
                    count,
                    seed,
                };
                assemble::assemble(
                    &req,
                    format!("{student}-{unit}-{n}"),
                    &unit,
                    &student,
                    &version,
                )
            })?
        }
    };
    let holder = crate::gradebook::new_holder();
    gb.claim_attempt(attempt.id, &holder, Utc::now())?;
    let beat = Heartbeat::start(&o.db, o.lease_ttl, attempt.id, &holder);
    // Ctrl-C ends the run as `q` does: the attempt is handed back at once.
    let _interrupt = {
        let (db, id, holder) = (o.db.clone(), attempt.id, holder.clone());
        crate::interrupt::during_quiz(move || {
            if let Ok(mut gb) = Gradebook::open(&db) {
                let _ = gb.release_attempt(id, &holder);
            }
        })
    };
    let given: BTreeMap<usize, Response> = gb
        .responses(attempt.id)?
        .into_iter()
        .map(|r| (r.position, r.response))
        .collect();
    let mut slots: Vec<Slot<'_>> = Vec::with_capacity(attempt.form.items.len());
    // Form position of each slot: a question removed from the bank since the
    // attempt started is dropped (0 of 0, as `regrade` does) and the attempt
    // goes on without it; so is one `check` now rejects.
    let mut positions: Vec<usize> = Vec::with_capacity(attempt.form.items.len());
    for (i, item) in attempt.form.items.iter().enumerate() {
        let Some(q) = questions.iter().find(|q| q.id == item.question).copied() else {
            if !given.contains_key(&i) {
                gb.record(
                    attempt.id,
                    &holder,
                    i,
                    &item.question,
                    &Response::Skipped,
                    0.0,
                    0.0,
                    crate::score::Status::Dropped,
                )?;
            }
            continue;
        };
        positions.push(i);
        slots.push(Slot {
            shown: FormQuestion::new(q, item),
            key: Some(q),
            given: given.get(&i).cloned(),
        });
    }
    let mode_name = if attempt.mode == Mode::Practice {
        "연습"
    } else {
        "시험"
    };
    writeln!(
        out,
        "== {unit} 퀴즈 ({mode_name} 모드) · 학생 {} · {}회차 · {}문제 ==",
        o.student,
        attempt.attempt_no,
        slots.len()
    )
    .map_err(io)?;
    if let Some(notice) = runner::resume_notice(&slots) {
        writeln!(out, "{notice}").map_err(io)?;
    }
    let rules = rules_for(&bank);
    let mut book = Book {
        gb: &mut gb,
        attempt: attempt.id,
        holder: &holder,
        positions: &positions,
        student: o.student.clone(),
        today: o.today,
    };
    let (end, outcomes) = runner::run(
        &mut slots,
        attempt.mode,
        &rules,
        &mut book,
        input,
        out,
        o.echo,
    )?;
    // Stop the beats first, so none renews the lease after it is given up.
    drop(beat);
    if end == End::Quit {
        gb.release_attempt(attempt.id, &holder)?;
        return problems(errors);
    }
    gb.finish(attempt.id, &holder)?;
    summary(
        &bank,
        &slots,
        &outcomes,
        attempt.mode,
        &attempt.started_at,
        out,
    )
    .map_err(io)?;
    problems(errors)
}

/// Exit 1 after the quiz when questions were left out of it (reported above).
fn problems(errors: usize) -> Result<()> {
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}

/// Renews an attempt's lease from a background thread (its own connection)
/// every quarter of the TTL while the student thinks; stops when dropped.
struct Heartbeat {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Heartbeat {
    fn start(db: &Path, ttl: std::time::Duration, attempt: i64, holder: &str) -> Heartbeat {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let (db, holder) = (db.to_path_buf(), holder.to_string());
        let thread = std::thread::spawn(move || {
            let Ok(mut gb) = Gradebook::open(&db) else {
                return;
            };
            gb.set_lease_ttl(ttl);
            let every = (ttl / 4).max(std::time::Duration::from_millis(50));
            // A lost lease ends the beats; the next answer then reports it.
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(every) {
                if gb.heartbeat(attempt, &holder, Utc::now()).is_err() {
                    return;
                }
            }
        });
        Heartbeat {
            stop: Some(tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Heartbeat {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn summary(
    bank: &Bank,
    slots: &[Slot<'_>],
    outcomes: &[Option<Outcome>],
    mode: Mode,
    started: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "\n== 결과 ==")?;
    if mode == Mode::Exam {
        for (i, (s, o)) in slots.iter().zip(outcomes).enumerate() {
            if let (Some(q), Some(o)) = (s.key, o) {
                write!(out, "문제 {}", i + 1)?;
                runner::feedback(out, q, o, s.given.as_ref().unwrap_or(&Response::Skipped))?;
            }
        }
    }
    let mut by_crit: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let (mut total, mut max) = (0.0, 0.0);
    for (s, o) in slots.iter().zip(outcomes) {
        let (Some(q), Some(o)) = (s.key, o) else {
            continue;
        };
        total += o.points;
        max += o.max;
        let crits = if q.criteria.is_empty() {
            vec!["(기준 없음)".to_string()]
        } else {
            q.criteria.clone()
        };
        for c in crits {
            let e = by_crit.entry(c).or_default();
            e.0 += o.points;
            e.1 += o.max;
        }
    }
    let name = |id: &str| {
        bank.rubrics
            .values()
            .flat_map(|r| r.rubric.criteria.iter())
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| format!("{} ({id})", c.name))
    };
    let mut t = crate::table::new(["평가 기준", "점수", "만점"]);
    for (c, (p, m)) in &by_crit {
        t.add_row(vec![name(c), fmt(*p), fmt(*m)]);
    }
    t.add_row(vec!["합계".to_string(), fmt(total), fmt(max)]);
    writeln!(out, "{t}")?;
    writeln!(out, "점수: {} / {}", fmt(total), fmt(max))?;
    if let Ok(start) = DateTime::parse_from_rfc3339(started) {
        let secs = (Utc::now() - start.with_timezone(&Utc))
            .num_seconds()
            .max(0);
        let local: DateTime<Local> = start.with_timezone(&Local);
        writeln!(
            out,
            "소요 시간: {}분 {}초 (시작 {})",
            secs / 60,
            secs % 60,
            local.format("%Y-%m-%d %H:%M")
        )?;
    }
    let review: Vec<String> = slots
        .iter()
        .zip(outcomes)
        .enumerate()
        .filter(|(_, (_, o))| {
            o.as_ref()
                .is_some_and(|o| !o.is_correct() && o.status == crate::score::Status::Auto)
        })
        .map(|(i, (s, _))| {
            format!(
                "  문제 {} ({}): {}",
                i + 1,
                s.shown.id,
                excerpt(&s.shown.prompt)
            )
        })
        .collect();
    if review.is_empty() {
        writeln!(out, "복습할 문제: 없음")?;
    } else {
        writeln!(out, "복습할 문제:")?;
        for r in review {
            writeln!(out, "{r}")?;
        }
    }
    // The note is for essays that were answered; a skipped one has nothing to review.
    if slots.iter().zip(outcomes).any(|(s, o)| {
        s.given.as_ref().is_some_and(|r| *r != Response::Skipped)
            && o.as_ref()
                .is_some_and(|o| o.status == crate::score::Status::NeedsReview)
    }) {
        writeln!(out, "서술형 답안은 강사 검토 후 점수가 확정됩니다.")?;
    }
    Ok(())
}

fn fmt(p: f64) -> String {
    runner::fmt_points(p)
}

fn excerpt(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// Writes the submission file after every answer.
struct SubmissionFile {
    path: PathBuf,
    sub: Submission,
}

impl Recorder for SubmissionFile {
    fn record(
        &mut self,
        _: usize,
        q: &FormQuestion,
        response: &Response,
        _: Option<&Outcome>,
    ) -> Result<()> {
        self.sub.answers.retain(|a| a.question != q.id);
        self.sub.answers.push(SubmittedAnswer {
            question: q.id.clone(),
            response: response.clone(),
            answered_at: now(),
        });
        let text = crate::yaml::to_string(
            &self.sub,
            &["Submission of a released form (`quiz take --form`). Hand it to the instructor."],
        )?;
        write_atomic(&self.path, text.as_bytes())
    }
}

fn run_offline(
    o: &Options,
    form_path: &Path,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<()> {
    let io = |e| Error::io("terminal", e);
    let text = std::fs::read_to_string(form_path).map_err(|e| Error::io(form_path, e))?;
    let form: ReleasedForm =
        crate::yaml::parse(&display(form_path), &text).map_err(|d| Error::Usage(d.to_string()))?;
    // Its form id names the submission file: nothing from the file may lead
    // the path out of --out.
    if !crate::roster::valid_id(&form.form_id) {
        let (line, col) = crate::yaml::Locator::new(&text)
            .top_key("form_id")
            .unwrap_or((1, 1));
        eprintln!(
            "{}",
            crate::error::Diagnostic::error(
                display(form_path),
                line,
                col,
                format!(
                    "시험지 id `{}`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다",
                    form.form_id
                ),
            )
        );
        return Err(Error::Problems { count: 1 });
    }
    if form.student != o.student {
        return Err(Error::Usage(format!(
            "{}은(는) `{}`의 시험지입니다 (`{}`의 것이 아님)",
            display(form_path),
            form.student,
            o.student
        )));
    }
    let path = o.out_dir.join(format!("{}.yaml", form.form_id));
    let sub = match std::fs::read_to_string(&path) {
        Ok(t) => crate::yaml::parse::<Submission>(&display(&path), &t)
            .map_err(|d| Error::Usage(d.to_string()))?,
        Err(_) => Submission {
            form_id: form.form_id.clone(),
            unit: form.unit.clone(),
            student: form.student.clone(),
            seed: form.seed,
            started_at: now(),
            submitted_at: None,
            answers: Vec::new(),
        },
    };
    if sub.submitted_at.is_some() {
        return Err(Error::Usage(format!(
            "{}은(는) 이미 제출했습니다",
            display(&path)
        )));
    }
    let mut slots: Vec<Slot<'_>> = form
        .questions
        .iter()
        .map(|q| Slot {
            shown: q.clone(),
            key: None,
            given: sub
                .answers
                .iter()
                .find(|a| a.question == q.id)
                .map(|a| a.response.clone()),
        })
        .collect();
    writeln!(
        out,
        "== {} 평가 · 학생 {} · {}문제 ==",
        form.unit,
        form.student,
        slots.len()
    )
    .map_err(io)?;
    if let Some(notice) = runner::resume_notice(&slots) {
        writeln!(out, "{notice}").map_err(io)?;
    }
    let mut rec = SubmissionFile {
        path: path.clone(),
        sub,
    };
    // Every answer is in the submission file already: Ctrl-C only says so.
    let _interrupt = crate::interrupt::during_quiz(|| {});
    let (end, _) = runner::run(
        &mut slots,
        Mode::Exam,
        &|_| ScoringRules::default(),
        &mut rec,
        input,
        out,
        o.echo,
    )?;
    if end == End::Quit {
        return Ok(());
    }
    rec.sub.submitted_at = Some(now());
    let text = crate::yaml::to_string(
        &rec.sub,
        &["Submission of a released form (`quiz take --form`). Hand it to the instructor."],
    )?;
    write_atomic(&path, text.as_bytes())?;
    writeln!(out, "\n제출 파일을 저장했습니다: {}", display(&path)).map_err(io)?;
    Ok(())
}

/// The form of an attempt, for tests and `quiz show`-like tools.
pub fn form_of(a: &Attempt) -> &Form {
    &a.form
}
