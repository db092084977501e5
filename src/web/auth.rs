//! Logins, sessions, CSRF tokens, codes and rate limits.
//!
//! Login codes and session tokens are random (the OS source), stored only as
//! SHA-256 hashes, and compared in constant time. The session cookie is
//! HttpOnly and SameSite=Lax (Secure with `--secure` or a forwarded https
//! scheme); every state-changing request carries the session's CSRF token.
//! The login form itself carries a token that must match a cookie set with it.

use super::{App, Shared, WebError, blocking, lock, redirect, views};
use crate::gradebook::WebSession;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::time::{Duration, Instant};

/// Session cookie name.
pub const COOKIE: &str = "quiz_session";
/// Login form cookie name.
const PRE_COOKIE: &str = "quiz_login";
/// How long a session lasts.
const SESSION_HOURS: i64 = 12;
/// Failed logins allowed per (address, student) and per student in [`WINDOW`].
const MAX_FAILURES: u32 = 10;
/// Failed logins allowed per address in [`WINDOW`], whichever students: a
/// class behind one NAT address shares it, so a few typos must not lock the
/// class out; a guesser there still gets at most this many tries.
const MAX_ADDRESS_FAILURES: u32 = 100;
const WINDOW: Duration = Duration::from_secs(600);

/// While a student (or the instructor codes) is under attack (10 failures
/// from anywhere), an address that failed for it this many times is locked
/// out for it: 2, so the student's own single typo never locks them out
/// (attack of 2026-12-01: one typo, then a classmate's nine guesses from other
/// addresses, locked the student out with the right code), while a guesser
/// spread over many addresses gets two tries per address per window.
const PAIR_FAILURES_UNDER_ATTACK: u32 = 2;
/// The failure key of every instructor code.
const INSTRUCTOR: &str = "instructor";

/// SHA-256 of a code or token, hex.
pub fn hash_code(code: &str) -> String {
    hex(&Sha256::digest(code.trim().as_bytes()))
}

/// Lowercase hex of `bytes` (every request hashes its session cookie: no
/// `format!` per byte).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Equal, in time that does not depend on where they differ.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Random bytes from the OS (an error when it has none: never a guessable secret).
fn random(n: usize) -> crate::error::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf)
        .map_err(|e| crate::error::Error::Usage(format!("OS 난수원을 쓸 수 없습니다: {e}")))?;
    Ok(buf)
}

/// A random token (32 hex digits, 128 bits).
pub fn new_token() -> crate::error::Result<String> {
    Ok(hex(&random(16)?))
}

/// A login code people can type: 10 characters without look-alikes (50 bits).
pub fn new_code() -> crate::error::Result<String> {
    const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    Ok(random(10)?
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect())
}

