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
    /// The nouns that name an event of `event_types` ("summit", "talks"), compiled once.
    pub event_noun: regex::Regex,
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
    relations: Option<Spanned<BTreeMap<String, Spanned<Relation>>>>,
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
    let relations: BTreeMap<String, Relation> = raw
        .relations
        .as_ref()
        .map(|r| {
            r.get_ref()
                .iter()
                .map(|(word, relation)| (word.clone(), relation.get_ref().clone()))
                .collect()
        })
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
            // Each at its own entry: a table of ten relations may hold one bad property.
            for (word, relation) in r.get_ref() {
                if !properties.contains(&relation.get_ref().property) {
                    errors.push(file.error(
                        &relation.span(),
                        format!(
                            "relation `{word}` names unknown property `{}`",
                            relation.get_ref().property
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
        event_noun: super::events::noun_regex(&event_types),
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

    /// Each line of the rendered errors of `text`, which must fail to load.
    fn errors(text: &str) -> Vec<String> {
        load(text)
            .expect_err("the rules are invalid")
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_valid_rule_of_each_kind_loads() {
        let text = r#"[[rule]]
id = "title"
assertion = "holds"
severity = "info"
description = "Titles are held at the story date."

[[rule]]
id = "seat"
assertion = "property"
property = "capital"
templates = ["{object:place}, the seat of government of {subject:place}"]

[[rule]]
id = "kin"
assertion = "property"
templates = ["{subject:person}'s (?P<relation>sister|spouse),? {object:person}"]

[rule.relations]
Sister = { property = "sibling", gender = "female" }
spouse = { property = "spouse" }

[[rule]]
id = "summit-day"
assertion = "event-date"
event-types = ["summit"]
templates = ["{date:date} (?P<event>summit)", "(?P<event>summit) on {date:date}"]

[[rule]]
id = "summit-count"
assertion = "ordinal"
event-types = ["summit", "meeting"]
templates = ["{ordinal:ordinal} (?P<event>summit|meeting)"]

[[rule]]
id = "gap"
assertion = "interval"
event-types = ["summit"]
templates = ["{duration:duration} after the (?P<event>summit)"]

[[rule]]
id = "weekday"
assertion = "weekday"

[[rule]]
id = "years"
assertion = "age"
severity = "error"
templates = ["{person:person}, {age:number},"]

[[rule]]
id = "names"
assertion = "spelling"
severity = "warning"
"#;
        let rules = load(text).unwrap_or_else(|e| panic!("valid rules: {e}"));
        let got: Vec<(&str, &str, Severity, usize, usize)> = rules
            .rules
            .iter()
            .map(|r| {
                (
                    r.id.as_str(),
                    r.assertion.as_str(),
                    r.severity,
                    r.templates.len(),
                    r.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("title", "holds", Severity::Info, 0, 2),
                ("seat", "property", Severity::Error, 1, 8),
                ("kin", "property", Severity::Error, 1, 14),
                ("summit-day", "event-date", Severity::Error, 2, 23),
                ("summit-count", "ordinal", Severity::Error, 1, 29),
                ("gap", "interval", Severity::Error, 1, 35),
                ("weekday", "weekday", Severity::Error, 0, 41),
                ("years", "age", Severity::Error, 1, 45),
                ("names", "spelling", Severity::Warning, 0, 51),
            ]
        );
        // Every kind is there, each rule knows its file, and the kinds' own fields are kept.
        for kind in Assertion::ALL {
            assert!(rules.rules.iter().any(|r| r.assertion == kind), "{kind:?}");
        }
        assert!(rules.rules.iter().all(|r| r.file == "rules.toml"));
        let title = rules.get("title").expect("loaded");
        assert_eq!(title.description, "Titles are held at the story date.");
        assert_eq!(
            rules.get("seat").and_then(|r| r.property.as_deref()),
            Some("capital")
        );
        let kin = rules.get("kin").expect("loaded");
        assert_eq!(kin.property, None);
        // Relation words are matched lowercased.
        assert_eq!(
            kin.relations.keys().map(String::as_str).collect::<Vec<_>>(),
            ["sister", "spouse"]
        );
        assert_eq!(
            kin.relations["sister"],
            Relation {
                property: "sibling".into(),
                gender: Some("female".into())
            }
        );
        assert_eq!(kin.relations["spouse"].gender, None);
        assert_eq!(
            rules.get("summit-count").map(|r| r.event_types.clone()),
            Some(vec!["summit".to_string(), "meeting".to_string()])
        );
        assert_eq!(rules.templates().len(), 7);
    }

    #[test]
    fn an_unknown_field_is_reported_at_its_name() {
        let expected = "unknown field `colour`, expected one of `id`, `assertion`, `severity`, \
                        `description`, `templates`, `property`, `relations`, `event-types`";
        assert_eq!(
            errors("[[rule]]\nid = \"a\"\nassertion = \"holds\"\ncolour = \"red\"\n"),
            [format!("rules.toml:4:1: {expected}")]
        );
        // Also as a sub-table, and in a rule after a valid one.
        assert_eq!(
            errors(
                "[[rule]]\nid = \"w\"\nassertion = \"weekday\"\n\n[[rule]]\nid = \"a\"\n\
                 assertion = \"holds\"\n[rule.colour]\nshade = \"red\"\n"
            ),
            [format!("rules.toml:8:7: {expected}")]
        );
    }

    #[test]
    fn an_unknown_assertion_kind_is_reported_at_its_value() {
        assert_eq!(
            errors("[[rule]]\nid = \"a\"\n  assertion =   \"prophecy\"\n"),
            [
                "rules.toml:3:17: unknown assertion kind `prophecy` (expected one of: holds, \
                 property, event-date, ordinal, weekday, interval, age, spelling)"
            ]
        );
    }

    #[test]
    fn a_field_the_kind_does_not_read_is_reported_at_its_value() {
        assert_eq!(
            errors(
                "[[rule]]\nid = \"w\"\nassertion = \"weekday\"\nevent-types = [\"summit\"]\n\
                 templates = [\"{date:date}\"]\n"
            ),
            [
                "rules.toml:5:13: `templates` is not used by assertion kind `weekday`",
                "rules.toml:4:15: `event-types` is not used by assertion kind `weekday`",
            ]
        );
        assert_eq!(
            errors(
                "[[rule]]\nid = \"a\"\nassertion = \"age\"\nproperty = \"born\"\n\
                 templates = [\"{person:person}, {age:number},\"]\n"
            ),
            ["rules.toml:4:12: `property` is not used by assertion kind `age`"]
        );
        assert_eq!(
            errors(
                "[[rule]]\nid = \"s\"\nassertion = \"spelling\"\n\n[rule.relations]\n\
                 sister = { property = \"sibling\" }\n"
            ),
            ["rules.toml:5:1: `relations` is not used by assertion kind `spelling`"]
        );
    }

    #[test]
    fn an_unknown_property_is_reported_where_it_is_named() {
        assert_eq!(
            errors(
                "[[rule]]\nid = \"c\"\nassertion = \"property\"\nproperty = \"birthplace\"\n\
                 templates = [\"{subject:place} in {object:place}\"]\n"
            ),
            ["rules.toml:4:12: unknown property `birthplace`"]
        );
        // A relation naming an unknown property: at that relation, not at the table.
        assert_eq!(
            errors(
                "[[rule]]\nid = \"f\"\nassertion = \"property\"\n\
                 templates = [\"{subject:person}'s (?P<relation>sister|aunt) {object:person}\"]\n\
                 \n[rule.relations]\nsister = { property = \"sibling\", gender = \"female\" }\n\
                 aunt = { property = \"aunt\" }\n"
            ),
            ["rules.toml:8:8: relation `aunt` names unknown property `aunt`"]
        );
    }

    #[test]
    fn a_bad_template_is_reported_at_the_template() {
        // A regular expression that does not compile, in the second line of a list.
        assert_eq!(
            errors(
                "[[rule]]\nid = \"c\"\nassertion = \"property\"\nproperty = \"capital\"\n\
                 templates = [\n  \"{subject:place}'s capital,? {object:place}\",\n  \
                 \"{object:place}, capital of ({subject:place}\",\n]\n"
            ),
            ["rules.toml:7:3: bad template: invalid pattern \
                 `{object:place}, capital of ({subject:place}`: unclosed group"]
        );
        // Each template of a list at its own column: no `event` group, no `date` slot, an
        // unknown slot type.
        assert_eq!(
            errors(
                "[[rule]]\nid = \"d\"\nassertion = \"event-date\"\nevent-types = [\"summit\"]\n\
                 templates = [\"{date:date} summit\", \"{when:date} (?P<event>summit)\", \
                 \"{date:dat}\"]\n"
            ),
            [
                "rules.toml:5:14: a `event-date` template needs a `event` slot or \
                 `(?P<event>...)` group",
                "rules.toml:5:36: a `event-date` template needs a `{date:date}` slot",
                "rules.toml:5:69: bad template: unknown slot type `dat` in `{date:dat}` \
                 (expected one of: person, place, organization, office, event, entity, date, \
                 ordinal, duration, number)",
            ]
        );
        // A template with no slot at all, and an empty list.
        assert_eq!(
            errors(
                "[[rule]]\nid = \"a\"\nassertion = \"age\"\ntemplates = [\"aged (?P<age>[0-9]+)\"]\n"
            ),
            [
                "rules.toml:4:14: bad template: a template needs at least one slot such as \
                 {place:place}"
            ]
        );
        assert_eq!(
            errors("[[rule]]\nid = \"a\"\nassertion = \"age\"\ntemplates = []\n"),
            ["rules.toml:4:13: `templates` is empty"]
        );
    }

    #[test]
    fn a_missing_field_is_reported_at_the_rule_id() {
        assert_eq!(
            errors("[[rule]]\nid = \"d\"\nassertion = \"event-date\"\n"),
            [
                "rules.toml:2:6: assertion kind `event-date` needs `templates`",
                "rules.toml:2:6: assertion kind `event-date` needs `event-types` (e.g. [\"summit\"])",
            ]
        );
        assert_eq!(
            errors(
                "[[rule]]\nid = \"p\"\nassertion = \"property\"\n\
                 templates = [\"{subject:place} in {object:place}\"]\n"
            ),
            ["rules.toml:2:6: a `property` rule needs `property` or `relations`"]
        );
    }

    #[test]
    fn a_duplicate_id_is_reported_at_the_second_rule_and_names_the_first() {
        assert_eq!(
            errors(
                "[[rule]]\nid = \"x\"\nassertion = \"weekday\"\n\n[[rule]]\nid = \"y\"\n\
                 assertion = \"spelling\"\n\n  [[rule]]\n  id = \"x\"\n  assertion = \"holds\"\n"
            ),
            ["rules.toml:9:3: duplicate rule id `x` (first defined at rules.toml:1:1)"]
        );
        // Across files too: a rule added with --rules may not reuse a shipped id.
        let properties = HashSet::new();
        let files = [
            SourceFile::new(
                "a.toml",
                "# shipped\n[[rule]]\nid = \"x\"\nassertion = \"weekday\"\n",
            ),
            SourceFile::new("b.toml", "[[rule]]\nid = \"x\"\nassertion = \"holds\"\n"),
        ];
        let e = RuleSet::from_files(&files, &properties).expect_err("a duplicate");
        assert_eq!(
            e.to_string(),
            "b.toml:1:1: duplicate rule id `x` (first defined at a.toml:2:1)"
        );
    }

    #[test]
    fn bad_ids_severities_and_keys_are_reported_at_their_place() {
        assert_eq!(
            errors("[[rule]]\nid = \"Bad Id\"\nassertion = \"holds\"\nseverity = \"fatal\"\n"),
            [
                "rules.toml:2:6: a rule id is lowercase letters, digits and hyphens",
                "rules.toml:4:12: unknown severity `fatal` (expected error, warning or info)",
            ]
        );
        assert_eq!(
            errors("[[rules]]\nid = \"d\"\nassertion = \"holds\"\n"),
            ["rules.toml:1:3: unknown key `rules` (expected [[rule]])"]
        );
        assert_eq!(
            errors("[[rule]]\nassertion = \"holds\"\n"),
            ["rules.toml:1:1: missing field `id`"]
        );
    }
}
