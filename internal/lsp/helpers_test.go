package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/sendgen/sendgen/internal/build"
)

var today = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// front is a valid front matter; Zoë's name puts non-ASCII text before
// every finding of the body.
const front = `---
case: LSP-2026-0001
child:
  name: Zoë Ó Súilleabháin
appellant:
  name: Aoife Ó Súilleabháin
  role: parent
local_authority: Leeds City Council
decision:
  type: plan-contents
  date: 2026-10-12
  sections: [F]
---
`

const good = "- Zoë will receive 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.\n"

// client is an editor on the other end of a pipe: a real JSON-RPC
// connection with jsonrpc2's own framing, so the server's codec is checked
// against another implementation.
type client struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	serve chan error
	init  InitializeResult

	mu       sync.Mutex
	diags    map[string][]PublishDiagnosticsParams // every publication, in order
	notified chan struct{}
	regs     []RegistrationParams
}

func workspaceOf(t testing.TB) *build.Workspace {
	t.Helper()
	ws, err := build.New(build.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

func newClient(t testing.TB, opts Options, caps ClientCapabilities) *client {
	t.Helper()
	if opts.Workspace == nil {
		opts.Workspace = workspaceOf(t)
	}
	serverEnd, clientEnd := net.Pipe()
	c := &client{t: t, serve: make(chan error, 1), diags: map[string][]PublishDiagnosticsParams{}, notified: make(chan struct{}, 1)}
	go func() { c.serve <- Serve(context.Background(), serverEnd, opts) }()
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(c.handle))
	t.Cleanup(func() {
		_ = c.conn.Close()
		select {
		case <-c.serve:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop when the connection closed")
		}
	})
	res := &c.init
	c.call("initialize", InitializeParams{Capabilities: caps}, res)
	if res.Capabilities.TextDocumentSync.Change != 1 || !res.Capabilities.HoverProvider {
		t.Fatalf("capabilities %+v", res.Capabilities)
	}
	c.notify("initialized", struct{}{})
	return c
}

func (c *client) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case "textDocument/publishDiagnostics":
		var p PublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			return nil, err
		}
		if p.Diagnostics == nil {
			c.t.Errorf("diagnostics for %s published as null, not []", p.URI)
		}
		c.mu.Lock()
		c.diags[p.URI] = append(c.diags[p.URI], p)
		c.mu.Unlock()
		select {
		case c.notified <- struct{}{}:
		default:
		}
	case "client/registerCapability":
		var p RegistrationParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			return nil, err
		}
		c.mu.Lock()
		c.regs = append(c.regs, p)
		c.mu.Unlock()
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) callErr(method string, params any) *jsonrpc2.Error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var e *jsonrpc2.Error
	if err := c.conn.Call(ctx, method, params, nil); !errors.As(err, &e) {
		c.t.Fatalf("%s: want a JSON-RPC error, got %v", method, err)
	}
	return e
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) open(uri string, version int32, text string) {
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "markdown", Version: version, Text: text}})
}

func (c *client) change(uri string, version int32, text string) {
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: text}}})
}

// wait returns the first publication for uri after the first `after` ones
// that satisfies ok.
func (c *client) wait(uri string, after int, ok func(PublishDiagnosticsParams) bool) (PublishDiagnosticsParams, int) {
	c.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		c.mu.Lock()
		ps := c.diags[uri]
		for i := after; i < len(ps); i++ {
			if ok(ps[i]) {
				c.mu.Unlock()
				return ps[i], i + 1
			}
		}
		c.mu.Unlock()
		select {
		case <-c.notified:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("no matching diagnostics for %s; got %+v", uri, ps)
		}
	}
}

// version waits for the diagnostics of one document version.
func (c *client) version(uri string, v int32) PublishDiagnosticsParams {
	c.t.Helper()
	p, _ := c.wait(uri, 0, func(p PublishDiagnosticsParams) bool { return p.Version != nil && *p.Version == v })
	return p
}

func (c *client) published(uri string) []PublishDiagnosticsParams {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]PublishDiagnosticsParams(nil), c.diags[uri]...)
}

// The client's own UTF-16 arithmetic, written apart from casefile's, as an
// editor has its own: the tests check that both agree.

func lines(text string) []string { return strings.SplitAfter(text, "\n") }

// byteOffset is the offset of an LSP position in text.
func byteOffset(text string, p Position) int {
	ls := lines(text)
	off := 0
	for i := 0; i < p.Line && i < len(ls); i++ {
		off += len(ls[i])
	}
	if p.Line >= len(ls) {
		return len(text)
	}
	line := strings.TrimRight(ls[p.Line], "\r\n")
	units := 0
	for i, r := range line {
		if units >= p.Character {
			return off + i
		}
		units += len(utf16.Encode([]rune{r}))
	}
	return off + len(line)
}

func textAt(text string, r Range) string {
	return text[byteOffset(text, r.Start):byteOffset(text, r.End)]
}

// applyEdits applies non-overlapping edits, as an editor does.
func applyEdits(text string, edits []TextEdit) string {
	type e struct {
		start, end int
		s          string
	}
	var es []e
	for _, ed := range edits {
		es = append(es, e{byteOffset(text, ed.Range.Start), byteOffset(text, ed.Range.End), ed.NewText})
	}
	for i := len(es) - 1; i >= 0; i-- { // edits come in file order
		text = text[:es[i].start] + es[i].s + text[es[i].end:]
	}
	return text
}

func editsOf(t testing.TB, uri string, we *WorkspaceEdit) []TextEdit {
	t.Helper()
	if we == nil {
		t.Fatal("code action without an edit")
	}
	if len(we.DocumentChanges) > 0 {
		if we.DocumentChanges[0].TextDocument.URI != uri {
			t.Fatalf("edit for %s", we.DocumentChanges[0].TextDocument.URI)
		}
		return we.DocumentChanges[0].Edits
	}
	return we.Changes[uri]
}

// utf16Col is the UTF-16 column of the first occurrence of word on its line.
func utf16Col(text, word string) Position {
	i := strings.Index(text, word)
	before := text[:i]
	line := strings.Count(before, "\n")
	lineStart := strings.LastIndex(before, "\n") + 1
	col := 0
	for _, r := range before[lineStart:] {
		col += len(utf16.Encode([]rune{r}))
	}
	return Position{Line: line, Character: col}
}

func codes(ds []Diagnostic) map[string]int {
	m := map[string]int{}
	for _, d := range ds {
		m[d.Code]++
	}
	return m
}
