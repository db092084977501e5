//! A real, throwaway PostgreSQL server for the tests: Debian's `postgresql`
//! binaries (`initdb`, `pg_ctl`), a cluster in a temp folder, a free port on
//! 127.0.0.1, password (SCRAM) authentication. Started once per test binary
//! (the first test that asks), stopped and removed by a watchdog when the
//! test binary exits. `initdb` and `pg_ctl` refuse root: as root they run as
//! the `postgres` user (`runuser`).
//!
//! A test that cannot start the server fails, with the reason: `.ci/run`
//! installs PostgreSQL, and a skipped test would hide a gradebook backend
//! that no longer works.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The superuser the tests connect as, and its password.
pub const USER: &str = "quiz";
pub const PASSWORD: &str = "quiz-test-secret";

/// A running test server.
pub struct Server {
    /// Port on 127.0.0.1.
    pub port: u16,
    /// The cluster folder (removed when the test binary exits).
    pub dir: PathBuf,
}

impl Server {
    /// `postgres://quiz:…@127.0.0.1:port/db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{db}", self.port)
    }

    /// A new, empty database with a unique name; returns its URL.
    pub fn fresh_db(&self, prefix: &str) -> String {
        self.create_db(prefix, "")
    }

    /// A new database whose default collation is Korean (ICU), not byte order:
    /// the gradebook must sort as SQLite does all the same.
    pub fn fresh_db_korean(&self, prefix: &str) -> String {
        self.create_db(
            prefix,
            " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'ko-KR' LOCALE 'C'",
        )
    }

    fn create_db(&self, prefix: &str, options: &str) -> String {
        static N: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "{}_{}_{}",
            prefix.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect to test PostgreSQL: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\"{options}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        self.url(&name)
    }
}

/// The PostgreSQL binaries folder: the newest /usr/lib/postgresql/N/bin, or `pg_config --bindir`.
fn bindir() -> Result<PathBuf, String> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((v, bin))
        })
        .collect();
    found.sort();
    if let Some((_, bin)) = found.pop() {
        return Ok(bin);
    }
    let out = Command::new("pg_config").arg("--bindir").output();
    match out {
        Ok(o) if o.status.success() => {
            let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
            if dir.join("initdb").is_file() {
                return Ok(dir);
            }
            Err(format!("no initdb in {}", dir.display()))
        }
        _ => Err("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, no pg_config): apt-get install postgresql".into()),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command that runs `program` as an unprivileged user when we are root.
fn as_pg_user(program: &Path, root: bool) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("free port: {e}"))?;
    l.local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("free port: {e}"))
}

fn start(durable: bool) -> Result<Server, String> {
    let bin = bindir()?;
    let root = is_root();
    let dir = std::env::temp_dir().join(format!(
        "quiz-pg-{}{}",
        std::process::id(),
        if durable { "-durable" } else { "" }
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let data = dir.join("data");
    let pwfile = dir.join("pw");
    std::fs::write(&pwfile, PASSWORD).map_err(|e| format!("{}: {e}", pwfile.display()))?;
    if root {
        run(
            {
                let mut c = Command::new("chown");
                c.args(["-R", "postgres:postgres"]).arg(&dir);
                c
            },
            "chown the cluster folder to postgres",
        )?;
    }
    let mut initdb = as_pg_user(&bin.join("initdb"), root);
    initdb
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            USER,
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
        ])
        .arg(format!("--pwfile={}", pwfile.display()));
    run(initdb, "initdb")?;
    let mut last = String::new();
    for _ in 0..5 {
        let port = free_port()?;
        let mut ctl = as_pg_user(&bin.join("pg_ctl"), root);
        ctl.arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.join("log"))
            .args(["-w", "-t", "60", "-o"])
            .arg(format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200{}",
                dir.display(),
                if durable { "" } else { " -c fsync=off" }
            ))
            .arg("start");
        match run(ctl, "pg_ctl start") {
            Ok(()) => {
                watchdog(&bin.join("pg_ctl"), &data, &dir, root);
                return Ok(Server { port, dir });
            }
            Err(e) => {
                let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
                last = format!("{e}\n{log}");
            }
        }
    }
    Err(last)
}

/// Stops the server and removes its folder once this test process is gone.
fn watchdog(pg_ctl: &Path, data: &Path, dir: &Path, root: bool) {
    let stop = if root {
        format!(
            "runuser -u postgres -- '{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    } else {
        format!(
            "'{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        dir = dir.display()
    );
    let _ = Command::new("sh")
        .args(["-c", &script])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

/// The test server, started on first use. Panics (fails the test) with the
/// reason when it cannot start.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    match SERVER.get_or_init(|| start(false)) {
        Ok(s) => s,
        Err(e) => panic!("cannot start the test PostgreSQL server: {e}"),
    }
}

/// A server with PostgreSQL's default durability (fsync on, every commit
/// flushed to its WAL), as a school's server runs, for the benchmarks. (The
/// SQLite gradebook they compare with runs WAL with `synchronous=NORMAL`:
/// its commits reach the disk at checkpoints.)
pub fn durable_server() -> &'static Server {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    match SERVER.get_or_init(|| start(true)) {
        Ok(s) => s,
        Err(e) => panic!("cannot start the benchmark PostgreSQL server: {e}"),
    }
}
