//! GIFT, as Moodle reads and writes it (question/format/gift/format.php).
//!
//! What is special, as in Moodle's parser: `~ = # { } :` and `\` are escaped
//! with `\`, a newline is `\n`; nothing else is. `->` has no escape in Moodle:
//! it splits a matching pair at its first occurrence, and any answer block that
//! has `=` and `->` but no `~` is a matching. So export writes a left item that
//! contains `->` as `[html]` text with `-&gt;`, refuses (with the reason) a short
//! answer whose accepted answer contains `->`, and choice options may hold `->`
//! freely (their block always has a `~`). A text that starts like a weight
//! (`%50%`) or a format marker (`[html]`) is guarded so it reads back as text.
//!
//! Export: `$CATEGORY:` per unit, `::name::` from the question id, `=`/`~` for
//! choice, `~%w%` weights for multi (only Moodle's grade fractions), `{T}`/`{F}`,
//! every accepted answer of a short answer, `->` for matching, `{}` for essays,
//! general feedback as `####`. Two comments carry what GIFT cannot:
//! `// quiz: order` before a matching that is an order question, and
//! `// quiz: right p q ...` with the ids of a matching's right items.
//!
//! Import: multiple choice (Moodle's rule: one `=` makes it single-answer),
//! weighted multi, true/false with its feedback, short answer with several
//! accepted answers, matching (answers without a left side are distractors),
//! essay, exact numerical answers (as short answers), comments, names,
//! categories, escapes, format markers, general feedback (`####`) and the right
//! answer's feedback (`#`). Everything that cannot be kept is a warning with its
//! line (a wrong answer's feedback, partial credit, a second right answer of a
//! single-answer question, ...); a question that cannot be taken (numerical
//! tolerances and ranges, descriptions) is an error and skipped.

use super::{
    Document, Exported, Units, moodle_multi_fractions, multi_rule, not_exportable, percent,
};
use crate::error::Diagnostic;
use crate::model::{Answer, Choice, Kind, Question, ScoringRules};
use std::collections::BTreeMap;

/// Escape GIFT's special characters as Moodle's `repchar` does.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

const MARKERS: [&str; 4] = ["[html]", "[moodle]", "[plain]", "[markdown]"];

/// A text as GIFT: escaped, and with a `[moodle]` marker in front when the
/// text itself starts like a format marker (Moodle would take it as one).
fn text_out(s: &str) -> String {
    let e = escape(s);
    if MARKERS.iter().any(|m| s.starts_with(m)) {
        format!("[moodle]{e}")
    } else {
        e
    }
}

