//! Templates: patterns over text with typed slots, written in rules as data.
//!
//! `{country:place}’s capital,? {city:place}` matches "Vietnam’s capital, Hanoi" when "Vietnam"
//! and "Hanoi" are mentions of places. The rest of a template is a regular expression (matched
//! without regard to case; a space matches any run of white space, an apostrophe either
//! apostrophe), so a rule may capture words too: `(?P<relation>sister|wife)`. A group named
//! `claim` marks the claim's extent when the template needs context words around it.
//!
//! Matching runs over each sentence with every claim usable as a slot replaced by a token that
//! carries its kinds, so the regular expression itself checks the slot types, in linear time.

use super::claim::{Claim, ClaimKind, ClaimValue, Slot, SlotValue, TemplateClaim};
use crate::document::Document;
use regex::Regex;
use std::collections::BTreeMap;
use std::ops::Range;

const TOKEN_START: char = '\u{E000}';
const TOKEN_END: char = '\u{E001}';

/// What a slot accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotType {
    /// A person, or an office phrase that stands for its holder ("the North Korean leader").
    Person,
    Place,
    Organization,
    Office,
    Event,
    /// Any entity.
    Entity,
    Date,
    Ordinal,
    Duration,
    Number,
}

impl SlotType {
    pub const NAMES: &'static str =
        "person, place, organization, office, event, entity, date, ordinal, duration, number";

    pub fn parse(text: &str) -> Option<SlotType> {
        Some(match text {
            "person" => SlotType::Person,
            "place" => SlotType::Place,
            "organization" => SlotType::Organization,
            "office" => SlotType::Office,
            "event" => SlotType::Event,
            "entity" => SlotType::Entity,
            "date" => SlotType::Date,
            "ordinal" => SlotType::Ordinal,
            "duration" => SlotType::Duration,
            "number" => SlotType::Number,
            _ => return None,
        })
    }

    /// The token letters this slot accepts.
    fn letters(self) -> &'static str {
        match self {
            SlotType::Person => "PF",
            SlotType::Place => "L",
            SlotType::Organization => "O",
            SlotType::Office => "F",
            SlotType::Event => "E",
            SlotType::Entity => "PLOFE",
            SlotType::Date => "D",
            SlotType::Ordinal => "N",
            SlotType::Duration => "U",
            SlotType::Number => "M",
        }
    }
}

