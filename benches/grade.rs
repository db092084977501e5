//! Benchmark: grading and storing 1,000,000 responses (10,000 students x 100
//! questions) from the long CSV in under 3 s, peak memory under 500 MB, and 10x
//! the input at most 11x the time.
//!
//! The synthetic class: 100 questions of the shipped bank (every kind it has),
//! 10,000 students `st00000`..; each answers every question with a valid answer
//! drawn from a fixed-seed stream (right about 60 % of the time). The CSV is
//! written once per size; then the release binary runs
//! `quiz grade --responses class.csv` on a fresh gradebook. Peak memory is the
//! child's maximum resident set size (`/usr/bin/time -f %M` when installed).
//!
//! Run: `cargo build --release && cargo bench --bench grade`
//! (`BENCH_SCALES=1,10` for the 10x check: 10,000,000 rows, ~400 MB of CSV.)
//!
//! PostgreSQL beside SQLite: `BENCH_DB=sqlite,postgres cargo bench --bench grade`
//! grades the same CSV into a fresh SQLite file and a fresh database of a
//! throwaway PostgreSQL server on this machine (started like the tests',
//! tests/common/pg.rs, with PostgreSQL's default durability), and prints the
//! ratio of the times.

#[path = "class.rs"]
mod class;
#[allow(dead_code)]
#[path = "../tests/common/pg.rs"]
mod pg;

use class::generate;
use quiz::model::Question;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // 100 questions spread over the bank and its kinds (copies when it serves fewer).
    let bank_dir = tempfile::tempdir().expect("tmp");
    let (questions_dir, questions): (std::path::PathBuf, Vec<Question>) =
        class::bench_bank(root, bank_dir.path());
    if let Ok(path) = std::env::var("BENCH_CSV_OUT") {
        // Only write the synthetic class (for profiling by hand).
        let rows = generate(Path::new(&path), &questions, 10_000);
        println!("{rows} rows written to {path}");
        return;
    }
    let bin = root.join("target/release/quiz");
    assert!(
        bin.exists(),
        "build the release binary first: cargo build --release"
    );
    let has_time = Path::new("/usr/bin/time").exists();
    let scales: Vec<usize> = std::env::var("BENCH_SCALES")
        .unwrap_or_else(|_| "1".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let backends: Vec<String> = std::env::var("BENCH_DB")
        .unwrap_or_else(|_| "sqlite".into())
        .split(',')
        .map(|s| s.trim().to_string())
        .collect();
    let tmp = tempfile::tempdir().expect("tmp");
    let mut base: std::collections::HashMap<String, f64> = Default::default();
    for scale in scales {
        let csv = tmp.path().join(format!("class{scale}.csv"));
        let rows = generate(&csv, &questions, 10_000 * scale);
        let mb = std::fs::metadata(&csv)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(0.0);
        let mut times: Vec<(String, f64)> = Vec::new();
        for backend in &backends {
            let db = match backend.as_str() {
                "postgres" => {
                    std::path::PathBuf::from(pg::durable_server().fresh_db("bench_grade"))
                }
                _ => tmp.path().join(format!("g{scale}.db")),
            };
            let mut cmd = if has_time {
                let mut c = Command::new("/usr/bin/time");
                c.args(["-f", "%M"]).arg(&bin);
                c
            } else {
                Command::new(&bin)
            };
            cmd.args(["--questions"])
                .arg(&questions_dir)
                .args(["--rubrics"])
                .arg(root.join("rubrics"));
            cmd.args(["--db"])
                .arg(&db)
                .args(["grade", "--responses"])
                .arg(&csv);
            let t = Instant::now();
            let out = cmd.output().expect("run quiz grade");
            let secs = t.elapsed().as_secs_f64();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let peak = if has_time {
                stderr
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse::<f64>().ok())
                    .map(|kb| format!("{:.0} MB", kb / 1024.0))
            } else {
                None
            };
            assert!(
                String::from_utf8_lossy(&out.stdout).contains(&format!("┆ {rows}")),
                "{}\n{stderr}",
                String::from_utf8_lossy(&out.stdout)
            );
            let ratio = base
                .get(backend)
                .map(|b| format!(", {:.2}x the time of 1x", secs / b))
                .unwrap_or_default();
            println!(
                "grade [{backend}]: {rows} responses ({mb:.0} MB CSV): {secs:.2} s, peak memory {}{ratio} (targets at 1x: < 3 s, < 500 MB; 10x: <= 11x time)",
                peak.unwrap_or_else(|| "n/a (install GNU time)".into())
            );
            base.entry(backend.clone()).or_insert(secs);
            times.push((backend.clone(), secs));
        }
        if let (Some((_, sq)), Some((_, pg))) = (
            times.iter().find(|(b, _)| b == "sqlite"),
            times.iter().find(|(b, _)| b == "postgres"),
        ) {
            println!("grade: PostgreSQL/SQLite time ratio {:.2}", pg / sq);
        }
    }
}
