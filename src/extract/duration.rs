//! Durations: "eight months", "for three years" (span "three years"), "a two-year term"
//! (span "two-year"), "18 months", "a year", "more than two decades" (approximate),
//! "nearly nine months", "about a week", "two and a half years", "a year and a half".
//!
//! Not durations here: "two days ago" (a date: the date extractor owns it), "a 35-year-old"
//! (an age), rates ("twice a year", "$4 billion a year", "per day"), "a second summit" (an
//! ordinal), amounts without a number ("several years", "a few days", "decades").

use super::claim::{Claim, ClaimKind, ClaimValue, DurationClaim, TimeUnit};
#[cfg(test)]
use super::number::compile;
use super::number::{
    Group, Starts, char_at, char_before, number_word, number_words_pattern, parse_number,
    previous_word, sentence_of,
};
use super::number_starts::AnchoredRegex;
use crate::document::Document;
#[cfg(test)]
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The durations, with their hedges and halves.
fn duration_source() -> String {
    format!(
        r"(?xi)
        (?P<hedge>\b(?:about|around|nearly|almost|roughly|approximately|some|more\s+than|less\s+than
            |fewer\s+than|over|under|at\s+least|at\s+most|up\s+to|close\s+to|upwards\s+of|barely
            |just\s+over|just\s+under|well\s+over|almost\s+exactly)\s+)?
        (?P<amt>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{words}|\ban?\b)
        (?P<half>\s+and\s+a\s+half)?
        (?P<sep>-|[\ \t\u{{a0}}]+)
        (?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b
        (?P<half2>\s+and\s+a\s+half\b)?",
        words = number_words_pattern()
    )
}

/// The pattern as a whole-text scan: the oracle the anchored search is tested against.
#[cfg(test)]
static DURATION: LazyLock<Regex> = LazyLock::new(|| compile(&duration_source()));

/// The pattern run only where a match can start (see `number::Starts`).
static DURATION_AT: LazyLock<AnchoredRegex> =
    LazyLock::new(|| AnchoredRegex::new(&duration_source()));

/// Words before "a day", "a year" that make it a rate: "24 hours a day", "300 barrels a day".
const RATE_NOUNS: &[&str] = &[
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "miles",
    "kilometers",
    "kilometres",
    "km",
    "tons",
    "tonnes",
    "barrels",
    "people",
    "visitors",
    "calls",
    "meals",
    "cigarettes",
    "shifts",
];

fn unit_of(word: &str) -> Option<TimeUnit> {
    let w = word.to_ascii_lowercase();
    let w = w.as_str();
    Some(match w {
        "century" | "centuries" => TimeUnit::Century,
        _ => match w.strip_suffix('s').unwrap_or(w) {
            "second" => TimeUnit::Second,
            "minute" => TimeUnit::Minute,
            "hour" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" => TimeUnit::Week,
            "month" => TimeUnit::Month,
            "year" => TimeUnit::Year,
            "decade" => TimeUnit::Decade,
            _ => return None,
        },
    })
}

/// The groups of a `DURATION` match.
#[derive(Debug, PartialEq, Eq)]
struct Groups<'t> {
    hedge: Option<Group<'t>>,
    amt: Group<'t>,
    half: Option<Group<'t>>,
    sep: Group<'t>,
    unit: Group<'t>,
    half2: Option<Group<'t>>,
}

impl<'t> Groups<'t> {
    /// The groups of `c`, an anchored search's captures in `text`.
    fn of_anchored(
        text: &'t str,
        c: &regex_automata::util::captures::Captures,
    ) -> Option<Groups<'t>> {
        let group = |name: &str| {
            c.get_group_by_name(name)
                .and_then(|span| Group::new(text, span.range()))
        };
        Some(Groups {
            hedge: group("hedge"),
            amt: group("amt")?,
            half: group("half"),
            sep: group("sep")?,
            unit: group("unit")?,
            half2: group("half2"),
        })
    }

    #[cfg(test)]
    fn of(text: &'t str, c: &regex::Captures<'t>) -> Option<Groups<'t>> {
        let group = |name: &str| c.name(name).map(|m| Group::matched(text, m));
        Some(Groups {
            hedge: group("hedge"),
            amt: group("amt")?,
            half: group("half"),
            sep: group("sep")?,
            unit: group("unit")?,
            half2: group("half2"),
        })
    }
}

