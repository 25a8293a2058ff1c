//! Inline suppressions: comments in the story silence findings, and a comment that silences
//! nothing is reported as `unused-suppression` so stale ones get cleaned up. The full user
//! documentation is docs/suppressions.md; in short:
//!
//! - `<!-- stet-disable -->` (every rule) or `<!-- stet-disable rule-a, rule-b -->` (ids
//!   separated by commas and/or whitespace) opens a region that runs from the end of the comment
//!   to the next `<!-- stet-enable -->` (closes every open region) or `<!-- stet-enable rule-a
//!   -->` (closes the regions of `rule-a`), or to the end of the file.
//! - `<!-- stet-ignore-next-line [ids] -->` covers the next line after the comment ends that
//!   holds anything besides whitespace and suppression comments (so blank lines and stacked
//!   suppression comments are skipped); `<!-- stet-ignore-line [ids] -->` covers the line
//!   the comment starts on.
//! - Anything after a `--` token is a reason, not rule ids: `<!-- stet-disable title-holds --
//!   quoted from the 2018 wire -->`.
//! - The directive name is matched case-insensitively; a comment whose text starts with `stet-`
//!   but names no known directive is reported (a typo must not silently do nothing). A comment
//!   that merely starts with `stet` and a space (an editor's "stet", let it stand) is ignored.
//!
//! Where a comment is a comment (what the reader shows as code is never a directive):
//! - Markdown: HTML comments in HTML blocks and inline HTML, found from pulldown-cmark's events
//!   (the same options as the Markdown reader), so fenced and indented code blocks, code spans
//!   and YAML/TOML front matter never hold one.
//! - HTML: every `<!-- ... -->` the tokenizer sees outside tags' attribute values and outside
//!   raw-text elements (`script`, `style`, `title`, `textarea`, `xmp`, `noembed`, whose content
//!   is not markup). A comment inside `<pre>` or `<code>` is a real, invisible comment and does
//!   count: an example shown to readers there is written `&lt;!-- ... --&gt;`, which is text.
//! - Plain text: a line that holds exactly one comment and nothing but whitespace around it.
//!
//! A finding is silenced when its rule is covered at the source position where it starts. Every
//! silenced finding leaves `findings` and counts in `suppressed`, whatever its verdict, but a
//! suppression (each rule id of it separately) is *used* only if it covered at least one
//! contradicted finding: one that now covers only supported or unverifiable findings is stale and
//! reported. Each problem comment gives one `UnusedSuppression` listing, in `rules`, the ids that
//! silenced nothing (unknown ones included); an unknown rule id never silences anything (it is
//! not read as "every rule"). A finding covered by several suppressions counts as using all of
//! them.
//!
//! Cost: one pass over the source to find comments, one sort of the findings, then a sweep;
//! linear in the file and the findings but for that sort.

use crate::check::finding::{Severity, Verdict};
use crate::document::{Document, Format, html};
use crate::report::{FileReport, UnusedSuppression};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

#[cfg(test)]
mod tests;

/// The directives stet knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    IgnoreNextLine,
    IgnoreLine,
}

impl Kind {
    fn parse(name: &str) -> Option<Kind> {
        match name.to_ascii_lowercase().as_str() {
            "stet-disable" => Some(Kind::Disable),
            "stet-enable" => Some(Kind::Enable),
            "stet-ignore-next-line" => Some(Kind::IgnoreNextLine),
            "stet-ignore-line" => Some(Kind::IgnoreLine),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Disable => "stet-disable",
            Kind::Enable => "stet-enable",
            Kind::IgnoreNextLine => "stet-ignore-next-line",
            Kind::IgnoreLine => "stet-ignore-line",
        }
    }
}

/// A `stet-` comment as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    /// The whole comment, `<!--` to `-->`, in `Document::source`.
    span: Range<usize>,
    /// `None`: a name starting with `stet-` that is no directive.
    kind: Option<Kind>,
    /// The name as written.
    name: String,
    /// The rule ids, as written, without repeats.
    ids: Vec<String>,
}

