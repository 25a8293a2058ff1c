//! Numbers, quantities and ordinals: "eight", "1.2 million", "35 percent", "$4 billion",
//! "twenty-two", "1,200", "second", "3rd", "twenty-first"; and the number-word helpers the
//! other extractors and the checks share (`parse_number`, `parse_ordinal`, `number_word`,
//! `ordinal_word`).
//!
//! Numbers that are part of a date ("23" in "Feb. 23", "2019") or of a duration ("eight" in
//! "eight months") are left to the date and duration extractors: `extract` runs both and skips
//! every number that overlaps one of their spans. Ordinals inside a date ("23rd" in "Feb. 23rd")
//! are skipped the same way.
//!
//! Deliberately not numbers: a lone "one" (a pronoun far more often than a count: "one of
//! them", "no one"), digits glued to letters ("G20", "F-16", "COVID-19"), times ("3:30"),
//! scores ("3-2"), version-like strings ("1.2.3"). "second" is not an ordinal when it is the
//! unit of time ("per second", "a split second", "a second later").

use super::claim::{Claim, ClaimKind, ClaimValue, NumberClaim};
use super::number_starts::{
    AnchoredRegex, HEDGE_WORD, LINK_WORD, NUMBER_WORD, ORDINAL_WORD, Start, StartSink, UNIT_WORD,
    starts_of,
};
use crate::document::Document;
use crate::text::number_words::{TEENS, TENS, UNITS};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Compiles a pattern of the extractors with ASCII word boundaries and digits: the lazy DFA
/// then runs on any text (Unicode `\b` makes it fall back to a slower engine on non-ASCII
/// text such as curly quotes). Letters around a match are checked in code where it matters.
pub(crate) fn compile(source: &str) -> Regex {
    // Every pattern passed here is built from literals and covered by tests: cannot fail.
    Regex::new(&ascii_source(source)).expect("valid regex")
}

/// `source` with ASCII word boundaries and digits, as `compile` compiles it.
pub(crate) fn ascii_source(source: &str) -> String {
    source.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")
}

const UNIT_ORDINALS: [&str; 10] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
const TEEN_ORDINALS: [&str; 10] = [
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS_ORDINALS: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// Number words, longest first within each family so the regex alternation prefers them.
const NUMBER_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\
thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|\
seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen";

/// The regex source matching one run of number words ("twenty-two", "one hundred and five",
/// "a dozen"), for use by the other extractors. Case-insensitive.
pub fn number_words_pattern() -> String {
    // The article only before a word that takes one ("a dozen", "a hundred", "a million"): a
    // match never swallows the "a" of "a two-year term".
    format!(
        r"(?i:\b(?:an?\s+(?:hundred|thousand|million|billion|trillion|dozen)|(?:{NUMBER_WORDS}))(?:(?:[ \-]|\s+and\s+)(?:{NUMBER_WORDS}))*\b)"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    Zero,
    Unit(u64),
    Teen(u64),
    Tens(u64),
    Hundred,
    Scale(u64),
    Dozen,
}

fn word_kind(word: &str) -> Option<Word> {
    // Lower-cased in place of a new string; no number word is longer than the buffer.
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let w: &[u8] = lower;
    if w == b"zero" {
        return Some(Word::Zero);
    }
    if let Some(i) = UNITS.iter().position(|u| u.as_bytes() == w) {
        return Some(Word::Unit(i as u64));
    }
    if let Some(i) = TEENS.iter().position(|u| u.as_bytes() == w) {
        return Some(Word::Teen(10 + i as u64));
    }
    if let Some(i) = TENS.iter().position(|u| u.as_bytes() == w) {
        return Some(Word::Tens(20 + 10 * i as u64));
    }
    match w {
        b"hundred" => Some(Word::Hundred),
        b"thousand" => Some(Word::Scale(1_000)),
        b"million" => Some(Word::Scale(1_000_000)),
        b"billion" => Some(Word::Scale(1_000_000_000)),
        b"trillion" => Some(Word::Scale(1_000_000_000_000)),
        b"dozen" => Some(Word::Dozen),
        _ => None,
    }
}

fn scale_value(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mln" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        "dozen" => Some(12.0),
        _ => None,
    }
}

static DIGITS_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    // Built from literals: cannot fail.
    compile(
        r"(?i)^(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:\s+(?P<scale>hundred|thousand|million|billion|trillion|dozen))?$",
    )
});

/// Parses a cardinal number written in digits or words: "8", "1,200", "1.2 million", "eight",
/// "twenty-two", "one hundred and five", "a dozen", "two dozen", "a million".
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || text.starts_with('-') || text.ends_with('-') {
        return None;
    }
    // Plain digits, most numbers of any story, are the pattern's `\d+` alone: no regex.
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    // Every alternative of the anchored pattern starts with a digit or a dot: number words
    // ("twenty-two") cannot match it.
    if text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && let Some((num, scale)) = digits_number_groups(text)
    {
        let digits: String = num.chars().filter(|&ch| ch != ',').collect();
        let value: f64 = digits.parse().ok()?;
        let scale = scale.and_then(scale_value).unwrap_or(1.0);
        return Some(value * scale);
    }
    parse_number_words(text).map(|v| v as f64)
}

/// `DIGITS_NUMBER`'s groups (num, scale) when it matches `text`. ASCII text (nearly all) is
/// read without the regex: the pattern is anchored at both ends and its number holds no
/// space, so the number is all before the first space and must be one of its forms whole,
/// and what follows, if anything, is space and a scale word. Other text goes to the regex
/// (its case-insensitive scale words match some other letters too: "ſ" is an "s").
fn digits_number_groups(text: &str) -> Option<(&str, Option<&str>)> {
    if !text.is_ascii() {
        let c = DIGITS_NUMBER.captures(text)?;
        return Some((c.name("num")?.as_str(), c.name("scale").map(|s| s.as_str())));
    }
    let num_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let (num, rest) = text.split_at(num_end);
    let bytes = num.as_bytes();
    let digits_from = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        at
    };
    // `(?:\.\d+)?` from `at`, to the end of `num`.
    let fraction_ends = |at: usize| {
        at == bytes.len()
            || (bytes[at] == b'.' && at + 1 < bytes.len() && digits_from(at + 1) == bytes.len())
    };
    let run = digits_from(0);
    // `\d{1,3}(?:,\d{3})+(?:\.\d+)?`
    let grouped = (1..=3).contains(&run) && {
        let mut at = run;
        let mut groups = 0;
        while bytes.get(at) == Some(&b',')
            && digits_from(at + 1) >= at + 4
            && (1..=3).all(|k| bytes.get(at + k).is_some_and(u8::is_ascii_digit))
        {
            at += 4;
            groups += 1;
        }
        groups > 0 && fraction_ends(at)
    };
    // `\d+(?:\.\d+)?`, `\.\d+`
    let plain = run > 0 && fraction_ends(run);
    let dotted = run == 0
        && bytes.first() == Some(&b'.')
        && bytes.len() > 1
        && digits_from(1) == bytes.len();
    if !(grouped || plain || dotted) {
        return None;
    }
    if rest.is_empty() {
        return Some((num, None));
    }
    // `\s+(?P<scale>hundred|thousand|million|billion|trillion|dozen)$`, case-insensitive.
    const SCALES: [&str; 6] = [
        "hundred", "thousand", "million", "billion", "trillion", "dozen",
    ];
    let word = rest.trim_start();
    SCALES
        .iter()
        .any(|s| s.eq_ignore_ascii_case(word))
        .then_some((num, Some(word)))
}

