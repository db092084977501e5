//! Answer cells of the long CSV (`student_id,question_id,answer`), the shape LMS
//! and survey tools export: option ids or exact option texts, `|` between
//! several (multi, order), `left:right` pairs for match (ids or texts), and for
//! true/false `true`/`false`/`T`/`F`/`O`/`X`/`참`/`거짓`/`1`/`0`.

use crate::model::{Choice, Kind, Question};
use crate::score::Response;
use std::collections::BTreeMap;

/// The longest answer accepted, in characters. A longer answer would not fit a
/// spreadsheet cell (32,767) and is never a real answer to a quiz question.
pub const MAX_ANSWER_CHARS: usize = 20_000;

/// Refuse a text longer than [`MAX_ANSWER_CHARS`], with a message saying so.
pub fn check_length(text: &str) -> Result<(), String> {
    // At most 4 bytes a character: a short text needs no counting.
    if text.len() <= MAX_ANSWER_CHARS {
        return Ok(());
    }
    let n = text.chars().count();
    if n <= MAX_ANSWER_CHARS {
        Ok(())
    } else {
        Err(format!(
            "답안이 {n}자로 너무 깁니다 (최대 {MAX_ANSWER_CHARS}자)"
        ))
    }
}

/// [`check_length`] of a response's text (other responses are short by
/// construction), with control and bidi characters taken out
/// ([`crate::printable::clean`]).
pub fn check_response(r: Response) -> Result<Response, String> {
    if let Response::Text(t) = &r {
        check_length(t)?;
        if let std::borrow::Cow::Owned(c) = crate::printable::clean(t) {
            return Ok(Response::Text(c));
        }
    }
    Ok(r)
}

fn resolve(list: &[Choice], cell: &str, what: &str) -> Result<String, String> {
    let c = cell.trim();
    list.iter()
        .find(|o| o.id == c)
        .or_else(|| list.iter().find(|o| o.text.trim() == c))
        .map(|o| o.id.clone())
        .ok_or_else(|| {
            format!(
                "`{c}`은(는) {what} 아닙니다 ({})",
                list.iter()
                    .map(|o| o.id.as_str())
                    .collect::<Vec<_>>()
                    .join("/")
            )
        })
}

/// Parse an answer cell for question `q`. An empty cell is a skipped question.
/// Control and bidi characters are taken out first ([`crate::printable::clean`]).
pub fn parse(q: &Question, cell: &str) -> Result<Response, String> {
    let cell = crate::printable::clean(cell);
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Response::Skipped);
    }
    let parts = || cell.split('|').map(str::trim).filter(|p| !p.is_empty());
    Ok(match q.kind {
        Kind::Choice => Response::Choice(resolve(&q.options, cell, "보기가")?),
        Kind::Multi => {
            let mut v = parts()
                .map(|p| resolve(&q.options, p, "보기가"))
                .collect::<Result<Vec<_>, _>>()?;
            v.sort();
            v.dedup();
            Response::Multi(v)
        }
        Kind::Truefalse => match cell.to_lowercase().as_str() {
            "true" | "t" | "o" | "참" | "1" | "yes" | "예" => Response::Bool(true),
            "false" | "f" | "x" | "거짓" | "0" | "no" | "아니오" => Response::Bool(false),
            _ => return Err(format!("`{cell}`은(는) 참/거짓이 아닙니다")),
        },
        Kind::Short | Kind::Cloze | Kind::Essay => Response::Text(crate::text::nfc(cell)),
        Kind::Order => {
            let v = parts()
                .map(|p| resolve(&q.items, p, "항목이"))
                .collect::<Result<Vec<_>, _>>()?;
            let mut seen = v.clone();
            seen.sort();
            seen.dedup();
            if seen.len() != v.len() {
                return Err("같은 항목이 두 번 있습니다".into());
            }
            Response::Order(v)
        }
        Kind::Match => {
            let mut m = BTreeMap::new();
            for p in parts() {
                let (l, r) = p
                    .split_once(':')
                    .ok_or_else(|| format!("`{p}`은(는) 왼쪽:오른쪽 꼴이 아닙니다"))?;
                let l = resolve(&q.left, l, "왼쪽 항목이")?;
                let r = resolve(&q.right, r, "오른쪽 항목이")?;
                if m.insert(l.clone(), r).is_some() {
                    return Err(format!("왼쪽 항목 `{l}`을(를) 두 번 짝지었습니다"));
                }
            }
            Response::Match(m)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;

    #[test]
    fn ids_or_texts() {
        let mut q = Question::new("q", Kind::Multi, "p");
        q.options = vec![
            Choice::new("a", "GitOps"),
            Choice::new("b", "Helm"),
            Choice::new("c", "x|y"),
        ];
        q.answer = Some(Answer::Many(vec!["a".into()]));
        assert_eq!(
            parse(&q, "Helm | a"),
            Ok(Response::Multi(vec!["a".into(), "b".into()]))
        );
        assert!(parse(&q, "Kustomize").is_err());
        assert_eq!(parse(&q, " "), Ok(Response::Skipped));
        let mut m = Question::new("m", Kind::Match, "p");
        m.left = vec![Choice::new("a", "Kepler"), Choice::new("b", "Falco")];
        m.right = vec![Choice::new("p", "보안"), Choice::new("q", "에너지")];
        let r = parse(&m, "Kepler:에너지|b:p").unwrap_or(Response::Skipped);
        assert_eq!(
            r,
            Response::Match(
                [("a".into(), "q".into()), ("b".into(), "p".into())]
                    .into_iter()
                    .collect()
            )
        );
        assert!(parse(&m, "a:q|a:p").is_err());
    }
}
