//! The shipped reference data: imported files are exactly what the importers make of their
//! sources, and offices are resolved by the story's date.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use stet::check::Verdict;
use stet::import::{self, Format};

/// `../shared/data/reference` beside the project, where the source data sets are kept.
fn reference_sources() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/reference");
    dir.is_dir().then_some(dir)
}

/// Re-imports `inputs` and compares the result with the shipped file, byte for byte.
fn reimport_matches(format: Format, inputs: &[&str], shipped: &str) {
    let Some(dir) = reference_sources() else {
        eprintln!(
            "skipped: ../shared/data/reference is absent, so the shipped {shipped} cannot be re-imported"
        );
        return;
    };
    let paths: Vec<PathBuf> = inputs.iter().map(|i| dir.join(i)).collect();
    let result = import::import_files(format, &paths);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    let text = import::to_toml(&import::header(format, &paths), &result.entities);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(shipped);
    let on_disk = std::fs::read_to_string(&path).expect("the shipped file");
    if text != on_disk {
        let first = text
            .lines()
            .zip(on_disk.lines())
            .position(|(a, b)| a != b)
            .map_or("(lengths differ)".to_string(), |i| {
                format!("line {}", i + 1)
            });
        panic!(
            "{shipped} differs from a fresh import at {first}: re-run the command in its header"
        );
    }
}

#[test]
fn the_shipped_us_government_file_is_a_fresh_import_of_congress_legislators() {
    reimport_matches(
        Format::Congress,
        &["us-executive.yaml", "us-legislators-current.yaml"],
        "claims/us-government.toml",
    );
}

#[test]
fn the_shipped_countries_file_is_a_fresh_import_of_mledoze_countries() {
    reimport_matches(
        Format::Countries,
        &["countries.json"],
        "claims/countries.toml",
    );
}

const STORY_1987: &str = "date 1987-03-02

WASHINGTON - President Reagan said on Monday that Vice President George Bush would lead the
delegation. President Bush told reporters the talks would resume.
";

#[test]
fn titles_in_1987_are_checked_against_the_holders_then() {
    let report = check_text("reagan.txt", STORY_1987);
    let verdict_of = |text: &str| {
        report
            .findings
            .iter()
            .find(|f| f.check == "holds" && f.text.replace('\n', " ") == text)
            .map(|f| f.verdict)
    };
    assert_eq!(
        verdict_of("President Reagan"),
        Some(Verdict::Supported),
        "{}",
        describe(&report)
    );
    assert_eq!(
        verdict_of("Vice President George Bush"),
        Some(Verdict::Supported)
    );
    // Neither George Bush was president in 1987: contradicted, with Reagan as the holder and
    // the source of the fact.
    let bush = report
        .findings
        .iter()
        .find(|f| f.check == "holds" && f.text == "President Bush")
        .unwrap_or_else(|| panic!("no finding for President Bush:\n{}", describe(&report)));
    assert_eq!(bush.verdict, Verdict::Contradicted);
    let reagan = bush
        .evidence
        .iter()
        .find(|e| {
            e.statement
                .starts_with("Ronald Reagan held President of the United States")
        })
        .unwrap_or_else(|| panic!("Reagan not shown: {:#?}", bush.evidence));
    assert!(reagan.source.contains("congress-legislators"), "{reagan:?}");
}

#[test]
fn the_same_name_in_2003_and_1990_is_a_different_president() {
    for (date, who) in [
        ("2003-05-01", "George W. Bush"),
        ("1990-05-01", "George H. W. Bush"),
    ] {
        let report = check_text(
            "bush.txt",
            &format!("date {date}\n\nPresident Bush spoke in Washington on Thursday.\n"),
        );
        let found = report
            .findings
            .iter()
            .find(|f| f.check == "holds")
            .unwrap_or_else(|| panic!("{date}: no title finding"));
        assert_eq!(found.verdict, Verdict::Supported, "{date}: {found:#?}");
        assert!(found.message.starts_with(who), "{date}: {}", found.message);
    }
    // Trump was president in 2019 and again in 2025.
    for date in ["2019-05-01", "2025-05-01"] {
        let report = check_text(
            "trump.txt",
            &format!("date {date}\n\nPresident Trump spoke in Washington on Thursday.\n"),
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.check == "holds" && f.verdict == Verdict::Supported),
            "{date}:\n{}",
            describe(&report)
        );
    }
}

#[test]
fn a_senator_is_checked_against_every_term_of_the_current_congress() {
    let report = check_text(
        "senate.txt",
        "date 2019-03-02\n\nSen. Chuck Grassley of Iowa and Rep. Nancy Pelosi spoke on Friday.\n",
    );
    let supported: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.check == "holds" && f.verdict == Verdict::Supported)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(
        supported,
        ["Sen. Chuck Grassley", "Rep. Nancy Pelosi"],
        "{}",
        describe(&report)
    );
    // In 1978 Grassley sat in the House, not the Senate.
    let report = check_text(
        "senate.txt",
        "date 1978-03-02\n\nSen. Charles Grassley spoke on Thursday.\n",
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.check == "holds" && f.verdict == Verdict::Contradicted),
        "{}",
        describe(&report)
    );
}

#[test]
fn a_state_legislators_title_is_not_the_us_senate() {
    // Joni Ernst sat in the Iowa Senate from 2011; she has been a U.S. senator since 2015.
    let report = check_text(
        "ernst.txt",
        "date 2012-03-02\n\nState Sen. Joni Ernst spoke on Friday, and state Sen. Joni Ernst left.\n",
    );
    assert!(
        report.findings.iter().all(|f| f.check != "holds"),
        "{}",
        describe(&report)
    );
    let report = check_text(
        "ernst.txt",
        "date 2012-03-02\n\nSen. Joni Ernst spoke on Friday.\n",
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.check == "holds" && f.verdict == Verdict::Contradicted),
        "{}",
        describe(&report)
    );
}

#[test]
fn a_senator_the_data_does_not_know_as_one_is_not_called_wrong() {
    // Kamala Harris was a senator in 2019, but the shipped Congress is the current one and
    // her record here is her vice-presidency: other senators of the day prove nothing.
    let report = check_text(
        "harris.txt",
        "date 2019-05-07\n\nSenator Kamala Harris of California spoke on Tuesday.\n",
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.verdict != Verdict::Contradicted),
        "{}",
        describe(&report)
    );
}
