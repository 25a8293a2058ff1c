//! The seed story (tests/data/hanoi-summit.txt, a Reuters story of 2019-02-23) checked with the
//! shipped data: no contradiction, and the statements an editor would check are supported.

mod common;

use common::*;
use stet::check::Verdict;
use stet::extract::{ClaimKind, ClaimValue};

#[test]
fn the_seed_story_has_no_contradiction() {
    let report = check_text("hanoi-summit.txt", SEED);
    assert!(
        contradicted(&report).is_empty(),
        "contradictions in the clean story:\n{}",
        describe(&report)
    );
}

#[test]
fn the_seed_story_statements_are_supported() {
    let report = check_text("hanoi-summit.txt", SEED);
    let supported = |check: &str, fragment: &str| {
        report.findings.iter().any(|f| {
            f.verdict == Verdict::Supported && f.check == check && f.text.contains(fragment)
        })
    };
    let expected = [
        ("ordinal", "second summit"),
        ("event-date", "Feb. 27-28 summit"),
        ("event-date", "last year’s expanded summit"),
        ("property", "Vietnam’s capital, Hanoi"),
        ("holds", "U.S. President Donald Trump"),
        ("holds", "foreign minister Ri Yong Ho"),
        ("holds", "Ri Su Yong"),
        ("property", "sister Kim Yo Jong"),
        (
            "holds",
            "Nguyen Phu Trong, the president and general secretary",
        ),
        ("interval", "eight months after"),
        ("holds", "U.S. envoy Stephen Biegun"),
    ];
    let missing: Vec<_> = expected.iter().filter(|(c, t)| !supported(c, t)).collect();
    assert!(
        missing.is_empty(),
        "not supported: {missing:?}\nfindings:\n{}",
        describe(&report)
    );
    // Nguyen Phu Trong holds both offices the appositive names.
    let trong = report
        .findings
        .iter()
        .filter(|f| {
            f.check == "holds"
                && f.text.starts_with("Nguyen Phu Trong")
                && f.verdict == Verdict::Supported
        })
        .count();
    assert_eq!(trong, 2, "{}", describe(&report));
}

#[test]
fn every_contradiction_and_support_shows_a_source() {
    let report = check_text("hanoi-summit.txt", SEED);
    for f in report
        .findings
        .iter()
        .filter(|f| f.verdict != Verdict::Unverifiable)
    {
        assert!(!f.evidence.is_empty(), "no evidence: {f:?}");
        assert!(
            f.evidence.iter().all(|e| !e.source.trim().is_empty()),
            "evidence without source: {f:?}"
        );
    }
}

#[test]
fn relative_and_partial_dates_resolve_against_the_story_date() {
    let doc =
        stet::document::Document::parse("hanoi-summit.txt", SEED.as_bytes(), &Default::default())
            .unwrap();
    assert_eq!(
        doc.story_date.map(|d| d.date.to_string()).as_deref(),
        Some("2019-02-23")
    );
    let claims = checker().extract(&doc);
    let date_of = |text: &str| -> Vec<String> {
        claims
            .iter()
            .filter(|c| c.kind == ClaimKind::Date && c.text == text)
            .filter_map(|c| match &c.value {
                ClaimValue::Date(d) => d.value.map(|v| v.to_string()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(date_of("Saturday"), ["2019-02-23", "2019-02-23"]);
    assert_eq!(date_of("Sunday"), ["2019-02-24"]);
    assert_eq!(date_of("Feb. 27-28"), ["2019-02-27..2019-02-28"]);
    assert_eq!(date_of("last year"), ["2018"]);
    assert_eq!(date_of("February 23, 2019"), ["2019-02-23"]);
}

#[test]
fn without_a_story_date_relative_claims_are_not_guessed() {
    // The seed without its date header: "on Saturday" cannot be resolved, and nothing that
    // depends on the date is called supported or contradicted.
    let undated = SEED.replacen(" date 2019-02-23 ", " ", 1);
    let report = check_text("undated.txt", &undated);
    assert!(report.document.story_date.is_none());
    assert!(contradicted(&report).is_empty(), "{}", describe(&report));
    let holds_supported = report
        .findings
        .iter()
        .filter(|f| f.check == "holds" && f.verdict == Verdict::Supported)
        .count();
    assert_eq!(holds_supported, 0, "{}", describe(&report));
}
