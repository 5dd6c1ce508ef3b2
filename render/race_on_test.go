//go:build race

package render

// raceEnabled: under the race detector sync.Pool drops items at random, so
// allocation counts that rely on a pool do not hold.
const raceEnabled = true
