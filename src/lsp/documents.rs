//! The open documents: their text as the client holds it, edits applied in order, and the
//! latest check of each (made lazily, so a burst of edits is checked once).

use super::configs::Governing;
use super::convert::{Encoding, LineIndex};
use crate::document::{Document, DocumentOptions, Format};
use crate::reference::DataErrors;
use crate::report::FileReport;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// What checking a document gave.
#[derive(Debug)]
pub enum Checked {
    Report(Box<FileReport>),
    /// Could not be checked (over the size limit, binary, or an internal error): why.
    Failed(String),
    /// A `stet.toml` open in the editor: not a story, so not checked as one; its problems
    /// (none when it is valid).
    Config(DataErrors),
}

#[derive(Debug)]
pub struct OpenDocument {
    /// The name stet reports it under: the file path for `file:` URIs, else the URI.
    pub name: String,
    /// The file, for a `file:` URI.
    pub path: Option<PathBuf>,
    pub language_id: String,
    pub version: i32,
    pub text: String,
    pub lines: LineIndex,
    /// The check of the current text; `None` when the text changed since.
    pub checked: Option<Checked>,
}

impl OpenDocument {
    pub fn new(uri: &Uri, language_id: String, version: i32, text: String) -> OpenDocument {
        OpenDocument {
            name: name_of(uri),
            path: uri
                .as_str()
                .starts_with("file://")
                .then(|| PathBuf::from(name_of(uri))),
            language_id,
            version,
            lines: LineIndex::new(&text),
            text,
            checked: None,
        }
    }

    /// Applies the changes of one `didChange`, in order: a change with a range replaces it, one
    /// without replaces the whole text.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let bytes = self.lines.byte_range(&self.text, range, encoding);
                    self.text.replace_range(bytes, &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.version = version;
        self.checked = None;
    }

    /// The format to read the document as: the file extension's, else the language id's, else
    /// (`None`) a guess from the contents.
    pub fn format(&self) -> Option<Format> {
        Format::from_name(&self.name).or(match self.language_id.as_str() {
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "plaintext" | "text" => Some(Format::Text),
            _ => None,
        })
    }

    /// Whether the document is a config file rather than a story.
    pub fn is_config(&self) -> bool {
        self.path
            .as_ref()
            .is_some_and(|p| p.file_name().is_some_and(|n| n == crate::config::FILE_NAME))
    }
}

/// Checks `text` as a story named `name`, as `stet check` would with `governing`'s config
/// (date policy, rule selection, suppression comments, severities). Never panics: a panic in
/// the checker (a bug) is caught and reported as the document's failure, so one story cannot
/// take the server down.
pub fn check(
    governing: &Governing,
    name: &str,
    text: &str,
    options: &DocumentOptions,
    today: chrono::NaiveDate,
) -> Checked {
    let run = || {
        let document =
            Document::parse(name, text.as_bytes(), options).map_err(|e| e.to_string())?;
        crate::run::check_document(&governing.checker, &governing.config, document, today)
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(report)) => Checked::Report(Box::new(report)),
        Ok(Err(e)) => Checked::Failed(e),
        Err(_) => Checked::Failed("internal error in the checker (see the server's log)".into()),
    }
}

/// The path of a `file:` URI, percent-decoded (`file:///C:/x` -> `C:/x` on a drive letter);
/// any other URI as it is written.
pub fn name_of(uri: &Uri) -> String {
    let s = uri.as_str();
    let Some(rest) = s.strip_prefix("file://") else {
        return s.to_string();
    };
    // Skip the authority (usually empty: `file:///path`).
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path);
    let bytes = decoded.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    if drive {
        decoded[1..].to_string()
    } else {
        decoded
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            name_of(&uri("file:///home/ed/My%20Stories/kim%E2%80%99s.md")),
            "/home/ed/My Stories/kim’s.md"
        );
        assert_eq!(name_of(&uri("file:///C%3A/news/a.txt")), "C:/news/a.txt");
        assert_eq!(name_of(&uri("file://host/share/a.txt")), "/share/a.txt");
        assert_eq!(name_of(&uri("untitled:Untitled-1")), "untitled:Untitled-1");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
    }

    #[test]
    fn formats_from_extension_then_language() {
        let doc = |u: &str, lang: &str| OpenDocument::new(&uri(u), lang.into(), 1, String::new());
        assert_eq!(
            doc("file:///a.md", "plaintext").format(),
            Some(Format::Markdown)
        );
        assert_eq!(doc("untitled:x", "html").format(), Some(Format::Html));
        assert_eq!(doc("untitled:x", "rust").format(), None);
    }

    #[test]
    fn changes_apply_in_order_in_utf16() {
        let mut doc = OpenDocument::new(
            &uri("file:///a.txt"),
            "plaintext".into(),
            1,
            "a😀b\nc".into(),
        );
        let at = |l, c| Position::new(l, c);
        doc.apply(
            2,
            vec![
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(0, 3), at(0, 4))),
                    range_length: None,
                    text: "B".into(),
                },
                TextDocumentContentChangeEvent {
                    range: Some(Range::new(at(1, 1), at(9, 0))),
                    range_length: None,
                    text: "\nd".into(),
                },
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "a😀B\nc\nd");
        assert_eq!(doc.version, 2);
        assert_eq!(doc.lines, LineIndex::new("a😀B\nc\nd"));
        doc.apply(
            3,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "new");
    }
}
