package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/sign"
)

// SignerOptions are the key and the signature's texts, shared by `sendgen
// sign` and `sendgen build --sign`.
type SignerOptions struct {
	Key, Cert    string // PEM private key and certificate chain
	P12          string // PKCS #12 file instead of Key and Cert
	PasswordFile string // the PKCS #12 password's file; else the terminal
	Reason       string
	Location     string
	Name         string // the signer's name as shown; default the certificate's
	// ReadPassword reads the PKCS #12 password from the terminal; nil
	// uses standard input when it is one.
	ReadPassword func(prompt string) (string, error)
}

func (o *SignerOptions) addFlags(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&o.Key, "key", "", "PEM private key file")
	fl.StringVar(&o.Cert, "cert", "", "PEM certificate file: the signing certificate and the certificates that issued it")
	fl.StringVar(&o.P12, "p12", "", "PKCS #12 (.p12, .pfx) file holding the key and certificates, instead of --key and --cert")
	fl.StringVar(&o.PasswordFile, "password-file", "", "file whose first line is the PKCS #12 password (default: ask at the terminal)")
	fl.StringVar(&o.Reason, "reason", "", "reason shown with the signature, e.g. \"Outcome form issued\"")
	fl.StringVar(&o.Location, "location", "", "place of signing shown with the signature")
	fl.StringVar(&o.Name, "name", "", "signer's name shown with the signature (default: the certificate's name)")
}

// check says what is wrong with the key flags, as a usage error.
func (o *SignerOptions) check(command string) error {
	switch {
	case o.P12 != "" && (o.Key != "" || o.Cert != ""):
		return usageError{errors.New("give --p12, or --key and --cert, not both")}
	case o.P12 == "" && (o.Key == "" || o.Cert == ""):
		return usageError{fmt.Errorf("%s needs --key and --cert (PEM), or --p12", command)}
	case o.PasswordFile != "" && o.P12 == "":
		return usageError{errors.New("--password-file is for --p12")}
	}
	return nil
}

// signOptions are the signature's texts, the signing time from the clock.
func (o *SignerOptions) signOptions(s *sign.Signer, f *Factory) sign.Options {
	opts := sign.Options{Reason: o.Reason, Location: o.Location, Name: o.Name, Clock: f.Now}
	if opts.Name == "" {
		opts.Name = s.Certificate().Subject.CommonName
	}
	return opts
}

// SignOptions are the flags of `sendgen sign`.
type SignOptions struct {
	IO      *IO
	Factory *Factory
	SignerOptions
	Fields  string // empty signature fields to add, comma-separated names
	Out     string
	InPlace bool
	Path    string
}

// NewCmdSign is `sendgen sign`. runF replaces runSign in tests.
func NewCmdSign(f *Factory, runF func(*SignOptions) error) *cobra.Command {
	o := &SignOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "sign --key KEY --cert CERT (--out NEW.pdf | --in-place) FILE.pdf",
		Short: "Sign a rendered document (PAdES B-B) so that any later change shows",
		Long: `Sign a PDF that sendgen rendered (a final, not a draft) with a PAdES B-B
signature: a detached CMS signature over SHA-256 with the signing time and
the ESS signing-certificate-v2 attribute, appended as an incremental update
so that the original bytes are untouched.

The key is a PEM private key (--key) with its PEM certificate chain (--cert),
or a PKCS #12 file (--p12) whose password is read from --password-file or
typed at the terminal; never give a password on the command line.

--fields "Name One,Name Two" adds an empty signature field per party, so that
each can sign in their own PDF reader (the field appears in the reader's
signature panel).

The result is written through a temporary file in the same folder and a
rename, keeping the original file's permissions: to --out, or over the input
with --in-place. Exit status: 0 signed, 1 refused (a draft), 2 usage, key or
file errors. See docs/signing.md.`,
		Example: `  # Sign a final position statement with a PEM key and its certificate
  sendgen sign --key me.key --cert me.crt --out signed.pdf out/ZS-2026-001-position-statement.pdf

  # With a PKCS #12 file, the password read from a file, replacing the PDF
  sendgen sign --p12 me.p12 --password-file pw.txt --in-place out/ZS-2026-001-outcome-form.pdf`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("sign needs exactly one PDF file")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Path = args[0]
			if runF != nil {
				return runF(o)
			}
			return runSign(o)
		},
	}
	o.SignerOptions.addFlags(cmd)
	fl := cmd.Flags()
	fl.StringVar(&o.Fields, "fields", "", "comma-separated names: add an empty signature field for each")
	fl.StringVarP(&o.Out, "out", "o", "", "write the signed PDF to this file")
	fl.BoolVar(&o.InPlace, "in-place", false, "replace FILE.pdf with the signed PDF")
	return cmd
}

