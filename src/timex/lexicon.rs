//! The closed word classes of temporal English: months, weekdays, calendar units, parts of
//! the day, and the TIMEX3 code each maps to.

use super::Cx;
use super::tokens::{Token, TokenKind};
use chrono::Weekday;

/// A calendar unit, as durations, "last week" and "every month" use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration designator and how many of it one unit is: a decade is `10 Y`.
    pub fn designator(self) -> (&'static str, u32) {
        match self {
            Unit::Second => ("S", 1),
            Unit::Minute => ("M", 1),
            Unit::Hour => ("H", 1),
            Unit::Day => ("D", 1),
            Unit::Week => ("W", 1),
            Unit::Weekend => ("D", 2),
            Unit::Month => ("M", 1),
            Unit::Quarter => ("Q", 1),
            Unit::Year => ("Y", 1),
            Unit::Decade => ("Y", 10),
            Unit::Century => ("Y", 100),
        }
    }

    /// Whether the unit is written after `T` in a duration (`PT2H`).
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The next smaller unit and how many of it make this one, for fractions ("1 1/2 years").
    pub fn smaller(self) -> Option<(Unit, u32)> {
        Some(match self {
            Unit::Year => (Unit::Month, 12),
            Unit::Month => (Unit::Day, 30),
            Unit::Week => (Unit::Day, 7),
            Unit::Day => (Unit::Hour, 24),
            Unit::Hour => (Unit::Minute, 60),
            Unit::Minute => (Unit::Second, 60),
            _ => return None,
        })
    }
}

/// A unit word and whether it is plural: "years" -> (Year, true).
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// The month a token names. Full names need a capital ("may" and "march" are verbs);
/// abbreviations ("Feb", "Sept") must be followed by their period unless `bare_ok`.
pub fn month_at(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    if !cx.capitalized(i) {
        return None;
    }
    let (m, abbreviated) = month_word(cx.w(i))?;
    if !abbreviated {
        return Some((m, i + 1));
    }
    // "Feb." with its period; without it only before a day number ("Feb 3").
    if cx.w(i + 1) == "." && cx.joined(i) {
        return Some((m, i + 2));
    }
    (cx.kind(i + 1) == Some(super::tokens::TokenKind::Number)).then_some((m, i + 1))
}

/// Month names and abbreviations, lowercase: the month, and whether it is an abbreviation.
/// [`month_word`] reads them, and the gate lets them start an expression when capitalised.
const MONTH_WORDS: [(&str, u32, bool); 24] = [
    ("january", 1, false),
    ("february", 2, false),
    ("march", 3, false),
    ("april", 4, false),
    ("may", 5, false),
    ("june", 6, false),
    ("july", 7, false),
    ("august", 8, false),
    ("september", 9, false),
    ("october", 10, false),
    ("november", 11, false),
    ("december", 12, false),
    ("jan", 1, true),
    ("feb", 2, true),
    ("mar", 3, true),
    ("apr", 4, true),
    ("jun", 6, true),
    ("jul", 7, true),
    ("aug", 8, true),
    ("sep", 9, true),
    ("sept", 9, true),
    ("oct", 10, true),
    ("nov", 11, true),
    ("dec", 12, true),
];

/// The month a lowercase word names, and whether it is an abbreviation ("sept").
pub fn month_word(word: &str) -> Option<(u32, bool)> {
    MONTH_WORDS
        .iter()
        .find(|(w, ..)| *w == word)
        .map(|&(_, month, abbreviated)| (month, abbreviated))
}

/// The weekday a token names: "Friday", "Fri."; capitalised.
pub fn weekday_at(cx: &Cx, i: usize) -> Option<(Weekday, usize)> {
    if !cx.capitalized(i) {
        return None;
    }
    let (day, abbreviated) = weekday_word(cx.w(i))?;
    if !abbreviated {
        return Some((day, i + 1));
    }
    (cx.w(i + 1) == "." && cx.joined(i)).then_some((day, i + 2))
}

