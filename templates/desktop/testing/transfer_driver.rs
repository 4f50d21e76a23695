//! The Rust transfer engine in a process of its own, for the transfer tests
//! (templates/desktop/testing/transfer-scenarios.ts): argv[1] is the options as
//! JSON. It speaks the drivers' line protocol: a request `{"id","op","args"}` on
//! stdin is answered `{"id","value"}` or `{"id","error"}`; after the op `listen`,
//! every update is written as `{"event","payload"}`; `close` stops the engine and
//! exits. The engine is the crate's library (`src/lib.rs`: `pub mod transfer;`),
//! so the compiler checks it as the plugin crate embeds it.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::{json, Value};

use bg_transfer_driver::transfer::{BaseDirectory, Engine, EngineOptions, SharedStorage};

fn write(value: Value) {
    println!("{value}");
}

#[tokio::main]
async fn main() {
    let raw = std::env::args().nth(1).expect("options as JSON");
    let o: Value = serde_json::from_str(&raw).expect("options as JSON");
    let mut options = EngineOptions::new(o["dataDir"].as_str().expect("dataDir"));
    let files = PathBuf::from(o["filesDir"].as_str().expect("filesDir"));
    for dir in [
        BaseDirectory::ApplicationDocuments,
        BaseDirectory::Temporary,
        BaseDirectory::ApplicationSupport,
        BaseDirectory::ApplicationLibrary,
    ] {
        options.directories.insert(dir, files.clone());
    }
    if let Some(ms) = o["backoffBaseMs"].as_u64() {
        options.backoff_base = Duration::from_millis(ms);
    }
    if let Some(n) = o["maxConcurrentPerHost"].as_u64() {
        options.max_concurrent_per_host = n as usize;
    }
    if let Some(dir) = o["sharedDir"].as_str() {
        for destination in [
            SharedStorage::Downloads,
            SharedStorage::Images,
            SharedStorage::Video,
            SharedStorage::Audio,
            SharedStorage::Files,
        ] {
            let name = serde_json::to_value(destination).expect("a destination as JSON");
            let name = name.as_str().expect("a destination name").to_owned();
            options
                .shared_directories
                .insert(destination, PathBuf::from(dir).join(name));
        }
    }
    if let Some(command) = o["openCommand"]["command"].as_str() {
        let args = o["openCommand"]["args"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        options.open_command = (command.to_owned(), args);
    }
    let engine = Engine::start(options).expect("the engine starts");

    let (lines, mut requests) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    while let Some(line) = requests.recv().await {
        if line.trim().is_empty() {
            continue;
        }
        let request: Value = serde_json::from_str(&line).expect("a JSON request");
        let id = request["id"].clone();
        let op = request["op"].as_str().unwrap_or_default();
        match op {
            "listen" => {
                let mut updates = engine.subscribe();
                tokio::spawn(async move {
                    while let Ok(update) = updates.recv().await {
                        let event = update.event();
                        let wire = serde_json::to_value(&update).expect("an update as JSON");
                        write(json!({ "event": event, "payload": wire["update"] }));
                    }
                });
                write(json!({ "id": id, "value": true }));
            }
            "close" => {
                engine.close().await;
                write(json!({ "id": id, "value": true }));
                std::process::exit(0);
            }
            _ => {
                // Each operation on its own task: a server request waiting for its retries does
                // not hold back the others.
                let (engine, op) = (engine.clone(), op.to_owned());
                tokio::spawn(async move {
                    match engine.handle(&op, &request["args"]).await {
                        Ok(value) => write(json!({ "id": id, "value": value })),
                        Err(e) => write(
                            json!({ "id": id, "error": { "code": e.code, "message": e.message } }),
                        ),
                    }
                });
            }
        }
    }
}
