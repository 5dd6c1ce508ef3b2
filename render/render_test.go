package render

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/props"
	"golang.org/x/text/unicode/norm"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/templates"
)

const marking = "CONFIDENTIAL — contains personal data about a child"

func TestDocuments(t *testing.T) {
	tests := map[string][]Document{
		"full.md":            {PositionStatement, OutcomeForm, Certificate},
		"declined.md":        {Certificate},
		"minimal.md":         {OutcomeForm},
		"breaks.md":          {PositionStatement},
		"long-background.md": {PositionStatement},
	}
	for name, want := range tests {
		if got := Documents(loadCase(t, name)); !slices.Equal(got, want) {
			t.Errorf("%s: Documents = %v, want %v", name, got, want)
		}
	}
	// Asking for a document the case does not support says why.
	declined := loadCase(t, "declined.md")
	_, err := testRenderer(t).Render(declined, OutcomeForm, input(t, declined))
	if err == nil || !strings.Contains(err.Error(), "mediation.date is not set") {
		t.Errorf("Render(declined, outcome-form) error = %v", err)
	}
}

func TestFileName(t *testing.T) {
	if got, err := FileName("WCC-2026-0412", OutcomeForm); err != nil || got != "WCC-2026-0412-outcome-form.pdf" {
		t.Errorf("FileName = %q, %v", got, err)
	}
	for _, bad := range []string{"", "..", ".", "../x", "a/b", `a\b`, "C:", "a b", "x.pdf", "\x00", "é", strings.Repeat("a", 101)} {
		if got, err := FileName(bad, Certificate); err == nil {
			t.Errorf("FileName(%q) = %q, want an error", bad, got)
		}
	}
	if _, err := FileName("X", Document("../../etc/passwd")); err == nil {
		t.Error("FileName accepted an unknown document")
	}
}

