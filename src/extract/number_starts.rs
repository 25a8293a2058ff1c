//! The number and duration extractors' matches found without scanning the whole text with
//! their regexes: one pass over the bytes lists every place a match can start (a digit, a
//! word that can open a match, a currency sign, any non-ASCII char), and the regex runs
//! anchored at those places only. `find_at_starts` gives exactly `find_iter`'s matches when
//! the starts include every position where the regex has a match.

use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};
use std::ops::Range;

/// A regex run anchored at given positions of a text.
pub(crate) struct AnchoredRegex {
    regex: meta::Regex,
}

impl AnchoredRegex {
    /// `source` compiled as `number::compile` compiles it (ASCII word boundaries and digits).
    pub(crate) fn new(source: &str) -> AnchoredRegex {
        // Every pattern passed here is built from literals and covered by tests: cannot fail.
        let regex = meta::Regex::new(&super::number::ascii_source(source)).expect("valid regex");
        AnchoredRegex { regex }
    }

    /// The match that starts at byte `at` of `text`, if any: the one `find_iter` reports when
    /// its search reaches `at` (leftmost-first: the preferred match at the leftmost start).
    /// The text before `at` is still seen by the look-behind of `\b`.
    pub(crate) fn match_at(&self, text: &str, at: usize) -> Option<Range<usize>> {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        self.regex.find(input).map(|m| m.range())
    }

    /// The groups of the match that starts at byte `at` of `text`.
    pub(crate) fn captures_at(&self, text: &str, at: usize) -> Option<Captures> {
        let input = Input::new(text).range(at..).anchored(Anchored::Yes);
        let mut caps = self.regex.create_captures();
        self.regex.search_captures(&input, &mut caps);
        caps.is_match().then_some(caps)
    }

    /// `find_iter`'s matches in `text`, given (in ascending order) every position where a
    /// match can start, and maybe others: each search of `find_iter` resumes at the end of
    /// the last match and reports the match at the first position after it that has one.
    /// None of the patterns run this way matches the empty string.
    pub(crate) fn find_at_starts(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        let mut resume = 0;
        for at in starts {
            if at < resume {
                continue;
            }
            if let Some(m) = self.match_at(text, at) {
                // A non-empty match ends after it starts, so `resume` moves on.
                resume = m.end.max(at + 1);
                found.push(m);
            }
        }
        found
    }
}

/// A place where a match can start, or that ends a run of words a match can span, as
/// `starts_of` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// A run of ASCII letters `start..end`, with its `word_flags` (0 when `glued`: a
    /// letter, digit or `_` is before it, so no ASCII `\b` is); `open` when "ſ" or "K"
    /// (Kelvin) follows it: a case-insensitive literal can go on in them (they fold to "s"
    /// and "k"), so the word may be longer than the run. Reported when `open` or `flags` is
    /// not 0.
    Word {
        start: usize,
        end: usize,
        glued: bool,
        open: bool,
        flags: u8,
    },
    /// An ASCII digit; `glued` when a letter, digit or `_` is before it.
    Digit { at: usize, glued: bool },
    /// The first byte of a non-ASCII char; `folds` when it is "ſ" or "K" (the only chars
    /// other than ASCII letters that a case-insensitive ASCII letter matches), `currency`
    /// when it is "€", "£" or "¥".
    NonAscii {
        at: usize,
        folds: bool,
        currency: bool,
    },
    /// `$`, or the `U` of `US$`.
    Dollar { at: usize },
}

/// Where the starts of a text go, in text order: `start` takes each, `mark_break` tells that
/// a word or byte no duration spans came since the last (as `StartIter::take_break`).
pub(crate) trait StartSink {
    fn start(&mut self, start: Start);
    fn mark_break(&mut self);
}

/// No starts wanted.
impl StartSink for () {
    fn start(&mut self, _: Start) {}
    fn mark_break(&mut self) {}
}

