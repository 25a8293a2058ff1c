//! TIMEX3 tagging: every temporal expression of a text (TimeML's DATE, TIME, DURATION and SET),
//! with its exact extent and its normalized TIMEX3 value, resolved against the document's
//! creation date. `stet timeml` tags and scores TimeML files with it (src/timeml/).

use chrono::NaiveDate;
use std::ops::Range;

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
    // The tagger lands in the files beside this one; until then nothing is found.
    let _ = (text, dct);
    Vec::new()
}
