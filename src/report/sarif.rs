//! The report as SARIF 2.1.0, for code-scanning services and editors (docs/sarif.md says what
//! maps to what). One run; `tool.driver.rules` lists the run's rules and `unused-suppression`;
//! each contradicted finding and each unused suppression is a result (with `--verbose`,
//! supported and unverifiable findings too, as `pass` and `review`); a suggestion that maps
//! onto the file's bytes is a `fix`; files that could not be read are tool execution
//! notifications, and make `executionSuccessful` false.
//!
//! It streams: the run's opening (tool and rules) first, each result as its file comes, and
//! the invocation (which needs to know whether a file failed) at the end. The output is
//! pretty-printed with two-space indentation, like `stet-report`.

use super::{
    Entry, FileOutcome, FileReport, Render, RenderOptions, Summary, UNUSED_SUPPRESSION,
    UnusedSuppression, end_location, entries, finding_message, pretty_at, render_all,
    suggestion_text, unused_message, unused_range,
};
use crate::check::finding::{Evidence, Finding, Severity, Verdict};
use crate::document::{Document, Location};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// The schema the output names in `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The version of stet's use of SARIF (`runs[0].properties.stetSarifVersion`): what results,
/// properties and fixes it writes. Adding properties keeps it; removing or changing one bumps
/// it.
pub const STET_SARIF_VERSION: u32 = 1;

const UNUSED_DESCRIPTION: &str = "A suppression comment that silenced no finding";

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor<'a> {
    id: &'a str,
    short_description: Text<'a>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

fn text<'a>(text: impl Into<std::borrow::Cow<'a, str>>) -> Text<'a> {
    Text { text: text.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunProperties {
    stet_sarif_version: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    kind: &'static str,
    message: Text<'a>,
    locations: [SarifLocation; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix<'a>>,
    properties: ResultProperties<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ResultProperties<'a> {
    Finding {
        verdict: Verdict,
        check: &'a str,
        claim: &'a str,
        evidence: &'a [Evidence],
    },
    Unused {
        rules: &'a [String],
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize, Clone)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

impl Region {
    /// From `start` to the exclusive `end`; an end before the start (odd input) is the start.
    fn new(start: Location, end: Location) -> Region {
        let end = if (end.line, end.column) < (start.line, start.column) {
            start
        } else {
            end
        };
        Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    safe: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: [Replacement<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation<'a> {
    execution_successful: bool,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tool_execution_notifications: &'a [Notification],
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text<'static>,
    locations: [SarifLocation; 1],
}

/// SARIF's level for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a relative URI reference: backslashes become slashes, and every byte that is not
/// unreserved, a sub-delimiter, `@` or `/` is percent-encoded. `:` is encoded too, so a path
/// like `C:\x` or `a:b` does not read as a URI scheme.
pub(crate) fn uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'\\' => uri.push('/'),
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'@'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'=' => uri.push(char::from(byte)),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// Writes the SARIF report of a run (for callers that hold every outcome).
pub fn render(
    out: &mut dyn Write,
    outcomes: &[FileOutcome],
    options: &RenderOptions,
) -> io::Result<()> {
    render_all(&mut SarifRenderer::new(options), out, outcomes)
}

/// The SARIF report, written file by file.
#[derive(Debug)]
pub struct SarifRenderer {
    verbose: bool,
    tool_version: String,
    /// The rules for `tool.driver.rules`, each id once, `unused-suppression` last.
    rules: Vec<(String, String, Severity)>,
    rule_index: HashMap<String, usize>,
    results_written: usize,
    /// The files that could not be read, as (uri, message): few and small, and written in the
    /// invocation at the end.
    failed: Vec<(String, String)>,
}

impl SarifRenderer {
    pub fn new(options: &RenderOptions) -> SarifRenderer {
        let mut rules = Vec::new();
        let mut rule_index = HashMap::new();
        let declared = options
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.description.as_str(), r.severity))
            .chain([(UNUSED_SUPPRESSION, UNUSED_DESCRIPTION, Severity::Warning)]);
        for (id, description, severity) in declared {
            // SARIF wants each rule once (`uniqueItems`); the first description wins.
            if rule_index.contains_key(id) {
                continue;
            }
            rule_index.insert(id.to_string(), rules.len());
            let description = if description.is_empty() {
                id
            } else {
                description
            };
            rules.push((id.to_string(), description.to_string(), severity));
        }
        SarifRenderer {
            verbose: options.verbose,
            tool_version: options.tool_version.clone(),
            rules,
            rule_index,
            results_written: 0,
            failed: Vec::new(),
        }
    }

    fn write_result(&mut self, out: &mut dyn Write, result: &SarifResult<'_>) -> io::Result<()> {
        let separator = if self.results_written == 0 { "" } else { "," };
        write!(out, "{separator}\n        {}", pretty_at(result, 4)?)?;
        self.results_written += 1;
        Ok(())
    }

    fn finding_result<'a>(&self, report: &'a FileReport, f: &'a Finding) -> SarifResult<'a> {
        let doc = &report.document;
        let (level, kind) = match f.verdict {
            Verdict::Contradicted => (level(f.severity), "fail"),
            // SARIF: a result whose kind is not `fail` has level `none`.
            Verdict::Supported => ("none", "pass"),
            Verdict::Unverifiable => ("none", "review"),
        };
        let region = Region::new(doc.location(f.span.start), end_location(doc, &f.span));
        SarifResult {
            rule_id: &f.rule,
            rule_index: self.rule_index.get(&f.rule).copied(),
            level,
            kind,
            message: text(finding_message(f)),
            locations: [location(doc, Some(region))],
            fixes: fix(doc, f).into_iter().collect(),
            properties: ResultProperties::Finding {
                verdict: f.verdict,
                check: &f.check,
                claim: &f.text,
                evidence: &f.evidence,
            },
        }
    }

    fn unused_result<'a>(&self, doc: &Document, u: &'a UnusedSuppression) -> SarifResult<'a> {
        let (start, end) = unused_range(doc, u);
        SarifResult {
            rule_id: UNUSED_SUPPRESSION,
            rule_index: self.rule_index.get(UNUSED_SUPPRESSION).copied(),
            level: level(u.severity),
            kind: "fail",
            message: text(unused_message(u)),
            locations: [location(doc, Some(Region::new(start, end)))],
            fixes: Vec::new(),
            properties: ResultProperties::Unused { rules: &u.rules },
        }
    }
}

fn location(doc: &Document, region: Option<Region>) -> SarifLocation {
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(&doc.name),
            },
            region,
        },
    }
}

