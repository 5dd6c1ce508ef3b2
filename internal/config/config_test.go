package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sendgen/sendgen/internal/config"
)

// specRules are the rule identifiers of shared/spec/case-file.md, then the
// extensions of docs/case-file.md.
var specRules = []string{
	"vague-wording", "hedged-commitment", "missing-frequency", "missing-duration", "missing-provider",
	"unquantified-group", "action-missing-owner", "action-missing-deadline", "frontmatter", "structure",
	"adviser-contact", "mediation-not-arranged", "appeal-not-available",
	"certificate-late", "mediation-late", "authority-not-confirmed", "health-not-present",
	"certificate-not-required", "appeal-deadline", "phase-transfer", "action-late",
}

// extensionRules are the rules docs/case-file.md adds to the spec's.
var extensionRules = []string{"young-person", "date-conflict", "statement-date", "placeholder", "outside-england"}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func load(t *testing.T, content string) (*config.Config, string, error) {
	t.Helper()
	p := write(t, t.TempDir(), config.FileName, content)
	c, err := config.Load(p)
	return c, p, err
}

func TestDefault(t *testing.T) {
	c, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(append([]string{}, specRules...), extensionRules...) {
		r, ok := c.Rules[id]
		if !ok {
			t.Errorf("rules.yaml has no rule %s", id)
			continue
		}
		if !slices.Contains([]string{"error", "warning", "info"}, r.Severity) {
			t.Errorf("%s: default severity %q", id, r.Severity)
		}
		if r.Summary == "" || r.Rationale == "" || r.Law == "" {
			t.Errorf("%s: summary, rationale and law are what `sendgen explain` prints; one is empty", id)
		}
	}
	if len(c.Rules) != len(specRules)+len(extensionRules) {
		t.Errorf("rules.yaml has %d rules, the spec %d and the extensions %d", len(c.Rules), len(specRules), len(extensionRules))
	}
	for _, id := range []string{"vague-wording", "hedged-commitment"} {
		if len(c.Rules[id].Phrases) < 5 {
			t.Errorf("%s has only %d phrases", id, len(c.Rules[id].Phrases))
		}
	}
	if len(c.Sources) != 1 || !strings.Contains(c.Sources[0], "built in") {
		t.Errorf("Sources = %q", c.Sources)
	}
	// Load("") is the defaults.
	d, err := config.Load("")
	if err != nil || len(d.Rules) != len(c.Rules) || len(d.Sources) != 1 {
		t.Errorf("Load(\"\") = %v, %v", d, err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	if p := config.Find(root, ""); p != "" {
		t.Skipf("a configuration above the temporary folder (%s) would make this test meaningless", p)
	}
	// root/
	//   .sendgen.yaml
	//   cases/2026/autumn/        -> root/.sendgen.yaml (walk up three levels)
	//   team/.sendgen.yaml        -> nearest wins
	//   team/x/y/
	//   yml/.sendgen.yml          -> the .yml spelling
	//   yml/deep/
	//   both/.sendgen.yaml + .sendgen.yml -> .yaml first
	//   dir/.sendgen.yaml/        -> a folder of that name is not a config
	top := write(t, root, ".sendgen.yaml", "")
	team := write(t, root, "team/.sendgen.yaml", "")
	yml := write(t, root, "yml/.sendgen.yml", "")
	both := write(t, root, "both/.sendgen.yaml", "")
	write(t, root, "both/.sendgen.yml", "")
	for _, d := range []string{"cases/2026/autumn", "team/x/y", "yml/deep", "dir/.sendgen.yaml", "dir/sub"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct{ dir, want string }{
		{root, top},
		{filepath.Join(root, "cases"), top},
		{filepath.Join(root, "cases/2026/autumn"), top},
		{filepath.Join(root, "team"), team},
		{filepath.Join(root, "team/x/y"), team},
		{filepath.Join(root, "yml"), yml},
		{filepath.Join(root, "yml/deep"), yml},
		{filepath.Join(root, "both"), both},
		{filepath.Join(root, "dir/sub"), top},
		{filepath.Join(root, "cases/2026/autumn/../.."), top},
	}
	for _, tt := range tests {
		if got := config.Find(tt.dir, ""); got != tt.want {
			t.Errorf("Find(%s) = %q, want %q", strings.TrimPrefix(tt.dir, root), got, tt.want)
		}
	}

	// Without any configuration above, Find says so.
	bare := t.TempDir()
	if got := config.Find(bare, ""); got != "" {
		t.Errorf("Find(bare) = %q, want \"\"", got)
	}

	// A relative folder is resolved against the working directory, and the
	// result is absolute so that engines are cached per file.
	t.Chdir(filepath.Join(root, "team/x"))
	for _, dir := range []string{".", "y", "../x/y"} {
		if got := config.Find(dir, ""); got != team {
			t.Errorf("Find(%q) from team/x = %q, want %q", dir, got, team)
		}
	}
}

// configErrors unwraps a (possibly joined) error into its *config.Error values.
func configErrors(err error) []*config.Error {
	var out []*config.Error
	var walk func(error)
	walk = func(e error) {
		if ce, ok := e.(*config.Error); ok {
			out = append(out, ce)
			return
		}
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		if u := errors.Unwrap(e); u != nil {
			walk(u)
		}
	}
	walk(err)
	return out
}

type wantErr struct {
	line    int
	message string // substring
	hint    string // "did you mean" suggestion, "" = none expected
}

func checkErrors(t *testing.T, path string, err error, want []wantErr) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", want)
	}
	got := configErrors(err)
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(got), len(want), err)
	}
	for i, w := range want {
		g := got[i]
		if g.Path != path {
			t.Errorf("error %d: path %q, want %q", i, g.Path, path)
		}
		if g.Line != w.line {
			t.Errorf("error %d: line %d, want %d: %v", i, g.Line, w.line, g)
		}
		if !strings.Contains(g.Message, w.message) {
			t.Errorf("error %d: %q does not contain %q", i, g.Message, w.message)
		}
		hasHint := strings.Contains(g.Message, "did you mean")
		switch {
		case w.hint == "" && hasHint:
			t.Errorf("error %d: unexpected suggestion in %q", i, g.Message)
		case w.hint != "" && !strings.Contains(g.Message, "did you mean '"+w.hint+"'?"):
			t.Errorf("error %d: %q does not suggest %q", i, g.Message, w.hint)
		}
		// The printed form leads with file:line, like a compiler.
		if w.line > 0 && !strings.HasPrefix(g.Error(), path+":"+strconv.Itoa(w.line)+": ") {
			t.Errorf("error %d prints as %q", i, g.Error())
		}
	}
}

