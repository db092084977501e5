//! `quiz serve`: every route through the router in process (tower `oneshot`),
//! the student flows (practice, exam, resume, leases, deadlines), the
//! instructor pages, and the security rules of issue 13; plus
//! `quiz roster codes` and `quiz instructor code` through the built binary.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use quiz::gradebook::{Gradebook, Student};
use quiz::model::{FormQuestion, Kind, Mode};
use quiz::web::{App, Config, hash_code, router};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

struct T {
    app: Arc<App>,
    router: Router,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Resp {
    fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
}

/// A browser: its cookies and CSRF token.
#[derive(Clone, Default)]
struct Client {
    cookies: std::cell::RefCell<Vec<(String, String)>>,
    csrf: String,
    addr: String,
}

fn setup_with(ttl: Duration) -> T {
    setup_caps(ttl, quiz::web::Caps::default())
}

fn setup_caps(ttl: Duration, caps: quiz::web::Caps) -> T {
    blocking(|| setup_blocking(ttl, caps, |_| {}))
}

/// The usual setup, with the copied fixture edited before the app reads it.
fn setup_edited(edit: fn(&std::path::Path)) -> T {
    blocking(move || setup_blocking(Duration::from_secs(120), quiz::web::Caps::default(), edit))
}

fn setup_blocking(ttl: Duration, caps: quiz::web::Caps, edit: fn(&std::path::Path)) -> T {
    let dir = tempfile::tempdir().expect("tempdir");
    common::copy_dir(&common::root().join("tests/fixtures/web"), dir.path());
    edit(dir.path());
    let db = common::db_path(dir.path(), "g.db");
    let mut gb = Gradebook::open(&db).expect("gradebook");
    gb.upsert_students(&[
        Student {
            id: "s1".into(),
            name: "<script>alert('name')</script>".into(),
            email: None,
        },
        Student {
            id: "s2".into(),
            name: "학생 둘".into(),
            email: None,
        },
    ])
    .expect("students");
    gb.set_login_codes(&[
        ("s1".into(), hash_code("CODE1")),
        ("s2".into(), hash_code("CODE2")),
    ])
    .expect("codes");
    gb.add_instructor_code(&hash_code("TEACHCODE"), false)
        .expect("instructor code");
    gb.add_instructor_code(&hash_code("onetime"), true)
        .expect("one-time code");
    drop(gb);
    let (app, _) = App::new(Config {
        questions: dir.path().join("questions"),
        rubrics: dir.path().join("rubrics"),
        db: db.clone(),
        course: dir.path().join("course.yaml"),
        today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date")),
        secure: false,
        lease_ttl: ttl,
        readers: 2,
    })
    .expect("app");
    let mut app = app;
    app.set_caps(caps);
    let app = Arc::new(app);
    T {
        router: router(app.clone()),
        app,
        db,
        _dir: dir,
    }
}

fn setup() -> T {
    setup_with(Duration::from_secs(120))
}

impl T {
    fn app_config(&self) -> Config {
        Config {
            questions: self._dir.path().join("questions"),
            rubrics: self._dir.path().join("rubrics"),
            db: self.db.clone(),
            course: self._dir.path().join("course.yaml"),
            today: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date")),
            secure: false,
            lease_ttl: Duration::from_secs(120),
            readers: 2,
        }
    }

    async fn send(
        &self,
        c: &Client,
        method: &str,
        path: &str,
        body: Option<String>,
        extra: &[(&str, &str)],
    ) -> Resp {
        let mut b = Request::builder().method(method).uri(path);
        if !c.cookies.borrow().is_empty() {
            let v = c
                .cookies
                .borrow()
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            b = b.header(header::COOKIE, v);
        }
        for (k, v) in extra {
            b = b.header(*k, *v);
        }
        let mut req = if let Some(body) = body {
            b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
        } else {
            b.body(Body::empty())
        }
        .expect("request");
        if !c.addr.is_empty() {
            // The peer address, as `quiz serve` gives it to the handlers.
            let ip: std::net::IpAddr = c.addr.parse().expect("ip");
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(
                    ip, 40000,
                )));
        }
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        for v in headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap_or("");
            if let Some((kv, _)) = v.split_once(';')
                && let Some((k, val)) = kv.split_once('=')
            {
                c.cookies.borrow_mut().retain(|(n, _)| n != k);
                if !val.is_empty() {
                    c.cookies
                        .borrow_mut()
                        .push((k.to_string(), val.to_string()));
                }
            }
        }
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    async fn get(&self, c: &Client, path: &str) -> Resp {
        self.send(c, "GET", path, None, &[]).await
    }

    async fn post(&self, c: &Client, path: &str, body: &str) -> Resp {
        self.send(c, "POST", path, Some(body.to_string()), &[])
            .await
    }

    /// POST /teach/sign with the client's CSRF token and `fields`.
    async fn sign(&self, c: &Client, fields: &str) -> Resp {
        self.post(c, "/teach/sign", &format!("csrf={}&{fields}", c.csrf))
            .await
    }

    async fn login_attempt(&self, c: &Client, student: &str, code: &str) -> Resp {
        let page = self.get(c, "/login").await;
        let pre = attr(&page.body, "name=\"pre\" value=\"");
        self.post(
            c,
            "/login",
            &format!("student={student}&code={code}&pre={pre}"),
        )
        .await
    }

    async fn student(&self, id: &str, code: &str) -> Client {
        let mut c = Client::default();
        let r = self.login_attempt(&c, id, code).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let home = self.get(&c, "/").await;
        c.csrf = attr(&home.body, "name=\"csrf\" value=\"");
        assert!(!c.csrf.is_empty(), "{}", home.body);
        c
    }

    async fn instructor(&self) -> Client {
        let mut c = Client::default();
        let page = self.get(&c, "/teach/login").await;
        let pre = attr(&page.body, "name=\"pre\" value=\"");
        let r = self
            .post(&c, "/teach/login", &format!("code=TEACHCODE&pre={pre}"))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let home = self.get(&c, "/teach").await;
        c.csrf = attr(&home.body, "name=\"csrf\" value=\"");
        c
    }

    fn open_quiz(&self, mode: Mode, minutes: Option<i64>) -> i64 {
        blocking(|| {
            let mut gb = Gradebook::open(&self.db).expect("gb");
            gb.open_quiz("w1d1", mode, 7, minutes, &[], None)
                .expect("open")
        })
    }

    /// Start an opened quiz; returns the attempt id.
    async fn start(&self, c: &Client, quiz: i64) -> i64 {
        let r = self
            .post(c, "/start", &format!("csrf={}&quiz={quiz}", c.csrf))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.location()
            .trim_start_matches("/a/")
            .parse()
            .expect("attempt id")
    }

    /// POST an answer to the question at `pos` of attempt `id`: its key
    /// (`right`) or a wrong answer.
    async fn answer(&self, c: &Client, id: i64, pos: usize, right: bool) -> Resp {
        let (shown, q) = self.shown(id, pos);
        let a = if right {
            right_answer(&shown, &q)
        } else {
            wrong_answer(&shown, &q)
        };
        self.post(
            c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&{a}", c.csrf),
        )
        .await
    }

    /// Start a practice of `unit` from the home; returns the attempt id.
    async fn start_practice(&self, c: &Client, unit: &str) -> i64 {
        let r = self
            .post(c, "/start", &format!("csrf={}&unit={unit}", c.csrf))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        r.location()
            .trim_start_matches("/a/")
            .parse()
            .expect("attempt id")
    }

    /// The instructor closes quiz `quiz` (its keys show from then on).
    fn close(&self, quiz: i64) {
        blocking(|| {
            Gradebook::open(&self.db)
                .expect("gb")
                .close_quiz(quiz)
                .expect("close")
        });
    }

    /// An exam of w1d1 begun in the terminal by `student` and left open
    /// (`q`); returns its attempt id.
    fn terminal_exam(&self, student: &str) -> i64 {
        let db = self.db.to_string_lossy().to_string();
        let run = common::quiz_in(
            self._dir.path(),
            &[
                "--db",
                &db,
                "take",
                "w1d1",
                "--student",
                student,
                "--mode",
                "exam",
            ],
            "q\n",
        );
        assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
        gb(&self.db).student_attempt_ids(student).expect("ids")[0]
    }

    /// The question at a form position, as shown.
    fn shown(&self, attempt: i64, pos: usize) -> (FormQuestion, quiz::model::Question) {
        let a = gb(&self.db)
            .attempt_by_id(attempt)
            .expect("read")
            .expect("attempt");
        let item = &a.form.items[pos];
        let (bank, _) = quiz::bank::Bank::load(
            &self._dir.path().join("questions"),
            &self._dir.path().join("rubrics"),
        )
        .expect("bank");
        let (_, q) = bank.find(&item.question).expect("question");
        (FormQuestion::new(q, item), q.clone())
    }
}

/// Runs blocking gradebook work from an async test body: the PostgreSQL
/// client blocks on a runtime of its own, which panics on an async thread
/// (the tests run on tokio's multi-thread runtime, where this is allowed).
fn blocking<R>(f: impl FnOnce() -> R) -> R {
    tokio::task::block_in_place(f)
}

/// The test's own connection to the gradebook (SQLite, or PostgreSQL under
/// `QUIZ_TEST_DB=postgres`): every call goes through [`blocking`].
struct Gb(Gradebook);

fn gb(db: &std::path::Path) -> Gb {
    blocking(|| Gb(Gradebook::open(db).expect("gb")))
}

impl Gb {
    fn responses(&self, id: i64) -> quiz::Result<Vec<quiz::gradebook::StoredResponse>> {
        blocking(|| self.0.responses(id))
    }
    fn attempt_info(&self, id: i64) -> quiz::Result<Option<quiz::gradebook::AttemptInfo>> {
        blocking(|| self.0.attempt_info(id))
    }
    fn attempt_by_id(&self, id: i64) -> quiz::Result<Option<quiz::gradebook::Attempt>> {
        blocking(|| self.0.attempt_by_id(id))
    }
    fn student_attempt_ids(&self, student: &str) -> quiz::Result<Vec<i64>> {
        blocking(|| self.0.student_attempt_ids(student))
    }
    fn rows(&self) -> quiz::Result<Vec<quiz::gradebook::Row>> {
        blocking(|| self.0.rows())
    }
    fn checklist(&self, week: u32) -> quiz::Result<Vec<quiz::gradebook::ChecklistScore>> {
        blocking(|| self.0.checklist(week))
    }
    fn due_reviews(&self, student: &str, day: chrono::NaiveDate) -> quiz::Result<Vec<String>> {
        blocking(|| self.0.due_reviews(student, day))
    }
    fn close_quiz(mut self, id: i64) -> quiz::Result<()> {
        blocking(|| self.0.close_quiz(id))
    }
}

fn attr(body: &str, prefix: &str) -> String {
    body.split(prefix)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("")
        .to_string()
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Form fields answering `q` (as shown) right.
fn right_answer(shown: &FormQuestion, q: &quiz::model::Question) -> String {
    use quiz::model::Answer;
    let pos_of = |list: &[quiz::model::Choice], id: &str| {
        list.iter().position(|c| c.id == id).map_or(0, |i| i + 1)
    };
    match (shown.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(id))) => format!("a={}", pos_of(&shown.options, id)),
        (Kind::Multi, Some(Answer::Many(ids))) => ids
            .iter()
            .map(|id| format!("a={}", pos_of(&shown.options, id)))
            .collect::<Vec<_>>()
            .join("&"),
        (Kind::Truefalse, Some(Answer::Bool(b))) => format!("a={}", if *b { 1 } else { 2 }),
        (Kind::Short, _) => "a=GitOps".to_string(),
        (Kind::Order, Some(Answer::Many(ids))) => format!(
            "a={}",
            enc(&ids
                .iter()
                .map(|id| pos_of(&shown.items, id).to_string())
                .collect::<Vec<_>>()
                .join(" "))
        ),
        (Kind::Match, Some(Answer::Pairs(m))) => shown
            .left
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let r = m.get(&l.id).map_or(0, |r| pos_of(&shown.right, r) - 1);
                format!("a={}-{}", li + 1, char::from(b'A' + r as u8))
            })
            .collect::<Vec<_>>()
            .join("&"),
        (Kind::Essay, _) => format!("a={}", enc("선언적 배포를 Git으로 관리합니다")),
        other => panic!("no right answer for {other:?}"),
    }
}

