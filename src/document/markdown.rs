//! Markdown (CommonMark with tables, footnotes and strikethrough, via pulldown-cmark): the prose
//! is the text of paragraphs, headings, list items, block quotes and table cells, including link
//! text. Code (blocks and inline), raw HTML, link URLs, autolinks, images and footnote markers
//! are not prose. YAML (`---`) or TOML (`+++`) front matter at the top is read for the date and
//! left out of the prose, and so is a `date 2019-02-23` header line just after it.

use super::map::{Builder, Prose};
use super::story_date;
use chrono::NaiveDate;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What reading a Markdown story gives besides the prose.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Dates {
    pub front_matter: Option<NaiveDate>,
    pub header: Option<NaiveDate>,
}

/// Front matter at `source[start..]`: its delimiter kind, where the body starts, and the date.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    pub body_start: usize,
    pub date: Option<NaiveDate>,
}

/// The keys that give the date, best first (compared case-insensitively).
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "pubdate",
    "publishdate",
    "published_at",
    "publishedat",
    "date_published",
    "datepublished",
];

/// Splits `source[start..]` into lines, each with its range including the line ending.
fn lines_from(source: &str, start: usize) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut at = start;
    std::iter::from_fn(move || {
        if at >= source.len() {
            return None;
        }
        let end = source
            .get(at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(source.len(), |i| at + i + 1);
        let line = source.get(at..end)?;
        let range = at..end;
        at = end;
        Some((range, line))
    })
}

/// Reads front matter at the very start (`start` is after the byte order mark): `---` ... `---`
/// (or `...`) for YAML, `+++` ... `+++` for TOML. Only top-level `key: value` / `key = value`
/// lines are read; nothing else of the block is interpreted.
pub(crate) fn front_matter(source: &str, start: usize) -> Option<FrontMatter> {
    let mut lines = lines_from(source, start);
    let (_, first) = lines.next()?;
    let (toml, closers): (bool, &[&str]) = match first.trim_end() {
        "---" => (false, &["---", "..."]),
        "+++" => (true, &["+++"]),
        _ => return None,
    };
    let mut found: Option<(usize, NaiveDate)> = None;
    let mut in_table = false;
    for (range, line) in lines {
        let trimmed = line.trim_end();
        if closers.contains(&trimmed) {
            return Some(FrontMatter {
                body_start: range.end,
                date: found.map(|(_, d)| d),
            });
        }
        if toml && trimmed.starts_with('[') {
            in_table = true; // keys of a table are not the story's
        }
        if in_table || trimmed.is_empty() || line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let sep = if toml { '=' } else { ':' };
        let Some((key, value)) = line.split_once(sep) else {
            // Not a key: this is a thematic break and prose, not front matter.
            return None;
        };
        let key = key.trim().trim_matches(['"', '\'']).to_ascii_lowercase();
        let Some(rank) = DATE_KEYS.iter().position(|k| *k == key) else {
            continue;
        };
        // A YAML or TOML comment after the value.
        let value = value.split(" #").next().unwrap_or_default();
        if let Some(date) = story_date::parse_value(value)
            && found.is_none_or(|(r, _)| rank < r)
        {
            found = Some((rank, date));
        }
    }
    None // never closed: not front matter
}

/// Reads `source[start..]` as Markdown.
pub(crate) fn parse(source: &str, start: usize) -> (Prose, Dates) {
    let mut dates = Dates::default();
    let mut body_start = start;
    if let Some(fm) = front_matter(source, start) {
        dates.front_matter = fm.date;
        body_start = fm.body_start;
    }
    let mut b = Builder::new(source, true);
    if let Some((range, date)) = story_date::header(source, body_start) {
        dates.header = Some(date);
        b.exclude(range);
    }
    let body = source.get(body_start..).unwrap_or_default();
    let options = parser_options();
    // Depth of elements whose text is not prose (code blocks, images, autolinks).
    let mut hidden = 0usize;
    // For each open link, whether it is an autolink (its text is a URL).
    let mut links: Vec<bool> = Vec::new();
    for (event, r) in Parser::new_ext(body, options).into_offset_iter() {
        let range = r.start + body_start..r.end + body_start;
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    b.block_break();
                }
                if let Tag::Link { link_type, .. } = &tag {
                    let url = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    links.push(url);
                    if url {
                        hidden += 1;
                    }
                } else if hides(&tag) {
                    hidden += 1;
                }
            }
            Event::End(tag) => {
                if is_block_end(tag) {
                    b.block_break();
                }
                let hid = if tag == TagEnd::Link {
                    links.pop().unwrap_or(false)
                } else {
                    hides_end(tag)
                };
                if hid {
                    hidden = hidden.saturating_sub(1);
                }
            }
            Event::Text(text) if hidden == 0 => push_text(&mut b, source, &text, range),
            Event::SoftBreak | Event::HardBreak if hidden == 0 => {
                // The line ending, mapped to the source's '\n'; trailing spaces or a backslash
                // of a hard break are left out.
                let src = source.get(range.clone()).unwrap_or_default();
                if src.ends_with('\n') {
                    b.verbatim(range.end - 1..range.end);
                } else {
                    b.replaced("\n", range);
                }
            }
            Event::Rule => b.block_break(),
            _ => {} // code, HTML, footnote markers, task markers, math: not prose
        }
    }
    (b.finish(), dates)
}

