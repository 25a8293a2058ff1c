//! Document: a story file in, its prose out, with a map from every prose offset back to the
//! author's file (byte offset, line, column) and the story date that anchors relative dates.

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
