//! Calendar values with the granularity the text (or the reference) states.
//!
//! A `PartialDate` is a year, a month of a year, or a day: "2019", "2019-02", "2019-02-23"
//! (TIMEX3 style). A `DateRange` is an inclusive span between two partial dates; a single
//! date is a range whose ends are equal. Comparisons work on the first and last calendar day
//! each value covers, so "2018" contains "2018-06-12" and "Feb. 27-28" contains Feb. 27.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full calendar day; `None` for impossible days such as Feb. 30.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first calendar day this value covers.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last calendar day this value covers.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => last_day_of_month(self.year, m),
            _ => NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }

    /// The exact day, when the value is known to the day.
    pub fn as_day(&self) -> Option<NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d),
            _ => None,
        }
    }

    /// Parses "2019", "2019-02" or "2019-02-23".
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let Some(month_text) = parts.next() else {
            return Some(PartialDate::year(year));
        };
        let month: u32 = parse_two_digits(month_text)?;
        let Some(day_text) = parts.next() else {
            return PartialDate::month(year, month);
        };
        let day: u32 = parse_two_digits(day_text)?;
        if parts.next().is_some() {
            return None;
        }
        PartialDate::day(year, month, day)
    }

    /// The same value reduced to a coarser precision.
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate {
                year: self.year,
                month: self.month,
                day: None,
            },
            Precision::Day => *self,
        }
    }
}

fn parse_two_digits(text: &str) -> Option<u32> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// The last day of a month, `None` for a month outside 1..=12.
pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

impl From<NaiveDate> for PartialDate {
    fn from(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Written as "2019-02" in reports (JSON); as numbers in binary formats (the reference cache).
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month, self.day).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let date = if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            PartialDate::parse(&text)
        } else {
            let (year, month, day) = <(i32, Option<u32>, Option<u32>)>::deserialize(deserializer)?;
            match (month, day) {
                (None, None) => Some(PartialDate::year(year)),
                (Some(m), None) => PartialDate::month(year, m),
                (Some(m), Some(d)) => PartialDate::day(year, m, d),
                (None, Some(_)) => None,
            }
        };
        date.ok_or_else(|| D::Error::custom("not a valid date"))
    }
}

/// An inclusive span of calendar time: one date, or "2019-02-27..2019-02-28".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateRange {
    pub start: PartialDate,
    pub end: PartialDate,
}

impl DateRange {
    pub fn single(date: PartialDate) -> Self {
        DateRange {
            start: date,
            end: date,
        }
    }

    pub fn days(start: NaiveDate, end: NaiveDate) -> Self {
        DateRange {
            start: start.into(),
            end: end.into(),
        }
    }

    pub fn is_single(&self) -> bool {
        self.start == self.end
    }

    pub fn first_day(&self) -> Option<NaiveDate> {
        self.start.first_day()
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end.last_day()
    }

    /// The coarsest precision of either end: what the value states for certain.
    pub fn precision(&self) -> Precision {
        self.start.precision().min(self.end.precision())
    }

    pub fn contains_day(&self, day: NaiveDate) -> bool {
        matches!((self.first_day(), self.last_day()), (Some(a), Some(b)) if a <= day && day <= b)
    }

    /// True when every day of `other` lies within this range.
    pub fn covers(&self, other: &DateRange) -> bool {
        match (
            self.first_day(),
            self.last_day(),
            other.first_day(),
            other.last_day(),
        ) {
            (Some(a), Some(b), Some(c), Some(d)) => a <= c && d <= b,
            _ => false,
        }
    }

    pub fn overlaps(&self, other: &DateRange) -> bool {
        match (
            self.first_day(),
            self.last_day(),
            other.first_day(),
            other.last_day(),
        ) {
            (Some(a), Some(b), Some(c), Some(d)) => a <= d && c <= b,
            _ => false,
        }
    }

    /// Parses "2019-02-23", "2019-02", "2019", "2019-02-27..2019-02-28" or the ISO 8601
    /// interval form "2019-02-27/2019-02-28".
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let split = text.split_once("..").or_else(|| text.split_once('/'));
        match split {
            Some((a, b)) => {
                let start = PartialDate::parse(a)?;
                let end = PartialDate::parse(b)?;
                (start.first_day()? <= end.last_day()?).then_some(DateRange { start, end })
            }
            None => PartialDate::parse(text).map(DateRange::single),
        }
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single() {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}..{}", self.start, self.end)
        }
    }
}

/// Written as "2019-02-27..2019-02-28" in reports; as two dates in binary formats.
impl Serialize for DateRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.start, self.end).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for DateRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        if deserializer.is_human_readable() {
            let text = String::deserialize(deserializer)?;
            DateRange::parse(&text).ok_or_else(|| D::Error::custom("not a valid date range"))
        } else {
            let (start, end) = <(PartialDate, PartialDate)>::deserialize(deserializer)?;
            Ok(DateRange { start, end })
        }
    }
}

/// Whole months between two days, with the fraction of the last month
/// (Jun. 12 to Feb. 27 is 8.5 months).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> f64 {
    let (from, to, sign) = if from <= to {
        (from, to, 1.0)
    } else {
        (to, from, -1.0)
    };
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    let anchor = from
        .checked_add_months(chrono::Months::new(months.max(0) as u32))
        .unwrap_or(from);
    let rest_days = (to - anchor).num_days() as f64;
    sign * (months.max(0) as f64 + rest_days / 30.44)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_partial_dates_with_their_precision() {
        assert_eq!(
            PartialDate::parse("2019").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2019-04").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2019-02-23").unwrap().to_string(),
            "2019-02-23"
        );
        assert!(PartialDate::parse("2019-02-30").is_none());
        assert!(PartialDate::parse("19").is_none());
        assert!(PartialDate::parse("2019-2-3").is_none());
    }

    #[test]
    fn month_value_covers_the_whole_month() {
        let feb = PartialDate::parse("2020-02").unwrap();
        assert_eq!(feb.first_day(), Some(day(2020, 2, 1)));
        assert_eq!(feb.last_day(), Some(day(2020, 2, 29)));
    }

    #[test]
    fn ranges_parse_and_compare() {
        let summit = DateRange::parse("2019-02-27..2019-02-28").unwrap();
        assert_eq!(summit, DateRange::parse("2019-02-27/2019-02-28").unwrap());
        assert_eq!(summit.to_string(), "2019-02-27..2019-02-28");
        assert!(summit.contains_day(day(2019, 2, 28)));
        assert!(!summit.contains_day(day(2019, 2, 26)));
        let year = DateRange::parse("2019").unwrap();
        assert!(year.covers(&summit));
        assert!(!summit.covers(&year));
        assert!(DateRange::parse("2019-03-01..2019-02-01").is_none());
    }

    #[test]
    fn months_between_counts_fractions() {
        let m = months_between(day(2018, 6, 12), day(2019, 2, 27));
        assert!((8.4..8.6).contains(&m), "{m}");
        assert!((months_between(day(2019, 2, 27), day(2018, 6, 12)) + m).abs() < 1e-9);
    }
}
