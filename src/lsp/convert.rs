//! Positions: byte offsets of a document's text to LSP `Position`s (line, character in the
//! negotiated encoding) and back.
//!
//! stet locates everything as byte offsets of `Document::source`, which is the text the client
//! sent, byte for byte; so positions are computed from those bytes directly, never from the
//! 1-based char columns of [`crate::document::Location`]. Lines end at `\n`, `\r\n` or a lone
//! `\r`, as the protocol says (stet's own line numbers count `\n` only, which differs only for
//! old-Mac line endings).

use crate::document::Document;
use lsp_types::{Position, PositionEncodingKind};
use std::ops::Range;

/// What a `Position`'s `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units: a character outside the Basic Multilingual Plane counts 2. The
    /// protocol's default, used when the client offers nothing else.
    Utf16,
    /// Unicode scalar values (chars).
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's `general.positionEncodings`: UTF-8 when it is
    /// offered (no conversion cost), else UTF-16, which every client must support.
    pub fn negotiate(offered: &[PositionEncodingKind]) -> Encoding {
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts, for converting offsets to positions and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of each line's first byte; `starts[0] == 0`.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex { starts }
    }

    /// The byte range of line `line` (0-based) without its line ending; `None` past the end.
    fn line(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line)?;
        let end = match self.starts.get(line + 1) {
            Some(&next) => {
                let head = text.as_bytes().get(..next).unwrap_or_default();
                if head.ends_with(b"\r\n") {
                    next - 2
                } else {
                    next - 1 // a line that is followed by another ends with \n or \r
                }
            }
            None => text.len(),
        };
        Some(start..end.max(start))
    }

    /// The position of byte `offset` (clamped to the text, moved back to a char boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1; // terminates: 0 is a char boundary
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0).min(offset);
        let character: usize = text
            .get(start..offset)
            .unwrap_or_default()
            .chars()
            .map(|c| encoding.units(c))
            .sum();
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `position`. A line past the end is the end of the text; a character
    /// past the end of its line is the line's end (as the protocol says); a character inside a
    /// multi-unit char (half a surrogate pair) is that char's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(line) = self.line(text, position.line as usize) else {
            return text.len();
        };
        let target = position.character as usize;
        let mut units = 0;
        for (i, c) in text.get(line.clone()).unwrap_or_default().char_indices() {
            let next = units + encoding.units(c);
            if units >= target || next > target {
                return line.start + i;
            }
            units = next;
        }
        line.end
    }

    pub fn range(&self, text: &str, bytes: Range<usize>, encoding: Encoding) -> lsp_types::Range {
        let start = self.position(text, bytes.start, encoding);
        let end = self.position(text, bytes.end.max(bytes.start), encoding);
        lsp_types::Range::new(start, end)
    }

    /// The byte range of an LSP range, in order (a reversed range is read forwards).
    pub fn byte_range(
        &self,
        text: &str,
        range: lsp_types::Range,
        encoding: Encoding,
    ) -> Range<usize> {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        a.min(b)..a.max(b)
    }

    /// The byte offset where the line holding `offset` starts, and where the next one starts
    /// (the text's end for the last line).
    pub fn line_bounds(&self, text: &str, offset: usize) -> Range<usize> {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len());
        start..next
    }
}

