//! Reference: the dataset of entities and statements (claims/), loaded once, validated and
//! indexed so that every check is a lookup.

pub mod cache;
pub mod load;
pub mod model;
pub mod names;
pub mod split;

pub use load::{DataError, DataErrors, SourceFile};
pub use model::{Entity, EntityIdx, EntityKind, Origin, Property, Statement, Value, ValueType};
pub use names::{NameIndex, NameMatch};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::Path;

mod default_data {
    include!(concat!(env!("OUT_DIR"), "/default_data.rs"));
}

/// The shipped claims/ files, compiled in: (path, contents).
pub fn default_claims() -> &'static [(&'static str, &'static str)] {
    default_data::CLAIMS
}

/// The shipped rules/ files, compiled in: (path, contents).
pub fn default_rules() -> &'static [(&'static str, &'static str)] {
    default_data::RULES
}

/// The shipped property declarations: always loaded, since they are the schema, not data.
pub(crate) fn default_property_files() -> impl Iterator<Item = SourceFile> {
    default_claims()
        .iter()
        .filter(|(name, _)| name.ends_with("properties.toml"))
        .map(|(name, text)| SourceFile::new(*name, *text))
}

/// Reads every `*.toml` file of a folder, sorted by name. A file that cannot be read is an error
/// naming it.
pub fn read_toml_dir(dir: &Path) -> Result<Vec<SourceFile>, DataErrors> {
    let error = |path: &Path, message: String| DataError {
        file: path.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    let entries = std::fs::read_dir(dir)
        .map_err(|e| DataErrors(vec![error(dir, format!("cannot read folder: {e}"))]))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile::new(path.display().to_string(), text)),
                Err(e) => errors.push(error(
                    &path,
                    format!(
                        "not UTF-8 (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    ),
                )),
            },
            Err(e) => errors.push(error(&path, format!("cannot read file: {e}"))),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(DataErrors(errors))
    }
}

/// The reference, indexed.
#[derive(Debug)]
pub struct Reference {
    pub entities: Vec<Entity>,
    pub properties: HashMap<String, Property>,
    by_id: FxHashMap<String, EntityIdx>,
    /// Property id -> a small number, for compact index keys.
    property_ids: FxHashMap<String, u32>,
    /// (property, value entity) -> the statements that have it: who held an office, who took
    /// part in an event, which cities lie in a country.
    by_value: FxHashMap<(u32, EntityIdx), Vec<(EntityIdx, u32)>>,
    /// (property, text value) -> subjects: the events of a type ("summit").
    by_text: FxHashMap<(u32, String), Vec<EntityIdx>>,
    /// Folded first or last word of a person's name or alias -> the people: "trump", "kim".
    by_name_word: FxHashMap<String, Vec<EntityIdx>>,
    pub names: NameIndex,
}

impl Reference {
    /// Loads and indexes the given files. With `with_default_properties`, the shipped property
    /// declarations are loaded first (a user's data need not redeclare them).
    pub fn from_files(files: Vec<SourceFile>) -> Result<Reference, DataErrors> {
        let loaded = load::load(&files)?;
        Ok(Reference::index(loaded.entities, loaded.properties))
    }

    /// The shipped data plus `extra` folders; or only the folders when `no_default`.
    pub fn load(extra: &[&Path], no_default: bool) -> Result<Reference, DataErrors> {
        Reference::load_cached(extra, no_default, None)
    }

