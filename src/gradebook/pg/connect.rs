//! Connecting to a PostgreSQL gradebook: the `--db postgres://…` URL, a
//! connect timeout (a server that never answers is an error, never a hang),
//! and one clear line for each way a connection fails (wrong password,
//! missing database, server down or unreachable). Passwords never appear in
//! a message.

use crate::error::{Error, Result};
use postgres::error::SqlState;
use std::time::Duration;

/// How long a connection may take when the URL does not say (`connect_timeout=N`).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub fn is_url(db: &str) -> bool {
    let lower = |n: usize| db.get(..n).map(str::to_ascii_lowercase);
    lower(11).as_deref() == Some("postgres://") || lower(13).as_deref() == Some("postgresql://")
}

/// `--db` text that is neither a PostgreSQL URL nor meant as a file: another
/// scheme (`postgre://`, `mysql://`) or a libpq `key=value` string. Said
/// before anything is opened, without its password.
pub fn not_a_gradebook(db: &str) -> Option<String> {
    if is_url(db) {
        return None;
    }
    let shown = redact_loose(db);
    let lower = db.to_ascii_lowercase();
    if db.contains("://") || lower.starts_with("postgres:") || lower.starts_with("postgresql:") {
        return Some(format!(
            "--db {shown}: PostgreSQL 주소는 postgres:// 로 시작합니다 (예: postgres://user:pass@host:5432/quiz); 파일이면 ://이 없는 경로를 쓰세요"
        ));
    }
    let conninfo = db.split_whitespace().any(|w| {
        ["host=", "dbname=", "user=", "password=", "port="]
            .iter()
            .any(|k| w.starts_with(k))
    });
    conninfo.then(|| {
        format!(
            "--db {shown}: key=value 연결 문자열은 지원하지 않습니다; postgres://user:pass@host:5432/quiz 형식의 URL로 쓰세요"
        )
    })
}

/// `text` with anything that looks like a password taken out: the part
/// between `user:` and `@` after `//`, and the value of `password=`. For
/// messages about text that is not a URL this tool reads (a mistyped one).
pub fn redact_loose(text: &str) -> String {
    let mut out = mask_password_values(text);
    // `user:secret@host`, after `//`, `:/` or the start: the part from the
    // last `/` before the `@` on.
    if let Some(at) = out.rfind('@') {
        let head = &out[..at];
        let start = head.rfind('/').map_or(0, |i| i + 1);
        if let Some(c) = head[start..].find(':') {
            out = format!("{}{}", &out[..start + c], &out[at..]);
        }
    }
    out
}

/// `text` with the value of every `password=` (a libpq key, a URL query
/// parameter) replaced by `***`, quoted values whole.
fn mask_password_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.to_ascii_lowercase().find("password=") {
        let from = i + "password=".len();
        out.push_str(&rest[..from]);
        out.push_str("***");
        let value = &rest[from..];
        let end = if let Some(q) = value.strip_prefix('\'') {
            q.find('\'').map_or(value.len(), |e| e + 2)
        } else {
            value
                .find(|c: char| c.is_whitespace() || c == '&')
                .unwrap_or(value.len())
        };
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    // `?password=…` in the query is a password too.
    let masked = mask_password_values(url);
    let url = masked.as_str();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, rest),
    };
    match auth {
        Some(a) => {
            let user = a.split_once(':').map_or(a, |(u, _)| u);
            format!("{scheme}://{user}@{host}")
        }
        None => format!("{scheme}://{host}"),
    }
}

fn fail(url: &str, message: String) -> Error {
    Error::Pg {
        url: redact(url),
        message,
    }
}

/// The first I/O error in `e`'s chain of causes.
fn io_cause(e: &postgres::Error) -> Option<&std::io::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(c) = cur {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        cur = c.source();
    }
    None
}

/// One line saying why connecting failed.
fn connect_error(url: &str, config: &postgres::Config, e: &postgres::Error) -> Error {
    let user = config.get_user().unwrap_or("?");
    let dbname = config.get_dbname().unwrap_or(user);
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let message = if *code == SqlState::INVALID_PASSWORD {
            format!("비밀번호가 틀렸습니다 (사용자 {user})")
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            format!("데이터베이스 \"{dbname}\"이(가) 없습니다 (createdb {dbname} 로 만드세요)")
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            format!("사용자 {user}의 접속이 거부되었습니다: {}", db.message())
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            format!("서버의 연결 수가 가득 찼습니다: {}", db.message())
        } else {
            format!("연결할 수 없습니다: {} ({})", db.message(), code.code())
        };
        return fail(url, message);
    }
    if let Some(io) = io_cause(e) {
        let message = match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                "서버에 연결할 수 없습니다: 연결 거부 (서버가 꺼져 있거나 포트가 다릅니다)"
                    .to_string()
            }
            std::io::ErrorKind::TimedOut => format!(
                "서버가 {}초 안에 응답하지 않았습니다 (connect timeout)",
                config
                    .get_connect_timeout()
                    .copied()
                    .unwrap_or(DEFAULT_CONNECT_TIMEOUT)
                    .as_secs()
            ),
            _ => format!("서버에 연결할 수 없습니다: {io}"),
        };
        return fail(url, message);
    }
    let text = e.to_string();
    if text.contains("timed out") || text.contains("timeout") {
        return fail(
            url,
            "서버가 제시간에 응답하지 않았습니다 (connect timeout)".to_string(),
        );
    }
    fail(url, format!("연결할 수 없습니다: {text}"))
}

