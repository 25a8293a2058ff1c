//! `spelling`: a name close to, but not equal to, a reference name is a likely misspelling
//! ("Ri Yong Hoo" for "Ri Yong Ho").

use super::{Context, Finding, Rule, Verdict, finding};
use crate::extract::{Claim, ClaimValue};
use crate::text::fold_name;

/// Names are two to four words.
const MAX_WORDS: usize = 4;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<Finding> {
    let ClaimValue::Name(_) = &claim.value else {
        return None;
    };
    // Words with their offsets in the document; a trailing possessive is not part of a name.
    let mut words: Vec<(usize, usize, String)> = Vec::new();
    let mut offset = 0;
    for piece in claim.text.split([' ', '\t', '\n', '\r']) {
        let start = claim.span.start + offset;
        offset += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let bare = piece
            .strip_suffix("’s")
            .or_else(|| piece.strip_suffix("'s"))
            .unwrap_or(piece);
        words.push((start, start + bare.len(), fold_name(bare)));
    }
    let names = &ctx.reference.names;
    for size in (2..=MAX_WORDS.min(words.len())).rev() {
        for window in words.windows(size) {
            let folded: Vec<&str> = window.iter().map(|(_, _, w)| w.as_str()).collect();
            if names.contains_folded(&folded.join(" ")) {
                continue;
            }
            let misses = names.near_misses(&folded);
            let Some(best) = misses.first() else { continue };
            // Two equally close names: no single likely spelling to suggest.
            if misses.get(1).is_some_and(|m| m.distance == best.distance) {
                continue;
            }
            let pattern = &names.patterns[best.pattern];
            let span = window[0].0..window[size - 1].1;
            let written = &ctx.doc.text[span.clone()];
            let mut f = finding(
                rule,
                span.clone(),
                written,
                Verdict::Contradicted,
                format!(
                    "“{written}” is not a name the reference knows; did you mean “{}”?",
                    pattern.display
                ),
            );
            for &e in &pattern.entities {
                let entity = ctx.reference.entity(e);
                let source = entity
                    .statements
                    .first()
                    .map(|s| s.source.clone())
                    .unwrap_or_else(|| entity.origin.to_string());
                f.evidence.push(super::Evidence {
                    statement: format!(
                        "{} ({}){}",
                        entity.name,
                        entity.kind.as_str(),
                        entity
                            .description
                            .as_ref()
                            .map(|d| format!(": {d}"))
                            .unwrap_or_default()
                    ),
                    source,
                });
            }
            f.suggestion = Some(super::Suggestion {
                span,
                original: written.to_string(),
                replacement: pattern.display.clone(),
                safe: false,
            });
            return Some(f);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::check::Severity;
    use crate::check::testing::{WORLD, checker, findings};

    #[test]
    fn a_near_miss_of_a_known_name_is_a_warning_with_the_name() {
        let c = checker(WORLD);
        let found = findings(&c, "2019-02-23", "Boris Kel spoke in Zenda.", "spelling");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].text, "Boris Kel");
        let s = found[0].suggestion.as_ref().expect("the known name");
        assert_eq!(s.replacement, "Boris Kell");
        assert!(!s.safe);
    }

    #[test]
    fn known_names_their_possessives_and_other_names_stand() {
        let c = checker(WORLD);
        for text in [
            "Boris Kell spoke in Zenda.",
            "Boris Kell’s aides spoke.",
            "Ruritanians voted.",
            "The Ruritanian delegation left.",
            "Doris Bell spoke.",
            "Maria Lopez spoke.",
        ] {
            let found = findings(&c, "2019-02-23", text, "spelling");
            assert!(found.is_empty(), "{text}: {found:#?}");
        }
    }
}
