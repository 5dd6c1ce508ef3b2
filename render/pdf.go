package render

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2/pkg/consts/extension"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/components/text"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/sendgen/sendgen/casefile"
)

// Header and footer geometry (mm).
const (
	hdrLine      = 5.0
	hdrRule      = 2.5
	hdrBand      = 7.0
	hdrBandGap   = 1.5
	hdrAfter     = 3.0
	footerHeight = 2.0 + 1.0 + 4.0
	pageNumSize  = 8.0
)

func headerHeight(draft bool) float64 {
	h := hdrLine + hdrRule + hdrAfter
	if draft {
		h += hdrBand + hdrBandGap
	}
	return h
}

// gofpdf writes the time of day into /CreationDate and /ModDate and writes
// font and image resources in map order unless told otherwise; these are
// package globals (pdf-anchors.md §2.2), set once here before any document.
// The creation date is then set per document through maroto; gofpdf has no
// per-document modification date that maroto exposes, so it is written as a
// fixed placeholder and replaced by the document's date (same length, so no
// offset moves).
var (
	globalsOnce        sync.Once
	modDatePlaceholder = time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)
)

func fixGofpdfGlobals() {
	globalsOnce.Do(func() {
		gofpdf.SetDefaultCatalogSort(true)
		// Each face's map from characters to glyphs ends at the last
		// character the document uses: compressing the full 128 KiB, twice a
		// document, was a tenth of the render (third_party/gofpdf).
		gofpdf.SetDefaultShortCIDToGIDMaps(true)
		// The faces given to gofpdf are this package's own subsets
		// (face.subset): embedded as they are, not parsed and cut again.
		gofpdf.SetDefaultUTF8FontsAsGiven(true)
		gofpdf.SetDefaultCreationDate(modDatePlaceholder)
		gofpdf.SetDefaultModificationDate(modDatePlaceholder)
	})
}

// DraftKeyword is written into the document information dictionary
// (/Keywords) of every draft, so that a program can tell a draft from a
// final without reading the page text: the DRAFT band and watermark are in
// compressed content streams and a subset font. `sendgen sign` refuses a
// PDF that carries it. It is plain ASCII, written without the UTF-16
// encoding of the other entries, so that it can be found as written.
const DraftKeyword = "sendgen-draft"

func pdfDate(t time.Time) string { return "/ModDate (D:" + t.UTC().Format("20060102150405") + ")" }

// pageNumberPattern is drawn by maroto on every page; its characters are
// checked and put in the font subset like any other text.
const pageNumberPattern = "Page {current} of {total}"

