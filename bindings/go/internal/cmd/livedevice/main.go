// Command livedevice is the Go device of the cross-language live-sync test:
// tests/live-sync/README.md defines its arguments, its modes (push, enqueue and deliver for
// the offline run, show and type for pairing by code, file for files in a ring), the payloads, the checks and the JSON
// line it prints. Started by scripts/test-live-sync; it uses only the public zeroksync package.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

// settle is how long the device reads on after the last expected blob: a late one is a
// duplicate.
const settle = 500 * time.Millisecond

type table struct {
	BodySizes []int `json:"body_sizes"`
	Vectors   []struct {
		Language string `json:"language"`
		Index    int    `json:"index"`
		Length   int    `json:"length"`
		FNV1a32  uint32 `json:"fnv1a32"`
	} `json:"vectors"`
}

type result struct {
	Language string  `json:"language"`
	OK       bool    `json:"ok"`
	Pushed   int64   `json:"pushed"`
	Received int     `json:"received"`
	Seconds  float64 `json:"seconds"`
	Error    string  `json:"error,omitempty"`
}

func fnv1a32(data []byte) uint32 {
	h := uint32(0x811c9dc5)
	for _, b := range data {
		h = (h ^ uint32(b)) * 0x01000193
	}
	return h
}

// payload is blob index of device language: its header, then xorshift32 bytes seeded by it.
func payload(language string, index int, bodySizes []int) []byte {
	header := []byte(fmt.Sprintf("%s:%d:", language, index))
	size := bodySizes[index%len(bodySizes)]
	body := make([]byte, (size+3)/4*4)
	x := fnv1a32(header)
	if x == 0 {
		x = 1
	}
	for offset := 0; offset < size; offset += 4 {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		binary.LittleEndian.PutUint32(body[offset:], x)
	}
	return append(header, body[:size]...)
}

func checkVectors(t *table) error {
	for _, v := range t.Vectors {
		got := payload(v.Language, v.Index, t.BodySizes)
		if len(got) != v.Length || fnv1a32(got) != v.FNV1a32 {
			return fmt.Errorf("payload rule disagrees with vector %s:%d: length %d, fnv1a32 %d",
				v.Language, v.Index, len(got), fnv1a32(got))
		}
	}
	return nil
}

func firstDifference(expected, got []byte) string {
	for offset := range min(len(expected), len(got)) {
		if expected[offset] != got[offset] {
			return fmt.Sprintf("byte %d differs: expected 0x%02x, got 0x%02x", offset, expected[offset], got[offset])
		}
	}
	return fmt.Sprintf("%d bytes, expected %d", len(got), len(expected))
}

// checker is what this device has received: the next index due from each other sender.
type checker struct {
	me        string
	n         int
	bodySizes []int
	order     []string
	due       map[string]int
	received  int
}

func newChecker(me string, languages []string, n int, bodySizes []int) *checker {
	c := &checker{me: me, n: n, bodySizes: bodySizes, due: map[string]int{}}
	for _, language := range languages {
		if language != me {
			c.order = append(c.order, language)
			c.due[language] = 0
		}
	}
	return c
}

func (c *checker) complete() bool {
	for _, i := range c.due {
		if i != c.n {
			return false
		}
	}
	return true
}

func (c *checker) progress() string {
	parts := make([]string, len(c.order))
	for i, language := range c.order {
		parts[i] = fmt.Sprintf("%s %d/%d", language, c.due[language], c.n)
	}
	return strings.Join(parts, ", ")
}

func (c *checker) accept(got []byte) error {
	start := got[:min(len(got), 24)]
	if c.complete() {
		return fmt.Errorf("a blob after all were received (%d bytes, starting %q): a duplicate or a stray", len(got), start)
	}
	parts := bytes.SplitN(got, []byte(":"), 3)
	if len(parts) < 3 || len(parts[1]) == 0 || strings.Trim(string(parts[1]), "0123456789") != "" {
		return fmt.Errorf("a blob without a header (%d bytes, starting %q)", len(got), start)
	}
	sender := string(parts[0])
	index, err := strconv.Atoi(string(parts[1]))
	switch due, known := c.due[sender]; {
	case err != nil:
		return fmt.Errorf("a blob with index %q from %s", parts[1], sender)
	case sender == c.me:
		return fmt.Errorf("received its own blob %s:%d", sender, index)
	case !known:
		return fmt.Errorf("a blob from an unknown sender %q", sender)
	case index != due:
		return fmt.Errorf("%s:%d arrived when %s:%d was due", sender, index, sender, due)
	}
	if expected := payload(sender, index, c.bodySizes); !bytes.Equal(got, expected) {
		return fmt.Errorf("%s:%d: %s", sender, index, firstDifference(expected, got))
	}
	c.due[sender]++
	c.received++
	return nil
}

