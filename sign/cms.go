package sign

// The CMS SignedData (RFC 5652) of a PAdES B-B signature, encoded with
// golang.org/x/crypto/cryptobyte. The pkcs7 libraries on the module proxy
// (smallstep/pkcs7, digitorus/pkcs7 as used by digitorus/pdfsign) stamp
// the signing-time attribute with time.Now() and offer no way to pass a
// time, so a caller's signing time could not be honoured and no signature
// could be reproduced; docs/signing.md has the measurements. Parsing and
// verifying other people's CMS is left to smallstep/pkcs7 (verify.go).

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"sort"
	"time"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var (
	oidData                 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertificateV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256               = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption        = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSAWithSHA256      = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
)

// signedAttributes builds the DER SET OF the signed attributes: content
// type, message digest, signing time and ESS signing-certificate-v2 (the
// PAdES B-B set; see docs/signing.md on signing-time). A DER SET OF is
// sorted by the encodings of its elements.
func signedAttributes(digest []byte, at time.Time, leaf *x509.Certificate) ([]byte, error) {
	attr := func(oid asn1.ObjectIdentifier, value func(b *cryptobyte.Builder)) ([]byte, error) {
		var b cryptobyte.Builder
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1ObjectIdentifier(oid)
			b.AddASN1(cbasn1.SET, value)
		})
		return b.Bytes()
	}
	certHash := sha256.Sum256(leaf.Raw)
	parts := make([][]byte, 0, 4)
	for _, a := range []struct {
		oid asn1.ObjectIdentifier
		v   func(b *cryptobyte.Builder)
	}{
		{oidContentType, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidData) }},
		{oidMessageDigest, func(b *cryptobyte.Builder) { b.AddASN1OctetString(digest) }},
		{oidSigningTime, func(b *cryptobyte.Builder) {
			// RFC 5652 §11.3: UTCTime from 1950 to 2049, GeneralizedTime otherwise.
			t := at.UTC().Truncate(time.Second)
			if t.Year() >= 1950 && t.Year() < 2050 {
				b.AddASN1UTCTime(t)
			} else {
				b.AddASN1GeneralizedTime(t)
			}
		}},
		{oidSigningCertificateV2, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SigningCertificateV2
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // certs
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ESSCertIDv2
						// hashAlgorithm is omitted: SHA-256 is its default.
						b.AddASN1OctetString(certHash[:])
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerSerial
							b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // GeneralNames
								b.AddASN1(cbasn1.Tag(4).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
									b.AddBytes(leaf.RawIssuer) // directoryName
								})
							})
							b.AddASN1BigInt(leaf.SerialNumber)
						})
					})
				})
			})
		}},
	} {
		enc, err := attr(a.oid, a.v)
		if err != nil {
			return nil, err
		}
		parts = append(parts, enc)
	}
	return derSet(parts)
}

// derSet encodes elements as a DER SET OF (sorted by encoding).
func derSet(parts [][]byte) ([]byte, error) {
	sort.Slice(parts, func(i, j int) bool { return bytes.Compare(parts[i], parts[j]) < 0 })
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
		for _, p := range parts {
			b.AddBytes(p)
		}
	})
	return b.Bytes()
}

// signatureAlgorithm is the SignerInfo signatureAlgorithm for the key, with
// SHA-256 (RFC 3370 §3.2: rsaEncryption for PKCS #1 v1.5; RFC 5753 for
// ECDSA).
func signatureAlgorithm(pub crypto.PublicKey) (asn1.ObjectIdentifier, bool, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return oidRSAEncryption, true, nil
	case *ecdsa.PublicKey:
		return oidECDSAWithSHA256, false, nil
	}
	return nil, false, fmt.Errorf("a %T key cannot sign here: use RSA (2048 bits or more) or ECDSA", pub)
}

// buildCMS returns the DER of a detached CMS SignedData over digest (the
// SHA-256 of the signed byte ranges).
func (s *Signer) buildCMS(digest []byte, at time.Time) ([]byte, error) {
	leaf := s.chain[0]
	attrs, err := signedAttributes(digest, at, leaf)
	if err != nil {
		return nil, err
	}
	h := sha256.Sum256(attrs)
	sig, err := s.key.Sign(rand.Reader, h[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("signing with the private key: %w", err)
	}
	certs := make([][]byte, len(s.chain))
	for i, c := range s.chain {
		certs[i] = c.Raw
	}
	sort.Slice(certs, func(i, j int) bool { return bytes.Compare(certs[i], certs[j]) < 0 })

	var b cryptobyte.Builder
	digestAlg := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier(oidSHA256) })
	}
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // ContentInfo
		b.AddASN1ObjectIdentifier(oidSignedData)
		b.AddASN1(cbasn1.Tag(0).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // SignedData
				b.AddASN1Int64(1)
				b.AddASN1(cbasn1.SET, digestAlg)
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // EncapsulatedContentInfo, detached
					b.AddASN1ObjectIdentifier(oidData)
				})
				b.AddASN1(cbasn1.Tag(0).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) {
					for _, c := range certs {
						b.AddBytes(c)
					}
				})
				b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) { // SignerInfos
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddASN1Int64(1)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // IssuerAndSerialNumber
							b.AddBytes(leaf.RawIssuer)
							b.AddASN1BigInt(leaf.SerialNumber)
						})
						digestAlg(b)
						// signedAttrs [0] IMPLICIT: the SET's content under another tag.
						var set cryptobyte.String = attrs
						var content cryptobyte.String
						if !set.ReadASN1(&content, cbasn1.SET) {
							b.SetError(fmt.Errorf("internal error: signed attributes are not a SET"))
							return
						}
						b.AddASN1(cbasn1.Tag(0).ContextSpecific().Constructed(), func(b *cryptobyte.Builder) { b.AddBytes(content) })
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1ObjectIdentifier(s.sigAlg)
							if s.sigAlgNull {
								b.AddASN1NULL()
							}
						})
						b.AddASN1OctetString(sig)
					})
				})
			})
		})
	})
	return b.Bytes()
}

// maxCMSSize bounds the DER size of the SignedData for this signer, for
// the /Contents placeholder: the certificates, the signature and about
// 600 bytes of structure and attributes, with room to spare.
func (s *Signer) maxCMSSize() int {
	n := 2048
	for _, c := range s.chain {
		n += len(c.Raw) + 8
	}
	n += len(s.chain[0].RawIssuer) * 2 // sid and ESS issuerSerial
	switch k := s.key.Public().(type) {
	case *rsa.PublicKey:
		n += k.Size()
	case *ecdsa.PublicKey:
		n += 2*((k.Curve.Params().BitSize+7)/8) + 16
	}
	return n
}
