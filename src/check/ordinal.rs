//! `ordinal`: "second summit" is the second event of its series among the people it names.

use super::events::{self, DatedEvent};
use super::{Context, Rule, Verdict, about, replace_in_claim, suggestion};
use crate::extract::number::ordinal_word;
use crate::extract::{Claim, ClaimValue, SlotValue};
use crate::reference::{EntityIdx, Statement};
use crate::time::DateRange;

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
    let resolution = events::resolve(ctx, rule, claim.sentence, &noun.span);
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
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
    // The series: events of these types among the people the sentence names who took part.
    // "Their third meeting, joined by Moon" counts Trump and Kim's meetings, not the three's:
    // the ordinal holds if it fits the series of any two or more of them (or of the one named).
    let people: Vec<EntityIdx> = ctx
        .reference
        .entity_values(target.event, "participant")
        .into_iter()
        .filter(|p| resolution.people.contains(p))
        .collect();
    let smallest = people.len().min(2);
    let mut readings: Vec<(Vec<EntityIdx>, Vec<Entry>, u32)> = Vec::new();
    for group in subsets(&people, smallest) {
        let series = series_of(ctx, rule, &group);
        let Some(position) = series.iter().position(|(_, e, _)| *e == target.event) else {
            continue;
        };
        readings.push((group, series, position as u32 + 1));
    }
    let event = ctx.reference.name(target.event);
    let names = |group: &[EntityIdx]| {
        group
            .iter()
            .map(|&p| ctx.reference.name(p))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    if let Some((group, series, position)) = readings.iter().find(|(_, _, p)| *p == stated) {
        let mut f = about(
            rule,
            claim,
            Verdict::Supported,
            format!(
                "{event} is the {} {} between {}",
                ordinal_word(*position),
                noun.text.to_lowercase(),
                names(group)
            ),
        );
        push_series(ctx, &mut f, series);
        return Some(f);
    }
    let Some((_, series, first_position)) = readings.first() else {
        return unverifiable(format!(
            "which {} “{}” refers to is unclear",
            noun.text, claim.text
        ));
    };
    // No reading fits. Say every reading; suggest a number only when they agree.
    let noun_text = noun.text.to_lowercase();
    let mut said: Vec<String> = Vec::new();
    for (group, _, position) in &readings {
        // "the third meeting between Trump and Kim, the fourth between Kim and Moon".
        let noun_here = if said.is_empty() {
            format!(" {noun_text}")
        } else {
            String::new()
        };
        let text = format!(
            "the {}{noun_here} between {}",
            ordinal_word(*position),
            names(group)
        );
        if !said.contains(&text) {
            said.push(text);
        }
    }
    let mut f = about(
        rule,
        claim,
        Verdict::Contradicted,
        format!("{event} is {}", said.join(", ")),
    );
    // The longest series is the most telling evidence.
    let longest = readings
        .iter()
        .max_by_key(|(_, s, _)| s.len())
        .map_or(series, |(_, s, _)| s);
    push_series(ctx, &mut f, longest);
    if readings.iter().all(|(_, _, p)| p == first_position) {
        let word = match_case(&ordinal_slot.text, &ordinal_word(*first_position));
        if let Some(replacement) = replace_in_claim(claim, &ordinal_slot.span, &word) {
            f.suggestion = Some(suggestion(claim, replacement, true));
        }
    }
    Some(f)
}

fn push_series(ctx: &Context, f: &mut super::Finding, series: &[Entry]) {
    for (i, (date, e, s)) in series.iter().enumerate() {
        f.evidence.push(ctx.evidence(
            s,
            format!("{}. {} ({})", i + 1, ctx.reference.name(*e), date),
        ));
    }
}

type Entry<'a> = (DateRange, EntityIdx, &'a Statement);

/// The events of the rule's types that all of `people` took part in, in date order.
fn series_of<'a>(ctx: &Context<'a>, rule: &Rule, people: &[EntityIdx]) -> Vec<Entry<'a>> {
    let mut series: Vec<Entry<'a>> = Vec::new();
    // Every event of the series has the first person in it: look theirs up.
    let first = people.first().map(std::slice::from_ref).unwrap_or_default();
    for e in events::events_with_people(ctx, &rule.event_types, first) {
        let participants = ctx.reference.entity_values(e, "participant");
        if people.iter().all(|p| participants.contains(p))
            && let Some((date, s)) = events::event_date(ctx, e)
        {
            series.push((date, e, s));
        }
    }
    series.sort_by_key(|(d, e, _)| (d.first_day(), *e));
    series
}

/// Subsets of `people` with at least `smallest` members, largest first (people are few: a
/// sentence names a handful; past 6 only the whole set and pairs are tried).
fn subsets(people: &[EntityIdx], smallest: usize) -> Vec<Vec<EntityIdx>> {
    let n = people.len();
    if n > 6 {
        let mut out = vec![people.to_vec()];
        for i in 0..n {
            for j in i + 1..n {
                out.push(vec![people[i], people[j]]);
            }
        }
        return out;
    }
    let mut out: Vec<Vec<EntityIdx>> = (1u32..(1 << n))
        .map(|mask| {
            (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| people[i])
                .collect::<Vec<_>>()
        })
        .filter(|s: &Vec<EntityIdx>| s.len() >= smallest.max(1))
        .collect();
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
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

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported, Unverifiable};
    use crate::check::testing::{WORLD, checker, findings};

    const DAY: &str = "2019-02-23";

    #[test]
    fn the_position_in_the_series_of_the_people_named() {
        let c = checker(WORLD);
        let text = "Anna Varga's second summit with Boris Kell opens on Wednesday.";
        let found = findings(&c, DAY, text, "ordinal");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        let found = findings(&c, DAY, &text.replace("second", "third"), "ordinal");
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
        let s = found[0].suggestion.as_ref().expect("the right ordinal");
        assert_eq!(s.replacement, "second summit");
    }

    #[test]
    fn between_names_the_series_even_with_others_in_the_sentence() {
        let c = checker(WORLD);
        // Carl Moss is in the sentence but not in the summit between Varga and Kell.
        let text = "Carl Moss said the second summit between Anna Varga and Boris Kell in Fredville would fail.";
        let found = findings(&c, DAY, text, "ordinal");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
    }

    #[test]
    fn counts_over_any_two_of_the_people_named() {
        let c = checker(WORLD);
        // Varga's first summit with Moss (Zenda), though her third summit overall.
        let text = "Anna Varga met Carl Moss for their first summit in Zenda.";
        let found = findings(&c, "2019-04-25", text, "ordinal");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
    }

    #[test]
    fn nobody_known_is_unverifiable() {
        let c = checker(WORLD);
        let found = findings(&c, DAY, "The second summit opens on Wednesday.", "ordinal");
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|f| f.verdict == Unverifiable),
            "{found:#?}"
        );
    }
}
