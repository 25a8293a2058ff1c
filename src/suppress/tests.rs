//! Real stories (the seed story and its mutations) with suppression comments, the comment
//! parsers, and properties: no panic on any input, every finding kept or counted, linear time.

use super::*;
use crate::Checker;
use crate::check::finding::Finding;
use crate::document::DocumentOptions;
use proptest::prelude::*;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::builtin().expect("the shipped data loads"))
}

const SEED: &str = include_str!("../../tests/data/hanoi-summit.txt");

/// Mutation `interval-ten-months` (rule `event-interval`, the "Trump and Kim will meet" line).
const INTERVAL: (&str, &str) = ("eight months after", "ten months after");
/// Mutation `former-foreign-minister` (rule `title-holds`, the "The delegation" line).
const MINISTER: (&str, &str) = ("foreign minister Ri Yong Ho", "foreign minister Ri Su Yong");

fn mutate(story: &str, mutations: &[(&str, &str)]) -> String {
    let mut story = story.to_string();
    for (find, replace) in mutations {
        assert_eq!(story.matches(find).count(), 1, "{find}");
        story = story.replacen(find, replace, 1);
    }
    story
}

/// The seed story as Markdown: front matter, a heading, the paragraphs from the dateline on.
fn markdown(mutations: &[(&str, &str)]) -> String {
    let body = SEED
        .get(SEED.find("SEOUL").unwrap_or(0)..)
        .unwrap_or_default();
    let story = format!(
        "---\ntitle: Kim heads to Hanoi\ndate: 2019-02-23\n---\n\n# Kim heads to Hanoi\n\n{body}\n"
    );
    mutate(&story, mutations)
}

/// The seed story as HTML, one `<p>` per paragraph.
fn html(mutations: &[(&str, &str)], head: &str) -> String {
    let body = SEED
        .get(SEED.find("SEOUL").unwrap_or(0)..)
        .unwrap_or_default();
    let paragraphs: String = body
        .split("\n\n")
        .map(|p| format!("<p>{}</p>\n", p.trim()))
        .collect();
    let story = format!(
        "<!DOCTYPE html>\n<html><head>\n<meta name=\"date\" content=\"2019-02-23\">\n{head}</head>\n<body>\n{paragraphs}</body></html>\n"
    );
    mutate(&story, mutations)
}

/// `insert` at the start of the line holding `anchor`.
fn before_line(story: &str, anchor: &str, insert: &str) -> String {
    let at = story.find(anchor).expect("the anchor is in the story");
    let line_start = story
        .get(..at)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    format!(
        "{}{insert}{}",
        story.get(..line_start).unwrap_or_default(),
        story.get(line_start..).unwrap_or_default()
    )
}

/// `insert` at the end of the line holding `anchor`.
fn end_of_line(story: &str, anchor: &str, insert: &str) -> String {
    let at = story.find(anchor).expect("the anchor is in the story");
    let end = story
        .get(at..)
        .and_then(|s| s.find('\n'))
        .map_or(story.len(), |i| at + i);
    format!(
        "{}{insert}{}",
        story.get(..end).unwrap_or_default(),
        story.get(end..).unwrap_or_default()
    )
}

fn known(id: &str) -> bool {
    checker().rules.get(id).is_some()
}

/// The checked story with its suppressions applied.
fn check(name: &str, source: &str) -> FileReport {
    let doc = Document::parse(name, source.as_bytes(), &DocumentOptions::default())
        .expect("the story reads");
    let mut report = checker().check_document(doc);
    apply(&mut report, &known);
    report
}

/// Rule and source line of each contradicted finding.
fn contradicted(report: &FileReport) -> Vec<(String, usize)> {
    report
        .findings
        .iter()
        .filter(|f| f.verdict == Verdict::Contradicted)
        .map(|f| (f.rule.clone(), report.document.location(f.span.start).line))
        .collect()
}

fn has(report: &FileReport, rule: &str) -> bool {
    contradicted(report).iter().any(|(r, _)| r == rule)
}

