//! One pass over the text: words, numbers and punctuation with their byte offsets, and the
//! sentence each belongs to. The grammar works on these tokens only, so no pattern ever
//! re-scans the text.

use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits after them ("Q3" is a word).
    Word,
    /// Starts with a digit: "1998", "20th", "1990s", "24".
    Number,
    /// Any other single non-space character: "-", ".", ",", "'", ":".
    Punct,
}

/// One token: its byte range in the text, the same bytes with ASCII letters lowered (what the
/// grammar compares), and its sentence.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Range<usize>,
    /// `lower[span]`: kept so reading a word is a load, not a slice of the text.
    pub word: &'a str,
    pub kind: TokenKind,
    /// Whether the token's first character is uppercase.
    pub capitalized: bool,
    /// The may-start gate's bits for the word (`lexicon::set_gate_bits`); 0 until set.
    pub gate: u8,
    /// Index of the sentence the token is in, counted from 0.
    pub sentence: usize,
}

/// Abbreviations whose trailing period does not end a sentence.
fn is_non_final_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "mr"
            | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "gen"
            | "gov"
            | "sen"
            | "rep"
            | "lt"
            | "col"
            | "sgt"
            | "capt"
            | "prof"
            | "no"
            | "vs"
            | "rev"
    )
}

/// Splits `text` into tokens. `lower` is `text.to_ascii_lowercase()`, which has the same byte
/// offsets, so tokens index both.
///
/// Bytes are classified by one table lookup ([`BYTE_CLASS`]); only non-ASCII characters are
/// decoded, and classified with the same `char` predicates, so the tokens are those of a
/// char-by-char scan.
pub fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    // Tokens run about five bytes each in news text: room for all of them at once.
    let mut tokens: Vec<Token> = Vec::with_capacity(len / 3 + 8);
    let mut sentence = 0;
    let mut pending_break = false;
    let mut at = 0;
    while at < len {
        let b = bytes[at];
        let class = BYTE_CLASS[usize::from(b)];
        let start = at;
        let (kind, capitalized, sentence_mark) = if class & NON_ASCII == 0 {
            at += 1;
            if class & SPACE != 0 {
                // A blank line (or a line break after a heading) ends a sentence.
                if b == b'\n' && bytes.get(at) == Some(&b'\n') {
                    pending_break = true;
                }
                continue;
            }
            let kind = match class & (DIGIT | LETTER) {
                DIGIT => TokenKind::Number,
                LETTER => TokenKind::Word,
                _ => TokenKind::Punct,
            };
            (kind, class & UPPER != 0, class & SENTENCE_MARK != 0)
        } else {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            let kind = if c.is_alphabetic() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            (kind, c.is_uppercase(), false)
        };
        if pending_break {
            if !tokens.is_empty() {
                sentence += 1;
            }
            pending_break = false;
        }
        if kind != TokenKind::Punct {
            // A run of ASCII letters and digits, then at most one other alphanumeric, again.
            loop {
                at += bytes.get(at..).map_or(0, |rest| {
                    rest.iter()
                        .take_while(|&&n| BYTE_CLASS[usize::from(n)] & ALPHANUMERIC != 0)
                        .count()
                });
                match bytes.get(at) {
                    Some(n) if !n.is_ascii() => {
                        match text.get(at..).and_then(|rest| rest.chars().next()) {
                            Some(n) if n.is_alphanumeric() => at += n.len_utf8(),
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
        }
        let end = at;
        tokens.push(Token {
            span: start..end,
            word: lower.get(start..end).unwrap_or(""),
            kind,
            capitalized,
            gate: 0,
            sentence,
        });
        if sentence_mark && ends_sentence(text, lower, &tokens, end) {
            sentence += 1;
        }
        // Most tokens have one space after them: skipped here rather than by a turn of the
        // loop (a space is no line break, so it leaves the sentence as it is).
        if bytes.get(at) == Some(&b' ') {
            at += 1;
        }
    }
    tokens
}

/// [`BYTE_CLASS`] bit: `char::is_whitespace` (of an ASCII byte).
const SPACE: u8 = 1;
/// [`BYTE_CLASS`] bit: `char::is_alphanumeric` (of an ASCII byte).
const ALPHANUMERIC: u8 = 2;
/// [`BYTE_CLASS`] bit: an ASCII digit, which starts a number.
const DIGIT: u8 = 4;
/// [`BYTE_CLASS`] bit: an ASCII letter, which starts a word.
const LETTER: u8 = 8;
/// [`BYTE_CLASS`] bit: an ASCII uppercase letter.
const UPPER: u8 = 16;
/// [`BYTE_CLASS`] bit: a byte of a non-ASCII character (0x80 up), decoded apart.
const NON_ASCII: u8 = 32;
/// [`BYTE_CLASS`] bit: `.`, `!` or `?`, which may end a sentence.
const SENTENCE_MARK: u8 = 64;

/// The class bits of each byte, as the `char` predicates the tokeniser uses give them.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if !c.is_ascii() {
            table[b] = NON_ASCII;
        } else {
            if matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                table[b] |= SPACE;
            }
            if c.is_ascii_alphanumeric() {
                table[b] |= ALPHANUMERIC;
            }
            if c.is_ascii_digit() {
                table[b] |= DIGIT;
            }
            if c.is_ascii_alphabetic() {
                table[b] |= LETTER;
            }
            if c.is_ascii_uppercase() {
                table[b] |= UPPER;
            }
            if matches!(c, b'.' | b'!' | b'?') {
                table[b] |= SENTENCE_MARK;
            }
        }
        b += 1;
    }
    table
};

