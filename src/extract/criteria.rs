//! Assigning weekly criteria to questions.
//!
//! A question assesses the criteria whose keywords (from name and description)
//! occur most in its prompt, answer and options; names count double. When no
//! criterion shares a keyword, the most similar one (character bigrams) is
//! assigned and the question is tagged `criterion-closest` for review.

use crate::model::{Question, Rubric};
use crate::text::{bigrams, dice, keywords, normalize};

/// Tag for questions whose criterion was guessed by similarity.
pub const CLOSEST_TAG: &str = "criterion-closest";

/// What a question asks (prompt) and what it teaches (its answer), for matching.
/// Distractors are left out: they belong to other topics.
pub fn question_text(q: &Question) -> (String, String) {
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
    (q.prompt.clone(), answer)
}

/// A rubric's criteria with their keywords computed once, and one automaton
/// that finds every keyword of every criterion in a text in a single pass.
pub struct CriteriaIndex {
    ids: Vec<String>,
    /// Per criterion: (pattern index, weight) with names 2 and descriptions 1.
    weights: Vec<Vec<(usize, usize)>>,
    bigrams: Vec<Vec<(char, char)>>,
    patterns: usize,
    automaton: Option<aho_corasick::AhoCorasick>,
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
        CriteriaIndex {
            ids: rubric.criteria.iter().map(|c| c.id.clone()).collect(),
            weights,
            bigrams: rubric
                .criteria
                .iter()
                .map(|c| bigrams(&format!("{} {}", c.name, c.description)))
                .collect(),
            patterns: patterns.len(),
            automaton: aho_corasick::AhoCorasick::new(&patterns).ok(),
        }
    }

    fn present(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.patterns];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                found[m.pattern().as_usize()] = true;
            }
        }
        found
    }

    /// Ids of the best-matching criteria for a text whose key part is `answer`,
    /// and whether the match was only by similarity. A criterion keyword found in
    /// the answer counts 3, in the context 1; name keywords count double.
    pub fn best(&self, context: &str, answer: &str) -> (Vec<String>, bool) {
        self.best_normalized(context, &normalize(context), answer)
    }

    /// [`best`](Self::best) with the context already normalized.
    pub fn best_normalized(
        &self,
        context: &str,
        context_norm: &str,
        answer: &str,
    ) -> (Vec<String>, bool) {
        if self.ids.is_empty() {
            return (Vec::new(), false);
        }
        let in_ans = self.present(&normalize(answer));
        let in_ctx = self.present(context_norm);
        let scores: Vec<usize> = self
            .weights
            .iter()
            .map(|w| {
                w.iter()
                    .map(|&(p, weight)| {
                        weight
                            * if in_ans[p] {
                                3
                            } else if in_ctx[p] {
                                1
                            } else {
                                0
                            }
                    })
                    .sum()
            })
            .collect();
        let max = scores.iter().copied().max().unwrap_or(0);
        if max > 0 {
            let ids = self
                .ids
                .iter()
                .zip(&scores)
                .filter(|(_, s)| **s == max)
                .map(|(c, _)| c.clone())
                .collect();
            return (ids, false);
        }
        if self.ids.len() == 1 {
            return (self.ids.clone(), true);
        }
        let text = bigrams(&format!("{context} {answer}"));
        let mut best_i = 0;
        let mut best_s = -1.0;
        for (i, b) in self.bigrams.iter().enumerate() {
            let s = dice(&text, b);
            if s > best_s {
                best_s = s;
                best_i = i;
            }
        }
        (vec![self.ids[best_i].clone()], true)
    }

    /// Set `q.criteria` (and the closest tag); `prompt_norm` is the normalized prompt.
    pub fn assign(&self, q: &mut Question, prompt_norm: &str) {
        let (prompt, answer) = question_text(q);
        let (ids, closest) = self.best_normalized(&prompt, prompt_norm, &answer);
        q.criteria = ids;
        q.tags.retain(|t| t != CLOSEST_TAG);
        if closest {
            q.tags.push(CLOSEST_TAG.to_string());
        }
    }
}
