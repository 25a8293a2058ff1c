//! Wikidata's JSON entity format (the format of `latest-all.json` and of
//! `Special:EntityData/Q42.json`) turned into claims-model entities.
//!
//! # Input
//!
//! - A **dump**: a JSON array with one entity per line (`[`, then `{...},` lines, the last
//!   without its comma, then `]`). Each line is parsed on its own, so a dump is never held as
//!   one JSON tree and every error names its line. A dump that stops before its `]` (a cut-off
//!   download) is reported.
//! - **JSON lines**: one entity object per line, no brackets (what `jq -c` or a filter writes).
//! - A **document**: `Special:EntityData/Q42.json` (`{"entities": {"Q42": {...}}}`), a single
//!   entity object or an array of entities, possibly pretty-printed. Used when the first line
//!   does not hold a whole entity.
//!
//! Empty `labels`/`claims`/... written as `[]` (a quirk of the dumps) count as empty.
//!
//! # Entities
//!
//! Only items are read; properties, lexemes and other entity types are skipped silently.
//!
//! - **id**: the slug of the name plus the lowercase QID, `barack-obama-q76` (`q76` when the
//!   name has no ASCII letters or digits). Always unique, deterministic, and the QID stays in
//!   it.
//! - **name**: the label in `en`, else `mul`, `en-gb`, `en-us`; without any of them, the QID.
//! - **aliases**: the `en` and `mul` aliases; **description**: the `en` (else `en-gb`,
//!   `en-us`) description.
//! - **kind**, from the item's own non-deprecated `P31` (instance of) values, first match wins:
//!   - person: Q5 (human);
//!   - office: Q4164871 (position), Q294414 (public office), Q48352 (head of state),
//!     Q2285706 (head of government);
//!   - place: Q6256 (country), Q3624078 (sovereign state), Q515 (city), Q5119 (capital),
//!     Q1549591 (big city), Q486972 (human settlement), Q35657 (U.S. state);
//!   - organization: Q43229 (organization), Q7278 (political party), Q7210356 (political
//!     organization);
//!   - event: Q1190554 (occurrence), Q1656682 (event).
//!
//!   Otherwise, from the statements it has: `P39` (position held) makes a person, `P585`
//!   (point in time) an event, `P17`/`P131`/`P36` (country, located in, capital) a place.
//!   Any other item is not in the claims model and is skipped without an error. (The last rule
//!   also makes a place of, say, a newspaper with a country: filter the dump to the items
//!   wanted.)
//!
//! # Statements
//!
//! | Wikidata | claims | on | value |
//! | --- | --- | --- | --- |
//! | P39 position held | `position` | person | an office; P1545 series ordinal -> qualifier `ordinal` |
//! | P1001 applies to jurisdiction | `jurisdiction` | office | a place or organization |
//! | P36 capital | `capital` | place | a place |
//! | P17 country | `country` | any | a place |
//! | P131 located in the administrative territorial entity | `located-in` | place | a place |
//! | P26 spouse | `spouse` | person | a person |
//! | P3373 sibling | `sibling` | person | a person |
//! | P569 date of birth | `born` | person | a date |
//! | P570 date of death | `died` | person | a date |
//! | P585 point in time | `date` | event | a date |
//! | P21 sex or gender | `gender` | person | Q6581097 -> `male`, Q6581072 -> `female` |
//!
//! Entity-valued statements (all but the last four) take P580 start time / P582 end time
//! qualifiers as `start`/`end`. Their value is another item of the same input: ids are given
//! to every item first, statements are built second. A statement is dropped, silently, when
//! its value is an item the import does not hold (the importer cannot invent an entity), an
//! item of the wrong kind (a `position` that is not an office, a `capital` that is not a
//! place, ...), or the item itself.
//!
//! The `source` of a statement is its place on Wikidata, `https://www.wikidata.org/wiki/Q76#P39`;
//! when one of its references has a P854 reference URL, that URL is the source instead and
//! the Wikidata address goes in the `note`.
//!
//! **Ranks.** Deprecated statements are skipped. For the single-valued `born`, `died`, `date`
//! and `gender`, preferred statements, when there are any, set the others aside; if the
//! statements left still disagree, none is kept (the importer cannot choose between sources).
//! The other properties keep normal and preferred statements alike (a country has had
//! several capitals).
//!
//! **Dropped, never approximated:**
//! - `somevalue` and `novalue` main snaks (an unknown or absent value is no fact to check);
//! - a time coarser than a year (decade, century, ...), before year 1 (BCE) or after 9999;
//!   a day that does not exist (Feb. 30); a calendar model other than Gregorian or Julian.
//!   For a `start` or `end`, this drops the whole statement: an inexpressible start must not
//!   become an open "since forever". A `somevalue` (unknown) start or end drops the statement
//!   too; a `novalue` one means there is none, an open bound.
//! - an unsupported `gender` value.
//!
//! **Dates** are written at their precision: day `1952-03-11`, month `1952-03`, year `1952`.
//! Julian-calendar days are converted to the Gregorian calendar (Newton's 25 December 1642
//! becomes 1643-01-04); a Julian month or year is written as its year, since the Gregorian
//! dates it covers are 10 to 13 days later (so the last days of a Julian year belong to the
//! next Gregorian one).
//!
//! # Errors
//!
//! A line that is not JSON, an entity without an `id`, an item id that is not `Q` and digits,
//! a duplicate item, a statement of the properties above whose JSON has the wrong shape, or
//! an `end` before its `start`: each is an `ImportError` with the file, the line and column
//! (in a dump, the entity's line; within an entity, the statement's own position), the record
//! (`entity Q42`, or `line 17` without an id) and a message. The rest of the input is still
//! read.

use super::{Import, ImportError, ImportedEntity, ImportedStatement, ImportedValue, slug};
use crate::reference::EntityKind;
use crate::time::DateRange;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

const WIKIDATA: &str = "https://www.wikidata.org/wiki/";
const GREGORIAN: &str = "Q1985727";
const JULIAN: &str = "Q1985786";
const MALE: &str = "Q6581097";
const FEMALE: &str = "Q6581072";

/// P31 (instance of) values that give an item its kind, in the order they are tried.
const KINDS: &[(EntityKind, &[&str])] = &[
    (EntityKind::Person, &["Q5"]),
    (
        EntityKind::Office,
        &["Q4164871", "Q294414", "Q48352", "Q2285706"],
    ),
    (
        EntityKind::Place,
        &[
            "Q6256", "Q3624078", "Q515", "Q5119", "Q1549591", "Q486972", "Q35657",
        ],
    ),
    (EntityKind::Organization, &["Q43229", "Q7278", "Q7210356"]),
    (EntityKind::Event, &["Q1190554", "Q1656682"]),
];

/// Label languages, best first; descriptions use the same list without `mul`.
const LABEL_LANGUAGES: &[&str] = &["en", "mul", "en-gb", "en-us"];
const ALIAS_LANGUAGES: &[&str] = &["en", "mul"];

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// An item id.
    Item,
    /// A time value.
    Date,
    /// P21: an item id that is one of the two genders the model records.
    Gender,
}

/// How a Wikidata property becomes a claims property.
struct Mapping {
    wikidata: &'static str,
    label: &'static str,
    property: &'static str,
    shape: Shape,
    /// Subject kinds the property is read on.
    subjects: &'static [EntityKind],
    /// Kinds an entity value may have.
    targets: &'static [EntityKind],
    /// P580/P582 qualifiers become start/end.
    period: bool,
    /// One value per entity (born, died, date, gender).
    single: bool,
}

const ANY: &[EntityKind] = &EntityKind::ALL;
const PERSON: &[EntityKind] = &[EntityKind::Person];
const PLACE: &[EntityKind] = &[EntityKind::Place];

