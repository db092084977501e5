//! The synthetic class shared by the grade and report benchmarks: a long CSV of
//! `students` x `questions` answers, valid for every kind, right about 60 % of
//! the time, from a fixed-seed xorshift stream.

use quiz::model::{Answer, Kind, Question};
use std::io::Write;
use std::path::Path;

fn answer(q: &Question, x: u64) -> String {
    let right = x % 10 < 6;
    let pick = |n: usize| (x as usize / 10) % n.max(1);
    match (&q.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(k))) => {
            if right {
                k.clone()
            } else {
                q.options[pick(q.options.len())].id.clone()
            }
        }
        (Kind::Multi, Some(Answer::Many(v))) => v.join("|"),
        (Kind::Truefalse, Some(Answer::Bool(b))) => (if right { *b } else { !*b }).to_string(),
        (Kind::Short | Kind::Cloze, Some(Answer::Many(v))) => {
            if right {
                v[0].clone()
            } else {
                "모름".into()
            }
        }
        (Kind::Order, Some(Answer::Many(v))) => {
            let mut v = v.clone();
            if !right {
                v.rotate_left(1);
            }
            v.join("|")
        }
        (Kind::Match, Some(Answer::Pairs(m))) => m
            .iter()
            .map(|(l, r)| format!("{l}:{r}"))
            .collect::<Vec<_>>()
            .join("|"),
        _ => "선언적 배포와 지속적 학습".into(),
    }
}

/// Write the synthetic class CSV: `students` x questions rows.
pub fn generate(path: &Path, questions: &[Question], students: usize) -> usize {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create csv"));
    writeln!(w, "student_id,question_id,answer").expect("write");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut rows = 0;
    for s in 0..students {
        for q in questions {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let a = answer(q, x).replace('"', "\"\"");
            writeln!(w, "st{s:05},{},\"{a}\"", q.id).expect("write");
            rows += 1;
        }
    }
    w.flush().expect("flush");
    rows
}

/// The benchmarks' 100 questions and the bank folder that holds them: spread
/// over the shipped bank's served questions (every kind it has). When the bank
/// serves fewer than 100, copies with new ids fill the rest, written with the
/// originals into `dir/questions`, so the workload (100 questions, the same
/// share per week) does not shrink with the bank after instructors hide or
/// extraction drops questions.
pub fn bench_bank(root: &Path, dir: &Path) -> (std::path::PathBuf, Vec<Question>) {
    let (bank, _) =
        quiz::bank::Bank::load(&root.join("questions"), &root.join("rubrics")).expect("bank");
    let served: Vec<Question> = bank
        .questions()
        .map(|(_, q)| q.clone())
        .filter(|q| !q.is_hidden())
        .collect();
    assert!(!served.is_empty(), "the shipped bank serves no question");
    if served.len() >= 100 {
        let step = served.len() / 100;
        let questions = (0..100).map(|i| served[i * step].clone()).collect();
        return (root.join("questions"), questions);
    }
    let mut ids: std::collections::HashSet<String> = served.iter().map(|q| q.id.clone()).collect();
    let mut questions = served.clone();
    let mut round: u64 = 1;
    while questions.len() < 100 {
        for q in &served {
            if questions.len() >= 100 {
                break;
            }
            let unit = q.id.rsplit_once('-').map_or(q.id.as_str(), |(u, _)| u);
            let mut h = quiz::extract::fnv1a(format!("{}#{round}", q.id).as_bytes());
            let mut id = format!("{unit}-{:06x}", h & 0xff_ffff);
            while ids.contains(&id) {
                h = h.wrapping_add(1);
                id = format!("{unit}-{:06x}", h & 0xff_ffff);
            }
            ids.insert(id.clone());
            let mut c = q.clone();
            c.id = id;
            c.source = None;
            questions.push(c);
        }
        round += 1;
    }
    // One file per unit, as the bank keeps them.
    let out = dir.join("questions");
    std::fs::create_dir_all(&out).expect("mkdir");
    let mut by_unit: std::collections::BTreeMap<String, Vec<Question>> = Default::default();
    for q in &questions {
        let unit = q.id.rsplit_once('-').map_or(q.id.as_str(), |(u, _)| u);
        by_unit.entry(unit.to_string()).or_default().push(q.clone());
    }
    for (unit, qs) in by_unit {
        let f = quiz::model::QuestionFile {
            unit: unit.clone(),
            title: unit.clone(),
            source: None,
            questions: qs,
        };
        std::fs::write(
            out.join(format!("{unit}.yaml")),
            quiz::yaml::to_string(&f, &[]).expect("yaml"),
        )
        .expect("write");
    }
    (out, questions)
}
