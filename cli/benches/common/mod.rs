//! What the `zerok relay` process benchmarks share: where figures go, and a process's CPU.
#![allow(dead_code)] // each bench uses a part of this module

use std::path::Path;

/// Writes `target/bench/<name>.json`, where scripts/bench's report reads it.
pub fn write_figures(name: &str, json: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.json")), json).unwrap();
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS`, `VmHWM`, …); `None` once the process is gone.
pub fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| {
        l.strip_prefix(field)
            .is_some_and(|rest| rest.starts_with(':'))
    })?;
    line.split_whitespace().nth(1)?.parse().ok()
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
