//! The SQLite gradebook: one file (rusqlite, bundled: nothing to install).
//!
//! The schema is versioned with `PRAGMA user_version` and migrated on open.
//! WAL mode and a busy timeout let many `quiz take` processes share one
//! file; every answer is its own short transaction, so a killed process
//! loses nothing already answered. This file opens the connection; the
//! files beside it hold the SQL of each concern.

use crate::error::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

mod attempts;
mod bulk;
mod forms;
mod leases;
mod migrations;
mod open_attempts;
mod responses;
mod reviews;
mod roster;
mod web;

pub use bulk::Bulk;
pub use forms::FormRecord;
pub use leases::{DEFAULT_LEASE_TTL, new_holder};
pub(crate) use migrations::MIGRATIONS;
pub use open_attempts::{Fill, OpenAttempt};
pub use web::{AttemptInfo, Progress, WebQuiz, WebSession};

/// An open SQLite gradebook.
pub struct Sqlite {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// How long an attempt's lease lives without a heartbeat.
    lease_ttl: Duration,
}

/// Plan each cached statement once, whatever values are bound (SQLite's query
/// planner stability guarantee): without it a statement whose plan looks at a
/// bound value (an attempt id in a join) is compiled again on every run, which
/// was a third of an answer save's instructions.
fn stable_plans(conn: &Connection) -> rusqlite::Result<bool> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
}

/// Run `f` again while SQLite reports the database busy or locked, up to `limit`.
fn retry_busy<T>(
    limit: Duration,
    mut f: impl FnMut() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let start = std::time::Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match f() {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) && start.elapsed() < limit =>
            {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            other => return other,
        }
    }
}

pub(super) fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |e| Error::Db {
        path: path.clone(),
        source: e,
    }
}

/// Refuse a SQLite file that has tables but not the gradebook's (another
/// program's database), before anything in it is changed.
fn refuse_foreign(conn: &Connection, path: &Path) -> Result<()> {
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .map_err(db_error(path))?;
    let tables: Vec<String> = st
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(db_error(path))?;
    let ours = ["students", "attempts", "responses"]
        .iter()
        .all(|t| tables.iter().any(|n| n == t));
    if !tables.is_empty() && !ours {
        return Err(Error::Usage(format!(
            "{}은(는) quiz 성적부가 아닌 SQLite 파일입니다 (다른 프로그램의 데이터베이스): 아무것도 바꾸지 않았습니다. --db 경로를 확인하세요",
            crate::fsutil::display(path)
        )));
    }
    Ok(())
}

/// A path for a `file:` URI: absolute, with `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// The schema version applied (`PRAGMA user_version`); newer than this quiz is an error.
fn schema_version(conn: &Connection, path: &Path) -> Result<usize> {
    let version: usize = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(db_error(path))?
        .try_into()
        .unwrap_or(0);
    if version > MIGRATIONS.len() {
        return Err(Error::Usage(format!(
            "성적부 {}의 스키마 버전 {version}이(가) 이 quiz({})보다 새롭습니다; quiz를 업그레이드하세요",
            path.display(),
            MIGRATIONS.len()
        )));
    }
    Ok(version)
}

impl Sqlite {
    fn db_err(&self, e: rusqlite::Error) -> Error {
        Error::Db {
            path: self.path.clone(),
            source: e,
        }
    }

    /// Every row of a query, mapped by `f`.
    pub(crate) fn query_all<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        // Cached: the server runs the same few queries for every request.
        let mut st = self.conn.prepare_cached(sql).map_err(|e| self.db_err(e))?;
        let rows = st.query_map(params, f).map_err(|e| self.db_err(e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| self.db_err(e))
    }

