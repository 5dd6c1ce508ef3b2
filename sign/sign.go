// Package sign signs PDFs with a PAdES B-B signature (a detached CMS
// SignedData over SHA-256 with the ESS signing-certificate-v2 attribute,
// in an incremental update that leaves the original bytes untouched) and
// verifies the signatures of a PDF: who signed, when, whether the signed
// byte ranges cover the document and whether anything changed after.
//
// Bytes in, bytes out: nothing here reads a file, a clock or the network.
package sign

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Options describe one signature.
type Options struct {
	// Reason, Location and Name are shown by PDF readers with the
	// signature (Name is the signer's name as a person reads it; the
	// certificate's subject is shown too).
	Reason, Location, Name string
	// Time is the signing time, written to the signature dictionary (/M)
	// and to the CMS signing-time attribute. When it is zero, Clock is
	// called; there is no hidden clock, so one of them must be set.
	Time  time.Time
	Clock func() time.Time
	// Fields are empty signature fields to add, one per party still to
	// sign (each signs in their own PDF reader).
	Fields []Field
}

// Field is an empty signature field.
type Field struct {
	// Name is the field's name, shown by readers (e.g. "Aisha Rahman").
	Name string
	// Page is the 1-based page the field is on; 0 means the last page.
	Page int
	// Rect is the field's box in PDF points from the page's lower-left
	// corner (x1, y1, x2, y2). All zero makes an invisible field, signed
	// from the reader's signature panel.
	Rect [4]float64
}

// ErrDraft is returned for a PDF that sendgen rendered as a draft.
var ErrDraft = errors.New("this PDF is a sendgen draft (it says DRAFT on every page): render the final document without --draft, then sign that")

// draftKeyword must equal render.DraftKeyword (a test checks it); sign
// does not import render, which would bring in the whole typesetter.
const draftKeyword = "sendgen-draft"

// IsDraft reports whether pdf is a document sendgen rendered as a draft:
// its document information dictionary has the keyword sendgen-draft.
func IsDraft(pdf []byte) bool {
	f, err := readXref(pdf)
	if err != nil {
		return false
	}
	return isDraft(f)
}

func isDraft(f *xrefFile) bool {
	info, err := f.resolve(f.trailer.dict["Info"])
	if err != nil || info.kind != kDict {
		return false
	}
	kw, ok := info.get("Keywords")
	if !ok || kw.kind != kString {
		return false
	}
	for _, w := range strings.FieldsFunc(textString(kw.s), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if w == draftKeyword {
			return true
		}
	}
	return false
}

// Sign returns pdf with a signature appended as an incremental update:
// pdf itself is an unchanged prefix of the result. s may be shared by
// concurrent calls. A draft (IsDraft) is refused with ErrDraft.
func Sign(pdf []byte, s *Signer, opts Options) ([]byte, error) {
	if s == nil {
		return nil, errors.New("sign: no signer")
	}
	at := opts.Time
	if at.IsZero() {
		if opts.Clock == nil {
			return nil, errors.New("sign: no signing time (set Options.Time or Options.Clock)")
		}
		at = opts.Clock()
	}
	f, err := readXref(pdf)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	if isDraft(f) {
		return nil, ErrDraft
	}
	if _, enc := f.trailer.get("Encrypt"); enc {
		return nil, errors.New("the PDF is encrypted; sendgen signs unencrypted PDFs")
	}
	u, err := newUpdate(f)
	if err != nil {
		return nil, fmt.Errorf("reading the PDF: %w", err)
	}
	return u.sign(s, opts, at)
}

// update builds one incremental update.
type update struct {
	f       *xrefFile
	catalog indirect
	pages   []indirect
	next    int            // next free object number
	changed map[int][]byte // object number -> body, for the new revision
	form    object         // the AcroForm dictionary, as it will be written
	formRef *ref           // set when the AcroForm is an indirect object
	fields  map[string]bool
	sigs    int // signatures already in the document
}

