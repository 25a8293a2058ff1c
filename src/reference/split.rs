//! Splitting a claims file into batches of whole top-level entries (`[[entity]]`,
//! `[[property]]`, `[[statement]]`), so a large file is parsed in parts, on several threads,
//! without ever holding the whole file's parse tree.
//!
//! A split is only offered where it cannot change the meaning: at lines that are top-level
//! array-of-tables headers outside any multi-line string, in a file with nothing but comments
//! before its first header. Where a part then fails to parse, the loader reads the whole file
//! as one, so error messages are those of the file as written.

use std::ops::Range;

/// The headers a split may happen at.
const SPLIT_KEYS: [&str; 3] = ["entity", "property", "statement"];

/// Byte ranges of `text` that each hold whole entries, each about `target` bytes or more (the
/// last may be shorter), covering the text in order. `None` when the file cannot be split
/// safely: keys before the first header, or a string left open at the end.
pub fn batches(text: &str, target: usize) -> Option<Vec<Range<usize>>> {
    let headers = header_offsets(text)?;
    let Some(&first) = headers.first() else {
        return Some(std::iter::once(0..text.len()).collect());
    };
    if !only_comments(&text[..first]) {
        return None;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for &h in &headers[1..] {
        if h - start >= target {
            out.push(start..h);
            start = h;
        }
    }
    out.push(start..text.len());
    Some(out)
}

/// Offsets of the lines that are top-level `[[key]]` headers for the split keys, or `None`
/// when a multi-line string is still open at the end of the text.
fn header_offsets(text: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let mut open: Option<&str> = None;
    let mut at = 0;
    // Without a multi-line string delimiter anywhere, no line can be inside one: only the
    // line starts need looking at (the common case, and a fast one).
    let any_multi_line = text.contains("\"\"\"") || text.contains("'''");
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        if open.is_none() && is_split_header(line) {
            out.push(line_start);
            continue;
        }
        if any_multi_line {
            open = scan_line(line, open);
        }
    }
    open.is_none().then_some(out)
}

/// Is the line a header such as `[[entity]]` (spaces allowed, a comment after)?
fn is_split_header(line: &str) -> bool {
    let Some(rest) = line.trim_start().strip_prefix("[[") else {
        return false;
    };
    let Some((key, after)) = rest.split_once("]]") else {
        return false;
    };
    let after = after.trim();
    SPLIT_KEYS.contains(&key.trim()) && (after.is_empty() || after.starts_with('#'))
}

/// Follows strings through one line. `open` is the multi-line string delimiter the line starts
/// inside (`"""` or `'''`); returns the one it ends inside. Single-line strings and comments
/// end with the line.
fn scan_line<'a>(line: &str, mut open: Option<&'a str>) -> Option<&'a str> {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match open {
            Some(delim) => {
                if delim == "\"\"\"" && bytes[i] == b'\\' {
                    i += 2;
                    continue;
                }
                // Bytes, not `str` slices: `i` may stand inside a multi-byte character.
                if bytes[i..].starts_with(delim.as_bytes()) {
                    open = None;
                    i += 3;
                    // A closing delimiter may be followed by up to two more quotes.
                    let quote = delim.as_bytes()[0];
                    while i < bytes.len() && bytes[i] == quote {
                        i += 1;
                    }
                    continue;
                }
                i += 1;
            }
            None => match bytes[i] {
                b'#' => return None,
                b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                    open = Some("\"\"\"");
                    i += 3;
                }
                b'\'' if bytes[i..].starts_with(b"'''") => {
                    open = Some("'''");
                    i += 3;
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
                b'\'' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
                        i += 1;
                    }
                    i += 1;
                }
                _ => i += 1,
            },
        }
    }
    open
}

