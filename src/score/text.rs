//! `short` and `cloze`: right when the answer equals an accepted answer after
//! normalization ([`crate::text::normalize`]: NFKC, case-fold, white space
//! collapsed, spaces ignored inside Hangul phrases, surrounding punctuation
//! trimmed). With typo tolerance, one edit is forgiven for accepted answers of
//! 5 or more characters. Aliases are simply more accepted answers
//! (선언적 배포 and declarative deployment in one list).
//!
//! A technical name is also right written the ways the course itself writes
//! it (issue 12, independent review): its CamelCase parts joined by spaces,
//! hyphens or underscores in any case (`Network Policy`, `network-policy`,
//! `self heal` for `selfHeal`), and singular or plural (`workspaces` for
//! `Workspace`, `Policy` for `Policies`), and a one-word name in Hangul as
//! Korean writes loanwords (`러너` for `Runner`, `차트` for `Chart`:
//! [`crate::extract::translit::spells`]). This is the scorer's rule, not the
//! extractor's, so it holds for every bank, hand-written ones too.

use super::Response;
use crate::model::{Answer, Question};
use crate::text::{normalize, within_one_edit};

/// Whether `given` matches one of `accepted`. A name written with its Korean
/// gloss, "재생성(Recreate)" or "Recreate (재생성)", is judged by its Latin part
/// alone (review of blind5: the course writes names that way): the gloss is
/// the student's note, and a wrong Latin part is not saved by any gloss.
pub fn matches(given: &str, accepted: &[String], typo_tolerance: bool) -> bool {
    matches_in(given, accepted, typo_tolerance, "")
}

/// [`matches`] for a question whose prompt is `prompt`: a short name the
/// prompt prints ("ML Metadata(MLMD)") written before the key ("MLMD
/// Execution") adds nothing to it, as a generic qualifier does; and a field
/// written before its value ("dnsPolicy: None") names where the value goes
/// (review R of 2026-11-30).
pub fn matches_in(given: &str, accepted: &[String], typo_tolerance: bool, prompt: &str) -> bool {
    let one = |g: &str| match glossed_latin(g) {
        Some(latin) => matches_one(latin, accepted, typo_tolerance),
        None => matches_one(g, accepted, typo_tolerance),
    };
    let forms = |given: &str| {
        let bare = without_qualifier(given).or_else(|| without_prompt_name(given, prompt));
        one(given)
            || without_kind_word(given).is_some_and(one)
            || bare.is_some_and(one)
            || bare.and_then(without_kind_word).is_some_and(one)
    };
    // As written first: a key may itself be a path ("spec.replicas").
    forms(given)
        || without_field(given).is_some_and(forms)
        || beside_prompt_word(given, prompt).is_some_and(forms)
}

/// `given` without a word the prompt itself writes, before or after the
/// key: "조정 루프" for 조정 under "… 반복 루프", "파일 프로비저닝" under
/// "파일에서 리소스를 …", "Issuer CA" under "… 중간(intermediate) CA"
/// (reviews of blind112, blind113 and blind118, 2026-12-03: students who
/// knew the term were marked wrong). The word only repeats the question;
/// the key must still be the rest of the answer, so "ServiceAccount" is no
/// "Service" however the prompt reads.
fn beside_prompt_word<'a>(given: &'a str, prompt: &str) -> Option<&'a str> {
    let words: Vec<&str> = given.split_whitespace().collect();
    if words.len() != 2 || prompt.is_empty() {
        return None;
    }
    let prompt_words: Vec<String> = prompt
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect();
    // A Korean word may carry its particle in the prompt (파일에서).
    let written = |w: &str| {
        let w = normalize(w);
        w.chars().count() >= 2
            && prompt_words
                .iter()
                .any(|p| *p == w || (w.chars().all(crate::text::is_hangul) && p.starts_with(&w)))
    };
    let t = given.trim();
    if written(words[0]) {
        t.split_once(char::is_whitespace)
            .map(|(_, rest)| rest.trim())
    } else if written(words[1]) {
        t.rsplit_once(char::is_whitespace)
            .map(|(first, _)| first.trim())
    } else {
        None
    }
}

/// `given` without a first word that is a short name in capitals (MLMD, KFP)
/// the prompt prints as a word of its own.
fn without_prompt_name<'a>(given: &'a str, prompt: &str) -> Option<&'a str> {
    let (first, rest) = given.trim().split_once(char::is_whitespace)?;
    let short = (2..=6).contains(&first.len()) && first.chars().all(|c| c.is_ascii_uppercase());
    let printed = prompt
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == first);
    (short && printed && !rest.trim().is_empty()).then(|| rest.trim_start())
}

