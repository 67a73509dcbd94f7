#!/usr/bin/env bash
# Writes SIZES.md for scripts/package: the library as built (with its symbols, which the
# generators read) and as shipped (stripped), and every artifact's file size, i.e. what a user
# downloads.
#
#   scripts/lib/package-sizes.sh OUT BUILT_LIBRARY
set -euo pipefail
out=$1 built=$2
mib() { awk -v b="$1" 'BEGIN { if (b < 1048576) printf "%.0f KiB", b / 1024; else printf "%.1f MiB", b / 1048576 }'; }
size() { stat -c %s "$1"; }

echo "# Artifact sizes (Linux x86-64)"
echo
echo "| what | bytes | |"
echo "|---|---:|---|"
echo "| library as built (dist profile, symbols kept for the generators) | $(size "$built") | $(mib "$(size "$built")") |"
echo "| library as shipped (stripped) | $(size "$out/native/libzerok_sync_ffi.so") | $(mib "$(size "$out/native/libzerok_sync_ffi.so")") |"
# The artifacts, as SHA256SUMS lists them (the bare library is in the table above).
grep -v ' native/libzerok_sync_ffi.so$' "$out/SHA256SUMS" | cut -d' ' -f3 |
    while read -r file; do
        echo "| $file | $(size "$out/$file") | $(mib "$(size "$out/$file")") |"
    done
