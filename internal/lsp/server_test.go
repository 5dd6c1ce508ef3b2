package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

const uri = "file:///work/cases/zoe.md"

// TestSession drives a whole session over a pipe: initialize, open, hover,
// code action, change, close, shutdown, exit, with "Zoë" and an emoji
// before the findings.
func TestSession(t *testing.T) {
	var caps ClientCapabilities
	caps.General.PositionEncodings = []string{"utf-16"}
	caps.Workspace.WorkspaceEdit.DocumentChanges = true
	c := newClient(t, Options{Debounce: 5 * time.Millisecond}, caps)

	text := front + "\n# Requested provision\n\n## Section F\n" +
		"- Zoë’s 😀 30 minutes of speech and language therapy each week should be provided by an HCPC-registered Speech and Language Therapist.\n" +
		"- Zoë will have access to a teaching assistant as required.\n"
	c.open(uri, 1, text)
	p := c.version(uri, 1)
	var modal *Diagnostic
	for i, d := range p.Diagnostics {
		if d.Code == "hedged-commitment" {
			modal = &p.Diagnostics[i]
		}
		if d.Source != "sendgen" || d.CodeDescription == nil || d.CodeDescription.Href != "https://github.com/sendgen/sendgen/blob/main/docs/rules.md#"+d.Code {
			t.Errorf("diagnostic %+v: want source sendgen and a link to the rule", d)
		}
	}
	if modal == nil {
		t.Fatalf("no hedged-commitment diagnostic in %+v", p.Diagnostics)
	}
	// "- Zoë’s 😀 30 minutes ... should": ë and ’ are one unit each, 😀 two.
	want := utf16Col(text, "should")
	if modal.Range.Start != want || modal.Range.End.Character != want.Character+len("should") {
		t.Errorf("hedged-commitment at %+v, want %+v", modal.Range, want)
	}
	if got := textAt(text, modal.Range); got != "should" {
		t.Errorf("the range covers %q, want \"should\"", got)
	}
	var data diagnosticData
	if err := json.Unmarshal(mustJSON(t, modal.Data), &data); err != nil {
		t.Fatal(err)
	}
	if data.Version != 1 || data.Suggestion == "" || len(data.Fixes) != 1 || data.Fixes[0].NewText != "will" || data.Fixes[0].Range != modal.Range {
		t.Errorf("data %+v: want the version, the suggestion and the fix", data)
	}

	// Hover on the modal: the rule's reasons and the quantified example.
	var h Hover
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: Position{Line: want.Line, Character: want.Character + 2}}, &h)
	for _, s := range []string{"### hedged-commitment", "CFA 2014 s.42", "Write:", "A visual timetable prepared daily"} {
		if !strings.Contains(h.Contents.Value, s) {
			t.Errorf("hover lacks %q:\n%s", s, h.Contents.Value)
		}
	}
	if h.Contents.Kind != "markdown" || h.Range == nil || *h.Range != modal.Range {
		t.Errorf("hover kind %q range %+v", h.Contents.Kind, h.Range)
	}
	// On the vague wording: the Code of Practice paragraph.
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: utf16Col(text, "as required")}, &h)
	if !strings.Contains(h.Contents.Value, "### vague-wording") || !strings.Contains(h.Contents.Value, "para 9.69") {
		t.Errorf("hover on 'as required':\n%s", h.Contents.Value)
	}

	// The code action: a workspace edit for this version that makes "will".
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: modal.Range,
		Context: CodeActionContext{Diagnostics: []Diagnostic{*modal}}}, &actions)
	if len(actions) < 2 || actions[0].Title != `Replace "should" with "will"` || actions[0].Kind != CodeActionQuickFix || !actions[0].IsPreferred {
		t.Fatalf("actions %+v", actions)
	}
	if v := actions[0].Edit.DocumentChanges[0].TextDocument.Version; v == nil || *v != 1 {
		t.Errorf("edit not tied to version 1")
	}
	fixed := applyEdits(text, editsOf(t, uri, actions[0].Edit))
	if !strings.Contains(fixed, "each week will be provided by") {
		t.Fatalf("the fix made %q", fixed[len(front):])
	}
	// Typing the fix clears the finding (version 2).
	c.change(uri, 2, fixed)
	if n := codes(c.version(uri, 2).Diagnostics)["hedged-commitment"]; n != 0 {
		t.Errorf("hedged-commitment still reported after the fix")
	}

	// The disable comment for a body finding, checked by linting it.
	vague := utf16Col(fixed, "as required")
	actions = nil
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri},
		Range: Range{Start: vague, End: vague}}, &actions)
	var disable *CodeAction
	for i, a := range actions {
		if strings.HasPrefix(a.Title, "Disable vague-wording") {
			disable = &actions[i]
		}
	}
	if disable == nil {
		t.Fatalf("no disable action in %+v", actions)
	}
	suppressed := applyEdits(fixed, editsOf(t, uri, disable.Edit))
	if !strings.Contains(suppressed, "<!-- sendgen-disable-next-line vague-wording -->") {
		t.Fatalf("disable edit made %q", suppressed[len(front):])
	}
	before := codes(c.version(uri, 2).Diagnostics)
	c.change(uri, 3, suppressed)
	after := codes(c.version(uri, 3).Diagnostics)
	// Both vague phrases of the line ("access to", "as required") go; nothing else.
	if after["vague-wording"] != before["vague-wording"]-2 || after["missing-frequency"] != before["missing-frequency"] {
		t.Errorf("before the comment %v, after %v", before, after)
	}

	// Close: the diagnostics are cleared.
	n := len(c.published(uri))
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	cleared, _ := c.wait(uri, n, func(p PublishDiagnosticsParams) bool { return true })
	if len(cleared.Diagnostics) != 0 || cleared.Version != nil {
		t.Errorf("after close: %+v", cleared)
	}

	// Shutdown clears what is still open, then exit ends Serve cleanly.
	c.open("file:///work/cases/other.md", 1, text)
	c.version("file:///work/cases/other.md", 1)
	c.call("shutdown", nil, nil)
	last := c.published("file:///work/cases/other.md")
	if l := last[len(last)-1]; len(l.Diagnostics) != 0 {
		t.Errorf("shutdown did not clear other.md: %+v", l)
	}
	if e := c.callErr("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}}); e.Code != jsonrpc2.CodeInvalidRequest {
		t.Errorf("a request after shutdown: %+v", e)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.serve:
		if err != nil {
			t.Errorf("Serve after shutdown and exit: %v", err)
		}
		c.serve <- err // for the cleanup
	case <-time.After(5 * time.Second):
		t.Fatal("exit did not end the session")
	}
}

