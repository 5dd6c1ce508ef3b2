// Package config loads sendgen's rule configuration: the embedded
// rules.yaml, then a user's .sendgen.yaml on top. It is strict: an unknown
// key is an error naming its file and line, because a misspelt severity
// that is silently ignored is worse than no configuration at all.
//
// viper reads and decodes the files. Two of its habits are handled here:
// it lowercases every map key (so rule identifiers, which are lower case,
// are the only map keys, and user-written words live in lists), and its
// UnmarshalExact names bad keys but not their lines (so the YAML is also
// walked as a node tree to report file:line).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/fsutil"
	"github.com/sendgen/sendgen/internal/suggest"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/timeline"
)

// FileName is the name of a user configuration file.
const FileName = ".sendgen.yaml"

// Config is a loaded configuration: the built-in rules with a user file
// applied, converted into what the engines take. lint.Config is embedded, so
// c.Rules and c.Providers read as before.
type Config struct {
	lint.Config
	// BankHolidays are extra non-working days, YYYY-MM-DD, already checked.
	BankHolidays []string
	// Sources lists the files this configuration was read from.
	Sources []string
	// Exclude are glob patterns (path/filepath.Match syntax plus "**" for
	// any number of folders) of files a folder walk does not take, relative
	// to ExcludeBase, the folder of the configuration file.
	Exclude     []string
	ExcludeBase string
}

// Calendar is the working-day calendar: the built-in bank holidays plus the
// configured ones (checked when the file was loaded).
func (c *Config) Calendar() *timeline.Calendar {
	cal := timeline.DefaultCalendar()
	var extra []time.Time
	for _, s := range c.BankHolidays {
		if t, msg := casefile.ParseISODate(s); msg == "" {
			extra = append(extra, t)
		}
	}
	if len(extra) > 0 {
		cal = cal.With(extra...)
	}
	return cal
}

// file is the shape of a configuration file as viper decodes it; its
// mapstructure tags are also what checkKeys walks for unknown keys.
type file struct {
	// ProvisionHeadings are extra headings whose content is provision.
	ProvisionHeadings []string `mapstructure:"provision_headings" yaml:"provision_headings"`
	// BankHolidays are extra non-working days, YYYY-MM-DD.
	BankHolidays []string `mapstructure:"bank_holidays" yaml:"bank_holidays"`
	// Providers are extra provider roles or qualifications.
	Providers []string `mapstructure:"providers" yaml:"providers"`
	// Rules maps a rule identifier to its settings.
	Rules map[string]Rule `mapstructure:"rules" yaml:"rules"`
	// Exclude are globs, relative to the configuration file's folder, of
	// files that folder arguments do not take (drafts, templates, notes).
	Exclude []string `mapstructure:"exclude" yaml:"exclude"`
	// ruleNames are the keys under rules as written, empty ones included.
	ruleNames []string
}

// Rule is one rule's settings and documentation, as a file writes them.
type Rule struct {
	Severity   string   `mapstructure:"severity" yaml:"severity"` // error | warning | info | off
	Summary    string   `mapstructure:"summary" yaml:"summary"`
	Scope      string   `mapstructure:"scope" yaml:"scope"`
	Rationale  string   `mapstructure:"rationale" yaml:"rationale"`
	Law        string   `mapstructure:"law" yaml:"law"`
	Bad        string   `mapstructure:"bad" yaml:"bad"`
	Good       string   `mapstructure:"good" yaml:"good"`
	Suggestion string   `mapstructure:"suggestion" yaml:"suggestion"`
	Phrases    []Phrase `mapstructure:"phrases" yaml:"phrases"`
}

// Phrase is a wording a phrase rule looks for.
type Phrase struct {
	Phrase     string   `mapstructure:"phrase" yaml:"phrase"`   // words, matched case-insensitively
	Pattern    string   `mapstructure:"pattern" yaml:"pattern"` // or an RE2 regular expression
	When       string   `mapstructure:"when" yaml:"when"`       // always (default) | unquantified
	Exceptions []string `mapstructure:"exceptions" yaml:"exceptions"`
	Rationale  string   `mapstructure:"rationale" yaml:"rationale"`
	Suggestion string   `mapstructure:"suggestion" yaml:"suggestion"`
}

