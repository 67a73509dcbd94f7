# Sourced by scripts/package: the npm packages, into OUT/npm/:
#
#   zerok-sync-VERSION.tgz                 the JavaScript/TypeScript package, no binaries
#   zerok-sync-linux-x64-gnu-VERSION.tgz   the library for Linux x86-64 with glibc
#
# The way esbuild, swc and ZeroFS ship native code: the root package lists one package per
# platform under optionalDependencies, each with `os`/`cpu`/`libc` fields, so npm (pnpm, Yarn,
# Bun) installs only the one that matches and skips the rest; the loader
# (bindings/typescript/src/library.ts) resolves it at run time.
#
# The optionalDependencies are written into the packed package.json only, not into
# bindings/typescript/package.json: there, they would name a package the registry does not
# serve (yet), which `npm ci` refuses ("Missing: zerok-sync-linux-x64-gnu from lock file"), and
# a developer's tree would load a published library instead of the workspace build.
#
#   package_npm OUT VERSION    run from the repository root; OUT/native/libzerok_sync_ffi.so
#                              must exist (the shipped, stripped copy)

package_npm() {
    local out=$1 version=$2
    local pkg=bindings/typescript lib=libzerok_sync_ffi.so
    local npm_quiet=(--no-audit --no-fund --loglevel=error)
    # Only Linux x86-64 (glibc) is built here; another platform is one more entry like it.
    local platform=linux-x64-gnu os=linux cpu=x64 libc=glibc
    local detail="Linux x86-64, glibc 2.17 or newer"

    [[ -f "$out/native/$lib" ]] || { echo "package_npm: no $out/native/$lib" >&2; return 1; }
    local declared
    declared=$(node -p 'require("./bindings/typescript/package.json").version')
    [[ $declared == "$version" ]] ||
        { echo "package_npm: $pkg/package.json says $declared, the workspace $version" >&2; return 1; }

    # A clean build: dist/ may hold files of sources since removed, and npm pack ships dist/.
    (cd "$pkg" && npm ci "${npm_quiet[@]}" && rm -rf dist && npm run --silent build)

    local stage
    stage=$(mktemp -d)
    # The root package: a copy of the package's files with the optional dependency (and the
    # license texts, copied below) added.
    mkdir -p "$stage/root"
    cp -r "$pkg/package.json" "$pkg/README.md" "$pkg/dist" "$pkg/src" "$pkg/generated" "$stage/root/"
    node -e '
        const fs = require("node:fs");
        const [file, name, version] = process.argv.slice(1);
        const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
        manifest.optionalDependencies = { [name]: version };
        manifest.files.push("LICENSE-*");
        fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
    ' "$stage/root/package.json" "zerok-sync-$platform" "$version"

    # The platform package: the template filled in, and the shipped library.
    mkdir -p "$stage/platform"
    local fill=(-e "s/@PLATFORM@/$platform/g" -e "s/@VERSION@/$version/g" -e "s/@OS@/$os/g"
        -e "s/@CPU@/$cpu/g" -e "s/@LIBC@/$libc/g" -e "s/@LIBRARY@/$lib/g" -e "s/@DETAIL@/$detail/g")
    sed "${fill[@]}" "$pkg/platform/package.json.in" >"$stage/platform/package.json"
    sed "${fill[@]}" "$pkg/platform/README.md.in" >"$stage/platform/README.md"
    cp "$out/native/$lib" "$stage/platform/"
    # The license texts (the packages say "MIT OR Apache-2.0").
    cp LICENSE-MIT LICENSE-APACHE "$stage/root/"
    cp LICENSE-MIT LICENSE-APACHE "$stage/platform/"

    rm -rf "$out/npm"
    mkdir -p "$out/npm"
    (cd "$stage/root" && npm pack --silent --pack-destination "$out/npm" >/dev/null)
    (cd "$stage/platform" && npm pack --silent --pack-destination "$out/npm" >/dev/null)
    rm -rf "$stage"

    # What users get: no binary in the root package, the library in the platform package.
    local root="$out/npm/zerok-sync-$version.tgz" native="$out/npm/zerok-sync-$platform-$version.tgz"
    local listing
    listing=$(tar -tzf "$root")
    if grep -qE '\.(so|dylib|dll|node)$' <<<"$listing"; then
        echo "package_npm: $root carries a binary" >&2
        return 1
    fi
    listing=$(tar -tzf "$native")
    grep -qx "package/$lib" <<<"$listing" ||
        { echo "package_npm: $native lacks package/$lib" >&2; return 1; }
}