/// Whether the sentence-final-looking mark just pushed really ends a sentence: a period after
/// a known abbreviation or a single letter ("U.S.", "p.m.") does not, unless a capitalised
/// word follows the abbreviation after a space and the abbreviation is a time ("p.m. The").
fn ends_sentence(text: &str, lower: &str, tokens: &[Token], end: usize) -> bool {
    let n = tokens.len();
    let mark = &text[tokens[n - 1].span.clone()];
    let next_char = text[end..].chars().find(|c| !c.is_whitespace());
    let space_after = text[end..].starts_with(|c: char| c.is_whitespace());
    if !space_after && next_char.is_some() {
        return false;
    }
    if mark != "." {
        return true;
    }
    let Some(previous) = n.checked_sub(2).map(|i| &tokens[i]) else {
        return true;
    };
    if previous.span.end != tokens[n - 1].span.start || previous.kind != TokenKind::Word {
        return next_char.is_none_or(|c| !c.is_lowercase());
    }
    let word = &lower[previous.span.clone()];
    let capital_follows = next_char.is_none_or(|c| c.is_uppercase() || c == '`' || c == '"');
    if word.len() == 1 {
        // "a.m." / "p.m." then a capital usually starts a new sentence ("U.S." rarely does),
        // but not when the capital is the time's zone or day: "5 p.m. EST Nov. 9".
        let next_word: String = text[end..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        // A zone, a weekday or a month goes on with the time; "May", as before, does not
        // (it is also a name and a verb).
        let continues = super::times::is_time_zone(&next_word)
            || super::lexicon::weekday_word(&next_word).is_some()
            || (next_word != "may" && super::lexicon::month_word(&next_word).is_some());
        return capital_follows && word == "m" && !continues;
    }
    if is_non_final_abbreviation(word) {
        return false;
    }
    capital_follows
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the two tokenisers are compared on: span, kind, capital and sentence.
    type Seen = Vec<(Range<usize>, TokenKind, bool, usize)>;

    /// The char-by-char tokeniser the table-driven one replaced: spans, kinds and sentences
    /// must stay exactly its own.
    fn reference(text: &str, lower: &str) -> Seen {
        let mut tokens: Vec<Token> = Vec::new();
        let mut sentence = 0;
        let mut chars = text.char_indices().peekable();
        let mut pending_break = false;
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                if c == '\n' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    pending_break = true;
                }
                continue;
            }
            if pending_break {
                if !tokens.is_empty() {
                    sentence += 1;
                }
                pending_break = false;
            }
            let kind = if c.is_ascii_digit() {
                TokenKind::Number
            } else if c.is_alphabetic() {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            let mut end = start + c.len_utf8();
            if kind != TokenKind::Punct {
                while let Some(&(at, n)) = chars.peek() {
                    if n.is_alphanumeric() {
                        end = at + n.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
            }
            tokens.push(Token {
                span: start..end,
                word: &lower[start..end],
                kind,
                capitalized: text[start..].starts_with(|c: char| c.is_uppercase()),
                gate: 0,
                sentence,
            });
            if kind == TokenKind::Punct
                && matches!(c, '.' | '!' | '?')
                && ends_sentence(text, lower, &tokens, end)
            {
                sentence += 1;
            }
        }
        tokens
            .into_iter()
            .map(|t| (t.span, t.kind, t.capitalized, t.sentence))
            .collect()
    }

    fn both(text: &str) -> (Seen, Seen) {
        let lower = text.to_ascii_lowercase();
        let fast = tokenize(text, &lower)
            .into_iter()
            .map(|t| {
                assert_eq!(t.word, &lower[t.span.clone()]);
                (t.span, t.kind, t.capitalized, t.sentence)
            })
            .collect();
        (fast, reference(text, &lower))
    }

    proptest! {
        #[test]
        fn tokens_are_those_of_the_char_by_char_scan(text in "(?s).{0,80}") {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }

        #[test]
        fn tokens_are_those_of_the_char_by_char_scan_on_prose(
            text in "([A-Za-z0-9]{1,6}|[ .,!?'\n\t\u{b}\u{c}\r-]|é|É|\u{85}|\u{a0}|\u{2028}|ǅ|٣|Ⅻ){0,40}"
        ) {
            let (fast, reference) = both(&text);
            prop_assert_eq!(fast, reference);
        }
    }

    fn words(text: &str) -> Vec<(&str, usize)> {
        let lower = text.to_ascii_lowercase();
        tokenize(text, &lower)
            .into_iter()
            .map(|t| (&text[t.span], t.sentence))
            .collect()
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            words("Sept. 30, 1989-10"),
            vec![
                ("Sept", 0),
                (".", 0),
                ("30", 0),
                (",", 0),
                ("1989", 0),
                ("-", 0),
                ("10", 0)
            ]
        );
    }

    #[test]
    fn sentences_end_after_periods_but_not_after_abbreviations() {
        let w = words("He left on Feb. 3. The U.S. said so at 3 p.m. Then it ended.");
        let sentence_of = |word: &str| w.iter().find(|(t, _)| *t == word).map(|(_, s)| *s);
        assert_eq!(sentence_of("3"), Some(0));
        assert_eq!(sentence_of("The"), Some(1));
        assert_eq!(sentence_of("said"), Some(1));
        assert_eq!(sentence_of("Then"), Some(2));
    }

    #[test]
    fn the_ascii_table_agrees_with_the_char_predicates() {
        for b in 0u8..128 {
            let c = char::from(b);
            let class = BYTE_CLASS[usize::from(b)];
            assert_eq!(class & SPACE != 0, c.is_whitespace(), "{b:#x}");
            assert_eq!(class & ALPHANUMERIC != 0, c.is_alphanumeric(), "{b:#x}");
            assert_eq!(class & DIGIT != 0, c.is_ascii_digit(), "{b:#x}");
            assert_eq!(class & LETTER != 0, c.is_alphabetic(), "{b:#x}");
            assert_eq!(class & UPPER != 0, c.is_uppercase(), "{b:#x}");
            assert_eq!(class & NON_ASCII, 0, "{b:#x}");
        }
        assert!((128..256).all(|b| BYTE_CLASS[b] == NON_ASCII));
    }

    #[test]
    fn keeps_unicode_words_whole() {
        assert_eq!(words("café déjà"), vec![("café", 0), ("déjà", 0)]);
    }
}
