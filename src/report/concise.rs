//! One line per finding, for grep, editors' quickfix lists and people who know the rules:
//!
//! ```text
//! story.txt:3:40: error summit-date the Hanoi summit was held on 2019-02-27..2019-02-28 (replace "Feb. 26-27" with "Feb. 27-28")
//! story.txt:5:1: warning unused-suppression `stet-disable spelling` silenced nothing
//! photo.txt: error: binary file (NUL byte at offset 6)
//! 5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable, 1 file failed
//! ```
//!
//! Contradicted findings give their severity; with `--verbose` supported and unverifiable
//! findings are listed too, with the verdict word (`supported`, `unverifiable`) in place of the
//! severity. A suggestion follows the message in parentheses, with `; needs review` when
//! `--fix` applies it only with `--unsafe-fixes`. Lines come per file from top to
//! bottom. A file that could not be read is `path: error: why`. The last line is the run's
//! summary, the same sentence as the human report's: it never has the `path:line:col:` shape
//! of the lines above it (it starts with a count and "claim(s):"). Every line is one terminal
//! line: line breaks and control characters in paths and messages become spaces or U+FFFD.

use super::{
    Entry, FileOutcome, Render, Summary, UNUSED_SUPPRESSION, clean, entries, finding_message,
    render_all, suggestion_text, summary_sentence, unused_message, unused_range,
};
use crate::check::finding::Verdict;
use std::io::{self, Write};

/// Writes the concise report of a run (for callers that hold every outcome).
pub fn render(out: &mut dyn Write, outcomes: &[FileOutcome], verbose: bool) -> io::Result<()> {
    render_all(&mut ConciseRenderer::new(verbose), out, outcomes)
}

/// The concise report, written file by file.
#[derive(Debug)]
pub struct ConciseRenderer {
    verbose: bool,
}

impl ConciseRenderer {
    pub fn new(verbose: bool) -> ConciseRenderer {
        ConciseRenderer { verbose }
    }
}

impl Render for ConciseRenderer {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let report = match outcome {
            FileOutcome::Checked(report) => report,
            FileOutcome::Failed { name, error } => {
                return writeln!(out, "{}: error: {}", clean(name), clean(error));
            }
        };
        let doc = &report.document;
        let path = clean(&doc.name);
        for entry in entries(report) {
            match entry {
                Entry::Finding(finding) => {
                    let label = match finding.verdict {
                        Verdict::Contradicted => finding.severity.as_str(),
                        Verdict::Supported | Verdict::Unverifiable if self.verbose => {
                            finding.verdict.as_str()
                        }
                        Verdict::Supported | Verdict::Unverifiable => continue,
                    };
                    let at = doc.location(finding.span.start);
                    write!(
                        out,
                        "{path}:{}:{}: {label} {} {}",
                        at.line,
                        at.column,
                        clean(&finding.rule),
                        clean(&finding_message(finding))
                    )?;
                    if let Some(suggestion) = &finding.suggestion {
                        let review = if suggestion.safe {
                            ""
                        } else {
                            "; needs review"
                        };
                        write!(out, " ({}{review})", clean(&suggestion_text(suggestion)))?;
                    }
                    writeln!(out)?;
                }
                Entry::Unused(unused) => {
                    let (at, _) = unused_range(doc, unused);
                    writeln!(
                        out,
                        "{path}:{}:{}: {} {UNUSED_SUPPRESSION} {}",
                        at.line,
                        at.column,
                        unused.severity.as_str(),
                        clean(&unused_message(unused))
                    )?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        writeln!(out, "{}", summary_sentence(summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;

    fn concise(outcomes: &[FileOutcome], verbose: bool) -> String {
        rendered(&mut ConciseRenderer::new(verbose), outcomes)
    }

    #[test]
    fn one_line_per_contradiction_unused_suppression_and_failed_file() {
        let out = concise(&sample_outcomes(), false);
        let expected = "\
story.txt:3:40: error summit-date the Hanoi summit was held on 2019-02-27..2019-02-28 (replace \"Feb. 26-27\" with \"Feb. 27-28\")
story.txt:4:19: warning spelling \"Ri Yong Hoo\" looks like a misspelling of \"Ri Yong Ho\" (replace \"Ri Yong Hoo\" with \"Ri Yong Ho\"; needs review)
story.txt:5:1: warning unused-suppression `stet-disable spelling` silenced nothing
photo.txt: error: binary file (NUL byte at offset 6)
5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable, 1 suppressed, 1 unused suppression, 1 file failed
";
        assert_eq!(out, expected);
    }

    #[test]
    fn verbose_adds_supported_and_unverifiable_with_the_verdict_word() {
        let out = concise(&sample_outcomes(), true);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0],
            "story.txt:3:23: supported weekday 2019-02-23 is a Saturday"
        );
        assert_eq!(
            lines[2],
            "story.txt:3:61: unverifiable summit-place no reference data on the summit's place"
        );
        assert_eq!(lines.len(), 7);
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("concise_verbose", out);
        });
    }

    #[test]
    fn nothing_found_is_the_summary_alone() {
        let mut r = report();
        r.findings.clear();
        let out = concise(&[FileOutcome::Checked(r)], true);
        assert_eq!(
            out,
            "5 claims: 0 supported, 0 contradicted, 0 unverifiable\n"
        );
    }

    #[test]
    fn odd_input_stays_one_line_per_item() {
        let out = concise(&odd_outcomes(), true);
        // Three findings, two unused suppressions, a failed file and the summary.
        assert_eq!(out.lines().count(), 7, "{out}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(
            out.contains(
                "dir, a:b c%.txt:1:3: error r \"\" (replace \"\" with \"x]]>&<\u{FFFD}\")\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("a,b:c  %.txt: error: bad thing: 100%\n"),
            "{out}"
        );
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        assert_eq!(
            concise(&sample_outcomes(), true),
            concise(&sample_outcomes(), true)
        );
    }
}