/// line:column, rules and message of each unused suppression.
fn unused(report: &FileReport) -> Vec<(String, Vec<String>, String)> {
    report
        .unused_suppressions
        .iter()
        .map(|u| {
            let at = report.document.source_location(u.span.start);
            assert_eq!(u.severity, Severity::Warning);
            let comment = report
                .document
                .source
                .get(u.span.clone())
                .unwrap_or_default();
            assert!(
                comment.starts_with("<!--") && comment.ends_with("-->"),
                "{comment}"
            );
            (
                format!("{}:{}", at.line, at.column),
                u.rules.clone(),
                u.message.clone(),
            )
        })
        .collect()
}

#[test]
fn markdown_disable_enable_region() {
    let story = markdown(&[MINISTER, INTERVAL]);
    let plain = check("story.md", &story);
    assert!(has(&plain, "title-holds") && has(&plain, "event-interval"));
    assert_eq!(plain.suppressed, 0);

    let story = before_line(
        &story,
        "The delegation",
        "<!-- stet-disable title-holds -->\n\n",
    );
    let story = before_line(
        &story,
        "The North Korean leader’s sister",
        "<!--stet-enable   title-holds-->\n\n",
    );
    let report = check("story.md", &story);
    assert!(!has(&report, "title-holds"));
    assert!(has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
    // The three title-holds findings of that paragraph (two of them supported) are silenced;
    // the region ends at `stet-enable`, so a later title-holds finding is still there.
    assert_eq!(report.suppressed, 3);
    assert_eq!(plain.findings.len() - report.findings.len(), 3);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "title-holds" && f.text.contains("Kim Chang Son"))
    );

    // Every rule, to the end of the file.
    let story = before_line(&story, "Other senior", "<!-- stet-disable -->\n\n");
    let report = check("story.md", &story);
    assert_eq!(contradicted(&report), []);
    assert_eq!(unused(&report), []);
}

#[test]
fn markdown_ignore_next_line() {
    let story = markdown(&[INTERVAL]);
    assert!(has(&check("story.md", &story), "event-interval"));
    // The next line with content: a blank line between is skipped.
    let ignored = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- stet-ignore-next-line event-interval -->\n\n",
    );
    let report = check("story.md", &ignored);
    assert!(!has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
    assert_eq!(report.suppressed, 1);

    // Stacked comments skip each other; the second names a rule with no finding there.
    let stacked = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- stet-ignore-next-line event-interval -->\n<!-- stet-ignore-next-line title-holds -->\n",
    );
    let report = check("story.md", &stacked);
    assert!(!has(&report, "event-interval"));
    let line = stacked
        .lines()
        .position(|l| l.contains("title-holds -->"))
        .unwrap_or(0)
        + 1;
    assert_eq!(
        unused(&report),
        [(
            format!("{line}:1"),
            vec!["title-holds".to_string()],
            "`stet-ignore-next-line title-holds` silenced no contradicted finding".to_string()
        )]
    );

    // On the finding's own line, inline in the paragraph.
    let same_line = end_of_line(
        &story,
        "Trump and Kim will meet",
        " <!-- stet-ignore-line event-interval -->",
    );
    let report = check("story.md", &same_line);
    assert!(!has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
}