/// A compiled template.
#[derive(Debug, Clone)]
pub struct Template {
    pub source: String,
    regex: Regex,
    /// Typed slots, in the order they appear.
    pub slots: Vec<(String, SlotType)>,
    /// Plain named groups of the regular expression ("relation").
    pub groups: Vec<String>,
    /// What a sentence must hold for the template to match, when every group of it takes
    /// part in every match (`None` otherwise): for each set of token letters its slots
    /// accept, how many slots accept that set. A match fills each slot with its own token, so
    /// a sentence with fewer fitting tokens cannot match and its regex need not run.
    needs: Option<Vec<(u32, usize)>>,
    /// Words of which every match holds one outside its slots, lower-cased ASCII ("summit",
    /// "meeting"), when the template has such a set: a sentence with none of them cannot
    /// match, and finding that out costs far less than running the regex.
    required_words: Option<Vec<memchr::memmem::Finder<'static>>>,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl Template {
    /// Compiles a template; the error says what is wrong with it.
    pub fn compile(source: &str) -> Result<Template, String> {
        let mut regex = String::from("(?i)");
        let mut slots: Vec<(String, SlotType)> = Vec::new();
        let mut rest = source;
        while !rest.is_empty() {
            // A slot is `{name:type}`; other braces (`{0,2}`) are regular expression syntax.
            let slot = rest.match_indices('{').find_map(|(open, _)| {
                let close = rest[open..].find('}')? + open;
                let inner = &rest[open + 1..close];
                let (name, kind) = inner.split_once(':')?;
                is_ident(name).then_some((open, close, name.to_string(), kind.to_string()))
            });
            let literal_end = slot.as_ref().map_or(rest.len(), |(open, ..)| *open);
            push_literal(&mut regex, &rest[..literal_end]);
            let Some((_, close, name, kind)) = slot else {
                break;
            };
            let Some(slot_type) = SlotType::parse(&kind) else {
                return Err(format!(
                    "unknown slot type `{kind}` in `{{{name}:{kind}}}` (expected one of: {})",
                    SlotType::NAMES
                ));
            };
            if slots.iter().any(|(n, _)| *n == name) {
                return Err(format!("slot `{name}` appears twice"));
            }
            regex.push_str(&format!(
                "{TOKEN_START}[A-Z]*[{}][A-Z]*#(?P<{name}>[0-9]+){TOKEN_END}",
                slot_type.letters()
            ));
            slots.push((name, slot_type));
            rest = &rest[close + 1..];
        }
        if slots.is_empty() {
            return Err("a template needs at least one slot such as {place:place}".into());
        }
        // The regex error quotes the compiled pattern, which the author never wrote: keep
        // only what is wrong.
        let pattern = regex;
        let regex = Regex::new(&pattern).map_err(|e| {
            let e = e.to_string();
            let what = e.lines().last().unwrap_or(&e).trim_start_matches("error: ");
            format!("invalid pattern `{source}`: {what}")
        })?;
        let groups = regex
            .capture_names()
            .flatten()
            .filter(|g| *g != "claim" && !slots.iter().any(|(s, _)| s == g))
            .map(str::to_string)
            .collect();
        let mut needs: Vec<(u32, usize)> = Vec::new();
        for (_, slot_type) in &slots {
            let mask = letter_mask(slot_type.letters());
            match needs.iter_mut().find(|(m, _)| *m == mask) {
                Some((_, count)) => *count += 1,
                None => needs.push((mask, 1)),
            }
        }
        // A slot in an optional or alternative part ("(?:{a:place})?") need not be filled.
        let every_group_matches = regex.static_captures_len() == Some(regex.captures_len());
        let required_words = required_words(&pattern).map(|words| {
            words
                .iter()
                .map(|w| memchr::memmem::Finder::new(w).into_owned())
                .collect()
        });
        Ok(Template {
            source: source.to_string(),
            regex,
            slots,
            groups,
            needs: every_group_matches.then_some(needs),
            required_words,
        })
    }

    /// Whether a sentence whose tokens have these letter masks can hold a match: for each
    /// set of letters the slots accept, as many tokens with one of them as slots (a necessary
    /// condition, so skipping the regex when it fails changes no result).
    fn may_match(&self, token_masks: &[u32]) -> bool {
        let Some(needs) = &self.needs else {
            return true;
        };
        needs
            .iter()
            .all(|&(mask, count)| token_masks.iter().filter(|&&m| m & mask != 0).count() >= count)
    }

    pub fn slot_type(&self, name: &str) -> Option<SlotType> {
        self.slots.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }

    pub fn has_group(&self, name: &str) -> bool {
        self.groups.iter().any(|g| g == name) || self.slot_type(name).is_some()
    }
}

/// The letters a token mark can hold (`SlotType::letters` and the tokens `extract` builds use
/// no others).
const MARK_LETTERS: &[u8] = b"PLOFEDNMU";

