package zeroksync_test

// The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
// the Go facade against real relays: one subtest per scenario, one facade call per op.
//
// An op missing from ops fails its scenario, naming the op: a new scenario needs no change
// here unless it needs an API this facade lacks.

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

type scenario struct {
	Name       string                    `json:"name"`
	RelayFlags *[]string                 `json:"relay_flags"` // nil: the shared relay
	Devices    map[string]map[string]any `json:"devices"`
	Steps      []map[string]any          `json:"steps"`
}

func TestConformance(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repo, "tests", "conformance", "scenarios.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Scenarios []scenario `json:"scenarios"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	for _, s := range file.Scenarios {
		t.Run(s.Name, func(t *testing.T) {
			r := &run{t: t, ctx: t.Context(), dir: t.TempDir(), saved: map[string]any{}, secrets: map[string]string{}}
			if s.RelayFlags == nil {
				r.relay = shared(t)
			} else {
				r.relay, r.ownRelay = startRelay(t, *s.RelayFlags...), true
			}
			for name, config := range s.Devices {
				c, err := r.create(config)
				if err == nil {
					err = c.Connect(r.ctx)
				}
				if err != nil {
					t.Fatalf("device %s: %v", name, err)
				}
				r.saved[name] = c
			}
			for i, step := range s.Steps {
				r.step(i, step)
			}
		})
	}
}

// run is one scenario's relay, references and saved results.
type run struct {
	t        *testing.T
	ctx      context.Context
	relay    *relay
	ownRelay bool
	dir      string
	saved    map[string]any
	secrets  map[string]string
}

type args = map[string]any

// op is one facade call: the receiver named by the step's "on", and its args.
type op func(r *run, on any, a args) (any, error)

// onClient adapts a call on a client.
func onClient(f func(r *run, c *zeroksync.Client, a args) (any, error)) op {
	return func(r *run, on any, a args) (any, error) { return f(r, on.(*zeroksync.Client), a) }
}

// Harness ops (no contract name) come last.
var ops = map[string]op{
	"create_client": func(r *run, _ any, a args) (any, error) { return r.create(a["config"].(map[string]any)) },
	"connect":       onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return nil, c.Connect(r.ctx) }),
	"disconnect": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) {
		return nil, c.Disconnect(r.ctx)
	}),
	"push": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) { return c.Push(r.ctx, payload(a["payload"])) }),
	"pull": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return c.Pull(r.ctx) }),
	"pull_after": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.PullAfter(r.ctx, uint64(r.value(a["cursor"]).(float64)))
	}),
	"subscribe": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return r.subscribe(c), nil }),
	"next": func(r *run, on any, a args) (any, error) {
		return on.(*live).next(int(a["count"].(float64)), time.Duration(a["timeout_ms"].(float64))*time.Millisecond)
	},
	"close":          func(r *run, on any, _ args) (any, error) { on.(*live).cancel(); return nil, nil },
	"is_connected":   onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return c.IsConnected(), nil }),
	"current_cursor": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return c.CurrentCursor(), nil }),
	"active_relay": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) {
		if addr, ok := c.ActiveRelay(); ok {
			return addr, nil
		}
		return nil, nil
	}),
	"group_id": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return c.GroupID(), nil }),
	"create_invite": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.CreateInvite(time.Duration(a["ttl_secs"].(float64)) * time.Second)
	}),
	"shutdown": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return nil, c.Shutdown(r.ctx) }),
	"invite_to_qr": func(r *run, _ any, a args) (any, error) {
		return zeroksync.InviteToQR(r.native(a["invite"]).(zeroksync.Invite))
	},
	"invite_from_qr": func(r *run, _ any, a args) (any, error) { return zeroksync.InviteFromQR(r.value(a["qr"]).(string)) },
	"derive_secret": func(r *run, _ any, a args) (any, error) {
		var salt []byte
		var params *zeroksync.KdfParams
		if s, ok := a["salt"]; ok {
			salt = unhex(r.t, r.value(s).(string))
		}
		if k, ok := a["kdf"]; ok {
			p := kdf(r.value(k))
			params = &p
		}
		return zeroksync.DeriveSecret(r.ctx, a["passphrase"].(string), salt, params)
	},
	"version": func(*run, any, args) (any, error) { return zeroksync.Version(), nil },
	"sleep": func(r *run, _ any, a args) (any, error) {
		time.Sleep(time.Duration(a["ms"].(float64)) * time.Millisecond)
		return nil, nil
	},
	"kill_relay": func(r *run, _ any, _ args) (any, error) {
		if !r.ownRelay {
			r.t.Fatal("kill_relay needs a relay of the scenario's own (relay_flags)")
		}
		r.relay.kill()
		return nil, nil
	},
	"tamper": func(r *run, _ any, a args) (any, error) {
		tamper(r.t, r.relay, r.value(a["group_id"]).(string), uint64(r.value(a["cursor"]).(float64)))
		return nil, nil
	},
	"write_file": func(r *run, _ any, a args) (any, error) {
		return nil, os.WriteFile(r.value(a["path"]).(string), []byte(a["text"].(string)), 0o600)
	},
}

