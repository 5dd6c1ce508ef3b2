// Package memtest measures what a function allocates, for tests that check
// a cost stays gone (a patch in effect, a table no longer built).
package memtest

import "runtime"

// Allocated returns the bytes f allocates: the least of three runs, so that
// a collection emptying sync.Pools, or a first-use table built during one
// run, does not count.
func Allocated(f func()) uint64 {
	best := ^uint64(0)
	var a, b runtime.MemStats
	for i := 0; i < 3; i++ {
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		if d := b.TotalAlloc - a.TotalAlloc; d < best {
			best = d
		}
	}
	return best
}
