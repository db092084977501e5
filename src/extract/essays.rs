//! Essays from discussion topics (토론 주제) with their guidelines (토론
//! 가이드라인). The document writes the angles of the discussion, not an
//! answer key, so a generated essay has no keyword rubric: it is worth five
//! points and the instructor scores it in `quiz review` (reviews of blind4
//! and blind5: keyword rubrics made from the guideline labels, Korean or
//! technical names, scored a substantive answer 0 and pasted labels in full
//! in 8 of 10 essays; essays without a rubric were judged sound, 13 of 13).
//! An instructor may add a rubric by hand. Checklist items are scored
//! in the week rubric's checklist, and reflections (회고 질문) give no
//! question: nothing in them to score.

use super::markdown::BlockKind;
use super::{Ctx, definition};
use crate::model::Kind;
use crate::text::normalize;

/// The points of a discussion essay.
const ESSAY_POINTS: f64 = 5.0;

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
            // A checklist item is no question: as an essay it had no usable
            // rubric (every candidate concept is a word of the prompt). What
            // instructors score with levels is the week overview's 평가
            // 체크리스트 (a session's own self-check list is not read there).
            ctx.dropped(
                "체크 목록(- [ ])은 문항이 아님 (강사 채점 항목은 주차 README의 평가 체크리스트)",
            );
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
            && topic_section(doc, b.section)
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
        } else if let Some((topic, items)) = group_topic(doc, b, &reflection) {
            // "## 💬 그룹 토론" with a bold question and its guiding
            // questions under it (every blind document of 2026-12-01 wrote
            // its discussion so; none of them gave an essay).
            group_discussion(ctx, text, topic, items, b.line, b.section);
        } else if let Some(topic) = bold_topic(b) {
            // "**토론 주제**: ..." as a paragraph, its guideline terms the bold
            // words of the list after "**토론 가이드라인**:" (issue 12, third round).
            let terms = guideline_terms(ctx, b.section, b.line);
            discussion(ctx, text, topic, terms, b.line, b.section);
        }
    }
}

/// Whether `section` holds discussion topics: a heading "토론 주제", or a
/// heading "주제" right under one ("## 🤔 토론 주제" / "### 주제", its
/// guideline in the sibling "### 토론 가이드라인"; review Y of 2026-11-30).
fn topic_section(doc: &super::markdown::Doc, section: Option<usize>) -> bool {
    let mut up = doc.ancestors(section);
    match up.next() {
        Some(h) if h.clean.contains("토론 주제") => true,
        Some(h) if normalize(&h.clean) == "주제" => {
            up.next().is_some_and(|p| p.clean.contains("토론 주제"))
        }
        _ => false,
    }
}

