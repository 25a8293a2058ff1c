//! Stories beyond the seed, in Markdown and HTML, about other events: the clean stories raise
//! no contradiction, code and scripts are not prose, and one-edit mutations are caught on the
//! right line of the author's file.

mod common;

use common::*;
use stet::check::{Severity, Verdict};

const SINGAPORE: &str = include_str!("data/stories/singapore-summit.md");
const DMZ: &str = include_str!("data/stories/dmz-meeting.html");
const VIETNAM: &str = include_str!("data/stories/vietnam-president.md");
const VLADIVOSTOK: &str = include_str!("data/stories/vladivostok-summit.txt");

fn supported(report: &stet::report::FileReport, check: &str, fragment: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.verdict == Verdict::Supported && f.check == check && f.text.contains(fragment))
}

#[test]
fn the_clean_stories_have_no_contradiction() {
    for (name, text) in [
        ("singapore-summit.md", SINGAPORE),
        ("dmz-meeting.html", DMZ),
        ("vietnam-president.md", VIETNAM),
        ("vladivostok-summit.txt", VLADIVOSTOK),
    ] {
        let report = check_text(name, text);
        assert!(
            contradicted(&report).is_empty(),
            "{name}:\n{}",
            describe(&report)
        );
    }
}

#[test]
fn markdown_front_matter_dates_the_story_and_code_is_not_prose() {
    let report = check_text("singapore-summit.md", SINGAPORE);
    assert_eq!(
        report
            .document
            .story_date
            .map(|d| d.date.to_string())
            .as_deref(),
        Some("2018-06-12")
    );
    assert!(
        !report.document.text.contains("Sample output"),
        "a code block is not prose"
    );
    for (check, fragment) in [
        ("ordinal", "first summit"),
        ("event-date", "summit on Tuesday"),
        ("holds", "Secretary of State Mike Pompeo"),
        ("holds", "North Korea’s ruling Workers’ Party"),
        ("holds", "South Korean President Moon Jae-in"),
        ("property", "Seoul, South Korea’s capital"),
    ] {
        assert!(
            supported(&report, check, fragment),
            "{check} {fragment}:\n{}",
            describe(&report)
        );
    }
}

#[test]
fn html_meta_dates_the_story_and_scripts_are_not_prose() {
    let report = check_text("dmz-meeting.html", DMZ);
    assert_eq!(
        report
            .document
            .story_date
            .map(|d| d.date.to_string())
            .as_deref(),
        Some("2019-06-30")
    );
    assert!(
        !report.document.text.contains("Barack Obama"),
        "a script is not prose"
    );
    // "their third meeting, joined by Moon": Trump and Kim's third, though Moon's first.
    assert!(
        supported(&report, "ordinal", "third meeting"),
        "{}",
        describe(&report)
    );
    // "Fourth" is right too, for Kim and Moon: an ambiguous ordinal is never a false alarm.
    let fourth = check_text(
        "dmz-meeting.html",
        &DMZ.replacen("their third meeting", "their fourth meeting", 1),
    );
    assert!(
        supported(&fourth, "ordinal", "fourth meeting"),
        "{}",
        describe(&fourth)
    );
    assert!(
        supported(&report, "interval", "four months after their summit"),
        "{}",
        describe(&report)
    );
    assert!(
        supported(&report, "property", "Kim’s sister Kim Yo Jong"),
        "{}",
        describe(&report)
    );
    assert!(
        supported(&report, "property", "Seoul, the capital of South Korea"),
        "{}",
        describe(&report)
    );
}

#[test]
fn mutations_of_these_stories_are_caught_on_their_line() {
    let cases = [
        (
            "singapore-summit.md",
            SINGAPORE,
            "their first summit",
            "their second summit",
            "ordinal",
            9,
        ),
        (
            "singapore-summit.md",
            SINGAPORE,
            "South Korean President Moon Jae-in",
            "South Korean President Park Geun-hye",
            "",
            0,
        ),
        (
            "singapore-summit.md",
            SINGAPORE,
            "Secretary of State Mike Pompeo",
            "Secretary of State Mike Pence",
            "holds",
            12,
        ),
        (
            "dmz-meeting.html",
            DMZ,
            "their third meeting",
            "their fifth meeting",
            "ordinal",
            11,
        ),
        (
            "dmz-meeting.html",
            DMZ,
            "four months after",
            "seven months after",
            "interval",
            13,
        ),
        (
            "dmz-meeting.html",
            DMZ,
            "Seoul, the capital",
            "Pyongyang, the capital",
            "property",
            14,
        ),
        (
            "dmz-meeting.html",
            DMZ,
            "Kim&rsquo;s sister",
            "Kim&rsquo;s wife",
            "property",
            14,
        ),
    ];
    for (name, text, find, replace, check, line) in cases {
        assert_eq!(text.matches(find).count(), 1, "{find}");
        let report = check_text(name, &text.replacen(find, replace, 1));
        let found = report.findings.iter().any(|f| {
            f.verdict == Verdict::Contradicted
                && f.severity == Severity::Error
                && f.check == check
                && line_of(&report, f) == line
        });
        if check.is_empty() {
            // A person the reference does not know is not a contradiction.
            assert!(
                contradicted(&report).is_empty(),
                "{replace}:\n{}",
                describe(&report)
            );
        } else {
            assert!(
                found,
                "{replace}: expected {check} on line {line}:\n{}",
                describe(&report)
            );
        }
    }
}

/// A 2021 story recalling 2019: titles stated with the sentence's own year are checked at that
/// year, and "the second summit between A and B" counts A and B's summits, not those of
/// everyone in the sentence.
#[test]
fn a_sentence_year_dates_its_titles_and_between_names_the_series() {
    let report = check_text("vietnam-president.md", VIETNAM);
    for (check, fragment) in [
        ("holds", "President Nguyen Phu Trong"),
        ("holds", "U.S. President Donald Trump"),
        ("ordinal", "second summit"),
        ("property", "Hanoi, Vietnam's capital"),
        ("age", "Phuc, 66,"),
    ] {
        assert!(
            supported(&report, check, fragment),
            "{check} {fragment}:\n{}",
            describe(&report)
        );
    }
    // Once as of 2019, once as "Former" in 2021.
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Supported && f.text == "U.S. President Donald Trump")
            .count(),
        2,
        "{}",
        describe(&report)
    );
    // Elected president on the story's date: which side of the handover is meant is unclear.
    let phuc = report
        .findings
        .iter()
        .find(|f| f.text == "Prime Minister Nguyen Xuan Phuc")
        .expect("the title is checked");
    assert_eq!(phuc.verdict, Verdict::Unverifiable, "{}", phuc.message);
}
