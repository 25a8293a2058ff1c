//! Finding the story date: parsing date values from metadata, the `date 2019-02-23` header line
//! at the start of a file, and a dateline in the first lines of the prose. Nothing is guessed:
//! a value that is not a whole, valid calendar date gives `None`.

use chrono::{DateTime, NaiveDate};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Reads a date from a metadata value: `2019-02-23`, `2019-02-23T10:00:00Z`,
/// `2019-02-23 10:00:00 +0000`, quoted or not, an RFC 2822 date (`Sat, 23 Feb 2019 10:00:00
/// +0000`, common in `pubDate`) or a written date (`February 23, 2019`). The date is the one
/// written, not converted to another time zone.
pub(crate) fn parse_value(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let value = strip_quotes(value).trim();
    if let Some((date, rest)) = iso_prefix(value) {
        let ok = match rest.chars().next() {
            None => true,
            Some(c) => c == 'T' || c == 't' || c.is_whitespace(),
        };
        return ok.then_some(date);
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(value) {
        return Some(dt.date_naive());
    }
    written_date(value)
        .filter(|(_, len)| *len == value.len())
        .map(|(d, _)| d)
}

fn strip_quotes(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// A `YYYY-MM-DD` date at the start of `s`, and what follows it.
pub(crate) fn iso_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    let b = s.as_bytes();
    let digits = |r: Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let dash = |i: usize| b.get(i) == Some(&b'-');
    if !(digits(0..4) && dash(4) && digits(5..7) && dash(7) && digits(8..10)) {
        return None;
    }
    if b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // The shape is checked above, so the fields are read straight from the digits (what
    // `parse_from_str` would do after parsing its format string first); from_ymd_opt still
    // refuses a day the month does not have.
    let number = |r: Range<usize>| {
        b.get(r).map_or(0, |d| {
            d.iter()
                .fold(0u32, |n, digit| n * 10 + u32::from(digit - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))?;
    // Bytes 0..10 are ASCII, so the slice is on a char boundary.
    Some((date, s.get(10..)?))
}

/// The header line of the seed story: at the very start of the file, optional spaces, `date`
/// or `Date:` (any case, colon optional), an ISO date. Returns the source range of the header
/// (up to the prose that follows it on the line) and the date.
pub(crate) fn header(source: &str, start: usize) -> Option<(Range<usize>, NaiveDate)> {
    let rest = source.get(start..)?;
    let after_indent = rest.trim_start_matches([' ', '\t']);
    let keyword = after_indent.get(..4)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return None;
    }
    let after = after_indent.get(4..)?;
    let (colon, after) = match after.strip_prefix(':') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let value = after.trim_start_matches([' ', '\t']);
    if !colon && value.len() == after.len() {
        return None; // "dated", "date2019": not a header
    }
    let (date, mut tail) = iso_prefix(value)?;
    // An optional time: "date 2019-02-23T10:00:00Z".
    if tail.starts_with(['T', 't']) {
        tail = tail.trim_start_matches(|c: char| !c.is_whitespace());
    }
    if tail.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let tail = tail.trim_start_matches([' ', '\t']);
    let end = source.len() - tail.len();
    Some((start..end, date))
}

const MONTH: &str = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";

static WRITTEN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let pattern = format!(
        r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})|(?P<day2>\d{{1,2}})\s+{month2}\s+(?P<year2>\d{{4}})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))\b",
        month2 = MONTH.replace("?P<month>", "?P<month2>")
    );
    Regex::new(&pattern).ok()
});

/// A written date at the start of `s` ("Feb. 23, 2019", "Saturday, February 23, 2019",
/// "23 February 2019", "2019-02-23"), and its length in bytes.
pub(crate) fn written_date(s: &str) -> Option<(NaiveDate, usize)> {
    let re = WRITTEN.as_ref()?;
    let caps = re.captures(s)?;
    let len = caps.get(0)?.end();
    if let Some(iso) = caps.name("iso") {
        return iso_prefix(iso.as_str()).map(|(d, _)| (d, len));
    }
    let (month, day, year) = match caps.name("month") {
        Some(m) => (m, caps.name("day")?, caps.name("year")?),
        None => (
            caps.name("month2")?,
            caps.name("day2")?,
            caps.name("year2")?,
        ),
    };
    let month = month_number(month.as_str())?;
    let date = NaiveDate::from_ymd_opt(
        year.as_str().parse().ok()?,
        month,
        day.as_str().parse().ok()?,
    )?;
    Some((date, len))
}

fn month_number(name: &str) -> Option<u32> {
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let n = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == prefix)?;
    u32::try_from(n + 1).ok()
}

