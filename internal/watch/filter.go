package watch

import (
	"path/filepath"
	"strings"
)

// ConfigNames are the file names of sendgen's configuration
// (internal/config.Find looks for them in this order).
var ConfigNames = []string{".sendgen.yaml", ".sendgen.yml"}

func isConfigName(base string) bool {
	for _, n := range ConfigNames {
		if base == n {
			return true
		}
	}
	return false
}

// isCaseName reports whether a file name can be a case file: *.md, and not
// an editor's temporary (Emacs' lock file ".#name.md" ends in .md too).
func isCaseName(base string) bool {
	return strings.EqualFold(filepath.Ext(base), ".md") && !isTemporary(base)
}

// isTemporary reports whether a file name is an editor's or a tool's
// temporary file, never a document. The list is Hugo's (commands/
// hugobuilder.go, gohugoio/hugo) with what the editors of
// shared/reference/go-ecosystem.md 3.2 create, plus our own atomic-write
// temporaries (".name.*.tmp", internal/cli writeAtomic).
func isTemporary(base string) bool {
	switch {
	case base == "" || base == "4913" || base == ".DS_Store":
		return true // 4913 is Vim's probe that it may create files in the folder
	case strings.HasPrefix(base, ".#"):
		return true // Emacs lock file (a symlink to user@host.pid)
	case strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"):
		return true // Emacs auto-save
	case strings.HasSuffix(base, "~"):
		return true // Vim, Emacs, nano backups
	case strings.HasPrefix(base, ".goutputstream"), strings.HasPrefix(base, ".sb-"):
		return true // GNOME gedit / GIO; Sublime's atomic save on some systems
	case strings.Contains(base, "___jb_tmp___"), strings.Contains(base, "___jb_old___"), strings.Contains(base, "___jb_bak___"):
		return true // JetBrains safe write
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".swp", ".swx", ".swo", ".swn", ".tmp", ".bck", ".bak", ".kate-swp", ".crswap", ".part":
		// Vim swap files; generic temporaries and backups; Kate's swap;
		// Chrome's (and VS Code web's) .crswap; partial downloads.
		return true
	}
	return false
}
