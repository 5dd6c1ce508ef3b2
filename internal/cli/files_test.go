package cli

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
)

// parallelOrdered emits every result once, in index order, whatever the
// number of items and workers: one item in place, more on its pool.
func TestParallelOrderedEmitsInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 50} {
		for _, workers := range []int{0, 1, 2, 8} {
			t.Run(fmt.Sprintf("%d items, %d workers", n, workers), func(t *testing.T) {
				var calls atomic.Int64
				var got []int
				parallelOrdered(n, workers, func(i int) int {
					calls.Add(1)
					return i * 10
				}, func(v int) { got = append(got, v) })
				want := make([]int, n)
				for i := range want {
					want[i] = i * 10
				}
				if !slices.Equal(got, want) || calls.Load() != int64(n) {
					t.Errorf("emitted %v after %d calls, want %v", got, calls.Load(), want)
				}
			})
		}
	}
}