/// The finding's suggestion as a fix, when its text maps onto the file's bytes (else `--fix`
/// could not apply it either).
fn fix<'a>(doc: &Document, f: &'a Finding) -> Option<Fix<'a>> {
    let suggestion = f.suggestion.as_ref()?;
    let bytes = doc.source_range(suggestion.span.clone())?;
    let deleted = Region::new(
        doc.source_location(bytes.start),
        doc.source_location(bytes.end),
    );
    Some(Fix {
        description: text(suggestion_text(suggestion)),
        artifact_changes: [ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: uri(&doc.name),
            },
            replacements: [Replacement {
                deleted_region: deleted,
                inserted_content: text(suggestion.replacement.as_str()),
            }],
        }],
        properties: FixProperties {
            safe: suggestion.safe,
        },
    })
}

impl Render for SarifRenderer {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let tool = Tool {
            driver: Driver {
                name: "stet",
                version: &self.tool_version,
                information_uri: information_uri(),
                rules: self
                    .rules
                    .iter()
                    .map(|(id, description, severity)| Descriptor {
                        id,
                        short_description: text(description.as_str()),
                        default_configuration: Configuration {
                            level: level(*severity),
                        },
                    })
                    .collect(),
            },
        };
        let properties = RunProperties {
            stet_sarif_version: STET_SARIF_VERSION,
        };
        write!(
            out,
            "{{\n  \"$schema\": \"{SCHEMA_URI}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
             \"tool\": {},\n      \"columnKind\": \"unicodeCodePoints\",\n      \
             \"properties\": {},\n      \"results\": [",
            pretty_at(&tool, 3)?,
            pretty_at(&properties, 3)?
        )
    }

    fn file(&mut self, out: &mut dyn Write, outcome: &FileOutcome) -> io::Result<()> {
        let report = match outcome {
            FileOutcome::Checked(report) => report,
            FileOutcome::Failed { name, error } => {
                self.failed.push((uri(name), format!("{name}: {error}")));
                return Ok(());
            }
        };
        for entry in entries(report) {
            let result = match entry {
                Entry::Finding(f) if f.verdict == Verdict::Contradicted || self.verbose => {
                    self.finding_result(report, f)
                }
                Entry::Finding(_) => continue,
                Entry::Unused(u) => self.unused_result(&report.document, u),
            };
            self.write_result(out, &result)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let notifications: Vec<Notification> = self
            .failed
            .drain(..)
            .map(|(uri, message)| Notification {
                level: "error",
                message: text(message),
                locations: [SarifLocation {
                    physical_location: PhysicalLocation {
                        artifact_location: ArtifactLocation { uri },
                        region: None,
                    },
                }],
            })
            .collect();
        let invocations = [Invocation {
            execution_successful: notifications.is_empty(),
            tool_execution_notifications: &notifications,
        }];
        // serde writes an empty array as `[]`, a non-empty one with its `]` on its own line.
        let close = if self.results_written == 0 {
            "]"
        } else {
            "\n      ]"
        };
        writeln!(
            out,
            "{close},\n      \"invocations\": {}\n    }}\n  ]\n}}",
            pretty_at(&invocations, 3)?
        )
    }
}

