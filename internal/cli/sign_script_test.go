package cli_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Script commands for signing. Keys are made in the test, never stored in
// the repository.
//
//	gencert DIR           a throwaway CA and signing certificate: DIR/key.pem,
//	                      DIR/cert.pem (leaf and CA), DIR/other-key.pem (a key
//	                      that does not match), DIR/id.p12 and DIR/p12pass
//	pdfsig FILE           poppler's pdfsig says every signature is valid and the
//	                      whole document signed (! pdfsig: it does not say so);
//	                      guard it with the condition [pdfsig]
//
// The condition [pdfsig] is true when pdfsig is installed; under CI=true a
// missing pdfsig fails the script instead of skipping it.
//
//	flipbyte FILE N       flip one bit of byte N (negative: from the end)
//	appendrev FILE        append an incremental update that replaces object 1
var signCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"gencert":   cmdGencert,
	"pdfsig":    cmdPdfsig,
	"flipbyte":  cmdFlipbyte,
	"appendrev": cmdAppendrev,
}

func cmdGencert(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: gencert DIR")
	}
	dir := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(dir, 0o755))
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ts.Check(err)
	from := time.Now().Add(-time.Hour)
	caT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "sendgen script CA"},
		NotBefore: from, NotAfter: from.AddDate(1, 0, 0), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caT, caT, caKey.Public(), caKey)
	ts.Check(err)
	ca, err := x509.ParseCertificate(caDER)
	ts.Check(err)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	ts.Check(err)
	lt := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "Tomás Herrera"},
		NotBefore: from, NotAfter: from.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, err := x509.CreateCertificate(rand.Reader, lt, ca, key.Public(), caKey)
	ts.Check(err)
	leaf, err := x509.ParseCertificate(leafDER)
	ts.Check(err)
	pk, err := x509.MarshalPKCS8PrivateKey(key)
	ts.Check(err)
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ts.Check(err)
	ok, err := x509.MarshalPKCS8PrivateKey(other)
	ts.Check(err)
	write := func(name string, b []byte, mode os.FileMode) {
		ts.Check(os.WriteFile(filepath.Join(dir, name), b, mode))
	}
	write("key.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), 0o600)
	write("other-key.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ok}), 0o600)
	write("cert.pem", append(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: leafDER}),
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})...), 0o644)
	p12, err := pkcs12.Modern.Encode(key, leaf, []*x509.Certificate{ca}, "correct horse")
	ts.Check(err)
	write("id.p12", p12, 0o600)
	write("p12pass", []byte("correct horse\n"), 0o600)
}

func cmdPdfsig(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: pdfsig FILE")
	}
	bin, err := exec.LookPath("pdfsig")
	ts.Check(err)
	var out bytes.Buffer
	cmd := exec.Command(bin, ts.MkAbs(args[0]))
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run()
	s := out.String()
	valid := strings.Contains(s, "Signature is Valid") && !strings.Contains(s, "Digest Mismatch") && strings.Contains(s, "Total document signed")
	ts.Logf("pdfsig:\n%s", s)
	if valid == neg {
		ts.Fatalf("pdfsig valid=%v, want %v", valid, !neg)
	}
}

func cmdFlipbyte(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: flipbyte FILE N")
	}
	p := ts.MkAbs(args[0])
	b, err := os.ReadFile(p)
	ts.Check(err)
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	if n < 0 {
		n += len(b)
	}
	if n < 0 || n >= len(b) {
		ts.Fatalf("byte %d is outside the %d-byte file", n, len(b))
	}
	b[n] ^= 0x01
	ts.Check(os.WriteFile(p, b, 0o644))
}

func scriptCondition(cond string) (bool, error) {
	if cond != "pdfsig" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if _, err := exec.LookPath("pdfsig"); err != nil {
		if os.Getenv("CI") == "true" {
			return false, fmt.Errorf("pdfsig is required under CI=true (Debian: apt-get install poppler-utils)")
		}
		return false, nil
	}
	return true, nil
}

var (
	reSize = regexp.MustCompile(`/Size (\d+)`)
	reRoot = regexp.MustCompile(`/Root (\d+ \d+ R)`)
	reXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

func cmdAppendrev(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: appendrev FILE")
	}
	p := ts.MkAbs(args[0])
	b, err := os.ReadFile(p)
	ts.Check(err)
	tail := b[max(0, len(b)-2048):]
	sizes, roots, prev := reSize.FindAllSubmatch(tail, -1), reRoot.FindAllSubmatch(tail, -1), reXref.FindSubmatch(tail)
	if len(sizes) == 0 || len(roots) == 0 || prev == nil {
		ts.Fatalf("appendrev: no trailer found")
	}
	off := len(b)
	upd := "1 0 obj\n<</Type /Pages /Kids [] /Count 0>>\nendobj\n"
	xref := off + len(upd)
	upd += fmt.Sprintf("xref\n1 1\n%010d 00000 n\r\ntrailer\n<</Size %s /Root %s /Prev %s>>\nstartxref\n%d\n%%%%EOF\n",
		off, sizes[len(sizes)-1][1], roots[len(roots)-1][1], prev[1], xref)
	ts.Check(os.WriteFile(p, append(b, upd...), 0o644))
}

// writeTestP12 writes a throwaway PKCS #12 identity protected by password.
func writeTestP12(t interface {
	Helper()
	Fatal(...any)
}, path, password string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Now().Add(-time.Hour)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "Terminal Signer"},
		NotBefore: from, NotAfter: from.AddDate(1, 0, 0), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	p12, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, p12, 0o600); err != nil {
		t.Fatal(err)
	}
}