/// Moodle's answer weight: `^%-*[0-9]{1,2}\.?[0-9]*%`; the value and its length.
fn weight_prefix(t: &str) -> Option<(f64, usize)> {
    let b = t.as_bytes();
    if b.first() != Some(&b'%') {
        return None;
    }
    let mut i = 1;
    let mut neg = false;
    while b.get(i) == Some(&b'-') {
        neg = true;
        i += 1;
    }
    let d0 = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let int_len = i - d0;
    if int_len == 0 {
        return None;
    }
    if b.get(i) == Some(&b'.') {
        if int_len > 2 {
            return None;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if b.get(i) != Some(&b'%') {
        return None;
    }
    let v: f64 = t[d0..i].parse().ok()?;
    Some((if neg { -v } else { v }, i + 1))
}

/// An answer's text; when it would read as a weight, `guard` (an explicit
/// weight) goes in front.
fn answer_out(s: &str, guard: &str) -> String {
    let t = text_out(s);
    if weight_prefix(&t).is_some() {
        format!("{guard}{t}")
    } else {
        t
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The left side of a matching pair: `->` cannot be escaped in GIFT, so such
/// a text is written as HTML with `-&gt;`.
fn left_out(s: &str) -> String {
    if s.contains("->") {
        format!("[html]{}", escape(&html_escape(s)))
    } else {
        text_out(s)
    }
}

fn choice_text(list: &[Choice], id: &str) -> String {
    list.iter()
        .find(|c| c.id == id)
        .map_or_else(String::new, |c| c.text.clone())
}

/// Why a question cannot be written as GIFT (beyond [`not_exportable`]).
fn not_gift(q: &Question) -> Option<&'static str> {
    if let Some(why) = not_exportable(q) {
        return Some(why);
    }
    match (&q.kind, &q.answer) {
        (Kind::Short | Kind::Cloze, Some(Answer::Many(acc)))
            if acc.iter().any(|a| a.contains("->")) =>
        {
            Some("인정 답안에 `->`가 있어 Moodle의 GIFT가 짝 맞추기로 읽습니다")
        }
        _ => None,
    }
}

/// One question as GIFT (ends with a newline), or why it cannot be.
pub fn export(q: &Question, rules: &ScoringRules) -> Result<Exported, &'static str> {
    if let Some(why) = not_gift(q) {
        return Err(why);
    }
    let mut notes = Vec::new();
    let mut meta = String::new();
    let name = format!("::{}::", escape(&q.id));
    let prompt = text_out(&q.prompt);
    let general = q
        .feedback
        .as_deref()
        .filter(|f| !f.trim().is_empty())
        .map(|f| format!("####{}", text_out(f)));
    let block = |body: String| {
        let gf = general
            .as_ref()
            .map(|g| format!("\n\t{g}"))
            .unwrap_or_default();
        format!("{{{body}{gf}\n}}")
    };
    let out = match (&q.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(key))) => {
            let body: String = q
                .options
                .iter()
                .map(|o| {
                    if &o.id == key {
                        format!("\n\t={}", text_out(&o.text))
                    } else {
                        format!("\n\t~{}", answer_out(&o.text, "%0%"))
                    }
                })
                .collect();
            format!("{name}{prompt} {}", block(body))
        }
        (Kind::Multi, Some(_)) => {
            let (fractions, n) = moodle_multi_fractions(q, multi_rule(q, rules))?;
            notes = n;
            let body: String = q
                .options
                .iter()
                .zip(fractions)
                .map(|(o, w)| {
                    if w == 0.0 {
                        format!("\n\t~{}", answer_out(&o.text, "%0%"))
                    } else {
                        format!("\n\t~%{}%{}", percent(w), text_out(&o.text))
                    }
                })
                .collect();
            format!("{name}{prompt} {}", block(body))
        }
        (Kind::Truefalse, Some(Answer::Bool(b))) => format!(
            "{name}{prompt} {{{}{}}}",
            if *b { "T" } else { "F" },
            general.clone().unwrap_or_default()
        ),
        (Kind::Short | Kind::Cloze, Some(Answer::Many(acc))) => {
            // A cloze is a short answer whose text keeps its `____` blank.
            let body: String = acc
                .iter()
                .map(|a| format!("\n\t={}", answer_out(a, "%100%")))
                .collect();
            format!("{name}{prompt} {}", block(body))
        }
        (Kind::Order, Some(Answer::Many(ids))) => {
            meta.push_str("// quiz: order\n");
            let body: String = ids
                .iter()
                .enumerate()
                .map(|(i, id)| {
                    format!("\n\t={} -> {}", left_out(&choice_text(&q.items, id)), i + 1)
                })
                .collect();
            format!("{name}{prompt} {}", block(body))
        }
        (Kind::Match, Some(Answer::Pairs(pairs))) => {
            let mut body = String::new();
            let mut seen: Vec<&str> = Vec::new();
            for l in &q.left {
                if let Some(r) = pairs.get(&l.id) {
                    body.push_str(&format!(
                        "\n\t={} -> {}",
                        left_out(&l.text),
                        text_out(&choice_text(&q.right, r))
                    ));
                    if !seen.contains(&r.as_str()) {
                        seen.push(r);
                    }
                }
            }
            // Right items no left item maps to are distractors.
            for r in &q.right {
                if !pairs.values().any(|v| v == &r.id) {
                    body.push_str(&format!("\n\t= -> {}", text_out(&r.text)));
                    seen.push(&r.id);
                }
            }
            if seen
                .iter()
                .all(|id| !id.is_empty() && !id.contains(char::is_whitespace))
            {
                meta.push_str(&format!("// quiz: right {}\n", seen.join(" ")));
            }
            format!("{name}{prompt} {}", block(body))
        }
        (Kind::Essay, _) => format!("{name}{prompt} {{{}}}", general.clone().unwrap_or_default()),
        _ => return Err("정답이 유형에 맞지 않습니다"),
    };
    Ok(Exported {
        text: format!("{meta}{out}\n"),
        notes,
    })
}

