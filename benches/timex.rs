//! TIMEX3 extraction throughput (issue: `stet timeml`, speed): stet's tagger against
//! established peers on the same text, in one run.
//!
//! ```sh
//! cargo bench --bench timex                      # stet, chrono-node and dateparser
//! cargo bench --bench timex -- --reps 9          # more repetitions (median reported)
//! cargo bench --bench timex -- --no-peers        # stet alone
//! cargo bench --bench timex -- --peer-reps 3     # peer repetitions (default: chrono-node 5,
//!                                                # dateparser 1, as it takes about a minute)
//! ```
//!
//! The text: the `<TEXT>` of every TempEval-3 development document (TimeBank + AQUAINT,
//! ../shared/data/tempeval3), tags stripped and entities decoded, as `stet timeml` gives it to
//! the tagger; each document is tagged against its own DCT. Skipped, with a message, when that
//! folder is absent.
//!
//! Each extractor is timed inside its own process over the whole text, several repetitions, and
//! the median repetition gives MB/s (10^6 bytes of UTF-8 text per second). Start-up (loading
//! node and chrono-node, importing dateparser and its language data) is measured apart and
//! reported, never counted in the throughput. The peers, installed on first use from their
//! registries into target/peers/ (never committed):
//! - chrono-node (npm), `chrono.parse(text, dct)`: benches/peers/chrono-node/, `npm install`;
//! - dateparser (PyPI), `search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct})`:
//!   benches/peers/dateparser/, `pip install` into a venv. Naming the language spares dateparser
//!   its language detection, so its number is its best case.
//!
//! A peer that cannot be installed or run is reported as such and the run goes on.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use stet::timeml;

/// The allocator the `stet` binary uses (src/main.rs), so the tagging measured is its tagging.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Corpus {
    documents: Vec<(String, chrono::NaiveDate)>,
    bytes: usize,
}

/// One extractor's measurement.
struct Measure {
    name: String,
    startup_seconds: Option<f64>,
    rep_seconds: Vec<f64>,
    found: usize,
}

impl Measure {
    fn median_seconds(&self) -> f64 {
        let mut sorted = self.rep_seconds.clone();
        sorted.sort_by(f64::total_cmp);
        sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
    }

    fn mb_per_second(&self, bytes: usize) -> f64 {
        bytes as f64 / 1e6 / self.median_seconds()
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let number = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(default)
            .max(1)
    };
    let reps = number("--reps", 7);
    // dateparser takes about a minute a repetition: one, unless asked for more.
    let peer_reps = |default: usize| number("--peer-reps", default);
    let no_peers = args.iter().any(|a| a == "--no-peers");

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data/tempeval3");
    if !data.is_dir() {
        println!(
            "timex bench skipped: {} is absent (the TempEval-3 development data)",
            data.display()
        );
        return;
    }
    let corpus = match load_corpus(&data) {
        Ok(c) => c,
        Err(e) => {
            println!("timex bench skipped: {e}");
            return;
        }
    };
    println!(
        "text: {} documents, {:.3} MB (the <TEXT> of TimeBank + AQUAINT, tags stripped)",
        corpus.documents.len(),
        corpus.bytes as f64 / 1e6
    );

    let mut measures = vec![measure_stet(&corpus, reps)];
    if no_peers {
        println!("peers: skipped (--no-peers)");
    } else {
        let peers_dir = root.join("target/peers");
        let corpus_file = peers_dir.join("corpus.json");
        match write_corpus(&corpus, &corpus_file) {
            Err(e) => println!("peers: skipped, the corpus file could not be written: {e}"),
            Ok(()) => {
                for (peer, reps) in [
                    (chrono_node(root, &peers_dir), peer_reps(5)),
                    (dateparser(root, &peers_dir), peer_reps(1)),
                ] {
                    match peer.and_then(|command| run_peer(command, &corpus_file, reps)) {
                        Ok(m) => measures.push(m),
                        Err(e) => println!("peer not measured: {e}"),
                    }
                }
            }
        }
    }
    report(&corpus, &measures);
}

fn load_corpus(data: &Path) -> Result<Corpus, String> {
    let files = timeml::tml_files(&[data.to_path_buf()])?;
    let mut documents = Vec::with_capacity(files.len());
    for file in &files {
        let doc = timeml::read_file(file).map_err(|e| e.to_string())?;
        documents.push((doc.text, doc.dct));
    }
    if documents.is_empty() {
        return Err(format!("no .tml files in {}", data.display()));
    }
    let bytes = documents.iter().map(|(t, _)| t.len()).sum();
    Ok(Corpus { documents, bytes })
}

fn measure_stet(corpus: &Corpus, reps: usize) -> Measure {
    // A warm-up pass: the tagger's tables are built on first use, which is start-up.
    let start = Instant::now();
    let mut found = tag_all(corpus);
    let startup = start.elapsed().as_secs_f64();
    let mut rep_seconds = Vec::with_capacity(reps);
    for _ in 0..reps {
        let start = Instant::now();
        found = tag_all(corpus);
        rep_seconds.push(start.elapsed().as_secs_f64());
    }
    Measure {
        name: "stet timex::tag".into(),
        startup_seconds: Some(startup),
        rep_seconds,
        found,
    }
}

fn tag_all(corpus: &Corpus) -> usize {
    corpus
        .documents
        .iter()
        .map(|(text, dct)| std::hint::black_box(stet::timex::tag(text, *dct)).len())
        .sum()
}

