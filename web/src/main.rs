//! The web app's entry point (built by Trunk).

#[cfg(target_arch = "wasm32")]
fn main() {
    // Only the app installs the panic hook: a panic then names its place in
    // the console instead of `unreachable`.
    console_error_panic_hook::set_once();
    tc_web::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "tc-web runs in a browser: build it with `trunk build --release` (or `cargo xtask serve`)"
    );
    std::process::exit(2);
}
