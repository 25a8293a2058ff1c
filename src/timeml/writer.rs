//! Writing a TimeML file tagged by stet.
//!
//! What is written: the input file byte for byte, except that
//! - inside `<TEXT>`, every tag of the input (its TIMEX3, EVENT, SIGNAL...) is removed and stet's
//!   own `<TIMEX3 tid="t1" type="DATE" value="...">...</TIMEX3>` are inserted; the text between
//!   tags, entity references included, is unchanged, so stripping the tags of the output gives
//!   exactly the stripped text of the input;
//! - outside `<TEXT>`, the MAKEINSTANCE, TLINK, SLINK and ALINK elements are removed (with their
//!   line when they stand alone on one), because they point to ids of the annotation that was
//!   removed. Everything else (the XML declaration, DOCID, the DCT and its TIMEX3 `t0`,
//!   EXTRAINFO...) is kept as it was.

use super::markup::escape_attribute;
use super::reader::TimemlDocument;
use crate::timex::Timex;
use std::fmt::Write as _;
use std::path::Path;

/// A tagging that cannot be written into its document (a tagger bug, never bad input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// The TimeML file `doc` with `timexes` (spans in `doc.text`) as its only TIMEX3 in `<TEXT>`.
pub fn write_tagged(doc: &TimemlDocument, timexes: &[Timex]) -> Result<String, WriteError> {
    let mut sorted: Vec<&Timex> = timexes.iter().collect();
    sorted.sort_by_key(|t| (t.span.start, t.span.end));
    let mut text = String::with_capacity(doc.raw_text.len() + 80 * sorted.len());
    let mut at = 0; // in raw_text
    let mut previous_end = 0; // in text
    for (i, timex) in sorted.iter().enumerate() {
        let span = &timex.span;
        if doc.text.get(span.clone()).is_none() || span.start >= span.end {
            return Err(WriteError(format!(
                "{}: TIMEX3 span {}..{} is empty, out of the text ({} bytes) or not on character \
                 boundaries",
                doc.path.display(),
                span.start,
                span.end,
                doc.text.len()
            )));
        }
        if span.start < previous_end {
            return Err(WriteError(format!(
                "{}: TIMEX3 spans overlap at byte {} ({:?})",
                doc.path.display(),
                span.start,
                doc.excerpt(span)
            )));
        }
        previous_end = span.end;
        let start = doc.raw_offset(span.start);
        let end = doc.raw_offset(span.end);
        text.push_str(&doc.raw_text[at..start]);
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">",
            i + 1,
            timex.kind.as_str(),
            escape_attribute(&timex.value)
        );
        text.push_str(&doc.raw_text[start..end]);
        text.push_str("</TIMEX3>");
        at = end;
    }
    text.push_str(&doc.raw_text[at..]);

    let source = &doc.source;
    let mut out = String::with_capacity(source.len() + text.len());
    let copy = |range: std::ops::Range<usize>, out: &mut String| {
        let mut at = range.start;
        for link in doc
            .links
            .iter()
            .filter(|l| l.start >= range.start && l.end <= range.end)
        {
            out.push_str(&source[at..link.start]);
            at = link.end;
        }
        out.push_str(&source[at..range.end]);
    };
    copy(0..doc.text_range.start, &mut out);
    out.push_str(&text);
    copy(doc.text_range.end..source.len(), &mut out);
    Ok(out)
}

/// Writes `contents` to `path` atomically (a temporary file renamed over it), so a reader
/// never sees a half-written file.
pub fn write_file(path: &Path, contents: &str) -> std::io::Result<()> {
    crate::report::fix::write_atomically(path, contents)
}

#[cfg(test)]
mod tests {
    use super::super::reader::read_str;
    use super::*;
    use crate::timex::TimexType;

    const DOC: &str = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n\
        <TEXT>AT&amp;T <EVENT eid=\"e1\">said</EVENT> <TIMEX3 tid=\"t9\" type=\"DATE\" value=\"1998-01-07\">Wednesday</TIMEX3> &amp; more</TEXT>\n\
        <MAKEINSTANCE eventID=\"e1\" eiid=\"ei1\" />\n  <TLINK lid=\"l1\" relType=\"BEFORE\" eventInstanceID=\"ei1\" relatedToTime=\"t0\" />\n</TimeML>\n";

    fn doc() -> TimemlDocument {
        read_str(Path::new("w.tml"), DOC.to_string()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn writes_own_tags_and_keeps_the_rest() {
        let doc = doc();
        let at = |s: &str| doc.text.find(s).unwrap_or(usize::MAX);
        let tags = [
            Timex {
                span: at("& more")..at("& more") + "& more".len(),
                kind: TimexType::Set,
                value: "a\"b".into(),
            },
            Timex {
                span: at("T said")..at("T said") + 1,
                kind: TimexType::Time,
                value: "PRESENT_REF".into(),
            },
        ];
        let out = write_tagged(&doc, &tags).unwrap_or_else(|e| panic!("{e}"));
        let expected = "<?xml version=\"1.0\" ?>\n<TimeML>\n<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-01-08\">x</TIMEX3></DCT>\n\
            <TEXT>AT&amp;<TIMEX3 tid=\"t1\" type=\"TIME\" value=\"PRESENT_REF\">T</TIMEX3> said Wednesday <TIMEX3 tid=\"t2\" type=\"SET\" value=\"a&quot;b\">&amp; more</TIMEX3></TEXT>\n</TimeML>\n";
        assert_eq!(out, expected);
        let again = read_str(Path::new("w.tml"), out).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.raw_text, doc.raw_text);
        assert_eq!(again.timexes[0].span, tags[1].span);
        assert_eq!(again.timexes[1].value, "a\"b");
    }

    #[test]
    fn bad_spans_are_errors() {
        let doc = doc();
        let timex = |span| Timex {
            span,
            kind: TimexType::Date,
            value: String::new(),
        };
        assert!(write_tagged(&doc, &[timex(0..999)]).is_err());
        assert!(write_tagged(&doc, &[timex(3..3)]).is_err());
        assert!(write_tagged(&doc, &[timex(0..4), timex(3..5)]).is_err());
        assert!(write_tagged(&doc, &[]).is_ok());
    }
}
