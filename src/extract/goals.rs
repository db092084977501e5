//! Learning goals (학습 목표, 일차 학습 목표, 주간 학습 목표, a day's "🎯 목표"):
//! every technical name of a goal sentence becomes one `choice` question (the
//! name and three technical names of the same week from other sentences). Never
//! a typed blank: a goal line rarely pins one name down ("빌드 결과물을 ____에
//! 게시": Docker Hub, GHCR, ECR ...), while among the week's names only one fits.
//! A line without a technical name gives no question: a blank for the author's
//! wording has several defensible answers.
//!
//! A particle right after the blank is written in its neutral pair form
//! (과(와), 을(를), 이(가), 은(는)) so that it does not give the answer away.

use super::markdown::{Block, BlockKind};
use super::{Ctx, Seed, definition, layout_options, pick_distractors_normalized, same_kind};
use crate::model::{Answer, Kind};
use crate::text::{contains_normalized, neutral_particle, normalize};

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

/// Generate goal questions for the document in `ctx`.
pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let goal_sections = doc.sections_with(&["학습 목표"]);
    let title_norm = doc.title().map(|h| normalize(&h.text)).unwrap_or_default();
    for b in &doc.blocks {
        if !is_goal_line(b) || !goal_sections.contains(b.section) {
            continue;
        }
        // One question per fact: every technical name of the line (a choice), or,
        // when it has none, its longest other term (a choice). The other plain
        // terms of a line would be blanks the rest of the line does not pin down.
        let spans = term_spans(b);
        let technical_spans: Vec<(usize, usize)> = spans
            .iter()
            .copied()
            .filter(|&(s, e)| super::is_technical_name(&b.text[s..e]))
            .collect();
        let technical = technical_spans.clone();
        let plain_only = technical.is_empty();
        let chosen: Vec<(usize, usize)> = if plain_only {
            // Longest first; the next one only when the longer makes no question.
            let mut plain: Vec<(usize, usize)> = spans
                .iter()
                .copied()
                .filter(|&(s, e)| !super::is_label(&b.text[s..e]))
                .collect();
            plain
                .sort_by_key(|&(s, e)| (std::cmp::Reverse(b.text[s..e].trim().chars().count()), s));
            plain
        } else {
            technical_spans
        };
        if plain_only {
            // A blank for an author's wording has several defensible answers
            // ("____ 시나리오와 미래 전망 분석": 실무 적용? 모니터링?): no question.
            for _ in &chosen {
                ctx.dropped("목표 문장에 기술 이름 없음");
            }
            continue;
        }
        let mut made = 0;
        for (s, e) in chosen {
            let term = b.text[s..e].trim().to_string();
            let before = b.text[..s].trim_start();
            let after = neutral_particle(&b.text[e..]);
            let stem = format!("{before}____{after}").trim().to_string();
            if contains_normalized(&stem.replace("____", " "), &term) {
                ctx.dropped("문제에 답이 드러남");
                continue; // the term occurs twice: a blank would not hide it
            }
            let key = format!("{}\u{1f}{}", b.text, term);
            let stem_norm = normalize(&stem.replace("____", " "));
            let term_norm = normalize(&term);
            let seed = Seed::new(&key);
            // Three distractors, or two when the week has few terms of this kind.
            // The document's own subject (Terraform in a Terraform session) fits
            // almost any of its goal blanks: never a distractor.
            let exclude = |c: &str| {
                stem_norm.contains(c)
                    || c.contains(&term_norm)
                    || !same_kind(c, &term_norm)
                    || title_norm.contains(c)
            };
            let picked = pick_distractors_normalized(
                seed,
                &term_norm,
                &term,
                ctx.pool.candidates(),
                exclude,
                3,
            )
            .or_else(|| {
                pick_distractors_normalized(
                    seed,
                    &term_norm,
                    &term,
                    ctx.pool.candidates(),
                    exclude,
                    2,
                )
            });
            let Some(distractors) = picked else {
                ctx.dropped("답과 같은 종류의 오답 보기 부족");
                continue;
            };
            let (options, answer_id) = layout_options(seed, &term, &distractors);
            let mut q = ctx.question(
                "goal",
                &key,
                Kind::Choice,
                format!("빈칸에 들어갈 알맞은 말을 고르시오: {stem}"),
                b.line,
                b.section,
            );
            q.options = options;
            q.answer = Some(Answer::One(answer_id));
            ctx.out.push(q);
            made += 1;
        }
        if !plain_only {
            for _ in made..spans.len() {
                ctx.dropped("목표 문장에 일반 용어가 둘 이상");
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
