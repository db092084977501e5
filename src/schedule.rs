//! The course schedule (`course.yaml`): which unit is today's.
//!
//! ```yaml
//! start: 2026-11-02          # the first class day (week 1, day 1)
//! class_days: [mon, tue, wed, thu, fri]
//! holidays: [2026-11-20]     # class days without class
//! days_per_week: 5           # course days per course week
//! ```
//! The n-th class day (0-based, holidays skipped) is unit `w{n/5+1}d{n%5+1}`.

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

impl Schedule {
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