const MAPPINGS: &[Mapping] = &[
    Mapping {
        wikidata: "P39",
        label: "position held",
        property: "position",
        shape: Shape::Item,
        subjects: PERSON,
        targets: &[EntityKind::Office],
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P1001",
        label: "applies to jurisdiction",
        property: "jurisdiction",
        shape: Shape::Item,
        subjects: &[EntityKind::Office],
        targets: &[EntityKind::Place, EntityKind::Organization],
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P36",
        label: "capital",
        property: "capital",
        shape: Shape::Item,
        subjects: PLACE,
        targets: PLACE,
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P17",
        label: "country",
        property: "country",
        shape: Shape::Item,
        subjects: ANY,
        targets: PLACE,
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P131",
        label: "located in the administrative territorial entity",
        property: "located-in",
        shape: Shape::Item,
        subjects: PLACE,
        targets: PLACE,
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P26",
        label: "spouse",
        property: "spouse",
        shape: Shape::Item,
        subjects: PERSON,
        targets: PERSON,
        period: true,
        single: false,
    },
    Mapping {
        wikidata: "P3373",
        label: "sibling",
        property: "sibling",
        shape: Shape::Item,
        subjects: PERSON,
        targets: PERSON,
        period: false,
        single: false,
    },
    Mapping {
        wikidata: "P569",
        label: "date of birth",
        property: "born",
        shape: Shape::Date,
        subjects: PERSON,
        targets: &[],
        period: false,
        single: true,
    },
    Mapping {
        wikidata: "P570",
        label: "date of death",
        property: "died",
        shape: Shape::Date,
        subjects: PERSON,
        targets: &[],
        period: false,
        single: true,
    },
    Mapping {
        wikidata: "P585",
        label: "point in time",
        property: "date",
        shape: Shape::Date,
        subjects: &[EntityKind::Event],
        targets: &[],
        period: false,
        single: true,
    },
    Mapping {
        wikidata: "P21",
        label: "sex or gender",
        property: "gender",
        shape: Shape::Gender,
        subjects: PERSON,
        targets: &[],
        period: false,
        single: true,
    },
];

/// Reads Wikidata entity JSON (a dump, JSON lines, or a Special:EntityData document).
pub fn import(file: &str, text: &str) -> Import {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        file,
        text,
        items: Vec::new(),
        seen: HashMap::new(),
        errors: Vec::new(),
    };
    if one_entity_per_line(text) {
        reader.read_lines();
    } else {
        reader.read_document();
    }
    reader.finish()
}

/// Does the text hold one entity per line (a dump or JSON lines), rather than one JSON
/// document spread over lines?
fn one_entity_per_line(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let whole_object = |line: &str| {
        let line = line.strip_suffix(',').unwrap_or(line).trim_end();
        line.len() > 1 && line.starts_with('{') && line.ends_with('}')
    };
    match lines.next() {
        None => true,
        Some("[") => lines.next().is_none_or(|l| l == "]" || whole_object(l)),
        Some(first) => whole_object(first),
    }
}

/// One entity as read from the JSON: the parts the importer uses, each left as raw JSON (a
/// slice of the input) until needed, so the rest of a big entity (sitelinks, other
/// languages, hundreds of other properties) is only scanned, never built.
#[derive(Deserialize)]
struct RawEntity<'a> {
    id: Option<Value>,
    #[serde(rename = "type")]
    entity_type: Option<Value>,
    #[serde(borrow)]
    labels: Option<&'a RawValue>,
    #[serde(borrow)]
    descriptions: Option<&'a RawValue>,
    #[serde(borrow)]
    aliases: Option<&'a RawValue>,
    #[serde(borrow)]
    claims: Option<&'a RawValue>,
    /// Special:EntityData and wbgetentities wrap the entities in `{"entities": {...}}`.
    #[serde(borrow)]
    entities: Option<&'a RawValue>,
}

/// A label, description or alias: `{"language": "en", "value": "..."}`.
#[derive(Deserialize)]
struct Term {
    value: String,
}

/// Where an entity's text is: on one line of a dump or JSON lines, or in a document.
#[derive(Clone, Copy)]
enum Frame<'a> {
    Line {
        number: usize,
        start: usize,
        text: &'a str,
    },
    Document,
}

/// An item kept for the output, before its statements' values are resolved to ids.
struct Item {
    qid: String,
    kind: EntityKind,
    name: Option<String>,
    aliases: Vec<String>,
    description: Option<String>,
    statements: Vec<Pending>,
}

enum PendingValue {
    Item(String),
    Date(String),
    Text(&'static str),
}

struct Pending {
    mapping: &'static Mapping,
    value: PendingValue,
    start: Option<String>,
    end: Option<String>,
    ordinal: Option<String>,
    source: String,
    note: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Rank {
    Preferred,
    Normal,
    Deprecated,
}

enum Snak<'v> {
    Value(&'v Value),
    SomeValue,
    NoValue,
}

/// A start or end qualifier.
enum Bound {
    Absent,
    Date(String),
    /// `novalue`: there is none, the bound is open.
    Open,
    /// `somevalue`, or a time the model cannot express: the statement must go.
    Inexpressible,
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    items: Vec<Item>,
    /// QID -> line of its first entity, for duplicates.
    seen: HashMap<String, usize>,
    errors: Vec<ImportError>,
}

impl<'a> Reader<'a> {
    fn read_lines(&mut self) {
        let text = self.text;
        let mut offset = 0;
        let mut first = true;
        let mut opened: Option<usize> = None;
        let mut closed: Option<usize> = None;
        let mut last_line = 1;
        for (index, raw_line) in text.split('\n').enumerate() {
            let number = index + 1;
            let start = offset;
            offset += raw_line.len() + 1;
            let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
            let body = line.trim();
            if body.is_empty() {
                continue;
            }
            last_line = number;
            let frame = Frame::Line {
                number,
                start,
                text: line,
            };
            if let Some(closed_at) = closed {
                let at = offset_in(text, body);
                self.error(
                    frame,
                    at,
                    format!("line {number}"),
                    format!("text after the dump's closing `]` (line {closed_at})"),
                );
                break;
            }
            if std::mem::take(&mut first) && body == "[" {
                opened = Some(number);
                continue;
            }
            if body == "]" && opened.is_some() {
                closed = Some(number);
                continue;
            }
            let body = body.strip_suffix(',').map_or(body, str::trim_end);
            let at = offset_in(text, body);
            match serde_json::from_str::<RawEntity>(body) {
                Ok(entity) => self.entity(entity, frame, at),
                Err(e) => {
                    let record = guess_id(body)
                        .map_or_else(|| format!("line {number}"), |id| format!("entity {id}"));
                    self.error(
                        frame,
                        at + error_offset(body, &e),
                        record,
                        json_error_message(&e),
                    );
                }
            }
        }
        if let (Some(opened_at), None) = (opened, closed) {
            let end = text.trim_end().len();
            let (line, column) = super::line_column(text, end);
            self.errors.push(ImportError {
                file: self.file.to_string(),
                line: line.max(last_line),
                column,
                record: format!("line {}", line.max(last_line)),
                message: format!(
                    "the dump opened with `[` on line {opened_at} has no closing `]`: is the file complete?"
                ),
            });
        }
    }

    fn read_document(&mut self) {
        let text = self.text;
        let frame = Frame::Document;
        let at = offset_in(text, text.trim_start());
        if text.trim_start().starts_with('[') {
            match serde_json::from_str::<Vec<&RawValue>>(text) {
                Ok(list) => {
                    for raw in list {
                        self.raw_entity(raw, frame);
                    }
                }
                Err(e) => self.document_error(&e),
            }
        } else if text.trim_start().starts_with('{') {
            match serde_json::from_str::<RawEntity>(text) {
                Ok(entity) => self.entity(entity, frame, at),
                Err(e) => self.document_error(&e),
            }
        } else {
            self.error(
                frame,
                at,
                "line 1".to_string(),
                "not Wikidata entity JSON: expected a dump (`[`, then one entity per line), \
                 one entity per line, or a Special:EntityData document"
                    .to_string(),
            );
        }
    }

    fn document_error(&mut self, e: &serde_json::Error) {
        let at = error_offset(self.text, e);
        let (line, _) = super::line_column(self.text, at);
        self.error(
            Frame::Document,
            at,
            format!("line {line}"),
            json_error_message(e),
        );
    }

    /// An entity given as raw JSON inside a larger document.
    fn raw_entity(&mut self, raw: &'a RawValue, frame: Frame<'a>) {
        let at = offset_in(self.text, raw.get());
        match serde_json::from_str::<RawEntity>(raw.get()) {
            Ok(entity) => self.entity(entity, frame, at),
            Err(e) => {
                let (line, _) = self.position(frame, at);
                self.error(
                    frame,
                    at + error_offset(raw.get(), &e),
                    format!("line {line}"),
                    json_error_message(&e),
                );
            }
        }
    }

