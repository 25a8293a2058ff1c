//! Ranges of months and days run forwards: "From April through December 1986" names April
//! 1986, though "April" alone, read against a document of March 1987, would be the April to
//! come; "the January-June period" is one year's first half, not a January after a June.

use super::lexicon::month_word;
use super::{Timex, TimexType};
use chrono::NaiveDate;

/// Makes each range of two dates (`found`, sorted, from `text`) run forwards, less than a
/// year: an end with no year of its own takes it from the other end when that has one
/// ("From April through December 1986"); when neither has one and they were read out of
/// order ("the January-June period" read as next January and this June), the pair of years
/// nearest the document date `dct` that puts them in order.
pub(crate) fn share_years(text: &str, dct: NaiveDate, found: &mut [Timex]) {
    for k in 1..found.len() {
        let (head, tail) = found.split_at_mut(k);
        let (Some(first), Some(second)) = (head.last_mut(), tail.first_mut()) else {
            continue;
        };
        let (Some(a), Some(b)) = (month_day(first), month_day(second)) else {
            continue;
        };
        let (Some(first_text), Some(second_text), Some(between)) = (
            text.get(first.span.clone()),
            text.get(second.span.clone()),
            text.get(first.span.end..second.span.start),
        ) else {
            continue;
        };
        let before = text.get(..first.span.start).unwrap_or("");
        // Both ends name a month: "Friday to December's figures" is no range.
        if !joins_a_range(before, between)
            || !starts_with_month(first_text)
            || !starts_with_month(second_text)
        {
            continue;
        }
        // A range running over a new year ("from November to March").
        let step = i32::from((a.1, a.2) > (b.1, b.2));
        let (first_bare, second_bare) = (!has_year(first_text), !has_year(second_text));
        let (first_year, second_year) = match (first_bare, second_bare) {
            (true, false) => (b.0 - step, b.0),
            (false, true) => (a.0, a.0 + step),
            (true, true) if b.0 - a.0 != step => {
                // The two readings that put them in order around the years each was read
                // in; the one nearer the document date.
                let distance = |y: i32| {
                    let days = |(m, d): (u32, u32), y: i32| {
                        NaiveDate::from_ymd_opt(y, m, d.max(1))
                            .map_or(i64::MAX / 4, |date| (date - dct).num_days().abs())
                    };
                    days((a.1, a.2), y).saturating_add(days((b.1, b.2), y + step))
                };
                let y = [a.0, b.0 - step]
                    .into_iter()
                    .min_by_key(|&y| distance(y))
                    .unwrap_or(a.0);
                (y, y + step)
            }
            _ => continue,
        };
        for (timex, year, old) in [(first, first_year, a.0), (second, second_year, b.0)] {
            if year != old && (0..=9999).contains(&year) {
                timex.value.replace_range(..4, &format!("{year:04}"));
            }
        }
    }
}

/// The year, month and day (0 for none) of a DATE valued `YYYY-MM` or `YYYY-MM-DD`.
fn month_day(timex: &Timex) -> Option<(i32, u32, u32)> {
    if timex.kind != TimexType::Date {
        return None;
    }
    let v = timex.value.as_bytes();
    if !(v.len() == 7 || v.len() == 10) || v[4] != b'-' || (v.len() == 10 && v[7] != b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = timex.value.get(range)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    let day = if v.len() == 10 { number(8..10)? } else { 0 };
    Some((year, number(5..7)?, day))
}

/// Whether an expression opens with a month's name: "April", "Sept. 1", "late October",
/// "the January 1986 accord"; not "last April".
fn starts_with_month(expression: &str) -> bool {
    let mut words = expression
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let mut word = words.next().unwrap_or("");
    if matches!(
        word.to_ascii_lowercase().as_str(),
        "early" | "late" | "mid" | "the"
    ) {
        word = words.next().unwrap_or("");
    }
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && month_word(&word.to_ascii_lowercase()).is_some()
}

/// Whether an expression names its year: "April 1986", "Sept. '86", "April this year".
fn has_year(expression: &str) -> bool {
    expression.contains('\'')
        || expression
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) || w == "year")
}

