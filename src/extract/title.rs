//! Titles: a person named with an office or role.
//!
//! - before the name: "U.S. President Donald Trump", "North Korean leader Kim Jong Un",
//!   "vice chairman of the central committee of North Korea’s Worker’s Party Ri Su Yong";
//! - after it, as an appositive: "Nguyen Phu Trong, the president and general secretary of the
//!   Southeast Asian nation’s ruling Communist Party".
//!
//! Qualifiers (a country or organization: "U.S.", "North Korea’s", "of the ... Communist Party")
//! narrow which office a role word denotes; "former", "then-", "late" change what is asserted.

use super::claim::{Claim, ClaimKind, ClaimValue, RoleMention, TitleClaim};
use super::mention;
use crate::document::Document;
use crate::reference::{EntityIdx, EntityKind, Reference};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+$").expect("a valid, fixed pattern"));
static POSSESSIVE_OR_SPACE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:['’]s)?\s+$").expect("a valid, fixed pattern"));
/// Between an office and its "of ..." qualifier: " of the central committee of ".
static OF_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:of|for)\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,5}$")
        .expect("a valid, fixed pattern")
});
/// Between two entities of a qualifier chain: "North Korea’s Worker’s Party".
static CHAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:['’]s\s+(?:[\p{Ll}-]+\s+){0,2}|\s+(?:of|for)\s+(?:the\s+)?)$")
        .expect("a valid, fixed pattern")
});
/// After a name, the start of an appositive: ", the", ", a former".
static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?:(?P<modifier>former|then-|ex-|late|acting|outgoing|incoming)\s*)?(?:(?:[\p{L}.’']+['’]s)\s+)?$")
        .expect("a valid, fixed pattern")
});
static AND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,\s+|\s+)(?:and|&)\s+(?:the\s+)?$|^,\s+$").expect("a valid, fixed pattern")
});
/// Words just before a role that change what is asserted. "deputy", "vice" and "assistant" name
/// another office altogether: such a role is not checked.
static MODIFIER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?P<word>former|ex|then|late|acting|outgoing|incoming|deputy|vice|assistant|first|designate|elect|would-be|state)\s*-?\s*)$")
        .expect("a valid, fixed pattern")
});

/// A role word with the qualifiers around it: "North Korean leader", "foreign minister".
#[derive(Debug, Clone, PartialEq)]
pub struct RolePhrase {
    /// The whole phrase, qualifiers included.
    pub span: Range<usize>,
    /// The office mention itself.
    pub role_span: Range<usize>,
    /// Offices the phrase may denote, narrowed by its qualifiers.
    pub offices: Vec<EntityIdx>,
    /// "former", "then-", ... or a word that makes the role another office ("deputy").
    pub modifier: Option<String>,
}

fn kinds_of(reference: &Reference, entities: &[EntityIdx]) -> (bool, bool, bool) {
    let mut office = false;
    let mut person = false;
    let mut qualifier = false;
    for &e in entities {
        match reference.entity(e).kind {
            EntityKind::Office => office = true,
            EntityKind::Person => person = true,
            EntityKind::Place | EntityKind::Organization => qualifier = true,
            EntityKind::Event => {}
        }
    }
    (office, person, qualifier)
}

fn offices_of(reference: &Reference, entities: &[EntityIdx]) -> Vec<EntityIdx> {
    entities
        .iter()
        .copied()
        .filter(|&e| reference.entity(e).kind == EntityKind::Office)
        .collect()
}

fn qualifiers_of(reference: &Reference, entities: &[EntityIdx]) -> Vec<EntityIdx> {
    entities
        .iter()
        .copied()
        .filter(|&e| {
            matches!(
                reference.entity(e).kind,
                EntityKind::Place | EntityKind::Organization
            )
        })
        .collect()
}

/// Is `office` of `place_or_body`, or of a place inside it?
fn in_jurisdiction(reference: &Reference, office: EntityIdx, place_or_body: EntityIdx) -> bool {
    reference
        .entity_values(office, "jurisdiction")
        .into_iter()
        .any(|j| j == place_or_body || reference.containing_places(j).contains(&place_or_body))
}