/// Words only: a small state machine that accepts well-formed English cardinals.
fn parse_number_words(text: &str) -> Option<u64> {
    // An iterator, not a list: `peek` tells the last token.
    let mut tokens = text
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|t| !t.is_empty())
        .peekable();
    let mut article = false;
    if let Some(first) = tokens.peek()
        && (first.eq_ignore_ascii_case("a") || first.eq_ignore_ascii_case("an"))
    {
        article = true;
        tokens.next();
    }
    tokens.peek()?;
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Last {
        Start,
        Unit,
        Teen,
        Tens,
        Hundred,
        Scale,
        And,
    }
    let mut total: u64 = 0;
    let mut group: u64 = 0;
    let mut last = Last::Start;
    let mut last_scale = u64::MAX;
    let mut seen = false;
    let mut first = true;
    while let Some(token) = tokens.next() {
        let is_first = std::mem::take(&mut first);
        let is_last = tokens.peek().is_none();
        if token.eq_ignore_ascii_case("and") {
            // "one hundred and five", "two thousand and three"
            if !matches!(last, Last::Hundred | Last::Scale) || is_last {
                return None;
            }
            last = Last::And;
            continue;
        }
        let kind = word_kind(token)?;
        let start_like = matches!(last, Last::Start);
        let after_and = matches!(last, Last::And);
        if article && start_like && !matches!(kind, Word::Hundred | Word::Scale(_) | Word::Dozen) {
            return None;
        }
        match kind {
            Word::Zero => {
                // "zero" alone.
                if !(is_first && is_last) {
                    return None;
                }
                return Some(0);
            }
            Word::Unit(v) => {
                if !(start_like
                    || after_and
                    || matches!(last, Last::Tens | Last::Hundred | Last::Scale))
                {
                    return None;
                }
                group += v;
                last = Last::Unit;
            }
            Word::Teen(v) => {
                if !(start_like || after_and || matches!(last, Last::Hundred | Last::Scale)) {
                    return None;
                }
                group += v;
                last = Last::Teen;
            }
            Word::Tens(v) => {
                if !(start_like || after_and || matches!(last, Last::Hundred | Last::Scale)) {
                    return None;
                }
                group += v;
                last = Last::Tens;
            }
            Word::Hundred => {
                if start_like && article {
                    group = 1;
                } else if !matches!(last, Last::Unit | Last::Teen) || group >= 100 {
                    return None;
                }
                group *= 100;
                last = Last::Hundred;
            }
            Word::Scale(s) => {
                if start_like && article {
                    group = 1;
                } else if !matches!(last, Last::Unit | Last::Teen | Last::Tens | Last::Hundred) {
                    return None;
                }
                if s >= last_scale {
                    return None;
                }
                total = total.checked_add(group.checked_mul(s)?)?;
                group = 0;
                last_scale = s;
                last = Last::Scale;
            }
            Word::Dozen => {
                // "a dozen", "two dozen": only as the last word.
                if !is_last {
                    return None;
                }
                if start_like && article {
                    group = 1;
                } else if !matches!(last, Last::Unit | Last::Teen | Last::Tens) {
                    return None;
                }
                group *= 12;
                last = Last::Scale;
            }
        }
        seen = true;
    }
    if !seen || last == Last::And {
        return None;
    }
    total.checked_add(group)
}

/// Parses an ordinal: "second", "3rd", "21st", "twenty-first", "Twentieth", "one hundredth".
pub fn parse_ordinal(text: &str) -> Option<u32> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if lower.len() > 2 && lower.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        // Digits with a suffix; `lower` is ASCII here up to the split point (digits), and the
        // split is at a char boundary because it is after the last ASCII digit.
        let digits_end = lower.find(|c: char| !c.is_ascii_digit())?;
        let (digits, suffix) = lower.split_at(digits_end);
        let n: u32 = digits.parse().ok()?;
        let expected = ordinal_suffix(n);
        return (suffix == expected).then_some(n);
    }
    let (prefix, last) = match lower.rfind(|c: char| c == '-' || c.is_whitespace()) {
        Some(idx) => {
            // `idx` is where the separator char starts; skip its whole width (a no-break
            // space is two bytes).
            let width = lower[idx..].chars().next().map_or(1, char::len_utf8);
            (lower[..idx].trim(), &lower[idx + width..])
        }
        None => ("", lower.as_str()),
    };
    let (value, small) = if let Some(i) = UNIT_ORDINALS.iter().position(|w| *w == last) {
        (i as u64, 1)
    } else if let Some(i) = TEEN_ORDINALS.iter().position(|w| *w == last) {
        (10 + i as u64, 2)
    } else if let Some(i) = TENS_ORDINALS.iter().position(|w| *w == last) {
        (20 + 10 * i as u64, 2)
    } else {
        match last {
            "hundredth" => (100, 3),
            "thousandth" => (1_000, 4),
            "millionth" => (1_000_000, 7),
            _ => return None,
        }
    };
    let prefix = prefix.trim_end_matches(" and").trim();
    if prefix.is_empty() {
        return u32::try_from(value).ok().filter(|&v| v > 0);
    }
    let before = parse_number_words(prefix)?;
    let total = if small >= 3 {
        // "two hundredth": a multiplier.
        before.checked_mul(value)?
    } else {
        // "twenty-first": the prefix must leave room for the last word.
        let room = if small == 1 { 10 } else { 100 };
        if before % room != 0 {
            return None;
        }
        before + value
    };
    u32::try_from(total).ok().filter(|&v| v > 0)
}

fn ordinal_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// The ordinal word for `n`: "first", "second", "twenty-first", "hundredth"; above 100 digits
/// with a suffix ("101st").
pub fn ordinal_word(n: u32) -> String {
    match n {
        0..=9 => UNIT_ORDINALS[n as usize].to_string(),
        10..=19 => TEEN_ORDINALS[(n - 10) as usize].to_string(),
        20..=99 => {
            let tens = (n / 10 - 2) as usize;
            match n % 10 {
                0 => TENS_ORDINALS[tens].to_string(),
                u => format!("{}-{}", TENS[tens], UNIT_ORDINALS[u as usize]),
            }
        }
        100 => "hundredth".to_string(),
        _ => format!("{n}{}", ordinal_suffix(n)),
    }
}

/// The cardinal word for `n`: "eight", "twenty-two", "one hundred five",
/// "two thousand three hundred".
pub fn number_word(n: u32) -> String {
    fn below_thousand(n: u32, out: &mut Vec<String>) {
        let hundreds = n / 100;
        let rest = n % 100;
        if hundreds > 0 {
            out.push(format!("{} hundred", UNITS[hundreds as usize]));
        }
        match rest {
            0 => {}
            1..=9 => out.push(UNITS[rest as usize].to_string()),
            10..=19 => out.push(TEENS[(rest - 10) as usize].to_string()),
            _ => {
                let tens = TENS[(rest / 10 - 2) as usize];
                match rest % 10 {
                    0 => out.push(tens.to_string()),
                    u => out.push(format!("{tens}-{}", UNITS[u as usize])),
                }
            }
        }
    }
    if n == 0 {
        return "zero".to_string();
    }
    let mut parts = Vec::new();
    let groups = [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ];
    let mut rest = n;
    for (size, name) in groups {
        let g = rest / size;
        if g > 0 {
            below_thousand(g, &mut parts);
            parts.push(name.to_string());
            rest %= size;
        }
    }
    below_thousand(rest, &mut parts);
    parts.join(" ")
}

/// The scale, percent and currency words after a number in digits: `DIGIT_QUANTITY`'s
/// alternatives, which `digit_quantity_groups` reads by hand, in the regex's order.
const DIGIT_SCALE_WORDS: [&str; 6] = ["million", "billion", "trillion", "thousand", "bn", "mln"];
const PERCENT_WORDS: [&str; 4] = [
    "percent",
    "per cent",
    "percentage points",
    "percentage point",
];
const CURRENCY_WORDS: [&str; 8] = [
    "dollars", "euros", "yen", "yuan", "won", "rupees", "rubles", "roubles",
];

/// `words` as alternatives of an `(?x)` pattern (its spaces escaped).
fn alternatives(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', "\\ "))
        .collect::<Vec<_>>()
        .join("|")
}

/// The quantities in digits: "$4 billion", "35 percent", "500 billion won".
fn digit_quantity_source() -> String {
    format!(
        r"(?x)
        (?P<cur>US\$|[$€£¥])?
        (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:[\ \u{{a0}}]?(?P<scale>(?i:{scales}))\b)?
        (?:
            (?P<pct>[\ \u{{a0}}]?%|[\ \u{{a0}}](?i:{percent})\b)
          | [\ \u{{a0}}](?P<curword>(?i:{currency})\b)
        )?",
        scales = alternatives(&DIGIT_SCALE_WORDS),
        percent = alternatives(&PERCENT_WORDS),
        currency = alternatives(&CURRENCY_WORDS),
    )
}

