package lint

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/tag"
	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/jdkato/prose/v3/tokenize"
	"github.com/sendgen/sendgen/internal/memtest"
)

// go.mod replaces prose/v3 with third_party/prose, patched so that the
// tagger's model is read in place rather than decoded into the heap, and
// prose's regular expressions compile on first use
// (third_party/prose/README.sendgen.md). The tests here pin that the patch
// changes nothing the rules see, and fail if the replace is lost.

var updateProseGolden = flag.Bool("update-prose-golden", false,
	"rewrite testdata/prose/tokens-tags.txt.gz from the texts it lists, or with -prose-golden-from from those files")

var proseGoldenFrom = flag.String("prose-golden-from", "",
	"with -update-prose-golden: glob patterns (space separated) of the Markdown files whose lines the golden holds")

const proseGolden = "testdata/prose/tokens-tags.txt.gz"

// proseRecord is one line of text with its tokens (byte offset, length) and
// their tags, as prose's tokenizer and the perceptron tagger give them.
type proseRecord struct {
	line string
	toks []tokenize.Token
}

// encode writes the line, then its tokens as start:length:tag.
func (r proseRecord) encode(w *bytes.Buffer) {
	w.WriteString(r.line)
	w.WriteByte('\n')
	for i, t := range r.toks {
		if i > 0 {
			w.WriteByte(' ')
		}
		fmt.Fprintf(w, "%d:%d:%s", t.Start, len(t.Text), t.Tag)
	}
	w.WriteByte('\n')
}

// proseTokensTags tokenizes and tags a line as the rules do (one tokenizer,
// TagTokens over the line's tokens).
func proseTokensTags(t testing.TB, line string) []tokenize.Token {
	tg, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	toks := tokenize.New().Tokenize(line)
	tg.TagTokens(toks)
	return toks
}

func readProseGolden(t *testing.T) []proseRecord {
	f, err := os.Open(proseGolden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20)
	var out []proseRecord
	for sc.Scan() {
		line := sc.Text()
		if !sc.Scan() {
			t.Fatalf("%s: line %q has no tokens", proseGolden, line)
		}
		rec := proseRecord{line: line}
		for _, f := range strings.Fields(sc.Text()) {
			parts := strings.SplitN(f, ":", 3)
			if len(parts) != 3 {
				t.Fatalf("%s: bad token %q", proseGolden, f)
			}
			start, err1 := strconv.Atoi(parts[0])
			n, err2 := strconv.Atoi(parts[1])
			if err1 != nil || err2 != nil || start < 0 || start+n > len(line) {
				t.Fatalf("%s: bad token %q for %q", proseGolden, f, line)
			}
			rec.toks = append(rec.toks, tokenize.Token{Text: line[start : start+n], Start: start, Tag: parts[2]})
		}
		out = append(out, rec)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestProseGolden tokenizes and tags every line of the golden's texts (the
// samples and the shared corpus's plans and dev cases when it was written,
// with the released prose v3.2.3) and compares every token and tag.
func TestProseGolden(t *testing.T) {
	if *updateProseGolden {
		writeProseGolden(t)
	}
	recs := readProseGolden(t)
	tokens := 0
	for _, rec := range recs {
		got := proseTokensTags(t, rec.line)
		tokens += len(got)
		var a, b bytes.Buffer
		rec.encode(&a)
		proseRecord{rec.line, got}.encode(&b)
		if a.String() != b.String() {
			t.Errorf("tokens or tags differ for %q:\n got  %s want %s",
				rec.line, b.String()[len(rec.line)+1:], a.String()[len(rec.line)+1:])
		}
	}
	t.Logf("%d lines, %d tokens", len(recs), tokens)
	if len(recs) < 500 || tokens < 10000 {
		t.Errorf("the golden holds %d lines, %d tokens: too few to say the tagger is unchanged", len(recs), tokens)
	}
}

// writeProseGolden rewrites the golden: from the lines it holds, or from the
// files -prose-golden-from names (every distinct non-blank line, in order).
func writeProseGolden(t *testing.T) {
	var lines []string
	if *proseGoldenFrom == "" {
		for _, rec := range readProseGolden(t) {
			lines = append(lines, rec.line)
		}
	} else {
		seen := map[string]bool{}
		for _, pat := range strings.Fields(*proseGoldenFrom) {
			names, err := filepath.Glob(pat)
			if err != nil || len(names) == 0 {
				t.Fatalf("-prose-golden-from %q: no files", pat)
			}
			for _, name := range names {
				b, err := os.ReadFile(name)
				if err != nil {
					t.Fatal(err)
				}
				for _, line := range strings.Split(string(b), "\n") {
					line = strings.TrimRight(line, "\r")
					if strings.TrimSpace(line) == "" || seen[line] {
						continue
					}
					seen[line] = true
					lines = append(lines, line)
				}
			}
		}
	}
	var buf bytes.Buffer
	for _, line := range lines {
		proseRecord{line, proseTokensTags(t, line)}.encode(&buf)
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestCompression)
	zw.Write(buf.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(proseGolden), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(proseGolden, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d lines, %d bytes", proseGolden, len(lines), out.Len())
}

// TestProsePatchInEffect fails if go.mod's replace of prose by
// third_party/prose is dropped or the copy reverted: the released reader
// copies the model's offsets and weights onto the heap (about 2 MB, and a
// page fault for each 4 KiB of the embedded model it reads); the patched one
// reads them where they are embedded.
func TestProsePatchInEffect(t *testing.T) {
	allocs := memtest.Allocated(func() {
		if _, err := tag.FromBytes(aptagmodel.English); err != nil {
			t.Fatal(err)
		}
	})
	t.Logf("loading the tagger's model allocates %d bytes", allocs)
	if allocs > 64<<10 {
		t.Errorf("loading the tagger's model allocates %d bytes: the model is decoded onto the heap, so go.mod's replace of prose/v3 by third_party/prose is not in effect", allocs)
	}
}
