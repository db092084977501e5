//! The PostgreSQL gradebook: for a school that runs several `quiz serve`
//! processes on one shared database, or keeps its data where its backups and
//! replicas already are. Selected by `--db postgres://user:pass@host:port/db`
//! (or `QUIZ_DB`); a path keeps the SQLite file.
//!
//! What exists so far: connecting (with a timeout and one clear line per
//! failure), the versioned schema, and `quiz gradebook copy` between the two
//! backends. The commands themselves still read and write SQLite only.

mod attempts;
mod book;
pub mod connect;
pub mod copy;
mod forms;
mod leases;
mod open_attempts;
mod responses;
mod reviews;
mod roster;
pub mod schema;
mod web;

pub use book::PgBook;

pub use connect::{connect, is_url, redact};

use crate::error::{Error, Result};

/// Opens (connects and migrates) the PostgreSQL gradebook `url`.
pub fn open(url: &str) -> Result<postgres::Client> {
    let mut client = connect(url)?;
    schema::migrate(&mut client, url)?;
    Ok(client)
}

/// What a command that does not work on PostgreSQL yet answers for a
/// PostgreSQL `--db`: connection problems first (so a wrong password or a
/// server that is down says so), then that only `quiz gradebook copy` does.
pub fn not_yet(url: &str) -> Error {
    match open(url) {
        Err(e) => e,
        Ok(_) => Error::Usage(format!(
            "{}: PostgreSQL 성적부는 아직 `quiz gradebook copy`만 지원합니다; 이 명령은 SQLite 성적부 파일(--db gradebook.db)을 쓰세요",
            redact(url)
        )),
    }
}
