package sign

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/pdftest"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/render"
)

// testPKI is a throwaway CA and signing certificate made in the test: no
// private key is ever written to the repository.
type testPKI struct {
	caKey   *ecdsa.PrivateKey
	ca      *x509.Certificate
	leafKey *rsa.PrivateKey
	leaf    *x509.Certificate
}

var (
	pkiOnce sync.Once
	pkiVal  *testPKI
)

// testValidFrom is inside the certificates' validity, and the signing time
// of the tests.
var testSigningTime = time.Date(2026, 11, 3, 14, 30, 0, 0, time.UTC)

func newTestPKI(t testing.TB, cn string) *testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	caT := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sendgen test CA", Organization: []string{"sendgen tests"}},
		NotBefore: from, NotAfter: from.AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caT, caT, caKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	lt := &x509.Certificate{
		SerialNumber: big.NewInt(4242), Subject: pkix.Name{CommonName: cn, Organization: []string{"Hackney Independent Mediation"}},
		NotBefore: from, NotAfter: from.AddDate(2, 0, 0),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, lt, ca, leafKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(leafDER)
	if err != nil {
		t.Fatal(err)
	}
	return &testPKI{caKey: caKey, ca: ca, leafKey: leafKey, leaf: leaf}
}

// sharedPKI is made once per test binary (RSA key generation is slow).
func sharedPKI(t testing.TB) *testPKI {
	t.Helper()
	pkiOnce.Do(func() { pkiVal = newTestPKI(t, "Tomás Herrera") })
	return pkiVal
}

func (p *testPKI) signer(t testing.TB) *Signer {
	t.Helper()
	s, err := NewSigner(p.leafKey, []*x509.Certificate{p.leaf, p.ca})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (p *testPKI) pem(t testing.TB) (key, certs []byte) {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(p.leafKey)
	if err != nil {
		t.Fatal(err)
	}
	key = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	// The CA first, to check that the leaf is found whatever the order.
	certs = append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.ca.Raw}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.leaf.Raw})...)
	return key, certs
}

var (
	formOnce sync.Once
	formPDF  []byte
	formErr  error
)

// outcomeForm is a real outcome form, rendered by the render package from
// its test case.
func outcomeForm(t testing.TB) []byte {
	t.Helper()
	formOnce.Do(func() { formPDF, formErr = renderCase("full.md", render.OutcomeForm, false) })
	if formErr != nil {
		t.Fatal(formErr)
	}
	return formPDF
}

func renderCase(name string, d render.Document, draft bool) ([]byte, error) {
	src, err := os.ReadFile(filepath.Join("..", "render", "testdata", name))
	if err != nil {
		return nil, err
	}
	c, err := casefile.Parse(name, src)
	if err != nil {
		return nil, err
	}
	// The timetable as the build pipeline computes it, so the form states
	// its dates as a real one does.
	eng, err := lint.New(lint.DefaultConfig(), nil)
	if err != nil {
		return nil, err
	}
	res, err := eng.Check(context.Background(), c, lint.Options{Today: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return nil, err
	}
	r, err := render.New(render.Options{})
	if err != nil {
		return nil, err
	}
	return r.Render(c, d, render.Input{Dates: res.Dates, Draft: draft})
}

// pdfsig returns poppler's verdict on a PDF's signatures.
func pdfsig(t testing.TB, pdf []byte) string {
	t.Helper()
	out, _ := pdftest.Run(t, "pdfsig", pdftest.WriteTemp(t, pdf))
	return out
}

// pdfsigValid reports whether pdfsig says every signature is valid and the
// whole document signed (for the last signature).
func pdfsigValid(out string) bool {
	return strings.Contains(out, "Signature is Valid") && !strings.Contains(out, "Digest Mismatch") &&
		strings.Contains(out, "Total document signed")
}

func qpdfCheck(t testing.TB, pdf []byte) {
	t.Helper()
	if out, ok := pdftest.Run(t, "qpdf", "--check", pdftest.WriteTemp(t, pdf)); !ok || !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check fails:\n%s", out)
	}
}

func mustSign(t testing.TB, pdf []byte, s *Signer, o Options) []byte {
	t.Helper()
	if o.Time.IsZero() && o.Clock == nil {
		o.Time = testSigningTime
	}
	out, err := Sign(pdf, s, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustVerify(t testing.TB, pdf []byte) Report {
	t.Helper()
	r, err := Verify(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
