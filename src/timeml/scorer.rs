//! Scoring TIMEX3 tagging against gold, as the TempEval-3 evaluation toolkit does it
//! (`TE3-evaluation.py`, Naushad UzZaman, with Hector Llorens's TimeML-Normalizer; UzZaman et
//! al., SemEval 2013).
//!
//! How the official toolkit matches: the TimeML-Normalizer walks the tokens of gold and system
//! together, and a system TIMEX3 gets the id of the gold TIMEX3 that is open (has started and
//! not ended) at the token where it starts, or the other way round; an expression already paired
//! does not pair again, so pairs are one to one, made in order of start, and a second system
//! expression inside the same gold one stays unpaired (spurious). `evaluate_entities.py` then
//! counts, over the whole collection:
//! - relaxed: paired expressions (any overlap); strict: paired with the same extent;
//! - precision = matches / system expressions, recall = matches / gold expressions,
//!   F1 = 2PR / (P + R);
//! - value (type) F1 = value (type) accuracy over the relaxed matches × relaxed F1. Because
//!   pairs are one to one this equals the F1 of P = correct / system, R = correct / gold: "a
//!   relaxed match whose value is also right, counted against all gold and all system
//!   expressions", which is how it is computed here.
//!
//! Here the pairing is done on byte offsets instead of tokens: an expression pairs with the
//! other side's expression that contains its start (start ≤ s < end), when that one is unpaired;
//! when both start at the same place, gold comes first, as in the toolkit. For extents on token
//! boundaries (all TimeML gold, and any tagger's output the toolkit accepts) this is the same
//! pairing; for an extent that ends inside a token it is finer than the toolkit, which cannot
//! evaluate such output at all. Strict means the same byte range (the toolkit compares the two
//! expressions' texts, which for overlapping expressions is the same thing). Expressions with
//! no text or only white space are left out, as the toolkit skips them. If there are no gold and
//! no system expressions at all, every F1 is 1 (as in the toolkit); otherwise a ratio over zero
//! is 0.
//!
//! Per type (the toolkit reports none): recall for type T counts the gold expressions of type T
//! and their matches; precision counts the system expressions of type T and theirs. So a gold
//! DATE found as a DURATION counts as a relaxed match in DATE's recall and DURATION's
//! precision, and as a type error in both.

use crate::timex::{Timex, TimexType};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// One document's gold and system expressions, spans in the same `text`.
#[derive(Debug, Clone, Copy)]
pub struct ScoredDocument<'a> {
    pub doc_id: &'a str,
    pub text: &'a str,
    pub gold: &'a [Timex],
    pub system: &'a [Timex],
}

/// How many expressions were found and matched, one side (gold for recall, system for
/// precision).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SideCounts {
    /// Expressions on this side.
    pub total: usize,
    /// Paired with an expression of the other side (overlap).
    pub relaxed: usize,
    /// Paired with the same extent.
    pub strict: usize,
    /// Paired, and the values are equal.
    pub value: usize,
    /// Paired, and the types are equal.
    pub kind: usize,
}

impl SideCounts {
    fn add(&mut self, other: &SideCounts) {
        self.total += other.total;
        self.relaxed += other.relaxed;
        self.strict += other.strict;
        self.value += other.value;
        self.kind += other.kind;
    }
}

/// Precision, recall and F1, each a fraction in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl Prf {
    fn new(system_correct: usize, system: usize, gold_correct: usize, gold: usize) -> Prf {
        if system == 0 && gold == 0 {
            return Prf {
                precision: 1.0,
                recall: 1.0,
                f1: 1.0,
            };
        }
        let precision = ratio(system_correct, system);
        let recall = ratio(gold_correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// The counts of a collection or of one type, gold side and system side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: SideCounts,
    pub system: SideCounts,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.gold.add(&other.gold);
        self.system.add(&other.system);
    }

    pub fn strict(&self) -> Prf {
        let (g, s) = (&self.gold, &self.system);
        Prf::new(s.strict, s.total, g.strict, g.total)
    }

    pub fn relaxed(&self) -> Prf {
        let (g, s) = (&self.gold, &self.system);
        Prf::new(s.relaxed, s.total, g.relaxed, g.total)
    }

    pub fn value(&self) -> Prf {
        let (g, s) = (&self.gold, &self.system);
        Prf::new(s.value, s.total, g.value, g.total)
    }

    pub fn kind(&self) -> Prf {
        let (g, s) = (&self.gold, &self.system);
        Prf::new(s.kind, s.total, g.kind, g.total)
    }
}

