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
