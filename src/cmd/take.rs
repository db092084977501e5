//! `quiz take`: a daily quiz in the terminal, kept in the gradebook; or, with
//! `--form`, a released form taken offline into a submission file.

use super::report;
use crate::attempt;
use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic_private};
use crate::gradebook::{Attempt, Gradebook, now};
use crate::model::{
    Form, FormQuestion, Mode, Question, ReleasedForm, ScoringRules, Submission, SubmittedAnswer,
};
use crate::runner::{self, End, Recorder, Slot};
use crate::score::{Outcome, Response};
use chrono::{DateTime, Local, NaiveDate, Utc};
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
                "수업 일정 {}이(가) 없어 오늘의 단원을 알 수 없습니다: 일정 파일을 만들거나(README \"Taking quizzes\") --course로 주세요. 단원을 직접 줄 수도 있습니다 (예: `quiz take w3d5`)",
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
    mode: crate::model::Mode,
    /// The attempt's deadline (UTC), when it has one.
    deadline: Option<String>,
}

impl Recorder for Book<'_> {
    fn record(
        &mut self,
        position: usize,
        q: &FormQuestion,
        response: &Response,
        outcome: Option<&Outcome>,
    ) -> Result<()> {
        let position = self.positions.get(position).copied().unwrap_or(position);
        if let Some(d) = &self.deadline
            && d.as_str() <= crate::gradebook::now().as_str()
        {
            return Err(Error::Usage(format!(
                "시험 시간이 {}에 끝났습니다: 이 답은 저장하지 않았습니다 (그 전의 답은 모두 저장되어 있습니다)",
                crate::error::local_hhmm(d)
            )));
        }
        let store = |gb: &mut Gradebook| {
            attempt::store(
                gb,
                self.attempt,
                self.holder,
                position,
                q,
                response,
                outcome,
                &self.student,
                self.today,
                self.mode,
            )
        };
        match store(self.gb) {
            // A PostgreSQL connection closed under a long quiz (a restart, a
            // failover): once more on a new connection, then said plainly.
            Err(e @ Error::Pg { .. }) => match self.gb.reconnect_if_closed() {
                Ok(true) => store(self.gb),
                _ => Err(e),
            },
            other => other,
        }
        .map_err(|e| match e {
            Error::Pg { .. } | Error::Db { .. } => Error::Usage(format!(
                "{e}\n이 답은 저장하지 못했습니다 (앞의 답은 모두 저장되어 있습니다): 성적부가 돌아오면 같은 명령으로 이어서 푸세요"
            )),
            other => other,
        })
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
    let (bank, mut diags) = Bank::load_unit(&o.questions, &o.rubrics, &unit)?;
    // Only questions `check` accepts are ever shown.
    let served = crate::check::servable(&bank, &mut diags);
    let (errors, _) = report(&mut diags);
    let questions: Vec<&Question> = attempt::unit_questions(&served, &unit);
    if questions.is_empty() {
        let drafts = crate::check::drafts(&bank, Some(&unit));
        if drafts > 0 {
            return Err(Error::Usage(crate::check::all_drafts(Some(&unit), drafts)));
        }
        return Err(Error::Usage(format!(
            "{}에 단원 `{unit}`의 문항이 없습니다",
            display(&o.questions)
        )));
    }
    // The gradebook after the bank: the wrong folder (no questions) makes
    // no empty gradebook there (trial of 2026-12-01).
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
    // An exam the instructor opened in the browser that draws from this
    // unit is taken there, with its time limit and on its live page; the
    // terminal only resumes the attempt started from it (trial of
    // 2026-12-01: a terminal exam beside it had no limit and showed the keys).
    if o.mode == Mode::Exam
        && let Some(q) = attempt::opened_exam(&gb, Some(&o.student), &unit)?
    {
        let linked = match gb.unfinished(&o.student, &unit)? {
            Some(a) => gb
                .attempt_info(a.id)?
                .is_some_and(|i| i.quiz_id == Some(q.id)),
            None => false,
        };
        if !linked {
            return Err(Error::Usage(format!(
                "강사가 연 시험 `{}`이(가) 있습니다: 브라우저(quiz serve)에서 응시하세요. 터미널 시험은 그 시험이 닫힌 뒤에 할 수 있습니다",
                q.unit
            )));
        }
    }
    let version = bank.version();
    let attempt: Attempt = attempt::open_or_start(
        &mut gb,
        &attempt::Draw {
            bank: &bank,
            student: &o.student,
            unit: &unit,
            mode: o.mode,
            count: o.count,
            seed: o.seed,
            today: o.today,
            questions: &questions,
            version: &version,
        },
    )?;
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
    let (mut slots, positions) = attempt::slots(&mut gb, &attempt, &holder, &questions)?;
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
    // An exam started in the browser with a time limit keeps it here: past
    // it, the attempt is finished with the answers saved (also when no server
    // runs to do it: attack of 2026-12-01), and answers after it are refused.
    let deadline = gb.attempt_info(attempt.id)?.and_then(|i| i.deadline);
    if let Some(d) = &deadline {
        if d.as_str() <= crate::gradebook::now().as_str() {
            gb.release_attempt(attempt.id, &holder)?;
            attempt::close(&mut gb, &bank, attempt.id, o.today)?;
            writeln!(
                out,
                "시험 시간이 {}에 끝나 저장된 답으로 제출했습니다",
                crate::error::local_hhmm(d)
            )
            .map_err(io)?;
            return Err(Error::Problems { count: 1 });
        }
        writeln!(
            out,
            "제한 시간: {}까지 (브라우저에서 시작한 시험; 지나면 저장된 답으로 제출됩니다)",
            crate::error::local_hhmm(d)
        )
        .map_err(io)?;
    }
    if let Some(notice) = runner::resume_notice(&slots) {
        writeln!(out, "{notice}").map_err(io)?;
    }
    let rules = attempt::rules_for(&bank);
    let mut book = Book {
        gb: &mut gb,
        attempt: attempt.id,
        holder: &holder,
        positions: &positions,
        student: o.student.clone(),
        today: o.today,
        mode: attempt.mode,
        deadline,
    };
    let deadline = book.deadline.clone();
    let ran = runner::run(
        &mut slots,
        attempt.mode,
        &rules,
        &mut book,
        input,
        out,
        o.echo,
    );
    // Stop the beats first, so none renews the lease after it is given up.
    drop(beat);
    let (end, outcomes) = match ran {
        Ok(done) => done,
        Err(e) => {
            // Past its deadline: finished with the answers saved, as the
            // server would.
            if deadline
                .as_deref()
                .is_some_and(|d| d <= crate::gradebook::now().as_str())
            {
                gb.release_attempt(attempt.id, &holder)?;
                attempt::close(&mut gb, &bank, attempt.id, o.today)?;
            }
            return Err(e);
        }
    };
    if end == End::Quit {
        gb.release_attempt(attempt.id, &holder)?;
        return problems(errors);
    }
    gb.finish(attempt.id, &holder)?;
    attempt::review_finished_exam(&mut gb, &bank, attempt.id, o.today)?;
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
    let sum = attempt::summarize(bank, slots, outcomes);
    let mut t = crate::table::new(["평가 기준", "점수", "만점"]);
    for (c, p, m) in &sum.criteria {
        t.add_row(vec![c.clone(), fmt(*p), fmt(*m)]);
    }
    t.add_row(vec!["합계".to_string(), fmt(sum.total), fmt(sum.max)]);
    writeln!(out, "{t}")?;
    writeln!(out, "점수: {} / {}", fmt(sum.total), fmt(sum.max))?;
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
    if sum.review.is_empty() {
        writeln!(out, "복습할 문제: 없음")?;
    } else {
        writeln!(out, "복습할 문제:")?;
        for (n, id, text) in &sum.review {
            writeln!(out, "  문제 {n} ({id}): {text}")?;
        }
    }
    if sum.needs_review {
        writeln!(out, "서술형 답안은 강사 검토 후 점수가 확정됩니다.")?;
    }
    Ok(())
}

fn fmt(p: f64) -> String {
    runner::fmt_points(p)
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
            &["배포된 시험지의 제출 파일 (`quiz take --form`). 강사에게 내세요."],
        )?;
        // The student's alone: its form id and seed authenticate it
        // (attack of 2026-12-01: read from a 0644 file, they let a
        // classmate submit first).
        write_atomic_private(&self.path, text.as_bytes())
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
            reviewed: None,
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
        &["배포된 시험지의 제출 파일 (`quiz take --form`). 강사에게 내세요."],
    )?;
    write_atomic_private(&path, text.as_bytes())?;
    writeln!(out, "\n제출 파일을 저장했습니다: {}", display(&path)).map_err(io)?;
    Ok(())
}

/// The form of an attempt, for tests and `quiz show`-like tools.
pub fn form_of(a: &Attempt) -> &Form {
    &a.form
}