/// Gives `sink` what `StartIter` reports for the run of ASCII letters `start..end` (a whole
/// run: no letter before nor after it), `glued` when a digit or `_` is right before it:
/// the word, the `US$` it may end, or the break an unreported word makes. For a pass over
/// the words of a text that is not `StartIter`'s; `start_of_byte` gives the rest.
#[inline(always)]
/// `known_flags`, when given, is `word_flags` of the run, looked up by the caller.
pub(crate) fn letter_run(
    bytes: &[u8],
    start: usize,
    end: usize,
    glued: bool,
    known_flags: Option<u8>,
    sink: &mut impl StartSink,
) {
    let after = bytes.get(end).copied().unwrap_or(0);
    let open = after >= 0x80 && folds_to_ascii(bytes, end);
    let word = bytes.get(start..end).unwrap_or(&[]);
    let flags = if glued {
        0
    } else if let Some(flags) = known_flags {
        flags
    } else if may_be_flagged(word) {
        word_flags(word)
    } else {
        0
    };
    if open || flags != 0 {
        sink.start(Start::Word {
            start,
            end,
            glued,
            open,
            flags,
        });
    } else {
        sink.mark_break();
    }
    // `US$` ends a run of letters (a `$` is not one).
    if after == b'$' && bytes.get(end.wrapping_sub(2)..end) == Some(b"US") {
        sink.start(Start::Dollar { at: end - 2 });
    }
}

/// Gives `sink` what `StartIter` reports for the byte at `at`, neither an ASCII letter nor
/// in a run of them, whose class (`CLASS`) is `class`.
#[inline(always)]
pub(crate) fn start_of_byte(
    bytes: &[u8],
    at: usize,
    class: u8,
    glued: bool,
    sink: &mut impl StartSink,
) {
    match class {
        DIGIT => sink.start(Start::Digit { at, glued }),
        NON_ASCII_LEAD => sink.start(Start::NonAscii {
            at,
            folds: folds_to_ascii(bytes, at),
            currency: currency_sign(bytes, at),
        }),
        DOLLAR => {
            sink.mark_break();
            sink.start(Start::Dollar { at });
        }
        BREAK => sink.mark_break(),
        _ => {}
    }
}

/// The longest word the extractors look up ("approximately").
pub(crate) const LONGEST_WORD: usize = 13;

#[cfg(test)]
impl Start {
    /// Where this start is in the text.
    pub(crate) fn at(&self) -> usize {
        match *self {
            Start::Word { start, .. } => start,
            Start::Digit { at, .. } | Start::NonAscii { at, .. } | Start::Dollar { at } => at,
        }
    }
}

/// Byte classes of the pass: an ASCII letter, digit, `_`, the first byte of a non-ASCII
/// char, `$`, an ASCII byte no duration spans (not white space, `,`, `.`, `-`, nor a word
/// byte), and the others.
const OTHER: u8 = 0;
pub(crate) const LETTER: u8 = 1;
pub(crate) const DIGIT: u8 = 2;
pub(crate) const UNDERSCORE: u8 = 3;
pub(crate) const NON_ASCII_LEAD: u8 = 4;
const DOLLAR: u8 = 5;
const BREAK: u8 = 6;

pub(crate) const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' {
            UNDERSCORE
        } else if c == b'$' {
            DOLLAR
        } else if c >= 0xC0 {
            NON_ASCII_LEAD
        } else if c < 0x80
            && !(c.is_ascii_whitespace() || c == 0x0B || c == b',' || c == b'.' || c == b'-')
        {
            BREAK
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// Whether `bytes[at..]` begins with "ſ" or "K" (Kelvin sign).
pub(crate) fn folds_to_ascii(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 2), Some([0xC5, 0xBF]))
        || matches!(bytes.get(at..at + 3), Some([0xE2, 0x84, 0xAA]))
}

/// Whether `bytes[at..]` begins with "€", "£" or "¥".
fn currency_sign(bytes: &[u8], at: usize) -> bool {
    matches!(bytes.get(at..at + 2), Some([0xC2, 0xA3 | 0xA5]))
        || matches!(bytes.get(at..at + 3), Some([0xE2, 0x82, 0xAC]))
}

