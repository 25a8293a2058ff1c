//! Document: a story file in, its prose out, with a map from every prose offset back to the
//! author's file (byte offset, line, column) and the story date that anchors relative dates.
//!
//! One submodule per job: `plain`, `markdown` and `html` turn a file into prose through the
//! segment builder in `map` (`entities` decodes HTML character references); `story_date` finds
//! the date; `sentences` splits paragraphs into sentences.
//!
//! - Plain text: `text` is the source after the byte order mark, byte for byte, except that a
//!   `date 2019-02-23` header at the start is blanked with spaces (so text offsets equal source
//!   offsets minus the byte order mark).
//! - Markdown and HTML: `text` holds the prose of each block, blocks separated by a blank line
//!   that maps to no source bytes. Decoded entities are non-verbatim segments.
//! - Dates from HTML `<meta>`/`<time>` are reported as `DateOrigin::FrontMatter` (metadata).
//! - `source` keeps a byte order mark if the file has one, so locations are true file offsets;
//!   `line_starts[0]` is after it, so it is not counted as a column.

mod entities;
pub(crate) mod html;
mod map;
pub(crate) mod markdown;
mod plain;
mod sentences;
mod story_date;

use chrono::NaiveDate;
use serde::Serialize;
use std::ops::Range;

/// The formats stet reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// Where the story date came from (reported so an editor can see what anchored "on Saturday").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrigin {
    CommandLine,
    /// Not in the story: the day of the run, as the config's `[story] date = "today"` asks.
    RunDate,
    FrontMatter,
    Header,
    Dateline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StoryDate {
    pub date: NaiveDate,
    pub origin: DateOrigin,
}

/// A position in the author's file. `line` and `column` are 1-based; the column counts
/// characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    pub byte: usize,
    pub line: usize,
    pub column: usize,
}

/// Options for reading a story.
#[derive(Debug, Clone)]
pub struct DocumentOptions {
    /// `--date`: overrides every date found in the file.
    pub date: Option<NaiveDate>,
    /// Files larger than this are an error, not a slow run.
    pub max_bytes: usize,
    /// Forces a format instead of guessing it from the file name and contents.
    pub format: Option<Format>,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            date: None,
            max_bytes: 16 * 1024 * 1024,
            format: None,
        }
    }
}

/// Why a story could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
    #[error("file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
}

/// A piece of prose copied from the source: `text[text_start..text_start+len]` came from
/// `source[source_start..source_start+len]` (or, when `verbatim` is false, from
/// `source[source_start..source_end]` as a whole, e.g. an HTML entity).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub text_start: usize,
    pub source_start: usize,
    pub source_end: usize,
    pub len: usize,
    pub verbatim: bool,
}

/// A story ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown in reports (the path as given).
    pub name: String,
    pub format: Format,
    /// The file's contents, as read.
    pub source: String,
    /// The prose: what claims are extracted from. Markup, code and URLs are not in it.
    pub text: String,
    pub story_date: Option<StoryDate>,
    /// Sentence ranges in `text`, in order, covering every word of prose.
    pub sentences: Vec<Range<usize>>,
    /// Paragraph ranges in `text`, in order.
    pub paragraphs: Vec<Range<usize>>,
    /// Map from `text` to `source`, sorted by `text_start`.
    pub segments: Vec<Segment>,
    /// Byte offsets in `source` where each line starts.
    pub line_starts: Vec<usize>,
}

const BOM: &str = "\u{feff}";

