package cli

import (
	"reflect"
	"testing"
	"time"

	"github.com/sendgen/sendgen/internal/lsp"
)

func TestLSPFlags(t *testing.T) {
	f := testFactory()
	tests := []struct {
		args []string
		want LSPOptions
	}{
		{nil, LSPOptions{IO: f.IO, Factory: f, Debounce: lsp.DefaultDebounce}},
		{[]string{"--config", "c.yaml", "--today", "2026-11-01", "--debounce", "5ms"},
			LSPOptions{IO: f.IO, Factory: f, CommonOptions: CommonOptions{Config: "c.yaml", Today: "2026-11-01"}, Debounce: 5 * time.Millisecond}},
	}
	for _, tt := range tests {
		var got *LSPOptions
		cmd := NewCmdLSP(f, func(o *LSPOptions) error { got = o; return nil })
		if err := execute(t, cmd, tt.args...); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, tt.want) {
			t.Errorf("%v: options %+v, want %+v", tt.args, *got, tt.want)
		}
	}
	cmd := NewCmdLSP(f, func(o *LSPOptions) error { t.Error("ran with an argument"); return nil })
	if err := execute(t, cmd, "case.md"); err == nil {
		t.Error("lsp takes no arguments: the editor sends the documents")
	}
}

func TestLintFixFlag(t *testing.T) {
	f := testFactory()
	var got *LintOptions
	cmd := NewCmdLint(f, func(o *LintOptions) error { got = o; return nil })
	if err := execute(t, cmd, "--fix", "a.md"); err != nil {
		t.Fatal(err)
	}
	if !got.Fix {
		t.Error("--fix not set")
	}
}