func (r *Renderer) pdf(c *casefile.Case, v *View, doc Document, blocks []block) ([]byte, error) {
	title := documentTitle(blocks, doc)
	org, err := r.tmpl.plain(tmplOrganisation, v)
	if err != nil {
		return nil, err
	}
	mark, err := r.tmpl.plain(tmplConfidentiality, v)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(mark) == "" {
		// The marking is required on every page; a template cannot remove it.
		mark = defaultConfidential
	}

	l := newLayout(r.fonts, v, c)
	header := l.header(string(v.Case), title, org, v)
	footer := l.footer(mark)
	l.check("Page of 0123456789", 0, nil)
	l.blocks(blocks)
	if l.err != nil {
		return nil, l.err
	}
	pages, err := paginate(l.items, pageCapacity(v.Draft))
	if err != nil {
		return nil, err
	}

	var fonts []*entity.CustomFont
	for i, used := range l.used {
		if i > 0 && len(used) == 0 {
			continue // a face no text uses is not parsed by gofpdf at all
		}
		runes := make([]rune, 0, len(used))
		for ch := range used {
			runes = append(runes, ch)
		}
		sort.Slice(runes, func(a, b int) bool { return runes[a] < runes[b] })
		f, err := r.fonts.get(i)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, &entity.CustomFont{Family: fontFamily, Style: styles[i], Bytes: f.subset(runes)})
	}

	author := "sendgen"
	// A family member or a young person writing their own statement is
	// named by role, never by name: metadata is personal data too.
	family := func(n Text) bool {
		name := strings.TrimSpace(string(n))
		return strings.EqualFold(name, strings.TrimSpace(string(v.Child.Name))) ||
			strings.EqualFold(name, strings.TrimSpace(string(v.Appellant.Name)))
	}
	switch {
	case doc == PositionStatement && v.Author != nil && v.Author.Name != "" && !family(v.Author.Name):
		author = string(v.Author.Name)
	case doc == PositionStatement && v.Author != nil && v.Author.Role != "":
		author = string(v.Author.Role)
	case v.Mediation != nil && v.Mediation.Mediator != "" && doc != PositionStatement:
		author = string(v.Mediation.Mediator)
	case org != "":
		author = org
	}
	// Metadata names the document and the case, not the child: file
	// properties are shown by file managers and indexed by search tools.
	builder := config.NewBuilder()
	if v.Draft {
		wm, err := draftWatermark()
		if err != nil {
			return nil, err
		}
		builder = builder.WithBackgroundImage(wm, extension.Png).WithKeywords(DraftKeyword, false)
	}
	cfg := builder.
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginL).WithRightMargin(marginR).WithTopMargin(marginT).WithBottomMargin(marginB).
		WithMaxGridSize(gridSize).
		WithCustomFonts(fonts).
		WithDefaultFont(&props.Font{Family: fontFamily, Style: fontstyle.Normal, Size: stBody.size, Color: ptrColor(colText)}).
		WithPageNumber(props.PageNumber{Pattern: pageNumberPattern, Place: props.Bottom,
			Family: fontFamily, Style: fontstyle.Normal, Size: pageNumSize, Color: ptrColor(colMuted)}).
		WithCompression(true).
		WithTitle(title+" — "+string(v.Case), true).
		WithSubject("SEND mediation: "+doc.Title()+", case "+string(v.Case), true).
		WithAuthor(author, true).
		WithCreator("sendgen", true).
		WithCreationDate(v.Created.Time).
		Build()

	m := maroto.New(cfg)
	if err := m.RegisterHeader(header...); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if err := m.RegisterFooter(footer...); err != nil {
		return nil, fmt.Errorf("footer: %w", err)
	}
	for _, p := range pages {
		m.AddPages(page.New().Add(p...))
	}
	d, err := m.Generate()
	if err != nil {
		return nil, fmt.Errorf("generating PDF: %w", err)
	}
	out := d.GetBytes()
	old, now := []byte(pdfDate(modDatePlaceholder)), []byte(pdfDate(v.Created.Time))
	if bytes.Count(out, old) != 1 || len(now) != len(old) {
		return nil, fmt.Errorf("generating PDF: cannot set the modification date to %s", v.Created.ISO())
	}
	// In place: the bytes are this document's own, and the date has the
	// placeholder's length (a copy of the whole PDF otherwise).
	copy(out[bytes.Index(out, old):], now)
	return out, nil
}

// documentTitle is the text of the first level-1 heading, else the
// document's name.
func documentTitle(blocks []block, doc Document) string {
	for _, b := range blocks {
		if b.kind == bHeading && b.level == 1 {
			if t := strings.Join(strings.Fields(strings.ReplaceAll(runsText(b.runs), "\n", " ")), " "); t != "" {
				return t
			}
		}
	}
	return doc.Title()
}

