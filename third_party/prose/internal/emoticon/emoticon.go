// Package emoticon holds the emoticon set shared by prose's tokenizer and
// tagger.
//
// It lives here so the two cannot drift apart: the tagger tags anything in
// this set as SYM, and the tokenizer must agree on what counts as one token.
package emoticon

// Is reports whether s is a known emoticon.
//
// The set is a switch rather than a map, so that it costs nothing at package
// initialisation, which every program importing the tokenizer or the tagger
// would otherwise pay for (the map was built there).
func Is(s string) bool {
	switch s {
	case
		"(-8",
		"(-;",
		"(-_-)",
		"(._.)",
		"(:",
		"(=",
		"(o:",
		"(¬_¬)",
		"(ಠ_ಠ)",
		"(╯°□°）╯︵┻━┻",
		"-__-",
		"8-)",
		"8-D",
		"8D",
		":(",
		":((",
		":(((",
		":()",
		":)))",
		":-)",
		":-))",
		":-)))",
		":-*",
		":-/",
		":-X",
		":-]",
		":-o",
		":-p",
		":-x",
		":-|",
		":-}",
		":0",
		":3",
		":P",
		":]",
		":`(",
		":`)",
		":`-(",
		":o",
		":o)",
		"=(",
		"=)",
		"=D",
		"=|",
		"@_@",
		"O.o",
		"O_o",
		"V_V",
		"XDD",
		"[-:",
		"^___^",
		"o_0",
		"o_O",
		"o_o",
		"v_v",
		"xD",
		"xDD",
		"¯\\(ツ)/¯":
		return true
	}
	return false
}
