package report

import (
	"encoding/json"
	"io"
)

// JSON writes one array of diagnostics (shared/spec/case-file.md).
type JSON struct{}

func (JSON) Write(w io.Writer, files []File) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Diagnostics(files))
}
