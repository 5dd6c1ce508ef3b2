package watch

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/sendgen/sendgen/internal/watch/editortest"
)

// TestSaveEventGaps measures, with a bare fsnotify watch on the folder,
// the events of one save on the case file for each editor pattern (and the
// real vim, and a JetBrains-style save driven from a shell, one process per
// step, as the reference measured it). Two numbers per pattern:
//
//   - unsettled gap: the largest gap between the file's events while it is
//     not yet its final content (missing, empty, half written). A quiet
//     period shorter than this would read an intermediate state.
//   - span: first to last event on the file, which includes the gaps after
//     the content is final (Vim's fsync before its chmod): those cost a
//     re-read, never a wrong build.
//
// It fails if the typical (median) unsettled gap of a pattern comes near
// DefaultDebounce. go test -v -run SaveEventGaps prints the numbers the
// DefaultDebounce comment quotes.
func TestSaveEventGaps(t *testing.T) {
	eds := editors(t)
	eds = append(eds, editortest.Editor{Name: "jetbrains-via-shell", Save: shellJetBrains})
	const saves = 10
	var worst, worstMedian time.Duration
	for _, ed := range eds {
		dir := t.TempDir()
		p := filepath.Join(dir, "case.md")
		write(t, p, caseV1)
		fw, err := fsnotify.NewWatcher()
		if err != nil {
			t.Fatal(err)
		}
		if err := fw.Add(dir); err != nil {
			t.Fatal(err)
		}
		// Events are stamped as they arrive, on their own goroutine while
		// the save runs, with whether the file then holds the final
		// content.
		type stamped struct {
			at    time.Time
			op    string
			final bool
		}
		var want atomic.Value
		arrived := make(chan stamped, 256)
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				select {
				case ev := <-fw.Events:
					st := stamped{at: time.Now(), op: ev.Op.String() + " " + filepath.Base(ev.Name)}
					if ev.Name == p {
						b, err := os.ReadFile(p)
						st.final = err == nil && string(b) == want.Load().(string)
					}
					arrived <- st
				case <-fw.Errors:
				case <-stop:
					return
				}
			}
		}()
		var spans, unsettled []time.Duration
		var onFile, all int
		var seq string
		for i := 0; i < saves; i++ {
			content := fmt.Sprintf("%s- save %d %s\n", caseV1, i, strings.Repeat("y", 5000))
			want.Store(content)
			if err := ed.Save(p, []byte(content)); err != nil {
				t.Fatalf("%s: %v", ed.Name, err)
			}
			// Until the file has its final content (at most 5 s, for a
			// loaded machine under -race), then until 30 ms pass quietly.
			var evs []stamped
			final := false
			timeout := time.After(5 * time.Second)
		collect:
			for {
				quiet := time.After(30 * time.Millisecond)
				if !final {
					quiet = timeout
				}
				select {
				case ev := <-arrived:
					all++
					if strings.HasSuffix(ev.op, " case.md") {
						evs = append(evs, ev)
						final = final || ev.final
					}
				case <-quiet:
					break collect
				}
			}
			if len(evs) == 0 {
				t.Fatalf("%s: a save produced no event on the file", ed.Name)
			}
			onFile += len(evs)
			if i == 0 {
				for j, e := range evs {
					if j > 0 {
						seq += ", "
					}
					seq += e.op
					if e.final {
						seq += " (final)"
					}
				}
			}
			var gap time.Duration
			for j := 1; j < len(evs) && !evs[j-1].final; j++ {
				gap = max(gap, evs[j].at.Sub(evs[j-1].at))
			}
			spans = append(spans, evs[len(evs)-1].at.Sub(evs[0].at))
			unsettled = append(unsettled, gap)
		}
		close(stop)
		<-done
		fw.Close()
		sort.Slice(spans, func(i, j int) bool { return spans[i] < spans[j] })
		sort.Slice(unsettled, func(i, j int) bool { return unsettled[i] < unsettled[j] })
		med := unsettled[len(unsettled)/2]
		t.Logf("%-28s events/save %2d (%2d on the file); unsettled gap p50 %6.2f ms max %6.2f ms; span p50 %6.2f ms max %6.2f ms\n    %s",
			ed.Name, all/saves, onFile/saves, ms(med), ms(unsettled[len(unsettled)-1]), ms(spans[len(spans)/2]), ms(spans[len(spans)-1]), seq)
		worst = max(worst, unsettled[len(unsettled)-1])
		worstMedian = max(worstMedian, med)
	}
	t.Logf("largest unsettled gap: median %.2f ms, max %.2f ms; DefaultDebounce %v", ms(worstMedian), ms(worst), DefaultDebounce)
	if worstMedian > DefaultDebounce/2 {
		t.Errorf("a typical gap of %v inside one save is more than half the %v quiet period", worstMedian, DefaultDebounce)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// shellJetBrains is the JetBrains safe write run as separate programs, as
// the reference measured it (12 ms): the slowest plausible sequence.
func shellJetBrains(path string, content []byte) error {
	tmp := path + "___jb_tmp___"
	if err := os.WriteFile(tmp, content, 0o644); err != nil {
		return err
	}
	cmd := exec.Command("sh", "-c", `mv "$1" "$1___jb_old___" && mv "$1___jb_tmp___" "$1" && rm "$1___jb_old___"`, "sh", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
}
