//! Terminal tables (comfy-table) in one house style.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

/// A table with the house style and the given header.
pub fn new<I, T>(header: I) -> Table
where
    I: IntoIterator<Item = T>,
    T: Into<comfy_table::Cell>,
{
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED);
    t.set_header(comfy_table::Row::from(header));
    t
}
