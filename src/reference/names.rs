//! The name index: every folded name and alias, found in text by a hash of its words (and,
//! for the few that begin with punctuation, an Aho-Corasick automaton), and a near-miss
//! index for spelling checks. Built once when the reference loads.

use super::model::{Entity, EntityIdx, EntityKind};
use crate::text::{fold_name, fold_text};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap, FxHasher};
use std::borrow::Cow;
use std::hash::Hasher;

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

/// No pattern: the end of a chain of patterns sharing a hash.
const NONE: u32 = u32::MAX;

/// The names are found two ways, with the same results as one automaton over them all.
///
/// A name that begins with a word byte (nearly all: "kim jong un") can only match from the
/// start of a word of the text, through whole words, and either end where a word ends or go
/// on into the punctuation after it ("u.s."). Such names are keyed by a hash of their runs
/// of word and non-word bytes up to their last word, so a search hashes each run of the text
/// once and, from each word, extends the span a run at a time while some name goes on.
/// Building this is a hash insert per word of each name; an Aho-Corasick automaton over
/// 300,000 names took seconds to build (its failure links).
///
/// The few names that begin with punctuation ("'s gravenhage") or have no word at all can
/// start inside a run of punctuation; they go into a small automaton, as all names once did.
#[derive(Debug)]
pub struct NameIndex {
    pub patterns: Vec<NamePattern>,
    /// Chain hash of the runs of a name up to the end of one of its words -> the names that
    /// end there, those that end in punctuation after it, and whether any name goes on.
    spans: FxHashMap<u64, Span>,
    /// For each pattern, the next pattern of its chain in `spans`, or `NONE`. Distinct names
    /// share a hash only by collision; a match is verified byte for byte.
    span_next: Vec<u32>,
    edged: Edged,
    /// `FIRST_WORD_BITS` bits, set for the first word (the bits `first_word_bit` picks of its
    /// hash) of every name in `spans`. A match begins with the first word of its name, so a
    /// word of the text whose bit is clear starts none: most words skip the lookup.
    first_words: Vec<u64>,
    /// The same bits for every word of every name: a word whose bit is clear is in no name.
    name_words: Vec<u64>,
    /// Hash of a folded name -> its pattern (the first of a chain through `folded_next`).
    by_folded: FxHashMap<u64, u32>,
    folded_next: Vec<u32>,
    /// (hash of (word count, position of the differing word, the other words), pattern),
    /// sorted: the names a word away from a given name are one range. Candidates are
    /// verified word by word, so a hash collision adds no candidate.
    near: Vec<(u64, u32)>,
    /// `near_buckets[k]`: the first entry of `near` whose key's top `NEAR_BUCKET_BITS` bits
    /// are `k` or more (and one last entry, `near.len()`), so a search for a key bisects
    /// one bucket, not the whole index.
    near_buckets: Vec<u32>,
}

/// The bits of a word's hash that choose its bit in `NameIndex::first_words`: 65,536 bits (8
/// KiB) for a few thousand first words, so few other words share one.
const FIRST_WORD_BITS: u32 = 16;

/// The word and bit of `NameIndex::first_words` for a word of hash `hash`.
fn first_word_bit(hash: u64) -> (usize, u64) {
    // The shift leaves `FIRST_WORD_BITS` bits: it always fits.
    let bit = usize::try_from(hash >> (64 - FIRST_WORD_BITS)).unwrap_or(0);
    (bit / 64, 1 << (bit % 64))
}

/// The bits of a `near` key that choose its bucket.
const NEAR_BUCKET_BITS: u32 = 16;

/// The bucket of a `near` key.
fn near_bucket(key: u64) -> usize {
    // The shift leaves `NEAR_BUCKET_BITS` bits: it always fits.
    usize::try_from(key >> (64 - NEAR_BUCKET_BITS)).unwrap_or(usize::MAX)
}

/// `NameIndex::near_buckets` of a sorted `near`.
fn near_buckets(near: &[(u64, u32)]) -> Vec<u32> {
    let mut buckets = Vec::with_capacity((1 << NEAR_BUCKET_BITS) + 1);
    let mut at = 0;
    for bucket in 0..=(1usize << NEAR_BUCKET_BITS) {
        while near.get(at).is_some_and(|&(k, _)| near_bucket(k) < bucket) {
            at += 1;
        }
        buckets.push(pattern_id(at));
    }
    buckets
}

