//! Writing sheets for spreadsheets.
//!
//! CSV: UTF-8 with a BOM by default (Excel otherwise garbles Hangul), CRLF,
//! RFC 4180 quoting (csv crate); a text cell that begins with `=`, `+`, `-`,
//! `@`, tab, CR or LF gets a leading `'` so a spreadsheet never runs it as a
//! formula (student answers are untrusted); numbers, negative marks included,
//! stay numbers; text is NFC-normalized.
//!
//! xlsx (rust_xlsxwriter): numbers stored as numbers, a bold frozen header row,
//! column widths from the content, percents formatted as percent.

use super::weekly::{Cell, Sheet};
use crate::error::{Error, Result};

/// Neutralize a text cell for CSV.
pub fn safe_text(s: &str) -> String {
    let s = crate::text::nfc(s);
    if s.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        format!("'{s}")
    } else {
        s
    }
}

fn num(x: f64) -> String {
    let r = (x * 10_000.0).round() / 10_000.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// A sheet as CSV bytes.
pub fn csv(sheet: &Sheet, bom: bool) -> Result<Vec<u8>> {
    let mut buf = if bom {
        Vec::from(&b"\xef\xbb\xbf"[..])
    } else {
        Vec::new()
    };
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let e = |e: csv::Error| Error::Usage(format!("cannot write CSV: {e}"));
        w.write_record(sheet.header.iter().map(|h| safe_text(h)))
            .map_err(e)?;
        for row in &sheet.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(t) => safe_text(t),
                Cell::Num(x) | Cell::Percent(x) => num(*x),
                Cell::Empty => String::new(),
            }))
            .map_err(e)?;
        }
        w.flush().map_err(|e| Error::io("csv", e))?;
    }
    Ok(buf)
}

/// Sheets as one xlsx workbook.
pub fn xlsx(sheets: &[(&str, &Sheet)]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| Error::Usage(format!("cannot write xlsx: {e}"));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    for (name, sheet) in sheets {
        // Column widths first: a constant-memory worksheet writes rows as they come.
        let mut widths: Vec<usize> = sheet.header.iter().map(|h| h.chars().count() * 2).collect();
        for row in &sheet.rows {
            for (c, cell) in row.iter().enumerate() {
                let len = match cell {
                    Cell::Text(t) => t.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum(),
                    Cell::Num(x) => num(*x).len(),
                    Cell::Percent(_) => 6,
                    Cell::Empty => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(len);
                }
            }
        }
        let ws = wb.add_worksheet_with_constant_memory().map_err(e)?;
        ws.set_name(*name).map_err(e)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))
                .map_err(e)?;
        }
        ws.set_freeze_panes(1, 0).map_err(e)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(e)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = (r + 1) as u32;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(r, col, crate::text::nfc(t)).map_err(e)?;
                    }
                    Cell::Num(x) => {
                        ws.write_number(r, col, *x).map_err(e)?;
                    }
                    Cell::Percent(x) => {
                        ws.write_number_with_format(r, col, *x / 100.0, &percent)
                            .map_err(e)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
    }
    wb.save_to_buffer().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralized_and_numbers_stay_numbers() -> Result<()> {
        let s = Sheet {
            header: vec!["학번".into(), "답".into(), "점수".into()],
            rows: vec![
                vec![
                    Cell::Text("s1".into()),
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Num(-0.5),
                ],
                vec![
                    Cell::Text("s2".into()),
                    Cell::Text("-1+2".into()),
                    Cell::Empty,
                ],
            ],
        };
        let bytes = csv(&s, true)?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Usage("utf8".into()))?;
        assert_eq!(
            text,
            "\u{feff}학번,답,점수\r\ns1,\"'=HYPERLINK(\"\"x\"\")\",-0.5\r\ns2,'-1+2,\r\n"
        );
        Ok(())
    }
}
