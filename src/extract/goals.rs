//! Learning goals (학습 목표, 일차 학습 목표, 주간 학습 목표, a day's "🎯 목표"):
//! their bold terms are the week's terms (the pool other questions draw from,
//! and what `quiz check` knows as concepts). A goal line gives no question of
//! its own: see [`generate`].

use super::markdown::{Block, BlockKind};
use super::{Ctx, definition};
use crate::text::normalize;

/// Longest bold span that still counts as a term (characters).
const MAX_TERM_CHARS: usize = 30;

/// The bold spans of a goal line that are terms: not the whole line, not a label.
pub fn term_spans(b: &Block) -> Vec<(usize, usize)> {
    if definition(b).is_some() {
        return Vec::new();
    }
    let total = b.text.chars().count().max(1);
    b.bold
        .iter()
        .copied()
        .filter(|&(s, e)| {
            let t = b.text[s..e].trim();
            let n = t.chars().count();
            n > 0 && n <= MAX_TERM_CHARS && n * 10 < total * 8 && !normalize(t).is_empty()
        })
        .collect()
}

/// The bold terms of a goal line.
pub fn terms_of(b: &Block) -> Vec<String> {
    term_spans(b)
        .into_iter()
        .map(|(s, e)| b.text[s..e].trim().to_string())
        .collect()
}

fn is_goal_line(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Item { task: None, .. } | BlockKind::Para)
}

/// Count the goal lines of the document in `ctx`; they give no question.
///
/// A blank in a goal line ("____(으)로 주체와 권한을 연결하는 방법 습득") takes
/// its wrong options from the week's other technical names, which are of other
/// kinds (a tool, a metric, a config key) or fit the line too (ServiceAccount
/// beside RoleBinding): the census of 2026-11-30 judged 2 of 25 such questions
/// sound. A goal's technical names are asked where the document explains them
/// (key terms, outlines); the goal line itself is only counted.
pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let goal_sections = doc.sections_with(&["학습 목표"]);
    for b in &doc.blocks {
        if !is_goal_line(b) || !goal_sections.contains(b.section) {
            continue;
        }
        for (s, e) in term_spans(b) {
            if super::is_technical_name(&b.text[s..e]) {
                ctx.dropped("학습 목표 빈칸: 오답이 다른 종류");
            } else if !super::is_label(&b.text[s..e]) {
                ctx.dropped("목표 문장에 기술 이름 없음");
            }
        }
    }
    day_goals(ctx);
}

/// "**🎯 목표**: ..." lines under day headings of a week overview. A day's goal
/// restates its title ("Day 4: Green DevOps와 지속가능성" -> "환경을 고려한
/// 지속가능한 DevOps 구현"), so "which is the goal of Day 4" is answered by
/// reading the prompt, and without the title it asks for the timetable: no
/// question, only the count.
fn day_goals(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let n = doc
        .blocks
        .iter()
        .filter(|b| definition(b).is_some_and(|(t, _)| normalize(&t) == "목표"))
        .filter(|b| doc.ancestors(b.section).next().is_some())
        .count();
    for _ in 0..n {
        ctx.dropped("목표가 제목을 되풀이함");
    }
}
