//! Lengths of time: "eight months" (P8M), "two-year" (P2Y), "the past three years", "the
//! first nine months", "twenty four hours", "5 1/2 hours" (PT5H30M), "a week", "several
//! days" (PXD), "the next few years", "years" (PXY).

use super::lexicon::{self, Unit};
use super::numbers::cardinal;
use super::tokens::TokenKind;
use super::{Found, Tagger, TimexType};

/// Words between the determiner and the count that keep the phrase a duration: "the past
/// three years", "the first nine months", "an additional year".
fn is_span_modifier(word: &str) -> bool {
    matches!(
        word,
        "past"
            | "last"
            | "next"
            | "first"
            | "coming"
            | "previous"
            | "following"
            | "latest"
            | "final"
            | "initial"
            | "remaining"
            | "additional"
            | "further"
            | "recent"
            | "prior"
            | "ensuing"
            | "subsequent"
            | "succeeding"
            | "preceding"
            | "full"
            | "entire"
            | "whole"
            | "same"
            | "early"
    )
}

/// Words between the count and the unit: "two more weeks", "eight trading days".
fn is_count_modifier(word: &str) -> bool {
    matches!(
        word,
        "more"
            | "additional"
            | "straight"
            | "consecutive"
            | "full"
            | "trading"
            | "business"
            | "calendar"
            | "successive"
            | "long"
            | "extra"
            | "further"
    )
}

/// Whether "and a half" (or "and one half") starts at token `k`.
fn and_a_half(cx: &super::Cx, k: usize) -> bool {
    cx.w(k) == "and" && matches!(cx.w(k + 1), "a" | "one") && cx.w(k + 2) == "half"
}

/// Whether a line break lies between token `k - 1` and token `k`.
fn line_break_before(cx: &super::Cx, k: usize) -> bool {
    match (cx.tokens.get(k.wrapping_sub(1)), cx.tokens.get(k)) {
        (Some(a), Some(b)) => cx
            .text
            .get(a.span.end..b.span.start)
            .is_some_and(|gap| gap.contains('\n')),
        _ => false,
    }
}

