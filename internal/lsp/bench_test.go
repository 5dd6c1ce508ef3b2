package lsp

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

// case300 is a 300-line case file: front matter, background, provision in
// Sections F and G with good and vague items (and Zoë, emoji and curly
// quotes throughout), and an agreed actions table.
func case300() string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(front, "---\n"))
	b.WriteString("mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n---\n\n# Background\n\n")
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, "Zoë’s school reported on %d October that she finds transitions hard 😀 and needs a predictable day.\n\n", i%28+1)
	}
	b.WriteString("# Requested provision\n\n## Section F\n\n")
	items := []string{
		"- Zoë will receive 30 minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.",
		"- Zoë’s class will have regular input from an occupational therapist.",
		"- 😀 A teaching assistant trained in ELKLAN will support Zoë for 15 hours per week in lessons.",
		"- Zoë should have access to a quiet space as required.",
		"- Zoë will have a small group social skills session twice a week for 40 minutes, led by a trained teacher.",
	}
	for i := 0; i < 188; i++ {
		b.WriteString(items[i%len(items)] + "\n")
	}
	b.WriteString("\n## Section G\n\n")
	for i := 0; i < 30; i++ {
		b.WriteString(items[(i+2)%len(items)] + "\n")
	}
	b.WriteString("\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "| Send Zoë’s amended plan, section %d, to the family. | Jo Smith, SEN Team Manager | 2026-11-%02d |\n", i+1, i+10)
	}
	return b.String()
}

// typical300 is a 300-line case file as advisers write them: mostly
// background and evidence in paragraphs, 40 provision items of which a few
// are vague, and the agreed actions. case300 is the worst case, a finding
// on every line.
func typical300() string {
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(front, "---\n"))
	b.WriteString("mediation:\n  choice: mediate\n  la_informed: 2026-10-01\n  date: 2026-10-27\n---\n\n# Background\n\n")
	for i := 0; i < 110; i++ {
		fmt.Fprintf(&b, "Zoë’s school reported on %d October that she finds transitions hard 😀 and that a predictable day helps her.\n\n", i%28+1)
	}
	b.WriteString("# Requested provision\n\n## Section F\n\n")
	for i := 0; i < 40; i++ {
		switch i % 10 {
		case 3:
			b.WriteString("- Zoë’s class will have regular input from an occupational therapist.\n")
		default:
			fmt.Fprintf(&b, "- Zoë will receive %d minutes of 1:1 speech and language therapy each week from an HCPC-registered Speech and Language Therapist.\n", 20+i)
		}
	}
	b.WriteString("\n# Agreed actions\n\n| Action | Who | By |\n| --- | --- | --- |\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "| Send Zoë’s amended plan, section %d, to the family. | Jo Smith, SEN Team Manager | 2026-11-%02d |\n", i+1, i+10)
	}
	return b.String()
}

func TestCase300(t *testing.T) {
	for name, text := range map[string]string{"case300": case300(), "typical300": typical300()} {
		if n := strings.Count(text, "\n"); n < 295 || n > 305 {
			t.Errorf("%s has %d lines", name, n)
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// rawClient is the editor side of the benchmark: the protocol framing and
// one JSON decode per message, as an editor's own (C or V8) decoder does,
// without the test harness's jsonrpc2 connection, which decodes every
// message three times over and would be measured instead of the server.
type rawClient struct {
	conn      net.Conn
	published chan int32
}

func newRawClient(b *testing.B, debounce time.Duration) *rawClient {
	serverEnd, clientEnd := net.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(context.Background(), serverEnd, Options{Workspace: workspaceOf(b), Debounce: debounce})
	}()
	c := &rawClient{conn: clientEnd, published: make(chan int32, 16)}
	go func() {
		r := bufio.NewReader(clientEnd)
		for {
			var m struct {
				Method string
				Params PublishDiagnosticsParams
			}
			if err := (codec{}).ReadObject(r, &m); err != nil {
				close(c.published)
				return
			}
			if m.Method == "textDocument/publishDiagnostics" && m.Params.Version != nil {
				c.published <- *m.Params.Version
			}
		}
	}()
	b.Cleanup(func() { clientEnd.Close(); <-done })
	c.send(b, "initialize", 1, InitializeParams{})
	c.send(b, "initialized", 0, struct{}{})
	return c
}

func (c *rawClient) send(b *testing.B, method string, id int, params any) {
	msg := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
	if id > 0 {
		msg["id"] = id
	}
	if err := (codec{}).WriteObject(c.conn, msg); err != nil {
		b.Fatal(err)
	}
}

func (c *rawClient) wait(b *testing.B, v int32) {
	for got := range c.published {
		if got == v {
			return
		}
	}
	b.Fatalf("the connection closed before version %d", v)
}

// BenchmarkDidChange measures a keystroke: from sending didChange with the
// whole 300-line text to reading the publishDiagnostics of that version,
// over a pipe, through the real server, for the worst case ("dense": 479
// findings in 300 lines) and a typical file (18 findings). "debounce=0" is
// the pipeline itself; "debounce=default" adds DefaultDebounce, as an
// editor sees it.
// cpu-ms/op is the process's CPU time (user + system, both ends) per
// change: on a shared machine it is steadier than the wall time.
func BenchmarkDidChange(b *testing.B) {
	for _, bc := range []struct {
		name     string
		text     string
		debounce time.Duration
	}{{"dense/debounce=0", case300(), 0}, {"dense/debounce=default", case300(), DefaultDebounce},
		{"typical/debounce=0", typical300(), 0}, {"typical/debounce=default", typical300(), DefaultDebounce}} {
		b.Run(bc.name, func(b *testing.B) {
			c := newRawClient(b, bc.debounce)
			text := bc.text
			// Each change types one more letter into the first vague item.
			at := strings.Index(text, "regular input")
			c.send(b, "textDocument/didOpen", 0, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
			c.wait(b, 1)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				v := int32(i + 2)
				t := text[:at] + strings.Repeat("x", i%7) + text[at:]
				c.send(b, "textDocument/didChange", 0, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: v},
					ContentChanges: []TextDocumentContentChangeEvent{{Text: t}}})
				c.wait(b, v)
			}
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkBurst is a paste or key repeat: 20 changes 10 ms apart, then
// the wait for the last version's diagnostics. With the debounce only the
// last is linted; without it every change starts a lint the next one
// cancels. cpu-ms/op is the CPU time of the whole burst.
func BenchmarkBurst(b *testing.B) {
	for _, bc := range []struct {
		name     string
		debounce time.Duration
	}{{"debounce=0", 0}, {"debounce=default", DefaultDebounce}} {
		b.Run(bc.name, func(b *testing.B) {
			c := newRawClient(b, bc.debounce)
			text := case300()
			at := strings.Index(text, "regular input")
			c.send(b, "textDocument/didOpen", 0, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
			c.wait(b, 1)
			v := int32(1)
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				for k := 0; k < 20; k++ {
					v++
					t := text[:at] + strings.Repeat("x", k) + text[at:]
					c.send(b, "textDocument/didChange", 0, DidChangeTextDocumentParams{TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: v},
						ContentChanges: []TextDocumentContentChangeEvent{{Text: t}}})
					time.Sleep(10 * time.Millisecond)
				}
				c.wait(b, v)
			}
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}
