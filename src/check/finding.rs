//! The `Finding`: what the rule engine says about one claim.

use serde::Serialize;
use std::ops::Range;

/// What the reference says of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The reference confirms the claim.
    Supported,
    /// The reference says otherwise.
    Contradicted,
    /// The reference cannot settle it (unknown entity, no story date, ambiguous name...).
    Unverifiable,
}

impl Verdict {
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::Unverifiable => "unverifiable",
        }
    }
}

/// How much a contradiction matters. `Error` fails the run; `Warning` (a likely misspelling)
/// is shown but does not; `Info` is for notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One piece of evidence: what the reference says, and where it says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// A sentence an editor can read: "Ri Yong Ho held Minister of Foreign Affairs of North
    /// Korea from 2016-05-09 to 2020-01-18".
    pub statement: String,
    /// The statement's source (URL or citation).
    pub source: String,
}

/// A correction: replace `span` (byte range of `Document::text`) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub span: Range<usize>,
    /// The text being replaced, as written.
    pub original: String,
    pub replacement: String,
    /// Safe suggestions can be applied by `--fix` without an editor's review.
    pub safe: bool,
}

/// The engine's answer for one claim under one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    /// The assertion kind that decided it ("holds", "event-date", ...).
    pub check: String,
    pub severity: Severity,
    pub verdict: Verdict,
    /// Byte range of the claim in `Document::text`.
    pub span: Range<usize>,
    /// The claim as written.
    pub text: String,
    /// One line saying what was found: "Ri Su Yong was not foreign minister on 2019-02-23".
    pub message: String,
    pub evidence: Vec<Evidence>,
    pub suggestion: Option<Suggestion>,
}
