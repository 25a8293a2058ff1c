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
        let regex = Regex::new(&regex).map_err(|e| {
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
        Ok(Template {
            source: source.to_string(),
            regex,
            slots,
            groups,
        })
    }

    pub fn slot_type(&self, name: &str) -> Option<SlotType> {
        self.slots.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }

    pub fn has_group(&self, name: &str) -> bool {
        self.groups.iter().any(|g| g == name) || self.slot_type(name).is_some()
    }
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

/// A sentence with tokens in place of slot-able claims, and a map back to the text.
struct Masked {
    text: String,
    /// For each byte of `text`: the text range of the char or token it came from.
    from: Vec<Range<usize>>,
}

fn mask(doc: &Document, sentence: &Range<usize>, tokens: &[(usize, &Token)]) -> Masked {
    let mut text = String::new();
    let mut from = Vec::new();
    let mut at = sentence.start;
    for &(index, token) in tokens {
        for (offset, c) in doc.text[at..token.span.start].char_indices() {
            push_char(&mut text, &mut from, at + offset, c);
        }
        let token_text = format!("{TOKEN_START}{}#{index}{TOKEN_END}", token.letters);
        for _ in 0..token_text.len() {
            from.push(token.span.clone());
        }
        text.push_str(&token_text);
        at = token.span.end;
    }
    for (offset, c) in doc.text[at..sentence.end].char_indices() {
        push_char(&mut text, &mut from, at + offset, c);
    }
    Masked { text, from }
}

fn push_char(text: &mut String, from: &mut Vec<Range<usize>>, offset: usize, c: char) {
    let range = offset..offset + c.len_utf8();
    let c = if c == '’' { '\'' } else { c };
    for _ in 0..c.len_utf8() {
        from.push(range.clone());
    }
    text.push(c);
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
    let mut claims = Vec::new();
    if templates.is_empty() {
        return claims;
    }
    for (sentence_index, sentence) in doc.sentences.iter().enumerate() {
        let chosen = sentence_tokens(tokens, sentence);
        if chosen.is_empty() {
            continue;
        }
        let masked = mask(doc, sentence, &chosen);
        for &(rule, template) in templates {
            for caps in template.regex.captures_iter(&masked.text) {
                let Some(whole) = caps.get(0) else { continue };
                if whole.is_empty() {
                    continue;
                }
                let span = masked.from[whole.start()].start..masked.from[whole.end() - 1].end;
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
                        let range = masked.from[m.start()].start..masked.from[m.end() - 1].end;
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
                    Some(m) => masked.from[m.start()].start..masked.from[m.end() - 1].end,
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
    fn compiles_slots_and_keeps_regex_braces() {
        let t = Template::compile(r"{country:place}'s capital,? (\w+ ){0,2}{city:place}").unwrap();
        assert_eq!(t.slots.len(), 2);
        assert_eq!(t.slot_type("city"), Some(SlotType::Place));
        let t = Template::compile(r"{subject:person}'s (?P<relation>sister|wife) {object:person}")
            .unwrap();
        assert_eq!(t.groups, ["relation"]);
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
