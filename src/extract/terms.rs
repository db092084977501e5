//! Key terms and sequences from lists and tables:
//! - "**term**: description" lines and two-column table rows become `short`
//!   questions (name the term from its description) when the term is a
//!   technical name, otherwise `choice` questions among the list's other terms
//!   (nobody can type an author's label), and, per list of two or more, `match`
//!   questions (up to five pairs each);
//! - lists of "**Session 1**: ...", "**Phase 2**: ..." (and Level, Day, Step)
//!   become `order` questions over the descriptions;
//! - "기본 → 자동화 → 자가치유" arrow chains of three or more become `order`.

use super::markdown::{Block, BlockKind};
use super::{Ctx, NOT_CONCEPTS, OPTION_IDS, definition, is_label, is_technical_name, seq_label};
use crate::model::{Answer, Kind};
use crate::text::{keywords, normalize};
use std::collections::{HashMap, HashSet};

/// Sections of tasks: "**FinOps**: 리소스 최적화 + 비용 모니터링" under
/// 프로젝트 요구사항 labels what a project must do, it does not define the
/// label ("**GitOps**: Argo CD가 … 함께 동기화": review AQ of 2026-12-01).
/// Their outlines are still read (대규모 엔터프라이즈 요구사항 > 비즈니스
/// 요구사항 lists concepts).
const TASKS: &[&str] = &["요구사항", "실습 과제", "미션"];

/// Sections that sum a session up: "**Autologging**: `fit()` 이전 호출,
/// 부모-자식 Run, post-training metric" lists what to remember of a term, it
/// does not define it, and nobody can type the term from it (review of
/// blind45, 2026-12-01: two of two failed).
const SUMMARIES: &[&str] = &[
    "개념 정리",
    "핵심 정리",
    "내용 정리",
    "핵심 요약",
    "내용 요약",
];

/// One definition: term, description, line, section.
#[derive(Debug, Clone)]
struct Def {
    term: String,
    desc: String,
    line: usize,
    section: Option<usize>,
    /// A row of a table of three columns or more: its second cell is one
    /// attribute of the row (페르소나 | 관심사 | 역할), not a definition.
    wide: bool,
}

/// Generate term, table and sequence questions for the document in `ctx`.
pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let mut group: Vec<Def> = Vec::new();
    let mut group_key: Option<(Option<usize>, usize)> = None;
    let not_concepts = doc.sections_with(NOT_CONCEPTS);
    let tasks = doc.sections_with(&[TASKS, SUMMARIES].concat());
    let mut names_rows = false;
    for b in &doc.blocks {
        if not_concepts.contains(b.section) || tasks.contains(b.section) {
            flush(ctx, &mut group);
            group_key = None;
            continue;
        }
        let wide = matches!(&b.kind, BlockKind::Row { cells, .. } if cells.len() > 2);
        let (def, key) = match &b.kind {
            BlockKind::Item {
                depth, task: None, ..
            } => (definition(b), (b.section, *depth)),
            BlockKind::Row {
                header: false,
                cells,
            } if cells.len() == 2 || (cells.len() > 2 && names_rows) => {
                // A table of three or more columns whose rows are named things
                // (전략 | 동작 | 위험) pairs each name with its first description;
                // a comparison table (구분 | Push | Pull) has attributes for rows.
                let def = (!cells[0].is_empty() && !cells[1].is_empty())
                    .then(|| (cells[0].clone(), cells[1].clone()));
                (def, (b.section, usize::MAX))
            }
            BlockKind::Row {
                header: true,
                cells,
            } => {
                names_rows = cells.first().is_some_and(|c| {
                    !super::tables::COMPARISON_HEADERS.contains(&normalize(c).as_str())
                });
                (None, (b.section, 0))
            }
            _ => (None, (b.section, 0)),
        };
        match def {
            Some((term, desc)) => {
                if group_key != Some(key) {
                    flush(ctx, &mut group);
                    group_key = Some(key);
                }
                group.push(Def {
                    term,
                    desc,
                    line: b.line,
                    section: b.section,
                    wide,
                });
            }
            None => {
                // Nested sub-items do not break a list of definitions.
                let nested = matches!((&b.kind, group_key), (BlockKind::Item { depth, .. }, Some((_, d))) if *depth > d && d != usize::MAX);
                if !nested {
                    flush(ctx, &mut group);
                    group_key = None;
                }
            }
        }
        arrows(ctx, b);
    }
    flush(ctx, &mut group);
    ranked(ctx);
}

/// Words of a chain's label that make it a hierarchy or a scale, not a flow.
const HIERARCHY_WORDS: &[&str] = &["계층", "레벨", "수준", "등급", "범위", "hierarchy", "level"];

/// The most steps an arrow chain may have to be asked as an order.
const MAX_FLOW_STEPS: usize = 5;

/// Whether two or more of `parts` carry a number and those numbers rise in
/// the order written (Build L1 → L2 → L3, 1단계 → 2단계, "CRD(wave -2) →
/// Secret(-1) → DB(0)": a minus sign after a space or a bracket counts;
/// review AA of 2026-11-30).
fn numbered_in_order(parts: &[String]) -> bool {
    let numbers: Vec<i64> = parts
        .iter()
        .filter_map(|p| {
            let at = p.find(|c: char| c.is_ascii_digit())?;
            let digits: String = p[at..].chars().take_while(char::is_ascii_digit).collect();
            let n: i64 = digits.parse().ok()?;
            let before = &p[..at];
            let negative = before.strip_suffix('-').is_some_and(|b| {
                b.is_empty() || b.ends_with(|c: char| c.is_whitespace() || c == '(')
            });
            Some(if negative { -n } else { n })
        })
        .collect();
    numbers.len() >= 2 && numbers.windows(2).all(|w| w[0] < w[1])
}

/// Labels of an example, whose arrows map rather than flow.
const EXAMPLE_LABELS: &[&str] = &["예", "예시", "사례", "example", "e.g."];

/// Words of a lead-in that say the numbered list below it is ranked, not just
/// told in that order: "값이 겹치면 나중 것이 이깁니다 (낮음 → 높음):".
const RANK_WORDS: &[&str] = &[
    "낮음 → 높음",
    "높음 → 낮음",
    "낮은 것부터",
    "높은 것부터",
    "우선순위",
    "순서대로",
    "순으로",
];

