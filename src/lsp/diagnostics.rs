//! Diagnostics: what `textDocument/publishDiagnostics` carries for a checked story.
//!
//! - A contradicted finding: severity from the rule (`error` -> Error, `warning` -> Warning,
//!   `info` -> Information), `code` = the rule id, `source` = "stet", the message and, when
//!   there is one, `suggestion: replace "..." with "..."`.
//! - An unused suppression comment: Warning (or the severity the report gives it) with the
//!   `Unnecessary` tag, so editors grey the comment out; `code` = `unused-suppression`.
//! - An unverifiable finding: a Hint (editors show it faintly, and VS Code keeps it out of the
//!   Problems list), `code` = the rule id, message prefixed `unverifiable:`. Off with
//!   `DiagnosticOptions::unverifiable = None`.
//! - A supported finding: no diagnostic (hover shows it with its evidence).

use super::convert::{Encoding, LineIndex, claim_bytes};
use crate::check::finding::{Finding, Severity, Verdict};
use crate::reference::DataErrors;
use crate::report::{FileReport, UNUSED_SUPPRESSION, UnusedSuppression};
use lsp_types::{Diagnostic, DiagnosticSeverity, DiagnosticTag, NumberOrString, Position};
use std::path::Path;

pub const SOURCE: &str = "stet";

/// How findings are shown (the server's; stet.toml has no key for it, and its severity
/// overrides are applied to the findings before they get here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagnosticOptions {
    /// The severity unverifiable findings are published at; `None`: not published.
    pub unverifiable: Option<DiagnosticSeverity>,
}

impl Default for DiagnosticOptions {
    fn default() -> Self {
        DiagnosticOptions {
            unverifiable: Some(DiagnosticSeverity::HINT),
        }
    }
}

/// The diagnostics of a checked story, in source order (findings first, then unused
/// suppressions, each in the report's order).
pub fn of_report(
    report: &FileReport,
    lines: &LineIndex,
    encoding: Encoding,
    options: &DiagnosticOptions,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = report
        .sorted_findings()
        .into_iter()
        .filter_map(|f| of_finding(report, f, lines, encoding, options))
        .collect();
    out.extend(
        report
            .unused_suppressions
            .iter()
            .map(|u| of_unused_suppression(report, u, lines, encoding)),
    );
    out
}

/// The diagnostic of one finding, if its verdict is published.
pub fn of_finding(
    report: &FileReport,
    finding: &Finding,
    lines: &LineIndex,
    encoding: Encoding,
    options: &DiagnosticOptions,
) -> Option<Diagnostic> {
    let (severity, message) = match finding.verdict {
        Verdict::Supported => return None,
        Verdict::Contradicted => (severity(finding.severity), contradiction_message(finding)),
        Verdict::Unverifiable => (
            options.unverifiable?,
            format!("unverifiable: {}", finding.message),
        ),
    };
    let doc = &report.document;
    let range = lines.range(&doc.source, claim_bytes(doc, &finding.span), encoding);
    Some(Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some(SOURCE.to_string()),
        message,
        ..Diagnostic::default()
    })
}

pub fn of_unused_suppression(
    report: &FileReport,
    unused: &UnusedSuppression,
    lines: &LineIndex,
    encoding: Encoding,
) -> Diagnostic {
    let range = lines.range(&report.document.source, unused.span.clone(), encoding);
    Diagnostic {
        range,
        severity: Some(severity(unused.severity)),
        code: Some(NumberOrString::String(UNUSED_SUPPRESSION.to_string())),
        source: Some(SOURCE.to_string()),
        message: unused.message.clone(),
        tags: Some(vec![DiagnosticTag::UNNECESSARY]),
        ..Diagnostic::default()
    }
}

/// The one diagnostic of a document that could not be checked (too large, binary, an internal
/// error), at its start.
pub fn failure(message: &str) -> Diagnostic {
    let start = Position::new(0, 0);
    Diagnostic {
        range: lsp_types::Range::new(start, start),
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some(SOURCE.to_string()),
        message: format!("stet could not check this document: {message}"),
        ..Diagnostic::default()
    }
}

