//! The XML subset TimeML files are written in, tokenized by hand: elements, attributes, text,
//! comments, declarations and the five named entities plus character references. TimeML needs
//! nothing more, and a hand-written tokenizer keeps every token's exact byte range, which the
//! reader needs to strip tags without changing a byte of the text between them.

use std::borrow::Cow;
use std::ops::Range;

/// One piece of a TimeML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// Character data between tags, entities still encoded.
    Text(Range<usize>),
    /// `<NAME ...>`
    Open(Tag<'a>),
    /// `<NAME .../>`
    Empty(Tag<'a>),
    /// `</NAME>`
    Close { name: &'a str, range: Range<usize> },
    /// `<?xml ...?>`, `<!-- ... -->`, `<!DOCTYPE ...>`, `<![CDATA[...]]>`: kept as-is, read as
    /// nothing.
    Other(Range<usize>),
}

/// An opening or empty tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag<'a> {
    pub name: &'a str,
    /// Attribute names and their values, entities decoded.
    pub attributes: Vec<(&'a str, Cow<'a, str>)>,
    /// The tag's bytes, `<` to `>`.
    pub range: Range<usize>,
}

impl Tag<'_> {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// What is wrong, and the byte offset where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkupError {
    pub offset: usize,
    pub message: String,
}

fn error<T>(offset: usize, message: impl Into<String>) -> Result<T, MarkupError> {
    Err(MarkupError {
        offset,
        message: message.into(),
    })
}

/// Splits `source` into tokens that cover it without gaps, in order.
pub(crate) fn tokenize(source: &str) -> Result<Vec<Token<'_>>, MarkupError> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(lt) = source[at..].find('<').map(|i| at + i) else {
            tokens.push(Token::Text(at..bytes.len()));
            break;
        };
        if lt > at {
            tokens.push(Token::Text(at..lt));
        }
        let (token, end) = markup_at(source, lt)?;
        tokens.push(token);
        at = end;
    }
    Ok(tokens)
}

/// The markup starting at `lt` (a `<`) and the offset just past it.
fn markup_at(source: &str, lt: usize) -> Result<(Token<'_>, usize), MarkupError> {
    let rest = &source[lt..];
    let delimited = |open: &str, close: &str, what: &str| match rest[open.len()..].find(close) {
        Some(i) => {
            let end = lt + open.len() + i + close.len();
            Ok((Token::Other(lt..end), end))
        }
        None => error(lt, format!("{what} is never closed (no `{close}`)")),
    };
    if rest.starts_with("<!--") {
        return delimited("<!--", "-->", "comment");
    }
    if rest.starts_with("<![CDATA[") {
        return delimited("<![CDATA[", "]]>", "CDATA section");
    }
    if rest.starts_with("<?") {
        return delimited("<?", "?>", "processing instruction");
    }
    if rest.starts_with("<!") {
        return delimited("<!", ">", "declaration");
    }
    if let Some(after) = rest.strip_prefix("</") {
        let name_len = name_length(after);
        if name_len == 0 {
            return error(lt, "`</` is not followed by an element name");
        }
        let name = &after[..name_len];
        let tail = &after[name_len..];
        let spaces = tail.len() - tail.trim_start().len();
        if !tail[spaces..].starts_with('>') {
            return error(lt, format!("closing tag `</{name}` is not closed by `>`"));
        }
        let end = lt + 2 + name_len + spaces + 1;
        return Ok((
            Token::Close {
                name,
                range: lt..end,
            },
            end,
        ));
    }
    let after = &rest[1..];
    let name_len = name_length(after);
    if name_len == 0 {
        return error(
            lt,
            "`<` does not start a tag (text must write it as `&lt;`)",
        );
    }
    let name = &after[..name_len];
    let mut at = lt + 1 + name_len;
    let mut attributes = Vec::new();
    loop {
        let tail = &source[at..];
        let trimmed = tail.trim_start();
        let had_space = trimmed.len() < tail.len();
        at += tail.len() - trimmed.len();
        if trimmed.starts_with("/>") {
            let tag = Tag {
                name,
                attributes,
                range: lt..at + 2,
            };
            return Ok((Token::Empty(tag), at + 2));
        }
        if trimmed.starts_with('>') {
            let tag = Tag {
                name,
                attributes,
                range: lt..at + 1,
            };
            return Ok((Token::Open(tag), at + 1));
        }
        if trimmed.is_empty() {
            return error(lt, format!("tag `<{name}` is never closed by `>`"));
        }
        let attribute_len = name_length(trimmed);
        if attribute_len == 0 || !had_space {
            return error(
                at,
                format!("unexpected `{}` in tag `<{name}`", first_char(trimmed)),
            );
        }
        let attribute = &trimmed[..attribute_len];
        at += attribute_len;
        let tail = &source[at..];
        let trimmed = tail.trim_start();
        at += tail.len() - trimmed.len();
        let Some(value_part) = trimmed.strip_prefix('=') else {
            return error(
                at,
                format!("attribute `{attribute}` of `<{name}` has no `=\"value\"`"),
            );
        };
        at += 1;
        let trimmed = value_part.trim_start();
        at += value_part.len() - trimmed.len();
        let quote = match trimmed.chars().next() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                return error(
                    at,
                    format!("attribute `{attribute}` of `<{name}` has an unquoted value"),
                );
            }
        };
        let Some(close) = trimmed[1..].find(quote) else {
            return error(
                at,
                format!("the value of attribute `{attribute}` of `<{name}` is never closed"),
            );
        };
        let raw_value = &trimmed[1..1 + close];
        if raw_value.contains('<') {
            return error(
                at,
                format!("the value of attribute `{attribute}` of `<{name}` contains `<`"),
            );
        }
        attributes.push((attribute, decode_entities(raw_value)));
        at += 1 + close + 1;
    }
}

