//! Report: findings for people (`human`, `concise`), for machines (`json` and `jsonl`, schemas
//! in docs/json-schema.md; `sarif`, docs/sarif.md), for CI (`github` annotations, `junit` XML),
//! and as edits (`diff` builds a unified diff of the suggested corrections, `fix` writes them).
//!
//! Every renderer is deterministic: the same outcomes give byte-identical output. Every one
//! streams (see [`Render`]): it writes each file's part as the file comes, and keeps no
//! document; `junit`, whose totals come first, keeps its own rendered text until `finish`.

pub mod claims;
pub mod concise;
pub mod diff;
pub mod fix;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;

use crate::check::finding::{Finding, Severity, Verdict};
use crate::document::{Document, Location};
use serde::Serialize;
use std::borrow::Cow;
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
    /// Findings silenced by suppression comments (not in
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
    /// Findings silenced by suppression comments (a rule the config turns off is not run
    /// as far as the report goes, and not counted).
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
    /// JUnit XML: one test suite per file, one test case per finding.
    Junit,
}

/// A rule as the reports describe it (SARIF lists every rule of the run, not only those that
/// found something).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub description: String,
    pub severity: Severity,
}

/// What a renderer is told besides the outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// The human renderer's options (colour, what to list).
    pub human: HumanOptions,
    /// Also list supported and unverifiable findings (human, concise, jsonl, github, and sarif
    /// as `pass` and `review` results). json and junit always carry every finding.
    pub verbose: bool,
    /// The rules of the run, in the rule set's order (SARIF's `tool.driver.rules`; a finding
    /// whose rule is not here is still reported, without a `ruleIndex`).
    pub rules: Vec<RuleInfo>,
    /// stet's version, as SARIF's `tool.driver.version` (tests set a fixed one).
    pub tool_version: String,
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            human: HumanOptions::default(),
            verbose: false,
            rules: Vec::new(),
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The renderer of `format`. `--verbose` (`options.verbose`) also turns on the human
/// renderer's lists of supported and unverifiable findings.
pub fn renderer(format: OutputFormat, options: &RenderOptions) -> Box<dyn Render + Send> {
    match format {
        OutputFormat::Human => {
            let mut human = options.human;
            human.show_supported |= options.verbose;
            human.show_unverifiable |= options.verbose;
            Box::new(human::HumanRenderer::new(human))
        }
        OutputFormat::Concise => Box::new(concise::ConciseRenderer::new(options.verbose)),
        OutputFormat::Json => Box::new(json::JsonRenderer::new()),
        OutputFormat::Jsonl => Box::new(jsonl::JsonlRenderer::new(options.verbose)),
        OutputFormat::Sarif => Box::new(sarif::SarifRenderer::new(options)),
        OutputFormat::Github => Box::new(github::GithubRenderer::new(options.verbose)),
        OutputFormat::Junit => Box::new(junit::JunitRenderer::new()),
    }
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

/// One thing to report in a file: a finding, or a suppression comment that silenced nothing.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Entry<'a> {
    Finding(&'a Finding),
    Unused(&'a UnusedSuppression),
}

/// A file's findings (in canonical order) and unused suppressions, merged by where they start
/// in the source file, so line-by-line formats list a file from top to bottom. The merge is
/// stable, so findings keep their canonical order among themselves.
pub(crate) fn entries(report: &FileReport) -> Vec<Entry<'_>> {
    let doc = &report.document;
    let mut entries: Vec<(usize, Entry<'_>)> = report
        .sorted_findings()
        .into_iter()
        .map(|f| (doc.location(f.span.start).byte, Entry::Finding(f)))
        .chain(
            report
                .unused_suppressions
                .iter()
                .map(|u| (doc.source_location(u.span.start).byte, Entry::Unused(u))),
        )
        .collect();
    entries.sort_by_key(|(byte, _)| *byte);
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// Where an unused suppression comment starts and (exclusive) ends in the source file.
pub(crate) fn unused_range(doc: &Document, unused: &UnusedSuppression) -> (Location, Location) {
    let start = doc.source_location(unused.span.start);
    let end = doc.source_location(unused.span.end.max(unused.span.start));
    (start, end)
}

/// An unused suppression's message, never empty.
pub(crate) fn unused_message(unused: &UnusedSuppression) -> Cow<'_, str> {
    if unused.message.is_empty() {
        Cow::Borrowed("this suppression comment silenced nothing")
    } else {
        Cow::Borrowed(&unused.message)
    }
}

/// A finding's message, never empty: the claim in quotes when the rule gave none.
pub(crate) fn finding_message(finding: &Finding) -> Cow<'_, str> {
    if finding.message.is_empty() {
        Cow::Owned(format!("\"{}\"", finding.text))
    } else {
        Cow::Borrowed(&finding.message)
    }
}

/// `replace "X" with "Y"`, the suggestion as the reports say it.
pub(crate) fn suggestion_text(suggestion: &crate::check::finding::Suggestion) -> String {
    format!(
        "replace \"{}\" with \"{}\"",
        suggestion.original, suggestion.replacement
    )
}

/// A finding's suggestion (marked when it needs an editor's review) and its evidence with
/// sources, one line each, for the formats that carry them as plain text (github, junit);
/// `evidence_label` starts each evidence line.
pub(crate) fn detail_lines(finding: &Finding, evidence_label: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(suggestion) = &finding.suggestion {
        let review = if suggestion.safe {
            ""
        } else {
            " (needs an editor's review)"
        };
        lines.push(format!("{}{review}", suggestion_text(suggestion)));
    }
    for evidence in &finding.evidence {
        let source = if evidence.source.is_empty() {
            String::new()
        } else {
            format!(" (source: {})", evidence.source)
        };
        lines.push(format!("{evidence_label}{}{source}", evidence.statement));
    }
    lines
}

/// `value` pretty-printed as serde_json does at `depth` levels of nesting: every line after
/// the first indented by two spaces a level, so a streamed document reads as one serialized
/// whole. JSON strings escape their line breaks, so every `\n` in serde's output is between
/// tokens.
pub(crate) fn pretty_at(value: &impl Serialize, depth: usize) -> io::Result<String> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::from)?;
    Ok(text.replace('\n', &format!("\n{}", "  ".repeat(depth))))
}

