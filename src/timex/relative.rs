//! Expressions that only mean something against the document date: "today", "yesterday",
//! "Friday", "last week", "next year", "the past year", "this summer", "last November",
//! "two years ago", "a year earlier", "the year-ago quarter", "the latest quarter", and the
//! vague references "now" (PRESENT_REF), "recently" (PAST_REF), "the future" (FUTURE_REF).

use super::anchor::{self, Direction};
use super::lexicon::{self, Unit, month_at, part_of_day, weekday_at};
use super::numbers::cardinal;
use super::tokens::TokenKind;
use super::{Found, Tagger, TimexType, keep_later_on_tie};
use chrono::{Datelike, NaiveDate};

pub(crate) fn at(t: &Tagger, i: usize) -> Option<Found> {
    // A number starts only a count ("two years ago"): every other rule starts with a word.
    if t.cx.kind(i) == Some(super::tokens::TokenKind::Number) {
        let found = ago(t, i);
        debug_assert_eq!(
            found,
            every_rule(t, i),
            "a relative rule starts at a number"
        );
        return found;
    }
    every_rule(t, i)
}

/// [`at`], every rule asked.
fn every_rule(t: &Tagger, i: usize) -> Option<Found> {
    // The longest, a later rule winning a tie; each kept or dropped as it comes rather than
    // all gathered first.
    let mut best = deictic_day(t, i);
    keep_later_on_tie(&mut best, vague(t, i));
    keep_later_on_tie(&mut best, shifted_unit(t, i));
    keep_later_on_tie(&mut best, weekday(t, i));
    keep_later_on_tie(&mut best, ago(t, i));
    keep_later_on_tie(&mut best, year_earlier(t, i));
    keep_later_on_tie(&mut best, reported_quarter(t, i));
    best
}

/// A date or, with a part of the day after it, a time: "yesterday" / "yesterday morning".
fn day_or_time(date: NaiveDate, end: usize, part: Option<&str>) -> Found {
    match part {
        Some(code) => Found::new(
            end + 1,
            TimexType::Time,
            format!("{}{code}", anchor::day(date)),
        ),
        None => Found::date(end, anchor::day(date)),
    }
}