/// A numbered list of 3 to 5 items right after a paragraph that says it is
/// ranked -> an order question whose prompt quotes that paragraph. Numbered
/// steps without such a lead-in are the author's order of telling (reviews:
/// neighbouring steps could often swap) and give none.
fn ranked(ctx: &mut Ctx<'_>) {
    let blocks = &ctx.doc().blocks;
    let mut i = 0;
    while i < blocks.len() {
        let lead = &blocks[i];
        i += 1;
        if lead.kind != BlockKind::Para || !RANK_WORDS.iter().any(|w| lead.text.contains(w)) {
            continue;
        }
        let items: Vec<&Block> = blocks[i..]
            .iter()
            .take_while(|b| {
                matches!(
                    b.kind,
                    BlockKind::Item {
                        depth: 0,
                        ordered: true,
                        task: None
                    }
                ) && b.section == lead.section
            })
            .collect();
        let texts: Vec<String> = items
            .iter()
            .map(|b| b.text.trim().trim_end_matches(['.', ':']).to_string())
            .collect();
        let mut seen = HashSet::new();
        let ok = (3..=OPTION_IDS.len().min(5)).contains(&texts.len())
            && texts.iter().all(|t| {
                let n = t.chars().count();
                (2..=60).contains(&n) && seen.insert(normalize(t))
            });
        if !ok {
            continue;
        }
        let lead_text = lead.text.trim().trim_end_matches(':').trim().to_string();
        let key = format!("{lead_text}\u{1f}{}", texts.join("\u{1f}"));
        let path = ctx.section_path(lead.section);
        let mut q = ctx.question(
            "ranked",
            &key,
            Kind::Order,
            // A lead that ends its own sentence keeps one full stop, not two.
            format!(
                "「{path}」: {}. 다음 항목을 이 순서대로 나열하시오.",
                lead_text.trim_end_matches(['.', '。']).trim_end()
            ),
            items[0].line,
            lead.section,
        );
        super::set_order(&mut q, texts.iter().cloned());
        ctx.out.push(q);
        i += items.len();
    }
}

fn flush(ctx: &mut Ctx<'_>, group: &mut Vec<Def>) {
    let defs = std::mem::take(group);
    if defs.is_empty() {
        return;
    }
    let (seq, plain): (Vec<Def>, Vec<Def>) =
        defs.into_iter().partition(|d| seq_label(&d.term).is_some());
    sequence(ctx, &seq);
    let plain: Vec<Def> = plain
        .into_iter()
        .filter(|d| {
            normalize(&d.term) != "목표" && !is_label(&d.term) && d.term.chars().count() <= 40
        })
        .collect();
    // Two terms with the same description (a table cell read without its
    // column: NoSchedule and NoExecute both "용인하지 않으면 배치하지 않음"):
    // the description names neither, so neither is asked from it.
    let mut desc_count: HashMap<String, usize> = HashMap::new();
    for d in &plain {
        *desc_count.entry(normalize(&d.desc)).or_default() += 1;
    }
    let before = plain.len();
    let plain: Vec<Def> = plain
        .into_iter()
        .filter(|d| desc_count.get(&normalize(&d.desc)).copied().unwrap_or(0) < 2)
        .collect();
    for _ in plain.len()..before {
        ctx.dropped("같은 설명의 용어가 여럿");
    }
    // Only typed recall is asked from a definition. A choice among its
    // list's names (term-choice) or a match of names and descriptions
    // (term-match) was sound in 30 of 54 and 9 of 27 independent judgements:
    // a Korean description that translates or restates an English name
    // (기동 순서 의존성 / depends_on, 하위 차트 / Subchart) gives the answer,
    // and no word table catches every such pair on documents it has not seen.
    for d in &plain {
        if is_typed(ctx, d) {
            short(ctx, d);
        } else {
            ctx.dropped("이름과 설명의 짝은 묻지 않음");
        }
    }
}

/// Words of a description about the name itself: "(이름과 달리 기본값이
/// 아님)" beside dnsPolicy `Default` tells what the name says (review R of
/// 2026-11-30).
const ABOUT_THE_NAME: &[&str] = &[
    "이름과 달리",
    "이름처럼",
    "이름 그대로",
    "이름대로",
    "이름과 반대로",
    "이름이 뜻하",
    "이름이 말하",
];

/// Whether a Hangul word of `desc`, or a part of one, spells the Latin name
/// (`Parameter`: "하이퍼파라미터"; review of blind45).
fn hangul_spelling(name: &str, desc: &str) -> bool {
    if name.len() < 3 || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    desc.split(|c: char| !crate::text::is_hangul(c))
        .filter(|w| w.chars().count() >= 2)
        .any(|w| {
            let chars: Vec<char> = w.chars().collect();
            (0..chars.len()).any(|i| {
                (i + 2..=chars.len()).any(|j| {
                    let part: String = chars[i..j].iter().collect();
                    super::translit::spells(name, &part)
                })
            })
        })
}

/// Whether a description speaks of the name it describes.
fn about_the_name(desc: &str) -> bool {
    ABOUT_THE_NAME.iter().any(|w| desc.contains(w))
}

