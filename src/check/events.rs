//! Which event a phrase such as "the Feb. 27-28 summit" or "their summit in Singapore" refers
//! to, from the cues around it: the people named in the sentence, a place attached to the noun,
//! and the story date. Shared by the event-date, ordinal and interval assertions.
//!
//! The answer is the set of events that fit every cue. A check contradicts a claim only when
//! that set comes down to one event; otherwise it says what fits, or that it cannot tell.

use super::Context;
use super::rule::Rule;
use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::reference::{EntityIdx, EntityKind, Statement, Value};
use crate::time::DateRange;
use chrono::NaiveDate;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Text between an event noun and a place that attaches the place to it: "summit talks between
/// Kim and Trump in " (each name or title inside is one token, see `masked`).
static ATTACHED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s+[\p{L}’'-]+){0,7}?\s+(?:in|at)\s+(?:the\s+)?$")
        .expect("a valid, fixed pattern")
});
/// A place right before the noun: "the Singapore summit", "Hanoi’s summit".
static ATTACHED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:['’]s)?\s+(?:[\p{Ll}-]+\s+){0,2}$").expect("a valid, fixed pattern")
});

/// An event with its date.
#[derive(Debug, Clone)]
pub struct DatedEvent<'a> {
    pub event: EntityIdx,
    pub date: DateRange,
    pub statement: &'a Statement,
}

/// Did `event` take place at one of `places`, or somewhere inside one?
fn at_places(ctx: &Context, event: EntityIdx, places: &[EntityIdx]) -> bool {
    ctx.reference
        .entity_values(event, "location")
        .into_iter()
        .any(|loc| {
            let around = ctx.reference.containing_places(loc);
            places.iter().any(|p| around.contains(p))
        })
}

/// How many events of `types` the reference knows: an index lookup per type.
fn count_of_types(ctx: &Context, types: &[String]) -> usize {
    types
        .iter()
        .map(|t| ctx.reference.with_text("event-type", t).len())
        .sum()
}

/// Every event of `types`, each once, in the order the types and the index give them.
fn events_of_types(ctx: &Context, types: &[String]) -> Vec<EntityIdx> {
    let mut seen = std::collections::HashSet::new();
    types
        .iter()
        .flat_map(|t| ctx.reference.with_text("event-type", t))
        .copied()
        .filter(|e| seen.insert(*e))
        .collect()
}

/// The events of `types` at one of `places` or a place inside one, found through the location
/// and located-in indexes. A place with more places inside it than there are events of the
/// types (a country, in a large reference) is cheaper the other way round: each event's place
/// is tested instead.
fn events_at_places(ctx: &Context, types: &[String], places: &[EntityIdx]) -> Vec<EntityIdx> {
    let of_types = count_of_types(ctx, types);
    let mut inside: Vec<EntityIdx> = places.to_vec();
    let mut seen: std::collections::HashSet<EntityIdx> = inside.iter().copied().collect();
    let mut i = 0;
    while i < inside.len() {
        if inside.len() > of_types {
            let mut events = events_of_types(ctx, types);
            events.retain(|&e| at_places(ctx, e, places));
            // In entity order, as the index path below gives them.
            events.sort();
            return events;
        }
        let current = inside[i];
        for property in ["located-in", "country"] {
            for (place, _) in ctx.reference.subjects_with(property, current) {
                if seen.insert(place) {
                    inside.push(place);
                }
            }
        }
        i += 1;
    }
    let mut events: Vec<EntityIdx> = Vec::new();
    for &place in &inside {
        for (e, _) in ctx.reference.subjects_with("location", place) {
            if !events.contains(&e) && is_of_type(ctx, e, types) {
                events.push(e);
            }
        }
    }
    events.sort();
    events
}

/// The events a phrase may refer to.
#[derive(Debug, Clone, Default)]
pub struct Resolution<'a> {
    /// Events fitting the people and place cues, in date order.
    pub candidates: Vec<DatedEvent<'a>>,
    /// A place attached to the noun narrowed the candidates.
    pub place_cue: Option<EntityIdx>,
    /// People named in the sentence who take part in the candidates.
    pub people: Vec<EntityIdx>,
    /// Every person the sentence names takes part in each candidate.
    pub all_people_take_part: bool,
    /// No person or place narrowed the events, and the reference knows this many of the
    /// types: too many for any to be the one meant (no candidates then).
    pub uncued: usize,
}

