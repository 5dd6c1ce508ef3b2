//go:build !linux

package fsutil

import (
	"errors"
	"os"
)

// syncFSOf has no portable form: SyncAll syncs each file instead.
func syncFSOf(*os.File) error { return errors.ErrUnsupported }
