package cli

import (
	"bytes"
	"reflect"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

func testFactory() *Factory {
	var out, errb bytes.Buffer
	f := NewFactory(&IO{Out: &out, Err: &errb})
	f.Now = func() time.Time { return time.Date(2026, 12, 1, 15, 4, 5, 0, time.UTC) }
	f.Getenv = func(string) string { return "" }
	return f
}

func execute(t *testing.T, cmd *cobra.Command, args ...string) error {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	return cmd.Execute()
}

// TestFlagParsing checks each command's flags land in its Options, without
// running the command (gh's runF pattern).
func TestFlagParsing(t *testing.T) {
	f := testFactory()
	t.Run("lint", func(t *testing.T) {
		var got *LintOptions
		cmd := NewCmdLint(f, func(o *LintOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--format", "json", "--fail-on", "warning", "--config", "c.yaml", "--today", "2026-11-01", "--color", "never",
			"--output", "sarif=s.sarif", "--output", "junit=j.xml", "--jobs", "3", "--shard", "2/4", "--exclude", "drafts/**", "--exclude", "x.md",
			"--path-base", "..", "a.md", "dir", "-"); err != nil {
			t.Fatal(err)
		}
		want := LintOptions{IO: f.IO, Factory: f, CommonOptions: CommonOptions{Config: "c.yaml", Today: "2026-11-01"},
			CIOptions: CIOptions{Format: "json", FailOn: "warning", Color: "never", Outputs: []string{"sarif=s.sarif", "junit=j.xml"},
				Jobs: 3, Shard: "2/4", Exclude: []string{"drafts/**", "x.md"}, PathBase: ".."},
			Paths: []string{"a.md", "dir", "-"}}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("options %+v, want %+v", *got, want)
		}
	})
	t.Run("new", func(t *testing.T) {
		var got *NewOptions
		cmd := NewCmdNew(f, func(o *NewOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--type", "cease-plan", "--role", "young-person", "--mediation", "--today", "2026-11-01", "c.md"); err != nil {
			t.Fatal(err)
		}
		want := NewOptions{IO: f.IO, Factory: f, Type: "cease-plan", Role: "young-person", Mediation: true, Today: "2026-11-01", Path: "c.md"}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("options %+v, want %+v", *got, want)
		}
		got = nil
		cmd = NewCmdNew(f, func(o *NewOptions) error { got = o; return nil })
		if err := execute(t, cmd, "c.md"); err != nil {
			t.Fatal(err)
		}
		if got.Type != "plan-contents" || got.Role != "parent" || got.Mediation || got.Today != "" {
			t.Errorf("defaults %+v", *got)
		}
		cmd = NewCmdNew(f, func(o *NewOptions) error { t.Error("ran without a file"); return nil })
		if _, ok := execute(t, cmd).(usageError); !ok {
			t.Error("want a usage error")
		}
	})
	t.Run("lint defaults", func(t *testing.T) {
		var got *LintOptions
		cmd := NewCmdLint(f, func(o *LintOptions) error { got = o; return nil })
		if err := execute(t, cmd, "a.md"); err != nil {
			t.Fatal(err)
		}
		if got.Format != "text" || got.FailOn != "error" || got.Color != "auto" || got.Config != "" || got.Today != "" {
			t.Errorf("defaults %+v", *got)
		}
	})
	t.Run("lint needs a path", func(t *testing.T) {
		cmd := NewCmdLint(f, func(o *LintOptions) error { t.Error("ran without a path"); return nil })
		if _, ok := execute(t, cmd).(usageError); !ok {
			t.Error("want a usage error")
		}
	})
	for _, name := range []string{"render", "build"} {
		t.Run(name, func(t *testing.T) {
			var got *DocumentsOptions
			run := func(o *DocumentsOptions) error { got = o; return nil }
			cmd := NewCmdRender(f, run)
			if name == "build" {
				cmd = NewCmdBuild(f, run)
			}
			args := []string{"--out", "pdfs", "--draft", "--templates", "tpl", "--today", "2026-11-01"}
			ci := CIOptions{Format: "text", FailOn: "none", Color: "auto"}
			if name == "build" {
				// build shares lint's CI flags; render keeps their defaults.
				args = append(args, "--format", "github", "--output", "sarif=s.sarif", "--jobs", "2", "--shard", "1/3", "--fail-on", "warning")
				ci = CIOptions{Format: "github", FailOn: "warning", Color: "auto", Outputs: []string{"sarif=s.sarif"}, Jobs: 2, Shard: "1/3"}
			}
			if err := execute(t, cmd, append(args, "x.md")...); err != nil {
				t.Fatal(err)
			}
			want := DocumentsOptions{IO: f.IO, Factory: f, CommonOptions: CommonOptions{Today: "2026-11-01"}, CIOptions: ci,
				Out: "pdfs", Draft: true, Templates: "tpl", ShowFindings: name == "build", Paths: []string{"x.md"}}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("options %+v, want %+v", *got, want)
			}
		})
	}
	t.Run("timeline", func(t *testing.T) {
		var got *TimelineOptions
		cmd := NewCmdTimeline(f, func(o *TimelineOptions) error { got = o; return nil })
		if err := execute(t, cmd, "-f", "ics", "a.md"); err != nil {
			t.Fatal(err)
		}
		if got.Format != "ics" || !reflect.DeepEqual(got.Paths, []string{"a.md"}) {
			t.Errorf("options %+v", *got)
		}
	})
	t.Run("explain", func(t *testing.T) {
		var got *ExplainOptions
		cmd := NewCmdExplain(f, func(o *ExplainOptions) error { got = o; return nil })
		if err := execute(t, cmd, "--config", "c.yaml", "vague-wording"); err != nil {
			t.Fatal(err)
		}
		if got.Rule != "vague-wording" || got.Config != "c.yaml" {
			t.Errorf("options %+v", *got)
		}
	})
}

