//! No input makes the pipeline panic, and every span it reports lies within the text on char
//! boundaries.

mod common;

use common::*;
use proptest::prelude::*;
use stet::document::{Document, DocumentOptions};

fn check_all_spans(name: &str, bytes: &[u8]) {
    let Ok(doc) = Document::parse(name, bytes, &DocumentOptions::default()) else {
        return;
    };
    let report = checker().check_document(doc);
    let text = &report.document.text;
    for f in &report.findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{f:?}"
        );
        assert!(
            text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
            "{f:?}"
        );
        let location = report.document.location(f.span.start);
        assert!(location.line >= 1 && location.column >= 1);
        if let Some(s) = &f.suggestion {
            assert!(
                s.span.end <= text.len()
                    && text.is_char_boundary(s.span.start)
                    && text.is_char_boundary(s.span.end)
            );
        }
    }
}

/// Words from the seed story and from the rules' vocabulary, so random stories hit the
/// extractors' and templates' paths rather than only failing to match.
const WORDS: &[&str] = &[
    "Kim",
    "Jong",
    "Un",
    "Jong-un",
    "Trump",
    "Donald",
    "U.S.",
    "President",
    "president",
    "leader",
    "North",
    "Korean",
    "Korea’s",
    "Vietnam’s",
    "capital,",
    "Hanoi",
    "Singapore",
    "summit",
    "second",
    "third",
    "Feb.",
    "27-28",
    "27",
    "Saturday,",
    "on",
    "Sunday",
    "last",
    "year’s",
    "eight",
    "months",
    "after",
    "their",
    "in",
    "sister",
    "wife",
    "foreign",
    "minister",
    "Ri",
    "Yong",
    "Ho",
    "Hoo",
    "Nguyen",
    "Phu",
    "Trong,",
    "the",
    "and",
    "general",
    "secretary",
    "of",
    "2017",
    "2019-02-23",
    "date",
    ".",
    ",",
    "’s",
    "\n\n",
    "—",
    "ễ",
    "former",
    "then-",
    "\u{0}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check_all_spans("random.txt", text.as_bytes());
        check_all_spans("random.md", text.as_bytes());
        check_all_spans("random.html", text.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        check_all_spans("random.txt", &bytes);
    }

    #[test]
    fn story_like_word_salad_never_panics(words in proptest::collection::vec(proptest::sample::select(WORDS), 0..80)) {
        let story = format!("date 2019-02-23\n\n{}", words.join(" "));
        check_all_spans("salad.txt", story.as_bytes());
    }

    #[test]
    fn cut_seed_stories_never_panic(start in 0usize..2000, len in 0usize..2000) {
        let bytes = SEED.as_bytes();
        let start = start.min(bytes.len());
        let end = (start + len).min(bytes.len());
        check_all_spans("cut.txt", &bytes[start..end]);
    }
}