/// With no person or place to go by, an event noun ("the summit") is taken to mean one of the
/// reference's events of its type only when there are this few of them.
pub const MAX_UNCUED: usize = 64;

/// The date of an event, from its `date` statement.
pub fn event_date<'a>(ctx: &Context<'a>, event: EntityIdx) -> Option<(DateRange, &'a Statement)> {
    ctx.reference
        .statements(event, "date")
        .find_map(|s| match s.value {
            Value::Date(d) => Some((d, s)),
            _ => None,
        })
}

/// People named in a sentence (full names, surnames resolved to them, and titles).
pub fn sentence_people(ctx: &Context, sentence: usize) -> Vec<EntityIdx> {
    let mut people = Vec::new();
    for c in ctx.sentence_claims(sentence) {
        let entities: &[EntityIdx] = match &c.value {
            ClaimValue::Mention(m) => &m.entities,
            ClaimValue::Title(t) => &t.person,
            _ => &[],
        };
        for &e in entities {
            if ctx.reference.entity(e).kind == EntityKind::Person && !people.contains(&e) {
                people.push(e);
            }
        }
    }
    people
}

/// "between A and B" or "with B" right after an event noun.
static BETWEEN_OR_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s+talks)?\s+(between|with)\s").expect("a valid, fixed pattern")
});
/// Where such a phrase ends: a clause break, or a word that starts a place, time or clause.
static PHRASE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[;()\[\]]|,\s+\p{Ll}|\s(?:in|at|on|last|this|next|that|which|who|since|after|before|when|where|to|for|was|were|is|are|will|had|has)\s",
    )
    .expect("a valid, fixed pattern")
});
/// A possessor right before the noun: "Kim Jong Un’s second summit".
static POSSESSIVE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^['’]s\s+(?:[\w-]+\s+){0,3}$").expect("a valid, fixed pattern"));

/// The people an event noun names itself: "the summit between Kim and Trump" (both), "Kim’s
/// summit with Trump" (the possessor and the partner). `None` when the noun names nobody so,
/// or names a partner without saying whose summit it is ("his summit with Trump"): the
/// sentence's people are the cue then.
fn noun_people(ctx: &Context, sentence: usize, noun: &Range<usize>) -> Option<Vec<EntityIdx>> {
    let text = &ctx.doc.text;
    let caps = BETWEEN_OR_WITH.captures(text.get(noun.end..)?)?;
    let start = noun.end + caps.get(0)?.end();
    let sentence_end = ctx
        .doc
        .sentences
        .get(sentence)
        .map_or(text.len(), |s| s.end.min(text.len()));
    let end = text
        .get(start..sentence_end)
        .and_then(|rest| PHRASE_END.find(rest))
        .map_or(sentence_end, |m| start + m.start());
    let persons_in = |range: Range<usize>| -> Vec<EntityIdx> {
        let mut out = Vec::new();
        for c in ctx.sentence_claims(sentence) {
            if c.span.start < range.start || c.span.end > range.end {
                continue;
            }
            let entities: &[EntityIdx] = match &c.value {
                ClaimValue::Mention(m) => &m.entities,
                ClaimValue::Title(t) => &t.person,
                _ => &[],
            };
            // An ambiguous name is no cue.
            if let [e] = entities
                && ctx.reference.entity(*e).kind == EntityKind::Person
                && !out.contains(e)
            {
                out.push(*e);
            }
        }
        out
    };
    let mut people = persons_in(start..end);
    // "with Chinese leader Hu Jintao", a person the reference does not know: the series is
    // theirs, so the sentence's other people are no cue.
    let names_someone_unknown = people.is_empty()
        && text.get(start..end).is_some_and(|p| {
            p.split_whitespace()
                .any(|w| w.starts_with(char::is_uppercase))
        });
    if names_someone_unknown {
        return Some(Vec::new());
    }
    match caps.get(1)?.as_str() {
        "between" if people.len() >= 2 => Some(people),
        "with" if !people.is_empty() => {
            let possessor = ctx
                .sentence_claims(sentence)
                .filter(|c| c.span.end <= noun.start)
                .filter(|c| {
                    text.get(c.span.end..noun.start)
                        .is_some_and(|gap| POSSESSIVE_BEFORE.is_match(gap))
                })
                .last()
                .map(|c| persons_in(c.span.clone()))?;
            let [owner] = possessor.as_slice() else {
                return None;
            };
            if !people.contains(owner) {
                people.insert(0, *owner);
            }
            Some(people)
        }
        _ => None,
    }
}

/// Places mentioned in a sentence, with their spans.
fn sentence_places<'a>(ctx: &Context<'a>, sentence: usize) -> Vec<(&'a Claim, Vec<EntityIdx>)> {
    ctx.sentence_claims(sentence)
        .filter(|c| c.kind == ClaimKind::Mention)
        .filter_map(|c| match &c.value {
            ClaimValue::Mention(m) => {
                let places: Vec<EntityIdx> = m
                    .entities
                    .iter()
                    .copied()
                    .filter(|&e| ctx.reference.entity(e).kind == EntityKind::Place)
                    .collect();
                (!places.is_empty()).then_some((c, places))
            }
            _ => None,
        })
        .collect()
}

