//! `stet extract`: the claims of a story as JSON lines, one object per claim, for debugging
//! and data work. Keys come in a fixed order; see docs/json-schema.md.

use crate::document::{Document, Location};
use crate::extract::{Claim, ClaimValue, SlotValue};
use crate::reference::{EntityIdx, Reference};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Serialize)]
struct ClaimLine<'a> {
    file: &'a str,
    kind: &'static str,
    text: &'a str,
    start: Location,
    end: Location,
    span: Span,
    sentence: usize,
    /// The normalized value: a TIMEX3-style date ("2019-02-23", "2019-02-27..2019-02-28"), a
    /// number, an ordinal, a duration ("P8M"), or entity ids.
    value: serde_json::Value,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    details: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

fn ids(reference: &Reference, entities: &[EntityIdx]) -> serde_json::Value {
    serde_json::Value::Array(
        entities
            .iter()
            .map(|&e| serde_json::Value::String(reference.entity(e).id.clone()))
            .collect(),
    )
}

fn duration_value(amount: f64, unit: crate::extract::TimeUnit) -> String {
    use crate::extract::TimeUnit::*;
    let (time, letter, factor) = match unit {
        Second => (true, "S", 1.0),
        Minute => (true, "M", 1.0),
        Hour => (true, "H", 1.0),
        Day => (false, "D", 1.0),
        Week => (false, "W", 1.0),
        Month => (false, "M", 1.0),
        Year => (false, "Y", 1.0),
        Decade => (false, "Y", 10.0),
        Century => (false, "Y", 100.0),
    };
    let n = amount * factor;
    let n = if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    };
    format!("P{}{n}{letter}", if time { "T" } else { "" })
}

fn value_of(
    reference: &Reference,
    value: &ClaimValue,
) -> (
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
) {
    use serde_json::{Value, json};
    let mut details = serde_json::Map::new();
    let v = match value {
        ClaimValue::Date(d) => {
            if let Some(w) = d.weekday {
                details.insert("weekday".into(), json!(format!("{w:?}")));
            }
            if d.relative {
                details.insert("relative".into(), json!(true));
            }
            if d.year_inferred {
                details.insert("year_inferred".into(), json!(true));
            }
            d.value.map_or(Value::Null, |r| json!(r.to_string()))
        }
        ClaimValue::Number(n) => {
            if let Some(u) = &n.unit {
                details.insert("unit".into(), json!(u));
            }
            json!(n.value)
        }
        ClaimValue::Ordinal(n) => json!(n),
        ClaimValue::Duration(d) => {
            if d.approximate {
                details.insert("approximate".into(), json!(true));
            }
            json!(duration_value(d.amount, d.unit))
        }
        ClaimValue::Mention(m) => ids(reference, &m.entities),
        ClaimValue::Title(t) => {
            details.insert(
                "roles".into(),
                Value::Array(
                    t.roles
                        .iter()
                        .map(|r| json!({"text": r.text, "offices": ids(reference, &r.offices)}))
                        .collect(),
                ),
            );
            if let Some(m) = &t.modifier {
                details.insert("modifier".into(), json!(m));
            }
            ids(reference, &t.person)
        }
        ClaimValue::Template(t) => {
            let mut slots = BTreeMap::new();
            for (name, slot) in &t.slots {
                let value = match &slot.value {
                    SlotValue::Entities(e) => ids(reference, e),
                    SlotValue::Date(d) => d.value.map_or(Value::Null, |r| json!(r.to_string())),
                    SlotValue::Ordinal(n) => json!(n),
                    SlotValue::Number(n) => json!(n),
                    SlotValue::Duration(d) => json!(duration_value(d.amount, d.unit)),
                    SlotValue::Text => json!(slot.text),
                };
                slots.insert(name.clone(), json!({"text": slot.text, "value": value}));
            }
            details.insert("slots".into(), json!(slots));
            json!(t.rule)
        }
        ClaimValue::Name(n) => json!(n.folded),
    };
    (v, details)
}

/// Writes one JSON object per claim, each on its own line.
pub fn render(
    out: &mut dyn Write,
    doc: &Document,
    claims: &[Claim],
    reference: &Reference,
) -> std::io::Result<()> {
    for claim in claims {
        let (value, details) = value_of(reference, &claim.value);
        let line = ClaimLine {
            file: &doc.name,
            kind: claim.kind.as_str(),
            text: &claim.text,
            start: doc.location(claim.span.start),
            end: doc.location(claim.span.end),
            span: Span {
                start: claim.span.start,
                end: claim.span.end,
            },
            sentence: claim.sentence,
            value,
            details,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
