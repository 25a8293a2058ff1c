//! Compiles the shipped `claims/` and `rules/` into the binary, so `stet check` works from any
//! directory with no flags.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let mut out = String::new();
    for (dir, constant) in [("claims", "CLAIMS"), ("rules", "RULES")] {
        println!("cargo:rerun-if-changed={dir}");
        let mut files: Vec<String> = std::fs::read_dir(Path::new(&root).join(dir))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.ends_with(".toml"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        let _ = writeln!(out, "pub const {constant}: &[(&str, &str)] = &[");
        for name in files {
            let _ = writeln!(
                out,
                "    ({:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {:?}))),",
                format!("{dir}/{name}"),
                format!("/{dir}/{name}")
            );
        }
        let _ = writeln!(out, "];");
    }
    // A fingerprint of the loader's source, part of the reference cache's key: a build whose
    // loader reads the data differently never trusts another build's cache.
    let mut fingerprint = std::collections::hash_map::DefaultHasher::new();
    for file in [
        // The versions of the parser and the encoder the loader and the cache rely on.
        "Cargo.lock",
        "src/time.rs",
        "src/reference/load.rs",
        "src/reference/model.rs",
        "src/reference/split.rs",
        "src/reference/cache.rs",
    ] {
        println!("cargo:rerun-if-changed={file}");
        std::hash::Hash::hash(
            &std::fs::read(Path::new(&root).join(file)).unwrap_or_default(),
            &mut fingerprint,
        );
    }
    println!(
        "cargo:rustc-env=STET_LOADER_HASH={:016x}",
        std::hash::Hasher::finish(&fingerprint)
    );
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    std::fs::write(Path::new(&out_dir).join("default_data.rs"), out)
        .expect("OUT_DIR is writable during a build");
}
