package cli_test

// Acceptance tests in the gh / Hugo model: testdata/script/*.txtar are
// testscript files, each with its case files inline, that run the real
// sendgen command (this test binary re-executed as "sendgen").
//
// Extra script commands:
//
//	status N                   the exit status of the last sendgen run was N
//	writefile NAME "go-quoted" write bytes a txtar cannot hold (NUL, CR, BOM, invalid UTF-8)
//	jsondiag [-count=N] FILE   FILE (usually stdout) is the JSON diagnostics array
//	                           of shared/spec/case-file.md, every object with every key
//	errorsonly RULE FILE       FILE (JSON diagnostics) has errors, all of rule RULE
//	fill FILE                  replace the placeholders `sendgen new` writes with
//	                           facts (fillValues), as a writer would
//	shows LINE                 the last command printed LINE (stdout or stderr)
//	edit FILE DIFF             apply a diff block of docs/walkthrough.md to FILE
//
// and the signing commands of sign_script_test.go (gencert, pdfsig,
// flipbyte, appendrev).
//
// Run one script: go test ./internal/cli -run TestScripts/lint_vague

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/cli"
	"github.com/sendgen/sendgen/send"
)

// exitFileEnv names a file the "sendgen" command writes its exit status to,
// so that scripts can tell exit 1 (findings) from exit 2 (errors): testscript
// itself only knows zero from non-zero.
const exitFileEnv = "SENDGEN_TEST_EXIT_FILE"

func TestMain(m *testing.M) {
	// testscript.RunMain(m, map[string]func() int{...}) is deprecated in
	// go-internal v1.16.0 and is exactly this wrapper around Main.
	commands := map[string]func() int{
		"sendgen": func() int { return cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) },
	}
	wrapped := map[string]func(){}
	for name, run := range commands {
		wrapped[name] = func() {
			code := run()
			if f := os.Getenv(exitFileEnv); f != "" {
				_ = os.WriteFile(f, []byte(strconv.Itoa(code)), 0o644)
			}
			os.Exit(code)
		}
	}
	testscript.Main(m, wrapped)
}

func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams(filepath.Join("testdata", "script")))
}

func scriptParams(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			// Outside $WORK so that linting "." never sees it.
			e.Setenv(exitFileEnv, filepath.Join(filepath.Dir(e.WorkDir), filepath.Base(e.WorkDir)+".exit"))
			// A developer's environment must not leak into the scripts.
			e.Setenv("NO_COLOR", "")
			e.Setenv("TERM", "xterm-256color")
			e.Setenv("GITHUB_ACTIONS", "")
			e.Setenv("GITHUB_STEP_SUMMARY", "")
			e.Setenv("CI", "")
			// The date of a run without --today, as `make run` pins it.
			e.Setenv("SOURCE_DATE_EPOCH", "1793491200")
			return nil
		},
		Cmds:      scriptCmds(),
		Condition: scriptCondition,
	}
}

func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"status":     cmdStatus,
		"writefile":  cmdWritefile,
		"jsondiag":   cmdJSONDiag,
		"errorsonly": cmdErrorsOnly,
		"fill":       cmdFill,
		"shows":      cmdShows,
		"edit":       cmdEdit,
	}
	for name, c := range signCmds {
		cmds[name] = c
	}
	return cmds
}

func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: status N")
	}
	b, err := os.ReadFile(ts.Getenv(exitFileEnv))
	if err != nil {
		ts.Fatalf("no exit status recorded: %v", err)
	}
	if got := strings.TrimSpace(string(b)); got != args[0] {
		ts.Fatalf("exit status %s, want %s", got, args[0])
	}
}

func cmdWritefile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf(`usage: writefile NAME "go-quoted content"`)
	}
	s, err := strconv.Unquote(`"` + args[1] + `"`)
	if err != nil {
		ts.Fatalf("writefile: %v", err)
	}
	p := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(os.WriteFile(p, []byte(s), 0o644))
}

var specKeys = []string{"path", "line", "column", "end_line", "end_column", "rule", "severity", "message"}

func cmdJSONDiag(ts *testscript.TestScript, neg bool, args []string) {
	want := -1
	if len(args) > 0 && strings.HasPrefix(args[0], "-count=") {
		n, err := strconv.Atoi(strings.TrimPrefix(args[0], "-count="))
		ts.Check(err)
		want, args = n, args[1:]
	}
	if neg || len(args) != 1 {
		ts.Fatalf("usage: jsondiag [-count=N] FILE")
	}
	var ds []map[string]any
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &ds); err != nil {
		ts.Fatalf("%s is not a JSON array of objects: %v", args[0], err)
	}
	if ds == nil {
		ts.Fatalf("%s is null, want an array", args[0])
	}
	for i, d := range ds {
		for _, k := range specKeys {
			v, ok := d[k]
			if !ok {
				ts.Fatalf("diagnostic %d has no %q", i, k)
			}
			switch v.(type) {
			case string, float64:
			default:
				ts.Fatalf("diagnostic %d: %q is %T", i, k, v)
			}
		}
		if n, _ := d["line"].(float64); n < 1 {
			ts.Fatalf("diagnostic %d: line %v", i, d["line"])
		}
		if n, _ := d["column"].(float64); n < 1 {
			ts.Fatalf("diagnostic %d: column %v", i, d["column"])
		}
	}
	if want >= 0 && len(ds) != want {
		ts.Fatalf("%d diagnostics, want %d", len(ds), want)
	}
	ts.Logf("%s", fmt.Sprintf("%d diagnostics", len(ds)))
}