#[test]
fn unknown_rule_is_reported_and_silences_nothing() {
    let story = before_line(
        &markdown(&[INTERVAL]),
        "Trump and Kim will meet",
        "<!-- stet-ignore-next-line event-intreval -->\n",
    );
    let report = check("story.md", &story);
    assert!(has(&report, "event-interval"));
    let found = unused(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, ["event-intreval"]);
    assert_eq!(
        found[0].2,
        "`stet-ignore-next-line event-intreval`: unknown rule `event-intreval`"
    );
    assert_eq!(report.suppressed, 0);
    // Spelt right, the same comment silences it.
    let story = story.replacen("event-intreval", "event-interval", 1);
    let report = check("story.md", &story);
    assert!(!has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
}

#[test]
fn unused_rule_ids_are_reported_with_their_place() {
    let story = markdown(&[INTERVAL]);
    // One id used, one not: only the unused one is reported.
    let partly = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- stet-ignore-next-line event-interval, capital-of -->\n",
    );
    let report = check("story.md", &partly);
    assert!(!has(&report, "event-interval"));
    let line = partly
        .lines()
        .position(|l| l.contains("capital-of -->"))
        .unwrap_or(0)
        + 1;
    assert_eq!(
        unused(&report),
        [(
            format!("{line}:1"),
            vec!["capital-of".to_string()],
            "`stet-ignore-next-line event-interval, capital-of`: `capital-of` silenced no contradicted finding"
                .to_string()
        )]
    );

    // Inline, mid-line: the exact line and column (in characters: the curly quotes before it
    // are one column each). "Kim will also make ..." is line 18 of the Markdown story.
    let inline = end_of_line(
        &story,
        "Kim will also make",
        " <!-- stet-ignore-line summit-date -->",
    );
    let line_text = inline.lines().nth(17).unwrap_or_default();
    assert!(line_text.starts_with("Kim will also make"), "{line_text}");
    let report = check("story.md", &inline);
    assert_eq!(
        unused(&report),
        [(
            "18:77".to_string(),
            vec!["summit-date".to_string()],
            "`stet-ignore-line summit-date` silenced no contradicted finding".to_string()
        )]
    );
    assert_eq!(line_text.chars().take_while(|c| *c != '<').count() + 1, 77);
}

#[test]
fn suppression_of_supported_findings_only_is_stale() {
    let story = markdown(&[]);
    let plain = check("story.md", &story);
    assert_eq!(contradicted(&plain), []);
    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- stet-ignore-next-line -->\n",
    );
    let report = check("story.md", &story);
    // The supported event-interval finding on that line is silenced, but that is no use.
    assert_eq!(report.suppressed, 1);
    assert_eq!(plain.findings.len() - report.findings.len(), 1);
    let found = unused(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, Vec::<String>::new());
    assert_eq!(
        found[0].2,
        "`stet-ignore-next-line` silenced no contradicted finding"
    );
}

#[test]
fn examples_in_code_and_front_matter_are_not_suppressions() {
    let story = markdown(&[INTERVAL]);
    let story = story.replacen(
        "title: Kim heads to Hanoi",
        "title: \"<!-- stet-disable -->\"",
        1,
    );
    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "To silence a rule, write `<!-- stet-disable event-interval -->`.\n\n```markdown\n<!-- stet-disable -->\n<!-- stet-ignore-next-line -->\n```\n\n    <!-- stet-disable -->\n\n~~~\n<!-- stet-ignore-next-line -->\n~~~\n",
    );
    let doc = Document::parse("story.md", story.as_bytes(), &DocumentOptions::default())
        .expect("the story reads");
    assert_eq!(directives(&doc), []);
    let report = check("story.md", &story);
    assert!(has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
    assert_eq!(report.suppressed, 0);
    // The same comment outside the code does silence it.
    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- stet-disable event-interval -->\n",
    );
    assert!(!has(&check("story.md", &story), "event-interval"));
}

#[test]
fn html_story() {
    let head = "<script>var tip = \"<!-- stet-disable -->\";</script>\n<title><!-- stet-disable --></title>\n";
    let story = html(&[INTERVAL], head);
    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "<pre>&lt;!-- stet-disable --&gt;</pre><p title=\"<!-- stet-disable -->\">x</p>\n",
    );
    let report = check("story.html", &story);
    assert!(has(&report, "event-interval"));
    assert_eq!(unused(&report), []);

    let story = before_line(
        &story,
        "<p>Trump and Kim will meet",
        "<!-- stet-ignore-next-line event-interval -->\n",
    );
    let report = check("story.html", &story);
    assert!(!has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
    assert_eq!(report.suppressed, 1);
}

