//! Splitting paragraphs into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any
//! closing quotes or brackets after it) followed by whitespace and a word that does not start
//! with a lowercase letter; abbreviations ("U.S.", "Feb.", "Gen.", "Dr."), initials ("Donald J.
//! Trump") and "a.m."/"p.m." before a lowercase word do not end one.

use rustc_hash::FxHashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// Abbreviations that never end a sentence (compared case-sensitively, with their final dot).
const ABBREVIATIONS: &[&str] = &[
    // Months.
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
    // Titles and ranks.
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Mmes.", "Dr.", "Drs.", "Prof.", "Rev.", "Hon.", "Pres.",
    "Gen.", "Gens.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Brig.", "Sgt.", "Cpl.",
    "Pvt.", "Gov.", "Govs.", "Sen.", "Sens.", "Rep.", "Reps.", "Amb.", "Supt.", "Det.", "Insp.",
    "Jr.", "Sr.", "Esq.", "St.", "Mt.", "Ft.", "Ave.", "Blvd.",
    // Companies and references.
    "Inc.", "Corp.", "Co.", "Cos.", "Ltd.", "Bros.", "No.", "Nos.", "Vol.", "Fig.", "vs.", "v.",
    "approx.", "cf.", "al.", "e.g.", "i.e.",
];

/// Closing punctuation that belongs to the sentence it follows.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Punctuation that can open a word ("(U.S." or "“Dr.").
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '*' | '_'
    )
}

/// Splits each paragraph (a range of `text`) into sentences. Ranges that are out of bounds or
/// not on char boundaries are skipped.
pub(crate) fn split(text: &str, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for p in paragraphs {
        if let Some(para) = text.get(p.clone()) {
            split_paragraph(para, p.start, &mut out);
        }
    }
    out
}

fn split_paragraph(para: &str, base: usize, out: &mut Vec<Range<usize>>) {
    // Only a terminator can end a sentence, and only the first char that is not white space
    // after one can start the next: the text between is skipped a byte at a time, without
    // decoding it into chars (as `split_paragraph_by_chars`, the tests' reference, does).
    let bytes = para.as_bytes();
    // On ASCII text (most news copy) the terminators are three bytes a SIMD search finds.
    let ascii = para.is_ascii();
    let mut start: Option<usize> = None;
    let mut at = 0;
    loop {
        if start.is_none() {
            match para
                .get(at..)
                .and_then(|rest| rest.find(|c: char| !c.is_whitespace()))
            {
                Some(offset) => {
                    at += offset;
                    start = Some(at);
                }
                None => return,
            }
        }
        // The next terminator: `.`, `!`, `?`, or `…` (whose first byte, 0xE2, other chars
        // share: those are checked as chars).
        let Some(offset) = bytes.get(at..).and_then(|rest| {
            if ascii {
                memchr::memchr3(b'.', b'!', b'?', rest)
            } else {
                rest.iter()
                    .position(|b| matches!(b, b'.' | b'!' | b'?' | 0xE2))
            }
        }) else {
            break;
        };
        let i = at + offset;
        let Some(c) = para.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        let mut last_end = at;
        // Take the rest of the terminator run ("?!", "...") and the closers after it.
        let mut run_len = 1;
        let mut next = None;
        for d in para.get(at..).unwrap_or_default().chars() {
            if is_terminator(d) {
                run_len += 1;
            } else if !is_closer(d) {
                next = Some(d);
                break;
            }
            last_end += d.len_utf8();
        }
        at = last_end;
        // A sentence ends only before whitespace.
        let Some(next) = next else {
            break;
        };
        if !next.is_whitespace() {
            continue;
        }
        let next_word = para
            .get(last_end..)
            .map(str::trim_start)
            .unwrap_or_default();
        let Some(sentence_start) = start else {
            continue;
        };
        if ends_sentence(para, sentence_start, i, c, run_len, next_word) {
            out.push(base + sentence_start..base + last_end);
            start = None;
        }
    }
    // The paragraph's last sentence runs to its last char that is not white space.
    if let Some(s) = start {
        let end = para.trim_end_matches(char::is_whitespace).len();
        out.push(base + s..base + end.max(s));
    }
}

/// Whether the terminator `c` at `at` (the first of a run of `run_len`) ends the sentence that
/// started at `start`, given the word that follows.
fn ends_sentence(
    para: &str,
    start: usize,
    at: usize,
    c: char,
    run_len: usize,
    next_word: &str,
) -> bool {
    let Some(next) = next_word.chars().next() else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if c != '.' || run_len != 1 {
        return true;
    }
    // The word the dot ends, back to whitespace or an opening quote or bracket.
    let before = para.get(start..at).unwrap_or_default();
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| ch.is_whitespace() || is_opener(ch))
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let word = before.get(word_start..).unwrap_or_default();
    let with_dot = para.get(start + word_start..at + 1).unwrap_or_default();
    if word == "a.m" || word == "p.m" {
        // "at 9 a.m. local time" goes on; "at 9 a.m. The talks" is lowercase-tested above.
        return true;
    }
    if is_abbreviation(with_dot) {
        return false;
    }
    // A single capital initial ("Donald J. Trump").
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        return false;
    }
    // Dotted acronyms: "U.S", "U.N", "D.C".
    if is_dotted_acronym(word) {
        return false;
    }
    true
}

fn is_abbreviation(with_dot: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| ABBREVIATIONS.iter().copied().collect())
        .contains(with_dot)
}