/// Export units (`$CATEGORY: quiz/<unit>` each), a blank line between questions.
pub fn document(units: &Units<'_>) -> Document {
    let mut doc = Document {
        text: String::from(
            "// Exported by quiz (GIFT). `// quiz:` comments keep what GIFT has no place for.\n\n",
        ),
        ..Document::default()
    };
    for (unit, qs) in units {
        doc.text.push_str(&format!("$CATEGORY: quiz/{unit}\n\n"));
        for (q, rules) in qs {
            match export(q, rules) {
                Ok(x) => {
                    doc.text.push_str(&x.text);
                    doc.text.push('\n');
                    doc.notes
                        .extend(x.notes.into_iter().map(|n| (q.id.clone(), n)));
                }
                Err(why) => doc.skipped.push((q.id.clone(), why)),
            }
        }
    }
    doc
}

/// A question read from GIFT, with its category and first line.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The last `$CATEGORY:` before it.
    pub category: Option<String>,
    /// The question (id from the name, or empty when it had none).
    pub question: Question,
    /// The GIFT name, if any.
    pub name: Option<String>,
    /// 1-based line where it starts.
    pub line: usize,
}

/// Position of the first unescaped occurrence of `pat` in `s` from `from`.
fn find_unescaped(s: &str, pat: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i..].starts_with(pat.as_bytes()) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Position of the last unescaped occurrence of `pat` (Moodle's `strrpos` for `####`).
fn rfind_unescaped(s: &str, pat: &str) -> Option<usize> {
    let mut last = None;
    let mut from = 0;
    while let Some(i) = find_unescaped(s, pat, from) {
        last = Some(i);
        from = i + 1;
    }
    last
}

/// Remove Moodle's escapes (`\:` `\#` `\=` `\{` `\}` `\~` `\\`, and `\n` for a
/// newline); any other backslash stays, as in Moodle.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.peek().copied() {
            Some('n') => {
                it.next();
                out.push('\n');
            }
            Some(x @ (':' | '#' | '=' | '{' | '}' | '~' | '\\')) => {
                it.next();
                out.push(x);
            }
            _ => out.push('\\'),
        }
    }
    out
}

fn html_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Strip a `[html]`/`[moodle]`/`[plain]`/`[markdown]` marker; for html, drop
/// tags and decode entities.
fn plain(s: &str) -> String {
    let t = s.trim_start();
    for m in MARKERS {
        if let Some(rest) = t.strip_prefix(m) {
            if m == "[html]" {
                let mut out = String::new();
                let mut in_tag = false;
                for c in rest.chars() {
                    match c {
                        '<' => in_tag = true,
                        '>' if in_tag => in_tag = false,
                        _ if !in_tag => out.push(c),
                        _ => {}
                    }
                }
                return html_unescape(&out);
            }
            return rest.to_string();
        }
    }
    s.to_string()
}

/// A text read back: escapes removed, marker handled, trimmed (as Moodle does).
fn text_in(raw: &str) -> String {
    plain(unescape(raw.trim()).trim()).trim().to_string()
}

/// Split a block's inside at unescaped `=`/`~` that start answers. Text before
/// the first marker is an answer too (marker `' '`), as in Moodle.
fn split_answers(block: &str) -> Vec<(char, String)> {
    let b = block.as_bytes();
    let mut out: Vec<(char, String)> = Vec::new();
    let mut i = 0;
    let mut cur: (char, usize) = (' ', 0);
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            b'=' | b'~' => {
                out.push((cur.0, block[cur.1..i].to_string()));
                cur = (char::from(b[i]), i + 1);
            }
            _ => {}
        }
        i += 1;
    }
    out.push((cur.0, block[cur.1.min(block.len())..].to_string()));
    out.into_iter()
        .filter(|(k, t)| *k != ' ' || !t.trim().is_empty())
        .collect()
}

