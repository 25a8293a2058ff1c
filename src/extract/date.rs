//! Dates as claims: absolute dates ("February 23, 2019", "Feb. 23, 2019", "23 February 2019",
//! "Feb. 27", "27 February", "2019-02-23", "February 2019", "2018", "the 1990s"), day ranges
//! ("Feb. 27-28", "Feb. 27 to 28", "Feb. 28-March 1", "27-28 February"), year ranges
//! ("2018-19"), a weekday with a date ("Wednesday, Feb. 27"), a month with a cue ("in
//! February", "last March"), and expressions relative to the story date ("on Saturday",
//! "today", "yesterday", "last year", "next month", "last week", "two days ago").
//!
//! Spans follow TimeML: they exclude the preposition ("on", "in") and the possessive ("’s").
//! Relative expressions are resolved against `Document::story_date`; without one their value
//! is `None` (never guessed). A month and day written without a year take the year that puts
//! them nearest the story date (`year_inferred`).
//!
//! Precision over recall: month names must be capitalized ("may", "march" are verbs), "May"
//! and "March" after a capitalized word are names ("Theresa May", "Long March 5"), abbreviated
//! weekdays ("Sun.", "Wed.") count only right before a date, a bare four-digit number is a year
//! only between 1800 and 2100 and not when it counts something ("2000 people", "about 2000"),
//! "the last year" / "the next week" are stretches of time, not calendar values.

mod starts;

use super::claim::{Claim, ClaimKind, ClaimValue, DateClaim, DateStyle, MonthStyle};
use super::number::{
    Group, char_at, char_before, compile, number_words_pattern, overlaps, parse_number,
    previous_word, sentence_of,
};
use super::number_starts::StartSink;
use crate::document::Document;
use crate::time::{DateRange, PartialDate};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};
use starts::{Pattern, Starts};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)";
const FULL_MONTH: &str =
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)";
const DAY: &str = r"\d{1,2}(?:st|nd|rd|th)?";
/// Space between the words of one date: spaces, or one line break (never a blank line, so a
/// date never runs across paragraphs).
const SP: &str = r"(?:[ \t\u{a0}]*\r?\n[ \t\u{a0}]*|[ \t\u{a0}]+)";
/// Optional space.
const OSP: &str = r"(?:[ \t\u{a0}]*\r?\n?[ \t\u{a0}]*)";
const DASH: &str =
    r"(?:[ \t\u{a0}]*[-–—][ \t\u{a0}]*|[ \t\u{a0}]+(?:to|through|until|till)[ \t\u{a0}]+)";

const FULL_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Compiles a pattern of this module, where `\s+` and `\s*` stand for space within one
/// paragraph (`SP`, `OSP`).
fn re(source: &str) -> Regex {
    let source = source.replace(r"\s+", SP).replace(r"\s*", OSP);
    // Every pattern of this module is built from literals and tested: cannot fail.
    compile(&source)
}

/// A pattern of this module: the regex for searching the whole text, and the same anchored
/// at its start, run where `Starts` lists a start of the pattern.
struct DatePattern {
    kind: Pattern,
    whole: LazyLock<Regex>,
    anchored: LazyLock<Regex>,
}

macro_rules! date_pattern {
    ($(#[$doc:meta])* $name:ident, $kind:ident, $source:expr) => {
        $(#[$doc])*
        static $name: DatePattern = DatePattern {
            kind: Pattern::$kind,
            whole: LazyLock::new(|| re(&$source)),
            anchored: LazyLock::new(|| re(&format!("^(?:{})", $source))),
        };
    };
}

/// One match with its groups, at their places in the whole text.
struct Found<'s> {
    text: &'s str,
    /// Where the searched text starts in `text`.
    at: usize,
    caps: Captures<'s>,
}

impl<'s> Found<'s> {
    fn all(&self) -> Option<Group<'s>> {
        self.group(self.caps.get(0))
    }

    fn name(&self, name: &str) -> Option<Group<'s>> {
        self.group(self.caps.name(name))
    }

    fn group(&self, m: Option<regex::Match<'s>>) -> Option<Group<'s>> {
        m.and_then(|m| Group::new(self.text, self.at + m.start()..self.at + m.end()))
    }
}

/// The matches of `p` in `s`, as its whole-text search finds them: with `starts`, by the
/// anchored regex at each listed start not inside the match before (every match starts at
/// one of them); without, by the whole-text search.
fn find_all<'s>(s: &'s str, p: &DatePattern, starts: Option<&Starts>) -> Vec<Group<'s>> {
    let Some(starts) = starts else {
        return p.whole.find_iter(s).map(|m| Group::matched(s, m)).collect();
    };
    let mut out: Vec<Group<'s>> = Vec::new();
    for at in starts.get(p.kind) {
        if out.last().is_some_and(|m| at < m.end()) {
            continue;
        }
        let Some(m) = s.get(at..).and_then(|rest| p.anchored.find(rest)) else {
            continue;
        };
        if let Some(g) = Group::new(s, at + m.start()..at + m.end()) {
            out.push(g);
        }
    }
    out
}

/// As `find_all`, with the groups of each match.
fn captures_all<'s>(s: &'s str, p: &DatePattern, starts: Option<&Starts>) -> Vec<Found<'s>> {
    let Some(starts) = starts else {
        return p
            .whole
            .captures_iter(s)
            .map(|caps| Found {
                text: s,
                at: 0,
                caps,
            })
            .collect();
    };
    let mut out: Vec<Found<'s>> = Vec::new();
    let mut end = 0;
    for at in starts.get(p.kind) {
        if at < end {
            continue;
        }
        let Some(caps) = s.get(at..).and_then(|rest| p.anchored.captures(rest)) else {
            continue;
        };
        let found = Found { text: s, at, caps };
        if let Some(all) = found.all() {
            end = all.end();
            out.push(found);
        }
    }
    out
}

/// The match of `p` that starts at `at` (a match `find_all` found), with its groups.
fn captures_at<'s>(
    s: &'s str,
    p: &DatePattern,
    at: usize,
    starts: Option<&Starts>,
) -> Option<Found<'s>> {
    let (at, caps) = match starts {
        Some(_) => (at, p.anchored.captures(s.get(at..)?)?),
        None => (0, p.whole.captures_at(s, at)?),
    };
    Some(Found { text: s, at, caps })
}

date_pattern!(
/// "Feb. 23", "February 23, 2019", "Feb. 27-28", "Feb. 28-March 1, 2019", "Feb. 27 to 28".
MONTH_FIRST, MonthFirst,
format!(
    r"\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})(?:{DASH}(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY}))?(?:,?\s+(?P<y>\d{{4}}))?\b"
));

date_pattern!(
/// "27 February", "23 February 2019", "27-28 February", "28 February-1 March", "the 23rd of
/// February".
DAY_FIRST, DayFirst,
format!(
    r"\b(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?\s+(?P<of>of\s+)?(?P<m1>{MONTH})(?:\s*[-–—]\s*(?P<d3>{DAY})\s+(?P<m2>{MONTH}))?(?:,?\s+(?P<y>\d{{4}}))?\b"
));

date_pattern!(
    /// "February 2019", "Feb. 2019", "May of 2018".
    MONTH_YEAR, MonthYear,
    format!(r"\b(?P<m1>{MONTH})\s+(?:of\s+)?(?P<y>\d{{4}})\b"));

/// What may follow a month and day to give its year relative to the story date: "June 12
/// last year".
static YEAR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^,?\s+(?P<mod>(?i:last|this|next))\s+year\b"));

date_pattern!(
/// "in February", "last March", "mid-February".
MONTH_ALONE, MonthAlone,
format!(
    r"(?:\b(?P<cue>(?i:in|since|until|till|by|during|from|before|after|through|last|next|this|early|late|earlier|later))\s+|\b(?i:mid)-)(?P<m1>{FULL_MONTH})\b"
));

date_pattern!(
    /// "2019-02-23".
    ISO, Iso,
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b");

date_pattern!(
    /// "2018", "2018-19", "2017-2019", "2017 to 2019".
    YEAR, Year,
    r"\b(?P<y>\d{4})(?:(?:\s*[-–]\s*|\s+to\s+)(?P<y2>\d{4})|[-–](?P<yy>\d{2}))?\b");

date_pattern!(
    /// "the 1990s" (span "1990s").
    DECADE, Decade,
    r"\b(?P<y>1[89]\d0|20\d0)s\b");

date_pattern!(
    /// A weekday: full names anywhere, abbreviations (with their dot) only before a date.
    WEEKDAY, Weekday,
    r"\b(?P<wd>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)");

/// What may stand between a weekday and its date: "Wednesday, Feb. 27", "Wednesday 27
/// February", "Wednesday, the 27th of February".
static WEEKDAY_GLUE: LazyLock<Regex> = LazyLock::new(|| re(r"^,?\s+(?:the\s+)?"));

date_pattern!(
    /// A weekday alone: "Saturday", "last Saturday", "next Sunday".
    WEEKDAY_ALONE, WeekdayAlone,
    r"\b(?:(?P<mod>(?i:last|next|this|coming|past))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?P<plural>s)?\b");

date_pattern!(
    /// "last year", "this month", "next week".
    RELATIVE_UNIT, RelativeUnit,
    r"\b(?P<mod>(?i:last|this|next))\s+(?P<unit>(?i:year|month|week))\b");

date_pattern!(
    /// "today", "yesterday", "tomorrow", "tonight", "last night", "this morning".
    DAY_WORD, DayWord,
    r"\b(?P<w>(?i:today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)))\b");

date_pattern!(
/// "two days ago", "a year ago", "18 months ago".
AGO, Ago,
format!(
    r"(?i)(?P<amt>\b\d+|{}|\ban?)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
    number_words_pattern()
));

/// A sentence that speaks of the future: "will", "is set to", "is to", "plans to", "next".
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:will|shall|won['’]t|(?:is|are)\s+(?:set\s+)?to|plans?\s+to|planning\s+to|going\s+to|scheduled\s+to|next)\b|\w['’]ll\b",
    )
});

