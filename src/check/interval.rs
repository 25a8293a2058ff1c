//! `interval`: "eight months after their summit in Singapore" is right within the rounding the
//! wording allows: 8.5 months is "eight months" (or "nine"), never "ten".

use super::events::{self, DatedEvent};
use super::{Context, Rule, Verdict, about, replace_in_claim, suggestion};
use crate::extract::duration::amount_like;
use crate::extract::{Claim, ClaimValue, SlotValue, TimeUnit};
use crate::reference::EntityKind;
use crate::time::{DateRange, months_between};
use chrono::NaiveDate;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<super::Finding> {
    let ClaimValue::Template(t) = &claim.value else {
        return None;
    };
    let duration_slot = t.slots.get("duration")?;
    let noun = t.slots.get("event")?;
    let SlotValue::Duration(duration) = &duration_slot.value else {
        return None;
    };
    let before = t
        .slots
        .get("direction")
        .is_some_and(|d| d.text.eq_ignore_ascii_case("before"));
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));

    // The event the interval counts from: the one the noun refers to.
    let anchor = events::resolve(ctx, rule, claim.sentence, &noun.span);
    let anchor_event = match anchor.candidates.as_slice() {
        [only] => only.clone(),
        _ => {
            return unverifiable(format!(
                "which {} “{}” counts from is unclear",
                noun.text, claim.text
            ));
        }
    };
    // The other end: an event of the sentence at another place it names ("meet in Hanoi"),
    // else the story date.
    let (other_day, other_label, other_statement) =
        match other_event(ctx, rule, claim, &anchor_event) {
            Some(e) => (
                e.date.first_day()?,
                events::describe(ctx, &e),
                Some(e.statement),
            ),
            None => {
                let Some(day) = ctx.story_date else {
                    return unverifiable("the story has no date to count from".into());
                };
                (day, format!("the story date ({day})"), None)
            }
        };
    let anchor_day = anchor_event.date.first_day()?;
    // Signed: positive when the other end comes after the anchor event.
    let signed = amount_in(duration.unit, anchor_day, other_day);
    let actual = signed.abs();
    let stated = duration.amount;
    let right_direction = if before { signed <= 0.0 } else { signed >= 0.0 };
    // "Eight months" for 8.5 is right, and "nine" for 8.49 rounds fairly; "ten" is wrong.
    let close = if duration.approximate {
        (actual - stated).abs() <= 1.0
    } else if stated.fract() != 0.0 {
        // "Eight and a half months" is precise to the half: 8.3 to 8.7 fit it.
        (actual - stated).abs() <= 0.25
    } else {
        actual.floor() == stated || (actual.ceil() == stated && actual.fract() >= 0.4)
    };
    let ok = close && right_direction;
    let direction = if before { "before" } else { "after" };
    let unit = duration.unit.as_str();
    let mut f = about(
        rule,
        claim,
        if ok {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        },
        format!(
            "{} is {:.1} {unit}s {direction} {}",
            other_label,
            actual,
            events::describe(ctx, &anchor_event)
        ),
    );
    f.evidence.push(ctx.evidence(
        anchor_event.statement,
        format!(
            "{}: date {}",
            ctx.reference.name(anchor_event.event),
            anchor_event.date
        ),
    ));
    if let Some(s) = other_statement {
        f.evidence.push(ctx.evidence(s, other_label.clone()));
    }
    if !right_direction {
        // The number may be right and the direction wrong: say so, suggest nothing.
        f.message = format!(
            "{} comes {} {}, not {direction} it",
            other_label,
            if before { "after" } else { "before" },
            events::describe(ctx, &anchor_event)
        );
    } else if !ok && actual >= 1.0 && stated.fract() == 0.0 {
        let amount = actual.floor() as u32;
        let written = amount_like(&ctx.doc.text[duration.amount_span.clone()], amount);
        if let Some(replacement) = replace_in_claim(claim, &duration.amount_span, &written) {
            f.suggestion = Some(suggestion(claim, replacement, false));
        }
    }
    Some(f)
}

