//! Plain text: the prose is the file itself (after the byte order mark), except that a date
//! header at the very start (`date 2019-02-23`) is blanked out with spaces, so text offsets stay
//! equal to source offsets minus the byte order mark. Paragraphs are separated by blank lines.

use super::map::{Builder, Prose};
use super::story_date;
use chrono::NaiveDate;

/// Reads `source[start..]` as plain text. Returns the prose and the header date, if any.
pub(crate) fn parse(source: &str, start: usize) -> (Prose, Option<NaiveDate>) {
    let mut b = Builder::new(source, false);
    let mut at = start;
    let header = story_date::header(source, start);
    if let Some((range, _)) = &header {
        b.gap(&" ".repeat(range.end.saturating_sub(range.start)));
        at = range.end;
    }
    // Plain mode pushes text as it is, so the lines between two blank lines go in as one
    // piece (the builder would merge them anyway); only a blank line breaks the paragraph.
    let mut pending = at;
    let mut first = true;
    while at < source.len() {
        // Lines end after '\n' (an ASCII byte, so `end` is a char boundary).
        let end = source
            .get(at..)
            .and_then(|rest| memchr::memchr(b'\n', rest.as_bytes()))
            .map_or(source.len(), |i| at + i + 1);
        // The header's line is not blank even when nothing follows the header on it.
        if !(first && header.is_some()) && is_blank(source.get(at..end).unwrap_or_default()) {
            b.verbatim(pending..at);
            b.block_break();
            pending = at;
        }
        at = end;
        first = false;
    }
    b.verbatim(pending..source.len());
    (b.finish(), header.map(|(_, date)| date))
}

/// Whether a line is only white space. Most lines start with a visible ASCII byte, which
/// settles it without trimming.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => line.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let src = "One. Two.\r\nStill two.\r\n \r\nThree.\n\n\n";
        let (prose, date) = parse(src, 0);
        assert_eq!(prose.text, src);
        assert_eq!(date, None);
        let paras: Vec<&str> = prose.paragraphs.iter().map(|r| &src[r.clone()]).collect();
        assert_eq!(paras, ["One. Two.\r\nStill two.", "Three."]);
        assert_eq!(prose.segments.len(), 1);
    }

    #[test]
    fn seed_story() {
        let src = include_str!("../../tests/data/hanoi-summit.txt");
        let (prose, date) = parse(src, 0);
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2019-02-23"));
        let header = " date 2019-02-23 ";
        assert_eq!(&prose.text[..header.len()], " ".repeat(header.len()));
        assert_eq!(&prose.text[header.len()..], &src[header.len()..]);
        assert_eq!(prose.paragraphs.len(), 10);
        assert_eq!(prose.segments.len(), 1);
        assert_eq!(prose.segments[0].source_start, header.len());
    }

    #[test]
    fn the_header_is_blanked() {
        let src = "\u{feff}date 2019-02-23\n\nKim left.";
        let (prose, date) = parse(src, 3);
        assert_eq!(prose.text, "               \n\nKim left.");
        assert_eq!(date.map(|d| d.to_string()).as_deref(), Some("2019-02-23"));
        assert_eq!(prose.paragraphs, vec![17..26]);
        assert_eq!(prose.segments[0].source_start, 18);
        assert_eq!(prose.segments[0].text_start, 15);
    }
}
