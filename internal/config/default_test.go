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
