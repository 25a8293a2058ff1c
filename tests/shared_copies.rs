//! The seed story and its mutations are copied into tests/data so a clone builds and tests on
//! its own. Where the shared material sits beside the project, the copies must still match it.

use std::path::Path;

#[test]
fn copies_of_the_seed_match_the_shared_originals() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/stories");
    if !shared.is_dir() {
        eprintln!(
            "skipped: {} is absent (a user's clone has no shared material)",
            shared.display()
        );
        return;
    }
    for name in ["hanoi-summit.txt", "hanoi-summit.mutations.toml"] {
        let original = std::fs::read(shared.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let copy = std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/data")
                .join(name),
        )
        .unwrap_or_else(|e| panic!("tests/data/{name}: {e}"));
        assert!(
            original == copy,
            "tests/data/{name} differs from ../shared/stories/{name}: copy it again"
        );
    }
}
