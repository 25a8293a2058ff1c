//! `--diff-base REV`: the lines added or changed since a git revision, so a pull request is
//! gated on what it changed and not on the archive's old findings.
//!
//! The working tree is compared with REV (`git diff -U0 REV`), so staged and unstaged edits
//! both count; renames count as new files (every line), and so do untracked files that are
//! not ignored. A finding is kept when any line of its span is a changed line.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Which lines of a file changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lines {
    /// A new file: every line.
    All,
    /// These 1-based line ranges, sorted.
    Some(Vec<RangeInclusive<usize>>),
}

/// The changed lines of a repository's files, keyed by canonical path.
#[derive(Debug, Clone, Default)]
pub struct ChangedLines {
    files: HashMap<PathBuf, Lines>,
}

impl ChangedLines {
    /// The lines changed since `rev` in the git repository holding `folder`.
    pub fn since(rev: &str, folder: &Path) -> Result<ChangedLines, String> {
        let top = git(folder, &["rev-parse", "--show-toplevel"])
            .map_err(|e| format!("--diff-base needs a git repository: {e}"))?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let top = top.canonicalize().unwrap_or(top);
        let commit = format!("{rev}^{{commit}}");
        git(&top, &["rev-parse", "--verify", "--quiet", &commit])
            .map_err(|_| format!("--diff-base: `{rev}` is not a commit in {}", top.display()))?;
        let diff = git(
            &top,
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                "--no-textconv",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                "-U0",
                rev,
                "--",
            ],
        )?;
        let mut changed = ChangedLines::default();
        for (path, lines) in parse_diff(&diff) {
            changed.files.insert(top.join(path), lines);
        }
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            changed.files.insert(top.join(path), Lines::All);
        }
        Ok(changed)
    }

    /// The changed lines of `path` (`None`: the file did not change).
    pub fn of(&self, path: &Path) -> Option<&Lines> {
        let canonical = path.canonicalize().ok()?;
        self.files.get(&canonical)
    }
}

impl Lines {
    /// Whether any of `lines` changed.
    pub fn touches(&self, lines: RangeInclusive<usize>) -> bool {
        match self {
            Lines::All => true,
            Lines::Some(ranges) => ranges
                .iter()
                .any(|r| r.start() <= lines.end() && lines.start() <= r.end()),
        }
    }
}

fn git(folder: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            stderr.trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| "git printed something that is not UTF-8".into())
}

/// The added lines of each file in a `git diff -U0` (paths relative to the repository).
/// Deleted files are left out; a hunk that only deletes adds no line.
fn parse_diff(diff: &str) -> Vec<(String, Lines)> {
    let mut files: Vec<(String, Lines)> = Vec::new();
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("+++ ") {
            if path == "/dev/null" {
                continue;
            }
            let path = unquote(path);
            let path = path.strip_prefix("b/").unwrap_or(&path).to_string();
            files.push((path, Lines::Some(Vec::new())));
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            let Some(added) = hunk.split(' ').find_map(|part| part.strip_prefix('+')) else {
                continue;
            };
            let (start, count) = match added.split_once(',') {
                Some((start, count)) => (start.parse().ok(), count.parse().ok()),
                None => (added.parse().ok(), Some(1)),
            };
            let (Some(start), Some(count)) = (start, count) else {
                continue;
            };
            if count == 0 {
                continue;
            }
            if let Some((_, Lines::Some(ranges))) = files.last_mut() {
                ranges.push(start..=start + count - 1);
            }
        }
    }
    files
}

/// A path as git prints it: bare, or in double quotes with C escapes when it holds a tab, a
/// newline, a quote or a backslash.
fn unquote(path: &str) -> String {
    let Some(inner) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) else {
        return path.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'"') => bytes.push(b'"'),
            Some(b'\\') => bytes.push(b'\\'),
            Some(d @ b'0'..=b'7') => {
                // An octal byte (git writes non-ASCII this way unless core.quotePath is off).
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&next @ b'0'..=b'7') = chars.peek() {
                        value = value * 8 + u32::from(next - b'0');
                        chars.next();
                    }
                }
                bytes.push(u8::try_from(value).unwrap_or(b'?'));
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "diff --git a/story.md b/story.md
index 1111111..2222222 100644
--- a/story.md
+++ b/story.md
@@ -3 +3 @@ Kim
-old
+new
@@ -10,0 +11,2 @@
+added one
+added two
@@ -20,3 +21,0 @@
-gone
diff --git a/gone.md b/gone.md
deleted file mode 100644
--- a/gone.md
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/new file.md b/new file.md
new file mode 100644
--- /dev/null
+++ \"b/new\\tfile.md\"
@@ -0,0 +1,3 @@
+a
";

    #[test]
    fn parses_added_line_ranges_per_file() {
        let files = parse_diff(DIFF);
        assert_eq!(
            files,
            [
                ("story.md".to_string(), Lines::Some(vec![3..=3, 11..=12])),
                ("new\tfile.md".to_string(), Lines::Some(vec![1..=3])),
            ]
        );
    }

    #[test]
    fn touches_overlapping_ranges_only() {
        let lines = Lines::Some(vec![3..=3, 11..=12]);
        assert!(lines.touches(3..=3));
        assert!(lines.touches(1..=3));
        assert!(lines.touches(12..=20));
        assert!(!lines.touches(4..=10));
        assert!(!lines.touches(13..=13));
        assert!(Lines::All.touches(1000..=1000));
    }

    #[test]
    fn unquotes_c_style_paths() {
        assert_eq!(unquote("plain/path.md"), "plain/path.md");
        assert_eq!(unquote("\"b/a\\\"b\\\\c.md\""), "b/a\"b\\c.md");
        assert_eq!(unquote("\"b/caf\\303\\251.md\""), "b/café.md");
        assert_eq!(unquote("\"b/odd\\"), "\"b/odd\\", "not closed: as is");
    }
}
