//! Shared test helper and whole-tagger properties.

use super::{TimexType, tag};
use chrono::NaiveDate;
use proptest::prelude::*;

/// One tagged expression as tests compare it: with a `(text, type, value)` tuple.
#[derive(Debug, PartialEq)]
pub(crate) struct Tagged<'t>(&'t str, &'static str, String);

impl PartialEq<(&str, &str, &str)> for Tagged<'_> {
    fn eq(&self, other: &(&str, &str, &str)) -> bool {
        self.0 == other.0 && self.1 == other.1 && self.2 == other.2
    }
}

/// Every expression tagged in `text` on document date `dct`.
pub(crate) fn tags<'t>(text: &'t str, dct: &str) -> Vec<Tagged<'t>> {
    let dct = NaiveDate::parse_from_str(dct, "%Y-%m-%d").expect("test dates are valid");
    tag(text, dct)
        .into_iter()
        .map(|t| Tagged(&text[t.span], t.kind.as_str(), t.value))
        .collect()
}

#[test]
fn a_sentence_places_its_weekdays_and_months_by_its_main_verb() {
    // A time opening the sentence dates the reporting verb it modifies.
    assert_eq!(
        tags(
            "On Friday Taft said it would negotiate with a group.",
            "1987-03-30"
        ),
        vec![("Friday", "DATE", "1987-03-27")]
    );
    // ...but a reporting verb elsewhere dates only the report.
    assert_eq!(
        tags("The group, Taft said, would meet on Friday.", "1987-03-30"),
        vec![("Friday", "DATE", "1987-04-03")]
    );
    // "due to" a noun is a cause, not a schedule.
    assert_eq!(
        tags(
            "The decline was due to remarks on Sunday by Baker.",
            "1987-10-19"
        ),
        vec![("Sunday", "DATE", "1987-10-18")]
    );
    assert_eq!(
        tags("The talks are due to resume on Sunday.", "1987-10-19"),
        vec![("Sunday", "DATE", "1987-10-25")]
    );
    assert_eq!(
        tags("The meeting is due to end on Thursday.", "1987-10-19"),
        vec![("Thursday", "DATE", "1987-10-22")]
    );
    // "seen" is a participle of the past, "to convene" a plan.
    assert_eq!(
        tags(
            "Buying is expected to exceed the high seen in December.",
            "1987-03-30"
        ),
        vec![("December", "DATE", "1986-12")]
    );
    assert_eq!(
        tags(
            "The Commission is willing to convene another case in October.",
            "1987-03-09"
        ),
        vec![("October", "DATE", "1987-10")]
    );
}

#[test]
fn types_round_trip_through_their_names() {
    for kind in [
        TimexType::Date,
        TimexType::Time,
        TimexType::Duration,
        TimexType::Set,
    ] {
        assert_eq!(TimexType::from_name(kind.as_str()), Some(kind));
    }
}

#[test]
fn a_news_paragraph() {
    let text = "Suspected bombs exploded outside the U.S. embassies Friday, killing dozens. \
                The ambassador said Tuesday that the two-year investigation will end next month.";
    let found = tags(text, "1998-08-11");
    assert_eq!(
        found,
        vec![
            ("Friday", "DATE", "1998-08-07"),
            ("Tuesday", "DATE", "1998-08-11"),
            ("two-year", "DURATION", "P2Y"),
            ("next month", "DATE", "1998-09"),
        ]
    );
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sorted_disjoint_char_ranges(text in "\\PC{0,200}", days in 0i64..40000) {
        let dct = NaiveDate::from_ymd_opt(1950, 1, 1).expect("valid") + chrono::Duration::days(days);
        let found = tag(&text, dct);
        let mut last_end = 0;
        for t in &found {
            prop_assert!(t.span.start < t.span.end);
            prop_assert!(t.span.start >= last_end);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last_end = t.span.end;
        }
    }

    #[test]
    fn temporal_word_soup_never_panics(words in proptest::collection::vec(prop::sample::select(vec![
        "the", "last", "next", "two", "twenty", "-", "four", "years", "ago", "Friday", "Sept", ".",
        "30", ",", "1998", "p", "m", "a", "12", ":", "00", "first", "quarter", "of", "early",
        "mid", "'", "90s", "every", "half", "and", "fiscal", "year", "earlier", "nineteen",
        "ninety", "century", "20th", "this", "week", "weekend", "May", "noon", "Christmas", "/",
    ]), 0..30)) {
        let text = words.join(" ");
        let _ = tag(&text, NaiveDate::from_ymd_opt(2000, 2, 29).expect("valid"));
        let joined = words.concat();
        let _ = tag(&joined, NaiveDate::from_ymd_opt(2000, 2, 29).expect("valid"));
    }
}
