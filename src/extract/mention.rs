//! Mentions: names of reference entities, found with one automaton over every name and alias
//! (see `reference::names`), plus bare surnames of people already named in full ("Kim" after
//! "Kim Jong Un", "Trump" after "Donald Trump"), as news style refers to them.

use super::claim::{Claim, ClaimKind, ClaimValue, MentionClaim};
use crate::document::Document;
use crate::reference::{EntityIdx, EntityKind, Reference};
use crate::text::fold_name;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A capitalized word: a candidate bare surname.
static CAPITALIZED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Lu}[\p{Ll}\p{Lu}]+\b").expect("a valid, fixed pattern"));

pub fn extract(doc: &Document, reference: &Reference) -> Vec<Claim> {
    let mut claims: Vec<Claim> = reference
        .names
        .find(&doc.text)
        .into_iter()
        .map(|m| {
            let entities = reference.names.patterns[m.pattern].entities.clone();
            claim(doc, m.start, m.end, entities)
        })
        .collect();

    // Bare surnames: the first person named in full whose first or last word it is. Korean
    // names put the family name first ("Kim"), Western ones last ("Trump").
    let mut short_names: HashMap<String, EntityIdx> = HashMap::new();
    let mut full_mentions = claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Mention(m) if m.entities.len() == 1 => {
                let e = m.entities[0];
                (reference.entity(e).kind == EntityKind::Person).then_some((c.span.start, e))
            }
            _ => None,
        })
        .peekable();
    let mut extra = Vec::new();
    let mut covered = claims.iter().map(|c| c.span.clone()).peekable();
    for word in CAPITALIZED_WORD.find_iter(&doc.text) {
        while let Some(&(start, person)) = full_mentions.peek() {
            if start >= word.start() {
                break;
            }
            let name = fold_name(&reference.entity(person).name);
            let words: Vec<&str> = name.split(' ').collect();
            if words.len() >= 2 {
                for w in [words[0], words[words.len() - 1]] {
                    short_names.entry(w.to_string()).or_insert(person);
                }
            }
            full_mentions.next();
        }
        while covered.peek().is_some_and(|r| r.end <= word.start()) {
            covered.next();
        }
        if covered.peek().is_some_and(|r| r.start < word.end()) {
            continue;
        }
        // A capitalized word beside another is part of a longer name ("Ri" in "Ri Yong Hoo"),
        // not a surname standing alone.
        if next_to_capitalized(&doc.text, word.start(), word.end()) {
            continue;
        }
        if let Some(&person) = short_names.get(&fold_name(word.as_str())) {
            extra.push(claim(doc, word.start(), word.end(), vec![person]));
        }
    }
    claims.extend(extra);
    claims.sort_by_key(|c| c.span.start);
    claims
}

fn next_to_capitalized(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..]
        .strip_prefix([' ', '\t'])
        .and_then(|rest| rest.chars().next());
    let before = text[..start].strip_suffix([' ', '\t']).and_then(|rest| {
        let word: String = rest
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        word.chars().last()
    });
    after.is_some_and(char::is_uppercase) || before.is_some_and(char::is_uppercase)
}

fn claim(doc: &Document, start: usize, end: usize, entities: Vec<EntityIdx>) -> Claim {
    Claim {
        kind: ClaimKind::Mention,
        span: start..end,
        text: doc.text[start..end].to_string(),
        value: ClaimValue::Mention(MentionClaim { entities }),
        sentence: doc.sentence_at(start),
    }
}

/// The entities of a mention claim, or nothing for other claims.
pub fn entities(claim: &Claim) -> &[EntityIdx] {
    match &claim.value {
        ClaimValue::Mention(m) => &m.entities,
        _ => &[],
    }
}
