//! Benchmark: `quiz serve` with a class of 300 simulated students over loopback.
//!
//! Setup: one server (the real router and runtime of `quiz serve`, on
//! 127.0.0.1:0) and its SQLite gradebook, 2 x 300 roster students with login
//! codes, and an exam of 10 questions of the shipped bank's unit `w3d5` open to
//! all (60 min limit). The students are simulated in a separate process (this
//! binary run again as the client), so the server's CPU and memory are its own.
//!
//! Two runs, each with its own 300 students:
//!
//! 1. **class** (the main figure): as a class does when the instructor says
//!    go, every student starts at a seeded random moment within the first
//!    `QUIZ_BENCH_START_MS` (3,000 ms): opens the login page, logs in, opens
//!    home, starts the exam and loads it; then 10 times: thinks, saves one
//!    answer (a real answer parsed from the page, sent as the page's script
//!    sends it); thinks, submits. Think times are seeded random, exponential
//!    with mean `QUIZ_BENCH_THINK_MS` (1,000 ms; already 10-30x faster than real
//!    students), cut to 0.1-4x the mean.
//! 2. **saturation**: the same flow with no start window and no think time:
//!    300 clients back to back, the most the server can take on this machine.
//!    Its latencies are queueing (Little's law), reported honestly, not a target.
//!
//! Each run prints: p50/p99/max latency of an answer save, requests per second,
//! answers stored (must be 3,000 of 3,000: checked in the gradebook afterwards,
//! the bench fails otherwise), CPU seconds of server and clients, the server's
//! peak memory (VmHWM) and `/proc/loadavg` before and after.
//!
//! Target: class-run p99 of an answer save < 50 ms on the project machine.
//!
//! Run: `cargo bench --bench serve`. Knobs: `QUIZ_BENCH_STUDENTS` (300),
//! `QUIZ_BENCH_THINK_MS` (1000), `QUIZ_BENCH_START_MS` (3000), `QUIZ_BENCH_SEED`
//! (1), `QUIZ_BENCH_RUNS` (`class,saturation`).
//! On PostgreSQL with two servers (students split round robin):
//! `BENCH_DB=postgres BENCH_SERVERS=2 cargo bench --bench serve` (see [`gradebook_and_servers`]).

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use quiz::gradebook::{Gradebook, Student};
use quiz::web::{App, Config, hash_code};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

/// The unit the exam draws from (the shipped bank).
const UNIT: &str = "w3d5";

// ---------------------------------------------------------------- server side

#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;

