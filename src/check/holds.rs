//! `holds`: a person named with an office held it at the story's date ("U.S. President Donald
//! Trump" in 2019), or before it for "former".

use super::{Context, Finding, Rule, Verdict, finding};
use crate::extract::{Claim, ClaimValue, RoleMention};
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
];

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Vec<Finding> {
    let ClaimValue::Title(title) = &claim.value else {
        return Vec::new();
    };
    let unverifiable = |role: &RoleMention, why: String| {
        let span = role_span(claim, &title.person_span, role);
        finding(
            rule,
            span.clone(),
            &ctx.doc.text[span],
            Verdict::Unverifiable,
            why,
        )
    };
    let person_text = &ctx.doc.text[title.person_span.clone()];
    let mut out = Vec::new();
    for role in &title.roles {
        if title
            .modifier
            .as_deref()
            .is_some_and(|m| OTHER_OFFICE.contains(&m))
        {
            continue;
        }
        let [person] = title.person.as_slice() else {
            out.push(unverifiable(
                role,
                format!("“{person_text}” may be several people"),
            ));
            continue;
        };
        let Some(day) = ctx.story_date else {
            out.push(unverifiable(
                role,
                "the story has no date to check the title at".into(),
            ));
            continue;
        };
        let offices = related_offices(ctx, *person, &role.offices);
        if offices.is_empty() {
            out.push(unverifiable(
                role,
                format!(
                    "the reference cannot tell which office “{}” is for {person_text}",
                    role.text
                ),
            ));
            continue;
        }
        let span = role_span(claim, &title.person_span, role);
        out.push(check_role(
            rule,
            span,
            ctx,
            *person,
            role,
            &offices,
            day,
            title.modifier.as_deref(),
        ));
    }
    out
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
    let term_text = |s: &Statement, holder: EntityIdx, office: EntityIdx| {
        format!("{} held {} {}", name(holder), name(office), s.period())
            .trim_end()
            .to_string()
    };
    let former = matches!(modifier, Some("former" | "ex"));
    let any_time = matches!(modifier, Some("then" | "late"));
    // Supported: held on the day (or before it, for "former"/"then-"/"late"). A term known
    // only to the month or year that may or may not cover the day supports nothing.
    let mut possibly: Option<(EntityIdx, &Statement)> = None;
    for &office in offices {
        for s in terms(ctx, person, office) {
            let started_before = s.start.and_then(|d| d.first_day()).is_none_or(|d| d <= day);
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
                    .push(ctx.evidence(s, term_text(s, person, office)));
                return f;
            }
        }
    }
    if let Some((office, s)) = possibly {
        let mut f = finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference dates {}'s term as {} only {}, which may not cover {day}",
                name(person),
                name(office),
                s.period()
            ),
        );
        f.evidence
            .push(ctx.evidence(s, term_text(s, person, office)));
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
                    .push(ctx.evidence(s, term_text(s, person, office)));
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
    // Not held on the day: contradicted when the reference knows who did.
    let mut holders: Vec<(EntityIdx, EntityIdx, &Statement)> = Vec::new();
    for &office in offices {
        for (holder, s) in ctx.reference.holders_on(office, day) {
            holders.push((office, holder, s));
        }
    }
    if holders.is_empty() {
        return finding(
            rule,
            span,
            &text,
            Verdict::Unverifiable,
            format!(
                "the reference does not say who held {} on {day}",
                offices
                    .iter()
                    .map(|&o| name(o))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        );
    }
    let office_names: Vec<String> = offices.iter().map(|&o| name(o)).collect();
    let mut f = finding(
        rule,
        span.clone(),
        &text,
        Verdict::Contradicted,
        format!(
            "{} did not hold {} on {day}",
            name(person),
            office_names.join(" or ")
        ),
    );
    for (office, holder, s) in &holders {
        f.evidence
            .push(ctx.evidence(s, term_text(s, *holder, *office)));
    }
    let mut held_before = false;
    for &office in offices {
        for s in terms(ctx, person, office) {
            held_before |= s.end.and_then(|d| d.last_day()).is_some_and(|d| d < day);
            f.evidence
                .push(ctx.evidence(s, term_text(s, person, office)));
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
            f.evidence.push(ctx.evidence(s, term_text(s, person, o)));
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
