package config

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	sendgen "github.com/sendgen/sendgen"
	"github.com/sendgen/sendgen/lint"
)

// TestDefaultKeys checks the embedded rules.yaml with the same strict key
// walk user files get, since Default skips it at run time.
func TestDefaultKeys(t *testing.T) {
	var root yaml.Node
	if err := yaml.Unmarshal(sendgen.DefaultRules, &root); err != nil {
		t.Fatal(err)
	}
	if err := checkKeys("rules.yaml", root.Content[0], reflect.TypeOf(file{}), ""); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultSameAsViper checks that the built-in rules (lint.DefaultConfig,
// generated from rules.yaml) are exactly what the viper path gives when
// rules.yaml is read as a user file on top of an empty rule set.
func TestDefaultSameAsViper(t *testing.T) {
	slow, err := decode(builtIn, sendgen.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	got := &Config{Config: lint.Config{Rules: map[string]lint.RuleConfig{}}, BankHolidays: []string{}}
	for id := range slow.Rules {
		got.Rules[id] = lint.RuleConfig{}
	}
	for id, r := range slow.Rules {
		lr := lint.RuleConfig{Severity: r.Severity, Summary: r.Summary, Scope: r.Scope, Rationale: r.Rationale,
			Law: r.Law, Bad: r.Bad, Good: r.Good, Suggestion: r.Suggestion}
		for _, p := range r.Phrases {
			lr.Phrases = append(lr.Phrases, lint.Phrase(p))
		}
		got.Rules[id] = lr
	}
	got.Providers = append([]string{}, slow.Providers...)
	got.ProvisionHeadings = append([]string{}, slow.ProvisionHeadings...)
	want := lint.DefaultConfig()
	if !reflect.DeepEqual(got.Config, want) {
		t.Errorf("lint.DefaultConfig() and the viper decoding of rules.yaml differ:\n got %+v\nwant %+v", got.Config, want)
	}
	if len(slow.BankHolidays) != 0 {
		t.Errorf("rules.yaml lists bank holidays %v; the built-in calendar is in package timeline", slow.BankHolidays)
	}
}

// TestDefaultFresh: merging a user file into Default must not change the
// next Default.
func TestDefaultFresh(t *testing.T) {
	got, _ := Default()
	got.Rules["vague-wording"] = lint.RuleConfig{}
	if again, _ := Default(); reflect.DeepEqual(again.Rules["vague-wording"], lint.RuleConfig{}) {
		t.Fatal("Default returned shared state")
	}
}