/// Words before a four-digit number that make it a count or a label, not a year.
const COUNT_CUES: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "over",
    "than",
    "under",
    "least",
    "estimated",
    "only",
    "exactly",
    "total",
    "page",
    "pages",
    "no",
    "number",
    "flight",
    "route",
    "room",
    "model",
    "code",
    "article",
    "resolution",
    "highway",
    "pm",
    "am",
];

/// The month number of a month name or abbreviation: "February", "Feb.", "Feb", "Sept." -> 2, 9.
/// Case-sensitive on the first letter: "may" and "march" are not months.
pub fn parse_month(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches('.');
    if !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    if let Some(i) = FULL_MONTHS.iter().position(|m| *m == t) {
        return Some(i as u32 + 1);
    }
    let abbrev = match t {
        "Sept" => return Some(9),
        _ if t.len() == 3 => t,
        _ => return None,
    };
    FULL_MONTHS
        .iter()
        .position(|m| m.starts_with(abbrev))
        .map(|i| i as u32 + 1)
}

/// How a month name is written: "February" (full), "Feb." (abbreviated with a dot), "Feb".
pub fn month_style(text: &str) -> MonthStyle {
    let t = text.trim();
    if FULL_MONTHS.contains(&t) {
        MonthStyle::Full
    } else if t.ends_with('.') {
        MonthStyle::AbbrevDot
    } else {
        MonthStyle::Abbrev
    }
}

/// The weekday a name or abbreviation denotes: "Saturday", "Sat.", "Thurs." -> `Weekday`.
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let t = text.trim().trim_end_matches('.');
    let w = match t.get(..3)? {
        "Mon" => Weekday::Mon,
        "Tue" => Weekday::Tue,
        "Wed" => Weekday::Wed,
        "Thu" => Weekday::Thu,
        "Fri" => Weekday::Fri,
        "Sat" => Weekday::Sat,
        "Sun" => Weekday::Sun,
        _ => return None,
    };
    let full = weekday_name(w);
    (full == t || (t.len() <= 5 && full.starts_with(t))).then_some(w)
}

