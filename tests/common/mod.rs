//! Helpers shared by the integration tests: run the built binary, copy fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    /// Standard error without the note of a new SQLite gradebook (which a
    /// PostgreSQL run never prints): see `new_gradebook`.
    pub stderr: String,
    /// The run said it made a new gradebook file (`새 성적부를 만들었습니다: …`).
    pub new_gradebook: bool,
}

/// The note a run prints when it makes a new SQLite gradebook.
pub const NEW_GRADEBOOK: &str = "새 성적부를 만들었습니다: ";

fn finish(out: Output) -> Run {
    let raw = String::from_utf8_lossy(&out.stderr).into_owned();
    let new_gradebook = raw.lines().any(|l| l.starts_with(NEW_GRADEBOOK));
    let stderr = if new_gradebook {
        raw.split_inclusive('\n')
            .filter(|l| !l.starts_with(NEW_GRADEBOOK))
            .collect()
    } else {
        raw
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        new_gradebook,
    }
}

/// Run `quiz` with `args` in `dir`, with `stdin` piped in.
pub fn quiz_in(dir: &Path, args: &[&str], stdin: &str) -> Run {
    quiz_env(dir, args, stdin, &[])
}

/// Run `quiz` with `args` in `dir`, `stdin` piped in, and extra environment variables.
pub fn quiz_env(dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .args(args)
        .current_dir(dir)
        .env_remove("QUIZ_DB")
        .envs(backend_env(dir))
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn quiz");
    if let Some(mut s) = child.stdin.take() {
        let _ = s.write_all(stdin.as_bytes());
    }
    finish(child.wait_with_output().expect("wait for quiz"))
}

/// Under `QUIZ_TEST_DB=postgres`, `QUIZ_DB` names a PostgreSQL database of
/// the test server, one per folder (made on first use), so the same test
/// runs on the PostgreSQL gradebook; otherwise nothing (the SQLite file
/// `gradebook.db` in `dir`).
pub fn backend_env(dir: &Path) -> Vec<(&'static str, String)> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    if std::env::var("QUIZ_TEST_DB").as_deref() != Ok("postgres")
        || lock_set(sqlite_dirs()).contains(dir)
    {
        return Vec::new();
    }
    static DBS: OnceLock<Mutex<HashMap<PathBuf, String>>> = OnceLock::new();
    let mut dbs = DBS
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let url = dbs
        .entry(dir.to_path_buf())
        .or_insert_with(|| pg::server().fresh_db("t"))
        .clone();
    vec![("QUIZ_DB", url)]
}

/// Folders whose tests are about the SQLite file itself (its permissions,
/// its locks, raw SQLite): they keep SQLite under `QUIZ_TEST_DB=postgres`.
fn sqlite_dirs() -> &'static std::sync::Mutex<std::collections::HashSet<PathBuf>> {
    static DIRS: std::sync::OnceLock<std::sync::Mutex<std::collections::HashSet<PathBuf>>> =
        std::sync::OnceLock::new();
    DIRS.get_or_init(Default::default)
}

fn lock_set<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The tests in `dir` use the SQLite gradebook whatever `QUIZ_TEST_DB` says
/// (call before the first `quiz` run there).
pub fn sqlite_only(dir: &Path) {
    lock_set(sqlite_dirs()).insert(dir.to_path_buf());
}

/// The gradebook the tests in `dir` write: `gradebook.db` there, or its
/// PostgreSQL database under `QUIZ_TEST_DB=postgres`.
pub fn gradebook(dir: &Path) -> quiz::Result<quiz::gradebook::Gradebook> {
    match backend_env(dir).pop() {
        Some((_, url)) => quiz::gradebook::Gradebook::open(Path::new(&url)),
        None => quiz::gradebook::Gradebook::open(&dir.join("gradebook.db")),
    }
}

