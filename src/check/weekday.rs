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

#[cfg(test)]
mod tests {
    use super::write_like;
    use crate::check::Verdict::{Contradicted, Supported};
    use crate::check::testing::{checker, findings};
    use chrono::Weekday::{Fri, Sat, Thu, Tue, Wed};

    #[test]
    fn a_weekday_with_a_date_matches_the_calendar() {
        let c = checker("");
        let found = findings(
            &c,
            "2019-02-23",
            "They meet on Wednesday, Feb. 27, 2019.",
            "weekday",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Supported);
        let found = findings(
            &c,
            "2019-02-23",
            "They meet on Thursday, Feb. 27, 2019.",
            "weekday",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert_eq!(found[0].evidence[0].source, "the Gregorian calendar");
        let s = found[0].suggestion.as_ref().expect("the right weekday");
        assert_eq!(s.replacement, "Wednesday, Feb. 27, 2019");
        assert!(!s.safe, "the weekday or the date may be the mistake");
    }

    #[test]
    fn the_year_of_a_date_without_one_comes_from_the_story() {
        let c = checker("");
        let found = findings(
            &c,
            "2019-02-23",
            "They meet on Thursday, Feb. 27.",
            "weekday",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert!(
            found[0].evidence[0]
                .statement
                .contains("year taken from the story date"),
            "{:#?}",
            found[0].evidence
        );
        // In 2020 Feb. 27 was a Thursday.
        let found = findings(
            &c,
            "2020-02-20",
            "They meet on Thursday, Feb. 27.",
            "weekday",
        );
        assert_eq!(found[0].verdict, Supported);
    }

    #[test]
    fn a_weekday_alone_is_not_checked() {
        let c = checker("");
        assert!(findings(&c, "2019-02-23", "They left on Saturday.", "weekday").is_empty());
    }

    #[test]
    fn corrections_keep_the_way_the_day_was_written() {
        assert_eq!(write_like("Friday", Fri, Sat), "Saturday");
        assert_eq!(write_like("Saturday", Sat, Fri), "Friday");
        assert_eq!(write_like("Fri.", Fri, Sat), "Sat.");
        assert_eq!(write_like("Tues.", Tue, Thu), "Thu.");
        assert_eq!(write_like("WEDNESDAY", Wed, Thu), "THURSDAY");
        assert_eq!(write_like("Wed", Wed, Fri), "Fri");
    }
}
