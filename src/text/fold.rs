//! Folding for name matching: "Kim Jong-un", "KIM JONG UN" and "Kim Jong Un" fold alike, as do
//! "Nguyễn Phú Trọng" and "Nguyen Phu Trong", and curly and straight apostrophes.
//!
//! The folded text keeps a map back to the original, so a match found in folded text becomes
//! an exact span of the story.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folded text and, for each of its bytes, the byte offset of the original char it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the original byte offset for folded byte `i`; one extra entry at the end
    /// holds the original length, so `origin[folded.len()]` is valid.
    pub origin: Vec<usize>,
}

impl Folded {
    /// The original byte range of a folded byte range.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let begin = self.origin.get(start).copied().unwrap_or(original.len());
        // The end is the end of the original char that produced the last folded byte.
        let last = if end > start {
            self.origin.get(end - 1).copied().unwrap_or(original.len())
        } else {
            begin
        };
        let stop = if end > start {
            original[last..]
                .chars()
                .next()
                .map_or(original.len(), |c| last + c.len_utf8())
        } else {
            begin
        };
        (begin, stop)
    }
}

/// How one original char folds; `None` drops it.
fn fold_char(c: char, out: &mut String) {
    match c {
        // Hyphens and dashes inside names separate words like a space.
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{00AD}' => out.push(' '),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => out.push('\''),
        '\u{201C}' | '\u{201D}' => out.push('"'),
        'đ' | 'Đ' => out.push('d'),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'ß' => out.push_str("ss"),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in c.nfd() {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// How an ASCII char folds, as `fold_char` folds it, to exactly one char; `None` for others.
fn fold_ascii(c: char) -> Option<char> {
    if !c.is_ascii() {
        return None;
    }
    Some(match c {
        '-' => ' ',
        '`' => '\'',
        c if c.is_whitespace() => ' ',
        c => c.to_ascii_lowercase(),
    })
}

/// Folds text for matching: lowercase, no diacritics, hyphens as spaces, runs of white space
/// as one space, curly apostrophes straight.
pub fn fold(original: &str) -> Folded {
    let mut text = String::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len() + 1);
    let mut buf = String::new();
    let bytes = original.as_bytes();
    let mut offset = 0;
    while let Some(&b) = bytes.get(offset) {
        // ASCII, most of any story, folds to one byte as `fold_ascii` folds it: no char
        // decoding, no buffer.
        if b.is_ascii() {
            let ch = FOLDED_ASCII[usize::from(b)];
            // Collapse runs of spaces so "Kim  Jong-Un" matches "kim jong un".
            if !(ch == b' ' && text.as_bytes().last() == Some(&b' ')) {
                text.push(char::from(ch));
                origin.push(offset);
            }
            offset += 1;
            continue;
        }
        // `offset` is a char boundary: it only ever moves by whole chars.
        let Some(c) = original.get(offset..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        buf.clear();
        fold_char(c, &mut buf);
        for ch in buf.chars() {
            if ch == ' ' && text.ends_with(' ') {
                continue;
            }
            text.push(ch);
            for _ in 0..ch.len_utf8() {
                origin.push(offset);
            }
        }
        offset += c.len_utf8();
    }
    origin.push(original.len());
    Folded { text, origin }
}

/// Folded text with a compact map back to the original, for a whole story: what `fold` gives,
/// but on ASCII text (nearly every story) the map is the folded offsets where collapsed
/// spaces were dropped, not an offset per byte, so folding costs a byte written per byte.
#[derive(Debug, Clone)]
pub struct FoldedText {
    pub text: String,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// `Folded::origin` of non-ASCII text.
    Every(Vec<usize>),
    /// ASCII text: (folded offset, original bytes dropped before it in all), in order. Folded
    /// byte `i` is original byte `i` plus the count of the last entry at or before `i`.
    Shifts(Vec<(usize, usize)>),
}

impl FoldedText {
    /// The original byte offset of folded byte `i` (`i` may be the folded length), as
    /// `Folded::origin[i]`; the original length past the end.
    fn origin(&self, i: usize, original: &str) -> usize {
        match &self.origin {
            Origin::Every(origin) => origin.get(i).copied().unwrap_or(original.len()),
            Origin::Shifts(shifts) => {
                if i > self.text.len() {
                    return original.len();
                }
                let k = shifts.partition_point(|&(at, _)| at <= i);
                i + k.checked_sub(1).map_or(0, |k| shifts[k].1)
            }
        }
    }

    /// The original byte range of a folded byte range, as `Folded::original_range`.
    pub fn original_range(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let begin = self.origin(start, original);
        let last = if end > start {
            self.origin(end - 1, original)
        } else {
            begin
        };
        let stop = if end > start {
            original
                .get(last..)
                .and_then(|rest| rest.chars().next())
                .map_or(original.len(), |c| last + c.len_utf8())
        } else {
            begin
        };
        (begin, stop)
    }
}

/// Folds a story's text as `fold` does (the same folded text and the same original ranges),
/// with the compact map on ASCII text.
pub fn fold_text(original: &str) -> FoldedText {
    if !original.is_ascii() {
        let Folded { text, origin } = fold(original);
        return FoldedText {
            text,
            origin: Origin::Every(origin),
        };
    }
    // Byte for byte first (a loop the compiler vectorizes), then runs of spaces collapsed in
    // place: they are rare, one in a hundred bytes of a story, and found eight bytes at a time.
    let mut text: Vec<u8> = original.bytes().map(fold_ascii_byte).collect();
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let (mut read, mut write, mut dropped) = (0, 0, 0);
    while let Some(double) = next_double_space(&text, read) {
        // Keep up to and with the first space of the run; drop the rest of it.
        let kept = double + 1;
        if write != read {
            text.copy_within(read..kept, write);
        }
        write += kept - read;
        let run_end = text[kept..]
            .iter()
            .position(|&b| b != b' ')
            .map_or(text.len(), |len| kept + len);
        dropped += run_end - kept;
        shifts.push((write, dropped));
        read = run_end;
    }
    if write != read {
        text.copy_within(read.., write);
    }
    text.truncate(write + (text.len() - read));
    // ASCII bytes only: always valid UTF-8.
    let text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    FoldedText {
        text,
        origin: Origin::Shifts(shifts),
    }
}

/// Folds a reference name for the automaton: as `fold`, trimmed. Builds only the text, not
/// the map back to the original, and trims in place: the reference folds every name and
/// alias once when it loads.
pub fn fold_name(name: &str) -> String {
    if name.is_ascii() {
        return fold_ascii_name(name);
    }
    let mut text = String::with_capacity(name.len());
    let mut buf = String::new();
    for c in name.chars() {
        if let Some(ch) = fold_ascii(c) {
            push_collapsing(&mut text, ch);
            continue;
        }
        buf.clear();
        fold_char(c, &mut buf);
        for ch in buf.chars() {
            push_collapsing(&mut text, ch);
        }
    }
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

/// `fold_name` of ASCII text: a byte folded per byte, spaces collapsed and trimmed as they
/// come. Nearly every name and word folded is ASCII.
fn fold_ascii_name(name: &str) -> String {
    let mut text: Vec<u8> = Vec::with_capacity(name.len());
    for &b in name.as_bytes() {
        let ch = FOLDED_ASCII[usize::from(b)];
        // A space first or after a space is one `fold` collapses or the trim drops.
        if ch == b' ' && text.last().is_none_or(|&last| last == b' ') {
            continue;
        }
        text.push(ch);
    }
    if text.last() == Some(&b' ') {
        text.pop();
    }
    // ASCII bytes only: always valid UTF-8.
    String::from_utf8(text).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The byte ASCII byte `b` folds to, as `fold_ascii` folds it, without branches (so a loop of
/// it vectorizes): hyphens and white space to a space, a backtick to an apostrophe, capitals
/// to lower case.
const fn fold_ascii_byte(b: u8) -> u8 {
    let capital = b.wrapping_sub(b'A') < 26;
    // '\t', '\n', 0x0B, 0x0C and '\r' are 9 to 13.
    let space = b == b' ' || b == b'-' || b.wrapping_sub(b'\t') < 5;
    let lowered = b | ((capital as u8) << 5);
    if space {
        b' '
    } else if b == b'`' {
        b'\''
    } else {
        lowered
    }
}

/// The first offset at or after `from` of two spaces in a row in `text`. Eight pairs are
/// tested at a time: two unaligned words, the second a byte on, each compared with spaces.
fn next_double_space(text: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW: u64 = ONES * 0x7F;
    const SPACES: u64 = ONES * 0x20;
    // The high bit of each byte of `x` that is a space (exactly: no borrow between bytes).
    let spaces = |x: u64| {
        let v = x ^ SPACES;
        !(((v & LOW) + LOW) | v) & !LOW
    };
    let mut at = from;
    while let (Some(a), Some(b)) = (text.get(at..at + 8), text.get(at + 1..at + 9)) {
        let (Ok(a), Ok(b)) = (<[u8; 8]>::try_from(a), <[u8; 8]>::try_from(b)) else {
            break;
        };
        let pairs = spaces(u64::from_le_bytes(a)) & spaces(u64::from_le_bytes(b));
        if pairs != 0 {
            // Little-endian: the lowest set byte is the first pair.
            return Some(at + (pairs.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let rest = text.get(at..)?;
    rest.windows(2).position(|w| w == b"  ").map(|i| at + i)
}

/// `FOLDED_ASCII[b]`: the byte ASCII byte `b` folds to, as `fold_ascii` folds it (hyphens and
/// white space to a space, a backtick to an apostrophe, letters to lower case). Bytes from
/// 0x80 are no ASCII and map to themselves; callers fold only ASCII bytes through it.
pub static FOLDED_ASCII: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = fold_ascii_byte(b as u8);
        b += 1;
    }
    table
};

/// Pushes a folded char, collapsing runs of spaces as `fold` does.
fn push_collapsing(text: &mut String, ch: char) {
    if ch == ' ' && text.ends_with(' ') {
        return;
    }
    text.push(ch);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_fold_alike() {
        assert_eq!(fold_name("Kim Jong-un"), fold_name("Kim Jong Un"));
        assert_eq!(fold_name("KIM  JONG UN"), "kim jong un");
        assert_eq!(fold_name("Nguyễn Phú Trọng"), "nguyen phu trong");
        assert_eq!(fold_name("Vietnam’s"), "vietnam's");
        assert_eq!(fold_name("Đà Nẵng"), "da nang");
    }

    /// `fold` without its ASCII shortcut: every char through `fold_char`.
    fn fold_every_char(original: &str) -> Folded {
        let mut text = String::new();
        let mut origin = Vec::new();
        let mut buf = String::new();
        for (offset, c) in original.char_indices() {
            buf.clear();
            fold_char(c, &mut buf);
            for ch in buf.chars() {
                if ch == ' ' && text.ends_with(' ') {
                    continue;
                }
                text.push(ch);
                origin.extend(std::iter::repeat_n(offset, ch.len_utf8()));
            }
        }
        origin.push(original.len());
        Folded { text, origin }
    }

    #[test]
    fn the_ascii_table_folds_as_fold_ascii() {
        for b in 0..128u8 {
            let folded = fold_ascii(char::from(b)).map(|c| c as u32);
            assert_eq!(folded, Some(u32::from(FOLDED_ASCII[usize::from(b)])), "{b}");
        }
    }

    #[test]
    fn double_spaces_are_found_eight_at_a_time_as_one_by_one() {
        let text = b"ab  c d   e f g h i j k l m n o p  q  ";
        for from in 0..text.len() + 2 {
            let one_by_one = (from..text.len().saturating_sub(1))
                .find(|&i| text[i] == b' ' && text[i + 1] == b' ');
            assert_eq!(next_double_space(text, from), one_by_one, "{from}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_text_folds_ascii_as_fold(text in "[ -~\t\n\r\x0B\x0C\x00]{0,40}") {
            let (compact, full) = (fold_text(&text), fold(&text));
            proptest::prop_assert_eq!(&compact.text, &full.text);
            let n = full.text.len();
            for start in 0..=n {
                for end in start..=n + 1 {
                    proptest::prop_assert_eq!(
                        compact.original_range(start, end, &text),
                        full.original_range(start, end, &text)
                    );
                }
            }
        }
    }

    #[test]
    fn fold_text_folds_and_maps_back_as_fold() {
        for s in [
            "",
            "  ",
            " -Kim  Jong-Un- `x` \t\n\u{000B}\u{000C}\r end ",
            "a - b -- c\n\n\nd",
            "Nguyễn Phú Trọng met Kim Jong\u{2011}un \u{2013} - \u{00A0}.",
        ] {
            let (compact, full) = (fold_text(s), fold(s));
            assert_eq!(compact.text, full.text, "{s:?}");
            let n = full.text.len();
            for start in 0..=n {
                for end in start..=n + 1 {
                    assert_eq!(
                        compact.original_range(start, end, s),
                        full.original_range(start, end, s),
                        "{s:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_shortcut_folds_as_fold_char() {
        let ascii: String = (0..128u8).map(char::from).collect();
        for s in [
            ascii.as_str(),
            " -Kim  Jong-Un- `x` \t\n\u{000B}\u{000C}\r ",
            "Nguyễn Phú Trọng met Kim Jong\u{2011}un \u{2013} - \u{00A0}.",
        ] {
            let (fast, slow) = (fold(s), fold_every_char(s));
            assert_eq!(fast.text, slow.text, "{s:?}");
            assert_eq!(fast.origin, slow.origin, "{s:?}");
        }
    }

    #[test]
    fn fold_name_is_fold_trimmed() {
        for s in [
            "",
            " ",
            "  Kim  Jong-Un ",
            "\t\u{000B}\u{000C}\r\n\u{0085}\u{00A0}x\u{2003}",
            "- -a- -",
            "`O`Brien´s “Name” ",
            "ǅ İ ﬁ ẞ ß Đà Nẵng Łódź Ørsted",
            "a\u{0301}\u{0301}b \u{0301}",
            "日本語 テキスト 한국어",
            "\u{2013}\u{2013}x\u{00AD}",
            "\u{1FED}\u{1FEF}\u{037E}\u{0344}",
        ] {
            assert_eq!(fold_name(s), fold(s).text.trim(), "{s:?}");
        }
        for c in (0..0x3000u32)
            .chain(0xFB00..0xFB50)
            .filter_map(char::from_u32)
        {
            let s = format!("{c}a{c} {c}");
            assert_eq!(fold_name(&s), fold(&s).text.trim(), "{s:?}");
        }
    }

    #[test]
    fn map_leads_back_to_the_original() {
        let original = "Nguyễn Phú Trọng met Kim Jong‑un.";
        let folded = fold(original);
        let at = folded.text.find("kim jong un").unwrap();
        let (a, b) = folded.original_range(at, at + "kim jong un".len(), original);
        assert_eq!(&original[a..b], "Kim Jong‑un");
        let at = folded.text.find("phu").unwrap();
        let (a, b) = folded.original_range(at, at + 3, original);
        assert_eq!(&original[a..b], "Phú");
    }

    #[test]
    fn any_text_folds_with_a_complete_map() {
        for s in [
            "",
            "ǅ İ ﬁ ẞ",
            "a\u{0301}\u{0301}b",
            "日本語 テキスト",
            "\u{2013}\u{2013}",
        ] {
            let f = fold(s);
            assert_eq!(f.origin.len(), f.text.len() + 1);
            assert!(
                f.origin
                    .iter()
                    .all(|&o| o <= s.len() && s.is_char_boundary(o))
            );
        }
    }
}