/// Letters separated by single dots, at least two letters: "U.S", "U.K", "D.C".
fn is_dotted_acronym(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for ch in word.chars() {
        if expect_letter {
            if !ch.is_alphabetic() {
                return false;
            }
            letters += 1;
        } else if ch != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    letters >= 2 && !expect_letter
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char loop `split_paragraph` replaced: the reference it must agree with.
    fn split_paragraph_by_chars(para: &str, base: usize, out: &mut Vec<Range<usize>>) {
        let mut start: Option<usize> = None;
        let mut last_end = 0;
        let mut chars = para.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
            if !is_terminator(c) {
                continue;
            }
            let mut run_len = 1;
            while let Some(&(j, d)) = chars.peek() {
                if is_terminator(d) {
                    run_len += 1;
                } else if !is_closer(d) {
                    break;
                }
                last_end = j + d.len_utf8();
                chars.next();
            }
            let Some(&(_, next)) = chars.peek() else {
                break;
            };
            if !next.is_whitespace() {
                continue;
            }
            let next_word = para
                .get(last_end..)
                .map(str::trim_start)
                .unwrap_or_default();
            let Some(sentence_start) = start else {
                continue;
            };
            if ends_sentence(para, sentence_start, i, c, run_len, next_word) {
                out.push(base + sentence_start..base + last_end);
                start = None;
            }
        }
        if let Some(s) = start {
            out.push(base + s..base + last_end);
        }
    }

    fn agrees_with_chars(para: &str) {
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        split_paragraph(para, 7, &mut fast);
        split_paragraph_by_chars(para, 7, &mut slow);
        assert_eq!(fast, slow, "{para:?}");
    }

    #[test]
    fn the_byte_scan_splits_as_the_char_loop() {
        for para in [
            "",
            "   ",
            "One. Two! Three? Four… five. Six",
            "The U.S. envoy met Gen. Kim on Feb. 27 at 9 a.m. local time. Donald J. Trump left.",
            "“Soon.” KCNA said so. \"Yes!\" he said.  Why?!  Because (it was planned.) The end…  ",
            "Prices rose 1.5 pct to 4.5 dlrs...   Traders said. It “ended”… Then\u{2003}more.\u{2003}",
            "a.\u{00A0}B. c.\tD.\nE. é. É… €. …",
            "...",
            ". . .",
            "End.)",
            "x.’ Y",
        ] {
            agrees_with_chars(para);
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]
            #[test]
            fn the_byte_scan_splits_any_text_as_the_char_loop(
                para in "[a-zA-Z .!?…\u{2026}\u{2019}\u{201D}\u{2003}\u{00A0}\"'()€é\t\n]{0,60}"
            ) {
                agrees_with_chars(&para);
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text, std::slice::from_ref(&(0..text.len())))
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "The U.S. envoy met Gen. Kim on Feb. 27 at 9 a.m. local time. \
                    Donald J. Trump arrived at 10 p.m. The summit, said Sen. Smith of Apple Inc. \
                    and Dr. No, was set. It ended.";
        assert_eq!(
            sentences(text),
            [
                "The U.S. envoy met Gen. Kim on Feb. 27 at 9 a.m. local time.",
                "Donald J. Trump arrived at 10 p.m.",
                "The summit, said Sen. Smith of Apple Inc. and Dr. No, was set.",
                "It ended."
            ]
        );
    }

    #[test]
    fn quotes_after_the_period_belong_to_the_sentence() {
        let text = "Kim will visit Vietnam “soon.” KCNA said so. \"Yes!\" he said. Why? \
                    Because (it was planned.) The end…  Really";
        assert_eq!(
            sentences(text),
            [
                "Kim will visit Vietnam “soon.”",
                "KCNA said so.",
                "\"Yes!\" he said.",
                "Why?",
                "Because (it was planned.)",
                "The end…",
                "Really"
            ]
        );
    }

    #[test]
    fn numbers_and_urls_do_not_end_sentences() {
        assert_eq!(
            sentences("It rose 1.2 percent to $4.5 billion. See example.com now."),
            [
                "It rose 1.2 percent to $4.5 billion.",
                "See example.com now."
            ]
        );
    }

    #[test]
    fn seed_story_paragraph() {
        let text = "The delegation accompanying Kim to Hanoi includes top North Korean officials \
                    who took part in last year’s expanded summit talks between Kim and Trump in \
                    Singapore, including top envoy to the U.S. Kim Yong Chol, vice chairman of the \
                    central committee of North Korea’s Worker’s Party Ri Su Yong, and foreign \
                    minister Ri Yong Ho.";
        assert_eq!(sentences(text), [text]);
        let text = "A train believed to carry North Korean leader Kim Jong Un is pictured in the \
                    Chinese border city of Dandong, China in this photo taken by Kyodo on \
                    February 23, 2019. Kyodo via REUTERS";
        assert_eq!(sentences(text).len(), 2);
        assert_eq!(sentences(text)[1], "Kyodo via REUTERS");
    }

    #[test]
    fn ranges_skip_whitespace_and_respect_paragraphs() {
        let text = "  One. Two\n\nThree.  ";
        let ranges = split(text, &[2..10, 12..18]);
        assert_eq!(ranges, vec![2..6, 7..10, 12..18]);
        assert!(split(text, &[0..99, 1..1]).is_empty());
    }
}
