//go:build !unix

package fsutil

import "io/fs"

// umask: systems without one give files 0666 (Windows maps it to
// read-write).
func umask() fs.FileMode { return 0 }
