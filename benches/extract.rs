//! Benchmark: `quiz extract` over 300 documents of the sample's size.
//!
//! Generates a curriculum of 300 documents (6 weeks x 5 days x 10 files, each a
//! copy of one of the five sample documents, round-robin) in a temp folder, then
//! runs the whole extract command (read, parse, generate, merge, serialize,
//! write) into fresh output folders, several times, and prints min and median.
//! Target: under 0.3 s (single-threaded; the engine uses one core).
//!
//! Run: `cargo bench --bench extract`

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let samples: Vec<String> = [
        "week_02/day4/session_08.md",
        "week_03/day5/README.md",
        "week_03/day5/session_08.md",
        "week_05/README.md",
        "week_06/README.md",
    ]
    .iter()
    .map(|p| std::fs::read_to_string(root.join("curriculum").join(p)).expect("sample document"))
    .collect();
    let tmp = tempfile::tempdir().expect("tempdir");
    let cur = tmp.path().join("curriculum");
    let mut n = 0;
    let mut bytes = 0;
    for w in 1..=6 {
        std::fs::create_dir_all(cur.join(format!("week_{w:02}"))).expect("mkdir");
        for d in 1..=5 {
            let day = cur.join(format!("week_{w:02}/day{d}"));
            std::fs::create_dir_all(&day).expect("mkdir");
            for s in 0..10 {
                let text = &samples[n % samples.len()];
                let path = if s == 0 {
                    day.join("README.md")
                } else {
                    day.join(format!("session_{s:02}.md"))
                };
                std::fs::write(path, text).expect("write");
                n += 1;
                bytes += text.len();
            }
        }
    }
    if std::env::var_os("BENCH_GENERATE_ONLY").is_some() {
        // For profiling the pure stage: `BENCH_GENERATE_ONLY=1 perf record ...`
        let mut diags = Vec::new();
        let mut docs = quiz::cmd::extract::read_curriculum(&cur, &mut diags).expect("read");
        let keep = std::env::var("BENCH_GENERATE_DOCS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10);
        docs.truncate(keep);
        let rounds = std::env::var("BENCH_GENERATE_ROUNDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1);
        for _ in 0..rounds {
            std::hint::black_box(quiz::extract::extract(&docs));
        }
        return;
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut questions = 0;
    for i in 0..7 {
        let q = tmp.path().join(format!("q{i}"));
        let r = tmp.path().join(format!("r{i}"));
        let paths = quiz::cmd::Paths {
            questions: q.clone(),
            rubrics: r,
        };
        let mut sink = Vec::new();
        let t = Instant::now();
        let _ = quiz::cmd::extract::run(&paths, &cur, &mut sink);
        times.push(t.elapsed());
        questions = quiz::fsutil::files_with_ext(&q, &["yaml"])
            .expect("list")
            .len();
    }
    times.sort();
    // Re-running on unchanged input (the usual case): reads, compares, writes nothing.
    let q = tmp.path().join("q0");
    let r = tmp.path().join("r0");
    let paths = quiz::cmd::Paths {
        questions: q,
        rubrics: r,
    };
    let mut rerun: Vec<Duration> = (0..5)
        .map(|_| {
            let mut sink = Vec::new();
            let t = Instant::now();
            let _ = quiz::cmd::extract::run(&paths, &cur, &mut sink);
            t.elapsed()
        })
        .collect();
    rerun.sort();
    println!(
        "re-extract, unchanged input: min {:.3} s, median {:.3} s",
        rerun[0].as_secs_f64(),
        rerun[rerun.len() / 2].as_secs_f64()
    );
    // The same with no two documents alike (one paragraph added to each copy),
    // so that the week's cache of identical documents never helps: the cost of
    // generating every document.
    let distinct = tmp.path().join("distinct");
    let mut k = 0;
    for w in 1..=6 {
        for d in 1..=5 {
            let day = distinct.join(format!("week_{w:02}/day{d}"));
            std::fs::create_dir_all(&day).expect("mkdir");
            for s in 0..10 {
                let text = format!("{}\n\n문서 번호 {k}\n", samples[k % samples.len()]);
                let path = if s == 0 {
                    day.join("README.md")
                } else {
                    day.join(format!("session_{s:02}.md"))
                };
                std::fs::write(path, text).expect("write");
                k += 1;
            }
        }
    }
    let paths = quiz::cmd::Paths {
        questions: tmp.path().join("dq"),
        rubrics: tmp.path().join("dr"),
    };
    let _ = quiz::cmd::extract::run(&paths, &distinct, &mut Vec::new());
    let mut rerun: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let _ = quiz::cmd::extract::run(&paths, &distinct, &mut Vec::new());
            t.elapsed()
        })
        .collect();
    rerun.sort();
    println!(
        "re-extract, 300 distinct documents: min {:.3} s, median {:.3} s",
        rerun[0].as_secs_f64(),
        rerun[rerun.len() / 2].as_secs_f64()
    );
    // Phases, to see where the time goes.
    let mut diags = Vec::new();
    let t = Instant::now();
    let docs = quiz::cmd::extract::read_curriculum(&cur, &mut diags).expect("read");
    let t_read = t.elapsed();
    let t = Instant::now();
    let ex = quiz::extract::extract(&docs);
    let t_gen = t.elapsed();
    let t = Instant::now();
    let mut yaml_bytes = 0;
    for (_, f) in &ex.files {
        yaml_bytes += quiz::yaml::to_string(f, &[]).expect("yaml").len();
    }
    let t_ser = t.elapsed();
    println!(
        "phases: read+parse {:.3} s, generate {:.3} s, serialize {:.3} s ({:.1} MB YAML)",
        t_read.as_secs_f64(),
        t_gen.as_secs_f64(),
        t_ser.as_secs_f64(),
        yaml_bytes as f64 / 1e6
    );
    println!(
        "extract: {n} documents ({:.1} MB), {questions} question files: min {:.3} s, median {:.3} s (target < 0.300 s)",
        bytes as f64 / 1e6,
        times[0].as_secs_f64(),
        times[times.len() / 2].as_secs_f64()
    );
}