func TestUnknownKeys(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []wantErr
	}{
		{"top level", "provider: [Makaton tutor]\n",
			[]wantErr{{1, "unknown key provider", "providers"}}},
		{"top level after comments", "# my config\n\nbank_holiday: [2026-12-29]\n",
			[]wantErr{{3, "unknown key bank_holiday", "bank_holidays"}}},
		{"top level, nothing close", "colour: red\n",
			[]wantErr{{1, "unknown key colour", ""}}},
		{"capitalised key is not the key", "Providers: [x]\n",
			[]wantErr{{1, "unknown key Providers", "providers"}}},
		{"in a rule", "rules:\n  vague-wording:\n    severty: warning\n",
			[]wantErr{{3, "unknown key rules.vague-wording.severty", "severity"}}},
		{"in a phrase", "rules:\n  vague-wording:\n    phrases:\n      - phrase: one\n      - phrse: two\n",
			[]wantErr{{5, "unknown key rules.vague-wording.phrases[2].phrse", "phrase"}}},
		{"deepest: exceptions", "rules:\n  hedged-commitment:\n    phrases:\n      - pattern: '\\bmaybe\\b'\n        exeptions: [x]\n",
			[]wantErr{{5, "unknown key rules.hedged-commitment.phrases[1].exeptions", "exceptions"}}},
		{"several at once, in file order", "provisions_headings: [x]\nrules:\n  frontmatter:\n    sevrity: off\n    sumary: x\n",
			[]wantErr{{1, "unknown key provisions_headings", "provision_headings"},
				{4, "unknown key rules.frontmatter.sevrity", "severity"},
				{5, "unknown key rules.frontmatter.sumary", "summary"}}},
		{"a list where a mapping belongs", "rules: [vague-wording]\n",
			[]wantErr{{1, "rules should be a mapping", ""}}},
		{"a word where a list belongs", "providers: Makaton tutor\n",
			[]wantErr{{1, "providers should be a list", ""}}},
		{"a mapping where a word belongs", "rules:\n  vague-wording:\n    severity: {level: off}\n",
			[]wantErr{{3, "rules.vague-wording.severity should be a single value", ""}}},
		{"a dotted key is not a path", "rules:\n  vague-wording.severity: off\n",
			[]wantErr{{2, "rules.vague-wording.severity should be a mapping", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p, err := load(t, tt.yaml)
			checkErrors(t, p, err, tt.want)
		})
	}
}