/// The English name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The name of month `m` (1..=12) in a style; "?" outside 1..=12.
pub fn month_name(month: u32, style: MonthStyle) -> &'static str {
    const DOT: [&str; 12] = [
        "Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ];
    const BARE: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let table = match style {
        MonthStyle::Full => &FULL_MONTHS,
        MonthStyle::AbbrevDot => &DOT,
        MonthStyle::Abbrev => &BARE,
    };
    month
        .checked_sub(1)
        .and_then(|i| table.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// Writes `range` the way `style` describes: "Feb. 27-28", "February 24, 2019",
/// "28 February", "2018", "Feb. 28-Mar. 1", "2019-02-23". Values whose two ends have
/// different precisions fall back to the TIMEX form ("2019-02..2019-03-01").
pub fn format_like(style: &DateStyle, range: &DateRange) -> String {
    let (s, e) = (range.start, range.end);
    if style.iso {
        return if range.is_single() {
            s.to_string()
        } else {
            format!("{s}/{e}")
        };
    }
    let name = |m: u32| month_name(m, style.month);
    match (s.month, s.day, e.month, e.day) {
        (Some(m1), Some(d1), Some(m2), Some(d2)) => {
            let md = |m: u32, d: u32| {
                if style.day_first {
                    format!("{d} {}", name(m))
                } else {
                    format!("{} {d}", name(m))
                }
            };
            let with_year = |text: String, y: i32| {
                if !style.year_shown {
                    text
                } else if style.day_first {
                    format!("{text} {y}")
                } else {
                    format!("{text}, {y}")
                }
            };
            if range.is_single() {
                with_year(md(m1, d1), s.year)
            } else if s.year != e.year {
                format!(
                    "{}-{}",
                    with_year(md(m1, d1), s.year),
                    with_year(md(m2, d2), e.year)
                )
            } else if m1 == m2 {
                let days = if style.day_first {
                    format!("{d1}-{d2} {}", name(m1))
                } else {
                    format!("{} {d1}-{d2}", name(m1))
                };
                with_year(days, s.year)
            } else {
                with_year(format!("{}-{}", md(m1, d1), md(m2, d2)), s.year)
            }
        }
        (Some(m1), None, Some(m2), None) => {
            let year = |y: i32| {
                if style.year_shown {
                    format!(" {y}")
                } else {
                    String::new()
                }
            };
            if range.is_single() {
                format!("{}{}", name(m1), year(s.year))
            } else if s.year == e.year {
                format!("{}-{}{}", name(m1), name(m2), year(s.year))
            } else {
                format!("{}{}-{}{}", name(m1), year(s.year), name(m2), year(e.year))
            }
        }
        (None, None, None, None) => {
            if range.is_single() {
                s.year.to_string()
            } else {
                format!("{}-{}", s.year, e.year)
            }
        }
        _ => range.to_string(),
    }
}

/// A date found in one sentence, before overlaps are resolved.
struct Candidate {
    span: Range<usize>,
    claim: DateClaim,
    /// Absolute day-precision dates (or undated month-days) can take a weekday before them.
    takes_weekday: bool,
}

fn claim(value: Option<DateRange>, style: DateStyle) -> DateClaim {
    DateClaim {
        value,
        weekday: None,
        weekday_span: None,
        relative: false,
        year_inferred: false,
        style,
    }
}

fn relative(value: Option<DateRange>) -> DateClaim {
    DateClaim {
        relative: true,
        ..claim(value, DateStyle::default())
    }
}

/// Every date expression of the document, in text order.
pub fn extract(doc: &Document) -> Vec<Claim> {
    extract_and_starts(doc, &mut ())
}

/// As `extract`, and gives `numbers` the number extractors' starts in `doc` (see
/// `number_starts::starts_of`), from the pass over its words that the dates read too.
pub(crate) fn extract_and_starts(doc: &Document, numbers: &mut impl StartSink) -> Vec<Claim> {
    let story = doc.story_date.map(|d| d.date);
    let text = doc.text.as_str();
    // The whole text at once (patterns never cross a blank line), so that a sentence split in
    // the wrong place ("Wed. Feb. 27") does not hide a date; the tense of a weekday comes from
    // its own sentence.
    let mut found = Vec::new();
    let mut blocked = Vec::new();
    let starts = starts::starts_and_numbers(text, numbers);
    let starts = starts.as_ref();
    absolute_dates(text, story, starts, &mut found, &mut blocked);
    attach_weekdays(text, starts, &mut found);
    relative_dates(doc, story, starts, &mut found);
    found.retain(|c| !blocked.iter().any(|b| overlaps(b, &c.span)));
    // The patterns use ASCII word boundaries: a match glued to a non-ASCII letter or digit
    // ("ễFeb. 27") is part of another word.
    found.retain(|c| {
        !char_before(text, c.span.start).is_some_and(char::is_alphanumeric)
            && !char_at(text, c.span.end).is_some_and(char::is_alphanumeric)
    });
    found.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    let mut out: Vec<Claim> = Vec::new();
    let mut last_end = 0;
    for c in found {
        if c.span.start < last_end || c.span.is_empty() {
            continue;
        }
        let Some(claim_text) = text.get(c.span.clone()) else {
            continue;
        };
        last_end = c.span.end;
        out.push(Claim {
            kind: ClaimKind::Date,
            text: claim_text.to_string(),
            sentence: sentence_of(doc, c.span.start),
            span: c.span,
            value: ClaimValue::Date(c.claim),
        });
    }
    out
}

/// The text of the sentence holding byte `at` ("" when there is none).
fn sentence_text(doc: &Document, at: usize) -> &str {
    doc.sentences
        .get(sentence_of(doc, at))
        .filter(|r| r.start <= at && at < r.end)
        .and_then(|r| doc.text.get(r.clone()))
        .unwrap_or("")
}

/// Absolute dates; `blocked` gets the spans of impossible dates ("Feb. 29, 2019") so that no
/// part of them ("2019") is reported alone.
fn absolute_dates(
    s: &str,
    story: Option<NaiveDate>,
    starts: Option<&Starts>,
    found: &mut Vec<Candidate>,
    blocked: &mut Vec<Range<usize>>,
) {
    for all in find_all(s, &ISO, starts) {
        // Ten ASCII bytes, each group at its place: no need for the slower search for groups.
        let at = all.start();
        let (Some(y), Some(m), Some(d)) = (
            s.get(at..at + 4),
            s.get(at + 5..at + 7),
            s.get(at + 8..all.end()),
        ) else {
            continue;
        };
        // Not part of a longer dashed or dotted code.
        if char_before(s, all.start()).is_some_and(|ch| matches!(ch, '-' | '.' | '/'))
            || char_at(s, all.end()).is_some_and(|ch| matches!(ch, '-' | '/'))
        {
            continue;
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            continue;
        };
        let Some(day) = PartialDate::day(y, m, d) else {
            continue;
        };
        found.push(Candidate {
            span: all.range(),
            claim: claim(
                Some(DateRange::single(day)),
                DateStyle {
                    iso: true,
                    year_shown: true,
                    ..DateStyle::default()
                },
            ),
            takes_weekday: true,
        });
    }

    for c in captures_all(s, &MONTH_FIRST, starts) {
        let (Some(all), Some(m1), Some(d1)) = (c.all(), c.name("m1"), c.name("d1")) else {
            continue;
        };
        if month_is_a_name(s, m1.start(), m1.as_str()) {
            continue;
        }
        let end_month = c.name("m2");
        let end_day = c.name("d2");
        match day_candidate(s, &c, story, all.start(), m1, d1, end_month, end_day, false) {
            Some(candidate) => found.push(candidate),
            None => blocked.push(all.range()),
        }
    }

    for c in captures_all(s, &DAY_FIRST, starts) {
        let (Some(all), Some(m1), Some(d1)) = (c.all(), c.name("m1"), c.name("d1")) else {
            continue;
        };
        if char_before(s, all.start()).is_some_and(|ch| {
            ch.is_alphanumeric() || matches!(ch, '.' | ',' | '$' | '-' | ':' | '/' | '€' | '£')
        }) {
            continue;
        }
        // "the 23rd of February" needs the ordinal suffix; "5 of March" is a count.
        if c.name("of").is_some() && d1.as_str().bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (end_month, end_day) = match (c.name("d2"), c.name("d3"), c.name("m2")) {
            (Some(_), Some(_), _) => continue,
            (Some(d2), None, _) => (None, Some(d2)),
            (None, Some(d3), Some(m2)) => (Some(m2), Some(d3)),
            _ => (None, None),
        };
        match day_candidate(s, &c, story, all.start(), m1, d1, end_month, end_day, true) {
            Some(candidate) => found.push(candidate),
            None => blocked.push(all.range()),
        }
    }

    for c in captures_all(s, &MONTH_YEAR, starts) {
        let (Some(all), Some(m1), Some(y)) = (c.all(), c.name("m1"), c.name("y")) else {
            continue;
        };
        if month_is_a_name(s, m1.start(), m1.as_str()) || !year_stands_alone(s, &y.range(), false) {
            continue;
        }
        let (Some(month), Ok(year)) = (parse_month(m1.as_str()), y.as_str().parse::<i32>()) else {
            continue;
        };
        let Some(date) = PartialDate::month(year, month) else {
            continue;
        };
        found.push(Candidate {
            span: all.range(),
            claim: claim(
                Some(DateRange::single(date)),
                DateStyle {
                    month: month_style(m1.as_str()),
                    year_shown: true,
                    ..DateStyle::default()
                },
            ),
            takes_weekday: false,
        });
    }

    for all in find_all(s, &MONTH_ALONE, starts) {
        let groups = month_alone_groups(s, all).or_else(|| {
            let c = captures_at(s, &MONTH_ALONE, all.start(), starts)?;
            Some((c.name("cue"), c.name("m1")?))
        });
        let Some((cue, m1)) = groups else {
            continue;
        };
        let cue = cue.map(|m| m.as_str().to_ascii_lowercase());
        let Some(month) = parse_month(m1.as_str()) else {
            continue;
        };
        if month == 5 {
            // "by May", "from May", "May’s government": Theresa May, not the month.
            let after = s.get(m1.end()..).unwrap_or("");
            if matches!(
                cue.as_deref(),
                Some("by" | "from" | "before" | "after" | "through")
            ) || after.starts_with("’s")
                || after.starts_with("'s")
            {
                continue;
            }
        }
        // The month is followed by a day or a year: the other patterns own it.
        let rest = s.get(m1.end()..).unwrap_or("").trim_start();
        if rest.starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        let relative_cue = matches!(cue.as_deref(), Some("last" | "next" | "this"));
        let span = if relative_cue {
            all.start()..m1.end()
        } else {
            m1.range()
        };
        let value = story.and_then(|d| month_near(d, month, cue.as_deref()));
        found.push(Candidate {
            span,
            claim: DateClaim {
                year_inferred: value.is_some(),
                relative: relative_cue,
                ..claim(value.map(DateRange::single), DateStyle::default())
            },
            takes_weekday: false,
        });
    }

    for m in find_all(s, &YEAR, starts) {
        // Four digits alone, nearly every match, are the `y` group and no range: no need for
        // the slower search for groups. Any other match is searched again from its start,
        // which finds the same match, with its groups.
        let caps;
        let (all, y, y2, yy) =
            if m.as_str().len() == 4 && m.as_str().bytes().all(|b| b.is_ascii_digit()) {
                (m, m, None, None)
            } else {
                caps = captures_at(s, &YEAR, m.start(), starts);
                let Some((all, y)) = caps.as_ref().and_then(|c| c.all().zip(c.name("y"))) else {
                    continue;
                };
                let c = caps.as_ref();
                (
                    all,
                    y,
                    c.and_then(|c| c.name("y2")),
                    c.and_then(|c| c.name("yy")),
                )
            };
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        // A range: "2017-2019", "2018-19".
        let end_year = match (y2, yy) {
            (Some(y2), _) => y2.as_str().parse::<i32>().ok(),
            (None, Some(yy)) => yy
                .as_str()
                .parse::<i32>()
                .ok()
                .map(|yy| year - year % 100 + yy),
            _ => None,
        }
        .filter(|&e| e > year && e - year <= 100);
        let (span, end_year) = match end_year {
            Some(e) if year_stands_alone(s, &all.range(), true) => (all.range(), Some(e)),
            _ => (y.range(), None),
        };
        if !year_stands_alone(s, &span, true) {
            continue;
        }
        let mut value = DateRange::single(PartialDate::year(year));
        if let Some(e) = end_year {
            value.end = PartialDate::year(e);
        }
        found.push(Candidate {
            span,
            claim: claim(
                Some(value),
                DateStyle {
                    year_shown: true,
                    ..DateStyle::default()
                },
            ),
            takes_weekday: false,
        });
    }

    for c in captures_all(s, &DECADE, starts) {
        let (Some(all), Some(y)) = (c.all(), c.name("y")) else {
            continue;
        };
        let Ok(year) = y.as_str().parse::<i32>() else {
            continue;
        };
        if char_before(s, all.start())
            .is_some_and(|ch| matches!(ch, '$' | '€' | '£' | '-' | '.' | ','))
        {
            continue;
        }
        found.push(Candidate {
            span: all.range(),
            claim: claim(
                Some(DateRange {
                    start: PartialDate::year(year),
                    end: PartialDate::year(year + 9),
                }),
                DateStyle {
                    year_shown: true,
                    ..DateStyle::default()
                },
            ),
            takes_weekday: false,
        });
    }
}

/// "May" or "March" right after a capitalized word is part of a name ("Theresa May",
/// "Long March 5"); after a weekday or a sentence start it is the month.
fn month_is_a_name(s: &str, start: usize, month: &str) -> bool {
    if !matches!(month, "May" | "March" | "Jan" | "Jan.") {
        return false;
    }
    let before = previous_word(s, start);
    // The previous word must be directly before (only spaces between): "Theresa May".
    let gap = s
        .get(..start)
        .map_or(0, |b| b.len() - b.trim_end_matches([' ', '\u{a0}']).len());
    let adjacent = gap > 0 && s.get(..start - gap).is_some_and(|b| b.ends_with(before));
    adjacent
        && before.starts_with(|c: char| c.is_uppercase())
        && parse_weekday(before).is_none()
        && !matches!(
            before,
            "In" | "On"
                | "By"
                | "Since"
                | "Until"
                | "From"
                | "Before"
                | "After"
                | "During"
                | "Through"
                | "Early"
                | "Late"
                | "Mid"
                | "Last"
                | "Next"
                | "This"
                | "Of"
                | "Between"
                | "And"
                | "Or"
                | "The"
        )
}

/// A day-precision candidate from month, day and optional end month/day and year groups.
#[allow(clippy::too_many_arguments)]
fn day_candidate(
    s: &str,
    c: &Found,
    story: Option<NaiveDate>,
    start: usize,
    m1: Group,
    d1: Group,
    m2: Option<Group>,
    d2: Option<Group>,
    day_first: bool,
) -> Option<Candidate> {
    let month = parse_month(m1.as_str())?;
    let day = day_number(d1.as_str())?;
    let end_month = match m2 {
        Some(m) => parse_month(m.as_str())?,
        None => month,
    };
    let end_day = match d2 {
        Some(d) => Some(day_number(d.as_str())?),
        None => None,
    };
    // The last byte the day part covers (before an optional year).
    let mut end = [
        Some(m1.end()),
        Some(d1.end()),
        m2.map(|m| m.end()),
        d2.map(|d| d.end()),
    ]
    .into_iter()
    .flatten()
    .max()?;
    let mut year = None;
    if let Some(y) = c.name("y")
        && year_stands_alone(s, &y.range(), false)
        && let Ok(v) = y.as_str().parse::<i32>()
        && (1000..=2199).contains(&v)
    {
        year = Some(v);
        end = y.end();
    }
    // "June 12 last year": the year is relative to the story date.
    let mut year_step = None;
    if year.is_none()
        && let Some(m) = s.get(end..).and_then(|rest| YEAR_AFTER.captures(rest))
        && let (Some(all), Some(modifier)) = (m.get(0), m.name("mod"))
    {
        year_step = Some(match modifier.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
        end += all.end();
    }
    // Days that no month has (Feb. 30) are not dates.
    valid_month_day(month, day)?;
    if let Some(ed) = end_day {
        valid_month_day(end_month, ed)?;
        if end_month == month && ed <= day {
            return None;
        }
    }
    let mut inferred = false;
    let start_year = match (year, year_step) {
        (Some(y), _) => Some(y),
        (None, Some(step)) => story.map(|d| d.year() + step),
        (None, None) => {
            inferred = story.is_some();
            story.and_then(|d| infer_year(d, month, day))
        }
    };
    let value = match start_year {
        None => None,
        Some(y) => {
            let first = PartialDate::day(y, month, day)?;
            let last = match end_day {
                None => first,
                Some(ed) => {
                    // "Dec. 30-Jan. 2": the end is in the next year.
                    let ey = if end_month < month { y + 1 } else { y };
                    PartialDate::day(ey, end_month, ed)?
                }
            };
            Some(DateRange {
                start: first,
                end: last,
            })
        }
    };
    Some(Candidate {
        span: start..end,
        claim: DateClaim {
            year_inferred: inferred && value.is_some(),
            relative: year_step.is_some(),
            ..claim(
                value,
                DateStyle {
                    month: month_style(m1.as_str()),
                    day_first,
                    year_shown: year.is_some(),
                    iso: false,
                },
            )
        },
        takes_weekday: end_day.is_none(),
    })
}

fn day_number(text: &str) -> Option<u32> {
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let d: u32 = digits.parse().ok()?;
    if digits.len() != text.len() {
        // The suffix must fit the number: "1st", "22nd", "23rd", "27th".
        let suffix = &text[digits.len()..];
        let expected = match (d % 10, d % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        if suffix != expected {
            return None;
        }
    }
    (1..=31).contains(&d).then_some(d)
}

/// A month-day that exists in some year (Feb. 29 does, Feb. 30 does not).
fn valid_month_day(month: u32, day: u32) -> Option<()> {
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| ())
}

/// The year (story year - 1, + 0 or + 1) that puts the month-day nearest the story date.
fn infer_year(story: NaiveDate, month: u32, day: u32) -> Option<i32> {
    let y = story.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|cand| {
            let d = NaiveDate::from_ymd_opt(cand, month, day)?;
            Some(((d - story).num_days().abs(), cand))
        })
        .min()
        .map(|(_, y)| y)
}

/// "in February" nearest the story date; "last February" the latest one before the story's
/// month; "next February" the first after it; "this February" the story's year.
fn month_near(story: NaiveDate, month: u32, cue: Option<&str>) -> Option<PartialDate> {
    let y = story.year();
    let sm = story.month();
    let year = match cue {
        Some("last") => {
            if month < sm {
                y
            } else {
                y - 1
            }
        }
        Some("next") => {
            if month > sm {
                y
            } else {
                y + 1
            }
        }
        Some("this") => y,
        _ => {
            let distance = |cand: i32| -> i64 {
                let (Some(first), Some(last)) = (
                    PartialDate::month(cand, month).and_then(|p| p.first_day()),
                    PartialDate::month(cand, month).and_then(|p| p.last_day()),
                ) else {
                    return i64::MAX;
                };
                if story < first {
                    (first - story).num_days()
                } else if story > last {
                    (story - last).num_days()
                } else {
                    0
                }
            };
            [y - 1, y, y + 1].into_iter().min_by_key(|&c| distance(c))?
        }
    };
    PartialDate::month(year, month)
}

/// A four-digit number at `span` of `s` reads as a year: 1800..=2100 and not a count, a price
/// or part of a code. `bare` is false when a month name already says it is a year.
fn year_stands_alone(s: &str, span: &Range<usize>, bare: bool) -> bool {
    let Some(text) = s.get(span.clone()) else {
        return false;
    };
    let Some(first) = text.get(..4).and_then(|t| t.parse::<i32>().ok()) else {
        return false;
    };
    if bare && !(1800..=2100).contains(&first) {
        return false;
    }
    let before = char_before(s, span.start);
    if before.is_some_and(|c| {
        c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '#' | '/' | ':' | '.' | ',')
    }) {
        return false;
    }
    if before == Some('-') && !previous_word(s, span.start - 1).eq_ignore_ascii_case("mid") {
        return false;
    }
    let after = s.get(span.end..).unwrap_or("");
    let mut chars = after.chars();
    match (chars.next(), chars.next()) {
        (Some('%'), _) => return false,
        (Some('.' | ',' | ':' | '/' | '-' | '–'), Some(c)) if c.is_ascii_digit() => return false,
        (Some(c), _) if c.is_alphanumeric() => return false,
        _ => {}
    }
    let next = after
        .trim_start_matches([' ', '\u{a0}'])
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if after.starts_with([' ', '\u{a0}']) && super::number::COUNT_NOUNS.contains(&next.as_str()) {
        return false;
    }
    if bare {
        let prev = previous_word(s, span.start).to_ascii_lowercase();
        if COUNT_CUES.contains(&prev.as_str()) {
            return false;
        }
        // "No. 2019", "#2019"
        if s.get(..span.start)
            .is_some_and(|b| b.trim_end().ends_with("No."))
        {
            return false;
        }
    }
    true
}

/// A weekday right before an absolute day ("Wednesday, Feb. 27") joins its claim.
fn attach_weekdays(s: &str, starts: Option<&Starts>, found: &mut [Candidate]) {
    let by_start: HashMap<usize, usize> = found
        .iter()
        .enumerate()
        .filter(|(_, c)| c.takes_weekday)
        .map(|(i, c)| (c.span.start, i))
        .collect();
    for m in find_all(s, &WEEKDAY, starts) {
        let Some(weekday) = parse_weekday(m.as_str()) else {
            continue;
        };
        let rest = s.get(m.end()..).unwrap_or("");
        let Some(glue) = WEEKDAY_GLUE.find(rest) else {
            continue;
        };
        let Some(&i) = by_start.get(&(m.end() + glue.end())) else {
            continue;
        };
        // "The Sun. Feb. 27 ...": a newspaper, not Sunday.
        if m.as_str() == "Sun." && previous_word(s, m.start()).eq_ignore_ascii_case("the") {
            continue;
        }
        if let Some(c) = found.get_mut(i) {
            c.span.start = m.start();
            c.claim.weekday = Some(weekday);
            c.claim.weekday_span = Some(m.range());
        }
    }
}

fn relative_dates(
    doc: &Document,
    story: Option<NaiveDate>,
    starts: Option<&Starts>,
    found: &mut Vec<Candidate>,
) {
    let s = doc.text.as_str();
    let mut future_cache: HashMap<usize, bool> = HashMap::new();

    for all in find_all(s, &WEEKDAY_ALONE, starts) {
        let groups = weekday_alone_groups(s, all).or_else(|| {
            let c = captures_at(s, &WEEKDAY_ALONE, all.start(), starts)?;
            Some((c.name("mod"), c.name("wd")?, c.name("plural").is_some()))
        });
        let Some((modifier, wd, plural)) = groups else {
            continue;
        };
        if plural {
            continue; // "on Saturdays": a habit, not a date
        }
        let Some(weekday) = parse_weekday(wd.as_str()) else {
            continue;
        };
        // Newspapers and shows: "Sunday Times", "Saturday Night Live".
        let next = s.get(wd.end()..).unwrap_or("");
        let next_word = next
            .strip_prefix(' ')
            .unwrap_or("")
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if matches!(
            next_word,
            "Times"
                | "Telegraph"
                | "Express"
                | "Mirror"
                | "Herald"
                | "Post"
                | "Tribune"
                | "Star"
                | "Mail"
                | "Night"
                | "Independent"
                | "Observer"
                | "Sport"
                | "School"
        ) {
            continue;
        }
        let modifier = modifier.map(|m| m.as_str().to_ascii_lowercase());
        // Each sentence's tense is computed once: a long sentence full of weekdays stays linear.
        let sentence = sentence_of(doc, wd.start());
        let future = match future_cache.get(&sentence) {
            Some(&f) => f,
            None => {
                let f = FUTURE.is_match(sentence_text(doc, wd.start()));
                future_cache.insert(sentence, f);
                f
            }
        };
        let value = story.and_then(|d| resolve_weekday(d, weekday, modifier.as_deref(), future));
        found.push(Candidate {
            span: all.start()..wd.end(),
            claim: DateClaim {
                weekday: Some(weekday),
                weekday_span: Some(wd.range()),
                ..relative(value.map(|d| DateRange::days(d, d)))
            },
            takes_weekday: false,
        });
    }

    for all in find_all(s, &RELATIVE_UNIT, starts) {
        let groups = relative_unit_groups(s, all).or_else(|| {
            let c = captures_at(s, &RELATIVE_UNIT, all.start(), starts)?;
            Some((c.name("mod")?, c.name("unit")?))
        });
        let Some((modifier, unit)) = groups else {
            continue;
        };
        // "the last year", "over the next month": a stretch of time, not a calendar value.
        if previous_word(s, all.start()).eq_ignore_ascii_case("the") {
            continue;
        }
        let step: i32 = match modifier.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let unit = unit.as_str().to_ascii_lowercase();
        let value = story.and_then(|d| shift_unit(d, &unit, step));
        found.push(Candidate {
            span: all.range(),
            claim: relative(value),
            takes_weekday: false,
        });
    }

    // The group `w` is the whole match (the word boundaries around it are empty).
    for w in find_all(s, &DAY_WORD, starts) {
        let word = w.as_str().to_ascii_lowercase();
        // "USA Today", "Vietnam Today": a title.
        if w.as_str().starts_with(|ch: char| ch.is_uppercase()) {
            let prev = previous_word(s, w.start());
            if prev.starts_with(|ch: char| ch.is_uppercase())
                && !s
                    .get(..w.start())
                    .is_some_and(|b| b.trim_end().ends_with(['.', ',', ':', ';']))
            {
                continue;
            }
        }
        let offset: i64 = if word == "yesterday" || word.starts_with("last") {
            -1
        } else if word == "tomorrow" {
            1
        } else {
            0
        };
        let value = story
            .and_then(|d| add_days(d, offset))
            .map(|d| DateRange::days(d, d));
        found.push(Candidate {
            span: w.range(),
            claim: relative(value),
            takes_weekday: false,
        });
    }

    for all in find_all(s, &AGO, starts) {
        let groups = ago_groups(s, all).or_else(|| {
            let c = captures_at(s, &AGO, all.start(), starts)?;
            Some((c.name("amt")?, c.name("unit")?))
        });
        let Some((amt, unit)) = groups else {
            continue;
        };
        if char_before(s, amt.start())
            .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | ',' | '-'))
        {
            continue;
        }
        let amount_text = amt.as_str();
        let amount =
            if amount_text.eq_ignore_ascii_case("a") || amount_text.eq_ignore_ascii_case("an") {
                Some(1.0)
            } else {
                parse_number(amount_text)
            };
        let Some(amount) = amount.filter(|a| a.fract() == 0.0 && *a >= 1.0 && *a <= 10_000.0)
        else {
            continue;
        };
        let n = amount as u32;
        let unit = unit.as_str().to_ascii_lowercase();
        let value = story.and_then(|d| ago(d, n, unit.trim_end_matches('s')));
        found.push(Candidate {
            span: all.range(),
            claim: relative(value),
            takes_weekday: false,
        });
    }
}

