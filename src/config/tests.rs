use super::*;
use crate::check::finding::Verdict;
use crate::report::UnusedSuppression;

fn parse(text: &str) -> Result<Config, DataErrors> {
    Config::parse(
        SourceFile::new("stet.toml", text),
        Path::new("/news"),
        Some(PathBuf::from("/news/stet.toml")),
    )
}

fn parsed(text: &str) -> Config {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

fn error_of(text: &str) -> String {
    match parse(text) {
        Ok(_) => panic!("parsed:\n{text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn defaults_when_empty() {
    let c = parsed("");
    assert_eq!(c.fail_on, Severity::Error);
    assert_eq!(c.date_policy, DatePolicy::Found);
    assert!(c.reports_rule("spelling"));
    assert!(!c.excludes(Path::new("/news/a.md"), false));
}

#[test]
fn reads_every_setting() {
    let c = parsed(
        r#"
fail-on = "warning"
[data]
claims = ["reference"]
rules = ["house"]
no-default-rules = true
[files]
exclude = ["drafts/", "*.tmp.md"]
[story]
date = "required"
[rules]
select = ["summit-date", "spelling"]
ignore = ["spelling"]
severity = { summit-date = "warning", unused-suppression = "error" }
"#,
    );
    assert_eq!(c.fail_on, Severity::Warning);
    assert_eq!(c.claims, [PathBuf::from("/news/reference")]);
    assert_eq!(c.rules, [PathBuf::from("/news/house")]);
    assert!(c.no_default_rules && !c.no_default_data);
    assert_eq!(c.date_policy, DatePolicy::Required);
    assert!(c.reports_rule("summit-date"));
    assert!(!c.reports_rule("spelling"), "ignore wins over select");
    assert!(!c.reports_rule("weekday"), "not selected");
    assert_eq!(
        c.severity_of("summit-date", Severity::Error),
        Severity::Warning
    );
    assert_eq!(c.severity_of("weekday", Severity::Error), Severity::Error);
    assert_eq!(c.unused_suppression_severity(), Severity::Error);
}

#[test]
fn excludes_follow_gitignore_syntax_under_the_config_folder() {
    let c = parsed("[files]\nexclude = [\"drafts/\", \"*.tmp.md\", \"/top.md\"]\n");
    assert!(c.excludes(Path::new("/news/drafts"), true));
    assert!(c.excludes(Path::new("/news/drafts/x.md"), false));
    assert!(c.excludes(Path::new("/news/a/b/story.tmp.md"), false));
    assert!(c.excludes(Path::new("/news/top.md"), false));
    assert!(!c.excludes(Path::new("/news/a/top.md"), false));
    assert!(!c.excludes(Path::new("/news/story.md"), false));
    assert!(!c.excludes(Path::new("/elsewhere/drafts/x.md"), false));
}

#[test]
fn unknown_keys_are_errors_at_their_place() {
    let e = error_of("fail-on = \"error\"\n[rules]\nignor = [\"spelling\"]\n");
    assert!(e.starts_with("stet.toml:3:1: "), "{e}");
    assert!(e.contains("ignor"), "{e}");
    let e = error_of("colour = true\n");
    assert!(e.starts_with("stet.toml:1:1: "), "{e}");
}

#[test]
fn wrong_values_are_errors_at_their_place() {
    let e = error_of("fail-on = \"never\"\n");
    assert!(e.starts_with("stet.toml:1:11: "), "{e}");
    assert!(e.contains("warning"), "names the choices: {e}");
    let e = error_of("[story]\ndate = 2019\n");
    assert!(e.starts_with("stet.toml:2:8: "), "{e}");
    let e = error_of("[rules]\nseverity = { spelling = \"loud\" }\n");
    assert!(e.starts_with("stet.toml:2:25: "), "{e}");
    let e = error_of("[files]\nexclude = \"drafts\"\n");
    assert!(e.starts_with("stet.toml:2:11: "), "{e}");
    let e = error_of("fail-on = \n");
    assert!(e.starts_with("stet.toml:1:"), "{e}");
}

#[test]
fn unknown_rule_ids_are_errors_at_their_place() {
    let c = parsed(
        "[rules]\nignore = [\"spelling\", \"speling\"]\nseverity = { weekdy = \"error\", unused-suppression = \"error\" }\n",
    );
    let known = |id: &str| id == "spelling" || id == "weekday";
    let Err(errors) = c.check_rule_ids(&known) else {
        panic!("unknown ids accepted")
    };
    let text = errors.to_string();
    assert_eq!(errors.0.len(), 2, "{text}");
    assert!(
        text.contains("/news/stet.toml:2:23: unknown rule id `speling`"),
        "{text}"
    );
    assert!(
        text.contains("/news/stet.toml:3:14: unknown rule id `weekdy`"),
        "{text}"
    );
    assert!(
        parsed("[rules]\nignore = [\"spelling\"]\n")
            .check_rule_ids(&known)
            .is_ok()
    );
}

#[test]
fn apply_drops_turned_off_rules_and_overrides_severity() {
    let mut report = crate::report::testing::report();
    report.unused_suppressions.push(UnusedSuppression {
        span: 0..4,
        rules: vec!["weekday".into()],
        severity: Severity::Warning,
        message: "silenced nothing".into(),
    });
    let c = parsed(
        "[rules]\nignore = [\"summit-place\"]\nseverity = { spelling = \"error\", unused-suppression = \"error\" }\n",
    );
    c.apply(&mut report);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(!rules.contains(&"summit-place"), "{rules:?}");
    assert_eq!(rules.len(), 3);
    let spelling = report.findings.iter().find(|f| f.rule == "spelling");
    assert_eq!(spelling.map(|f| f.severity), Some(Severity::Error));
    assert_eq!(
        spelling.map(|f| f.verdict),
        Some(Verdict::Contradicted),
        "verdicts are the engine's, not the config's"
    );
    assert_eq!(report.unused_suppressions[0].severity, Severity::Error);

    let mut report = crate::report::testing::report();
    report.unused_suppressions.push(UnusedSuppression {
        span: 0..4,
        rules: Vec::new(),
        severity: Severity::Warning,
        message: String::new(),
    });
    parsed("[rules]\nignore = [\"unused-suppression\"]\n").apply(&mut report);
    assert!(report.unused_suppressions.is_empty());
}

#[test]
fn date_policy() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    let undated = || Document::from_text("s.txt", "Kim arrived on Saturday.\n", None);
    let mut doc = undated();
    assert!(parsed("").apply_date_policy(&mut doc, today).is_ok());
    assert_eq!(doc.story_date, None);

    let mut doc = undated();
    assert!(
        parsed("[story]\ndate = \"today\"\n")
            .apply_date_policy(&mut doc, today)
            .is_ok()
    );
    assert_eq!(
        doc.story_date,
        Some(StoryDate {
            date: today,
            origin: DateOrigin::RunDate
        })
    );

    let mut doc = undated();
    let e = parsed("[story]\ndate = \"required\"\n").apply_date_policy(&mut doc, today);
    assert!(
        e.as_ref().is_err_and(|e| e.contains("/news/stet.toml")),
        "{e:?}"
    );

    // A dated story keeps its own date under every policy.
    let mut doc = Document::from_text("s.txt", "date 2019-02-23\n\nKim arrived.\n", None);
    assert!(
        parsed("[story]\ndate = \"required\"\n")
            .apply_date_policy(&mut doc, today)
            .is_ok()
    );
    assert_eq!(doc.story_date.map(|d| d.origin), Some(DateOrigin::Header));
}

#[test]
fn to_toml_round_trips_through_the_parser() {
    let c = parsed(
        "fail-on = \"warning\"\n[files]\nexclude = [\"drafts/\"]\n[rules]\nignore = [\"spelling\"]\nseverity = { weekday = \"info\" }\n",
    );
    let printed = c.to_toml();
    assert!(printed.starts_with("# from /news/stet.toml"), "{printed}");
    let again = parsed(&printed);
    assert_eq!(again.fail_on, Severity::Warning);
    assert_eq!(again.exclude, ["drafts/"]);
    assert!(!again.reports_rule("spelling"));
    assert_eq!(
        again.severity_of("weekday", Severity::Error),
        Severity::Info
    );
}

#[test]
fn find_walks_up_to_the_nearest_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inner = dir.path().join("desk/politics");
    std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(find(&inner), None.or_else(|| find(dir.path())));
    std::fs::write(dir.path().join(FILE_NAME), "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(find(&inner), Some(dir.path().join(FILE_NAME)));
    std::fs::write(dir.path().join("desk").join(FILE_NAME), "").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(find(&inner), Some(dir.path().join("desk").join(FILE_NAME)));
}

#[test]
fn load_reports_unreadable_and_non_utf8_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let missing = dir.path().join("nope.toml");
    let e = Config::load(&missing).err().map(|e| e.to_string());
    assert!(e.is_some_and(|e| e.contains("nope.toml")));
    let binary = dir.path().join(FILE_NAME);
    std::fs::write(&binary, b"fail-on = \"error\"\n\xff\xfe").unwrap_or_else(|e| panic!("{e}"));
    let e = Config::load(&binary).err().map(|e| e.to_string());
    assert!(
        e.as_ref().is_some_and(|e| e.contains(":2:1: not UTF-8")),
        "{e:?}"
    );
}
