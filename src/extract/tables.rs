//! Tables of named things with attribute columns (드라이버 | 동작 방식 | 주
//! 사용처 | 주의점): "which row has this value in this column", the rows' names
//! as options (`table-cell`). A comparison table whose rows are attributes
//! (항목 | Deployment | StatefulSet | DaemonSet) is read the other way round,
//! its columns being the things.
//!
//! Only a value that tells its row apart: written in no other row of the
//! column, sharing no word (or its translation, or its Hangul spelling) with
//! the other rows' values of the column or with any row's name, and not in a
//! column that defines the rows (설명, 용도, 의미: a definition restates or
//! translates its name, the failure of the removed name-description kinds) or
//! shows examples (예시, whose code holds the name).

use super::markdown::{Block, BlockKind};
use super::{Ctx, NOT_CONCEPTS, Seed, hygiene, layout_options, pick_distractors_normalized};
use crate::model::{Answer, Kind};
use crate::text::{near_equal_normalized, normalize};
use std::collections::HashSet;

/// First header cells of comparison tables: their rows are attributes
/// (배포 주체, 드리프트 대응), their columns the things compared.
pub const COMPARISON_HEADERS: &[&str] = &[
    "구분",
    "항목",
    "비교",
    "비교 항목",
    "기준",
    "특성",
    "관점",
    "측면",
    // "관심사 | 직접 구현 | KServe InferenceService" (review of blind109).
    "관심사",
];

/// Whether a table's first header cell says its rows are attributes (항목,
/// "비교 항목"; compared normalized, which joins Hangul words).
pub fn comparison_header(cell: &str) -> bool {
    let n = normalize(cell);
    // ... or ends with one as its last word ("관측 관점", "평가 항목": review
    // of blind48, 2026-12-02).
    let last = cell
        .split_whitespace()
        .last()
        .map(normalize)
        .unwrap_or_default();
    COMPARISON_HEADERS
        .iter()
        .any(|h| normalize(h) == n || normalize(h) == last)
}

/// Whether a table's columns are the things it compares: its first header
/// cell is a comparison header (항목, 구분), unless the other header cells are
/// Korean labels and most of the first column's cells write Latin names ("구분
/// | 설정 위치 | 방향" over nodeSelector, Node Affinity: the rows are the
/// things; review AS of 2026-12-01 compared 설정 위치 and 방향 "in terms of"
/// nodeSelector).
pub fn by_columns(header: &[String], rows: &[(usize, &[String])]) -> bool {
    let latin = |c: &str| c.chars().any(|ch| ch.is_ascii_alphabetic());
    let Some(first) = header.first() else {
        return false;
    };
    if !comparison_header(first) {
        return false;
    }
    let labels = header[1..].iter().all(|h| !latin(h));
    let named = rows
        .iter()
        .filter(|(_, r)| r.first().is_some_and(|c| latin(c)))
        .count();
    !(labels && named * 2 > rows.len())
}

/// The first column (never the first) whose header sets an example case, a
/// case with a value in it ("`/foo` 규칙일 때 매칭"): it and the columns after
/// it hold examples of that one case ("비매칭": `/foo/`, `/foobar`), which
/// mean nothing without it (review of blind42, 2026-12-01). Neither asked nor
/// compared. A case without a value ("이전 실행이 아직 동작 중일 때": what each
/// policy does then) is an aspect like any other.
pub fn scenario_column(header: &[String]) -> Option<usize> {
    const CASE: &[&str] = &["일 때", "할 때", "인 경우", "일 경우", "할 경우", "의 경우"];
    header
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, h)| {
            CASE.iter().any(|c| h.contains(c))
                && h.chars()
                    .any(|c| c == '/' || c == '`' || c.is_ascii_digit())
        })
        .map(|(i, _)| i)
}

/// Columns that show how a thing is written (examples, commands, notes,
/// translations): never asked, and never compared (`explain`).
pub const EXAMPLE_HEADERS: &[&str] = &[
    "예",
    "예시",
    "사례",
    "예제",
    "사용 예",
    "사용 예시",
    "명령",
    "명령어",
    "코드",
    "설정 예",
    "비고",
    "영문",
    "영어",
    "원어",
    "한글",
    "한국어",
    "약어",
    "참고",
    "example",
    "examples",
    "notes",
];

/// Columns that define their rows: never asked. Besides
/// [`hygiene::DEFINING_LABELS`] and [`EXAMPLE_HEADERS`].
const UNASKED_HEADERS: &[&str] = &[
    "용도",
    "내용",
    "요약",
    "설정",
    "이름",
    "명칭",
    "전체 이름",
    "description",
    "purpose",
];

/// Headers of a column of defaults. Which key has a default ('beta',
/// 'workspaces', `all()`) is a setting's trivia, and its words point at its
/// key (review of blind101, 2026-12-03: three of three failed); neither is
/// a column of defaults compared (review of blind119).
pub const DEFAULT_HEADERS: &[&str] = &[
    "기본값",
    "기본 값",
    "default",
    "defaults",
    "default value",
    "디폴트",
];

/// Cell values that say nothing (a dash, N/A).
const EMPTY_VALUES: &[&str] = &["-", "—", "–", "n/a", "na", "없음 (-)", "?"];

/// Values of a switch.
const BOOLEANS: &[&str] = &["true", "false", "yes", "no", "on", "off"];

