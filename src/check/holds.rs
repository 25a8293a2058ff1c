//! `holds`: a person named with an office held it at the story's date ("U.S. President Donald
//! Trump" in 2019), or before it for "former".

use super::{Context, Finding, Rule, Verdict, finding};
use crate::extract::{Claim, ClaimValue, RoleMention, TitleClaim};
use crate::reference::{EntityIdx, Statement, Value};
use chrono::NaiveDate;

/// Words before a role that name another office ("deputy foreign minister"): not checked.
const OTHER_OFFICE: &[&str] = &[
    "deputy",
    "vice",
    "assistant",
    "first",
    "designate",
    "elect",
    "would-be",
    // "state Sen. Joni Ernst": a seat in a state legislature, not the U.S. Senate.
    "state",
];

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Vec<Finding> {
    let ClaimValue::Title(title) = &claim.value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for role in &title.roles {
        if title
            .modifier
            .as_deref()
            .is_some_and(|m| OTHER_OFFICE.contains(&m))
        {
            continue;
        }
        match title.person.as_slice() {
            [] => {}
            [person] => out.push(check_person(rule, claim, title, role, ctx, *person)),
            people => out.push(several_people(rule, claim, title, role, ctx, people)),
        }
    }
    out
}

/// A name several people share ("President Bush" in 1987): the title holds if it holds for
/// exactly one of them (that one is meant), and is wrong if it is wrong for every one.
/// Anything else leaves the name ambiguous: never guessed.
fn several_people(
    rule: &Rule,
    claim: &Claim,
    title: &TitleClaim,
    role: &RoleMention,
    ctx: &Context,
    people: &[EntityIdx],
) -> Finding {
    let readings: Vec<Finding> = people
        .iter()
        .map(|&p| check_person(rule, claim, title, role, ctx, p))
        .collect();
    let supported: Vec<&Finding> = readings
        .iter()
        .filter(|f| f.verdict == Verdict::Supported)
        .collect();
    if let [one] = supported.as_slice() {
        return (*one).clone();
    }
    let person_text = &ctx.doc.text[title.person_span.clone()];
    if readings.iter().all(|f| f.verdict == Verdict::Contradicted) {
        let mut f = readings[0].clone();
        f.message = format!(
            "none of the people called “{person_text}” held {} on that day: {}",
            role.text,
            readings
                .iter()
                .map(|r| r.message.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
        for r in &readings[1..] {
            for e in &r.evidence {
                if !f.evidence.contains(e) {
                    f.evidence.push(e.clone());
                }
            }
        }
        // "former" fits only if it fits whoever is meant.
        if readings.iter().any(|r| r.suggestion.is_none()) {
            f.suggestion = None;
        }
        return f;
    }
    let span = role_span(claim, &title.person_span, role);
    finding(
        rule,
        span.clone(),
        &ctx.doc.text[span],
        Verdict::Unverifiable,
        format!(
            "“{person_text}” may be any of {}",
            people
                .iter()
                .map(|&p| ctx.reference.name(p).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    )
}

fn check_person(
    rule: &Rule,
    claim: &Claim,
    title: &TitleClaim,
    role: &RoleMention,
    ctx: &Context,
    person: EntityIdx,
) -> Finding {
    let span = role_span(claim, &title.person_span, role);
    let unverifiable = |why: String| {
        finding(
            rule,
            span.clone(),
            &ctx.doc.text[span.clone()],
            Verdict::Unverifiable,
            why,
        )
    };
    let person_text = &ctx.doc.text[title.person_span.clone()];
    let Some(day) = ctx.story_date else {
        return unverifiable("the story has no date to check the title at".into());
    };
    let offices = if role.qualified {
        related_offices(ctx, person, &role.offices)
    } else {
        unqualified_offices(ctx, person, &role.offices)
    };
    if offices.is_empty() {
        return unverifiable(format!(
            "the reference cannot tell which office “{}” is for {person_text}",
            role.text
        ));
    }
    let found = check_role(
        rule,
        span.clone(),
        ctx,
        person,
        role,
        &offices,
        day,
        title.modifier.as_deref(),
    );
    // A title may be given as it was at a date the sentence states ("In 2015, President
    // Barack Obama said"): a term covering that date supports it as well as the story date.
    let as_of_then = title.modifier.is_none() && found.verdict != Verdict::Supported;
    match as_of_then
        .then(|| held_at_sentence_date(rule, claim, ctx, person, &offices, &found))
        .flatten()
    {
        Some(supported) => supported,
        None if found.verdict == Verdict::Contradicted => {
            match historical_reference(claim, title, ctx, person, &offices, day) {
                Some(why) => {
                    let mut f = found;
                    f.verdict = Verdict::Unverifiable;
                    f.message = why;
                    f.suggestion = None;
                    f
                }
                None => with_sentence_dates(found, claim, ctx),
            }
        }
        None => found,
    }
}

/// Supported when the person held one of `offices` during a date stated in the claim's
/// sentence; `None` when no such date, or no term overlapping one.
fn held_at_sentence_date(
    rule: &Rule,
    claim: &Claim,
    ctx: &Context,
    person: EntityIdx,
    offices: &[EntityIdx],
    found: &Finding,
) -> Option<Finding> {
    let name = |e: EntityIdx| ctx.reference.name(e).to_string();
    for (date_claim, period) in sentence_dates(claim, ctx) {
        let (Some(first), Some(last)) = (period.first_day(), period.last_day()) else {
            continue;
        };
        for &office in offices {
            // Certainly in office at some time in the stated period: a term known only to
            // the year supports "in 2018", not "on March 3, 2018".
            if let Some(s) = terms(ctx, person, office)
                .into_iter()
                .find(|s| s.certainly_holds_during(first, last))
            {
                let mut f = finding(
                    rule,
                    found.span.clone(),
                    &found.text,
                    Verdict::Supported,
                    format!(
                        "{} held {} at the time the sentence gives (“{}”)",
                        name(person),
                        name(office),
                        date_claim.text
                    ),
                );
                f.evidence
                    .push(ctx.evidence(s, term_text(ctx, s, person, office)));
                return Some(f);
            }
        }
    }
    None
}

/// Words before a title that place it in the past: "under President Gerald Ford", "the
/// administration of President Jimmy Carter".
static PAST_CONTEXT_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:under|during|of|by|from|since|then|era|administration|when|for)\s+(?:the\s+)?(?:late\s+)?$")
        .expect("a valid, fixed pattern")
});

/// A past holder named with the bare title long after the term, as news style refers to a
/// past administration ("under President Gerald Ford", "President Nixon's Council of Economic
/// Advisers", "President Franklin Roosevelt steered into law"): a reference to that time, not
/// a claim about the story's day. More than a term after it ended and with words that point
/// to the past, or a generation after it, the title is not called wrong. `None` when the
/// person never held the office, or held it recently.
fn historical_reference(
    claim: &Claim,
    title: &TitleClaim,
    ctx: &Context,
    person: EntityIdx,
    offices: &[EntityIdx],
    day: NaiveDate,
) -> Option<String> {
    let (office, last) = offices
        .iter()
        .flat_map(|&o| terms(ctx, person, o).into_iter().map(move |s| (o, s)))
        .filter_map(|(o, s)| s.end.and_then(|e| e.last_day()).map(|e| (o, s, e)))
        .filter(|(_, _, e)| *e < day)
        .max_by_key(|(_, _, e)| *e)
        .map(|(o, s, _)| (o, s))?;
    let ended = last.end.and_then(|e| e.last_day())?;
    let years = (day - ended).num_days() / 365;
    let text = &ctx.doc.text;
    let sentence_start = text[..claim.span.start]
        .rfind(['.', '!', '?'])
        .map_or(0, |i| i + 1);
    let from = text.floor_char_boundary(sentence_start.max(claim.span.start.saturating_sub(40)));
    let before = &text[from..claim.span.start];
    let before = &before[before.len() - before.trim_start().len()..];
    let possessive = text[title.person_span.end..].starts_with(['\'', '’']);
    let past_words = PAST_CONTEXT_BEFORE.is_match(before) || possessive;
    if years > 20 || (years > 4 && past_words) {
        Some(format!(
            "{} held {} {}: read as a reference to that time, not to {day}",
            ctx.reference.name(person),
            ctx.reference.name(office),
            last.period()
        ))
    } else {
        None
    }
}

/// "A or B or C", and "A, B, C or 47 other offices" where the role word fits many.
fn either(ctx: &Context, offices: &[EntityIdx]) -> String {
    let names: Vec<&str> = offices.iter().map(|&o| ctx.reference.name(o)).collect();
    if names.len() > 4 {
        format!(
            "{} or {} other offices",
            names[..3].join(", "),
            names.len() - 3
        )
    } else {
        names.join(" or ")
    }
}

/// "Ri Yong Ho held Minister of Foreign Affairs of North Korea from 2016-05-09 to 2020-01-18".
fn term_text(ctx: &Context, s: &Statement, holder: EntityIdx, office: EntityIdx) -> String {
    format!(
        "{} held {} {}",
        ctx.reference.name(holder),
        ctx.reference.name(office),
        s.period()
    )
    .trim_end()
    .to_string()
}

/// The dates a sentence states, other than days counted from the story date ("on Saturday",
/// "yesterday"), which are the story's own time and add nothing to it.
fn sentence_dates<'a>(
    claim: &Claim,
    ctx: &Context<'a>,
) -> impl Iterator<Item = (&'a Claim, crate::time::DateRange)> + 'a {
    ctx.sentence_claims(claim.sentence)
        .filter_map(|c| match &c.value {
            ClaimValue::Date(d) => d
                .value
                .filter(|v| !(d.relative && v.precision() == crate::time::Precision::Day))
                .map(|v| (c, v)),
            _ => None,
        })
}

/// Says in a contradiction that the sentence's own dates were tried too.
fn with_sentence_dates(mut found: Finding, claim: &Claim, ctx: &Context) -> Finding {
    let dates: Vec<String> = sentence_dates(claim, ctx)
        .map(|(c, _)| format!("“{}”", c.text))
        .collect();
    if !dates.is_empty() {
        found.message = format!("{}, nor at {}", found.message, dates.join(" or "));
    }
    found
}

/// A finding covers the person and the one role it is about: "Nguyen Phu Trong, the
/// president" and "Nguyen Phu Trong, the president and general secretary ..." are two findings.
fn role_span(
    claim: &Claim,
    person: &std::ops::Range<usize>,
    role: &RoleMention,
) -> std::ops::Range<usize> {
    let start = person.start.min(role.span.start).max(claim.span.start);
    let end = person.end.max(role.span.end).min(claim.span.end);
    start..end
}

/// When a role word fits several offices ("president"), keep those in the jurisdictions the
/// person is known to serve: the countries and organizations of their other offices.
fn related_offices(ctx: &Context, person: EntityIdx, offices: &[EntityIdx]) -> Vec<EntityIdx> {
    if offices.len() <= 1 {
        return offices.to_vec();
    }
    // "Senator" is fifty offices; the one the person held is meant.
    let held: Vec<EntityIdx> = offices
        .iter()
        .copied()
        .filter(|&o| !terms(ctx, person, o).is_empty())
        .collect();
    if !held.is_empty() {
        return held;
    }
    related_offices_filter(ctx, person, offices)
}

/// The offices in the person's jurisdictions (those of the offices they held, their country
/// and the bodies they belong to).
fn related_offices_filter(
    ctx: &Context,
    person: EntityIdx,
    offices: &[EntityIdx],
) -> Vec<EntityIdx> {
    let mut jurisdictions: Vec<EntityIdx> = Vec::new();
    for held in ctx.reference.entity_values(person, "position") {
        for j in ctx.reference.entity_values(held, "jurisdiction") {
            jurisdictions.extend(ctx.reference.containing_places(j));
        }
    }
    for property in ["country", "member-of"] {
        for j in ctx.reference.entity_values(person, property) {
            jurisdictions.extend(ctx.reference.containing_places(j));
        }
    }
    offices
        .iter()
        .copied()
        .filter(|&o| {
            ctx.reference
                .entity_values(o, "jurisdiction")
                .into_iter()
                .any(|j| {
                    ctx.reference
                        .containing_places(j)
                        .iter()
                        .any(|p| jurisdictions.contains(p))
                })
        })
        .collect()
}

/// A bare role word ("chairman") said of someone the reference places elsewhere (a U.S.
/// senator called "chairman" of a committee) is not the one office the reference knows by that
/// word: keep only offices in the person's own jurisdictions, or all of them when the
/// reference knows no jurisdiction of the person.
fn unqualified_offices(ctx: &Context, person: EntityIdx, offices: &[EntityIdx]) -> Vec<EntityIdx> {
    if offices.len() > 1 {
        return related_offices(ctx, person, offices);
    }
    let known_anywhere = ctx
        .reference
        .statements(person, "position")
        .next()
        .is_some()
        || ["country", "member-of"]
            .iter()
            .any(|p| ctx.reference.statements(person, p).next().is_some());
    let held = |o: EntityIdx| {
        ctx.reference
            .statements(person, "position")
            .any(|s| s.value == Value::Entity(o))
    };
    if !known_anywhere || offices.iter().any(|&o| held(o)) {
        return offices.to_vec();
    }
    related_offices_filter(ctx, person, offices)
}

fn terms<'a>(ctx: &Context<'a>, person: EntityIdx, office: EntityIdx) -> Vec<&'a Statement> {
    ctx.reference
        .statements(person, "position")
        .filter(|s| s.value == Value::Entity(office))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn check_role(
    rule: &Rule,
    span: std::ops::Range<usize>,
    ctx: &Context,
    person: EntityIdx,
    role: &RoleMention,
    offices: &[EntityIdx],
    day: NaiveDate,
    modifier: Option<&str>,
) -> Finding {
    let name = |e: EntityIdx| ctx.reference.name(e).to_string();
    let text = ctx.doc.text[span.clone()].to_string();
    let former = matches!(modifier, Some("former" | "ex"));
    let any_time = matches!(modifier, Some("then" | "late"));
    // Supported: held on the day (or before it, for "former"/"then-"/"late"). A term known
    // only to the month or year that may or may not cover the day supports nothing.
    let mut possibly: Option<(EntityIdx, &Statement)> = None;
    for &office in offices {
        for s in terms(ctx, person, office) {
            // Certainly begun by the day, for "then-"/"late": a start known only to the year
            // of the day may come after it.
            let started_before = s.start.and_then(|d| d.last_day()).is_none_or(|d| d <= day);
            let ended_before = s.end.and_then(|d| d.last_day()).is_some_and(|d| d < day);
            let fits = if former {
                ended_before
            } else if any_time {
                started_before
            } else {
                if s.holds_on(day) && !s.certainly_holds_on(day) && possibly.is_none() {
                    possibly = Some((office, s));
                }
                s.certainly_holds_on(day)
            };
            if fits {
                let when = if former || any_time {
                    String::new()
                } else {
                    format!(" on {day}")
                };
                let mut f = finding(
                    rule,
                    span.clone(),
                    &text,
                    Verdict::Supported,
                    format!("{} held {}{when}", name(person), name(office)),
                );
                f.evidence
                    .push(ctx.evidence(s, term_text(ctx, s, person, office)));
                return f;
            }
        }
    }
    if let Some((office, s)) = possibly {
        let day_precise = |d: Option<crate::time::DateRange>| {
            d.is_none_or(|d| d.precision() == crate::time::Precision::Day)
        };
        let why = if day_precise(s.start) && day_precise(s.end) {
            // The term starts or ends on the very day: before or after the handover?
            format!(
                "{}'s term as {} {}: {day} is the day it changed hands",
                name(person),
                name(office),
                s.period()
            )
        } else {
            format!(
                "the reference dates {}'s term as {} only {}, which may not cover {day}",
                name(person),
                name(office),
                s.period()
            )
        };
        let mut f = finding(rule, span, &text, Verdict::Unverifiable, why);
        f.evidence
            .push(ctx.evidence(s, term_text(ctx, s, person, office)));
        return f;
    }
    if any_time {
        return finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference does not say that {} ever held {}",
                name(person),
                role.text
            ),
        );
    }
    if former {
        // Still in office is a contradiction of "former"; never in office, we cannot say.
        for &office in offices {
            if let Some(s) = terms(ctx, person, office)
                .into_iter()
                .find(|s| s.certainly_holds_on(day))
            {
                let mut f = finding(
                    rule,
                    span,
                    &text,
                    Verdict::Contradicted,
                    format!("{} still held {} on {day}", name(person), name(office)),
                );
                f.evidence
                    .push(ctx.evidence(s, term_text(ctx, s, person, office)));
                return f;
            }
        }
        return finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference does not say that {} held {}",
                name(person),
                role.text
            ),
        );
    }
    // Not held on the day: contradicted when the reference knows who did. Only an office one
    // person holds at a time tells anything by its holder: another senator of the day does
    // not show that this one was not a senator.
    let mut holders: Vec<(EntityIdx, EntityIdx, &Statement)> = Vec::new();
    for &office in offices
        .iter()
        .filter(|&&o| ctx.reference.entity(o).single_holder)
    {
        for (holder, s) in ctx.reference.holders_on(office, day) {
            holders.push((office, holder, s));
        }
    }
    // An office with several holders at once (a state's senators): the reference need not
    // know the others; the person's own terms in it show they did not hold it on the day.
    let own_terms: Vec<(EntityIdx, &Statement)> = offices
        .iter()
        .filter(|&&o| !ctx.reference.entity(o).single_holder)
        .flat_map(|&o| terms(ctx, person, o).into_iter().map(move |s| (o, s)))
        .collect();
    let known_term_elsewhere = own_terms.iter().all(|(_, s)| {
        s.start.is_some()
            && s.end.is_some()
            && !s.holds_on(day)
            && s.start
                .is_some_and(|d| d.precision() == crate::time::Precision::Day)
            && s.end
                .is_some_and(|d| d.precision() == crate::time::Precision::Day)
    });
    if holders.is_empty() && !own_terms.is_empty() && known_term_elsewhere {
        let mut f = finding(
            rule,
            span.clone(),
            &text,
            Verdict::Contradicted,
            format!(
                "{} did not hold {} on {day}",
                name(person),
                name(own_terms[0].0)
            ),
        );
        for (office, s) in &own_terms {
            f.evidence
                .push(ctx.evidence(s, term_text(ctx, s, person, *office)));
        }
        for s in ctx
            .reference
            .statements(person, "position")
            .filter(|s| s.holds_on(day))
        {
            if let Value::Entity(o) = s.value {
                f.evidence
                    .push(ctx.evidence(s, term_text(ctx, s, person, o)));
            }
        }
        return f;
    }
    if holders.is_empty()
        && offices
            .iter()
            .all(|&o| !ctx.reference.entity(o).single_holder)
    {
        return finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference does not say that {} held {}",
                name(person),
                role.text
            ),
        );
    }
    if holders.is_empty() {
        return finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference does not say who held {} on {day}",
                either(ctx, offices)
            ),
        );
    }
    let mut f = finding(
        rule,
        span.clone(),
        &text,
        Verdict::Contradicted,
        format!(
            "{} did not hold {} on {day}",
            name(person),
            either(ctx, offices)
        ),
    );
    for (office, holder, s) in &holders {
        f.evidence
            .push(ctx.evidence(s, term_text(ctx, s, *holder, *office)));
    }
    let mut held_before = false;
    for &office in offices {
        for s in terms(ctx, person, office) {
            held_before |= s.end.and_then(|d| d.last_day()).is_some_and(|d| d < day);
            f.evidence
                .push(ctx.evidence(s, term_text(ctx, s, person, office)));
        }
    }
    // What the person did hold then, if anything: often the intended title.
    for s in ctx
        .reference
        .statements(person, "position")
        .filter(|s| s.holds_on(day))
    {
        if let Value::Entity(o) = s.value
            && !offices.contains(&o)
        {
            f.evidence
                .push(ctx.evidence(s, term_text(ctx, s, person, o)));
        }
    }
    // Only a role written before the name takes "former" in front of it.
    if held_before && modifier.is_none() && role.span.start == span.start {
        // "former U.S. President Barack Obama" is likely meant; an editor decides.
        f.suggestion = Some(super::Suggestion {
            span: span.clone(),
            original: text.clone(),
            replacement: format!("former {text}"),
            safe: false,
        });
    }
    f
}

