package render

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestSignatureNotOrphaned: however long the background, the position
// statement's signature block, with its "Signed" heading and declaration,
// never has a page to itself: the end of the text before it goes with it.
// The lengths are those at which it did (with 11, 16, 19 and 44 paragraphs
// the last page held only the "Signed" section, with up to 44 mm free on
// the page before).
func TestSignatureNotOrphaned(t *testing.T) {
	b, err := os.ReadFile("../samples/CWC-2026-0291.md")
	if err != nil {
		t.Fatal(err)
	}
	para := "Dafydd finds the noise of the dining hall overwhelming and leaves most lunchtimes before he has eaten.\n\n"
	for _, n := range []int{1, 11, 16, 19, 44} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			src := strings.Replace(string(b), "# Legal position", strings.Repeat(para, n)+"# Legal position", 1)
			c := parseCase(t, "case.md", []byte(src))
			pdf := render(t, testRenderer(t), c, PositionStatement)
			pages := strings.Split(pdfText(t, pdf), "\f")
			last := ""
			for i := len(pages) - 1; i >= 0 && last == ""; i-- {
				last = strings.TrimSpace(pages[i])
			}
			lines := strings.Split(last, "\n")
			// The first two lines are the running header and its rule.
			var before []string
			for _, l := range lines[1:] {
				l = strings.TrimSpace(l)
				if l == "Signed" {
					break
				}
				if l != "" {
					before = append(before, l)
				}
			}
			if !strings.Contains(last, "Signature") {
				t.Fatalf("the signature block is not on the last page:\n%s", last)
			}
			if len(before) == 0 {
				t.Errorf("with %d paragraphs the last page holds only the signature section:\n%s", n, last)
			}
		})
	}
}
