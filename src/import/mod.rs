//! Importers: public data sets turned into `claims/` TOML, one importer per source format.
//!
//! Each importer reads its format into `ImportedEntity` values (the claims model, with ids as
//! text) and reports every malformed record as an `ImportError` with its file, line and column;
//! `to_toml` writes them out deterministically, so re-importing the same input gives the same
//! bytes (the shipped data is checked that way).

pub mod congress;
pub mod countries;
pub mod wikidata;

use crate::reference::EntityKind;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The formats `stet claims import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// unitedstates/congress-legislators YAML (executive.yaml, legislators-*.yaml).
    Congress,
    /// mledoze/countries JSON (countries.json).
    Countries,
    /// Wikidata entity JSON: a dump (one entity per line, inside `[` `]`) or Special:EntityData.
    Wikidata,
}

/// An entity as an importer produces it: the claims model with ids as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEntity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub single_holder: bool,
    pub statements: Vec<ImportedStatement>,
}

impl ImportedEntity {
    pub fn new(id: impl Into<String>, kind: EntityKind, name: impl Into<String>) -> Self {
        ImportedEntity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: Vec::new(),
            description: None,
            single_holder: false,
            statements: Vec::new(),
        }
    }

    /// Adds an alias unless it is empty, the name itself, or already there.
    pub fn alias(&mut self, alias: &str) {
        let alias = alias.trim();
        if !alias.is_empty() && alias != self.name && !self.aliases.iter().any(|a| a == alias) {
            self.aliases.push(alias.to_string());
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ImportedValue {
    /// An entity id.
    Entity(String),
    /// "2019-02-23", "2019-02", "2019" or a span "2019-02-27/2019-02-28".
    Date(String),
    Text(String),
    Number(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImportedStatement {
    pub property: String,
    pub value: ImportedValue,
    /// "2019-02-23", "2019-02" or "2019".
    pub start: Option<String>,
    pub end: Option<String>,
    pub source: String,
    pub qualifiers: BTreeMap<String, String>,
    pub note: Option<String>,
}

impl ImportedStatement {
    pub fn new(property: &str, value: ImportedValue, source: impl Into<String>) -> Self {
        ImportedStatement {
            property: property.to_string(),
            value,
            start: None,
            end: None,
            source: source.into(),
            qualifiers: BTreeMap::new(),
            note: None,
        }
    }
}

/// A malformed record: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Which record, as a reader finds it: "record 12 (bioguide W000178)".
    pub record: String,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.column, self.record, self.message
        )
    }
}

/// What an importer made of its input: the entities of the good records, and an error for
/// each bad one.
#[derive(Debug, Default)]
pub struct Import {
    pub entities: Vec<ImportedEntity>,
    pub errors: Vec<ImportError>,
}

/// Runs the importer for `format` over input files, `(name, text)`, as one data set.
pub fn import(format: Format, inputs: &[(String, String)]) -> Import {
    match format {
        Format::Congress => congress::import_all(inputs),
        Format::Countries | Format::Wikidata => {
            let mut all = Import::default();
            for (file, text) in inputs {
                let one = if format == Format::Countries {
                    countries::import(file, text)
                } else {
                    wikidata::import(file, text)
                };
                all.entities.extend(one.entities);
                all.errors.extend(one.errors);
            }
            all.entities.sort_by(|a, b| a.id.cmp(&b.id));
            all
        }
    }
}

/// Reads the input files and imports them; an unreadable or non-UTF-8 file is an error
/// naming it.
pub fn import_files(format: Format, paths: &[std::path::PathBuf]) -> Import {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let failure = |message: String| ImportError {
            file: name.clone(),
            line: 1,
            column: 1,
            record: "file".into(),
            message,
        };
        match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => inputs.push((name, text)),
                Err(e) => errors.push(failure(format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ))),
            },
            Err(e) => errors.push(failure(format!("cannot read: {e}"))),
        }
    }
    let mut import = import(format, &inputs);
    errors.append(&mut import.errors);
    import.errors = errors;
    import
}

/// The comment at the top of an imported file: how to make it again, and where the facts
/// come from. Input files are named without their folder, so the output does not depend on
/// where the data was downloaded.
pub fn header(format: Format, paths: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        })
        .collect();
    let (what, credit) = match format {
        Format::Congress => (
            "congress",
            "Source: unitedstates/congress-legislators (CC0 1.0, public domain), https://github.com/unitedstates/congress-legislators",
        ),
        Format::Countries => (
            "countries",
            "Source: mledoze/countries, https://github.com/mledoze/countries. Made available under the\nOpen Database License (ODbL) 1.0: https://opendatacommons.org/licenses/odbl/1-0/.\nThis file is a derived database and is shared under the same licence.",
        ),
        Format::Wikidata => (
            "wikidata",
            "Source: Wikidata (CC0 1.0), https://www.wikidata.org",
        ),
    };
    format!(
        "Generated by `stet claims import {what} {}`: do not edit by hand; re-import instead,\nand put corrections in a curated file as `extend = true` entries.\n{credit}",
        names.join(" ")
    )
}

/// An id from a name: lowercase ASCII words joined by hyphens ("Washington, D.C." ->
/// "washington-dc", "Côte d'Ivoire" -> "cote-divoire"). Dots and apostrophes join their
/// neighbours rather than split them.
pub fn slug(text: &str) -> String {
    let folded = crate::text::fold_name(text);
    let mut out = String::with_capacity(folded.len());
    let mut gap = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else if !matches!(c, '.' | '\'' | '’') {
            gap = true;
        }
    }
    out
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A date field: a full date as a TOML local date, anything else ("2019-04", a span) quoted.
fn date_field(date: &str) -> String {
    let full = date.len() == 10
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
        && !date.starts_with('-');
    if full { date.to_string() } else { quoted(date) }
}

/// The claims TOML for `entities`, in the order given, under a comment `header` (each line
/// gets a `# `).
pub fn to_toml(header: &str, entities: &[ImportedEntity]) -> String {
    let mut out = String::new();
    for line in header.lines() {
        let _ = writeln!(out, "# {line}").map(|_| ());
    }
    for e in entities {
        out.push_str("\n[[entity]]\n");
        let _ = writeln!(out, "id = {}", quoted(&e.id));
        let _ = writeln!(out, "kind = {}", quoted(e.kind.as_str()));
        let _ = writeln!(out, "name = {}", quoted(&e.name));
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e.aliases.iter().map(|a| quoted(a)).collect();
            let _ = writeln!(out, "aliases = [{}]", aliases.join(", "));
        }
        if let Some(d) = &e.description {
            let _ = writeln!(out, "description = {}", quoted(d));
        }
        if e.single_holder {
            out.push_str("single-holder = true\n");
        }
        for s in &e.statements {
            out.push_str("\n[[entity.statement]]\n");
            let _ = writeln!(out, "property = {}", quoted(&s.property));
            let value = match &s.value {
                ImportedValue::Entity(id) => quoted(id),
                ImportedValue::Date(d) => date_field(d),
                ImportedValue::Text(t) => quoted(t),
                ImportedValue::Number(n) => toml::Value::Float(*n).to_string(),
            };
            let _ = writeln!(out, "value = {value}");
            if let Some(start) = &s.start {
                let _ = writeln!(out, "start = {}", date_field(start));
            }
            if let Some(end) = &s.end {
                let _ = writeln!(out, "end = {}", date_field(end));
            }
            let _ = writeln!(out, "source = {}", quoted(&s.source));
            if !s.qualifiers.is_empty() {
                let q: Vec<String> = s
                    .qualifiers
                    .iter()
                    .map(|(k, v)| format!("{} = {}", bare_key(k), quoted(v)))
                    .collect();
                let _ = writeln!(out, "qualifiers = {{ {} }}", q.join(", "));
            }
            if let Some(note) = &s.note {
                let _ = writeln!(out, "note = {}", quoted(note));
            }
        }
    }
    out
}

