"""Writes BENCHMARKS.md (and the table in README.md) from one run of scripts/bench.

Inputs, all from the same run: criterion's estimates under target/criterion (envelope,
throughput; one saved baseline per round) and the plain harnesses' figures under target/bench
(latency, fanin, overhead-*). Every figure is shown with its baseline and their ratio; a
criterion figure with the median ratio across rounds and their range. A missing input fails
the report.
"""

import datetime
import json
import platform
import re
import subprocess
import sys
from pathlib import Path

repo = Path(__file__).resolve().parents[2]
criterion = repo / "target" / "criterion"
figures = repo / "target" / "bench"


rounds = sorted({p.name for p in criterion.rglob("round*") if p.is_dir()})
if not rounds:
    sys.exit(f"bench report: no criterion rounds under {criterion} (run scripts/bench)")


def mean_ns(round_, *path):
    return json.loads((criterion.joinpath(*path, round_, "estimates.json")).read_text())["mean"]["point_estimate"]


def median_round(baseline, figure):
    """The baseline and figure times (ns) of the round whose ratio (baseline ÷ figure time,
    higher is better) is the median, and every round's ratio."""
    pairs = sorted(((mean_ns(r, *baseline), mean_ns(r, *figure)) for r in rounds), key=lambda p: p[0] / p[1])
    raw, t = pairs[len(pairs) // 2]
    return raw, t, [b / f for b, f in pairs]


def load(name):
    return json.loads((figures / f"{name}.json").read_text())


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e3:.1f} µs"


def fmt_rate(bytes_per_iter, ns):
    return f"{bytes_per_iter / ns:.2f} GB/s"


rows = []  # (figure, measured, baseline, ratio, target, met)


def row(figure, measured, baseline, ratio, target, met, spread=None):
    """`met` is None for a figure reported without a target; `spread` is every round's ratio."""
    verdict = "–" if met is None else "yes" if met else "**no**"
    shown = f"{ratio:.2f}" if spread is None else f"{ratio:.2f} ({min(spread):.2f}–{max(spread):.2f})"
    rows.append((figure, measured, baseline, shown, target, verdict))


# Envelope vs the raw AEAD: throughput ratio = raw time / envelope time.
for size, label in [(64 << 10, "64KiB"), (1 << 20, "1MiB"), (1 << 10, "1KiB")]:
    for op, group in [("seal", "encrypt"), ("open", "decrypt")]:
        raw, env, spread = median_round((group, "raw_aead", label), (group, op, label))
        target = "≥ 0.90" if size >= 64 << 10 else "(orientation)"
        row(f"envelope {op} {label}", fmt_rate(size, env), f"raw AEAD {fmt_rate(size, raw)}", raw / env,
            target, raw / env >= 0.9 if size >= 64 << 10 else None, spread)

# Push / pull of 64 KiB blobs vs a raw iroh stream moving the same bytes.
for group, ours, bytes_per_iter, goal in [
    ("push_64KiB", "durable_push", 16 * 64 << 10, 0.40),
    ("pull_64KiB", "pull_decrypt", 256 * 64 << 10, 0.60),
]:
    raw, t, spread = median_round((group, "raw_iroh"), (group, ours))
    row(f"{group.replace('_', ' ')} (relay, durable)", fmt_rate(bytes_per_iter, t),
        f"raw iroh {fmt_rate(bytes_per_iter, raw)}", raw / t, f"≥ {goal:.2f}", raw / t >= goal, spread)

fanin = load("fanin")
acked = fanin["round_acked_per_sec"]
row(f"1 KiB pushes, {fanin['clients']} clients",
    f"{fanin['acked_per_sec']:,} acks/s ({min(acked):,}–{max(acked):,})",
    f"raw iroh {fanin['raw_acked_per_sec']:,} acks/s", fanin["ratio"], "≥ 20,000 acks/s, none lost, gap-free",
    fanin["acked_per_sec"] >= 20000 and fanin["lost"] == 0 and fanin["cursors_gap_free"],
    [a / r for a, r in zip(acked, fanin["round_raw_acked_per_sec"])])

cluster = load("cluster")
pg_rates, sq_rates = cluster["round_postgres_acked_per_sec"], cluster["round_sqlite_acked_per_sec"]
row(f"1 KiB pushes, {cluster['clients']} clients, one relay on PostgreSQL",
    f"{cluster['postgres_acked_per_sec']:,} acks/s ({min(pg_rates):,}–{max(pg_rates):,})",
    f"on SQLite {cluster['sqlite_acked_per_sec']:,} acks/s", cluster["fanin_ratio"],
    "≥ 0.50, none lost, gap-free",
    cluster["fanin_ratio"] >= 0.5 and cluster["lost"] == 0 and cluster["cursors_gap_free"],
    cluster["round_fanin_ratio"])
across, single = cluster["live_across_nodes_64B"], cluster["live_single_sqlite_64B"]
row("push on node 1 → live receive on node 2 p50 (PostgreSQL cluster)", f"{across['p50_us']:.0f} µs",
    f"one SQLite relay {single['p50_us']:.0f} µs", cluster["live_p50_ratio"], "≤ 3×",
    cluster["live_p50_ratio"] <= 3)

