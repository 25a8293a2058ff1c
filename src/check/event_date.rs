//! `event-date`: the event happened on the stated date or range ("the Feb. 27-28 summit",
//! "last year's summit talks ... in Singapore").

use super::events::{self, DatedEvent};
use super::{Context, Rule, Verdict, about, replace_in_claim, suggestion};
use crate::extract::date::format_like;
use crate::extract::{Claim, ClaimValue, SlotValue};
use crate::time::DateRange;

/// How far (in days) a stated date may be from an event for the event to be the one meant,
/// when nothing else singles it out.
const WINDOW_DAYS: i64 = 45;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<super::Finding> {
    let ClaimValue::Template(t) = &claim.value else {
        return None;
    };
    let date_slot = t.slots.get("date")?;
    let noun = t.slots.get("event")?;
    let SlotValue::Date(date) = &date_slot.value else {
        return None;
    };
    let Some(stated) = date.value else {
        return Some(about(
            rule,
            claim,
            Verdict::Unverifiable,
            format!(
                "“{}” cannot be dated: the story has no date",
                date_slot.text
            ),
        ));
    };
    let resolution = events::resolve(ctx, &rule.event_types, claim.sentence, &noun.span);
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
    if resolution.candidates.is_empty() {
        return unverifiable(format!(
            "the reference knows no {} that fits “{}”",
            noun.text, claim.text
        ));
    }
    // Right when the stated date lies within the event's ("the summit on Feb. 28"), or is a
    // coarser date that contains it ("the February summit"); a range of days that runs past
    // the event ("Feb. 27-March 1" for Feb. 27-28) is wrong.
    let matches = |e: &DatedEvent| {
        e.date.covers(&stated)
            || (stated.precision() < crate::time::Precision::Day && stated.covers(&e.date))
    };
    if let Some(event) = resolution.candidates.iter().find(|e| matches(e)) {
        let mut f = about(
            rule,
            claim,
            Verdict::Supported,
            format!(
                "{} took place {}",
                ctx.reference.name(event.event),
                event.date
            ),
        );
        f.evidence.push(ctx.evidence(
            event.statement,
            format!("{}: date {}", ctx.reference.name(event.event), event.date),
        ));
        return Some(f);
    }
    // No candidate fits: contradict only when the cues single one out.
    let target = if resolution.place_cue.is_some() && resolution.candidates.len() == 1 {
        resolution.candidates.first()
    } else {
        events::nearest(&resolution.candidates, &stated, WINDOW_DAYS)
    };
    let Some(event) = target else {
        return unverifiable(format!(
            "no {} the reference knows took place {}; which one is meant is unclear",
            noun.text, stated
        ));
    };
    let mut f = about(
        rule,
        claim,
        Verdict::Contradicted,
        format!(
            "{} took place {}, not {}",
            ctx.reference.name(event.event),
            event.date,
            stated
        ),
    );
    f.evidence.push(ctx.evidence(
        event.statement,
        format!("{}: date {}", ctx.reference.name(event.event), event.date),
    ));
    // Write the right date as the story wrote the wrong one, at the precision it used.
    let precise = DateRange {
        start: event.date.start.truncate(stated.start.precision()),
        end: event.date.end.truncate(stated.end.precision()),
    };
    let corrected = if precise.start == precise.end {
        DateRange::single(precise.start)
    } else {
        precise
    };
    let written = if date.relative {
        relative_year(ctx, &corrected, &date_slot.text).unwrap_or_else(|| corrected.to_string())
    } else {
        format_like(&date.style, &corrected)
    };
    if let Some(replacement) = replace_in_claim(claim, &date_slot.span, &written) {
        f.suggestion = Some(suggestion(claim, replacement, !date.relative));
    }
    Some(f)
}

/// A corrected year written the way a relative one was: "last year", "this year".
fn relative_year(ctx: &Context, corrected: &DateRange, written: &str) -> Option<String> {
    use chrono::Datelike;
    if !corrected.is_single() || corrected.start.precision() != crate::time::Precision::Year {
        return None;
    }
    let story_year = ctx.story_date?.year();
    let phrase = match corrected.start.year - story_year {
        -1 => "last year",
        0 => "this year",
        1 => "next year",
        _ => return None,
    };
    Some(super::ordinal::match_case(written, phrase))
}
