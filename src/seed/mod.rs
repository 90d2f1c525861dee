//! Data loaders for an empty database: `seed --demo` (a small, realistic agency to explore the
//! API with) and `seed --scale N` (a synthetic agency of busy creators for benchmarks).

pub mod demo;
pub mod scale;