#[test]
fn plain_text_comment_lines() {
    let story = mutate(SEED, &[INTERVAL]);
    assert!(has(&check("story.txt", &story), "event-interval"));
    // Not on a line of its own: text, not a comment.
    let inline = end_of_line(
        &story,
        "Trump and Kim will meet",
        " <!-- stet-ignore-line event-interval -->",
    );
    let report = check("story.txt", &inline);
    assert!(has(&report, "event-interval"));
    assert_eq!(unused(&report), []);

    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "  <!-- stet-ignore-next-line event-interval -->\n",
    );
    let report = check("story.txt", &story);
    assert!(!has(&report, "event-interval"));
    assert_eq!(unused(&report), []);
}

#[test]
fn directive_mistakes_are_reported() {
    let story = markdown(&[INTERVAL]);
    let story = before_line(
        &story,
        "SEOUL",
        "<!-- stet-enable -->\n\n<!-- stet-disabel event-interval -->\n\n<!-- stet this paragraph: an editor's note -->\n\n",
    );
    let report = check("story.md", &story);
    assert!(has(&report, "event-interval"));
    let found = unused(&report);
    let messages: Vec<&str> = found.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`stet-enable`: no `stet-disable` is open here",
            "unknown directive `stet-disabel`: stet knows `stet-disable`, `stet-enable`, `stet-ignore-next-line` and `stet-ignore-line`",
        ]
    );
    assert_eq!(found[0].0, "8:1");

    // Case-insensitive name, a reason after `--`; `stet-enable rule` does not close a region of
    // every rule, and says so.
    let story = markdown(&[INTERVAL]);
    let story = before_line(
        &story,
        "Trump and Kim will meet",
        "<!-- STET-Disable -- wire copy, checked by the desk -->\n<!-- stet-enable event-interval -->\n",
    );
    let report = check("story.md", &story);
    assert!(!has(&report, "event-interval"));
    let found = unused(&report);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, ["event-interval"]);
    assert_eq!(
        found[0].2,
        "`stet-enable event-interval`: `event-interval` is not disabled here (a `stet-disable` of every rule is closed by `stet-enable` alone)"
    );
}

#[test]
fn directive_syntax() {
    let d = |s: &str| parse_directive(0..0, s);
    let dir = d("  stet-disable a,b  c , a -- because b, d").expect("a directive");
    assert_eq!(dir.kind, Some(Kind::Disable));
    assert_eq!(dir.ids, ["a", "b", "c"]);
    assert_eq!(dir.display(), "stet-disable a, b, c");
    assert_eq!(
        d("stet-ignore-next-line\n").map(|d| d.kind),
        Some(Some(Kind::IgnoreNextLine))
    );
    assert_eq!(
        d("stet-disable,a").map(|d| d.ids),
        Some(vec!["a".to_string()])
    );
    assert_eq!(
        d("stet-foo a").map(|d| (d.kind, d.name)),
        Some((None, "stet-foo".to_string()))
    );
    assert_eq!(d("stet"), None);
    assert_eq!(d("stet disable"), None);
    assert_eq!(d("a stet-disable"), None);
    assert_eq!(d("stet\u{e9}-x"), None);
}

#[test]
fn html_tokenizing() {
    let src = "<a title='<!-- no -->'>x</a><!-- yes --><SCRIPT>'<!-- no -->'</script ><!-- yes2 --><textarea/><!-- yes3 --><br/><!-- unterminated";
    let found: Vec<&str> = html_comments(src)
        .into_iter()
        .filter_map(|r| src.get(r))
        .collect();
    assert_eq!(found, ["<!-- yes -->", "<!-- yes2 -->", "<!-- yes3 -->"]);
    // A raw element never closed hides the rest.
    assert!(html_comments("<style><!-- a -->").is_empty());
}

#[test]
fn front_matter_like_the_reader() {
    assert_eq!(front_matter_end("---\ndate: 1\n---\nx", 0), Some(16));
    assert_eq!(front_matter_end("+++\n[t]\nx\n+++\n", 0), Some(14));
    assert_eq!(front_matter_end("---\nprose here\n---\n", 0), None);
    assert_eq!(front_matter_end("---\ndate: 1\n", 0), None);
}

