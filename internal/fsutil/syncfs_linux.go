package fsutil

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFSOf is syncfs(2): it returns once everything written to d's file
// system, data and metadata, is on disk.
func syncFSOf(d *os.File) error { return unix.Syncfs(int(d.Fd())) }
