//! `--fix`: writing a corrected story in place, atomically.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Replaces the file at `path` with `contents`, atomically: the contents go to a new file in
/// the same folder, which is flushed to disk, given the original's permissions and renamed over
/// the original. A reader sees the old file or the new one, never a mix; on any failure the
/// original is untouched and the temporary file removed.
///
/// A symbolic link is followed: the file it points to is replaced and the link kept. When
/// `path` does not exist yet it is created with default permissions. The owner is not carried
/// over (a file owned by someone else ends up owned by the user running stet).
pub fn write_atomically(path: &Path, contents: &str) -> io::Result<()> {
    let target = resolve(path)?;
    let original = match fs::metadata(&target) {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("{} is a folder", target.display()),
            ));
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "story".into());

    let (file, temp) = create_temp(&dir, &name)?;
    let guard = Remove(Some(temp));
    write_and_sync(file, contents, original)?;
    if let Some(temp) = &guard.0 {
        fs::rename(temp, &target)?;
    }
    guard.disarm();
    sync_dir(&dir);
    Ok(())
}

fn write_and_sync(
    mut file: File,
    contents: &str,
    permissions: Option<fs::Permissions>,
) -> io::Result<()> {
    file.write_all(contents.as_bytes())?;
    if let Some(permissions) = permissions {
        // After writing: a read-only original still gets a read-only copy.
        file.set_permissions(permissions)?;
    }
    file.sync_all()
}

/// `path`, or the file it links to.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// A new file next to the target, with a name no other process or thread uses.
fn create_temp(dir: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let mut last_error = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.stet-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last_error = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last_error.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

/// Removes the temporary file when dropped, unless disarmed.
struct Remove(Option<PathBuf>);

impl Remove {
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for Remove {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = fs::remove_file(path);
        }
    }
}

/// Makes the rename itself durable. Best effort: not every platform or file system can open
/// or sync a folder, and the file's contents are already on disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_contents_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("story.txt");
        fs::write(&path, "Feb. 26-27\n").unwrap_or_else(|e| panic!("{e}"));
        write_atomically(&path, "Feb. 27-28\n").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            fs::read_to_string(&path).ok().as_deref(),
            Some("Feb. 27-28\n")
        );
        assert_eq!(entries(dir.path()), ["story.txt"]);
    }

    #[test]
    fn creates_a_missing_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("new.txt");
        write_atomically(&path, "hello").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("hello"));
        assert_eq!(entries(dir.path()), ["new.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_follows_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("story.txt");
        fs::write(&path, "old").unwrap_or_else(|e| panic!("{e}"));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))
            .unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap_or_else(|e| panic!("{e}"));

        write_atomically(&link, "new").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("new"));
        let mode = fs::metadata(&path)
            .map(|m| m.permissions().mode() & 0o777)
            .ok();
        assert_eq!(mode, Some(0o640));
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(entries(dir.path()), ["link.txt", "story.txt"]);
    }

    #[test]
    fn a_failure_leaves_the_original_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // The target is a folder: refused before anything is written.
        let folder = dir.path().join("story.txt");
        fs::create_dir(&folder).unwrap_or_else(|e| panic!("{e}"));
        fs::write(folder.join("inside"), "x").unwrap_or_else(|e| panic!("{e}"));
        assert!(write_atomically(&folder, "new").is_err());
        assert_eq!(entries(dir.path()), ["story.txt"]);
        assert_eq!(entries(&folder), ["inside"]);

        // The folder does not exist: nothing is created.
        let missing = dir.path().join("no-such-folder").join("story.txt");
        assert!(write_atomically(&missing, "new").is_err());
        assert_eq!(entries(dir.path()), ["story.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_fails_cleanly() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("story.txt");
        fs::write(&path, "old").unwrap_or_else(|e| panic!("{e}"));
        // A read-only folder: the temporary file cannot be created (unless running as root,
        // when the write simply succeeds).
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555))
            .unwrap_or_else(|e| panic!("{e}"));
        let result = write_atomically(&path, "new");
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755))
            .unwrap_or_else(|e| panic!("{e}"));
        match result {
            Err(_) => assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("old")),
            Ok(()) => assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("new")),
        }
        assert_eq!(entries(dir.path()), ["story.txt"]);
    }
}
