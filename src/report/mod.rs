//! Report: findings for people (`human`), for machines (`json`, schema in docs/json-schema.md),
//! and as edits (`diff` builds a unified diff of the suggested corrections, `fix` writes them).
//!
//! Every renderer is deterministic: the same outcomes give byte-identical output.

pub mod claims;
pub mod diff;
pub mod fix;
pub mod human;
pub mod json;

use crate::check::finding::{Finding, Severity, Verdict};
use crate::document::{Document, Location};
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

/// The rule id under which a suppression comment that silenced nothing is reported.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// A suppression comment (`<!-- stet-disable rule -->`...) that silenced no finding, reported
/// so stale ones get cleaned up. It lives in the markup, not the prose, so its span is a byte
/// range of `Document::source` (locate it with `Document::source_location`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnusedSuppression {
    /// Byte range of the whole comment in `Document::source`.
    pub span: Range<usize>,
    /// The rule ids the comment names that silenced nothing (empty: it named none, so it
    /// covered every rule, and silenced nothing).
    pub rules: Vec<String>,
    /// `warning` unless the config says otherwise (`[severity] unused-suppression = ...`).
    pub severity: Severity,
    /// "`stet-disable spelling` silenced nothing", or why a rule id in it is not known.
    pub message: String,
}

/// One story, checked.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub document: Document,
    /// How many claims were extracted.
    pub claims: usize,
    /// Sorted by span start, then rule id (see [`FileReport::new`]); renderers sort again
    /// anyway, so a report built by hand is still shown in order.
    pub findings: Vec<Finding>,
    /// Findings silenced by suppression comments or turned off by the config (not in
    /// `findings`).
    pub suppressed: usize,
    /// Suppression comments that silenced nothing, in source order.
    pub unused_suppressions: Vec<UnusedSuppression>,
}

impl FileReport {
    /// A report with its findings in the canonical order: span start, rule id, longer span
    /// first. The sort is stable, so findings equal on all three keep their order.
    pub fn new(document: Document, claims: usize, mut findings: Vec<Finding>) -> FileReport {
        findings.sort_by(canonical_order);
        FileReport {
            document,
            claims,
            findings,
            suppressed: 0,
            unused_suppressions: Vec::new(),
        }
    }

    /// The findings in canonical order, whatever order `findings` is in.
    pub fn sorted_findings(&self) -> Vec<&Finding> {
        let mut sorted: Vec<&Finding> = self.findings.iter().collect();
        sorted.sort_by(|a, b| canonical_order(a, b));
        sorted
    }
}

fn canonical_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.span
        .start
        .cmp(&b.span.start)
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| b.span.end.cmp(&a.span.end))
}

/// What happened to one file of a run. A file that could not be read is reported and the run
/// goes on.
#[derive(Debug, Clone)]
pub enum FileOutcome {
    Checked(FileReport),
    Failed { name: String, error: String },
}

/// Totals over a run. `supported`, `contradicted` and `unverifiable` count findings (a claim
/// can be checked by more than one rule, and some claims are checked by none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files given, including those that failed.
    pub files: usize,
    /// Files that could not be read.
    pub failed: usize,
    /// Claims extracted.
    pub claims: usize,
    pub supported: usize,
    pub contradicted: usize,
    pub unverifiable: usize,
    /// Contradicted findings at severity `error`: these fail the run.
    pub errors: usize,
    /// Contradicted findings at severity `warning`.
    pub warnings: usize,
    /// Findings silenced by suppression comments or the config.
    pub suppressed: usize,
    /// Suppression comments that silenced nothing.
    pub unused_suppressions: usize,
}

impl Summary {
    pub fn of(outcomes: &[FileOutcome]) -> Summary {
        let mut summary = Summary::default();
        for outcome in outcomes {
            summary.add(outcome);
        }
        summary
    }

    /// Counts one more file (a streaming run adds each file as it is reported).
    pub fn add(&mut self, outcome: &FileOutcome) {
        self.files += 1;
        let report = match outcome {
            FileOutcome::Checked(report) => report,
            FileOutcome::Failed { .. } => {
                self.failed += 1;
                return;
            }
        };
        self.claims += report.claims;
        self.suppressed += report.suppressed;
        self.unused_suppressions += report.unused_suppressions.len();
        for finding in &report.findings {
            match finding.verdict {
                Verdict::Supported => self.supported += 1,
                Verdict::Unverifiable => self.unverifiable += 1,
                Verdict::Contradicted => {
                    self.contradicted += 1;
                    match finding.severity {
                        Severity::Error => self.errors += 1,
                        Severity::Warning => self.warnings += 1,
                        Severity::Info => {}
                    }
                }
            }
        }
    }

