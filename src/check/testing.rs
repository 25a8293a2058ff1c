//! Fixtures for the checks' unit tests: the shipped property declarations and rules, with a
//! small reference written by the test, so each test states the facts it relies on.

use crate::check::{Finding, RuleSet, Verdict};
use crate::checker::Checker;
use crate::document::Document;
use crate::reference::{Reference, SourceFile};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A checker over the shipped properties and rules and the entities in `claims` (TOML in the
/// `claims/` format). Panics with the loader's message when the fixture itself is malformed:
/// that is a broken test, not a finding.
pub fn checker(claims: &str) -> Checker {
    let mut files: Vec<SourceFile> = crate::reference::default_property_files().collect();
    files.push(SourceFile::new("test-claims.toml", claims));
    let reference = Reference::from_files(files).unwrap_or_else(|e| panic!("fixture: {e}"));
    let properties: HashSet<String> = reference.properties.keys().cloned().collect();
    let rule_files: Vec<SourceFile> = crate::reference::default_rules()
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    let rules = RuleSet::from_files(&rule_files, &properties)
        .unwrap_or_else(|e| panic!("fixture rules: {e}"));
    Checker { reference, rules }
}

/// Findings of `check` (an assertion kind such as "holds") on `text` dated `date`
/// ("YYYY-MM-DD", or "" for an undated story).
pub fn findings(checker: &Checker, date: &str, text: &str, check: &str) -> Vec<Finding> {
    let story_date = (!date.is_empty())
        .then(|| NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("fixture date is YYYY-MM-DD"));
    let doc = Document::from_text("test.txt", text, story_date);
    checker
        .check_document(doc)
        .findings
        .into_iter()
        .filter(|f| f.check == check)
        .collect()
}

/// (verdict, claim text) of each finding of `check`: the shape most tests assert.
pub fn verdicts(checker: &Checker, date: &str, text: &str, check: &str) -> Vec<(Verdict, String)> {
    findings(checker, date, text, check)
        .into_iter()
        .map(|f| (f.verdict, f.text))
        .collect()
}

/// A small made-up world for the checks' tests: two countries with capitals and a city, their
/// leaders (one with a birth date and a sister), and three summits between them. Made up, so a
/// test depends only on facts written here.
pub const WORLD: &str = r#"
[[entity]]
id = "ruritania"
kind = "place"
name = "Ruritania"
aliases = ["Ruritanian"]

[[entity.statement]]
property = "capital"
value = "strelsau"
source = "https://example.org/ruritania"

[[entity]]
id = "freedonia"
kind = "place"
name = "Freedonia"
aliases = ["Freedonian"]

[[entity.statement]]
property = "capital"
value = "fredville"
source = "https://example.org/freedonia"

[[entity]]
id = "strelsau"
kind = "place"
name = "Strelsau"

[[entity.statement]]
property = "located-in"
value = "ruritania"
source = "https://example.org/strelsau"

[[entity]]
id = "fredville"
kind = "place"
name = "Fredville"

[[entity.statement]]
property = "located-in"
value = "freedonia"
source = "https://example.org/fredville"

[[entity]]
id = "zenda"
kind = "place"
name = "Zenda"

[[entity.statement]]
property = "located-in"
value = "ruritania"
source = "https://example.org/zenda"

[[entity]]
id = "anna-varga"
kind = "person"
name = "Anna Varga"

[[entity.statement]]
property = "born"
value = 1960-05-10
source = "https://example.org/varga"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/varga"

[[entity.statement]]
property = "sibling"
value = "lena-varga"
source = "https://example.org/varga"

[[entity]]
id = "lena-varga"
kind = "person"
name = "Lena Varga"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/lena"

[[entity]]
id = "boris-kell"
kind = "person"
name = "Boris Kell"

[[entity.statement]]
property = "born"
value = "1955"
source = "https://example.org/kell"

[[entity]]
id = "carl-moss"
kind = "person"
name = "Carl Moss"

[[entity]]
id = "summit-1"
kind = "event"
name = "Strelsau summit"

[[entity.statement]]
property = "event-type"
value = "summit"
source = "https://example.org/summits"

[[entity.statement]]
property = "date"
value = 2018-06-12
source = "https://example.org/summits"

[[entity.statement]]
property = "location"
value = "strelsau"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "anna-varga"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "boris-kell"
source = "https://example.org/summits"

[[entity]]
id = "summit-2"
kind = "event"
name = "Fredville summit"

[[entity.statement]]
property = "event-type"
value = "summit"
source = "https://example.org/summits"

[[entity.statement]]
property = "date"
value = "2019-02-27/2019-02-28"
source = "https://example.org/summits"

[[entity.statement]]
property = "location"
value = "fredville"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "anna-varga"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "boris-kell"
source = "https://example.org/summits"

[[entity]]
id = "summit-3"
kind = "event"
name = "Zenda summit"

[[entity.statement]]
property = "event-type"
value = "summit"
source = "https://example.org/summits"

[[entity.statement]]
property = "date"
value = 2019-04-25
source = "https://example.org/summits"

[[entity.statement]]
property = "location"
value = "zenda"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "anna-varga"
source = "https://example.org/summits"

[[entity.statement]]
property = "participant"
value = "carl-moss"
source = "https://example.org/summits"
"#;

#[test]
fn the_world_loads() {
    let c = checker(WORLD);
    assert!(c.reference.lookup("summit-3").is_some());
}
