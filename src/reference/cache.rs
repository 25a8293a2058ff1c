//! The reference cache: the validated result of loading a set of claims files, stored in a
//! compact binary form so the next run with the same files skips parsing and validating TOML
//! (a million statements take seconds to parse, and under a second to read back).
//!
//! The cache is keyed by a hash of everything that decides the result: the cache format, the
//! loader's own source (see build.rs), and every input file's name and contents. A changed
//! file, a new stet build or a damaged cache file simply means a fresh load; a cache is never
//! trusted beyond its checks, and failing to write one is not an error.

use super::load::{Loaded, SourceFile};
use super::model::{Entity, Property, Value};
use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Bumped whenever the layout below changes.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"STETREF\0";
/// Cache files kept per folder: the most recently used are kept, older ones removed when one
/// is written (a cache of a million statements is over 100 MB).
const KEEP: usize = 4;
/// A temporary file older than this is left over from a run that was stopped mid-write.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(3600);

/// Where caches live: `$STET_CACHE_DIR`, else `$XDG_CACHE_HOME/stet`, else `~/.cache/stet`.
pub fn default_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("STET_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    // The XDG spec: a relative path is invalid and ignored.
    if let Some(dir) = var("XDG_CACHE_HOME").map(PathBuf::from)
        && dir.is_absolute()
    {
        return Some(dir.join("stet"));
    }
    var("HOME").map(|home| PathBuf::from(home).join(".cache").join("stet"))
}

/// The key of a load of `files`, in order.
pub fn key(files: &[SourceFile]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(&FORMAT.to_le_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(env!("STET_LOADER_HASH").as_bytes());
    for file in files {
        for part in [file.name.as_bytes(), file.text.as_bytes()] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    hasher.digest()
}

fn path(dir: &Path, key: u64) -> PathBuf {
    dir.join(format!("reference-{key:016x}.bin"))
}

/// The cached load for `key`, if there is one and it passes every check.
pub fn read(dir: &Path, key: u64) -> Option<Loaded> {
    let file = path(dir, key);
    let bytes = std::fs::read(&file).ok()?;
    let body = bytes.strip_prefix(MAGIC.as_slice())?;
    let (header, rest) = body.split_at_checked(12)?;
    let format = u32::from_le_bytes(header[..4].try_into().ok()?);
    let stored_key = u64::from_le_bytes(header[4..12].try_into().ok()?);
    if format != FORMAT || stored_key != key {
        return None;
    }
    let (payload, checksum) = rest.split_at_checked(rest.len().checked_sub(8)?)?;
    if xxhash_rust::xxh3::xxh3_64(payload) != u64::from_le_bytes(checksum.try_into().ok()?) {
        return None;
    }
    super::model::forget_shared_names();
    let loaded: Loaded = postcard::from_bytes(payload).ok()?;
    valid(&loaded).then_some(())?;
    // Used now: the last to be pruned (best effort; a read-only cache still works).
    if let Ok(f) = std::fs::File::options().write(true).open(&file) {
        let _ = f.set_modified(std::time::SystemTime::now());
    }
    Some(loaded)
}

/// Stores `loaded` under `key`, atomically (a temporary file renamed into place), and removes
/// the oldest cache files beyond `KEEP`. Best effort: a cache that cannot be written is none.
pub fn write(dir: &Path, key: u64, entities: &[Entity], properties: &HashMap<String, Property>) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let target = path(dir, key);
    let Ok((temp, file)) = tempfile_in(dir) else {
        return;
    };
    let loaded = LoadedRef {
        entities,
        properties,
    };
    if write_to(file, key, &loaded).is_err() || std::fs::rename(&temp, &target).is_err() {
        let _ = std::fs::remove_file(&temp);
        return;
    }
    prune(dir);
}

/// The cache file's bytes: the payload is streamed, never held whole in memory (a large
/// reference's is over a hundred megabytes, at the moment its load peaks).
fn write_to(file: std::fs::File, key: u64, loaded: &LoadedRef) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    out.write_all(&key.to_le_bytes())?;
    let mut hashing = Hashing {
        inner: &mut out,
        hasher: xxhash_rust::xxh3::Xxh3::new(),
    };
    postcard::to_io(loaded, &mut hashing).map_err(std::io::Error::other)?;
    let checksum = hashing.hasher.digest();
    out.write_all(&checksum.to_le_bytes())?;
    out.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// `Loaded` borrowed: the same encoding (a slice is written as a `Vec` is), so what the loader
/// has already moved into the index can be cached without a copy.
#[derive(serde::Serialize)]
struct LoadedRef<'a> {
    entities: &'a [Entity],
    properties: &'a HashMap<String, Property>,
}

