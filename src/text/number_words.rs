//! The cardinal number words, in order of value: read and written by the claim extractor
//! (`extract::number`) and read by the TIMEX3 tagger (`timex::numbers`), from one table.

/// Index i is the word for i.
pub const UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
/// Index i is the word for i + 10.
pub const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
/// Index i is the word for (i + 2) * 10.
pub const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