/// A discussion laid out as a bold question under a heading naming a
/// discussion (그룹 토론, 토론; not 토론 주제, 토론 질문 or a reflection),
/// followed by a list of two or more guiding questions: the topic and the
/// list's top-level items.
fn group_topic(
    doc: &super::markdown::Doc,
    b: &super::markdown::Block,
    reflection: &super::markdown::Sections,
) -> Option<(String, Vec<String>)> {
    if !matches!(b.kind, BlockKind::Para) || reflection.contains(b.section) {
        return None;
    }
    let heading = doc.headings.get(b.section?)?;
    if !heading.clean.contains("토론") || heading.clean.contains("토론 주제") {
        return None;
    }
    // The question is the paragraph, bold as a whole.
    let text = b.text.trim();
    let bold: usize = b
        .bold
        .iter()
        .filter_map(|&(start, end)| b.text.get(start..end))
        .map(|w| w.trim().chars().count())
        .sum();
    let topic = text
        .trim_matches(|c| c == '"' || c == '“' || c == '”')
        .trim();
    if topic.is_empty() || bold * 10 < topic.chars().count() * 9 {
        return None;
    }
    // The first paragraph of its section, the list right after it.
    let at = doc.blocks.iter().position(|x| std::ptr::eq(x, b))?;
    if doc.blocks[..at]
        .iter()
        .any(|x| x.section == b.section && matches!(x.kind, BlockKind::Para))
    {
        return None;
    }
    let items: Vec<String> = doc.blocks[at + 1..]
        .iter()
        .take_while(|x| x.section == b.section && matches!(x.kind, BlockKind::Item { .. }))
        .filter(|x| {
            matches!(
                x.kind,
                BlockKind::Item {
                    depth: 0,
                    task: None,
                    ..
                }
            )
        })
        .map(|x| x.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    (items.len() >= 2).then(|| (topic.to_string(), items))
}

/// A discussion with its guiding questions: the prompt lists them and asks
/// for two at least; labelled items ("**사용자 관점**: …") are its angles,
/// as under a 토론 가이드라인.
fn group_discussion(
    ctx: &mut Ctx<'_>,
    text: &str,
    topic: String,
    items: Vec<String>,
    line: usize,
    section: Option<usize>,
) {
    if about_own_team(&topic) {
        ctx.dropped("자기 팀의 상황을 묻는 토론");
        return;
    }
    if only_questions(&section_items(ctx, section)) {
        ctx.dropped("토론의 물음뿐 (채점할 내용 없음)");
        return;
    }
    let labelled = items.iter().all(|t| {
        t.split_once(':')
            .is_some_and(|(l, _)| !l.trim().is_empty() && l.trim().chars().count() <= 20)
    });
    if labelled {
        discussion(ctx, text, topic, items, line, section);
        return;
    }
    // Guiding questions are asked; guiding steps ("확장 전 VolumeSnapshot
    // 생성 및 readyToUse 확인", "체크리스트 항목별 현재 상태를 표시") are
    // the answer or the facilitator's instructions: the grader reads them,
    // the prompt does not show them (review of blind61, 2026-12-02).
    let questions = items.iter().all(|t| t.trim_end().ends_with(['?', '？']));
    let mut prompt = if questions {
        format!(
            "{topic}\n다음 물음 중 두 가지 이상에 답하며, 세션에서 배운 내용을 근거로 자신의 입장을 논하시오."
        )
    } else {
        format!("{topic}\n세션에서 배운 내용을 근거로 답하고, 그렇게 판단한 이유를 설명하시오.")
    };
    let mut feedback = String::from(if questions {
        "채점 관점 (토론의 물음; 두 가지 이상에 세션의 근거로 답하면 충분. 입장보다 근거를 본다):"
    } else {
        "채점 관점 (세션의 근거로 답하면 충분. 결론보다 근거를 본다):"
    });
    if questions {
        for item in &items {
            prompt.push_str(&format!("\n- {item}"));
        }
    }
    feedback.push_str(
        "\n- 물음에 직접 답하고 자신의 입장을 밝혔는가\n\
         - 세션에서 배운 개념·도구·수치를 근거로 들었는가\n\
         - 다른 선택의 장단점(트레이드오프)을 함께 따졌는가",
    );
    if !questions {
        feedback.push_str("\n토론 안내에 적힌 항목 (모두 다룰 필요는 없음):");
        for item in &items {
            feedback.push_str(&format!("\n- {item}"));
        }
    }
    let mut q = ctx.question("discussion", text, Kind::Essay, prompt, line, section);
    q.points = ESSAY_POINTS;
    q.feedback = Some(feedback);
    ctx.out.push(q);
}

/// Whether a discussion asks about the state of the students' own team,
/// project or cluster ("우리 팀 클러스터는 현재 성숙도 몇 단계인가?"): a
/// class activity whose answer rests on facts the grader of a quiz does not
/// have (review of blind61, 2026-12-02). A scenario told as "our team's"
/// ("우리 팀의 모델을 새 버전으로 교체해야 한다") gives its facts and stays.
fn about_own_team(topic: &str) -> bool {
    const OWN: &[&str] = &[
        "우리 팀",
        "우리 회사",
        "우리 조직",
        "우리 클러스터",
        "우리 서비스",
        "여러분의",
        "여러분 팀",
        "자신의 팀",
        "본인의 팀",
        "각 팀의",
    ];
    const STATE: &[&str] = &["현재", "지금", "몇 단계", "어느 단계", "프로젝트", "실제"];
    OWN.iter().any(|w| topic.contains(w)) && STATE.iter().any(|w| topic.contains(w))
}

/// A discussion topic with its guideline labels -> an essay for the
/// instructor (no keyword rubric, see the module's notes). No guideline at
/// all: no essay (the topic alone says nothing of what is expected).
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
    if about_own_team(&topic) {
        ctx.dropped("자기 팀의 상황을 묻는 토론");
        return;
    }
    if only_questions(&terms) || only_questions(&section_items(ctx, section)) {
        ctx.dropped("토론의 물음뿐 (채점할 내용 없음)");
        return;
    }
    // Labels timed for the class ("찬성 관점 (2분)", "정리 (1분)") are the
    // steps of its discussion, not angles to write from: the prompt names
    // none of them, the grader reads them without their minutes (review of
    // blind55, 2026-12-02: three prompts offered "현황 분석 (2분), 재설계
    // (2분) … 중 두 가지 이상의 관점").
    let timed = terms.iter().any(|t| untimed(t).is_some());
    let terms: Vec<String> = terms
        .iter()
        .map(|t| untimed(t).unwrap_or_else(|| t.clone()))
        .collect();
    let prompt = if timed {
        format!("{topic}\n{}", task(&[]))
    } else {
        format!("{topic}\n{}", task(&terms))
    };
    let mut q = ctx.question("discussion", text, Kind::Essay, prompt, line, section);
    q.points = ESSAY_POINTS;
    // The guideline is what the grader scores by (two reviews of 2026-12-01
    // failed every discussion essay without it: "no reference answer").
    let mut angles = String::from(if timed {
        "채점 관점 (토론 가이드라인; 입장보다 세션의 근거를 본다. 모든 관점을 다룰 필요는 없음):"
    } else {
        "채점 관점 (토론 가이드라인; 두 가지 이상을 세션의 근거로 논하면 충분):"
    });
    for t in &terms {
        angles.push_str(&format!(
            "\n- {}",
            t.split_whitespace().collect::<Vec<_>>().join(" ")
        ));
    }
    q.feedback = Some(angles);
    ctx.out.push(q);
}