/// The quantities in words: "twenty-two", "eight percent", "a dozen".
fn word_quantity_source() -> String {
    format!(
        r"(?P<num>{})(?:(?P<pct>\ (?i:percent|per\ cent|percentage\ points?)\b)|\ (?P<curword>(?i:dollars|euros|yen|yuan|rupees)\b))?",
        number_words_pattern()
    )
}

/// The ordinals: "3rd", "second", "twenty-first".
fn ordinal_source() -> String {
    let units = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth";
    let ords = format!(
        "{units}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|\
         eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|\
         eightieth|ninetieth|hundredth"
    );
    let tens = TENS.join("|");
    format!(r"(?i)\b(?:\d+(?:st|nd|rd|th)|(?:(?:{tens})[- ](?:{units})|{ords}))\b")
}

/// The patterns as whole-text scans: the oracle the anchored searches are tested against.
#[cfg(test)]
static DIGIT_QUANTITY: LazyLock<Regex> = LazyLock::new(|| compile(&digit_quantity_source()));
#[cfg(test)]
static WORD_QUANTITY: LazyLock<Regex> = LazyLock::new(|| compile(&word_quantity_source()));
#[cfg(test)]
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| compile(&ordinal_source()));

/// The patterns run only where a match can start (see `Starts`).
static DIGIT_QUANTITY_AT: LazyLock<AnchoredRegex> =
    LazyLock::new(|| AnchoredRegex::new(&digit_quantity_source()));
static WORD_QUANTITY_AT: LazyLock<AnchoredRegex> =
    LazyLock::new(|| AnchoredRegex::new(&word_quantity_source()));
static ORDINAL_AT: LazyLock<AnchoredRegex> =
    LazyLock::new(|| AnchoredRegex::new(&ordinal_source()));

/// Where a match of each pattern can start (this file's and `duration`'s), from one pass
/// over the text: every position with a match is listed (and some without). A match of the
/// number patterns begins with a digit, a currency sign (`$`, `US$` or a non-ASCII one), a
/// word that opens it ("twenty", "first", "a" of "a dozen") with an ASCII `\b` before it,
/// or "ſ"/"K" (a case-insensitive "s"/"k"). For durations see `duration_start`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Starts {
    ordinal: Vec<usize>,
    digit_quantity: Vec<usize>,
    word_quantity: Vec<usize>,
    pub(crate) duration: Vec<usize>,
}

impl Starts {
    /// The starts of `text`, from `starts_of`'s pass over it.
    pub(crate) fn of(text: &str) -> Starts {
        let mut builder = StartsBuilder::new(text);
        let mut iter = starts_of(text);
        while let Some(start) = iter.next() {
            if iter.take_break() {
                builder.mark_break();
            }
            builder.start(start);
        }
        builder.finish()
    }
}

/// `Starts` being built from the starts of a text, in text order, as `starts_of` reports
/// them (or another pass over the words that reports the same, such as the date
/// extractor's).
pub(crate) struct StartsBuilder<'t> {
    bytes: &'t [u8],
    starts: Starts,
    /// The duration starts of the run of words since the last word no duration holds.
    pending: Vec<usize>,
    /// Whether a word or byte no duration spans came since the last start.
    broken: bool,
}

impl<'t> StartsBuilder<'t> {
    pub(crate) fn new(text: &'t str) -> StartsBuilder<'t> {
        StartsBuilder {
            bytes: text.as_bytes(),
            starts: Starts {
                ordinal: Vec::with_capacity(text.len() / 64),
                digit_quantity: Vec::with_capacity(text.len() / 32),
                word_quantity: Vec::with_capacity(text.len() / 64),
                duration: Vec::new(),
            },
            pending: Vec::new(),
            broken: false,
        }
    }

    pub(crate) fn finish(self) -> Starts {
        self.starts
    }
}

impl StartSink for StartsBuilder<'_> {
    #[inline(always)]
    fn mark_break(&mut self) {
        self.broken = true;
    }

    #[inline(always)]
    fn start(&mut self, start: Start) {
        let bytes = self.bytes;
        let starts = &mut self.starts;
        if std::mem::take(&mut self.broken) {
            self.pending.clear();
        }
        duration_start(start, &mut self.pending, &mut starts.duration);
        match start {
            // A word glued to a letter or digit before it has no `\b` before it.
            Start::Word {
                start,
                end,
                glued: false,
                open,
                flags,
            } => {
                let word = bytes.get(start..end).unwrap_or(&[]);
                if open || flags & ORDINAL_WORD != 0 {
                    starts.ordinal.push(start);
                }
                // "a"/"an" opens a number only as `an?\s+(?:hundred|...)`.
                let article = word.len() <= 2
                    && flags & NUMBER_WORD != 0
                    && word.first().is_some_and(|&b| b | 0x20 == b'a');
                if open || (flags & NUMBER_WORD != 0 && (!article || scale_may_follow(bytes, end)))
                {
                    starts.word_quantity.push(start);
                }
            }
            // `\b\d+(?:st|nd|rd|th)\b` needs no word byte before the digits.
            Start::Digit { at, glued } => {
                if !glued && ordinal_suffix_may_follow(bytes, at) {
                    starts.ordinal.push(at);
                }
                starts.digit_quantity.push(at);
            }
            Start::Dollar { at } => starts.digit_quantity.push(at),
            Start::NonAscii {
                at,
                folds,
                currency,
            } => {
                if folds {
                    starts.ordinal.push(at);
                    starts.word_quantity.push(at);
                }
                if currency {
                    starts.digit_quantity.push(at);
                }
            }
            Start::Word { .. } => {}
        }
    }
}

/// Keeps `start` in `pending` or `starts` as a duration's start. A duration begins with a
/// hedge ("about"), a number word or "a"/"an" (each with an ASCII `\b` before it), a digit
/// (with none: "G7 days" holds "7 days"), or "ſ" (a case-insensitive "s"); it holds only
/// such words, "than", "and", "half" and the like, digits, `,`, `.`, `-` and white space;
/// and it has a unit ("years"). So the starts kept are those of a run of such words
/// (`pending`, emptied by the caller at a word or byte no duration holds) that reaches a
/// unit, or a non-ASCII char (white space or a letter folding to an ASCII one, which may be
/// or hide a unit).
fn duration_start(start: Start, pending: &mut Vec<usize>, starts: &mut Vec<usize>) {
    match start {
        Start::Word {
            start,
            glued,
            open,
            flags,
            ..
        } => {
            if open {
                pending.push(start);
                starts.append(pending);
            } else if glued {
                // No `\b` nor separator before it: no duration holds it.
                pending.clear();
            } else if flags & UNIT_WORD != 0 {
                starts.append(pending);
            } else if flags & (NUMBER_WORD | HEDGE_WORD) != 0 {
                pending.push(start);
            } else if flags & LINK_WORD == 0 {
                pending.clear();
            }
        }
        Start::Digit { at, .. } => pending.push(at),
        Start::NonAscii { at, folds, .. } => {
            if folds {
                pending.push(at);
            }
            starts.append(pending);
        }
        Start::Dollar { .. } => pending.clear(),
    }
}

/// Whether `(?:st|nd|rd|th)` may follow the digits from `at`: they do, or a non-ASCII char
/// ("ſt") is in their place.
fn ordinal_suffix_may_follow(bytes: &[u8], at: usize) -> bool {
    let rest = bytes.get(at..).unwrap_or(&[]);
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    match rest.get(digits..digits + 2) {
        Some(&[a, b]) => {
            a >= 0x80
                || b >= 0x80
                || matches!(
                    [a | 0x20, b | 0x20],
                    [b's', b't'] | [b'n' | b'r', b'd'] | [b't', b'h']
                )
        }
        _ => rest.get(digits).is_some_and(|&a| a >= 0x80),
    }
}

