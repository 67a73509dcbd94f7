package zeroksync_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// The library this process runs is the one its build linked: when CGO_LDFLAGS names -L
// directories (the release archive's lib/, README "Install"), the libzerok_sync_ffi.so mapped
// into the process is the file in one of them, not another copy that the loader found first
// (LD_LIBRARY_PATH, a system directory, a stale rpath). scripts/test-go runs the suite built
// against the unpacked release archive with the workspace's target/ hidden, so this is what
// makes the run a test of the archive.
func TestLoadedLibraryIsTheLinkedOne(t *testing.T) {
	zeroksync.Version() // a call into the library, though the loader mapped it at start

	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	loaded := ""
	for _, line := range strings.Split(string(maps), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 6 && filepath.Base(fields[5]) == "libzerok_sync_ffi.so" {
			loaded = fields[5]
			break
		}
	}
	if loaded == "" {
		t.Fatal("libzerok_sync_ffi.so is not mapped into the test process")
	}
	mapped, err := os.Stat(loaded)
	if err != nil {
		t.Fatal(err)
	}

	var dirs []string
	for _, flag := range strings.Fields(os.Getenv("CGO_LDFLAGS")) {
		if dir, ok := strings.CutPrefix(flag, "-L"); ok && dir != "" {
			dirs = append(dirs, dir)
		}
	}
	if len(dirs) == 0 {
		// Linked from the linker's default directories: whatever the loader found is it.
		t.Logf("loaded %s (CGO_LDFLAGS names no -L directory)", loaded)
		return
	}
	for _, dir := range dirs {
		if linked, err := os.Stat(filepath.Join(dir, "libzerok_sync_ffi.so")); err == nil && os.SameFile(linked, mapped) {
			t.Logf("loaded %s, linked from %s", loaded, dir)
			return
		}
	}
	t.Fatalf("loaded %s, but the build linked the library in %s (CGO_LDFLAGS=%q)",
		loaded, strings.Join(dirs, ", "), os.Getenv("CGO_LDFLAGS"))
}
