//! Response types. A row never leaves the service: each audience gets a view, built from the
//! row by one function that names every field it copies, so a new column cannot leak.

pub mod admin;
pub mod creator;
pub mod session;
