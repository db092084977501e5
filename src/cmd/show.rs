//! `quiz show ID`: one question in full, with key, criteria and source line.

use super::Paths;
use crate::bank::{Bank, week_of};
use crate::error::{Error, Result};
use crate::model::{Choice, Question};
use crate::text::similarity;
use std::io::Write;

fn choices(out: &mut String, title: &str, list: &[Choice]) {
    if list.is_empty() {
        return;
    }
    out.push_str(&format!("{title}:\n"));
    for c in list {
        match c.weight {
            Some(w) => out.push_str(&format!("  {}) {}  [{w}%]\n", c.id, c.text)),
            None => out.push_str(&format!("  {}) {}\n", c.id, c.text)),
        }
    }
}

/// Render a question for instructors, with its source line as the document
/// has it now.
pub fn render(bank: &Bank, unit: &str, q: &Question) -> String {
    let mut s = render_without_line(bank, unit, q);
    if let Some(src) = &q.source
        && let Ok(text) = std::fs::read_to_string(&src.file)
        && let Some(line) = text.lines().nth(src.line.saturating_sub(1))
    {
        s.push_str(&format!("  {:>4} | {}\n", src.line, line.trim_end()));
    }
    s
}

/// [`render`] without the source line's text (`quiz sign` shows the lines
/// around it, checked against the document).
pub fn render_without_line(bank: &Bank, unit: &str, q: &Question) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "id:       {}\nunit:     {unit}\nkind:     {}\npoints:   {}\n",
        q.id, q.kind, q.points
    ));
    if q.locked {
        s.push_str("locked:   true\n");
    }
    match q.status {
        Some(crate::model::Status::Draft) => {
            s.push_str("status:   draft (검토 전: 출제되지 않음, quiz sign)\n");
        }
        Some(crate::model::Status::Hidden) => {
            s.push_str("status:   hidden (숨김: 출제되지 않음)\n")
        }
        None => {}
    }
    s.push_str(&format!("prompt:   {}\n", q.prompt));
    choices(&mut s, "options", &q.options);
    choices(&mut s, "items", &q.items);
    choices(&mut s, "left", &q.left);
    choices(&mut s, "right", &q.right);
    if let Some(a) = &q.answer {
        s.push_str(&format!("key:      {}\n", a.as_list().join(", ")));
    }
    if q.kind != crate::model::Kind::Essay || !q.answer_text().is_empty() {
        s.push_str(&format!("answer:   {}\n", q.answer_text()));
    }
    // What the student sees after answering, and for an essay the grader's
    // reference: read before signing (a generated essay is judged by it).
    if let Some(f) = &q.feedback {
        s.push_str(&format!("feedback: {}\n", f.replace('\n', "\n          ")));
    }
    if !q.rubric.is_empty() {
        s.push_str("rubric:\n");
        for c in &q.rubric {
            let acc = if c.accept.is_empty() {
                String::new()
            } else {
                format!(" (accept: {})", c.accept.join(", "))
            };
            s.push_str(&format!("  - {} [{}]{acc}\n", c.concept, c.points));
        }
    }
    let rubric = week_of(unit).and_then(|w| bank.rubrics.get(&w));
    for c in &q.criteria {
        let name = rubric
            .and_then(|r| r.rubric.criteria.iter().find(|k| &k.id == c))
            .map_or_else(|| "(루브릭에 없음)".to_string(), |k| k.name.clone());
        s.push_str(&format!("criterion: {c} — {name}\n"));
    }
    if !q.tags.is_empty() {
        s.push_str(&format!("tags:     {}\n", q.tags.join(", ")));
    }
    if let Some(src) = &q.source {
        let heading = if src.heading.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", src.heading)
        };
        s.push_str(&format!("source:   {}:{}{heading}\n", src.file, src.line));
    }
    s
}

/// Run `quiz show`.
pub fn run(paths: &Paths, id: &str, out: &mut dyn Write) -> Result<()> {
    let (bank, mut diags) = Bank::load(&paths.questions, &paths.rubrics)?;
    // A bank file that does not load is said, with its place, not silently left out.
    super::report(&mut diags);
    let Some((f, q)) = bank.find(id) else {
        let mut near: Vec<(f64, &str)> = bank
            .questions()
            .map(|(_, q)| (similarity(&q.id, id), q.id.as_str()))
            .filter(|(s, _)| *s > 0.5)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let hint = near.first().map_or(String::new(), |(_, i)| {
            format!(" (`{i}`을(를) 찾으셨나요?)")
        });
        return Err(Error::Usage(format!(
            "문제 은행에 문항 `{id}`이(가) 없습니다{hint}"
        )));
    };
    let text = render(&bank, &f.file.unit, q);
    write!(out, "{}", crate::printable::escape(&text)).map_err(|e| Error::io("stdout", e))
}