#[cfg(test)]
mod tests {
    use crate::check::Verdict::{Contradicted, Supported, Unverifiable};
    use crate::check::testing::{checker, findings, verdicts};

    /// A made-up country, so the test states every fact it depends on.
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
property = "position"
value = "ruritania-president"
start = 2000-03-01
end = 2010-03-01
source = "https://example.org/varga"

[[entity]]
id = "boris-kell"
kind = "person"
name = "Boris Kell"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 2010-03-01
source = "https://example.org/kell"

[[entity]]
id = "cora-maas"
kind = "person"
name = "Cora Maas"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = "1995"
end = 2000-03-01
source = "https://example.org/maas"
"#;

    fn only_verdicts(found: &[crate::check::Finding]) -> Vec<crate::check::Verdict> {
        found.iter().map(|f| f.verdict).collect()
    }

    /// Two people named Varga, one a past president and one never president, plus a
    /// foreign office known by a bare word ("chairman").
    fn namesakes() -> String {
        format!(
            "{CLAIMS}{}",
            r#"
[[entity]]
id = "ivo-varga"
kind = "person"
name = "Ivo Varga"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 1990-01-01
end = "1995"
source = "https://example.org/ivo"

[[entity]]
id = "graustark"
kind = "place"
name = "Graustark"

[[entity]]
id = "graustark-chairman"
kind = "office"
name = "Chairman of the Graustark Council"
aliases = ["chairman"]
single-holder = true

[[entity.statement]]
property = "jurisdiction"
value = "graustark"
source = "https://example.org/graustark"

[[entity]]
id = "olaf-brun"
kind = "person"
name = "Olaf Brun"

[[entity.statement]]
property = "position"
value = "graustark-chairman"
start = 2001-01-01
source = "https://example.org/brun"
"#
        )
    }

