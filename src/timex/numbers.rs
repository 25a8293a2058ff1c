//! Numbers as news writes them before a time unit: digits ("14", "1,200", "5 1/2"), words
//! ("eight", "twenty four", "twenty-two", "a hundred"), ordinals ("third", "20th") and years
//! spoken as words ("nineteen ninety-six", "two thousand").

use super::Cx;
use super::tokens::TokenKind;
use crate::text::number_words::{TEENS, TENS, UNITS};

/// A number read from tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Token index just past the number.
    pub end: usize,
    /// Written in words ("eight") rather than digits.
    pub in_words: bool,
}

/// The words of one to nine, ten to nineteen and the tens from twenty, in order of value: what
/// [`cardinal`] reads, and what the gate lets through to it (`lexicon::may_start_number_words`).
pub(super) const UNIT_WORDS: &[&str] = match UNITS.split_first() {
    // "zero" counts nothing before a unit: the tagger starts at one.
    Some((_, one_to_nine)) => one_to_nine,
    None => &[],
};
pub(super) const TEEN_WORDS: &[&str] = &TEENS;
pub(super) const TENS_WORDS: &[&str] = &TENS;

/// The position of `word` in `words`, from `first` up: its value.
fn value_in(words: &[&str], word: &str, first: u32) -> Option<u32> {
    (first..)
        .zip(words)
        .find_map(|(v, w)| (*w == word).then_some(v))
}

fn unit_word(word: &str) -> Option<u32> {
    value_in(UNIT_WORDS, word, 1)
}

fn teen_word(word: &str) -> Option<u32> {
    value_in(TEEN_WORDS, word, 10)
}

fn tens_word(word: &str) -> Option<u32> {
    value_in(TENS_WORDS, word, 2).map(|t| t * 10)
}

