//! HTML: tags are stripped; the text of `<script>`, `<style>`, `<code>`, `<pre>` and a few
//! other non-prose elements, comments and attribute values are not prose. Block tags (p, div,
//! h1-h6, li, br, ...) separate paragraphs. Character references (`&amp;`, `&rsquo;`, `&#8217;`,
//! `&#x2019;`) are decoded, each recorded as a non-verbatim segment over its source bytes;
//! `&nbsp;` becomes a plain space. The date comes from `<meta>` (name `date`, property
//! `article:published_time`, ...) or a publication `<time datetime=...>`.
//!
//! This is a forgiving tokenizer, not a full HTML5 parser: it never fails, and scans the file
//! once. All decisions are made on ASCII bytes, so every slice is on a char boundary.

use super::entities;
use super::map::{Builder, Prose};
use super::story_date;
use chrono::NaiveDate;

/// Elements whose content is raw text (never tokenized) and not prose.
pub(crate) const RAW: &[&str] = &["script", "style", "title", "textarea", "xmp", "noembed"];

/// Elements whose content is markup but not prose.
const HIDDEN: &[&str] = &[
    "code", "pre", "kbd", "samp", "noscript", "template", "svg", "math", "select", "object",
    "iframe", "head",
];

/// Elements that start or end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// `<meta>` names or properties that give the publication date.
const META_DATE: &[&str] = &[
    "date",
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
];

/// A tag as read: its lowercase name, whether it closes, and its raw attribute text.
pub(crate) struct Tag<'s> {
    /// Lower-cased.
    pub(crate) name: String,
    pub(crate) closing: bool,
    pub(crate) self_closing: bool,
    pub(crate) attrs: &'s str,
}

/// Dates found in the markup.
#[derive(Default)]
struct DateFinder {
    meta: Option<NaiveDate>,
    /// `<time pubdate>` or `<time itemprop="datePublished">`.
    time_published: Option<NaiveDate>,
    /// The first `<time datetime>` before any paragraph of prose has ended.
    time_early: Option<NaiveDate>,
    paragraph_seen: bool,
}

impl DateFinder {
    fn best(&self) -> Option<NaiveDate> {
        self.meta.or(self.time_published).or(self.time_early)
    }

    fn tag(&mut self, tag: &Tag) {
        match tag.name.as_str() {
            "meta" if self.meta.is_none() => {
                let key = ["name", "property", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| attribute(tag.attrs, k));
                if let Some(key) = key
                    && META_DATE.contains(&key.to_ascii_lowercase().as_str())
                    && let Some(content) = attribute(tag.attrs, "content")
                {
                    self.meta = story_date::parse_value(content);
                }
            }
            "time" => {
                let Some(date) = attribute(tag.attrs, "datetime").and_then(story_date::parse_value)
                else {
                    return;
                };
                let published = attribute(tag.attrs, "pubdate").is_some()
                    || attribute(tag.attrs, "itemprop")
                        .is_some_and(|v| v.eq_ignore_ascii_case("datepublished"));
                if published && self.time_published.is_none() {
                    self.time_published = Some(date);
                } else if !self.paragraph_seen && self.time_early.is_none() {
                    self.time_early = Some(date);
                }
            }
            "p" if tag.closing => self.paragraph_seen = true,
            _ => {}
        }
    }
}

/// Reads `source[start..]` as HTML. Returns the prose and the date found in the markup.
pub(crate) fn parse(source: &str, start: usize) -> (Prose, Option<NaiveDate>) {
    let bytes = source.as_bytes();
    let mut b = Builder::new(source, true);
    let mut dates = DateFinder::default();
    // Open non-prose elements, innermost last.
    let mut hidden: Vec<String> = Vec::new();
    let mut at = start;
    let mut text_start = at;
    while at < bytes.len() {
        let c = bytes.get(at).copied().unwrap_or(0);
        if c != b'<' && c != b'&' {
            at += 1;
            continue;
        }
        let flush = |b: &mut Builder, hidden: &Vec<String>, end: usize| {
            if hidden.is_empty() && text_start < end {
                b.verbatim(text_start..end);
            }
        };
        if c == b'&' {
            let Some((decoded, end)) = entities::decode(source, at) else {
                at += 1;
                continue;
            };
            flush(&mut b, &hidden, at);
            if hidden.is_empty() {
                b.replaced(&decoded, at..end);
            }
            at = end;
            text_start = at;
            continue;
        }
        // c == b'<'
        let rest = source.get(at..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<!--") {
            flush(&mut b, &hidden, at);
            at = after
                .find("-->")
                .map_or(source.len(), |i| source.len() - after.len() + i + 3);
            text_start = at;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            flush(&mut b, &hidden, at);
            at = rest.find('>').map_or(source.len(), |i| at + i + 1);
            text_start = at;
            continue;
        }
        let Some((tag, end)) = read_tag(source, at) else {
            at += 1; // a '<' that starts no tag is text
            continue;
        };
        flush(&mut b, &hidden, at);
        at = end;
        text_start = at;
        dates.tag(&tag);
        if BLOCKS.contains(&tag.name.as_str()) {
            b.block_break();
        }
        if tag.name == "body" {
            hidden.retain(|h| h != "head"); // an unclosed <head> ends where the body starts
        }
        if tag.closing {
            if let Some(pos) = hidden.iter().rposition(|h| *h == tag.name) {
                hidden.truncate(pos);
            }
        } else if !tag.self_closing && RAW.contains(&tag.name.as_str()) {
            at = skip_raw(source, at, &tag.name);
            text_start = at;
        } else if !tag.self_closing && HIDDEN.contains(&tag.name.as_str()) {
            hidden.push(tag.name);
        }
    }
    if hidden.is_empty() && text_start < source.len() {
        b.verbatim(text_start..source.len());
    }
    (b.finish(), dates.best())
}

