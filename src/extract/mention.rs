//! Mentions: names of reference entities, found with one automaton over every name and alias
//! (see `reference::names`), plus bare surnames of people already named in full ("Kim" after
//! "Kim Jong Un", "Trump" after "Donald Trump"), as news style refers to them.

use super::claim::{Claim, ClaimKind, ClaimValue, MentionClaim};
use super::name::next_ascii_capital;
use crate::document::Document;
use crate::reference::{EntityIdx, EntityKind, Reference, Value};
use crate::text::fold_name;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A capitalized word: a candidate bare surname.
static CAPITALIZED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Lu}[\p{Ll}\p{Lu}]+\b").expect("a valid, fixed pattern"));

/// The matches of `CAPITALIZED_WORD` in `text`, left to right. On ASCII text (nearly every
/// story) a scan finds them without the regex: there a match is a whole word of ASCII word
/// chars (`[0-9A-Za-z_]`, what `\b` separates) that is letters only, at least two, the first
/// a capital.
fn capitalized_words(text: &str) -> Vec<std::ops::Range<usize>> {
    if !text.is_ascii() {
        return CAPITALIZED_WORD
            .find_iter(text)
            .map(|m| m.range())
            .collect();
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // From each capital to the end of its word; only a capital that starts a word can start
    // a match. `at` is 0 or the end of a word, so a word before a capital starts at or after
    // `at`, with no capital.
    let mut at = 0;
    while let Some(capital) = next_ascii_capital(bytes, at) {
        let end = bytes[capital..]
            .iter()
            .position(|&b| !is_word(b))
            .map_or(bytes.len(), |len| capital + len);
        let starts_word = capital == 0 || !is_word(bytes[capital - 1]);
        if starts_word
            && end - capital >= 2
            && bytes[capital + 1..end].iter().all(u8::is_ascii_alphabetic)
        {
            out.push(capital..end);
        }
        at = end;
    }
    out
}

pub fn extract(doc: &Document, reference: &Reference) -> Vec<Claim> {
    let mut claims: Vec<Claim> = reference
        .names
        .find(&doc.text)
        .into_iter()
        .map(|m| {
            let entities = reference.names.patterns[m.pattern].entities.clone();
            claim(doc, m.start, m.end, entities)
        })
        .collect();

    // Bare surnames: the first person named in full whose first or last word it is. Korean
    // names put the family name first ("Kim"), Western ones last ("Trump").
    let mut short_names: FxHashMap<String, EntityIdx> = FxHashMap::default();
    let mut full_mentions = claims
        .iter()
        .filter_map(|c| match &c.value {
            ClaimValue::Mention(m) if m.entities.len() == 1 => {
                let e = m.entities[0];
                (reference.entity(e).kind == EntityKind::Person).then_some((c.span.start, e))
            }
            _ => None,
        })
        .peekable();
    let mut extra = Vec::new();
    let mut covered = claims.iter().map(|c| c.span.clone()).peekable();
    for word in capitalized_words(&doc.text) {
        let (word_start, word_end) = (word.start, word.end);
        let word_text = &doc.text[word];
        while let Some(&(start, person)) = full_mentions.peek() {
            if start >= word_start {
                break;
            }
            let name = fold_name(&reference.entity(person).name);
            let words: Vec<&str> = name.split(' ').collect();
            if words.len() >= 2 {
                for w in [words[0], words[words.len() - 1]] {
                    short_names.entry(w.to_string()).or_insert(person);
                }
            }
            full_mentions.next();
        }
        while covered.peek().is_some_and(|r| r.end <= word_start) {
            covered.next();
        }
        if covered.peek().is_some_and(|r| r.start < word_end) {
            continue;
        }
        // Part of a hyphenated word ("Holm" in "Brnad-Holm") is no name on its own.
        if doc.text[..word_start].ends_with(['-', '‐'])
            || doc.text[word_end..].starts_with(['-', '‐'])
        {
            continue;
        }
        // "President Trump", "Chairman Kim": a surname right after an office names a holder.
        if let Some(office) = office_before(&claims, &doc.text, word_start) {
            let holders = holders_named(doc, reference, office, word_text);
            if !holders.is_empty() && !next_to_capitalized_after(&doc.text, word_end) {
                extra.push(claim(doc, word_start, word_end, holders));
                continue;
            }
        }
        // A capitalized word beside another is part of a longer name ("Ri" in "Ri Yong Hoo"),
        // not a surname standing alone.
        if next_to_capitalized(&doc.text, word_start, word_end) {
            continue;
        }
        // (No person named in full yet: no surname to fold and look up.)
        if short_names.is_empty() {
            continue;
        }
        if let Some(&person) = short_names.get(&fold_name(word_text)) {
            extra.push(claim(doc, word_start, word_end, vec![person]));
        }
    }
    claims.extend(extra);
    claims.sort_by_key(|c| c.span.start);
    claims
}

/// The offices of an office mention that ends one space before `start`.
fn office_before<'c>(claims: &'c [Claim], text: &str, start: usize) -> Option<&'c [EntityIdx]> {
    let before = text.get(..start)?;
    let end = before.strip_suffix(' ')?.len();
    // The mentions are in text order and never overlap, so their ends are in order too: the
    // last one ending at `end` is found by a binary search, not a scan per word.
    let upto = claims.partition_point(|c| c.span.end <= end);
    claims[..upto]
        .last()
        .filter(|c| c.span.end == end)
        .map(entities)
        .filter(|e| !e.is_empty())
}

