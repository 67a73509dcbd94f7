package zeroksync_test

// The conformance scenarios (tests/conformance/scenarios.json, format in its README) through
// the Go facade against real relays: one subtest per scenario, one facade call per op.
//
// An op missing from ops fails its scenario, naming the op: a new scenario needs no change
// here unless it needs an API this facade lacks.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
				r.relay, r.ownRelay, r.relayFlags = startRelay(t, *s.RelayFlags...), true, *s.RelayFlags
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
	t          *testing.T
	ctx        context.Context
	relay      *relay
	ownRelay   bool
	relayFlags []string
	dir        string
	saved      map[string]any
	secrets    map[string]string
}

type args = map[string]any

// op is one facade call: the receiver named by the step's "on", and its args.
type op func(r *run, on any, a args) (any, error)

// onClient adapts a call on a client.
func onClient(f func(r *run, c *zeroksync.Client, a args) (any, error)) op {
	return func(r *run, on any, a args) (any, error) { return f(r, on.(*zeroksync.Client), a) }
}

// onPairing adapts a call on a pairing (a saved create_pairing_code result).
func onPairing(f func(r *run, p *zeroksync.Pairing, a args) (any, error)) op {
	return func(r *run, on any, a args) (any, error) { return f(r, on.(*zeroksync.Pairing), a) }
}

// onTransfer adapts a call on a transfer (a saved push_file, download or transfer result).
func onTransfer(f func(r *run, t *zeroksync.Transfer, a args) (any, error)) op {
	return func(r *run, on any, a args) (any, error) { return f(r, on.(*zeroksync.Transfer), a) }
}

