package casefile

import (
	"strings"
	"testing"
	"time"
)

func TestApplyFixes(t *testing.T) {
	src := []byte("Zoë should have 😀 may")
	tests := []struct {
		name             string
		fixes            []Fix
		want             string
		applied, skipped int
	}{
		{"none", nil, "Zoë should have 😀 may", 0, 0},
		{"one", []Fix{{Span: Span{5, 11}, NewText: "will"}}, "Zoë will have 😀 may", 1, 0},
		{"two, given out of order", []Fix{{Span: Span{22, 25}, NewText: "will"}, {Span: Span{5, 11}, NewText: "will"}},
			"Zoë will have 😀 will", 2, 0},
		{"overlapping: the first in file order wins", []Fix{{Span: Span{5, 16}, NewText: "will have"}, {Span: Span{5, 11}, NewText: "shall"}},
			"Zoë shall have 😀 may", 1, 1},
		{"insertion", []Fix{{Span: Span{0, 0}, NewText: "<!-- x -->\n"}}, "<!-- x -->\nZoë should have 😀 may", 1, 0},
		{"adjacent replacements", []Fix{{Span: Span{0, 5}, NewText: "Sam "}, {Span: Span{5, 11}, NewText: "will"}},
			"Sam will have 😀 may", 2, 0},
		{"outside the file", []Fix{{Span: Span{20, 99}, NewText: "x"}}, "Zoë should have 😀 may", 0, 1},
		{"inverted span", []Fix{{Span: Span{6, 5}, NewText: "x"}}, "Zoë should have 😀 may", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, applied, skipped := ApplyFixes(src, tt.fixes)
			if string(out) != tt.want || len(applied) != tt.applied || len(skipped) != tt.skipped {
				t.Errorf("got %q (%d applied, %d skipped), want %q (%d, %d)", out, len(applied), len(skipped), tt.want, tt.applied, tt.skipped)
			}
			if string(src) != "Zoë should have 😀 may" {
				t.Fatal("ApplyFixes changed its input")
			}
		})
	}
}

func TestUnambiguousDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // "" = refused
	}{
		{"14/09/2026", "2026-09-14"},
		{"09/14/2026", "2026-09-14"},
		{"05/05/2026", "2026-05-05"},
		{"05/09/2026", ""}, // 5 September or 9 May
		{"14.09.2026", "2026-09-14"},
		{"14-09-2026", "2026-09-14"},
		{"2026-9-14", "2026-09-14"},
		{"2026/09/14", "2026-09-14"},
		{"14 September 2026", "2026-09-14"},
		{"14th Sept 2026", "2026-09-14"},
		{"Monday 14 September 2026", "2026-09-14"},
		{"September 14, 2026", "2026-09-14"},
		{"30/02/2026", ""},
		{"14/09/26", ""},
		{"14 Septober 2026", ""},
		{"2026-02-30", ""},
		{"soon", ""},
		{"", ""},
	} {
		got, ok := UnambiguousDate(tt.in)
		s := ""
		if ok {
			s = got.Format(time.DateOnly)
		}
		if s != tt.want {
			t.Errorf("UnambiguousDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

// TestProblemFixes applies each front-matter fix and parses again: the
// problem it was offered for is gone, and no other problem appears.
func TestProblemFixes(t *testing.T) {
	tests := []struct {
		name, from, to string
		wantFix        bool
	}{
		{"misspelt key", "decision:\n", "decison:\n", true},
		{"misspelt nested key", "  type: plan-contents\n", "  tpye: plan-contents\n", true},
		{"enum typo", "  type: plan-contents\n", "  type: plan_contents\n", true},
		{"enum typo, quoted", "  type: plan-contents\n", "  type: \"plan-contnets\"\n", true},
		{"date, day first", "  date: 2026-09-01\n", "  date: 09/01/2026\n", false}, // 9 January or 1 September
		{"date, unambiguous", "  date: 2026-09-01\n", "  date: 13/09/2026 \n", true},
		{"date in words", "  date: 2026-09-01\n", "  date: 1 September 2026\n", true},
		{"not a typo: no fix", "  type: plan-contents\n", "  type: refusal\n", false},
		{"impossible date: no fix", "  date: 2026-09-01\n", "  date: 2026-02-30\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(validFront, tt.from) {
				t.Fatalf("fixture has no %q", tt.from)
			}
			src := strings.Replace(validFront, tt.from, tt.to, 1) + "# Background\n\nText.\n"
			c := mustParse(t, src)
			if len(c.Problems) != 1 {
				t.Fatalf("want one problem, got:\n%s", problemLines(c))
			}
			p := c.Problems[0]
			if !tt.wantFix {
				if len(p.Fixes) != 0 {
					t.Fatalf("want no fix, got %+v", p.Fixes)
				}
				return
			}
			if len(p.Fixes) != 1 {
				t.Fatalf("want one fix, got %+v for %s", p.Fixes, problemLines(c))
			}
			out, applied, _ := ApplyFixes(c.Bytes, p.Fixes)
			if len(applied) != 1 {
				t.Fatal("fix not applied")
			}
			fixed := mustParse(t, string(out))
			if len(fixed.Problems) != 0 {
				t.Fatalf("after %q the file still has problems:\n%s", p.Fixes[0].Title, problemLines(fixed))
			}
		})
	}
}

// FuzzUnambiguousDate: any text either is refused or reads as a real date
// that ParseISODate accepts written back, and the same date whichever of
// the forms the fuzzer found.
func FuzzUnambiguousDate(f *testing.F) {
	for _, s := range []string{"14/09/2026", "09/14/2026", "2026-9-14", "2026/09/14", "14 September 2026", "September 14, 2026", "05/09/2026", "31/02/2026"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := UnambiguousDate(s)
		if !ok {
			return
		}
		iso := d.Format(time.DateOnly)
		back, msg := ParseISODate(iso)
		if msg != "" || !back.Equal(d) {
			t.Fatalf("UnambiguousDate(%q) = %s, which ParseISODate reads as %v (%s)", s, iso, back, msg)
		}
		if again, ok := UnambiguousDate(iso); !ok || !again.Equal(d) {
			t.Fatalf("%s is not read back as itself", iso)
		}
	})
}
