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
/// Says that week `week` has no rubric to work from (its file is missing,
/// or did not load: `errors` problems were said above) and gives the error
/// to return: problems in the input (exit 1), as `report` and `rubric sheet`
/// both answer.
pub fn no_week_rubric(
    rubrics: &std::path::Path,
    week: u32,
    errors: usize,
    out: &mut dyn std::io::Write,
) -> crate::error::Error {
    use crate::error::Error;
    use crate::fsutil::display;
    let file = format!("week_{week:02}.yaml");
    let said = if rubrics.join(&file).exists() {
        writeln!(
            out,
            "{week}주차 루브릭 {}을(를) 읽지 못했습니다 (위 오류 참고).",
            display(&rubrics.join(&file))
        )
    } else {
        writeln!(
            out,
            "{week}주차 루브릭이 없습니다 ({}에 {file} 없음).",
            display(rubrics)
        )
    };
    match said {
        Ok(()) => Error::Problems {
            count: errors.max(1),
        },
        Err(e) => Error::io("stdout", e),
    }
}

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