impl Directive {
    /// How the comment is quoted in messages: `stet-disable a, b`.
    fn display(&self) -> String {
        let name: &str = match self.kind {
            Some(kind) => kind.name(),
            None => &self.name,
        };
        if self.ids.is_empty() {
            name.to_string()
        } else {
            format!("{name} {}", self.ids.join(", "))
        }
    }
}

/// Reads a comment's text (between `<!--` and `-->`) as a directive; `None` when it is not
/// one (it does not start with `stet-`).
fn parse_directive(span: Range<usize>, body: &str) -> Option<Directive> {
    let body = body.trim_start();
    if !body
        .get(..5)
        .is_some_and(|p| p.eq_ignore_ascii_case("stet-"))
    {
        return None;
    }
    let name_end = body
        .find(|c: char| c.is_whitespace() || c == ',')
        .unwrap_or(body.len());
    let (name, rest) = body.split_at(name_end);
    let mut ids: Vec<String> = Vec::new();
    for token in rest.split(|c: char| c.is_whitespace() || c == ',') {
        if token == "--" {
            break; // the rest is a reason
        }
        if !token.is_empty() && !ids.iter().any(|id| id == token) {
            ids.push(token.to_string());
        }
    }
    Some(Directive {
        span,
        kind: Kind::parse(name),
        name: name.to_string(),
        ids,
    })
}

/// The directive of a whole comment `source[range]` (`<!--...-->`), if it is one.
fn directive_at(source: &str, range: Range<usize>) -> Option<Directive> {
    let comment = source.get(range.clone())?;
    let body = comment.strip_prefix("<!--")?.strip_suffix("-->")?;
    parse_directive(range, body)
}

/// The directives of a document, in source order.
fn directives(doc: &Document) -> Vec<Directive> {
    let start = doc.line_starts.first().copied().unwrap_or(0);
    let comments = match doc.format {
        Format::Text => text_comments(&doc.source, start),
        Format::Markdown => markdown_comments(&doc.source, start),
        Format::Html => {
            let body = doc.source.get(start..).unwrap_or_default();
            html_comments(body)
                .into_iter()
                .map(|r| r.start + start..r.end + start)
                .collect()
        }
    };
    let mut found: Vec<Directive> = comments
        .into_iter()
        .filter_map(|r| directive_at(&doc.source, r))
        .collect();
    found.sort_by_key(|d| d.span.start);
    found
}

/// Plain text: comments alone on their line.
fn text_comments(source: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most stories have no comment at all: one substring search settles that without reading
    // the story line by line.
    if !source
        .get(start..)
        .is_some_and(|rest| rest.contains("<!--"))
    {
        return out;
    }
    let mut at = start;
    while at < source.len() {
        let rest = source.get(at..).unwrap_or_default();
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = rest.get(..line_len).unwrap_or_default();
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.starts_with("<!--")
            && trimmed.len() >= 7
            && trimmed.find("-->").is_some_and(|i| i + 3 == trimmed.len())
            && !trimmed.get(4..).is_some_and(|t| t.contains("<!--"))
        {
            out.push(at + lead..at + lead + trimmed.len());
        }
        at += line_len;
    }
    out
}

/// The comments (`<!--` to after `-->`) of HTML markup, as the HTML reader tokenizes it: not
/// in attribute values, not in raw-text elements. An unterminated comment runs to the end and
/// is no directive.
fn html_comments(src: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(off) = src.get(at..).and_then(|rest| rest.find('<')) {
        let lt = at + off;
        let rest = src.get(lt..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<!--") {
            let Some(i) = after.find("-->") else {
                break;
            };
            let end = lt + 4 + i + 3;
            out.push(lt..end);
            at = end;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            at = rest.find('>').map_or(src.len(), |i| lt + i + 1);
            continue;
        }
        match html::read_tag(src, lt) {
            None => at = lt + 1, // a '<' that starts no tag is text
            Some((tag, end)) => {
                at = end;
                if !tag.closing && !tag.self_closing && html::RAW.contains(&tag.name.as_str()) {
                    at = html::skip_raw(src, at, &tag.name);
                }
            }
        }
    }
    out
}

/// Pieces of HTML the Markdown parser gave (the lines of an HTML block, without the block
/// quote or list prefixes), joined, with a map back to the source.
#[derive(Default)]
struct Pieces {
    buf: String,
    /// (offset in `buf`, source range) of each piece, in order.
    map: Vec<(usize, Range<usize>)>,
}

