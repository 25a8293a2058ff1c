//! Command-line interface: argument parsing and printing only; the library does the work.

mod timeml;

use crate::check::finding::Severity;
use crate::checker::{Checker, DataOptions, read_document};
use crate::document::DocumentOptions;
use crate::report::{self, FileOutcome, HumanOptions, OutputFormat, RenderOptions, Summary};
use crate::run::{Run, RunError, RunOptions};
use crate::workspace::ConfigChoice;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// stet: checks the statements of a story against reference data, so an editor knows which
/// can stand.
#[derive(Debug, Parser)]
#[command(name = "stet", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check stories: report supported, contradicted and unverifiable claims.
    Check(CheckArgs),
    /// Print the claims found in a story, one JSON object per line.
    Extract(ExtractArgs),
    /// List the loaded rules.
    Rules(DataArgs),
    /// Work with reference data: import public data sets as claims TOML.
    #[command(subcommand)]
    Claims(ClaimsCommand),
    /// Print the effective settings (stet.toml, defaults and options) for a story or folder.
    Config(ConfigCommandArgs),
    /// Run a Language Server over stdio: diagnostics as you type, hover evidence, fixes.
    Lsp(LspArgs),
    /// Tag TimeML files with stet's TIMEX3 tagger and score them as TempEval-3 does.
    #[command(subcommand)]
    Timeml(timeml::TimemlCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum ClaimsCommand {
    /// Convert a public data set into claims TOML (a source on every statement).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The input's format.
    #[arg(value_enum)]
    pub format: crate::import::Format,
    /// Input files, imported together (records of one person in several files are merged).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Write the TOML here (atomically) instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the good records even when some are malformed (each is still reported).
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(Debug, Args)]
pub struct DataArgs {
    /// A folder of extra reference data (*.toml statements); may be repeated.
    #[arg(long = "claims", value_name = "DIR")]
    pub claims: Vec<PathBuf>,
    /// A folder of extra rules (*.toml); may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Leave out the reference data shipped in the binary (use only --claims folders; the
    /// shipped property declarations stay).
    #[arg(long)]
    pub no_default_data: bool,
    /// Leave out the rules shipped in the binary (use only --rules folders).
    #[arg(long)]
    pub no_default_rules: bool,
    /// Do not read or write the reference cache (kept in $STET_CACHE_DIR, else
    /// $XDG_CACHE_HOME/stet or ~/.cache/stet), which lets the same claims files load without
    /// being parsed again.
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct StoryArgs {
    /// The story date (YYYY-MM-DD), the anchor for "on Saturday" or "last year"; overrides any
    /// date found in the file.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Files larger than this many bytes are reported as errors.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_bytes: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `fail-on` on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

/// Where the settings come from (shared by `check` and `config`).
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this stet.toml for every story instead of the nearest one above each.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no stet.toml: defaults and the command line only.
    #[arg(long)]
    pub no_config: bool,
    /// The severity of contradiction that fails the run (exit code 1), over the config's
    /// `fail-on`.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Story files (plain text, Markdown, HTML) and folders to look for them in.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub story: StoryArgs,
    #[command(flatten)]
    pub settings: ConfigArgs,
    /// Apply the config's excludes to files named on the command line too (for pre-commit
    /// hooks, which name every changed file).
    #[arg(long)]
    pub force_exclude: bool,
    /// Report only findings on lines added or changed since this git revision.
    #[arg(long, value_name = "REV")]
    pub diff_base: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Print a unified diff of the suggested corrections instead of the report.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Apply the suggested corrections to the files, in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, include corrections that need an editor's review.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Also list supported and unverifiable claims, not only contradictions.
    #[arg(short, long)]
    pub verbose: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Check this many files at once (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// Never show a progress bar (it is only shown on a terminal, outside CI, for long runs).
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Use this stet.toml for every document instead of the nearest one above each.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no stet.toml: defaults and the command line only.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct ConfigCommandArgs {
    /// The story or folder whose settings to print (default: the current folder).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub settings: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// A story file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub story: StoryArgs,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}

impl DataArgs {
    fn options(&self) -> DataOptions {
        DataOptions {
            claims: self.claims.clone(),
            rules: self.rules.clone(),
            no_default_data: self.no_default_data,
            no_default_rules: self.no_default_rules,
            cache_dir: if self.no_cache {
                None
            } else {
                crate::reference::cache::default_dir()
            },
        }
    }
}

impl StoryArgs {
    fn options(&self) -> DocumentOptions {
        DocumentOptions {
            date: self.date,
            max_bytes: self.max_bytes,
            format: None,
        }
    }
}

const EXIT_CONTRADICTED: u8 = 1;
const EXIT_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; usage errors exit 2.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_ERROR)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Extract(args) => extract(&args),
        Command::Rules(args) => rules(&args),
        Command::Claims(ClaimsCommand::Import(args)) => import(&args),
        Command::Config(args) => config(&args),
        Command::Lsp(args) => lsp(&args),
        Command::Timeml(command) => timeml::run(&command),
    }
}

/// The checker for this run, never freed: the process ends when the command does, and
/// freeing a large reference's millions of allocations one by one takes longer than the OS
/// reclaiming the memory at exit.
fn load(data: &DataArgs) -> Result<&'static Checker, ExitCode> {
    load_data(&data.options()).map(|c| &*Box::leak(Box::new(c)))
}

/// The checker of `data`; its problems are printed.
fn load_data(data: &DataOptions) -> Result<Checker, ExitCode> {
    Checker::load(data).map_err(|errors| {
        for e in &errors.0 {
            eprintln!("error: {e}");
        }
        eprintln!(
            "error: the reference data or rules have {} problem(s); nothing was checked",
            errors.0.len()
        );
        ExitCode::from(EXIT_ERROR)
    })
}

/// Where settings come from, given `--config FILE` and `--no-config`.
fn config_choice(config: Option<&PathBuf>, no_config: bool) -> ConfigChoice {
    match (config, no_config) {
        (Some(file), _) => ConfigChoice::File(file.clone()),
        (None, true) => ConfigChoice::Defaults,
        (None, false) => ConfigChoice::Nearest,
    }
}

impl ConfigArgs {
    fn choice(&self) -> ConfigChoice {
        config_choice(self.config.as_ref(), self.no_config)
    }

    fn fail_on(&self) -> Option<Severity> {
        self.fail_on.map(|f| match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        })
    }
}

