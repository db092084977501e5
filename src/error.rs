//! Errors and diagnostics.
//!
//! [`Error`] is what a command returns; `main` turns it into an exit code
//! (0 success, 1 problems found in the input, 2 usage or I/O error).
//! [`Diagnostic`] is one problem found in an input file, always printed as
//! `path:line:col: message` so that editors and people can jump to it.

use std::fmt;
use std::path::PathBuf;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {}", io_ko(source))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The command line or configuration does not make sense.
    #[error("{0}")]
    Usage(String),
    /// Problems were found in the input and reported already; the rest of the work was done.
    #[error("입력에서 문제 {count}개를 찾았습니다")]
    Problems {
        /// How many problems were reported.
        count: usize,
    },
    /// The attempt is held by another session (its lease is alive).
    #[error(
        "이미 다른 곳에서 진행 중입니다 ({}부터). 그 창에서 이어서 풀거나, 그 창을 닫았다면 잠시 뒤 다시 시도하세요.",
        local_hhmm(since)
    )]
    AttemptHeld {
        /// When the other session took the attempt (UTC, RFC 3339).
        since: String,
    },
    /// The attempt is finished: its answers can no longer change.
    #[error(
        "이미 끝난 응시입니다 (종료 {}): 답을 바꿀 수 없습니다.",
        local_hhmm(finished_at)
    )]
    AttemptFinished {
        /// When it finished (UTC, RFC 3339).
        finished_at: String,
    },
    /// The student's exam on an overlapping unit is unfinished: no practice
    /// (which shows keys) until it is.
    #[error(
        "시험 `{unit}`이(가) 아직 끝나지 않았습니다. 연습은 정답을 보여 주므로 시험을 마칠 때까지 같은 범위의 연습은 열 수 없습니다: 시험을 이어서 푸세요."
    )]
    ExamUnfinished {
        /// The exam's unit.
        unit: String,
    },
    /// An exam the instructor opened draws from this unit: no practice of it
    /// (practice shows keys) while it is open.
    #[error("시험이 열려 있는 동안에는 단원 `{unit}`을 연습할 수 없습니다.")]
    ExamOpen {
        /// The unit asked for.
        unit: String,
    },
    /// The student's exam on an overlapping unit is unfinished: another
    /// exam waits until it is (its results would show keys of the first).
    #[error(
        "시험 `{unit}`이(가) 아직 끝나지 않았습니다. 범위가 겹치는 다른 시험은 그 시험을 마친 뒤에 시작할 수 있습니다: 먼저 그 시험을 이어서 푸세요."
    )]
    OtherExamUnfinished {
        /// The unfinished exam's unit.
        unit: String,
    },
    /// A practice question already has its answer: its key was shown with
    /// it, so it never changes (two answers sent at once are one).
    #[error("이미 답한 문제입니다. 연습에서는 정답을 본 뒤 답을 바꿀 수 없습니다.")]
    AnswerFinal,
    /// The gradebook database failed.
    #[error("성적부 {path}: {source}")]
    Db {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The PostgreSQL gradebook failed (connecting or a query); the URL without its password.
    #[error("성적부 {url}: {message}")]
    Pg {
        /// The database URL, password removed.
        url: String,
        /// What went wrong, one line.
        message: String,
    },
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Problems { .. }
            | Error::AttemptHeld { .. }
            | Error::AttemptFinished { .. }
            | Error::ExamUnfinished { .. }
            | Error::OtherExamUnfinished { .. }
            | Error::ExamOpen { .. }
            | Error::AnswerFinal => 1,
            Error::Io { .. } | Error::Usage(_) | Error::Db { .. } | Error::Pg { .. } => 2,
        }
    }

    /// An I/O error for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// `HH:MM` in local time of an RFC 3339 time (the text itself if it is not one).
pub fn local_hhmm(t: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(t).map_or_else(
        |_| t.to_string(),
        |d| d.with_timezone(&chrono::Local).format("%H:%M").to_string(),
    )
}

/// What the OS said about a failed read or write, in Korean where the kind is
/// a common one (the OS text, English, is kept in parentheses).
pub fn io_ko(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "파일이나 폴더가 없습니다",
        K::PermissionDenied => "권한이 없습니다",
        K::AlreadyExists => "이미 있습니다",
        K::IsADirectory => "폴더입니다 (파일이어야 합니다)",
        K::NotADirectory => "폴더가 아닙니다",
        K::StorageFull => "디스크가 가득 찼습니다",
        K::ReadOnlyFilesystem => "읽기 전용 파일 시스템입니다",
        K::BrokenPipe => "출력이 닫혔습니다",
        K::InvalidData => "잘못된 데이터입니다",
        K::AddrInUse => "주소가 이미 쓰이고 있습니다",
        _ => "입출력 오류",
    };
    format!("{what} ({e})")
}

/// Result alias for the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Must be fixed; makes the command exit 1.
    Error,
    /// Worth a look; does not change the exit code.
    Warning,
}

/// One problem at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub path: String,
    /// 1-based line (0 when the whole file is meant).
    pub line: usize,
    /// 1-based column (0 when the whole line or file is meant).
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error at `path:line:col`.
    pub fn error(
        path: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning at `path:line:col`.
    pub fn warning(
        path: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths and messages carry text from files: escaped for the terminal.
        write!(f, "{}", crate::printable::escape(&self.path))?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        match self.severity {
            Severity::Error => write!(f, ": {}", crate::printable::escape(&self.message)),
            Severity::Warning => {
                write!(f, ": 경고: {}", crate::printable::escape(&self.message))
            }
        }
    }
}
