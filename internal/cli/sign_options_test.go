package cli

import (
	"reflect"
	"testing"
)

// TestSignVerifyFlags checks that sign's and verify's flags land in their
// Options without running them.
func TestSignVerifyFlags(t *testing.T) {
	f := testFactory()
	t.Run("sign", func(t *testing.T) {
		var got *SignOptions
		cmd := NewCmdSign(f, func(o *SignOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--key", "k.pem", "--cert", "c.pem", "--reason", "Issued", "--location", "Leeds",
			"--name", "Sam Patel", "--fields", "A,B", "--out", "s.pdf", "form.pdf"); err != nil {
			t.Fatal(err)
		}
		want := SignOptions{IO: f.IO, Factory: f, SignerOptions: SignerOptions{Key: "k.pem", Cert: "c.pem", Reason: "Issued", Location: "Leeds",
			Name: "Sam Patel"}, Fields: "A,B", Out: "s.pdf", Path: "form.pdf"}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("options %+v, want %+v", *got, want)
		}
	})
	t.Run("sign p12 in place", func(t *testing.T) {
		var got *SignOptions
		cmd := NewCmdSign(f, func(o *SignOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--p12", "id.p12", "--password-file", "pw", "--in-place", "form.pdf"); err != nil {
			t.Fatal(err)
		}
		if got.P12 != "id.p12" || got.PasswordFile != "pw" || !got.InPlace || got.Path != "form.pdf" {
			t.Errorf("options %+v", *got)
		}
	})
	t.Run("sign takes one file", func(t *testing.T) {
		cmd := NewCmdSign(f, func(o *SignOptions) error { t.Error("ran"); return nil })
		if _, ok := execute(t, cmd, "a.pdf", "b.pdf").(usageError); !ok {
			t.Error("want a usage error")
		}
	})
	t.Run("sign has no password flag", func(t *testing.T) {
		if NewCmdSign(f, nil).Flags().Lookup("password") != nil {
			t.Error("a password on the command line is visible in ps and the shell history")
		}
	})
	t.Run("verify", func(t *testing.T) {
		var got *VerifyOptions
		cmd := NewCmdVerify(f, func(o *VerifyOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--format", "json", "a.pdf", "b.pdf"); err != nil {
			t.Fatal(err)
		}
		want := VerifyOptions{IO: f.IO, Factory: f, Format: "json", Paths: []string{"a.pdf", "b.pdf"}}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("options %+v, want %+v", *got, want)
		}
	})
	t.Run("verify needs a file", func(t *testing.T) {
		cmd := NewCmdVerify(f, func(o *VerifyOptions) error { t.Error("ran"); return nil })
		if _, ok := execute(t, cmd).(usageError); !ok {
			t.Error("want a usage error")
		}
	})
}
