//! The report for people, in the style of rustc:
//!
//! ```text
//! error[summit-date]: the Hanoi summit was held on 2019-02-27..2019-02-28
//!  --> story.txt:3:40
//!   |
//! 3 | Kim left Pyongyang on Saturday for the Feb. 26-27 summit in Hanoi.
//!   |                                        ^^^^^^^^^^
//!   = evidence: 2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28
//!   = source: https://en.wikipedia.org/wiki/...
//!   = suggestion: replace "Feb. 26-27" with "Feb. 27-28"
//! ```
//!
//! Supported and unverifiable findings, when asked for, take one line each:
//! `supported[weekday]: story.txt:3:23: "Saturday": 2019-02-23 is a Saturday`.
//! Files that could not be read are reported in their place (`error: name: why`), and a summary
//! line ends the report. Colour (ANSI escapes) only when `HumanOptions::color` is set.

use super::{
    Entry, FileOutcome, FileReport, HumanOptions, Render, Summary, UNUSED_SUPPRESSION,
    UnusedSuppression, clean, end_location, finding_message, render_all, summary_parts,
    unsafe_char, unused_message, unused_range,
};
use crate::check::finding::{Finding, Severity, Verdict};
use crate::document::{Document, Location};
use anstyle::{AnsiColor, Effects, Style};
use std::borrow::Cow;
use std::io::{self, Write};

/// Columns a tab takes in the source line (and under it, in the caret line).
const TAB_WIDTH: usize = 4;

/// Writes the report of a run (for callers that hold every outcome).
pub fn render(
    out: &mut dyn Write,
    outcomes: &[FileOutcome],
    options: &HumanOptions,
) -> io::Result<()> {
    render_all(&mut HumanRenderer::new(*options), out, outcomes)
}

/// The human report, written file by file.
pub struct HumanRenderer {
    options: HumanOptions,
    paint: Painter,
    /// Whether the last thing written was a blank line (or nothing), so blocks are separated
    /// by exactly one blank line.
    at_blank: bool,
}

impl HumanRenderer {
    pub fn new(options: HumanOptions) -> HumanRenderer {
        HumanRenderer {
            options,
            paint: Painter {
                color: options.color,
            },
            at_blank: true,
        }
    }

    /// A multi-line block, with one blank line before it (unless there is one) and after it.
    fn in_block(
        &mut self,
        out: &mut dyn Write,
        write: impl FnOnce(&mut dyn Write, &Painter) -> io::Result<()>,
    ) -> io::Result<()> {
        if !self.at_blank {
            writeln!(out)?;
        }
        write(out, &self.paint)?;
        writeln!(out)?;
        self.at_blank = true;
        Ok(())
    }
}

