//! The suggested corrections as edits of the story file: [`apply`] computes the corrected
//! source (shared by `--diff` and `--fix`), [`unified_diff`] shows it as a unified diff.
//!
//! Only contradicted findings' suggestions are applied, safe ones always and unsafe ones when
//! asked. A suggestion is applied to the source file, not to the prose, so it must map back to
//! it verbatim (`Document::source_range`); one that does not, or that overlaps a suggestion
//! applied before it (in source order), is skipped and listed with the reason.

use super::FileReport;
use crate::check::finding::{Finding, Verdict};
use crate::document::Location;
use std::fmt;
use std::ops::Range;

/// The corrected source, and what was and was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixResult {
    pub new_source: String,
    /// Corrections applied (two rules suggesting the same edit count once).
    pub applied: usize,
    /// Suggestions not applied, in source order.
    pub skipped: Vec<Skipped>,
}

/// A suggestion that was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub rule: String,
    /// The claim as written.
    pub text: String,
    /// Where the suggestion starts in the story file.
    pub location: Location,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    /// An unsafe suggestion, and unsafe ones were not asked for.
    NeedsReview,
    /// The text to replace does not map verbatim to the source (markup, an entity...).
    NotVerbatim,
    /// The source at the span is not the suggestion's `original` text.
    Stale,
    /// It overlaps a suggestion applied before it.
    Overlaps,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SkipReason::NeedsReview => "needs an editor's review (use --unsafe-fixes to apply it)",
            SkipReason::NotVerbatim => {
                "the text does not map verbatim to the file (markup or an entity in it)"
            }
            SkipReason::Stale => "the file does not contain the text the suggestion replaces",
            SkipReason::Overlaps => "it overlaps another correction",
        })
    }
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} [{}] {:?} not corrected: {}",
            self.location.line, self.location.column, self.rule, self.text, self.reason
        )
    }
}

/// Applies the suggestions of the contradicted findings to the story's source.
pub fn apply(report: &FileReport, include_unsafe: bool) -> FixResult {
    let doc = &report.document;
    let source = doc.source.as_str();
    let mut skipped = Vec::new();
    let skip = |finding: &Finding, reason: SkipReason| Skipped {
        rule: finding.rule.clone(),
        text: finding.text.clone(),
        location: doc.location(
            finding
                .suggestion
                .as_ref()
                .map_or(finding.span.start, |s| s.span.start),
        ),
        reason,
    };

    // The edits that can be made, in source order.
    let mut edits: Vec<(Range<usize>, &str, &Finding)> = Vec::new();
    for finding in report.sorted_findings() {
        let Some(s) = &finding.suggestion else {
            continue;
        };
        if finding.verdict != Verdict::Contradicted {
            continue;
        }
        if !s.safe && !include_unsafe {
            skipped.push(skip(finding, SkipReason::NeedsReview));
            continue;
        }
        let Some(range) = doc.source_range(s.span.clone()) else {
            skipped.push(skip(finding, SkipReason::NotVerbatim));
            continue;
        };
        match source.get(range.clone()) {
            Some(written) if written == s.original => {
                edits.push((range, s.replacement.as_str(), finding));
            }
            Some(_) => skipped.push(skip(finding, SkipReason::Stale)),
            None => skipped.push(skip(finding, SkipReason::NotVerbatim)),
        }
    }
    // Source order; at the same start the longer edit (the whole claim) first.
    edits.sort_by(|a, b| {
        (a.0.start, std::cmp::Reverse(a.0.end), &a.2.rule).cmp(&(
            b.0.start,
            std::cmp::Reverse(b.0.end),
            &b.2.rule,
        ))
    });

    let mut new_source = String::with_capacity(source.len());
    let mut copied = 0; // source[..copied] is in new_source
    let mut last: Option<(Range<usize>, &str)> = None;
    let mut applied = 0;
    for (range, replacement, finding) in edits {
        if let Some((prev, prev_replacement)) = &last {
            if *prev == range && *prev_replacement == replacement {
                continue; // The same edit from another rule.
            }
            let overlaps = range.start < prev.end || range.start == prev.start;
            if overlaps {
                skipped.push(skip(finding, SkipReason::Overlaps));
                continue;
            }
        }
        // Both ends are char boundaries of `source` (checked by `get` above) and
        // `copied <= range.start` (edits are sorted and do not overlap).
        new_source.push_str(source.get(copied..range.start).unwrap_or_default());
        new_source.push_str(replacement);
        copied = range.end;
        applied += 1;
        last = Some((range, replacement));
    }
    new_source.push_str(source.get(copied..).unwrap_or_default());
    skipped.sort_by_key(|s| (s.location.byte, s.rule.clone(), s.reason));
    FixResult {
        new_source,
        applied,
        skipped,
    }
}

/// The unified diff (`a/<name>`, `b/<name>`, three lines of context) of the corrections
/// [`apply`] makes; `None` when nothing changes.
pub fn unified_diff(report: &FileReport, include_unsafe: bool) -> Option<String> {
    diff_of(report, &apply(report, include_unsafe))
}

