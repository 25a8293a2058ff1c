//! The report as JSON lines, schema `stet-report-jsonl` version 1 (docs/json-schema.md): one
//! compact JSON object per line, each with a `type`: a `header` first, then per file its
//! `finding` and `unused-suppression` lines from top to bottom (or one `file-error`), and a
//! `summary` last. A consumer can act on each line as it comes, and a run cut short is
//! recognisable by its missing summary.
//!
//! Findings carry the same keys as in `stet-report` (plus `type` and `path`); contradicted
//! ones always, supported and unverifiable ones with `--verbose`.

use super::json::{self, JsonFinding, JsonUnused};
use super::{Entry, FileOutcome, Render, Summary, entries, render_all};
use crate::check::finding::Verdict;
use serde::Serialize;
use std::io::{self, Write};

/// The schema's name, the `schema` of the header line.
pub const SCHEMA: &str = "stet-report-jsonl";
/// The schema's version. Adding keys or line types keeps it; removing or changing one bumps it.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Line<'a> {
    Header {
        schema: &'static str,
        version: u32,
    },
    Finding {
        path: &'a str,
        #[serde(flatten)]
        finding: JsonFinding<'a>,
    },
    UnusedSuppression {
        path: &'a str,
        #[serde(flatten)]
        unused: JsonUnused<'a>,
    },
    FileError {
        path: &'a str,
        error: &'a str,
    },
    Summary(&'a Summary),
}

fn write_line(out: &mut dyn Write, line: &Line<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, line).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// Writes the JSON-lines report of a run (for callers that hold every outcome).
pub fn render(out: &mut dyn Write, outcomes: &[FileOutcome], verbose: bool) -> io::Result<()> {
    render_all(&mut JsonlRenderer::new(verbose), out, outcomes)
}

/// The JSON-lines report, written file by file.
#[derive(Debug)]
pub struct JsonlRenderer {
    verbose: bool,
}

impl JsonlRenderer {
    pub fn new(verbose: bool) -> JsonlRenderer {
        JsonlRenderer { verbose }
    }
}

impl Render for JsonlRenderer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write_line(
            out,
            &Line::Header {
                schema: SCHEMA,
                version: VERSION,
            },
        )
    }

    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let report = match outcome {
            FileOutcome::Checked(report) => report,
            FileOutcome::Failed { name, error } => {
                return write_line(out, &Line::FileError { path: name, error });
            }
        };
        let doc = &report.document;
        for entry in entries(report) {
            let line = match entry {
                Entry::Finding(f) if f.verdict == Verdict::Contradicted || self.verbose => {
                    Line::Finding {
                        path: &doc.name,
                        finding: json::finding(doc, f),
                    }
                }
                Entry::Finding(_) => continue,
                Entry::Unused(u) => Line::UnusedSuppression {
                    path: &doc.name,
                    unused: json::unused(doc, u),
                },
            };
            write_line(out, &line)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        write_line(out, &Line::Summary(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;
    use serde_json::Value;

    fn lines(outcomes: &[FileOutcome], verbose: bool) -> (String, Vec<Value>) {
        let text = rendered(&mut JsonlRenderer::new(verbose), outcomes);
        let values = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect();
        (text, values)
    }

    fn types(values: &[Value]) -> Vec<&str> {
        values.iter().filter_map(|v| v["type"].as_str()).collect()
    }

    #[test]
    fn header_then_each_item_then_the_summary() {
        let (text, values) = lines(&sample_outcomes(), false);
        assert!(text.ends_with("}\n"));
        assert_eq!(
            types(&values),
            [
                "header",
                "finding",
                "finding",
                "unused-suppression",
                "file-error",
                "summary"
            ]
        );
        assert_eq!(values[0]["schema"], "stet-report-jsonl");
        assert_eq!(values[0]["version"], 1);

        let date = &values[1];
        assert_eq!(date["path"], "story.txt");
        assert_eq!(date["rule"], "summit-date");
        assert_eq!(date["verdict"], "contradicted");
        assert_eq!(date["start"]["line"], 3);
        assert_eq!(date["start"]["column"], 40);
        assert_eq!(date["end"]["column"], 50);
        assert_eq!(date["suggestion"]["replacement"], "Feb. 27-28");
        assert_eq!(date["suggestion"]["safe"], true);

        let unused = &values[3];
        assert_eq!(unused["rule"], "unused-suppression");
        assert_eq!(unused["rules"], serde_json::json!(["spelling"]));
        assert_eq!(unused["severity"], "warning");
        assert_eq!(unused["start"]["line"], 5);
        assert_eq!(unused["start"]["column"], 1);
        assert_eq!(unused["end"]["line"], 5);
        assert_eq!(unused["end"]["column"], 1 + SUPPRESSION.len());

        assert_eq!(values[4]["path"], "photo.txt");
        assert_eq!(values[4]["error"], "binary file (NUL byte at offset 6)");
        assert_eq!(values[5]["files"], 2);
        assert_eq!(values[5]["suppressed"], 1);
        assert_eq!(values[5]["unused_suppressions"], 1);
    }

    #[test]
    fn verbose_adds_supported_and_unverifiable_findings() {
        let (text, values) = lines(&sample_outcomes(), true);
        let verdicts: Vec<&str> = values
            .iter()
            .filter_map(|v| v["verdict"].as_str())
            .collect();
        assert_eq!(
            verdicts,
            ["supported", "contradicted", "unverifiable", "contradicted"]
        );
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("jsonl_report", text);
        });
    }

    #[test]
    fn odd_input_gives_one_valid_object_per_line() {
        let (text, values) = lines(&odd_outcomes(), true);
        assert_eq!(text.lines().count(), values.len());
        assert_eq!(values[1]["path"], "dir, a:b\nc%.txt");
        assert_eq!(types(&values).last(), Some(&"summary"));
    }

    #[test]
    fn an_empty_run_is_the_header_and_the_summary() {
        let (_, values) = lines(&[], false);
        assert_eq!(types(&values), ["header", "summary"]);
        assert_eq!(values[1]["files"], 0);
    }
}
