package watch

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// testDebounce is short to keep the tests fast and long enough for the
// patterns' pauses (editortest.Pause, 3 ms) on a loaded machine under -race.
const testDebounce = 30 * time.Millisecond

// testPoll is the polling interval of the tests of the polling watcher,
// and pollDebounce their quiet period: longer, because polling sees no
// events, only states, and on a machine loaded by other builds a writer
// under -race can stall for tens of milliseconds in the middle of a save
// (a half-written file whose size holds still): the polling watcher then
// builds that state, then the final one, which the tests' "exactly one
// event" would count as a failure.
const (
	testPoll     = 15 * time.Millisecond
	pollDebounce = 100 * time.Millisecond
)

// modes are the two implementations; every behaviour test runs on both.
var modes = []struct {
	name string
	poll time.Duration
}{{"inotify", 0}, {"poll", testPoll}}

// recorder collects a watcher's events.
type recorder struct {
	t      *testing.T
	w      *Watcher
	mu     sync.Mutex
	events []Event
	signal chan struct{}
	done   chan struct{}
}

func start(t *testing.T, o Options) *recorder {
	t.Helper()
	if o.Debounce == 0 {
		o.Debounce = testDebounce
		if o.Poll > 0 {
			o.Debounce = pollDebounce
		}
	}
	w, err := New(context.Background(), o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	r := &recorder{t: t, w: w, signal: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for ev := range w.Events() {
			r.mu.Lock()
			r.events = append(r.events, ev)
			r.mu.Unlock()
			select {
			case r.signal <- struct{}{}:
			default:
			}
		}
	}()
	t.Cleanup(func() {
		w.Close()
		<-r.done
	})
	r.waitFor(func(ev Event) bool { _, ok := ev.(Ready); return ok }, 5*time.Second)
	return r
}

// take returns the events so far and forgets them.
func (r *recorder) take() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	evs := r.events
	r.events = nil
	return evs
}

// waitFor waits until an event matching ok has arrived; it returns all the
// events up to and including it (and forgets them).
func (r *recorder) waitFor(ok func(Event) bool, timeout time.Duration) []Event {
	r.t.Helper()
	deadline := time.After(timeout)
	for {
		r.mu.Lock()
		for i, ev := range r.events {
			if ok(ev) {
				got := append([]Event(nil), r.events[:i+1]...)
				r.events = r.events[i+1:]
				r.mu.Unlock()
				return got
			}
		}
		r.mu.Unlock()
		select {
		case <-r.signal:
		case <-deadline:
			r.t.Fatalf("no matching event within %v; got %v", timeout, r.take())
			return nil
		}
	}
}

// settle waits until no event has arrived for quiet and returns the events.
func (r *recorder) settle(quiet time.Duration) []Event {
	var all []Event
	for {
		select {
		case <-r.signal:
			all = append(all, r.take()...)
		case <-time.After(quiet):
			return append(all, r.take()...)
		}
	}
}

// collect waits (up to 10 s: a loaded machine, -race) until n events have
// arrived, then until none has for quiet, and returns them all. Tests that
// expect events use it rather than settle alone, so a slow machine delays
// them instead of failing them.
func (r *recorder) collect(n int, quiet time.Duration) []Event {
	deadline := time.After(10 * time.Second)
	var all []Event
	for len(all) < n {
		select {
		case <-r.signal:
			all = append(all, r.take()...)
		case <-deadline:
			return append(all, r.take()...)
		}
	}
	return append(all, r.settle(quiet)...)
}

// quietPeriod is how long a test waits to be sure no further event comes:
// the debounce, a second one for the truncation retry, polling, slack.
func quietPeriod(poll time.Duration) time.Duration {
	d := testDebounce
	if poll > 0 {
		d = pollDebounce
	}
	return 3*d + 2*poll + 100*time.Millisecond
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func strs(evs []Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.String()
	}
	return out
}