/// Whether a definition is asked as typed recall of its term.
fn is_typed(ctx: &Ctx<'_>, d: &Def) -> bool {
    // A step's label in a numbered list ("1. **Prepare**: job image를
    // pull") names a step of one process, as the author put it: no term a
    // student would type (review of blind99, 2026-12-03).
    if ctx
        .doc()
        .blocks
        .iter()
        .any(|b| b.line == d.line && matches!(b.kind, BlockKind::Item { ordered: true, .. }))
    {
        return false;
    }
    // Typed only where the course defines its terms: a glossary, or a list
    // of a system's parts (구성 요소, 아키텍처, 핵심 개념, 엔티티). A bold
    // label elsewhere names a field, a state, a step or a point of a summary
    // (DESIRED under 롤아웃 명령, `Failed` under 상태 읽기, scaleDown under
    // 기본 behavior, `schemaVersion` under 대시보드 JSON 해부): reviews of
    // blind71-114, 2026-12-03, judged 13 of 30 such questions sound, and
    // 60 of 85 from glossaries.
    if !defines_terms(ctx, d.section) {
        return false;
    }
    // Typed only when the description defines the term: a description that
    // lists other names (MLOps, AIOps) leaves more than one typed answer.
    let lists_names = d
        .desc
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '_'))
        .any(|w| w.len() >= 3 && w.chars().filter(char::is_ascii_uppercase).count() >= 2);
    // ... and only a one-word name: "State Lock" has variants as defensible
    // as itself (State Locking), "Cloud Carbon Footprint" is recalled, not spelled.
    // A lower-case command or file name (plan, terraform.tfstate) is typed
    // with or without its tool ("terraform plan"): a choice instead.
    // A Korean gloss in parentheses ("NetworkPolicy (네트워크 정책)") is a
    // second accepted answer, not a second word.
    let name = latin_name(&d.term);
    let one_word =
        !name.contains(char::is_whitespace) && name.chars().any(|c| c.is_ascii_uppercase());
    // An acronym (PUE, CNI) is as right written out (Container Network
    // Interface), and a long CamelCase name has a short form the document
    // may not give (ReadWriteMany: RWX): typed only when the week gives both.
    let acronym = name.len() <= 5 && name.chars().all(|c| c.is_ascii_uppercase());
    let short_form = super::initials(name).is_some_and(|i| i.len() >= 3);
    let both_given = super::with_abbreviations(name, ctx.pool).len() > 1;
    let one_word = one_word && (both_given || !(acronym || short_form));
    // ... and only a name: a CamelCase name (StorageClass, RoleBinding), an
    // instruction keyword (ENTRYPOINT, WORKDIR), an acronym the week writes
    // out, or a capitalized word of four letters or more (Velero, Runner,
    // Registry). A capitalized English word has Korean names (러너, 레지스트리,
    // 저장소): the ones the document writes and the word table's are accepted
    // too (census of 2026-11-30: "Runner" only, though the document writes 러너).
    let capitalized = name.len() >= 4
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().skip(1).all(|c| c.is_ascii_lowercase());
    let spelled = is_camel_case(name)
        || capitalized
        || (name.len() >= 6 && name.chars().all(|c| c.is_ascii_uppercase()))
        || (acronym && both_given);
    // ... and a description that does not spell the name out in other words
    // (`ContainerNetwork`: "컨테이너끼리 통신하는 가상 네트워크 객체"), nor
    // holds its stem in code (`Parameters`: "mlflow.log_param() ...").
    let spelled_out = super::hygiene::share(&super::hygiene::name_words(name), &keywords(&d.desc))
        || holds_stem(&d.desc, name)
        || super::hygiene::translates_part(name, &d.desc)
        || about_the_name(&d.desc)
        || flag(name, &d.desc)
        || hangul_spelling(name, &d.desc);
    // A wide table's second cell is one attribute of its row, not a
    // definition ("SaaS | 고객(테넌트)당 비용 | ...", "Finance | 예산, 예측 | ..."):
    // nobody can type the row from it. Nor can anyone from a description of
    // two words or a number ("성공 후 삭제" for HookSucceeded, "200회" for
    // Personal: review AG of 2026-12-01): a definition says three things.
    let defines = super::hygiene::content_words(&d.desc)
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .count()
        >= 3;
    // A description pointing at the text around it ("위 taint 대부분에 대한
    // 톨러레이션이 …" under DaemonSet) says nothing on a form (review AS of
    // 2026-12-01).
    let deictic = [
        "위 ",
        "위의 ",
        "아래 ",
        "아래의 ",
        "앞의 ",
        "앞서 ",
        "다음의 ",
    ]
    .iter()
    .any(|w| d.desc.starts_with(w))
        || ["위의 ", "앞서 ", "아래의 "]
            .iter()
            .any(|w| d.desc.contains(&format!(" {w}")));
    // A description that is a sentence about a consequence ("**Python**:
    // wheel이 없는 패키지는 소스 컴파일 → …커지기도 함", under "Alpine을 선택할
    // 때 알아야 할 것") labels a point to know, no definition (review of
    // blind48, 2026-12-02).
    let last = d
        .desc
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // A remark on its use ("현재 거의 사용되지 않음" for String: review of
    // blind74, 2026-12-03) is no definition either.
    // A definition followed by such a remark ("… 유지하는 컨트롤러. 템플릿
    // 변경은 … 반영하지 않음" for ReplicaSet) still defines.
    let remark =
        !d.desc.contains(". ") && ["않음", "없음", "있음"].iter().any(|e| last.ends_with(e));
    let sentence = remark || ["함", "됨", "다"].iter().any(|e| last.ends_with(e));
    // A definition is written in the course's language: a list of flags
    // ("`scan`, `-o fmt=file`, `convert`" for Syft: review of blind79) is not.
    // Nor is one whose Korean is a note in parentheses
    // ("`min`/`max`/`step`/`list` (값은 문자열)" for feasibleSpace: review
    // of blind83, 2026-12-03).
    let korean = unbracketed(&d.desc)
        .split(|c: char| !crate::text::is_hangul(c))
        .any(|w| w.chars().count() >= 2);
    // The course's platforms label summaries ("**Kubernetes**: 노드 전원
    // 관리 패턴 …": review of blind89, 2026-12-03); no line defines them.
    let platform = [
        "kubernetes",
        "docker",
        "linux",
        "git",
        "github",
        "gitlab",
        "aws",
        "gcp",
        "azure",
    ]
    .contains(&name.to_ascii_lowercase().as_str());
    !d.wide
        && !deictic
        && !platform
        && !sentence
        && defines
        && korean
        && is_technical_name(name)
        && !lists_names
        && one_word
        && spelled
        && !spelled_out
}

/// Whether `name` is a switch named after its condition (`isEstimated`:
/// "추정한 값이면 true"): a flag is named isX / hasX by convention, so the
/// description's condition is the name word for word (review AA of
/// 2026-11-30).
fn flag(name: &str, desc: &str) -> bool {
    let prefixed = ["is", "has", "can", "should"].iter().any(|p| {
        name.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    });
    let switch = desc
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.eq_ignore_ascii_case("true") || w.eq_ignore_ascii_case("false"));
    prefixed && switch
}

/// Whether `text` holds the first five letters of `name` inside a Latin word
/// (`log_param` for Parameters), in any case.
fn holds_stem(text: &str, name: &str) -> bool {
    let stem: String = name
        .chars()
        .take(5)
        .collect::<String>()
        .to_ascii_lowercase();
    stem.len() == 5
        && text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .any(|w| w.to_ascii_lowercase().contains(&stem))
}

/// A name with a capital after a lower-case letter inside it (StorageClass,
/// kubeProxy), not counting a hyphenated or spaced one.
fn is_camel_case(name: &str) -> bool {
    let b = name.as_bytes();
    b.windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Words of a heading over definitions: a glossary, or the parts of a
/// system.
const DEFINING_HEADINGS: &[&str] = &[
    "용어",
    "키워드",
    "glossary",
    "key terms",
    "keywords",
    "구성 요소",
    "구성요소",
    "컴포넌트",
    "component",
    "아키텍처",
    "architecture",
    "핵심 개념",
    "주요 개념",
    "기본 개념",
    "엔티티",
    "entities",
    "동작 모델",
    "building block",
];

/// Whether a heading is only a list of a system's parts ("2.2 구성 요소",
/// "아키텍처"), with its number: it says nothing of the topic.
fn parts_heading(heading: &str) -> bool {
    let rest = heading
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | ' '))
        .to_lowercase();
    [
        "구성 요소",
        "구성요소",
        "주요 구성 요소",
        "핵심 구성 요소",
        "컴포넌트",
        "아키텍처",
        "핵심 개념",
        "주요 개념",
        "핵심 엔티티",
        "엔티티",
    ]
    .contains(&rest.trim())
}

