//! Korean-aware text helpers shared by extraction, checking and scoring.
//!
//! One normalization is used everywhere a string is compared (distractor
//! de-duplication, "answer appears in prompt" checks, short-answer scoring), so
//! that what extraction considers "the same answer" is exactly what scoring accepts.
//! Nothing here does I/O.

use unicode_normalization::UnicodeNormalization;

/// The subject particle after `word`: 이 after a Hangul syllable with a
/// final consonant (통합이), 가 after one without (주의가), the same after a
/// Latin name read one way ([`batchim_guess`]), and 이(가) after anything else.
pub fn i_ga(word: &str) -> &'static str {
    // A trailing parenthesis is read past: "할인 폭 (온디맨드 대비)이" takes
    // the particle of 폭 (review of blind47, 2026-12-02).
    let w = word.trim_end();
    let w = match w
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|i| &x[..i]))
    {
        Some(before) if !before.trim().is_empty() => before.trim_end(),
        _ => w,
    };
    match batchim_guess(w) {
        Some(true) => "이",
        Some(false) => "가",
        None => "이(가)",
    }
}

/// `word` as a subject: with its particle, or, when the particle cannot be
/// told, followed by `noun` (a word with a final consonant: 값, 항목) and 이
/// ("Reusable Workflow 항목이"; never "이(가)" on a student's screen).
pub fn subject(word: &str, noun: &str) -> String {
    match i_ga(word) {
        "이(가)" => format!("{word} {noun}이"),
        p => format!("{word}{p}"),
    }
}

/// True for Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// Characters that are their own NFKC form whatever surrounds them: ASCII,
/// precomposed Hangul syllables, and punctuation common in course text
/// (「」『』【】, ←→↑↓, ·, •, —, emoji). Lets [`normalize`] skip the table walk.
fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{AC00}'..='\u{D7A3}').contains(&c)
        || ('\u{3008}'..='\u{3011}').contains(&c)
        || ('\u{2190}'..='\u{2199}').contains(&c)
        || matches!(
            c,
            '\u{B7}'
                | '\u{2022}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2018}'
                | '\u{2019}'
                | '\u{201C}'
                | '\u{201D}'
                | '\u{2500}'
                | '\u{2502}'
                | '\u{251C}'
                | '\u{2514}'
        )
        || ('\u{1F300}'..='\u{1FAFF}').contains(&c)
}

/// Normalize for comparison: Unicode NFKC, lower case, whitespace collapsed to one
/// space, spaces between two Hangul characters removed (`선언적 배포` = `선언적배포`),
/// and punctuation trimmed from both ends.
pub fn normalize(s: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfkc_quick};
    let mut out = String::with_capacity(s.len());
    // Usually every character is its own NFKC form: fold while checking that,
    // and only on the first other character look at the string as a whole.
    if !fold_into(s, &mut out, true) {
        out.clear();
        if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
            fold_into(s, &mut out, false);
        } else {
            let nfkc: String = s.nfkc().collect();
            fold_into(&nfkc, &mut out, false);
        }
    }
    let keep = |c: char| {
        c.is_ascii_alphanumeric() || is_hangul(c) || (!c.is_ascii() && c.is_alphanumeric())
    };
    let trimmed = out.trim_matches(|c: char| !keep(c));
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// One pass of [`normalize`] after NFKC: lower case, collapse white space, drop
/// it between Hangul. With `check`, stops and returns false at the first
/// character that is not certainly its own NFKC form.
fn fold_into(src: &str, out: &mut String, check: bool) -> bool {
    let mut pending_space = false;
    let mut last_hangul: Option<bool> = None;
    for c in src.chars() {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                pending_space = last_hangul.is_some();
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c.to_ascii_lowercase());
            last_hangul = Some(false);
            continue;
        }
        // Hangul syllables, the other common case: their own NFKC and lower case.
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            if pending_space {
                if last_hangul != Some(true) {
                    out.push(' ');
                }
                pending_space = false;
            }
            out.push(c);
            last_hangul = Some(true);
            continue;
        }
        if check && !nfkc_stable(c) {
            return false;
        }
        if c.is_whitespace() {
            pending_space = last_hangul.is_some();
            continue;
        }
        let hangul = is_hangul(c);
        if pending_space {
            if !(last_hangul == Some(true) && hangul) {
                out.push(' ');
            }
            pending_space = false;
        }
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        last_hangul = Some(hangul);
    }
    true
}