func TestBadValues(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []wantErr
	}{
		{"bad severity", "rules:\n  missing-provider:\n    severity: fatal\n",
			[]wantErr{{3, `rules.missing-provider.severity is "fatal"; it must be one of error, warning, info, off`, ""}}},
		{"severity is case-sensitive", "rules:\n  missing-provider:\n    severity: Warning\n",
			[]wantErr{{3, `severity is "Warning"`, ""}}},
		{"phrase and pattern both", "rules:\n  vague-wording:\n    phrases:\n      - phrase: as needed\n        pattern: '\\bas\\s+needed\\b'\n",
			[]wantErr{{3, "rules.vague-wording.phrases[1] needs exactly one of 'phrase' or 'pattern'", ""}}},
		{"neither phrase nor pattern", "rules:\n  vague-wording:\n    phrases:\n      - phrase: fine\n      - rationale: no words\n",
			[]wantErr{{3, "rules.vague-wording.phrases[2] needs exactly one of 'phrase' or 'pattern'", ""}}},
		{"bad when", "rules:\n  vague-wording:\n    phrases:\n      - phrase: somewhat\n        when: sometimes\n",
			[]wantErr{{3, `rules.vague-wording.phrases[1].when is "sometimes"`, ""}}},
		{"unknown rule", "rules:\n  vage-wording:\n    severity: off\n",
			[]wantErr{{2, `unknown rule "vage-wording"`, "vague-wording"}}},
		{"bad exclude", "exclude:\n  - drafts/**\n  - '[unclosed'\n",
			[]wantErr{{3, `exclude[2]: "[unclosed" is not a relative glob pattern`, ""}}},
		{"absolute exclude", "exclude:\n  - /etc/**\n",
			[]wantErr{{2, `exclude[1]: "/etc/**" is not a relative glob pattern`, ""}}},
		{"unknown rule, nothing close", "rules:\n  spelling:\n    severity: off\n",
			[]wantErr{{2, `unknown rule "spelling"`, ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, p, err := load(t, tt.yaml)
			checkErrors(t, p, err, tt.want)
		})
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := config.Load(filepath.Join(t.TempDir(), "missing.yaml"))
	if err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
	_, p, err := load(t, "rules:\n  vague-wording: [\n")
	if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "not valid YAML") || !strings.Contains(err.Error(), "line ") {
		t.Errorf("invalid YAML: %v", err)
	}
}

func TestEmptyAndNullSections(t *testing.T) {
	def, _ := config.Default()
	for _, y := range []string{"", "# nothing yet\n", "rules:\n", "providers:\nrules:\n  vague-wording:\n", "rules:\n  vague-wording:\n    phrases:\n"} {
		c, p, err := load(t, y)
		if err != nil {
			t.Errorf("%q: %v", y, err)
			continue
		}
		if len(c.Rules["vague-wording"].Phrases) != len(def.Rules["vague-wording"].Phrases) || c.Rules["vague-wording"].Severity != "error" {
			t.Errorf("%q changed the defaults", y)
		}
		if !slices.Equal(c.Sources, []string{def.Sources[0], p}) {
			t.Errorf("%q: Sources = %q", y, c.Sources)
		}
	}
}

