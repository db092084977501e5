//! Small workbooks an instructor fills in and gives back: the rubric sheet.
//!
//! Written with rust_xlsxwriter so nothing is lost in a spreadsheet: text
//! columns (학번 above all, `00123` stays `00123`) are text cells with the text
//! number format `@`, so what is typed there stays text too; a column with a
//! fixed set of values gets a drop-down list (data validation); columns are as
//! wide as their header. Read back with calamine, every cell as the text a
//! person sees (`2.0` is `2`).

use crate::error::{Error, Result};
use crate::fsutil::display;
use std::path::Path;

/// One column of a fill-in sheet.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// The values allowed, offered as a drop-down list (empty: free).
    pub choices: Vec<String>,
    /// Whether values are numbers (written as numbers).
    pub numeric: bool,
}

fn err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Usage(format!("xlsx를 쓸 수 없습니다: {e}"))
}

/// Display width: wide characters count two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// A workbook of one sheet `name` with `columns` and `rows` (cells as text;
/// numeric columns' cells that parse as numbers are written as numbers).
pub fn fill_in(name: &str, columns: &[Column], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{DataValidation, Format, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(err)?;
    let text = Format::new().set_num_format("@");
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let last = rows.len().max(1) as u32 + 200;
    for (c, col) in columns.iter().enumerate() {
        let c = c as u16;
        let content = rows
            .iter()
            .filter_map(|r| r.get(c as usize))
            .map(|s| width(s))
            .max()
            .unwrap_or(0);
        let choices = col.choices.iter().map(|s| width(s)).max().unwrap_or(0);
        let w = width(&col.header)
            .max(content)
            .max(choices + 4)
            .clamp(8, 40);
        ws.set_column_width(c, w as f64 + 2.0).map_err(err)?;
        if !col.numeric {
            ws.set_column_format(c, &text).map_err(err)?;
        }
        ws.write_string_with_format(0, c, &col.header, &head)
            .map_err(err)?;
        // Excel keeps a list of at most 255 characters; a longer one is left
        // free (the import checks every value anyway).
        if !col.choices.is_empty() && col.choices.iter().map(|s| s.len() + 1).sum::<usize>() <= 255
        {
            let dv = DataValidation::new()
                .allow_list_strings(&col.choices)
                .map_err(err)?
                .set_error_message(format!("다음 중 하나: {}", col.choices.join(", ")))
                .map_err(err)?;
            ws.add_data_validation(1, c, last, c, &dv).map_err(err)?;
        }
    }
    ws.set_freeze_panes(1, 2).map_err(err)?;
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = columns.get(c);
            match cell.parse::<f64>() {
                Ok(x) if col.is_some_and(|k| k.numeric) => {
                    ws.write_number(r, c as u16, x).map_err(err)?;
                }
                _ => {
                    ws.write_string_with_format(r, c as u16, cell, &text)
                        .map_err(err)?;
                }
            }
        }
    }
    wb.save_to_buffer().map_err(err)
}

/// A cell as the text a person sees in it.
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        // NFD Hangul (as macOS Numbers saves it) is the same text.
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            crate::text::nfc_cow(s).into_owned()
        }
        Data::Int(i) => i.to_string(),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", *x as i64),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(t) => t.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Rows of text, each with its 1-based line number.
pub type Rows = Vec<(usize, Vec<String>)>;

/// The rows of one sheet of an xlsx file as text, each with its 1-based line
/// number: the first sheet with a row that `is_header` accepts (a workbook may
/// hold notes in front of the sheet to read), else the first sheet. Also the
/// sheet's name and how many sheets the workbook has.
pub fn read_rows(
    path: &Path,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Result<(String, usize, Rows)> {
    use calamine::{Reader, Xlsx, open_workbook};
    let shown = display(path);
    let mut wb: Xlsx<_> = open_workbook(path).map_err(|e| {
        Error::Usage(format!(
            "{shown}: 읽을 수 있는 xlsx 통합 문서가 아닙니다: {e}"
        ))
    })?;
    let names = wb.sheet_names();
    let mut first = None;
    for name in &names {
        let range = wb
            .worksheet_range(name)
            .map_err(|e| Error::Usage(format!("{shown}: 시트 {name}: {e}")))?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let first_col = range.start().map_or(0, |(_, c)| c as usize);
        let rows: Rows = range
            .rows()
            .enumerate()
            .map(|(i, r)| {
                let mut cells = vec![String::new(); first_col];
                cells.extend(r.iter().map(cell_text));
                (first_row + i + 1, cells)
            })
            .collect();
        if rows.iter().any(|(_, r)| is_header(r)) {
            return Ok((name.clone(), names.len(), rows));
        }
        if first.is_none() {
            first = Some((name.clone(), rows));
        }
    }
    let (name, rows) =
        first.ok_or_else(|| Error::Usage(format!("{shown}: 통합 문서에 시트가 없습니다")))?;
    Ok((name, names.len(), rows))
}
