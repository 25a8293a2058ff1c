//! TIMEX3 tagging: every temporal expression of a text (TimeML's DATE, TIME, DURATION and SET),
//! with its exact extent and its normalized TIMEX3 value, resolved against the document's
//! creation date. `stet timeml` tags and scores TimeML files with it (src/timeml/).

mod anchor;
mod dates;
mod durations;
mod lexicon;
mod modifiers;
mod numbers;
mod ranges;
mod relative;
mod sets;
mod times;
mod tokens;

use anchor::Direction;
use chrono::NaiveDate;
use std::ops::Range;
use tokens::{Token, TokenKind};

/// TimeML's four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    /// The name TimeML writes in `type="..."`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// The type named by a TimeML `type` attribute.
    pub fn from_name(name: &str) -> Option<TimexType> {
        match name {
            "DATE" => Some(TimexType::Date),
            "TIME" => Some(TimexType::Time),
            "DURATION" => Some(TimexType::Duration),
            "SET" => Some(TimexType::Set),
            _ => None,
        }
    }
}

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte range in the tagged text; always on character boundaries.
    pub span: Range<usize>,
    pub kind: TimexType,
    /// The TIMEX3 `value`: `2019-02-23`, `P8M`, `XXXX-WXX-6`, `PRESENT_REF`...
    pub value: String,
}

/// The temporal expressions of `text`, sorted by start, never overlapping, with relative ones
/// resolved against `dct` (the document creation time).
pub fn tag(text: &str, dct: NaiveDate) -> Vec<Timex> {
    let lower = text.to_ascii_lowercase();
    let cx = Cx::with_lower(text, &lower);
    let mut tagger = Tagger::new(&cx, dct);
    let mut found = Vec::new();
    let mut i = 0;
    // Index in `cx.starts` of the first token at or after `i` an expression may start at.
    let mut next_start = 0;
    while i < cx.len() {
        // Straight to the next token the gate passes: it passes few.
        while cx.starts.get(next_start).is_some_and(|&start| start < i) {
            next_start += 1;
        }
        let Some(&start) = cx.starts.get(next_start) else {
            break;
        };
        i = start;
        match tagger.longest_at(i) {
            Some(m) if m.end > i => {
                let span = cx.tokens[i].span.start..cx.tokens[m.end - 1].span.end;
                if let Some(q) = m.quarter {
                    tagger.discourse_quarter = Some(q);
                }
                if m.kind != TimexType::Set
                    && let Some(date) = leading_day(&m.value)
                {
                    tagger.discourse_day = Some(date);
                }
                if let Some(year) = m.value.get(..4).filter(|_| m.kind == TimexType::Date)
                    && let Ok(year) = year.parse::<i32>()
                {
                    tagger.discourse_year = Some(year);
                }
                if m.kind != TimexType::Set
                    && m.value.as_bytes().get(4) == Some(&b'-')
                    && let (Some(Ok(year)), Some(Ok(month))) = (
                        m.value.get(..4).map(str::parse::<i32>),
                        m.value.get(5..7).map(str::parse::<u32>),
                    )
                    && (1..=12).contains(&month)
                {
                    tagger.discourse_month = Some((year, month));
                }
                found.push(Timex {
                    span,
                    kind: m.kind,
                    value: m.value,
                });
                i = m.end;
            }
            _ => i += 1,
        }
    }
    ranges::share_years(text, dct, &mut found);
    found
}

