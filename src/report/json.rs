//! The report for machines: one JSON document per run, schema `stet-report` version 1,
//! documented in docs/json-schema.md. Keys come in a fixed order (structs, not maps), the
//! output is pretty-printed with two-space indentation and ends with a newline.
//!
//! It is written as the files come: the opening keys, each file (serialized on its own and
//! indented to its depth, byte for byte what serializing the whole document would give), then
//! the summary.

use super::{
    FileOutcome, FileReport, Render, Summary, UNUSED_SUPPRESSION, UnusedSuppression, end_location,
    pretty_at, render_all, unused_message, unused_range,
};
use crate::check::finding::{Evidence, Finding, Severity, Verdict};
use crate::document::{Document, Location, StoryDate};
use serde::Serialize;
use std::io::{self, Write};

/// The schema's name, the value of the top-level `schema` key.
pub const SCHEMA: &str = "stet-report";
/// The schema's version. Adding keys keeps it; removing or changing one bumps it.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    /// Present (possibly null) for checked files, absent for failed ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    story_date: Option<Option<StoryDate>>,
    claims: usize,
    findings: Vec<JsonFinding<'a>>,
    /// Absent when zero, so a report with no suppressions reads as it did before the key.
    #[serde(skip_serializing_if = "is_zero")]
    suppressed: usize,
    /// Absent when empty, likewise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    unused_suppressions: Vec<JsonUnused<'a>>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A suppression comment that silenced nothing.
#[derive(Serialize)]
pub(super) struct JsonUnused<'a> {
    rule: &'static str,
    rules: &'a [String],
    severity: Severity,
    message: std::borrow::Cow<'a, str>,
    start: Position,
    end: Position,
}

pub(super) fn unused<'a>(doc: &Document, unused: &'a UnusedSuppression) -> JsonUnused<'a> {
    let (start, end) = unused_range(doc, unused);
    JsonUnused {
        rule: UNUSED_SUPPRESSION,
        rules: &unused.rules,
        severity: unused.severity,
        message: unused_message(unused),
        start: start.into(),
        end: end.into(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
    rule: &'a str,
    check: &'a str,
    severity: Severity,
    verdict: Verdict,
    message: &'a str,
    text: &'a str,
    span: Span,
    start: Position,
    end: Position,
    evidence: &'a [Evidence],
    suggestion: Option<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    original: &'a str,
    replacement: &'a str,
    safe: bool,
    span: Span,
    start: Position,
    end: Position,
}

/// Byte range in the story's prose (`Document::text`).
#[derive(Serialize)]
pub(super) struct Span {
    start: usize,
    end: usize,
}

/// A position in the story file: 1-based line, 1-based column in characters, byte offset.
#[derive(Serialize)]
pub(super) struct Position {
    line: usize,
    column: usize,
    byte: usize,
}

impl From<Location> for Position {
    fn from(l: Location) -> Position {
        Position {
            line: l.line,
            column: l.column,
            byte: l.byte,
        }
    }
}

/// A finding as both JSON formats write it.
pub(super) fn finding<'a>(doc: &Document, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        rule: &f.rule,
        check: &f.check,
        severity: f.severity,
        verdict: f.verdict,
        message: &f.message,
        text: &f.text,
        span: Span {
            start: f.span.start,
            end: f.span.end,
        },
        start: doc.location(f.span.start).into(),
        end: end_location(doc, &f.span).into(),
        evidence: &f.evidence,
        suggestion: f.suggestion.as_ref().map(|s| JsonSuggestion {
            original: &s.original,
            replacement: &s.replacement,
            safe: s.safe,
            span: Span {
                start: s.span.start,
                end: s.span.end,
            },
            start: doc.location(s.span.start).into(),
            end: end_location(doc, &s.span).into(),
        }),
    }
}

