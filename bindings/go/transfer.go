package zeroksync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// RemoteObject is a file another device pushed, as its Blob.Object describes it: Download
// fetches it. An object up to 256 KiB carries its bytes in InlineBytes (ChunkCount 0).
type RemoteObject struct {
	ID          string // hex
	Size        uint64
	BLAKE3      string // of the bytes, hex
	ChunkSize   uint32
	ChunkCount  uint64
	Name        string // the base name it was pushed with; "" for none
	InlineBytes []byte
}

// TransferProgress is where a transfer stands: the object's bytes on the relay (an upload)
// or verified and written (a download), counting what a resumed transfer found there;
// BytesSent is the chunk envelope bytes this transfer moved; chunks include padding.
type TransferProgress struct {
	BytesDone   uint64
	BytesTotal  uint64
	BytesSent   uint64
	ChunksDone  uint64
	ChunksTotal uint64
}

// TransferResult is how a transfer ended: an upload's Cursor (Path ""), a download's Path
// (Cursor 0).
type TransferResult struct {
	ObjectID string
	Size     uint64
	BLAKE3   string
	Cursor   uint64
	Path     string
}

// Transfer is an upload or a download running in the library, which chunks, resumes across
// reconnects and failovers, and verifies on its own. Keep it until Wait returns: once the
// garbage collector frees a Transfer nobody holds, the library cancels it. Every method may
// be called from any goroutine.
type Transfer struct {
	native *native.Transfer
}

// PushFile pushes the file at path as an object (over 256 KiB in 1 MiB chunks), to arrive
// at the other devices as a Blob whose Object Download fetches. It returns once the upload
// started; ctx bounds only that. The file must not change until Wait returns (ErrIo).
func (c *Client) PushFile(ctx context.Context, path string) (*Transfer, error) {
	return transfer(c.native.PushFile(ctx, path))
}

// Download writes obj into the file at path, which appears only once complete and verified
// (ErrTampered otherwise); a part file beside it lets a later Download of obj resume. It
// returns once the download started; ctx bounds only that.
func (c *Client) Download(ctx context.Context, obj RemoteObject, path string) (*Transfer, error) {
	return transfer(c.native.Download(ctx, obj.lower(), path))
}

// EnqueueFile queues the file at path in the outbox, without network, as Enqueue does a
// payload: sent in enqueue order, across restarts; OutboxSent reports it, and OutboxRejected
// a file that changed before it was sent. Returns the object's id.
func (c *Client) EnqueueFile(ctx context.Context, path string) (objectID string, err error) {
	objectID, err = c.native.EnqueueFile(ctx, path)
	return objectID, wrap(err)
}

func transfer(t *native.Transfer, err error) (*Transfer, error) {
	if err != nil {
		return nil, wrap(err)
	}
	return &Transfer{native: t}, nil
}

// ObjectID is the id of the object transferred (hex).
func (t *Transfer) ObjectID() string { return t.native.ObjectID() }

// Current is where the transfer stands now.
func (t *Transfer) Current() TransferProgress { return TransferProgress(t.native.Progress()) }

// Progress yields the transfer's progress as it moves, the latest value each time (a slow
// loop skips values, never the last one), until the transfer ends, ctx is done (which
// does not stop the transfer) or the loop breaks.
func (t *Transfer) Progress(ctx context.Context) iter.Seq[TransferProgress] {
	return func(yield func(TransferProgress) bool) {
		for {
			p, err := t.native.NextProgress(ctx)
			if err != nil || p == nil || !yield(TransferProgress(*p)) {
				return
			}
		}
	}
}

// Wait waits for the transfer's end and returns its result; any number of goroutines may
// wait, also after the end. When ctx is done first the transfer is cancelled, and Wait
// returns an error that is both ctx.Err() and ErrCancelled for errors.Is (or the result,
// if the transfer finished before the cancel reached it).
func (t *Transfer) Wait(ctx context.Context) (TransferResult, error) {
	return t.wait(ctx, t.native.Outcome)
}

