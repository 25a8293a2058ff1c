//! Calendar arithmetic against the document date, TIMEX3 value formatting, and the tense cue
//! that decides whether a bare "Friday" or "November" is the one before or after the document
//! date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which way a relative expression points from the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
    /// No cue: the nearest occurrence.
    Nearest,
}

/// `n` zero-padded to `width` digits, appended to `out`: `format!("{n:0width$}")` without the
/// formatting machinery, as values are built for every candidate match. `n` must have at most
/// `width` digits; [`four_digit_year`] and the calendar's ranges see to it.
fn push_padded(out: &mut String, n: u32, width: u32) {
    let mut place = 10u32.pow(width.saturating_sub(1));
    while place > 0 {
        // A digit: `n / place % 10` is below 10.
        out.push(char::from(b'0' + (n / place % 10) as u8));
        place /= 10;
    }
}

/// A year `{:04}` writes as four digits with no sign (0-9999); others go to `format!`.
fn four_digit_year(year: i32) -> Option<u32> {
    u32::try_from(year).ok().filter(|&y| y <= 9999)
}

/// `2019-02-23`
pub fn day(d: NaiveDate) -> String {
    let Some(year) = four_digit_year(d.year()) else {
        return format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    };
    let mut value = String::with_capacity(10);
    push_padded(&mut value, year, 4);
    value.push('-');
    push_padded(&mut value, d.month(), 2);
    value.push('-');
    push_padded(&mut value, d.day(), 2);
    value
}

/// `2019-02`
pub fn month(year: i32, month: u32) -> String {
    match four_digit_year(year) {
        Some(y) if month < 100 => {
            let mut value = String::with_capacity(7);
            push_padded(&mut value, y, 4);
            value.push('-');
            push_padded(&mut value, month, 2);
            value
        }
        _ => format!("{year:04}-{month:02}"),
    }
}

/// `2019`
pub fn year(year: i32) -> String {
    match four_digit_year(year) {
        Some(y) => {
            let mut value = String::with_capacity(4);
            push_padded(&mut value, y, 4);
            value
        }
        None => format!("{year:04}"),
    }
}

/// `2019-W08`: the ISO week of `d`.
pub fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    let Some(year) = four_digit_year(w.year()) else {
        return format!("{:04}-W{:02}", w.year(), w.week());
    };
    let mut value = String::with_capacity(8);
    push_padded(&mut value, year, 4);
    value.push_str("-W");
    // An ISO week is 1-53.
    push_padded(&mut value, w.week(), 2);
    value
}

/// `2019-Q1`
pub fn quarter(year: i32, q: u32) -> String {
    match four_digit_year(year) {
        Some(y) if q < 10 => {
            let mut value = String::with_capacity(7);
            push_padded(&mut value, y, 4);
            value.push_str("-Q");
            push_padded(&mut value, q, 1);
            value
        }
        _ => format!("{year:04}-Q{q}"),
    }
}

/// The quarter (1-4) `d` falls in.
pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// The season code of a season word.
pub fn season_code(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// The season `d` falls in, as a sortable index (0 spring .. 3 winter) under the
/// meteorological convention; January and February are the winter of the year before.
fn season_index(d: NaiveDate) -> (i32, u32) {
    match d.month() {
        3..=5 => (d.year(), 0),
        6..=8 => (d.year(), 1),
        9..=11 => (d.year(), 2),
        12 => (d.year(), 3),
        _ => (d.year() - 1, 3),
    }
}

fn season_number(code: &str) -> u32 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

/// The year of the season `code` that "last" (`step` -1), "this" (0) or "next" (1) names.
pub fn season_year(dct: NaiveDate, code: &str, step: i32) -> i32 {
    let (current_year, current) = season_index(dct);
    let wanted = season_number(code);
    match step.signum() {
        0 => dct.year(),
        -1 => {
            if wanted < current {
                current_year
            } else {
                current_year - 1
            }
        }
        _ => {
            if wanted > current {
                current_year
            } else {
                current_year + 1
            }
        }
    }
}

/// `d` moved by `months` calendar months, clamped to the month's last day.
pub fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m0) = (total.div_euclid(12), total.rem_euclid(12) as u32);
    let mut dd = d.day();
    loop {
        if let Some(date) = NaiveDate::from_ymd_opt(y, m0 + 1, dd) {
            return Some(date);
        }
        dd = dd.checked_sub(1).filter(|&x| x > 27)?;
    }
}

