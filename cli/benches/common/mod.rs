//! What the `zerok relay` process benchmarks share: where figures go, and a process's CPU
//! (its memory: the test harness's `status_kib`).
#![allow(dead_code)] // each bench uses a part of this module

use std::path::Path;

/// Writes `target/bench/<name>.json`, where scripts/bench's report reads it.
pub fn write_figures(name: &str, json: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
}

/// CPU time of every thread of process `pid` so far, in ns (/proc/<pid>/task/*/schedstat:
/// nanoseconds, where /proc/<pid>/stat counts 10 ms ticks).
pub fn cpu_ns(pid: u32) -> u64 {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok())
        .map(|s| s.split_whitespace().next().unwrap().parse::<u64>().unwrap())
        .sum()
}
