//go:build windows

package fsutil

import (
	"errors"
	"syscall"
)

// lockedError reports whether a rename failed because another program has
// the target open without FILE_SHARE_DELETE: ERROR_ACCESS_DENIED (what
// MoveFileEx returns for a PDF open in Adobe Reader),
// ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
func lockedError(err error) bool {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case 5, 32, 33:
			return true
		}
	}
	return false
}