func (r *run) step(index int, step map[string]any) {
	r.t.Helper()
	call, ok := ops[step["op"].(string)]
	if !ok {
		r.t.Fatalf("step %d: op %q is not supported by the Go runner", index, step["op"])
	}
	a, _ := step["args"].(map[string]any)
	on, _ := step["on"].(string)
	repeat := 1
	if n, ok := step["repeat"].(float64); ok {
		repeat = int(n)
	}
	var result any
	code := ""
	for range repeat {
		var err error
		if result, err = call(r, r.saved[on], a); err != nil {
			var e *zeroksync.Error
			if !errors.As(err, &e) {
				r.t.Fatalf("step %d %v: %v", index, step, err)
			}
			code = e.Code.String()
			break
		}
	}
	if want, _ := step["error"].(string); code != want {
		r.t.Fatalf("step %d %v: error %q, expected %q", index, step, code, want)
	}
	if expect, ok := step["expect"]; ok && !r.matches(canonical(result), expect) {
		r.t.Fatalf("step %d %v: got %#v", index, step, canonical(result))
	}
	if name, ok := step["save"].(string); ok {
		r.saved[name] = result
	}
}

func (r *run) create(fields map[string]any) (*zeroksync.Client, error) {
	c, err := zeroksync.Create(r.ctx, r.config(fields))
	if err == nil {
		r.t.Cleanup(func() { c.Close() })
	}
	return c, err
}

func (r *run) config(fields map[string]any) zeroksync.Config {
	var cfg zeroksync.Config
	if ref, ok := fields["from_invite"]; ok {
		cfg = r.native(ref).(zeroksync.Invite).Config()
	}
	for key, raw := range fields {
		v := r.value(raw)
		switch key {
		case "from_invite":
		case "relay_addresses":
			cfg.RelayAddresses = []string{}
			for _, addr := range v.([]any) {
				cfg.RelayAddresses = append(cfg.RelayAddresses, addr.(string))
			}
		case "passphrase":
			cfg.Passphrase = v.(string)
		case "secret_bytes":
			cfg.SecretBytes = unhex(r.t, v.(string))
		case "salt":
			cfg.Salt = unhex(r.t, v.(string))
		case "kdf":
			params := kdf(v)
			cfg.KDF = &params
		case "device_name":
			cfg.DeviceName = v.(string)
		case "ttl_secs":
			// A zero TTL means "the relay's default" in Go; the contract's ttl_secs 0 is a
			// TTL under a second (Config.TTL counts whole seconds).
			cfg.TTL = max(time.Duration(v.(float64))*time.Second, time.Millisecond)
		case "state_path":
			cfg.StatePath = v.(string)
		default:
			r.t.Fatalf("unknown config field %q", key)
		}
	}
	return cfg
}

// live is a subscription read in the background from the moment it is made, so that what
// is pushed after it arrives live. Items: canonical blobs, {"error": "Tampered"} (the
// stream goes on), nil once ended, or the error that ended it.
type live struct {
	items  chan any
	cancel context.CancelFunc // Subscription.close in Go: the loop's ctx is done
}

func (r *run) subscribe(c *zeroksync.Client) *live {
	ctx, cancel := context.WithCancel(r.ctx)
	r.t.Cleanup(cancel)
	l := &live{items: make(chan any, 1024), cancel: cancel}
	go func() {
		for blob, err := range c.Subscribe(ctx) {
			switch {
			case errors.Is(err, zeroksync.ErrTampered):
				l.items <- map[string]any{"error": "Tampered"}
			case err != nil:
				l.items <- err
				return
			default:
				l.items <- canonical(blob)
			}
		}
		l.items <- nil
	}()
	return l
}

func (l *live) next(count int, timeout time.Duration) (any, error) {
	deadline := time.After(timeout)
	items := []any{}
	for len(items) < count {
		select {
		case item := <-l.items:
			if err, ok := item.(error); ok {
				return nil, err
			}
			items = append(items, item)
			if item == nil {
				return items, nil
			}
		case <-deadline:
			return items, nil
		}
	}
	return items, nil
}

