//! Rules: data in `rules/*.toml`. A rule names an assertion kind, the claims it applies to
//! (a claim kind, or templates), and the parameters of its assertion.

use super::finding::Severity;
use crate::extract::{SlotType, Template};
use crate::reference::load::TomlTables;
use crate::reference::{DataError, DataErrors, SourceFile};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use toml::Spanned;

/// The assertion kinds the engine knows, one file each in `src/check/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Assertion {
    Holds,
    Property,
    EventDate,
    Ordinal,
    Weekday,
    Interval,
    Age,
    Spelling,
}

impl Assertion {
    pub const ALL: [Assertion; 8] = [
        Assertion::Holds,
        Assertion::Property,
        Assertion::EventDate,
        Assertion::Ordinal,
        Assertion::Weekday,
        Assertion::Interval,
        Assertion::Age,
        Assertion::Spelling,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            Assertion::Holds => "holds",
            Assertion::Property => "property",
            Assertion::EventDate => "event-date",
            Assertion::Ordinal => "ordinal",
            Assertion::Weekday => "weekday",
            Assertion::Interval => "interval",
            Assertion::Age => "age",
            Assertion::Spelling => "spelling",
        }
    }

    pub fn parse(text: &str) -> Option<Assertion> {
        Assertion::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// Kinds that apply to a claim kind rather than to templates.
    fn claim_kind(&self) -> Option<&'static str> {
        match self {
            Assertion::Holds => Some("title"),
            Assertion::Weekday => Some("date"),
            Assertion::Spelling => Some("name"),
            _ => None,
        }
    }

    /// The slots (typed, or plain named groups) every template of this kind must have.
    fn required_slots(&self) -> &'static [(&'static str, Option<SlotType>)] {
        match self {
            Assertion::EventDate => &[("date", Some(SlotType::Date)), ("event", None)],
            Assertion::Ordinal => &[("ordinal", Some(SlotType::Ordinal)), ("event", None)],
            Assertion::Interval => &[("duration", Some(SlotType::Duration)), ("event", None)],
            Assertion::Age => &[
                ("person", Some(SlotType::Person)),
                ("age", Some(SlotType::Number)),
            ],
            Assertion::Property => &[("subject", None), ("object", None)],
            _ => &[],
        }
    }

    /// The optional fields this kind reads; any other field set on the rule is an error.
    fn fields(&self) -> &'static [&'static str] {
        match self {
            Assertion::Property => &["templates", "property", "relations"],
            Assertion::EventDate | Assertion::Ordinal | Assertion::Interval => {
                &["templates", "event-types"]
            }
            Assertion::Age => &["templates"],
            Assertion::Holds | Assertion::Weekday | Assertion::Spelling => &[],
        }
    }
}

/// A word that names a relation, and what it asserts: "sister" is a female sibling.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub property: String,
    pub gender: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub assertion: Assertion,
    pub severity: Severity,
    pub description: String,
    pub templates: Vec<Template>,
    pub property: Option<String>,
    /// Relation words, sorted, for templates with a `relation` group.
    pub relations: BTreeMap<String, Relation>,
    pub event_types: Vec<String>,
    pub file: String,
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    assertion: Spanned<String>,
    severity: Option<Spanned<String>>,
    description: Option<String>,
    templates: Option<Spanned<Vec<Spanned<String>>>>,
    property: Option<Spanned<String>>,
    relations: Option<Spanned<BTreeMap<String, Relation>>>,
    event_types: Option<Spanned<Vec<String>>>,
}

