//! HTML character references: `&name;`, `&#8217;`, `&#x2019;`. Named references cover the ones
//! found in news copy (punctuation, spaces, symbols, Latin letters with diacritics); an unknown
//! name is left in the text as it is.

/// Named references, sorted by name for binary search.
const NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Euml", "Ë"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iuml", "Ï"),
    ("Ntilde", "Ñ"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Scaron", "Š"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Uuml", "Ü"),
    ("Yacute", "Ý"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cent", "¢"),
    ("copy", "©"),
    ("dagger", "†"),
    ("deg", "°"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", " "),
    ("ensp", " "),
    ("euml", "ë"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gt", ">"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("laquo", "«"),
    ("ldquo", "“"),
    ("lrm", ""),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("mdash", "—"),
    ("middot", "·"),
    ("minus", "−"),
    ("nbsp", " "),
    ("ndash", "–"),
    ("ntilde", "ñ"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", ""),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sect", "§"),
    ("shy", ""),
    ("szlig", "ß"),
    ("thinsp", " "),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uuml", "ü"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zwj", ""),
    ("zwnj", ""),
];

/// What HTML maps the C1 code points 0x80..0x9F to (Windows-1252), for `&#146;` and friends.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes the reference at `source[at]` (an '&'): its text and the offset after its ';'.
/// `None` when there is no complete reference there. Soft hyphens, zero-width joiners and
/// direction marks decode to nothing; `&nbsp;` and the other spaces to a plain space.
pub(crate) fn decode(source: &str, at: usize) -> Option<(String, usize)> {
    let rest = source.get(at + 1..)?;
    // References are short; the ';' must come within 32 bytes.
    let semi = rest.bytes().take(33).position(|c| c == b';')?;
    let body = rest.get(..semi)?;
    let end = at + 1 + semi + 1;
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
        let c = match code {
            0x80..=0x9f => WINDOWS_1252
                .get(usize::try_from(code - 0x80).unwrap_or(0))
                .copied()
                .unwrap_or('\u{fffd}'),
            0 => '\u{fffd}',
            _ => char::from_u32(code).unwrap_or('\u{fffd}'),
        };
        let text = match c {
            '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => " ".to_string(),
            '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' => String::new(),
            c => c.to_string(),
        };
        return Some((text, end));
    }
    let i = NAMED.binary_search_by(|(name, _)| (*name).cmp(body)).ok()?;
    NAMED.get(i).map(|(_, text)| ((*text).to_string(), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn decodes() {
        let d = |s: &str| decode(s, 0);
        assert_eq!(d("&amp; x"), Some(("&".into(), 5)));
        assert_eq!(d("&rsquo;s"), Some(("’".into(), 7)));
        assert_eq!(d("&#8217;"), Some(("’".into(), 7)));
        assert_eq!(d("&#x2019;"), Some(("’".into(), 8)));
        assert_eq!(d("&#146;"), Some(("’".into(), 6)));
        assert_eq!(d("&nbsp;"), Some((" ".into(), 6)));
        assert_eq!(d("&#xD800;"), Some(("\u{fffd}".into(), 8)));
        assert_eq!(d("&#99999999999;"), Some(("\u{fffd}".into(), 14)));
        assert_eq!(d("&bogus;"), None);
        assert_eq!(d("&amp"), None);
        assert_eq!(d("&#;"), None);
        assert_eq!(d("& x;"), None);
    }
}
