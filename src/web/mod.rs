//! `quiz serve`: the daily quiz in the browser, on the same gradebook and the
//! same assembly, scoring and totals code as the terminal ([`crate::attempt`]).
//!
//! axum on tokio. The bank and rubrics are loaded at start and shared, read
//! only; an instructor's signature (`/teach/sign`), 다시 읽기 (`/teach/reload`)
//! or a change of their files (checked every 5 s) replaces them whole, and
//! each request works on one snapshot. Each request does all its gradebook
//! work in one blocking task: writes on one connection (short transactions,
//! WAL, `synchronous=NORMAL`), reads on a small pool of read-only connections.
//! Templates are askama (checked at compile time, HTML auto-escaped); CSS and
//! JS are embedded; every page works with plain form posts, the JS adds
//! autosave, the countdown, heartbeats and live updates.

mod auth;
mod student;
mod teach;
mod views;

use crate::bank::{Bank, unit_matches};
use crate::error::{Error, Result};
use crate::gradebook::{Attempt, Gradebook, WebSession};
use crate::model::Question;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

pub use auth::{hash_code, new_code, new_token};

/// What the server needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Bank folder.
    pub questions: PathBuf,
    /// Rubrics folder.
    pub rubrics: PathBuf,
    /// Gradebook.
    pub db: PathBuf,
    /// Course schedule.
    pub course: PathBuf,
    /// The date to use instead of today.
    pub today: Option<NaiveDate>,
    /// Cookies only over HTTPS (behind a TLS proxy).
    pub secure: bool,
    /// How long an attempt stays held without a heartbeat.
    pub lease_ttl: Duration,
    /// Read-only connections.
    pub readers: usize,
}

/// The server's shared state.
pub struct App {
    cfg: Config,
    /// The bank as last read: replaced whole when an instructor signs or
    /// hides a question here, or asks for the bank to be read again. A
    /// request works on one snapshot from start to end.
    loaded: RwLock<Arc<Loaded>>,
    /// The bank files as last read (names, sizes, times): the server reads
    /// the bank again when they change (see [`App::reload_if_changed`]).
    seen: Mutex<Fingerprint>,
    /// A change seen at the last check, read once it stays the same.
    settling: Mutex<Option<Fingerprint>>,
    /// The one write connection, taken in arrival order (a fair lock: no
    /// request waits behind ones that came later).
    writer: tokio::sync::Mutex<Gradebook>,
    readers: Vec<Mutex<Gradebook>>,
    /// Checkpoints the WAL in the background (never inside an answer's commit).
    checkpointer: Mutex<Gradebook>,
    next_reader: AtomicUsize,
    /// Sessions by token hash (the gradebook keeps them across restarts).
    sessions: Mutex<HashMap<String, WebSession>>,
    /// Attempts by id (a form never changes once drawn).
    attempts: Mutex<HashMap<i64, Arc<Attempt>>>,
    /// Failed logins per key (student, address): (count, first failure).
    failures: Mutex<HashMap<String, (u32, std::time::Instant)>>,
    /// Quiz starts per student in the current window (count, window start):
    /// each start writes a form, so one student looping starts slowed every
    /// classmate's saves (attack of 2026-12-01: 2,000 attempts).
    starts: Mutex<HashMap<String, (u32, std::time::Instant)>>,
    /// The curriculum as extracted for the sign page, kept while its
    /// documents are unchanged.
    sources: crate::cmd::sign::CurrentCache,
    /// How many entries the in-memory maps may hold.
    caps: Caps,
}

/// Bounds of the in-memory maps (sessions and attempts are caches of the
/// gradebook; failed logins are forgotten after their window).
#[derive(Debug, Clone, Copy)]
pub struct Caps {
    /// Cached sessions.
    pub sessions: usize,
    /// Failed-login keys (students and addresses).
    pub failures: usize,
    /// Cached attempts.
    pub attempts: usize,
}

impl Default for Caps {
    fn default() -> Self {
        Caps {
            sessions: 20_000,
            failures: 50_000,
            attempts: 20_000,
        }
    }
}

/// How many entries the in-memory maps hold now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryUse {
    pub sessions: usize,
    pub failures: usize,
    pub attempts: usize,
}