/// Keeps the offices whose jurisdiction is (or lies in) the qualifiers. A qualifier right
/// before the role ("South Korean leader") must fit: with none fitting, no office is meant that
/// the reference knows. A qualifier after it ("of the Southeast Asian nation’s ruling Communist
/// Party") may qualify only one of two roles, so one that fits nothing is set aside.
pub fn narrow(
    reference: &Reference,
    offices: &[EntityIdx],
    before: &[EntityIdx],
    after: &[EntityIdx],
) -> Vec<EntityIdx> {
    let fits = |o: EntityIdx, q: EntityIdx| in_jurisdiction(reference, o, q);
    let mut narrowed: Vec<EntityIdx> = offices
        .iter()
        .copied()
        .filter(|&o| before.iter().all(|&q| fits(o, q)))
        .collect();
    for &q in after {
        let fitting: Vec<EntityIdx> = narrowed.iter().copied().filter(|&o| fits(o, q)).collect();
        if !fitting.is_empty() {
            narrowed = fitting;
        }
    }
    narrowed
}

/// Every office mention with its qualifiers: the building block of titles and of role slots in
/// templates ("The North Korean leader’s sister").
pub fn role_phrases(doc: &Document, reference: &Reference, mentions: &[Claim]) -> Vec<RolePhrase> {
    let mut out = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let offices = offices_of(reference, mention::entities(m));
        if offices.is_empty() {
            continue;
        }
        let mut start = m.span.start;
        let mut before = Vec::new();
        // Adjectival or possessive qualifiers right before: "U.S.", "North Korea’s".
        let mut k = i;
        while k > 0 {
            let prev = &mentions[k - 1];
            let gap = &doc.text[prev.span.end..start];
            let (_, _, is_qualifier) = kinds_of(reference, mention::entities(prev));
            if is_qualifier && POSSESSIVE_OR_SPACE.is_match(gap) && !gap.contains("\n\n") {
                before.push(qualifiers_of(reference, mention::entities(prev)));
                start = prev.span.start;
                k -= 1;
            } else {
                break;
            }
        }
        // "of the central committee of North Korea’s Worker’s Party": qualifiers after.
        let mut after = Vec::new();
        // The last of a chain is its head: the party in "North Korea’s Worker’s Party".
        let mut head_after: Vec<EntityIdx> = Vec::new();
        let mut end = m.span.end;
        let mut j = i + 1;
        let mut first = true;
        while let Some(next) = mentions.get(j) {
            let gap = &doc.text[end..next.span.start];
            let (_, _, is_qualifier) = kinds_of(reference, mention::entities(next));
            let fits = if first {
                OF_TAIL.is_match(gap)
            } else {
                CHAIN.is_match(gap)
            };
            if !is_qualifier || !fits {
                break;
            }
            head_after = qualifiers_of(reference, mention::entities(next));
            after.extend(head_after.iter().copied());
            end = next.span.end;
            first = false;
            j += 1;
        }
        // "CBT President Thomas Donovan", "president of the Chronicle": the role of an
        // organization the reference does not know, not the office it knows by that word.
        if of_unknown_body_before(doc, start)
            || (after.is_empty() && of_unknown_body_after(doc, end))
        {
            continue;
        }
        let modifier = MODIFIER_BEFORE
            .captures(&doc.text[doc.text.floor_char_boundary(start.saturating_sub(24))..start])
            .and_then(|c| c.name("word"))
            .map(|w| w.as_str().to_lowercase());
        let mut narrowed = narrow_ambiguous(reference, &offices, &before, &after);
        if let Some(named) =
            office_named_in(reference, &doc.text[m.span.clone()], &narrowed, &head_after)
        {
            narrowed = named;
        }
        out.push(RolePhrase {
            span: start..end,
            role_span: m.span.clone(),
            offices: narrowed,
            modifier,
        });
    }
    out
}

