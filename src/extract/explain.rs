//! Short written answers the instructor scores against the document's own
//! text (issue 12, twelfth round): "compare these things on these aspects"
//! from parallel outline branches and comparison tables (`compare`), and
//! "what causes this symptom and how is it fixed" from troubleshooting
//! tables and outline branches written 증상 / 원인 / 해결 (`symptom`).
//!
//! Why essays: over fifteen first-sight reviews of documents nobody had tuned
//! on, questions scored by a key were sound about one time in three (the
//! failures were meaning: a second defensible option, a value restating its
//! name), and the discussion essays every time (63 of 63). The material that
//! failed as a key (a branch's 주의, a table's cells, a symptom's cause) is
//! what these ask in writing; the document's cells are the reference answer
//! (`feedback`, shown to the grader in `quiz review` and `/teach/review`, and
//! to the student after a practice answer), with no keyword rubric: rubrics
//! made of the document's words scored substantive answers 0 (blind4-5).

use super::markdown::{BlockKind, Doc};
use super::outline::Node;
use super::{Ctx, Script, hygiene};
use crate::model::Kind;
use crate::text::{near_equal_normalized, normalize};
use std::collections::BTreeMap;

/// Points of a generated comparison or symptom essay: more than a choice, less
/// than a discussion.
pub const POINTS: f64 = 3.0;

/// At most this many things are compared in one essay, on at most this many
/// aspects: a longer answer is a report, not a quiz item.
const MAX_THINGS: usize = 3;
const MAX_ASPECTS: usize = 3;

/// Aspects that only name or define a thing, besides
/// [`hygiene::DEFINING_LABELS`]: compared alone they ask for the names again
/// ("목적: 항상 유지" under `always`). A comparison needs one aspect besides
/// these.
const NAMING: &[&str] = &["방식", "구현", "원리", "뜻", "이름", "명칭"];

fn naming(label: &str) -> bool {
    listed(hygiene::DEFINING_LABELS, label) || listed(NAMING, label)
}

/// Aspects never compared, besides the columns of examples and notes
/// ([`super::tables::EXAMPLE_HEADERS`]): a definition, a summary, a step
/// number.
const NEVER: &[&str] = &[
    "설명",
    "의미",
    "정의",
    "개념",
    "내용",
    "요약",
    "링크",
    "출처",
    "번호",
    "순서",
    "단계",
    // Trivia: who makes or governs a thing, its standard number, its year
    // ("제공: Aqua Security", "표준화: ECMA-424"); and headers that say no
    // aspect as a prompt shows them ("질문 측면", "출발점 측면"; review AQ
    // of 2026-12-01).
    "제공",
    "제공사",
    "제공처",
    "공급사",
    "주관",
    "개발사",
    "벤더",
    "제조사",
    "표준화",
    "후원",
    "출시",
    "연도",
    "라이선스",
    "라이센스",
    "주체",
    "소속",
    "출발점",
    "기원",
    "역사",
    "질문",
    // A vendor's product name for the thing (AWS | 명칭: Spot Instances):
    // recalled, not understood (review of blind47, 2026-12-02).
    "명칭",
    "제품명",
    "상품명",
    // The author's metaphor for a thing ("비유: 주문서"; review of blind48).
    "비유",
    // Before and after (최적화 전 | 최적화 후: one case's measurements, 24분 /
    // 7분, recalled, not understood; review AS of 2026-12-01).
    "전",
    "후",
    "이전",
    "이후",
    "기존",
    "before",
    "after",
    // How a dashboard shows a thing (쿼리/데이터 | 시각화: a query's code, a
    // chart type; review AT of 2026-12-01).
    "쿼리",
    "시각화",
    // Where the course treats it, and a feature's release status ("✅ GA"):
    // recalled, not understood (review of blind54, 2026-12-02).
    "다루는 세션",
    "관련 세션",
    "세션",
    "현재 상태",
    "지원 상태",
];

/// A column of defaults ("기본값: 5 (초)" beside "60 (초)": review of
/// blind119, 2026-12-03) is recalled, as the which-row choices never ask
/// it; a default behaviour named as such ("mTLS 기본값") is an aspect.
fn defaults(label: &str) -> bool {
    super::tables::DEFAULT_HEADERS.contains(&bare(label).trim().to_lowercase().as_str())
}

fn never(label: &str) -> bool {
    listed_word(NEVER, label) || listed_word(super::tables::EXAMPLE_HEADERS, label)
}

/// Names that are no things to compare: a table of rules and their
/// examples, of values and their meanings, of before and after.
const GENERIC: &[&str] = &[
    "규칙",
    "값",
    "형식",
    "기본값",
    "권장",
    "권장값",
    "비고",
    "특징",
    "장점",
    "단점",
    "주의",
    "before",
    "after",
    "전",
    "후",
    "기존",
    "개선",
];

/// First headers of a table whose rows are categories, not things.
const CATEGORY_HEADERS: &[&str] = &["분류", "카테고리", "범주", "영역", "category"];

/// Labels of a symptom (the first column of a troubleshooting table, or an
/// outline leaf's aspect).
const SYMPTOM: &[&str] = &[
    "증상",
    "문제",
    "현상",
    "상황",
    "오류",
    "에러",
    "장애",
    "문제 상황",
    "오류 메시지",
    "에러 메시지",
    "증상 / 문제",
];

/// Whether a table's first header names symptoms: one of [`SYMPTOM`], or
/// parts of them joined by a slash ("증상 / 에러 메시지").
fn symptom_header(label: &str) -> bool {
    listed(SYMPTOM, label) || {
        let parts: Vec<&str> = label.split('/').map(str::trim).collect();
        parts.len() > 1 && parts.iter().all(|p| listed(SYMPTOM, p))
    }
}

/// Whether a label names a symptom's cause.
fn is_cause(label: &str) -> bool {
    let n = normalize(label);
    n.contains("원인") || n == "이유"
}

/// Whether a label names a symptom's remedy.
fn is_fix(label: &str) -> bool {
    let n = normalize(label);
    ["해결", "대응", "조치", "해법", "대처", "수정", "개선"]
        .iter()
        .any(|w| n.contains(w))
}

/// Whether a label names a symptom's cause or its remedy.
pub fn is_cause_or_fix(label: &str) -> bool {
    is_cause(label) || is_fix(label)
}

/// A label's text without a parenthesis ("주의 (운영)" -> 주의).
fn bare(label: &str) -> &str {
    label.split_once(" (").map_or(label, |(a, _)| a).trim()
}

fn listed(list: &[&str], label: &str) -> bool {
    let n = normalize(bare(label));
    list.iter().any(|l| normalize(l) == n)
}

/// Whether a label is, or starts or ends with a word of, `list` ("예시 값",
/// "사용 예시" like 예시).
fn listed_word(list: &[&str], label: &str) -> bool {
    // "쿼리/데이터" like 쿼리: a slash parts words too.
    let words: Vec<&str> = bare(label)
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    listed(list, label)
        || words.first().is_some_and(|w| listed(list, w))
        || words.last().is_some_and(|w| listed(list, w))
}

/// A cell or leaf as the reference answer shows it: runs of spaces (a
/// table aligned by hand) as one.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `value` says nothing: empty, a dash, "위와 동일", a dash with a
/// note on why ("— (분모, 비즈니스 단위로 고정)": review of blind67).
fn empty(value: &str) -> bool {
    let n = normalize(value);
    let dash_note = value
        .trim()
        .strip_prefix(['—', '–', '-'])
        .is_some_and(|rest| rest.trim_start().starts_with(['(', '（']));
    dash_note
        || n.is_empty()
        || [
            "-", "—", "–", "n/a", "na", "?", "x", "o", "✅", "❌", "○", "×",
        ]
        .contains(&n.as_str())
        || n == normalize("해당 없음")
        // "(없음)" for a row without the thing (review of blind121).
        || ["(없음)", "（없음）"].contains(&value.trim())
        || n.contains(&normalize("위와 동일"))
        || n.contains(&normalize("위와 같음"))
        || n == normalize("상동")
}

/// "A, B와 C를" for the names to compare; None when a particle cannot be
/// told (after most Latin names: "Reusable Workflow과(와)" is no Korean,
/// review of blind46, 2026-12-02).
fn names_object(names: &[String]) -> Option<String> {
    let list = match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!(
            "{}{} {last}",
            init.join(", "),
            wa_gwa(&init[init.len() - 1])?
        ),
    };
    let last = names.last().map_or("", String::as_str);
    let particle = match crate::text::batchim_guess(last)? {
        true => "을",
        false => "를",
    };
    Some(format!("{list}{particle}"))
}

/// 과 / 와 after a word; None when it cannot be told.
fn wa_gwa(word: &str) -> Option<&'static str> {
    crate::text::batchim_guess(word).map(|b| if b { "과" } else { "와" })
}

/// One thing to compare: its name and its aspects (label, value) in order.
struct Thing {
    name: String,
    /// The name as the document writes it (a symptom is asked whole).
    raw: String,
    line: usize,
    aspects: Vec<(String, String)>,
}

/// The comparison essay over `things` (two or more), on the aspects all of
/// them have and whose values differ: at most [`MAX_THINGS`] things and
/// [`MAX_ASPECTS`] aspects, one of them not a naming aspect. `None` (and the
/// reason) when there is nothing to compare.
fn comparison(things: &[Thing], title: &str) -> Result<(Vec<usize>, Vec<String>), &'static str> {
    // A column of what goes wrong without each row ("빼면 생기는 일",
    // "없으면 생기는 일": reviews of blind112 and blind113, 2026-12-03) is
    // a table of separate settings, each needed: no alternatives to compare.
    const WITHOUT: &[&str] = &[
        "생기는 일",
        "생기는 문제",
        "빼면",
        "안 하면",
        "하지 않으면",
        "놓치면",
    ];
    if things
        .iter()
        .flat_map(|t| &t.aspects)
        .any(|(label, _)| WITHOUT.iter().any(|w| label.contains(w)))
    {
        return Err("각 항목이 없을 때를 말하는 표");
    }
    // A heading that calls its figures approximate holds no figure to ask.
    let rough = super::tables::rough_figures(title);
    // Aspects (normalized) -> (label, holders).
    let mut by: BTreeMap<String, (String, Vec<usize>, usize)> = BTreeMap::new();
    for (t, thing) in things.iter().enumerate() {
        for (k, (label, value)) in thing.aspects.iter().enumerate() {
            if empty(value)
                || never(label)
                || defaults(label)
                || super::tables::approximate(value)
                || super::tables::recalled(value)
                || code_name(value)
                || (rough && value.contains(|c: char| c.is_ascii_digit()))
            {
                continue;
            }
            let e = by
                .entry(normalize(bare(label)))
                .or_insert_with(|| (bare(label).to_string(), Vec::new(), k));
            if !e.1.contains(&t) {
                e.1.push(t);
            }
        }
    }
    // An aspect with a release note or a rating in any of its values is
    // trivia or the author's judgment throughout ("성숙도: Istio 1.24에서
    // GA", "E 감소: 중 / 높음 / 낮음": reviews of blind65 and blind67).
    // A condition is no dimension either: rows of independent settings
    // under "true일 때 / false일 때" are no alternatives (review of blind68).
    for thing in things {
        for (label, value) in &thing.aspects {
            if super::tables::release_note(value)
                || super::tables::rating(value)
                || condition(label)
                || depends(value)
            {
                by.remove(&normalize(bare(label)));
            }
        }
    }
    // The things holding the most shared aspects, in document order.
    let shared: Vec<&(String, Vec<usize>, usize)> =
        by.values().filter(|(_, h, _)| h.len() >= 2).collect();
    let holders: Vec<usize> = (0..things.len())
        .filter(|t| shared.iter().filter(|(_, h, _)| h.contains(t)).count() >= 2)
        .collect();
    if holders.len() < 2 {
        return Err("비교할 공통 항목이 없음");
    }
    let value = |t: usize, label: &str| -> Option<&str> {
        things[t]
            .aspects
            .iter()
            .find(|(l, _)| normalize(bare(l)) == normalize(label))
            .map(|(_, v)| v.as_str())
    };
    // The aspects on which every two of `chosen` differ, best first.
    let aspects_of = |chosen: &[usize]| -> Vec<String> {
        let mut aspects: Vec<(usize, String)> = shared
            .iter()
            .filter(|(label, holders, _)| {
                chosen.iter().all(|t| holders.contains(t))
                    && chosen
                        .iter()
                        .all(|&t| !names_its_value(&things[t].name, value(t, label).unwrap_or("")))
                    && !chosen
                        .iter()
                        .all(|&t| in_title(title, value(t, label).unwrap_or("")))
                    && !alike(
                        &chosen
                            .iter()
                            .filter_map(|&t| value(t, label))
                            .collect::<Vec<_>>(),
                    )
                    && {
                        // Values that differ between every two things compared.
                        let values: Vec<String> = chosen
                            .iter()
                            .filter_map(|&t| value(t, label))
                            .map(normalize)
                            .collect();
                        values.len() == chosen.len()
                            && values.iter().enumerate().all(|(i, a)| {
                                values[i + 1..]
                                    .iter()
                                    .all(|b| a != b && !near_equal_normalized(a, b))
                            })
                    }
            })
            .map(|(label, _, k)| (*k, label.clone()))
            .collect();
        aspects.sort();
        // Aspects that say more than the name first, then the document's order.
        aspects.sort_by_key(|(_, l)| naming(l));
        aspects
            .into_iter()
            .map(|(_, l)| l)
            .take(MAX_ASPECTS)
            .collect()
    };
    // The first things in document order, unless another choice of as many
    // differs on more aspects (a driver table's first rows, "bridge (기본)"
    // and "bridge (사용자 정의)", share their scope and overhead: review of
    // blind46, 2026-12-02). Tables are short; the choices are few.
    // The first thing is always one of them: the table's lead subject (PV
    // above PVC and StorageClass; review of blind48 found CSIDriver compared
    // in its place).
    // As many things as before (never two of a longer table: the two that
    // differ most are a narrower question than the table asks, and its
    // which-row choices stay).
    // Numbered things (SEV1-4, Level 1-5) are a scale: only its first ones,
    // never SEV1, SEV3 and SEV4.
    let size = holders.len().min(MAX_THINGS);
    let scale = things
        .iter()
        .all(|t| t.name.chars().any(|c| c.is_ascii_digit()));
    let choices = if scale {
        vec![holders[..size].to_vec()]
    } else {
        combinations(&holders, size)
    };
    let mut best: (Vec<usize>, Vec<String>) = (Vec::new(), Vec::new());
    for chosen in choices.into_iter().filter(|c| c.first() == holders.first()) {
        let aspects = aspects_of(&chosen);
        if aspects.len() > best.1.len() {
            best = (chosen, aspects);
        }
        if best.1.len() == MAX_ASPECTS {
            break;
        }
    }
    let (chosen, aspects) = best;
    if aspects.len() < 2 {
        return Err("비교할 공통 항목이 없음");
    }
    if aspects.iter().all(|l| naming(l)) {
        return Err("비교 항목이 이름을 풀어 쓸 뿐");
    }
    Ok((chosen, aspects))
}

/// Whether a value is a name in code: an identifier of parts
/// (`container-image-tag`) or joined words (`pullPolicyNotAlways`). Which
/// tool writes which is recalled, not compared (review of blind97,
/// 2026-12-03: kube-score and Polaris check IDs "compared").
fn code_name(value: &str) -> bool {
    let v = value.trim().trim_matches('`');
    let joined = v.chars().count() >= 8
        && v.starts_with(|c: char| c.is_ascii_lowercase())
        && v.chars().all(|c| c.is_ascii_alphanumeric())
        && v.chars()
            .zip(v.chars().skip(1))
            .filter(|(a, b)| a.is_ascii_lowercase() && b.is_ascii_uppercase())
            .count()
            >= 2;
    // Kebab-case of three parts or more; a file's name (memory.max,
    // memory.limit_in_bytes) is what a row is about, not a label.
    let kebab = !v.contains(char::is_whitespace)
        && v.is_ascii()
        && v.split('-').filter(|p| !p.is_empty()).count() >= 3
        && !v.contains(['.', '/']);
    // A property key of four parts or more (`sonar.go.coverage.reportPaths`:
    // review of blind116, 2026-12-03, "which setting each language uses" is
    // recalled, not compared); a field's path (`resources.requests.storage`)
    // is what a row is about.
    let property = !v.contains(char::is_whitespace)
        && v.is_ascii()
        && v.split('.').filter(|p| !p.is_empty()).count() >= 4
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    kebab || joined || property
}

/// Whether a value says it depends ("설치 방식에 따라 다름", "환경에 따라
/// 다름"): the aspect has no answer to compare (review of blind98,
/// 2026-12-03: an IPPool default "설치 방식에 따라 다름").
fn depends(value: &str) -> bool {
    let v = super::terms::unbracketed(value);
    let v = v.trim().trim_end_matches('.').trim_end();
    [
        "따라 다름",
        "따라 다르다",
        "따라 다릅니다",
        "따라 달라짐",
        "따라 상이",
    ]
    .iter()
    .any(|e| v.ends_with(e))
        || v.contains("경우에 따라")
}

/// Whether the heading over a comparison names a value of it ("kubelet"
/// and "kube-scheduler" in 「스케줄러와 kubelet의 역할 분담」: review of
/// blind97, 2026-12-03): a short value sharing a word with the title.
fn in_title(title: &str, value: &str) -> bool {
    let words = hygiene::name_words(value);
    let title_words = hygiene::content_words(title);
    !value.trim().is_empty()
        && hygiene::content_words(value).len() <= 3
        && words
            .iter()
            .filter(|w| w.chars().count() >= 3)
            .any(|w| hygiene::share(std::slice::from_ref(w), &title_words))
}

/// Whether an aspect's label is a condition ("true일 때", "false인 경우",
/// "활성화 시"), not a dimension things differ by.
fn condition(label: &str) -> bool {
    let l = bare(label).trim().trim_matches('`').to_lowercase();
    // A question is no dimension either: "언제 쓰나", "누가 만드는가",
    // "건드려도 되나?", "너무 작으면" pasted before "측면에서" is no Korean
    // (reviews of blind79-81, 2026-12-03).
    const SIDES: &[&str] = &[
        "측면", "화면", "단면", "이면", "표면", "전면", "후면", "정면", "장면",
    ];
    let clause = l.contains(' ')
        && (["나", "는가", "은가", "인가", "까"]
            .iter()
            .any(|e| l.ends_with(e))
            || (l.ends_with('면') && !SIDES.iter().any(|e| l.ends_with(e)))
            || ["언제 ", "누가 ", "무엇", "왜 ", "어떻게 ", "어디"]
                .iter()
                .any(|w| l.starts_with(w)));
    // A phrase ending in a particle of direction or place is an adverb ("다른
    // 네임스페이스로", of a table of restores: review of blind125,
    // 2026-12-03, "다른 네임스페이스로 측면에서" is no Korean).
    let last = l.rsplit(' ').next().unwrap_or("");
    let adverb = l.contains(' ')
        && last.chars().all(crate::text::is_hangul)
        && (["으로", "에서", "에게", "까지", "부터"]
            .iter()
            .any(|e| last.ends_with(e))
            || (last.ends_with('로')
                && last.chars().count() >= 4
                && !["플로", "경로", "프로"].iter().any(|e| last.ends_with(e))));
    // A setting written as code ("`container: job`": review of blind133,
    // 2026-12-03, "…를 구성, container: job, 필요 권한 측면에서") is no
    // dimension a sentence can name.
    let setting = label.contains(':') || label.contains('：');
    adverb
        || setting
        || ((clause || l.ends_with('?')) && clause_as_noun(label).is_none())
        || ["일 때", "인 경우", "일때"].iter().any(|e| l.ends_with(e))
        || matches!(
            l.as_str(),
            "true" | "false" | "on" | "off" | "활성" | "비활성"
        )
}

