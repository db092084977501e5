//! `quiz gradebook copy`: moves a class between a SQLite gradebook file and a
//! PostgreSQL gradebook, either way, every table and row as it is (row ids
//! included, so reports before and after are the same bytes). Both sides are
//! first brought to the newest schema; the destination must be empty; the
//! whole copy is one transaction on the destination, so a failure leaves it
//! as it was. PostgreSQL is written with `COPY … FROM STDIN` and read with
//! `COPY … TO STDOUT` (text format), its bulk idiom.

use super::connect::{query_error, redact};
use crate::error::{Error, Result};
use crate::gradebook::sqlite::Sqlite as Gradebook;
use rusqlite::types::{Value, ValueRef};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

/// Tables that others refer to, copied first; the rest follow by name.
const FIRST: &[&str] = &["students", "attempts", "forms"];

/// Rows copied, per table, in the order copied.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied(pub Vec<(String, u64)>);

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(t, n)| format!("{t} {n}")).collect();
        f.write_str(&parts.join(", "))
    }
}

fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |source| Error::Db {
        path: path.clone(),
        source,
    }
}

/// The gradebook's tables in copy order.
fn tables(gb: &Gradebook) -> Result<Vec<String>> {
    let mut names: Vec<String> = gb.query_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        [],
        |r| r.get(0),
    )?;
    names.sort_by_key(|n| FIRST.iter().position(|f| f == n).unwrap_or(FIRST.len()));
    // Then parents before the tables that reference them (web_quizzes before
    // web_attempts), whatever their names: each pass takes, in that order,
    // the tables whose parents are all placed.
    let mut parents: Vec<(String, Vec<String>)> = Vec::new();
    for n in &names {
        let of: Vec<String> = gb.query_all(
            "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
            [n],
            |r| r.get(0),
        )?;
        parents.push((n.clone(), of.into_iter().filter(|p| p != n).collect()));
    }
    let mut order: Vec<String> = Vec::with_capacity(names.len());
    while !parents.is_empty() {
        let before = parents.len();
        let mut i = 0;
        while i < parents.len() {
            let ready = parents[i]
                .1
                .iter()
                .all(|p| order.contains(p) || !names.contains(p));
            if ready {
                order.push(parents.remove(i).0);
            } else {
                i += 1;
            }
        }
        if parents.len() == before {
            // A cycle (none in this schema): the rest as they are.
            order.extend(parents.drain(..).map(|(n, _)| n));
        }
    }
    Ok(order)
}

fn sqlite_columns(gb: &Gradebook, table: &str) -> Result<Vec<String>> {
    gb.query_all(
        "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        [table],
        |r| r.get(0),
    )
}

