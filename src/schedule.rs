//! The course schedule (`course.yaml`): which unit is today's.
//!
//! ```yaml
//! start: 2026-11-02          # the first class day (week 1, day 1)
//! class_days: [mon, tue, wed, thu, fri]
//! holidays: [2026-11-20]     # class days without class
//! days_per_week: 5           # course days per course week
//! ```
//! The n-th class day (0-based, holidays skipped) is unit `w{n/5+1}d{n%5+1}`.

use crate::error::Diagnostic;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The schedule file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// First class day.
    pub start: NaiveDate,
    /// Weekdays with class (`mon` .. `sun`).
    #[serde(default = "weekdays")]
    pub class_days: Vec<String>,
    /// Dates without class.
    #[serde(default)]
    pub holidays: Vec<NaiveDate>,
    /// Course days per course week.
    #[serde(default = "five")]
    pub days_per_week: u32,
}

fn weekdays() -> Vec<String> {
    ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn five() -> u32 {
    5
}

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

/// The weekday a class day name means: `mon`..`sun`, `monday`.., `월`..`일`, `월요일`...
fn day_of(name: &str) -> Option<&'static str> {
    let n = name.trim().to_lowercase();
    let n = n.trim_end_matches("요일");
    const DAYS: [(&str, &str, &str); 7] = [
        ("mon", "monday", "월"),
        ("tue", "tuesday", "화"),
        ("wed", "wednesday", "수"),
        ("thu", "thursday", "목"),
        ("fri", "friday", "금"),
        ("sat", "saturday", "토"),
        ("sun", "sunday", "일"),
    ];
    DAYS.iter()
        .find(|(short, long, ko)| n == *short || n == *long || n == *ko)
        .map(|(short, ..)| *short)
}

impl Schedule {
    /// Read `course.yaml` (shown as `path`) and check it: every class day is a
    /// day name, there is at least one, and a course week has at least one day.
    /// Each problem is reported at its `path:line:col`.
    pub fn parse(path: &str, text: &str) -> Result<Schedule, Vec<Diagnostic>> {
        let mut s: Schedule = crate::yaml::parse(path, text).map_err(|d| vec![d])?;
        let loc = crate::yaml::Locator::new(text);
        let mut diags = Vec::new();
        let (value, items) = loc.top_list("class_days").unwrap_or(((1, 1), Vec::new()));
        for (i, name) in s.class_days.iter_mut().enumerate() {
            match day_of(name) {
                Some(d) => *name = d.to_string(),
                None => {
                    let (line, col) = items
                        .iter()
                        .find(|(.., t)| t == name)
                        .or_else(|| items.get(i))
                        .map_or(value, |(l, c, _)| (*l, *c));
                    diags.push(Diagnostic::error(
                        path,
                        line,
                        col,
                        format!(
                            "class_days: `{name}`은(는) 요일이 아닙니다 (mon, tue, wed, thu, fri, sat, sun)"
                        ),
                    ));
                }
            }
        }
        if s.class_days.is_empty() {
            diags.push(Diagnostic::error(
                path,
                value.0,
                value.1,
                "class_days가 비어 있습니다: 수업하는 날이 하루도 없게 됩니다 (월~금이면 빼 두세요)",
            ));
        }
        if s.days_per_week == 0 {
            let (line, col) = loc.top_list("days_per_week").map_or((1, 1), |(v, _)| v);
            diags.push(Diagnostic::error(
                path,
                line,
                col,
                "days_per_week는 1 이상이어야 합니다",
            ));
        }
        if diags.is_empty() { Ok(s) } else { Err(diags) }
    }

    fn is_class_day(&self, d: NaiveDate) -> bool {
        self.class_days
            .iter()
            .any(|c| c.eq_ignore_ascii_case(weekday_name(d.weekday())))
            && !self.holidays.contains(&d)
    }

    /// The unit of `today`, or `None` when there is no class that day.
    pub fn unit_on(&self, today: NaiveDate) -> Option<String> {
        if today < self.start || !self.is_class_day(today) {
            return None;
        }
        let n = self
            .start
            .iter_days()
            .take_while(|d| *d < today)
            .filter(|d| self.is_class_day(*d))
            .count() as u32;
        let per = self.days_per_week.max(1);
        Some(format!("w{}d{}", n / per + 1, n % per + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn course_yaml_is_checked_with_places() {
        let text = "start: 2026-11-02\nclass_days: [mon, tue, wendesday, 목]\ndays_per_week: 0\n";
        let msgs: Vec<String> = Schedule::parse("course.yaml", text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            msgs,
            [
                "course.yaml:2:24: class_days: `wendesday`은(는) 요일이 아닙니다 (mon, tue, wed, thu, fri, sat, sun)",
                "course.yaml:3:16: days_per_week는 1 이상이어야 합니다",
            ]
        );
        let text = "start: 2026-11-02\nclass_days:\n  - mon\n  - funday\n";
        let msgs: Vec<String> = Schedule::parse("c.yaml", text)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(
            msgs,
            [
                "c.yaml:4:5: class_days: `funday`은(는) 요일이 아닙니다 (mon, tue, wed, thu, fri, sat, sun)"
            ]
        );
        let empty = Schedule::parse("c.yaml", "start: 2026-11-02\nclass_days: []\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            empty.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            [
                "c.yaml:2:13: class_days가 비어 있습니다: 수업하는 날이 하루도 없게 됩니다 (월~금이면 빼 두세요)"
            ]
        );
        let ok = Schedule::parse("c.yaml", "start: 2026-11-02\nclass_days: [월, Tuesday]\n");
        assert_eq!(
            ok.map(|s| s.class_days),
            Ok(vec!["mon".to_string(), "tue".to_string()])
        );
    }

    #[test]
    fn units_by_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let s = Schedule {
            start: d(2026, 11, 2),
            class_days: weekdays(),
            holidays: vec![d(2026, 11, 4)],
            days_per_week: 5,
        };
        assert_eq!(s.unit_on(d(2026, 11, 2)).as_deref(), Some("w1d1"));
        assert_eq!(s.unit_on(d(2026, 11, 3)).as_deref(), Some("w1d2"));
        assert_eq!(s.unit_on(d(2026, 11, 4)), None); // holiday
        assert_eq!(s.unit_on(d(2026, 11, 5)).as_deref(), Some("w1d3"));
        assert_eq!(s.unit_on(d(2026, 11, 8)), None); // Sunday
        assert_eq!(s.unit_on(d(2026, 11, 10)).as_deref(), Some("w2d1"));
        assert_eq!(s.unit_on(d(2026, 10, 1)), None);
    }
}
