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
    let resolution = events::resolve(ctx, rule, claim.sentence, &noun.span);
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
    if resolution.uncued > 0 {
        return unverifiable(format!(
            "nothing in the sentence (someone who took part, a place) tells which of the reference's {} {}s “{}” means",
            resolution.uncued, noun.text, claim.text
        ));
    }
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
        relative_year(ctx, &corrected, &date_slot.text)
            .or_else(|| relative_weekday(date, &corrected, &date_slot.text))
            .unwrap_or_else(|| corrected.to_string())
    } else {
        format_like(&date.style, &corrected)
    };
    if let Some(replacement) = replace_in_claim(claim, &date_slot.span, &written) {
        f.suggestion = Some(suggestion(claim, replacement, !date.relative));
    }
    Some(f)
}

/// A corrected day written the way a weekday was: "on Friday" -> "Saturday". Only within the
/// week around the stated day, where the weekday alone names the day.
fn relative_weekday(
    date: &crate::extract::DateClaim,
    corrected: &DateRange,
    written: &str,
) -> Option<String> {
    use chrono::Datelike;
    date.weekday?;
    let stated = date.value?.start.as_day()?;
    let right = corrected.start.as_day().filter(|_| corrected.is_single())?;
    if (right - stated).num_days().abs() > 6 {
        return None;
    }
    let name = crate::extract::date::weekday_name(right.weekday());
    Some(super::ordinal::match_case(written, name))
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

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported, Unverifiable};
    use crate::check::testing::{WORLD, checker, findings};

    const DAY: &str = "2019-02-23";

    #[test]
    fn the_dates_of_an_event_are_supported_or_corrected_in_the_story_style() {
        let c = checker(WORLD);
        let text = "Anna Varga and Boris Kell will meet at the Feb. 27-28 summit in Fredville.";
        let found = findings(&c, DAY, text, "event-date");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        let wrong = text.replace("Feb. 27-28", "Feb. 26-27");
        let found = findings(&c, DAY, &wrong, "event-date");
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
        let s = found[0].suggestion.as_ref().expect("the right dates");
        assert_eq!(s.replacement, "Feb. 27-28 summit");
        assert!(s.safe, "an absolute date is corrected safely");
    }

    #[test]
    fn a_day_within_the_event_fits_and_a_range_past_it_does_not() {
        let c = checker(WORLD);
        let day = "Anna Varga and Boris Kell will meet at the Feb. 28 summit in Fredville.";
        assert_eq!(findings(&c, DAY, day, "event-date")[0].verdict, Supported);
        let longer =
            "Anna Varga and Boris Kell will meet at the Feb. 27-March 1 summit in Fredville.";
        assert_eq!(
            findings(&c, DAY, longer, "event-date")[0].verdict,
            Contradicted
        );
    }

    #[test]
    fn a_relative_year_is_corrected_in_words() {
        let c = checker(WORLD);
        // The Strelsau summit was in 2018: "last year" in 2019 is right, "this year" wrong.
        let right = "Anna Varga and Boris Kell held last year's summit talks in Strelsau.";
        assert_eq!(findings(&c, DAY, right, "event-date")[0].verdict, Supported);
        let wrong = right.replace("last year's", "this year's");
        let found = findings(&c, DAY, &wrong, "event-date");
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
        let s = found[0].suggestion.as_ref().expect("a correction");
        assert!(s.replacement.starts_with("last year"), "{}", s.replacement);
        assert!(!s.safe, "a relative date depends on when the story runs");
    }

    #[test]
    fn unknown_or_unclear_events_are_unverifiable() {
        let c = checker(WORLD);
        // Nobody named: which summit is meant is unclear unless the date singles one out.
        let found = findings(&c, DAY, "The 2015 summit was long.", "event-date");
        assert!(
            found.iter().all(|f| f.verdict == Unverifiable),
            "{found:#?}"
        );
        assert!(!found.is_empty());
        let found = findings(
            &c,
            "",
            "Anna Varga and Boris Kell met at last year's summit.",
            "event-date",
        );
        assert_eq!(found[0].verdict, Unverifiable, "{}", found[0].message);
    }

    #[test]
    fn a_place_alone_singles_out_the_event_through_the_location_index() {
        let c = checker(WORLD);
        // Nobody named; the city, or the country it lies in, says which summit.
        for place in ["Fredville", "Freedonia"] {
            let right = format!("The Feb. 27-28 summit in {place} ended early.");
            let found = findings(&c, DAY, &right, "event-date");
            assert_eq!(found[0].verdict, Supported, "{place}: {}", found[0].message);
            let wrong = right.replace("Feb. 27-28", "March 2-3");
            let found = findings(&c, DAY, &wrong, "event-date");
            assert_eq!(
                found[0].verdict, Contradicted,
                "{place}: {}",
                found[0].message
            );
        }
    }

    #[test]
    fn the_place_narrows_the_events_of_the_people_named_not_the_other_way() {
        // Varga and Kell met in Strelsau on June 12, 2018; Zenda's summit was Varga's with
        // Moss. The date is right for their summit; the place is wrong, and no summit of
        // theirs was in Zenda: nothing to correct the date to.
        let c = checker(WORLD);
        let text = "Anna Varga and Boris Kell met at the June 12, 2018 summit in Zenda.";
        let found = findings(&c, DAY, text, "event-date");
        assert!(!found.is_empty(), "the claim is checked");
        assert!(
            found.iter().all(|f| f.verdict != Contradicted),
            "{found:#?}"
        );
        assert_eq!(found[0].verdict, Unverifiable, "{}", found[0].message);
    }

    #[test]
    fn with_no_cue_among_many_events_none_is_taken_to_be_meant() {
        // Three summits: the date alone singles one out.
        let text = "The Feb. 28 summit ended early.";
        let found = findings(&checker(WORLD), DAY, text, "event-date");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        // Hundreds: some summit of the reference falls on any day; that proves nothing.
        let mut many = WORLD.to_string();
        for i in 0..=crate::check::events::MAX_UNCUED {
            many.push_str(&format!(
                "\n[[entity]]\nid = \"extra-{i}\"\nkind = \"event\"\nname = \"Extra summit {i}\"\n\n\
                 [[entity.statement]]\nproperty = \"event-type\"\nvalue = \"summit\"\nsource = \"https://example.org/x\"\n\n\
                 [[entity.statement]]\nproperty = \"date\"\nvalue = 2019-02-28\nsource = \"https://example.org/x\"\n"
            ));
        }
        let found = findings(&checker(&many), DAY, text, "event-date");
        assert_eq!(found[0].verdict, Unverifiable, "{}", found[0].message);
        assert!(
            found[0]
                .message
                .contains("which of the reference's 68 summits"),
            "{}",
            found[0].message
        );
        // A person named still finds the one summit they took part in.
        let named = "Anna Varga and Boris Kell held the Feb. 27-28 summit.";
        let found = findings(&checker(&many), DAY, named, "event-date");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
    }
}
