//! Recurrences: "daily" (P1D), "annually" (P1Y), "every Saturday" (XXXX-WXX-6), "each July"
//! (XXXX-07), "every other week" (P2W), "$5 a year" (P1Y), "Tuesday nights" (XXXX-WXX-2TNI).

use super::durations::{in_rate_context, value};
use super::lexicon::{self, month_at, part_of_day, weekday_at, weekday_plural};
use super::numbers::cardinal;
use super::{Found, Tagger, TimexType};
use chrono::Weekday;

fn set(end: usize, value: String) -> Found {
    Found::new(end, TimexType::Set, value)
}

fn weekday_pattern(w: Weekday) -> String {
    format!("XXXX-WXX-{}", w.number_from_monday())
}

pub(crate) fn at(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    let adverb = match cx.w(i) {
        "daily" => Some("P1D"),
        "nightly" => Some("P1D"),
        "weekly" => Some("P1W"),
        "biweekly" | "fortnightly" => Some("P2W"),
        "monthly" => Some("P1M"),
        "quarterly" => Some("P3M"),
        "yearly" | "annually" => Some("P1Y"),
        "semiannually" | "biannually" => Some("P6M"),
        "hourly" => Some("PT1H"),
        _ => None,
    };
    if let Some(v) = adverb {
        // "its quarterly dividend", "annual report": before the nouns of company reporting
        // the adjective names a kind of payment or filing, not a recurrence of the story.
        if matches!(
            cx.w(i + 1),
            "dividend"
                | "dividends"
                | "report"
                | "reports"
                | "earnings"
                | "results"
                | "payment"
                | "payments"
                | "statement"
                | "statements"
                | "rate"
                | "meeting"
                | "filing"
                | "loss"
                | "profit"
                | "sales"
                | "revenue"
                | "interest"
                | "fee"
                | "fees"
        ) {
            return None;
        }
        return Some(set(i + 1, v.to_string()));
    }
    // "Tuesdays", "Tuesday nights"
    if let Some(w) = weekday_plural(cx, i) {
        return Some(set(i + 1, weekday_pattern(w)));
    }
    if let Some((w, end)) = weekday_at(cx, i) {
        if cx.w(end) == "nights"
            || cx.w(end) == "mornings"
            || cx.w(end) == "evenings"
            || cx.w(end) == "afternoons"
        {
            let code = part_of_day(cx.w(end))?;
            return Some(set(end + 1, format!("{}{code}", weekday_pattern(w))));
        }
        return None;
    }
    // "twice a week", "three times a year", "once every month": the frequency stays in the
    // extent of the recurrence it counts.
    let times_end = match cx.w(i) {
        "once" | "twice" | "thrice" => Some(i + 1),
        _ => cardinal(cx, i)
            .filter(|n| n.value >= 1.0 && cx.w(n.end) == "times")
            .map(|n| n.end + 1),
    };
    if let Some(j) = times_end {
        if matches!(cx.w(j), "every" | "each") {
            return at(t, j).map(|f| set(f.end, f.value));
        }
        if !matches!(cx.w(j), "a" | "an" | "per") {
            return None;
        }
        let (u, plural) = lexicon::unit(cx.w(j + 1))?;
        return (!plural).then(|| set(j + 2, value(Some(1.0), u)));
    }
    match cx.w(i) {
        "every" | "each" | "per" => {
            let mut j = i + 1;
            let mut count = 1.0;
            if cx.w(j) == "other" {
                count = 2.0;
                j += 1;
            } else if let Some(n) = cardinal(cx, j) {
                count = n.value;
                j = n.end;
            }
            if let Some((u, _)) = lexicon::unit(cx.w(j)) {
                if cx.w(i) == "each" && cx.w(j + 1) == "of" {
                    return None;
                }
                return Some(set(j + 1, value(Some(count), u)));
            }
            if let Some((w, end)) = weekday_at(cx, j) {
                let part = part_of_day(cx.w(end));
                return Some(match part {
                    Some(code) => set(end + 1, format!("{}{code}", weekday_pattern(w))),
                    None => set(end, weekday_pattern(w)),
                });
            }
            if let Some((m, end)) = month_at(cx, j) {
                return Some(set(end, format!("XXXX-{m:02}")));
            }
            if let Some(code) = part_of_day(cx.w(j)) {
                return Some(set(j + 1, format!("XXXX-XX-XX{code}")));
            }
            if let Some(code) = super::anchor::season_code(cx.w(j)) {
                return Some(set(j + 1, format!("XXXX-{code}")));
            }
            None
        }
        "a" | "an" => {
            let (u, plural) = lexicon::unit(cx.w(i + 1))?;
            (!plural && in_rate_context(t, i)).then(|| set(i + 2, value(Some(1.0), u)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn recurrences() {
        let dct = "1998-02-13";
        assert_eq!(
            tags("It is published daily.", dct),
            vec![("daily", "SET", "P1D")]
        );
        assert_eq!(
            tags("They meet every Saturday.", dct),
            vec![("every Saturday", "SET", "XXXX-WXX-6")]
        );
        assert_eq!(
            tags("It costs $5 a year.", dct),
            vec![("a year", "SET", "P1Y")]
        );
        assert_eq!(
            tags("They meet twice a week and three times a year.", dct),
            vec![
                ("twice a week", "SET", "P1W"),
                ("three times a year", "SET", "P1Y")
            ]
        );
        assert_eq!(
            tags("It is inspected once every month.", dct),
            vec![("once every month", "SET", "P1M")]
        );
        assert!(tags("He tried twice and failed.", dct).is_empty());
        assert_eq!(
            tags("They play Tuesday nights.", dct),
            vec![("Tuesday nights", "SET", "XXXX-WXX-2TNI")]
        );
        assert_eq!(
            tags("He visits each July.", dct),
            vec![("each July", "SET", "XXXX-07")]
        );
        assert_eq!(
            tags("It is paid annually.", dct),
            vec![("annually", "SET", "P1Y")]
        );
    }
}
