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
mod ai;
mod audit;
mod auth;
mod calendar;
mod cli;
mod concurrency;
mod creator_events;
mod creator_goals;
mod creator_money;
mod creator_portal;
mod creator_socials;
mod creator_tasks;
mod demo;
mod errors;
mod fake_platform;
mod faults;
#[allow(dead_code)] // setup helpers shared by the creator test files
mod fixtures;
mod hardening;
mod health;
mod idempotency;
mod jobs;
mod leak;
mod migrations;
mod observability;
mod openapi;
mod overview;
mod portal;
mod privacy;
mod proxy;
mod redis;
mod seed_scale;
mod social_oauth;
mod views;
mod webhooks;
