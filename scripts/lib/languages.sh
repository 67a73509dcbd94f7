# Sourced by the scripts that run one program per binding language (scripts/bench-overhead,
# scripts/test-live-sync): how a program of each language is built and started against the
# workspace's library, the way that language's test script does it. Needs $repo (the
# repository root) and the library built (cargo build --release --locked --workspace).
#
#   <language>_prepare             builds what that language's programs need; cheap when current
#   python_run FILE ARGS..         node_run FILE ARGS..          kotlin_run MAIN_CLASS ARGS..
#   go_build PACKAGE OUTPUT        swift_build CONFIG PRODUCT    swift_run EXECUTABLE ARGS..
#
# The *_run functions run the program in the foreground, stdin and stdout passed through.

native_lib_dir="$repo/target/release"
# What a user sets to build Go against a cargo-built library (bindings/go/README.md).
go_cgo_env=(CGO_ENABLED=1 "CGO_LDFLAGS=-L$native_lib_dir -Wl,-rpath,$native_lib_dir")

# The zerok-sync wheel in a venv: scripts/package's when $ZEROK_ARTIFACTS holds one (as in
# scripts/test-all), else built from bindings/python by pip + maturin. That build compiles the
# ffi crate alone, whose features differ from the workspace's (tokio's, bytes', …), so most of
# the graph is compiled a second time: 5 minutes on 2 cores that CI does not need to spend.
python_prepare() {
    local venv="$repo/target/py-venv" wheel
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    wheel=$(ls "${ZEROK_ARTIFACTS:-/nonexistent}"/python/zerok_sync-*.whl 2>/dev/null || true)
    PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pip install --quiet \
        --disable-pip-version-check --force-reinstall --no-deps "${wheel:-$repo/bindings/python}"
}

python_run() {
    # From outside the source tree, so `import zerok_sync` can only find the installed wheel.
    (cd "${TMPDIR:-/tmp}" && exec "$repo/target/py-venv/bin/python" "$@")
}

# The package's dist/: a program inside the package imports `zerok-sync` by Node's
# self-reference, i.e. exactly the code `npm pack` ships.
node_prepare() {
    local pkg="$repo/bindings/typescript"
    [[ -d "$pkg/node_modules" ]] || (cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error)
    (cd "$pkg" && npm run --silent build)
}

node_run() {
    ZEROK_SYNC_LIBRARY="$native_lib_dir/libzerok_sync_ffi.so" node "$@"
}

# A package of the zeroksync module (bindings/go) as an executable.
go_build() {
    (cd "$repo/bindings/go" && env "${go_cgo_env[@]}" go build -o "$2" "$1")
}

# The main and test classes (test sources hold the non-test programs: benchmarks, devices)
# and the test classpath; Maven's output only when it fails.
kotlin_prepare() {
    local log
    log=$(mktemp)
    (cd "$repo/bindings/kotlin" &&
        mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
            -Dmdep.outputFile=target/test.classpath >"$log" 2>&1) ||
        { cat "$log" >&2; rm -f "$log"; return 1; }
    rm -f "$log"
}

kotlin_run() {
    local k="$repo/bindings/kotlin"
    java -Djna.library.path="$native_lib_dir" \
        -cp "$k/target/test-classes:$k/target/classes:$(cat "$k/target/test.classpath")" "$@"
}

# SwiftPM flags: link the library by name from the workspace, find it there at run time.
swift_link_flags=(-Xlinker -L"$native_lib_dir" -Xlinker -rpath -Xlinker "$native_lib_dir")

# The Debian root with Swift (scripts/swift-env; made on first use).
swift_prepare() {
    "$repo/scripts/swift-env" prepare  # says what the root cost, or that it is reused
}

# An executable product of bindings/swift in configuration $1 (debug: what scripts/test-swift
# builds already; release: for measurements); prints its path (valid inside swift_run).
# SwiftPM's output only when it fails.
swift_build() {
    local log
    log=$(mktemp)
    (cd "$repo/bindings/swift" &&
        ../../scripts/swift-env run swift build -c "$1" --product "$2" "${swift_link_flags[@]}" \
            >"$log" 2>&1 &&
        echo "$(../../scripts/swift-env run swift build -c "$1" --show-bin-path)/$2") ||
        { cat "$log" >&2; rm -f "$log"; return 1; }
    rm -f "$log"
}

swift_run() {
    (cd "$repo/bindings/swift" && exec ../../scripts/swift-env run "$@")
}
