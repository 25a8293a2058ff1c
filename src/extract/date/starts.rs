//! Where the date patterns may match: one pass over the words of the text lists, for each
//! pattern, the places a match of it could start, so that the pattern runs anchored there
//! instead of scanning the whole text.
//!
//! Every pattern of the date extractor starts with an ASCII word boundary (`(?-u:\b)`)
//! followed by an ASCII digit or letter, except that a case-insensitive "s" or "k" may also
//! match "ſ" (U+017F) or "K" (U+212A). A text holding either of those gets no list (the
//! caller searches the whole text); in any other text a match starts where a run of ASCII
//! word bytes (`[0-9A-Za-z_]`) starts, its first word being the run itself (the patterns
//! follow their first word with space, a dot, a dash or a word boundary). So the lists name
//! every run whose words could begin a match, and the anchored patterns decide.

use crate::extract::number_starts::{
    CLASS, DIGIT, FLAGGED_WORDS, LETTER, NON_ASCII_LEAD, Start as NumberStart, StartSink,
    UNDERSCORE, folds_to_ascii, letter_run, start_of_byte, word_flags,
};
use std::sync::LazyLock;

/// The patterns whose starts are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pattern {
    Iso,
    MonthFirst,
    DayFirst,
    MonthYear,
    MonthAlone,
    Year,
    Decade,
    Weekday,
    WeekdayAlone,
    RelativeUnit,
    DayWord,
    Ago,
}

const PATTERNS: usize = 12;

/// Byte offsets where a match of a pattern may start, with the pattern; one list for all
/// (a few dozen entries a story, where a list each would cost an allocation each), each
/// pattern's entries ascending.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Starts {
    list: Vec<(Pattern, usize)>,
}

impl Starts {
    /// Where `pattern` may start, ascending.
    pub(super) fn get(&self, pattern: Pattern) -> impl Iterator<Item = usize> + '_ {
        self.list
            .iter()
            .filter(move |(p, _)| *p == pattern)
            .map(|&(_, at)| at)
    }
}

// What a run of letters is (case-sensitive for month and weekday names, which must be
// capitalized, case-insensitive for the rest, as in the patterns).
const MONTH: u32 = 1;
const FULL_MONTH: u32 = 1 << 1;
const WEEKDAY: u32 = 1 << 2;
const WEEKDAYS: u32 = 1 << 3;
const WEEKDAY_ABBREV: u32 = 1 << 4;
/// A cue before a month alone: "in", "since", "last", ...
const CUE: u32 = 1 << 5;
const MID: u32 = 1 << 6;
/// Before a weekday alone: "last", "next", "this", "coming", "past".
const WEEKDAY_MOD: u32 = 1 << 7;
/// Before a unit: "last", "this", "next".
const UNIT_MOD: u32 = 1 << 8;
/// "year", "month", "week".
const UNIT: u32 = 1 << 9;
/// "today", "tonight", "yesterday", "tomorrow".
const DAY_WORD: u32 = 1 << 10;
const LAST: u32 = 1 << 11;
const THIS: u32 = 1 << 12;
const NIGHT: u32 = 1 << 13;
/// "morning", "afternoon", "evening".
const DAY_PART: u32 = 1 << 14;
/// A number word, "a" or "an".
const AMOUNT: u32 = 1 << 15;
/// The unit of "... ago": "day(s)", "week(s)", "month(s)", "year(s)".
const AGO_UNIT: u32 = 1 << 16;
const AGO: u32 = 1 << 17;

