//! TimeML files: reading them (the DCT, the text of `<TEXT>` without tags, the gold TIMEX3),
//! writing them tagged by stet's own TIMEX3 tagger, and scoring a tagging against gold as
//! TempEval-3 does (`stet timeml`).

pub(crate) mod markup;
pub mod reader;
pub mod scorer;
pub mod writer;

pub use reader::{TimemlDocument, TimemlError, read_file};
pub use scorer::{ScoredDocument, Scores, score};
pub use writer::write_tagged;

use crate::timex::Timex;
use std::path::{Path, PathBuf};

/// The `.tml` files of `paths`: a file as given, a folder searched recursively; sorted, without
/// repeats. A path that does not exist is an error.
pub fn tml_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
        if meta.is_dir() {
            collect(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{}: cannot be read: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: cannot be read: {e}", dir.display()))?;
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            files.push(path);
        }
    }
    Ok(())
}

/// stet's TIMEX3 for a document: its text tagged against its DCT.
pub fn tag_document(doc: &TimemlDocument) -> Vec<Timex> {
    crate::timex::tag(&doc.text, doc.dct)
}
