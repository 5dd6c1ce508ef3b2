package render

import (
	"fmt"
	"strings"
	"unicode"
)

// check records the characters drawn in a face and fails on the first one
// the face has no glyph for, naming where it came from: a character gofpdf
// cannot find is drawn as nothing, and one outside the BMP crashes it.
func (l *layout) check(s string, face int, o *origin) {
	f := l.face(face)
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if !f.has(r) || rightToLeft(r) != "" {
			if l.err == nil {
				l.err = l.glyphError(r, f.name, o)
			}
			continue
		}
		l.used[face][r] = true
	}
}

// MissingGlyphError reports a character the embedded font cannot draw.
type MissingGlyphError struct {
	Rune rune
	Font string
	// Where names the field or section the character came from.
	Where string
}

func (e *MissingGlyphError) Error() string {
	name := fmt.Sprintf("%q", e.Rune)
	if e.Rune < ' ' || e.Rune == 0x7f {
		name = "(a control character)"
	}
	msg := fmt.Sprintf("character U+%04X %s cannot be drawn: %s has no glyph for it", e.Rune, name, e.Font)
	if script := rightToLeft(e.Rune); script != "" {
		msg = fmt.Sprintf("character U+%04X %s cannot be drawn correctly: %s is written right to left with joined letters, which this renderer cannot lay out, so the text would print backwards and unjoined", e.Rune, name, script)
	} else if e.Rune > 0xFFFF {
		msg = fmt.Sprintf("character U+%04X %s cannot be drawn: the PDF fonts cover only the Basic Multilingual Plane (U+0000-U+FFFF)", e.Rune, name)
	}
	if e.Where != "" {
		msg += " (in " + e.Where + ")"
	}
	if rightToLeft(e.Rune) != "" {
		return msg + "; write it in Latin letters (as on a passport) for the documents"
	}
	return msg + "; remove or replace it"
}

func (l *layout) glyphError(r rune, font string, o *origin) error {
	e := &MissingGlyphError{Rune: r, Font: font}
	ch := string(r)
	// A front-matter value: name the field.
	for _, f := range l.view.fields {
		if strings.Contains(f.value, ch) {
			e.Where = fmt.Sprintf("%s %q", f.path, f.value)
			return e
		}
	}
	if o != nil {
		e.Where = o.what
		if o.offset >= 0 && l.cs != nil {
			if i := strings.Index(o.source, ch); i >= 0 {
				p := l.cs.Pos(o.offset + i)
				e.Where = fmt.Sprintf("%s:%d:%d, %s", l.cs.Path, p.Line, p.Column, o.what)
			}
		}
	}
	return e
}

// rightToLeft names the right-to-left script of r, or "". The font has
// glyphs for Arabic and Hebrew letters, but drawing them one by one from
// left to right, unshaped, prints a family's name backwards with its letters
// unjoined: it is refused like a character the font lacks, never garbled.
func rightToLeft(r rune) string {
	if r < 0x0590 {
		return ""
	}
	for _, s := range rtlScripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

var rtlScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew}, {"Syriac", unicode.Syriac},
	{"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko}, {"Samaritan", unicode.Samaritan},
	{"Mandaic", unicode.Mandaic}, {"Adlam", unicode.Adlam}, {"Hanifi Rohingya", unicode.Hanifi_Rohingya},
}