/// The capitalized word right before a role, if it is no known entity: "CBT" in "CBT
/// President", "TransCanada" in "TransCanada president". Words that only describe the holder
/// ("Republican", "Former") do not count; a sentence's first word counts only when it cannot be
/// an ordinary word (an acronym or "TransCanada").
static WORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(\[“\x22])(?P<word>\p{Lu}[\p{L}\p{N}&.-]*)(?:['’]s)?\s+$")
        .expect("a valid, fixed pattern")
});
static OF_CAPITALIZED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+(?:of|at)\s+(?:the\s+)?\p{Lu}").expect("a valid, fixed pattern")
});
const DESCRIBING_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "former",
    "then",
    "ex",
    "late",
    "acting",
    "outgoing",
    "incoming",
    "new",
    "republican",
    "democratic",
    "democrat",
    "gop",
    "independent",
    "socialist",
    "conservative",
    "liberal",
    "labour",
    "communist",
    "and",
    "but",
    "as",
    "when",
    "while",
    "by",
    "with",
    "of",
    "for",
    "to",
    "said",
    "says",
    "told",
    "after",
    "before",
    "meanwhile",
    "then-",
];

fn of_unknown_body_before(doc: &Document, start: usize) -> bool {
    let from = doc.text.floor_char_boundary(start.saturating_sub(48));
    let Some(word) = WORD_BEFORE
        .captures(&doc.text[from..start])
        .and_then(|c| c.name("word"))
    else {
        return false;
    };
    // A headline above the paragraph is not part of its phrases.
    if doc.text[from + word.end()..start].contains("\n\n") {
        return false;
    }
    let text = word.as_str().trim_end_matches(['.', '-']);
    if DESCRIBING_WORDS.contains(&text.to_lowercase().as_str()) {
        return false;
    }
    // "... President Donald Trump. Sen. Chuck Grassley": a word with a full stop ends the
    // sentence before, unless it is a company's abbreviation ("Acme Corp. President").
    if word.as_str().ends_with('.')
        && !text.contains('.')
        && !["Corp", "Inc", "Co", "Ltd", "Bros", "Cos"].contains(&text)
    {
        return false;
    }
    let at = from + word.start();
    let sentence_start = doc.text[..at]
        .trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“'));
    !sentence_start || text.chars().skip(1).any(char::is_uppercase)
}

fn of_unknown_body_after(doc: &Document, end: usize) -> bool {
    OF_CAPITALIZED
        .is_match(&doc.text[end..doc.text.ceil_char_boundary((end + 24).min(doc.text.len()))])
}

/// "chairman of the central committee of the Workers' Party": when the organization or place
/// at the head of the qualifiers after the role is the jurisdiction of none of the offices the role word names, the office
/// meant is the one of that jurisdiction whose name starts with the role word ("Chairman of the
/// Workers' Party of Korea"), if exactly one is.
fn office_named_in(
    reference: &Reference,
    role: &str,
    offices: &[EntityIdx],
    after: &[EntityIdx],
) -> Option<Vec<EntityIdx>> {
    if after.is_empty()
        || offices
            .iter()
            .any(|&o| after.iter().any(|&q| in_jurisdiction(reference, o, q)))
    {
        return None;
    }
    let prefix = format!("{} of ", role.to_lowercase());
    let mut named: Vec<EntityIdx> = Vec::new();
    for &q in after {
        for (office, _) in reference.subjects_with("jurisdiction", q) {
            let entity = reference.entity(office);
            if entity.kind == EntityKind::Office
                && entity.name.to_lowercase().starts_with(&prefix)
                && !named.contains(&office)
            {
                named.push(office);
            }
        }
    }
    (named.len() == 1).then_some(named)
}

/// `narrow` where a qualifier mention may itself be ambiguous ("Korea"): it fits when any of
/// its entities does.
fn narrow_ambiguous(
    reference: &Reference,
    offices: &[EntityIdx],
    before: &[Vec<EntityIdx>],
    after: &[EntityIdx],
) -> Vec<EntityIdx> {
    let mut out: Vec<EntityIdx> = Vec::new();
    if before.is_empty() {
        return narrow(reference, offices, &[], after);
    }
    // Each combination of readings of the qualifiers before the role; qualifiers are few.
    let mut readings: Vec<Vec<EntityIdx>> = vec![Vec::new()];
    for q in before {
        readings = readings
            .into_iter()
            .flat_map(|r| {
                q.iter().map(move |&e| {
                    let mut next = r.clone();
                    next.push(e);
                    next
                })
            })
            .take(16)
            .collect();
    }
    for reading in readings {
        for o in narrow(reference, offices, &reading, after) {
            if !out.contains(&o) {
                out.push(o);
            }
        }
    }
    out
}