impl Format {
    /// The format a file name's extension says, if it says one.
    pub fn from_name(name: &str) -> Option<Format> {
        let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let (_, ext) = file.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    /// The format the contents look like: HTML when they open with a tag and hold an HTML
    /// element, Markdown when they open with front matter or hold headings or fences.
    fn sniff(content: &str) -> Format {
        let start = content.trim_start();
        let head: String = start
            .chars()
            .take(1024)
            .collect::<String>()
            .to_ascii_lowercase();
        if head.starts_with('<')
            && [
                "<!doctype html",
                "<html",
                "<body",
                "<p>",
                "<p ",
                "<div",
                "<article",
                "<h1",
            ]
            .iter()
            .any(|t| head.contains(t))
        {
            return Format::Html;
        }
        if content.starts_with("---\n")
            || content.starts_with("---\r\n")
            || content.starts_with("+++\n")
            || content.starts_with("+++\r\n")
        {
            return Format::Markdown;
        }
        let markdown_line = content
            .lines()
            .take(200)
            .any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```"));
        if markdown_line {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

impl Document {
    /// Reads a story file. The format is `options.format`, else the one the name's extension
    /// says, else a guess from the contents. Errors, checked in this order: over
    /// `options.max_bytes`, a NUL byte (binary), invalid UTF-8.
    pub fn parse(
        name: &str,
        bytes: &[u8],
        options: &DocumentOptions,
    ) -> Result<Document, DocumentError> {
        if bytes.len() > options.max_bytes {
            return Err(DocumentError::TooLarge {
                size: bytes.len(),
                limit: options.max_bytes,
            });
        }
        if let Some(offset) = memchr::memchr(0, bytes) {
            return Err(DocumentError::Binary { offset });
        }
        let source = std::str::from_utf8(bytes).map_err(|e| DocumentError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        let start = if source.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let format = options
            .format
            .or_else(|| Format::from_name(name))
            .unwrap_or_else(|| Format::sniff(source.get(start..).unwrap_or_default()));
        Ok(Self::build(name, source, start, format, options.date))
    }

    /// A plain-text document from a string, as `parse` would read it (the date header and a
    /// dateline are still looked for); `story_date`, when given, is the command-line date.
    pub fn from_text(name: &str, text: &str, story_date: Option<NaiveDate>) -> Document {
        let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
        Self::build(name, text, start, Format::Text, story_date)
    }

    fn build(
        name: &str,
        source: &str,
        start: usize,
        format: Format,
        date: Option<NaiveDate>,
    ) -> Document {
        let (prose, metadata, header) = match format {
            Format::Text => {
                let (prose, header) = plain::parse(source, start);
                (prose, None, header)
            }
            Format::Markdown => {
                let (prose, dates) = markdown::parse(source, start);
                (prose, dates.front_matter, dates.header)
            }
            Format::Html => {
                let (prose, meta) = html::parse(source, start);
                (prose, meta, None)
            }
        };
        let story_date = date
            .map(|d| (d, DateOrigin::CommandLine))
            .or(metadata.map(|d| (d, DateOrigin::FrontMatter)))
            .or(header.map(|d| (d, DateOrigin::Header)))
            .or_else(|| story_date::dateline(&prose.text).map(|d| (d, DateOrigin::Dateline)))
            .map(|(date, origin)| StoryDate { date, origin });
        let sentences = sentences::split(&prose.text, &prose.paragraphs);
        let mut line_starts = vec![start];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        Document {
            name: name.to_string(),
            format,
            source: source.to_string(),
            text: prose.text,
            story_date,
            sentences,
            paragraphs: prose.paragraphs,
            segments: prose.segments,
            line_starts,
        }
    }

    /// The source byte an offset of `text` came from. Inside a verbatim segment, the matching
    /// byte; inside a replaced one (an entity), the start of its source; between segments (a
    /// paragraph break the prose added, a blanked header), the end of the segment before, or
    /// the start of the first one.
    fn source_byte(&self, text_offset: usize) -> usize {
        let i = self
            .segments
            .partition_point(|s| s.text_start <= text_offset);
        let Some(seg) = i.checked_sub(1).and_then(|i| self.segments.get(i)) else {
            return self
                .segments
                .first()
                .map_or(self.line_starts.first().copied().unwrap_or(0), |s| {
                    s.source_start
                });
        };
        let inside = text_offset - seg.text_start; // seg.text_start <= text_offset
        if inside < seg.len {
            if seg.verbatim {
                seg.source_start + inside
            } else {
                seg.source_start
            }
        } else {
            seg.source_end
        }
    }

    /// Where an offset of `text` is in the source file: byte offset, 1-based line and 1-based
    /// column in chars (a byte order mark is not a column).
    pub fn location(&self, text_offset: usize) -> Location {
        self.source_location(self.source_byte(text_offset))
    }

    /// Where a byte offset of `source` is: the same as [`Document::location`], for things that
    /// are in the markup rather than the prose (a suppression comment). Clamped to the source
    /// and moved back to a char boundary.
    pub fn source_location(&self, source_byte: usize) -> Location {
        let mut byte = source_byte.min(self.source.len());
        while !self.source.is_char_boundary(byte) {
            byte -= 1; // terminates: 0 is a char boundary
        }
        let line_index = self
            .line_starts
            .partition_point(|&s| s <= byte)
            .saturating_sub(1);
        let line_start = self
            .line_starts
            .get(line_index)
            .copied()
            .unwrap_or(0)
            .min(byte);
        let column = self
            .source
            .get(line_start..byte)
            .map_or(0, |s| s.chars().count())
            + 1;
        Location {
            byte,
            line: line_index + 1,
            column,
        }
    }

    /// The source bytes `text_range` came from, when it maps onto them contiguously and
    /// verbatim (so a replacement for the text can be written into the file); `None` when it
    /// straddles markup, an entity or a gap, or is not a range of `text` on char boundaries.
    pub fn source_range(&self, text_range: Range<usize>) -> Option<Range<usize>> {
        self.text.get(text_range.clone())?;
        let i = self
            .segments
            .partition_point(|s| s.text_start <= text_range.start);
        // Contiguous verbatim pieces are merged when built, so a range that maps verbatim lies
        // in one segment; an empty range at a segment's end may also be the next one's start.
        let candidates = [i.checked_sub(1), Some(i)];
        candidates
            .into_iter()
            .flatten()
            .filter_map(|i| self.segments.get(i))
            .find(|s| {
                s.verbatim
                    && s.text_start <= text_range.start
                    && text_range.end <= s.text_start + s.len
            })
            .map(|s| {
                let start = s.source_start + (text_range.start - s.text_start);
                start..start + text_range.len()
            })
    }

    /// Source line `line` (1-based) without its line ending; "" past the end.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = line.checked_sub(1).and_then(|i| self.line_starts.get(i)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.source.len());
        let text = self.source.get(start..end).unwrap_or_default();
        let text = text.strip_suffix('\n').unwrap_or(text);
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// The index of the sentence holding `text_offset`, or of the nearest one before it when the
    /// offset is between sentences (0 before the first, and when there are none).
    pub fn sentence_at(&self, text_offset: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= text_offset)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/data/hanoi-summit.txt");

    const MARKDOWN: &str = "---\r\ntitle: \"Kim heads to Hanoi\"\r\ndate: \"2019-02-23T10:00:00Z\"\r\ntags: [korea]\r\n---\r\n# Kim heads to **Hanoi**\r\n\r\nSEOUL (Reuters) - North Korea confirmed leader Kim Jong Un&rsquo;s\r\nsecond summit with [U.S. President Donald Trump](https://example.com/trump \"Trump\").\r\nThe talks are set for Feb. 27-28 in `Hanoi`.\r\n\r\n```\r\nlet summit = \"third\";\r\n```\r\n\r\n- Kim left on Saturday.\r\n- ![Kim's train](train.jpg) See <https://kcna.kp>.\r\n";

    const HTML: &str = "<!DOCTYPE html>\n<html><head>\n<title>Kim &amp; Trump</title>\n<meta property=\"article:published_time\" content=\"2019-02-23T10:00:00+09:00\">\n<script>var s = \"<p>not prose</p>\";</script>\n<style>p { color: red }</style>\n</head>\n<body>\n<h1>Kim&rsquo;s train</h1>\n<!-- a comment. -->\n<p>SEOUL (Reuters) &ndash; North Korea confirmed leader Kim Jong Un&#8217;s <b>second</b>\nsummit with U.S. President <a href=\"https://example.com\">Donald Trump</a>.</p>\n<p>He&#x2019;ll meet Trump in Hanoi.<br>On Feb. 27.</p><pre>code here</pre>\n</body></html>\n";

    fn parse(name: &str, src: &str) -> Document {
        match Document::parse(name, src.as_bytes(), &DocumentOptions::default()) {
            Ok(d) => d,
            Err(e) => panic!("{name}: {e}"),
        }
    }

    fn offset_of(doc: &Document, needle: &str) -> usize {
        doc.text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {:?}", doc.text))
    }

    fn sentence_texts(doc: &Document) -> Vec<&str> {
        doc.sentences.iter().map(|r| &doc.text[r.clone()]).collect()
    }

    #[test]
    fn seed_story_locations() {
        let doc = parse("hanoi-summit.txt", SEED);
        assert_eq!(doc.format, Format::Text);
        assert_eq!(
            doc.story_date,
            Some(StoryDate {
                date: NaiveDate::from_ymd_opt(2019, 2, 23).unwrap(),
                origin: DateOrigin::Header
            })
        );
        // The header is not prose; the caption after it is.
        assert!(!doc.text.contains("date 2019-02-23"));
        assert!(doc.text.trim_start().starts_with("A train believed"));
        assert_eq!(doc.text.len(), SEED.len());

        let at = offset_of(&doc, "second summit");
        let loc = doc.location(at);
        let line3 = doc.line_text(3);
        assert!(line3.starts_with("SEOUL (Reuters)"));
        let column = line3.find("second summit").unwrap();
        // Column counts chars: "Un’s" holds a 3-byte apostrophe.
        assert_eq!(
            loc,
            Location {
                byte: SEED.find("second summit").unwrap(),
                line: 3,
                column: line3[..column].chars().count() + 1
            }
        );
        assert_eq!(loc.column, 62);
        let loc = doc.location(offset_of(&doc, "A train"));
        assert_eq!((loc.line, loc.column, loc.byte), (1, 18, 17));
        let loc = doc.location(offset_of(&doc, "Feb. 27-28"));
        assert_eq!((loc.line, loc.column), (5, 59));

        // Verbatim ranges map back for corrections.
        let r = at..at + "second summit".len();
        let src = doc.source_range(r).unwrap();
        assert_eq!(&SEED[src], "second summit");

        // Sentences: abbreviations and quotes.
        let s = sentence_texts(&doc);
        assert_eq!(s.len(), 11);
        assert_eq!(s[1], "Kyodo via REUTERS");
        assert!(s[4].contains("top envoy to the U.S. Kim Yong Chol"));
        assert_eq!(
            s[7],
            "Kim will also make an official goodwill visit to Vietnam “soon,” KCNA said."
        );
        assert_eq!(doc.paragraphs.len(), 10);
        assert_eq!(doc.sentence_at(at), 2);
        assert_eq!(doc.sentence_at(offset_of(&doc, "Kyodo via")), 1);
        // Between sentences: the one before.
        assert_eq!(doc.sentence_at(doc.sentences[2].end + 1), 2);
        assert_eq!(doc.line_text(19), doc.line_text(19).trim_end());
        assert_eq!(doc.line_text(20), "");
        assert_eq!(doc.line_text(0), "");
    }

    #[test]
    fn seed_story_with_crlf_and_bom() {
        let crlf = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
        let doc = parse("hanoi-summit.txt", &crlf);
        assert_eq!(doc.story_date.map(|d| d.origin), Some(DateOrigin::Header));
        let at = offset_of(&doc, "second summit");
        let loc = doc.location(at);
        assert_eq!((loc.line, loc.column), (3, 62));
        assert_eq!(loc.byte, crlf.find("second summit").unwrap());
        assert_eq!(doc.location(offset_of(&doc, "A train")).column, 18);
        assert!(doc.line_text(1).starts_with(" date 2019-02-23 A train"));
        assert!(doc.line_text(3).ends_with("Hanoi."));
        assert_eq!(sentence_texts(&doc).len(), 11);
        assert_eq!(doc.paragraphs.len(), 10);
    }

    #[test]
    fn undated_seed_has_no_date() {
        let undated = SEED.replacen(" date 2019-02-23 ", " ", 1);
        assert_eq!(parse("undated.txt", &undated).story_date, None);
        let options = DocumentOptions {
            date: NaiveDate::from_ymd_opt(2019, 3, 1),
            ..DocumentOptions::default()
        };
        let doc = Document::parse("seed.txt", SEED.as_bytes(), &options).unwrap();
        assert_eq!(
            doc.story_date.map(|d| (d.date.to_string(), d.origin)),
            Some(("2019-03-01".to_string(), DateOrigin::CommandLine))
        );
    }

    #[test]
    fn markdown_story() {
        let doc = parse("story.md", MARKDOWN);
        assert_eq!(doc.format, Format::Markdown);
        assert_eq!(
            doc.story_date.map(|d| (d.date.to_string(), d.origin)),
            Some(("2019-02-23".to_string(), DateOrigin::FrontMatter))
        );
        assert!(!doc.text.contains("title"));
        assert!(!doc.text.contains("third"), "code block is not prose");
        assert!(!doc.text.contains("https"), "URLs are not prose");
        assert!(!doc.text.contains("train"), "images are not prose");
        assert!(!doc.text.contains('`'));
        assert_eq!(
            sentence_texts(&doc),
            [
                "Kim heads to Hanoi",
                "SEOUL (Reuters) - North Korea confirmed leader Kim Jong Un’s\nsecond summit with U.S. President Donald Trump.",
                "The talks are set for Feb. 27-28 in .",
                "Kim left on Saturday.",
                "See ."
            ]
        );
        // "second summit" starts line 9 (front matter is 5 lines, heading, blank, SEOUL line).
        let at = offset_of(&doc, "second summit");
        let loc = doc.location(at);
        assert_eq!((loc.line, loc.column), (9, 1));
        assert_eq!(
            doc.line_text(9),
            "second summit with [U.S. President Donald Trump](https://example.com/trump \"Trump\")."
        );
        // Link text maps to its place inside the brackets.
        let loc = doc.location(offset_of(&doc, "Donald Trump"));
        assert_eq!((loc.line, loc.column), (9, 36));
        let r = offset_of(&doc, "Donald Trump");
        assert_eq!(
            doc.source_range(r..r + 12).map(|s| &MARKDOWN[s]),
            Some("Donald Trump")
        );
        // Across the link's closing markup, or over the entity, no verbatim mapping.
        let r = offset_of(&doc, "Trump.");
        assert_eq!(doc.source_range(r..r + 6), None);
        let r = offset_of(&doc, "’");
        assert_eq!(doc.source_range(r..r + 3), None);
        assert_eq!(
            doc.location(r).column,
            "SEOUL (Reuters) - North Korea confirmed leader Kim Jong Un".len() + 1
        );
        // The heading's text inside bold markup.
        let loc = doc.location(offset_of(&doc, "Hanoi"));
        assert_eq!((loc.line, loc.column), (6, 18));
        let loc = doc.location(offset_of(&doc, "Kim left"));
        assert_eq!((loc.line, loc.column), (16, 3));
        // The end of the text maps to the end of the last segment.
        let end = doc.location(doc.text.len());
        assert_eq!((end.line, end.column), (17, 51));
    }

    #[test]
    fn markdown_toml_front_matter_and_header() {
        let src = "+++\ntitle = \"x\"\ndate = 2019-02-23\n+++\nKim left.\n";
        let doc = parse("a.markdown", src);
        assert_eq!(
            doc.story_date.map(|d| d.origin),
            Some(DateOrigin::FrontMatter)
        );
        assert_eq!(doc.text, "Kim left.");
        assert_eq!(doc.location(0).line, 5);
        let src = "date 2019-02-23\n\nKim left on Saturday.\n";
        let doc = parse("a.md", src);
        assert_eq!(doc.story_date.map(|d| d.origin), Some(DateOrigin::Header));
        assert_eq!(doc.text, "Kim left on Saturday.");
        let src = "date 2019-02-23 Kim left on Saturday.\n";
        let doc = parse("a.md", src);
        assert_eq!(doc.text, "Kim left on Saturday.");
        assert_eq!(doc.location(0).column, 17);
    }

    #[test]
    fn html_story() {
        let doc = parse("story.html", HTML);
        assert_eq!(doc.format, Format::Html);
        assert_eq!(
            doc.story_date.map(|d| (d.date.to_string(), d.origin)),
            Some(("2019-02-23".to_string(), DateOrigin::FrontMatter))
        );
        assert_eq!(
            sentence_texts(&doc),
            [
                "Kim’s train",
                "SEOUL (Reuters) – North Korea confirmed leader Kim Jong Un’s second\nsummit with U.S. President Donald Trump.",
                "He’ll meet Trump in Hanoi.",
                "On Feb. 27."
            ]
        );
        assert_eq!(doc.paragraphs.len(), 4);
        let loc = doc.location(offset_of(&doc, "second"));
        let line = doc.line_text(loc.line);
        assert!(line.starts_with("<p>SEOUL"));
        assert_eq!(&line[line.find("second").unwrap()..][..6], "second");
        assert_eq!(loc.line, 11);
        assert_eq!(
            loc.column,
            line[..line.find("second").unwrap()].chars().count() + 1
        );
        // An entity maps to its whole source, not verbatim.
        let r = offset_of(&doc, "’ll");
        let loc = doc.location(r);
        assert_eq!(&HTML[loc.byte..loc.byte + 8], "&#x2019;");
        assert_eq!(doc.source_range(r..r + 3), None);
        assert_eq!(doc.source_range(r + 3..r + 5).map(|s| &HTML[s]), Some("ll"));
        // Text straddling a tag does not map verbatim; text inside one does.
        let r = offset_of(&doc, "second\nsummit");
        assert_eq!(doc.source_range(r..r + 13), None);
        assert_eq!(doc.source_range(r..r + 6).map(|s| &HTML[s]), Some("second"));
        for hidden in [
            "not prose",
            "color",
            "comment",
            "code here",
            "DOCTYPE",
            "https",
            "&amp;",
        ] {
            assert!(!doc.text.contains(hidden), "{hidden}");
        }
    }

    #[test]
    fn html_dates() {
        let d = |src: &str| parse("a.html", src).story_date.map(|d| d.date.to_string());
        assert_eq!(
            d("<meta name=\"date\" content=\"2019-02-23\"><p>x</p>").as_deref(),
            Some("2019-02-23")
        );
        assert_eq!(
            d("<header><time datetime=\"2019-02-23T08:00\">Feb 23</time></header><p>On <time datetime=\"2018-06-12\">June 12</time>.</p>").as_deref(),
            Some("2019-02-23")
        );
        assert_eq!(
            d("<p>In <time datetime=\"2018-06-12\">June</time>.</p><time pubdate datetime=\"2019-02-23\"></time>").as_deref(),
            Some("2019-02-23")
        );
        assert_eq!(
            d("<p>Met <time datetime=\"2018-06-12\">then</time>.</p><p>x</p>"),
            None.or(Some("2018-06-12".to_string()))
        );
        assert_eq!(
            d("<p>x</p><p>Met <time datetime=\"2018-06-12\">then</time>.</p>"),
            None
        );
        assert_eq!(
            d("<p>WASHINGTON, Feb. 23, 2019 (Reuters) - Trump said.</p>").as_deref(),
            Some("2019-02-23")
        );
    }

    #[test]
    fn errors_and_formats() {
        let opts = DocumentOptions {
            max_bytes: 4,
            ..DocumentOptions::default()
        };
        assert_eq!(
            Document::parse("a.txt", b"\0\xff12345", &opts).unwrap_err(),
            DocumentError::TooLarge { size: 7, limit: 4 }
        );
        let opts = DocumentOptions::default();
        assert_eq!(
            Document::parse("a.txt", b"ab\xffc\0", &opts).unwrap_err(),
            DocumentError::Binary { offset: 4 }
        );
        assert_eq!(
            Document::parse("a.txt", "ab\u{e9}".as_bytes().get(..3).unwrap(), &opts).unwrap_err(),
            DocumentError::NotUtf8 { offset: 2 }
        );
        let fmt = |name: &str, src: &str| parse(name, src).format;
        assert_eq!(fmt("a.MD", "x"), Format::Markdown);
        assert_eq!(fmt("dir.v2/a.htm", "x"), Format::Html);
        assert_eq!(fmt("a.txt", "<html><p>x</p></html>"), Format::Text);
        assert_eq!(fmt("-", "  <!DOCTYPE html><p>x</p>"), Format::Html);
        assert_eq!(
            fmt("story", "---\ndate: 2019-02-23\n---\nx"),
            Format::Markdown
        );
        assert_eq!(fmt("story", "# Title\n\nx"), Format::Markdown);
        assert_eq!(fmt("story", "Kim <b>left</b>."), Format::Text);
        let forced = DocumentOptions {
            format: Some(Format::Html),
            ..DocumentOptions::default()
        };
        let doc = Document::parse("a.txt", b"<p>a &amp; b</p>", &forced).unwrap();
        assert_eq!(doc.text, "a & b");
        let doc = Document::parse("empty.txt", b"", &opts).unwrap();
        assert!(doc.text.is_empty() && doc.sentences.is_empty());
        assert_eq!(
            doc.location(0),
            Location {
                byte: 0,
                line: 1,
                column: 1
            }
        );
        assert_eq!(doc.sentence_at(5), 0);
    }

    #[test]
    fn from_text_matches_parse() {
        let doc = Document::from_text("seed.txt", SEED, None);
        let parsed = parse("seed.txt", SEED);
        assert_eq!(doc.text, parsed.text);
        assert_eq!(doc.sentences, parsed.sentences);
        assert_eq!(doc.story_date, parsed.story_date);
        let date = NaiveDate::from_ymd_opt(2020, 1, 1);
        let doc = Document::from_text("x", "Kim left.\0", date);
        assert_eq!(
            doc.story_date.map(|d| d.origin),
            Some(DateOrigin::CommandLine)
        );
        assert_eq!(doc.sentences, vec![0..10]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn check(doc: &Document) {
            let lines = doc.line_starts.len();
            for r in &doc.sentences {
                assert!(r.start <= r.end && r.end <= doc.text.len(), "{r:?}");
                assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
            }
            for r in &doc.paragraphs {
                assert!(doc.text.get(r.clone()).is_some(), "{r:?}");
            }
            for w in doc.segments.windows(2) {
                assert!(w[0].text_start + w[0].len <= w[1].text_start);
            }
            for s in &doc.segments {
                let text = &doc.text[s.text_start..s.text_start + s.len];
                if s.verbatim {
                    assert_eq!(Some(text), doc.source.get(s.source_start..s.source_end));
                }
            }
            let boundaries = doc
                .text
                .char_indices()
                .map(|(i, _)| i)
                .chain([doc.text.len()]);
            for i in boundaries {
                let loc = doc.location(i);
                assert!(loc.line >= 1 && loc.line <= lines, "{loc:?}");
                assert!(loc.byte <= doc.source.len());
                assert!(loc.column >= 1);
                let _ = doc.sentence_at(i);
                if let Some(r) = doc.source_range(i..(i + 3).min(doc.text.len()))
                    && let Some(t) = doc.text.get(i..(i + 3).min(doc.text.len()))
                {
                    assert_eq!(doc.source.get(r), Some(t));
                }
            }
            for line in 0..=lines + 1 {
                let _ = doc.line_text(line);
            }
        }

        fn all_formats(name: &str, bytes: &[u8]) {
            for format in [Format::Text, Format::Markdown, Format::Html] {
                let options = DocumentOptions {
                    format: Some(format),
                    ..DocumentOptions::default()
                };
                if let Ok(doc) = Document::parse(name, bytes, &options) {
                    check(&doc);
                }
            }
            if let Ok(doc) = Document::parse(name, bytes, &DocumentOptions::default()) {
                check(&doc);
            }
        }

        /// Strings built from the pieces the formats care about.
        fn story_like() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "<p>",
                "</p>",
                "<br>",
                "<script>",
                "</script>",
                "<!--",
                "-->",
                "<a href=\"x\">",
                "</a>",
                "&amp;",
                "&#8217;",
                "&#x;",
                "&",
                "<",
                ">",
                "---\n",
                "+++\n",
                "date ",
                "date: ",
                "2019-02-23",
                "\n",
                "\r\n",
                "\n\n",
                " ",
                "`",
                "```\n",
                "*",
                "[",
                "](",
                ")",
                "# ",
                "> ",
                "- ",
                "U.S.",
                "Feb.",
                ". ",
                "? ",
                "”",
                "’",
                "é",
                "\u{feff}",
                "Kim",
                "said",
                "WASHINGTON, ",
                "Feb. 23, 2019",
                " (Reuters) - ",
                "<pre>",
                "</pre>",
                "<meta name=date content=2019-02-23>",
                "\\",
                "|",
                "a.m.",
                "J.",
            ]);
            prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
                all_formats("x", &bytes);
            }

            #[test]
            fn arbitrary_strings(s in "\\PC{0,200}") {
                all_formats("x", s.as_bytes());
            }

            #[test]
            fn story_like_strings(s in story_like()) {
                all_formats("story", s.as_bytes());
                let doc = Document::from_text("x", &s, None);
                check(&doc);
            }
        }
    }
}