/// The unified diff of an [`apply`] result, for callers that also want its `skipped` list.
pub fn diff_of(report: &FileReport, result: &FixResult) -> Option<String> {
    let old = report.document.source.as_str();
    if result.applied == 0 || result.new_source == old {
        return None;
    }
    let name = &report.document.name;
    let diff = similar::TextDiff::from_lines(old, result.new_source.as_str());
    Some(
        diff.unified_diff()
            .context_radius(3)
            .header(
                &format!("a/{}", name.trim_start_matches('/')),
                &format!("b/{}", name.trim_start_matches('/')),
            )
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::finding::Severity;
    use crate::report::testing::*;

    #[test]
    fn safe_corrections_only_by_default() {
        let r = report();
        let result = apply(&r, false);
        assert_eq!(result.applied, 1);
        assert_eq!(result.new_source, STORY.replace("Feb. 26-27", "Feb. 27-28"));
        assert_eq!(result.skipped.len(), 1);
        assert_eq!(result.skipped[0].rule, "spelling");
        assert_eq!(result.skipped[0].reason, SkipReason::NeedsReview);
        assert_eq!(
            result.skipped[0].to_string(),
            "4:19 [spelling] \"Ri Yong Hoo\" not corrected: needs an editor's review (use --unsafe-fixes to apply it)"
        );

        let diff = unified_diff(&r, false).unwrap_or_default();
        assert_eq!(
            diff,
            "--- a/story.txt\n\
             +++ b/story.txt\n\
             @@ -1,4 +1,4 @@\n \
             date 2019-02-23\n \
             \n\
             -Kim left Pyongyang on Saturday for the Feb. 26-27 summit in Hanoi.\n\
             +Kim left Pyongyang on Saturday for the Feb. 27-28 summit in Hanoi.\n \
             \tForeign minister Ri Yong Hoo went with him.\n"
        );
    }

    #[test]
    fn unsafe_corrections_when_asked() {
        let r = report();
        let result = apply(&r, true);
        assert_eq!(result.applied, 2);
        assert!(result.skipped.is_empty());
        assert_eq!(
            result.new_source,
            STORY
                .replace("Feb. 26-27", "Feb. 27-28")
                .replace("Ri Yong Hoo", "Ri Yong Ho")
        );
        let diff = unified_diff(&r, true).unwrap_or_default();
        assert!(
            diff.contains("+\tForeign minister Ri Yong Ho went with him.\n"),
            "{diff}"
        );
    }

    #[test]
    fn nothing_to_change_is_none() {
        let mut r = report();
        r.findings.retain(|f| f.verdict != Verdict::Contradicted);
        assert_eq!(unified_diff(&r, true), None);
        assert_eq!(apply(&r, true).new_source, STORY);
    }

    #[test]
    fn overlapping_stale_and_unmapped_suggestions_are_skipped() {
        let mut r = report();
        // A second rule with a different edit of the same date: overlaps the first.
        let mut other = finding(
            "z-other",
            "event-date",
            Verdict::Contradicted,
            Severity::Error,
            "Feb. 26",
        );
        other.suggestion = suggestion("Feb. 26", "March 1", true);
        // The same edit from another rule: applied once, not skipped.
        let mut same = finding(
            "a-same",
            "event-date",
            Verdict::Contradicted,
            Severity::Error,
            "Feb. 26-27",
        );
        same.suggestion = suggestion("Feb. 26-27", "Feb. 27-28", true);
        // A suggestion whose original is not what the file says.
        let mut stale = finding(
            "stale",
            "holds",
            Verdict::Contradicted,
            Severity::Error,
            "Kim",
        );
        stale.suggestion = suggestion("Kim", "Moon", true).map(|mut s| {
            s.original = "Lee".into();
            s
        });
        // A span past the end of the prose: does not map.
        let mut out_of_range = finding(
            "far",
            "holds",
            Verdict::Contradicted,
            Severity::Error,
            "Kim",
        );
        out_of_range.suggestion = suggestion("Kim", "Moon", true).map(|mut s| {
            s.span = STORY.len()..STORY.len() + 3;
            s
        });
        // A supported finding's suggestion is never applied.
        let mut supported = finding(
            "ok",
            "weekday",
            Verdict::Supported,
            Severity::Error,
            "Saturday",
        );
        supported.suggestion = suggestion("Saturday", "Sunday", true);
        r.findings
            .extend([other, same, stale, out_of_range, supported]);

        let result = apply(&r, false);
        assert_eq!(result.applied, 1);
        assert_eq!(result.new_source, STORY.replace("Feb. 26-27", "Feb. 27-28"));
        let reasons: Vec<(&str, SkipReason)> = result
            .skipped
            .iter()
            .map(|s| (s.rule.as_str(), s.reason))
            .collect();
        assert!(
            reasons.contains(&("z-other", SkipReason::Overlaps)),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&("stale", SkipReason::Stale)),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&("far", SkipReason::NotVerbatim)),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&("spelling", SkipReason::NeedsReview)),
            "{reasons:?}"
        );
        assert_eq!(reasons.len(), 4, "{reasons:?}");
    }

    #[test]
    fn a_file_without_a_final_newline() {
        let source = "Kim met Trump in Hanoi";
        let mut f = finding(
            "capital",
            "property",
            Verdict::Contradicted,
            Severity::Error,
            "",
        );
        f.span = 17..22;
        f.text = "Hanoi".into();
        f.suggestion = Some(crate::check::finding::Suggestion {
            span: 17..22,
            original: "Hanoi".into(),
            replacement: "Hà Nội".into(),
            safe: true,
        });
        let r = FileReport {
            document: plain("n.txt", source),
            claims: 1,
            findings: vec![f],
            suppressed: 0,
            unused_suppressions: Vec::new(),
        };
        let diff = unified_diff(&r, false).unwrap_or_default();
        assert_eq!(
            diff,
            "--- a/n.txt\n+++ b/n.txt\n@@ -1 +1 @@\n-Kim met Trump in Hanoi\n\\ No newline at end of file\n+Kim met Trump in Hà Nội\n\\ No newline at end of file\n"
        );
    }
}