// Cancel stops the transfer: Wait fails with ErrCancelled, an upload's partial object is
// removed from the relay, a download leaves no file. A finished transfer keeps its result.
func (t *Transfer) Cancel() { t.native.CancelTransfer() }

// wait is call, a wait on the transfer under ctx; when ctx ends it first, it cancels the
// transfer (nobody is left waiting for it) and returns how the transfer ended.
func (t *Transfer) wait(ctx context.Context, call func(context.Context) (native.TransferResult, error)) (TransferResult, error) {
	r, err := call(ctx)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		t.Cancel()
		if r, err = t.native.Outcome(context.WithoutCancel(ctx)); err != nil {
			return TransferResult{}, fmt.Errorf("%w: %w", ctx.Err(), wrap(err))
		}
	}
	if err != nil {
		return TransferResult{}, wrap(err)
	}
	return TransferResult{ObjectID: r.ObjectID, Size: r.Size, BLAKE3: r.Blake3, Cursor: deref(r.Cursor), Path: deref(r.Path)}, nil
}

// Upload is an object pushed from bytes the application writes, exactly the size declared
// to PushStream: Write them in order, then Finish. Transfer gives its progress.
type Upload struct {
	native   *native.Upload
	transfer *Transfer
}

// PushStream starts an upload of exactly size bytes, named name ("" for none). PushReader
// does it all for an io.Reader.
func (c *Client) PushStream(ctx context.Context, size uint64, name string) (*Upload, error) {
	u, err := c.native.PushStream(ctx, size, optional(name))
	if err != nil {
		return nil, wrap(err)
	}
	return &Upload{native: u, transfer: &Transfer{native: u.Transfer()}}, nil
}

// Write hands data to the upload; it returns once data is buffered, so a fast writer waits
// for the network. When ctx is done first, the upload is cancelled, as by Transfer.Wait.
func (u *Upload) Write(ctx context.Context, data []byte) error {
	_, err := u.transfer.wait(ctx, func(ctx context.Context) (native.TransferResult, error) {
		return native.TransferResult{}, u.native.Write(ctx, data)
	})
	return err
}

// Finish ends the data (ErrIo unless exactly the declared size came) and waits for the
// upload as Transfer.Wait does.
func (u *Upload) Finish(ctx context.Context) (TransferResult, error) {
	return u.transfer.wait(ctx, u.native.Finish)
}

// Transfer is the upload's progress and cancellation.
func (u *Upload) Transfer() *Transfer { return u.transfer }

// PushReader pushes size bytes read from r as an object named name ("" for none), in
// 1 MiB writes to PushStream's Upload, and waits for it as Transfer.Wait does. A read error
// cancels the upload and is returned.
func (c *Client) PushReader(ctx context.Context, r io.Reader, size uint64, name string) (TransferResult, error) {
	u, err := c.PushStream(ctx, size, name)
	if err != nil {
		return TransferResult{}, err
	}
	buf := make([]byte, 1<<20)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if err := u.Write(ctx, buf[:n]); err != nil {
				return TransferResult{}, err
			}
		}
		if err == io.EOF {
			return u.Finish(ctx)
		}
		if err != nil {
			u.transfer.Cancel()
			return TransferResult{}, err
		}
	}
}

func (o RemoteObject) lower() native.RemoteObject {
	return native.RemoteObject{ObjectID: o.ID, Size: o.Size, Blake3: o.BLAKE3, ChunkSize: o.ChunkSize,
		ChunkCount: o.ChunkCount, Name: optional(o.Name), InlineBytes: o.InlineBytes}
}

func liftObject(o *native.RemoteObject) *RemoteObject {
	if o == nil {
		return nil
	}
	return &RemoteObject{ID: o.ObjectID, Size: o.Size, BLAKE3: o.Blake3, ChunkSize: o.ChunkSize,
		ChunkCount: o.ChunkCount, Name: deref(o.Name), InlineBytes: o.InlineBytes}
}

// deref is the zero value for nil ("not set" in this package's structs).
func deref[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}
