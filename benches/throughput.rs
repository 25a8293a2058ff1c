//! Throughput benchmark (issue: checking many files): the release `stet` binary checks the
//! Reuters-21578 stories as one file per story, with 1 and 2 threads, and reports MB/s,
//! files/s and the child's peak RSS for a quarter, a half and all of the files.
//!
//! ```sh
//! cargo bench --bench throughput                  # 3 runs of each size and thread count
//! cargo bench --bench throughput -- --runs 5
//! cargo bench --bench throughput -- --corpus DIR  # another folder of reut2-*.sgm files
//! cargo bench --bench throughput -- --stet PATH    # time another build of stet (a baseline)
//! ```
//!
//! The corpus is read from `../shared/data/corpora/reuters21578` (beside the repository, see
//! `../shared/data/SOURCES.md`); without it the benchmark says so and exits 0. The stories are
//! written once under `target/bench-reuters/` in four folders of about equal size (a quarter
//! of the corpus each) and reused while they are complete. Each story file is
//! `date YYYY-MM-DD`, a blank line, the title, a blank line and the body (the header line the
//! plain-text reader takes the story date from; an undated story has none).
//!
//! Every timed run is a fresh `stet check DIR... --format json -j N` process with its output
//! to a sink, as a user runs it; the times are the median of the runs. Baselines measured in
//! the same run, so ratios compare like with like on a shared machine: reading every file
//! (what any checker pays at least), and the 1-thread run for the 2-thread speed-up. Peak RSS
//! is the child's own (`wait4`'s `ru_maxrss`): flat across sizes means memory does not grow
//! with the number of files. A last table gives it again without transparent huge pages,
//! whose 2 MiB steps make it vary by tens of MiB from run to run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const QUARTERS: usize = 4;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs = value("--runs")
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(3)
        .max(1);
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = value("--corpus")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../shared/data/corpora/reuters21578"));
    let sgm = sgm_files(&corpus);
    if sgm.is_empty() {
        println!(
            "throughput benchmark skipped: no reut2-*.sgm files in {} (see ../shared/data/SOURCES.md)",
            corpus.display()
        );
        return;
    }
    let out = manifest.join("target/bench-reuters");
    let quarters = match split(&sgm, &out) {
        Ok(q) => q,
        Err(e) => {
            println!(
                "throughput benchmark skipped: cannot write the stories under {}: {e}",
                out.display()
            );
            return;
        }
    };
    let stet = value("--stet")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_stet")));
    let stet = stet.as_path();

    println!("# stet throughput benchmark\n");
    println!(
        "machine: {} cores available; corpus {}; each figure is the median of {runs} fresh processes\n",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        corpus.display()
    );
    let sizes: [(&str, usize); 3] = [("1/4", 1), ("1/2", 2), ("all", QUARTERS)];
    println!("binary: {}\n", stet.display());
    println!(
        "| files | MB | threads | time | MB/s | files/s | CPU time | peak RSS | vs reading the files | vs 1 thread |"
    );
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (label, n) in sizes {
        let dirs: Vec<&Path> = quarters[..n].iter().map(|q| q.dir.as_path()).collect();
        let files: usize = quarters[..n].iter().map(|q| q.files).sum();
        let bytes: u64 = quarters[..n].iter().map(|q| q.bytes).sum();
        let mb = bytes as f64 / 1e6;
        let read = median((0..runs).map(|_| read_all(&dirs)).collect());
        let mut one_thread = None;
        for threads in [1, 2] {
            let mut times = Vec::new();
            let mut cpu_times = Vec::new();
            let mut peak = 0u64;
            for _ in 0..runs {
                match check(stet, &dirs, threads, &[]) {
                    Ok(run) => {
                        times.push(run.wall);
                        cpu_times.push(run.cpu);
                        peak = peak.max(run.peak_kib);
                    }
                    Err(e) => {
                        println!("`stet check` failed: {e}");
                        std::process::exit(1);
                    }
                }
            }
            let time = median(times);
            let cpu = median(cpu_times).as_secs_f64();
            let secs = time.as_secs_f64();
            let base = *one_thread.get_or_insert(secs);
            println!(
                "| {files} ({label}) | {mb:.1} | {threads} | {secs:.2} s | {:.1} | {:.0} | {cpu:.2} s | {:.0} MiB | {:.0}× | {:.2}× faster |",
                mb / secs,
                files as f64 / secs,
                peak as f64 / 1024.0,
                secs / read.as_secs_f64().max(1e-9),
                base / secs,
            );
        }
        println!(
            "| {files} ({label}) | {mb:.1} | reading only | {:.3} s | {:.0} | {:.0} | | | 1× | |",
            read.as_secs_f64(),
            mb / read.as_secs_f64().max(1e-9),
            files as f64 / read.as_secs_f64().max(1e-9),
        );
    }
    // mimalloc maps memory in 2 MiB transparent huge pages where the system allows them, so
    // the peak RSS above moves by tens of MiB from run to run. Without them it shows what the
    // run itself holds, and whether that grows with the number of files.
    println!("\npeak RSS without transparent huge pages (`MIMALLOC_ALLOW_THP=0`), 2 threads:\n");
    println!("| files | peak RSS, least | peak RSS, most |");
    println!("| ---: | ---: | ---: |");
    for (label, n) in sizes {
        let dirs: Vec<&Path> = quarters[..n].iter().map(|q| q.dir.as_path()).collect();
        let files: usize = quarters[..n].iter().map(|q| q.files).sum();
        let mut peaks = Vec::new();
        for _ in 0..runs {
            match check(stet, &dirs, 2, &[("MIMALLOC_ALLOW_THP", "0")]) {
                Ok(run) => peaks.push(run.peak_kib),
                Err(e) => {
                    println!("`stet check` failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        let mib = |k: Option<&u64>| k.map_or(0.0, |&k| k as f64 / 1024.0);
        println!(
            "| {files} ({label}) | {:.0} MiB | {:.0} MiB |",
            mib(peaks.iter().min()),
            mib(peaks.iter().max()),
        );
    }
    println!("\ntarget: >= 20 MB/s on 2 threads for all the files; peak RSS flat across sizes");
}

/// One folder of story files and its totals.
struct Quarter {
    dir: PathBuf,
    files: usize,
    bytes: u64,
}

fn sgm_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "sgm")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("reut2-"))
        })
        .collect();
    files.sort();
    files
}

