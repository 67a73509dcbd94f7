//! uniffi-bindgen-go: Go (cgo) bindings for a UniFFI 0.31 cdylib, read in library mode.
//!
//! It supports exactly the constructs `udl/zerok_sync.udl` uses (bool, u16/u32/u64, strings,
//! bytes, optionals, sequences, records, enums with and without fields, flat error enums,
//! objects with sync and async methods, sync and async functions) and fails, naming the
//! construct, on anything else.
//! Async calls honour a `context.Context`: when it is done, the Rust future is cancelled.

mod emit;
mod names;
mod types;

use std::io::Write as _;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};
use camino::Utf8Path;
use uniffi_bindgen::{BindgenLoader, BindgenPaths, ComponentInterface};

/// What to generate.
pub struct Options<'a> {
    /// The built cdylib (not stripped: the interface is read from its symbols).
    pub library: &'a Utf8Path,
    /// The crate whose component to generate; needed when the library has several.
    pub crate_name: Option<&'a str>,
    /// The Go package name.
    pub package: &'a str,
}

/// The Go source of the component, gofmt'ed.
pub fn generate(options: &Options) -> Result<String> {
    let ci = load(options.library, options.crate_name)?;
    let file = options
        .library
        .file_name()
        .context("the library path names no file")?;
    let link_name = file
        .strip_prefix("lib")
        .unwrap_or(file)
        .split('.')
        .next()
        .context("the library file has no name")?;
    let source = emit::go_source(&emit::Source {
        ci: &ci,
        package: options.package,
        link_name,
        library_file: file,
    })?;
    gofmt(&source)
}

/// The component interface of `crate_name` (or the only one) in the library: what every
/// generator reads, so also what tests/conformance checks the facades against.
pub fn load(library: &Utf8Path, crate_name: Option<&str>) -> Result<ComponentInterface> {
    let mut paths = BindgenPaths::default();
    // Finds UDL files of UDL-based crates (library mode reads `<crate>/src/<name>.udl`).
    paths.add_cargo_metadata_layer(false)?;
    let loader = BindgenLoader::new(paths);
    let metadata = loader
        .load_metadata(library)
        .with_context(|| format!("reading the UniFFI metadata of {library}"))?;
    let mut cis = loader.load_cis(metadata)?;
    let wanted = crate_name.map(|name| name.replace('-', "_"));
    let index = match &wanted {
        Some(name) => cis
            .iter()
            .position(|ci| ci.crate_name() == name)
            .with_context(|| format!("{library} has no UniFFI component of crate {name}"))?,
        None if cis.len() == 1 => 0,
        None => bail!(
            "{library} has {} UniFFI components ({}): name one with --crate",
            cis.len(),
            cis.iter()
                .map(|ci| ci.crate_name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut ci = cis.swap_remove(index);
    ci.derive_ffi_funcs()?;
    Ok(ci)
}

/// Formats with the Go toolchain's gofmt, which every machine building cgo code has.
fn gofmt(source: &str) -> Result<String> {
    let mut child = Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running gofmt (from the Go toolchain)")?;
    child
        .stdin
        .take()
        .context("gofmt stdin")?
        .write_all(source.as_bytes())?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "gofmt rejected the generated code (a generator bug):\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8(output.stdout)?)
}
