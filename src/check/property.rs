//! `property`: the subject has property = value at the story's date ("Vietnam’s capital,
//! Hanoi"), or, for relation words, the relation the word names holds between two people ("the
//! leader’s sister Kim Yo Jong").

use super::{Context, Finding, Rule, Verdict, about, replace_in_claim, suggestion};
use crate::extract::{Claim, ClaimValue, SlotValue};
use crate::reference::{EntityIdx, EntityKind, Statement, Value};
use chrono::NaiveDate;

/// The subject's entities; an office phrase stands for its holders at `day`.
fn people_or_places(
    ctx: &Context,
    entities: &[EntityIdx],
    day: Option<NaiveDate>,
) -> Vec<EntityIdx> {
    let mut out = Vec::new();
    for &e in entities {
        if ctx.reference.entity(e).kind == EntityKind::Office {
            if let Some(day) = day {
                for (holder, _) in ctx.reference.holders_on(e, day) {
                    if !out.contains(&holder) {
                        out.push(holder);
                    }
                }
            }
        } else if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// The statements of `subject`'s `property` that hold on `day` (all of them with no day).
fn values_on<'a>(
    ctx: &Context<'a>,
    subject: EntityIdx,
    property: &'a str,
    day: Option<NaiveDate>,
) -> Vec<(EntityIdx, &'a Statement)> {
    ctx.reference
        .statements(subject, property)
        .filter(|s| day.is_none_or(|d| s.holds_on(d)))
        .filter_map(|s| match s.value {
            Value::Entity(v) => Some((v, s)),
            _ => None,
        })
        .collect()
}

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<Finding> {
    let ClaimValue::Template(t) = &claim.value else {
        return None;
    };
    let subject_slot = t.slots.get("subject")?;
    let object_slot = t.slots.get("object")?;
    let (SlotValue::Entities(subject_entities), SlotValue::Entities(object_entities)) =
        (&subject_slot.value, &object_slot.value)
    else {
        return None;
    };
    let day = ctx.story_date;
    let subjects = people_or_places(ctx, subject_entities, day);
    let objects = people_or_places(ctx, object_entities, day);
    let unverifiable = |why: String| Some(about(rule, claim, Verdict::Unverifiable, why));
    if subjects.is_empty() || objects.is_empty() {
        return unverifiable(format!(
            "the reference cannot say who or what “{}” is",
            if subjects.is_empty() {
                &subject_slot.text
            } else {
                &object_slot.text
            }
        ));
    }
    match (&rule.property, t.slots.get("relation")) {
        (_, Some(relation_slot)) if !rule.relations.is_empty() => relation(
            rule,
            claim,
            ctx,
            &subjects,
            &objects,
            relation_slot,
            object_slot,
        ),
        (Some(property), _) => {
            fixed_property(rule, claim, ctx, property, &subjects, &objects, object_slot)
        }
        _ => unverifiable("the rule names no property for these words".into()),
    }
}

#[allow(clippy::too_many_arguments)]
fn fixed_property(
    rule: &Rule,
    claim: &Claim,
    ctx: &Context,
    property: &str,
    subjects: &[EntityIdx],
    objects: &[EntityIdx],
    object_slot: &crate::extract::Slot,
) -> Option<Finding> {
    let day = ctx.story_date;
    let name = |e: EntityIdx| ctx.reference.name(e).to_string();
    for &s in subjects {
        for (v, statement) in values_on(ctx, s, property, day) {
            if objects.contains(&v) {
                let mut f = about(
                    rule,
                    claim,
                    Verdict::Supported,
                    format!("{} of {} is {}", property, name(s), name(v)),
                );
                f.evidence.push(
                    ctx.evidence(
                        statement,
                        format!(
                            "{}: {} {} {}",
                            name(s),
                            property,
                            name(v),
                            statement.period()
                        )
                        .trim_end()
                        .to_string(),
                    ),
                );
                return Some(f);
            }
        }
    }
    if let [s] = subjects {
        let transitive = ctx
            .reference
            .properties
            .get(property)
            .is_some_and(|p| p.transitive);
        if transitive {
            return transitive_property(rule, claim, ctx, property, *s, objects, object_slot);
        }
        // Contradict only when the subject is certain and the reference has its one value then.
        let values = values_on(ctx, *s, property, day);
        if let [(v, statement)] = values.as_slice() {
            let mut f = about(
                rule,
                claim,
                Verdict::Contradicted,
                format!(
                    "the {} of {} is {}, not {}",
                    property,
                    name(*s),
                    name(*v),
                    object_slot.text
                ),
            );
            f.evidence.push(
                ctx.evidence(
                    statement,
                    format!(
                        "{}: {} {} {}",
                        name(*s),
                        property,
                        name(*v),
                        statement.period()
                    )
                    .trim_end()
                    .to_string(),
                ),
            );
            if let Some(replacement) = replace_in_claim(claim, &object_slot.span, &name(*v)) {
                f.suggestion = Some(suggestion(claim, replacement, true));
            }
            return Some(f);
        }
    }
    Some(about(
        rule,
        claim,
        Verdict::Unverifiable,
        format!(
            "the reference does not give the {property} of {}",
            subjects
                .iter()
                .map(|&s| name(s))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    ))
}

/// A transitive property ("located-in"): Dandong lies in Liaoning, which lies in China, so
/// "Dandong, China" holds. Contradicted only when the named place is at the top of its own
/// chain (a country) and the subject's chain does not reach it: "Seoul, Tokyo" in a list is no
/// claim that Seoul lies in Tokyo.
#[allow(clippy::too_many_arguments)]
fn transitive_property(
    rule: &Rule,
    claim: &Claim,
    ctx: &Context,
    property: &str,
    subject: EntityIdx,
    objects: &[EntityIdx],
    object_slot: &crate::extract::Slot,
) -> Option<Finding> {
    let day = ctx.story_date;
    let name = |e: EntityIdx| ctx.reference.name(e).to_string();
    // Walk the chain, keeping the statement that led to each place.
    let mut chain: Vec<(EntityIdx, &Statement)> = Vec::new();
    let mut frontier = vec![subject];
    while let Some(current) = frontier.pop() {
        for (v, statement) in values_on(ctx, current, property, day) {
            if v != subject && !chain.iter().any(|(c, _)| *c == v) && chain.len() < 32 {
                chain.push((v, statement));
                frontier.push(v);
            }
        }
    }
    if let Some((v, statement)) = chain.iter().find(|(v, _)| objects.contains(v)) {
        let mut f = about(
            rule,
            claim,
            Verdict::Supported,
            format!("{} is in {}", name(subject), name(*v)),
        );
        f.evidence.push(ctx.evidence(
            statement,
            format!("{}: {} {}", name(subject), property, name(*v)),
        ));
        return Some(f);
    }
    let top_level = |e: EntityIdx| values_on(ctx, e, property, day).is_empty();
    let Some((top, statement)) = chain.iter().rev().find(|(v, _)| top_level(*v)) else {
        return Some(about(
            rule,
            claim,
            Verdict::Unverifiable,
            format!("the reference does not say where {} is", name(subject)),
        ));
    };
    if !objects.iter().all(|&o| top_level(o)) {
        return Some(about(
            rule,
            claim,
            Verdict::Unverifiable,
            format!(
                "the reference does not say that {} is in {}",
                name(subject),
                object_slot.text
            ),
        ));
    }
    let mut f = about(
        rule,
        claim,
        Verdict::Contradicted,
        format!(
            "{} is in {}, not {}",
            name(subject),
            name(*top),
            object_slot.text
        ),
    );
    f.evidence.push(ctx.evidence(
        statement,
        format!("{}: {} {}", name(subject), property, name(*top)),
    ));
    if let Some(replacement) = replace_in_claim(claim, &object_slot.span, &name(*top)) {
        f.suggestion = Some(suggestion(claim, replacement, true));
    }
    Some(f)
}

fn relation(
    rule: &Rule,
    claim: &Claim,
    ctx: &Context,
    subjects: &[EntityIdx],
    objects: &[EntityIdx],
    relation_slot: &crate::extract::Slot,
    _object_slot: &crate::extract::Slot,
) -> Option<Finding> {
    let day = ctx.story_date;
    let word = relation_slot.text.to_lowercase();
    let stated = rule.relations.get(&word)?;
    let name = |e: EntityIdx| ctx.reference.name(e).to_string();
    let gender_fits = |person: EntityIdx, gender: &Option<String>| match gender {
        None => true,
        Some(g) => ctx
            .reference
            .text_value(person, "gender")
            .is_none_or(|actual| actual.eq_ignore_ascii_case(g)),
    };
    // Does `property` link s to o (at the story date for relations with a period)?
    let link = |s: EntityIdx, o: EntityIdx, property: &str| -> Option<Statement> {
        ctx.reference
            .statements(s, property)
            .find(|st| st.value == Value::Entity(o) && day.is_none_or(|d| st.holds_on(d)))
            .cloned()
    };
    for &s in subjects {
        for &o in objects {
            if let Some(statement) = link(s, o, &stated.property)
                && gender_fits(o, &stated.gender)
            {
                let mut f = about(
                    rule,
                    claim,
                    Verdict::Supported,
                    format!("{} is the {word} of {}", name(o), name(s)),
                );
                f.evidence.push(ctx.evidence(
                    &statement,
                    format!("{}: {} {}", name(s), stated.property, name(o)),
                ));
                return Some(f);
            }
        }
    }
    // The stated relation does not hold. Contradict when another relation word does, and say
    // which (so "wife" becomes "sister").
    for &s in subjects {
        for &o in objects {
            for (other_word, other) in &rule.relations {
                if *other_word == word {
                    continue;
                }
                if let Some(statement) = link(s, o, &other.property)
                    && gender_fits(o, &other.gender)
                    && other.gender.is_some() == stated.gender.is_some()
                {
                    let mut f = about(
                        rule,
                        claim,
                        Verdict::Contradicted,
                        format!(
                            "{} is the {other_word} of {}, not the {word}",
                            name(o),
                            name(s)
                        ),
                    );
                    f.evidence.push(ctx.evidence(
                        &statement,
                        format!("{}: {} {}", name(s), other.property, name(o)),
                    ));
                    let written = super::ordinal::match_case(&relation_slot.text, other_word);
                    if let Some(replacement) =
                        replace_in_claim(claim, &relation_slot.span, &written)
                    {
                        f.suggestion = Some(suggestion(claim, replacement, true));
                    }
                    return Some(f);
                }
            }
        }
    }
    Some(about(
        rule,
        claim,
        Verdict::Unverifiable,
        format!(
            "the reference does not say whether {} is the {word} of {}",
            objects
                .iter()
                .map(|&o| name(o))
                .collect::<Vec<_>>()
                .join(" or "),
            subjects
                .iter()
                .map(|&s| name(s))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported};
    use crate::check::testing::{WORLD, checker, findings};

    #[test]
    fn a_capital_is_supported_or_corrected() {
        let c = checker(WORLD);
        let found = findings(
            &c,
            "2019-02-01",
            "They met in Ruritania's capital, Strelsau.",
            "property",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported);
        let found = findings(
            &c,
            "2019-02-01",
            "They met in Ruritania's capital, Zenda.",
            "property",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert_eq!(found[0].evidence[0].source, "https://example.org/ruritania");
        let s = found[0].suggestion.as_ref().expect("the right capital");
        assert_eq!(s.replacement, "Ruritania's capital, Strelsau");
    }

    #[test]
    fn other_wordings_of_a_capital() {
        let c = checker(WORLD);
        for text in [
            "They met in Fredville, the capital of Freedonia, on Monday.",
            "They met in the Freedonian capital, Fredville.",
            "They met in Fredville, Freedonia's capital.",
        ] {
            let found = findings(&c, "2019-02-01", text, "property");
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(found[0].verdict, Supported, "{text}");
        }
        let found = findings(
            &c,
            "2019-02-01",
            "They met in the Freedonian capital, Strelsau.",
            "property",
        );
        assert_eq!(found[0].verdict, Contradicted);
    }

    #[test]
    fn a_city_named_with_its_country() {
        let c = checker(WORLD);
        let found = findings(
            &c,
            "2019-02-01",
            "Talks were held in Zenda, Ruritania, on Monday.",
            "property",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported);
        let found = findings(
            &c,
            "2019-02-01",
            "Talks were held in Zenda, Freedonia, on Monday.",
            "property",
        );
        assert_eq!(found[0].verdict, Contradicted);
        // A sentence that starts with a place is no claim about it: "In Zenda, Freedonia said".
        let found = findings(
            &c,
            "2019-02-01",
            "In Zenda, Freedonia said it would wait.",
            "property",
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_family_relation_is_checked_with_its_gender() {
        let c = checker(WORLD);
        let sister = "Anna Varga's sister Lena Varga spoke.";
        let found = findings(&c, "2019-02-01", sister, "property");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported);
        // Symmetric: the statement is on Anna, the claim reads from Lena.
        let found = findings(
            &c,
            "2019-02-01",
            "Lena Varga's sister Anna Varga spoke.",
            "property",
        );
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        // Siblings, but not brothers: a sister is no brother.
        let found = findings(
            &c,
            "2019-02-01",
            "Anna Varga's brother Lena Varga spoke.",
            "property",
        );
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
        let found = findings(
            &c,
            "2019-02-01",
            "Anna Varga's wife Lena Varga spoke.",
            "property",
        );
        assert_eq!(found[0].verdict, Contradicted, "{}", found[0].message);
    }
}
