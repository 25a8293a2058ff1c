//! Reading a TimeML file: its document creation time, the text of `<TEXT>` without tags, and
//! the TIMEX3 expressions annotated in it.
//!
//! The text comes in two forms. `raw_text` is the content of `<TEXT>` with every tag removed and
//! nothing else changed: entity references such as `&amp;` stay as written, so the writer can
//! put the file back together byte for byte. `text` is `raw_text` with its entity references
//! decoded: what a reader of the story sees, and what the tagger is given. Every span (gold,
//! system) is a byte range in `text`; [`TimemlDocument::raw_offset`] maps it back.

use super::markup::{self, Token};
use crate::timex::{Timex, TimexType};
use chrono::NaiveDate;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A TimeML file, read.
#[derive(Debug, Clone)]
pub struct TimemlDocument {
    /// Where it was read from (for messages).
    pub path: PathBuf,
    /// The `<DOCID>`, else the file name without `.tml`.
    pub doc_id: String,
    /// The date of the `<DCT>`'s TIMEX3 value.
    pub dct: NaiveDate,
    /// The whole file as read.
    pub source: String,
    /// The byte range of `<TEXT>`'s content in `source`.
    pub text_range: Range<usize>,
    /// `<TEXT>`'s content without tags, entity references as written.
    pub raw_text: String,
    /// `raw_text` with entity references decoded; what the tagger is given.
    pub text: String,
    /// The TIMEX3 in `<TEXT>`, spans in `text`, in document order.
    pub timexes: Vec<Timex>,
    /// Byte ranges in `source`, outside `<TEXT>`, of the MAKEINSTANCE, TLINK, SLINK and ALINK
    /// elements (each with its line when it stands alone on one): they refer to the ids of the
    /// annotation inside `<TEXT>`, which the writer replaces.
    pub(crate) links: Vec<Range<usize>>,
    /// Where `text` and `raw_text` differ: each decoded entity's start in `text`, its length
    /// there, its start in `raw_text` and its length there.
    entity_shifts: Vec<EntityShift>,
}

#[derive(Debug, Clone, Copy)]
struct EntityShift {
    decoded: usize,
    decoded_len: usize,
    raw: usize,
    raw_len: usize,
}

/// A TimeML file that cannot be read: the file, the 1-based line and column (in characters)
/// of the problem, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for TimemlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for TimemlError {}

/// The elements outside `<TEXT>` that point into its annotation.
const LINK_ELEMENTS: [&str; 4] = ["MAKEINSTANCE", "TLINK", "SLINK", "ALINK"];

/// Reads the TimeML file at `path`.
pub fn read_file(path: &Path) -> Result<TimemlDocument, TimemlError> {
    let bytes = std::fs::read(path).map_err(|e| TimemlError {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot be read: {e}"),
    })?;
    read_bytes(path, bytes)
}

/// Reads a TimeML file's bytes; `path` names it in messages and gives the fallback doc id.
pub fn read_bytes(path: &Path, bytes: Vec<u8>) -> Result<TimemlDocument, TimemlError> {
    let at = |line, column, message: String| TimemlError {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let source = match String::from_utf8(bytes) {
        Ok(source) => source,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // `valid` bytes form valid UTF-8 by the error's definition; lossy is only a guard.
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = crate::import::line_column(&before, valid);
            return Err(at(
                line,
                column,
                "is not UTF-8 text (a binary file?)".to_string(),
            ));
        }
    };
    if let Some(nul) = source.find('\0') {
        let (line, column) = crate::import::line_column(&source, nul);
        return Err(at(
            line,
            column,
            "contains a NUL byte (a binary file?)".to_string(),
        ));
    }
    read_str(path, source)
}

/// Reads TimeML from a string; `path` names it in messages and gives the fallback doc id.
pub fn read_str(path: &Path, source: String) -> Result<TimemlDocument, TimemlError> {
    let parsed = parse(&source);
    match parsed {
        Ok(parts) => Ok(TimemlDocument {
            path: path.to_path_buf(),
            doc_id: parts.doc_id.unwrap_or_else(|| {
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
                    .trim_end_matches(".tml")
                    .to_string()
            }),
            dct: parts.dct,
            text_range: parts.text_range,
            raw_text: parts.raw_text,
            text: parts.text,
            timexes: parts.timexes,
            links: parts.links,
            entity_shifts: parts.entity_shifts,
            source,
        }),
        Err(e) => {
            let (line, column) = crate::import::line_column(&source, e.offset);
            Err(TimemlError {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message,
            })
        }
    }
}