/// Pushes a text event: verbatim when the source shows it as it is (possibly after a backslash
/// escape), otherwise as a replacement for its whole source range (an entity).
fn push_text(b: &mut Builder, source: &str, text: &str, range: Range<usize>) {
    let src = source.get(range.clone()).unwrap_or_default();
    if src == text {
        b.verbatim(range);
    } else if src.ends_with(text) && !text.is_empty() {
        b.verbatim(range.end - text.len()..range.end);
    } else {
        b.replaced(text, range);
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

fn hides(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock
    )
}

fn hides_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock
    )
}

/// The parser options the prose is read with; suppression comments are found with the same
/// ones, so a comment counts exactly where the prose reader sees HTML.
pub(crate) fn parser_options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn yaml_and_toml_front_matter() {
        let fm = |s: &str| front_matter(s, 0);
        let yaml = "---\ntitle: Kim: the trip\ndate: 2019-02-23 # local\nauthors:\n  - date: 2001-01-01\n---\nBody";
        assert_eq!(
            fm(yaml),
            Some(FrontMatter {
                body_start: yaml.find("Body").unwrap(),
                date: date("2019-02-23")
            })
        );
        // `date` wins over `published`, whatever the order.
        let yaml = "---\npublished: '2019-02-22'\nDate: \"2019-02-23T10:00:00Z\"\n...\n";
        assert_eq!(fm(yaml).and_then(|f| f.date), date("2019-02-23"));
        let yaml = "---\r\npubDate: Sat, 23 Feb 2019 10:00:00 +0000\r\n---\r\n";
        assert_eq!(fm(yaml).and_then(|f| f.date), date("2019-02-23"));
        let toml =
            "+++\ntitle = \"x\"\ndate = 2019-02-23T10:00:00Z\n[params]\ndate = 2001-01-01\n+++\n";
        assert_eq!(fm(toml).and_then(|f| f.date), date("2019-02-23"));
        let toml = "+++\n[params]\ndate = 2001-01-01\n+++\n";
        assert_eq!(fm(toml).map(|f| f.date), Some(None));
        // Unclosed, or a thematic break around prose: not front matter.
        assert_eq!(fm("---\ndate: 2019-02-23\n"), None);
        assert_eq!(fm("---\nKim left on Saturday.\n---\n"), None);
        assert_eq!(fm("Kim\n---\n"), None);
    }

    #[test]
    fn prose_of_a_markdown_story() {
        let src = "---\ndate: 2019-02-23\n---\n\n## Kim *heads* to Hanoi\n\n> Kim said \\*nothing\\* &amp; left.\n\n| Day | Event |\n|---|---|\n| Sat | Kim left |\n\n    indented code\n\nSee [the report][r] and <b>this</b>[^1].\n\n[r]: https://example.com\n[^1]: A footnote.\n";
        let (prose, dates) = parse(src, 0);
        assert_eq!(dates.front_matter, date("2019-02-23"));
        assert_eq!(
            prose.text,
            "Kim heads to Hanoi\n\nKim said *nothing* & left.\n\nDay\n\nEvent\n\nSat\n\nKim left\n\nSee the report and this.\n\nA footnote."
        );
        let para = |i: usize| &prose.text[prose.paragraphs[i].clone()];
        assert_eq!(para(0), "Kim heads to Hanoi");
        assert_eq!(para(1), "Kim said *nothing* & left.");
        assert_eq!(prose.paragraphs.len(), 8);
        // The escaped star maps verbatim to the star after the backslash.
        let star = prose.text.find('*').unwrap();
        let seg = prose
            .segments
            .iter()
            .find(|s| s.text_start <= star && star < s.text_start + s.len)
            .unwrap();
        assert!(seg.verbatim);
        assert_eq!(&src[seg.source_start..seg.source_start + 1], "*");
        assert_eq!(&src[seg.source_start - 1..seg.source_start], "\\");
    }
}