impl Render for HumanRenderer {
    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        match outcome {
            FileOutcome::Checked(report) => {
                for entry in super::entries(report) {
                    match entry {
                        Entry::Finding(finding) => match finding.verdict {
                            Verdict::Contradicted => {
                                self.in_block(out, |out, paint| block(out, report, finding, paint))?
                            }
                            Verdict::Supported if self.options.show_supported => {
                                one_line(out, report, finding, &self.paint)?;
                                self.at_blank = false;
                            }
                            Verdict::Unverifiable if self.options.show_unverifiable => {
                                one_line(out, report, finding, &self.paint)?;
                                self.at_blank = false;
                            }
                            Verdict::Supported | Verdict::Unverifiable => {}
                        },
                        Entry::Unused(unused) => self.in_block(out, |out, paint| {
                            unused_block(out, &report.document, unused, paint)
                        })?,
                    }
                }
            }
            FileOutcome::Failed { name, error } => {
                writeln!(
                    out,
                    "{}: {}: {}",
                    self.paint.paint(level_style(Severity::Error), "error"),
                    clean(name),
                    clean(error)
                )?;
                self.at_blank = false;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !self.at_blank {
            writeln!(out)?;
        }
        summary_line(out, summary, &self.paint)
    }
}

/// `N claims: S supported, C contradicted [(W warnings)], U unverifiable`, then the suppressed
/// findings, unused suppressions and failed files when there are any.
fn summary_line(out: &mut dyn Write, summary: &Summary, paint: &Painter) -> io::Result<()> {
    let (head, parts) = summary_parts(summary);
    let parts: Vec<String> = parts
        .into_iter()
        .map(|part| match part.level {
            Some(level) => paint.paint(level_style(level), &part.text),
            None => part.text,
        })
        .collect();
    writeln!(out, "{head}: {}", parts.join(", "))
}

/// The full form: header, location, source line with carets, evidence, suggestion.
fn block(
    out: &mut dyn Write,
    report: &FileReport,
    finding: &Finding,
    paint: &Painter,
) -> io::Result<()> {
    let doc = &report.document;
    let start = doc.location(finding.span.start);
    let end = end_location(doc, &finding.span);
    let gutter = header(
        out,
        doc,
        finding.severity,
        &finding.rule,
        &finding_message(finding),
        start,
        paint,
    )?;
    snippet(
        out,
        doc,
        start,
        end,
        level_style(finding.severity),
        &gutter,
        paint,
    )?;
    for evidence in &finding.evidence {
        note(out, &gutter, "evidence", &clean(&evidence.statement), paint)?;
        note(out, &gutter, "source", &clean(&evidence.source), paint)?;
    }
    if let Some(s) = &finding.suggestion {
        let mut text = format!(
            "replace \"{}\" with \"{}\"",
            clean(&s.original),
            clean(&s.replacement)
        );
        if !s.safe {
            text.push_str(" (needs review: --fix applies it only with --unsafe-fixes)");
        }
        note(out, &gutter, "suggestion", &text, paint)?;
    }
    Ok(())
}

/// A suppression comment that silenced nothing, shown like a finding: the comment underlined.
fn unused_block(
    out: &mut dyn Write,
    doc: &Document,
    unused: &UnusedSuppression,
    paint: &Painter,
) -> io::Result<()> {
    let (start, end) = unused_range(doc, unused);
    let gutter = header(
        out,
        doc,
        unused.severity,
        UNUSED_SUPPRESSION,
        &unused_message(unused),
        start,
        paint,
    )?;
    snippet(
        out,
        doc,
        start,
        end,
        level_style(unused.severity),
        &gutter,
        paint,
    )
}

/// `severity[rule]: message`, ` --> file:line:col` and the empty gutter line; returns the
/// gutter (spaces as wide as the line number).
fn header(
    out: &mut dyn Write,
    doc: &Document,
    severity: Severity,
    rule: &str,
    message: &str,
    start: Location,
    paint: &Painter,
) -> io::Result<String> {
    let accent = accent_style();
    let gutter = " ".repeat(digits(start.line));
    writeln!(
        out,
        "{}{} {}",
        paint.paint(
            level_style(severity),
            &format!("{}[{}]", severity.as_str(), clean(rule))
        ),
        paint.paint(Style::new().effects(Effects::BOLD), ":"),
        paint.paint(Style::new().effects(Effects::BOLD), &clean(message)),
    )?;
    writeln!(
        out,
        "{gutter}{} {}:{}:{}",
        paint.paint(accent, "-->"),
        clean(&doc.name),
        start.line,
        start.column
    )?;
    writeln!(out, "{gutter} {}", paint.paint(accent, "|"))?;
    Ok(gutter)
}

/// The source line, and the carets under the columns from `start` to `end`. Columns are
/// characters; a range running onto later lines is underlined to the end of its first line.
fn snippet(
    out: &mut dyn Write,
    doc: &Document,
    start: Location,
    end: Location,
    level: Style,
    gutter: &str,
    paint: &Painter,
) -> io::Result<()> {
    let accent = accent_style();
    let line = doc.line_text(start.line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let chars: Vec<char> = line.chars().collect();
    let first = start.column.saturating_sub(1).min(chars.len());
    let last = if end.line == start.line && end.column > start.column {
        (end.column - 1).min(chars.len())
    } else if end.line > start.line {
        chars.len()
    } else {
        first
    };
    // A story's paragraph is often one long line: show a window around the claim.
    let (lo, hi) = window(&chars, first, last);
    let (mut shown, mut before, mut under) = (String::new(), 0, 0);
    if lo > 0 {
        shown.push('…');
        before += 1;
    }
    for (i, &c) in chars.iter().enumerate().take(hi).skip(lo) {
        let (text, width) = display(c);
        shown.push_str(&text);
        if i < first {
            before += width;
        } else if i < last {
            under += width;
        }
    }
    if hi < chars.len() {
        shown.push('…');
    }
    let shown = shown.trim_end();
    let line_number = start.line.to_string();
    if shown.is_empty() {
        writeln!(
            out,
            "{} {}",
            paint.paint(accent, &line_number),
            paint.paint(accent, "|")
        )?;
    } else {
        writeln!(
            out,
            "{} {} {shown}",
            paint.paint(accent, &line_number),
            paint.paint(accent, "|")
        )?;
    }
    writeln!(
        out,
        "{gutter} {} {}{}",
        paint.paint(accent, "|"),
        " ".repeat(before),
        paint.paint(level, &"^".repeat(under.max(1)))
    )
}

/// Lines longer than this many characters are shown as a window around the claim.
const MAX_LINE: usize = 110;
/// Characters of context kept before the claim in a window.
const CONTEXT: usize = 40;

/// The char range of a line to show: all of it when short, else from a word break about
/// `CONTEXT` chars before the claim to one after it, `MAX_LINE` chars in all where it can.
fn window(chars: &[char], first: usize, last: usize) -> (usize, usize) {
    if chars.len() <= MAX_LINE {
        return (0, chars.len());
    }
    let mut lo = first.saturating_sub(CONTEXT);
    while lo > 0 && lo < first && !chars[lo - 1].is_whitespace() {
        lo += 1;
    }
    let mut hi = (last.max(lo + MAX_LINE)).min(chars.len());
    while hi < chars.len() && hi > last && !chars[hi].is_whitespace() {
        hi -= 1;
    }
    (lo, hi.max(last).min(chars.len()))
}

fn note(
    out: &mut dyn Write,
    gutter: &str,
    label: &str,
    text: &str,
    paint: &Painter,
) -> io::Result<()> {
    writeln!(
        out,
        "{gutter} {} {}: {text}",
        paint.paint(accent_style(), "="),
        paint.paint(Style::new().effects(Effects::BOLD), label)
    )
}

/// The compact form: `supported[rule]: file:line:col: "claim": message`.
fn one_line(
    out: &mut dyn Write,
    report: &FileReport,
    finding: &Finding,
    paint: &Painter,
) -> io::Result<()> {
    let at = report.document.location(finding.span.start);
    let style = match finding.verdict {
        Verdict::Supported => Style::new()
            .fg_color(Some(AnsiColor::Green.into()))
            .effects(Effects::BOLD),
        Verdict::Unverifiable => Style::new().effects(Effects::DIMMED | Effects::BOLD),
        Verdict::Contradicted => level_style(finding.severity),
    };
    write!(
        out,
        "{}: {}:{}:{}: \"{}\"",
        paint.paint(
            style,
            &format!("{}[{}]", finding.verdict.as_str(), clean(&finding.rule))
        ),
        clean(&report.document.name),
        at.line,
        at.column,
        clean(&finding.text)
    )?;
    if !finding.message.is_empty() {
        write!(out, ": {}", clean(&finding.message))?;
    }
    writeln!(out)
}

fn level_style(severity: Severity) -> Style {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightCyan,
    };
    Style::new()
        .fg_color(Some(color.into()))
        .effects(Effects::BOLD)
}

fn accent_style() -> Style {
    Style::new()
        .fg_color(Some(AnsiColor::BrightBlue.into()))
        .effects(Effects::BOLD)
}

struct Painter {
    color: bool,
}

impl Painter {
    fn paint(&self, style: Style, text: &str) -> String {
        if self.color && style != Style::new() {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }
}

fn digits(mut n: usize) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// How a character of a source line is shown, and how many terminal columns it takes.
fn display(c: char) -> (Cow<'static, str>, usize) {
    if c == '\t' {
        (Cow::Borrowed("    "), TAB_WIDTH)
    } else if unsafe_char(c) {
        (Cow::Borrowed("\u{FFFD}"), 1)
    } else {
        (Cow::Owned(c.to_string()), width(c))
    }
}

/// Terminal columns of a character: 0 for combining marks and zero-width characters, 2 for
/// East Asian wide and fullwidth characters and most emoji, 1 otherwise. An approximation of
/// Unicode's East Asian Width good enough to keep carets under the right characters.
fn width(c: char) -> usize {
    match c as u32 {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x2060..=0x2064
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD
        | 0x30000..=0x3FFFD => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;

    fn rendered(outcomes: &[FileOutcome], options: HumanOptions) -> String {
        let mut out = Vec::new();
        if let Err(e) = render(&mut out, outcomes, &options) {
            panic!("writing to a Vec fails: {e}");
        }
        String::from_utf8(out).unwrap_or_else(|e| panic!("not UTF-8: {e}"))
    }

    const CONTRADICTIONS: &str = "\
error[summit-date]: the Hanoi summit was held on 2019-02-27..2019-02-28
 --> story.txt:3:40
  |
3 | Kim left Pyongyang on Saturday for the Feb. 26-27 summit in Hanoi.
  |                                        ^^^^^^^^^^
  = evidence: 2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28
  = source: https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit
  = suggestion: replace \"Feb. 26-27\" with \"Feb. 27-28\"

warning[spelling]: \"Ri Yong Hoo\" looks like a misspelling of \"Ri Yong Ho\"
 --> story.txt:4:19
  |
4 |     Foreign minister Ri Yong Hoo went with him.
  |                      ^^^^^^^^^^^
  = evidence: Ri Yong Ho (person)
  = source: https://www.wikidata.org/wiki/Q482185
  = suggestion: replace \"Ri Yong Hoo\" with \"Ri Yong Ho\" (needs review: --fix applies it only with --unsafe-fixes)

";

    #[test]
    fn contradictions_in_full_then_the_summary() {
        let out = rendered(&[FileOutcome::Checked(report())], HumanOptions::default());
        assert_eq!(
            out,
            format!(
                "{CONTRADICTIONS}5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable\n"
            )
        );
    }

    #[test]
    fn verbose_lists_supported_and_unverifiable_in_one_line_each() {
        let options = HumanOptions {
            color: false,
            show_supported: true,
            show_unverifiable: true,
        };
        let out = rendered(
            &[
                FileOutcome::Checked(report()),
                FileOutcome::Failed {
                    name: "photo.txt".into(),
                    error: "binary file (NUL byte at offset 6)".into(),
                },
            ],
            options,
        );
        let expected = "\
supported[weekday]: story.txt:3:23: \"Saturday\": 2019-02-23 is a Saturday

error[summit-date]: the Hanoi summit was held on 2019-02-27..2019-02-28
 --> story.txt:3:40
  |
3 | Kim left Pyongyang on Saturday for the Feb. 26-27 summit in Hanoi.
  |                                        ^^^^^^^^^^
  = evidence: 2019 North Korea–United States Hanoi Summit: 2019-02-27 to 2019-02-28
  = source: https://en.wikipedia.org/wiki/2019_North_Korea%E2%80%93United_States_Hanoi_Summit
  = suggestion: replace \"Feb. 26-27\" with \"Feb. 27-28\"

unverifiable[summit-place]: story.txt:3:61: \"Hanoi\": no reference data on the summit's place

warning[spelling]: \"Ri Yong Hoo\" looks like a misspelling of \"Ri Yong Ho\"
 --> story.txt:4:19
  |
4 |     Foreign minister Ri Yong Hoo went with him.
  |                      ^^^^^^^^^^^
  = evidence: Ri Yong Ho (person)
  = source: https://www.wikidata.org/wiki/Q482185
  = suggestion: replace \"Ri Yong Hoo\" with \"Ri Yong Ho\" (needs review: --fix applies it only with --unsafe-fixes)

error: photo.txt: binary file (NUL byte at offset 6)

5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable, 1 file failed
";
        assert_eq!(out, expected);
    }

    #[test]
    fn unused_suppressions_are_blocks_and_counted_in_the_summary() {
        let out = rendered(&sample_outcomes(), HumanOptions::default());
        let expected = format!(
            "{CONTRADICTIONS}\
warning[unused-suppression]: `stet-disable spelling` silenced nothing
 --> story.txt:5:1
  |
5 | <!-- stet-disable spelling -->
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: photo.txt: binary file (NUL byte at offset 6)

5 claims: 1 supported, 2 contradicted (1 warning), 1 unverifiable, 1 suppressed, 1 unused suppression, 1 file failed
"
        );
        assert_eq!(out, expected);
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("human_report", out);
        });
    }