/// The day a value starts with ("1998-10-27", "1998-10-27TMO"): its first ten bytes read as
/// `%Y-%m-%d`. The common shape, four digits, two and two, is read by hand; any other goes to
/// chrono's parser, which gives the same answer for that shape.
fn leading_day(value: &str) -> Option<NaiveDate> {
    let head = value.as_bytes().get(..10)?;
    let digits = |range: std::ops::Range<usize>| {
        head.get(range)?.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if head[4] == b'-'
        && head[7] == b'-'
        && let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        // At most 9999: the year fits an i32.
        return NaiveDate::from_ymd_opt(year as i32, month, day);
    }
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// How many `numbers::cardinal` answers [`Cx`] keeps: enough for a token and the few after it.
const CARDINAL_MEMO_SLOTS: usize = 4;

/// One kept `numbers::cardinal` answer: the token asked about and the answer.
type CardinalMemo = std::cell::Cell<Option<(usize, Option<numbers::Number>)>>;

/// The tokenised text the grammar reads: every accessor is total (an index past the end reads
/// as an empty word), so rules can look ahead without bounds checks.
pub(crate) struct Cx<'a> {
    text: &'a str,
    /// Each token with its lowered word (a slice of `text.to_ascii_lowercase()`).
    tokens: Vec<Token<'a>>,
    /// The tokens an expression may start at, in order, with a few it may not: the gate's
    /// candidates (`lexicon::set_gate_bits`), each asked `lexicon::may_start` in turn.
    starts: Vec<usize>,
    /// The last `numbers::cardinal` answers, slot `i % CARDINAL_MEMO_SLOTS` for token `i`:
    /// the rules ask them again and again, the modifiers a few tokens ahead of the others.
    cardinal_memo: [CardinalMemo; CARDINAL_MEMO_SLOTS],
}

impl<'a> Cx<'a> {
    /// The tokens of `text`; `lower` is `text.to_ascii_lowercase()` (same byte offsets).
    pub(crate) fn with_lower(text: &'a str, lower: &'a str) -> Cx<'a> {
        let mut tokens = tokens::tokenize(text, lower);
        let starts = lexicon::set_gate_bits(&mut tokens);
        Cx {
            text,
            tokens,
            starts,
            cardinal_memo: Default::default(),
        }
    }

    /// [`Cx::with_lower`] for tests, which have no lowered copy of their text to lend (it is
    /// leaked).
    #[cfg(test)]
    pub(crate) fn new(text: &'a str) -> Cx<'a> {
        Cx::with_lower(text, Box::leak(text.to_ascii_lowercase().into_boxed_str()))
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The lowercased token `i`, or "" past the end.
    fn w(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.word)
    }

    /// Token `i` as written.
    fn raw(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.span.clone()])
    }

    /// The may-start gate's bits for token `i` (0 for a number, a mark, or past the end).
    fn gate(&self, i: usize) -> u8 {
        self.tokens.get(i).map_or(0, |t| t.gate)
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether token `i` and token `i + 1` touch (no space between): "two-year", "p.m".
    fn joined(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn sentence(&self, i: usize) -> usize {
        self.tokens.get(i).map_or(usize::MAX, |t| t.sentence)
    }

    /// Whether token `i` is `word` followed by `-` with nothing between ("mid-", "year-").
    fn hyphen_after(&self, i: usize) -> bool {
        self.w(i + 1) == "-" && self.joined(i) && self.joined(i + 1)
    }

    /// Whether token `i` starts with an uppercase character.
    fn capitalized(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.capitalized)
    }
}

/// A rule's match starting at the token it was asked about.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Token index just past the match.
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// A quarter the expression names, which later "the quarter" and "a year earlier" refer to.
    pub quarter: Option<(i32, u32)>,
}

impl Found {
    fn new(end: usize, kind: TimexType, value: String) -> Found {
        Found {
            end,
            kind,
            value,
            quarter: None,
        }
    }

    fn date(end: usize, value: String) -> Found {
        Found::new(end, TimexType::Date, value)
    }
}

/// The grammar's state over one text: the document date, the tense of each sentence around
/// each token, and the discourse it has read so far.
pub(crate) struct Tagger<'c, 'a> {
    cx: &'c Cx<'a>,
    dct: NaiveDate,
    /// The quarter the text last named ("third-quarter profit... the quarter").
    discourse_quarter: Option<(i32, u32)>,
    /// The day the text last named: a clock time with no day of its own ("at 10:35 a.m.")
    /// is on it.
    discourse_day: Option<NaiveDate>,
    /// The year the text last named: "that year" is it.
    discourse_year: Option<i32>,
    /// The month the text last named: "the following month" is the one after it.
    discourse_month: Option<(i32, u32)>,
    /// The tense cue of each token, as `cue_at` first found it (`None` until asked); sized
    /// on the first ask, as most texts never ask.
    cues: std::cell::RefCell<Vec<Option<Option<Direction>>>>,
}