/// A qualifier name as a TOML key: bare when it can be, quoted otherwise.
fn bare_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        quoted(key)
    }
}

/// The 1-based line and column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::{Reference, SourceFile};

    #[test]
    fn slugs_are_lowercase_hyphenated_ascii() {
        assert_eq!(slug("Washington, D.C."), "washington-dc");
        assert_eq!(slug("Côte d'Ivoire"), "cote-divoire");
        assert_eq!(slug("George H. W. Bush"), "george-h-w-bush");
        assert_eq!(slug("  Guinea-Bissau "), "guinea-bissau");
    }

    #[test]
    fn written_toml_loads_back_with_the_same_facts() {
        let mut country = ImportedEntity::new("ruritania", EntityKind::Place, "Ruritania");
        country.alias("Ruritanian");
        country.alias("Ruritania");
        let mut city = ImportedEntity::new("strel", EntityKind::Place, "Strel \"old town\"");
        city.description = Some("capital of Ruritania".into());
        let mut capital = ImportedStatement::new(
            "capital",
            ImportedValue::Entity("strel".into()),
            "https://example.org/ruritania",
        );
        capital.start = Some("1921-03".into());
        capital.end = Some("1990-10-03".into());
        capital.qualifiers.insert("kind of".into(), "seat".into());
        country.statements.push(capital);
        let text = to_toml("made by a test\nsecond line", &[country.clone(), city]);
        assert!(text.starts_with("# made by a test\n# second line\n"));
        assert!(
            text.contains("start = \"1921-03\"\nend = 1990-10-03\n"),
            "{text}"
        );
        assert_eq!(country.aliases, ["Ruritanian"]);

        let mut files: Vec<SourceFile> = crate::reference::default_claims()
            .iter()
            .filter(|(name, _)| name.ends_with("properties.toml"))
            .map(|(n, t)| SourceFile::new(*n, *t))
            .collect();
        files.push(SourceFile::new("imported.toml", text));
        let reference = Reference::from_files(files)
            .map_err(|e| e.to_string())
            .expect("the writer's output loads");
        let r = reference.lookup("ruritania").expect("imported");
        let s = reference
            .statements(r, "capital")
            .next()
            .expect("capital statement");
        assert_eq!(s.period(), "from 1921-03 to 1990-10-03");
        assert_eq!(s.qualifiers["kind of"], "seat");
        let strel = reference.lookup("strel").expect("imported");
        assert_eq!(reference.name(strel), "Strel \"old town\"");
    }
}