lat = load("latency")
rtt, live = lat["raw_round_trip_64B"], lat["push_to_live_64B"]
row("push → live receive p50", f"{live['p50_us']:.0f} µs", f"raw round trip {rtt['p50_us']:.0f} µs",
    lat["live_p50_ratio"], "≤ 4×", lat["live_p50_ratio"] <= 4)
row("push → live receive p99", f"{live['p99_us']:.0f} µs", f"raw round trip {rtt['p99_us']:.0f} µs",
    lat["live_p99_ratio"], "≤ 10×", lat["live_p99_ratio"] <= 10)
raw_c, client_c = lat["raw_connect"], lat["client_connect"]
row("create + connect + handshake p50", f"{client_c['p50_us'] / 1e3:.2f} ms",
    f"raw iroh connect {raw_c['p50_us'] / 1e3:.2f} ms", lat["connect_p50_ratio"], "≤ 3×",
    lat["connect_p50_ratio"] <= 3)
paired = lat["pairing"]
row("pair by code: code shown → both devices have the outcome, p50 (new device's endpoint, "
    "mailbox, SPAKE2, confirmations, sealed invite)", f"{paired['p50_us'] / 1e3:.2f} ms",
    f"raw iroh connect {raw_c['p50_us'] / 1e3:.2f} ms", lat["pairing_p50_ratio"], "(report)", None)

outbox = load("outbox")
row(f"enqueue 1 KiB, {outbox['writers']} concurrent (durable)",
    f"{outbox['enqueue_per_sec']:,} enqueues/s ({min(outbox['round_enqueue_per_sec']):,.0f}–{max(outbox['round_enqueue_per_sec']):,.0f})",
    f"raw fsync'd append {outbox['raw_append_per_sec']:,} /s", outbox["ratio"], "≥ 0.50",
    outbox["ratio"] >= 0.5, outbox["round_ratios"])

idle = load("idle")
settings = {s["name"]: s for s in idle["settings"]}
before = settings["keep-alive 1 s (before)"]
for name in ("mobile", "default"):
    s_ = settings[name]
    label = f"idle device, {name} ({s_['keep_alive_ms'] / 1e3:g} s keep-alive), {idle['devices']} devices"
    mobile = name == "mobile"
    row(f"{label}: relay CPU", f"{s_['cpu_us_per_device_sec']:.1f} µs/s",
        f"1 s keep-alive {before['cpu_us_per_device_sec']:.1f} µs/s",
        s_["cpu_us_per_device_sec"] / before["cpu_us_per_device_sec"],
        "≤ 10 µs/s" if mobile else "(report)", s_["cpu_us_per_device_sec"] <= 10 if mobile else None)
    row(f"{label}: relay memory per session", f"{s_['rss_per_session_kib']:.0f} KiB",
        f"1 s keep-alive {before['rss_per_session_kib']:.0f} KiB",
        s_["rss_per_session_kib"] / before["rss_per_session_kib"],
        "≤ 40 KiB" if mobile else "(report)", s_["rss_per_session_kib"] <= 40 if mobile else None)

fanout = load("fanout")
one, many = fanout["one"], fanout["many"]
row(f"push → {fanout['subscribers']:,} subscribers p99 (p50 {many['p50_ms']:.0f} ms; CPU per push: "
    f"relay {many['relay_cpu_ms_per_push']:.0f} ms, the simulated devices {many['devices_cpu_ms_per_push']:.0f} ms)",
    f"{many['p99_ms']:.1f} ms", f"1 subscriber {one['p99_ms']:.1f} ms", many["p99_ms"] / one["p99_ms"],
    "≤ 100 ms", many["p99_ms"] <= 100)

objects = load("objects")
gib = objects["bytes"] / (1 << 30)
for way, goal in [("push", 0.5), ("pull", 0.5)]:
    o = objects[way]
    row(f"{way} a {gib:g} GiB file as an object (`zerok {way}`, relay durable)", f"{o['mb_per_sec']:.0f} MB/s",
        f"raw iroh stream {o['raw_mb_per_sec']:.0f} MB/s", o["ratio"], f"≥ {goal:.2f}", o["ratio"] >= goal,
        o["round_ratios"])
for label, kib in [("device pushing", objects["device_push_peak_kib"]),
                   ("device pulling", objects["device_pull_peak_kib"]),
                   ("relay", objects["relay_peak_kib"])]:
    row(f"peak memory of the {label} during {gib:g} GiB transfers", f"{kib / 1024:.0f} MiB", "64 MiB",
        kib / 1024 / 64, "≤ 64 MiB", kib <= 64 * 1024)
row(f"{gib:g} GiB push, relay killed halfway: bytes stored again after the restart",
    f"{objects['resume_sent_again']:.2f} of the object", "the whole object", objects["resume_sent_again"],
    "≤ 0.55", objects["resume_sent_again"] <= 0.55)

