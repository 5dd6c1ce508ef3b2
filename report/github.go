package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/lint"
)

// GitHub writes workflow commands (::error file=...::message), which GitHub
// Actions turns into annotations on the pull request, and, when the run
// has a StepSummary, a job summary: GitHub shows only ten error and ten
// warning annotations per step, so the summary counts every finding by
// rule and by file.
type GitHub struct {
	W   io.Writer
	Run Run

	rules map[string]*counts
	files []fileCounts
}

type counts struct{ errors, warnings, infos int }

func (c *counts) add(s lint.Severity) {
	switch s {
	case lint.Error:
		c.errors++
	case lint.Warning:
		c.warnings++
	default:
		c.infos++
	}
}

type fileCounts struct {
	path string
	counts
}

func (g *GitHub) Begin() error {
	g.rules = map[string]*counts{}
	return nil
}

func (g *GitHub) File(f File) error {
	path := f.repoPath()
	fc := fileCounts{path: path}
	for _, fd := range f.Findings {
		d := Resolve(path, f.Source, fd)
		if _, err := fmt.Fprintf(g.W, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			d.level("notice"), ghProperty(d.Path), d.Line, d.Column, d.EndLine, d.EndColumn,
			ghProperty("sendgen "+d.Rule), ghData(d.messageWithSuggestion("\n"))); err != nil {
			return err
		}
		if g.Run.StepSummary != nil {
			c := g.rules[d.Rule]
			if c == nil {
				c = &counts{}
				g.rules[d.Rule] = c
			}
			c.add(fd.Severity)
			fc.add(fd.Severity)
		}
	}
	if g.Run.StepSummary != nil && len(f.Findings) > 0 {
		g.files = append(g.files, fc)
	}
	return nil
}

// summaryFiles caps the per-file table: a step summary is limited to 1 MiB.
const summaryFiles = 100

func (g *GitHub) End(t Totals) error {
	if g.Run.StepSummary == nil {
		return nil
	}
	w := &errWriter{w: g.Run.StepSummary}
	fmt.Fprintf(w, "### %s\n\n%s\n", mdText(orDefault(g.Run.Title, "sendgen")), mdText(t.String()))
	if t.Errors+t.Warnings+t.Infos == 0 {
		fmt.Fprintln(w)
		return w.err
	}
	fmt.Fprint(w, "\nGitHub shows at most ten error and ten warning annotations per step; every finding is counted here.\n\n")
	fmt.Fprint(w, "| Rule | Errors | Warnings | Info |\n| --- | ---: | ---: | ---: |\n")
	ids := make([]string, 0, len(g.rules))
	for id := range g.rules {
		ids = append(ids, id)
	}
	order := map[string]int{}
	for i, r := range g.Run.Rules {
		order[r.ID] = i + 1
	}
	// Described rules in the spec's order, then any others by name.
	rank := func(id string) int {
		if o, ok := order[id]; ok {
			return o
		}
		return len(order) + 1
	}
	sort.Slice(ids, func(i, j int) bool {
		if ri, rj := rank(ids[i]), rank(ids[j]); ri != rj {
			return ri < rj
		}
		return ids[i] < ids[j]
	})
	for _, id := range ids {
		c := g.rules[id]
		fmt.Fprintf(w, "| [%s](%s) | %d | %d | %d |\n", mdText(id), RuleURL(id), c.errors, c.warnings, c.infos)
	}
	sort.SliceStable(g.files, func(i, j int) bool {
		a, b := g.files[i], g.files[j]
		if a.errors != b.errors {
			return a.errors > b.errors
		}
		if a.warnings != b.warnings {
			return a.warnings > b.warnings
		}
		return a.path < b.path
	})
	fmt.Fprint(w, "\n| File | Errors | Warnings | Info |\n| --- | ---: | ---: | ---: |\n")
	for i, f := range g.files {
		if i == summaryFiles {
			fmt.Fprintf(w, "| … and %d more %s with findings | | | |\n", len(g.files)-i, plural(len(g.files)-i, "file"))
			break
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d |\n", mdText(f.path), f.errors, f.warnings, f.infos)
	}
	fmt.Fprintln(w)
	return w.err
}

// Escaping per the workflow-command rules: data escapes %, CR and LF;
// properties also escape ':' and ','.
// The replacers are built once: building one per annotation cost 20 KB.
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string { return ghDataEscaper.Replace(s) }

func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
