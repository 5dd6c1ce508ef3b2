package fsutil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// tempSuffix ends the name of every temporary file WriteFile makes:
// ".<name>.<pid>.<random>.tmp".
const tempSuffix = ".tmp"

// staleAge is how old a temporary file must be before RemoveStale removes
// it although a process with its writer's ID is running (IDs are reused).
const staleAge = 24 * time.Hour

// RemoveStale removes the temporary files that WriteFile left in dir when
// its process was killed mid-write, and returns their names. A file whose
// writer is still running (another sendgen writing into the same folder
// now) is left alone.
func RemoveStale(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		pid, ok := tempPID(name)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if running(pid) {
			info, err := e.Info()
			if err != nil || time.Since(info.ModTime()) < staleAge {
				continue
			}
		}
		if err := os.Remove(filepath.Join(dir, name)); err == nil {
			removed = append(removed, name)
		}
	}
	return removed, nil
}

// tempPID reads the writer's process ID from a temporary file's name.
func tempPID(name string) (int, bool) {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, tempSuffix) {
		return 0, false
	}
	parts := strings.Split(strings.TrimSuffix(name, tempSuffix), ".")
	// "", base name parts ..., pid, random
	if len(parts) < 4 {
		return 0, false
	}
	pid, err := strconv.Atoi(parts[len(parts)-2])
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}