/// Weekday names and abbreviations, lowercase: the day, and whether it is an abbreviation.
/// [`weekday_word`] reads them, and the gate lets them start an expression when capitalised
/// and a relative one ("last Friday") after a modifier.
const WEEKDAY_WORDS: [(&str, Weekday, bool); 17] = [
    ("monday", Weekday::Mon, false),
    ("tuesday", Weekday::Tue, false),
    ("wednesday", Weekday::Wed, false),
    ("thursday", Weekday::Thu, false),
    ("friday", Weekday::Fri, false),
    ("saturday", Weekday::Sat, false),
    ("sunday", Weekday::Sun, false),
    ("mon", Weekday::Mon, true),
    ("tue", Weekday::Tue, true),
    ("tues", Weekday::Tue, true),
    ("wed", Weekday::Wed, true),
    ("thu", Weekday::Thu, true),
    ("thur", Weekday::Thu, true),
    ("thurs", Weekday::Thu, true),
    ("fri", Weekday::Fri, true),
    ("sat", Weekday::Sat, true),
    ("sun", Weekday::Sun, true),
];

/// The weekday a lowercase word names, and whether it is an abbreviation ("thurs").
pub fn weekday_word(word: &str) -> Option<(Weekday, bool)> {
    WEEKDAY_WORDS
        .iter()
        .find(|(w, ..)| *w == word)
        .map(|&(_, day, abbreviated)| (day, abbreviated))
}

/// Weekday plurals, lowercase, for sets ("every Tuesday", "on Tuesdays").
const WEEKDAY_PLURALS: [(&str, Weekday); 7] = [
    ("mondays", Weekday::Mon),
    ("tuesdays", Weekday::Tue),
    ("wednesdays", Weekday::Wed),
    ("thursdays", Weekday::Thu),
    ("fridays", Weekday::Fri),
    ("saturdays", Weekday::Sat),
    ("sundays", Weekday::Sun),
];

/// The plural of a weekday ("Tuesdays"), for sets.
pub fn weekday_plural(cx: &Cx, i: usize) -> Option<Weekday> {
    if !cx.capitalized(i) {
        return None;
    }
    let word = cx.w(i);
    WEEKDAY_PLURALS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|&(_, day)| day)
}

/// The TIMEX3 part-of-day code: "morning" -> TMO.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" | "mornings" => "TMO",
        "afternoon" | "afternoons" => "TAF",
        "evening" | "evenings" => "TEV",
        "night" | "nights" => "TNI",
        _ => return None,
    })
}

