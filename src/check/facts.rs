//! Warnings about what questions say, on any bank (hand-edited questions
//! included): a category label offered as an option, a distractor that is
//! right under the prompt, two questions of one fact, and the problems of
//! [`crate::extract::hygiene`] (near-duplicate options, a match pair sharing a
//! word, a prompt that points at its answer, the order of a schedule).
//!
//! Outline structure comes from the Markdown a question cites (`source.file`,
//! read relative to the current folder, as `quiz extract` wrote it); a question
//! whose source cannot be read is checked for repeated facts only. Nothing here
//! is an error: a warning asks an instructor to look, `servable` is not affected.

use super::Place;
use crate::bank::Bank;
use crate::error::Diagnostic;
use crate::extract::markdown::{self, BlockKind};
use crate::extract::outline::{Node, parse_tree, path};
use crate::model::{Answer, Kind, Question};
use crate::text::{near_equal_normalized, normalize};
use crate::yaml::Locator;
use std::collections::{BTreeMap, HashMap};

/// The outline trees of one document, and the terms it defines or teaches
/// ("**term**: ..." lines, bold terms of its goals): a category whose label is
/// also such a term is a concept too, and may be an option.
struct Outlines {
    trees: Vec<Vec<Node>>,
    terms: std::collections::HashSet<String>,
}

impl Outlines {
    fn read(file: &str) -> Option<Outlines> {
        let text = std::fs::read_to_string(file).ok()?;
        let doc = markdown::parse(&text);
        let trees = doc
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Code { first_line, .. } => {
                    let nodes = parse_tree(&b.text, *first_line);
                    (!nodes.is_empty()).then_some(nodes)
                }
                _ => None,
            })
            .collect();
        let goals = doc.sections_with(&["학습 목표"]);
        let mut terms = std::collections::HashSet::new();
        for b in &doc.blocks {
            if let Some((t, _)) = crate::extract::definition(b) {
                terms.insert(normalize(&t));
            }
            if goals.contains(b.section) {
                terms.extend(
                    crate::extract::goals::terms_of(b)
                        .iter()
                        .map(|t| normalize(t)),
                );
            }
        }
        Some(Outlines { trees, terms })
    }

    /// The normalized texts of everything inside the sections a prompt naming
    /// `label` ("Level 1: 기본 운영 > 특징") covers: the subtree of the labelled
    /// group's outermost ancestor (under a caption, its branch), as extraction
    /// reads it.
    fn region(&self, label: &str) -> Option<Vec<&str>> {
        for nodes in &self.trees {
            let Some(g) = (0..nodes.len())
                .find(|&i| !nodes[i].children.is_empty() && path(nodes, i) == label)
            else {
                continue;
            };
            let top = crate::extract::outline::region_top(
                nodes,
                crate::extract::outline::caption(nodes),
                g,
            );
            let mut out = vec![top];
            let mut k = 0;
            while k < out.len() {
                out.extend(nodes[out[k]].children.iter().copied());
                k += 1;
            }
            return Some(out.into_iter().map(|i| nodes[i].norm.as_str()).collect());
        }
        None
    }
}