/// What went wrong with one expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold expression no system expression overlaps (unpaired).
    Missed,
    /// A system expression no gold expression overlaps (unpaired).
    Spurious,
    /// Paired, but the extents differ.
    WrongExtent,
    /// Paired, but the values differ.
    WrongValue,
    /// Paired, but the types differ.
    WrongType,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::WrongExtent => "wrong extent",
            ErrorKind::WrongValue => "wrong value",
            ErrorKind::WrongType => "wrong type",
        }
    }
}

/// One side of an error: the expression's text, span (bytes of the stripped, decoded text),
/// type and value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expression {
    pub text: String,
    pub span: Range<usize>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub value: String,
}

/// One error, for study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoringError {
    pub doc_id: String,
    pub kind: ErrorKind,
    pub gold: Option<Expression>,
    pub system: Option<Expression>,
}

/// The scores of a collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub documents: usize,
    pub overall: Counts,
    pub by_type: BTreeMap<&'static str, Counts>,
    pub errors: Vec<ScoringError>,
}

/// Scores every document and adds them up.
pub fn score<'a>(documents: impl IntoIterator<Item = ScoredDocument<'a>>) -> Scores {
    let mut scores = Scores::default();
    for doc in documents {
        scores.documents += 1;
        score_document(&doc, &mut scores);
    }
    scores
}

/// Whether an expression is scored: one with no text or only white space is not.
fn scored(text: &str, timex: &Timex) -> bool {
    text.get(timex.span.clone())
        .is_some_and(|t| !t.trim().is_empty())
}

/// The gold–system pairs of one document, as indexes into `gold` and `system`, one to one.
pub fn pair(gold: &[&Timex], system: &[&Timex]) -> Vec<(usize, usize)> {
    // Every expression of both sides in order of start, gold first on a tie.
    let mut starts: Vec<(usize, bool, usize)> = gold
        .iter()
        .enumerate()
        .map(|(i, t)| (t.span.start, false, i))
        .chain(
            system
                .iter()
                .enumerate()
                .map(|(i, t)| (t.span.start, true, i)),
        )
        .collect();
    starts.sort_unstable();
    let mut gold_partner: Vec<Option<usize>> = vec![None; gold.len()];
    let mut system_partner: Vec<Option<usize>> = vec![None; system.len()];
    let contains = |t: &Timex, at: usize| t.span.start <= at && at < t.span.end;
    for (start, is_system, i) in starts {
        if is_system {
            if let Some(g) =
                (0..gold.len()).find(|&g| gold_partner[g].is_none() && contains(gold[g], start))
            {
                gold_partner[g] = Some(i);
                system_partner[i] = Some(g);
            }
        } else if let Some(s) =
            (0..system.len()).find(|&s| system_partner[s].is_none() && contains(system[s], start))
        {
            system_partner[s] = Some(i);
            gold_partner[i] = Some(s);
        }
    }
    gold_partner
        .iter()
        .enumerate()
        .filter_map(|(g, s)| s.map(|s| (g, s)))
        .collect()
}

fn expression(text: &str, timex: &Timex) -> Expression {
    Expression {
        text: text.get(timex.span.clone()).unwrap_or("").to_string(),
        span: timex.span.clone(),
        kind: timex.kind.as_str(),
        value: timex.value.clone(),
    }
}

