//! Text from a user or a file, made safe for a terminal.
//!
//! A student's answer, a name on a roster or a cell of a CSV can hold escape
//! sequences (clear the screen, set the window title, recolour the terminal,
//! or, with a bidi override, show text in another order than it is stored).
//! Everything printed that came from outside goes through [`escape`]: control
//! characters become visible `\x1b`-style escapes; newlines and tabs stay.
//! Text coming in (an answer typed in the browser or the terminal, an answer
//! cell of a CSV, a roster name) goes through [`clean`] before it is stored:
//! the same characters are taken out, so the instructor's review, the reports
//! and the web pages show what is stored, in the order it is stored.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0 controls (ESC, BEL, BS, CR...), DEL and C1 controls (CSI 0x9b...).
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidi embeddings, overrides and isolates, and the Arabic letter mark.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' => true,
        _ => false,
    }
}

/// Whether `c` is a directional mark (LRM, RLM): invisible, it only changes
/// how the neutral characters around it are ordered on screen.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}')
}

/// Whether `s` holds none of the characters [`clean`] takes out.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(|c| is_unsafe(c) || is_mark(c))
}

/// `s` as it is stored: without control characters other than line breaks
/// and tabs (CRLF becomes LF), bidi embeddings, overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069, U+061C) and directional marks (U+200E,
/// U+200F), which could make a text look different from what it is (an
/// answer that reads right in the review and is stored reversed); borrowed
/// when there is nothing to take out (the common case).
pub fn clean(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("\r\n", "\n")
            .chars()
            .filter(|&c| !is_unsafe(c) && !is_mark(c))
            .collect(),
    )
}

/// `s` with every unsafe character written as a visible escape (`\x1b`,
/// `\u{202e}`); borrowed when nothing needed escaping (the common case).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

/// [`escape`] as an owned string, for table cells.
pub fn cell(s: &str) -> String {
    escape(s).into_owned()
}

/// How many characters of a user's input an error message quotes.
pub const QUOTE_CHARS: usize = 80;

/// A user's input quoted in an error message: its first [`QUOTE_CHARS`]
/// characters, then `…` when there were more, with [`escape`]s (line breaks
/// and tabs escaped too: the quote is one line).
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    for c in chars.by_ref().take(QUOTE_CHARS) {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    let mut out = escape(&out).into_owned();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_reach_the_terminal_visible_not_executed() {
        assert_eq!(escape("김민수"), "김민수");
        assert!(matches!(escape("a\nb\tc"), Cow::Borrowed(_)));
        assert_eq!(
            escape("\u{1b}[2J\u{1b}]0;title\u{7}x\r\u{9b}31m\u{7f}"),
            "\\x1b[2J\\x1b]0;title\\x07x\\x0d\\x9b31m\\x7f"
        );
        assert_eq!(escape("abc\u{202e}fed"), "abc\\u{202e}fed");
    }

    #[test]
    fn quoted_input_is_escaped_and_short() {
        assert_eq!(quote("x\u{1b}[2J\u{7}\u{202e}"), "x\\x1b[2J\\x07\\u{202e}");
        let long = "가".repeat(20_001);
        assert_eq!(quote(&long), format!("{}…", "가".repeat(QUOTE_CHARS)));
        assert_eq!(quote(&"a".repeat(QUOTE_CHARS)), "a".repeat(QUOTE_CHARS));
        assert_eq!(quote("a\nb"), "a\\nb");
    }

    #[test]
    fn clean_takes_out_controls_and_bidi_but_keeps_line_breaks() {
        assert!(matches!(clean("김민수 GitOps\n\t끝"), Cow::Borrowed(_)));
        assert_eq!(clean("a\r\nb\u{0}c\u{1b}[31m\u{85}"), "a\nbc[31m");
        assert_eq!(
            clean("\u{202e}dlrow\u{202c} \u{2066}x\u{2069}\u{200f}1\u{200e}-2\u{61c}"),
            "dlrow x1-2"
        );
        for s in ["\u{202a}", "\u{202b}", "\u{202d}", "\u{2067}", "\u{2068}"] {
            assert_eq!(clean(s), "");
        }
    }
}
