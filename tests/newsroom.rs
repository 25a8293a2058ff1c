//! The newsroom's workflow end to end, on the sample repository in tests/data/newsroom/: its
//! `stet.toml` (an excluded folder, a required story date, an ignored rule, a severity
//! override), suppression comments (one used, one stale), good and bad stories, a binary
//! file, and a git-ignored scratch note. One snapshot per output format, the SARIF validated
//! against the SARIF 2.1.0 schema, the exit-code contract, and `--diff-base` on a git
//! repository this test makes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/newsroom");

/// A contradiction in a git-ignored file: it must never be reported.
const SCRATCH_NOTE: &str = "date 2019-02-23\n\nKim Jong Un’s ninth summit with Donald Trump.\n";

/// A copy of the sample repository in a temporary folder (so tests can change it and add
/// the ignored scratch note, which git would not keep in this repository).
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_tree(Path::new(SAMPLE), dir.path());
    std::fs::create_dir_all(dir.path().join("scratch")).expect("mkdir");
    std::fs::write(dir.path().join("scratch/note.txt"), SCRATCH_NOTE).expect("write");
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn stet_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env(
            "STET_CACHE_DIR",
            std::env::temp_dir().join("stet-test-cache"),
        )
        .env_remove("CI")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("the stet binary runs")
}

/// stdout with the temporary folder's path and stet's version replaced, so snapshots hold
/// on every machine and release.
fn redacted(out: &Output, dir: &Path) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut text = text.replace(&dir.display().to_string(), "[REPO]");
    // The temp folder may be reached through a symbolic link (macOS's /var -> /private/var).
    if let Ok(real) = dir.canonicalize() {
        text = text.replace(&real.display().to_string(), "[REPO]");
    }
    text.replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[VERSION]\"",
    )
}

fn snapshot_of(format: &str) -> (String, Option<i32>) {
    let repo = sample_copy();
    let out = stet_in(repo.path(), &["check", "--format", format, "."]);
    (redacted(&out, repo.path()), out.status.code())
}

macro_rules! format_snapshot {
    ($test:ident, $format:literal) => {
        #[test]
        fn $test() {
            let (text, code) = snapshot_of($format);
            // Two files could not be checked (a binary one, an undated one): exit 2.
            assert_eq!(code, Some(2), "{text}");
            assert_reports_what_the_repository_holds(&text);
            insta::assert_snapshot!(concat!("newsroom_", $format), text);
        }
    };
}

format_snapshot!(human_report, "human");
format_snapshot!(concise_report, "concise");
format_snapshot!(json_report, "json");
format_snapshot!(jsonl_report, "jsonl");
format_snapshot!(sarif_report, "sarif");
format_snapshot!(github_report, "github");
format_snapshot!(junit_report, "junit");

/// What every format must say about the sample repository, whatever its shape.
fn assert_reports_what_the_repository_holds(text: &str) {
    // The bad stories' contradictions, at their rule ids.
    for rule in [
        "summit-ordinal",
        "summit-date",
        "family-relation",
        "name-spelling",
        "unused-suppression",
    ] {
        assert!(text.contains(rule), "{rule} missing from:\n{text}");
    }
    // The config's exclusions never show.
    assert!(
        !text.contains("archive/"),
        "an excluded file shows:\n{text}"
    );
    assert!(
        !text.contains("fifth summit"),
        "an excluded file shows:\n{text}"
    );
    assert!(
        !text.contains("scratch"),
        "a git-ignored file shows:\n{text}"
    );
    // The two files that could not be checked are named.
    assert!(text.contains("stories/photo.txt"), "{text}");
    assert!(text.contains("stories/undated.txt"), "{text}");
    // No `./` prefixes: paths are as git and the CI know them.
    assert!(!text.contains("./stories"), "{text}");
}

