//! Hover: over a claim stet checked, Markdown with the verdict, the rule, the message, the
//! suggested correction and each piece of evidence with its source. Supported claims are
//! shown too, so an editor can see what confirms them.

use super::convert::{Encoding, LineIndex, claim_bytes};
use crate::check::finding::Finding;
use crate::report::FileReport;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use std::fmt::Write as _;
use std::ops::Range;

/// The hover at `position`, or `None` when no finding's claim is there.
pub fn hover(
    report: &FileReport,
    lines: &LineIndex,
    encoding: Encoding,
    position: Position,
) -> Option<Hover> {
    let doc = &report.document;
    let offset = lines.offset(&doc.source, position, encoding);
    let hits: Vec<(&Finding, Range<usize>)> = report
        .sorted_findings()
        .into_iter()
        .map(|f| (f, claim_bytes(doc, &f.span)))
        .filter(|(_, bytes)| covers(bytes, offset))
        .collect();
    let start = hits.iter().map(|(_, b)| b.start).min()?;
    let end = hits.iter().map(|(_, b)| b.end).max()?;
    let value = hits
        .iter()
        .map(|(f, _)| markdown(f))
        .collect::<Vec<_>>()
        .join("\n---\n\n");
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(lines.range(&doc.source, start..end, encoding)),
    })
}

fn covers(bytes: &Range<usize>, offset: usize) -> bool {
    bytes.start <= offset && (offset < bytes.end || bytes.start == bytes.end)
}

/// One finding as Markdown.
pub fn markdown(finding: &Finding) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "**stet: {}** · `{}` · {}\n",
        finding.verdict.as_str(),
        finding.rule,
        finding.severity.as_str()
    );
    let _ = writeln!(out, "{}\n", escape(&finding.message));
    if let Some(s) = &finding.suggestion {
        let review = if s.safe {
            "safe: the quick fix applies it"
        } else {
            "needs an editor's review"
        };
        let _ = writeln!(
            out,
            "**Suggestion:** replace “{}” with “{}” ({review})\n",
            escape(&s.original),
            escape(&s.replacement)
        );
    }
    if !finding.evidence.is_empty() {
        out.push_str("**Evidence**\n\n");
        for (i, e) in finding.evidence.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} — {}",
                i + 1,
                escape(&e.statement),
                source(&e.source)
            );
        }
    }
    out.trim_end().to_string()
}

/// A source as a Markdown link when it is a URL, else as text (a citation).
fn source(source: &str) -> String {
    let is_url = ["https://", "http://"]
        .iter()
        .any(|scheme| source.starts_with(scheme));
    if !is_url {
        return escape(source);
    }
    // An angle-bracketed destination takes any character but these three.
    let url = source
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace(' ', "%20");
    let host = source
        .split('/')
        .nth(2)
        .filter(|h| !h.is_empty())
        .unwrap_or("source");
    format!("[{}](<{url}>)", escape(host))
}

/// Text with Markdown's special characters escaped, so a statement reads as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{STORY, report};

    fn hover_at(needle: &str, delta: usize) -> Option<Hover> {
        let report = report();
        let lines = LineIndex::new(STORY);
        let offset = STORY.find(needle).unwrap() + delta;
        let position = lines.position(STORY, offset, Encoding::Utf16);
        hover(&report, &lines, Encoding::Utf16, position)
    }

    fn value(h: &Hover) -> &str {
        match &h.contents {
            HoverContents::Markup(m) => &m.value,
            _ => "",
        }
    }

    #[test]
    fn hover_over_a_contradiction_shows_evidence_and_suggestion() {
        let h = hover_at("Feb. 26-27", 3).expect("a hover over the date");
        let v = value(&h);
        assert!(
            v.starts_with("**stet: contradicted** · `summit-date` · error"),
            "{v}"
        );
        assert!(
            v.contains("the Hanoi summit was held on 2019-02-27..2019-02-28"),
            "{v}"
        );
        assert!(
            v.contains("replace “Feb. 26-27” with “Feb. 27-28” (safe"),
            "{v}"
        );
        assert!(
            v.contains("1. 2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28 — [en.wikipedia.org](<https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit>)"),
            "{v}"
        );
        let range = h.range.unwrap();
        assert_eq!((range.start.line, range.start.character), (2, 39));
        assert_eq!(range.end.character, 49);
    }

    #[test]
    fn supported_claims_hover_too_and_nothing_elsewhere() {
        let h = hover_at("Saturday", 0).expect("supported weekday");
        assert!(value(&h).contains("**stet: supported**"));
        assert!(hover_at("Pyongyang", 2).is_none());
        // Just past the claim's end is not on it.
        assert!(hover_at("Feb. 26-27", 10).is_none());
        let h = hover_at("Ri Yong Hoo", 0).unwrap();
        assert!(value(&h).contains("needs an editor's review"));
        assert!(value(&h).contains("\\(person\\)") || value(&h).contains("(person)"));
    }

    #[test]
    fn markdown_is_escaped_and_citations_stay_text() {
        assert_eq!(escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
        assert_eq!(source("KCNA, 2019-02-24"), "KCNA, 2019-02-24");
        assert_eq!(
            source("https://x.org/a b<c>"),
            "[x.org](<https://x.org/a%20b%3Cc%3E>)"
        );
    }
}
