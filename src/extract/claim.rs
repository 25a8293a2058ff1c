//! The `Claim`: one checkable statement found in a story, with its exact span.

use crate::reference::EntityIdx;
use crate::time::DateRange;
use chrono::Weekday;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// What kind of statement a claim is. One extractor per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    Date,
    Number,
    Ordinal,
    Duration,
    Mention,
    Title,
    /// A claim built by a rule's template ("Vietnam's capital, Hanoi").
    Template,
    /// A capitalized name that the reference does not know (a spelling candidate).
    Name,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 8] = [
        ClaimKind::Date,
        ClaimKind::Number,
        ClaimKind::Ordinal,
        ClaimKind::Duration,
        ClaimKind::Mention,
        ClaimKind::Title,
        ClaimKind::Template,
        ClaimKind::Name,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimKind::Date => "date",
            ClaimKind::Number => "number",
            ClaimKind::Ordinal => "ordinal",
            ClaimKind::Duration => "duration",
            ClaimKind::Mention => "mention",
            ClaimKind::Title => "title",
            ClaimKind::Template => "template",
            ClaimKind::Name => "name",
        }
    }

    pub fn parse(text: &str) -> Option<ClaimKind> {
        ClaimKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One statement in the story. `span` is a byte range of `Document::text`.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub span: Range<usize>,
    pub text: String,
    pub value: ClaimValue,
    /// Index of the sentence (in `Document::sentences`) that holds the claim.
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ClaimValue {
    Date(DateClaim),
    Number(NumberClaim),
    Ordinal(u32),
    Duration(DurationClaim),
    Mention(MentionClaim),
    Title(TitleClaim),
    Template(TemplateClaim),
    Name(NameClaim),
}

/// A date as written, resolved to the calendar where it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct DateClaim {
    /// The calendar value; `None` when it is relative and the story has no date.
    pub value: Option<DateRange>,
    /// A weekday the text states along with the date ("Wednesday, Feb. 27").
    pub weekday: Option<Weekday>,
    /// Byte range (in `Document::text`) of the weekday word, when one is stated.
    pub weekday_span: Option<Range<usize>>,
    /// True when the value was computed from the story date ("on Saturday", "last year").
    pub relative: bool,
    /// True when the year was not written and was inferred from the story date.
    pub year_inferred: bool,
    /// How the text writes the date, so a correction can be written the same way.
    pub style: DateStyle,
}

/// How a date is written: enough to write another date the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateStyle {
    pub month: MonthStyle,
    /// "27 February" rather than "February 27".
    pub day_first: bool,
    /// The year is written.
    pub year_shown: bool,
    /// The date is written numerically ("2019-02-23").
    pub iso: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MonthStyle {
    /// "February"
    #[default]
    Full,
    /// "Feb."
    AbbrevDot,
    /// "Feb"
    Abbrev,
}

/// A number or quantity: "eight", "1.2 million", "35 percent", "$4 billion".
#[derive(Debug, Clone, PartialEq)]
pub struct NumberClaim {
    pub value: f64,
    /// "percent", "USD", "people", ... when the text names one.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl TimeUnit {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
            TimeUnit::Decade => "decade",
            TimeUnit::Century => "century",
        }
    }
}

/// A stretch of time: "eight months", "for three years", "two-year".
#[derive(Debug, Clone, PartialEq)]
pub struct DurationClaim {
    pub amount: f64,
    pub unit: TimeUnit,
    /// Byte range (in `Document::text`) of the amount ("eight"), so a correction can replace it.
    pub amount_span: Range<usize>,
    /// The amount is hedged: "about", "nearly", "more than", "some".
    pub approximate: bool,
}

/// A name of one or more reference entities. Several entities when the name is ambiguous.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionClaim {
    pub entities: Vec<EntityIdx>,
}

/// A person named with an office or role: "U.S. President Donald Trump".
#[derive(Debug, Clone, PartialEq)]
pub struct TitleClaim {
    /// Candidate persons the name denotes (one unless ambiguous).
    pub person: Vec<EntityIdx>,
    /// The name as written and its span.
    pub person_span: Range<usize>,
    /// Each office or role named for the person, with the offices it may denote.
    pub roles: Vec<RoleMention>,
    /// "former", "then-", "late", "ex-", "acting", ...: changes what is asserted.
    pub modifier: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleMention {
    pub span: Range<usize>,
    pub text: String,
    /// Offices this role may denote after qualifiers ("U.S.", "North Korea's") narrowed it.
    pub offices: Vec<EntityIdx>,
    /// Named with a qualifier ("U.S. President", "foreign minister of North Korea"), not a
    /// bare role word ("chairman") that may belong to any country or body.
    pub qualified: bool,
}

/// A claim built by a rule's template: the rule and what fills each slot.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateClaim {
    pub rule: String,
    pub slots: BTreeMap<String, Slot>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    pub span: Range<usize>,
    pub text: String,
    pub value: SlotValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SlotValue {
    Entities(Vec<EntityIdx>),
    Date(DateClaim),
    Ordinal(u32),
    Number(f64),
    Duration(DurationClaim),
    Text,
}

/// A capitalized multi-word name the reference does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct NameClaim {
    /// The name folded as the reference folds names ("ri yong hoo"): one string, not one per
    /// word, since a story has many such runs and only the spelling check looks inside them.
    pub folded: String,
}
