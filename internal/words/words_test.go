package words

import "testing"

func TestJoin(t *testing.T) {
	for _, tt := range []struct {
		xs       []string
		and, or_ string
	}{
		{nil, "", ""},
		{[]string{"F"}, "F", "F"},
		{[]string{"B", "F"}, "B and F", "B or F"},
		{[]string{"B", "F", "I"}, "B, F and I", "B, F or I"},
	} {
		if got := And(tt.xs); got != tt.and {
			t.Errorf("And(%q) = %q", tt.xs, got)
		}
		if got := Or(tt.xs); got != tt.or_ {
			t.Errorf("Or(%q) = %q", tt.xs, got)
		}
	}
}