fn pos_on_page(body: &str) -> usize {
    attr(body, "name=\"pos\" value=\"").parse().expect("pos")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anonymous_requests_go_to_login_and_every_response_has_security_headers() {
    let t = setup();
    let c = Client::default();
    for path in ["/", "/a/1"] {
        let r = t.get(&c, path).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.location(), "/login");
    }
    let r = t.get(&c, "/teach").await;
    assert_eq!(r.location(), "/teach/login");
    let r = t.get(&c, "/login").await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers["content-security-policy"].to_str().unwrap_or("");
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    assert!(r.body.contains("로그인 코드"));
    assert!(!r.body.contains("<script>") && !r.body.contains("style="));
    let js = t.get(&c, "/static/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(
        js.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/javascript")
    );
    assert!(js.body.contains("/beat"));
    let css = t.get(&c, "/static/app.css").await;
    assert!(
        css.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/css")
    );
    assert_eq!(css.headers["x-content-type-options"], "nosniff");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookie_is_httponly_lax_and_secure_behind_https() {
    let t = setup();
    let c = Client::default();
    let r = t.login_attempt(&c, "s1", "CODE1").await;
    let cookie = r.headers[header::SET_COOKIE]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(cookie.starts_with("quiz_session="));
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"));
    let c = Client::default();
    let page = t.get(&c, "/login").await;
    let pre = attr(&page.body, "name=\"pre\" value=\"");
    let r = t
        .send(
            &c,
            "POST",
            "/login",
            Some(format!("student=s1&code=code1&pre={pre}")),
            &[("x-forwarded-proto", "https")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "codes are case-insensitive"
    );
    assert!(
        r.headers[header::SET_COOKIE]
            .to_str()
            .unwrap_or("")
            .contains("; Secure")
    );
    // The session token is stored hashed only.
    let token = c
        .cookies
        .borrow()
        .iter()
        .find(|(k, _)| k == "quiz_session")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let bytes = std::fs::read(&t.db).unwrap_or_default();
    let wal = std::fs::read(t.db.with_extension("db-wal")).unwrap_or_default();
    for b in [bytes, wal] {
        assert!(!String::from_utf8_lossy(&b).contains(&token));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_are_refused_and_logins_are_rate_limited_per_student_and_address() {
    let t = setup();
    let c = Client {
        addr: "10.0.0.1".into(),
        ..Client::default()
    };
    let r = t.login_attempt(&c, "s1", "WRONG").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("맞지 않습니다"));
    let r = t.login_attempt(&c, "nobody", "CODE1").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Without the login form's token: refused.
    let bare = Client::default();
    let r = t.post(&bare, "/login", "student=s1&code=CODE1&pre=x").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Ten failures for s1 (from ten addresses): s1 is locked, even with the right code.
    for i in 0..9 {
        let x = Client {
            addr: format!("10.1.0.{i}"),
            ..Client::default()
        };
        assert_eq!(
            t.login_attempt(&x, "s1", "WRONG").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // From an address that failed once (the student's own typo): still in.
    let typo = Client {
        addr: "10.0.0.1".into(),
        ..Client::default()
    };
    let r = t.login_attempt(&typo, "s1", "CODE1").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // From an address that failed twice: refused, even with the right code.
    let failed = Client {
        addr: "10.1.0.0".into(),
        ..Client::default()
    };
    t.login_attempt(&failed, "s1", "WRONG").await;
    let r = t.login_attempt(&failed, "s1", "CODE1").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // From an address that did not fail: the real s1 still gets in (nobody
    // can lock a classmate out by failing on purpose).
    let other = Client {
        addr: "10.0.0.2".into(),
        ..Client::default()
    };
    let r = t.login_attempt(&other, "s1", "CODE1").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Ten failures for one student from one address: that pair is locked.
    for _ in 0..10 {
        t.login_attempt(&c, "s2", "WRONG").await;
    }
    let r = t.login_attempt(&c, "s2", "CODE2").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Another student from another address is fine.
    let r = t.login_attempt(&other, "s2", "CODE2").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_change_needs_the_csrf_token() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let r = t.post(&c, "/start", &format!("quiz={quiz}")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = t.post(&c, "/start", &format!("csrf=bad&quiz={quiz}")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let id = t.start(&c, quiz).await;
    for path in [
        format!("/a/{id}/answer"),
        format!("/a/{id}/beat"),
        format!("/a/{id}/submit"),
        "/logout".to_string(),
    ] {
        let r = t.post(&c, &path, "pos=0&a=1&csrf=nope").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let gb = gb(&t.db);
    assert!(gb.responses(id).expect("responses").is_empty());
    let teach = t.instructor().await;
    for (path, body) in [
        ("/teach/quizzes", "unit=w1d1&mode=exam"),
        ("/teach/quizzes/1/close", ""),
        ("/teach/review", "attempt=1&position=0&points=1"),
        ("/teach/checklist", "week=1&s1|w1k1=우수"),
    ] {
        let r = t.post(&teach, path, &format!("{body}&csrf=wrong")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_one_question_at_a_time_with_feedback_only_after_storing_and_resume() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Practice, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let mut seen = 0;
    let mut next = format!("/a/{id}");
    for n in 0..7 {
        let page = t.get(&c, &next).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let pos = pos_on_page(&page.body);
        let (shown, q) = t.shown(id, pos);
        // Nothing of this question's key before its answer is stored.
        let form_part = page
            .body
            .split("class=\"card answer\"")
            .nth(1)
            .unwrap_or("");
        assert!(!form_part.contains("정답") && !form_part.contains("도커파일설명문장"));
        // The short question's key never stands in its own form (another
        // question of a random form may offer GitOps as an option).
        assert!(
            shown.kind != Kind::Short || !form_part.contains("GitOps"),
            "key of the short question leaked"
        );
        assert!(page.body.contains(&format!("{n}/7")), "progress {n}/7");
        if n > 0 {
            assert!(
                page.body.contains(&format!("문제 {n} 결과")),
                "feedback of the previous answer: {}",
                page.body
            );
            assert!(
                page.body.contains("정답") || page.body.contains("채점 대기"),
                "{}",
                page.body
            );
            seen += 1;
        }
        if n == 2 {
            // Another browser of the same student: refused while this one holds it.
            let again = t.student("s1", "CODE1").await;
            let r = t.get(&again, &format!("/a/{id}")).await;
            assert_eq!(r.status, StatusCode::CONFLICT, "held by the first browser");
            assert!(r.body.contains("이미 다른 곳에서 진행 중입니다"));
            // Reloading in this browser resumes at the same question.
            let r = t.get(&c, &format!("/a/{id}")).await;
            assert_eq!(pos_on_page(&r.body), pos);
        }
        let r = t
            .post(
                &c,
                &format!("/a/{id}/answer"),
                &format!("csrf={}&pos={pos}&{}", c.csrf, right_answer(&shown, &q)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), format!("/a/{id}?after={pos}"));
        next = r.location();
        if q.feedback.is_some() && n < 6 {
            assert!(t.get(&c, &next).await.body.contains("도커파일설명문장"));
        }
    }
    assert_eq!(seen, 6);
    // Every answer right: the results page with the score per criterion.
    let res = t.get(&c, &format!("/a/{id}")).await;
    assert!(res.body.contains("점수:"), "{}", res.body);
    assert!(res.body.contains("컨테이너 기초 (docker)"));
    // The essay waits for the instructor: marked pending, not wrong.
    assert!(
        res.body.contains("class=\"result pending\""),
        "{}",
        res.body
    );
    assert!(!res.body.contains("class=\"result wrong\""), "{}", res.body);
    assert!(res.body.contains("합계"));
    let gb = gb(&t.db);
    assert_eq!(gb.responses(id).expect("responses").len(), 7);
    assert!(
        gb.attempt_info(id)
            .expect("info")
            .expect("row")
            .finished_at
            .is_some()
    );
    // The home page lists it with its score per criterion.
    let home = t.get(&c, "/").await;
    assert!(
        home.body.contains("컨테이너 기초 (docker): 3/3"),
        "{}",
        home.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_restart_resumes_the_same_form_with_every_saved_answer() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    for pos in 0..3 {
        let (shown, q) = t.shown(id, pos);
        let r = t
            .post(
                &c,
                &format!("/a/{id}/answer"),
                &format!("csrf={}&pos={pos}&{}", c.csrf, right_answer(&shown, &q)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let before = t.get(&c, &format!("/a/{id}")).await.body;
    // A new server on the same gradebook: the browser's cookie still works,
    // the same form comes back with the three answers, and it holds the attempt.
    let (app, _) = blocking(|| App::new(t.app_config())).expect("restarted app");
    let t2 = T {
        router: router(Arc::new(app)),
        app: t.app.clone(),
        db: t.db.clone(),
        _dir: tempfile::tempdir().expect("tmp"),
    };
    let after = t2.get(&c, &format!("/a/{id}")).await;
    assert_eq!(after.status, StatusCode::OK, "{}", after.body);
    assert_eq!(after.body.matches(">저장됨<").count(), 3);
    let ids = |b: &str| {
        b.split("id=\"q")
            .skip(1)
            .map(|s| s.split('"').next().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&before), ids(&after.body), "same form, same order");
    let (shown, q) = t.shown(id, 3);
    let r = t2
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos=3&{}", c.csrf, right_answer(&shown, &q)),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_is_explained_and_not_stored() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let choice = (0..7)
        .find(|p| t.shown(id, *p).0.kind == Kind::Choice)
        .expect("choice");
    let r = t
        .send(
            &c,
            "POST",
            &format!("/a/{id}/answer"),
            Some(format!("csrf={}&pos={choice}&a=9", c.csrf)),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("9번은 없습니다"), "{}", r.body);
    let r = t
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos=99&a=1", c.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let gb = gb(&t.db);
    assert!(gb.responses(id).expect("responses").is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exam_saves_each_answer_reveals_nothing_until_submit_and_refuses_changes_after() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, Some(30));
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert_eq!(page.body.matches("class=\"card answer\"").count(), 7);
    assert!(page.body.contains("data-deadline="), "countdown");
    // One question is left unanswered: not the short one, whose saved text
    // is looked for below (forms are drawn at random).
    let left = (0..7)
        .rev()
        .find(|&p| t.shown(id, p).0.kind != Kind::Short)
        .expect("a question that is not short");
    for pos in (0..7).filter(|&p| p != left) {
        let (shown, q) = t.shown(id, pos);
        let r = t
            .send(
                &c,
                "POST",
                &format!("/a/{id}/answer"),
                Some(format!(
                    "csrf={}&pos={pos}&{}",
                    c.csrf,
                    right_answer(&shown, &q)
                )),
                &[("x-quiz-fetch", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
        assert_eq!(v["ok"], true);
        assert!(
            v["feedback"].is_null(),
            "no feedback in an exam: {}",
            r.body
        );
        assert!(!r.body.contains("정답") && !r.body.contains("도커파일설명문장"));
    }
    // Reload: every saved answer is there, marked 저장됨, and no key anywhere.
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert_eq!(page.body.matches(">저장됨<").count(), 6, "{}", page.body);
    assert!(
        page.body.contains("value=\"GitOps\""),
        "the student's own answer is shown"
    );
    assert!(
        !page.body.contains("정답")
            && !page.body.contains("도커파일설명문장")
            && !page.body.contains("깃옵스")
    );
    let r = t
        .post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Submitted while the exam is open for others: the score, no key.
    let res = t.get(&c, &format!("/a/{id}")).await;
    assert!(res.body.contains("점수:"), "{}", res.body);
    assert!(
        !res.body.contains("정답:") && !res.body.contains("도커파일설명문장"),
        "{}",
        res.body
    );
    assert!(res.body.contains("모두에게 닫힌 뒤에"), "{}", res.body);
    // Once the quiz is closed, the keys and feedback.
    t.close(quiz);
    let res = t.get(&c, &format!("/a/{id}")).await;
    assert!(
        res.body.contains("점수:") && res.body.contains("정답"),
        "{}",
        res.body
    );
    assert!(
        res.body.contains("도커파일설명문장"),
        "feedback after the exam"
    );
    let gb = gb(&t.db);
    assert_eq!(
        gb.responses(id).expect("responses").len(),
        7,
        "the unanswered one is stored as unanswered"
    );
    // After submit: refused, nothing changes.
    let (shown, q) = t.shown(id, 0);
    let r = t
        .send(
            &c,
            "POST",
            &format!("/a/{id}/answer"),
            Some(format!(
                "csrf={}&pos=0&{}",
                c.csrf,
                right_answer(&shown, &q)
            )),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("제출한 응시"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_after_the_deadline_are_refused_and_the_server_finishes_the_attempt() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, Some(10));
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let c2 = t.student("s2", "CODE2").await;
    let id2 = t.start(&c2, quiz).await;
    let (shown, q) = t.shown(id, 0);
    let body = format!("csrf={}&pos=0&{}", c.csrf, right_answer(&shown, &q));
    let r = t.post(&c, &format!("/a/{id}/answer"), &body).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    blocking(|| {
        common::execute_sql(
            &t.db,
            "UPDATE web_attempts SET deadline = '2000-01-01T00:00:00Z'",
        )
    })
    .expect("past deadline");
    let r = t
        .send(
            &c,
            "POST",
            &format!("/a/{id}/answer"),
            Some(body.replace("pos=0", "pos=1")),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("시험 시간이 끝났습니다"), "{}", r.body);
    let gb = gb(&t.db);
    assert!(
        gb.attempt_info(id)
            .expect("info")
            .expect("row")
            .finished_at
            .is_some()
    );
    let stored = gb.responses(id).expect("responses");
    assert_eq!(stored.len(), 7);
    assert!(
        stored
            .iter()
            .filter(|r| r.response == quiz::score::Response::Skipped)
            .count()
            == 6
    );
    // The other student's attempt is finished by the server's sweep.
    let app = t.app.clone();
    let swept = tokio::task::spawn_blocking(move || app.finish_overdue())
        .await
        .expect("task")
        .expect("sweep");
    assert_eq!(swept, 1);
    assert!(
        gb.attempt_info(id2)
            .expect("info")
            .expect("row")
            .finished_at
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_sees_and_changes_only_their_own_attempts() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c1 = t.student("s1", "CODE1").await;
    let id = t.start(&c1, quiz).await;
    let c2 = t.student("s2", "CODE2").await;
    let r = t.get(&c2, &format!("/a/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for path in ["answer", "beat", "submit"] {
        let r = t
            .post(
                &c2,
                &format!("/a/{id}/{path}"),
                &format!("csrf={}&pos=0&a=1", c2.csrf),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    let r = t.get(&c2, "/a/999999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let gb = gb(&t.db);
    assert!(gb.responses(id).expect("responses").is_empty());
    assert!(
        gb.attempt_info(id)
            .expect("info")
            .expect("row")
            .finished_at
            .is_none()
    );
    // A student cannot use the instructor pages.
    let r = t.get(&c2, "/teach").await;
    assert_eq!(r.location(), "/teach/login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_place_at_a_time_heartbeats_keep_the_lease_and_a_failed_save_can_be_retried() {
    let t = setup_with(Duration::from_millis(1500));
    let quiz = t.open_quiz(Mode::Exam, None);
    let a = t.student("s1", "CODE1").await;
    let id = t.start(&a, quiz).await;
    assert_eq!(t.get(&a, &format!("/a/{id}")).await.status, StatusCode::OK);
    let b = t.student("s1", "CODE1").await;
    // Heartbeats from the first browser keep it held past the TTL.
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let r = t
            .post(&a, &format!("/a/{id}/beat"), &format!("csrf={}", a.csrf))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = t.get(&b, &format!("/a/{id}")).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // A save from the second browser fails with a clear message; nothing is stored.
    let (shown, q) = t.shown(id, 0);
    let body = format!("csrf={}&pos=0&{}", b.csrf, right_answer(&shown, &q));
    let r = t
        .send(
            &b,
            "POST",
            &format!("/a/{id}/answer"),
            Some(body.clone()),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(v["ok"], false);
    assert!(
        v["error"]
            .as_str()
            .unwrap_or("")
            .contains("이미 다른 곳에서 진행 중입니다")
    );
    assert!(gb(&t.db).responses(id).expect("r").is_empty());
    // The first browser goes away (no beats): the retry of the same save succeeds.
    tokio::time::sleep(Duration::from_millis(1700)).await;
    let r = t
        .send(
            &b,
            "POST",
            &format!("/a/{id}/answer"),
            Some(body),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(gb(&t.db).responses(id).expect("r").len(), 1);
    // And now the first one is refused.
    let r = t
        .post(&a, &format!("/a/{id}/beat"), &format!("csrf={}", a.csrf))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn script_in_a_name_and_in_an_answer_is_escaped() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let evil = "<script>alert(1)</script>";
    for pos in 0..7 {
        let (shown, _) = t.shown(id, pos);
        if matches!(shown.kind, Kind::Short | Kind::Essay) {
            let r = t
                .post(
                    &c,
                    &format!("/a/{id}/answer"),
                    &format!("csrf={}&pos={pos}&a={}", c.csrf, enc(evil)),
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        }
    }
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert!(!page.body.contains(evil));
    assert!(
        page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || page.body.contains("&#60;script&#62;"),
        "{}",
        page.body
    );
    t.post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    let res = t.get(&c, &format!("/a/{id}")).await;
    assert!(!res.body.contains(evil));
    let teach = t.instructor().await;
    for path in [
        "/teach/review",
        "/teach/checklist?week=1",
        "/teach/quizzes/1",
    ] {
        let r = t.get(&teach, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(!r.body.contains("<script>"), "{path}: {}", r.body);
    }
    let r = t.get(&teach, "/teach/checklist?week=1").await;
    assert!(
        r.body.contains("&#39;name&#39;") || r.body.contains("&lt;script&gt;alert("),
        "name shown escaped"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instructor_one_time_link_works_once_and_codes_are_checked() {
    let t = setup();
    let c = Client::default();
    let r = t.get(&c, "/teach/login?token=onetime").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/teach");
    assert_eq!(t.get(&c, "/teach").await.status, StatusCode::OK);
    let d = Client::default();
    let r = t.get(&d, "/teach/login?token=onetime").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "used up");
    let page = t.get(&d, "/teach/login").await;
    let pre = attr(&page.body, "name=\"pre\" value=\"");
    let r = t
        .post(&d, "/teach/login", &format!("code=WRONG&pre={pre}"))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // An instructor session is not a student session.
    let teach = t.instructor().await;
    let tc = teach.clone();
    assert_eq!(t.get(&tc, "/").await.location(), "/teach");
    let r = t
        .post(&tc, "/logout", &format!("csrf={}", teach.csrf))
        .await;
    assert_eq!(r.location(), "/login");
    assert_eq!(t.get(&tc, "/teach").await.location(), "/teach/login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instructor_opens_watches_live_and_closes_a_quiz() {
    let t = setup();
    let teach = t.instructor().await;
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!(
                "csrf={}&unit=w1d1&mode=exam&count=7&minutes=20&students=s1",
                teach.csrf
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let quiz: i64 = r
        .location()
        .trim_start_matches("/teach/quizzes/")
        .parse()
        .expect("id");
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=nope&mode=exam", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // A student id not on the roster (a typo) opens nothing.
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=w1d1&mode=exam&students=s1,s9", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("명단에 없는 학번입니다: s9"), "{}", r.body);
    // Only s1 sees it.
    let s1 = t.student("s1", "CODE1").await;
    let s2 = t.student("s2", "CODE2").await;
    assert!(t.get(&s1, "/").await.body.contains("w1d1"));
    assert!(!t.get(&s2, "/").await.body.contains("name=\"quiz\""));
    let r = t
        .post(&s2, "/start", &format!("csrf={}&quiz={quiz}", s2.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let id = t.start(&s1, quiz).await;
    // A question scored at once (forms are drawn at random: not the essay).
    let first = (0..7)
        .find(|&p| t.shown(id, p).0.kind != Kind::Essay)
        .expect("a question that is not an essay");
    t.answer(&s1, id, first, true).await;
    let page = t.get(&teach, &format!("/teach/quizzes/{quiz}")).await;
    // Each student with the roster's name (escaped) and the attempt.
    assert!(
        page.body.contains("<td>s1</td><td>&#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62;</td><td>1</td><td>1/7</td>"),
        "{}",
        page.body
    );
    // The quiz is for s1 only: nobody else is listed.
    assert!(!page.body.contains("<td>s2</td>"), "{}", page.body);
    let r = t
        .get(&teach, &format!("/teach/quizzes/{quiz}/progress"))
        .await;
    let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(v["rows"][0]["student"], "s1");
    assert_eq!(v["rows"][0]["answered"], 1);
    assert_eq!(v["facility"][0]["answers"], 1);
    // Each question with the start of its prompt, not its id alone.
    let (_, q) = t.shown(id, first);
    let prompt = quiz::attempt::excerpt(&q.prompt);
    assert_eq!(v["facility"][0]["prompt"], prompt.as_str());
    assert_eq!(v["facility"][0]["question"], q.id.as_str());
    // Live updates: the first server-sent event carries the progress.
    let req = Request::builder()
        .uri(format!("/teach/quizzes/{quiz}/events"))
        .header(
            header::COOKIE,
            teach
                .cookies
                .borrow()
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
        .body(Body::empty())
        .expect("req");
    let res = t.router.clone().oneshot(req).await.expect("sse");
    assert_eq!(res.headers()[header::CONTENT_TYPE], "text/event-stream");
    let mut body = res.into_body();
    let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("an event in time")
        .expect("frame")
        .expect("ok");
    let text =
        String::from_utf8_lossy(frame.data_ref().map(|b| b.as_ref()).unwrap_or(b"")).to_string();
    assert!(
        text.contains("event: progress") && text.contains("\"student\":\"s1\""),
        "{text}"
    );
    // A student cannot watch.
    let r = t.get(&s1, &format!("/teach/quizzes/{quiz}/events")).await;
    assert_eq!(r.location(), "/teach/login");
    // Close: with an attempt in progress, only once confirmed (it cannot
    // be undone); then no new starts.
    let page = t.get(&teach, &format!("/teach/quizzes/{quiz}")).await;
    assert!(
        page.body
            .contains("진행 중인 응시 1개를 지금까지의 답으로 제출합니다"),
        "{}",
        page.body
    );
    let r = t
        .post(
            &teach,
            &format!("/teach/quizzes/{quiz}/close"),
            &format!("csrf={}", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("되돌릴 수 없습니다"), "{}", r.body);
    assert!(!t.get(&teach, "/teach").await.body.contains("닫힘"));
    let r = t
        .post(
            &teach,
            &format!("/teach/quizzes/{quiz}/close"),
            &format!("csrf={}&confirm=1", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = t
        .post(&s1, "/start", &format!("csrf={}&quiz={quiz}", s1.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(t.get(&teach, "/teach").await.body.contains("닫힘"));
    // ... and the attempt in progress is ended: no more answers (attack of
    // 2026-12-01: a closed quiz took answers for days).
    let info = gb(&t.db).attempt_info(id).expect("read").expect("attempt");
    assert!(info.finished_at.is_some(), "closed with the quiz");
    let (shown, q) = t.shown(id, 1);
    let r = t
        .post(
            &s1,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos=1&{}", s1.csrf, right_answer(&shown, &q)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

impl T {
    /// s1 takes an exam of the whole form, answering every question right,
    /// and submits: s1's client, the attempt id and the essay's position.
    async fn exam_with_an_essay(&self) -> (Client, i64, usize) {
        let quiz = self.open_quiz(Mode::Exam, None);
        let c = self.student("s1", "CODE1").await;
        let id = self.start(&c, quiz).await;
        let mut essay = None;
        for pos in 0..7 {
            let (shown, q) = self.shown(id, pos);
            if shown.kind == Kind::Essay {
                essay = Some(pos);
            }
            self.post(
                &c,
                &format!("/a/{id}/answer"),
                &format!("csrf={}&pos={pos}&{}", c.csrf, right_answer(&shown, &q)),
            )
            .await;
        }
        self.post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
            .await;
        // Closed, so that its results show the keys and the reviews.
        self.close(quiz);
        (c, id, essay.expect("essay"))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_essay_without_rubric_needs_a_typed_score() {
    let t = setup_edited(|p| {
        let bank = p.join("questions/week_01/day1.yaml");
        let text = std::fs::read_to_string(&bank).expect("bank");
        let start = text.find("- id: w1d1-essay").expect("essay");
        let rubric = start + text[start..].find("  rubric:\n").expect("rubric");
        let end = rubric + text[rubric..].find("  points:").expect("points");
        // A reference answer in `feedback`, in markup the page escapes.
        let text = format!(
            "{}  feedback: '모범 답안: 동작: <b>선언</b>을 맞춤'\n{}",
            &text[..rubric],
            &text[end..]
        );
        std::fs::write(&bank, text).expect("edit");
    });
    let (_, id, essay) = t.exam_with_an_essay().await;
    let (_, q) = t.shown(id, essay);
    assert!(q.rubric.is_empty(), "{q:?}");
    let teach = t.instructor().await;
    let r = t.get(&teach, "/teach/review").await;
    // The student with the roster's name (escaped).
    assert!(
        r.body
            .contains("학생 s1 &#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62; ·"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("루브릭 없음: 점수를 직접 입력하세요"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("비우면 제안 점수"), "{}", r.body);
    assert!(
        r.body
            .contains("모범 답안: 동작: &#60;b&#62;선언&#60;/b&#62;을 맞춤"),
        "{}",
        r.body
    );
    // No suggestion to accept: an empty score is refused.
    let r = t
        .post(
            &teach,
            "/teach/review",
            &format!("csrf={}&attempt={id}&position={essay}&points=", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = t
        .post(
            &teach,
            "/teach/review",
            &format!("csrf={}&attempt={id}&position={essay}&points=2", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let row = gb(&t.db)
        .rows()
        .expect("rows")
        .into_iter()
        .find(|r| r.attempt_id == id && r.position == essay)
        .expect("row");
    assert_eq!(row.points, Some(2.0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn review_queue_checklist_report_and_stats() {
    let t = setup();
    let (c, id, essay) = t.exam_with_an_essay().await;
    let teach = t.instructor().await;
    let r = t.get(&teach, "/teach/review").await;
    assert!(
        r.body.contains("w1d1-essay") && r.body.contains("선언적 배포를 Git으로 관리합니다"),
        "{}",
        r.body
    );
    let r = t
        .post(
            &teach,
            "/teach/review",
            &format!("csrf={}&attempt={id}&position={essay}&points=9", teach.csrf),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "over the question's points"
    );
    let r = t
        .post(
            &teach,
            "/teach/review",
            &format!(
                "csrf={}&attempt={id}&position={essay}&points=1.5&comment=good",
                teach.csrf
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("확정"));
    assert!(!r.body.contains("w1d1-essay</h2>"), "left the queue");
    let gb = gb(&t.db);
    let row = gb
        .rows()
        .expect("rows")
        .into_iter()
        .find(|r| r.attempt_id == id && r.position == essay)
        .expect("row");
    assert_eq!(row.status.as_deref(), Some("manual"));
    assert_eq!(row.points, Some(1.5));
    // The student sees the instructor's score and comment, on the results
    // and in the home's list (trial of 2026-12-01: still 채점 대기, and the
    // total without it).
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert!(page.body.contains("강사 채점: 1.5/"), "{}", page.body);
    assert!(page.body.contains("강사 의견: good"), "{}", page.body);
    assert!(!page.body.contains("채점 대기"), "{}", page.body);
    let home = t.get(&c, "/").await;
    assert!(!home.body.contains("채점 대기"), "{}", home.body);
    // Checklist levels per student in a form.
    let r = t.get(&teach, "/teach/checklist?week=1").await;
    assert!(
        r.body.contains("name=\"s1|w1k1\"") && r.body.contains("우수"),
        "{}",
        r.body
    );
    let r = t
        .post(
            &teach,
            "/teach/checklist",
            &format!(
                "csrf={}&week=1&{}={}&{}={}",
                teach.csrf,
                enc("s1|w1k1"),
                enc("우수"),
                enc("s2|w1k2"),
                enc("보통")
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let scores = gb.checklist(1).expect("checklist");
    assert_eq!(scores.len(), 2);
    assert!(
        scores
            .iter()
            .any(|s| s.student == "s1" && s.item == "w1k1" && s.level == "우수" && s.points == 2.0)
    );
    let r = t
        .post(
            &teach,
            "/teach/checklist",
            &format!("csrf={}&week=1&{}=bad", teach.csrf, enc("s1|w1k1")),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Reports: the files `quiz report` writes.
    let r = t.get(&teach, "/teach/report?week=1&format=csv").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap_or("")
            .contains("attachment")
    );
    assert!(r.body.contains("s1"), "{}", r.body);
    let r = t.get(&teach, "/teach/report?week=1&format=xlsx").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with("PK"), "an xlsx (zip) file");
    let r = t.get(&teach, "/teach/stats?unit=w1d1").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("w1d1-choice"), "{}", r.body);
    // Not for students.
    for path in [
        "/teach/review",
        "/teach/checklist",
        "/teach/report?week=1",
        "/teach/stats",
    ] {
        assert_eq!(t.get(&c, path).await.location(), "/teach/login", "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_of_todays_unit_from_home_and_due_reviews() {
    let t = setup();
    std::fs::write(t._dir.path().join("course.yaml"), "start: 2026-11-02\n").expect("course");
    let c = t.student("s2", "CODE2").await;
    let home = t.get(&c, "/").await;
    assert!(
        home.body.contains("오늘의 단원: <strong>w1d1</strong>"),
        "{}",
        home.body
    );
    assert!(home.body.contains("w1d1 연습 시작"), "{}", home.body);
    // While an exam of the unit is open, no practice button (its start
    // would be refused).
    let exam = t.open_quiz(Mode::Exam, None);
    let home = t.get(&c, "/").await;
    assert!(!home.body.contains("w1d1 연습 시작"), "{}", home.body);
    assert!(home.body.contains("시험이 열려 있어"), "{}", home.body);
    blocking(|| {
        Gradebook::open(&t.db)
            .expect("gb")
            .close_quiz(exam)
            .expect("close")
    });
    let r = t
        .post(&c, "/start", &format!("csrf={}&unit=w1d1", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let id: i64 = r.location().trim_start_matches("/a/").parse().expect("id");
    let page = t.get(&c, &format!("/a/{id}")).await;
    let pos = pos_on_page(&page.body);
    // A wrong answer: the question is due for review tomorrow (the terminal's Leitner boxes).
    let (shown, _) = t.shown(id, pos);
    // (A typed wrong answer, else a skip: an essay's answer would wait for
    // the instructor, and forms are drawn at random.)
    let wrong = match shown.kind {
        Kind::Short => "a=zzz".to_string(),
        _ => "skip=1".to_string(),
    };
    let r = t
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&{wrong}", c.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let fb = t.get(&c, &r.location()).await;
    assert!(
        fb.body.contains("오답") || fb.body.contains("건너뜀"),
        "{}",
        fb.body
    );
    let gb = gb(&t.db);
    let tomorrow = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).expect("date");
    assert_eq!(gb.due_reviews("s2", tomorrow).expect("due").len(), 1);
}

#[test]
fn roster_codes_and_instructor_code_through_the_binary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path();
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name\ns001,김하나\ns002,이둘\n",
    )
    .expect("roster");
    let r = common::quiz(p, &["--db", "g.db", "roster", "codes"]);
    assert_eq!(r.code, 2, "no roster yet: {}", r.stderr);
    assert_eq!(
        common::quiz(p, &["--db", "g.db", "roster", "import", "roster.csv"]).code,
        0
    );
    let r = common::quiz(
        p,
        &[
            "--db",
            "g.db",
            "roster",
            "codes",
            "--out",
            "codes.csv",
            "--url",
            "http://10.0.0.5:8080",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read_to_string(p.join("codes.csv")).expect("csv");
    // The codes are a secret: the file is its owner's alone.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(p.join("codes.csv"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "\u{feff}student_id,name,code,url");
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("s001,김하나,") && lines[1].ends_with(",http://10.0.0.5:8080/login")
    );
    let code1 = lines[1].split(',').nth(2).expect("code").to_string();
    assert_eq!(code1.len(), 10);
    // Stored hashed only.
    let db = std::fs::read(p.join("g.db")).expect("db");
    let wal = std::fs::read(p.join("g.db-wal")).unwrap_or_default();
    assert!(
        !String::from_utf8_lossy(&db).contains(&code1)
            && !String::from_utf8_lossy(&wal).contains(&code1)
    );
    let gb = Gradebook::open_read_only(&p.join("g.db")).expect("gb");
    assert_eq!(
        gb.login_code_hash("s001").expect("hash"),
        Some(hash_code(&code1))
    );
    drop(gb);
    // Again: everyone has a code, nothing new (no list is written, not even
    // a header that would look like the class's); --rotate replaces them.
    let r = common::quiz(p, &["--db", "g.db", "roster", "codes"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "", "{}", r.stdout);
    assert!(r.stderr.contains("--rotate"));
    // A codes file is never written over: it holds the only copy of the
    // codes given out (trial of 2026-12-01: a second run left only the new
    // student's code in it).
    std::fs::write(
        p.join("roster.csv"),
        "student_id,name
s001,김하나
s002,이둘
s003,박셋
",
    )
    .expect("roster");
    assert_eq!(
        common::quiz(p, &["--db", "g.db", "roster", "import", "roster.csv"]).code,
        0
    );
    // A mistyped folder is said, not made; an existing file is not written over.
    for (out, why) in [
        ("nodir/c.csv", "폴더 nodir이(가) 없습니다"),
        ("codes.csv", "codes.csv이(가) 이미 있습니다"),
    ] {
        let r = common::quiz(p, &["--db", "g.db", "roster", "codes", "--out", out]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        assert!(r.stderr.contains(why), "{}", r.stderr);
    }
    assert!(!p.join("nodir").exists());
    assert_eq!(
        std::fs::read_to_string(p.join("codes.csv")).expect("csv"),
        csv
    );
    let gb = Gradebook::open_read_only(&p.join("g.db")).expect("gb");
    assert_eq!(
        gb.login_code_hash("s003").expect("hash"),
        None,
        "no code stored unseen"
    );
    drop(gb);
    let r = common::quiz(p, &["--db", "g.db", "roster", "codes", "--rotate"]);
    assert_eq!(
        r.stdout.lines().count(),
        4,
        "a header and the three students"
    );
    let gb = Gradebook::open_read_only(&p.join("g.db")).expect("gb");
    assert_ne!(
        gb.login_code_hash("s001").expect("hash"),
        Some(hash_code(&code1)),
        "old code replaced"
    );
    drop(gb);
    let r = common::quiz(p, &["--db", "g.db", "instructor", "code"]);
    assert_eq!(r.code, 0);
    let code = r
        .stdout
        .split("강사 코드: ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("code")
        .to_string();
    let gb = Gradebook::open_read_only(&p.join("g.db")).expect("gb");
    assert!(
        gb.instructor_codes()
            .expect("codes")
            .iter()
            .any(|(h, once)| *h == hash_code(&code) && !once)
    );
    let r = common::quiz(p, &["help", "serve"]);
    assert!(r.stdout.contains("quiz serve --demo"), "{}", r.stdout);
}

/// Practice shows the key after each answer: the answer given stays, a second
/// one for the same question (after seeing the key) is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_answer_cannot_be_changed_after_its_key_is_shown() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Practice, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let page = t.get(&c, &format!("/a/{id}")).await;
    let pos = pos_on_page(&page.body);
    let (shown, q) = t.shown(id, pos);
    let r = t
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&skip=1", c.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let again = t
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&{}", c.csrf, right_answer(&shown, &q)),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(
        again.body.contains("이미 답한 문제입니다"),
        "{}",
        again.body
    );
    let gb = gb(&t.db);
    let stored = gb.responses(id).expect("responses");
    let mine: Vec<_> = stored.iter().filter(|r| r.position == pos).collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].response, quiz::score::Response::Skipped);
}

/// An exam opened on a unit the student is practising starts the exam (the
/// practice is closed with its answers), never the practice that shows keys.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn starting_an_exam_closes_an_open_practice_of_the_unit() {
    let t = setup();
    let practice = t.open_quiz(Mode::Practice, None);
    let c = t.student("s1", "CODE1").await;
    let p = t.start(&c, practice).await;
    let page = t.get(&c, &format!("/a/{p}")).await;
    let pos = pos_on_page(&page.body);
    let r = t
        .post(
            &c,
            &format!("/a/{p}/answer"),
            &format!("csrf={}&pos={pos}&skip=1", c.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let exam = t.open_quiz(Mode::Exam, Some(30));
    let e = t.start(&c, exam).await;
    assert_ne!(e, p, "the exam is a new attempt");
    let gb = gb(&t.db);
    let a = gb.attempt_by_id(e).expect("read").expect("attempt");
    assert_eq!(a.mode, Mode::Exam);
    let old = gb.attempt_by_id(p).expect("read").expect("attempt");
    assert!(old.finished_at.is_some(), "the practice was closed");
    // Its answer is kept.
    assert!(
        gb.responses(p)
            .expect("r")
            .iter()
            .any(|r| r.position == pos)
    );
}

async fn teach_login_attempt(t: &T, c: &Client, code: &str) -> Resp {
    let page = t.get(c, "/teach/login").await;
    let pre = attr(&page.body, "name=\"pre\" value=\"");
    t.post(c, "/teach/login", &format!("code={code}&pre={pre}"))
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failing_on_purpose_does_not_lock_the_instructor_out() {
    let t = setup();
    let attacker = Client {
        addr: "10.9.9.9".into(),
        ..Client::default()
    };
    for _ in 0..10 {
        let r = teach_login_attempt(&t, &attacker, "WRONG").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // The attacker's address is locked, even with the right code, and for the
    // one-time link too.
    let r = teach_login_attempt(&t, &attacker, "TEACHCODE").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = t.get(&attacker, "/teach/login?token=onetime").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Ten more failures from ten addresses: every instructor code has ten failures.
    for i in 0..10 {
        let x = Client {
            addr: format!("10.8.0.{i}"),
            ..Client::default()
        };
        teach_login_attempt(&t, &x, "WRONG").await;
    }
    // An address that failed twice is refused even with the right code...
    let x = Client {
        addr: "10.8.0.1".into(),
        ..Client::default()
    };
    teach_login_attempt(&t, &x, "WRONG").await;
    let r = teach_login_attempt(&t, &x, "TEACHCODE").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // ...one that failed once (a typo, a used link clicked again) is not...
    let once = Client {
        addr: "10.8.0.2".into(),
        ..Client::default()
    };
    let r = teach_login_attempt(&t, &once, "TEACHCODE").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // ...and the instructor at their own address gets in.
    let me = Client {
        addr: "10.0.0.5".into(),
        ..Client::default()
    };
    let r = teach_login_attempt(&t, &me, "TEACHCODE").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/teach");
    let other = Client {
        addr: "10.0.0.6".into(),
        ..Client::default()
    };
    let r = t.get(&other, "/teach/login?token=onetime").await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "one-time link from a fresh address"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_and_failed_login_maps_stay_bounded_and_forget_expired_entries() {
    let caps = quiz::web::Caps {
        sessions: 3,
        failures: 8,
        attempts: 2,
    };
    let t = setup_caps(Duration::from_secs(120), caps);
    // Twenty failed logins for twenty made-up students from twenty addresses:
    // forty keys, never more than the cap in memory.
    for i in 0..20 {
        let x = Client {
            addr: format!("10.7.0.{i}"),
            ..Client::default()
        };
        let r = t.login_attempt(&x, &format!("ghost{i}"), "WRONG").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(t.app.memory_use().failures <= 8, "{:?}", t.app.memory_use());
    }
    assert!(t.app.memory_use().failures > 0);
    // Past the window every failure is forgotten.
    blocking(|| {
        t.app.sweep_at(
            std::time::Instant::now() + Duration::from_secs(601),
            "2000-01-01T00:00:00Z",
        )
    });
    assert_eq!(t.app.memory_use().failures, 0);
    // Five logins: at most three cached sessions, and every one still works
    // (read back from the gradebook).
    let mut clients = Vec::new();
    for _ in 0..5 {
        clients.push(t.student("s1", "CODE1").await);
        assert!(t.app.memory_use().sessions <= 3, "{:?}", t.app.memory_use());
    }
    for c in &clients {
        let r = t.get(c, "/").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(&c.csrf));
    }
    assert!(t.app.memory_use().sessions > 0);
    // Sessions past their expiry are dropped by the sweep.
    blocking(|| {
        t.app
            .sweep_at(std::time::Instant::now(), "9999-12-31T23:59:59Z")
    });
    assert_eq!(t.app.memory_use().sessions, 0);
    // A session expired in the gradebook is not served.
    let stale = Client::default();
    stale.cookies.borrow_mut().push((
        "quiz_session".into(),
        "0123456789abcdef0123456789abcdef".into(),
    ));
    assert_eq!(t.get(&stale, "/").await.location(), "/login");
    // Attempts: the cache never holds more than its cap.
    let quiz = t.open_quiz(Mode::Exam, None);
    for c in clients.iter().take(1) {
        t.start(c, quiz).await;
    }
    let c2 = t.student("s2", "CODE2").await;
    let id2 = t.start(&c2, quiz).await;
    assert_eq!(
        t.get(&c2, &format!("/a/{id2}")).await.status,
        StatusCode::OK
    );
    assert!(t.app.memory_use().attempts <= 2);
}

/// The first position of an attempt whose question takes typed text.
fn text_pos(t: &T, id: i64) -> usize {
    (0..7)
        .find(|&p| matches!(t.shown(id, p).0.kind, Kind::Short | Kind::Essay))
        .expect("a short or essay question")
}

async fn save_json(t: &T, c: &Client, id: i64, body: &str) -> Resp {
    t.send(
        c,
        "POST",
        &format!("/a/{id}/answer"),
        Some(format!("csrf={}&{body}", c.csrf)),
        &[("x-quiz-fetch", "1")],
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exam_is_taken_once_and_replayed_saves_after_submit_change_nothing() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let (shown, q) = t.shown(id, 0);
    let body = format!("pos=0&{}", right_answer(&shown, &q));
    assert_eq!(save_json(&t, &c, id, &body).await.status, StatusCode::OK);
    t.post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    let before = gb(&t.db).responses(id).expect("responses");
    // The same save replayed, a skip, a heartbeat: refused.
    for b in [body.clone(), "pos=1&skip=1".to_string()] {
        assert_eq!(save_json(&t, &c, id, &b).await.status, StatusCode::CONFLICT);
    }
    let r = t
        .post(&c, &format!("/a/{id}/beat"), &format!("csrf={}", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Starting the quiz again shows the results: no second attempt.
    let r = t
        .post(&c, "/start", &format!("csrf={}&quiz={quiz}", c.csrf))
        .await;
    assert_eq!(r.location(), format!("/a/{id}"));
    let gb = gb(&t.db);
    assert_eq!(
        format!("{:?}", gb.responses(id).expect("responses")),
        format!("{before:?}")
    );
    assert_eq!(gb.student_attempt_ids("s1").expect("ids"), vec![id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_of_one_session_share_the_attempt_and_the_last_save_counts() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let tab1 = t.student("s1", "CODE1").await;
    let tab2 = tab1.clone();
    let id = t.start(&tab1, quiz).await;
    // The second tab starts the same quiz: the same attempt.
    assert_eq!(t.start(&tab2, quiz).await, id);
    let pos = text_pos(&t, id);
    assert_eq!(
        save_json(&t, &tab1, id, &format!("pos={pos}&a=first"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        save_json(&t, &tab2, id, &format!("pos={pos}&a=second"))
            .await
            .status,
        StatusCode::OK
    );
    let page = t.get(&tab1, &format!("/a/{id}")).await;
    assert!(page.body.contains("value=\"second\"") || page.body.contains(">second<"));
    // Submitted in one tab: the other tab's save is refused.
    t.post(
        &tab1,
        &format!("/a/{id}/submit"),
        &format!("csrf={}", tab1.csrf),
    )
    .await;
    assert_eq!(
        save_json(&t, &tab2, id, &format!("pos={pos}&a=third"))
            .await
            .status,
        StatusCode::CONFLICT
    );
    let gb = gb(&t.db);
    let rs = gb.responses(id).expect("responses");
    assert!(!format!("{rs:?}").contains("third"));
    assert!(format!("{rs:?}").contains("second"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csrf_token_of_another_session_or_a_forged_origin_form_is_refused() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c1 = t.student("s1", "CODE1").await;
    let c2 = t.student("s2", "CODE2").await;
    let id = t.start(&c1, quiz).await;
    // s2's valid token with s1's cookie (a page of s2 posting for s1): refused.
    let r = t
        .post(
            &c1,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos=0&a=1", c2.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A cross-site form has the cookie but no token at all.
    let r = t
        .send(
            &c1,
            "POST",
            &format!("/a/{id}/submit"),
            Some(String::new()),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let gb = gb(&t.db);
    assert!(gb.responses(id).expect("responses").is_empty());
    assert!(
        gb.attempt_info(id)
            .expect("info")
            .expect("row")
            .finished_at
            .is_none()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_form_fields_are_refused_and_store_nothing() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let choice = (0..7)
        .find(|&p| t.shown(id, p).0.kind == Kind::Choice)
        .expect("a choice question");
    let many = vec!["a=1"; 500].join("&");
    for body in [
        "pos=7&a=1".to_string(),
        "pos=-1&a=1".to_string(),
        "pos=99999999999999999999999&a=1".to_string(),
        "pos=&a=1".to_string(),
        "a=1".to_string(),
        format!("pos={choice}&a=99"),
        format!("pos={choice}&a=0"),
        format!("pos={choice}&a=w1d1-q1"),
        format!("pos={choice}&{many}"),
    ] {
        let r = save_json(&t, &c, id, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body}: {}", r.body);
        let v: serde_json::Value = serde_json::from_str(&r.body).expect("json");
        assert_eq!(v["ok"], false, "{body}");
    }
    // A quiz that does not exist, one that is closed, and no unit at all.
    let closed = t.open_quiz(Mode::Exam, None);
    gb(&t.db).close_quiz(closed).expect("close");
    for (body, status) in [
        ("quiz=424242".to_string(), StatusCode::NOT_FOUND),
        (format!("quiz={closed}"), StatusCode::BAD_REQUEST),
        ("quiz=abc".to_string(), StatusCode::BAD_REQUEST),
        ("unit=../../etc".to_string(), StatusCode::BAD_REQUEST),
    ] {
        let r = t
            .post(&c, "/start", &format!("csrf={}&{body}", c.csrf))
            .await;
        assert!(
            r.status == status || r.status == StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            r.status
        );
    }
    let gb = gb(&t.db);
    assert!(gb.responses(id).expect("responses").is_empty());
    assert_eq!(gb.student_attempt_ids("s1").expect("ids"), vec![id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_over_20000_characters_is_refused_and_one_at_the_limit_is_stored() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let pos = text_pos(&t, id);
    let r = save_json(&t, &c, id, &format!("pos={pos}&a={}", "가".repeat(20_001))).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("너무 깁니다"), "{}", r.body);
    assert!(gb(&t.db).responses(id).expect("responses").is_empty());
    let r = save_json(&t, &c, id, &format!("pos={pos}&a={}", "x".repeat(20_000))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(gb(&t.db).responses(id).expect("responses").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_are_taken_out_of_answers_but_line_breaks_stay() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let pos = text_pos(&t, id);
    let typed = "Git\u{0}Ops\u{1b}[31m\u{7}\r\n둘째\u{85}줄\u{c}";
    let r = save_json(&t, &c, id, &format!("pos={pos}&a={}", enc(typed))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = format!("{:?}", gb(&t.db).responses(id).expect("responses"));
    assert!(stored.contains("GitOps[31m\\n둘째줄"), "{stored}");
    for bad in [
        "\\0", "\\u{0}", "\\u{1b}", "\\u{7}", "\\r", "\\u{85}", "\\u{c}",
    ] {
        assert!(!stored.contains(bad), "{bad} in {stored}");
    }
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert!(!page.body.contains('\u{0}') && !page.body.contains('\u{1b}'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_practice_with_feedback_of_a_unit_an_open_exam_draws_from() {
    let t = setup();
    let c = t.student("s1", "CODE1").await;
    // A practice left open before the exam.
    let practice = t.start_practice(&c, "w1d1").await;
    let quiz = t.open_quiz(Mode::Exam, None);
    for unit in ["w1d1", "w1"] {
        let r = t
            .post(&c, "/start", &format!("csrf={}&unit={unit}", c.csrf))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{unit}");
        assert!(r.body.contains("시험이 열려"), "{}", r.body);
    }
    // The exam is a new attempt in exam mode, and the practice is finished.
    let id = t.start(&c, quiz).await;
    assert_ne!(id, practice);
    let gb = gb(&t.db);
    assert_eq!(
        gb.attempt_by_id(id).expect("read").expect("attempt").mode,
        Mode::Exam
    );
    assert!(
        gb.attempt_info(practice)
            .expect("info")
            .expect("row")
            .finished_at
            .is_some()
    );
    let (shown, q) = t.shown(id, 0);
    let r = save_json(&t, &c, id, &format!("pos=0&{}", right_answer(&shown, &q))).await;
    assert!(r.body.contains("\"feedback\":null"), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_behind_one_nat_address_is_not_locked_out_by_a_few_typos() {
    let t = setup();
    let nat = Client {
        addr: "192.0.2.1".into(),
        ..Client::default()
    };
    // Ten typos of one student lock that student at that address only.
    for _ in 0..10 {
        let r = t.login_attempt(&nat, "s1", "WRONG").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        t.login_attempt(&nat, "s1", "CODE1").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The rest of the class behind the same address still logs in.
    let r = t.login_attempt(&nat, "s2", "CODE2").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // 89 more typos spread over the class (under ten each): 99 in all, the
    // address is still open.
    for i in 0..89 {
        let r = t
            .login_attempt(&nat, &format!("x{}", i % 30), "WRONG")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "failure {i}");
    }
    let r = t.login_attempt(&nat, "s2", "CODE2").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The 100th failure from the address locks the whole address, even with
    // the right code; another address is unaffected.
    t.login_attempt(&nat, "x99", "WRONG").await;
    assert_eq!(
        t.login_attempt(&nat, "s2", "CODE2").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    let home = Client {
        addr: "192.0.2.2".into(),
        ..Client::default()
    };
    assert_eq!(
        t.login_attempt(&home, "s2", "CODE2").await.status,
        StatusCode::SEE_OTHER
    );
    // Bounded: three keys per failure at most, and the window forgets them.
    assert!(t.app.memory_use().failures <= 3 * 100);
    blocking(|| {
        t.app.sweep_at(
            std::time::Instant::now() + Duration::from_secs(601),
            "2000-01-01T00:00:00Z",
        )
    });
    assert_eq!(t.app.memory_use().failures, 0);
    assert_eq!(
        t.login_attempt(&nat, "s2", "CODE2").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bidi_overrides_are_taken_out_of_web_answers() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let pos = text_pos(&t, id);
    // Stored as "spOtiG" but shown as "GitOps" if the override stayed.
    let typed = "\u{202e}spOtiG\u{202c} \u{2067}x\u{2069}\u{200f}";
    let r = save_json(&t, &c, id, &format!("pos={pos}&a={}", enc(typed))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = format!("{:?}", gb(&t.db).responses(id).expect("responses"));
    assert!(stored.contains("Text(\"spOtiG x\")"), "{stored}");
    let r = t
        .post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Neither the student's results nor the instructor's pages carry them.
    let res = t.get(&c, &format!("/a/{id}")).await;
    for bad in ['\u{202e}', '\u{2067}', '\u{2069}', '\u{200f}'] {
        assert!(!res.body.contains(bad), "{bad:?} in results");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_show_question_numbers_and_prompts_not_bank_ids() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let (_, q0) = t.shown(id, 0);
    let r = t
        .post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    t.close(quiz);
    let res = t.get(&c, &format!("/a/{id}")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("<h3>문제 1</h3>"), "{}", res.body);
    assert!(res.body.contains("<li>문제 1: "), "{}", res.body);
    for pos in 0..7 {
        let (_, q) = t.shown(id, pos);
        assert!(!res.body.contains(&q.id), "bank id {} shown", q.id);
    }
    let excerpt: String = q0.prompt.chars().take(10).collect();
    assert!(
        res.body.contains(excerpt.trim()),
        "prompt of question 1: {excerpt}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_shows_no_points_of_an_unfinished_exam() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    for pos in 0..3 {
        let (shown, q) = t.shown(id, pos);
        let r = save_json(
            &t,
            &c,
            id,
            &format!("pos={pos}&{}", right_answer(&shown, &q)),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // Saved right answers must not show up as points before the submit.
    let home = t.get(&c, "/").await;
    assert!(home.body.contains("진행 중"), "{}", home.body);
    assert!(!home.body.contains("class=\"crit\""), "{}", home.body);
    let r = t
        .post(&c, &format!("/a/{id}/submit"), &format!("csrf={}", c.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let home = t.get(&c, "/").await;
    assert!(home.body.contains("class=\"crit\""), "{}", home.body);
}

/// A body over the limit is refused in Korean: JSON for the page's script, a page otherwise.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_in_korean() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let body = format!("csrf={}&pos=0&a={}", c.csrf, "x".repeat(3 << 20));
    let r = t
        .send(
            &c,
            "POST",
            &format!("/a/{id}/answer"),
            Some(body.clone()),
            &[("x-quiz-fetch", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        r.body,
        r#"{"error":"보낸 내용이 너무 큽니다. 답을 줄여서 다시 보내세요.","ok":false}"#
    );
    let r = t
        .send(&c, "POST", &format!("/a/{id}/answer"), Some(body), &[])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        r.body.contains("보낸 내용이 너무 큽니다") && !r.body.contains("Failed to buffer"),
        "{}",
        r.body
    );
    assert!(
        r.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html")),
        "{:?}",
        r.headers
    );
}

/// After the time limit closed an exam (the sweeper or an earlier late save),
/// a save says the time is up, not that the student submitted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_after_the_time_limit_says_the_time_is_up_not_submitted() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, Some(10));
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let (shown, q) = t.shown(id, 0);
    let body = format!("csrf={}&pos=0&{}", c.csrf, right_answer(&shown, &q));
    blocking(|| {
        common::execute_sql(
            &t.db,
            "UPDATE web_attempts SET deadline = '2000-01-01T00:00:00Z'",
        )
    })
    .expect("past deadline");
    let app = t.app.clone();
    let closed = blocking(move || app.finish_overdue()).expect("sweep");
    assert_eq!(closed, 1);
    for _ in 0..2 {
        let r = t
            .send(
                &c,
                "POST",
                &format!("/a/{id}/answer"),
                Some(body.clone()),
                &[("x-quiz-fetch", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("시험 시간이 끝났습니다"), "{}", r.body);
        assert!(!r.body.contains("이미 제출한"), "{}", r.body);
    }
}

/// A unit whose questions all wait for a signature (`status: draft`) is not
/// opened, and the instructor is told why and what to run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_of_drafts_is_not_opened_and_the_page_says_why() {
    let t = setup_edited(all_drafts);
    let teach = t.instructor().await;
    // The instructor's home says which units wait and what to run.
    let home = t.get(&teach, "/teach").await;
    assert!(
        home.body.contains("검토 전 문항(출제되지 않음): w1d1 "),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("<code>quiz sign</code>") && home.body.contains("/teach/sign"),
        "{}",
        home.body
    );
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=w1d1&mode=exam", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("검토 전(status: draft)"), "{}", r.body);
    assert!(r.body.contains("quiz sign w1d1"), "{}", r.body);
}

/// Every question of the web fixture made a draft, as `quiz extract` leaves
/// new questions.
fn all_drafts(p: &std::path::Path) {
    let bank = p.join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&bank).expect("bank");
    let mut f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &text).expect("parse");
    // The choice question cites a document of the copy (written below).
    let doc = p.join("curriculum/week_01/day1/session_01.md");
    std::fs::create_dir_all(doc.parent().expect("folder")).expect("mkdir");
    let lines: Vec<String> = (1..=20).map(|n| format!("- 줄 {n}")).collect();
    std::fs::write(&doc, lines.join("\n")).expect("doc");
    for q in f.questions.iter_mut() {
        q.status = Some(quiz::model::Status::Draft);
        if let Some(src) = q.source.as_mut() {
            src.file = doc.to_string_lossy().into_owned();
        }
    }
    std::fs::write(&bank, quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("edit");
}

/// The status line of question `id` in the fixture's bank file, as written.
fn status_line(t: &T, id: &str) -> Option<String> {
    let text =
        std::fs::read_to_string(t._dir.path().join("questions/week_01/day1.yaml")).expect("bank");
    let item = text
        .split("\n- ")
        .find(|q| q.starts_with(&format!("id: {id}\n")))?;
    item.lines()
        .find(|l| l.trim_start().starts_with("status:"))
        .map(|l| l.trim().to_string())
}

/// The instructor reads the drafts in the browser, with their source lines,
/// signs one and hides one: each decision is the `status:` line of its bank
/// file, and the server serves the signed question at once, without a
/// restart. Students cannot reach the page, every post needs the CSRF token,
/// and a bank edited in a terminal is read again on request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instructor_signs_and_hides_drafts_in_the_browser_and_they_are_served_at_once() {
    let t = setup_edited(all_drafts);
    let teach = t.instructor().await;
    let page = t.get(&teach, "/teach/sign?unit=w1d1").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("검토 전 7개"), "{}", page.body);
    for id in ["w1d1-choice", "w1d1-tf", "w1d1-essay"] {
        assert!(
            page.body.contains(&format!("id=\"q-{id}\"")),
            "{id}: {}",
            page.body
        );
    }
    // The source line is shown among its neighbours, marked.
    assert!(
        page.body
            .contains("curriculum/week_01/day1/session_01.md:12</p>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("\n11 | - 줄 11\n<mark>12 | - 줄 12</mark>\n13 | "),
        "{}",
        page.body
    );
    // The document no longer makes the question: the instructor is told.
    assert!(
        page.body.contains("이 문항이 만들어지지 않습니다"),
        "{}",
        page.body
    );
    // A student is sent to the instructor's login, for the page and the post.
    let s1 = t.student("s1", "CODE1").await;
    let r = t.get(&s1, "/teach/sign").await;
    assert_eq!(r.location(), "/teach/login");
    let r = t.sign(&s1, "id=w1d1-tf&decision=sign").await;
    assert_eq!(r.location(), "/teach/login");
    // Without the token, or with a decision that is neither, nothing is written.
    let r = t
        .post(&teach, "/teach/sign", "id=w1d1-tf&decision=sign")
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = t.sign(&teach, "id=w1d1-tf&decision=publish").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = t.sign(&teach, "id=../../etc/passwd&decision=sign").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(status_line(&t, "w1d1-tf").as_deref(), Some("status: draft"));
    // Sign one, hide one.
    let r = t.sign(&teach, "id=w1d1-tf&decision=sign&unit=w1d1").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("승인했습니다: w1d1-tf"), "{}", r.body);
    assert!(r.body.contains("검토 전 6개"), "{}", r.body);
    assert!(!r.body.contains("id=\"q-w1d1-tf\""), "{}", r.body);
    let r = t
        .sign(&teach, "id=w1d1-choice&decision=hide&unit=w1d1")
        .await;
    assert!(r.body.contains("숨겼습니다: w1d1-choice"), "{}", r.body);
    assert_eq!(status_line(&t, "w1d1-tf"), None);
    assert_eq!(
        status_line(&t, "w1d1-choice").as_deref(),
        Some("status: hidden")
    );
    assert_eq!(
        status_line(&t, "w1d1-short").as_deref(),
        Some("status: draft")
    );
    // The same decision again changes nothing and says so.
    let r = t.sign(&teach, "id=w1d1-tf&decision=sign").await;
    assert!(r.body.contains("이미 승인된 문항"), "{}", r.body);
    // A page read before w1d1-tf was signed hides it: refused (another
    // instructor decided meanwhile), in red, and the file keeps the signature.
    let r = t.sign(&teach, "id=w1d1-tf&decision=hide&from=draft").await;
    assert!(
        r.body.contains("class=\"msg error\"")
            && r.body.contains("그사이에")
            && r.body.contains("승인되었습니다"),
        "{}",
        r.body
    );
    assert_eq!(status_line(&t, "w1d1-tf"), None);
    // A draft changed since the page was read (here its key, by hand) is not
    // signed on the old reading: the page sends back what it showed.
    let page = t.get(&teach, "/teach/sign?unit=w1d1").await;
    let card = &page.body[page.body.find("id=\"q-w1d1-order\"").expect("card")..];
    let seen = attr(card, "name=\"seen\" value=\"");
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let before = std::fs::read_to_string(&path).expect("bank");
    let f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &before).expect("parse");
    let mut f2 = f.clone();
    for q in f2.questions.iter_mut().filter(|q| q.id == "w1d1-order") {
        q.prompt = format!("{} (고침)", q.prompt);
    }
    std::fs::write(&path, quiz::yaml::to_string(&f2, &[]).expect("yaml")).expect("edit");
    let r = t
        .sign(
            &teach,
            &format!("id=w1d1-order&decision=sign&from=draft&seen={seen}"),
        )
        .await;
    assert!(r.body.contains("내용이 그사이에"), "{}", r.body);
    assert_eq!(
        status_line(&t, "w1d1-order").as_deref(),
        Some("status: draft")
    );
    // A unit field that is not a unit is refused before anything is written.
    let r = t
        .sign(&teach, "id=w1d1-multi&decision=hide&unit=%3Cb%3Ex")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(
        status_line(&t, "w1d1-multi").as_deref(),
        Some("status: draft")
    );
    // A hidden question is listed and can be brought back.
    let page = t.get(&teach, "/teach/sign?unit=w1d1").await;
    assert!(page.body.contains("숨긴 문항 <small>1개"), "{}", page.body);
    assert!(
        page.body.contains("name=\"from\" value=\"hidden\"")
            && page.body.contains("value=\"review\""),
        "{}",
        page.body
    );
    // An unknown unit (or one typed in capitals) is said, in red.
    let page = t.get(&teach, "/teach/sign?unit=W1D1").await;
    assert!(
        page.body.contains("`W1D1`에 맞는 단원이 없습니다"),
        "{}",
        page.body
    );
    // Served now, without a restart: the quiz opens and holds the signed
    // question and nothing else.
    assert!(t.app.is_servable("w1d1-tf"));
    assert!(!t.app.is_servable("w1d1-choice"));
    assert!(!t.app.is_servable("w1d1-short"));
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=w1d1&mode=practice", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let quiz: i64 = r
        .location()
        .trim_start_matches("/teach/quizzes/")
        .parse()
        .expect("quiz id");
    // The instructor's page of the quiz says the forms are short, and why.
    let progress = t.get(&teach, &format!("/teach/quizzes/{quiz}")).await;
    assert!(
        progress
            .body
            .contains("출제되는 문제는 1개라 시험지마다 많아야 1문제입니다")
            && progress.body.contains("검토 전 문항 5개는 승인해야"),
        "{}",
        progress.body
    );
    let id = t.start(&s1, quiz).await;
    let a = gb(&t.db).attempt_by_id(id).expect("read").expect("attempt");
    let drawn: Vec<&str> = a.form.items.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(drawn, ["w1d1-tf"]);
    // A quiz for everyone lists the roster's students who have not started.
    let progress = t.get(&teach, &format!("/teach/quizzes/{quiz}")).await;
    assert!(
        progress.body.contains("<td>s1</td>")
            && progress.body.contains(
                "<td>s2</td><td>학생 둘</td><td></td><td></td><td></td><td>시작 안 함</td>"
            ),
        "{}",
        progress.body
    );
    // 다시 검토: the hidden question is a draft again, shown in full, and
    // signed from there.
    let r = t
        .sign(&teach, "id=w1d1-choice&decision=review&from=hidden")
        .await;
    assert!(
        r.body.contains("w1d1-choice을(를) 검토 전으로 돌렸습니다"),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"q-w1d1-choice\""), "{}", r.body);
    assert_eq!(
        status_line(&t, "w1d1-choice").as_deref(),
        Some("status: draft")
    );
    assert!(!t.app.is_servable("w1d1-choice"));
    let r = t
        .sign(&teach, "id=w1d1-choice&decision=sign&from=draft")
        .await;
    assert!(r.body.contains("승인했습니다: w1d1-choice"), "{}", r.body);
    assert_eq!(status_line(&t, "w1d1-choice"), None);
    assert!(t.app.is_servable("w1d1-choice"));
    // A terminal edit (here: the short answer signed by hand) is served once
    // the instructor asks for the bank to be read again.
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&path).expect("bank");
    let short = text.find("id: w1d1-short").expect("short");
    let at = short + text[short..].find("  status: draft\n").expect("status");
    let edited = format!("{}{}", &text[..at], &text[at + "  status: draft\n".len()..]);
    std::fs::write(&path, edited).expect("edit");
    assert!(!t.app.is_servable("w1d1-short"));
    let r = t
        .post(&teach, "/teach/reload", &format!("csrf={}", teach.csrf))
        .await;
    assert!(
        r.body
            .contains("문제 은행을 다시 읽었습니다: 문항 7개, 출제 3개, 검토 전 4개"),
        "{}",
        r.body
    );
    assert!(t.app.is_servable("w1d1-short"));
    // A bank broken by hand is not taken: the server goes on with what it had.
    std::fs::write(&path, "unit: w1d1\nquestions: [\n").expect("break");
    let r = t
        .post(&teach, "/teach/reload", &format!("csrf={}", teach.csrf))
        .await;
    assert!(
        r.body.contains("다시 읽지 않았습니다") && r.body.contains("class=\"msg error\""),
        "{}",
        r.body
    );
    assert!(t.app.is_servable("w1d1-short") && t.app.is_servable("w1d1-tf"));
}

/// 고쳐서 승인: the instructor's text of a draft replaces it, locked and
/// signed, and is served at once; a text that does not load or check is
/// refused with the reason, shown again in its box, and nothing is written.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instructor_edits_a_draft_in_the_browser_and_it_is_served_locked() {
    let t = setup_edited(all_drafts);
    let teach = t.instructor().await;
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let page = t.get(&teach, "/teach/sign?unit=w1d1").await;
    // The box holds the question as YAML, without its status.
    assert!(page.body.contains("id=\"y-w1d1-short\""), "{}", page.body);
    assert!(
        page.body.contains("id: w1d1-short\nkind: short\n"),
        "{}",
        page.body
    );
    let before = std::fs::read_to_string(&path).expect("bank");
    let edit = |yaml: &str| format!("id=w1d1-short&decision=edit&unit=w1d1&yaml={}", enc(yaml));
    let fixed = "id: w1d1-short\nkind: short\nprompt: Git 저장소를 배포의 기준으로 삼는 방식은?\nanswer: [GitOps, 깃옵스]\ncriteria: [cicd]\n";
    let long = format!(
        "id: w1d1-short\nkind: short\nprompt: {}\nanswer: [GitOps]\ncriteria: [cicd]\n",
        "가".repeat(20_000)
    );
    // Refused: the id changed; a key the scorer cannot use; broken YAML.
    for (yaml, why) in [
        (
            "id: w1d1-other\nkind: short\nprompt: 고친 질문\nanswer: [GitOps]\ncriteria: [cicd]\n",
            "id는 바꿀 수 없습니다",
        ),
        (
            "id: w1d1-short\nkind: short\nprompt: 고친 질문\ncriteria: [cicd]\n",
            "고친 문항을 출제할 수 없습니다",
        ),
        ("id: w1d1-short\nkind: [\n", "잘못된 YAML"),
        // The decision is the button, never a line of the text.
        (
            "id: w1d1-short\nkind: short\nprompt: 고친 질문\nanswer: [GitOps]\ncriteria: [cicd]\nstatus: hidden\n",
            "status와 locked는 쓰지 마세요",
        ),
        (
            "id: w1d1-short\nkind: short\nprompt: 고친 질문\nanswer: [GitOps]\ncriteria: [cicd]\nlocked: false\n",
            "status와 locked는 쓰지 마세요",
        ),
        // A source pointing at another file (the page would show its lines).
        (
            "id: w1d1-short\nkind: short\nprompt: 고친 질문\nanswer: [GitOps]\ncriteria: [cicd]\nsource: {file: /etc/passwd, line: 1}\n",
            "source는 바꿀 수 없습니다",
        ),
        // Characters that would reorder or clear a student's screen.
        (
            "id: w1d1-short\nkind: short\nprompt: \"고친 \\u202E 질문\"\nanswer: [GitOps]\ncriteria: [cicd]\n",
            "제어 문자",
        ),
        // Longer than any answer may be.
        (long.as_str(), "너무 깁니다 (최대 20000자)"),
    ] {
        let r = t.sign(&teach, &edit(yaml)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(
            r.body.contains("저장하지 않았습니다") && r.body.contains(why),
            "{why}: {}",
            r.body
        );
        // The refused text is shown again, its box open, the reason beside it,
        // and the page goes to it.
        assert!(r.body.contains("<details open>"), "{}", r.body);
        assert!(
            r.body.contains("action=\"/teach/sign#q-w1d1-short\">\n<p class=\"error\" role=\"alert\">저장하지 않았습니다"),
            "{}",
            r.body
        );
        assert!(r.body.contains(&yaml.replace('"', "&#34;")), "{}", r.body);
        assert_eq!(std::fs::read_to_string(&path).expect("bank"), before);
    }
    let r = t.sign(&teach, &edit(fixed)).await;
    assert!(
        r.body.contains("고쳐서 승인했습니다: w1d1-short"),
        "{}",
        r.body
    );
    let signed_text = std::fs::read_to_string(&path).expect("bank");
    // The same page posted again (a refresh) is no conflict and writes nothing.
    let r = t.sign(&teach, &edit(fixed)).await;
    assert!(
        r.body.contains("이미 이 내용으로 고쳐 승인된 문항입니다"),
        "{}",
        r.body
    );
    assert_eq!(std::fs::read_to_string(&path).expect("bank"), signed_text);
    // What `quiz check` warns about is said, and the edit is signed all the same.
    let r = t.sign(&teach, &format!("id=w1d1-essay&decision=edit&yaml={}", enc("id: w1d1-essay\nkind: essay\nprompt: Git으로 배포하는 방식을 설명하시오.\nrubric:\n- {concept: 선언적 배포, points: 1, accept: [선언적, declarative]}\n- {concept: Git, points: 1}\npoints: 2\ncriteria: [cicd]\n"))).await;
    assert!(
        r.body.contains("고쳐서 승인했습니다: w1d1-essay")
            && r.body.contains("참고: ")
            && r.body.contains("루브릭 개념 `Git`"),
        "{}",
        r.body
    );
    let text = std::fs::read_to_string(&path).expect("bank");
    let f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &text).expect("parse");
    let q = f
        .questions
        .iter()
        .find(|q| q.id == "w1d1-short")
        .expect("short");
    assert_eq!(q.prompt, "Git 저장소를 배포의 기준으로 삼는 방식은?");
    assert!(q.locked && q.status.is_none(), "{q:#?}");
    // The other questions are as they were: still drafts (but the two edited).
    assert_eq!(
        f.questions.iter().filter(|q| q.is_draft()).count(),
        f.questions.len() - 2
    );
    assert!(t.app.is_servable("w1d1-short"));
}

/// A practice whose remaining questions all leave the bank (hidden, made a
/// draft again) while a student is in it ends, with its results and the
/// reason, instead of a page with no question and no way on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_whose_remaining_questions_leave_the_bank_ends_with_results() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Practice, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let page = t.get(&c, &format!("/a/{id}")).await;
    let pos = pos_on_page(&page.body);
    let (shown, q) = t.shown(id, pos);
    let r = t
        .post(
            &c,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&{}", c.csrf, right_answer(&shown, &q)),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Every other question hidden by hand, and the bank read again.
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&path).expect("bank");
    let mut f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &text).expect("parse");
    for other in f.questions.iter_mut().filter(|o| o.id != q.id) {
        other.status = Some(quiz::model::Status::Hidden);
    }
    std::fs::write(&path, quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("hide");
    t.app.reload().expect("reload");
    // The next page says why it ended and shows the results; later visits
    // show the results of the finished practice.
    let page = t.get(&c, &r.location()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("남은 문제가 더 이상 출제되지 않아 연습을 마쳤습니다")
            && page.body.contains("점수:"),
        "{}",
        page.body
    );
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert!(page.body.contains("점수:"), "{}", page.body);
    let info = gb(&t.db).attempt_info(id).expect("info").expect("row");
    assert!(info.finished_at.is_some());
}

/// A bank changed outside the server (a terminal's `quiz sign`, an editor,
/// another server on the same folder) is read again by the server's sweep
/// when its files change, and only then; a change that breaks a file is
/// not taken, and the next good change is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_reads_a_bank_changed_elsewhere_on_its_own() {
    let t = setup_edited(all_drafts);
    let app = t.app.clone();
    // One check of the sweep: a change is read once it stayed the same for
    // one check (a file being written is never read half-way).
    let check = || blocking(|| app.reload_if_changed());
    assert!(!check().expect("unchanged"));
    assert!(!t.app.is_servable("w1d1-tf"));
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&path).expect("bank");
    let tf = text.find("id: w1d1-tf").expect("tf");
    let at = tf + text[tf..].find("  status: draft\n").expect("status");
    let signed = format!("{}{}", &text[..at], &text[at + "  status: draft\n".len()..]);
    std::fs::write(&path, &signed).expect("sign by hand");
    assert!(!check().expect("settling"));
    assert!(!t.app.is_servable("w1d1-tf"));
    assert!(check().expect("changed"));
    assert!(t.app.is_servable("w1d1-tf"));
    assert!(!check().expect("read already"));
    // Broken: refused, the bank as it was goes on being served.
    std::fs::write(&path, "unit: w1d1\nquestions: [\n").expect("break");
    assert!(!check().expect("settling"));
    assert!(check().is_err_and(|e| e.to_string().contains("다시 읽지 않았습니다")));
    assert!(t.app.is_servable("w1d1-tf"));
    // A file that lost its questions (cut short while written), or a bank
    // folder moved away: refused by the automatic check, since students'
    // forms would lose those questions for good.
    std::fs::write(&path, "unit: w1d1\ntitle: t\nquestions: []\n").expect("cut");
    assert!(!check().expect("settling"));
    assert!(check().is_err_and(|e| e.to_string().contains("문항이 모두 빠져")));
    assert!(t.app.is_servable("w1d1-tf"));
    let questions = t._dir.path().join("questions");
    let moved = t._dir.path().join("questions-moved");
    std::fs::rename(&questions, &moved).expect("move away");
    assert!(!check().expect("settling"));
    assert!(check().is_err_and(|e| e.to_string().contains("폴더")));
    assert!(t.app.is_servable("w1d1-tf"));
    std::fs::rename(&moved, &questions).expect("move back");
    std::fs::write(&path, &signed).expect("mend");
    assert!(!check().expect("settling"));
    assert!(check().expect("mended"));
    assert!(t.app.is_servable("w1d1-tf"));
    // A question `check` rejects (a key naming no option) is left out, as at
    // start; the rest of the change is taken.
    let f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &signed).expect("parse");
    let mut f2 = f.clone();
    for q in f2.questions.iter_mut() {
        match q.id.as_str() {
            "w1d1-short" => q.status = None,
            "w1d1-choice" => {
                q.status = None;
                q.answer = Some(quiz::model::Answer::One("zz".into()));
            }
            _ => {}
        }
    }
    std::fs::write(&path, quiz::yaml::to_string(&f2, &[]).expect("yaml")).expect("bad key");
    assert!(!check().expect("settling"));
    assert!(check().expect("taken"));
    assert!(t.app.is_servable("w1d1-short") && !t.app.is_servable("w1d1-choice"));
}

/// An exam whose every question left the bank while a student held it ends
/// with its results and the reason, instead of an empty form to submit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exam_whose_questions_all_leave_the_bank_ends_with_results() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let c = t.student("s1", "CODE1").await;
    let id = t.start(&c, quiz).await;
    let path = t._dir.path().join("questions/week_01/day1.yaml");
    let text = std::fs::read_to_string(&path).expect("bank");
    let mut f: quiz::model::QuestionFile = quiz::yaml::parse("bank", &text).expect("parse");
    for q in f.questions.iter_mut() {
        q.status = Some(quiz::model::Status::Hidden);
    }
    std::fs::write(&path, quiz::yaml::to_string(&f, &[]).expect("yaml")).expect("hide");
    t.app.reload().expect("reload");
    let page = t.get(&c, &format!("/a/{id}")).await;
    assert!(
        page.body
            .contains("남은 문제가 더 이상 출제되지 않아 시험을 마쳤습니다")
            && page.body.contains("점수:"),
        "{}",
        page.body
    );
    let info = gb(&t.db).attempt_info(id).expect("info").expect("row");
    assert!(info.finished_at.is_some());
}

/// A practice quiz of the unit never ends the student's unfinished exam of it
/// (trial of 2026-12-01: the exam was finished with 19 questions unanswered,
/// and the practice showed the keys). A practice left open is still closed
/// by an exam.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_never_ends_an_unfinished_exam() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let exam = t.open_quiz(Mode::Exam, None);
    let id = t.start(&s1, exam).await;
    t.answer(&s1, id, 0, true).await;
    let practice = t.open_quiz(Mode::Practice, None);
    let r = t
        .post(&s1, "/start", &format!("csrf={}&quiz={practice}", s1.csrf))
        .await;
    // Refused: the exam is open (and this student's is unfinished).
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("시험이 열려 있는 동안에는"), "{}", r.body);
    let info = gb(&t.db).attempt_info(id).expect("read").expect("attempt");
    assert!(info.finished_at.is_none(), "the exam goes on");
    // The exam resumes where it was.
    assert_eq!(t.start(&s1, exam).await, id);
    // The instructor is told at once when opening such a practice.
    let teach = t.instructor().await;
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=w1&mode=practice", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("연습 퀴즈를 열 수 없습니다"), "{}", r.body);
    // A student who has not started the open exam cannot practise its unit
    // through an opened practice quiz either (attack of 2026-12-01: only
    // the home's practice was refused).
    let s2 = t.student("s2", "CODE2").await;
    let r = t
        .post(&s2, "/start", &format!("csrf={}&quiz={practice}", s2.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    // An exam started in the terminal (no quiz open on the web: the
    // instructor closed it): the home's practice of its unit is refused and
    // never ends it.
    blocking({
        let db = t.db.clone();
        move || Gradebook::open(&db).expect("gb").close_quiz(exam)
    })
    .expect("close");
    let blocking_exam = t.terminal_exam("s2");
    let r = t
        .post(&s2, "/start", &format!("csrf={}&unit=w1d1", s2.csrf))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let info = gb(&t.db)
        .attempt_info(blocking_exam)
        .expect("read")
        .expect("attempt");
    assert!(info.finished_at.is_none(), "the terminal exam goes on");
}

/// A wrong answer to the question at `pos` of attempt `id` (a skip when the
/// kind has no simple wrong one).
fn wrong_answer(shown: &FormQuestion, q: &quiz::model::Question) -> String {
    use quiz::model::Answer;
    match (shown.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(id))) => {
            let right = shown.options.iter().position(|c| &c.id == id).unwrap_or(0);
            format!("a={}", if right == 0 { 2 } else { 1 })
        }
        (Kind::Truefalse, Some(Answer::Bool(b))) => format!("a={}", if *b { 2 } else { 1 }),
        (Kind::Short, _) => "a=%EB%AA%A8%EB%A6%84".to_string(),
        _ => "skip=1".to_string(),
    }
}

/// Integrity across attempts (attack of 2026-12-01): an exam's saved answers
/// feed no review list before it is finished; a second exam overlapping an
/// unfinished one is refused; an exam closes a practice of an overlapping
/// unit left open; and a closed practice shows no key of a question it
/// never showed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exams_and_practices_never_show_keys_to_each_other() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let tomorrow = chrono::Local::now().date_naive() + chrono::Duration::days(2);
    // A practice of the week (`w1`) left open after one wrong answer.
    let practice = blocking({
        let db = t.db.clone();
        move || {
            let mut gb = Gradebook::open(&db).expect("gb");
            gb.open_quiz("w1", Mode::Practice, 7, None, &[], None)
                .expect("open")
        }
    });
    let p = t.start(&s1, practice).await;
    // Practice answers only the question on screen: essays before the
    // first scored one are skipped (their key is shown too).
    let first = (0..7)
        .find(|&i| t.shown(p, i).0.kind != Kind::Essay)
        .expect("not an essay");
    for i in 0..=first {
        t.answer(&s1, p, i, false).await;
    }
    // The exam of w1d1 closes it; its never-shown questions give no key.
    let exam = t.open_quiz(Mode::Exam, None);
    let e = t.start(&s1, exam).await;
    let info = gb(&t.db).attempt_info(p).expect("read").expect("attempt");
    assert!(
        info.finished_at.is_some(),
        "the overlapping practice is closed"
    );
    // Its results: the answered question and the one on screen when it
    // was closed (unanswered, 0), with their keys; nothing of the five it
    // never showed.
    let closed = t.get(&s1, &format!("/a/{p}")).await;
    assert_eq!(
        closed.body.matches("정답:").count(),
        first + 2,
        "{}",
        closed.body
    );
    // Wrong exam answers, saved: no review list tells which. (Three
    // questions scored at once: forms are drawn at random, skip the essay.)
    let scored: Vec<usize> = (0..7)
        .filter(|&p| t.shown(e, p).0.kind != Kind::Essay)
        .take(3)
        .collect();
    for &pos in &scored {
        t.answer(&s1, e, pos, false).await;
    }
    let due = |g: Gb| g.due_reviews("s1", tomorrow).expect("due");
    let before = due(gb(&t.db));
    // A second exam overlapping the unfinished one is refused.
    let other = blocking({
        let db = t.db.clone();
        move || {
            let mut gb = Gradebook::open(&db).expect("gb");
            gb.open_quiz("w1", Mode::Exam, 7, None, &[], None)
                .expect("open")
        }
    });
    let r = t
        .post(&s1, "/start", &format!("csrf={}&quiz={other}", s1.csrf))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Submitted: now the wrong answers are due for review.
    t.post(&s1, &format!("/a/{e}/submit"), &format!("csrf={}", s1.csrf))
        .await;
    let after = due(gb(&t.db));
    assert!(after.len() >= before.len() + 3, "{before:?} -> {after:?}");
    // (One of them may be the practice's question, already due.)
    assert!(
        scored.iter().any(|&pos| {
            let id = t.shown(e, pos).1.id;
            !before.contains(&id) && after.contains(&id)
        }),
        "{before:?} -> {after:?}"
    );
}

/// Sixteen answers to one practice question sent at once: one is stored,
/// the others are refused, and the reply that was accepted tells what was
/// stored (attack of 2026-12-01: two were accepted, and one said 정답 while
/// the stored answer was wrong).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn answers_sent_at_once_to_a_practice_question_store_one() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let quiz = t.open_quiz(Mode::Practice, None);
    let id = t.start(&s1, quiz).await;
    let (shown, q) = t.shown(id, 0);
    let (right, wrong) = (right_answer(&shown, &q), wrong_answer(&shown, &q));
    let replies = futures_util::future::join_all((0..16).map(|i| {
        let body = format!(
            "csrf={}&pos=0&{}",
            s1.csrf,
            if i % 2 == 0 { &right } else { &wrong }
        );
        let path = format!("/a/{id}/answer");
        let (t, s1) = (&t, &s1);
        async move { t.post(s1, &path, &body).await }
    }))
    .await;
    let accepted: Vec<&Resp> = replies
        .iter()
        .filter(|r| r.status.is_success() || r.status.is_redirection())
        .collect();
    assert_eq!(
        accepted.len(),
        1,
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    // (Refused as answered, or, once the answer is stored, as no longer the
    // question on screen.)
    for r in replies.iter().filter(|r| r.status == StatusCode::CONFLICT) {
        assert!(
            r.body.contains("이미 답한 문제입니다") || r.body.contains("화면에 있는 문제에만"),
            "{}",
            r.body
        );
    }
    let stored: Vec<_> = gb(&t.db)
        .rows()
        .expect("rows")
        .into_iter()
        .filter(|r| r.attempt_id == id && r.position == 0)
        .collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(accepted[0].location(), format!("/a/{id}?after=0"));
    let said_right = t
        .get(&s1, &accepted[0].location())
        .await
        .body
        .contains("✔ 정답");
    assert_eq!(
        said_right,
        stored[0].points == stored[0].max_points,
        "{stored:?}"
    );
}

/// An answer the page cannot read is said on the same page, with the
/// question to try again (trial of 2026-12-01: a bare 오류 page with only
/// 처음으로), and an order's example has as many numbers as its items (it was
/// always `3 1 2 4`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_answer_is_said_on_the_question_and_examples_fit() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let exam = t.open_quiz(Mode::Exam, None);
    let id = t.start(&s1, exam).await;
    let pos = (0..7)
        .find(|&p| t.shown(id, p).0.kind == Kind::Order)
        .expect("an order question");
    let (shown, _) = t.shown(id, pos);
    let n = shown.items.len();
    let example = (1..=n)
        .map(|k| (k % n + 1).to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let page = t.get(&s1, &format!("/a/{id}")).await;
    assert!(
        page.body.contains(&format!("(예: {example})")),
        "{}",
        page.body
    );
    let r = t
        .post(
            &s1,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={pos}&a=9+9", s1.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("입력 오류: 1부터"), "{}", r.body);
    assert!(
        r.body.contains(&format!("action=\"/a/{id}/answer\"")),
        "the questions, to try again: {}",
        r.body
    );
}

/// Answers graded from an LMS's CSV are the student's attempt on the web
/// too: the home's list and the results show them with their points
/// (trial of 2026-12-01: 0 / 0 and no question).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_graded_from_a_csv_show_on_the_students_pages() {
    let t = setup();
    let p = t._dir.path();
    std::fs::write(
        p.join("lms.csv"),
        "student_id,question_id,answer\r\ns1,w1d1-choice,Dockerfile\r\ns1,w1d1-tf,true\r\n",
    )
    .expect("csv");
    let db = t.db.to_string_lossy().to_string();
    let run = common::quiz(p, &["--db", &db, "grade", "--responses", "lms.csv"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let s1 = t.student("s1", "CODE1").await;
    let id = gb(&t.db).student_attempt_ids("s1").expect("ids")[0];
    let home = t.get(&s1, "/").await;
    assert!(!home.body.contains("0 / 0"), "{}", home.body);
    let page = t.get(&s1, &format!("/a/{id}")).await;
    assert!(
        page.body.contains("점수: 2 / 2") || page.body.contains("2 / 2"),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("✔ 정답").count(), 2, "{}", page.body);
}

/// A quiz's attempts end when its window closes, as at its time limit
/// (attack of 2026-12-01: answers were taken after the window had passed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attempt_ends_when_its_quiz_window_closes() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let closes = (chrono::Utc::now() + chrono::Duration::seconds(2))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let quiz = blocking({
        let db = t.db.clone();
        move || {
            let mut gb = Gradebook::open(&db).expect("gb");
            gb.open_quiz("w1d1", Mode::Exam, 7, None, &[], Some(&closes))
                .expect("open")
        }
    });
    let id = t.start(&s1, quiz).await;
    let info = gb(&t.db).attempt_info(id).expect("read").expect("attempt");
    assert!(info.deadline.is_some(), "the window is its deadline");
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let (shown, q) = t.shown(id, 0);
    let r = t
        .post(
            &s1,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos=0&{}", s1.csrf, right_answer(&shown, &q)),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let info = gb(&t.db).attempt_info(id).expect("read").expect("attempt");
    assert!(info.finished_at.is_some(), "ended with the window");
}

/// `quiz serve` on a missing or empty bank (started from the wrong folder)
/// refuses to start: it would end every student's attempt whose questions
/// are "gone" (trial of 2026-12-01).
#[test]
fn serve_refuses_a_missing_or_empty_bank() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path();
    std::fs::create_dir_all(p.join("empty")).expect("mkdir");
    for bank in ["nope", "empty"] {
        let run = common::quiz(p, &["serve", "--questions", bank, "--addr", "127.0.0.1:0"]);
        assert_eq!(run.code, 2, "{bank}: {}", run.stdout);
        assert!(
            run.stderr.contains("에 문항이 없습니다")
                && run.stderr.contains("서버를 시작하지 않았습니다"),
            "{bank}: {}",
            run.stderr
        );
    }
}

/// An exam begun before the instructor opened one of its unit, taken up in
/// the browser, keeps the time it has used: its limit runs from its start,
/// not from the click (trial of 2026-12-01: a second full limit).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exam_taken_up_in_the_browser_keeps_the_time_it_used() {
    let t = setup();
    let db = t.db.to_string_lossy().to_string();
    let run = common::quiz_in(
        t._dir.path(),
        &[
            "--db",
            &db,
            "take",
            "w1d1",
            "--student",
            "s1",
            "--mode",
            "exam",
        ],
        "q\n",
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    blocking(|| {
        common::execute_sql(
            &t.db,
            "UPDATE attempts SET started_at = '2000-01-01T00:00:00Z'",
        )
    })
    .expect("an hour ago and more");
    let quiz = t.open_quiz(Mode::Exam, Some(30));
    let s1 = t.student("s1", "CODE1").await;
    let id = t.start(&s1, quiz).await;
    let info = gb(&t.db).attempt_info(id).expect("read").expect("attempt");
    assert_eq!(info.deadline.as_deref(), Some("2000-01-01T00:30:00Z"));
    let page = t.get(&s1, &format!("/a/{id}")).await;
    assert!(page.body.contains("시험 시간이 끝나"), "{}", page.body);
}

/// An essay of an exam still being taken is not in the review queue (an
/// edit would reset a score given meanwhile); after submit it is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_review_queue_waits_for_an_exam_to_be_submitted() {
    let t = setup();
    let quiz = t.open_quiz(Mode::Exam, None);
    let s1 = t.student("s1", "CODE1").await;
    let id = t.start(&s1, quiz).await;
    let essay = (0..7)
        .find(|&p| t.shown(id, p).0.kind == Kind::Essay)
        .expect("the essay");
    let r = t
        .post(
            &s1,
            &format!("/a/{id}/answer"),
            &format!("csrf={}&pos={essay}&a=%EC%84%A0%EC%96%B8%EC%A0%81", s1.csrf),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.body);
    let teach = t.instructor().await;
    let queue = t.get(&teach, "/teach/review").await;
    assert!(!queue.body.contains("w1d1-essay"), "{}", queue.body);
    t.post(
        &s1,
        &format!("/a/{id}/submit"),
        &format!("csrf={}", s1.csrf),
    )
    .await;
    let queue = t.get(&teach, "/teach/review").await;
    assert!(queue.body.contains("w1d1-essay"), "{}", queue.body);
}

/// A practice begun before the instructor opens an exam of its unit takes no
/// more answers while the exam is open: each would show a key to a student
/// about to take that exam (the rule was checked at start only).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_begun_before_an_exam_opened_takes_no_answers_while_it_is_open() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let p = t.start_practice(&s1, "w1d1").await;
    // Practice answers the question on screen: position 0, then 1.
    let r = t.answer(&s1, p, 0, false).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let exam = t.open_quiz(Mode::Exam, None);
    let r = t.answer(&s1, p, 1, false).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("시험이 열려 있는 동안에는"), "{}", r.body);
    let stored = gb(&t.db).responses(p).expect("read");
    assert_eq!(stored.len(), 1, "{stored:?}");
    // Closed again, the practice goes on.
    let c = t.instructor().await;
    let r = t
        .post(
            &c,
            &format!("/teach/quizzes/{exam}/close"),
            &format!("csrf={}&confirm=1", c.csrf),
        )
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let r = t.answer(&s1, p, 1, false).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    assert_eq!(gb(&t.db).responses(p).expect("read").len(), 2);
}

/// A practice takes an answer only for the question on screen (the first
/// not answered): an edited position would show the key of a question
/// never shown (attack of 2026-12-01).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_practice_answers_only_the_question_on_screen() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let p = t.start_practice(&s1, "w1d1").await;
    let r = t.answer(&s1, p, 3, false).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("화면에 있는 문제에만"), "{}", r.body);
    assert!(gb(&t.db).responses(p).expect("read").is_empty());
    let r = t.answer(&s1, p, 0, false).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
}

/// `roster codes` never writes a link the students cannot open: without
/// `--url` the url column is empty and the instructor is told so (it was
/// http://127.0.0.1:8080, the instructor's own machine); an address without
/// its scheme is http.
#[test]
fn roster_codes_write_no_default_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path();
    std::fs::write(p.join("roster.csv"), "student_id,name\ns001,김하나\n").expect("roster");
    let run = |args: &[&str]| common::quiz(p, args);
    assert_eq!(
        run(&["--db", "g.db", "roster", "import", "roster.csv"]).code,
        0
    );
    let r = run(&["--db", "g.db", "roster", "codes", "--out", "a.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("url 열은 비어 있습니다"), "{}", r.stdout);
    let csv = std::fs::read_to_string(p.join("a.csv")).expect("csv");
    let row = csv.lines().nth(1).expect("row");
    assert!(
        row.starts_with("s001,김하나,") && row.ends_with(','),
        "{row}"
    );
    assert!(!csv.contains("127.0.0.1"), "{csv}");
    let r = run(&[
        "--db",
        "g.db",
        "roster",
        "codes",
        "--rotate",
        "--out",
        "b.csv",
        "--url",
        "10.0.0.5:8080/",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stdout.contains("url 열은"), "{}", r.stdout);
    let csv = std::fs::read_to_string(p.join("b.csv")).expect("csv");
    assert!(csv.contains(",http://10.0.0.5:8080/login"), "{csv}");
}

/// An exam begun in the terminal before the instructor opened an exam of its
/// unit is that quiz's attempt when reached in the browser, by the home or by
/// its address: its limit and window apply (attack of 2026-12-01: by its
/// address it took answers after the window closed, and the live page
/// showed the student as not started).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_exam_reached_by_its_address_keeps_the_opened_quizs_time() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let id = t.terminal_exam("s1");
    assert_eq!(
        gb(&t.db)
            .attempt_info(id)
            .expect("read")
            .expect("a")
            .quiz_id,
        None
    );
    let quiz = t.open_quiz(Mode::Exam, Some(30));
    let r = t.get(&s1, &format!("/a/{id}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let info = gb(&t.db).attempt_info(id).expect("read").expect("a");
    assert_eq!(info.quiz_id, Some(quiz));
    assert!(info.deadline.is_some(), "{info:?}");
}

/// The checklist page writes only the cells changed on it, and never over a
/// level saved elsewhere since the page was read (trial of 2026-12-01: a
/// save of one cell reverted a TA's imported 미흡 to the page's 우수 and
/// credited it to "web").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_checklist_page_never_reverts_a_level_saved_elsewhere() {
    let t = setup();
    let teach = t.instructor().await;
    let save = |by: &str, level: &str| quiz::gradebook::ChecklistScore {
        student: "s1".into(),
        week: 1,
        item: "w1k1".into(),
        level: level.into(),
        points: if level == "우수" { 2.0 } else { 0.0 },
        by: by.into(),
        at: quiz::gradebook::now(),
    };
    blocking(|| {
        Gradebook::open(&t.db)
            .expect("gb")
            .set_checklist(&[save("kim", "우수")])
            .expect("save")
    });
    // The page as the instructor read it: s1 w1k1 우수, with what it showed.
    let page = t.get(&teach, "/teach/checklist?week=1").await;
    assert!(
        page.body.contains("name=\"was:s1|w1k1\" value=\"우수\""),
        "{}",
        page.body
    );
    // Meanwhile a TA imports 미흡.
    let ta = {
        let mut s = save("조교", "미흡");
        s.points = 0.0;
        s
    };
    blocking(|| {
        Gradebook::open(&t.db)
            .expect("gb")
            .set_checklist(&[ta])
            .expect("save")
    });
    // The instructor changes another cell and saves the whole page.
    let r = t
        .post(
            &teach,
            "/teach/checklist",
            &format!(
                "csrf={}&week=1&{}={}&{}={}&{}={}&{}=",
                teach.csrf,
                enc("s1|w1k1"),
                enc("우수"),
                enc("was:s1|w1k1"),
                enc("우수"),
                enc("s2|w1k2"),
                enc("보통"),
                enc("was:s2|w1k2"),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("1개 저장했습니다."), "{}", r.body);
    let level = || {
        let scores = gb(&t.db).checklist(1).expect("checklist");
        let s1 = scores
            .iter()
            .find(|s| s.student == "s1" && s.item == "w1k1")
            .expect("s1")
            .clone();
        (s1.level, s1.by)
    };
    assert_eq!(level(), ("미흡".to_string(), "조교".to_string()));
    assert!(
        gb(&t.db)
            .checklist(1)
            .expect("checklist")
            .iter()
            .any(|s| s.student == "s2" && s.level == "보통")
    );
    // Changed on the stale page too: kept, and said.
    let r = t
        .post(
            &teach,
            "/teach/checklist",
            &format!(
                "csrf={}&week=1&{}={}&{}={}",
                teach.csrf,
                enc("s1|w1k1"),
                enc("보통"),
                enc("was:s1|w1k1"),
                enc("우수"),
            ),
        )
        .await;
    assert!(r.body.contains("다른 곳에서 바뀐 칸 1개"), "{}", r.body);
    assert!(r.body.contains("조교"), "{}", r.body);
    assert_eq!(level(), ("미흡".to_string(), "조교".to_string()));
    // "-" where a level was shown clears it.
    let r = t
        .post(
            &teach,
            "/teach/checklist",
            &format!(
                "csrf={}&week=1&{}=&{}={}",
                teach.csrf,
                enc("s2|w1k2"),
                enc("was:s2|w1k2"),
                enc("보통"),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        !gb(&t.db)
            .checklist(1)
            .expect("checklist")
            .iter()
            .any(|s| s.student == "s2")
    );
}

/// Opening an exam adopts the unfinished exams of its unit begun before
/// (in the terminal): they are the quiz's attempts from then on, closed by
/// 닫기 even if the student never opens them in the browser (attack of
/// 2026-12-01: answered after the class's exam closed, with the keys its
/// results showed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opening_an_exam_adopts_the_exams_of_its_unit_begun_before() {
    let t = setup();
    let id = t.terminal_exam("s1");
    let teach = t.instructor().await;
    let r = t
        .post(
            &teach,
            "/teach/quizzes",
            &format!("csrf={}&unit=w1d1&mode=exam&count=7&minutes=20", teach.csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let quiz: i64 = r
        .location()
        .trim_start_matches("/teach/quizzes/")
        .parse()
        .expect("quiz id");
    let info = gb(&t.db).attempt_info(id).expect("read").expect("a");
    assert_eq!(info.quiz_id, Some(quiz));
    // The live page shows it; 닫기 ends it.
    let live = t.get(&teach, &format!("/teach/quizzes/{quiz}")).await;
    let row = live
        .body
        .split("<tr>")
        .find(|r| r.starts_with("<td>s1</td>"))
        .expect("s1's row");
    assert!(row.contains("0/7") && !row.contains("시작 안 함"), "{row}");
    let r = t
        .post(
            &teach,
            &format!("/teach/quizzes/{quiz}/close"),
            &format!("csrf={}&confirm=1", teach.csrf),
        )
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let info = gb(&t.db).attempt_info(id).expect("read").expect("a");
    assert!(info.finished_at.is_some(), "{info:?}");
}

/// A new login code ends the sessions signed in with the old one, also in a
/// running server's cache (attack of 2026-12-01: a session of a stolen code
/// lasted 12 hours after `roster codes --rotate`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_login_code_ends_the_old_sessions() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let s2 = t.student("s2", "CODE2").await;
    assert_eq!(t.get(&s1, "/").await.status, StatusCode::OK);
    blocking(|| {
        Gradebook::open(&t.db)
            .expect("gb")
            .set_login_codes(&[("s1".into(), hash_code("NEWCODE1"))])
            .expect("rotate")
    });
    blocking(|| t.app.sweep());
    assert_eq!(t.get(&s1, "/").await.location(), "/login");
    // Another student's session goes on.
    assert_eq!(t.get(&s2, "/").await.status, StatusCode::OK);
}

/// While an exam of a unit is open for some students, nobody practises the
/// unit: a student not on the exam's list would see the keys and could pass
/// them on (trial of 2026-12-01).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_one_practises_a_unit_while_its_exam_is_open_for_others() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    blocking(|| {
        Gradebook::open(&t.db)
            .expect("gb")
            .open_quiz("w1d1", Mode::Exam, 7, None, &["s2".to_string()], None)
            .expect("open")
    });
    let r = t
        .post(&s1, "/start", &format!("csrf={}&unit=w1d1", s1.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("시험이 열려 있는 동안에는"), "{}", r.body);
}

/// A first-day instructor's mistakes with the gradebook (trial of
/// 2026-12-01): a new gradebook is said with its full path; `take` and
/// `serve` from a folder without the bank make no gradebook there; a server
/// on a gradebook without a roster says nobody can log in; `--demo` is
/// refused on a class's gradebook.
#[test]
fn a_stray_gradebook_is_said_and_never_made_by_a_failing_command() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path();
    // Files made by mistake: SQLite's (a PostgreSQL database is there or not).
    let empty = p.join("elsewhere");
    std::fs::create_dir(&empty).expect("mkdir");
    common::sqlite_only(&empty);
    common::sqlite_only(&p.join("class"));
    let run = common::quiz(&empty, &["take", "w1d1", "--student", "s1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = common::quiz(&empty, &["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!empty.join("gradebook.db").exists());

    let class = p.join("class");
    std::fs::create_dir(&class).expect("mkdir");
    common::copy_dir(&common::root().join("tests/fixtures/web"), &class);
    std::fs::write(class.join("r.csv"), "student_id,name\ns1,가\n").expect("roster");
    let run = common::quiz(&class, &["roster", "import", "r.csv"]);
    assert!(run.new_gradebook, "{}", run.stderr);
    let raw = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["--db", "gradebok.db", "roster", "list"])
        .current_dir(&class)
        .env_remove("QUIZ_DB")
        .output()
        .expect("run");
    assert_eq!(raw.status.code(), Some(2), "a reader makes no gradebook");
    let raw = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["--db", "gradebok.db", "roster", "import", "r.csv"])
        .current_dir(&class)
        .env_remove("QUIZ_DB")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&raw.stderr);
    let full = std::fs::canonicalize(class.join("gradebok.db")).expect("made");
    assert!(
        err.contains(&format!("새 성적부를 만들었습니다: {}", full.display())),
        "{err}"
    );
    let run = common::quiz(&class, &["serve", "--demo", "--addr", "127.0.0.1:0"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("--demo는 학생이 없는 성적부에서만"),
        "{}",
        run.stderr
    );
    // A server on an empty gradebook says nobody can log in.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(["--db", "empty.db", "serve", "--addr", "127.0.0.1:0"])
        .current_dir(&class)
        .env_remove("QUIZ_DB")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    let out = child.stdout.take().expect("stdout");
    let lines: Vec<String> = std::io::BufReader::new(out)
        .lines()
        .take(3)
        .map(|l| l.unwrap_or_default())
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("명단이 없어 학생이 로그인할 수 없습니다")),
        "{lines:?}"
    );
}

/// An attempt of a quiz that was closed takes no answer, however it slipped
/// past 닫기 (attack of 2026-12-01: an exam started as the quiz closed had
/// no deadline and took answers for good); its page shows the results.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attempt_of_a_closed_quiz_takes_no_answer() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let quiz = t.open_quiz(Mode::Exam, None);
    let id = t.start(&s1, quiz).await;
    // Closed in the gradebook only (its attempts not ended, as when a start
    // raced the close).
    t.close(quiz);
    let r = t.answer(&s1, id, 0, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("강사가 퀴즈를 닫았습니다"), "{}", r.body);
    let info = gb(&t.db).attempt_info(id).expect("read").expect("a");
    assert!(info.finished_at.is_some(), "{info:?}");
    // Starting it again: refused, the quiz is closed.
    let r = t
        .post(&s1, "/start", &format!("csrf={}&quiz={quiz}", s1.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
}

/// Quiz starts are limited per student (each writes a form: one student
/// looping starts slowed every classmate's saves; attack of 2026-12-01).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quiz_starts_are_limited_per_student() {
    let t = setup();
    let s1 = t.student("s1", "CODE1").await;
    let now = std::time::Instant::now();
    for _ in 0..quiz::web::MAX_STARTS {
        assert!(t.app.start_allowed_at("s1", now));
    }
    let r = t
        .post(&s1, "/start", &format!("csrf={}&unit=w1d1", s1.csrf))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("너무 자주 시작했습니다"), "{}", r.body);
    // Another student is not limited; the window passes.
    assert!(t.app.start_allowed_at("s2", now));
    assert!(
        t.app
            .start_allowed_at("s1", now + quiz::web::START_WINDOW + Duration::from_secs(1))
    );
}

/// The live page's event stream ends when the instructor logs out (attack
/// of 2026-12-01: it went on sending names and scores).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_stream_ends_at_logout() {
    use tower::ServiceExt;
    let t = setup();
    let teach = t.instructor().await;
    let quiz = t.open_quiz(Mode::Practice, None);
    let cookie = teach
        .cookies
        .borrow()
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let req = Request::builder()
        .uri(format!("/teach/quizzes/{quiz}/events"))
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("req");
    let res = t.router.clone().oneshot(req).await.expect("sse");
    let mut body = res.into_body();
    let first = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("an event in time");
    assert!(first.is_some());
    let r = t
        .post(&teach, "/logout", &format!("csrf={}", teach.csrf))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let next = tokio::time::timeout(Duration::from_secs(6), body.frame())
        .await
        .expect("the stream answers in time");
    assert!(next.is_none(), "the stream ended");
}
