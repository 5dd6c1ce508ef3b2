package lazyre

import (
	"reflect"
	"regexp"
	"sync"
	"testing"
)

// Each method must answer exactly as *regexp.Regexp does.
func TestMatchesRegexp(t *testing.T) {
	cases := []struct{ expr, in string }{
		{`^(\d{4})-(\d{1,2})-(\d{1,2})$`, "2026-12-15"},
		{`(?i)\b(sections?)\s+([a-k][12]?)\b`, "Sections B and F, section H1"},
		{`a+`, "baaab aab"},
		{`x`, ""},
		{`(?i)^(?:by|on)\s+`, "By 15 December"},
	}
	for _, c := range cases {
		lz, rx := New(c.expr), regexp.MustCompile(c.expr)
		if lz.String() != c.expr {
			t.Errorf("String() = %q, want %q", lz.String(), c.expr)
		}
		if got, want := lz.MatchString(c.in), rx.MatchString(c.in); got != want {
			t.Errorf("%q MatchString(%q) = %v, want %v", c.expr, c.in, got, want)
		}
		eq := func(what string, got, want any) {
			t.Helper()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q %s(%q) = %v, want %v", c.expr, what, c.in, got, want)
			}
		}
		eq("FindStringIndex", lz.FindStringIndex(c.in), rx.FindStringIndex(c.in))
		eq("FindStringSubmatch", lz.FindStringSubmatch(c.in), rx.FindStringSubmatch(c.in))
		eq("FindStringSubmatchIndex", lz.FindStringSubmatchIndex(c.in), rx.FindStringSubmatchIndex(c.in))
		eq("FindAllStringIndex", lz.FindAllStringIndex(c.in, -1), rx.FindAllStringIndex(c.in, -1))
		eq("FindAllStringSubmatchIndex", lz.FindAllStringSubmatchIndex(c.in, -1), rx.FindAllStringSubmatchIndex(c.in, -1))
		eq("ReplaceAllString", lz.ReplaceAllString(c.in, "<$1>"), rx.ReplaceAllString(c.in, "<$1>"))
		upper := func(s string) string { return "[" + s + "]" }
		eq("ReplaceAllStringFunc", lz.ReplaceAllStringFunc(c.in, upper), rx.ReplaceAllStringFunc(c.in, upper))
	}
}

// Nothing is compiled before the first use, and a bad expression panics
// only then.
func TestCompiledOnFirstUse(t *testing.T) {
	r := New(`(`)
	if r.rx != nil {
		t.Fatal("compiled before first use")
	}
	defer func() {
		if recover() == nil {
			t.Error("a bad expression did not panic at first use")
		}
	}()
	r.MatchString("x")
}

func TestConcurrentFirstUse(t *testing.T) {
	r := New(`\d+`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !r.MatchString("a1") {
				t.Error("no match")
			}
		}()
	}
	wg.Wait()
}