/// Names that begin with a non-word byte: their automaton and their pattern numbers.
type Edged = Option<(AhoCorasick, Vec<usize>)>;

#[derive(Debug, Clone, Copy)]
struct Span {
    /// First pattern that ends here, or `NONE`.
    pattern: u32,
    /// First pattern that ends in non-word bytes right after this word ("u.s."), or `NONE`.
    tailed: u32,
    /// Some name continues past this word with another word.
    continues: bool,
}

/// A run of word bytes or of non-word bytes.
#[derive(Debug, Clone, Copy)]
struct Run {
    end: usize,
    word: bool,
    hash: u64,
}

/// A name close to a reference name: same words but one, and that one a small edit away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMiss {
    pub pattern: usize,
    pub word: usize,
    pub distance: usize,
}

fn is_acronym(name: &str) -> bool {
    let mut letters = 0usize;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
        if letters > 5 {
            return false;
        }
    }
    letters > 0
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// The word runs of `bytes`, in order: where a name may start. A word is hashed only where a
/// name may start (`first_words`) or go on, and the non-word run between two words, hashed
/// only where a name goes on past a word (rare), is the bytes between them.
///
/// Word bytes are classified eight at a time (`word_byte_highs`) and the words found at the
/// changes between word and non-word bytes, not a byte at a time: every byte of every story
/// is scanned.
fn word_runs(bytes: &[u8]) -> Vec<WordRun> {
    // A word and the gap after it average some six bytes of prose: room for them all.
    let mut out = Vec::with_capacity(bytes.len() / 4 + 1);
    let mut push = |start: usize, end: usize| out.push(WordRun { start, end });
    // The start of the word being read, if the last byte classified was a word byte.
    let mut open: Option<usize> = None;
    let mut at = 0;
    let mut classify = |base: usize, chunk: [u8; 8], open: &mut Option<usize>| {
        let words = word_byte_highs(u64::from_le_bytes(chunk));
        // The high bit of each byte whose previous byte is a word byte.
        let after_word = (words << 8) | u64::from(open.is_some()) << 7;
        let mut changes = (words ^ after_word) & HIGH_BITS;
        while changes != 0 {
            // Little-endian: the lowest set byte is the first change.
            let i = base + (changes.trailing_zeros() / 8) as usize;
            match open.take() {
                Some(start) => push(start, i),
                None => *open = Some(i),
            }
            changes &= changes - 1;
        }
    };
    while let Some(chunk) = bytes.get(at..at + 8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        classify(at, chunk, &mut open);
        at += 8;
    }
    // The last bytes, padded with zeros, which are no word bytes: a word open at the end
    // closes at the end.
    let mut last = [0u8; 8];
    let rest = bytes.get(at..).unwrap_or(&[]);
    last[..rest.len()].copy_from_slice(rest);
    classify(at, last, &mut open);
    out
}

/// Eight bytes each with its high bit.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (eight bytes, little-endian) that is a word byte, as
/// `is_word_byte` says: a byte of 0x80 or more, an ASCII letter or an ASCII digit.
fn word_byte_highs(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte below 0x80, so adding a byte below 0x81 to it carries into no other byte:
    // `y + (0x80 - low)` has its high bit set exactly when `y >= low`.
    let seven = x & !HIGH_BITS;
    let at_least = |y: u64, low: u8| y + ONES * u64::from(0x80 - low);
    // An ASCII letter, either case, is one of 'a'..='z' with the 0x20 bit set.
    let lower = seven | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !at_least(lower, b'z' + 1);
    let digit = at_least(seven, b'0') & !at_least(seven, b'9' + 1);
    (x | letter | digit) & HIGH_BITS
}

/// A run of word bytes of a searched text.
#[derive(Debug, Clone, Copy)]
struct WordRun {
    start: usize,
    end: usize,
}