// pairResult is the line of the modes show and type.
type pairResult struct {
	Language   string `json:"language"`
	OK         bool   `json:"ok"`
	Verifier   string `json:"verifier,omitempty"`
	PairedWith string `json:"paired_with,omitempty"` // type: the language that showed the code
	Error      string `json:"error,omitempty"`
}

func main() {
	args := os.Args[1:]
	if len(args) >= 8 && (args[7] == "show" || args[7] == "type") {
		res := &pairResult{Language: args[2]}
		if err := pair(args, res); err != nil {
			res.Error = err.Error()
		} else {
			res.OK = true
		}
		printResult(res, res.OK)
	}
	if len(args) >= 8 && args[7] == "file" {
		res := &fileResult{Language: args[2]}
		if err := file(args, res); err != nil {
			res.Error = err.Error()
		} else {
			res.OK = true
		}
		printResult(res, res.OK)
	}
	res := &result{Language: args[2]}
	if err := run(args, res); err != nil {
		res.Error = err.Error()
	} else {
		res.OK = true
	}
	printResult(res, res.OK)
}

// printResult prints the result line and exits, 0 when ok.
func printResult(res any, ok bool) {
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	if !ok {
		os.Exit(1)
	}
	os.Exit(0)
}

// setup is what every mode does first: the payload table, its vectors checked.
func setup(payloadsJSON string) (*table, error) {
	raw, err := os.ReadFile(payloadsJSON)
	if err != nil {
		return nil, err
	}
	var t table
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	return &t, checkVectors(&t)
}

