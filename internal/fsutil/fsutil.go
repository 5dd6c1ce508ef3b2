// Package fsutil writes and reads files the way a tool that handles
// families' documents must: a file in the output folder is always either
// the old document or the whole new one, and a case file is read with its
// size bounded before a byte is held in memory.
package fsutil

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteFile writes data to path through a temporary file in the same folder,
// synced to disk before it is renamed over path, so path is never seen
// half-written: after a crash or a power cut it holds the old document or
// the whole new one. The folder is synced after the rename so the new name
// itself survives. An existing file's permission bits are kept; a new file
// gets 0666 less the umask, as os.Create gives. A rename refused because
// another program has path locked (a PDF viewer on Windows) is retried for
// about 0.75 s; a lock that outlasts that is a *LockedError, with the old
// file untouched and no temporary file left.
func WriteFile(path string, data []byte) error {
	return WriteFileMode(path, data, modeFor(path))
}

// WriteFileMode is WriteFile with the permission bits given: a document
// derived from another (a signed copy) keeps the permissions of the one it
// came from, so a document made private stays private.
func WriteFileMode(path string, data []byte, mode fs.FileMode) error {
	f, err := createMode(path, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Discard()
		return err
	}
	return f.Commit()
}

// modeFor is the mode os.Create would give a new file, or the mode the old
// file has (a document made private stays private).
func modeFor(path string) fs.FileMode {
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		return st.Mode().Perm()
	}
	return fs.FileMode(0o666) &^ umask()
}

// File is a file being written in place of path: WriteFile for content
// that is produced a piece at a time (a report streamed as cases are
// checked), so it never has to be held in memory whole. Until Commit, path
// is untouched; Discard drops what was written.
type File struct {
	path, tmp string
	f         *os.File
	mode      fs.FileMode
	err       error // the first write error, returned by Commit
	done      bool
	synced    bool // Sync has made the temporary file durable and closed it
}

// Create starts writing path through a temporary file in its folder.
func Create(path string) (*File, error) { return createMode(path, modeFor(path)) }

func createMode(path string, mode fs.FileMode) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// The temporary name carries the writer's process ID, so that a later
	// run can tell a file left by a process killed mid-write (RemoveStale)
	// from one another process is writing now.
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d.*%s", base, os.Getpid(), tempSuffix))
	if err != nil {
		return nil, fmt.Errorf("writing %s: %w", path, Unwrap(err))
	}
	return &File{path: path, tmp: f.Name(), f: f, mode: mode}, nil
}

// Write appends to the temporary file. After an error every later Write
// fails too, and Commit reports the first error.
func (f *File) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.done {
		return 0, fmt.Errorf("writing %s: already committed or discarded", f.path)
	}
	n, err := f.f.Write(p)
	if err != nil {
		f.err = fmt.Errorf("writing %s: %w", f.path, Unwrap(err))
	}
	return n, f.err
}

// Sync gives the temporary file its mode, syncs it to disk and closes it,
// leaving only the rename for Commit: a caller that must hold a lock for
// the rename (outdir) does the slow part before taking it. On error the
// temporary file is removed and Commit reports the error.
func (f *File) Sync() error {
	if f.done || f.synced {
		return f.err
	}
	fail := func(err error) error {
		_ = f.f.Close()
		_ = os.Remove(f.tmp)
		f.done = true
		if f.err == nil {
			f.err = fmt.Errorf("writing %s: %w", f.path, Unwrap(err))
		}
		return f.err
	}
	if f.err != nil {
		return fail(f.err)
	}
	// CreateTemp makes the file 0600; give it the mode asked for.
	if err := f.f.Chmod(f.mode.Perm()); err != nil {
		return fail(err)
	}
	if err := f.f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.f.Close(); err != nil {
		return fail(err)
	}
	f.synced = true
	return nil
}

// Commit syncs the temporary file (unless Sync did), renames it over path
// and syncs the folder. On any error path is left as it was and the
// temporary file is removed.
func (f *File) Commit() error {
	if err := f.Rename(); err != nil {
		return err
	}
	SyncDir(filepath.Dir(f.path))
	return nil
}

