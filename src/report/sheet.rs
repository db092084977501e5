//! Writing sheets for spreadsheets.
//!
//! CSV: written by [`crate::csvfile::Writer`] (BOM, CRLF, formulas
//! neutralized, text NFC); numbers, negative marks included, stay numbers.
//!
//! xlsx (rust_xlsxwriter): numbers stored as numbers, a bold frozen header row,
//! column widths from the content, percents formatted as percent.

use super::weekly::{Cell, Sheet};
use crate::error::{Error, Result};

/// A number rounded to 4 decimals, without trailing zeros (`2`, `0.5`, `-0.3333`).
fn num(x: f64) -> String {
    let scaled = (x * 10_000.0).round();
    if scaled.abs() < 1e15 {
        // Integer arithmetic on the rounded value: what `{}` of the rounded
        // float prints, without float formatting's slow paths.
        let v = scaled as i64;
        let (int, frac) = (v.unsigned_abs() / 10_000, v.unsigned_abs() % 10_000);
        let sign = if v < 0 { "-" } else { "" };
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let digits = format!("{frac:04}");
        return format!("{sign}{int}.{}", digits.trim_end_matches('0'));
    }
    let r = scaled / 10_000.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// A sheet as CSV bytes (the one writer, [`crate::csvfile::Writer`]).
pub fn csv(sheet: &Sheet, bom: bool) -> Result<Vec<u8>> {
    let mut w = crate::csvfile::Writer::new(bom);
    w.text_row(&sheet.header)?;
    for row in &sheet.rows {
        for c in row {
            match c {
                Cell::Text(t) => w.text(t)?,
                Cell::Num(x) | Cell::Percent(x) => w.number(&num(*x))?,
                Cell::Empty => w.number("")?,
            }
        }
        w.end_row()?;
    }
    w.finish()
}

/// Display width of a cell: Hangul and other wide characters count two.
fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(t) => t.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum(),
        Cell::Num(x) => num(*x).len(),
        Cell::Percent(_) => 6,
        Cell::Empty => 0,
    }
}

/// Column widths for a header and rows (capped, so a long answer does not make a
/// column screen-wide).
fn widths<'r>(header: &[String], rows: impl IntoIterator<Item = &'r Vec<Cell>>) -> Vec<f64> {
    let mut w: Vec<usize> = header.iter().map(|h| h.chars().count() * 2).collect();
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if let Some(x) = w.get_mut(c) {
                *x = (*x).max(cell_width(cell));
            }
        }
    }
    w.into_iter().map(|x| (x as f64 + 2.0).min(60.0)).collect()
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Usage(format!("cannot write xlsx: {e}"))
}

/// Start a sheet: widths, frozen bold header.
fn start_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    name: &str,
    header: &[String],
    widths: &[f64],
) -> Result<()> {
    use rust_xlsxwriter::Format;
    ws.set_name(name).map_err(xlsx_err)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xlsx_err)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(xlsx_err)?;
    }
    Ok(())
}

/// Write one row of cells: numbers as numbers, percents as percent-formatted
/// fractions, text NFC-normalized.
fn write_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    first: Option<&str>,
    row: &[Cell],
    percent: &rust_xlsxwriter::Format,
) -> Result<()> {
    let offset = u16::from(first.is_some());
    if let Some(f) = first {
        ws.write_string(r, 0, crate::text::nfc_cow(f))
            .map_err(xlsx_err)?;
    }
    for (c, cell) in row.iter().enumerate() {
        let col = c as u16 + offset;
        match cell {
            Cell::Text(t) if !t.is_empty() => {
                ws.write_string(r, col, crate::text::nfc_cow(t))
                    .map_err(xlsx_err)?;
            }
            Cell::Num(x) => {
                ws.write_number(r, col, *x).map_err(xlsx_err)?;
            }
            Cell::Percent(x) => {
                ws.write_number_with_format(r, col, *x / 100.0, percent)
                    .map_err(xlsx_err)?;
            }
            Cell::Text(_) | Cell::Empty => {}
        }
    }
    Ok(())
}

/// A workbook of two sheets: a summary (kept in memory, written last, first in
/// the book) and a detail sheet whose rows are streamed as they come (a
/// low-memory worksheet: rows go to a temporary file, repeated texts to the
/// shared string table).
pub struct Book {
    wb: rust_xlsxwriter::Workbook,
    summary_name: String,
    next_row: u32,
    percent: rust_xlsxwriter::Format,
}

impl Book {
    /// A workbook whose detail sheet has `header`; its column widths come from
    /// `probe` rows (it is streamed, so widths are set before any row).
    pub fn new(
        summary_name: &str,
        detail_name: &str,
        header: &[String],
        probe: &[Vec<Cell>],
    ) -> Result<Self> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        // Deflate level 1: a detail sheet of half a million rows compresses in a
        // fraction of the default's time, to a file about a fifth larger.
        wb.set_zip_compression_level(1);
        wb.add_worksheet()
            .set_name(summary_name)
            .map_err(xlsx_err)?;
        let ws = wb.add_worksheet_with_low_memory().map_err(xlsx_err)?;
        start_sheet(ws, detail_name, header, &widths(header, probe))?;
        Ok(Book {
            wb,
            summary_name: summary_name.to_string(),
            next_row: 1,
            percent: rust_xlsxwriter::Format::new().set_num_format("0.0%"),
        })
    }

    /// Append a detail row: `first` in the first column, then `row`. Text must
    /// already be NFC ([`weekly::Details`](super::weekly::Details) makes it so,
    /// off the writing thread); it is moved in, not copied.
    pub fn detail_row(&mut self, first: &str, row: Vec<Cell>) -> Result<()> {
        let ws = self.wb.worksheet_from_index(1).map_err(xlsx_err)?;
        let r = self.next_row;
        ws.write_string(r, 0, first).map_err(xlsx_err)?;
        for (c, cell) in row.into_iter().enumerate() {
            let col = c as u16 + 1;
            match cell {
                Cell::Text(t) if !t.is_empty() => {
                    ws.write_string(r, col, t).map_err(xlsx_err)?;
                }
                Cell::Num(x) => {
                    ws.write_number(r, col, x).map_err(xlsx_err)?;
                }
                Cell::Percent(x) => {
                    ws.write_number_with_format(r, col, x / 100.0, &self.percent)
                        .map_err(xlsx_err)?;
                }
                Cell::Text(_) | Cell::Empty => {}
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Write the summary sheet and return the workbook's bytes.
    pub fn finish(mut self, summary: &Sheet) -> Result<Vec<u8>> {
        let ws = self.wb.worksheet_from_index(0).map_err(xlsx_err)?;
        start_sheet(
            ws,
            &self.summary_name,
            &summary.header,
            &widths(&summary.header, &summary.rows),
        )?;
        for (r, row) in summary.rows.iter().enumerate() {
            write_row(ws, (r + 1) as u32, None, row, &self.percent)?;
        }
        self.wb.save_to_buffer().map_err(xlsx_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The integer path prints what formatting the rounded float prints.
        #[test]
        fn num_matches_float_formatting(x in -1e6f64..1e6) {
            let r = (x * 10_000.0).round() / 10_000.0 + 0.0;
            let expected = if r.fract() == 0.0 { format!("{r:.0}") } else { format!("{r}") };
            proptest::prop_assert_eq!(num(x), expected);
        }
    }

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
