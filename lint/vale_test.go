package lint

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateVale = flag.Bool("update-vale", false, "rewrite scripts/vale/styles from rules.yaml")

// valeRules are the phrase rules given to Vale in the lint comparison
// (scripts/bench-lint.sh), by the name of their Vale style file.
var valeRules = []struct{ id, file string }{
	{"vague-wording", "VagueWording.yml"},
	{"hedged-commitment", "HedgedCommitment.yml"},
}

// valeStyle is an existence rule with every phrase of a sendgen phrase rule,
// lemma slots expanded exactly as the engine expands them, so that Vale
// looks for the same wordings (without sendgen's exceptions, "when:
// unquantified" conditions or the month "May").
func valeStyle(t *testing.T, id string) string {
	t.Helper()
	rc := DefaultConfig().Rules[id]
	var b strings.Builder
	b.WriteString("# Generated from rules.yaml by `go test ./lint -run TestValeStyles -update-vale`: do not edit.\n")
	b.WriteString("# The phrases of sendgen's " + id + " rule, for the lint comparison (docs/performance.md).\n")
	b.WriteString("extends: existence\n")
	b.WriteString("message: \"'%s': " + strings.ReplaceAll(rc.Summary, `"`, `\"`) + "\"\n")
	b.WriteString("level: error\nignorecase: true\nnonword: true\ntokens:\n")
	for i, p := range rc.Phrases {
		src := p.Pattern
		if src == "" {
			src = `\b` + wordsPattern(p.Phrase) + `\b`
		}
		src, err := expandLemmas(src)
		if err != nil {
			t.Fatalf("%s phrase %d: %v", id, i+1, err)
		}
		b.WriteString("  - '" + strings.ReplaceAll(src, "'", "''") + "'\n")
	}
	return b.String()
}

// TestValeStyles keeps scripts/vale/styles in step with rules.yaml.
func TestValeStyles(t *testing.T) {
	dir := filepath.Join("..", "scripts", "vale", "styles", "Sendgen")
	for _, r := range valeRules {
		want := valeStyle(t, r.id)
		path := filepath.Join(dir, r.file)
		if *updateVale {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run `go test ./lint -run TestValeStyles -update-vale`)", err)
		}
		if string(got) != want {
			t.Errorf("%s is out of date with rules.yaml: run `go test ./lint -run TestValeStyles -update-vale`", path)
		}
	}
}