/// `given` without a leading field name and colon ("dnsPolicy: None",
/// "restartPolicy: Never"), or without the path of objects a field is
/// written under ("spec.activeDeadlineSeconds", ".spec.jobTemplate.spec.x":
/// review T of 2026-11-30): lower-case identifiers before the value.
fn without_field(given: &str) -> Option<&str> {
    let ident = |w: &str| {
        w.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let t = given.trim();
    if let Some((field, value)) = t.split_once(':') {
        let value = value.trim();
        return (ident(field) && !value.is_empty()).then_some(value);
    }
    let (path, field) = t.trim_start_matches('.').rsplit_once('.')?;
    (path.split('.').all(ident) && PATH_ROOTS.contains(&path.split('.').next()?) && ident(field))
        .then_some(field)
}

/// The objects a field's path starts at in a manifest.
const PATH_ROOTS: &[&str] = &["spec", "metadata", "status", "template", "data"];

/// Words that say where a name belongs ("Configuration Drift", "Linux
/// namespace", "구성 드리프트"): written before a name, they add nothing to
/// it (reviews D and G of 2026-11-30 failed typed questions that refused
/// them). Only these generic words: a student who writes another name
/// before the key ("RollingUpdate Recreate") names two things.
const QUALIFIERS: &[&str] = &[
    "configuration",
    "config",
    "infrastructure",
    "linux",
    "kubernetes",
    "k8s",
    "docker",
    "container",
    "구성",
    "설정",
    "인프라",
    "리눅스",
    "쿠버네티스",
    "도커",
    "컨테이너",
];

/// `given` without a first generic qualifier word ([`QUALIFIERS`]).
fn without_qualifier(given: &str) -> Option<&str> {
    let (first, rest) = given.trim().split_once(char::is_whitespace)?;
    listed(QUALIFIERS, first, rest.trim_start())
}

/// Korean words that say what kind of thing a name is ("Recreate 전략",
/// "Retain 정책"): written after a name, they add nothing to it.
const KIND_WORDS: &[&str] = &[
    "전략",
    "방식",
    "모드",
    "정책",
    "객체",
    "오브젝트",
    "리소스",
    "컨트롤러",
    "기능",
    "도구",
    "명령",
    "명령어",
    "필드",
    "옵션",
    "플러그인",
    "strategy",
    "policy",
    "mode",
    "object",
    "resource",
    "controller",
    "feature",
    "tool",
    "command",
    "field",
    "option",
    "plugin",
    "속성",
    "attribute",
    "attributes",
    "타입",
    "유형",
    "type",
    "기록",
    "record",
    // "카나리 배포", "Canary deployment", "canary release" for Canary
    // (trial of 2026-12-01: marked wrong while "카나리 전략" was right).
    "배포",
    "deployment",
    "release",
    "패턴",
    "pattern",
    "기법",
];

/// `given` without a last kind word after the name ("Recreate 전략", "재생성
/// 전략", "Retain policy"), when it has one.
fn without_kind_word(given: &str) -> Option<&str> {
    let (name, last) = given.trim().rsplit_once(char::is_whitespace)?;
    listed(KIND_WORDS, last, name.trim_end())
}

/// `rest` when `word` is one of `list` (in any case) and `rest` is not empty.
fn listed<'a>(list: &[&str], word: &str, rest: &'a str) -> Option<&'a str> {
    (list.contains(&word.to_lowercase().as_str()) && !rest.is_empty()).then_some(rest)
}

/// The Latin part of "한글(Latin)" or "Latin (한글)": one side Hangul only, the
/// other without Hangul.
fn glossed_latin(given: &str) -> Option<&str> {
    let t = given.trim();
    let inner_start = t.find(['(', '（'])?;
    let open_len = t[inner_start..].chars().next()?.len_utf8();
    let rest = &t[inner_start + open_len..];
    let close = rest.rfind([')', '）'])?;
    if !rest[close..].chars().skip(1).all(char::is_whitespace) {
        return None;
    }
    let (outer, inner) = (t[..inner_start].trim(), rest[..close].trim());
    let hangul_only = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| crate::text::is_hangul(c) || c.is_whitespace())
    };
    let latin = |s: &str| {
        !s.is_empty()
            && s.chars().any(|c| c.is_ascii_alphabetic())
            && !s.chars().any(crate::text::is_hangul)
    };
    if hangul_only(outer) && latin(inner) {
        Some(inner)
    } else if latin(outer) && hangul_only(inner) {
        Some(outer)
    } else {
        None
    }
}