/// Cells that refer to another row ("위와 동일"): the value is shared.
const SAME_AS: &[&str] = &[
    "위와 동일",
    "위와 같음",
    "상동",
    "동일",
    "같음",
    "〃",
    "same as above",
    "ditto",
];

/// The abbreviations a name is known by: its capitals (PVC for
/// PersistentVolumeClaim) or its words' initials (RI for Reserved Instances).
fn abbreviations(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() >= 2 {
        let first: String = words.iter().filter_map(|w| w.chars().next()).collect();
        if first.chars().all(|c| c.is_ascii_alphabetic()) {
            out.push(first.to_ascii_uppercase());
        }
    }
    if let Some(caps) = super::initials(name)
        && !out.contains(&caps)
    {
        out.push(caps);
    }
    out
}

/// Whether `text` writes one of `abbreviations` as a word ("Unused RI").
/// A lower-case prefix counts (`el-<name>` for EventListener: review of
/// blind101, 2026-12-03).
fn writes_abbreviation(text: &str, abbreviations: &[String]) -> bool {
    let lower = text.to_ascii_lowercase();
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.len() >= 2 && abbreviations.iter().any(|a| a == w))
        || abbreviations.iter().any(|a| {
            let prefix = format!("{}-", a.to_ascii_lowercase());
            a.len() >= 2
                && lower.match_indices(&prefix).any(|(at, _)| {
                    lower[..at]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_ascii_alphanumeric())
                })
        })
}

/// One table: its header cells, and its rows (line, cells).
pub struct Table<'a> {
    pub header: &'a [String],
    pub rows: Vec<(usize, &'a [String])>,
    pub section: Option<usize>,
    /// Its first column only counted the rows (`# | 증상 / 에러 메시지 | …`)
    /// and is left out of `header` and `rows`: the rows are in an order
    /// of the author's.
    pub indexed: bool,
}

/// Headers of a column that only counts rows.
const INDEX_HEADERS: &[&str] = &["#", "no", "no.", "번호", "순번", "번", ""];

impl<'a> Table<'a> {
    /// Without a first column that only counts the rows: headed #, No. or
    /// 번호, a number in every row (review of blind55, 2026-12-02: ten
    /// troubleshooting rows under "# | 증상 / 에러 메시지 | 원인 | 해결" gave
    /// nothing).
    fn without_index(mut self) -> Self {
        let counts = self.header.len() > 2
            && self
                .header
                .first()
                .is_some_and(|h| INDEX_HEADERS.contains(&h.trim().to_lowercase().as_str()))
            && !self.rows.is_empty()
            && self.rows.iter().all(|(_, r)| {
                r.first().is_some_and(|c| {
                    let c = c.trim().trim_end_matches('.');
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
                })
            });
        if counts {
            self.header = &self.header[1..];
            for (_, r) in &mut self.rows {
                *r = &r[1..];
            }
            self.indexed = true;
        }
        self
    }
}

/// Tables of the document outside sections without course concepts.
pub fn all<'a>(blocks: &'a [Block], skip: impl Fn(Option<usize>) -> bool) -> Vec<Table<'a>> {
    let mut out: Vec<Table<'a>> = Vec::new();
    let mut open = false;
    for b in blocks {
        match &b.kind {
            BlockKind::Row {
                header: true,
                cells,
            } if !skip(b.section) => {
                out.push(Table {
                    header: cells,
                    rows: Vec::new(),
                    section: b.section,
                    indexed: false,
                });
                open = true;
            }
            BlockKind::Row {
                header: false,
                cells,
            } if open => {
                if let Some(t) = out.last_mut() {
                    t.rows.push((b.line, cells));
                }
            }
            _ => open = false,
        }
    }
    out.into_iter().map(Table::without_index).collect()
}

/// The things of a table and its attributes, and the cell of thing `t` and
/// attribute `a`.
struct Grid {
    things: Vec<String>,
    attrs: Vec<String>,
    /// `cells[a][t]`.
    cells: Vec<Vec<String>>,
    /// The line of each row: a thing's, or (comparison tables) an attribute's.
    row_lines: Vec<usize>,
    /// The rows are the attributes (항목 | A | B | C).
    by_columns: bool,
}

fn cell(row: &[String], i: usize) -> String {
    row.get(i).map(|c| c.trim().to_string()).unwrap_or_default()
}

/// A thing's or an attribute's name without decoration: the emoji of "🟠 HIGH"
/// is no part of the name, and on an option it hints (a red CRITICAL; blind42
/// of 2026-12-01). Symbols of ASCII (`--flag`, `.env`) stay.
pub fn undecorated(name: &str) -> String {
    let deco = |c: char| !c.is_alphanumeric() && !c.is_ascii();
    name.trim_matches(deco).trim().to_string()
}

