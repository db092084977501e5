//! Roster CSV: `student_id,name[,email]` (or `학번,이름,이메일`), as Excel or
//! Google Sheets save it (UTF-8 with or without BOM, CP949, UTF-16; CRLF; see
//! [`crate::csvfile`]). Student ids become file names, so they
//! must match `[A-Za-z0-9._-]{1,64}`.

use crate::csvfile::Encoding;
use crate::error::{Diagnostic, Error, Result};
use crate::gradebook::Student;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

/// Whether `id` is a valid student id.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && id != "."
        && id != ".."
}

/// Read a roster file in any encoding [`crate::csvfile`] reads; the encoding is
/// returned for the summary.
pub fn read(path: &Path) -> Result<(Vec<Student>, Vec<Diagnostic>, Encoding)> {
    let t = crate::csvfile::read_text(path)?;
    let (students, diags) = parse_text(&crate::fsutil::display(path), &t)?;
    Ok((students, diags, t.encoding))
}

/// Parse a roster; bad rows are diagnostics (with line), good rows are returned.
pub fn parse(path: &str, reader: impl Read) -> Result<(Vec<Student>, Vec<Diagnostic>)> {
    let mut bytes = Vec::new();
    let mut reader = reader;
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    let t = crate::csvfile::decode_text(Path::new(path), bytes)?;
    parse_text(path, &t)
}

fn parse_text(path: &str, t: &crate::csvfile::Text) -> Result<(Vec<Student>, Vec<Diagnostic>)> {
    let text = &t.text;
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(t.delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Usage(format!("{path}: {e}")))?
        .clone();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let (Some(id_col), Some(name_col)) =
        (col(&["student_id", "학번", "id"]), col(&["name", "이름"]))
    else {
        return Err(Error::Usage(format!(
            "{path}:1: 머리글에 `student_id`와 `name` 열이 있어야 합니다 (있는 열: {})",
            headers.iter().collect::<Vec<_>>().join(", ")
        )));
    };
    let email_col = col(&["email", "이메일"]);
    let mut out = Vec::new();
    let mut diags = Vec::new();
    if let Some(u) = t.unterminated {
        diags.push(Diagnostic::error(
            path,
            u.line,
            u.col,
            u.message(crate::csvfile::Kind::Roster),
        ));
    }
    let mut seen = HashSet::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diags.push(Diagnostic::error(
                    path,
                    line,
                    0,
                    format!("읽을 수 없는 행입니다: {e}"),
                ));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let id = crate::csvfile::unneutralize(rec.get(id_col).unwrap_or("")).to_string();
        // Without control and bidi characters (a name that reorders the row around it).
        let name = crate::printable::clean(crate::csvfile::unneutralize(
            rec.get(name_col).unwrap_or(""),
        ))
        .into_owned();
        if !valid_id(&id) {
            diags.push(Diagnostic::error(
                path,
                line,
                id_col + 1,
                format!(
                    "학번 `{id}`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다; 행을 거부했습니다"
                ),
            ));
            continue;
        }
        if name.is_empty() {
            diags.push(Diagnostic::error(
                path,
                line,
                name_col + 1,
                format!("학생 `{id}`의 이름이 없습니다; 행을 거부했습니다"),
            ));
            continue;
        }
        if !seen.insert(id.clone()) {
            diags.push(Diagnostic::error(
                path,
                line,
                id_col + 1,
                format!("학번 `{id}`이(가) 두 번 나옵니다; 행을 거부했습니다"),
            ));
            continue;
        }
        let email = email_col
            .and_then(|c| rec.get(c))
            .filter(|e| !e.is_empty())
            .map(str::to_string);
        out.push(Student {
            id,
            name: crate::text::nfc(&name),
            email,
        });
    }
    Ok((out, diags))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_csv_with_bom_and_crlf() -> Result<()> {
        let csv = "\u{feff}student_id,name,email\r\ns001,김민수,min@example.com\r\ns 002,이영희,\r\ns003,,x\r\ns001,중복,\r\ns004,박지훈\r\n";
        let (ok, bad) = parse("r.csv", csv.as_bytes())?;
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].name, "김민수");
        assert_eq!(ok[1].email, None);
        let msgs: Vec<String> = bad.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            msgs,
            vec![
                "r.csv:3:1: 학번 `s 002`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다; 행을 거부했습니다",
                "r.csv:4:2: 학생 `s003`의 이름이 없습니다; 행을 거부했습니다",
                "r.csv:5:1: 학번 `s001`이(가) 두 번 나옵니다; 행을 거부했습니다",
            ]
        );
        assert!(!valid_id("../etc"));
        assert!(valid_id("kim.minsu_01-a"));
        Ok(())
    }
}
