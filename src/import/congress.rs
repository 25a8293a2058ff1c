//! The unitedstates/congress-legislators YAML format (`executive.yaml`,
//! `legislators-current.yaml`, `legislators-historical.yaml`): one record per person with
//! every term served.
//!
//! - Presidents and vice-presidents hold `us-president` / `us-vice-president`, each term with
//!   its ordinal ("45th": a new number whenever the holder changes, so Cleveland is the 22nd
//!   and the 24th, Trump the 45th and the 47th), party and how it began.
//! - Senators hold the office "United States Senator from Iowa" (`us-senator-iowa`, one per
//!   state, two holders at a time), representatives "United States Representative from
//!   Iowa" (`us-representative-iowa`; delegates and resident commissioners for D.C. and the
//!   territories), with district, class and party as qualifiers; the states are places in
//!   `united-states` (declared by the countries import).
//! - A person's id and name are "{nickname or first} {last}" ("Joe Biden"), with middle
//!   initials where two people would share it ("George H. W. Bush", "George W. Bush"); the
//!   first, middle and official names are aliases, so a shared alias ("George Bush") is left
//!   for the story's date and titles to resolve.
//!
//! Several files may be imported at once; records of the same person (same bioguide or
//! govtrack id) are merged.

use super::{Import, ImportError, ImportedEntity, ImportedStatement, ImportedValue, slug};
use crate::reference::EntityKind;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Deserialize)]
struct Record {
    id: Ids,
    name: Name,
    #[serde(default)]
    bio: Bio,
    terms: Vec<Term>,
}