/// The text between `<tag>` and `</tag>` (attributes allowed on the opening tag).
fn element<'a>(record: &'a str, tag: &str) -> Option<&'a str> {
    let open = record.find(&format!("<{tag}"))?;
    let start = open + record[open..].find('>')? + 1;
    let end = start + record[start..].find(&format!("</{tag}>"))?;
    record.get(start..end)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#3;", "")
        .replace("&amp;", "&")
}

/// "26-FEB-1987 15:01:01.79" -> "1987-02-26".
fn story_date(text: &str) -> Option<String> {
    let day = text.split_whitespace().next()?;
    chrono::NaiveDate::parse_from_str(&day.to_lowercase(), "%d-%b-%Y")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Each `<REUTERS>` record with a title or body as a story file's text, as
/// `examples/reuters.rs` reads them.
fn stories(sgm: &[PathBuf]) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for path in sgm {
        // The corpus is Latin-1 with stray control bytes: each byte is its own character.
        let text: String = std::fs::read(path)?.iter().map(|&b| b as char).collect();
        for record in text.split("<REUTERS").skip(1) {
            let title = element(record, "TITLE").map(unescape).unwrap_or_default();
            let body = element(record, "BODY").map(unescape).unwrap_or_default();
            if title.trim().is_empty() && body.trim().is_empty() {
                continue;
            }
            let header = element(record, "DATE")
                .and_then(story_date)
                .map(|d| format!("date {d}\n\n"))
                .unwrap_or_default();
            out.push(format!("{header}{}\n\n{}\n", title.trim(), body.trim_end()));
        }
    }
    Ok(out)
}

/// Writes the stories into four folders (q1..q4, consecutive stories, about equal counts),
/// or reuses them when a previous run completed them.
fn split(sgm: &[PathBuf], out: &Path) -> std::io::Result<Vec<Quarter>> {
    let done = out.join("complete");
    let dirs: Vec<PathBuf> = (1..=QUARTERS).map(|q| out.join(format!("q{q}"))).collect();
    if !done.exists() {
        let started = Instant::now();
        if out.exists() {
            std::fs::remove_dir_all(out)?;
        }
        let stories = stories(sgm)?;
        let per = stories.len().div_ceil(QUARTERS).max(1);
        for (i, story) in stories.iter().enumerate() {
            let dir = &dirs[(i / per).min(QUARTERS - 1)];
            std::fs::create_dir_all(dir)?;
            std::fs::write(dir.join(format!("{:05}.txt", i + 1)), story)?;
        }
        std::fs::write(&done, format!("{} stories\n", stories.len()))?;
        eprintln!(
            "wrote {} story files under {} in {:.1} s",
            stories.len(),
            out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    dirs.into_iter()
        .map(|dir| {
            let (mut files, mut bytes) = (0, 0);
            for entry in std::fs::read_dir(&dir)? {
                let meta = entry?.metadata()?;
                if meta.is_file() {
                    files += 1;
                    bytes += meta.len();
                }
            }
            Ok(Quarter { dir, files, bytes })
        })
        .collect()
}

/// Reads every file of the folders: the floor any checker of these files pays.
fn read_all(dirs: &[&Path]) -> Duration {
    let started = Instant::now();
    let mut total = 0usize;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                total += bytes.len();
            }
        }
    }
    std::hint::black_box(total);
    started.elapsed()
}

/// One timed run of the checker.
struct Run {
    wall: Duration,
    /// User plus system time of the child: on a shared machine, less disturbed by other
    /// processes than the wall time.
    cpu: Duration,
    peak_kib: u64,
}

/// Runs `stet check DIRS --format json -j THREADS` with its output to a sink, with `env`
/// added to its environment.
fn check(stet: &Path, dirs: &[&Path], threads: usize, env: &[(&str, &str)]) -> Result<Run, String> {
    let started = Instant::now();
    let child = Command::new(stet)
        .envs(env.iter().copied())
        .arg("check")
        .args(dirs)
        .args(["--format", "json", "-j", &threads.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", stet.display()))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data, zeroed is a valid value; `wait4` fills it for our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    // Exit 0 (nothing contradicted) and 1 (some claim contradicted) are both a completed run.
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("exit status {status} (its errors are above)"));
    }
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
    };
    Ok(Run {
        wall: elapsed,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        peak_kib: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}
