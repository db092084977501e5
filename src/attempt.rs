//! The attempt flow shared by `quiz take` (terminal) and `quiz serve` (browser):
//! which questions are served, starting or resuming an attempt, the slots of a
//! resumed form (questions that left the bank are dropped), storing one answer
//! (score, record under the lease, Leitner update) and the end-of-quiz summary.
//! There is one copy of each rule; both front ends call these functions.

use crate::assemble::{self, Request};
use crate::bank::{Bank, unit_matches, units_overlap, week_of};
use crate::error::Result;
use crate::gradebook::{Attempt, Gradebook};
use crate::model::{FormQuestion, Mode, Question, ScoringRules};
use crate::runner::Slot;
use crate::score::{self, Outcome, Response, Status};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The scoring rules of a question: its week's rubric rules (default when none).
pub fn rules_for(bank: &Bank) -> impl Fn(&Question) -> ScoringRules + '_ {
    move |q: &Question| {
        bank.find(&q.id)
            .map(|(f, _)| week_rules(bank, &f.file.unit))
            .unwrap_or_default()
    }
}

/// The scoring rules of the week of a question file's unit (default when none).
pub fn week_rules(bank: &Bank, file_unit: &str) -> ScoringRules {
    week_of(file_unit)
        .and_then(|w| bank.rubrics.get(&w))
        .map(|r| r.rubric.scoring.clone())
        .unwrap_or_default()
}

/// The questions of `unit` (a prefix) among `servable` (what `check::servable` accepts).
pub fn unit_questions<'b>(
    servable: &[(&'b crate::bank::LoadedFile, &'b Question)],
    unit: &str,
) -> Vec<&'b Question> {
    servable
        .iter()
        .filter(|(f, _)| unit_matches(&f.file.unit, unit))
        .map(|(_, q)| *q)
        .collect()
}

/// What a new attempt is drawn with.
pub struct Draw<'a, 'q> {
    /// The bank (to close a practice attempt an exam supersedes).
    pub bank: &'a Bank,
    /// Student id.
    pub student: &'a str,
    /// Unit prefix.
    pub unit: &'a str,
    /// Practice or exam.
    pub mode: Mode,
    /// Number of questions.
    pub count: usize,
    /// Explicit seed (None: from student, unit and attempt number).
    pub seed: Option<u64>,
    /// The date (Leitner boxes due).
    pub today: NaiveDate,
    /// The questions that may be drawn.
    pub questions: &'a [&'q Question],
    /// Bank version.
    pub version: &'a str,
}

/// The exam the instructor opened that draws from `unit` or a unit holding
/// it (`w1` for `w1d1`, and the other way round) and is open now: for
/// `student` (their own exam: terminal exams, an exam taken up), or for
/// anyone. Practice is refused while one is open for anyone (terminal,
/// browser, the instructor's page): a student not on the exam's list who
/// practised could pass the keys to those taking it (trial of 2026-12-01).
pub fn opened_exam(
    gb: &Gradebook,
    student: Option<&str>,
    unit: &str,
) -> Result<Option<crate::gradebook::WebQuiz>> {
    let now = crate::gradebook::now();
    Ok(gb.quizzes()?.into_iter().find(|q| {
        q.mode == "exam"
            && match student {
                Some(s) => q.open_to(s, &now),
                None => q.open_at(&now),
            }
            && units_overlap(&q.unit, unit)
    }))
}

/// Links an attempt to the opened quiz it is taken under: it ends at its
/// time limit, or when the quiz's window closes, whichever comes first
/// (attack of 2026-12-01: a quiz whose window had passed still took
/// answers). The limit runs from the attempt's start (an exam begun in the
/// terminal before the quiz opened gets no second full limit).
pub fn link(
    gb: &mut Gradebook,
    attempt: i64,
    started_at: &str,
    q: &crate::gradebook::WebQuiz,
) -> Result<()> {
    let started = chrono::DateTime::parse_from_rfc3339(started_at)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| chrono::Utc::now());
    let limit = q.time_limit_min.map(|m| {
        (started + chrono::Duration::minutes(m)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    });
    let deadline = match (limit, q.closes_at.clone()) {
        (Some(l), Some(c)) => Some(l.min(c)),
        (l, c) => l.or(c),
    };
    gb.link_attempt(attempt, q.id, deadline.as_deref())
}

