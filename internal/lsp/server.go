// Package lsp is sendgen's language server: every finding under the words
// as the adviser types, the rule's reasons on hover, the statutory dates a
// front-matter date produces, and the mechanical fixes as code actions.
//
// It speaks the Language Server Protocol over one connection (stdio for
// `sendgen lsp`), with full text sync, and checks the editor's buffer in
// memory through the same build.Workspace as every other command, so an
// editor, `sendgen lint` and `sendgen build` always agree.
//
// Notifications are handled one at a time, in the order they arrive (a
// synchronous jsonrpc2 handler: an asynchronous one can apply an older
// didChange after a newer one). Only the lint runs on its own goroutine,
// after a short debounce, and a newer change cancels it; its diagnostics
// are published only if the document is still at the version it checked.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/build"
	"github.com/sendgen/sendgen/internal/config"
)

// DefaultDebounce is how long the server waits after a change before it
// lints. From didChange to publishDiagnostics a 300-line case file takes
// about 4 ms, and 17 ms when every line has a finding (BenchmarkDidChange,
// on a shared 2-core machine); keystrokes come 80 to 200 ms apart. A burst
// of changes closer than this (a paste, key repeat at ~30 ms, an editor
// macro) is linted once, at its end: 20 changes 10 ms apart cost about a
// fifth of the CPU they cost without it (BenchmarkBurst). It adds to the
// time before diagnostics appear, so it stays well under what a person
// notices (~100 ms).
const DefaultDebounce = 30 * time.Millisecond

// Options configure a server.
type Options struct {
	// Workspace checks documents; its configuration cache is invalidated
	// when a .sendgen.yaml changes.
	Workspace *build.Workspace
	// ConfigPath is the explicit configuration file (--config), watched as
	// well as every .sendgen.yaml.
	ConfigPath string
	// Debounce is the wait after a change before linting; zero lints at once.
	Debounce time.Duration
	// Log receives the server's own messages (stderr: stdout is the protocol).
	Log io.Writer
}

// ErrExitWithoutShutdown is returned by Serve when the client sent exit
// without shutdown first; the protocol asks the process to exit with 1.
var ErrExitWithoutShutdown = errors.New("lsp: exit without shutdown")

// Server is one client's session.
type Server struct {
	opts Options
	ws   *build.Workspace
	log  *log.Logger
	ctx  context.Context // ends with the connection
	wg   sync.WaitGroup  // lint runs
	out  *stream         // the connection's framing, for notifications

	mu           sync.Mutex
	docs         map[string]*document
	caps         ClientCapabilities
	initialized  bool
	shutdown     bool
	exited       bool
	markdownText bool // the client renders Markdown hovers
}

// document is an open text document.
type document struct {
	uri, path string
	version   int32
	text      []byte // replaced, never changed in place: runs read it unlocked
	run       *run
	last      *analysis // the newest check, for hover and code actions
}

// run is a scheduled or running lint of one document version.
type run struct {
	cancel context.CancelFunc
	timer  *time.Timer
}

// analysis is the pipeline's result for one version of a document.
type analysis struct {
	uri, path string
	version   int32
	text      []byte
	res       *build.Result
	src       *casefile.Source

	mu       sync.Mutex
	suppress map[int]*suppression // code-action cache, by finding index
}

func newAnalysis(d *document, version int32, text []byte, res *build.Result) *analysis {
	a := &analysis{uri: d.uri, path: d.path, version: version, text: text, res: res}
	if res.Case != nil {
		a.src = res.Case.Source
	} else {
		a.src = casefile.NewSource(d.path, text)
	}
	return a
}

// Serve runs a session on rwc until the client exits or the connection
// closes.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &Server{opts: opts, ws: opts.Workspace, log: log.New(opts.Log, "sendgen lsp: ", log.LstdFlags),
		ctx: ctx, docs: map[string]*document{}}
	s.out = newStream(rwc, codec{log: s.log})
	conn := jsonrpc2.NewConn(ctx, s.out,
		jsonrpc2.HandlerWithError(s.handle).SuppressErrClosed(), jsonrpc2.SetLogger(s.log))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		_ = conn.Close()
	}
	cancel()
	s.mu.Lock()
	for _, d := range s.docs {
		s.stopRun(d)
	}
	exited, shutdown := s.exited, s.shutdown
	s.mu.Unlock()
	s.wg.Wait()
	if exited && !shutdown {
		return ErrExitWithoutShutdown
	}
	return nil
}