/// A question of when a table's column asks, as a noun a prompt can
/// put before "측면에서": "언제 쓰나" -> "사용 시점" (review of blind79,
/// 2026-12-03: "…를 언제 쓰나, 흔한 실수 측면에서" is no Korean). None for
/// any other clause ("누가 만드는가" asked the author's team labels: review
/// of blind80).
fn clause_as_noun(label: &str) -> Option<String> {
    let l = bare(label).trim().trim_end_matches(['?', '？']).trim();
    let head = l.strip_prefix("언제 ")?;
    let stem = ["는가", "나"].iter().find_map(|e| head.strip_suffix(e))?;
    // "쓰는 경우" after "다음을" reads as "when you use the following"
    // (review of blind101, 2026-12-03): a noun of time, 사용 시점.
    (!stem.is_empty() && !stem.contains(' ') && stem.chars().all(crate::text::is_hangul)).then(
        || match stem {
            "쓰" | "사용하" => "사용 시점".to_string(),
            _ => format!("{stem}는 시점"),
        },
    )
}

/// The choices of `size` of `items` in order, the first ones first; at most
/// 64 of them.
fn combinations(items: &[usize], size: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut idx: Vec<usize> = (0..size).collect();
    if size == 0 || size > items.len() {
        return out;
    }
    loop {
        out.push(idx.iter().map(|&i| items[i]).collect());
        if out.len() >= 64 {
            return out;
        }
        // The rightmost index that can still move right.
        let Some(i) = (0..size).rev().find(|&i| idx[i] < items.len() - size + i) else {
            return out;
        };
        idx[i] += 1;
        for j in i + 1..size {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

/// Whether a thing's name says its value for an aspect: its letters in the
/// value's code (`Param` | `log_param, log_params`), or a short value (two
/// words at most) sharing a word with it, as written, translated or spelled
/// in Hangul (review AF of 2026-12-01). A longer value that merely mentions
/// the name ("Ingress API는 기능 동결 상태 → …") still asks something.
fn names_its_value(name: &str, value: &str) -> bool {
    let bare_name = bare(name);
    let words = hygiene::content_words(value);
    let named = hygiene::name_words(bare_name);
    if words.len() <= 2
        && (hygiene::share(&words, &named) || hygiene::translates_part(bare_name, value))
    {
        return true;
    }
    // A name of parts spelled out by its value: half the words of a short
    // value are the name's (aws-access-token | AWS Access Key ID,
    // slack-bot-token | Slack Bot 토큰: review of blind97, 2026-12-03).
    let parts = named.iter().filter(|w| w.chars().count() >= 3).count();
    let words = hygiene::content_words(&super::terms::unbracketed(value));
    let spelled = words
        .iter()
        .filter(|w| hygiene::share(std::slice::from_ref(*w), &named))
        .count();
    if parts >= 2 && words.len() <= 4 && spelled >= 2 && 2 * spelled >= words.len() {
        return true;
    }
    let letters: String = bare_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    letters.len() >= 3
        && value
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| w.contains('_') || w.len() > letters.len())
            .any(|w| w.to_ascii_lowercase().contains(&letters))
}

/// Whether the values of an aspect are one pattern with a word changed
/// (`${{ runner.os }}-npm-` / `-pip-` / `-go-`; "annotation" for every
/// filter): two of them share two thirds of the shorter one's words, so
/// there is nothing to compare (review AE of 2026-12-01).
fn alike(values: &[&str]) -> bool {
    let words: Vec<Vec<String>> = values
        .iter()
        .map(|v| {
            v.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(normalize)
                .collect()
        })
        .collect();
    words.iter().enumerate().any(|(i, a)| {
        words[i + 1..].iter().any(|b| {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            let common = short.iter().filter(|w| long.contains(w)).count();
            !short.is_empty() && 3 * common >= 2 * short.len() && short.len() >= 2
        })
    })
}

/// Whether `things` are symptoms with their causes and remedies ("Permission
/// denied" | 원인 | 해결): every thing has a cause, and nothing else but
/// remedies, checks and cautions. Each is asked as a symptom, not compared
/// (reviews AH and AI of 2026-12-01: "비교하여" over three errors). Things
/// with a remedy and no cause ("타이밍/비동기" | 해결) are causes themselves:
/// neither (review AI: a cause asked as a symptom).
fn symptoms_by_name(things: &[Thing]) -> bool {
    let other = |l: &str| {
        let n = normalize(l);
        ["확인", "진단", "점검", "명령", "주의"]
            .iter()
            .any(|w| n.contains(w))
    };
    // A 원인, not a reason (이유): a limitation's reason ("1024 미만 포트
    // 바인딩 불가 | privileged port 제한 | …" under 제약 | 이유 | 대응) is
    // no symptom's cause (review of blind73, 2026-12-03).
    let cause = |t: &Thing| {
        t.aspects
            .iter()
            .any(|(l, v)| normalize(l).contains("원인") && !empty(v))
    };
    // Two errors with their causes at least, every other entry with a
    // remedy ("Multi-Attach error" with 해결 1, 해결 2 and 노드 장애 시).
    // Entries with checks only ("Job이 BackoffLimitExceeded로 실패" with its
    // 확인: review AK of 2026-12-01) are part of the list, not asked.
    things.iter().filter(|t| cause(t)).count() >= 2
        && things.iter().filter(|t| !t.aspects.is_empty()).all(|t| {
            t.aspects
                .iter()
                .all(|(l, _)| is_cause(l) || is_fix(l) || other(l))
        })
}

/// Whether `things` are causes with their remedies and nothing to compare
/// ("타이밍/비동기" with a description and "해결: …"): no essay at all.
fn remedies_only(things: &[Thing]) -> bool {
    !things.is_empty()
        && things
            .iter()
            .all(|t| !t.aspects.is_empty() && t.aspects.iter().all(|(l, _)| is_fix(l)))
}

/// Ask each of `things` as a symptom, its name the symptom. A choice of
/// "which symptom has this cause" over them would answer the essays.
fn push_named_symptoms(ctx: &mut Ctx<'_>, title: &str, things: &[Thing], section: Option<usize>) {
    cover(ctx, things);
    for t in things.iter().filter(|t| !t.aspects.is_empty()) {
        // The name as written ("\"...(Unauthorized)\" → 401"), without a
        // label of its own ("증상: 엔티티가 …": review AJ of 2026-12-01).
        let symptom = match t.raw.split_once(": ") {
            Some((label, rest)) if listed(SYMPTOM, label) => rest,
            _ => t.raw.as_str(),
        };
        let (cause, fix) = (all_of(&t.aspects, &is_cause), all_of(&t.aspects, &is_fix));
        push_symptom(
            ctx,
            title,
            "증상",
            symptom,
            cause.as_deref(),
            fix.as_deref(),
            t.line,
            section,
        );
    }
}

/// Every value of the aspects `f` accepts, joined: a session that lists two
/// causes ("원인: …" twice) expects either (review AJ: the reference kept the
/// first one only).
fn all_of(aspects: &[(String, String)], f: &dyn Fn(&str) -> bool) -> Option<String> {
    let values: Vec<&str> = aspects
        .iter()
        .filter(|(l, v)| f(l) && !empty(v))
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join("; "))
}

/// Record that an essay asks about `things`: a which-branch or which-row
/// choice among them would ask one of its facts ([`asks_a_compared_fact`]).
fn cover(ctx: &mut Ctx<'_>, things: &[Thing]) {
    ctx.compared
        .push(things.iter().map(|t| normalize(bare(&t.name))).collect());
}

/// Push the comparison essay of `things` under `title`.
fn push_comparison(
    ctx: &mut Ctx<'_>,
    title: &str,
    things: &[Thing],
    line: usize,
    section: Option<usize>,
) {
    if lab_plan(title) {
        ctx.dropped("실습 과제는 비교하지 않음");
        return;
    }
    let (chosen, aspects) = match comparison(things, title) {
        Ok(c) => c,
        Err(reason) => {
            ctx.dropped(reason);
            return;
        }
    };
    let names: Vec<String> = chosen.iter().map(|&t| things[t].name.clone()).collect();
    // "방법 A" and "방법 B" are the document's names for what it compares:
    // a form shows no more than the letters (review of blind87, 2026-12-03).
    if names.iter().all(|n| placeholder(n)) {
        ctx.dropped("문서 안의 이름만 비교함");
        return;
    }
    let names = named_by_heading(&names, title);
    // Two things compared once in a document (Head / Tail sampling in a tree
    // and again in a table: review AH of 2026-12-01).
    let norms: Vec<String> = names.iter().map(|n| normalize(bare(n))).collect();
    if ctx
        .compared_in_prompts
        .iter()
        .any(|set| norms.iter().filter(|n| set.contains(*n)).count() >= 2)
    {
        ctx.dropped("같은 대상의 비교가 이미 있음");
        return;
    }
    let shown = |a: &str| clause_as_noun(a).unwrap_or_else(|| a.to_string());
    // An aspect that is a verb's phrase ("줄이는 것") right after the object
    // particle reads as what is done to the things ("캐싱, CDN과 압축을
    // 줄이는 것": review of blind87, 2026-12-03): a noun goes first.
    let mut aspects = aspects;
    aspects.sort_by_key(|a| shown(a).ends_with('것'));
    if aspects.first().is_some_and(|a| shown(a).ends_with('것')) {
        ctx.dropped("비교 항목이 모두 구절");
        return;
    }
    let shown_aspects: Vec<String> = aspects.iter().map(|a| shown(a)).collect();
    let prompt = match names_object(&names) {
        Some(object) => format!(
            "「{title}」에서 다룬 {object} {} 측면에서 비교하여 설명하시오.",
            shown_aspects.join(", ")
        ),
        None => format!(
            "「{title}」에서 다룬 다음을 {} 측면에서 비교하여 설명하시오: {}",
            shown_aspects.join(", "),
            names.join(", ")
        ),
    };
    let mut reference = String::from("참고 답안 (문서의 내용):");
    for &t in &chosen {
        let parts: Vec<String> = aspects
            .iter()
            .filter_map(|a| {
                things[t]
                    .aspects
                    .iter()
                    .find(|(l, _)| normalize(bare(l)) == normalize(a))
                    .map(|(_, v)| format!("{}: {}", shown(a), squeeze(v)))
            })
            .collect();
        let name = names
            .get(chosen.iter().position(|&c| c == t).unwrap_or(0))
            .unwrap_or(&things[t].name);
        reference.push_str(&format!("\n- {name} — {}", parts.join(" / ")));
    }
    let key = format!(
        "{title}\u{1f}{}\u{1f}{}",
        names.join("\u{1e}"),
        aspects.join("\u{1e}")
    );
    // Cited at the first of all the things (the line an order question over
    // the same stages cites), so the two are never on one form.
    let first = things.iter().map(|t| t.line).min().unwrap_or(line);
    cover(ctx, things);
    ctx.compared_in_prompts.push(norms.into_iter().collect());
    let mut q = ctx.question("compare", &key, Kind::Essay, prompt, first, section);
    q.points = POINTS;
    q.feedback = Some(reference);
    ctx.out.push(q);
}

/// Short names a table's header cut from its heading's words ("로컬",
/// "원격" of 「로컬 State vs 원격 State」) as the heading writes them: "로컬
/// State", "원격 State" (review of blind65, 2026-12-02: "로컬과 원격을 비교"
/// is no Korean). Unchanged unless every name is followed there by one
/// same word.
fn named_by_heading(names: &[String], title: &str) -> Vec<String> {
    let heading = title.rsplit(" > ").next().unwrap_or(title);
    let words: Vec<&str> = heading.split_whitespace().collect();
    let next = |name: &str| -> Option<&str> {
        (name.chars().count() <= 4 && !name.contains(char::is_whitespace))
            .then(|| {
                words
                    .windows(2)
                    .find(|w| w[0] == name)
                    .map(|w| w[1])
                    .filter(|n| !n.eq_ignore_ascii_case("vs") && !n.contains(['/', '(']))
            })
            .flatten()
    };
    let after: Vec<Option<&str>> = names.iter().map(|n| next(n)).collect();
    match after.first() {
        Some(Some(word)) if names.len() >= 2 && after.iter().all(|a| a == &Some(*word)) => {
            names.iter().map(|n| format!("{n} {word}")).collect()
        }
        _ => names.to_vec(),
    }
}

/// Whether a name is a placeholder a document gives ("방법 A", "안 2",
/// "Option B"): a word and one letter or number.
fn placeholder(name: &str) -> bool {
    let words: Vec<&str> = bare(name).split_whitespace().collect();
    match words.as_slice() {
        [word, mark] => {
            let mark = mark.trim_matches(['(', ')', '.', ':']);
            [
                "방법",
                "방식",
                "안",
                "옵션",
                "option",
                "case",
                "시나리오",
                "선택지",
            ]
            .contains(&word.to_lowercase().as_str())
                && mark.chars().count() == 1
                && mark.chars().all(|c| c.is_ascii_alphanumeric())
        }
        _ => false,
    }
}

/// The Latin words of an error message (`on.workflow_call` -> workflow_call)
/// of three letters or more, lower case.
fn message_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map(|w| w.trim_matches('-').to_ascii_lowercase())
        .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// Whether a Latin word of `symptom` is written in its cause and, as
/// written or translated, in its fix: the message names the setting the
/// fix changes.
fn names_its_remedy(symptom: &str, cause: &str, fix: &str) -> bool {
    // `DOCKER_BUILDKIT=0` writes BuildKit ("the --mount option requires
    // BuildKit": review of blind48).
    let parts = |words: Vec<String>| -> Vec<String> {
        let mut out = words.clone();
        for w in &words {
            out.extend(w.split('_').filter(|p| p.len() >= 3).map(str::to_string));
        }
        out
    };
    let cause_words = parts(message_words(cause));
    let fix_latin = parts(message_words(fix));
    let fix_words = hygiene::content_words(fix);
    message_words(symptom).iter().any(|w| {
        cause_words.contains(w)
            && (fix_latin.contains(w) || fix_words.iter().any(|f| hygiene::same_word(w, f)))
    })
}

/// In how many places (lines, table rows, headings) of a document a word
/// may be written and still say a message's cause rather than the
/// session's subject.
const RARE_WORD_PLACES: usize = 5;

/// Lower-case Latin words (CamelCase and snake_case parted) of a text.
fn latin_words(text: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut word = String::new();
    let mut prev_lower = false;
    let mut flush = |word: &mut String| {
        if word.len() >= 3 {
            out.insert(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    let mut chars = text.chars().peekable();
    let mut prev_upper = false;
    while let Some(c) = chars.next() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut word);
            prev_lower = false;
            prev_upper = false;
            continue;
        }
        // CamelCase parts: a capital after a small letter starts a word, and
        // so does the last capital of a run before a small letter
        // (OOMKilled: oom, killed).
        let next_lower = chars.peek().is_some_and(|n| n.is_ascii_lowercase());
        if c.is_ascii_uppercase() && (prev_lower || (prev_upper && next_lower)) {
            flush(&mut word);
        }
        prev_lower = c.is_ascii_lowercase();
        prev_upper = c.is_ascii_uppercase();
        word.push(c.to_ascii_lowercase());
    }
    flush(&mut word);
    out
}

/// In how many places of `doc` each Latin word is written: each line of a
/// block, each table row, each heading once.
fn latin_places(doc: &Doc) -> std::collections::HashMap<String, usize> {
    let mut out = std::collections::HashMap::new();
    let mut count = |text: &str| {
        for w in latin_words(text) {
            *out.entry(w).or_insert(0) += 1;
        }
    };
    for h in &doc.headings {
        count(&h.text);
    }
    for b in &doc.blocks {
        match &b.kind {
            BlockKind::Row { cells, .. } => count(&cells.join(" ")),
            _ => b.text.lines().for_each(&mut count),
        }
    }
    out
}

/// In how many places of the case at `line` (the line before it to three
/// after it: its heading, symptom, cause, fix and check; of a table only its
/// own row) `word` is written.
fn own_places(doc: &Doc, line: usize, word: &str) -> usize {
    let near = |l: usize| l + 1 >= line && l <= line + 3;
    let has = |text: &str| latin_words(text).contains(word);
    let headings = doc
        .headings
        .iter()
        .filter(|h| near(h.line) && has(&h.text))
        .count();
    let blocks: usize = doc
        .blocks
        .iter()
        .map(|b| match &b.kind {
            BlockKind::Row { cells, .. } => usize::from(b.line == line && has(&cells.join(" "))),
            _ => b
                .text
                .lines()
                .enumerate()
                .filter(|(i, t)| near(b.line + i) && has(t))
                .count(),
        })
        .sum();
    headings + blocks
}

/// Words every error message has: never a clue to its cause.
const EVERY_MESSAGE: &[&str] = &[
    "error",
    "errors",
    "failed",
    "failure",
    "fail",
    "warning",
    "warn",
    "exception",
    "unable",
    "cannot",
    "could",
    "found",
    "does",
    "exist",
    "exists",
    "denied",
    "invalid",
    "with",
    "from",
    "this",
    "that",
    "have",
    "been",
    "only",
    "more",
    "than",
    "when",
    "into",
    "while",
    "after",
    "before",
    "during",
    "http",
    "https",
    "code",
    "status",
    "message",
    "null",
    "true",
    "false",
    "value",
    "the",
    "and",
    "for",
    "not",
    "are",
    "was",
    "its",
    "critical",
    "info",
    "fatal",
    "reason",
];

/// The words of an error message, other than the words every message has,
/// written in its cause, as they are or translated by the word table (버킷, 타임아웃).
fn message_words_in_cause(symptom: &str, cause: &str) -> Vec<String> {
    // The message's own words: Latin tokens beside other Latin tokens, or
    // all of a symptom without Hangul; a name a Korean sentence is about
    // ("ServiceMonitor를 만들었는데 Targets에 안 보임") is its subject.
    let tokens: Vec<&str> = symptom.split_whitespace().collect();
    let latin_token = |t: &str| !t.chars().any(crate::text::is_hangul);
    // A status written in CamelCase from an acronym or joined words
    // (`OOMKilled`, `CrashLoopBackOff`) is a message even alone in a Korean
    // sentence ("Pod 상태 OOMKilled" | 메모리 limit 초과: review of blind71,
    // 2026-12-03); a frequent one is the session's subject and not rare.
    let status = |t: &str| {
        const ENDS: &[&str] = &[
            "off", "killed", "error", "failed", "exceeded", "ready", "pending", "evicted", "pull",
        ];
        let c: Vec<char> = t.chars().filter(char::is_ascii_alphabetic).collect();
        let acronym_first = c.windows(3).any(|w| {
            w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_lowercase()
        });
        let joined = c
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        let lower = t
            .trim_end_matches(|c: char| !c.is_ascii_alphabetic())
            .to_ascii_lowercase();
        // OOM alone ("로드 실패(GPU OOM)" | … 메모리 … 초과: review of
        // blind86, 2026-12-03) says out of memory as OOMKilled does.
        acronym_first || joined && ENDS.iter().any(|e| lower.ends_with(e)) || lower == "oom"
    };
    let message: Vec<&str> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            latin_token(t)
                && (tokens.iter().all(|t| latin_token(t))
                    || status(t)
                    || (*i > 0 && latin_token(tokens[i - 1]))
                    || tokens.get(i + 1).is_some_and(|n| latin_token(n)))
        })
        .map(|(_, t)| *t)
        .collect();
    // An error code of three joined words or more in a Korean sentence
    // ("AWS API 에러(InvalidParameterCombination 등)" | … 조합이 … 미지원:
    // review of blind100, 2026-12-03) is a message too.
    let codes = symptom
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| {
            w.starts_with(|c: char| c.is_ascii_uppercase())
                && w.chars()
                    .zip(w.chars().skip(1))
                    .filter(|(a, b)| a.is_ascii_lowercase() && b.is_ascii_uppercase())
                    .count()
                    >= 2
        });
    let message: Vec<&str> = message.into_iter().chain(codes).collect();
    let message = message.join(" ");
    // Words of four letters or more, and acronyms of three written in
    // capitals (OOMKilled: OOM), not a command's short name (tar).
    let latin: Vec<String> = latin_words(&message)
        .into_iter()
        .filter(|w| {
            (w.len() >= 4 || (w.len() == 3 && message.contains(&w.to_ascii_uppercase())))
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && !EVERY_MESSAGE.contains(&w.as_str())
        })
        .collect();
    if latin.is_empty() {
        return Vec::new();
    }
    // Written as it is, or translated by the word table (타임아웃, 버킷);
    // never a longer word it starts (allowed | allowedRoutes).
    let (cause_latin, cause_hangul) = cause_words(cause);
    // A cause's short form of five letters or more counts (param for
    // "missing parameters": review of blind66).
    latin
        .into_iter()
        .filter(|w| {
            cause_latin.contains(w)
                || cause_latin
                    .iter()
                    .any(|c| c.len() >= 5 && w.starts_with(c.as_str()))
                || cause_hangul.iter().any(|c| hygiene::translated(w, c))
        })
        .collect()
}