/// When the instructor opens an exam: every unfinished exam of an
/// overlapping unit (`w1`, `w1d1`) begun before, by a student the quiz is
/// for and not yet taken under an opened quiz, becomes this quiz's attempt
/// (its limit from its own start, the window, 닫기 and the live page apply).
/// Otherwise an exam begun in the terminal went on after the class's exam
/// closed, with the keys its results had shown (attack of 2026-12-01).
/// Returns how many were linked.
pub fn adopt_open_exams(gb: &mut Gradebook, quiz: i64) -> Result<usize> {
    let Some(q) = gb.quiz(quiz)? else {
        return Ok(0);
    };
    if q.mode != "exam" {
        return Ok(0);
    }
    let now = crate::gradebook::now();
    let mut n = 0;
    for o in gb.open_attempts(None, None)? {
        if !units_overlap(&o.unit, &q.unit) || !q.open_to(&o.student, &now) {
            continue;
        }
        let linked = gb.attempt_info(o.id)?.is_some_and(|i| i.quiz_id.is_some());
        if linked {
            continue;
        }
        if gb
            .attempt_by_id(o.id)?
            .is_some_and(|a| a.mode == Mode::Exam)
        {
            link(gb, o.id, &o.started_at, &q)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The student's unfinished attempt at the unit, or a new one drawn for them
/// (practice forms take due review questions).
pub fn open_or_start(gb: &mut Gradebook, d: &Draw<'_, '_>) -> Result<Attempt> {
    // An exam the instructor opened (in the browser) for this student that
    // draws from this unit: no practice of it while it is open, in the
    // terminal as in the browser (attack of 2026-12-01).
    if d.mode == Mode::Practice && opened_exam(gb, None, d.unit)?.is_some() {
        return Err(crate::error::Error::ExamOpen {
            unit: d.unit.to_string(),
        });
    }
    // The student's other unfinished attempts of an overlapping unit (`w2`,
    // `w2d4`, `w2d4s8`), before this one starts:
    // - an exam is finished first, whatever starts now: a practice would show
    //   its keys, another exam's results would too;
    // - a practice is closed (its answers kept, the question on screen
    //   unanswered, its unshown questions no answer): otherwise a student could leave one open, practise another
    //   prefix of the unit with its keys, and come back to answer the first,
    //   which started earlier and so would count (attack of 2026-12-01).
    // (An attempt of this very unit is resumed or superseded below.)
    // Every refusal before anything is closed (a refused start changes
    // nothing).
    let mut practices = Vec::new();
    for o in gb.open_attempts(Some(d.student), None)? {
        let overlaps = units_overlap(&o.unit, d.unit);
        if !overlaps || o.unit == d.unit {
            continue;
        }
        match gb.attempt_by_id(o.id)? {
            Some(a) if a.mode == Mode::Exam => {
                return Err(match d.mode {
                    Mode::Exam => crate::error::Error::OtherExamUnfinished { unit: o.unit },
                    Mode::Practice => crate::error::Error::ExamUnfinished { unit: o.unit },
                });
            }
            Some(_) => practices.push(o.id),
            None => {}
        }
    }
    for id in practices {
        close(gb, d.bank, id, d.today)?;
    }
    if let Some(a) = gb.unfinished(d.student, d.unit)? {
        // An exam supersedes a practice of the unit left open: the practice is
        // closed (its answers kept, the rest unanswered) and the exam starts,
        // rather than the student landing in a practice that shows the keys.
        // A practice drawn short (the unit had few signed questions then)
        // and not answered yet is drawn again now that more can be served:
        // nothing of it was shown with a key.
        let stale = a.mode == Mode::Practice
            && d.mode == Mode::Practice
            && a.form.items.len() < d.count.min(d.questions.len())
            && gb.responses(a.id)?.is_empty();
        if !stale && (a.mode == Mode::Exam || d.mode == Mode::Practice) {
            return Ok(a);
        }
        if stale {
            // Drawn again by the tool, not left by the student: none of its
            // questions is an answer, the one on screen included (trial of
            // 2026-12-01: it counted a 0 the student never gave).
            let fills: Vec<crate::gradebook::Fill> = a
                .form
                .items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    (
                        i,
                        it.question.clone(),
                        crate::yaml::response_to_string(&Response::Skipped),
                        0.0,
                        0.0,
                        Status::Dropped,
                    )
                })
                .collect();
            match gb.close_attempt(a.id, &fills) {
                Ok(()) | Err(crate::error::Error::AttemptFinished { .. }) => {}
                Err(e) => return Err(e),
            }
        } else {
            close(gb, d.bank, a.id, d.today)?;
        }
    }
    let review = if d.mode == Mode::Practice {
        gb.due_reviews(d.student, d.today)?
    } else {
        Vec::new()
    };
    gb.start_attempt(d.student, d.unit, d.mode, |n| {
        // A fresh random seed, recorded with the attempt (its form can be
        // drawn again from it): never one anyone can compute from the
        // student, unit and attempt number, which with the public shuffle
        // gave away each order question's key (attack of 2026-12-01).
        let seed = d.seed.unwrap_or_else(assemble::random_seed);
        let req = Request {
            questions: d.questions,
            review: &review,
            count: d.count,
            seed,
        };
        assemble::assemble(
            &req,
            format!("{}-{}-{n}", d.student, d.unit),
            d.unit,
            d.student,
            d.version,
        )
    })
}

/// The slots of an attempt (what is shown, the key, the answer given) and the
/// form position of each slot. A question removed from the bank since the
/// attempt started, or one `check` now rejects, is dropped (stored as
/// `dropped`, 0 of 0, as `regrade` does) and the attempt goes on without it.
pub fn slots<'q>(
    gb: &mut Gradebook,
    attempt: &Attempt,
    holder: &str,
    questions: &[&'q Question],
) -> Result<(Vec<Slot<'q>>, Vec<usize>)> {
    let (slots, positions, dropped) = view(gb, attempt, questions)?;
    for i in dropped {
        if let Some(item) = attempt.form.items.get(i) {
            gb.record(
                attempt.id,
                holder,
                i,
                &item.question,
                &Response::Skipped,
                0.0,
                0.0,
                Status::Dropped,
            )?;
        }
    }
    Ok((slots, positions))
}

/// The slots of an attempt as [`slots`] makes them, without storing
/// anything: also the positions of questions no longer served and not
/// answered (what [`slots`] stores as dropped).
pub fn view<'q>(
    gb: &Gradebook,
    attempt: &Attempt,
    questions: &[&'q Question],
) -> Result<(Vec<Slot<'q>>, Vec<usize>, Vec<usize>)> {
    let mut reviewed: BTreeMap<usize, (f64, Option<String>)> = BTreeMap::new();
    let given: BTreeMap<usize, Response> = gb
        .responses(attempt.id)?
        .into_iter()
        // A question a closed practice never showed (stored dropped, with no
        // answer) is no answer: its key is never shown for it.
        .filter(|r| {
            !(attempt.mode == Mode::Practice
                && r.status.as_deref() == Some("dropped")
                && r.response == Response::Skipped)
        })
        .map(|r| {
            if r.status.as_deref() == Some("manual")
                && let Some(p) = r.points
            {
                reviewed.insert(r.position, (p, r.comment.filter(|c| !c.trim().is_empty())));
            }
            (r.position, r.response)
        })
        .collect();
    let mut slots = Vec::with_capacity(attempt.form.items.len());
    let mut positions = Vec::with_capacity(attempt.form.items.len());
    let mut dropped = Vec::new();
    for (i, item) in attempt.form.items.iter().enumerate() {
        let Some(q) = questions.iter().find(|q| q.id == item.question).copied() else {
            if !given.contains_key(&i) {
                dropped.push(i);
            }
            continue;
        };
        positions.push(i);
        slots.push(Slot {
            shown: FormQuestion::new(q, item),
            key: Some(q),
            given: given.get(&i).cloned(),
            reviewed: reviewed.remove(&i),
        });
    }
    Ok((slots, positions, dropped))
}

/// The Leitner boxes after a finished exam: each automatically scored answer
/// moves its question, as a practice answer does at once. Nothing for a
/// practice (already done answer by answer) or an attempt not finished.
pub fn review_finished_exam(
    gb: &mut Gradebook,
    bank: &Bank,
    id: i64,
    today: NaiveDate,
) -> Result<()> {
    let Some(a) = gb.attempt_by_id(id)? else {
        return Ok(());
    };
    if a.mode != Mode::Exam || a.finished_at.is_none() {
        return Ok(());
    }
    let ids: std::collections::HashSet<&str> =
        a.form.items.iter().map(|i| i.question.as_str()).collect();
    let questions: Vec<&Question> = bank
        .questions()
        .map(|(_, q)| q)
        .filter(|q| ids.contains(q.id.as_str()))
        .collect();
    let (slots, _, _) = view(gb, &a, &questions)?;
    let found = outcomes(bank, &slots);
    for (s, o) in slots.iter().zip(found) {
        let (Some(q), Some(o)) = (s.key, o) else {
            continue;
        };
        if o.status == Status::Auto && s.given.is_some() {
            gb.review_update(&a.form.student, &q.id, o.is_correct(), today)?;
        }
    }
    Ok(())
}

/// Store one answer at form `position` for the session `holder` (refused when
/// the attempt is finished or held elsewhere) with its outcome (None: the key
/// is not known here); an automatically scored answer moves the question in
/// the student's review boxes.
#[allow(clippy::too_many_arguments)]
pub fn store(
    gb: &mut Gradebook,
    attempt: i64,
    holder: &str,
    position: usize,
    q: &FormQuestion,
    response: &Response,
    outcome: Option<&Outcome>,
    student: &str,
    today: NaiveDate,
    mode: Mode,
) -> Result<()> {
    // A practice begun before the instructor opened an exam of its unit
    // takes no more answers while the exam is open: each would show its key
    // to a student about to take the exam (the rule was checked at start
    // only; trial of 2026-12-01).
    if mode == Mode::Practice
        && let Some(a) = gb.attempt_by_id(attempt)?
        && opened_exam(gb, None, &a.form.unit)?.is_some()
    {
        return Err(crate::error::Error::ExamOpen { unit: a.form.unit });
    }
    let (points, max, status) = outcome.map_or((0.0, q.points, Status::Auto), |o| {
        (o.points, o.max, o.status)
    });
    // One transaction: the answer under the lease, and the Leitner update.
    // Only in practice: an exam's answers move the boxes when it is finished
    // ([`review_finished_exam`]); before, the home's review list would tell
    // which saved exam answers are wrong.
    let review = outcome
        .filter(|o| o.status == Status::Auto && mode == Mode::Practice)
        .map(|o| (student, o.is_correct(), today));
    gb.record_with_review(
        attempt, holder, position, &q.id, response, points, max, status, review,
    )
}

/// Score `response` to `q` with its week's rules.
pub fn score(bank: &Bank, q: &Question, response: &Response) -> Outcome {
    score::score(q, response, &rules_for(bank)(q))
}

/// The end of an attempt: points per weekly criterion and in total, the
/// questions to review.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// (criterion name, points, max), by criterion id.
    pub criteria: Vec<(String, f64, f64)>,
    /// Points.
    pub total: f64,
    /// Max points.
    pub max: f64,
    /// (number on the form, question id, prompt excerpt) of questions not answered right.
    pub review: Vec<(usize, String, String)>,
    /// Some essay awaits the instructor's review.
    pub needs_review: bool,
}

