//! Attempt leases: an unfinished attempt is held by one session at a time.
//!
//! A session (one `quiz take` process, one browser session of `quiz serve`)
//! names itself with a random holder token ([`new_holder`]). It claims the
//! attempt before showing it, renews the lease with heartbeats while it waits
//! for the student, and every answer it records is checked against the lease
//! in the same transaction. A lease without a heartbeat for the TTL (2 minutes
//! by default) is free again, so a killed process does not lock a student out.

use super::Sqlite;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use std::time::Duration;

/// How long a lease lives without a heartbeat.
pub const DEFAULT_LEASE_TTL: Duration = Duration::from_secs(120);

/// A new random holder token for one session.
pub fn new_holder() -> String {
    crate::model::form::random_hex(16)
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The lease columns of an attempt: (finished_at, holder, since, last beat).
type LeaseRow = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn lease_row(tx: &rusqlite::Transaction<'_>, attempt: i64) -> rusqlite::Result<Option<LeaseRow>> {
    tx.prepare_cached(
        "SELECT finished_at, lease_holder, lease_since, lease_beat FROM attempts WHERE id = ?1",
    )?
    .query_row([attempt], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })
    .optional()
}

/// Whether a lease last renewed at `beat` is still alive at `now`.
pub(super) fn alive(beat: Option<&str>, now: DateTime<Utc>, ttl: Duration) -> bool {
    let Some(beat) = beat.and_then(|b| DateTime::parse_from_rfc3339(b).ok()) else {
        return false;
    };
    let ttl = chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::MAX);
    now.signed_duration_since(beat.with_timezone(&Utc)) < ttl
}

/// Inside a write transaction: refuse unless the attempt is unfinished and
/// either held by `holder` or free (no lease, or an expired one); then make
/// `holder` the holder with a fresh heartbeat.
pub(super) fn check_holder(
    tx: &rusqlite::Transaction<'_>,
    attempt: i64,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
    db: &impl Fn(rusqlite::Error) -> Error,
) -> Result<()> {
    let Some((finished, current, since, beat)) = lease_row(tx, attempt).map_err(db)? else {
        return Err(Error::Usage(format!("응시 {attempt}이(가) 없습니다")));
    };
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
    tx.prepare_cached(
        "UPDATE attempts SET lease_holder = ?2, lease_since = ?3, lease_beat = ?4 WHERE id = ?1",
    )
    .and_then(|mut st| st.execute(params![attempt, holder, since, stamp(now)]))
    .map_err(db)?;
    Ok(())
}

/// Inside a write transaction: refuse when another unfinished attempt of the
/// same student is held by a live session of someone else and either of the
/// two is an exam. Otherwise a second window (another unit with the same
/// questions, a practice quiz that shows each key) could feed an exam its
/// answers while it runs.
fn exam_elsewhere(
    tx: &rusqlite::Transaction<'_>,
    attempt: i64,
    holder: &str,
    now: DateTime<Utc>,
    ttl: Duration,
    db: &impl Fn(rusqlite::Error) -> Error,
) -> Result<()> {
    let mut st = tx
        .prepare(
            "SELECT o.lease_since, o.lease_beat FROM attempts a JOIN attempts o ON o.student_id = a.student_id
             WHERE a.id = ?1 AND o.id <> a.id AND o.finished_at IS NULL
               AND o.lease_holder IS NOT NULL AND o.lease_holder <> ?2
               AND (a.mode = 'exam' OR o.mode = 'exam')",
        )
        .map_err(db)?;
    let others = st
        .query_map(params![attempt, holder], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
            ))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(db)?;
    match others
        .into_iter()
        .find(|(_, beat)| alive(beat.as_deref(), now, ttl))
    {
        Some((since, _)) => Err(Error::AttemptHeld {
            since: since.unwrap_or_default(),
        }),
        None => Ok(()),
    }
}