impl Pieces {
    fn push(&mut self, text: &str, source: Range<usize>) {
        self.map.push((self.buf.len(), source));
        self.buf.push_str(text);
    }

    /// The source byte of `buf[offset]`.
    fn source_of(&self, offset: usize) -> Option<usize> {
        let i = self
            .map
            .partition_point(|(b, _)| *b <= offset)
            .checked_sub(1)?;
        let (b, range) = self.map.get(i)?;
        Some((range.start + (offset - b)).min(range.end.saturating_sub(1)))
    }

    fn comments(&self, out: &mut Vec<Range<usize>>) {
        for r in html_comments(&self.buf) {
            // A comment is at least `<!---->`, so `r.end - 1` is inside it.
            if let (Some(start), Some(last)) = (self.source_of(r.start), self.source_of(r.end - 1))
                && start <= last
            {
                out.push(start..last + 1);
            }
        }
    }
}

/// The end of YAML (`---`) or TOML (`+++`) front matter at `source[start..]`, as the Markdown
/// reader finds it: closed by `---`/`...` or `+++`, and every top-level line a key (else the
/// `---` is a thematic break).
fn front_matter_end(source: &str, start: usize) -> Option<usize> {
    crate::document::markdown::front_matter(source, start).map(|fm| fm.body_start)
}

/// Markdown: the comments in HTML blocks and inline HTML.
fn markdown_comments(source: &str, start: usize) -> Vec<Range<usize>> {
    let body_start = front_matter_end(source, start).unwrap_or(start);
    let body = source.get(body_start..).unwrap_or_default();
    let options = crate::document::markdown::parser_options();
    let mut out = Vec::new();
    let mut block: Option<Pieces> = None;
    // Consecutive inline HTML (a comment over a line break comes in more than one piece).
    let mut inline = Pieces::default();
    for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
        let range = r.start + body_start..r.end + body_start;
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Pieces::default()),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(pieces) = block.take() {
                    pieces.comments(&mut out);
                }
            }
            Event::Html(text) => match &mut block {
                Some(pieces) => pieces.push(&text, range),
                None => {
                    let mut pieces = Pieces::default();
                    pieces.push(&text, range);
                    pieces.comments(&mut out);
                }
            },
            Event::InlineHtml(text) => inline.push(&text, range),
            Event::SoftBreak | Event::HardBreak if !inline.map.is_empty() => {
                inline.push("\n", range);
            }
            _ => {
                if !inline.map.is_empty() {
                    std::mem::take(&mut inline).comments(&mut out);
                }
            }
        }
    }
    if !inline.map.is_empty() {
        inline.comments(&mut out);
    }
    out
}

/// One thing a directive suppresses: a rule (or every rule) over a region or some lines.
struct Entry {
    /// `None`: every rule.
    rule: Option<String>,
    used: bool,
}

/// Open `stet-disable` regions during the sweep. Times order the sweep's events: a region is
/// used when a contradicted finding it covers came after it opened, i.e. its category's last
/// hit is later than its opening (it has been open ever since).
#[derive(Default)]
struct Regions {
    /// (entry, opened) of regions of every rule.
    all: Vec<(usize, u64)>,
    by_rule: HashMap<String, Vec<(usize, u64)>>,
    all_hit: u64,
    rule_hit: HashMap<String, u64>,
}

impl Regions {
    fn close_all(&mut self, entries: &mut [Entry]) {
        for (e, opened) in self.all.drain(..) {
            if self.all_hit > opened
                && let Some(entry) = entries.get_mut(e)
            {
                entry.used = true;
            }
        }
        for (rule, open) in self.by_rule.drain() {
            let hit = self.rule_hit.get(&rule).copied().unwrap_or(0);
            mark(entries, open, hit);
        }
    }

    /// Closes the regions of `rule`; false when none was open.
    fn close(&mut self, rule: &str, entries: &mut [Entry]) -> bool {
        let Some(open) = self.by_rule.remove(rule).filter(|o| !o.is_empty()) else {
            return false;
        };
        let hit = self.rule_hit.get(rule).copied().unwrap_or(0);
        mark(entries, open, hit);
        true
    }

