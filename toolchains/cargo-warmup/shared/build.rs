//! The generated crates' build script runs tauri-plugin's builder; building the
//! build-dependency is what the warm-up needs (running it is per crate).

fn main() {
    let _ = tauri_plugin::Builder::new(&["ping"]);
}