    /// Open for a command that records something: created when missing (its
    /// folder must exist: no folder is ever created) and migrated. A SQLite
    /// file that has tables but none of the gradebook's is refused before
    /// anything in it changes.
    pub fn open(path: &Path) -> Result<Sqlite> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(Error::Usage(format!(
                "성적부 폴더 {}이(가) 없습니다: --db 경로를 확인하세요 (quiz는 폴더를 만들지 않습니다)",
                crate::fsutil::display(dir)
            )));
        }
        let db = |e| Error::Db {
            path: path.to_path_buf(),
            source: e,
        };
        let fresh = !path.exists();
        let mut conn = Connection::open(path).map_err(&db)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(&db)?;
        conn.set_prepared_statement_cache_capacity(64);
        stable_plans(&conn).map_err(&db)?;
        refuse_foreign(&conn, path)?;
        if fresh {
            // Larger pages: fewer B-tree splits for classes of thousands (set before WAL).
            conn.pragma_update(None, "page_size", 16384i64)
                .map_err(&db)?;
            // Said, with where: a typo in --db or the wrong folder starts a
            // new, empty gradebook that nobody would notice (trial of
            // 2026-12-01: students could not log in to a server on one).
            let shown = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            eprintln!(
                "새 성적부를 만들었습니다: {}",
                crate::fsutil::display(&shown)
            );
        }
        // Switching a new database to WAL takes an exclusive lock and SQLite
        // answers "database is locked" at once, without the busy handler, when
        // other processes are opening the same new file: wait and try again.
        retry_busy(Duration::from_secs(30), || {
            conn.pragma_update(None, "journal_mode", "WAL")
        })
        .map_err(&db)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(&db)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(&db)?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        let version = schema_version(&tx, path)?;
        for (i, m) in MIGRATIONS.iter().enumerate().skip(version) {
            tx.execute_batch(m).map_err(&db)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(&db)?;
        }
        tx.commit().map_err(&db)?;
        Ok(Sqlite {
            conn,
            path: path.to_path_buf(),
            lease_ttl: DEFAULT_LEASE_TTL,
        })
    }

    /// Open for a command that only reads (roster list, report, stats, ...):
    /// a missing gradebook is an error (nothing is created), the file is
    /// opened read-only (a read-only file or one another process is writing
    /// is fine), and nothing in it changes. A gradebook of an older schema is
    /// migrated first when it can be written, else read as it is.
    pub fn open_read_only(path: &Path) -> Result<Sqlite> {
        if !path.is_file() {
            return Err(Error::Usage(format!(
                "성적부 {}이(가) 없습니다: --db 경로를 확인하세요 (성적부는 기록하는 명령이 처음 만듭니다)",
                crate::fsutil::display(path)
            )));
        }
        let db = |e| Error::Db {
            path: path.to_path_buf(),
            source: e,
        };
        let read_only =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, read_only).map_err(&db)?;
        conn.busy_timeout(Duration::from_secs(30)).map_err(&db)?;
        conn.set_prepared_statement_cache_capacity(64);
        stable_plans(&conn).map_err(&db)?;
        if let Err(e) = refuse_foreign(&conn, path) {
            // A WAL gradebook in a folder this user cannot write: SQLite cannot
            // make its shared-memory file. Nobody can be writing it then, so
            // read it as an immutable file.
            if !matches!(&e, Error::Db { source: rusqlite::Error::SqliteFailure(f, _), .. }
                if matches!(f.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen))
            {
                return Err(e);
            }
            let uri = format!("file:{}?immutable=1", uri_path(path));
            conn =
                Connection::open_with_flags(uri, read_only | rusqlite::OpenFlags::SQLITE_OPEN_URI)
                    .map_err(&db)?;
            refuse_foreign(&conn, path)?;
        }
        let version = schema_version(&conn, path)?;
        if version < MIGRATIONS.len()
            && let Ok(g) = Sqlite::open(path)
        {
            return Ok(g);
        }
        Ok(Sqlite {
            conn,
            path: path.to_path_buf(),
            lease_ttl: DEFAULT_LEASE_TTL,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradebook::csv_row_key;
    use chrono::NaiveDate;

    /// A gradebook graded before `csv_keys` existed keeps recognizing the
    /// CSV rows it stored (`csv_rows`, 32 hex digits) after the migration.
    #[test]
    fn csv_rows_of_an_older_gradebook_stay_known() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("g.db");
        let db = db_error(&p);
        {
            let conn = Connection::open(&p).map_err(&db)?;
            for m in &MIGRATIONS[..3] {
                conn.execute_batch(m).map_err(&db)?;
            }
            conn.pragma_update(None, "user_version", 3i64)
                .map_err(&db)?;
            conn.execute_batch(
                "INSERT INTO attempts (id, student_id, unit, attempt_no, mode, seed, bank_version, form, origin, started_at, finished_at)
                 VALUES (1, 's1', 'w1', 1, 'exam', '0', 'v', 'x', 'csv', 't', 't');
                 INSERT INTO responses (attempt_id, position, question_id, response) VALUES (1, 0, 'q1', 'r');",
            )
            .map_err(&db)?;
            // As the grader of migration 3 wrote it.
            let mut old = crate::extract::hash_hex(&["s1", "q1", "r"]);
            old.truncate(32);
            conn.execute(
                "INSERT INTO csv_rows (digest, attempt_id, position, source, line) VALUES (?1, 1, 0, 'e.csv', 2)",
                [old],
            )
            .map_err(&db)?;
        }
        let mut g = Sqlite::open(&p)?;
        let bulk = g.bulk()?;
        let known = bulk.csv_keys_known()?;
        assert!(known.contains(&csv_row_key("s1", "q1", "r")));
        assert!(!known.contains(&csv_row_key("s1", "q1", "other")));
        bulk.csv_keys_store(1, &[csv_row_key("s1", "q2", "x")])?;
        assert!(
            bulk.csv_keys_known()?
                .contains(&csv_row_key("s1", "q2", "x"))
        );
        drop(bulk);
        // Foreign keys, off during the bulk write, are checked again.
        let fk: i64 = g
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .map_err(&db)?;
        assert_eq!(fk, 1);
        Ok(())
    }

    /// Cached statements keep their plan whatever id is bound (else the
    /// server's attempt lookup is compiled again on every answer save).
    #[test]
    fn connections_keep_query_plans_across_bound_values() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("g.db");
        let qpsg = rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG;
        let g = Sqlite::open(&p)?;
        assert!(g.conn.db_config(qpsg).map_err(|e| g.db_err(e))?);
        let r = Sqlite::open_read_only(&p)?;
        assert!(r.conn.db_config(qpsg).map_err(|e| r.db_err(e))?);
        Ok(())
    }

    #[test]
    fn migrations_and_leitner() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let p = dir.path().join("g.db");
        let mut g = Sqlite::open(&p)?;
        let g2 = Sqlite::open(&p)?; // re-open: migrations are idempotent
        drop(g2);
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).ok_or_else(|| Error::Usage("date".into()))?;
        g.review_update("s1", "q1", false, d)?;
        assert_eq!(g.due_reviews("s1", d)?, Vec::<String>::new());
        let d1 = d + chrono::Duration::days(1);
        assert_eq!(g.due_reviews("s1", d1)?, vec!["q1".to_string()]);
        g.review_update("s1", "q1", true, d1)?; // box 2: due after 2 days
        assert!(
            g.due_reviews("s1", d1 + chrono::Duration::days(1))?
                .is_empty()
        );
        assert_eq!(
            g.due_reviews("s1", d1 + chrono::Duration::days(2))?.len(),
            1
        );
        for _ in 0..3 {
            g.review_update("s1", "q1", true, d1)?;
        }
        assert!(
            g.due_reviews("s1", d + chrono::Duration::days(100))?
                .is_empty()
        );
        Ok(())
    }
}