// TestPositions checks ranges in the protocol's UTF-16 units with text
// before the finding that differs in bytes, characters and units.
func TestPositions(t *testing.T) {
	tests := []struct {
		name, bom, eol, before string
	}{
		{"ascii", "", "\n", "Sam"},
		{"Zoë", "", "\n", "Zoë"},
		{"combining accent", "", "\n", "Zoe\u0301"},
		{"emoji, a surrogate pair", "", "\n", "😀 Zoë"},
		{"two emoji and Welsh", "", "\n", "😀😀 Ŵyn"},
		{"CRLF", "", "\r\n", "Zoë 😀"},
		{"BOM and CRLF", "\ufeff", "\r\n", "Zoë 😀"},
	}
	c := newClient(t, Options{}, ClientCapabilities{})
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := "file:///work/cases/pos" + string(rune('a'+i)) + ".md"
			text := tt.bom + strings.ReplaceAll(front+"\n# Requested provision\n\n- "+tt.before+" has regular sessions with a speech and language therapist.\n", "\n", tt.eol)
			c.open(u, 1, text)
			p := c.version(u, 1)
			// Editors drop the BOM from the buffer, but a client that keeps it
			// counts it as no column of line 1; the body lines are unaffected.
			editorText := strings.TrimPrefix(text, "\ufeff")
			found := false
			for _, d := range p.Diagnostics {
				if d.Code != "vague-wording" {
					continue
				}
				found = true
				if got := textAt(editorText, d.Range); got != "regular" {
					t.Errorf("range %+v covers %q, want \"regular\"", d.Range, got)
				}
				if want := utf16Col(editorText, "regular"); d.Range.Start != want {
					t.Errorf("start %+v, want %+v", d.Range.Start, want)
				}
			}
			if !found {
				t.Fatalf("no vague-wording in %+v", p.Diagnostics)
			}
		})
	}
}