/// The first words of the hedges; those of two words ("more than") take the next word too.
const HEDGE_WORDS: &[&str] = &[
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
    "barely",
];
const TWO_WORD_HEDGES: &[&str] = &[
    "more", "less", "fewer", "at", "up", "close", "upwards", "just", "well",
];

/// The groups of the `DURATION` match at `range` of `text`, read off it from the end (the unit is its last
/// word, or the one before "and a half"; the separator what is between the unit and the
/// amount, or the amount's "and a half"; a hedge its first word or two), without the regex's
/// slower search for groups. `None` for a match that is not ASCII, left to the regex.
fn read_groups(text: &str, range: Range<usize>) -> Option<Groups<'_>> {
    let matched = text.get(range.clone())?;
    if !matched.is_ascii() {
        return None;
    }
    let base = range.start;
    let group = |from: usize, to: usize| Group::new(text, base + from..base + to);
    let letters_before = |end: usize| {
        let len = matched[..end]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        end - len
    };
    // `\s+and\s+a\s+half` ending at `end`: where it starts.
    let and_a_half_before = |end: usize| -> Option<usize> {
        let mut at = end;
        for word in ["half", "a", "and"] {
            let start = letters_before(at);
            if !matched[start..at].eq_ignore_ascii_case(word) {
                return None;
            }
            let spaced = matched[..start].trim_end().len();
            if spaced == start {
                return None;
            }
            at = spaced;
        }
        Some(at)
    };
    let mut end = matched.len();
    // No unit ends in "half": a match that does has `half2`.
    let half2 = match and_a_half_before(end) {
        Some(start) => {
            let g = group(start, end);
            end = start;
            g
        }
        None => None,
    };
    let unit_start = letters_before(end);
    let unit = group(unit_start, end)?;
    // `-` or `[\ \t\u{a0}]+`: what stands between the unit and the last letter or digit.
    let sep_start = matched[..unit_start]
        .bytes()
        .rposition(|b| b.is_ascii_alphanumeric())?
        + 1;
    let sep = group(sep_start, unit_start)?;
    let mut amt_end = sep_start;
    let half = match and_a_half_before(amt_end) {
        Some(start) => {
            let g = group(start, amt_end);
            amt_end = start;
            g
        }
        None => None,
    };
    let first_end = matched.bytes().take_while(u8::is_ascii_alphabetic).count();
    let first = &matched[..first_end];
    let hedge_end = if HEDGE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(first)) {
        let after = matched[first_end..].trim_start();
        let second_start = matched.len() - after.len();
        let second_end = second_start + after.bytes().take_while(u8::is_ascii_alphabetic).count();
        let two_words = first.eq_ignore_ascii_case("almost")
            && matched[second_start..second_end].eq_ignore_ascii_case("exactly");
        let words_end = if two_words { second_end } else { first_end };
        Some(words_end)
    } else if TWO_WORD_HEDGES
        .iter()
        .any(|w| w.eq_ignore_ascii_case(first))
    {
        let after = matched[first_end..].trim_start();
        let second_start = matched.len() - after.len();
        Some(second_start + after.bytes().take_while(u8::is_ascii_alphabetic).count())
    } else {
        None
    };
    let (hedge, amt_start) = match hedge_end {
        Some(words_end) => {
            let amt_start = matched.len() - matched[words_end..].trim_start().len();
            (Some(group(0, amt_start)?), amt_start)
        }
        None => (None, 0),
    };
    if amt_start >= amt_end {
        return None;
    }
    Some(Groups {
        hedge,
        amt: group(amt_start, amt_end)?,
        half,
        sep,
        unit,
        half2,
    })
}