/// The people who held one of `offices` whose name (or an alias) begins or ends with `word`:
/// those in office on the story date when there are any, else all of them. An empty list when
/// nobody fits.
fn holders_named(
    doc: &Document,
    reference: &Reference,
    offices: &[EntityIdx],
    word: &str,
) -> Vec<EntityIdx> {
    let day = doc.story_date.map(|d| d.date);
    let mut all: Vec<EntityIdx> = Vec::new();
    let mut current: Vec<EntityIdx> = Vec::new();
    for &person in reference.people_with_name_word(word) {
        for s in reference.statements(person, "position") {
            let Value::Entity(office) = s.value else {
                continue;
            };
            if !offices.contains(&office) {
                continue;
            }
            if !all.contains(&person) {
                all.push(person);
            }
            if day.is_some_and(|d| s.holds_on(d)) && !current.contains(&person) {
                current.push(person);
            }
        }
    }
    if !current.is_empty() {
        return current;
    }
    // Holders at other times only by family name: "President Bush" in 1987 is one of the two
    // Bushes, but "President Thomas" of some company is not Thomas Jefferson. (Names whose
    // family name comes first, "Chairman Kim", are matched while in office.)
    let folded = fold_name(word);
    all.retain(|&p| {
        let e = reference.entity(p);
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| fold_name(n).rsplit(' ').next() == Some(folded.as_str()))
    });
    all
}

/// Is the word ending at `end` followed by another capitalized word ("President Trump Tower",
/// "President Thomas\nDonovan" across a line break)?
fn next_to_capitalized_after(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
    trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
}

fn next_to_capitalized(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .strip_suffix([' ', '\t', '\n'])
        .and_then(|rest| {
            // The first letter of the word before (no copy of it).
            rest.chars().rev().take_while(|c| c.is_alphabetic()).last()
        });
    next_to_capitalized_after(text, end) || before.is_some_and(char::is_uppercase)
}

fn claim(doc: &Document, start: usize, end: usize, entities: Vec<EntityIdx>) -> Claim {
    Claim {
        kind: ClaimKind::Mention,
        span: start..end,
        text: doc.text[start..end].to_string(),
        value: ClaimValue::Mention(MentionClaim { entities }),
        sentence: doc.sentence_at(start),
    }
}

