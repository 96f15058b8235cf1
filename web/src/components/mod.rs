//! Pieces shared by the pages.

pub mod bulk;
pub mod card;
pub mod common;
pub mod details;
pub mod tags;