struct Parts {
    doc_id: Option<String>,
    dct: NaiveDate,
    text_range: Range<usize>,
    raw_text: String,
    text: String,
    timexes: Vec<Timex>,
    links: Vec<Range<usize>>,
    entity_shifts: Vec<EntityShift>,
}

/// An open TIMEX3 inside `<TEXT>`: where it starts in `text`, its type, its value.
struct OpenTimex {
    start: usize,
    kind: TimexType,
    value: String,
}

fn fail<T>(offset: usize, message: impl Into<String>) -> Result<T, markup::MarkupError> {
    Err(markup::MarkupError {
        offset,
        message: message.into(),
    })
}

fn parse(source: &str) -> Result<Parts, markup::MarkupError> {
    let tokens = markup::tokenize(source)?;
    // The open elements: name, offset of the opening tag, and for a TIMEX3 inside TEXT its
    // annotation.
    let mut open: Vec<(&str, usize, Option<OpenTimex>)> = Vec::new();
    let mut doc_id: Option<String> = None;
    let mut dct: Option<NaiveDate> = None;
    let mut text_start: Option<usize> = None;
    let mut text_range: Option<Range<usize>> = None;
    let mut raw_text = String::new();
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut links = Vec::new();
    let mut entity_shifts = Vec::new();
    // The start of the link element being read, if one is open.
    let mut link_start: Option<usize> = None;

    for token in &tokens {
        let in_text = text_start.is_some() && text_range.is_none();
        let inside = |name: &str| open.iter().any(|(n, _, _)| *n == name);
        match token {
            Token::Text(range) => {
                let piece = &source[range.clone()];
                if in_text {
                    append_text(piece, &mut raw_text, &mut text, &mut entity_shifts);
                } else if open.last().is_some_and(|(n, _, _)| *n == "DOCID") {
                    let id = markup::decode_entities(piece.trim()).into_owned();
                    if !id.is_empty() {
                        doc_id = Some(id);
                    }
                } else if open.is_empty()
                    && !piece
                        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                        .is_empty()
                {
                    return fail(range.start, "text outside the root element");
                }
            }
            Token::Open(tag) | Token::Empty(tag) => {
                let empty = matches!(token, Token::Empty(_));
                if open.is_empty() && text_range.is_some() {
                    return fail(tag.range.start, "a second root element");
                }
                let mut timex = None;
                if tag.name == "TEXT" {
                    if text_start.is_some() {
                        return fail(tag.range.start, "a second <TEXT> element");
                    }
                    text_start = Some(tag.range.end);
                    if empty {
                        text_range = Some(tag.range.end..tag.range.end);
                    }
                } else if tag.name == "TIMEX3" && inside("DCT") && !in_text {
                    let value = tag.attribute("value").unwrap_or("");
                    match dct_date(value) {
                        Some(date) => dct = Some(date),
                        None => {
                            return fail(
                                tag.range.start,
                                format!(
                                    "the DCT's TIMEX3 value {value:?} does not start with a \
                                     YYYY-MM-DD date"
                                ),
                            );
                        }
                    }
                } else if tag.name == "TIMEX3" && in_text {
                    timex = Some(open_timex(tag, text.len())?);
                } else if !in_text && LINK_ELEMENTS.contains(&tag.name) && link_start.is_none() {
                    if empty {
                        links.push(tag.range.clone());
                    } else {
                        link_start = Some(tag.range.start);
                    }
                }
                // An empty `<TIMEX3 .../>` marks no text: it has no extent to tag or score.
                if !empty {
                    open.push((tag.name, tag.range.start, timex));
                }
            }
            Token::Close { name, range } => {
                let Some((open_name, open_at, timex)) = open.pop() else {
                    return fail(range.start, format!("</{name}> closes nothing"));
                };
                if open_name != *name {
                    let (line, column) = crate::import::line_column(source, open_at);
                    return fail(
                        range.start,
                        format!(
                            "</{name}> closes <{open_name}> (opened at line {line}, column \
                             {column})"
                        ),
                    );
                }
                if *name == "TEXT" {
                    if let Some(start) = text_start {
                        text_range = Some(start..range.start);
                    }
                } else if let Some(t) = timex {
                    timexes.push(Timex {
                        span: t.start..text.len(),
                        kind: t.kind,
                        value: t.value,
                    });
                } else if LINK_ELEMENTS.contains(name)
                    && let Some(start) = link_start
                    && !open.iter().any(|(n, _, _)| LINK_ELEMENTS.contains(n))
                {
                    links.push(start..range.end);
                    link_start = None;
                }
            }
            Token::Other(_) => {}
        }
    }
    if let Some((name, at, _)) = open.last() {
        return fail(*at, format!("<{name}> is never closed"));
    }
    let Some(text_range) = text_range else {
        return fail(0, "has no <TEXT> element");
    };
    let Some(dct) = dct else {
        return fail(
            0,
            "has no document creation time (<DCT><TIMEX3 value=\"YYYY-MM-DD\" ...>)",
        );
    };
    // Gold may nest or list expressions out of order; spans sorted by start read naturally.
    timexes.sort_by_key(|t| (t.span.start, std::cmp::Reverse(t.span.end)));
    let links = links
        .into_iter()
        .map(|range| with_own_line(source, range))
        .collect();
    Ok(Parts {
        doc_id,
        dct,
        text_range,
        raw_text,
        text,
        timexes,
        links,
        entity_shifts,
    })
}

