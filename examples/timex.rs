//! Tags text from standard input with stet's TIMEX3 tagger and prints each expression, for
//! studying the tagger on a sentence:
//!
//!     echo "The talks resume Monday." | cargo run --example timex -- 1998-05-01
//!
//! The argument is the document creation date (YYYY-MM-DD).

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dct) = std::env::args()
        .nth(1)
        .and_then(|a| chrono::NaiveDate::parse_from_str(&a, "%Y-%m-%d").ok())
    else {
        eprintln!("usage: timex YYYY-MM-DD < text");
        return ExitCode::from(2);
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("timex: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    for t in stet::timex::tag(&text, dct) {
        println!("{:?}\t{}\t{:?}", t.kind, t.value, &text[t.span]);
    }
    ExitCode::SUCCESS
}
