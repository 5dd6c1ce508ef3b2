package stripansi

import "testing"

// sendgen's test of its patch: Strip strips as before, with the expression
// compiled on first use.
func TestStrip(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"\x1b[1;32mbold green\x1b[m and \x1b]0;title\x07done", "bold green and done"},
		{"\u009b2Jcleared", "cleared"},
		{"", ""},
	} {
		if got := Strip(c.in); got != c.want {
			t.Errorf("Strip(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
