//! A run of `stet check` over many files: each file's config, the reference and rules it
//! names (loaded once per distinct set), the per-file pipeline (read, date policy, check,
//! config, suppression comments, changed lines), and the files checked on all cores with the
//! outcomes handed back in order, a bounded window of them held at once, so memory stays flat
//! however many files there are.

use crate::changed::ChangedLines;
use crate::check::finding::{Severity, Verdict};
use crate::checker::{Checker, DataOptions, read_document};
use crate::config::Config;
use crate::document::{Document, DocumentOptions};
use crate::reference::DataErrors;
use crate::report::{FileOutcome, FileReport, UNUSED_SUPPRESSION, end_location};
use crate::workspace::{self, ConfigChoice, Target, Workspace};
use std::path::PathBuf;
use std::sync::Arc;

/// What the command line asks of a run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders.
    pub paths: Vec<PathBuf>,
    pub config: ConfigChoice,
    /// Apply the config's excludes to files named explicitly too.
    pub force_exclude: bool,
    /// The command line's data options, added to each config's.
    pub data: DataOptions,
    /// `--fail-on`, over each config's.
    pub fail_on: Option<Severity>,
    pub document: DocumentOptions,
    /// `--diff-base REV`: only findings on lines changed since REV.
    pub diff_base: Option<String>,
    /// The day of the run, for `[story] date = "today"`.
    pub today: chrono::NaiveDate,
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A config, the reference data or the rules have problems (each at its place).
    #[error("{0}")]
    Data(DataErrors),
    #[error("{0}")]
    Other(String),
}

/// A run, ready to check its files.
pub struct Run {
    pub workspace: Workspace,
    /// The checker of each config, by config index (shared where configs name the same data).
    checkers: Vec<Arc<Checker>>,
    changed: Option<ChangedLines>,
    document: DocumentOptions,
    today: chrono::NaiveDate,
}

impl Run {
    /// Finds the files and their configs, loads the data each needs, and checks that every
    /// rule id a config names exists.
    pub fn prepare(options: &RunOptions) -> Result<Run, RunError> {
        let adjust = |config: &mut Config| adjust(config, options);
        let cache_dir = options.data.cache_dir.clone();
        // The data the first path's config names is loaded while the folders are walked: the
        // two took about as long as each other, one after the other. Almost every run has one
        // config, so the guess is almost always used; a wrong one costs only the time it ran.
        let guess = workspace::first_config(&options.paths, &options.config, &adjust)
            .map(|config| data_options(&config, cache_dir.clone()));
        std::thread::scope(|scope| {
            let early = guess.map(|data| {
                let loading = scope.spawn({
                    let data = data.clone();
                    move || Checker::load(&data)
                });
                (data, loading)
            });
            let mut workspace = workspace::collect(
                &options.paths,
                &options.config,
                options.force_exclude,
                &adjust,
            )
            .map_err(RunError::Data)?;
            let changed = match &options.diff_base {
                Some(rev) => {
                    let changed = ChangedLines::since(rev, &repository_folder(&options.paths))
                        .map_err(RunError::Other)?;
                    // An unchanged file has no changed line to report on: it is not even read.
                    workspace
                        .targets
                        .retain(|t| t.problem.is_some() || changed.of(&t.path).is_some());
                    Some(changed)
                }
                None => None,
            };
            // A load that panicked is done again below, where its panic is the run's.
            let early = early.and_then(|(data, loading)| Some((data, loading.join().ok()?)));
            let checkers = load_checkers(&workspace.configs, cache_dir.clone(), early)?;
            Ok(Run {
                workspace,
                checkers,
                changed,
                document: options.document.clone(),
                today: options.today,
            })
        })
    }

    /// The checker used for files governed by config `index`.
    pub fn checker(&self, index: usize) -> Option<&Checker> {
        self.checkers.get(index).map(|c| &**c)
    }

