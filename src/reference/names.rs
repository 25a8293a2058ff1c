//! The name index: one Aho-Corasick automaton over every folded name and alias, and a
//! near-miss index for spelling checks. Built once when the reference loads.

use super::model::{Entity, EntityIdx, EntityKind};
use crate::text::{fold, fold_name};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;

/// One distinct folded name and the entities that bear it.
#[derive(Debug, Clone)]
pub struct NamePattern {
    pub folded: String,
    /// The name as first written in the data, for messages and suggestions.
    pub display: String,
    pub entities: Vec<EntityIdx>,
    /// Acronyms ("US", "WPK") match only when written in capitals, so "us" the pronoun is no
    /// mention of the United States.
    pub capitals_only: bool,
    /// Number of words in the name.
    pub words: usize,
}

/// A name found in text: a byte range of the original text and the pattern it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

#[derive(Debug)]
pub struct NameIndex {
    automaton: Option<AhoCorasick>,
    pub patterns: Vec<NamePattern>,
    /// Folded name -> its pattern.
    by_folded: HashMap<String, usize>,
    /// (word count, position of the differing word, the other words joined) -> patterns.
    near: HashMap<(usize, usize, String), Vec<usize>>,
}

/// A name close to a reference name: same words but one, and that one a small edit away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub pattern: usize,
    pub word: usize,
    pub distance: usize,
}

fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

impl NameIndex {
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<NamePattern> = Vec::new();
        for (i, entity) in entities.iter().enumerate() {
            let idx = EntityIdx(i as u32);
            for name in std::iter::once(&entity.name).chain(entity.aliases.iter()) {
                let folded = fold_name(name);
                if folded.is_empty() {
                    continue;
                }
                let acronym = is_acronym(name);
                let p = *by_name.entry(folded.clone()).or_insert_with(|| {
                    patterns.push(NamePattern {
                        display: name.trim().to_string(),
                        words: folded.split(' ').count(),
                        folded,
                        entities: Vec::new(),
                        capitals_only: acronym,
                    });
                    patterns.len() - 1
                });
                let pattern = &mut patterns[p];
                // A name that is an acronym for one entity and a word for another matches as
                // a word.
                pattern.capitals_only &= acronym;
                if !pattern.entities.contains(&idx) {
                    pattern.entities.push(idx);
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|p| p.folded.as_str()))
                .ok()
        };
        let mut near: HashMap<(usize, usize, String), Vec<usize>> = HashMap::new();
        for (p, pattern) in patterns.iter().enumerate() {
            // Spelling checks compare proper names: people, places, organizations, events;
            // office aliases are common words ("foreign minister").
            let proper = pattern
                .entities
                .iter()
                .any(|e| entities[e.index()].kind != EntityKind::Office);
            if !proper || pattern.words < 2 || pattern.capitals_only {
                continue;
            }
            let words: Vec<&str> = pattern.folded.split(' ').collect();
            for i in 0..words.len() {
                near.entry((words.len(), i, join_except(&words, i)))
                    .or_default()
                    .push(p);
            }
        }
        NameIndex {
            automaton,
            patterns,
            by_folded: by_name,
            near,
        }
    }

    /// Every name in `text`, longest first where they overlap, left to right. A name must
    /// stand as whole words: "Ri Yong Ho" is not found in "Ri Yong Hoo".
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold(text);
        let bytes = folded.text.as_bytes();
        let mut found = Vec::new();
        for m in automaton.find_overlapping_iter(folded.text.as_str()) {
            let (s, e) = (m.start(), m.end());
            let before_ok = s == 0 || !is_word_byte(bytes[s - 1]);
            let after_ok = e >= bytes.len() || !is_word_byte(bytes[e]);
            if !before_ok || !after_ok {
                continue;
            }
            let (start, end) = folded.original_range(s, e, text);
            let pattern = &self.patterns[m.pattern().as_usize()];
            if pattern.capitals_only
                && text[start..end]
                    .chars()
                    .any(|c| c.is_alphabetic() && !c.is_uppercase())
            {
                continue;
            }
            found.push(NameMatch {
                start,
                end,
                pattern: m.pattern().as_usize(),
            });
        }
        // Leftmost-longest among the valid matches.
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen: Vec<NameMatch> = Vec::with_capacity(found.len());
        for m in found {
            if chosen.last().is_none_or(|last| m.start >= last.end) {
                chosen.push(m);
            }
        }
        chosen
    }

    /// Reference names that differ from `words` (already folded) in exactly one word, by a
    /// small edit: the likely intended spellings of an unknown name.
    pub fn near_misses(&self, words: &[&str]) -> Vec<NearMiss> {
        let mut out = Vec::new();
        for i in 0..words.len() {
            let key = (words.len(), i, join_except(words, i));
            let Some(candidates) = self.near.get(&key) else {
                continue;
            };
            for &p in candidates {
                let reference_word = self.patterns[p].folded.split(' ').nth(i).unwrap_or("");
                let written = words[i];
                if reference_word == written || is_variant(written, reference_word) {
                    // An inflection of a known name ("West Germans" of "West German") is
                    // known, however close it also is to another ("West Germany").
                    return Vec::new();
                }
                let distance = edit_distance(written, reference_word);
                let longest = written.chars().count().max(reference_word.chars().count());
                // One edit in a short word, two when both are long: "Salado" is not
                // "Salvador" but another place.
                let shortest = written.chars().count().min(reference_word.chars().count());
                let limit = if shortest >= 7 { 2 } else { 1 };
                let same_start = written.chars().next() == reference_word.chars().next();
                if distance <= limit && same_start && longest >= 2 {
                    out.push(NearMiss {
                        pattern: p,
                        word: i,
                        distance,
                    });
                }
            }
        }
        out.sort_by_key(|n| (n.distance, n.pattern));
        out.dedup_by_key(|n| n.pattern);
        out
    }

    pub fn contains_folded(&self, folded: &str) -> bool {
        self.by_folded.contains_key(folded)
    }
}