/// The entities of a mention claim, or nothing for other claims.
pub fn entities(claim: &Claim) -> &[EntityIdx] {
    match &claim.value {
        ClaimValue::Mention(m) => &m.entities,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_regex(text: &str) -> Vec<std::ops::Range<usize>> {
        CAPITALIZED_WORD
            .find_iter(text)
            .map(|m| m.range())
            .collect()
    }

    #[test]
    fn the_ascii_scan_finds_what_the_regex_finds() {
        for text in [
            "",
            "Kim met Trump in Hanoi. US and UN, A b Ab AB aB",
            "G20 F-16 Mc_Donald O'Neill X9 _Kim Kim_ Kim9 (Moon) \"Ri\" Kim-Jong",
            "KIM JONG UN\tand\nMoon Jae-in.",
        ] {
            assert_eq!(capitalized_words(text), by_regex(text), "{text:?}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]
            #[test]
            fn the_ascii_scan_finds_what_the_regex_finds_in_any_ascii_text(
                text in "[A-Da-d0-9_ .,'\\-\t\n]{0,40}"
            ) {
                prop_assert_eq!(capitalized_words(&text), by_regex(&text));
            }
        }
    }
    use crate::check::testing::checker;
    use chrono::NaiveDate;

    const CLAIMS: &str = r#"
[[entity]]
id = "ruritania-president"
kind = "office"
name = "President of Ruritania"
aliases = ["President"]

[[entity]]
id = "anna-varga"
kind = "person"
name = "Anna Varga"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 2000-01-01
end = 2010-01-01
source = "https://example.org/varga"

[[entity]]
id = "lena-varga"
kind = "person"
name = "Lena Varga"

[[entity.statement]]
property = "position"
value = "ruritania-president"
start = 2010-01-01
source = "https://example.org/lena"
"#;

    fn mentioned(text: &str, date: &str) -> Vec<(String, Vec<String>)> {
        let c = checker(CLAIMS);
        let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
        let doc = Document::from_text("t.txt", text, day);
        extract(&doc, &c.reference)
            .iter()
            .map(|m| {
                let ids = entities(m)
                    .iter()
                    .map(|&e| c.reference.entity(e).id.clone())
                    .collect();
                (m.text.clone(), ids)
            })
            .collect()
    }

    #[test]
    fn a_first_name_after_an_office_is_no_surname() {
        // "President Anna" across a line break is the start of "Anna Smith", someone else;
        // and a given name never stands for a past holder ("CBT President Thomas").
        for text in ["The President Anna\nSmith spoke.", "President Anna spoke."] {
            let found = mentioned(text, "2015-01-01");
            assert!(!found.iter().any(|(t, _)| t == "Anna"), "{text}: {found:?}");
        }
    }

    #[test]
    fn a_surname_after_an_office_is_the_holder_at_the_story_date() {
        let found = mentioned("President Varga spoke.", "2015-01-01");
        assert!(
            found.contains(&("Varga".into(), vec!["lena-varga".into()])),
            "{found:?}"
        );
        let found = mentioned("President Varga spoke.", "2005-01-01");
        assert!(
            found.contains(&("Varga".into(), vec!["anna-varga".into()])),
            "{found:?}"
        );
        // No date: either Varga.
        let found = mentioned("President Varga spoke.", "");
        assert!(
            found.contains(&(
                "Varga".into(),
                vec!["anna-varga".into(), "lena-varga".into()]
            )),
            "{found:?}"
        );
    }

    #[test]
    fn a_bare_surname_needs_the_full_name_first_or_an_office() {
        let found = mentioned("Varga spoke.", "2015-01-01");
        assert!(found.iter().all(|(t, _)| t != "Varga"), "{found:?}");
        let found = mentioned("Anna Varga arrived. Varga spoke.", "2015-01-01");
        assert_eq!(
            found.last(),
            Some(&("Varga".into(), vec!["anna-varga".into()]))
        );
        // Part of a longer name: "President Varga Street" is no person.
        let found = mentioned("They met on President Varga Street.", "2015-01-01");
        assert!(found.iter().all(|(t, _)| t != "Varga"), "{found:?}");
    }
}