/// Connects to the database `url` names, with a connect timeout.
pub fn connect(url: &str) -> Result<postgres::Client> {
    // The scheme in any case (`Postgres://`), as URLs allow.
    let lowered = match url.split_once("://") {
        Some((scheme, rest)) => format!("{}://{rest}", scheme.to_ascii_lowercase()),
        None => url.to_string(),
    };
    let mut config: postgres::Config = lowered.parse().map_err(|e| {
        Error::Usage(format!(
            "--db {}: PostgreSQL URL이 아닙니다 ({e}); 예: postgres://user:pass@host:5432/quiz",
            redact(url)
        ))
    })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(DEFAULT_CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("quiz");
    }
    // The client's own timeout covers reaching the server; a server that
    // accepts and then never answers the handshake is cut off here.
    let limit = config
        .get_connect_timeout()
        .copied()
        .unwrap_or(DEFAULT_CONNECT_TIMEOUT);
    let (send, receive) = std::sync::mpsc::channel();
    let attempt = config.clone();
    std::thread::spawn(move || {
        let _ = send.send(attempt.connect(postgres::NoTls));
    });
    match receive.recv_timeout(limit) {
        Ok(result) => result.map_err(|e| connect_error(url, &config, &e)),
        Err(_) => Err(fail(
            url,
            format!(
                "서버가 {}초 안에 응답하지 않았습니다 (connect timeout)",
                limit.as_secs()
            ),
        )),
    }
}

/// Maps a query error on `url`'s database to one line.
pub fn query_error(url: &str) -> impl Fn(postgres::Error) -> Error + use<> {
    let url = url.to_string();
    move |e| {
        let message = match e.as_db_error() {
            Some(db) => format!("{} ({})", db.message(), db.code().code()),
            None => e.to_string(),
        };
        fail(&url, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("postgres://u:p@h:5432/d"));
        assert!(is_url("postgresql://h/d"));
        assert!(!is_url("gradebook.db"));
        assert!(!is_url("./postgres/gradebook.db"));
        assert!(is_url("Postgres://u:p@h/d"));
        assert!(is_url("POSTGRESQL://h/d"));
        for (text, said) in [
            (
                "postgre://quiz:topsecret@h:5/class",
                "postgre://quiz@h:5/class",
            ),
            (
                "postgres//quiz:topsecret@h:5/class",
                "postgres//quiz@h:5/class",
            ),
            ("host=h password=topsecret dbname=class", "password=***"),
        ] {
            assert!(redact_loose(text).contains(said), "{text}");
            assert!(!redact_loose(text).contains("topsecret"), "{text}");
        }
        // A password in the query, a URL with one slash, a quoted libpq value.
        assert_eq!(
            redact("postgres://localhost:1/x?password=Sup3rSecret&sslmode=off"),
            "postgres://localhost:1/x?password=***&sslmode=off"
        );
        for text in [
            "postgres:/u:Sup3rSecret@localhost/x",
            "host=localhost password='Sup3r Secret' user=u",
            "postgres://localhost:1/x?PASSWORD=Sup3rSecret",
        ] {
            let shown = redact_loose(text);
            assert!(
                !shown.contains("Sup3r") && !shown.contains("Secret"),
                "{shown}"
            );
        }
        assert!(not_a_gradebook("postgres:/u:Sup3rSecret@localhost/x").is_some());
        let why = not_a_gradebook("postgre://quiz:topsecret@h:5/class").expect("refused");
        assert!(why.contains("postgres:// 로 시작합니다") && !why.contains("topsecret"));
        let why = not_a_gradebook("host=h password=topsecret dbname=class").expect("refused");
        assert!(why.contains("key=value") && !why.contains("topsecret"));
        assert_eq!(not_a_gradebook("gradebook.db"), None);
        assert_eq!(not_a_gradebook("postgres://u:p@h/d"), None);
    }

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact("postgres://quiz:s3cret@db.example:5432/class"),
            "postgres://quiz@db.example:5432/class"
        );
        assert_eq!(
            redact("postgres://db.example/class"),
            "postgres://db.example/class"
        );
        assert_eq!(redact("postgres://quiz@h/c"), "postgres://quiz@h/c");
        // Commands name their --db with fsutil::display.
        assert_eq!(
            crate::fsutil::display(std::path::Path::new("postgres://quiz:s3cret@h:5432/c")),
            "postgres://quiz@h:5432/c"
        );
    }

    #[test]
    fn a_bad_url_is_a_usage_error_without_the_password() {
        let e = connect("postgres://quiz:s3cret@h:notaport/c").err();
        let text = e.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(text.contains("PostgreSQL URL이 아닙니다"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
        assert_eq!(e.map(|e| e.exit_code()), Some(2));
    }
}