/// Titles: role phrases joined to a person's name.
pub fn extract(doc: &Document, reference: &Reference, mentions: &[Claim]) -> Vec<Claim> {
    let roles = role_phrases(doc, reference, mentions);
    let mut claims = Vec::new();
    for person in mentions {
        let people: Vec<EntityIdx> = mention::entities(person)
            .iter()
            .copied()
            .filter(|&e| reference.entity(e).kind == EntityKind::Person)
            .collect();
        if people.is_empty() {
            continue;
        }
        // Before the name: the role phrase that ends right before it.
        if let Some(role) = roles.iter().rev().find(|r| {
            r.span.end <= person.span.start
                && SPACE.is_match(&doc.text[r.span.end..person.span.start])
        }) {
            let role_text = doc.text[role.span.clone()].to_string();
            claims.push(title_claim(
                doc,
                role.span.start..person.span.end,
                people.clone(),
                person.span.clone(),
                vec![RoleMention {
                    span: role.span.clone(),
                    text: role_text,
                    offices: role.offices.clone(),
                    qualified: is_qualified(doc, reference, role),
                }],
                role.modifier.clone(),
            ));
            continue;
        }
        // After the name: ", the president and general secretary of ...".
        let after = roles.iter().position(|r| r.span.start >= person.span.end);
        let Some(first) = after else { continue };
        // "Chuck Schumer, Sen. Joe Manchin and ...": a role right before a capitalized word is
        // the next person's title, known to the reference or not.
        let rest = &doc.text[roles[first].span.end..];
        let next = rest.trim_start_matches([' ', '\t', '\n']);
        if next.len() < rest.len() && next.starts_with(char::is_uppercase) {
            continue;
        }
        let gap = &doc.text[person.span.end..roles[first].span.start];
        let Some(caps) = APPOSITIVE.captures(gap) else {
            continue;
        };
        let modifier = caps
            .name("modifier")
            .map(|m| m.as_str().trim_end_matches('-').to_lowercase());
        let mut chosen = vec![&roles[first]];
        let mut next = first + 1;
        while let Some(r) = roles.get(next) {
            let last = chosen[chosen.len() - 1];
            if r.span.start < last.span.end || !AND.is_match(&doc.text[last.span.end..r.span.start])
            {
                break;
            }
            chosen.push(r);
            next += 1;
        }
        let end = chosen[chosen.len() - 1].span.end;
        let role_mentions = chosen
            .iter()
            .map(|r| RoleMention {
                span: r.span.clone(),
                text: doc.text[r.span.clone()].to_string(),
                offices: r.offices.clone(),
                qualified: is_qualified(doc, reference, r),
            })
            .collect();
        claims.push(title_claim(
            doc,
            person.span.start..end,
            people,
            person.span.clone(),
            role_mentions,
            modifier.or_else(|| chosen[0].modifier.clone()),
        ));
    }
    claims
}

/// A role phrase names its country or body: with a qualifier around the role ("U.S.
/// President", "foreign minister of North Korea") or inside the office's own name ("North
/// Korean leader").
fn is_qualified(doc: &Document, reference: &Reference, role: &RolePhrase) -> bool {
    if role.span != role.role_span {
        return true;
    }
    // The office's name matches itself whole: look for a place or body in it without its
    // first word, and without its last ("North Korean", "U.S.").
    let text = doc.text[role.role_span.clone()].trim();
    let without_first = text.split_once(char::is_whitespace).map(|(_, rest)| rest);
    let without_last = text.rsplit_once(char::is_whitespace).map(|(rest, _)| rest);
    [without_first, without_last]
        .into_iter()
        .flatten()
        .any(|part| {
            reference.names.find(part).iter().any(|m| {
                let (_, _, qualifier) =
                    kinds_of(reference, &reference.names.patterns[m.pattern].entities);
                qualifier
            })
        })
}

fn title_claim(
    doc: &Document,
    span: Range<usize>,
    person: Vec<EntityIdx>,
    person_span: Range<usize>,
    roles: Vec<RoleMention>,
    modifier: Option<String>,
) -> Claim {
    Claim {
        kind: ClaimKind::Title,
        text: doc.text[span.clone()].to_string(),
        sentence: doc.sentence_at(span.start),
        span,
        value: ClaimValue::Title(TitleClaim {
            person,
            person_span,
            roles,
            modifier,
        }),
    }
}