/// Another event of the sentence: at a place the sentence names (outside the claim), with
/// people the sentence names.
fn other_event<'a>(
    ctx: &Context<'a>,
    rule: &Rule,
    claim: &Claim,
    anchor: &DatedEvent,
) -> Option<DatedEvent<'a>> {
    let people = events::sentence_people(ctx, claim.sentence);
    let places: Vec<_> = ctx
        .sentence_claims(claim.sentence)
        .filter(|c| c.span.end <= claim.span.start || c.span.start >= claim.span.end)
        .filter_map(|c| match &c.value {
            ClaimValue::Mention(m) => Some(m.entities.clone()),
            _ => None,
        })
        .flatten()
        .filter(|&e| ctx.reference.entity(e).kind == EntityKind::Place)
        .collect();
    if places.is_empty() {
        return None;
    }
    let mut found: Vec<DatedEvent> = Vec::new();
    for e in events::events_with_people(ctx, &rule.event_types, &people) {
        if e == anchor.event {
            continue;
        }
        let at_place = ctx
            .reference
            .entity_values(e, "location")
            .into_iter()
            .any(|loc| {
                let around = ctx.reference.containing_places(loc);
                places.iter().any(|p| around.contains(p))
            });
        if at_place && let Some((date, statement)) = events::event_date(ctx, e) {
            found.push(DatedEvent {
                event: e,
                date,
                statement,
            });
        }
    }
    // Several: the one nearest the story date.
    match ctx.story_date {
        Some(day) if found.len() > 1 => {
            events::nearest(&found, &DateRange::days(day, day), 366).cloned()
        }
        _ if found.len() == 1 => found.pop(),
        _ => None,
    }
}

/// The time between two days in `unit`s, with fractions.
fn amount_in(unit: TimeUnit, from: NaiveDate, to: NaiveDate) -> f64 {
    let days = (to - from).num_days() as f64;
    match unit {
        TimeUnit::Second => days * 86_400.0,
        TimeUnit::Minute => days * 1_440.0,
        TimeUnit::Hour => days * 24.0,
        TimeUnit::Day => days,
        TimeUnit::Week => days / 7.0,
        TimeUnit::Month => months_between(from, to),
        TimeUnit::Year => months_between(from, to) / 12.0,
        TimeUnit::Decade => months_between(from, to) / 120.0,
        TimeUnit::Century => months_between(from, to) / 1200.0,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported};
    use crate::check::testing::{WORLD, checker, findings};

    const DAY: &str = "2019-02-23";
    // The Strelsau summit (2018-06-12) to the Fredville one (2019-02-27): 8.5 months.
    const TEXT: &str =
        "Anna Varga and Boris Kell meet in Fredville eight months after their summit in Strelsau.";

    fn verdict_for(duration: &str) -> crate::check::Finding {
        let c = checker(WORLD);
        let text = TEXT.replace("eight months after", duration);
        let mut found = findings(&c, DAY, &text, "interval");
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.remove(0)
    }

    #[test]
    fn rounding_the_wording_allows() {
        for fits in [
            "eight months after",
            "nine months after",
            "eight and a half months after",
            "about eight months after",
            "37 weeks after",
        ] {
            let f = verdict_for(fits);
            assert_eq!(f.verdict, Supported, "{fits}: {}", f.message);
        }
        for wrong in [
            "ten months after",
            "seven months after",
            "eight weeks after",
        ] {
            let f = verdict_for(wrong);
            assert_eq!(f.verdict, Contradicted, "{wrong}: {}", f.message);
        }
    }

    #[test]
    fn a_wrong_amount_is_corrected_and_a_wrong_direction_is_said() {
        let f = verdict_for("ten months after");
        let s = f.suggestion.as_ref().expect("the right amount");
        assert!(
            s.replacement.starts_with("eight months after"),
            "{}",
            s.replacement
        );
        let f = verdict_for("eight months before");
        assert_eq!(f.verdict, Contradicted);
        assert!(f.message.contains("not before"), "{}", f.message);
        assert!(f.suggestion.is_none());
    }

    #[test]
    fn without_another_event_it_counts_to_the_story_date() {
        let c = checker(WORLD);
        // 2018-06-12 to 2019-02-23 is 8.4 months.
        let text = "Anna Varga and Boris Kell spoke eight months after their summit in Strelsau.";
        let found = findings(&c, DAY, text, "interval");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        assert!(
            found[0].message.contains("story date"),
            "{}",
            found[0].message
        );
    }
}
