package zeroksync

import (
	"errors"
	"strings"
	"testing"

	"github.com/0k-sync/0k-sync/bindings/go/internal/native"
)

// The package's Codes and the library's variants are one numbering (wrap relies on it).
func TestCodesMatchTheLibrary(t *testing.T) {
	variants := 0
	for v := native.SyncErrorVariant(1); !strings.HasPrefix(v.String(), "SyncErrorVariant("); v++ {
		variants++
		if Code(v).String() != v.String() {
			t.Errorf("Code(%d) is %s, the library's variant %d is %s", v, Code(v), v, v)
		}
		err := wrap(&native.SyncError{Variant: v, Message: "m"})
		var e *Error
		if !errors.Is(err, Code(v)) || !errors.As(err, &e) || e.Message != "m" || err.Error() != "zeroksync: m" {
			t.Errorf("wrap of %s = %#v", v, err)
		}
	}
	if variants != len(codeNames)-1 {
		t.Errorf("the library has %d variants, this package %d", variants, len(codeNames)-1)
	}
}

func TestWrapMapsPanicsAndClosedHandles(t *testing.T) {
	if err := wrap(&native.InternalError{Message: "boom"}); !errors.Is(err, ErrInternal) {
		t.Errorf("panic: %v", err)
	}
	if err := wrap(native.ErrClosed); !errors.Is(err, ErrShutdown) {
		t.Errorf("closed: %v", err)
	}
	if wrap(nil) != nil {
		t.Error("wrap(nil) is not nil")
	}
}