impl Sqlite {
    /// How long a lease lives without a heartbeat (tests shorten it).
    pub fn set_lease_ttl(&mut self, ttl: Duration) {
        self.lease_ttl = ttl;
    }

    /// The lease time to live in use.
    pub fn lease_ttl(&self) -> Duration {
        self.lease_ttl
    }

    /// Take the lease of an unfinished attempt for the session `holder`: granted
    /// when the attempt is free, its lease expired (no heartbeat for the TTL), or
    /// `holder` holds it already. Otherwise [`Error::AttemptHeld`] with the time
    /// the other session took it; [`Error::AttemptFinished`] for a finished attempt.
    /// Also refused ([`Error::AttemptHeld`]) while another session holds another
    /// unfinished attempt of the same student and either attempt is an exam:
    /// one window at a time while an exam runs, whatever the unit.
    pub fn claim_attempt(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        let db = super::db_error(&self.path);
        let ttl = self.lease_ttl;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        exam_elsewhere(&tx, attempt, holder, now, ttl, &db)?;
        check_holder(&tx, attempt, holder, now, ttl, &db)?;
        tx.commit().map_err(&db)
    }

    /// Renew `holder`'s lease (call well within the TTL, e.g. every TTL/4).
    /// Fails like [`Sqlite::claim_attempt`] when the lease was lost to
    /// another session after it expired.
    pub fn heartbeat(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        self.with_lease(attempt, holder, now)
    }

    fn with_lease(&mut self, attempt: i64, holder: &str, now: DateTime<Utc>) -> Result<()> {
        let db = super::db_error(&self.path);
        let ttl = self.lease_ttl;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(&db)?;
        check_holder(&tx, attempt, holder, now, ttl, &db)?;
        tx.commit().map_err(&db)
    }

