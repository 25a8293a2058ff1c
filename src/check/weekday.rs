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
    let weekday_span = date.weekday_span.clone()?;
    // A weekday alone ("on Saturday", "last Saturday") was resolved from itself: nothing to
    // check. One written before a date is checked, even when the date's year is relative to
    // the story ("Tuesday, June 12 last year").
    if date.relative && weekday_span.end >= claim.span.end {
        return None;
    }
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
    use crate::check::Severity;
    use crate::check::Verdict::{Contradicted, Supported};
    use crate::check::testing::{checker, findings, verdicts};
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

    #[test]
    fn a_wrong_weekday_is_an_error_naming_the_calendar_day() {
        let c = checker("");
        let found = findings(
            &c,
            "2019-02-23",
            "The summit opens on Thursday, Feb. 27, 2019, in Fredville.",
            "weekday",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f.rule, "weekday-date");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.text, "Thursday, Feb. 27, 2019");
        assert_eq!(f.message, "2019-02-27 is a Wednesday, not a Thursday");
        // The year was written: the evidence does not say it was inferred.
        assert_eq!(f.evidence[0].statement, "2019-02-27 is a Wednesday");
        let s = f.suggestion.as_ref().expect("the calendar's weekday");
        assert_eq!(s.original, "Thursday, Feb. 27, 2019");
        assert_eq!(s.span, f.span);
    }

    #[test]
    fn the_suggested_weekday_is_written_in_the_story_style() {
        let c = checker("");
        for (text, replacement) in [
            ("They meet Thurs., Feb. 27, 2019.", "Wed., Feb. 27, 2019"),
            ("They meet Thu. Feb. 27, 2019.", "Wed. Feb. 27, 2019"),
            ("They meet Sat., Feb. 27, 2019.", "Wed., Feb. 27, 2019"),
            (
                "They meet on Thursday 27 February 2019.",
                "Wednesday 27 February 2019",
            ),
            (
                "They meet on Thursday, the 27th of February 2019.",
                "Wednesday, the 27th of February 2019",
            ),
            (
                "They meet on Thursday, 2019-02-27.",
                "Wednesday, 2019-02-27",
            ),
        ] {
            let found = findings(&c, "2019-02-23", text, "weekday");
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(found[0].verdict, Contradicted, "{text}");
            let s = found[0].suggestion.as_ref().expect("a correction");
            assert_eq!(s.replacement, replacement, "{text}");
        }
    }

    #[test]
    fn right_weekdays_in_every_style_are_supported() {
        let c = checker("");
        for text in [
            "They meet Wed., Feb. 27, 2019.",
            "They meet Wednesday 27 February 2019.",
            "They meet on Wednesday, the 27th of February 2019.",
            "They meet on Wednesday, 2019-02-27.",
            "They meet on Wednesday, February 27.",
        ] {
            assert_eq!(
                verdicts(&c, "2019-02-23", text, "weekday")
                    .into_iter()
                    .map(|(v, _)| v)
                    .collect::<Vec<_>>(),
                [Supported],
                "{text}"
            );
        }
    }

    #[test]
    fn a_year_left_out_is_the_one_nearest_the_story_date() {
        let c = checker("");
        // Dated Dec. 30, 2019, "Jan. 2" is Jan. 2, 2020, a Thursday (Jan. 2, 2019 was a
        // Wednesday).
        assert_eq!(
            verdicts(
                &c,
                "2019-12-30",
                "Talks resume Thursday, Jan. 2.",
                "weekday"
            ),
            [(Supported, "Thursday, Jan. 2".to_string())]
        );
        let found = findings(
            &c,
            "2019-12-30",
            "Talks resume Wednesday, Jan. 2.",
            "weekday",
        );
        assert_eq!(found[0].verdict, Contradicted);
        assert_eq!(
            found[0].message,
            "2020-01-02 is a Thursday, not a Wednesday"
        );
        assert_eq!(
            found[0].evidence[0].statement,
            "2020-01-02 is a Thursday (year taken from the story date)"
        );
        // Dated in the spring, "Dec. 28" looks back to the December before.
        assert_eq!(
            verdicts(&c, "2019-03-01", "They met Friday, Dec. 28.", "weekday"),
            [(Supported, "Friday, Dec. 28".to_string())]
        );
    }

    #[test]
    fn without_a_story_date_only_dates_with_a_year_are_checked() {
        let c = checker("");
        assert!(findings(&c, "", "They meet on Thursday, Feb. 27.", "weekday").is_empty());
        assert_eq!(
            verdicts(&c, "", "They meet on Thursday, Feb. 27, 2019.", "weekday"),
            [(Contradicted, "Thursday, Feb. 27, 2019".to_string())]
        );
    }

    #[test]
    fn each_end_of_a_range_written_with_its_weekday_is_checked() {
        let c = checker("");
        let found = findings(
            &c,
            "2019-02-23",
            "The talks run from Wednesday, Feb. 27, to Friday, Feb. 28, 2019.",
            "weekday",
        );
        let got: Vec<_> = found.iter().map(|f| (f.verdict, f.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (Supported, "Wednesday, Feb. 27"),
                (Contradicted, "Friday, Feb. 28, 2019")
            ]
        );
        let s = found[1].suggestion.as_ref().expect("a correction");
        assert_eq!(s.replacement, "Thursday, Feb. 28, 2019");
    }

    #[test]
    fn a_day_range_has_no_single_weekday_to_check() {
        let c = checker("");
        for text in [
            "The summit is set for Feb. 27-28 in Fredville.",
            "The summit runs Wednesday and Thursday, Feb. 27-28.",
            "The summit runs Monday, Feb. 27-28.",
        ] {
            assert!(
                findings(&c, "2019-02-23", text, "weekday").is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn weekdays_relative_to_the_story_date_are_not_checked() {
        let c = checker("");
        for text in [
            "They met last Wednesday.",
            "They will meet next Thursday.",
            "Talks resumed on Friday, officials said.",
            "He spoke yesterday and leaves today.",
            "They met Sunday, two days ago.",
        ] {
            assert!(
                findings(&c, "2019-02-23", text, "weekday").is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_weekday_with_a_date_in_last_or_this_year_is_checked() {
        let c = checker("");
        // June 12, 2018 was a Tuesday; June 12, 2019 a Wednesday.
        assert_eq!(
            verdicts(
                &c,
                "2019-02-23",
                "They met on Tuesday, June 12 last year, in Strelsau.",
                "weekday"
            ),
            [(Supported, "Tuesday, June 12 last year".to_string())]
        );
        let found = findings(
            &c,
            "2019-02-23",
            "They met on Wednesday, June 12 last year, in Strelsau.",
            "weekday",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].verdict, Contradicted);
        assert_eq!(found[0].message, "2018-06-12 is a Tuesday, not a Wednesday");
        assert_eq!(
            found[0].suggestion.as_ref().map(|s| s.replacement.as_str()),
            Some("Tuesday, June 12 last year")
        );
        assert_eq!(
            verdicts(
                &c,
                "2019-02-23",
                "They meet on Tuesday, 12 June this year.",
                "weekday"
            ),
            [(Contradicted, "Tuesday, 12 June this year".to_string())]
        );
    }
}
