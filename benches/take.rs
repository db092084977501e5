//! Benchmark: `quiz take` shows the first question in under 50 ms with a bank of
//! 20,000 questions.
//!
//! Generates 200 question files x 100 questions (weeks 1-5, days 1-5, sessions
//! 1-8, questions copied from the shipped bank with new ids), then runs the
//! release binary `quiz take w3d5s4 --student bN` with stdin closed: it opens the
//! gradebook, loads the unit, draws and stores the form, prints question 1 and
//! exits at end of input. The time is the whole process, start to exit.
//!
//! Run: `cargo build --release && cargo bench --bench take`

use quiz::model::QuestionFile;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (bank, _) = quiz::bank::Bank::load(&root.join("questions"), &root.join("rubrics"))
        .expect("shipped bank");
    let templates: Vec<_> = bank.questions().map(|(_, q)| q.clone()).collect();
    let tmp = tempfile::tempdir().expect("tmp");
    let qdir = tmp.path().join("questions");
    let mut n = 0usize;
    'outer: for w in 1..=5 {
        for d in 1..=5 {
            for s in 1..=8 {
                let unit = format!("w{w}d{d}s{s}");
                let questions = (0..100)
                    .map(|i| {
                        let mut q = templates[(n + i) % templates.len()].clone();
                        q.id = format!("{unit}-{i:06x}");
                        q.criteria.clear();
                        q
                    })
                    .collect();
                let f = QuestionFile {
                    unit: unit.clone(),
                    title: unit.clone(),
                    source: None,
                    questions,
                };
                let path = qdir.join(format!("week_{w:02}/day{d}/session_{s:02}.yaml"));
                std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                std::fs::write(&path, quiz::yaml::to_string(&f, &[]).expect("yaml"))
                    .expect("write");
                n += 100;
                if n >= 20_000 {
                    break 'outer;
                }
            }
        }
    }
    let bin = root.join("target/release/quiz");
    assert!(
        bin.exists(),
        "build the release binary first: cargo build --release"
    );
    let mut times: Vec<Duration> = Vec::new();
    for i in 0..15 {
        let t = Instant::now();
        let out = Command::new(&bin)
            .args([
                "take",
                "w3d5s4",
                "--student",
                &format!("b{i}"),
                "--rubrics",
                "none",
            ])
            .current_dir(tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .expect("run quiz");
        times.push(t.elapsed());
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("문제 1/10"),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times.sort();
    println!(
        "take, first question, bank of {n} questions in 200 files: min {:.1} ms, median {:.1} ms, max {:.1} ms (target < 50 ms)",
        times[0].as_secs_f64() * 1e3,
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3
    );
}