/// One answer of a block.
struct Ans {
    /// Written with `=`.
    eq: bool,
    /// `%w%` weight, when read (never after `=` in a multiple choice).
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

fn parse_answer(marker: char, raw: &str, weights_after_eq: bool) -> Ans {
    let mut t = raw.trim();
    let mut weight = None;
    if (marker != '=' || weights_after_eq)
        && let Some((w, len)) = weight_prefix(t)
    {
        weight = Some(w);
        t = t[len..].trim_start();
    }
    let (body, feedback) = match find_unescaped(t, "#", 0) {
        Some(i) => (
            &t[..i],
            Some(text_in(&t[i + 1..])).filter(|f| !f.is_empty()),
        ),
        None => (t, None),
    };
    Ans {
        eq: marker == '=',
        weight,
        text: body.to_string(),
        feedback,
    }
}

const IDS: &str = "abcdefghijklmnopqrstuvwxyz";
const RIGHT: &str = "pqrstuvwxyzabcdefghijklmno";

fn nth_id(set: &str, i: usize) -> String {
    set.chars().nth(i % 26).map_or_else(
        || format!("x{i}"),
        |c| {
            if i < 26 {
                c.to_string()
            } else {
                format!("{c}{}", i / 26)
            }
        },
    )
}

/// What the `// quiz:` comments before a question say.
#[derive(Debug, Default, Clone)]
struct Meta {
    order: bool,
    right: Option<Vec<String>>,
}

impl Meta {
    fn read(&mut self, comment: &str) {
        let Some(rest) = comment.trim().strip_prefix("// quiz:") else {
            return;
        };
        let rest = rest.trim();
        if rest == "order" {
            self.order = true;
        } else if let Some(ids) = rest.strip_prefix("right ") {
            self.right = Some(ids.split_whitespace().map(str::to_string).collect());
        }
    }
}

/// A run of non-blank lines: where it starts, its text, its `// quiz:` comments.
struct Chunk {
    line: usize,
    text: String,
    meta: Meta,
}

/// Where a question's answer block closes (`}` of the first `{`), if it has one.
fn block_end(t: &str) -> Option<usize> {
    let open = find_unescaped(t, "{", 0)?;
    find_unescaped(t, "}", open)
}

/// Split a chunk that holds more than one question (no blank line between
/// them): after a block closes, a later line that opens another block starts
/// a new question.
fn split_merged(c: Chunk, diags: &mut Vec<Diagnostic>, path: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut rest = c.text;
    let mut line = c.line;
    let mut meta = c.meta;
    loop {
        let cut = block_end(&rest).and_then(|end| {
            let nl = rest[end..].find('\n').map(|i| end + i)?;
            find_unescaped(&rest, "{", nl).map(|_| nl)
        });
        match cut {
            Some(nl) => {
                let next = rest[nl + 1..].to_string();
                rest.truncate(nl);
                let skipped_lines = rest.matches('\n').count() + 1;
                out.push(Chunk {
                    line,
                    text: std::mem::take(&mut rest),
                    meta: std::mem::take(&mut meta),
                });
                let prev = line;
                line += skipped_lines;
                diags.push(Diagnostic::warning(
                    path,
                    line,
                    1,
                    format!(
                        "이 문항과 {prev}행의 문항 사이에 빈 줄이 없어 두 문항으로 읽었습니다 (Moodle은 문항 사이에 빈 줄이 필요합니다)"
                    ),
                ));
                rest = next;
            }
            None => {
                out.push(Chunk {
                    line,
                    text: rest,
                    meta,
                });
                return out;
            }
        }
    }
}

/// Parse GIFT text. Questions come back in order; problems are diagnostics
/// (errors for what was skipped, warnings for what was dropped from a question).
pub fn import(path: &str, text: &str) -> (Vec<Imported>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut category: Option<String> = None;
    let mut chunks: Vec<Chunk> = Vec::new();
    let mut cur: Option<Chunk> = None;
    let mut pending = Meta::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim_start().starts_with("//") {
            match cur.as_mut() {
                Some(c) => c.meta.read(line),
                None => pending.read(line),
            }
            continue;
        }
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                chunks.extend(split_merged(c, &mut diags, path));
            }
            continue;
        }
        match cur.as_mut() {
            Some(c) => {
                c.text.push('\n');
                c.text.push_str(line);
            }
            None => {
                cur = Some(Chunk {
                    line: i + 1,
                    text: line.to_string(),
                    meta: std::mem::take(&mut pending),
                });
            }
        }
    }
    if let Some(c) = cur.take() {
        chunks.extend(split_merged(c, &mut diags, path));
    }
    for c in chunks {
        let t = c.text.trim();
        if let Some(cat) = t.strip_prefix("$CATEGORY:") {
            category = Some(cat.trim().to_string());
            continue;
        }
        match parse_question(t, &c.meta) {
            Ok((q, name, warnings)) => {
                for w in warnings {
                    diags.push(Diagnostic::warning(path, c.line, 1, w));
                }
                out.push(Imported {
                    category: category.clone(),
                    question: q,
                    name,
                    line: c.line,
                });
            }
            Err(why) => diags.push(Diagnostic::error(
                path,
                c.line,
                1,
                format!("{why}; 문항을 건너뜁니다"),
            )),
        }
    }
    (out, diags)
}