func runSign(o *SignOptions) error {
	switch {
	case o.InPlace && o.Out != "":
		return usageError{errors.New("give --out or --in-place, not both")}
	case !o.InPlace && o.Out == "":
		return usageError{errors.New("say where to write the signed PDF: --out NEW.pdf, or --in-place to replace the file")}
	}
	if err := o.SignerOptions.check("sign"); err != nil {
		return err
	}
	signer, err := o.SignerOptions.load(o.IO)
	if err != nil {
		return err
	}
	st, err := os.Stat(o.Path)
	if err != nil {
		return fmt.Errorf("%s: %w", o.Path, unwrapPathError(err))
	}
	pdf, err := fsutil.ReadLimited(o.Path, maxPDF)
	if err != nil {
		return fmt.Errorf("%s: %w", o.Path, err)
	}
	opts := o.SignerOptions.signOptions(signer, o.Factory)
	if o.Fields != "" {
		for _, n := range strings.Split(o.Fields, ",") {
			if n = strings.TrimSpace(n); n != "" {
				opts.Fields = append(opts.Fields, sign.Field{Name: n})
			}
		}
	}
	out, err := sign.Sign(pdf, signer, opts)
	if errors.Is(err, sign.ErrDraft) {
		fmt.Fprintf(o.IO.Err, "sendgen: %s: %v\n", o.Path, err)
		return exitError{ExitFindings}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", o.Path, err)
	}
	dest := o.Out
	if o.InPlace {
		dest = o.Path
	}
	// The signed copy keeps the permissions of the document it came from.
	if err := fsutil.WriteFileMode(dest, out, st.Mode().Perm()); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "signed %s as %s: wrote %s\n", o.Path, signer.Certificate().Subject.CommonName, dest)
	return nil
}

func (o *SignerOptions) load(ios *IO) (*sign.Signer, error) {
	if o.P12 != "" {
		data, err := readSmall(o.P12, "--p12")
		if err != nil {
			return nil, err
		}
		pw, err := o.p12Password(ios)
		if err != nil {
			return nil, err
		}
		s, err := sign.LoadPKCS12(data, pw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", o.P12, err)
		}
		return s, nil
	}
	key, err := readSmall(o.Key, "--key")
	if err != nil {
		return nil, err
	}
	cert, err := readSmall(o.Cert, "--cert")
	if err != nil {
		return nil, err
	}
	s, err := sign.LoadPEM(key, cert)
	if err != nil {
		return nil, fmt.Errorf("%s, %s: %w", o.Key, o.Cert, err)
	}
	return s, nil
}

// readSmall reads a key, certificate or password file, refusing one far
// larger than any such file (a wrong path).
func readSmall(path, flag string) ([]byte, error) {
	b, err := fsutil.ReadLimited(path, 1<<20)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, path, err)
	}
	return b, nil
}

func (o *SignerOptions) p12Password(ios *IO) (string, error) {
	if o.PasswordFile != "" {
		b, err := readSmall(o.PasswordFile, "--password-file")
		if err != nil {
			return "", err
		}
		return sign.PasswordFromFile(b), nil
	}
	read := o.ReadPassword
	if read == nil {
		read = terminalPassword(ios)
	}
	pw, err := read("Password for " + filepath.Base(o.P12) + ": ")
	if err != nil {
		return "", err
	}
	return pw, nil
}

// terminalPassword reads a password from standard input without echo,
// when standard input is a terminal.
func terminalPassword(ios *IO) func(string) (string, error) {
	return func(prompt string) (string, error) {
		f, ok := ios.In.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return "", usageError{errors.New("--p12 needs a password: give --password-file FILE, or run at a terminal to type it")}
		}
		fmt.Fprint(ios.Err, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(ios.Err)
		if err != nil {
			return "", fmt.Errorf("reading the password: %w", err)
		}
		return string(b), nil
	}
}

// maxPDF bounds the PDFs sign and verify read: far above any document
// sendgen makes, low enough that a wrong path (a disk image) is refused.
const maxPDF = 256 << 20

// VerifyOptions are the flags of `sendgen verify`.
type VerifyOptions struct {
	IO      *IO
	Factory *Factory
	Format  string // text or json
	Paths   []string
}

