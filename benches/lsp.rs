//! `stet lsp` latency (issue: "answers a didChange on a 2,000-word story with diagnostics in
//! under 50 ms"): the time from writing a `didChange` to reading its `publishDiagnostics`.
//!
//! ```sh
//! cargo bench --bench lsp                 # 50 edits
//! cargo bench --bench lsp -- --edits 200
//! ```
//!
//! Starts the binary Cargo built for the bench (the release profile) in lsp mode, opens a story
//! of about 2,000 words built from the repository's stories (the seed story with several of its
//! mutations, so it has contradictions, and the other test stories), then sends the edits one
//! at a time, each waiting for its diagnostics, as a user typing is answered. Each edit swaps
//! a summit's dates between right and wrong, so the diagnostics change every time. As a
//! baseline in the same run, the library checks the same texts in process through the same
//! pipeline (`run::check_document`), interleaved with the edits, so the protocol's share is a
//! ratio, not a guess.
//!
//! Prints median, p95 and max; asserts nothing (timings on a shared machine are not a test).

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use stet::config::Config;
use stet::document::{Document, DocumentOptions};
use stet::lsp::transport::Incoming;
use stet::{Checker, DataOptions};

/// The allocator the `stet` binary uses (src/main.rs), so the baseline allocates as it does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SEED: &str = include_str!("../tests/data/hanoi-summit.txt");
const STORIES: [&str; 3] = [
    include_str!("../tests/data/stories/vladivostok-summit.txt"),
    include_str!("../tests/data/stories/singapore-summit.md"),
    include_str!("../tests/data/stories/vietnam-president.md"),
];
const RIGHT_DATE: &str = "Feb. 27-28 summit";
const WRONG_DATE: &str = "Feb. 26-27 summit";
/// Seed mutations (tests/data/hanoi-summit.mutations.toml) for the copies of the seed's body.
const MUTATIONS: [(&str, &str); 4] = [
    (
        "Vietnam’s capital, Hanoi",
        "Vietnam’s capital, Ho Chi Minh City",
    ),
    ("second summit", "third summit"),
    ("eight months after", "ten months after"),
    ("leader’s sister Kim Yo Jong", "leader’s wife Kim Yo Jong"),
];
const WORDS: usize = 2_000;
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let edits = args
        .iter()
        .position(|a| a == "--edits")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(50);
    let story = story();
    let words = story.split_whitespace().count();
    println!("# stet lsp benchmark\n");
    println!(
        "story: {words} words, {} bytes, {} lines; {edits} didChange edits, each answered before \
         the next is sent; UTF-16 positions",
        story.len(),
        story.lines().count()
    );

    let mut library = Library::new(&story);
    let mut baseline = Vec::with_capacity(edits);
    // Interleaved: before each edit is sent, the library checks the text that edit gives, so
    // the machine's load (shared and noisy) weighs on both series alike.
    let (lsp, counts, round_trips) =
        measure_server(&story, edits, &mut |i| baseline.push(library.check(i)));
    println!();
    report("stet lsp: didChange -> publishDiagnostics", &lsp);
    report("library: parse + run::check_document", &baseline);
    report("stet lsp: hover round trip (no check)", &round_trips);
    let ratio = median(&lsp) / median(&baseline).max(f64::EPSILON);
    println!("\nprotocol overhead: median lsp / median library = {ratio:.2}x");
    println!(
        "diagnostics per edit: {} to {}",
        counts.iter().min().unwrap_or(&0),
        counts.iter().max().unwrap_or(&0)
    );
}

/// About 2,000 words: the seed story (its date line anchors the others' relative dates), the
/// other test stories without their headers, then copies of the seed's body with one mutation
/// each, until the count is reached.
fn story() -> String {
    let mut out = SEED.replacen(RIGHT_DATE, WRONG_DATE, 1);
    for story in STORIES {
        out.push_str("\n\n");
        out.push_str(body(story));
    }
    let seed_body = body(SEED);
    for (find, replace) in MUTATIONS.iter().cycle() {
        if out.split_whitespace().count() >= WORDS {
            break;
        }
        out.push_str("\n\n");
        out.push_str(&seed_body.replacen(find, replace, 1));
    }
    out.push('\n');
    out
}

/// A story without its front matter or `date` line.
fn body(story: &str) -> &str {
    let rest = match story.strip_prefix("---\n") {
        Some(after) => after.find("\n---\n").map_or(story, |i| &after[i + 5..]),
        None => story,
    };
    let rest = rest.trim_start();
    match rest.strip_prefix("date ") {
        Some(after) => after.find('\n').map_or(rest, |i| &after[i + 1..]),
        None => rest,
    }
    .trim()
}

/// The text after edit `i` (0-based): the first summit's dates right after even edits, wrong
/// after odd ones, so the diagnostics change each time.
fn text_after(story: &str, i: usize) -> String {
    if i.is_multiple_of(2) {
        story.replacen(WRONG_DATE, RIGHT_DATE, 1)
    } else {
        story.to_string()
    }
}