/// Keep the question's feedback: the general feedback, else the right
/// answer's; every other feedback is reported as dropped.
fn keep_feedback(q: &mut Question, right: &[&Ans], wrong: &[&Ans], warnings: &mut Vec<String>) {
    for (i, a) in right.iter().enumerate() {
        let Some(f) = &a.feedback else { continue };
        if q.feedback.is_none() && i == 0 {
            q.feedback = Some(f.clone());
        } else {
            warnings.push(format!(
                "맞는 답 `{}`의 피드백 `{f}`을(를) 버렸습니다: 문항에는 피드백이 하나뿐입니다 ({}을(를) 남김)",
                text_in(&a.text),
                if i == 0 {
                    "일반 피드백 `####`"
                } else {
                    "첫 번째 맞는 답의 피드백"
                }
            ));
        }
    }
    for a in wrong {
        if let Some(f) = &a.feedback {
            warnings.push(format!(
                "틀린 답 `{}`의 피드백 `{f}`을(를) 버렸습니다: 일반 피드백과 맞는 답의 피드백만 남깁니다",
                text_in(&a.text)
            ));
        }
    }
}

type Parsed = (Question, Option<String>, Vec<String>);

fn parse_question(t: &str, meta: &Meta) -> Result<Parsed, String> {
    let mut warnings = Vec::new();
    let (name, rest) = match t.strip_prefix("::") {
        Some(r) => {
            let end = find_unescaped(r, "::", 0).ok_or("이름 `::...::`이 닫히지 않았습니다")?;
            (Some(unescape(r[..end].trim())), &r[end + 2..])
        }
        None => (None, t),
    };
    let open =
        find_unescaped(rest, "{", 0).ok_or("답 블록 `{...}`이 없습니다 (문항이 아닌 설명)")?;
    let close = find_unescaped(rest, "}", open).ok_or("답 블록 `{`이 닫히지 않았습니다")?;
    let before = &rest[..open];
    // Samples copied from PHP strings end in `";`: not a missing-word tail.
    let after = rest[close + 1..].trim_end_matches(['"', ';']);
    let mut inner = rest[open + 1..close].to_string();
    let mut general = None;
    if let Some(i) = rfind_unescaped(&inner, "####") {
        general = Some(text_in(&inner[i + 4..])).filter(|g| !g.is_empty());
        inner.truncate(i);
    }
    let inner_t = inner.trim();
    let mid = !after.trim().is_empty();
    let prompt_text = |blank: bool| {
        if blank {
            format!(
                "{}____{}",
                plain(&unescape(before)).trim_start(),
                unescape(after).trim_end()
            )
        } else {
            text_in(before)
        }
    };
    let mut q = Question::new(String::new(), Kind::Essay, String::new());
    q.feedback = general;
    if inner_t.is_empty() {
        q.prompt = prompt_text(mid);
        return Ok((q, name, warnings));
    }
    if let Some(num) = inner_t.strip_prefix('#') {
        return numerical(q, num, prompt_text(mid), name, warnings);
    }
    if find_unescaped(inner_t, "~", 0).is_some() {
        q.prompt = prompt_text(mid);
        return multichoice(q, inner_t, name, warnings);
    }
    if find_unescaped(inner_t, "=", 0).is_some() && inner_t.contains("->") {
        q.prompt = prompt_text(mid);
        return matching(q, inner_t, meta, name, warnings);
    }
    let parts: Vec<&str> = {
        let mut v = Vec::new();
        let mut from = 0;
        while let Some(i) = find_unescaped(inner_t, "#", from) {
            v.push(&inner_t[from..i]);
            from = i + 1;
        }
        v.push(&inner_t[from..]);
        v
    };
    let head = parts[0].trim().to_uppercase();
    if ["T", "F", "TRUE", "FALSE"].contains(&head.as_str()) {
        q.kind = Kind::Truefalse;
        q.prompt = prompt_text(mid);
        q.answer = Some(Answer::Bool(head.starts_with('T')));
        // Moodle: `{T#wrong feedback#right feedback}`.
        let fb = |i: usize| parts.get(i).map(|p| text_in(p)).filter(|f| !f.is_empty());
        let right = Ans {
            eq: true,
            weight: None,
            text: head.clone(),
            feedback: fb(2),
        };
        let wrong = Ans {
            eq: false,
            weight: None,
            text: if head.starts_with('T') { "F" } else { "T" }.to_string(),
            feedback: fb(1),
        };
        keep_feedback(&mut q, &[&right], &[&wrong], &mut warnings);
        return Ok((q, name, warnings));
    }
    q.prompt = prompt_text(mid);
    short(q, inner_t, mid, name, warnings)
}

