//! Runs `stet check` with the shipped data over the Reuters-21578 corpus and prints the
//! evaluation in Markdown: claims found by kind, verdicts by rule, and every contradiction with
//! its sentence, for an editor to mark as a true error or a false alarm (docs/evaluation.md).
//!
//!     cargo run --release --example reuters -- ../shared/data/corpora/reuters21578
//!
//! Each `<REUTERS>` record with a title or body is one story, dated by its `<DATE>`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use stet::Checker;
use stet::check::Verdict;
use stet::document::Document;

struct Story {
    id: String,
    file: String,
    date: Option<chrono::NaiveDate>,
    text: String,
}

/// The text between `<tag>` and `</tag>` (attributes allowed on the opening tag).
fn element<'a>(record: &'a str, tag: &str) -> Option<&'a str> {
    let open = record.find(&format!("<{tag}"))?;
    let start = open + record[open..].find('>')? + 1;
    let end = start + record[start..].find(&format!("</{tag}>"))?;
    Some(&record[start..end])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#3;", "")
        .replace("&amp;", "&")
}

/// "26-FEB-1987 15:01:01.79" -> 1987-02-26.
fn story_date(text: &str) -> Option<chrono::NaiveDate> {
    let day = text.split_whitespace().next()?;
    chrono::NaiveDate::parse_from_str(&day.to_lowercase(), "%d-%b-%Y").ok()
}

fn stories(dir: &Path) -> std::io::Result<Vec<Story>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        // The corpus is Latin-1 with stray control bytes: each byte is its own character.
        let text: String = std::fs::read(&path)?.iter().map(|&b| b as char).collect();
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for record in text.split("<REUTERS").skip(1) {
            let id = record
                .split("NEWID=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("?")
                .to_string();
            let title = element(record, "TITLE").map(unescape).unwrap_or_default();
            let body = element(record, "BODY").map(unescape).unwrap_or_default();
            if title.trim().is_empty() && body.trim().is_empty() {
                continue;
            }
            out.push(Story {
                id,
                file: file.clone(),
                date: element(record, "DATE").and_then(story_date),
                text: format!("{}\n\n{}", title.trim(), body.trim_end()),
            });
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: reuters <folder of reut2-*.sgm files>");
        return ExitCode::from(2);
    };
    let stories = match stories(&dir) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            eprintln!("{}: no reut2-*.sgm stories found", dir.display());
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let checker = match Checker::builtin() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut claims_by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut verdicts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut contradictions = Vec::new();
    let mut bytes = 0;
    for story in &stories {
        bytes += story.text.len();
        let name = format!("{} NEWID={}", story.file, story.id);
        let doc = Document::from_text(&name, &story.text, story.date);
        let claims = checker.extract(&doc);
        for c in &claims {
            *claims_by_kind.entry(format!("{:?}", c.kind)).or_default() += 1;
        }
        let findings = stet::check::check(&doc, &checker.reference, &checker.rules, &claims);
        for f in findings {
            let slot = match f.verdict {
                Verdict::Supported => 0,
                Verdict::Contradicted => 1,
                Verdict::Unverifiable => 2,
            };
            verdicts.entry(f.rule.clone()).or_default()[slot] += 1;
            if f.verdict == Verdict::Contradicted {
                let sentence = doc.text[..f.span.start]
                    .rfind(['.', '\n'])
                    .map_or(0, |i| i + 1);
                let end = doc.text[f.span.end..]
                    .find(['.', '\n'])
                    .map_or(doc.text.len(), |i| f.span.end + i + 1);
                let context = doc.text[sentence..end]
                    .split_whitespace()
                    .collect::<Vec<_>>();
                contradictions.push((name.clone(), story.date, f, context.join(" ")));
            }
        }
    }
    let elapsed = started.elapsed();

    println!("## Run\n");
    println!(
        "{} stories ({:.1} MB of text) from {}, checked in {:.2} s with the shipped data and rules.\n",
        stories.len(),
        bytes as f64 / 1e6,
        dir.display(),
        elapsed.as_secs_f64()
    );
    println!("## Claims found, by kind\n");
    println!("| kind | claims |\n| --- | ---: |");
    for (kind, n) in &claims_by_kind {
        println!("| {kind} | {n} |");
    }
    println!(
        "| **all** | **{}** |\n",
        claims_by_kind.values().sum::<usize>()
    );
    println!("## Findings, by rule\n");
    println!("| rule | supported | contradicted | unverifiable |\n| --- | ---: | ---: | ---: |");
    let mut total = [0; 3];
    for (rule, [s, c, u]) in &verdicts {
        println!("| {rule} | {s} | {c} | {u} |");
        total[0] += s;
        total[1] += c;
        total[2] += u;
    }
    println!(
        "| **all** | **{}** | **{}** | **{}** |\n",
        total[0], total[1], total[2]
    );
    println!("## Contradictions\n");
    for (name, date, f, context) in &contradictions {
        let date = date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".into());
        println!(
            "- {name} ({date}), `{}`: {}  \n  > {context}",
            f.rule,
            f.message.replace('\n', " ")
        );
    }
    ExitCode::SUCCESS
}