/// Whether the text between two dates makes them a range: "-", "/", "through", "to",
/// "until", "till", "thru", or "and" after "between".
fn joins_a_range(before: &str, between: &str) -> bool {
    let joiner = between.trim();
    match joiner {
        "-" | "\u{2013}" | "/" | "through" | "thru" | "to" | "until" | "till" => true,
        "and" => before
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_alphabetic())
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("between")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn the_first_end_of_a_range_takes_the_second_ends_year() {
        assert_eq!(
            tags(
                "From April through December 1986, the corporation paid out.",
                "1987-03-17"
            ),
            vec![
                ("April", "DATE", "1986-04"),
                ("December 1986", "DATE", "1986-12")
            ]
        );
        assert_eq!(
            tags(
                "A mission will review performance in the January-June period.",
                "1987-06-02"
            ),
            vec![("January", "DATE", "1987-01"), ("June", "DATE", "1987-06")]
        );
        // Across a new year, the year before.
        assert_eq!(
            tags("Stocks rose from November to March 1987.", "1987-06-02"),
            vec![
                ("November", "DATE", "1986-11"),
                ("March 1987", "DATE", "1987-03")
            ]
        );
        assert_eq!(
            tags(
                "Prices were frozen between Sept. 1 and Dec. 20, 1986.",
                "1987-03-27"
            ),
            vec![
                ("Sept. 1", "DATE", "1986-09-01"),
                ("Dec. 20, 1986", "DATE", "1986-12-20")
            ]
        );
    }

    #[test]
    fn a_range_read_out_of_order_is_put_in_order_near_the_document_date() {
        // "would" reads January as the one to come, but this June ends the period.
        assert_eq!(
            tags(
                "A mission would visit in July to review performance in the January-June period.",
                "1987-06-02"
            )[1..],
            [("January", "DATE", "1987-01"), ("June", "DATE", "1987-06")]
        );
        // A coffee year from October to September, read as two past dates.
        assert_eq!(
            tags(
                "Quotas before the end of the 1986/87 coffee year (Oct 1/Sept 30) seem unlikely.",
                "1987-04-01"
            ),
            vec![
                ("Oct 1", "DATE", "1986-10-01"),
                ("Sept 30", "DATE", "1987-09-30")
            ]
        );
        // The second end takes its year from the first.
        assert_eq!(
            tags("The talks ran from Dec. 3, 1986 to Jan. 5.", "1987-06-01"),
            vec![
                ("Dec. 3, 1986", "DATE", "1986-12-03"),
                ("Jan. 5", "DATE", "1987-01-05")
            ]
        );
    }

    #[test]
    fn dates_that_are_not_a_range_keep_their_years() {
        // A weekday is no end of a range of months.
        assert_eq!(
            tags(
                "After a downward revision Friday to December's figures, jobs grew.",
                "1998-02-06"
            ),
            vec![
                ("Friday", "DATE", "1998-02-06"),
                ("December", "DATE", "1997-12")
            ]
        );
        // A year of its own, or no range between.
        assert_eq!(
            tags(
                "From April 1985 through December 1986, it grew.",
                "1987-03-17"
            ),
            vec![
                ("April 1985", "DATE", "1985-04"),
                ("December 1986", "DATE", "1986-12")
            ]
        );
        assert_eq!(
            tags("Sales will rise in April and December 1988.", "1987-03-17"),
            vec![
                ("April", "DATE", "1987-04"),
                ("December 1988", "DATE", "1988-12")
            ]
        );
        assert_eq!(
            tags(
                "It will open in May, and close in December 1986.",
                "1987-03-17"
            )[0],
            ("May", "DATE", "1987-05")
        );
    }
}
