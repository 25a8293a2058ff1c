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
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
    let Some(day) = ctx.story_date else {
        return unverifiable("the story has no date to count the age at".into());
    };
    // The people meant: an office phrase ("the Ruritanian president, 58,") stands for whoever
    // held the office on the story date; a place of the same name is no one's age.
    let mut candidates = Vec::new();
    for &e in people {
        let holders = match ctx.reference.entity(e).kind {
            EntityKind::Person => vec![e],
            EntityKind::Office => ctx
                .reference
                .holders_on(e, day)
                .into_iter()
                .map(|(holder, _)| holder)
                .collect(),
            _ => Vec::new(),
        };
        for p in holders {
            if !candidates.contains(&p) {
                candidates.push(p);
            }
        }
    }
    let [person] = candidates.as_slice() else {
        return unverifiable(format!("“{}” is not one known person", person_slot.text));
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

    /// A made-up reference, so each test below states the facts it relies on: birth dates known
    /// to the day, the month and the year, one unknown, two people sharing a name, a person
    /// sharing a name with a place, and a president.
    const CLAIMS: &str = r#"
[[entity]]
id = "ruritania"
kind = "place"
name = "Ruritania"
aliases = ["Ruritanian"]

[[entity]]
id = "ruritania-president"
kind = "office"
name = "President of Ruritania"
aliases = ["President", "Ruritanian President"]
single-holder = true

[[entity.statement]]
property = "jurisdiction"
value = "ruritania"
source = "https://example.org/ruritania"

[[entity]]
id = "anna-varga"
kind = "person"
name = "Anna Varga"

[[entity.statement]]
property = "born"
value = 1960-05-10
source = "https://example.org/varga"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 2015-01-01
source = "https://example.org/varga-president"

[[entity]]
id = "boris-kell"
kind = "person"
name = "Boris Kell"

[[entity.statement]]
property = "born"
value = "1955"
source = "https://example.org/kell"

[[entity]]
id = "cora-maas"
kind = "person"
name = "Cora Maas"

[[entity.statement]]
property = "born"
value = "1970-03"
source = "https://example.org/maas"

[[entity]]
id = "carl-moss"
kind = "person"
name = "Carl Moss"

[[entity]]
id = "jan-novak"
kind = "person"
name = "Jan Novak"

[[entity.statement]]
property = "born"
value = 1950-01-01
source = "https://example.org/novak"

[[entity]]
id = "jan-novak-junior"
kind = "person"
name = "Jan Novak"

[[entity.statement]]
property = "born"
value = 1980-01-01
source = "https://example.org/novak-junior"

[[entity]]
id = "zenda"
kind = "place"
name = "Zenda"

[[entity]]
id = "zenda-marsh"
kind = "person"
name = "Zenda Marsh"
aliases = ["Zenda"]

[[entity.statement]]
property = "born"
value = 1980-01-01
source = "https://example.org/marsh"
"#;

    /// The one age finding on `text`, failing the test if there is not exactly one.
    fn one(c: &crate::checker::Checker, date: &str, text: &str) -> crate::check::Finding {
        let mut found = findings(c, date, text, "age");
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.remove(0)
    }

    #[test]
    fn a_wrong_age_is_replaced_and_cites_the_birth_date() {
        let c = checker(CLAIMS);
        let f = one(&c, "2019-05-10", "Anna Varga, 58, spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.rule, "age");
        assert_eq!(f.text, "Anna Varga, 58,");
        assert_eq!(f.message, "Anna Varga was 59 on 2019-05-10, not 58");
        assert_eq!(f.evidence.len(), 1);
        assert_eq!(f.evidence[0].statement, "Anna Varga was born 1960-05-10");
        assert_eq!(f.evidence[0].source, "https://example.org/varga");
        let s = f.suggestion.expect("the right age");
        assert_eq!(s.original, "Anna Varga, 58,");
        assert_eq!(s.replacement, "Anna Varga, 59,");
        assert!(s.safe);
    }

    #[test]
    fn other_ways_of_giving_an_age() {
        let c = checker(CLAIMS);
        for text in [
            "Anna Varga, aged 59, spoke.",
            "Anna Varga, fifty-nine, spoke.",
        ] {
            let f = one(&c, "2019-05-10", text);
            assert_eq!(f.verdict, Supported, "{text}: {}", f.message);
            assert_eq!(f.message, "Anna Varga was 59 on 2019-05-10", "{text}");
        }
        assert_eq!(
            one(&c, "2019-05-10", "Anna Varga, aged 60, spoke.").verdict,
            Contradicted
        );
    }

    #[test]
    fn each_age_in_a_list_is_checked_against_its_own_person() {
        let c = checker(CLAIMS);
        assert_eq!(
            verdicts(
                &c,
                "2019-03-01",
                "Anna Varga, 58, and Boris Kell, 60, spoke.",
                "age"
            ),
            [
                (Supported, "Anna Varga, 58,".to_string()),
                (Contradicted, "Boris Kell, 60,".to_string()),
            ]
        );
    }

    #[test]
    fn a_birth_month_allows_two_ages_until_the_month_is_over() {
        let c = checker(CLAIMS);
        // Born in March 1970: 48 or 49 on 2019-03-15, 49 from April.
        for age in ["48", "49"] {
            let text = format!("Cora Maas, {age}, spoke.");
            assert_eq!(one(&c, "2019-03-15", &text).verdict, Supported, "{text}");
        }
        let f = one(&c, "2019-03-15", "Cora Maas, 50, spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.message, "Cora Maas was 48 or 49 on 2019-03-15, not 50");
        assert_eq!(f.evidence[0].statement, "Cora Maas was born 1970-03");
        assert!(
            f.suggestion.is_none(),
            "two ages possible: {:?}",
            f.suggestion
        );
        let f = one(&c, "2019-04-01", "Cora Maas, 48, spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.message, "Cora Maas was 49 on 2019-04-01, not 48");
        assert_eq!(f.suggestion.expect("one age").replacement, "Cora Maas, 49,");
    }

    #[test]
    fn a_birth_year_settles_the_age_on_the_last_day_of_the_year() {
        let c = checker(CLAIMS);
        // Born in 1955: 63 or 64 on 2019-03-01, but certainly 64 on 2019-12-31.
        for age in ["63", "64"] {
            let text = format!("Boris Kell, {age}, spoke.");
            assert_eq!(one(&c, "2019-03-01", &text).verdict, Supported, "{text}");
        }
        assert_eq!(
            verdicts(&c, "2019-12-31", "Boris Kell, 64, spoke.", "age"),
            [(Supported, "Boris Kell, 64,".to_string())]
        );
        let f = one(&c, "2019-12-31", "Boris Kell, 63, spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("one age").replacement,
            "Boris Kell, 64,"
        );
    }

    #[test]
    fn an_office_stands_for_its_holder_on_the_story_date() {
        let c = checker(CLAIMS);
        // Anna Varga (born 1960-05-10) has been President of Ruritania since 2015.
        let f = one(&c, "2019-03-01", "The Ruritanian President, 58, spoke.");
        assert_eq!(f.verdict, Supported, "{}", f.message);
        assert_eq!(f.message, "Anna Varga was 58 on 2019-03-01");
        let f = one(&c, "2019-03-01", "The Ruritanian President, 60, spoke.");
        assert_eq!(f.verdict, Contradicted, "{}", f.message);
        assert_eq!(f.message, "Anna Varga was 58 on 2019-03-01, not 60");
        assert_eq!(
            f.suggestion.expect("her age").replacement,
            "Ruritanian President, 58,"
        );
        // Before her term the reference knows no president.
        let f = one(&c, "2010-03-01", "The Ruritanian President, 60, spoke.");
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
        // A title before the name leaves the name to be checked.
        assert_eq!(
            verdicts(&c, "2019-03-01", "President Anna Varga, 58, spoke.", "age"),
            [(Supported, "Anna Varga, 58,".to_string())]
        );
    }

    #[test]
    fn a_bare_surname_after_the_full_name_is_checked() {
        let c = checker(CLAIMS);
        let f = one(&c, "2019-03-01", "Anna Varga spoke. Varga, 59, said so.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.text, "Varga, 59,");
        assert_eq!(f.suggestion.expect("her age").replacement, "Varga, 58,");
    }

    #[test]
    fn a_name_shared_by_two_people_is_unverifiable() {
        let c = checker(CLAIMS);
        // Two Jan Novaks, born 1950 and 1980: 69 fits one of them, 39 the other.
        for text in ["Jan Novak, 69, spoke.", "Jan Novak, 50, spoke."] {
            let f = one(&c, "2019-03-01", text);
            assert_eq!(f.verdict, Unverifiable, "{text}");
            assert_eq!(f.message, "“Jan Novak” is not one known person");
        }
    }

    #[test]
    fn a_place_of_the_same_name_does_not_hide_the_person() {
        let c = checker(CLAIMS);
        // "Zenda" is a place and Zenda Marsh's other name; only a person has an age.
        let f = one(&c, "2019-03-01", "Zenda, 40, spoke.");
        assert_eq!(f.verdict, Contradicted, "{}", f.message);
        assert_eq!(f.message, "Zenda Marsh was 39 on 2019-03-01, not 40");
        assert_eq!(f.suggestion.expect("her age").replacement, "Zenda, 39,");
    }

    #[test]
    fn unknown_birth_date_or_no_story_date_says_why() {
        let c = checker(CLAIMS);
        let f = one(&c, "2019-03-01", "Carl Moss, 60, spoke.");
        assert_eq!(f.verdict, Unverifiable);
        assert_eq!(f.message, "the reference has no birth date for Carl Moss");
        let f = one(&c, "", "Anna Varga, 58, spoke.");
        assert_eq!(f.verdict, Unverifiable);
        assert_eq!(f.message, "the story has no date to count the age at");
        assert!(f.evidence.is_empty() && f.suggestion.is_none());
    }

    #[test]
    fn a_fractional_number_is_no_age() {
        let c = checker(CLAIMS);
        // "58.5" is a measurement, not an age in years: no finding either way.
        assert!(findings(&c, "2019-03-01", "Anna Varga, 58.5, spoke.", "age").is_empty());
    }
}