/// What may come before the date on a dateline: a city in capitals with an optional region
/// ("WASHINGTON,", "HANOI, Vietnam,"), or a "Published" label.
static DATELINE_LEAD: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<city>[A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*)*(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)*)?), |(?:Published|Posted|Dated?)(?::|\s+on)?\s+)?",
    )
    .ok()
});

/// What may follow the date on a dateline: an agency in parentheses and a dash, or (for a date
/// alone on its line) a time of day.
static DATELINE_TAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s*(?:\([^)\n]*\))?\s*[-–—]|(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.m\.|[AaPp][Mm])?(?:\s+[A-Z]{2,4})?)?\s*$)",
    )
    .ok()
});

/// A dateline in the first lines of the prose: "WASHINGTON, Feb. 23, 2019 (Reuters) -", or a
/// date alone on its line ("February 23, 2019"). Only the first four non-blank lines count.
pub(crate) fn dateline(text: &str) -> Option<NaiveDate> {
    let (lead, tail) = (DATELINE_LEAD.as_ref()?, DATELINE_TAIL.as_ref()?);
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
        .find_map(|line| {
            let lead_len = lead.find(line).map_or(0, |m| m.end());
            let rest = line.get(lead_len..)?;
            let (date, len) = written_date(rest)?;
            let after = rest.get(len..)?;
            if !tail.is_match(after) {
                return None;
            }
            Some(date)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn metadata_values() {
        for v in [
            "2019-02-23",
            "2019-02-23T10:00:00Z",
            "\"2019-02-23\"",
            "'2019-02-23T23:30:00-05:00'",
            "2019-02-23 10:00:00 +0000",
            "Sat, 23 Feb 2019 10:00:00 +0000",
            "February 23, 2019",
        ] {
            assert_eq!(parse_value(v), Some(d("2019-02-23")), "{v}");
        }
        for v in ["2019-02-30", "2019-02", "tomorrow", "", "2019-02-234", "\""] {
            assert_eq!(parse_value(v), None, "{v}");
        }
    }

    #[test]
    fn header_of_the_seed_story() {
        let src = " date 2019-02-23 A train believed to carry";
        let (range, date) = header(src, 0).unwrap();
        assert_eq!(date, d("2019-02-23"));
        assert_eq!(&src[range.end..], "A train believed to carry");
        assert_eq!(range.start, 0);
        let src = "Date: 2019-02-23\nKim left.";
        let (range, _) = header(src, 0).unwrap();
        assert_eq!(&src[range.end..], "\nKim left.");
        assert!(header("dated 2019-02-23", 0).is_none());
        assert!(header("date 2019-02-31 x", 0).is_none());
        assert!(header("date 2019-02-23x", 0).is_none());
        assert!(header("The date 2019-02-23", 0).is_none());
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("WASHINGTON, Feb. 23, 2019 (Reuters) - Trump said"),
            Some(d("2019-02-23"))
        );
        assert_eq!(
            dateline("HANOI, Vietnam, February 23, 2019 — Kim arrived"),
            Some(d("2019-02-23"))
        );
        assert_eq!(
            dateline("Summit\n\nFebruary 23, 2019\n\nKim left."),
            Some(d("2019-02-23"))
        );
        assert_eq!(
            dateline("Saturday, 23 February 2019\nText"),
            Some(d("2019-02-23"))
        );
        assert_eq!(
            dateline("Published Feb. 23, 2019 10:00 AM EST\n"),
            Some(d("2019-02-23"))
        );
        // A date inside a sentence is a claim, not a dateline.
        assert_eq!(
            dateline("A train was seen on February 23, 2019. Kyodo"),
            None
        );
        assert_eq!(dateline("February 23, 2019 was a Saturday."), None);
        assert_eq!(dateline("SEOUL (Reuters) - North Korea confirmed"), None);
        assert_eq!(dateline("a\nb\nc\nd\nFebruary 23, 2019"), None);
    }

    proptest::proptest! {
        /// Reading the digits straight gives what chrono's parser gives, bad days included.
        #[test]
        fn iso_prefix_reads_the_date_chrono_reads(y in 0u32..10_000, m in 0u32..100, day in 0u32..100, tail in "[ a-z0-9.]{0,3}") {
            let text = format!("{y:04}-{m:02}-{day:02}{tail}");
            let expected = if tail.starts_with(|c: char| c.is_ascii_digit()) {
                None
            } else {
                NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").ok().map(|d| (d, &text[10..]))
            };
            proptest::prop_assert_eq!(iso_prefix(&text), expected);
        }
    }
}
