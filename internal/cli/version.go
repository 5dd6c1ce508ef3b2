package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// versionInfo is what the build info says of this binary.
type versionInfo struct {
	Module   string // "v1.2.0", or "(devel)" for a build from a checkout
	Revision string // the VCS revision, "" when not stamped
	Time     string // the revision's commit time
	Modified bool   // built from a working tree with changes
	Go       string
}

func (f *Factory) version() versionInfo {
	v := versionInfo{Module: "(devel)"}
	if f.BuildInfo == nil {
		return v
	}
	bi, ok := f.BuildInfo()
	if !ok || bi == nil {
		return v
	}
	if bi.Main.Version != "" {
		v.Module = bi.Main.Version
	}
	v.Go = bi.GoVersion
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// String is "sendgen v1.2.0" or "sendgen (devel) 1a2b3c4d5e6f (2026-11-30T10:00:00Z, modified)".
func (v versionInfo) String() string {
	s := "sendgen " + v.Module
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		var extra []string
		if v.Time != "" {
			extra = append(extra, v.Time)
		}
		if v.Modified {
			extra = append(extra, "modified")
		}
		s += " " + rev
		if len(extra) > 0 {
			s += " (" + strings.Join(extra, ", ") + ")"
		}
	}
	return s
}

// toolVersion is the version reports name (SARIF driver.version): the
// release without its "v", or "0.0.0-devel" with the revision for a build
// from a checkout (SARIF validators ask for a numeric version).
func (v versionInfo) toolVersion() string {
	if v.Module != "(devel)" {
		return strings.TrimPrefix(v.Module, "v")
	}
	s := "0.0.0-devel"
	if v.Revision != "" {
		rev := v.Revision
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += "+" + rev
	}
	return s
}

// VersionOptions are the flags of `sendgen version`.
type VersionOptions struct {
	IO      *IO
	Factory *Factory
}

// NewCmdVersion is `sendgen version`, the same as `sendgen --version`.
func NewCmdVersion(f *Factory, runF func(*VersionOptions) error) *cobra.Command {
	o := &VersionOptions{IO: f.IO, Factory: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version: the module version and the VCS revision it was built from",
		Example: `  sendgen version
  sendgen --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(o)
			}
			return runVersion(o)
		},
	}
}

func runVersion(o *VersionOptions) error {
	v := o.Factory.version()
	fmt.Fprintln(o.IO.Out, v.String())
	if v.Go != "" {
		fmt.Fprintf(o.IO.Out, "built with %s\n", v.Go)
	}
	return nil
}