/// Whether `\s+(?:hundred|thousand|million|billion|trillion|dozen)\b` may match at `at`,
/// after an article: white space, then one of those words whole, or any non-ASCII char on
/// the way (Unicode white space, a letter that folds to an ASCII one).
fn scale_may_follow(bytes: &[u8], at: usize) -> bool {
    let rest = bytes.get(at..).unwrap_or(&[]);
    let spaces = rest
        .iter()
        .take_while(|&&b| b.is_ascii_whitespace() || b == 0x0B)
        .count();
    let after = rest.get(spaces..).unwrap_or(&[]);
    let letters = after.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if after.get(letters).is_some_and(|&b| b >= 0x80) {
        return true;
    }
    let word = after.get(..letters).unwrap_or(&[]);
    spaces > 0
        && [
            "hundred", "thousand", "million", "billion", "trillion", "dozen",
        ]
        .iter()
        .any(|w| w.as_bytes().eq_ignore_ascii_case(word))
}

/// Count nouns: recorded as the unit of a number that precedes them ("200 people", not part
/// of the span), and they make a four-digit number a count, not a year ("2000 troops").
pub const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "troops",
    "soldiers",
    "officials",
    "delegates",
    "members",
    "workers",
    "residents",
    "students",
    "children",
    "deaths",
    "votes",
    "seats",
    "countries",
    "nations",
    "missiles",
    "warheads",
    "tons",
    "tonnes",
    "kilometers",
    "kilometres",
    "km",
    "miles",
    "meters",
    "metres",
    "feet",
    "kg",
    "times",
    "dollars",
    "euros",
    "yen",
    "yuan",
    "won",
    "units",
    "cars",
    "homes",
    "jobs",
    "cases",
    "percent",
    "hours",
    "minutes",
    "seconds",
    "days",
    "weeks",
    "months",
    "years",
    "points",
    "pages",
    "men",
    "women",
    "refugees",
    "prisoners",
    "households",
];

fn currency_unit(symbol: &str) -> Option<&'static str> {
    match symbol.to_ascii_lowercase().as_str() {
        "$" | "us$" | "dollars" => Some("USD"),
        "€" | "euros" => Some("EUR"),
        "£" => Some("GBP"),
        "¥" | "yen" => Some("JPY"),
        "yuan" => Some("CNY"),
        "won" => Some("KRW"),
        "rupees" => Some("INR"),
        "rubles" | "roubles" => Some("RUB"),
        _ => None,
    }
}

/// The sentence (index into `doc.sentences`) holding byte `at`: the last sentence starting at
/// or before it, 0 when none does.
pub(crate) fn sentence_of(doc: &Document, at: usize) -> usize {
    doc.sentences
        .partition_point(|s| s.start <= at)
        .saturating_sub(1)
}

pub(crate) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The char before byte `at` of `text` (`at` must be a char boundary).
pub(crate) fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

/// The char at byte `at` of `text` (`at` must be a char boundary).
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// The word (letters only) right after byte `at`, skipping spaces.
fn next_word(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    if trimmed.len() == rest.len() {
        return "";
    }
    let end = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    &trimmed[..end]
}

/// The word (letters only) right before byte `at`, skipping spaces.
pub(crate) fn previous_word(text: &str, at: usize) -> &str {
    let before = text.get(..at).unwrap_or("");
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let start = trimmed
        .rfind(|c: char| !c.is_alphabetic())
        .map(|i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    trimmed.get(start..).unwrap_or("")
}

/// True when digits at `span` of `text` stand alone: not glued to letters ("G20"), hyphenated
/// identifiers ("F-16"), times ("3:30"), scores ("3-2") or longer dotted strings ("1.2.3").
fn digits_stand_alone(text: &str, span: &Range<usize>) -> bool {
    let before = char_before(text, span.start);
    let after = char_at(text, span.end);
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '/') {
        return false;
    }
    if let Some(c @ ('-' | '–' | '.' | ',')) = before {
        let before2 = char_before(text, span.start - c.len_utf8());
        if before2.is_some_and(|c| c.is_alphanumeric()) {
            return false;
        }
    }
    if after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':' || c == '/') {
        return false;
    }
    if let Some(c @ ('-' | '–' | '.' | ',')) = after {
        let after2 = char_at(text, span.end + c.len_utf8());
        if after2.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    true
}

/// Every number and ordinal of the document, in text order, except those inside a date or a
/// duration the other extractors find.
pub fn extract(doc: &Document) -> Vec<Claim> {
    let dates = super::date::extract(doc);
    let durations = super::duration::extract(doc);
    extract_around(doc, &dates, &durations)
}

/// As `extract`, given the document's dates and durations (`date::extract` and
/// `duration::extract` of the same document), so a caller that needs them too finds them once.
pub fn extract_around(doc: &Document, dates: &[Claim], durations: &[Claim]) -> Vec<Claim> {
    extract_at(doc, &Starts::of(&doc.text), dates, durations)
}

/// As `extract_around`, given the pass over the document's text that `duration::extract_at`
/// also reads, so the text is passed over once.
pub(crate) fn extract_at(
    doc: &Document,
    starts: &Starts,
    dates: &[Claim],
    durations: &[Claim],
) -> Vec<Claim> {
    let mut taken: Vec<Range<usize>> = dates
        .iter()
        .chain(durations)
        .map(|c| c.span.clone())
        .collect();
    taken.sort_by_key(|r| r.start);
    let text = doc.text.as_str();
    let longest = taken.iter().map(|r| r.len()).max().unwrap_or(0);
    let in_taken = |span: &Range<usize>| -> bool {
        // `taken` is sorted by start: only spans starting within `longest` bytes before `span`
        // can reach it, so each lookup is a binary search and a short scan.
        let from = taken.partition_point(|r| r.start + longest < span.start);
        let upto = taken.partition_point(|r| r.start < span.end);
        taken
            .get(from..upto)
            .is_some_and(|near| near.iter().any(|r| overlaps(r, span)))
    };
    let mut claims: Vec<Claim> = Vec::new();
    let push = |claims: &mut Vec<Claim>, span: Range<usize>, value: ClaimValue| {
        let Some(t) = text.get(span.clone()) else {
            return;
        };
        claims.push(Claim {
            kind: match value {
                ClaimValue::Ordinal(_) => ClaimKind::Ordinal,
                _ => ClaimKind::Number,
            },
            text: t.to_string(),
            sentence: sentence_of(doc, span.start),
            span,
            value,
        });
    };

    // Ordinals first, so that digit ordinals ("3rd") are not read as numbers.
    let mut ordinal_spans: Vec<Range<usize>> = Vec::new();
    for span in ORDINAL_AT.find_at_starts(text, starts.ordinal.iter().copied()) {
        let Some(matched) = text.get(span.clone()) else {
            continue;
        };
        if in_taken(&span) {
            continue;
        }
        // ASCII word boundaries: "éfirst" is not a word of its own.
        if char_before(text, span.start).is_some_and(char::is_alphanumeric)
            || char_at(text, span.end).is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        if matched.eq_ignore_ascii_case("second") && second_is_time_unit(text, &span) {
            continue;
        }
        if let Some(n) = parse_ordinal(matched) {
            ordinal_spans.push(span.clone());
            push(&mut claims, span, ClaimValue::Ordinal(n));
        }
    }

    for m in DIGIT_QUANTITY_AT.find_at_starts(text, starts.digit_quantity.iter().copied()) {
        let Some(matched) = text.get(m.clone()) else {
            continue;
        };
        // A match of digits, commas and dots alone ("1,200", "4.5") is the `num` group and
        // nothing else (every other group needs a letter, a symbol or a space): no need for
        // the slower search for groups. Any other match is searched again from its start,
        // which finds the same match, with its groups.
        let c = if matched
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        {
            let Some(all) = Group::new(text, m) else {
                continue;
            };
            Groups::number(all)
        } else if let Some(groups) = digit_quantity_groups(text, m.clone()) {
            groups
        } else {
            let Some(c) = DIGIT_QUANTITY_AT.captures_at(text, m.start) else {
                continue;
            };
            Groups::of_anchored(text, &c)
        };
        let (Some(all), Some(num)) = (c.all, c.num) else {
            continue;
        };
        if !digits_stand_alone(text, &num.range()) {
            continue;
        }
        // An ordinal's digits ("3rd") fail `digits_stand_alone`; a scale word glued to letters
        // is excluded by the regex's word boundary.
        let span = all.range();
        if in_taken(&span) || ordinal_spans.iter().any(|o| overlaps(o, &span)) {
            continue;
        }
        let digits = match c.scale {
            Some(s) => format!("{} {}", num.as_str(), s.as_str()),
            None => num.as_str().to_string(),
        };
        let value = match c.scale.map(|s| s.as_str().to_ascii_lowercase()) {
            Some(s) if s == "bn" || s == "mln" => {
                let base: Option<f64> = num.as_str().replace(',', "").parse().ok();
                base.zip(scale_value(&s)).map(|(b, k)| b * k)
            }
            _ => parse_number(&digits),
        };
        let Some(value) = value else { continue };
        let unit = unit_of(text, &c, all.end());
        push(
            &mut claims,
            span,
            ClaimValue::Number(NumberClaim { value, unit }),
        );
    }

    for m in WORD_QUANTITY_AT.find_at_starts(text, starts.word_quantity.iter().copied()) {
        let Some(matched) = text.get(m.clone()) else {
            continue;
        };
        // A match is the number words alone unless it ends in a word of the percent or
        // currency groups (no number word is one): only then are its groups searched for.
        let c = if ends_in_quantity_word(matched) {
            let Some(c) = WORD_QUANTITY_AT.captures_at(text, m.start) else {
                continue;
            };
            Groups::of_anchored(text, &c)
        } else {
            let Some(all) = Group::new(text, m) else {
                continue;
            };
            Groups::number(all)
        };
        let (Some(all), Some(num)) = (c.all, c.num) else {
            continue;
        };
        let mut start = num.start();
        let num_text = num.as_str();
        // "a"/"an" belongs to the number only before "hundred", "million", "dozen", ...
        let lower = num_text.to_ascii_lowercase();
        let article_len = if lower.starts_with("an ") {
            3
        } else if lower.starts_with("a ") {
            2
        } else {
            0
        };
        let mut body = num_text;
        if article_len > 0 && parse_number(num_text).is_none() {
            // Drop the article and its spaces (ASCII, so the offsets are char boundaries).
            let rest = &num_text[article_len..];
            let trimmed = rest.trim_start();
            start += article_len + (rest.len() - trimmed.len());
            body = trimmed;
        }
        if char_before(text, start).is_some_and(|c| c == '-' || c.is_alphanumeric()) {
            continue;
        }
        // A run of number words may hold several numbers ("two and three", "two four-year
        // terms"): each well-formed piece is one.
        for piece in number_pieces(body) {
            let Some(part) = body.get(piece.clone()) else {
                continue;
            };
            let Some(value) = parse_number(part) else {
                continue;
            };
            let piece_end = start + piece.end;
            // A lone "one" is a pronoun; "one-sided", "two-thirds", "four-year" are compounds
            // (the last a duration).
            if part.eq_ignore_ascii_case("one") || char_at(text, piece_end) == Some('-') {
                continue;
            }
            let (span, unit) = if piece.end == body.len() {
                (start + piece.start..all.end(), unit_of(text, &c, all.end()))
            } else {
                (start + piece.start..piece_end, None)
            };
            if in_taken(&span) {
                continue;
            }
            push(
                &mut claims,
                span,
                ClaimValue::Number(NumberClaim { value, unit }),
            );
        }
    }

    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    // Built from literals: cannot fail.
    Regex::new(r"[A-Za-z]+").expect("valid regex")
});