/// Lowercase words that can start a temporal expression. Numbers and capitalised words
/// (months, weekdays, holidays, sentence starts) always may; any other word not listed here
/// cannot, which lets the tagger skip most of a text with one hash lookup per word.
const STARTERS: &[&str] = &[
    // determiners and relative words
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "last",
    "next",
    "past",
    "previous",
    "prior",
    "following",
    "coming",
    "current",
    "latest",
    "same",
    "upcoming",
    "preceding",
    "present",
    "fiscal",
    "year",
    "another",
    "comparable",
    "corresponding",
    "recent",
    "full",
    "entire",
    "whole",
    "final",
    "initial",
    "remaining",
    "additional",
    "further",
    "ensuing",
    "subsequent",
    "succeeding",
    "its",
    "their",
    "prior",
    // positions and approximations
    "early",
    "late",
    "mid",
    "middle",
    "end",
    "beginning",
    "start",
    "close",
    "turn",
    "rest",
    "remainder",
    "earlier",
    "later",
    "more",
    "less",
    "fewer",
    "no",
    "at",
    "up",
    "as",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "some",
    "over",
    "under",
    "only",
    "just",
    "barely",
    "fully",
    "well",
    "within",
    "half",
    // vague quantities
    "several",
    "many",
    "few",
    "numerous",
    "dozens",
    "hundreds",
    "thousands",
    "dozen",
    "couple",
    // deictic and vague references
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "right",
    "currently",
    "presently",
    "nowadays",
    "recently",
    "lately",
    "more",
    "soon",
    "future",
    // sets
    "every",
    "each",
    "per",
    "once",
    "twice",
    "thrice",
    "daily",
    "nightly",
    "weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "yearly",
    "annually",
    "semiannually",
    "biannually",
    "hourly",
    "sometime",
    // times
    "noon",
    "midday",
    "midnight",
    "midafternoon",
    "midmorning",
    // years, decades, quarters in words
    "post",
    "pre",
    "'",
    "first",
    "second",
    "third",
    "fourth",
    "1st",
    "2nd",
    "3rd",
    "4th",
    // (the number words of one to ninety start expressions too: the gate takes them from
    // `numbers`)
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
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
    "twentieth",
    "thirtieth",
    // bare units ("for years") and seasons ("in summer")
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "weekends",
    "months",
    "quarters",
    "years",
    "decades",
    "centuries",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Capitalised words that can start an expression besides the starters and the names of
/// [`MONTH_WORDS`], [`WEEKDAY_WORDS`] and [`WEEKDAY_PLURALS`], which the gate takes from
/// there: holidays and the like (a capital alone proves nothing: every proper noun has one).
const CAPITALISED_STARTERS: &[&str] = &[
    "new",
    "christmas",
    "thanksgiving",
    "election",
    "independence",
    "labor",
    "memorial",
    "veterans",
    "halloween",
    "easter",
    "good",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// Words that can follow a determiner inside an expression without starting one themselves:
/// "the quarter", "a week", "the near future", "a hundred years".
const AFTER_DETERMINER: &[&str] = &[
    "second",
    "minute",
    "hour",
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "decade",
    "century",
    "near",
    "short",
    "long",
    "distant",
    "immediate",
    "good",
    "large",
    "hundred",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    "period",
    "morning",
    "afternoon",
    "evening",
    "night",
    "middle",
    "sometime",
];

/// Words that start an expression only as its modifier ("about two years", "the end of
/// 1990", "earlier this month"): the tagger tries only the modifier rules at them.
const MODIFIER_ONLY: &[&str] = &[
    "less",
    "fewer",
    "no",
    "at",
    "up",
    "about",
    "around",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "over",
    "under",
    "only",
    "just",
    "barely",
    "fully",
    "well",
    "within",
    "end",
    "beginning",
    "start",
    "close",
    "turn",
    "rest",
    "remainder",
    "middle",
    "sometime",
    "earlier",
    "later",
];

/// Lowercase words that can start an expression of `relative.rs` (numbers aside, which can
/// start one of its counts, "two years ago"): its rules' first words, besides the weekday
/// names the gate takes from [`WEEKDAY_WORDS`]. Any other word goes
/// straight past the family (`Tagger::core_at`), which debug builds check against the rules.
const RELATIVE_STARTERS: &[&str] = &[
    // deictic days, vague references and shifted units after a modifier
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "the",
    "this",
    "that",
    "these",
    "last",
    "next",
    "past",
    "previous",
    "prior",
    "preceding",
    "following",
    "coming",
    "upcoming",
    "current",
    "present",
    "fiscal",
    "year",
    "right",
    "now",
    "currently",
    "presently",
    "nowadays",
    "recently",
    "lately",
    "more",
    "recent",
    "soon",
    "as",
    // counts before "ago", "earlier", "later": vague quantities and bare plural units ("years
    // ago"); numbers in words pass as [`NUMBER_LEADS`] and the words of `numbers` do
    "several",
    "many",
    "some",
    "few",
    "seconds",
    "minutes",
    "mins",
    "hours",
    "hrs",
    "days",
    "weeks",
    "weekends",
    "months",
    "quarters",
    "years",
    "decades",
    "centuries",
    // "the comparable year-ago quarter", "the same period last year"
    "comparable",
    "corresponding",
    "same",
];

/// Whether token `i` may start an expression of `relative.rs`: a number, a mark, a word of
/// [`RELATIVE_STARTERS`] or one a number in words starts with.
pub fn may_start_relative(cx: &Cx, i: usize) -> bool {
    cx.kind(i) != Some(TokenKind::Word) || cx.gate(i) & (RELATIVE | NUMBER_WORD) != 0
}

/// Words a number in words can start with besides those of one to ninety
/// (`numbers::UNIT_WORDS`, `TEEN_WORDS`, `TENS_WORDS`): "a hundred", "a couple of", "dozen".
const NUMBER_LEADS: &[&str] = &["a", "an", "couple", "dozen"];

/// The words of one to ninety (`numbers::UNIT_WORDS`, `TEEN_WORDS`, `TENS_WORDS`).
fn cardinal_words() -> impl Iterator<Item = &'static str> {
    use super::numbers::{TEEN_WORDS, TENS_WORDS, UNIT_WORDS};
    UNIT_WORDS
        .iter()
        .chain(TEEN_WORDS)
        .chain(TENS_WORDS)
        .copied()
}

/// Every word a number in words (`numbers::cardinal`) can start with.
fn number_words() -> impl Iterator<Item = &'static str> {
    NUMBER_LEADS.iter().copied().chain(cardinal_words())
}

