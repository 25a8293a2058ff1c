//! Clock times and parts of days: "3 p.m.", "10:35 a.m.", "5 p.m. EST Nov. 9", "noon
//! Thursday", "midnight", "4 in the morning", "mid-afternoon".

use super::anchor;
use super::tokens::TokenKind;
use super::{Cx, Found, Tagger, TimexType};

/// "a.m." / "p.m." (and "am", "pm", "a.m") starting at token `i`: whether it is p.m. and the
/// token index after it.
fn meridiem(cx: &Cx, i: usize) -> Option<(bool, usize)> {
    let w = cx.w(i);
    let pm = match w {
        "am" => false,
        "pm" => true,
        "a" | "p"
            if cx.w(i + 1) == "." && cx.w(i + 2) == "m" && cx.joined(i) && cx.joined(i + 1) =>
        {
            let pm = w == "p";
            // The final period, unless it is also the sentence's.
            let mut end = i + 3;
            if cx.w(end) == "." && cx.joined(end - 1) && cx.sentence(end) == cx.sentence(end + 1) {
                end += 1;
            }
            return Some((pm, end));
        }
        _ => return None,
    };
    Some((pm, i + 1))
}

pub(crate) fn is_time_zone(word: &str) -> bool {
    matches!(
        word,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
    )
}

/// The token after a 24-hour clock's zone starting at token `i`: "GMT", "est", "local time".
pub(crate) fn clock_zone_end(cx: &Cx, i: usize) -> Option<usize> {
    if is_time_zone(cx.w(i)) {
        Some(i + 1)
    } else {
        (cx.w(i) == "local" && cx.w(i + 1) == "time").then_some(i + 2)
    }
}

pub(crate) fn at(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let w = cx.w(i);
    let (hour, minute, mut end) = if cx.kind(i) == Some(TokenKind::Number) {
        clock(cx, i)?
    } else {
        match w {
            "noon" | "midday" => (12, 0, i + 1),
            "midnight" => (24, 0, i + 1),
            "mid" | "midafternoon" | "midmorning" => return part_of_day_time(t, i),
            _ => return None,
        }
    };
    // The day it is on: "5 p.m. EST, Nov. 6", "noon Thursday", "10 p.m. Wednesday".
    // The day the story last named, unless one follows.
    let mut date = t.discourse_day.unwrap_or(t.dct);
    let k = if cx.w(end) == "," { end + 1 } else { end };
    if let Some(day) = day_after(t, k) {
        date = day.0;
        end = day.1;
    } else if cx.w(end) == "on"
        && let Some((day, _)) = day_after(t, end + 1)
    {
        // "3:30 p.m. on March 5": the day dates the time; it is an expression of its own.
        date = day;
    }
    let value = if hour == 24 {
        format!("{}T24:00", anchor::day(date))
    } else {
        format!("{}T{hour:02}:{minute:02}", anchor::day(date))
    };
    Some(Found::new(end, TimexType::Time, value))
}

/// A clock time starting with a number: hour, minute and the token after it (time zone
/// included).
fn clock(cx: &Cx, i: usize) -> Option<(u32, u32, usize)> {
    let w = cx.w(i);
    // "10am", "3pm" written as one token
    if let Some(digits) = w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) {
        let h: u32 = digits.parse().ok().filter(|h| (1..=12).contains(h))?;
        let pm = w.ends_with("pm");
        return Some((to_24(h, pm), 0, zone_after(cx, i + 1)));
    }
    // Wire copy's 24-hour clock: "1130 GMT", "around 1330 local time".
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let (h, m): (u32, u32) = (w[..2].parse().ok()?, w[2..].parse().ok()?);
        if h >= 24 || m >= 60 {
            return None;
        }
        return clock_zone_end(cx, i + 1).map(|end| (h, m, end));
    }
    if w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: u32 = w.parse().ok()?;
    let mut end = i + 1;
    let mut minute = 0;
    let mut has_minutes = false;
    if cx.w(end) == ":" && cx.joined(i) && cx.joined(end) && cx.w(end + 1).len() == 2 {
        minute = cx.w(end + 1).parse().ok().filter(|m| *m < 60)?;
        has_minutes = true;
        end += 2;
    }
    if let Some((pm, after)) = meridiem(cx, end) {
        if !(1..=12).contains(&h) {
            return None;
        }
        return Some((to_24(h, pm), minute, zone_after(cx, after)));
    }
    if cx.w(end) == "o" && cx.w(end + 1) == "'" && cx.w(end + 2) == "clock" && (1..=12).contains(&h)
    {
        return Some((h, 0, end + 3));
    }
    // "4 in the morning"
    if cx.w(end) == "in" && cx.w(end + 1) == "the" && (1..=12).contains(&h) {
        let pm = match cx.w(end + 2) {
            "morning" => false,
            "afternoon" | "evening" => true,
            _ => return None,
        };
        return Some((to_24(h, pm), minute, end + 3));
    }
    // "14:30 GMT": a 24-hour time needs its minutes and a zone.
    if has_minutes && h < 24 && is_time_zone(cx.w(end)) {
        return Some((h, minute, end + 1));
    }
    None
}

