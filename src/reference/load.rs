//! Loading `claims/*.toml`: parse, resolve ids, validate, and report every problem with its
//! file, line and column.

use super::model::{Entity, EntityIdx, EntityKind, Origin, Property, Statement, Value, ValueType};
use crate::time::{DateRange, PartialDate};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use toml::Spanned;

/// One problem in the reference data or the rules, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// A set of `DataError`s: loading reports every problem, not only the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DataErrors(pub Vec<DataError>);

impl std::fmt::Display for DataErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A file's text and name, for turning byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    /// The name again, shared by the origins of everything declared in the file.
    shared_name: std::sync::Arc<str>,
    pub text: String,
    /// Byte offsets where lines start, computed on first use: every entity and statement
    /// records its line, and counting newlines from the top each time is quadratic.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let name: String = name.into();
        SourceFile {
            shared_name: name.as_str().into(),
            name,
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and character column of a byte offset (clamped to the file).
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        // The last line start at or before the offset; starts[0] == 0 <= offset always.
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    pub fn origin(&self, span: &Range<usize>) -> Origin {
        let (line, column) = self.line_column(span.start);
        Origin {
            file: self.shared_name.clone(),
            line,
            column,
        }
    }

    pub fn error(&self, span: &Range<usize>, message: impl Into<String>) -> DataError {
        let (line, column) = self.line_column(span.start);
        DataError {
            file: self.name.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A TOML parse error at its place, or at the top of the file when it has none.
    pub fn toml_error(&self, error: &toml::de::Error) -> DataError {
        let span = error.span().unwrap_or(0..0);
        self.error(&span, error.message().trim().to_string())
    }
}

/// A part of a file, for spans that count from the part's start: errors and origins are still
/// reported at the file's own lines.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub file: &'a SourceFile,
    pub offset: usize,
}

impl At<'_> {
    fn shift(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    pub fn error(&self, span: &Range<usize>, message: impl Into<String>) -> DataError {
        self.file.error(&self.shift(span), message)
    }

    pub fn origin(&self, span: &Range<usize>) -> Origin {
        self.file.origin(&self.shift(span))
    }
}

/// A TOML file parsed once, keeping spans, so each array-of-tables entry (`[[entity]]`,
/// `[[rule]]`) can be read on its own: one malformed entry is reported without hiding the
/// problems of the others.
pub struct TomlTables<'a> {
    file: &'a SourceFile,
    root: Spanned<toml::de::DeTable<'a>>,
}

impl<'a> TomlTables<'a> {
    /// Parses the file; `keys` are the arrays of tables it may hold, anything else is an error.
    pub fn parse(file: &'a SourceFile, keys: &[&str], errors: &mut Vec<DataError>) -> Option<Self> {
        let root = match toml::de::DeTable::parse(&file.text) {
            Ok(root) => root,
            Err(e) => {
                errors.push(file.toml_error(&e));
                return None;
            }
        };
        for (key, _) in root.get_ref().iter() {
            if !keys.contains(&key.get_ref().as_ref()) {
                let expected: Vec<String> = keys.iter().map(|k| format!("[[{k}]]")).collect();
                errors.push(file.error(
                    &key.span(),
                    format!(
                        "unknown key `{}` (expected {})",
                        key.get_ref(),
                        expected.join(", ")
                    ),
                ));
            }
        }
        Some(TomlTables { file, root })
    }

