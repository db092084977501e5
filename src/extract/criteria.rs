//! Assigning weekly criteria to questions.
//!
//! A question assesses the criteria whose keywords (from name and description)
//! occur most in its prompt, answer and options; names count double. When no
//! criterion shares a keyword, the most similar one (character bigrams) is
//! assigned and the question is tagged `criterion-closest` for review.

use crate::model::{Question, Rubric};
use crate::text::{bigrams, dice_from_counts, keywords, normalize};
use std::collections::BTreeMap;

/// Tag for questions whose criterion was guessed by similarity.
pub const CLOSEST_TAG: &str = "criterion-closest";

/// How a week's rubric begins its `criteria_origin` when its curriculum lists
/// no criteria and extract made one per day.
pub const PER_DAY: &str = "one criterion per day";

/// What a question teaches (its answer), for matching: the answer text and, for
/// match and order questions, every item. Distractors are left out: they belong
/// to other topics.
pub fn answer_text(q: &Question) -> String {
    let mut answer = q.answer_text();
    if matches!(
        q.kind,
        crate::model::Kind::Match | crate::model::Kind::Order
    ) {
        for c in q.items.iter().chain(&q.left).chain(&q.right) {
            answer.push(' ');
            answer.push_str(&c.text);
        }
    }
    answer
}

/// A rubric's criteria with their keywords computed once, and one automaton
/// that finds every keyword of every criterion in a text in a single pass.
pub struct CriteriaIndex {
    ids: Vec<String>,
    /// Per criterion: (pattern index, weight) with names 2 and descriptions 1.
    weights: Vec<Vec<(usize, usize)>>,
    /// Number of distinct bigrams of each criterion (name and description).
    bigram_counts: Vec<usize>,
    /// Every criterion's bigrams in one sorted list, each with the criteria that
    /// have it, so that one merge pass scores a text against all of them.
    bigram_owners: Vec<(u64, Vec<usize>)>,
    patterns: usize,
    automaton: Option<aho_corasick::AhoCorasick>,
    /// Day -> criterion id, when the week's criteria are one per day (its
    /// curriculum lists none): a question then assesses its own day's.
    by_day: BTreeMap<u32, String>,
}

impl CriteriaIndex {
    /// Index the criteria of `rubric`.
    pub fn new(rubric: &Rubric) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut index_of = |k: String| -> usize {
            if let Some(i) = patterns.iter().position(|p| *p == k) {
                i
            } else {
                patterns.push(k);
                patterns.len() - 1
            }
        };
        let mut weights = Vec::new();
        for c in &rubric.criteria {
            let mut w: Vec<(usize, usize)> = keywords(&c.name)
                .into_iter()
                .map(|k| (index_of(k), 2))
                .collect();
            w.extend(
                keywords(&c.description)
                    .into_iter()
                    .map(|k| (index_of(k), 1)),
            );
            weights.push(w);
        }
        let per_criterion: Vec<Vec<u64>> = rubric
            .criteria
            .iter()
            .map(|c| bigrams(&format!("{} {}", c.name, c.description)))
            .collect();
        let mut owners: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
        for (i, b) in per_criterion.iter().enumerate() {
            for g in b {
                owners.entry(*g).or_default().push(i);
            }
        }
        let by_day = if rubric.criteria_origin.starts_with(PER_DAY) {
            rubric
                .criteria
                .iter()
                .filter_map(|c| {
                    let day = c.name.strip_prefix("Day ")?.trim().parse::<u32>().ok()?;
                    Some((day, c.id.clone()))
                })
                .collect()
        } else {
            BTreeMap::new()
        };
        CriteriaIndex {
            by_day,
            ids: rubric.criteria.iter().map(|c| c.id.clone()).collect(),
            weights,
            bigram_counts: per_criterion.iter().map(Vec::len).collect(),
            bigram_owners: owners.into_iter().collect(),
            patterns: patterns.len(),
            // A full DFA: a few kilobytes for a week's keywords, and the fastest to search.
            automaton: aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .ok(),
        }
    }

    /// Mark in `found` (one byte per pattern) the patterns occurring in `text` with `mark`,
    /// keeping a larger mark already there.
    fn mark(&self, text: &str, found: &mut [u8], mark: u8) {
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let f = &mut found[m.pattern().as_usize()];
                *f = (*f).max(mark);
            }
        }
    }

    /// Ids of the best-matching criteria for a text whose key part is `answer`,
    /// and whether the match was only by similarity. A criterion keyword found in
    /// the answer counts 3, in the context 1; name keywords count double.
    pub fn best(&self, context: &str, answer: &str) -> (Vec<String>, bool) {
        self.best_prepared(context, &normalize(context), answer, &normalize(answer))
    }

    /// [`best`](Self::best) with context and answer already normalized.
    pub fn best_prepared(
        &self,
        context: &str,
        context_norm: &str,
        answer: &str,
        answer_norm: &str,
    ) -> (Vec<String>, bool) {
        if self.ids.is_empty() {
            return (Vec::new(), false);
        }
        let mut found = vec![0u8; self.patterns];
        self.mark(answer_norm, &mut found, 3);
        self.mark(context_norm, &mut found, 1);
        let mut max = 0;
        let mut best: Vec<String> = Vec::new();
        for (id, w) in self.ids.iter().zip(&self.weights) {
            let score: usize = w
                .iter()
                .map(|&(p, weight)| weight * usize::from(found[p]))
                .sum();
            if score > max {
                max = score;
                best.clear();
            }
            if score == max && score > 0 {
                best.push(id.clone());
            }
        }
        if max > 0 {
            return (best, false);
        }
        if self.ids.len() == 1 {
            return (self.ids.clone(), true);
        }
        let text = bigrams(&format!("{context} {answer}"));
        let common = self.common_bigrams(&text);
        let mut best_i = 0;
        let mut best_s = -1.0;
        for (i, (&c, &n)) in common.iter().zip(&self.bigram_counts).enumerate() {
            let s = dice_from_counts(c, text.len(), n);
            if s > best_s {
                best_s = s;
                best_i = i;
            }
        }
        (vec![self.ids[best_i].clone()], true)
    }

    /// For each criterion, how many of the (sorted, unique) `text` bigrams it has.
    fn common_bigrams(&self, text: &[u64]) -> Vec<usize> {
        let mut common = vec![0; self.ids.len()];
        let (mut i, mut j) = (0, 0);
        let owners = &self.bigram_owners;
        while i < text.len() && j < owners.len() {
            match text[i].cmp(&owners[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    for &c in &owners[j].1 {
                        common[c] += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        common
    }

    /// The criterion of `day` when the week's criteria are one per day.
    pub fn of_day(&self, day: Option<u32>) -> Option<&str> {
        self.by_day.get(&day?).map(String::as_str)
    }

    /// Set `q.criteria` (and the closest tag), given the normalized prompt and
    /// the question's [`answer_text`] with its normalized form.
    pub fn assign_prepared(
        &self,
        q: &mut Question,
        prompt_norm: &str,
        answer: &str,
        answer_norm: &str,
    ) {
        let (ids, closest) = self.best_prepared(&q.prompt, prompt_norm, answer, answer_norm);
        q.criteria = ids;
        q.tags.retain(|t| t != CLOSEST_TAG);
        if closest {
            q.tags.push(CLOSEST_TAG.to_string());
        }
    }
}
