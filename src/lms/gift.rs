//! GIFT, as Moodle documents it (docs.moodle.org "GIFT format").
//!
//! Export: `$CATEGORY:` per unit, `::name::` from the question id, `=`/`~` for
//! choice, `~%w%` weights for multi, `{T}`/`{F}`, every accepted answer of a
//! short answer, `->` for matching, `{}` for essays; `~ = # { } :` and `\` are
//! escaped with `\`.
//!
//! Import: multiple choice (one or several right answers, weights), true/false,
//! short answer with several accepted answers, matching (extra answers without a
//! question become distractors), essay, exact numerical answers (as short
//! answers), comments, names, categories, escapes, format markers, general
//! feedback (`####`) and the right answer's feedback. What it cannot take
//! (numerical ranges and tolerances, partial-credit short answers, descriptions)
//! is reported with its line; the rest is imported.

use super::{multi_fractions, not_exportable, percent};
use crate::error::Diagnostic;
use crate::model::{Answer, Choice, Kind, MultiRule, Question};
use std::collections::BTreeMap;

/// Escape GIFT's special characters.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

fn choice_text(list: &[Choice], id: &str) -> String {
    list.iter()
        .find(|c| c.id == id)
        .map_or_else(String::new, |c| c.text.clone())
}

/// One question as GIFT, or why it cannot be.
pub fn question(q: &Question, rule: MultiRule) -> Result<String, &'static str> {
    if let Some(why) = not_exportable(q) {
        return Err(why);
    }
    let name = format!("::{}::", escape(&q.id));
    let block = |body: String| format!("{{{body}\n}}");
    let out = match (&q.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(key))) => {
            let body: String = q
                .options
                .iter()
                .map(|o| {
                    format!(
                        "\n\t{}{}",
                        if &o.id == key { '=' } else { '~' },
                        escape(&o.text)
                    )
                })
                .collect();
            format!("{name}{} {}", escape(&q.prompt), block(body))
        }
        (Kind::Multi, Some(_)) => {
            let body: String = q
                .options
                .iter()
                .zip(multi_fractions(q, rule))
                .map(|(o, w)| format!("\n\t~%{}%{}", percent(w), escape(&o.text)))
                .collect();
            format!("{name}{} {}", escape(&q.prompt), block(body))
        }
        (Kind::Truefalse, Some(Answer::Bool(b))) => {
            format!(
                "{name}{} {{{}}}",
                escape(&q.prompt),
                if *b { "T" } else { "F" }
            )
        }
        (Kind::Short | Kind::Cloze, Some(Answer::Many(acc))) => {
            // A cloze is a short answer whose text keeps its `____` blank.
            let body: String = acc.iter().map(|a| format!("\n\t={}", escape(a))).collect();
            format!("{name}{} {}", escape(&q.prompt), block(body))
        }
        (Kind::Order, Some(Answer::Many(ids))) => {
            let body: String = ids
                .iter()
                .enumerate()
                .map(|(i, id)| format!("\n\t={} -> {}", escape(&choice_text(&q.items, id)), i + 1))
                .collect();
            format!("{name}{} {}", escape(&q.prompt), block(body))
        }
        (Kind::Match, Some(Answer::Pairs(pairs))) => {
            let mut body: String = q
                .left
                .iter()
                .filter_map(|l| {
                    pairs.get(&l.id).map(|r| {
                        format!(
                            "\n\t={} -> {}",
                            escape(&l.text),
                            escape(&choice_text(&q.right, r))
                        )
                    })
                })
                .collect();
            // Right items no left item maps to are distractors.
            for r in &q.right {
                if !pairs.values().any(|v| v == &r.id) {
                    body.push_str(&format!("\n\t= -> {}", escape(&r.text)));
                }
            }
            format!("{name}{} {}", escape(&q.prompt), block(body))
        }
        (Kind::Essay, _) => format!("{name}{} {{}}", escape(&q.prompt)),
        _ => return Err("its answer does not fit its kind"),
    };
    let fb = q
        .feedback
        .as_deref()
        .map(|f| format!("\n// feedback: {}", f.replace('\n', " ")))
        .unwrap_or_default();
    Ok(format!("{out}{fb}\n"))
}

