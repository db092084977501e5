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
        let (mut int, mut frac) = (v.unsigned_abs() / 10_000, v.unsigned_abs() % 10_000);
        // Digits written backwards into a buffer: no formatting machinery
        // (a report writes two numbers per answer).
        let mut buf = [0u8; 26];
        let mut at = buf.len();
        let mut push = |d: u8| {
            at -= 1;
            buf[at] = d;
        };
        if frac != 0 {
            let mut places = 4;
            while frac % 10 == 0 {
                frac /= 10;
                places -= 1;
            }
            for _ in 0..places {
                push(b'0' + (frac % 10) as u8);
                frac /= 10;
            }
            push(b'.');
        }
        loop {
            push(b'0' + (int % 10) as u8);
            int /= 10;
            if int == 0 {
                break;
            }
        }
        if v < 0 {
            push(b'-');
        }
        return String::from_utf8_lossy(&buf[at..]).into_owned();
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
                Cell::Text(t) | Cell::DateTime(t) => w.text(t)?,
                Cell::Num(x) => w.number(&num(*x))?,
                // Text for a person: a percent with 2 decimals (`33.33`).
                Cell::Percent(x) => w.number(&num((*x * 100.0).round() / 100.0))?,
                Cell::Empty => w.number("")?,
            }
        }
        w.end_row()?;
    }
    w.finish()
}

/// Display width of a text: Hangul and other wide characters count two.
fn text_width(t: &str) -> usize {
    t.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum()
}

/// Display width of a cell (its longest line).
fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(t) => t.lines().map(text_width).max().unwrap_or(0),
        Cell::Num(x) => num(*x).len(),
        Cell::Percent(_) => 6,
        Cell::DateTime(_) => 16,
        Cell::Empty => 0,
    }
}

/// The widest a column of numbers gets for its header: a longer header wraps.
const NUMBER_COLUMN_WIDTH: usize = 12;
/// The widest a text column gets: longer text wraps.
const TEXT_COLUMN_WIDTH: usize = 60;

/// Column widths for a header and rows: from the content, capped (a long answer
/// wraps rather than making a column screen-wide); a column of numbers or
/// percents is as wide as its values, its header wrapping onto a second line.
fn widths<'r>(header: &[String], rows: impl IntoIterator<Item = &'r Vec<Cell>>) -> Vec<f64> {
    let mut content = vec![0usize; header.len()];
    let mut numeric = vec![true; header.len()];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if let Some(x) = content.get_mut(c) {
                *x = (*x).max(cell_width(cell));
                if matches!(cell, Cell::Text(t) if !t.is_empty()) {
                    numeric[c] = false;
                }
            }
        }
    }
    header
        .iter()
        .zip(content.iter().zip(&numeric))
        .map(|(h, (&x, &n))| {
            let head = text_width(h);
            let w = if n {
                x.max(head.min(NUMBER_COLUMN_WIDTH))
            } else {
                x.max(head).min(TEXT_COLUMN_WIDTH)
            };
            w as f64 + 2.0
        })
        .collect()
}

/// The most characters an xlsx cell holds.
pub const XLSX_CELL_CHARS: usize = 32_767;

/// A text for an xlsx cell: cut to what a cell holds, with a visible marker
/// saying so (the CSV keeps the whole text).
pub fn xlsx_text(t: &str) -> std::borrow::Cow<'_, str> {
    if t.len() <= XLSX_CELL_CHARS || t.chars().count() <= XLSX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(t);
    }
    let n = t.chars().count();
    let marker = format!(" …[잘림: 전체 {n}자 중 앞부분만 표시, 전체는 CSV 보고서에 있습니다]");
    let keep = XLSX_CELL_CHARS - marker.chars().count();
    let mut s: String = t.chars().take(keep).collect();
    s.push_str(&marker);
    std::borrow::Cow::Owned(s)
}

/// Lines a text takes in a column `width` characters wide (wrapped).
fn wrapped_lines(t: &str, width: f64) -> usize {
    let w = (width - 1.0).max(1.0) as usize;
    // A text is never wider than its bytes: short single lines need no counting.
    if t.len() <= w && !t.contains('\n') {
        return 1;
    }
    t.split('\n')
        .map(|l| text_width(l).div_ceil(w).max(1))
        .sum()
}

/// Default row height in points, per line of text.
const LINE_HEIGHT: f64 = 15.0;
/// Excel's tallest row.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The formats cells are written with.
struct Formats {
    percent: rust_xlsxwriter::Format,
    decimal: rust_xlsxwriter::Format,
    datetime: rust_xlsxwriter::Format,
    wrap: rust_xlsxwriter::Format,
}