/// The words of the patterns and what they are.
const WORDS: &[(&str, u32)] = &[
    ("january", MONTH | FULL_MONTH),
    ("february", MONTH | FULL_MONTH),
    ("march", MONTH | FULL_MONTH),
    ("april", MONTH | FULL_MONTH),
    ("may", MONTH | FULL_MONTH),
    ("june", MONTH | FULL_MONTH),
    ("july", MONTH | FULL_MONTH),
    ("august", MONTH | FULL_MONTH),
    ("september", MONTH | FULL_MONTH),
    ("october", MONTH | FULL_MONTH),
    ("november", MONTH | FULL_MONTH),
    ("december", MONTH | FULL_MONTH),
    ("jan", MONTH),
    ("feb", MONTH),
    ("mar", MONTH),
    ("apr", MONTH),
    ("jun", MONTH),
    ("jul", MONTH),
    ("aug", MONTH),
    ("sept", MONTH),
    ("sep", MONTH),
    ("oct", MONTH),
    ("nov", MONTH),
    ("dec", MONTH),
    ("monday", WEEKDAY),
    ("tuesday", WEEKDAY),
    ("wednesday", WEEKDAY),
    ("thursday", WEEKDAY),
    ("friday", WEEKDAY),
    ("saturday", WEEKDAY),
    ("sunday", WEEKDAY),
    ("mondays", WEEKDAYS),
    ("tuesdays", WEEKDAYS),
    ("wednesdays", WEEKDAYS),
    ("thursdays", WEEKDAYS),
    ("fridays", WEEKDAYS),
    ("saturdays", WEEKDAYS),
    ("sundays", WEEKDAYS),
    ("mon", WEEKDAY_ABBREV),
    ("tue", WEEKDAY_ABBREV),
    ("tues", WEEKDAY_ABBREV),
    ("wed", WEEKDAY_ABBREV),
    ("thu", WEEKDAY_ABBREV),
    ("thur", WEEKDAY_ABBREV),
    ("thurs", WEEKDAY_ABBREV),
    ("fri", WEEKDAY_ABBREV),
    ("sat", WEEKDAY_ABBREV),
    ("sun", WEEKDAY_ABBREV),
    ("in", CUE),
    ("since", CUE),
    ("until", CUE),
    ("till", CUE),
    ("by", CUE),
    ("during", CUE),
    ("from", CUE),
    ("before", CUE),
    ("after", CUE),
    ("through", CUE),
    ("early", CUE),
    ("late", CUE),
    ("earlier", CUE),
    ("later", CUE),
    ("last", CUE | WEEKDAY_MOD | UNIT_MOD | LAST),
    ("next", CUE | WEEKDAY_MOD | UNIT_MOD),
    ("this", CUE | WEEKDAY_MOD | UNIT_MOD | THIS),
    ("coming", WEEKDAY_MOD),
    ("past", WEEKDAY_MOD),
    ("mid", MID),
    ("year", UNIT | AGO_UNIT),
    ("month", UNIT | AGO_UNIT),
    ("week", UNIT | AGO_UNIT),
    ("years", AGO_UNIT),
    ("months", AGO_UNIT),
    ("weeks", AGO_UNIT),
    ("day", AGO_UNIT),
    ("days", AGO_UNIT),
    ("today", DAY_WORD),
    ("tonight", DAY_WORD),
    ("yesterday", DAY_WORD),
    ("tomorrow", DAY_WORD),
    ("night", NIGHT),
    ("morning", DAY_PART),
    ("afternoon", DAY_PART),
    ("evening", DAY_PART),
    ("ago", AGO),
    ("a", AMOUNT),
    ("an", AMOUNT),
    ("zero", AMOUNT),
    ("one", AMOUNT),
    ("two", AMOUNT),
    ("three", AMOUNT),
    ("four", AMOUNT),
    ("five", AMOUNT),
    ("six", AMOUNT),
    ("seven", AMOUNT),
    ("eight", AMOUNT),
    ("nine", AMOUNT),
    ("ten", AMOUNT),
    ("eleven", AMOUNT),
    ("twelve", AMOUNT),
    ("thirteen", AMOUNT),
    ("fourteen", AMOUNT),
    ("fifteen", AMOUNT),
    ("sixteen", AMOUNT),
    ("seventeen", AMOUNT),
    ("eighteen", AMOUNT),
    ("nineteen", AMOUNT),
    ("twenty", AMOUNT),
    ("thirty", AMOUNT),
    ("forty", AMOUNT),
    ("fifty", AMOUNT),
    ("sixty", AMOUNT),
    ("seventy", AMOUNT),
    ("eighty", AMOUNT),
    ("ninety", AMOUNT),
    ("hundred", AMOUNT),
    ("thousand", AMOUNT),
    ("million", AMOUNT),
    ("billion", AMOUNT),
    ("trillion", AMOUNT),
    ("dozen", AMOUNT),
];

/// Month and weekday names, which count only capitalized ("January", not "JANUARY").
const NAMES: u32 = MONTH | FULL_MONTH | WEEKDAY | WEEKDAYS | WEEKDAY_ABBREV;

/// A word's key: its first eight letters, lower-cased, one a byte (the first the lowest),
/// and its length. Longer words that share a key with a word of `WORDS` only make a start
/// too many, which the anchored pattern then rejects.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    letters: u64,
    len: usize,
}

impl Key {
    /// The key of `word`, letters only (the scan builds the same key eight bytes at once).
    fn of(word: &[u8]) -> Key {
        let letters = word
            .iter()
            .take(8)
            .enumerate()
            .fold(0, |k, (i, &b)| k | u64::from(b | 0x20) << (8 * i));
        Key {
            letters,
            len: word.len(),
        }
    }

