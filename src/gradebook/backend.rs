//! The gradebook the commands see: the SQLite file or the PostgreSQL
//! database that `--db` names (a path, or `postgres://user:pass@host:port/db`).
//! Every method goes to the backend in use; both give the same results (the
//! tests run the same scenarios on each and compare).

use super::pg::PgBulk;
use super::pg::{self, PgBook};
use super::sqlite::{self, Sqlite};
use super::*;
use crate::error::Result;
use crate::model::{Form, Mode};
use crate::score::{Response, Status};
use chrono::{DateTime, NaiveDate, Utc};
use std::path::Path;
use std::time::Duration;

/// An open gradebook.
pub enum Gradebook {
    /// One SQLite file.
    Sqlite(Sqlite),
    /// A PostgreSQL database.
    Pg(PgBook),
}

/// A transaction for writing many graded answers fast.
pub enum Bulk<'a> {
    /// SQLite: prepared statements.
    Sqlite(sqlite::Bulk<'a>),
    /// PostgreSQL.
    Pg(PgBulk<'a>),
}

/// The PostgreSQL URL `--db` gives, if it is one.
fn url(path: &Path) -> Option<&str> {
    path.to_str().filter(|p| pg::is_url(p))
}

/// Refuse `--db` text that is a mistyped or unsupported address, before a
/// file of that name is looked for (or created).
fn checked(path: &Path) -> Result<()> {
    match path.to_str().and_then(pg::connect::not_a_gradebook) {
        Some(why) => Err(crate::error::Error::Usage(why)),
        None => Ok(()),
    }
}

impl Gradebook {
    /// Open for a command that records something: SQLite created when
    /// missing and migrated; PostgreSQL connected and migrated.
    pub fn open(path: &Path) -> Result<Gradebook> {
        checked(path)?;
        Ok(match url(path) {
            Some(url) => Gradebook::Pg(PgBook::open(url)?),
            None => Gradebook::Sqlite(Sqlite::open(path)?),
        })
    }

    /// Open for a command that changes what is already recorded (regrade,
    /// review, rubric import): as [`Gradebook::open`], but a SQLite file
    /// that does not exist is an error, as for a reader. Run from the wrong
    /// folder, such a command made an empty gradebook and said it had
    /// nothing to do (trial of 2026-12-01).
    pub fn open_existing(path: &Path) -> Result<Gradebook> {
        checked(path)?;
        match url(path) {
            Some(url) => Ok(Gradebook::Pg(PgBook::open(url)?)),
            None if !path.is_file() => Err(crate::error::Error::Usage(format!(
                "성적부 {}이(가) 없습니다: --db 경로나 지금 폴더를 확인하세요 (성적부는 응시·채점을 기록하는 명령이 처음 만듭니다)",
                crate::fsutil::display(path)
            ))),
            None => Ok(Gradebook::Sqlite(Sqlite::open(path)?)),
        }
    }

    /// Open for a command that only reads (see the SQLite gradebook's
    /// `open_read_only`); PostgreSQL is connected and migrated.
    pub fn open_read_only(path: &Path) -> Result<Gradebook> {
        checked(path)?;
        Ok(match url(path) {
            Some(url) => Gradebook::Pg(PgBook::open(url)?),
            None => Gradebook::Sqlite(Sqlite::open_read_only(path)?),
        })
    }

    /// Connect again if a PostgreSQL connection was closed under it (see
    /// [`PgBook::reconnect_if_closed`]); nothing for SQLite. True when it
    /// connected again.
    pub fn reconnect_if_closed(&self) -> Result<bool> {
        match self {
            Gradebook::Sqlite(_) => Ok(false),
            Gradebook::Pg(b) => b.reconnect_if_closed(),
        }
    }

    /// Start a bulk write (one transaction; dropped without `commit`, nothing is written).
    pub fn bulk(&mut self) -> Result<Bulk<'_>> {
        match self {
            Gradebook::Sqlite(b) => Ok(Bulk::Sqlite(b.bulk()?)),
            Gradebook::Pg(b) => Ok(Bulk::Pg(b.bulk()?)),
        }
    }
}

impl Gradebook {
    /// Unfinished attempts, optionally of one student and/or unit, oldest first.
    pub fn open_attempts(
        &self,
        student: Option<&str>,
        unit: Option<&str>,
    ) -> Result<Vec<OpenAttempt>> {
        match self {
            Gradebook::Sqlite(b) => b.open_attempts(student, unit),
            Gradebook::Pg(b) => b.open_attempts(student, unit),
        }
    }

