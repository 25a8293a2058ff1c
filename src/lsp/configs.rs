//! Which `stet.toml` governs each open document, as in `stet check`: the nearest one walking
//! up from a `file:` document's folder (`--config FILE`: that one for every document;
//! `--no-config`, or a document that is no file: none). The command line's data options are
//! applied over each config as `stet check` applies them ([`run::adjust`]).
//!
//! A config is read again when its text on disk changes: the file is read (it is small) and
//! compared with the text last loaded at each check, so an edit made anywhere, saved from any
//! editor, governs the next check, with no file watcher to trust. Checkers are cached by data
//! set ([`run::Checkers`]), so typing never reloads reference data, and neither does a config
//! edit that leaves `[data]` as it was.

use crate::Checker;
use crate::config::{self, Config};
use crate::reference::{DataError, DataErrors};
use crate::run::{self, Checkers, RunOptions};
use crate::workspace::ConfigChoice;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A config and the checker of the data it names.
#[derive(Clone)]
pub struct Governing {
    pub config: Arc<Config>,
    pub checker: Arc<Checker>,
}

/// What a lookup found.
pub enum Lookup {
    Governing(Governing),
    /// The config (or the data it names) has problems, each at its file:line:col. `first` is
    /// true the first time these problems are seen, so the client is told once, not per
    /// keystroke.
    Broken {
        file: Option<PathBuf>,
        problems: DataErrors,
        first: bool,
    },
}

struct Loaded {
    /// The config file's bytes when it was loaded (`None`: no file, or it could not be read).
    bytes: Option<Vec<u8>>,
    result: Result<Governing, DataErrors>,
}

/// The configs of a session, by file (`None`: defaults and the command line).
pub struct Configs {
    /// The command line: where configs come from and the data options added to each.
    options: RunOptions,
    checkers: Checkers,
    loaded: HashMap<Option<PathBuf>, Loaded>,
}

impl Configs {
    /// `options.config` and `options.data` are used (the other fields are `stet check`'s);
    /// `checkers` may hold data sets loaded already.
    pub fn new(options: RunOptions, checkers: Checkers) -> Configs {
        Configs {
            options,
            checkers,
            loaded: HashMap::new(),
        }
    }

    /// The config file that governs a document at `path` (`None`: not a file).
    pub fn file_for(&self, path: Option<&Path>) -> Option<PathBuf> {
        match &self.options.config {
            ConfigChoice::Defaults => None,
            ConfigChoice::File(file) => Some(config::absolute(file)),
            ConfigChoice::Nearest => {
                let folder = config::absolute(path?).parent()?.to_path_buf();
                config::find(&folder)
            }
        }
    }

    /// The settings for a document at `path`, loaded (or loaded again, when the file's text
    /// changed since) as needed.
    pub fn lookup(&mut self, path: Option<&Path>) -> Lookup {
        let file = self.file_for(path);
        let bytes = file.as_ref().and_then(|f| std::fs::read(f).ok());
        let first = match self.loaded.get(&file) {
            Some(loaded) if loaded.bytes == bytes => false,
            _ => {
                let result = self.load(file.as_deref());
                self.loaded.insert(file.clone(), Loaded { bytes, result });
                true
            }
        };
        match self.loaded.get(&file).map(|l| &l.result) {
            Some(Ok(governing)) => Lookup::Governing(governing.clone()),
            Some(Err(problems)) => Lookup::Broken {
                file,
                problems: problems.clone(),
                first,
            },
            // Inserted just above when missing.
            None => Lookup::Broken {
                problems: DataErrors(vec![DataError {
                    file: file
                        .as_ref()
                        .map(|f| f.display().to_string())
                        .unwrap_or_default(),
                    line: 1,
                    column: 1,
                    message: "internal error: the config was not kept".into(),
                }]),
                file,
                first,
            },
        }
    }

    /// Reads a config, applies the command line over it, and gets the checker of its data,
    /// whose rules must include every rule id the config names, as in `stet check`.
    fn load(&mut self, file: Option<&Path>) -> Result<Governing, DataErrors> {
        let mut config = match file {
            Some(file) => Config::load(file)?,
            None => Config::default(),
        };
        run::adjust(&mut config, &self.options);
        let data = run::data_options(&config, self.options.data.cache_dir.clone());
        let checker = self.checkers.get(&data)?;
        run::check_rule_ids(&config, &checker)?;
        Ok(Governing {
            config: Arc::new(config),
            checker,
        })
    }

    /// The command line's options.
    pub fn options(&self) -> &RunOptions {
        &self.options
    }

    /// The checkers, to be leaked at exit (see `serve_stdio`).
    pub fn take_checkers(&mut self) -> Checkers {
        self.loaded.clear();
        std::mem::take(&mut self.checkers)
    }
}