/// The texts a student is offered or asked to produce: options, match sides,
/// accepted typed answers.
fn offered(q: &Question) -> Vec<(&'static str, &str)> {
    let mut out: Vec<(&'static str, &str)> = Vec::new();
    out.extend(q.options.iter().map(|o| ("options", o.text.as_str())));
    out.extend(q.left.iter().map(|o| ("left", o.text.as_str())));
    out.extend(q.right.iter().map(|o| ("right", o.text.as_str())));
    if let (Kind::Short | Kind::Cloze, Some(Answer::Many(acc))) = (&q.kind, &q.answer) {
        out.extend(acc.iter().map(|a| ("answer", a.as_str())));
    }
    out
}

/// The group label of an outline prompt and whether it asks for the member
/// (`true`: 「G」에 속하는 것) or the odd one out (`false`: 속하지 않는 것).
fn outline_prompt(prompt: &str) -> Option<(&str, bool)> {
    let (_, rest) = prompt.split_once('「')?;
    let (label, after) = rest.split_once('」')?;
    if after.starts_with("에 속하는 것") {
        Some((label, true))
    } else if after.starts_with("에 속하지 않는 것") {
        Some((label, false))
    } else {
        None
    }
}

/// Warn about category labels as options, distractors right under the prompt,
/// and two questions of one fact (same source line, same answer).
pub fn check_facts(bank: &Bank, diags: &mut Vec<Diagnostic>) {
    let mut outlines: BTreeMap<&str, Option<Outlines>> = BTreeMap::new();
    for (_, q) in bank.questions() {
        if let Some(s) = &q.source {
            outlines
                .entry(s.file.as_str())
                .or_insert_with(|| Outlines::read(&s.file));
        }
    }
    // The categories (outline nodes with children) of each cited document, and
    // of all of them for hand-written questions.
    let mut by_file: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    let mut all: HashMap<&str, (&str, usize)> = HashMap::new();
    for (file, o) in &outlines {
        for nodes in o.iter().flat_map(|o| &o.trees) {
            let terms = o.as_ref().map(|o| &o.terms);
            for n in nodes
                .iter()
                .filter(|n| !n.children.is_empty())
                .filter(|n| !terms.is_some_and(|t| t.contains(&n.norm)))
            {
                by_file
                    .entry(file)
                    .or_default()
                    .entry(n.norm.as_str())
                    .or_insert(n.line);
                all.entry(n.norm.as_str()).or_insert((file, n.line));
            }
        }
    }
    let category = |q: &Question, norm: &str| -> Option<(String, usize)> {
        match &q.source {
            Some(s) => by_file
                .get(s.file.as_str())
                .and_then(|m| m.get(norm))
                .map(|l| (s.file.clone(), *l)),
            None => all.get(norm).map(|(f, l)| ((*f).to_string(), *l)),
        }
    };
    let mut facts: HashMap<(String, usize, String), String> = HashMap::new();
    for f in &bank.files {
        let loc = Locator::new(&f.text);
        // Two questions of one unit where one gives the other away.
        let qs: Vec<&Question> = f.file.questions.iter().filter(|q| !q.is_hidden()).collect();
        for (i, p) in crate::extract::hygiene::unit_problems(&qs) {
            let q = qs[i];
            let (line, col) = loc.item(&q.id).unwrap_or((0, 0));
            let here = Place {
                f,
                loc: &loc,
                line,
                col,
            };
            here.warning(
                diags,
                Some("answer"),
                format!("문항 `{}`: {}", q.id, p.describe()),
            );
        }
        // A hidden question is never on a form: nothing to warn about.
        for q in f.file.questions.iter().filter(|q| !q.is_hidden()) {
            let (line, col) = loc.item(&q.id).unwrap_or((0, 0));
            let here = Place {
                f,
                loc: &loc,
                line,
                col,
            };
            // Near-duplicate options, match pairs sharing a word, a prompt whose
            // words point at the answer, the order of a schedule.
            for p in crate::extract::hygiene::problems(q) {
                let key = match p {
                    crate::extract::hygiene::Problem::PairSharesWord(..) => Some("left"),
                    crate::extract::hygiene::Problem::ScheduleOrder
                    | crate::extract::hygiene::Problem::ShortOrder => Some("items"),
                    _ => Some("options"),
                };
                here.warning(diags, key, format!("문항 `{}`: {}", q.id, p.describe()));
            }
            // The kinds of question whose options are categories: which
            // parallel branch holds an item, or has a value for an aspect
            // (review P of 2026-11-30: check warned about Java / Node.js /
            // Python as the options of an `outline-aspect` question).
            let asks_for_branch = q
                .tags
                .iter()
                .any(|t| t == "outline-which" || t == "outline-aspect");
            if !asks_for_branch {
                for (key, text) in offered(q) {
                    if let Some((file, l)) = category(q, &normalize(text)) {
                        here.warning(
                            diags,
                            Some(key),
                            format!(
                                "문항 `{}`: `{text}`은(는) 분류의 이름({file}:{l})이지 그 항목이 아닙니다; 그 항목을 보기로 내세요",
                                q.id
                            ),
                        );
                    }
                }
            }
            let region = match (&q.source, outline_prompt(&q.prompt)) {
                (Some(s), Some((label, member))) => outlines
                    .get(s.file.as_str())
                    .and_then(Option::as_ref)
                    .and_then(|o| o.region(label))
                    .map(|r| (label, member, r)),
                _ => None,
            };
            if let (Some((label, member, region)), Kind::Choice, Some(Answer::One(right))) =
                (region, &q.kind, &q.answer)
            {
                for o in &q.options {
                    // 속하는 것: a wrong option inside the named sections is right too;
                    // 속하지 않는 것: the key must lie outside them.
                    if (&o.id == right) == member {
                        continue;
                    }
                    let n = normalize(&o.text);
                    if region.iter().any(|r| near_equal_normalized(r, &n)) {
                        let what = if member { "오답 보기" } else { "정답" };
                        here.warning(
                            diags,
                            Some("options"),
                            format!(
                                "문항 `{}`: {what} `{}`이(가) 「{label}」 또는 그 둘레 절 안에 있습니다; 문제대로라면 맞는 답입니다",
                                q.id, o.text
                            ),
                        );
                    }
                }
            }
            if let Some(s) = &q.source {
                let answer = normalize(&q.answer_text());
                if !answer.is_empty() {
                    let key = (s.file.clone(), s.line, answer);
                    match facts.get(&key) {
                        Some(first) => here.warning(
                            diags,
                            None,
                            format!(
                                "문항 `{first}`와(과) `{}`이(가) 같은 사실을 묻습니다 ({}:{}, 정답 `{}`): 한 시험지에 함께 나오면 하나가 다른 하나의 답을 알려 줍니다",
                                q.id,
                                s.file,
                                s.line,
                                q.answer_text()
                            ),
                        ),
                        None => {
                            facts.insert(key, q.id.clone());
                        }
                    }
                }
            }
        }
    }
}
