//! Command-line interface: argument parsing and printing only; the library does the work.

use crate::checker::{Checker, DataOptions, read_document};
use crate::document::DocumentOptions;
use crate::report::{self, FileOutcome, HumanOptions, Summary};
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
    /// Run a Language Server over stdio: diagnostics as you type, hover evidence, fixes.
    Lsp(DataArgs),
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
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Story files: plain text, Markdown (.md) or HTML (.html).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub story: StoryArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
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
        Command::Lsp(args) => lsp(&args),
    }
}

/// The checker for this run, never freed: the process ends when the command does, and
/// freeing a large reference's millions of allocations one by one takes longer than the OS
/// reclaiming the memory at exit.
fn load(data: &DataArgs) -> Result<&'static Checker, ExitCode> {
    Checker::load(&data.options())
        .map(|c| &*Box::leak(Box::new(c)))
        .map_err(|errors| {
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

fn check(args: &CheckArgs) -> ExitCode {
    let checker = match load(&args.data) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let options = args.story.options();
    // Files are checked on all cores; collecting keeps them in the order given.
    let outcomes: Vec<FileOutcome> = {
        use rayon::prelude::*;
        args.files
            .par_iter()
            .map(|path| checker.check_file(path, &options))
            .collect()
    };
    let summary = Summary::of(&outcomes);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed_write = false;

    if args.diff || args.fix {
        for outcome in &outcomes {
            match outcome {
                FileOutcome::Checked(file) if args.diff => {
                    if let Some(diff) = report::diff::unified_diff(file, args.unsafe_fixes) {
                        failed_write |= out.write_all(diff.as_bytes()).is_err();
                    }
                }
                FileOutcome::Checked(file) => {
                    let result = report::diff::apply(file, args.unsafe_fixes);
                    for skipped in &result.skipped {
                        eprintln!("not applied: {}: {skipped}", file.document.name);
                    }
                    if result.applied == 0 {
                        continue;
                    }
                    let path = std::path::Path::new(&file.document.name);
                    match report::fix::write_atomically(path, &result.new_source) {
                        Ok(()) => eprintln!(
                            "fixed {} claim(s) in {}",
                            result.applied, file.document.name
                        ),
                        Err(e) => {
                            eprintln!(
                                "error: {}: could not write the fixes: {e}",
                                file.document.name
                            );
                            failed_write = true;
                        }
                    }
                }
                FileOutcome::Failed { name, error } => eprintln!("error: {name}: {error}"),
            }
        }
    } else {
        let result = match args.format {
            Format::Json => report::json::render(&mut out, &outcomes, &summary),
            Format::Human => {
                let color = match args.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => {
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                    }
                };
                let options = HumanOptions {
                    color,
                    show_supported: args.verbose,
                    show_unverifiable: args.verbose,
                };
                report::human::render(&mut out, &outcomes, &options)
            }
        };
        failed_write |= result.is_err();
    }
    let _ = out.flush();
    if failed_write || summary.failed > 0 {
        return ExitCode::from(EXIT_ERROR);
    }
    if summary.errors > 0 {
        return ExitCode::from(EXIT_CONTRADICTED);
    }
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

fn lsp(args: &DataArgs) -> ExitCode {
    let checker = match load(args) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match crate::lsp::serve_stdio(checker) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_ERROR)
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
