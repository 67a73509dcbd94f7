//! uniffi-bindgen-go --library <cdylib> --package <name> --out <file.go> [--crate <name>]

use anyhow::{Context, Result, bail};
use camino::Utf8PathBuf;

const USAGE: &str = "usage: uniffi-bindgen-go --library <cdylib> --package <go package> --out <file.go> [--crate <crate>]";

fn main() -> Result<()> {
    let mut library = None;
    let mut package = None;
    let mut out = None;
    let mut crate_name = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let slot = match flag.as_str() {
            "--library" => &mut library,
            "--package" => &mut package,
            "--out" => &mut out,
            "--crate" => &mut crate_name,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => bail!("unknown argument {other}\n{USAGE}"),
        };
        *slot = Some(
            args.next()
                .with_context(|| format!("{flag} needs a value\n{USAGE}"))?,
        );
    }
    let (Some(library), Some(package), Some(out)) = (library, package, out) else {
        bail!("{USAGE}");
    };
    let library = Utf8PathBuf::from(library);
    let source = uniffi_bindgen_go::generate(&uniffi_bindgen_go::Options {
        library: &library,
        crate_name: crate_name.as_deref(),
        package: &package,
    })?;
    std::fs::write(&out, source).with_context(|| format!("writing {out}"))?;
    Ok(())
}