/// Whether `section` or a heading above it is one where the course defines
/// its terms ([`DEFINING_HEADINGS`]).
fn defines_terms(ctx: &Ctx<'_>, section: Option<usize>) -> bool {
    ctx.doc().ancestors(section).any(|h| {
        let n = h.clean.to_lowercase();
        DEFINING_HEADINGS.iter().any(|w| n.contains(w))
    })
}

/// Whether a heading names a glossary, not a topic: 핵심 키워드, 주요 용어,
/// 용어 사전, 핵심 용어 (Glossary), Key terms, 핵심 개념.
fn glossary_heading(heading: &str) -> bool {
    let n = heading.to_lowercase();
    let words: Vec<&str> = n
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '&' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    const PLAIN: &[&str] = &["핵심", "주요", "기본", "사전", "정리", "및", "개념"];
    const GLOSSARY: &[&str] = &[
        "용어",
        "키워드",
        "glossary",
        "keywords",
        "key",
        "terms",
        "용어집",
    ];
    words.iter().any(|w| GLOSSARY.contains(w) || *w == "개념")
        && words
            .iter()
            .all(|w| GLOSSARY.contains(w) || PLAIN.contains(w))
}

/// A technical name: typed from its description.
fn short(ctx: &mut Ctx<'_>, d: &Def) {
    let path = ctx.section_path(d.section);
    // A glossary's own heading ("핵심 키워드", "핵심 용어 (Glossary)", "용어
    // 사전") says nothing of the topic: a reviewer read it as a label left
    // on the form (reviews of blind52, blind55 and blind60, 2026-12-02). A
    // topic's heading stays.
    // Nor does a heading of a system's parts ("1. 구성 요소").
    let topic: Vec<&str> = path
        .split(" > ")
        .filter(|h| !glossary_heading(h) && !parts_heading(h))
        .collect();
    // A glossary's term is asked in its document's topic, unless the topic
    // writes the term ("같은 설정으로 실행되는 컨테이너 묶음의 정의" is a
    // Compose Service, and a Kubernetes Deployment in another session of the
    // quiz: review of blind76, 2026-12-03).
    let name_words = latin_name(&d.term).to_lowercase();
    // A topic that writes the term still names its tool by its first word
    // ("Crossplane Composition과 Claim — …" for Claim, "BentoML …" for
    // Runner: reviews of blind100 and blind101, 2026-12-03, "the prompt never
    // names the product").
    let doc_topic = ctx.doc_topic().and_then(|t| {
        if !t.to_lowercase().contains(&name_words) {
            return Some(t);
        }
        let first = t.split_whitespace().next()?;
        let first = first.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
        (first.len() >= 3
            && first.starts_with(|c: char| c.is_ascii_uppercase())
            && first.chars().all(|c| c.is_ascii_alphanumeric())
            && !first.to_lowercase().contains(&name_words)
            && !name_words.contains(&first.to_lowercase()))
        .then(|| first.to_string())
    });
    let prompt = if let (true, Some(t)) = (topic.is_empty(), &doc_topic) {
        format!("다음 설명에 해당하는 용어를 쓰시오 ({t}): {}", d.desc)
    } else if topic.is_empty() {
        format!("다음 설명에 해당하는 용어를 쓰시오: {}", d.desc)
    } else {
        format!(
            "다음 설명에 해당하는 용어를 쓰시오 ({}): {}",
            topic.join(" > "),
            d.desc
        )
    };
    // A description that names the term is dropped by the leak guard in `extract`.
    let key = format!("{}\u{1f}{}", d.term, d.desc);
    let mut q = ctx.question("term", &key, Kind::Short, prompt, d.line, d.section);
    let name = latin_name(&d.term);
    let mut accepted = super::with_abbreviations(name, ctx.pool);
    let glosses = super::korean_glosses(name, ctx.doc());
    let written = super::accepted(&d.term);
    let korean = super::hygiene::korean_name(name);
    // The tool the session is about, written before the name as the
    // session writes it ("Vault policy는 ...": "Vault Policy", "Vault 정책";
    // review T of 2026-11-30), names the same thing.
    let doc = ctx.doc();
    let tools: Vec<String> = title_tools(doc.title().map_or("", |h| h.clean.as_str()), name)
        .into_iter()
        .filter(|t| {
            let written = format!("{} {}", t.to_lowercase(), name.to_lowercase());
            doc.blocks
                .iter()
                .any(|b| b.text.to_lowercase().contains(&written))
        })
        .collect();
    let qualified: Vec<String> = tools
        .iter()
        .flat_map(|t| {
            std::iter::once(format!("{t} {name}"))
                .chain(korean.as_ref().map(|k| format!("{t} {k}")))
        })
        .chain(written_after(doc, name, ctx.pool))
        .collect();
    // Every Korean word of the word table the document writes for a
    // one-word name ("기준선" and "기준값" for Baseline: review of blind90,
    // 2026-12-03, only 베이스라인 was accepted).
    let lower_name = name.to_ascii_lowercase();
    let table_words: Vec<String> = super::hygiene::EQUIVALENTS
        .iter()
        .filter(|(en, _)| en.contains(&lower_name.as_str()))
        .flat_map(|(_, ko)| ko.iter())
        // A word of two syllables is too everyday to be a name (검사 for
        // Probe, 없는 for None).
        .filter(|k| k.chars().count() >= 3 && doc.blocks.iter().any(|b| b.text.contains(*k)))
        .map(|k| k.to_string())
        .collect();
    for g in written
        .into_iter()
        .chain(glosses)
        .chain(korean)
        .chain(table_words)
        .chain(qualified)
        .chain(hangul_spellings(doc, name))
    {
        if !accepted.iter().any(|a| normalize(a) == normalize(&g)) {
            accepted.push(g);
        }
    }
    // Nor when the topic writes a Korean form of it ("이미지 승격" beside
    // Promotion / 승격).
    if topic.is_empty()
        && doc_topic.as_ref().is_some_and(|t| {
            accepted
                .iter()
                .any(|a| normalize(t).contains(&normalize(a)))
        })
    {
        q.prompt = format!("다음 설명에 해당하는 용어를 쓰시오: {}", d.desc);
    }
    q.answer = Some(Answer::Many(accepted));
    ctx.out.push(q);
}

