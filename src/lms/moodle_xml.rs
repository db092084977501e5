//! Moodle XML export: `<quiz>` with a category per unit and one `<question>`
//! per question; fractions in percent; `<single>` tells choice from multi.
//! `order` is written as `matching` of items to positions (Moodle core has no
//! ordering type); `cloze` as `shortanswer` with the blank in the text. Every
//! fraction is one Moodle accepts ([`super::MOODLE_FRACTIONS`]); the choice and
//! truefalse `penalty` is written as Moodle's `<penalty>`.

use super::{
    Document, Exported, Units, moodle_multi_fractions, multi_rule, not_exportable, percent,
};
use crate::model::{Answer, Kind, Question, ScoringRules};

/// Escape text for XML content and attributes.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn text(s: &str) -> String {
    format!("<text>{}</text>", xml_escape(s))
}

fn answer(fraction: f64, body: &str) -> String {
    format!(
        "    <answer fraction=\"{}\" format=\"plain_text\">{}</answer>\n",
        percent(fraction),
        text(body)
    )
}

fn head(kind: &str, q: &Question, penalty: f64) -> String {
    format!(
        "  <question type=\"{kind}\">\n    <name>{}</name>\n    <questiontext format=\"plain_text\">{}</questiontext>\n    <generalfeedback format=\"plain_text\">{}</generalfeedback>\n    <defaultgrade>{}</defaultgrade>\n    <penalty>{}</penalty>\n",
        text(&q.id),
        text(&q.prompt),
        text(q.feedback.as_deref().unwrap_or("")),
        percent(q.points),
        fraction(penalty)
    )
}

/// A 0..1 value as Moodle writes it (7 decimals, no trailing zeros).
fn fraction(f: f64) -> String {
    let s = format!("{f:.7}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn subquestion(left: &str, right: &str) -> String {
    format!(
        "    <subquestion format=\"plain_text\">{}<answer>{}</answer></subquestion>\n",
        text(left),
        text(right)
    )
}

/// One question as Moodle XML, or why it cannot be.
pub fn export(q: &Question, rules: &ScoringRules) -> Result<Exported, &'static str> {
    if let Some(why) = not_exportable(q) {
        return Err(why);
    }
    let penalty = super::penalty(q, rules);
    let top = |kind: &str| head(kind, q, penalty);
    let mut notes = Vec::new();
    let find = |list: &[crate::model::Choice], id: &str| {
        list.iter()
            .find(|c| c.id == id)
            .map_or_else(String::new, |c| c.text.clone())
    };
    let mut s = String::new();
    match (&q.kind, &q.answer) {
        (Kind::Choice, Some(Answer::One(key))) => {
            s.push_str(&top("multichoice"));
            s.push_str("    <single>true</single>\n    <shuffleanswers>1</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n");
            for o in &q.options {
                s.push_str(&answer(if &o.id == key { 100.0 } else { 0.0 }, &o.text));
            }
        }
        (Kind::Multi, Some(_)) => {
            s.push_str(&top("multichoice"));
            s.push_str("    <single>false</single>\n    <shuffleanswers>1</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n");
            let (fractions, n) = moodle_multi_fractions(q, multi_rule(q, rules))?;
            notes = n;
            for (o, f) in q.options.iter().zip(fractions) {
                s.push_str(&answer(f, &o.text));
            }
        }
        (Kind::Truefalse, Some(Answer::Bool(b))) => {
            s.push_str(&top("truefalse"));
            s.push_str(&answer(if *b { 100.0 } else { 0.0 }, "true"));
            s.push_str(&answer(if *b { 0.0 } else { 100.0 }, "false"));
        }
        (Kind::Short | Kind::Cloze, Some(Answer::Many(acc))) => {
            s.push_str(&top("shortanswer"));
            s.push_str("    <usecase>0</usecase>\n");
            for a in acc {
                s.push_str(&answer(100.0, a));
            }
        }
        (Kind::Order, Some(Answer::Many(ids))) => {
            s.push_str(&top("matching"));
            s.push_str("    <shuffleanswers>1</shuffleanswers>\n");
            for (i, id) in ids.iter().enumerate() {
                s.push_str(&subquestion(&find(&q.items, id), &(i + 1).to_string()));
            }
        }
        (Kind::Match, Some(Answer::Pairs(pairs))) => {
            s.push_str(&top("matching"));
            s.push_str("    <shuffleanswers>1</shuffleanswers>\n");
            for l in &q.left {
                if let Some(r) = pairs.get(&l.id) {
                    s.push_str(&subquestion(&l.text, &find(&q.right, r)));
                }
            }
            for r in q
                .right
                .iter()
                .filter(|r| !pairs.values().any(|v| v == &r.id))
            {
                s.push_str(&subquestion("", &r.text));
            }
        }
        (Kind::Essay, _) => {
            s.push_str(&top("essay"));
            s.push_str("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n    <responsefieldlines>10</responsefieldlines>\n");
        }
        _ => return Err("정답이 유형에 맞지 않습니다"),
    }
    s.push_str("  </question>\n");
    Ok(Exported { text: s, notes })
}

/// Export units as one `<quiz>`.
pub fn document(units: &Units<'_>) -> Document {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    for (unit, qs) in units {
        out.push_str(&format!(
            "  <question type=\"category\">\n    <category>{}</category>\n  </question>\n",
            text(&format!("$course$/quiz/{unit}"))
        ));
        for (q, rules) in qs {
            match export(q, rules) {
                Ok(x) => {
                    out.push_str(&x.text);
                    notes.extend(x.notes.into_iter().map(|n| (q.id.clone(), n)));
                }
                Err(why) => skipped.push((q.id.clone(), why)),
            }
        }
    }
    out.push_str("</quiz>\n");
    Document {
        text: out,
        skipped,
        notes,
    }
}
