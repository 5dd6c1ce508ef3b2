package report

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encodeJSON is what jsonArray.add writes for v: encoding/json's.
func encodeJSON(t testing.TB, v any, indent string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

var jsonStrings = []string{"", "plain", `"quoted" and \back\slash`, "<html> & 'x'", "tab\tnew\nline\rcr\bbs\fff",
	"\x00\x01\x1f\x7f", "caf\u00e9 \u2028 \u2029 \u2027 \U0001F600", "bad \xff\xfe utf-8 \xe2\x80", "’s offer", "\u00a0nbsp"}

// TestDiagnosticJSON: the direct writer writes encoding/json's bytes.
func TestDiagnosticJSON(t *testing.T) {
	for _, s := range jsonStrings {
		for _, d := range []Diagnostic{
			{Path: s, Line: 1, Column: 2, EndLine: 3, EndColumn: 4, Rule: "r", Severity: "error", Message: s},
			{Path: "p", Line: 10, Column: 20, EndLine: 30, EndColumn: 40, Rule: s, Severity: s, Message: "m",
				Suggestion: s, Detail: s, Match: s, Offset: 5, EndOffset: 6, Config: []string{s, ".sendgen.yaml"}},
			{Message: s, Config: []string{}},
			{Suggestion: "x", Config: []string{s}},
		} {
			for _, indent := range []string{"  ", "        "} {
				want := encodeJSON(t, d, indent)
				if got := string(d.appendJSON(nil, indent)); got != want {
					t.Errorf("%#v:\ngot  %s\nwant %s", d, got, want)
				}
			}
		}
	}
}

func FuzzDiagnosticJSON(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s, s, 3)
	}
	f.Fuzz(func(t *testing.T, a, b string, n int) {
		d := Diagnostic{Path: a, Line: n, Column: -n, Rule: b, Severity: a, Message: b, Suggestion: a, Detail: b,
			Match: a, Offset: n, EndOffset: n * 2, Config: []string{a, b}}
		if got, want := string(d.appendJSON(nil, "  ")), encodeJSON(t, d, "  "); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}
