//! Unit ids from document paths: `week_05/README.md` -> `w5`,
//! `week_03/day5/README.md` -> `w3d5`, `week_03/day5/session_08.md` -> `w3d5s8`.

use std::path::Path;

/// Where a document sits in the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    /// Week number.
    pub week: u32,
    /// Day number, for day overviews and sessions.
    pub day: Option<u32>,
    /// Session number, for session notes.
    pub session: Option<u32>,
}

impl Unit {
    /// The unit id (`w3d5s8`).
    pub fn id(&self) -> String {
        let mut s = format!("w{}", self.week);
        if let Some(d) = self.day {
            s.push_str(&format!("d{d}"));
        }
        if let Some(n) = self.session {
            s.push_str(&format!("s{n}"));
        }
        s
    }
}

fn number_after(s: &str, prefix: &str) -> Option<u32> {
    let rest = s.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('_').unwrap_or(rest);
    if rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    rest.parse().ok()
}

/// The unit of a document from its path relative to the curriculum folder, or
/// `None` when the path is not `week_NN/README.md`, `week_NN/dayN/README.md` or
/// `week_NN/dayN/session_NN.md`.
pub fn from_path(rel: &Path) -> Option<Unit> {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_lowercase())
        .collect();
    let stem = |f: &str| f.strip_suffix(".md").map(str::to_string);
    match parts.as_slice() {
        [w, f] if f == "readme.md" => Some(Unit {
            week: number_after(w, "week")?,
            day: None,
            session: None,
        }),
        [w, d, f] if f == "readme.md" => Some(Unit {
            week: number_after(w, "week")?,
            day: Some(number_after(d, "day")?),
            session: None,
        }),
        [w, d, f] => Some(Unit {
            week: number_after(w, "week")?,
            day: Some(number_after(d, "day")?),
            session: Some(number_after(&stem(f)?, "session")?),
        }),
        _ => None,
    }
}

/// Reads "Week 3 > Day 5 > Session 8" (as written in 교과과정에서의 위치) from text.
pub fn from_breadcrumb(text: &str) -> Option<Unit> {
    let i = text.find("Week ")?;
    let parts: Vec<&str> = text[i..].split('>').map(str::trim).collect();
    let num = |p: &str, w: &str| -> Option<u32> {
        let r = p.strip_prefix(w)?.trim_start();
        let digits: String = r.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let week = num(parts.first()?, "Week")?;
    let day = parts.get(1).and_then(|p| num(p, "Day"));
    let session = parts.get(2).and_then(|p| num(p, "Session"));
    day?;
    Some(Unit { week, day, session })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_paths() {
        let id = |p: &str| from_path(Path::new(p)).map(|u| u.id());
        assert_eq!(id("week_05/README.md").as_deref(), Some("w5"));
        assert_eq!(id("week_03/day5/README.md").as_deref(), Some("w3d5"));
        assert_eq!(id("week_03/day5/session_08.md").as_deref(), Some("w3d5s8"));
        assert_eq!(id("week_03/notes.md"), None);
        assert_eq!(id("README.md"), None);
    }

    #[test]
    fn breadcrumb() {
        let u = from_breadcrumb("이 세션은 Week 3 > Day 5 > Session 8로, Week 3 ...");
        assert_eq!(u.map(|u| u.id()).as_deref(), Some("w3d5s8"));
        assert_eq!(from_breadcrumb("Week 3을 완료하면"), None);
    }
}
