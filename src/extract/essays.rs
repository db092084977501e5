//! Essays with keyword rubrics:
//! - every checklist item (`- [ ]`, `- [x]`) -> a self-check essay;
//! - reflection questions (회고 질문) -> one essay each;
//! - discussion topics (토론 주제) -> an essay whose rubric is the bold terms of
//!   the discussion's guidelines, or the topic's own keywords.
//!
//! Rubric concepts are 1 point each (at most five); the question is worth their sum.
//! A concept is never a word of the prompt (copying the question would score full
//! marks): when every candidate is in the prompt, the essay has no keyword rubric,
//! is worth what the candidates would have been, and waits for the instructor
//! (its suggestion is 0).

use super::markdown::BlockKind;
use super::{Ctx, definition};
use crate::model::{Concept, Kind};
use crate::text::normalize;

const MAX_CONCEPTS: usize = 5;

fn concepts(words: impl IntoIterator<Item = String>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    for w in words {
        if out.len() == MAX_CONCEPTS {
            break;
        }
        if w.trim().is_empty() || out.iter().any(|c| normalize(&c.concept) == normalize(&w)) {
            continue;
        }
        out.push(Concept {
            concept: w,
            points: 1.0,
            accept: Vec::new(),
        });
    }
    out
}

/// Generate essay questions for the document in `ctx`.
pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let reflection = doc.sections_with(&["회고 질문", "토론 질문", "생각해 볼 질문"]);
    for b in &doc.blocks {
        let task = matches!(b.kind, BlockKind::Item { task: Some(_), .. });
        let text = b.text.trim();
        if text.is_empty() {
            continue;
        }
        let (generator, prompt, rubric) = if task {
            // A checklist item is scored by the instructor in the week rubric's
            // checklist (with levels); as an essay it had no usable rubric (every
            // candidate concept is a word of the prompt).
            ctx.dropped("자기 점검은 주간 체크리스트로 채점");
            continue;
        } else if matches!(b.kind, BlockKind::Item { .. }) && reflection.contains(b.section) {
            if is_personal(text) {
                ctx.dropped("개인 경험을 묻는 회고");
                continue;
            }
            // A rubric made from the descriptions of the terms the question
            // names says what they are, not what the question asks ("Secrets를
            // 안전하게 다루는 방법" -> 암호화된, 변수): no usable rubric.
            ctx.dropped("채점 기준 없음");
            continue;
        } else if matches!(b.kind, BlockKind::Item { .. } | BlockKind::Para)
            && doc
                .ancestors(b.section)
                .next()
                .is_some_and(|h| h.clean.contains("토론 주제"))
        {
            let topic = text
                .trim_matches(|c| c == '"' || c == '“' || c == '”')
                .to_string();
            // Only the discussion's own guidelines: the document's other
            // definitions are off topic (census of 2026-11-30: Secret-delivery
            // terms as the rubric of a cluster-admin question).
            let rubric = concepts(discussion_terms(ctx, b.section));
            if rubric.is_empty() {
                ctx.dropped("채점 기준 없음");
                continue;
            }
            ("discussion", topic, rubric)
        } else if let Some(topic) = bold_topic(b) {
            // "**토론 주제**: ..." as a paragraph, its guideline terms the bold
            // words of the list after "**토론 가이드라인**:" (issue 12, third round).
            let rubric = concepts(guideline_terms(ctx, b.section, b.line));
            if rubric.is_empty() {
                ctx.dropped("채점 기준 없음");
                continue;
            }
            let rubric = not_in_prompt(&topic, rubric, false, ctx, b.section);
            if rubric.is_empty() {
                ctx.dropped("채점 기준 없음");
                continue;
            }
            let points = rubric.iter().map(|c| c.points).sum();
            let mut q = ctx.question("discussion", text, Kind::Essay, topic, b.line, b.section);
            q.points = points;
            q.rubric = rubric;
            ctx.out.push(q);
            continue;
        } else {
            continue;
        };
        if rubric.is_empty() {
            continue;
        }
        let points = rubric.iter().map(|c| c.points).sum();
        let rubric = not_in_prompt(&prompt, rubric, generator == "discussion", ctx, b.section);
        if rubric.is_empty() {
            ctx.dropped("채점 기준 없음");
            continue;
        }
        let mut q = ctx.question(generator, text, Kind::Essay, prompt, b.line, b.section);
        q.points = rubric.iter().map(|c| c.points).sum::<f64>().max(points);
        q.rubric = rubric;
        ctx.out.push(q);
    }
}