func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case req.Method == "exit":
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		return nil, conn.Close()
	case shutdown && !req.Notif:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "the server is shut down: only exit is accepted"}
	case shutdown:
		return nil, nil
	case !initialized && req.Method != "initialize":
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: -32002, Message: "the server is not initialized"}
	}
	switch req.Method {
	case "initialize":
		var p InitializeParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.initialize(p), nil
	case "initialized":
		s.registerWatchers(conn)
		return nil, nil
	case "shutdown":
		s.shutdownAll(conn)
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didOpen(conn, p)
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChange(conn, p)
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didSave(conn, p)
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didClose(conn, p)
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChangeWatchedFiles(conn, p)
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.hover(ctx, p), nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(ctx, p), nil
	default:
		if !req.Notif {
			return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "sendgen lsp does not handle " + req.Method}
		}
		// $/cancelRequest, $/setTrace and the like: nothing to do.
	}
	return nil, nil
}

func decode(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: req.Method + ": no params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: fmt.Sprintf("%s: %v", req.Method, err)}
	}
	return nil
}

func (s *Server) initialize(p InitializeParams) InitializeResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.caps = p.Capabilities
	s.initialized = true
	formats := p.Capabilities.TextDocument.Hover.ContentFormat
	s.markdownText = len(formats) == 0 || contains(formats, "markdown")
	caps := ServerCapabilities{
		TextDocumentSync:   TextDocumentSyncOptions{OpenClose: true, Change: 1, Save: &SaveOptions{}},
		HoverProvider:      true,
		CodeActionProvider: &CodeActionOptions{CodeActionKinds: []string{CodeActionQuickFix}},
	}
	// UTF-16 is the only encoding this server speaks: it is the default,
	// and it is named only to a client that offers it.
	if contains(p.Capabilities.General.PositionEncodings, "utf-16") {
		caps.PositionEncoding = "utf-16"
	}
	return InitializeResult{Capabilities: caps, ServerInfo: ServerInfo{Name: "sendgen"}}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// registerWatchers asks a client that can watch files to report changes to
// configuration files. The request is sent from its own goroutine: the
// client's reply is read by the goroutine that is running this handler.
func (s *Server) registerWatchers(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	dynamic := s.caps.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	if !dynamic {
		return
	}
	watchers := []FileSystemWatcher{{GlobPattern: "**/" + config.FileName}, {GlobPattern: "**/.sendgen.yml"}}
	if s.opts.ConfigPath != "" {
		if abs, err := filepath.Abs(s.opts.ConfigPath); err == nil {
			watchers = append(watchers, FileSystemWatcher{GlobPattern: filepath.ToSlash(abs)})
		}
	}
	params := RegistrationParams{Registrations: []Registration{{ID: "sendgen-config", Method: "workspace/didChangeWatchedFiles",
		RegisterOptions: DidChangeWatchedFilesRegistrationOptions{Watchers: watchers}}}}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := conn.Call(s.ctx, "client/registerCapability", params, nil); err != nil && s.ctx.Err() == nil {
			s.log.Printf("the client did not register the configuration watcher: %v", err)
		}
	}()
}

func (s *Server) didOpen(conn *jsonrpc2.Conn, p DidOpenTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.docs[p.TextDocument.URI]; old != nil {
		s.stopRun(old)
	}
	d := &document{uri: p.TextDocument.URI, path: uriPath(p.TextDocument.URI),
		version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.docs[d.uri] = d
	s.schedule(conn, d, 0) // nothing to wait for: the text is complete
}

func (s *Server) didChange(conn *jsonrpc2.Conn, p DidChangeTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.log.Printf("didChange for %s, which is not open", p.TextDocument.URI)
		return
	}
	text := d.text
	for _, ch := range p.ContentChanges {
		text = applyChange(text, ch)
	}
	d.text, d.version = text, p.TextDocument.Version
	s.schedule(conn, d, s.opts.Debounce)
}

// applyChange applies one content change: the whole text (full sync, which
// the server asks for) or, from a client that sends increments anyway, a
// range replaced. A new slice is returned; the old one may still be read.
func applyChange(text []byte, ch TextDocumentContentChangeEvent) []byte {
	if ch.Range == nil {
		return []byte(ch.Text)
	}
	src := casefile.NewSource("", text)
	start, end := toOffset(src, ch.Range.Start), toOffset(src, ch.Range.End)
	if end < start {
		start, end = end, start
	}
	out := make([]byte, 0, len(text)-(end-start)+len(ch.Text))
	out = append(out, text[:start]...)
	out = append(out, ch.Text...)
	return append(out, text[end:]...)
}