/// Words of which every match of `pattern` (a compiled template, `(?i)` first) holds at least
/// one, lower-cased ("summit" or "meeting"), when the template has such a set: each word is
/// ASCII and has a letter no token mark can hold, so it can only match the sentence's own
/// text, never a mark, and a sentence whose lower-cased text holds none of them cannot match.
/// Under `(?i)` an ASCII letter matches only its two ASCII cases in ASCII text, which is the
/// only text the words are looked for in.
fn required_words(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::{Hir, HirKind};
    /// Each set found is one the match must hold a word of.
    fn collect(hir: &Hir, out: &mut Vec<Vec<Vec<u8>>>) {
        match hir.kind() {
            HirKind::Literal(lit) if usable(&lit.0) => {
                out.push(vec![lit.0.to_ascii_lowercase()]);
            }
            HirKind::Concat(parts) => parts.iter().for_each(|h| collect(h, out)),
            HirKind::Capture(c) => collect(&c.sub, out),
            HirKind::Repetition(r) if r.min >= 1 => collect(&r.sub, out),
            // One of the branches matches: a set of words, when every branch has one.
            HirKind::Alternation(branches) => {
                let mut any = Vec::new();
                for branch in branches {
                    let mut sets = Vec::new();
                    collect(branch, &mut sets);
                    match best(sets) {
                        Some(words) => any.extend(words),
                        None => return,
                    }
                }
                out.push(any);
            }
            // Optional parts, classes and assertions promise no word.
            _ => {}
        }
    }
    fn usable(word: &[u8]) -> bool {
        word.is_ascii()
            && word
                .iter()
                .any(|b| b.is_ascii_alphabetic() && !MARK_LETTERS.contains(&b.to_ascii_uppercase()))
    }
    /// The set whose shortest word is longest (rarest), among sets small enough to search.
    fn best(sets: Vec<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
        sets.into_iter()
            .filter(|set| !set.is_empty() && set.len() <= 12)
            .max_by_key(|set| (set.iter().map(Vec::len).min(), std::cmp::Reverse(set.len())))
    }
    // Parsed without `(?i)`, literals stay literals instead of becoming case classes.
    let body = pattern.strip_prefix("(?i)")?;
    let hir = regex_syntax::Parser::new().parse(body).ok()?;
    let mut sets = Vec::new();
    collect(&hir, &mut sets);
    best(sets)
}

/// The token letters of `letters` as bits (`A` is bit 0); letters are ASCII capitals.
fn letter_mask(letters: &str) -> u32 {
    letters
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .fold(0, |mask, b| mask | 1 << (b - b'A'))
}

fn push_literal(regex: &mut String, literal: &str) {
    for c in literal.chars() {
        match c {
            ' ' => regex.push_str(r"\s+"),
            '\'' | '’' => regex.push_str("['’]"),
            c => regex.push(c),
        }
    }
}

/// A claim usable as a slot: its span, its kinds as token letters, its value.
#[derive(Debug, Clone)]
pub struct Token {
    pub span: Range<usize>,
    pub letters: String,
    pub value: SlotValue,
}

/// Writes `n` in decimal digits, as `format!("{n}")` does, without the formatting machinery
/// (a sentence's every token is numbered).
fn push_decimal(text: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        // `rest % 10` is below 10: the cast cannot truncate.
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        text.push(char::from(d));
    }
}

/// A sentence with tokens in place of slot-able claims: what the templates match. Each token
/// is `TOKEN_START`, its letters, `#`, its index and `TOKEN_END`; a curly apostrophe is a
/// straight one.
fn mask_text(doc: &Document, sentence: &Range<usize>, tokens: &[(usize, &Token)]) -> String {
    let mut text = String::with_capacity(sentence.len() + 8 * tokens.len());
    let mut at = sentence.start;
    let push_plain = |text: &mut String, plain: &str| {
        if plain.contains('’') {
            text.extend(plain.chars().map(|c| if c == '’' { '\'' } else { c }));
        } else {
            text.push_str(plain);
        }
    };
    for &(index, token) in tokens {
        push_plain(&mut text, &doc.text[at..token.span.start]);
        text.push(TOKEN_START);
        text.push_str(&token.letters);
        text.push('#');
        push_decimal(&mut text, index);
        text.push(TOKEN_END);
        at = token.span.end;
    }
    push_plain(&mut text, &doc.text[at..sentence.end]);
    text
}

/// For each byte of `mask_text`'s text: the text range of the char or token it came from.
/// Built only for a sentence some template matched.
fn mask_origins(
    doc: &Document,
    sentence: &Range<usize>,
    tokens: &[(usize, &Token)],
) -> Vec<Range<usize>> {
    let mut from = Vec::new();
    let mut at = sentence.start;
    let push_plain = |from: &mut Vec<Range<usize>>, at: usize, plain: &str| {
        for (offset, c) in plain.char_indices() {
            let range = at + offset..at + offset + c.len_utf8();
            // A curly apostrophe is masked as a straight one: one byte.
            let len = if c == '’' { 1 } else { c.len_utf8() };
            for _ in 0..len {
                from.push(range.clone());
            }
        }
    };
    for &(index, token) in tokens {
        push_plain(&mut from, at, &doc.text[at..token.span.start]);
        let len = TOKEN_START.len_utf8()
            + token.letters.len()
            + 1
            + index.to_string().len()
            + TOKEN_END.len_utf8();
        for _ in 0..len {
            from.push(token.span.clone());
        }
        at = token.span.end;
    }
    push_plain(&mut from, at, &doc.text[at..sentence.end]);
    from
}

