//! `quiz release UNIT --roster FILE --out DIR`: one form per student for graded
//! evaluations, with nothing that reveals an answer (no key, accepted answers,
//! rubric, feedback, tags or sources; option and item ids replaced by per-form
//! tokens).

use super::report;
use crate::assemble::{self, Request};
use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::fsutil::{display, write_atomic};
use crate::model::{FormQuestion, Question, ReleasedForm};
use std::io::Write;
use std::path::Path;

/// Run `quiz release`.
pub fn run(
    questions: &Path,
    rubrics: &Path,
    unit: &str,
    roster: &Path,
    out_dir: &Path,
    count: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let file = std::fs::File::open(roster).map_err(|e| Error::io(roster, e))?;
    let (students, mut diags) = crate::roster::parse(&display(roster), file)?;
    let (bank, more) = Bank::load_unit(questions, rubrics, unit)?;
    diags.extend(more);
    let (errors, _) = report(&mut diags);
    let qs: Vec<&Question> = bank.questions().map(|(_, q)| q).collect();
    if qs.is_empty() {
        return Err(Error::Usage(format!(
            "no questions for unit `{unit}` in {}",
            display(questions)
        )));
    }
    let version = bank.version();
    for s in &students {
        let seed = assemble::seed_for(&s.id, unit, 0);
        let form_id = format!("{}-{unit}-release", s.id);
        let req = Request {
            questions: &qs,
            review: &[],
            count,
            seed,
        };
        let form = assemble::assemble(&req, form_id.clone(), unit, &s.id, &version);
        let released = ReleasedForm {
            form_id: form_id.clone(),
            unit: unit.to_string(),
            student: s.id.clone(),
            seed,
            bank_version: version.clone(),
            questions: form
                .items
                .iter()
                .filter_map(|it| {
                    bank.find(&it.question)
                        .map(|(_, q)| FormQuestion::released(q, it, &form_id))
                })
                .collect(),
        };
        let text = crate::yaml::to_string(
            &released,
            &[&format!(
                "Form for {} ({}). Take it with: quiz take --form <this file> --student {}",
                s.id, s.name, s.id
            )],
        )?;
        write_atomic(
            &out_dir.join(format!("{}-{unit}.form.yaml", s.id)),
            text.as_bytes(),
        )?;
    }
    writeln!(
        out,
        "{}개의 시험지를 {}에 만들었습니다 (단원 {unit}, 문항 {}개씩).",
        students.len(),
        display(out_dir),
        count.min(qs.len())
    )
    .map_err(|e| Error::io("stdout", e))?;
    if errors > 0 {
        return Err(Error::Problems { count: errors });
    }
    Ok(())
}
