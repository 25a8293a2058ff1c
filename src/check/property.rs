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
    let evidence = |s: EntityIdx, v: EntityIdx, statement: &Statement| {
        let text = format!(
            "{}: {} {} {}",
            name(s),
            property,
            name(v),
            statement.period()
        );
        ctx.evidence(statement, text.trim_end().to_string())
    };
    // Supported only by a value certainly in force on the day; one whose period is known only
    // to the year or month of the day may or may not be, and settles nothing.
    let mut uncertain = None;
    for &s in subjects {
        for (v, statement) in values_on(ctx, s, property, day) {
            if !objects.contains(&v) {
                continue;
            }
            if day.is_some_and(|d| !statement.certainly_holds_on(d)) {
                uncertain.get_or_insert((s, v, statement));
                continue;
            }
            let mut f = about(
                rule,
                claim,
                Verdict::Supported,
                format!("{} of {} is {}", property, name(s), name(v)),
            );
            f.evidence.push(evidence(s, v, statement));
            return Some(f);
        }
    }
    if let Some((s, v, statement)) = uncertain {
        let mut f = about(
            rule,
            claim,
            Verdict::Unverifiable,
            format!(
                "the {property} of {} was {} {}, which may not cover the story date",
                name(s),
                name(v),
                statement.period()
            ),
        );
        f.evidence.push(evidence(s, v, statement));
        return Some(f);
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
        // Contradict only when the subject is certain and the reference has its values then,
        // none of them the one named (a country with two capitals has neither as its only
        // one). Suggest a replacement only when there is one value to put in.
        let values = values_on(ctx, *s, property, day);
        if !values.is_empty() {
            let mut value_names: Vec<String> = Vec::new();
            for (v, _) in &values {
                if !value_names.contains(&name(*v)) {
                    value_names.push(name(*v));
                }
            }
            let mut f = about(
                rule,
                claim,
                Verdict::Contradicted,
                format!(
                    "the {} of {} is {}, not {}",
                    property,
                    name(*s),
                    value_names.join(" or "),
                    object_slot.text
                ),
            );
            for (v, statement) in &values {
                f.evidence.push(evidence(*s, *v, statement));
            }
            if let [(v, _)] = values.as_slice()
                && let Some(replacement) = replace_in_claim(claim, &object_slot.span, &name(*v))
            {
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
            .find(|st| st.value == Value::Entity(o) && day.is_none_or(|d| st.certainly_holds_on(d)))
            .cloned()
    };
    // The relation holds but the reference does not record the gender a gendered word states
    // ("sister"): half the claim is unconfirmed, so it is no support.
    let gender_unknown = |person: EntityIdx, gender: &Option<String>| {
        gender.is_some() && ctx.reference.text_value(person, "gender").is_none()
    };
    let mut ungendered: Option<(EntityIdx, EntityIdx, Statement)> = None;
    for &s in subjects {
        for &o in objects {
            if let Some(statement) = link(s, o, &stated.property)
                && gender_fits(o, &stated.gender)
            {
                if gender_unknown(o, &stated.gender) {
                    ungendered.get_or_insert((s, o, statement));
                    continue;
                }
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
                    && !gender_unknown(o, &other.gender)
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
    if let Some((s, o, statement)) = ungendered {
        let mut f = about(
            rule,
            claim,
            Verdict::Unverifiable,
            format!(
                "{} is the {} of {}, but the reference does not record {}'s gender",
                name(o),
                stated.property,
                name(s),
                name(o)
            ),
        );
        f.evidence.push(ctx.evidence(
            &statement,
            format!("{}: {} {}", name(s), stated.property, name(o)),
        ));
        return Some(f);
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
    use crate::check::Verdict::{Contradicted, Supported, Unverifiable};
    use crate::check::testing::{WORLD, checker, findings, verdicts};

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

    /// A made-up world, so each test below states the facts it relies on: countries with one,
    /// two and changing capitals, a place name shared by a country and a province, a city in a
    /// region in a country, a town that changed country, and a family with an office holder.
    const CLAIMS: &str = r#"
[[entity]]
id = "ruritania"
kind = "place"
name = "Ruritania"
aliases = ["Ruritanian"]

[[entity.statement]]
property = "capital"
value = "strelsau"
source = "https://example.org/ruritania"

[[entity]]
id = "freedonia"
kind = "place"
name = "Freedonia"
aliases = ["Freedonian"]

[[entity]]
id = "graustark"
kind = "place"
name = "Graustark"

[[entity.statement]]
property = "capital"
value = "edelweiss"
end = 1990-06-30
source = "https://example.org/graustark-old"

[[entity.statement]]
property = "capital"
value = "ganlook"
start = 1990-07-01
source = "https://example.org/graustark-new"

[[entity]]
id = "sylvania"
kind = "place"
name = "Sylvania"

[[entity.statement]]
property = "capital"
value = "ostbrook"
source = "https://example.org/sylvania"

[[entity.statement]]
property = "capital"
value = "westbrook"
source = "https://example.org/sylvania"

[[entity]]
id = "marsovia"
kind = "place"
name = "Marsovia"

[[entity.statement]]
property = "capital"
value = "nova"
source = "https://example.org/marsovia"

[[entity]]
id = "marsovia-province"
kind = "place"
name = "Marsovia"

[[entity.statement]]
property = "located-in"
value = "freedonia"
source = "https://example.org/marsovia-province"

[[entity]]
id = "strelsau"
kind = "place"
name = "Strelsau"

[[entity.statement]]
property = "located-in"
value = "ruritania"
source = "https://example.org/strelsau"

[[entity]]
id = "eastmark"
kind = "place"
name = "Eastmark"

[[entity.statement]]
property = "located-in"
value = "ruritania"
source = "https://example.org/eastmark"

[[entity]]
id = "westmark"
kind = "place"
name = "Westmark"

[[entity.statement]]
property = "located-in"
value = "ruritania"
source = "https://example.org/westmark"

[[entity]]
id = "zenda"
kind = "place"
name = "Zenda"

[[entity.statement]]
property = "located-in"
value = "eastmark"
source = "https://example.org/zenda"

[[entity]]
id = "lutha"
kind = "place"
name = "Lutha"

[[entity.statement]]
property = "located-in"
value = "freedonia"
end = 1990-06-30
source = "https://example.org/lutha-before"

[[entity.statement]]
property = "located-in"
value = "ruritania"
start = 1990-07-01
source = "https://example.org/lutha-after"

[[entity]]
id = "fredville"
kind = "place"
name = "Fredville"

[[entity.statement]]
property = "located-in"
value = "freedonia"
source = "https://example.org/fredville"

[[entity]]
id = "tarlenheim"
kind = "place"
name = "Tarlenheim"

[[entity]]
id = "edelweiss"
kind = "place"
name = "Edelweiss"

[[entity]]
id = "ganlook"
kind = "place"
name = "Ganlook"

[[entity]]
id = "ostbrook"
kind = "place"
name = "Ostbrook"

[[entity]]
id = "westbrook"
kind = "place"
name = "Westbrook"

[[entity]]
id = "nova"
kind = "place"
name = "Nova"

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
property = "gender"
value = "female"
source = "https://example.org/varga"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 2015-01-01
source = "https://example.org/varga"

[[entity.statement]]
property = "sibling"
value = "lena-varga"
source = "https://example.org/varga"

[[entity.statement]]
property = "spouse"
value = "boris-kell"
start = 1985-06-01
end = 2010-03-01
source = "https://example.org/varga-kell"

[[entity]]
id = "lena-varga"
kind = "person"
name = "Lena Varga"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/lena"

[[entity]]
id = "tomas-varga"
kind = "person"
name = "Tomas Varga"

[[entity.statement]]
property = "sibling"
value = "anna-varga"
source = "https://example.org/tomas"

[[entity]]
id = "mia-varga"
kind = "person"
name = "Mia Varga"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/mia"

[[entity.statement]]
property = "parent"
value = "anna-varga"
source = "https://example.org/mia"

[[entity]]
id = "boris-kell"
kind = "person"
name = "Boris Kell"

[[entity.statement]]
property = "gender"
value = "male"
source = "https://example.org/kell"

[[entity]]
id = "carl-moss"
kind = "person"
name = "Carl Moss"
"#;

    /// The one property finding on `text`, failing the test if there is not exactly one.
    fn one(c: &crate::checker::Checker, date: &str, text: &str) -> crate::check::Finding {
        let mut found = findings(c, date, text, "property");
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.remove(0)
    }

    #[test]
    fn a_right_capital_cites_its_statement_and_a_wrong_one_is_replaced() {
        let c = checker(CLAIMS);
        let f = one(
            &c,
            "2019-02-01",
            "They met in Ruritania's capital, Strelsau.",
        );
        assert_eq!(f.verdict, Supported);
        assert_eq!(f.rule, "capital-of");
        assert_eq!(f.text, "Ruritania's capital, Strelsau");
        assert_eq!(f.evidence.len(), 1);
        assert_eq!(f.evidence[0].statement, "Ruritania: capital Strelsau");
        assert_eq!(f.evidence[0].source, "https://example.org/ruritania");

        let f = one(&c, "2019-02-01", "They met in Ruritania's capital Zenda.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.message, "the capital of Ruritania is Strelsau, not Zenda");
        assert_eq!(f.evidence[0].statement, "Ruritania: capital Strelsau");
        let s = f.suggestion.expect("the capital");
        assert_eq!(s.original, "Ruritania's capital Zenda");
        assert_eq!(s.replacement, "Ruritania's capital Strelsau");
        assert!(s.safe);
    }

    #[test]
    fn a_capital_known_to_change_only_within_a_year_is_unsettled_in_that_year() {
        let c = checker(
            r#"
[[entity]]
id = "vandia"
kind = "place"
name = "Vandia"

[[entity.statement]]
property = "capital"
value = "oldtown"
end = "1990"
source = "https://example.org/vandia-old"

[[entity.statement]]
property = "capital"
value = "newtown"
start = "1990"
source = "https://example.org/vandia-new"

[[entity]]
id = "oldtown"
kind = "place"
name = "Oldtown"

[[entity]]
id = "newtown"
kind = "place"
name = "Newtown"
"#,
        );
        let text = "They met in Vandia's capital, Newtown.";
        let f = one(&c, "1990-03-01", text);
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
        assert_eq!(f.evidence[0].source, "https://example.org/vandia-new");
        assert_eq!(one(&c, "1991-03-01", text).verdict, Supported);
        // Nor is the old one: in 1990 either may have been the capital on that day.
        let f = one(&c, "1990-03-01", "They met in Vandia's capital, Oldtown.");
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
    }

    #[test]
    fn a_capital_is_the_one_on_the_story_date() {
        let c = checker(CLAIMS);
        // Graustark moved its capital from Edelweiss to Ganlook on 1990-07-01.
        let f = one(
            &c,
            "2019-02-01",
            "They met in Graustark's capital, Ganlook.",
        );
        assert_eq!(f.verdict, Supported);
        assert_eq!(
            f.evidence[0].statement,
            "Graustark: capital Ganlook since 1990-07-01"
        );
        let f = one(
            &c,
            "2019-02-01",
            "They met in Graustark's capital, Edelweiss.",
        );
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.message,
            "the capital of Graustark is Ganlook, not Edelweiss"
        );
        assert_eq!(f.evidence[0].source, "https://example.org/graustark-new");
        assert_eq!(
            f.suggestion.expect("today's capital").replacement,
            "Graustark's capital, Ganlook"
        );
        // In 1985 it was the other way round.
        let f = one(
            &c,
            "1985-02-01",
            "They met in Graustark's capital, Edelweiss.",
        );
        assert_eq!(f.verdict, Supported);
        assert_eq!(
            f.evidence[0].statement,
            "Graustark: capital Edelweiss until 1990-06-30"
        );
        let f = one(
            &c,
            "1985-02-01",
            "They met in Graustark's capital, Ganlook.",
        );
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("the capital then").replacement,
            "Graustark's capital, Edelweiss"
        );
    }

    #[test]
    fn an_undated_story_may_name_any_capital_a_country_has_had() {
        let c = checker(CLAIMS);
        for text in [
            "They met in Graustark's capital, Edelweiss.",
            "They met in Graustark's capital, Ganlook.",
        ] {
            assert_eq!(one(&c, "", text).verdict, Supported, "{text}");
        }
        // Neither of them: wrong at any date, but which to put in is an editor's call.
        let f = one(&c, "", "They met in Graustark's capital, Nova.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.message,
            "the capital of Graustark is Edelweiss or Ganlook, not Nova"
        );
        assert_eq!(f.evidence.len(), 2, "{:#?}", f.evidence);
        assert!(f.suggestion.is_none(), "{:?}", f.suggestion);
    }

    #[test]
    fn a_country_with_two_capitals() {
        let c = checker(CLAIMS);
        // Sylvania has two capitals at once, Ostbrook and Westbrook: either is right.
        for text in [
            "They met in Sylvania's capital, Ostbrook.",
            "They met in Westbrook, the capital of Sylvania, on Monday.",
        ] {
            let f = one(&c, "2019-02-01", text);
            assert_eq!(f.verdict, Supported, "{text}: {}", f.message);
        }
        // A third place is neither; the finding cites both, and suggests neither.
        let f = one(&c, "2019-02-01", "They met in Sylvania's capital, Zenda.");
        assert_eq!(f.verdict, Contradicted, "{}", f.message);
        assert_eq!(
            f.message,
            "the capital of Sylvania is Ostbrook or Westbrook, not Zenda"
        );
        let cited: Vec<&str> = f.evidence.iter().map(|e| e.statement.as_str()).collect();
        assert_eq!(
            cited,
            ["Sylvania: capital Ostbrook", "Sylvania: capital Westbrook"]
        );
        assert!(f.suggestion.is_none(), "{:?}", f.suggestion);
    }

    #[test]
    fn no_recorded_capital_or_an_ambiguous_country_is_unverifiable() {
        let c = checker(CLAIMS);
        // The reference gives Freedonia no capital at all.
        let f = one(
            &c,
            "2019-02-01",
            "They met in Freedonia's capital, Fredville.",
        );
        assert_eq!(f.verdict, Unverifiable);
        assert_eq!(
            f.message,
            "the reference does not give the capital of Freedonia"
        );
        // "Marsovia" is a country (capital Nova) and a province of Freedonia: the country's
        // capital supports, but another place contradicts neither for certain.
        assert_eq!(
            one(&c, "2019-02-01", "They met in Marsovia's capital, Nova.").verdict,
            Supported
        );
        let f = one(&c, "2019-02-01", "They met in Marsovia's capital, Zenda.");
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
        assert!(f.message.contains("Marsovia or Marsovia"), "{}", f.message);
    }

    #[test]
    fn a_city_lies_in_the_country_of_its_region() {
        let c = checker(CLAIMS);
        // Zenda lies in Eastmark, which lies in Ruritania.
        let f = one(
            &c,
            "2019-02-01",
            "Talks were held in Zenda, Eastmark, on Monday.",
        );
        assert_eq!(f.verdict, Supported);
        assert_eq!(f.evidence[0].source, "https://example.org/zenda");
        let f = one(
            &c,
            "2019-02-01",
            "Talks were held in Zenda, Ruritania, on Monday.",
        );
        assert_eq!(f.verdict, Supported, "{}", f.message);
        assert_eq!(f.message, "Zenda is in Ruritania");
        // The statement that reaches Ruritania is Eastmark's.
        assert_eq!(f.evidence[0].source, "https://example.org/eastmark");

        let f = one(
            &c,
            "2019-02-01",
            "Talks were held in Zenda, Freedonia, on Monday.",
        );
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(f.text, "Zenda, Freedonia");
        assert_eq!(f.message, "Zenda is in Ruritania, not Freedonia");
        assert_eq!(f.evidence[0].source, "https://example.org/eastmark");
        let s = f.suggestion.expect("the country");
        assert_eq!(s.replacement, "Zenda, Ruritania");
        assert!(s.safe);
    }

    #[test]
    fn only_a_country_can_contradict_where_a_place_lies() {
        let c = checker(CLAIMS);
        // Westmark is another region of Ruritania and Fredville a city: neither is the top of a
        // chain, so the reference may just not record the link ("Seoul, Tokyo" in a list).
        for (text, message) in [
            (
                "Talks were held in Zenda, Westmark, on Monday.",
                "the reference does not say that Zenda is in Westmark",
            ),
            (
                "Talks were held in Strelsau, Fredville, on Monday.",
                "the reference does not say that Strelsau is in Fredville",
            ),
            // Tarlenheim's whereabouts are not recorded at all.
            (
                "Talks were held in Tarlenheim, Freedonia, on Monday.",
                "the reference does not say where Tarlenheim is",
            ),
        ] {
            let f = one(&c, "2019-02-01", text);
            assert_eq!(f.verdict, Unverifiable, "{text}");
            assert_eq!(f.message, message, "{text}");
        }
    }

    #[test]
    fn where_a_place_lies_is_read_at_the_story_date() {
        let c = checker(CLAIMS);
        // Lutha passed from Freedonia to Ruritania on 1990-07-01.
        let text = "Talks were held in Lutha, Freedonia, on Monday.";
        assert_eq!(one(&c, "1985-02-01", text).verdict, Supported);
        let f = one(&c, "2019-02-01", text);
        assert_eq!(f.verdict, Contradicted, "{}", f.message);
        assert_eq!(f.evidence[0].source, "https://example.org/lutha-after");
        assert_eq!(
            f.suggestion.expect("the country now").replacement,
            "Lutha, Ruritania"
        );
    }

    #[test]
    fn a_place_name_shared_by_two_places_is_never_contradicted() {
        let c = checker(CLAIMS);
        // The province of Marsovia lies in Freedonia; the country of Marsovia lies nowhere.
        assert_eq!(
            one(&c, "2019-02-01", "Talks were held in Marsovia, Freedonia.").verdict,
            Supported
        );
        assert_eq!(
            one(&c, "2019-02-01", "Talks were held in Marsovia, Ruritania.").verdict,
            Unverifiable
        );
    }

    #[test]
    fn a_relation_word_with_its_modifier_and_commas() {
        let c = checker(CLAIMS);
        let f = one(
            &c,
            "2019-02-01",
            "Anna Varga's younger sister, Lena Varga, spoke.",
        );
        assert_eq!(f.verdict, Supported);
        assert_eq!(f.rule, "family-relation");
        assert_eq!(f.text, "Anna Varga's younger sister, Lena Varga");
        assert_eq!(f.message, "Lena Varga is the sister of Anna Varga");
        assert_eq!(f.evidence[0].statement, "Anna Varga: sibling Lena Varga");
        assert_eq!(f.evidence[0].source, "https://example.org/varga");
    }

    #[test]
    fn a_wrong_relation_word_is_replaced_by_the_one_that_holds() {
        let c = checker(CLAIMS);
        let f = one(&c, "2019-02-01", "Anna Varga's wife Lena Varga spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.message,
            "Lena Varga is the sister of Anna Varga, not the wife"
        );
        assert_eq!(f.evidence[0].statement, "Anna Varga: sibling Lena Varga");
        let s = f.suggestion.expect("the relation word");
        assert_eq!(s.replacement, "Anna Varga's sister Lena Varga");
        assert!(s.safe);
        // A gendered word is replaced by a gendered word: "sister", not "sibling".
        let f = one(&c, "2019-02-01", "Anna Varga's brother Lena Varga spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("the relation word").replacement,
            "Anna Varga's sister Lena Varga"
        );
        // The correction keeps the way the word was written.
        let f = one(&c, "2019-02-01", "Anna Varga's Wife Lena Varga Speaks");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("the relation word").replacement,
            "Anna Varga's Sister Lena Varga"
        );
    }

    #[test]
    fn parent_and_child_are_read_from_either_side() {
        let c = checker(CLAIMS);
        // Only "Mia Varga: parent Anna Varga" is written; the child side is its inverse.
        for text in [
            "Anna Varga's daughter Mia Varga spoke.",
            "Mia Varga's mother Anna Varga spoke.",
        ] {
            let f = one(&c, "2019-02-01", text);
            assert_eq!(f.verdict, Supported, "{text}: {}", f.message);
            assert_eq!(f.evidence[0].source, "https://example.org/mia", "{text}");
        }
        // Parent and child the wrong way round, or with the wrong gender.
        for (text, message, replacement) in [
            (
                "Anna Varga's mother Mia Varga spoke.",
                "Mia Varga is the daughter of Anna Varga, not the mother",
                "Anna Varga's daughter Mia Varga",
            ),
            (
                "Mia Varga's father Anna Varga spoke.",
                "Anna Varga is the mother of Mia Varga, not the father",
                "Mia Varga's mother Anna Varga",
            ),
        ] {
            let f = one(&c, "2019-02-01", text);
            assert_eq!(f.verdict, Contradicted, "{text}");
            assert_eq!(f.message, message);
            assert_eq!(f.suggestion.expect(text).replacement, replacement);
        }
    }

    #[test]
    fn an_unrecorded_gender_neither_supports_nor_contradicts_a_gendered_word() {
        let c = checker(CLAIMS);
        // Tomas Varga is Anna's sibling (stated on him); his gender is not recorded, so
        // "brother" is half confirmed: the sibling link is evidence, the verdict is open.
        let f = one(&c, "2019-02-01", "Anna Varga's brother Tomas Varga spoke.");
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
        assert_eq!(f.evidence[0].source, "https://example.org/tomas");
        assert!(f.message.contains("gender"), "{}", f.message);
        // A word without a gender is confirmed by the link alone.
        let f = one(&c, "2019-02-01", "Anna Varga's sibling Tomas Varga spoke.");
        assert_eq!(f.verdict, Supported, "{}", f.message);
    }

    #[test]
    fn a_marriage_is_read_at_the_story_date() {
        let c = checker(CLAIMS);
        // Anna Varga and Boris Kell were married from 1985-06-01 to 2010-03-01.
        let text = "Anna Varga's husband Boris Kell spoke.";
        assert_eq!(
            verdicts(&c, "2000-02-01", text, "property"),
            [(Supported, "Anna Varga's husband Boris Kell".to_string())]
        );
        assert_eq!(one(&c, "", text).verdict, Supported);
        let f = one(&c, "2019-02-01", text);
        assert_eq!(f.verdict, Unverifiable, "{}", f.message);
        assert_eq!(
            f.message,
            "the reference does not say whether Boris Kell is the husband of Anna Varga"
        );
        // While married, another word for him is corrected: an ungendered one to "spouse", a
        // gendered one to "husband".
        let f = one(&c, "2000-02-01", "Anna Varga's sibling Boris Kell spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("spouse").replacement,
            "Anna Varga's spouse Boris Kell"
        );
        let f = one(&c, "2000-02-01", "Anna Varga's sister Boris Kell spoke.");
        assert_eq!(f.verdict, Contradicted);
        assert_eq!(
            f.suggestion.expect("husband").replacement,
            "Anna Varga's husband Boris Kell"
        );
    }

    #[test]
    fn no_recorded_relation_is_unverifiable() {
        let c = checker(CLAIMS);
        let f = one(&c, "2019-02-01", "Anna Varga's husband Carl Moss spoke.");
        assert_eq!(f.verdict, Unverifiable);
        assert!(f.evidence.is_empty());
        assert!(f.suggestion.is_none());
    }

    #[test]
    fn an_office_stands_for_its_holder_on_the_story_date() {
        let c = checker(CLAIMS);
        // Anna Varga has been President of Ruritania since 2015.
        let text = "The Ruritanian President's sister Lena Varga spoke.";
        let f = one(&c, "2019-02-01", text);
        assert_eq!(f.verdict, Supported, "{}", f.message);
        assert_eq!(f.message, "Lena Varga is the sister of Anna Varga");
        // Before her term, or with no date, the reference cannot say who the president was.
        for date in ["2010-02-01", ""] {
            let f = one(&c, date, text);
            assert_eq!(f.verdict, Unverifiable, "{date}");
            assert_eq!(
                f.message,
                "the reference cannot say who or what “Ruritanian President” is"
            );
        }
    }
}