// onUpload adapts a call on an upload (a saved push_stream result).
func onUpload(f func(r *run, u *zeroksync.Upload, a args) (any, error)) op {
	return func(r *run, on any, a args) (any, error) { return f(r, on.(*zeroksync.Upload), a) }
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
	"enqueue": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.Enqueue(r.ctx, payload(a["payload"]))
	}),
	"pending": onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return c.Pending(), nil }),
	"flush": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		var timeout time.Duration // absent: no deadline
		if ms, ok := a["timeout_ms"].(float64); ok {
			timeout = time.Duration(ms) * time.Millisecond
		}
		return nil, c.Flush(r.ctx, timeout)
	}),
	"events":         onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return r.events(c), nil }),
	"next_event":     func(r *run, on any, a args) (any, error) { return on.(*live).next(a) },
	"close_events":   func(r *run, on any, _ args) (any, error) { on.(*live).cancel(); return nil, nil },
	"subscribe":      onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return r.subscribe(c), nil }),
	"next":           func(r *run, on any, a args) (any, error) { return on.(*live).next(a) },
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
	"create_pairing_code": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		var ttl time.Duration // null: the default
		if secs, ok := a["ttl_secs"].(float64); ok {
			ttl = max(time.Duration(secs)*time.Second, time.Millisecond) // as Config.TTL
		}
		p, err := c.CreatePairingCode(r.ctx, ttl)
		if err != nil {
			return nil, err
		}
		r.t.Cleanup(func() { p.Close() })
		return p, nil
	}),
	"code": onPairing(func(_ *run, p *zeroksync.Pairing, _ args) (any, error) { return p.Code(), nil }),
	"expires_at_ms": onPairing(func(_ *run, p *zeroksync.Pairing, _ args) (any, error) {
		return float64(p.ExpiresAt().UnixMilli()), nil
	}),
	"wait":   onPairing(func(r *run, p *zeroksync.Pairing, _ args) (any, error) { return p.Wait(r.ctx) }),
	"cancel": onPairing(func(_ *run, p *zeroksync.Pairing, _ args) (any, error) { p.Cancel(); return nil, nil }),
	"join_with_code": func(r *run, _ any, a args) (any, error) {
		var relays []string
		for _, addr := range r.value(a["relay_addresses"]).([]any) {
			relays = append(relays, addr.(string))
		}
		return zeroksync.JoinWithCode(r.ctx, r.value(a["code"]).(string), relays)
	},
	"push_file": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.PushFile(r.ctx, r.value(a["path"]).(string))
	}),
	"enqueue_file": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.EnqueueFile(r.ctx, r.value(a["path"]).(string))
	}),
	"push_stream": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		name, _ := a["name"].(string) // null: none
		return c.PushStream(r.ctx, uint64(a["size"].(float64)), name)
	}),
	"write": onUpload(func(r *run, u *zeroksync.Upload, a args) (any, error) {
		return nil, u.Write(r.ctx, payload(a["data"]))
	}),
	"finish":   onUpload(func(r *run, u *zeroksync.Upload, _ args) (any, error) { return u.Finish(r.ctx) }),
	"transfer": onUpload(func(_ *run, u *zeroksync.Upload, _ args) (any, error) { return u.Transfer(), nil }),
	"download": onClient(func(r *run, c *zeroksync.Client, a args) (any, error) {
		return c.Download(r.ctx, remoteObject(r.t, r.value(a["object"])), r.value(a["path"]).(string))
	}),
	"object_id": onTransfer(func(_ *run, t *zeroksync.Transfer, _ args) (any, error) { return t.ObjectID(), nil }),
	"progress":  onTransfer(func(_ *run, t *zeroksync.Transfer, _ args) (any, error) { return t.Current(), nil }),
	"next_progress": onTransfer(func(r *run, t *zeroksync.Transfer, _ args) (any, error) {
		var last any // null if none came
		for p := range t.Progress(r.ctx) {
			last = p
		}
		return last, nil
	}),
	"outcome":         onTransfer(func(r *run, t *zeroksync.Transfer, _ args) (any, error) { return t.Wait(r.ctx) }),
	"cancel_transfer": onTransfer(func(_ *run, t *zeroksync.Transfer, _ args) (any, error) { t.Cancel(); return nil, nil }),
	"shutdown":        onClient(func(r *run, c *zeroksync.Client, _ args) (any, error) { return nil, c.Shutdown(r.ctx) }),
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
		r.ownsRelay("kill_relay")
		r.relay.kill()
		return nil, nil
	},
	"relay_exited": func(r *run, _ any, a args) (any, error) {
		timeout := time.Duration(a["timeout_ms"].(float64)) * time.Millisecond
		if !r.relay.exitedWithin(timeout) {
			r.t.Fatalf("the relay still runs after %v", timeout)
		}
		return nil, nil
	},
	"start_relay": func(r *run, _ any, a args) (any, error) {
		r.ownsRelay("start_relay")
		flags := r.relayFlags
		if given, ok := a["flags"].([]any); ok {
			flags = make([]string, len(given))
			for i, f := range given {
				flags[i] = f.(string)
			}
		}
		r.relay.restart(flags)
		return nil, nil
	},
	"tamper": func(r *run, _ any, a args) (any, error) {
		tamper(r.t, r.relay, r.value(a["group_id"]).(string), uint64(r.value(a["cursor"]).(float64)))
		return nil, nil
	},
	"tamper_chunk": func(r *run, _ any, a args) (any, error) {
		tamperChunk(r.t, r.relay, r.value(a["group_id"]).(string), r.value(a["object_id"]).(string),
			int(a["index"].(float64)))
		return nil, nil
	},
	"write_file": func(r *run, _ any, a args) (any, error) {
		text, _ := a["text"].(string)
		data := []byte(text)
		if size, ok := a["size"].(float64); ok {
			data = fileData(int(size))
		}
		return nil, os.WriteFile(r.value(a["path"]).(string), data, 0o600)
	},
	"file_sha256": func(r *run, _ any, a args) (any, error) {
		data, err := os.ReadFile(r.value(a["path"]).(string))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		sum := sha256.Sum256(data)
		return hex.EncodeToString(sum[:]), err
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
	for i := range repeat {
		var err error
		if result, err = call(r, r.saved[on], numbered(a, i).(map[string]any)); err != nil {
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

func (r *run) ownsRelay(op string) {
	if !r.ownRelay {
		r.t.Fatalf("%s needs a relay of the scenario's own (relay_flags)", op)
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
		case "keep_alive_ms":
			cfg.KeepAlive = time.Duration(v.(float64)) * time.Millisecond
		case "idle_timeout_ms":
			cfg.IdleTimeout = time.Duration(v.(float64)) * time.Millisecond
		case "connect_timeout_ms":
			cfg.ConnectTimeout = time.Duration(v.(float64)) * time.Millisecond
		case "request_timeout_ms":
			cfg.RequestTimeout = time.Duration(v.(float64)) * time.Millisecond
		case "outbox_max_bytes":
			cfg.OutboxMaxBytes = uint64(v.(float64))
		default:
			r.t.Fatalf("unknown config field %q", key)
		}
	}
	return cfg
}