/// A cheap key of the word `text[start..end]` for `first_words`: its first eight bytes and its
/// length, mixed by a multiply (the top bits, which `first_word_bit` takes, depend on them
/// all). Most words of a text start no name: they are keyed, not hashed.
fn first_word_key(text: &[u8], start: usize, end: usize) -> u64 {
    let len = end.saturating_sub(start);
    let head = match text.get(start..start + 8) {
        Some(eight) => {
            let mut head = [0u8; 8];
            head.copy_from_slice(eight);
            // The bytes of the word only: those after it are no part of its key.
            let keep = if len >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            u64::from_le_bytes(head) & keep
        }
        // Near the end of the text: the word, shorter than eight bytes, padded with zeros.
        None => {
            let mut head = [0u8; 8];
            for (to, &from) in head.iter_mut().zip(text.get(start..end).unwrap_or(&[])) {
                *to = from;
            }
            u64::from_le_bytes(head)
        }
    };
    (head ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Splits bytes into alternating runs of word and non-word bytes, each hashed.
fn runs(bytes: &[u8], out: &mut Vec<Run>) {
    let mut start = 0;
    while let Some(&first) = bytes.get(start) {
        let word = is_word_byte(first);
        let mut end = start + 1;
        while bytes.get(end).is_some_and(|&b| is_word_byte(b) == word) {
            end += 1;
        }
        out.push(Run {
            end,
            word,
            hash: hash_bytes(&bytes[start..end]),
        });
        start = end;
    }
}

/// The pattern number of a position in the pattern list; the list holds fewer than
/// `u32::MAX` patterns (one per distinct name, and entity indexes are `u32` too).
fn pattern_id(p: usize) -> u32 {
    u32::try_from(p).unwrap_or(NONE)
}

/// The `near` key of `words` without word `skip`.
fn near_key(words: &[&str], skip: usize) -> u64 {
    let hashes: Vec<u64> = words.iter().map(|w| hash_bytes(w.as_bytes())).collect();
    near_key_of_hashes(&hashes, skip)
}

/// `near_key` from the words' hashes (`hash_bytes` of each), so a caller that keys every
/// word of a name hashes each word once.
fn near_key_of_hashes(hashes: &[u64], skip: usize) -> u64 {
    let mut h = FxHasher::default();
    h.write_usize(hashes.len());
    h.write_usize(skip);
    for (i, &word) in hashes.iter().enumerate() {
        if i != skip {
            h.write_u64(word);
        }
    }
    h.finish()
}

impl NameIndex {
    pub fn build(entities: &[Entity]) -> NameIndex {
        let (patterns, by_folded, folded_next) = distinct_names(entities);
        let (spans, span_next, edged, first_words) = span_index(&patterns);
        let name_words = name_words(&patterns);
        let near = near_index(&patterns, entities);
        let near_buckets = near_buckets(&near);
        NameIndex {
            patterns,
            spans,
            span_next,
            edged,
            first_words,
            name_words,
            by_folded,
            folded_next,
            near,
            near_buckets,
        }
    }

    /// Every name in `text`, longest first where they overlap, left to right. A name must
    /// stand as whole words: "Ri Yong Ho" is not found in "Ri Yong Hoo".
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        self.find_with::<true>(text)
    }

    /// `find`, with the `first_words` filter on the words of the text (`FILTERED`) or without
    /// it, to test that it skips no match.
    fn find_with<const FILTERED: bool>(&self, text: &str) -> Vec<NameMatch> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let folded = fold_text(text);
        let bytes = folded.text.as_bytes();
        // (start, end, pattern) in the folded text.
        let mut raw: Vec<(usize, usize, usize)> = Vec::new();
        if !self.spans.is_empty() {
            let text_words = word_runs(bytes);
            for (first, run) in text_words.iter().enumerate() {
                let (word, bit) = first_word_bit(first_word_key(bytes, run.start, run.end));
                if FILTERED
                    && self
                        .first_words
                        .get(word)
                        .is_none_or(|&bits| bits & bit == 0)
                {
                    continue;
                }
                let mut h = FxHasher::default();
                h.write_u64(hash_bytes(&bytes[run.start..run.end]));
                let mut last = first;
                while let Some(span) = self.spans.get(&h.finish()) {
                    let (s, e) = (run.start, text_words[last].end);
                    for p in chain(&self.span_next, span.pattern) {
                        if self.patterns[p as usize].folded.as_bytes() == &bytes[s..e] {
                            raw.push((s, e, p as usize));
                        }
                    }
                    // A name that ends in punctuation ("u.s.") may end inside a run of it, but
                    // not right before a word.
                    for p in chain(&self.span_next, span.tailed) {
                        let name = self.patterns[p as usize].folded.as_bytes();
                        let e = s + name.len();
                        if bytes.get(s..e) == Some(name)
                            && bytes.get(e).is_none_or(|&b| !is_word_byte(b))
                        {
                            raw.push((s, e, p as usize));
                        }
                    }
                    // The run between two words is the non-word run that separates them.
                    let Some(word) = text_words.get(last + 1) else {
                        break;
                    };
                    if !span.continues {
                        break;
                    }
                    h.write_u64(hash_bytes(&bytes[text_words[last].end..word.start]));
                    h.write_u64(hash_bytes(&bytes[word.start..word.end]));
                    last += 1;
                }
            }
        }
        if let Some((automaton, ids)) = &self.edged {
            for m in automaton.find_overlapping_iter(folded.text.as_str()) {
                let (s, e) = (m.start(), m.end());
                let before_ok = s == 0 || !is_word_byte(bytes[s - 1]);
                let after_ok = e >= bytes.len() || !is_word_byte(bytes[e]);
                if before_ok && after_ok {
                    raw.push((s, e, ids[m.pattern().as_usize()]));
                }
            }
        }
        // (match, folded start, folded end).
        let mut found: Vec<(NameMatch, usize, usize)> = Vec::with_capacity(raw.len());
        for (s, e, p) in raw {
            let (start, end) = folded.original_range(s, e, text);
            let pattern = &self.patterns[p];
            if pattern.capitals_only
                && text[start..end]
                    .chars()
                    .any(|c| c.is_alphabetic() && !c.is_uppercase())
            {
                continue;
            }
            found.push((
                NameMatch {
                    start,
                    end,
                    pattern: p,
                },
                s,
                e,
            ));
        }
        // Leftmost-longest among the valid matches. Two matches of one original span (folded
        // text can be longer than the original) keep the order a single automaton reported
        // them in: by folded end, the longer first.
        found.sort_by(|(a, a_start, a_end), (b, b_start, b_end)| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a_end.cmp(b_end))
                .then(a_start.cmp(b_start))
        });
        let mut chosen: Vec<NameMatch> = Vec::with_capacity(found.len());
        for (m, _, _) in found {
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
        // Names are a few words: their hashes on the stack, unless a caller passes many.
        let mut few = [0u64; 8];
        let many: Vec<u64>;
        let hashes: &[u64] = if words.len() <= few.len() {
            for (h, w) in few.iter_mut().zip(words) {
                *h = hash_bytes(w.as_bytes());
            }
            &few[..words.len()]
        } else {
            many = words.iter().map(|w| hash_bytes(w.as_bytes())).collect();
            &many
        };
        for i in 0..words.len() {
            let key = near_key_of_hashes(hashes, i);
            let bucket = near_bucket(key);
            let (Some(&low), Some(&high)) = (
                self.near_buckets.get(bucket),
                self.near_buckets.get(bucket + 1),
            ) else {
                continue;
            };
            let bucket = self.near.get(low as usize..high as usize).unwrap_or(&[]);
            let from = bucket.partition_point(|&(k, _)| k < key);
            let candidates = bucket[from..]
                .iter()
                .take_while(|&&(k, _)| k == key)
                .map(|&(_, p)| p as usize);
            for p in candidates {
                let pattern = &self.patterns[p];
                if pattern.words != words.len() {
                    continue;
                }
                // The same words but the one at `i` (the key is a hash, so check), and that one,
                // in one pass over the reference name.
                let mut reference_word = "";
                let same_others =
                    pattern
                        .folded
                        .split(' ')
                        .zip(words)
                        .enumerate()
                        .all(|(k, (reference, w))| {
                            if k == i {
                                reference_word = reference;
                                return true;
                            }
                            reference == *w
                        });
                if !same_others {
                    continue;
                }
                let written = words[i];
                if reference_word == written
                    || (!surely_no_variant(written, reference_word)
                        && is_variant(written, reference_word))
                {
                    // An inflection of a known name ("West Germans" of "West German") is
                    // known, however close it also is to another ("West Germany").
                    return Vec::new();
                }
                if written.chars().next() != reference_word.chars().next() {
                    continue;
                }
                let (written_chars, reference_chars) =
                    (written.chars().count(), reference_word.chars().count());
                let longest = written_chars.max(reference_chars);
                // One edit in a short word, two when both are long: "Salado" is not
                // "Salvador" but another place.
                let shortest = written_chars.min(reference_chars);
                let limit = if shortest >= 7 { 2 } else { 1 };
                // The distance is at least the difference in length: only a candidate that
                // can be close enough is measured.
                if longest < 2 || longest - shortest > limit {
                    continue;
                }
                let distance = edit_distance(written, reference_word);
                if distance <= limit {
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

    /// Whether `word` (folded, one word) may be a word of a name: `false` only when it is in
    /// none, and then neither `contains_folded` nor `near_misses` finds a name of it together
    /// with another such word.
    pub fn may_be_name_word(&self, word: &str) -> bool {
        let (at, bit) = first_word_bit(hash_bytes(word.as_bytes()));
        self.name_words.get(at).is_some_and(|&bits| bits & bit != 0)
    }

    pub fn contains_folded(&self, folded: &str) -> bool {
        let head = self
            .by_folded
            .get(&hash_bytes(folded.as_bytes()))
            .copied()
            .unwrap_or(NONE);
        chain(&self.folded_next, head).any(|p| self.patterns[p as usize].folded == folded)
    }
}

/// Patterns (folded names and aliases, each once, in order of first appearance), with the
/// hash index of their folded names: the hash of a folded name -> the first pattern of its
/// chain through the returned `Vec`.
fn distinct_names(entities: &[Entity]) -> (Vec<NamePattern>, FxHashMap<u64, u32>, Vec<u32>) {
    let names: usize = entities.iter().map(|e| 1 + e.aliases.len()).sum();
    let mut by_folded: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(names, Default::default());
    let mut folded_next: Vec<u32> = Vec::with_capacity(names);
    let mut patterns: Vec<NamePattern> = Vec::with_capacity(names);
    for (i, entity) in entities.iter().enumerate() {
        let idx = EntityIdx(i as u32);
        for name in std::iter::once(&entity.name).chain(entity.aliases.iter()) {
            let folded = fold_name(name);
            if folded.is_empty() {
                continue;
            }
            let acronym = is_acronym(name);
            let hash = hash_bytes(folded.as_bytes());
            let head = by_folded.get(&hash).copied().unwrap_or(NONE);
            let found = chain(&folded_next, head).find(|&p| patterns[p as usize].folded == folded);
            let p = match found {
                Some(p) => p as usize,
                None => {
                    let p = patterns.len();
                    by_folded.insert(hash, pattern_id(p));
                    folded_next.push(head);
                    patterns.push(NamePattern {
                        display: name.trim().to_string(),
                        words: folded.split(' ').count(),
                        folded,
                        entities: Vec::new(),
                        capitals_only: acronym,
                    });
                    p
                }
            };
            let pattern = &mut patterns[p];
            // A name that is an acronym for one entity and a word for another matches as a
            // word.
            pattern.capitals_only &= acronym;
            // Entities come in order, so a repeat of this one can only be the last.
            if pattern.entities.last() != Some(&idx) {
                pattern.entities.push(idx);
            }
        }
    }
    (patterns, by_folded, folded_next)
}

/// The spans of the names that begin with a word, the automaton of those that do not, and the
/// `first_words` bits of the former.
fn span_index(patterns: &[NamePattern]) -> (FxHashMap<u64, Span>, Vec<u32>, Edged, Vec<u64>) {
    let mut spans: FxHashMap<u64, Span> =
        FxHashMap::with_capacity_and_hasher(patterns.len() * 2, Default::default());
    let mut span_next = vec![NONE; patterns.len()];
    let mut edged: Vec<usize> = Vec::new();
    let mut first_words = vec![0u64; (1 << FIRST_WORD_BITS) / 64];
    let mut name_runs: Vec<Run> = Vec::new();
    for (p, pattern) in patterns.iter().enumerate() {
        let bytes = pattern.folded.as_bytes();
        if !bytes.first().is_some_and(|&b| is_word_byte(b)) {
            edged.push(p);
            continue;
        }
        name_runs.clear();
        runs(bytes, &mut name_runs);
        // The name begins with a word byte: its first run is its first word.
        if let Some(first) = name_runs.first() {
            let (word, bit) = first_word_bit(first_word_key(bytes, 0, first.end));
            if let Some(bits) = first_words.get_mut(word) {
                *bits |= bit;
            }
        }
        // The last word: the name ends with it or with the non-word run after it.
        let last_word = name_runs.iter().rposition(|r| r.word).unwrap_or(0);
        let mut h = FxHasher::default();
        for (r, run) in name_runs.iter().enumerate().take(last_word + 1) {
            h.write_u64(run.hash);
            if !run.word {
                continue;
            }
            let span = spans.entry(h.finish()).or_insert(Span {
                pattern: NONE,
                tailed: NONE,
                continues: false,
            });
            if r < last_word {
                span.continues = true;
            } else if run.end == bytes.len() {
                span_next[p] = span.pattern;
                span.pattern = pattern_id(p);
            } else {
                span_next[p] = span.tailed;
                span.tailed = pattern_id(p);
            }
        }
    }
    let edged = if edged.is_empty() {
        None
    } else {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(edged.iter().map(|&p| patterns[p].folded.as_str()))
            .ok()
            .map(|automaton| (automaton, edged))
    };
    (spans, span_next, edged, first_words)
}

/// `NameIndex::name_words`: the bits of every word of every name.
fn name_words(patterns: &[NamePattern]) -> Vec<u64> {
    let mut bits = vec![0u64; (1 << FIRST_WORD_BITS) / 64];
    for word in patterns.iter().flat_map(|p| p.folded.split(' ')) {
        let (at, bit) = first_word_bit(hash_bytes(word.as_bytes()));
        if let Some(bits) = bits.get_mut(at) {
            *bits |= bit;
        }
    }
    bits
}

/// The `near` index: for each proper name of two words or more and each of its words, the
/// hash of the name without that word, sorted.
fn near_index(patterns: &[NamePattern], entities: &[Entity]) -> Vec<(u64, u32)> {
    let mut near: Vec<(u64, u32)> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
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
        words.clear();
        words.extend(pattern.folded.split(' '));
        for i in 0..words.len() {
            near.push((near_key(&words, i), pattern_id(p)));
        }
    }
    near.sort_unstable();
    near
}

/// The patterns of a chain through `next`, from `head`.
fn chain(next: &[u32], head: u32) -> impl Iterator<Item = u32> + '_ {
    std::iter::successors((head != NONE).then_some(head), |&p| {
        next.get(p as usize).copied().filter(|&n| n != NONE)
    })
}

/// Words that `is_variant` surely does not take for variants of each other, found without
/// its stems and suffixes: both begin with different bytes, and their letters and digits with
/// different chars. (Each of its tests finds one word, or its letters, or a stem of those, to
/// be a start of the other; that start is not empty, so the two would begin alike.) Nearly
/// every candidate of a near miss is another word, so this skips nearly every test.
fn surely_no_variant(written: &str, reference: &str) -> bool {
    let first_letter = |w: &str| w.chars().find(|c| c.is_alphanumeric());
    match (written.as_bytes().first(), reference.as_bytes().first()) {
        (Some(a), Some(b)) if a != b => matches!(
            (first_letter(written), first_letter(reference)),
            (Some(x), Some(y)) if x != y
        ),
        _ => false,
    }
}

/// Inflections and punctuation are not misspellings: "Koreans" for "Korean", "S" for "S.".
fn is_variant(written: &str, reference: &str) -> bool {
    // The letters and digits of a word: most words are nothing else, and are not copied.
    fn letters(w: &str) -> Cow<'_, str> {
        if w.chars().all(char::is_alphanumeric) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.chars().filter(|c| c.is_alphanumeric()).collect())
        }
    }
    let (a, b) = (letters(written), letters(reference));
    let (a, b) = (a.as_ref(), b.as_ref());
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
    fn stems(w: &str) -> impl Iterator<Item = &str> {
        std::iter::once(w).chain(
            SUFFIXES
                .iter()
                .filter_map(move |s| w.strip_suffix(s).filter(|stem| stem.chars().count() >= 3)),
        )
    }
    let shared_stem = stems(b).any(|x| stems(a).any(|y| y == x));
    shared_stem
        || plural(a, b)
        || plural(b, a)
        || plural(written, reference)
        || plural(reference, written)
}

fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[usize::from(b)]
}

/// `WORD_BYTES[b]`: byte `b` is part of a word, an ASCII letter or digit or any byte of a
/// non-ASCII char. A table: every byte of every story is classified.
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b >= 0x80;
        b += 1;
    }
    table
};

/// Damerau-Levenshtein (optimal string alignment) distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    // The (n + 1) x (m + 1) table in one allocation: cell (i, j) is `d[i * w + j]`.
    let w = m + 1;
    let mut d = vec![0usize; (n + 1) * w];
    for i in 0..=n {
        d[i * w] = i;
    }
    for (j, cell) in d[..w].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[n * w + m]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::model::Origin;
    use crate::text::fold;

    /// The index of places named `names`, one place a name, numbered from 0.
    fn index_of_places(names: &[String]) -> NameIndex {
        let entities: Vec<Entity> = names
            .iter()
            .enumerate()
            .map(|(i, n)| entity(&i.to_string(), EntityKind::Place, n, &[]))
            .collect();
        NameIndex::build(&entities)
    }

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

    /// `find` as it was with one automaton over every name: the behaviour the two-way search
    /// must keep.
    fn find_with_one_automaton(index: &NameIndex, text: &str) -> Vec<NameMatch> {
        let Ok(automaton) = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(index.patterns.iter().map(|p| p.folded.as_str()))
        else {
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
            let pattern = &index.patterns[m.pattern().as_usize()];
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
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen: Vec<NameMatch> = Vec::with_capacity(found.len());
        for m in found {
            if chosen.last().is_none_or(|last| m.start >= last.end) {
                chosen.push(m);
            }
        }
        chosen
    }

    #[test]
    fn finds_what_one_automaton_finds() {
        let index = NameIndex::build(&[
            entity(
                "us",
                EntityKind::Place,
                "United States",
                &["U.S.", "US", "U.S.A."],
            ),
            entity(
                "dc",
                EntityKind::Place,
                "Washington, D.C.",
                &["D.C.", "Washington"],
            ),
            entity(
                "hague",
                EntityKind::Place,
                "The Hague",
                &["'s Gravenhage", "(Hague)"],
            ),
            entity(
                "jr",
                EntityKind::Person,
                "Joseph R. Biden Jr.",
                &["Biden", "Jr."],
            ),
            entity("odd", EntityKind::Organization, "& Co", &["&", "...", "'s"]),
            entity("ss", EntityKind::Person, "Strauß", &["Strauss", "Straus"]),
        ]);
        for text in [
            "Joseph R. Biden Jr. met U.S.A. and U.S. officials in Washington, D.C.. Biden Jr.s",
            "'s Gravenhage, ('s Gravenhage) x's Gravenhage (Hague) & Co && ... .... 's",
            "Strauß STRAUSS Straußs strauss-straus U.S.x D.C",
            "us US U.S U.S.A.B. The Hague's",
        ] {
            assert_eq!(
                index.find(text),
                find_with_one_automaton(&index, text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_what_one_automaton_finds_in_any_text(
            names in proptest::collection::vec("[ab.&'(ßS-]{1,3}( [ab.,'ßA]{1,3}){0,2}", 1..12),
            text in "([ab.,&' ()ßSA-]|Ab|AB|b ab|a.b.){0,40}",
        ) {
            let index = index_of_places(&names);
            proptest::prop_assert_eq!(index.find(&text), find_with_one_automaton(&index, &text));
            for p in &index.patterns {
                proptest::prop_assert!(index.contains_folded(&p.folded));
            }
        }
    }

    /// `word_runs` a byte at a time, as it was: what the eight-at-a-time scan must find.
    fn word_runs_bytewise(bytes: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(skip) = bytes[at..].iter().position(|&b| is_word_byte(b)) {
            let start = at + skip;
            let len = bytes[start..]
                .iter()
                .position(|&b| !is_word_byte(b))
                .unwrap_or(bytes.len() - start);
            at = start + len;
            out.push((start, at));
        }
        out
    }

    /// Odd text for the fast paths: non-ASCII, mixed case, no-break spaces, the long s, the
    /// Kelvin sign, digits, punctuation, bytes of every class at every offset.
    const ODD_TEXT: &str = "([a-cA-C0-9 .,'&()\u{a0}\u{17f}\u{212a}\u{e9}\u{df}\u{2019}\t\n@\x7f-]|ab|Ab|AB |b ab|a.b.|\u{c9}cole ){0,48}";

    proptest::proptest! {
        #[test]
        fn word_runs_are_the_bytewise_word_runs(text in ODD_TEXT) {
            for bytes in [text.as_bytes(), fold(&text).text.as_bytes()] {
                let fast: Vec<(usize, usize)> =
                    word_runs(bytes).iter().map(|r| (r.start, r.end)).collect();
                proptest::prop_assert_eq!(fast, word_runs_bytewise(bytes));
            }
        }

        #[test]
        fn a_first_word_key_is_of_the_word_alone(
            word in "[a-z0-9\u{e9}\u{17f}\u{212a}]{1,12}",
            after in "([ .,'\u{a0}-][a-z\u{e9}]{0,9}){0,2}",
        ) {
            // A name's first word keyed in the name, and in a text where it is followed by
            // other bytes or ends the text.
            let text = format!("{word}{after}");
            let alone = first_word_key(word.as_bytes(), 0, word.len());
            proptest::prop_assert_eq!(first_word_key(text.as_bytes(), 0, word.len()), alone);
            let shifted = format!("xy {text}");
            proptest::prop_assert_eq!(first_word_key(shifted.as_bytes(), 3, 3 + word.len()), alone);
        }

        #[test]
        fn every_byte_is_classified_as_is_word_byte(b in proptest::num::u8::ANY, at in 0usize..8) {
            let mut chunk = [b' '; 8];
            chunk[at] = b;
            let highs = word_byte_highs(u64::from_le_bytes(chunk));
            for (i, &c) in chunk.iter().enumerate() {
                proptest::prop_assert_eq!((highs >> (8 * i + 7)) & 1 == 1, is_word_byte(c));
            }
        }

        #[test]
        fn the_first_word_filter_skips_no_match(
            names in proptest::collection::vec(
                "[ab.&'(\u{df}S\u{17f}\u{212a}\u{e9}-]{1,3}( [ab.,'\u{df}A\u{a0}\u{212a}]{1,3}){0,2}",
                1..12,
            ),
            text in ODD_TEXT,
        ) {
            let index = index_of_places(&names);
            proptest::prop_assert_eq!(index.find(&text), index.find_with::<false>(&text));
        }

        #[test]
        fn words_surely_no_variants_are_no_variants(
            written in "[a-cA-Cs0-9'.\u{17f}\u{212a}\u{e9}-]{0,3}(|s|es|er|ers|an|ans|ian|ians|ese|ish|n|ns|'s|i|is)",
            reference in "[a-cA-Cs0-9'.\u{17f}\u{212a}\u{e9}-]{0,3}(|s|es|er|ers|an|ans|ian|ians|ese|ish|n|ns|'s|i|is)",
        ) {
            if surely_no_variant(&written, &reference) {
                proptest::prop_assert!(!is_variant(&written, &reference));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn two_words_in_no_name_are_no_name_nor_near_one(
            names in proptest::collection::vec(
                "[ab\u{e9}\u{17f}]{1,2}( [ab\u{e9}\u{212a}'.]{1,2}){1,3}",
                1..12,
            ),
            words in proptest::collection::vec("[abc\u{e9}\u{17f}\u{212a}'.]{1,2}", 2..5),
        ) {
            let index = index_of_places(&names);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            for p in &index.patterns {
                for word in p.folded.split(' ') {
                    proptest::prop_assert!(index.may_be_name_word(word));
                }
            }
            if words.iter().filter(|w| !index.may_be_name_word(w)).count() >= 2 {
                proptest::prop_assert!(!index.contains_folded(&words.join(" ")));
                proptest::prop_assert!(index.near_misses(&words).is_empty());
            }
        }
    }

    #[test]
    fn surely_no_variant_leaves_the_variants() {
        for (written, reference) in [
            ("koreans", "korea"),
            ("'s", "s"),
            ("germans", "german"),
            ("islander", "islands"),
            ("x", ""),
            ("", "x"),
            ("'korea", "korean"),
        ] {
            assert!(
                !surely_no_variant(written, reference),
                "{written} {reference}"
            );
        }
        assert!(surely_no_variant("korea", "germany"));
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("ho", "hoo"), 1);
        assert_eq!(edit_distance("yong", "yogn"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
