//! Command-line arguments (clap derive). Only types here: `lib::run` turns them
//! into each command's options once, and commands never see clap.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Quiz and assessment engine for the DevOps bootcamp: builds a question bank from
/// the curriculum Markdown, runs quizzes, grades and reports.
#[derive(Debug, Parser)]
#[command(name = "quiz", version, about, long_about = None)]
#[command(
    after_help = "예:\n  quiz extract            # curriculum/ -> questions/ + rubrics/\n  quiz check              # validate the bank\n  quiz list w3            # units of week 3"
)]
pub struct Cli {
    /// Question bank folder.
    #[arg(long, global = true, default_value = "questions", value_name = "DIR")]
    pub questions: PathBuf,
    /// Weekly rubrics folder.
    #[arg(long, global = true, default_value = "rubrics", value_name = "DIR")]
    pub rubrics: PathBuf,
    /// Gradebook: a SQLite file, created on first use, or a PostgreSQL URL
    /// (postgres://user:pass@host:port/db).
    #[arg(
        long,
        global = true,
        env = "QUIZ_DB",
        default_value = "gradebook.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,
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
        after_help = "예:\n  quiz extract curriculum --questions questions --rubrics rubrics"
    )]
    Extract {
        /// Folder holding week_NN/README.md, week_NN/dayN/README.md, week_NN/dayN/session_NN.md.
        #[arg(default_value = "curriculum", value_name = "CURRICULUM_DIR")]
        curriculum: PathBuf,
    },
    /// Check the bank and rubrics; report every problem as path:line:col.
    ///
    /// Exit code 0 when clean, 1 when problems were found, 2 on I/O errors.
    #[command(after_help = "예:\n  quiz check --questions questions --rubrics rubrics")]
    Check,
    /// List units with their questions by kind.
    #[command(after_help = "예:\n  quiz list w3d5     # units of week 3, day 5")]
    List {
        /// Unit id or prefix (`w3`, `w3d5`, `w3d5s8`).
        unit: Option<String>,
    },
    /// Read the questions `quiz extract` made and sign them, so they are served.
    ///
    /// A question extract makes for the first time is `status: draft`: take,
    /// serve, release and export leave it out until an instructor signs it.
    /// Interactive by default: each draft in full with its source line, then
    /// y signs, e opens it in $VISUAL/$EDITOR to fix it and signs it locked
    /// (extract keeps your wording), h hides (`status: hidden`), s skips, q
    /// quits; every decision is saved at once. Essays are served without
    /// signing. `quiz serve` has the same in the browser (/teach/sign).
    #[command(
        after_help = "예:\n  quiz sign w2d3           # read and sign week 2 day 3's new questions\n  EDITOR=nano quiz sign w2d3  # the same; e fixes a question in $VISUAL, else $EDITOR (here nano), then signs it\n  quiz sign --id w2d3s2-1cd8ee --id w2d3s2-a3b6da\n  quiz sign w2d3s2 --all   # sign them all (after reading them with `quiz show`)\n  quiz sign --hide --id w2d3s2-1cd8ee\n  quiz sign w2d3 --list     # the drafts' ids, to read with `quiz show`"
    )]
    Sign {
        /// Unit id or prefix (`w2`, `w2d3`, `w2d3s2`); all units when omitted.
        unit: Option<String>,
        /// Sign every draft of the unit(s) without asking.
        #[arg(long)]
        all: bool,
        /// Sign this question without asking (repeatable).
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<String>,
        /// Hide instead of sign (with --all or --id).
        #[arg(long)]
        hide: bool,
        /// Only list the drafts (id, kind, source line, prompt); change nothing.
        #[arg(long, conflicts_with_all = ["all", "ids", "hide"])]
        list: bool,
    },
    /// Show one question in full: key, criteria and source line.
    #[command(after_help = "예:\n  quiz show w3d5s8-3f2a9c")]
    Show {
        /// Question id.
        id: String,
    },
    /// Take a quiz in the terminal; answers are saved in the gradebook as given.
    ///
    /// Practice mode shows right/wrong, the key and the source line after each
    /// answer; exam mode only at the end. Questions answered wrong come back in
    /// later practice quizzes (after 1, 2, 4, 8 days). `?` skips, `q` saves and
    /// quits; running the same command again resumes the unfinished quiz.
    #[command(
        after_help = "예:\n  quiz take w3d5 --student s001\n  quiz take --student s001 --mode exam --count 20\n  quiz take --form forms/s001-w5.form.yaml --student s001"
    )]
    Take {
        /// Unit or prefix (`w5`, `w3d5`, `w3d5s8`); default: today's, from the course schedule.
        unit: Option<String>,
        /// Student id.
        #[arg(long, env = "QUIZ_STUDENT")]
        student: String,
        /// Number of questions.
        #[arg(long, default_value_t = 10)]
        count: usize,
        /// Seed of the draw (default: a random one, recorded with the attempt;
        /// the same seed draws the same form again).
        #[arg(long)]
        seed: Option<u64>,
        /// practice or exam.
        #[arg(long, value_enum, default_value = "practice")]
        mode: ModeArg,
        /// Course schedule (start date, class days, holidays).
        #[arg(long, default_value = "course.yaml", value_name = "FILE")]
        course: PathBuf,
        /// The date to use instead of today (YYYY-MM-DD).
        #[arg(long, env = "QUIZ_TODAY", value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
        /// Take a released form offline and write a submission file.
        #[arg(long, value_name = "FILE")]
        form: Option<PathBuf>,
        /// Folder for the submission file (with --form).
        #[arg(long, default_value = ".", value_name = "DIR")]
        out: PathBuf,
        /// Seconds an attempt stays held by a session without a heartbeat (tests).
        #[arg(long, hide = true, env = "QUIZ_LEASE_TTL", default_value_t = 120)]
        lease_ttl: u64,
    },
    /// Print today's unit from the course schedule.
    #[command(after_help = "예:\n  quiz today --course course.yaml")]
    Today {
        /// Course schedule.
        #[arg(long, default_value = "course.yaml", value_name = "FILE")]
        course: PathBuf,
        /// The date to use instead of today (YYYY-MM-DD).
        #[arg(long, env = "QUIZ_TODAY", value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
    /// Write one form per student (no answer key) for a graded evaluation.
    ///
    /// Each run is a new release of the unit (form ids `<student>-<unit>-r<N>`,
    /// new seeds, random option tokens), recorded in the gradebook: submissions
    /// are graded against that record only.
    #[command(after_help = "예:\n  quiz release w5 --roster roster.csv --out forms --count 20")]
    Release {
        /// Unit or prefix.
        unit: String,
        /// Roster CSV (student_id,name[,email]).
        #[arg(long, value_name = "FILE")]
        roster: PathBuf,
        /// Folder for the forms.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Questions per form.
        #[arg(long, default_value_t = 10)]
        count: usize,
    },
    /// Manage the class roster in the gradebook.
    #[command(
        subcommand,
        after_help = "예:\n  quiz roster import roster.csv   # 학번,이름,이메일 (UTF-8 CSV)\n  quiz roster list"
    )]
    Roster(RosterCommand),
    /// List and close unfinished attempts (a student stuck on a unit).
    #[command(
        subcommand,
        after_help = "예:\n  quiz attempts list --student s104\n  quiz attempts close 17"
    )]
    Attempts(AttemptsCommand),
    /// Move a gradebook between SQLite and PostgreSQL.
    #[command(
        subcommand,
        after_help = "예:\n  quiz gradebook copy --from gradebook.db --to postgres://quiz:pass@db:5432/class\n  quiz gradebook copy --from postgres://quiz:pass@db:5432/class --to back.db"
    )]
    Gradebook(GradebookCommand),
    /// Serve quizzes in the browser: students log in with 학번 and a login code
    /// (`quiz roster codes`), the instructor with the link printed on start.
    ///
    /// Practice one question at a time with feedback, exams as a whole form
    /// with a countdown; every answer is stored as given in the gradebook the
    /// terminal uses. The instructor opens and closes quizzes, watches progress
    /// live, reviews essays, scores checklists, downloads reports and reads and
    /// signs the questions extract made (/teach/sign). Import the roster and
    /// print the students' codes first (`quiz roster`); `quiz instructor code`
    /// gives a lasting instructor code. A bank changed while the server runs
    /// (`quiz sign`, `quiz extract`, an editor) is read again within about 10 s.
    #[command(
        after_help = "예:\n  quiz serve --demo\n  quiz roster import roster.csv && quiz roster codes --out codes.csv --url http://192.168.0.10:8080\n  quiz serve --addr 0.0.0.0:8080 --course course.yaml"
    )]
    Serve {
        /// Address to listen on (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Course schedule (today's unit on the students' home).
        #[arg(long, default_value = "course.yaml", value_name = "FILE")]
        course: PathBuf,
        /// The date to use instead of today (YYYY-MM-DD).
        #[arg(long, env = "QUIZ_TODAY", value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
        /// Cookies only over HTTPS (behind a TLS proxy; `X-Forwarded-Proto: https` also sets it).
        #[arg(long)]
        secure: bool,
        /// Make a demo student (`demo`) with a login code and open a practice quiz.
        #[arg(long)]
        demo: bool,
        /// Seconds an attempt stays held by a session without a heartbeat (tests).
        #[arg(long, hide = true, env = "QUIZ_LEASE_TTL", default_value_t = 120)]
        lease_ttl: u64,
    },
    /// Instructor login codes for `quiz serve`.
    #[command(subcommand)]
    Instructor(InstructorCommand),
    /// Export questions for an LMS (Moodle GIFT or Moodle XML).
    ///
    /// Order questions become matchings of items to positions 1..n; questions a
    /// format cannot express are listed on stderr and skipped (exit 1).
    #[command(
        after_help = "예:\n  quiz export --format gift w5 --out w5.gift\n  quiz export --format moodle-xml --out bank.xml"
    )]
    Export {
        /// gift or moodle-xml.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Unit or prefix (default: the whole bank).
        unit: Option<String>,
        /// Output file (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Grade: the gradebook's ungraded answers, submission files, long CSVs.
    ///
    /// PATHS are submission files of released forms, or folders of them. A CSV
    /// has `student_id,question_id,answer` (option ids or texts, `|` between
    /// several, `left:right` for match). Bad rows and files are reported with path
    /// and line and skipped (exit 1); everything else is graded.
    #[command(after_help = "예:\n  quiz grade submissions/ --responses lms_export.csv")]
    Grade {
        /// Submission files or folders.
        paths: Vec<PathBuf>,
        /// Long-format response CSV (repeatable).
        #[arg(long = "responses", value_name = "FILE.csv")]
        responses: Vec<PathBuf>,
    },
    /// Score every answer again after keys, rules or points changed (manual
    /// scores keep their judgement, rescaled when the question's points changed).
    #[command(
        after_help = "예:\n  quiz regrade --dry-run\n  quiz regrade --drop-missing   # 은행에서 지운 문항의 답을 0/0으로"
    )]
    Regrade {
        /// Show the changes per student and week without saving.
        #[arg(long)]
        dry_run: bool,
        /// Also drop (0 of 0) the answers to questions no longer in the bank;
        /// without it they are left as they are and listed.
        #[arg(long)]
        drop_missing: bool,
    },
    /// Score checklist items and essays in a spreadsheet.
    #[command(
        subcommand,
        after_help = "예:\n  quiz rubric sheet --week 5 --out week5.csv\n  quiz rubric import week5.csv --by kim"
    )]
    Rubric(RubricCommand),
    /// Review essays awaiting an instructor's score, one by one.
    #[command(after_help = "예:\n  quiz review --week 5")]
    Review {
        /// Only this week.
        #[arg(long)]
        week: Option<u32>,
        /// Who reviews (default: $USER).
        #[arg(long, env = "USER", default_value = "instructor")]
        by: String,
    },
    /// Weekly results for spreadsheets: a summary row per student and every assessed item.
    ///
    /// Writes DIR/week_NN/summary.csv and DIR/week_NN/students/<id>.csv (or one
    /// week_NN.xlsx). CSV: UTF-8 with BOM, CRLF, formulas neutralized.
    #[command(
        after_help = "예:\n  quiz report --week 5\n  quiz report --week 5 --format xlsx --out reports"
    )]
    Report {
        /// Week number.
        #[arg(long)]
        week: u32,
        /// Output folder.
        #[arg(long, default_value = "reports", value_name = "DIR")]
        out: PathBuf,
        /// csv or xlsx.
        #[arg(long, value_enum, default_value = "csv")]
        format: ReportFormat,
        /// Write CSV without the UTF-8 BOM.
        #[arg(long)]
        no_bom: bool,
    },
    /// Classical item analysis (Moodle's quiz statistics) on first completed attempts.
    ///
    /// Per question: facility, SD, random guess score, intended and effective
    /// weight, discrimination index, discriminative efficiency (flagged below 0 /
    /// 15); per test: mean, median, SD, skewness, kurtosis, CIC, error ratio,
    /// standard error. "n too small" where there are too few attempts.
    #[command(after_help = "예:\n  quiz stats w5 --out w5_items.csv")]
    Stats {
        /// Unit or prefix (`w5`, `w3d5`); default: everything.
        unit: Option<String>,
        /// Also write the figures to a CSV file.
        #[arg(long, value_name = "FILE.csv")]
        out: Option<PathBuf>,
    },
    /// Import GIFT questions as hand-written bank files.
    #[command(
        after_help = "예:\n  quiz import --format gift moodle.gift --unit w5 --out questions/imported/moodle.yaml"
    )]
    Import {
        /// gift.
        #[arg(long, value_enum)]
        format: ImportFormat,
        /// The GIFT file.
        file: PathBuf,
        /// Unit for the questions (default: from `$CATEGORY:`, else `imported`).
        #[arg(long)]
        unit: Option<String>,
        /// Output: a file for questions of one unit, or a folder (existing, or
        /// ending in `/`) for one `<stem>-<unit>.yaml` per unit (default:
        /// questions/imported/). A file with several units is refused.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
}

