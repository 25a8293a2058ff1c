//! The mledoze/countries JSON format (`countries.json`, also the npm package
//! `world-countries`; ODbL 1.0): a list of countries and territories.
//!
//! Each record becomes a place named by its common name (`united-states`), with its official
//! and native names, its other spellings and its English demonyms as aliases ("Viet Nam",
//! "Vietnamese"); its capital(s) as places located in it; its region, subregion and land
//! borders. Two-letter and three-letter ISO codes are left out of the aliases: "IN", "IT" or
//! "TO" would be read as English words.
//!
//! The data says what is true today and nothing of when it began, so capitals are stated
//! without a period; capitals that changed are given their history in `claims/capitals.toml`.

use super::{Import, ImportError, ImportedEntity, ImportedStatement, ImportedValue, slug};
use crate::reference::EntityKind;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, HashMap};

pub const SOURCE: &str = "https://github.com/mledoze/countries (countries.json, ODbL 1.0)";

#[derive(Debug, Deserialize)]
struct Country {
    name: Names,
    cca2: String,
    cca3: String,
    #[serde(default)]
    capital: Vec<String>,
    #[serde(default, rename = "altSpellings")]
    alt_spellings: Vec<String>,
    #[serde(default)]
    region: String,
    #[serde(default)]
    subregion: String,
    #[serde(default)]
    borders: Vec<String>,
    #[serde(default)]
    demonyms: BTreeMap<String, Demonym>,
    independent: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Names {
    common: String,
    official: String,
    #[serde(default)]
    native: BTreeMap<String, NativeName>,
}

#[derive(Debug, Deserialize)]
struct NativeName {
    common: String,
    official: String,
}

#[derive(Debug, Deserialize)]
struct Demonym {
    #[serde(default)]
    f: String,
    #[serde(default)]
    m: String,
}

pub fn import(file: &str, text: &str) -> Import {
    let mut import = Import::default();
    let records: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            import.errors.push(ImportError {
                file: file.to_string(),
                line: e.line().max(1),
                column: e.column().max(1),
                record: "file".into(),
                message: format!("not a countries.json list of countries: {e}"),
            });
            return import;
        }
    };
    let mut countries: Vec<Country> = Vec::new();
    for (i, raw) in records.iter().enumerate() {
        // The record's place in the file: RawValue borrows from `text`.
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let (line, column) = super::line_column(text, offset);
        let error = |record: String, message: String| ImportError {
            file: file.to_string(),
            line,
            column,
            record,
            message,
        };
        match serde_json::from_str::<Country>(raw.get()) {
            Ok(c) if c.name.common.trim().is_empty() => import.errors.push(error(
                format!("record {} ({})", i + 1, c.cca3),
                "empty common name".into(),
            )),
            Ok(c) if c.cca3.trim().is_empty() => import.errors.push(error(
                format!("record {} ({})", i + 1, c.name.common),
                "empty cca3 code".into(),
            )),
            Ok(c) if c.capital.iter().any(|x| x.trim().is_empty()) => import.errors.push(error(
                format!("record {} ({})", i + 1, c.cca3),
                "empty capital name".into(),
            )),
            Ok(c) => countries.push(c),
            Err(e) => {
                let (l, col) = (
                    line + e.line() - 1,
                    if e.line() == 1 {
                        column + e.column() - 1
                    } else {
                        e.column()
                    },
                );
                import.errors.push(ImportError {
                    file: file.to_string(),
                    line: l,
                    column: col,
                    record: format!("record {}", i + 1),
                    // The position is given as the file's, not the record's.
                    message: e
                        .to_string()
                        .split(" at line ")
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                });
            }
        }
    }
    import.entities = entities(&countries, &mut import.errors, file);
    import
}