/// The starts of `text`, in text order: every word that `word_flags` knows or that may go
/// on in a folding char, not glued to a word byte before it; every digit, non-ASCII char,
/// `$` and `US$`. `take_break` tells whether another word, or an ASCII byte but white space,
/// `,`, `.`, `-`, came before the start last reported: no duration spans those. Only these can begin a match of the extractors' patterns; each extractor keeps
/// those its pattern can begin with.
pub(crate) fn starts_of(text: &str) -> StartIter<'_> {
    StartIter {
        bytes: text.as_bytes(),
        at: 0,
        after_word: false,
        dollar: None,
        broken: false,
    }
}

/// The iterator of `starts_of`.
pub(crate) struct StartIter<'t> {
    bytes: &'t [u8],
    at: usize,
    /// Whether the byte before `at` is an ASCII word byte (letter, digit, `_`).
    after_word: bool,
    /// A `US$` ending the last word, to report next.
    dollar: Option<usize>,
    /// Whether a word or byte no duration spans was passed since `take_break`.
    broken: bool,
}

impl StartIter<'_> {
    /// Whether a word or byte no duration spans came before the last start (since the last
    /// call).
    pub(crate) fn take_break(&mut self) -> bool {
        std::mem::take(&mut self.broken)
    }
}

impl Iterator for StartIter<'_> {
    type Item = Start;

    // Inlined into the extractors' loops: this runs for every word of every text.
    #[inline(always)]
    fn next(&mut self) -> Option<Start> {
        if let Some(at) = self.dollar.take() {
            return Some(Start::Dollar { at });
        }
        let bytes = self.bytes;
        loop {
            let at = self.at;
            let b = *bytes.get(at)?;
            match CLASS[b as usize] {
                LETTER => {
                    let mut end = at + 1;
                    while bytes.get(end).is_some_and(|&c| CLASS[c as usize] == LETTER) {
                        end += 1;
                    }
                    self.at = end;
                    let glued = self.after_word;
                    self.after_word = true;
                    // `US$` ends a run of letters (a `$` is not one).
                    if bytes.get(end) == Some(&b'$')
                        && bytes.get(end.wrapping_sub(2)..end) == Some(b"US")
                    {
                        self.dollar = Some(end - 2);
                    }
                    let open =
                        bytes.get(end).is_some_and(|&c| c >= 0x80) && folds_to_ascii(bytes, end);
                    let word = bytes.get(at..end).unwrap_or(&[]);
                    let flags = if glued || !may_be_flagged(word) {
                        0
                    } else {
                        word_flags(word)
                    };
                    if open || flags != 0 {
                        return Some(Start::Word {
                            start: at,
                            end,
                            glued,
                            open,
                            flags,
                        });
                    }
                    self.broken = true;
                    if let Some(at) = self.dollar.take() {
                        return Some(Start::Dollar { at });
                    }
                }
                DIGIT => {
                    self.at = at + 1;
                    let glued = self.after_word;
                    self.after_word = true;
                    return Some(Start::Digit { at, glued });
                }
                UNDERSCORE => {
                    self.at = at + 1;
                    self.after_word = true;
                }
                NON_ASCII_LEAD => {
                    self.at = at + 1;
                    self.after_word = false;
                    return Some(Start::NonAscii {
                        at,
                        folds: folds_to_ascii(bytes, at),
                        currency: currency_sign(bytes, at),
                    });
                }
                DOLLAR => {
                    self.at = at + 1;
                    self.after_word = false;
                    self.broken = true;
                    return Some(Start::Dollar { at });
                }
                BREAK => {
                    self.at = at + 1;
                    self.after_word = false;
                    self.broken = true;
                }
                _ => {
                    self.at = at + 1;
                    self.after_word = false;
                }
            }
        }
    }
}

