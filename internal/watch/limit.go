package watch

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
)

// LimitError is the error of New (or an Error event) when the kernel's
// inotify limits stop sendgen watching a folder. Its message says what the
// limit is now, how to raise it, and that --poll works meanwhile.
type LimitError struct {
	Dir string
	// Setting is the sysctl that ran out: fs.inotify.max_user_watches (one
	// per watched folder, ENOSPC) or fs.inotify.max_user_instances (one per
	// watching program, EMFILE).
	Setting string
	// Current is the setting's value read from /proc/sys, or "" when it
	// could not be read.
	Current string
	// Namespace is the user namespace's own limit (user.max_inotify_watches
	// or user.max_inotify_instances) when it is lower than Current: inside
	// a container that is the limit that was reached.
	Namespace string
	Err       error
}

func (e *LimitError) Error() string {
	var b strings.Builder
	what := "watches (one per folder)"
	if e.Setting == instancesSetting {
		what = "instances (one per watching program)"
	}
	fmt.Fprintf(&b, "cannot watch %s: the system's limit of inotify %s is reached (%s", e.Dir, what, e.Setting)
	if e.Current != "" {
		fmt.Fprintf(&b, " is %s", e.Current)
	}
	if e.Namespace != "" {
		fmt.Fprintf(&b, "; this user namespace's %s is %s", nsSetting(e.Setting), e.Namespace)
	}
	fmt.Fprintf(&b, "). Raise it with\n    sudo sysctl %s=%s\n", e.Setting, suggested(e.Setting, e.Current))
	fmt.Fprintf(&b, "(add the line %s=%s to /etc/sysctl.d/90-inotify.conf to keep it after a reboot),", e.Setting, suggested(e.Setting, e.Current))
	b.WriteString(" or watch fewer folders; meanwhile 'sendgen watch --poll' works without inotify")
	return b.String()
}

func (e *LimitError) Unwrap() error { return e.Err }

const (
	watchesSetting   = "fs.inotify.max_user_watches"
	instancesSetting = "fs.inotify.max_user_instances"
)

// procSys reads /proc/sys; a variable so tests can give it a fixed value.
var procSys = func(setting string) string {
	b, err := os.ReadFile("/proc/sys/" + strings.ReplaceAll(setting, ".", "/"))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// suggested is a value worth raising a limit to: 524288 watches (what
// VS Code's documentation and most distributions' IDE packages suggest),
// 1024 instances; or twice the current value if that is already higher.
func suggested(setting, current string) string {
	want := 524288
	if setting == instancesSetting {
		want = 1024
	}
	var n int
	if _, err := fmt.Sscan(current, &n); err == nil && n*2 > want {
		want = n * 2
	}
	return fmt.Sprint(want)
}

// limitError maps fsnotify's errors for exhausted inotify limits to a
// *LimitError; other errors are returned wrapped with the folder.
func limitError(dir string, err error) error {
	var setting string
	switch {
	case errors.Is(err, syscall.ENOSPC):
		setting = watchesSetting
	case errors.Is(err, syscall.EMFILE):
		setting = instancesSetting
	default:
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	le := &LimitError{Dir: dir, Setting: setting, Current: procSys(setting), Err: err}
	var cur, ns int
	if v := procSys(nsSetting(setting)); v != "" {
		if _, err := fmt.Sscan(v, &ns); err == nil {
			if _, err := fmt.Sscan(le.Current, &cur); err != nil || ns < cur {
				le.Namespace = v
			}
		}
	}
	return le
}

// nsSetting is the per-user-namespace counterpart of an inotify sysctl
// (Linux 5.11 and later).
func nsSetting(setting string) string {
	if setting == instancesSetting {
		return "user.max_inotify_instances"
	}
	return "user.max_inotify_watches"
}
