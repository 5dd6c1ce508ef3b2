//go:build !windows

package fsutil

import (
	"errors"
	"syscall"
)

// lockedError reports whether a rename failed because the target is busy.
// A Unix rename replaces a file other programs have open (they keep the old
// one until they reload), so this is rare: EBUSY (some network file
// systems while the file is open elsewhere), ETXTBSY.
func lockedError(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.ETXTBSY)
}
