# Sourced by the language test scripts: the `zerok` binary their tests start relays with.
# ZEROK_BIN overrides the workspace build; $repo is the repository root.
export ZEROK_BIN="${ZEROK_BIN:-$repo/target/release/zerok}"
if [[ ! -x "$ZEROK_BIN" ]]; then
    echo "no relay binary at $ZEROK_BIN: run cargo build --release --workspace first" >&2
    exit 1
fi