fn entities(
    countries: &[Country],
    errors: &mut Vec<ImportError>,
    file: &str,
) -> Vec<ImportedEntity> {
    let country_ids: HashMap<&str, String> = countries
        .iter()
        .map(|c| (c.cca3.as_str(), slug(&c.name.common)))
        .collect();
    // Capital ids: the city's slug, told apart from a country of the same name ("singapore"
    // the country, "singapore-city") and from a namesake capital ("kingston-jamaica").
    let mut capital_countries: HashMap<String, Vec<&str>> = HashMap::new();
    for c in countries {
        for cap in &c.capital {
            capital_countries
                .entry(slug(cap))
                .or_default()
                .push(c.cca3.as_str());
        }
    }
    let is_country_id = |id: &str| country_ids.values().any(|c| c == id);
    let capital_id = |cap: &str, cca3: &str| {
        let id = slug(cap);
        if capital_countries.get(&id).is_some_and(|v| v.len() > 1) {
            format!("{id}-{}", country_ids[cca3])
        } else if is_country_id(&id) {
            format!("{id}-city")
        } else {
            id
        }
    };

    let mut out: Vec<ImportedEntity> = Vec::new();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for c in countries {
        let id = country_ids[c.cca3.as_str()].clone();
        if let Some(other) = seen.insert(id.clone(), &c.cca3) {
            errors.push(ImportError {
                file: file.to_string(),
                line: 1,
                column: 1,
                record: format!("record {}", c.cca3),
                message: format!(
                    "`{id}` is also the id of {other}: two countries share a common name"
                ),
            });
            continue;
        }
        let mut e = ImportedEntity::new(id.clone(), EntityKind::Place, c.name.common.trim());
        let codes = [c.cca2.as_str(), c.cca3.as_str()];
        let mut add = |alias: &str| {
            let alias = alias.trim();
            if alias.chars().count() > 2 && !codes.contains(&alias) {
                e.alias(alias);
            }
        };
        add(&c.name.official);
        for s in &c.alt_spellings {
            add(s);
        }
        for n in c.name.native.values() {
            add(&n.common);
            add(&n.official);
        }
        if let Some(d) = c.demonyms.get("eng") {
            add(&d.m);
            add(&d.f);
        }
        let what = if c.independent == Some(false) {
            "territory"
        } else {
            "country"
        };
        let place = if c.subregion.trim().is_empty() {
            c.region.trim()
        } else {
            c.subregion.trim()
        };
        e.description = Some(if place.is_empty() {
            format!("{what} (ISO 3166 {})", c.cca3)
        } else {
            format!("{what} in {place} (ISO 3166 {})", c.cca3)
        });
        let statement =
            |property: &str, value: ImportedValue| ImportedStatement::new(property, value, SOURCE);
        for cap in &c.capital {
            e.statements.push(statement(
                "capital",
                ImportedValue::Entity(capital_id(cap, &c.cca3)),
            ));
        }
        if !c.region.trim().is_empty() {
            e.statements.push(statement(
                "region",
                ImportedValue::Text(c.region.trim().into()),
            ));
        }
        if !c.subregion.trim().is_empty() {
            e.statements.push(statement(
                "subregion",
                ImportedValue::Text(c.subregion.trim().into()),
            ));
        }
        // A border is stated once, from the country whose id sorts first: the property is
        // symmetric and the loader adds the mirror.
        let mut borders: Vec<&String> = c
            .borders
            .iter()
            .filter_map(|b| country_ids.get(b.as_str()))
            .filter(|b| **b > id)
            .collect();
        borders.sort();
        borders.dedup();
        for b in borders {
            e.statements.push(statement(
                "shares-border-with",
                ImportedValue::Entity(b.clone()),
            ));
        }
        out.push(e);
        for cap in &c.capital {
            let mut city =
                ImportedEntity::new(capital_id(cap, &c.cca3), EntityKind::Place, cap.trim());
            city.description = Some(format!("capital of {}", c.name.common.trim()));
            city.statements
                .push(statement("located-in", ImportedValue::Entity(id.clone())));
            out.push(city);
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real records from countries.json, trimmed to the fields the importer reads.
    const SAMPLE: &str = r#"[
  {
    "name": {
      "common": "Vietnam",
      "official": "Socialist Republic of Vietnam",
      "native": { "vie": { "official": "Cộng hòa xã hội chủ nghĩa Việt Nam", "common": "Việt Nam" } }
    },
    "cca2": "VN", "cca3": "VNM", "independent": true,
    "altSpellings": ["VN", "Socialist Republic of Vietnam", "Cộng hòa Xã hội chủ nghĩa Việt Nam", "Viet Nam"],
    "capital": ["Hanoi"], "region": "Asia", "subregion": "South-Eastern Asia",
    "borders": ["KHM", "CHN", "LAO"],
    "demonyms": { "eng": { "f": "Vietnamese", "m": "Vietnamese" }, "fra": { "f": "Vietnamienne", "m": "Vietnamien" } }
  },
  {
    "name": { "common": "China", "official": "People's Republic of China", "native": { "zho": { "official": "中华人民共和国", "common": "中国" } } },
    "cca2": "CN", "cca3": "CHN", "independent": true,
    "altSpellings": ["CN", "Zhōngguó", "Zhongguo", "Zhonghua", "People's Republic of China", "中华人民共和国", "Zhōnghuá Rénmín Gònghéguó"],
    "capital": ["Beijing"], "region": "Asia", "subregion": "Eastern Asia",
    "borders": ["AFG", "BTN", "MMR", "HKG", "IND", "KAZ", "NPL", "PRK", "KGZ", "LAO", "MAC", "MNG", "PAK", "RUS", "TJK", "VNM"],
    "demonyms": { "eng": { "f": "Chinese", "m": "Chinese" } }
  },
  {
    "name": { "common": "Singapore", "official": "Republic of Singapore", "native": { "eng": { "official": "Republic of Singapore", "common": "Singapore" } } },
    "cca2": "SG", "cca3": "SGP", "independent": true,
    "altSpellings": ["SG", "Singapura", "Republik Singapura", "新加坡共和国"],
    "capital": ["Singapore"], "region": "Asia", "subregion": "South-Eastern Asia", "borders": [],
    "demonyms": { "eng": { "f": "Singaporean", "m": "Singaporean" } }
  }
]"#;

    fn entity<'a>(import: &'a Import, id: &str) -> &'a ImportedEntity {
        import
            .entities
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no entity {id}"))
    }

    #[test]
    fn countries_get_names_demonyms_capitals_and_borders() {
        let import = import("countries.json", SAMPLE);
        assert!(import.errors.is_empty(), "{:?}", import.errors);
        let ids: Vec<&str> = import.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "beijing",
                "china",
                "hanoi",
                "singapore",
                "singapore-city",
                "vietnam"
            ]
        );
        let vietnam = entity(&import, "vietnam");
        assert_eq!(
            vietnam.aliases,
            [
                "Socialist Republic of Vietnam",
                "Cộng hòa Xã hội chủ nghĩa Việt Nam",
                "Viet Nam",
                "Việt Nam",
                "Cộng hòa xã hội chủ nghĩa Việt Nam",
                "Vietnamese"
            ]
        );
        assert_eq!(
            vietnam.description.as_deref(),
            Some("country in South-Eastern Asia (ISO 3166 VNM)")
        );
        let capital = &vietnam.statements[0];
        assert_eq!(capital.property, "capital");
        assert_eq!(capital.value, ImportedValue::Entity("hanoi".into()));
        assert!(capital.start.is_none() && capital.source.contains("ODbL"));
        // China borders Vietnam: stated once, from "china" (sorts first).
        let china_borders: Vec<&ImportedValue> = entity(&import, "china")
            .statements
            .iter()
            .filter(|s| s.property == "shares-border-with")
            .map(|s| &s.value)
            .collect();
        assert_eq!(china_borders, [&ImportedValue::Entity("vietnam".into())]);
        assert!(
            !vietnam
                .statements
                .iter()
                .any(|s| s.property == "shares-border-with")
        );
        let city = entity(&import, "singapore-city");
        assert_eq!(city.name, "Singapore");
        assert_eq!(
            city.statements[0].value,
            ImportedValue::Entity("singapore".into())
        );
    }

    #[test]
    fn a_malformed_record_is_reported_at_its_line_and_the_others_imported() {
        let broken = SAMPLE.replacen("\"cca3\": \"CHN\",", "\"cca3\": 7,", 1);
        let import = import("countries.json", &broken);
        let errors: Vec<String> = import.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "countries.json:16:27: record 2: invalid type: integer `7`, expected a string"
            ),
            "the error is on the record's line: {errors:?}"
        );
        assert!(errors[0].contains("record 2"), "{errors:?}");
        assert!(import.entities.iter().any(|e| e.id == "vietnam"));
        assert!(!import.entities.iter().any(|e| e.id == "china"));

        let not_json = super::import("countries.json", "{\"a\": ");
        assert_eq!(not_json.errors.len(), 1);
        assert!(
            not_json.errors[0]
                .message
                .starts_with("not a countries.json list")
        );
    }
}