/// One part of the summary sentence, and the severity whose colour it takes (if any).
pub(crate) struct SummaryPart {
    pub text: String,
    pub level: Option<Severity>,
}

/// The summary sentence, in parts: `N claims` and then `S supported`, `C contradicted [(W
/// warnings)]`, `U unverifiable`, and only when not zero `N suppressed`, `N unused
/// suppressions`, `F files failed`. Shared by the line formats so they say the same thing.
pub(crate) fn summary_parts(summary: &Summary) -> (String, Vec<SummaryPart>) {
    let head = format!(
        "{} {}",
        summary.claims,
        plural(summary.claims, "claim", "claims")
    );
    let part = |text: String, level: Option<Severity>| SummaryPart { text, level };
    // Warnings (likely misspellings) are contradictions that do not fail the run: say so.
    let mut contradicted = format!("{} contradicted", summary.contradicted);
    if summary.warnings > 0 {
        contradicted.push_str(&format!(
            " ({} {})",
            summary.warnings,
            plural(summary.warnings, "warning", "warnings")
        ));
    }
    let contradicted_level = if summary.errors > 0 {
        Some(Severity::Error)
    } else if summary.contradicted > 0 {
        Some(Severity::Warning)
    } else {
        None
    };
    let mut parts = vec![
        part(format!("{} supported", summary.supported), None),
        part(contradicted, contradicted_level),
        part(format!("{} unverifiable", summary.unverifiable), None),
    ];
    if summary.suppressed > 0 {
        parts.push(part(format!("{} suppressed", summary.suppressed), None));
    }
    if summary.unused_suppressions > 0 {
        parts.push(part(
            format!(
                "{} {}",
                summary.unused_suppressions,
                plural(
                    summary.unused_suppressions,
                    "unused suppression",
                    "unused suppressions"
                )
            ),
            Some(Severity::Warning),
        ));
    }
    if summary.failed > 0 {
        parts.push(part(
            format!(
                "{} {} failed",
                summary.failed,
                plural(summary.failed, "file", "files")
            ),
            Some(Severity::Error),
        ));
    }
    (head, parts)
}

/// The summary sentence without colour: `5 claims: 1 supported, 2 contradicted (1 warning), 1
/// unverifiable, 1 file failed`.
pub(crate) fn summary_sentence(summary: &Summary) -> String {
    let (head, parts) = summary_parts(summary);
    let parts: Vec<String> = parts.into_iter().map(|p| p.text).collect();
    format!("{head}: {}", parts.join(", "))
}