/// The topic of a "**토론 주제**: ..." paragraph.
fn bold_topic(b: &super::markdown::Block) -> Option<String> {
    if !matches!(b.kind, BlockKind::Para) {
        return None;
    }
    let (label, topic) = b.text.split_once(':')?;
    let topic = topic
        .trim()
        .trim_matches(|c| c == '"' || c == '“' || c == '”')
        .trim();
    (normalize(label) == normalize("토론 주제") && !topic.is_empty()).then(|| topic.to_string())
}

/// The bold words of the list items after a "**토론 가이드라인**:" paragraph
/// that follows line `after` in the same section.
fn guideline_terms(ctx: &Ctx<'_>, section: Option<usize>, after: usize) -> Vec<String> {
    let doc = ctx.doc();
    let mut on = false;
    let mut out = Vec::new();
    for b in doc
        .blocks
        .iter()
        .filter(|b| b.section == section && b.line > after)
    {
        match b.kind {
            BlockKind::Para => {
                on = b
                    .text
                    .split_once(':')
                    .is_some_and(|(l, _)| normalize(l) == normalize("토론 가이드라인"));
            }
            BlockKind::Item { .. } if on => {
                for &(start, end) in &b.bold {
                    if let Some(w) = b.text.get(start..end) {
                        let w = w.trim();
                        if !w.is_empty() {
                            out.push(w.to_string());
                        }
                    }
                }
            }
            _ => on = false,
        }
    }
    out
}

/// Bold terms defined under the same parent heading as the discussion topic
/// (its 토론 가이드라인).
fn discussion_terms(ctx: &Ctx<'_>, section: Option<usize>) -> Vec<String> {
    let doc = ctx.doc();
    let Some(parent) = section
        .and_then(|s| doc.headings.get(s))
        .and_then(|h| h.parent)
    else {
        return Vec::new();
    };
    doc.blocks
        .iter()
        .filter(|b| b.section != section)
        .filter(|b| {
            // Under the same parent, in a section about the discussion
            // (토론 가이드라인), not anywhere in the document.
            let mut cur = b.section;
            let mut guideline = false;
            while let Some(s) = cur {
                if s == parent {
                    return guideline;
                }
                let h = &doc.headings[s].clean;
                guideline |= h.contains("가이드라인") || h.contains("토론");
                cur = doc.headings[s].parent;
            }
            false
        })
        .filter_map(|b| definition(b).map(|(t, _)| t))
        .collect()
}

/// The rubric without concepts that occur in `prompt`. A discussion's rubric is
/// made again from its guideline terms left after that filter (so up to five
/// remain); other essays' candidates all come from the prompt's own words.
fn not_in_prompt(
    prompt: &str,
    rubric: Vec<Concept>,
    discussion: bool,
    ctx: &Ctx<'_>,
    section: Option<usize>,
) -> Vec<Concept> {
    let p = normalize(prompt);
    let keep = |w: &String| {
        let w = normalize(w);
        !w.is_empty() && !p.contains(&w)
    };
    if discussion {
        concepts(discussion_terms(ctx, section).into_iter().filter(keep))
    } else {
        rubric.into_iter().filter(|c| keep(&c.concept)).collect()
    }
}

/// A reflection about the student's own experience ("가장 어려웠던 점은?",
/// "어떤 새로운 역할을 경험했나요?"): no answer is wrong, nothing to score.
fn is_personal(text: &str) -> bool {
    const PERSONAL: &[&str] = &[
        "경험했",
        "느낀",
        "어려웠",
        "싶은",
        "비전",
        "발견했",
        "성장",
        "배운 점",
        "소감",
    ];
    PERSONAL.iter().any(|w| text.contains(w))
}