fn file(report: &FileReport) -> File<'_> {
    let doc = &report.document;
    File {
        path: &doc.name,
        status: "checked",
        error: None,
        story_date: Some(doc.story_date),
        claims: report.claims,
        findings: report
            .sorted_findings()
            .into_iter()
            .map(|f| finding(doc, f))
            .collect(),
        suppressed: report.suppressed,
        unused_suppressions: report
            .unused_suppressions
            .iter()
            .map(|u| unused(doc, u))
            .collect(),
    }
}

fn file_of(outcome: &FileOutcome) -> File<'_> {
    match outcome {
        FileOutcome::Checked(report) => file(report),
        FileOutcome::Failed { name, error } => File {
            path: name,
            status: "failed",
            error: Some(error),
            story_date: None,
            claims: 0,
            findings: Vec::new(),
            suppressed: 0,
            unused_suppressions: Vec::new(),
        },
    }
}

/// Writes the report of a run as one JSON document (for callers that hold every outcome; the
/// summary is computed from them).
pub fn render(out: &mut dyn Write, outcomes: &[FileOutcome], _summary: &Summary) -> io::Result<()> {
    render_all(&mut JsonRenderer::new(), out, outcomes)
}

/// The JSON report, written file by file.
#[derive(Debug, Default)]
pub struct JsonRenderer {
    files_written: usize,
}

impl JsonRenderer {
    pub fn new() -> JsonRenderer {
        JsonRenderer::default()
    }
}

