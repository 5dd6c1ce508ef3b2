package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"
)

// terminalSize is the width and height of the terminal w writes to, else
// $COLUMNS and $LINES, else 80x24.
func terminalSize(w io.Writer, getenv func(string) string) (int, int) {
	if f, ok := w.(*os.File); ok {
		if cols, rows, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 && rows > 0 {
			return cols, rows
		}
	}
	cols, rows := 80, 24
	if n, err := strconv.Atoi(getenv("COLUMNS")); err == nil && n > 0 {
		cols = n
	}
	if n, err := strconv.Atoi(getenv("LINES")); err == nil && n > 0 {
		rows = n
	}
	return cols, rows
}