pub(crate) fn at(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let first = cx.w(i);
    let gate = cx.kind(i) == Some(TokenKind::Number)
        || matches!(
            first,
            "the"
                | "a"
                | "an"
                | "another"
                | "several"
                | "few"
                | "many"
                | "some"
                | "half"
                | "recent"
                | "coming"
                | "dozens"
                | "hundreds"
                | "thousands"
        )
        || is_span_modifier(first)
        || lexicon::unit(first).is_some()
        || cardinal(cx, i).is_some();
    if !gate {
        return None;
    }
    let mut j = i;
    // "a hundred years": the article is part of the number.
    let article_number = matches!(cx.w(j), "a" | "an") && cardinal(cx, j).is_some();
    let determiner = !article_number
        && matches!(
            cx.w(j),
            "the" | "a" | "an" | "another" | "these" | "those" | "its"
        );
    if determiner {
        j += 1;
    }
    let mut span_modifier = false;
    while is_span_modifier(cx.w(j)) {
        span_modifier = true;
        j += 1;
    }
    if cx.w(j) == "half" && matches!(cx.w(j + 1), "a" | "an") {
        // "half an hour"
        let (u, plural) = lexicon::unit(cx.w(j + 2))?;
        if plural {
            return None;
        }
        return Some(Found::new(j + 3, TimexType::Duration, value(Some(0.5), u)));
    }
    // The count: a number, "a"/"an" before a singular unit, or a vague quantity.
    let (count, after_count) = if let Some(n) = cardinal(cx, j) {
        // "two and a half days"
        if and_a_half(cx, n.end) {
            (Some(n.value + 0.5), n.end + 3)
        } else {
            (Some(n.value), n.end)
        }
    } else {
        match cx.w(j) {
            "several" | "many" | "few" | "numerous" | "some" | "dozens" | "hundreds"
            | "thousands" => (None, j + 1),
            "a" if cx.w(j + 1) == "few" => (None, j + 2),
            _ if determiner && matches!(cx.w(i), "a" | "an") => (Some(1.0), j),
            _ if span_modifier || determiner => (None, j),
            _ => (None, j),
        }
    };
    let mut k = after_count;
    // "two-year", "52-week", "8-month-old"
    let hyphenated = k > j && cx.hyphen_after(k - 1);
    if hyphenated {
        // "a two-year contract": the compound is an adjective and its determiner belongs to
        // the noun; the match starts at the count instead.
        if j != i {
            return None;
        }
        k += 1;
    }
    // "two to three weeks", "12 to 18 months", "two or three days"
    if count.is_some()
        && !hyphenated
        && matches!(cx.w(k), "to" | "or")
        && let Some(n2) = cardinal(cx, k + 1)
        && lexicon::unit(cx.w(n2.end)).is_some()
    {
        k = n2.end;
    }
    while !hyphenated && is_count_modifier(cx.w(k)) {
        k += 1;
    }
    let (u, plural) = lexicon::unit(cx.w(k))?;
    // A capitalized unit on the next line heads a table row ("Avg shrs 3,904,373 vs
    // 3,495,579\n Year"), not the count's unit; a wrapped line's "10\nmonths" is.
    if k > i && cx.capitalized(k) && line_break_before(cx, k) {
        return None;
    }
    let mut end = k + 1;
    // "a second term", "a second group": the ordinal before its noun, not one second, which
    // a preposition, a conjunction or a comparison follows ("a second later", "a second or
    // two", "for a second, nothing").
    if u == Unit::Second
        && !plural
        && matches!(cx.w(i), "a" | "an" | "another")
        && cx.kind(end) == Some(TokenKind::Word)
        && cx.sentence(end) == cx.sentence(k)
        && !matches!(
            cx.w(end),
            "later"
                | "earlier"
                | "ago"
                | "before"
                | "after"
                | "or"
                | "and"
                | "of"
                | "to"
                | "in"
                | "for"
                | "at"
                | "on"
                | "than"
                | "longer"
                | "more"
                | "less"
                | "too"
                | "each"
                | "per"
                | "when"
                | "while"
                | "as"
        )
    {
        return None;
    }
    // "the 1986 year", "1987 first quarter": a year written before a singular unit names
    // the period of that year, not 1,986 years.
    if !plural && super::dates::year_token(cx, j).is_some() {
        return None;
    }
    if u == Unit::Weekend && count.is_none() {
        return None; // "the weekend" is a date (relative.rs)
    }
    // A bare unit needs a count or a vague quantity before it, except a bare plural after a
    // preposition: "for years", "in months".
    // "the past year and a half": one of the unit, to which the half is added below.
    let count =
        if count.is_none() && after_count == j && !plural && span_modifier && and_a_half(cx, end) {
            Some(1.0)
        } else {
            count
        };
    let no_count = count.is_none() && after_count == j;
    if no_count {
        if !plural {
            return None;
        }
        let previous = if i > 0 { cx.w(i - 1) } else { "" };
        let bare_ok = span_modifier
            || determiner && cx.w(i) == "the"
            || (i == j
                && matches!(
                    previous,
                    "for" | "in" | "over" | "within" | "after" | "took" | "lasted" | "spent"
                ));
        if !bare_ok
            || (determiner && !span_modifier && cx.w(i) == "the" && !matches!(cx.w(end), "ahead"))
        {
            return None;
        }
    }
    if !plural && count.is_some_and(|n| n > 1.0) && !hyphenated && count != Some(1.0) {
        // "two year" happens in speech transcripts ("two day", "six year"); keep it.
    }
    if count == Some(1.0) && plural {
        return None;
    }
    // "ago", "earlier", "later" make it a date (relative.rs); so does a set context "$5 a year".
    if matches!(cx.w(end), "ago" | "earlier" | "later" | "hence") {
        return None;
    }
    if matches!(cx.w(i), "a" | "an") && count == Some(1.0) && in_rate_context(t, i) {
        return None;
    }
    // Ages ("a 6-year-old boy", "Slepian, 52 years old") are not durations in TimeML, nor
    // are fractions ("three-quarters of the vote").
    let age = if hyphenated {
        cx.hyphen_after(end - 1) && cx.w(end + 1) == "old"
    } else {
        cx.w(end) == "old"
    };
    if age || (hyphenated && plural) {
        return None;
    }
    if !hyphenated && cx.hyphen_after(end - 1) {
        // "a year-earlier profit", "the year-ago quarter": a compound made elsewhere.
        return None;
    }
    // "day-long", "the next year or so"
    let long = hyphenated && cx.hyphen_after(end - 1) && cx.w(end + 1) == "long";
    if long || (cx.w(end) == "or" && cx.w(end + 1) == "so") {
        end += 2;
    } else if cx.w(end) == "ahead" && determiner {
        end += 1;
    } else if count.is_some() && and_a_half(cx, end) {
        let n = count.map(|n| n + 0.5);
        return Some(Found::new(end + 3, TimexType::Duration, value(n, u)));
    }
    Some(Found::new(end, TimexType::Duration, value(count, u)))
}

/// Whether "a year" at `i` is a rate ("$5 a year", "twice a week"), which sets.rs tags.
pub(crate) fn in_rate_context(t: &Tagger, i: usize) -> bool {
    let cx = t.cx;
    if i == 0 || cx.sentence(i - 1) != cx.sentence(i) {
        return false;
    }
    let previous = cx.w(i - 1);
    cx.kind(i - 1) == Some(TokenKind::Number)
        || matches!(
            previous,
            "times"
                | "twice"
                | "once"
                | "thrice"
                | "percent"
                | "cents"
                | "dollars"
                | "dollar"
                | "yen"
                | "marks"
                | "francs"
                | "pounds"
                | "barrels"
                | "million"
                | "billion"
                | "thousand"
                | "hundred"
                | "shares"
                | "tons"
                | "%"
                | "rate"
                | "miles"
                | "visits"
                | "meetings"
                | "flights"
                | "trips"
                | "sessions"
                | "hours"
                | "days"
                | "packs"
        )
}