/// The ordinal a word names: "first" -> 1, "twentieth" -> 20.
pub fn ordinal_word(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// A number below 100 in words starting at token `i`: "eight", "twenty four", "twenty-four".
fn below_hundred(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let w = cx.w(i);
    if let Some(v) = unit_word(w).or_else(|| teen_word(w)) {
        return Some((v, i + 1));
    }
    let tens = tens_word(w)?;
    // "twenty four", "twenty-four": the hyphen must join the words without spaces.
    let (unit_at, _) = if cx.w(i + 1) == "-" && cx.joined(i) && cx.joined(i + 1) {
        (i + 2, ())
    } else {
        (i + 1, ())
    };
    match unit_word(cx.w(unit_at)) {
        Some(u) => Some((tens + u, unit_at + 1)),
        None => Some((tens, i + 1)),
    }
}

/// A cardinal number at token `i`, in digits or words. Rules ask this of the same tokens
/// several times over, so the last answers are kept (`Cx::cardinal_memo`).
pub fn cardinal(cx: &Cx, i: usize) -> Option<Number> {
    let slot = &cx.cardinal_memo[i % cx.cardinal_memo.len()];
    if let Some((at, number)) = slot.get()
        && at == i
    {
        return number;
    }
    let number = cardinal_at(cx, i);
    slot.set(Some((i, number)));
    number
}

/// The value of a string of ASCII digits, as `str::parse::<f64>` gives it: up to 15 digits
/// the integer is exact in an `f64`, so it is summed directly; longer ones are parsed.
fn digits_value(digits: &str) -> Option<f64> {
    if digits.is_empty() || digits.len() > 15 {
        return digits.parse().ok();
    }
    let mut value: u64 = 0;
    for b in digits.bytes() {
        value = value * 10 + u64::from(b.wrapping_sub(b'0'));
    }
    Some(value as f64)
}

/// The number `{whole}.{fraction}` reads as: `format!("{whole}.{fraction}").parse()`. A
/// whole part below 10^15 is an integer an `f64` holds exactly and `Display` writes as its
/// digits, so the text is built from those digits without the formatter.
fn decimal_value(whole: f64, fraction: &str) -> Option<f64> {
    if !(0.0..1e15).contains(&whole) || whole.fract() != 0.0 {
        return format!("{whole}.{fraction}").parse().ok();
    }
    // Below 10^15 and integral: the conversion is exact.
    let mut digits = whole as u64;
    let mut text = [0u8; 16];
    let mut start = text.len();
    loop {
        start -= 1;
        text[start] = b'0' + (digits % 10) as u8;
        digits /= 10;
        if digits == 0 {
            break;
        }
    }
    let mut decimal = String::with_capacity(text.len() - start + 1 + fraction.len());
    decimal.extend(text[start..].iter().map(|&b| char::from(b)));
    decimal.push('.');
    decimal.push_str(fraction);
    decimal.parse().ok()
}

/// [`cardinal`], computed.
fn cardinal_at(cx: &Cx, i: usize) -> Option<Number> {
    if cx.kind(i) == Some(TokenKind::Number) {
        let raw = cx.w(i);
        if !raw.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut value: f64 = digits_value(raw)?;
        let mut end = i + 1;
        // "1,200": thousands groups written without spaces.
        while cx.w(end) == ","
            && cx.joined(end - 1)
            && cx.joined(end)
            && cx.w(end + 1).len() == 3
            && cx.w(end + 1).bytes().all(|b| b.is_ascii_digit())
        {
            value = value * 1000.0 + cx.w(end + 1).parse::<f64>().ok()?;
            end += 2;
        }
        // "5 1/2": a fraction after a space.
        if cx.w(end + 1) == "/" && cx.joined(end) && cx.joined(end + 1) {
            if let (Ok(num), Ok(den)) = (cx.w(end).parse::<f64>(), cx.w(end + 2).parse::<f64>())
                && den > 0.0
                && num < den
            {
                value += num / den;
                end += 3;
            }
        } else if cx.w(end) == "."
            && cx.joined(end - 1)
            && cx.joined(end)
            && cx.kind(end + 1) == Some(TokenKind::Number)
        {
            // "1.5": a decimal point between digits.
            value = decimal_value(value, cx.w(end + 1))?;
            end += 2;
        }
        return Some(Number {
            value,
            end,
            in_words: false,
        });
    }
    // Only a number word starts a number in words (the gate table marks them): most tokens
    // are told so without comparing them with every number word.
    if !super::lexicon::may_start_number_words(cx, i) {
        debug_assert!(
            in_words(cx, i).is_none(),
            "a number in words starts at {:?}: lexicon::number_words must give it",
            cx.w(i)
        );
        return None;
    }
    in_words(cx, i)
}

/// [`cardinal_at`] for a number in words.
fn in_words(cx: &Cx, i: usize) -> Option<Number> {
    let w = cx.w(i);
    // "a hundred", "a dozen", "a couple of"
    if w == "a" || w == "an" {
        return match cx.w(i + 1) {
            "hundred" => Some(Number {
                value: 100.0,
                end: i + 2,
                in_words: true,
            }),
            "dozen" => Some(Number {
                value: 12.0,
                end: i + 2,
                in_words: true,
            }),
            "couple" if cx.w(i + 2) == "of" => Some(Number {
                value: 2.0,
                end: i + 3,
                in_words: true,
            }),
            _ => None,
        };
    }
    if w == "couple" && cx.w(i + 1) == "of" {
        return Some(Number {
            value: 2.0,
            end: i + 2,
            in_words: true,
        });
    }
    if w == "dozen" {
        return Some(Number {
            value: 12.0,
            end: i + 1,
            in_words: true,
        });
    }
    let (mut value, mut end) = below_hundred(cx, i)?;
    match cx.w(end) {
        "hundred" => {
            value *= 100;
            end += 1;
            let rest_at = if cx.w(end) == "and" { end + 1 } else { end };
            if let Some((rest, after)) = below_hundred(cx, rest_at) {
                value += rest;
                end = after;
            }
        }
        "thousand" => {
            value *= 1000;
            end += 1;
        }
        _ => {}
    }
    Some(Number {
        value: f64::from(value),
        end,
        in_words: true,
    })
}

/// An ordinal at token `i`: "third", "20th", "21st".
pub fn ordinal(cx: &Cx, i: usize) -> Option<(u32, usize)> {
    let w = cx.w(i);
    if cx.kind(i) == Some(TokenKind::Number) {
        let digits_end = w.find(|c: char| !c.is_ascii_digit())?;
        let (digits, suffix) = w.split_at(digits_end);
        return matches!(suffix, "st" | "nd" | "rd" | "th")
            .then(|| digits.parse().ok())
            .flatten()
            .map(|n| (n, i + 1));
    }
    if let Some(n) = ordinal_word(w) {
        return Some((n, i + 1));
    }
    // "twenty-first"
    let tens = tens_word(w)?;
    let at = if cx.w(i + 1) == "-" { i + 2 } else { i + 1 };
    let unit = ordinal_word(cx.w(at)).filter(|&u| u < 10)?;
    Some((tens + unit, at + 1))
}

/// A year spoken in words: "nineteen ninety-six", "nineteen eighty", "two thousand",
/// "two thousand and one".
pub fn year_words(cx: &Cx, i: usize) -> Option<(i32, usize)> {
    let w = cx.w(i);
    if w == "two" && cx.w(i + 1) == "thousand" {
        let mut end = i + 2;
        let mut year = 2000;
        let rest_at = if cx.w(end) == "and" { end + 1 } else { end };
        if let Some((rest, after)) = below_hundred(cx, rest_at) {
            year += rest as i32;
            end = after;
        }
        return Some((year, end));
    }
    let century = teen_word(w).filter(|&c| c >= 11)?;
    let (rest, end) = below_hundred(cx, i + 1)?;
    if rest < 10 {
        // "nineteen five" is not how years are read; "nineteen oh five" is too rare to matter.
        return None;
    }
    Some((century as i32 * 100 + rest as i32, end))
}

#[cfg(test)]
mod digit_tests {
    use super::{decimal_value, digits_value};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn decimals_read_as_the_formatted_text_parses(
            whole in prop_oneof![0u64..1000, 0u64..2_000_000_000_000_000],
            fraction in "[0-9a-z]{0,6}",
        ) {
            let whole = whole as f64;
            prop_assert_eq!(
                decimal_value(whole, &fraction),
                format!("{whole}.{fraction}").parse::<f64>().ok()
            );
        }

        #[test]
        fn digits_read_as_parse_reads_them(digits in "[0-9]{0,20}") {
            prop_assert_eq!(digits_value(&digits), digits.parse::<f64>().ok());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Cx;
    use super::*;

    fn read<T>(text: &str, f: impl Fn(&Cx) -> T) -> T {
        let cx = Cx::new(text);
        f(&cx)
    }

    #[test]
    fn reads_cardinals_in_digits_and_words() {
        let value = |t: &str| read(t, |cx| cardinal(cx, 0).map(|n| (n.value, n.end)));
        assert_eq!(value("eight months"), Some((8.0, 1)));
        assert_eq!(value("twenty four hours"), Some((24.0, 2)));
        assert_eq!(value("twenty-two years"), Some((22.0, 3)));
        assert_eq!(value("1,200 days"), Some((1200.0, 3)));
        assert_eq!(value("5 1/2 hours"), Some((5.5, 4)));
        assert_eq!(value("a couple of years"), Some((2.0, 3)));
        assert_eq!(value("one hundred and five days"), Some((105.0, 4)));
        assert_eq!(value("years"), None);
    }

    #[test]
    fn reads_ordinals() {
        let value = |t: &str| read(t, |cx| ordinal(cx, 0));
        assert_eq!(value("third quarter"), Some((3, 1)));
        assert_eq!(value("20th century"), Some((20, 1)));
        assert_eq!(value("twenty-first century"), Some((21, 3)));
        assert_eq!(value("20 years"), None);
    }

    #[test]
    fn reads_years_in_words() {
        let value = |t: &str| read(t, |cx| year_words(cx, 0));
        assert_eq!(value("nineteen ninety-six"), Some((1996, 4)));
        assert_eq!(value("nineteen seventy-nine"), Some((1979, 4)));
        assert_eq!(value("two thousand"), Some((2000, 2)));
        assert_eq!(value("nineteen people"), None);
    }
}