/// The well-formed numbers in a run of number words, greedily longest first, as byte ranges of
/// `body`: "two and three" -> "two", "three"; "two four" -> "two", "four".
fn number_pieces(body: &str) -> Vec<Range<usize>> {
    // No English cardinal needs more words than this; the cap keeps the search linear.
    const MAX_WORDS: usize = 20;
    let words: Vec<Range<usize>> = WORD.find_iter(body).map(|m| m.range()).collect();
    let mut pieces = Vec::new();
    let mut i = 0;
    while let Some(first) = words.get(i) {
        let longest = (i..words.len().min(i + MAX_WORDS)).rev().find(|&j| {
            words
                .get(j)
                .and_then(|last| body.get(first.start..last.end))
                .is_some_and(|t| parse_number(t).is_some())
        });
        match longest.and_then(|j| words.get(j).map(|last| (j, last))) {
            Some((j, last)) => {
                pieces.push(first.start..last.end);
                i = j + 1;
            }
            None => i += 1,
        }
    }
    pieces
}

/// A group of a match read off the match (not searched for by the regex): a range of the
/// text, read as `regex::Match` is. The date extractor reads groups this way too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Group<'t> {
    /// `text[range]`; `None` when that is not a slice of `text`.
    pub(crate) fn new(text: &'t str, range: Range<usize>) -> Option<Group<'t>> {
        text.get(range.clone()).map(|_| Group {
            text,
            start: range.start,
            end: range.end,
        })
    }

    pub(crate) fn as_str(&self) -> &'t str {
        self.text.get(self.start..self.end).unwrap_or("")
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    pub(crate) fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl<'t> Group<'t> {
    /// A match of the regexes, `m` found in `text`.
    pub(crate) fn matched(text: &'t str, m: regex::Match<'t>) -> Group<'t> {
        Group {
            text,
            start: m.start(),
            end: m.end(),
        }
    }
}

/// The groups of a quantity match (`DIGIT_QUANTITY`, `WORD_QUANTITY`) that the extractor
/// reads.
#[derive(Debug, PartialEq, Eq)]
struct Groups<'t> {
    all: Option<Group<'t>>,
    num: Option<Group<'t>>,
    scale: Option<Group<'t>>,
    pct: Option<Group<'t>>,
    cur: Option<Group<'t>>,
    curword: Option<Group<'t>>,
}

