package lint

import (
	"bytes"
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	sendgen "github.com/sendgen/sendgen"
)

// TestGeneratedDefault checks default_gen.go against rules.yaml.
func TestGeneratedDefault(t *testing.T) {
	var file struct {
		Config       `yaml:",inline"`
		BankHolidays []string `yaml:"bank_holidays"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(sendgen.DefaultRules))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		t.Fatal(err)
	}
	if got := DefaultConfig(); !reflect.DeepEqual(got, file.Config) {
		t.Fatal("default_gen.go is out of date with rules.yaml: run `go generate ./lint`")
	}
	// DefaultConfig hands out a fresh value.
	a := DefaultConfig()
	a.Rules["vague-wording"] = RuleConfig{}
	a.Providers = append(a.Providers, "x")
	if b := DefaultConfig(); reflect.DeepEqual(b.Rules["vague-wording"], RuleConfig{}) || len(b.Providers) != 0 {
		t.Fatal("DefaultConfig returned shared state")
	}
}
