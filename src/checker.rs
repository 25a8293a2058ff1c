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

/// Reads a story file, never more of it than the size limit and one byte.
pub fn read_document(path: &Path, options: &DocumentOptions) -> Result<Document, String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let limit = options.max_bytes as u64;
    // No size asked of the file first: a story is read in one call into room for a typical
    // one (the `stat` cost as much as the read), and only one too big is asked its size.
    let mut bytes = Vec::with_capacity(16 * 1024);
    let mut file = std::io::Read::take(file, limit + 1);
    if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
        return Err(match e.kind() {
            std::io::ErrorKind::IsADirectory => "is a folder, not a story file".into(),
            _ => e.to_string(),
        });
    }
    if bytes.len() as u64 > limit {
        return Err(match file.into_inner().metadata() {
            Ok(metadata) if metadata.len() > limit => format!(
                "file is {} bytes, over the limit of {} bytes",
                metadata.len(),
                options.max_bytes
            ),
            _ => format!(
                "file grew while read, over the limit of {} bytes",
                options.max_bytes
            ),
        });
    }
    Document::parse(&name, &bytes, options).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(max_bytes: usize) -> DocumentOptions {
        DocumentOptions {
            max_bytes,
            ..DocumentOptions::default()
        }
    }

    #[test]
    fn a_story_at_the_limit_is_read_and_one_over_it_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("story.txt");
        let text = "The summit ended on Thursday.";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let document = read_document(&path, &options(text.len()))
            .unwrap_or_else(|e| panic!("a story at the limit is read: {e}"));
        assert_eq!(document.text, text);
        let error = read_document(&path, &options(text.len() - 1)).err();
        assert_eq!(
            error.as_deref(),
            Some("file is 29 bytes, over the limit of 28 bytes")
        );
    }

    #[test]
    fn a_story_bigger_than_the_first_read_is_read_whole() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("long.txt");
        let text = "The talks went on. ".repeat(5_000);
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        let document =
            read_document(&path, &DocumentOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(document.text, text);
    }

    #[test]
    fn a_folder_or_a_missing_file_is_an_error_saying_so() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let folder = read_document(dir.path(), &DocumentOptions::default()).err();
        assert_eq!(folder.as_deref(), Some("is a folder, not a story file"));
        let missing = read_document(&dir.path().join("none.txt"), &DocumentOptions::default());
        assert!(missing.is_err_and(|e| e.contains("No such file")));
    }
}