/// Every duration of the document, in text order.
pub fn extract(doc: &Document) -> Vec<Claim> {
    extract_at(doc, &Starts::of(&doc.text))
}

/// As `extract`, given the pass over the document's text that `number::extract_at` also
/// reads, so the text is passed over once.
pub(crate) fn extract_at(doc: &Document, starts: &Starts) -> Vec<Claim> {
    let text = doc.text.as_str();
    let mut claims = Vec::new();
    let found = DURATION_AT.find_at_starts(text, starts.duration.iter().copied());
    for all in found {
        let groups = read_groups(text, all.clone()).or_else(|| {
            let c = DURATION_AT.captures_at(text, all.start)?;
            Groups::of_anchored(text, &c)
        });
        let Some(c) = groups else {
            continue;
        };
        let (amt, unit_m, sep) = (c.amt, c.unit, c.sep);
        let Some(unit) = unit_of(unit_m.as_str()) else {
            continue;
        };
        let amount_text = amt.as_str();
        let article =
            amount_text.eq_ignore_ascii_case("a") || amount_text.eq_ignore_ascii_case("an");
        let Some(mut amount) = (if article {
            Some(1.0)
        } else {
            parse_number(amount_text)
        }) else {
            continue;
        };
        if amount <= 0.0 {
            continue;
        }
        // Digits must stand alone: not the tail of "1.5" or "G7".
        if amount_text.starts_with(|ch: char| ch.is_ascii_digit())
            && char_before(text, amt.start())
                .is_some_and(|ch| ch.is_alphanumeric() || matches!(ch, '.' | ',' | '-' | '/' | ':'))
        {
            continue;
        }
        if char_before(text, amt.start()).is_some_and(|ch| ch == '-' || ch.is_alphanumeric()) {
            continue;
        }
        let hyphenated = sep.as_str() == "-";
        let after = text.get(all.end..).unwrap_or("");
        let after_lower: String = after
            .chars()
            .take(12)
            .collect::<String>()
            .to_ascii_lowercase();
        // "two days ago" is a date; "a 35-year-old" an age.
        if after_lower.trim_start().starts_with("ago") && !hyphenated {
            continue;
        }
        if after_lower.starts_with("-old") || after_lower.starts_with(" old") {
            continue;
        }
        let singular = !unit_m.as_str().to_ascii_lowercase().ends_with('s')
            || unit_m.as_str().eq_ignore_ascii_case("centuries");
        let one = article || amount_text.eq_ignore_ascii_case("one");
        if one && !hyphenated {
            // Rates: "twice a year", "$4 billion a year", "10 percent a month".
            let before = previous_word(text, amt.start()).to_ascii_lowercase();
            let glued_number = char_before(text, amt.start())
                .filter(|ch| *ch == ' ')
                .and_then(|_| char_before(text, amt.start() - 1))
                .is_some_and(|ch| ch.is_ascii_digit() || ch == '%');
            if glued_number
                || parse_number(&before).is_some()
                || matches!(
                    before.as_str(),
                    "once"
                        | "twice"
                        | "thrice"
                        | "times"
                        | "percent"
                        | "cent"
                        | "dollars"
                        | "euros"
                        | "per"
                        | "each"
                        | "every"
                )
                || matches!(
                    before.as_str(),
                    "million" | "billion" | "trillion" | "thousand"
                )
                || RATE_NOUNS.contains(&before.as_str())
            {
                continue;
            }
            // "a second summit" is an ordinal; "a second." / "a second later" is time.
            if unit == TimeUnit::Second && singular {
                let next = after.trim_start_matches([' ', '\u{a0}']);
                let is_time = after.is_empty()
                    || after.starts_with(['.', ',', ';', ':', '!', '?', ')'])
                    || ["later", "earlier", "longer", "or"].iter().any(|w| {
                        next.starts_with(w)
                            && next
                                .get(w.len()..)
                                .is_some_and(|r| !r.starts_with(char::is_alphabetic))
                    });
                if !is_time {
                    continue;
                }
            }
            // "One day, he ..." is an idiom, not a length of time.
            if !article && unit == TimeUnit::Day && after.starts_with(',') {
                continue;
            }
        }
        // A plural unit after "one"/"a" is not a duration ("a days"): skip oddities.
        if one && !singular {
            continue;
        }
        let half = c.half.or(c.half2);
        if half.is_some() {
            amount += 0.5;
        }
        let approximate = c.hedge.is_some();
        let span = all;
        // The hedge's leading word boundary guarantees it starts at a word; the last char
        // before the unit must not be glued ("x8 months" is excluded above).
        if char_at(text, span.end).is_some_and(|ch| ch.is_alphanumeric()) {
            continue;
        }
        let Some(claim_text) = text.get(span.clone()) else {
            continue;
        };
        claims.push(Claim {
            kind: ClaimKind::Duration,
            text: claim_text.to_string(),
            sentence: sentence_of(doc, span.start),
            value: ClaimValue::Duration(DurationClaim {
                amount,
                unit,
                amount_span: amt.range(),
                approximate,
            }),
            span,
        });
    }
    claims
}

