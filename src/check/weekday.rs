//! `weekday`: a weekday stated with a date matches the calendar ("Wednesday, Feb. 27, 2019").

use super::{Context, Finding, Rule, Verdict, about, suggestion};
use crate::extract::date::weekday_name as name;
use crate::extract::{Claim, ClaimValue};
use chrono::{Datelike, Weekday};

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<Finding> {
    let ClaimValue::Date(date) = &claim.value else {
        return None;
    };
    let stated = date.weekday?;
    // A weekday alone ("on Saturday") was resolved from itself: nothing to check.
    if date.relative {
        return None;
    }
    let weekday_span = date.weekday_span.clone()?;
    let day = date
        .value
        .and_then(|v| v.start.as_day().filter(|_| v.is_single()))?;
    let actual = day.weekday();
    if actual == stated {
        return Some(about(
            rule,
            claim,
            Verdict::Supported,
            format!("{day} is a {}", name(actual)),
        ));
    }
    let mut f = about(
        rule,
        claim,
        Verdict::Contradicted,
        format!("{day} is a {}, not a {}", name(actual), name(stated)),
    );
    f.evidence.push(super::Evidence {
        statement: format!(
            "{day} is a {}{}",
            name(actual),
            if date.year_inferred {
                " (year taken from the story date)"
            } else {
                ""
            }
        ),
        source: "the Gregorian calendar".into(),
    });
    let written = &ctx.doc.text[weekday_span.clone()];
    let replacement = write_like(written, stated, actual);
    if let Some(text) = super::replace_in_claim(claim, &weekday_span, &replacement) {
        // Which is wrong, the weekday or the date, only the editor knows.
        f.suggestion = Some(suggestion(claim, text, false));
    }
    Some(f)
}

/// `weekday` written the way `written` (the name of `stated`) is: "Sat." -> "Fri.",
/// "Tues." -> "Wed.", "SATURDAY" -> "FRIDAY", "Friday" -> "Saturday".
fn write_like(written: &str, stated: Weekday, weekday: Weekday) -> String {
    let full = name(weekday);
    let letters = written.trim_end_matches('.').chars().count();
    // Abbreviated when shorter than the stated day's full name; abbreviations take three
    // letters, the common form in every style guide.
    let mut out: String = if letters < name(stated).len() {
        full.chars().take(3).collect()
    } else {
        full.to_string()
    };
    if written.ends_with('.') {
        out.push('.');
    }
    if written
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        out = out.to_uppercase();
    }
    out
}
