//! Reports for instructors: weekly spreadsheets and item statistics.

pub mod sheet;
pub mod stats;
pub mod weekly;
