//! Names: runs of capitalized words that are not reference names. They are the candidates of
//! the spelling check ("Ri Yong Hoo" for "Ri Yong Ho"); an unknown name that resembles no
//! reference name is simply someone the reference does not know.

use super::claim::{Claim, ClaimKind, ClaimValue, NameClaim};
use crate::document::Document;
use crate::text::fold_name;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Two or more capitalized words in a row ("Ri Yong Hoo", "Kim Jong-unn").
static NAME_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}-]*(?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)\p{Lu}[\p{L}-]*)+")
        .expect("a valid, fixed pattern")
});

/// Runs of capitalized words, minus the parts already recognized as mentions.
pub fn extract(doc: &Document, known: &[Range<usize>]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for run in NAME_RUN.find_iter(&doc.text) {
        // The parts of the run outside known mentions: "U.S. President Donald Trump" leaves
        // nothing. `known` is sorted by start.
        let first = known.partition_point(|k| k.end <= run.start());
        let mut pieces = Vec::new();
        let mut at = run.start();
        for k in known[first..].iter().take_while(|k| k.start < run.end()) {
            if k.start > at {
                pieces.push(at..k.start);
            }
            at = at.max(k.end);
        }
        if at < run.end() {
            pieces.push(at..run.end());
        }
        for piece in pieces {
            let raw = &doc.text[piece.clone()];
            let text = raw.trim();
            let start = piece.start + (raw.len() - raw.trim_start().len());
            let span = start..start + text.len();
            let tokens: Vec<String> = text
                .split([' ', '\t', '\n', '\r'])
                .filter(|w| !w.is_empty())
                .map(fold_name)
                .collect();
            if tokens.len() < 2 || !text.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            claims.push(Claim {
                kind: ClaimKind::Name,
                text: text.to_string(),
                sentence: doc.sentence_at(span.start),
                span,
                value: ClaimValue::Name(NameClaim { tokens }),
            });
        }
    }
    claims
}
