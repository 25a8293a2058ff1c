//! Code actions: a `quickfix` for each suggested correction of a contradicted claim that
//! overlaps the requested range (preferred when the suggestion is safe; the title says when it
//! needs an editor's review), and "Remove unused suppression" for a suppression comment that
//! silenced nothing.

use super::convert::{Encoding, LineIndex};
use super::diagnostics::{self, DiagnosticOptions};
use crate::check::finding::Verdict;
use crate::report::{FileReport, UnusedSuppression};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::ops::Range;

/// What the edits are addressed to, and how the client takes them.
pub struct Target<'a> {
    pub uri: &'a Uri,
    /// The version the edits apply to (sent when the client takes `documentChanges`, so it
    /// refuses them if the document has changed since).
    pub version: i32,
    /// The client supports `WorkspaceEdit.documentChanges`.
    pub document_changes: bool,
    pub encoding: Encoding,
}

/// Whether the client asked for kinds that include quick fixes (`only` absent: all kinds).
pub fn wants_quickfix(only: Option<&[CodeActionKind]>) -> bool {
    only.is_none_or(|kinds| {
        kinds.iter().any(|k| {
            let k = k.as_str();
            k.is_empty() || CodeActionKind::QUICKFIX.as_str().starts_with(k)
        })
    })
}

/// The actions for the source bytes `requested`.
pub fn code_actions(
    report: &FileReport,
    lines: &LineIndex,
    target: &Target<'_>,
    requested: Range<usize>,
    options: &DiagnosticOptions,
) -> Vec<CodeActionOrCommand> {
    let doc = &report.document;
    let mut actions = Vec::new();
    for finding in report.sorted_findings() {
        if finding.verdict != Verdict::Contradicted {
            continue;
        }
        let Some(s) = &finding.suggestion else {
            continue;
        };
        // A suggestion over markup or an entity maps to no source bytes: no edit to offer.
        let Some(bytes) = doc.source_range(s.span.clone()) else {
            continue;
        };
        let claim = super::convert::claim_bytes(doc, &finding.span);
        if !overlaps(&requested, &bytes) && !overlaps(&requested, &claim) {
            continue;
        }
        let title = if s.safe {
            format!("Replace “{}” with “{}”", s.original, s.replacement)
        } else {
            format!(
                "Replace “{}” with “{}” (needs an editor's review)",
                s.original, s.replacement
            )
        };
        let diagnostic = diagnostics::of_finding(report, finding, lines, target.encoding, options);
        actions.push(action(
            title,
            target,
            lines,
            &doc.source,
            bytes,
            &s.replacement,
            diagnostic,
            s.safe,
        ));
    }
    for unused in &report.unused_suppressions {
        if !overlaps(&requested, &unused.span) {
            continue;
        }
        let bytes = removal(lines, &doc.source, unused);
        let diagnostic = diagnostics::of_unused_suppression(report, unused, lines, target.encoding);
        actions.push(action(
            "Remove unused suppression".to_string(),
            target,
            lines,
            &doc.source,
            bytes,
            "",
            Some(diagnostic),
            true,
        ));
    }
    actions
}

/// Ranges that share a byte, or touch (a cursor at a claim's edge is on it).
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The bytes to delete for an unused suppression: its whole line when the comment is alone on
/// it (so no blank line is left), else the comment itself.
fn removal(lines: &LineIndex, source: &str, unused: &UnusedSuppression) -> Range<usize> {
    let span = unused.span.start.min(source.len())..unused.span.end.min(source.len());
    let first = lines.line_bounds(source, span.start);
    let last = lines.line_bounds(source, span.end.saturating_sub(1).max(span.start));
    let before = source.get(first.start..span.start).unwrap_or("x");
    let after = source.get(span.end..last.end).unwrap_or("x");
    if before.trim().is_empty() && after.trim().is_empty() {
        first.start..last.end
    } else {
        span
    }
}