/// Export units (`$CATEGORY: quiz/<unit>` each). Returns the text and the
/// `(id, reason)` of every question skipped.
pub fn export(
    units: &[(String, Vec<(&Question, MultiRule)>)],
) -> (String, Vec<(String, &'static str)>) {
    let mut out = String::from(
        "// Exported by quiz (GIFT). Order questions are matchings of items to positions 1..n.\n\n",
    );
    let mut skipped = Vec::new();
    for (unit, qs) in units {
        out.push_str(&format!("$CATEGORY: quiz/{unit}\n\n"));
        for (q, rule) in qs {
            match question(q, *rule) {
                Ok(t) => {
                    out.push_str(&t);
                    out.push('\n');
                }
                Err(why) => skipped.push((q.id.clone(), why)),
            }
        }
    }
    (out, skipped)
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

/// Remove escapes (`\=` -> `=`, `\n` -> newline).
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some(x) => out.push(x),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Strip a `[html]`/`[moodle]`/`[plain]`/`[markdown]` marker; for html, drop tags.
fn plain(s: &str) -> String {
    let t = s.trim_start();
    for m in ["[html]", "[moodle]", "[plain]", "[markdown]"] {
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
                return out;
            }
            return rest.to_string();
        }
    }
    s.to_string()
}

/// Split a block's inside at unescaped `=`/`~` that start answers.
fn split_answers(block: &str) -> Vec<(char, String)> {
    let b = block.as_bytes();
    let mut out: Vec<(char, String)> = Vec::new();
    let mut i = 0;
    let mut cur: Option<(char, usize)> = None;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                i += 2;
                continue;
            }
            c @ (b'=' | b'~') => {
                // `->` inside an answer is not a new answer; `=` is, `~` is.
                if let Some((k, s)) = cur {
                    out.push((k, block[s..i].to_string()));
                }
                cur = Some((char::from(c), i + 1));
            }
            _ => {}
        }
        i += 1;
    }
    if let Some((k, s)) = cur {
        out.push((k, block[s..].to_string()));
    }
    out
}

struct Ans {
    right: bool,
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
    pair: Option<(String, String)>,
}

fn parse_answer(kind: char, raw: &str) -> Result<Ans, String> {
    let mut t = raw.trim();
    let mut weight = None;
    if let Some(rest) = t.strip_prefix('%') {
        let end = rest.find('%').ok_or("a weight `%..%` is not closed")?;
        weight = Some(
            rest[..end]
                .trim()
                .parse::<f64>()
                .map_err(|_| format!("weight `{}` is not a number", &rest[..end]))?,
        );
        t = rest[end + 1..].trim_start();
    }
    let (body, feedback) = match find_unescaped(t, "#", 0) {
        Some(i) => (
            &t[..i],
            Some(unescape(t[i + 1..].trim())).filter(|f| !f.is_empty()),
        ),
        None => (t, None),
    };
    let pair = find_unescaped(body, "->", 0).map(|i| {
        (
            plain(&unescape(body[..i].trim())),
            plain(&unescape(body[i + 2..].trim())),
        )
    });
    Ok(Ans {
        right: kind == '=',
        weight,
        text: plain(&unescape(body.trim())),
        feedback,
        pair,
    })
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

/// Parse GIFT text. Questions come back in order; problems are diagnostics
/// (errors for what was skipped, warnings for what was dropped from a question).
pub fn import(path: &str, text: &str) -> (Vec<Imported>, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let mut category: Option<String> = None;
    // Chunks of non-comment lines separated by blank lines.
    let mut chunks: Vec<(usize, String)> = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim_start().starts_with("//") {
            continue;
        }
        if line.trim().is_empty() {
            if let Some(c) = cur.take() {
                chunks.push(c);
            }
            continue;
        }
        match cur.as_mut() {
            Some((_, s)) => {
                s.push('\n');
                s.push_str(line);
            }
            None => cur = Some((i + 1, line.to_string())),
        }
    }
    if let Some(c) = cur.take() {
        chunks.push(c);
    }
    for (line, chunk) in chunks {
        let t = chunk.trim();
        if let Some(c) = t.strip_prefix("$CATEGORY:") {
            category = Some(c.trim().to_string());
            continue;
        }
        match parse_question(t) {
            Ok((q, name, warnings)) => {
                for w in warnings {
                    diags.push(Diagnostic::warning(path, line, 1, w));
                }
                out.push(Imported {
                    category: category.clone(),
                    question: q,
                    name,
                    line,
                });
            }
            Err(why) => diags.push(Diagnostic::error(
                path,
                line,
                1,
                format!("{why}; question skipped"),
            )),
        }
    }
    (out, diags)
}