func cmdErrorsOnly(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: errorsonly RULE FILE")
	}
	var ds []struct{ Rule, Severity, Message string }
	if err := json.Unmarshal([]byte(ts.ReadFile(args[1])), &ds); err != nil {
		ts.Fatalf("%s is not JSON diagnostics: %v", args[1], err)
	}
	n := 0
	for _, d := range ds {
		if d.Severity != "error" {
			continue
		}
		if d.Rule != args[0] {
			ts.Fatalf("an error of rule %s, want only %s: %s", d.Rule, args[0], d.Message)
		}
		n++
	}
	if n == 0 {
		ts.Fatalf("no %s errors", args[0])
	}
	ts.Logf("%d %s errors", n, args[0])
}

// fillValues are what a writer puts in place of each placeholder `sendgen
// new` writes (the text between the brackets). A placeholder not listed is
// left as it is, so the lint after "fill" reports it: a new placeholder
// needs a value here.
var fillValues = map[string]string{
	"your reference for this case, such as ZS-2026-001": "ZS-2026-001",
	"child's full name": "Sam Carter",
	"your full name":    "Alex Carter",
	"the local authority, as named on the decision letter":                            "Leeds City Council",
	"date on the decision letter, YYYY-MM-DD":                                         "2026-09-14",
	"the plan sections in dispute, such as B, F":                                      "B, F",
	"the mediation service":                                                           "Global Mediation",
	"date the family contacted the mediation adviser, YYYY-MM-DD":                     "2026-09-30",
	"date you contacted the mediation adviser, YYYY-MM-DD":                            "2026-09-30",
	"date the adviser told the local authority about the wish to mediate, YYYY-MM-DD": "2026-10-01",
	"the mediator's full name":                                                        "Sam Patel",
	"the local authority officer's full name":                                         "Jo Smith",
	"their role, such as SEN Team Manager":                                            "SEN Team Manager",
	"What has happened, and why the decision is wrong.":                               "Sam is ten and in Year 6. The local authority's letter of 14 September 2026 left out the speech and language therapy that every report recommends.",
	"the provision: what, how often, for how long and who delivers it":                "45 minutes of 1:1 speech and language therapy each week, delivered by an HCPC-registered Speech and Language Therapist.",
	"a report or letter relied on, with its date":                                     "Speech and language therapy report, 2 September 2026.",
	"an issue discussed at the mediation":                                             "The amount of speech and language therapy in Section F.",
	"what will be done":                                                               "Send the amended plan to the family.",
	"who will do it, with their role":                                                 "Jo Smith, SEN Team Manager",
	"by when, YYYY-MM-DD":                                                             "2026-11-03",
	"an issue not agreed at the mediation":                                            "The school named in Section I.",
	"what happens next":                                                               "The family will keep the appeal deadline in view.",
	"the date the statement is sent, YYYY-MM-DD":                                      "2026-10-20",
}

func cmdFill(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fill FILE")
	}
	s := ts.ReadFile(args[0])
	var b strings.Builder
	n := 0
	for {
		i, j := casefile.FindPlaceholder(s, 0)
		if i < 0 {
			break
		}
		v, ok := fillValues[s[i+2:j-2]]
		if !ok {
			v = s[i:j]
		} else {
			n++
		}
		b.WriteString(s[:i])
		b.WriteString(v)
		s = s[j:]
	}
	b.WriteString(s)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(b.String()), 0o644))
	ts.Logf("filled %d placeholders", n)
}

// TestNewEveryKind runs a testscript, written here so that it covers every
// decision type of send.DecisionTypes (a type added there is covered
// without editing a script), for both roles, with and without the
// mediation: 'sendgen new' writes a file that parses and lints to
// placeholder errors only, and that builds to final documents once the
// placeholders are filled.
func TestNewEveryKind(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Generated by TestNewEveryKind (cli_test.go) for every decision type and role.\n\n")
	for _, d := range send.DecisionTypes {
		for _, role := range send.AppellantRoles {
			for _, med := range []bool{false, true} {
				name, flag := d.Key+"-"+role, ""
				if med {
					name, flag = name+"-mediation", " --mediation"
				}
				fmt.Fprintf(&b, `# %[1]s
exec sendgen new --type %[2]s --role %[3]s%[4]s --today 2026-10-27 %[1]s.md
stdout '^wrote %[1]s.md$'
! exec sendgen lint --format json --today 2026-10-27 %[1]s.md
status 1
errorsonly placeholder stdout
! exec sendgen build --today 2026-10-27 --out out %[1]s.md
status 1
stdout 'error placeholder: .*fill in the placeholder'
! exists out/%[1]s-position-statement.pdf
fill %[1]s.md
exec sendgen lint --format json --today 2026-10-27 %[1]s.md
! stdout '"severity": "error"'
exec sendgen build --today 2026-10-27 --out out %[1]s.md
stdout '^wrote out[/\\]%[1]s-position-statement.pdf$'
`, name, d.Key, role, flag)
				if med {
					fmt.Fprintf(&b, "stdout '^wrote out[/\\\\]%[1]s-outcome-form.pdf$'\nexists out/%[1]s-outcome-form.pdf\n", name)
				}
				b.WriteString("\n")
			}
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "new_every_kind.txtar"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, scriptParams(dir))
}