// Rename is Commit without the folder sync, for a caller renaming several
// files into one folder, which then calls SyncDir once.
func (f *File) Rename() error {
	if f.done {
		if f.err != nil {
			return f.err
		}
		return fmt.Errorf("writing %s: already committed or discarded", f.path)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	f.done = true
	if err := renameOver(f.tmp, f.path); err != nil {
		_ = os.Remove(f.tmp)
		if _, ok := err.(*LockedError); ok {
			return err
		}
		return fmt.Errorf("writing %s: %w", f.path, Unwrap(err))
	}
	return nil
}

// WriteNew writes data to path, which must not exist: it never replaces a
// file, even one created a moment before by another program. The data is
// written to a temporary file in the same folder (named as Create names it,
// so RemoveStale clears one left by a killed run) and synced, then linked to
// path (a link, unlike a rename, fails when path exists), so path is never
// seen half-written. Where the file system has no hard links, path is
// created exclusively and written in place instead. The error wraps
// fs.ErrExist when path exists.
func WriteNew(path string, data []byte) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	f, err := createMode(path, fs.FileMode(0o666)&^umask())
	if err != nil {
		return err
	}
	defer f.Discard()
	if _, err := f.Write(data); err != nil {
		return err
	}
	f.done = true
	defer func() { _ = os.Remove(f.tmp) }()
	fail := func(err error) error {
		_ = f.f.Close()
		return fmt.Errorf("writing %s: %w", path, Unwrap(err))
	}
	if err := f.f.Chmod(f.mode.Perm()); err != nil {
		return fail(err)
	}
	if err := f.f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, Unwrap(err))
	}
	switch err := os.Link(f.tmp, path); {
	case err == nil:
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	default:
		// No hard links here (FAT, some network shares): create the file
		// exclusively instead.
		if err := writeExclusive(path, data, f.mode.Perm()); err != nil {
			return err
		}
	}
	SyncDir(filepath.Dir(path))
	return nil
}

// writeExclusive creates path, which must not exist, and writes data to it.
func writeExclusive(path string, data []byte, mode fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, Unwrap(err))
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("writing %s: %w", path, Unwrap(err))
	}
	return nil
}

// Discard removes the temporary file; path is left as it was. It is safe
// to call after Commit (it then does nothing), so a deferred Discard
// cleans up every path that does not reach Commit.
func (f *File) Discard() {
	if f.done {
		return
	}
	f.done = true
	if !f.synced {
		_ = f.f.Close()
	}
	_ = os.Remove(f.tmp)
}

// SyncDir makes a rename in dir durable. Not every system can sync a
// folder (Windows cannot open one); the file itself is already synced, so a
// failure here is not an error.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// TooLargeError is ReadLimited's error for a file over its limit.
type TooLargeError struct {
	Size  int64 // the size the file system reports; -1 when the file grew past the limit while read
	Limit int64
}

func (e *TooLargeError) Error() string {
	if e.Size < 0 {
		return fmt.Sprintf("file grew past the %d-byte limit while it was read", e.Limit)
	}
	return fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", e.Size, e.Limit)
}

// ReadLimited reads a regular file of at most limit bytes. It refuses
// anything else before reading a byte (a FIFO would block forever, a device
// such as /dev/zero never ends), and it counts what it reads rather than
// trusting the size the file system reports (a file can grow while it is
// read, and /proc files report 0).
func ReadLimited(path string, limit int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, Unwrap(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s): give the path of a file", kind(st.Mode()))
	}
	if st.Size() > limit {
		return nil, &TooLargeError{Size: st.Size(), Limit: limit}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Unwrap(err)
	}
	defer f.Close()
	// Room for the size reported and one byte more, so that a file read to
	// its end takes one allocation and two reads (io.ReadAll starts at 512
	// bytes and grows); a file that grew is read on, to the limit.
	b := make([]byte, 0, st.Size()+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):min(cap(b), int(limit)+1)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, &TooLargeError{Size: -1, Limit: limit}
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, Unwrap(err)
		}
	}
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// Unwrap drops the *fs.PathError wrapper, whose path the caller's message
// already names.
func Unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Abs is filepath.Abs with the working directory given: a run over a
// thousand files asks for the working directory once, not for each file
// (os.Getwd is two stat calls). wd "" asks the system, as filepath.Abs does.
func Abs(wd, path string) (string, error) {
	if filepath.IsAbs(path) || wd == "" {
		return filepath.Abs(path)
	}
	return filepath.Join(wd, path), nil
}
