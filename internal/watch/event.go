package watch

import "fmt"

// Event is what the watcher reports: one of CaseChanged, CaseRemoved,
// CaseUnreadable, ConfigChanged, TemplatesChanged, Ready or Error. A caller
// switches on the type.
type Event interface {
	// String is one line for logs and tests.
	String() string
	event()
}

// CaseChanged is a case file (*.md) whose content is new: found by the
// first scan, created, or saved with content different from the last
// reported. Content is the whole file as it was after the save settled.
type CaseChanged struct {
	Path    string
	Content []byte
}

// CaseRemoved is a case file that is gone (deleted, or moved out of the
// watched folders).
type CaseRemoved struct{ Path string }

// CaseUnreadable is a case file that exists but cannot be read: no
// permission, not a regular file (a named pipe or device), or larger than
// the limit. It is reported once per distinct error.
type CaseUnreadable struct {
	Path string
	Err  error
}

// ConfigChanged is a .sendgen.yaml or .sendgen.yml (or the explicit
// configuration file of Options.Config) that was created, changed or
// removed, in a watched folder or in a folder above one.
type ConfigChanged struct{ Path string }

// TemplatesChanged is a file under Options.Templates that was created,
// changed or removed.
type TemplatesChanged struct{ Path string }

// Ready follows the CaseChanged (and CaseUnreadable) events of the first
// scan: every case file that existed when the watcher started has been
// reported, and from here on events are changes.
type Ready struct{ Cases int }

// Error is a problem that does not stop the watcher: a folder it could not
// watch (a *LimitError when the inotify limit is reached), a read error of
// the file system notifications.
type Error struct{ Err error }

func (CaseChanged) event()      {}
func (CaseRemoved) event()      {}
func (CaseUnreadable) event()   {}
func (ConfigChanged) event()    {}
func (TemplatesChanged) event() {}
func (Ready) event()            {}
func (Error) event()            {}

func (e CaseChanged) String() string {
	return fmt.Sprintf("changed %s (%d bytes)", e.Path, len(e.Content))
}
func (e CaseRemoved) String() string      { return "removed " + e.Path }
func (e CaseUnreadable) String() string   { return fmt.Sprintf("unreadable %s: %v", e.Path, e.Err) }
func (e ConfigChanged) String() string    { return "config " + e.Path }
func (e TemplatesChanged) String() string { return "templates " + e.Path }
func (e Ready) String() string            { return fmt.Sprintf("ready (%d cases)", e.Cases) }
func (e Error) String() string            { return "error: " + e.Err.Error() }
