package lint

// Config is what an Engine is built from: the rules' settings and texts, and
// the words that widen what the rules accept. DefaultConfig is the built-in
// rule set (rules.yaml); a program changes a copy of it and calls New. The
// yaml tags are the shape of rules.yaml, so a program may also decode its own
// file into a Config.
type Config struct {
	// Rules maps a rule identifier (RuleIDs) to its settings. New needs an
	// entry for every rule.
	Rules map[string]RuleConfig `yaml:"rules"`
	// Providers are extra provider roles or qualifications, as written
	// ("Play Therapist", "BSL interpreter").
	Providers []string `yaml:"providers"`
	// ProvisionHeadings are extra headings whose content is provision.
	ProvisionHeadings []string `yaml:"provision_headings"`
}

// RuleConfig is one rule's settings and documentation.
type RuleConfig struct {
	// Severity is error, warning, info or off; empty means warning.
	Severity   string `yaml:"severity"`
	Summary    string `yaml:"summary"`
	Scope      string `yaml:"scope"`
	Rationale  string `yaml:"rationale"`
	Law        string `yaml:"law"`
	Bad        string `yaml:"bad"`
	Good       string `yaml:"good"`
	Suggestion string `yaml:"suggestion"`
	// Phrases are the wordings a phrase rule (vague-wording,
	// hedged-commitment) looks for.
	Phrases []Phrase `yaml:"phrases"`
}

// Phrase is a wording a phrase rule looks for.
type Phrase struct {
	Phrase     string   `yaml:"phrase"`  // words, matched case-insensitively
	Pattern    string   `yaml:"pattern"` // or an RE2 regular expression
	When       string   `yaml:"when"`    // always (default) | unquantified
	Exceptions []string `yaml:"exceptions"`
	Rationale  string   `yaml:"rationale"`
	Suggestion string   `yaml:"suggestion"`
}

//go:generate go run gen.go

// DefaultConfig returns the built-in rule set, rules.yaml, as a fresh value
// the caller may change. It comes from default_gen.go, rules.yaml compiled
// into Go: parsing the YAML cost about 2 ms of every process start.
// TestGeneratedDefault keeps the two equal, so rules.yaml stays the source.
func DefaultConfig() Config {
	return generatedDefault()
}

// Clone returns a deep copy of c, so that changing it leaves c alone.
func (c Config) Clone() Config {
	out := Config{
		Rules:             make(map[string]RuleConfig, len(c.Rules)),
		Providers:         append([]string(nil), c.Providers...),
		ProvisionHeadings: append([]string(nil), c.ProvisionHeadings...),
	}
	for id, r := range c.Rules {
		r.Phrases = append([]Phrase(nil), r.Phrases...)
		for i := range r.Phrases {
			r.Phrases[i].Exceptions = append([]string(nil), r.Phrases[i].Exceptions...)
		}
		out.Rules[id] = r
	}
	return out
}
