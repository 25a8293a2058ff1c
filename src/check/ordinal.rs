//! `ordinal`: "second summit" is the second event of its series among the people it names.

use super::events::{self, DatedEvent};
use super::{Context, Rule, Verdict, finding, replace_in_claim, suggestion};
use crate::extract::number::ordinal_word;
use crate::extract::{Claim, ClaimValue, SlotValue};

/// When no place or date singles out the event, the one meant is the event nearest the story
/// date, within this many days ("Kim's second summit", in a story days before it).
const WINDOW_DAYS: i64 = 60;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<super::Finding> {
    let ClaimValue::Template(t) = &claim.value else {
        return None;
    };
    let ordinal_slot = t.slots.get("ordinal")?;
    let noun = t.slots.get("event")?;
    let SlotValue::Ordinal(stated) = ordinal_slot.value else {
        return None;
    };
    let resolution = events::resolve(ctx, &rule.event_types, claim.sentence, &noun.span);
    let unverifiable = |why: String| {
        Some(finding(
            rule,
            claim.span.clone(),
            &claim.text,
            Verdict::Unverifiable,
            why,
        ))
    };
    if resolution.people.is_empty() {
        return unverifiable(format!(
            "“{}”: the sentence names nobody whose {}s the reference knows",
            claim.text, noun.text
        ));
    }
    // "Kim's second summit with Obama": if someone named took part in none of them, the
    // series the ordinal counts is unknown.
    if !resolution.all_people_take_part {
        return unverifiable(format!(
            "the reference knows no {} between all the people the sentence names",
            noun.text
        ));
    }
    let target: Option<&DatedEvent> =
        if resolution.place_cue.is_some() && resolution.candidates.len() == 1 {
            resolution.candidates.first()
        } else {
            ctx.story_date.and_then(|d| {
                events::nearest(&resolution.candidates, &events::day_range(d), WINDOW_DAYS)
            })
        };
    let Some(target) = target else {
        return unverifiable(format!(
            "which {} “{}” refers to is unclear",
            noun.text, claim.text
        ));
    };
    // The series: events of these types with the same people (those the sentence names).
    let people: Vec<_> = ctx
        .reference
        .entity_values(target.event, "participant")
        .into_iter()
        .filter(|p| resolution.people.contains(p))
        .collect();
    let mut series: Vec<(
        crate::time::DateRange,
        crate::reference::EntityIdx,
        &crate::reference::Statement,
    )> = Vec::new();
    for t in &rule.event_types {
        for &e in ctx.reference.with_text("event-type", t) {
            let participants = ctx.reference.entity_values(e, "participant");
            if people.iter().all(|p| participants.contains(p))
                && let Some((date, s)) = events::event_date(ctx, e)
                && !series.iter().any(|(_, x, _)| *x == e)
            {
                series.push((date, e, s));
            }
        }
    }
    series.sort_by_key(|(d, e, _)| (d.first_day(), *e));
    let position = series.iter().position(|(_, e, _)| *e == target.event)? as u32 + 1;
    let names: Vec<&str> = people.iter().map(|&p| ctx.reference.name(p)).collect();
    let verdict = if position == stated {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    };
    let mut f = finding(
        rule,
        claim.span.clone(),
        &claim.text,
        verdict,
        format!(
            "{} is {} {} between {}",
            ctx.reference.name(target.event),
            article(&ordinal_word(position)),
            noun.text.to_lowercase(),
            names.join(" and ")
        ),
    );
    for (i, (date, e, s)) in series.iter().enumerate() {
        f.evidence.push(ctx.evidence(
            s,
            format!("{}. {} ({})", i + 1, ctx.reference.name(*e), date),
        ));
    }
    if verdict == Verdict::Contradicted {
        let word = match_case(&ordinal_slot.text, &ordinal_word(position));
        if let Some(replacement) = replace_in_claim(claim, &ordinal_slot.span, &word) {
            f.suggestion = Some(suggestion(claim, replacement, true));
        }
    }
    Some(f)
}

fn article(word: &str) -> String {
    format!("the {word}")
}

/// "Third" -> "Second": the replacement takes the original's capitalization; digits stay digits.
pub fn match_case(original: &str, word: &str) -> String {
    if original.starts_with(|c: char| c.is_ascii_digit()) {
        return word.to_string();
    }
    let mut chars = word.chars();
    match (original.chars().next(), chars.next()) {
        (Some(o), Some(first)) if o.is_uppercase() => first.to_uppercase().chain(chars).collect(),
        _ => word.to_string(),
    }
}