/// Whether token `i` is a word a number in words can start with ([`number_words`]).
pub fn may_start_number_words(cx: &Cx, i: usize) -> bool {
    cx.gate(i) & NUMBER_WORD != 0
}

/// Whether token `i` can start only a modified expression.
pub fn modifier_only(cx: &Cx, i: usize) -> bool {
    cx.gate(i) & MODIFIER != 0
}

/// Determiners: they start many expressions but far more noun phrases, so they pass only
/// before a word that can continue an expression.
const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "its", "their"];

/// [`gate_bits`]: the word is in [`STARTERS`].
const STARTER: u8 = 1;
/// [`gate_bits`]: the word is in [`CAPITALISED_STARTERS`].
const CAPITALISED: u8 = 2;
/// [`gate_bits`]: the word is in [`AFTER_DETERMINER`].
const CONTINUES: u8 = 4;
/// [`gate_bits`]: the word is in [`DETERMINERS`].
const DETERMINER: u8 = 8;
/// [`gate_bits`]: the word is in [`MODIFIER_ONLY`].
const MODIFIER: u8 = 16;
/// [`gate_bits`]: the word is in [`RELATIVE_STARTERS`].
const RELATIVE: u8 = 32;
/// [`gate_bits`]: the word is one of [`number_words`].
const NUMBER_WORD: u8 = 64;