impl Formats {
    fn new() -> Self {
        use rust_xlsxwriter::{Format, FormatAlign};
        Formats {
            percent: Format::new().set_num_format("0.0%"),
            decimal: Format::new().set_num_format("0.00"),
            datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// Write one cell; returns the lines its text takes (for the row height).
fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    col: u16,
    cell: &Cell,
    width: f64,
    f: &Formats,
) -> Result<usize> {
    match cell {
        Cell::Text(t) if !t.is_empty() => {
            let t = xlsx_text(t);
            let lines = wrapped_lines(&t, width);
            if lines > 1 {
                ws.write_string_with_format(r, col, t, &f.wrap)
                    .map_err(xlsx_err)?;
            } else {
                ws.write_string(r, col, t).map_err(xlsx_err)?;
            }
            return Ok(lines);
        }
        Cell::Num(x) if x.fract() != 0.0 => {
            ws.write_number_with_format(r, col, *x, &f.decimal)
                .map_err(xlsx_err)?;
        }
        Cell::Num(x) => {
            ws.write_number(r, col, *x).map_err(xlsx_err)?;
        }
        Cell::Percent(x) => {
            ws.write_number_with_format(r, col, *x / 100.0, &f.percent)
                .map_err(xlsx_err)?;
        }
        Cell::DateTime(t) => match rust_xlsxwriter::ExcelDateTime::parse_from_str(t) {
            Ok(d) => {
                ws.write_datetime_with_format(r, col, d, &f.datetime)
                    .map_err(xlsx_err)?;
            }
            Err(_) => {
                ws.write_string(r, col, t).map_err(xlsx_err)?;
            }
        },
        Cell::Text(_) | Cell::Empty => {}
    }
    Ok(1)
}

/// Set the height of row `r` for `lines` lines of text (only when more than one).
fn grow_row(ws: &mut rust_xlsxwriter::Worksheet, r: u32, lines: usize) -> Result<()> {
    if lines > 1 {
        ws.set_row_height(r, (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT))
            .map_err(xlsx_err)?;
    }
    Ok(())
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Usage(format!("xlsx를 쓸 수 없습니다: {e}"))
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
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut lines = 1;
    for (c, h) in header.iter().enumerate() {
        lines = lines.max(wrapped_lines(h, widths.get(c).copied().unwrap_or(10.0)));
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(xlsx_err)?;
    }
    grow_row(ws, 0, lines)
}

/// Write one row of cells: numbers as numbers (two decimals shown, the value
/// kept), percents as percent-formatted fractions, times as date-time cells,
/// multi-line text wrapped with the row grown to show it.
fn write_row(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    row: &[Cell],
    widths: &[f64],
    f: &Formats,
) -> Result<()> {
    let mut lines = 1;
    for (c, cell) in row.iter().enumerate() {
        let w = widths.get(c).copied().unwrap_or(10.0);
        lines = lines.max(write_cell(ws, r, c as u16, cell, w, f)?);
    }
    grow_row(ws, r, lines)
}

/// A detail row and the lines each of its cells takes ([`DetailWrap::row`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DetailRow {
    cells: Vec<Cell>,
    lines: Vec<usize>,
}

impl DetailRow {
    /// The cells.
    pub fn into_cells(self) -> Vec<Cell> {
        self.cells
    }
}

/// The detail sheet's column widths ([`Book::wrap`]): counts the lines of a
/// row's text cells, for the row's height and for which cells wrap, wherever
/// the row is made (the report counts them on its reading thread, which has
/// time to spare while the xlsx is written).
#[derive(Debug, Clone)]
pub struct DetailWrap {
    widths: Vec<f64>,
}

impl DetailWrap {
    /// `cells` (the first in the detail sheet's second column) with the lines
    /// each takes.
    pub fn row(&self, cells: Vec<Cell>) -> DetailRow {
        let lines = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| match cell {
                Cell::Text(t) => wrapped_lines(t, self.widths.get(c + 1).copied().unwrap_or(10.0)),
                _ => 1,
            })
            .collect();
        DetailRow { cells, lines }
    }
}

