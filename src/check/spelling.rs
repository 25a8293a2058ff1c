//! `spelling`: a name close to, but not equal to, a reference name is a likely misspelling
//! ("Ri Yong Hoo" for "Ri Yong Ho").

use super::{Context, Finding, Rule, Verdict, finding};
use crate::extract::mention;
use crate::extract::{Claim, ClaimValue};
use crate::reference::{EntityIdx, EntityKind, Value};
use crate::text::fold::FOLDED_ASCII;
use crate::text::fold_text;
use std::ops::Range;

/// Is `person` named elsewhere in the story, or is the misspelled name right after an office
/// the person held ("foreign minister Ri Yong Hoo")?
fn person_in_context(ctx: &Context, person: EntityIdx, span: &Range<usize>) -> bool {
    let offices: Vec<EntityIdx> = ctx
        .reference
        .statements(person, "position")
        .filter_map(|s| match s.value {
            Value::Entity(o) => Some(o),
            _ => None,
        })
        .collect();
    ctx.claims.iter().any(|c| {
        let entities = mention::entities(c);
        let elsewhere =
            (c.span.end <= span.start || c.span.start >= span.end) && entities.contains(&person);
        let office_before = c.span.end <= span.start
            && ctx.doc.text[c.span.end..span.start].trim().is_empty()
            && entities.iter().any(|e| offices.contains(e));
        elsewhere || office_before
    })
}

/// The words of a piece of a name: `fold_text`'s folded text split at its spaces. Pushes as
/// `push_ascii_words` does.
fn push_folded_words(
    piece: &str,
    start: usize,
    folded_words: &mut String,
    words: &mut Vec<(usize, usize, Range<usize>)>,
) {
    let folded = fold_text(piece);
    let mut at = 0;
    for word in folded.text.split(' ') {
        let (from, to) = (at, at + word.len());
        at = to + 1;
        if word.is_empty() {
            continue;
        }
        let (a, b) = folded.original_range(from, to, piece);
        let kept = folded_words.len();
        folded_words.push_str(word);
        words.push((start + a, start + b, kept..folded_words.len()));
    }
}

/// The words of an ASCII piece of a name, as `fold_text` and a split at its spaces give them:
/// the runs of bytes that do not fold to a space, each folded byte for byte. Pushes each
/// word's folded text to `folded_words` and (its start and end in the document, its range
/// there) to `words`; `start` is the piece's offset in the document.
fn push_ascii_words(
    piece: &str,
    start: usize,
    folded_words: &mut String,
    words: &mut Vec<(usize, usize, Range<usize>)>,
) {
    let bytes = piece.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if FOLDED_ASCII[usize::from(bytes[at])] == b' ' {
            at += 1;
            continue;
        }
        let from = at;
        while bytes
            .get(at)
            .is_some_and(|&b| FOLDED_ASCII[usize::from(b)] != b' ')
        {
            at += 1;
        }
        let kept = folded_words.len();
        folded_words.extend(
            bytes[from..at]
                .iter()
                .map(|&b| char::from(FOLDED_ASCII[usize::from(b)])),
        );
        words.push((start + from, start + at, kept..folded_words.len()));
    }
}

/// Names are two to four words.
const MAX_WORDS: usize = 4;

