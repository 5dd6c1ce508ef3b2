package sign

import "testing"

// BenchmarkSign signs one rendered outcome form (RSA-2048, a two-
// certificate chain): the cost `build --sign` adds per document.
func BenchmarkSign(b *testing.B) {
	s := sharedPKI(b).signer(b)
	form := outcomeForm(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(form)))
	for b.Loop() {
		if _, err := Sign(form, s, Options{Time: testSigningTime, Reason: "Outcome form issued"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify verifies one signed outcome form.
func BenchmarkVerify(b *testing.B) {
	s := sharedPKI(b).signer(b)
	signed := mustSign(b, outcomeForm(b), s, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if r, err := Verify(signed); err != nil || !r.Intact() {
			b.Fatal(err)
		}
	}
}
