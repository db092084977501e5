//! The PostgreSQL gradebook as the commands see it: one connection, the
//! same methods (and results) as the SQLite [`Gradebook`](crate::gradebook::Gradebook).
//! Methods that only read take `&self` as SQLite's do: the client sits in a
//! `RefCell`.

use super::connect::{query_error, redact};
use crate::error::{Error, Result};
use std::cell::RefCell;

/// An open PostgreSQL gradebook.
pub struct PgBook {
    pub(super) client: RefCell<Conn>,
    pub(super) url: String,
    /// How long an attempt's lease lives without a heartbeat.
    pub(super) lease_ttl: std::time::Duration,
}

impl PgBook {
    /// Connects to `url` and brings its schema to the newest version.
    pub fn open(url: &str) -> Result<PgBook> {
        Ok(PgBook {
            client: RefCell::new(Conn(Some(super::open(url)?))),
            url: url.to_string(),
            lease_ttl: crate::gradebook::DEFAULT_LEASE_TTL,
        })
    }

    /// Connect again when the connection was closed (the server restarted,
    /// a failover, an idle timeout): a long-running `quiz serve` or terminal
    /// quiz goes on instead of failing every request until restarted. A
    /// closed connection is seen once a query failed on it. True when it
    /// connected again.
    pub fn reconnect_if_closed(&self) -> Result<bool> {
        if !self.client.borrow().is_closed() {
            return Ok(false);
        }
        let fresh = super::connect(&self.url)?;
        // The old one is dropped here, off any async runtime (see `Conn`).
        *self.client.borrow_mut() = Conn(Some(fresh));
        Ok(true)
    }

    /// The URL without its password.
    pub fn display(&self) -> String {
        redact(&self.url)
    }

    /// Maps a query error to one line naming the database.
    pub(super) fn err(&self) -> impl Fn(postgres::Error) -> Error + use<> {
        query_error(&self.url)
    }

    /// Every row of a query.
    pub(super) fn query(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<postgres::Row>> {
        self.client
            .borrow_mut()
            .query(sql, params)
            .map_err(self.err())
    }

    /// Runs `f` in one transaction, committed when it returns Ok.
    pub(super) fn transaction<T>(
        &self,
        f: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(self.err())?;
        let out = f(&mut tx)?;
        tx.commit().map_err(self.err())?;
        Ok(out)
    }
}

/// The connection, closed without a panic wherever the gradebook is
/// dropped: closing blocks on the client's own runtime, which panics on a
/// thread that runs async code (a `quiz serve` task, an async test), so
/// there the connection is closed on a thread of its own.
pub(super) struct Conn(Option<postgres::Client>);

impl std::ops::Deref for Conn {
    type Target = postgres::Client;
    fn deref(&self) -> &postgres::Client {
        match &self.0 {
            Some(c) => c,
            None => unreachable!("the connection is only taken when dropped"),
        }
    }
}

impl std::ops::DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut postgres::Client {
        match &mut self.0 {
            Some(c) => c,
            None => unreachable!("the connection is only taken when dropped"),
        }
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(client) = self.0.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            let _ = std::thread::spawn(move || drop(client)).join();
        }
    }
}

/// A count from PostgreSQL (BIGINT) as usize.
pub(super) fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}
