//! Calendar dates named outright: "Sept. 30", "Aug. 7, 1998", "July 1997", "1998",
//! "nineteen ninety-six", "the 1990s", "the '80s", "the 20th century", "the third quarter",
//! "third-quarter", "the first half of 1990", "fiscal 1989", holidays and seasons.

use super::anchor::{self, Direction};
use super::lexicon::{month_at, weekday_at};
use super::numbers::{ordinal, year_words};
use super::tokens::TokenKind;
use super::{Cx, Found, Tagger, keep_later_on_tie};
use chrono::{Datelike, NaiveDate, Weekday};

pub(crate) fn at(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let first = cx.w(i);
    // Cheap gate: every rule here starts with one of these.
    let starts = cx.kind(i) == Some(TokenKind::Number)
        || cx.capitalized(i)
        || matches!(
            first,
            "the"
                | "spring"
                | "summer"
                | "fall"
                | "autumn"
                | "winter"
                | "fiscal"
                | "its"
                | "this"
                | "next"
                | "last"
                | "'"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "nineteen"
                | "two"
                | "post"
                | "year"
                | "pre"
        )
        || super::numbers::ordinal_word(first).is_some();
    if !starts {
        return None;
    }
    // The longest, a later rule winning a tie; each kept or dropped as it comes rather than
    // all gathered first.
    let mut best = calendar(t, i);
    keep_later_on_tie(&mut best, year(t, i));
    keep_later_on_tie(&mut best, decade(t, i));
    keep_later_on_tie(&mut best, century(t, i));
    keep_later_on_tie(&mut best, quarter(t, i));
    keep_later_on_tie(&mut best, holiday(t, i));
    keep_later_on_tie(&mut best, season(t, i));
    keep_later_on_tie(&mut best, weekday_of_month(t, i));
    keep_later_on_tie(&mut best, month_of(t, i));
    best
}

/// Whether the month ending at token `end` (with any months listed after it) names a
/// contract's month: "the October and December contracts", "the June contract".
fn names_a_contract_month(cx: &Cx, end: usize) -> bool {
    let mut k = end;
    loop {
        if let Some((_, e)) = month_at(cx, k) {
            k = e;
        } else if matches!(cx.w(k), "and" | "or" | "/" | "-" | ",") && month_at(cx, k + 1).is_some()
        {
            k += 1;
        } else {
            break;
        }
    }
    // Only the contract's own words: "In March sugar output fell" is a March gone by.
    matches!(
        cx.w(k),
        "contract" | "contracts" | "futures" | "delivery" | "deliveries" | "options"
    ) && cx.sentence(k) == cx.sentence(end)
}

/// "the month of April": the month, not a month's length and then April.
fn month_of(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    if cx.w(i) != "the" || cx.w(i + 1) != "month" || cx.w(i + 2) != "of" {
        return None;
    }
    calendar(t, i + 3).filter(|f| f.value.len() == 7)
}

/// A four-digit year token: "1998".
pub(crate) fn year_token(cx: &Cx, i: usize) -> Option<i32> {
    let w = cx.w(i);
    if cx.kind(i) != Some(TokenKind::Number)
        || w.len() != 4
        || !w.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1000..=2199).contains(&y).then_some(y)
}

/// A day-of-month token: "30", "30th", "eighth".
pub(crate) fn day_token(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let w = cx.w(i);
    if cx.kind(i) == Some(TokenKind::Number)
        && w.len() <= 2
        && w.bytes().all(|b| b.is_ascii_digit())
    {
        let d: u32 = w.parse().ok()?;
        // "30:00" or "3.5" are not days; "27-28" is a range of days, whose first day this is
        // ("the Feb. 27-28 summit" starts on the 27th).
        if cx.joined(i)
            && matches!(cx.w(i + 1), ":" | "." | "/" | "-")
            && cx.kind(i + 2) == Some(TokenKind::Number)
            && !(cx.w(i + 1) == "-" && day_range_end(cx, i + 2).is_some_and(|e| e > d))
        {
            return None;
        }
        return (1..=31).contains(&d).then_some((d, i + 1));
    }
    ordinal(cx, i).filter(|&(d, _)| (1..=31).contains(&d))
}