/// Make room in the failed-login map: drop entries past their window, then
/// (a flood of new keys) the oldest until at most `keep` remain.
fn evict_failures(
    f: &mut HashMap<String, (u32, std::time::Instant)>,
    now: std::time::Instant,
    keep: usize,
) {
    f.retain(|_, (_, since)| now.duration_since(*since) < auth::FAILURE_WINDOW);
    if f.len() > keep {
        let mut ages: Vec<std::time::Instant> = f.values().map(|(_, t)| *t).collect();
        ages.sort_unstable();
        let cut = ages[f.len() - keep.max(1)];
        f.retain(|_, (_, since)| *since > cut);
    }
}

/// Lock a mutex; a panic elsewhere never locks the server up.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl App {
    /// Load the bank and rubrics once, open the gradebook (created and
    /// migrated when missing) and the read pool. Returns the bank's problems
    /// too (questions `check` rejects are not served).
    pub fn new(cfg: Config) -> Result<(App, Vec<crate::error::Diagnostic>)> {
        let seen = fingerprint(&cfg);
        let (loaded, diags) = Loaded::read(&cfg)?;
        let mut writer = Gradebook::open(&cfg.db)?;
        writer.set_lease_ttl(cfg.lease_ttl);
        writer.set_autocheckpoint(0)?;
        let checkpointer = Gradebook::open(&cfg.db)?;
        let mut readers = Vec::new();
        for _ in 0..cfg.readers.max(1) {
            let mut r = Gradebook::open_read_only(&cfg.db)?;
            r.set_lease_ttl(cfg.lease_ttl);
            readers.push(Mutex::new(r));
        }
        Ok((
            App {
                cfg,
                loaded: RwLock::new(Arc::new(loaded)),
                seen: Mutex::new(seen),
                settling: Mutex::new(None),
                writer: tokio::sync::Mutex::new(writer),
                checkpointer: Mutex::new(checkpointer),
                readers,
                next_reader: AtomicUsize::new(0),
                sessions: Mutex::new(HashMap::new()),
                attempts: Mutex::new(HashMap::new()),
                failures: Mutex::new(HashMap::new()),
                starts: Mutex::new(HashMap::new()),
                sources: crate::cmd::sign::CurrentCache::default(),
                caps: Caps::default(),
            },
            diags,
        ))
    }

    /// Change the bounds of the in-memory maps (before serving).
    pub fn set_caps(&mut self, caps: Caps) {
        self.caps = caps;
    }

    /// How many entries the in-memory maps hold.
    pub fn memory_use(&self) -> MemoryUse {
        MemoryUse {
            sessions: lock(&self.sessions).len(),
            failures: lock(&self.failures).len(),
            attempts: lock(&self.attempts).len(),
        }
    }

    /// Forget expired sessions and failed logins past their window (the
    /// server does this every few seconds).
    pub fn sweep(&self) {
        self.sweep_at(std::time::Instant::now(), &crate::gradebook::now());
    }

    /// [`App::sweep`] as if the clock read `now` / `now_rfc3339`.
    /// Counts a quiz start of `student`; refused past [`MAX_STARTS`] in
    /// [`START_WINDOW`].
    pub fn start_allowed(&self, student: &str) -> bool {
        self.start_allowed_at(student, std::time::Instant::now())
    }

    /// [`App::start_allowed`] as if the clock read `now`.
    pub fn start_allowed_at(&self, student: &str, now: std::time::Instant) -> bool {
        let mut m = lock(&self.starts);
        let e = m.entry(student.to_string()).or_insert((0, now));
        if now.duration_since(e.1) >= START_WINDOW {
            *e = (0, now);
        }
        e.0 += 1;
        e.0 <= MAX_STARTS
    }

    pub fn sweep_at(&self, now: std::time::Instant, now_rfc3339: &str) {
        lock(&self.starts).retain(|_, (_, since)| now.duration_since(*since) < START_WINDOW);
        lock(&self.sessions).retain(|_, s| s.expires_at.as_str() > now_rfc3339);
        // Sessions ended outside this server (`roster codes --rotate`, a
        // logout on another server) leave the cache too.
        let stored = self.reader().session_hashes();
        if let Ok(stored) = stored {
            let stored: HashSet<String> = stored.into_iter().collect();
            lock(&self.sessions).retain(|h, _| stored.contains(h));
        }
        let keep = self.caps.failures;
        evict_failures(&mut lock(&self.failures), now, keep);
    }

    /// Remember a session; a full cache forgets the expired ones, then all
    /// (they are read again from the gradebook).
    fn cache_session(&self, hash: String, s: WebSession) {
        let mut m = lock(&self.sessions);
        if m.len() >= self.caps.sessions {
            let now = crate::gradebook::now();
            m.retain(|_, s| s.expires_at > now);
            if m.len() >= self.caps.sessions {
                m.clear();
            }
        }
        m.insert(hash, s);
    }

    /// The write connection (from blocking tasks only).
    fn writer(&self) -> tokio::sync::MutexGuard<'_, Gradebook> {
        let g = self.writer.blocking_lock();
        reconnected(&g);
        g
    }

    /// A read-only connection: a free one, else the next in turn.
    fn reader(&self) -> MutexGuard<'_, Gradebook> {
        for r in &self.readers {
            if let Ok(g) = r.try_lock() {
                reconnected(&g);
                return g;
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        let g = lock(&self.readers[i]);
        reconnected(&g);
        g
    }

    /// The bank as it is now (one snapshot per request).
    pub fn loaded(&self) -> Arc<Loaded> {
        self.loaded
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Read the bank and rubrics again and serve them from now on. A bank
    /// with a file that does not load is not taken: its questions would
    /// vanish from forms being answered. A question `check` rejects is left
    /// out, as at start. Attempts already drawn keep their forms. Returns the
    /// bank's problems.
    pub fn reload(&self) -> Result<Vec<crate::error::Diagnostic>> {
        self.reload_with(false)
    }

    /// [`App::reload`]; `cautious` (the automatic re-read) also refuses a
    /// bank that lost a file or all the questions of a file since it was
    /// last read: a folder renamed, a file deleted or being written. Its
    /// questions would be dropped from the forms students are answering,
    /// for good. An instructor who meant it presses 다시 읽기.
    fn reload_with(&self, cautious: bool) -> Result<Vec<crate::error::Diagnostic>> {
        let seen = fingerprint(&self.cfg);
        *lock(&self.seen) = seen;
        if !self.cfg.questions.is_dir() {
            return Err(Error::Usage(format!(
                "문제 은행 폴더 {}이(가) 없어 다시 읽지 않았습니다 (지금까지의 문제로 계속 출제합니다)",
                crate::fsutil::display(&self.cfg.questions)
            )));
        }
        // A question `check` rejects is left out, as at start; a file that
        // does not load would take all its questions away: not taken.
        let (fresh, diags, errors) = Loaded::read_counting(&self.cfg)?;
        if !errors.is_empty() {
            return Err(Error::Usage(format!(
                "문제 은행에 오류가 있어 다시 읽지 않았습니다 (지금까지의 문제로 계속 출제합니다): {}",
                errors.join("; ")
            )));
        }
        if cautious {
            let now: HashMap<&str, usize> = fresh
                .bank
                .files
                .iter()
                .map(|f| (f.path.as_str(), f.file.questions.len()))
                .collect();
            let old = self.loaded();
            let lost: Vec<&str> = old
                .bank
                .files
                .iter()
                .filter(|f| !f.file.questions.is_empty())
                .filter(|f| now.get(f.path.as_str()).is_none_or(|n| *n == 0))
                .map(|f| f.path.as_str())
                .collect();
            if !lost.is_empty() {
                return Err(Error::Usage(format!(
                    "문항 파일이 없어졌거나 문항이 모두 빠져 자동으로 다시 읽지 않았습니다: {} (저장 중이었다면 다음 변경 때 다시 읽습니다; 일부러 지웠다면 강사 화면의 문제 은행 다시 읽기를 누르세요)",
                    lost.join(", ")
                )));
            }
        }
        *self
            .loaded
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(fresh);
        Ok(diags)
    }

    /// Read the bank again when its files changed since it was last read
    /// (`quiz sign` or `quiz extract` in a terminal, an editor, another
    /// server's 승인 on the same folder): the server does this every few
    /// seconds, so a change made anywhere is served without pressing 다시
    /// 읽기. A change is read once it has stayed the same for one check (a
    /// file being written is not read half-way), and cautiously (see
    /// [`App::reload_with`]). Whether it was read again; a bank that is
    /// refused is said (the error) and tried again after its next change.
    pub fn reload_if_changed(&self) -> Result<bool> {
        let now = fingerprint(&self.cfg);
        if *lock(&self.seen) == now {
            *lock(&self.settling) = None;
            return Ok(false);
        }
        {
            let mut settling = lock(&self.settling);
            if settling.as_ref() != Some(&now) {
                *settling = Some(now);
                return Ok(false);
            }
            *settling = None;
        }
        self.reload_with(true)?;
        Ok(true)
    }

    /// Whether a question may be served (`check::servable`).
    pub fn is_servable(&self, id: &str) -> bool {
        self.loaded().is_servable(id)
    }

    /// Whether a unit (prefix) has questions to serve.
    pub fn has_unit(&self, unit: &str) -> bool {
        self.loaded().has_unit(unit)
    }

    /// The first unit of the bank with questions to serve.
    pub fn first_unit(&self) -> Option<String> {
        self.loaded().first_unit()
    }

    /// The date used for the schedule and the review boxes.
    fn today(&self) -> NaiveDate {
        self.cfg
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// An attempt by id (cached: forms never change).
    fn attempt(&self, gb: &Gradebook, id: i64) -> Result<Option<Arc<Attempt>>> {
        if let Some(a) = lock(&self.attempts).get(&id) {
            return Ok(Some(a.clone()));
        }
        let Some(mut a) = gb.attempt_by_id(id)? else {
            return Ok(None);
        };
        // An attempt graded from a file (a CSV of responses, a submission)
        // records no drawn form: its questions are the answers stored, shown
        // in the bank's order (before: 0 / 0 and no question on the
        // student's pages).
        if a.form.items.is_empty() {
            let st = self.loaded();
            let blank = |question: String| crate::model::FormItem {
                question,
                options: Vec::new(),
                items: Vec::new(),
                left: Vec::new(),
                right: Vec::new(),
                review: false,
                tokens: Default::default(),
            };
            let mut items: Vec<crate::model::FormItem> = Vec::new();
            for r in gb.responses(id)? {
                let pos = r.position;
                let q = st.bank.find(&r.question_id).map(|(_, q)| q);
                let ids = |f: fn(&crate::model::Question) -> &Vec<crate::model::Choice>| {
                    q.map(|q| f(q).iter().map(|c| c.id.clone()).collect())
                        .unwrap_or_default()
                };
                let item = crate::model::FormItem {
                    options: ids(|q| &q.options),
                    items: ids(|q| &q.items),
                    left: ids(|q| &q.left),
                    right: ids(|q| &q.right),
                    ..blank(r.question_id)
                };
                // By position: a gap holds an item of no question (dropped).
                while items.len() <= pos && items.len() < 10_000 {
                    items.push(blank(String::new()));
                }
                if let Some(slot) = items.get_mut(pos) {
                    *slot = item;
                }
            }
            a.form.items = items;
        }
        let a = Arc::new(a);
        let mut m = lock(&self.attempts);
        if m.len() >= self.caps.attempts {
            m.clear();
        }
        m.insert(id, a.clone());
        Ok(Some(a))
    }

    /// Finish every attempt whose deadline passed (the server ends them:
    /// unanswered questions count as unanswered). Returns how many. Call it
    /// from a blocking task (it waits for the write connection).
    pub fn finish_overdue(&self) -> Result<usize> {
        let now = crate::gradebook::now();
        let ids = self.reader().overdue_attempts(&now)?;
        let mut n = 0;
        for id in ids {
            let mut gb = self.writer();
            if self.close_attempt(&mut gb, id)? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Checkpoint the WAL (from a blocking task, about once a second).
    pub fn checkpoint(&self) -> Result<()> {
        lock(&self.checkpointer).checkpoint()
    }

    /// Close an unfinished attempt as `quiz attempts close` does; false when
    /// it was finished already.
    fn close_attempt(&self, gb: &mut Gradebook, id: i64) -> Result<bool> {
        Ok(crate::attempt::close(gb, &self.loaded().bank, id, self.today())?.is_some())
    }
}

/// A PostgreSQL connection closed under the server (a restart, a failover)
/// is opened again before it is used, and said once on stderr; when the
/// database is still away, the request fails as before and the next one
/// tries again.
fn reconnected(g: &Gradebook) {
    match g.reconnect_if_closed() {
        Ok(true) => eprintln!("quiz serve: 성적부 연결이 끊겨 다시 연결했습니다"),
        Ok(false) => {}
        Err(e) => eprintln!("quiz serve: 성적부에 다시 연결하지 못했습니다: {e}"),
    }
}

/// Quiz starts a student may make in [`START_WINDOW`] (a class starts a few).
pub const MAX_STARTS: u32 = 30;

/// The window of [`MAX_STARTS`].
pub const START_WINDOW: std::time::Duration = std::time::Duration::from_secs(600);

/// The bank as read at one moment, with what serving needs from it.
pub struct Loaded {
    /// Questions and rubrics.
    pub bank: Bank,
    /// Ids of the questions `check::servable` accepts.
    servable: HashSet<String>,
    /// Question id -> (file index, question index) in the bank.
    index: HashMap<String, (usize, usize)>,
    /// Served questions of each unit asked for (prefix -> question ids).
    units: Mutex<HashMap<String, Places>>,
    /// The bank's version (recorded with each attempt).
    pub version: String,
}

impl Loaded {
    /// Read the bank and rubrics; the problems found come back too
    /// (questions `check` rejects are not served).
    fn read(cfg: &Config) -> Result<(Loaded, Vec<crate::error::Diagnostic>)> {
        let (loaded, diags, _) = Loaded::read_counting(cfg)?;
        Ok((loaded, diags))
    }

    /// [`Loaded::read`], and the problems that kept files from loading (a
    /// file that does not parse: its questions are missing from the bank), as
    /// opposed to questions left out by `check`.
    fn read_counting(cfg: &Config) -> Result<(Loaded, Vec<crate::error::Diagnostic>, Vec<String>)> {
        let (bank, mut diags) = Bank::load(&cfg.questions, &cfg.rubrics)?;
        let unloaded: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        let servable: HashSet<String> = crate::check::servable(&bank, &mut diags)
            .into_iter()
            .map(|(_, q)| q.id.clone())
            .collect();
        let version = bank.version();
        let mut index = HashMap::new();
        for (fi, f) in bank.files.iter().enumerate() {
            for (qi, q) in f.file.questions.iter().enumerate() {
                index.entry(q.id.clone()).or_insert((fi, qi));
            }
        }
        Ok((
            Loaded {
                bank,
                servable,
                index,
                units: Mutex::new(HashMap::new()),
                version,
            },
            diags,
            unloaded,
        ))
    }

    /// The served questions of a unit (prefix), in bank order.
    fn unit_questions(&self, unit: &str) -> Vec<&Question> {
        let cached = lock(&self.units).get(unit).cloned();
        let places = match cached {
            Some(p) => p,
            None => {
                let mut places = Vec::new();
                for (fi, f) in self.bank.files.iter().enumerate() {
                    if !unit_matches(&f.file.unit, unit) {
                        continue;
                    }
                    for (qi, q) in f.file.questions.iter().enumerate() {
                        if self.servable.contains(&q.id) && self.index.get(&q.id) == Some(&(fi, qi))
                        {
                            places.push((fi, qi));
                        }
                    }
                }
                let places = Arc::new(places);
                // Any id-shaped unit can be asked for: keep the cache small.
                let mut units = lock(&self.units);
                if units.len() < 1_000 || !places.is_empty() {
                    units.insert(unit.to_string(), places.clone());
                }
                places
            }
        };
        places
            .iter()
            .filter_map(|&(fi, qi)| self.bank.files.get(fi)?.file.questions.get(qi))
            .collect()
    }

    /// A served question of a unit by id, and its week's scoring rules.
    fn served(&self, unit: &str, id: &str) -> Option<(&Question, crate::model::ScoringRules)> {
        let &(fi, qi) = self.index.get(id)?;
        let f = self.bank.files.get(fi)?;
        let q = f.file.questions.get(qi)?;
        if !self.servable.contains(id) || !unit_matches(&f.file.unit, unit) {
            return None;
        }
        Some((q, crate::attempt::week_rules(&self.bank, &f.file.unit)))
    }

    /// Whether a question may be served (`check::servable`).
    pub fn is_servable(&self, id: &str) -> bool {
        self.servable.contains(id)
    }

    /// Whether a unit (prefix) has questions to serve.
    pub fn has_unit(&self, unit: &str) -> bool {
        !self.unit_questions(unit).is_empty()
    }

    /// The first unit of the bank with questions to serve.
    pub fn first_unit(&self) -> Option<String> {
        self.bank
            .questions()
            .filter(|(_, q)| self.servable.contains(&q.id))
            .map(|(f, _)| f.file.unit.clone())
            .min()
    }
}

/// Each bank and rubric file with its size and modification time.
type Fingerprint = Vec<(PathBuf, u64, Option<std::time::SystemTime>)>;

/// The [`Fingerprint`] of the bank and rubric folders as they are now.
fn fingerprint(cfg: &Config) -> Fingerprint {
    let mut out = Vec::new();
    for dir in [&cfg.questions, &cfg.rubrics] {
        for path in crate::fsutil::files_with_ext(dir, &["yaml", "yml"]).unwrap_or_default() {
            let meta = std::fs::metadata(&path).ok();
            out.push((
                path,
                meta.as_ref().map_or(0, std::fs::Metadata::len),
                meta.and_then(|m| m.modified().ok()),
            ));
        }
    }
    out.sort();
    out
}

/// A failed request, as the browser sees it.
#[derive(Debug)]
pub enum WebError {
    /// Not logged in (or the session expired): to the login page.
    Login,
    /// Not logged in as an instructor.
    TeachLogin,
    /// No such thing (or not yours).
    NotFound,
    /// Refused (CSRF token missing or wrong).
    Forbidden,
    /// Too many failed logins.
    TooMany,
    /// The input does not make sense; the message says why (Korean).
    Bad(String),
    /// The attempt is held elsewhere, finished, or past its deadline.
    Conflict(String),
    /// Something broke on the server.
    Internal(String),
}

impl From<Error> for WebError {
    fn from(e: Error) -> Self {
        match e {
            Error::AttemptHeld { .. }
            | Error::AttemptFinished { .. }
            | Error::ExamUnfinished { .. }
            | Error::OtherExamUnfinished { .. }
            | Error::AnswerFinal => WebError::Conflict(e.to_string()),
            Error::ExamOpen { .. } => WebError::Bad(e.to_string()),
            Error::Usage(m) => WebError::Bad(m),
            other => WebError::Internal(other.to_string()),
        }
    }
}

impl WebError {
    fn status_and_message(&self) -> (StatusCode, String) {
        match self {
            WebError::Login | WebError::TeachLogin => {
                (StatusCode::UNAUTHORIZED, "로그인이 필요합니다.".to_string())
            }
            WebError::NotFound => (StatusCode::NOT_FOUND, "찾을 수 없습니다.".to_string()),
            WebError::Forbidden => (
                StatusCode::FORBIDDEN,
                "요청을 확인할 수 없습니다 (보안 토큰). 페이지를 새로 고친 뒤 다시 시도하세요."
                    .to_string(),
            ),
            WebError::TooMany => (
                StatusCode::TOO_MANY_REQUESTS,
                "로그인 시도가 너무 많습니다. 10분 뒤 다시 시도하세요.".to_string(),
            ),
            WebError::Bad(m) => (StatusCode::BAD_REQUEST, m.clone()),
            WebError::Conflict(m) => (StatusCode::CONFLICT, m.clone()),
            WebError::Internal(m) => {
                eprintln!("quiz serve: {m}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "서버 오류가 났습니다. 잠시 뒤 다시 시도하세요.".to_string(),
                )
            }
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::Login => return redirect("/login"),
            WebError::TeachLogin => return redirect("/teach/login"),
            _ => {}
        }
        let (status, message) = self.status_and_message();
        (status, views::message_page("오류", &message)).into_response()
    }
}

/// A JSON answer for the page's script: `{"ok": false, "error": ...}` with the status.
fn json_error(e: WebError) -> Response {
    if matches!(e, WebError::Login | WebError::TeachLogin) {
        let body = serde_json::json!({"ok": false, "error": "로그인이 필요합니다. 다시 로그인하세요.", "login": true});
        return (StatusCode::UNAUTHORIZED, json(&body)).into_response();
    }
    let (status, message) = e.status_and_message();
    let body = serde_json::json!({"ok": false, "error": message});
    (status, json(&body)).into_response()
}

fn json(v: &serde_json::Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        v.to_string(),
    )
        .into_response()
}

/// 303 See Other to `to`.
fn redirect(to: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, to.to_string())],
        "",
    )
        .into_response()
}