func newUpdate(f *xrefFile) (*update, error) {
	root, ok := f.trailer.get("Root")
	if !ok || root.kind != kRef {
		return nil, errors.New("the trailer has no /Root")
	}
	cat, err := f.lookup(root.ref)
	if err != nil {
		return nil, err
	}
	if cat.value.kind != kDict {
		return nil, errors.New("the catalog is not a dictionary")
	}
	pages, err := f.pages(cat.value)
	if err != nil {
		return nil, err
	}
	u := &update{f: f, catalog: cat, pages: pages, next: f.size, changed: map[int][]byte{}, fields: map[string]bool{}}
	u.form = newDict()
	if af, ok := cat.value.get("AcroForm"); ok {
		if af.kind == kRef {
			r := af.ref
			u.formRef = &r
		}
		v, err := f.resolve(af)
		if err != nil {
			return nil, fmt.Errorf("the AcroForm: %w", err)
		}
		if v.kind == kDict {
			u.form = v
		}
	}
	// Existing field names must stay unique, and an existing signature
	// means this one cannot be a certification signature.
	fl, _ := u.form.get("Fields")
	if fl.kind == kRef {
		fl, _ = f.resolve(fl)
	}
	for i, fr := range fl.arr {
		if i > 10000 {
			break
		}
		fv, err := f.resolve(fr)
		if err != nil || fv.kind != kDict {
			continue
		}
		if t, ok := fv.get("T"); ok && t.kind == kString {
			u.fields[textString(t.s)] = true
		}
		if fv.name("FT") == "Sig" {
			if _, signed := fv.get("V"); signed {
				u.sigs++
			}
		}
	}
	if _, ok := cat.value.get("Perms"); ok {
		u.sigs++ // already certified
	}
	return u, nil
}

func (u *update) alloc() ref {
	r := ref{u.next, 0}
	u.next++
	return r
}

func (u *update) put(r ref, body []byte) { u.changed[r.num] = body }

func (u *update) uniqueName(base string) string {
	name := base
	for i := 2; u.fields[name]; i++ {
		name = base + " " + strconv.Itoa(i)
	}
	u.fields[name] = true
	return name
}

// Placeholders, replaced in place once the offsets are known (the same
// length, so no offset moves).
const byteRangeWidth = 10

var byteRangePlaceholder = "[0 " + strings.Repeat("0", byteRangeWidth) + " " + strings.Repeat("0", byteRangeWidth) + " " + strings.Repeat("0", byteRangeWidth) + "]"