// TestFrontMatter checks that front-matter findings land on the key or
// value, their fixes, and the hover of a date.
func TestFrontMatter(t *testing.T) {
	c := newClient(t, Options{}, ClientCapabilities{})
	text := strings.Replace(strings.Replace(front, "  sections: [F]\n", "  sections: [F]\nmediaton: x\n", 1),
		"  role: parent", "  role: parnet", 1) + "\n# Background\n\nZoë.\n"
	c.open(uri, 1, text)
	p := c.version(uri, 1)
	want := map[string]string{"mediaton": "mediation", "parnet": "parent"}
	for _, d := range p.Diagnostics {
		if d.Code != "frontmatter" {
			continue
		}
		got := textAt(text, d.Range)
		fix, ok := want[got]
		if !ok {
			t.Errorf("frontmatter finding on %q: %s", got, d.Message)
			continue
		}
		delete(want, got)
		var data diagnosticData
		_ = json.Unmarshal(mustJSON(t, d.Data), &data)
		if len(data.Fixes) != 1 || data.Fixes[0].NewText != fix {
			t.Errorf("%q: fixes %+v, want %q", got, data.Fixes, fix)
		}
	}
	if len(want) > 0 {
		t.Errorf("no finding on %v in %+v", want, p.Diagnostics)
	}
	// The appeal-deadline finding (a timeline rule) is on decision.date's value.
	var appeal *Diagnostic
	for i, d := range p.Diagnostics {
		if d.Code == "appeal-deadline" {
			appeal = &p.Diagnostics[i]
		}
	}
	if appeal == nil || textAt(text, appeal.Range) != "2026-10-12" {
		t.Fatalf("appeal-deadline %+v", appeal)
	}
	// Hover on the key of decision.date: the dates it produces, with their basis.
	var h Hover
	pos := utf16Col(text, "  date: 2026-10-12")
	pos.Character += 3
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Position: pos}, &h)
	for _, s := range []string{"decision.date: Monday 12 October 2026", "Appeal deadline", "HESC Rules 2008 r.20(1)(c), r.12",
		"Contact the mediation adviser by", "SEND Regs 2014 reg 33"} {
		if !strings.Contains(h.Contents.Value, s) {
			t.Errorf("date hover lacks %q:\n%s", s, h.Contents.Value)
		}
	}
	// No disable comment inside the front matter: YAML would not read it.
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: appeal.Range}, &actions)
	if len(actions) != 0 {
		t.Errorf("actions for the appeal deadline: %+v", actions)
	}
	for _, a := range actions {
		if strings.HasPrefix(a.Title, "Disable") {
			t.Errorf("offered %q in the front matter", a.Title)
		}
	}
}

// TestDebounceDropsStaleRuns types a burst of changes: the versions in
// between are never linted to the end, only the last one is published, and
// nothing older arrives after it.
func TestDebounceDropsStaleRuns(t *testing.T) {
	c := newClient(t, Options{Debounce: 30 * time.Millisecond}, ClientCapabilities{})
	base := front + "\n# Requested provision\n\n- Zoë has regular therapy.\n"
	c.open(uri, 1, base)
	c.version(uri, 1)
	const n = 40
	for v := int32(2); v <= n; v++ {
		c.change(uri, v, base+strings.Repeat("- Zoë may have access to support.\n", int(v)))
	}
	last := c.version(uri, n)
	time.Sleep(100 * time.Millisecond)
	ps := c.published(uri)
	if final := ps[len(ps)-1]; final.Version == nil || *final.Version != n {
		t.Fatalf("the last publication is version %v, want %d", final.Version, n)
	}
	if len(ps) > 3 {
		t.Errorf("%d publications for 1 open and %d changes sent together: want the first and the last", len(ps), n-1)
	}
	if codes(last.Diagnostics)["hedged-commitment"] != n {
		t.Errorf("version %d published with %d modal findings, want %d", n, codes(last.Diagnostics)["hedged-commitment"], n)
	}
}

