package sendgen

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// mdPath is a Markdown file named by its path in code: `docs/case-file.md`.
var mdPath = regexp.MustCompile(`^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+\.md$`)

// TestLinksResolve: every relative link and image in README.md and docs/*.md
// names a file or folder of this repository, and so does every Markdown file
// they name in code. The contracts are copied into docs/ for that reason: a
// reader of the repository has no shared/ folder.
func TestLinksResolve(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	if err != nil || len(docs) == 0 {
		t.Fatalf("no docs: %v", err)
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	checked := 0
	for _, file := range append([]string{"README.md", "templates/README.md"}, docs...) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc := md.Parser().Parse(text.NewReader(src))
		err = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			var dest string
			switch n := n.(type) {
			case *ast.Link:
				dest = string(n.Destination)
			case *ast.Image:
				dest = string(n.Destination)
			case *ast.CodeSpan:
				// A file named in code ("see `docs/case-file.md`") is a
				// reference too: it must be there, from the root or the page.
				name := string(n.Text(src))
				if !mdPath.MatchString(name) {
					return ast.WalkContinue, nil
				}
				if _, err := os.Stat(filepath.FromSlash(name)); err != nil {
					if _, err := os.Stat(filepath.Join(filepath.Dir(file), filepath.FromSlash(name))); err != nil {
						t.Errorf("%s: names %s, which is not in the repository", file, name)
					}
				}
				checked++
				return ast.WalkContinue, nil
			default:
				return ast.WalkContinue, nil
			}
			if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
				return ast.WalkContinue, nil
			}
			path := dest
			if i := strings.IndexAny(path, "#?"); i >= 0 {
				path = path[:i]
			}
			target := filepath.Join(filepath.Dir(file), filepath.FromSlash(path))
			abs, err := filepath.Abs(target)
			if err != nil {
				t.Errorf("%s: link %q: %v", file, dest, err)
				return ast.WalkContinue, nil
			}
			if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") {
				t.Errorf("%s: link %q leaves the repository", file, dest)
				return ast.WalkContinue, nil
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %q: no such file in the repository", file, dest)
			}
			checked++
			return ast.WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Fatal("no links checked")
	}
	t.Logf("%d links", checked)
}

// TestReadmeShowsEveryDocument: the README links a picture of each of the
// three documents, and says how to install sendgen and where it goes.
func TestReadmeShowsEveryDocument(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, png := range []string{"docs/position-statement.png", "docs/outcome-form.png", "docs/certificate.png"} {
		if !strings.Contains(string(b), "]("+png+")") {
			t.Errorf("README.md does not show %s", png)
		}
	}
	// It says how to install the program it tells the reader to run.
	for _, s := range []string{"go install ./cmd/sendgen", "$GOBIN", "$HOME/go/bin", "make run", "make test"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("README.md does not say %q", s)
		}
	}
}
