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
    Regex::new(r"\p{Lu}[\p{L}-]*(?:[ \t]+\p{Lu}[\p{L}-]*)+").expect("a valid, fixed pattern")
});

/// Runs of capitalized words, minus the parts already recognized as mentions.
pub fn extract(doc: &Document, known: &[Range<usize>]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for run in NAME_RUN.find_iter(&doc.text) {
        // Split the run around known mentions: "U.S. President Donald Trump" leaves nothing.
        let mut pieces = vec![run.start()..run.end()];
        for k in known.iter().filter(|k| k.start < run.end() && run.start() < k.end) {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    let mut out = Vec::new();
                    if k.start > p.start {
                        out.push(p.start..k.start.min(p.end));
                    }
                    if k.end < p.end {
                        out.push(k.end.max(p.start)..p.end);
                    }
                    if k.end <= p.start || k.start >= p.end {
                        out = vec![p.clone()];
                    }
                    out
                })
                .collect();
        }
        for piece in pieces {
            let text = doc.text[piece.clone()].trim();
            let start = piece.start + (doc.text[piece.clone()].len() - doc.text[piece.clone()].trim_start().len());
            let span = start..start + text.len();
            let tokens: Vec<String> = text
                .split([' ', '\t'])
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
