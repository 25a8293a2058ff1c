//! Which files a run checks, and which config governs each.
//!
//! Files named on the command line are checked as given (the config's excludes skip them only
//! with `--force-exclude`, for pre-commit hooks that pass every changed file). Folders are
//! walked for story files (`.txt`, `.md`, `.markdown`, `.html`, ...): hidden files and what
//! `.gitignore`, `.ignore` or `.stetignore` files list are skipped, in a git repository or
//! not, and so is what the governing config excludes. A walked folder's files come in sorted
//! order, so a run's output is stable.

use crate::config::{self, Config};
use crate::document::Format;
use crate::reference::DataErrors;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where each file's settings come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChoice {
    /// The nearest `stet.toml` at or above the file's folder.
    Nearest,
    /// One file for every story (`--config`).
    File(PathBuf),
    /// None: defaults and the command line (`--no-config`).
    Defaults,
}

/// One file of a run. A run holds one for every file it checks, so it is kept small: a boxed
/// path and message, with no spare capacity.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as given, or as found under a given folder.
    pub path: Box<Path>,
    /// Index into [`Workspace::configs`].
    pub config: usize,
    /// Why the file cannot be checked (a walk error), reported in its place.
    pub problem: Option<Box<str>>,
}

/// The files of a run and the distinct configs that govern them.
#[derive(Debug)]
pub struct Workspace {
    pub targets: Vec<Target>,
    pub configs: Vec<Arc<Config>>,
}

/// Reads configs once and remembers which folder has which.
struct Configs<'a> {
    choice: &'a ConfigChoice,
    adjust: &'a dyn Fn(&mut Config),
    loaded: Vec<Arc<Config>>,
    by_file: HashMap<Option<PathBuf>, usize>,
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    /// Folders as given (`stories/q1`) made absolute, so the files of one folder ask the
    /// working directory once, not once each.
    absolute_folders: HashMap<PathBuf, PathBuf>,
}

impl<'a> Configs<'a> {
    fn new(choice: &'a ConfigChoice, adjust: &'a dyn Fn(&mut Config)) -> Configs<'a> {
        Configs {
            choice,
            adjust,
            loaded: Vec::new(),
            by_file: HashMap::new(),
            by_folder: HashMap::new(),
            absolute_folders: HashMap::new(),
        }
    }

    /// The config index for a file or folder at `path`.
    fn of(&mut self, path: &Path, is_dir: bool) -> Result<usize, DataErrors> {
        let file = match self.choice {
            ConfigChoice::Defaults => None,
            ConfigChoice::File(file) => Some(file.clone()),
            ConfigChoice::Nearest => {
                let folder = match path.parent() {
                    _ if is_dir => config::absolute(path),
                    // A file name after its folder: the absolute folder is the folder's.
                    Some(parent)
                        if !parent.as_os_str().is_empty() && path.file_name().is_some() =>
                    {
                        match self.absolute_folders.get(parent) {
                            Some(folder) => folder.clone(),
                            None => {
                                let folder = config::absolute(parent);
                                self.absolute_folders
                                    .insert(parent.to_path_buf(), folder.clone());
                                folder
                            }
                        }
                    }
                    _ => config::absolute(path)
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_default(),
                };
                match self.by_folder.get(&folder) {
                    Some(found) => found.clone(),
                    None => {
                        let found = config::find(&folder);
                        self.by_folder.insert(folder, found.clone());
                        found
                    }
                }
            }
        };
        if let Some(&i) = self.by_file.get(&file) {
            return Ok(i);
        }
        let mut config = match &file {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        (self.adjust)(&mut config);
        self.loaded.push(Arc::new(config));
        let i = self.loaded.len() - 1;
        self.by_file.insert(file, i);
        Ok(i)
    }
}

/// The config that governs the first of `paths`, found as [`collect`] finds it, so that the
/// data it names can be loaded before the walk is over. `None` when there is no path or the
/// config cannot be read (`collect` reports that).
pub fn first_config(
    paths: &[PathBuf],
    choice: &ConfigChoice,
    adjust: &dyn Fn(&mut Config),
) -> Option<Arc<Config>> {
    let path = paths.first()?;
    let is_dir = std::fs::metadata(path).is_ok_and(|m| m.is_dir());
    let mut configs = Configs::new(choice, adjust);
    let index = configs.of(path, is_dir).ok()?;
    configs.loaded.get(index).cloned()
}