#[test]
fn the_config_shapes_the_findings() {
    let repo = sample_copy();
    let out = stet_in(repo.path(), &["check", "--format", "jsonl", "."]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let finding = |rule: &str| {
        lines
            .iter()
            .find(|l| l["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {lines:?}"))
    };
    // `[rules.severity] family-relation = "warning"` in stet.toml.
    assert_eq!(finding("family-relation")["severity"], "warning");
    assert_eq!(finding("summit-date")["severity"], "error");
    assert_eq!(finding("summit-date")["path"], "stories/kim-departs.md");
    // The undated story is an error naming the config that requires a date.
    let undated = lines
        .iter()
        .find(|l| l["path"] == "stories/undated.txt")
        .unwrap_or_else(|| panic!("undated.txt not reported: {lines:?}"));
    let error = undated["error"].as_str().unwrap_or_default();
    assert!(error.contains("stet.toml requires one"), "{error}");
    // The title the story quotes as the wire wrote it is suppressed by its comment.
    assert!(
        !lines.iter().any(|l| l["rule"] == "title-holds"),
        "a suppressed finding shows: {lines:?}"
    );
    let summary = lines.last().expect("a summary line");
    assert_eq!(summary["suppressed"], 1, "{summary}");
    assert_eq!(summary["unused_suppressions"], 1, "{summary}");
    assert_eq!(summary["failed"], 2, "{summary}");
    // Five stories are checked or failed; the archive and the scratch note are not.
    assert_eq!(summary["files"], 5, "{summary}");
}

#[test]
fn exit_codes_follow_the_contract() {
    let repo = sample_copy();
    let dir = repo.path();
    // 0: nothing contradicted at the failing severity.
    let good = stet_in(dir, &["check", "stories/hanoi-summit.txt"]);
    assert_eq!(good.status.code(), Some(0), "{good:?}");
    // Warnings alone pass at the config's fail-on = "error", and fail at --fail-on warning.
    let warnings = stet_in(dir, &["check", "stories/delegation.txt"]);
    assert_eq!(warnings.status.code(), Some(0), "{warnings:?}");
    let strict = stet_in(
        dir,
        &["check", "--fail-on", "warning", "stories/delegation.txt"],
    );
    assert_eq!(strict.status.code(), Some(1), "{strict:?}");
    // 1: a contradiction.
    let bad = stet_in(dir, &["check", "stories/kim-departs.md"]);
    assert_eq!(bad.status.code(), Some(1), "{bad:?}");
    // 2: a file that cannot be checked, or a usage error.
    let binary = stet_in(dir, &["check", "stories/photo.txt"]);
    assert_eq!(binary.status.code(), Some(2), "{binary:?}");
    let usage = stet_in(dir, &["check", "--format", "yaml", "."]);
    assert_eq!(usage.status.code(), Some(2), "{usage:?}");
    // An explicit excluded file is checked unless --force-exclude (pre-commit passes files).
    let explicit = stet_in(dir, &["check", "archive/2018-summit.txt"]);
    assert_eq!(explicit.status.code(), Some(1), "{explicit:?}");
    let forced = stet_in(
        dir,
        &["check", "--force-exclude", "archive/2018-summit.txt"],
    );
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let (text, _) = snapshot_of("sarif");
    let log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
    let schema_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sarif-schema-2.1.0.json"
    );
    let schema = std::fs::read_to_string(schema_path).expect("the schema is shipped");
    // SARIF 2.1.0 Errata 01's fix of the `language` pattern (see tests/data/README.md).
    let schema = schema.replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&schema).expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert_eq!(errors, Vec::<String>::new(), "{text}");
    // The suggested corrections are there as fixes, and the unreadable files as
    // notifications.
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["fixes"].is_array()), "{text}");
    let notifications = &log["runs"][0]["invocations"][0]["toolExecutionNotifications"];
    assert_eq!(notifications.as_array().map(Vec::len), Some(2), "{text}");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=stet tests",
            "-c",
            "user.email=tests@stet.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn edit(path: PathBuf, from: &str, to: &str) {
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn diff_base_reports_only_the_lines_changed_since_the_revision() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let repo = sample_copy();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "stories as published"]);

    // After the commit: the good story gets a wrong ordinal on one line; a new story is
    // added (untracked: all its lines are new); kim-departs.md and delegation.txt keep their
    // old contradictions on unchanged lines.
    edit(
        dir.join("stories/hanoi-summit.txt"),
        "Kim Jong Un’s second summit",
        "Kim Jong Un’s fourth summit",
    );
    std::fs::write(
        dir.join("stories/new.txt"),
        "date 2019-02-23\n\nKim left Pyongyang by train on Saturday for the Feb. 25-26 summit in Hanoi.\n",
    )
    .expect("write");
    edit(
        dir.join("stories/kim-departs.md"),
        "news agency said.",
        "news agency said on Saturday.",
    );

    let out = stet_in(
        dir,
        &["check", "--diff-base", "HEAD", "--format", "concise", "."],
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let findings: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
    assert_eq!(findings.len(), 3, "{text}");
    assert!(
        findings[0].starts_with("stories/hanoi-summit.txt:3:"),
        "{text}"
    );
    assert!(findings[0].contains("summit-ordinal"), "{text}");
    // kim-departs.md line 10 changed (its wrong date is on it); line 8's ordinal did not.
    assert!(
        findings[1].starts_with("stories/kim-departs.md:10:"),
        "{text}"
    );
    assert!(findings[1].contains("summit-date"), "{text}");
    assert!(findings[2].starts_with("stories/new.txt:3:"), "{text}");
    assert!(!text.contains("kim-departs.md:8:"), "{text}");
    // Unchanged files are not read at all: the binary one and the undated one are not
    // reported, and the old warnings of delegation.txt are not either.
    assert!(!text.contains("photo.txt"), "{text}");
    assert!(!text.contains("undated.txt"), "{text}");
    assert!(!text.contains("delegation.txt"), "{text}");
    assert_eq!(out.status.code(), Some(1), "{text}");

    // From outside the repository, the folder given decides which repository is asked.
    let outside = dir.parent().expect("a temp dir has a parent");
    let stories = dir.join("stories");
    let from_outside = stet_in(
        outside,
        &[
            "check",
            "--diff-base",
            "HEAD",
            "--format",
            "concise",
            &stories.display().to_string(),
        ],
    );
    let outside_text = String::from_utf8_lossy(&from_outside.stdout).into_owned();
    assert_eq!(
        outside_text
            .lines()
            .filter(|l| l.contains(": error "))
            .count(),
        3,
        "{outside_text}{}",
        String::from_utf8_lossy(&from_outside.stderr)
    );

    // Against the working tree's own commit after committing everything, nothing changed.
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "edits"]);
    let none = stet_in(
        dir,
        &["check", "--diff-base", "HEAD", "--format", "concise", "."],
    );
    let none_text = String::from_utf8_lossy(&none.stdout).into_owned();
    assert_eq!(none.status.code(), Some(0), "{none_text}");
    assert!(!none_text.contains(": error "), "{none_text}");

    // A revision git does not know is a usage error naming it.
    let bad = stet_in(dir, &["check", "--diff-base", "no-such-rev", "."]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-rev"));
}
