//! Extract: a document's prose in, typed `Claim`s out. One extractor per claim kind, each in
//! its own file; templates from the rules build the claims that relate several others.

pub mod claim;
pub mod date;
pub mod duration;
pub mod mention;
pub mod name;
pub mod number;
mod number_starts;
pub mod template;
pub mod title;

pub use claim::*;
pub use template::{SlotType, Template, Token};

use crate::document::Document;
use crate::reference::{EntityKind, Reference};

/// Every claim of a document, sorted by position then kind.
pub fn extract(
    doc: &Document,
    reference: &Reference,
    templates: &[(&str, &Template)],
) -> Vec<Claim> {
    // Durations and numbers read the starts that the dates' pass over the words lists.
    let mut number_starts = number::StartsBuilder::new(&doc.text);
    let dates = date::extract_and_starts(doc, &mut number_starts);
    let starts = number_starts.finish();
    let durations = duration::extract_at(doc, &starts);
    let numbers = number::extract_at(doc, &starts, &dates, &durations);
    let mentions = mention::extract(doc, reference);
    let titles = title::extract(doc, reference, &mentions);
    let roles = title::role_phrases(doc, reference, &mentions);
    let mention_spans: Vec<_> = mentions.iter().map(|m| m.span.clone()).collect();
    let names = name::extract(doc, &mention_spans);

    // Sized once: every mention, role phrase and dated or counted claim can be a token.
    let mut tokens = Vec::with_capacity(
        mentions.len() + roles.len() + dates.len() + numbers.len() + durations.len(),
    );
    for m in &mentions {
        let entities = mention::entities(m);
        let mut letters = String::new();
        for &e in entities {
            let letter = match reference.entity(e).kind {
                EntityKind::Person => 'P',
                EntityKind::Place => 'L',
                EntityKind::Organization => 'O',
                EntityKind::Office => 'F',
                EntityKind::Event => 'E',
            };
            if !letters.contains(letter) {
                letters.push(letter);
            }
        }
        tokens.push(Token {
            span: m.span.clone(),
            letters,
            value: SlotValue::Entities(entities.to_vec()),
        });
    }
    for r in &roles {
        if r.span != r.role_span {
            tokens.push(Token {
                span: r.span.clone(),
                letters: "F".into(),
                value: SlotValue::Entities(r.offices.clone()),
            });
        }
    }
    for c in dates.iter().chain(&numbers).chain(&durations) {
        let (letters, value) = match &c.value {
            ClaimValue::Date(d) => ("D", SlotValue::Date(d.clone())),
            ClaimValue::Ordinal(n) => ("N", SlotValue::Ordinal(*n)),
            ClaimValue::Number(n) => ("M", SlotValue::Number(n.value)),
            ClaimValue::Duration(d) => ("U", SlotValue::Duration(d.clone())),
            _ => continue,
        };
        tokens.push(Token {
            span: c.span.clone(),
            letters: letters.into(),
            value,
        });
    }
    let templated = template::extract(doc, templates, &tokens);

    // Sized once: a claim is large, and each regrowth would copy all before it.
    let mut claims = Vec::with_capacity(
        dates.len()
            + numbers.len()
            + durations.len()
            + mentions.len()
            + titles.len()
            + names.len()
            + templated.len(),
    );
    claims.extend(dates);
    claims.extend(numbers);
    claims.extend(durations);
    claims.extend(mentions);
    claims.extend(titles);
    claims.extend(names);
    claims.extend(templated);
    claims.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.kind.cmp(&b.kind))
            .then(a.span.end.cmp(&b.span.end))
    });
    claims
}

/// Text generators shared by the extractors' property tests.
#[cfg(test)]
pub(crate) mod testing {
    use proptest::prelude::*;

    /// Text of up to `max - 1` of `pieces`, all joined by spaces or all glued together: what the
    /// anchored-search proptests give both the anchored searches and the whole-text regexes.
    pub(crate) fn pieces_text(
        pieces: &'static [&'static str],
        max: usize,
    ) -> impl Strategy<Value = String> {
        (
            proptest::collection::vec(proptest::sample::select(pieces), 0..max),
            any::<bool>(),
        )
            .prop_map(|(pieces, spaced)| {
                if spaced {
                    pieces.join(" ")
                } else {
                    pieces.concat()
                }
            })
    }

    /// Text of up to `max - 1` of `pieces`, each followed by a space, nothing, a line break or
    /// a comma and a space: what the date passes' proptests give the pass and its oracle.
    pub(crate) fn separated_text(
        pieces: &'static [&'static str],
        max: usize,
    ) -> impl Strategy<Value = String> {
        let separator = proptest::sample::select(&[" ", "", "\n", ", "][..]);
        proptest::collection::vec((proptest::sample::select(pieces), separator), 0..max)
            .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s]).collect())
    }
}