// TestFieldsAppear renders every document of every sample case and checks,
// through pdftotext -layout, that every field the document must state is
// there as written.
func TestFieldsAppear(t *testing.T) {
	common := []string{marking}
	tests := []struct {
		file  string
		doc   Document
		pages int
		want  []string
	}{
		{"full.md", PositionStatement, 2, []string{
			"WCC-2026-0412 · Position statement", "Nguyễn Thị Lan, SEND adviser",
			"Position statement", "Zoë Ó Súilleabháin (born 9 May 2014)", "Parent Aoife Ó Súilleabháin",
			"Westminster City Council", "The contents of the EHC plan (CFA 2014 s.51(2)(c))", "14 September 2026",
			"Section B (Special educational needs); Section F (Special educational provision)",
			"Background", "developmental language disorder and dyslexia", "report of 3 March 2026",
			"will have access to speech and language therapy \"as required\"",
			"The school reports Zoë reads at the level of a 7-year-old.",
			"Legal position", "must be detailed and specific and should normally be quantified",
			"Requested provision", "Section F: Special educational provision", "Section B: Special educational needs",
			"one 45-minute session of 1:1 speech and language therapy every week during term time, delivered by an HCPC-registered Speech and Language Therapist.",
			"A teaching assistant trained in ELKLAN will deliver Zoë's language programme for 20 minutes daily.",
			"Zoë has severe difficulties with receptive and expressive language.",
			"Evidence", "1. Educational psychologist's report, 3 March 2026.", "2. Speech and language therapy report, 12 June 2026.",
			"Next steps", "The local authority will issue the amended plan.",
			"Key dates", "Monday 30 November 2026 Appeal deadline HESC Rules 2008 r.20(1)(c), r.12",
			"Appeal deadline: Monday 30 November 2026.", "must be received by 5pm on that day",
			"Saturday 14 November 2026 Contact the mediation adviser by SEND Regs 2014 reg 33",
			"Signed", "Aoife Ó Súilleabháin Nguyễn Thị Lan", "Signature", "Date",
			"Page 1 of 2", "Page 2 of 2",
		}},
		{"full.md", OutcomeForm, 3, []string{
			"WCC-2026-0412 · Mediation outcome form", "Global Mediation",
			"Mediation outcome form", "Date of mediation Tuesday 27 October 2026", "Mediator Sam Patel",
			"Mediation provider Global Mediation", "Zoë Ó Súilleabháin", "Westminster City Council",
			"The contents of the EHC plan (CFA 2014 s.51(2)(c))",
			"Who attended", "Łukasz Nowak", "Supporter (IPSEA volunteer)", "Jo Smith SEN Team Manager Westminster City Council Yes: confirmed authority to agree",
			"Dafydd ap Ŵyn", "Designated Clinical", "NHS North West", "Ștefan Popescu SENCo St Mary's Primary",
			"Issues discussed", "Speech and language therapy in Section F.",
			"Agreed actions", "Amend Section F to read:", "1 December 2026",
			"Send the amended plan to Aoife Ó Súilleabháin", "(statutory default)",
			"Arrange an occupational therapy assessment", "10 November 2026", "written as “TBC”",
			"Action 2: no date was written into this agreement, so the statutory time limit applies: amend the EHC plan within 5 weeks, by 1 December 2026 (SEND Regs 2014 reg 42(2), reg 44(2)(e)).",
			"Unresolved issues", "Whether Zoë needs a specialist teacher of dyslexia for 2 hours a week.",
			"SEND Regulations 2014 regulation 42 says:", "shall comply with the time limits set out in regulation 44, as if the mediation agreement were an order of the First–tier Tribunal.",
			"must do that thing within two weeks of the date of the mediation agreement", "within 1 week of the date of that agreement",
			"agree in writing to a different timescale.",
			"by Friday 30 October 2026", "stating whether the issues were resolved", "by 5pm on Monday 30 November 2026",
			"Confidentiality", "confidential and without prejudice, and is not normally relied on at the Tribunal.",
			"Signatures", "Aoife Ó Súilleabháin Łukasz Nowak", "Jo Smith Dafydd ap Ŵyn", "Ștefan Popescu Sam Patel",
			"Mediator, Global Mediation", "Page 3 of 3",
		}},
		{"full.md", Certificate, 1, []string{
			"WCC-2026-0412 · Mediation certificate", "Mediation certificate",
			"Issued under the Children and Families Act 2014 section 55(5) on Thursday 29 October 2026.",
			"This certifies that Aoife Ó Súilleabháin took part in mediation with Westminster City Council on 27 October 2026.",
			"Child or young person Zoë Ó Súilleabháin (born 9 May 2014)", "Parent Aoife Ó Súilleabháin",
			"Decision The contents of the EHC plan (CFA 2014 s.51(2)(c))", "Decision notice sent 14 September 2026",
			"Date of issue Thursday 29 October 2026", "Mediation adviser Global Mediation", "Adviser contacted 30 September 2026",
			"Date of mediation 27 October 2026", "Mediator Sam Patel",
			"Issues resolved Some of the issues were resolved at mediation; others remain in dispute.",
			"must be received by 5pm on Monday 30 November 2026", "HESC Rules 2008 r.20(1)(c), r.12",
			"independent of the local authority", "s.56(2) and (3)", "Sam Patel Mediator, Global Mediation", "Page 1 of 1",
		}},
		{"declined.md", Certificate, 1, []string{
			"KEN_2026_0077 · Mediation certificate", "Ștefan Popescu Mediation Services",
			"Issued under the Children and Families Act 2014 section 55(4) on Thursday 22 January 2026.",
			"This certifies that Dafydd ap Ŵyn contacted the mediation adviser on 20 January 2026, was given information and advice about pursuing mediation, and told the mediation adviser that they do not wish to pursue mediation.",
			"Child or young person Dafydd ap Ŵyn (born 29 February 2008)", "Young person Dafydd ap Ŵyn",
			"Royal Borough of Kensington and Chelsea", "Decision not to carry out an EHC needs assessment (CFA 2014 s.51(2)(a))",
			"Decision notice sent 31 December 2025", "Date of issue Thursday 22 January 2026",
			"Mediation adviser Ștefan Popescu Mediation Services", "Adviser contacted 20 January 2026",
			"must be received by 5pm on Monday 2 March 2026", "Mediation adviser, Ștefan Popescu Mediation Services",
		}},
		{"minimal.md", OutcomeForm, 2, []string{
			"X1 · Mediation outcome form", "Łódź & Partners Mediation", "Nguyễn Văn An", "Parent Nguyễn Thị Hoa",
			"Leeds City Council", "Decision to cease to maintain the EHC plan (CFA 2014 s.51(2)(f))",
			"Date of mediation Friday 10 July 2026", "Mediator Zoë Ó Súilleabháin",
			"No attendees were recorded.", "No issues were listed.", "No actions were agreed.",
			"Whether the plan should be maintained at all.", "Zoë Ó Súilleabháin Mediator, Łódź & Partners Mediation",
		}},
	}
	r := testRenderer(t)
	for _, tc := range tests {
		t.Run(tc.file+"/"+string(tc.doc), func(t *testing.T) {
			pdf := render(t, r, loadCase(t, tc.file), tc.doc)
			got := flat(pdfText(t, pdf))
			// -layout interleaves the lines of neighbouring table cells when
			// a cell wraps; the content-stream order (-raw) keeps each cell's
			// text together, so a wrapped cell is looked for there.
			raw := flat(execTool(t, "pdftotext", "-raw", "-enc", "UTF-8", pdftest.WriteTemp(t, pdf), "-"))
			for _, w := range append(common, tc.want...) {
				if !strings.Contains(got, flat(w)) && !strings.Contains(raw, flat(w)) {
					t.Errorf("missing %q", w)
				}
			}
			if n := pdfPages(t, pdf); n != tc.pages {
				t.Errorf("pages = %d, want %d", n, tc.pages)
			}
			// Every page carries the marking and its number.
			for p := 1; p <= tc.pages; p++ {
				if !strings.Contains(got, "Page "+itoa(p)+" of "+itoa(tc.pages)) {
					t.Errorf("page %d has no 'Page %d of %d'", p, p, tc.pages)
				}
			}
			if n := strings.Count(got, marking); n != tc.pages {
				t.Errorf("the confidentiality marking appears %d times on %d pages", n, tc.pages)
			}
			if t.Failed() {
				t.Logf("extracted text:\n%s", pdfText(t, pdf))
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func testTextProps() props.Text {
	return props.Text{Family: fontFamily, Size: 10}
}

// parseCaseLoose parses a case edited by a test, ignoring problems (a
// fixture may be deliberately odd).
func parseCaseLoose(src string) (*casefile.Case, error) {
	return casefile.Parse("full.md", []byte(src))
}

// TestSignatureBlocks: every attendee and the mediator get a signature
// block on the outcome form, with a signature and a date line each.
func TestSignatureBlocks(t *testing.T) {
	c := loadCase(t, "full.md")
	pdf := render(t, testRenderer(t), c, OutcomeForm)
	got := pdfText(t, pdf)
	want := len(c.Front.Mediation.Attendees) + 1
	if n := len(regexp.MustCompile(`Signature\b`).FindAllString(got, -1)); n != want {
		t.Errorf("%d signature lines, want %d (attendees and mediator)", n, want)
	}
	dates := 0
	for _, l := range strings.Split(got, "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.Trim(strings.Join(f, ""), "Date") == "" {
			dates += len(f)
		}
	}
	if dates != want {
		t.Errorf("%d date lines in the signature blocks, want %d", dates, want)
	}
}

// TestDiacritics: names in every script the spec mentions come back out of
// the PDF exactly, in tables, headings, signature blocks and metadata.
func TestDiacritics(t *testing.T) {
	names := []string{"Zoë Ó Súilleabháin", "Łukasz Nowak", "Dafydd ap Ŵyn", "Ștefan Popescu", "Nguyễn Thị Lan"}
	r := testRenderer(t)
	c := loadCase(t, "full.md")
	var all string
	for _, d := range Documents(c) {
		all += flat(pdfText(t, render(t, r, c, d)))
	}
	for _, n := range names {
		if !strings.Contains(all, n) {
			t.Errorf("%q did not survive the round trip", n)
		}
	}
	info := execTool(t, "pdfinfo", pdftest.WriteTemp(t, render(t, r, c, PositionStatement)))
	if !strings.Contains(info, "Nguyễn Thị Lan") {
		t.Errorf("author metadata lost its diacritics:\n%s", info)
	}
}

// TestPDFValid: qpdf finds nothing wrong, every font is embedded, and the
// metadata is set.
func TestPDFValid(t *testing.T) {
	r := testRenderer(t)
	// The test cases, and every sample the README's quick start renders.
	names := []string{"full.md", "declined.md", "minimal.md", "breaks.md"}
	samples, _ := filepath.Glob("../samples/*.md")
	drafts, _ := filepath.Glob("../samples/drafts/*.md")
	names = append(names, append(samples, drafts...)...)
	if len(names) < 10 {
		t.Fatalf("the samples are missing: %v", names)
	}
	for _, name := range names {
		var c *casefile.Case
		if strings.HasPrefix(name, "../") {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			c = parseCase(t, name, b)
		} else {
			c = loadCase(t, name)
		}
		for _, d := range Documents(c) {
			pdf := render(t, r, c, d)
			p := pdftest.WriteTemp(t, pdf)
			if out := execTool(t, "qpdf", "--check", p); !strings.Contains(out, "No syntax or stream encoding errors") {
				t.Errorf("%s %s: qpdf --check:\n%s", name, d, out)
			}
			fonts := strings.Split(strings.TrimSpace(execTool(t, "pdffonts", p)), "\n")
			if len(fonts) < 3 {
				t.Errorf("%s %s: no fonts listed", name, d)
			}
			for _, f := range fonts[2:] {
				fs := strings.Fields(f)
				if len(fs) < 7 || !strings.HasPrefix(fs[0], "utf8dejavusans") {
					t.Errorf("%s %s: unexpected font (only the embedded DejaVu Sans may be used): %s", name, d, f)
					continue
				}
				if fs[len(fs)-5] != "yes" {
					t.Errorf("%s %s: font not embedded: %s", name, d, f)
				}
			}
			info := execTool(t, "pdfinfo", p)
			for _, w := range []string{"Title:", d.Title(), "Subject:", "SEND mediation", "Author:", "CreationDate:"} {
				if !strings.Contains(info, w) {
					t.Errorf("%s %s: pdfinfo lacks %q:\n%s", name, d, w, info)
				}
			}
			if !regexp.MustCompile(`(?m)^Creator:\s+sendgen$`).MatchString(info) {
				t.Errorf("%s %s: creator is not sendgen:\n%s", name, d, info)
			}
			if strings.Contains(info, c.Front.Child.Name.Value) {
				t.Errorf("%s %s: the child's name is in the metadata", name, d)
			}
			if strings.Contains(info, c.Front.Appellant.Name.Value) {
				t.Errorf("%s %s: the appellant's name is in the metadata", name, d)
			}
		}
	}
}

// Trap 1: a row taller than a page is cut off. A 3,000-word Background,
// with a first paragraph of 1,050 words (more than a page), must come out
// whole and in order.
func TestLongBackgroundComplete(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "long-background.md"))
	if err != nil {
		t.Fatal(err)
	}
	c := parseCase(t, "long-background.md", src)
	pdf := render(t, testRenderer(t), c, PositionStatement)
	// Drop the page furniture (header, marking, page number) between pages.
	var body []string
	for _, l := range strings.Split(pdfText(t, pdf), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "LONG-3000 · Position statement") || l == marking || regexp.MustCompile(`^Page \d+ of \d+$`).MatchString(l) {
			continue
		}
		body = append(body, l)
	}
	got := flat(strings.Join(body, " "))
	bg := c.Body.Find("Background")
	var words []string
	for _, b := range bg.Blocks {
		words = append(words, strings.Fields(b.Text.Text)...)
	}
	if len(words) < 3000 {
		t.Fatalf("the sample has %d words, want 3,000", len(words))
	}
	if want := strings.Join(words, " "); !strings.Contains(got, want) {
		// Find the first word that went missing, for the message.
		pos := 0
		for i, w := range words {
			j := strings.Index(got[pos:], w)
			if j < 0 {
				t.Fatalf("Background incomplete: word %d of %d (%q) and after are missing", i+1, len(words), w)
			}
			pos += j + len(w)
		}
		t.Fatalf("Background words are all there but not contiguous")
	}
	if n := pdfPages(t, pdf); n < 6 {
		t.Errorf("pages = %d: 3,000 words should take at least 6 pages", n)
	}
}

// Trap 1 in tables: a table cell longer than a page is split over rows.
func TestLongTableCellComplete(t *testing.T) {
	var sb strings.Builder
	for i := 1; i <= 1500; i++ {
		sb.WriteString("word")
		sb.WriteString(strings.Repeat("x", i%3))
		sb.WriteString(" ")
	}
	long := strings.TrimSpace(sb.String())
	src := strings.Replace(mustRead(t, "full.md"), "| Send the amended plan to Aoife Ó Súilleabháin |",
		"| "+long+" |", 1)
	c := parseCase(t, "full.md", []byte(src))
	pdf := render(t, testRenderer(t), c, OutcomeForm)
	got := flat(pdfText(t, pdf))
	// The cell's lines are interleaved with the other columns' text by
	// -layout only on the row's first line; count the words instead.
	want := strings.Fields(long)
	n := 0
	for _, w := range strings.Fields(got) {
		if strings.HasPrefix(w, "word") {
			n++
		}
	}
	if n != len(want) {
		t.Errorf("%d of %d words of a long table cell came out", n, len(want))
	}
}

// Trap 2: maroto drops "\n". A hard line break, the lines of a code block
// and a line break inside a front-matter value must each start a new line.
func TestLineBreaksKept(t *testing.T) {
	c := loadCase(t, "breaks.md")
	got := pdfText(t, render(t, testRenderer(t), c, PositionStatement))
	lines := map[string]bool{}
	for _, l := range strings.Split(got, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	for _, w := range []string{"First line of the letter", "second line of the letter", "Quoted from the plan:",
		"line one of the quote", "line two of the quote"} {
		if !lines[w] {
			t.Errorf("%q is not a line of its own:\n%s", w, got)
		}
	}
	for _, bad := range []string{"lettersecond", "plan:line", "quoteline"} {
		if strings.Contains(strings.ReplaceAll(got, " ", ""), bad) {
			t.Errorf("lines were joined (%q):\n%s", bad, got)
		}
	}
	// author.role is "SEND adviser\nWestminster Parent Partnership": in the
	// signature block, the second line is a line of its own.
	if !regexp.MustCompile(`(?m)SEND adviser\s*$`).MatchString(got) ||
		!regexp.MustCompile(`(?m)^\s*Westminster Parent Partnership\s*$`).MatchString(got) {
		t.Errorf("a multi-line front-matter value was not kept on two lines:\n%s", got)
	}
}

// Trap 2, at the source: no string with a line break ever reaches maroto.
func TestTextComponentRejectsLineBreaks(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("textComponent accepted a line break")
		}
	}()
	textComponent("line one\nline two", testTextProps())
}