    fn entity(&mut self, raw: RawEntity<'a>, frame: Frame<'a>, at: usize) {
        let (line, _) = self.position(frame, at);
        let id = match &raw.id {
            Some(Value::String(id)) => id.trim(),
            None | Some(Value::Null) => {
                if let Some(entities) = raw.entities {
                    self.entities_map(entities, frame);
                } else {
                    self.error(
                        frame,
                        at,
                        format!("line {line}"),
                        "entity without an `id`".to_string(),
                    );
                }
                return;
            }
            Some(other) => {
                self.error(
                    frame,
                    at,
                    format!("line {line}"),
                    format!("the entity's `id` is not a string: {other}"),
                );
                return;
            }
        };
        let is_item = match &raw.entity_type {
            Some(Value::String(t)) => t == "item",
            None | Some(Value::Null) => id.starts_with(['Q', 'q']),
            Some(_) => false,
        };
        if !is_item {
            return; // a property, lexeme, media file...: not in the claims model
        }
        let Some(qid) = qid(id) else {
            self.error(
                frame,
                at,
                format!("line {line}"),
                format!("item id `{id}` is not `Q` followed by digits"),
            );
            return;
        };
        let record = format!("entity {qid}");
        if let Some(first) = self.seen.get(&qid) {
            let message =
                format!("{qid} appears twice (first on line {first}); this one is skipped");
            self.error(frame, at, record, message);
            return;
        }
        self.seen.insert(qid.clone(), line);

        let mut entity = EntityReader {
            reader: self,
            frame,
            qid: &qid,
            record: &record,
        };
        let claims = entity.map(raw.claims, "claims");
        let Some(kind) = entity.kind(&claims) else {
            return; // not a person, office, place, organization or event
        };
        let labels = entity.map(raw.labels, "labels");
        let name = LABEL_LANGUAGES
            .iter()
            .find_map(|lang| entity.term(&labels, "labels", lang));
        let descriptions = entity.map(raw.descriptions, "descriptions");
        let description = LABEL_LANGUAGES
            .iter()
            .filter(|lang| **lang != "mul")
            .find_map(|lang| entity.term(&descriptions, "descriptions", lang));
        let alias_map = entity.map(raw.aliases, "aliases");
        let mut aliases = Vec::new();
        for lang in ALIAS_LANGUAGES {
            aliases.extend(entity.alias_list(&alias_map, lang));
        }
        let mut statements = Vec::new();
        for mapping in MAPPINGS {
            if mapping.subjects.contains(&kind) {
                statements.extend(entity.statements(&claims, mapping));
            }
        }
        self.items.push(Item {
            qid,
            kind,
            name,
            aliases,
            description,
            statements,
        });
    }

    /// `{"entities": {"Q42": {...}, ...}}`.
    fn entities_map(&mut self, entities: &'a RawValue, frame: Frame<'a>) {
        let at = offset_in(self.text, entities.get());
        match serde_json::from_str::<BTreeMap<String, &RawValue>>(entities.get()) {
            Ok(map) => {
                let mut list: Vec<&RawValue> = map.into_values().collect();
                list.sort_by_key(|raw| offset_in(self.text, raw.get()));
                for raw in list {
                    self.raw_entity(raw, frame);
                }
            }
            Err(e) => {
                let (line, _) = self.position(frame, at);
                self.error(
                    frame,
                    at + error_offset(entities.get(), &e),
                    format!("line {line}"),
                    format!("`entities` is not an object of entities: {}", clean(&e)),
                );
            }
        }
    }

    /// Line and column of byte `offset` of the text.
    fn position(&self, frame: Frame, offset: usize) -> (usize, usize) {
        match frame {
            Frame::Line {
                number,
                start,
                text,
            } => {
                let within = offset.saturating_sub(start);
                let column = text.char_indices().take_while(|(i, _)| *i < within).count() + 1;
                (number, column)
            }
            Frame::Document => super::line_column(self.text, offset),
        }
    }

    fn error(&mut self, frame: Frame, offset: usize, record: String, message: String) {
        let (line, column) = self.position(frame, offset);
        self.errors.push(ImportError {
            file: self.file.to_string(),
            line,
            column,
            record,
            message,
        });
    }

    /// Second pass: ids for every kept item, then statements whose values are resolved.
    fn finish(self) -> Import {
        let Reader {
            items, mut errors, ..
        } = self;
        let ids: HashMap<&str, (String, EntityKind)> = items
            .iter()
            .map(|item| (item.qid.as_str(), (entity_id(item), item.kind)))
            .collect();
        let mut entities = Vec::with_capacity(items.len());
        for item in &items {
            let Some((id, _)) = ids.get(item.qid.as_str()) else {
                continue;
            };
            let name = item.name.clone().unwrap_or_else(|| item.qid.clone());
            let mut entity = ImportedEntity::new(id.clone(), item.kind, name);
            for alias in &item.aliases {
                entity.alias(alias);
            }
            entity.description = item.description.clone();
            for pending in &item.statements {
                let value = match &pending.value {
                    PendingValue::Item(target) => match ids.get(target.as_str()) {
                        Some((target_id, target_kind))
                            if *target != item.qid
                                && pending.mapping.targets.contains(target_kind) =>
                        {
                            ImportedValue::Entity(target_id.clone())
                        }
                        _ => continue, // not in the import, of the wrong kind, or itself
                    },
                    PendingValue::Date(date) => ImportedValue::Date(date.clone()),
                    PendingValue::Text(text) => ImportedValue::Text((*text).to_string()),
                };
                let mut statement =
                    ImportedStatement::new(pending.mapping.property, value, pending.source.clone());
                statement.start = pending.start.clone();
                statement.end = pending.end.clone();
                if let Some(ordinal) = &pending.ordinal {
                    statement
                        .qualifiers
                        .insert("ordinal".into(), ordinal.clone());
                }
                statement.note = pending.note.clone();
                let duplicate = entity.statements.iter().any(|s| {
                    s.property == statement.property
                        && s.value == statement.value
                        && s.start == statement.start
                        && s.end == statement.end
                        && s.qualifiers == statement.qualifiers
                });
                if !duplicate {
                    entity.statements.push(statement);
                }
            }
            entity.statements.sort_by(|a, b| {
                (
                    &a.property,
                    &a.start,
                    value_text(&a.value),
                    &a.end,
                    &a.source,
                )
                    .cmp(&(
                        &b.property,
                        &b.start,
                        value_text(&b.value),
                        &b.end,
                        &b.source,
                    ))
            });
            entities.push(entity);
        }
        entities.sort_by(|a, b| a.id.cmp(&b.id));
        errors.sort_by_key(|e| (e.line, e.column));
        Import { entities, errors }
    }
}

/// Reads the parts of one item, reporting malformed ones against it.
struct EntityReader<'r, 'a> {
    reader: &'r mut Reader<'a>,
    frame: Frame<'a>,
    qid: &'r str,
    record: &'r str,
}

impl<'a> EntityReader<'_, 'a> {
    fn error_at(&mut self, offset: usize, message: String) {
        let record = self.record.to_string();
        self.reader.error(self.frame, offset, record, message);
    }