pub fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// The `weekday` nearest the document date in `direction`; the document date itself when it
/// is that weekday, unless `strict` ("last Friday" on a Friday is a week before).
pub fn weekday_from(
    dct: NaiveDate,
    weekday: Weekday,
    direction: Direction,
    strict: bool,
) -> Option<NaiveDate> {
    let today = dct.weekday().num_days_from_monday() as i64;
    let wanted = weekday.num_days_from_monday() as i64;
    let back = (today - wanted).rem_euclid(7);
    let forward = (wanted - today).rem_euclid(7);
    if back == 0 && !strict {
        return Some(dct);
    }
    let back = if back == 0 { 7 } else { back };
    let forward = if forward == 0 { 7 } else { forward };
    match direction {
        Direction::Past => add_days(dct, -back),
        Direction::Future => add_days(dct, forward),
        Direction::Nearest => {
            if back <= forward {
                add_days(dct, -back)
            } else {
                add_days(dct, forward)
            }
        }
    }
}

/// The year of a month (and day) named without one: the occurrence in `direction`, and for
/// `Nearest` the one closest to the document date.
pub fn year_of_month_day(dct: NaiveDate, month: u32, day: u32, direction: Direction) -> i32 {
    let y = dct.year();
    let candidate = |year: i32| NaiveDate::from_ymd_opt(year, month, day.clamp(1, 28));
    let distance = |year: i32| candidate(year).map(|c| (c - dct).num_days());
    match direction {
        Direction::Past => match distance(y) {
            Some(d) if d > 0 => y - 1,
            _ => y,
        },
        Direction::Future => match distance(y) {
            Some(d) if d < 0 => y + 1,
            _ => y,
        },
        Direction::Nearest => [y - 1, y, y + 1]
            .into_iter()
            .min_by_key(|&year| distance(year).map_or(i64::MAX, i64::abs))
            .unwrap_or(y),
    }
}

/// The year of a bare month name ("in November"): the current month is this year's; otherwise
/// the occurrence in `direction`, the nearest without a cue.
pub fn year_of_month(dct: NaiveDate, month: u32, direction: Direction) -> i32 {
    if month == dct.month() {
        return dct.year();
    }
    // The tense gives the direction, but not against the calendar: a month ten or more
    // months away in that direction, when it is at most two months away in the other, is the
    // near one ("Saudi Arabia told oil companies of a cutback in September", in August).
    let back = (dct.month() as i32 - month as i32).rem_euclid(12);
    let forward = 12 - back;
    let direction = match direction {
        Direction::Past if back >= 10 => Direction::Future,
        Direction::Future if forward >= 10 => Direction::Past,
        d => d,
    };
    year_of_month_day(dct, month, 15, direction)
}

/// Verbs of acts that get scheduled, in their base form: after "to" they look ahead. Not
/// "close", "end" or "finish": "fell 50 cents on Friday to close at $20" reports a result.
const SCHEDULED: &[&str] = &[
    "begin", "start", "open", "meet", "resume", "expire", "vote", "decide", "rule", "announce",
    "release", "report", "hold", "visit", "arrive", "leave", "sign", "return", "travel", "fly",
    "testify", "appear", "debate", "consider", "discuss", "review", "change", "publish", "launch",
    "attend", "host", "hear", "issue", "pay", "take", "make", "go", "come", "speak", "address",
    "present", "submit", "file", "complete", "convene",
];

/// Whether "due to" followed by `after` (lowercase) schedules an act ("due to begin", "due
/// to end", "due to be released") rather than gives a cause: a noun phrase follows then,
/// opened by a determiner ("due to the strike"), or a plural or "-ing" noun ("due to
/// remarks", "due to rising costs").
pub fn due_to_schedules(after: &str) -> bool {
    let determiner = matches!(
        after,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "lower"
            | "higher"
            | "strong"
            | "weak"
            | "poor"
            | "heavy"
    );
    let noun = (after.ends_with('s') || after.ends_with("ing")) && !SCHEDULED.contains(&after);
    after == "be" || !(determiner || noun || after.is_empty())
}

