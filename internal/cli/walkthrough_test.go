package cli_test

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite generated test files (testdata/script/walkthrough.txtar)")

const (
	walkthroughDoc    = "../../docs/walkthrough.md"
	walkthroughScript = "testdata/script/walkthrough.txtar"
)

// TestWalkthroughScript: testdata/script/walkthrough.txtar, which
// TestScripts runs, is what docs/walkthrough.md says, so the tests run the
// walk-through exactly as a newcomer reads it. After editing the page:
// go test ./internal/cli -run TestWalkthroughScript -update
func TestWalkthroughScript(t *testing.T) {
	doc, err := os.ReadFile(walkthroughDoc)
	if err != nil {
		t.Fatal(err)
	}
	script, err := walkthroughToScript(string(doc))
	if err != nil {
		t.Fatalf("%s: %v", walkthroughDoc, err)
	}
	if *update {
		if err := os.WriteFile(walkthroughScript, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(walkthroughScript)
	if err != nil || string(got) != script {
		t.Fatalf("%s is not what %s says (run go test ./internal/cli -run TestWalkthroughScript -update)", walkthroughScript, walkthroughDoc)
	}
}

var directive = regexp.MustCompile(`^<!-- (exit|file|edit):? (\S+) -->$`)

// walkthroughToScript turns the page into a testscript:
//
//   - a ```console block is run: each "$ sendgen ..." line is a command, and
//     each line after it (until the next "$") must be in its output, as
//     written (the page may show only some of the output);
//   - <!-- exit N --> before a console block: its commands exit with N;
//   - <!-- file: NAME --> before a block: the block is what NAME now holds
//     (the reader edits the file to read so);
//   - <!-- edit: NAME --> before a ```diff block: its "-" lines in NAME are
//     replaced by its "+" lines;
//   - any other block (```sh, for installing) is not run.
func walkthroughToScript(doc string) (string, error) {
	var script, archive strings.Builder
	script.WriteString("# Generated from docs/walkthrough.md by TestWalkthroughScript; do not edit.\n" +
		"# Regenerate: go test ./internal/cli -run TestWalkthroughScript -update\n\n")
	sc := bufio.NewScanner(strings.NewReader(doc))
	var (
		pending  [2]string // the directive before the next block
		inBlock  bool
		lang     string
		block    []string
		files    = map[string]int{}
		lineNo   int
		startsAt int
	)
	flush := func() error {
		kind, arg := pending[0], pending[1]
		pending = [2]string{}
		switch {
		case kind == "file":
			files[arg]++
			name := fmt.Sprintf("walkthrough/%d-%s", files[arg], arg)
			fmt.Fprintf(&script, "# docs/walkthrough.md:%d: %s now reads as the page shows\ncp %s %s\n\n", startsAt, arg, name, arg)
			fmt.Fprintf(&archive, "-- %s --\n%s\n", name, strings.Join(block, "\n"))
		case kind == "edit":
			if lang != "diff" {
				return fmt.Errorf("line %d: an edit is a ```diff block", startsAt)
			}
			files[arg]++
			name := fmt.Sprintf("walkthrough/%d-%s.diff", files[arg], arg)
			fmt.Fprintf(&script, "# docs/walkthrough.md:%d: the edit the page shows\nedit %s %s\n\n", startsAt, arg, name)
			fmt.Fprintf(&archive, "-- %s --\n%s\n", name, strings.Join(block, "\n"))
		case lang == "console":
			exit := "0"
			if kind == "exit" {
				exit = arg
			}
			fmt.Fprintf(&script, "# docs/walkthrough.md:%d\n", startsAt)
			for _, l := range block {
				switch {
				case strings.HasPrefix(l, "$ sendgen "):
					neg := ""
					if exit != "0" {
						neg = "! "
					}
					fmt.Fprintf(&script, "%sexec %s\nstatus %s\n", neg, strings.TrimPrefix(l, "$ "), exit)
				case strings.HasPrefix(l, "$ "):
					return fmt.Errorf("line %d: %q: the page runs only sendgen commands", startsAt, l)
				case strings.TrimSpace(l) != "":
					fmt.Fprintf(&script, "shows %s\n", quoteArg(strings.TrimRight(l, " ")))
				}
			}
			script.WriteString("\n")
		case kind != "":
			return fmt.Errorf("line %d: <!-- %s --> before a ```%s block", startsAt, kind, lang)
		}
		return nil
	}
	for sc.Scan() {
		lineNo++
		l := sc.Text()
		switch {
		case inBlock && l == "```":
			inBlock = false
			if err := flush(); err != nil {
				return "", err
			}
		case inBlock:
			block = append(block, l)
		case strings.HasPrefix(l, "```"):
			inBlock, lang, block, startsAt = true, strings.TrimPrefix(l, "```"), nil, lineNo
		case directive.MatchString(l):
			m := directive.FindStringSubmatch(l)
			pending = [2]string{m[1], m[2]}
		case strings.TrimSpace(l) != "":
			pending = [2]string{} // a directive applies to the block right after it
		}
	}
	if inBlock {
		return "", fmt.Errorf("line %d: a code block is not closed", startsAt)
	}
	return script.String() + archive.String(), sc.Err()
}

// quoteArg quotes s as one testscript argument.
func quoteArg(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// cmdShows: the last command's output (stdout or stderr) has the line.
func cmdShows(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: shows LINE")
	}
	for _, stream := range []string{"stdout", "stderr"} {
		for _, l := range strings.Split(ts.ReadFile(stream), "\n") {
			if strings.TrimRight(l, " ") == args[0] {
				return
			}
		}
	}
	ts.Fatalf("the output has no line %q", args[0])
}

// cmdEdit applies a diff block of the page: its "-" lines, which must be
// in FILE one after the other, become its "+" lines.
func cmdEdit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: edit FILE DIFF")
	}
	var old, new []string
	for _, l := range strings.Split(strings.TrimRight(ts.ReadFile(args[1]), "\n"), "\n") {
		switch {
		case strings.HasPrefix(l, "-"):
			old = append(old, l[1:])
		case strings.HasPrefix(l, "+"):
			new = append(new, l[1:])
		default:
			ts.Fatalf("%s: %q is neither a - nor a + line", args[1], l)
		}
	}
	s := ts.ReadFile(args[0])
	from := strings.Join(old, "\n") + "\n"
	if strings.Count(s, from) != 1 {
		ts.Fatalf("%s does not have the lines to replace exactly once:\n%s", args[0], from)
	}
	s = strings.Replace(s, from, strings.Join(new, "\n")+"\n", 1)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(s), 0o644))
}