/// The summary of scored slots.
pub fn summarize(bank: &Bank, slots: &[Slot<'_>], outcomes: &[Option<Outcome>]) -> Summary {
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
    let review = slots
        .iter()
        .zip(outcomes)
        .enumerate()
        .filter(|(_, (_, o))| {
            o.as_ref()
                .is_some_and(|o| !o.is_correct() && o.status == Status::Auto)
        })
        .map(|(i, (s, _))| (i + 1, s.shown.id.clone(), excerpt(&s.shown.prompt)))
        .collect();
    Summary {
        criteria: by_crit
            .into_iter()
            .map(|(c, (p, m))| (name(&c), p, m))
            .collect(),
        total,
        max,
        review,
        // For essays that were answered; a skipped one has nothing to review.
        needs_review: slots.iter().zip(outcomes).any(|(s, o)| {
            s.given.as_ref().is_some_and(|r| *r != Response::Skipped)
                && o.as_ref().is_some_and(|o| o.status == Status::NeedsReview)
        }),
    }
}

/// The outcome of every slot (None: not answered, or no key).
pub fn outcomes(bank: &Bank, slots: &[Slot<'_>]) -> Vec<Option<Outcome>> {
    let rules = rules_for(bank);
    slots
        .iter()
        .map(|s| match (s.key, &s.given) {
            // The instructor's score stands over the rule's suggestion.
            (Some(q), Some(r)) => Some(match &s.reviewed {
                Some((points, _)) => score::Outcome {
                    points: *points,
                    max: q.points,
                    status: score::Status::Manual,
                    matched: Vec::new(),
                },
                None => score::score(q, r, &rules(q)),
            }),
            _ => None,
        })
        .collect()
}

/// The first 40 characters of a prompt.
pub fn excerpt(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// The feedback the terminal prints after an answer (practice) or at the end
/// (exam), as text: 정답/오답/부분 정답 with points, the right answer, the
/// explanation and the source line.
pub fn feedback_text(q: &Question, response: &Response, o: &Outcome) -> String {
    let mut buf: Vec<u8> = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::runner::practice_feedback(&mut buf, q, response, o);
    String::from_utf8_lossy(&buf).trim().to_string()
}

/// What [`close`] did: the attempt's form, how many positions it filled, and
/// whether the attempt was a practice (its fills are no answers).
pub struct Closed {
    /// The attempt's form.
    pub form: crate::model::Form,
    /// Positions stored without an answer.
    pub unanswered: usize,
    /// Of those, how many count as unanswered (0 points): all of an exam's,
    /// a practice's question on screen; the rest are no answer (dropped).
    pub zero: usize,
    /// A practice attempt.
    pub practice: bool,
}

/// Close an unfinished attempt: every position still without an answer is
/// stored as [`unanswered_fills`] says. None when it was not open (finished
/// meanwhile, or none).
pub fn close(gb: &mut Gradebook, bank: &Bank, id: i64, today: NaiveDate) -> Result<Option<Closed>> {
    let Some((form, answered)) = gb.open_attempt_form(id)? else {
        return Ok(None);
    };
    let practice = gb
        .attempt_by_id(id)?
        .is_some_and(|a| a.mode == crate::model::Mode::Practice);
    let fills = unanswered_fills(bank, &form, &answered, practice);
    match gb.close_attempt(id, &fills) {
        Ok(()) => {
            review_finished_exam(gb, bank, id, today)?;
            Ok(Some(Closed {
                form,
                unanswered: fills.len(),
                zero: fills
                    .iter()
                    .filter(|f| f.5 != crate::score::Status::Dropped)
                    .count(),
                practice,
            }))
        }
        Err(crate::error::Error::AttemptFinished { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The question each practice still open has on screen, as the unanswered
/// answer (0 of its points) closing that practice would store
/// ([`unanswered_fills`]): what week totals count for a practice left open.
/// Else a student could look at a question they cannot answer, leave the
/// practice open for good and never have it counted (trial of 2026-12-01),
/// while a practice closed (by the student's next quiz, or `quiz attempts
/// close`) counts it. Nothing is written: the report reads the gradebook only.
/// A practice with every question answered, or whose next questions left the
/// bank, gives none.
pub fn on_screen_rows(gb: &Gradebook, bank: &Bank) -> Result<Vec<crate::gradebook::Row>> {
    let mut out = Vec::new();
    for open in gb.open_attempts(None, None)? {
        let Some(a) = gb.attempt_by_id(open.id)? else {
            continue;
        };
        if a.mode != Mode::Practice || a.finished_at.is_some() {
            continue;
        }
        let Some((form, answered)) = gb.open_attempt_form(open.id)? else {
            continue;
        };
        let fills = unanswered_fills(bank, &form, &answered, true);
        let Some(f) = fills.into_iter().find(|f| f.5 != Status::Dropped) else {
            continue;
        };
        out.push(crate::gradebook::Row {
            attempt_id: open.id,
            position: f.0,
            student: open.student.clone(),
            unit: open.unit.clone(),
            attempt_no: open.attempt_no,
            origin: "take".into(),
            question_id: f.1,
            response: Response::Skipped,
            points: Some(f.3),
            max_points: Some(f.4),
            status: Some(f.5.as_str().to_string()),
            comment: None,
            // Not an answer given: the attempt's start, so the latest
            // activity shown is never this report's time.
            answered_at: open.started_at.clone(),
            finished_at: None,
            mode: "practice".into(),
            started_at: open.started_at,
        });
    }
    Ok(out)
}

/// What closing an attempt stores at each position still without an answer:
/// in an exam, unanswered (0 of its points; dropped, 0 of 0, when it left the
/// bank); in a practice, the question on screen unanswered too, and the rest
/// dropped (0 of 0): the student never saw those questions or their keys, so
/// they are no answer and a later one counts in the week total
/// (`grade::totals`).
pub fn unanswered_fills(
    bank: &Bank,
    form: &crate::model::Form,
    answered: &[usize],
    practice: bool,
) -> Vec<crate::gradebook::Fill> {
    let index = crate::grade::Index::new(bank);
    // A practice shows its questions one at a time, in form order: the first
    // unanswered one (still in the bank) is the one on screen when it was
    // closed. It was shown, so it counts as unanswered, like a skip: else a
    // student could look at a question, start another quiz to close this
    // one, and so answer only the questions they know (attack of 2026-12-01).
    let on_screen = form
        .items
        .iter()
        .enumerate()
        .find(|(i, it)| !answered.contains(i) && index.get(&it.question).is_some())
        .map(|(i, _)| i);
    form.items
        .iter()
        .enumerate()
        .filter(|(i, _)| !answered.contains(i))
        .map(|(i, it)| {
            let o = match index.get(&it.question) {
                Some((q, _, rules)) if !practice || on_screen == Some(i) => {
                    score::score(q, &Response::Skipped, rules)
                }
                _ => Outcome::dropped(),
            };
            (
                i,
                it.question.clone(),
                crate::yaml::response_to_string(&Response::Skipped),
                o.points,
                o.max,
                o.status,
            )
        })
        .collect()
}