fn only_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, target: usize) -> Option<Vec<&str>> {
        batches(text, target).map(|b| b.into_iter().map(|r| &text[r]).collect())
    }

    #[test]
    fn entries_are_grouped_at_their_headers() {
        let text = "# data\n[[entity]]\nid = \"a\"\n\n[[entity.statement]]\nproperty = \"p\"\n\n[[ entity ]] # b\nid = \"b\"\n[[property]]\nid = \"c\"\n";
        assert_eq!(
            parts(text, 1).unwrap(),
            vec![
                "# data\n[[entity]]\nid = \"a\"\n\n[[entity.statement]]\nproperty = \"p\"\n\n",
                "[[ entity ]] # b\nid = \"b\"\n",
                "[[property]]\nid = \"c\"\n",
            ]
        );
        // Batches of at least the target size.
        assert_eq!(parts(text, 1000).unwrap(), vec![text]);
    }

    #[test]
    fn no_split_inside_a_multi_line_string() {
        for quote in ["\"\"\"", "'''"] {
            let text = format!(
                "[[entity]]\nid = \"a\"\ndescription = {quote}\n[[entity]]\n{quote}\n[[entity]]\nid = \"b\"\n"
            );
            let got = parts(&text, 1).unwrap();
            assert_eq!(got.len(), 2, "{got:?}");
            assert!(got[0].contains("description"), "{got:?}");
        }
        // Quotes inside single-line strings and comments open nothing.
        let text =
            "[[entity]]\nid = \"a \\\" '''\" # \"\"\"\nname = 'x \"\"\"'\n[[entity]]\nid = \"b\"\n";
        assert_eq!(parts(text, 1).unwrap().len(), 2);
        // An escaped quote does not close a basic multi-line string.
        let text =
            "[[entity]]\nd = \"\"\"a\\\"\"\"\"\n[[entity]]\ne = \"\"\"\n[[entity]]\n\"\"\"\n";
        let got = parts(text, 1).unwrap();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].starts_with("[[entity]]\ne = "), "{got:?}");
    }

    #[test]
    fn text_beyond_ascii_is_scanned_by_bytes() {
        // Accents, CJK and an escape before a multi-byte character, in every kind of string.
        let text = "[[entity]]\nname = \"\"\"Zoë Quux\\é\"\"\"\nalt = '''é'''\nx = \"é\\ü\" # ü\n\
                    d = \"\"\"\n日本\n[[entity]]\n\"\"\"\n[[entity]]\nid = \"b\"\n";
        let got = parts(text, 1).unwrap();
        assert_eq!(got.len(), 2, "{got:?}");
        for cut in 0..text.len() {
            if text.is_char_boundary(cut) {
                let _ = batches(&text[..cut], 1);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn no_text_makes_it_panic(text in r#"(\[\[entity\]\]|"""|'''|"|'|#|\\|é|日|\r\n|\n| |x = ){0,40}"#) {
            if let Some(parts) = batches(&text, 1) {
                // The parts cover the text, in order.
                proptest::prop_assert_eq!(parts.first().map(|r| r.start), Some(0));
                proptest::prop_assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
                for pair in parts.windows(2) {
                    proptest::prop_assert_eq!(pair[0].end, pair[1].start);
                }
            }
        }
    }

    #[test]
    fn unsafe_files_are_not_split() {
        // A key before the first header could clash with a later one.
        assert!(batches("entity = []\n[[entity]]\nid = \"a\"\n", 1).is_none());
        // A string still open at the end: the file is broken, and read whole for its error.
        assert!(batches("[[entity]]\nd = \"\"\"\n[[entity]]\n", 1).is_none());
        // No header at all: one part.
        assert_eq!(parts("# nothing\n", 1).unwrap(), vec!["# nothing\n"]);
        assert_eq!(parts("", 1).unwrap(), vec![""]);
    }

    #[test]
    fn nested_and_other_headers_do_not_split() {
        let text = "[[entity]]\nid = \"a\"\n[[entity.statement]]\n[entity.x]\n[[entityx]]\n";
        assert_eq!(parts(text, 1).unwrap().len(), 1);
    }
}