/// How the document spells a one-word Latin name in Hangul (카디널리티 for
/// Cardinality, 시그니처 for Signature, a particle after it or not): the
/// scorer takes such a spelling anyway, and the listed answer shows the
/// instructor and an LMS export that it is right (reviews of blind52 and
/// blind55, 2026-12-02, read "only Signature accepted").
fn hangul_spellings(doc: &super::markdown::Doc, name: &str) -> Vec<String> {
    const PARTICLES: &[&str] = &[
        "에서", "으로", "처럼", "보다", "이", "가", "을", "를", "은", "는", "의", "로", "와", "과",
        "도", "에",
    ];
    let mut out: Vec<String> = Vec::new();
    if name.len() < 4 || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return out;
    }
    for b in &doc.blocks {
        let cells = match &b.kind {
            super::markdown::BlockKind::Row { cells, .. } => cells.join(" "),
            _ => String::new(),
        };
        for run in b
            .text
            .split(|c: char| !crate::text::is_hangul(c))
            .chain(cells.split(|c: char| !crate::text::is_hangul(c)))
            .filter(|r| r.chars().count() >= 2)
        {
            let bare = PARTICLES
                .iter()
                .find_map(|p| run.strip_suffix(p).filter(|r| r.chars().count() >= 2));
            let spelt = |w: &str| {
                // Not a longer word the name ends ("고카디널리티": high
                // cardinality, its first consonant one class with the name's).
                let longer = w
                    .char_indices()
                    .nth(1)
                    .is_some_and(|(i, _)| super::translit::spells(name, &w[i..]));
                super::translit::spells_surely(name, w) && !longer
            };
            // The word without its particle when that spells the name
            // (파라미터, never "파라미터와": review of blind67).
            let w = match bare.filter(|b| spelt(b)) {
                Some(b) => b,
                None if spelt(run) => run,
                None => continue,
            };
            if !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// The name with the word a heading of the document writes after it, when
/// that word is a plain word and no other term of the week ("Placement
/// Constraints", the session's own heading: review Y of 2026-11-30).
/// Another name after the key (a term of the week) is two names, not one;
/// prose ("vault policy write", "Sigstore Gitsign") is not a name's title.
fn written_after(doc: &super::markdown::Doc, name: &str, pool: &super::Pool) -> Vec<String> {
    if name.contains(char::is_whitespace) || name.len() < 3 {
        return Vec::new();
    }
    let lower = name.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for h in &doc.headings {
        let text = h.clean.to_lowercase();
        for (i, _) in text.match_indices(&lower) {
            let before = text[..i].chars().next_back();
            if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let rest = &text[i + lower.len()..];
            let Some(after) = rest.strip_prefix(' ') else {
                continue;
            };
            let word: String = after
                .chars()
                .take_while(char::is_ascii_alphabetic)
                .collect();
            let ends = after[word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '.');
            let plain = word.len() >= 4 && ends;
            let term = pool.terms.iter().any(|(_, n, _)| *n == normalize(&word));
            // A word a heading names on its own is a thing of its own
            // ("Label Selector" beside "Namespace, Label, Selector": review
            // of blind81, 2026-12-03), not a longer name of this one.
            let alone = plain
                && doc.headings.iter().any(|g| {
                    let t = g.clean.to_lowercase();
                    t.match_indices(word.as_str()).any(|(j, _)| {
                        let prev = t[..j].trim_end_matches([' ', '`', '*']);
                        let next = t[j + word.len()..].chars().next();
                        !prev.ends_with(&lower)
                            && !prev
                                .chars()
                                .next_back()
                                .is_some_and(|c| c.is_ascii_alphanumeric())
                            && !next.is_some_and(|c| c.is_ascii_alphanumeric())
                    })
                });
            let phrase = format!("{name} {}", capitalized_like(&word, name));
            if plain && !term && !alone && !out.contains(&phrase) {
                out.push(phrase);
            }
        }
    }
    out
}

/// `word` capitalized when `name` starts with a capital ("Constraints" after
/// "Placement").
fn capitalized_like(word: &str, name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut c = word.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// Words of a title that name the one tool a session is about: a
/// capitalized Latin word standing alone between Korean words ("Vault와
/// External Secrets Operator로 ..." -> Vault), other than `name` and the
/// title's own words (Session, Day).
fn title_tools(title: &str, name: &str) -> Vec<String> {
    // A name of a list ("Liveness, Readiness, Startup Probe") is one of the
    // kinds the session teaches, not its tool: "Readiness Probe" is no
    // answer for Probe (review of blind71, 2026-12-03).
    let listed = |run: &str| {
        let Some(at) = title.find(run) else {
            return false;
        };
        let before = title[..at].trim_end_matches(' ');
        let after = title[at + run.len()..].trim_start_matches(' ');
        [',', '/', '·', '、']
            .iter()
            .any(|&c| before.ends_with(c) || after.starts_with(c))
    };
    title
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == ' ' || c == '-'))
        .map(str::trim)
        .filter(|run| {
            !run.is_empty()
                && !listed(run)
                && !run.contains(' ')
                && run.len() >= 3
                && run.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && run.chars().all(|c| c.is_ascii_alphabetic())
                && !["Session", "Day", "Week", "Part"].contains(run)
                && !normalize(run).eq(&normalize(name))
        })
        .map(str::to_string)
        .collect()
}

/// A term without its parenthesized Korean gloss: `NetworkPolicy` for
/// "NetworkPolicy (네트워크 정책)"; any other term as written.
fn latin_name(term: &str) -> &str {
    let t = term.trim();
    if let (Some(o), true) = (t.find('('), t.ends_with(')')) {
        let inner = &t[o + 1..t.len() - 1];
        if inner.chars().any(crate::text::is_hangul)
            && inner.chars().all(|c| c == ' ' || crate::text::is_hangul(c))
        {
            return t[..o].trim();
        }
    }
    t
}

fn sequence(ctx: &mut Ctx<'_>, seq: &[Def]) {
    // Runs of the same label word with increasing numbers.
    let mut start = 0;
    while start < seq.len() {
        let Some((word, mut last)) = seq_label(&seq[start].term) else {
            start += 1;
            continue;
        };
        let mut end = start + 1;
        while end < seq.len() {
            match seq_label(&seq[end].term) {
                Some((w, n)) if w == word && n > last => {
                    last = n;
                    end += 1;
                }
                _ => break,
            }
        }
        let run = &seq[start..end];
        start = end;
        // Sessions, phases and days are the timetable, not a concept.
        if super::hygiene::SCHEDULE_LABELS.contains(&word.as_str()) {
            if run.len() >= 3 {
                ctx.dropped("일정의 순서");
            }
            continue;
        }
        let mut seen = HashSet::new();
        if run.len() < 3 || !run.iter().all(|d| seen.insert(normalize(&d.desc))) {
            continue;
        }
        // Numbered steps are the author's order of telling, and neighbouring
        // steps often could swap (register the model / upload its files):
        // reviews found them not uniquely defensible. A flow the document draws
        // with arrows is asked instead.
        if !FLOW_STEP_WORDS.contains(&word.as_str()) {
            ctx.dropped("번호 붙은 단계의 순서");
            continue;
        }
        let section = run[0].section;
        let line = ctx
            .doc()
            .ancestors(section)
            .next()
            .map_or(run[0].line, |h| h.line);
        let key: String = run
            .iter()
            .map(|d| d.desc.as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}");
        let path = ctx.section_path(section);
        let mut q = ctx.question(
            "sequence",
            &key,
            Kind::Order,
            format!("「{path}」의 {word} 순서대로 다음 항목을 나열하시오."),
            line,
            section,
        );
        super::set_order(&mut q, run.iter().map(|d| d.desc.clone()));
        ctx.out.push(q);
    }
}

/// A chain's plain label: "흐름: A → B → C" -> ("흐름", "A → B → C"), when the
/// colon comes before the first arrow and both sides are non-empty.
pub(crate) fn unbold_label(text: &str) -> Option<(&str, &str)> {
    let arrow = text.find('→')?;
    let colon = text[..arrow].find(':')?;
    let (label, chain) = (text[..colon].trim(), text[colon + 1..].trim());
    (!label.is_empty() && !chain.is_empty() && label.chars().count() <= 40)
        .then_some((label, chain))
}

/// Sequence labels whose runs are stages that build on each other: none by
/// default (see `sequence`); Level runs are asked by the outline generator.
const FLOW_STEP_WORDS: &[&str] = &["Level", "Stage"];

/// Words of a sentence that tell where a step stands in an order.
const ORDER_WORDS: &[&str] = &[
    "순으로",
    "순서로",
    "역순",
    "차례로",
    "마지막으로",
    "끝으로",
    "먼저",
];

/// Words of a step that refer to the step before it.
const BACK_REFERENCES: &[&str] = &[
    "아직 ",
    "이를 ",
    "이것을 ",
    "그것을 ",
    "그 결과",
    "그다음",
    "그 다음",
    "이후 ",
    "해당 ",
];

/// Heading words that name cases of trouble: an unlabelled chain in a list
/// under them is one case (symptom → check → cause), not the section's flow.
const CASE_WORDS: &[&str] = &["증상", "트러블슈팅", "문제 해결", "장애 사례"];

/// Heading words that name a flow: an unlabelled arrow chain under them is the
/// section's flow.
const FLOW_WORDS: &[&str] = &[
    "흐름",
    "순서",
    "절차",
    "과정",
    "단계",
    "프로세스",
    "워크플로",
    "파이프라인",
    "Flow",
    "Workflow",
    "Pipeline",
];

/// The text of the one pair of parentheses that holds every arrow of
/// `chain`, when the chain starts or ends outside them.
fn bracketed(chain: &str) -> Option<&str> {
    let open = chain[..chain.find('→')?].rfind('(')?;
    let close = open + chain[open..].find(')')?;
    let inner = &chain[open + 1..close];
    (inner.matches('→').count() == chain.matches('→').count()
        && !inner.contains(['(', ')'])
        && (open > 0 || close + 1 < chain.len()))
    .then_some(inner)
}

/// `text` without what its parentheses hold (an explanation, not the step:
/// "리셋 보정(값이 감소하면 재시작으로 간주)").
pub(crate) fn unbracketed(text: &str) -> String {
    let mut depth = 0usize;
    text.chars()
        .filter(|c| match c {
            '(' => {
                depth += 1;
                false
            }
            ')' => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        })
        .collect()
}

/// Whether a step of `chain` opens a bracket it does not close, or closes one
/// it did not open.
fn parts_unbalanced(chain: &str) -> bool {
    chain.split('→').any(|p| {
        let mut depth = 0i32;
        for c in p.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return true;
            }
        }
        depth != 0
    })
}