/// A cause's Latin words (CamelCase and snake_case parted) and its Korean
/// content words, for finding a message's words in it as written or
/// translated.
fn cause_words(cause: &str) -> (std::collections::BTreeSet<String>, Vec<String>) {
    let hangul = hygiene::content_words(cause)
        .into_iter()
        .filter(|w| w.chars().any(crate::text::is_hangul))
        .collect();
    (latin_words(cause), hangul)
}

/// Whether a message states the rule it broke ("must be lowercase", "limit
/// exceeded", "exactly one of", RBAC's "cannot list resource"): its answer
/// is the rule's inverse whether the session gives a cause, a fix or both
/// (review of blind112, 2026-12-03: Loki's limits and MLflow's "exactly one
/// of" asked for their fix alone failed).
fn states_its_rule(symptom: &str) -> bool {
    // A rule the message states is its cause however it is worded
    // ("repository name must be lowercase", "batch-size must be <= 32",
    // "cannot use both 'depends' and 'dependencies'", "Must not run with
    // sudo", "group-readable … insecure": reviews of blind81-94, five of
    // five failed). "must be logged in", "must be unique" and "must be
    // resolved" say what is wrong, not why (all judged sound).
    const STATES_ITS_RULE: &[&str] = &[
        "must be <",
        "must be >",
        "must be greater",
        "must be less",
        "must be lowercase",
        "must be lower case",
        "must be uppercase",
        "must be no more than",
        "must be at most",
        "must be at least",
        "must not ",
        "cannot use both",
        // "'latest' is a reserved alias name" (review of blind103).
        "is a reserved",
        "is reserved",
        "is insecure",
        "group-readable",
        "world-readable",
        // A limit the message says was passed ("Ingestion rate limit
        // exceeded", "the query time range exceeds the limit"), the one
        // input form it allows, the inputs it misses (review of blind112,
        // 2026-12-03: seven of seven failed); "context deadline exceeded"
        // names no limit and stays.
        "limit exceeded",
        "exceeds the limit",
        "exceeded the limit",
        "limit per query exceeded",
        "exactly one of",
        "missing inputs",
        "mismatches between",
        // A bound the message names ("vm.max_map_count [65530] is too low,
        // increase to at least [262144]", "(max allowed age is 5 days)":
        // reviews of blind116 and blind118, 2026-12-03).
        "is too low",
        "is too high",
        "is too old",
        "to at least",
        "max allowed",
        "maximum allowed",
        // A value of the wrong type ("cannot unmarshal number into … of
        // type string": review of blind119, 2026-12-03).
        "cannot unmarshal",
        // The setting a message asks for ("LeaderElectionID must be
        // configured", "please specify LeaderElectionNamespace": review of
        // blind123, 2026-12-03) is its fix.
        "must be configured",
        "must be specified",
        "must be set",
        "please specify",
        // A ratio the message names ("… ratio per Container is 10, but
        // provided ratio is 20"), a key it says is missing ("couldn't find
        // key DB_HOST in ConfigMap"), a credential it says expired ("Your
        // authorization token has expired"): reviews of blind128 and
        // blind130, 2026-12-03. Not "must have at most 262144 bytes": why an
        // annotation grows that long (client-side apply) is asked, and was
        // judged sound twice (blind108, blind119).
        "but provided",
        "couldn't find key",
        "could not find key",
        "has expired",
    ];
    let lower = symptom.to_ascii_lowercase();
    if STATES_ITS_RULE.iter().any(|p| lower.contains(p)) {
        return true;
    }
    // RBAC's "cannot patch resource \"deployments\"": the missing verb and
    // resource are the cause (reviews of blind92, blind101 and blind112).
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.windows(3).any(|w| {
        w[0] == "cannot" && w[2] == "resource" && w[1].chars().all(|c| c.is_ascii_lowercase())
    })
}

/// Whether a message explains itself ("doesn't support bf16", "Only one
/// default can exist", "missing required label") and names a word its
/// cause writes (bf16=True, globalDefault, 레이블): the fix is the inverse
/// of the message, however often the session writes the word (reviews of
/// blind95, blind96 and blind98, 2026-12-03).
fn explains_itself(symptom: &str, cause: &str) -> bool {
    // Not "not allowed", "not supported" or "already exists": their fixes
    // ask what to use instead (hostPath | PVC, emptyDir), which reviews of
    // blind75, blind78, blind83 and blind91 found sound.
    const SAYS_WHY: &[&str] = &[
        // "undefined receiver \"slack-payment\" used in route" | receiver
        // 이름 오타 (review of blind109, 2026-12-03).
        "undefined ",
        "not defined",
        "unknown field",
        "only one",
        "doesn't support",
        "does not support",
        "already marked",
    ];
    if states_its_rule(symptom) {
        return true;
    }
    let lower = symptom.to_ascii_lowercase();
    if !SAYS_WHY.iter().any(|p| lower.contains(p)) {
        return false;
    }
    let (cause_latin, cause_hangul) = cause_words(cause);
    latin_words(symptom)
        .into_iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !EVERY_MESSAGE.contains(&w.as_str()))
        .filter(|w| {
            ![
                "support",
                "only",
                "one",
                "can",
                "already",
                "marked",
                "undefined",
                "defined",
                "unknown",
                "field",
            ]
            .contains(&w.as_str())
        })
        .any(|w| {
            cause_latin.contains(&w)
                || (w.len() >= 4 && cause_hangul.iter().any(|c| hygiene::translated(&w, c)))
        })
}

/// Whether a Korean symptom gives its own reason ("캐시가 꼬여 이상한
/// 버전이 설치됨" | 오래된 캐시 레이어 재사용: review of blind98,
/// 2026-12-03): a word of its cause before "때문에", "로 인해", "꼬여".
fn says_its_reason(symptom: &str, cause: &str) -> bool {
    const BECAUSE: &[&str] = &[
        "때문",
        "로 인해",
        "로 인한",
        "탓에",
        "꼬여",
        "꼬인",
        "꼬임",
        "꼬이",
    ];
    let Some(at) = BECAUSE.iter().filter_map(|b| symptom.find(b)).min() else {
        return false;
    };
    // Korean words: a name before it ("GPU 전용(Taint) 노드만 있는 존
    // 때문에" | nodeTaintsPolicy …) is where, not why (review of blind95).
    let hangul = |t: &str| -> Vec<String> {
        hygiene::content_words(t)
            .into_iter()
            .filter(|w| w.chars().all(crate::text::is_hangul))
            .collect()
    };
    hygiene::share(&hangul(&symptom[..at]), &hangul(cause))
}

/// Whether a message suggests its own fix: a token it offers after "use",
/// "try", "run", "Tip:" or "did you mean" is written in the fix ("(use
/// --force to override)" | `--force`; "please use 'pulumi stack select'";
/// reviews of blind75 and blind76, 2026-12-03).
fn suggests_its_fix(symptom: &str, fix: &str) -> bool {
    const MARKERS: &[&str] = &[
        "use ",
        "try ",
        "run ",
        "tip:",
        "hint:",
        "did you mean",
        "consider ",
        // "EarlyStoppingCallback requires load_best_model_at_end = True"
        // (review of blind98, 2026-12-03).
        "requires ",
        // "Please provide an entity_df with a column named event_timestamp"
        // (review of blind100, 2026-12-03).
        "please provide ",
        "please set ",
        // "… upgrade to Terraform v1.10.4 or greater" (review of blind103).
        "upgrade to ",
    ];
    const SMALL: &[&str] = &["the", "a", "an", "to", "it", "this", "that", "use", "using"];
    let lower = symptom.to_ascii_lowercase();
    let fix = fix.to_lowercase();
    MARKERS.iter().any(|m| {
        lower.match_indices(m).any(|(at, _)| {
            // A marker starts a word ("reuse " is none) and is no
            // instruction in capitals (Dockerfile's `RUN chown …`).
            let starts = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let shouted = symptom
                .get(at..at + m.trim_end().len())
                .is_some_and(|w| w.chars().all(|c| !c.is_ascii_lowercase()));
            starts
                && !shouted
                && lower[at + m.len()..]
                    .split_whitespace()
                    // A call offers its function ("Consider using
                    // shap.sample(data, K) or shap.kmeans(data, K)": review
                    // of blind93, 2026-12-03); "or" offers a second.
                    .map(|t| {
                        t.split('(').next().unwrap_or(t).trim_matches(|c: char| {
                            matches!(c, '\'' | '"' | '`' | '(' | ')' | ',' | '.' | ':' | ';')
                        })
                    })
                    .filter(|t| !SMALL.contains(t))
                    .take(5)
                    .any(|t| {
                        t.chars().count() >= 3
                            && t.chars().any(char::is_alphabetic)
                            && fix.contains(t)
                    })
        })
    })
}

/// Whether a message names what its fix sets: a flag or key before "is
/// required" ("--certificate-identity or --certificate-identity-regexp is
/// required …": review of blind102, 2026-12-03), or one after a sentence's
/// "Set", "Increase" or "Decrease" ("Set or decrease
/// .spec.startingDeadlineSeconds": review of blind99).
fn names_what_its_fix_sets(symptom: &str, fix: &str) -> bool {
    let fix = fix.to_lowercase();
    let lower = symptom.to_ascii_lowercase();
    let clean = |t: &str| -> String {
        t.trim_matches(|c: char| matches!(c, '\'' | '"' | '`' | '(' | ')' | ',' | ':' | ';'))
            .trim_end_matches('.')
            .to_string()
    };
    // A flag, a dotted path or a key with parts: not an everyday word.
    let setting = |t: &str| {
        t.chars().count() >= 4
            && t.chars().any(|c| c.is_ascii_alphabetic())
            && (t.starts_with('-')
                || t.contains(['.', '_'])
                || t.trim_start_matches('-').contains('-'))
    };
    // A path's last key is what a manifest writes (.spec.startingDeadlineSeconds).
    // A flag's own word may be all a Korean fix writes ("identity와 issuer
    // 두 플래그를 모두 지정" for --certificate-identity).
    let in_fix = |t: &str| {
        let t = clean(t);
        let last = t.rsplit('.').next().unwrap_or(&t);
        let last_part = t.rsplit('-').next().unwrap_or(&t);
        setting(&t)
            && (fix.contains(t.trim_start_matches('.'))
                || (last.chars().count() >= 6 && fix.contains(last))
                || (t.starts_with("--")
                    && last_part.chars().count() >= 6
                    && fix.contains(last_part)))
    };
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let before_required = tokens.windows(2).enumerate().any(|(i, w)| {
        matches!(w[0], "is" | "are")
            && w[1].trim_end_matches(['.', ',', ';']) == "required"
            && tokens[i.saturating_sub(5)..i].iter().any(|t| in_fix(t))
    });
    let after_verb = tokens.iter().enumerate().any(|(i, t)| {
        let starts = i == 0 || tokens[i - 1].ends_with(['.', ';', ':']);
        starts
            && matches!(*t, "set" | "increase" | "decrease" | "raise" | "lower")
            && tokens[i + 1..].iter().take(4).any(|t| in_fix(t))
    });
    before_required || after_verb
}

/// Whether the cause writes an acronym of words the message spells out
/// ("would violate the pod's disruption budget" | PDB 조건 미충족: review
/// of blind73, 2026-12-03).
fn abbreviates_its_message(symptom: &str, cause: &str) -> bool {
    let words: Vec<char> = symptom
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
        .map(|w| w.strip_suffix("'s").unwrap_or(w).trim_matches('\''))
        .filter(|w| w.len() >= 2)
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    cause
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| (2..=5).contains(&t.len()) && t.chars().all(|c| c.is_ascii_uppercase()))
        .any(|acronym| {
            let a: Vec<char> = acronym.chars().collect();
            !symptom.contains(acronym) && words.windows(a.len()).any(|w| w == a.as_slice())
        })
}

/// Whether a text points at a block below it: "로그에 다음이 반복됨",
/// "다음 중 하나가 출력됨", "아래 명령으로", or a colon at its end.
fn points_below(text: &str) -> bool {
    const POINTERS: &[&str] = &[
        "다음이",
        "다음 중 하나",
        "다음과 같",
        "다음 메시지",
        "다음 로그",
        "다음 명령",
        "아래 명령",
        "아래와 같",
        "아래 로그",
        "아래 코드",
        "아래 예",
        "아래 메시지",
    ];
    let t = text.trim();
    t.ends_with(':') || POINTERS.iter().any(|p| t.contains(p))
}

/// Whether a short cause or fix only points at text above it ("위 sysctl
/// 적용", "2.1의 설정 적용"): the reference would hold no answer (review of
/// blind85, 2026-12-03).
fn points_above(text: &str) -> bool {
    let t = text.trim();
    // Another session's ("Session 2의 StorageClass 매핑 ConfigMap 적용":
    // review of blind127, 2026-12-03).
    let session = ["Session ", "session ", "세션 ", "Day ", "Week "]
        .iter()
        .any(|p| {
            t.strip_prefix(p).is_some_and(|rest| {
                let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
                digits.len() < rest.len() && digits.starts_with("의 ")
            })
        });
    let pointer = session
        || ["위 ", "위의 ", "앞의 ", "앞서 ", "위에서 ", "상단의 "]
            .iter()
            .any(|p| t.starts_with(p))
        || t.split_once("의 ").is_some_and(|(head, _)| {
            // "5-4의 재로딩 패턴 적용" (review of blind108, 2026-12-03).
            let number = head.trim_end_matches(['장', '절', '번']);
            !number.is_empty()
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
                && number.starts_with(|c: char| c.is_ascii_digit())
                && (number.contains(['.', '-']) || number.len() < head.len())
        });
    // A section's number as the fix's first word ("5.2 수정 + Kyverno
    // Audit로 …": review of blind117, 2026-12-03) leaves the reference
    // without what to mend, however long the rest.
    let mut words = t.split_whitespace();
    let numbered = words.next().is_some_and(|w| {
        let n = w.trim_end_matches(['장', '절']);
        n.starts_with(|c: char| c.is_ascii_digit())
            && n.contains(['.', '-'])
            && n.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    }) && words.next().is_some_and(|w| {
        [
            "수정", "참고", "참조", "적용", "방법", "내용", "절차", "처럼", "대로",
        ]
        .iter()
        .any(|p| w.starts_with(p))
    });
    numbered || (pointer && t.split_whitespace().count() <= 5)
}

/// Whether a "fix" only looks ("`kubectl logs -n … deploy/…`", "`dockerd
/// --validate`, `jq .` 로 검사"): it mends nothing, and a reference of it
/// grades a look (reviews of blind84, blind85 and blind92, 2026-12-03).
fn only_checks(fix: &str) -> bool {
    const ACTIONS: &[&str] = &[
        "추가",
        "수정",
        "변경",
        "설정",
        "적용",
        "삭제",
        "재시작",
        "늘리",
        "줄이",
        "지정",
        "교체",
        "업그레이드",
        "설치",
        "제거",
        "바꾸",
        "고치",
        "올리",
        "낮추",
        "부여",
        "생성",
        "등록",
        "활성화",
        "비활성화",
        "끄",
        "켜",
    ];
    let t = fix.trim().trim_end_matches(['.', '。']).trim();
    let looks = ["확인", "확인한다", "확인함", "검사", "점검", "조회"]
        .iter()
        .any(|e| t.ends_with(e));
    let command = [
        "kubectl logs",
        "kubectl describe",
        "kubectl get",
        "journalctl",
        "docker logs",
    ]
    .iter()
    .any(|c| t.trim_start_matches('`').starts_with(c))
        && !t.chars().any(crate::text::is_hangul);
    (looks || command) && !ACTIONS.iter().any(|a| t.contains(a))
}

