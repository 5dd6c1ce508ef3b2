package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Signer is a private key and its certificate chain (the signing
// certificate first). It is immutable once made, so one Signer can sign
// any number of documents, from any number of goroutines.
type Signer struct {
	key        crypto.Signer
	chain      []*x509.Certificate
	sigAlg     asn1.ObjectIdentifier
	sigAlgNull bool // rsaEncryption carries NULL parameters
}

// NewSigner checks that key belongs to the first certificate of chain and
// can sign a PDF: RSA of at least 2048 bits or ECDSA, and a certificate
// whose key usage, if it states one, allows digital signatures. The rest of
// chain are the issuing certificates, embedded so that a verifier can
// build the path to a root it trusts.
func NewSigner(key crypto.Signer, chain []*x509.Certificate) (*Signer, error) {
	if key == nil {
		return nil, errors.New("no private key")
	}
	if len(chain) == 0 || chain[0] == nil {
		return nil, errors.New("no certificate: give the signing certificate (and the certificates that issued it)")
	}
	leaf := chain[0]
	if !publicKeysEqual(key.Public(), leaf.PublicKey) {
		return nil, fmt.Errorf("the private key does not belong to the certificate %q: check that the key and certificate files are a pair", leaf.Subject.CommonName)
	}
	alg, null, err := signatureAlgorithm(key.Public())
	if err != nil {
		return nil, err
	}
	if k, ok := key.Public().(*rsa.PublicKey); ok && k.N.BitLen() < 2048 {
		return nil, fmt.Errorf("the RSA key has %d bits; PDF signatures need at least 2048", k.N.BitLen())
	}
	if leaf.KeyUsage != 0 && leaf.KeyUsage&(x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment) == 0 {
		return nil, fmt.Errorf("the certificate %q does not allow digital signatures (key usage)", leaf.Subject.CommonName)
	}
	for i := 1; i < len(chain); i++ {
		if chain[i] == nil {
			return nil, errors.New("a nil certificate in the chain")
		}
	}
	return &Signer{key: key, chain: append([]*x509.Certificate(nil), chain...), sigAlg: alg, sigAlgNull: null}, nil
}

// Certificate is the signing certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.chain[0] }

func publicKeysEqual(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}

// LoadPEM makes a Signer from a PEM private key (PKCS #8, PKCS #1 or SEC 1;
// not encrypted: keep the file readable only by its owner, or use PKCS #12)
// and a PEM file of certificates, the signing certificate first or in any
// order (the one matching the key is put first).
func LoadPEM(keyPEM, certPEM []byte) (*Signer, error) {
	key, err := parsePEMKey(keyPEM)
	if err != nil {
		return nil, err
	}
	var certs []*x509.Certificate
	rest := certPEM
	for {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("certificate %d: %w", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, errors.New("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)")
	}
	return NewSigner(key, leafFirst(key, certs))
}

func parsePEMKey(b []byte) (crypto.Signer, error) {
	for {
		var blk *pem.Block
		blk, b = pem.Decode(b)
		if blk == nil {
			return nil, errors.New("no PEM private key found (expected -----BEGIN PRIVATE KEY-----)")
		}
		if x509.IsEncryptedPEMBlock(blk) || blk.Type == "ENCRYPTED PRIVATE KEY" { //nolint:staticcheck // only to say what to do
			return nil, errors.New("the private key is encrypted: decrypt it (openssl pkey -in KEY -out PLAIN) or use a PKCS #12 file with --p12")
		}
		var k any
		var err error
		switch blk.Type {
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(blk.Bytes)
		case "RSA PRIVATE KEY":
			k, err = x509.ParsePKCS1PrivateKey(blk.Bytes)
		case "EC PRIVATE KEY":
			k, err = x509.ParseECPrivateKey(blk.Bytes)
		default:
			continue // e.g. EC PARAMETERS before the key
		}
		if err != nil {
			return nil, fmt.Errorf("private key: %w", err)
		}
		s, ok := k.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("a %T cannot sign", k)
		}
		switch s.(type) {
		case *rsa.PrivateKey, *ecdsa.PrivateKey:
			return s, nil
		}
		return nil, fmt.Errorf("a %T key cannot sign here: use RSA (2048 bits or more) or ECDSA", k)
	}
}

// leafFirst orders certs with the one whose public key is key's first.
func leafFirst(key crypto.Signer, certs []*x509.Certificate) []*x509.Certificate {
	for i, c := range certs {
		if publicKeysEqual(key.Public(), c.PublicKey) {
			out := append([]*x509.Certificate{c}, certs[:i]...)
			return append(out, certs[i+1:]...)
		}
	}
	return certs
}

// LoadPKCS12 makes a Signer from a PKCS #12 (.p12, .pfx) file, as exported
// by certificate providers, browsers and OpenSSL 3 (AES and PBKDF2) or
// older tools (3DES, RC2).
func LoadPKCS12(data []byte, password string) (*Signer, error) {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, errors.New("PKCS #12: wrong password")
		}
		return nil, fmt.Errorf("PKCS #12: %w", err)
	}
	s, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("PKCS #12: a %T cannot sign", key)
	}
	return NewSigner(s, append([]*x509.Certificate{leaf}, cas...))
}

// trimPassword removes one trailing end-of-line from a password file.
func trimPassword(b []byte) string {
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	return string(b)
}

// PasswordFromFile is the password in a password file: its first line,
// without the end-of-line.
func PasswordFromFile(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i+1]
	}
	return trimPassword(b)
}