/// The last day of a range of days ("28" in "27-28"): one or two digits, a day of a month,
/// and not itself followed by more digits or a time ("27-28:00").
fn day_range_end(cx: &Cx, i: usize) -> Option<u32> {
    let w = cx.w(i);
    if cx.kind(i) != Some(TokenKind::Number)
        || w.len() > 2
        || !w.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if cx.joined(i) && matches!(cx.w(i + 1), ":" | "." | "/" | "-") {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A year after a month or day: "1998" or "nineteen ninety-seven".
fn year_after(cx: &Cx, i: usize) -> Option<(i32, usize)> {
    if let Some(y) = year_token(cx, i) {
        return Some((y, i + 1));
    }
    year_words(cx, i)
}

/// "Sept. 30", "Aug. 7, 1998", "Friday, Oct. 23", "July 1997", "November", "23 February 2019",
/// "2019-02-23", "2/23/2019".
fn calendar(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    if let Some(found) = numeric_date(cx, i) {
        return Some(found);
    }
    let mut j = i;
    let mut weekday: Option<Weekday> = None;
    if let Some((w, e)) = weekday_at(cx, j) {
        let k = if cx.w(e) == "," { e + 1 } else { e };
        month_at(cx, k)?;
        weekday = Some(w);
        j = k;
    }
    // "23 February 2019", "the 8th of March"
    let mut day_first: Option<u32> = None;
    if weekday.is_none() {
        let k = if cx.w(j) == "the" { j + 1 } else { j };
        if let Some((d, e)) = day_token(cx, k) {
            let e = if cx.w(e) == "of" { e + 1 } else { e };
            if month_at(cx, e).is_some() {
                day_first = Some(d);
                j = e;
            } else if k != j {
                return None;
            }
        }
    }
    let (month, mut end) = month_at(cx, j)?;
    let mut day = day_first;
    if day.is_none()
        && let Some((d, e)) = day_token(cx, end)
    {
        // "March 1990" is not March 19; a day is at most two digits, checked above.
        day = Some(d);
        end = e;
    }
    let mut year = None;
    // "Aug. 7, 1998"; and "July, 1984" when the year ends the phrase ("since July, 1984,
    // when", "in late October, 1985 by"), or the date modifies a noun ("a February, 1986
    // accord"); not "In July, 2000 people came".
    let attributive = i > 0 && matches!(cx.w(i - 1), "a" | "an" | "the");
    let comma_year = cx.w(end) == ","
        && (day.is_some()
            || year_token(cx, end + 1).is_some()
                && (attributive
                    || cx.kind(end + 2) != Some(TokenKind::Word)
                    || cx.sentence(end + 2) != cx.sentence(end + 1)
                    || matches!(
                        cx.w(end + 2),
                        "and"
                            | "or"
                            | "to"
                            | "through"
                            | "until"
                            | "by"
                            | "in"
                            | "at"
                            | "on"
                            | "for"
                            | "from"
                            | "with"
                            | "when"
                            | "after"
                            | "before"
                    )));
    let year_at = if comma_year { end + 1 } else { end };
    if let Some((y, e)) = year_after(cx, year_at) {
        year = Some(y);
        end = e;
    } else if cx.w(end) == "of" {
        if let Some((y, e)) = year_after(cx, end + 1) {
            year = Some(y);
            end = e;
        }
    } else if cx.w(end) == "'"
        && cx.kind(end + 1) == Some(TokenKind::Number)
        && cx.w(end + 1).len() == 2
    {
        // "Sept. '98"
        let yy: i32 = cx.w(end + 1).parse().ok()?;
        year = Some(if yy < 30 { 2000 + yy } else { 1900 + yy });
        end += 2;
    } else if cx.w(end + 1) == "year"
        // "Sept. Last year..." is a new sentence after an abbreviation's period.
        && !cx.capitalized(end)
        && cx.sentence(end) == cx.sentence(i)
        && let Some(step) = match cx.w(end) {
            "last" => Some(-1),
            "this" => Some(0),
            "next" => Some(1),
            _ => None,
        }
    {
        // "June last year", "January this year": the year is named relatively.
        year = Some(t.dct.year() + step);
        end += 2;
    }
    // A futures or delivery month is one to come, whatever the tense: "discounts in the
    // October and December contracts", "failed to break below support in the June contract".
    let direction = if day.is_none() && year.is_none() && names_a_contract_month(cx, end) {
        Direction::Future
    } else {
        t.direction(i, end)
    };
    match day {
        Some(d) => {
            let y = year.unwrap_or_else(|| match weekday {
                Some(w) => year_with_weekday(t.dct, month, d, w, direction),
                // Tense misleads near the document date ("the company said it will pay
                // Nov. 16" has "said" nearest), where the nearest year is right far more
                // often; it decides only when both years are months away.
                // A verb right before the date governs it, near or not ("the fiscal year
                // ended Jan. 31", "the offer expires Nov. 16").
                None => {
                    let nearest = anchor::year_of_month_day(t.dct, month, d, Direction::Nearest);
                    let near = NaiveDate::from_ymd_opt(nearest, month, d.min(28))
                        .is_some_and(|n| (n - t.dct).num_days().abs() <= 120);
                    let governed =
                        i > 0 && cx.sentence(i - 1) == cx.sentence(i) && t.cue_at(i - 1).is_some();
                    if (near && !governed) || direction == Direction::Nearest {
                        nearest
                    } else {
                        anchor::year_of_month_day(t.dct, month, d, direction)
                    }
                }
            });
            let date = NaiveDate::from_ymd_opt(y, month, d)?;
            Some(Found::date(end, anchor::day(date)))
        }
        None => {
            if year.is_none() && !bare_month_is_a_date(cx, i, end) {
                return None;
            }
            let y = year.unwrap_or_else(|| anchor::year_of_month(t.dct, month, direction));
            Some(Found::date(end, anchor::month(y, month)))
        }
    }
}

/// The year, among the three around the document date, in which the month-day falls on the
/// weekday the text gives; the usual inference when none does.
fn year_with_weekday(
    dct: NaiveDate,
    month: u32,
    day: u32,
    weekday: Weekday,
    direction: Direction,
) -> i32 {
    let y = dct.year();
    [y, y - 1, y + 1]
        .into_iter()
        .find(|&year| {
            NaiveDate::from_ymd_opt(year, month, day).is_some_and(|d| d.weekday() == weekday)
        })
        .unwrap_or_else(|| anchor::year_of_month_day(dct, month, day, direction))
}

/// Whether a month name with no day or year is a date: "in November" is; the verb "March"
/// starting a sentence, the name "May" or "August Busch" are not.
fn bare_month_is_a_date(cx: &Cx, start: usize, end: usize) -> bool {
    // "August Busch", "April Fools": a name goes on; a capitalized function word starts a
    // new sentence after an abbreviation's period ("in July/Sept. Last year...").
    let sentence_starter = matches!(
        cx.w(end),
        "the"
            | "a"
            | "an"
            | "last"
            | "this"
            | "next"
            | "in"
            | "on"
            | "at"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "but"
            | "and"
            | "its"
            | "their"
    );
    if cx.capitalized(end) && cx.kind(end) == Some(TokenKind::Word) && !sentence_starter {
        return false;
    }
    let previous = if start > 0 && cx.sentence(start - 1) == cx.sentence(start) {
        cx.w(start - 1)
    } else {
        ""
    };
    let is_may = cx.w(start) == "may";
    let preposition = matches!(
        previous,
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "through"
            | "of"
            | "during"
            | "before"
            | "after"
            | "from"
            | "to"
            | "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "mid"
            | "-"
            | "and"
            | "or"
            | "between"
            | "for"
            | "that"
            | "each"
            | "every"
            | "on"
    );
    if is_may {
        return preposition;
    }
    // "the annual March for Life", "a March on Washington": the noun, unless a preposition
    // asks for a date ("in March of 1990").
    if cx.w(start) == "march"
        && !preposition
        && (cx.w(end) == "for"
            || matches!(cx.w(end), "on" | "of" | "against")
                && (cx.capitalized(end + 1) || cx.w(end + 1) == "the" && cx.capitalized(end + 2)))
    {
        return false;
    }
    // Sentence-initial "March" followed by a lowercase word is probably the verb.
    !previous.is_empty() || preposition || !cx.w(end).starts_with(|c: char| c.is_ascii_lowercase())
}

/// "2019-02-23" and "2/23/2019".
fn numeric_date(cx: &Cx, i: usize) -> Option<Found> {
    let all_joined = |from: usize, n: usize| (from..from + n).all(|k| cx.joined(k));
    if let Some(y) = year_token(cx, i) {
        if cx.w(i + 1) == "-" && cx.w(i + 3) == "-" && all_joined(i, 4) {
            let m: u32 = cx.w(i + 2).parse().ok()?;
            let d: u32 = cx.w(i + 4).parse().ok()?;
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some(Found::date(i + 5, anchor::day(date)));
        }
        return None;
    }
    if cx.kind(i) == Some(TokenKind::Number)
        && cx.w(i + 1) == "/"
        && cx.w(i + 3) == "/"
        && all_joined(i, 4)
    {
        let m: u32 = cx.w(i).parse().ok()?;
        let d: u32 = cx.w(i + 2).parse().ok()?;
        let y = year_token(cx, i + 4)?;
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some(Found::date(i + 5, anchor::day(date)));
    }
    None
}

/// "1998", "fiscal 1989", "the year 2000", "the year two thousand", "nineteen ninety-six",
/// "post-1959".
fn year(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    if cx.w(j) == "the" && cx.w(j + 1) == "year" {
        j += 2;
    } else if cx.w(j) == "fiscal" {
        j += 1;
        if cx.w(j) == "year" {
            j += 1;
        }
    } else if matches!(cx.w(j), "post" | "pre") && cx.hyphen_after(j) {
        j += 2;
    }
    if let Some(y) = year_token(cx, j) {
        if !year_stands_alone(cx, j) {
            return None;
        }
        // "at 1986 year end", "the 1986 year-end": that year's end, in one expression.
        let k = j + 1;
        let end = match (cx.w(k), cx.w(k + 1), cx.w(k + 2)) {
            ("year", "end", _) => k + 2,
            ("year", "-", "end") if cx.hyphen_after(k) => k + 3,
            _ => k,
        };
        return Some(Found::date(end, anchor::year(y)));
    }
    let (y, end) = year_words(cx, j)?;
    Some(Found::date(end, anchor::year(y)))
}

/// Whether a four-digit number is a year rather than a count or an amount.
fn year_stands_alone(cx: &Cx, i: usize) -> bool {
    if i > 0 && cx.joined(i - 1) && matches!(cx.w(i - 1), "$" | "#" | "." | "," | "/" | ":") {
        return false;
    }
    if cx.joined(i)
        && matches!(cx.w(i + 1), "%" | "," | "." | ":" | "/")
        && cx.kind(i + 2) == Some(TokenKind::Number)
    {
        return false;
    }
    if cx.joined(i) && matches!(cx.w(i + 1), "%") {
        return false;
    }
    if i > 0 && cx.kind(i - 1) == Some(TokenKind::Number) {
        return false;
    }
    // "1130 GMT", "1330 local time": a clock, not a year.
    if super::times::clock_zone_end(cx, i + 1).is_some() {
        return false;
    }
    // "1,200 shares": handled by the comma check; "1990 shares" is rare but "2000 people" is
    // not: a following plural count noun makes it a number.
    let next = cx.w(i + 1);
    !matches!(
        next,
        "people"
            | "shares"
            | "troops"
            | "workers"
            | "employees"
            | "jobs"
            | "miles"
            | "feet"
            | "meters"
            | "tons"
            | "points"
            | "cars"
            | "units"
            | "homes"
            | "acres"
            | "pounds"
            | "students"
            | "members"
            | "soldiers"
            | "men"
            | "women"
            | "deaths"
    )
}

/// "the 1990s", "1990s", "the '90s", "the 1990's", "the nineties".
fn decade(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let the = cx.w(i) == "the";
    let j = if the { i + 1 } else { i };
    let w = cx.w(j);
    if cx.kind(j) == Some(TokenKind::Number) {
        // "1990s"
        if w.len() == 5 && w.ends_with("0s") && w.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            return Some(Found::date(j + 1, w[..3].to_string()));
        }
        // "1990's"
        if year_token(cx, j).is_some()
            && w.ends_with('0')
            && cx.w(j + 1) == "'"
            && cx.w(j + 2) == "s"
            && cx.joined(j)
        {
            return Some(Found::date(j + 3, w[..3].to_string()));
        }
        return None;
    }
    if w == "'" {
        // "'90s"
        let d = cx.w(j + 1);
        if cx.joined(j) && d.len() == 3 && d.ends_with("0s") && d.as_bytes()[0].is_ascii_digit() {
            let century = if d.as_bytes()[0] <= b'2' { "20" } else { "19" };
            return Some(Found::date(j + 2, format!("{century}{}", &d[..1])));
        }
        return None;
    }
    if !the {
        return None;
    }
    let digit = match w {
        "twenties" => '2',
        "thirties" => '3',
        "forties" => '4',
        "fifties" => '5',
        "sixties" => '6',
        "seventies" => '7',
        "eighties" => '8',
        "nineties" => '9',
        _ => return None,
    };
    Some(Found::date(j + 1, format!("19{digit}")))
}

/// "the 20th century", "the twentieth century", "20th-century".
fn century(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let j = if cx.w(i) == "the" { i + 1 } else { i };
    let (n, e) = ordinal(cx, j)?;
    let e = if cx.hyphen_after(e - 1) { e + 1 } else { e };
    if cx.w(e) != "century" || !(1..=30).contains(&n) {
        return None;
    }
    Some(Found::date(e + 1, format!("{:02}", n - 1)))
}

/// "the third quarter", "third-quarter", "the fiscal first quarter", "the 1988 third
/// quarter", "this year's third quarter", "the third quarter of 1990", "the first half",
/// "Q3".
fn quarter(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    let mut year: Option<i32> = None;
    let mut year_step: Option<i32> = None;
    let the = matches!(cx.w(j), "the" | "a");
    if the {
        j += 1;
    }
    // "this year's", "next year's", "last year's"
    if matches!(cx.w(j), "this" | "next" | "last")
        && cx.w(j + 1) == "year"
        && cx.w(j + 2) == "'"
        && cx.w(j + 3) == "s"
    {
        year_step = Some(match cx.w(j) {
            "this" => 0,
            "next" => 1,
            _ => -1,
        });
        j += 4;
    }
    // "the prior first quarter", "the previous fourth quarter": that quarter a year before.
    if the
        && year_step.is_none()
        && matches!(cx.w(j), "prior" | "previous")
        && matches!(cx.w(j + 1), "first" | "second" | "third" | "fourth")
    {
        year_step = Some(-1);
        j += 1;
    }
    if let Some(y) = year_token(cx, j) {
        year = Some(y);
        j += 1;
    }
    if cx.w(j) == "fiscal" {
        j += if cx.hyphen_after(j) { 2 } else { 1 };
    }
    let (n, e) = match cx.w(j) {
        "first" => (1, j + 1),
        "second" => (2, j + 1),
        "third" => (3, j + 1),
        "fourth" => (4, j + 1),
        "1st" => (1, j + 1),
        "2nd" => (2, j + 1),
        "3rd" => (3, j + 1),
        "4th" => (4, j + 1),
        "last" | "final" if the => (0, j + 1),
        w if w.len() == 2 && w.starts_with('q') && !the => {
            // "Q3"
            let q = w[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))?;
            let (year_value, end) = match year_token(cx, j + 1) {
                Some(y) => (y, j + 2),
                None => (t.dct.year(), j + 1),
            };
            let mut f = Found::date(end, anchor::quarter(year_value, q));
            f.quarter = Some((year_value, q));
            return Some(f);
        }
        _ => return None,
    };
    let hyphen = cx.hyphen_after(e - 1);
    if hyphen && the {
        // "its third-quarter profit": the determiner belongs to "profit".
        return None;
    }
    let k = if hyphen { e + 1 } else { e };
    let (is_half, mut end) = match cx.w(k) {
        "quarter" => (false, k + 1),
        "half" => (true, k + 1),
        _ => return None,
    };
    if n == 0 && is_half {
        // "the last half": the second one.
    } else if n == 0 {
        return None;
    }
    if !the && !hyphen && year.is_none() && year_step.is_none() {
        // A bare "third quarter" still counts ("in third quarter"); "second half" too.
    }
    if cx.w(end) == "of" {
        if let Some((y, e2)) = year_after(cx, end + 1) {
            year = Some(y);
            end = e2;
        } else if cx.w(end + 1) == "fiscal" {
            if let Some(y) = year_token(cx, end + 2) {
                year = Some(y);
                end += 3;
            }
        } else if matches!(cx.w(end + 1), "this" | "next" | "last") && cx.w(end + 2) == "year" {
            year_step = Some(match cx.w(end + 1) {
                "this" => 0,
                "next" => 1,
                _ => -1,
            });
            end += 3;
        } else if matches!(
            cx.w(end + 1),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) && !(end + 2..end + 5)
            .any(|k| matches!(cx.w(k), "year" | "fiscal") || year_token(cx, k).is_some())
        {
            // "the second half of the two-week period", "the first quarter of the game": a
            // part of something else, not of a year, as "the first half of the 1987 fiscal
            // year" or "the third quarter of $2 million" (a loss for it) are.
            return None;
        }
    } else if cx.w(end) == "," && year_token(cx, end + 1).is_some() {
        year = year_token(cx, end + 1);
        end += 2;
    }
    let q_dct = anchor::quarter_of(t.dct);
    let y = year.unwrap_or_else(|| match year_step {
        Some(step) => t.dct.year() + step,
        // Early in a year, a late quarter is last year's.
        None if !is_half && q_dct == 1 && n >= 3 => t.dct.year() - 1,
        None => t.dct.year(),
    });
    if is_half {
        let h = if n == 0 { 2 } else { n.min(2) };
        if n > 2 {
            return None;
        }
        return Some(Found::date(end, format!("{y:04}-H{h}")));
    }
    let mut f = Found::date(end, anchor::quarter(y, n));
    f.quarter = Some((y, n));
    Some(f)
}