fn cookie_value(h: &HeaderMap, name: &str) -> Option<String> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Whether cookies must be Secure: `--secure`, or the proxy says https.
fn secure(app: &App, h: &HeaderMap) -> bool {
    app.cfg.secure
        || h.get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// A logged-in session: its token hash and record.
pub struct Session {
    pub hash: String,
    pub s: WebSession,
}

impl App {
    /// The session of the request, if logged in and not expired.
    pub(super) fn session(&self, h: &HeaderMap) -> Result<Option<Session>, WebError> {
        let Some(token) = cookie_value(h, COOKIE) else {
            return Ok(None);
        };
        let hash = hash_code(&token);
        // On a PostgreSQL gradebook other servers share the sessions (a logout
        // there must hold here): read them from the database every time.
        let shared = self
            .cfg
            .db
            .to_str()
            .is_some_and(crate::gradebook::pg::is_url);
        let cached = if shared {
            None
        } else {
            lock(&self.sessions).get(&hash).cloned()
        };
        let s = match cached {
            Some(s) => s,
            None => {
                let Some(s) = self.reader().session(&hash)? else {
                    return Ok(None);
                };
                self.cache_session(hash.clone(), s.clone());
                s
            }
        };
        if s.expires_at <= crate::gradebook::now() {
            lock(&self.sessions).remove(&hash);
            return Ok(None);
        }
        Ok(Some(Session { hash, s }))
    }

    /// The student session of the request (else to the login page).
    pub(super) fn student(&self, h: &HeaderMap) -> Result<(Session, String), WebError> {
        match self.session(h)? {
            Some(s) => match s.s.student.clone() {
                Some(id) => Ok((s, id)),
                None => Err(WebError::Login),
            },
            None => Err(WebError::Login),
        }
    }

    /// The instructor session of the request.
    pub(super) fn instructor(&self, h: &HeaderMap) -> Result<Session, WebError> {
        match self.session(h)? {
            Some(s) if s.s.student.is_none() => Ok(s),
            _ => Err(WebError::TeachLogin),
        }
    }

    /// Refuse a request without the session's CSRF token (form field or header).
    pub(super) fn csrf(&self, s: &Session, h: &HeaderMap, field: &str) -> Result<(), WebError> {
        let given = if field.is_empty() {
            h.get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
        } else {
            field
        };
        if given.is_empty() || !ct_eq(s.s.csrf.as_bytes(), given.as_bytes()) {
            return Err(WebError::Forbidden);
        }
        Ok(())
    }

    /// Start a session; returns the Set-Cookie value.
    fn start_session(&self, student: Option<&str>, h: &HeaderMap) -> Result<String, WebError> {
        let token = new_token()?;
        let hash = hash_code(&token);
        let expires = chrono::Utc::now() + chrono::Duration::hours(SESSION_HOURS);
        let s = WebSession {
            student: student.map(str::to_string),
            csrf: new_token()?,
            holder: crate::gradebook::new_holder(),
            expires_at: expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        self.writer().create_session(&hash, &s)?;
        self.cache_session(hash, s);
        Ok(set_cookie(
            COOKIE,
            &token,
            SESSION_HOURS * 3600,
            secure(self, h),
        ))
    }

    /// Whether a login from address key `addr` for `target` (a student, or
    /// every instructor code) must wait. Locked out: an (address, target) pair
    /// with [`MAX_FAILURES`] failed logins in [`WINDOW`]; an address with
    /// [`MAX_ADDRESS_FAILURES`] (a class behind one NAT address shares one, so
    /// its limit is high); and a target with [`MAX_FAILURES`] failures from any
    /// addresses, but only for the addresses that failed for it too: someone
    /// failing on purpose cannot lock the real student or instructor out, and
    /// a spread-out guesser gets one guess per address per window.
    fn limited(&self, addr: &str, target: &str) -> bool {
        let mut f = lock(&self.failures);
        let now = Instant::now();
        let mut count = |k: &str| match f.get(k) {
            Some((n, since)) if now.duration_since(*since) < WINDOW => *n,
            Some(_) => {
                f.remove(k);
                0
            }
            None => 0,
        };
        let by_pair = count(&pair_key(addr, target));
        by_pair >= MAX_FAILURES
            || count(addr) >= MAX_ADDRESS_FAILURES
            || (by_pair >= PAIR_FAILURES_UNDER_ATTACK && count(target) >= MAX_FAILURES)
    }

    /// Count a failed login from address key `addr` for `target`.
    fn failed(&self, addr: &str, target: &str) {
        let pair = pair_key(addr, target);
        let keys = [addr, target, pair.as_str()];
        let mut f = lock(&self.failures);
        let now = Instant::now();
        if f.len() + keys.len() > self.caps.failures {
            super::evict_failures(&mut f, now, self.caps.failures.saturating_sub(keys.len()));
        }
        for k in keys {
            let e = f.entry(k.to_string()).or_insert((0, now));
            if now.duration_since(e.1) >= WINDOW {
                *e = (0, now);
            }
            e.0 += 1;
        }
    }
}

/// The failure key of one target from one address.
fn pair_key(addr: &str, target: &str) -> String {
    format!("p:{addr}|{target}")
}

/// Failed-login entries older than [`WINDOW`] are forgotten.
pub(super) const FAILURE_WINDOW: Duration = WINDOW;

/// The client's address (`quiz serve` always knows it; a request without one
/// shares the key "unknown").
fn address(ci: Option<&ConnectInfo<std::net::SocketAddr>>) -> String {
    ci.map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string())
}

fn login_form_response(
    title: &str,
    action: &str,
    error: &str,
    student: bool,
    h: &HeaderMap,
    app: &App,
) -> Result<Response, WebError> {
    let pre = new_token()?;
    let page = views::login_page(title, action, error, student, &pre);
    let status = if error.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNAUTHORIZED
    };
    Ok((
        status,
        [(
            header::SET_COOKIE,
            set_cookie(PRE_COOKIE, &pre, 3600, secure(app, h)),
        )],
        page,
    )
        .into_response())
}

/// GET /login
pub async fn login_page(State(app): State<Shared>, h: HeaderMap) -> Response {
    // No gradebook work: no blocking task.
    match login_form_response("학생 로그인", "/login", "", true, &h, &app) {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    student: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    pre: String,
}

fn pre_ok(h: &HeaderMap, pre: &str) -> bool {
    cookie_value(h, PRE_COOKIE)
        .is_some_and(|c| !pre.is_empty() && ct_eq(c.as_bytes(), pre.as_bytes()))
}

/// POST /login
pub async fn login(
    State(app): State<Shared>,
    ci: Option<axum::Extension<ConnectInfo<std::net::SocketAddr>>>,
    h: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let addr = address(ci.as_ref().map(|e| &e.0));
    blocking(app, move |app| {
        if !pre_ok(&h, &f.pre) {
            return Err(WebError::Forbidden);
        }
        let student = f.student.trim().to_string();
        // Failures are counted per 학번: an id that cannot be one (a 2 MB
        // field, attack of 2026-12-01: 1.2 GB held for ten minutes) is
        // counted under one key, never kept as given.
        let valid = crate::roster::valid_id(&student);
        let target = failure_key(&student);
        let addr = format!("a:{addr}");
        if app.limited(&addr, &target) {
            return Err(WebError::TooMany);
        }
        let stored = if valid {
            app.reader().login_code_hash(&student)?
        } else {
            None
        };
        let given = hash_code(&f.code.to_uppercase());
        // The same work whether the student exists or not.
        let expected = stored.clone().unwrap_or_else(|| hash_code("\u{0}"));
        let ok = ct_eq(expected.as_bytes(), given.as_bytes()) && stored.is_some();
        if !ok {
            app.failed(&addr, &target);
            return login_form_response(
                "학생 로그인",
                "/login",
                "학번 또는 로그인 코드가 맞지 않습니다.",
                true,
                &h,
                app,
            );
        }
        let cookie = app.start_session(Some(&student), &h)?;
        Ok((
            axum::http::StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, "/".to_string()),
            ],
        )
            .into_response())
    })
    .await
}