/// Every word of the gate's lists with the bits of the lists it is in, so the gate costs one
/// lookup per word, made once per token when the text is tokenised. An open-addressing table
/// (most words are in no list, and are told so by an empty slot or a key that differs).
struct GateTable {
    /// `(key, word, bits)`, the key as [`GateTable::key_of`] gives it; `""` is an empty slot.
    /// A power of two long, at most an eighth full, so most probes end at the first slot.
    slots: Box<[(u32, &'static str, u8)]>,
    /// The longest word in any list: longer words are in none.
    longest: usize,
    /// A bit for each length, first byte and last byte (the bytes' low five bits) some listed
    /// word has, by [`GateTable::filter_bit`]: most words in no list are told so by one load,
    /// without hashing.
    filter: Box<[u32]>,
}

impl GateTable {
    fn build() -> GateTable {
        let mut words: Vec<(&'static str, u8)> = Vec::new();
        for (word, bit) in [
            (STARTERS, STARTER),
            (CAPITALISED_STARTERS, CAPITALISED),
            (AFTER_DETERMINER, CONTINUES),
            (DETERMINERS, DETERMINER),
            (MODIFIER_ONLY, MODIFIER),
            (RELATIVE_STARTERS, RELATIVE),
        ]
        .into_iter()
        .flat_map(|(list, bit)| list.iter().map(move |&word| (word, bit)))
        .chain(number_words().map(|word| (word, NUMBER_WORD)))
        .chain(cardinal_words().map(|word| (word, STARTER)))
        .chain(MONTH_WORDS.iter().map(|&(word, ..)| (word, CAPITALISED)))
        .chain(
            WEEKDAY_WORDS
                .iter()
                .map(|&(word, ..)| (word, CAPITALISED | RELATIVE)),
        )
        .chain(WEEKDAY_PLURALS.iter().map(|&(word, _)| (word, CAPITALISED)))
        {
            match words.iter_mut().find(|(w, _)| *w == word) {
                Some((_, bits)) => *bits |= bit,
                None => words.push((word, bit)),
            }
        }
        let size = (words.len() * 8).next_power_of_two();
        let mut slots = vec![(0, "", 0u8); size].into_boxed_slice();
        for &(word, bits) in &words {
            let key = Self::key_of(word);
            let mut at = Self::slot_of(key, size);
            while !slots[at].1.is_empty() {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (key, word, bits);
        }
        let longest = words.iter().map(|(w, _)| w.len()).max().unwrap_or(0);
        let mut filter = vec![0u32; (longest + 1) * 32].into_boxed_slice();
        for &(word, _) in &words {
            let (at, bit) = Self::filter_bit(word);
            if let Some(slot) = filter.get_mut(at) {
                *slot |= bit;
            }
        }
        GateTable {
            slots,
            longest,
            filter,
        }
    }

    /// Where `word`'s bit is in the filter: the entry for its length and first byte, and the
    /// bit for its last byte (five low bits each, which letters of either case share).
    fn filter_bit(word: &str) -> (usize, u32) {
        let bytes = word.as_bytes();
        let (first, last) = match (bytes.first(), bytes.last()) {
            (Some(&first), Some(&last)) => (first, last),
            _ => (0, 0),
        };
        (word.len() * 32 + usize::from(first & 31), 1 << (last & 31))
    }

    /// A word's length and its first, second and last bytes: the whole word when it is at
    /// most three bytes long, so equal keys then mean equal words.
    fn key_of(word: &str) -> u32 {
        let bytes = word.as_bytes();
        let byte = |k: usize| bytes.get(k).map_or(0, |&b| u32::from(b));
        // The lists' words are short: the length fits the low byte.
        (word.len() as u32 & 0xFF)
            | byte(0) << 8
            | byte(1) << 16
            | byte(word.len().wrapping_sub(1)) << 24
    }

    /// The first slot to look in for a word of key `key`: the key, mixed (cheap, and
    /// distinct enough for a table this sparse).
    fn slot_of(key: u32, size: usize) -> usize {
        let mixed = u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 40) as usize & (size - 1)
    }

    fn bits(&self, word: &str) -> u8 {
        if word.len() > self.longest || self.slots.is_empty() {
            return 0;
        }
        let (filter_at, bit) = Self::filter_bit(word);
        if self
            .filter
            .get(filter_at)
            .is_none_or(|entry| entry & bit == 0)
        {
            return 0;
        }
        let size = self.slots.len();
        let key = Self::key_of(word);
        let mut at = Self::slot_of(key, size);
        loop {
            let (k, w, bits) = self.slots[at];
            if w.is_empty() {
                return 0;
            }
            // Up to three bytes the key is the word; past that the bytes must be compared.
            if k == key && (word.len() <= 3 || w == word) {
                return bits;
            }
            at = (at + 1) & (size - 1);
        }
    }
}

static GATE: std::sync::LazyLock<GateTable> = std::sync::LazyLock::new(GateTable::build);

/// The gate bits of every word token of `tokens` (0 for the others), and the tokens the tagger
/// should ask [`may_start`] of, in order: all those an expression may start at, and no other
/// but a determiner or an apostrophe, whose answer depends on the next token. Every other
/// token is passed over without a question.
pub(crate) fn set_gate_bits(tokens: &mut [Token]) -> Vec<usize> {
    let gate = &*GATE;
    // About one token in twelve passes the gate.
    let mut candidates = Vec::with_capacity(tokens.len() / 8 + 4);
    for (i, t) in tokens.iter_mut().enumerate() {
        let candidate = match t.kind {
            TokenKind::Word => {
                t.gate = gate.bits(t.word);
                t.gate & (STARTER | DETERMINER) != 0 || (t.gate & CAPITALISED != 0 && t.capitalized)
            }
            TokenKind::Number => true,
            TokenKind::Punct => t.word == "'",
        };
        if candidate {
            candidates.push(i);
        }
    }
    candidates
}

/// Whether token `i` can start a temporal expression at all.
pub fn may_start(cx: &Cx, i: usize) -> bool {
    may_start_in(&cx.tokens, i)
}

/// [`may_start`], worked out from the tokens and their gate bits.
fn may_start_in(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    match t.kind {
        TokenKind::Number => true,
        // "'90s", "'98": no rule starts at an apostrophe without a number after it (the
        // commonest apostrophe, "company's", starts nothing), which debug builds check
        // (`Tagger::longest_at`).
        TokenKind::Punct => {
            t.word == "'"
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| n.kind == TokenKind::Number)
        }
        TokenKind::Word => {
            let gate = t.gate;
            if gate & DETERMINER != 0 {
                return may_continue(tokens, i + 1);
            }
            gate & STARTER != 0 || (gate & CAPITALISED != 0 && t.capitalized)
        }
    }
}

/// Whether token `i`, after a determiner, can be part of an expression.
fn may_continue(tokens: &[Token], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Punct => t.word == "'",
        TokenKind::Word => {
            let gate = t.gate;
            gate & (STARTER | CONTINUES) != 0 || (gate & CAPITALISED != 0 && t.capitalized)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_need_a_capital_and_abbreviations_their_period() {
        let month = |t: &str| month_at(&Cx::new(t), 0);
        assert_eq!(month("November"), Some((11, 1)));
        assert_eq!(month("Sept. 30"), Some((9, 2)));
        assert_eq!(month("Feb 3"), Some((2, 1)));
        assert_eq!(month("may"), None);
        assert_eq!(month("Jan said"), None);
    }

    #[test]
    fn the_gate_bits_are_the_lists() {
        let all = STARTERS
            .iter()
            .chain(CAPITALISED_STARTERS)
            .chain(AFTER_DETERMINER)
            .chain(DETERMINERS)
            .chain(MODIFIER_ONLY)
            .chain(RELATIVE_STARTERS)
            .copied()
            .chain(number_words())
            .chain(MONTH_WORDS.iter().map(|&(w, ..)| w))
            .chain(WEEKDAY_WORDS.iter().map(|&(w, ..)| w))
            .chain(WEEKDAY_PLURALS.iter().map(|&(w, _)| w))
            .chain(["theme", "mayor", "x"]);
        let numbers: Vec<&str> = number_words().collect();
        // The lists as the gate reads them: with the words it takes from the tables.
        let weekdays = WEEKDAY_WORDS.iter().map(|&(w, ..)| w);
        let starters: Vec<&str> = STARTERS.iter().copied().chain(cardinal_words()).collect();
        let capitalised: Vec<&str> = CAPITALISED_STARTERS
            .iter()
            .copied()
            .chain(MONTH_WORDS.iter().map(|&(w, ..)| w))
            .chain(weekdays.clone())
            .chain(WEEKDAY_PLURALS.iter().map(|&(w, _)| w))
            .collect();
        let relative: Vec<&str> = RELATIVE_STARTERS.iter().copied().chain(weekdays).collect();
        for word in all {
            let cx = Cx::new(word);
            let bits = if cx.kind(0) == Some(super::super::tokens::TokenKind::Word) {
                cx.gate(0)
            } else {
                0
            };
            let is = |list: &[&str], bit: u8| {
                assert_eq!(list.contains(&word), bits & bit != 0, "{word}")
            };
            if cx.len() == 1 && cx.kind(0) == Some(super::super::tokens::TokenKind::Word) {
                is(&starters, STARTER);
                is(&capitalised, CAPITALISED);
                is(AFTER_DETERMINER, CONTINUES);
                is(DETERMINERS, DETERMINER);
                is(MODIFIER_ONLY, MODIFIER);
                is(&relative, RELATIVE);
                is(&numbers, NUMBER_WORD);
            }
        }
    }

    #[test]
    fn weekdays_and_units() {
        assert_eq!(
            weekday_at(&Cx::new("Thurs. night"), 0),
            Some((Weekday::Thu, 2))
        );
        assert_eq!(weekday_at(&Cx::new("Sun rose"), 0), None);
        assert_eq!(unit("decades"), Some((Unit::Decade, true)));
        assert_eq!(part_of_day("evening"), Some("TEV"));
    }
}