impl Grid {
    fn new(t: &Table<'_>) -> Option<Grid> {
        let by_cols = by_columns(t.header, &t.rows);
        // A scenario's columns are examples of one case: left out.
        let width = match scenario_column(t.header) {
            Some(s) if !by_cols => s,
            _ => t.header.len(),
        };
        if width < 3 {
            return None;
        }
        let row_lines = t.rows.iter().map(|(l, _)| *l).collect();
        if by_cols {
            // 항목 | A | B | C: the columns are the things.
            Some(Grid {
                things: t.header[1..].iter().map(|c| undecorated(c)).collect(),
                attrs: t
                    .rows
                    .iter()
                    .map(|(_, r)| undecorated(&cell(r, 0)))
                    .collect(),
                cells: t
                    .rows
                    .iter()
                    .map(|(_, r)| (1..width).map(|i| cell(r, i)).collect())
                    .collect(),
                row_lines,
                by_columns: true,
            })
        } else {
            Some(Grid {
                things: t
                    .rows
                    .iter()
                    .map(|(_, r)| undecorated(&cell(r, 0)))
                    .collect(),
                attrs: (1..width).map(|i| undecorated(&t.header[i])).collect(),
                cells: (1..width)
                    .map(|i| t.rows.iter().map(|(_, r)| cell(r, i)).collect())
                    .collect(),
                row_lines,
                by_columns: false,
            })
        }
    }

    /// The line of the cell of attribute `a` and thing `t`.
    fn line(&self, a: usize, t: usize) -> usize {
        self.row_lines[if self.by_columns { a } else { t }]
    }
}

