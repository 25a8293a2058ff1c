//! JUnit XML, the report CI systems without SARIF read (GitLab's test report, Jenkins,
//! CircleCI, Azure Pipelines):
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="stet" tests="6" failures="3" errors="1" skipped="1">
//!   <testsuite name="story.txt" tests="5" failures="3" errors="0" skipped="1">
//!     <testcase classname="story.txt" name="summit-date at 3:40" file="story.txt" line="3">
//!       <failure type="error" message="the Hanoi summit was held on ...">...</failure>
//!     </testcase>
//!     ...
//!   </testsuite>
//!   <testsuite name="photo.txt" tests="1" failures="0" errors="1" skipped="0">
//!     <testcase classname="photo.txt" name="read photo.txt"><error message="binary file ..."/></testcase>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! One test suite per file, one test case per finding, whatever `--verbose` says: a
//! supported finding passes, an unverifiable one is skipped, a contradicted one fails (its
//! `type` is its severity, so a CI's test view shows warnings too; whether the run fails is
//! the exit code's business, as `fail-on` decides). An unused suppression is a failed test
//! case of type `warning` (or its configured severity). A file that could not be read is one
//! test case with an `<error>`. A failure's text gives the claim, the suggestion and the
//! evidence with its source. The totals come first in the XML, so each file's suite is
//! rendered as the file comes and written out at the end. There are no timings, so the same
//! run gives the same bytes.

use super::{
    Entry, FileOutcome, Render, Summary, UNUSED_SUPPRESSION, detail_lines, entries,
    finding_message, unused_message, unused_range,
};
use crate::check::finding::{Finding, Verdict};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The JUnit report: suites rendered file by file, written out with the totals at `finish`.
#[derive(Debug, Default)]
pub struct JunitRenderer {
    suites: String,
    totals: Counts,
}

impl JunitRenderer {
    pub fn new() -> JunitRenderer {
        JunitRenderer::default()
    }
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
        self.skipped += other.skipped;
    }

    fn attributes(&self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
            self.tests, self.failures, self.errors, self.skipped
        )
    }
}

/// Text made safe for XML 1.0 content or a double-quoted attribute: the five special
/// characters as entities, characters XML 1.0 forbids as U+FFFD, and (in attributes, where a
/// parser would fold them into spaces) line breaks and tabs as character references.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A failure's text: the claim as written, the suggestion and the evidence, one per line.
fn failure_text(finding: &Finding) -> String {
    let mut lines = vec![format!("claim: \"{}\"", finding.text)];
    lines.extend(detail_lines(finding, "evidence: "));
    lines.join("\n")
}

fn testcase_open(path: &str, name: &str, line: usize) -> String {
    format!(
        "    <testcase classname=\"{path}\" name=\"{}\" file=\"{path}\" line=\"{line}\">",
        escape(name, true)
    )
}

impl Render for JunitRenderer {
    fn file(&mut self, _out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let mut counts = Counts::default();
        let mut cases = String::new();
        let name = match outcome {
            FileOutcome::Failed { name, error } => {
                counts.tests = 1;
                counts.errors = 1;
                let path = escape(name, true);
                let _ = writeln!(
                    cases,
                    "    <testcase classname=\"{path}\" name=\"read {path}\" file=\"{path}\">\n      <error type=\"unreadable\" message=\"{}\"/>\n    </testcase>",
                    escape(error, true)
                );
                name
            }
            FileOutcome::Checked(report) => {
                let doc = &report.document;
                let path = escape(&doc.name, true);
                for entry in entries(report) {
                    counts.tests += 1;
                    match entry {
                        Entry::Finding(finding) => {
                            let at = doc.location(finding.span.start);
                            let case_name =
                                format!("{} at {}:{}", finding.rule, at.line, at.column);
                            let open = testcase_open(&path, &case_name, at.line);
                            let message = escape(&finding_message(finding), true);
                            let _ = match finding.verdict {
                                Verdict::Supported => writeln!(cases, "{open}</testcase>"),
                                Verdict::Unverifiable => {
                                    counts.skipped += 1;
                                    writeln!(
                                        cases,
                                        "{open}\n      <skipped message=\"{message}\"/>\n    </testcase>"
                                    )
                                }
                                Verdict::Contradicted => {
                                    counts.failures += 1;
                                    writeln!(
                                        cases,
                                        "{open}\n      <failure type=\"{}\" message=\"{message}\">{}</failure>\n    </testcase>",
                                        finding.severity.as_str(),
                                        escape(&failure_text(finding), false)
                                    )
                                }
                            };
                        }
                        Entry::Unused(unused) => {
                            counts.failures += 1;
                            let (at, _) = unused_range(doc, unused);
                            let case_name =
                                format!("{UNUSED_SUPPRESSION} at {}:{}", at.line, at.column);
                            let _ = writeln!(
                                cases,
                                "{}\n      <failure type=\"{}\" message=\"{}\"/>\n    </testcase>",
                                testcase_open(&path, &case_name, at.line),
                                unused.severity.as_str(),
                                escape(&unused_message(unused), true)
                            );
                        }
                    }
                }
                &doc.name
            }
        };
        let _ = writeln!(
            self.suites,
            "  <testsuite name=\"{}\" {}>",
            escape(name, true),
            counts.attributes()
        );
        self.suites.push_str(&cases);
        self.suites.push_str("  </testsuite>\n");
        self.totals.add(counts);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"stet\" {}>",
            self.totals.attributes()
        )?;
        out.write_all(self.suites.as_bytes())?;
        writeln!(out, "</testsuites>")?;
        self.suites.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;