fn score_document(doc: &ScoredDocument<'_>, scores: &mut Scores) {
    let gold: Vec<&Timex> = doc.gold.iter().filter(|t| scored(doc.text, t)).collect();
    let system: Vec<&Timex> = doc.system.iter().filter(|t| scored(doc.text, t)).collect();
    let pairs = pair(&gold, &system);
    let mut document = Counts::default();
    let mut by_type: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for g in &gold {
        by_type.entry(g.kind.as_str()).or_default().gold.total += 1;
    }
    for s in &system {
        by_type.entry(s.kind.as_str()).or_default().system.total += 1;
    }
    document.gold.total = gold.len();
    document.system.total = system.len();
    let mut paired_gold = vec![false; gold.len()];
    let mut paired_system = vec![false; system.len()];
    // Errors in document order: each pair, missed and spurious expression at its start.
    let mut errors: Vec<(usize, ScoringError)> = Vec::new();
    let error = |kind, g: Option<&Timex>, s: Option<&Timex>| ScoringError {
        doc_id: doc.doc_id.to_string(),
        kind,
        gold: g.map(|t| expression(doc.text, t)),
        system: s.map(|t| expression(doc.text, t)),
    };
    for &(gi, si) in &pairs {
        paired_gold[gi] = true;
        paired_system[si] = true;
        let (g, s) = (gold[gi], system[si]);
        let pair_counts = SideCounts {
            total: 0,
            relaxed: 1,
            strict: usize::from(g.span == s.span),
            value: usize::from(g.value == s.value),
            kind: usize::from(g.kind == s.kind),
        };
        document.gold.add(&pair_counts);
        document.system.add(&pair_counts);
        by_type
            .entry(g.kind.as_str())
            .or_default()
            .gold
            .add(&pair_counts);
        by_type
            .entry(s.kind.as_str())
            .or_default()
            .system
            .add(&pair_counts);
        let at = g.span.start.min(s.span.start);
        if g.span != s.span {
            errors.push((at, error(ErrorKind::WrongExtent, Some(g), Some(s))));
        }
        if g.value != s.value {
            errors.push((at, error(ErrorKind::WrongValue, Some(g), Some(s))));
        }
        if g.kind != s.kind {
            errors.push((at, error(ErrorKind::WrongType, Some(g), Some(s))));
        }
    }
    for (g, _) in gold.iter().zip(&paired_gold).filter(|(_, p)| !**p) {
        errors.push((g.span.start, error(ErrorKind::Missed, Some(g), None)));
    }
    for (s, _) in system.iter().zip(&paired_system).filter(|(_, p)| !**p) {
        errors.push((s.span.start, error(ErrorKind::Spurious, None, Some(s))));
    }
    errors.sort_by_key(|(at, e)| (*at, e.kind));
    scores.errors.extend(errors.into_iter().map(|(_, e)| e));
    scores.overall.add(&document);
    for (kind, counts) in by_type {
        scores.by_type.entry(kind).or_default().add(&counts);
    }
}

impl Scores {
    /// The types in TimeML's order (DATE, TIME, DURATION, SET) that occur in gold or system.
    pub fn types(&self) -> impl Iterator<Item = (TimexType, &Counts)> {
        [
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ]
        .into_iter()
        .filter_map(|t| self.by_type.get(t.as_str()).map(|c| (t, c)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timex(span: Range<usize>, kind: TimexType, value: &str) -> Timex {
        Timex {
            span,
            kind,
            value: value.to_string(),
        }
    }

    const TEXT: &str = "aaaa bbbb cccc dddd eeee ffff";

    fn run(gold: &[Timex], system: &[Timex]) -> Scores {
        score([ScoredDocument {
            doc_id: "d",
            text: TEXT,
            gold,
            system,
        }])
    }

    #[test]
    fn pairs_are_one_to_one_in_order_of_start() {
        use TimexType::Date;
        // Gold 0..9 ("aaaa bbbb"); system 0..4 and 5..9 both inside it: the first pairs, the
        // second is spurious.
        let s = run(
            &[timex(0..9, Date, "x")],
            &[timex(0..4, Date, "x"), timex(5..9, Date, "x")],
        );
        assert_eq!(s.overall.gold.relaxed, 1);
        assert_eq!(s.overall.system.relaxed, 1);
        assert_eq!(s.overall.system.total, 2);
        let kinds: Vec<_> = s.errors.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ErrorKind::WrongExtent, ErrorKind::Spurious]);
        // System 5..14 overlaps gold 0..9 and gold 10..14: it pairs with the first (open at its
        // start), and the second gold is missed.
        let s = run(
            &[timex(0..9, Date, "x"), timex(10..14, Date, "y")],
            &[timex(5..14, Date, "x")],
        );
        assert_eq!(s.overall.gold.relaxed, 1);
        assert_eq!(s.errors.last().map(|e| e.kind), Some(ErrorKind::Missed));
        // Touching is not overlapping.
        let s = run(&[timex(0..4, Date, "x")], &[timex(4..9, Date, "x")]);
        assert_eq!(s.overall.gold.relaxed, 0);
    }

    #[test]
    fn nothing_at_all_scores_one_and_nothing_found_zero() {
        let s = run(&[], &[]);
        assert_eq!(s.overall.relaxed().f1, 1.0);
        let s = run(&[timex(0..4, TimexType::Date, "x")], &[]);
        assert_eq!(
            s.overall.relaxed(),
            Prf {
                precision: 0.0,
                recall: 0.0,
                f1: 0.0
            }
        );
    }

    #[test]
    fn white_space_expressions_are_not_scored() {
        let s = run(
            &[timex(4..5, TimexType::Date, "x")],
            &[timex(4..5, TimexType::Date, "x")],
        );
        assert_eq!(s.overall.gold.total, 0);
        assert_eq!(s.overall.system.total, 0);
    }
}
