//! Shared helpers for the integration tests.
#![allow(dead_code)]

use std::sync::OnceLock;
use stet::Checker;
use stet::check::{Finding, Verdict};
use stet::document::{Document, DocumentOptions};
use stet::report::FileReport;

pub const SEED: &str = include_str!("../data/hanoi-summit.txt");
pub const MUTATIONS: &str = include_str!("../data/hanoi-summit.mutations.toml");

/// The shipped data and rules, loaded once for all tests of a binary.
pub fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| match Checker::builtin() {
        Ok(c) => c,
        Err(e) => panic!("shipped data does not load:\n{e}"),
    })
}

pub fn check_text(name: &str, text: &str) -> FileReport {
    let doc = Document::parse(name, text.as_bytes(), &DocumentOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    checker().check_document(doc)
}

pub fn line_of(report: &FileReport, finding: &Finding) -> usize {
    report.document.location(finding.span.start).line
}

/// A readable list of findings for assertion messages.
pub fn describe(report: &FileReport) -> String {
    report
        .findings
        .iter()
        .map(|f| {
            format!(
                "  line {} {:?} {} [{}] {:?}: {}{}",
                line_of(report, f),
                f.verdict,
                f.check,
                f.rule,
                f.text,
                f.message,
                f.suggestion
                    .as_ref()
                    .map(|s| format!(" => {:?}", s.replacement))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn contradicted(report: &FileReport) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::Contradicted)
        .collect()
}