/// Chooses the tokens of a sentence: longest claims first, no overlaps.
fn sentence_tokens<'a>(tokens: &'a [Token], sentence: &Range<usize>) -> Vec<(usize, &'a Token)> {
    let mut inside: Vec<(usize, &Token)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.span.start >= sentence.start && t.span.end <= sentence.end)
        .collect();
    inside.sort_by(|a, b| {
        (b.1.span.len())
            .cmp(&a.1.span.len())
            .then(a.1.span.start.cmp(&b.1.span.start))
    });
    let mut chosen: Vec<(usize, &Token)> = Vec::new();
    for candidate in inside {
        if chosen.iter().all(|(_, t)| {
            t.span.end <= candidate.1.span.start || candidate.1.span.end <= t.span.start
        }) {
            chosen.push(candidate);
        }
    }
    chosen.sort_by_key(|(_, t)| t.span.start);
    chosen
}

/// Applies every rule's templates to every sentence.
pub fn extract(doc: &Document, templates: &[(&str, &Template)], tokens: &[Token]) -> Vec<Claim> {
    extract_with(doc, templates, tokens, true)
}

/// `extract`, skipping templates by their required words or not (the tests' reference).
fn extract_with(
    doc: &Document,
    templates: &[(&str, &Template)],
    tokens: &[Token],
    skip_by_words: bool,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    if templates.is_empty() {
        return claims;
    }
    // Text that holds the token marks itself could pass for tokens the sentence lacks: there,
    // every template runs.
    let fake_tokens = doc.text.contains(TOKEN_START);
    let mut masks: Vec<u32> = Vec::new();
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let chosen = sentence_tokens(tokens, sentence);
        if chosen.is_empty() {
            continue;
        }
        masks.clear();
        masks.extend(chosen.iter().map(|(_, t)| letter_mask(&t.letters)));
        let mut masked: Option<String> = None;
        let mut from: Option<Vec<Range<usize>>> = None;
        // The sentence lower-cased, when it is ASCII (else `None`: no template is skipped).
        let mut lowered: Option<Option<Vec<u8>>> = None;
        for &(rule, template) in templates {
            if !fake_tokens && !template.may_match(&masks) {
                continue;
            }
            if let Some(words) = template.required_words.as_ref().filter(|_| skip_by_words) {
                let lower = lowered.get_or_insert_with(|| {
                    let plain = doc.text.get(sentence.clone()).unwrap_or_default();
                    plain
                        .is_ascii()
                        .then(|| plain.as_bytes().to_ascii_lowercase())
                });
                if lower
                    .as_deref()
                    .is_some_and(|l| !words.iter().any(|w| w.find(l).is_some()))
                {
                    continue;
                }
            }
            let text = masked.get_or_insert_with(|| mask_text(doc, sentence, &chosen));
            for caps in template.regex.captures_iter(text) {
                let Some(whole) = caps.get(0) else { continue };
                if whole.is_empty() {
                    continue;
                }
                let from = from.get_or_insert_with(|| mask_origins(doc, sentence, &chosen));
                let span = from[whole.start()].start..from[whole.end() - 1].end;
                let mut slots = BTreeMap::new();
                for (name, _) in &template.slots {
                    let Some(index) = caps
                        .name(name)
                        .and_then(|m| m.as_str().parse::<usize>().ok())
                    else {
                        continue;
                    };
                    let Some(token) = tokens.get(index) else {
                        continue;
                    };
                    slots.insert(
                        name.clone(),
                        Slot {
                            span: token.span.clone(),
                            text: doc.text[token.span.clone()].to_string(),
                            value: token.value.clone(),
                        },
                    );
                }
                for name in &template.groups {
                    if let Some(m) = caps.name(name).filter(|m| !m.is_empty()) {
                        let range = from[m.start()].start..from[m.end() - 1].end;
                        slots.insert(
                            name.clone(),
                            Slot {
                                text: doc.text[range.clone()].to_string(),
                                span: range,
                                value: SlotValue::Text,
                            },
                        );
                    }
                }
                // A template may mark the claim's extent with a `claim` group, leaving out the
                // words it needs around it ("in Dandong, China on").
                let span = match caps.name("claim").filter(|m| !m.is_empty()) {
                    Some(m) => from[m.start()].start..from[m.end() - 1].end,
                    None => span,
                };
                claims.push(Claim {
                    kind: ClaimKind::Template,
                    text: doc.text[span.clone()].to_string(),
                    span,
                    value: ClaimValue::Template(TemplateClaim {
                        rule: rule.to_string(),
                        slots,
                    }),
                    sentence: sentence_index,
                });
            }
        }
    }
    // Two templates of one rule matching the same words make one claim: the longest.
    claims.sort_by(|a, b| {
        rule_of(a)
            .cmp(rule_of(b))
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Claim> = Vec::with_capacity(claims.len());
    for claim in claims {
        let overlaps = kept.iter().any(|k| {
            rule_of(k) == rule_of(&claim)
                && k.span.start < claim.span.end
                && claim.span.start < k.span.end
        });
        if !overlaps {
            kept.push(claim);
        }
    }
    kept.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.span.end.cmp(&b.span.end))
    });
    kept
}