/// The topic a document's title names: without its "Session 3:" / "Day
/// 2:" / "Week 5:" and without what follows a dash ("서비스 메시와 Istio"
/// of "Day 3: 서비스 메시와 Istio - 사이드카, mTLS, 트래픽 제어").
pub fn topic_of(title: &str) -> Option<String> {
    let t = title
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    // Every place in the course goes ("Week 4 · Day 3 · Session 2 — OPA
    // Gatekeeper로 …": review of blind84, 2026-12-03, read 「· Day 3 ·
    // Session 2」).
    let mut t = t;
    while let Some(rest) = ["session", "day", "week", "lab", "세션"]
        .iter()
        .find_map(|p| {
            let lower = t.to_ascii_lowercase();
            let rest = lower.starts_with(p).then(|| t[p.len()..].trim_start())?;
            const SEPARATORS: [char; 10] = [':', '：', '.', '-', '·', '|', '/', '—', '–', ' '];
            rest.starts_with(|c: char| c.is_ascii_digit()).then(|| {
                let rest = rest
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(SEPARATORS);
                // A note on the place ("Session 4 (심화): DVC로 …": review
                // of blind102, 2026-12-03, read 「(심화): DVC로 …」) goes
                // with it.
                match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
                    Some((note, after)) if note.chars().count() <= 10 => {
                        after.trim_start_matches(SEPARATORS)
                    }
                    _ => rest,
                }
            })
        })
    {
        t = rest;
    }
    // What follows a dash is kept when the head names no tool
    // ("컨테이너 이미지 보안 — Trivy 스캐닝과 취약점 관리": review of blind74,
    // 2026-12-03, "the prompt never names the tool").
    let cut = [" - ", " — ", " – ", ": "]
        .iter()
        .filter_map(|d| t.find(d))
        .min()
        .map_or(t, |at| &t[..at])
        .trim();
    // A title short enough keeps its tail: "Docker 데몬 운영 — Rootless 모드,
    // daemon.json, Docker Context" says which daemon a symptom is of (review
    // of blind85, 2026-12-03: "the prompt drops the Rootless context").
    // A long title's closing note in parentheses goes first ("CI/CD 파이프라인 통합 —
    // Helm 차트 테스트 자동화 (chart-testing & helm-unittest)" keeps Helm:
    // review of blind95, 2026-12-03).
    let noted = t
        .strip_suffix(')')
        .and_then(|head| head.rfind(" (").map(|at| head[..at].trim()))
        .filter(|head| !head.is_empty())
        .unwrap_or(t);
    let t = if t.chars().count() <= 60 {
        t
    } else if noted.chars().count() <= 60 {
        noted
    } else if cut.chars().any(|c| c.is_ascii_alphabetic()) {
        cut
    } else {
        t
    };
    (t.chars().count() >= 2).then(|| t.to_string())
}

/// Whether two texts write one Latin name of three letters or more
/// ("Karpenter 트러블슈팅" and "Karpenter 노드 오토스케일링").
pub fn shares_a_name(a: &str, b: &str) -> bool {
    let names = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_ascii_alphabetic()))
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let b = names(b);
    names(a).iter().any(|w| b.contains(w))
}

/// Whether the cause writes a code token of the message as it stands
/// (`{app=~".*"}처럼 …` beside a parse error quoting app=~".*"): a token of
/// six characters or more with a symbol inside it, not a plain word.
fn quotes_its_cause(symptom: &str, cause: &str) -> bool {
    let edge = |c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | ':' | '`')
    };
    cause
        .split(|c: char| c.is_whitespace() || crate::text::is_hangul(c))
        .map(|t| t.trim_matches(edge).trim_end_matches('.'))
        .filter(|t| t.chars().count() >= 6)
        .filter(|t| {
            t.chars()
                .any(|c| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        })
        .any(|t| symptom.contains(t))
}

/// Push the symptom essay of one symptom with its cause and remedy.
#[allow(clippy::too_many_arguments)]
fn push_symptom(
    ctx: &mut Ctx<'_>,
    title: &str,
    label: &str,
    symptom: &str,
    cause: Option<&str>,
    fix: Option<&str>,
    line: usize,
    section: Option<usize>,
) {
    let cause = cause.filter(|c| !empty(c));
    let fix = fix.filter(|f| !empty(f));
    if cause.is_none() && fix.is_none() {
        ctx.dropped("증상에 원인도 해결도 없음");
        return;
    }
    // One cell under "원인 / 해결" is both: its cause before an arrow, its
    // fix after; no arrow, a cause alone (review of blind109, 2026-12-03:
    // seven references gave the cause again as the fix).
    let (cause, fix) = match (cause, fix) {
        (Some(c), Some(f)) if normalize(c) == normalize(f) => {
            match c.split_once(" → ").or_else(|| c.split_once(" -> ")) {
                Some((before, after)) if !empty(before) && !empty(after) => {
                    (Some(before.trim()), Some(after.trim()))
                }
                _ => (Some(c), None),
            }
        }
        other => other,
    };
    // Quotes around the whole symptom go; a quote inside it stays whole
    // ("… \"owner를 찾을 수 없음\"", "\"…(Unauthorized)\" → 401": review AJ).
    let symptom = symptom.trim();
    let quotes = ['"', '“', '”'];
    let inner = symptom.trim_matches(quotes);
    let symptom =
        if symptom.starts_with(quotes) && symptom.ends_with(quotes) && !inner.contains(quotes) {
            inner.trim()
        } else {
            symptom
        };
    // A numbered case's number is the document's ("1. `cat: …: Permission
    // denied`": review of blind75, 2026-12-03, "증상: 1. cat: …").
    let symptom = without_list_number(symptom);
    // An overview's case that a session of its day tells again is asked
    // there, with the session's context (review of blind127, 2026-12-03:
    // a day's table repeated two cases of its session).
    if ctx.src.unit.session.is_none() && ctx.pool.in_a_session(ctx.src.unit.day, symptom) {
        ctx.dropped("세션에서 다룬 사례");
        return;
    }
    // A message cut short ("... (missing required label)": review of
    // blind95, 2026-12-03) is part of something the form does not show.
    if (symptom.starts_with("...") || symptom.starts_with('…'))
        && symptom.split_whitespace().count() <= 5
    {
        ctx.dropped("증상이 잘린 메시지");
        return;
    }
    // A mark before it ("❓ CI에서만 …": review of blind95, 2026-12-03) is
    // the document's decoration.
    let symptom = symptom
        .trim_start_matches(|c: char| {
            let u = u32::from(c);
            (0x2000..=0x2BFF).contains(&u) || u >= 0x1F000 || u == 0xFE0F || c == ' '
        })
        .trim();
    if symptom.chars().count() < 4 {
        ctx.dropped("증상이 너무 짧음");
        return;
    }
    // A symptom pointing at a log or command below it ("로그에 다음이
    // 반복됨") is asked without its clue; a cause or fix pointing there
    // ("아래 명령으로 Secret 생성") leaves the reference without its answer
    // (review of blind69, 2026-12-02).
    // A case's title before an empty symptom line ("sh 스텝이 시작조차 안
    // 된다 —", its message in a code block below: review of blind107,
    // 2026-12-03) points below too.
    if points_below(symptom) || symptom.ends_with(['—', '–', '-']) {
        ctx.dropped("증상이 아래의 예시를 가리킴");
        return;
    }
    let cause = cause.filter(|c| !points_below(c) && !points_above(c));
    let fix = fix.filter(|f| !points_below(f) && !points_above(f) && !only_checks(f));
    if cause.is_none() && fix.is_none() {
        ctx.dropped("증상이 아래의 예시를 가리킴");
        return;
    }
    // A symptom told by another case ("같은 connection refused, 로그에
    // …": review of blind90, 2026-12-03) is no symptom on a form.
    let same_as = ["같은 ", "동일한 "].iter().any(|p| {
        symptom.strip_prefix(p).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '`')
                || ["증상", "오류", "에러", "문제", "현상", "메시지"]
                    .iter()
                    .any(|w| rest.starts_with(w))
        })
    });
    if same_as
        || ["위와 같은", "앞과 같은", "이전과 같은"]
            .iter()
            .any(|p| symptom.starts_with(p))
    {
        ctx.dropped("증상이 다른 사례를 가리킴");
        return;
    }
    // A gate doing its job ("thresholds … have been crossed" | 기준 위반
    // (정상 동작)) is no fault to mend (review of blind90).
    // A setting named as the reason ("\"Dismiss stale …\" 설정(의도된
    // 동작)") is something to learn; a bare verdict is not.
    if cause.is_some_and(|c| {
        ["정상 동작", "의도된 동작", "예상된 동작", "정상적인 동작"]
            .iter()
            .any(|w| c.contains(w))
            && super::terms::unbracketed(c).split_whitespace().count() <= 2
    }) {
        ctx.dropped("정상 동작 (증상이 아님)");
        return;
    }
    // A user's question ("이 서비스 누가 관리해요?") is a pain point, no
    // symptom: its "cause" restates it (소유권 정보 부재; review of blind43).
    // So is a question quoted from a review ("보안 리뷰에서 \"외부 기여자가
    // 캐시를 조작할 수 있나?\" 질문": review of blind104, 2026-12-03).
    let asks = |t: &str| {
        let said = t.trim_end_matches(['.', ' ']);
        t.ends_with(['?', '？']) || said.ends_with(" 질문") || said.ends_with(" 문의")
    };
    if asks(symptom) {
        ctx.dropped("질문 형태의 문제 (증상이 아님)");
        return;
    }
    // A subject without what goes wrong ("Gateway API 관련 오류") says
    // nothing to reason from; a judgment ("--ignore-unfixed 사용 후
    // 안전하다고 판단") is a misconception, not something seen (reviews of
    // blind73 and blind74, 2026-12-03).
    let plain = symptom.trim_end_matches(['.', '。', '!']).trim_end();
    if ["관련 오류", "관련 에러", "관련 문제", "관련 장애"]
        .iter()
        .any(|w| plain.contains(w))
    {
        ctx.dropped("증상이 주제만 말함");
        return;
    }
    // Nor is not knowing where to look ("어느 컨트롤러 문제인지
    // 모르겠음": review of blind85, 2026-12-03).
    if [
        "판단",
        "생각함",
        "착각",
        "오해",
        "믿음",
        "간주",
        "모르겠음",
        "모르겠다",
        "모름",
    ]
    .iter()
    .any(|w| plain.ends_with(w))
    {
        ctx.dropped("오해 (증상이 아님)");
        return;
    }
    // A wish ("여러 AWS 계정에 나눠 만들고 싶습니다.") is a how-to, no symptom.
    // So is a need ("긴급 핫픽스를 분석 없이 내보내야 한다": review of
    // blind86, 2026-12-03).
    if [
        "싶습니다",
        "싶어요",
        "싶다",
        "하려면",
        "방법은",
        "야 한다",
        "야 함",
        "야 합니다",
    ]
    .iter()
    .any(|w| plain.ends_with(w))
    {
        ctx.dropped("바람 (증상이 아님)");
        return;
    }
    // An error message naming what its cause and fix are about ("missing a
    // on.workflow_call trigger" | workflow_call 트리거 없음 | on:
    // workflow_call: 추가; "version is obsolete" | version: 필드 | 버전 필드
    // 삭제): the message is the answer (review of blind41).
    if let (Some(c), Some(f)) = (cause, fix)
        && names_its_remedy(symptom, c, f)
    {
        ctx.dropped("증상이 원인과 해결을 말함");
        return;
    }
    // Whether and how the symptom says its cause.
    let mut told: Option<&'static str> = None;
    // A symptom that says its cause ("exceeded quota" for 네임스페이스 쿼터
    // 초과: review AG of 2026-12-01).
    if let Some(c) = cause {
        let cause_words = hygiene::content_words(c);
        let symptom_words = hygiene::content_words(symptom);
        let said = cause_words
            .iter()
            .filter(|w| hygiene::share(std::slice::from_ref(*w), &symptom_words))
            .count();
        if said >= 2 && 3 * said >= 2 * cause_words.len() {
            told = Some("증상이 원인을 말함");
        }
    }
    // A rare word of the message in its cause ("NoSuchBucket" | 버킷
    // 미생성, "WORKER TIMEOUT" | 워커 타임아웃 초과): the message is the
    // answer (review of blind52, 2026-12-02: nine such messages failed). A
    // word the session writes often is its subject (Ingress, volume), which
    // message and cause both name.
    let doc = ctx.doc();
    let places = ctx.latin_places.get_or_insert_with(|| latin_places(doc));
    // The case's own lines (its heading, symptom, cause and check) are not
    // the session writing the word: "OOMKilled" in six places, three of them
    // its own case (review of blind62, 2026-12-02).
    let rare = |w: &String| {
        let all = places.get(w).copied().unwrap_or(0);
        all.saturating_sub(own_places(doc, line, w)) < RARE_WORD_PLACES
    };
    if let Some(c) = cause.filter(|_| told.is_none())
        && message_words_in_cause(symptom, c).iter().any(&rare)
    {
        told = Some("오류 메시지가 원인을 말함");
    }
    if told.is_none()
        && (states_its_rule(symptom)
            || cause.is_some_and(|c| explains_itself(symptom, c) || says_its_reason(symptom, c)))
    {
        told = Some("오류 메시지가 원인을 말함");
    }
    // OOMKilled over a cause that says memory ran out ("limits.memory:
    // 128Mi를 초과": review of blind114, 2026-12-03), however often the
    // session writes the status.
    if told.is_none()
        && symptom.to_ascii_lowercase().contains("oomkilled")
        && cause.is_some_and(|c| {
            let c = c.to_lowercase();
            c.contains("memory") || c.contains("메모리")
        })
    {
        told = Some("오류 메시지가 원인을 말함");
    }
    if told.is_none() && cause.is_some_and(|c| abbreviates_its_message(symptom, c)) {
        told = Some("오류 메시지가 원인을 말함");
    }
    // A message that gives its reason ("… 5 dimensions (an initial batch
    // dimension because max_batch_size > 0 …)": review of blind86,
    // 2026-12-03) is its own answer.
    if told.is_none()
        && cause.is_some()
        && [" because ", " due to ", " caused by ", " therefore "]
            .iter()
            .any(|w| symptom.to_ascii_lowercase().contains(w))
    {
        told = Some("오류 메시지가 원인을 말함");
    }
    if told.is_none()
        && fix.is_some_and(|f| suggests_its_fix(symptom, f) || names_what_its_fix_sets(symptom, f))
    {
        told = Some("오류 메시지가 해결을 말함");
    }
    // A message written verbatim in its cause (`{app=~".*"}` for a parse
    // error quoting app=~".*": review of blind65, 2026-12-02).
    if told.is_none() && cause.is_some_and(|c| quotes_its_cause(symptom, c)) {
        told = Some("오류 메시지가 원인을 말함");
    }
    // A symptom that says its cause is not asked: asking its fix alone
    // failed seven of seven times (reviews of blind65-67, 2026-12-02: "the
    // fix is the trivial inverse of the message").
    if let Some(reason) = told {
        ctx.dropped(reason);
        return;
    }
    // "가능한 원인": a symptom may have causes the session does not list; the
    // reference says the grader accepts them (reviews AK and AL of
    // 2026-12-01 failed symptoms whose reference "would refuse" another
    // defensible cause).
    let ask = match (cause, fix) {
        (Some(_), Some(_)) => "가능한 원인과 해결 방법을",
        (Some(_), None) => "가능한 원인을",
        _ => "해결 방법을",
    };
    // Asked by the document's own word for it (증상, 문제, 오류 ...).
    let label = bare(label);
    // A description in Korean under a column of messages ("롤링 업데이트가
    // 중간에 멈춤" under 에러 메시지: review of blind128, 2026-12-03) is a
    // symptom, not a message.
    let hangul = symptom
        .chars()
        .filter(|&c| crate::text::is_hangul(c))
        .count();
    let latin = symptom.chars().filter(char::is_ascii_alphabetic).count();
    // "오류: 포트가 이미 사용 중" names an error well enough.
    let message_label = label.contains("메시지");
    let label = if label.chars().any(crate::text::is_hangul)
        && label.chars().count() <= 6
        && !(message_label && hangul > latin)
    {
        label
    } else {
        "증상"
    };
    let symptom = squeeze(symptom);
    // One symptom asked once per document (a table and an outline of the
    // same session list "Permission denied" twice: review AM).
    let words = hygiene::content_words(&symptom);
    if ctx.symptoms.iter().any(|seen| {
        let common = words
            .iter()
            .filter(|w| hygiene::share(std::slice::from_ref(*w), seen))
            .count();
        // Every word of the shorter one in the other ("Permission denied"
        // beside "Permission denied (bind mount 쓰기)"), not merely shared
        // words ("node(s) didn't match pod anti-affinity rules" is another
        // message than "... node affinity/selector").
        common >= 2 && common >= words.len().min(seen.len())
    }) {
        ctx.dropped("같은 증상이 이미 있음");
        return;
    }
    ctx.symptoms.push(words);
    // A heading that tells the cause ("conntrack — 첫 패킷만 규칙을 탄다"
    // over 기존 연결은 conntrack 항목을 따름: review of blind132,
    // 2026-12-03) is left out of the place the prompt names; a heading of
    // problems (트러블슈팅) never tells.
    let told_by = |heading: &str| -> bool {
        let Some(c) = cause else { return false };
        let said = hygiene::content_words(&symptom);
        let topic = ctx
            .doc()
            .title()
            .map(|h| hygiene::content_words(&h.clean))
            .unwrap_or_default();
        let cause_words = hygiene::content_words(c);
        !about_problems_text(heading)
            && hygiene::content_words(heading).iter().any(|w| {
                let one = std::slice::from_ref(w);
                w.chars().count() >= 2
                    && !COMMON_WORDS.contains(&w.as_str())
                    && !hygiene::share(one, &said)
                    && !hygiene::share(one, &topic)
                    && hygiene::share(one, &cause_words)
            })
    };
    let place: Vec<&str> = title.split(" > ").filter(|h| !told_by(h)).collect();
    let title = place.join(" > ");
    let title = title.as_str();
    let prompt = if title.is_empty() {
        format!("다음 {label}의 {ask} 설명하시오.\n{label}: {symptom}")
    } else {
        format!("「{title}」에서 다룬 다음 {label}의 {ask} 설명하시오.\n{label}: {symptom}")
    };
    let mut reference = String::from(if cause.is_some() && fix.is_some() {
        "참고 답안 (문서의 내용; 다른 타당한 원인과 해결도 인정):"
    } else if cause.is_some() {
        "참고 답안 (문서의 내용; 다른 타당한 원인도 인정):"
    } else {
        "참고 답안 (문서의 내용; 다른 타당한 해결도 인정):"
    });
    if let Some(c) = cause {
        reference.push_str(&format!("\n- 원인: {}", squeeze(c)));
    }
    if let Some(f) = fix {
        reference.push_str(&format!("\n- 해결: {}", squeeze(f)));
    }
    // A symptom in everyday words under a heading in everyday words
    // ("설정 변경이 반영되지 않음" under 「빠른 트러블슈팅 참조표」) is
    // asked in its document's topic (review of blind65, 2026-12-02: "nothing
    // says it is an Istio change").
    // Every symptom is asked so: a message without its tool ("404",
    // "connection refused" under 「트러블슈팅 가이드」) has many causes
    // (reviews of blind72-74, 2026-12-03: thirteen symptoms "never name the
    // tool"). A place that names the topic's tool already is enough.
    let topic = if title.is_empty() {
        ctx.doc_topic()
    } else {
        ctx.topic_beside(title)
    };
    let prompt = match topic {
        Some(t) if title.is_empty() => {
            format!("「{t}」 단원에서 다룬 다음 {label}의 {ask} 설명하시오.\n{label}: {symptom}")
        }
        Some(t) => format!(
            "「{t}」 단원의 「{title}」에서 다룬 다음 {label}의 {ask} 설명하시오.\n{label}: {symptom}"
        ),
        None => prompt,
    };
    let key = format!("{title}\u{1f}{symptom}");
    let mut q = ctx.question("symptom", &key, Kind::Essay, prompt, line, section);
    q.points = POINTS;
    q.feedback = Some(reference);
    ctx.out.push(q);
}

