//! Every one-edit mutation of the seed story (tests/data/hanoi-summit.mutations.toml) gives the
//! stated verdict on the stated line through the stated assertion kind.

mod common;

use common::*;
use serde::Deserialize;
use stet::check::{Severity, Verdict};

#[derive(Debug, Deserialize)]
struct Mutations {
    mutation: Vec<Mutation>,
}

#[derive(Debug, Deserialize)]
struct Mutation {
    id: String,
    line: usize,
    find: String,
    replace: String,
    check: String,
    verdict: String,
    suggest: Option<String>,
}

fn mutations() -> Vec<Mutation> {
    toml::from_str::<Mutations>(MUTATIONS)
        .expect("the mutations file parses")
        .mutation
}

/// Runs one mutation; returns a description of what is wrong, or None.
fn run(m: &Mutation) -> Option<String> {
    let count = SEED.matches(&m.find).count();
    if count != 1 {
        return Some(format!("`find` occurs {count} times in the seed"));
    }
    let story = SEED.replacen(&m.find, &m.replace, 1);
    let report = check_text("hanoi-summit.txt", &story);
    let on_line: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.check == m.check && line_of(&report, f) == m.line)
        .collect();
    let fails_run = report
        .findings
        .iter()
        .any(|f| f.verdict == Verdict::Contradicted && f.severity == Severity::Error);
    let suggests = |f: &&stet::check::Finding| {
        m.suggest.as_ref().is_none_or(|s| {
            f.suggestion
                .as_ref()
                .is_some_and(|x| x.replacement.contains(s.as_str()))
        })
    };
    let ok = match m.verdict.as_str() {
        "contradicted" => {
            fails_run
                && on_line.iter().any(|f| {
                    f.verdict == Verdict::Contradicted
                        && f.severity == Severity::Error
                        && suggests(f)
                })
        }
        "flagged" => {
            !fails_run
                && on_line.iter().any(|f| {
                    f.verdict == Verdict::Contradicted
                        && f.severity == Severity::Warning
                        && suggests(f)
                })
        }
        "clean" => {
            contradicted(&report).is_empty()
                && on_line.iter().any(|f| f.verdict == Verdict::Supported)
        }
        other => return Some(format!("unknown verdict `{other}` in the mutations file")),
    };
    (!ok).then(|| {
        format!(
            "expected {} via {} on line {}; got:\n{}",
            m.verdict,
            m.check,
            m.line,
            describe(&report)
        )
    })
}

#[test]
fn every_mutation_gives_its_verdict() {
    let all = mutations();
    assert!(all.len() >= 13, "the mutations file lost entries");
    let failures: Vec<String> = all
        .iter()
        .filter_map(|m| run(m).map(|why| format!("{}: {}", m.id, why)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} mutations failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}
