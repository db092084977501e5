//! Essays from discussion topics (토론 주제) with their guidelines (토론
//! 가이드라인): the rubric is the technical names among the guideline labels
//! (1 point each, at most five), never a word of the prompt (copying the
//! question would score). With fewer than three such names the essay has no
//! rubric, is worth five points and waits for the instructor (its suggestion
//! is 0). Checklist items are scored in the week rubric's checklist, and
//! reflections (회고 질문) give no question: nothing in them to score.

use super::markdown::BlockKind;
use super::{Ctx, definition};
use crate::model::{Concept, Kind};
use crate::text::normalize;

const MAX_CONCEPTS: usize = 5;

/// A discussion's keyword rubric needs this many concepts: with fewer, the
/// suggested score says little about the answer.
const MIN_CONCEPTS: usize = 3;

/// Last words of a guideline label that name a way of looking, not a concept
/// a student writes ("데이터 보호 관점", "결론 도출", "Default deny 도입 순서":
/// review of blind4, a substantive answer scored 0 against them).
const META_TAILS: &[&str] = &["관점", "측면", "도출", "순서", "방향", "정리", "기준"];

/// The concepts of one guideline label: its parts apart ("CNI / kube-proxy",
/// "Ingress → Gateway API": nobody types the slash or the arrow), and none
/// that only names a way of looking at the topic.
fn concept_parts(label: &str) -> Vec<String> {
    label
        .split(['/', '→', '·'])
        .flat_map(|p| p.split(" vs "))
        .map(|p| p.trim().to_string())
        .filter(|p| {
            !p.is_empty()
                && !p
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| META_TAILS.contains(&w))
        })
        .collect()
}

fn concepts(words: impl IntoIterator<Item = String>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    for w in words.into_iter().flat_map(|w| concept_parts(&w)) {
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
        if task {
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
            discussion(
                ctx,
                text,
                topic,
                discussion_terms(ctx, b.section),
                b.line,
                b.section,
            );
            continue;
        } else if let Some(topic) = bold_topic(b) {
            // "**토론 주제**: ..." as a paragraph, its guideline terms the bold
            // words of the list after "**토론 가이드라인**:" (issue 12, third round).
            let terms = guideline_terms(ctx, b.section, b.line);
            discussion(ctx, text, topic, terms, b.line, b.section);
        }
    }
}

/// A discussion topic with its guideline labels -> an essay. Its keyword
/// rubric is the technical names among the labels' parts (CNI, kube-proxy,
/// Gateway API), which an answer on the topic writes; Korean labels name the
/// angles of the discussion (데이터 보호 관점, 빌드 문제, 운영 표준화), and a
/// substantive answer in other words scored 0 against them (reviews of
/// blind4 and blind5: 6 of 8 such rubrics unusable). With fewer than three
/// names the essay has no rubric: the instructor scores it in `quiz review`
/// (its suggestion is 0). No guideline at all: no essay.
fn discussion(
    ctx: &mut Ctx<'_>,
    text: &str,
    topic: String,
    terms: Vec<String>,
    line: usize,
    section: Option<usize>,
) {
    if terms.is_empty() {
        ctx.dropped("채점 기준 없음");
        return;
    }
    let p = normalize(&topic);
    let names = terms
        .iter()
        .flat_map(|t| concept_parts(t))
        .filter(|c| super::Script::of(c) == super::Script::Latin)
        .filter(|c| {
            let c = normalize(c);
            !c.is_empty() && !p.contains(&c)
        });
    let mut rubric = concepts(names);
    if rubric.len() < MIN_CONCEPTS {
        rubric.clear();
    }
    let points = if rubric.is_empty() {
        MAX_CONCEPTS as f64
    } else {
        rubric.iter().map(|c| c.points).sum()
    };
    let mut q = ctx.question("discussion", text, Kind::Essay, topic, line, section);
    q.points = points;
    q.rubric = rubric;
    ctx.out.push(q);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guideline_labels_become_concepts() {
        assert_eq!(concept_parts("CNI / kube-proxy"), ["CNI", "kube-proxy"]);
        assert_eq!(
            concept_parts("Ingress → Gateway API"),
            ["Ingress", "Gateway API"]
        );
        assert!(concept_parts("데이터 보호 관점").is_empty());
        assert!(concept_parts("결론 도출").is_empty());
        assert!(concept_parts("Default deny 도입 순서").is_empty());
        assert_eq!(concept_parts("자격 증명"), ["자격 증명"]);
    }
}