fn open_timex(tag: &markup::Tag<'_>, start: usize) -> Result<OpenTimex, markup::MarkupError> {
    let type_name = tag.attribute("type").unwrap_or("");
    let Some(kind) = TimexType::from_name(type_name) else {
        return fail(
            tag.range.start,
            format!("TIMEX3 type {type_name:?} is not DATE, TIME, DURATION or SET"),
        );
    };
    Ok(OpenTimex {
        start,
        kind,
        value: tag.attribute("value").unwrap_or("").to_string(),
    })
}

/// The date a DCT value starts with: `1998-01-08`, `1998-01-08T12:00`...
fn dct_date(value: &str) -> Option<NaiveDate> {
    let date = value.get(..10)?;
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// Appends a piece of `<TEXT>` content to both forms of the text, noting each decoded entity.
fn append_text(
    piece: &str,
    raw_text: &mut String,
    text: &mut String,
    shifts: &mut Vec<EntityShift>,
) {
    let mut at = 0;
    let base = raw_text.len();
    for e in markup::entities(piece) {
        text.push_str(&piece[at..e.raw.start]);
        shifts.push(EntityShift {
            decoded: text.len(),
            decoded_len: e.decoded.len_utf8(),
            raw: base + e.raw.start,
            raw_len: e.raw_len(),
        });
        text.push(e.decoded);
        at = e.raw.end;
    }
    text.push_str(&piece[at..]);
    raw_text.push_str(piece);
}

/// `range` widened to its whole line when nothing else is on that line, so dropping it leaves
/// no blank line behind.
fn with_own_line(source: &str, range: Range<usize>) -> Range<usize> {
    let line_start = source[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..range.start];
    let after = &source[range.end..];
    let rest_of_line = after.find('\n').map_or(after, |i| &after[..i]);
    if before.trim().is_empty() && rest_of_line.trim().is_empty() {
        let end = range.end + after.find('\n').map_or(after.len(), |i| i + 1);
        line_start..end
    } else {
        range
    }
}

impl TimemlDocument {
    /// The offset in `raw_text` of the offset `decoded` in `text`. An offset inside a decoded
    /// entity's character (not a character boundary of `text`) maps to the entity's start.
    pub fn raw_offset(&self, decoded: usize) -> usize {
        let before = self
            .entity_shifts
            .partition_point(|s| s.decoded + s.decoded_len <= decoded);
        let Some(last) = before.checked_sub(1).map(|i| self.entity_shifts[i]) else {
            return decoded;
        };
        let next_inside = self
            .entity_shifts
            .get(before)
            .filter(|s| s.decoded < decoded);
        if let Some(inside) = next_inside {
            return inside.raw;
        }
        last.raw + last.raw_len + (decoded - last.decoded - last.decoded_len)
    }

    /// The doc's text between two offsets of `text`, for messages; empty if they are not on
    /// character boundaries.
    pub fn excerpt(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>D1</DOCID>\n\
        <DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\" functionInDocument=\"CREATION_TIME\">19980108</TIMEX3></DCT>\n\
        <TEXT>\nAT&amp;T <EVENT eid=\"e1\">said</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> it &amp; <TIMEX3 tid=\"t2\" type=\"DURATION\" value=\"P1W\">a week</TIMEX3>.\n</TEXT>\n\
        <MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" />\n<TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\" />\n</TimeML>\n";

    fn read(source: &str) -> Result<TimemlDocument, TimemlError> {
        read_str(Path::new("x.tml"), source.to_string())
    }

    #[test]
    fn reads_dct_text_and_gold() {
        let doc = read(SMALL).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.doc_id, "D1");
        assert_eq!(
            doc.dct,
            NaiveDate::from_ymd_opt(1998, 1, 8).unwrap_or_default()
        );
        assert_eq!(doc.raw_text, "\nAT&amp;T said Wednesday it &amp; a week.\n");
        assert_eq!(doc.text, "\nAT&T said Wednesday it & a week.\n");
        let texts: Vec<_> = doc.timexes.iter().map(|t| doc.excerpt(&t.span)).collect();
        assert_eq!(texts, ["Wednesday", "a week"]);
        assert_eq!(doc.timexes[1].kind, TimexType::Duration);
        assert_eq!(doc.timexes[1].value, "P1W");
        assert_eq!(doc.links.len(), 2);
        assert_eq!(
            &doc.source[doc.text_range.clone()]
                .matches("<TIMEX3")
                .count(),
            &2
        );
    }

    #[test]
    fn offsets_map_back_across_entities() {
        let doc = read(SMALL).unwrap_or_else(|e| panic!("{e}"));
        for t in &doc.timexes {
            let raw = doc.raw_offset(t.span.start)..doc.raw_offset(t.span.end);
            assert_eq!(&doc.raw_text[raw], doc.excerpt(&t.span));
        }
        // "AT&T": the & is decoded byte 3, raw bytes 3..8.
        assert_eq!(doc.raw_offset(3), 3);
        assert_eq!(doc.raw_offset(4), 8);
        assert_eq!(doc.raw_offset(doc.text.len()), doc.raw_text.len());
    }

    #[test]
    fn malformed_files_are_errors_with_line_and_column() {
        let cases = [
            (
                SMALL.replace("<DCT>", "<X>").replace("</DCT>", "</X>"),
                1,
                "creation time",
            ),
            (
                SMALL.replace("</EVENT>", ""),
                7,
                "</TEXT> closes <EVENT> (opened at line 6, column 10)",
            ),
            (
                SMALL.replace("</TimeML>", ""),
                2,
                "<TimeML> is never closed",
            ),
            (
                SMALL.replace("type=\"DURATION\"", "type=\"WEEK\""),
                6,
                "not DATE",
            ),
            (
                SMALL.replace("<TEXT>", "").replace("</TEXT>", ""),
                1,
                "no <TEXT>",
            ),
            (
                SMALL.replace("value=\"1998-01-08\"", "value=\"soon\""),
                4,
                "YYYY-MM-DD",
            ),
            (SMALL.replace(" it ", " it < "), 6, "does not start a tag"),
        ];
        for (source, line, message) in cases {
            match read(&source) {
                Err(e) => {
                    assert_eq!(e.line, line, "{e}");
                    assert!(e.message.contains(message), "{e}");
                    assert!(e.to_string().starts_with("x.tml:"), "{e}");
                }
                Ok(_) => panic!("read: {source}"),
            }
        }
    }

    #[test]
    fn binary_input_is_an_error_not_a_panic() {
        let e = read_bytes(Path::new("b.tml"), vec![b'<', b'a', 0xff, 0xfe, 0])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("b.tml:1:3: is not UTF-8 text (a binary file?)")
        );
        let e = read_bytes(Path::new("b.tml"), b"<a>\0</a>".to_vec())
            .err()
            .map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("NUL")));
    }
}
