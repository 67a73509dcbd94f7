# Sourced by scripts/package: the library's release archive, what Go and Swift users (and C
# users) unpack and point their build at; see bindings/go/README.md and bindings/swift/README.md.
#
#   package_native OUT VERSION    OUT/native/libzerok_sync_ffi.so must exist (the shipped copy)

package_native() {
    local out=$1 version=$2
    local name="zerok-sync-ffi-$version-linux-x86_64"
    local stage
    stage=$(mktemp -d)
    mkdir -p "$stage/$name/lib" "$stage/$name/include"
    cp "$out/native/libzerok_sync_ffi.so" "$stage/$name/lib/"
    # The C declarations UniFFI generates (Swift's module map uses the same header).
    cp bindings/swift/Generated/ZerokSyncFFI/zerok_syncFFI.h "$stage/$name/include/"
    cp LICENSE-MIT LICENSE-APACHE "$stage/$name/"
    cat >"$stage/$name/README.md" <<README
# libzerok_sync_ffi $version for Linux x86-64 (glibc 2.17 or newer)

The 0k-sync library that the Go module and the Swift package link. Unpack it anywhere, then:

- Go: \`export CGO_ENABLED=1 CGO_LDFLAGS="-L\$DIR/lib -Wl,-rpath,\$DIR/lib"\` before
  \`go build\` (DIR = this folder). The rpath lets the program find the library at run time;
  to ship the program, put the library beside it and link with \`-Wl,-rpath,\\\$ORIGIN\`.
- Swift: \`swift build -Xlinker -L\$DIR/lib -Xlinker -rpath -Xlinker \$DIR/lib\`.
- C: \`include/zerok_syncFFI.h\`, link with \`-L\$DIR/lib -lzerok_sync_ffi\`.
README
    rm -f "$out"/native/*.tar.gz
    tar -C "$stage" --owner=0 --group=0 -czf "$out/native/$name.tar.gz" "$name"
    rm -rf "$stage"
}
