//! Attempt leases in PostgreSQL: the attempt row is locked (`SELECT … FOR
//! UPDATE`) for the length of the transaction that checks and renews its
//! lease, so two servers answering for the same attempt at once are put in
//! line by the database, and the second sees the first's lease.

use super::book::PgBook;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use std::time::Duration;

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Whether a lease last renewed at `beat` is still alive at `now`.
pub(super) fn alive(beat: Option<&str>, now: DateTime<Utc>, ttl: Duration) -> bool {
    let Some(beat) = beat.and_then(|b| DateTime::parse_from_rfc3339(b).ok()) else {
        return false;
    };
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX);
    now.signed_duration_since(beat.with_timezone(&Utc)) < ttl
}

/// Inside a transaction: lock the attempt, refuse unless it is unfinished
/// and either held by `holder` or free (no lease, or an expired one); then
/// make `holder` the holder with a fresh heartbeat.
pub(super) fn check_holder(
    tx: &mut postgres::Transaction<'_>,
    attempt: i64,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
    err: &impl Fn(postgres::Error) -> Error,
) -> Result<()> {
    let Some(row) = tx
        .query_opt(
            "SELECT finished_at, lease_holder, lease_since, lease_beat FROM attempts WHERE id = $1 FOR UPDATE",
            &[&attempt],
        )
        .map_err(err)?
    else {
        return Err(Error::Usage(format!("응시 {attempt}이(가) 없습니다")));
    };
    let (finished, current, since, beat): (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = (row.get(0), row.get(1), row.get(2), row.get(3));
    if let Some(finished_at) = finished {
        return Err(Error::AttemptFinished { finished_at });
    }
    let mine = current.as_deref() == Some(holder);
    if !mine && current.is_some() && alive(beat.as_deref(), now, ttl) {
        return Err(Error::AttemptHeld {
            since: since.unwrap_or_default(),
        });
    }
    let since = if mine {
        since.unwrap_or_else(|| stamp(now))
    } else {
        stamp(now)
    };
    tx.execute(
        "UPDATE attempts SET lease_holder = $2, lease_since = $3, lease_beat = $4 WHERE id = $1",
        &[&attempt, &holder, &since, &stamp(now)],
    )
    .map_err(err)?;
    Ok(())
}

/// Refuse when another unfinished attempt of the same student is held by a
/// live session of someone else and either of the two is an exam.
fn exam_elsewhere(
    tx: &mut postgres::Transaction<'_>,
    attempt: i64,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
    err: &impl Fn(postgres::Error) -> Error,
) -> Result<()> {
    let others = tx
        .query(
            "SELECT o.lease_since, o.lease_beat FROM attempts a JOIN attempts o ON o.student_id = a.student_id
             WHERE a.id = $1 AND o.id <> a.id AND o.finished_at IS NULL
               AND o.lease_holder IS NOT NULL AND o.lease_holder <> $2
               AND (a.mode = 'exam' OR o.mode = 'exam')",
            &[&attempt, &holder],
        )
        .map_err(err)?;
    match others.iter().find(|r| alive(r.get(1), now, ttl)) {
        Some(r) => Err(Error::AttemptHeld {
            since: r.get::<_, Option<String>>(0).unwrap_or_default(),
        }),
        None => Ok(()),
    }
}

impl PgBook {
    /// How long a lease lives without a heartbeat (tests shorten it).
    pub fn set_lease_ttl(&mut self, ttl: Duration) {
        self.lease_ttl = ttl;
    }

    /// The lease time to live in use.
    pub fn lease_ttl(&self) -> Duration {
        self.lease_ttl
    }

    /// Take the lease of an unfinished attempt for the session `holder` (see
    /// the SQLite gradebook's `claim_attempt`).
    /// Also refused while another session holds another unfinished attempt
    /// of the same student and either is an exam; claims of one student are
    /// put in line (an advisory lock on the student) so two servers cannot
    /// both pass that check at once.
    pub fn claim_attempt(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        let err = self.err();
        let ttl = self.lease_ttl;
        self.transaction(|tx| {
            tx.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('student' || chr(31) || student_id, 0))
                 FROM attempts WHERE id = $1",
                &[&attempt],
            )
            .map_err(&err)?;
            exam_elsewhere(tx, attempt, holder, now, ttl, &err)?;
            check_holder(tx, attempt, holder, now, ttl, &err)
        })
    }

    /// Renew `holder`'s lease.
    pub fn heartbeat(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        self.with_lease(attempt, holder, now)
    }

    fn with_lease(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        let err = self.err();
        let ttl = self.lease_ttl;
        self.transaction(|tx| check_holder(tx, attempt, holder, now, ttl, &err))
    }

    /// Give the lease up; does nothing when `holder` does not hold it.
    pub fn release_attempt(&mut self, attempt: i64, holder: &str) -> Result<()> {
        self.query(
            "UPDATE attempts SET lease_holder = NULL, lease_since = NULL, lease_beat = NULL
             WHERE id = $1 AND lease_holder = $2",
            &[&attempt, &holder],
        )?;
        Ok(())
    }
}