// The groups of the relative patterns, read off their ASCII matches (nearly all) without the
// regexes' slower search for groups; `None` for other matches, whose case-insensitive words
// may hold letters such as "ſ" (an "s"), left to the regex. Each pattern's groups are words
// of ASCII letters with no letter between them, so a match's first and last run of letters
// find them. The tests pin each to its regex.

/// The ASCII letters that begin `text[range]`.
fn first_letters(text: &str, range: &Range<usize>) -> Range<usize> {
    let len = text
        .get(range.clone())
        .unwrap_or("")
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    range.start..range.start + len
}

/// The ASCII letters that end `text[range]`.
fn last_letters(text: &str, range: &Range<usize>) -> Range<usize> {
    let len = text
        .get(range.clone())
        .unwrap_or("")
        .bytes()
        .rev()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    range.end - len..range.end
}

/// `MONTH_ALONE`'s (cue, m1): the month is the last word; the cue the first, unless the first
/// is the "mid" of "mid-".
fn month_alone_groups<'t>(s: &'t str, m: Group<'t>) -> Option<(Option<Group<'t>>, Group<'t>)> {
    if !m.as_str().is_ascii() {
        return None;
    }
    let first = first_letters(s, &m.range());
    let month = Group::new(s, last_letters(s, &m.range()))?;
    let cue = match s.as_bytes().get(first.end) {
        Some(b'-') => None,
        _ => Some(Group::new(s, first)?),
    };
    Some((cue, month))
}

