//! Terminal tables (comfy-table) in one house style, sized to the terminal.
//!
//! On a terminal (or when `COLUMNS` is set) a table never gets wider than the
//! terminal: columns shrink and long cells wrap inside the table, measured in
//! display columns (a Hangul syllable is two), so the terminal itself never
//! wraps a table line. Piped output has no width limit.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// The width tables may use: `COLUMNS` when set (scripts, tests), else the
/// terminal's; `None` when stdout is not a terminal.
pub fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|w| *w >= 20)
        .or_else(|| Table::new().width())
}

/// A table with the house style and the given header.
pub fn new<I, T>(header: I) -> Table
where
    I: IntoIterator<Item = T>,
    T: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    t.set_header(comfy_table::Row::from(header));
    if let Some(w) = terminal_width() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(w);
    }
    t
}