/// How `quiz` names the gradebook of `dir` in its messages.
pub fn db_label(dir: &Path) -> String {
    match backend_env(dir).pop() {
        Some((_, url)) => quiz::gradebook::pg::redact(&url),
        None => "gradebook.db".to_string(),
    }
}

/// Run `quiz` with `args` in `dir`.
pub fn quiz(dir: &Path, args: &[&str]) -> Run {
    quiz_in(dir, args, "")
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let p = entry.path();
        let t = to.join(entry.file_name());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).expect("copy");
        }
    }
}

/// A temp folder with a copy of the shipped curriculum in `curriculum/`.
pub fn project_with_curriculum() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("curriculum"), &dir.path().join("curriculum"));
    dir
}

/// All files under `dir`, relative, sorted, with contents.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    fn walk(base: &Path, d: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        for e in rd.flatten() {
            let p = e.path();
            // The bank's change lock (`.questions.lock`, empty, taken by
            // extract and sign) is no content.
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".lock") {
                continue;
            }
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}
pub mod pg;

/// The gradebook a test in `dir` opens in process: `dir/name` (SQLite), or
/// under `QUIZ_TEST_DB=postgres` the URL of its PostgreSQL database.
pub fn db_path(dir: &Path, name: &str) -> PathBuf {
    match backend_env(dir).pop() {
        Some((_, url)) => PathBuf::from(url),
        None => dir.join(name),
    }
}

/// Runs one raw SQL statement on the gradebook `db` (a SQLite file or a
/// PostgreSQL URL), as another program would; the rows it changed.
pub fn execute_sql(db: &Path, sql: &str) -> Result<u64, String> {
    let text = db.to_string_lossy();
    if quiz::gradebook::pg::is_url(&text) {
        let mut c = postgres::Client::connect(&text, postgres::NoTls).map_err(|e| e.to_string())?;
        c.execute(sql, &[]).map_err(|e| {
            e.as_db_error()
                .map(|d| d.message().to_string())
                .unwrap_or_else(|| e.to_string())
        })
    } else {
        let c = rusqlite::Connection::open(db).map_err(|e| e.to_string())?;
        c.execute(sql, [])
            .map(|n| n as u64)
            .map_err(|e| e.to_string())
    }
}

/// What `take` (exam, ten asked, the question skipped), `release` (one
/// student, into `forms/`) and `export --format gift` make of `unit` in `dir`,
/// each asserted to succeed, to hold `keep` and none of `left_out` (hidden or
/// unsigned questions): (take, release, export).
pub fn served_only(
    dir: &Path,
    unit: &str,
    keep: &quiz::model::Question,
    left_out: &[&quiz::model::Question],
) -> (Run, Run, Run) {
    let take = quiz_in(
        dir,
        &[
            "take",
            unit,
            "--student",
            "s1",
            "--count",
            "10",
            "--mode",
            "exam",
        ],
        "?\n",
    );
    assert_eq!(take.code, 0, "{}", take.stderr);
    assert!(take.stdout.contains(&keep.prompt), "{}", take.stdout);
    std::fs::write(dir.join("roster.csv"), "student_id,name\ns1,가\n").expect("roster");
    let release = quiz(
        dir,
        &["release", unit, "--roster", "roster.csv", "--out", "forms"],
    );
    assert_eq!(release.code, 0, "{}", release.stderr);
    let form = std::fs::read_dir(dir.join("forms"))
        .expect("forms")
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        .next()
        .expect("a form");
    assert!(form.contains(&keep.id), "{form}");
    let export = quiz(dir, &["export", "--format", "gift", unit]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(
        export.stdout.contains(&format!("::{}::", keep.id)),
        "{}",
        export.stdout
    );
    for q in left_out {
        assert!(!take.stdout.contains(&q.prompt), "{} taken", q.id);
        assert!(!form.contains(&q.id), "{} released", q.id);
        assert!(!export.stdout.contains(&q.id), "{} exported", q.id);
    }
    (take, release, export)
}