    /// Every entry of `[[key]]`, deserialized; entries that do not fit `T` become errors.
    pub fn entries<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
        errors: &mut Vec<DataError>,
    ) -> Vec<Spanned<T>> {
        let Some(value) = self.root.get_ref().get(key) else {
            return Vec::new();
        };
        let toml::de::DeValue::Array(items) = value.get_ref() else {
            errors.push(self.file.error(
                &value.span(),
                format!("`{key}` must be an array of tables: [[{key}]]"),
            ));
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let span = item.span();
            match T::deserialize(toml::de::ValueDeserializer::from(item.clone())) {
                Ok(t) => out.push(Spanned::new(span, t)),
                Err(e) => {
                    let at = e.span().unwrap_or(span);
                    errors.push(self.file.error(&at, e.message().trim().to_string()));
                }
            }
        }
        out
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEntity {
    id: Spanned<String>,
    /// Adds aliases and statements to an entity declared in another file (often an imported
    /// one) instead of declaring a new entity.
    #[serde(default)]
    extend: Option<Spanned<bool>>,
    /// With `extend`: properties whose statements here replace the declaration's own (a
    /// curated history of capitals over an import that knows only today's).
    #[serde(default)]
    replace: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    description: Option<String>,
    #[serde(default)]
    single_holder: Option<Spanned<bool>>,
    #[serde(default)]
    statement: Vec<Spanned<RawStatement>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStatement {
    subject: Option<Spanned<String>>,
    property: Spanned<String>,
    value: Spanned<toml::Value>,
    start: Option<Spanned<toml::Value>>,
    end: Option<Spanned<toml::Value>>,
    source: Option<Spanned<String>>,
    #[serde(default)]
    qualifiers: BTreeMap<String, Spanned<toml::Value>>,
    #[allow(dead_code)] // read for validation only: a note is for the data's maintainers
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProperty {
    id: Spanned<String>,
    value: Spanned<String>,
    description: Option<String>,
    #[serde(default)]
    symmetric: bool,
    #[serde(default)]
    transitive: bool,
    inverse: Option<Spanned<String>>,
}

/// One batch of whole entries of a file, deserialized directly (see `split`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBatch {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    property: Vec<Spanned<RawProperty>>,
    #[serde(default)]
    statement: Vec<Spanned<RawStatement>>,
}

/// The entries of one file, each with the offset its spans count from.
#[derive(Default)]
struct RawFile {
    entities: Vec<(usize, Spanned<RawEntity>)>,
    properties: Vec<(usize, Spanned<RawProperty>)>,
    statements: Vec<(usize, Spanned<RawStatement>)>,
}

/// Batches of about this many bytes: large enough that the parser's per-call cost vanishes,
/// small enough to spread a file over the threads and never hold a whole file's parse tree.
const BATCH_BYTES: usize = 64 * 1024;

/// Parses every file, its batches in parallel. A file whose batches do not all parse is read
/// again whole, entry by entry, so that every problem is reported at its place.
fn parse_files(files: &[SourceFile], batch_bytes: usize) -> Vec<(Option<RawFile>, Vec<DataError>)> {
    use rayon::prelude::*;
    let tasks: Vec<(usize, Range<usize>)> = files
        .iter()
        .enumerate()
        .flat_map(|(i, file)| {
            let ranges = crate::reference::split::batches(&file.text, batch_bytes)
                // Not splittable: one batch, which the whole-file path below reads if it fails.
                .unwrap_or_else(|| std::iter::once(0..file.text.len()).collect());
            ranges.into_iter().map(move |r| (i, r))
        })
        .collect();
    let parsed: Vec<(usize, usize, Option<RawBatch>)> = tasks
        .into_par_iter()
        .map(|(i, range)| {
            let batch = toml::from_str::<RawBatch>(&files[i].text[range.clone()]).ok();
            (i, range.start, batch)
        })
        .collect();
    let mut out: Vec<Option<RawFile>> = files.iter().map(|_| Some(RawFile::default())).collect();
    for (i, offset, batch) in parsed {
        let (Some(raw), Some(batch)) = (&mut out[i], batch) else {
            out[i] = None;
            continue;
        };
        raw.entities
            .extend(batch.entity.into_iter().map(|e| (offset, e)));
        raw.properties
            .extend(batch.property.into_iter().map(|p| (offset, p)));
        raw.statements
            .extend(batch.statement.into_iter().map(|s| (offset, s)));
    }
    // Each file's parse errors with the file, so they come before the next file's problems.
    out.into_iter()
        .enumerate()
        .map(|(i, raw)| match raw {
            Some(raw) => (Some(raw), Vec::new()),
            None => {
                let mut errors = Vec::new();
                let raw = parse_whole(&files[i], &mut errors);
                (raw, errors)
            }
        })
        .collect()
}

/// The slow, thorough path: the file parsed whole, each entry deserialized on its own.
fn parse_whole(file: &SourceFile, errors: &mut Vec<DataError>) -> Option<RawFile> {
    let tables = TomlTables::parse(file, &["entity", "property", "statement"], errors)?;
    fn at_zero<T>(entries: Vec<Spanned<T>>) -> Vec<(usize, Spanned<T>)> {
        entries.into_iter().map(|e| (0, e)).collect()
    }
    Some(RawFile {
        properties: at_zero(tables.entries("property", errors)),
        entities: at_zero(tables.entries("entity", errors)),
        statements: at_zero(tables.entries("statement", errors)),
    })
}

/// The loaded, validated data, before indexing.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Loaded {
    pub entities: Vec<Entity>,
    pub properties: HashMap<String, Property>,
}

/// Parses a date field: a TOML local date, or a string "2019", "2019-04", "2019-04-01", or a
/// span "2019-02-27/2019-02-28".
fn parse_date(value: &toml::Value) -> Option<DateRange> {
    match value {
        toml::Value::Datetime(dt) => {
            if dt.time.is_some() || dt.offset.is_some() {
                return None;
            }
            let d = dt.date?;
            PartialDate::day(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .map(DateRange::single)
        }
        toml::Value::String(s) => DateRange::parse(s),
        _ => None,
    }
}

fn value_as_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Statements read but not yet resolved (their values may name entities of files read
/// later), kept in the groups they were read in: each group is dropped as soon as it is
/// resolved, so a large load never holds every raw statement beside every resolved one.
struct PendingStatements {
    /// The entity the statements are nested in; `None` for a top-level statement with
    /// `subject`.
    entity: Option<usize>,
    /// From an `extend` entry: not dropped by that entry's `replace`.
    extension: bool,
    statements: Vec<Spanned<RawStatement>>,
    file: usize,
    /// Where the statements' batch starts in its file: their spans count from there.
    offset: usize,
}

/// Loads entities and property declarations from TOML sources, in the order given.
pub fn load(files: &[SourceFile]) -> Result<Loaded, DataErrors> {
    load_in_batches(files, BATCH_BYTES)
}

fn load_in_batches(files: &[SourceFile], batch_bytes: usize) -> Result<Loaded, DataErrors> {
    let mut errors = Vec::new();
    let mut loaded = Loaded::default();
    let mut ids: rustc_hash::FxHashMap<String, (usize, Origin)> = Default::default();
    let mut pending = Vec::new();
    let mut extensions: Vec<(usize, usize, RawEntity)> = Vec::new();

    let parsed = parse_files(files, batch_bytes);
    for (file_index, (raw_file, parse_errors)) in parsed.into_iter().enumerate() {
        errors.extend(parse_errors);
        let Some(raw_file) = raw_file else {
            continue;
        };
        let file = &files[file_index];
        let RawFile {
            entities: raw_entities,
            properties: raw_properties,
            statements: raw_statements,
        } = raw_file;
        for (offset, raw_property) in raw_properties {
            let at = At { file, offset };
            let span = raw_property.span();
            let p = raw_property.into_inner();
            let Some(value) = ValueType::parse(p.value.get_ref()) else {
                errors.push(at.error(
                    &p.value.span(),
                    format!(
                        "unknown value type `{}` (expected entity, date, text or number)",
                        p.value.get_ref()
                    ),
                ));
                continue;
            };
            let origin = at.origin(&span);
            if let Some(previous) = loaded.properties.get(p.id.get_ref()) {
                errors.push(at.error(
                    &p.id.span(),
                    format!(
                        "duplicate property `{}` (first declared at {})",
                        p.id.get_ref(),
                        previous.origin
                    ),
                ));
                continue;
            }
            loaded.properties.insert(
                p.id.get_ref().clone(),
                Property {
                    id: p.id.into_inner(),
                    value,
                    description: p.description,
                    symmetric: p.symmetric,
                    transitive: p.transitive,
                    inverse: p.inverse.map(Spanned::into_inner),
                    origin,
                },
            );
        }
        for (offset, raw) in raw_statements {
            pending.push(PendingStatements {
                entity: None,
                extension: false,
                statements: vec![raw],
                file: file_index,
                offset,
            });
        }
        for (offset, raw_entity) in raw_entities {
            let at = At { file, offset };
            let entity_span = raw_entity.span();
            let e = raw_entity.into_inner();
            let id = e.id.get_ref().trim().to_string();
            if id.is_empty() {
                errors.push(at.error(&e.id.span(), "empty entity id"));
                continue;
            }
            if e.extend.as_ref().is_some_and(|x| *x.get_ref()) {
                extensions.push((file_index, offset, e));
                continue;
            }
            if let Some(first) = e.replace.first() {
                errors.push(at.error(
                    &first.span(),
                    "`replace` is for an entry with `extend = true`",
                ));
            }
            let (Some(kind_text), Some(name)) = (&e.kind, &e.name) else {
                let missing = if e.kind.is_none() { "kind" } else { "name" };
                errors.push(at.error(
                    &entity_span,
                    format!(
                        "entity `{id}` has no `{missing}` (an entry that adds to an entity declared elsewhere says `extend = true`)"
                    ),
                ));
                continue;
            };
            let Some(kind) = EntityKind::parse(kind_text.get_ref()) else {
                errors.push(at.error(
                    &kind_text.span(),
                    format!(
                        "unknown entity kind `{}` (expected person, office, place, organization or event)",
                        kind_text.get_ref()
                    ),
                ));
                continue;
            };
            if name.get_ref().trim().is_empty() {
                errors.push(at.error(&name.span(), "empty entity name"));
            }
            if let Some(single) = &e.single_holder
                && kind != EntityKind::Office
                && *single.get_ref()
            {
                errors.push(at.error(&single.span(), "`single-holder` applies to offices only"));
            }
            let origin = at.origin(&e.id.span());
            if let Some((_, first)) = ids.get(&id) {
                errors.push(at.error(
                    &e.id.span(),
                    format!("duplicate entity id `{id}` (first defined at {first})"),
                ));
                continue;
            }
            let index = loaded.entities.len();
            ids.insert(id.clone(), (index, origin.clone()));
            for alias in &e.aliases {
                if alias.get_ref().trim().is_empty() {
                    errors.push(at.error(&alias.span(), "empty alias"));
                }
            }
            loaded.entities.push(Entity {
                id,
                kind,
                name: name.get_ref().trim().to_string(),
                aliases: e
                    .aliases
                    .iter()
                    .map(|a| a.get_ref().trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                description: e.description,
                single_holder: e.single_holder.is_some_and(|s| *s.get_ref()),
                statements: Vec::new(),
                origin,
            });
            pending.push(PendingStatements {
                entity: Some(index),
                extension: false,
                statements: e.statement,
                file: file_index,
                offset,
            });
        }
    }

    // Extensions once every file is read: the entity they add to may come from any file.
    let mut replaced: std::collections::HashSet<(usize, String)> = Default::default();
    for (file_index, offset, e) in extensions {
        let at = At {
            file: &files[file_index],
            offset,
        };
        let id = e.id.get_ref().trim();
        let Some(&(index, _)) = ids.get(id) else {
            errors.push(at.error(
                &e.id.span(),
                format!("`extend = true`, but no file declares an entity `{id}`"),
            ));
            continue;
        };
        let base = &mut loaded.entities[index];
        if let Some(kind) = &e.kind
            && kind.get_ref() != base.kind.as_str()
        {
            errors.push(at.error(
                &kind.span(),
                format!(
                    "`{id}` is declared as a {} at {}, not a {}",
                    base.kind.as_str(),
                    base.origin,
                    kind.get_ref()
                ),
            ));
            continue;
        }
        if let Some(name) = &e.name {
            errors.push(at.error(
                &name.span(),
                format!(
                    "an extension cannot rename `{id}` (declared at {}); add the name to `aliases`",
                    base.origin
                ),
            ));
            continue;
        }
        if let Some(single) = &e.single_holder {
            errors.push(at.error(
                &single.span(),
                format!(
                    "`single-holder` is set where `{id}` is declared ({})",
                    base.origin
                ),
            ));
        }
        for alias in &e.aliases {
            let alias_text = alias.get_ref().trim();
            if alias_text.is_empty() {
                errors.push(at.error(&alias.span(), "empty alias"));
            } else if !base.aliases.iter().any(|a| a == alias_text) && base.name != alias_text {
                base.aliases.push(alias_text.to_string());
            }
        }
        if base.description.is_none() {
            base.description = e.description;
        }
        for property in &e.replace {
            if !loaded.properties.contains_key(property.get_ref()) {
                errors.push(at.error(
                    &property.span(),
                    format!("unknown property `{}`", property.get_ref()),
                ));
            } else if !replaced.insert((index, property.get_ref().clone())) {
                errors.push(at.error(
                    &property.span(),
                    format!(
                        "`{}` of `{id}` is already replaced by another extension",
                        property.get_ref()
                    ),
                ));
            }
        }
        pending.push(PendingStatements {
            entity: Some(index),
            extension: true,
            statements: e.statement,
            file: file_index,
            offset,
        });
    }

    for PendingStatements {
        entity,
        extension,
        statements,
        file,
        offset,
    } in pending
    {
        let at = At {
            file: &files[file],
            offset,
        };
        resolve_statements(
            &mut loaded,
            &ids,
            &replaced,
            at,
            entity,
            extension,
            statements,
            &mut errors,
        );
    }

    validate_inverses(&loaded, files, &mut errors);
    add_mirrors(&mut loaded);
    validate_single_holders(&loaded, &mut errors);

    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(DataErrors(errors))
    }
}

/// Resolves one group of statements into its entity's statements.
#[allow(clippy::too_many_arguments)]
fn resolve_statements(
    loaded: &mut Loaded,
    ids: &rustc_hash::FxHashMap<String, (usize, Origin)>,
    replaced: &std::collections::HashSet<(usize, String)>,
    at: At,
    entity: Option<usize>,
    extension: bool,
    statements: Vec<Spanned<RawStatement>>,
    errors: &mut Vec<DataError>,
) {
    for raw in statements {
        let span = raw.span();
        let s = raw.into_inner();
        let origin = at.origin(&span);
        let entity = match (entity, &s.subject) {
            (Some(index), None) => index,
            (Some(_), Some(subject)) => {
                errors.push(at.error(
                        &subject.span(),
                        "`subject` is only for top-level [[statement]] tables; a nested statement is about its entity",
                    ));
                continue;
            }
            (None, Some(subject)) => match ids.get(subject.get_ref().as_str()) {
                Some((index, _)) => *index,
                None => {
                    errors.push(at.error(
                        &subject.span(),
                        format!("unknown entity id `{}`", subject.get_ref()),
                    ));
                    continue;
                }
            },
            (None, None) => {
                errors.push(at.error(&span, "a top-level [[statement]] needs a `subject`"));
                continue;
            }
        };
        let Some(property) = loaded.properties.get(s.property.get_ref()) else {
            errors.push(at.error(
                &s.property.span(),
                format!("unknown property `{}`", s.property.get_ref()),
            ));
            continue;
        };
        if !extension && replaced.contains(&(entity, property.id.clone())) {
            continue;
        }
        let source = match &s.source {
            Some(src) if !src.get_ref().trim().is_empty() => src.get_ref().trim().to_string(),
            Some(src) => {
                errors.push(at.error(&src.span(), "empty source"));
                continue;
            }
            None => {
                errors.push(at.error(
                    &span,
                    format!(
                        "statement `{}` has no source: every fact needs one",
                        s.property.get_ref()
                    ),
                ));
                continue;
            }
        };
        let value = match property.value {
            ValueType::Entity => match s.value.get_ref() {
                toml::Value::String(target) => match ids.get(target.as_str()) {
                    Some((i, _)) => Value::Entity(EntityIdx(*i as u32)),
                    None => {
                        errors.push(
                            at.error(&s.value.span(), format!("unknown entity id `{target}`")),
                        );
                        continue;
                    }
                },
                _ => {
                    errors.push(at.error(
                        &s.value.span(),
                        format!("property `{}` takes an entity id (a string)", property.id),
                    ));
                    continue;
                }
            },
            ValueType::Date => match parse_date(s.value.get_ref()) {
                Some(d) => Value::Date(d),
                None => {
                    errors.push(at.error(
                            &s.value.span(),
                            format!(
                                "property `{}` takes a date: 2019-02-23, \"2019-02\", \"2019\" or \"2019-02-27/2019-02-28\"",
                                property.id
                            ),
                        ));
                    continue;
                }
            },
            ValueType::Text => match s.value.get_ref() {
                toml::Value::String(t) => Value::Text(t.clone()),
                _ => {
                    errors.push(at.error(
                        &s.value.span(),
                        format!("property `{}` takes text", property.id),
                    ));
                    continue;
                }
            },
            ValueType::Number => match s.value.get_ref() {
                toml::Value::Integer(n) => Value::Number(*n as f64),
                toml::Value::Float(n) => Value::Number(*n),
                _ => {
                    errors.push(at.error(
                        &s.value.span(),
                        format!("property `{}` takes a number", property.id),
                    ));
                    continue;
                }
            },
        };
        let mut bad_date = false;
        let mut period = [None, None];
        for (slot, field, name) in [(0, &s.start, "start"), (1, &s.end, "end")] {
            if let Some(v) = field {
                match parse_date(v.get_ref()) {
                    Some(d) => period[slot] = Some(d),
                    None => {
                        bad_date = true;
                        errors.push(at.error(
                                &v.span(),
                                format!(
                                    "`{name}` must be a date: 2019-02-23, or \"2019-02\" / \"2019\" when only the month or year is known"
                                ),
                            ));
                    }
                }
            }
        }
        if bad_date {
            continue;
        }
        let [start, end] = period;
        if let (Some(a), Some(b), Some(end_span)) = (start, end, &s.end)
            && let (Some(first), Some(last)) = (a.first_day(), b.last_day())
            && last < first
        {
            errors.push(at.error(
                &end_span.span(),
                format!("`end` ({b}) is before `start` ({a})"),
            ));
            continue;
        }
        let qualifiers = s
            .qualifiers
            .iter()
            .map(|(k, v)| (k.clone(), value_as_text(v.get_ref())))
            .collect();
        loaded.entities[entity].statements.push(Statement {
            property: s.property.into_inner(),
            value,
            start,
            end,
            source,
            qualifiers,
            derived: false,
            origin,
        });
    }
}

fn validate_inverses(loaded: &Loaded, files: &[SourceFile], errors: &mut Vec<DataError>) {
    let mut sorted: Vec<&Property> = loaded.properties.values().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for p in sorted {
        if let Some(inverse) = &p.inverse
            && !loaded.properties.contains_key(inverse)
        {
            let file = files
                .iter()
                .find(|f| *f.name == *p.origin.file)
                .map_or(p.origin.file.to_string(), |f| f.name.clone());
            errors.push(DataError {
                file,
                line: p.origin.line,
                column: p.origin.column,
                message: format!("property `{}` names an unknown inverse `{inverse}`", p.id),
            });
        }
    }
}

/// Symmetric properties (sibling, spouse) and inverse pairs (child, parent) are stated once in
/// the data; the mirror statement is added here so a lookup from either side finds it.
fn add_mirrors(loaded: &mut Loaded) {
    let mut mirrors: Vec<(usize, Statement)> = Vec::new();
    for (subject, entity) in loaded.entities.iter().enumerate() {
        for s in &entity.statements {
            let Some(p) = loaded.properties.get(&s.property) else {
                continue;
            };
            let Value::Entity(target) = s.value else {
                continue;
            };
            let mirror_property = if p.symmetric {
                Some(p.id.clone())
            } else {
                p.inverse.clone()
            };
            let Some(mirror_property) = mirror_property else {
                continue;
            };
            let exists = loaded.entities[target.index()].statements.iter().any(|t| {
                t.property == mirror_property && t.value == Value::Entity(EntityIdx(subject as u32))
            });
            if !exists {
                let mut mirror = s.clone();
                mirror.property = mirror_property;
                mirror.value = Value::Entity(EntityIdx(subject as u32));
                mirror.derived = true;
                mirrors.push((target.index(), mirror));
            }
        }
    }
    for (target, mirror) in mirrors {
        if let Some(e) = loaded.entities.get_mut(target) {
            e.statements.push(mirror);
        }
    }
}

/// Two holders of a single-holder office at once is a data error.
fn validate_single_holders(loaded: &Loaded, errors: &mut Vec<DataError>) {
    let mut holders: HashMap<usize, Vec<(usize, &Statement)>> = HashMap::new();
    for (person, entity) in loaded.entities.iter().enumerate() {
        for s in &entity.statements {
            if s.property == "position"
                && let Value::Entity(office) = s.value
                && loaded.entities[office.index()].single_holder
            {
                holders.entry(office.index()).or_default().push((person, s));
            }
        }
    }
    let mut offices: Vec<_> = holders.into_iter().collect();
    offices.sort_by_key(|(office, _)| *office);
    for (office, terms) in offices {
        for (i, (pa, a)) in terms.iter().enumerate() {
            for (pb, b) in terms.iter().skip(i + 1) {
                if overlap(a, b) {
                    let later = if a.origin.line >= b.origin.line && a.origin.file == b.origin.file
                    {
                        (a, pa, b, pb)
                    } else {
                        (b, pb, a, pa)
                    };
                    let (s, p, other, other_p) = later;
                    errors.push(DataError {
                        file: s.origin.file.to_string(),
                        line: s.origin.line,
                        column: s.origin.column,
                        message: format!(
                            "`{}` is a single-holder office, but `{}` ({}) and `{}` ({}, at {}) hold it at the same time",
                            loaded.entities[office].id,
                            loaded.entities[*p].id,
                            s.period(),
                            loaded.entities[*other_p].id,
                            other.period(),
                            other.origin
                        ),
                    });
                }
            }
        }
    }
}

/// Two terms overlap when each starts before the other ends. A term that ends on the day the
/// next begins (a hand-over) does not overlap.
fn overlap(a: &Statement, b: &Statement) -> bool {
    let start = |s: &Statement| s.start.and_then(|d| d.last_day());
    let end = |s: &Statement| s.end.and_then(|d| d.first_day());
    let a_before_b_ends = match (start(a), end(b)) {
        (Some(sa), Some(eb)) => sa < eb,
        _ => true,
    };
    let b_before_a_ends = match (start(b), end(a)) {
        (Some(sb), Some(ea)) => sb < ea,
        _ => true,
    };
    a_before_b_ends && b_before_a_ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Vec<SourceFile> {
        crate::reference::default_claims()
            .iter()
            .map(|(name, text)| SourceFile::new(*name, *text))
            .collect()
    }

    #[test]
    fn batches_of_any_size_load_the_same_as_whole_files() {
        let files = shipped();
        let whole = load_in_batches(&files, usize::MAX).expect("the shipped data loads");
        for batch in [1, 4096, BATCH_BYTES] {
            let parts = load_in_batches(&files, batch).expect("the shipped data loads");
            assert_eq!(parts.entities, whole.entities, "batches of {batch} bytes");
            assert_eq!(
                parts.properties, whole.properties,
                "batches of {batch} bytes"
            );
        }
    }

    #[test]
    fn a_bad_entry_in_one_batch_is_reported_as_in_the_whole_file() {
        let mut files: Vec<SourceFile> = crate::reference::default_property_files().collect();
        files.push(SourceFile::new(
            "bad.toml",
            "# people\n[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"A\"\n\n\
             [[entity]]\nid = \"b\"\nkind = \"persn\"\nname = \"B\"\n\n\
             [[entity]]\nid = \"c\"\nkind = \"person\"\nname = \"C\"\ncolour = 1\n\n\
             [[entity]]\nid = \"d\"\nkind = \"person\"\nname = \"D\"\n\n\
             [[entity.statement]]\nproperty = \"born\"\nvalue = 1960-01-01\n",
        ));
        let whole = load_in_batches(&files, usize::MAX).expect_err("the file is bad");
        let parts = load_in_batches(&files, 1).expect_err("the file is bad");
        assert_eq!(parts, whole);
        let text = parts.to_string();
        assert!(
            text.contains("bad.toml:9:8: unknown entity kind `persn`"),
            "{text}"
        );
        assert!(
            text.contains("bad.toml:16:1: unknown field `colour`"),
            "{text}"
        );
        assert!(
            text.contains("bad.toml:23:1: statement `born` has no source"),
            "{text}"
        );
    }

    #[test]
    fn problems_are_reported_file_by_file() {
        let mut files: Vec<SourceFile> = crate::reference::default_property_files().collect();
        files.push(SourceFile::new(
            "a.toml",
            "[[entity]]\nid = \"a\"\nkind = \"persn\"\nname = \"A\"\n",
        ));
        files.push(SourceFile::new(
            "b.toml",
            "[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"B\"\ncolour = 1\n",
        ));
        for batch in [1, BATCH_BYTES] {
            let errors = load_in_batches(&files, batch).expect_err("both files are bad");
            let names: Vec<&str> = errors.0.iter().map(|e| e.file.as_str()).collect();
            assert_eq!(names, ["a.toml", "b.toml"], "{errors}");
        }
    }
}
