package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/sendgen/sendgen/lint"
)

// jsonArray writes a JSON array one element at a time, byte for byte as
// encoding/json would indent the whole array at the same depth: the
// streaming writers' output equals marshalling everything at once (a test
// keeps them equal), without holding everything.
type jsonArray struct {
	w       io.Writer
	prefix  string // the indentation of the line holding '['
	n       int
	buf     bytes.Buffer
	scratch []byte // addDiagnostic's, reused
}

func (a *jsonArray) add(v any) error {
	a.buf.Reset()
	enc := json.NewEncoder(&a.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(a.prefix+"  ", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	sep := ",\n"
	if a.n == 0 {
		sep = "[\n"
	}
	a.n++
	b := bytes.TrimSuffix(a.buf.Bytes(), []byte("\n"))
	if _, err := io.WriteString(a.w, sep+a.prefix+"  "); err != nil {
		return err
	}
	_, err := a.w.Write(b)
	return err
}

// addDiagnostic adds a diagnostic, written directly (appendJSON): the
// same bytes as add(d).
func (a *jsonArray) addDiagnostic(d *Diagnostic) error {
	sep := ",\n"
	if a.n == 0 {
		sep = "[\n"
	}
	a.n++
	b := append(a.scratch[:0], sep...)
	b = append(b, a.prefix...)
	b = append(b, "  "...)
	b = d.appendJSON(b, a.prefix+"  ")
	a.scratch = b
	_, err := a.w.Write(b)
	return err
}

// close ends the array: "[]" when it is empty.
func (a *jsonArray) close() error {
	s := "\n" + a.prefix + "]"
	if a.n == 0 {
		s = "[]"
	}
	_, err := io.WriteString(a.w, s)
	return err
}

// fingerprinter gives each finding of one file an identity that survives
// re-runs and lines moving: a hash of the rule, the repository path, the
// text the finding marks and how many earlier findings of the file had the
// same three, never the line or column. Editing the marked words makes a
// new finding, as it should; inserting a paragraph above it does not.
type fingerprinter struct {
	path string
	src  []byte
	seen map[string]int
}

func newFingerprinter(f File) *fingerprinter {
	fp := &fingerprinter{path: f.repoPath(), seen: map[string]int{}}
	if f.Source != nil {
		fp.src = f.Source.Bytes
	}
	return fp
}

func (fp *fingerprinter) of(f lint.Finding) string {
	text := f.Match
	if text == "" && f.Span.Start >= 0 && f.Span.End <= len(fp.src) && f.Span.Start < f.Span.End {
		text = string(fp.src[f.Span.Start:f.Span.End])
	}
	if text == "" {
		text = f.Message
	}
	key := f.Rule + "\x00" + fp.path + "\x00" + text
	n := fp.seen[key]
	fp.seen[key] = n + 1
	sum := sha256.Sum256([]byte(key + "\x00" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:16])
}
