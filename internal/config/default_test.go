package config

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"

	sendgen "github.com/sendgen/sendgen"
)

// TestDefaultKeys checks the embedded rules.yaml with the same strict key
// walk user files get, since Default skips it at run time.
func TestDefaultKeys(t *testing.T) {
	var root yaml.Node
	if err := yaml.Unmarshal(sendgen.DefaultRules, &root); err != nil {
		t.Fatal(err)
	}
	if err := checkKeys("rules.yaml", root.Content[0], reflect.TypeOf(Config{}), ""); err != nil {
		t.Fatal(err)
	}
}

// TestDefaultSameAsViper checks that the fast decoding of the embedded
// rules.yaml gives exactly what the viper path gives a user file.
func TestDefaultSameAsViper(t *testing.T) {
	fast, err := parseDefault()
	if err != nil {
		t.Fatal(err)
	}
	slow, err := decode("rules.yaml (built in)", sendgen.DefaultRules)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Errorf("Default() and the viper decoding differ:\n fast %+v\n slow %+v", fast, slow)
	}
}

// TestGeneratedDefault checks default_gen.go against rules.yaml.
func TestGeneratedDefault(t *testing.T) {
	want, err := parseDefault()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := Default()
	if !reflect.DeepEqual(got, want) {
		t.Fatal("default_gen.go is out of date with rules.yaml: run `go generate ./internal/config`")
	}
	// Default hands out a fresh value: merging a user file into one must
	// not change the next.
	got.Rules["vague-wording"] = Rule{}
	if again, _ := Default(); reflect.DeepEqual(again.Rules["vague-wording"], Rule{}) {
		t.Fatal("Default returned shared state")
	}
}