impl<'t> Groups<'t> {
    /// The groups of `c`, captured in `text`.
    #[cfg(test)]
    fn of(text: &'t str, c: &regex::Captures<'t>) -> Groups<'t> {
        let group = |name: &str| c.name(name).map(|m| Group::matched(text, m));
        Groups {
            all: c.get(0).map(|m| Group::matched(text, m)),
            num: group("num"),
            scale: group("scale"),
            pct: group("pct"),
            cur: group("cur"),
            curword: group("curword"),
        }
    }

    /// The groups of `c`, an anchored search's captures in `text`.
    fn of_anchored(text: &'t str, c: &regex_automata::util::captures::Captures) -> Groups<'t> {
        let group = |name: &str| {
            c.get_group_by_name(name)
                .and_then(|span| Group::new(text, span.range()))
        };
        Groups {
            all: c.get_match().and_then(|m| Group::new(text, m.range())),
            num: group("num"),
            scale: group("scale"),
            pct: group("pct"),
            cur: group("cur"),
            curword: group("curword"),
        }
    }

    /// A match that is the number alone.
    fn number(m: Group<'t>) -> Groups<'t> {
        Groups {
            all: Some(m),
            num: Some(m),
            scale: None,
            pct: None,
            cur: None,
            curword: None,
        }
    }
}

/// The last words of `WORD_QUANTITY`'s percent and currency groups.
const QUANTITY_WORDS: &[&str] = &[
    "percent", "cent", "point", "points", "dollars", "euros", "yen", "yuan", "rupees",
];

/// Whether a `WORD_QUANTITY` match may hold more than its number words: it is not ASCII (the
/// groups' case-insensitive words match some other letters too: "ſ" is an "s"), or its last
/// word is one of the groups' words.
fn ends_in_quantity_word(matched: &str) -> bool {
    if !matched.is_ascii() {
        return true;
    }
    let last = matched
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    QUANTITY_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// The groups of the `DIGIT_QUANTITY` match at `range` of `text`, read off the match without
/// the regex's slower search for groups: the same groups, as the pattern's greedy choices
/// give them. `None` when the match is not ASCII (a currency sign, a no-break space), left
/// to the regex.
fn digit_quantity_groups(text: &str, range: Range<usize>) -> Option<Groups<'_>> {
    let matched = text.get(range.clone())?;
    if !matched.is_ascii() {
        return None;
    }
    let bytes = matched.as_bytes();
    let base = range.start;
    let group = |from: usize, to: usize| Group::new(text, base + from..base + to);
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let digits_from = |mut at: usize| {
        while digit(at) {
            at += 1;
        }
        at
    };
    // `(?P<cur>US\$|[$€£¥])?`
    let num_start = if matched.starts_with("US$") {
        3
    } else if matched.starts_with('$') {
        1
    } else {
        0
    };
    let cur = (num_start > 0).then(|| group(0, num_start)).flatten();
    // `\d{1,3}(?:,\d{3})+(?:\.\d+)?`, else `\d+(?:\.\d+)?`: the first only when the whole run
    // of digits is three or fewer and a comma and three digits follow it.
    let three_after_comma =
        |at: usize| bytes.get(at) == Some(&b',') && (1..=3).all(|k| digit(at + k));
    let run_end = digits_from(num_start);
    if run_end == num_start {
        return None;
    }
    let mut num_end = run_end;
    if run_end - num_start <= 3 && three_after_comma(run_end) {
        while three_after_comma(num_end) {
            num_end += 4;
        }
    }
    if bytes.get(num_end) == Some(&b'.') && digit(num_end + 1) {
        num_end = digits_from(num_end + 1);
    }
    let num = group(num_start, num_end);
    // An ASCII word boundary after a word ending at `at`: no word char follows.
    let boundary = |at: usize| {
        bytes
            .get(at)
            .is_none_or(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
    };
    // The end of `word` (ASCII, case-insensitive) at `at`, when a word boundary follows it.
    let word_at = |at: usize, word: &str| {
        let end = at + word.len();
        (bytes
            .get(at..end)
            .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()))
            && boundary(end))
        .then_some(end)
    };
    // `(?:[\ \u{a0}]?(?P<scale>(?i:DIGIT_SCALE_WORDS))\b)?`: with the space first.
    let scale_at = |at: usize| {
        DIGIT_SCALE_WORDS
            .iter()
            .find_map(|w| word_at(at, w))
            .map(|end| (at, end))
    };
    let space = |at: usize| bytes.get(at) == Some(&b' ');
    let scale_span = space(num_end)
        .then(|| scale_at(num_end + 1))
        .flatten()
        .or_else(|| scale_at(num_end));
    let scale = match scale_span {
        Some((from, to)) => group(from, to),
        None => None,
    };
    let after_scale = scale_span.map_or(num_end, |(_, to)| to);
    // `(?P<pct>[\ \u{a0}]?%|[\ \u{a0}](?i:PERCENT_WORDS)\b)`, else
    // `[\ \u{a0}](?P<curword>(?i:CURRENCY_WORDS)\b)`.
    let at = after_scale;
    let (pct, curword, end) = if space(at) && bytes.get(at + 1) == Some(&b'%') {
        (group(at, at + 2), None, at + 2)
    } else if bytes.get(at) == Some(&b'%') {
        (group(at, at + 1), None, at + 1)
    } else if let Some(to) = space(at)
        .then(|| PERCENT_WORDS.iter().find_map(|w| word_at(at + 1, w)))
        .flatten()
    {
        (group(at, to), None, to)
    } else if let Some(to) = space(at)
        .then(|| CURRENCY_WORDS.iter().find_map(|w| word_at(at + 1, w)))
        .flatten()
    {
        (None, group(at + 1, to), to)
    } else {
        (None, None, at)
    };
    // The regex's match is the longest these choices give; anything else is a misreading.
    if end != bytes.len() {
        return None;
    }
    Some(Groups {
        all: group(0, end),
        num,
        scale,
        pct,
        cur,
        curword,
    })
}

fn unit_of(text: &str, c: &Groups, end: usize) -> Option<String> {
    if c.pct.is_some() {
        let p = c.pct.map(|m| m.as_str().to_ascii_lowercase());
        if p.is_some_and(|p| p.contains("point")) {
            return Some("percentage points".into());
        }
        return Some("percent".into());
    }
    if let Some(u) = c.cur.or(c.curword).and_then(|m| currency_unit(m.as_str())) {
        return Some(u.into());
    }
    let after = text.get(end..).unwrap_or("");
    if after.starts_with("-year-old")
        || after.starts_with(" years old")
        || after.starts_with(" year old")
    {
        return Some("years old".into());
    }
    // The nouns are lower case: equal ignoring ASCII case is equal to the word lower-cased.
    let word = next_word(text, end);
    COUNT_NOUNS
        .iter()
        .find(|n| n.len() == word.len() && n.eq_ignore_ascii_case(word))
        .map(|n| n.to_string())
}

