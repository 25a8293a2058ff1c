//! `stet timeml`: tag TimeML files with stet's TIMEX3 tagger, score a tagging against gold
//! (TempEval-3's strict, relaxed, value and type measures), or both at once.

use super::EXIT_ERROR;
use crate::timeml::scorer::{Counts, Prf, ScoringError};
use crate::timeml::{self, ScoredDocument, Scores, TimemlDocument};
use crate::timex::Timex;
use clap::{Args, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum TimemlCommand {
    /// Tag TimeML files: strip the tags of <TEXT>, tag it with stet's TIMEX3 and write each file
    /// to the output folder (same name), its <TEXT> byte-identical apart from the tags.
    Tag(TagArgs),
    /// Score system TimeML files against gold ones (paired by file name): strict and relaxed
    /// span, value and type precision/recall/F1, as TempEval-3 defines them.
    Score(ScoreArgs),
    /// Tag gold TimeML files in memory and score the tagging against their own gold.
    Eval(EvalArgs),
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// TimeML files, or folders searched for *.tml.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the tagged files to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// List every error (missed, spurious, wrong extent, wrong value, wrong type).
    #[arg(long)]
    pub errors: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Gold TimeML files, or folders searched for *.tml.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE|DIR")]
    pub gold: Vec<PathBuf>,
    /// System TimeML files, or folders searched for *.tml; one for each gold file, by name.
    #[arg(long, required = true, num_args = 1.., value_name = "FILE|DIR")]
    pub system: Vec<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Gold TimeML files, or folders searched for *.tml.
    #[arg(required = true, value_name = "FILE|DIR")]
    pub gold: Vec<PathBuf>,
    /// Also write the tagged files to this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Tables for people.
    Table,
    /// One JSON object.
    Json,
}

pub fn run(command: &TimemlCommand) -> ExitCode {
    let result = match command {
        TimemlCommand::Tag(args) => tag(args),
        TimemlCommand::Score(args) => score(args),
        TimemlCommand::Eval(args) => eval(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Reads every file; all the errors, not just the first.
fn read_all(files: &[PathBuf]) -> Result<Vec<TimemlDocument>, Vec<String>> {
    let read: Vec<_> = files.par_iter().map(|f| timeml::read_file(f)).collect();
    let errors: Vec<String> = read
        .iter()
        .filter_map(|r| r.as_ref().err().map(ToString::to_string))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(read.into_iter().flatten().collect())
}

fn documents(paths: &[PathBuf]) -> Result<Vec<TimemlDocument>, Vec<String>> {
    let files = timeml::tml_files(paths).map_err(|e| vec![e])?;
    if files.is_empty() {
        return Err(vec![format!(
            "no .tml files in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )]);
    }
    read_all(&files)
}

/// The file name a document is written under and paired by.
fn file_name(doc: &TimemlDocument) -> String {
    doc.path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Documents by file name; two with the same name are an error.
fn by_name(docs: &[TimemlDocument]) -> Result<BTreeMap<String, &TimemlDocument>, Vec<String>> {
    let mut names = BTreeMap::new();
    let mut errors = Vec::new();
    for doc in docs {
        if let Some(other) = names.insert(file_name(doc), doc) {
            errors.push(format!(
                "{} and {} have the same file name",
                other.path.display(),
                doc.path.display()
            ));
        }
    }
    if errors.is_empty() {
        Ok(names)
    } else {
        Err(errors)
    }
}

fn write_tagged(
    out: &Path,
    docs: &[TimemlDocument],
    tags: &[Vec<Timex>],
) -> Result<(), Vec<String>> {
    by_name(docs)?;
    std::fs::create_dir_all(out)
        .map_err(|e| vec![format!("{}: cannot be created: {e}", out.display())])?;
    let errors: Vec<String> = docs
        .par_iter()
        .zip(tags)
        .filter_map(|(doc, timexes)| {
            let path = out.join(file_name(doc));
            let written = timeml::write_tagged(doc, timexes)
                .map_err(|e| e.to_string())
                .and_then(|text| {
                    timeml::writer::write_file(&path, &text)
                        .map_err(|e| format!("{}: cannot be written: {e}", path.display()))
                });
            written.err()
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn tag(args: &TagArgs) -> Result<(), Vec<String>> {
    let docs = documents(&args.inputs)?;
    let tags: Vec<Vec<Timex>> = docs.par_iter().map(timeml::tag_document).collect();
    write_tagged(&args.out, &docs, &tags)?;
    let found: usize = tags.iter().map(Vec::len).sum();
    eprintln!(
        "tagged {} files ({found} TIMEX3) into {}",
        docs.len(),
        args.out.display()
    );
    Ok(())
}

fn score(args: &ScoreArgs) -> Result<(), Vec<String>> {
    let gold = documents(&args.gold)?;
    let system = documents(&args.system)?;
    let system_by_name = by_name(&system)?;
    by_name(&gold)?;
    let mut errors = Vec::new();
    let mut pairs = Vec::new();
    for g in &gold {
        match system_by_name.get(&file_name(g)) {
            None => errors.push(format!("{}: no system file of that name", g.path.display())),
            Some(s) if s.text != g.text => errors.push(format!(
                "{}: its text differs from the gold's ({}) at byte {} of <TEXT> without tags: \
                 a system file may only add or remove tags",
                s.path.display(),
                g.path.display(),
                first_difference(&s.text, &g.text)
            )),
            Some(s) => pairs.push((g, *s)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let scores = timeml::score(pairs.iter().map(|(g, s)| ScoredDocument {
        doc_id: &g.doc_id,
        text: &g.text,
        gold: &g.timexes,
        system: &s.timexes,
    }));
    report(&scores, &args.report)
}

fn first_difference(a: &str, b: &str) -> usize {
    a.bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

fn eval(args: &EvalArgs) -> Result<(), Vec<String>> {
    let gold = documents(&args.gold)?;
    by_name(&gold)?;
    let tags: Vec<Vec<Timex>> = gold.par_iter().map(timeml::tag_document).collect();
    if let Some(out) = &args.out {
        write_tagged(out, &gold, &tags)?;
    }
    let scores = timeml::score(gold.iter().zip(&tags).map(|(g, s)| ScoredDocument {
        doc_id: &g.doc_id,
        text: &g.text,
        gold: &g.timexes,
        system: s,
    }));
    report(&scores, &args.report)
}

fn report(scores: &Scores, args: &ReportArgs) -> Result<(), Vec<String>> {
    let text = match args.format {
        ScoreFormat::Table => render_table(scores, args.errors),
        ScoreFormat::Json => render_json(scores, args.errors),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|e| vec![format!("could not write to standard output: {e}")])
}

fn percent(x: f64) -> String {
    format!("{:.2}", x * 100.0)
}

fn prf_cells(prf: Prf) -> String {
    format!(
        "{:>7} {:>7} {:>7}",
        percent(prf.precision),
        percent(prf.recall),
        percent(prf.f1)
    )
}

/// The tables (and error list): a people's report.
pub fn render_table(scores: &Scores, errors: bool) -> String {
    let o = &scores.overall;
    let mut out = format!(
        "TIMEX3 in {} documents: {} gold, {} system expressions, {} relaxed matches\n\n",
        scores.documents, o.gold.total, o.system.total, o.gold.relaxed
    );
    out.push_str(&format!("{:<10} {:>7} {:>7} {:>7}\n", "", "P", "R", "F1"));
    for (name, prf) in [
        ("strict", o.strict()),
        ("relaxed", o.relaxed()),
        ("value", o.value()),
        ("type", o.kind()),
    ] {
        out.push_str(&format!("{name:<10} {}\n", prf_cells(prf)));
    }
    out.push_str(&format!(
        "\n{:<10} {:>6} {:>6} {:>10} {:>10} {:>10} {:>10}\n",
        "by type", "gold", "system", "strict F1", "relaxed F1", "value F1", "type F1"
    ));
    for (kind, c) in scores.types() {
        out.push_str(&format!(
            "{:<10} {:>6} {:>6} {:>10} {:>10} {:>10} {:>10}\n",
            kind.as_str(),
            c.gold.total,
            c.system.total,
            percent(c.strict().f1),
            percent(c.relaxed().f1),
            percent(c.value().f1),
            percent(c.kind().f1)
        ));
    }
    out.push_str(
        "\n(per type: recall over the gold of that type, precision over the system expressions \
         of that type)\n",
    );
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &scores.errors {
        *tally.entry(e.kind.as_str()).or_default() += 1;
    }
    if !tally.is_empty() {
        let list: Vec<String> = tally.iter().map(|(k, n)| format!("{n} {k}")).collect();
        out.push_str(&format!("errors: {}\n", list.join(", ")));
    }
    if errors {
        out.push('\n');
        for e in &scores.errors {
            out.push_str(&render_error(e));
            out.push('\n');
        }
    }
    out
}

fn render_error(e: &ScoringError) -> String {
    let side = |x: &Option<crate::timeml::scorer::Expression>| match x {
        Some(x) => format!(
            "{:?} {} {} @{}..{}",
            x.text, x.kind, x.value, x.span.start, x.span.end
        ),
        None => "-".to_string(),
    };
    format!(
        "{}\t{}\tgold: {}\tsystem: {}",
        e.doc_id,
        e.kind.as_str(),
        side(&e.gold),
        side(&e.system)
    )
}

fn json_counts(c: &Counts) -> serde_json::Value {
    serde_json::json!({
        "gold": c.gold,
        "system": c.system,
        "strict": c.strict(),
        "relaxed": c.relaxed(),
        "value": c.value(),
        "type": c.kind(),
    })
}

/// One JSON object: counts and P/R/F1 overall and per type, and the errors if asked for.
pub fn render_json(scores: &Scores, errors: bool) -> String {
    let by_type: serde_json::Map<String, serde_json::Value> = scores
        .types()
        .map(|(k, c)| (k.as_str().to_string(), json_counts(c)))
        .collect();
    let mut value = serde_json::json!({
        "documents": scores.documents,
        "overall": json_counts(&scores.overall),
        "by_type": by_type,
    });
    if errors && let Some(object) = value.as_object_mut() {
        object.insert(
            "errors".into(),
            serde_json::to_value(&scores.errors).unwrap_or_default(),
        );
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
