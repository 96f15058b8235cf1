//! One file per page.

pub mod lookup;
pub mod settings;
pub mod tags;
