//! `stet.toml`: a repository's settings for `stet check` and `stet lsp`.
//!
//! The file nearest a story, walking up from the story's folder, governs it (`--config FILE`
//! makes one file govern every story; `--no-config` uses none). Settings are not merged across
//! files: the nearest one wins whole, as with ruff, so a folder's settings are read in one
//! place. Relative paths in a file are relative to its folder. Command-line options win over
//! the file, and the file over the defaults; `stet config` prints the result.
//!
//! ```toml
//! fail-on = "error"            # or "warning": the severity that fails the run
//!
//! [data]
//! claims = ["reference"]       # extra claims folders, beside the shipped data
//! rules = ["house-rules"]      # extra rules folders
//! no-default-data = false
//! no-default-rules = false
//!
//! [files]
//! exclude = ["drafts/", "*.tmp.md"]   # gitignore syntax, relative to this file's folder
//!
//! [story]
//! date = "found"               # "found" | "today" | "required"
//!
//! [rules]
//! select = ["summit-date"]     # only these rule ids (default: every rule)
//! ignore = ["spelling"]        # never these
//! severity = { weekday = "warning", unused-suppression = "error" }
//! ```
//!
//! Every problem (an unknown key, a wrong type, an unknown rule id) is reported with the
//! file, line and column.

use crate::check::finding::Severity;
use crate::document::{DateOrigin, Document, StoryDate};
use crate::reference::{DataError, DataErrors, SourceFile};
use crate::report::{FileReport, UNUSED_SUPPRESSION};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The config file's name.
pub const FILE_NAME: &str = "stet.toml";

/// What to do with a story whose date is not in the file (no `--date`, header, front matter
/// or dateline): the date anchors "on Saturday" and "last year".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatePolicy {
    /// Use the date found in the story; without one, relative dates are unverifiable.
    #[default]
    Found,
    /// Without a date in the story, use the day of the run (for drafts written today).
    Today,
    /// A story without a date is that file's error (a CI gate for dated copy).
    Required,
}

