package cli

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
)

// Factory holds what every command needs from the outside world: the
// streams, the clock and the environment. Commands read the clock and the
// environment only through it, so a run is reproducible and testable.
type Factory struct {
	IO     *IO
	Now    func() time.Time
	Getenv func(string) string
	// BuildInfo is the binary's module version and VCS stamp
	// (runtime/debug.ReadBuildInfo); tests give their own.
	BuildInfo func() (*debug.BuildInfo, bool)
}

// NewFactory is the Factory of a real process.
func NewFactory(ios *IO) *Factory {
	return &Factory{IO: ios, Now: time.Now, Getenv: os.Getenv, BuildInfo: debug.ReadBuildInfo}
}

// CommonOptions are the flags every command that lints shares.
type CommonOptions struct {
	Config string // --config: "" means the nearest .sendgen.yaml above each case file
	Today  string // --today YYYY-MM-DD: "" means the clock
}

func (o *CommonOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.Config, "config", "", "configuration file (default: the nearest .sendgen.yaml above each case file)")
	cmd.Flags().StringVar(&o.Today, "today", "", "the date to judge deadlines against, YYYY-MM-DD (default: the date of SOURCE_DATE_EPOCH when it is set, else today)")
}

// today is --today, else the date of SOURCE_DATE_EPOCH (a reproducible
// run: the same findings whatever day it runs), else the clock's date.
func (f *Factory) today(flag string) (time.Time, error) {
	if flag != "" {
		t, msg := casefile.ParseISODate(flag)
		if msg != "" {
			return time.Time{}, usageError{fmt.Errorf("--today: %s", msg)}
		}
		return t, nil
	}
	epoch, err := f.epoch()
	if err != nil {
		return time.Time{}, err
	}
	now := f.Now()
	if !epoch.IsZero() {
		now = epoch
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// epoch is SOURCE_DATE_EPOCH (reproducible-builds.org), the date of a
// document whose case gives none; zero when it is not set.
func (f *Factory) epoch() (time.Time, error) {
	s := f.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// workspace builds the pipeline for a run.
func (f *Factory) workspace(common CommonOptions, opts build.Options) (*build.Workspace, error) {
	today, err := f.today(common.Today)
	if err != nil {
		return nil, err
	}
	epoch, err := f.epoch()
	if err != nil {
		return nil, err
	}
	if common.Today == "" && opts.Now != nil {
		// A long-running command reads the clock at each check instead.
		today = time.Time{}
	}
	opts.ConfigPath, opts.Today, opts.Epoch, opts.Home = common.Config, today, epoch, f.Getenv("HOME")
	return build.New(opts)
}

// oneShot tunes the garbage collector for a command that runs once and
// exits: a run over one file allocates a few megabytes, and collecting
// during it is wasted time, so the heap grows to a soft limit instead
// (batch runs then collect as usual). A GOGC or GOMEMLIMIT the user set is
// left alone, and long-running commands (watch, lsp) never call this.
func (f *Factory) oneShot() {
	if f.Getenv("GOGC") == "" && f.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(32 << 20)
	}
}
