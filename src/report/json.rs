//! The report for machines: one JSON document per run, schema `stet-report` version 1,
//! documented in docs/json-schema.md. Keys come in a fixed order (structs, not maps), the
//! output is pretty-printed with two-space indentation and ends with a newline.

use super::{FileOutcome, FileReport, Summary, end_location};
use crate::check::finding::{Evidence, Finding, Severity, Verdict};
use crate::document::{Location, StoryDate};
use serde::Serialize;
use std::io::{self, Write};

/// The schema's name, the value of the top-level `schema` key.
pub const SCHEMA: &str = "stet-report";
/// The schema's version. Adding keys keeps it; removing or changing one bumps it.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    version: u32,
    files: Vec<File<'a>>,
    summary: &'a Summary,
}

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
}

#[derive(Serialize)]
struct JsonFinding<'a> {
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
struct Span {
    start: usize,
    end: usize,
}

/// A position in the story file: 1-based line, 1-based column in characters, byte offset.
#[derive(Serialize)]
struct Position {
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

fn file(report: &FileReport) -> File<'_> {
    let doc = &report.document;
    let findings = report
        .sorted_findings()
        .into_iter()
        .map(|f: &Finding| JsonFinding {
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
        })
        .collect();
    File {
        path: &doc.name,
        status: "checked",
        error: None,
        story_date: Some(doc.story_date),
        claims: report.claims,
        findings,
    }
}

/// Writes the report of a run as one JSON document.
pub fn render(out: &mut dyn Write, outcomes: &[FileOutcome], summary: &Summary) -> io::Result<()> {
    let files = outcomes
        .iter()
        .map(|outcome| match outcome {
            FileOutcome::Checked(report) => file(report),
            FileOutcome::Failed { name, error } => File {
                path: name,
                status: "failed",
                error: Some(error),
                story_date: None,
                claims: 0,
                findings: Vec::new(),
            },
        })
        .collect();
    let report = Report {
        schema: SCHEMA,
        version: VERSION,
        files,
        summary,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    out.write_all(b"\n")
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