/// A name's letters and digits run together, lower case (On-Demand ->
/// ondemand), as Korean writes it in one word (온디맨드).
fn letters(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// Whether a cell names a thing: a technical name in Latin letters (a tool,
/// a driver, a key, a command) of at most four words. Never a sentence
/// ("레거시 장비가 MAC으로 직접 접근해야 하는 경우"), never a Korean name, which
/// describes its thing (균등 배분 beside "팀 수로 똑같이 나눔"), and never a
/// numbered stage ("1. 관찰"), whose place in the table answers a question of
/// time or size.
fn is_name(text: &str) -> bool {
    let n = text.chars().count();
    n > 0
        && n <= 32
        && text.split_whitespace().count() <= 4
        && !text.contains(": ")
        && super::Script::of(text) == super::Script::Latin
        && !text.starts_with(|c: char| c.is_ascii_digit())
        && super::seq_label(text).is_none()
}

/// Whether an attribute is asked: a short label that neither defines the
/// things nor shows examples of them.
fn asked(label: &str) -> bool {
    let n = normalize(label);
    let unasked = |t: &str| {
        let t = normalize(t);
        hygiene::DEFINING_LABELS
            .iter()
            .chain(UNASKED_HEADERS)
            .chain(DEFAULT_HEADERS)
            .chain(EXAMPLE_HEADERS)
            .any(|h| normalize(h) == t)
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    !n.is_empty()
        && label.chars().count() <= 16
        && !unasked(label)
        && !words.first().is_some_and(|w| unasked(w))
        && !words.last().is_some_and(|w| unasked(w))
}

/// Whether a cell states a fact in a name, a number or code ('Docker Swarm
/// 서비스', 'GHCR 푸시', '30s', 'Rego'): Latin letters or digits and at most
/// one Korean word. A description ('성능과 안정성, 리소스 효율', '성공 흔적이
/// 필요 없는 smoke test') is matched to an English row name by everyday
/// meaning or translation, the failure of the name-description kinds (review
/// of blind5: 3 of 8 table questions failed so, all on descriptions).
fn is_fact(value: &str) -> bool {
    let hangul_words = value
        .split_whitespace()
        .filter(|w| w.chars().any(crate::text::is_hangul))
        .count();
    hangul_words <= 1 && value.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Whether a value is a rough or vendor figure of a few words ("약 60~91%",
/// "최대 약 90%", "50% 미만"): which row says it is trivia, and rows' figures
/// overlap (review of blind47, 2026-12-02). Neither asked nor compared.
pub fn approximate(value: &str) -> bool {
    if value.split_whitespace().count() > 4 {
        return false;
    }
    const HEDGES: &[&str] = &[
        "약", "대략", "최대", "최소", "이상", "이하", "미만", "초과", "정도", "평균",
    ];
    value.chars().any(|c| c.is_ascii_digit())
        && (value.contains('%')
            || value
                .split(|c: char| !crate::text::is_hangul(c))
                .any(|w| HEDGES.contains(&w)))
}

/// Whether a value is a figure: a number, a quantity or a version of one
/// or two words without Hangul (9090, 30s, 4h, v1beta1, 2.9.0).
pub fn figure(value: &str) -> bool {
    let v = value.trim().trim_matches(['`', '"', '\'']);
    let words: Vec<&str> = v.split_whitespace().collect();
    !v.chars().any(crate::text::is_hangul)
        && words.len() <= 2
        && words.first().is_some_and(|w| {
            w.trim_start_matches(['v', 'V', '$', '₩', '€'])
                .starts_with(|c: char| c.is_ascii_digit())
        })
}

/// Whether a value states a version a thing needs ("Docker Engine 25+ /
/// Compose 2.20.2+ 필요", "v1.28 이상"): release trivia (review of blind58,
/// 2026-12-02).
pub fn version_bound(value: &str) -> bool {
    value
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '(' || c == ')')
        .any(|t| {
            let t = t.trim_start_matches(['v', 'V']);
            let plus = t.strip_suffix('+');
            let digits = plus.unwrap_or(t);
            !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                && digits.starts_with(|c: char| c.is_ascii_digit())
                && (plus.is_some() || digits.matches('.').count() >= 2)
        })
        || value.contains("이상 필요")
}

/// Whether a value is a release note: a version with what happened to it
/// ("Istio 1.24에서 GA", "MLflow 2.9부터 deprecated", "MLflow 2.3 도입,
/// 현재 표준"). Which release did what is trivia, never a dimension to
/// compare by (reviews of blind65 and blind67, 2026-12-02).
pub fn release_note(value: &str) -> bool {
    const STATUS: &[&str] = &[
        "ga",
        "deprecated",
        "beta",
        "alpha",
        "stable",
        "removed",
        "도입",
        "폐기",
        "지원 종료",
        "정식",
        "출시",
        "추가",
        "제거",
        "부터",
        "이후",
    ];
    let lower = value.to_lowercase();
    // A version: digits with a dot inside ("1.24", "2.9.0"), its own token.
    let version = lower
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map(|t| t.trim_matches('.'))
        .any(|t| {
            t.contains('.')
                && t.split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        });
    version
        && STATUS.iter().any(|s| {
            if s.is_ascii() {
                lower
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| w == *s)
            } else {
                lower.contains(s)
            }
        })
}

/// Whether a value is a bare rating ("중", "낮음", "매우 높음", "★★★"):
/// the author's judgment, no fact to compare by (review of blind67,
/// 2026-12-02: "E 감소: 중 / 높음 / 낮음"). A rating with its reason
/// ("낮음 (S3/GCS 등 오브젝트 스토리지)") says a fact.
pub fn rating(value: &str) -> bool {
    const RATINGS: &[&str] = &[
        "높음", "낮음", "중", "중간", "보통", "상", "하", "매우", "높다", "낮다", "많음", "적음",
        "큼", "작음",
    ];
    let v = value.trim().trim_matches(['*', '`']);
    let words: Vec<&str> = v.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| {
            // A mark is a rating too ("△" in a reference: review of
            // blind92, 2026-12-03).
            RATINGS.contains(w)
                || w.chars().all(|c| {
                    matches!(
                        c,
                        '★' | '☆'
                            | '⭐'
                            | '✅'
                            | '❌'
                            | '△'
                            | '○'
                            | '×'
                            | '✓'
                            | '✗'
                            | '⭕'
                            | '◯'
                            | '●'
                            | '◎'
                            | '▲'
                            | '\u{fe0f}'
                    )
                })
        })
}

/// Whether a value is one identifier with parts ("X-Amzn-Trace-Id",
/// "uber-trace-id", "kubectl.kubernetes.io/restartedAt"): which row writes
/// it is recalled, and its parts often name the row (review of blind58,
/// 2026-12-02: two propagator header questions).
pub fn identifier(value: &str) -> bool {
    let v = value.trim();
    let parts = v
        .split(['-', '_', '.', '/'])
        .filter(|p| !p.is_empty())
        .count();
    !v.contains(char::is_whitespace)
        && v.is_ascii()
        && v.starts_with(|c: char| c.is_ascii_alphabetic())
        && parts >= 3
}

/// Whether a heading calls its figures approximate ("us-east-1 기준 근사치,
/// 리전·시점별 상이": review of blind106, 2026-12-03): none is asked, in a
/// comparison or a which-row choice.
pub fn rough_figures(heading: &str) -> bool {
    let h = heading.to_lowercase();
    ["근사", "대략", "어림", "approx"]
        .iter()
        .any(|w| h.contains(w))
}

/// Whether a value is recalled, not understood: a [`figure`], code
/// (`{"instances": [[...]]}`), or a list of three names or more (Pod, Job,
/// CronJob; sklearn, xgboost, Triton). Reviews of blind52, blind53 and
/// blind55 (2026-12-02) failed seven comparisons whose aspects were default
/// ports and values, API versions, input formats and catalogues of names.
/// Such a value is no aspect to compare.
pub fn recalled(value: &str) -> bool {
    let v = value.trim().trim_matches(['`', '"', '\'']);
    if version_bound(v) {
        return true;
    }
    if v.chars().any(crate::text::is_hangul) {
        return false;
    }
    let parts: Vec<&str> = v
        .split([',', '/', '·'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names = parts.len() >= 3 && parts.iter().all(|p| p.split_whitespace().count() <= 3);
    // A status led by a mark ("✅ GA", "⚠️ Beta"): release trivia.
    let marked = v.starts_with(|c: char| !c.is_alphanumeric() && !c.is_ascii())
        && v.split_whitespace().count() <= 3;
    figure(v) || v.contains(['{', '[', '=', '|']) || names || marked || example_figures(v)
}

/// Whether a value is only figures with their units ("12 / 10 GiB", "6
/// vCPU, 12 GiB", "$0.2405"): an example's numbers, which nobody derives
/// without its inputs (review of blind117, 2026-12-03).
fn example_figures(value: &str) -> bool {
    let tokens: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '(' | ')' | '~' | '×'))
        .filter(|t| !t.is_empty())
        .collect();
    let number = |t: &str| {
        let t = t.trim_start_matches(['$', '₩', '€', '+', '-', '≈', '~']);
        t.starts_with(|c: char| c.is_ascii_digit())
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%'))
    };
    const UNITS: &[&str] = &[
        "gib", "mib", "kib", "tib", "gi", "mi", "ki", "gb", "mb", "kb", "tb", "vcpu", "cpu",
        "core", "cores", "ms", "s", "h", "w", "kw", "kwh", "wh", "mwh", "gco2", "kgco2", "usd",
        "rps", "qps",
    ];
    let unit = |t: &str| UNITS.contains(&t.to_ascii_lowercase().as_str());
    tokens.iter().filter(|t| number(t)).count() >= 1
        && tokens.iter().all(|t| number(t) || unit(t))
        && tokens
            .iter()
            .any(|t| unit(t) || (number(t) && t.contains(['$', '₩', '€'])))
}

/// The form of a cell's value: 0 a count (`2048`, `5000 (ms)`), 5 a quantity
/// with its unit (`30s`, `20m`), 1 an address (`http://localhost:4317`,
/// `:4318`), 2 code (`parentbased_always_on`, `--atomic`), 6 a switch
/// (`true`, `"false"`), 3 words; 4 for an empty cell, which no row is asked by.
fn value_form(value: &str) -> u8 {
    let v = value.trim().trim_matches(['`', '"', '\'']);
    let n = normalize(v);
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if n.is_empty() || EMPTY_VALUES.contains(&n.as_str()) || EMPTY_VALUES.contains(&v) {
        4
    } else if v.contains("://") || v.starts_with(':') {
        1
    } else if v.starts_with(|c: char| c.is_ascii_digit()) {
        // A quantity with its unit written on (20m, 30s, 512Mi) is another
        // form than a count (5, "5000 (ms)"): a size among counts and flags
        // is the one size option's (review T of 2026-11-30).
        let unit = v
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .starts_with(|c: char| c.is_ascii_alphabetic());
        if unit { 5 } else { 0 }
    } else if !words.is_empty() && words.iter().all(|w| BOOLEANS.contains(w)) {
        // true / false among names and numbers: the one switch's.
        6
    } else if super::code_like(v) {
        2
    } else {
        3
    }
}

/// Whether `label` writes one of the `things`, as it is or in Hangul (최대
/// 할인율 (온디맨드 대비) beside On-Demand). A word it merely shares (정책 언어
/// beside ValidatingAdmissionPolicy) is no pointer.
fn names_one(label: &str, things: &[String], norms: &[String]) -> bool {
    let n = normalize(label);
    things.iter().zip(norms).any(|(t, tn)| {
        let joined = letters(t);
        n.contains(tn.as_str())
            || (joined.len() >= 3
                && label
                    .split(|c: char| !crate::text::is_hangul(c))
                    .any(|w| w.chars().count() >= 2 && super::translit::spells(&joined, w)))
    })
}

/// Generate the which-row questions of every table of the document in `ctx`.
/// The number a value starts with ("4.0 – 6.9": 4.0, "30일 이내": 30).
fn leading_number(value: &str) -> Option<f64> {
    let t = value
        .trim()
        .trim_start_matches(['~', '<', '>', '≤', '≥', '=', ' ']);
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse().ok()
}

/// The rows at the ends of a scale: when a column's values that start with a
/// number (three or more, all rows but one at most: "점수 미부여") strictly
/// rise or strictly fall from row to row, the first and the last of them.
fn scale_ends(values: &[String]) -> Option<(usize, usize)> {
    let nums: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| leading_number(v).map(|n| (i, n)))
        .collect();
    let rising = nums.windows(2).all(|w| w[0].1 < w[1].1);
    let falling = nums.windows(2).all(|w| w[0].1 > w[1].1);
    (nums.len() >= 3 && nums.len() + 1 >= values.len() && (rising || falling))
        .then(|| (nums[0].0, nums[nums.len() - 1].0))
}