    /// Whether the run fails at `fail_on`: a contradiction at that severity or above, or an
    /// unused suppression at it (they are warnings unless the config raises them).
    pub fn fails_at(&self, fail_on: Severity, unused_severity: Severity) -> bool {
        let contradictions = match fail_on {
            Severity::Error => self.errors,
            Severity::Warning => self.errors + self.warnings,
            Severity::Info => self.contradicted,
        };
        contradictions > 0 || (self.unused_suppressions > 0 && unused_severity >= fail_on)
    }
}

/// The output formats of `stet check --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// For people: rustc-style blocks with the source line, evidence and suggestion.
    Human,
    /// One line per finding: `path:line:col: severity rule-id message`.
    Concise,
    /// One JSON document per run (schema `stet-report`, docs/json-schema.md).
    Json,
    /// One JSON object per line: each finding, each failed file, then the summary.
    Jsonl,
    /// SARIF 2.1.0, with the suggested corrections as `fixes` (docs/sarif.md).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML: one test suite per file, one test case per contradicted finding.
    Junit,
}

/// What a renderer is told besides the outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// The human renderer's options (colour, what to list).
    pub human: HumanOptions,
    /// Also list supported and unverifiable findings (in formats that list findings one by
    /// one: human, concise, jsonl, github). json and sarif always carry every finding.
    pub verbose: bool,
}

/// A renderer that writes a run's report as its files are checked, so a run over thousands of
/// files holds one file at a time: `begin`, then `file` for each outcome in order, then
/// `finish` with the totals.
pub trait Render {
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Renders a whole run with `renderer` (tests and callers that hold every outcome).
pub fn render_all(
    renderer: &mut dyn Render,
    out: &mut dyn Write,
    outcomes: &[FileOutcome],
) -> io::Result<()> {
    renderer.begin(out)?;
    for outcome in outcomes {
        renderer.file(out, outcome)?;
    }
    renderer.finish(out, &Summary::of(outcomes))
}

/// Options of the human renderer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HumanOptions {
    /// Write ANSI colour codes (the CLI decides: a terminal, and no `NO_COLOR`).
    pub color: bool,
    /// List supported findings too, one line each.
    pub show_supported: bool,
    /// List unverifiable findings too, one line each.
    pub show_unverifiable: bool,
}

/// The position just after the last character of `span` in the source file (an exclusive
/// end). Computed from the last character rather than from `span.end`, so a claim that ends
/// where the prose jumps over markup ("**Feb. 27**") ends at its own last character, not after
/// the markup.
pub(crate) fn end_location(doc: &Document, span: &Range<usize>) -> Location {
    let last = doc
        .text
        .get(span.start.min(span.end)..span.end)
        .and_then(|claim| claim.chars().next_back());
    let Some(last) = last else {
        // Empty span, or not on char boundaries: a point.
        return doc.location(span.start);
    };
    let at = doc.location(span.end - last.len_utf8());
    let width = doc
        .source
        .get(at.byte..)
        .and_then(|rest| rest.chars().next())
        .map_or(last.len_utf8(), char::len_utf8);
    Location {
        byte: at.byte + width,
        line: at.line,
        column: at.column + 1,
    }
}