fn matches_one(given: &str, accepted: &[String], typo_tolerance: bool) -> bool {
    let g = normalize(given);
    if g.is_empty() {
        return false;
    }
    accepted.iter().any(|a| {
        // A number is a number: its sign and value decide, never the
        // spelling rules for names (which drop a leading minus or forgive a
        // digit: -1024 for 1024).
        if let Some(x) = number(a) {
            return number(given).is_some_and(|y| (x - y).abs() <= 1e-9 * x.abs().max(1.0));
        }
        // A key holding a signed number (`-5℃`, `exit -1`): the numbers
        // written in the answer, with their signs, must be the key's (the
        // name rules below trim a leading minus and forgive a character).
        let signs = signed_numbers(a);
        if !signs.is_empty() && signed_numbers(given) != signs {
            return false;
        }
        let a = normalize(a);
        a == g
            || same_name(&a, &g)
            || in_hangul(&a, &g)
            || (typo_tolerance && a.chars().count() >= 5 && within_one_edit(&a, &g))
    })
}

/// A minus sign as people type it: hyphen-minus, U+2212, the en and em
/// dashes a word processor puts in its place, the full-width hyphen.
fn is_minus(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}' | '\u{2014}' | '\u{FF0D}')
}

/// The numbers written in `s` with their signs, in order (`exit -1` ->
/// `["-1"]`, `-5℃` -> `["-5"]`, `v1.28` -> `["1.28"]`): a sign is a minus
/// directly before the digits, after no letter or digit (the hyphen of
/// `k8s-1` joins words, it is no sign).
fn signed_numbers(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            let digits = digits.trim_end_matches('.').to_string();
            let signed = start > 0
                && is_minus(chars[start - 1])
                && (start < 2 || !chars[start - 2].is_alphanumeric());
            out.push(if signed { format!("-{digits}") } else { digits });
        } else {
            i += 1;
        }
    }
    out
}

/// The value of a text that is a number as a person types one: digits with
/// an optional sign (a space after it allowed), decimal point and exponent
/// (`-5`, `- 5`, `+3.0`, `２`, `(-5)`), the minus as people type it too.
/// Anything else (`8080/tcp`, `v1`, `1.28.0`, `inf`, `80 443`, and `80,443`,
/// two ports as often as one number) is `None`.
pub fn number(s: &str) -> Option<f64> {
    use unicode_normalization::UnicodeNormalization;
    let mut t: String = s
        .trim()
        .nfkc()
        .map(|c| if is_minus(c) { '-' } else { c })
        .collect();
    // `(-5)`: a number in brackets is the number.
    if t.starts_with('(') && t.ends_with(')') {
        t = t[1..t.len() - 1].trim().to_string();
    }
    // `- 5`: a space after the sign only.
    if let Some(rest) = t.strip_prefix(['-', '+']) {
        let sign = &t[..1];
        t = format!("{sign}{}", rest.trim_start());
    }
    let plain = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e' | 'E'));
    if !plain || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Whether `given` writes the one-word Latin name `accepted` in Hangul as
/// Korean spells loanwords (러너 for Runner, 차트 for Chart): a student who
/// studied in Korean may type a name that way (census of 2026-11-30).
fn in_hangul(accepted: &str, given: &str) -> bool {
    accepted.len() >= 4
        && accepted.chars().all(|c| c.is_ascii_alphabetic())
        && given.chars().all(crate::text::is_hangul)
        && crate::extract::translit::spells(accepted, given)
}

/// A normalized answer without the separators between the parts of a name
/// (space, hyphen, underscore, middle dot).
fn joined(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '·'))
        .collect()
}

/// Whether two normalized answers are one name: equal once the separators
/// between its parts are dropped, one the Latin plural of the other (`+s`,
/// `+es`, `y` -> `ies`), or noun and verb of one word (`-ation` / `-e`).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (joined(a), joined(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    // Plurals only of Latin words of three letters or more.
    if short.chars().count() < 3
        || !short
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphabetic())
    {
        return false;
    }
    if same_stem(short, long) {
        return true;
    }
    let Some(rest) = long.strip_prefix(short.as_str()) else {
        return short
            .strip_suffix('y')
            .is_some_and(|stem| long.strip_prefix(stem) == Some("ies"));
    };
    rest == "s" || rest == "es"
}

/// Whether two Latin words are one word as noun and verb: `materialize` /
/// `Materialization`, `configure` / `configuration` (stems of six letters or
/// more, after -ation and a final e).
fn same_stem(a: &str, b: &str) -> bool {
    let stem = |w: &str| -> String {
        let w = w.strip_suffix("ation").unwrap_or(w);
        w.strip_suffix('e').unwrap_or(w).to_string()
    };
    let (x, y) = (stem(a), stem(b));
    x.len() >= 6 && x == y && a.chars().all(|c| c.is_ascii_alphabetic())
}

/// Fraction of the points, 0 or 1.
pub fn score(q: &Question, r: &Response, typo_tolerance: bool) -> f64 {
    let Response::Text(given) = r else { return 0.0 };
    let accepted = match &q.answer {
        Some(Answer::Many(v)) => v.clone(),
        Some(a) => a.as_list(),
        None => return 0.0,
    };
    f64::from(u8::from(matches_in(
        given,
        &accepted,
        typo_tolerance,
        &q.prompt,
    )))
}