/// A writer that hashes what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: xxhash_rust::xxh3::Xxh3,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A new file beside the cache, named so that two runs writing at once never share one.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = dir.join(format!(".reference-{}-{nanos}.tmp", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    Ok((path, file))
}

fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut caches: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(modified) = entry.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        if name.starts_with("reference-") && name.ends_with(".bin") {
            caches.push((modified, entry.path()));
        } else if name.starts_with(".reference-")
            && name.ends_with(".tmp")
            && now
                .duration_since(modified)
                .is_ok_and(|age| age > STALE_TEMP)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    caches.sort_by(|a, b| b.cmp(a));
    for (_, old) in caches.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(old);
    }
}

/// Every entity reference points at an entity: what the loader guaranteed, checked again so
/// a damaged or foreign cache cannot make a lookup go out of bounds.
fn valid(loaded: &Loaded) -> bool {
    let n = loaded.entities.len();
    loaded.entities.iter().all(|e| {
        e.statements.iter().all(|s| match s.value {
            Value::Entity(idx) => idx.index() < n,
            _ => true,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn files() -> Vec<SourceFile> {
        let mut files: Vec<SourceFile> = crate::reference::default_property_files().collect();
        files.push(SourceFile::new(
            "people.toml",
            "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Anna Varga\"\n\n\
             [[entity.statement]]\nproperty = \"born\"\nvalue = \"1960-05\"\nsource = \"s\"\n\n\
             [[entity.statement]]\nproperty = \"sibling\"\nvalue = \"b\"\nstart = 1990-01-02\nsource = \"s\"\n\n\
             [[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Lena Varga\"\n",
        ));
        files
    }

    #[test]
    fn a_cached_load_reads_back_as_it_was_stored() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = files();
        let loaded = super::super::load::load(&files).expect("the fixture loads");
        let k = key(&files);
        assert!(read(dir.path(), k).is_none(), "nothing cached yet");
        write(dir.path(), k, &loaded.entities, &loaded.properties);
        let back = read(dir.path(), k).expect("the cache reads back");
        assert_eq!(back.entities, loaded.entities);
        assert_eq!(back.properties, loaded.properties);
        // Origins share one name per file again.
        let a = &back.entities[back.entities.len() - 2];
        assert!(Arc::ptr_eq(&a.origin.file, &a.statements[0].origin.file));
    }

    #[test]
    fn another_input_is_another_key_and_damage_is_no_cache() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut files = files();
        let loaded = super::super::load::load(&files).expect("the fixture loads");
        let k = key(&files);
        write(dir.path(), k, &loaded.entities, &loaded.properties);
        let last = files.len() - 1;
        files[last] = SourceFile::new("people.toml", files[last].text.replace("1960", "1961"));
        assert_ne!(key(&files), k, "a changed file changes the key");
        // Every truncation and every flipped byte is caught, never a panic or a wrong load.
        let bytes = std::fs::read(path(dir.path(), k)).expect("the cache file");
        for cut in [0, 7, 8, 20, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(path(dir.path(), k), &bytes[..cut]).expect("writable");
            assert!(read(dir.path(), k).is_none(), "cut at {cut}");
        }
        for at in (0..bytes.len()).step_by(7) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x5a;
            std::fs::write(path(dir.path(), k), &damaged).expect("writable");
            assert!(read(dir.path(), k).is_none(), "byte {at} flipped");
        }
    }

    #[test]
    fn only_the_newest_caches_are_kept() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let loaded = super::super::load::load(&files()).expect("the fixture loads");
        for k in 0..(KEEP as u64 + 3) {
            write(dir.path(), k, &loaded.entities, &loaded.properties);
        }
        let count = std::fs::read_dir(dir.path()).expect("the folder").count();
        assert_eq!(count, KEEP);
        // A temporary file left by a run stopped mid-write goes once it is old; a new one
        // (another run writing now) stays.
        let old = dir.path().join(".reference-1-1.tmp");
        let new = dir.path().join(".reference-2-2.tmp");
        for temp in [&old, &new] {
            std::fs::write(temp, b"partial").expect("writable");
        }
        let long_ago = std::time::SystemTime::now() - 2 * STALE_TEMP;
        std::fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(long_ago))
            .expect("the time can be set");
        write(dir.path(), 99, &loaded.entities, &loaded.properties);
        assert!(!old.exists() && new.exists());
    }
}
