package zeroksync_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// repo is the repository root (tests run in bindings/go).
var repo = func() string {
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		panic(err)
	}
	return dir
}()

// relay is a real `zerok relay` process on 127.0.0.1 with its SQLite file in a temp dir.
type relay struct {
	t      testing.TB
	addr   string
	db     string
	log    *os.File
	cmd    *exec.Cmd
	exited chan struct{} // closed once cmd ended
}

// startRelay starts a relay with extra flags; it is killed when the test ends.
func startRelay(t testing.TB, flags ...string) *relay {
	t.Helper()
	dir := t.TempDir()
	r := &relay{t: t, db: filepath.Join(dir, "relay.db")}
	var err error
	if r.log, err = os.Create(filepath.Join(dir, "relay.log")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.kill)
	r.start("127.0.0.1:0", flags)
	return r
}

// restart starts the relay again (killed first if it still runs) on the same database, key
// (beside the database) and address, with flags.
func (r *relay) restart(flags []string) {
	r.t.Helper()
	r.kill()
	addr := r.addr
	r.start(strings.Split(addr, "@")[1], flags)
	if r.addr != addr {
		r.t.Fatalf("the restarted relay is %s, was %s", r.addr, addr)
	}
}

func (r *relay) start(listen string, flags []string) {
	r.t.Helper()
	bin := os.Getenv("ZEROK_BIN")
	if bin == "" {
		bin = filepath.Join(repo, "target", "release", "zerok")
	}
	cmd := exec.Command(bin, append([]string{"relay", "--db", r.db, "--listen", listen}, flags...)...)
	cmd.Stderr = r.log
	cmd.Env = append(os.Environ(), "RUST_LOG=info")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		r.t.Fatalf("starting %s (set ZEROK_BIN or build it: cargo build --release -p zerok-cli): %v", bin, err)
	}
	r.cmd, r.exited = cmd, make(chan struct{})
	line := make(chan string, 1)
	go func() {
		first, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- strings.TrimSpace(first)
	}()
	r.addr = ""
	select {
	case r.addr = <-line:
	case <-time.After(30 * time.Second):
	}
	// Only now: Wait closes stdout, which must have been read first.
	go func(exited chan struct{}) {
		_ = cmd.Wait()
		close(exited)
	}(r.exited)
	if !strings.Contains(r.addr, "@") {
		r.kill()
		text, _ := os.ReadFile(r.log.Name())
		r.t.Fatalf("relay printed %q; log: %s", r.addr, text)
	}
}

// kill sends SIGKILL and waits: the relay is dead when it returns.
func (r *relay) kill() {
	if r.cmd != nil {
		_ = r.cmd.Process.Kill()
		<-r.exited
	}
}

// exitedWithin reports whether the relay process ended by itself within timeout.
func (r *relay) exitedWithin(timeout time.Duration) bool {
	select {
	case <-r.exited:
		return true
	case <-time.After(timeout):
		return false
	}
}

var (
	sharedOnce  sync.Once
	sharedRelay *relay
	sharedStop  func()
)

// shared is one relay with default limits for the whole package run (see TestMain).
func shared(t testing.TB) *relay {
	sharedOnce.Do(func() {
		tb := &cleanupTB{TB: t}
		sharedRelay = startRelay(tb)
		sharedStop = tb.run
	})
	return sharedRelay
}

// cleanupTB defers cleanups to the end of the package run instead of the first test.
type cleanupTB struct {
	testing.TB
	cleanups []func()
}

func (c *cleanupTB) Cleanup(f func()) { c.cleanups = append(c.cleanups, f) }
func (c *cleanupTB) TempDir() string {
	dir, err := os.MkdirTemp("", "zerok-go-")
	if err != nil {
		panic(err)
	}
	c.cleanups = append(c.cleanups, func() { os.RemoveAll(dir) })
	return dir
}
func (c *cleanupTB) run() {
	for i := len(c.cleanups) - 1; i >= 0; i-- {
		c.cleanups[i]()
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedStop != nil {
		sharedStop()
	}
	os.Exit(code)
}

// newSecret is a fresh group: tests never see each other's blobs.
func newSecret() []byte {
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		panic(err)
	}
	return secret
}

// client creates a client, connected unless connect is false, closed when the test ends.
func client(t testing.TB, cfg zeroksync.Config, connect bool) *zeroksync.Client {
	t.Helper()
	ctx := context.Background()
	c, err := zeroksync.Create(ctx, cfg)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	if connect {
		if err := c.Connect(ctx); err != nil {
			t.Fatalf("Connect: %v", err)
		}
	}
	return c
}

// pair is two connected clients of one new group on r.
func pair(t testing.TB, r *relay) (*zeroksync.Client, *zeroksync.Client) {
	cfg := zeroksync.Config{RelayAddresses: []string{r.addr}, SecretBytes: newSecret()}
	return client(t, cfg, true), client(t, cfg, true)
}

// tamper flips a bit of a stored envelope in the relay's SQLite file
// (tests/tools/tamper_blob.py, shared by every language).
func tamper(t testing.TB, r *relay, groupID string, cursor uint64) {
	t.Helper()
	tool(t, "tamper_blob.py", r.db, groupID, strconv.FormatUint(cursor, 10))
}

// tamperChunk flips a bit of chunk index of an object in the relay's SQLite file
// (tests/tools/tamper_chunk.py, shared by every language).
func tamperChunk(t testing.TB, r *relay, groupID, objectID string, index int) {
	t.Helper()
	tool(t, "tamper_chunk.py", r.db, groupID, objectID, "flip", strconv.Itoa(index))
}

func tool(t testing.TB, name string, args ...string) {
	t.Helper()
	path := filepath.Join(repo, "tests", "tools", name)
	if out, err := exec.Command("python3", append([]string{path}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v: %s", name, err, out)
	}
}

func payloads(blobs []zeroksync.Blob) []string {
	out := make([]string, len(blobs))
	for i, b := range blobs {
		out[i] = string(b.Payload)
	}
	return out
}

// fileData is n bytes where byte i is i % 251: the scenarios' write_file, the same in every
// language.
func fileData(n int) []byte {
	data := make([]byte, n)
	for i := range data {
		data[i] = byte(i % 251)
	}
	return data
}