    /// An object of the entity (`claims`, `labels`...) as raw values by key. Absent, `null`
    /// and `[]` (how the dumps write an empty object) are empty.
    fn map(&mut self, raw: Option<&'a RawValue>, what: &str) -> BTreeMap<String, &'a RawValue> {
        let Some(raw) = raw else {
            return BTreeMap::new();
        };
        let json = raw.get().trim();
        if json == "null" || json == "[]" {
            return BTreeMap::new();
        }
        match serde_json::from_str(raw.get()) {
            Ok(map) => map,
            Err(e) => {
                let at = offset_in(self.reader.text, raw.get()) + error_offset(raw.get(), &e);
                self.error_at(at, format!("`{what}` is not an object: {}", clean(&e)));
                BTreeMap::new()
            }
        }
    }

    /// The label or description in `lang`, if there is a usable one.
    fn term(
        &mut self,
        terms: &BTreeMap<String, &'a RawValue>,
        what: &str,
        lang: &str,
    ) -> Option<String> {
        let raw = terms.get(lang)?;
        match serde_json::from_str::<Term>(raw.get()) {
            Ok(term) => Some(term.value.trim().to_string()).filter(|v| !v.is_empty()),
            Err(e) => {
                let at = offset_in(self.reader.text, raw.get()) + error_offset(raw.get(), &e);
                self.error_at(
                    at,
                    format!(
                        "`{what}.{lang}` is not {{\"language\": ..., \"value\": ...}}: {}",
                        clean(&e)
                    ),
                );
                None
            }
        }
    }

    fn alias_list(&mut self, aliases: &BTreeMap<String, &'a RawValue>, lang: &str) -> Vec<String> {
        let Some(raw) = aliases.get(lang) else {
            return Vec::new();
        };
        match serde_json::from_str::<Vec<Term>>(raw.get()) {
            Ok(terms) => terms
                .into_iter()
                .map(|t| t.value.trim().to_string())
                .collect(),
            Err(e) => {
                let at = offset_in(self.reader.text, raw.get()) + error_offset(raw.get(), &e);
                self.error_at(
                    at,
                    format!("`aliases.{lang}` is not a list of aliases: {}", clean(&e)),
                );
                Vec::new()
            }
        }
    }

    /// The statements of Wikidata property `pid`, each as parsed JSON with its offset.
    fn claims(
        &mut self,
        claims: &BTreeMap<String, &'a RawValue>,
        pid: &str,
    ) -> Vec<(Value, usize)> {
        let Some(raw) = claims.get(pid) else {
            return Vec::new();
        };
        let base = offset_in(self.reader.text, raw.get());
        match serde_json::from_str::<Vec<&RawValue>>(raw.get()) {
            Ok(list) => list
                .into_iter()
                .filter_map(|claim| {
                    let at = offset_in(self.reader.text, claim.get());
                    serde_json::from_str::<Value>(claim.get())
                        .ok()
                        .map(|v| (v, at))
                })
                .collect(),
            Err(e) => {
                self.error_at(
                    base + error_offset(raw.get(), &e),
                    format!("`claims.{pid}` is not a list of statements: {}", clean(&e)),
                );
                Vec::new()
            }
        }
    }

    /// The statements of `pid` that are not deprecated, with their rank; malformed ranks are
    /// reported.
    fn ranked(
        &mut self,
        claims: &BTreeMap<String, &'a RawValue>,
        pid: &str,
        label: &str,
    ) -> Vec<(Rank, Value, usize)> {
        let mut out = Vec::new();
        for (n, (claim, at)) in self.claims(claims, pid).into_iter().enumerate() {
            match rank(&claim) {
                Ok(Rank::Deprecated) => {}
                Ok(rank) => out.push((rank, claim, at)),
                Err(message) => self.error_at(
                    at,
                    format!("{pid} ({label}) statement {}: {message}", n + 1),
                ),
            }
        }
        out
    }

    /// The item's kind, from P31 and then from the statements it has; `None` to skip it.
    fn kind(&mut self, claims: &BTreeMap<String, &'a RawValue>) -> Option<EntityKind> {
        let mut classes = Vec::new();
        for (n, (_, claim, at)) in self
            .ranked(claims, "P31", "instance of")
            .into_iter()
            .enumerate()
        {
            match main_snak(&claim).and_then(|snak| match snak {
                Snak::Value(v) => item_id(v).map(Some),
                Snak::SomeValue | Snak::NoValue => Ok(None),
            }) {
                Ok(Some(class)) => classes.push(class),
                Ok(None) => {}
                Err(message) => self.error_at(
                    at,
                    format!("P31 (instance of) statement {}: {message}", n + 1),
                ),
            }
        }
        if let Some((kind, _)) = KINDS
            .iter()
            .find(|(_, qids)| classes.iter().any(|c| qids.contains(&c.as_str())))
        {
            return Some(*kind);
        }
        let has = |pid: &str| {
            claims.get(pid).is_some_and(|raw| {
                serde_json::from_str::<Vec<Value>>(raw.get()).is_ok_and(|list| {
                    list.iter()
                        .any(|c| rank(c).is_ok_and(|r| r != Rank::Deprecated))
                })
            })
        };
        if has("P39") {
            Some(EntityKind::Person)
        } else if has("P585") {
            Some(EntityKind::Event)
        } else if has("P17") || has("P131") || has("P36") {
            Some(EntityKind::Place)
        } else {
            None
        }
    }

    /// The statements one mapping makes of the item's claims.
    fn statements(
        &mut self,
        claims: &BTreeMap<String, &'a RawValue>,
        mapping: &'static Mapping,
    ) -> Vec<Pending> {
        let mut ranked = self.ranked(claims, mapping.wikidata, mapping.label);
        if mapping.single && ranked.iter().any(|(r, ..)| *r == Rank::Preferred) {
            ranked.retain(|(r, ..)| *r == Rank::Preferred);
        }
        let mut out: Vec<Pending> = Vec::new();
        for (n, (_, claim, at)) in ranked.into_iter().enumerate() {
            match self.statement(mapping, &claim) {
                Ok(Some(pending)) => out.push(pending),
                Ok(None) => {}
                Err(message) => self.error_at(
                    at,
                    format!(
                        "{} ({}) statement {}: {message}",
                        mapping.wikidata,
                        mapping.label,
                        n + 1
                    ),
                ),
            }
        }
        if mapping.single {
            let first = out.first().map(|p| pending_value_text(&p.value));
            if out
                .iter()
                .any(|p| Some(pending_value_text(&p.value)) != first)
            {
                return Vec::new(); // sources disagree: no value is better than a guess
            }
            out.truncate(1);
        }
        out
    }

    /// One statement: `Ok(None)` when it is dropped on purpose, `Err` when it is malformed.
    fn statement(
        &mut self,
        mapping: &'static Mapping,
        claim: &Value,
    ) -> Result<Option<Pending>, String> {
        let value = match main_snak(claim)? {
            Snak::Value(v) => v,
            Snak::SomeValue | Snak::NoValue => return Ok(None),
        };
        let value = match mapping.shape {
            Shape::Item => PendingValue::Item(item_id(value)?),
            Shape::Date => match time(value)? {
                Some(date) => PendingValue::Date(date),
                None => return Ok(None),
            },
            Shape::Gender => match item_id(value)?.as_str() {
                MALE => PendingValue::Text("male"),
                FEMALE => PendingValue::Text("female"),
                _ => return Ok(None),
            },
        };
        let (mut start, mut end) = (None, None);
        if mapping.period {
            for (pid, slot) in [("P580", &mut start), ("P582", &mut end)] {
                match bound(claim, pid)? {
                    Bound::Absent | Bound::Open => {}
                    Bound::Date(date) => *slot = Some(date),
                    Bound::Inexpressible => return Ok(None),
                }
            }
        }
        if let (Some(s), Some(e)) = (&start, &end)
            && let (Some(first), Some(last)) = (
                DateRange::parse(s).and_then(|d| d.first_day()),
                DateRange::parse(e).and_then(|d| d.last_day()),
            )
            && last < first
        {
            return Err(format!("its end {e} is before its start {s}"));
        }
        let ordinal = if mapping.wikidata == "P39" {
            ordinal(claim)?
        } else {
            None
        };
        let wikidata_url = format!("{WIKIDATA}{}#{}", self.qid, mapping.wikidata);
        let (source, note) = match reference_url(claim)? {
            Some(url) => (url, Some(format!("Wikidata statement: {wikidata_url}"))),
            None => (wikidata_url, None),
        };
        Ok(Some(Pending {
            mapping,
            value,
            start,
            end,
            ordinal,
            source,
            note,
        }))
    }
}

/// The id an item gets: the slug of its name and its QID, `barack-obama-q76`.
fn entity_id(item: &Item) -> String {
    let qid = item.qid.to_ascii_lowercase();
    match item.name.as_deref().map(slug).filter(|s| !s.is_empty()) {
        Some(name) => format!("{name}-{qid}"),
        None => qid,
    }
}

fn value_text(value: &ImportedValue) -> String {
    match value {
        ImportedValue::Entity(s) | ImportedValue::Date(s) | ImportedValue::Text(s) => s.clone(),
        ImportedValue::Number(n) => n.to_string(),
    }
}

fn pending_value_text(value: &PendingValue) -> &str {
    match value {
        PendingValue::Item(s) | PendingValue::Date(s) => s,
        PendingValue::Text(s) => s,
    }
}

/// `Q42` from `Q42` or `q42`; `None` for anything else.
fn qid(id: &str) -> Option<String> {
    let digits = id.strip_prefix(['Q', 'q'])?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| format!("Q{digits}"))
}

fn rank(claim: &Value) -> Result<Rank, String> {
    match claim.get("rank") {
        None | Some(Value::Null) => Ok(Rank::Normal),
        Some(Value::String(r)) if r == "normal" => Ok(Rank::Normal),
        Some(Value::String(r)) if r == "preferred" => Ok(Rank::Preferred),
        Some(Value::String(r)) if r == "deprecated" => Ok(Rank::Deprecated),
        Some(other) => Err(format!(
            "`rank` is {other}, not \"preferred\", \"normal\" or \"deprecated\""
        )),
    }
}

fn main_snak(claim: &Value) -> Result<Snak<'_>, String> {
    if !claim.is_object() {
        return Err("is not a JSON object".into());
    }
    let snak = claim.get("mainsnak").ok_or("has no `mainsnak`")?;
    read_snak(snak).map_err(|e| format!("`mainsnak` {e}"))
}