/// The aspects of outline node `b`: its "aspect: value" leaves (an aspect of
/// at most 12 characters with Hangul in it: "주의", "실패 시"; never a name
/// with its description, "Trivy: 취약점 스캔"), and its groups of leaves
/// (장점 over three leaves: their texts joined).
fn node_aspects(nodes: &[Node], b: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for &c in &nodes[b].children {
        let n = &nodes[c];
        if n.children.is_empty() {
            if let Some((a, v)) = n.text.split_once(": ") {
                let (a, v) = (a.trim(), v.trim());
                if !a.is_empty()
                    && !v.is_empty()
                    && a.chars().count() <= 12
                    && a.chars().any(crate::text::is_hangul)
                {
                    out.push((a.to_string(), v.to_string()));
                }
            }
        } else if n.children.iter().all(|&g| nodes[g].children.is_empty())
            && n.text.chars().any(crate::text::is_hangul)
            && n.text.chars().count() <= 12
            && !n.text.contains(": ")
        {
            let leaves: Vec<&str> = n.children.iter().map(|&g| nodes[g].text.as_str()).collect();
            out.push((n.text.clone(), leaves.join(", ")));
        }
    }
    out
}

/// Essays from one outline tree: parallel branches compared on the aspects
/// they share, and branches written 증상 / 원인 / 해결 asked as symptoms.
pub fn outline(ctx: &mut Ctx<'_>, nodes: &[Node], section: Option<usize>) {
    // Sibling lists: the roots, and the children of every node with two or more.
    let mut lists: Vec<(Option<usize>, Vec<usize>)> = vec![(
        None,
        (0..nodes.len()).filter(|&i| nodes[i].depth == 0).collect(),
    )];
    for (i, n) in nodes.iter().enumerate() {
        if n.children.len() >= 2 {
            lists.push((Some(i), n.children.clone()));
        }
    }
    let section_title = ctx.section_path(section);
    for (parent, list) in lists {
        let things: Vec<Thing> = list
            .iter()
            .filter(|&&b| {
                !nodes[b].children.is_empty()
                    && !super::outline::is_role(&nodes[b].text)
                    && (super::seq_label(&nodes[b].text).is_some()
                        || !super::is_label(&nodes[b].text))
            })
            .map(|&b| Thing {
                name: display_name(&nodes[b].text),
                raw: nodes[b].text.clone(),
                line: nodes[b].line,
                aspects: node_aspects(nodes, b),
            })
            .collect();
        let title = match parent {
            Some(p) => super::outline::path(nodes, p),
            None => nodes
                .iter()
                .find(|n| n.depth == 0 && n.children.is_empty())
                .map_or_else(|| section_title.clone(), |n| n.text.clone()),
        };
        // Branches written as symptoms: each is asked by its symptom.
        let symptoms: Vec<&Thing> = things
            .iter()
            .filter(|t| t.aspects.iter().any(|(l, _)| listed(SYMPTOM, l)))
            .collect();
        if !symptoms.is_empty() {
            cover(ctx, &things);
            for t in symptoms {
                let Some((label, symptom)) = t.aspects.iter().find(|(l, _)| listed(SYMPTOM, l))
                else {
                    continue;
                };
                let (cause, fix) = (all_of(&t.aspects, &is_cause), all_of(&t.aspects, &is_fix));
                push_symptom(
                    ctx,
                    &title,
                    label,
                    symptom,
                    cause.as_deref(),
                    fix.as_deref(),
                    t.line,
                    section,
                );
            }
            continue;
        }
        if things.len() < 2 {
            continue;
        }
        if answers(parent.map(|p| nodes[p].text.as_str()), &things) {
            // The branches of a decision tree answer its question ("…에
            // 의존하는가?" / 아니오 / 예): not things to compare by name
            // (review AQ of 2026-12-01).
            ctx.dropped("결정 갈래(예/아니오)는 비교하지 않음");
            continue;
        }
        if symptoms_by_name(&things) {
            push_named_symptoms(ctx, &title, &things, section);
            continue;
        }
        if remedies_only(&things) {
            // A choice of "which cause has this remedy" over them asks the
            // same entries by reading: none either.
            cover(ctx, &things);
            ctx.dropped("원인마다 해결만 있음");
            continue;
        }
        let line = things.first().map_or(0, |t| t.line);
        push_comparison(ctx, &title, &things, line, section);
    }
}

/// Troubleshooting cases written as labelled lines: "- **증상**: …",
/// "- **원인**: …", "- **해결**: …" items (under "### 사례 1. …"); or a
/// symptom named by a heading ("### ❗ 오류 1: 포트가 이미 사용 중", an error
/// message in a code block under it) or by a bold paragraph ("**Q1. Targets
/// 화면에 `context deadline exceeded` 가 표시됩니다.**"), followed by its
/// 원인 / 해결 items or paragraphs ("> **원인**: … **해결**: …"). Each case is
/// asked like a troubleshooting table's row (reviews of blind44 and blind46,
/// 2026-12-01 and 12-02: sessions of five to eight cases gave nothing).
pub fn cases(ctx: &mut Ctx<'_>, doc: &Doc) {
    struct Case {
        /// Where its title comes from.
        section: Option<usize>,
        label: String,
        symptom: String,
        line: usize,
        causes: Vec<String>,
        fixes: Vec<String>,
        /// Named by a 증상 line under its own heading.
        labelled: bool,
        /// Its heading names its cause.
        told: bool,
        /// The bold title its 증상 line stands under ("**Case 1. Pod가 계속
        /// `Pending`**"), heading it like a heading of its own.
        head: Option<String>,
        /// Named by a bold line whose first labelled line is a cause or a
        /// remedy.
        bold: bool,
    }
    /// A case named (section, label, symptom, line), its remedy if known.
    type Named = (Option<usize>, String, String, usize);
    let case = |(section, label, symptom, line): Named, fix: Option<&str>| Case {
        section,
        label,
        symptom,
        line,
        causes: Vec::new(),
        fixes: fix.map(str::to_string).into_iter().collect(),
        labelled: false,
        told: false,
        head: None,
        bold: false,
    };
    let not_concepts = doc.sections_with(super::NOT_CONCEPTS);
    let mut found: Vec<Case> = Vec::new();
    // The case the next 원인 / 해결 lines belong to.
    let mut open = false;
    // A symptom a heading or a bold paragraph named, waiting for its first
    // 원인 / 해결 line.
    let mut named: Option<Named> = None;
    // Whether `named` is a bold line's (not a heading's), and that line as
    // written (a message in a code block under it may replace the symptom).
    let mut named_bold = false;
    let mut bold_title: Option<String> = None;
    // The line of the remedy last read: a code block right under it is its
    // commands.
    let mut fix_line: Option<usize> = None;
    let mut section = None;
    for b in &doc.blocks {
        if b.section != section || found.is_empty() && section.is_none() {
            section = b.section;
            open = false;
            named_bold = false;
            // A heading under a troubleshooting heading names its symptom
            // whole ("### ❌ PVC가 계속 `Pending`" under "## 🚨 트러블슈팅:
            // 자주 만나는 스토리지 오류": review of blind48, 2026-12-02).
            named = b
                .section
                .and_then(|s| doc.headings.get(s))
                .filter(|h| h.level >= 3)
                .and_then(|h| {
                    symptom_named(&h.clean)
                        .or_else(|| {
                            let under = doc
                                .ancestors(h.parent)
                                .any(|a| TROUBLESHOOTING.iter().any(|t| a.clean.contains(t)));
                            under.then(|| ("증상".to_string(), h.clean.clone()))
                        })
                        .map(|(l, t)| (h.parent, l, t, h.line))
                });
        }
        if not_concepts.contains(b.section) {
            open = false;
            named = None;
            continue;
        }
        let mut parts = labelled(b);
        // A bold 증상 over the message it shows ("**증상**", "**증상 B**
        // (…)" over a code block: review of blind130, 2026-12-03) labels
        // the message; the author's words beside it are a diagnosis.
        // So does a bold 해결 over the commands it runs (its value).
        if parts.is_empty()
            && let Some(label) = label_over_code(doc, b)
        {
            parts.push((label, String::new()));
        }
        // A bold line that is all a label and its text ("**규칙 평가 실패:
        // `vector contains …`**" after another case's 원인 and 확인: review
        // of blind120, 2026-12-03) starts the next case, whose 원인 and 해결
        // are its own.
        let bold_case = matches!(b.kind, BlockKind::Para | BlockKind::Item { depth: 0, .. })
            && bold_whole(b)
            && parts.first().is_some_and(|(f, _)| {
                !listed(SYMPTOM, f) && !is_cause(f) && !is_fix(f) && !checks(f)
            });
        let Some((first, _)) = parts.first().filter(|_| !bold_case) else {
            let faq = if open { None } else { bold_then_answer(b) };
            match b.kind {
                // The message right under its heading is the symptom a
                // student meets; the heading often says the cause ("사례 2:
                // healthcheck 명령 자체가 없음" over `exec: "curl": executable
                // file not found`: review of blind53, 2026-12-02).
                BlockKind::Code { ref lang, .. } => {
                    // The commands under a remedy ("**해결**" or "daemon.json에
                    // 등록 후 데몬 재시작" over the setting: review of
                    // blind130, 2026-12-03) are part of it.
                    if open
                        && fix_line.is_some_and(|l| b.line == l + 1 || b.line == l + 2)
                        && let Some(case) = found.last_mut()
                        && let Some(fix) = case.fixes.last_mut()
                    {
                        if let Some(code) = code_summary(&b.text, lang) {
                            *fix = if fix.is_empty() {
                                code
                            } else {
                                format!("{} ({code})", fix.trim_end())
                            };
                        }
                        fix_line = None;
                    }
                    // A heading the author calls the error ("오류 1: 포트가
                    // 이미 사용 중") stays the symptom.
                    if let Some(n) = named.as_mut()
                        && n.3 + 1 >= first_line_of_section(doc, b.section)
                        && !b
                            .section
                            .and_then(|s| doc.headings.get(s))
                            .is_some_and(|h| called_a_symptom(&h.clean))
                        && let Some(message) = error_message(&b.text)
                    {
                        n.1 = "오류 메시지".to_string();
                        n.2 = message;
                    }
                }
                // A bold FAQ line, or a bold list item with its 원인 and
                // 조치 nested under it ("1. **GPU 사용률은 여유인데 TTFT
                // p95가 3배로 증가**": review of blind48).
                // A bold FAQ line with its answer in the same paragraph
                // ("**Q1. … 않습니다.**" and "A. …" on the next line).
                BlockKind::Para if faq.is_some() => {
                    if let Some((question, answer)) = faq {
                        let (label, symptom) = symptom_named(question)
                            .unwrap_or_else(|| ("증상".to_string(), question.to_string()));
                        named = None;
                        found.push(case((b.section, label, symptom, b.line), Some(answer)));
                    }
                }
                // A step of the open case ("**현재 남은 횟수 확인**" over a
                // command, between its 원인 and 해결: review of blind130,
                // 2026-12-03) names no case of its own.
                BlockKind::Para | BlockKind::Item { depth: 0, .. }
                    if bold_whole(b) && open && a_step(&b.text) => {}
                BlockKind::Para | BlockKind::Item { depth: 0, .. } if bold_whole(b) => {
                    open = false;
                    // "**케이스 6 — 정책을 적용했는데 …**": the case's number
                    // is the document's (review of blind133, 2026-12-03).
                    let (l, t) = symptom_named(&b.text).unwrap_or_else(|| {
                        ("증상".to_string(), case_title_words(&b.text).to_string())
                    });
                    bold_title = Some(t.clone());
                    named = Some((b.section, l, t, b.line));
                    named_bold = true;
                }
                // Its answer ("A. `kubectl get xrd`에서 …"): the remedy.
                BlockKind::Para if !open && named.is_some() => {
                    if let Some(answer) = faq_answer(&b.text)
                        && let Some(n) = named.take()
                    {
                        found.push(case(n, Some(answer)));
                    }
                }
                BlockKind::Item { .. } => {}
                _ => open = false,
            }
            continue;
        };
        if listed(SYMPTOM, first) {
            // The log a 증상 line shows under it is what the student meets:
            // its failing line joins the symptom ("증상:" over `error:
            // deployment "order-api" exceeded its progress deadline`; review
            // of blind71, 2026-12-03: a headline alone fits many causes). A
            // code block inside an item comes before the item in `blocks`.
            let shown = doc
                .blocks
                .iter()
                .find(|c| {
                    matches!(c.kind, BlockKind::Code { .. })
                        && (c.line == b.line + 1 || c.line == b.line + 2)
                })
                .and_then(|c| failing_line(&c.text));
            let said = parts[0].1.trim().trim_end_matches([':', '：']).trim();
            let symptom = match shown {
                Some(key) if said.is_empty() || points_below(said) => key,
                Some(key) if !normalize(said).contains(&normalize(&key)) => {
                    format!("{said} — {key}")
                }
                _ => parts[0].1.clone(),
            };
            let n = (b.section, first.clone(), symptom, b.line);
            let head = named
                .as_ref()
                .filter(|_| named_bold)
                .and(bold_title.clone());
            found.push(Case {
                labelled: true,
                head,
                ..case(n, None)
            });
            open = true;
            named = None;
        } else if !open
            && (is_cause(first) || is_fix(first))
            && let Some(n) = named.take()
        {
            found.push(Case {
                bold: named_bold,
                ..case(n, None)
            });
            open = true;
        } else if !open && named_bold && !checks(first) {
            // A bold line whose first labelled line is neither its cause,
            // its remedy nor a check names a thing, not a symptom
            // ("**liveness (`/livez`)**" over 검사 대상 / 금지 / 이유: review
            // of blind71, 2026-12-03, "증상: liveness (/livez)").
            named = None;
        }
        if !open {
            continue;
        }
        let Some(case) = found.last_mut() else {
            continue;
        };
        for (label, value) in &parts {
            if is_cause(label) {
                case.causes.push(value.clone());
            } else if is_fix(label) {
                case.fixes.push(value.clone());
                fix_line = Some(b.line);
            }
        }
    }
    // A case under its own heading ("### 오류 7: `ProgressDeadlineExceeded`"
    // over "- **증상**: …"): the heading is part of what the student meets,
    // not the place the prompt names; the prompt names the heading above it,
    // and the symptom begins with the heading's words, so that the checks
    // for a symptom that tells its cause read them too (review of blind59,
    // 2026-12-02: three headings in prompts told their causes).
    let once: Vec<bool> = found
        .iter()
        .map(|c| found.iter().filter(|o| o.section == c.section).count() == 1)
        .collect();
    let doc_title_words = latin_words(doc.title().map_or("", |h| h.clean.as_str()));
    for (case, once) in found.iter_mut().zip(once) {
        let heading = case.section.and_then(|s| doc.headings.get(s));
        let title = match (&case.head, heading) {
            (Some(t), _) => t.clone(),
            (None, Some(h)) if case.labelled && once && h.level >= 3 => h.clean.clone(),
            _ => continue,
        };
        let symptom = case.symptom.trim().to_string();
        // "HTTP 레지스트리 - `server gave HTTP response to HTTPS client`"
        // over that message: the words before the message are the author's
        // diagnosis (review of blind130, 2026-12-03), left off.
        let words = match case_title_words(&title).split_once(" - ") {
            Some((_, message))
                if normalize(&symptom).contains(&normalize(message.trim().trim_matches('`'))) =>
            {
                ""
            }
            _ => case_title_words(&title),
        };
        // A heading in the author's words that writes a name its cause
        // writes and its symptom does not ("케이스 5: exec probe로 노드 CPU
        // 상승" over `<defunct>` processes, the cause 500개 Pod의 exec probe:
        // review of blind71, 2026-12-03) tells the cause.
        // So does a title's word of Hangul the cause writes ("사례 2 — 첫
        // 요청만 3~5초 지연 (콜드 스타트)" over 원인: 콜드 스타트 …: review
        // of blind74, 2026-12-03).
        let causes = case.causes.join(" ");
        let cause_words = latin_words(&causes);
        let seen = latin_words(&symptom);
        // A negation tells nothing ("레코드가 전혀 생기지 않음" over a cause
        // "… 게시하지 않음": review of blind89, 2026-12-03), nor a setting's
        // word ("Audit 모드에서 …" over "Audit 모드는 …").
        const NEGATIONS: &[&str] = &[
            "않음",
            "없음",
            "있음",
            "안됨",
            "못함",
            "않는",
            "없는",
            "되지",
            "하지",
            "모드",
            "방식",
            "환경",
            "적용",
            "도입",
            "설치",
            "활성화",
            "사용",
        ];
        let cause_hangul: Vec<String> = hygiene::content_words(&causes)
            .into_iter()
            .filter(|w| {
                w.chars().all(crate::text::is_hangul)
                    && w.chars().count() >= 2
                    && !NEGATIONS.contains(&w.as_str())
            })
            .collect();
        let seen_hangul = hygiene::content_words(&symptom);
        // A name the title sets the case in ("Compose 방식에서 컨테이너가
        // 바로 종료됨": review of blind87, 2026-12-03) is its setting, which
        // the symptom needs, not its cause.
        let lower_words = words.to_lowercase();
        let setting = |w: &str| {
            // So is what the case follows ("Istio 적용 후 Init Container의
            // 외부 호출이 모두 실패": review of blind114, 2026-12-03).
            [
                "에서",
                " 방식에서",
                " 환경에서",
                " 모드에서",
                " 모드",
                " 방식",
                " 적용 후",
                " 도입 후",
                " 설치 후",
                " 활성화 후",
                " 사용 시",
            ]
            .iter()
            .any(|e| lower_words.contains(&format!("{w}{e}")))
        };
        // A name the document's title writes is its subject ("Init
        // Container" in 「Init Container와 Pod 시작 순서 제어」 under "Istio
        // 적용 후 Init Container의 외부 호출이 모두 실패": review of blind114,
        // 2026-12-03), not the cause the case's title tells.
        let subject = |w: &str| doc_title_words.contains(w);
        case.told = words.chars().any(crate::text::is_hangul)
            && (latin_words(words).iter().any(|w| {
                cause_words.contains(w) && !seen.contains(w) && !setting(w) && !subject(w)
            }) || hygiene::content_words(words).iter().any(|w| {
                // A word of one syllable and its particle ("존에") is
                // too short to tell anything (review of blind122).
                let stem =
                    w.trim_end_matches(['에', '을', '를', '이', '가', '은', '는', '의', '로']);
                w.chars().all(crate::text::is_hangul)
                    && stem.chars().count() >= 2
                    && cause_hangul.contains(w)
                    && !seen_hangul.contains(w)
            }));
        // A bold title that names a word of the cause is left off instead:
        // its case was asked without it before (reviews of blind79-82,
        // 2026-12-03: "arm64 이미지가 실행되자마자 종료" over `exec format
        // error` stays a sound question without its title).
        // A title that names a fault ("이름 불일치" over an x509 message:
        // review of blind85, 2026-12-03) is the author's diagnosis.
        const FAULTS: &[&str] = &[
            "불일치",
            "누락",
            "부족",
            "미설정",
            "미지정",
            "미설치",
            "충돌",
            "초과",
            "만료",
            "오설정",
        ];
        let fault = FAULTS.iter().any(|f| {
            words
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .ends_with(f)
        });
        // Under a heading that lists causes ("적중률을 떨어뜨리는 흔한
        // 원인"), a case without a cause of its own is titled by its cause
        // ("캐시 키 오염", "짧은 TTL": review of blind87, 2026-12-03).
        if case.head.is_some()
            && case.causes.is_empty()
            && heading.is_some_and(|h| h.clean.contains("원인") && !h.clean.contains("증상"))
        {
            case.told = true;
            continue;
        }
        if case.head.is_some() && (case.told || fault) {
            case.told = false;
            case.symptom = symptom;
            continue;
        }
        // So is a heading's ("사례 2. CPU 아키텍처가 다르다 - 플랫폼 불일치"
        // over `exec format error`: review of blind130, 2026-12-03), and the
        // prompt names the heading above it.
        if fault && !case.told {
            case.symptom = symptom;
            if let Some(h) = heading {
                case.section = h.parent;
            }
            continue;
        }
        case.symptom = if words.is_empty() || normalize(&symptom).contains(&normalize(words)) {
            symptom
        } else {
            format!("{words} — {symptom}")
        };
        if case.head.is_none()
            && let Some(h) = heading
        {
            case.section = h.parent;
        }
    }
    // A case's own numbered heading ("사례 4. CPU 아키텍처가 다르다 - 플랫폼
    // 불일치") is the author's diagnosis, never the place a prompt names:
    // the heading above it is (review of blind130, 2026-12-03).
    for case in &mut found {
        if let Some(h) = case.section.and_then(|s| doc.headings.get(s))
            && h.level >= 3
            && case_title_words(&h.clean) != h.clean.trim()
        {
            case.section = h.parent;
        }
    }
    for case in found {
        if case.told {
            ctx.dropped("제목이 원인을 말함");
            continue;
        }
        // A bold point with only a remedy under it, outside any section of
        // problems, is a fact or a reading with advice ("**unhealthy는
        // 재시작을 유발하지 않는다**" over 해결책, "**읽는 법**" over 개선
        // 후보: review of blind126, 2026-12-03), not a symptom.
        if case.bold && case.causes.is_empty() && !about_problems(doc, case.section) {
            ctx.dropped("문제 절 밖의 굵은 요점");
            continue;
        }
        let title = ctx.section_path(case.section);
        let cause = (!case.causes.is_empty()).then(|| case.causes.join("; "));
        let fixes: Vec<&str> = case
            .fixes
            .iter()
            .map(|f| f.trim())
            .filter(|f| !f.is_empty())
            .collect();
        let fix = (!fixes.is_empty()).then(|| fixes.join("; "));
        push_symptom(
            ctx,
            &title,
            &case.label,
            &case.symptom,
            cause.as_deref(),
            fix.as_deref(),
            case.line,
            case.section,
        );
    }
}