fn write_corpus(corpus: &Corpus, path: &Path) -> std::io::Result<()> {
    let documents: Vec<serde_json::Value> = corpus
        .documents
        .iter()
        .map(|(text, dct)| serde_json::json!({ "text": text, "dct": dct.to_string() }))
        .collect();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, serde_json::to_string(&documents)?)
}

/// How to run a peer: its name and the command, to which the corpus file and the repetitions
/// are appended.
struct PeerCommand {
    name: &'static str,
    program: PathBuf,
    args: Vec<PathBuf>,
}

/// Runs `program args`, for an install step; its output is shown only when it fails.
fn install_step(what: &str, program: &Path, args: &[&str], dir: &Path) -> Result<(), String> {
    println!("installing {what} (first run only) ...");
    let output = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("{what}: `{}` could not be run: {e}", program.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what}: `{} {}` failed:\n{}{}",
            program.display(),
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn chrono_node(root: &Path, peers_dir: &Path) -> Result<PeerCommand, String> {
    let source = root.join("benches/peers/chrono-node");
    let dir = peers_dir.join("chrono-node");
    let installed = dir.join("node_modules/chrono-node/package.json");
    if !installed.exists() {
        std::fs::create_dir_all(&dir).map_err(|e| format!("chrono-node: {e}"))?;
        std::fs::copy(source.join("package.json"), dir.join("package.json"))
            .map_err(|e| format!("chrono-node: {e}"))?;
        install_step(
            "chrono-node from npm",
            Path::new("npm"),
            &["install", "--no-audit", "--no-fund", "--loglevel=error"],
            &dir,
        )?;
    }
    // The script runs from the install folder so that `require` finds its node_modules.
    std::fs::copy(source.join("bench.js"), dir.join("bench.js"))
        .map_err(|e| format!("chrono-node: {e}"))?;
    Ok(PeerCommand {
        name: "chrono-node",
        program: PathBuf::from("node"),
        args: vec![dir.join("bench.js")],
    })
}

fn dateparser(root: &Path, peers_dir: &Path) -> Result<PeerCommand, String> {
    let source = root.join("benches/peers/dateparser");
    let venv = peers_dir.join("dateparser-venv");
    let python = venv.join("bin/python");
    let ready = Command::new(&python)
        .args(["-c", "import dateparser.search"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        std::fs::create_dir_all(peers_dir).map_err(|e| format!("dateparser: {e}"))?;
        install_step(
            "a Python venv for dateparser",
            Path::new("python3"),
            &["-m", "venv", &venv.display().to_string()],
            peers_dir,
        )?;
        let requirements = source.join("requirements.txt").display().to_string();
        install_step(
            "dateparser from PyPI",
            &python,
            &["-m", "pip", "install", "--quiet", "-r", &requirements],
            peers_dir,
        )?;
    }
    Ok(PeerCommand {
        name: "dateparser",
        program: python,
        args: vec![source.join("bench.py")],
    })
}

fn run_peer(command: PeerCommand, corpus_file: &Path, reps: usize) -> Result<Measure, String> {
    let name = command.name;
    println!("timing {name} ({reps} repetitions) ...");
    let process_start = Instant::now();
    let output = Command::new(&command.program)
        .args(&command.args)
        .arg(corpus_file)
        .arg(reps.to_string())
        .output()
        .map_err(|e| {
            format!(
                "{name}: `{}` could not be run: {e}",
                command.program.display()
            )
        })?;
    let process_seconds = process_start.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(format!(
            "{name} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or("");
    let json: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| format!("{name}: unreadable result {line:?}: {e}"))?;
    let rep_seconds: Vec<f64> = json["rep_seconds"]
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default();
    if rep_seconds.is_empty() {
        return Err(format!("{name}: no repetitions in {line:?}"));
    }
    let load = json["load_seconds"].as_f64().unwrap_or(f64::NAN);
    let timed: f64 = rep_seconds.iter().sum();
    Ok(Measure {
        name: name.to_string(),
        // Process start-up (the interpreter) plus loading the library: everything but the reps.
        startup_seconds: Some((process_seconds - timed).max(load)),
        rep_seconds,
        found: json["found"].as_u64().unwrap_or(0) as usize,
    })
}

fn report(corpus: &Corpus, measures: &[Measure]) {
    println!();
    println!(
        "{:<18} {:>12} {:>12} {:>10} {:>12} {:>14}",
        "extractor", "MB/s", "median s", "found", "start-up s", "stet is ×"
    );
    let stet_speed = measures
        .first()
        .map_or(f64::NAN, |m| m.mb_per_second(corpus.bytes));
    for m in measures {
        let speed = m.mb_per_second(corpus.bytes);
        let ratio = if m.name.starts_with("stet") {
            "-".to_string()
        } else {
            format!("{:.1}", stet_speed / speed)
        };
        println!(
            "{:<18} {:>12.3} {:>12.4} {:>10} {:>12} {:>14}",
            m.name,
            speed,
            m.median_seconds(),
            m.found,
            m.startup_seconds
                .map_or("-".to_string(), |s| format!("{s:.3}")),
            ratio
        );
    }
    println!(
        "\n(MB/s over the median of the repetitions; start-up is not counted in it; \
         \"stet is ×\" = stet's MB/s / the peer's)"
    );
}