    /// Reads and checks one file, with its config and suppression comments applied and, with
    /// `--diff-base`, only the findings on changed lines.
    pub fn check(&self, target: &Target) -> FileOutcome {
        let name = target.path.display().to_string();
        if let Some(problem) = &target.problem {
            return FileOutcome::Failed {
                name,
                error: problem.to_string(),
            };
        }
        let (Some(config), Some(checker)) = (
            self.workspace.configs.get(target.config),
            self.checkers.get(target.config),
        ) else {
            return FileOutcome::Failed {
                name,
                error: "internal error: no config for this file".into(),
            };
        };
        let document = match read_document(&target.path, &self.document) {
            Ok(d) => d,
            Err(error) => return FileOutcome::Failed { name, error },
        };
        let mut report = match check_document(checker, config, document, self.today) {
            Ok(report) => report,
            Err(error) => return FileOutcome::Failed { name, error },
        };
        if let Some(lines) = self.changed.as_ref().and_then(|c| c.of(&target.path)) {
            keep_changed(&mut report, lines);
        }
        FileOutcome::Checked(report)
    }

    /// Whether an outcome fails the run at its config's `fail-on` (a file that could not be
    /// checked is a different failure: exit code 2).
    pub fn fails(&self, target: &Target, outcome: &FileOutcome) -> bool {
        let FileOutcome::Checked(report) = outcome else {
            return false;
        };
        let fail_on = self
            .workspace
            .configs
            .get(target.config)
            .map_or(Severity::Error, |c| c.fail_on);
        report
            .findings
            .iter()
            .any(|f| f.verdict == Verdict::Contradicted && f.severity >= fail_on)
            || report
                .unused_suppressions
                .iter()
                .any(|u| u.severity >= fail_on)
    }

    /// Checks every file on all cores and hands each outcome to `each` in the files' order.
    /// Each core takes the next file as soon as it is done with one, and none runs more than
    /// a window of files ahead of the one `each` is given, so only that many documents are
    /// held at once however many files there are.
    pub fn check_all<E>(
        &self,
        each: impl FnMut(&Target, FileOutcome) -> Result<(), E>,
    ) -> Result<(), E> {
        let window = 64 * rayon::current_num_threads().max(1);
        crate::ordered::for_each_ordered(&self.workspace.targets, window, |t| self.check(t), each)
    }
}

/// The command line's options over a config's.
pub fn adjust(config: &mut Config, options: &RunOptions) {
    config.claims.extend(options.data.claims.iter().cloned());
    config.rules.extend(options.data.rules.iter().cloned());
    config.no_default_data |= options.data.no_default_data;
    config.no_default_rules |= options.data.no_default_rules;
    if let Some(fail_on) = options.fail_on {
        config.fail_on = fail_on;
    }
}

/// The data options a config asks for.
pub fn data_options(config: &Config, cache_dir: Option<PathBuf>) -> DataOptions {
    DataOptions {
        claims: config.claims.clone(),
        rules: config.rules.clone(),
        no_default_data: config.no_default_data,
        no_default_rules: config.no_default_rules,
        cache_dir,
    }
}

/// Checks a story as a run does, once it is read: the config's date policy (`Err` when the
/// story needs a date it lacks), the check, the findings of rules the config turns off
/// dropped, the suppression comments applied (after the drop, so a comment silencing a
/// turned-off rule is reported as unused), then the config's severities. `stet check` and
/// `stet lsp` both check through this, so a story gets the same findings in both.
pub fn check_document(
    checker: &Checker,
    config: &Config,
    mut document: Document,
    today: chrono::NaiveDate,
) -> Result<FileReport, String> {
    config.apply_date_policy(&mut document, today)?;
    let mut report = checker.check_document(document);
    config.drop_turned_off(&mut report);
    let known =
        |id: &str| id == UNUSED_SUPPRESSION || checker.rules.rules.iter().any(|r| r.id == id);
    crate::suppress::apply(&mut report, &known);
    config.apply_severities(&mut report);
    Ok(report)
}

