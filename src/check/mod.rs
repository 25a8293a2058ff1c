//! Check: claims + reference -> `Finding`s. Rules are data (rules/*.toml); each assertion kind
//! is one file here.

pub mod age;
pub mod event_date;
pub mod events;
pub mod finding;
pub mod holds;
pub mod interval;
pub mod ordinal;
pub mod property;
pub mod rule;
pub mod spelling;
#[cfg(test)]
pub(crate) mod testing;
pub mod weekday;

pub use finding::{Evidence, Finding, Severity, Suggestion, Verdict};
pub use rule::{Assertion, Rule, RuleSet};

use crate::document::Document;
use crate::extract::{Claim, ClaimKind, ClaimValue};
use crate::reference::{Reference, Statement};
use chrono::NaiveDate;
use std::ops::Range;

/// What every assertion may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub reference: &'a Reference,
    pub claims: &'a [Claim],
    /// The date claims are checked at, unless a claim states its own.
    pub story_date: Option<NaiveDate>,
}

impl<'a> Context<'a> {
    /// The claims of one sentence.
    pub fn sentence_claims(&self, sentence: usize) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims.iter().filter(move |c| c.sentence == sentence)
    }

    /// Evidence from a statement: a sentence and its source.
    pub fn evidence(&self, statement: &Statement, text: String) -> Evidence {
        Evidence {
            statement: text,
            source: statement.source.clone(),
        }
    }
}

/// Starts a finding for `claim` under `rule`.
pub fn finding(
    rule: &Rule,
    claim_span: Range<usize>,
    text: &str,
    verdict: Verdict,
    message: String,
) -> Finding {
    Finding {
        rule: rule.id.clone(),
        check: rule.assertion.as_str().to_string(),
        severity: rule.severity,
        verdict,
        span: claim_span,
        text: text.to_string(),
        message,
        evidence: Vec::new(),
        suggestion: None,
    }
}

/// Runs every rule over the claims. Findings come out sorted by position, then rule id.
pub fn check(
    doc: &Document,
    reference: &Reference,
    rules: &RuleSet,
    claims: &[Claim],
) -> Vec<Finding> {
    let ctx = Context {
        doc,
        reference,
        claims,
        story_date: doc.story_date.map(|d| d.date),
    };
    let mut findings = Vec::new();
    for claim in claims {
        let applicable: Vec<&Rule> = match (&claim.kind, &claim.value) {
            (ClaimKind::Template, ClaimValue::Template(t)) => {
                rules.get(&t.rule).into_iter().collect()
            }
            (ClaimKind::Title, _) => rules
                .rules
                .iter()
                .filter(|r| r.assertion == Assertion::Holds)
                .collect(),
            (ClaimKind::Date, _) => rules
                .rules
                .iter()
                .filter(|r| r.assertion == Assertion::Weekday)
                .collect(),
            (ClaimKind::Name, _) => rules
                .rules
                .iter()
                .filter(|r| r.assertion == Assertion::Spelling)
                .collect(),
            _ => Vec::new(),
        };
        for rule in applicable {
            let found: Vec<Finding> = match rule.assertion {
                Assertion::Holds => holds::check(rule, claim, &ctx),
                Assertion::Property => property::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::EventDate => event_date::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::Ordinal => ordinal::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::Weekday => weekday::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::Interval => interval::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::Age => age::check(rule, claim, &ctx).into_iter().collect(),
                Assertion::Spelling => spelling::check(rule, claim, &ctx).into_iter().collect(),
            };
            // A "correction" that writes the same text corrects nothing.
            findings.extend(found.into_iter().map(|mut f| {
                f.suggestion = f.suggestion.filter(|s| s.replacement != s.original);
                f
            }));
        }
    }
    findings.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.rule.cmp(&b.rule))
            .then(b.span.end.cmp(&a.span.end))
            .then(a.message.cmp(&b.message))
    });
    findings.dedup();
    findings
}

/// A finding about a whole claim.
pub fn about(rule: &Rule, claim: &Claim, verdict: Verdict, message: String) -> Finding {
    finding(rule, claim.span.clone(), &claim.text, verdict, message)
}

/// The claim text with one slot replaced: the suggestion for a template claim.
pub fn replace_in_claim(claim: &Claim, slot: &Range<usize>, replacement: &str) -> Option<String> {
    let start = slot.start.checked_sub(claim.span.start)?;
    let end = slot.end.checked_sub(claim.span.start)?;
    let text = &claim.text;
    if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    Some(format!("{}{}{}", &text[..start], replacement, &text[end..]))
}

/// A suggestion replacing the whole claim.
pub fn suggestion(claim: &Claim, replacement: String, safe: bool) -> Suggestion {
    Suggestion {
        span: claim.span.clone(),
        original: claim.text.clone(),
        replacement,
        safe,
    }
}