/// The line of a log or command output that says what failed, without an
/// event's columns ("Warning  Unhealthy  kubelet  Liveness probe failed: …"
/// -> "Liveness probe failed: …"); None when no line fails or the line is
/// too long to read in a prompt.
fn failing_line(code: &str) -> Option<String> {
    let lines: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !COMMANDS.iter().any(|c| l.starts_with(c)))
        .collect();
    let event = |l: &str| l.starts_with("Warning") || l.starts_with("Normal");
    let at = lines.iter().position(|l| {
        let lower = l.to_lowercase();
        FAILURE_WORDS.iter().any(|f| lower.contains(f))
    })?;
    let first = lines[at];
    // An event's columns are parted by two spaces or more.
    let mut text = if event(first) {
        first
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .last()
            .unwrap_or(first)
            .to_string()
    } else {
        first.to_string()
    };
    // A message wrapped over lines goes on to the end of its sentence ("0/3
    // nodes are available: 1 node(s) had untolerated taint" / "{…}, 2
    // Insufficient cpu. preemption: …": review of blind77, 2026-12-03, the
    // cut message blamed the taint).
    for next in lines.iter().skip(at + 1) {
        if text.ends_with('.') || event(next) {
            break;
        }
        match next.find(". ") {
            Some(end) => {
                text = format!("{text} {}", &next[..=end]);
                break;
            }
            None => text = format!("{text} {next}"),
        }
    }
    let text = text.trim().to_string();
    (text.chars().count() <= 240).then_some(text)
}

/// Whether a label names a check made on a symptom (확인, 진단, 로그, …),
/// which may come before its cause.
fn checks(label: &str) -> bool {
    let n = normalize(bare(label));
    ["확인", "진단", "점검", "로그", "메시지", "명령", "현상"]
        .iter()
        .any(|w| n.contains(w))
}