pub fn generate(ctx: &mut Ctx<'_>) {
    let doc = ctx.doc();
    let not_concepts = doc.sections_with(NOT_CONCEPTS);
    // Names typed elsewhere in the document: offering them here would show a
    // typed question's answer (the typed question is the more reliable kind).
    let typed: HashSet<String> = ctx
        .out
        .iter()
        .filter(|q| q.kind == Kind::Short)
        .filter_map(|q| match &q.answer {
            Some(Answer::Many(acc)) => Some(acc.iter().map(|a| normalize(a)).collect::<Vec<_>>()),
            _ => None,
        })
        .flatten()
        .collect();
    let mut categories: Option<HashSet<String>> = None;
    for t in all(&doc.blocks, |s| not_concepts.contains(s)) {
        // Rows counted by the author are steps or cases, no names to choose.
        if t.indexed {
            ctx.dropped("표의 행이 이름이 아님");
            continue;
        }
        let Some(grid) = Grid::new(&t) else { continue };
        if grid.things.len() < 3 || grid.attrs.is_empty() {
            continue;
        }
        let heading = t
            .section
            .and_then(|s| doc.headings.get(s))
            .map_or("", |h| h.clean.as_str());
        if t.header.first().is_some_and(|h| super::explain::two_way(h)) {
            ctx.dropped("두 축의 표는 비교하지 않음");
            continue;
        }
        if !grid.by_columns && grid.things.iter().all(|t| super::explain::schedule_slot(t)) {
            ctx.dropped("일정표의 행은 비교하지 않음");
            continue;
        }
        if !grid.by_columns && super::explain::catalogue(doc, heading, t.header, &grid.things) {
            ctx.dropped("학습 목표 밖의 도구 비교표");
            continue;
        }
        let norms: Vec<String> = grid.things.iter().map(|t| normalize(t)).collect();
        let distinct: HashSet<&str> = norms.iter().map(String::as_str).collect();
        if !grid.things.iter().all(|t| is_name(t)) || distinct.len() != norms.len() {
            ctx.dropped("표의 행이 이름이 아님");
            continue;
        }
        // A name typed elsewhere (the typed question is the more reliable
        // kind) or a category of the document's outlines is never an option;
        // the other rows still are.
        let cats = categories.get_or_insert_with(|| super::outline::categories(doc));
        let offered: Vec<bool> = norms
            .iter()
            .map(|n| !typed.contains(n) && !cats.contains(n))
            .collect();
        if offered.iter().filter(|o| **o).count() < 3 {
            ctx.dropped("단답의 답이 다른 문항에 나옴");
            continue;
        }
        // A name's words, and its letters run together (On-Demand: 온디맨드).
        let names: Vec<Vec<String>> = grid
            .things
            .iter()
            .map(|t| {
                let mut w = hygiene::name_words(t);
                let joined = letters(t);
                if joined.len() >= 3 && !w.contains(&joined) {
                    w.push(joined);
                }
                w
            })
            .collect();
        let abbrevs: Vec<Vec<String>> = grid.things.iter().map(|t| abbreviations(t)).collect();
        let title = ctx.section_path(t.section);
        // A heading naming one of the rows ("AWS 구성 예시" over a table of
        // three clouds) misnames the table and points at that row.
        if names_one(&title, &grid.things, &norms) {
            ctx.dropped("표의 제목이 행 하나를 가리킴");
            continue;
        }
        let rough = rough_figures(&title);
        for (a, label) in grid.attrs.iter().enumerate() {
            // A column naming one of the things (최대 할인율 (온디맨드 대비)
            // beside On-Demand) points at it or away from it.
            if !asked(label) || names_one(label, &grid.things, &norms) {
                continue;
            }
            let values = &grid.cells[a];
            if values
                .iter()
                .any(|v| SAME_AS.iter().any(|r| normalize(v) == normalize(r)))
            {
                ctx.dropped("표의 값이 행을 가려내지 못함");
                continue;
            }
            let value_words: Vec<Vec<String>> =
                values.iter().map(|v| hygiene::content_words(v)).collect();
            // A row whose name says its own value (Prometheus Operator |
            // Prometheus / Alertmanager) is ruled out or in by its name: it is
            // no option of this column, and the rest are left by elimination
            // (review S of 2026-11-30).
            let self_named: Vec<bool> = (0..values.len())
                .map(|o| {
                    hygiene::share(&value_words[o], &names[o])
                        || hygiene::translates_part(&grid.things[o], &values[o])
                        || writes_abbreviation(&values[o], &abbrevs[o])
                })
                .collect();
            // A column of numbers rising or falling row by row (CVSS 9.0 –
            // 10.0, 7.0 – 8.9, …) over rows that are a scale (CRITICAL, HIGH,
            // …): its first and last rows are the ends of the scale, picked
            // without study (review AQ of 2026-12-01).
            let ends = scale_ends(values);
            let scale_end = |k: usize| ends.is_some_and(|(a, b)| k == a || k == b);
            for (k, v) in values.iter().enumerate() {
                if !offered[k] {
                    continue;
                }
                if scale_end(k) {
                    ctx.dropped("눈금의 양 끝 값");
                    continue;
                }
                if v.is_empty()
                    || EMPTY_VALUES.contains(&normalize(v).as_str())
                    || v.chars().count() > 60
                {
                    continue;
                }
                if !is_fact(v) {
                    ctx.dropped("표의 값이 설명임");
                    continue;
                }
                // Under a heading that calls its figures approximate
                // ("us-east-1 기준 근사치": review of blind106, 2026-12-03).
                if approximate(v) || (rough && v.contains(|c: char| c.is_ascii_digit())) {
                    ctx.dropped("어림값은 묻지 않음");
                    continue;
                }
                // A default, a port, a version: which row has "30s" or
                // "9090" is recalled, and told by elimination among the
                // rows' figures (reviews of blind50 and blind55).
                if figure(v) || example_figures(v) || version_bound(v) {
                    ctx.dropped("수치는 묻지 않음");
                    continue;
                }
                if identifier(v) {
                    ctx.dropped("식별자는 묻지 않음");
                    continue;
                }
                let nv = normalize(v);
                let specific = values
                    .iter()
                    .enumerate()
                    .filter(|(o, _)| *o != k)
                    .all(|(o, ov)| {
                        !near_equal_normalized(&normalize(ov), &nv)
                            && !hygiene::share(&value_words[k], &value_words[o])
                    });
                let named = names.iter().enumerate().any(|(o, n)| {
                    hygiene::share(&value_words[k], n)
                        || nv.contains(&norms[o])
                        || hygiene::translates_part(&grid.things[o], v)
                        || writes_abbreviation(v, &abbrevs[o])
                });
                if !specific || named {
                    ctx.dropped("표의 값이 행을 가려내지 못함");
                    continue;
                }
                let key = format!("{title}\u{1f}{}\u{1f}{label}\u{1f}{v}", grid.things[k]);
                let seed = Seed::new(&key);
                let cands: Vec<(&str, &str, u64)> = grid
                    .things
                    .iter()
                    .zip(&norms)
                    .enumerate()
                    .filter(|(o, _)| *o != k && offered[*o] && !self_named[*o])
                    // Rows whose value has the key's form (a number, an
                    // address, code, words): a URL among counts and names
                    // fits one row only (review P of 2026-11-30).
                    .filter(|(o, _)| value_form(&values[*o]) == value_form(v))
                    .map(|(_, (t, n))| (t.as_str(), n.as_str(), super::fnv1a(n.as_bytes())))
                    .collect();
                if cands.len() < 2 {
                    ctx.dropped("표의 값이 다른 꼴");
                    continue;
                }
                let n = cands.len().min(3);
                let Some(distractors) = pick_distractors_normalized(
                    seed,
                    &norms[k],
                    &grid.things[k],
                    cands,
                    |_| false,
                    n,
                ) else {
                    ctx.dropped("가지끼리 너무 비슷함");
                    continue;
                };
                let (options, answer_id) = layout_options(seed, &grid.things[k], &distractors);
                // "표에서" points at a table the form does not show (review
                // of blind97, 2026-12-03); the session's subject goes before
                // a heading that does not name it ("Tekton feature-flags" is
                // never said under 「설치와 구성 요소 확인」: review of
                // blind101).
                let asked = format!(
                    "「{title}」에서 다룬 것 중 {} '{v}'인 것을 고르시오.",
                    crate::text::subject(label, "값")
                );
                let prompt = match ctx.topic_beside(&title) {
                    Some(topic) => format!("「{topic}」 단원의 {asked}"),
                    None => asked,
                };
                let mut q = ctx.question(
                    "table-cell",
                    &key,
                    Kind::Choice,
                    prompt,
                    grid.line(a, k),
                    t.section,
                );
                q.options = options;
                q.answer = Some(Answer::One(answer_id));
                ctx.out.push(q);
                // One row asked per column of a short table: its rows are
                // the options of each, and the last is told by elimination
                // (review of blind101, 2026-12-03).
                if offered.iter().filter(|o| **o).count() <= 3 {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_examples_figures_are_recalled() {
        assert!(example_figures("12 / 10 GiB"));
        assert!(example_figures("6 vCPU, 12 GiB"));
        assert!(example_figures("$0.2405"));
        assert!(!example_figures("max 5"));
        assert!(!example_figures("Volta 이후"));
        assert!(!example_figures("HTTP/2"));
        // A format's bit layout is what a row is.
        assert!(!example_figures("1 / 8 / 23"));
        // Nor is a standard range (CVSS 7.0 ~ 8.9).
        assert!(!example_figures("7.0 ~ 8.9"));
    }

    #[test]
    fn versions_and_identifiers_are_recalled() {
        for v in [
            "Docker Engine 25+ / Compose 2.20.2+ 필요",
            "v1.28.3",
            "Kubernetes 1.27+",
        ] {
            assert!(version_bound(v) && recalled(v), "{v}");
        }
        for v in ["1.5배", "3개 이상", "p99 지연 800ms", "HTTP/2"] {
            assert!(!version_bound(v), "{v}");
        }
        for v in [
            "X-Amzn-Trace-Id",
            "uber-trace-id",
            "kubectl.kubernetes.io/restartedAt",
        ] {
            assert!(identifier(v), "{v}");
        }
        for v in [
            "traceparent",
            "docker volume create",
            "start_period",
            "ReadWriteOnce",
            "HTTP/2",
        ] {
            assert!(!identifier(v), "{v}");
        }
    }

    #[test]
    fn release_notes_and_ratings_are_no_dimensions() {
        for v in [
            "Istio 1.24에서 GA",
            "Loki 3.4부터 deprecated, LTS 후 지원 종료 예정",
            "MLflow 2.3 도입, 현재 표준",
            "MLflow 2.9부터 deprecated",
        ] {
            assert!(release_note(v), "{v}");
        }
        for v in [
            "오랜 운영 사례",
            "Promtail의 공식 후속",
            "HTTP/2 기본",
            "1.5배 빠름",
            "GA 이후 안정",
            "p99 지연 800ms",
        ] {
            assert!(!release_note(v), "{v}");
        }
        for v in ["중", "낮음", "매우 높음", "★★★", "△", "✅", "❌"] {
            assert!(rating(v), "{v}");
        }
        for v in [
            "높음 (약 60% 시간 절감)",
            "낮음 (S3/GCS 등 오브젝트 스토리지)",
            "하드웨어 수 감소, 수명 연장",
            "중앙 집중 관리",
            "과소 할당 시 OOMKilled",
            "상태 저장",
            "✅ 지원",
        ] {
            assert!(!rating(v), "{v}");
        }
    }

    #[test]
    fn figures_code_and_name_lists_are_recalled() {
        for v in ["9090", "30s", "v1beta1", "2.9.0", "4h", "`8080`"] {
            assert!(figure(v) && recalled(v), "{v}");
        }
        assert!(recalled("{\"instances\": [[...]]}"));
        assert!(recalled("Pod, Job, CronJob"));
        assert!(recalled("sklearn, xgboost, Triton"));
        for v in [
            "StatefulSet",
            "rate, increase",
            "7.0 ~ 8.9",
            "반드시 1",
            "수집, 저장, 질의",
            "StatefulSet (Prometheus Operator)",
        ] {
            assert!(!recalled(v), "{v}");
        }
    }

    #[test]
    fn rough_figures_are_not_asked() {
        use super::approximate;
        assert!(approximate("약 60~91%"));
        assert!(approximate("최대 약 90%"));
        assert!(approximate("2분 이상"));
        assert!(!approximate("4789"));
        assert!(!approximate("7.0 ~ 8.9"));
        assert!(!approximate("30초 전"));
        assert!(!approximate("약한 격리"));
        assert!(!approximate(
            "태그 적용률 80% 이상, OpenCost 로 네임스페이스별 Showback"
        ));
    }

    use super::*;

    #[test]
    fn a_comparison_header_over_korean_labels_and_named_rows_has_things_for_rows() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let labels = v(&["구분", "설정 위치", "방향"]);
        let (r1, r2, r3) = (
            v(&["nodeSelector", "Pod", "끌어당김"]),
            v(&["Taint/Toleration", "Node + Pod", "밀어냄"]),
            v(&["Topology Spread", "Pod", "분산"]),
        );
        let rows: Vec<(usize, &[String])> = vec![(1, &r1[..]), (2, &r2[..]), (3, &r3[..])];
        assert!(!by_columns(&labels, &rows));
        let names = v(&["구분", "Push", "Pull"]);
        let (a, b) = (
            v(&["배포 주체", "CI", "에이전트"]),
            v(&["권한", "클러스터 밖", "안"]),
        );
        let attrs: Vec<(usize, &[String])> = vec![(1, &a[..]), (2, &b[..])];
        assert!(by_columns(&names, &attrs));
        assert!(!by_columns(&v(&["도구", "설명", "용도"]), &attrs));
    }

    #[test]
    fn a_column_rising_row_by_row_is_a_scale() {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let cvss = v(&[
            "9.0 – 10.0",
            "7.0 – 8.9",
            "4.0 – 6.9",
            "0.1 – 3.9",
            "점수 미부여",
        ]);
        assert_eq!(scale_ends(&cvss), Some((0, 3)));
        assert_eq!(
            scale_ends(&v(&["1일", "7일 이내", "30일 이내"])),
            Some((0, 2))
        );
        assert_eq!(scale_ends(&v(&["8080", "443", "9090"])), None);
        assert_eq!(scale_ends(&v(&["9.0", "점수 미부여", "-", "4.0"])), None);
    }

    #[test]
    fn values_of_one_form() {
        assert_eq!(value_form("2048"), value_form("5000 (ms)"));
        assert_eq!(value_form("30s"), value_form("4h"));
        assert_eq!(value_form("\"20m\""), value_form("512Mi"));
        assert_ne!(value_form("\"20m\""), value_form("\"5\""));
        assert_eq!(value_form("\"true\"/\"false\""), value_form("false"));
        assert_ne!(value_form("true"), value_form("cache-disabled"));
        assert_ne!(value_form("http://localhost:4317"), value_form("2048"));
        assert_ne!(
            value_form("parentbased_always_on"),
            value_form("tracecontext")
        );
        assert_eq!(value_form("`--atomic`"), value_form("type=secret"));
        assert_eq!(value_form("-"), 4);
    }

    #[test]
    fn facts_not_descriptions() {
        for v in ["Docker Swarm 서비스", "GHCR 푸시", "30s", "Rego", "CEL"] {
            assert!(is_fact(v), "{v}");
        }
        for v in [
            "성능과 안정성, 리소스 효율",
            "성공 흔적이 필요 없는 smoke test, 알림",
            "Pod 값 사용",
            "없음",
        ] {
            assert!(!is_fact(v), "{v}");
        }
    }

    #[test]
    fn a_label_names_a_thing() {
        let things = ["On-Demand".to_string(), "Spot Instances".to_string()];
        let norms: Vec<String> = things.iter().map(|t| normalize(t)).collect();
        assert!(names_one("최대 할인율 (온디맨드 대비)", &things, &norms));
        assert!(!names_one("약정", &things, &norms));
        let things = ["ValidatingAdmissionPolicy".to_string()];
        let norms: Vec<String> = things.iter().map(|t| normalize(t)).collect();
        assert!(!names_one("정책 언어", &things, &norms));
    }

    #[test]
    fn abbreviations_of_names() {
        assert_eq!(abbreviations("Reserved Instances"), vec!["RI"]);
        assert_eq!(abbreviations("PersistentVolumeClaim"), vec!["PVC"]);
        assert!(writes_abbreviation(
            "미사용 예약분(Unused RI)의 부담",
            &abbreviations("Reserved Instances")
        ));
        assert!(writes_abbreviation(
            "Deployment + Service `el-<name>`(8080)",
            &abbreviations("EventListener")
        ));
        assert!(!writes_abbreviation(
            "RIGHT",
            &abbreviations("Reserved Instances")
        ));
    }

    #[test]
    fn names_and_asked_columns() {
        assert!(is_name("overlay"));
        assert!(is_name("docker compose down -v"));
        assert!(!is_name("블루-그린"));
        assert!(!is_name("균등 배분 (Even Split)"));
        assert!(!is_name("1. Observe"));
        assert!(!is_name("Phase 2"));
        assert!(!is_name("레거시 장비가 MAC/IP로 직접 접근해야 하는 경우"));
        assert!(!is_name("Kratix: 플랫폼 구축"));
        assert!(asked("주의점"));
        assert!(asked("다운타임"));
        assert!(!asked("설명"));
        assert!(!asked("동작 방식"));
        assert!(!asked("예시"));
        assert!(!asked("예시 값"));
        assert!(!asked("영문"));
        assert!(!asked("주요 용도"));
    }
}
