//! `stet timeml`: the scorer on small TimeML files written for these tests, with scores computed
//! by hand; the reader and writer round trip on the TempEval-3 development data when it is
//! present (../shared/data/tempeval3); and the command's exit codes on bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use stet::timeml::scorer::{Counts, ErrorKind, Prf};
use stet::timeml::{self, ScoredDocument, TimemlDocument};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/timeml")
        .join(path)
}

fn read(path: &Path) -> TimemlDocument {
    timeml::read_file(path).unwrap_or_else(|e| panic!("{e}"))
}

fn read_folder(folder: &str) -> Vec<TimemlDocument> {
    let files = timeml::tml_files(&[data(folder)]).unwrap_or_else(|e| panic!("{e}"));
    files.iter().map(|f| read(f)).collect()
}

fn stet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stet"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the stet binary runs")
}

fn assert_prf(measure: &str, prf: Prf, precision: f64, recall: f64, f1: f64) {
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(
        close(prf.precision, precision) && close(prf.recall, recall) && close(prf.f1, f1),
        "{measure}: got {prf:?}, expected P {precision} R {recall} F1 {f1}"
    );
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The fixtures, expression by expression (G gold, S system):
///
/// talks.tml
///   G1 "Monday" DATE 1998-01-05          S1 "Monday" DATE 1998-01-05       exact, value, type
///   G2 "three days" DURATION P3D         S2 "days" DURATION P3D            overlap only; value, type
///   G3 "next week" DATE 1998-W03         S3 "next week" DURATION P1W       exact; wrong value, type
///   G4 "every Friday morning" SET        S4 "every Friday" SET XXXX-WXX-5  overlap; wrong value
///      XXXX-WXX-5TMO                     S5 "morning" TIME                 second system expression
///                                                                          in G4: spurious
/// prices.tml (text with `&amp;`)
///   G5 "1997" DATE 1997                  -                                 missed
///   -                                    S7 "rose" DATE PAST_REF           spurious
///   G6 "Tuesday" DATE 1998-01-06         S6 "Tuesday" DATE 1998-01-13      exact; wrong value
/// quiet.tml: no expressions on either side.
///
/// Gold 6, system 7. Pairs (relaxed) 5: G1-S1, G2-S2, G3-S3, G4-S4, G6-S6.
///   strict 3 (G1, G3, G6): P 3/7, R 3/6, F1 2·3/(7+6) = 6/13 = 46.15
///   relaxed 5:             P 5/7, R 5/6, F1 10/13 = 76.92
///   value 2 (G1, G2):      P 2/7, R 2/6, F1 4/13 = 30.77 (= accuracy 2/5 × relaxed F1 10/13)
///   type 4 (G1, G2, G4, G6): P 4/7, R 4/6, F1 8/13 = 61.54
///
/// Per type (recall over gold of the type, precision over system of the type):
///   DATE     gold G1 G3 G5 G6 (4), system S1 S6 S7 (3)
///            relaxed/strict: R 3/4 (G1 G3 G6), P 2/3 (S1 S6) → F1 12/17
///            value: R 1/4 (G1), P 1/3 (S1) → F1 2/7;  type: R 2/4 (G1 G6), P 2/3 → F1 4/7
///   DURATION gold G2 (1), system S2 S3 (2)
///            relaxed: R 1/1, P 2/2 → 1;  strict: R 0/1, P 1/2 (S3) → 0
///            value: R 1/1, P 1/2 (S2) → 2/3;  type: R 1/1, P 1/2 (S2) → 2/3
///   SET      gold G4, system S4: relaxed 1, strict 0, value 0, type 1
///   TIME     gold none, system S5 unpaired: all 0
#[test]
fn scorer_matches_hand_computed_scores() {
    let gold = read_folder("gold");
    let system = read_folder("system");
    assert_eq!(gold.len(), 3);
    for (g, s) in gold.iter().zip(&system) {
        assert_eq!(g.text, s.text, "{}", g.path.display());
    }
    let scores = timeml::score(gold.iter().zip(&system).map(|(g, s)| ScoredDocument {
        doc_id: &g.doc_id,
        text: &g.text,
        gold: &g.timexes,
        system: &s.timexes,
    }));
    assert_eq!(scores.documents, 3);
    let o = &scores.overall;
    assert_eq!((o.gold.total, o.system.total), (6, 7));
    assert_prf("strict", o.strict(), 3.0 / 7.0, 3.0 / 6.0, 6.0 / 13.0);
    assert_prf("relaxed", o.relaxed(), 5.0 / 7.0, 5.0 / 6.0, 10.0 / 13.0);
    assert_prf("value", o.value(), 2.0 / 7.0, 2.0 / 6.0, 4.0 / 13.0);
    assert_prf("type", o.kind(), 4.0 / 7.0, 4.0 / 6.0, 8.0 / 13.0);
    // The toolkit's formula: value accuracy over relaxed matches × relaxed F1.
    let official_value_f1 = o.gold.value as f64 / o.gold.relaxed as f64 * o.relaxed().f1;
    assert!((official_value_f1 - o.value().f1).abs() < 1e-12);

    let by_type = |name: &str| -> Counts {
        scores
            .by_type
            .get(name)
            .copied()
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let date = by_type("DATE");
    assert_prf(
        "DATE relaxed",
        date.relaxed(),
        2.0 / 3.0,
        3.0 / 4.0,
        12.0 / 17.0,
    );
    assert_prf(
        "DATE strict",
        date.strict(),
        2.0 / 3.0,
        3.0 / 4.0,
        12.0 / 17.0,
    );
    assert_prf("DATE value", date.value(), 1.0 / 3.0, 1.0 / 4.0, 2.0 / 7.0);
    assert_prf("DATE type", date.kind(), 2.0 / 3.0, 2.0 / 4.0, 4.0 / 7.0);
    let duration = by_type("DURATION");
    assert_prf("DURATION relaxed", duration.relaxed(), 1.0, 1.0, 1.0);
    assert_prf("DURATION strict", duration.strict(), 0.5, 0.0, 0.0);
    assert_prf("DURATION value", duration.value(), 0.5, 1.0, f1(0.5, 1.0));
    assert_prf("DURATION type", duration.kind(), 0.5, 1.0, 2.0 / 3.0);
    let set = by_type("SET");
    assert_prf("SET relaxed", set.relaxed(), 1.0, 1.0, 1.0);
    assert_prf("SET strict", set.strict(), 0.0, 0.0, 0.0);
    assert_prf("SET value", set.value(), 0.0, 0.0, 0.0);
    assert_prf("SET type", set.kind(), 1.0, 1.0, 1.0);
    let time = by_type("TIME");
    assert_prf("TIME relaxed", time.relaxed(), 0.0, 0.0, 0.0);

    let errors: Vec<(&str, ErrorKind, &str, &str)> = scores
        .errors
        .iter()
        .map(|e| {
            (
                e.doc_id.as_str(),
                e.kind,
                expression_text(&e.gold),
                expression_text(&e.system),
            )
        })
        .collect();
    use ErrorKind::*;
    assert_eq!(
        errors,
        [
            ("PRICES", Spurious, "", "rose"),
            ("PRICES", Missed, "1997", ""),
            ("PRICES", WrongValue, "Tuesday", "Tuesday"),
            ("TALKS", WrongExtent, "three days", "days"),
            ("TALKS", WrongValue, "next week", "next week"),
            ("TALKS", WrongType, "next week", "next week"),
            ("TALKS", WrongExtent, "every Friday morning", "every Friday"),
            ("TALKS", WrongValue, "every Friday morning", "every Friday"),
            ("TALKS", Spurious, "", "morning"),
        ]
    );
}

fn expression_text(x: &Option<stet::timeml::scorer::Expression>) -> &str {
    x.as_ref().map_or("", |x| x.text.as_str())
}

#[test]
fn score_command_prints_the_same_numbers_as_json() {
    let out = stet(&[
        "timeml",
        "score",
        "--gold",
        &data("gold").display().to_string(),
        "--system",
        &data("system").display().to_string(),
        "--format",
        "json",
        "--errors",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let f1 = |measure: &str| json["overall"][measure]["f1"].as_f64().unwrap_or(-1.0);
    assert!((f1("strict") - 6.0 / 13.0).abs() < 1e-9);
    assert!((f1("relaxed") - 10.0 / 13.0).abs() < 1e-9);
    assert!((f1("value") - 4.0 / 13.0).abs() < 1e-9);
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(9));

    let table = stet(&[
        "timeml",
        "score",
        "--gold",
        &data("gold").display().to_string(),
        "--system",
        &data("system").display().to_string(),
    ]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("strict       42.86   50.00   46.15"),
        "{table}"
    );
    assert!(
        table.contains("relaxed      71.43   83.33   76.92"),
        "{table}"
    );
}

#[test]
fn bad_input_exits_2_naming_file_line_and_column() {
    for (file, expected) in [
        ("unclosed.tml", "unclosed.tml:6:1: </TEXT> closes <EVENT>"),
        (
            "no-dct.tml",
            "no-dct.tml:1:1: has no document creation time",
        ),
        ("binary.tml", "binary.tml:1:4: contains a NUL byte"),
    ] {
        let out = stet(&[
            "timeml",
            "eval",
            &data("bad").join(file).display().to_string(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}: {stderr}");
        assert!(stderr.contains(expected), "{file}: {stderr}");
    }
    // A system file whose text differs from the gold's is refused, not scored.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let changed = std::fs::read_to_string(data("system/talks.tml"))
        .unwrap_or_default()
        .replace("lasted", "took");
    std::fs::write(dir.path().join("talks.tml"), changed).unwrap_or_else(|e| panic!("{e}"));
    let out = stet(&[
        "timeml",
        "score",
        "--gold",
        &data("gold/talks.tml").display().to_string(),
        "--system",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("its text differs"));
}

/// The development data, when present beside the project.
fn dev_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tempeval3");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the TempEval-3 development data)",
            dir.display()
        );
        None
    }
}

#[test]
fn dev_files_round_trip_through_the_writer() {
    let Some(dir) = dev_data() else { return };
    let files = timeml::tml_files(&[dir]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.len(), 256);
    let mut expressions = 0;
    for file in &files {
        let doc = read(file);
        expressions += doc.timexes.len();
        // Written back with its own gold TIMEX3: the same text and the same expressions.
        let written = timeml::write_tagged(&doc, &doc.timexes).unwrap_or_else(|e| panic!("{e}"));
        let again = timeml::reader::read_str(file, written).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.raw_text, doc.raw_text, "{}", file.display());
        assert_eq!(again.text, doc.text, "{}", file.display());
        assert_eq!(again.timexes, doc.timexes, "{}", file.display());
        assert_eq!(again.dct, doc.dct);
        assert_eq!(again.doc_id, doc.doc_id);
        // Written with no tags: <TEXT> holds exactly the stripped text.
        let bare = timeml::write_tagged(&doc, &[]).unwrap_or_else(|e| panic!("{e}"));
        let bare = timeml::reader::read_str(file, bare).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&bare.source[bare.text_range.clone()], doc.raw_text);
        assert!(bare.timexes.is_empty());
        // Outside <TEXT>, only the link elements are gone.
        assert_eq!(
            bare.source[..bare.text_range.start],
            doc.source[..doc.text_range.start]
        );
        assert!(!bare.source.contains("<TLINK"));
    }
    assert_eq!(expressions, 1822);
}

#[test]
fn tag_command_writes_files_that_score_like_the_eval_command() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let gold = data("gold").display().to_string();
    let out = stet(&[
        "timeml",
        "tag",
        &gold,
        "--out",
        &dir.path().display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scored = stet(&[
        "timeml",
        "score",
        "--gold",
        &gold,
        "--system",
        &dir.path().display().to_string(),
        "--format",
        "json",
    ]);
    let evaluated = stet(&["timeml", "eval", &gold, "--format", "json"]);
    assert!(scored.status.success() && evaluated.status.success());
    assert_eq!(scored.stdout, evaluated.stdout);
}