// NewCmdVerify is `sendgen verify`. runF replaces runVerify in tests.
func NewCmdVerify(f *Factory, runF func(*VerifyOptions) error) *cobra.Command {
	o := &VerifyOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "verify [flags] FILE.pdf...",
		Short: "Check the signatures of PDFs: who signed, when, and whether anything changed since",
		Long: `Check every signature of each PDF: the signer (the certificate's name), the
signing time, reason and location; whether the signed byte ranges cover the
document up to the end of the signature's revision; whether the file was
changed after signing (an update other than a further signature); and
whether the digest and the CMS signature are valid.

It does not decide whether to trust the signer's certificate: a PDF reader
does that with its trust store (see docs/signing.md).

Exit status: 0 every signature of every file is intact, 1 a signature is
broken, a file changed after signing or has no signature, 2 usage or file
errors.`,
		Example: `  # Who signed each document, and whether anything changed since
  sendgen verify out/*.pdf`,
		Args: requirePaths("verify", "at least one PDF file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if runF != nil {
				return runF(o)
			}
			return runVerify(o)
		},
	}
	cmd.Flags().StringVarP(&o.Format, "format", "f", "text", "output format: text, json")
	return cmd
}

type verifiedFile struct {
	Path   string      `json:"path"`
	Intact bool        `json:"intact"`
	Report sign.Report `json:"report"`
}

func runVerify(o *VerifyOptions) error {
	if o.Format != "text" && o.Format != "json" {
		return usageError{fmt.Errorf("--format must be text or json, not %q", o.Format)}
	}
	var files []verifiedFile
	var errs []error
	bad := false
	for _, p := range o.Paths {
		pdf, err := fsutil.ReadLimited(p, maxPDF)
		if err == nil {
			var r sign.Report
			if r, err = sign.Verify(pdf); err == nil {
				files = append(files, verifiedFile{Path: p, Intact: r.Intact(), Report: r})
				bad = bad || !r.Intact()
				continue
			}
		}
		errs = append(errs, fmt.Errorf("%s: %w", p, err))
	}
	if o.Format == "json" {
		if files == nil {
			files = []verifiedFile{}
		}
		enc := json.NewEncoder(o.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(files); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	} else {
		for _, f := range files {
			writeVerifyText(o.IO.Out, f)
		}
	}
	printErrors(o.IO, errs)
	switch {
	case len(errs) > 0:
		return exitError{ExitError}
	case bad:
		return exitError{ExitFindings}
	}
	return nil
}

func writeVerifyText(w io.Writer, f verifiedFile) {
	r := f.Report
	verdict := "intact"
	switch {
	case len(r.Signatures) == 0:
		verdict = "NOT SIGNED"
	case !f.Intact:
		verdict = "NOT INTACT"
	}
	fmt.Fprintf(w, "%s: %s (%d %s, %d %s)\n", f.Path, verdict, len(r.Signatures), plural(len(r.Signatures), "signature", "signatures"),
		r.Revisions, plural(r.Revisions, "revision", "revisions"))
	for i, s := range r.Signatures {
		state := "intact"
		switch {
		case !s.DigestValid || !s.SignatureValid || !s.CoversRevision || len(s.Problems) > 0:
			state = "BROKEN"
		case s.ChangedAfter:
			state = "CHANGED AFTER SIGNING"
		}
		field := ""
		if s.Field != "" {
			field = fmt.Sprintf(" (field %q)", s.Field)
		}
		fmt.Fprintf(w, "  signature %d%s: %s\n", i+1, field, state)
		signer := s.Signer
		if signer == "" {
			signer = "unknown"
		}
		fmt.Fprintf(w, "    signer:   %s", signer)
		if s.Issuer != "" {
			fmt.Fprintf(w, " (issued by %s)", s.Issuer)
		}
		fmt.Fprintln(w)
		if !s.Time.IsZero() {
			fmt.Fprintf(w, "    time:     %s (the signer's clock)\n", s.Time.UTC().Format("2006-01-02 15:04:05 UTC"))
		}
		if s.Reason != "" {
			fmt.Fprintf(w, "    reason:   %s\n", s.Reason)
		}
		if s.Location != "" {
			fmt.Fprintf(w, "    location: %s\n", s.Location)
		}
		cover := "covers the whole file"
		switch {
		case !s.CoversRevision:
			cover = "does NOT cover its revision"
		case !s.CoversWholeFile:
			cover = fmt.Sprintf("covers revision %d of %d", s.Revision, r.Revisions)
		}
		fmt.Fprintf(w, "    covers:   %s (byte range %v)\n", cover, s.ByteRange)
		fmt.Fprintf(w, "    digest:   %s; CMS signature: %s\n", validWord(s.DigestValid), validWord(s.SignatureValid))
		for _, l := range s.Later {
			fmt.Fprintf(w, "    after:    %s\n", l)
		}
		for _, p := range s.Problems {
			fmt.Fprintf(w, "    problem:  %s\n", p)
		}
	}
	if len(r.UnsignedFields) > 0 {
		fmt.Fprintf(w, "  unsigned fields: %s\n", strings.Join(r.UnsignedFields, ", "))
	}
}

func validWord(ok bool) string {
	if ok {
		return "valid"
	}
	return "INVALID"
}
