//! Text utilities shared by the stages: name folding with an offset map.

pub mod fold;
pub mod number_words;

pub use fold::{Folded, FoldedText, fold, fold_name, fold_text};