/// "today", "yesterday", "tomorrow", "tonight", "last night", "this morning", "yesterday
/// afternoon", "the day before yesterday".
fn deictic_day(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let dct = t.dct;
    let offset = |word: &str| match word {
        "today" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(o) = offset(cx.w(i)) {
        let date = anchor::add_days(dct, o)?;
        return Some(day_or_time(
            date,
            i + 1,
            part_of_day(cx.w(i + 1)).filter(|_| cx.w(i + 1) != "nights"),
        ));
    }
    match (cx.w(i), cx.w(i + 1), cx.w(i + 2), cx.w(i + 3)) {
        ("tonight", ..) => Some(Found::new(
            i + 1,
            TimexType::Time,
            format!("{}TNI", anchor::day(dct)),
        )),
        ("last", "night", ..) => {
            let date = anchor::add_days(dct, -1)?;
            Some(Found::new(
                i + 2,
                TimexType::Time,
                format!("{}TNI", anchor::day(date)),
            ))
        }
        ("this", part, ..) if part_of_day(part).is_some() && !part.ends_with('s') => {
            let code = part_of_day(part)?;
            Some(Found::new(
                i + 2,
                TimexType::Time,
                format!("{}{code}", anchor::day(dct)),
            ))
        }
        // Anaphora: "that day", "the same day", "that year" are the day or year the story
        // last named; with none named there is nothing to resolve them to.
        ("that" | "the", "same", "day", _) => {
            Some(Found::date(i + 3, anchor::day(t.discourse_day?)))
        }
        ("that", "day", ..) => Some(Found::date(i + 2, anchor::day(t.discourse_day?))),
        ("that" | "the", "same", "year", _) => {
            Some(Found::date(i + 3, anchor::year(t.discourse_year?)))
        }
        ("that", "year", ..) => Some(Found::date(i + 2, anchor::year(t.discourse_year?))),
        ("that", "month", ..) => {
            let (y, m) = t.discourse_month?;
            Some(Found::date(i + 2, anchor::month(y, m)))
        }
        ("that", "week", ..) => Some(Found::date(i + 2, anchor::week(t.discourse_day?))),
        ("the", "day", "before", "yesterday") => {
            Some(Found::date(i + 4, anchor::day(anchor::add_days(dct, -2)?)))
        }
        ("the", "day", "after", "tomorrow") => {
            Some(Found::date(i + 4, anchor::day(anchor::add_days(dct, 2)?)))
        }
        _ => None,
    }
}

/// PRESENT_REF, PAST_REF and FUTURE_REF.
fn vague(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let refer = |end: usize, value: &str| Some(Found::date(end, value.to_string()));
    match (cx.w(i), cx.w(i + 1), cx.w(i + 2)) {
        ("right", "now", _) => refer(i + 2, "PRESENT_REF"),
        // "every now and then", "now and again": how often, not when.
        ("now", "and", "then" | "again") => None,
        ("now", ..) => {
            // "now-defunct" is still a reference to the present; "now that" too.
            refer(i + 1, "PRESENT_REF")
        }
        ("currently" | "presently" | "nowadays", ..) => refer(i + 1, "PRESENT_REF"),
        ("current", next, _) => {
            // "current" as a time ("current prices"), not "the current quarter" (a quarter) nor
            // "current account" or an electric current.
            if matches!(
                next,
                "account"
                    | "accounts"
                    | "assets"
                    | "liabilities"
                    | "of"
                    | "."
                    | ","
                    | "quarter"
                    | "year"
                    | "month"
                    | "week"
                    | "fiscal"
                    | "period"
            ) {
                None
            } else {
                refer(i + 1, "PRESENT_REF")
            }
        }
        ("these", "days", _) => refer(i + 2, "PRESENT_REF"),
        ("the", "present", _) => refer(i + 2, "PRESENT_REF"),
        // "previously" and "formerly" qualify events more often than they date them.
        ("recently" | "lately", ..) => refer(i + 1, "PAST_REF"),
        ("more", "recently", _) => refer(i + 2, "PAST_REF"),
        ("recent", "years", _) => refer(i + 2, "PAST_REF"),
        ("the", "past", next) => {
            // "the past two years" is a duration; "the past year" a date (shifted_unit).
            if lexicon::unit(next).is_some()
                || cardinal(cx, i + 2).is_some()
                || matches!(next, "few" | "several")
            {
                None
            } else {
                refer(i + 2, "PAST_REF")
            }
        }
        ("the", "future", _) => refer(i + 2, "FUTURE_REF"),
        ("the", "near" | "distant" | "immediate", "future") => refer(i + 3, "FUTURE_REF"),
        ("the", "near" | "short" | "long", "term") => refer(i + 3, "FUTURE_REF"),
        ("soon", ..) => {
            if matches!(cx.w(i + 1), "after" | "as") {
                None
            } else {
                refer(i + 1, "FUTURE_REF")
            }
        }
        ("as", "soon", "as") if cx.w(i + 3) == "possible" => refer(i + 4, "FUTURE_REF"),
        ("coming", "months" | "quarters", _) => refer(i + 2, "FUTURE_REF"),
        _ => None,
    }
}

/// The value of the unit around the document date moved by `step`: "last week" is
/// `week(dct, -1)`.
pub(crate) fn unit_value(t: &Tagger, unit: Unit, step: i32) -> Option<String> {
    unit_value_from(t.dct, unit, step)
}

/// The value of the unit around `dct` moved by `step`.
fn unit_value_from(dct: NaiveDate, unit: Unit, step: i32) -> Option<String> {
    Some(match unit {
        Unit::Day => anchor::day(anchor::add_days(dct, i64::from(step))?),
        Unit::Week => anchor::week(anchor::add_days(dct, 7 * i64::from(step))?),
        Unit::Weekend => format!(
            "{}-WE",
            anchor::week(anchor::add_days(dct, 7 * i64::from(step))?)
        ),
        Unit::Month => {
            let d = anchor::add_months(dct, step)?;
            anchor::month(d.year(), d.month())
        }
        Unit::Quarter => {
            let index = dct.year() * 4 + anchor::quarter_of(dct) as i32 - 1 + step;
            anchor::quarter(index.div_euclid(4), index.rem_euclid(4) as u32 + 1)
        }
        Unit::Year => anchor::year(dct.year() + step),
        Unit::Decade => format!("{:03}", dct.year().div_euclid(10) + step),
        Unit::Century => format!("{:02}", dct.year().div_euclid(100) + step),
        Unit::Second | Unit::Minute | Unit::Hour => return None,
    })
}

/// The step a relative determiner means: "last" -1, "this" 0, "next" +1.
fn step_of(word: &str) -> Option<i32> {
    Some(match word {
        "this" | "current" | "present" => 0,
        "last" | "past" | "previous" | "prior" | "preceding" => -1,
        "next" | "coming" | "following" | "upcoming" => 1,
        _ => return None,
    })
}

/// "this year", "last week", "the past year", "next month", "the current fiscal year",
/// "this summer", "last November", "this coming Sunday", "the year", "year-end".
fn shifted_unit(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    let the = cx.w(j) == "the";
    if the {
        j += 1;
    }
    // "this past spring", "this coming Sunday"
    let mut step = step_of(cx.w(j));
    if step.is_some() {
        j += 1;
        if cx.w(j - 1) == "this"
            && let Some(s) = step_of(cx.w(j)).filter(|&s| s != 0)
        {
            step = Some(s);
            j += 1;
        }
    } else if the && cx.w(j) == "latest" {
        step = Some(-1);
        j += 1;
    }
    let fiscal = cx.w(j) == "fiscal";
    if fiscal {
        j += 1;
    }
    // "year end", "year-end", "year's end"
    if !the && step.is_none() && cx.w(j) == "year" {
        if cx.w(j + 1) == "end" {
            return Some(Found::date(j + 2, anchor::year(t.dct.year())));
        }
        if cx.hyphen_after(j) && cx.w(j + 2) == "end" {
            return Some(Found::date(j + 3, anchor::year(t.dct.year())));
        }
        if cx.w(j + 1) == "'" && cx.w(j + 2) == "s" && cx.w(j + 3) == "end" {
            return Some(Found::date(j + 4, anchor::year(t.dct.year())));
        }
    }
    // "the full year", "the entire year"
    let whole = the && step.is_none() && matches!(cx.w(j), "full" | "entire" | "whole");
    if whole {
        j += 1;
    }
    if let Some((u, plural)) = lexicon::unit(cx.w(j)) {
        if plural || (fiscal && u != Unit::Year) || cx.hyphen_after(j) {
            return None;
        }
        if whole {
            return (u == Unit::Year).then(|| Found::date(j + 1, anchor::year(t.dct.year())));
        }
        // "last week's": the extent stops before the possessive.
        let end = j + 1;
        match step {
            Some(s) => {
                if u == Unit::Quarter && s == -1 && cx.w(j - 1) == "latest" {
                    return None; // "the latest quarter": reported_quarter
                }
                if u == Unit::Weekend {
                    return Some(Found::date(end, weekend(t, i, end, s)?));
                }
                // "the following year", "the previous month": a step from the time the
                // story last named, not from the document date.
                if the && let Some(value) = anaphoric_unit(t, cx.w(i + 1), u, s) {
                    return Some(Found::date(end, value));
                }
                // "the past year" is last year; with "the" and a following number it is a
                // duration, which the duration rule finds as the longer match.
                let value = unit_value(t, u, s)?;
                let mut f = Found::date(end, value);
                if u == Unit::Quarter {
                    let index = t.dct.year() * 4 + anchor::quarter_of(t.dct) as i32 - 1 + s;
                    f.quarter = Some((index.div_euclid(4), index.rem_euclid(4) as u32 + 1));
                }
                Some(f)
            }
            None if the => {
                // "the year", "the week", "the weekend", "the fiscal year".
                let before = if i > 0 { cx.w(i - 1) } else { "" };
                if matches!(before, "for" | "over" | "throughout") && u != Unit::Weekend {
                    let (designator, times) = u.designator();
                    return Some(Found::new(
                        end,
                        TimexType::Duration,
                        format!("P{times}{designator}"),
                    ));
                }
                match u {
                    Unit::Year | Unit::Month => Some(Found::date(end, unit_value(t, u, 0)?)),
                    Unit::Weekend => Some(Found::date(end, weekend(t, i, end, 0)?)),
                    Unit::Week => Some(Found::date(end, format!("{:04}-WXX", t.dct.year()))),
                    _ => None,
                }
            }
            None => None,
        }
    } else if let Some(s) = step {
        // "last November", "this September", "last fall", "this coming Sunday".
        if let Some((m, end)) = month_at(cx, j) {
            let dct = t.dct;
            // "last Oct. 23": the month-day before the document date; "next June 1" after.
            if let Some((d, end)) = super::dates::day_token(cx, end) {
                let direction = match s {
                    -1 => Direction::Past,
                    0 => Direction::Nearest,
                    _ => Direction::Future,
                };
                let y = anchor::year_of_month_day(dct, m, d, direction);
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some(Found::date(end, anchor::day(date)));
            }
            let y = match s {
                0 => dct.year(),
                -1 => {
                    if m < dct.month() {
                        dct.year()
                    } else {
                        dct.year() - 1
                    }
                }
                _ => {
                    if m > dct.month() {
                        dct.year()
                    } else {
                        dct.year() + 1
                    }
                }
            };
            return Some(Found::date(end, anchor::month(y, m)));
        }
        if let Some(code) = anchor::season_code(cx.w(j)) {
            let y = anchor::season_year(t.dct, code, s);
            return Some(Found::date(j + 1, format!("{y:04}-{code}")));
        }
        None
    } else {
        None
    }
}

/// "the following year", "the previous month", "the preceding week": the unit stepped from
/// the time the story last named, when it named one ("In 1995 the company failed; the
/// following year..."). "the next" and "the past" are left to the document date: "the next
/// year" of a forecast and "the past year" of a report count from the day of writing.
fn anaphoric_unit(t: &Tagger, determiner: &str, unit: Unit, step: i32) -> Option<String> {
    if !matches!(determiner, "following" | "previous" | "preceding" | "prior") {
        return None;
    }
    step_from_named(t, unit, step)
}

/// The unit stepped from the time the story last named at the unit's own grain ("1995" for
/// years, "March 1995" for months, a day for days and weeks); none when it named none.
fn step_from_named(t: &Tagger, unit: Unit, step: i32) -> Option<String> {
    match unit {
        Unit::Year => Some(anchor::year(t.discourse_year? + step)),
        Unit::Month => {
            let (y, m) = t.discourse_month?;
            let d = anchor::add_months(NaiveDate::from_ymd_opt(y, m, 1)?, step)?;
            Some(anchor::month(d.year(), d.month()))
        }
        Unit::Day | Unit::Week => unit_value_from(t.discourse_day?, unit, step),
        _ => None,
    }
}

/// "the weekend" before or after the document date, by the sentence's tense.
fn weekend(t: &Tagger, start: usize, end: usize, step: i32) -> Option<String> {
    let dct = t.dct;
    let weekday = dct.weekday().num_days_from_monday();
    let step = if step != 0 {
        step
    } else if weekday >= 5 {
        0
    } else {
        match t.direction(start, end) {
            Direction::Future => 0,
            _ => -1,
        }
    };
    unit_value(t, Unit::Weekend, step)
}

/// "Friday", "last Friday", "next Tuesday", "the previous Friday", "Friday morning",
/// "Sunday night".
fn weekday(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    if cx.w(j) == "the" && matches!(cx.w(j + 1), "previous" | "following" | "next" | "preceding") {
        j += 1;
    }
    let modifier = match cx.w(j) {
        "last" | "previous" | "preceding" | "past" => Some(Direction::Past),
        "next" | "following" | "coming" => Some(Direction::Future),
        "this" => Some(Direction::Nearest),
        _ => None,
    };
    if modifier.is_some() {
        j += 1;
        if cx.w(j - 1) == "this" && matches!(cx.w(j), "coming" | "past") {
            j += 1;
        }
    }
    let (w, end) = weekday_at(cx, j)?;
    let (direction, strict) = match modifier {
        Some(Direction::Past) if cx.w(j - 1) == "past" && cx.w(j - 2) == "this" => {
            (Direction::Past, false)
        }
        Some(Direction::Future) if cx.w(j - 1) == "coming" && cx.w(j - 2) == "this" => {
            (Direction::Future, false)
        }
        Some(Direction::Nearest) => (t.direction(i, end), false),
        Some(d) => (d, true),
        None => match t.direction(i, end) {
            // News mostly reports what happened: with no cue, the weekday just past.
            Direction::Nearest => (Direction::Past, false),
            d => (d, false),
        },
    };
    // "the previous Friday", "the following Monday": from the day the story last named.
    let from = match (cx.w(i), cx.w(i + 1)) {
        ("the", "previous" | "preceding" | "following") => t.discourse_day.unwrap_or(t.dct),
        _ => t.dct,
    };
    let date = anchor::weekday_from(from, w, direction, strict)?;
    // "this coming Sunday, March eighth": the calendar date, when one follows, fixes the day.
    if cx.w(end) == ","
        && let Some(dated) = super::dates::at(t, end + 1).filter(|f| f.value.len() == 10)
    {
        return Some(dated);
    }
    let part = part_of_day(cx.w(end)).filter(|p| !cx.w(end).ends_with('s') && !p.is_empty());
    Some(day_or_time(date, end, part))
}

/// "two years ago", "a year earlier", "three days later", "six weeks ago", "years ago".
fn ago(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    let (count, vague) = match cx.w(j) {
        "a" | "an" if lexicon::unit(cx.w(j + 1)).is_some_and(|(_, p)| !p) => {
            j += 1;
            (Some(1.0), false)
        }
        "several" | "many" | "some" => {
            j += 1;
            (None, true)
        }
        "a" if cx.w(j + 1) == "few" => {
            j += 2;
            (None, true)
        }
        "few" => {
            j += 1;
            (None, true)
        }
        _ => match cardinal(cx, j) {
            Some(n) => {
                j = n.end;
                (Some(n.value), false)
            }
            None if lexicon::unit(cx.w(j)).is_some_and(|(_, p)| p) => (None, true),
            None => return None,
        },
    };
    let (u, _) = lexicon::unit(cx.w(j))?;
    let end = j + 1;
    // "from 89.2 mln a year before.": "before" ending its clause looks back as "earlier"
    // does; "a year before the election" counts from the election, not from today.
    let before_ends_clause = cx.w(end) == "before"
        && (cx.kind(end + 1) != Some(TokenKind::Word) || cx.sentence(end + 1) != cx.sentence(end));
    let sign = match (cx.w(end), cx.w(end + 1)) {
        ("ago" | "earlier", _) => -1,
        ("before", _) if before_ends_clause => -1,
        ("later" | "hence", _) => 1,
        ("from", "now") => 1,
        _ => return None,
    };
    let end = if cx.w(end) == "from" {
        end + 2
    } else {
        end + 1
    };
    if vague {
        let value = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return Some(Found::date(end, value.to_string()));
    }
    let n = count?;
    if n.fract() != 0.0 || n > 10_000.0 {
        return None;
    }
    let step = (n as i32) * sign;
    // "three years later" counts from the time the story last named ("He left in 1995;
    // three years later he returned"), as "ago" counts from the day of writing.
    if cx.w(j + 1) == "later" {
        let from_named = match u {
            Unit::Decade => step_from_named(t, Unit::Year, 10 * step),
            _ => step_from_named(t, u, step),
        };
        if let Some(value) = from_named {
            return Some(Found::date(end, value));
        }
    }
    let dct = t.dct;
    let value = match u {
        Unit::Year => match t.discourse_quarter {
            // A results story compares the quarter it reports (the last complete one) with
            // the same quarter a year before.
            Some(_) if n == 1.0 => {
                let (y, q) = t.last_complete_quarter();
                anchor::quarter(y + step, q)
            }
            _ => anchor::year(dct.year() + step),
        },
        Unit::Decade => anchor::year(dct.year() + 10 * step),
        Unit::Century => anchor::year(dct.year() + 100 * step),
        Unit::Week | Unit::Weekend => anchor::week(anchor::add_days(dct, 7 * i64::from(step))?),
        Unit::Quarter => unit_value(t, Unit::Quarter, step)?,
        Unit::Month => unit_value(t, Unit::Month, step)?,
        Unit::Day => anchor::day(anchor::add_days(dct, i64::from(step))?),
        Unit::Hour | Unit::Minute | Unit::Second => anchor::day(dct),
    };
    Some(Found::date(end, value))
}

/// "year-earlier", "the year-ago quarter", "the year-earlier period", "the comparable
/// year-ago quarter", "the same period last year", "the corresponding quarter a year ago".
fn year_earlier(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let mut j = i;
    if matches!(cx.w(j), "the" | "a") {
        j += 1;
    }
    if matches!(cx.w(j), "comparable" | "corresponding" | "same") {
        j += 1;
    }
    let earlier_year = |t: &Tagger| match t.discourse_quarter {
        Some(_) => {
            let (y, q) = t.last_complete_quarter();
            anchor::quarter(y - 1, q)
        }
        None => anchor::year(t.dct.year() - 1),
    };
    if matches!(cx.w(j), "year" | "prior")
        && cx.hyphen_after(j)
        && matches!(cx.w(j + 2), "earlier" | "ago" | "year")
    {
        let mut end = j + 3;
        match cx.w(end) {
            "quarter" | "period" => end += 1,
            "first" | "second" | "third" | "fourth" if cx.w(end + 1) == "quarter" => end += 2,
            _ => {
                if end - i > 3 {
                    // "the year-earlier" before some other noun: just the adjective.
                    let start_adjective = j;
                    if start_adjective != i {
                        return None;
                    }
                }
            }
        }
        return Some(Found::date(end, earlier_year(t)));
    }
    // "the same period last year", "the corresponding quarter a year ago"
    if j > i && matches!(cx.w(j), "period" | "quarter") {
        let k = j + 1;
        let end = match (cx.w(k), cx.w(k + 1), cx.w(k + 2)) {
            ("last", "year", _) | ("a", "year", "ago") => {
                if cx.w(k) == "a" {
                    k + 3
                } else {
                    k + 2
                }
            }
            ("a", "year", "earlier") => k + 3,
            _ => return None,
        };
        return Some(Found::date(end, earlier_year(t)));
    }
    None
}

/// "the quarter", "the latest quarter", "the latest period", "this quarter", "last quarter",
/// "the current quarter".
fn reported_quarter(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let (value, end) = match (cx.w(i), cx.w(i + 1), cx.w(i + 2)) {
        ("the", "quarter", _) => (t.reported_quarter(), i + 2),
        ("the", "latest" | "recent" | "just-ended", "quarter" | "period") => {
            (t.last_complete_quarter(), i + 3)
        }
        ("the", "same", "quarter" | "period") => (t.reported_quarter(), i + 3),
        ("the", "fiscal", "quarter") => (t.reported_quarter(), i + 3),
        // "the 1988 period", "the 1988 quarter": the reported quarter of that year.
        ("the", _, "period" | "quarter") if super::dates::year_token(cx, i + 1).is_some() => {
            let year = super::dates::year_token(cx, i + 1).unwrap_or(t.dct.year());
            ((year, t.reported_quarter().1), i + 3)
        }
        _ => return None,
    };
    let mut f = Found::date(end, anchor::quarter(value.0, value.1));
    f.quarter = Some(value);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn days_around_the_document_date() {
        assert_eq!(
            tags("Prices rose yesterday.", "1989-10-27"),
            vec![("yesterday", "DATE", "1989-10-26")]
        );
        assert_eq!(
            tags("He spoke this morning.", "1998-02-06"),
            vec![("this morning", "TIME", "1998-02-06TMO")]
        );
        assert_eq!(
            tags("They met last night.", "1998-01-20"),
            vec![("last night", "TIME", "1998-01-19TNI")]
        );
    }

    #[test]
    fn now_and_then_is_no_reference_to_the_present() {
        assert!(
            tags(
                "We hear news every now and then of violations.",
                "1987-03-15"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_year_before_ending_its_clause_looks_back() {
        assert_eq!(
            tags(
                "Profit fell to 14.9 mln dlrs from 15.9 mln a year before.",
                "1987-03-12"
            ),
            vec![("a year before", "DATE", "1986")]
        );
        // Before an event it counts from the event: a length of time.
        assert_eq!(
            tags("It came a year before the election.", "1987-03-12"),
            vec![("a year", "DURATION", "P1Y")]
        );
    }

    #[test]
    fn anaphoric_units_step_from_the_time_last_named() {
        assert_eq!(
            tags(
                "The firm failed in 1995 and the following year it was sold.",
                "1998-04-18"
            ),
            vec![
                ("1995", "DATE", "1995"),
                ("the following year", "DATE", "1996")
            ]
        );
        assert_eq!(
            tags(
                "It opened in March 1989. The following month it closed.",
                "1989-10-27"
            ),
            vec![
                ("March 1989", "DATE", "1989-03"),
                ("The following month", "DATE", "1989-04")
            ]
        );
        assert_eq!(
            tags(
                "Shares fell Oct. 27, 1989, after the previous Friday's drop.",
                "1989-11-01"
            ),
            vec![
                ("Oct. 27, 1989", "DATE", "1989-10-27"),
                ("the previous Friday", "DATE", "1989-10-20")
            ]
        );
        assert_eq!(
            tags(
                "He left in 1995. Three years later he returned.",
                "2013-03-22"
            ),
            vec![
                ("1995", "DATE", "1995"),
                ("Three years later", "DATE", "1998")
            ]
        );
        assert_eq!(
            tags("Three years later he returned.", "2013-03-22"),
            vec![("Three years later", "DATE", "2016")]
        );
        // With nothing named before, the document date is the anchor.
        assert_eq!(
            tags("The following year it was sold.", "1998-04-18"),
            vec![("The following year", "DATE", "1999")]
        );
        // "the next year" counts from the day of writing.
        assert_eq!(
            tags(
                "In 1995 it failed; it will grow in the next year.",
                "1998-04-18"
            ),
            vec![("1995", "DATE", "1995"), ("the next year", "DATE", "1999")]
        );
    }

    #[test]
    fn weekdays_follow_the_tense() {
        // 1998-08-11 is a Tuesday.
        assert_eq!(
            tags("Bombs exploded Friday.", "1998-08-11"),
            vec![("Friday", "DATE", "1998-08-07")]
        );
        assert_eq!(
            tags("He has been away since Friday and will stay.", "1998-08-11"),
            vec![("Friday", "DATE", "1998-08-07")]
        );
        assert_eq!(
            tags("He will arrive Friday.", "1998-08-11"),
            vec![("Friday", "DATE", "1998-08-14")]
        );
        // "next to" is a place: no cue, so the Friday just past.
        assert_eq!(
            tags(
                "The crowd next to the embassy on Friday grew.",
                "1998-08-11"
            ),
            vec![("Friday", "DATE", "1998-08-07")]
        );
        assert_eq!(
            tags("It happened last Friday.", "1998-08-11"),
            vec![("last Friday", "DATE", "1998-08-07")]
        );
        assert_eq!(
            tags("They met Friday morning.", "1998-08-11"),
            vec![("Friday morning", "TIME", "1998-08-07TMO")]
        );
        assert_eq!(
            tags("The talks are set to resume Monday.", "1998-08-11"),
            vec![("Monday", "DATE", "1998-08-17")]
        );
        assert_eq!(
            tags("He will wait until Friday.", "1998-08-11"),
            vec![("Friday", "DATE", "1998-08-14")]
        );
        assert_eq!(
            tags(
                "Until Friday, they had not called him a suspect.",
                "1998-08-11"
            ),
            vec![("Friday", "DATE", "1998-08-07")]
        );
        // A noun says nothing about when: shareholders tendered by the deadline, now past.
        assert_eq!(
            tags(
                "Holders tendered shares by the Friday deadline.",
                "1998-08-11"
            ),
            vec![("Friday", "DATE", "1998-08-07")]
        );
        // A reporting verb the weekday modifies dates it; the reported clause does not.
        assert_eq!(
            tags(
                "Ongpin told reporters on Saturday that Sy would sit on the board.",
                "1987-03-02"
            ),
            vec![("Saturday", "DATE", "1987-02-28")]
        );
        assert_eq!(
            tags(
                "The firm said in a statement on Sunday that it will not comment.",
                "1987-03-02"
            ),
            vec![("Sunday", "DATE", "1987-03-01")]
        );
        // A cue past a clause boundary belongs to another verb.
        assert_eq!(
            tags(
                "He said directors will rule on it on Wednesday, but added that it was late.",
                "1987-03-02"
            ),
            vec![("Wednesday", "DATE", "1987-03-04")]
        );
        // An infinitive of a scheduled act looks ahead; a price "to close at" does not.
        assert_eq!(
            tags("He made a tender offer to begin Thursday.", "1987-03-02"),
            vec![("Thursday", "DATE", "1987-03-05")]
        );
        assert_eq!(
            tags(
                "Shares fell 50 cents on Friday to close at $20.",
                "1989-10-30"
            ),
            vec![("Friday", "DATE", "1989-10-27")]
        );
        // The present of a scheduled act is its timetable.
        assert_eq!(
            tags(
                "The federation meets on Monday in conciliation.",
                "1987-03-25"
            ),
            vec![("Monday", "DATE", "1987-03-30")]
        );
        // An infinitive after the expression completes a noun: no cue.
        assert_eq!(
            tags(
                "He cited the decision on Friday to open registrations.",
                "1987-03-16"
            ),
            vec![("Friday", "DATE", "1987-03-13")]
        );
        // A name is not a past participle.
        assert_eq!(
            tags(
                "He would be traveling to the United States Friday.",
                "1998-08-11"
            ),
            vec![("Friday", "DATE", "1998-08-14")]
        );
    }

    #[test]
    fn shifted_units_and_ago() {
        let dct = "1989-10-26";
        assert_eq!(
            tags("Sales rose last year.", dct),
            vec![("last year", "DATE", "1988")]
        );
        assert_eq!(
            tags("Sales rose this month.", dct),
            vec![("this month", "DATE", "1989-10")]
        );
        assert_eq!(
            tags("Sales will rise next week.", dct),
            vec![("next week", "DATE", "1989-W44")]
        );
        assert_eq!(
            tags("It fell in the past year.", dct),
            vec![("the past year", "DATE", "1988")]
        );
        assert_eq!(
            tags("He left five years ago.", dct),
            vec![("five years ago", "DATE", "1984")]
        );
        assert_eq!(
            tags("It rose last fall.", "1999-05-07"),
            vec![("last fall", "DATE", "1998-FA")]
        );
        assert_eq!(
            tags("It rose last November.", "2000-01-13"),
            vec![("last November", "DATE", "1999-11")]
        );
        // With a day, the month-day on the named side of the document date.
        assert_eq!(
            tags("He was shot last Oct. 23 at home.", "1999-04-19"),
            vec![("last Oct. 23", "DATE", "1998-10-23")]
        );
        assert_eq!(
            tags("The law takes effect next June 1.", "1999-04-19"),
            vec![("next June 1", "DATE", "1999-06-01")]
        );
    }

    #[test]
    fn quarters_follow_the_discourse() {
        let found = tags(
            "Third-quarter net rose from $5 a share a year ago; the quarter was strong.",
            "1989-10-26",
        );
        assert_eq!(found[0], ("Third-quarter", "DATE", "1989-Q3"));
        assert!(
            found
                .iter()
                .any(|f| *f == ("a year ago", "DATE", "1988-Q3"))
        );
        assert!(
            found
                .iter()
                .any(|f| *f == ("the quarter", "DATE", "1989-Q3"))
        );
        assert_eq!(
            tags("Profit fell from the year-earlier quarter.", "1989-10-26"),
            vec![("the year-earlier quarter", "DATE", "1988")]
        );
    }

    #[test]
    fn vague_references() {
        assert_eq!(
            tags("It is now clear.", "1989-10-26"),
            vec![("now", "DATE", "PRESENT_REF")]
        );
        assert_eq!(
            tags("He recently left.", "1989-10-26"),
            vec![("recently", "DATE", "PAST_REF")]
        );
        assert_eq!(
            tags("We look to the future.", "1989-10-26"),
            vec![("the future", "DATE", "FUTURE_REF")]
        );
    }

    #[test]
    fn anaphora_take_the_day_or_year_last_named() {
        let found = tags(
            "He fled in June 1998 and returned later that year.",
            "2000-01-28",
        );
        assert!(
            found
                .iter()
                .any(|f| *f == ("later that year", "DATE", "1998"))
        );
        assert!(tags("It was crossed out that same day.", "1999-02-06").is_empty());
    }
}