/// NFC form, used for text written into files people read (reports, YAML).
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`] without a copy when the text is already NFC (the usual case: ASCII
/// and precomposed Hangul are checked without the normalization tables).
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    if s.is_ascii() || s.chars().all(nfkc_stable) || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// Levenshtein distance over chars (small inputs only).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Two terms are "near-equal" when, normalized, they are equal, one contains the
/// other, or they differ by a single edit. Used to keep distractors honest.
pub fn near_equal(a: &str, b: &str) -> bool {
    near_equal_normalized(&normalize(a), &normalize(b))
}

/// [`near_equal`] for strings already passed through [`normalize`].
pub fn near_equal_normalized(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if contains_short(long, short) {
        return true;
    }
    // One edit changes the length by one character, at most four bytes.
    long.len() - short.len() <= 4 && within_one_edit(a, b)
}

/// `hay.contains(needle)` for the short strings compared here: a scan for the
/// first byte and a slice compare, without the set-up cost of a general
/// substring searcher (which dominated distractor picking). A byte match of
/// valid UTF-8 in valid UTF-8 always starts on a character boundary.
fn contains_short(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = n.split_first() else {
        return true;
    };
    if n.len() > h.len() {
        return false;
    }
    (0..=h.len() - n.len()).any(|i| h[i] == first && h[i..].starts_with(n))
}

/// Whether `a` and `b` differ by at most one insertion, deletion or substitution
/// (`edit_distance(a, b) <= 1`), in one pass without allocating.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q => continue,
            (None, Some(_)) => return y.next().is_none(),
            (Some(_), None) => return x.next().is_none(),
            (Some(p), Some(q)) => {
                // Substitution, deletion of p from a, or insertion of q into a.
                let (xs, ys) = (x.as_str(), y.as_str());
                let deletion = xs.strip_prefix(q).is_some_and(|r| r == ys);
                let insertion = ys.strip_prefix(p).is_some_and(|r| r == xs);
                return xs == ys || deletion || insertion;
            }
        }
    }
}

/// Whether `needle` occurs in `haystack` after normalization of both.
pub fn contains_normalized(haystack: &str, needle: &str) -> bool {
    let n = normalize(needle);
    !n.is_empty() && normalize(haystack).contains(&n)
}

/// Korean particles and endings stripped from the end of a word before it is used
/// as a keyword. Longest first.
const PARTICLES: &[&str] = &[
    "으로서",
    "에서의",
    "으로의",
    "에서",
    "으로",
    "에게",
    "까지",
    "부터",
    "처럼",
    "보다",
    "과의",
    "와의",
    "이란",
    "이나",
    "하고",
    "의",
    "을",
    "를",
    "이",
    "가",
    "은",
    "는",
    "과",
    "와",
    "에",
    "로",
    "도",
    "만",
];

/// Words that carry no concept of their own in course text.
const STOPWORDS: &[&str] = &[
    "가장",
    "어떻게",
    "어떤",
    "무엇",
    "무엇인가요",
    "새로운",
    "기존",
    "통해",
    "통한",
    "위한",
    "대한",
    "및",
    "또는",
    "그리고",
    "등",
    "것",
    "수",
    "더",
    "이해",
    "학습",
    "방법",
    "방안",
    "구현",
    "구축",
    "적용",
    "완료",
    "완성",
    "설계",
    "능력",
    "점은",
    "점",
    "있는",
    "하는",
    "한",
    "된",
    "되는",
    "다른",
    "먼저",
    "실무에서",
    "중",
    "간",
    "전체",
    "기반",
    "이상",
    "the",
    "and",
    "of",
    "a",
    "to",
    "for",
    "in",
    "with",
];

/// Strip one trailing particle from a Korean word when something meaningful stays.
pub fn strip_particle(word: &str) -> &str {
    for p in PARTICLES {
        if let Some(stem) = word.strip_suffix(p)
            && stem.chars().count() >= 2
        {
            return stem;
        }
    }
    word
}

/// Whether a word looks like a predicate ("관리했나요", "다른가요", "설계한다").
fn is_predicate(word: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "요", "다", "까", "니", "했나", "하나", "인가", "나요", "는가", "었나", "였나",
    ];
    ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Content words of a sentence, in order of first appearance, de-duplicated:
/// punctuation split, particles stripped, stopwords and predicates dropped.
pub fn keywords(text: &str) -> Vec<String> {
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Vec<String>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    // Extraction asks for the words of one option or prompt many times.
    if let Some(words) = SEEN.with(|m| m.borrow().get(text).cloned()) {
        return words;
    }
    let words = keywords_of(text);
    SEEN.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(text.to_string(), words.clone());
    });
    words
}

fn keywords_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.'
                    | '?'
                    | '!'
                    | '('
                    | ')'
                    | '"'
                    | '\''
                    | ':'
                    | ';'
                    | '·'
                    | '“'
                    | '”'
                    | '「'
                    | '」'
                    | '*'
                    | '→'
                    | '&'
                    | '+'
                    | '['
                    | ']'
            )
    }) {
        let w = raw.trim_matches(|c: char| !is_hangul(c) && !c.is_alphanumeric() && c != '/');
        if w.is_empty() || is_predicate(w) {
            continue;
        }
        let w = strip_particle(w);
        let n = normalize(w);
        if n.chars().count() < 2
            || STOPWORDS.contains(&n.as_str())
            || n.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Character bigrams of the normalized text without spaces, sorted and unique,
/// for [`dice`].
pub fn bigrams(s: &str) -> Vec<u64> {
    let mut v = Vec::new();
    let mut prev: Option<char> = None;
    for c in normalize(s).chars().filter(|c| !c.is_whitespace()) {
        if let Some(p) = prev {
            // Two chars packed in one number: sorts like the pair.
            v.push(u64::from(p) << 32 | u64::from(c));
        }
        prev = Some(c);
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Dice coefficient of character bigrams, 0..=1.
pub fn similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(a), &bigrams(b))
}

/// Dice coefficient of two bigram sets from [`bigrams`] (sorted, without
/// repeats): one merge pass over both.
pub fn dice(x: &[u64], y: &[u64]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    dice_from_counts(common, x.len(), y.len())
}

/// The Dice coefficient of two sets of sizes `a` and `b` sharing `common` items.
pub fn dice_from_counts(common: usize, a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    2.0 * common as f64 / (a + b) as f64
}

/// Whether the last syllable of `word` has a final consonant (받침). `None` when
/// the word does not end in a Hangul syllable.
pub fn has_batchim(word: &str) -> Option<bool> {
    let c = word.trim_end().chars().last()?;
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        Some(!(c as u32 - 0xAC00).is_multiple_of(28))
    } else {
        None
    }
}

/// Whether `word` is read with a final consonant, for choosing a particle
/// after it: a Hangul syllable's own; a digit as Korean reads it (1 일, 3 삼:
/// yes; 2 이, 5 오: no); an acronym by its last letter's name (L 엘, M 엠,
/// N 엔, R 알: yes; HPA 에이: no); a Latin word by how loanwords end (-m,
/// -n, -l, -ng and a silent e after them: 헬름, 리테인, 볼륨, 파이프라인, 펜딩;
/// a vowel, -r, -s, -x, -d, -g, -c, -f, -h, -e: 도커, 호스트, 브리지; -t, -k
/// by the letter before them). `None` where the reading varies (-p, -b).
pub fn batchim_guess(word: &str) -> Option<bool> {
    let w = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let last = w.chars().last()?;
    if ('\u{AC00}'..='\u{D7A3}').contains(&last) {
        return has_batchim(w);
    }
    if let Some(d) = last.to_digit(10) {
        return Some(matches!(d, 0 | 1 | 3 | 6 | 7 | 8));
    }
    if !last.is_ascii_alphabetic() {
        return None;
    }
    let tail: String = w
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A capital alone ending in ㄹ, ㅁ or ㄴ is read by its name ("R을":
    // review of blind108, 2026-12-03); another (A, B) may be a placeholder
    // or read otherwise, and is left unsure.
    if tail.len() == 1 && w.chars().count() == 1 {
        return matches!(last, 'L' | 'M' | 'N' | 'R').then_some(true);
    }
    if tail.len() >= 2 && tail.len() <= 5 && tail.chars().all(|c| c.is_ascii_uppercase()) {
        if tail == "YAML" {
            return Some(true);
        }
        return Some(matches!(last, 'L' | 'M' | 'N' | 'R'));
    }
    let lower = tail.to_ascii_lowercase();
    // Loanwords read against their letters: 템플릿 (review of blind66:
    // "volumeClaimTemplate와"), 프라이빗.
    if lower.ends_with("template") || lower.ends_with("private") {
        return Some(true);
    }
    let mut rev = lower.chars().rev();
    let (a, b) = (rev.next(), rev.next());
    match (a, b) {
        (Some('m' | 'n' | 'l'), _) | (Some('g'), Some('n')) => Some(true),
        (Some('e'), Some('m' | 'n' | 'l')) => Some(true),
        // -c after a vowel closes with ㄱ (퍼블릭, 메트릭, 스펙: review of
        // blind81, 2026-12-03: "kube-public를"); after a consonant it is 크
        // (싱크).
        (Some('c'), Some(v)) if "aeiou".contains(v) => Some(true),
        (
            Some('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'r' | 's' | 'x' | 'd' | 'g' | 'c' | 'f' | 'h'),
            _,
        ) => Some(false),
        // -t and -k after a consonant end in 트 / 크 (호스트, 디플로이먼트,
        // 테라그런트, 스파크); -ck, and -t or -k after a vowel, close the
        // syllable (슬랙, 시크릿, 깃, 웹훅). Review AQ of 2026-12-01:
        // "Terragrunt을(를)".
        (Some('k'), Some('c')) => Some(true),
        (Some('t' | 'k'), Some(v)) if "aeiou".contains(v) => Some(true),
        (Some('t' | 'k'), Some(_)) => Some(false),
        _ => None,
    }
}

/// Replace a particle that follows a blank with its neutral pair so that the
/// blank does not give the answer away: 과/와 -> 과(와), 을/를 -> 을(를),
/// 이/가 -> 이(가), 은/는 -> 은(는). Returns the rewritten text after the blank.
pub fn neutral_particle(after: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("과", "과(와)"),
        ("와", "과(와)"),
        ("을", "을(를)"),
        ("를", "을(를)"),
        ("이", "이(가)"),
        ("가", "이(가)"),
        ("은", "은(는)"),
        ("는", "은(는)"),
        ("으로", "(으)로"),
        ("로", "(으)로"),
    ];
    for (p, neutral) in PAIRS {
        if let Some(rest) = after.strip_prefix(p) {
            // Only a particle when the word ends right after it.
            let next = rest.chars().next();
            if next.is_none_or(|c| !is_hangul(c)) {
                return format!("{neutral}{rest}");
            }
        }
    }
    after.to_string()
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_subject_particle_follows_the_last_syllable() {
        assert_eq!(i_ga("비즈니스 메트릭 통합"), "이");
        assert_eq!(i_ga("주의"), "가");
        assert_eq!(i_ga("주 사용처"), "가");
        assert_eq!(i_ga("정책 언어"), "가");
        assert_eq!(i_ga("대응"), "이");
        assert_eq!(i_ga("YAML"), "이");
        assert_eq!(i_ga("Reusable Workflow"), "이(가)");
        assert_eq!(i_ga("기본값 (default)"), "이");
        assert_eq!(i_ga("할인 폭 (온디맨드 대비)"), "이");
        assert_eq!(i_ga("(온디맨드 대비)"), "가");
        assert_eq!(subject("Reusable Workflow", "값"), "Reusable Workflow 값이");
        assert_eq!(subject("'Workflow'", "항목"), "'Workflow' 항목이");
        assert_eq!(subject("주의", "값"), "주의가");
    }
    use super::*;

    #[test]
    fn normalize_joins_hangul_and_trims() {
        assert_eq!(normalize("  선언적   배포. "), "선언적배포");
        assert_eq!(
            normalize("Declarative  Deployment"),
            "declarative deployment"
        );
        assert_eq!(normalize("ＧｉｔＯｐｓ"), "gitops");
        assert_eq!(normalize("API 관리"), "api 관리");
        assert_eq!(normalize("(CI/CD)"), "ci/cd");
    }

    #[test]
    fn stable_fast_path_agrees_with_nfkc() {
        let mut c = '\0';
        while c <= '\u{1FAFF}' {
            if nfkc_stable(c) {
                let s = c.to_string();
                assert_eq!(s.nfkc().collect::<String>(), s, "{:x}", c as u32);
            }
            c = char::from_u32(c as u32 + 1).unwrap_or('\u{E000}');
        }
    }

    #[test]
    fn one_edit_agrees_with_edit_distance() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "acb",
            "abcd",
            "bcd",
            "xbc",
            "배포",
            "배포들",
            "선언적",
            "선언",
        ];
        for a in words {
            for b in words {
                assert_eq!(within_one_edit(a, b), edit_distance(a, b) <= 1, "{a} {b}");
            }
        }
    }

    #[test]
    fn near_equal_cases() {
        assert!(near_equal("자동화", "자동화 전략"));
        assert!(near_equal("GitOps", "gitops"));
        assert!(near_equal("Helm", "Helms"));
        assert!(!near_equal("Helm", "Kustomize"));
    }

    /// The definition of [`normalize`] without fast paths.
    fn normalize_plain(s: &str) -> String {
        let nfkc: String = s.nfkc().collect();
        let mut out = String::new();
        let mut pending_space = false;
        let mut last: Option<char> = None;
        for c in nfkc.chars() {
            if c.is_whitespace() {
                pending_space = last.is_some();
                continue;
            }
            if pending_space && !(last.is_some_and(is_hangul) && is_hangul(c)) {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
            last = Some(c);
        }
        let keep = |c: char| {
            c.is_ascii_alphanumeric() || is_hangul(c) || (!c.is_ascii() && c.is_alphanumeric())
        };
        out.trim_matches(|c: char| !keep(c)).to_string()
    }

    proptest::proptest! {
        #[test]
        fn contains_short_is_contains(h in "[ab가 ]{0,8}", n in "[ab가 ]{0,3}") {
            proptest::prop_assert_eq!(contains_short(&h, &n), h.contains(&n));
        }

        /// The fast paths of `normalize` agree with its plain definition.
        #[test]
        fn normalize_matches_definition(
            s in "[ aZ9.,가각힣ᄀ\u{1161}\u{3000}\u{a0}ＧｉＡ①「」→·é\u{301}\t\nİΣ]{0,16}"
        ) {
            proptest::prop_assert_eq!(normalize(&s), normalize_plain(&s));
        }

        /// The fast path agrees with the plain definition: equal, contained, or one edit.
        #[test]
        fn near_equal_matches_definition(a in "[ab가나 ]{0,6}", b in "[ab가나 ]{0,6}") {
            let plain = if a.is_empty() || b.is_empty() {
                a == b
            } else {
                a.contains(&b) || b.contains(&a) || edit_distance(&a, &b) <= 1
            };
            proptest::prop_assert_eq!(near_equal_normalized(&a, &b), plain);
        }
    }

    #[test]
    fn particles_are_neutralized() {
        assert_eq!(neutral_particle("과 ArgoCD"), "과(와) ArgoCD");
        assert_eq!(neutral_particle("를 이해"), "을(를) 이해");
        assert_eq!(neutral_particle("이해"), "이해");
        assert_eq!(neutral_particle(" 종합 정리"), " 종합 정리");
        assert_eq!(neutral_particle("는"), "은(는)");
    }

    #[test]
    fn keywords_drop_particles_and_predicates() {
        let k = keywords("마이크로서비스 아키텍처의 복잡성을 어떻게 관리했나요?");
        assert_eq!(k, vec!["마이크로서비스", "아키텍처", "복잡성"]);
    }

    #[test]
    fn batchim() {
        assert_eq!(has_batchim("배포"), Some(false));
        assert_eq!(has_batchim("관리"), Some(false));
        assert_eq!(has_batchim("전략"), Some(true));
        assert_eq!(has_batchim("Helm"), None);
    }

    #[test]
    fn latin_names_are_read_as_loanwords() {
        for (word, closed) in [
            ("Helm", Some(true)),
            ("Pending", Some(true)),
            ("Docker", Some(false)),
            ("host", Some(false)),
            ("Terragrunt", Some(false)),
            ("Deployment", Some(false)),
            ("Spark", Some(false)),
            ("Secret", Some(true)),
            ("Git", Some(true)),
            ("Webhook", Some(true)),
            ("Slack", Some(true)),
            ("kube-public", Some(true)),
            ("metric", Some(true)),
            ("sync", Some(false)),
            ("KEDA", Some(false)),
            ("YAML", Some(true)),
            ("volumeClaimTemplate", Some(true)),
            ("update", Some(false)),
            ("Job", None),
            ("Loop", None),
            ("R", Some(true)),
            ("M", Some(true)),
            ("E", None),
        ] {
            assert_eq!(batchim_guess(word), closed, "{word}");
        }
    }
}