/// `WEEKDAY_ALONE`'s (mod, wd, whether `plural` matched): the weekday is the last word, less
/// a plural "s" (every weekday ends in "y"); the modifier the first word when there are two.
fn weekday_alone_groups<'t>(
    s: &'t str,
    m: Group<'t>,
) -> Option<(Option<Group<'t>>, Group<'t>, bool)> {
    if !m.as_str().is_ascii() {
        return None;
    }
    let last = last_letters(s, &m.range());
    let plural = m.as_str().ends_with('s');
    let weekday = Group::new(s, last.start..last.end - usize::from(plural))?;
    let modifier = if last.start > m.start() {
        Some(Group::new(s, first_letters(s, &m.range()))?)
    } else {
        None
    };
    Some((modifier, weekday, plural))
}

/// `RELATIVE_UNIT`'s (mod, unit): the first word and the last.
fn relative_unit_groups<'t>(s: &'t str, m: Group<'t>) -> Option<(Group<'t>, Group<'t>)> {
    if !m.as_str().is_ascii() {
        return None;
    }
    Some((
        Group::new(s, first_letters(s, &m.range()))?,
        Group::new(s, last_letters(s, &m.range()))?,
    ))
}

/// `AGO`'s (amt, unit): the unit is the word before the closing "ago", the amount everything
/// before the space before the unit (it ends in a digit or a letter, never in space).
fn ago_groups<'t>(s: &'t str, m: Group<'t>) -> Option<(Group<'t>, Group<'t>)> {
    let matched = m.as_str();
    if !matched.is_ascii()
        || !matched
            .get(matched.len().checked_sub(3)?..)?
            .eq_ignore_ascii_case("ago")
    {
        return None;
    }
    let before_ago = matched[..matched.len() - 3].trim_end();
    let unit = last_letters(s, &(m.start()..m.start() + before_ago.len()));
    let amount = before_ago[..unit.start - m.start()].trim_end();
    Some((
        Group::new(s, m.start()..m.start() + amount.len())?,
        Group::new(s, unit)?,
    ))
}

fn add_days(d: NaiveDate, offset: i64) -> Option<NaiveDate> {
    if offset >= 0 {
        d.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(offset.unsigned_abs()))
    }
}

/// The Monday-to-Sunday week holding `d`.
fn week_of(d: NaiveDate) -> Option<DateRange> {
    let monday = add_days(d, -i64::from(d.weekday().num_days_from_monday()))?;
    let sunday = add_days(monday, 6)?;
    Some(DateRange::days(monday, sunday))
}

/// "last year" (step -1), "this month" (0), "next week" (1).
fn shift_unit(d: NaiveDate, unit: &str, step: i32) -> Option<DateRange> {
    match unit {
        "year" => Some(DateRange::single(PartialDate::year(d.year() + step))),
        "month" => {
            let first = d.with_day(1)?;
            let shifted = if step >= 0 {
                first.checked_add_months(Months::new(step.unsigned_abs()))?
            } else {
                first.checked_sub_months(Months::new(step.unsigned_abs()))?
            };
            PartialDate::month(shifted.year(), shifted.month()).map(DateRange::single)
        }
        "week" => week_of(add_days(d, 7 * i64::from(step))?),
        _ => None,
    }
}

/// "two days ago" (a day), "three weeks ago" (that week), "five months ago" (that month),
/// "three years ago" (that year).
fn ago(d: NaiveDate, n: u32, unit: &str) -> Option<DateRange> {
    match unit {
        "day" => add_days(d, -i64::from(n)).map(|x| DateRange::days(x, x)),
        "week" => week_of(add_days(d, -7 * i64::from(n))?),
        "month" => {
            let x = d.checked_sub_months(Months::new(n))?;
            PartialDate::month(x.year(), x.month()).map(DateRange::single)
        }
        "year" => Some(DateRange::single(PartialDate::year(
            d.year() - i32::try_from(n).ok()?,
        ))),
        _ => None,
    }
}

