//! Benchmark: `quiz serve` with 300 simulated students over loopback.
//!
//! One server (the real router, `quiz serve`'s code, on 127.0.0.1:0) and its
//! SQLite gradebook with 300 roster students and login codes; an exam of 10
//! questions of the shipped bank's unit is open. Every student at the same
//! time (300 concurrent connections): opens the login page, logs in, opens the
//! home page, starts the exam, loads it, saves 10 answers (each a real answer
//! parsed from the page, sent as the page's script sends it) back to back, and
//! submits. Checks afterwards that all 3,000 answers are stored (none lost),
//! and prints p50/p99/max latency of an answer save, requests per second and
//! the process's peak memory (VmHWM: server, gradebook and the 300 clients).
//!
//! Target: p99 of an answer save < 50 ms on the project machine.
//! Run: `cargo bench --bench serve` (`QUIZ_BENCH_STUDENTS=N` to change the class size).
//! On PostgreSQL with two servers (students split round robin):
//! `BENCH_DB=postgres BENCH_SERVERS=2 cargo bench --bench serve` (see [`servers`]).

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use quiz::gradebook::{Gradebook, Student};
use quiz::web::{App, Config, hash_code};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

struct Browser {
    http: Http,
    base: String,
    cookies: Vec<(String, String)>,
    requests: usize,
}

impl Browser {
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        body: Option<String>,
        fetch: bool,
    ) -> (u16, String, String) {
        let mut b = hyper::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if !self.cookies.is_empty() {
            let v = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            b = b.header("cookie", v);
        }
        if fetch {
            b = b.header("x-quiz-fetch", "1");
        }
        let body = match body {
            Some(s) => {
                b = b.header("content-type", "application/x-www-form-urlencoded");
                Full::new(Bytes::from(s))
            }
            None => Full::new(Bytes::new()),
        };
        let res = self
            .http
            .request(b.body(body).expect("request"))
            .await
            .expect("response");
        self.requests += 1;
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        for v in res.headers().get_all("set-cookie") {
            let v = v.to_str().unwrap_or("");
            if let Some((kv, _)) = v.split_once(';')
                && let Some((k, val)) = kv.split_once('=')
            {
                self.cookies.retain(|(n, _)| n != k);
                self.cookies.push((k.to_string(), val.to_string()));
            }
        }
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        (
            status,
            location,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }
}

fn attr(body: &str, prefix: &str) -> String {
    body.split(prefix)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("")
        .to_string()
}

