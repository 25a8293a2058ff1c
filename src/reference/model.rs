//! The reference model: entities with statements, Wikidata style.

use crate::time::DateRange;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Index of an entity in `Reference::entities`: a lookup, never a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityIdx(pub u32);

impl EntityIdx {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Office,
    Place,
    Organization,
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Office,
        EntityKind::Place,
        EntityKind::Organization,
        EntityKind::Event,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Office => "office",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
            EntityKind::Event => "event",
        }
    }

    pub fn parse(text: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where something was declared: for messages that send the maintainer to the right line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Shared by every origin in the file: a large reference has millions.
    #[serde(deserialize_with = "shared_name")]
    pub file: std::sync::Arc<str>,
    pub line: usize,
    pub column: usize,
}

thread_local! {
    /// The file names of the cache being read on this thread (see `shared_name`).
    static SHARED_NAMES: std::cell::RefCell<Vec<std::sync::Arc<str>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Starts a new table of shared file names: one per cache read, so a long-running program
/// that reads many caches does not keep every name it ever saw.
pub(crate) fn forget_shared_names() {
    SHARED_NAMES.with_borrow_mut(Vec::clear);
}

/// A file name read back (from the reference cache) as the one shared copy of that name, with
/// no allocation per origin.
fn shared_name<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::sync::Arc<str>, D::Error> {
    use std::sync::Arc;
    struct Shared;
    impl serde::de::Visitor<'_> for Shared {
        type Value = Arc<str>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a file name")
        }
        fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Arc<str>, E> {
            Ok(SHARED_NAMES.with_borrow_mut(|names| {
                // The names of one load's files: a handful, the one used last kept last,
                // where the next origin (mostly from the same file) looks first.
                match names.iter().rposition(|n| **n == *name) {
                    Some(i) => {
                        let last = names.len() - 1;
                        names.swap(i, last);
                        names[last].clone()
                    }
                    None => {
                        let shared: Arc<str> = name.into();
                        names.push(shared.clone());
                        shared
                    }
                }
            }))
        }
    }
    deserializer.deserialize_str(Shared)
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Offices: at most one holder at a time.
    pub single_holder: bool,
    pub statements: Vec<Statement>,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Entity(EntityIdx),
    Date(DateRange),
    Text(String),
    Number(f64),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub property: String,
    pub value: Value,
    /// Validity period; `None` is open (since forever, or still true).
    pub start: Option<DateRange>,
    pub end: Option<DateRange>,
    pub source: String,
    pub qualifiers: BTreeMap<String, String>,
    /// True for the mirror of a symmetric or inverse statement, added at load time.
    pub derived: bool,
    pub origin: Origin,
}

impl Statement {
    /// Does the statement hold on `day`? An open end holds; a partial date counts in the
    /// statement's favour (a start "2019-04" holds from April 1, an end "2019-04" until April 30).
    pub fn holds_on(&self, day: NaiveDate) -> bool {
        let after_start = self
            .start
            .and_then(|s| s.first_day())
            .is_none_or(|s| s <= day);
        let before_end = self.end.and_then(|e| e.last_day()).is_none_or(|e| day <= e);
        after_start && before_end
    }

    /// Does the statement certainly hold on `day`: inside the period even at its narrowest?
    pub fn certainly_holds_on(&self, day: NaiveDate) -> bool {
        let after_start = self
            .start
            .and_then(|s| s.last_day())
            .is_none_or(|s| s <= day);
        let before_end = self.end.and_then(|e| e.first_day()).is_none_or(|e| day < e);
        after_start && before_end
    }

    /// Does the statement certainly hold at some time from `first` to `last`: its start is
    /// before the end of that span and its end after the beginning, even at their narrowest?
    /// A term known only as "2018" certainly overlaps the year 2018, not any day of it.
    pub fn certainly_holds_during(&self, first: NaiveDate, last: NaiveDate) -> bool {
        let started = self
            .start
            .and_then(|s| s.last_day())
            .is_none_or(|s| s <= last);
        let not_ended = self
            .end
            .and_then(|e| e.first_day())
            .is_none_or(|e| first < e);
        started && not_ended
    }

    /// The validity period as an editor reads it: "from 2016-05-09 to 2020-01-18".
    pub fn period(&self) -> String {
        match (&self.start, &self.end) {
            (Some(s), Some(e)) => format!("from {s} to {e}"),
            (Some(s), None) => format!("since {s}"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => String::new(),
        }
    }
}

/// The type of a property's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    Entity,
    Date,
    Text,
    Number,
}

impl ValueType {
    pub fn parse(text: &str) -> Option<ValueType> {
        match text {
            "entity" => Some(ValueType::Entity),
            "date" => Some(ValueType::Date),
            "text" => Some(ValueType::Text),
            "number" => Some(ValueType::Number),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub id: String,
    pub value: ValueType,
    pub description: Option<String>,
    pub symmetric: bool,
    /// A located in B located in C: A is located in C.
    pub transitive: bool,
    pub inverse: Option<String>,
    pub origin: Origin,
}
