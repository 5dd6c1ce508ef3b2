package casefile

import (
	"slices"
)

// Fix is a mechanical correction: replace the bytes of Span with NewText.
// An editor offers it as a quick fix and `sendgen lint --fix` applies it.
type Fix struct {
	Span    Span
	NewText string
	// Title says what the fix does ("Rename decison to decision").
	Title string
}

// ApplyFixes returns src with the fixes applied, and which were applied.
// Fixes are applied in file order; one that overlaps a fix already applied
// (two rules correcting the same words) is skipped and returned in skipped,
// so a second run can apply it to the corrected text. Fixes whose span is
// outside src are skipped too. src is not changed.
func ApplyFixes(src []byte, fixes []Fix) (out []byte, applied, skipped []Fix) {
	sorted := slices.Clone(fixes)
	slices.SortStableFunc(sorted, func(a, b Fix) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	})
	out = make([]byte, 0, len(src))
	at := 0 // bytes of src before at are in out
	for _, f := range sorted {
		if f.Span.Start < at || f.Span.End < f.Span.Start || f.Span.End > len(src) {
			skipped = append(skipped, f)
			continue
		}
		out = append(out, src[at:f.Span.Start]...)
		out = append(out, f.NewText...)
		at = f.Span.End
		applied = append(applied, f)
	}
	out = append(out, src[at:]...)
	return out, applied, skipped
}