/// `quiz rubric ...`
#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Write a spreadsheet (CSV, UTF-8 BOM) to score checklist items and essays.
    #[command(after_help = "예:\n  quiz rubric sheet --week 5 --out week5.csv")]
    Sheet {
        /// Week number.
        #[arg(long)]
        week: u32,
        /// Output file (default: rubric_week_NN.csv or .xlsx).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// csv, or xlsx (학번 kept as text, levels as a drop-down list).
        #[arg(long, value_enum, default_value = "csv")]
        format: ReportFormat,
    },
    /// Read a filled rubric sheet back (CSV in UTF-8, CP949 or UTF-16, or xlsx).
    #[command(after_help = "예:\n  quiz rubric import week5.csv --by kim")]
    Import {
        /// The CSV file.
        file: PathBuf,
        /// Who scored (default: $USER).
        #[arg(long, env = "USER", default_value = "instructor")]
        by: String,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// Moodle GIFT text.
    Gift,
    /// Moodle XML.
    MoodleXml,
}

/// Report formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ReportFormat {
    /// CSV files.
    Csv,
    /// One xlsx workbook.
    Xlsx,
}

/// Import formats.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// Moodle GIFT text.
    Gift,
}

/// `quiz roster ...`
#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import students from CSV (student_id,name[,email]; UTF-8, BOM and CRLF fine).
    #[command(after_help = "예:\n  quiz roster import roster.csv")]
    Import {
        /// The CSV file.
        file: PathBuf,
    },
    /// List the students.
    #[command(after_help = "예:\n  quiz roster list")]
    List,
    /// Make a random login code for `quiz serve` per student (stored hashed);
    /// CSV student_id,name,code,url for mail merge. Students who have a code
    /// keep it unless --rotate.
    #[command(
        after_help = "예:\n  quiz roster codes --out codes.csv --url http://192.168.0.10:8080"
    )]
    Codes {
        /// CSV file to write (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace every student's code (the old ones stop working).
        #[arg(long)]
        rotate: bool,
        /// The server's address as students reach it (`quiz serve --addr
        /// 0.0.0.0:8080` on 192.168.0.10: http://192.168.0.10:8080). Without
        /// it the url column is left empty.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
}

