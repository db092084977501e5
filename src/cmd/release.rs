//! `quiz release UNIT --roster FILE --out DIR`: one form per student for graded
//! evaluations, with nothing that reveals an answer (no key, accepted answers,
//! rubric, feedback, tags or sources; option and item ids replaced by per-form
//! tokens drawn at random for each form and kept only in the gradebook).

use super::report;
use crate::assemble::{self, Request};
use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic_private};
use crate::gradebook::Gradebook;
use crate::model::form::random_tokens;
use crate::model::{FormQuestion, Question, ReleasedForm};
use std::io::Write;
use std::path::Path;

/// Run `quiz release`: a new release of the unit each time (release number,
/// form ids and seeds all new), recorded in the gradebook before any file is
/// written, so every form file maps to its record.
#[allow(clippy::too_many_arguments)]
pub fn run(
    questions: &Path,
    rubrics: &Path,
    db: &Path,
    unit: &str,
    roster: &Path,
    out_dir: &Path,
    count: usize,
    out: &mut dyn Write,
) -> Result<()> {
    if !crate::roster::valid_id(unit) {
        return Err(Error::Usage(format!(
            "단원 `{unit}`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다"
        )));
    }
    let (students, mut diags, _) = crate::roster::read(roster)?;
    let (bank, more) = Bank::load_unit(questions, rubrics, unit)?;
    diags.extend(more);
    // Only questions `check` accepts are ever released.
    let served = crate::check::servable(&bank, &mut diags);
    let (errors, _) = report(&mut diags);
    let qs: Vec<&Question> = served.iter().map(|(_, q)| *q).collect();
    let drafts = crate::check::drafts(&bank, Some(unit));
    if qs.is_empty() && drafts > 0 {
        return Err(Error::Usage(crate::check::all_drafts(Some(unit), drafts)));
    }
    if qs.is_empty() {
        return Err(Error::Usage(format!(
            "{}에 단원 `{unit}`의 문항이 없습니다",
            display(questions)
        )));
    }
    let version = bank.version();
    let mut gb = Gradebook::open(db)?;
    let (release_no, forms) = gb.release_forms(unit, |n| {
        Ok(students
            .iter()
            .map(|s| {
                let req = Request {
                    questions: &qs,
                    review: &[],
                    count,
                    seed: assemble::random_seed(),
                };
                let mut form = assemble::assemble(
                    &req,
                    format!("{}-{unit}-r{n}", s.id),
                    unit,
                    &s.id,
                    &version,
                );
                // The printed seed names the form for its submission; the
                // display orders are shuffled again from a seed printed
                // nowhere, so the form's seed and the public shuffle never
                // give an order question's key away (attack of 2026-12-01).
                // The gradebook's record holds the orders shown.
                assemble::reshuffle(&mut form, assemble::random_seed());
                for it in &mut form.items {
                    if let Some(q) = qs.iter().find(|q| q.id == it.question) {
                        random_tokens(q, it);
                    }
                }
                form
            })
            .collect())
    })?;
    for (s, form) in students.iter().zip(&forms) {
        let released = ReleasedForm {
            form_id: form.form_id.clone(),
            unit: unit.to_string(),
            student: s.id.clone(),
            seed: form.seed,
            bank_version: version.clone(),
            questions: form
                .items
                .iter()
                .filter_map(|it| {
                    qs.iter()
                        .find(|q| q.id == it.question)
                        .map(|q| FormQuestion::released(q, it))
                })
                .collect(),
        };
        let text = crate::yaml::to_string(
            &released,
            &[&format!(
                "{} ({})의 시험지. 응시: quiz take --form <이 파일> --student {}",
                s.id, s.name, s.id
            )],
        )?;
        // Readable by its owner only: anyone holding a classmate's form
        // could submit for them first (attack of 2026-12-01).
        write_atomic_private(
            &out_dir.join(format!("{}.form.yaml", form.form_id)),
            text.as_bytes(),
        )?;
    }
    // What the forms hold, not what was asked for: a form leaves out a second
    // question offering the same options (review M of 2026-11-30).
    let sizes = forms.iter().map(|f| f.items.len());
    let (least, most) = (sizes.clone().min().unwrap_or(0), sizes.max().unwrap_or(0));
    let per_form = if least == most {
        format!("문항 {most}개씩")
    } else {
        format!("문항 {least}~{most}개")
    };
    writeln!(
        out,
        "{}개의 시험지를 {}에 만들었습니다 (단원 {unit}, {release_no}차 배포, {per_form}).",
        students.len(),
        display(out_dir),
    )
    .map_err(|e| Error::io("stdout", e))?;
    if drafts > 0 {
        writeln!(
            out,
            "검토 전(status: draft) 문항 {drafts}개는 넣지 않았습니다. 읽고 승인하려면: quiz sign {unit}"
        )
        .map_err(|e| Error::io("stdout", e))?;
    }
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