/// Milliseconds from each didChange to its diagnostics, how many diagnostics each had, and
/// milliseconds for each of as many hover requests that need no check.
/// `before_edit(i)` runs before edit `i` is sent, and is not timed.
fn measure_server(
    story: &str,
    edits: usize,
    before_edit: &mut dyn FnMut(usize),
) -> (Vec<f64>, Vec<usize>, Vec<f64>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(["lsp", "--no-config", "--no-cache"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the stet binary starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let stdout = child.stdout.take().expect("stdout is piped");
    let (sender, incoming) = mpsc::channel::<Value>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        while let Some(message) = read_frame(&mut reader) {
            if sender.send(message).is_err() {
                return;
            }
        }
    });
    let mut send = |message: Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| stdin.flush())
            .expect("the server reads its input");
    };
    let wait = |wanted: &dyn Fn(&Value) -> bool| loop {
        let message = incoming
            .recv_timeout(TIMEOUT)
            .expect("the server answers in time");
        if wanted(&message) {
            return message;
        }
    };
    let uri = "file:///bench/story.txt";
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}}),
    );
    wait(&|m| m["id"] == 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let opened = Instant::now();
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": story}}}),
    );
    let diagnostics_of = |version: usize| {
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        }
    };
    wait(&diagnostics_of(1));
    println!(
        "didOpen -> first diagnostics: {:.1} ms",
        opened.elapsed().as_secs_f64() * 1e3
    );

    // The edit range: the first summit's dates, the same bytes whichever way they read (both
    // are ASCII and of equal length), at a UTF-16 position computed as a client does.
    let at = story
        .find(WRONG_DATE)
        .expect("the story has the wrong dates");
    let before = &story[..at];
    let line = before.matches('\n').count();
    let character = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .encode_utf16()
        .count();
    let range = json!({"start": {"line": line, "character": character},
        "end": {"line": line, "character": character + WRONG_DATE.len()}});
    let mut times = Vec::with_capacity(edits);
    let mut counts = Vec::with_capacity(edits);
    for i in 0..edits {
        let version = i + 2;
        let text = if i.is_multiple_of(2) {
            RIGHT_DATE
        } else {
            WRONG_DATE
        };
        let change = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": text}]}});
        before_edit(i);
        let sent = Instant::now();
        send(change);
        let published = wait(&diagnostics_of(version));
        times.push(sent.elapsed().as_secs_f64() * 1e3);
        counts.push(
            published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len),
        );
    }
    // The round trip alone: a hover on the checked text does no checking, so its time is the
    // pipes, the threads' wake-ups and the JSON, what the protocol adds to a check.
    let mut round_trips = Vec::with_capacity(edits);
    for i in 0..edits {
        let id = 1000 + i;
        let sent = Instant::now();
        send(
            json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}}),
        );
        wait(&|m| m["id"] == id);
        round_trips.push(sent.elapsed().as_secs_f64() * 1e3);
    }
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    wait(&|m| m["id"] == 2);
    send(json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
    (times, counts, round_trips)
}

/// The library checking the texts of the edits in process, through the pipeline the server
/// uses, with the same data and no config.
struct Library {
    checker: Checker,
    config: Config,
    today: chrono::NaiveDate,
    story: String,
}

impl Library {
    fn new(story: &str) -> Library {
        let mut library = Library {
            checker: Checker::load(&DataOptions::default()).expect("the shipped data loads"),
            config: Config::default(),
            today: chrono::Local::now().date_naive(),
            story: story.to_string(),
        };
        // One check first, as the server's didOpen is: lazily built state is not measured.
        library.check(1);
        library
    }

    /// Milliseconds to read and check the text after edit `i`.
    fn check(&mut self, i: usize) -> f64 {
        let text = text_after(&self.story, i);
        let started = Instant::now();
        let document = Document::parse("story.txt", text.as_bytes(), &DocumentOptions::default())
            .expect("the story reads");
        let report = stet::run::check_document(&self.checker, &self.config, document, self.today)
            .expect("the story checks");
        std::hint::black_box(&report);
        started.elapsed().as_secs_f64() * 1e3
    }
}

/// The next message the server wrote, read with stet's own framing (the integration tests
/// read frames independently; here only the timing matters). `None` at the end.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    loop {
        match stet::lsp::transport::read(reader).ok()?? {
            Incoming::Message(message) => return serde_json::to_value(message).ok(),
            Incoming::Invalid { .. } => continue, // the server writes none; skipped if it did
        }
    }
}

fn sorted(times: &[f64]) -> Vec<f64> {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
}

fn median(times: &[f64]) -> f64 {
    percentile(times, 0.5)
}

/// The nearest-rank percentile.
fn percentile(times: &[f64], p: f64) -> f64 {
    let sorted = sorted(times);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn report(what: &str, times: &[f64]) {
    println!(
        "{what:<44} median {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms",
        median(times),
        percentile(times, 0.95),
        sorted(times).last().copied().unwrap_or(0.0)
    );
}
