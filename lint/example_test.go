package lint_test

import (
	"context"
	"fmt"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
)

// A program outside this module builds an engine from the built-in rules,
// adjusted with exported types only, and lints a buffer in memory (an
// editor's unsaved text, say): no file, no configuration file.
func ExampleNew() {
	cfg := lint.DefaultConfig()
	r := cfg.Rules["missing-provider"]
	r.Severity = "error"
	cfg.Rules["missing-provider"] = r
	cfg.Providers = append(cfg.Providers, "Forest School leader")

	engine, err := lint.New(cfg, nil) // nil: the built-in bank holidays
	if err != nil {
		fmt.Println(err)
		return
	}
	src := []byte(`---
case: EX-1
child:
  name: Zoë
appellant:
  name: Aoife
  role: parent
local_authority: Westminster City Council
decision:
  type: plan-contents
  date: 2026-09-14
  sections: [F]
---

# Requested provision

- Access to speech and language therapy.
- A weekly 45-minute outdoor session with a Forest School leader.
`)
	c, err := casefile.Parse("buffer.md", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := engine.Check(context.Background(), c, lint.Options{Today: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range res.Findings {
		p := c.Pos(f.Span.Start)
		fmt.Printf("%d:%d %s %s\n", p.Line, p.Column, f.Severity, f.Rule)
	}
	fmt.Println("appeal deadline:", res.Dates.AppealDeadline.Date.Format("2006-01-02"))
	// Output:
	// 1:1 info statement-date
	// 11:9 info appeal-deadline
	// 17:3 error vague-wording
	// 17:3 warning missing-frequency
	// 17:3 warning missing-duration
	// 17:3 error missing-provider
	// appeal deadline: 2026-11-16
}
