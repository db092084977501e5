//! The quiz and assessment engine.
//!
//! Data flows one way:
//! `curriculum/*.md --extract--> questions/*.yaml + rubrics/*.yaml --> check / list / show`.
//! Each stage is a function from one plain data type to the next; I/O stays in
//! `cmd/` and at the edges. [`run`] is the whole program; `main` only maps its
//! error to an exit code.

pub mod bank;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod extract;
pub mod fsutil;
pub mod model;
pub mod table;
pub mod text;
pub mod yaml;

use clap::Parser;
pub use error::{Error, Result};

/// Parse the command line and run the command. Output goes to stdout/stderr.
pub fn run<I, T>(args: I) -> Result<()>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            // --help and --version print and succeed; real usage errors exit 2.
            let _ = e.print();
            return if code == 0 {
                Ok(())
            } else {
                Err(Error::Usage(String::new()))
            };
        }
    };
    let paths = cmd::Paths {
        questions: cli.questions,
        rubrics: cli.rubrics,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        cli::Command::Extract { curriculum } => cmd::extract::run(&paths, &curriculum, &mut out),
        cli::Command::Check => cmd::check::run(&paths, &mut out),
        cli::Command::List { unit } => cmd::list::run(&paths, unit.as_deref(), &mut out),
        cli::Command::Show { id } => cmd::show::run(&paths, &id, &mut out),
    }
}