fn short(
    mut q: Question,
    inner: &str,
    mid: bool,
    name: Option<String>,
    mut warnings: Vec<String>,
) -> Result<Parsed, String> {
    let answers: Vec<Ans> = split_answers(inner)
        .into_iter()
        .map(|(k, raw)| parse_answer(k, &raw, true))
        .collect();
    // Missing-word form, or a short answer whose text has one `____` blank.
    q.kind = if mid || q.prompt.matches("____").count() == 1 {
        Kind::Cloze
    } else {
        Kind::Short
    };
    let mut acc = Vec::new();
    let mut right = Vec::new();
    let mut wrong = Vec::new();
    for a in &answers {
        match a.weight {
            Some(w) if (w - 100.0).abs() > 1e-9 => {
                warnings.push(format!(
                    "답 `{}`({w}% 점수)을(를) 버렸습니다: 단답형의 부분 점수는 지원하지 않습니다",
                    text_in(&a.text)
                ));
                wrong.push(a);
            }
            _ => {
                acc.push(text_in(&a.text));
                right.push(a);
            }
        }
    }
    acc.retain(|a| !a.is_empty());
    if acc.is_empty() {
        return Err("만점 답이 없습니다".into());
    }
    keep_feedback(&mut q, &right, &[], &mut warnings);
    let _ = wrong;
    q.answer = Some(Answer::Many(acc));
    Ok((q, name, warnings))
}

fn multichoice(
    mut q: Question,
    inner: &str,
    name: Option<String>,
    mut warnings: Vec<String>,
) -> Result<Parsed, String> {
    let answers: Vec<Ans> = split_answers(inner)
        .into_iter()
        .map(|(k, raw)| parse_answer(k, &raw, false))
        .collect();
    if answers.len() < 2 {
        return Err("객관식에는 답이 2개 이상 있어야 합니다".into());
    }
    q.options = answers
        .iter()
        .enumerate()
        .map(|(i, a)| Choice::new(nth_id(IDS, i), text_in(&a.text)))
        .collect();
    let credit = |a: &Ans| if a.eq { 100.0 } else { a.weight.unwrap_or(0.0) };
    if answers.iter().any(|a| a.eq) {
        // Moodle: an `=` makes it single-answer; the first full-credit answer is right.
        q.kind = Kind::Choice;
        let key = answers
            .iter()
            .position(|a| (credit(a) - 100.0).abs() < 1e-9)
            .ok_or("만점 답이 없습니다")?;
        q.answer = Some(Answer::One(nth_id(IDS, key)));
        for (i, a) in answers.iter().enumerate() {
            let w = credit(a);
            if i == key || w == 0.0 {
                continue;
            }
            let text = text_in(&a.text);
            warnings.push(if (w - 100.0).abs() < 1e-9 {
                format!(
                    "`{text}`도 Moodle에서는 만점 답이지만 이 객관식의 정답으로는 `{}`만 남깁니다",
                    q.options[key].text
                )
            } else if w > 0.0 {
                format!("`{text}`의 부분 점수 {w}%를 버렸습니다: 객관식은 정답만 점수를 받습니다")
            } else {
                format!("`{text}`의 {w}%를 버렸습니다: 객관식의 감점은 주차의 `penalty`입니다")
            });
        }
        let right: Vec<&Ans> = vec![&answers[key]];
        let wrong: Vec<&Ans> = answers
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != key)
            .map(|(_, a)| a)
            .collect();
        keep_feedback(&mut q, &right, &wrong, &mut warnings);
        return Ok((q, name, warnings));
    }
    let rights: Vec<String> = (0..answers.len())
        .filter(|&i| credit(&answers[i]) > 0.0)
        .map(|i| nth_id(IDS, i))
        .collect();
    if rights.is_empty() {
        return Err("맞는 답이 없습니다".into());
    }
    q.kind = Kind::Multi;
    for (o, a) in q.options.iter_mut().zip(&answers) {
        o.weight = Some(credit(a));
    }
    let sum: f64 = answers.iter().map(credit).filter(|w| *w > 0.0).sum();
    if (sum - 100.0).abs() >= crate::score::multi::WEIGHT_SUM_TOLERANCE {
        warnings.push(format!(
            "양수 가중치의 합이 {}%로 100%가 아닙니다: Moodle은 이 문항을 거부하고, 합이 100%가 될 때까지 `quiz check`가 보고합니다",
            percent(sum)
        ));
    }
    q.answer = Some(Answer::Many(rights));
    let right: Vec<&Ans> = answers.iter().filter(|a| credit(a) > 0.0).collect();
    let wrong: Vec<&Ans> = answers.iter().filter(|a| credit(a) <= 0.0).collect();
    keep_feedback(&mut q, &right, &wrong, &mut warnings);
    Ok((q, name, warnings))
}