// didSave relints with the configuration read again: a client that cannot
// watch files (Neovim before 0.9) still picks up an edited .sendgen.yaml
// when the case file is saved.
func (s *Server) didSave(conn *jsonrpc2.Conn, p DidSaveTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || s.caps.Workspace.DidChangeWatchedFiles.DynamicRegistration {
		return
	}
	s.ws.Invalidate()
	s.schedule(conn, d, 0)
}

func (s *Server) didClose(conn *jsonrpc2.Conn, p DidCloseTextDocumentParams) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return
	}
	s.stopRun(d)
	delete(s.docs, d.uri)
	s.clear(conn, d.uri)
}

// didChangeWatchedFiles reloads the configuration when a configuration file
// was created, changed or deleted, and relints every open document with it.
func (s *Server) didChangeWatchedFiles(conn *jsonrpc2.Conn, p DidChangeWatchedFilesParams) {
	explicit := ""
	if s.opts.ConfigPath != "" {
		explicit, _ = filepath.Abs(s.opts.ConfigPath)
	}
	changed := false
	for _, ch := range p.Changes {
		path := uriPath(ch.URI)
		base := filepath.Base(path)
		if base == config.FileName || base == ".sendgen.yml" || (explicit != "" && path == explicit) {
			changed = true
		}
	}
	if !changed {
		return
	}
	s.ws.Invalidate()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		s.schedule(conn, d, 0)
	}
}

// shutdownAll stops every lint and clears every document's diagnostics.
func (s *Server) shutdownAll(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	for _, d := range s.docs {
		s.stopRun(d)
		s.clear(conn, d.uri)
	}
}

// schedule lints d's current version after delay, replacing any run of an
// older version. s.mu is held.
func (s *Server) schedule(conn *jsonrpc2.Conn, d *document, delay time.Duration) {
	s.stopRun(d)
	ctx, cancel := context.WithCancel(s.ctx)
	r := &run{cancel: cancel}
	d.run = r
	version, text := d.version, d.text
	s.wg.Add(1)
	work := func() {
		defer s.wg.Done()
		defer cancel()
		res := s.ws.Check(ctx, d.path, text)
		if ctx.Err() != nil {
			return // a newer version, a close or the end of the session
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if ctx.Err() != nil || s.docs[d.uri] != d || d.version != version {
			return
		}
		d.run = nil
		d.last = newAnalysis(d, version, text, res)
		// Published under the lock, so a newer version's diagnostics can
		// never be overtaken by an older one's.
		s.publish(conn, d.last)
	}
	if delay <= 0 {
		go work()
		return
	}
	r.timer = time.AfterFunc(delay, work)
}

// stopRun cancels d's scheduled or running lint. s.mu is held.
func (s *Server) stopRun(d *document) {
	if d.run == nil {
		return
	}
	d.run.cancel()
	if d.run.timer != nil && d.run.timer.Stop() {
		s.wg.Done() // it will never run
	}
	d.run = nil
}

// current is the analysis of a document's current version: the newest
// run's when it is up to date (the usual case: a hover comes after the
// diagnostics), else a check of the current text made now.
func (s *Server) current(ctx context.Context, uri string) *analysis {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return nil
	}
	if d.last != nil && d.last.version == d.version {
		a := d.last
		s.mu.Unlock()
		return a
	}
	version, text := d.version, d.text
	s.mu.Unlock()
	res := s.ws.Check(ctx, d.path, text)
	a := newAnalysis(d, version, text, res)
	s.mu.Lock()
	if d.version == version && (d.last == nil || d.last.version != version) {
		d.last = a
	}
	s.mu.Unlock()
	return a
}

func (s *Server) publish(conn *jsonrpc2.Conn, a *analysis) {
	v := a.version
	s.notify(conn, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: a.uri, Version: &v, Diagnostics: s.diagnostics(a)})
}

func (s *Server) clear(conn *jsonrpc2.Conn, uri string) {
	s.notify(conn, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
}

// notify sends a notification through the stream directly (see stream):
// the connection is not needed, and conn is kept for the callers' symmetry
// with requests.
func (s *Server) notify(_ *jsonrpc2.Conn, method string, params any) {
	if err := s.out.notify(method, params); err != nil && s.ctx.Err() == nil {
		s.log.Printf("%s: %v", method, err)
	}
}
