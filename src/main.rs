//! The `stet` command: parses arguments, calls the library, prints. Exit codes: 0 nothing
//! contradicted, 1 something contradicted, 2 usage, configuration or data error.

use std::process::ExitCode;

/// mimalloc: loading a large reference makes millions of small allocations, which it serves
/// faster and with less fragmentation than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    stet::cli::main()
}
