package lint

import (
	"strings"
	"testing"
)

// TestInvisibleCharactersCannotHideWording: text pasted from a word
// processor carries no-break spaces, soft hyphens and zero-width
// characters that the PDF reader never sees. The rules judge what the
// reader sees, and the finding still covers the bytes as written.
func TestInvisibleCharactersCannotHideWording(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct{ name, item, phrase string }{
		{"no-break space", "Access\u00a0to speech and language therapy.", "Access\u00a0to"},
		{"narrow no-break space", "Access\u202fto speech and language therapy.", "Access\u202fto"},
		{"soft hyphen", "Acc\u00adess to speech and language therapy.", "Acc\u00adess to"},
		{"zero-width space", "Ac\u200bcess to a mentor.", "Ac\u200bcess to"},
		{"zero-width joiner", "Access to a men\u200dtor as\u200d required.", "as\u200d required"},
		{"word joiner", "Regu\u2060lar input from an occupational therapist.", "Regu\u2060lar"},
		{"entity", "Access&nbsp;to speech and language therapy.", "Access&nbsp;to"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, fs := lintSource(t, e, header+"- Zoë: "+tc.item+"\n", "2026-09-02")
			found := false
			for _, f := range fs {
				if f.Rule == "vague-wording" && string(c.Bytes[f.Span.Start:f.Span.End]) == tc.phrase {
					found = true
				}
			}
			if !found {
				var got []string
				for _, f := range fs {
					got = append(got, f.Rule+" "+string(c.Bytes[f.Span.Start:f.Span.End]))
				}
				t.Errorf("no vague-wording finding on %q; findings: %s", tc.phrase, strings.Join(got, "; "))
			}
		})
	}
}

// TestCodeAndHTMLBlocksAreJudged: a fenced or indented code block and an
// HTML block under # Requested provision are printed as written, so vague
// wording in them is found like any other (it once went into final PDFs
// unjudged).
func TestCodeAndHTMLBlocksAreJudged(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct{ name, body, phrase string }{
		{"fenced", "```\nAccess to speech and language therapy.\n```\n", "Access to"},
		{"tilde fence", "~~~text\nSupport from staff as required.\n~~~\n", "as required"},
		{"indented", "    Access to physiotherapy.\n", "Access to"},
		{"html block", "<div>A mentor as and when needed.</div>\n", "as and when needed"},
		{"inline html kept", "- Zoë will have <b>access to</b> a mentor.\n", "access to"},
		{"placeholder", "- 30 minutes weekly with <Child name>'s teacher, as required.\n", "as required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, fs := lintSource(t, e, header+tc.body, "2026-09-02")
			for _, f := range fs {
				if f.Rule == "vague-wording" && string(c.Bytes[f.Span.Start:f.Span.End]) == tc.phrase {
					return
				}
			}
			t.Errorf("no vague-wording finding on %q in %q", tc.phrase, tc.body)
		})
	}
}