/// A case's title without its number: "사례 2 — 첫 요청만 지연" and
/// "Case 1. Pod가 Pending" -> their rest, a bare "사례 1" -> nothing.
fn case_title_words(title: &str) -> &str {
    let t = title.trim();
    // A case's number, or its letter or circled number ("사례 C —", "사례
    // ③": reviews of blind114 and blind115, 2026-12-03).
    let number = |w: &str| {
        let mut chars = w.chars();
        let one = chars.next().filter(|_| chars.next().is_none());
        (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            || one.is_some_and(|c| c.is_ascii_uppercase() || ('①'..='⑳').contains(&c))
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() == 2 && number(words[1]) {
        return "";
    }
    for dash in [" — ", " – ", " - "] {
        if let Some((head, rest)) = t.split_once(dash) {
            let h: Vec<&str> = head.split_whitespace().collect();
            if h.len() == 2 && number(h[1].trim_end_matches(['.', ':'])) {
                return rest.trim();
            }
        }
    }
    // "사례 ③ \"포트를 게시할 수 없어요\"" without a dash: a case's word
    // and its number before the title (review of blind115, 2026-12-03).
    const CASE_WORDS: &[&str] = &["사례", "케이스", "case", "시나리오", "장애", "오류", "문제"];
    if words.len() > 2
        && CASE_WORDS.contains(&words[0].to_lowercase().as_str())
        && number(words[1].trim_end_matches(['.', ':', ')']))
        && let Some(at) = t.find(words[1])
    {
        return t[at + words[1].len()..].trim();
    }
    case_head(t)
        .filter(|(_, numbered, _)| *numbered)
        .map_or(t, |(_, _, rest)| rest)
        .trim()
}

/// The head of a case's title without its number, whether it had one, and
/// the rest ("오류 1: 포트가 …" -> 오류, true, "포트가 …"; "Q2. …" -> Q).
fn case_head(text: &str) -> Option<(&str, bool, &str)> {
    let text = text.trim();
    let (head, rest) = text
        .split_once([':', '：'])
        .filter(|(h, _)| h.chars().count() <= 10)
        .or_else(|| {
            // "Q2. …", "Case 1. …"
            text.split_once(". ").filter(|(h, _)| {
                h.chars().count() <= 4
                    || h.chars().count() <= 10 && h.ends_with(|c: char| c.is_ascii_digit())
            })
        })?;
    let head = head.trim();
    let word = head.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '#');
    Some((word, word.len() < head.len(), rest))
}

/// Whether a heading calls its case a symptom by the document's word
/// ("오류 1: …", "증상 3: …"), not a case or question number ("사례 2: …").
fn called_a_symptom(heading: &str) -> bool {
    case_head(heading).is_some_and(|(word, _, _)| listed(SYMPTOM, word))
}

/// The line of the first block of `section` (0 when it has none).
fn first_line_of_section(doc: &Doc, section: Option<usize>) -> usize {
    doc.blocks
        .iter()
        .find(|b| b.section == section)
        .map_or(0, |b| b.line)
}

/// Words of a line that says something failed (in a log, a command's
/// output, an event).
const FAILURE_WORDS: &[&str] = &[
    "error",
    "fail",
    "denied",
    "not found",
    "unable",
    "cannot",
    "can't",
    "invalid",
    "refused",
    "warn",
    "exception",
    "panic",
    "timeout",
    "timed out",
    "unhealthy",
    "missing",
    "exceeded",
    "forbidden",
    "didn't",
    "did not",
    "exit",
    "오류",
    "실패",
];

/// The starts of a line that is a command, not its output.
const COMMANDS: &[&str] = &["$ ", "# ", "kubectl ", "docker ", "helm ", "curl ", "git "];

/// A code block that shows an error message (a few lines that report a
/// failure, no commands): its lines joined by " / ". None for anything else.
fn error_message(code: &str) -> Option<String> {
    let lines: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lower = code.to_lowercase();
    (!lines.is_empty()
        && lines.len() <= 4
        && code.chars().count() <= 300
        && FAILURE_WORDS.iter().any(|f| lower.contains(f))
        && !lines
            .iter()
            .any(|l| COMMANDS.iter().any(|c| l.starts_with(c))))
    .then(|| lines.join(" / "))
}

/// The labelled parts of a block: a top-level item "label: value" (a label
/// of at most eight characters), or a paragraph begun by a bold label and
/// parted by bold labels ("**원인**: … **해결**: …", a block quote's lines
/// read as one paragraph).
fn labelled(b: &super::markdown::Block) -> Vec<(String, String)> {
    let short = |l: &str| !l.is_empty() && l.chars().count() <= 8;
    match b.kind {
        // Nested under a bold symptom item too ("   - 원인: …").
        BlockKind::Item {
            depth: 0 | 1,
            task: None,
            ..
        } => b
            .text
            .split_once(':')
            // A mark before the label is decoration ("🔎 **증상**": review of
            // blind115, 2026-12-03, the prompt read "다음 🔎 증상의").
            .map(|(l, v)| {
                (
                    l.trim().trim_start_matches(|c: char| !c.is_alphanumeric()),
                    v.trim(),
                )
            })
            // "- **증상**:" over a code block: the block is its value.
            .filter(|(l, v)| short(l) && (!v.is_empty() || listed(SYMPTOM, l)))
            .map(|(l, v)| vec![(l.to_string(), v.to_string())])
            .unwrap_or_default(),
        BlockKind::Para => {
            // Bold spans that are a label and a colon, inside or right after.
            let mut marks: Vec<(usize, usize, String)> = Vec::new();
            for &(s, e) in &b.bold {
                let Some(inner) = b.text.get(s..e) else {
                    continue;
                };
                let inner = inner.trim();
                let after = b.text.get(e..).unwrap_or("");
                let (label, end) = if let Some(l) = inner.strip_suffix([':', '：']) {
                    (l.trim(), e)
                } else if after.trim_start().starts_with([':', '：']) {
                    let skip = after.len() - after.trim_start().len();
                    (inner, e + skip + ':'.len_utf8())
                } else {
                    continue;
                };
                let known = listed(SYMPTOM, label) || is_cause(label) || is_fix(label);
                if short(label) && known {
                    marks.push((s, end.min(b.text.len()), label.to_string()));
                }
            }
            if marks
                .first()
                .is_none_or(|m| !b.text[..m.0].trim().is_empty())
            {
                return Vec::new();
            }
            (0..marks.len())
                .filter_map(|i| {
                    let to = marks.get(i + 1).map_or(b.text.len(), |m| m.0);
                    let value = b.text.get(marks[i].1..to)?.trim();
                    (!value.is_empty()).then(|| (marks[i].2.clone(), value.to_string()))
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Words of headings over troubleshooting cases.
const TROUBLESHOOTING: &[&str] = &["트러블슈팅", "문제 해결", "자주 묻는", "FAQ", "장애 대응"];

/// Words too common in headings and causes to tell anything.
const COMMON_WORDS: &[&str] = &[
    "설정", "사용", "문제", "원인", "해결", "경우", "오류", "에러", "확인", "적용", "기본", "운영",
    "관리", "구성", "동작", "방법",
];

/// Whether a heading is about problems (see [`about_problems`]).
fn about_problems_text(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    PROBLEM_WORDS.iter().any(|w| lower.contains(w))
}

/// Whether a section or a heading above it (below the title) is about
/// problems: troubles, cases, errors, mistakes, pitfalls.
fn about_problems(doc: &Doc, section: Option<usize>) -> bool {
    // Not the document's title ("… 재시작 루프 진단"): it is over every
    // section.
    doc.ancestors(section)
        .filter(|h| h.level > 1)
        .any(|h| about_problems_text(&h.clean))
}

/// Words of headings about problems: troubles, cases, errors, mistakes,
/// pitfalls.
const PROBLEM_WORDS: &[&str] = &[
    "트러블슈팅",
    "문제",
    "장애",
    "사례",
    "케이스",
    "증상",
    "오류",
    "에러",
    "실수",
    "함정",
    "디버깅",
    "진단",
    "막히",
    "실패",
    "이슈",
    "주의",
    "안티패턴",
    "흔한",
    "자주 묻는",
    "faq",
    "q&a",
    "troubleshoot",
    "error",
    "case",
    "pitfall",
    "debug",
];

/// The answer of a FAQ line written "A. …" or "A: …", without its mark.
fn faq_answer(text: &str) -> Option<&str> {
    let t = text.trim();
    let rest = t
        .strip_prefix("A.")
        .or_else(|| t.strip_prefix("A:"))
        .or_else(|| t.strip_prefix("답:"))
        .or_else(|| t.strip_prefix("답변:"))?
        .trim();
    (rest.chars().count() >= 10).then_some(rest)
}

/// A paragraph begun by a bold line and going on with its answer ("**Q1.
/// Claim이 … 않습니다.** A. `crossplane beta trace`로 …"): the two.
fn bold_then_answer(b: &super::markdown::Block) -> Option<(&str, &str)> {
    let &(s, e) = b.bold.first()?;
    if s != 0 {
        return None;
    }
    let question = b.text.get(s..e)?.trim();
    let answer = faq_answer(b.text.get(e..)?)?;
    Some((question, answer))
}

/// Whether a paragraph is bold from end to end ("**Q3. … 비어 있습니다.**").
fn bold_whole(b: &super::markdown::Block) -> bool {
    let text = b.text.trim();
    !text.is_empty()
        && b.bold.iter().any(|&(s, e)| {
            b.text
                .get(s..e)
                .is_some_and(|inner| inner.trim() == text.trim_end_matches([':', '：']).trim())
        })
}

/// Whether a bold line names a step of work ("현재 남은 횟수 확인", "설정
/// 예시", "복구 절차"), not a symptom.
fn a_step(text: &str) -> bool {
    const STEPS: &[&str] = &[
        "확인",
        "확인하기",
        "방법",
        "절차",
        "예시",
        "예",
        "명령",
        "명령어",
        "설정",
        "점검",
    ];
    let t = text.trim().trim_end_matches([':', '：']).trim();
    t.rsplit(' ').next().is_some_and(|w| STEPS.contains(&w))
}

/// The symptom label a paragraph starts with in bold, without a colon,
/// when a code block follows it: "**증상**", "**증상 B** (단일 플랫폼 …)".
fn label_over_code(doc: &Doc, b: &super::markdown::Block) -> Option<String> {
    if b.kind != BlockKind::Para {
        return None;
    }
    let &(s, e) = b.bold.first()?;
    if !b.text[..s.min(b.text.len())].trim().is_empty() {
        return None;
    }
    let inner = b.text.get(s..e)?.trim();
    let after = b.text.get(e..)?.trim_start();
    if inner.ends_with([':', '：']) || after.starts_with([':', '：']) {
        return None;
    }
    // "증상 B", "증상 2": the case's letter or number.
    let label = match inner.rsplit_once(' ') {
        Some((head, tail))
            if tail.chars().count() <= 2 && tail.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            head
        }
        _ => inner,
    };
    let shown = doc.blocks.iter().any(|c| {
        matches!(c.kind, BlockKind::Code { .. }) && (c.line == b.line + 1 || c.line == b.line + 2)
    });
    ((listed(SYMPTOM, label) || is_fix(label)) && shown).then(|| label.to_string())
}

/// The commands or settings of a short code block, as one line for a
/// reference answer ("aws ecr get-login-password … | docker login …";
/// `{ "insecure-registries": ["192.168.56.20:5000"] }`): None for a block
/// of more than five lines or 200 characters.
fn code_summary(code: &str, lang: &str) -> Option<String> {
    let lines: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("//"))
        .map(|l| l.strip_prefix("$ ").unwrap_or(l))
        .collect();
    let shell = matches!(lang, "" | "bash" | "sh" | "shell" | "console" | "zsh");
    // A shell line continued with a backslash is one command.
    let joined = if shell {
        lines
            .join("\n")
            .replace("\\\n", " ")
            .split('\n')
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        lines.join(" ")
    };
    (!lines.is_empty() && lines.len() <= 5 && joined.chars().count() <= 200).then_some(joined)
}

/// A symptom named by a heading or a bold line: its text without a case
/// number ("오류 1: 포트가 이미 사용 중", "Q2. Targets에 … 뜹니다.", "증상 7:
/// host 모드에서 -p가 동작하지 않음"), with the document's word for it (오류,
/// 증상; 증상 for a question number). None for a bare number or label.
fn symptom_named(text: &str) -> Option<(String, String)> {
    let (word, numbered, rest) = case_head(text)?;
    let label = if listed(SYMPTOM, word) {
        word.to_string()
    } else if numbered && matches!(word, "Q" | "q" | "사례" | "Case" | "case" | "문항") {
        "증상".to_string()
    } else {
        return None;
    };
    let rest = rest.trim();
    (rest.chars().count() >= 4).then(|| (label, rest.to_string()))
}

/// Whether branches answer a question: their parent asks one ("…하는가?"),
/// or a branch is named by a bare yes or no (예, 아니오, Yes; not "no",
/// which is also a restart policy).
fn answers(parent: Option<&str>, things: &[Thing]) -> bool {
    const YES_NO: &[&str] = &["예", "아니오", "아니요", "네", "yes"];
    parent.is_some_and(|p| p.trim_end().ends_with(['?', '？']))
        || things.iter().any(|t| {
            let head = t.raw.split([' ', '(', ':']).next().unwrap_or("");
            YES_NO.contains(&normalize(head).as_str())
        })
}

/// A branch's name as a prompt shows it: without a list number ("1. Retain")
/// and without its parenthesis ("Level 1: 기본 운영 (Basic Operations)").
fn display_name(text: &str) -> String {
    // "❌ 피해야 할 알림", "✅ 권장 알림": the mark is no part of the name
    // and tells which is right (review of blind55, 2026-12-02).
    let t = super::tables::undecorated(without_list_number(text));
    match t.split_once(" (") {
        Some((name, _)) if name.trim().chars().count() >= 2 => name.trim().to_string(),
        _ => t,
    }
}

/// Things whose names are one name once their parentheses go ("bridge
/// (기본)", "bridge (사용자 정의)") keep their parentheses (review of
/// blind46, 2026-12-02: the driver table was "no things to compare").
fn distinguish(things: &mut [Thing]) {
    let names: Vec<String> = things.iter().map(|t| normalize(&t.name)).collect();
    let unique: std::collections::HashSet<&String> = names.iter().collect();
    if unique.len() == names.len() {
        return;
    }
    for t in things.iter_mut() {
        t.name = squeeze(without_list_number(&t.raw));
    }
}

/// A name without its list number ("1. Retain" -> Retain), trimmed.
fn without_list_number(text: &str) -> &str {
    let t = text.trim();
    // A circled number ("⑥ 워커 재시작 후 …") is a list's number too
    // (review of blind76, 2026-12-03).
    if let Some(rest) = t.strip_prefix(|c: char| ('①'..='⑳').contains(&c)) {
        return rest.trim_start();
    }
    t.split_once(". ")
        .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        .map_or(t, |(_, rest)| rest)
}

/// Essays from the tables of the document: a troubleshooting table (증상 |
/// 원인 | 해결) gives one symptom essay per row; any other table of two to
/// four things (rows, or the columns of 항목 | A | B) with attribute columns
/// gives one comparison.
pub fn tables(ctx: &mut Ctx<'_>, doc: &Doc) {
    let not_concepts = doc.sections_with(super::NOT_CONCEPTS);
    for t in super::tables::all(&doc.blocks, |s| not_concepts.contains(s)) {
        let title = ctx.section_path(t.section);
        let header: Vec<String> = t.header.iter().map(|h| h.trim().to_string()).collect();
        if header.len() < 2 || t.rows.is_empty() {
            continue;
        }
        if symptom_header(&header[0]) {
            let cause = header.iter().position(|h| is_cause(h));
            let fix = header.iter().position(|h| is_fix(h));
            if cause.is_none() && fix.is_none() {
                ctx.dropped("증상에 원인도 해결도 없음");
                continue;
            }
            // Users' questions ("이 서비스 누가 관리해요?", "문서가 너무
            // 오래됐어요"): a table of pain points a tool answers, no
            // troubleshooting (review of blind43).
            let questions = t
                .rows
                .iter()
                .filter(|(_, r)| {
                    r.first().is_some_and(|c| {
                        c.trim()
                            .trim_end_matches(['"', '“', '”'])
                            .ends_with(['?', '？'])
                    })
                })
                .count();
            if questions * 2 >= t.rows.len() {
                ctx.dropped("질문 형태의 문제 (증상이 아님)");
                continue;
            }
            // A column of the messages the symptom shows ("대표 메시지
            // (`kubectl describe`)", "메시지 / 현상") is part of the symptom:
            // "redis-0 Pending" alone has a dozen causes (review of blind56,
            // 2026-12-02).
            let message = header.get(1).is_some_and(|h| {
                let h = normalize(h);
                !is_cause_or_fix(&h) && (h.contains("메시지") || h.contains("로그"))
            });
            // A column of what the student sees beside the author's name for
            // the problem ("문제 | 증상 | 원인": "네이티브 바이너리 불일치" over
            // `Error: You installed esbuild for another platform …`: review
            // of blind121, 2026-12-03) is the symptom; the name is the
            // author's diagnosis.
            let seen = header.get(1).is_some_and(|h| {
                let h = normalize(h);
                !is_cause_or_fix(&h) && symptom_header(&h) && !h.contains("메시지")
            });
            let label = if seen { &header[1] } else { &header[0] };
            for (line, row) in &t.rows {
                let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map(|c| c.trim());
                if seen {
                    push_symptom(
                        ctx,
                        &title,
                        label,
                        cell(Some(1)).unwrap_or_default(),
                        cell(cause),
                        cell(fix),
                        *line,
                        t.section,
                    );
                    continue;
                }
                let shown = cell(Some(1)).filter(|m| {
                    message && !empty(m) && !["없음", "(없음)"].contains(&normalize(m).as_str())
                });
                let whole = match (cell(Some(0)), shown) {
                    (Some(s), Some(m)) => format!("{s} — {m}"),
                    (s, _) => s.unwrap_or_default().to_string(),
                };
                let symptom = whole.as_str();
                push_symptom(
                    ctx,
                    &title,
                    &header[0],
                    symptom,
                    cell(cause),
                    cell(fix),
                    *line,
                    t.section,
                );
            }
            continue;
        }
        if header.len() < 3 {
            continue;
        }
        // A two-way table ("whenDeleted \ whenScaled | Retain | Delete"):
        // each cell is one combination, no thing's aspect (review of blind56).
        if two_way(&header[0]) {
            ctx.dropped("두 축의 표는 비교하지 않음");
            continue;
        }
        // One example's measurements or figures ("최적화 전후 비교 (Go API
        // 예시)", "계산 예시": 0. 최초 | 약 900 MB …), or the numbered steps
        // of one process: no alternatives to compare (review of blind48).
        let heading = t
            .section
            .and_then(|s| doc.headings.get(s))
            .map_or("", |h| h.clean.as_str());
        let numbered = t.indexed
            || t.rows.iter().all(|(_, r)| {
                r.first()
                    .is_some_and(|c| c.trim().starts_with(|ch: char| ch.is_ascii_digit()))
            });
        if ["예시", "전후", "측정", "계산"]
            .iter()
            .any(|w| heading.contains(w))
            || numbered
        {
            ctx.dropped("예시나 단계의 표는 비교하지 않음");
            continue;
        }

        // A table of categories (분류 | 대표 플러그인 | …) lists kinds of
        // things, no alternatives to compare (review of blind43: "배포 상태,
        // CI와 운영을 … 비교").
        if listed(CATEGORY_HEADERS, &header[0]) {
            ctx.dropped("분류표는 비교하지 않음");
            continue;
        }
        let by_columns = super::tables::by_columns(&header, &t.rows);
        let scenario = super::tables::scenario_column(&header).unwrap_or(header.len());
        let things: Vec<Thing> = if by_columns {
            (1..header.len())
                .map(|c| Thing {
                    name: display_name(&header[c]),
                    raw: header[c].clone(),
                    line: t.rows.first().map_or(0, |(l, _)| *l),
                    aspects: t
                        .rows
                        .iter()
                        .map(|(_, r)| {
                            let cell = |i: usize| r.get(i).map_or("", |c| c.trim()).to_string();
                            (cell(0), cell(c))
                        })
                        .collect(),
                })
                .collect()
        } else {
            t.rows
                .iter()
                .map(|(line, r)| Thing {
                    name: display_name(r.first().map_or("", |c| c.trim())),
                    raw: r.first().map_or("", |c| c.trim()).to_string(),
                    line: *line,
                    aspects: (1..scenario)
                        .map(|c| {
                            (
                                header[c].clone(),
                                r.get(c).map_or("", |v| v.trim()).to_string(),
                            )
                        })
                        .collect(),
                })
                .collect()
        };
        let mut things = things;
        // A row for none ("(없음)": the services no profile holds) is no
        // thing to compare (review of blind53, 2026-12-02).
        // A driver named none stays; "(none)" in parentheses is no name.
        things.retain(|t| {
            let n = normalize(&t.name);
            !["없음", "(없음)", "해당없음", "(none)", "n/a"].contains(&n.as_str())
        });
        distinguish(&mut things);
        if !by_columns && symptoms_by_name(&things) {
            push_named_symptoms(ctx, &title, &things, t.section);
            continue;
        }
        if !by_columns && remedies_only(&things) {
            ctx.dropped("원인마다 해결만 있음");
            continue;
        }
        // Limitations with their reasons and workarounds (제약 | 이유 | 대응):
        // neither symptoms nor alternatives to compare.
        if !by_columns
            && things
                .iter()
                .all(|t| t.aspects.iter().any(|(l, _)| is_cause(l)))
        {
            ctx.dropped("이유와 대응의 표는 증상도 비교도 아님");
            continue;
        }
        // Things with a name each, not a time or a number (a schedule's
        // 09:00 rows), not a sentence, all different; two to four of them
        // (a longer table is a reference, asked by its first three).
        let names: Vec<String> = things.iter().map(|t| normalize(&t.name)).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        if things.len() < 2
            || distinct.len() != names.len()
            || things.iter().any(|t| {
                t.name.is_empty()
                    || t.name.starts_with(|c: char| c.is_ascii_digit())
                    || t.name.chars().count() > 30
                    || t.name.contains(": ")
                    || empty(&t.name)
            })
        {
            ctx.dropped("표의 행이 비교할 대상이 아님");
            continue;
        }
        // A schedule's days and sessions ("Day 1 | 주제 | 산출물") are the
        // plan of the course, not things it teaches (review of blind59,
        // 2026-12-02).
        if things.iter().all(|t| schedule_slot(&t.name)) {
            ctx.dropped("일정표의 행은 비교하지 않음");
            continue;
        }
        // Columns or rows named 규칙, 예시, 설명 ...: a table of rules and
        // examples, not of things.
        if things
            .iter()
            .any(|t| never(&t.name) || naming(&t.name) || listed(GENERIC, &t.name))
        {
            ctx.dropped("표의 행이 비교할 대상이 아님");
            continue;
        }
        // Sentences as names (a column of situations) are no things.
        if things
            .iter()
            .any(|t| Script::of(&t.name) != Script::Latin && t.name.split_whitespace().count() > 4)
        {
            ctx.dropped("표의 행이 비교할 대상이 아님");
            continue;
        }
        let names: Vec<String> = things.iter().map(|t| t.name.clone()).collect();
        if catalogue(doc, heading, &header, &names) {
            ctx.dropped("학습 목표 밖의 도구 비교표");
            continue;
        }
        let line = things.first().map_or(0, |t| t.line);
        push_comparison(ctx, &title, &things, line, t.section);
    }
}

/// Whether a name is a slot of the course's schedule: "Day 1", "Week 2",
/// "Session 3", "3일차", "2주차", "세션 4", "4교시".
pub fn schedule_slot(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    // A point of a case's timeline ("T+0s", "T+15~30s", "D-1"): when, not what
    // (review of blind62, 2026-12-02).
    if let Some(rest) = n
        .strip_prefix("t+")
        .or_else(|| n.strip_prefix("t-"))
        .or_else(|| n.strip_prefix("d+"))
        .or_else(|| n.strip_prefix("d-"))
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let words: Vec<&str> = n.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        [w, d] => ["day", "week", "session", "세션", "lab"].contains(w) && number(d),
        [w] => ["일차", "주차", "교시"]
            .iter()
            .any(|suffix| w.strip_suffix(suffix).is_some_and(number)),
        _ => false,
    }
}

/// Whether a place is a lab's plan: its phases or missions with their tasks
/// ("실습 챌린지": Phase 1 with 과제 and 완료 조건) are the class's plan, no
/// alternatives to compare or tell apart (review of blind72, 2026-12-03).
pub fn lab_plan(title: &str) -> bool {
    ["실습", "챌린지", "과제", "미션"]
        .iter()
        .any(|w| title.contains(w))
}

/// Whether a table's first header cell names two axes ("whenDeleted \
/// whenScaled", "행 × 열").
pub fn two_way(first: &str) -> bool {
    first.contains(['\\', '×', '↓', '→'])
}

/// Whether a table compares products the session does not teach: its
/// heading names tools ("실험 추적 도구 비교", "주요 Controller 비교") or its
/// columns judge them (강점, 한계, 고려 사항), and the learning goals name at
/// most one of its rows. Reviews of blind52, blind53 and blind55
/// (2026-12-02) failed four such comparisons (MLflow beside W&B and DVC;
/// KServe beside Seldon and Triton): a vendor table to memorise.
pub fn catalogue(doc: &Doc, heading: &str, header: &[String], things: &[String]) -> bool {
    const TOOLS: &[&str] = &[
        "도구",
        "제품",
        "솔루션",
        "벤더",
        "controller",
        "컨트롤러",
        "주요",
    ];
    const JUDGING: &[&str] = &["강점", "한계", "단점", "고려 사항", "고려사항"];
    let h = heading.to_lowercase();
    let tools = TOOLS.iter().any(|t| h.contains(t))
        || header.iter().any(|c| JUDGING.iter().any(|j| c.contains(j)));
    // Products have Latin names (MLflow, Seldon Core); "로컬 기본값, 단일
    // 서버, 팀 운영" are setups the session teaches.
    let latin = things
        .iter()
        .filter(|t| Script::of(t) == Script::Latin)
        .count();
    if !tools || latin * 4 < things.len() * 3 {
        return false;
    }
    let goal_sections = doc.sections_with(&["학습 목표"]);
    let goal_lines: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| goal_sections.contains(b.section))
        .map(|b| b.text.as_str())
        .collect();
    // A goal to compare them ("취약점 심각도 체계를 이해하고 스캐너를 비교할
    // 수 있다" over "스캐너 비교") makes the table the session's.
    let heading_words: Vec<String> = hygiene::content_words(heading)
        .into_iter()
        .filter(|w| !["비교", "주요", "도구"].contains(&w.as_str()))
        .collect();
    if goal_lines
        .iter()
        .any(|g| g.contains("비교") && hygiene::share(&hygiene::content_words(g), &heading_words))
    {
        return false;
    }
    let goals: String = goal_lines
        .iter()
        .map(|g| normalize(g))
        .collect::<Vec<_>>()
        .join(" ");
    let taught = things
        .iter()
        .filter(|t| {
            let n = normalize(t);
            !n.is_empty() && goals.contains(&n)
        })
        .count();
    taught < 2
}

/// Whether `q` is a which-branch or which-row choice (`outline-aspect`,
/// `table-cell`) among things a comparison essay of its document asks about:
/// the essay asks the same facts, and the choice shows one of its answers
/// (review AF of 2026-12-01: three pathType choices beside their essay, each
/// value a translation of its name). The essay is kept; it proved the sounder
/// kind.
pub fn asks_a_compared_fact(
    q: &crate::model::Question,
    compared: &[std::collections::HashSet<String>],
) -> bool {
    if q.kind != Kind::Choice
        || !q
            .tags
            .iter()
            .any(|t| t == "outline-aspect" || t == "table-cell")
    {
        return false;
    }
    let options: Vec<String> = q.options.iter().map(|o| normalize(bare(&o.text))).collect();
    compared
        .iter()
        .any(|set| options.iter().filter(|o| set.contains(*o)).count() >= 2)
}

#[cfg(test)]
mod tests {

    #[test]
    fn code_labels_and_named_values_are_not_compared() {
        assert!(code_name("`container-image-tag`"));
        assert!(code_name("pullPolicyNotAlways"));
        assert!(!code_name("kube-scheduler"));
        assert!(!code_name("memory.limit_in_bytes"));
        assert!(!code_name("globalDefault"));
        assert!(code_name("`sonar.coverage.jacoco.xmlReportPaths`"));
        assert!(!code_name("node.kubernetes.io/not-ready"));
        assert!(!code_name("`resources.requests.storage`"));
        assert!(names_its_value("aws-access-token", "AWS Access Key ID"));
        assert!(names_its_value("slack-bot-token", "Slack Bot 토큰"));
        assert!(!names_its_value(
            "shell form",
            "`sh` (셸 구현·명령에 따라 다름)"
        ));
        assert!(!names_its_value("github-pat", "`ghp_` 접두사"));
        let title = "2.2 스케줄러와 kubelet의 역할 분담";
        assert!(in_title(title, "kubelet (eviction manager)"));
        assert!(in_title(title, "kube-scheduler"));
        assert!(!in_title(title, "Pod `Status: Failed`, `Reason: Evicted`"));
    }

    #[test]
    fn a_message_naming_the_setting_its_fix_sets_is_its_answer() {
        assert!(names_what_its_fix_sets(
            "error: --certificate-identity or --certificate-identity-regexp is required for verification in keyless mode",
            "`--certificate-identity`와 `--certificate-oidc-issuer` 지정"
        ));
        assert!(names_what_its_fix_sets(
            "Error: --certificate-identity or --certificate-identity-regexp is required for verification in keyless mode",
            "identity와 issuer 두 플래그를 모두 지정"
        ));
        assert!(suggests_its_fix(
            "ValueError: Please provide an entity_df with a column named event_timestamp representing the time of events.",
            "컬럼명을 event_timestamp로 바꾸고 pd.to_datetime(..., utc=True)로 타입 지정"
        ));
        assert!(names_what_its_fix_sets(
            "Cannot determine if job needs to be started: too many missed start time (> 100). Set or decrease .spec.startingDeadlineSeconds or check clock skew",
            "`startingDeadlineSeconds: 200` 설정"
        ));
        assert!(!names_what_its_fix_sets(
            "password is required",
            "Secret을 만들어 env로 주입"
        ));
        assert!(!names_what_its_fix_sets(
            "KUBECONFIG not set. set up a context first",
            "kubectl config use-context로 선택"
        ));
    }

    #[test]
    fn a_message_that_explains_itself_is_its_answer() {
        assert!(explains_itself(
            "PriorityClass standard is already marked as default. Only one default can exist",
            "globalDefault: true 두 개"
        ));
        assert!(explains_itself(
            "ValueError: Your setup doesn't support bf16/gpu.",
            "Ampere 이전 GPU(T4, V100)에서 bf16=True"
        ));
        assert!(explains_itself(
            "invalid reference format: repository name must be lowercase",
            "Shop/PaymentAPI처럼 대문자가 들어간 리포지토리 이름"
        ));
        assert!(explains_itself(
            "deployments.apps \"web\" is forbidden: User \"system:serviceaccount:shop-prod:ci-deployer\" cannot patch resource \"deployments\" in API group \"apps\"",
            "Role에 patch 누락"
        ));
        assert!(explains_itself(
            "the query time range exceeds the limit (query length: 800h0m0s, limit: 721h0m0s)",
            "조회 구간이 한도 초과"
        ));
        assert!(!explains_itself(
            "Error: context deadline exceeded (etcdctl)",
            "인증서 플래그 누락 또는 잘못된 엔드포인트"
        ));
        assert!(!explains_itself(
            "error: You must be logged in to the server (Unauthorized)",
            "단기 토큰이 만료"
        ));
        // What to use instead is knowledge.
        assert!(!explains_itself(
            "hostPath volumes (volume: data) are not allowed",
            "baseline 이상에서 hostPath 금지"
        ));
        assert!(says_its_reason(
            "캐시가 꼬여 이상한 버전이 설치됨",
            "오래된 캐시 레이어 재사용"
        ));
        assert!(!says_its_reason(
            "GPU 전용(Taint) 노드만 있는 존 때문에 Pending",
            "nodeTaintsPolicy: Ignore(기본)로 빈 도메인이 최솟값 0을 만듦"
        ));
    }

    #[test]
    fn a_value_that_depends_has_no_answer() {
        assert!(depends("설치 방식에 따라 다름"));
        assert!(depends("환경에 따라 다릅니다."));
        assert!(!depends("`sh` (셸 구현·명령에 따라 다름)"));
        assert!(!depends("애플리케이션"));
    }
    use super::*;

    #[test]
    fn a_code_block_of_a_failure_is_a_message() {
        assert_eq!(
            error_message(
                "✘ Container db  Error\ndependency failed to start: container db is unhealthy\n"
            )
            .as_deref(),
            Some("✘ Container db  Error / dependency failed to start: container db is unhealthy")
        );
        assert!(
            error_message("service \"migrate\" didn't complete successfully: exit 1").is_some()
        );
        assert!(error_message("$ docker compose logs migrate").is_none());
        assert!(error_message("services:\n  db:\n    image: postgres").is_none());
        assert!(called_a_symptom("오류 1: 포트가 이미 사용 중"));
        assert!(!called_a_symptom("사례 2: healthcheck 명령 자체가 없음"));
    }

    #[test]
    fn a_message_names_its_cause_by_its_own_words_not_its_subject() {
        assert!(
            message_words_in_cause("botocore.errorfactory.NoSuchBucket", "MinIO/S3 버킷 미생성")
                .contains(&"bucket".to_string())
        );
        assert!(
            message_words_in_cause(
                "ServiceMonitor를 만들었는데 Targets에 안 보임",
                "release 라벨이 serviceMonitorSelector와 불일치"
            )
            .is_empty()
        );
        assert!(message_words_in_cause("Error: not found", "이름 오타").is_empty());
        // An acronym before a word is a word of its own (review of blind62).
        assert_eq!(
            message_words_in_cause("OOMKilled (Exit Code 137)", "메모리 사용량이 한도에 도달"),
            ["oom"]
        );
        // A command's three-letter name is no acronym of the message.
        assert!(
            message_words_in_cause(
                "RUN curl -O app.tar.gz / RUN tar xzf app.tar.gz",
                "rm은 whiteout만 추가, 첫 레이어의 tar.gz는 그대로 남음"
            )
            .is_empty()
        );
        assert_eq!(
            latin_words("OOMKilled HTTPServer x")
                .into_iter()
                .collect::<Vec<_>>(),
            ["http", "killed", "oom", "server"]
        );
    }

    #[test]
    fn symptoms_are_named_without_their_case_number() {
        let named = |t: &str| symptom_named(t);
        assert_eq!(
            named("오류 1: 포트가 이미 사용 중"),
            Some(("오류".to_string(), "포트가 이미 사용 중".to_string()))
        );
        assert_eq!(
            named("Q2. Targets에 404 가 뜹니다."),
            Some(("증상".to_string(), "Targets에 404 가 뜹니다.".to_string()))
        );
        assert_eq!(
            named("증상 7: host 모드에서 -p가 동작하지 않음"),
            Some((
                "증상".to_string(),
                "host 모드에서 -p가 동작하지 않음".to_string()
            ))
        );
        assert_eq!(named("Level 1: 스크립트 이식 단계"), None);
        assert_eq!(named("오류 1: 없음"), None);
    }

    #[test]
    fn a_paragraph_is_parted_by_its_bold_labels() {
        let doc = super::super::markdown::parse(
            "> **원인**: 응답이 늦음.\n> **해결**: `scrape_timeout` 상향.\n\n**원인은** 모름: 라벨 아님\n",
        );
        let parts = labelled(&doc.blocks[0]);
        assert_eq!(
            parts,
            vec![
                ("원인".to_string(), "응답이 늦음.".to_string()),
                ("해결".to_string(), "scrape_timeout 상향.".to_string())
            ]
        );
        assert!(labelled(&doc.blocks[1]).is_empty());
        let faq = super::super::markdown::parse("**Q1. 알림이 넘어가지 않습니다.**\n");
        assert!(bold_whole(&faq.blocks[0]));
    }

    #[test]
    fn schedule_slots_are_days_weeks_and_sessions() {
        for slot in [
            "T+0s",
            "T+15~30s",
            "D-1",
            "Day 1",
            "Week 2",
            "Session 3",
            "세션 4",
            "3일차",
            "2주차",
            "4교시",
        ] {
            assert!(schedule_slot(slot), "{slot}");
        }
        for name in ["Day", "Level 1", "Phase 2", "Deployment", "1일", "Day one"] {
            assert!(!schedule_slot(name), "{name}");
        }
    }

    #[test]
    fn combinations_come_in_order() {
        assert_eq!(
            combinations(&[1, 2, 3, 4], 3),
            vec![vec![1, 2, 3], vec![1, 2, 4], vec![1, 3, 4], vec![2, 3, 4]]
        );
        assert_eq!(combinations(&[5, 6], 2), vec![vec![5, 6]]);
        assert!(combinations(&[5], 2).is_empty());
        assert_eq!(combinations(&(0..20).collect::<Vec<_>>(), 3).len(), 64);
    }

    fn thing(name: &str, aspects: &[(&str, &str)]) -> Thing {
        Thing {
            name: name.to_string(),
            raw: name.to_string(),
            line: 1,
            aspects: aspects
                .iter()
                .map(|(a, v)| (a.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn decision_branches_are_answers_not_things() {
        let yes_no = [
            thing("아니오 (입력이 미리 알려져 있음)", &[]),
            thing("예 (요청마다 새로운 입력)", &[]),
        ];
        assert!(answers(None, &yes_no));
        let policies = [thing("no", &[]), thing("always", &[])];
        assert!(!answers(Some("재시작 정책"), &policies));
        assert!(answers(Some("요청 시점의 입력에 의존하는가?"), &policies));
    }

    #[test]
    fn particles_follow_the_last_name() {
        let n = |v: &[&str]| {
            names_object(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
                .unwrap_or_else(|| "?".to_string())
        };
        assert_eq!(n(&["Retain", "Delete"]), "Retain과 Delete를");
        assert_eq!(n(&["Secret", "Deployment"]), "Secret과 Deployment를");
        assert_eq!(n(&["Job", "Loop"]), "?");
        assert_eq!(n(&["Reusable Workflow", "Composite Action"]), "?");
        assert_eq!(n(&["HPA", "VPA", "KEDA"]), "HPA, VPA와 KEDA를");
        assert_eq!(n(&["Helm", "YAML"]), "Helm과 YAML을");
        assert_eq!(n(&["Pending", "Running"]), "Pending과 Running을");
        assert_eq!(n(&["롤링 업데이트", "재생성"]), "롤링 업데이트와 재생성을");
        assert_eq!(n(&["A", "B", "블루그린"]), "?");
        assert_eq!(n(&["카나리", "블루"]), "카나리와 블루를");
    }

    #[test]
    fn a_comparison_needs_two_differing_aspects_beyond_the_names() {
        let things = [
            thing(
                "no",
                &[
                    ("목적", "재시작 안 함"),
                    ("주의", "장애 시 복구 안 됨"),
                    ("실패 시", "종료"),
                ],
            ),
            thing(
                "always",
                &[
                    ("목적", "항상 유지"),
                    ("주의", "무한 재시작"),
                    ("실패 시", "재시작"),
                ],
            ),
        ];
        let (chosen, aspects) = comparison(&things, "").unwrap_or_default();
        assert_eq!(chosen, vec![0, 1]);
        // 주의 and 실패 시 before the naming 목적.
        assert_eq!(aspects, vec!["주의", "실패 시", "목적"]);

        // Only naming aspects: no essay.
        let naming = [
            thing("a", &[("목적", "x 하기"), ("동작", "y 함")]),
            thing("b", &[("목적", "z 하기"), ("동작", "w 함")]),
        ];
        assert!(comparison(&naming, "").is_err());
        // Equal values do not compare.
        let same = [
            thing("a", &[("주의", "같음"), ("장점", "빠름")]),
            thing("b", &[("주의", "같음"), ("장점", "느림")]),
        ];
        assert!(comparison(&same, "").is_err());
        // Examples are never compared.
        let examples = [
            thing("a", &[("예시", "x"), ("장점", "빠름")]),
            thing("b", &[("예시", "y"), ("장점", "느림")]),
        ];
        assert!(comparison(&examples, "").is_err());
    }

    #[test]
    fn at_most_three_things_are_compared() {
        let pros = [
            "빠른 배포",
            "낮은 비용",
            "쉬운 설정",
            "강한 격리",
            "넓은 지원",
        ];
        let cons = [
            "느린 복구",
            "높은 지연",
            "복잡한 운영",
            "큰 이미지",
            "좁은 생태계",
        ];
        let things: Vec<Thing> = (0..5)
            .map(|i| thing(&format!("T{i}"), &[("장점", pros[i]), ("주의", cons[i])]))
            .collect();
        let (chosen, _) = comparison(&things, "").unwrap_or_default();
        assert_eq!(chosen, vec![0, 1, 2]);
    }

    #[test]
    fn empty_cells_say_nothing() {
        for v in [
            "-",
            "",
            "위와 동일",
            "✅",
            "N/A",
            "— (분모, 비즈니스 단위로 고정)",
        ] {
            assert!(empty(v), "{v}");
        }
        assert!(!empty("30s"));
        assert!(!empty("-1"));
    }

    #[test]
    fn short_names_take_the_word_their_heading_writes_after_them() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            named_by_heading(
                &v(&["로컬", "원격"]),
                "원격 백엔드 > 로컬 State vs 원격 State"
            ),
            v(&["로컬 State", "원격 State"])
        );
        assert_eq!(
            named_by_heading(&v(&["Loki", "Elasticsearch"]), "Loki vs Elasticsearch 비교"),
            v(&["Loki", "Elasticsearch"])
        );
        assert_eq!(
            named_by_heading(&v(&["로컬", "원격"]), "로컬 저장과 원격 State"),
            v(&["로컬", "원격"])
        );
    }

    #[test]
    fn a_reference_pointing_above_holds_no_answer() {
        assert!(points_above("위 sysctl 적용"));
        assert!(points_above("2.1의 설정 적용"));
        assert!(points_above("3장의 자원 유형별 정책 적용"));
        assert!(points_above("5.2 수정 + Kyverno Audit로 누락 목록 확보"));
        assert!(!points_above("1.5 이상으로 업그레이드"));
        assert!(!points_above(
            "2.1의 subuid 설정 후 `systemctl --user restart docker` 로 데몬 재시작"
        ));
        assert!(!points_above("위험한 설정 제거"));
    }

    #[test]
    fn a_question_of_when_or_who_is_asked_as_a_noun() {
        assert_eq!(clause_as_noun("언제 쓰나").as_deref(), Some("사용 시점"));
        assert_eq!(clause_as_noun("누가 만드는가"), None);
        assert_eq!(clause_as_noun("건드려도 되나?"), None);
        assert!(!condition("언제 쓰나"));
    }

    #[test]
    fn a_documents_placeholder_is_no_name() {
        assert!(placeholder("방법 A"));
        assert!(placeholder("Option 2"));
        assert!(!placeholder("Recreate"));
        assert!(!placeholder("Level 1"));
    }

    #[test]
    fn a_message_offering_a_call_offers_its_fix() {
        assert!(suggests_its_fix(
            "EarlyStoppingCallback requires load_best_model_at_end = True",
            "load_best_model_at_end=True, metric_for_best_model 지정"
        ));
        assert!(suggests_its_fix(
            "Using 1000 background data samples could cause slower run times. Consider using shap.sample(data, K) or shap.kmeans(data, K) to summarize the background as K samples.",
            "shap.kmeans(X_train, 30)으로 요약"
        ));
    }

    #[test]
    fn a_look_is_no_fix() {
        assert!(only_checks("`dockerd --validate`, `jq .` 로 검사"));
        assert!(only_checks(
            "`kubectl logs -n kratix-platform-system deploy/kratix-platform-controller-manager`"
        ));
        assert!(!only_checks(
            "`stat -fc %T /sys/fs/cgroup` 결과가 `cgroup2fs`인지 확인, `delegate.conf` 적용"
        ));
        assert!(!only_checks("enforcementAction을 deny로 바꾼다"));
    }

    #[test]
    fn conditions_are_no_dimensions() {
        for l in [
            "true일 때",
            "false일 때",
            "활성화인 경우",
            "`true`",
            "언제 쓰면 좋은가 따져 보나",
            "건드려도 되나?",
            "너무 작으면",
        ] {
            assert!(condition(l), "{l}");
        }
        for l in [
            "용도",
            "지속 시간",
            "적용 시점",
            "성능 평가",
            "주요 측면",
            "흔한 실수",
        ] {
            assert!(!condition(l), "{l}");
        }
    }

    #[test]
    fn a_text_pointing_below_it_is_no_answer() {
        for t in [
            "Prometheus 로그에 다음이 반복됨",
            "리로드 후에도 이전 설정이 유지되고, 로그에 다음 중 하나가 출력됨",
            "아래 명령으로 Secret 생성 후 ServiceAccount에 연결",
            "이벤트:",
        ] {
            assert!(points_below(t), "{t}");
        }
        assert!(!points_below("다음 스텝에서 재시도"));
        assert!(!points_below("imagePullSecret 없음/만료된 로봇 토큰"));
    }

    #[test]
    fn messages_that_offer_their_fix_or_spell_out_their_cause() {
        assert!(suggests_its_fix(
            "cannot delete Pods declare no controller (use --force to override)",
            "확인 후 `--force`"
        ));
        assert!(suggests_its_fix(
            "error: no stack selected; please use 'pulumi stack select'",
            "pulumi stack select dev"
        ));
        // "reuse" is no "use"; a suggestion the fix does not follow is none.
        assert!(!suggests_its_fix("cannot reuse the name", "name 변경"));
        assert!(!suggests_its_fix("use --force to override", "Pod를 삭제"));
        assert!(!suggests_its_fix(
            "COPY . /app 다음 RUN chown -R app:app /app",
            "COPY --chown=app:app . /app"
        ));
        assert!(abbreviates_its_message(
            "Cannot evict pod as it would violate the pod's disruption budget.",
            "PDB 조건 미충족"
        ));
        assert!(!abbreviates_its_message(
            "PDB blocks eviction",
            "PDB 조건 미충족"
        ));
    }

    #[test]
    fn a_remedys_code_is_one_line_of_commands_or_settings() {
        assert_eq!(
            code_summary(
                "# 로그인\naws ecr get-login-password \\\n  | docker login --password-stdin x\n",
                "bash"
            )
            .as_deref(),
            Some("aws ecr get-login-password | docker login --password-stdin x")
        );
        assert_eq!(
            code_summary("{\n  \"insecure-registries\": [\"r:5000\"]\n}\n", "json").as_deref(),
            Some("{ \"insecure-registries\": [\"r:5000\"] }")
        );
        assert_eq!(code_summary("a\nb\nc\nd\ne\nf\n", "bash"), None);
        assert!(a_step("현재 남은 횟수 확인"));
        assert!(a_step("설정 예시:"));
        assert!(!a_step("Pod가 계속 재시작"));
    }

    #[test]
    fn a_header_of_direction_or_code_is_no_dimension() {
        assert!(condition("다른 네임스페이스로"));
        assert!(condition("`container: job`"));
        assert!(!condition("전송 경로"));
        assert!(!condition("시점 보존"));
    }

    #[test]
    fn a_case_title_loses_its_number() {
        assert_eq!(case_title_words("사례 1"), "");
        assert_eq!(
            case_title_words("사례 C — Init:OOMKilled 후 CrashLoopBackOff"),
            "Init:OOMKilled 후 CrashLoopBackOff"
        );
        assert_eq!(case_title_words("사례 ③"), "");
        assert_eq!(
            case_title_words("사례 ③ \"포트를 게시할 수 없어요\""),
            "\"포트를 게시할 수 없어요\""
        );
        assert_eq!(case_title_words("Pod 3개가 Pending"), "Pod 3개가 Pending");
        assert_eq!(
            case_title_words("사례 2 — 첫 요청만 지연"),
            "첫 요청만 지연"
        );
        assert_eq!(
            case_title_words("Case 1. Pod가 계속 Pending"),
            "Pod가 계속 Pending"
        );
        assert_eq!(case_title_words("오류 7: 포트 충돌"), "포트 충돌");
        assert_eq!(case_title_words("Pod가 계속 Pending"), "Pod가 계속 Pending");
    }

    #[test]
    fn a_log_gives_its_failing_line_without_event_columns() {
        assert_eq!(
            failing_line(
                "Warning  Unhealthy  kubelet  Liveness probe failed: connect: connection refused\nNormal   Killing    kubelet  Container app failed liveness probe"
            )
            .as_deref(),
            Some("Liveness probe failed: connect: connection refused")
        );
        assert_eq!(
            failing_line("$ kubectl rollout status deploy/a\nerror: deployment \"a\" exceeded its progress deadline")
                .as_deref(),
            Some("error: deployment \"a\" exceeded its progress deadline")
        );
        assert_eq!(failing_line("$ kubectl get pods\nNAME READY"), None);
        assert_eq!(
            failing_line(
                "Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint\n{node-role: }, 2 Insufficient cpu. preemption: 0/3 nodes\n1 Preemption is not helpful."
            )
            .as_deref(),
            Some("0/3 nodes are available: 1 node(s) had untolerated taint {node-role: }, 2 Insufficient cpu.")
        );
        assert_eq!(without_list_number("⑥ 워커 재시작"), "워커 재시작");
        assert_eq!(without_list_number("1. cat: x"), "cat: x");
    }

    #[test]
    fn a_title_names_its_topic() {
        for (title, topic) in [
            (
                "Day 3: 서비스 메시와 Istio - 사이드카, mTLS, 트래픽 제어",
                Some("서비스 메시와 Istio - 사이드카, mTLS, 트래픽 제어"),
            ),
            (
                "Day 3: 서비스 메시와 Istio - 사이드카, mTLS, 트래픽 제어, 관측성, 보안 정책과 멀티클러스터 운영 전략 총정리",
                Some("서비스 메시와 Istio"),
            ),
            (
                "Session 3: CI/CD 파이프라인 통합 — Helm 차트 테스트 자동화 (chart-testing & helm-unittest)",
                Some("CI/CD 파이프라인 통합 — Helm 차트 테스트 자동화"),
            ),
            (
                "Week 4 · Day 3 · Session 2 — OPA Gatekeeper로 구현하는 Policy as Code",
                Some("OPA Gatekeeper로 구현하는 Policy as Code"),
            ),
            (
                "Session 7: 카오스 엔지니어링 — 정상 상태 가설",
                Some("카오스 엔지니어링 — 정상 상태 가설"),
            ),
            (
                "Day 3: 컨테이너 이미지 보안 — Trivy 스캐닝과 취약점 관리",
                Some("컨테이너 이미지 보안 — Trivy 스캐닝과 취약점 관리"),
            ),
            (
                "Session 3: MLflow 실험 추적과 모델 레지스트리",
                Some("MLflow 실험 추적과 모델 레지스트리"),
            ),
            (
                "Week 5: 플랫폼 팀을 위한 SRE 실천",
                Some("플랫폼 팀을 위한 SRE 실천"),
            ),
            ("🚀 Day 2", None),
            ("Daylight 절약 시간", Some("Daylight 절약 시간")),
        ] {
            assert_eq!(topic_of(title).as_deref(), topic, "{title}");
        }
    }
}