func (u *update) sign(s *Signer, opts Options, at time.Time) ([]byte, error) {
	sigRef, fieldRef := u.alloc(), u.alloc()
	firstPage := u.pages[0]
	contentsLen := 2 * s.maxCMSSize()

	// The signature dictionary. The first signature of a document
	// certifies it (DocMDP, permissions 2: the parties may still fill in
	// and sign the signature fields; any other change is shown as a
	// change); later ones are approval signatures.
	certify := u.sigs == 0
	var sd bytes.Buffer
	sd.WriteString("<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n")
	sd.WriteString("/ByteRange " + byteRangePlaceholder + "\n")
	sd.WriteString("/Contents <")
	contentsAt := sd.Len() - 1
	sd.WriteString(strings.Repeat("0", contentsLen))
	sd.WriteString(">\n/M " + pdfLiteral(pdfDateTime(at)) + "\n")
	if opts.Name != "" {
		sd.WriteString("/Name " + pdfText(opts.Name) + "\n")
	}
	if opts.Reason != "" {
		sd.WriteString("/Reason " + pdfText(opts.Reason) + "\n")
	}
	if opts.Location != "" {
		sd.WriteString("/Location " + pdfText(opts.Location) + "\n")
	}
	if certify {
		sd.WriteString("/Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams <</Type /TransformParams /P 2 /V /1.2>>>>]\n")
	}
	sd.WriteString("/Prop_Build <</App <</Name /sendgen>>>>\n>>")
	u.put(sigRef, sd.Bytes())

	// Our field: an invisible widget on the first page.
	var fb bytes.Buffer
	fb.WriteString("<</Type /Annot /Subtype /Widget /FT /Sig /F 132 /Rect [0 0 0 0]\n")
	fb.WriteString("/T " + pdfText(u.uniqueName("Signature")) + "\n/V " + sigRef.String() + "\n/P " + firstPage.ref.String() + ">>")
	u.put(fieldRef, fb.Bytes())

	newFields := []ref{fieldRef}
	annots := map[int][]ref{firstPage.ref.num: {fieldRef}}
	for _, fd := range opts.Fields {
		name := strings.TrimSpace(fd.Name)
		if name == "" {
			return nil, errors.New("an empty signature field needs a name")
		}
		pg := len(u.pages)
		if fd.Page != 0 {
			pg = fd.Page
		}
		if pg < 1 || pg > len(u.pages) {
			return nil, fmt.Errorf("signature field %q: page %d, but the document has %d pages", name, fd.Page, len(u.pages))
		}
		page := u.pages[pg-1]
		r := u.alloc()
		var b bytes.Buffer
		fmt.Fprintf(&b, "<</Type /Annot /Subtype /Widget /FT /Sig /F 4 /Rect [%s %s %s %s]\n",
			num(fd.Rect[0]), num(fd.Rect[1]), num(fd.Rect[2]), num(fd.Rect[3]))
		b.WriteString("/T " + pdfText(u.uniqueName(name)) + "\n/TU " + pdfText("Signature of "+name) + "\n/P " + page.ref.String() + ">>")
		u.put(r, b.Bytes())
		newFields = append(newFields, r)
		annots[page.ref.num] = append(annots[page.ref.num], r)
	}

	// The pages get the widgets in /Annots.
	for _, p := range u.pages {
		add := annots[p.ref.num]
		if len(add) == 0 {
			continue
		}
		if err := u.addAnnots(p, add); err != nil {
			return nil, err
		}
	}

	// The AcroForm lists the fields; SigFlags 3: signatures exist, and the
	// file must only be appended to.
	if err := u.addFields(newFields); err != nil {
		return nil, err
	}
	u.form.set("SigFlags", numObj(3))
	cat := u.catalog.value
	cat.dict = cloneDict(cat.dict)
	cat.keys = append([]string(nil), cat.keys...)
	var fbuf bytes.Buffer
	writeObject(&fbuf, u.form)
	if u.formRef != nil {
		u.put(*u.formRef, fbuf.Bytes())
	} else {
		cat.set("AcroForm", rawObj(fbuf.String()))
	}
	if certify {
		cat.set("Perms", rawObj("<</DocMDP "+sigRef.String()+">>"))
	}
	// ETSI.CAdES.detached is a PDF 1.7 extension (ISO 32000-2).
	if v := cat.name("Version"); v == "" || v < "1.7" {
		if headerVersion(u.f.data) < "1.7" {
			cat.set("Version", nameObj("1.7"))
		}
	}
	var cbuf bytes.Buffer
	writeObject(&cbuf, cat)
	u.put(u.catalog.ref, cbuf.Bytes())

	out, sigOff := u.write()
	return fill(out, sigOff+contentsAt, contentsLen, s, at)
}

func cloneDict(d map[string]object) map[string]object {
	c := make(map[string]object, len(d)+2)
	for k, v := range d {
		c[k] = v
	}
	return c
}

// headerVersion is the version in %PDF-x.y.
func headerVersion(data []byte) string {
	if len(data) >= 8 && bytes.HasPrefix(data, []byte("%PDF-")) {
		return string(data[5:8])
	}
	return ""
}

func (u *update) addAnnots(p indirect, add []ref) error {
	page := p.value
	page.dict = cloneDict(page.dict)
	page.keys = append([]string(nil), page.keys...)
	existing, ok := page.get("Annots")
	items := []object{}
	if ok {
		if existing.kind == kRef {
			// An indirect /Annots array gets a new version of its own.
			arr, err := u.f.resolve(existing)
			if err != nil || arr.kind != kArray {
				return fmt.Errorf("page %s: /Annots is not an array", p.ref)
			}
			for _, r := range add {
				arr.arr = append(arr.arr, refObj(r))
			}
			var b bytes.Buffer
			writeObject(&b, arr)
			u.put(existing.ref, b.Bytes())
			return nil
		}
		if existing.kind != kArray {
			return fmt.Errorf("page %s: /Annots is not an array", p.ref)
		}
		items = append(items, existing.arr...)
	}
	for _, r := range add {
		items = append(items, refObj(r))
	}
	page.set("Annots", arrObj(items...))
	var b bytes.Buffer
	writeObject(&b, page)
	u.put(p.ref, b.Bytes())
	return nil
}

