//go:build unix

package fsutil

import (
	"io/fs"
	"sync"
	"syscall"
)

var (
	umaskOnce sync.Once
	umaskVal  fs.FileMode
)

// umask reads the process umask once. syscall.Umask can only read it by
// setting it, so it is set straight back, before any file is written.
func umask() fs.FileMode {
	umaskOnce.Do(func() {
		m := syscall.Umask(0o022)
		syscall.Umask(m)
		umaskVal = fs.FileMode(m)
	})
	return umaskVal
}
