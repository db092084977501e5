//! Reports for instructors: item statistics (and, later, weekly spreadsheets).

pub mod stats;