    /// The form of an unfinished attempt and the positions answered, or None
    /// when there is no such unfinished attempt.
    pub fn open_attempt_form(&self, id: i64) -> Result<Option<(crate::model::Form, Vec<usize>)>> {
        match self {
            Gradebook::Sqlite(b) => b.open_attempt_form(id),
            Gradebook::Pg(b) => b.open_attempt_form(id),
        }
    }

    /// Close an unfinished attempt (instructor): store `fills` at positions
    /// still without an answer, mark it finished and end any lease, in one
    /// transaction. [`Error::AttemptFinished`] when it is finished already.
    pub fn close_attempt(&mut self, id: i64, fills: &[Fill]) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.close_attempt(id, fills),
            Gradebook::Pg(b) => b.close_attempt(id, fills),
        }
    }

    /// Add or update students, in one transaction. Returns (added, updated).
    pub fn upsert_students(&mut self, students: &[Student]) -> Result<(usize, usize)> {
        match self {
            Gradebook::Sqlite(b) => b.upsert_students(students),
            Gradebook::Pg(b) => b.upsert_students(students),
        }
    }

    /// All students, by id.
    pub fn students(&self) -> Result<Vec<Student>> {
        match self {
            Gradebook::Sqlite(b) => b.students(),
            Gradebook::Pg(b) => b.students(),
        }
    }

    /// Whether a roster exists, and whether `id` is on it.
    pub fn roster_status(&self, id: &str) -> Result<(bool, bool)> {
        match self {
            Gradebook::Sqlite(b) => b.roster_status(id),
            Gradebook::Pg(b) => b.roster_status(id),
        }
    }

    /// How many students have attempts.
    pub fn student_count(&self) -> Result<usize> {
        match self {
            Gradebook::Sqlite(b) => b.student_count(),
            Gradebook::Pg(b) => b.student_count(),
        }
    }

    /// Record a new release of `unit` in one transaction: the release number is
    /// the unit's last plus one, and `make(release_no)` builds its forms (form
    /// ids must be new). Nothing is recorded when `make` fails. Returns the
    /// release number and the forms.
    pub fn release_forms(
        &mut self,
        unit: &str,
        make: impl FnOnce(u32) -> Result<Vec<Form>>,
    ) -> Result<(u32, Vec<Form>)> {
        match self {
            Gradebook::Sqlite(b) => b.release_forms(unit, make),
            Gradebook::Pg(b) => b.release_forms(unit, make),
        }
    }

    /// The recorded form with this id, if this gradebook gave it out.
    pub fn form_record(&self, form_id: &str) -> Result<Option<FormRecord>> {
        match self {
            Gradebook::Sqlite(b) => b.form_record(form_id),
            Gradebook::Pg(b) => b.form_record(form_id),
        }
    }

    /// Checkpoint the WAL on commit after this many pages (SQLite's default
    /// 1000); 0: never on commit (the server checkpoints in the background, so
    /// no answer save waits for a checkpoint).
    pub fn set_autocheckpoint(&self, pages: i64) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.set_autocheckpoint(pages),
            Gradebook::Pg(b) => b.set_autocheckpoint(pages),
        }
    }

    /// Copy the WAL into the database file as far as readers allow, waiting
    /// for no one (SQLite's PASSIVE checkpoint).
    pub fn checkpoint(&self) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.checkpoint(),
            Gradebook::Pg(b) => b.checkpoint(),
        }
    }

    /// Store login codes (hashes) for students, replacing theirs, in one transaction.
    pub fn set_login_codes(&mut self, codes: &[(String, String)]) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.set_login_codes(codes),
            Gradebook::Pg(b) => b.set_login_codes(codes),
        }
    }

    /// Students that have a login code.
    pub fn students_with_codes(&self) -> Result<Vec<String>> {
        match self {
            Gradebook::Sqlite(b) => b.students_with_codes(),
            Gradebook::Pg(b) => b.students_with_codes(),
        }
    }

    /// The stored hash of a student's login code.
    pub fn login_code_hash(&self, student: &str) -> Result<Option<String>> {
        match self {
            Gradebook::Sqlite(b) => b.login_code_hash(student),
            Gradebook::Pg(b) => b.login_code_hash(student),
        }
    }

    /// Store an instructor code hash (`one_time`: the login link printed on start).
    pub fn add_instructor_code(&mut self, hash: &str, one_time: bool) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.add_instructor_code(hash, one_time),
            Gradebook::Pg(b) => b.add_instructor_code(hash, one_time),
        }
    }

    /// Every instructor code hash with whether it is one-time.
    pub fn instructor_codes(&self) -> Result<Vec<(String, bool)>> {
        match self {
            Gradebook::Sqlite(b) => b.instructor_codes(),
            Gradebook::Pg(b) => b.instructor_codes(),
        }
    }

    /// Use up a one-time instructor code; false when it was used already.
    pub fn use_one_time_code(&mut self, hash: &str) -> Result<bool> {
        match self {
            Gradebook::Sqlite(b) => b.use_one_time_code(hash),
            Gradebook::Pg(b) => b.use_one_time_code(hash),
        }
    }

    /// Store a new browser session.
    pub fn create_session(&mut self, token_hash: &str, s: &WebSession) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.create_session(token_hash, s),
            Gradebook::Pg(b) => b.create_session(token_hash, s),
        }
    }

    /// A session by its token hash (expired ones too: the caller checks).
    pub fn session(&self, token_hash: &str) -> Result<Option<WebSession>> {
        match self {
            Gradebook::Sqlite(b) => b.session(token_hash),
            Gradebook::Pg(b) => b.session(token_hash),
        }
    }

    /// The hashes of every session stored (what a server's cache may keep).
    pub fn session_hashes(&self) -> Result<Vec<String>> {
        match self {
            Gradebook::Sqlite(b) => b.session_hashes(),
            Gradebook::Pg(b) => b.session_hashes(),
        }
    }

    /// End a session.
    pub fn delete_session(&mut self, token_hash: &str) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.delete_session(token_hash),
            Gradebook::Pg(b) => b.delete_session(token_hash),
        }
    }

    /// Open a unit as a quiz; returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn open_quiz(
        &mut self,
        unit: &str,
        mode: crate::model::Mode,
        count: usize,
        time_limit_min: Option<i64>,
        students: &[String],
        closes_at: Option<&str>,
    ) -> Result<i64> {
        match self {
            Gradebook::Sqlite(b) => {
                b.open_quiz(unit, mode, count, time_limit_min, students, closes_at)
            }
            Gradebook::Pg(b) => b.open_quiz(unit, mode, count, time_limit_min, students, closes_at),
        }
    }

    /// Close an opened quiz (no new attempts; unfinished ones may be submitted).
    pub fn close_quiz(&mut self, id: i64) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.close_quiz(id),
            Gradebook::Pg(b) => b.close_quiz(id),
        }
    }

    /// Every opened quiz, newest first.
    pub fn quizzes(&self) -> Result<Vec<WebQuiz>> {
        match self {
            Gradebook::Sqlite(b) => b.quizzes(),
            Gradebook::Pg(b) => b.quizzes(),
        }
    }

    /// One opened quiz.
    pub fn quiz(&self, id: i64) -> Result<Option<WebQuiz>> {
        match self {
            Gradebook::Sqlite(b) => b.quiz(id),
            Gradebook::Pg(b) => b.quiz(id),
        }
    }

    /// Tie an attempt to the opened quiz it was started from, with its deadline.
    /// Keeps the first tie (a resumed attempt keeps its deadline).
    pub fn link_attempt(&mut self, attempt: i64, quiz: i64, deadline: Option<&str>) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.link_attempt(attempt, quiz, deadline),
            Gradebook::Pg(b) => b.link_attempt(attempt, quiz, deadline),
        }
    }

    /// Owner, unit, finished time, quiz and deadline of an attempt.
    pub fn attempt_info(&self, attempt: i64) -> Result<Option<AttemptInfo>> {
        match self {
            Gradebook::Sqlite(b) => b.attempt_info(attempt),
            Gradebook::Pg(b) => b.attempt_info(attempt),
        }
    }

    /// One attempt by id.
    pub fn attempt_by_id(&self, attempt: i64) -> Result<Option<crate::gradebook::Attempt>> {
        match self {
            Gradebook::Sqlite(b) => b.attempt_by_id(attempt),
            Gradebook::Pg(b) => b.attempt_by_id(attempt),
        }
    }

    /// The ids of every attempt of a student (any unit), newest first.
    pub fn student_attempt_ids(&self, student: &str) -> Result<Vec<i64>> {
        match self {
            Gradebook::Sqlite(b) => b.student_attempt_ids(student),
            Gradebook::Pg(b) => b.student_attempt_ids(student),
        }
    }

    /// Unfinished attempts of opened quizzes whose deadline passed before `now`.
    pub fn overdue_attempts(&self, now: &str) -> Result<Vec<i64>> {
        match self {
            Gradebook::Sqlite(b) => b.overdue_attempts(now),
            Gradebook::Pg(b) => b.overdue_attempts(now),
        }
    }

    /// Progress of every attempt started from an opened quiz.
    pub fn quiz_progress(&self, quiz: i64) -> Result<Vec<Progress>> {
        match self {
            Gradebook::Sqlite(b) => b.quiz_progress(quiz),
            Gradebook::Pg(b) => b.quiz_progress(quiz),
        }
    }

    /// Facility so far of each question answered in an opened quiz:
    /// (question id, answers, mean fraction of points).
    pub fn quiz_facility(&self, quiz: i64) -> Result<Vec<(String, usize, f64)>> {
        match self {
            Gradebook::Sqlite(b) => b.quiz_facility(quiz),
            Gradebook::Pg(b) => b.quiz_facility(quiz),
        }
    }

    /// Every stored answer, in attempt and position order.
    pub fn rows(&self) -> Result<Vec<Row>> {
        match self {
            Gradebook::Sqlite(b) => b.rows(),
            Gradebook::Pg(b) => b.rows(),
        }
    }

    /// Stream every answer's score without building rows: `f(attempt, student,
    /// question, points, status, finished)` with borrowed strings (item analysis
    /// over millions of answers).
    pub fn for_each_score(
        &self,
        f: impl FnMut(i64, &str, &str, Option<f64>, &str, bool),
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.for_each_score(f),
            Gradebook::Pg(b) => b.for_each_score(f),
        }
    }

    /// Answers without a score yet.
    pub fn ungraded_rows(&self) -> Result<Vec<Row>> {
        match self {
            Gradebook::Sqlite(b) => b.ungraded_rows(),
            Gradebook::Pg(b) => b.ungraded_rows(),
        }
    }

    /// Every answer's score without the response itself (faster: for totals).
    pub fn score_rows(&self) -> Result<Vec<Row>> {
        match self {
            Gradebook::Sqlite(b) => b.score_rows(),
            Gradebook::Pg(b) => b.score_rows(),
        }
    }

    /// The answers of finished attempts to `questions`, one student at a time in
    /// order of student id: `f(student, rows)`, rows in no particular order. The
    /// filter runs inside SQLite, so a week's report reads only that week's
    /// answers, and only one student's rows are in memory. `CROSS JOIN` keeps
    /// attempts as the outer loop, read in student order from their
    /// (student, unit, attempt) index, so nothing is sorted.
    pub fn for_each_student_rows(
        &self,
        questions: &[&str],
        f: impl FnMut(&str, Vec<Row>) -> Result<()>,
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.for_each_student_rows(questions, f),
            Gradebook::Pg(b) => b.for_each_student_rows(questions, f),
        }
    }

    /// Set new scores for many answers in one transaction; each change is logged
    /// in `regrades` when `log` is set.
    pub fn rescore(&mut self, changes: &[crate::grade::Change], log: bool) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.rescore(changes, log),
            Gradebook::Pg(b) => b.rescore(changes, log),
        }
    }

    /// An instructor's score for an answer: manual, never overwritten by regrade.
    pub fn set_manual(
        &mut self,
        attempt: i64,
        position: usize,
        points: f64,
        comment: Option<&str>,
        by: &str,
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.set_manual(attempt, position, points, comment, by),
            Gradebook::Pg(b) => b.set_manual(attempt, position, points, comment, by),
        }
    }

    /// How long a lease lives without a heartbeat (tests shorten it).
    pub fn set_lease_ttl(&mut self, ttl: Duration) {
        match self {
            Gradebook::Sqlite(b) => b.set_lease_ttl(ttl),
            Gradebook::Pg(b) => b.set_lease_ttl(ttl),
        }
    }

    /// The lease time to live in use.
    pub fn lease_ttl(&self) -> Duration {
        match self {
            Gradebook::Sqlite(b) => b.lease_ttl(),
            Gradebook::Pg(b) => b.lease_ttl(),
        }
    }

    /// Take the lease of an unfinished attempt for the session `holder`: granted
    /// when the attempt is free, its lease expired (no heartbeat for the TTL), or
    /// `holder` holds it already. Otherwise [`Error::AttemptHeld`] with the time
    /// the other session took it; [`Error::AttemptFinished`] for a finished attempt.
    /// Also refused ([`Error::AttemptHeld`]) while another session holds another
    /// unfinished attempt of the same student and either attempt is an exam:
    /// one window at a time while an exam runs, whatever the unit.
    pub fn claim_attempt(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.claim_attempt(attempt, holder, now),
            Gradebook::Pg(b) => b.claim_attempt(attempt, holder, now),
        }
    }

    /// Renew `holder`'s lease (call well within the TTL, e.g. every TTL/4).
    /// Fails like [`Sqlite::claim_attempt`] when the lease was lost to
    /// another session after it expired.
    pub fn heartbeat(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.heartbeat(attempt, holder, now),
            Gradebook::Pg(b) => b.heartbeat(attempt, holder, now),
        }
    }

    /// Give the lease up (the session ends without finishing: `q`, end of
    /// input). Does nothing when `holder` does not hold it.
    pub fn release_attempt(&mut self, attempt: i64, holder: &str) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.release_attempt(attempt, holder),
            Gradebook::Pg(b) => b.release_attempt(attempt, holder),
        }
    }

    /// Question ids due for review for a student on `today`.
    pub fn due_reviews(&self, student: &str, today: NaiveDate) -> Result<Vec<String>> {
        match self {
            Gradebook::Sqlite(b) => b.due_reviews(student, today),
            Gradebook::Pg(b) => b.due_reviews(student, today),
        }
    }

    /// Leitner update after an answer: wrong -> box 1, due tomorrow; right while in
    /// a box -> next box (due after 1, 2, 4, 8 days), out after the last.
    pub fn review_update(
        &mut self,
        student: &str,
        question: &str,
        correct: bool,
        today: NaiveDate,
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.review_update(student, question, correct, today),
            Gradebook::Pg(b) => b.review_update(student, question, correct, today),
        }
    }

    /// Record checklist scores in one transaction.
    pub fn set_checklist(&mut self, scores: &[ChecklistScore]) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.set_checklist(scores),
            Gradebook::Pg(b) => b.set_checklist(scores),
        }
    }

    /// Checklist scores of a week.
    pub fn checklist(&self, week: u32) -> Result<Vec<ChecklistScore>> {
        match self {
            Gradebook::Sqlite(b) => b.checklist(week),
            Gradebook::Pg(b) => b.checklist(week),
        }
    }

    /// The unfinished attempt of a student at a unit, if any.
    pub fn unfinished(&self, student: &str, unit: &str) -> Result<Option<Attempt>> {
        match self {
            Gradebook::Sqlite(b) => b.unfinished(student, unit),
            Gradebook::Pg(b) => b.unfinished(student, unit),
        }
    }

    /// Every attempt of a student at a unit, by attempt number.
    pub fn attempts(&self, student: &str, unit: &str) -> Result<Vec<Attempt>> {
        match self {
            Gradebook::Sqlite(b) => b.attempts(student, unit),
            Gradebook::Pg(b) => b.attempts(student, unit),
        }
    }

    /// Start a new attempt: the attempt number is taken inside one immediate
    /// transaction, and `make_form(attempt_no)` builds the form for it. When
    /// the student already has an unfinished `take` attempt at the unit (made
    /// by a session that started at the same moment), that one is returned.
    pub fn start_attempt(
        &mut self,
        student: &str,
        unit: &str,
        mode: Mode,
        make_form: impl FnOnce(u32) -> Form,
    ) -> Result<Attempt> {
        match self {
            Gradebook::Sqlite(b) => b.start_attempt(student, unit, mode, make_form),
            Gradebook::Pg(b) => b.start_attempt(student, unit, mode, make_form),
        }
    }

    /// Record one answer (and its score) in its own transaction, for the
    /// session `holder`. Refused inside that transaction when the attempt is
    /// finished ([`Error::AttemptFinished`]: a finished attempt's answers never
    /// change) or when another session holds its lease ([`Error::AttemptHeld`]);
    /// a recorded answer renews the holder's lease.
    #[allow(clippy::too_many_arguments)]
    pub fn record(
        &mut self,
        attempt: i64,
        holder: &str,
        position: usize,
        question: &str,
        response: &Response,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.record(
                attempt, holder, position, question, response, points, max, status,
            ),
            Gradebook::Pg(b) => b.record(
                attempt, holder, position, question, response, points, max, status,
            ),
        }
    }

    /// [`Sqlite::record`], and in the same transaction the Leitner update
    /// of `review` = (student, answered right, today) (see [`Sqlite::review_update`]).
    #[allow(clippy::too_many_arguments)]
    pub fn record_with_review(
        &mut self,
        attempt: i64,
        holder: &str,
        position: usize,
        question: &str,
        response: &Response,
        points: f64,
        max: f64,
        status: Status,
        review: Option<(&str, bool, NaiveDate)>,
    ) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.record_with_review(
                attempt, holder, position, question, response, points, max, status, review,
            ),
            Gradebook::Pg(b) => b.record_with_review(
                attempt, holder, position, question, response, points, max, status, review,
            ),
        }
    }

    /// The answers of an attempt, by position.
    pub fn responses(&self, attempt: i64) -> Result<Vec<StoredResponse>> {
        match self {
            Gradebook::Sqlite(b) => b.responses(attempt),
            Gradebook::Pg(b) => b.responses(attempt),
        }
    }

    /// Mark an attempt finished, for the session `holder` (refused like
    /// [`Sqlite::record`]); the lease ends with it.
    pub fn finish(&mut self, attempt: i64, holder: &str) -> Result<()> {
        match self {
            Gradebook::Sqlite(b) => b.finish(attempt, holder),
            Gradebook::Pg(b) => b.finish(attempt, holder),
        }
    }
}