func (r *run) resolve(ref string) any {
	kind, name, _ := strings.Cut(ref[1:], ":")
	switch {
	case ref == "$relay":
		return r.relay.addr
	case kind == "wrong_id":
		return strings.Repeat(name, 64) + "@" + strings.Split(r.relay.addr, "@")[1]
	case kind == "secret":
		if _, ok := r.secrets[name]; !ok {
			r.secrets[name] = hex.EncodeToString(newSecret())
		}
		return r.secrets[name]
	case kind == "file":
		return filepath.Join(r.dir, name)
	}
	saved, field, hasField := strings.Cut(ref[1:], ".")
	value := canonical(r.native("$" + saved))
	if hasField {
		return value.(map[string]any)[field]
	}
	return value
}

// value is x with every reference resolved to its canonical value.
func (r *run) value(x any) any {
	switch x := x.(type) {
	case string:
		if strings.HasPrefix(x, "$") {
			return r.resolve(x)
		}
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = r.value(v)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = r.value(v)
		}
		return out
	}
	return x
}

// native is the saved result itself (a record the facade takes back).
func (r *run) native(ref any) any {
	v, ok := r.saved[strings.TrimPrefix(ref.(string), "$")]
	if !ok {
		r.t.Fatalf("nothing saved as %v", ref)
	}
	return v
}

func (r *run) matches(actual, template any) bool {
	switch t := template.(type) {
	case string:
		if strings.HasPrefix(t, "$") {
			return reflect.DeepEqual(actual, r.resolve(t))
		}
	case []any:
		a, ok := actual.([]any)
		if !ok || len(a) != len(t) {
			return false
		}
		for i := range t {
			if !r.matches(a[i], t[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		if re, ok := t["matches"].(string); ok && len(t) == 1 {
			s, ok := actual.(string)
			return ok && regexp.MustCompile(re).MatchString(s)
		}
		a, ok := actual.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range t {
			if av, has := a[k]; !has || !r.matches(av, v) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(actual, template)
}

// canonical is a result as the scenarios write it (and encoding/json reads it): records as
// maps of the contract's field names, payloads as text, other bytes as hex, numbers as
// float64, lists as []any.
func canonical(v any) any {
	switch v := v.(type) {
	case zeroksync.Blob:
		return map[string]any{"blob_id": v.ID, "payload": string(v.Payload), "cursor": float64(v.Cursor),
			"timestamp_ms": float64(v.Timestamp.UnixMilli())}
	case []zeroksync.Blob:
		out := make([]any, len(v))
		for i, b := range v {
			out[i] = canonical(b)
		}
		return out
	case zeroksync.PushResult:
		return map[string]any{"blob_id": v.BlobID, "cursor": float64(v.Cursor)}
	case zeroksync.Invite:
		relays := make([]any, len(v.RelayAddresses))
		for i, addr := range v.RelayAddresses {
			relays[i] = addr
		}
		return map[string]any{"relay_addresses": relays, "secret_bytes": hex.EncodeToString(v.SecretBytes),
			"salt": optionalHex(v.Salt), "kdf": canonical(v.KDF), "expires_at": float64(v.ExpiresAt.Unix())}
	case *zeroksync.KdfParams:
		if v == nil {
			return nil
		}
		return canonical(*v)
	case zeroksync.KdfParams:
		return map[string]any{"memory_kib": float64(v.MemoryKiB), "iterations": float64(v.Iterations),
			"parallelism": float64(v.Parallelism)}
	case zeroksync.DerivedSecret:
		return map[string]any{"secret": hex.EncodeToString(v.Secret), "salt": hex.EncodeToString(v.Salt),
			"kdf": canonical(v.KDF)}
	case zeroksync.VersionInfo:
		return map[string]any{"core": v.Core, "wire": float64(v.Wire), "ffi": v.FFI}
	case uint64:
		return float64(v)
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = canonical(item)
		}
		return out
	}
	return v
}

func optionalHex(b []byte) any {
	if b == nil {
		return nil
	}
	return hex.EncodeToString(b)
}

func kdf(v any) zeroksync.KdfParams {
	m := v.(map[string]any)
	return zeroksync.KdfParams{MemoryKiB: uint32(m["memory_kib"].(float64)), Iterations: uint32(m["iterations"].(float64)),
		Parallelism: uint32(m["parallelism"].(float64))}
}

func payload(p any) []byte {
	if text, ok := p.(string); ok {
		return []byte(text)
	}
	return make([]byte, int(p.(map[string]any)["size"].(float64)))
}