#[derive(Debug, Deserialize)]
struct Ids {
    bioguide: Option<String>,
    govtrack: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct Name {
    first: String,
    middle: Option<String>,
    last: String,
    suffix: Option<String>,
    nickname: Option<String>,
    official_full: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct Bio {
    birthday: Option<String>,
    gender: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Term {
    #[serde(rename = "type")]
    kind: String,
    start: String,
    end: String,
    state: Option<String>,
    district: Option<i64>,
    class: Option<i64>,
    party: Option<String>,
    how: Option<String>,
}

/// A term checked and ready to write.
#[derive(Debug, Clone)]
struct GoodTerm {
    office: Office,
    start: NaiveDate,
    end: NaiveDate,
    term: Term,
    source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Office {
    President,
    VicePresident,
    Senator(usize),
    Representative(usize),
}

/// One person, possibly from records in several files.
struct Person {
    key: String,
    name: Name,
    bio: Bio,
    bio_source: String,
    terms: Vec<GoodTerm>,
}

/// USPS code, name, and whether it is a state (senators) or D.C./a territory (a delegate).
const STATES: &[(&str, &str, bool)] = &[
    ("AL", "Alabama", true),
    ("AK", "Alaska", true),
    ("AZ", "Arizona", true),
    ("AR", "Arkansas", true),
    ("CA", "California", true),
    ("CO", "Colorado", true),
    ("CT", "Connecticut", true),
    ("DE", "Delaware", true),
    ("FL", "Florida", true),
    ("GA", "Georgia", true),
    ("HI", "Hawaii", true),
    ("ID", "Idaho", true),
    ("IL", "Illinois", true),
    ("IN", "Indiana", true),
    ("IA", "Iowa", true),
    ("KS", "Kansas", true),
    ("KY", "Kentucky", true),
    ("LA", "Louisiana", true),
    ("ME", "Maine", true),
    ("MD", "Maryland", true),
    ("MA", "Massachusetts", true),
    ("MI", "Michigan", true),
    ("MN", "Minnesota", true),
    ("MS", "Mississippi", true),
    ("MO", "Missouri", true),
    ("MT", "Montana", true),
    ("NE", "Nebraska", true),
    ("NV", "Nevada", true),
    ("NH", "New Hampshire", true),
    ("NJ", "New Jersey", true),
    ("NM", "New Mexico", true),
    ("NY", "New York", true),
    ("NC", "North Carolina", true),
    ("ND", "North Dakota", true),
    ("OH", "Ohio", true),
    ("OK", "Oklahoma", true),
    ("OR", "Oregon", true),
    ("PA", "Pennsylvania", true),
    ("RI", "Rhode Island", true),
    ("SC", "South Carolina", true),
    ("SD", "South Dakota", true),
    ("TN", "Tennessee", true),
    ("TX", "Texas", true),
    ("UT", "Utah", true),
    ("VT", "Vermont", true),
    ("VA", "Virginia", true),
    ("WA", "Washington", true),
    ("WV", "West Virginia", true),
    ("WI", "Wisconsin", true),
    ("WY", "Wyoming", true),
    ("DC", "District of Columbia", false),
    ("PR", "Puerto Rico", false),
    ("GU", "Guam", false),
    ("VI", "U.S. Virgin Islands", false),
    ("AS", "American Samoa", false),
    ("MP", "Northern Mariana Islands", false),
];

const CONSTITUTION: &str = "https://www.archives.gov/founding-docs/constitution-transcript";
const STATES_SOURCE: &str = "https://www.census.gov/library/reference/code-lists/ansi.html";

fn state_id(index: usize) -> String {
    format!("us-{}", slug(STATES[index].1))
}

fn office_id(office: Office) -> String {
    match office {
        Office::President => "us-president".into(),
        Office::VicePresident => "us-vice-president".into(),
        Office::Senator(s) => format!("us-senator-{}", slug(STATES[s].1)),
        Office::Representative(s) => format!("us-representative-{}", slug(STATES[s].1)),
    }
}

/// The name of the file the data set publishes, for sources: the shipped copy may be renamed.
fn published_name(file: &str) -> String {
    let base = std::path::Path::new(file)
        .file_name()
        .map_or(file.to_string(), |n| n.to_string_lossy().into_owned());
    for known in [
        "executive.yaml",
        "legislators-current.yaml",
        "legislators-historical.yaml",
    ] {
        if base.ends_with(known) {
            return known.to_string();
        }
    }
    base
}

/// Byte offsets of the top-level records ("- " at column 0) and, within each, of its terms.
fn record_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("- ") || line.trim_end() == "-" {
            out.push(offset);
        }
        offset += line.len();
    }
    out
}

/// The offsets of the items of `terms:` in the record text starting at `start`.
fn term_offsets(text: &str, start: usize, end: usize) -> Vec<usize> {
    let record = &text[start..end];
    let mut out = Vec::new();
    let mut offset = start;
    let mut in_terms = false;
    let mut indent: Option<usize> = None;
    for line in record.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let this_indent = line.len() - trimmed.len();
        if trimmed.starts_with("terms:") {
            in_terms = true;
        } else if in_terms && trimmed.starts_with("- ") {
            let i = *indent.get_or_insert(this_indent);
            if this_indent == i {
                out.push(offset + this_indent);
            }
        } else if in_terms
            && !trimmed.is_empty()
            && indent.is_some_and(|i| this_indent <= i)
            && !trimmed.starts_with("- ")
            && this_indent <= 2
        {
            in_terms = false;
        }
        offset += line.len();
    }
    out
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Imports one or more congress-legislators files: `(file name, text)`.
pub fn import_all(inputs: &[(String, String)]) -> Import {
    let mut import = Import::default();
    let mut people: Vec<Person> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();

    for (file, text) in inputs {
        let error_at = |offset: usize, record: String, message: String| {
            let (line, column) = super::line_column(text, offset);
            ImportError {
                file: file.clone(),
                line,
                column,
                record,
                message,
            }
        };
        let records: Vec<yaml_serde::Value> = match yaml_serde::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                import.errors.push(ImportError {
                    file: file.clone(),
                    line,
                    column,
                    record: "file".into(),
                    message: format!("not a congress-legislators YAML list of people: {e}"),
                });
                continue;
            }
        };
        let mut offsets = record_offsets(text);
        if offsets.len() != records.len() {
            // Not the usual block list: every record is reported at the top of the file.
            offsets = vec![0; records.len()];
        }
        let published = published_name(file);
        for (i, value) in records.into_iter().enumerate() {
            let at = offsets[i];
            let next = offsets.get(i + 1).copied().unwrap_or(text.len()).max(at);
            let record: Record = match yaml_serde::from_value(value) {
                Ok(r) => r,
                Err(e) => {
                    import
                        .errors
                        .push(error_at(at, format!("record {}", i + 1), e.to_string()));
                    continue;
                }
            };
            let (key, label) = match (&record.id.bioguide, record.id.govtrack) {
                (Some(b), _) => (format!("bioguide:{b}"), format!("bioguide {b}")),
                (None, Some(g)) => (format!("govtrack:{g}"), format!("govtrack {g}")),
                (None, None) => {
                    import.errors.push(error_at(
                        at,
                        format!("record {}", i + 1),
                        "no bioguide or govtrack id".into(),
                    ));
                    continue;
                }
            };
            let record_label = format!(
                "record {} ({label}, {} {})",
                i + 1,
                record.name.first,
                record.name.last
            );
            if record.name.first.trim().is_empty() || record.name.last.trim().is_empty() {
                import.errors.push(error_at(
                    at,
                    record_label,
                    "empty first or last name".into(),
                ));
                continue;
            }
            let source =
                format!("https://theunitedstates.io/congress-legislators/{published} ({label})");
            let terms_at = term_offsets(text, at, next);
            let mut good = Vec::new();
            let mut bad = false;
            for (t, term) in record.terms.iter().enumerate() {
                let term_at = terms_at.get(t).copied().unwrap_or(at);
                match check_term(term) {
                    Ok((office, start, end)) => good.push(GoodTerm {
                        office,
                        start,
                        end,
                        term: term.clone(),
                        source: source.clone(),
                    }),
                    Err(message) => {
                        bad = true;
                        import.errors.push(error_at(
                            term_at,
                            format!("{record_label}, term {}", t + 1),
                            message,
                        ));
                    }
                }
            }
            if let Some(b) = &record.bio.birthday
                && parse_day(b).is_none()
            {
                bad = true;
                import.errors.push(error_at(
                    at,
                    record_label.clone(),
                    format!("birthday `{b}` is not a date (YYYY-MM-DD)"),
                ));
            }
            if bad {
                continue;
            }
            match by_key.get(&key) {
                Some(&p) => {
                    for t in good {
                        let person = &mut people[p];
                        if !person
                            .terms
                            .iter()
                            .any(|x| x.office == t.office && x.start == t.start && x.end == t.end)
                        {
                            person.terms.push(t);
                        }
                    }
                }
                None => {
                    by_key.insert(key.clone(), people.len());
                    people.push(Person {
                        key,
                        name: record.name,
                        bio: record.bio,
                        bio_source: source,
                        terms: good,
                    });
                }
            }
        }
    }
    import.entities = entities(people);
    import
}