// TestFactoryClockAndEnvironment: --today wins over the clock, the clock's
// date (not its time) is today, and SOURCE_DATE_EPOCH is read strictly.
func TestFactoryClockAndEnvironment(t *testing.T) {
	f := testFactory()
	if d, err := f.today(""); err != nil || d != time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("today from the clock: %v %v", d, err)
	}
	if d, err := f.today("2026-02-28"); err != nil || d != time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC) {
		t.Errorf("--today: %v %v", d, err)
	}
	if _, err := f.today("2026-02-30"); err == nil {
		t.Error("--today 2026-02-30 accepted")
	}
	env := map[string]string{"SOURCE_DATE_EPOCH": "1767225600"}
	f.Getenv = func(k string) string { return env[k] }
	if e, err := f.epoch(); err != nil || e != time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("epoch %v %v", e, err)
	}
	env["SOURCE_DATE_EPOCH"] = "yesterday"
	if _, err := f.epoch(); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number is accepted")
	}
}

// TestRootListsEveryCommand: the one registration list has them all.
func TestRootListsEveryCommand(t *testing.T) {
	root := NewRootCmd(testFactory())
	var names []string
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	for _, want := range []string{"lint", "rules", "explain", "timeline", "render", "build", "sign", "verify", "version"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("no %s command in %v", want, names)
		}
	}
}

// TestTodayFromSourceDateEpoch: without --today a reproducible run judges
// against SOURCE_DATE_EPOCH's date, not the clock's.
func TestTodayFromSourceDateEpoch(t *testing.T) {
	f := testFactory()
	f.Getenv = func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1793491200" // 2026-11-01T00:00:00Z
		}
		return ""
	}
	if d, err := f.today(""); err != nil || d != time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) {
		t.Errorf("today %v %v, want SOURCE_DATE_EPOCH's date", d, err)
	}
	if d, _ := f.today("2026-02-28"); d != time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC) {
		t.Errorf("--today must win over SOURCE_DATE_EPOCH: %v", d)
	}
}

func TestVersion(t *testing.T) {
	tests := []struct {
		name string
		bi   *debug.BuildInfo
		want string
		tool string
	}{
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "sendgen v1.4.0", "1.4.0"},
		{"checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-30T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"sendgen (devel) 0123456789ab (2026-11-30T10:00:00Z, modified)", "0.0.0-devel+0123456789ab"},
		{"no build info", nil, "sendgen (devel)", "0.0.0-devel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := testFactory()
			f.BuildInfo = func() (*debug.BuildInfo, bool) { return tt.bi, tt.bi != nil }
			v := f.version()
			if v.String() != tt.want || v.toolVersion() != tt.tool {
				t.Errorf("%q / %q, want %q / %q", v.String(), v.toolVersion(), tt.want, tt.tool)
			}
			var out bytes.Buffer
			f.IO.Out = &out
			if err := runVersion(&VersionOptions{IO: f.IO, Factory: f}); err != nil || !strings.HasPrefix(out.String(), tt.want+"\n") {
				t.Errorf("sendgen version printed %q (%v)", out.String(), err)
			}
		})
	}
}

// TestProgressOnlyOnATerminalOutsideCI: a CI log must not fill with
// redraws, and a pipe gets none.
func TestProgressOnlyOnATerminalOutsideCI(t *testing.T) {
	env := map[string]string{}
	f := testFactory()
	f.Getenv = func(k string) string { return env[k] }
	if newProgress(f, 10, "x") != nil {
		t.Error("a progress bar on a stderr that is not a terminal")
	}
	f.IO.ErrIsTTY = true
	env["CI"] = "true"
	if newProgress(f, 10, "x") != nil {
		t.Error("a progress bar under CI")
	}
	delete(env, "CI")
	if newProgress(f, 1, "x") != nil {
		t.Error("a progress bar for one file")
	}
	p := newProgress(f, 3, "x")
	if p == nil {
		t.Fatal("no progress bar on a terminal")
	}
	for i := 0; i < 3; i++ {
		p.step()
	}
	p.done()
}

// TestEveryCommandHasExamples: each command's --help shows examples, in
// gh's layout (cobra's Example field, printed under "Examples:").
func TestEveryCommandHasExamples(t *testing.T) {
	root := NewRootCmd(testFactory())
	n := 0
	for _, c := range root.Commands() {
		if !c.Runnable() || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		n++
		if c.Example == "" {
			t.Errorf("sendgen %s --help has no examples", c.Name())
		}
		for _, l := range strings.Split(c.Example, "\n") {
			if l != "" && !strings.HasPrefix(l, "  ") {
				t.Errorf("sendgen %s: example line %q is not indented as gh's are", c.Name(), l)
			}
		}
	}
	if n < 7 {
		t.Errorf("%d commands checked", n)
	}
}