type Shared = Arc<App>;

/// Places (file index, question index) of questions in the bank.
type Places = Arc<Vec<(usize, usize)>>;

/// Run `f` with the app in one blocking task (all its gradebook work).
async fn blocking<F>(app: Shared, f: F) -> Response
where
    F: FnOnce(&App) -> std::result::Result<Response, WebError> + Send + 'static,
{
    match tokio::task::spawn_blocking(move || f(&app)).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => e.into_response(),
        Err(e) => WebError::Internal(format!("작업 실패: {e}")).into_response(),
    }
}

/// Whether the request came from the page's script (answers JSON).
fn wants_json(h: &HeaderMap) -> bool {
    h.get("x-quiz-fetch").is_some()
}

const CSS: &str = include_str!("static/app.css");
const JS: &str = include_str!("static/app.js");

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

async fn js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        JS,
    )
        .into_response()
}

/// A request body over the limit: axum answers 413 in English plain text
/// before any handler runs; say it in Korean, as JSON to the page's script
/// and as a page otherwise, like every other error.
async fn too_large_in_korean(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let fetch = wants_json(req.headers());
    let teach = req.uri().path().starts_with("/teach");
    let res = next.run(req).await;
    if res.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return res;
    }
    let message = if teach {
        "보낸 내용이 너무 큽니다 (2 MB까지). 줄여서 다시 보내세요; 브라우저의 뒤로 가기로 돌아가면 쓴 내용이 남아 있을 수 있습니다."
    } else {
        "보낸 내용이 너무 큽니다. 답을 줄여서 다시 보내세요."
    };
    if fetch {
        let body = serde_json::json!({"ok": false, "error": message});
        (StatusCode::PAYLOAD_TOO_LARGE, json(&body)).into_response()
    } else {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            views::message_page("오류", message),
        )
            .into_response()
    }
}

