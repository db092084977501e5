//! Loading the bank (`questions/**/*.yaml`) and the rubrics (`rubrics/*.yaml`).
//!
//! Loading never stops at the first bad file: every file that parses is kept,
//! every one that does not becomes a [`Diagnostic`], and the caller decides.

use crate::error::{Diagnostic, Result};
use crate::fsutil::{display, files_with_ext};
use crate::model::{Question, QuestionFile, Rubric};
use crate::yaml;
use std::collections::BTreeMap;
use std::path::Path;

/// A question file as loaded, with its text for locating problems.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Path as shown to users.
    pub path: String,
    /// The raw YAML.
    pub text: String,
    /// The parsed content.
    pub file: QuestionFile,
}

/// A loaded rubric.
#[derive(Debug, Clone)]
pub struct LoadedRubric {
    /// Path as shown to users.
    pub path: String,
    /// The raw YAML.
    pub text: String,
    /// The parsed content.
    pub rubric: Rubric,
}

/// Everything under `questions/` and `rubrics/`.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// Question files, sorted by path.
    pub files: Vec<LoadedFile>,
    /// Rubrics by week.
    pub rubrics: BTreeMap<u32, LoadedRubric>,
}

fn read_text(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let (line, col) = utf8_position(e.as_bytes(), e.utf8_error().valid_up_to());
                diags.push(Diagnostic::error(
                    display(path),
                    line,
                    col,
                    "UTF-8이 아닙니다",
                ));
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                display(path),
                0,
                0,
                format!("읽을 수 없습니다: {e}"),
            ));
            None
        }
    }
}

/// 1-based line and column of byte `offset`.
pub fn utf8_position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

impl Bank {
    /// Load all question files under `questions` and rubrics under `rubrics`.
    /// Missing folders are empty. Errors are I/O failures listing folders.
    pub fn load(questions: &Path, rubrics: &Path) -> Result<(Bank, Vec<Diagnostic>)> {
        let mut diags = Vec::new();
        let mut bank = Bank::default();
        for path in files_with_ext(questions, &["yaml", "yml"])? {
            let Some(text) = read_text(&path, &mut diags) else {
                continue;
            };
            let shown = display(&path);
            match yaml::parse_question_file(&shown, &text) {
                Ok((file, bad)) => {
                    diags.extend(bad);
                    bank.files.push(LoadedFile {
                        path: shown,
                        text,
                        file,
                    });
                }
                Err(d) => diags.push(d),
            }
        }
        bank.rubrics = load_rubrics(rubrics, &mut diags)?;
        Ok((bank, diags))
    }

    /// Load only the question files of units matching `unit` (a prefix), and the
    /// rubrics. A file's unit is read from its top-level `unit:` line before it is
    /// parsed, so a large bank costs only the unit's files.
    pub fn load_unit(
        questions: &Path,
        rubrics: &Path,
        unit: &str,
    ) -> Result<(Bank, Vec<Diagnostic>)> {
        let mut diags = Vec::new();
        let mut bank = Bank::default();
        for path in files_with_ext(questions, &["yaml", "yml"])? {
            let Some(text) = read_text(&path, &mut diags) else {
                continue;
            };
            let declared = text.lines().find_map(|l| {
                let v = l.strip_prefix("unit:")?.trim();
                Some(v.trim_matches(|c| c == '"' || c == '\'').to_string())
            });
            if declared.is_some_and(|u| !unit_matches(&u, unit)) {
                continue;
            }
            let shown = display(&path);
            match yaml::parse_question_file(&shown, &text) {
                Ok((file, bad)) if unit_matches(&file.unit, unit) => {
                    diags.extend(bad);
                    bank.files.push(LoadedFile {
                        path: shown,
                        text,
                        file,
                    });
                }
                Ok(_) => {}
                Err(d) => diags.push(d),
            }
        }
        bank.rubrics = load_rubrics(rubrics, &mut diags)?;
        Ok((bank, diags))
    }

    /// A short hash of the loaded files' contents: the bank version a form was drawn from.
    pub fn version(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for f in &self.files {
            for b in f.path.bytes().chain([0]).chain(f.text.bytes()) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }

    /// All questions with their file.
    pub fn questions(&self) -> impl Iterator<Item = (&LoadedFile, &Question)> {
        self.files
            .iter()
            .flat_map(|f| f.file.questions.iter().map(move |q| (f, q)))
    }

    /// Find a question by id.
    pub fn find(&self, id: &str) -> Option<(&LoadedFile, &Question)> {
        self.questions().find(|(_, q)| q.id == id)
    }
}

/// Load every rubric under `rubrics`, one per week; problems go to `diags`.
pub fn load_rubrics(
    rubrics: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<u32, LoadedRubric>> {
    let mut out: BTreeMap<u32, LoadedRubric> = BTreeMap::new();
    for path in files_with_ext(rubrics, &["yaml", "yml"])? {
        let Some(text) = read_text(&path, diags) else {
            continue;
        };
        let shown = display(&path);
        match yaml::parse::<Rubric>(&shown, &text) {
            Ok(rubric) => {
                if let Some(prev) = out.get(&rubric.week) {
                    diags.push(Diagnostic::error(
                        &shown,
                        1,
                        1,
                        format!("{}주차 루브릭이 이미 {}에 있습니다", rubric.week, prev.path),
                    ));
                } else {
                    out.insert(
                        rubric.week,
                        LoadedRubric {
                            path: shown,
                            text,
                            rubric,
                        },
                    );
                }
            }
            Err(d) => diags.push(d),
        }
    }
    Ok(out)
}

/// The week of a unit id (`w3d5s8` -> 3).
pub fn week_of(unit: &str) -> Option<u32> {
    let rest = unit.strip_prefix('w')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Whether two units overlap: one lies inside the other (`w1` and `w1d1`,
/// `w1d1` and itself), so their forms may share questions.
pub fn units_overlap(a: &str, b: &str) -> bool {
    unit_matches(a, b) || unit_matches(b, a)
}

/// Whether `unit` is `prefix` or lies inside it (`w3` matches `w3d5s8`, not `w30`).
pub fn unit_matches(unit: &str, prefix: &str) -> bool {
    match unit.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with(['d', 's']) && !prefix.is_empty(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_prefixes() {
        assert!(unit_matches("w3d5s8", "w3"));
        assert!(unit_matches("w3d5s8", "w3d5"));
        assert!(unit_matches("w3d5s8", "w3d5s8"));
        assert!(!unit_matches("w30d1", "w3"));
        assert!(!unit_matches("w3d5s8", "w3d5s"));
        assert_eq!(week_of("w12d1"), Some(12));
    }

    #[test]
    fn positions() {
        assert_eq!(utf8_position(b"ab\ncd\xff", 5), (2, 3));
    }
}