    #[test]
    fn odd_spans_and_paths_do_not_panic_and_stay_on_their_lines() {
        let options = HumanOptions {
            color: false,
            show_supported: true,
            show_unverifiable: true,
        };
        let out = rendered(&odd_outcomes(), options);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out}");
        assert!(out.contains(" --> dir, a:b c%.txt:1:14\n"), "{out}");
        assert!(
            out.contains("error: a,b:c  %.txt: bad thing: 100%\n"),
            "{out}"
        );
    }

    #[test]
    fn nothing_found_is_just_the_summary() {
        let mut r = report();
        r.findings.clear();
        r.claims = 1;
        let out = rendered(&[FileOutcome::Checked(r)], HumanOptions::default());
        assert_eq!(
            out,
            "1 claim: 0 supported, 0 contradicted, 0 unverifiable\n"
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = rendered(&[FileOutcome::Checked(report())], HumanOptions::default());
        assert!(!plain.contains('\u{1b}'));
        let options = HumanOptions {
            color: true,
            ..HumanOptions::default()
        };
        let colored = rendered(&[FileOutcome::Checked(report())], options);
        assert!(colored.contains("\u{1b}["));
        // Stripping the escapes gives the plain report back.
        let mut stripped = String::new();
        let mut rest = colored.as_str();
        while let Some(i) = rest.find('\u{1b}') {
            stripped.push_str(&rest[..i]);
            rest = &rest[i..];
            let end = rest.find('m').map_or(rest.len(), |m| m + 1);
            rest = &rest[end..];
        }
        stripped.push_str(rest);
        assert_eq!(stripped, plain);
    }

    #[test]
    fn carets_stay_under_wide_characters_and_multi_line_claims() {
        let source = "東京で\tTrump met Kim\nJong Un.\x1b[2J\n";
        let doc = plain("wide.txt", source);
        let mut f = finding("r", "holds", Verdict::Contradicted, Severity::Error, "");
        let start = source.find("Kim").unwrap_or(0);
        let end = source.find("Un").unwrap_or(0) + 2;
        f.span = start..end;
        f.text = source[start..end].to_string();
        f.message = "a message\nwith a break".into();
        let mut odd = finding("q", "age", Verdict::Contradicted, Severity::Info, "");
        let start = source.find("[2J").unwrap_or(0) - 1;
        odd.span = start..start + 1;
        odd.text = "\x1b".into();
        let r = FileReport {
            document: doc,
            claims: 2,
            findings: vec![f, odd],
            suppressed: 0,
            unused_suppressions: Vec::new(),
        };
        let out = rendered(&[FileOutcome::Checked(r)], HumanOptions::default());
        let expected = "\
error[r]: a message with a break
 --> wide.txt:1:15
  |
1 | 東京で    Trump met Kim
  |                     ^^^

info[q]: \"\u{FFFD}\"
 --> wide.txt:2:9
  |
2 | Jong Un.\u{FFFD}[2J
  |         ^

2 claims: 0 supported, 2 contradicted, 0 unverifiable
";
        assert_eq!(out, expected);
        assert!(!out.contains('\u{1b}'));
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_around_the_claim() {
        let words: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
        let source = format!(
            "{} Ri Yong Hoo {}\n",
            words[..30].join(" "),
            words[30..].join(" ")
        );
        let doc = plain("long.txt", &source);
        let mut f = finding(
            "spelling",
            "spelling",
            Verdict::Contradicted,
            Severity::Warning,
            "",
        );
        let start = source.find("Ri Yong Hoo").unwrap_or(0);
        f.span = start..start + "Ri Yong Hoo".len();
        f.text = "Ri Yong Hoo".into();
        let r = FileReport {
            document: doc,
            claims: 1,
            findings: vec![f],
            suppressed: 0,
            unused_suppressions: Vec::new(),
        };
        let out = rendered(&[FileOutcome::Checked(r)], HumanOptions::default());
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines[3];
        let carets = lines[4];
        assert!(
            shown.starts_with("1 | …") && shown.ends_with('…'),
            "{shown}"
        );
        assert!(shown.chars().count() < 130, "{shown}");
        // The carets stand under the claim in the window.
        let at = shown.chars().position(|c| c == 'R').unwrap_or(0);
        assert_eq!(carets.chars().position(|c| c == '^'), Some(at), "{out}");
        assert_eq!(carets.matches('^').count(), "Ri Yong Hoo".len());
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let options = HumanOptions {
            color: true,
            show_supported: true,
            show_unverifiable: true,
        };
        let a = rendered(&[FileOutcome::Checked(report())], options);
        let b = rendered(&[FileOutcome::Checked(report())], options);
        assert_eq!(a, b);
    }
}