impl Bulk<'_> {
    /// Whether an attempt with this form id exists (a file already graded).
    pub fn has_form(&self, form_id: &str) -> Result<bool> {
        match self {
            Bulk::Sqlite(b) => b.has_form(form_id),
            Bulk::Pg(b) => b.has_form(form_id),
        }
    }

    /// The stored answers (position, response text, answered at) of the
    /// attempt graded from form `form_id`, by position; None when it was
    /// never graded.
    pub fn form_answers(&self, form_id: &str) -> Result<Option<Vec<(usize, String, String)>>> {
        match self {
            Bulk::Sqlite(b) => b.form_answers(form_id),
            Bulk::Pg(b) => b.form_answers(form_id),
        }
    }

    /// The identities of every CSV row stored (see [`csv_row_key`]).
    pub fn csv_keys_known(&self) -> Result<std::collections::HashSet<u128>> {
        match self {
            Bulk::Sqlite(b) => b.csv_keys_known(),
            Bulk::Pg(b) => b.csv_keys_known(),
        }
    }

    /// Record the identities of the CSV rows stored as answers of `attempt`,
    /// by position.
    pub fn csv_keys_store(&self, attempt: i64, keys: &[u128]) -> Result<()> {
        match self {
            Bulk::Sqlite(b) => b.csv_keys_store(attempt, keys),
            Bulk::Pg(b) => b.csv_keys_store(attempt, keys),
        }
    }

    /// An attempt of `origin` (submission, csv) with its form, finished (at
    /// its start time) when the transaction commits.
    pub fn attempt(
        &self,
        student: &str,
        unit: &str,
        origin: &str,
        form_id: &str,
        form: &Form,
    ) -> Result<i64> {
        match self {
            Bulk::Sqlite(b) => b.attempt(student, unit, origin, form_id, form),
            Bulk::Pg(b) => b.attempt(student, unit, origin, form_id, form),
        }
    }

    /// One graded answer.
    #[allow(clippy::too_many_arguments)]
    pub fn response(
        &self,
        attempt: i64,
        position: usize,
        question: &str,
        response: &str,
        answered_at: &str,
        points: f64,
        max: f64,
        status: Status,
    ) -> Result<()> {
        match self {
            Bulk::Sqlite(b) => b.response(
                attempt,
                position,
                question,
                response,
                answered_at,
                points,
                max,
                status,
            ),
            Bulk::Pg(b) => b.response(
                attempt,
                position,
                question,
                response,
                answered_at,
                points,
                max,
                status,
            ),
        }
    }

    /// Write many answers with one prepared statement: `f` gets a writer whose
    /// `insert` takes `(attempt, position, question, response, answered_at, points, max, status)`;
    /// an answer time of `None` means the attempt's start (CSV rows carry none).
    pub fn responses<T>(
        &self,
        f: impl FnOnce(
            &mut dyn FnMut(i64, usize, &str, &str, Option<&str>, f64, f64, Status) -> Result<()>,
        ) -> Result<T>,
    ) -> Result<T> {
        match self {
            Bulk::Sqlite(b) => b.responses(f),
            Bulk::Pg(b) => b.responses(f),
        }
    }

    /// Finish the attempts made (their answers are all written now) and commit.
    pub fn commit(self) -> Result<()> {
        match self {
            Bulk::Sqlite(b) => b.commit(),
            Bulk::Pg(b) => b.commit(),
        }
    }
}