    #[test]
    fn a_surname_several_holders_share_is_wrong_only_if_wrong_for_all() {
        let c = checker(&namesakes());
        // Neither Varga was president in 2015: whoever is meant, the title is wrong, and the
        // holder is shown.
        let found = findings(
            &c,
            "2015-06-01",
            "President Varga spoke on Monday.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Contradicted], "{found:#?}");
        assert!(
            found[0]
                .message
                .contains("none of the people called “Varga”")
        );
        assert!(
            found[0].evidence.iter().any(|e| e
                .statement
                .starts_with("Boris Kell held President of Ruritania")),
            "{found:#?}"
        );
        // In 2005 Anna Varga held it: she is the one meant.
        let found = findings(
            &c,
            "2005-06-01",
            "President Varga spoke on Monday.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Supported], "{found:#?}");
        assert!(found[0].message.starts_with("Anna Varga held"));
    }

    #[test]
    fn a_past_holder_long_ago_named_in_the_past_tense_of_the_story_is_not_an_error() {
        let c = checker(CLAIMS);
        // Five years after the term, "under" places the title in its time.
        let found = findings(
            &c,
            "2015-06-01",
            "He worked under President Anna Varga for years.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Unverifiable], "{found:#?}");
        assert!(
            found[0]
                .message
                .contains("read as a reference to that time")
        );
        let found = findings(
            &c,
            "2015-06-01",
            "President Anna Varga's reforms are still debated.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Unverifiable], "{found:#?}");
        // Without such words, or soon after the term, the title is wrong.
        for (date, text) in [
            ("2015-06-01", "President Anna Varga spoke on Monday."),
            ("2011-06-01", "He worked under President Anna Varga."),
        ] {
            let found = findings(&c, date, text, "holds");
            assert_eq!(only_verdicts(&found), [Contradicted], "{text}: {found:#?}");
        }
        // A generation later, any mention is historical.
        let found = findings(&c, "2035-06-01", "President Anna Varga spoke.", "holds");
        assert_eq!(only_verdicts(&found), [Unverifiable], "{found:#?}");
    }

    #[test]
    fn a_bare_role_word_is_not_a_foreign_office_of_someone_placed_elsewhere() {
        let c = checker(&namesakes());
        // Boris Kell is Ruritania's president: "chairman" is some other chairmanship of his,
        // not Graustark's council.
        let found = findings(&c, "2015-06-01", "The chairman Boris Kell spoke.", "holds");
        assert_eq!(only_verdicts(&found), [Unverifiable], "{found:#?}");
        // Someone the reference places nowhere may be checked; the holder is supported.
        let found = findings(&c, "2015-06-01", "The chairman Olaf Brun spoke.", "holds");
        assert_eq!(only_verdicts(&found), [Supported], "{found:#?}");
    }

    #[test]
    fn a_role_of_a_body_the_reference_does_not_know_is_not_checked() {
        let c = checker(CLAIMS);
        // In 2005 Boris Kell was not Ruritania's president, but these are other presidencies.
        for text in [
            "The talks were led by CBT President Boris Kell.",
            "said Acme president Boris Kell.",
            "Boris Kell, president of the Chronicle, said so.",
        ] {
            let found = findings(&c, "2005-06-01", text, "holds");
            assert!(
                found.iter().all(|f| f.verdict != Contradicted),
                "{text}: {found:#?}"
            );
        }
        let found = findings(&c, "2005-06-01", "said President Boris Kell.", "holds");
        assert_eq!(only_verdicts(&found), [Contradicted], "{found:#?}");
        // A headline above the paragraph qualifies nothing in it.
        let c = checker(&namesakes());
        let found = findings(
            &c,
            "2015-06-01",
            "GRAUSTARK\n\nPresident Boris Kell spoke.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Supported], "{found:#?}");
    }

    #[test]
    fn a_title_belongs_to_the_name_it_stands_before() {
        let c = checker(CLAIMS);
        // The role after the comma is Anna Varga's title, not an appositive of Cora Maas.
        let found = findings(
            &c,
            "2005-06-01",
            "Cora Maas, President Anna Varga and others met.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Supported], "{found:#?}");
        assert_eq!(found[0].text, "President Anna Varga");
        // A sentence's last word is no organization the title belongs to.
        let found = findings(
            &c,
            "2005-06-01",
            "They met Boris Kell. President Anna Varga spoke.",
            "holds",
        );
        assert_eq!(only_verdicts(&found), [Supported], "{found:#?}");
    }

    #[test]
    fn the_holder_on_the_story_date_is_supported() {
        let c = checker(CLAIMS);
        let found = findings(
            &c,
            "2015-06-01",
            "President Boris Kell spoke on Monday.",
            "holds",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported);
        assert_eq!(found[0].text, "President Boris Kell");
        assert_eq!(found[0].evidence[0].source, "https://example.org/kell");
    }

    #[test]
    fn a_past_holder_is_contradicted_with_the_holder_and_former_suggested() {
        let c = checker(CLAIMS);
        let found = findings(&c, "2015-06-01", "President Anna Varga spoke.", "holds");
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f.verdict, Contradicted);
        assert!(f.message.contains("2015-06-01"), "{}", f.message);
        assert!(
            f.evidence
                .iter()
                .any(|e| e.statement.starts_with("Boris Kell held")),
            "{:#?}",
            f.evidence
        );
        let suggestion = f.suggestion.as_ref().expect("a suggestion");
        assert_eq!(suggestion.replacement, "former President Anna Varga");
        assert!(!suggestion.safe, "adding 'former' is an editor's call");
    }

    #[test]
    fn former_is_supported_after_the_term_and_contradicted_during_it() {
        let c = checker(CLAIMS);
        assert_eq!(
            verdicts(
                &c,
                "2015-06-01",
                "Former President Anna Varga spoke.",
                "holds"
            ),
            [(Supported, "President Anna Varga".to_string())]
        );
        let found = findings(
            &c,
            "2015-06-01",
            "Former President Boris Kell spoke.",
            "holds",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert!(
            found[0].message.contains("still held"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_date_in_the_sentence_supports_the_title_held_then() {
        let c = checker(CLAIMS);
        let found = findings(
            &c,
            "2015-06-01",
            "In 2005, President Anna Varga opened the bridge.",
            "holds",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        assert!(found[0].message.contains("2005"), "{}", found[0].message);
    }

    #[test]
    fn a_date_in_the_sentence_outside_every_term_still_contradicts() {
        let c = checker(CLAIMS);
        let found = findings(
            &c,
            "2015-06-01",
            "In 1990, President Anna Varga opened the bridge.",
            "holds",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert!(
            found[0].message.contains("nor at “1990”"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_sentence_date_supports_only_a_term_certainly_covering_it() {
        let c = checker(CLAIMS);
        // Cora Maas's term starts "1995": certainly in office some time in 1995, but maybe
        // not yet on March 3 of it.
        let found = findings(
            &c,
            "2015-06-01",
            "In 1995, President Cora Maas opened the bridge.",
            "holds",
        );
        assert_eq!(found[0].verdict, Supported, "{}", found[0].message);
        let found = findings(
            &c,
            "2015-06-01",
            "On March 3, 1995, President Cora Maas opened the bridge.",
            "holds",
        );
        assert_ne!(found[0].verdict, Supported, "{}", found[0].message);
    }

    #[test]
    fn without_a_story_date_titles_are_unverifiable() {
        let c = checker(CLAIMS);
        assert_eq!(
            verdicts(&c, "", "President Anna Varga spoke.", "holds"),
            [(Unverifiable, "President Anna Varga".to_string())]
        );
    }

    #[test]
    fn a_term_known_only_to_the_year_neither_supports_nor_contradicts_a_day_in_it() {
        let c = checker(CLAIMS);
        // Cora Maas's term starts "1995": 1995-02-01 may or may not be inside it.
        let found = findings(&c, "1995-02-01", "President Cora Maas spoke.", "holds");
        assert_eq!(found[0].verdict, Unverifiable, "{}", found[0].message);
        assert_eq!(
            verdicts(&c, "1996-02-01", "President Cora Maas spoke.", "holds"),
            [(Supported, "President Cora Maas".to_string())]
        );
    }

    #[test]
    fn deputy_and_other_offices_are_not_checked_as_the_office() {
        let c = checker(CLAIMS);
        assert!(
            verdicts(
                &c,
                "2015-06-01",
                "Vice President Anna Varga spoke.",
                "holds"
            )
            .is_empty()
        );
    }
}