/// The loaded rules, in file order.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The shipped rules plus any in `extra` folders; only the folders when `no_default`.
    /// `properties` are the reference's property ids, for validating the rules' properties.
    pub fn load(
        extra: &[&std::path::Path],
        no_default: bool,
        properties: &HashSet<String>,
    ) -> Result<RuleSet, DataErrors> {
        let mut files: Vec<SourceFile> = if no_default {
            Vec::new()
        } else {
            crate::reference::default_rules()
                .iter()
                .map(|(name, text)| SourceFile::new(*name, *text))
                .collect()
        };
        let mut errors = Vec::new();
        for dir in extra {
            match crate::reference::read_toml_dir(dir) {
                Ok(more) => files.extend(more),
                Err(DataErrors(e)) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        RuleSet::from_files(&files, properties)
    }

    /// Parses and validates rules. `properties` are the reference's property ids, so a rule
    /// naming an unknown property is an error here rather than a silent no-op later.
    pub fn from_files(
        files: &[SourceFile],
        properties: &HashSet<String>,
    ) -> Result<RuleSet, DataErrors> {
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for file in files {
            let Some(tables) = TomlTables::parse(file, &["rule"], &mut errors) else {
                continue;
            };
            let raw_rules: Vec<Spanned<RawRule>> = tables.entries("rule", &mut errors);
            for raw_rule in raw_rules {
                let rule_span = raw_rule.span();
                match build_rule(file, raw_rule.into_inner(), properties) {
                    Ok(rule) => {
                        if let Some(first) = seen.get(&rule.id) {
                            errors.push(file.error(
                                &rule_span,
                                format!(
                                    "duplicate rule id `{}` (first defined at {first})",
                                    rule.id
                                ),
                            ));
                            continue;
                        }
                        let origin = file.origin(&rule_span);
                        seen.insert(rule.id.clone(), origin.to_string());
                        rules.push(rule);
                    }
                    Err(mut e) => errors.append(&mut e),
                }
            }
        }
        if errors.is_empty() {
            Ok(RuleSet { rules })
        } else {
            Err(DataErrors(errors))
        }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Every template with its rule id, for the template extractor.
    pub fn templates(&self) -> Vec<(&str, &Template)> {
        self.rules
            .iter()
            .flat_map(|r| r.templates.iter().map(move |t| (r.id.as_str(), t)))
            .collect()
    }
}

fn build_rule(
    file: &SourceFile,
    raw: RawRule,
    properties: &HashSet<String>,
) -> Result<Rule, Vec<DataError>> {
    let mut errors = Vec::new();
    let id = raw.id.get_ref().trim().to_string();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(file.error(
            &raw.id.span(),
            "a rule id is lowercase letters, digits and hyphens",
        ));
    }
    let Some(assertion) = Assertion::parse(raw.assertion.get_ref()) else {
        let known: Vec<&str> = Assertion::ALL.iter().map(|a| a.as_str()).collect();
        errors.push(file.error(
            &raw.assertion.span(),
            format!(
                "unknown assertion kind `{}` (expected one of: {})",
                raw.assertion.get_ref(),
                known.join(", ")
            ),
        ));
        return Err(errors);
    };
    let severity = match &raw.severity {
        None => Severity::Error,
        Some(s) => match Severity::parse(s.get_ref()) {
            Some(sev) => sev,
            None => {
                errors.push(file.error(
                    &s.span(),
                    format!(
                        "unknown severity `{}` (expected error, warning or info)",
                        s.get_ref()
                    ),
                ));
                Severity::Error
            }
        },
    };
    // Fields the assertion kind does not read are mistakes, not decoration.
    let allowed = assertion.fields();
    let set: [(&str, Option<std::ops::Range<usize>>); 4] = [
        ("templates", raw.templates.as_ref().map(|t| t.span())),
        ("property", raw.property.as_ref().map(|t| t.span())),
        ("relations", raw.relations.as_ref().map(|t| t.span())),
        ("event-types", raw.event_types.as_ref().map(|t| t.span())),
    ];
    for (field, span) in &set {
        if let Some(span) = span
            && !allowed.contains(field)
        {
            errors.push(file.error(
                span,
                format!(
                    "`{field}` is not used by assertion kind `{}`",
                    assertion.as_str()
                ),
            ));
        }
    }
    let mut templates = Vec::new();
    if assertion.claim_kind().is_none() {
        match &raw.templates {
            None => errors.push(file.error(
                &raw.id.span(),
                format!("assertion kind `{}` needs `templates`", assertion.as_str()),
            )),
            Some(list) if list.get_ref().is_empty() => {
                errors.push(file.error(&list.span(), "`templates` is empty"))
            }
            Some(list) => {
                for t in list.get_ref() {
                    match Template::compile(t.get_ref()) {
                        Ok(template) => {
                            for (slot, slot_type) in assertion.required_slots() {
                                let ok = match slot_type {
                                    Some(ty) => template.slot_type(slot) == Some(*ty),
                                    None => template.has_group(slot),
                                };
                                let relation_ok = assertion == Assertion::Property
                                    && *slot == "object"
                                    && template.has_group("object");
                                if !ok && !relation_ok {
                                    let expected = match slot_type {
                                        Some(ty) => {
                                            format!("a `{{{slot}:{}}}` slot", slot_type_name(*ty))
                                        }
                                        None => {
                                            format!("a `{slot}` slot or `(?P<{slot}>...)` group")
                                        }
                                    };
                                    errors.push(file.error(
                                        &t.span(),
                                        format!(
                                            "a `{}` template needs {expected}",
                                            assertion.as_str()
                                        ),
                                    ));
                                }
                            }
                            templates.push(template);
                        }
                        Err(message) => {
                            errors.push(file.error(&t.span(), format!("bad template: {message}")))
                        }
                    }
                }
            }
        }
    }
    let relations = raw
        .relations
        .as_ref()
        .map(|r| r.get_ref().clone())
        .unwrap_or_default();
    if assertion == Assertion::Property {
        match (&raw.property, &raw.relations) {
            (None, None) => errors.push(file.error(
                &raw.id.span(),
                "a `property` rule needs `property` or `relations`",
            )),
            (Some(p), _) if !properties.contains(p.get_ref()) => {
                errors.push(file.error(&p.span(), format!("unknown property `{}`", p.get_ref())))
            }
            _ => {}
        }
        if let Some(r) = &raw.relations {
            for (word, relation) in r.get_ref() {
                if !properties.contains(&relation.property) {
                    errors.push(file.error(
                        &r.span(),
                        format!(
                            "relation `{word}` names unknown property `{}`",
                            relation.property
                        ),
                    ));
                }
            }
            for t in &templates {
                if !t.has_group("relation") {
                    errors.push(file.error(
                        &r.span(),
                        "a rule with `relations` needs a `(?P<relation>...)` group in each template",
                    ));
                    break;
                }
            }
        }
    }
    let event_types = raw
        .event_types
        .as_ref()
        .map(|e| e.get_ref().clone())
        .unwrap_or_default();
    if matches!(
        assertion,
        Assertion::EventDate | Assertion::Ordinal | Assertion::Interval
    ) && event_types.is_empty()
    {
        errors.push(file.error(
            &raw.id.span(),
            format!(
                "assertion kind `{}` needs `event-types` (e.g. [\"summit\"])",
                assertion.as_str()
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (line, _) = file.line_column(raw.id.span().start);
    Ok(Rule {
        id,
        assertion,
        severity,
        description: raw.description.unwrap_or_default(),
        templates,
        property: raw.property.map(Spanned::into_inner),
        relations: relations
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect(),
        event_types,
        file: file.name.clone(),
        line,
    })
}

fn slot_type_name(t: SlotType) -> &'static str {
    match t {
        SlotType::Person => "person",
        SlotType::Place => "place",
        SlotType::Organization => "organization",
        SlotType::Office => "office",
        SlotType::Event => "event",
        SlotType::Entity => "entity",
        SlotType::Date => "date",
        SlotType::Ordinal => "ordinal",
        SlotType::Duration => "duration",
        SlotType::Number => "number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleSet, String> {
        let properties: HashSet<String> = ["capital", "sibling", "spouse", "located-in"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        RuleSet::from_files(&[SourceFile::new("rules.toml", text)], &properties)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_shipped_rules_load() {
        let properties: HashSet<String> = crate::reference::Reference::load(&[], false)
            .expect("shipped data loads")
            .properties
            .keys()
            .cloned()
            .collect();
        let rules = RuleSet::load(&[], false, &properties).expect("shipped rules load");
        for kind in [
            "holds",
            "property",
            "event-date",
            "ordinal",
            "interval",
            "weekday",
            "age",
            "spelling",
        ] {
            assert!(
                rules.rules.iter().any(|r| r.assertion.as_str() == kind),
                "no shipped rule of kind {kind}"
            );
        }
    }

    #[test]
    fn a_data_only_rule_loads_with_its_templates() {
        let rules = load(
            r#"
[[rule]]
id = "seat-of"
assertion = "property"
property = "capital"
description = "The seat of government named for a country."
templates = ["{object:place}, the seat of government of {subject:place}"]
"#,
        )
        .expect("a valid rule");
        let rule = rules.get("seat-of").expect("loaded");
        assert_eq!(rule.assertion, Assertion::Property);
        assert_eq!(rules.templates().len(), 1);
    }

    /// The 1-based line of the first line containing `needle`, after line `after`.
    fn line_of(text: &str, needle: &str, after: usize) -> usize {
        text.lines()
            .enumerate()
            .skip(after)
            .find(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
            .expect("the needle is in the text")
    }

    #[test]
    fn every_problem_is_reported_at_its_place() {
        let text = r#"[[rule]]
id = "ok"
assertion = "weekday"

[[rule]]
id = "a"
assertion = "holds"
colour = "red"

[[rule]]
id = "b"
assertion = "prophecy"

[[rule]]
id = "c"
assertion = "property"
property = "birthplace"
templates = ["{subject:place} is in {object:place}"]

[[rule]]
id = "d"
assertion = "property"
property = "capital"
templates = ["{subject:place}'s capital ("]

[[rule]]
id = "ok"
assertion = "weekday"
"#;
        let errors = load(text).expect_err("five errors");
        let expect = [
            (line_of(text, "colour", 0), "unknown field `colour`"),
            (
                line_of(text, "prophecy", 0),
                "unknown assertion kind `prophecy`",
            ),
            (
                line_of(text, "birthplace", 0),
                "unknown property `birthplace`",
            ),
            (
                line_of(text, "capital (", 0),
                "invalid pattern `{subject:place}'s capital (`: unclosed group",
            ),
            (
                line_of(text, "id = \"ok\"", 2) - 1,
                "duplicate rule id `ok` (first defined at rules.toml:1:",
            ),
        ];
        for (line, words) in expect {
            let place = format!("rules.toml:{line}:");
            assert!(
                errors
                    .lines()
                    .any(|l| l.starts_with(&place) && l.contains(words)),
                "no error at {place} saying {words:?} in:\n{errors}"
            );
        }
        assert_eq!(errors.lines().count(), 5, "{errors}");
    }

    #[test]
    fn a_field_of_another_kind_is_an_error() {
        let errors = load(
            r#"[[rule]]
id = "w"
assertion = "weekday"
property = "capital"
"#,
        )
        .expect_err("weekday rules take no property");
        assert!(errors.starts_with("rules.toml:4:"), "{errors}");
    }

    #[test]
    fn malformed_toml_names_the_place() {
        let errors = load("[[rule]]\nid = \"x\nassertion = \"holds\"\n").expect_err("bad TOML");
        assert!(errors.starts_with("rules.toml:2:"), "{errors}");
    }
}