// Error is a configuration problem with its place.
type Error struct {
	Path    string
	Line    int
	Message string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Message)
}

// builtIn names the embedded rules.yaml in Sources and errors.
const builtIn = "rules.yaml (built in)"

// Default returns the built-in configuration, rules.yaml (lint.DefaultConfig,
// compiled from it), as a fresh value the caller may change.
func Default() (*Config, error) {
	return &Config{Config: lint.DefaultConfig(), BankHolidays: []string{}, Sources: []string{builtIn}}, nil
}

// Load returns the default configuration with the user file at path (if
// path is not empty) applied on top.
func Load(path string) (*Config, error) {
	cfg, err := Default()
	if err != nil {
		return nil, err
	}
	if path == "" {
		return cfg, nil
	}
	src, err := fsutil.ReadLimited(path, MaxFileSize)
	if err != nil {
		return nil, &Error{Path: path, Message: fmt.Sprintf("cannot read the configuration: %v", err)}
	}
	user, err := decode(path, src)
	if err != nil {
		return nil, err
	}
	if err := cfg.merge(user, path, src); err != nil {
		return nil, err
	}
	return cfg, nil
}

// Excludes reports whether the configuration's exclude patterns match a
// file (or folder) met in a folder walk.
func (c *Config) Excludes(path string) bool {
	if len(c.Exclude) == 0 {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.ExcludeBase, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	return MatchAny(c.Exclude, filepath.ToSlash(rel))
}

// MatchAny reports whether a slash-separated relative path matches one of
// the patterns (checked when they were loaded), or lies inside a folder
// that does: "drafts" excludes everything under drafts/.
func MatchAny(patterns []string, rel string) bool {
	for _, g := range patterns {
		g = strings.TrimSuffix(filepath.ToSlash(g), "/")
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if ok, _ := doublestar.Match(g+"/**", rel); ok {
			return true
		}
	}
	return false
}

// Find walks up from dir looking for .sendgen.yaml and returns its path, or
// "" when there is none. It stops at the root of the repository dir is in
// (the folder holding .git) and at home (the user's home folder; "" for
// none): a .sendgen.yaml far above the case files, which nobody working on
// them knows about, must not switch their rules off.
func Find(dir, home string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if home != "" {
		if h, err := filepath.Abs(home); err == nil {
			home = h
		}
	}
	for {
		for _, name := range []string{FileName, ".sendgen.yml"} {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil || dir == home {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// MaxFileSize bounds a configuration file: real ones are a few hundred
// bytes, and /dev/zero or a sparse 20 GB file must fail at once.
const MaxFileSize = 1 << 20

// merge applies a user configuration: severities replace, lists add.
func (c *Config) merge(u *file, path string, src []byte) error {
	c.ProvisionHeadings = append(c.ProvisionHeadings, u.ProvisionHeadings...)
	c.BankHolidays = append(c.BankHolidays, u.BankHolidays...)
	c.Providers = append(c.Providers, u.Providers...)
	c.Exclude = append(c.Exclude, u.Exclude...)
	c.ExcludeBase = filepath.Dir(path)
	var errs []error
	names := keys(u.Rules)
	for _, id := range u.ruleNames {
		if _, ok := u.Rules[id]; !ok {
			names = append(names, id) // written with no settings: still a name to check
		}
	}
	sort.Strings(names)
	for _, id := range names {
		ur := u.Rules[id]
		r, ok := c.Rules[id]
		if !ok {
			errs = append(errs, &Error{Path: path, Line: lineOf(src, "rules", id), Message: fmt.Sprintf("unknown rule %q%s; 'sendgen rules' lists them", id, didYouMean(id, keys(c.Rules)))})
			continue
		}
		if ur.Severity != "" {
			r.Severity = ur.Severity
		}
		for _, p := range ur.Phrases {
			r.Phrases = append(r.Phrases, lint.Phrase(p))
		}
		c.Rules[id] = r
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	c.Sources = append(c.Sources, path)
	return nil
}

// decode reads a user configuration: the YAML node tree first, so that an
// unknown key is reported with its line, then viper, strictly.
func decode(path string, src []byte) (*file, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, &Error{Path: path, Message: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		if err := checkKeys(path, root.Content[0], reflect.TypeOf(file{}), ""); err != nil {
			return nil, err
		}
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(src)); err != nil {
		return nil, &Error{Path: path, Message: err.Error()}
	}
	var cfg file
	// viper drops a key whose value is empty ("no-such-rule: {}"), so the
	// rule names come from the node tree: a misspelt rule is never
	// accepted silently.
	if n := nodeAt(src, "rules"); n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			cfg.ruleNames = append(cfg.ruleNames, strings.ToLower(n.Content[i].Value)) // as viper reads map keys
		}
	}
	if err := v.UnmarshalExact(&cfg, viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		dateAsString, mapstructure.StringToTimeDurationHookFunc(), mapstructure.StringToSliceHookFunc(",")))); err != nil {
		return nil, &Error{Path: path, Message: err.Error()}
	}
	if err := cfg.validate(path, src); err != nil {
		return nil, err
	}
	return &cfg, nil
}

var severities = []string{"error", "warning", "info", "off"}

func (c *file) validate(path string, src []byte) error {
	var errs []error
	for i, d := range c.BankHolidays {
		if _, msg := casefile.ParseISODate(d); msg != "" {
			errs = append(errs, &Error{Path: path, Line: itemLine(src, i, "bank_holidays"),
				Message: fmt.Sprintf("bank_holidays[%d]: %s", i+1, msg)})
		}
	}
	for i, g := range c.Exclude {
		if !doublestar.ValidatePattern(filepath.ToSlash(g)) || g == "" || filepath.IsAbs(g) {
			errs = append(errs, &Error{Path: path, Line: itemLine(src, i, "exclude"),
				Message: fmt.Sprintf("exclude[%d]: %q is not a relative glob pattern (write e.g. 'drafts/**' or '**/README.md', relative to this file's folder)", i+1, g)})
		}
	}
	for _, id := range keys(c.Rules) {
		r := c.Rules[id]
		if r.Severity != "" && !contains(severities, r.Severity) {
			errs = append(errs, &Error{Path: path, Line: lineOf(src, "rules", id, "severity"),
				Message: fmt.Sprintf("rules.%s.severity is %q; it must be one of %s", id, r.Severity, strings.Join(severities, ", "))})
		}
		for i, p := range r.Phrases {
			if (p.Phrase == "") == (p.Pattern == "") {
				errs = append(errs, &Error{Path: path, Line: lineOf(src, "rules", id, "phrases"),
					Message: fmt.Sprintf("rules.%s.phrases[%d] needs exactly one of 'phrase' or 'pattern'", id, i+1)})
			}
			if p.Pattern != "" {
				if _, err := regexp.Compile(p.Pattern); err != nil {
					errs = append(errs, &Error{Path: path, Line: phraseLine(src, id, i, "pattern"),
						Message: fmt.Sprintf("rules.%s.phrases[%d].pattern %q is not a valid RE2 regular expression: %v", id, i+1, p.Pattern, regexpReason(err))})
				}
			}
			for j, ex := range p.Exceptions {
				if _, err := regexp.Compile(ex); err != nil {
					errs = append(errs, &Error{Path: path, Line: phraseLine(src, id, i, "exceptions"),
						Message: fmt.Sprintf("rules.%s.phrases[%d].exceptions[%d] %q is not a valid RE2 regular expression: %v", id, i+1, j+1, ex, regexpReason(err))})
				}
			}
			if p.When != "" && p.When != "always" && p.When != "unquantified" {
				errs = append(errs, &Error{Path: path, Line: lineOf(src, "rules", id, "phrases"),
					Message: fmt.Sprintf("rules.%s.phrases[%d].when is %q; it must be always or unquantified", id, i+1, p.When)})
			}
		}
	}
	return errors.Join(errs...)
}

// checkKeys walks the YAML against the struct's mapstructure tags so that
// an unknown key is reported with its line and the nearest known key.
func checkKeys(path string, n *yaml.Node, t reflect.Type, prefix string) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			if n.Tag == "!!null" {
				return nil
			}
			return &Error{Path: path, Line: n.Line, Message: fmt.Sprintf("%s should be a mapping", strings.TrimSuffix(prefix, "."))}
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("mapstructure")
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = t.Field(i).Type
			names = append(names, tag)
		}
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				errs = append(errs, &Error{Path: path, Line: k.Line, Message: fmt.Sprintf("unknown key %s%s%s", prefix, k.Value, didYouMean(k.Value, names))})
				continue
			}
			if err := checkKeys(path, v, ft, prefix+k.Value+"."); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			if n.Tag == "!!null" {
				return nil
			}
			return &Error{Path: path, Line: n.Line, Message: fmt.Sprintf("%s should be a mapping", strings.TrimSuffix(prefix, "."))}
		}
		var errs []error
		for i := 0; i+1 < len(n.Content); i += 2 {
			if err := checkKeys(path, n.Content[i+1], t.Elem(), prefix+n.Content[i].Value+"."); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			if n.Tag == "!!null" {
				return nil
			}
			return &Error{Path: path, Line: n.Line, Message: fmt.Sprintf("%s should be a list", strings.TrimSuffix(prefix, "."))}
		}
		var errs []error
		for i, it := range n.Content {
			if err := checkKeys(path, it, t.Elem(), fmt.Sprintf("%s[%d].", strings.TrimSuffix(prefix, "."), i+1)); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	default:
		if n.Kind != yaml.ScalarNode {
			return &Error{Path: path, Line: n.Line, Message: fmt.Sprintf("%s should be a single value", strings.TrimSuffix(prefix, "."))}
		}
	}
	return nil
}