/// Holidays with fixed or computable dates: "Thanksgiving Day", "Christmas", "Election Day".
fn holiday(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    let step = match cx.w(j) {
        "last" => Some(-1),
        "next" => Some(1),
        "this" => Some(0),
        _ => None,
    };
    if step.is_some() {
        j += 1;
    }
    if !cx.capitalized(j) {
        return None;
    }
    let (name, mut end) = match (cx.w(j), cx.w(j + 1)) {
        ("new", "year") if cx.w(j + 2) == "'" && cx.w(j + 3) == "s" => match cx.w(j + 4) {
            "day" => ("newyear", j + 5),
            "eve" => ("newyeareve", j + 5),
            _ => ("newyear", j + 4),
        },
        ("christmas", "eve") => ("christmaseve", j + 2),
        ("christmas", "day") => ("christmas", j + 2),
        ("christmas", _) => ("christmas", j + 1),
        ("thanksgiving", "day") => ("thanksgiving", j + 2),
        ("thanksgiving", _) => ("thanksgiving", j + 1),
        ("election", "day") => ("election", j + 2),
        ("independence", "day") => ("independence", j + 2),
        ("labor", "day") => ("labor", j + 2),
        ("memorial", "day") => ("memorial", j + 2),
        ("veterans", "day") => ("veterans", j + 2),
        ("halloween", _) => ("halloween", j + 1),
        ("easter", "sunday") => ("easter", j + 2),
        ("easter", _) => ("easter", j + 1),
        ("good", "friday") => ("goodfriday", j + 2),
        _ => return None,
    };
    if name == "easter" && cx.w(end) == "week" {
        // "Easter week"
        let y = t.dct.year();
        let date = holiday_date("easter", y)?;
        return Some(Found::date(end + 1, anchor::week(date)));
    }
    let mut year = None;
    let k = if cx.w(end) == "," { end + 1 } else { end };
    if let Some(y) = year_token(cx, k) {
        year = Some(y);
        end = k + 1;
    }
    let y = match year {
        Some(y) => y,
        None => {
            let this_year = holiday_date(name, t.dct.year())?;
            let direction = match step {
                Some(-1) => Direction::Past,
                Some(1) => Direction::Future,
                _ => t.direction(i, end),
            };
            match direction {
                Direction::Past if this_year > t.dct => t.dct.year() - 1,
                Direction::Future if this_year < t.dct => t.dct.year() + 1,
                Direction::Nearest => {
                    let m = this_year.month();
                    anchor::year_of_month_day(t.dct, m, this_year.day(), Direction::Nearest)
                }
                _ => t.dct.year(),
            }
        }
    };
    Some(Found::date(end, anchor::day(holiday_date(name, y)?)))
}