/// Whether a walked file is a story stet reads.
pub fn is_story_file(path: &Path) -> bool {
    // A name that is not UTF-8 (`b\xff.txt` from a Latin-1 archive) is a story by its
    // extension all the same, as it is when the command line names it.
    path.file_name()
        .is_some_and(|name| Format::from_name(&name.to_string_lossy()).is_some())
}

/// Collects the files of a run. `adjust` applies the command line's options to each config
/// read. A config that cannot be read stops the run (its errors name file, line and column);
/// a path that cannot be read is that path's problem, and the run goes on.
pub fn collect(
    paths: &[PathBuf],
    choice: &ConfigChoice,
    force_exclude: bool,
    adjust: &dyn Fn(&mut Config),
) -> Result<Workspace, DataErrors> {
    let mut configs = Configs::new(choice, adjust);
    // The folders are listed at once, each on its own thread (a listing reads no config);
    // their configs are then found in the order of the paths, as one walk after another would.
    let listings: Vec<Listed> = paths
        .par_iter()
        .map(|path| match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => Listed::Folder(story_files(path)),
            Ok(_) => Listed::File { problem: None },
            Err(e) => Listed::File {
                problem: Some(e.to_string()),
            },
        })
        .collect();
    // Sized once: a list grown by doubling holds both buffers while it moves, and the
    // allocator keeps the pages.
    let count = listings
        .iter()
        .map(|listed| match listed {
            Listed::Folder(found) => found.len(),
            Listed::File { .. } => 1,
        })
        .sum();
    let mut targets = Vec::with_capacity(count);
    for (path, listed) in paths.iter().zip(listings) {
        let found = match listed {
            Listed::Folder(found) => found,
            Listed::File { problem } => {
                let config = configs.of(path, false)?;
                if force_exclude && configs.loaded[config].excludes(path, false) {
                    continue;
                }
                targets.push(Target {
                    path: path.as_path().into(),
                    config,
                    problem: problem.map(String::into_boxed_str),
                });
                continue;
            }
        };
        add_walked(path, found, &mut configs, &mut targets)?;
    }
    targets.shrink_to_fit();
    Ok(Workspace {
        targets,
        configs: configs.loaded,
    })
}

/// A path of the command line: a folder's story files, or a file (and why it cannot be read).
enum Listed {
    Folder(Vec<Found>),
    File { problem: Option<String> },
}

/// A file found under a folder, or a walk error at a path (boxed: every file of a run has
/// one until its target is made).
type Found = (Box<Path>, Option<Box<str>>);

/// The story files under `root` and the walk's errors, in walk order.
fn story_files(root: &Path) -> Vec<Found> {
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .require_git(false)
        .add_custom_ignore_filename(".stetignore");
    // The walker is not asked to sort: its sort parses each entry's path again for every
    // comparison. The story files are sorted once below instead, into the same order.
    let mut found: Vec<Found> = Vec::new();
    for entry in builder.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = error_path(&e).unwrap_or_else(|| root.to_path_buf());
                found.push((path.into_boxed_path(), Some(e.to_string().into_boxed_str())));
                continue;
            }
        };
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir || !is_story_file(entry.path()) {
            continue;
        }
        found.push((entry.into_path().into_boxed_path(), None));
    }
    found.sort_by(|(a, _), (b, _)| walk_order(a, b));
    found
}

/// Adds the files found under `root` that their configs do not exclude.
fn add_walked(
    root: &Path,
    found: Vec<Found>,
    configs: &mut Configs,
    targets: &mut Vec<Target>,
) -> Result<(), DataErrors> {
    // Configs are looked up in the files' order, so the first config error met is the same
    // from run to run; a walk error has no file of its own, and the root's config, looked up
    // after the files', governs its report.
    let first = targets.len();
    let mut walk_errors = false;
    for (path, problem) in found {
        let config = match problem {
            Some(_) => {
                walk_errors = true;
                usize::MAX // the root's, set below (on an error the targets are dropped)
            }
            None => {
                let config = configs.of(&path, false)?;
                if configs.loaded[config].excludes(&path, false) {
                    continue;
                }
                config
            }
        };
        // `stet check .` names files `stories/a.md`, as git and the CI's annotations do, not
        // `./stories/a.md`.
        let path = match path.strip_prefix(".") {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.into(),
            _ => path,
        };
        targets.push(Target {
            path,
            config,
            problem,
        });
    }
    if walk_errors {
        let config = configs.of(root, true)?;
        for target in &mut targets[first..] {
            if target.problem.is_some() {
                target.config = config;
            }
        }
    }
    Ok(())
}