    fn any_open(&self) -> bool {
        !self.all.is_empty() || self.by_rule.values().any(|o| !o.is_empty())
    }
}

fn mark(entries: &mut [Entry], open: Vec<(usize, u64)>, hit: u64) {
    for (e, opened) in open {
        if hit > opened
            && let Some(entry) = entries.get_mut(e)
        {
            entry.used = true;
        }
    }
}

/// Line suppressions: (line, rule or every rule) -> (their entries, whether a contradicted
/// finding was covered).
type LineGroups = HashMap<(usize, Option<String>), (Vec<usize>, bool)>;

/// What went wrong with one directive, beyond its unused entries.
#[derive(Default)]
struct Problems {
    unknown: Vec<String>,
    /// `stet-enable` ids with no open region (for a bare `stet-enable`: closed nothing).
    not_open: Vec<String>,
    enable_closed_nothing: bool,
    /// A region of every rule was open at a `stet-enable rule` (which does not close it).
    all_open: bool,
}

/// Removes the findings the story's suppression comments silence (counting them in
/// `suppressed`) and records the comments that silenced nothing. `known_rule` says whether a
/// rule id exists, so a misspelt one is reported rather than silently silencing nothing.
pub fn apply(report: &mut FileReport, known_rule: &dyn Fn(&str) -> bool) {
    let doc = &report.document;
    let directives = directives(doc);
    if directives.is_empty() {
        return;
    }
    let lines = LineIndex { doc };

    let mut entries: Vec<Entry> = Vec::new();
    let mut problems: Vec<Problems> = directives.iter().map(|_| Problems::default()).collect();
    // Entries of each directive (a range of `entries`).
    let mut owned: Vec<Range<usize>> = Vec::with_capacity(directives.len());
    // Line suppressions: (line, rule) -> (entries, hit by a contradicted finding).
    let mut line_groups: LineGroups = HashMap::new();
    let mut next_line_targets = lines.next_line_targets(&directives);
    for (d, directive) in directives.iter().enumerate() {
        let first = entries.len();
        let known: Vec<&String> = directive.ids.iter().filter(|id| known_rule(id)).collect();
        if let Some(p) = problems.get_mut(d) {
            p.unknown = directive
                .ids
                .iter()
                .filter(|id| !known_rule(id))
                .cloned()
                .collect();
        }
        let suppresses = matches!(
            directive.kind,
            Some(Kind::Disable | Kind::IgnoreLine | Kind::IgnoreNextLine)
        );
        if suppresses {
            if directive.ids.is_empty() {
                entries.push(Entry {
                    rule: None,
                    used: false,
                });
            }
            for id in &known {
                entries.push(Entry {
                    rule: Some((*id).clone()),
                    used: false,
                });
            }
        }
        let covered: Range<usize> = match directive.kind {
            Some(Kind::IgnoreLine) => {
                let line = lines.line_of(directive.span.start);
                line..line + 1
            }
            Some(Kind::IgnoreNextLine) => match next_line_targets.get_mut(d).and_then(Option::take)
            {
                Some(line) => line..line + 1,
                None => 0..0,
            },
            _ => 0..0,
        };
        for line in covered {
            for e in first..entries.len() {
                let rule = entries.get(e).and_then(|entry| entry.rule.clone());
                line_groups.entry((line, rule)).or_default().0.push(e);
            }
        }
        owned.push(first..entries.len());
    }

    // The sweep: directives and findings in source order.
    let findings = &report.findings;
    let mut order: Vec<(usize, usize, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let location = doc.location(f.span.start);
            (location.byte, location.line, i)
        })
        .collect();
    order.sort_unstable();
    let mut silenced = vec![false; findings.len()];
    let mut regions = Regions::default();
    let mut time: u64 = 0;
    let mut next_finding = order.iter().peekable();
    for (d, directive) in directives.iter().enumerate() {
        // Findings before this directive.
        while let Some(&&(byte, line, i)) = next_finding.peek() {
            if byte >= directive.span.start {
                break;
            }
            next_finding.next();
            time += 1;
            if let (Some(f), Some(s)) = (findings.get(i), silenced.get_mut(i)) {
                *s = cover(f, line, time, &mut regions, &mut line_groups);
            }
        }
        time += 1;
        match directive.kind {
            Some(Kind::Disable) => {
                for e in owned.get(d).cloned().unwrap_or(0..0) {
                    match entries.get(e).and_then(|entry| entry.rule.clone()) {
                        None => regions.all.push((e, time)),
                        Some(rule) => regions.by_rule.entry(rule).or_default().push((e, time)),
                    }
                }
            }
            Some(Kind::Enable) => {
                let Some(p) = problems.get_mut(d) else {
                    continue;
                };
                if directive.ids.is_empty() {
                    p.enable_closed_nothing = !regions.any_open();
                    regions.close_all(&mut entries);
                } else {
                    p.all_open = !regions.all.is_empty();
                    for id in directive.ids.iter().filter(|id| known_rule(id)) {
                        if !regions.close(id, &mut entries) {
                            p.not_open.push(id.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for &(_, line, i) in next_finding {
        time += 1;
        if let (Some(f), Some(s)) = (findings.get(i), silenced.get_mut(i)) {
            *s = cover(f, line, time, &mut regions, &mut line_groups);
        }
    }
    regions.close_all(&mut entries);
    for (group, hit) in line_groups.into_values() {
        if hit {
            for e in group {
                if let Some(entry) = entries.get_mut(e) {
                    entry.used = true;
                }
            }
        }
    }

    let mut unused_reports = Vec::new();
    for (d, directive) in directives.iter().enumerate() {
        let own = entries
            .get(owned.get(d).cloned().unwrap_or(0..0))
            .unwrap_or_default();
        let p = problems.get(d);
        if let Some(found) = report_of(directive, own, p) {
            unused_reports.push(found);
        }
    }

    let mut flags = silenced.iter();
    let before = report.findings.len();
    report
        .findings
        .retain(|_| !flags.next().copied().unwrap_or(false));
    report.suppressed += before - report.findings.len();
    report.unused_suppressions.extend(unused_reports);
    report.unused_suppressions.sort_by_key(|u| u.span.start);
}

/// Whether finding `f` (starting on `line`) is covered, recording the hits of a contradicted one.
fn cover(
    f: &crate::check::finding::Finding,
    line: usize,
    time: u64,
    regions: &mut Regions,
    line_groups: &mut LineGroups,
) -> bool {
    let contradicted = f.verdict == Verdict::Contradicted;
    let mut covered = false;
    if !regions.all.is_empty() {
        covered = true;
        if contradicted {
            regions.all_hit = time;
        }
    }
    if regions.by_rule.get(&f.rule).is_some_and(|o| !o.is_empty()) {
        covered = true;
        if contradicted {
            regions.rule_hit.insert(f.rule.clone(), time);
        }
    }
    for key in [(line, None), (line, Some(f.rule.clone()))] {
        if let Some((_, hit)) = line_groups.get_mut(&key) {
            covered = true;
            *hit |= contradicted;
        }
    }
    covered
}

/// The report for one directive, if it has a problem.
fn report_of(
    directive: &Directive,
    own: &[Entry],
    problems: Option<&Problems>,
) -> Option<UnusedSuppression> {
    let shown = directive.display();
    let Some(kind) = directive.kind else {
        return Some(unused(
            directive,
            directive.ids.clone(),
            format!(
                "unknown directive `{}`: stet knows `stet-disable`, `stet-enable`, \
                 `stet-ignore-next-line` and `stet-ignore-line`",
                directive.name
            ),
        ));
    };
    let empty = Problems::default();
    let problems = problems.unwrap_or(&empty);
    let mut parts: Vec<String> = problems
        .unknown
        .iter()
        .map(|id| format!("unknown rule `{id}`"))
        .collect();
    let mut rules: Vec<String> = problems.unknown.clone();
    if kind == Kind::Enable {
        if problems.enable_closed_nothing {
            parts.push("no `stet-disable` is open here".to_string());
        }
        if !problems.not_open.is_empty() {
            let mut part = format!(
                "{} {} not disabled here",
                quoted(&problems.not_open),
                if problems.not_open.len() == 1 {
                    "is"
                } else {
                    "are"
                }
            );
            if problems.all_open {
                part.push_str(" (a `stet-disable` of every rule is closed by `stet-enable` alone)");
            }
            parts.push(part);
            rules.extend(problems.not_open.iter().cloned());
        }
    } else {
        let unused_ids: Vec<String> = own
            .iter()
            .filter(|e| !e.used)
            .filter_map(|e| e.rule.clone())
            .collect();
        let all_unused = own.iter().any(|e| e.rule.is_none() && !e.used);
        if all_unused {
            return Some(unused(
                directive,
                Vec::new(),
                format!("`{shown}` silenced no contradicted finding"),
            ));
        }
        if !unused_ids.is_empty() {
            if unused_ids.len() == directive.ids.len() {
                return Some(unused(
                    directive,
                    unused_ids,
                    format!("`{shown}` silenced no contradicted finding"),
                ));
            }
            parts.push(format!(
                "{} silenced no contradicted finding",
                quoted(&unused_ids)
            ));
            rules.extend(unused_ids);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(unused(
        directive,
        rules,
        format!("`{shown}`: {}", parts.join("; ")),
    ))
}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unused(directive: &Directive, rules: Vec<String>, message: String) -> UnusedSuppression {
    UnusedSuppression {
        span: directive.span.clone(),
        rules,
        severity: Severity::Warning,
        message,
    }
}

/// Lines of the source, for line suppressions.
struct LineIndex<'d> {
    doc: &'d Document,
}

impl LineIndex<'_> {
    /// The 1-based line of a source byte.
    fn line_of(&self, byte: usize) -> usize {
        self.doc.source_location(byte).line
    }

    fn line_count(&self) -> usize {
        self.doc.line_starts.len()
    }

    /// The source range of 1-based `line`.
    fn range(&self, line: usize) -> Range<usize> {
        let starts = &self.doc.line_starts;
        let start = line
            .checked_sub(1)
            .and_then(|i| starts.get(i))
            .copied()
            .unwrap_or(self.doc.source.len());
        let end = starts.get(line).copied().unwrap_or(self.doc.source.len());
        start..end.max(start)
    }

    /// Whether `line` holds nothing but whitespace and directives (`directives` sorted).
    fn skippable(&self, line: usize, directives: &[Directive]) -> bool {
        let range = self.range(line);
        let mut d = directives.partition_point(|x| x.span.end <= range.start);
        let mut at = range.start;
        while at < range.end {
            if let Some(x) = directives.get(d)
                && x.span.start <= at
            {
                at = at.max(x.span.end);
                d += 1;
                continue;
            }
            // Whitespace, counted in chars (a non-ASCII space is whitespace too).
            let next_directive = directives
                .get(d)
                .map_or(range.end, |x| x.span.start.min(range.end));
            let gap = self.doc.source.get(at..next_directive).unwrap_or_default();
            if !gap.chars().all(char::is_whitespace) {
                return false;
            }
            at = next_directive;
        }
        true
    }

    /// For each directive, the line `stet-ignore-next-line` covers (`None` for the others, and
    /// when no line follows): the first line after the comment's last that is not skippable.
    /// Walked backwards with memory, so stacked comments cost one walk in all.
    fn next_line_targets(&self, directives: &[Directive]) -> Vec<Option<usize>> {
        let mut targets = vec![None; directives.len()];
        // The walk of the directive after: (first line walked, the line it found).
        let mut later: Option<(usize, Option<usize>)> = None;
        for d in (0..directives.len()).rev() {
            let Some(x) = directives.get(d) else { continue };
            if x.kind != Some(Kind::IgnoreNextLine) {
                continue;
            }
            let first = self.line_of(x.span.end.saturating_sub(1)) + 1;
            let mut line = first;
            let found = loop {
                if let Some((start, found)) = later
                    && line >= start
                {
                    break found;
                }
                if line > self.line_count() {
                    break None;
                }
                if !self.skippable(line, directives) {
                    break Some(line);
                }
                line += 1;
            };
            later = Some((first, found));
            if let Some(t) = targets.get_mut(d) {
                *t = found;
            }
        }
        targets
    }
}