/// "per second", "a split second", "a second later", "a second or two": the unit of time.
fn second_is_time_unit(text: &str, span: &Range<usize>) -> bool {
    let before = previous_word(text, span.start).to_ascii_lowercase();
    if matches!(before.as_str(), "per" | "split" | "every" | "each") {
        return true;
    }
    let after = next_word(text, span.end).to_ascii_lowercase();
    if matches!(before.as_str(), "a" | "one" | "the")
        && matches!(
            after.as_str(),
            "later" | "earlier" | "ago" | "or" | "longer"
        )
    {
        return true;
    }
    // "for a second." / "wait a second,"
    before == "a"
        && char_at(text, span.end)
            .is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, DocumentOptions};
    use chrono::NaiveDate;

    fn doc(text: &str) -> Document {
        let options = DocumentOptions {
            date: NaiveDate::from_ymd_opt(2019, 2, 23),
            ..DocumentOptions::default()
        };
        Document::parse("test.txt", text.as_bytes(), &options).unwrap()
    }

    fn numbers(text: &str) -> Vec<(String, f64, Option<String>)> {
        extract(&doc(text))
            .into_iter()
            .filter_map(|c| match c.value {
                ClaimValue::Number(n) => Some((c.text, n.value, n.unit)),
                _ => None,
            })
            .collect()
    }

    fn ordinals(text: &str) -> Vec<(String, u32)> {
        extract(&doc(text))
            .into_iter()
            .filter_map(|c| match c.value {
                ClaimValue::Ordinal(n) => Some((c.text, n)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn parses_numbers_in_words_and_digits() {
        assert_eq!(parse_number("eight"), Some(8.0));
        assert_eq!(parse_number("Eight"), Some(8.0));
        assert_eq!(parse_number("twenty-two"), Some(22.0));
        assert_eq!(parse_number("twenty two"), Some(22.0));
        assert_eq!(parse_number("1.2 million"), Some(1_200_000.0));
        assert_eq!(parse_number("1,200"), Some(1200.0));
        assert_eq!(parse_number("a dozen"), Some(12.0));
        assert_eq!(parse_number("two dozen"), Some(24.0));
        assert_eq!(parse_number("a million"), Some(1e6));
        assert_eq!(parse_number("one hundred and five"), Some(105.0));
        assert_eq!(parse_number("two thousand three hundred"), Some(2300.0));
        assert_eq!(parse_number("fifteen hundred"), Some(1500.0));
        assert_eq!(parse_number("three million"), Some(3e6));
        assert_eq!(parse_number("zero"), Some(0.0));
        assert_eq!(parse_number("35"), Some(35.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
    }

    #[test]
    fn rejects_malformed_numbers() {
        for bad in [
            "",
            "two three",
            "twenty twenty",
            "eleven five",
            "a",
            "a two",
            "hundred thousand million",
            "and",
            "two and",
            "thousand million",
            "1,20",
            "one-",
            "dozen two",
            "eightish",
            "zero one",
        ] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parses_ordinals() {
        assert_eq!(parse_ordinal("second"), Some(2));
        assert_eq!(parse_ordinal("Second"), Some(2));
        assert_eq!(parse_ordinal("3rd"), Some(3));
        assert_eq!(parse_ordinal("21st"), Some(21));
        assert_eq!(parse_ordinal("11th"), Some(11));
        assert_eq!(parse_ordinal("112th"), Some(112));
        assert_eq!(parse_ordinal("twenty-first"), Some(21));
        assert_eq!(parse_ordinal("twentieth"), Some(20));
        assert_eq!(parse_ordinal("one hundredth"), Some(100));
        assert_eq!(parse_ordinal("hundredth"), Some(100));
        assert_eq!(parse_ordinal("one hundred and first"), Some(101));
        assert_eq!(parse_ordinal("3th"), None);
        assert_eq!(parse_ordinal("11st"), None);
        assert_eq!(parse_ordinal("twenty-eleventh"), None);
        assert_eq!(parse_ordinal("seconds"), None);
        assert_eq!(parse_ordinal("th"), None);
    }

    #[test]
    fn writes_words() {
        assert_eq!(number_word(8), "eight");
        assert_eq!(number_word(22), "twenty-two");
        assert_eq!(number_word(10), "ten");
        assert_eq!(number_word(105), "one hundred five");
        assert_eq!(number_word(2300), "two thousand three hundred");
        assert_eq!(number_word(0), "zero");
        assert_eq!(ordinal_word(2), "second");
        assert_eq!(ordinal_word(21), "twenty-first");
        assert_eq!(ordinal_word(40), "fortieth");
        assert_eq!(ordinal_word(12), "twelfth");
        assert_eq!(ordinal_word(100), "hundredth");
        assert_eq!(ordinal_word(101), "101st");
        assert_eq!(ordinal_word(113), "113th");
        for n in 1..=1000 {
            assert_eq!(parse_number(&number_word(n)), Some(n as f64), "{n}");
            if n <= 100 {
                assert_eq!(parse_ordinal(&ordinal_word(n)), Some(n), "{n}");
            }
        }
    }

    #[test]
    fn seed_story_numbers_and_ordinals() {
        // The seed's only number is part of a duration ("eight months"); its ordinals are
        // "second" and "first" (twice).
        let text = "SEOUL (Reuters) - North Korea confirmed leader Kim Jong Un’s second summit with U.S. President Donald Trump for the first time on Sunday, days before the high-stakes nuclear meeting is set to take place in Vietnam’s capital, Hanoi.\n\nTrump and Kim will meet in Hanoi eight months after their historic summit in Singapore - the first between a sitting U.S. president and a North Korean leader - at which they pledged to work toward the complete denuclearization of the Korean peninsula.\n\nKim left Pyongyang by train on Saturday afternoon for the Feb. 27-28 summit accompanied by senior North Korean officials, North Korea’s official KCNA news agency said.";
        assert_eq!(
            ordinals(text),
            [
                ("second".to_string(), 2),
                ("first".into(), 1),
                ("first".into(), 1)
            ]
        );
        assert!(numbers(text).is_empty(), "{:?}", numbers(text));
        let d = doc(text);
        let second = extract(&d).into_iter().next().unwrap();
        assert_eq!(&d.text[second.span.clone()], "second");
        assert_eq!(second.kind, ClaimKind::Ordinal);
    }

    #[test]
    fn quantities_with_units() {
        assert_eq!(
            numbers(
                "The fund grew 35 percent to $4 billion, or 35% more, and 1.2 million people came."
            ),
            [
                ("35 percent".to_string(), 35.0, Some("percent".to_string())),
                ("$4 billion".into(), 4e9, Some("USD".into())),
                ("35%".into(), 35.0, Some("percent".into())),
                ("1.2 million".into(), 1.2e6, Some("people".into())),
            ]
        );
        assert_eq!(
            numbers("Twenty-two officials and 1,200 troops met; eight left."),
            [
                (
                    "Twenty-two".to_string(),
                    22.0,
                    Some("officials".to_string())
                ),
                ("1,200".into(), 1200.0, Some("troops".into())),
                ("eight".into(), 8.0, None),
            ]
        );
        assert_eq!(numbers("Kim, 35, spoke."), [("35".to_string(), 35.0, None)]);
        assert_eq!(
            numbers("A 35-year-old man and a dozen others."),
            [
                ("35".to_string(), 35.0, Some("years old".to_string())),
                ("a dozen".into(), 12.0, None)
            ]
        );
        assert_eq!(
            numbers("It cost 500 billion won."),
            [("500 billion won".to_string(), 5e11, Some("KRW".to_string()))]
        );
    }

    #[test]
    fn skips_dates_durations_and_identifiers() {
        assert!(numbers("The Feb. 27-28 summit on February 23, 2019 in 2018.").is_empty());
        assert!(numbers("He served eight months and then two years.").is_empty());
        assert!(
            numbers("The G20 met; F-16 jets flew; at 3:30 the score was 3-2 in version 1.2.3.")
                .is_empty()
        );
        assert!(numbers("No one came, and one of them left.").is_empty());
        assert!(ordinals("It took a split second, then a second later 30 per second.").is_empty());
        assert!(ordinals("It was the 23rd of February.").is_empty());
        assert_eq!(
            ordinals("the 3rd and twenty-first"),
            [("3rd".to_string(), 3), ("twenty-first".into(), 21)]
        );
        assert_eq!(ordinals("a second summit"), [("second".to_string(), 2)]);
    }

    #[test]
    fn several_numbers_joined_by_and() {
        assert_eq!(
            numbers("two and three"),
            [("two".to_string(), 2.0, None), ("three".into(), 3.0, None)]
        );
        assert_eq!(
            numbers("who served two four-year terms"),
            [("two".to_string(), 2.0, None)]
        );
        assert_eq!(
            numbers("one hundred and five delegates"),
            [(
                "one hundred and five".to_string(),
                105.0,
                Some("delegates".to_string())
            )]
        );
    }

    #[test]
    fn odd_input_never_panics_and_spans_are_sound() {
        let samples = [
            "",
            "1",
            "$",
            "$1",
            "1%",
            "ễ1ễ",
            "—1—",
            "a",
            "an",
            "a dozen",
            "one-",
            "-one",
            "1,",
            ",1",
            "1.",
            "99999999999999999999999999999 billion",
            "twenty-",
            "ễsecondễ",
            "3rdễ",
            "¥1ễ",
            "and and and",
            "a a a hundred",
            "1\u{a0}%",
            "1\u{a0}million",
        ];
        for s in samples {
            for c in extract(&doc(s)) {
                assert!(c.span.end <= doc(s).text.len());
            }
        }
    }

    /// `DIGITS_NUMBER`'s groups of `text` as its captures give them.
    fn digits_number_captures(text: &str) -> Option<(&str, Option<&str>)> {
        let c = DIGITS_NUMBER.captures(text)?;
        Some((c.name("num")?.as_str(), c.name("scale").map(|s| s.as_str())))
    }

    #[test]
    fn digits_number_groups_are_the_regexes_groups() {
        for text in [
            "1,200",
            "1,200.5",
            "12,345,678",
            "1234,567",
            "1,23",
            "1,2345",
            ",123",
            "1,",
            "1.5",
            "1.",
            ".5",
            ".",
            "..5",
            "1.2.3",
            "4 million",
            "4  Million",
            "4\tdozen",
            "4 millions",
            "4 million dollars",
            "4million",
            "1,200.5 thousand",
            ".5 bn",
            "4 ",
            "4\u{b}hundred",
            "4 thouſand",
            "1,200,",
            "1,200.",
            "0.25 trillion",
        ] {
            let text = text.trim();
            if text.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                assert_eq!(
                    digits_number_groups(text),
                    digits_number_captures(text),
                    "{text:?}"
                );
            }
        }
    }

    /// The groups the extractor reads of every quantity match of `text`, as it reads them and
    /// as the regexes' own search for groups finds them.
    fn quantity_groups(text: &str) -> Vec<(Groups<'_>, Groups<'_>)> {
        let mut out = Vec::new();
        for m in DIGIT_QUANTITY.find_iter(text) {
            if let Some(read) = digit_quantity_groups(text, m.range()) {
                let c = DIGIT_QUANTITY
                    .captures_at(text, m.start())
                    .expect("the same match");
                out.push((read, Groups::of(text, &c)));
            }
        }
        for m in WORD_QUANTITY.find_iter(text) {
            if !ends_in_quantity_word(m.as_str()) {
                let c = WORD_QUANTITY
                    .captures_at(text, m.start())
                    .expect("the same match");
                out.push((
                    Groups::number(Group::matched(text, m)),
                    Groups::of(text, &c),
                ));
            }
        }
        out
    }

    #[test]
    fn the_digit_quantity_pattern_takes_its_words_from_the_lists() {
        // The alternatives built from DIGIT_SCALE_WORDS, PERCENT_WORDS and CURRENCY_WORDS match
        // as the written-out pattern did: whole words, spaces and all, the longest first.
        for (text, whole, group, value) in [
            ("3 per cent", "3 per cent", "pct", " per cent"),
            (
                "2 percentage points",
                "2 percentage points",
                "pct",
                " percentage points",
            ),
            (
                "1 Percentage Point",
                "1 Percentage Point",
                "pct",
                " Percentage Point",
            ),
            ("4 mln roubles", "4 mln roubles", "curword", "roubles"),
            ("7 bn", "7 bn", "scale", "bn"),
        ] {
            let c = DIGIT_QUANTITY.captures(text).expect(text);
            assert_eq!(c.get(0).map(|m| m.as_str()), Some(whole), "{text}");
            assert_eq!(c.name(group).map(|m| m.as_str()), Some(value), "{text}");
        }
        let c = DIGIT_QUANTITY
            .captures("5 percentages")
            .expect("the number");
        assert_eq!(c.get(0).map(|m| m.as_str()), Some("5"));
    }

    #[test]
    fn quantity_groups_read_off_a_match_are_the_regexes_groups() {
        for text in [
            "US$4 billion, $4bn, 1,200,000.5 mln dollars, 12,3456 and 1234,567 won",
            "35 %, 35%, 35 percent, 3 per cent, 2 percentage points, 1 percentage point",
            "4 percentages, 5 percentage pointsx, 6 millions, 7 million%, 8bn yen, 9 mln_",
            "US$ 5, US$5.5.5, $.5, 1.2.3, 3 yuan, 4 rubles 5 roubles 6 rupees 7 euros",
            "eight percent, twenty-two dollars, a dozen won, one hundred yen, two per cent",
            "ten dollarsx, three percentx, nine point, 10 Million Dollars, 11 PERCENT",
            "5\u{a0}million €4 £3 ¥2 6\u{a0}% seven\u{a0}percent 4 dollarſ",
        ] {
            let groups = quantity_groups(text);
            assert!(!groups.is_empty(), "{text:?}");
            for (read, searched) in groups {
                assert_eq!(read, searched, "{text:?}");
            }
        }
    }

    /// The spans of a pattern's matches.
    type Matches = Vec<Range<usize>>;

    /// For each pattern, its matches in `text` as the anchored search at the pass's starts
    /// finds them and as the regex's whole-text scan does.
    fn scans(text: &str) -> Vec<(Matches, Matches)> {
        let starts = Starts::of(text);
        let scan = |regex: &Regex| regex.find_iter(text).map(|m| m.range()).collect();
        vec![
            (
                ORDINAL_AT.find_at_starts(text, starts.ordinal.iter().copied()),
                scan(&ORDINAL),
            ),
            (
                DIGIT_QUANTITY_AT.find_at_starts(text, starts.digit_quantity.iter().copied()),
                scan(&DIGIT_QUANTITY),
            ),
            (
                WORD_QUANTITY_AT.find_at_starts(text, starts.word_quantity.iter().copied()),
                scan(&WORD_QUANTITY),
            ),
        ]
    }

    /// The groups of every quantity match of `text`, from the anchored search's captures and
    /// the regex's.
    fn anchored_groups(text: &str) -> Vec<(Groups<'_>, Groups<'_>)> {
        let mut out = Vec::new();
        for (anchored, regex) in [
            (&*DIGIT_QUANTITY_AT, &*DIGIT_QUANTITY),
            (&*WORD_QUANTITY_AT, &*WORD_QUANTITY),
        ] {
            for m in regex.find_iter(text) {
                let c = regex.captures_at(text, m.start()).expect("the same match");
                let a = anchored
                    .captures_at(text, m.start())
                    .expect("a match there");
                out.push((Groups::of_anchored(text, &a), Groups::of(text, &c)));
            }
        }
        out
    }

    const REAL_TEXTS: &[&str] = &[
        "SEOUL (Reuters) - North Korea’s second summit, the first in 2019, cost $4 billion; 35 percent of 1,200 troops.",
        "Twenty-two officials and 1,200 troops met; eight left. A 35-year-old man and a dozen others. US$5 and BUS$6.",
        "It was the 23rd of February, the 3rd and twenty-first, 1ſt, 2nd, 11TH, 4th_, x5th, twenty first.",
        "a hundred, an thousand, A\u{a0}million, a  dozen, a\nhundred, a hundreds, a thouſand, ſix, ſeventy, ſecond",
        "€4 £3 ¥2 5\u{a0}million 6\u{a0}% seven\u{a0}percent 4 dollarſ 3 per cent 2 percentage points 1,2345 12,345,678.5",
        "one hundred and five delegates, two and three, two four-year terms, G20 F-16 3:30 3-2 1.2.3 _7 7_",
    ];

    #[test]
    fn anchored_searches_at_the_starts_find_the_scans_matches() {
        for text in REAL_TEXTS {
            for (anchored, scanned) in scans(text) {
                assert_eq!(anchored, scanned, "{text:?}");
            }
            for (anchored, searched) in anchored_groups(text) {
                assert_eq!(anchored, searched, "{text:?}");
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Pieces of text where the pass's rules are at their edges: glued words and digits,
        /// folding letters, currency signs, articles, suffixes.
        const EDGE_PIECES: &[&str] = &[
            "a", "A", "an", "An", "hundred", "hundreds", "Million", "dozen", "thou", "ſ", "K",
            "and", "€", "£", "¥", "US", "$", "3", "21", "1,200", "4.5", "st", "nd", "rd", "th",
            "TH", "first", "Second", "twenty", "twenty-", "ninety", "eight", "eighteen", "one",
            "percent", "per", "cent", "dollars", " ", "  ", "-", "_", "x", "\n", "\t", "\u{a0}",
            "’", "ễ", "(", ";", ".", ",", "%", "years", "old",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn anchored_searches_at_the_starts_find_the_scans_matches_in_any_text(
                text in crate::extract::testing::pieces_text(EDGE_PIECES, 24),
            ) {
                for (anchored, scanned) in scans(&text) {
                    prop_assert_eq!(anchored, scanned, "{:?}", text);
                }
                for (anchored, searched) in anchored_groups(&text) {
                    prop_assert_eq!(anchored, searched, "{:?}", text);
                }
            }

            #[test]
            fn anchored_searches_find_the_scans_matches_in_junk(junk in "\\PC{0,80}") {
                for (anchored, scanned) in scans(&junk) {
                    prop_assert_eq!(anchored, scanned, "{:?}", junk);
                }
            }
        }

        const QUANTITY_PIECES: &[&str] = &[
            "US$",
            "$",
            "U",
            "S",
            "1",
            "23",
            "4567",
            ",",
            ".",
            " ",
            "  ",
            "%",
            "million",
            "bn",
            "Mln",
            "thousand",
            "percent",
            "per cent",
            "percentage",
            "points",
            "point",
            "dollars",
            "won",
            "yen",
            "Yuan",
            "x",
            "_",
            "-",
            "eight",
            "twenty",
            "and",
            "a",
            "dozen",
            "ſ",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn digits_number_groups_are_the_regexes_groups_in_any_text(
                text in "[0-9.,]{0,9}([ \t]{0,2}(hundred|Thousand|million|bn|x))?",
            ) {
                let text = text.trim();
                prop_assert_eq!(digits_number_groups(text), digits_number_captures(text), "{:?}", text);
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4096))]
            #[test]
            fn quantity_groups_read_off_a_match_are_the_regexes_groups_in_any_text(
                pieces in proptest::collection::vec(proptest::sample::select(QUANTITY_PIECES), 0..16),
            ) {
                let text = pieces.concat();
                for (read, searched) in quantity_groups(&text) {
                    prop_assert_eq!(read, searched, "{:?}", text);
                }
            }
        }

        const WORDS: &[&str] = &[
            "eight",
            "twenty",
            "-",
            "two",
            "and",
            "a",
            "dozen",
            "million",
            "$",
            "4",
            "1,200",
            "35",
            "%",
            "percent",
            "second",
            "3rd",
            "first",
            "ễ",
            "’s",
            ".",
            ",",
            "Feb.",
            "27-28",
            "months",
            "one",
            "hundred",
            "\u{a0}",
            "won",
            "per",
            "cent",
            "1.2",
            "years",
            "old",
            "-year-old",
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
                        prop_assert!(c.span.start < c.span.end && c.span.end <= d.text.len());
                        prop_assert!(d.text.is_char_boundary(c.span.start) && d.text.is_char_boundary(c.span.end));
                        prop_assert_eq!(&d.text[c.span.clone()], c.text.as_str());
                    }
                    let _ = parse_number(&text);
                    let _ = parse_ordinal(&text);
                }
            }
        }
    }
}