pub(crate) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Characters that would move the cursor, change colours or reorder the line on a terminal.
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from the story or the data, made safe for one line of a terminal: line breaks and tabs
/// become spaces, other control characters U+FFFD.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if unsafe_char(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Builders shared by the tests of the report modules.
#[cfg(test)]
// The odd spans are reversed on purpose.
#[allow(clippy::reversed_empty_ranges)]
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

    /// The suppression comment of [`report_with_unused_suppression`]'s story.
    pub const SUPPRESSION: &str = "<!-- stet-disable spelling -->";

    /// [`report`], its story ending with a `stet-disable spelling` comment (line 5) that
    /// silenced nothing, and one finding suppressed elsewhere.
    pub fn report_with_unused_suppression() -> FileReport {
        let mut r = report();
        let source = format!("{STORY}{SUPPRESSION}\n");
        let start = STORY.len();
        r.document = plain("story.txt", &source);
        r.suppressed = 1;
        r.unused_suppressions = vec![UnusedSuppression {
            span: start..start + SUPPRESSION.len(),
            rules: vec!["spelling".into()],
            severity: Severity::Warning,
            message: "`stet-disable spelling` silenced nothing".into(),
        }];
        r
    }

    /// A file that could not be read.
    pub fn failed() -> FileOutcome {
        FileOutcome::Failed {
            name: "photo.txt".into(),
            error: "binary file (NUL byte at offset 6)".into(),
        }
    }

    /// The input of the renderers' snapshots: a story with every verdict, a safe and an
    /// unsafe fix, a suppressed finding and an unused suppression; then a failed file.
    pub fn sample_outcomes() -> Vec<FileOutcome> {
        vec![
            FileOutcome::Checked(report_with_unused_suppression()),
            failed(),
        ]
    }

    /// The rules of [`report`]'s findings, as the CLI passes them.
    pub fn rules() -> Vec<RuleInfo> {
        [
            ("weekday", "The weekday of a date", Severity::Error),
            ("summit-date", "The dates of a summit", Severity::Error),
            ("summit-place", "The place of a summit", Severity::Error),
            (
                "spelling",
                "Names spelt as in the reference",
                Severity::Warning,
            ),
        ]
        .into_iter()
        .map(|(id, description, severity)| RuleInfo {
            id: id.into(),
            description: description.into(),
            severity,
        })
        .collect()
    }

    /// Options with [`rules`] and a fixed version, so snapshots do not change with releases.
    pub fn options(verbose: bool) -> RenderOptions {
        RenderOptions {
            verbose,
            rules: rules(),
            tool_version: "0.0.0-test".into(),
            ..RenderOptions::default()
        }
    }

    /// What `renderer` writes for `outcomes`, as a string.
    pub fn rendered(renderer: &mut dyn Render, outcomes: &[FileOutcome]) -> String {
        let mut out = Vec::new();
        if let Err(e) = render_all(renderer, &mut out, outcomes) {
            panic!("writing to a Vec fails: {e}");
        }
        String::from_utf8(out).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
    }

    /// Reports that have broken the renderers before: an empty span, a span off char
    /// boundaries, spans past the end, and a path with commas, colons, a newline and `%`.
    pub fn odd_outcomes() -> Vec<FileOutcome> {
        let source = "Hà Nội, 2019 <!-- stet-disable -->\n";
        let mut doc = plain("dir, a:b\nc%.txt", source);
        doc.name = "dir, a:b\nc%.txt".into();
        let mut empty = finding("r", "holds", Verdict::Contradicted, Severity::Error, "");
        empty.span = 3..3;
        empty.suggestion = Some(Suggestion {
            span: 3..3,
            original: String::new(),
            replacement: "x]]>&<\u{1}".into(),
            safe: true,
        });
        let mut off_boundary = finding("r,:", "holds", Verdict::Contradicted, Severity::Info, "");
        off_boundary.span = 2..4; // inside "à"
        off_boundary.text = "\u{0}\r\n%".into();
        off_boundary.suggestion = Some(Suggestion {
            span: 2..4,
            original: "à".into(),
            replacement: "a".into(),
            safe: false,
        });
        let mut past_end = finding("r", "age", Verdict::Unverifiable, Severity::Warning, "");
        // Reversed on purpose: spans from elsewhere are not trusted to be well formed.
        past_end.span = Range {
            start: 500,
            end: 400,
        };
        let comment = source.find("<!--").unwrap_or(0);
        let report = FileReport {
            document: doc,
            claims: 3,
            findings: vec![empty, off_boundary, past_end],
            suppressed: 0,
            unused_suppressions: vec![
                UnusedSuppression {
                    span: comment..source.len() - 1,
                    rules: Vec::new(),
                    severity: Severity::Error,
                    message: String::new(),
                },
                UnusedSuppression {
                    span: Range { start: 900, end: 2 },
                    rules: vec!["x".into()],
                    severity: Severity::Info,
                    message: "a\nb".into(),
                },
            ],
        };
        vec![
            FileOutcome::Checked(report),
            FileOutcome::Failed {
                name: "a,b:c\r\n%.txt".into(),
                error: "bad\nthing: 100%".into(),
            },
        ]
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