/// Words that mark a sentence as about the future or the past; the one nearest the
/// expression decides.
pub fn tense_cue(previous: &str, word: &str, next: &str) -> Option<Direction> {
    // Words that look ahead only when an infinitive follows: "plans to", "set to resume",
    // "poised to"; "vacation plans" and "the rules set" say nothing about when.
    if matches!(
        word,
        "plans" | "plan" | "set" | "poised" | "slated" | "aims"
    ) {
        let ahead = next == "to" || (matches!(word, "set" | "slated") && next == "for");
        return ahead.then_some(Direction::Future);
    }
    // An infinitive of a scheduled act looks ahead: "a tender offer to begin Thursday",
    // "no plans to meet bankers on Friday", "unlikely to change policy at Thursday's meeting".
    if previous == "to" && SCHEDULED.contains(&word) {
        return Some(Direction::Future);
    }
    // The present of a scheduled act is its timetable: "the federation meets on Monday",
    // "talks resume Tuesday". (Only verbs that are not also common plural nouns.)
    if matches!(
        word,
        "meets"
            | "meet"
            | "begins"
            | "begin"
            | "starts"
            | "resumes"
            | "resume"
            | "expires"
            | "arrives"
            | "leaves"
            | "travels"
            | "testifies"
            | "convenes"
            | "reconvenes"
    ) {
        return Some(Direction::Future);
    }
    // "due on Friday", "is due to begin": to come; "fell due to corrections" and "was due
    // to remarks on Sunday": a cause. Before "to", the tagger asks `due_to_schedules` of the
    // word after and drops the cue for a cause.
    if word == "due" {
        let be = matches!(previous, "is" | "are" | "was" | "were" | "be" | "been");
        return (be || next != "to").then_some(Direction::Future);
    }
    // Weak modals ("could", "may", "would") say little about when; only firm futures count.
    const FUTURE: &[&str] = &[
        "will",
        "ll",
        "shall",
        "next",
        "scheduled",
        "expected",
        "expects",
        "expect",
        "expecting",
        "planned",
        "upcoming",
        "tomorrow",
        "until",
        "intends",
        "would",
        "planning",
        "soon",
    ];
    // Only ever finite past forms.
    const PAST: &[&str] = &[
        "was",
        "were",
        "had",
        "did",
        "ago",
        "last",
        "yesterday",
        "earlier",
        "went",
        "came",
        "took",
        "gave",
        "began",
        "rose",
        "fell",
        "ran",
        "spoke",
        "wrote",
        "saw",
        "became",
    ];
    // Past tense or participle: past unless a participle after "be" ("will be paid").
    const PAST_OR_PARTICIPLE: &[&str] = &[
        "said", "told", "made", "met", "left", "won", "lost", "sold", "bought", "paid", "got",
        "held", "hit", "struck", "led", "sent", "found", "brought", "kept", "fought", "put",
        "seen", "shown", "taken", "given", "known", "begun", "risen", "fallen", "spent", "built",
        "written", "chosen", "grown", "thrown", "broken", "spoken", "stolen", "driven",
    ];
    const NOT_PAST: &[&str] = &[
        "need", "feed", "speed", "hundred", "indeed", "seed", "proceed", "exceed", "succeed",
    ];
    // "next to the embassy" is a place, not a time to come; "no earlier than August" a
    // bound, not a time gone by.
    if (word == "next" && next == "to") || (word == "earlier" && next == "than") {
        return None;
    }
    if FUTURE.contains(&word) {
        return Some(Direction::Future);
    }
    if PAST.contains(&word) {
        return Some(Direction::Past);
    }
    // "-ed" words that are adjectives, not verbs: "unspecified", "untouched", and any after a
    // determiner ("the planned talks", "a revised offer").
    let adjective = (word.starts_with("un") && word.ends_with("ed"))
        || matches!(
            previous,
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "this" | "these"
        );
    let participle = PAST_OR_PARTICIPLE.contains(&word)
        || (word.len() > 4 && word.ends_with("ed") && !NOT_PAST.contains(&word));
    let after_be = matches!(
        previous,
        "be" | "been" | "being" | "is" | "are" | "to" | "get"
    );
    (participle && !after_be && !adjective).then_some(Direction::Past)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn formats_timex_values() {
        assert_eq!(day(date(2019, 2, 3)), "2019-02-03");
        assert_eq!(week(date(2019, 2, 23)), "2019-W08");
        assert_eq!(quarter(2019, 1), "2019-Q1");
        assert_eq!(month(1998, 1), "1998-01");
    }

    proptest::proptest! {
        #[test]
        fn values_are_those_of_format(year in -20_000i32..20_000, n in 0u32..200) {
            proptest::prop_assert_eq!(self::year(year), format!("{year:04}"));
            proptest::prop_assert_eq!(month(year, n), format!("{year:04}-{n:02}"));
            proptest::prop_assert_eq!(quarter(year, n), format!("{year:04}-Q{n}"));
            let d = date(year, n % 12 + 1, n % 28 + 1);
            proptest::prop_assert_eq!(
                day(d),
                format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            );
            let w = d.iso_week();
            proptest::prop_assert_eq!(week(d), format!("{:04}-W{:02}", w.year(), w.week()));
        }
    }

    #[test]
    fn weekdays_resolve_before_or_after_the_document_date() {
        // 1989-10-30 is a Monday.
        let dct = date(1989, 10, 30);
        assert_eq!(
            weekday_from(dct, Weekday::Fri, Direction::Past, false),
            Some(date(1989, 10, 27))
        );
        assert_eq!(
            weekday_from(dct, Weekday::Fri, Direction::Future, false),
            Some(date(1989, 11, 3))
        );
        assert_eq!(
            weekday_from(dct, Weekday::Mon, Direction::Past, false),
            Some(dct)
        );
        assert_eq!(
            weekday_from(dct, Weekday::Mon, Direction::Past, true),
            Some(date(1989, 10, 23))
        );
    }

    #[test]
    fn months_without_a_year_take_the_nearest_or_the_cued_year() {
        let dct = date(1999, 5, 5);
        assert_eq!(
            year_of_month_day(date(1999, 1, 22), 10, 23, Direction::Nearest),
            1998
        );
        assert_eq!(year_of_month_day(dct, 10, 23, Direction::Past), 1998);
        assert_eq!(year_of_month_day(dct, 10, 23, Direction::Future), 1999);
        assert_eq!(
            year_of_month(date(1998, 12, 3), 4, Direction::Nearest),
            1999
        );
        assert_eq!(year_of_month(date(1998, 3, 4), 12, Direction::Past), 1997);
    }

    #[test]
    fn seasons_step_from_the_current_one() {
        assert_eq!(season_year(date(1999, 5, 7), "FA", -1), 1998);
        assert_eq!(season_year(date(1998, 2, 6), "FA", -1), 1997);
        assert_eq!(season_year(date(1989, 10, 30), "SP", -1), 1989);
        assert_eq!(season_year(date(1998, 3, 22), "SU", 1), 1998);
    }

    #[test]
    fn tense_cues() {
        assert_eq!(tense_cue("", "will", ""), Some(Direction::Future));
        assert_eq!(tense_cue("bombs", "exploded", ""), Some(Direction::Past));
        assert_eq!(tense_cue("be", "paid", ""), None);
        assert_eq!(tense_cue("company", "paid", ""), Some(Direction::Past));
        assert_eq!(tense_cue("be", "announced", ""), None);
        assert_eq!(tense_cue("", "table", ""), None);
        assert_eq!(tense_cue("still", "unspecified", ""), None);
        assert_eq!(tense_cue("a", "revised", ""), None);
        assert_eq!(tense_cue("is", "set", "to"), Some(Direction::Future));
        assert_eq!(tense_cue("vacation", "plans", "for"), None);
        assert_eq!(tense_cue("he", "plans", "to"), Some(Direction::Future));
        assert_eq!(tense_cue("is", "set", "for"), Some(Direction::Future));
        assert_eq!(
            tense_cue("to", "begin", "thursday"),
            Some(Direction::Future)
        );
        assert_eq!(tense_cue("to", "washington", "on"), None);
        assert_eq!(tense_cue("fell", "due", "to"), None);
        assert_eq!(tense_cue("is", "due", "to"), Some(Direction::Future));
        assert_eq!(tense_cue("payment", "due", "on"), Some(Direction::Future));
        assert_eq!(tense_cue("", "next", "week"), Some(Direction::Future));
        assert_eq!(tense_cue("blasts", "next", "to"), None);
        assert_eq!(tense_cue("no", "earlier", "than"), None);
        assert_eq!(tense_cue("met", "earlier", "this"), Some(Direction::Past));
    }
}