// TestConfigReload changes .sendgen.yaml under an open document: the
// server registered a watcher, and the change notification relints with
// the new configuration.
func TestConfigReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "case.md")
	u := pathURI(path)
	if uriPath(u) != path {
		t.Fatalf("uriPath(%q) = %q", u, uriPath(u))
	}
	var caps ClientCapabilities
	caps.Workspace.DidChangeWatchedFiles.DynamicRegistration = true
	c := newClient(t, Options{}, caps)
	c.open(u, 1, front+"\n# Requested provision\n\n- Zoë has 30 minutes of speech and language therapy each week.\n")
	if codes(c.version(u, 1).Diagnostics)["missing-provider"] != 1 {
		t.Fatal("want missing-provider with the built-in rules")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		regs := c.regs
		c.mu.Unlock()
		if len(regs) > 0 {
			if r := regs[0].Registrations[0]; r.Method != "workspace/didChangeWatchedFiles" || !strings.Contains(string(mustJSON(t, r.RegisterOptions)), `"**/.sendgen.yaml"`) {
				t.Errorf("registration %+v", r)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no watcher registered")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cfg := filepath.Join(dir, ".sendgen.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  missing-provider:\n    severity: off\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n := len(c.published(u))
	c.notify("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathURI(cfg), Type: 1}}})
	p, _ := c.wait(u, n, func(PublishDiagnosticsParams) bool { return true })
	if codes(p.Diagnostics)["missing-provider"] != 0 || *p.Version != 1 {
		t.Errorf("after the new .sendgen.yaml: %v (version %d)", codes(p.Diagnostics), *p.Version)
	}
	// A broken configuration is shown, not swallowed.
	if err := os.WriteFile(cfg, []byte("rules:\n  missing-provider:\n    severity: bogus\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	n = len(c.published(u))
	c.notify("workspace/didChangeWatchedFiles", DidChangeWatchedFilesParams{Changes: []FileEvent{{URI: pathURI(cfg), Type: 2}}})
	p, _ = c.wait(u, n, func(PublishDiagnosticsParams) bool { return true })
	if len(p.Diagnostics) != 1 || !strings.Contains(p.Diagnostics[0].Message, ".sendgen.yaml") {
		t.Errorf("broken configuration: %+v", p.Diagnostics)
	}
}

func mustJSON(t testing.TB, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestProtocolErrors: what a client gets for requests the server cannot
// answer, and the exit code's error without shutdown.
func TestProtocolErrors(t *testing.T) {
	c := newClient(t, Options{}, ClientCapabilities{})
	tests := []struct {
		method string
		params any
		code   int64
	}{
		{"textDocument/definition", TextDocumentPositionParams{}, jsonrpc2.CodeMethodNotFound},
		{"textDocument/hover", "not an object", jsonrpc2.CodeInvalidParams},
		{"textDocument/codeAction", nil, jsonrpc2.CodeInvalidParams},
	}
	for _, tt := range tests {
		if e := c.callErr(tt.method, tt.params); e.Code != tt.code {
			t.Errorf("%s: code %d, want %d (%s)", tt.method, e.Code, tt.code, e.Message)
		}
	}
	// A client that asks only for refactorings gets no quick fixes.
	c.open(uri, 1, front+"\n# Requested provision\n\n- Zoë should have regular therapy.\n")
	c.version(uri, 1)
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri},
		Range: Range{End: Position{Line: 99}}, Context: CodeActionContext{Only: []string{"refactor"}}}, &actions)
	if len(actions) != 0 {
		t.Errorf("only refactor: got %+v", actions)
	}
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri},
		Range: Range{End: Position{Line: 99}}, Context: CodeActionContext{Only: []string{"quickfix"}}}, &actions)
	if len(actions) == 0 {
		t.Error("only quickfix: got none")
	}
	// A hover on a document that is not open is empty, not an error.
	var h *Hover
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: "file:///nope.md"}}, &h)
	if h != nil {
		t.Errorf("hover on a closed document: %+v", h)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.serve:
		if err != ErrExitWithoutShutdown {
			t.Errorf("exit without shutdown: %v", err)
		}
		c.serve <- err
	case <-time.After(5 * time.Second):
		t.Fatal("exit did not end the session")
	}
}

// TestPositionEncoding: UTF-16 is named only to a client that offers it,
// and no other encoding is ever chosen.
func TestPositionEncoding(t *testing.T) {
	for _, tt := range []struct {
		offered []string
		want    string
	}{
		{nil, ""},
		{[]string{"utf-16"}, "utf-16"},
		{[]string{"utf-8", "utf-16"}, "utf-16"},
		{[]string{"utf-8", "utf-32"}, ""}, // not allowed by the protocol; UTF-16 still applies
	} {
		var caps ClientCapabilities
		caps.General.PositionEncodings = tt.offered
		c := newClient(t, Options{}, caps)
		if got := c.init.Capabilities.PositionEncoding; got != tt.want {
			t.Errorf("offered %v: positionEncoding %q, want %q", tt.offered, got, tt.want)
		}
	}
}
