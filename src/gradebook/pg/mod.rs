//! The PostgreSQL gradebook: for a school that runs several `quiz serve`
//! processes on one shared database, or keeps its data where its backups and
//! replicas already are. Selected by `--db postgres://user:pass@host:port/db`
//! (or `QUIZ_DB`); a path keeps the SQLite file.
//!
//! The same methods as the SQLite gradebook (see `gradebook/backend.rs`),
//! in files named by concern; the concurrency rules are kept by PostgreSQL's
//! own means (row locks, advisory locks, unique indexes, triggers) since its
//! writers are not serialized as SQLite's are. Also here: connecting (a
//! timeout, one clear line per failure), the versioned schema, and `quiz
//! gradebook copy` between the two backends.

mod attempts;
mod book;
mod bulk;
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
pub use bulk::PgBulk;

pub use connect::{connect, is_url, redact};

use crate::error::Result;

/// Opens (connects and migrates) the PostgreSQL gradebook `url`.
pub fn open(url: &str) -> Result<postgres::Client> {
    let mut client = connect(url)?;
    schema::migrate(&mut client, url)?;
    Ok(client)
}