fn rule_of(claim: &Claim) -> &str {
    match &claim.value {
        ClaimValue::Template(t) => &t.rule,
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits_are_those_format_writes() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut text = String::from("x");
            push_decimal(&mut text, n);
            assert_eq!(text, format!("x{n}"));
        }
    }

    #[test]
    fn compiles_slots_and_keeps_regex_braces() {
        let t = Template::compile(r"{country:place}'s capital,? (\w+ ){0,2}{city:place}").unwrap();
        assert_eq!(t.slots.len(), 2);
        assert_eq!(t.slot_type("city"), Some(SlotType::Place));
        let t = Template::compile(r"{subject:person}'s (?P<relation>sister|wife) {object:person}")
            .unwrap();
        assert_eq!(t.groups, ["relation"]);
    }

    #[test]
    fn masked_text_and_its_origins_agree() {
        let text = "Vietnam’s capital, Hanoi, hosted Kim’s second summit.";
        let doc = Document::from_text("t.txt", text, None);
        let token = |span: Range<usize>, letters: &str| Token {
            span,
            letters: letters.into(),
            value: SlotValue::Text,
        };
        let vietnam = token(0..7, "L");
        let hanoi = token(21..26, "L");
        let tokens = [(3, &vietnam), (12, &hanoi)];
        let sentence = 0..text.len();
        let masked = mask_text(&doc, &sentence, &tokens);
        assert_eq!(
            masked,
            "\u{E000}L#3\u{E001}'s capital, \u{E000}L#12\u{E001}, hosted Kim's second summit."
        );
        let from = mask_origins(&doc, &sentence, &tokens);
        assert_eq!(from.len(), masked.len());
        // Each byte maps to the char (or token) it came from.
        assert_eq!(from[0], 0..7);
        assert_eq!(from[masked.find('\'').unwrap()], 7..10);
        assert_eq!(&text[from[masked.find("hosted").unwrap()].clone()], "h");
    }

    fn words_of(template: &str) -> Option<Vec<String>> {
        let t = Template::compile(template).unwrap();
        t.required_words.map(|set| {
            set.iter()
                .map(|w| String::from_utf8(w.needle().to_vec()).unwrap())
                .collect()
        })
    }

    #[test]
    fn templates_know_the_words_they_need() {
        assert_eq!(
            words_of("{subject:place}'s Capital,? {object:place}").unwrap(),
            ["capital"]
        );
        assert_eq!(
            words_of(
                "{d:duration} (?P<direction>after|before|since) (?:the|a) (?:[\\w-]+ ){0,2}?\
                 (?P<event>summit(?: talks)?|meeting)"
            )
            .unwrap(),
            ["summit", "meeting"]
        );
        // Words a token mark could hold (its letters, `#`, digits) promise nothing.
        assert_eq!(words_of("{a:place} of {b:place}"), None);
        assert_eq!(words_of("{a:place}, {b:place}"), None);
        // Optional words and a branch without a word promise nothing either.
        assert_eq!(words_of("{a:place}(?: capital)? {b:place}"), None);
        assert_eq!(words_of("(?:capital|,) {a:place}"), None);
    }

    /// Sentences of the words templates look for, in any case, with tokens among them.
    fn sentence_and_tokens() -> impl proptest::strategy::Strategy<Value = (String, Vec<Token>)> {
        use proptest::prelude::*;
        let word = prop::sample::select(vec![
            "Hanoi",
            "Vietnam",
            "'s capital,",
            "’s CAPITAL",
            "the Capital of",
            "capitol",
            "of",
            "summit",
            "SUMMIT",
            "ſummit",
            "meeting",
            "talks",
            "after the",
            "before a",
            "second",
        ]);
        let item = (
            word,
            prop::sample::select(vec!["", "L", "L", "L", "P", "N", "U", "D", "LO"]),
        );
        prop::collection::vec(item, 1..12).prop_map(|items| {
            let mut text = String::new();
            let mut tokens = Vec::new();
            for (word, letters) in items {
                if !text.is_empty() && !word.starts_with(['\'', '’', ',']) {
                    text.push(' ');
                }
                let start = text.len();
                text.push_str(word);
                if !letters.is_empty() {
                    tokens.push(Token {
                        span: start..text.len(),
                        letters: letters.into(),
                        value: SlotValue::Text,
                    });
                }
            }
            text.push('.');
            (text, tokens)
        })
    }

    #[test]
    fn a_word_in_capitals_still_lets_its_template_run() {
        let t = Template::compile("{subject:place}'s capital,? {object:place}").unwrap();
        for text in ["VIETNAM'S CAPITAL, HANOI.", "Vietnam’s Capital, Hanoi."] {
            let doc = Document::from_text("t.txt", text, None);
            let hanoi = text.rfind(['H', 'h']).unwrap();
            let tokens = [0..7, hanoi..hanoi + 5].map(|span| Token {
                span,
                letters: "L".into(),
                value: SlotValue::Text,
            });
            let claims = extract(&doc, &[("capital-of", &t)], &tokens);
            assert_eq!(claims.len(), 1, "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]
        /// Skipping templates by their words changes no claim, whatever the case and the
        /// script of the sentence.
        #[test]
        fn skipping_by_words_changes_nothing((text, tokens) in sentence_and_tokens()) {
            let compiled: Vec<Template> = [
                "{subject:place}'s capital,? {object:place}",
                "the capital of (?:the )?{subject:place},? {object:place}",
                "{ordinal:ordinal} (?:[\\w-]+ ){0,2}?(?P<event>summit)",
                "{d:duration} (?P<direction>after|before) (?:the|a) (?P<event>summit(?: talks)?|meeting)",
                "{a:place} of {b:place}",
            ]
            .iter()
            .map(|t| Template::compile(t).unwrap())
            .collect();
            let templates: Vec<(&str, &Template)> = compiled.iter().map(|t| ("r", t)).collect();
            let doc = Document::from_text("t.txt", &text, None);
            let fast = extract_with(&doc, &templates, &tokens, true);
            let slow = extract_with(&doc, &templates, &tokens, false);
            proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
        }
    }

    #[test]
    fn templates_know_the_tokens_they_need() {
        let t = Template::compile("{country:place}'s capital,? {city:place}").unwrap();
        let (l, p, d) = (letter_mask("L"), letter_mask("P"), letter_mask("D"));
        assert!(!t.may_match(&[l, p, d]));
        assert!(t.may_match(&[l, p, letter_mask("PL")]));
        // A slot that may be left out needs nothing.
        let t = Template::compile("(?:{a:place} )?in {b:date}").unwrap();
        assert!(t.may_match(&[]));
    }

    #[test]
    fn reports_bad_templates() {
        assert!(
            Template::compile("{x:planet}")
                .unwrap_err()
                .contains("unknown slot type")
        );
        assert!(
            Template::compile("no slots")
                .unwrap_err()
                .contains("at least one slot")
        );
        assert!(
            Template::compile("{a:place} (")
                .unwrap_err()
                .contains("invalid pattern")
        );
        assert!(
            Template::compile("{a:place} {a:place}")
                .unwrap_err()
                .contains("twice")
        );
    }
}
