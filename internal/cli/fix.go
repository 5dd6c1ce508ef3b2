package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/lint"
)

// maxFixPasses bounds `lint --fix`: a fix skipped because it overlapped
// another gets another pass on the corrected text, and each pass applies
// at least one fix, so a handful is plenty.
const maxFixPasses = 4

// fixFile applies the mechanical fixes of a checked file (`lint --fix`),
// writes the file atomically when anything changed, reports each fix to w
// (standard error: "path:line:col: fixed: title", positions in the file as
// it was) and returns the result for the corrected text, whose findings are
// what is left to do by hand. On an error nothing is written and the
// result given is returned.
func fixFile(ctx context.Context, ws *build.Workspace, w io.Writer, given *build.Result) (*build.Result, error) {
	r := given
	if r.Err != nil || r.Case == nil {
		return r, nil
	}
	orig := r.Case.Source
	src := r.Case.Bytes
	var reports []string
	for pass := 0; pass < maxFixPasses; pass++ {
		fixes := fixesOf(r.Findings)
		if len(fixes) == 0 {
			break
		}
		out, applied, _ := casefile.ApplyFixes(src, fixes)
		if len(applied) == 0 {
			break
		}
		for _, f := range applied {
			// Positions of later passes are in text already corrected; the
			// first pass names lines of the file as the user saw it.
			p := r.Case.Pos(f.Span.Start)
			if pass == 0 {
				p = orig.Pos(f.Span.Start)
			}
			reports = append(reports, fmt.Sprintf("%s:%d:%d: fixed: %s", r.Path, p.Line, p.Column, f.Title))
		}
		src = out
		r = ws.Check(ctx, r.Path, src)
		if r.Err != nil {
			return given, fmt.Errorf("%s: the fixed text could not be checked, nothing written: %w", given.Path, r.Err)
		}
	}
	if bytes.Equal(src, orig.Bytes) {
		return r, nil
	}
	// Refuse to overwrite edits made since the file was read.
	now, err := build.ReadFile(r.Path)
	if err != nil {
		return given, err
	}
	if !bytes.Equal(now, orig.Bytes) {
		return given, fmt.Errorf("%s: changed while it was being fixed; nothing written, run sendgen lint --fix again", r.Path)
	}
	if err := fsutil.WriteFile(r.Path, src); err != nil {
		return given, err
	}
	for _, line := range reports {
		fmt.Fprintln(w, line)
	}
	return r, nil
}

func fixesOf(fs []lint.Finding) []lint.Fix {
	var out []lint.Fix
	for _, f := range fs {
		out = append(out, f.Fixes...)
	}
	return out
}
