package zeroksync_test

// The conformance runner's values: references, templates and results in the scenarios'
// canonical form (tests/conformance/README.md, "Values", "References", "Templates").

import (
	"encoding/hex"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	zeroksync "github.com/0k-sync/0k-sync/bindings/go"
)

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
	path := strings.Split(ref[1:], ".")
	value := canonical(r.native("$" + path[0]))
	for _, step := range path[1:] { // a field name or an array index
		if i, err := strconv.Atoi(step); err == nil {
			value = value.([]any)[i]
		} else {
			value = value.(map[string]any)[step]
		}
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

// native is the saved result itself (a record the facade takes back): $name, or
// $name.invite for the invite of a saved join_with_code result.
func (r *run) native(ref any) any {
	name, field, hasField := strings.Cut(strings.TrimPrefix(ref.(string), "$"), ".")
	v, ok := r.saved[name]
	if !ok {
		r.t.Fatalf("nothing saved as %v", ref)
	}
	if hasField {
		joined, ok := v.(zeroksync.PairedInvite)
		if !ok || field != "invite" {
			r.t.Fatalf("%v names no record", ref)
		}
		return joined.Invite
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
		if each, ok := t["each"]; ok && len(t) == 2 {
			a, ok := actual.([]any)
			if !ok || len(a) != int(t["count"].(float64)) {
				return false
			}
			for i := range a {
				if !r.matches(a[i], numbered(each, i)) {
					return false
				}
			}
			return true
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
			"timestamp_ms": float64(v.Timestamp.UnixMilli()), "object": canonical(v.Object)}
	case *zeroksync.RemoteObject:
		if v == nil {
			return nil
		}
		return map[string]any{"object_id": v.ID, "size": float64(v.Size), "blake3": v.BLAKE3,
			"chunk_size": float64(v.ChunkSize), "chunk_count": float64(v.ChunkCount), "name": unset(v.Name),
			"inline_bytes": hex.EncodeToString(v.InlineBytes)}
	case zeroksync.TransferProgress:
		return map[string]any{"bytes_done": float64(v.BytesDone), "bytes_total": float64(v.BytesTotal),
			"bytes_sent": float64(v.BytesSent), "chunks_done": float64(v.ChunksDone), "chunks_total": float64(v.ChunksTotal)}
	case zeroksync.TransferResult:
		return map[string]any{"object_id": v.ObjectID, "size": float64(v.Size), "blake3": v.BLAKE3,
			"cursor": unset(v.Cursor), "path": unset(v.Path)}
	case []zeroksync.Blob:
		out := make([]any, len(v))
		for i, b := range v {
			out[i] = canonical(b)
		}
		return out
	case zeroksync.PushResult:
		return map[string]any{"blob_id": v.BlobID, "cursor": float64(v.Cursor)}
	case zeroksync.PullResult:
		tampered := make([]any, len(v.Tampered))
		for i, t := range v.Tampered {
			tampered[i] = map[string]any{"blob_id": t.BlobID, "cursor": float64(t.Cursor)}
		}
		return map[string]any{"blobs": canonical(v.Blobs), "tampered": tampered}
	case zeroksync.Pending:
		ids := make([]any, len(v.BlobIDs))
		for i, id := range v.BlobIDs {
			ids[i] = id
		}
		return map[string]any{"count": float64(v.Count), "bytes": float64(v.Bytes), "blob_ids": ids}
	case zeroksync.Connected:
		return map[string]any{"kind": "connected", "relay": v.Relay}
	case zeroksync.Disconnected:
		return map[string]any{"kind": "disconnected", "relay": v.Relay, "reason": v.Reason}
	case zeroksync.Failover:
		return map[string]any{"kind": "failover", "from_relay": v.FromRelay, "to_relay": v.ToRelay}
	case zeroksync.OutboxSent:
		return map[string]any{"kind": "outbox_sent", "blob_id": v.BlobID, "cursor": float64(v.Cursor),
			"pending": float64(v.Pending)}
	case zeroksync.OutboxRejected:
		return map[string]any{"kind": "outbox_rejected", "blob_id": v.BlobID, "reason": v.Reason}
	case zeroksync.Lagged:
		return map[string]any{"kind": "lagged", "missed": float64(v.Missed)}
	case zeroksync.Invite:
		relays := make([]any, len(v.RelayAddresses))
		for i, addr := range v.RelayAddresses {
			relays[i] = addr
		}
		return map[string]any{"relay_addresses": relays, "secret_bytes": hex.EncodeToString(v.SecretBytes),
			"salt": optionalHex(v.Salt), "kdf": canonical(v.KDF), "expires_at": float64(v.ExpiresAt.Unix())}
	case zeroksync.PairedInvite:
		return map[string]any{"invite": canonical(v.Invite), "verifier": v.Verifier}
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

// unset is nil for the zero value, which means "not set" in the facade's structs.
func unset[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return canonical(v)
}

// remoteObject is the record download takes back, from its canonical form.
func remoteObject(t *testing.T, v any) zeroksync.RemoteObject {
	m := v.(map[string]any)
	name, _ := m["name"].(string)
	return zeroksync.RemoteObject{ID: m["object_id"].(string), Size: uint64(m["size"].(float64)), BLAKE3: m["blake3"].(string),
		ChunkSize: uint32(m["chunk_size"].(float64)), ChunkCount: uint64(m["chunk_count"].(float64)), Name: name,
		InlineBytes: unhex(t, m["inline_bytes"].(string))}
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

// numbered is x for the i-th call of a repeated step (or item of an "each"): "{i}" in its
// strings replaced by i.
func numbered(x any, i int) any {
	switch x := x.(type) {
	case string:
		return strings.ReplaceAll(x, "{i}", strconv.Itoa(i))
	case []any:
		out := make([]any, len(x))
		for j, v := range x {
			out[j] = numbered(v, i)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = numbered(v, i)
		}
		return out
	}
	return x
}