/// Builders shared by the tests of the report modules.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::check::finding::{Evidence, Suggestion};
    use crate::document::{Format, Segment};

    /// A plain-text document whose prose is its source, mapped one to one.
    pub fn plain(name: &str, source: &str) -> Document {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Document {
            name: name.to_string(),
            format: Format::Text,
            source: source.to_string(),
            text: source.to_string(),
            story_date: None,
            sentences: Vec::new(),
            paragraphs: Vec::new(),
            segments: vec![Segment {
                text_start: 0,
                source_start: 0,
                source_end: source.len(),
                len: source.len(),
                verbatim: true,
            }],
            line_starts,
        }
    }

    pub const STORY: &str = "date 2019-02-23\n\
        \n\
        Kim left Pyongyang on Saturday for the Feb. 26-27 summit in Hanoi.\n\
        \tForeign minister Ri Yong Hoo went with him.\n";

    pub fn span_of(needle: &str) -> Range<usize> {
        let start = STORY.find(needle).unwrap_or(0);
        start..start + needle.len()
    }

    pub fn finding(
        rule: &str,
        check: &str,
        verdict: Verdict,
        severity: Severity,
        text: &str,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            check: check.to_string(),
            severity,
            verdict,
            span: span_of(text),
            text: text.to_string(),
            message: String::new(),
            evidence: Vec::new(),
            suggestion: None,
        }
    }

    pub fn suggestion(text: &str, replacement: &str, safe: bool) -> Option<Suggestion> {
        Some(Suggestion {
            span: span_of(text),
            original: text.to_string(),
            replacement: replacement.to_string(),
            safe,
        })
    }

    /// A story with a contradicted date (safe fix), a supported weekday, a likely misspelling
    /// (warning, unsafe fix) and an unverifiable claim; deliberately out of order.
    pub fn report() -> FileReport {
        let mut date = finding(
            "summit-date",
            "event-date",
            Verdict::Contradicted,
            Severity::Error,
            "Feb. 26-27",
        );
        date.message = "the Hanoi summit was held on 2019-02-27..2019-02-28".into();
        date.evidence = vec![Evidence {
            statement: "2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28"
                .into(),
            source:
                "https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit"
                    .into(),
        }];
        date.suggestion = suggestion("Feb. 26-27", "Feb. 27-28", true);

        let mut weekday = finding(
            "weekday",
            "weekday",
            Verdict::Supported,
            Severity::Error,
            "Saturday",
        );
        weekday.message = "2019-02-23 is a Saturday".into();

        let mut spelling = finding(
            "spelling",
            "spelling",
            Verdict::Contradicted,
            Severity::Warning,
            "Ri Yong Hoo",
        );
        spelling.message = "\"Ri Yong Hoo\" looks like a misspelling of \"Ri Yong Ho\"".into();
        spelling.evidence = vec![Evidence {
            statement: "Ri Yong Ho (person)".into(),
            source: "https://www.wikidata.org/wiki/Q482185".into(),
        }];
        spelling.suggestion = suggestion("Ri Yong Hoo", "Ri Yong Ho", false);

        let mut unknown = finding(
            "summit-place",
            "property",
            Verdict::Unverifiable,
            Severity::Error,
            "Hanoi",
        );
        unknown.message = "no reference data on the summit's place".into();

        FileReport {
            document: plain("story.txt", STORY),
            claims: 5,
            findings: vec![spelling, unknown, date, weekday],
            suppressed: 0,
            unused_suppressions: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn summary_counts_verdicts_severities_and_failures() {
        let outcomes = vec![
            FileOutcome::Checked(report()),
            FileOutcome::Failed {
                name: "photo.txt".into(),
                error: "binary file (NUL byte at offset 6)".into(),
            },
        ];
        assert_eq!(
            Summary::of(&outcomes),
            Summary {
                files: 2,
                failed: 1,
                claims: 5,
                supported: 1,
                contradicted: 2,
                unverifiable: 1,
                errors: 1,
                warnings: 1,
                suppressed: 0,
                unused_suppressions: 0,
            }
        );
        assert_eq!(Summary::of(&[]), Summary::default());
    }

    #[test]
    fn new_sorts_by_position_then_rule() {
        let r = report();
        let sorted = FileReport::new(r.document.clone(), r.claims, r.findings.clone());
        let rules: Vec<&str> = sorted.findings.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(
            rules,
            ["weekday", "summit-date", "summit-place", "spelling"]
        );
        let again: Vec<&str> = r
            .sorted_findings()
            .iter()
            .map(|f| f.rule.as_str())
            .collect();
        assert_eq!(again, rules);
    }

    #[test]
    fn end_location_is_just_after_the_last_character() {
        let doc = plain("s.txt", "ab\nHà Nội\n");
        let end = end_location(&doc, &(3..12));
        assert_eq!((end.line, end.column, end.byte), (2, 7, 12));
        let point = end_location(&doc, &(3..3));
        assert_eq!((point.line, point.column), (2, 1));
        // Not a char boundary: treated as a point, no panic.
        let odd = end_location(&doc, &(3..5));
        assert_eq!(odd.line, 2);
    }
}