impl Render for JsonRenderer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"schema\": {},\n  \"version\": {VERSION},\n  \"files\": [",
            serde_json::to_string(SCHEMA).map_err(io::Error::from)?
        )
    }

    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let file = file_of(outcome);
        let separator = if self.files_written == 0 { "" } else { "," };
        write!(out, "{separator}\n    {}", pretty_at(&file, 2)?)?;
        self.files_written += 1;
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        // serde writes an empty array as `[]`, a non-empty one with its `]` on its own line.
        let close = if self.files_written == 0 {
            "]"
        } else {
            "\n  ]"
        };
        writeln!(
            out,
            "{close},\n  \"summary\": {}\n}}",
            pretty_at(summary, 1)?
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DateOrigin;
    use crate::report::testing::*;
    use serde_json::Value;

    fn rendered(outcomes: &[FileOutcome]) -> String {
        let mut out = Vec::new();
        if let Err(e) = render(&mut out, outcomes, &Summary::of(outcomes)) {
            panic!("writing to a Vec fails: {e}");
        }
        String::from_utf8(out).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
    }

    fn outcomes() -> Vec<FileOutcome> {
        let mut r = report();
        r.document.story_date =
            chrono::NaiveDate::from_ymd_opt(2019, 2, 23).map(|date| StoryDate {
                date,
                origin: DateOrigin::Header,
            });
        vec![
            FileOutcome::Checked(r),
            FileOutcome::Failed {
                name: "photo.txt".into(),
                error: "binary file (NUL byte at offset 6)".into(),
            },
        ]
    }

    #[test]
    fn parses_back_with_the_documented_fields() {
        let text = rendered(&outcomes());
        assert!(text.ends_with("}\n"));
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        assert_eq!(json["schema"], "stet-report");
        assert_eq!(json["version"], 1);

        let file = &json["files"][0];
        assert_eq!(file["path"], "story.txt");
        assert_eq!(file["status"], "checked");
        assert!(file.get("error").is_none());
        assert_eq!(file["story_date"]["date"], "2019-02-23");
        assert_eq!(file["story_date"]["origin"], "header");
        assert_eq!(file["claims"], 5);

        let findings = file["findings"].as_array().map_or(&[][..], Vec::as_slice);
        let rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
        assert_eq!(
            rules,
            ["weekday", "summit-date", "summit-place", "spelling"]
        );

        let date = &findings[1];
        assert_eq!(date["check"], "event-date");
        assert_eq!(date["severity"], "error");
        assert_eq!(date["verdict"], "contradicted");
        assert_eq!(date["text"], "Feb. 26-27");
        let start = span_of("Feb. 26-27").start;
        assert_eq!(date["span"]["start"], start);
        assert_eq!(date["span"]["end"], start + 10);
        assert_eq!(date["start"]["line"], 3);
        assert_eq!(date["start"]["column"], 40);
        assert_eq!(date["start"]["byte"], start);
        assert_eq!(date["end"]["line"], 3);
        assert_eq!(date["end"]["column"], 50);
        assert_eq!(date["end"]["byte"], start + 10);
        assert!(
            date["evidence"][0]["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("https://"))
        );
        assert_eq!(date["suggestion"]["original"], "Feb. 26-27");
        assert_eq!(date["suggestion"]["replacement"], "Feb. 27-28");
        assert_eq!(date["suggestion"]["safe"], true);
        assert_eq!(date["suggestion"]["start"]["column"], 40);
        assert!(findings[0]["suggestion"].is_null());
        assert_eq!(findings[3]["start"]["line"], 4);
        assert_eq!(findings[3]["start"]["column"], 19);

        let failed = &json["files"][1];
        assert_eq!(failed["status"], "failed");
        assert_eq!(failed["error"], "binary file (NUL byte at offset 6)");
        assert!(failed.get("story_date").is_none());
        assert_eq!(failed["findings"], Value::Array(Vec::new()));

        let summary = &json["summary"];
        assert_eq!(summary["files"], 2);
        assert_eq!(summary["failed"], 1);
        assert_eq!(summary["contradicted"], 2);
        assert_eq!(summary["errors"], 1);
        assert_eq!(summary["warnings"], 1);
    }

    #[test]
    fn unused_suppressions_and_the_suppressed_count_when_there_are_any() {
        let text = rendered(&sample_outcomes());
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        let file = &json["files"][0];
        assert_eq!(file["suppressed"], 1);
        let unused = &file["unused_suppressions"][0];
        assert_eq!(unused["rule"], "unused-suppression");
        assert_eq!(unused["rules"], serde_json::json!(["spelling"]));
        assert_eq!(unused["severity"], "warning");
        assert_eq!(
            unused["message"],
            "`stet-disable spelling` silenced nothing"
        );
        let start = STORY.len();
        assert_eq!(unused["start"]["line"], 5);
        assert_eq!(unused["start"]["column"], 1);
        assert_eq!(unused["start"]["byte"], start);
        assert_eq!(unused["end"]["line"], 5);
        assert_eq!(unused["end"]["column"], 1 + SUPPRESSION.len());
        assert_eq!(unused["end"]["byte"], start + SUPPRESSION.len());
        // A failed file has neither key.
        assert!(json["files"][1].get("suppressed").is_none());
        assert!(json["files"][1].get("unused_suppressions").is_none());
        assert_eq!(json["summary"]["suppressed"], 1);
        assert_eq!(json["summary"]["unused_suppressions"], 1);
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("json_report_with_suppressions", text);
        });
    }

    #[test]
    fn streamed_output_is_what_serializing_the_whole_document_gives() {
        #[derive(Serialize)]
        struct Whole<'a> {
            schema: &'static str,
            version: u32,
            files: Vec<File<'a>>,
            summary: &'a Summary,
        }
        for outcomes in [outcomes(), sample_outcomes(), odd_outcomes(), Vec::new()] {
            let summary = Summary::of(&outcomes);
            let whole = Whole {
                schema: SCHEMA,
                version: VERSION,
                files: outcomes.iter().map(file_of).collect(),
                summary: &summary,
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap_or_default() + "\n";
            assert_eq!(rendered(&outcomes), expected);
        }
    }

    #[test]
    fn story_date_is_null_when_none_was_found() {
        let text = rendered(&[FileOutcome::Checked(report())]);
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert!(json["files"][0]["story_date"].is_null());
        assert!(json["files"][0].get("story_date").is_some());
    }

    #[test]
    fn keys_in_fixed_order_two_space_indent_byte_identical() {
        let a = rendered(&outcomes());
        assert_eq!(a, rendered(&outcomes()));
        // Named without the module path, so the snapshot does not depend on the crate's name.
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("json_report", a);
        });
    }
}
