package sign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/render"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

func TestSignVerify(t *testing.T) {
	in := outcomeForm(t)
	p := sharedPKI(t)
	out := mustSign(t, in, p.signer(t), Options{Reason: "Outcome form issued", Location: "Hackney, London", Name: "Tomás Herrera"})

	if !bytes.HasPrefix(out, in) {
		t.Fatal("the signed PDF does not start with the original bytes: not an incremental update")
	}
	r := mustVerify(t, out)
	if !r.Intact() || len(r.Signatures) != 1 {
		t.Fatalf("Verify: intact=%v, %+v", r.Intact(), r.Signatures)
	}
	s := r.Signatures[0]
	want := Signature{Field: "Signature", Signer: "Tomás Herrera", Name: "Tomás Herrera", Reason: "Outcome form issued",
		Location: "Hackney, London", SubFilter: "ETSI.CAdES.detached", Revision: 2}
	if s.Field != want.Field || s.Signer != want.Signer || s.Name != want.Name || s.Reason != want.Reason ||
		s.Location != want.Location || s.SubFilter != want.SubFilter || s.Revision != want.Revision {
		t.Errorf("signature = %+v\nwant fields of %+v", s, want)
	}
	if !s.Time.Equal(testSigningTime) {
		t.Errorf("signing time %v, want %v", s.Time, testSigningTime)
	}
	if !s.CoversWholeFile || !s.CoversRevision || s.LaterRevisions != 0 || s.ChangedAfter {
		t.Errorf("coverage: %+v", s)
	}
	if r.Revisions != 2 {
		t.Errorf("%d revisions, want 2", r.Revisions)
	}

	// An independent verifier: poppler.
	got := pdfsig(t, out)
	for _, w := range []string{"Signature is Valid", "Total document signed", "Signer Certificate Common Name: Tomás Herrera",
		"Signing Time: Nov 03 2026 14:30:00", "Signing Hash Algorithm: SHA-256", "Signature Type: ETSI.CAdES.detached"} {
		if !strings.Contains(got, w) {
			t.Errorf("pdfsig does not say %q:\n%s", w, got)
		}
	}
	qpdfCheck(t, out)
}