// Trap 2, in the line breaker: every "\n" starts a new line, "\n\n" leaves
// an empty one.
func TestWrapHonoursLineBreaks(t *testing.T) {
	r := testRenderer(t)
	l := newLayout(r.fonts, &View{}, nil)
	lines := l.wrap([]run{{text: "one\ntwo\n\nfour"}}, stBody, 100, false, nil)
	var got []string
	for _, ln := range lines {
		var s []string
		for _, sg := range ln.segs {
			s = append(s, sg.text)
		}
		got = append(got, strings.Join(s, ""))
	}
	if want := []string{"one", "two", "", "four"}; !slices.Equal(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	for _, ln := range lines {
		for _, sg := range ln.segs {
			if strings.Contains(sg.text, "\n") {
				t.Errorf("a line still contains a line break: %q", sg.text)
			}
		}
	}
}

// Trap 3: the cp1252 default font. Every text names the embedded family
// (textComponent refuses anything else), and characters outside cp1252 come
// out intact (checked in TestDiacritics; pdffonts in TestPDFValid).
func TestTextComponentRequiresEmbeddedFont(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("textComponent accepted a text in the default (cp1252) font")
		}
	}()
	p := testTextProps()
	p.Family = "arial"
	textComponent("Dafydd ap Ŵyn", p)
}