/// The source bytes a finding's claim (`span`, a range of `Document::text`) covers: from where
/// its first character is to just after its last one.
pub fn claim_bytes(doc: &Document, span: &Range<usize>) -> Range<usize> {
    let start = doc.location(span.start).byte;
    let end = crate::report::end_location(doc, span).byte;
    start..end.max(start)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DocumentOptions;

    fn round_trip(text: &str, encoding: Encoding) {
        let index = LineIndex::new(text);
        let boundaries = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        for offset in boundaries {
            let position = index.position(text, offset, encoding);
            let back = index.offset(text, position, encoding);
            // A line ending's bytes all sit at the end of their line.
            let ok = back == offset
                || (text.get(back..offset).is_some_and(|s| s == "\r") && back + 1 == offset);
            assert!(ok, "{text:?} {offset} -> {position:?} -> {back}");
        }
    }

    #[test]
    fn utf16_counts_surrogate_pairs_and_utf8_counts_bytes() {
        let text = "a😀b é\nx";
        let index = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(
            index.position(text, b, Encoding::Utf16),
            Position::new(0, 3)
        );
        assert_eq!(index.position(text, b, Encoding::Utf8), Position::new(0, 5));
        assert_eq!(
            index.position(text, b, Encoding::Utf32),
            Position::new(0, 2)
        );
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x, Encoding::Utf16),
            Position::new(1, 0)
        );
        assert_eq!(index.offset(text, Position::new(0, 3), Encoding::Utf16), b);
        // Half a surrogate pair is the emoji's start.
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf16), 1);
        // Inside a UTF-8 sequence: the char's start.
        assert_eq!(index.offset(text, Position::new(0, 3), Encoding::Utf8), 1);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            round_trip(text, encoding);
            round_trip(
                "\u{feff}date 2019\r\n\r\nKim’s 𝔘 train\rold mac\n",
                encoding,
            );
            round_trip("", encoding);
        }
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(index.offset(text, Position::new(1, 99), Encoding::Utf16), 6);
        assert_eq!(index.offset(text, Position::new(7, 0), Encoding::Utf16), 6);
        assert_eq!(
            index.position(text, 999, Encoding::Utf16),
            Position::new(1, 2)
        );
        let reversed = lsp_types::Range::new(Position::new(1, 1), Position::new(0, 1));
        assert_eq!(index.byte_range(text, reversed, Encoding::Utf16), 1..5);
        assert_eq!(index.line_bounds(text, 1), 0..4);
        assert_eq!(index.line_bounds(text, 5), 4..6);
        // Lone \r ends a line.
        let index = LineIndex::new("a\rb");
        assert_eq!(
            index.position("a\rb", 2, Encoding::Utf16),
            Position::new(1, 0)
        );
    }

    #[test]
    fn negotiation_prefers_utf8_and_falls_back_to_utf16() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(&[K::UTF16, K::UTF8]), Encoding::Utf8);
        assert_eq!(Encoding::negotiate(&[K::UTF32]), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(&[]), Encoding::Utf16);
        assert_eq!(Encoding::Utf16.kind(), K::UTF16);
    }

    #[test]
    fn claim_bytes_cover_the_claim_in_the_source() {
        let src = "date 2019-02-23\n\nKim’s **Feb. 27** summit in 😀 Hanoi.\n";
        let doc = Document::parse("a.md", src.as_bytes(), &DocumentOptions::default()).unwrap();
        let at = doc.text.find("Feb. 27").unwrap();
        let bytes = claim_bytes(&doc, &(at..at + 7));
        assert_eq!(&src[bytes], "Feb. 27");
        let at = doc.text.find("Hanoi").unwrap();
        let bytes = claim_bytes(&doc, &(at..at + 5));
        let index = LineIndex::new(src);
        let range = index.range(src, bytes, Encoding::Utf16);
        let col = "Kim’s **Feb. 27** summit in 😀 ".encode_utf16().count() as u32;
        assert_eq!(range.start, Position::new(2, col));
        assert_eq!(range.end, Position::new(2, col + 5));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_round_trips(s in "(\\PC|\r|\n|😀|\u{feff}){0,60}") {
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    round_trip(&s, encoding);
                }
            }

            #[test]
            fn any_position_is_a_char_boundary(s in "(\\PC|\r|\n|😀){0,40}", line in 0u32..6, ch in 0u32..50) {
                let index = LineIndex::new(&s);
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let offset = index.offset(&s, Position::new(line, ch), encoding);
                    prop_assert!(s.is_char_boundary(offset));
                }
            }
        }
    }
}