/// A place attached to the event noun at `noun`: right before it, or after it behind "in"/"at"
/// with no other event noun in between.
pub fn attached_place(
    ctx: &Context,
    sentence: usize,
    noun: &Range<usize>,
    nouns: &Regex,
) -> Option<Vec<EntityIdx>> {
    let text = &ctx.doc.text;
    let places = sentence_places(ctx, sentence);
    // Before: "the Singapore summit".
    if let Some((_, p)) = places.iter().rev().find(|(c, _)| {
        c.span.end <= noun.start && ATTACHED_BEFORE.is_match(&text[c.span.end..noun.start])
    }) {
        return Some(p.clone());
    }
    // After: "summit talks between Kim and Trump in Singapore".
    for (c, p) in places.iter().filter(|(c, _)| c.span.start >= noun.end) {
        let gap = masked(ctx, sentence, noun.end..c.span.start);
        if gap.len() > 80 || nouns.is_match(&gap) || gap.contains([',', ';', '(', ')']) {
            return None;
        }
        if ATTACHED_AFTER.is_match(&gap) {
            return Some(p.clone());
        }
    }
    None
}

/// The text of `range` with each mention inside written as one word "X": "between X X X and
/// X X X in " for "between North Korean leader Kim Jong Un and U.S. President Donald Trump in ".
fn masked(ctx: &Context, sentence: usize, range: Range<usize>) -> String {
    let text = &ctx.doc.text;
    let mut out = String::new();
    let mut at = range.start;
    let mut inside: Vec<&Claim> = ctx
        .sentence_claims(sentence)
        .filter(|c| c.kind == ClaimKind::Mention)
        .filter(|c| c.span.start >= range.start && c.span.end <= range.end)
        .collect();
    inside.sort_by_key(|c| c.span.start);
    for c in inside {
        if c.span.start < at {
            continue;
        }
        out.push_str(text.get(at..c.span.start).unwrap_or(""));
        out.push('X');
        at = c.span.end;
    }
    out.push_str(text.get(at..range.end).unwrap_or(""));
    out
}

/// A regex matching any of the event nouns, to stop an attachment at the next event.
pub fn noun_regex(types: &[String]) -> Regex {
    let words: Vec<String> = types
        .iter()
        .map(|t| regex::escape(t))
        .chain([
            "meeting".into(),
            "summit".into(),
            "talks".into(),
            "visit".into(),
        ])
        .collect();
    Regex::new(&format!(r"(?i)\b(?:{})s?\b", words.join("|"))).unwrap_or_else(|_| {
        // Escaped words always compile; this arm keeps the function total.
        Regex::new(r"\bsummit\b").expect("a valid, fixed pattern")
    })
}

/// Is `event` of one of `types` ("summit", "meeting")?
fn is_of_type(ctx: &Context, event: EntityIdx, types: &[String]) -> bool {
    ctx.reference.statements(event, "event-type").any(
        |s| matches!(&s.value, Value::Text(v) if types.iter().any(|t| t.eq_ignore_ascii_case(v))),
    )
}

/// The events of `types` that any of `people` took part in: a lookup in the participant index,
/// not a scan of every event.
pub fn events_with_people(ctx: &Context, types: &[String], people: &[EntityIdx]) -> Vec<EntityIdx> {
    let mut events: Vec<EntityIdx> = Vec::new();
    for &p in people {
        for (e, _) in ctx.reference.subjects_with("participant", p) {
            if !events.contains(&e) && is_of_type(ctx, e, types) {
                events.push(e);
            }
        }
    }
    events.sort();
    events
}

