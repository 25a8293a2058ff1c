//! The `stet` command as a user and a CI job run it: exit codes, error locations, many files,
//! determinism, --diff and --fix, and rules added as data only.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn stet(args: &[&str]) -> Output {
    stet_cached(args, &test_cache())
}

/// The reference cache of these tests: never the user's own (one folder for every run; the
/// cache keeps itself small).
fn test_cache() -> std::path::PathBuf {
    std::env::temp_dir().join("stet-test-cache")
}

fn stet_cached(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("STET_CACHE_DIR", cache)
        .output()
        .expect("the stet binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn seed_path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hanoi-summit.txt").to_string()
}

fn write(dir: &Path, name: &str, contents: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("temp dir is writable");
    path.display().to_string()
}

#[test]
fn the_seed_story_passes_with_the_shipped_data() {
    let out = stet(&["check", &seed_path()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("0 contradicted"), "{stdout}");
}

#[test]
fn a_contradiction_fails_the_run_and_points_at_file_line_column() {
    let dir = tempfile::tempdir().unwrap();
    let story = common::SEED.replacen("second summit", "third summit", 1);
    let path = write(dir.path(), "story.txt", story.as_bytes());
    let out = stet(&["check", &path]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let column = common::SEED
        .lines()
        .nth(2)
        .unwrap()
        .find("second summit")
        .map(|b| common::SEED.lines().nth(2).unwrap()[..b].chars().count() + 1)
        .unwrap();
    assert!(stdout.contains(&format!("{path}:3:{column}")), "{stdout}");
    assert!(
        stdout.contains("second summit"),
        "the suggestion is shown: {stdout}"
    );
    assert!(stdout.contains("source"), "{stdout}");
}

#[test]
fn malformed_reference_data_exits_2_naming_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str); 4] = [
        ("bad-toml.toml", "[[entity]\nid = 1\n", "bad-toml.toml:1:"),
        (
            "unknown-id.toml",
            "[[entity]]\nid = \"x\"\nkind = \"person\"\nname = \"X\"\n[[entity.statement]]\nproperty = \"sibling\"\nvalue = \"nobody\"\nsource = \"s\"\n",
            "unknown-id.toml:7:9: unknown entity id `nobody`",
        ),
        (
            "end-before-start.toml",
            "[[entity]]\nid = \"y\"\nkind = \"person\"\nname = \"Y\"\n[[entity.statement]]\nproperty = \"position\"\nvalue = \"us-president\"\nstart = 2020-01-01\nend = 2019-01-01\nsource = \"s\"\n",
            "end-before-start.toml:9:7: `end` (2019-01-01) is before `start` (2020-01-01)",
        ),
        (
            "unknown-field.toml",
            "[[entity]]\nid = \"z\"\nkind = \"person\"\nname = \"Z\"\nnickname = \"z\"\n",
            "unknown-field.toml:5:1: unknown field `nickname`",
        ),
    ];
    for (name, contents, expected) in cases {
        let sub = dir.path().join(name.trim_end_matches(".toml"));
        std::fs::create_dir_all(&sub).unwrap();
        write(&sub, name, contents.as_bytes());
        let out = stet(&[
            "check",
            "--claims",
            &sub.display().to_string(),
            &seed_path(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in:\n{stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing is checked with bad data");
    }
}

#[test]
fn malformed_rules_exit_2_naming_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.toml",
        b"[[rule]]\nid = \"x\"\nassertion = \"sometimes\"\n\n[[rule]]\nid = \"y\"\nassertion = \"holds\"\ncolour = \"red\"\n",
    );
    let out = stet(&[
        "check",
        "--rules",
        &dir.path().display().to_string(),
        &seed_path(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("bad.toml:3:13: unknown assertion kind `sometimes`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.toml:8:1: unknown field `colour`"),
        "{stderr}"
    );
}

#[test]
fn a_binary_or_non_utf8_story_fails_alone_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "photo.txt", b"GIF89a\x00\x01\x02\x00");
    let latin1 = write(dir.path(), "latin1.txt", b"Caf\xe9 in Hanoi on Saturday.\n");
    let good = write(
        dir.path(),
        "good.txt",
        common::SEED
            .replacen("second summit", "third summit", 1)
            .as_bytes(),
    );
    let out = stet(&["check", &binary, &latin1, &good]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a story that cannot be read is an error"
    );
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(all.contains("photo.txt") && all.contains("binary"), "{all}");
    assert!(all.contains("latin1.txt") && all.contains("UTF-8"), "{all}");
    assert!(
        all.contains(&format!("{good}:3:")),
        "the good story is still checked: {all}"
    );
}

#[test]
fn two_runs_give_byte_identical_output() {
    for format in ["human", "json"] {
        let a = stet(&["check", "--format", format, "--verbose", &seed_path()]);
        let b = stet(&["check", "--format", format, "--verbose", &seed_path()]);
        assert_eq!(a.stdout, b.stdout, "{format}");
        assert!(!a.stdout.is_empty());
    }
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "story.txt",
        common::SEED
            .replacen("eight months after", "ten months after", 1)
            .as_bytes(),
    );
    let out = stet(&["check", "--format", "json", &path]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["schema"], "stet-report");
    assert_eq!(json["version"], 1);
    let findings = json["files"][0]["findings"].as_array().unwrap();
    let interval = findings
        .iter()
        .find(|f| f["check"] == "interval" && f["verdict"] == "contradicted")
        .expect("interval finding");
    assert_eq!(interval["start"]["line"], 17);
    assert!(
        interval["suggestion"]["replacement"]
            .as_str()
            .unwrap()
            .contains("eight months after")
    );
    assert!(
        interval["evidence"][0]["source"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
}

#[test]
fn diff_shows_and_fix_applies_the_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let story = common::SEED.replacen("Feb. 27-28 summit", "Feb. 26-27 summit", 1);
    let path = write(dir.path(), "story.txt", story.as_bytes());
    let diff = stet(&["check", "--diff", &path]);
    let diff_text = text(&diff.stdout);
    assert!(
        diff_text.contains(
            "-Kim left Pyongyang by train on Saturday afternoon for the Feb. 26-27 summit"
        ),
        "{diff_text}"
    );
    assert!(
        diff_text.contains(
            "+Kim left Pyongyang by train on Saturday afternoon for the Feb. 27-28 summit"
        ),
        "{diff_text}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        story,
        "--diff changes nothing"
    );

    let fix = stet(&["check", "--fix", &path]);
    assert!(fix.status.code().is_some());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        common::SEED,
        "--fix restores the seed"
    );
    let again = stet(&["check", &path]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
}

#[test]
fn extract_prints_claims_as_json_lines() {
    let out = stet(&["extract", &seed_path()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let value_of = |text: &str| {
        lines
            .iter()
            .find(|c| c["kind"] == "date" && c["text"] == text)
            .map(|c| c["value"].clone())
    };
    assert_eq!(value_of("Saturday"), Some("2019-02-23".into()));
    assert_eq!(value_of("Sunday"), Some("2019-02-24".into()));
    assert_eq!(
        value_of("Feb. 27-28"),
        Some("2019-02-27..2019-02-28".into())
    );
    assert_eq!(value_of("last year"), Some("2018".into()));
    assert!(
        lines
            .iter()
            .any(|c| c["kind"] == "title" && c["text"] == "foreign minister Ri Yong Ho")
    );
}

#[test]
fn a_rule_and_a_property_added_as_toml_fire_without_rust() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::create_dir_all(&claims).unwrap();
    write(
        &claims,
        "largest-city.toml",
        br#"
[[property]]
id = "largest-city"
value = "entity"
description = "the most populous city of a country"

# A newsroom's own fact about a shipped entity.
[[statement]]
subject = "vietnam"
property = "largest-city"
value = "ho-chi-minh-city"
source = "https://en.wikipedia.org/wiki/Ho_Chi_Minh_City"
"#,
    );
    write(
        &rules,
        "largest-city.toml",
        br#"
[[rule]]
id = "largest-city"
assertion = "property"
property = "largest-city"
description = "The city named as a country's largest is its largest."
templates = ["{object:place} is the largest city (?:in|of) {subject:place}"]
"#,
    );
    let story = write(
        dir.path(),
        "story.txt",
        b"date 2019-02-23\n\nHanoi is the largest city in Vietnam.\n",
    );
    let out = stet(&[
        "check",
        "--claims",
        &claims.display().to_string(),
        "--rules",
        &rules.display().to_string(),
        &story,
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("largest-city"), "{stdout}");
    assert!(stdout.contains("Ho Chi Minh City"), "{stdout}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(stet(&["check"]).status.code(), Some(2));
    assert_eq!(
        stet(&["check", "--date", "23/02/2019", &seed_path()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(stet(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_newsrooms_own_dataset_replaces_the_shipped_one_and_keeps_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let claims = dir.path().join("claims");
    std::fs::create_dir_all(&claims).unwrap();
    write(
        &claims,
        "uk.toml",
        br#"
[[entity]]
id = "uk"
kind = "place"
name = "United Kingdom"
aliases = ["UK", "Britain", "British"]
[[entity.statement]]
property = "capital"
value = "london"
source = "https://en.wikipedia.org/wiki/United_Kingdom"

[[entity]]
id = "london"
kind = "place"
name = "London"
[[entity.statement]]
property = "located-in"
value = "uk"
source = "https://en.wikipedia.org/wiki/London"

[[entity]]
id = "uk-prime-minister"
kind = "office"
name = "Prime Minister of the United Kingdom"
aliases = ["Prime Minister", "prime minister"]
single-holder = true
[[entity.statement]]
property = "jurisdiction"
value = "uk"
source = "https://en.wikipedia.org/wiki/Prime_Minister_of_the_United_Kingdom"

[[entity]]
id = "theresa-may"
kind = "person"
name = "Theresa May"
[[entity.statement]]
property = "position"
value = "uk-prime-minister"
start = 2016-07-13
end = 2019-07-24
source = "https://en.wikipedia.org/wiki/Theresa_May"

[[entity]]
id = "boris-johnson"
kind = "person"
name = "Boris Johnson"
[[entity.statement]]
property = "position"
value = "uk-prime-minister"
start = 2019-07-24
end = 2022-09-06
source = "https://en.wikipedia.org/wiki/Boris_Johnson"
"#,
    );
    let story = "date 2019-03-01\n\nBritish Prime Minister Theresa May spoke in London, the capital of the United Kingdom, on Friday.\n";
    let good = write(dir.path(), "good.txt", story.as_bytes());
    let bad = write(
        dir.path(),
        "bad.txt",
        story.replace("Theresa May", "Boris Johnson").as_bytes(),
    );
    let claims = claims.display().to_string();
    let out = stet(&[
        "check",
        "--no-default-data",
        "--claims",
        &claims,
        "-v",
        &good,
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("supported[title-holds]") && stdout.contains("supported[capital-of]"),
        "{stdout}"
    );
    let out = stet(&["check", "--no-default-data", "--claims", &claims, &bad]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("Theresa May held Prime Minister of the United Kingdom"),
        "{stdout}"
    );
    // Without the shipped data, the shipped entities are unknown: "Kim Jong Un" is nobody.
    let kim = write(dir.path(), "kim.txt", common::SEED.as_bytes());
    let out = stet(&[
        "check",
        "--no-default-data",
        "--claims",
        &claims,
        "-v",
        &kim,
    ]);
    assert!(
        !text(&out.stdout).contains("Kim Jong Un held"),
        "{}",
        text(&out.stdout)
    );
}

const LEGISLATORS: &str = "- id:
    bioguide: E000295
  name:
    first: Joni
    last: Ernst
  bio:
    birthday: '1970-07-01'
    gender: F
  terms:
  - type: sen
    start: '2015-01-06'
    end: '2021-01-03'
    state: IA
    class: 2
    party: Republican
";

#[test]
fn claims_import_writes_toml_that_checks_stories() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let input = write(
        dir.path(),
        "legislators-current.yaml",
        LEGISLATORS.as_bytes(),
    );
    let claims = dir.path().join("claims");
    std::fs::create_dir(&claims).expect("a folder");
    let output = claims.join("us.toml");
    let out = stet(&[
        "claims",
        "import",
        "congress",
        &input,
        "-o",
        &output.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("imported"),
        "{}",
        text(&out.stderr)
    );
    let toml = std::fs::read_to_string(&output).expect("written");
    assert!(
        toml.starts_with("# Generated by `stet claims import congress legislators-current.yaml`")
    );
    // The same input gives the same bytes.
    let again = stet(&["claims", "import", "congress", &input]);
    assert_eq!(text(&again.stdout), toml);

    // Loaded without the shipped data, beside a stub of the one country it refers to, the
    // import checks a story on its own.
    let story = write(
        dir.path(),
        "story.txt",
        b"date 2012-03-02\n\nSen. Joni Ernst spoke on Friday.\n",
    );
    let checked = stet(&[
        "check",
        "--no-default-data",
        "--claims",
        &claims.display().to_string(),
        "--claims",
        &write_countries_stub(dir.path()),
        &story,
    ]);
    assert_eq!(checked.status.code(), Some(1), "{}", text(&checked.stdout));
    assert!(
        text(&checked.stdout).contains("Joni Ernst did not hold United States Senator from Iowa")
    );
}

/// The one country the congress import refers to.
fn write_countries_stub(dir: &Path) -> String {
    let countries = dir.join("countries");
    std::fs::create_dir_all(&countries).expect("a folder");
    write(
        &countries,
        "us.toml",
        b"[[entity]]\nid = \"united-states\"\nkind = \"place\"\nname = \"United States\"\n",
    );
    countries.display().to_string()
}

#[test]
fn claims_import_reports_every_bad_record_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let broken = LEGISLATORS.replace("start: '2015-01-06'", "start: 'soon'");
    let input = write(dir.path(), "legislators-current.yaml", broken.as_bytes());
    let output = dir.path().join("us.toml");
    let out = stet(&[
        "claims",
        "import",
        "congress",
        &input,
        "-o",
        &output.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("legislators-current.yaml:10:3: record 1 (bioguide E000295, Joni Ernst), term 1: start `soon` is not a date"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!output.exists());

    let binary = write(dir.path(), "countries.json", b"\xff\xfe\x00[");
    let out = stet(&["claims", "import", "countries", &binary]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not UTF-8 text"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_reference_cache_gives_the_same_findings_and_follows_edits_to_the_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = dir.path().join("cache");
    let claims = dir.path().join("claims");
    std::fs::create_dir(&claims).expect("temp dir is writable");
    let person = |born: &str| {
        format!(
            "[[entity]]\nid = \"ana-pauker\"\nkind = \"person\"\nname = \"Ana Pauker\"\n\n\
             [[entity.statement]]\nproperty = \"born\"\nvalue = {born}\nsource = \"https://example.org/pauker\"\n"
        )
    };
    write(&claims, "people.toml", person("1893-02-13").as_bytes());
    let story = write(
        dir.path(),
        "story.txt",
        b"date 1950-06-01\n\nAna Pauker, 57, spoke in Bucharest on Thursday.\n",
    );
    let claims_arg = claims.display().to_string();
    let args = ["check", "-v", "--claims", &claims_arg, &story];
    let first = stet_cached(&args, &cache);
    let cached: Vec<_> = std::fs::read_dir(&cache)
        .expect("the first run writes the cache")
        .filter_map(|e| e.ok())
        .collect();
    assert!(!cached.is_empty());
    let second = stet_cached(&args, &cache);
    assert_eq!(text(&first.stdout), text(&second.stdout));
    assert_eq!(first.status.code(), second.status.code());
    assert!(
        text(&first.stdout).contains("supported[age]"),
        "{}",
        text(&first.stdout)
    );
    // An edited file is a new load, not a stale cache.
    write(&claims, "people.toml", person("1890-02-13").as_bytes());
    let edited = stet_cached(&args, &cache);
    assert_eq!(edited.status.code(), Some(1), "{}", text(&edited.stdout));
    // --no-cache reads the files and leaves no cache behind.
    let fresh = dir.path().join("fresh-cache");
    let mut no_cache = args.to_vec();
    no_cache.insert(1, "--no-cache");
    let out = stet_cached(&no_cache, &fresh);
    assert_eq!(text(&out.stdout), text(&edited.stdout));
    assert!(!fresh.exists());
}

/// A reader that goes away (`stet check ... | head -c 1`) fails the write: the run ends with
/// exit code 2, and the checking thread, whose batches nobody takes any more, does not hang it.
#[test]
fn a_closed_output_stops_the_run_with_a_write_failure() {
    let dir = tempfile::tempdir().expect("temp dir");
    let seed = std::fs::read(seed_path()).expect("the seed story is in tests/data");
    for i in 0..400 {
        write(dir.path(), &format!("story-{i:03}.txt"), &seed);
    }
    let folder = dir.path().display().to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(["check", &folder, "--format", "json", "-j", "2"])
        .env("STET_CACHE_DIR", test_cache())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the stet binary runs");
    drop(child.stdout.take());
    let status = child.wait().expect("stet ends");
    assert_eq!(status.code(), Some(2), "{status:?}");
}

/// The data of the first path's config is loaded while the folders are walked: its outcome
/// must be the run's only when a checked file's config names that data, whatever the order.
#[test]
fn each_folder_is_checked_with_its_own_data_and_a_data_error_fails_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let put = |file: &str, contents: &[u8]| {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    };
    let story = common::SEED.replacen("second summit", "third summit", 1);
    let own_data = b"[data]\nclaims = [\"claims\"]\n";
    let malformed = b"[[entity]]\nid = \n";
    put("shipped/stet.toml", b"fail-on = \"error\"\n");
    put("shipped/story.txt", story.as_bytes());
    put("broken/stet.toml", own_data);
    put("broken/claims/bad.toml", malformed);
    put("broken/story.txt", story.as_bytes());
    // A folder whose own config names broken data but governs none of its files.
    put("outer/stet.toml", own_data);
    put("outer/claims/bad.toml", malformed);
    put("outer/inner/stet.toml", b"fail-on = \"error\"\n");
    put("outer/inner/story.txt", story.as_bytes());
    let path = |folder: &str| dir.path().join(folder).display().to_string();

    let shipped = stet(&["check", &path("shipped"), "--format", "concise"]);
    assert_eq!(shipped.status.code(), Some(1), "{}", text(&shipped.stderr));
    let stdout = text(&shipped.stdout);
    assert!(stdout.contains("third summit"), "{stdout}");

    let mut errors = Vec::new();
    for order in [["shipped", "broken"], ["broken", "shipped"]] {
        let out = stet(&["check", &path(order[0]), &path(order[1])]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(2), "{order:?}: {stdout}");
        assert_eq!(stdout, "", "{order:?}: nothing is checked");
        assert!(stderr.contains("bad.toml:2:"), "{order:?}: {stderr}");
        errors.push(stderr);
    }
    assert_eq!(errors[0], errors[1]);

    let outer = stet(&["check", &path("outer"), "--format", "concise"]);
    assert_eq!(outer.status.code(), Some(1), "{}", text(&outer.stderr));
    let stdout = text(&outer.stdout);
    assert!(
        stdout.contains("inner") && stdout.contains("third summit"),
        "{stdout}"
    );
}
