//! Loading data: the synthetic agency for benchmarks (`seed --scale N`).

pub mod scale;