# Per-call overhead: each language vs the same call from Rust (through the ffi crate's API).
rust = load("overhead-rust")
limits = {"python": 30, "node": 30, "go": 10, "kotlin": 30, "swift": None}
for language, limit in limits.items():
    path = figures / f"overhead-{language}.json"
    if not path.exists():
        sys.exit(f"bench report: no figures for {language} ({path})")
    o = json.loads(path.read_text())
    trivial = o["trivial_async_ns"]
    row(f"trivial async call, {language}", fmt_time(trivial), f"Rust {fmt_time(rust['trivial_async_ns'])}",
        trivial / rust["trivial_async_ns"], f"≤ {limit} µs" if limit else "(report)",
        None if limit is None else trivial <= limit * 1e3)
    push = o["push_64k_ns"]
    row(f"64 KiB push, {language}", fmt_time(push), f"Rust {fmt_time(rust['push_64k_ns'])}",
        push / rust["push_64k_ns"], "(report)", None)

# `zerok daemon` through smartrust (stdio) vs the same calls in-process from Node, same run.
d = load("daemon-node")
for key, what in [("trivial_async", "trivial async call"), ("push_64k", "64 KiB push")]:
    row(f"{what} through `zerok daemon` (smartrust, stdio)", fmt_time(d[f"daemon_{key}_ns"]),
        f"in-process node {fmt_time(d[f'{key}_ns'])}", d[f"daemon_{key}_ns"] / d[f"{key}_ns"], "(report)", None)


def command(*args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError):
        return "?"


def locked(name):
    lock = (repo / "Cargo.lock").read_text()
    m = re.search(rf'name = "{name}"\nversion = "([^"]+)"', lock)
    return m.group(1) if m else "?"


cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
            if l.startswith("model name")), platform.processor())
cores = Path("/proc/cpuinfo").read_text().count("processor\t:")
mem = int(Path("/proc/meminfo").read_text().split()[1]) / (1 << 20)
load_avg = Path("/proc/loadavg").read_text().split()[:3]

table = ["| figure | measured | baseline (same run) | ratio | target | met |", "|---|---|---|---|---|---|"]
table += [f"| {' | '.join(r)} |" for r in rows]

report = f"""# Benchmarks

Written by `scripts/bench` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC. Every figure
comes with a baseline measured in the same run; ratios are figure ÷ baseline for throughputs
and rates (higher is better), and time ÷ baseline time for latencies and per-call costs.

- machine: {cores} × {cpu}, {mem:.0f} GiB, {platform.system()} {platform.release()};
  load average at the end of the run: {' '.join(load_avg)} (the machine is shared: ranges across runs
  are wide)
- versions: {command('rustc', '--version')}; iroh {locked('iroh')}; rusqlite {locked('rusqlite')};
  uniffi {locked('uniffi')}; {'; '.join(json.loads((figures / f'overhead-{l}.json').read_text())['runtime'] for l in limits)}

{chr(10).join(table)}

How each is measured: `relay/benches/` (throughput, fanin, latency; the raw iroh peer they
share is `relay/benches/common`), `core/benches/envelope.rs` and `core/benches/outbox.rs`
(enqueues against a group-committed, fdatasync'd append log on the same disk, rounds
alternating), `cli/benches/idle.rs` and `cli/benches/fanout.rs` (relays as `zerok relay`
processes of their own: memory is the growth of the relay's resident set per added session,
CPU its threads' time over three keep-alive intervals), `cli/benches/objects.rs` (`zerok push`
and `zerok pull --out` of a 1 GiB file as processes of their own through a `zerok relay`,
rounds alternating with a raw iroh stream moving the same bytes; peak memory is each process's
VmHWM), and the per-language harnesses of
`scripts/bench-overhead`. Relays store into SQLite with synchronous=FULL (durable commits)
on the same 2 cores as the clients. The latency harness alternates baseline and figure sample
by sample, the fan-in harness round by round (median of 3 rounds each; in brackets its slowest
and fastest round, and the lowest and highest ratio of a round), so both see the same machine.
Criterion measures each baseline just before its figure, in {len(rounds)} rounds: its rows
show the round with the median ratio, and in brackets the lowest and highest ratio of any round.
The PostgreSQL rows (`relay/benches/cluster.rs`) use a throwaway PostgreSQL 15 server on the same
machine and disk (`scripts/with-postgres`: fsync and synchronous_commit on), rounds alternating
with the same benchmark on SQLite.

## Scaling out

{(repo / "docs" / "SCALING.md").read_text().split(chr(10), 2)[2]}"""
(repo / "BENCHMARKS.md").write_text(report)

readme = (repo / "README.md").read_text()
begin, end = "<!-- BENCHMARKS-BEGIN -->", "<!-- BENCHMARKS-END -->"
if begin in readme:
    head, rest = readme.split(begin, 1)
    readme = head + begin + "\n" + "\n".join(table) + "\n" + end + rest.split(end, 1)[1]
    (repo / "README.md").write_text(readme)
print("\n".join(table))
