package casefile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sameTree compares two node trees in everything casefile reads: kind,
// style, tag, value, anchor, position and children (not comments).
func sameTree(a, b *yaml.Node, path string) error {
	if a == nil || b == nil {
		if a != b {
			return fmt.Errorf("%s: %v vs %v", path, a, b)
		}
		return nil
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) || (a.Alias == nil) != (b.Alias == nil) {
		return fmt.Errorf("%s: kind %v/%v style %v/%v tag %q/%q value %q/%q at %d:%d/%d:%d, %d/%d children",
			path, a.Kind, b.Kind, a.Style, b.Style, a.Tag, b.Tag, a.Value, b.Value, a.Line, a.Column, b.Line, b.Column, len(a.Content), len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkFastYAML: where the fast reader takes a text, the library reads it
// without error into the same tree.
func checkFastYAML(t *testing.T, src []byte) bool {
	got, ok := fastYAML(src)
	if !ok {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal(src, &want); err != nil {
		t.Fatalf("fast reader took %q, which the library refuses: %v", src, err)
	}
	if err := sameTree(got, &want, ""); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return true
}

// frontMatters are the front matter of every case file in the repository
// and the corpora.
func frontMatters(t testing.TB) [][]byte {
	var paths []string
	for _, g := range []string{"../samples/*.md", "../samples/drafts/*.md", "testdata/*/*.md", "testdata/*.md",
		"../lint/testdata/*.md", "../internal/cli/testdata/*/*.md", "../../shared/corpus/*/*.md"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	var out [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if !strings.HasPrefix(s, "---\n") {
			continue
		}
		if end := strings.Index(s[4:], "\n---"); end >= 0 {
			out = append(out, []byte(s[4:4+end+1]))
		}
	}
	return out
}

var fastYAMLCases = []string{
	"case: X\n",
	"case: X\r\nchild:\r\n  name: A\r\n",
	"a: b # c\nd: 'e''f' # g\nh: \"i j\"\n",
	"sections: [B, F]\nx: []\ny: [ B , F ]  # c\n",
	"attendees:\n  - name: A\n    role: B\n  - name: C\nnext: 1\n",
	"attendees:\n- name: A\n  role: B\n- name: C\nnext: 1\n",
	"list:\n  - a\n  - b\n\n  # c\n  - 2026-01-02\n",
	"a:\n  b:\n    c: d\n  e: f\ng: h\n",
	"name: Zoë Ó Súilleabháin\nrole: SEND adviser (supporter)\n",
	"x: true\ny: null\nz: ~\nw: 1.5\nv: 0x1F\nu: 2026-10-27\nt: 2026-13-45\ns: yes\nr: .inf\n",
	"# comment\n\ncase: X\n# trailing\n",
	"  indented: 1\n  root: 2\n",
	"a: b:c\nd: e,f\n",
	"key with spaces: value with  spaces  \n",
	"a: 2024-02-29\nb: 2023-02-29\nc: 2026-00-10\nd: 0000-01-01\ne: 9999-12-31\nf: 1900-02-29\ng: 2000-02-29\nh: 2026-1-5\ni: 2026-04-31\n",
	// left to the library
	"a: |\n  text\n", "a: &x b\n", "a: !!str b\n", "a: {b: c}\n", "a: \"b\\n\"\n", "a: 'b\n  c'\n",
	"a: b\n  c\n", "a:\n", "a:\tb\n", "- a\n", "? a\n: b\n", "a: b: c\n", "a: [b, c\n", "a: - b\n",
	"---\na: b\n", "a: b\n...\n", "%YAML 1.2\n", "a: b\n b: c\n", "<<: x\n", "a: <<\n", "a: @b\n", "\"a\": b\n",
	"a: [b, ]\n", "0: [0?]\n", "a: [b{c}]\n", "a: x\u2028y\n", "a: \u0085\n", "", "# only a comment\n",
}

func TestFastYAML(t *testing.T) {
	took := 0
	fms := frontMatters(t)
	for _, src := range fms {
		if checkFastYAML(t, src) {
			took++
		}
	}
	for _, c := range fastYAMLCases {
		checkFastYAML(t, []byte(c))
	}
	// The fast reader must take the ordinary files: the samples and
	// corpora are written the way case files are.
	if took < len(fms)*3/4 {
		t.Errorf("the fast reader took %d of %d front matters", took, len(fms))
	}
	t.Logf("fast reader took %d of %d front matters", took, len(fms))
}

func FuzzFastYAML(f *testing.F) {
	for _, src := range frontMatters(f) {
		f.Add(src)
	}
	for _, c := range fastYAMLCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, src []byte) { checkFastYAML(t, src) })
}
