//! Names: runs of capitalized words that are not reference names. They are the candidates of
//! the spelling check ("Ri Yong Hoo" for "Ri Yong Ho"); an unknown name that resembles no
//! reference name is simply someone the reference does not know.

use super::claim::{Claim, ClaimKind, ClaimValue, NameClaim};
use crate::document::Document;
use crate::text::fold_name;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Two or more capitalized words in a row ("Ri Yong Hoo", "Kim Jong-unn").
static NAME_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}-]*(?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)\p{Lu}[\p{L}-]*)+")
        .expect("a valid, fixed pattern")
});

/// The matches of `NAME_RUN` in `text`, left to right. On ASCII text (nearly every story) a
/// scan finds them without the regex: there `\p{Lu}` is `[A-Z]` and `\p{L}` is `[A-Za-z]`,
/// and the regex's greedy choices come down to taking capitalized words, each after a
/// separator, while there is one.
fn name_runs(text: &str) -> Vec<Range<usize>> {
    if !text.is_ascii() {
        return NAME_RUN.find_iter(text).map(|m| m.range()).collect();
    }
    let bytes = text.as_bytes();
    let is_upper = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_uppercase);
    // The end of `[\p{L}-]*` from `at`.
    let letters = |mut at: usize| {
        while bytes
            .get(at)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'-')
        {
            at += 1;
        }
        at
    };
    let blanks = |mut at: usize| {
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        at
    };
    // The capital after a separator that starts at `at` (`[ \t]+`, or `[ \t]*\r?\n[ \t]*`).
    let next_capital = |at: usize| -> Option<usize> {
        let after = blanks(at);
        if after > at && is_upper(after) {
            return Some(after);
        }
        let mut i = after;
        if bytes.get(i) == Some(&b'\r') {
            i += 1;
        }
        if bytes.get(i) != Some(&b'\n') {
            return None;
        }
        let i = blanks(i + 1);
        is_upper(i).then_some(i)
    };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(capital) = next_ascii_capital(bytes, at) {
        at = capital;
        let mut end = letters(at + 1);
        let mut words = 1;
        while let Some(capital) = next_capital(end) {
            end = letters(capital + 1);
            words += 1;
        }
        if words >= 2 {
            out.push(at..end);
        }
        // A run that is one word fails from any capital inside it too: go on after it.
        at = end;
    }
    out
}

/// The offset of the first ASCII capital of `bytes` at or after `from`. Stories are mostly
/// lower case: eight bytes are tested at a time. `bytes` must be ASCII (each byte below
/// 0x80), for which the test is exact.
pub(super) fn next_ascii_capital(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Adding these sets the high bit of a byte below 0x80 when it is at least 'A' (at least
    // '['), with no carry into the next byte.
    const FROM_A: u64 = ONES * (0x80 - b'A' as u64);
    const PAST_Z: u64 = ONES * (0x80 - b'[' as u64);
    const HIGH: u64 = ONES * 0x80;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        let capitals = (x + FROM_A) & !(x + PAST_Z) & HIGH;
        if capitals != 0 {
            // Little-endian: the lowest set byte is the first capital.
            return Some(at + (capitals.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter().position(u8::is_ascii_uppercase).map(|i| at + i)
}

/// Runs of capitalized words, minus the parts already recognized as mentions.
pub fn extract(doc: &Document, known: &[Range<usize>]) -> Vec<Claim> {
    let mut claims = Vec::new();
    // One buffer for every run's pieces, emptied by the `drain` that reads them.
    let mut pieces = Vec::new();
    for run in name_runs(&doc.text) {
        // The parts of the run outside known mentions: "U.S. President Donald Trump" leaves
        // nothing. `known` is sorted by start.
        let first = known.partition_point(|k| k.end <= run.start);
        let mut at = run.start;
        for k in known[first..].iter().take_while(|k| k.start < run.end) {
            if k.start > at {
                pieces.push(at..k.start);
            }
            at = at.max(k.end);
        }
        if at < run.end {
            pieces.push(at..run.end);
        }
        for piece in pieces.drain(..) {
            let raw = &doc.text[piece.clone()];
            let text = raw.trim();
            let start = piece.start + (raw.len() - raw.trim_start().len());
            let span = start..start + text.len();
            let two_words = text
                .split([' ', '\t', '\n', '\r'])
                .filter(|w| !w.is_empty())
                .nth(1)
                .is_some();
            if !two_words || !text.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            claims.push(Claim {
                kind: ClaimKind::Name,
                text: text.to_string(),
                sentence: doc.sentence_at(span.start),
                span,
                value: ClaimValue::Name(NameClaim {
                    folded: fold_name(text),
                }),
            });
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_regex(text: &str) -> Vec<Range<usize>> {
        NAME_RUN.find_iter(text).map(|m| m.range()).collect()
    }

    #[test]
    fn the_ascii_scan_finds_what_the_regex_finds() {
        for text in [
            "",
            "Ri Yong Hoo met Kim Jong-unn. A B, AB CD",
            "xMcDonald Smith and  ABc Def\r\nGhi \t\n Jk \n\nLm No\rPq",
            "Kim \r Jong Un -Moon Jae-in- X\nY Z-",
        ] {
            assert_eq!(name_runs(text), by_regex(text), "{text:?}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]
            #[test]
            fn the_next_capital_is_the_first_capital(
                text in "[\\x00-\\x7f]{0,40}", from in 0usize..44
            ) {
                let bytes = text.as_bytes();
                let first = bytes
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find(|(_, b)| b.is_ascii_uppercase())
                    .map(|(i, _)| i);
                prop_assert_eq!(next_ascii_capital(bytes, from), first);
            }

            #[test]
            fn the_ascii_scan_finds_what_the_regex_finds_in_any_ascii_text(
                text in "[A-Ca-c0-9_ .,'\\-\t\r\n]{0,40}"
            ) {
                prop_assert_eq!(name_runs(&text), by_regex(&text));
            }
        }
    }
}