fn to_24(h: u32, pm: bool) -> u32 {
    match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    }
}

fn zone_after(cx: &Cx, i: usize) -> usize {
    if is_time_zone(cx.w(i)) && cx.raw(i).bytes().all(|b| b.is_ascii_uppercase()) {
        i + 1
    } else {
        i
    }
}

/// A day right after a time: a weekday, "today", "yesterday", "tomorrow" or a month and day.
fn day_after(t: &Tagger, k: usize) -> Option<(chrono::NaiveDate, usize)> {
    let cx = t.cx;
    let starts = cx.capitalized(k) || matches!(cx.w(k), "today" | "yesterday" | "tomorrow");
    if !starts {
        return None;
    }
    let found = super::relative::at(t, k).or_else(|| super::dates::at(t, k))?;
    if found.kind != TimexType::Date || found.value.len() != 10 {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(&found.value, "%Y-%m-%d").ok()?;
    Some((date, found.end))
}

/// "mid-afternoon", "mid afternoon", "midafternoon yesterday".
fn part_of_day_time(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let (code, mut end) = match cx.w(i) {
        "midafternoon" => ("TAF", i + 1),
        "midmorning" => ("TMO", i + 1),
        _ => {
            let k = if cx.hyphen_after(i) { i + 2 } else { i + 1 };
            match cx.w(k) {
                "afternoon" => ("TAF", k + 1),
                "morning" => ("TMO", k + 1),
                "evening" => ("TEV", k + 1),
                _ => return None,
            }
        }
    };
    let mut date = t.dct;
    if let Some(day) = day_after(t, end) {
        date = day.0;
        end = day.1;
    }
    Some(Found::new(
        end,
        TimexType::Time,
        format!("{}{code}", anchor::day(date)),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn a_wire_storys_24_hour_clock_is_a_time_not_a_year() {
        assert_eq!(
            tags(
                "The blaze broke out around 1330 local time (1130 GMT).",
                "1987-06-02"
            ),
            vec![
                ("around 1330 local time", "TIME", "1987-06-02T13:30"),
                ("1130 GMT", "TIME", "1987-06-02T11:30")
            ]
        );
        // A year before a word that is no zone stays a year.
        assert_eq!(
            tags("Output fell in 1986 and recovered.", "1987-06-02"),
            vec![("1986", "DATE", "1986")]
        );
    }

    #[test]
    fn clock_times() {
        let dct = "1998-02-13"; // a Friday
        assert_eq!(
            tags("It began at 10:35 a.m. and ended.", dct),
            vec![("10:35 a.m.", "TIME", "1998-02-13T10:35")]
        );
        assert_eq!(
            tags(
                "It happened at about 3:30 p.m. on Feb. 5 near the school.",
                dct
            ),
            vec![
                ("about 3:30 p.m.", "TIME", "1998-02-05T15:30"),
                ("Feb. 5", "DATE", "1998-02-05")
            ]
        );
        assert_eq!(
            tags("It ended at 6 a.m. Then it rained.", dct),
            vec![("6 a.m", "TIME", "1998-02-13T06:00")]
        );
        assert_eq!(
            tags("They met at noon Thursday.", dct),
            vec![("noon Thursday", "TIME", "1998-02-12T12:00")]
        );
        assert_eq!(
            tags("Bids are due by 5 p.m. EST Nov. 9.", "1989-11-02"),
            vec![("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00")]
        );
        assert_eq!(
            tags("He woke at 4 in the morning.", dct),
            vec![("4 in the morning", "TIME", "1998-02-13T04:00")]
        );
        assert_eq!(
            tags("It closed at mid-afternoon.", dct),
            vec![("mid-afternoon", "TIME", "1998-02-13TAF")]
        );
    }
}
