//! One test binary: every test starts the real app on a fresh database and talks HTTP to it.

#[allow(dead_code)] // helpers serve every feature file; not each uses all of them
mod helpers;

mod audit;
mod auth;
mod errors;
mod faults;
mod health;
mod overview;
mod proxy;
mod redis;
mod seed_scale;
