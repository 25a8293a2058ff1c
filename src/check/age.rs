//! `age`: a stated age ("Trump, 72,") matches the birth date at the story's date.

use super::{Context, Finding, Rule, Verdict, about, replace_in_claim, suggestion};
use crate::extract::{Claim, ClaimValue, SlotValue};
use crate::reference::{EntityKind, Value};
use chrono::Datelike;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<Finding> {
    let ClaimValue::Template(t) = &claim.value else {
        return None;
    };
    let person_slot = t.slots.get("person")?;
    let age_slot = t.slots.get("age")?;
    let (SlotValue::Entities(people), SlotValue::Number(stated)) =
        (&person_slot.value, &age_slot.value)
    else {
        return None;
    };
    let people: Vec<_> = people
        .iter()
        .copied()
        .filter(|&p| ctx.reference.entity(p).kind == EntityKind::Person)
        .collect();
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
    let [person] = people.as_slice() else {
        return unverifiable(format!("“{}” is not one known person", person_slot.text));
    };
    let Some(day) = ctx.story_date else {
        return unverifiable("the story has no date to count the age at".into());
    };
    let Some((born, statement)) =
        ctx.reference
            .statements(*person, "born")
            .find_map(|s| match s.value {
                Value::Date(d) => Some((d, s)),
                _ => None,
            })
    else {
        return unverifiable(format!(
            "the reference has no birth date for {}",
            ctx.reference.name(*person)
        ));
    };
    // With a partial birth date, the age is a range: born in 1946, 72 or 73 in early 2019.
    let age_at = |birth: chrono::NaiveDate| {
        let mut age = day.year() - birth.year();
        if (day.month(), day.day()) < (birth.month(), birth.day()) {
            age -= 1;
        }
        age
    };
    let (Some(earliest), Some(latest)) = (born.first_day(), born.last_day()) else {
        return None;
    };
    let (oldest, youngest) = (age_at(earliest), age_at(latest));
    let stated_age = *stated as i32;
    if (*stated - stated_age as f64).abs() > f64::EPSILON {
        return None;
    }
    let name = ctx.reference.name(*person);
    let evidence = ctx.evidence(statement, format!("{name} was born {born}"));
    if youngest <= stated_age && stated_age <= oldest {
        let mut f = about(
            rule,
            claim,
            Verdict::Supported,
            format!("{name} was {stated_age} on {day}"),
        );
        f.evidence.push(evidence);
        return Some(f);
    }
    let actual = if oldest == youngest {
        oldest.to_string()
    } else {
        format!("{youngest} or {oldest}")
    };
    let mut f = about(
        rule,
        claim,
        Verdict::Contradicted,
        format!("{name} was {actual} on {day}, not {stated_age}"),
    );
    f.evidence.push(evidence);
    if oldest == youngest
        && let Some(replacement) = replace_in_claim(claim, &age_slot.span, &oldest.to_string())
    {
        f.suggestion = Some(suggestion(claim, replacement, true));
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported, Unverifiable};
    use crate::check::testing::{WORLD, checker, findings, verdicts};

    #[test]
    fn an_age_after_a_name_is_checked_at_the_story_date() {
        let c = checker(WORLD);
        // Born 1960-05-10: 58 until 2019-05-09, 59 from 2019-05-10.
        assert_eq!(
            verdicts(&c, "2019-05-09", "Anna Varga, 58, spoke.", "age"),
            [(Supported, "Anna Varga, 58,".to_string())]
        );
        assert_eq!(
            verdicts(&c, "2019-05-10", "Anna Varga, 59, spoke.", "age"),
            [(Supported, "Anna Varga, 59,".to_string())]
        );
        let found = findings(&c, "2019-05-10", "Anna Varga, 58, spoke.", "age");
        assert_eq!(found[0].verdict, Contradicted);
        assert_eq!(found[0].evidence[0].source, "https://example.org/varga");
        let s = found[0].suggestion.as_ref().expect("the right age");
        assert_eq!(s.replacement, "Anna Varga, 59,");
    }

    #[test]
    fn a_birth_year_alone_allows_two_ages() {
        let c = checker(WORLD);
        // Born in 1955: 63 or 64 in 2019, never 60.
        for age in ["63", "64"] {
            let text = format!("Boris Kell, {age}, spoke.");
            let found = findings(&c, "2019-03-01", &text, "age");
            assert_ne!(
                found[0].verdict, Contradicted,
                "{text}: {}",
                found[0].message
            );
        }
        let found = findings(&c, "2019-03-01", "Boris Kell, 60, spoke.", "age");
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
    }

    #[test]
    fn no_birth_date_or_no_story_date_is_unverifiable() {
        let c = checker(WORLD);
        for (date, text) in [
            ("2019-03-01", "Carl Moss, 60, spoke."),
            ("", "Anna Varga, 58, spoke."),
        ] {
            let found = findings(&c, date, text, "age");
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(found[0].verdict, Unverifiable, "{text}");
        }
    }
}
