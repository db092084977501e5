//! One file per subcommand: each takes plain options and a writer, does its
//! I/O, and returns `Result`.

pub mod attempts;
pub mod check;
pub mod export;
pub mod extract;
pub mod grade;
pub mod import;
pub mod list;
pub mod regrade;
pub mod release;
pub mod report;
pub mod review;
pub mod roster;
pub mod rubric;
pub mod serve;
pub mod show;
pub mod sign;
pub mod stats;
pub mod take;

use crate::error::Diagnostic;
use std::path::PathBuf;

/// Where the bank and rubrics live.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Question bank folder.
    pub questions: PathBuf,
    /// Rubrics folder.
    pub rubrics: PathBuf,
}

/// Print diagnostics to stderr, sorted by place; returns (errors, warnings).
pub fn report(diags: &mut [Diagnostic]) -> (usize, usize) {
    diags.sort();
    let mut errors = 0;
    for d in diags.iter() {
        eprintln!("{d}");
        if d.is_error() {
            errors += 1;
        }
    }
    (errors, diags.len() - errors)
}