func TestMerge(t *testing.T) {
	def, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, p, err := load(t, `
provision_headings: [Proposed Provision]
bank_holidays: ['2026-12-29']
providers: [Makaton Tutor, ELKLAN-trained TA]
rules:
  vague-wording:
    severity: warning
    phrases:
      - phrase: Access To The POOL
        exceptions: ['\bPool Party\b']
        rationale: Keep My Capitals
        suggestion: Say "Weekly Swimming With A Qualified Instructor"
      - pattern: '\bTBC\b'
  missing-frequency:
    severity: off
  appeal-deadline:
    severity: error
`)
	if err != nil {
		t.Fatal(err)
	}
	// Severities replace; everything else about the rule stays.
	for id, want := range map[string]string{"vague-wording": "warning", "missing-frequency": "off", "appeal-deadline": "error",
		"hedged-commitment": def.Rules["hedged-commitment"].Severity} {
		if got := c.Rules[id].Severity; got != want {
			t.Errorf("%s severity %q, want %q", id, got, want)
		}
	}
	if c.Rules["vague-wording"].Summary != def.Rules["vague-wording"].Summary || c.Rules["missing-frequency"].Law != def.Rules["missing-frequency"].Law {
		t.Error("a severity change dropped the rule's documentation")
	}
	// Phrases append after the defaults, in file order.
	got, base := c.Rules["vague-wording"].Phrases, def.Rules["vague-wording"].Phrases
	if len(got) != len(base)+2 {
		t.Fatalf("%d phrases, want %d defaults + 2", len(got), len(base))
	}
	for i := range base {
		if got[i].Phrase != base[i].Phrase || got[i].Pattern != base[i].Pattern {
			t.Errorf("default phrase %d changed: %+v", i, got[i])
		}
	}
	// viper lowercases keys; it must not lowercase the words people wrote.
	added := got[len(base)]
	if added.Phrase != "Access To The POOL" || !slices.Equal(added.Exceptions, []string{`\bPool Party\b`}) ||
		added.Rationale != "Keep My Capitals" || added.Suggestion != `Say "Weekly Swimming With A Qualified Instructor"` {
		t.Errorf("user phrase not kept verbatim: %+v", added)
	}
	if got[len(base)+1].Pattern != `\bTBC\b` {
		t.Errorf("pattern not kept verbatim: %q", got[len(base)+1].Pattern)
	}
	// Lists append.
	if want := append(slices.Clone(def.Providers), "Makaton Tutor", "ELKLAN-trained TA"); !slices.Equal(c.Providers, want) {
		t.Errorf("providers %q, want %q", c.Providers, want)
	}
	if want := append(slices.Clone(def.ProvisionHeadings), "Proposed Provision"); !slices.Equal(c.ProvisionHeadings, want) {
		t.Errorf("provision_headings %q, want %q", c.ProvisionHeadings, want)
	}
	if want := append(slices.Clone(def.BankHolidays), "2026-12-29"); !slices.Equal(c.BankHolidays, want) {
		t.Errorf("bank_holidays %q, want %q", c.BankHolidays, want)
	}
	if !slices.Equal(c.Sources, []string{def.Sources[0], p}) {
		t.Errorf("Sources = %q", c.Sources)
	}

	// Loading is pure: a second load starts from fresh defaults.
	again, err := config.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Rules["vague-wording"].Phrases) != len(base) || again.Rules["vague-wording"].Severity != def.Rules["vague-wording"].Severity || len(again.Providers) != len(def.Providers) {
		t.Error("Load changed the defaults seen by later loads")
	}
}

// TestSeverityOffIsAString: YAML 1.1 reads an unquoted off/no as false;
// the config must see the word the user wrote.
func TestSeverityOffIsAString(t *testing.T) {
	c, _, err := load(t, "rules:\n  vague-wording:\n    severity: off\n  hedged-commitment:\n    severity: 'off'\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"vague-wording", "hedged-commitment"} {
		if c.Rules[id].Severity != "off" {
			t.Errorf("%s severity %q", id, c.Rules[id].Severity)
		}
	}
}

// TestRuleIDCase documents a leniency: viper lowercases map keys, so a
// rule id written in capitals still configures the rule.
func TestRuleIDCase(t *testing.T) {
	c, _, err := load(t, "rules:\n  Vague-Wording:\n    severity: info\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Rules["vague-wording"].Severity != "info" {
		t.Errorf("severity %q", c.Rules["vague-wording"].Severity)
	}
	if _, ok := c.Rules["Vague-Wording"]; ok {
		t.Error("a second, capitalised rule appeared")
	}
}

// TestErrorsAreDeterministic: the same file must give the same message on
// every run, or CI logs and golden tests flap.
func TestErrorsAreDeterministic(t *testing.T) {
	for _, y := range []string{
		"rules:\n  spelling:\n    severity: off\n  grammar:\n    severity: off\n",
		"rules:\n  medion-late:\n    severity: off\n",
		"rules:\n  vague-wording:\n    severity: fatal\n  missing-provider:\n    severity: loud\n  frontmatter:\n    severity: noisy\n",
	} {
		_, p, first := load(t, y)
		if first == nil {
			t.Fatalf("%q: no error", y)
		}
		for i := 0; i < 30; i++ {
			_, err := config.Load(p)
			if err == nil || err.Error() != first.Error() {
				t.Fatalf("%q: run %d says %v, run 0 said %v", y, i, err, first)
			}
		}
		if strings.Contains(y, "grammar") && (!strings.Contains(first.Error(), "spelling") || !strings.Contains(first.Error(), "grammar")) {
			t.Errorf("only one of two unknown rules reported: %v", first)
		}
	}
}