// header is drawn at the top of every page: the case reference and
// document title on the left, the organisation on the right, a rule, and in
// draft mode a red DRAFT band.
func (l *layout) header(ref, title, org string, v *View) []core.Row {
	st := stHeader
	var segs []seg
	left, lst := l.fitLine(ref+"  ·  "+title, st, contentW*0.6, "the page header")
	segs = append(segs, left.segs...)
	if org != "" {
		right, rst := l.fitLine(org, st, contentW*0.38, "the organisation partial")
		// Right-aligned, a hair inside the edge: maroto wraps a text that
		// is wider than the space left of it by even a rounding error.
		x := contentW - right.width - 4*slack
		for _, s := range right.segs {
			segs = append(segs, seg{x: x + s.x, text: s.text, face: s.face, size: rst.size})
		}
	}
	for i := range segs[:len(left.segs)] {
		segs[i].size = lst.size
	}
	rows := []core.Row{l.lineRow(tline{segs: segs}, st, hdrLine, 0), ruleRow(0, hdrRule, 0.3, colRule)}
	if v.Draft {
		bst := tstyle{size: 9, color: colMark, bold: true}
		msg := "DRAFT — NOT FOR SENDING"
		switch n := len(v.Findings); n {
		case 0:
		case 1:
			msg += " — 1 finding listed at the end"
		default:
			msg += fmt.Sprintf(" — %d findings listed at the end", n)
		}
		bl := l.wrap([]run{{text: msg, bold: true}}, bst, contentW-4, false, nil)
		c := col.New(gridSize).WithStyle(&props.Cell{BackgroundColor: ptrColor(colDraftBg)})
		if len(bl) > 0 {
			l.addLine(c, bl[0], bst, hdrBand, (contentW-bl[0].width)/2, 0)
		}
		rows = append(rows, spacer(hdrBandGap), row.New(hdrBand).Add(c))
	}
	rows = append(rows, spacer(hdrAfter))
	return rows
}

// fitLine sets one line of page furniture in width: the size shrinks to
// 6 pt before the text is shortened with an ellipsis (the header repeats
// what the page itself says, so shortening it loses nothing).
func (l *layout) fitLine(s string, st tstyle, width float64, what string) (tline, tstyle) {
	s = strings.Join(strings.Fields(s), " ")
	o := &origin{what: what, offset: -1}
	for st.size > 6 && l.width(s, 0, st.size) > width-slack {
		st.size -= 0.5
	}
	for l.width(s, 0, st.size) > width-slack && s != "" {
		r := []rune(strings.TrimSuffix(s, "…"))
		s = string(r[:len(r)-1]) + "…"
	}
	lines := l.wrap([]run{{text: s}}, st, width, false, o)
	if len(lines) == 0 {
		return tline{}, st
	}
	return lines[0], st
}

// footer carries the confidentiality marking on every page; maroto draws
// "Page X of Y" below it, in the bottom margin.
func (l *layout) footer(mark string) []core.Row {
	st := stFooter
	lines := l.wrap([]run{{text: mark, bold: true}}, st, contentW, false, &origin{what: "the confidentiality partial", offset: -1})
	var ln tline
	if len(lines) > 0 {
		ln = lines[0]
	}
	x := (contentW - ln.width) / 2
	return []core.Row{spacer(2), ruleRow(0, 1, 0.2, colRule), l.lineRow(ln, st, 4, x)}
}

// textComponent is the only way text reaches maroto. maroto drops a "\n"
// inside a text and joins the lines, so a line break here is a layout bug:
// it panics in tests rather than lose words silently.
func textComponent(s string, p props.Text) core.Component {
	if strings.ContainsAny(s, "\n\r") {
		panic("render: a line break reached maroto: " + fmt.Sprintf("%q", s))
	}
	if p.Family != fontFamily {
		panic("render: text without the embedded font family: " + fmt.Sprintf("%q", s))
	}
	return text.New(s, p)
}

// rule is a horizontal line from x to the right edge of its cell, y below
// the cell's top: the writing line of a signature block.
type rule struct {
	x, y, thick float64
	color       props.Color
	cfg         *entity.Config
}

func (r *rule) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "rule", Value: r.x})
}

func (r *rule) GetHeight(core.Provider, *entity.Cell) float64 { return r.y }

func (r *rule) SetConfig(c *entity.Config) { r.cfg = c }

func (r *rule) Render(p core.Provider, cell *entity.Cell) {
	sub := &entity.Cell{X: cell.X + r.x, Y: cell.Y + r.y - 1, Width: cell.Width - r.x, Height: 2}
	if sub.Width <= 0 {
		return
	}
	p.AddLine(sub, &props.Line{Color: ptrColor(r.color), Style: linestyle.Solid, Thickness: r.thick, SizePercent: 100, OffsetPercent: 50})
}