fn check_term(term: &Term) -> Result<(Office, NaiveDate, NaiveDate), String> {
    let start =
        parse_day(&term.start).ok_or_else(|| format!("start `{}` is not a date", term.start))?;
    let end = parse_day(&term.end).ok_or_else(|| format!("end `{}` is not a date", term.end))?;
    if end < start {
        return Err(format!("end {end} is before start {start}"));
    }
    let state = || -> Result<usize, String> {
        let code = term
            .state
            .as_deref()
            .ok_or_else(|| format!("a `{}` term needs a `state`", term.kind))?;
        STATES
            .iter()
            .position(|(c, _, _)| *c == code)
            .ok_or_else(|| format!("unknown state `{code}`"))
    };
    let office = match term.kind.as_str() {
        "prez" => Office::President,
        "viceprez" => Office::VicePresident,
        "sen" => {
            let s = state()?;
            if !STATES[s].2 {
                return Err(format!("{} has no senators", STATES[s].1));
            }
            Office::Senator(s)
        }
        "rep" => Office::Representative(state()?),
        other => {
            return Err(format!(
                "unknown term type `{other}` (expected prez, viceprez, sen or rep)"
            ));
        }
    };
    Ok((office, start, end))
}

/// Middle names as initials: "Herbert Walker" -> "H. W.", "J." -> "J.".
fn initials(middle: &str) -> String {
    middle
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn short_name(name: &Name) -> String {
    let first = name.nickname.as_deref().unwrap_or(&name.first);
    format!("{} {}", first.trim(), name.last.trim())
}

fn with_initials(name: &Name) -> String {
    let first = name.nickname.as_deref().unwrap_or(&name.first);
    match name.middle.as_deref().map(initials) {
        Some(m) if !m.is_empty() => format!("{} {m} {}", first.trim(), name.last.trim()),
        _ => short_name(name),
    }
}

fn entities(mut people: Vec<Person>) -> Vec<ImportedEntity> {
    // Names: "{nickname or first} {last}", with initials where two people would share it,
    // and the birth year where even that is shared.
    let mut count: HashMap<String, usize> = HashMap::new();
    for p in &people {
        *count.entry(short_name(&p.name)).or_default() += 1;
    }
    let mut names: Vec<String> = people
        .iter()
        .map(|p| {
            let short = short_name(&p.name);
            if count[&short] > 1 {
                with_initials(&p.name)
            } else {
                short
            }
        })
        .collect();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for n in &names {
        *ids.entry(slug(n)).or_default() += 1;
    }
    let person_ids: Vec<String> = people
        .iter()
        .zip(&mut names)
        .map(|(p, n)| {
            let id = slug(n);
            if ids[&id] > 1 {
                let year = p.bio.birthday.as_deref().and_then(|b| b.get(..4));
                match year {
                    Some(y) => format!("{id}-{y}"),
                    None => format!("{id}-{}", slug(&p.key)),
                }
            } else {
                id
            }
        })
        .collect();

    // Ordinals of the presidency and vice-presidency: a new number whenever the holder changes.
    let mut ordinals: HashMap<(usize, Office, NaiveDate), usize> = HashMap::new();
    for office in [Office::President, Office::VicePresident] {
        let mut terms: Vec<(NaiveDate, usize)> = Vec::new();
        for (i, p) in people.iter().enumerate() {
            for t in p.terms.iter().filter(|t| t.office == office) {
                terms.push((t.start, i));
            }
        }
        terms.sort();
        let mut n = 0;
        let mut last: Option<usize> = None;
        for (start, person) in terms {
            if last != Some(person) {
                n += 1;
                last = Some(person);
            }
            ordinals.insert((person, office, start), n);
        }
    }

    let mut used_offices: BTreeMap<Office, ()> = BTreeMap::new();
    let mut out_people = Vec::new();
    for (i, p) in people.iter_mut().enumerate() {
        p.terms.sort_by_key(|t| (t.start, t.office));
        let mut e = ImportedEntity::new(person_ids[i].clone(), EntityKind::Person, &names[i]);
        let n = &p.name;
        e.alias(&short_name(n));
        e.alias(&format!("{} {}", n.first.trim(), n.last.trim()));
        e.alias(&with_initials(n));
        if let Some(m) = &n.middle {
            e.alias(&format!(
                "{} {} {}",
                n.first.trim(),
                m.trim(),
                n.last.trim()
            ));
            e.alias(&format!(
                "{} {} {}",
                n.first.trim(),
                initials(m),
                n.last.trim()
            ));
        }
        if let Some(full) = &n.official_full {
            e.alias(full);
        }
        if let Some(suffix) = &n.suffix {
            let initials = n.middle.as_deref().map(initials).unwrap_or_default();
            let full = [n.first.trim(), &initials, n.last.trim(), suffix.trim()]
                .into_iter()
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            e.alias(&full);
        }
        e.description = describe(p);
        if let Some(b) = &p.bio.birthday {
            e.statements.push(ImportedStatement::new(
                "born",
                ImportedValue::Date(b.clone()),
                p.bio_source.clone(),
            ));
        }
        let gender = match p.bio.gender.as_deref() {
            Some("M") => Some("male"),
            Some("F") => Some("female"),
            _ => None,
        };
        if let Some(g) = gender {
            e.statements.push(ImportedStatement::new(
                "gender",
                ImportedValue::Text(g.into()),
                p.bio_source.clone(),
            ));
        }
        for t in &p.terms {
            used_offices.insert(t.office, ());
            let mut s = ImportedStatement::new(
                "position",
                ImportedValue::Entity(office_id(t.office)),
                t.source.clone(),
            );
            s.start = Some(t.start.to_string());
            s.end = Some(t.end.to_string());
            let q = &mut s.qualifiers;
            if let Some(n) = ordinals.get(&(i, t.office, t.start)) {
                q.insert("ordinal".into(), n.to_string());
            }
            if let Some(party) = &t.term.party {
                q.insert("party".into(), party.clone());
            }
            if let Some(how) = &t.term.how {
                q.insert("how".into(), how.clone());
            }
            if let Some(d) = t.term.district {
                // District 0 is the at-large seat.
                let text = if d == 0 {
                    "at-large".to_string()
                } else {
                    d.to_string()
                };
                q.insert("district".into(), text);
            }
            if let Some(c) = t.term.class {
                q.insert("class".into(), c.to_string());
            }
            e.statements.push(s);
        }
        out_people.push(e);
    }
    out_people.sort_by(|a, b| a.id.cmp(&b.id));

    let mut out = offices(used_offices.keys().copied());
    out.extend(out_people);
    out
}

fn describe(p: &Person) -> Option<String> {
    let mut roles: Vec<String> = Vec::new();
    for office in [Office::President, Office::VicePresident] {
        let years: Vec<&GoodTerm> = p.terms.iter().filter(|t| t.office == office).collect();
        if let (Some(first), Some(last)) = (years.first(), years.last()) {
            let what = if office == Office::President {
                "president"
            } else {
                "vice president"
            };
            roles.push(format!(
                "U.S. {what} {}-{}",
                first.start.format("%Y"),
                last.end.format("%Y")
            ));
        }
    }
    for (senate, what) in [(true, "senator"), (false, "representative")] {
        let terms: Vec<&GoodTerm> = p
            .terms
            .iter()
            .filter(|t| match t.office {
                Office::Senator(_) => senate,
                Office::Representative(_) => !senate,
                _ => false,
            })
            .collect();
        if let (Some(first), Some(last)) = (terms.first(), terms.last()) {
            let state = match last.office {
                Office::Senator(s) | Office::Representative(s) => STATES[s].1,
                _ => "",
            };
            roles.push(format!(
                "U.S. {what} from {state} {}-{}",
                first.start.format("%Y"),
                last.end.format("%Y")
            ));
        }
    }
    (!roles.is_empty()).then(|| roles.join("; "))
}

/// The offices the terms use, and the states they are in.
fn offices(used: impl Iterator<Item = Office>) -> Vec<ImportedEntity> {
    let mut out = Vec::new();
    let mut states: BTreeMap<usize, ()> = BTreeMap::new();
    for office in used {
        let id = office_id(office);
        let jurisdiction = |e: &mut ImportedEntity, place: String| {
            e.statements.push(ImportedStatement::new(
                "jurisdiction",
                ImportedValue::Entity(place),
                CONSTITUTION,
            ));
        };
        let e = match office {
            Office::President => {
                let mut e =
                    ImportedEntity::new(id, EntityKind::Office, "President of the United States");
                for a in [
                    "President",
                    "U.S. President",
                    "US President",
                    "President of the U.S.",
                    "American President",
                ] {
                    e.alias(a);
                }
                e.single_holder = true;
                jurisdiction(&mut e, "united-states".into());
                e
            }
            Office::VicePresident => {
                let mut e = ImportedEntity::new(
                    id,
                    EntityKind::Office,
                    "Vice President of the United States",
                );
                for a in ["Vice President", "U.S. Vice President", "US Vice President"] {
                    e.alias(a);
                }
                e.single_holder = true;
                jurisdiction(&mut e, "united-states".into());
                e
            }
            Office::Senator(s) => {
                states.insert(s, ());
                let state = STATES[s].1;
                let mut e = ImportedEntity::new(
                    id,
                    EntityKind::Office,
                    format!("United States Senator from {state}"),
                );
                for a in [
                    "Senator",
                    "Sen.",
                    "U.S. Senator",
                    "US Senator",
                    "U.S. Sen.",
                    "senator from",
                ] {
                    e.alias(a);
                }
                e.alias(&format!("{state} Senator"));
                e.alias(&format!("Senator from {state}"));
                jurisdiction(&mut e, state_id(s));
                e
            }
            Office::Representative(s) => {
                states.insert(s, ());
                let (code, state, is_state) = STATES[s];
                let name = if is_state {
                    format!("United States Representative from {state}")
                } else if code == "PR" {
                    format!("Resident Commissioner of {state}")
                } else {
                    format!("Delegate to the United States House of Representatives from {state}")
                };
                let mut e = ImportedEntity::new(id, EntityKind::Office, name);
                for a in [
                    "Representative",
                    "Rep.",
                    "U.S. Representative",
                    "U.S. Rep.",
                    "Congressman",
                    "Congresswoman",
                ] {
                    e.alias(a);
                }
                if !is_state {
                    e.alias("Delegate");
                    e.alias("Del.");
                }
                if code == "PR" {
                    e.alias("Resident Commissioner");
                }
                jurisdiction(&mut e, state_id(s));
                e
            }
        };
        out.push(e);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    for s in states.keys() {
        let (_, name, is_state) = STATES[*s];
        let mut e = ImportedEntity::new(state_id(*s), EntityKind::Place, name);
        e.description = Some(if is_state {
            "U.S. state".to_string()
        } else {
            "U.S. federal district or territory".to_string()
        });
        e.statements.push(ImportedStatement::new(
            "located-in",
            ImportedValue::Entity("united-states".into()),
            STATES_SOURCE,
        ));
        out.push(e);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXECUTIVE: &str = r#"- id:
    bioguide: R000600
  name:
    first: Ronald
    middle: Wilson
    last: Reagan
  bio:
    birthday: '1911-02-06'
    gender: M
  terms:
  - type: prez
    start: '1981-01-20'
    end: '1985-01-20'
    party: Republican
    how: election
  - type: prez
    start: '1985-01-20'
    end: '1989-01-20'
    party: Republican
    how: election
- id:
    govtrack: 402108
  name:
    first: George
    middle: Herbert Walker
    last: Bush
  bio:
    birthday: '1924-06-12'
    gender: M
  terms:
  - type: viceprez
    start: '1981-01-20'
    end: '1989-01-20'
    party: Republican
    how: election
  - type: prez
    start: '1989-01-20'
    end: '1993-01-20'
    party: Republican
    how: election
- id:
    govtrack: 412375
  name:
    first: George
    middle: Walker
    last: Bush
  bio:
    birthday: '1946-07-06'
    gender: M
  terms:
  - type: prez
    start: '2001-01-20'
    end: '2009-01-20'
    party: Republican
    how: election
"#;

    fn run(text: &str) -> Import {
        import_all(&[("executive.yaml".to_string(), text.to_string())])
    }

    fn entity<'a>(import: &'a Import, id: &str) -> &'a ImportedEntity {
        import
            .entities
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no entity {id}"))
    }

    #[test]
    fn presidents_get_terms_ordinals_and_names_that_tell_namesakes_apart() {
        let import = run(EXECUTIVE);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let ids: Vec<&str> = import.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "us-president",
                "us-vice-president",
                "george-h-w-bush",
                "george-w-bush",
                "ronald-reagan"
            ]
        );
        let elder = entity(&import, "george-h-w-bush");
        assert_eq!(elder.name, "George H. W. Bush");
        assert!(elder.aliases.contains(&"George Bush".to_string()));
        assert!(
            elder
                .aliases
                .contains(&"George Herbert Walker Bush".to_string())
        );
        let terms: Vec<(&str, Option<&str>, Option<&str>)> = elder
            .statements
            .iter()
            .filter(|s| s.property == "position")
            .map(|s| {
                (
                    match &s.value {
                        ImportedValue::Entity(o) => o.as_str(),
                        _ => "",
                    },
                    s.start.as_deref(),
                    s.qualifiers.get("ordinal").map(String::as_str),
                )
            })
            .collect();
        // Reagan is the first president here (two terms, one number); Bush the second.
        assert_eq!(
            terms,
            [
                ("us-vice-president", Some("1981-01-20"), Some("1")),
                ("us-president", Some("1989-01-20"), Some("2"))
            ]
        );
        let reagan = entity(&import, "ronald-reagan");
        assert!(
            reagan
                .statements
                .iter()
                .filter(|s| s.property == "position")
                .all(|s| s.qualifiers.get("ordinal").map(String::as_str) == Some("1"))
        );
        assert!(reagan.statements[0].source.contains("bioguide R000600"));
    }

    #[test]
    fn senators_hold_their_states_seat_and_the_states_are_places() {
        let text = r#"- id:
    bioguide: G000386
  name:
    first: Charles
    middle: E.
    last: Grassley
    nickname: Chuck
    official_full: Chuck Grassley
  terms:
  - type: rep
    start: '1975-01-14'
    end: '1981-01-03'
    state: IA
    district: 3
    party: Republican
  - type: sen
    start: '1981-01-05'
    end: '1987-01-03'
    state: IA
    class: 3
    party: Republican
"#;
        let import = import_all(&[("legislators-current.yaml".into(), text.into())]);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let ids: Vec<&str> = import.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "us-representative-iowa",
                "us-senator-iowa",
                "us-iowa",
                "chuck-grassley"
            ]
        );
        let grassley = entity(&import, "chuck-grassley");
        assert_eq!(grassley.name, "Chuck Grassley");
        assert!(grassley.aliases.contains(&"Charles Grassley".to_string()));
        assert!(
            grassley
                .aliases
                .contains(&"Charles E. Grassley".to_string())
        );
        let rep = &grassley.statements[0];
        assert_eq!(rep.qualifiers["district"], "3");
        assert_eq!(
            grassley.description.as_deref(),
            Some("U.S. senator from Iowa 1981-1987; U.S. representative from Iowa 1975-1981")
        );
        let seat = entity(&import, "us-senator-iowa");
        assert!(!seat.single_holder, "a state has two senators");
        assert_eq!(
            seat.statements[0].value,
            ImportedValue::Entity("us-iowa".into())
        );
    }

    #[test]
    fn bad_records_are_reported_at_their_line_and_the_rest_imported() {
        let broken = EXECUTIVE
            .replace("start: '1989-01-20'", "start: '1989-13-20'")
            .replace(
                "type: prez\n    start: '2001",
                "type: king\n    start: '2001",
            );
        let import = run(&broken);
        let errors: Vec<String> = import.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            errors,
            [
                "executive.yaml:36:3: record 2 (govtrack 402108, George Bush), term 2: start `1989-13-20` is not a date",
                "executive.yaml:51:3: record 3 (govtrack 412375, George Bush), term 1: unknown term type `king` (expected prez, viceprez, sen or rep)",
            ]
        );
        // The good record is still imported; the bad ones are not half-imported.
        assert!(import.entities.iter().any(|e| e.id == "ronald-reagan"));
        assert!(!import.entities.iter().any(|e| e.id.contains("bush")));

        let not_yaml = run("- id: [unclosed\n");
        assert_eq!(not_yaml.errors.len(), 1);
        assert!(
            not_yaml.errors[0]
                .to_string()
                .starts_with("executive.yaml:2:1: file: not a congress-legislators YAML"),
            "{}",
            not_yaml.errors[0]
        );
    }

    #[test]
    fn the_same_person_in_two_files_is_one_entity() {
        let a = EXECUTIVE.to_string();
        let import = import_all(&[
            ("executive.yaml".into(), a.clone()),
            ("executive-copy.yaml".into(), a),
        ]);
        assert!(import.errors.is_empty());
        assert_eq!(import.entities.len(), 5);
    }
}
