//! The pipeline in one place: reference and rules loaded once, then each story goes
//! document -> extract -> check -> report.

use crate::check::{self, RuleSet};
use crate::document::{Document, DocumentOptions};
use crate::extract::{self, Claim};
use crate::reference::{DataErrors, Reference};
use crate::report::{FileOutcome, FileReport};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Where the reference data and rules come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DataOptions {
    pub claims: Vec<PathBuf>,
    pub rules: Vec<PathBuf>,
    /// Leave the shipped claims out (property declarations stay: they are schema).
    pub no_default_data: bool,
    /// Leave the shipped rules out.
    pub no_default_rules: bool,
    /// Where to keep the reference cache (`None`: no cache).
    pub cache_dir: Option<PathBuf>,
}

/// A loaded reference and rule set, ready to check any number of stories.
#[derive(Debug)]
pub struct Checker {
    pub reference: Reference,
    pub rules: RuleSet,
}

impl Checker {
    pub fn load(options: &DataOptions) -> Result<Checker, DataErrors> {
        let claims: Vec<&Path> = options.claims.iter().map(PathBuf::as_path).collect();
        let rules: Vec<&Path> = options.rules.iter().map(PathBuf::as_path).collect();
        // Report problems in both at once, so a maintainer fixes them in one pass. Rules are
        // validated against the properties the reference declares (the shipped ones when the
        // reference itself failed to load). The rules are compiled alongside the reference,
        // against the shipped declarations, and again only if the reference declares others.
        let schema_files: Vec<_> = crate::reference::default_property_files().collect();
        let schema: HashSet<String> = crate::reference::load::load(&schema_files)
            .map(|loaded| loaded.properties.into_keys().collect())
            .unwrap_or_default();
        let (reference, speculative) = rayon::join(
            || {
                Reference::load_cached(
                    &claims,
                    options.no_default_data,
                    options.cache_dir.as_deref(),
                )
            },
            || RuleSet::load(&rules, options.no_default_rules, &schema),
        );
        let properties: HashSet<String> = match &reference {
            Ok(r) => r.properties.keys().cloned().collect(),
            Err(_) => schema.clone(),
        };
        let rule_set = if properties == schema {
            speculative
        } else {
            RuleSet::load(&rules, options.no_default_rules, &properties)
        };
        match (reference, rule_set) {
            (Ok(reference), Ok(rules)) => Ok(Checker { reference, rules }),
            (Err(DataErrors(mut a)), Err(DataErrors(b))) => {
                a.extend(b);
                Err(DataErrors(a))
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }

    /// The shipped data and rules.
    pub fn builtin() -> Result<Checker, DataErrors> {
        Checker::load(&DataOptions::default())
    }

    pub fn extract(&self, doc: &Document) -> Vec<Claim> {
        let templates = self.rules.templates();
        extract::extract(doc, &self.reference, &templates)
    }

    pub fn check_document(&self, document: Document) -> FileReport {
        let claims = self.extract(&document);
        let findings = check::check(&document, &self.reference, &self.rules, &claims);
        FileReport::new(document, claims.len(), findings)
    }

    /// Reads and checks one file. A file that cannot be read or parsed is that file's failure.
    pub fn check_file(&self, path: &Path, options: &DocumentOptions) -> FileOutcome {
        let name = path.display().to_string();
        match read_document(path, options) {
            Ok(document) => FileOutcome::Checked(self.check_document(document)),
            Err(error) => FileOutcome::Failed { name, error },
        }
    }
}

/// Reads a story file, with the size limit checked before the whole file is read.
pub fn read_document(path: &Path, options: &DocumentOptions) -> Result<Document, String> {
    let name = path.display().to_string();
    // One open, and the size from the open file: no second walk of the path.
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    if metadata.is_dir() {
        return Err("is a folder, not a story file".into());
    }
    if metadata.len() > options.max_bytes as u64 {
        return Err(format!(
            "file is {} bytes, over the limit of {} bytes",
            metadata.len(),
            options.max_bytes
        ));
    }
    // A file that grows after the size was read is still read only up to the limit.
    let limit = options.max_bytes as u64;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file grew while read, over the limit of {} bytes",
            options.max_bytes
        ));
    }
    Document::parse(&name, &bytes, options).map_err(|e| e.to_string())
}
