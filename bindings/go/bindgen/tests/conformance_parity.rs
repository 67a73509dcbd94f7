//! API parity: every operation the FFI exports is exercised by the conformance scenarios
//! (tests/conformance/scenarios.json). The operations are read from the built library's UniFFI
//! metadata, exactly as every generator reads them, never from a list kept by hand. Every
//! language's runner must pass every scenario through its public facade and fails on an op
//! it cannot perform, so an operation covered here is reachable from every facade.
//!
//! Needs the built library: cargo build --release -p zerok-sync-ffi (scripts do).

use std::collections::BTreeSet;

use camino::Utf8PathBuf;
use serde_json::Value;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../..");

#[test]
fn every_exported_operation_is_exercised_by_a_conformance_scenario() {
    let library = Utf8PathBuf::from(format!("{ROOT}/target/release/libzerok_sync_ffi.so"));
    assert!(
        library.exists(),
        "no {library}: cargo build --release -p zerok-sync-ffi"
    );
    let ci = uniffi_bindgen_go::load(&library, Some("zerok_sync_ffi")).unwrap();

    // Scenario ops are the contract's names: a function's, or a method's without its object.
    let mut exported = Vec::new();
    for function in ci.function_definitions() {
        exported.push((function.name().to_owned(), function.name().to_owned()));
    }
    for object in ci.object_definitions() {
        let calls = object
            .constructors()
            .into_iter()
            .map(|c| c.name().to_owned());
        for name in calls.chain(object.methods().into_iter().map(|m| m.name().to_owned())) {
            exported.push((name.clone(), format!("{}.{name}", object.name())));
        }
    }
    let names: BTreeSet<_> = exported.iter().map(|(op, _)| op).collect();
    assert_eq!(
        names.len(),
        exported.len(),
        "two exported operations share a name, so a scenario op cannot tell them apart: {exported:?}"
    );

    let scenarios = std::fs::read_to_string(format!("{ROOT}/tests/conformance/scenarios.json"));
    let scenarios: Value = serde_json::from_str(&scenarios.unwrap()).unwrap();
    let steps = scenarios["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["steps"].as_array().unwrap());
    let mut ops = BTreeSet::new();
    // Contract operations every facade performs inside another op (e.g. `take` inside `next`).
    let performed_by = scenarios["performed_by"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut errors = BTreeSet::new();
    for step in steps {
        ops.insert(step["op"].as_str().unwrap());
        errors.extend(step["error"].as_str());
        // Errors a subscription reports without ending are items of `next`'s result.
        if let Some(items) = step["expect"].as_array() {
            errors.extend(items.iter().filter_map(|item| item["error"].as_str()));
        }
    }

    let covered = |op: &str| {
        ops.contains(op)
            || performed_by
                .get(op)
                .and_then(Value::as_str)
                .is_some_and(|by| ops.contains(by))
    };
    let missing: Vec<_> = exported
        .iter()
        .filter(|(op, _)| !covered(op))
        .map(|(_, qualified)| qualified)
        .collect();
    assert!(
        missing.is_empty(),
        "exported but in no conformance scenario: {missing:?}"
    );

    let variants: BTreeSet<_> = ci
        .get_enum_definition("SyncError")
        .expect("the contract's error enum")
        .variants()
        .iter()
        .map(|v| v.name().to_owned())
        .collect();
    let unknown: Vec<_> = errors.iter().filter(|e| !variants.contains(**e)).collect();
    assert!(
        unknown.is_empty(),
        "scenarios expect errors the contract does not have: {unknown:?}"
    );
    let unprovoked: Vec<_> = variants
        .iter()
        .filter(|v| !errors.contains(v.as_str()))
        .collect();
    println!(
        "SyncError variants no scenario provokes (see tests/conformance/README.md): {unprovoked:?}"
    );
}