    /// Give the lease up (the session ends without finishing: `q`, end of
    /// input). Does nothing when `holder` does not hold it.
    pub fn release_attempt(&mut self, attempt: i64, holder: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE attempts SET lease_holder = NULL, lease_since = NULL, lease_beat = NULL
                 WHERE id = ?1 AND lease_holder = ?2",
                params![attempt, holder],
            )
            .map_err(|e| self.db_err(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Form, Mode};

    fn book() -> Result<(tempfile::TempDir, Sqlite, i64)> {
        let dir = tempfile::tempdir().map_err(|e| Error::io("tmp", e))?;
        let mut g = Sqlite::open(&dir.path().join("g.db"))?;
        let a = g.start_attempt("s1", "w1", Mode::Exam, |n| Form {
            form_id: format!("s1-w1-{n}"),
            unit: "w1".into(),
            student: "s1".into(),
            seed: 1,
            bank_version: "v".into(),
            items: vec![],
        })?;
        Ok((dir, g, a.id))
    }

    #[test]
    fn a_second_session_cannot_take_a_held_attempt_until_the_lease_expires() -> Result<()> {
        let (_d, mut g, a) = book()?;
        let t0 = Utc::now();
        g.claim_attempt(a, "one", t0)?;
        g.claim_attempt(a, "one", t0)?; // the holder again: fine
        let held = g.claim_attempt(a, "two", t0 + chrono::Duration::seconds(119));
        assert!(matches!(held, Err(Error::AttemptHeld { .. })), "{held:?}");
        g.heartbeat(a, "one", t0 + chrono::Duration::seconds(100))?;
        let held = g.claim_attempt(a, "two", t0 + chrono::Duration::seconds(200));
        assert!(matches!(held, Err(Error::AttemptHeld { .. })), "{held:?}");
        // No heartbeat for 120 s: the lease is free.
        g.claim_attempt(a, "two", t0 + chrono::Duration::seconds(221))?;
        let lost = g.heartbeat(a, "one", t0 + chrono::Duration::seconds(222));
        assert!(matches!(lost, Err(Error::AttemptHeld { .. })), "{lost:?}");
        g.release_attempt(a, "two")?;
        g.claim_attempt(a, "one", t0 + chrono::Duration::seconds(223))?;
        Ok(())
    }

    /// Attack on item 3 with a second window: while an exam ran, a practice
    /// quiz of the same questions under another unit (`w1d1` beside `w1`)
    /// showed each key, and the exam got the right answers. While a live
    /// session holds a student's exam, no other attempt of that student can be
    /// claimed, nor an exam while another session of theirs is live; two
    /// practice windows are fine, and a session that ends or dies frees it.
    #[test]
    fn an_exam_in_progress_blocks_a_second_window_on_another_unit() -> Result<()> {
        let (_d, mut g, exam) = book()?;
        let form = |unit: &str, n: u32| Form {
            form_id: format!("s1-{unit}-{n}"),
            unit: unit.into(),
            student: "s1".into(),
            seed: 1,
            bank_version: "v".into(),
            items: vec![],
        };
        let practice = g
            .start_attempt("s1", "w1d1", Mode::Practice, |n| form("w1d1", n))?
            .id;
        let other = g.start_attempt("s2", "w1d1", Mode::Practice, |n| Form {
            form_id: format!("s2-w1d1-{n}"),
            student: "s2".into(),
            ..form("w1d1", n)
        })?;
        let t0 = Utc::now();
        g.claim_attempt(exam, "one", t0)?;
        let held = g.claim_attempt(practice, "two", t0);
        assert!(matches!(held, Err(Error::AttemptHeld { .. })), "{held:?}");
        // Another student is not concerned.
        g.claim_attempt(other.id, "three", t0)?;
        // The exam's session dies: after the TTL the practice may start...
        let later = t0 + chrono::Duration::seconds(121);
        g.claim_attempt(practice, "two", later)?;
        // ... and now the exam cannot be resumed beside it.
        let held = g.claim_attempt(exam, "four", later);
        assert!(matches!(held, Err(Error::AttemptHeld { .. })), "{held:?}");
        g.release_attempt(practice, "two")?;
        g.claim_attempt(exam, "four", later)?;
        // Two practice windows of one student are fine.
        g.release_attempt(exam, "four")?;
        let third = g
            .start_attempt("s1", "w2", Mode::Practice, |n| form("w2", n))?
            .id;
        g.claim_attempt(practice, "two", later)?;
        g.claim_attempt(third, "five", later)?;
        Ok(())
    }

    #[test]
    fn two_sessions_starting_at_once_share_one_unfinished_attempt() -> Result<()> {
        let (_d, mut g, a) = book()?;
        let again = g.start_attempt("s1", "w1", Mode::Exam, |_| Form {
            form_id: "other".into(),
            unit: "w1".into(),
            student: "s1".into(),
            seed: 2,
            bank_version: "v".into(),
            items: vec![],
        })?;
        assert_eq!(again.id, a);
        assert_eq!(g.attempts("s1", "w1")?.len(), 1);
        Ok(())
    }

    #[test]
    fn an_answer_from_a_session_without_the_lease_or_after_finish_is_refused() -> Result<()> {
        let (_d, mut g, a) = book()?;
        let r = crate::score::Response::Skipped;
        let st = crate::score::Status::Auto;
        g.claim_attempt(a, "one", Utc::now())?;
        let refused = g.record(a, "two", 0, "q", &r, 0.0, 1.0, st);
        assert!(matches!(refused, Err(Error::AttemptHeld { .. })));
        g.record(a, "one", 0, "q", &r, 0.0, 1.0, st)?;
        g.finish(a, "one")?;
        for holder in ["one", "two"] {
            let refused = g.record(a, holder, 0, "q", &r, 1.0, 1.0, st);
            assert!(
                matches!(refused, Err(Error::AttemptFinished { .. })),
                "{refused:?}"
            );
        }
        assert!(matches!(
            g.finish(a, "one"),
            Err(Error::AttemptFinished { .. })
        ));
        assert_eq!(g.responses(a)?[0].points, Some(0.0));
        Ok(())
    }
}
