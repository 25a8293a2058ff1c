//! The `stet` command: parses arguments, calls the library, prints. Exit codes: 0 nothing
//! contradicted, 1 something contradicted, 2 usage, configuration or data error.

use std::process::ExitCode;

/// mimalloc: loading a large reference makes millions of small allocations, which it serves
/// faster and with less fragmentation than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its `mi_option_t` value in the bundled mimalloc 3,
/// which the crate does not name).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Memory a run frees is kept for the next story rather than handed back to the system:
    // handing it back made the kernel zero the same pages again for later stories (about a
    // tenth of a Reuters run's system time). A check's memory is bounded by its window of
    // files in flight and the language server's by its open stories, so each keeps no more
    // than its peak. `MIMALLOC_PURGE_DELAY` in the environment still decides.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option before any thread is started; mimalloc reads
        // its options with atomic loads.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
    stet::cli::main()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is mimalloc's purge delay: the one option whose default is 1000 ms.
    #[test]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads a plain integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
