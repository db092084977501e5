//! Form assembly: bank + seed -> form.
//!
//! Randomness is a value: a seed in, the same form out on every machine and after
//! every dependency update. The stream is ChaCha8 (rand_chacha; its output for a
//! seed is fixed by the algorithm), and everything drawn from it — bounded
//! integers (rejection sampling) and shuffles (Fisher–Yates) — is written here,
//! so no library's sampling algorithm can change a form. A seed is drawn from
//! the operating system's random source for each attempt and recorded with it
//! (or given with `--seed`): never computed from names, since the shuffle is
//! public and the bank lists an order question's items in their right order.

use crate::extract::hygiene::{give_aways, option_set};
use crate::model::{Form, FormItem, Kind, Question};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The form's random stream.
pub struct Draw {
    rng: ChaCha8Rng,
}

impl Draw {
    /// A stream from a 64-bit seed (expanded with SHA-256, domain-separated).
    pub fn new(seed: u64) -> Self {
        let mut h = Sha256::new();
        h.update(b"quiz-form-v1");
        h.update(seed.to_le_bytes());
        Draw {
            rng: ChaCha8Rng::from_seed(h.finalize().into()),
        }
    }

    /// Uniform in `0..n` (n > 0), by rejection sampling on 32-bit words.
    pub fn below(&mut self, n: usize) -> usize {
        let n = u32::try_from(n.max(1)).unwrap_or(u32::MAX);
        let zone = (u32::MAX / n) * n;
        loop {
            let x = self.rng.next_u32();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Shuffle again every display order of `form` (options, order items, match
/// columns) from `seed` (ChaCha8, as every draw): for a form whose own seed is
/// shown to the student.
pub fn reshuffle(form: &mut crate::model::Form, seed: u64) {
    let mut d = Draw::new(seed);
    for it in &mut form.items {
        d.shuffle(&mut it.options);
        d.shuffle(&mut it.items);
        d.shuffle(&mut it.left);
        d.shuffle(&mut it.right);
    }
}

/// A fresh seed from the operating system's random source (every attempt's
/// and released form's: recorded in the gradebook, never derived from names).
pub fn random_seed() -> u64 {
    let hex = crate::model::form::random_hex(8);
    u64::from_str_radix(&hex, 16).unwrap_or(0)
}

/// What a form is drawn from.
pub struct Request<'a> {
    /// Candidate questions (the unit's), in bank order.
    pub questions: &'a [&'a Question],
    /// Ids due for review (Leitner), taken first, up to a third of the form.
    pub review: &'a [String],
    /// Number of questions.
    pub count: usize,
    /// The seed.
    pub seed: u64,
}

/// Where a question came from, for spreading a form across sources.
fn group_key(q: &Question) -> String {
    match &q.source {
        Some(s) => format!("{}\u{1f}{}", s.file, s.heading),
        None => "hand-written".to_string(),
    }
}

/// The source line a generated question was made from (its fact).
fn fact(q: &Question) -> Option<String> {
    q.source
        .as_ref()
        .map(|s| format!("{}\u{1f}{}", s.file, s.line))
}

/// Essays on a form while other questions remain.
pub const MAX_ESSAYS: usize = 3;

/// Draw a form: review questions first (up to a third), then round-robin over
/// the sections the questions come from, so no one outline fills the form,
/// at most one question per source line and [`MAX_ESSAYS`] essays while other
/// questions remain, never two offering the same options nor a typed term
/// beside a question that shows it ([`give_aways`]); then
/// shuffle the order and every question's options, items and columns.
pub fn assemble(
    req: &Request<'_>,
    form_id: String,
    unit: &str,
    student: &str,
    bank_version: &str,
) -> Form {
    let mut draw = Draw::new(req.seed);
    let count = req.count.min(req.questions.len());
    let by_id: BTreeMap<&str, &Question> =
        req.questions.iter().map(|q| (q.id.as_str(), *q)).collect();

    let mut chosen: Vec<(&Question, bool)> = Vec::with_capacity(count);
    let mut taken: HashSet<&str> = HashSet::new();
    // A typed term and a question that shows it are never on one form, even
    // when the form comes out shorter.
    let mut apart: HashMap<&str, Vec<&str>> = HashMap::new();
    for (i, j) in give_aways(req.questions) {
        let (a, b) = (req.questions[i].id.as_str(), req.questions[j].id.as_str());
        apart.entry(a).or_default().push(b);
        apart.entry(b).or_default().push(a);
    }
    let shown = |q: &Question, chosen: &[(&Question, bool)]| {
        apart
            .get(q.id.as_str())
            .is_some_and(|others| chosen.iter().any(|(c, _)| others.contains(&c.id.as_str())))
    };
    let mut review: Vec<&Question> = req
        .review
        .iter()
        .filter_map(|id| by_id.get(id.as_str()).copied())
        .collect();
    draw.shuffle(&mut review);
    // Review questions too: never two offering the same options (review M of
    // 2026-11-30: two due questions of one tree shared a practice form).
    let mut review_sets: HashSet<String> = HashSet::new();
    for q in review.into_iter().take(count / 3) {
        let set = option_set(q);
        if set.as_ref().is_some_and(|o| review_sets.contains(o)) || shown(q, &chosen) {
            continue;
        }
        if taken.insert(q.id.as_str()) {
            review_sets.extend(set);
            chosen.push((q, true));
        }
    }

    let mut pool: Vec<&Question> = req
        .questions
        .iter()
        .copied()
        .filter(|q| !taken.contains(q.id.as_str()))
        .collect();
    draw.shuffle(&mut pool);
    // Buckets by source section, in order of first appearance in the shuffled pool.
    let mut order: Vec<String> = Vec::new();
    let mut buckets: BTreeMap<String, Vec<&Question>> = BTreeMap::new();
    for q in pool {
        let k = group_key(q);
        if !buckets.contains_key(&k) {
            order.push(k.clone());
        }
        buckets.entry(k).or_default().push(q);
    }
    // At most one question per source line (one fact) on a form, as long as the
    // unit has enough lines: a second question of a line waits until every
    // other line has had its turn.
    let mut lines: HashSet<String> = chosen.iter().filter_map(|(q, _)| fact(q)).collect();
    let mut sets: HashSet<String> = chosen.iter().filter_map(|(q, _)| option_set(q)).collect();
    let mut deferred: Vec<&Question> = Vec::new();
    let mut cursors = vec![0usize; order.len()];
    while chosen.len() < count {
        let mut progressed = false;
        for (i, k) in order.iter().enumerate() {
            if chosen.len() == count {
                break;
            }
            if let Some(q) = buckets.get(k).and_then(|b| b.get(cursors[i])) {
                cursors[i] += 1;
                progressed = true;
                let set = option_set(q);
                if set.as_ref().is_some_and(|o| sets.contains(o)) || shown(q, &chosen) {
                    continue;
                }
                let essays = chosen.iter().filter(|(c, _)| c.kind == Kind::Essay).count();
                match fact(q) {
                    Some(f) if lines.contains(&f) => deferred.push(q),
                    // Written answers wait once a form holds three: a daily
                    // quiz of essays is an afternoon of typing for the
                    // student and of scoring for the instructor (since the
                    // twelfth round most generated questions are essays).
                    _ if q.kind == Kind::Essay && essays >= MAX_ESSAYS => deferred.push(q),
                    f => {
                        lines.extend(f);
                        sets.extend(set);
                        chosen.push((q, false));
                    }
                }
            }
        }
        if !progressed {
            break;
        }
    }
    for q in deferred {
        if chosen.len() == count {
            break;
        }
        let set = option_set(q);
        if set.as_ref().is_some_and(|o| sets.contains(o)) || shown(q, &chosen) {
            continue;
        }
        sets.extend(set);
        chosen.push((q, false));
    }
    draw.shuffle(&mut chosen);

    let items = chosen
        .into_iter()
        .map(|(q, review)| {
            let mut ids = |list: &[crate::model::Choice]| {
                let mut v: Vec<String> = list.iter().map(|c| c.id.clone()).collect();
                draw.shuffle(&mut v);
                v
            };
            let mut item = FormItem {
                question: q.id.clone(),
                options: ids(&q.options),
                items: ids(&q.items),
                left: ids(&q.left),
                right: ids(&q.right),
                review,
                tokens: BTreeMap::new(),
            };
            // An order question must not be shown already solved.
            if q.kind == Kind::Order && item.items.len() > 1 {
                let key: Vec<String> = q.items.iter().map(|c| c.id.clone()).collect();
                if item.items == key {
                    item.items.rotate_left(1);
                }
            }
            item
        })
        .collect();
    Form {
        form_id,
        unit: unit.to_string(),
        student: student.to_string(),
        seed: req.seed,
        bank_version: bank_version.to_string(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The form `assemble` draws for these questions.
    fn draw(questions: &[&Question], review: &[String], count: usize, seed: u64) -> Form {
        let req = Request {
            questions,
            review,
            count,
            seed,
        };
        assemble(&req, "f".into(), "w1", "s", "v")
    }

    #[test]
    fn a_form_holds_one_question_per_source_line_while_lines_remain() {
        // Six lines, two questions each (a cloze and its choice, two blanks of one
        // goal line): a form of six never holds two of one line, whatever the seed.
        let qs: Vec<Question> = (0..12)
            .map(|i| {
                let mut q = Question::new(format!("w1-{i:06}"), Kind::Choice, "p");
                q.source = Some(crate::model::SourceRef {
                    file: "curriculum/week_01/README.md".into(),
                    line: 10 + i / 2,
                    heading: if i < 6 { "a" } else { "b" }.into(),
                });
                q
            })
            .collect();
        let refs: Vec<&Question> = qs.iter().collect();
        for seed in 0..200 {
            for count in [3, 6] {
                let form = draw(&refs, &[], count, seed);
                let lines: HashSet<usize> = form
                    .items
                    .iter()
                    .filter_map(|it| qs.iter().find(|q| q.id == it.question))
                    .filter_map(|q| q.source.as_ref().map(|s| s.line))
                    .collect();
                assert_eq!(lines.len(), count, "seed {seed}");
            }
            // More questions than lines: every line, then the rest.
            assert_eq!(draw(&refs, &[], 8, seed).items.len(), 8);
        }
    }

    #[test]
    fn a_form_holds_three_essays_while_other_questions_remain() {
        // Seven essays and four choices, each from its own line.
        let qs: Vec<Question> = (0..11)
            .map(|i| {
                let kind = if i < 7 { Kind::Essay } else { Kind::Choice };
                let mut q = Question::new(format!("w1-{i:06}"), kind, "p");
                q.source = Some(crate::model::SourceRef {
                    file: "curriculum/week_01/README.md".into(),
                    line: 10 + i,
                    heading: format!("h{}", i % 3),
                });
                q
            })
            .collect();
        let refs: Vec<&Question> = qs.iter().collect();
        let essays = |form: &Form| {
            form.items
                .iter()
                .filter(|it| it.question.as_str() < "w1-000007")
                .count()
        };
        for seed in 0..200 {
            // Seven: three essays and the four choices.
            assert_eq!(
                essays(&draw(&refs, &[], 7, seed)),
                MAX_ESSAYS,
                "seed {seed}"
            );
            assert!(
                essays(&draw(&refs, &[], 5, seed)) <= MAX_ESSAYS,
                "seed {seed}"
            );
            // More than the others: essays fill the form.
            let all = draw(&refs, &[], 10, seed);
            assert_eq!(all.items.len(), 10);
            assert_eq!(essays(&all), 6);
        }
    }

    #[test]
    fn a_form_holds_one_question_per_option_set_while_others_remain() {
        // Two trees, two questions each offering that tree's branches ("which
        // autoscaler has this 위치", "... this 방식"), each from its own line:
        // a form holds one of each tree, whatever the seed and the count.
        let qs: Vec<Question> = (0..4)
            .map(|i| {
                let mut q = Question::new(format!("w1-{i:06}"), Kind::Choice, "p");
                q.source = Some(crate::model::SourceRef {
                    file: "curriculum/week_01/README.md".into(),
                    line: 10 + i,
                    heading: "a".into(),
                });
                let names = if i < 2 {
                    ["HPA", "KEDA", "VPA"]
                } else {
                    ["no", "always", "on-failure"]
                };
                q.options = names
                    .iter()
                    .zip(crate::extract::OPTION_IDS)
                    .map(|(t, id)| crate::model::Choice::new(id, *t))
                    .collect();
                q
            })
            .collect();
        let refs: Vec<&Question> = qs.iter().collect();
        for seed in 0..200 {
            // Even a form asking for all four holds one of each tree: two
            // questions only, not a give-away pair.
            for count in [2, 4] {
                let form = draw(&refs, &[], count, seed);
                assert_eq!(form.items.len(), 2, "seed {seed}");
                let trees: HashSet<bool> = form
                    .items
                    .iter()
                    .map(|it| it.question.as_str() < "w1-000002")
                    .collect();
                assert_eq!(trees.len(), 2, "seed {seed}");
            }
            // Both questions of one tree due for review: one goes on the form.
            let review = ["w1-000000".to_string(), "w1-000001".to_string()];
            let form = draw(&refs, &review, 6, seed);
            let first_tree = form
                .items
                .iter()
                .filter(|it| it.question.as_str() < "w1-000002")
                .count();
            assert_eq!(first_tree, 1, "seed {seed}");
        }
    }

    #[test]
    fn a_typed_term_and_a_question_showing_it_never_share_a_form() {
        // "State" typed from the glossary; a comparison that writes "State",
        // a choice offering it and a prompt spelling it in Hangul (스테이트);
        // two questions that show nothing of it.
        let mut typed = Question::new(
            "w1-000000",
            Kind::Short,
            "다음 설명에 해당하는 용어를 쓰시오: 리소스와 실제 객체 ID의 매핑 기록",
        );
        typed.answer = Some(crate::model::Answer::Many(vec![
            "State".into(),
            "상태".into(),
        ]));
        let compare = Question::new(
            "w1-000001",
            Kind::Essay,
            "로컬 State와 원격 State를 비교하시오.",
        );
        let mut offered = Question::new("w1-000002", Kind::Choice, "잠금을 제공하는 곳은?");
        offered.options = ["State", "Backend", "Provider"]
            .iter()
            .zip(crate::extract::OPTION_IDS)
            .map(|(t, id)| crate::model::Choice::new(id, *t))
            .collect();
        let spelled = Question::new(
            "w1-000003",
            Kind::Essay,
            "스테이트 파일을 잠그는 이유를 설명하시오.",
        );
        let plain1 = Question::new("w1-000004", Kind::Essay, "드리프트 대응 절차를 설명하시오.");
        let plain2 = Question::new(
            "w1-000005",
            Kind::Essay,
            "모듈 버전 고정의 이유를 설명하시오.",
        );
        let qs = [typed, compare, offered, spelled, plain1, plain2];
        let refs: Vec<&Question> = qs.iter().collect();
        let pairs = give_aways(&refs);
        assert_eq!(pairs, vec![(0, 1), (0, 2), (0, 3)]);
        let mut with_typed = 0;
        for seed in 0..300 {
            for count in [2, 3, 6] {
                let form = draw(&refs, &[], count, seed);
                let ids: Vec<&str> = form.items.iter().map(|it| it.question.as_str()).collect();
                if ids.contains(&"w1-000000") {
                    with_typed += 1;
                    assert!(
                        !ids.iter()
                            .any(|id| ["w1-000001", "w1-000002", "w1-000003"].contains(id)),
                        "seed {seed}: {ids:?}"
                    );
                }
            }
            // Due for review together: one of them goes on the form.
            let review = ["w1-000000".to_string(), "w1-000001".to_string()];
            let form = draw(&refs, &review, 6, seed);
            let ids: Vec<&str> = form.items.iter().map(|it| it.question.as_str()).collect();
            assert!(
                !(ids.contains(&"w1-000000") && ids.contains(&"w1-000001")),
                "seed {seed}: {ids:?}"
            );
        }
        // The typed question is still drawn: kept apart, not dropped.
        assert!(with_typed > 100, "{with_typed}");
    }

    #[test]
    fn the_stream_is_fixed() {
        // If this changes, every form ever given changes: never update it casually.
        let mut d = Draw::new(42);
        let xs: Vec<usize> = (0..8).map(|_| d.below(100)).collect();
        assert_eq!(xs, vec![41, 79, 41, 22, 17, 91, 66, 99]);
        let mut v: Vec<u32> = (0..10).collect();
        Draw::new(7).shuffle(&mut v);
        assert_eq!(v, vec![5, 6, 8, 7, 9, 2, 3, 0, 4, 1]);
    }
}