fn first_char(text: &str) -> char {
    text.chars().next().unwrap_or(' ')
}

/// The length in bytes of the XML name at the start of `text` (0 if none).
fn name_length(text: &str) -> usize {
    let mut length = 0;
    for (i, c) in text.char_indices() {
        let ok = if i == 0 {
            c.is_alphabetic() || c == '_' || c == ':'
        } else {
            c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.')
        };
        if !ok {
            break;
        }
        length = i + c.len_utf8();
    }
    length
}

/// The character an entity reference such as `amp`, `#38` or `#x26` (without `&` and `;`)
/// stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// One decoded entity reference in a piece of text: `raw` is its byte range in the encoded
/// text and `decoded` the character it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntityAt {
    pub raw: Range<usize>,
    pub decoded: char,
}

impl EntityAt {
    pub fn raw_len(&self) -> usize {
        self.raw.end - self.raw.start
    }
}

/// The entity references of `text`, in order. An `&` that starts no known reference is left
/// as text: the TimeML corpora are not all strict XML, and reading a stray `&` as itself is
/// what their annotators saw.
pub(crate) fn entities(text: &str) -> Vec<EntityAt> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find('&') {
        let start = at + i;
        at = start + 1;
        // The longest reference is a `&#x10FFFF;`: look no further than that for the `;`.
        let window = &text[start + 1..text.len().min(start + 12)];
        let Some(semicolon) = window.find(';') else {
            continue;
        };
        if let Some(decoded) = entity(&window[..semicolon]) {
            let end = start + 1 + semicolon + 1;
            found.push(EntityAt {
                raw: start..end,
                decoded,
            });
            at = end;
        }
    }
    found
}

/// `text` with its entity references decoded.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    let found = entities(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut at = 0;
    for e in found {
        decoded.push_str(&text[at..e.raw.start]);
        decoded.push(e.decoded);
        at = e.raw.end;
    }
    decoded.push_str(&text[at..]);
    Cow::Owned(decoded)
}

/// `value` written as an attribute value between double quotes.
pub(crate) fn escape_attribute(value: &str) -> Cow<'_, str> {
    if !value.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(value);
    }
    let mut escaped = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            _ => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_source_in_order() {
        let source =
            "<?xml version=\"1.0\" ?>\n<A x=\"1\" y='a&amp;b'>hi <B/>there</A >\n<!-- c -->";
        let tokens = tokenize(source).unwrap_or_else(|e| panic!("{e:?}"));
        let mut covered = 0;
        for token in &tokens {
            let range = match token {
                Token::Text(r) | Token::Other(r) | Token::Close { range: r, .. } => r.clone(),
                Token::Open(t) | Token::Empty(t) => t.range.clone(),
            };
            assert_eq!(range.start, covered);
            covered = range.end;
        }
        assert_eq!(covered, source.len());
        let Token::Open(a) = &tokens[2] else {
            panic!("{:?}", tokens[2])
        };
        assert_eq!(a.name, "A");
        assert_eq!(a.attribute("x"), Some("1"));
        assert_eq!(a.attribute("y"), Some("a&b"));
        assert!(matches!(&tokens[4], Token::Empty(t) if t.name == "B"));
        assert!(matches!(&tokens[6], Token::Close { name: "A", .. }));
    }

    #[test]
    fn malformed_markup_is_an_error_at_its_offset() {
        for (source, offset) in [
            ("ab <A x=\"1\"", 3),
            ("ab <A x=1>", 8),
            ("a < b", 2),
            ("<A><!-- never", 3),
            ("x</A", 1),
            ("<A x=\"1\"y=\"2\">", 8),
            ("<A x>", 4),
        ] {
            match tokenize(source) {
                Err(e) => assert_eq!(e.offset, offset, "{source}: {}", e.message),
                Ok(t) => panic!("{source} tokenized: {t:?}"),
            }
        }
    }

    #[test]
    fn entities_are_decoded_and_stray_ampersands_kept() {
        assert_eq!(
            decode_entities("a &amp;QL; &lt;b&gt; &#38; &#x4E2D;"),
            "a &QL; <b> & 中"
        );
        assert_eq!(decode_entities("AT&T & co &bogus;"), "AT&T & co &bogus;");
        assert_eq!(escape_attribute("a\"<&>"), "a&quot;&lt;&amp;&gt;");
    }
}
