//! GitHub Actions workflow commands, so findings show as annotations on the pull request's
//! changed files and in the run's summary:
//!
//! ```text
//! ::error file=story.txt,line=3,endLine=3,col=40,endColumn=50,title=stet summit-date::the Hanoi summit was held on 2019-02-27..2019-02-28%0Areplace "Feb. 26-27" with "Feb. 27-28"%0A...
//! ::warning file=story.txt,line=5,endLine=5,col=1,endColumn=31,title=stet unused-suppression::`stet-disable spelling` silenced nothing
//! ::error file=photo.txt,title=stet::binary file (NUL byte at offset 6)
//! 5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable, 1 file failed
//! ```
//!
//! A contradicted finding at severity `error` is an `::error`, at `warning` a `::warning`, at
//! `info` a `::notice`; with `--verbose`, supported and unverifiable findings are `::notice`s.
//! The message's later lines give the suggestion (marked when it needs an editor's review) and
//! the evidence with its source. Paths are as given on the command line: run stet from the
//! repository's root so they are the paths GitHub knows. Workflow commands are escaped as the
//! runner decodes them (`%`, CR and LF everywhere; `:` and `,` in properties as well), so no
//! text from a story or the data can end a command early or start a new one. The last line
//! is the summary sentence, plain text in the log. GitHub shows only so many annotations of a
//! level per step and drops the rest silently; past that, a warning before the summary says how
//! many are only in the log.

use super::{
    Entry, FileOutcome, Render, Summary, UNUSED_SUPPRESSION, detail_lines, end_location, entries,
    finding_message, summary_sentence, unused_message, unused_range,
};
use crate::check::finding::{Finding, Severity, Verdict};
use crate::document::Location;
use std::io::{self, Write};

/// The GitHub Actions report, written file by file.
#[derive(Debug)]
pub struct GithubRenderer {
    verbose: bool,
    /// Annotations written so far, by level: error, warning, notice.
    written: [usize; 3],
}

/// How many annotations of one level GitHub shows for a step; the rest are dropped without a
/// word (actions/toolkit, docs/problem-matchers.md, "Limitations").
pub const SHOWN_PER_LEVEL: usize = 10;

const LEVELS: [&str; 3] = ["error", "warning", "notice"];

impl GithubRenderer {
    pub fn new(verbose: bool) -> GithubRenderer {
        GithubRenderer {
            verbose,
            written: [0; 3],
        }
    }

    fn count(&mut self, level: &str) {
        if let Some(i) = LEVELS.iter().position(|l| *l == level) {
            self.written[i] += 1;
        }
    }
}

/// The annotation level of a finding, or `None` when it is not listed.
fn level(finding: &Finding, verbose: bool) -> Option<&'static str> {
    match finding.verdict {
        Verdict::Contradicted => Some(severity_level(finding.severity)),
        Verdict::Supported | Verdict::Unverifiable if verbose => Some("notice"),
        Verdict::Supported | Verdict::Unverifiable => None,
    }
}

fn severity_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// A workflow command's message, escaped as the runner decodes it.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A workflow command's property value: the message's escapes, and `:` and `,`, which would
/// otherwise end the property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `file=...,line=...,endLine=...,col=...,endColumn=...` for a range of the file.
fn position(path: &str, start: Location, end: Location) -> String {
    // An end before the start (a span that is not well formed) is shown as a point.
    let (end_line, end_column) = if (end.line, end.column) < (start.line, start.column) {
        (start.line, start.column)
    } else {
        (end.line, end.column)
    };
    // The runner matches annotations to the repository's paths, which have no `./`.
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut text = format!("file={},line={}", escape_property(path), start.line);
    // GitHub takes columns only within one line.
    if end_line == start.line {
        text.push_str(&format!(
            ",endLine={end_line},col={},endColumn={end_column}",
            start.column
        ));
    } else {
        text.push_str(&format!(",endLine={end_line}"));
    }
    text
}

/// The finding's message, then its suggestion and evidence on lines of their own.
fn finding_body(finding: &Finding) -> String {
    let mut lines = vec![finding_message(finding).into_owned()];
    lines.extend(detail_lines(finding, ""));
    lines.join("\n")
}

