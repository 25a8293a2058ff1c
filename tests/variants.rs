//! One-edit variants of the seed story beyond the shipped mutations file: legitimate
//! rewordings must stand, real errors must be caught. Each variant is one edit of the seed.

mod common;

use common::*;
use stet::check::{Severity, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// No contradiction at all.
    Stands,
    /// A contradiction at severity error (the run fails).
    Contradicted,
    /// Only warnings (a likely misspelling).
    Warned,
}

use Expect::*;

#[test]
fn variants_of_the_seed_story() {
    let cases: &[(&str, &str, Expect)] = &[
        ("Feb. 27-28 summit", "March 27-28 summit", Contradicted),
        ("Feb. 27-28 summit", "Feb. 27 summit", Stands),
        ("eight months after", "nine months after", Stands),
        ("eight months after", "seven months after", Contradicted),
        ("eight months after", "eight weeks after", Contradicted),
        ("eight months after", "eight months before", Contradicted),
        ("second summit", "first summit", Contradicted),
        ("Feb. 27-28 summit", "Feb. 27-March 1 summit", Contradicted),
        ("Feb. 27-28 summit", "Feb. 28 summit", Stands),
        ("on Saturday afternoon", "on Friday afternoon", Contradicted),
        ("U.S. President Donald Trump", "President Trump", Stands),
        (
            "U.S. President Donald Trump",
            "U.S. President Obama",
            Contradicted,
        ),
        ("foreign minister Ri Yong Ho", "Foreign Minister Ri", Stands),
        ("on Saturday afternoon", "on Feb. 23", Stands),
        (
            "eight months after",
            "eight and a half months after",
            Stands,
        ),
        (
            "vice chairman of the central committee",
            "chairman of the central committee",
            Contradicted,
        ),
        (
            "Vietnam’s capital, Hanoi",
            "Vietnam’s capital, Saigon",
            Contradicted,
        ),
        ("second summit", "2nd summit", Stands),
        (
            "U.S. President Donald Trump",
            "U.S. Vice President Donald Trump",
            Contradicted,
        ),
        (
            "leader’s sister Kim Yo Jong",
            "leader’s brother Kim Yo Jong",
            Contradicted,
        ),
        (
            "leader’s sister Kim Yo Jong",
            "leader’s daughter Kim Yo Jong",
            Contradicted,
        ),
        ("last year’s expanded", "this year’s expanded", Contradicted),
        (
            "Nguyen Phu Trong, the president",
            "Nguyen Xuan Phuc, the president",
            Contradicted,
        ),
        ("Kim Chang Son", "Kim Chang Sun", Warned),
        (
            "Kim Jong Un is pictured",
            "Kim Jong-unn is pictured",
            Warned,
        ),
        ("Stephen Biegun", "Stephen Bigun", Warned),
        ("Dandong, China", "Dandong, North Korea", Contradicted),
        ("Kim Jong Un is pictured", "Kim Jong-Un is pictured", Stands),
        ("Ri Yong Ho.", "Ri Yong-ho.", Stands),
        ("Nguyen Phu Trong", "Nguyễn Phú Trọng", Stands),
        ("Feb. 27-28 summit", "February 27-28 summit", Stands),
        (
            "U.S. President Donald Trump",
            "US President Donald Trump",
            Stands,
        ),
        ("foreign minister Ri", "Foreign Minister Ri", Stands),
        ("eight months after", "8 months after", Stands),
        (
            "in Vietnam’s capital, Hanoi",
            "in Hanoi, Vietnam’s capital",
            Stands,
        ),
        (
            "Vietnam’s capital, Hanoi",
            "the Vietnamese capital, Hanoi",
            Stands,
        ),
        (
            "Vietnam’s capital, Hanoi",
            "the Vietnamese capital, Ho Chi Minh City",
            Contradicted,
        ),
        ("the Feb. 27-28 summit", "the summit on Feb. 27-28", Stands),
        (
            "North Korean leader Kim Jong Un is",
            "DPRK leader Kim Jong Un is",
            Stands,
        ),
        (
            "vice chairman of the central committee",
            "vice-chairman of the central committee",
            Stands,
        ),
        (
            "foreign minister Ri Yong Ho",
            "foreign minister Kim Yong Chol",
            Contradicted,
        ),
        (
            "U.S. envoy Stephen Biegun",
            "U.S. envoy Mike Pompeo",
            Contradicted,
        ),
        (
            "announced on Saturday that",
            "announced on Friday, Feb. 22, that",
            Stands,
        ),
        (
            "U.S. President Donald Trump",
            "former U.S. President Barack Obama",
            Stands,
        ),
        (
            "U.S. President Donald Trump",
            "President Barack Obama",
            Contradicted,
        ),
        (
            "North Korean leader Kim Jong Un is",
            "South Korean President Moon Jae-in is",
            Stands,
        ),
        (
            "North Korean leader Kim Jong Un is",
            "North Korean leader Moon Jae-in is",
            Contradicted,
        ),
        (
            "Trump and Kim will meet in Hanoi",
            "Trump and Kim will meet in Singapore",
            Stands,
        ),
    ];
    let mut failures = Vec::new();
    for &(find, replace, expected) in cases {
        assert_eq!(SEED.matches(find).count(), 1, "{find}");
        let report = check_text("hanoi-summit.txt", &SEED.replacen(find, replace, 1));
        let contradictions = contradicted(&report);
        let got = if contradictions.iter().any(|f| f.severity == Severity::Error) {
            Contradicted
        } else if contradictions.is_empty() {
            Stands
        } else {
            Warned
        };
        if got != expected {
            failures.push(format!(
                "{replace:?}: expected {expected:?}, got {got:?}\n{}",
                describe(&report)
            ));
        }
        // A suggestion always changes the text.
        for f in &report.findings {
            if let Some(s) = &f.suggestion {
                assert_ne!(s.replacement, s.original, "{replace:?}: {f:?}");
            }
        }
        // Every contradiction carries evidence with a source.
        for f in report
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Contradicted)
        {
            assert!(
                f.evidence.iter().all(|e| !e.source.is_empty()) && !f.evidence.is_empty(),
                "{f:?}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} variants failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The correction offered for a one-edit error, written the way the story wrote it.
#[test]
fn suggestions_for_variants_of_the_seed_story() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "February 23, 2019",
            "Friday, February 23, 2019",
            "Saturday, February 23, 2019",
        ),
        (
            "February 23, 2019",
            "Fri., February 23, 2019",
            "Sat., February 23, 2019",
        ),
        (
            "Feb. 27-28 summit",
            "Feb. 27-March 1 summit",
            "Feb. 27-28 summit",
        ),
        (
            "Feb. 27-28 summit",
            "Feb. 26-28 summit",
            "Feb. 27-28 summit",
        ),
        (
            "eight months after",
            "ten months after",
            "eight months after",
        ),
    ];
    for &(find, replace, expected) in cases {
        assert_eq!(SEED.matches(find).count(), 1, "{find}");
        let report = check_text("hanoi-summit.txt", &SEED.replacen(find, replace, 1));
        let suggested: Vec<&str> = report
            .findings
            .iter()
            .filter_map(|f| f.suggestion.as_ref())
            .map(|s| s.replacement.as_str())
            .collect();
        assert!(
            suggested.iter().any(|s| s.starts_with(expected)),
            "{replace:?}: expected a suggestion starting {expected:?}, got {suggested:?}\n{}",
            describe(&report)
        );
    }
}