// Trap 4: maroto's signature component sets its label in Helvetica. The
// package must never import it.
func TestNoSignatureComponent(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "maroto/v2/pkg/components/signature") {
			t.Errorf("%s imports maroto's signature component, which ignores the custom font", f)
		}
	}
	// And the names in signature blocks survive: Ŵ and Ș would be "." in Helvetica.
	got := flat(pdfText(t, render(t, testRenderer(t), loadCase(t, "full.md"), OutcomeForm)))
	if !strings.Contains(got, "Jo Smith Dafydd ap Ŵyn") || !strings.Contains(got, "Ștefan Popescu Sam Patel") {
		t.Errorf("signature-block names damaged:\n%s", got)
	}
}

func TestMissingGlyph(t *testing.T) {
	r := testRenderer(t)
	src := mustRead(t, "full.md")
	tests := []struct {
		name, from, to string
		want           []string
	}{
		{"emoji in a name", "name: Jo Smith", "name: Jo Smith 🙂",
			[]string{"U+1F642", "🙂", "Basic Multilingual Plane", "mediation.attendees[2].name"}},
		{"CJK in the body", "She has a diagnosis", "She has a diagnosis (漢)",
			[]string{"U+6F22", "漢", "DejaVu Sans", "full.md:49:70", "# Background"}},
		{"control character", "local_authority: Westminster City Council\n", "local_authority: \"Westminster City\\aCouncil\"\n",
			[]string{"U+0007", "control character", "local_authority"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := strings.Replace(src, tc.from, tc.to, 1)
			if s == src {
				t.Fatal("fixture edit did not apply")
			}
			c, err := parseCaseLoose(s)
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.Render(c, PositionStatement, input(t, c))
			if tc.name == "emoji in a name" {
				_, err = r.Render(c, OutcomeForm, input(t, c))
			}
			var mg *MissingGlyphError
			if !errors.As(err, &mg) {
				t.Fatalf("error = %v, want a MissingGlyphError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDefaultLegalPosition(t *testing.T) {
	r := testRenderer(t)
	got := flat(pdfText(t, render(t, r, loadCase(t, "full.md"), PositionStatement)))
	if !strings.Contains(got, "must be detailed and specific and should normally be quantified") {
		t.Error("the default legal position for plan-contents is missing")
	}
	if strings.Contains(got, "standard text") {
		t.Error("the note to the author about the standard text is printed on a final document")
	}
	if got := flat(pdfText(t, renderWith(t, r, loadCase(t, "full.md"), PositionStatement, Input{Draft: true}))); !strings.Contains(got, "standard text for an appeal against the contents of a plan") {
		t.Error("a draft should say that the legal position is the standard text")
	}
	src := strings.Replace(mustRead(t, "full.md"), "# Evidence", "# Legal position\n\nOur own argument under s.42.\n\n# Evidence", 1)
	c, _ := parseCaseLoose(src)
	got = flat(pdfText(t, render(t, r, c, PositionStatement)))
	if !strings.Contains(got, "Our own argument under s.42.") || strings.Contains(got, "standard text") {
		t.Error("the case's own legal position should replace the default")
	}
	got = flat(pdfText(t, render(t, r, loadCase(t, "breaks.md"), PositionStatement)))
	if !strings.Contains(got, "a decision not to amend it can be appealed (s.51(2)(e))") {
		t.Error("the default legal position for refuse-amendment is missing")
	}
}

func TestTemplateOverride(t *testing.T) {
	fsys := fstest.MapFS{
		"partials.md":                     {Data: []byte(`{{define "organisation"}}Ŵ Advice Centre{{end}}`)},
		"legal-position/plan-contents.md": {Data: []byte("Overridden legal text for {{.Child.Name}}.")},
	}
	r, err := New(Options{Templates: fsys})
	if err != nil {
		t.Fatal(err)
	}
	got := flat(pdfText(t, render(t, r, loadCase(t, "full.md"), PositionStatement)))
	for _, w := range []string{"Ŵ Advice Centre", "Overridden legal text for Zoë Ó Súilleabháin.", marking} {
		if !strings.Contains(got, w) {
			t.Errorf("override: missing %q", w)
		}
	}
	// A broken template is an error at New, naming the file.
	_, err = New(Options{Templates: fstest.MapFS{"certificate.md": {Data: []byte("{{.Nope")}}})
	if err == nil || !strings.Contains(err.Error(), "certificate.md") {
		t.Errorf("New with a broken template: %v", err)
	}
	// An unknown field is an error at Render, naming the template.
	r, _ = New(Options{Templates: fstest.MapFS{"certificate.md": {Data: []byte("# X\n\n{{.Nope}}")}}})
	if _, err := r.Render(loadCase(t, "full.md"), Certificate, input(t, loadCase(t, "full.md"))); err == nil || !strings.Contains(err.Error(), "certificate.md") {
		t.Errorf("Render with an unknown field: %v", err)
	}
}

func TestDraft(t *testing.T) {
	r := testRenderer(t)
	pdf := renderWith(t, r, loadCase(t, "full.md"), OutcomeForm, Input{Draft: true, Findings: []Finding{
		{Location: "full.md:47:58", Severity: "warning", Rule: "vague-wording", Message: "\"access to\" names no enforceable provision"},
		{Location: "full.md:70:1", Severity: "error", Rule: "action-missing-deadline", Message: "By is \"TBC\": give a date"},
	}})
	pages := pdfPages(t, pdf)
	got := pdfText(t, pdf)
	if n := strings.Count(got, "DRAFT — NOT FOR SENDING — 2 findings listed at the end"); n != pages {
		t.Errorf("draft band on %d of %d pages", n, pages)
	}
	f := flat(got)
	for _, w := range []string{"Appendix: lint findings (draft only)", "full.md:47:58 warning vague-wording",
		"\"access to\" names no enforceable provision", "action-missing-deadline", "By is \"TBC\": give a date"} {
		if !strings.Contains(f, w) {
			t.Errorf("draft appendix lacks %q", w)
		}
	}
	// The diagonal watermark is an image behind every page (pdfimages
	// lists one per page), kept out of the text layer.
	if n := countImages(t, pdf); n != pages {
		t.Errorf("watermark on %d of %d pages", n, pages)
	}
	// Without draft mode: no band, no appendix, no watermark.
	final := render(t, testRenderer(t), loadCase(t, "full.md"), OutcomeForm)
	got = pdfText(t, final)
	if strings.Contains(got, "DRAFT") || strings.Contains(got, "Appendix") {
		t.Error("a final document carries draft marks")
	}
	if n := countImages(t, final); n != 0 {
		t.Errorf("a final document has %d images", n)
	}
	// The draft is marked in its metadata too, for programs (sendgen sign
	// refuses drafts); the final is not.
	if info := execTool(t, "pdfinfo", pdftest.WriteTemp(t, pdf)); !regexp.MustCompile(`(?m)^Keywords:\s+` + DraftKeyword + `$`).MatchString(info) {
		t.Errorf("draft metadata lacks Keywords %s:\n%s", DraftKeyword, info)
	}
	if info := execTool(t, "pdfinfo", pdftest.WriteTemp(t, final)); strings.Contains(info, DraftKeyword) {
		t.Errorf("final metadata carries %s:\n%s", DraftKeyword, info)
	}
}

// countImages counts the images pdfimages lists (one line each after a
// two-line header).
func countImages(t testing.TB, pdf []byte) int {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(execTool(t, "pdfimages", "-list", pdftest.WriteTemp(t, pdf))), "\n")
	return len(lines) - 2
}

// TestWatermarkUpToDate checks the embedded watermark.png is what
// drawWatermark draws (-update rewrites it), and that drawing is
// deterministic.
func TestWatermarkUpToDate(t *testing.T) {
	a, err := drawWatermark()
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := drawWatermark(); !bytes.Equal(a, b) || len(a) < 1000 {
		t.Fatalf("watermark not deterministic or empty (%d bytes)", len(a))
	}
	if *update {
		if err := os.WriteFile("watermark.png", a, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(a, watermarkPNG) {
		t.Error("watermark.png is out of date: run go test ./render -run TestWatermarkUpToDate -update")
	}
}

// TestConcurrent renders in parallel with one shared Renderer (run with -race).
func TestConcurrent(t *testing.T) {
	r := testRenderer(t)
	cases := []string{"full.md", "declined.md", "minimal.md", "breaks.md"}
	want := map[string][]byte{}
	for _, n := range cases {
		c := loadCase(t, n)
		for _, d := range Documents(c) {
			want[n+string(d)] = render(t, r, c, d)
		}
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			n := cases[i%len(cases)]
			c := loadCase(t, n)
			for _, d := range Documents(c) {
				b, err := r.Render(c, d, input(t, c))
				if err != nil {
					t.Error(err)
					return
				}
				if string(b) != string(want[n+string(d)]) {
					t.Errorf("%s %s: concurrent render differs", n, d)
				}
			}
		}(i)
	}
	wg.Wait()
}

func TestCreatedDate(t *testing.T) {
	c := loadCase(t, "full.md")
	r, _ := New(Options{Created: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC)})
	info := execTool(t, "pdfinfo", pdftest.WriteTemp(t, render(t, r, c, Certificate)))
	if !regexp.MustCompile(`CreationDate:\s+Sat Jan  2 00:00:00 2027`).MatchString(info) ||
		!regexp.MustCompile(`ModDate:\s+Sat Jan  2 00:00:00 2027`).MatchString(info) {
		t.Errorf("Options.Created not applied:\n%s", info)
	}
	// Without it, the certificate is dated by its issue date.
	info = execTool(t, "pdfinfo", pdftest.WriteTemp(t, render(t, testRenderer(t), c, Certificate)))
	if !regexp.MustCompile(`CreationDate:\s+Thu Oct 29 00:00:00 2026`).MatchString(info) {
		t.Errorf("certificate not dated by certificate.issued:\n%s", info)
	}
}

func mustRead(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Text is drawn composed (NFC) and without invisible format characters: a
// name typed with combining marks comes out as the same letters, and a
// zero-width space pasted from a web page is not a missing glyph.
func TestTextNormalised(t *testing.T) {
	nfd := norm.NFD.String("Nguyễn Thị Lan")
	src := strings.Replace(mustRead(t, "full.md"), "name: Nguyễn Thị Lan", "name: "+nfd, 1)
	src = strings.Replace(src, "name: Jo Smith", "name: Jo\u200b Smith", 1)
	c, err := parseCaseLoose(src)
	if err != nil {
		t.Fatal(err)
	}
	r := testRenderer(t)
	got := flat(pdfText(t, render(t, r, c, PositionStatement)))
	if !strings.Contains(got, "Nguyễn Thị Lan") {
		t.Errorf("decomposed name not drawn composed:\n%s", got)
	}
	got = flat(pdfText(t, render(t, r, c, OutcomeForm)))
	if !strings.Contains(got, "Jo Smith") {
		t.Errorf("zero-width space not dropped:\n%s", got)
	}
}

// TestLoneCR: a lone CR (old Mac line ending) in a section or inside a
// front-matter value is a line break: it never reaches maroto (which once
// panicked and took a whole batch down) and no word is lost.
func TestLoneCR(t *testing.T) {
	src := mustRead(t, "full.md")
	src = strings.Replace(src, "# Background\n", "# Background\n\nOne line\rand the next line.\n", 1)
	src = strings.Replace(src, "name: Jo Smith", `name: "Jo\rSmith"`, 1)
	c, err := parseCaseLoose(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Documents(c) {
		got := flat(pdfText(t, render(t, testRenderer(t), c, d)))
		if d == PositionStatement && !strings.Contains(got, "One line and the next line.") {
			t.Errorf("%s: the paragraph with a lone CR is not printed whole", d)
		}
		if d == OutcomeForm && !strings.Contains(got, "Jo Smith") {
			t.Errorf("%s: the name with a lone CR is not printed whole", d)
		}
	}
	// A whole file with lone-CR line endings renders like the LF file.
	cr, err := parseCaseLoose(strings.ReplaceAll(mustRead(t, "full.md"), "\n", "\r"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Documents(cr), Documents(loadCase(t, "full.md")); len(got) != len(want) {
		t.Fatalf("documents %v with CR line endings, %v with LF", got, want)
	}
	lf := flat(pdfText(t, render(t, testRenderer(t), loadCase(t, "full.md"), PositionStatement)))
	if got := flat(pdfText(t, render(t, testRenderer(t), cr, PositionStatement))); got != lf {
		t.Error("the position statement of the CR file differs from the LF file's")
	}
}

// TestNamesPrintedAsWritten: a value prints exactly as written everywhere,
// the signature blocks included: "Jo &amp; Smith" is not "Jo & Smith", and
// "<br>" typed in a name does not split it (the signed name must be the
// name in the document).
func TestNamesPrintedAsWritten(t *testing.T) {
	for _, name := range []string{"Jo &amp; Smith", "Jo<br>Smith", `Jo \| Smith`, "Jo *Smith*", "Jo &#65; Smith"} {
		src := strings.Replace(mustRead(t, "full.md"), "name: Jo Smith", "name: '"+name+"'", 1)
		c, err := parseCaseLoose(src)
		if err != nil {
			t.Fatal(err)
		}
		got := flat(pdfText(t, render(t, testRenderer(t), c, OutcomeForm)))
		if n := strings.Count(got, name); n < 2 {
			t.Errorf("%q printed %d times in the outcome form, want it in the attendees and in the signature block:\n%s", name, n, got)
		}
	}
}

// TestRightToLeftRefused: Arabic, Persian, Urdu and Hebrew names would be
// drawn left to right with unjoined letters (a family reading its own name
// backwards), so they are refused with the error a missing glyph gets,
// naming the field and the script.
func TestRightToLeftRefused(t *testing.T) {
	for _, tc := range []struct{ name, script string }{
		{"زینب احمدی", "Arabic"}, // Persian, in Arabic script
		{"مهدی‌زاده", "Arabic"},  // Persian with a zero-width non-joiner
		{"عائشہ خان", "Arabic"},  // Urdu
		{"יעל כהן", "Hebrew"},    // Hebrew
		{"Zoë ﻻ", "Arabic"},      // a presentation form
	} {
		src := strings.Replace(mustRead(t, "full.md"), "name: Jo Smith", "name: "+tc.name, 1)
		c, err := parseCaseLoose(src)
		if err != nil {
			t.Fatal(err)
		}
		_, err = testRenderer(t).Render(c, OutcomeForm, input(t, c))
		var mg *MissingGlyphError
		if !errors.As(err, &mg) || !strings.Contains(err.Error(), tc.script) || !strings.Contains(err.Error(), "mediation.attendees") {
			t.Errorf("%q: error %v, want a MissingGlyphError naming %s and the field", tc.name, err, tc.script)
		}
	}
}

// TestInlineHTMLPrintedAsWritten: "<Child name>" left in by an author is
// printed, not swallowed as an HTML tag; a comment is not printed.
func TestInlineHTMLPrintedAsWritten(t *testing.T) {
	src := strings.Replace(mustRead(t, "full.md"), "# Background\n", "# Background\n\nWe asked <Child name>'s school on <insert date>.<!-- check this -->\n", 1)
	c, err := parseCaseLoose(src)
	if err != nil {
		t.Fatal(err)
	}
	got := flat(pdfText(t, render(t, testRenderer(t), c, PositionStatement)))
	if !strings.Contains(got, "We asked <Child name>'s school on <insert date>.") || strings.Contains(got, "check this") {
		t.Errorf("inline HTML not printed as written:\n%s", got)
	}
}

// TestTemplateBounded: an organisation's template that loops over a huge
// range fails that document with a clear error instead of hanging the batch
// or filling memory.
func TestTemplateBounded(t *testing.T) {
	defer func(d time.Duration) { templateTimeout = d }(templateTimeout)
	for _, tc := range []struct {
		name, tmpl, want string
		timeout          time.Duration
	}{
		{"output", "# X\n\n{{range 1000000000}}Access to therapy. {{end}}", "more than", time.Minute},
		{"time", "# X\n\n{{range 100000000}}{{end}}", "still running after", 300 * time.Millisecond}, // about 3 s of work
	} {
		t.Run(tc.name, func(t *testing.T) {
			templateTimeout = tc.timeout
			r, err := New(Options{Templates: fstest.MapFS{"certificate.md": {Data: []byte(tc.tmpl)}}})
			if err != nil {
				t.Fatal(err)
			}
			c := loadCase(t, "full.md")
			_, err = r.Render(c, Certificate, input(t, c))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "certificate.md") {
				t.Errorf("error %v, want one naming the template and saying %q", err, tc.want)
			}
		})
	}
}

// TestStrikethroughDrawnStruck: ~~struck~~ wording is printed struck
// through (U+0336 on each character), never as live text, which in an
// agreement would reverse its meaning.
func TestStrikethroughDrawnStruck(t *testing.T) {
	src := strings.Replace(mustRead(t, "full.md"), "# Background\n", "# Background\n\nZoë is ~~eleven~~ ten.\n", 1)
	c, err := parseCaseLoose(src)
	if err != nil {
		t.Fatal(err)
	}
	got := pdfText(t, render(t, testRenderer(t), c, PositionStatement))
	if !strings.Contains(got, "e\u0336l\u0336e\u0336v\u0336e\u0336n\u0336 ten") {
		t.Errorf("struck word not drawn struck:\n%s", got)
	}
	if strings.Contains(got, "eleven ten") {
		t.Error("struck word printed as live text")
	}
}

// Without an override, New parses no template: each document's are parsed
// when it is first rendered (templateSet.forDoc), so they must always
// parse, and each document's set holds its own file and the shared ones.
func TestEmbeddedTemplatesParse(t *testing.T) {
	if _, err := parseTemplates(nil, AllDocuments); err != nil {
		t.Fatalf("the embedded templates: %v", err)
	}
	ts, err := loadTemplates(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range AllDocuments {
		set, err := ts.forDoc(string(d))
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		for _, other := range AllDocuments {
			if has := set.Lookup(string(other)+".md") != nil; has != (other == d) {
				t.Errorf("%s's templates hold %s.md: %v", d, other, has)
			}
		}
		for _, n := range []string{tmplOrganisation, tmplConfidentiality, tmplDraftAppendix} {
			if set.Lookup(n) == nil {
				t.Errorf("%s's templates lack %s", d, n)
			}
		}
		// legal-position/ is parsed only for a document that prints it,
		// and printsLegalPosition must say which do: a document that
		// printed .Body.LegalPosition without it would print nothing.
		src, err := fs.ReadFile(templates.FS, string(d)+".md")
		if err != nil {
			t.Fatal(err)
		}
		if prints := strings.Contains(string(src), ".LegalPosition"); prints != printsLegalPosition(d) {
			t.Errorf("%s.md prints .Body.LegalPosition: %v; printsLegalPosition says %v", d, prints, printsLegalPosition(d))
		}
		if has := set.Lookup("legal-position/default.md") != nil; has != printsLegalPosition(d) {
			t.Errorf("%s's templates hold legal-position/default.md: %v", d, has)
		}
		if again, _ := ts.forDoc(string(d)); again != set {
			t.Errorf("%s's templates parsed twice", d)
		}
	}
	// The partials are in every document's set: they must not print it either.
	partials, err := fs.ReadFile(templates.FS, partialsFile)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(partials), ".LegalPosition") {
		t.Errorf("%s prints .Body.LegalPosition, which only the position statement's templates can", partialsFile)
	}
}