/// The gradebook and how many servers share it: the SQLite file `g.db` and
/// one server, or with `BENCH_DB=postgres` a fresh database of a throwaway
/// PostgreSQL server on this machine (tests/common/pg.rs, PostgreSQL's default
/// durability) and `BENCH_SERVERS` servers (default 2), each with its own
/// connections, the students split round robin across them.
fn gradebook_and_servers(tmp: &Path) -> (std::path::PathBuf, usize) {
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

/// The gradebook of the bench: roster students `{prefix}{i:03}` for each
/// prefix with login codes ([`code`]), and an open exam of 10
/// questions for everyone. Returns the quiz id.
fn prepare_gradebook(db: &Path, prefixes: &[&str], n: usize) -> i64 {
    let mut gb = Gradebook::open(db).expect("gradebook");
    let ids: Vec<String> = prefixes
        .iter()
        .flat_map(|p| (0..n).map(move |i| format!("{p}{i:03}")))
        .collect();
    let students: Vec<Student> = ids
        .iter()
        .map(|id| Student {
            id: id.clone(),
            name: format!("학생 {id}"),
            email: None,
        })
        .collect();
    gb.upsert_students(&students).expect("roster");
    let codes: Vec<(String, String)> = ids
        .iter()
        .map(|id| (id.clone(), hash_code(&code(id))))
        .collect();
    gb.set_login_codes(&codes).expect("codes");
    gb.open_quiz(UNIT, quiz::model::Mode::Exam, 10, Some(60), &[], None)
        .expect("quiz")
}

/// The login code of a bench student (codes are typed in capitals).
fn code(id: &str) -> String {
    format!("C{}", id.to_uppercase())
}

/// Running servers: their runtime and base URLs.
struct Servers {
    _rt: tokio::runtime::Runtime,
    bases: Vec<String>,
}

/// Start `count` servers of `quiz serve` on one gradebook `db` (a path, or a
/// database URL where the gradebook takes one), each on 127.0.0.1:0.
fn start_servers(db: &Path, count: usize, tmp: &Path) -> Servers {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rt = quiz::web::runtime().expect("runtime");
    let mut bases = Vec::new();
    for _ in 0..count.max(1) {
        let (app, _) = App::new(Config {
            questions: root.join("questions"),
            rubrics: root.join("rubrics"),
            db: db.to_path_buf(),
            course: tmp.join("course.yaml"),
            today: None,
            secure: false,
            lease_ttl: Duration::from_secs(120),
            readers: 4,
        })
        .expect("app");
        let listener = rt
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        bases.push(format!("http://{}", listener.local_addr().expect("addr")));
        rt.spawn(quiz::web::serve(Arc::new(app), listener));
    }
    Servers { _rt: rt, bases }
}

// ---------------------------------------------------------------- measuring

/// CPU seconds (user + system) of this process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the
    // 12th, stime the 13th; in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|v| v.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
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

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one run of the client process reports (one JSON line on stdout).
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct ClientReport {
    /// Latency of each answer save, microseconds.
    saves_us: Vec<u64>,
    requests: usize,
    /// The attempts the students took.
    ids: Vec<i64>,
    wall_s: f64,
    cpu_s: f64,
    errors: Vec<String>,
}

/// One run: the client process simulates `n` students `{prefix}NNN`.
#[allow(clippy::too_many_arguments)]
fn run(
    name: &str,
    servers: &Servers,
    db: &Path,
    quiz: i64,
    prefix: &str,
    n: usize,
    think_ms: u64,
    start_ms: u64,
    seed: u64,
) -> bool {
    let load_before = loadavg();
    let cpu_before = cpu_seconds();
    let out = std::process::Command::new(std::env::current_exe().expect("exe"))
        .env("QUIZ_BENCH_CLIENT", "1")
        .env("QUIZ_BENCH_BASES", servers.bases.join(","))
        .env("QUIZ_BENCH_PREFIX", prefix)
        .env("QUIZ_BENCH_STUDENTS", n.to_string())
        .env("QUIZ_BENCH_QUIZ", quiz.to_string())
        .env("QUIZ_BENCH_THINK_MS", think_ms.to_string())
        .env("QUIZ_BENCH_START_MS", start_ms.to_string())
        .env("QUIZ_BENCH_SEED", seed.to_string())
        .stderr(std::process::Stdio::inherit())
        .output()
        .expect("client process");
    let server_cpu = cpu_seconds() - cpu_before;
    let r: ClientReport = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| ClientReport {
        errors: vec![format!("client output: {e}")],
        ..ClientReport::default()
    });
    // None lost: every save is in the gradebook, as answered.
    let gb = Gradebook::open_read_only(db).expect("gradebook");
    let mut stored = 0;
    for id in &r.ids {
        stored += gb
            .responses(*id)
            .expect("responses")
            .iter()
            .filter(|s| s.response != quiz::score::Response::Skipped)
            .count();
    }
    let mut sorted = r.saves_us.clone();
    sorted.sort_unstable();
    let p99 = percentile(&sorted, 0.99);
    println!(
        "== {name} run: {n} students over {} server(s)",
        servers.bases.len()
    );
    if think_ms > 0 || start_ms > 0 {
        println!(
            "   starts within {start_ms} ms, think time mean {think_ms} ms (exponential, 0.1-4x), seed {seed}"
        );
    } else {
        println!("   all at once, back to back (no think time)");
    }
    println!(
        "   answer save latency: p50 {:.1} ms, p99 {p99:.1} ms, max {:.1} ms ({} saves)",
        percentile(&sorted, 0.5),
        sorted.last().map_or(0.0, |v| *v as f64 / 1000.0),
        sorted.len()
    );
    println!(
        "   {} requests in {:.2} s: {:.0} requests/s",
        r.requests,
        r.wall_s,
        r.requests as f64 / r.wall_s.max(1e-9)
    );
    println!(
        "   answers stored: {stored}/{} (as answered, read back from the gradebook)",
        n * 10
    );
    println!(
        "   CPU: server {server_cpu:.2} s, clients {:.2} s; server peak memory (VmHWM) {:.0} MiB",
        r.cpu_s,
        peak_rss_mib()
    );
    println!(
        "   load average before: {load_before}; after: {}",
        loadavg()
    );
    let mut ok = true;
    for e in r.errors.iter().take(10) {
        println!("   ERROR: {e}");
        ok = false;
    }
    if stored != n * 10 || sorted.len() != n * 10 {
        println!(
            "   ERROR: answers lost: {stored} stored, {} saved",
            sorted.len()
        );
        ok = false;
    }
    ok &= r.errors.is_empty();
    if name == "class" {
        if p99 < 50.0 {
            println!("   target met: p99 {p99:.1} ms < 50 ms");
        } else {
            println!("   TARGET MISSED: p99 {p99:.1} ms >= 50 ms");
        }
    }
    ok
}