    fn junit(outcomes: &[FileOutcome]) -> String {
        rendered(&mut JunitRenderer::new(), outcomes)
    }

    /// The XML, parsed: it must be well formed, and every element is checked by name.
    fn parse(xml: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(xml)
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{xml}"))
    }

    #[test]
    fn one_suite_per_file_one_case_per_finding() {
        let out = junit(&sample_outcomes());
        let xml = parse(&out);
        let root = xml.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        assert_eq!(root.attribute("tests"), Some("6"));
        assert_eq!(root.attribute("failures"), Some("3"));
        assert_eq!(root.attribute("errors"), Some("1"));
        assert_eq!(root.attribute("skipped"), Some("1"));
        let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
        assert_eq!(suites.len(), 2);
        assert_eq!(suites[0].attribute("name"), Some("story.txt"));
        let cases: Vec<_> = suites[0].children().filter(|n| n.is_element()).collect();
        let names: Vec<_> = cases.iter().filter_map(|c| c.attribute("name")).collect();
        assert_eq!(
            names,
            [
                "weekday at 3:23",
                "summit-date at 3:40",
                "summit-place at 3:61",
                "spelling at 4:19",
                "unused-suppression at 5:1"
            ]
        );
        let failure = cases[1]
            .children()
            .find(|n| n.has_tag_name("failure"))
            .unwrap_or_else(|| panic!("summit-date has no failure: {out}"));
        assert_eq!(failure.attribute("type"), Some("error"));
        assert_eq!(
            failure.text(),
            Some(
                "claim: \"Feb. 26-27\"\nreplace \"Feb. 26-27\" with \"Feb. 27-28\"\nevidence: 2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28 (source: https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit)"
            )
        );
        assert!(
            cases[0].children().all(|n| !n.is_element()),
            "supported passes"
        );
        assert!(cases[2].children().any(|n| n.has_tag_name("skipped")));
        let error = suites[1]
            .descendants()
            .find(|n| n.has_tag_name("error"))
            .and_then(|n| n.attribute("message"));
        assert_eq!(error, Some("binary file (NUL byte at offset 6)"));
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("junit_report", out);
        });
    }

    #[test]
    fn text_from_stories_and_data_stays_well_formed_and_round_trips() {
        let out = junit(&odd_outcomes());
        let xml = parse(&out);
        let suite = xml
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .and_then(|n| n.attribute("name"));
        assert_eq!(suite, Some("dir, a:b\nc%.txt"));
        let failed = xml
            .descendants()
            .filter(|n| n.has_tag_name("testsuite"))
            .nth(1)
            .and_then(|n| n.attribute("name"));
        assert_eq!(failed, Some("a,b:c\r\n%.txt"));
        // The control character of a replacement, forbidden in XML 1.0, became U+FFFD.
        assert!(out.contains("x]]&gt;&amp;&lt;\u{FFFD}"), "{out}");
    }

    #[test]
    fn no_files_is_an_empty_well_formed_report() {
        let out = junit(&[]);
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stet\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">\n</testsuites>\n"
        );
    }
}