/// Checkers by the data set they load, so configs that name the same data share one checker
/// and a data set is read once however many configs or checks use it.
#[derive(Default)]
pub struct Checkers {
    loaded: Vec<(DataOptions, Arc<Checker>)>,
}

impl Checkers {
    /// A cache already holding `checker`, loaded with `options`.
    pub fn with(options: DataOptions, checker: Arc<Checker>) -> Checkers {
        Checkers {
            loaded: vec![(options, checker)],
        }
    }

    /// The checker of the data set `options`, loaded the first time it is asked for.
    pub fn get(&mut self, options: &DataOptions) -> Result<Arc<Checker>, DataErrors> {
        if let Some((_, checker)) = self.loaded.iter().find(|(o, _)| o == options) {
            return Ok(checker.clone());
        }
        let checker = Arc::new(Checker::load(options)?);
        self.loaded.push((options.clone(), checker.clone()));
        Ok(checker)
    }
}

/// Checks that every rule id `config` names is one of `checker`'s rules.
pub fn check_rule_ids(config: &Config, checker: &Checker) -> Result<(), DataErrors> {
    let known = |id: &str| checker.rules.rules.iter().any(|r| r.id == id);
    config.check_rule_ids(&known)
}

/// One checker per distinct data set; every config's rule ids checked against its rules.
/// All problems are reported together.
///
/// `early` is a data set already loaded, with its outcome, used when a config names it: the
/// outcome, error or not, is the one loading it here would give.
fn load_checkers(
    configs: &[Arc<Config>],
    cache_dir: Option<PathBuf>,
    mut early: Option<(DataOptions, Result<Checker, DataErrors>)>,
) -> Result<Vec<Arc<Checker>>, RunError> {
    let mut loaded = Checkers::default();
    let mut checkers = Vec::with_capacity(configs.len());
    let mut errors = Vec::new();
    for config in configs {
        let data = data_options(config, cache_dir.clone());
        if early.as_ref().is_some_and(|(options, _)| *options == data)
            && let Some((options, outcome)) = early.take()
        {
            let checker = Arc::new(outcome.map_err(RunError::Data)?);
            loaded.loaded.push((options, checker));
        }
        let checker = loaded.get(&data).map_err(RunError::Data)?;
        if let Err(DataErrors(e)) = check_rule_ids(config, &checker) {
            errors.extend(e);
        }
        checkers.push(checker);
    }
    if errors.is_empty() {
        Ok(checkers)
    } else {
        Err(RunError::Data(DataErrors(errors)))
    }
}

/// Keeps the findings and unused suppressions that touch a changed line.
fn keep_changed(report: &mut FileReport, lines: &crate::changed::Lines) {
    let doc = &report.document;
    let mut kept = Vec::with_capacity(report.findings.len());
    for finding in report.findings.drain(..) {
        let first = doc.location(finding.span.start).line;
        let last = end_location(doc, &finding.span).line.max(first);
        if lines.touches(first..=last) {
            kept.push(finding);
        }
    }
    report.findings = kept;
    let doc = &report.document;
    report.unused_suppressions.retain(|u| {
        let first = doc.source_location(u.span.start).line;
        let last = doc.source_location(u.span.end).line.max(first);
        lines.touches(first..=last)
    });
}
/// The folder whose git repository `--diff-base` asks: the first path's (its own folder, or
/// a file's parent), so `stet check --diff-base main ~/paper/articles` works from anywhere;
/// the working directory when no path is given.
fn repository_folder(paths: &[PathBuf]) -> PathBuf {
    let Some(first) = paths.first() else {
        return PathBuf::from(".");
    };
    if first.is_dir() {
        return first.clone();
    }
    match first.parent() {
        Some(parent) if !parent.as_os_str().is_empty() && parent.is_dir() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
