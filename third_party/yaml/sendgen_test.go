package yaml

// Tests of sendgen's patch (README.sendgen.md): the two expressions are
// compiled on first use, from any goroutine, and match as compiled ones do.

import (
	"regexp"
	"sync"
	"testing"
)

func TestLazyRegexpsMatchAsCompiled(t *testing.T) {
	inputs := []string{"", "1", "-1.5", "+.5", ".", "1e3", "1.5E-3", "0x1F", "1_000", "1:20", "-1:20:30.5",
		"190:20:30", "1:60", "12:5", "abc", "1.2.3", "1e", "٣.١٤", "1:20\n", " 1.5"}
	for _, l := range []*lazyRegexp{yamlStyleFloat, base60float} {
		want := regexp.MustCompile(l.src)
		var wg sync.WaitGroup
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, in := range inputs {
					if got := l.MatchString(in); got != want.MatchString(in) {
						t.Errorf("%s on %q: %v, compiled: %v", l.src, in, got, !got)
					}
				}
			}()
		}
		wg.Wait()
	}
}