// pair is the modes show (args[8] unused) and type (args[8]: the code), bounded by the
// timeout: show pushes its payload 0 into its own group, shows a code and waits for the
// pairing; type joins with the code through the relay alone and pulls that one payload.
func pair(args []string, res *pairResult) error {
	relay, me, languages, mode := args[0], args[2], strings.Split(args[3], ","), args[7]
	timeoutSecs, err := strconv.ParseFloat(args[6], 64)
	if err != nil {
		return err
	}
	t, err := setup(args[5])
	if err != nil {
		return err
	}
	timeout := time.Duration(timeoutSecs * float64(time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	if mode == "show" {
		secret, err := hex.DecodeString(args[1])
		if err != nil {
			return err
		}
		client, err := zeroksync.Connect(ctx, zeroksync.Config{RelayAddresses: []string{relay}, SecretBytes: secret, DeviceName: me})
		if err != nil {
			return err
		}
		defer client.Close()
		if _, err := client.Push(ctx, payload(me, 0, t.BodySizes)); err != nil {
			return fmt.Errorf("push 0: %w", err)
		}
		pairing, err := client.CreatePairingCode(ctx, 0)
		if err != nil {
			return err
		}
		defer pairing.Close()
		fmt.Println("code", pairing.Code())
		if res.Verifier, err = pairing.Wait(ctx); errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("timed out after %g s: nobody typed the code", timeoutSecs)
		}
		return err
	}

	if len(args) < 9 {
		return errors.New("mode type needs the code")
	}
	joined, err := zeroksync.JoinWithCode(ctx, args[8], []string{relay})
	if err != nil {
		return fmt.Errorf("join with code %s: %w", args[8], err)
	}
	res.Verifier = joined.Verifier
	cfg := joined.Invite.Config()
	cfg.DeviceName = me
	client, err := zeroksync.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	defer client.Close()
	pulled, err := client.Pull(ctx)
	if err != nil {
		return err
	}
	if len(pulled.Blobs) != 1 || len(pulled.Tampered) != 0 {
		return fmt.Errorf("pulled %d blobs (%d tampered), expected the one the showing device pushed",
			len(pulled.Blobs), len(pulled.Tampered))
	}
	// The checker of the push mode, for one blob of index 0 from any other language.
	got := pulled.Blobs[0].Payload
	if err := newChecker(me, languages, 1, t.BodySizes).accept(got); err != nil {
		return err
	}
	res.PairedWith = string(got[:bytes.IndexByte(got, ':')])
	return nil
}

// payloadOf is blob index of this device as it sends it: the test-only hook corrupts one.
func payloadOf(me string, index int, bodySizes []int) []byte {
	blob := payload(me, index, bodySizes)
	if index == 1 && os.Getenv("ZEROK_LIVE_SYNC_CORRUPT") == me {
		blob[len(blob)-1] ^= 1
	}
	return blob
}

// enqueueAll is the mode enqueue: no connection; each payload into the outbox, in order, a
// line after each enqueue returned; then it waits to be killed.
func enqueueAll(ctx context.Context, cfg zeroksync.Config, n int, bodySizes []int) error {
	client, err := zeroksync.Create(ctx, cfg)
	if err != nil {
		return err
	}
	defer client.Close()
	for index := range n {
		if _, err := client.Enqueue(ctx, payloadOf(cfg.DeviceName, index, bodySizes)); err != nil {
			return fmt.Errorf("enqueue %d: %w", index, err)
		}
		fmt.Printf("enqueued %d\n", index)
	}
	fmt.Println("enqueued all")
	for {
		time.Sleep(time.Hour) // until SIGKILL: nothing but what Enqueue made durable counts
	}
}

type event struct {
	blob zeroksync.Blob
	err  error
}

// subscribe opens the live subscription and reads it on its own goroutine (until ctx is
// done), so that a mode's loop can also wait for its pushes and a deadline.
func subscribe(ctx context.Context, client *zeroksync.Client) <-chan event {
	events := make(chan event)
	go func() {
		for blob, err := range client.Subscribe(ctx) {
			select {
			case events <- event{blob, err}:
			case <-ctx.Done():
				return
			}
		}
		select {
		case events <- event{err: errors.New("the subscription ended")}:
		case <-ctx.Done():
		}
	}()
	return events
}

// readyGo prints ready and waits for the line go on stdin.
func readyGo() error {
	fmt.Println("ready")
	if line, _ := bufio.NewReader(os.Stdin).ReadString('\n'); strings.TrimSpace(line) != "go" {
		return fmt.Errorf("expected 'go' on stdin, got %q", line)
	}
	return nil
}

func run(args []string, res *result) error {
	relay, me, languages, payloadsJSON := args[0], args[2], strings.Split(args[3], ","), args[5]
	mode, statePath := "push", ""
	if len(args) >= 9 {
		mode, statePath = args[7], args[8]
	}
	if mode != "push" && mode != "enqueue" && mode != "deliver" {
		return fmt.Errorf("unknown mode %q (push, enqueue, deliver, show, type, file)", mode)
	}
	secret, err := hex.DecodeString(args[1])
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(args[4])
	if err != nil {
		return err
	}
	timeoutSecs, err := strconv.ParseFloat(args[6], 64)
	if err != nil {
		return err
	}
	t, err := setup(payloadsJSON)
	if err != nil {
		return err
	}
	check := newChecker(me, languages, n, t.BodySizes)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := zeroksync.Config{RelayAddresses: []string{relay}, SecretBytes: secret, DeviceName: me, StatePath: statePath}
	if mode == "enqueue" {
		return enqueueAll(ctx, cfg, n, t.BodySizes)
	}
	client, err := zeroksync.Connect(ctx, cfg)
	if err != nil {
		return err
	}
	defer client.Close()

	events := subscribe(ctx, client)
	if err := readyGo(); err != nil {
		return err
	}

	start := time.Now()
	var pushed atomic.Int64
	pushing := make(chan error, 1)
	go func() {
		if mode == "deliver" { // the outbox holds the N payloads the mode enqueue put there
			if err := client.Flush(ctx, 0); err != nil {
				pushing <- fmt.Errorf("flush: %w", err)
				return
			}
			pushed.Store(int64(n))
			pushing <- nil
			return
		}
		for index := range n {
			if _, err := client.Push(ctx, payloadOf(me, index, t.BodySizes)); err != nil {
				pushing <- fmt.Errorf("push %d: %w", index, err)
				return
			}
			pushed.Add(1)
		}
		pushing <- nil
	}()
	defer func() { res.Pushed = pushed.Load() }()

	timer := time.NewTimer(time.Duration(timeoutSecs * float64(time.Second)))
	settling := false
	for {
		select {
		case ev := <-events:
			if ev.err != nil {
				return ev.err
			}
			if err := check.accept(ev.blob.Payload); err != nil {
				return err
			}
			res.Received = check.received
		case err := <-pushing:
			if err != nil {
				return err
			}
			pushing = nil // done: never ready again
		case <-timer.C:
			if !settling {
				return fmt.Errorf("timed out after %g s: received %s; pushed %d/%d",
					timeoutSecs, check.progress(), pushed.Load(), n)
			}
			return nil
		}
		if !settling && pushing == nil && check.complete() {
			res.Seconds = math.Round(time.Since(start).Seconds()*1000) / 1000
			timer.Reset(settle)
			settling = true
		}
	}
}

// fileResult is the line of the mode file.
type fileResult struct {
	Language       string  `json:"language"`
	OK             bool    `json:"ok"`
	PushedBLAKE3   string  `json:"pushed_blake3,omitempty"`
	ReceivedFrom   string  `json:"received_from,omitempty"`
	ReceivedBLAKE3 string  `json:"received_blake3,omitempty"`
	Seconds        float64 `json:"seconds"`
	Error          string  `json:"error,omitempty"`
}

// writeFile writes size bytes to path, byte i being (i + p) % 251, in pieces of 1 MiB: each
// piece a window of one pattern that starts where the piece's first byte falls in it.
func writeFile(path string, size int64, p int) error {
	const piece = 1 << 20
	pattern := make([]byte, piece+251)
	for i := range pattern {
		pattern[i] = byte(i % 251)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for offset := int64(0); offset < size; offset += piece {
		start := (offset + int64(p)) % 251
		if _, err := f.Write(pattern[start : start+min(piece, size-offset)]); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// follow reads t's progress to its end, printing "<label> <bytes_done> <bytes_total>" for
// each, then waits for its outcome; the progress must end at size of size.
func follow(ctx context.Context, t *zeroksync.Transfer, label string, size uint64) (zeroksync.TransferResult, error) {
	var last zeroksync.TransferProgress
	for p := range t.Progress(ctx) {
		fmt.Printf("%s %d %d\n", label, p.BytesDone, p.BytesTotal)
		last = p
	}
	r, err := t.Wait(ctx)
	switch {
	case err != nil:
		return r, fmt.Errorf("%s at %d/%d: %w", label, last.BytesDone, size, err)
	case last.BytesDone != size || last.BytesTotal != size:
		return r, fmt.Errorf("%s: progress ended at %d/%d, expected %d/%d", label, last.BytesDone, last.BytesTotal, size, size)
	}
	return r, nil
}

// file is the mode file (args[8]: the shared directory, args[9]: SIZE): it pushes its file
// while it waits for the blob of the language before it in the ring and downloads that file.
func file(args []string, res *fileResult) error {
	relay, me, languages := args[0], args[2], strings.Split(args[3], ",")
	if len(args) < 10 {
		return errors.New("mode file needs a directory and a size")
	}
	dir := args[8]
	size, err := strconv.ParseInt(args[9], 10, 64)
	if err != nil {
		return err
	}
	secret, err := hex.DecodeString(args[1])
	if err != nil {
		return err
	}
	timeoutSecs, err := strconv.ParseFloat(args[6], 64)
	if err != nil {
		return err
	}
	if _, err := setup(args[5]); err != nil {
		return err
	}
	p := slices.Index(languages, me)
	if p < 0 {
		return fmt.Errorf("%s is not in the list %s", me, args[3])
	}
	before := languages[(p+len(languages)-1)%len(languages)]
	mine := filepath.Join(dir, me+".bin")
	if err := writeFile(mine, size, p); err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := zeroksync.Connect(ctx, zeroksync.Config{RelayAddresses: []string{relay}, SecretBytes: secret, DeviceName: me})
	if err != nil {
		return err
	}
	defer client.Close()
	events := subscribe(ctx, client)
	if err := readyGo(); err != nil {
		return err
	}

	start := time.Now()
	ctx, cancel = context.WithTimeout(ctx, time.Duration(timeoutSecs*float64(time.Second)))
	defer cancel()
	var pushed zeroksync.TransferResult // once pushing said nil
	pushing := make(chan error, 1)
	go func() {
		upload, err := client.PushFile(ctx, mine)
		if err == nil {
			pushed, err = follow(ctx, upload, "up", uint64(size))
		}
		pushing <- err
	}()

	var obj *zeroksync.RemoteObject
	for obj == nil {
		select {
		case ev := <-events:
			if ev.err != nil {
				return ev.err
			}
			if o := ev.blob.Object; o != nil && o.Name == before+".bin" {
				obj = o
			}
		case err := <-pushing:
			if err != nil {
				return err
			}
			pushing = nil
		case <-ctx.Done():
			return fmt.Errorf("timed out after %g s: no blob named %s.bin", timeoutSecs, before)
		}
	}
	download, err := client.Download(ctx, *obj, filepath.Join(dir, me+".from-"+before+".bin"))
	if err != nil {
		return err
	}
	r, err := follow(ctx, download, "down", uint64(size))
	if err != nil {
		return err
	}
	res.ReceivedFrom, res.ReceivedBLAKE3 = before, r.BLAKE3
	if pushing != nil {
		if err := <-pushing; err != nil {
			return err
		}
	}
	res.PushedBLAKE3, res.Seconds = pushed.BLAKE3, math.Round(time.Since(start).Seconds()*1000)/1000
	return nil
}