/// PostgreSQL's columns of `table`: (name, whether it is `bytea`).
fn pg_columns(
    client: &mut postgres::Client,
    url: &str,
    table: &str,
) -> Result<Vec<(String, bool)>> {
    let rows = client
        .query(
            "SELECT column_name::text, data_type = 'bytea' FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            &[&table],
        )
        .map_err(query_error(url))?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// What is copied of one table.
struct Plan {
    table: String,
    /// Column names, in SQLite's order.
    cols: Vec<String>,
    /// Which of them are binary (`bytea` in PostgreSQL, BLOB in SQLite).
    binary: Vec<bool>,
    /// The column written last, after every table (see [`DEFERRED`]).
    deferred: Option<usize>,
}

/// `attempts.finished_at` is written after every other row: a finished
/// attempt takes no new answers (the immutability triggers), so attempts go
/// in unfinished, their answers follow, and then they finish as they were.
const DEFERRED: (&str, &str, &str) = ("attempts", "id", "finished_at");

/// The columns both sides share; an error when they differ.
fn plan(gb: &Gradebook, client: &mut postgres::Client, url: &str, table: &str) -> Result<Plan> {
    let ours = sqlite_columns(gb, table)?;
    let pg = pg_columns(client, url, table)?;
    let mut theirs: Vec<String> = pg.iter().map(|(n, _)| n.clone()).collect();
    let mut sorted = ours.clone();
    sorted.sort();
    theirs.sort();
    if sorted != theirs {
        return Err(Error::Usage(format!(
            "표 {table}: SQLite 열({})과 PostgreSQL 열({})이 다릅니다: 스키마 버전이 맞지 않습니다",
            sorted.join(", "),
            theirs.join(", ")
        )));
    }
    let binary = ours
        .iter()
        .map(|c| pg.iter().any(|(n, b)| n == c && *b))
        .collect();
    let deferred = (table == DEFERRED.0)
        .then(|| ours.iter().position(|c| c == DEFERRED.2))
        .flatten()
        .filter(|_| ours.iter().any(|c| c == DEFERRED.1));
    Ok(Plan {
        table: table.to_string(),
        cols: ours,
        binary,
        deferred,
    })
}

fn quoted(cols: &[String]) -> String {
    cols.iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One value in COPY text format.
fn copy_text(v: ValueRef<'_>, out: &mut Vec<u8>) -> std::result::Result<(), String> {
    match v {
        ValueRef::Null => out.extend_from_slice(b"\\N"),
        ValueRef::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(f) => out.extend_from_slice(f.to_string().as_bytes()),
        ValueRef::Text(t) => {
            for &b in t {
                match b {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b => out.push(b),
                }
            }
        }
        ValueRef::Blob(b) => {
            out.extend_from_slice(b"\\\\x");
            for byte in b {
                out.extend_from_slice(format!("{byte:02x}").as_bytes());
            }
        }
    }
    Ok(())
}

/// One field of a COPY text line back to a SQLite value (text; the column's
/// type affinity turns numbers back into numbers).
fn from_copy_text(field: &[u8], binary: bool) -> Value {
    if field == b"\\N" {
        return Value::Null;
    }
    let mut out = Vec::with_capacity(field.len());
    let mut it = field.iter();
    while let Some(&b) = it.next() {
        if b == b'\\' {
            match it.next() {
                Some(b'n') => out.push(b'\n'),
                Some(b'r') => out.push(b'\r'),
                Some(b't') => out.push(b'\t'),
                Some(b'b') => out.push(8),
                Some(b'f') => out.push(12),
                Some(b'v') => out.push(11),
                Some(&c) => out.push(c),
                None => out.push(b'\\'),
            }
        } else {
            out.push(b);
        }
    }
    if binary && let Some(hex) = out.strip_prefix(b"\\x") {
        let bytes: Option<Vec<u8>> = hex
            .chunks(2)
            .map(|pair| {
                std::str::from_utf8(pair)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect();
        if let Some(bytes) = bytes {
            return Value::Blob(bytes);
        }
    }
    Value::Text(String::from_utf8_lossy(&out).into_owned())
}

fn ensure_empty_pg(tx: &mut postgres::Transaction<'_>, url: &str, tables: &[String]) -> Result<()> {
    for t in tables {
        let n: i64 = tx
            .query_one(&format!("SELECT count(*) FROM \"{t}\""), &[])
            .map_err(query_error(url))?
            .get(0);
        if n > 0 {
            return Err(Error::Usage(format!(
                "{}: 대상 성적부가 비어 있지 않습니다 ({t}에 {n}행): 아무것도 복사하지 않았습니다",
                redact(url)
            )));
        }
    }
    Ok(())
}

/// Copies the SQLite gradebook `from` into the empty PostgreSQL gradebook `to`.
pub fn sqlite_to_pg(from: &Path, to: &str) -> Result<Copied> {
    let src = Gradebook::open_read_only(from)?;
    let mut client = super::open(to)?;
    let tables = tables(&src)?;
    let mut plans = Vec::new();
    for t in &tables {
        plans.push(plan(&src, &mut client, to, t)?);
    }
    let err = query_error(to);
    let io_err = |e: std::io::Error| Error::Pg {
        url: redact(to),
        message: format!("COPY: {e}"),
    };
    let mut tx = client.transaction().map_err(&err)?;
    ensure_empty_pg(&mut tx, to, &tables)?;
    let mut copied = Copied::default();
    // (id, finished_at) of every attempt, as COPY text lines, written last.
    let mut finishes: Vec<u8> = Vec::new();
    for p in &plans {
        let table = &p.table;
        let mut st = src
            .conn
            .prepare(&format!("SELECT {} FROM \"{table}\"", quoted(&p.cols)))
            .map_err(sqlite_err(from))?;
        let mut rows = st.query([]).map_err(sqlite_err(from))?;
        let mut w = tx
            .copy_in(&format!(
                "COPY \"{table}\" ({}) FROM STDIN",
                quoted(&p.cols)
            ))
            .map_err(&err)?;
        let id_col = p.cols.iter().position(|c| c == DEFERRED.1);
        let mut line = Vec::new();
        let mut n = 0u64;
        while let Some(row) = rows.next().map_err(sqlite_err(from))? {
            line.clear();
            for (i, col) in p.cols.iter().enumerate() {
                if i > 0 {
                    line.push(b'\t');
                }
                let v = row.get_ref(i).map_err(sqlite_err(from))?;
                let deferred = p.deferred == Some(i);
                let into = if deferred {
                    line.extend_from_slice(b"\\N");
                    &mut finishes
                } else {
                    &mut line
                };
                if deferred {
                    if matches!(v, ValueRef::Null) {
                        continue;
                    }
                    if let Some(id) = id_col {
                        let idv = row.get_ref(id).map_err(sqlite_err(from))?;
                        copy_text(idv, into).ok();
                        into.push(b'\t');
                    }
                }
                copy_text(v, into).map_err(|what| {
                    Error::Usage(format!(
                        "{}: {table}.{col}: {what}",
                        crate::fsutil::display(from)
                    ))
                })?;
                if deferred {
                    into.push(b'\n');
                }
            }
            line.push(b'\n');
            w.write_all(&line).map_err(io_err)?;
            n += 1;
        }
        w.finish().map_err(&err)?;
        copied.0.push((table.clone(), n));
    }
    tx.batch_execute(
        "CREATE TEMPORARY TABLE quiz_finishes (id BIGINT PRIMARY KEY, finished_at TEXT) ON COMMIT DROP",
    )
    .map_err(&err)?;
    let mut w = tx
        .copy_in("COPY quiz_finishes (id, finished_at) FROM STDIN")
        .map_err(&err)?;
    w.write_all(&finishes).map_err(io_err)?;
    w.finish().map_err(&err)?;
    tx.batch_execute(
        "UPDATE attempts a SET finished_at = f.finished_at FROM quiz_finishes f WHERE a.id = f.id",
    )
    .map_err(&err)?;
    // Row ids were copied as they are: move each identity past the largest.
    let ids = tx
        .query(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
            &[],
        )
        .map_err(&err)?;
    for r in ids {
        let (table, col): (String, String) = (r.get(0), r.get(1));
        tx.execute(
            &format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), m) FROM (SELECT MAX(\"{col}\") AS m FROM \"{table}\") s WHERE m IS NOT NULL"
            ),
            &[&table, &col],
        )
        .map_err(&err)?;
    }
    verify_pg(&mut tx, to, &copied)?;
    tx.commit().map_err(&err)?;
    Ok(copied)
}

fn verify_pg(tx: &mut postgres::Transaction<'_>, url: &str, copied: &Copied) -> Result<()> {
    for (t, n) in &copied.0 {
        let have: i64 = tx
            .query_one(&format!("SELECT count(*) FROM \"{t}\""), &[])
            .map_err(query_error(url))?
            .get(0);
        if u64::try_from(have).ok() != Some(*n) {
            return Err(Error::Pg {
                url: redact(url),
                message: format!("{t}: {n}행을 보냈는데 {have}행이 있습니다: 복사를 취소했습니다"),
            });
        }
    }
    Ok(())
}

/// Copies the PostgreSQL gradebook `from` into the SQLite gradebook `to`
/// (created when missing; it must be empty).
pub fn pg_to_sqlite(from: &str, to: &Path) -> Result<Copied> {
    // The source is read, never made: a database without a gradebook (an
    // empty one, a wrong name) is refused before anything is created in it.
    let mut client = super::connect(from)?;
    let ours = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
        .map_err(query_error(from))?
        .get::<_, bool>(0);
    if !ours {
        return Err(Error::Pg {
            url: redact(from),
            message: "원본에 quiz 성적부가 없습니다 (schema_version 테이블이 없습니다): 아무것도 복사하지 않았고 원본도 바꾸지 않았습니다".into(),
        });
    }
    super::schema::migrate(&mut client, from)?;
    let mut dst = Gradebook::open(to)?;
    let tables = tables(&dst)?;
    let mut plans = Vec::new();
    for t in &tables {
        plans.push(plan(&dst, &mut client, from, t)?);
    }
    let e = sqlite_err(to);
    for t in &tables {
        let n: i64 = dst
            .conn
            .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
            .map_err(&e)?;
        if n > 0 {
            return Err(Error::Usage(format!(
                "{}: 대상 성적부가 비어 있지 않습니다 ({t}에 {n}행): 아무것도 복사하지 않았습니다",
                crate::fsutil::display(to)
            )));
        }
    }
    let err = query_error(from);
    let copy_err = |io: std::io::Error| Error::Pg {
        url: redact(from),
        message: format!("COPY: {io}"),
    };
    // One snapshot of the source for every table.
    let mut src = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(&err)?;
    let tx = dst
        .conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(&e)?;
    let mut copied = Copied::default();
    let mut finishes: Vec<(Value, Value)> = Vec::new();
    for p in &plans {
        let (table, cols) = (&p.table, &p.cols);
        let placeholders = (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut ins = tx
            .prepare(&format!(
                "INSERT INTO \"{table}\" ({}) VALUES ({placeholders})",
                quoted(cols)
            ))
            .map_err(&e)?;
        let reader = src
            .copy_out(&format!(
                "COPY (SELECT {} FROM \"{table}\") TO STDOUT",
                quoted(cols)
            ))
            .map_err(&err)?;
        let id_col = cols.iter().position(|c| c == DEFERRED.1);
        let mut n = 0u64;
        for line in BufReader::new(reader).split(b'\n') {
            let line = line.map_err(copy_err)?;
            let mut values: Vec<Value> = line
                .split(|&b| b == b'\t')
                .enumerate()
                .map(|(i, f)| from_copy_text(f, p.binary.get(i).copied().unwrap_or(false)))
                .collect();
            if values.len() != cols.len() {
                return Err(Error::Pg {
                    url: redact(from),
                    message: format!(
                        "{table}: COPY line with {} fields, expected {}",
                        values.len(),
                        cols.len()
                    ),
                });
            }
            if let (Some(d), Some(id)) = (p.deferred, id_col) {
                let finished = std::mem::replace(&mut values[d], Value::Null);
                if finished != Value::Null {
                    finishes.push((values[id].clone(), finished));
                }
            }
            ins.execute(rusqlite::params_from_iter(values))
                .map_err(&e)?;
            n += 1;
        }
        copied.0.push((table.clone(), n));
    }
    {
        let mut finish = tx
            .prepare(&format!(
                "UPDATE \"{}\" SET \"{}\" = ?2 WHERE \"{}\" = ?1",
                DEFERRED.0, DEFERRED.2, DEFERRED.1
            ))
            .map_err(&e)?;
        for (id, at) in finishes {
            finish.execute(rusqlite::params![id, at]).map_err(&e)?;
        }
    }
    for (t, n) in &copied.0 {
        let have: i64 = tx
            .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
            .map_err(&e)?;
        if u64::try_from(have).ok() != Some(*n) {
            return Err(Error::Usage(format!(
                "{}: {t}: {n}행을 받았는데 {have}행이 있습니다: 복사를 취소했습니다",
                crate::fsutil::display(to)
            )));
        }
    }
    tx.commit().map_err(&e)?;
    src.commit().map_err(&err)?;
    Ok(copied)
}

/// `quiz gradebook copy --from A --to B`: one side a file, the other a URL.
pub fn run(from: &str, to: &str, out: &mut dyn Write) -> Result<()> {
    // A mistyped address is said as such (never taken for a file name).
    for side in [from, to] {
        if let Some(why) = super::connect::not_a_gradebook(side) {
            return Err(Error::Usage(why));
        }
    }
    let copied = match (super::is_url(from), super::is_url(to)) {
        (false, true) => sqlite_to_pg(Path::new(from), to)?,
        (true, false) => pg_to_sqlite(from, Path::new(to))?,
        _ => {
            return Err(Error::Usage(
                "quiz gradebook copy: --from와 --to 중 하나는 SQLite 파일, 하나는 postgres:// URL이어야 합니다".into(),
            ));
        }
    };
    writeln!(
        out,
        "{} -> {}: 복사했습니다 ({copied})",
        if super::is_url(from) {
            redact(from)
        } else {
            from.to_string()
        },
        if super::is_url(to) {
            redact(to)
        } else {
            to.to_string()
        },
    )
    .map_err(|e| Error::io("stdout", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_round_trips_every_special_byte() {
        let text = "a\\b\tc\nd\re 한글 \\N";
        let mut line = Vec::new();
        copy_text(ValueRef::Text(text.as_bytes()), &mut line).ok();
        assert!(!line.contains(&b'\t') && !line.contains(&b'\n'));
        assert_eq!(from_copy_text(&line, false), Value::Text(text.to_string()));
        let mut null = Vec::new();
        copy_text(ValueRef::Null, &mut null).ok();
        assert_eq!(from_copy_text(&null, false), Value::Null);
        let mut blob = Vec::new();
        copy_text(ValueRef::Blob(&[0, 0x1f, 0xff]), &mut blob).ok();
        assert_eq!(blob, b"\\\\x001fff");
        assert_eq!(
            from_copy_text(&blob, true),
            Value::Blob(vec![0, 0x1f, 0xff])
        );
    }
}