// dateAsString undoes YAML's reading of an unquoted 2026-12-29 as a
// timestamp: every date in the configuration is a YYYY-MM-DD string.
func dateAsString(from, to reflect.Type, data any) (any, error) {
	if t, ok := data.(time.Time); ok && to.Kind() == reflect.String {
		return t.Format(time.DateOnly), nil
	}
	return data, nil
}

// itemLine is the line of the i-th item of the list at a key path.
func itemLine(src []byte, i int, keys ...string) int {
	n := nodeAt(src, keys...)
	if n == nil {
		return lineOf(src, keys...)
	}
	if n.Kind == yaml.SequenceNode && i < len(n.Content) {
		return n.Content[i].Line
	}
	return n.Line
}

// nodeAt is the value node at a key path, or nil.
func nodeAt(src []byte, keys ...string) *yaml.Node {
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) == 0 {
		return nil
	}
	n := root.Content[0]
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
				break
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}

// lineOf finds the line of a key path in a file's text, for errors found
// after decoding. It returns 0 when the key cannot be found.
func lineOf(src []byte, keys ...string) int {
	var root yaml.Node
	if yaml.Unmarshal(src, &root) != nil || len(root.Content) == 0 {
		return 0
	}
	n := root.Content[0]
	line := 0
	for _, k := range keys {
		if n.Kind != yaml.MappingNode {
			return line
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				line = n.Content[i].Line
				n = n.Content[i+1]
				found = true
				break
			}
		}
		if !found {
			return line
		}
	}
	return line
}

// keys returns a map's keys sorted, so errors and suggestions come out the
// same on every run.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func didYouMean(s string, names []string) string {
	if best := suggest.Nearest(s, names); best != "" {
		return fmt.Sprintf(" (did you mean '%s'?)", best)
	}
	return ""
}

// phraseLine is the line of a key of the i-th phrase of a rule.
func phraseLine(src []byte, id string, i int, key string) int {
	n := nodeAt(src, "rules", id, "phrases")
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return lineOf(src, "rules", id, "phrases")
	}
	item := n.Content[i]
	for k := 0; k+1 < len(item.Content); k += 2 {
		if item.Content[k].Value == key {
			return item.Content[k].Line
		}
	}
	return item.Line
}

// regexpReason is a regexp error without its "error parsing regexp:" prefix.
func regexpReason(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}
