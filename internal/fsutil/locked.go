package fsutil

import (
	"fmt"
	"os"
	"time"
)

// renameRetries are the pauses between attempts to rename a finished file
// over the old one: about 0.75 s in all. On Windows a PDF viewer that holds
// the file open (Adobe Acrobat Reader does, for as long as the document is
// shown) makes the rename fail with a sharing violation; a viewer that is
// only reloading it lets go within that time. docs/watch.md says what the
// user sees.
var renameRetries = []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond}

// rename is os.Rename; tests make it fail as a locked file does.
var rename = os.Rename

// LockedError is WriteFile's error when another program kept the file
// locked through every retry. The old file is untouched and the temporary
// file removed.
type LockedError struct {
	Path string
	Err  error
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is locked by another program (a PDF viewer such as Adobe Reader keeps open files locked): the previous version is kept; close it there, or use a viewer that reloads (docs/watch.md), and try again (%v)", e.Path, e.Err)
}

func (e *LockedError) Unwrap() error { return e.Err }

// renameOver renames tmp over path, retrying while path is locked by
// another program (renameRetries).
func renameOver(tmp, path string) error {
	for i := 0; ; i++ {
		err := rename(tmp, path)
		if err == nil || !lockedError(err) {
			return err
		}
		if i == len(renameRetries) {
			return &LockedError{Path: path, Err: Unwrap(err)}
		}
		time.Sleep(renameRetries[i])
	}
}
