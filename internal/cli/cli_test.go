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

	"github.com/sendgen/sendgen/internal/cli"
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
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
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
	})
}

func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"status":    cmdStatus,
		"writefile": cmdWritefile,
		"jsondiag":  cmdJSONDiag,
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
