//! The quiz and assessment engine.
//!
//! Data flows one way:
//! `curriculum/*.md --extract--> questions/*.yaml + rubrics/*.yaml --> check / list / show`.
//! Each stage is a function from one plain data type to the next; I/O stays in
//! `cmd/` and at the edges. [`run`] is the whole program; `main` only maps its
//! error to an exit code.

/// `eprintln!` that never panics: with stderr closed (`2>&1 | head`) there is
/// nowhere to say anything, and a panic would turn a stopped reader into exit
/// code 101.
macro_rules! eprintln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

pub mod assemble;
pub mod attempt;
pub mod bank;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod csvfile;
pub mod error;
pub mod extract;
pub mod fsutil;
pub mod grade;
pub mod gradebook;
pub mod interrupt;
pub mod lms;
pub mod model;
pub mod printable;
pub mod report;
pub mod roster;
pub mod runner;
pub mod schedule;
pub mod score;
pub mod table;
pub mod text;
pub mod web;
pub mod xlsxfile;
pub mod yaml;

use clap::Parser;
pub use error::{Error, Result};
use std::io::Write;

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
    // `Stdout`, locked per write: a Ctrl-C handler may print too (see `interrupt`).
    let mut out = std::io::stdout();
    let today =
        |d: Option<chrono::NaiveDate>| d.unwrap_or_else(|| chrono::Local::now().date_naive());
    match cli.command {
        cli::Command::Extract { curriculum } => cmd::extract::run(&paths, &curriculum, &mut out),
        cli::Command::Check => cmd::check::run(&paths, &mut out),
        cli::Command::List { unit } => cmd::list::run(&paths, unit.as_deref(), &mut out),
        cli::Command::Show { id } => cmd::show::run(&paths, &id, &mut out),
        cli::Command::Sign {
            unit,
            all,
            ids,
            hide,
            list,
        } => {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            cmd::sign::run(
                &paths,
                &cmd::sign::Options {
                    unit: unit.as_deref(),
                    all,
                    ids: &ids,
                    hide,
                    list,
                },
                &mut input,
                &mut out,
            )
        }
        cli::Command::Take {
            unit,
            student,
            count,
            seed,
            mode,
            course,
            today: day,
            form,
            out: out_dir,
            lease_ttl,
        } => {
            if !roster::valid_id(&student) {
                return Err(Error::Usage(format!(
                    "학번 `{student}`은(는) A-Z a-z 0-9 . _ - 로 된 1~64자여야 합니다"
                )));
            }
            if count == 0 {
                return Err(Error::Usage("--count는 1 이상이어야 합니다".into()));
            }
            if lease_ttl == 0 {
                return Err(Error::Usage("--lease-ttl은 1 이상이어야 합니다".into()));
            }
            let o = cmd::take::Options {
                questions: paths.questions,
                rubrics: paths.rubrics,
                unit,
                student,
                count,
                seed,
                mode: match mode {
                    cli::ModeArg::Practice => model::Mode::Practice,
                    cli::ModeArg::Exam => model::Mode::Exam,
                },
                db: cli.db,
                course,
                today: today(day),
                form,
                out_dir,
                lease_ttl: std::time::Duration::from_secs(lease_ttl),
                echo: !std::io::IsTerminal::is_terminal(&std::io::stdin()),
            };
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            cmd::take::run(&o, &mut input, &mut out)
        }
        cli::Command::Today { course, today: day } => {
            let d = today(day);
            match cmd::take::todays_unit(&course, d)? {
                Some(u) => writeln!(out, "{u}"),
                None => writeln!(out, "{d}: 수업일이 아닙니다"),
            }
            .map_err(|e| Error::io("stdout", e))
        }
        cli::Command::Release {
            unit,
            roster,
            out: dir,
            count,
        } => cmd::release::run(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            &unit,
            &roster,
            &dir,
            count,
            &mut out,
        ),
        cli::Command::Roster(cli::RosterCommand::Import { file }) => {
            cmd::roster::import(&cli.db, &file, &mut out)
        }
        cli::Command::Gradebook(cli::GradebookCommand::Copy { from, to }) => {
            gradebook::pg::copy::run(&from, &to, &mut out)
        }
        cli::Command::Roster(cli::RosterCommand::List) => cmd::roster::list(&cli.db, &mut out),
        cli::Command::Roster(cli::RosterCommand::Codes {
            out: file,
            rotate,
            url,
        }) => cmd::serve::codes(
            &cmd::serve::CodesOptions {
                db: &cli.db,
                out_file: file.as_deref(),
                rotate,
                url: url.as_deref(),
            },
            &mut out,
        ),
        cli::Command::Instructor(cli::InstructorCommand::Code) => {
            cmd::serve::instructor_code(&cli.db, &mut out)
        }
        cli::Command::Serve {
            addr,
            course,
            today: day,
            secure,
            demo,
            lease_ttl,
        } => {
            if lease_ttl == 0 {
                return Err(Error::Usage("--lease-ttl은 1 이상이어야 합니다".into()));
            }
            let o = cmd::serve::Options {
                config: web::Config {
                    questions: paths.questions,
                    rubrics: paths.rubrics,
                    db: cli.db,
                    course,
                    today: day,
                    secure,
                    lease_ttl: std::time::Duration::from_secs(lease_ttl),
                    readers: 4,
                },
                addr,
                demo,
            };
            cmd::serve::run(&o, &mut out)
        }
        cli::Command::Attempts(cli::AttemptsCommand::List { student, unit }) => {
            cmd::attempts::list(&cli.db, student.as_deref(), unit.as_deref(), &mut out)
        }
        cli::Command::Attempts(cli::AttemptsCommand::Close { id }) => {
            cmd::attempts::close(&paths.questions, &paths.rubrics, &cli.db, id, &mut out)
        }
        cli::Command::Export {
            format,
            unit,
            out: file,
        } => {
            let f = match format {
                cli::ExportFormat::Gift => cmd::export::Format::Gift,
                cli::ExportFormat::MoodleXml => cmd::export::Format::MoodleXml,
            };
            cmd::export::run(
                &paths.questions,
                &paths.rubrics,
                f,
                unit.as_deref(),
                file.as_deref(),
                &mut out,
            )
        }
        cli::Command::Grade {
            paths: files,
            responses,
        } => cmd::grade::run(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            &files,
            &responses,
            &mut out,
        ),
        cli::Command::Report {
            week,
            out: dir,
            format,
            no_bom,
        } => cmd::report::run(
            &cmd::report::Options {
                questions: &paths.questions,
                rubrics: &paths.rubrics,
                db: &cli.db,
                week,
                out_dir: &dir,
                format: match format {
                    cli::ReportFormat::Csv => cmd::report::Format::Csv,
                    cli::ReportFormat::Xlsx => cmd::report::Format::Xlsx,
                },
                bom: !no_bom,
            },
            &mut out,
        ),
        cli::Command::Stats { unit, out: file } => cmd::stats::run(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            unit.as_deref(),
            file.as_deref(),
            &mut out,
        ),
        cli::Command::Regrade {
            dry_run,
            drop_missing,
        } => cmd::regrade::run(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            cmd::regrade::How {
                dry_run,
                drop_missing,
            },
            &mut out,
        ),
        cli::Command::Rubric(cli::RubricCommand::Sheet {
            week,
            out: file,
            format,
        }) => cmd::rubric::sheet(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            week,
            file.as_deref(),
            matches!(format, cli::ReportFormat::Xlsx),
            &mut out,
        ),
        cli::Command::Rubric(cli::RubricCommand::Import { file, by }) => cmd::rubric::import(
            &paths.questions,
            &paths.rubrics,
            &cli.db,
            &file,
            &by,
            &mut out,
        ),
        cli::Command::Review { week, by } => {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            cmd::review::run(
                &paths.questions,
                &paths.rubrics,
                &cli.db,
                week,
                &by,
                &mut input,
                &mut out,
            )
        }
        cli::Command::Import {
            format: cli::ImportFormat::Gift,
            file,
            unit,
            out: target,
        } => cmd::import::run(
            &paths.questions,
            &paths.rubrics,
            &file,
            unit.as_deref(),
            target.as_deref(),
            &mut out,
        ),
    }
}