/// The day a weekday named alone refers to, seen from the story date.
fn resolve_weekday(
    story: NaiveDate,
    weekday: Weekday,
    modifier: Option<&str>,
    future: bool,
) -> Option<NaiveDate> {
    let ahead = i64::from(
        (7 + weekday.num_days_from_monday() - story.weekday().num_days_from_monday()) % 7,
    );
    // The next occurrence strictly after the story date, and the last strictly before.
    let next = add_days(story, if ahead == 0 { 7 } else { ahead })?;
    let previous = add_days(story, if ahead == 0 { -7 } else { ahead - 7 })?;
    Some(match modifier {
        Some("last" | "past") => previous,
        Some("next" | "coming") => next,
        _ if ahead == 0 => story,
        _ if future => next,
        // Stories are often dated the day before readers in another time zone see them.
        _ if ahead == 1 => next,
        _ => previous,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, DocumentOptions};

    const SEED: &[&str] = &[
        "A train believed to carry North Korean leader Kim Jong Un is pictured in the Chinese border city of Dandong, China in this photo taken by Kyodo on February 23, 2019. Kyodo via REUTERS",
        "SEOUL (Reuters) - North Korea confirmed leader Kim Jong Un’s second summit with U.S. President Donald Trump for the first time on Sunday, days before the high-stakes nuclear meeting is set to take place in Vietnam’s capital, Hanoi.",
        "Kim left Pyongyang by train on Saturday afternoon for the Feb. 27-28 summit accompanied by senior North Korean officials, North Korea’s official KCNA news agency said.",
        "The delegation accompanying Kim to Hanoi includes top North Korean officials who took part in last year’s expanded summit talks between Kim and Trump in Singapore, including top envoy to the U.S. Kim Yong Chol, vice chairman of the central committee of North Korea’s Worker’s Party Ri Su Yong, and foreign minister Ri Yong Ho.",
        "The North Korean leader’s sister Kim Yo Jong, who was also seen aiding him in Singapore, is traveling with Kim as well.",
        "Other senior North Korean officials, such as his de facto chief of staff Kim Chang Son and Kim Hyok Chol, negotiations counterpart to U.S. envoy Stephen Biegun, were already in Hanoi to prepare for the summit.",
        "Kim will also make an official goodwill visit to Vietnam “soon,” KCNA said.",
        "Vietnam’s foreign ministry announced on Saturday that Kim will make an official visit to Vietnam in the “coming days” at the invitation of Nguyen Phu Trong, the president and general secretary of the Southeast Asian nation’s ruling Communist Party.",
        "Trump and Kim will meet in Hanoi eight months after their historic summit in Singapore - the first between a sitting U.S. president and a North Korean leader - at which they pledged to work toward the complete denuclearization of the Korean peninsula.",
        "But scant progress since then has driven the two leaders to again seek a top-down approach to diplomacy, analysts said.",
    ];

    /// Groups as the text they hold.
    type Texts = Vec<Option<String>>;

    /// For every match of the patterns whose groups are read off the match (`ISO`,
    /// `MONTH_ALONE`, `WEEKDAY_ALONE`, `RELATIVE_UNIT`, `DAY_WORD`, `AGO`) in `text`: the
    /// groups as read, and as the regex's search for groups finds them.
    fn read_and_searched(text: &str) -> Vec<(Texts, Texts)> {
        let read = |groups: &[Option<&str>]| -> Texts {
            groups.iter().map(|g| g.map(str::to_string)).collect()
        };
        let searched = |re: &Regex, m: regex::Match<'_>, names: &[&str]| -> Texts {
            let c = re.captures_at(text, m.start()).expect("the same match");
            assert_eq!(c.get(0).map(|a| a.range()), Some(m.range()));
            names
                .iter()
                .map(|n| c.name(n).map(|x| x.as_str().to_string()))
                .collect()
        };
        fn g<'t>(g: Option<Group<'t>>) -> Option<&'t str> {
            g.map(|g| g.as_str())
        }
        let mut out = Vec::new();
        for m in MONTH_ALONE.whole.find_iter(text) {
            if let Some((cue, m1)) = month_alone_groups(text, Group::matched(text, m)) {
                out.push((
                    read(&[g(cue), Some(m1.as_str())]),
                    searched(&MONTH_ALONE.whole, m, &["cue", "m1"]),
                ));
            }
        }
        for m in WEEKDAY_ALONE.whole.find_iter(text) {
            if let Some((modifier, wd, plural)) =
                weekday_alone_groups(text, Group::matched(text, m))
            {
                out.push((
                    read(&[g(modifier), Some(wd.as_str()), plural.then_some("s")]),
                    searched(&WEEKDAY_ALONE.whole, m, &["mod", "wd", "plural"]),
                ));
            }
        }
        for m in RELATIVE_UNIT.whole.find_iter(text) {
            if let Some((modifier, unit)) = relative_unit_groups(text, Group::matched(text, m)) {
                out.push((
                    read(&[Some(modifier.as_str()), Some(unit.as_str())]),
                    searched(&RELATIVE_UNIT.whole, m, &["mod", "unit"]),
                ));
            }
        }
        for m in AGO.whole.find_iter(text) {
            if let Some((amt, unit)) = ago_groups(text, Group::matched(text, m)) {
                out.push((
                    read(&[Some(amt.as_str()), Some(unit.as_str())]),
                    searched(&AGO.whole, m, &["amt", "unit"]),
                ));
            }
        }
        for m in DAY_WORD.whole.find_iter(text) {
            out.push((
                read(&[Some(m.as_str())]),
                searched(&DAY_WORD.whole, m, &["w"]),
            ));
        }
        for m in ISO.whole.find_iter(text) {
            let at = m.start();
            out.push((
                read(&[
                    text.get(at..at + 4),
                    text.get(at + 5..at + 7),
                    text.get(at + 8..m.end()),
                ]),
                searched(&ISO.whole, m, &["y", "m", "d"]),
            ));
        }
        out
    }

    #[test]
    fn groups_read_off_a_match_are_the_regexes_groups() {
        for text in [
            "in March, mid-April, since\nMay, LATE June, Mid-July and earlier\tAugust 2019",
            "last Monday, Tuesday, next  Sundays, THIS Friday, coming\nSaturday, Mondays",
            "last year, this\nmonth, NEXT WEEK, two days ago, an hour ago, 18 months  AGO",
            "twenty-one years ago, a dozen weeks\n ago, one hundred and five days ago",
            "today, Tonight, last night, this\nmorning, 2019-02-23, 1999-12-31",
            "laſt Monday, this weeK, two dayſ ago, in\u{a0}March, next\u{a0}year",
        ] {
            let found = read_and_searched(text);
            assert!(!found.is_empty(), "{text:?}");
            for (read, searched) in found {
                assert_eq!(read, searched, "{text:?}");
            }
        }
    }

    fn doc_dated(text: &str, date: Option<NaiveDate>) -> Document {
        let options = DocumentOptions {
            date,
            ..DocumentOptions::default()
        };
        Document::parse("test.txt", text.as_bytes(), &options).unwrap()
    }

    fn story_date() -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2019, 2, 23)
    }

    fn doc(text: &str) -> Document {
        doc_dated(text, story_date())
    }

    fn dates_of(d: &Document) -> Vec<(String, Option<String>, DateClaim)> {
        extract(d)
            .into_iter()
            .map(|c| {
                assert_eq!(&d.text[c.span.clone()], c.text);
                let ClaimValue::Date(x) = c.value else {
                    panic!("not a date: {c:?}")
                };
                (c.text, x.value.map(|v| v.to_string()), x)
            })
            .collect()
    }

    /// (span text, value) for every date of `text` with the seed's story date.
    fn dates(text: &str) -> Vec<(String, Option<String>)> {
        dates_of(&doc(text))
            .into_iter()
            .map(|(t, v, _)| (t, v))
            .collect()
    }

    fn one(text: &str) -> (String, Option<String>, DateClaim) {
        let all = dates_of(&doc(text));
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }

    fn pair(text: &str, value: &str) -> (String, Option<String>) {
        (text.to_string(), Some(value.to_string()))
    }

    #[test]
    fn seed_story_dates() {
        let text = SEED.join("\n\n");
        let d = doc(&text);
        let got = dates_of(&d);
        let simple: Vec<_> = got.iter().map(|(t, v, _)| (t.clone(), v.clone())).collect();
        assert_eq!(
            simple,
            [
                pair("February 23, 2019", "2019-02-23"),
                pair("Sunday", "2019-02-24"),
                pair("Saturday", "2019-02-23"),
                pair("Feb. 27-28", "2019-02-27..2019-02-28"),
                pair("last year", "2018"),
                pair("Saturday", "2019-02-23"),
            ]
        );
        let (_, _, feb23) = &got[0];
        assert!(!feb23.relative && !feb23.year_inferred);
        assert_eq!(
            feb23.style,
            DateStyle {
                month: MonthStyle::Full,
                day_first: false,
                year_shown: true,
                iso: false
            }
        );
        let (_, _, summit) = &got[3];
        assert!(summit.year_inferred && !summit.relative);
        assert_eq!(summit.style.month, MonthStyle::AbbrevDot);
        let (_, _, sunday) = &got[1];
        assert!(sunday.relative);
        assert_eq!(sunday.weekday, Some(Weekday::Sun));
        // Sentence indices point at the sentence holding the span.
        for c in extract(&d) {
            assert!(
                d.sentences[c.sentence].start <= c.span.start
                    && c.span.end <= d.sentences[c.sentence].end
            );
        }
    }

    #[test]
    fn seed_story_mutations() {
        assert_eq!(
            dates("who took part in the 2017 expanded summit talks between Kim and Trump"),
            [pair("2017", "2017")]
        );
        assert_eq!(
            dates("Kim left Pyongyang by train on Saturday afternoon for the Feb. 26-27 summit"),
            [
                pair("Saturday", "2019-02-23"),
                pair("Feb. 26-27", "2019-02-26..2019-02-27")
            ]
        );
        let (_, _, x) = one("for the Feb. 26-27 summit");
        let right = DateRange::parse("2019-02-27..2019-02-28").unwrap();
        assert_eq!(format_like(&x.style, &right), "Feb. 27-28");
    }

    #[test]
    fn seed_story_without_a_date_is_not_guessed() {
        let text = SEED.join("\n\n");
        let got = dates_of(&doc_dated(&text, None));
        let simple: Vec<_> = got
            .iter()
            .map(|(t, v, x)| (t.as_str(), v.clone(), x.relative))
            .collect();
        assert_eq!(
            simple,
            [
                ("February 23, 2019", Some("2019-02-23".to_string()), false),
                ("Sunday", None, true),
                ("Saturday", None, true),
                ("Feb. 27-28", None, false),
                ("last year", None, true),
                ("Saturday", None, true),
            ]
        );
        assert!(!got[3].2.year_inferred);
    }

    #[test]
    fn weekday_with_a_date() {
        // The seed's weekday mutation: Feb. 22, 2019 was a Friday.
        let text = "Vietnam’s foreign ministry announced on Saturday, Feb. 22, that Kim will make an official visit.";
        let d = doc(text);
        let (t, v, x) = one(text);
        assert_eq!(t, "Saturday, Feb. 22");
        assert_eq!(v.as_deref(), Some("2019-02-22"));
        assert_eq!(x.weekday, Some(Weekday::Sat));
        assert!(!x.relative && x.year_inferred);
        assert_eq!(&d.text[x.weekday_span.unwrap()], "Saturday");

        let (t, v, x) = one("The summit opens Wednesday, Feb. 27, 2019, in Hanoi.");
        assert_eq!(
            (t.as_str(), v.as_deref()),
            ("Wednesday, Feb. 27, 2019", Some("2019-02-27"))
        );
        assert_eq!(x.weekday, Some(Weekday::Wed));
        assert!(!x.year_inferred);
        let (t, _, x) = one("Talks resume Wed. Feb. 27 in Hanoi.");
        assert_eq!(t, "Wed. Feb. 27");
        assert_eq!(x.weekday, Some(Weekday::Wed));
        let (t, _, x) = one("They met on Thursday 28 February.");
        assert_eq!(t, "Thursday 28 February");
        assert_eq!(x.weekday, Some(Weekday::Thu));
        assert!(x.style.day_first);
    }

    #[test]
    fn absolute_forms() {
        assert_eq!(
            dates("on Feb. 23, 2019."),
            [pair("Feb. 23, 2019", "2019-02-23")]
        );
        assert_eq!(
            dates("on 23 February 2019."),
            [pair("23 February 2019", "2019-02-23")]
        );
        assert_eq!(
            dates("on 27 February."),
            [pair("27 February", "2019-02-27")]
        );
        assert_eq!(dates("on 2019-02-23."), [pair("2019-02-23", "2019-02-23")]);
        assert_eq!(
            dates("in February 2019."),
            [pair("February 2019", "2019-02")]
        );
        assert_eq!(dates("in 2018."), [pair("2018", "2018")]);
        assert_eq!(dates("in the 1990s."), [pair("1990s", "1990..1999")]);
        assert_eq!(dates("the 2018-19 season"), [pair("2018-19", "2018..2019")]);
        assert_eq!(
            dates("from 2017 to 2019"),
            [pair("2017 to 2019", "2017..2019")]
        );
        assert_eq!(
            dates("Feb. 27 to 28"),
            [pair("Feb. 27 to 28", "2019-02-27..2019-02-28")]
        );
        assert_eq!(
            dates("Feb. 28-March 1"),
            [pair("Feb. 28-March 1", "2019-02-28..2019-03-01")]
        );
        assert_eq!(
            dates("27-28 February"),
            [pair("27-28 February", "2019-02-27..2019-02-28")]
        );
        assert_eq!(
            dates("28 February-1 March"),
            [pair("28 February-1 March", "2019-02-28..2019-03-01")]
        );
        assert_eq!(
            dates("Feb. 27-28, 2018"),
            [pair("Feb. 27-28, 2018", "2018-02-27..2018-02-28")]
        );
        assert_eq!(
            dates("the 23rd of February"),
            [pair("23rd of February", "2019-02-23")]
        );
        assert_eq!(
            dates("on February 23rd"),
            [pair("February 23rd", "2019-02-23")]
        );
        assert_eq!(dates("Sept. 9"), [pair("Sept. 9", "2018-09-09")]);
        assert_eq!(
            dates("Dec. 30-Jan. 2"),
            [pair("Dec. 30-Jan. 2", "2018-12-30..2019-01-02")]
        );
        assert_eq!(dates("in mid-2018"), [pair("2018", "2018")]);
    }

    #[test]
    fn year_is_inferred_nearest_the_story_date() {
        // Story date 2019-02-23: Dec. 20 is nearer in 2018, March 5 in 2019.
        assert_eq!(dates("on Dec. 20"), [pair("Dec. 20", "2018-12-20")]);
        assert_eq!(dates("on March 5"), [pair("March 5", "2019-03-05")]);
        assert_eq!(dates("in November"), [pair("November", "2018-11")]);
        assert_eq!(dates("in April"), [pair("April", "2019-04")]);
        assert_eq!(dates("last March"), [pair("last March", "2018-03")]);
        assert_eq!(dates("last January"), [pair("last January", "2019-01")]);
        assert_eq!(dates("next February"), [pair("next February", "2020-02")]);
        let (_, _, x) = one("on March 5");
        assert!(x.year_inferred && !x.relative);
        // No story date: no value.
        let got = dates_of(&doc_dated("on March 5", None));
        assert_eq!(got[0].1, None);
        assert!(!got[0].2.year_inferred);
    }

    #[test]
    fn relative_forms() {
        assert_eq!(dates("today"), [pair("today", "2019-02-23")]);
        assert_eq!(
            dates("Yesterday, he left."),
            [pair("Yesterday", "2019-02-22")]
        );
        assert_eq!(
            dates("tomorrow’s meeting"),
            [pair("tomorrow", "2019-02-24")]
        );
        assert_eq!(dates("last night"), [pair("last night", "2019-02-22")]);
        assert_eq!(dates("this year"), [pair("this year", "2019")]);
        assert_eq!(dates("next month"), [pair("next month", "2019-03")]);
        assert_eq!(dates("last month"), [pair("last month", "2019-01")]);
        assert_eq!(
            dates("last week"),
            [pair("last week", "2019-02-11..2019-02-17")]
        );
        assert_eq!(dates("two days ago"), [pair("two days ago", "2019-02-21")]);
        assert_eq!(dates("three years ago"), [pair("three years ago", "2016")]);
        assert_eq!(dates("a year ago"), [pair("a year ago", "2018")]);
        assert_eq!(dates("18 months ago"), [pair("18 months ago", "2017-08")]);
        assert_eq!(dates("last year’s talks"), [pair("last year", "2018")]);
        assert_eq!(dates("last year's talks"), [pair("last year", "2018")]);
        for t in ["today", "two days ago", "next month", "Sunday"] {
            let got = dates_of(&doc_dated(t, None));
            assert_eq!(got.len(), 1, "{t}");
            assert!(got[0].2.relative && got[0].1.is_none(), "{t}");
        }
    }

    #[test]
    fn weekday_alone_follows_tense() {
        // Story date Saturday 2019-02-23.
        assert_eq!(
            dates("He left on Saturday."),
            [pair("Saturday", "2019-02-23")]
        );
        assert_eq!(
            dates("He left on Thursday."),
            [pair("Thursday", "2019-02-21")]
        );
        assert_eq!(
            dates("He will leave on Thursday."),
            [pair("Thursday", "2019-02-28")]
        );
        assert_eq!(
            dates("He is set to leave on Monday."),
            [pair("Monday", "2019-02-25")]
        );
        // Past tense, but the next day: the story reaches readers a day later.
        assert_eq!(dates("He left on Sunday."), [pair("Sunday", "2019-02-24")]);
        assert_eq!(
            dates("He left last Saturday."),
            [pair("last Saturday", "2019-02-16")]
        );
        assert_eq!(
            dates("He leaves next Saturday."),
            [pair("next Saturday", "2019-03-02")]
        );
        assert_eq!(
            dates("He left on Saturday afternoon."),
            [pair("Saturday", "2019-02-23")]
        );
        assert_eq!(dates("Sunday’s vote"), [pair("Sunday", "2019-02-24")]);
        let (t, v, x) = one("They met on June 12 last year in Singapore.");
        assert_eq!(
            (t.as_str(), v.as_deref()),
            ("June 12 last year", Some("2018-06-12"))
        );
        assert!(x.relative && !x.year_inferred);
        assert_eq!(
            dates("on 12 June this year"),
            [pair("12 June this year", "2019-06-12")]
        );
    }

    #[test]
    fn not_dates() {
        for s in [
            "Theresa May said it may be late.",
            "They march on.",
            "The Sun reported; we Wed at noon.",
            "It was the second summit.",
            "About 2000 people came, and 2,019 troops left with 1500 tons.",
            "It cost $2019.",
            "Flight 2019 landed at 14:30.",
            "The G20 met 27 times.",
            "Over the last year, the next week and the last month.",
            "He stayed on Saturdays.",
            "The Sunday Times reported it.",
            "USA Today reported it.",
            "Feb. 30 is not a day; neither is Feb. 31st.",
            "Call 555-2019-11 now.",
            "by May’s government",
            "Long March 5 rocket",
            "up 5 percent in may",
            "page 1999",
            "éFeb. 27",
            "Feb. 27é",
        ] {
            assert!(dates(s).is_empty(), "{s}: {:?}", dates(s));
        }
    }

    #[test]
    fn may_and_march_as_names() {
        assert_eq!(dates("Theresa May 2019 plans"), [pair("2019", "2019")]);
        assert_eq!(
            dates("Theresa May said on May 5 that"),
            [pair("May 5", "2019-05-05")]
        );
        assert_eq!(
            dates("In May 2018, she left."),
            [pair("May 2018", "2018-05")]
        );
        assert_eq!(
            dates("on Tuesday May 7"),
            [pair("Tuesday May 7", "2019-05-07")]
        );
    }

    #[test]
    fn styles_are_recorded() {
        let (_, _, x) = one("27 February 2019");
        assert_eq!(
            x.style,
            DateStyle {
                month: MonthStyle::Full,
                day_first: true,
                year_shown: true,
                iso: false
            }
        );
        let (_, _, x) = one("Feb 27");
        assert_eq!(x.style.month, MonthStyle::Abbrev);
        let (_, _, x) = one("2019-02-23");
        assert!(x.style.iso);
        let (_, _, x) = one("in 2017");
        assert!(x.style.year_shown);
    }

    #[test]
    fn formats_like_the_original() {
        let r = |s: &str| DateRange::parse(s).unwrap();
        let style_of = |text: &str| one(text).2.style;
        assert_eq!(
            format_like(&style_of("Feb. 26-27"), &r("2019-02-27..2019-02-28")),
            "Feb. 27-28"
        );
        assert_eq!(
            format_like(&style_of("February 23, 2019"), &r("2019-02-24")),
            "February 24, 2019"
        );
        assert_eq!(
            format_like(&style_of("27 February"), &r("2019-02-28")),
            "28 February"
        );
        assert_eq!(format_like(&style_of("in 2017"), &r("2018")), "2018");
        assert_eq!(
            format_like(&style_of("Feb. 27"), &r("2019-02-28..2019-03-01")),
            "Feb. 28-Mar. 1"
        );
        assert_eq!(
            format_like(&style_of("February 27"), &r("2019-02-28..2019-03-01")),
            "February 28-March 1"
        );
        assert_eq!(
            format_like(&style_of("27 February"), &r("2019-02-28..2019-03-01")),
            "28 February-1 March"
        );
        assert_eq!(
            format_like(&style_of("2019-02-22"), &r("2019-02-23")),
            "2019-02-23"
        );
        assert_eq!(
            format_like(&style_of("23 February 2019"), &r("2019-02-27..2019-02-28")),
            "27-28 February 2019"
        );
        assert_eq!(
            format_like(&style_of("Feb. 27-28, 2019"), &r("2019-02-27..2019-02-28")),
            "Feb. 27-28, 2019"
        );
        assert_eq!(
            format_like(&style_of("February 2019"), &r("2018-06")),
            "June 2018"
        );
        assert_eq!(
            format_like(&style_of("Sept. 9"), &r("2019-09-10")),
            "Sept. 10"
        );
        assert_eq!(format_like(&style_of("Feb 27"), &r("2019-09-10")), "Sep 10");
        assert_eq!(
            format_like(&style_of("in 2017"), &r("2017..2018")),
            "2017-2018"
        );
        assert_eq!(
            format_like(&style_of("Feb. 27-28, 2019"), &r("2018-12-30..2019-01-02")),
            "Dec. 30, 2018-Jan. 2, 2019"
        );
        assert_eq!(
            format_like(&DateStyle::default(), &r("2019-02..2019-03-01")),
            "2019-02..2019-03-01"
        );
        assert_eq!(
            format_like(
                &DateStyle {
                    iso: true,
                    ..DateStyle::default()
                },
                &r("2019-02-27..2019-02-28")
            ),
            "2019-02-27/2019-02-28"
        );
    }

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(parse_month("February"), Some(2));
        assert_eq!(parse_month("Feb."), Some(2));
        assert_eq!(parse_month("Sept."), Some(9));
        assert_eq!(parse_month("may"), None);
        assert_eq!(parse_month("Febr"), None);
        assert_eq!(parse_weekday("Thurs."), Some(Weekday::Thu));
        assert_eq!(parse_weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("Sundays"), None);
        assert_eq!(parse_weekday("Sa"), None);
        assert_eq!(month_name(13, MonthStyle::Full), "?");
        assert_eq!(month_name(0, MonthStyle::Full), "?");
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "Feb.",
            "Feb. ",
            "Feb. 2",
            "Feb. 99",
            "31 February",
            "Feb. 29",
            "Feb. 29, 2019",
            "Feb. 29, 2020",
            "ễFeb. 27ễ",
            "Saturday,",
            "Sat. ",
            "0000-00-00",
            "9999-12-31",
            "2019-13-01",
            "0 days ago",
            "99999999999 years ago",
            "Dec. 31-Jan. 1, 9999",
            "the 0s",
            "1800s",
            "2100-01",
            "Feb. 27—28",
            "last year’",
            "’s",
            "Sun. Feb. 2",
            "Jan. 1, 0999",
        ] {
            for date in [
                story_date(),
                None,
                NaiveDate::from_ymd_opt(9999, 12, 31),
                NaiveDate::MIN.into(),
            ] {
                let d = doc_dated(s, date);
                for c in extract(&d) {
                    assert!(d.text.get(c.span.clone()).is_some(), "{s}");
                }
            }
        }
        assert!(dates("Feb. 29, 2019").is_empty());
        assert_eq!(
            dates("Feb. 29, 2020"),
            [pair("Feb. 29, 2020", "2020-02-29")]
        );
    }

    const PATTERNS: [&DatePattern; 12] = [
        &ISO,
        &MONTH_FIRST,
        &DAY_FIRST,
        &MONTH_YEAR,
        &MONTH_ALONE,
        &YEAR,
        &DECADE,
        &WEEKDAY,
        &WEEKDAY_ALONE,
        &RELATIVE_UNIT,
        &DAY_WORD,
        &AGO,
    ];

    /// A match and its named groups, as text.
    type Matched = (Range<usize>, Texts);

    /// A pattern's matches: by the whole-text search, by `captures_all`, and by `find_all`.
    type Compared = (Vec<Matched>, Vec<Matched>, Vec<Range<usize>>);

    /// For each pattern, its matches in `text` as the whole-text search finds them, and as
    /// `find_all` and `captures_all` find them from the listed starts.
    fn searched_and_listed(text: &str) -> Vec<Compared> {
        let starts = starts::starts(text);
        PATTERNS
            .iter()
            .map(|p| {
                let names: Vec<&str> = p.whole.capture_names().flatten().collect();
                let whole = p
                    .whole
                    .captures_iter(text)
                    .map(|c| {
                        let all = c.get(0).map_or(0..0, |m| m.range());
                        let groups = names
                            .iter()
                            .map(|n| c.name(n).map(|m| m.as_str().to_string()))
                            .collect();
                        (all, groups)
                    })
                    .collect();
                let listed = captures_all(text, p, starts.as_ref())
                    .into_iter()
                    .map(|c| {
                        let all = c.all().map_or(0..0, |m| m.range());
                        let groups = names
                            .iter()
                            .map(|n| c.name(n).map(|m| m.as_str().to_string()))
                            .collect();
                        (all, groups)
                    })
                    .collect();
                let found = find_all(text, p, starts.as_ref())
                    .into_iter()
                    .map(|m| m.range())
                    .collect();
                (whole, listed, found)
            })
            .collect()
    }

    fn assert_listed_as_searched(text: &str) {
        for (i, (whole, listed, found)) in searched_and_listed(text).into_iter().enumerate() {
            let ranges: Vec<_> = whole.iter().map(|(r, _)| r.clone()).collect();
            assert_eq!(listed, whole, "pattern {i} in {text:?}");
            assert_eq!(found, ranges, "pattern {i} in {text:?}");
        }
    }

    #[test]
    fn listed_starts_find_what_the_whole_text_search_finds() {
        let seed = SEED.join("\n\n");
        assert!(starts::starts(&seed).is_some());
        assert_listed_as_searched(&seed);
        for text in [
            "On Wednesday, Feb. 27-28, 2019 and 27 to 28 February 2019, the 23rd of March, \
             May of 2018, in June, mid-July, LAST Sunday, this\u{a0}week, today, last night, \
             THIS morning, twenty-one days ago, a year ago, 18 months ago, the 1990s, \
             2019-02-23, 2018-19, 2017 to 2019, Thurs. Dec. 30-Jan. 2, 28 February-1 March",
            "Kim’s Sunday’s vote, Mondays, é2019, 2019é, Feb_27, _2019, x2019, 12345, 1990s2",
            "laſt Monday, two dayſ ago, in March",
            "in\nMarch, in\n\nMarch, Feb.\r\n27, 2019",
        ] {
            assert_listed_as_searched(text);
        }
        assert!(starts::starts("two dayſ ago").is_none());
        assert!(starts::starts("\u{212A}").is_none());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const ORACLE_WORDS: &[&str] = &[
            "January",
            "May",
            "March",
            "Feb",
            "Feb.",
            "Sept",
            "Dec.",
            "JUNE",
            "june",
            "may",
            "Monday",
            "Sundays",
            "Wed.",
            "Thurs",
            "Sun",
            "in",
            "IN",
            "since",
            "by",
            "mid",
            "Mid",
            "last",
            "Last",
            "next",
            "this",
            "coming",
            "past",
            "year",
            "Month",
            "week",
            "weeks",
            "days",
            "today",
            "Tonight",
            "yesterday",
            "night",
            "morning",
            "ago",
            "AGO",
            "a",
            "an",
            "two",
            "twenty",
            "one",
            "hundred",
            "and",
            "dozen",
            "of",
            "the",
            "to",
            "through",
            "27",
            "1",
            "23rd",
            "2nd",
            "2019",
            "1990",
            "1990s",
            "2019-02-23",
            "12345",
            "-",
            "–",
            "—",
            ",",
            ".",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\t",
            "\u{a0}",
            "’s",
            "é",
            "_",
            "x",
            "ſ",
            "’",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn listed_starts_find_what_the_whole_text_search_finds_in_any_text(
                text in crate::extract::testing::separated_text(ORACLE_WORDS, 16),
            ) {
                for (whole, listed, found) in searched_and_listed(&text) {
                    let ranges: Vec<_> = whole.iter().map(|(r, _)| r.clone()).collect();
                    prop_assert_eq!(listed, whole, "{:?}", text);
                    prop_assert_eq!(found, ranges, "{:?}", text);
                }
            }
        }

        const WORDS: &[&str] = &[
            "Feb.",
            "27-28",
            "27",
            "February",
            "23,",
            "2019",
            "Saturday,",
            "Saturday",
            "on",
            "Sunday",
            "last",
            "year’s",
            "year",
            "two",
            "days",
            "ago",
            "May",
            "Theresa",
            "ễ",
            "2019-02-23",
            "-",
            "–",
            "to",
            "of",
            "the",
            "1990s",
            "Wed.",
            "Sun.",
            "today",
            "next",
            "week",
            "month",
            "in",
            ".",
            ",",
            "\u{a0}",
            "31",
            "March",
            "1",
            "Dec.",
            "Jan.",
            "will",
        ];

        const GROUP_PIECES: &[&str] = &[
            "in", "mid", "-", "Mid", "March", "May", "last", "LAST", "next", "this", "coming",
            "Monday", "Sunday", "s", " ", "  ", "\n", "\t", "year", "week", "Month", "two",
            "twenty", "a", "an", "18", "days", "hours", "ago", "AGO", "today", "night", "morning",
            "2019", "02", "x", "ſ", "\u{a0}", ",", ".",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn groups_read_off_a_match_are_the_regexes_groups_in_any_text(
                pieces in proptest::collection::vec(proptest::sample::select(GROUP_PIECES), 0..14),
            ) {
                let text = pieces.concat();
                for (read, searched) in read_and_searched(&text) {
                    prop_assert_eq!(read, searched, "{:?}", text);
                }
            }
        }

        proptest! {
            #[test]
            fn spans_are_within_text_on_char_boundaries(
                words in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
                junk in "\\PC{0,60}",
                day in 0i32..4_000_000,
            ) {
                let date = NaiveDate::from_num_days_from_ce_opt(day);
                for text in [words.join(" "), words.concat(), junk] {
                    let d = doc_dated(&text, date);
                    let claims = extract(&d);
                    for (i, c) in claims.iter().enumerate() {
                        prop_assert!(c.span.start < c.span.end && c.span.end <= d.text.len());
                        prop_assert!(d.text.get(c.span.clone()).is_some());
                        prop_assert_eq!(&d.text[c.span.clone()], c.text.as_str());
                        let ClaimValue::Date(x) = &c.value else { panic!() };
                        if let Some(w) = &x.weekday_span {
                            prop_assert!(c.span.start <= w.start && w.end <= c.span.end);
                        }
                        if i > 0 {
                            prop_assert!(claims[i - 1].span.end <= c.span.start);
                        }
                        if let Some(v) = x.value {
                            let _ = format_like(&x.style, &v);
                        }
                    }
                }
            }
        }
    }
}
