// Package editortest saves files the way real editors do, syscall for
// syscall, so that a file watcher can be tested (and benchmarked) against
// the event sequences editors actually produce rather than a tidy
// os.WriteFile. The sequences follow shared/reference/go-ecosystem.md 3.2
// (measured with Neovim, a JetBrains-style safe write, VS Code and nano)
// and the editors' own sources: Vim's buf_write() (fileio.c / bufwrite.c),
// JetBrains' SafeFileOutputStream, Emacs' basic-save-buffer-2 and its lock
// files, VS Code's and nano's open(O_TRUNC)+write.
//
// Every save writes the whole new content and leaves no temporary file of
// its own behind.
package editortest

import (
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Editor is one editor's way of saving.
type Editor struct {
	// Name says which editor and setting, for test names.
	Name string
	// Save replaces the content of path (which exists) with content.
	Save func(path string, content []byte) error
	// Temporaries are the names, relative to the file's folder, of the
	// extra files the save creates and removes, for documentation and for
	// tests that check a watcher ignores them (%s is the file's base name).
	Temporaries []string
}

// Pause is the time some patterns leave between the steps of one save
// (between the truncation and the write of an in-place save, say), so a
// watcher that reads too early sees the intermediate state. It is well
// under any sensible debounce and longer than the microseconds the steps
// take when run back to back.
var Pause = 3 * time.Millisecond

// Editors are all the patterns, in the order of the reference table.
var Editors = []Editor{
	{Name: "vim-backup-rename", Save: VimRename, Temporaries: []string{"4913", "%s~", ".%s.swp"}},
	{Name: "vim-backupcopy-yes", Save: VimBackupCopy, Temporaries: []string{"4913", "%s~", ".%s.swx"}},
	{Name: "neovim-default", Save: NeovimDefault, Temporaries: []string{"4913", "%s~"}},
	{Name: "atomic-rename-over", Save: AtomicRename, Temporaries: []string{".%s.tmp*"}},
	{Name: "jetbrains-safe-write", Save: JetBrains, Temporaries: []string{"%s___jb_tmp___", "%s___jb_old___"}},
	{Name: "vscode-truncate-write", Save: VSCode},
	{Name: "nano-truncate-chunked-write", Save: Nano},
	{Name: "truncate-then-reopen-write", Save: TruncateThenWrite},
	{Name: "emacs-lock-autosave-backup", Save: Emacs, Temporaries: []string{".#%s", "#%s#", "%s~"}},
}

// VimRename is Vim with 'writebackup' and 'backupcopy=no' (what "auto"
// picks for an ordinary file): probe the folder with a file named 4913,
// touch the swap file, rename the file to its backup, write a new file,
// set its mode, delete the backup.
func VimRename(path string, content []byte) error {
	return vimRename(path, content, true)
}

// NeovimDefault is Neovim 0.7's default save (backupcopy=auto resolved to
// rename, writebackup): the sequence of the reference table, without a
// swap-file write in between.
func NeovimDefault(path string, content []byte) error {
	return vimRename(path, content, false)
}

func vimRename(path string, content []byte, swap bool) error {
	dir, base := filepath.Split(path)
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if swap {
		if err := appendFile(filepath.Join(dir, "."+base+".swp"), []byte("b0VIM 9.0\x00")); err != nil {
			return err
		}
		defer os.Remove(filepath.Join(dir, "."+base+".swp"))
	}
	if err := probe4913(dir); err != nil {
		return err
	}
	backup := path + "~"
	if err := os.Rename(path, backup); err != nil {
		return err
	}
	if err := writeNew(path, content, st.Mode().Perm()); err != nil {
		return err
	}
	if err := os.Chmod(path, st.Mode().Perm()); err != nil {
		return err
	}
	return os.Remove(backup)
}

// VimBackupCopy is Vim with 'backupcopy=yes': the backup is a copy, and
// the original file is truncated and rewritten in place (so its inode, and
// a watch on it, survive; a reader can see it empty in between).
func VimBackupCopy(path string, content []byte) error {
	dir, base := filepath.Split(path)
	swx := filepath.Join(dir, "."+base+".swx")
	if err := appendFile(swx, []byte("b0VIM 9.0\x00")); err != nil {
		return err
	}
	defer os.Remove(swx)
	if err := probe4913(dir); err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	backup := path + "~"
	if err := writeNew(backup, old, 0o644); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	time.Sleep(Pause)
	if err := writeClose(f, content); err != nil {
		return err
	}
	return os.Remove(backup)
}

// probe4913 is Vim's check that it may create files in the folder: it
// creates "4913" (counting up while the name is taken), and deletes it.
func probe4913(dir string) error {
	for n := 4913; n < 5913; n += 123 {
		p := filepath.Join(dir, fmt.Sprint(n))
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		f.Close()
		return os.Remove(p)
	}
	return fmt.Errorf("no free probe name in %s", dir)
}

// AtomicRename writes a temporary file in the same folder and renames it
// over the target (Sublime Text's atomic_save, Go's renameio, most
// "safe write" libraries): the target's only event is a Create.
func AtomicRename(path string, content []byte) error {
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return err
	}
	if err := writeClose(f, content); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// JetBrains is IntelliJ's "safe write": write name___jb_tmp___, move the
// original to name___jb_old___, move the temporary into place, delete the
// old one.
func JetBrains(path string, content []byte) error {
	tmp, old := path+"___jb_tmp___", path+"___jb_old___"
	if err := writeNew(tmp, content, 0o644); err != nil {
		return err
	}
	if err := os.Rename(path, old); err != nil {
		return err
	}
	time.Sleep(Pause)
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return os.Remove(old)
}

// VSCode is VS Code's (and most editors') plain save: open with O_TRUNC,
// write, close. The truncation is an event of its own.
func VSCode(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	time.Sleep(Pause)
	return writeClose(f, content)
}

// Nano opens with O_TRUNC and writes through stdio in 4 KiB pieces (so a
// large file arrives in several writes).
func Nano(path string, content []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	for len(content) > 0 {
		n := min(len(content), 4096)
		if _, err := f.Write(content[:n]); err != nil {
			f.Close()
			return err
		}
		content = content[n:]
		time.Sleep(Pause / 3)
	}
	return f.Close()
}

// TruncateThenWrite empties the file, closes it, and writes the content
// through a second open: the watcher sees an empty, closed file before the
// real content arrives.
func TruncateThenWrite(path string, content []byte) error {
	if err := os.Truncate(path, 0); err != nil {
		return err
	}
	time.Sleep(Pause)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	return writeClose(f, content)
}

// Emacs with its defaults: the buffer's lock file (.#name, a symlink to
// user@host.pid) appears when the buffer is modified, an auto-save file
// #name# is written while editing, and the save renames the original to
// its backup name~, writes a new file, deletes the auto-save and the lock.
func Emacs(path string, content []byte) error {
	dir, base := filepath.Split(path)
	lock := filepath.Join(dir, ".#"+base)
	auto := filepath.Join(dir, "#"+base+"#")
	if err := os.Symlink("tester@host.4242:1700000000", lock); err != nil && !os.IsExist(err) {
		return err
	}
	if err := writeNew(auto, content, 0o600); err != nil {
		return err
	}
	backup := path + "~"
	if err := os.Rename(path, backup); err != nil {
		return err
	}
	if err := writeNew(path, content, 0o644); err != nil {
		return err
	}
	if err := os.Remove(auto); err != nil {
		return err
	}
	if err := os.Remove(lock); err != nil {
		return err
	}
	// Emacs keeps name~ (it is the backup the user asked for); remove it so
	// the folder is as it was.
	return os.Remove(backup)
}

// RealVim saves with the vim program itself ('backupcopy=no',
// 'writebackup', and 'backupskip' emptied so that files under /tmp get a
// backup too), replacing the whole buffer with content. It returns an
// error wrapping exec.ErrNotFound when vim is not installed.
func RealVim(path string, content []byte) error {
	vim, err := exec.LookPath("vim")
	if err != nil {
		return err
	}
	src, err := os.CreateTemp("", "editortest-vim-*")
	if err != nil {
		return err
	}
	defer os.Remove(src.Name())
	if err := writeClose(src, content); err != nil {
		return err
	}
	// -es: silent Ex mode; -u NONE -i NONE: no vimrc, no viminfo; the swap
	// file is kept (Vim's default), so its .swp shows up too. In an
	// emptied buffer ":0read" replaces the one empty line; 'binary' with
	// 'eol' set as the content ends writes the bytes back unchanged.
	eol := "noeol"
	if len(content) > 0 && content[len(content)-1] == '\n' {
		eol = "eol"
	}
	cmd := exec.Command(vim, "-u", "NONE", "-i", "NONE", "-N", "-es",
		"-c", "set backup writebackup backupcopy=no backupskip= nofixendofline binary",
		"-c", "%d _",
		"-c", "0read "+escapeEx(src.Name()),
		"-c", "set "+eol,
		"-c", "wq", path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("vim: %v: %s", err, out)
	}
	// 'backup' keeps name~ after the write; remove it like the others.
	_ = os.Remove(path + "~")
	return nil
}

func escapeEx(p string) string { return strings.ReplaceAll(p, " ", `\ `) }

func writeNew(path string, content []byte, perm os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	return writeClose(f, content)
}

func appendFile(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	return writeClose(f, b)
}

func writeClose(f *os.File, content []byte) error {
	if _, err := f.Write(content); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil && err != io.EOF {
		f.Close()
		return err
	}
	return f.Close()
}

// Latencies is a distribution of save-to-result times, for benchmarks.
type Latencies []time.Duration

// Percentile is the p-th percentile (0-100), nearest rank.
func (l Latencies) Percentile(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := append(Latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// String is "n=50 p50=51.2ms p95=53.0ms max=60.1ms".
func (l Latencies) String() string {
	return fmt.Sprintf("n=%d p50=%.1fms p95=%.1fms max=%.1fms", len(l),
		msOf(l.Percentile(50)), msOf(l.Percentile(95)), msOf(l.Percentile(100)))
}

func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