/// The date of a holiday in a year.
fn holiday_date(name: &str, y: i32) -> Option<NaiveDate> {
    let nth_weekday = |month: u32, weekday: Weekday, n: u8| {
        NaiveDate::from_weekday_of_month_opt(y, month, weekday, n)
    };
    match name {
        "newyear" => NaiveDate::from_ymd_opt(y, 1, 1),
        "newyeareve" => NaiveDate::from_ymd_opt(y, 12, 31),
        "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
        "christmaseve" => NaiveDate::from_ymd_opt(y, 12, 24),
        "independence" => NaiveDate::from_ymd_opt(y, 7, 4),
        "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
        "veterans" => NaiveDate::from_ymd_opt(y, 11, 11),
        "thanksgiving" => nth_weekday(11, Weekday::Thu, 4),
        "labor" => nth_weekday(9, Weekday::Mon, 1),
        "memorial" => nth_weekday(5, Weekday::Mon, 5).or_else(|| nth_weekday(5, Weekday::Mon, 4)),
        "election" => nth_weekday(11, Weekday::Mon, 1).and_then(|d| anchor::add_days(d, 1)),
        "easter" => easter(y),
        "goodfriday" => easter(y).and_then(|d| anchor::add_days(d, -2)),
        _ => None,
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A day of a month named by its weekday: "the third Friday of March", "the first Tuesday in
/// November 1990", "the last Monday of May"; and the same of every month, a set ("the third
/// Friday of each month", "the last Thursday of the month"). Without it "Friday" alone would
/// be read as the Friday nearest the document date, a day the text never meant.
fn weekday_of_month(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let j = if cx.w(i) == "the" { i + 1 } else { i };
    // 0 stands for "last".
    let (n, k) = if cx.w(j) == "last" {
        (0, j + 1)
    } else {
        ordinal(cx, j).filter(|&(n, _)| (1..=5).contains(&n))?
    };
    let (weekday, e) = weekday_at(cx, k)?;
    // "last Friday in May" without "the" may be the Friday before, spent in May.
    let of = cx.w(e) == "of" || (cx.w(e) == "in" && (n != 0 || j > i));
    if !of {
        return None;
    }
    // "of each month", "of every month", "of the month": the rule of a timetable, not a day.
    if matches!(cx.w(e + 1), "each" | "every" | "the") && cx.w(e + 2) == "month" {
        return Some(Found::new(e + 3, super::TimexType::Set, "P1M".to_string()));
    }
    let (month, mut end) = month_at(cx, e + 1)?;
    let year = if let Some((y, after)) = year_after(cx, end) {
        end = after;
        y
    } else if cx.w(end) == ","
        && let Some(y) = year_token(cx, end + 1)
    {
        end += 2;
        y
    } else {
        anchor::year_of_month(t.dct, month, t.direction(i, end))
    };
    let day = if n == 0 {
        let last = NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5);
        last.or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4))
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(n).ok()?)
    };
    // A fifth weekday the month lacks names no day, but still the month, not a day near
    // the document date.
    let value = day.map_or_else(|| anchor::month(year, month), anchor::day);
    Some(Found::date(end, value))
}