// Synthetic findings for the properties: one per sentence, rules `a` and `b`, all verdicts.
fn synthetic(doc: Document) -> FileReport {
    let findings: Vec<Finding> = doc
        .sentences
        .iter()
        .enumerate()
        .map(|(i, s)| Finding {
            rule: if i % 2 == 0 { "a" } else { "b" }.to_string(),
            check: "holds".to_string(),
            severity: Severity::Error,
            verdict: [
                Verdict::Contradicted,
                Verdict::Supported,
                Verdict::Unverifiable,
            ][i % 3],
            span: s.clone(),
            text: String::new(),
            message: String::new(),
            evidence: Vec::new(),
            suggestion: None,
        })
        .collect();
    FileReport::new(doc, 0, findings)
}

fn check_invariants(source: &str) {
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let options = DocumentOptions {
            format: Some(format),
            ..DocumentOptions::default()
        };
        let Ok(doc) = Document::parse("x", source.as_bytes(), &options) else {
            continue;
        };
        let mut report = synthetic(doc);
        let before = report.findings.len();
        apply(&mut report, &|id| id == "a" || id == "b");
        assert_eq!(report.findings.len() + report.suppressed, before);
        let mut last = 0;
        for u in &report.unused_suppressions {
            let comment = report
                .document
                .source
                .get(u.span.clone())
                .unwrap_or_default();
            assert!(
                comment.starts_with("<!--") && comment.ends_with("-->"),
                "{comment:?}"
            );
            assert!(u.span.start >= last);
            last = u.span.start;
        }
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "<!--",
            "-->",
            " stet-disable",
            " stet-enable",
            " stet-ignore-next-line",
            " stet-ignore-line",
            " stet-bogus",
            " a",
            " b",
            ",",
            " -- ",
            "\n",
            "\n\n",
            "```\n",
            "`",
            "<script>",
            "</script>",
            "<pre>",
            "</pre>",
            "---\n",
            "+++\n",
            "> ",
            "    ",
            "- ",
            "<p>",
            "\"",
            "'",
            "\u{feff}",
            "\r\n",
            "Kim left. ",
            "<",
            ">",
            "-",
        ])
        .prop_map(str::to_string),
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_on_arbitrary_strings(s in "\\PC{0,200}") {
        check_invariants(&s);
    }

    #[test]
    fn never_panics_on_comment_fragments(parts in prop::collection::vec(fragment(), 0..60)) {
        check_invariants(&parts.concat());
    }
}

/// Adversarial, large input: a quadratic pass would not finish. Stacked `ignore-next-line`
/// comments (each walks to the same line), regions that never close, and a finding on every
/// prose line.
#[test]
fn linear_on_a_large_file() {
    let mut source = String::new();
    while source.len() < 16 * 1024 * 1024 - 1024 {
        for _ in 0..200 {
            source.push_str("<!-- stet-ignore-next-line a -->\n");
        }
        source.push_str("<!-- stet-disable b -->\nKim left. Trump left.\n\n");
    }
    let start = std::time::Instant::now();
    for format in [Format::Text, Format::Markdown] {
        let options = DocumentOptions {
            format: Some(format),
            ..DocumentOptions::default()
        };
        let doc = Document::parse("big", source.as_bytes(), &options).expect("under the limit");
        let mut report = synthetic(doc);
        let before = report.findings.len();
        apply(&mut report, &|id| id == "a" || id == "b");
        assert_eq!(report.findings.len() + report.suppressed, before);
        assert!(before > 0 && report.suppressed > 0);
        // Every stacked comment reaches the prose line, whose `a` finding is contradicted or
        // not depending on its index; every `stet-disable b` but those covering a
        // contradicted `b` finding is stale.
        assert!(!report.unused_suppressions.is_empty());
    }
    eprintln!("16 MB twice in {:?}", start.elapsed());
}
