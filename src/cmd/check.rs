//! `quiz check`: load, check, print every problem, fail once.

use super::{Paths, report};
use crate::bank::Bank;
use crate::error::{Error, Result};
use std::io::Write;

/// Run `quiz check`.
pub fn run(paths: &Paths, out: &mut dyn Write) -> Result<()> {
    let (bank, mut diags) = Bank::load(&paths.questions, &paths.rubrics)?;
    crate::check::check(&bank, &mut diags);
    let (errors, warnings) = report(&mut diags);
    let questions = bank.questions().count();
    let line = format!(
        "문항 {questions}개(파일 {}개)와 루브릭 {}개를 검사했습니다: 오류 {errors}개, 경고 {warnings}개",
        bank.files.len(),
        bank.rubrics.len()
    );
    writeln!(out, "{line}").map_err(|e| Error::io("stdout", e))?;
    // Not a problem: questions waiting for an instructor's signature.
    let drafts = crate::check::drafts(&bank, None);
    if drafts > 0 {
        writeln!(
            out,
            "검토 전(status: draft) 문항 {drafts}개는 강사가 읽고 승인해야 출제됩니다: quiz sign"
        )
        .map_err(|e| Error::io("stdout", e))?;
    }
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