/// `quiz instructor ...`
#[derive(Debug, Subcommand)]
pub enum InstructorCommand {
    /// Make a lasting instructor login code for `quiz serve` (shown once, stored hashed).
    #[command(after_help = "예:\n  quiz instructor code")]
    Code,
}

/// `quiz attempts` subcommands.
#[derive(Debug, Subcommand)]
pub enum AttemptsCommand {
    /// List unfinished attempts: id, student, unit, answers so far, whether a session holds it.
    #[command(after_help = "예:\n  quiz attempts list --student s104")]
    List {
        /// Only this student's.
        #[arg(long)]
        student: Option<String>,
        /// Only this unit's.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Close an unfinished attempt: questions not answered count as unanswered
    /// (0 points; a question no longer in the bank is dropped, 0 of 0), and the
    /// student's next `take` starts a new attempt.
    #[command(after_help = "예:\n  quiz attempts list --student s104\n  quiz attempts close 17")]
    Close {
        /// Attempt id (from `quiz attempts list`).
        id: i64,
    },
}

/// Quiz mode.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ModeArg {
    /// Feedback after each answer.
    Practice,
    /// Feedback at the end.
    Exam,
}

/// `quiz gradebook` subcommands.
#[derive(Debug, Subcommand)]
pub enum GradebookCommand {
    /// Copy every table and row from one gradebook to another, empty one:
    /// a SQLite file to a PostgreSQL database or back (row ids kept, so
    /// reports are the same before and after). One transaction: a failure
    /// leaves the destination as it was.
    #[command(
        after_help = "예:\n  quiz gradebook copy --from gradebook.db --to postgres://quiz:pass@db:5432/class"
    )]
    Copy {
        /// Source: a SQLite file or postgres://user:pass@host:port/db.
        #[arg(long, value_name = "DB")]
        from: String,
        /// Destination (empty, or a SQLite file to create): a file or a postgres:// URL.
        #[arg(long, value_name = "DB")]
        to: String,
    },
}