func (u *update) addFields(add []ref) error {
	fl, ok := u.form.get("Fields")
	if ok && fl.kind == kRef {
		arr, err := u.f.resolve(fl)
		if err != nil || arr.kind != kArray {
			return errors.New("the AcroForm's /Fields is not an array")
		}
		for _, r := range add {
			arr.arr = append(arr.arr, refObj(r))
		}
		var b bytes.Buffer
		writeObject(&b, arr)
		u.put(fl.ref, b.Bytes())
		return nil
	}
	form := u.form
	form.dict = cloneDict(form.dict)
	form.keys = append([]string(nil), form.keys...)
	items := append([]object(nil), fl.arr...)
	for _, r := range add {
		items = append(items, refObj(r))
	}
	form.set("Fields", arrObj(items...))
	u.form = form
	return nil
}

// write appends the changed objects, a cross-reference section and a
// trailer to the original bytes, and returns the result and the offset of
// the signature dictionary's body.
func (u *update) write() ([]byte, int) {
	data := u.f.data
	out := make([]byte, 0, len(data)+16<<10)
	out = append(out, data...)
	if n := len(out); n == 0 || (out[n-1] != '\n' && out[n-1] != '\r') {
		out = append(out, '\n')
	}
	nums := make([]int, 0, len(u.changed))
	for n := range u.changed {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	offsets := map[int]int{}
	sigNum := u.f.size // the first new object is the signature dictionary
	sigOff := 0
	for _, n := range nums {
		offsets[n] = len(out)
		out = append(out, strconv.Itoa(n)+" 0 obj\n"...)
		if n == sigNum {
			sigOff = len(out)
		}
		out = append(out, u.changed[n]...)
		out = append(out, "\nendobj\n"...)
	}
	xref := len(out)
	out = append(out, "xref\n"...)
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		out = append(out, fmt.Sprintf("%d %d\n", nums[i], j-i+1)...)
		for k := i; k <= j; k++ {
			out = append(out, fmt.Sprintf("%010d 00000 n\r\n", offsets[nums[k]])...)
		}
		i = j + 1
	}
	tr := newDict()
	tr.set("Size", numObj(u.next))
	tr.set("Root", refObj(u.catalog.ref))
	for _, k := range []string{"Info", "ID"} {
		if v, ok := u.f.trailer.get(k); ok {
			tr.set(k, v)
		}
	}
	tr.set("Prev", rawObj(strconv.FormatInt(u.f.start, 10)))
	var tb bytes.Buffer
	writeObject(&tb, tr)
	out = append(out, "trailer\n"...)
	out = append(out, tb.Bytes()...)
	out = append(out, "\nstartxref\n"+strconv.Itoa(xref)+"\n%%EOF\n"...)
	return out, sigOff
}

// fill writes the byte range, hashes it and puts the CMS into /Contents.
func fill(out []byte, contentsAt, contentsLen int, s *Signer, at time.Time) ([]byte, error) {
	a := contentsAt                   // offset of '<'
	b := contentsAt + contentsLen + 2 // offset after '>'
	br := fmt.Sprintf("[0 %d %d %d]", a, b, len(out)-b)
	i := bytes.LastIndex(out[:a], []byte(byteRangePlaceholder))
	if i < 0 || len(br) > len(byteRangePlaceholder) {
		return nil, errors.New("internal error: no room for the byte range")
	}
	copy(out[i:], br+strings.Repeat(" ", len(byteRangePlaceholder)-len(br)))
	h := sha256.New()
	h.Write(out[:a])
	h.Write(out[b:])
	der, err := s.buildCMS(h.Sum(nil), at)
	if err != nil {
		return nil, err
	}
	if 2*len(der) > contentsLen {
		return nil, fmt.Errorf("internal error: the signature (%d bytes) does not fit the %d reserved", len(der), contentsLen/2)
	}
	hex.Encode(out[a+1:], der)
	return out, nil
}

// pdfDateTime is a PDF date, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDateTime(t time.Time) string {
	t = t.Truncate(time.Second)
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	if off == 0 {
		return "D:" + t.Format("20060102150405") + "Z"
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, off/60%60)
}

// num formats a coordinate.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
