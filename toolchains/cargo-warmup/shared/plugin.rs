// The part every warm-up plugin crate shares, included by each plugin-*/src/lib.rs (one copy for three crates).

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Json(#[from] serde_json::Error),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub n: u32,
}

pub mod commands {
    use super::Tick;

    #[tauri::command]
    pub fn ping(tick: Tick) -> Tick {
        Tick { n: tick.n + 1 }
    }
}

pub fn init<R: tauri::Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("warmup")
        .invoke_handler(tauri::generate_handler![commands::ping])
        .build()
}

#[cfg(test)]
mod tests {
    #[test]
    fn mock_runtime_builds_an_app() {
        let app = tauri::test::mock_builder()
            .plugin(super::init())
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .expect("mock app");
        let _handle = app.handle().clone();
    }
}