fn matching(
    mut q: Question,
    inner: &str,
    meta: &Meta,
    name: Option<String>,
    mut warnings: Vec<String>,
) -> Result<Parsed, String> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (_, raw) in split_answers(inner) {
        let raw = raw.trim();
        // Moodle splits a pair at its first `->`; there is no escape for it.
        let Some(i) = raw.find("->") else {
            return Err(format!("짝 맞추기 답 `{}`에 `->`가 없습니다", text_in(raw)));
        };
        let (l, r) = (&raw[..i], &raw[i + 2..]);
        let r = match find_unescaped(r, "#", 0) {
            Some(h) => {
                warnings.push(format!(
                    "짝의 피드백 `{}`을(를) 버렸습니다: 짝 맞추기는 일반 피드백만 남깁니다",
                    text_in(&r[h + 1..])
                ));
                &r[..h]
            }
            None => r,
        };
        pairs.push((text_in(l), text_in(r)));
    }
    let n = pairs.len();
    if meta.order {
        let positions: Vec<Option<usize>> =
            pairs.iter().map(|(_, r)| r.parse::<usize>().ok()).collect();
        let mut p: Vec<usize> = positions.iter().flatten().copied().collect();
        p.sort_unstable();
        if n >= 2 && pairs.iter().all(|(l, _)| !l.is_empty()) && p == (1..=n).collect::<Vec<_>>() {
            q.kind = Kind::Order;
            let mut ranked: Vec<(usize, &String)> = positions
                .iter()
                .flatten()
                .copied()
                .zip(pairs.iter().map(|(l, _)| l))
                .collect();
            ranked.sort();
            q.items = ranked
                .iter()
                .enumerate()
                .map(|(i, (_, t))| Choice::new(nth_id(IDS, i), (*t).clone()))
                .collect();
            q.answer = Some(Answer::Many((0..n).map(|i| nth_id(IDS, i)).collect()));
            return Ok((q, name, warnings));
        }
        warnings
            .push("`// quiz: order`를 무시했습니다: 짝이 1..n 위치에 맞춘 항목이 아닙니다".into());
    }
    q.kind = Kind::Match;
    let mut map = BTreeMap::new();
    for (l, r) in &pairs {
        let rid = match q.right.iter().find(|c| &c.text == r) {
            Some(c) => c.id.clone(),
            None => {
                let id = nth_id(RIGHT, q.right.len());
                q.right.push(Choice::new(id.clone(), r.clone()));
                id
            }
        };
        if !l.is_empty() {
            let lid = nth_id(IDS, q.left.len());
            q.left.push(Choice::new(lid.clone(), l.clone()));
            map.insert(lid, rid);
        }
    }
    if q.left.len() < 2 {
        return Err("짝 맞추기에는 짝이 2개 이상 있어야 합니다".into());
    }
    // The ids the exporting bank used, when the comment fits.
    if let Some(ids) = &meta.right {
        let mut uniq = ids.clone();
        uniq.sort();
        uniq.dedup();
        if ids.len() == q.right.len() && uniq.len() == ids.len() {
            let rename: BTreeMap<String, String> = q
                .right
                .iter()
                .map(|c| c.id.clone())
                .zip(ids.iter().cloned())
                .collect();
            for c in &mut q.right {
                if let Some(n) = rename.get(&c.id) {
                    c.id = n.clone();
                }
            }
            for v in map.values_mut() {
                if let Some(n) = rename.get(v) {
                    *v = n.clone();
                }
            }
        } else {
            warnings.push(format!(
                "`// quiz: right`에 id가 {}개 있지만 오른쪽 항목은 {}개입니다: id를 순서대로 붙였습니다",
                ids.len(),
                q.right.len()
            ));
        }
    }
    q.answer = Some(Answer::Pairs(map));
    Ok((q, name, warnings))
}