// TestPAdESAttributes reads the CMS back with OpenSSL (a third verifier):
// the signature verifies against the test CA, and the signed attributes
// are the PAdES B-B set.
func TestPAdESAttributes(t *testing.T) {
	p := sharedPKI(t)
	out := mustSign(t, outcomeForm(t), p.signer(t), Options{Reason: "r"})
	r := mustVerify(t, out)
	br := r.Signatures[0].ByteRange
	der, err := hexContents(out, br)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	cms := write("sig.der", der)
	content := write("content", append(append([]byte(nil), out[:br[1]]...), out[br[2]:br[2]+br[3]]...))
	ca := write("ca.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.ca.Raw}))
	if o, ok := pdftest.Run(t, "openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cms, "-content", content,
		"-CAfile", ca, "-purpose", "any", "-attime", strconv.FormatInt(testSigningTime.Unix(), 10), "-out", os.DevNull); !ok {
		t.Errorf("openssl cms -verify fails:\n%s", o)
	}
	printed, ok := pdftest.Run(t, "openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", cms)
	if !ok {
		t.Fatalf("openssl cms -print:\n%s", printed)
	}
	for _, w := range []string{"contentType (1.2.840.113549.1.9.3)", "messageDigest (1.2.840.113549.1.9.4)",
		"signingTime (1.2.840.113549.1.9.5)", "id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)",
		"algorithm: sha256 (2.16.840.1.101.3.4.2.1)", "UTCTIME:Nov  3 14:30:00 2026 GMT", "CN=sendgen test CA"} {
		if !strings.Contains(printed, w) {
			t.Errorf("the CMS lacks %q", w)
		}
	}
	// The ESS certificate hash is the SHA-256 of the signing certificate.
	if !strings.Contains(strings.ToUpper(printed), fmt.Sprintf("%X", sha256Hash(p.leaf.Raw))) {
		t.Error("signingCertificateV2 does not hold the signing certificate's SHA-256")
	}
}

func hexContents(pdf []byte, br []int64) ([]byte, error) {
	h := pdf[br[1]+1 : br[2]-1]
	der := make([]byte, len(h)/2)
	for i := range der {
		v, err := strconv.ParseUint(string(h[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil, err
		}
		der[i] = byte(v)
	}
	return trimDER(der), nil
}

// TestTamper flips single bytes inside the signed ranges: at the start, in
// the middle of the rendered page content, in the signature dictionary
// before and after /Contents, in the cross-reference table and at the last
// byte. Both verifiers must fail every time.
func TestTamper(t *testing.T) {
	in := outcomeForm(t)
	out := mustSign(t, in, sharedPKI(t).signer(t), Options{Reason: "Outcome form issued"})
	br := mustVerify(t, out).Signatures[0].ByteRange
	reason := bytes.Index(out[len(in):], []byte("Outcome form issued")) + len(in)
	xref := bytes.LastIndex(out, []byte("\nxref\n")) + 8
	for name, pos := range map[string]int{
		"first byte":          0,
		"page content":        len(in) / 3,
		"end of the original": len(in) - 3,
		"/M before Contents":  int(br[1]) - 30,
		"reason after":        reason,
		"xref table":          xref,
		"last byte":           len(out) - 2,
	} {
		t.Run(name, func(t *testing.T) {
			if pos < int(br[2]) && pos >= int(br[1]) {
				t.Fatalf("position %d is inside the unsigned gap", pos)
			}
			bad := append([]byte(nil), out...)
			bad[pos] ^= 0x01
			r, err := Verify(bad)
			if err == nil && r.Intact() {
				t.Errorf("Verify says intact after byte %d changed", pos)
			}
			if err == nil && len(r.Signatures) == 1 && r.Signatures[0].DigestValid {
				t.Errorf("digest still valid after byte %d changed", pos)
			}
			if got := pdfsig(t, bad); pdfsigValid(got) {
				t.Errorf("pdfsig still says valid after byte %d changed:\n%s", pos, got)
			}
		})
	}
}

// TestChangedAfterSigning appends an incremental update after the
// signature (a page turned through 90 degrees, as a PDF editor would
// save it): the signature is still valid for its revision but the
// document changed after signing.
func TestChangedAfterSigning(t *testing.T) {
	signed := mustSign(t, outcomeForm(t), sharedPKI(t).signer(t), Options{})
	changed := appendUpdate(t, signed, func(f *xrefFile, u *update) {
		p := u.pages[0].value
		p.dict = cloneDict(p.dict)
		p.set("Rotate", numObj(90))
		var b bytes.Buffer
		writeObject(&b, p)
		u.put(u.pages[0].ref, b.Bytes())
	})
	r := mustVerify(t, changed)
	s := r.Signatures[0]
	if r.Intact() || s.Intact() || !s.ChangedAfter || s.LaterRevisions != 1 || s.CoversWholeFile {
		t.Fatalf("after an update: %+v", s)
	}
	if !s.DigestValid || !s.SignatureValid || !s.CoversRevision {
		t.Errorf("the signature itself should still verify: %+v", s)
	}
	if len(s.Later) != 1 || !strings.Contains(s.Later[0], "changed after signing") || !strings.Contains(s.Later[0], "changes /Rotate") {
		t.Errorf("later = %q", s.Later)
	}
	if got := pdfsig(t, changed); strings.Contains(got, "Total document signed") {
		t.Errorf("pdfsig says the whole document is signed:\n%s", got)
	}
	qpdfCheck(t, changed)

	// Bytes appended without forming an update are a change too.
	junk := append(append([]byte(nil), signed...), "1 0 obj (x) endobj\n"...)
	if s := mustVerify(t, junk).Signatures[0]; !s.ChangedAfter || s.Intact() {
		t.Errorf("appended bytes: %+v", s)
	}
}

// appendUpdate writes a further incremental update with edit's changes.
func appendUpdate(t testing.TB, pdf []byte, edit func(f *xrefFile, u *update)) []byte {
	t.Helper()
	f, err := readXref(pdf)
	if err != nil {
		t.Fatal(err)
	}
	u, err := newUpdate(f)
	if err != nil {
		t.Fatal(err)
	}
	edit(f, u)
	out, _ := u.write()
	return out
}

// TestSecondSignature: a further signature (another party signing after
// the mediator) is not a change after signing, and both verify.
func TestSecondSignature(t *testing.T) {
	first := mustSign(t, outcomeForm(t), sharedPKI(t).signer(t), Options{Reason: "Issued", Fields: []Field{{Name: "Aisha Rahman"}}})
	other := newTestPKI(t, "Aisha Rahman")
	second := mustSign(t, first, other.signer(t), Options{Reason: "Agreed", Time: testSigningTime.Add(time.Hour)})
	r := mustVerify(t, second)
	if len(r.Signatures) != 2 || !r.Intact() {
		t.Fatalf("two signatures: intact=%v %+v", r.Intact(), r.Signatures)
	}
	if s := r.Signatures[0]; s.LaterRevisions != 1 || s.ChangedAfter || !strings.Contains(s.Later[0], "signed again later") {
		t.Errorf("first signature: %+v", s)
	}
	if r.Signatures[1].Signer != "Aisha Rahman" || !r.Signatures[1].CoversWholeFile {
		t.Errorf("second signature: %+v", r.Signatures[1])
	}
	got := pdfsig(t, second)
	if strings.Count(got, "Signature is Valid") != 2 {
		t.Errorf("pdfsig:\n%s", got)
	}
	qpdfCheck(t, second)
}

// TestShortByteRange signs a range that stops short of the end of its
// revision (the trailer is left out): the digest is right, but part of
// the document is not signed.
func TestShortByteRange(t *testing.T) {
	in := outcomeForm(t)
	s := sharedPKI(t).signer(t)
	f, err := readXref(in)
	if err != nil {
		t.Fatal(err)
	}
	u, err := newUpdate(f)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := u.sign(s, Options{}, testSigningTime)
	if err != nil {
		t.Fatal(err)
	}
	// Re-sign the same bytes over a range that ends 40 bytes early.
	br := mustVerify(t, signed).Signatures[0].ByteRange
	short := append([]byte(nil), signed...)
	a, b := int(br[1]), int(br[2])
	rng := fmt.Sprintf("[0 %d %d %d]", a, b, len(short)-b-40)
	i := bytes.Index(short[len(in):], []byte("/ByteRange [")) + len(in) + len("/ByteRange ")
	copy(short[i:], rng+strings.Repeat(" ", len(byteRangePlaceholder)-len(rng)))
	h := sha256Hash(short[:a], short[b:len(short)-40])
	der, err := s.buildCMS(h, testSigningTime)
	if err != nil {
		t.Fatal(err)
	}
	copy(short[a+1:], bytes.Repeat([]byte("0"), b-a-2))
	copy(short[a+1:], fmt.Sprintf("%X", der))
	sig := mustVerify(t, short).Signatures[0]
	if !sig.DigestValid || !sig.SignatureValid {
		t.Fatalf("the short signature should be cryptographically valid: %+v", sig)
	}
	if sig.CoversRevision || sig.Intact() || sig.CoversWholeFile {
		t.Errorf("a range short of its revision is accepted: %+v", sig)
	}
	if got := pdfsig(t, short); strings.Contains(got, "Total document signed") {
		t.Errorf("pdfsig:\n%s", got)
	}
}

func TestDeterministic(t *testing.T) {
	s := sharedPKI(t).signer(t)
	a := mustSign(t, outcomeForm(t), s, Options{Reason: "x"})
	b := mustSign(t, outcomeForm(t), s, Options{Reason: "x"})
	if !bytes.Equal(a, b) {
		t.Error("two signings with the same key, time and options differ (RSA PKCS #1 v1.5 is deterministic)")
	}
	// The clock is only read when no time is given.
	calls := 0
	c := mustSign(t, outcomeForm(t), s, Options{Reason: "x", Clock: func() time.Time { calls++; return testSigningTime }})
	if calls != 1 || !bytes.Equal(a, c) {
		t.Errorf("Clock called %d times; same output: %v", calls, bytes.Equal(a, c))
	}
	if _, err := Sign(outcomeForm(t), s, Options{}); err == nil || !strings.Contains(err.Error(), "no signing time") {
		t.Errorf("no time and no clock: %v", err)
	}
}

func TestDraftRefused(t *testing.T) {
	if draftKeyword != render.DraftKeyword {
		t.Fatalf("sign looks for %q, render writes %q", draftKeyword, render.DraftKeyword)
	}
	draft, err := renderCase("full.md", render.OutcomeForm, true)
	if err != nil {
		t.Fatal(err)
	}
	if !IsDraft(draft) {
		t.Error("IsDraft(draft) = false")
	}
	if IsDraft(outcomeForm(t)) {
		t.Error("IsDraft(final) = true")
	}
	if _, err := Sign(draft, sharedPKI(t).signer(t), Options{Time: testSigningTime}); !errors.Is(err, ErrDraft) {
		t.Errorf("signing a draft: %v", err)
	}
}

// TestEmptyFields adds an empty signature field per party; poppler lists
// them as unsigned, and Verify reports them.
func TestEmptyFields(t *testing.T) {
	out := mustSign(t, outcomeForm(t), sharedPKI(t).signer(t), Options{Fields: []Field{
		{Name: "Aisha Rahman"}, {Name: "Colin Baptiste", Page: 1, Rect: [4]float64{56, 100, 270, 130}}, {Name: "Signature"},
	}})
	r := mustVerify(t, out)
	if want := []string{"Aisha Rahman", "Colin Baptiste", "Signature 2"}; fmt.Sprint(r.UnsignedFields) != fmt.Sprint(want) {
		t.Errorf("unsigned fields %q, want %q", r.UnsignedFields, want)
	}
	if !r.Intact() {
		t.Errorf("not intact: %+v", r.Signatures)
	}
	got := pdfsig(t, out)
	if n := strings.Count(got, "The signature form field is not signed."); n != 3 {
		t.Errorf("pdfsig lists %d unsigned fields, want 3:\n%s", n, got)
	}
	for _, w := range []string{"Signature Field Name: Aisha Rahman", "Signature Field Name: Colin Baptiste", "Signature is Valid", "Total document signed"} {
		if !strings.Contains(got, w) {
			t.Errorf("pdfsig lacks %q:\n%s", w, got)
		}
	}
	qpdfCheck(t, out)
	if _, err := Sign(outcomeForm(t), sharedPKI(t).signer(t), Options{Time: testSigningTime, Fields: []Field{{Name: "X", Page: 9}}}); err == nil {
		t.Error("a field on page 9 of a 2-page form was accepted")
	}
}

func TestConcurrentSigning(t *testing.T) {
	s := sharedPKI(t).signer(t)
	in := outcomeForm(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := Sign(in, s, Options{Reason: strconv.Itoa(i), Time: testSigningTime})
			if err == nil {
				var r Report
				if r, err = Verify(out); err == nil && !r.Intact() {
					err = fmt.Errorf("not intact: %+v", r.Signatures)
				}
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
	}
}

func TestECDSA(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "EC mediator"},
		NotBefore: testSigningTime.AddDate(0, -1, 0), NotAfter: testSigningTime.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	s, err := NewSigner(key, []*x509.Certificate{cert})
	if err != nil {
		t.Fatal(err)
	}
	out := mustSign(t, outcomeForm(t), s, Options{})
	if r := mustVerify(t, out); !r.Intact() || r.Signatures[0].Signer != "EC mediator" {
		t.Errorf("%+v", r.Signatures)
	}
	if got := pdfsig(t, out); !pdfsigValid(got) {
		t.Errorf("pdfsig:\n%s", got)
	}
}

func TestLoadKeys(t *testing.T) {
	p := sharedPKI(t)
	key, certs := p.pem(t)
	s, err := LoadPEM(key, certs)
	if err != nil {
		t.Fatal(err)
	}
	if s.Certificate().Subject.CommonName != "Tomás Herrera" || len(s.chain) != 2 {
		t.Errorf("leaf %q, chain of %d", s.Certificate().Subject.CommonName, len(s.chain))
	}
	other := newTestPKI(t, "Someone else")
	otherKey, _ := other.pem(t)
	for name, tc := range map[string]struct {
		key, certs []byte
		want       string
	}{
		"key of another certificate": {otherKey, certs, "does not belong to the certificate"},
		"no key":                     {[]byte("hello"), certs, "no PEM private key"},
		"no certificate":             {key, key, "no PEM certificate"},
		"encrypted key":              {pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{1}}), certs, "encrypted"},
	} {
		if _, err := LoadPEM(tc.key, tc.certs); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", name, err, tc.want)
		}
	}

	// PKCS #12 as OpenSSL 3 writes it (AES, PBKDF2) and the legacy form.
	for name, enc := range map[string]*pkcs12.Encoder{"modern": pkcs12.Modern, "legacy": pkcs12.LegacyRC2} {
		p12, err := enc.Encode(p.leafKey, p.leaf, []*x509.Certificate{p.ca}, "pässword")
		if err != nil {
			t.Fatal(err)
		}
		s, err := LoadPKCS12(p12, "pässword")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(s.chain) != 2 || !s.Certificate().Equal(p.leaf) {
			t.Errorf("%s: chain %d", name, len(s.chain))
		}
		if _, err := LoadPKCS12(p12, "wrong"); err == nil || !strings.Contains(err.Error(), "wrong password") {
			t.Errorf("%s, wrong password: %v", name, err)
		}
	}
	if got := PasswordFromFile([]byte("s3cret \r\nsecond line\n")); got != "s3cret " {
		t.Errorf("PasswordFromFile = %q", got)
	}
}

func TestVerifyNotSigned(t *testing.T) {
	r := mustVerify(t, outcomeForm(t))
	if r.Intact() || len(r.Signatures) != 0 || r.Revisions != 1 {
		t.Errorf("unsigned form: %+v", r)
	}
	if _, err := Verify([]byte("GIF89a")); !errors.Is(err, ErrNotPDF) {
		t.Errorf("Verify(GIF) = %v", err)
	}
}

func TestRefusals(t *testing.T) {
	s := sharedPKI(t).signer(t)
	for name, pdf := range map[string][]byte{
		"empty":     nil,
		"not a PDF": []byte("hello"),
		"truncated": outcomeForm(t)[:1000],
	} {
		if _, err := Sign(pdf, s, Options{Time: testSigningTime}); err == nil {
			t.Errorf("%s: signed", name)
		}
	}
}

func sha256Hash(parts ...[]byte) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return h.Sum(nil)
}