/// "the summer", "summer 1998", "the winter of nineteen ninety-four", "the early summer" (via
/// the modifier), "this summer" is in relative.rs.
fn season(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let the = cx.w(i) == "the";
    let j = if the { i + 1 } else { i };
    let code = anchor::season_code(cx.w(j))?;
    let mut end = j + 1;
    let mut year = None;
    if let Some(y) = year_token(cx, end) {
        year = Some(y);
        end += 1;
    } else if cx.w(end) == "of"
        && let Some((y, e)) = year_after(cx, end + 1)
    {
        year = Some(y);
        end = e;
    }
    if year.is_none() {
        // "fall" and "spring" are also verbs and "the fall of the Wall" is not a season.
        let previous = if i > 0 { cx.w(i - 1) } else { "" };
        let modified = matches!(previous, "early" | "late" | "mid" | "-");
        let ok = (the && cx.w(end) != "of")
            || modified
            || matches!(
                previous,
                "in" | "during" | "since" | "until" | "by" | "over" | "through"
            );
        if !ok || (matches!(code, "FA" | "SP") && !the && !modified) {
            return None;
        }
        // "the fall" is far more often a decline ("the fall in prices", "attributed the fall
        // to", "The fall is a reaction") than the season, which a time preposition heads
        // ("in the fall", "by the fall") or whose noun it modifies ("the fall season").
        if code == "FA" && the && !modified {
            let season_noun = matches!(cx.w(end), "season" | "semester" | "term" | "session");
            let timed = matches!(
                previous,
                "in" | "during"
                    | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "over"
                    | "through"
                    | "throughout"
                    | "before"
                    | "after"
                    | "for"
                    | "into"
            ) && !matches!(
                cx.w(end),
                "in" | "to" | "from" | "on" | "was" | "is" | "came" | "would" | "which"
            );
            if !(season_noun || timed) {
                return None;
            }
        }
    }
    let y = year.unwrap_or_else(|| t.dct.year());
    Some(Found::date(end, format!("{y:04}-{code}")))
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn month_day_dates_take_the_nearest_year() {
        assert_eq!(
            tags("It ended Sept. 30, the company said.", "1989-11-01"),
            vec![("Sept. 30", "DATE", "1989-09-30")]
        );
        assert_eq!(
            tags("It happened Oct. 23 in Kenya.", "1999-01-22"),
            vec![("Oct. 23", "DATE", "1998-10-23")]
        );
        assert_eq!(
            tags("The bombing of Aug. 7, 1998 shocked.", "1999-10-08"),
            vec![("Aug. 7, 1998", "DATE", "1998-08-07")]
        );
        assert_eq!(
            tags("It is due Friday, Oct. 23.", "1998-10-20"),
            vec![("Friday, Oct. 23", "DATE", "1998-10-23")]
        );
        // Near the document date the nearest year wins over the tense...
        assert_eq!(
            tags("The company said it will pay Nov. 16.", "1989-11-01"),
            vec![("Nov. 16", "DATE", "1989-11-16")]
        );
        // ...but six months either way, the tense decides.
        assert_eq!(
            tags("He was last seen Nov. 3, the day before.", "1999-05-07"),
            vec![("Nov. 3", "DATE", "1998-11-03")]
        );
        // A verb right before the date decides even near it...
        assert_eq!(
            tags("The retailer's fiscal year ended Jan. 31.", "1989-10-31"),
            vec![("Jan. 31", "DATE", "1989-01-31")]
        );
        assert_eq!(
            tags("The warrant expires Oct. 2.", "1989-10-31"),
            vec![("Oct. 2", "DATE", "1990-10-02")]
        );
        // ...and "since" heading the phrase, even a few words before.
        assert_eq!(
            tags(
                "Police have hunted him since just after the Nov. 3 shooting.",
                "1999-05-07"
            ),
            vec![("Nov. 3", "DATE", "1998-11-03")]
        );
    }

    #[test]
    fn a_range_of_days_is_dated_from_its_first_day() {
        assert_eq!(
            tags("Kim left for the Feb. 27-28 summit in Hanoi.", "2019-02-23"),
            vec![("Feb. 27", "DATE", "2019-02-27")]
        );
        // Not a range: a later day must follow, and a time is not a day.
        assert_eq!(
            tags("The score was Feb. 27-3 at the end.", "2019-02-23"),
            vec![("Feb.", "DATE", "2019-02")]
        );
    }

    #[test]
    fn months_years_and_words() {
        assert_eq!(
            tags("In July 1997 prices fell.", "1999-03-12"),
            vec![("July 1997", "DATE", "1997-07")]
        );
        assert_eq!(
            tags("That was in nineteen ninety-six.", "1998-01-15"),
            vec![("nineteen ninety-six", "DATE", "1996")]
        );
        assert_eq!(
            tags("He came in 1988 and left.", "1989-10-26"),
            vec![("1988", "DATE", "1988")]
        );
        assert!(tags("It has 1990 people.", "1989-10-26").is_empty());
        assert_eq!(
            tags("Profit in fiscal 1989 rose.", "1989-10-26"),
            vec![("fiscal 1989", "DATE", "1989")]
        );
        assert_eq!(
            tags(
                "Sales fell in June last year and rose in January this year.",
                "1998-02-19"
            ),
            vec![
                ("June last year", "DATE", "1997-06"),
                ("January this year", "DATE", "1998-01")
            ]
        );
        assert_eq!(
            tags(
                "Its debt stood at 665 mln dlrs at 1986 year end.",
                "1987-03-23"
            ),
            vec![("1986 year end", "DATE", "1986")]
        );
        assert_eq!(
            tags(
                "The biggest drop since July, 1984, when it fell.",
                "1987-03-03"
            ),
            vec![("July, 1984", "DATE", "1984-07")]
        );
        assert_eq!(
            tags("In July, 2000 people came.", "1987-03-03"),
            vec![("July", "DATE", "1986-07")]
        );
    }

    #[test]
    fn a_bare_month_follows_the_tense_unless_the_calendar_says_otherwise() {
        // Past tense, and March was a month ago: last March.
        assert_eq!(
            tags("Prices fell in March.", "1998-04-10"),
            vec![("March", "DATE", "1998-03")]
        );
        // Past tense, and December eight months ago: the tense decides.
        assert_eq!(
            tags("Prices fell in December.", "1998-08-10"),
            vec![("December", "DATE", "1997-12")]
        );
        // Past tense, but September is next month and eleven months back: next month.
        assert_eq!(
            tags(
                "Saudi Arabia told oil companies of a cutback in September.",
                "1990-08-16"
            ),
            vec![("September", "DATE", "1990-09")]
        );
        // The noun "March" is no month, unless a preposition asks for one.
        assert!(tags("Thousands joined the annual March for Life.", "1999-01-22").is_empty());
        assert!(tags("She led the ``March of the Mothers.''", "2000-01-15").is_empty());
        assert_eq!(
            tags("It rose in March of 1990.", "1991-01-15"),
            vec![("March of 1990", "DATE", "1990-03")]
        );
    }

    #[test]
    fn decades_centuries_quarters() {
        assert_eq!(
            tags("Prices fell in the 1990s.", "1998-03-03"),
            vec![("the 1990s", "DATE", "199")]
        );
        assert_eq!(
            tags("Back in the '80s it was.", "1998-03-03"),
            vec![("the '80s", "DATE", "198")]
        );
        assert_eq!(
            tags("Art of the 20th century lives.", "1998-03-03"),
            vec![("the 20th century", "DATE", "19")]
        );
        assert_eq!(
            tags("Its third-quarter profit rose.", "1989-10-26"),
            vec![("third-quarter", "DATE", "1989-Q3")]
        );
        assert_eq!(
            tags("Sales in the third quarter of 1990 rose.", "1989-10-26"),
            vec![("the third quarter of 1990", "DATE", "1990-Q3")]
        );
        assert_eq!(
            tags("Net fell in the fourth quarter.", "1998-01-26"),
            vec![("the fourth quarter", "DATE", "1997-Q4")]
        );
        // The half of something else is no half-year; the half of a year named so is.
        assert!(
            tags(
                "Banks borrowed in the second half of the statement week.",
                "1987-04-09"
            )
            .is_empty()
        );
        assert_eq!(
            tags(
                "Spending rises in the first half of the financial year.",
                "1987-04-08"
            ),
            vec![("the first half", "DATE", "1987-H1")]
        );
    }

    #[test]
    fn holidays_and_seasons() {
        assert_eq!(
            tags("They met on Thanksgiving Day.", "2000-01-06"),
            vec![("Thanksgiving Day", "DATE", "1999-11-25")]
        );
        assert_eq!(
            tags("Sales slowed in the summer.", "1989-10-26"),
            vec![("the summer", "DATE", "1989-SU")]
        );
        assert_eq!(
            tags("It was the winter of nineteen ninety-four.", "1998-02-23"),
            vec![("the winter of nineteen ninety-four", "DATE", "1994-WI")]
        );
    }

    #[test]
    fn the_fall_is_a_season_only_where_a_time_is_meant() {
        assert_eq!(
            tags("Prices will recover in the fall.", "1987-03-03"),
            vec![("the fall", "DATE", "1987-FA")]
        );
        assert_eq!(
            tags("Bookings for the fall season opened.", "1987-03-03"),
            vec![("the fall", "DATE", "1987-FA")]
        );
        for decline in [
            "The fall is a technical reaction to the failure of the talks.",
            "Dealers attributed the fall to profit-taking.",
            "Margins were hit by the fall in prices.",
            "Analysts said the fall was overdone.",
        ] {
            assert!(tags(decline, "1987-03-03").is_empty(), "{decline}");
        }
    }

    #[test]
    fn a_month_and_year_with_a_comma_stay_one_date() {
        assert_eq!(
            tags(
                "Deposits were made in late October, 1985 by Lake Resources.",
                "1987-03-06"
            ),
            vec![("late October, 1985", "DATE", "1985-10")]
        );
        assert_eq!(
            tags(
                "The agreement replaced a February, 1986 rescheduling accord.",
                "1987-03-27"
            ),
            vec![("February, 1986", "DATE", "1986-02")]
        );
        // A count after the comma is not a year.
        assert_eq!(
            tags("In July, 2000 people came.", "1987-03-27"),
            vec![("July", "DATE", "1986-07")]
        );
    }

    #[test]
    fn weekdays_of_a_month_are_its_days() {
        assert_eq!(
            tags("The vote is on the first Tuesday of April.", "1987-03-03"),
            vec![("the first Tuesday of April", "DATE", "1987-04-07")]
        );
        assert_eq!(
            tags("It was held on the last Friday in February.", "1987-03-03"),
            vec![("the last Friday in February", "DATE", "1987-02-27")]
        );
        assert_eq!(
            tags(
                "They met on the second Friday of March, 1986.",
                "1987-03-03"
            ),
            vec![("the second Friday of March, 1986", "DATE", "1986-03-14")]
        );
        // Of every month, a timetable.
        assert_eq!(
            tags(
                "Options expire on the third Friday of each month.",
                "1987-03-03"
            ),
            vec![("the third Friday of each month", "SET", "P1M")]
        );
        assert_eq!(
            tags(
                "Expiration will be on the second Friday of the month.",
                "1987-04-02"
            ),
            vec![("the second Friday of the month", "SET", "P1M")]
        );
        // "last Friday in" without "the" is still the Friday before.
        assert_eq!(
            tags("He left last Friday in a hurry.", "1987-03-03"),
            vec![("last Friday", "DATE", "1987-02-27")]
        );
        // A fifth weekday the month does not have names only the month.
        assert_eq!(
            tags(
                "It falls on the fifth Monday of February, 1987.",
                "1987-03-03"
            ),
            vec![("the fifth Monday of February, 1987", "DATE", "1987-02")]
        );
    }

    #[test]
    fn the_prior_quarter_of_an_ordinal_is_a_year_before() {
        assert_eq!(
            tags(
                "Earnings were 51 cts, against 20 cts the prior first quarter.",
                "1987-03-30"
            ),
            vec![("the prior first quarter", "DATE", "1986-Q1")]
        );
    }

    #[test]
    fn a_contracts_month_is_one_to_come() {
        assert_eq!(
            tags(
                "Discounts in the October and December contracts reflected it.",
                "1987-04-01"
            ),
            vec![
                ("October", "DATE", "1987-10"),
                ("December", "DATE", "1987-12")
            ]
        );
        // Not a subject after the month: "In March sugar output fell."
        assert_eq!(
            tags("In March sugar output fell.", "1987-04-01"),
            vec![("March", "DATE", "1987-03")]
        );
    }

    #[test]
    fn the_month_of_a_month_is_that_month() {
        assert_eq!(
            tags(
                "The scheme is extended for the month of April.",
                "1987-03-27"
            ),
            vec![("the month of April", "DATE", "1987-04")]
        );
    }

    #[test]
    fn a_month_before_a_sentence_break_stays_a_month() {
        // "Sept. Last year" across a sentence break is a month, then a year.
        assert_eq!(
            tags(
                "The impact will be in Indonesia July/Sept.\n    Last year's cut hurt.",
                "1987-04-07"
            ),
            vec![
                ("July", "DATE", "1987-07"),
                ("Sept.", "DATE", "1987-09"),
                ("Last year", "DATE", "1986")
            ]
        );
    }
}
