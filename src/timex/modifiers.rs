//! Words before an expression that TimeML puts inside its extent: approximations ("about two
//! years ago", "nearly an hour", "more than four hours", "around 7:15 p.m."), positions in a
//! period ("early next year", "late November", "mid-1996", "the end of 1990", "the first half
//! of 1989"), and "earlier"/"later" before a deictic ("later this month", "earlier Sunday").

use super::lexicon::weekday_at;
use super::numbers::cardinal;
use super::tokens::TokenKind;
use super::{Found, Tagger, TimexType};

/// An approximation before an amount of time or a date: its length in tokens.
fn approximation(t: &Tagger, i: usize) -> Option<usize> {
    let cx = t.cx;
    Some(match (cx.w(i), cx.w(i + 1), cx.w(i + 2)) {
        ("no", "more" | "less" | "fewer", "than") => 3,
        ("more" | "less" | "fewer", "than", _) => 2,
        ("at", "least" | "most", _) => 2,
        ("up", "to", _) => 2,
        ("as", "many" | "much" | "long", "as") => 3,
        (
            "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "some"
            | "over" | "under" | "only" | "just" | "barely" | "fully" | "well" | "within",
            ..,
        ) => 1,
        _ => return None,
    })
}

/// A position within a period: its length in tokens and which part it names (for halves).
fn position(t: &Tagger, i: usize) -> Option<(usize, Option<u32>)> {
    let cx = t.cx;
    let the = usize::from(cx.w(i) == "the");
    let j = i + the;
    let w = cx.w(j);
    if matches!(w, "early" | "late" | "mid" | "sometime") {
        let hyphen = cx.hyphen_after(j);
        return Some((the + 1 + usize::from(hyphen), None));
    }
    match (cx.w(j), cx.w(j + 1), cx.w(j + 2), cx.w(j + 3)) {
        (
            "end" | "beginning" | "start" | "middle" | "close" | "turn" | "rest" | "remainder",
            "of",
            ..,
        ) => Some((the + 2, None)),
        ("first", "half", "of", _) => Some((the + 3, Some(1))),
        ("second" | "last" | "latter", "half", "of", _) => Some((the + 3, Some(2))),
        ("a", "good" | "large", "part", "of") if the == 0 => Some((4, None)),
        _ => None,
    }
}

pub(crate) fn modified_at(t: &Tagger, i: usize) -> Option<Found> {
    let cx = t.cx;
    // "the week of March 6": the ISO week of that day.
    if cx.w(i) == "the" && cx.w(i + 1) == "week" && cx.w(i + 2) == "of" {
        let core = t.core_at(i + 3)?;
        let day = chrono::NaiveDate::parse_from_str(core.value.get(..10)?, "%Y-%m-%d").ok()?;
        return Some(Found::date(core.end, super::anchor::week(day)));
    }
    if let Some(n) = approximation(t, i) {
        let word = cx.w(i);
        if matches!(word, "over" | "some" | "within" | "under")
            && matches!(cx.w(i + 1), "the" | "this" | "that" | "its" | "their")
        {
            // "over the past three years": a preposition before the expression.
            return None;
        }
        // An approximation qualifies a quantity or a clock time: "about two years ago",
        // "around 7:15 p.m."; before anything else the word is a preposition ("about the
        // future", "around Wednesday").
        let k = i + n;
        let quantity = cardinal(cx, k).is_some()
            || matches!(cx.w(k), "a" | "an" | "half" | "several" | "few" | "the")
            || cx.kind(k) == Some(TokenKind::Number);
        if !quantity {
            return None;
        }
        let core = t.core_at(k)?;
        if core.kind == TimexType::Set || core.value.ends_with("_REF") {
            return None;
        }
        // "over" and "within" mean a span only before a duration; "some" likewise.
        let duration_only = matches!(
            word,
            "over" | "under" | "some" | "within" | "just" | "only" | "well"
        );
        if duration_only && core.kind != TimexType::Duration {
            return None;
        }
        if matches!(word, "within" | "only" | "just" | "well" | "under") {
            // TimeBank leaves these outside the extent; the core stands alone.
            return None;
        }
        return Some(core);
    }
    if let Some((n, half)) = position(t, i) {
        let core = t.core_at(i + n)?;
        if core.kind != TimexType::Date || core.value.ends_with("_REF") {
            return None;
        }
        let mut found = core;
        if let Some(h) = half
            && found.value.len() == 4
        {
            found.value = format!("{}-H{h}", found.value);
        }
        return Some(found);
    }
    // "earlier this month", "later this afternoon", "late yesterday", "earlier Sunday"
    if matches!(cx.w(i), "earlier" | "later") {
        let k = i + 1;
        let deictic = matches!(
            cx.w(k),
            "this" | "that" | "today" | "yesterday" | "tomorrow" | "tonight"
        ) || weekday_at(cx, k).is_some()
            || (cx.w(k) == "in" && cx.w(k + 1) == "the");
        if !deictic {
            return None;
        }
        if cx.w(k) == "in" {
            // "earlier in the year"
            let core = t.core_at(k + 1)?;
            return (core.kind == TimexType::Date).then_some(core);
        }
        return t.core_at(k);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tests::tags;

    #[test]
    fn modifiers_join_the_extent() {
        let dct = "1989-10-27";
        assert_eq!(
            tags("Sales will rise early next year.", dct),
            vec![("early next year", "DATE", "1990")]
        );
        assert_eq!(
            tags("It will fall in late November.", dct),
            vec![("late November", "DATE", "1989-11")]
        );
        assert_eq!(
            tags("It fell in mid-1996.", dct),
            vec![("mid-1996", "DATE", "1996")]
        );
        assert_eq!(
            tags("Due by the end of 1990.", dct),
            vec![("the end of 1990", "DATE", "1990")]
        );
        assert_eq!(
            tags("He left about two years ago.", dct),
            vec![("about two years ago", "DATE", "1987")]
        );
        assert_eq!(
            tags("It took more than four hours.", dct),
            vec![("more than four hours", "DURATION", "PT4H")]
        );
        assert_eq!(
            tags("Sales rose earlier this month.", dct),
            vec![("earlier this month", "DATE", "1989-10")]
        );
        assert_eq!(
            tags("Sales in the first half of 1989 rose.", dct),
            vec![("the first half of 1989", "DATE", "1989-H1")]
        );
    }

    #[test]
    fn weeks_of_days_and_hedges() {
        let dct = "2000-02-24";
        assert_eq!(
            tags("Talks resume the week of March 6.", dct),
            vec![("the week of March 6", "DATE", "2000-W10")]
        );
        assert_eq!(
            tags("It will last the next two years or so.", "1989-10-30"),
            vec![("the next two years or so", "DURATION", "P2Y")]
        );
        assert_eq!(
            tags("They vote this coming Sunday, March eighth.", "1998-03-05"),
            vec![("this coming Sunday, March eighth", "DATE", "1998-03-08")]
        );
    }
}
