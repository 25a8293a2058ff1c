//! Capitals that changed, and countries with two capitals in common use (claims/capitals.toml),
//! checked the way a user runs `stet check`: a dated story in, the JSON report out.

use std::process::Command;

/// The `capital-of` findings of `story` checked as of `date`: (verdict, claim text, message,
/// suggested replacement).
fn capital_findings(date: &str, story: &str) -> Vec<(String, String, String, Option<String>)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("story.txt");
    std::fs::write(&path, format!("date {date}\n\n{story}\n")).expect("temp dir is writable");
    let out = Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .env("NO_COLOR", "1")
        .env("STET_CACHE_DIR", dir.path().join("cache"))
        .output()
        .expect("the stet binary runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "stet failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let file = &json["files"][0];
    assert_eq!(file["story_date"]["date"], date, "the header date is read");
    file["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "capital-of")
        .map(|f| {
            (
                f["verdict"].as_str().unwrap_or_default().to_string(),
                f["text"].as_str().unwrap_or_default().to_string(),
                f["message"].as_str().unwrap_or_default().to_string(),
                f["suggestion"]["replacement"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// The single `capital-of` finding whose claim text contains `text`.
fn finding<'a>(
    findings: &'a [(String, String, String, Option<String>)],
    text: &str,
) -> &'a (String, String, String, Option<String>) {
    let matching: Vec<_> = findings.iter().filter(|f| f.1.contains(text)).collect();
    assert_eq!(
        matching.len(),
        1,
        "one capital claim with {text:?} in {findings:?}"
    );
    matching[0]
}

#[test]
fn rangoon_was_burmas_capital_in_1987() {
    let findings = capital_findings(
        "1987-05-04",
        "Thousands of students marched in Burma's capital, Rangoon, on Monday.",
    );
    let f = finding(&findings, "Rangoon");
    assert_eq!(f.0, "supported", "{f:?}");
}

#[test]
fn yangon_is_not_myanmars_capital_in_2019() {
    let findings = capital_findings(
        "2019-05-04",
        "Thousands marched in Myanmar's capital, Yangon, on Saturday.",
    );
    let f = finding(&findings, "Yangon");
    assert_eq!(f.0, "contradicted", "{f:?}");
    assert!(f.2.contains("Naypyidaw"), "{f:?}");
    assert_eq!(
        f.3.as_deref(),
        Some("Myanmar's capital, Naypyidaw"),
        "one capital then, so it is suggested: {f:?}"
    );
}

#[test]
fn abidjan_as_the_ivorian_capital_is_not_an_error() {
    // The seat of government, named as "the capital", next to the official capital.
    let findings = capital_findings(
        "2021-03-01",
        "Protesters gathered in the Ivorian capital, Abidjan, on Monday. Lawmakers met in \
         Yamoussoukro, the capital of Ivory Coast, on Tuesday. Abidjan, the Ivorian capital, \
         was calm on Wednesday.",
    );
    assert!(
        findings.iter().all(|f| f.0 != "contradicted"),
        "{findings:?}"
    );
    assert_eq!(
        finding(&findings, "Ivorian capital, Abidjan").0,
        "supported"
    );
    assert_eq!(finding(&findings, "Yamoussoukro").0, "supported");
}

#[test]
fn brasilia_is_brazils_capital_only_from_1960() {
    let story = "The minister flew to Brazil's capital, Brasília, on Saturday.";
    let f = capital_findings("1985-06-01", story);
    assert_eq!(finding(&f, "Brasília").0, "supported", "{f:?}");

    let f = capital_findings("1955-06-01", story);
    let f = finding(&f, "Brasília");
    assert_eq!(f.0, "contradicted", "{f:?}");
    assert!(f.2.contains("Rio de Janeiro"), "{f:?}");
}

#[test]
fn bonn_and_berlin_follow_the_german_record() {
    let story = "Talks were held in the West German capital, Bonn, and later in Germany's capital, \
                 Berlin.";
    let f = capital_findings("1985-06-01", story);
    assert_eq!(finding(&f, "Bonn").0, "supported", "{f:?}");
    assert_eq!(finding(&f, "Berlin").0, "contradicted", "{f:?}");

    // Between reunification and the government's move in 1999 both are stated.
    let f = capital_findings("1995-06-01", story);
    assert_eq!(finding(&f, "Bonn").0, "supported", "{f:?}");
    assert_eq!(finding(&f, "Berlin").0, "supported", "{f:?}");
}

#[test]
fn a_former_name_of_a_capital_is_the_same_city() {
    let story = "Delegates arrived in Kazakhstan's capital, Nur-Sultan, on Friday.";
    let f = capital_findings("2020-02-07", story);
    assert_eq!(finding(&f, "Nur-Sultan").0, "supported", "{f:?}");

    // Before the move from Almaty, the new capital's name is wrong under any of its names.
    let f = capital_findings("1995-02-07", story);
    let f = finding(&f, "Nur-Sultan");
    assert_eq!(f.0, "contradicted", "{f:?}");
    assert!(f.2.contains("Almaty"), "{f:?}");
}

#[test]
fn either_of_two_capitals_is_supported_and_a_third_city_is_not() {
    let f = capital_findings(
        "2020-02-07",
        "The president spoke in Bolivia's capital, La Paz, on Friday. The court sat in \
         Sucre, the capital of Bolivia. Lawmakers met in the Dutch capital, The Hague, and \
         officials in Sri Lanka's capital, Colombo.",
    );
    for text in ["La Paz", "Sucre", "The Hague", "Colombo"] {
        assert_eq!(finding(&f, text).0, "supported", "{text}: {f:?}");
    }

    let f = capital_findings(
        "2020-02-07",
        "The president spoke in the capital of Bolivia, Lima, on Friday.",
    );
    let f = finding(&f, "Lima");
    assert_eq!(f.0, "contradicted", "{f:?}");
    assert!(
        f.2.contains("Sucre") && f.2.contains("La Paz"),
        "both capitals are named: {f:?}"
    );
    assert_eq!(
        f.3, None,
        "no single replacement between two capitals: {f:?}"
    );
}