/// Resolves the event phrase at `noun` in `sentence` among events of `types`.
pub fn resolve<'a>(
    ctx: &Context<'a>,
    rule: &Rule,
    sentence: usize,
    noun: &Range<usize>,
) -> Resolution<'a> {
    let types = &rule.event_types;
    // The people the noun names ("summit between Kim and Trump"), else the sentence's.
    let people = noun_people(ctx, sentence, noun).unwrap_or_else(|| sentence_people(ctx, sentence));
    let attached = attached_place(ctx, sentence, noun, &rule.event_noun);
    // Events with any of them; with none, the events at the attached place ("their summit in
    // Hanoi"), else every event of the types (dates may still tell).
    let mut events = events_with_people(ctx, types, &people);
    let from_people = !events.is_empty();
    let mut place_cue = None;
    if !from_people {
        match &attached {
            Some(places) => {
                events = events_at_places(ctx, types, places);
                place_cue = places.first().copied();
            }
            None => {
                let of_types = count_of_types(ctx, types);
                if of_types > MAX_UNCUED {
                    // Nothing says which of many events is meant: no candidate is honest,
                    // and no scan of them all is needed to say so.
                    return Resolution {
                        uncued: of_types,
                        ..Resolution::default()
                    };
                }
                events = events_of_types(ctx, types);
            }
        }
    }
    // People cue: keep the events sharing the most people with the sentence.
    let participants = |e: EntityIdx| ctx.reference.entity_values(e, "participant");
    let overlap = |e: EntityIdx| {
        participants(e)
            .iter()
            .filter(|p| people.contains(p))
            .count()
    };
    let best = if people.is_empty() {
        0
    } else {
        events.iter().map(|&e| overlap(e)).max().unwrap_or(0)
    };
    if best > 0 {
        events.retain(|&e| overlap(e) == best);
    }
    let all_people_take_part = best == people.len();
    let involved: Vec<EntityIdx> = people
        .iter()
        .copied()
        .filter(|p| events.iter().any(|&e| participants(e).contains(p)))
        .collect();
    // Place cue, after the people cue: the events the people held, then the one at the place.
    if from_people && let Some(places) = &attached {
        events.retain(|&e| at_places(ctx, e, places));
        place_cue = places.first().copied();
    }
    let mut candidates: Vec<DatedEvent<'a>> = events
        .into_iter()
        .filter_map(|e| {
            event_date(ctx, e).map(|(date, statement)| DatedEvent {
                event: e,
                date,
                statement,
            })
        })
        .collect();
    candidates.sort_by_key(|c| (c.date.first_day(), c.event));
    Resolution {
        candidates,
        place_cue,
        people: involved,
        all_people_take_part,
        uncued: 0,
    }
}

/// Days between two spans of time (0 when they overlap).
pub fn distance_days(a: &DateRange, b: &DateRange) -> Option<i64> {
    let (a1, a2, b1, b2) = (a.first_day()?, a.last_day()?, b.first_day()?, b.last_day()?);
    Some(if a2 < b1 {
        (b1 - a2).num_days()
    } else if b2 < a1 {
        (a1 - b2).num_days()
    } else {
        0
    })
}

/// The one candidate nearest `date`, if it is within `window` days and clearly nearer than the
/// next one.
pub fn nearest<'r, 'a>(
    candidates: &'r [DatedEvent<'a>],
    date: &DateRange,
    window: i64,
) -> Option<&'r DatedEvent<'a>> {
    let mut scored: Vec<(i64, &DatedEvent)> = candidates
        .iter()
        .filter_map(|c| distance_days(&c.date, date).map(|d| (d, c)))
        .collect();
    scored.sort_by_key(|(d, c)| (*d, c.event));
    match scored.as_slice() {
        [(d, c)] if *d <= window => Some(c),
        [(d, c), (next, _), ..] if *d <= window && *next > *d => Some(c),
        _ => None,
    }
}

/// A day as a one-day range.
pub fn day_range(day: NaiveDate) -> DateRange {
    DateRange::days(day, day)
}

/// The event label for messages: "2019 Hanoi summit (2019-02-27..2019-02-28)".
pub fn describe(ctx: &Context, event: &DatedEvent) -> String {
    format!("{} ({})", ctx.reference.name(event.event), event.date)
}