/// The TIMEX3 duration of `count` units; `None` is an unknown count (`PXY`).
pub(crate) fn value(count: Option<f64>, unit: Unit) -> String {
    let (designator, times) = unit.designator();
    let t = if unit.is_time() { "T" } else { "" };
    let Some(n) = count else {
        // TimeBank writes unknown decades and centuries with their own letters.
        let designator = match unit {
            Unit::Decade => "E",
            Unit::Century => "C",
            _ => designator,
        };
        return format!("P{t}X{designator}");
    };
    let total = n * f64::from(times);
    if total.fract() == 0.0 {
        return format!("P{t}{}{designator}", total as u64);
    }
    // "5 1/2 hours" is PT5H30M; "a year and a half" P1Y6M.
    if let Some((small, factor)) = unit.smaller() {
        let whole = total.trunc();
        let rest = total.fract() * f64::from(factor);
        if (rest - rest.round()).abs() < 1e-6 {
            let (small_designator, _) = small.designator();
            let rest = rest.round() as u64;
            let head = if whole > 0.0 {
                format!("{}{designator}", whole as u64)
            } else {
                String::new()
            };
            return match (unit.is_time(), small.is_time()) {
                (true, _) => format!("PT{head}{rest}{small_designator}"),
                (false, true) => format!("P{head}T{rest}{small_designator}"),
                (false, false) => format!("P{head}{rest}{small_designator}"),
            };
        }
    }
    format!("P{t}{total}{designator}")
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn the_past_year_and_a_half_is_a_length() {
        assert_eq!(
            tags(
                "Efforts over the past year and a half have done little.",
                "1987-03-24"
            ),
            vec![("the past year and a half", "DURATION", "P1Y6M")]
        );
    }

    #[test]
    fn a_unit_heading_the_next_line_is_not_the_counts() {
        let dct = "1987-03-30";
        assert!(
            tags(
                "Avg shrs 3,904,373 vs 3,495,579\n    Year\n    Oper shr loss 28 cts",
                dct
            )
            .is_empty()
        );
        // A sentence wrapped between the count and its unit.
        assert_eq!(
            tags("Producers enjoyed it for the past 10\nmonths.", dct),
            vec![("the past 10\nmonths", "DURATION", "P10M")]
        );
    }

    #[test]
    fn counted_units() {
        let dct = "1998-03-03";
        // "a second" before its noun is the ordinal; alone, or before "later", one second.
        assert!(tags("He won a second term in a second vote.", dct).is_empty());
        assert_eq!(
            tags("It stopped for a second, then went on.", dct),
            vec![("a second", "DURATION", "PT1S")]
        );
        // A year before a singular unit names that year's period; plural, it counts.
        assert_eq!(
            tags("The 1986 year had 53 weeks; 2000 years passed.", dct),
            vec![
                ("1986", "DATE", "1986"),
                ("53 weeks", "DURATION", "P53W"),
                ("2000 years", "DURATION", "P2000Y")
            ]
        );
        assert_eq!(
            tags("It took eight months.", dct),
            vec![("eight months", "DURATION", "P8M")]
        );
        assert_eq!(
            tags("a two-year contract", dct),
            vec![("two-year", "DURATION", "P2Y")]
        );
        assert_eq!(
            tags("over twenty-two years", dct),
            vec![("over twenty-two years", "DURATION", "P22Y")]
        );
        assert_eq!(
            tags("in the last twenty four hours", dct),
            vec![("the last twenty four hours", "DURATION", "PT24H")]
        );
        assert_eq!(
            tags("for 5 1/2 hours", dct),
            vec![("5 1/2 hours", "DURATION", "PT5H30M")]
        );
        // Ages are not durations.
        assert!(tags("an 8-month-old baby", dct).is_empty());
        assert!(tags("Slepian, 52 years old, died.", dct).is_empty());
        assert_eq!(
            tags("It lasted two and a half days.", dct),
            vec![("two and a half days", "DURATION", "P2DT12H")]
        );
        assert_eq!(
            tags("two decades of war", dct),
            vec![("two decades", "DURATION", "P20Y")]
        );
    }

    #[test]
    fn spans_with_determiners() {
        let dct = "1989-10-26";
        assert_eq!(
            tags("in the first nine months", dct),
            vec![("the first nine months", "DURATION", "P9M")]
        );
        assert_eq!(
            tags("over the past three years", dct),
            vec![("the past three years", "DURATION", "P3Y")]
        );
        assert_eq!(
            tags("for the next few years", dct),
            vec![("the next few years", "DURATION", "PXY")]
        );
        assert_eq!(
            tags("for several days", dct),
            vec![("several days", "DURATION", "PXD")]
        );
        assert_eq!(
            tags("It lasted a week.", dct),
            vec![("a week", "DURATION", "P1W")]
        );
        assert_eq!(
            tags("He waited for years.", dct),
            vec![("years", "DURATION", "PXY")]
        );
    }
}