/// Reads a start or end tag at `source[at]` (a '<'), returning it and the offset after its
/// '>'. `None` when the '<' does not start a tag ("a < b").
pub(crate) fn read_tag(source: &str, at: usize) -> Option<(Tag<'_>, usize)> {
    let bytes = source.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while bytes
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b':')
    {
        i += 1;
    }
    let name = source.get(name_start..i)?.to_ascii_lowercase();
    let attrs_start = i;
    // Find the closing '>' outside quoted attribute values.
    let mut quote: Option<u8> = None;
    while let Some(&c) = bytes.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => break,
            None => {}
        }
        i += 1;
    }
    let attrs = source.get(attrs_start..i.min(source.len()))?;
    let end = (i + 1).min(source.len());
    let self_closing = attrs.trim_end().ends_with('/');
    Some((
        Tag {
            name,
            closing,
            self_closing,
            attrs,
        },
        end,
    ))
}

/// The offset after `</name ...>`, searched case-insensitively from `at`, or the end of the file.
pub(crate) fn skip_raw(source: &str, at: usize, name: &str) -> usize {
    let bytes = source.as_bytes();
    let mut i = at;
    while let Some(off) = source.get(i..).and_then(|rest| rest.find("</")) {
        let name_at = i + off + 2;
        let candidate = bytes.get(name_at..name_at + name.len());
        let after = bytes.get(name_at + name.len()).copied();
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
            && after.is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return source
                .get(name_at..)
                .and_then(|rest| rest.find('>'))
                .map_or(source.len(), |j| name_at + j + 1);
        }
        i = name_at;
    }
    source.len()
}

/// The value of attribute `name` (ASCII case-insensitive) in a tag's attribute text; an
/// attribute without a value gives "".
fn attribute<'s>(attrs: &'s str, name: &str) -> Option<&'s str> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    loop {
        while bytes
            .get(i)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'/')
        {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let key_start = i;
        while bytes
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=' && *c != b'/')
        {
            i += 1;
        }
        let key = attrs.get(key_start..i)?;
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = "";
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let v_start = i + 1;
                    let v_end = attrs
                        .get(v_start..)
                        .and_then(|r| r.find(q as char))
                        .map_or(attrs.len(), |j| v_start + j);
                    value = attrs.get(v_start..v_end)?;
                    i = v_end + 1;
                }
                _ => {
                    let v_start = i;
                    while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    value = attrs.get(v_start..i)?;
                }
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if i == key_start {
            i += 1; // cannot happen (the key loop stops only on ASCII), but never loop forever
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes() {
        let attrs = r#" name="date" content='2019-02-23' data-x=1 hidden /"#;
        assert_eq!(attribute(attrs, "NAME"), Some("date"));
        assert_eq!(attribute(attrs, "content"), Some("2019-02-23"));
        assert_eq!(attribute(attrs, "data-x"), Some("1"));
        assert_eq!(attribute(attrs, "hidden"), Some(""));
        assert_eq!(attribute(attrs, "missing"), None);
        assert_eq!(attribute(" a=\"unterminated", "a"), Some("unterminated"));
    }

    #[test]
    fn tags_and_raw_text() {
        let src = "<p>a</p><script>if (a</b) {}</SCRIPT >after";
        let (prose, _) = parse(src, 0);
        assert_eq!(prose.text, "a\n\nafter");
        let (prose, _) = parse("x < y <b>bold</b> &copy &lt;", 0);
        assert_eq!(prose.text, "x < y bold &copy <");
    }
}
