//! A generated Tauri plugin crate's dependencies (with the desktop runner: tokio, tokio-util), each touched once.

include!("../../shared/plugin.rs");

pub async fn until_cancelled(token: tokio_util::sync::CancellationToken) {
    tokio::select! {
        _ = token.cancelled() => {}
        _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
    }
}