/// Inflections and punctuation are not misspellings: "Koreans" for "Korean", "S" for "S.".
fn is_variant(written: &str, reference: &str) -> bool {
    let letters = |w: &str| {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
    };
    let (a, b) = (letters(written), letters(reference));
    if a == b {
        return true;
    }
    // Plurals, possessives and demonyms ("Korea" -> "Koreans", "Vietnam" -> "Vietnamese",
    // "New Zealand" -> "New Zealander"). A bare "n" only after a vowel ("Korean"): after a
    // consonant it is a slip ("Jong-unn").
    let plural = |long: &str, short: &str| {
        long.strip_prefix(short).is_some_and(|rest| match rest {
            "n" | "ns" => short.ends_with(['a', 'e', 'i', 'o', 'u']),
            _ => matches!(
                rest,
                "s" | "es"
                    | "'s"
                    | "an"
                    | "ans"
                    | "ian"
                    | "ians"
                    | "ese"
                    | "i"
                    | "is"
                    | "er"
                    | "ers"
            ),
        })
    };
    // Two forms of one stem: "Islands" and "Islander" (a place and its people).
    const SUFFIXES: &[&str] = &[
        "s", "es", "er", "ers", "an", "ans", "ian", "ians", "ese", "ish",
    ];
    let stems = |w: &str| -> Vec<String> {
        std::iter::once(w.to_string())
            .chain(SUFFIXES.iter().filter_map(|s| {
                w.strip_suffix(s)
                    .filter(|stem| stem.chars().count() >= 3)
                    .map(str::to_string)
            }))
            .collect()
    };
    let shared_stem = {
        let sa = stems(&a);
        stems(&b).iter().any(|x| sa.contains(x))
    };
    shared_stem
        || plural(&a, &b)
        || plural(&b, &a)
        || plural(written, reference)
        || plural(reference, written)
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn join_except(words: &[&str], skip: usize) -> String {
    let mut key = String::new();
    for (i, w) in words.iter().enumerate() {
        if i != skip {
            key.push_str(w);
        }
        key.push(' ');
    }
    key
}

/// Damerau-Levenshtein (optimal string alignment) distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::model::Origin;

    fn entity(id: &str, kind: EntityKind, name: &str, aliases: &[&str]) -> Entity {
        Entity {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: None,
            single_holder: false,
            statements: Vec::new(),
            origin: Origin {
                file: "test".into(),
                line: 1,
                column: 1,
            },
        }
    }

    fn index() -> NameIndex {
        NameIndex::build(&[
            entity("kim-jong-un", EntityKind::Person, "Kim Jong Un", &[]),
            entity("ri-yong-ho", EntityKind::Person, "Ri Yong Ho", &[]),
            entity("us", EntityKind::Place, "United States", &["U.S.", "US"]),
            entity("nk", EntityKind::Place, "North Korea", &["North Korean"]),
            entity("trong", EntityKind::Person, "Nguyễn Phú Trọng", &[]),
        ])
    }

    fn names(text: &str) -> Vec<&str> {
        index()
            .find(text)
            .into_iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    #[test]
    fn finds_names_tolerant_of_case_hyphens_and_diacritics() {
        assert_eq!(
            names("North Korean leader Kim Jong-un’s visit"),
            ["North Korean", "Kim Jong-un"]
        );
        assert_eq!(
            names("Nguyen Phu Trong and the U.S."),
            ["Nguyen Phu Trong", "U.S."]
        );
    }

    #[test]
    fn names_stand_as_whole_words_and_acronyms_need_capitals() {
        assert!(names("foreign minister Ri Yong Hoo").is_empty());
        assert!(names("join us in Seoul").is_empty());
        assert_eq!(names("the US side"), ["US"]);
    }

    #[test]
    fn near_misses_find_one_word_typos_only() {
        let index = index();
        let hits = index.near_misses(&["ri", "yong", "hoo"]);
        assert_eq!(hits.len(), 1);
        assert_eq!(index.patterns[hits[0].pattern].folded, "ri yong ho");
        // A different word is another person, not a typo.
        assert!(index.near_misses(&["kim", "jong", "il"]).is_empty());
        assert!(index.near_misses(&["ri", "su", "yong"]).is_empty());
        // Inflections and punctuation are no typos.
        assert!(index.near_misses(&["north", "koreans"]).is_empty());
        assert!(index.near_misses(&["north", "korea"]).is_empty());
        assert!(index.near_misses(&["kim", "jong", "uns"]).is_empty());
        // The plural of a demonym is no slip for the country a letter away.
        let germany = NameIndex::build(&[entity(
            "de",
            EntityKind::Place,
            "West Germany",
            &["West German"],
        )]);
        assert!(germany.near_misses(&["west", "germans"]).is_empty());
        assert_eq!(germany.near_misses(&["west", "germny"]).len(), 1);
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("ho", "hoo"), 1);
        assert_eq!(edit_distance("yong", "yogn"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