/// Where to read about stet: the package's homepage or repository, when Cargo.toml names one
/// (it must be an absolute URI; SARIF leaves the key out otherwise).
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|uri| !uri.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::*;
    use serde_json::Value;

    fn sarif(outcomes: &[FileOutcome], verbose: bool) -> (String, Value) {
        let text = rendered(&mut SarifRenderer::new(&options(verbose)), outcomes);
        let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        (text, json)
    }

    /// The official SARIF 2.1.0 schema (tests/data/README.md says where it comes from), with
    /// its formats (`uri`, `uri-reference`...) checked too.
    fn validator() -> jsonschema::Validator {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/sarif-schema-2.1.0.json"
        );
        let schema = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The schema as published gives `language` a pattern that is not a valid regular
        // expression (a stray `]`), which the validator rejects; SARIF 2.1.0 Errata 01
        // corrects it to this. Applied here, so the file stays byte for byte as shipped.
        let schema = schema.replace(
            "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
            "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
        );
        let schema: Value = serde_json::from_str(&schema).unwrap_or_else(|e| panic!("{e}"));
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
    }

    fn errors(validator: &jsonschema::Validator, json: &Value) -> Vec<String> {
        validator
            .iter_errors(json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    #[test]
    fn valid_against_the_official_schema_with_fixes_failures_and_unused_suppressions() {
        let validator = validator();
        for verbose in [false, true] {
            for outcomes in [sample_outcomes(), odd_outcomes(), Vec::new()] {
                let (text, json) = sarif(&outcomes, verbose);
                assert_eq!(errors(&validator, &json), Vec::<String>::new(), "{text}");
            }
        }
        // What the test is worth: it sees a fix and a failed file, and rejects broken logs.
        let (_, json) = sarif(&sample_outcomes(), true);
        assert!(json["runs"][0]["results"][1]["fixes"].is_array());
        assert!(json["runs"][0]["invocations"][0]["toolExecutionNotifications"].is_array());
        let mut bad_level = json.clone();
        bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(!validator.is_valid(&bad_level));
        let mut no_message = json.clone();
        if let Some(result) = no_message["runs"][0]["results"][0].as_object_mut() {
            result.remove("message");
        }
        assert!(!validator.is_valid(&no_message));
        let mut bad_region = json.clone();
        bad_region["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            0.into();
        assert!(!validator.is_valid(&bad_region));
        let mut bad_uri = json.clone();
        bad_uri["runs"][0]["tool"]["driver"]["informationUri"] = "not a uri".into();
        assert!(!validator.is_valid(&bad_uri));
        let mut unknown_key = json;
        unknown_key["runs"][0]["tool"]["driver"]["colour"] = "red".into();
        assert!(!validator.is_valid(&unknown_key));
    }

    #[test]
    fn results_rules_fixes_and_notifications() {
        let (text, json) = sarif(&sample_outcomes(), false);
        assert_eq!(json["$schema"], SCHEMA_URI);
        assert_eq!(json["version"], "2.1.0");
        let run = &json["runs"][0];
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        assert_eq!(run["properties"]["stetSarifVersion"], 1);
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["name"], "stet");
        assert_eq!(driver["version"], "0.0.0-test");
        let ids: Vec<&str> = driver["rules"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|r| r["id"].as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "weekday",
                "summit-date",
                "summit-place",
                "spelling",
                UNUSED_SUPPRESSION
            ]
        );
        assert_eq!(
            driver["rules"][3]["defaultConfiguration"]["level"],
            "warning"
        );
        assert_eq!(
            driver["rules"][1]["shortDescription"]["text"],
            "The dates of a summit"
        );

        let results = run["results"].as_array().map_or(&[][..], Vec::as_slice);
        assert_eq!(results.len(), 3, "{text}");
        let date = &results[0];
        assert_eq!(date["ruleId"], "summit-date");
        assert_eq!(date["ruleIndex"], 1);
        assert_eq!(date["level"], "error");
        assert_eq!(date["kind"], "fail");
        let location = &date["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "story.txt");
        assert_eq!(location["region"]["startLine"], 3);
        assert_eq!(location["region"]["startColumn"], 40);
        assert_eq!(location["region"]["endLine"], 3);
        assert_eq!(location["region"]["endColumn"], 50);
        let fix = &date["fixes"][0];
        assert_eq!(fix["properties"]["safe"], true);
        let replacement = &fix["artifactChanges"][0]["replacements"][0];
        assert_eq!(replacement["insertedContent"]["text"], "Feb. 27-28");
        assert_eq!(replacement["deletedRegion"]["startColumn"], 40);
        assert_eq!(replacement["deletedRegion"]["endColumn"], 50);
        assert!(
            date["properties"]["evidence"][0]["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("https://"))
        );
        assert_eq!(results[1]["level"], "warning");
        assert_eq!(results[1]["fixes"][0]["properties"]["safe"], false);

        let unused = &results[2];
        assert_eq!(unused["ruleId"], UNUSED_SUPPRESSION);
        assert_eq!(unused["ruleIndex"], 4);
        assert_eq!(unused["properties"]["rules"][0], "spelling");
        let region = &unused["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 5);
        assert_eq!(region["endColumn"], 1 + SUPPRESSION.len());

        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let notification = &invocation["toolExecutionNotifications"][0];
        assert_eq!(notification["level"], "error");
        assert_eq!(
            notification["message"]["text"],
            "photo.txt: binary file (NUL byte at offset 6)"
        );
        assert_eq!(
            notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "photo.txt"
        );
    }

    #[test]
    fn verbose_adds_pass_and_review_results_at_level_none() {
        let (text, json) = sarif(&sample_outcomes(), true);
        let results = json["runs"][0]["results"]
            .as_array()
            .map_or(&[][..], Vec::as_slice);
        let kinds: Vec<&str> = results.iter().filter_map(|r| r["kind"].as_str()).collect();
        assert_eq!(kinds, ["pass", "fail", "review", "fail", "fail"]);
        assert_eq!(results[0]["level"], "none");
        assert_eq!(results[2]["level"], "none");
        assert_eq!(text, sarif(&sample_outcomes(), true).0);
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("sarif_report", text);
        });
    }

    #[test]
    fn a_suggestion_that_does_not_map_onto_the_file_has_no_fix() {
        let mut r = report();
        // Two segments meeting inside "Ri Yong Hoo": the text no longer maps onto the source
        // in one piece, as when it straddles markup.
        let cut = span_of("Ri Yong Hoo").start + 3;
        let whole = r.document.segments[0];
        r.document.segments = vec![
            crate::document::Segment {
                len: cut,
                source_end: cut,
                ..whole
            },
            crate::document::Segment {
                text_start: cut,
                source_start: cut,
                len: whole.len - cut,
                ..whole
            },
        ];
        let (_, json) = sarif(&[FileOutcome::Checked(r)], false);
        let results = &json["runs"][0]["results"];
        assert_eq!(results[0]["ruleId"], "summit-date");
        assert!(results[0]["fixes"].is_array());
        assert_eq!(results[1]["ruleId"], "spelling");
        assert!(results[1].get("fixes").is_none());
        assert_eq!(
            json["runs"][0]["invocations"][0]["executionSuccessful"],
            true
        );
    }

    #[test]
    fn rules_are_listed_once_and_unknown_rules_have_no_index() {
        let mut options = options(false);
        options.rules.push(options.rules[0].clone());
        options.rules.truncate(2);
        options.rules.push(options.rules[0].clone());
        let text = rendered(
            &mut SarifRenderer::new(&options),
            &[FileOutcome::Checked(report())],
        );
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        let driver = &json["runs"][0]["tool"]["driver"];
        assert_eq!(driver["rules"].as_array().map(Vec::len), Some(3));
        let results = &json["runs"][0]["results"];
        assert_eq!(results[0]["ruleIndex"], 1);
        // `spelling` is not among the declared rules.
        assert_eq!(results[1]["ruleId"], "spelling");
        assert!(results[1].get("ruleIndex").is_none());
    }

    #[test]
    fn paths_become_relative_uri_references() {
        assert_eq!(uri("stories/a b.md"), "stories/a%20b.md");
        assert_eq!(uri("dir\\story.md"), "dir/story.md");
        assert_eq!(uri("C:\\x.md"), "C%3A/x.md");
        assert_eq!(uri("a,b:c\n%.txt"), "a,b%3Ac%0A%25.txt");
        assert_eq!(uri("Hà Nội.txt"), "H%C3%A0%20N%E1%BB%99i.txt");
        assert_eq!(uri("#?[]"), "%23%3F%5B%5D");
    }
}