/// The severities `fail-on` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FailOn {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum SeverityName {
    Error,
    Warning,
    Info,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Severity {
        match s {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<FailOn>,
    #[serde(default)]
    data: RawData,
    #[serde(default)]
    files: RawFiles,
    #[serde(default)]
    story: RawStory,
    #[serde(default)]
    rules: RawRules,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawData {
    #[serde(default)]
    claims: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    no_default_data: Option<bool>,
    no_default_rules: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawFiles {
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawStory {
    date: Option<DatePolicy>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRules {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, SeverityName>,
}

/// A rule id as written in a config file, with where, so an unknown one can be pointed at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

/// The effective settings for a set of stories: defaults, then a config file, then the
/// command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file the settings came from (`None`: defaults only).
    pub file: Option<PathBuf>,
    pub fail_on: Severity,
    /// Extra claims and rules folders, absolute or relative to the working directory.
    pub claims: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub no_default_data: bool,
    pub no_default_rules: bool,
    /// The exclude patterns as written, and the folder they are relative to.
    pub exclude: Vec<String>,
    exclude_root: PathBuf,
    excluder: Gitignore,
    pub date_policy: DatePolicy,
    /// `None`: every rule.
    pub select: Option<Vec<RuleRef>>,
    pub ignore: Vec<RuleRef>,
    pub severity: BTreeMap<String, (Severity, RuleRef)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            file: None,
            fail_on: Severity::Error,
            claims: Vec::new(),
            rules: Vec::new(),
            no_default_data: false,
            no_default_rules: false,
            exclude: Vec::new(),
            exclude_root: PathBuf::new(),
            excluder: Gitignore::empty(),
            date_policy: DatePolicy::Found,
            select: None,
            ignore: Vec::new(),
            severity: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Reads a config file. Every problem is reported with its line and column.
    pub fn load(path: &Path) -> Result<Config, DataErrors> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| one_error(&name, format!("{e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, column) = crate::import::line_column(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            DataErrors(vec![DataError {
                file: name.clone(),
                line,
                column,
                message: "not UTF-8 text".into(),
            }])
        })?;
        let folder = absolute(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Config::parse(
            SourceFile::new(name, text),
            &folder,
            Some(path.to_path_buf()),
        )
    }

    /// Parses a config's text; `folder` is what its relative paths are relative to.
    pub fn parse(
        source: SourceFile,
        folder: &Path,
        file: Option<PathBuf>,
    ) -> Result<Config, DataErrors> {
        let raw: RawConfig =
            toml::from_str(&source.text).map_err(|e| DataErrors(vec![source.toml_error(&e)]))?;
        let mut errors = Vec::new();
        let rule_ref = |s: &Spanned<String>| {
            let (line, column) = source.line_column(s.span().start);
            RuleRef {
                id: s.get_ref().clone(),
                line,
                column,
            }
        };
        let folder_path = |s: &Spanned<String>| folder.join(s.get_ref());

        let mut excluder = GitignoreBuilder::new(folder);
        for pattern in &raw.files.exclude {
            if let Err(e) = excluder.add_line(None, pattern.get_ref()) {
                errors.push(source.error(&pattern.span(), format!("bad exclude pattern: {e}")));
            }
        }
        let excluder = excluder.build().unwrap_or_else(|e| {
            errors.push(source.error(&(0..0), format!("bad exclude patterns: {e}")));
            Gitignore::empty()
        });
        let mut severity = BTreeMap::new();
        for (id, level) in &raw.rules.severity {
            severity.insert(id.get_ref().clone(), ((*level).into(), rule_ref(id)));
        }
        if !errors.is_empty() {
            return Err(DataErrors(errors));
        }
        Ok(Config {
            file,
            fail_on: match raw.fail_on {
                Some(FailOn::Warning) => Severity::Warning,
                Some(FailOn::Error) | None => Severity::Error,
            },
            claims: raw.data.claims.iter().map(folder_path).collect(),
            rules: raw.data.rules.iter().map(folder_path).collect(),
            no_default_data: raw.data.no_default_data.unwrap_or(false),
            no_default_rules: raw.data.no_default_rules.unwrap_or(false),
            exclude: raw
                .files
                .exclude
                .iter()
                .map(|p| p.get_ref().clone())
                .collect(),
            exclude_root: folder.to_path_buf(),
            excluder,
            date_policy: raw.story.date.unwrap_or_default(),
            select: raw
                .rules
                .select
                .as_ref()
                .map(|ids| ids.iter().map(rule_ref).collect()),
            ignore: raw.rules.ignore.iter().map(rule_ref).collect(),
            severity,
        })
    }

    /// Checks that every rule id the config names exists (`known` says which do;
    /// `unused-suppression` always does). An unknown id is an error at its place: a typo would
    /// otherwise silently leave a rule on or a severity unchanged.
    pub fn check_rule_ids(&self, known: &dyn Fn(&str) -> bool) -> Result<(), DataErrors> {
        let file = self
            .file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "(config)".into());
        let mentioned = self
            .select
            .iter()
            .flatten()
            .chain(&self.ignore)
            .chain(self.severity.values().map(|(_, r)| r));
        let errors: Vec<DataError> = mentioned
            .filter(|r| r.id != UNUSED_SUPPRESSION && !known(&r.id))
            .map(|r| DataError {
                file: file.clone(),
                line: r.line,
                column: r.column,
                message: format!("unknown rule id `{}` (`stet rules` lists them)", r.id),
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(DataErrors(errors))
        }
    }

    /// Whether `path` (a file, or a folder when `is_dir`) matches an exclude pattern, itself or
    /// through a parent folder. Paths outside the config's folder are never excluded by it.
    pub fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let absolute = absolute(path);
        if !absolute.starts_with(&self.exclude_root) {
            return false;
        }
        self.excluder
            .matched_path_or_any_parents(&absolute, is_dir)
            .is_ignore()
    }

    /// Whether findings of `rule` are reported.
    pub fn reports_rule(&self, rule: &str) -> bool {
        let selected = self
            .select
            .as_ref()
            .is_none_or(|ids| ids.iter().any(|r| r.id == rule));
        selected && !self.ignore.iter().any(|r| r.id == rule)
    }

    /// The severity of `rule`'s findings: the config's override, else `default`.
    pub fn severity_of(&self, rule: &str, default: Severity) -> Severity {
        self.severity.get(rule).map_or(default, |(s, _)| *s)
    }

    /// Applies the date policy to a story just read: `Err` when a date is required and the
    /// story has none.
    pub fn apply_date_policy(
        &self,
        document: &mut Document,
        today: chrono::NaiveDate,
    ) -> Result<(), String> {
        if document.story_date.is_some() {
            return Ok(());
        }
        match self.date_policy {
            DatePolicy::Found => Ok(()),
            DatePolicy::Today => {
                document.story_date = Some(StoryDate {
                    date: today,
                    origin: DateOrigin::RunDate,
                });
                Ok(())
            }
            DatePolicy::Required => Err(format!(
                "no story date found, and {} requires one ([story] date = \"required\"): add a \
                 `date YYYY-MM-DD` first line, a `date:` in the front matter, or pass --date",
                self.file
                    .as_ref()
                    .map_or_else(|| "the config".to_string(), |p| p.display().to_string())
            )),
        }
    }

    /// Drops the findings of rules the config turns off and applies its severity overrides,
    /// to findings and to unused suppressions. A run does [`Config::drop_turned_off`], then
    /// the suppression comments (so a comment silencing a rule the config turns off is
    /// reported as unused), then [`Config::apply_severities`].
    pub fn apply(&self, report: &mut FileReport) {
        self.drop_turned_off(report);
        self.apply_severities(report);
    }

    /// Drops the findings of rules the config turns off.
    pub fn drop_turned_off(&self, report: &mut FileReport) {
        report.findings.retain(|f| self.reports_rule(&f.rule));
    }

    /// Applies the severity overrides to findings and unused suppressions, and drops unused
    /// suppressions when the config turns `unused-suppression` off.
    pub fn apply_severities(&self, report: &mut FileReport) {
        for finding in &mut report.findings {
            finding.severity = self.severity_of(&finding.rule, finding.severity);
        }
        if !self.reports_rule(UNUSED_SUPPRESSION) {
            report.unused_suppressions.clear();
        }
        for unused in &mut report.unused_suppressions {
            unused.severity = self.severity_of(UNUSED_SUPPRESSION, unused.severity);
        }
    }

    /// The severity unused suppressions are reported at.
    pub fn unused_suppression_severity(&self) -> Severity {
        self.severity_of(UNUSED_SUPPRESSION, Severity::Warning)
    }

    /// The effective settings as TOML (what `stet config` prints), with where they came from.
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct Effective<'a> {
            fail_on: &'static str,
            data: EffectiveData,
            files: EffectiveFiles<'a>,
            story: EffectiveStory,
            rules: EffectiveRules,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct EffectiveData {
            claims: Vec<String>,
            rules: Vec<String>,
            no_default_data: bool,
            no_default_rules: bool,
        }
        #[derive(Serialize)]
        struct EffectiveFiles<'a> {
            exclude: &'a [String],
        }
        #[derive(Serialize)]
        struct EffectiveStory {
            date: DatePolicy,
        }
        #[derive(Serialize)]
        struct EffectiveRules {
            #[serde(skip_serializing_if = "Option::is_none")]
            select: Option<Vec<String>>,
            ignore: Vec<String>,
            severity: BTreeMap<String, &'static str>,
        }
        let paths = |v: &[PathBuf]| v.iter().map(|p| p.display().to_string()).collect();
        let effective = Effective {
            fail_on: self.fail_on.as_str(),
            data: EffectiveData {
                claims: paths(&self.claims),
                rules: paths(&self.rules),
                no_default_data: self.no_default_data,
                no_default_rules: self.no_default_rules,
            },
            files: EffectiveFiles {
                exclude: &self.exclude,
            },
            story: EffectiveStory {
                date: self.date_policy,
            },
            rules: EffectiveRules {
                select: self
                    .select
                    .as_ref()
                    .map(|ids| ids.iter().map(|r| r.id.clone()).collect()),
                ignore: self.ignore.iter().map(|r| r.id.clone()).collect(),
                severity: self
                    .severity
                    .iter()
                    .map(|(id, (s, _))| (id.clone(), s.as_str()))
                    .collect(),
            },
        };
        let origin = match &self.file {
            Some(path) => format!(
                "# from {}, with the command line's options\n",
                path.display()
            ),
            None => "# no stet.toml found: defaults, with the command line's options\n".into(),
        };
        let body = toml::to_string(&effective).unwrap_or_else(|e| format!("# cannot print: {e}\n"));
        origin + &body
    }
}

fn one_error(file: &str, message: String) -> DataErrors {
    DataErrors(vec![DataError {
        file: file.to_string(),
        line: 1,
        column: 1,
        message,
    }])
}

/// `path` made absolute against the working directory, without touching the file system for
/// anything else (a missing file is still a path).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The nearest `stet.toml` at or above `folder`.
pub fn find(folder: &Path) -> Option<PathBuf> {
    let start = absolute(folder);
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests;
