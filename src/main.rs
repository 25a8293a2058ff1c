//! The `stet` command: parses arguments, calls the library, prints. Exit codes: 0 nothing
//! contradicted, 1 something contradicted, 2 usage, configuration or data error.

use std::process::ExitCode;

fn main() -> ExitCode {
    stet::cli::main()
}