// TestBankHolidaysUnquoted: rules.yaml documents bank_holidays as
// YYYY-MM-DD, and people write dates unquoted.
func TestBankHolidaysUnquoted(t *testing.T) {
	c, _, err := load(t, "bank_holidays: [2026-12-29, 2027-01-04]\n")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.BankHolidays, []string{"2026-12-29", "2027-01-04"}) {
		t.Errorf("bank_holidays %q", c.BankHolidays)
	}
}

// TestFindStopsAtRepositoryAndHome: a .sendgen.yaml above the repository
// root or the home folder does not apply (one three folders up once turned a
// rule off without anyone knowing).
func TestFindStopsAtRepositoryAndHome(t *testing.T) {
	root := t.TempDir()
	write(t, root, ".sendgen.yaml", "")
	repo := filepath.Join(root, "repo")
	inRepo := write(t, repo, "cases/.sendgen.yaml", "")
	for _, d := range []string{"repo/.git", "repo/cases/a", "repo/other/b", "home/me/cases", "worktree/x"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "worktree/.git", "gitdir: elsewhere\n") // a git worktree has a .git file
	home := filepath.Join(root, "home/me")
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(repo, "cases/a"), inRepo},
		{filepath.Join(repo, "other/b"), ""},
		{filepath.Join(root, "worktree/x"), ""},
		{filepath.Join(home, "cases"), ""},
	} {
		if got := config.Find(tt.dir, home); got != tt.want {
			t.Errorf("Find(%s) = %q, want %q", strings.TrimPrefix(tt.dir, root), got, tt.want)
		}
	}
}

func TestPatternErrorsNameFileAndLine(t *testing.T) {
	_, path, err := load(t, "rules:\n  vague-wording:\n    phrases:\n      - phrase: as needed\n      - pattern: '\\bsome(thing'\n        exceptions: ['(?<=x)y']\n")
	if err == nil {
		t.Fatal("a bad pattern is accepted")
	}
	for _, want := range []string{path + ":5: rules.vague-wording.phrases[2].pattern", "missing closing )", path + ":6: rules.vague-wording.phrases[2].exceptions[1]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

// TestExclude: patterns are relative to the configuration file's folder,
// "**" crosses folders, a folder pattern takes what is inside it, and a
// file outside the folder is never excluded by it.
func TestExclude(t *testing.T) {
	c, p, err := load(t, "exclude:\n  - drafts\n  - '**/README.md'\n  - 'notes/*.md'\n")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(p)
	for rel, want := range map[string]bool{
		"drafts/a.md": true, "drafts/sub/b.md": true, "drafts": true, "README.md": true, "cases/x/README.md": true,
		"notes/n.md": true, "notes/deeper/n.md": false, "cases/a.md": false, "draftsman.md": false,
	} {
		if got := c.Excludes(filepath.Join(dir, filepath.FromSlash(rel))); got != want {
			t.Errorf("%s: excluded %v, want %v", rel, got, want)
		}
	}
	if c.Excludes(filepath.Join(filepath.Dir(dir), "drafts", "a.md")) {
		t.Error("a file outside the configuration's folder is excluded")
	}
	def, _ := config.Default()
	if def.Excludes("drafts/a.md") {
		t.Error("the defaults exclude something")
	}
}

// TestEmptyUnknownRule: a rule written with no settings is still a name to
// check (viper drops the empty value, and the misspelling with it).
func TestEmptyUnknownRule(t *testing.T) {
	_, path, err := load(t, "rules:\n  missing-provider: {}\n  missing-provder: {}\n")
	if err == nil || !strings.Contains(err.Error(), path+":3: unknown rule \"missing-provder\"") || !strings.Contains(err.Error(), "missing-provider") {
		t.Errorf("error %v", err)
	}
	if _, _, err := load(t, "rules:\n  missing-provider: {}\n"); err != nil {
		t.Errorf("a known rule with no settings: %v", err)
	}
}