/// The order of a walk that lists each folder's entries sorted by name, files and folders
/// together, with a folder's contents where the folder is: paths compared name by name.
/// Comparing the bytes with the separator ranked below every other byte gives that order
/// without splitting the paths (the walked paths share their root and have no empty names).
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let rank = |byte: u8| {
        if std::path::is_separator(char::from(byte)) {
            0
        } else {
            u16::from(byte) + 1
        }
    };
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    // The ranks differ from the bytes only in order, so only the first differing byte needs
    // ranking; the shared start (the root, the folder) is skipped eight bytes at a time.
    let mut same = a
        .chunks_exact(8)
        .zip(b.chunks_exact(8))
        .take_while(|(x, y)| x == y)
        .count()
        * 8;
    while same < a.len().min(b.len()) && a[same] == b[same] {
        same += 1;
    }
    match (a.get(same), b.get(same)) {
        (Some(&x), Some(&y)) => rank(x).cmp(&rank(y)),
        _ => a.len().cmp(&b.len()),
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let path = root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }

    fn names(root: &Path, ws: &Workspace) -> Vec<String> {
        ws.targets
            .iter()
            .map(|t| {
                t.path
                    .strip_prefix(root)
                    .unwrap_or(&t.path)
                    .display()
                    .to_string()
            })
            .collect()
    }

    /// The stories of folder `root` with the nearest configs, as `stet check root` finds them.
    fn walk_folder(root: &Path) -> Workspace {
        collect(
            &[root.to_path_buf()],
            &ConfigChoice::Nearest,
            false,
            &|_| {},
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        write(root, "stet.toml", "[files]\nexclude = [\"drafts/\"]\n");
        write(root, ".gitignore", "build/\n*.bak.md\n");
        write(root, "b.md", "B");
        write(root, "a.txt", "A");
        write(root, "notes.toml", "not a story");
        write(root, "old.bak.md", "ignored by git");
        write(root, "build/out.html", "ignored by git");
        write(root, "drafts/wip.md", "excluded by the config");
        write(root, ".hidden/x.md", "hidden");
        write(root, "desk/stet.toml", "fail-on = \"warning\"\n");
        write(root, "desk/c.html", "C");
        write(
            root,
            "desk/drafts/d.md",
            "the desk config does not exclude drafts",
        );
        dir
    }

    #[test]
    fn walks_stories_sorted_honouring_gitignore_and_excludes() {
        let dir = tree();
        let root = dir.path();
        let ws = walk_folder(root);
        assert_eq!(
            names(root, &ws),
            ["a.txt", "b.md", "desk/c.html", "desk/drafts/d.md"]
        );
        // The nearest config governs: desk/ has its own.
        assert_eq!(ws.configs.len(), 2);
        let desk = &ws.configs[ws.targets[2].config];
        assert_eq!(desk.fail_on, crate::check::finding::Severity::Warning);
        let top = &ws.configs[ws.targets[0].config];
        assert_eq!(top.fail_on, crate::check::finding::Severity::Error);
    }

    /// A walk error is kept in its place among the files and reported under the walked
    /// folder's config, not the config of the files around it.
    #[test]
    fn a_walk_error_keeps_its_place_under_the_folder_config() {
        use crate::check::finding::Severity;
        let dir = tree();
        let root = dir.path();
        let found: Vec<Found> = vec![
            (root.join("desk/c.html").into(), None),
            (
                root.join("desk/locked").into(),
                Some("permission denied".into()),
            ),
            (root.join("desk/drafts/d.md").into(), None),
        ];
        let mut configs = Configs::new(&ConfigChoice::Nearest, &|_| {});
        let mut targets = Vec::new();
        add_walked(root, found, &mut configs, &mut targets).unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<_> = targets.iter().map(|t| t.path.clone()).collect();
        assert_eq!(
            names,
            [
                root.join("desk/c.html").into_boxed_path(),
                root.join("desk/locked").into(),
                root.join("desk/drafts/d.md").into(),
            ]
        );
        let fail_on = |t: &Target| configs.loaded.get(t.config).map(|c| c.fail_on);
        assert_eq!(fail_on(&targets[0]), Some(Severity::Warning));
        assert_eq!(targets[1].problem.as_deref(), Some("permission denied"));
        assert_eq!(fail_on(&targets[1]), Some(Severity::Error));
        assert_eq!(fail_on(&targets[2]), Some(Severity::Warning));
    }

    /// A story whose name is not UTF-8 is walked, not skipped without a word.
    #[cfg(unix)]
    #[test]
    fn a_story_named_in_latin_1_is_walked() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        let latin1 = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
        std::fs::write(&latin1, "A").unwrap_or_else(|e| panic!("{e}"));
        write(root, "a.txt", "A");
        let ws = walk_folder(root);
        let paths: Vec<&Path> = ws.targets.iter().map(|t| &*t.path).collect();
        assert_eq!(paths, [root.join("a.txt").as_path(), latin1.as_path()]);
    }

    #[test]
    fn explicit_files_are_checked_unless_force_exclude() {
        let dir = tree();
        let root = dir.path();
        let wip = root.join("drafts/wip.md");
        let missing = root.join("gone.md");
        let ws = collect(
            &[wip.clone(), missing.clone()],
            &ConfigChoice::Nearest,
            false,
            &|_| {},
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(root, &ws), ["drafts/wip.md", "gone.md"]);
        assert!(ws.targets[0].problem.is_none());
        assert!(
            ws.targets[1].problem.is_some(),
            "a missing file is its own error"
        );
        let ws = collect(&[wip], &ConfigChoice::Nearest, true, &|_| {})
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(ws.targets.is_empty());
    }

    #[test]
    fn a_broken_config_stops_the_run_with_its_place() {
        let dir = tree();
        let root = dir.path();
        write(root, "desk/stet.toml", "fail-on = \"sometimes\"\n");
        let e = collect(
            &[root.to_path_buf()],
            &ConfigChoice::Nearest,
            false,
            &|_| {},
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(e.contains("desk/stet.toml:1:11:"), "{e}");
    }

    #[test]
    fn config_choice_file_and_defaults() {
        let dir = tree();
        let root = dir.path();
        let ws = collect(
            &[root.join("desk")],
            &ConfigChoice::File(root.join("stet.toml")),
            false,
            &|c| c.fail_on = crate::check::finding::Severity::Warning,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // `drafts/` matches at any depth, as in a .gitignore: the top config, which now governs
        // desk/ too, excludes desk/drafts.
        assert_eq!(names(root, &ws), ["desk/c.html"]);
        assert_eq!(ws.configs.len(), 1);
        assert_eq!(
            ws.configs[0].fail_on,
            crate::check::finding::Severity::Warning,
            "the command line wins"
        );
        let ws = collect(
            &[root.to_path_buf()],
            &ConfigChoice::Defaults,
            false,
            &|_| {},
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(names(root, &ws).contains(&"drafts/wip.md".to_string()));
    }

    #[test]
    fn a_folder_comes_where_its_name_sorts_among_files() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let root = dir.path();
        for name in ["ab.md", "a.md", "a-c.md", "a/b.md", "a/a/z.md", "a/-.md"] {
            write(root, name, "A");
        }
        let ws = walk_folder(root);
        // The folder `a` sorts before `a-c.md`, and its contents come with it.
        assert_eq!(
            names(root, &ws),
            ["a/-.md", "a/a/z.md", "a/b.md", "a-c.md", "a.md", "ab.md"]
        );
    }

    proptest::proptest! {
        /// The byte comparison gives the order of comparing paths name by name.
        #[test]
        fn walk_order_is_name_by_name(
            a in proptest::collection::vec("[a./ _\\-é0Z]{1,4}", 1..4),
            b in proptest::collection::vec("[a./ _\\-é0Z]{1,4}", 1..4),
        ) {
            let clean = |names: &[String]| -> Vec<String> {
                names.iter().map(|n| n.replace('/', "")).filter(|n| !n.is_empty() && n != "." && n != "..").collect()
            };
            let (a, b) = (clean(&a), clean(&b));
            proptest::prop_assume!(!a.is_empty() && !b.is_empty());
            let (pa, pb) = (PathBuf::from("root").join(a.join("/")), PathBuf::from("root").join(b.join("/")));
            proptest::prop_assert_eq!(walk_order(&pa, &pb), a.cmp(&b));
        }
    }
}