/// The diagnostics of a `stet.toml` open in the editor: each problem in this file at its line
/// and column (read from the file on disk, so they match the saved text), and problems in
/// other files (a claims folder its `[data]` names) at the start, with their file:line:col.
pub fn of_config_problems(
    problems: &DataErrors,
    name: &str,
    text: &str,
    lines: &LineIndex,
    encoding: Encoding,
) -> Vec<Diagnostic> {
    problems
        .0
        .iter()
        .map(|problem| {
            let here = Path::new(&problem.file) == Path::new(name);
            let (at, message) = if here {
                // `DataError` columns count chars from 1, which is UTF-32 from 0.
                let written = Position::new(
                    to_u32(problem.line.saturating_sub(1)),
                    to_u32(problem.column.saturating_sub(1)),
                );
                let offset = lines.offset(text, written, Encoding::Utf32);
                (
                    lines.position(text, offset, encoding),
                    problem.message.clone(),
                )
            } else {
                (Position::new(0, 0), problem.to_string())
            };
            Diagnostic {
                range: lsp_types::Range::new(at, at),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(SOURCE.to_string()),
                message,
                ..Diagnostic::default()
            }
        })
        .collect()
}

/// What a story governed by a broken config is told, naming each problem's file:line:col.
pub fn broken_config_message(file: Option<&Path>, problems: &DataErrors) -> String {
    let config = file.map_or_else(|| "the settings".to_string(), |f| f.display().to_string());
    format!("{config} has problems, so this story is not checked:\n{problems}")
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

fn contradiction_message(finding: &Finding) -> String {
    let mut message = finding.message.clone();
    if let Some(s) = &finding.suggestion {
        message.push_str(&format!(
            "\nsuggestion: replace \"{}\" with \"{}\"",
            s.original, s.replacement
        ));
        if !s.safe {
            message.push_str(" (needs an editor's review)");
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{STORY, report};

    fn diagnostics(report: &FileReport, options: &DiagnosticOptions) -> Vec<Diagnostic> {
        let lines = LineIndex::new(&report.document.source);
        of_report(report, &lines, Encoding::Utf16, options)
    }

    fn code(d: &Diagnostic) -> String {
        match &d.code {
            Some(NumberOrString::String(s)) => s.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn contradictions_and_unverifiable_findings_in_order() {
        let report = report();
        let all = diagnostics(&report, &DiagnosticOptions::default());
        let summary: Vec<(String, Option<DiagnosticSeverity>, u32, u32, u32)> = all
            .iter()
            .map(|d| {
                (
                    code(d),
                    d.severity,
                    d.range.start.line,
                    d.range.start.character,
                    d.range.end.character,
                )
            })
            .collect();
        // STORY line 3 (0-based 2): "Kim left Pyongyang on Saturday for the Feb. 26-27 summit in
        // Hanoi."; line 4: "\tForeign minister Ri Yong Hoo went with him."
        assert_eq!(
            summary,
            [
                (
                    "summit-date".into(),
                    Some(DiagnosticSeverity::ERROR),
                    2,
                    39,
                    49
                ),
                (
                    "summit-place".into(),
                    Some(DiagnosticSeverity::HINT),
                    2,
                    60,
                    65
                ),
                (
                    "spelling".into(),
                    Some(DiagnosticSeverity::WARNING),
                    3,
                    18,
                    29
                ),
            ]
        );
        assert_eq!(
            all[0].message,
            "the Hanoi summit was held on 2019-02-27..2019-02-28\nsuggestion: replace \"Feb. 26-27\" with \"Feb. 27-28\""
        );
        assert!(all[2].message.ends_with("(needs an editor's review)"));
        assert!(all[1].message.starts_with("unverifiable: "));
        assert!(all.iter().all(|d| d.source.as_deref() == Some("stet")));
        let quiet = DiagnosticOptions { unverifiable: None };
        assert_eq!(diagnostics(&report, &quiet).len(), 2);
    }

    #[test]
    fn unused_suppressions_are_unnecessary_warnings() {
        let mut report = report();
        let comment = "<!-- stet-disable spelling -->";
        let source = format!("{STORY}{comment}\n");
        report.document = crate::report::testing::plain("story.txt", &source);
        report.unused_suppressions = vec![UnusedSuppression {
            span: STORY.len()..STORY.len() + comment.len(),
            rules: vec!["spelling".into()],
            severity: Severity::Warning,
            message: "`stet-disable spelling` silenced nothing".into(),
        }];
        let all = diagnostics(&report, &DiagnosticOptions::default());
        let last = all.last().unwrap();
        assert_eq!(code(last), UNUSED_SUPPRESSION);
        assert_eq!(last.tags, Some(vec![DiagnosticTag::UNNECESSARY]));
        assert_eq!(last.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!((last.range.start.line, last.range.start.character), (4, 0));
        assert_eq!(last.range.end.character, comment.len() as u32);
    }

    #[test]
    fn a_failure_is_one_warning_at_the_start() {
        let d = failure("file is 9 bytes, over the limit of 4 bytes");
        assert_eq!(d.range.start, Position::new(0, 0));
        assert!(d.message.contains("over the limit"));
    }
}