    fn slot(self) -> usize {
        let h = (self.letters ^ self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - TABLE_BITS)) as usize
    }
}

const LANES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `v` that is an ASCII letter.
fn letter_lanes(v: u64) -> u64 {
    let lower = v | (0x20 * LANES);
    let t = lower & !HIGH_BITS;
    let from_a = t + (0x80 - u64::from(b'a')) * LANES;
    let past_z = t + (0x80 - u64::from(b'z') - 1) * LANES;
    from_a & !past_z & !lower & HIGH_BITS
}

/// The low `n` bytes (`n` <= 8) of a u64.
fn low_bytes(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

/// The run of letters at `b[at..]` (at least one): its length, its key's letters, and
/// whether it is capitalized (first letter upper case, the rest lower case).
// Inlined into the pass: this runs for every word of every text.
#[inline(always)]
fn letters_at(b: &[u8], at: usize) -> (usize, u64, bool) {
    let (mut end, letters, mut capitalized) = match b.get(at..at + 8) {
        Some(chunk) => {
            let v = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
            let lanes = letter_lanes(v);
            let len = ((!lanes & HIGH_BITS).trailing_zeros() / 8) as usize;
            let word = low_bytes(len);
            // Bit 5 clear in a letter: upper case.
            let upper = lanes & !(v << 2) & HIGH_BITS & word;
            (at + len, (v | (0x20 * LANES)) & word, upper == 0x80)
        }
        None => {
            let len = b[at..]
                .iter()
                .take_while(|x| x.is_ascii_alphabetic())
                .count();
            let word = &b[at..at + len];
            let capitalized = word.first().is_some_and(u8::is_ascii_uppercase)
                && word.iter().skip(1).all(u8::is_ascii_lowercase);
            (at + len, Key::of(word).letters, capitalized)
        }
    };
    if end == at + 8 {
        while let Some(&x) = b.get(end).filter(|x| x.is_ascii_alphabetic()) {
            capitalized &= x.is_ascii_lowercase();
            end += 1;
        }
    }
    (end - at, letters, capitalized)
}

const TABLE_BITS: u32 = 9;

/// `WORDS` by key, open addressing with linear probing (two fifths full), each with its
/// `number_starts::word_flags`; with them the number extractors' words of at most eight
/// letters (whose keys are the words themselves), so that one lookup serves both passes.
struct Table {
    slots: Vec<Option<(Key, u32, u8)>>,
}

impl Table {
    fn new() -> Table {
        let mut slots = vec![None; 1 << TABLE_BITS];
        let mask = slots.len() - 1;
        let words = WORDS.iter().map(|&(word, bits)| (word.as_bytes(), bits));
        let number_words = FLAGGED_WORDS
            .iter()
            .filter(|w| w.len() <= KEYED)
            .map(|&w| (w, 0));
        for (word, bits) in words.chain(number_words) {
            let key = Key::of(word);
            let flags = if word.len() <= KEYED {
                word_flags(word)
            } else {
                0
            };
            let mut i = key.slot();
            loop {
                match &mut slots[i] {
                    Some((k, b, f)) if *k == key => {
                        *b |= bits;
                        *f |= flags;
                        break;
                    }
                    Some(_) => i = (i + 1) & mask,
                    None => {
                        slots[i] = Some((key, bits, flags));
                        break;
                    }
                }
            }
        }
        Table { slots }
    }

    /// The word bits and (for a key of at most `KEYED` letters) the `word_flags` of `key`.
    fn get(&self, key: Key) -> (u32, u8) {
        let mask = self.slots.len() - 1;
        let mut i = key.slot();
        while let Some(&Some((k, bits, flags))) = self.slots.get(i) {
            if k == key {
                return (bits, flags);
            }
            i = (i + 1) & mask;
        }
        (0, 0)
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::new);

/// The longest word of `WORDS`.
const LONGEST: usize = 10;

/// The letters a key holds whole.
const KEYED: usize = 8;

/// Whether a byte of class `class` (`number_starts::CLASS`) is an ASCII word byte.
fn is_word_class(class: u8) -> bool {
    matches!(class, LETTER | DIGIT | UNDERSCORE)
}

/// The list being built, each pattern's entries kept ascending.
struct Lists {
    list: Vec<(Pattern, usize)>,
    /// Each pattern's last entry.
    last: [Option<usize>; PATTERNS],
}

impl Lists {
    fn push(&mut self, pattern: Pattern, at: usize) {
        let last = &mut self.last[pattern as usize];
        if last.is_none_or(|last| last < at) {
            *last = Some(at);
            self.list.push((pattern, at));
        }
    }
}

/// Where each pattern may match in `s`; `None` when the whole text must be searched (it
/// holds "ſ" or "K", which the case-insensitive patterns read as "s" and "k").
#[cfg(test)]
pub(super) fn starts(s: &str) -> Option<Starts> {
    starts_and_numbers(s, &mut ())
}

/// As `starts`, and gives `numbers` the number extractors' starts of `s` (what
/// `number_starts::starts_of` reports), from the same pass over the words.
pub(super) fn starts_and_numbers(s: &str, numbers: &mut impl StartSink) -> Option<Starts> {
    let table: &Table = &TABLE;
    let b = s.as_bytes();
    let n = b.len();
    let mut lists = Lists {
        list: Vec::new(),
        last: [None; PATTERNS],
    };
    // Whether the text holds "ſ" or "K".
    let mut folds = false;
    // The "ago" amounts, kept only when some unit is followed by "ago".
    let mut amounts = Vec::new();
    let mut has_ago = false;
    // Runs of one or two digits (run index, start): "27" in "27 February".
    let mut days: Vec<(usize, usize)> = Vec::new();
    // The run before: its start and its word bits.
    let mut previous: (usize, u32) = (0, 0);
    let mut run = 0;
    let mut i = 0;
    while i < n {
        let c = b[i];
        let class = CLASS[usize::from(c)];
        if !is_word_class(class) {
            if class == NON_ASCII_LEAD && folds_to_ascii(b, i) {
                folds = true; // ſ, K
            }
            start_of_byte(b, i, class, false, numbers);
            i += 1;
            continue;
        }
        let start = i;
        let mut word = 0;
        if class == LETTER {
            let (len, letters, name) = letters_at(b, start);
            i = start + len;
            let mut flags = None;
            if (i == n || !is_word_class(CLASS[usize::from(b[i])])) && len <= LONGEST {
                let (bits, number_flags) = table.get(Key { letters, len });
                word = bits;
                // Month and weekday names count only capitalized ("January", not "JANUARY").
                if !name {
                    word &= !NAMES;
                }
                // A key of at most eight letters is the word: the table knows its flags.
                if len <= KEYED {
                    flags = Some(number_flags);
                }
            }
            letter_run(b, start, i, false, flags, numbers);
        } else if class == DIGIT {
            numbers.start(NumberStart::Digit {
                at: start,
                glued: false,
            });
            i += 1;
            while i < n && b[i].is_ascii_digit() {
                numbers.start(NumberStart::Digit { at: i, glued: true });
                i += 1;
            }
            let digits = i - start;
            let after = b.get(i).copied().unwrap_or(0);
            if digits == 4 {
                lists.push(Pattern::Year, start);
                if after == b'-' {
                    lists.push(Pattern::Iso, start);
                }
                if after == b's' {
                    lists.push(Pattern::Decade, start);
                }
            }
            if digits <= 2 {
                days.push((run, start));
            }
            if !is_word_class(CLASS[usize::from(after)]) {
                amounts.push(start);
            }
        } else {
            i += 1; // `_`
        }
        // The rest of the run of word bytes: no pattern starts there, but numbers may.
        while i < n {
            let class = CLASS[usize::from(b[i])];
            if class == LETTER {
                let letters = i;
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                letter_run(b, letters, i, true, None, numbers);
            } else if is_word_class(class) {
                start_of_byte(b, i, class, true, numbers);
                i += 1;
            } else {
                break;
            }
        }
        if word != 0 {
            push_word_starts(&mut lists, previous, (start, word));
            if word & MONTH != 0 {
                // "27 February", "27-28 February", "27 to 28 February", "27th of February":
                // the day is one of the four runs before.
                let near = days
                    .iter()
                    .rev()
                    .take_while(|&&(r, _)| r + 4 >= run)
                    .count();
                for &(_, at) in &days[days.len() - near..] {
                    lists.push(Pattern::DayFirst, at);
                }
            }
            if word & AMOUNT != 0 {
                amounts.push(start);
            }
            if word & AGO != 0 && previous.1 & AGO_UNIT != 0 {
                has_ago = true;
            }
        }
        previous = (start, word);
        run += 1;
    }
    if folds {
        return None;
    }
    if has_ago {
        lists
            .list
            .extend(amounts.into_iter().map(|at| (Pattern::Ago, at)));
    }
    Some(Starts { list: lists.list })
}

/// The starts a word gives, by itself or after the word before.
fn push_word_starts(
    lists: &mut Lists,
    (before_at, before): (usize, u32),
    (at, word): (usize, u32),
) {
    if word & MONTH != 0 {
        lists.push(Pattern::MonthFirst, at);
        lists.push(Pattern::MonthYear, at);
    }
    if word & FULL_MONTH != 0 && before & (CUE | MID) != 0 {
        lists.push(Pattern::MonthAlone, before_at);
    }
    if word & (WEEKDAY | WEEKDAY_ABBREV) != 0 {
        lists.push(Pattern::Weekday, at);
    }
    if word & (WEEKDAY | WEEKDAYS) != 0 {
        if before & WEEKDAY_MOD != 0 {
            lists.push(Pattern::WeekdayAlone, before_at);
        }
        lists.push(Pattern::WeekdayAlone, at);
    }
    if word & UNIT != 0 && before & UNIT_MOD != 0 {
        lists.push(Pattern::RelativeUnit, before_at);
    }
    if (word & NIGHT != 0 && before & LAST != 0) || (word & DAY_PART != 0 && before & THIS != 0) {
        lists.push(Pattern::DayWord, before_at);
    }
    if word & DAY_WORD != 0 {
        lists.push(Pattern::DayWord, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::number;
    use proptest::prelude::*;

    /// The date starts and the number starts of `text` from the one pass, and as the date
    /// pass alone and the number extractors' own pass (`number::Starts::of`) find them.
    fn one_pass_and_two(
        text: &str,
    ) -> (
        (Option<Starts>, number::Starts),
        (Option<Starts>, number::Starts),
    ) {
        let mut numbers = number::StartsBuilder::new(text);
        let dates = starts_and_numbers(text, &mut numbers);
        (
            (dates, numbers.finish()),
            (starts(text), number::Starts::of(text)),
        )
    }

    #[test]
    fn the_table_knows_the_flags_of_every_short_number_word() {
        for &word in FLAGGED_WORDS.iter().filter(|w| w.len() <= KEYED) {
            let upper = word.to_ascii_uppercase();
            for w in [word, upper.as_slice()] {
                let (_, flags) = TABLE.get(Key::of(w));
                assert_eq!(flags, word_flags(w), "{}", String::from_utf8_lossy(w));
            }
        }
        assert_eq!(TABLE.get(Key::of(b"the")).1, 0);
        assert_eq!(TABLE.get(Key::of(b"Monday")).1, 0);
    }

    #[test]
    fn one_pass_lists_the_starts_of_the_two() {
        for text in [
            "",
            "US$4 billion on Feb. 27, 2019, 3rd of March; twenty-two _x G7 days 1,200.5",
            "BUS$5 a ễ x3 3_x US$ and more than a dozen years ago, last Monday",
            "two dayſ ago, 5\u{212A}m, ſecond, a\u{a0}hundred, €4 £3 ¥2, 2019-02-23 1990s",
            "x_1US$ 12ab34 US $ about__ 7\u{a0}days approximately2 weeks",
        ] {
            let (one, two) = one_pass_and_two(text);
            assert_eq!(one, two, "{text:?}");
        }
    }

    const PIECES: &[&str] = &[
        "US$",
        "US",
        "$",
        "€",
        "£",
        "¥",
        "3rd",
        "21st",
        "twenty",
        "Twenty",
        "first",
        "A",
        "a",
        "an",
        "Hundred",
        "dozen",
        "days",
        "Year",
        "years",
        "ago",
        "more",
        "than",
        "and",
        "half",
        "about",
        "_",
        "x1",
        "G7",
        "é",
        "ễ",
        "ſ",
        "\u{212A}",
        "\u{a0}",
        "-",
        ",",
        ".",
        ":",
        "(",
        "1,200",
        "27",
        "2019",
        "2019-02-23",
        "1990s",
        "Feb.",
        "February",
        "MARCH",
        "Monday",
        "last",
        "in",
        "mid",
        "tonight",
        "the",
        "x",
        "1",
        " ",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn one_pass_lists_the_starts_of_the_two_in_any_text(
            text in crate::extract::testing::separated_text(PIECES, 16),
        ) {
            let (one, two) = one_pass_and_two(&text);
            prop_assert_eq!(one, two, "{:?}", text);
        }

        #[test]
        fn one_pass_lists_the_starts_of_the_two_in_junk(junk in "\\PC{0,80}") {
            let (one, two) = one_pass_and_two(&junk);
            prop_assert_eq!(one, two, "{:?}", junk);
        }
    }
}