impl Render for GithubRenderer {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let report = match outcome {
            FileOutcome::Checked(report) => report,
            FileOutcome::Failed { name, error } => {
                return writeln!(
                    out,
                    "::error file={},title=stet::{}",
                    escape_property(name),
                    escape_data(error)
                );
            }
        };
        let doc = &report.document;
        for entry in entries(report) {
            match entry {
                Entry::Finding(finding) => {
                    let Some(level) = level(finding, self.verbose) else {
                        continue;
                    };
                    self.count(level);
                    let start = doc.location(finding.span.start);
                    let end = end_location(doc, &finding.span);
                    writeln!(
                        out,
                        "::{level} {},title={}::{}",
                        position(&doc.name, start, end),
                        escape_property(&format!("stet {}", finding.rule)),
                        escape_data(&finding_body(finding))
                    )?;
                }
                Entry::Unused(unused) => {
                    let (start, end) = unused_range(doc, unused);
                    self.count(severity_level(unused.severity));
                    writeln!(
                        out,
                        "::{} {},title={}::{}",
                        severity_level(unused.severity),
                        position(&doc.name, start, end),
                        escape_property(&format!("stet {UNUSED_SUPPRESSION}")),
                        escape_data(&unused_message(unused))
                    )?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        // GitHub drops annotations past its per-step limit silently: say so, so an editor
        // looks in the log for the rest.
        let hidden: Vec<String> = LEVELS
            .iter()
            .zip(self.written)
            .filter(|(_, n)| *n > SHOWN_PER_LEVEL)
            .map(|(level, n)| {
                let more = n - SHOWN_PER_LEVEL;
                format!("{more} more {level}{}", if more == 1 { "" } else { "s" })
            })
            .collect();
        if !hidden.is_empty() {
            writeln!(
                out,
                "::warning title=stet::GitHub shows {SHOWN_PER_LEVEL} annotations of each level per step: {} are only in this log",
                hidden.join(", ")
            )?;
        }
        // A line that starts with "::" would be read as a command; the summary never does.
        writeln!(out, "{}", summary_sentence(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;

    fn github(outcomes: &[FileOutcome], verbose: bool) -> String {
        rendered(&mut GithubRenderer::new(verbose), outcomes)
    }

    #[test]
    fn one_command_per_contradiction_unused_suppression_and_failed_file() {
        let out = github(&sample_outcomes(), false);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert!(
            lines[0].starts_with(
                "::error file=story.txt,line=3,endLine=3,col=40,endColumn=50,title=stet summit-date::the Hanoi summit was held on 2019-02-27..2019-02-28%0Areplace \"Feb. 26-27\" with \"Feb. 27-28\"%0A2019 North Korea"
            ),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].ends_with(
                "(source: https://en.wikipedia.org/wiki/2019_North_Korea%25E2%2580%2593United_States_Hanoi_Summit)"
            ),
            "{}",
            lines[0]
        );
        assert!(lines[1].starts_with("::warning file=story.txt,line=4,"));
        assert!(lines[1].contains("(needs an editor's review)"));
        assert_eq!(
            lines[2],
            "::warning file=story.txt,line=5,endLine=5,col=1,endColumn=31,title=stet unused-suppression::`stet-disable spelling` silenced nothing"
        );
        assert_eq!(
            lines[3],
            "::error file=photo.txt,title=stet::binary file (NUL byte at offset 6)"
        );
        assert!(lines[4].starts_with("5 claims: "));
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("github_report", out);
        });
    }

    #[test]
    fn verbose_adds_notices_for_supported_and_unverifiable() {
        let out = github(&sample_outcomes(), true);
        let notices: Vec<&str> = out.lines().filter(|l| l.starts_with("::notice")).collect();
        assert_eq!(notices.len(), 2, "{out}");
        assert!(notices[0].contains("title=stet weekday::2019-02-23 is a Saturday"));
        assert!(notices[1].contains("title=stet summit-place::"));
    }

    #[test]
    fn text_from_stories_and_data_cannot_break_a_command() {
        let out = github(&odd_outcomes(), true);
        for line in out.lines() {
            // Every line is a whole command or the summary: no text escaped onto a line of
            // its own, no property cut short by a comma or colon in a path or rule id.
            assert!(
                line.starts_with("::") || line.contains(" claims: "),
                "stray line {line:?} in {out}"
            );
            if let Some(props) = line
                .strip_prefix("::")
                .and_then(|l| l.split_once(' '))
                .map(|(_, rest)| rest.split("::").next().unwrap_or(""))
            {
                for property in props.split(',') {
                    assert!(
                        property.contains('='),
                        "property {property:?} cut short in {line:?}"
                    );
                }
            }
        }
        assert!(out.contains("file=dir%2C a%3Ab%0Ac%25.txt"), "{out}");
        assert!(out.contains("title=stet r%2C%3A::"), "{out}");
        assert!(
            out.contains("::error file=a%2Cb%3Ac%0D%0A%25.txt,title=stet::bad%0Athing: 100%25")
        );
    }

    #[test]
    fn annotations_past_githubs_limit_are_announced() {
        let mut outcomes = Vec::new();
        for n in 0..12 {
            let mut r = report();
            r.document.name = format!("story{n}.txt");
            outcomes.push(FileOutcome::Checked(r));
        }
        let out = github(&outcomes, false);
        let errors = out.lines().filter(|l| l.starts_with("::error ")).count();
        assert_eq!(errors, 12);
        let last_but_one = out.lines().rev().nth(1).unwrap_or_default();
        assert_eq!(
            last_but_one,
            "::warning title=stet::GitHub shows 10 annotations of each level per step: 2 more errors, 2 more warnings are only in this log"
        );
        // Within the limit, nothing is said.
        assert!(!github(&sample_outcomes(), true).contains("GitHub shows"));
    }

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