/// Whether a step reads as a clause: three words or more ending in a Korean
/// predicate (재사용됨, 줄어든다, 가능함).
fn clause(step: &str) -> bool {
    let t = step.trim_end_matches(['.', ' ']);
    t.split_whitespace().count() >= 3
        && ["됨", "함", "다", "음", "요", "짐"]
            .iter()
            .any(|e| t.ends_with(e))
}

/// Whether a paragraph is a Korean sentence (it ends in 다. or 요.), not a
/// bare chain of steps.
fn sentence(text: &str) -> bool {
    let t = text.trim_end();
    ["다.", "요.", "다", "요"].iter().any(|e| t.ends_with(e))
}

fn arrows(ctx: &mut Ctx<'_>, b: &Block) {
    if !matches!(b.kind, BlockKind::Item { .. } | BlockKind::Para) || !b.text.contains('→') {
        return;
    }
    let (label, chain, labelled) = match definition(b) {
        Some((t, d)) => (t, d, true),
        None => match unbold_label(&b.text) {
            // "모델 교체 판단 흐름: 오프라인 평가 → ...": the label written
            // without bold is the chain's name, not part of its first step.
            Some((l, c)) => (l.to_string(), c.to_string(), true),
            None => {
                // An unlabelled chain in a list is one reason or example among
                // others (census of 2026-11-30: a bullet of "why" read as the
                // section's flow): only under a heading that names a flow.
                let flow = ctx
                    .doc()
                    .ancestors(b.section)
                    .next()
                    .is_some_and(|h| FLOW_WORDS.iter().any(|w| h.clean.contains(w)));
                if matches!(b.kind, BlockKind::Item { .. }) && !flow {
                    ctx.dropped("이름 없는 화살표 목록 항목");
                    return;
                }
                // Under a heading of symptoms ("증상별 트러블슈팅 흐름") each
                // bullet is one case: symptom → check → finding, ordered by
                // the roles of its steps, not a procedure (review T of
                // 2026-11-30).
                let cases = ctx
                    .doc()
                    .ancestors(b.section)
                    .next()
                    .is_some_and(|h| CASE_WORDS.iter().any(|w| h.clean.contains(w)));
                if matches!(b.kind, BlockKind::Item { .. }) && cases {
                    ctx.dropped("증상별 사례의 화살표");
                    return;
                }
                // A chain inside a sentence ("명세가 정한 순서는 **Bound →
                // ... → Report** 입니다."): only the bold span is the chain; the
                // sentence around it would mark the first and last steps
                // (review J of 2026-11-30).
                let span = b
                    .bold
                    .iter()
                    .filter_map(|&(s, e)| b.text.get(s..e))
                    .find(|t| t.contains('→'));
                let chain = match span {
                    // ... when the sentence says it is a scale ("성숙도는
                    // **Crawl → Walk → Run** 세 수준으로"), no flow either.
                    Some(_) if HIERARCHY_WORDS.iter().any(|w| b.text.contains(w)) => {
                        ctx.dropped("화살표가 흐름이 아니라 계층");
                        return;
                    }
                    // ... or keys of a sort ("**Phase → Wave → Kind → Name**
                    // 순서로 정렬"): coarse before fine, readable without the
                    // session, and no steps (review AA of 2026-11-30).
                    Some(_) if b.text.contains("정렬") => {
                        ctx.dropped("화살표가 정렬 기준");
                        return;
                    }
                    Some(t) => t.to_string(),
                    None if sentence(&b.text) => {
                        ctx.dropped("문장 속 화살표");
                        return;
                    }
                    None => b.text.clone(),
                };
                (ctx.section_path(b.section), chain, false)
            }
        },
    };
    // An example's arrows map things to things ("예: champion → 버전 7,
    // challenger → 버전 8"): no flow (review of 2026-11-30).
    if EXAMPLE_LABELS.contains(&normalize(&label).as_str()) {
        return;
    }
    // A chain written inside parentheses in a sentence ("stop/down은 의존성의
    // 역순(web → migrate → db)으로 멈춥니다.") is the parenthesis alone: the
    // sentence around it would be read as its first and last steps (review V
    // of 2026-11-30). Only under a label of its own ("**종료 순서**:"): the
    // section's name is not what the parenthesis orders ("삭제는 역순(...)"
    // under "볼륨이 Pod에 붙기까지의 흐름"). Brackets that do not pair up give
    // no chain.
    let chain = match bracketed(&chain) {
        Some(inner) if labelled => inner.to_string(),
        Some(_) => {
            ctx.dropped("괄호에 걸친 화살표");
            return;
        }
        None if parts_unbalanced(&chain) => {
            ctx.dropped("괄호에 걸친 화살표");
            return;
        }
        None => chain,
    };
    let parts: Vec<String> = chain.split('→').map(|p| p.trim().to_string()).collect();
    // "조건 → 선택 / 다음 조건 → 선택": a step that is a result and the next
    // condition, split by a slash, maps conditions to choices (review X).
    let mapped = |p: &String| {
        p.split(" / ").count() > 1
            && p.split(" / ")
                .all(|side| side.chars().any(crate::text::is_hangul))
    };
    if parts.iter().any(|p| p.contains(',') || mapped(p)) {
        ctx.dropped("화살표가 흐름이 아니라 대응");
        return;
    }
    // A labelled chain is a flow only when its label says so (흐름, 순서,
    // 절차 ...): "흔한 실수 1: a → b → c" is cause and effect, "서빙 패턴:
    // 배치 → 온라인 → 스트리밍" a range of alternatives, "그룹 타이머:
    // group_wait → group_interval → repeat_interval" three settings (review
    // of blind5 and blind6: all three failed as orders).
    if !FLOW_WORDS.iter().any(|w| label.contains(w)) {
        ctx.dropped("이름이 흐름을 말하지 않는 화살표");
        return;
    }
    // An order of checks ("진단 순서: DNS → Service/EndpointSlice →
    // kube-proxy 규칙 → NetworkPolicy → CNI/노드") is the author's habit, not
    // a flow where each step needs the one before: another order of the same
    // checks is defensible (review of blind60, 2026-12-02).
    if ["진단", "점검", "디버깅", "트러블슈팅", "확인 순서", "조사"]
        .iter()
        .any(|w| label.contains(w))
    {
        ctx.dropped("권장 점검 순서는 묻지 않음");
        return;
    }
    // A hierarchy or a scale written with arrows ("시크릿 계층: Organization →
    // Repository → Environment") has no one direction (review of blind4).
    if HIERARCHY_WORDS.iter().any(|w| label.contains(w)) {
        ctx.dropped("화살표가 흐름이 아니라 계층");
        return;
    }
    // Steps that carry their numbers (Build L1 → L2 → L3) give the order away.
    if numbered_in_order(&parts) {
        ctx.dropped("번호가 순서를 알려 줌");
        return;
    }
    // The first or last step carrying the sentence around the chain ("소스
    // COPY 순서여야 캐시 레이어가 재사용됨") marks its own place (review R of
    // 2026-11-30).
    if [parts.first(), parts.last()]
        .into_iter()
        .flatten()
        .any(|p| clause(p))
    {
        ctx.dropped("문장이 붙은 단계");
        return;
    }
    // A step holding the sentence's words of order ("COPY . . 순으로 …
    // 복사", "Operator 및 CRD 제거 (역순이면 고착 발생)") marks its own place
    // (review Z of 2026-11-30).
    // Inside parentheses an order word explains the step itself ("Wave(낮은
    // 숫자 먼저)"); 역순 there still speaks of the sequence.
    if parts
        .iter()
        .any(|p| p.contains("역순") || ORDER_WORDS.iter().any(|w| unbracketed(p).contains(w)))
    {
        ctx.dropped("문장이 붙은 단계");
        return;
    }
    // A step that points back at the one before it ("이를 참조하는 하위
    // 변수 재쿼리") tells its own place (review V of 2026-11-30).
    // So does a step that reacts to the one before under a condition ("아직
    // 살아 있으면 SIGKILL", "목록에 없으면 첫 값으로 리셋"; reviews V and W).
    if parts.iter().skip(1).any(|p| {
        BACK_REFERENCES
            .iter()
            .any(|w| p.starts_with(w) || p.contains(&format!(" {w}")))
            || unbracketed(p)
                .split_whitespace()
                .any(|w| w.ends_with('면') && w.chars().count() >= 3)
            // "실패 시 거부 → 성공 시 … 생성": the outcomes of one check
            // are branches, either can be last (review AC of 2026-11-30).
            || unbracketed(p).split_whitespace().nth(1) == Some("시")
    }) {
        ctx.dropped("앞 단계를 가리키는 단계");
        return;
    }
    // Six steps or more: some are independent and could swap (keyless
    // signing: the key pair and the OIDC token; review of blind4).
    if parts.len() > MAX_FLOW_STEPS {
        ctx.dropped("단계가 너무 많은 흐름");
        return;
    }
    let mut seen = HashSet::new();
    let ok = parts.len() >= 3
        && parts.len() <= OPTION_IDS.len()
        && parts.iter().all(|p| {
            let n = p.chars().count();
            (1..=40).contains(&n) && seen.insert(normalize(p))
        });
    if !ok {
        return;
    }
    let key = chain.clone();
    // A label that is only a flow word or two ("**흐름**:", "**검증 단계**:")
    // says nothing of which flow, and a session has several: the section it
    // stands in names it (review AC of 2026-11-30).
    // The nearest heading, without a closing parenthesis ("RollingUpdate 진행
    // 과정 (maxSurge 1, ...)"), names it; a heading that is itself a flow is
    // the title alone, and a list of key terms says nothing more.
    let title = match ctx.doc().ancestors(b.section).next() {
        Some(h)
            if labelled
                && label.split_whitespace().count() <= 2
                && FLOW_WORDS.iter().any(|w| label.contains(w))
                && !h.clean.contains("키워드")
                && !h.clean.contains("용어") =>
        {
            let heading = match h.clean.trim_end().strip_suffix(')') {
                Some(open) => open
                    .rsplit_once(" (")
                    .map_or(h.clean.as_str(), |(head, _)| head),
                None => h.clean.as_str(),
            }
            .trim();
            // "**흐름**:" under "카나리 업데이트 흐름" is that flow, and so is
            // "**알림 흐름**:" under "알림 처리 흐름"; "**CI 흐름**:" and "**CD
            // 흐름**:" under "파이프라인 흐름" are two of its flows.
            let within = label
                .split_whitespace()
                .filter(|w| !FLOW_WORDS.contains(w))
                .all(|w| heading.contains(w));
            // A session's heading in a day's overview ("Session 7: 프로덕션
            // 운영 — …") names its topic without its number.
            let heading = super::explain::topic_of(heading).unwrap_or_else(|| heading.to_string());
            if within && FLOW_WORDS.iter().any(|w| heading.contains(w)) {
                heading
            } else {
                format!("{heading} > {label}")
            }
        }
        _ => label.clone(),
    };
    // Which tool's flow: the document's topic when the title names no tool
    // ("업그레이드 순서" of Linkerd beside kubeadm's on one sheet: review of
    // blind73, 2026-12-03).
    let prompt = match ctx.doc_topic().filter(|t| {
        !title.contains(t.as_str())
            && !title
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_alphabetic()))
    }) {
        Some(topic) => format!("「{topic}」 단원의 「{title}」의 단계를 순서대로 나열하시오."),
        None => format!("「{title}」의 단계를 순서대로 나열하시오."),
    };
    let mut q = ctx.question("arrow", &key, Kind::Order, prompt, b.line, b.section);
    // A note in parentheses on one step of many ("데이터 플레인(재시작)")
    // marks it: steps are shown alike, their notes left out.
    let noted = parts.iter().filter(|p| p.trim_end().ends_with(')')).count();
    let parts: Vec<String> = if noted > 0 && noted * 2 < parts.len() {
        parts
            .iter()
            .map(|p| {
                let t = p.trim_end();
                match t.strip_suffix(')').and_then(|o| o.rsplit_once('(')) {
                    Some((head, _)) if !head.trim().is_empty() => head.trim().to_string(),
                    _ => p.clone(),
                }
            })
            .collect()
    } else {
        parts.clone()
    };
    super::set_order(&mut q, parts.iter().cloned());
    ctx.out.push(q);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_names_its_tool_not_the_kinds_it_lists() {
        assert_eq!(
            title_tools("Session 2: Vault 정책 설계", "Policy"),
            vec!["Vault"]
        );
        assert!(
            title_tools(
                "Session 3: 헬스 체크 설계 - Liveness, Readiness, Startup Probe",
                "Probe"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_longer_name_in_a_heading_is_not_a_thing_the_title_names_alone() {
        let pool = super::super::Pool::new(Vec::new());
        let doc = super::super::markdown::parse(
            "# Namespace, Label, Selector\n\n## Label Selector vs Field Selector\n\n## Vault Policy 작성\n",
        );
        assert!(written_after(&doc, "Label", &pool).is_empty());
        assert_eq!(written_after(&doc, "Vault", &pool), vec!["Vault Policy"]);
    }

    #[test]
    fn a_note_in_parentheses_is_taken_out() {
        assert_eq!(unbracketed("min/max (값은 문자열)"), "min/max ");
        assert_eq!(unbracketed("a (b (c)) d"), "a  d");
    }

    #[test]
    fn a_hangul_spelling_is_listed_without_its_particle() {
        let doc = super::super::markdown::parse(
            "# T\n\n- **파라미터와 아티팩트**의 차이\n- 파이프라인 파라미터를 입력으로 받음\n",
        );
        assert_eq!(hangul_spellings(&doc, "Parameter"), vec!["파라미터"]);
    }

    #[test]
    fn glossary_headings_are_no_topics() {
        for h in [
            "핵심 키워드",
            "핵심 용어 (Glossary)",
            "용어 사전",
            "사전 용어 정리",
            "Key terms",
            "핵심 개념",
            "용어",
        ] {
            assert!(glossary_heading(h), "{h}");
        }
        for h in [
            "Feast 핵심 개념",
            "스토리지 용어",
            "Context Propagation",
            "3-1. 아키텍처",
        ] {
            assert!(!glossary_heading(h), "{h}");
        }
    }

    #[test]
    fn numbered_steps_give_their_order() {
        let parts = |s: &[&str]| s.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert!(numbered_in_order(&parts(&[
            "Build L1(provenance)",
            "L2(서명)",
            "L3(격리)"
        ])));
        assert!(!numbered_in_order(&parts(&["빌드", "테스트", "배포"])));
        assert!(!numbered_in_order(&parts(&[
            "포트 8080",
            "포트 80",
            "배포"
        ])));
        // Review AA: sync waves, negative first.
        assert!(numbered_in_order(&parts(&[
            "CRD/Namespace(wave -2)",
            "Secret·ConfigMap(-1)",
            "DB StatefulSet(0)",
            "API Deployment(1)",
            "Ingress(2)"
        ])));
        // A hyphen inside a name is no sign.
        assert!(!numbered_in_order(&parts(&["node-2", "node-1", "배포"])));
    }

    /// Review AA of 2026-11-30: a flag named after its condition.
    #[test]
    fn a_flag_named_after_its_condition_is_not_typed() {
        assert!(flag("isEstimated", "추정한 값이면 true. 리포트에 표기"));
        assert!(flag("hasSynced", "동기화했으면 True"));
        assert!(!flag("isEstimated", "추정값인지 나타내는 필드"));
        assert!(!flag("Istio", "값이 true이면 사이드카 주입"));
        assert!(!flag("selfHeal", "true면 live 변경을 되돌림"));
    }

    /// Review V of 2026-11-30: a chain in parentheses inside a sentence.
    #[test]
    fn a_chain_in_parentheses_is_the_parenthesis() {
        let s = "docker compose stop/down은 의존성의 역순(web → migrate → db)으로 멈춥니다.";
        assert_eq!(bracketed(s), Some("web → migrate → db"));
        assert_eq!(bracketed("A(설명) → B → C"), None);
        assert!(!parts_unbalanced("A(설명) → B(x, y) → C"));
        assert!(parts_unbalanced("역순(web → migrate) → db"));
        assert_eq!(bracketed("역순(web → migrate) → db"), None);
        assert_eq!(unbracketed("리셋 보정(값이 감소하면 재시작)"), "리셋 보정");
    }
}