/// The key a failed student login is counted under: the 학번, or one key
/// for every text that cannot be a 학번 (never kept as given: it may be
/// megabytes long).
fn failure_key(student: &str) -> String {
    if crate::roster::valid_id(student) {
        format!("s:{student}")
    } else {
        "s:(학번 아님)".to_string()
    }
}

/// POST /logout
pub async fn logout(State(app): State<Shared>, h: HeaderMap, Form(f): Form<CsrfForm>) -> Response {
    blocking(app, move |app| {
        if let Some(s) = app.session(&h)? {
            app.csrf(&s, &h, &f.csrf)?;
            app.writer().delete_session(&s.hash)?;
            lock(&app.sessions).remove(&s.hash);
        }
        let mut r = redirect("/login");
        if let Ok(v) = set_cookie(COOKIE, "", 0, secure(app, &h)).parse() {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
        Ok(r)
    })
    .await
}

/// A form that carries only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// The one-time link's query.
#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// Whether `code` is an instructor code; a one-time code is used up.
fn instructor_code_ok(app: &App, code: &str) -> Result<bool, WebError> {
    let given = hash_code(code);
    let codes = app.reader().instructor_codes()?;
    let mut found: Option<bool> = None;
    for (hash, one_time) in &codes {
        if ct_eq(hash.as_bytes(), given.as_bytes()) {
            found = Some(*one_time);
        }
    }
    match found {
        None => Ok(false),
        Some(false) => Ok(true),
        Some(true) => Ok(app.writer().use_one_time_code(&given)?),
    }
}

/// GET /teach/login[?token=...]: the one-time link printed on start, or the code form.
pub async fn teach_login_page(
    State(app): State<Shared>,
    ci: Option<axum::Extension<ConnectInfo<std::net::SocketAddr>>>,
    h: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Response {
    let addr = address(ci.as_ref().map(|e| &e.0));
    blocking(app, move |app| {
        if let Some(token) = q.token {
            let addr = format!("a:{addr}");
            if app.limited(&addr, INSTRUCTOR) {
                return Err(WebError::TooMany);
            }
            if instructor_code_ok(app, &token)? {
                let cookie = app.start_session(None, &h)?;
                return Ok((
                    axum::http::StatusCode::SEE_OTHER,
                    [
                        (header::SET_COOKIE, cookie),
                        (header::LOCATION, "/teach".to_string()),
                    ],
                )
                    .into_response());
            }
            app.failed(&addr, INSTRUCTOR);
            return login_form_response(
                "강사 로그인",
                "/teach/login",
                "로그인 링크가 이미 쓰였거나 맞지 않습니다. 강사 코드로 로그인하세요.",
                false,
                &h,
                app,
            );
        }
        login_form_response("강사 로그인", "/teach/login", "", false, &h, app)
    })
    .await
}

/// POST /teach/login
pub async fn teach_login(
    State(app): State<Shared>,
    ci: Option<axum::Extension<ConnectInfo<std::net::SocketAddr>>>,
    h: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let addr = address(ci.as_ref().map(|e| &e.0));
    blocking(app, move |app| {
        if !pre_ok(&h, &f.pre) {
            return Err(WebError::Forbidden);
        }
        let addr = format!("a:{addr}");
        if app.limited(&addr, INSTRUCTOR) {
            return Err(WebError::TooMany);
        }
        if !instructor_code_ok(app, f.code.trim())? {
            app.failed(&addr, INSTRUCTOR);
            return login_form_response(
                "강사 로그인",
                "/teach/login",
                "강사 코드가 맞지 않습니다.",
                false,
                &h,
                app,
            );
        }
        let cookie = app.start_session(None, &h)?;
        Ok((
            axum::http::StatusCode::SEE_OTHER,
            [
                (header::SET_COOKIE, cookie),
                (header::LOCATION, "/teach".to_string()),
            ],
        )
            .into_response())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_login_is_counted_under_a_short_key() {
        assert_eq!(failure_key("s001"), "s:s001");
        let huge = "x".repeat(2_000_000);
        assert_eq!(failure_key(&huge), failure_key("학번"));
        assert!(failure_key(&huge).len() < 32);
    }

    #[test]
    fn hash_code_is_sha256_hex_of_the_trimmed_code() {
        // Stored hashes must keep matching: the known SHA-256 of "abc".
        assert_eq!(
            hash_code(" abc\n"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let t = new_token().expect("token");
        assert_eq!(t.len(), 32);
        assert!(
            t.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }
}
