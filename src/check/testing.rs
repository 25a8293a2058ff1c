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