/// `word_flags` bits: the words that can open an ordinal ("first", "twenty" of
/// "twenty-first"), a number in words or a duration's amount ("eight", "a" of "a dozen"),
/// and a duration's hedge ("about", "more" of "more than").
pub(crate) const ORDINAL_WORD: u8 = 1;
pub(crate) const NUMBER_WORD: u8 = 2;
pub(crate) const HEDGE_WORD: u8 = 4;
/// A duration's unit ("years"), and the words of a duration that open none ("than" of
/// "more than", "and a half").
pub(crate) const UNIT_WORD: u8 = 8;
pub(crate) const LINK_WORD: u8 = 16;

/// Every word `word_flags` knows: `LENGTHS_BY_ENDS` is built from them.
pub(crate) const FLAGGED_WORDS: &[&[u8]] = &[
    b"a",
    b"an",
    b"zero",
    b"one",
    b"two",
    b"three",
    b"four",
    b"five",
    b"six",
    b"seven",
    b"eight",
    b"nine",
    b"ten",
    b"eleven",
    b"twelve",
    b"thirteen",
    b"fourteen",
    b"fifteen",
    b"sixteen",
    b"seventeen",
    b"eighteen",
    b"nineteen",
    b"twenty",
    b"thirty",
    b"forty",
    b"fifty",
    b"sixty",
    b"seventy",
    b"eighty",
    b"ninety",
    b"hundred",
    b"thousand",
    b"million",
    b"billion",
    b"trillion",
    b"dozen",
    b"first",
    b"second",
    b"third",
    b"fourth",
    b"fifth",
    b"sixth",
    b"seventh",
    b"eighth",
    b"ninth",
    b"tenth",
    b"eleventh",
    b"twelfth",
    b"thirteenth",
    b"fourteenth",
    b"fifteenth",
    b"sixteenth",
    b"seventeenth",
    b"eighteenth",
    b"nineteenth",
    b"twentieth",
    b"thirtieth",
    b"fortieth",
    b"fiftieth",
    b"sixtieth",
    b"seventieth",
    b"eightieth",
    b"ninetieth",
    b"hundredth",
    b"about",
    b"around",
    b"nearly",
    b"almost",
    b"roughly",
    b"approximately",
    b"some",
    b"more",
    b"less",
    b"fewer",
    b"over",
    b"under",
    b"at",
    b"up",
    b"close",
    b"upwards",
    b"barely",
    b"just",
    b"well",
    b"seconds",
    b"minute",
    b"minutes",
    b"hour",
    b"hours",
    b"day",
    b"days",
    b"week",
    b"weeks",
    b"month",
    b"months",
    b"year",
    b"years",
    b"decade",
    b"decades",
    b"century",
    b"centuries",
    b"than",
    b"least",
    b"most",
    b"to",
    b"of",
    b"exactly",
    b"and",
    b"half",
];

/// For each first and last letter (`a` is 0), the lengths (bit n for length n) of the
/// words `word_flags` knows: most words are turned away by this lookup alone.
const LENGTHS_BY_ENDS: [u16; 26 * 26] = {
    let mut table = [0u16; 26 * 26];
    let mut i = 0;
    while i < FLAGGED_WORDS.len() {
        let word = FLAGGED_WORDS[i];
        let ends = (word[0] - b'a') as usize * 26 + (word[word.len() - 1] - b'a') as usize;
        table[ends] |= 1 << word.len();
        i += 1;
    }
    table
};

/// Whether `word_flags` may know the ASCII word `word` (letters only, any case): false for
/// most words, by one table lookup.
#[inline(always)]
fn may_be_flagged(word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    // Letters only: setting bit 5 lower-cases them.
    let (first, last) = (first | 0x20, last | 0x20);
    let ends = (first.wrapping_sub(b'a') as usize) * 26 + last.wrapping_sub(b'a') as usize;
    LENGTHS_BY_ENDS
        .get(ends)
        .is_some_and(|&lengths| word.len() <= LONGEST_WORD && lengths & (1 << word.len()) != 0)
}