fn main() {
    if std::env::var_os("QUIZ_BENCH_CLIENT").is_some() {
        client_main();
        return;
    }
    let n = env_num("QUIZ_BENCH_STUDENTS", 300) as usize;
    let think = env_num("QUIZ_BENCH_THINK_MS", 1000);
    let start = env_num("QUIZ_BENCH_START_MS", 3000);
    let seed = env_num("QUIZ_BENCH_SEED", 1);
    let runs = std::env::var("QUIZ_BENCH_RUNS").unwrap_or_else(|_| "class,saturation".into());
    let tmp = tempfile::tempdir().expect("tmp");
    let (db, count) = gradebook_and_servers(tmp.path());
    let quiz = prepare_gradebook(&db, &["b", "c"], n);
    let servers = start_servers(&db, count, tmp.path());
    let mut ok = true;
    if runs.contains("class") {
        ok &= run("class", &servers, &db, quiz, "b", n, think, start, seed);
    }
    if runs.contains("saturation") {
        ok &= run("saturation", &servers, &db, quiz, "c", n, 0, 0, seed);
    }
    assert!(ok, "the bench found errors (above)");
}

// ---------------------------------------------------------------- client side

/// The simulated students (this binary run with `QUIZ_BENCH_CLIENT=1`).
fn client_main() {
    let bases: Vec<String> = std::env::var("QUIZ_BENCH_BASES")
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect();
    let prefix = std::env::var("QUIZ_BENCH_PREFIX").unwrap_or_else(|_| "b".into());
    let n = env_num("QUIZ_BENCH_STUDENTS", 300) as usize;
    let quiz = env_num("QUIZ_BENCH_QUIZ", 1) as i64;
    let sim = Sim {
        think_ms: env_num("QUIZ_BENCH_THINK_MS", 1000),
        start_ms: env_num("QUIZ_BENCH_START_MS", 3000),
        seed: env_num("QUIZ_BENCH_SEED", 1),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let report = rt.block_on(async move {
        let http: Http = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(n)
            .build_http();
        let t0 = Instant::now();
        let tasks: Vec<_> = (0..n)
            .map(|i| {
                let base = bases[i % bases.len()].clone();
                let id = format!("{prefix}{i:03}");
                tokio::spawn(student(base, http.clone(), id, i as u64, quiz, sim))
            })
            .collect();
        let mut r = ClientReport::default();
        for t in tasks {
            match t.await {
                Ok(Ok((s, reqs, id))) => {
                    r.saves_us.extend(s);
                    r.requests += reqs;
                    r.ids.push(id);
                }
                Ok(Err(e)) => r.errors.push(e),
                Err(e) => r.errors.push(format!("student task: {e}")),
            }
        }
        r.wall_s = t0.elapsed().as_secs_f64();
        r
    });
    let mut report = report;
    report.cpu_s = cpu_seconds();
    println!("{}", serde_json::to_string(&report).unwrap_or_default());
}

/// How the students behave.
#[derive(Clone, Copy)]
struct Sim {
    think_ms: u64,
    start_ms: u64,
    seed: u64,
}

impl Sim {
    /// A think time: exponential with mean `think_ms`, cut to 0.1-4x the mean.
    fn think(&self, rng: &mut ChaCha8Rng) -> Duration {
        if self.think_ms == 0 {
            return Duration::ZERO;
        }
        let u = ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
        let x = (-u.ln()).clamp(0.1, 4.0);
        Duration::from_secs_f64(x * self.think_ms as f64 / 1000.0)
    }
}

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
    ) -> Result<(u16, String, String), String> {
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
        let req = b.body(body).map_err(|e| format!("request: {e}"))?;
        let res = self
            .http
            .request(req)
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
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
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{method} {path} body: {e}"))?
            .to_bytes();
        Ok((
            status,
            location,
            String::from_utf8_lossy(&bytes).into_owned(),
        ))
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

/// One student: returns (save latencies in µs, requests, attempt id).
async fn student(
    base: String,
    http: Http,
    sid: String,
    i: u64,
    quiz: i64,
    sim: Sim,
) -> Result<(Vec<u64>, usize, i64), String> {
    let mut rng = ChaCha8Rng::seed_from_u64(sim.seed.wrapping_mul(1_000_003).wrapping_add(i));
    if sim.start_ms > 0 {
        let at = rng.next_u64() % sim.start_ms;
        tokio::time::sleep(Duration::from_millis(at)).await;
    }
    let mut b = Browser {
        http,
        base,
        cookies: Vec::new(),
        requests: 0,
    };
    let (_, _, page) = b.send("GET", "/login", None, false).await?;
    let pre = attr(&page, "name=\"pre\" value=\"");
    let (st, _, body) = b
        .send(
            "POST",
            "/login",
            Some(format!("student={sid}&code={}&pre={pre}", code(&sid))),
            false,
        )
        .await?;
    if st != 303 {
        return Err(format!("{sid} login: {st} {body}"));
    }
    let (_, _, home) = b.send("GET", "/", None, false).await?;
    let csrf = attr(&home, "name=\"csrf\" value=\"");
    let (st, loc, body) = b
        .send(
            "POST",
            "/start",
            Some(format!("csrf={csrf}&quiz={quiz}")),
            false,
        )
        .await?;
    if st != 303 {
        return Err(format!("{sid} start: {st} {body}"));
    }
    let id: i64 = loc
        .trim_start_matches("/a/")
        .parse()
        .map_err(|_| format!("{sid} start went to {loc}"))?;
    let (_, _, exam) = b.send("GET", &loc, None, false).await?;
    let mut saves = Vec::new();
    for (pos, fields) in answers(&exam) {
        tokio::time::sleep(sim.think(&mut rng)).await;
        let t = Instant::now();
        let (st, _, body) = b
            .send(
                "POST",
                &format!("{loc}/answer"),
                Some(format!("csrf={csrf}&pos={pos}&{fields}")),
                true,
            )
            .await?;
        saves.push(u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX));
        if st != 200 {
            return Err(format!("{sid} save {pos}: {st} {body}"));
        }
    }
    tokio::time::sleep(sim.think(&mut rng)).await;
    let (st, _, body) = b
        .send(
            "POST",
            &format!("{loc}/submit"),
            Some(format!("csrf={csrf}")),
            false,
        )
        .await?;
    if st != 303 {
        return Err(format!("{sid} submit: {st} {body}"));
    }
    Ok((saves, b.requests, id))
}
