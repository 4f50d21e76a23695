//! A generated Tauri plugin crate's dependencies (no desktop runner), each touched once.

include!("../../shared/plugin.rs");