/// Security headers on every response.
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "no-referrer");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    res
}

/// The router (every route), for `quiz serve` and the tests.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(student::home))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/start", post(student::start))
        .route("/a/{id}", get(student::attempt_page))
        .route("/a/{id}/answer", post(student::answer))
        .route("/a/{id}/beat", post(student::beat))
        .route("/a/{id}/submit", post(student::submit))
        .route("/teach", get(teach::home))
        .route(
            "/teach/login",
            get(auth::teach_login_page).post(auth::teach_login),
        )
        .route("/teach/quizzes", post(teach::open_quiz))
        .route("/teach/quizzes/{id}", get(teach::progress_page))
        .route("/teach/quizzes/{id}/close", post(teach::close_quiz))
        .route("/teach/quizzes/{id}/events", get(teach::progress_events))
        .route("/teach/quizzes/{id}/progress", get(teach::progress_json))
        .route(
            "/teach/review",
            get(teach::review_page).post(teach::review_save),
        )
        .route("/teach/sign", get(teach::sign_page).post(teach::sign_save))
        .route("/teach/reload", post(teach::reload))
        .route(
            "/teach/checklist",
            get(teach::checklist_page).post(teach::checklist_save),
        )
        .route("/teach/report", get(teach::report_download))
        .route("/teach/stats", get(teach::stats_page))
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .layer(axum::middleware::from_fn(too_large_in_korean))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

/// The runtime `quiz serve` runs on: a few blocking threads for the
/// gradebook work (requests queue for them in arrival order rather than
/// hundreds of threads fighting over the write connection).
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()
}

/// Serve until Ctrl-C: finishes overdue attempts every few seconds.
pub async fn serve(app: Arc<App>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let wal = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            let a = wal.clone();
            let _ = tokio::task::spawn_blocking(move || a.checkpoint()).await;
        }
    });
    let sweeper = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            let a = sweeper.clone();
            let _ = tokio::task::spawn_blocking(move || {
                a.sweep();
                if let Err(e) = a.reload_if_changed() {
                    eprintln!("quiz serve: {e}");
                }
                a.finish_overdue()
            })
            .await;
        }
    });
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
