package merge

import (
	"errors"
	"testing"
)

// sendgen's copy never merges: it says so instead of returning a document.
func TestBytesIsNotBuilt(t *testing.T) {
	out, err := Bytes([]byte("%PDF-1.3"), []byte("%PDF-1.3"))
	if !errors.Is(err, ErrNotBuilt) || out != nil {
		t.Fatalf("Bytes = %d bytes, %v; want nil, ErrNotBuilt", len(out), err)
	}
}
