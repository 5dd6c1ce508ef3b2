package sign

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"testing"
)

// fuzzSigner is an ECDSA signer: quick to make in every fuzzing worker,
// where an RSA key takes seconds under coverage instrumentation.
func fuzzSigner(f *testing.F) *Signer {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fuzz"},
		NotBefore: testSigningTime.AddDate(-1, 0, 0), NotAfter: testSigningTime.AddDate(1, 0, 0)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		f.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		f.Fatal(err)
	}
	s, err := NewSigner(key, []*x509.Certificate{cert})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// FuzzVerify feeds hostile bytes to everything that reads a PDF here: the
// verifier (scan, byte ranges, CMS), the cross-reference reader and the
// draft check. None may panic; whatever Verify reports about a signature
// must be consistent.
func FuzzVerify(f *testing.F) {
	s := fuzzSigner(f)
	form := outcomeForm(f)
	signed := mustSign(f, form, s, Options{Reason: "fuzz", Fields: []Field{{Name: "A"}}})
	f.Add(signed)
	f.Add(form)
	f.Add(signed[len(form)-200:])
	f.Add([]byte("%PDF-1.7\n1 0 obj<</ByteRange[0 1 2 3]/Contents<3080>>>endobj\n%%EOF\n"))
	f.Add([]byte("%PDF-1.3\nxref\n0 1\n0000000000 65535 f \ntrailer<</Size 1/Prev 9>>startxref\n9\n%%EOF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Verify(b)
		if err == nil {
			for _, sig := range r.Signatures {
				if sig.Intact() && (!sig.DigestValid || !sig.CoversRevision) {
					t.Fatalf("intact but %+v", sig)
				}
			}
		}
		IsDraft(b)
		if xf, err := readXref(b); err == nil {
			if root, ok := xf.trailer.get("Root"); ok {
				if cat, err := xf.resolve(root); err == nil {
					_, _ = xf.pages(cat)
				}
			}
		}
	})
}

// FuzzSign signs hostile PDFs: an error or a result that starts with the
// input, never a panic.
func FuzzSign(f *testing.F) {
	s := fuzzSigner(f)
	form := outcomeForm(f)
	f.Add(form)
	f.Add(mustSign(f, form, s, Options{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := Sign(b, s, Options{Time: testSigningTime})
		if err == nil && (len(out) < len(b) || string(out[:len(b)]) != string(b)) {
			t.Fatal("the signed output does not start with the input")
		}
	})
}