fn numerical(
    mut q: Question,
    num: &str,
    prompt: String,
    name: Option<String>,
    mut warnings: Vec<String>,
) -> Result<Parsed, String> {
    q.prompt = prompt;
    // Moodle: what follows a `~` is the feedback for any other answer.
    let (body, other) = match find_unescaped(num, "~", 0) {
        Some(i) => (&num[..i], Some(&num[i + 1..])),
        None => (num, None),
    };
    if let Some(o) = other {
        let fb = o.trim().trim_start_matches('#');
        if !text_in(fb).is_empty() {
            warnings.push(format!(
                "다른 답에 대한 피드백 `{}`을(를) 버렸습니다: 일반 피드백과 맞는 답의 피드백만 남깁니다",
                text_in(fb)
            ));
        }
    }
    let answers: Vec<Ans> = split_answers(body)
        .into_iter()
        .map(|(k, raw)| parse_answer(k, &raw, true))
        .collect();
    if answers.is_empty() {
        return Err("숫자 문항에 답이 없습니다".into());
    }
    let mut acc = Vec::new();
    let mut right = Vec::new();
    for a in &answers {
        let v = text_in(&a.text);
        let full = a.weight.is_none_or(|w| (w - 100.0).abs() < 1e-9);
        let exact = if let Some((lo, hi)) = v.split_once("..") {
            if full {
                return Err(format!(
                    "숫자 답 `{v}`은(는) {} ~ {} 범위입니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다",
                    lo.trim(),
                    hi.trim()
                ));
            }
            None
        } else if let Some((x, tol)) = v.split_once(':') {
            let t: f64 = tol.trim().parse().map_err(|_| {
                format!(
                    "숫자 답 `{v}`: 허용 오차 `{}`가 숫자가 아닙니다",
                    tol.trim()
                )
            })?;
            if t != 0.0 && full {
                return Err(format!(
                    "숫자 답 `{v}`은(는) {} ± {}을(를) 인정합니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다",
                    x.trim(),
                    tol.trim()
                ));
            }
            Some(x.trim().to_string())
        } else {
            Some(v.clone())
        };
        if !full {
            warnings.push(format!(
                "답 `{v}`({}% 점수)을(를) 버렸습니다: 단답형의 부분 점수는 지원하지 않습니다",
                a.weight.map_or_else(String::new, percent)
            ));
            continue;
        }
        match exact {
            Some(x) if x.parse::<f64>().is_ok() => {
                acc.push(x);
                right.push(a);
            }
            _ => return Err(format!("숫자 답 `{v}`이(가) 숫자가 아닙니다")),
        }
    }
    if acc.is_empty() {
        return Err("만점인 숫자 답이 없습니다".into());
    }
    q.kind = Kind::Short;
    keep_feedback(&mut q, &right, &[], &mut warnings);
    q.answer = Some(Answer::Many(acc));
    Ok((q, name, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let s = "a ~ b = c # d { e } f : g \\ h\nline";
        assert_eq!(unescape(&escape(s)), s);
        assert_eq!(escape("1:2"), "1\\:2");
        // Moodle keeps a backslash before anything it does not escape.
        assert_eq!(unescape("C\\d \\-> x"), "C\\d \\-> x");
    }

    #[test]
    fn parses_the_common_shapes() {
        let (qs, diags) = import(
            "t.gift",
            "// c\n::A:: Pick {=right ~wrong#no}\n\n::B:: 참? {TRUE}\n\n::C:: Two plus {=two =2} equals four.\n\n::D:: Match {=x -> 2 =y -> 1}\n\n::E:: N {#3:2}\n",
        );
        let kinds: Vec<Kind> = qs.iter().map(|q| q.question.kind).collect();
        assert_eq!(
            kinds,
            vec![Kind::Choice, Kind::Truefalse, Kind::Cloze, Kind::Match],
            "a matching to 1..n without `// quiz: order` stays a matching"
        );
        assert_eq!(qs[2].question.prompt, "Two plus ____ equals four.");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(
            diags[0].to_string(),
            "t.gift:2:1: 경고: 틀린 답 `wrong`의 피드백 `no`을(를) 버렸습니다: 일반 피드백과 맞는 답의 피드백만 남깁니다"
        );
        assert_eq!(
            diags[1].to_string(),
            "t.gift:10:1: 숫자 답 `3:2`은(는) 3 ± 2을(를) 인정합니다: 정확한 숫자만 (단답형으로) 가져올 수 있습니다; 문항을 건너뜁니다"
        );
    }

    #[test]
    fn weight_prefix_follows_moodles_regex() {
        assert_eq!(weight_prefix("%50%x"), Some((50.0, 4)));
        assert_eq!(weight_prefix("%-33.33333%x"), Some((-33.33333, 11)));
        assert_eq!(weight_prefix("%100%"), Some((100.0, 5)));
        assert_eq!(weight_prefix("%abc%"), None);
        assert_eq!(weight_prefix("%123.5%"), None);
        assert_eq!(weight_prefix("50%"), None);
    }
}
