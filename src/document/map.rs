//! Building the prose and its map back to the source: every format pushes pieces of text here,
//! each with the source bytes it came from, and marks where blocks (paragraphs) end.

use super::Segment;
use std::ops::Range;

/// The prose of a story, with its map to the source and its paragraphs.
#[derive(Debug, Default)]
pub(crate) struct Prose {
    pub text: String,
    pub segments: Vec<Segment>,
    pub paragraphs: Vec<Range<usize>>,
}

/// Accumulates prose. In `markup` mode (Markdown, HTML) paragraphs are separated in the text by
/// a blank line that maps to no source bytes, and whitespace outside any paragraph is dropped;
/// in plain mode the text is pushed as it is and paragraphs are only recorded.
pub(crate) struct Builder<'a> {
    source: &'a str,
    markup: bool,
    prose: Prose,
    /// Text offset of the first non-whitespace character of the open paragraph.
    para_start: Option<usize>,
    /// Text offset just after the last non-whitespace character of the open paragraph.
    para_end: usize,
    /// Source bytes that are never prose (a date header inside a Markdown body).
    exclude: Option<Range<usize>>,
}

impl<'a> Builder<'a> {
    pub fn new(source: &'a str, markup: bool) -> Self {
        Builder {
            source,
            markup,
            prose: Prose::default(),
            para_start: None,
            para_end: 0,
            exclude: None,
        }
    }

    /// Source bytes to leave out of the prose wherever a push covers them.
    pub fn exclude(&mut self, range: Range<usize>) {
        if range.start < range.end {
            self.exclude = Some(range);
        }
    }

    /// Pushes `source[range]` as it is. Ranges that are not on char boundaries are ignored (no
    /// format produces them; this keeps the builder total).
    pub fn verbatim(&mut self, range: Range<usize>) {
        if let Some(ex) = self.exclude.clone()
            && range.start < ex.end
            && ex.start < range.end
        {
            // The excluded range is on char boundaries (it is found by ASCII scanning), so the
            // pieces either side are too.
            if range.start < ex.start {
                self.verbatim_piece(range.start..ex.start);
            }
            if ex.end < range.end {
                self.verbatim_piece(ex.end..range.end);
            }
            return;
        }
        self.verbatim_piece(range);
    }

    fn verbatim_piece(&mut self, range: Range<usize>) {
        let Some(piece) = self.source.get(range.clone()) else {
            return;
        };
        if piece.is_empty() || !self.accept(piece) {
            return;
        }
        let text_start = self.prose.text.len();
        self.note_content(text_start, piece);
        self.prose.text.push_str(piece);
        if let Some(last) = self.prose.segments.last_mut()
            && last.verbatim
            && last.text_start + last.len == text_start
            && last.source_end == range.start
        {
            last.len += piece.len();
            last.source_end = range.end;
            return;
        }
        self.prose.segments.push(Segment {
            text_start,
            source_start: range.start,
            source_end: range.end,
            len: piece.len(),
            verbatim: true,
        });
    }

    /// Pushes `text`, which stands for `source[range]` as a whole (an entity, a line break).
    pub fn replaced(&mut self, text: &str, range: Range<usize>) {
        if let Some(ex) = &self.exclude
            && range.start < ex.end
            && ex.start < range.end
        {
            return;
        }
        if text.is_empty() || range.start > range.end || !self.accept(text) {
            return;
        }
        let text_start = self.prose.text.len();
        self.note_content(text_start, text);
        self.prose.text.push_str(text);
        self.prose.segments.push(Segment {
            text_start,
            source_start: range.start,
            source_end: range.end,
            len: text.len(),
            verbatim: false,
        });
    }

    /// Pushes text that stands for nothing in the source (plain text's blanked date header).
    pub fn gap(&mut self, text: &str) {
        if !self.accept(text) {
            return;
        }
        let text_start = self.prose.text.len();
        self.note_content(text_start, text);
        self.prose.text.push_str(text);
    }

    /// Ends the open paragraph, if any.
    pub fn block_break(&mut self) {
        if let Some(start) = self.para_start.take() {
            self.prose.paragraphs.push(start..self.para_end);
        }
    }

    pub fn finish(mut self) -> Prose {
        self.block_break();
        self.prose
    }

    /// In markup mode: drops whitespace outside paragraphs, and opens a new paragraph with a
    /// blank line when content follows earlier text.
    fn accept(&mut self, piece: &str) -> bool {
        if !self.markup || self.para_start.is_some() {
            return true;
        }
        if piece.trim().is_empty() {
            return false;
        }
        if !self.prose.text.is_empty() {
            self.prose.text.push_str("\n\n");
        }
        true
    }

    fn note_content(&mut self, at: usize, piece: &str) {
        let Some(first) = piece.find(|c: char| !c.is_whitespace()) else {
            return;
        };
        // `first` exists, so a last non-whitespace char exists too.
        let last_end = piece
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(first, |(i, c)| i + c.len_utf8());
        if self.para_start.is_none() {
            self.para_start = Some(at + first);
        }
        self.para_end = at + last_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_contiguous_verbatim_pieces() {
        let source = "Kim &amp; Trump met";
        let mut b = Builder::new(source, true);
        b.verbatim(0..2);
        b.verbatim(2..4);
        b.replaced("&", 4..9);
        b.verbatim(9..19);
        let prose = b.finish();
        assert_eq!(prose.text, "Kim & Trump met");
        assert_eq!(prose.segments.len(), 3);
        assert_eq!(prose.segments[0].len, 4);
        assert!(!prose.segments[1].verbatim);
        assert_eq!(prose.paragraphs, vec![0..15]);
    }

    #[test]
    fn markup_mode_separates_paragraphs_and_drops_outer_whitespace() {
        let source = "  One.  \n\n  Two.";
        let mut b = Builder::new(source, true);
        b.verbatim(0..2);
        b.verbatim(2..8);
        b.block_break();
        b.verbatim(8..12);
        b.verbatim(12..16);
        let prose = b.finish();
        assert_eq!(prose.text, "One.  \n\nTwo.");
        assert_eq!(prose.paragraphs, vec![0..4, 8..12]);
    }

    #[test]
    fn exclusion_cuts_a_verbatim_piece() {
        let source = "date 2019-02-23 Kim";
        let mut b = Builder::new(source, true);
        b.exclude(0..16);
        b.verbatim(0..19);
        let prose = b.finish();
        assert_eq!(prose.text, "Kim");
        assert_eq!(prose.segments[0].source_start, 16);
    }
}
