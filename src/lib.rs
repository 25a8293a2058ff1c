//! stet: a fact-checking claim verifier.
//!
//! The pipeline (see docs/architecture.md): document -> extract -> check -> report, with the
//! reference dataset (claims/) and the rules (rules/) loaded once and indexed.

pub mod changed;
pub mod check;
pub mod checker;
pub mod cli;
pub mod config;
pub mod document;
pub mod extract;
pub mod import;
pub mod lsp;
pub mod ordered;
pub mod reference;
pub mod report;
pub mod run;
pub mod suppress;
pub mod text;
pub mod time;
pub mod timeml;
pub mod timex;
pub mod workspace;

pub use checker::{Checker, DataOptions};