/// A workbook of two sheets: a summary (kept in memory, written last, first in
/// the book) and a detail sheet whose rows are streamed as they come (a
/// low-memory worksheet: rows go to a temporary file, repeated texts to the
/// shared string table).
pub struct Book {
    wb: rust_xlsxwriter::Workbook,
    summary_name: String,
    next_row: u32,
    formats: Formats,
    detail_widths: Vec<f64>,
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
        let detail_widths = widths(header, probe);
        start_sheet(ws, detail_name, header, &detail_widths)?;
        Ok(Book {
            wb,
            summary_name: summary_name.to_string(),
            next_row: 1,
            formats: Formats::new(),
            detail_widths,
        })
    }

    /// The detail sheet's column widths, for counting rows' lines on another
    /// thread than the one writing them.
    pub fn wrap(&self) -> DetailWrap {
        DetailWrap {
            widths: self.detail_widths.clone(),
        }
    }

    /// Append a detail row: `first` in the first column, then the row's cells.
    /// Text must already be NFC ([`weekly::Details`](super::weekly::Details)
    /// makes it so, off the writing thread); it is moved in, not copied.
    pub fn detail_row(&mut self, first: &str, row: DetailRow) -> Result<()> {
        let ws = self.wb.worksheet_from_index(1).map_err(xlsx_err)?;
        let r = self.next_row;
        let DetailRow { cells: row, lines } = row;
        // The row's height is set before its cells: a low-memory sheet writes
        // a row out when the next one starts.
        grow_row(ws, r, lines.iter().copied().max().unwrap_or(1))?;
        ws.write_string(r, 0, first).map_err(xlsx_err)?;
        for ((c, cell), n) in row.into_iter().enumerate().zip(lines) {
            let col = c as u16 + 1;
            match cell {
                // The common case: a text on one line, moved in, not copied.
                Cell::Text(t) if !t.is_empty() && n == 1 && t.len() <= XLSX_CELL_CHARS => {
                    ws.write_string(r, col, t).map_err(xlsx_err)?;
                }
                // Wrapped (the same as write_cell, without counting its lines again).
                Cell::Text(t) if n > 1 && t.len() <= XLSX_CELL_CHARS => {
                    ws.write_string_with_format(r, col, t, &self.formats.wrap)
                        .map_err(xlsx_err)?;
                }
                cell => {
                    let w = self.detail_widths.get(c + 1).copied().unwrap_or(10.0);
                    write_cell(ws, r, col, &cell, w, &self.formats)?;
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }

    /// Write the summary sheet and return the workbook's bytes.
    pub fn finish(mut self, summary: &Sheet) -> Result<Vec<u8>> {
        let ws = self.wb.worksheet_from_index(0).map_err(xlsx_err)?;
        let w = widths(&summary.header, &summary.rows);
        start_sheet(ws, &self.summary_name, &summary.header, &w)?;
        for (r, row) in summary.rows.iter().enumerate() {
            write_row(ws, (r + 1) as u32, row, &w, &self.formats)?;
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
    fn an_answer_longer_than_a_cell_is_cut_with_a_marker_not_a_failed_report() -> Result<()> {
        use calamine::{Data, Reader, Xlsx};
        let long = "가".repeat(40_000);
        let cut = xlsx_text(&long);
        assert_eq!(cut.chars().count(), XLSX_CELL_CHARS);
        assert!(
            cut.ends_with("…[잘림: 전체 40000자 중 앞부분만 표시, 전체는 CSV 보고서에 있습니다]")
        );
        assert!(matches!(
            xlsx_text("짧은 답"),
            std::borrow::Cow::Borrowed(_)
        ));
        let header = vec!["문항".to_string(), "제출 답안".to_string()];
        let mut book = Book::new("요약", "상세", &header, &[])?;
        let wrap = book.wrap();
        book.detail_row(
            "s1",
            wrap.row(vec![Cell::Text("q1".into()), Cell::Text(long.clone())]),
        )?;
        let summary = Sheet {
            header: vec!["학번".into()],
            rows: vec![vec![Cell::Text("s1".into())]],
        };
        let bytes = book.finish(&summary)?;
        let mut wb =
            Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| Error::Usage(e.to_string()))?;
        let d = wb
            .worksheet_range("상세")
            .map_err(|e| Error::Usage(e.to_string()))?;
        assert_eq!(d.get_value((1, 2)), Some(&Data::String(cut.into_owned())));
        // The CSV keeps the whole text.
        let csv_bytes = csv(
            &Sheet {
                header: vec!["답".into()],
                rows: vec![vec![Cell::Text(long.clone())]],
            },
            false,
        )?;
        assert!(String::from_utf8_lossy(&csv_bytes).contains(&long));
        Ok(())
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