fn read_snak(snak: &Value) -> Result<Snak<'_>, String> {
    let Some(fields) = snak.as_object() else {
        return Err("is not a JSON object".into());
    };
    let value = || {
        fields
            .get("datavalue")
            .and_then(|d| d.get("value"))
            .map(Snak::Value)
            .ok_or_else(|| "has no `datavalue.value`".to_string())
    };
    match fields.get("snaktype") {
        Some(Value::String(t)) if t == "value" => value(),
        Some(Value::String(t)) if t == "somevalue" => Ok(Snak::SomeValue),
        Some(Value::String(t)) if t == "novalue" => Ok(Snak::NoValue),
        None if fields.contains_key("datavalue") => value(),
        None => Err("has no `snaktype`".into()),
        Some(other) => Err(format!(
            "has `snaktype` {other}, not \"value\", \"somevalue\" or \"novalue\""
        )),
    }
}

/// An item id from a `wikibase-entityid` value: `{"entity-type": "item", "id": "Q30",
/// "numeric-id": 30}` (old dumps give only `numeric-id`).
fn item_id(value: &Value) -> Result<String, String> {
    let not_item = || format!("value {value} is not an item id");
    let fields = value.as_object().ok_or_else(not_item)?;
    if let Some(id) = fields.get("id") {
        let id = id.as_str().ok_or_else(not_item)?;
        return qid(id).ok_or_else(|| format!("value `{id}` is not an item"));
    }
    if fields.get("entity-type").and_then(Value::as_str) != Some("item") {
        return Err(not_item());
    }
    let number = match fields.get("numeric-id") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.parse::<u64>().ok(),
        _ => None,
    };
    number.map(|n| format!("Q{n}")).ok_or_else(not_item)
}