fn parse_question(t: &str) -> Result<(Question, Option<String>, Vec<String>), String> {
    let mut warnings = Vec::new();
    let (name, rest) = match t.strip_prefix("::") {
        Some(r) => {
            let end = find_unescaped(r, "::", 0).ok_or("the name `::...::` is not closed")?;
            (Some(unescape(r[..end].trim())), &r[end + 2..])
        }
        None => (None, t),
    };
    let open = find_unescaped(rest, "{", 0)
        .ok_or("no answer block `{...}` (a description, not a question)")?;
    let close = find_unescaped(rest, "}", open).ok_or("the answer block `{` is not closed")?;
    let before = &rest[..open];
    let after = rest[close + 1..].trim_end_matches(['"', ';']);
    let mut inner = rest[open + 1..close].to_string();
    let mut general = None;
    if let Some(i) = find_unescaped(&inner, "####", 0) {
        general = Some(unescape(inner[i + 4..].trim())).filter(|g| !g.is_empty());
        inner.truncate(i);
    }
    let inner_t = inner.trim();
    let mid = !after.trim().is_empty();
    let prompt_text = |blank: bool| {
        let b = plain(&unescape(before));
        if blank {
            format!("{}____{}", b.trim_start(), unescape(after).trim_end())
        } else {
            b.trim().to_string()
        }
    };
    let mut q = Question::new(String::new(), Kind::Essay, String::new());
    q.feedback = general;
    if inner_t.is_empty() {
        q.prompt = prompt_text(false);
        return Ok((q, name, warnings));
    }
    if let Some(num) = inner_t.strip_prefix('#') {
        let first = split_answers(num);
        let value = if first.is_empty() {
            num.split(['~', '#'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        } else {
            String::new()
        };
        if !value.is_empty()
            && !value.contains(':')
            && !value.contains("..")
            && value.parse::<f64>().is_ok()
        {
            q.kind = Kind::Short;
            q.prompt = prompt_text(false);
            q.answer = Some(Answer::Many(vec![value]));
            return Ok((q, name, warnings));
        }
        return Err("numerical answers with a tolerance or range are not supported".into());
    }
    let head = inner_t
        .split('#')
        .next()
        .unwrap_or("")
        .trim()
        .to_uppercase();
    if ["T", "F", "TRUE", "FALSE"].contains(&head.as_str()) {
        q.kind = Kind::Truefalse;
        q.prompt = prompt_text(false);
        q.answer = Some(Answer::Bool(head.starts_with('T')));
        return Ok((q, name, warnings));
    }
    let answers = split_answers(&inner)
        .into_iter()
        .map(|(k, raw)| parse_answer(k, &raw))
        .collect::<Result<Vec<_>, _>>()?;
    if answers.is_empty() {
        return Err("the answer block has no answers".into());
    }
    if answers.iter().any(|a| a.pair.is_some()) {
        // Matching; order when the right side is exactly 1..n.
        let pairs: Vec<(String, String)> = answers.iter().filter_map(|a| a.pair.clone()).collect();
        let positions: Vec<Option<usize>> =
            pairs.iter().map(|(_, r)| r.parse::<usize>().ok()).collect();
        let n = pairs.len();
        let is_order = pairs.iter().all(|(l, _)| !l.is_empty()) && n >= 2 && {
            let mut p: Vec<usize> = positions.iter().flatten().copied().collect();
            p.sort_unstable();
            p == (1..=n).collect::<Vec<_>>()
        };
        q.prompt = prompt_text(false);
        if is_order {
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
            return Err("a matching question needs at least 2 pairs".into());
        }
        q.answer = Some(Answer::Pairs(map));
        return Ok((q, name, warnings));
    }
    let all_right = answers.iter().all(|a| a.right);
    if all_right {
        q.prompt = prompt_text(mid);
        // Missing-word form, or a short answer whose text has one `____` blank.
        q.kind = if mid || q.prompt.matches("____").count() == 1 {
            Kind::Cloze
        } else {
            Kind::Short
        };
        let mut acc = Vec::new();
        for a in &answers {
            match a.weight {
                Some(w) if (w - 100.0).abs() > 1e-9 => warnings.push(format!(
                    "answer `{}` with {w}% credit dropped: partial credit for short answers is not supported",
                    a.text
                )),
                _ => acc.push(a.text.clone()),
            }
        }
        if acc.is_empty() {
            return Err("no answer with full credit".into());
        }
        if q.feedback.is_none() {
            q.feedback = answers
                .iter()
                .find(|a| a.weight.is_none_or(|w| w >= 100.0))
                .and_then(|a| a.feedback.clone());
        }
        q.answer = Some(Answer::Many(acc));
        return Ok((q, name, warnings));
    }
    q.prompt = prompt_text(mid);
    q.options = answers
        .iter()
        .enumerate()
        .map(|(i, a)| Choice::new(nth_id(IDS, i), a.text.clone()))
        .collect();
    let weighted = answers.iter().any(|a| a.weight.is_some());
    let rights: Vec<String> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            if weighted {
                a.weight.unwrap_or(0.0) > 0.0 || a.right
            } else {
                a.right
            }
        })
        .map(|(i, _)| nth_id(IDS, i))
        .collect();
    if rights.is_empty() {
        return Err("no right answer".into());
    }
    if weighted || rights.len() > 1 {
        q.kind = Kind::Multi;
        if weighted {
            for (o, a) in q.options.iter_mut().zip(&answers) {
                o.weight = Some(a.weight.unwrap_or(if a.right { 100.0 } else { 0.0 }));
            }
        }
        q.answer = Some(Answer::Many(rights));
    } else {
        q.kind = Kind::Choice;
        q.answer = Some(Answer::One(rights[0].clone()));
    }
    if q.feedback.is_none() {
        q.feedback = answers
            .iter()
            .find(|a| a.right || a.weight.is_some_and(|w| w > 0.0))
            .and_then(|a| a.feedback.clone());
    }
    if answers
        .iter()
        .any(|a| !(a.right || a.weight.is_some_and(|w| w > 0.0)) && a.feedback.is_some())
    {
        warnings.push(
            "feedback on wrong answers is not kept (only general and right-answer feedback)".into(),
        );
    }
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
    }

    #[test]
    fn parses_the_common_shapes() {
        let (qs, diags) = import(
            "t.gift",
            "// c\n::A:: Pick {=right ~wrong#no}\n\n::B:: 참? {TRUE}\n\n::C:: Two plus {=two =2} equals four.\n\n::D:: Order {=x -> 2 =y -> 1}\n\n::E:: N {#3:2}\n",
        );
        let kinds: Vec<Kind> = qs.iter().map(|q| q.question.kind).collect();
        assert_eq!(
            kinds,
            vec![Kind::Choice, Kind::Truefalse, Kind::Cloze, Kind::Order]
        );
        assert_eq!(qs[2].question.prompt, "Two plus ____ equals four.");
        assert_eq!(qs[3].question.items[0].text, "y");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!(
            diags[1].to_string(),
            "t.gift:10:1: numerical answers with a tolerance or range are not supported; question skipped"
        );
    }
}
