//! One test binary: every test starts the real app on a fresh database and talks HTTP to it.

#[allow(dead_code)] // helpers serve every feature file; not each uses all of them
mod helpers;

mod admin_access;
mod admin_brands;
mod admin_creator_records;
mod admin_deals;
mod admin_money;
mod admin_outreach;
mod admin_talents;
mod admin_users;
mod auth;
mod demo;
mod errors;
mod health;
