//! What staff see: the agency's records with their internal fields, never a password hash
//! nor a social token.

pub mod audit;