fn run_options(
    paths: Vec<PathBuf>,
    data: &DataArgs,
    settings: &ConfigArgs,
    story: Option<&StoryArgs>,
) -> RunOptions {
    RunOptions {
        paths,
        config: settings.choice(),
        force_exclude: false,
        data: data.options(),
        fail_on: settings.fail_on(),
        document: story.map_or_else(DocumentOptions::default, StoryArgs::options),
        diff_base: None,
        today: chrono::Local::now().date_naive(),
    }
}

fn report_run_error(error: &RunError) -> ExitCode {
    match error {
        RunError::Data(errors) => {
            for e in &errors.0 {
                eprintln!("error: {e}");
            }
            eprintln!(
                "error: the settings, reference data or rules have {} problem(s); nothing was checked",
                errors.0.len()
            );
        }
        RunError::Other(e) => eprintln!("error: {e}"),
    }
    ExitCode::from(EXIT_ERROR)
}

/// The progress bar: on a terminal, outside CI, for runs of many files; hidden otherwise.
fn progress_bar(files: usize, disabled: bool) -> indicatif::ProgressBar {
    let interactive = std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb");
    if disabled || !interactive || files < 50 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checking {pos}/{len} files [{bar:30}] {per_sec} {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn check(args: &CheckArgs) -> ExitCode {
    if let Some(threads) = args.threads {
        // Fails only if the pool was already built, which nothing before this does.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global();
    }
    let mut options = run_options(
        args.paths.clone(),
        &args.data,
        &args.settings,
        Some(&args.story),
    );
    options.force_exclude = args.force_exclude;
    options.diff_base = args.diff_base.clone();
    let run = match Run::prepare(&options) {
        Ok(run) => run,
        Err(e) => return report_run_error(&e),
    };
    // The run is not freed: the process ends with the command, and freeing a large
    // reference's millions of allocations takes longer than the OS reclaiming them.
    let run: &'static Run = Box::leak(Box::new(run));

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let render_options = RenderOptions {
        human: HumanOptions {
            color,
            show_supported: args.verbose,
            show_unverifiable: args.verbose,
        },
        verbose: args.verbose,
        rules: run
            .checker(0)
            .map(|c| {
                c.rules
                    .rules
                    .iter()
                    .map(|r| report::RuleInfo {
                        id: r.id.clone(),
                        description: r.description.clone(),
                        severity: r.severity,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        ..RenderOptions::default()
    };
    let mut renderer = report::renderer(args.format, &render_options);
    let editing = args.diff || args.fix;
    let stdout = std::io::stdout();
    // Reports piped or redirected are written a block at a time, not a line at a time (a
    // line-buffered stdout made two write calls per file). A terminal still sees each file's
    // report as it comes, and `--diff`/`--fix` output stays in step with their messages on
    // stderr.
    let mut out: Box<dyn Write> = if !editing && !stdout.is_terminal() {
        Box::new(std::io::BufWriter::with_capacity(64 * 1024, stdout.lock()))
    } else {
        Box::new(stdout.lock())
    };
    let bar = progress_bar(run.workspace.targets.len(), args.no_progress);
    let mut summary = Summary::default();
    let mut failed_write = false;
    let mut fails = false;
    if !editing {
        failed_write |= renderer.begin(&mut out).is_err();
    }
    let result = run.check_all(|target, outcome| -> Result<(), std::io::Error> {
        summary.add(&outcome);
        fails |= run.fails(target, &outcome);
        bar.inc(1);
        bar.suspend(|| {
            if editing {
                failed_write |= edit(&mut out, &outcome, args);
                Ok(())
            } else {
                renderer.file(&mut out, &outcome)
            }
        })
    });
    bar.finish_and_clear();
    failed_write |= result.is_err();
    if !editing {
        failed_write |= renderer.finish(&mut out, &summary).is_err();
    }
    // Buffered output is only written here, so a failure to write it is a failed write.
    failed_write |= out.flush().is_err();
    if failed_write || summary.failed > 0 {
        return ExitCode::from(EXIT_ERROR);
    }
    if fails {
        return ExitCode::from(EXIT_CONTRADICTED);
    }
    ExitCode::SUCCESS
}

/// `--diff` prints the file's corrections; `--fix` writes them. True when writing failed.
fn edit(out: &mut dyn Write, outcome: &FileOutcome, args: &CheckArgs) -> bool {
    let file = match outcome {
        FileOutcome::Checked(file) => file,
        FileOutcome::Failed { name, error } => {
            eprintln!("error: {name}: {error}");
            return false;
        }
    };
    if args.diff {
        return report::diff::unified_diff(file, args.unsafe_fixes)
            .is_some_and(|diff| out.write_all(diff.as_bytes()).is_err());
    }
    let result = report::diff::apply(file, args.unsafe_fixes);
    for skipped in &result.skipped {
        eprintln!("not applied: {}: {skipped}", file.document.name);
    }
    if result.applied == 0 {
        return false;
    }
    let path = std::path::Path::new(&file.document.name);
    match report::fix::write_atomically(path, &result.new_source) {
        Ok(()) => {
            eprintln!(
                "fixed {} claim(s) in {}",
                result.applied, file.document.name
            );
            false
        }
        Err(e) => {
            eprintln!(
                "error: {}: could not write the fixes: {e}",
                file.document.name
            );
            true
        }
    }
}

fn config(args: &ConfigCommandArgs) -> ExitCode {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let is_dir = path.is_dir();
    let config = match args.settings.choice() {
        ConfigChoice::Defaults => Ok(crate::config::Config::default()),
        ConfigChoice::File(file) => crate::config::Config::load(&file),
        ConfigChoice::Nearest => {
            let folder = if is_dir {
                path.clone()
            } else {
                crate::config::absolute(&path)
                    .parent()
                    .map(std::path::Path::to_path_buf)
                    .unwrap_or_default()
            };
            match crate::config::find(&folder) {
                Some(file) => crate::config::Config::load(&file),
                None => Ok(crate::config::Config::default()),
            }
        }
    };
    let mut config = match config {
        Ok(c) => c,
        Err(e) => return report_run_error(&RunError::Data(e)),
    };
    let options = run_options(Vec::new(), &args.data, &args.settings, None);
    crate::run::adjust(&mut config, &options);
    // The rule ids are checked against the rules the config loads, as a run would.
    let checker = match Checker::load(&crate::run::data_options(
        &config,
        options.data.cache_dir.clone(),
    )) {
        Ok(c) => c,
        Err(e) => return report_run_error(&RunError::Data(e)),
    };
    if let Err(e) = crate::run::check_rule_ids(&config, &checker) {
        return report_run_error(&RunError::Data(e));
    }
    print!("{}", config.to_toml());
    std::mem::forget(checker);
    ExitCode::SUCCESS
}

fn extract(args: &ExtractArgs) -> ExitCode {
    let checker = match load(&args.data) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let document = match read_document(&args.file, &args.story.options()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {}: {e}", args.file.display());
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let claims = checker.extract(&document);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if report::claims::render(&mut out, &document, &claims, &checker.reference).is_err() {
        return ExitCode::from(EXIT_ERROR);
    }
    ExitCode::SUCCESS
}

fn rules(args: &DataArgs) -> ExitCode {
    let checker = match load(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    for rule in &checker.rules.rules {
        println!(
            "{:<20} {:<11} {:<8} {}",
            rule.id,
            rule.assertion.as_str(),
            rule.severity.as_str(),
            rule.description
        );
    }
    ExitCode::SUCCESS
}

fn lsp(args: &LspArgs) -> ExitCode {
    let data = args.data.options();
    // The command line's data set is loaded before serving: its problems stop the server at
    // once, and the first story opened (usually governed by a config without `[data]`, so by
    // this data set) is checked without waiting for a load.
    let checker = match load_data(&data) {
        Ok(c) => std::sync::Arc::new(c),
        Err(code) => return code,
    };
    let options = RunOptions {
        paths: Vec::new(),
        config: config_choice(args.config.as_ref(), args.no_config),
        force_exclude: false,
        data: data.clone(),
        fail_on: None,
        document: DocumentOptions::default(),
        diff_base: None,
        today: chrono::Local::now().date_naive(),
    };
    let configs =
        crate::lsp::configs::Configs::new(options, crate::run::Checkers::with(data, checker));
    match crate::lsp::serve_stdio(configs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            // The protocol's own contract ("exit": 0 after shutdown, otherwise 1), which
            // clients and their supervisors read, not `stet check`'s.
            ExitCode::from(1)
        }
    }
}

fn import(args: &ImportArgs) -> ExitCode {
    let result = crate::import::import_files(args.format, &args.inputs);
    for e in &result.errors {
        eprintln!("error: {e}");
    }
    if !result.errors.is_empty() && !args.skip_invalid {
        eprintln!(
            "error: {} malformed record(s); nothing was written (--skip-invalid writes the rest)",
            result.errors.len()
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let header = crate::import::header(args.format, &args.inputs);
    let text = crate::import::to_toml(&header, &result.entities);
    let statements: usize = result.entities.iter().map(|e| e.statements.len()).sum();
    let written = match &args.output {
        Some(path) => report::fix::write_atomically(path, &text)
            .map_err(|e| format!("{}: could not write: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| format!("could not write to standard output: {e}")),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(EXIT_ERROR);
    }
    eprintln!(
        "imported {} entities, {statements} statements{}",
        result.entities.len(),
        args.output
            .as_ref()
            .map(|p| format!(" into {}", p.display()))
            .unwrap_or_default()
    );
    if result.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERROR)
    }
}
