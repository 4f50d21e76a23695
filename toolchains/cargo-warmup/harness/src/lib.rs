//! Touches each dependency once so `npm run toolchains` proves the set builds,
//! links (tauri's mock runtime against the system gtk/webkit libraries) and runs.

use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum WarmupError {
    #[error("cancelled")]
    Cancelled,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tick {
    pub n: u32,
}

#[async_trait::async_trait]
pub trait Source {
    async fn next(&self) -> Result<Tick, WarmupError>;
}

pub struct Counter(pub tokio_util::sync::CancellationToken);

#[async_trait::async_trait]
impl Source for Counter {
    async fn next(&self) -> Result<Tick, WarmupError> {
        if self.0.is_cancelled() {
            return Err(WarmupError::Cancelled);
        }
        tokio::task::yield_now().await;
        Ok(Tick { n: 1 })
    }
}

/// The transfer engine's HTTP client: reqwest with native TLS and streamed request bodies.
pub fn upload_body(file: tokio::fs::File) -> reqwest::Body {
    reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file))
}

pub mod commands {
    use super::Tick;

    #[tauri::command]
    pub fn ping(tick: Tick) -> Tick {
        Tick { n: tick.n + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn counter_ticks_until_cancelled() {
        let token = tokio_util::sync::CancellationToken::new();
        let c = Counter(token.clone());
        let json = serde_json::to_string(&c.next().await.unwrap()).unwrap();
        assert_eq!(json, r#"{"n":1}"#);
        token.cancel();
        assert!(c.next().await.is_err());
    }

    #[test]
    fn reqwest_client_builds_with_native_tls() {
        reqwest::Client::builder().build().expect("a TLS client");
    }

    #[test]
    fn mock_runtime_builds_an_app() {
        let app = tauri::test::mock_builder()
            .invoke_handler(tauri::generate_handler![commands::ping])
            .build(tauri::test::mock_context(tauri::test::noop_assets()))
            .expect("mock app");
        let _handle = app.handle().clone();
    }
}
