//! The creator's AI assistant (API.md §6): recognising what is asked, and the providers that
//! answer from the creator's own views.

pub mod intent;
pub mod openai;