/// Writes `amount` the way `original` was written: "eight" -> "ten", "8" -> "10",
/// "Eight" -> "Ten", "EIGHT" -> "TEN", "1,200" -> "1,500", "a" -> "two".
pub fn amount_like(original: &str, amount: u32) -> String {
    let original = original.trim();
    if original.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = amount.to_string();
        if original.contains(',') && digits.len() > 3 {
            return group_thousands(&digits);
        }
        return digits;
    }
    if amount == 1 && (original.eq_ignore_ascii_case("a") || original.eq_ignore_ascii_case("an")) {
        return original.to_string();
    }
    let word = number_word(amount);
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return word.to_uppercase();
    }
    match original.chars().next() {
        Some(first) if first.is_uppercase() => {
            let mut chars = word.chars();
            match chars.next() {
                Some(w) => w.to_uppercase().chain(chars).collect(),
                None => word,
            }
        }
        _ => word,
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, DocumentOptions};
    use chrono::NaiveDate;

    /// The groups of every match in `text`, as read off it and as the regex finds them.
    fn read_and_searched(text: &str) -> Vec<(Groups<'_>, Groups<'_>)> {
        DURATION
            .find_iter(text)
            .filter_map(|m| {
                let read = read_groups(text, m.range())?;
                let c = DURATION
                    .captures_at(text, m.start())
                    .expect("the same match");
                assert_eq!(c.get(0).map(|a| a.range()), Some(m.range()));
                Some((
                    read,
                    Groups::of(text, &c).expect("the groups every match has"),
                ))
            })
            .collect()
    }

    #[test]
    fn groups_read_off_a_match_are_the_regexes_groups() {
        for text in [
            "about two years, almost exactly a year, almost three weeks, more than\nfive days",
            "two and a half years, a year and a half, 18 months, 1,200 hours, 2.5 decades",
            "a two-year term, twenty-two  months, one hundred and five days, an hour",
            "at least a century, up to ten centuries, just over 3 minutes, well over a week",
            "two and a half years and a half, AT MOST Seven Days, close to an\thour",
            "upwards of 40 seconds, fewer than 2 days, some 12 years, barely a minute",
            "about\u{a0}two years, two\u{a0}years, two dayſ",
        ] {
            let found = read_and_searched(text);
            assert!(!found.is_empty(), "{text:?}");
            for (read, searched) in found {
                assert_eq!(read, searched, "{text:?}");
            }
        }
    }

    /// The matches of `text` as the anchored search at the pass's starts finds them and as
    /// the regex's whole-text scan does, and the groups of each from both.
    fn scans(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let starts = Starts::of(text);
        let anchored = DURATION_AT.find_at_starts(text, starts.duration.iter().copied());
        let scanned = DURATION.find_iter(text).map(|m| m.range()).collect();
        (anchored, scanned)
    }

    fn groups_agree(text: &str) {
        for m in DURATION.find_iter(text) {
            let c = DURATION
                .captures_at(text, m.start())
                .expect("the same match");
            let a = DURATION_AT
                .captures_at(text, m.start())
                .expect("a match there");
            assert_eq!(
                Groups::of_anchored(text, &a),
                Groups::of(text, &c),
                "{text:?}"
            );
        }
    }

    #[test]
    fn anchored_search_at_the_starts_finds_the_scans_matches() {
        for text in [
            "about two years, almost exactly a year, almost three weeks, more than\nfive days",
            "two and a half years, a year and a half, 18 months, 1,200 hours, 2.5 decades",
            "a two-year term, twenty-two  months, one hundred and five days, an hour, G7 days",
            "at least a century, up to ten centuries, just over 3 minutes, well over a week",
            "about\u{a0}two years, two\u{a0}years, two dayſ, ſix days, 12345,678 days, 1.5.2 days",
            "Kim’s eight months; (two) years, two (years), x8 months, 8months, 3_ days, the 24 hours a day",
        ] {
            let (anchored, scanned) = scans(text);
            assert_eq!(anchored, scanned, "{text:?}");
            groups_agree(text);
        }
    }

    /// Pieces the property tests glue into texts: hedges, numbers in words and digits, units,
    /// the characters case-insensitive s and k match, and white space and punctuation of
    /// every kind the patterns meet.
    const PIECES: &[&str] = &[
        "about",
        "almost",
        "exactly",
        "more",
        "than",
        "at",
        "least",
        "a",
        "An",
        "and",
        "half",
        "two",
        "ſix",
        "ſ",
        "K",
        "hundred",
        "18",
        "1,200",
        "2.5",
        "years",
        "Year",
        "dayſ",
        "second",
        "centuries",
        "-",
        " ",
        "\t",
        "\n",
        "\u{a0}",
        "\u{2009}",
        "x",
        "_",
        ",",
        ".",
        "’",
        "(",
        "$",
        "ago",
        "old",
        "the",
        "just",
        "over",
        "an",
        "twenty",
        "seven",
        "seventy",
        "dozen",
        "year",
        "month",
        "days",
        "century",
        "  ",
    ];

    mod search_props {
        use super::*;
        use crate::extract::testing::pieces_text;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn anchored_search_at_the_starts_finds_the_scans_matches_in_any_text(
                text in pieces_text(PIECES, 16),
            ) {
                let (anchored, scanned) = scans(&text);
                prop_assert_eq!(anchored, scanned, "{:?}", text);
                groups_agree(&text);
            }

            #[test]
            fn anchored_search_finds_the_scans_matches_in_junk(junk in "\\PC{0,80}") {
                let (anchored, scanned) = scans(&junk);
                prop_assert_eq!(anchored, scanned, "{:?}", junk);
            }

            #[test]
            fn groups_read_off_a_match_are_the_regexes_groups_in_any_text(
                text in pieces_text(PIECES, 14),
            ) {
                for (read, searched) in read_and_searched(&text) {
                    prop_assert_eq!(read, searched, "{:?}", text);
                }
            }
        }
    }

    fn doc(text: &str) -> Document {
        let options = DocumentOptions {
            date: NaiveDate::from_ymd_opt(2019, 2, 23),
            ..DocumentOptions::default()
        };
        Document::parse("test.txt", text.as_bytes(), &options).unwrap()
    }

    /// (span text, amount text, amount, unit, approximate)
    fn durations(text: &str) -> Vec<(String, String, f64, TimeUnit, bool)> {
        let d = doc(text);
        extract(&d)
            .into_iter()
            .filter_map(|c| match c.value {
                ClaimValue::Duration(x) => Some((
                    c.text,
                    d.text[x.amount_span.clone()].to_string(),
                    x.amount,
                    x.unit,
                    x.approximate,
                )),
                _ => None,
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, f64, TimeUnit, bool) {
        let all = durations(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }

    #[test]
    fn seed_story_interval() {
        let text = "Trump and Kim will meet in Hanoi eight months after their historic summit in Singapore - the first between a sitting U.S. president and a North Korean leader - at which they pledged to work toward the complete denuclearization of the Korean peninsula.";
        let d = doc(text);
        let claims = extract(&d);
        assert_eq!(claims.len(), 1);
        let c = &claims[0];
        assert_eq!(c.text, "eight months");
        assert_eq!(&d.text[c.span.clone()], "eight months");
        let ClaimValue::Duration(x) = &c.value else {
            panic!()
        };
        assert_eq!(
            (x.amount, x.unit, x.approximate),
            (8.0, TimeUnit::Month, false)
        );
        assert_eq!(&d.text[x.amount_span.clone()], "eight");
    }

    #[test]
    fn the_rest_of_the_seed_has_no_duration() {
        for s in [
            "SEOUL (Reuters) - North Korea confirmed leader Kim Jong Un’s second summit with U.S. President Donald Trump for the first time on Sunday, days before the high-stakes nuclear meeting is set to take place in Vietnam’s capital, Hanoi.",
            "Kim left Pyongyang by train on Saturday afternoon for the Feb. 27-28 summit accompanied by senior North Korean officials, North Korea’s official KCNA news agency said.",
            "The delegation accompanying Kim to Hanoi includes top North Korean officials who took part in last year’s expanded summit talks between Kim and Trump in Singapore.",
            "Vietnam’s foreign ministry announced on Saturday that Kim will make an official visit to Vietnam in the “coming days” at the invitation of Nguyen Phu Trong.",
        ] {
            assert!(durations(s).is_empty(), "{s}: {:?}", durations(s));
        }
    }

    #[test]
    fn durations_in_their_forms() {
        assert_eq!(
            one("He served for three years."),
            (
                "three years".into(),
                "three".into(),
                3.0,
                TimeUnit::Year,
                false
            )
        );
        assert_eq!(
            one("a two-year term"),
            ("two-year".into(), "two".into(), 2.0, TimeUnit::Year, false)
        );
        assert_eq!(
            one("after 18 months of talks"),
            (
                "18 months".into(),
                "18".into(),
                18.0,
                TimeUnit::Month,
                false
            )
        );
        assert_eq!(
            one("It took a year."),
            ("a year".into(), "a".into(), 1.0, TimeUnit::Year, false)
        );
        assert_eq!(
            one("more than two decades of tension"),
            (
                "more than two decades".into(),
                "two".into(),
                2.0,
                TimeUnit::Decade,
                true
            )
        );
        assert_eq!(
            one("nearly nine months later"),
            (
                "nearly nine months".into(),
                "nine".into(),
                9.0,
                TimeUnit::Month,
                true
            )
        );
        assert_eq!(
            one("about a week"),
            ("about a week".into(), "a".into(), 1.0, TimeUnit::Week, true)
        );
        assert_eq!(
            one("Eight months after"),
            (
                "Eight months".into(),
                "Eight".into(),
                8.0,
                TimeUnit::Month,
                false
            )
        );
        assert_eq!(
            one("two and a half years"),
            (
                "two and a half years".into(),
                "two".into(),
                2.5,
                TimeUnit::Year,
                false
            )
        );
        assert_eq!(
            one("a year and a half"),
            (
                "a year and a half".into(),
                "a".into(),
                1.5,
                TimeUnit::Year,
                false
            )
        );
        assert_eq!(
            one("twenty-two years"),
            (
                "twenty-two years".into(),
                "twenty-two".into(),
                22.0,
                TimeUnit::Year,
                false
            )
        );
        assert_eq!(
            one("a century"),
            (
                "a century".into(),
                "a".into(),
                1.0,
                TimeUnit::Century,
                false
            )
        );
        assert_eq!(
            one("for 1,200 years"),
            (
                "1,200 years".into(),
                "1,200".into(),
                1200.0,
                TimeUnit::Year,
                false
            )
        );
        assert_eq!(
            one("a second later"),
            ("a second".into(), "a".into(), 1.0, TimeUnit::Second, false)
        );
    }

    #[test]
    fn rates_are_not_durations() {
        assert_eq!(one("on duty 24 hours a day").0, "24 hours");
        let all = durations("for two years, 300 days a year");
        assert_eq!(
            all.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(),
            ["two years", "300 days"]
        );
    }

    #[test]
    fn not_durations() {
        for s in [
            "two days ago",
            "three years ago",
            "a year ago",
            "a 35-year-old man",
            "twice a year",
            "$4 billion a year",
            "10 percent a month",
            "a second summit",
            "several years",
            "a few days",
            "decades of war",
            "One day, he left.",
            "G7 days",
            "last year",
            "per day",
            "300,000 barrels a day",
        ] {
            assert!(durations(s).is_empty(), "{s}: {:?}", durations(s));
        }
    }

    #[test]
    fn amounts_are_written_like_the_original() {
        assert_eq!(amount_like("eight", 10), "ten");
        assert_eq!(amount_like("8", 10), "10");
        assert_eq!(amount_like("Eight", 10), "Ten");
        assert_eq!(amount_like("EIGHT", 10), "TEN");
        assert_eq!(amount_like("twenty-two", 21), "twenty-one");
        assert_eq!(amount_like("1,200", 1500), "1,500");
        assert_eq!(amount_like("1200", 1500), "1500");
        assert_eq!(amount_like("a", 2), "two");
        assert_eq!(amount_like("A", 2), "Two");
        assert_eq!(amount_like("a", 1), "a");
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            "a",
            "-year",
            "8-",
            "ễ8 months",
            "8 monthsễ",
            "a\u{a0}year",
            "and a half years",
            "0 days",
            "1.5.2 days",
        ] {
            let d = doc(s);
            for c in extract(&d) {
                assert!(d.text.get(c.span.clone()).is_some(), "{s}");
            }
        }
        assert!(durations("0 days").is_empty());
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        const WORDS: &[&str] = &[
            "eight",
            "months",
            "a",
            "year",
            "-",
            "two",
            "and",
            "half",
            "more",
            "than",
            "decades",
            "ago",
            "ễ",
            "18",
            "1,200",
            "second",
            "later",
            ".",
            ",",
            "for",
            "about",
            "week",
            "-year-old",
            "day",
            "’s",
            "\u{a0}",
            "twenty",
        ];

        proptest! {
            #[test]
            fn spans_are_within_text_on_char_boundaries(
                words in proptest::collection::vec(proptest::sample::select(WORDS), 0..40),
                junk in "\\PC{0,60}",
            ) {
                for text in [words.join(" "), words.concat(), junk] {
                    let d = doc(&text);
                    for c in extract(&d) {
                        let ClaimValue::Duration(x) = &c.value else { panic!() };
                        prop_assert!(c.span.end <= d.text.len());
                        prop_assert!(d.text.get(c.span.clone()).is_some());
                        prop_assert!(d.text.get(x.amount_span.clone()).is_some());
                        prop_assert!(c.span.start <= x.amount_span.start && x.amount_span.end <= c.span.end);
                    }
                }
            }
        }
    }
}
