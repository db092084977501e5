//! Command-line arguments (clap derive). Only types here: `lib::run` turns them
//! into each command's options once, and commands never see clap.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Quiz and assessment engine for the DevOps bootcamp: builds a question bank from
/// the curriculum Markdown, runs quizzes, grades and reports.
#[derive(Debug, Parser)]
#[command(name = "quiz", version, about, long_about = None)]
#[command(
    after_help = "Example:\n  quiz extract            # curriculum/ -> questions/ + rubrics/\n  quiz check              # validate the bank\n  quiz list w3            # units of week 3"
)]
pub struct Cli {
    /// Question bank folder.
    #[arg(long, global = true, default_value = "questions", value_name = "DIR")]
    pub questions: PathBuf,
    /// Weekly rubrics folder.
    #[arg(long, global = true, default_value = "rubrics", value_name = "DIR")]
    pub rubrics: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the question bank and weekly rubrics from curriculum Markdown.
    ///
    /// Writes one YAML file per document under --questions (mirroring the
    /// curriculum path) and one rubric per week under --rubrics. Questions marked
    /// `locked: true` and hand-written files are never overwritten; unchanged
    /// input changes no byte.
    #[command(
        after_help = "Example:\n  quiz extract curriculum --questions questions --rubrics rubrics"
    )]
    Extract {
        /// Folder holding week_NN/README.md, week_NN/dayN/README.md, week_NN/dayN/session_NN.md.
        #[arg(default_value = "curriculum", value_name = "CURRICULUM_DIR")]
        curriculum: PathBuf,
    },
    /// Check the bank and rubrics; report every problem as path:line:col.
    ///
    /// Exit code 0 when clean, 1 when problems were found, 2 on I/O errors.
    #[command(after_help = "Example:\n  quiz check --questions questions --rubrics rubrics")]
    Check,
    /// List units with their questions by kind.
    #[command(after_help = "Example:\n  quiz list w3d5     # units of week 3, day 5")]
    List {
        /// Unit id or prefix (`w3`, `w3d5`, `w3d5s8`).
        unit: Option<String>,
    },
    /// Show one question in full: key, criteria and source line.
    #[command(after_help = "Example:\n  quiz show w3d5s8-3f2a9c")]
    Show {
        /// Question id.
        id: String,
    },
}