/// A `time` value as a claims date (`1952-03-11`, `1952-03`, `1952`); `Ok(None)` when the
/// model cannot express it (see the module documentation), `Err` when it is malformed.
fn time(value: &Value) -> Result<Option<String>, String> {
    let fields = value
        .as_object()
        .ok_or_else(|| format!("value {value} is not a time"))?;
    let text = fields
        .get("time")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("time value {value} has no `time` string"))?;
    let precision = match fields.get("precision") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        _ => None,
    }
    .filter(|p| *p <= 14)
    .ok_or_else(|| format!("time `{text}` has no precision from 0 to 14"))?;
    let julian = match fields.get("calendarmodel") {
        None | Some(Value::Null) => false,
        Some(Value::String(model)) if model.ends_with(GREGORIAN) => false,
        Some(Value::String(model)) if model.ends_with(JULIAN) => true,
        Some(Value::String(_)) => return Ok(None), // another calendar: not convertible here
        Some(other) => return Err(format!("`calendarmodel` {other} is not a string")),
    };
    if precision < 9 {
        return Ok(None); // a decade, century or coarser
    }
    let (negative, year, month, day) = parse_time(text)
        .ok_or_else(|| format!("`{text}` is not a Wikidata time (+YYYY-MM-DDT00:00:00Z)"))?;
    let Some(year) = year.filter(|y| (1..=9999).contains(y) && !negative) else {
        return Ok(None); // BCE, year 0, or beyond 9999
    };
    if precision == 9 {
        return Ok(Some(format!("{year:04}")));
    }
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` has month precision or finer but no month"
        ));
    }
    if precision == 10 {
        return Ok(Some(if julian {
            format!("{year:04}")
        } else {
            format!("{year:04}-{month:02}")
        }));
    }
    if !(1..=31).contains(&day) {
        return Err(format!("`{text}` has day precision but no day"));
    }
    let date = if julian {
        julian_to_gregorian(year, month, day)
    } else {
        NaiveDate::from_ymd_opt(year, month, day)
    };
    Ok(date
        .filter(|d| d.year() <= 9999)
        .map(|d| d.format("%Y-%m-%d").to_string()))
}

/// `+1952-03-11T00:00:00Z` -> (negative, year, month, day). The year may have any number of
/// digits (`+00000001994`); `None` for the year when it does not fit four digits.
fn parse_time(text: &str) -> Option<(bool, Option<i32>, u32, u32)> {
    let (negative, rest) = match text.as_bytes().first()? {
        b'+' => (false, text.get(1..)?),
        b'-' => (true, text.get(1..)?),
        _ => (false, text),
    };
    let date = rest.split_once('T').map_or(rest, |(date, _)| date);
    let mut parts = date.split('-');
    let year_text = parts.next()?;
    let month_text = parts.next()?;
    let day_text = parts.next()?;
    if parts.next().is_some()
        || year_text.is_empty()
        || !year_text.bytes().all(|b| b.is_ascii_digit())
        || month_text.len() != 2
        || day_text.len() != 2
    {
        return None;
    }
    let significant = year_text.trim_start_matches('0');
    let year = if significant.len() > 4 {
        None
    } else {
        Some(significant.parse::<i32>().unwrap_or(0))
    };
    Some((
        negative,
        year,
        month_text.parse().ok()?,
        day_text.parse().ok()?,
    ))
}

/// The Gregorian date of a Julian-calendar day, through its Julian day number.
fn julian_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let february = if year % 4 == 0 { 29 } else { 28 };
    let lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let length = *lengths.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day == 0 || day > length {
        return None;
    }
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    let a = (14 - m) / 12;
    let y = y + 4800 - a;
    let m = m + 12 * a - 3;
    let julian_day = d + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // Julian day 1721426 is 0001-01-01 (proleptic Gregorian), day 1 of the common era.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(julian_day - 1_721_425).ok()?)
}

/// The snaks of qualifier `pid` (`[]` when there are none).
fn qualifiers<'v>(claim: &'v Value, pid: &str) -> Result<&'v [Value], String> {
    match claim.get("qualifiers") {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(list)) if list.is_empty() => Ok(&[]),
        Some(Value::Object(map)) => match map.get(pid) {
            None => Ok(&[]),
            Some(Value::Array(snaks)) => Ok(snaks),
            Some(_) => Err(format!("`qualifiers.{pid}` is not a list")),
        },
        Some(_) => Err("`qualifiers` is not an object".into()),
    }
}

/// The start (P580) or end (P582) qualifier; the first one when there are several.
fn bound(claim: &Value, pid: &str) -> Result<Bound, String> {
    let Some(snak) = qualifiers(claim, pid)?.first() else {
        return Ok(Bound::Absent);
    };
    let what = if pid == "P580" {
        "start time"
    } else {
        "end time"
    };
    match read_snak(snak).map_err(|e| format!("qualifier {pid} ({what}) {e}"))? {
        Snak::Value(v) => match time(v).map_err(|e| format!("qualifier {pid} ({what}): {e}"))? {
            Some(date) => Ok(Bound::Date(date)),
            None => Ok(Bound::Inexpressible),
        },
        Snak::NoValue => Ok(Bound::Open),
        Snak::SomeValue => Ok(Bound::Inexpressible),
    }
}

/// The P1545 series ordinal ("44").
fn ordinal(claim: &Value) -> Result<Option<String>, String> {
    let Some(snak) = qualifiers(claim, "P1545")?.first() else {
        return Ok(None);
    };
    match read_snak(snak).map_err(|e| format!("qualifier P1545 (series ordinal) {e}"))? {
        Snak::Value(Value::String(s)) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
        Snak::Value(other) => Err(format!(
            "qualifier P1545 (series ordinal) value {other} is not a string"
        )),
        Snak::SomeValue | Snak::NoValue => Ok(None),
    }
}

/// The first P854 reference URL among the statement's references.
fn reference_url(claim: &Value) -> Result<Option<String>, String> {
    let references = match claim.get("references") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(list)) => list,
        Some(_) => return Err("`references` is not a list".into()),
    };
    for reference in references {
        let snaks = match reference.get("snaks") {
            Some(Value::Object(snaks)) => snaks,
            Some(Value::Array(list)) if list.is_empty() => continue,
            None | Some(Value::Null) => continue,
            Some(_) => return Err("a reference's `snaks` is not an object".into()),
        };
        let Some(urls) = snaks.get("P854") else {
            continue;
        };
        let urls = urls
            .as_array()
            .ok_or("a reference's `snaks.P854` is not a list")?;
        for snak in urls {
            match read_snak(snak).map_err(|e| format!("reference URL (P854) {e}"))? {
                Snak::Value(Value::String(url)) if !url.trim().is_empty() => {
                    return Ok(Some(url.trim().to_string()));
                }
                Snak::Value(Value::String(_)) | Snak::SomeValue | Snak::NoValue => {}
                Snak::Value(other) => {
                    return Err(format!("reference URL (P854) {other} is not a string"));
                }
            }
        }
    }
    Ok(None)
}

/// The byte offset of `part` in `text`, when `part` is a slice of it (0 otherwise).
fn offset_in(text: &str, part: &str) -> usize {
    let start = text.as_ptr() as usize;
    let at = part.as_ptr() as usize;
    if at >= start && at <= start + text.len() {
        at - start
    } else {
        0
    }
}

/// The byte offset in `part` that a serde_json error's line and column point at.
fn error_offset(part: &str, e: &serde_json::Error) -> usize {
    let mut offset = 0;
    for (index, line) in part.split('\n').enumerate() {
        if index + 1 >= e.line() {
            return offset + e.column().saturating_sub(1).min(line.len());
        }
        offset += line.len() + 1;
    }
    part.len()
}

/// A serde_json error's message without its "at line N column M" (the position is reported
/// separately).
fn clean(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn json_error_message(e: &serde_json::Error) -> String {
    if e.is_syntax() || e.is_eof() {
        format!("not valid JSON: {}", clean(e))
    } else {
        format!("not a Wikidata entity: {}", clean(e))
    }
}

/// The entity id near the start of a line that is not valid JSON (dumps begin each entity
/// with `{"type":"item","id":"Q42"`), to name the record.
fn guess_id(line: &str) -> Option<String> {
    let head = line.get(..line.len().min(80)).unwrap_or(line);
    let after = head.split_once("\"id\":\"")?.1;
    let id: String = after.chars().take_while(|c| *c != '"').collect();
    qid(&id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportedStatement, to_toml};
    use crate::reference::{Reference, SourceFile};
    use proptest::prelude::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/data/wikidata/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn entity<'i>(import: &'i Import, id: &str) -> &'i ImportedEntity {
        import
            .entities
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no entity {id} in {:?}", ids(import)))
    }

    fn ids(import: &Import) -> Vec<&str> {
        import.entities.iter().map(|e| e.id.as_str()).collect()
    }

    fn statements<'e>(entity: &'e ImportedEntity, property: &str) -> Vec<&'e ImportedStatement> {
        entity
            .statements
            .iter()
            .filter(|s| s.property == property)
            .collect()
    }

    fn values(entity: &ImportedEntity, property: &str) -> Vec<String> {
        statements(entity, property)
            .iter()
            .map(|s| value_text(&s.value))
            .collect()
    }

    /// The fixture line of entity `qid`, to change one thing in a real record.
    fn line_of<'t>(text: &'t str, qid: &str) -> &'t str {
        let start = format!("{{\"type\":\"item\",\"id\":\"{qid}\"");
        text.lines()
            .find(|l| l.starts_with(&start))
            .unwrap_or_else(|| panic!("no {qid} line"))
    }

    fn record(text: &str, qid: &str) -> Value {
        serde_json::from_str(line_of(text, qid).trim_end_matches(','))
            .expect("fixture line is JSON")
    }

    /// `text` with the line of `record`'s entity replaced by `record`.
    fn with_record(text: &str, record: &Value) -> String {
        let qid = record["id"].as_str().expect("an id");
        text.replacen(line_of(text, qid), &record.to_string(), 1)
    }

    fn load(entities: &[ImportedEntity]) -> Reference {
        let mut files: Vec<SourceFile> = crate::reference::default_claims()
            .iter()
            .filter(|(name, _)| name.ends_with("properties.toml"))
            .map(|(n, t)| SourceFile::new(*n, *t))
            .collect();
        files.push(SourceFile::new(
            "wikidata.toml",
            to_toml("imported from Wikidata", entities),
        ));
        Reference::from_files(files)
            .map_err(|e| e.to_string())
            .expect("the imported claims load")
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_dump_becomes_claims_entities() {
        let import = import("sample-dump.json", &fixture("sample-dump.json"));
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        // Sorted by id; the property P36 on line 4 is skipped.
        assert_eq!(
            ids(&import),
            [
                "barack-obama-q76",
                "michelle-obama-q13133",
                "president-of-the-united-states-q11696",
                "united-states-q30",
                "washington-dc-q61",
            ]
        );
        let obama = entity(&import, "barack-obama-q76");
        assert_eq!(obama.kind, EntityKind::Person);
        assert_eq!(obama.name, "Barack Obama");
        assert_eq!(
            obama.aliases,
            ["Barack Hussein Obama II", "Barack Hussein Obama", "Obama"]
        );
        assert_eq!(
            obama.description.as_deref(),
            Some("president of the United States from 2009 to 2017")
        );
        // The senate seat (Q4416090) is not in the dump: that statement is dropped.
        let positions = statements(obama, "position");
        let [president] = positions.as_slice() else {
            panic!("one position: {positions:?}");
        };
        assert_eq!(
            president.value,
            ImportedValue::Entity("president-of-the-united-states-q11696".into())
        );
        assert_eq!(president.start.as_deref(), Some("2009-01-20"));
        assert_eq!(president.end.as_deref(), Some("2017-01-20"));
        assert_eq!(president.qualifiers["ordinal"], "44");
        assert_eq!(president.source, "https://www.wikidata.org/wiki/Q76#P39");
        assert_eq!(president.note, None);
        assert_eq!(values(obama, "born"), ["1961-08-04"]);
        assert_eq!(values(obama, "gender"), ["male"]);
        assert_eq!(values(obama, "spouse"), ["michelle-obama-q13133"]);
        // Statements are ordered by property.
        let order: Vec<&str> = obama
            .statements
            .iter()
            .map(|s| s.property.as_str())
            .collect();
        assert_eq!(order, ["born", "gender", "position", "spouse"]);

        let michelle = entity(&import, "michelle-obama-q13133");
        assert_eq!(values(michelle, "gender"), ["female"]);

        let office = entity(&import, "president-of-the-united-states-q11696");
        assert_eq!(office.kind, EntityKind::Office);
        assert_eq!(office.aliases, ["POTUS"]);
        assert_eq!(values(office, "jurisdiction"), ["united-states-q30"]);
        assert_eq!(values(office, "country"), ["united-states-q30"]);

        let usa = entity(&import, "united-states-q30");
        assert_eq!(usa.kind, EntityKind::Place);
        assert_eq!(values(usa, "capital"), ["washington-dc-q61"]);
        assert!(
            statements(usa, "country").is_empty(),
            "Q30's P17 is Q30 itself"
        );
        let dc = entity(&import, "washington-dc-q61");
        assert_eq!(dc.kind, EntityKind::Place);
        assert_eq!(values(dc, "country"), ["united-states-q30"]);
    }

    #[test]
    fn the_written_claims_load_with_the_shipped_properties() {
        let sample = import("sample-dump.json", &fixture("sample-dump.json"));
        let reference = load(&sample.entities);
        let office = reference
            .lookup("president-of-the-united-states-q11696")
            .expect("office");
        let holders = reference.holders_on(office, day("2012-07-04"));
        let [(holder, term)] = holders.as_slice() else {
            panic!("one holder in 2012: {holders:?}");
        };
        assert_eq!(reference.name(*holder), "Barack Obama");
        assert_eq!(term.period(), "from 2009-01-20 to 2017-01-20");
        assert_eq!(term.qualifiers["ordinal"], "44");
        assert!(reference.holders_on(office, day("2017-06-01")).is_empty());
        // Spouse is symmetric: stated on both sides, it is not doubled.
        let michelle = reference.lookup("michelle-obama-q13133").expect("imported");
        assert_eq!(reference.statements(michelle, "spouse").count(), 1);

        let edge = import("edge-cases.jsonl", &fixture("edge-cases.jsonl"));
        let reference = load(&edge.entities);
        let usa = reference.lookup("united-states-q30").expect("imported");
        let periods: Vec<String> = reference
            .statements(usa, "capital")
            .map(|s| s.period())
            .collect();
        assert_eq!(periods, ["from 1785 to 1790", "since 1800-11"]);
        let newton = reference.lookup("isaac-newton-q935").expect("imported");
        let born = reference
            .statements(newton, "born")
            .next()
            .expect("birth date");
        assert_eq!(
            born.value,
            crate::reference::Value::Date(DateRange::parse("1643-01-04").expect("date"))
        );
    }

    #[test]
    fn broken_records_are_reported_at_their_line_and_the_rest_is_read() {
        let import = import("broken-dump.json", &fixture("broken-dump.json"));
        let found: Vec<(usize, &str)> = import
            .errors
            .iter()
            .map(|e| (e.line, e.record.as_str()))
            .collect();
        assert_eq!(
            found,
            [(3, "entity Q61"), (4, "line 4"), (5, "entity Q11696")],
            "{:#?}",
            import.errors
        );
        assert!(import.errors.iter().all(|e| e.file == "broken-dump.json"));
        assert!(
            import.errors[0].message.starts_with("not valid JSON"),
            "{}",
            import.errors[0]
        );
        assert!(import.errors[1].message.contains("without an `id`"));
        let wrong_shape = &import.errors[2];
        assert!(
            wrong_shape.message.contains("P17 (country) statement 1")
                && wrong_shape.message.contains("not an item id"),
            "{wrong_shape}"
        );
        // The column is the bad statement's, within the entity's line.
        let line5 = fixture("broken-dump.json")
            .lines()
            .nth(4)
            .expect("line 5")
            .to_string();
        let claim = line5.find("\"P17\":[").expect("P17") + "\"P17\":[".len();
        assert_eq!(wrong_shape.column, claim + 1);

        // The good records around the broken ones are imported; the office keeps its
        // well-formed statements.
        assert_eq!(
            ids(&import),
            [
                "barack-obama-q76",
                "president-of-the-united-states-q11696",
                "united-states-q30"
            ]
        );
        let office = entity(&import, "president-of-the-united-states-q11696");
        assert_eq!(values(office, "jurisdiction"), ["united-states-q30"]);
        assert!(statements(office, "country").is_empty());
    }

    #[test]
    fn a_dump_cut_short_or_with_text_after_its_end_is_reported() {
        let text = fixture("sample-dump.json");
        let cut = text.trim_end().strip_suffix(']').expect("dump ends with ]");
        let import = import("cut.json", cut);
        assert_eq!(import.entities.len(), 5);
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert_eq!(error.line, 7);
        assert!(error.message.contains("no closing `]`"), "{error}");

        let extra = format!("{text}{{\"id\":\"Q1\"}}\n");
        let import = super::import("extra.json", &extra);
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert_eq!((error.line, error.column), (9, 1));
        assert!(
            error.message.contains("after the dump's closing"),
            "{error}"
        );
    }

    #[test]
    fn json_lines_without_brackets_are_read_line_by_line() {
        let text = fixture("sample-dump.json");
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('{'))
            .map(|l| l.trim_end_matches(','))
            .collect();
        let import = import("entities.jsonl", &lines.join("\n"));
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(import.entities.len(), 5);
        // A duplicate item is reported on its own line and not imported twice.
        let doubled = format!("{}\n{}\n", lines.join("\n"), lines[0]);
        let import = super::import("entities.jsonl", &doubled);
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert_eq!((error.line, error.record.as_str()), (7, "entity Q76"));
        assert!(error.message.contains("first on line 1"), "{error}");
        assert_eq!(import.entities.len(), 5);
    }

    #[test]
    fn deprecated_statements_are_skipped() {
        let text = fixture("edge-cases.jsonl");
        let import = import("edge-cases.jsonl", &text);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        // Maryland is imported, but the deprecated "located in Maryland" is not.
        entity(&import, "maryland-q1391");
        let dc = entity(&import, "washington-dc-q61");
        assert_eq!(values(dc, "located-in"), ["united-states-q30"]);

        // The same record with that statement ranked normal does say it.
        let mut record = record(&text, "Q61");
        record["claims"]["P131"][1]["rank"] = "normal".into();
        let import = super::import("edge-cases.jsonl", &with_record(&text, &record));
        let dc = entity(&import, "washington-dc-q61");
        assert_eq!(
            values(dc, "located-in"),
            ["maryland-q1391", "united-states-q30"]
        );
    }

    #[test]
    fn dates_keep_their_precision_and_a_vague_start_drops_the_statement() {
        let import = import("edge-cases.jsonl", &fixture("edge-cases.jsonl"));
        let usa = entity(&import, "united-states-q30");
        let capitals: Vec<(String, Option<&str>, Option<&str>)> = statements(usa, "capital")
            .iter()
            .map(|s| (value_text(&s.value), s.start.as_deref(), s.end.as_deref()))
            .collect();
        // Washington since November 1800 (month precision), New York 1785-1790 (years);
        // Philadelphia "from the 1790s" (decade precision) is dropped, not made open-ended,
        // although Philadelphia itself is imported.
        assert_eq!(
            capitals,
            [
                ("new-york-city-q60".to_string(), Some("1785"), Some("1790")),
                ("washington-dc-q61".to_string(), Some("1800-11"), None),
            ]
        );
        entity(&import, "philadelphia-q1345");
    }

    #[test]
    fn unknown_or_absent_values_are_not_facts() {
        let text = fixture("edge-cases.jsonl");
        // Newton's spouse is "no value": no statement, no error.
        let import = import("edge-cases.jsonl", &text);
        assert!(statements(entity(&import, "isaac-newton-q935"), "spouse").is_empty());

        // An unknown ("somevalue") start is not an open start: the statement goes.
        let mut usa = record(&text, "Q30");
        usa["claims"]["P36"][0]["qualifiers"]["P580"][0] =
            serde_json::json!({"snaktype": "somevalue", "property": "P580", "datatype": "time"});
        let import = super::import("q30.jsonl", &with_record(&text, &usa));
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(
            values(entity(&import, "united-states-q30"), "capital"),
            ["new-york-city-q60"]
        );
        // "novalue" as the end: there is none, the statement stays open.
        let mut usa = record(&text, "Q30");
        usa["claims"]["P36"][0]["qualifiers"]["P582"] =
            serde_json::json!([{"snaktype": "novalue", "property": "P582", "datatype": "time"}]);
        let import = super::import("q30.jsonl", &with_record(&text, &usa));
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let usa = entity(&import, "united-states-q30");
        let washington: Vec<_> = statements(usa, "capital")
            .into_iter()
            .filter(|s| s.value == ImportedValue::Entity("washington-dc-q61".into()))
            .map(|s| (s.start.as_deref(), s.end.as_deref()))
            .collect();
        assert_eq!(washington, [(Some("1800-11"), None)]);
    }

    #[test]
    fn preferred_statements_settle_single_valued_properties() {
        let text = fixture("edge-cases.jsonl");
        let import = import("edge-cases.jsonl", &text);
        // Three birth dates, one preferred.
        assert_eq!(
            values(entity(&import, "kim-jong-un-q56226"), "born"),
            ["1984-01-08"]
        );
        // Without the preference the sources disagree and no birth date is kept.
        let mut kim = record(&text, "Q56226");
        kim["claims"]["P569"][0]["rank"] = "normal".into();
        let import = super::import("kim.jsonl", &kim.to_string());
        assert!(values(entity(&import, "kim-jong-un-q56226"), "born").is_empty());
        // Multi-valued properties keep normal statements next to a preferred one.
        let import = super::import("edge-cases.jsonl", &text);
        assert_eq!(
            statements(entity(&import, "united-states-q30"), "capital").len(),
            2
        );
    }

    #[test]
    fn julian_days_become_gregorian_days() {
        let import = import("edge-cases.jsonl", &fixture("edge-cases.jsonl"));
        let newton = entity(&import, "isaac-newton-q935");
        // Born 25 December 1642 and died 20 March 1726/27 in the Julian calendar.
        assert_eq!(values(newton, "born"), ["1643-01-04"]);
        assert_eq!(values(newton, "died"), ["1727-03-31"]);
        // The Gregorian reform: Julian 4 October 1582 was followed by Gregorian 15 October.
        assert_eq!(julian_to_gregorian(1582, 10, 5), Some(day("1582-10-15")));
        assert_eq!(julian_to_gregorian(1752, 9, 3), Some(day("1752-09-14")));
        // 1700 is a Julian leap year, not a Gregorian one.
        assert_eq!(julian_to_gregorian(1700, 2, 29), Some(day("1700-03-11")));
        assert_eq!(julian_to_gregorian(1701, 2, 29), None);
    }

    #[test]
    fn time_values_at_each_precision() {
        let t = |time: &str, precision: Value, calendar: &str| {
            super::time(&serde_json::json!({
                "time": time, "timezone": 0, "before": 0, "after": 0,
                "precision": precision,
                "calendarmodel": format!("http://www.wikidata.org/entity/{calendar}")
            }))
        };
        let ok = |date: &str| Ok(Some(date.to_string()));
        assert_eq!(
            t("+1952-03-11T00:00:00Z", 11.into(), GREGORIAN),
            ok("1952-03-11")
        );
        assert_eq!(
            t("+1800-11-00T00:00:00Z", 10.into(), GREGORIAN),
            ok("1800-11")
        );
        assert_eq!(
            t("+1984-08-01T00:00:00Z", 10.into(), GREGORIAN),
            ok("1984-08")
        );
        assert_eq!(t("+1953-00-00T00:00:00Z", 9.into(), GREGORIAN), ok("1953"));
        assert_eq!(
            t("+1953-01-01T00:00:00Z", "9".into(), GREGORIAN),
            ok("1953")
        );
        assert_eq!(
            t("+00000002014-01-01T00:00:00Z", 11.into(), GREGORIAN),
            ok("2014-01-01")
        );
        assert_eq!(
            t("+0476-09-04T00:00:00Z", 11.into(), GREGORIAN),
            ok("0476-09-04")
        );
        // A Julian month or year keeps its year.
        assert_eq!(t("+1642-12-00T00:00:00Z", 10.into(), JULIAN), ok("1642"));
        // Too vague, BCE, beyond 9999, impossible days and other calendars: not expressible.
        assert_eq!(t("+1790-00-00T00:00:00Z", 8.into(), GREGORIAN), Ok(None));
        assert_eq!(t("+1801-00-00T00:00:00Z", 7.into(), GREGORIAN), Ok(None));
        assert_eq!(t("-0044-03-15T00:00:00Z", 11.into(), JULIAN), Ok(None));
        assert_eq!(t("+12019-01-01T00:00:00Z", 9.into(), GREGORIAN), Ok(None));
        assert_eq!(t("+1900-02-30T00:00:00Z", 11.into(), GREGORIAN), Ok(None));
        assert_eq!(t("+1900-02-03T00:00:00Z", 11.into(), "Q12138"), Ok(None));
        // Malformed values are errors.
        assert!(t("1952-03-11", 12.into(), GREGORIAN).is_ok());
        assert!(t("March 1952", 10.into(), GREGORIAN).is_err());
        assert!(t("+1952-00-00T00:00:00Z", 10.into(), GREGORIAN).is_err());
        assert!(t("+1952-03-00T00:00:00Z", 11.into(), GREGORIAN).is_err());
        assert!(t("+1952-03-11T00:00:00Z", 15.into(), GREGORIAN).is_err());
        assert!(super::time(&"+1952-03-11T00:00:00Z".into()).is_err());
    }

    #[test]
    fn kinds_come_from_instance_of_then_from_statements() {
        let import = import("edge-cases.jsonl", &fixture("edge-cases.jsonl"));
        // P31 Q1093829 (city of the United States) is not in the list; P17 makes a place.
        assert_eq!(
            entity(&import, "philadelphia-q1345").kind,
            EntityKind::Place
        );
        // P31 Q2223653 (terrorist attack) is not in the list; P585 makes an event.
        let attacks = entity(&import, "september-11-attacks-q10806");
        assert_eq!(attacks.kind, EntityKind::Event);
        assert_eq!(values(attacks, "date"), ["2001-09-11"]);
        // A book (Q571) is none of the kinds: skipped without an error.
        assert!(!ids(&import).iter().any(|id| id.ends_with("q4132785")));
        assert!(import.errors.is_empty(), "{:?}", import.errors);
    }

    #[test]
    fn names_fall_back_from_english_to_mul_and_then_the_qid() {
        let text = fixture("edge-cases.jsonl");
        let mut kim = record(&text, "Q56226");
        kim["labels"] = serde_json::json!({
            "ko": {"language": "ko", "value": "김정은"},
            "mul": {"language": "mul", "value": "Kim Jong Un"}
        });
        let import = import("kim.jsonl", &kim.to_string());
        assert_eq!(entity(&import, "kim-jong-un-q56226").name, "Kim Jong Un");
        kim["labels"] = serde_json::json!([]);
        let import = super::import("kim.jsonl", &kim.to_string());
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(entity(&import, "q56226").name, "Q56226");
    }

    #[test]
    fn entity_data_documents_are_read_whole() {
        let text = fixture("entitydata-Q646148.json");
        let import = import("Q646148.json", &text);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(ids(&import), ["henning-christophersen-q646148"]);
        let person = entity(&import, "henning-christophersen-q646148");
        assert_eq!(person.description.as_deref(), Some("Danish politician"));
        assert_eq!(values(person, "born"), ["1939-11-08"]);
        // The death date has a reference URL: it is the source, Wikidata goes in the note.
        let died = statements(person, "died");
        assert_eq!(
            died[0].source,
            "http://nyheder.tv2.dk/politik/2017-01-01-henning-christophersen-er-doed"
        );
        assert_eq!(
            died[0].note.as_deref(),
            Some("Wikidata statement: https://www.wikidata.org/wiki/Q646148#P570")
        );
        assert_eq!(
            statements(person, "born")[0].source,
            "https://www.wikidata.org/wiki/Q646148#P569"
        );
        // His P39 office (Q6866144) is not in the file.
        assert!(statements(person, "position").is_empty());

        // The same response on one line (as the API sends it) gives the same entities.
        let document: Value = serde_json::from_str(&text).expect("fixture is JSON");
        let compact = super::import("Q646148.json", &document.to_string());
        assert!(compact.errors.is_empty(), "{:?}", compact.errors);
        assert_eq!(compact.entities, import.entities);
    }

    #[test]
    fn a_wbgetentities_response_is_read() {
        // The API answers on one line, with `success` and a stub for an id it does not have.
        let text = fixture("sample-dump.json");
        let mut entities = serde_json::Map::new();
        for qid in ["Q76", "Q11696"] {
            entities.insert(qid.into(), record(&text, qid));
        }
        entities.insert("Q0".into(), serde_json::json!({"id": "Q0", "missing": ""}));
        let response = serde_json::json!({"entities": entities, "success": 1}).to_string();
        let import = import("wbgetentities.json", &response);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        assert_eq!(
            ids(&import),
            ["barack-obama-q76", "president-of-the-united-states-q11696"]
        );
        assert_eq!(
            values(entity(&import, "barack-obama-q76"), "position"),
            ["president-of-the-united-states-q11696"]
        );
    }

    #[test]
    fn errors_in_a_pretty_document_point_at_their_line() {
        let text = fixture("entitydata-Q646148.json");
        let (index, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("\"value\": \"Danish politician\""))
            .expect("the English description");
        let broken = text.replacen(line, &line.replace("\"value\":", "\"value\""), 1);
        let import = import("Q646148.json", &broken);
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert_eq!(error.line, index + 1, "{error}");
        assert!(error.message.starts_with("not valid JSON"), "{error}");

        // A statement of the wrong shape is reported at its own line, as entity Q646148.
        let (index, _) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains("\"+1939-11-08T00:00:00Z\""))
            .expect("the birth date");
        let broken = text.replacen("\"+1939-11-08T00:00:00Z\"", "19391108", 1);
        let import = super::import("Q646148.json", &broken);
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert_eq!(error.record, "entity Q646148");
        assert!(error.message.contains("P569 (date of birth)"), "{error}");
        // The statement starts a few lines above its time value.
        assert!(error.line < index + 1 && error.line > index - 12, "{error}");
    }

    #[test]
    fn odd_inputs_are_errors_not_entities() {
        let import = import("x.json", "hello");
        assert_eq!(import.errors.len(), 1);
        assert!(import.entities.is_empty());
        let import = super::import("x.json", "");
        assert!(import.errors.is_empty() && import.entities.is_empty());
        // An item id that is not Q and digits.
        let import = super::import("x.json", r#"{"type":"item","id":"Q-1","labels":{}}"#);
        assert_eq!(import.errors.len(), 1);
        assert!(
            import.errors[0].message.contains("`Q-1`"),
            "{}",
            import.errors[0]
        );
        // An end before the start is reported, not written (the loader would reject it).
        let text = fixture("edge-cases.jsonl");
        let mut usa = record(&text, "Q30");
        usa["claims"]["P36"][1]["qualifiers"]["P582"][0]["datavalue"]["value"]["time"] =
            "+1700-00-00T00:00:00Z".into();
        let import = super::import("q30.jsonl", &usa.to_string());
        let [error] = import.errors.as_slice() else {
            panic!("one error: {:?}", import.errors);
        };
        assert!(
            error.message.contains("end 1700 is before its start 1785"),
            "{error}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC*") {
            let _ = import("any.json", &text);
        }

        #[test]
        fn damaged_records_are_read_without_panicking(
            cut in 0usize..12_000,
            len in 0usize..400,
            filler in "[\\[\\]{}\",:0-9a-zA-Z+\\-\\n ]{0,8}",
        ) {
            let text = fixture("edge-cases.jsonl") + &fixture("sample-dump.json");
            let cut = cut.min(text.len());
            let end = (cut + len).min(text.len());
            if let (Some(head), Some(tail)) = (text.get(..cut), text.get(end..)) {
                let damaged = format!("{head}{filler}{tail}");
                let import = import("damaged.json", &damaged);
                for e in &import.errors {
                    prop_assert!(e.line >= 1 && e.column >= 1);
                }
            }
        }
    }
}
