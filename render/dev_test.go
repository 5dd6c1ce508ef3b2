package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var samples = flag.String("samples", "", "write the sample documents to this folder, to look at them (e.g. pdftoppm -png -r 60)")

// TestWriteSamples writes every document of the sample cases, final and
// draft, when -samples is given: go test ./render -run TestWriteSamples -samples /tmp/pdf
func TestWriteSamples(t *testing.T) {
	if *samples == "" {
		t.Skip("-samples not set")
	}
	draft := Input{Draft: true, Findings: []Finding{{Location: "full.md:52:40", Severity: "warning", Rule: "vague-wording",
		Message: "\"as required\" names no enforceable provision."}}}
	for _, name := range []string{"full.md", "declined.md", "minimal.md", "breaks.md", "long-background.md"} {
		c := loadCase(t, name)
		for _, d := range Documents(c) {
			base := filepath.Join(*samples, c.Front.Case.Value+"-"+string(d))
			if err := os.WriteFile(base+".pdf", render(t, testRenderer(t), c, d), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(base+"-draft.pdf", renderWith(t, testRenderer(t), c, d, draft), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
