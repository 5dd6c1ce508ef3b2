//go:build unix

package fsutil

import (
	"errors"
	"os"
	"syscall"
)

// running reports whether a process with this ID exists (signal 0 checks
// without sending anything; EPERM means it exists under another user).
func running(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