#[allow(clippy::too_many_arguments)] // one call site per action kind; a struct adds nothing
fn action(
    title: String,
    target: &Target<'_>,
    lines: &LineIndex,
    source: &str,
    bytes: Range<usize>,
    replacement: &str,
    diagnostic: Option<lsp_types::Diagnostic>,
    preferred: bool,
) -> CodeActionOrCommand {
    let edit = TextEdit {
        range: lines.range(source, bytes, target.encoding),
        new_text: replacement.to_string(),
    };
    let workspace_edit = if target.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: target.uri.clone(),
                    version: Some(target.version),
                },
                edits: vec![OneOf::Left(edit)],
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(target.uri.clone(), vec![edit])])),
            ..WorkspaceEdit::default()
        }
    };
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(workspace_edit),
        is_preferred: Some(preferred),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finding::Severity;
    use crate::report::testing::{STORY, plain, report};
    use std::str::FromStr;

    fn uri() -> Uri {
        Uri::from_str("file:///tmp/story.txt").unwrap()
    }

    fn actions(report: &FileReport, needle: &str, document_changes: bool) -> Vec<CodeAction> {
        let source = &report.document.source;
        let lines = LineIndex::new(source);
        let at = source.find(needle).unwrap();
        let uri = uri();
        let target = Target {
            uri: &uri,
            version: 7,
            document_changes,
            encoding: Encoding::Utf16,
        };
        code_actions(
            report,
            &lines,
            &target,
            at..at,
            &DiagnosticOptions::default(),
        )
        .into_iter()
        .filter_map(|a| match a {
            CodeActionOrCommand::CodeAction(a) => Some(a),
            CodeActionOrCommand::Command(_) => None,
        })
        .collect()
    }

    fn edits(action: &CodeAction) -> Vec<TextEdit> {
        let edit = action.edit.as_ref().unwrap();
        if let Some(changes) = &edit.changes {
            return changes.values().flatten().cloned().collect();
        }
        match &edit.document_changes {
            Some(DocumentChanges::Edits(e)) => e
                .iter()
                .flat_map(|e| e.edits.iter())
                .filter_map(|e| match e {
                    OneOf::Left(e) => Some(e.clone()),
                    OneOf::Right(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_safe_fix_is_preferred_and_replaces_the_claim() {
        let all = actions(&report(), "Feb. 26-27", false);
        assert_eq!(all.len(), 1, "{all:?}");
        let a = &all[0];
        assert_eq!(a.title, "Replace “Feb. 26-27” with “Feb. 27-28”");
        assert_eq!(a.kind, Some(CodeActionKind::QUICKFIX));
        assert_eq!(a.is_preferred, Some(true));
        let e = edits(a);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].new_text, "Feb. 27-28");
        assert_eq!((e[0].range.start.line, e[0].range.start.character), (2, 39));
        assert_eq!(e[0].range.end.character, 49);
        assert_eq!(a.diagnostics.as_ref().map(Vec::len), Some(1));
    }

    #[test]
    fn an_unsafe_fix_says_it_needs_review_and_versions_go_with_document_changes() {
        let all = actions(&report(), "Ri Yong Hoo", true);
        assert_eq!(all.len(), 1);
        assert!(all[0].title.ends_with("(needs an editor's review)"));
        assert_eq!(all[0].is_preferred, Some(false));
        let Some(DocumentChanges::Edits(e)) = &all[0].edit.as_ref().unwrap().document_changes
        else {
            panic!("document changes expected");
        };
        assert_eq!(e[0].text_document.version, Some(7));
        assert!(actions(&report(), "Pyongyang", false).is_empty());
    }

    #[test]
    fn an_unused_suppression_alone_on_its_line_is_removed_with_the_line() {
        let comment = "<!-- stet-disable spelling -->";
        for (source, expected) in [
            (
                format!("{STORY}  {comment}\nlast\n"),
                format!("{STORY}last\n"),
            ),
            (format!("{STORY}x {comment} y"), format!("{STORY}x  y")),
        ] {
            let mut r = report();
            r.document = plain("story.txt", &source);
            let start = source.find(comment).unwrap();
            r.unused_suppressions = vec![UnusedSuppression {
                span: start..start + comment.len(),
                rules: vec!["spelling".into()],
                severity: Severity::Warning,
                message: "silenced nothing".into(),
            }];
            let all = actions(&r, "stet-disable", false);
            assert_eq!(all.len(), 1, "{all:?}");
            assert_eq!(all[0].title, "Remove unused suppression");
            let lines = LineIndex::new(&source);
            let e = edits(&all[0]);
            let bytes = lines.byte_range(&source, e[0].range, Encoding::Utf16);
            let mut fixed = source.clone();
            fixed.replace_range(bytes, &e[0].new_text);
            assert_eq!(fixed, expected);
        }
    }

    #[test]
    fn only_filters_kinds() {
        assert!(wants_quickfix(None));
        assert!(wants_quickfix(Some(&[CodeActionKind::QUICKFIX])));
        assert!(wants_quickfix(Some(&[CodeActionKind::EMPTY])));
        assert!(!wants_quickfix(Some(&[CodeActionKind::REFACTOR])));
        assert!(!wants_quickfix(Some(&[CodeActionKind::SOURCE_FIX_ALL])));
    }
}