/// What the ASCII word `word` (letters only, any case) is to the extractors
/// (`ORDINAL_WORD`, `NUMBER_WORD`, `HEDGE_WORD`, `UNIT_WORD`, `LINK_WORD` bits), 0 for most
/// words.
pub(crate) fn word_flags(word: &[u8]) -> u8 {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return 0;
    };
    // Letters only: setting bit 5 lower-cases them.
    let (first, last) = (first | 0x20, last | 0x20);
    if word.len() > LONGEST_WORD || !first.is_ascii_lowercase() || !last.is_ascii_lowercase() {
        return 0;
    }
    let ends = (first - b'a') as usize * 26 + (last - b'a') as usize;
    let lengths = LENGTHS_BY_ENDS.get(ends).copied().unwrap_or(0);
    if lengths & (1 << word.len()) == 0 {
        return 0;
    }
    let mut lower = [0u8; LONGEST_WORD];
    for (l, &b) in lower.iter_mut().zip(word) {
        *l = b | 0x20;
    }
    match lower.get(..word.len()).unwrap_or(&[]) {
        b"a" | b"an" | b"zero" | b"one" | b"two" | b"three" | b"four" | b"five" | b"six"
        | b"seven" | b"eight" | b"nine" | b"ten" | b"eleven" | b"twelve" | b"thirteen"
        | b"fourteen" | b"fifteen" | b"sixteen" | b"seventeen" | b"eighteen" | b"nineteen"
        | b"hundred" | b"thousand" | b"million" | b"billion" | b"trillion" | b"dozen" => {
            NUMBER_WORD
        }
        b"twenty" | b"thirty" | b"forty" | b"fifty" | b"sixty" | b"seventy" | b"eighty"
        | b"ninety" => NUMBER_WORD | ORDINAL_WORD,
        b"second" => ORDINAL_WORD | UNIT_WORD,
        b"first" | b"third" | b"fourth" | b"fifth" | b"sixth" | b"seventh" | b"eighth"
        | b"ninth" | b"tenth" | b"eleventh" | b"twelfth" | b"thirteenth" | b"fourteenth"
        | b"fifteenth" | b"sixteenth" | b"seventeenth" | b"eighteenth" | b"nineteenth"
        | b"twentieth" | b"thirtieth" | b"fortieth" | b"fiftieth" | b"sixtieth" | b"seventieth"
        | b"eightieth" | b"ninetieth" | b"hundredth" => ORDINAL_WORD,
        b"about" | b"around" | b"nearly" | b"almost" | b"roughly" | b"approximately" | b"some"
        | b"more" | b"less" | b"fewer" | b"over" | b"under" | b"at" | b"up" | b"close"
        | b"upwards" | b"barely" | b"just" | b"well" => HEDGE_WORD,
        b"seconds" | b"minute" | b"minutes" | b"hour" | b"hours" | b"day" | b"days" | b"week"
        | b"weeks" | b"month" | b"months" | b"year" | b"years" | b"decade" | b"decades"
        | b"century" | b"centuries" => UNIT_WORD,
        b"than" | b"least" | b"most" | b"to" | b"of" | b"exactly" | b"and" | b"half" => LINK_WORD,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flagged_word_passes_the_first_letter_table() {
        for word in FLAGGED_WORDS {
            assert_ne!(word_flags(word), 0, "{}", String::from_utf8_lossy(word));
        }
        assert_eq!(word_flags(b"the"), 0);
        assert_eq!(word_flags(b"secondly"), 0);
        assert_eq!(word_flags(b"Twenty"), NUMBER_WORD | ORDINAL_WORD);
        assert_eq!(word_flags(b""), 0);
    }

    #[test]
    fn starts_are_in_text_order() {
        let seen: Vec<usize> = starts_of("BUS$5 a ễ x3 3_x US$ and")
            .map(|s| s.at())
            .collect();
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted);
        assert!(seen.contains(&1), "{seen:?}");
    }
}
