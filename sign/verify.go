package sign

import (
	"bytes"
	"crypto"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/smallstep/pkcs7"
)

// Report is what Verify found in a PDF.
type Report struct {
	// Signatures in the order they were made (by position in the file).
	Signatures []Signature `json:"signatures"`
	// UnsignedFields are the names of empty signature fields.
	UnsignedFields []string `json:"unsigned_fields"`
	// Revisions is the number of revisions (the original and each
	// incremental update).
	Revisions int `json:"revisions"`
	// Size is the file's length in bytes.
	Size int `json:"size"`
}

// Intact reports whether the PDF has at least one signature and every
// signature is intact.
func (r Report) Intact() bool {
	if len(r.Signatures) == 0 {
		return false
	}
	for _, s := range r.Signatures {
		if !s.Intact() {
			return false
		}
	}
	return true
}

// Signature is one signature of a PDF and what was checked about it.
type Signature struct {
	Field string `json:"field"` // the signature field's name
	// Signer is the subject common name of the signing certificate;
	// SignerDN its whole subject and Issuer the issuer's.
	Signer   string `json:"signer"`
	SignerDN string `json:"signer_dn"`
	Issuer   string `json:"issuer"`
	// Name, Reason and Location are as the signature dictionary states
	// them.
	Name     string `json:"name,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Location string `json:"location,omitempty"`
	// Time is the CMS signing-time, or the dictionary's /M when the CMS
	// has none. It is the time the signer's computer claimed, not a
	// trusted timestamp.
	Time      time.Time `json:"time"`
	SubFilter string    `json:"sub_filter"`
	ByteRange []int64   `json:"byte_range"`
	// Revision is the 1-based revision that added the signature.
	Revision int `json:"revision"`
	// CoversRevision: the byte ranges cover the file from its first byte
	// to the end of the signature's revision, except exactly the
	// signature's own /Contents.
	CoversRevision bool `json:"covers_revision"`
	// CoversWholeFile: the signed ranges end at the end of the file.
	CoversWholeFile bool `json:"covers_whole_file"`
	// LaterRevisions counts the incremental updates after this signature.
	LaterRevisions int `json:"later_revisions"`
	// ChangedAfter is true when something was added after the signature
	// other than further signatures (an unsigned update, or a signed one
	// that changes more than signature fields).
	ChangedAfter bool `json:"changed_after_signing"`
	// Later describes each later update, changes and further signatures.
	Later []string `json:"later"`
	// DigestValid: the SHA-256 (or the CMS's digest algorithm) of the
	// signed ranges equals the CMS message-digest attribute.
	DigestValid bool `json:"digest_valid"`
	// SignatureValid: the CMS signature over the signed attributes
	// verifies with the signing certificate's public key, and the
	// signing time lies within the certificate's validity.
	SignatureValid bool `json:"signature_valid"`
	// Problems says, in words, what is wrong.
	Problems []string `json:"problems"`
}

// Intact reports whether the signature is valid, covers its revision and
// nothing but further signatures came after it.
func (s Signature) Intact() bool {
	return s.DigestValid && s.SignatureValid && s.CoversRevision && !s.ChangedAfter && len(s.Problems) == 0
}

// ErrNotPDF is returned by Verify for input that is not a PDF.
var ErrNotPDF = errors.New("not a PDF (no %PDF- header)")

// Verify checks every signature of pdf. It trusts nothing in the file:
// malformed input gives problems in the report (or ErrNotPDF), never a
// panic. It does not decide whether to trust the signer's certificate;
// that needs the trust store of a PDF reader (see docs/signing.md).
func Verify(pdf []byte) (Report, error) {
	head := pdf[:min(len(pdf), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		return Report{}, ErrNotPDF
	}
	sc := scan(pdf)
	v := &verifier{data: pdf, sc: sc}
	v.index()
	r := Report{Size: len(pdf), Revisions: len(sc.eofs)}
	if n := len(sc.eofs); n == 0 || sc.eofs[n-1] < len(pdf) && len(bytes.TrimSpace(pdf[sc.eofs[n-1]:])) > 0 {
		r.Revisions++ // bytes after the last %%EOF are an unfinished revision
	}
	for _, ind := range v.sigDicts {
		r.Signatures = append(r.Signatures, v.check(ind))
	}
	v.later(r.Signatures)
	r.UnsignedFields = v.unsigned
	return r, nil
}

type verifier struct {
	data      []byte
	sc        scanned
	latest    map[int]int // object number -> index in sc.objects of its newest definition
	sigDicts  []indirect
	fieldOf   map[int]string // signature dictionary number -> field name
	unsigned  []string
	hasObjStm bool
	// special are the document information dictionaries and AcroForm
	// dictionaries, which signing may replace.
	infos, forms map[int]bool
	// sigEnds are the ends of the valid signatures' signed ranges, for
	// deciding whether a later update was signed.
	sigEnds []int
}

func (v *verifier) index() {
	v.latest = map[int]int{}
	v.fieldOf = map[int]string{}
	v.infos, v.forms = map[int]bool{}, map[int]bool{}
	for _, t := range v.sc.trailers {
		if r, ok := t.get("Info"); ok && r.kind == kRef {
			v.infos[r.ref.num] = true
		}
	}
	for i, o := range v.sc.objects {
		v.latest[o.ref.num] = i
		d := o.value
		if d.kind != kDict {
			continue
		}
		switch d.name("Type") {
		case "ObjStm":
			v.hasObjStm = true
		case "XRef":
			if r, ok := d.get("Info"); ok && r.kind == kRef {
				v.infos[r.ref.num] = true
			}
		case "Catalog":
			if r, ok := d.get("AcroForm"); ok && r.kind == kRef {
				v.forms[r.ref.num] = true
			}
		}
		if isSigDict(d) {
			v.sigDicts = append(v.sigDicts, o)
		}
	}
	// Field names, from the newest definition of each signature field.
	for _, i := range v.latest {
		d := v.sc.objects[i].value
		if d.name("FT") != "Sig" {
			continue
		}
		name := fieldName(d)
		if val, ok := d.get("V"); ok && val.kind == kRef {
			v.fieldOf[val.ref.num] = name
		} else if !ok {
			v.unsigned = append(v.unsigned, name)
		}
	}
	sort.Strings(v.unsigned)
}

func fieldName(d object) string {
	if t, ok := d.get("T"); ok && t.kind == kString {
		return textString(t.s)
	}
	return ""
}

func isSigDict(d object) bool {
	br, ok1 := d.get("ByteRange")
	c, ok2 := d.get("Contents")
	if !ok1 || !ok2 || br.kind != kArray || c.kind != kString {
		return false
	}
	t := d.name("Type")
	return t == "" || t == "Sig" || t == "DocTimeStamp"
}

func (v *verifier) problem(s *Signature, format string, args ...any) {
	s.Problems = append(s.Problems, fmt.Sprintf(format, args...))
}

// check verifies one signature dictionary.
func (v *verifier) check(ind indirect) Signature {
	d := ind.value
	s := Signature{Field: v.fieldOf[ind.ref.num], SubFilter: d.name("SubFilter")}
	for k, dst := range map[string]*string{"Name": &s.Name, "Reason": &s.Reason, "Location": &s.Location} {
		if o, ok := d.get(k); ok && o.kind == kString {
			*dst = textString(o.s)
		}
	}
	if m, ok := d.get("M"); ok && m.kind == kString {
		s.Time, _ = parsePDFDate(textString(m.s))
	}
	s.Revision = sort.SearchInts(v.sc.eofs, ind.offset+1) + 1

	// The byte range: [0 a b c], the gap a..b exactly this /Contents.
	br, _ := d.get("ByteRange")
	ok := len(br.arr) == 4
	for _, o := range br.arr {
		n, isInt := o.int()
		s.ByteRange = append(s.ByteRange, n)
		ok = ok && isInt && n >= 0 && n <= int64(len(v.data))
	}
	if !ok {
		v.problem(&s, "the /ByteRange is not four offsets inside the file")
		return s
	}
	a, b, c, e := s.ByteRange[0], s.ByteRange[1], s.ByteRange[2], s.ByteRange[3]
	end := c + e
	if a != 0 || b > c || end > int64(len(v.data)) || end < c {
		v.problem(&s, "the /ByteRange %v does not start at byte 0 or runs past the end of the file", s.ByteRange)
		return s
	}
	contents := d.dict["Contents"]
	if int64(contents.start) != b || int64(contents.end) != c {
		v.problem(&s, "the unsigned gap (bytes %d to %d) is not exactly the signature's /Contents (bytes %d to %d): bytes outside the signature are not covered", b, c, contents.start, contents.end)
	}
	revEnd := v.sc.revisionEnd(ind.offset)
	if revEnd < 0 {
		revEnd = len(v.data)
	}
	s.CoversRevision = end == int64(revEnd) || (end < int64(revEnd) && len(bytes.TrimSpace(v.data[end:revEnd])) == 0 && end >= int64(ind.end))
	if !s.CoversRevision {
		v.problem(&s, "the signed ranges end at byte %d, but the signature's revision ends at byte %d: part of the document it was made in is not signed", end, revEnd)
	}
	s.CoversWholeFile = end == int64(len(v.data))

	// The CMS.
	der := trimDER([]byte(contents.s))
	p7, err := parseCMS(der)
	if err != nil {
		v.problem(&s, "the signature is not a readable CMS SignedData: %v", err)
		return s
	}
	if len(p7.Signers) != 1 {
		v.problem(&s, "the CMS has %d signers, not one", len(p7.Signers))
		return s
	}
	cert := p7.GetOnlySigner()
	if cert == nil {
		v.problem(&s, "the CMS does not contain the signer's certificate")
		return s
	}
	s.Signer, s.SignerDN, s.Issuer = cert.Subject.CommonName, cert.Subject.String(), cert.Issuer.String()
	var st time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &st); err == nil {
		s.Time = st
	}
	signed := make([]byte, 0, b+e)
	signed = append(signed, v.data[:b]...)
	signed = append(signed, v.data[c:end]...)
	hash, err := digestHash(p7)
	if err != nil {
		v.problem(&s, "%v", err)
		return s
	}
	var md []byte
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeMessageDigest, &md); err != nil {
		v.problem(&s, "the CMS has no message-digest attribute")
		return s
	}
	h := hash.New()
	h.Write(signed)
	s.DigestValid = subtle.ConstantTimeCompare(h.Sum(nil), md) == 1
	if !s.DigestValid {
		v.problem(&s, "digest mismatch: the signed bytes have changed since they were signed")
	}
	// The signature over the attributes, checked on its own: the hasher
	// hands back the attribute's digest, so a changed document does not
	// hide whether the signature itself is sound.
	p7.Content = nil
	p7.Hasher = fixedHash(md)
	var stErr *pkcs7.SigningTimeNotValidError
	switch err := p7.Verify(); {
	case err == nil:
		s.SignatureValid = true
	case errors.As(err, &stErr):
		v.problem(&s, "the signing time %s is outside the certificate's validity (%s to %s)",
			stErr.SigningTime.Format(time.RFC3339), stErr.NotBefore.Format(time.RFC3339), stErr.NotAfter.Format(time.RFC3339))
	default:
		v.problem(&s, "the CMS signature does not verify with the signer's certificate: %v", err)
	}
	if s.DigestValid && s.SignatureValid && s.CoversRevision {
		v.sigEnds = append(v.sigEnds, int(end))
	}
	return s
}

type fixedHash []byte

func (f fixedHash) Hash(crypto.Hash, io.Reader) ([]byte, error) { return f, nil }

func digestHash(p7 *pkcs7.PKCS7) (crypto.Hash, error) {
	oid := p7.Signers[0].DigestAlgorithm.Algorithm
	for h, o := range map[crypto.Hash]string{
		crypto.SHA256: "2.16.840.1.101.3.4.2.1", crypto.SHA384: "2.16.840.1.101.3.4.2.2",
		crypto.SHA512: "2.16.840.1.101.3.4.2.3", crypto.SHA1: "1.3.14.3.2.26",
	} {
		if oid.String() == o {
			if h == crypto.SHA1 {
				return 0, errors.New("the signature uses SHA-1, which no longer protects a document")
			}
			return h, nil
		}
	}
	return 0, fmt.Errorf("the CMS uses an unknown digest algorithm %s", oid)
}

// parseCMS parses a CMS, turning a panic in the parser (hostile input)
// into an error.
func parseCMS(der []byte) (p7 *pkcs7.PKCS7, err error) {
	defer func() {
		if r := recover(); r != nil {
			p7, err = nil, fmt.Errorf("malformed CMS (%v)", r)
		}
	}()
	return pkcs7.Parse(der)
}

// trimDER cuts the zero padding after a definite-length DER value.
func trimDER(b []byte) []byte {
	if len(b) < 2 {
		return b
	}
	l := int(b[1])
	hl := 2
	if l&0x80 != 0 {
		n := l & 0x7f
		if n == 0 || n > 4 || len(b) < 2+n {
			return bytes.TrimRight(b, "\x00") // indefinite length (BER)
		}
		l = 0
		for _, c := range b[2 : 2+n] {
			l = l<<8 | int(c)
		}
		hl += n
	}
	if hl+l <= len(b) {
		return b[:hl+l]
	}
	return b
}

// parsePDFDate reads D:YYYYMMDDHHmmSSOHH'mm' (the later parts optional).
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(s, "'", "")
	for _, layout := range []string{"20060102150405Z0700", "20060102150405Z07", "20060102150405", "200601021504", "2006010215", "20060102"} {
		v := s
		if strings.HasSuffix(v, "Z") && strings.Contains(layout, "Z07") {
			v = strings.TrimSuffix(v, "Z") + "Z"
		}
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// later looks at the revisions after each signature: further signatures
// are expected (each party signs in turn); anything else is a change
// after signing.
func (v *verifier) later(sigs []Signature) {
	trailing := false
	if n := len(v.sc.eofs); n == 0 || len(bytes.TrimSpace(v.data[v.sc.eofs[n-1]:])) > 0 {
		trailing = true
	}
	for i := range sigs {
		s := &sigs[i]
		if len(s.ByteRange) != 4 {
			continue
		}
		end := int(s.ByteRange[2] + s.ByteRange[3])
		prev := end
		for _, e := range v.sc.eofs {
			if e <= end {
				continue
			}
			s.LaterRevisions++
			desc, ok := v.revision(prev, e)
			s.Later = append(s.Later, desc)
			if !ok {
				s.ChangedAfter = true
			}
			prev = e
		}
		if trailing && prev < len(v.data) && len(bytes.TrimSpace(v.data[prev:])) > 0 {
			s.LaterRevisions++
			s.ChangedAfter = true
			s.Later = append(s.Later, fmt.Sprintf("%d bytes appended after the last %%%%EOF (an unfinished update)", len(v.data)-prev))
		}
	}
}

// revision judges the update in bytes from..to: it is a further signature
// when a valid signature covers it and every object it adds or replaces
// belongs to signing (a signature, a signature field, the form, the
// catalog's form entries, a page's annotations gaining signature
// widgets, the document metadata).
func (v *verifier) revision(from, to int) (string, bool) {
	signed := false
	for _, e := range v.sigEnds {
		if e >= to {
			signed = true
		}
	}
	var objs []indirect
	for _, o := range v.sc.objects {
		if o.offset >= from && o.offset < to {
			objs = append(objs, o)
		}
	}
	var bad []string
	var signers []string
	for _, o := range objs {
		why := v.allowed(o, from)
		if why != "" {
			bad = append(bad, why)
		}
		if isSigDict(o.value) {
			signers = append(signers, fmt.Sprintf("object %d", o.ref.num))
		}
	}
	span := fmt.Sprintf("bytes %d to %d", from, to)
	switch {
	case !signed:
		msg := fmt.Sprintf("changed after signing: an unsigned update (%s, %d %s)", span, len(objs), map[bool]string{true: "object", false: "objects"}[len(objs) == 1])
		if len(bad) > 0 {
			msg += ": " + strings.Join(first(bad, 3), "; ")
		}
		return msg, false
	case len(bad) > 0:
		return fmt.Sprintf("changed after signing: a signed update (%s) that changes more than signatures: %s", span, strings.Join(first(bad, 3), "; ")), false
	case len(signers) == 0:
		return fmt.Sprintf("changed after signing: a signed update (%s) that adds no signature", span), false
	}
	return fmt.Sprintf("signed again later (%s): a further signature", span), true
}

func first(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("and %d more", len(s)-n))
	}
	return s
}

// allowed returns "" when object o, written in the update starting at
// from, belongs to signing, and otherwise what it changes.
func (v *verifier) allowed(o indirect, from int) string {
	d := o.value
	prev, hadPrev := v.before(o.ref.num, from)
	what := fmt.Sprintf("object %d", o.ref.num)
	if t := d.name("Type"); t != "" {
		what += " (" + t + ")"
	}
	if d.name("Type") == "ObjStm" || v.hasObjStm {
		return what + ": compressed objects, which cannot be checked"
	}
	if !hadPrev {
		return "" // a new object changes nothing unless a replaced one refers to it
	}
	p := prev.value
	switch {
	case isSigDict(p):
		return what + ": replaces a signature"
	case d.name("FT") == "Sig" && p.name("FT") == "Sig":
		if p.has("V") {
			return what + ": replaces a signed signature field"
		}
		return "" // an empty signature field being signed
	case d.name("Type") == "Catalog" && p.name("Type") == "Catalog":
		if af, ok := d.get("AcroForm"); ok && af.kind == kDict && af.has("XFA") {
			return what + ": adds an XFA form, which readers may show instead of the pages"
		}
		return sameExcept(what, p, d, "AcroForm", "Perms", "DSS", "Version", "Extensions", "Metadata")
	case v.forms[o.ref.num] && d.kind == kDict:
		if d.has("XFA") {
			return what + ": adds an XFA form, which readers may show instead of the pages"
		}
		return "" // the AcroForm: its /Fields list and resources
	case v.infos[o.ref.num] && d.kind == kDict && o.streamStart < 0:
		return "" // the document information dictionary (readers update /ModDate)
	case d.name("Type") == "Page" && p.name("Type") == "Page":
		if msg := sameExcept(what, p, d, "Annots"); msg != "" {
			return msg
		}
		return v.onlyAddsWidgets(what, p.dict["Annots"], d.dict["Annots"], from)
	case d.name("Type") == "XRef", d.name("Type") == "Metadata" && d.name("Subtype") == "XML":
		return "" // a cross-reference stream; XMP metadata
	case d.kind == kArray && p.kind == kArray:
		return v.onlyAddsWidgets(what, p, d, from) // an indirect /Annots or /Fields array
	}
	return what + ": replaced"
}

func (o object) has(k string) bool { _, ok := o.get(k); return ok }

// before returns the newest definition of object num before offset from.
func (v *verifier) before(num, from int) (indirect, bool) {
	var out indirect
	found := false
	for _, o := range v.sc.objects {
		if o.offset >= from {
			break
		}
		if o.ref.num == num {
			out, found = o, true
		}
	}
	return out, found
}

// sameExcept reports the keys (other than the allowed ones) whose values
// differ between two dictionaries.
func sameExcept(what string, a, b object, allowed ...string) string {
	skip := map[string]bool{}
	for _, k := range allowed {
		skip[k] = true
	}
	keys := map[string]bool{}
	for _, k := range a.keys {
		keys[k] = true
	}
	for _, k := range b.keys {
		keys[k] = true
	}
	var diff []string
	for k := range keys {
		if skip[k] {
			continue
		}
		var x, y bytes.Buffer
		av, aok := a.dict[k]
		bv, bok := b.dict[k]
		if aok {
			writeObject(&x, av)
		}
		if bok {
			writeObject(&y, bv)
		}
		if aok != bok || !bytes.Equal(x.Bytes(), y.Bytes()) {
			diff = append(diff, "/"+k)
		}
	}
	if len(diff) == 0 {
		return ""
	}
	sort.Strings(diff)
	return what + ": changes " + strings.Join(diff, ", ")
}

// onlyAddsWidgets checks that an annotation (or field) array keeps every
// entry it had and adds only signature widgets.
func (v *verifier) onlyAddsWidgets(what string, old, cur object, from int) string {
	if old.kind == kRef && cur.kind == kRef && old.ref == cur.ref {
		return "" // the same array object, judged where it is redefined
	}
	if old.kind == kRef {
		o, _ := v.before(old.ref.num, from)
		old = o.value
	}
	if cur.kind == kRef {
		i, ok := v.latest[cur.ref.num]
		if !ok {
			return what + ": refers to a missing annotation array"
		}
		cur = v.sc.objects[i].value
	}
	if (old.kind != kArray && old.kind != kNull) || cur.kind != kArray {
		return what + ": annotations that are not an array"
	}
	// The old entries stay, in their order, at the front.
	for i, o := range old.arr {
		if i >= len(cur.arr) || cur.arr[i].kind != o.kind || o.kind == kRef && cur.arr[i].ref != o.ref {
			return what + ": removes or reorders entries"
		}
	}
	for _, o := range cur.arr[len(old.arr):] {
		if o.kind != kRef {
			return what + ": adds a direct entry"
		}
		i, ok := v.latest[o.ref.num]
		if !ok || !isSigWidget(v.sc.objects[i].value, v) {
			return what + fmt.Sprintf(": adds object %d, which is not a signature field", o.ref.num)
		}
	}
	return ""
}

func isSigWidget(d object, v *verifier) bool {
	if d.name("FT") == "Sig" {
		return true
	}
	if p, ok := d.get("Parent"); ok && p.kind == kRef {
		if i, ok := v.latest[p.ref.num]; ok {
			return v.sc.objects[i].value.name("FT") == "Sig"
		}
	}
	return false
}
