//! A generated Tauri plugin crate's dependencies (with the transfer engine: tokio, tokio-util io, reqwest), each touched once.

include!("../../shared/plugin.rs");

pub fn upload_body(file: tokio::fs::File) -> reqwest::Body {
    reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file))
}