pub fn check(rule: &Rule, claim: &Claim, ctx: &Context) -> Option<Finding> {
    let ClaimValue::Name(_) = &claim.value else {
        return None;
    };
    // Words with their offsets in the document; a trailing possessive is not part of a name.
    // A hyphen separates words as in the reference's folded names: "Brand-Holm" is two.
    // Each word is (start, end, its folded text's range in `folded_words`).
    // Folding keeps the length of ASCII text: room for it all at once.
    let mut folded_words = String::with_capacity(claim.text.len());
    let mut words: Vec<(usize, usize, Range<usize>)> = Vec::with_capacity(MAX_WORDS);
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
        if bare.is_ascii() {
            push_ascii_words(bare, start, &mut folded_words, &mut words);
            continue;
        }
        push_folded_words(bare, start, &mut folded_words, &mut words);
    }
    let names = &ctx.reference.names;
    // Bit `k`: word `k` (of the first 64) is in no reference name. A window with two such
    // words is neither a name nor a word away from one: it is skipped unlooked-up.
    let mut in_no_name = 0u64;
    for (k, (_, _, range)) in words.iter().enumerate().take(64) {
        if !names.may_be_name_word(folded_words.get(range.clone()).unwrap_or("")) {
            in_no_name |= 1 << k;
        }
    }
    // The folded words of a window joined by spaces, one buffer for every window.
    let mut joined = String::with_capacity(folded_words.len() + MAX_WORDS);
    for size in (2..=MAX_WORDS.min(words.len())).rev() {
        for (at, window) in words.windows(size).enumerate() {
            let window_bits = u32::try_from(at)
                .ok()
                .and_then(|at| in_no_name.checked_shr(at))
                .unwrap_or(0)
                & ((1 << size) - 1);
            if window_bits.count_ones() >= 2 {
                continue;
            }
            let mut few = [""; MAX_WORDS];
            for (word, (_, _, range)) in few.iter_mut().zip(window) {
                *word = folded_words.get(range.clone()).unwrap_or("");
            }
            let folded = &few[..size];
            joined.clear();
            for (k, word) in folded.iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(word);
            }
            if names.contains_folded(&joined) {
                continue;
            }
            let misses = names.near_misses(folded);
            let Some(best) = misses.first() else { continue };
            // Two equally close names: no single likely spelling to suggest.
            if misses.get(1).is_some_and(|m| m.distance == best.distance) {
                continue;
            }
            let pattern = &names.patterns[best.pattern];
            let span = window[0].0..window[size - 1].1;
            // A person's name one letter off is as often someone else ("Steve Chen" is not
            // "Steve Cohen"): suggest it only when the story is about that person already.
            if pattern
                .entities
                .iter()
                .any(|&e| ctx.reference.entity(e).kind == EntityKind::Person)
                && !pattern
                    .entities
                    .iter()
                    .any(|&e| person_in_context(ctx, e, &span))
            {
                continue;
            }
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
    use super::{push_ascii_words, push_folded_words};

    proptest::proptest! {
        #[test]
        fn ascii_words_are_the_folded_words(piece in "[A-Za-z`'.\\- \t\x0B\x0C\r\n]{0,16}") {
            let (mut fast, mut slow) = ((String::new(), Vec::new()), (String::new(), Vec::new()));
            push_ascii_words(&piece, 7, &mut fast.0, &mut fast.1);
            push_folded_words(&piece, 7, &mut slow.0, &mut slow.1);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    use crate::check::testing::{WORLD, checker, findings};
    use crate::check::{Severity, Verdict};

    #[test]
    fn a_near_miss_of_a_known_name_is_a_warning_with_the_name() {
        let c = checker(WORLD);
        let found = findings(
            &c,
            "2019-02-23",
            "Boris Kell arrived. Boris Kel spoke in Zenda.",
            "spelling",
        );
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

    /// Made-up people and places, so each test depends only on the names written here.
    const CLAIMS: &str = r#"
[[entity]]
id = "anna-varga"
kind = "person"
name = "Anna Varga"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/varga"

[[entity]]
id = "lena-varga"
kind = "person"
name = "Lena Varga"

[[entity.statement]]
property = "sibling"
value = "anna-varga"
source = "https://example.org/lena-varga"

[[entity]]
id = "teodor-marinkovic"
kind = "person"
name = "Teodor Marinkovic"

[[entity.statement]]
property = "born"
value = "1961"
source = "https://example.org/marinkovic"

[[entity]]
id = "ilse-brand-holm"
kind = "person"
name = "Ilse Brand-Holm"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/brand-holm"

[[entity]]
id = "maria-luisa-ferro"
kind = "person"
name = "Maria Luisa Ferro"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/ferro"

[[entity]]
id = "mira-holt"
kind = "person"
name = "Mira Holt"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/mira-holt"

[[entity]]
id = "mina-holt"
kind = "person"
name = "Mina Holt"

[[entity.statement]]
property = "gender"
value = "female"
source = "https://example.org/mina-holt"

[[entity]]
id = "new-vandia"
kind = "place"
name = "New Vandia"

[[entity.statement]]
property = "capital"
value = "port-holstein"
source = "https://example.org/new-vandia"

[[entity]]
id = "port-holstein"
kind = "place"
name = "Port Holstein"

[[entity.statement]]
property = "located-in"
value = "new-vandia"
source = "https://example.org/port-holstein"

[[entity]]
id = "lake-toral"
kind = "place"
name = "Lake Toral"

[[entity.statement]]
property = "located-in"
value = "new-vandia"
source = "https://example.org/lake-toral"

[[entity]]
id = "vandia-chancellor"
kind = "office"
name = "Chancellor of New Vandia"
aliases = ["Grand Chancellor"]

[[entity.statement]]
property = "jurisdiction"
value = "new-vandia"
source = "https://example.org/new-vandia"
"#;

    fn flagged(c: &crate::checker::Checker, text: &str) -> Vec<(String, String)> {
        findings(c, "2019-02-23", text, "spelling")
            .into_iter()
            .map(|f| {
                let s = f.suggestion.expect("a spelling finding suggests the name");
                (f.text, s.replacement)
            })
            .collect()
    }

    fn pair(written: &str, meant: &str) -> (String, String) {
        (written.to_string(), meant.to_string())
    }

    #[test]
    fn a_slip_in_a_known_name_suggests_the_name_with_its_source() {
        let c = checker(CLAIMS);
        let found = findings(
            &c,
            "2019-02-23",
            "Anna Varga arrived. Anna Vargo met reporters.",
            "spelling",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(f.rule, "name-spelling");
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.verdict, Verdict::Contradicted);
        assert_eq!(f.text, "Anna Vargo");
        assert_eq!(
            f.message,
            "“Anna Vargo” is not a name the reference knows; did you mean “Anna Varga”?"
        );
        assert_eq!(f.evidence.len(), 1, "{:#?}", f.evidence);
        assert_eq!(f.evidence[0].statement, "Anna Varga (person)");
        assert_eq!(f.evidence[0].source, "https://example.org/varga");
        let s = f.suggestion.as_ref().expect("the known name");
        assert_eq!(
            (s.original.as_str(), s.replacement.as_str()),
            ("Anna Vargo", "Anna Varga")
        );
        assert_eq!(s.span, f.span);
        assert!(!s.safe, "an unknown name may be someone else");
    }

    #[test]
    fn slips_of_every_kind_are_caught() {
        let c = checker(CLAIMS);
        for (text, written, meant) in [
            // A letter swapped, dropped, doubled or transposed.
            ("Lena Varga met Anna Verga.", "Anna Verga", "Anna Varga"),
            ("Ana Varga spoke.", "Ana Varga", "Anna Varga"),
            ("Lena Vargaa spoke.", "Lena Vargaa", "Lena Varga"),
            (
                "Teodor Mrainkovic spoke.",
                "Teodor Mrainkovic",
                "Teodor Marinkovic",
            ),
            // A long word may take two slips.
            (
                "Teodor Marinkovitch spoke.",
                "Teodor Marinkovitch",
                "Teodor Marinkovic",
            ),
            // Three-word names and places too.
            (
                "Maria Luisa Feroo spoke.",
                "Maria Luisa Feroo",
                "Maria Luisa Ferro",
            ),
            (
                "Ships docked at Port Holstien.",
                "Port Holstien",
                "Port Holstein",
            ),
        ] {
            // The person is named correctly elsewhere: the story is about them.
            let story = format!("{meant} arrived. {text}");
            assert_eq!(flagged(&c, &story), [pair(written, meant)], "{story}");
        }
    }

    #[test]
    fn a_persons_near_miss_needs_the_person_in_the_story() {
        let c = checker(CLAIMS);
        // "Steve Chen" is not "Steve Cohen": one letter off is as often someone else.
        assert_eq!(flagged(&c, "Anna Vargo met reporters."), []);
        assert_eq!(flagged(&c, "Lena Varga met Anna Verga."), []);
        // Named elsewhere, or after an office the person held, it is a slip.
        assert_eq!(
            flagged(&c, "Anna Varga arrived. Anna Vargo met reporters."),
            [pair("Anna Vargo", "Anna Varga")]
        );
        // Places need no such context.
        assert_eq!(
            flagged(&c, "Ships docked at Port Holstien."),
            [pair("Port Holstien", "Port Holstein")]
        );
    }

    #[test]
    fn a_slip_before_a_possessive_leaves_the_possessive_out() {
        let c = checker(CLAIMS);
        for text in [
            "Anna Varga left. Anna Vargo’s aides spoke.",
            "Anna Varga left. Anna Vargo's aides spoke.",
        ] {
            let found = findings(&c, "2019-02-23", text, "spelling");
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(&text[found[0].span.clone()], "Anna Vargo", "{text}");
            assert_eq!(found[0].text, "Anna Vargo");
        }
    }

    #[test]
    fn a_slip_in_a_hyphenated_name_is_caught() {
        let c = checker(CLAIMS);
        for (text, written) in [
            (
                "Ilse Brand-Holm left. Ilse Brand-Holn spoke.",
                "Ilse Brand-Holn",
            ),
            (
                "Ilse Brand-Holm left. Ilse Brand-Holn’s aides spoke.",
                "Ilse Brand-Holn",
            ),
            (
                "Ilse Brand-Holm left. Ilse Brnad-Holm spoke.",
                "Ilse Brnad-Holm",
            ),
        ] {
            let found = findings(&c, "2019-02-23", text, "spelling");
            assert_eq!(found.len(), 1, "{text}: {found:#?}");
            assert_eq!(&text[found[0].span.clone()], written, "{text}");
            assert_eq!(
                found[0].suggestion.as_ref().map(|s| s.replacement.as_str()),
                Some("Ilse Brand-Holm"),
                "{text}"
            );
        }
        for text in [
            "Ilse Brand-Holm spoke.",
            "Ilse Brand Holm spoke.",
            "Ilse Brand-Holm’s aides spoke.",
        ] {
            assert_eq!(flagged(&c, text), [], "{text}");
        }
    }

    #[test]
    fn plurals_demonyms_and_possessives_of_known_names_stand() {
        let c = checker(CLAIMS);
        for text in [
            "Anna Varga’s aides spoke.",
            "Anna Varga's aides spoke.",
            "The Lena Vargas of this world stay quiet.",
            "New Vandians voted on Sunday.",
            "A New Vandian delegation left.",
            "The New Vandia’s fleet sailed.",
            "Lake Toralese fishermen protested.",
            "Port Holsteiners cheered.",
        ] {
            assert_eq!(flagged(&c, text), [], "{text}");
        }
    }

    #[test]
    fn demonyms_in_er_stand() {
        let c = checker(CLAIMS);
        assert_eq!(flagged(&c, "A Port Holsteiner won."), []);
    }

    #[test]
    fn other_names_are_other_people_not_slips() {
        let c = checker(CLAIMS);
        for text in [
            // Known names, exactly or in another case or with hyphens for spaces.
            "Anna Varga and Lena Varga spoke.",
            "ANNA VARGA spoke.",
            "Maria-Luisa Ferro spoke.",
            // A different first letter, or more than one slip in a short word.
            "Hanna Varga spoke.",
            "Anna Vorgo spoke.",
            "Anja Vargas spoke.",
            "Ilse Brandt spoke.",
            "Teodor Mazur spoke.",
            // Names nobody in the reference resembles.
            "Oskar Lind spoke.",
        ] {
            assert_eq!(flagged(&c, text), [], "{text}");
        }
    }

    #[test]
    fn two_equally_close_names_suggest_neither() {
        let c = checker(CLAIMS);
        // "Mila" is one letter from both "Mira" and "Mina".
        assert_eq!(flagged(&c, "Mila Holt spoke."), []);
        // "Mira Holz" is one slip from Mira Holt, two from Mina Holt.
        assert_eq!(
            flagged(&c, "Mira Holt left. Mira Holz spoke."),
            [pair("Mira Holz", "Mira Holt")]
        );
    }

    #[test]
    fn office_names_are_common_words_not_names_to_spell_check() {
        let c = checker(CLAIMS);
        assert_eq!(flagged(&c, "The Grand Chancelor spoke."), []);
    }
}