impl<'c, 'a> Tagger<'c, 'a> {
    fn new(cx: &'c Cx<'a>, dct: NaiveDate) -> Tagger<'c, 'a> {
        Tagger {
            cx,
            dct,
            discourse_quarter: None,
            discourse_day: None,
            discourse_year: None,
            discourse_month: None,
            cues: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The tense cue at token `i`, if any; each token's is worked out once.
    fn cue_at(&self, i: usize) -> Option<Direction> {
        let Ok(mut cues) = self.cues.try_borrow_mut() else {
            return self.cue_at_uncached(i);
        };
        if cues.is_empty() {
            cues.resize(self.cx.len(), None);
        }
        match cues.get(i) {
            Some(Some(cue)) => *cue,
            Some(None) => {
                let cue = self.cue_at_uncached(i);
                if let Some(slot) = cues.get_mut(i) {
                    *slot = Some(cue);
                }
                cue
            }
            None => self.cue_at_uncached(i),
        }
    }

    /// [`Tagger::cue_at`], worked out.
    fn cue_at_uncached(&self, i: usize) -> Option<Direction> {
        let cx = self.cx;
        if cx.kind(i) != Some(TokenKind::Word) {
            return None;
        }
        let first = i == 0 || cx.sentence(i - 1) != cx.sentence(i);
        // A capitalized word inside a sentence is a name ("the United States"), not a verb.
        if !first && cx.capitalized(i) {
            return None;
        }
        let previous = if first { "" } else { cx.w(i - 1) };
        let next = if cx.sentence(i + 1) == cx.sentence(i) {
            cx.w(i + 1)
        } else {
            ""
        };
        if cx.w(i) == "due"
            && next == "to"
            && (cx.kind(i + 2) != Some(TokenKind::Word)
                || cx.capitalized(i + 2)
                || !anchor::due_to_schedules(cx.w(i + 2)))
        {
            return None;
        }
        anchor::tense_cue(previous, cx.w(i), next)
    }

    /// The direction of the tense cue nearest the expression at tokens `start..end`, looking
    /// both ways within its sentence. Computed on demand: only weekdays, months and holidays
    /// ask, so a text pays for it only where they occur.
    fn direction(&self, start: usize, end: usize) -> Direction {
        // A preposition right before the expression says it outright: "since January" is
        // past, "until Friday" to come.
        if start > 0 {
            match self.cx.w(start - 1) {
                "since" => return Direction::Past,
                // "until Friday" is to come, unless a past perfect says it has passed
                // ("Until Thursday, they had not called him a suspect").
                "until" | "till" => {
                    let sentence = self.cx.sentence(start);
                    let had = (end..end + 6)
                        .take_while(|&i| self.cx.sentence(i) == sentence)
                        .any(|i| self.cx.w(i) == "had");
                    return if had {
                        Direction::Past
                    } else {
                        Direction::Future
                    };
                }
                _ => {}
            }
        }
        let sentence = self.cx.sentence(start);
        // "since" heading the phrase the expression ends says it too: "since shortly after
        // the Oct. 23 slaying", "since the June election".
        let since = (start.saturating_sub(5)..start)
            .rev()
            .take_while(|&i| {
                self.cx.sentence(i) == sentence
                    && self.cx.kind(i) == Some(TokenKind::Word)
                    && self.cue_at(i).is_none()
            })
            .any(|i| self.cx.w(i) == "since");
        if since {
            return Direction::Past;
        }
        // A reporting verb ("said") dates the report, not what is reported: it decides only
        // right beside the expression ("said Friday") or when nothing else in the sentence
        // does.
        let reporting = |i: usize| matches!(self.cx.w(i), "said" | "says" | "told" | "say");
        // Words that end a clause: a cue past one belongs to another verb.
        let boundary =
            |i: usize| matches!(self.cx.w(i), "," | ";" | ":" | "that" | "\"" | "``" | "''");
        // A reporting verb that the expression modifies ("said on Saturday", "said in a
        // statement Sunday", "told reporters on Saturday", "Friday said") dates it; one with
        // a reported clause between ("said arrivals through July might...") dates only the
        // report.
        let governs_before = |verb: usize| {
            let modifier_follows = verb + 1 == start
                || matches!(
                    self.cx.w(verb + 1),
                    "on" | "in" | "at" | "over" | "during" | "late" | "early" | "earlier" | "later"
                );
            let told_on = self.cx.w(verb) == "told" && matches!(self.cx.w(start - 1), "on" | "at");
            start - verb <= 6 && !(verb + 1..start).any(boundary) && (modifier_follows || told_on)
        };
        // A time that opens its sentence dates the main verb, a reporting one too: "On
        // Friday Taft said it would negotiate", "Friday, the company said".
        let opens_sentence = |at: usize| at == 0 || self.cx.sentence(at - 1) != sentence;
        let fronted = opens_sentence(start)
            || (matches!(
                self.cx.w(start - 1),
                "on" | "by" | "late" | "early" | "earlier"
            ) && opens_sentence(start - 1));
        let governs_after = |verb: usize| {
            verb == end
                || (fronted
                    && verb - end <= 5
                    && !(end..verb)
                        .any(|i| matches!(self.cx.w(i), ";" | ":" | "that" | "\"" | "``" | "''")))
        };
        let nearest = |skip_reporting: bool| {
            let before = (0..start)
                .rev()
                .take_while(|&i| self.cx.sentence(i) == sentence)
                .filter(|&i| !(skip_reporting && reporting(i) && !governs_before(i)))
                .find_map(|i| self.cue_at(i).map(|d| (i, d)));
            // An infinitive after the expression completes a noun before it ("the decision
            // on Friday to open", "rose on Friday to close at"), so it says nothing of when.
            let after = (end..self.cx.len())
                .take_while(|&i| self.cx.sentence(i) == sentence)
                .filter(|&i| !(skip_reporting && reporting(i) && !governs_after(i)))
                .filter(|&i| self.cx.w(i - 1) != "to")
                .find_map(|i| self.cue_at(i).map(|d| (i, d)));
            // Distances, a cue after the expression counting as farther when a clause
            // boundary lies between ("will rule on it Wednesday, but added that...").
            let before = before.map(|(i, d)| (start - i, d));
            let after = after.map(|(i, d)| {
                let crossed = (end..i).any(boundary);
                (i + 1 - end + if crossed { 8 } else { 0 }, d)
            });
            (before, after)
        };
        let (mut before, mut after) = nearest(true);
        if before.is_none() && after.is_none() {
            (before, after) = nearest(false);
        }
        match (before, after) {
            (Some((db, b)), Some((da, a))) => {
                if db <= da {
                    b
                } else {
                    a
                }
            }
            (Some((_, d)), None) | (None, Some((_, d))) => d,
            (None, None) => Direction::Nearest,
        }
    }

    /// The quarter "the quarter" means: the one the text last named, else the last complete
    /// quarter.
    fn reported_quarter(&self) -> (i32, u32) {
        self.discourse_quarter
            .unwrap_or_else(|| self.last_complete_quarter())
    }

    /// The last quarter that ended before the document date: what "the latest quarter" of a
    /// results story is.
    fn last_complete_quarter(&self) -> (i32, u32) {
        let q = anchor::quarter_of(self.dct);
        if q == 1 {
            (chrono::Datelike::year(&self.dct) - 1, 4)
        } else {
            (chrono::Datelike::year(&self.dct), q - 1)
        }
    }

    /// The longest expression starting at token `i`, modifiers ("early", "about", "the end
    /// of") included.
    fn longest_at(&self, i: usize) -> Option<Found> {
        if !lexicon::may_start(self.cx, i) {
            // The gate's one guess about what follows (an apostrophe starts only before a
            // number) is checked against the grammar itself whenever tests run.
            debug_assert!(
                self.cx.w(i) != "'" || self.longest_ungated(i).is_none(),
                "an expression starts at the apostrophe of token {i} with no number after it: \
                 lexicon::may_start must let it through"
            );
            return None;
        }
        self.longest_ungated(i)
    }

    /// [`Tagger::longest_at`] without the may-start gate.
    fn longest_ungated(&self, i: usize) -> Option<Found> {
        let bare = if lexicon::modifier_only(self.cx, i) {
            None
        } else {
            self.core_at(i)
        };
        // Every modifier is a word: a number starts none ("about two years" starts at "about").
        let modified = if self.cx.kind(i) == Some(TokenKind::Number) {
            debug_assert!(
                modifiers::modified_at(self, i).is_none(),
                "a modifier starts at the number of token {i}"
            );
            None
        } else {
            modifiers::modified_at(self, i)
        };
        let mut best = match (bare, modified) {
            (Some(b), Some(m)) => Some(if m.end > b.end { m } else { b }),
            (b, m) => b.or(m),
        }?;
        // "the next year or so", "two weeks or so": the hedge stays in the extent.
        if self.cx.w(best.end) == "or"
            && self.cx.w(best.end + 1) == "so"
            && best.kind != TimexType::Set
        {
            best.end += 2;
        }
        Some(best)
    }

    /// The longest unmodified expression starting at token `i`.
    fn core_at(&self, i: usize) -> Option<Found> {
        // In this order, a later family winning only with a longer match; each is kept or
        // dropped as it comes rather than all five gathered first.
        let mut best = dates::at(self, i);
        if lexicon::may_start_relative(self.cx, i) {
            keep_longer(&mut best, relative::at(self, i));
        } else {
            // The family's first words are listed apart from its rules: tests check the list.
            debug_assert!(
                relative::at(self, i).is_none(),
                "a relative expression starts at {:?} (token {i}): \
                 lexicon::RELATIVE_STARTERS must list it",
                self.cx.w(i)
            );
        }
        keep_longer(&mut best, durations::at(self, i));
        keep_longer(&mut best, sets::at(self, i));
        keep_longer(&mut best, times::at(self, i));
        best
    }
}

/// `candidate` in place of `best` when it is at least as long (ties keep the later, as
/// `Iterator::max_by_key` does), for rule lists whose later rule wins a tie.
fn keep_later_on_tie(best: &mut Option<Found>, candidate: Option<Found>) {
    if let Some(c) = candidate
        && best.as_ref().is_none_or(|b| c.end >= b.end)
    {
        *best = Some(c);
    }
}

/// `candidate` in place of `best` when it is longer (ties keep the earlier).
fn keep_longer(best: &mut Option<Found>, candidate: Option<Found>) {
    if let Some(c) = candidate
        && best.as_ref().is_none_or(|b| c.end > b.end)
    {
        *best = Some(c);
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod leading_day_tests {
    use super::leading_day;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn leading_days_are_those_chrono_reads(value in "[0-9+-]{0,5}[0-9-]{0,6}[0-9TMOX]{0,4}") {
            let chrono = value
                .get(..10)
                .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok());
            prop_assert_eq!(leading_day(&value), chrono);
        }

        #[test]
        fn leading_days_of_dates(y in 0i32..10_000, m in 0u32..14, d in 0u32..33, rest in "(TMO|T10:30)?") {
            let value = format!("{y:04}-{m:02}-{d:02}{rest}");
            let chrono = NaiveDate::parse_from_str(&value[..10], "%Y-%m-%d").ok();
            prop_assert_eq!(leading_day(&value), chrono);
        }
    }
}