/// Whether a discussion's guide is questions only ("목표 수치 (3분): … 무엇으로
/// 잡을 것인가?", "… 장단점은?"): its grading notes would repeat them, with
/// nothing of the session to score by. Discussions so guided failed seven
/// of nine reviews (blind65-76, 2026-12-02 and 12-03: "the rubric is just
/// the discussion questions repeated").
fn only_questions(items: &[String]) -> bool {
    // A label timed for the class ("세분화 vs 운영 부담 (3분)") heads a
    // question; it says nothing either way.
    let timed = |t: &str| {
        t.trim_end()
            .strip_suffix("분)")
            .and_then(|h| h.rsplit_once('('))
            .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let items: Vec<&String> = items.iter().filter(|t| !timed(t)).collect();
    let asked = items.iter().filter(|t| t.contains(['?', '？'])).count();
    !items.is_empty() && asked * 2 > items.len()
}

/// The texts of the list items of a discussion's section, at any depth.
fn section_items(ctx: &Ctx<'_>, section: Option<usize>) -> Vec<String> {
    ctx.doc()
        .blocks
        .iter()
        .filter(|b| b.section == section && matches!(b.kind, BlockKind::Item { .. }))
        .map(|b| b.text.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A guideline item "label (N분): text" without its time box; None when its
/// label has none.
fn untimed(term: &str) -> Option<String> {
    let (label, rest) = term.split_once(':')?;
    let (bare, boxed) = label.trim().strip_suffix(')')?.rsplit_once('(')?;
    let minutes = boxed.trim();
    (minutes.starts_with(|c: char| c.is_ascii_digit())
        && (minutes.ends_with('분') || minutes.ends_with("시간"))
        && !bare.trim().is_empty())
    .then(|| format!("{}:{rest}", bare.trim()))
}

/// What a discussion essay asks the student to write: a position argued
/// from the session, on two of the guideline's angles when it labels them
/// ("성능, 가용성, 백업·복구"). A bare topic ("…을 사용할 것인가?") was judged
/// no question (no task verb), and a grader holding all of the guideline's
/// angles scored points the prompt never asked for (reviews AQ and AR of
/// 2026-12-01).
fn task(terms: &[String]) -> String {
    let labels: Vec<&str> = terms
        .iter()
        .filter_map(|t| t.split_once(':').map(|(l, _)| l.trim()))
        .filter(|l| !l.is_empty() && l.chars().count() <= 20)
        .collect();
    if labels.len() >= 3 && labels.len() == terms.len() {
        format!(
            "{} 중 두 가지 이상의 관점에서, 세션에서 배운 내용을 근거로 자신의 입장을 논하시오.",
            labels.join(", ")
        )
    } else if labels.len() == 2 && terms.len() == 2 {
        format!(
            "{} 관점에서, 세션에서 배운 내용을 근거로 자신의 입장을 논하시오.",
            labels.join(", ")
        )
    } else {
        "세션에서 배운 내용을 근거로 자신의 입장과 그 이유를 논하시오.".to_string()
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

/// The list items with a bold word after a "**토론 가이드라인**:" paragraph
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
                let bold = b.bold.iter().any(|&(start, end)| {
                    b.text.get(start..end).is_some_and(|w| !w.trim().is_empty())
                });
                if bold {
                    out.push(b.text.trim().to_string());
                }
            }
            _ => on = false,
        }
    }
    out
}

/// Bold terms defined under the same parent heading as the discussion topic
/// (its 토론 가이드라인), as "term: description".
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
        .filter_map(|b| definition(b).map(|(t, d)| format!("{t}: {d}")))
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
    fn a_discussion_of_the_own_team_state_is_no_quiz_question() {
        assert!(about_own_team(
            "우리 팀 클러스터는 현재 성숙도 몇 단계인가? 다음 분기에 할 일 3가지는?"
        ));
        assert!(about_own_team(
            "우리 팀 프로젝트의 워크로드 중 탄소 인지 스케줄링을 적용할 수 있는 것은?"
        ));
        assert!(!about_own_team(
            "우리 팀의 모델을 새 버전으로 교체해야 한다. 섀도 배포와 카나리 배포 중 무엇부터 적용할지 정하라."
        ));
        assert!(!about_own_team(
            "초당 5,000 요청인 결제 시스템에서 Trace를 최대한 보존하려면?"
        ));
    }

    #[test]
    fn a_guide_of_questions_only_has_nothing_to_score() {
        let items = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(only_questions(&items(&[
            "세분화 vs 운영 부담 (3분)",
            "어느 규모까지 유효할까요?",
            "직접 바꿀 수 있어야 할까요?",
        ])));
        assert!(!only_questions(&items(&[
            "보안 관점: 최소 권한과 감사 로그",
            "운영 관점: 관리 비용",
            "비용은?",
        ])));
        assert!(!only_questions(&[]));
    }

    #[test]
    fn a_guideline_label_loses_its_time_box() {
        assert_eq!(
            untimed("찬성 관점 (2분): DB 없이는 처리할 수 없다").as_deref(),
            Some("찬성 관점: DB 없이는 처리할 수 없다")
        );
        assert_eq!(
            untimed("정리 (1.5분): 기준 합의").as_deref(),
            Some("정리: 기준 합의")
        );
        assert_eq!(untimed("성능 (p99): 지연"), None);
        assert_eq!(untimed("비용: 줄어든다"), None);
    }
}