    /// As `load`, reading and writing the reference cache in `cache_dir` (see `cache`): the
    /// same files load from the cache without parsing them again.
    pub fn load_cached(
        extra: &[&Path],
        no_default: bool,
        cache_dir: Option<&Path>,
    ) -> Result<Reference, DataErrors> {
        let mut files: Vec<SourceFile> = if no_default {
            default_property_files().collect()
        } else {
            default_claims()
                .iter()
                .map(|(name, text)| SourceFile::new(*name, *text))
                .collect()
        };
        let mut errors = Vec::new();
        for dir in extra {
            match read_toml_dir(dir) {
                Ok(more) => files.extend(more),
                Err(DataErrors(e)) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        let Some(dir) = cache_dir else {
            return Reference::from_files(files);
        };
        let key = cache::key(&files);
        if let Some(loaded) = cache::read(dir, key) {
            return Ok(Reference::index(loaded.entities, loaded.properties));
        }
        let loaded = load::load(&files)?;
        Ok(Reference::index_and_cache(
            loaded.entities,
            loaded.properties,
            Some((dir, key)),
        ))
    }

    fn index(entities: Vec<Entity>, properties: HashMap<String, Property>) -> Reference {
        Reference::index_and_cache(entities, properties, None)
    }

    /// Sorts each entity's statements, then builds the maps and the name index, and writes
    /// the cache when asked, all at once on the threads there are.
    fn index_and_cache(
        mut entities: Vec<Entity>,
        properties: HashMap<String, Property>,
        cache: Option<(&Path, u64)>,
    ) -> Reference {
        for entity in &mut entities {
            // Statements sorted by property then start: lookups read them in time order.
            entity.statements.sort_by(|a, b| {
                a.property
                    .cmp(&b.property)
                    .then_with(|| a.start.cmp(&b.start))
            });
        }
        let ((maps, names), ()) = rayon::join(
            || {
                rayon::join(
                    || Maps::build(&entities, &properties),
                    || NameIndex::build(&entities),
                )
            },
            || {
                if let Some((dir, key)) = cache {
                    cache::write(dir, key, &entities, &properties);
                }
            },
        );
        let Maps {
            by_id,
            property_ids,
            by_value,
            by_text,
            by_name_word,
        } = maps;
        Reference {
            entities,
            properties,
            by_id,
            property_ids,
            by_value,
            by_text,
            by_name_word,
            names,
        }
    }
}

/// The lookup maps of a `Reference`, built from its sorted entities.
struct Maps {
    by_id: FxHashMap<String, EntityIdx>,
    property_ids: FxHashMap<String, u32>,
    by_value: FxHashMap<(u32, EntityIdx), Vec<(EntityIdx, u32)>>,
    by_text: FxHashMap<(u32, String), Vec<EntityIdx>>,
    by_name_word: FxHashMap<String, Vec<EntityIdx>>,
}

impl Maps {
    fn build(entities: &[Entity], properties: &HashMap<String, Property>) -> Maps {
        let mut ids: Vec<&String> = properties.keys().collect();
        ids.sort();
        let property_ids: FxHashMap<String, u32> = ids
            .into_iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        let mut by_id = FxHashMap::with_capacity_and_hasher(entities.len(), Default::default());
        let mut by_value: FxHashMap<(u32, EntityIdx), Vec<(EntityIdx, u32)>> = FxHashMap::default();
        let mut by_text: FxHashMap<(u32, String), Vec<EntityIdx>> = FxHashMap::default();
        for (i, entity) in entities.iter().enumerate() {
            by_id.insert(entity.id.clone(), EntityIdx(i as u32));
        }
        for (i, entity) in entities.iter().enumerate() {
            let mut last: Option<(&str, u32)> = None;
            for (s, statement) in entity.statements.iter().enumerate() {
                // Statements come grouped by property: one id lookup per group.
                let property = match last {
                    Some((name, id)) if name == statement.property => id,
                    _ => {
                        let Some(&id) = property_ids.get(&statement.property) else {
                            continue;
                        };
                        last = Some((&statement.property, id));
                        id
                    }
                };
                match &statement.value {
                    Value::Entity(target) => by_value
                        .entry((property, *target))
                        .or_default()
                        .push((EntityIdx(i as u32), s as u32)),
                    Value::Text(text) => {
                        let subjects = by_text.entry((property, text.to_lowercase())).or_default();
                        if subjects.last() != Some(&EntityIdx(i as u32)) {
                            subjects.push(EntityIdx(i as u32));
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut by_name_word: FxHashMap<String, Vec<EntityIdx>> = FxHashMap::default();
        for (i, entity) in entities.iter().enumerate() {
            if entity.kind != EntityKind::Person {
                continue;
            }
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let folded = crate::text::fold_name(name);
                let words: Vec<&str> = folded.split(' ').collect();
                if let [first, .., last] = words.as_slice() {
                    for w in [first, last] {
                        let people = by_name_word.entry(w.to_string()).or_default();
                        if !people.contains(&EntityIdx(i as u32)) {
                            people.push(EntityIdx(i as u32));
                        }
                    }
                }
            }
        }
        Maps {
            by_id,
            property_ids,
            by_value,
            by_text,
            by_name_word,
        }
    }
}

impl Reference {
    pub fn entity(&self, idx: EntityIdx) -> &Entity {
        // EntityIdx values are only made by this module from positions in `entities`.
        &self.entities[idx.index()]
    }

    pub fn lookup(&self, id: &str) -> Option<EntityIdx> {
        self.by_id.get(id).copied()
    }

    pub fn name(&self, idx: EntityIdx) -> &str {
        &self.entity(idx).name
    }

    /// The statements of `subject` for `property`, in time order.
    pub fn statements<'a>(
        &'a self,
        subject: EntityIdx,
        property: &'a str,
    ) -> impl Iterator<Item = &'a Statement> + 'a {
        // Sorted by property at indexing: the run of `property` is found by binary search.
        let statements = &self.entity(subject).statements;
        let from = statements.partition_point(|s| s.property.as_str() < property);
        statements[from..]
            .iter()
            .take_while(move |s| s.property == property)
    }

    /// The statements whose property is `property` and whose value is `value`, with their
    /// subjects: the holders of an office, the participants' events, a country's cities.
    pub fn subjects_with<'a>(
        &'a self,
        property: &str,
        value: EntityIdx,
    ) -> impl Iterator<Item = (EntityIdx, &'a Statement)> + 'a {
        self.property_ids
            .get(property)
            .and_then(|&p| self.by_value.get(&(p, value)))
            .into_iter()
            .flatten()
            .map(|&(subject, s)| {
                (
                    subject,
                    &self.entities[subject.index()].statements[s as usize],
                )
            })
    }

    /// The people one of whose names begins or ends with `word` ("Trump", "Kim"), for a
    /// surname written alone or after a title.
    pub fn people_with_name_word(&self, word: &str) -> &[EntityIdx] {
        self.by_name_word
            .get(&crate::text::fold_name(word))
            .map_or(&[], Vec::as_slice)
    }

    /// The entities whose `property` has the text value `text` (case-insensitive).
    pub fn with_text(&self, property: &str, text: &str) -> &[EntityIdx] {
        self.property_ids
            .get(property)
            .and_then(|&p| self.by_text.get(&(p, text.to_lowercase())))
            .map_or(&[], Vec::as_slice)
    }

    /// Entity values of `subject`'s `property`, at any time.
    pub fn entity_values(&self, subject: EntityIdx, property: &str) -> Vec<EntityIdx> {
        self.statements(subject, property)
            .filter_map(|s| match s.value {
                Value::Entity(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    /// Who held `office` on `day`, with the statements that say so.
    pub fn holders_on(&self, office: EntityIdx, day: NaiveDate) -> Vec<(EntityIdx, &Statement)> {
        self.subjects_with("position", office)
            .filter(|(_, s)| s.holds_on(day))
            .collect()
    }

    /// The first text value of a property ("gender", "event-type").
    pub fn text_value<'a>(&'a self, subject: EntityIdx, property: &'a str) -> Option<&'a str> {
        self.statements(subject, property)
            .find_map(|s| match &s.value {
                Value::Text(t) => Some(t.as_str()),
                _ => None,
            })
    }

    /// Places that contain `place` (itself first), following located-in and country.
    pub fn containing_places(&self, place: EntityIdx) -> Vec<EntityIdx> {
        let mut out = vec![place];
        let mut i = 0;
        while i < out.len() && out.len() < 16 {
            let current = out[i];
            for property in ["located-in", "country"] {
                for parent in self.entity_values(current, property) {
                    if !out.contains(&parent) {
                        out.push(parent);
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// A short label for evidence: the name, and for offices their jurisdiction when the name
    /// alone does not say it.
    pub fn label(&self, idx: EntityIdx) -> String {
        self.entity(idx).name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROPERTIES: &str = r#"
[[property]]
id = "position"
value = "entity"
[[property]]
id = "sibling"
value = "entity"
symmetric = true
[[property]]
id = "born"
value = "date"
"#;

    fn load(text: &str) -> Result<Reference, DataErrors> {
        Reference::from_files(vec![
            SourceFile::new("properties.toml", PROPERTIES),
            SourceFile::new("people.toml", text),
        ])
    }

    fn messages(text: &str) -> Vec<String> {
        match load(text) {
            Ok(_) => Vec::new(),
            Err(DataErrors(errors)) => errors.iter().map(|e| e.to_string()).collect(),
        }
    }

    #[test]
    fn shipped_data_loads_without_error() {
        let reference = Reference::load(&[], false);
        assert!(
            reference.is_ok(),
            "{}",
            reference.err().map(|e| e.to_string()).unwrap_or_default()
        );
    }

    #[test]
    fn reports_every_problem_with_file_line_and_column() {
        let errors = messages(
            r#"
[[entity]]
id = "a"
kind = "person"
name = "A"

[[entity.statement]]
property = "sibling"
value = "nobody"
source = "x"

[[entity.statement]]
property = "born"
value = 1956
source = "x"

[[entity]]
id = "a"
kind = "person"
name = "A again"
"#,
        );
        assert_eq!(
            errors,
            [
                "people.toml:18:6: duplicate entity id `a` (first defined at people.toml:3:6)",
                "people.toml:9:9: unknown entity id `nobody`",
                "people.toml:14:9: property `born` takes a date: 2019-02-23, \"2019-02\", \"2019\" or \"2019-02-27/2019-02-28\"",
            ]
        );
    }

    #[test]
    fn an_extension_adds_aliases_and_statements_to_an_entity_of_another_file() {
        let base = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Anna Varga\"\n";
        let extension = r#"
[[entity]]
id = "a"
extend = true
aliases = ["Anna V."]

[[entity.statement]]
property = "born"
value = 1956
source = "https://example.org/a"
"#;
        // The extension's file is read first: order does not matter.
        let reference = Reference::from_files(vec![
            SourceFile::new("properties.toml", PROPERTIES),
            SourceFile::new("a-curated.toml", extension.replace("1956", "\"1956\"")),
            SourceFile::new("b-imported.toml", base),
        ])
        .map_err(|e| e.to_string())
        .expect("valid data");
        let a = reference.lookup("a").expect("declared");
        assert_eq!(reference.entity(a).aliases, ["Anna V."]);
        assert_eq!(reference.statements(a, "born").count(), 1);

        let errors = messages(
            r#"
[[entity]]
id = "nobody"
extend = true

[[entity]]
id = "b"
kind = "person"
name = "B"

[[entity]]
id = "b"
extend = true
name = "Bee"

[[entity]]
id = "c"
kind = "person"
"#,
        );
        assert_eq!(
            errors,
            [
                "people.toml:16:1: entity `c` has no `name` (an entry that adds to an entity declared elsewhere says `extend = true`)",
                "people.toml:3:6: `extend = true`, but no file declares an entity `nobody`",
                "people.toml:14:8: an extension cannot rename `b` (declared at people.toml:7:6); add the name to `aliases`",
            ]
        );
    }

    #[test]
    fn an_extension_may_replace_a_property_of_the_declaration() {
        let base = r#"
[[entity]]
id = "a"
kind = "person"
name = "Anna Varga"

[[entity.statement]]
property = "born"
value = "1956"
source = "https://example.org/import"

[[entity.statement]]
property = "sibling"
value = "a"
source = "https://example.org/import"
"#;
        let curated = r#"
[[entity]]
id = "a"
extend = true
replace = ["born"]

[[entity.statement]]
property = "born"
value = 1957-03-02
source = "https://example.org/curated"
"#;
        let reference = Reference::from_files(vec![
            SourceFile::new("properties.toml", PROPERTIES),
            SourceFile::new("import.toml", base),
            SourceFile::new("curated.toml", curated),
        ])
        .map_err(|e| e.to_string())
        .expect("valid data");
        let a = reference.lookup("a").expect("declared");
        let born: Vec<&str> = reference
            .statements(a, "born")
            .map(|s| s.source.as_str())
            .collect();
        assert_eq!(born, ["https://example.org/curated"]);
        assert!(reference.statements(a, "sibling").count() > 0, "kept");

        let errors = messages(
            "[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"B\"\nreplace = [\"born\"]\n\n[[entity]]\nid = \"b\"\nextend = true\nreplace = [\"height\"]\n",
        );
        assert_eq!(
            errors,
            [
                "people.toml:5:12: `replace` is for an entry with `extend = true`",
                "people.toml:10:12: unknown property `height`",
            ]
        );
    }

    #[test]
    fn rejects_end_before_start_missing_source_and_unknown_fields() {
        let errors = messages(
            r#"
[[entity]]
id = "office"
kind = "office"
name = "Office"
single-holder = true

[[entity]]
id = "a"
kind = "person"
name = "A"
[[entity.statement]]
property = "position"
value = "office"
start = 2020-01-01
end = 2019-01-01
source = "x"
[[entity.statement]]
property = "position"
value = "office"
"#,
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("people.toml:16:7: `end` (2019-01-01) is before `start`"));
        assert!(errors[1].starts_with("people.toml:18:1: statement `position` has no source"));

        let unknown =
            messages("[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"A\"\nnick = \"x\"\n");
        assert_eq!(unknown.len(), 1);
        assert!(
            unknown[0].starts_with("people.toml:5:1: unknown field `nick`"),
            "{unknown:?}"
        );

        let bad_toml = messages("[[entity]\nid = 1");
        assert_eq!(bad_toml.len(), 1);
        assert!(bad_toml[0].starts_with("people.toml:1:"), "{bad_toml:?}");
    }

    #[test]
    fn rejects_two_holders_of_a_single_holder_office_at_once() {
        let errors = messages(
            r#"
[[entity]]
id = "office"
kind = "office"
name = "Office"
single-holder = true

[[entity]]
id = "a"
kind = "person"
name = "A"
[[entity.statement]]
property = "position"
value = "office"
start = 2010-01-01
end = 2015-01-01
source = "x"

[[entity]]
id = "b"
kind = "person"
name = "B"
[[entity.statement]]
property = "position"
value = "office"
start = 2014-06-01
source = "x"
"#,
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with("people.toml:23:1: `office` is a single-holder office"),
            "{errors:?}"
        );
    }

    #[test]
    fn symmetric_statements_read_both_ways_and_lookups_follow_time() {
        let reference = load(
            r#"
[[entity]]
id = "office"
kind = "office"
name = "Office"
single-holder = true
[[entity]]
id = "a"
kind = "person"
name = "A"
[[entity.statement]]
property = "sibling"
value = "b"
source = "x"
[[entity.statement]]
property = "position"
value = "office"
start = 2010-01-01
end = "2015-06"
source = "x"
[[entity]]
id = "b"
kind = "person"
name = "B"
"#,
        )
        .unwrap();
        let a = reference.lookup("a").unwrap();
        let b = reference.lookup("b").unwrap();
        assert_eq!(reference.entity_values(b, "sibling"), [a]);
        let office = reference.lookup("office").unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(reference.holders_on(office, day(2015, 6, 30)).len(), 1);
        assert!(reference.holders_on(office, day(2015, 7, 1)).is_empty());
    }
}