/// A valid answer for each question form on the exam page: (pos, fields).
fn answers(page: &str) -> Vec<(String, String)> {
    page.split("class=\"card answer\"")
        .skip(1)
        .map(|part| {
            let pos = attr(part, "name=\"pos\" value=\"");
            let kind = attr(part, "data-kind=\"");
            let fields = match kind.as_str() {
                "choice" | "multi" | "truefalse" => "a=1".to_string(),
                "order" => {
                    let n = part.split("<ol class=\"items\">").nth(1).map_or(0, |s| {
                        s.split("</ol>").next().unwrap_or("").matches("<li").count()
                    });
                    format!(
                        "a={}",
                        (1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join("+")
                    )
                }
                "match" => {
                    let n = part.matches("<select name=\"a\"").count();
                    (1..=n)
                        .map(|i| format!("a={i}-{}", char::from(b'A' + ((i - 1) % 26) as u8)))
                        .collect::<Vec<_>>()
                        .join("&")
                }
                _ => "a=%EB%8B%B5%EC%95%88+answer".to_string(),
            };
            (pos, fields)
        })
        .collect()
}

async fn student(base: String, http: Http, i: usize, quiz: i64) -> (Vec<Duration>, usize, i64) {
    let mut b = Browser {
        http,
        base,
        cookies: Vec::new(),
        requests: 0,
    };
    let (_, _, page) = b.send("GET", "/login", None, false).await;
    let pre = attr(&page, "name=\"pre\" value=\"");
    let (st, _, _) = b
        .send(
            "POST",
            "/login",
            Some(format!("student=b{i:03}&code=C{i:03}&pre={pre}")),
            false,
        )
        .await;
    assert_eq!(st, 303, "login");
    let (_, _, home) = b.send("GET", "/", None, false).await;
    let csrf = attr(&home, "name=\"csrf\" value=\"");
    let (st, loc, _) = b
        .send(
            "POST",
            "/start",
            Some(format!("csrf={csrf}&quiz={quiz}")),
            false,
        )
        .await;
    assert_eq!(st, 303, "start");
    let id: i64 = loc.trim_start_matches("/a/").parse().expect("attempt id");
    let (_, _, exam) = b.send("GET", &loc, None, false).await;
    let mut saves = Vec::new();
    for (pos, fields) in answers(&exam) {
        let t = Instant::now();
        let (st, _, body) = b
            .send(
                "POST",
                &format!("{loc}/answer"),
                Some(format!("csrf={csrf}&pos={pos}&{fields}")),
                true,
            )
            .await;
        saves.push(t.elapsed());
        assert_eq!(st, 200, "save: {body}");
    }
    let (st, _, _) = b
        .send(
            "POST",
            &format!("{loc}/submit"),
            Some(format!("csrf={csrf}")),
            false,
        )
        .await;
    assert_eq!(st, 303, "submit");
    (saves, b.requests, id)
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// The gradebook and how many servers share it: the SQLite file `g.db` and
/// one server, or with `BENCH_DB=postgres` a fresh database of a throwaway
/// PostgreSQL server on this machine (tests/common/pg.rs, PostgreSQL's default
/// durability) and `BENCH_SERVERS` servers (default 2), each with its own
/// connections, the students split round robin across them.
fn servers(tmp: &Path) -> (std::path::PathBuf, usize) {
    let count = |default: usize| {
        std::env::var("BENCH_SERVERS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
            .max(1)
    };
    match std::env::var("BENCH_DB").as_deref() {
        Ok("postgres") => {
            let url = pg::durable_server().fresh_db("bench_serve");
            println!("serve: PostgreSQL, {} servers", count(2));
            (std::path::PathBuf::from(url), count(2))
        }
        _ => {
            println!("serve: SQLite, {} servers", count(1));
            (tmp.join("g.db"), count(1))
        }
    }
}

fn main() {
    let n: usize = std::env::var("QUIZ_BENCH_STUDENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("tmp");
    let (db, servers) = servers(tmp.path());
    let unit = "w3d5";
    {
        let mut gb = Gradebook::open(&db).expect("gradebook");
        let students: Vec<Student> = (0..n)
            .map(|i| Student {
                id: format!("b{i:03}"),
                name: format!("학생 {i}"),
                email: None,
            })
            .collect();
        gb.upsert_students(&students).expect("roster");
        let codes: Vec<(String, String)> = (0..n)
            .map(|i| (format!("b{i:03}"), hash_code(&format!("C{i:03}"))))
            .collect();
        gb.set_login_codes(&codes).expect("codes");
    }
    let quiz = Gradebook::open(&db)
        .expect("gradebook")
        .open_quiz(unit, quiz::model::Mode::Exam, 10, Some(60), &[], None)
        .expect("quiz");
    let apps: Vec<App> = (0..servers)
        .map(|_| {
            App::new(Config {
                questions: root.join("questions"),
                rubrics: root.join("rubrics"),
                db: db.clone(),
                course: tmp.path().join("course.yaml"),
                today: None,
                secure: false,
                lease_ttl: Duration::from_secs(120),
                readers: 4,
            })
            .expect("app")
            .0
        })
        .collect();
    let rt = quiz::web::runtime().expect("runtime");
    let (saves, requests, ids, wall) = rt.block_on(async move {
        let mut bases = Vec::new();
        for app in apps {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            bases.push(format!("http://{}", listener.local_addr().expect("addr")));
            tokio::spawn(quiz::web::serve(Arc::new(app), listener));
        }
        let http: Http = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(n)
            .build_http();
        let start = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|i| {
                let base = bases[i % bases.len()].clone();
                tokio::spawn(student(base, http.clone(), i, quiz))
            })
            .collect();
        let mut saves = Vec::new();
        let mut requests = 0;
        let mut ids = Vec::new();
        for t in tasks {
            let (s, r, id) = t.await.expect("student");
            saves.extend(s);
            requests += r;
            ids.push(id);
        }
        (saves, requests, ids, start.elapsed())
    });
    // None lost: every save is in the gradebook, as answered.
    let gb = Gradebook::open_read_only(&db).expect("gradebook");
    let mut stored = 0;
    for id in &ids {
        stored += gb
            .responses(*id)
            .expect("responses")
            .iter()
            .filter(|r| r.response != quiz::score::Response::Skipped)
            .count();
    }
    let mut sorted = saves.clone();
    sorted.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "serve: {n} students, {} answer saves, {stored} stored as answered, {requests} requests in {:.2} s",
        saves.len(),
        wall.as_secs_f64()
    );
    println!(
        "answer save latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&sorted, 0.5)),
        ms(percentile(&sorted, 0.99)),
        ms(*sorted.last().unwrap_or(&Duration::ZERO))
    );
    println!(
        "throughput: {:.0} requests/s; peak memory (server + clients): {:.0} MiB",
        requests as f64 / wall.as_secs_f64(),
        peak_rss_mib()
    );
    assert_eq!(stored, saves.len(), "answers lost");
    assert_eq!(saves.len(), n * 10, "every student saved 10 answers");
    let p99 = ms(percentile(&sorted, 0.99));
    if p99 >= 50.0 {
        println!("TARGET MISSED: p99 {p99:.1} ms >= 50 ms");
    } else {
        println!("target met: p99 {p99:.1} ms < 50 ms");
    }
}
