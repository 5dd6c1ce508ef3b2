package lint

import (
	"strings"

	"github.com/sendgen/sendgen/casefile"
)

// suppress drops findings switched off by comments:
//
//	<!-- sendgen-disable RULE ... -->  ...  <!-- sendgen-enable RULE ... -->
//	<!-- sendgen-disable-next-line RULE ... -->
//
// No rule means every rule. Regions are kept as line ranges (not toggles
// applied while walking blocks), so a region works the same inside a list
// item, a table or a paragraph.
func suppress(c *casefile.Case, fs []Finding) []Finding {
	if len(c.Body.Directives) == 0 || len(fs) == 0 {
		return fs
	}
	type region struct {
		rule     string // "" = all
		from, to int    // lines, inclusive
	}
	var regions []region
	open := map[string]int{} // rule -> line a disable started
	const end = 1 << 30
	for _, d := range c.Body.Directives {
		line := c.Pos(d.Span.Start).Line
		rules := d.Rules
		if len(rules) == 0 {
			rules = []string{""}
		}
		switch d.Kind {
		case "disable":
			for _, r := range rules {
				if _, ok := open[r]; !ok {
					open[r] = line
				}
			}
		case "enable":
			for _, r := range rules {
				if r == "" {
					for k, from := range open {
						regions = append(regions, region{k, from, line})
					}
					open = map[string]int{}
					continue
				}
				if from, ok := open[r]; ok {
					regions = append(regions, region{r, from, line})
					delete(open, r)
				}
			}
		case "disable-next-line":
			next := c.Pos(d.Span.End).Line + 1
			for next <= c.Lines() && strings.TrimSpace(c.LineText(next)) == "" {
				next++
			}
			for _, r := range rules {
				regions = append(regions, region{r, next, next})
			}
		}
	}
	for r, from := range open {
		regions = append(regions, region{r, from, end})
	}
	out := fs[:0]
	for _, f := range fs {
		line := c.Pos(f.Span.Start).Line
		off := false
		for _, r := range regions {
			if (r.rule == "" || r.rule == f.Rule) && line >= r.from && line <= r.to {
				off = true
				break
			}
		}
		if !off {
			out = append(out, f)
		}
	}
	return out
}
