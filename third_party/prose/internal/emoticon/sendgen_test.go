package emoticon

import "testing"

// released is the set as v3.2.3 held it, a map built at package
// initialisation; Is is a switch now.
var released = []string{
	"(-8", "(-;", "(-_-)", "(._.)", "(:", "(=", "(o:", "(¬_¬)", "(ಠ_ಠ)", "(╯°□°）╯︵┻━┻",
	"-__-", "8-)", "8-D", "8D", ":(", ":((", ":(((", ":()", ":)))", ":-)", ":-))", ":-)))",
	":-*", ":-/", ":-X", ":-]", ":-o", ":-p", ":-x", ":-|", ":-}", ":0", ":3", ":P", ":]",
	":`(", ":`)", ":`-(", ":o", ":o)", "=(", "=)", "=D", "=|", "@_@", "O.o", "O_o", "V_V",
	"XDD", "[-:", "^___^", "o_0", "o_O", "o_o", "v_v", "xD", "xDD", "¯\\(ツ)/¯",
}

func TestIsUnchanged(t *testing.T) {
	set := map[string]bool{}
	for _, s := range released {
		set[s] = true
		if !Is(s) {
			t.Errorf("Is(%q) = false", s)
		}
	}
	if len(set) != 58 {
		t.Fatalf("%d emoticons, want 58", len(set))
	}
	for _, s := range released {
		for _, other := range []string{s[1:], s[:len(s)-1], s + s[len(s)-1:], " " + s, ""} {
			if Is(other) != set[other] {
				t.Errorf("Is(%q) = %v", other, Is(other))
			}
		}
	}
}
