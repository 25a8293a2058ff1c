//! Text utilities shared by the stages: name folding with an offset map.

pub mod fold;

pub use fold::{Folded, FoldedText, fold, fold_name, fold_text};
