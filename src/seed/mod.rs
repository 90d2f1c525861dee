//! Data loaders for an empty database: `seed --demo` (a small, realistic agency to explore the
//! API with).

pub mod demo;
