package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCodecRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	msgs := []any{
		map[string]any{"jsonrpc": "2.0", "method": "initialized", "params": map[string]any{}},
		map[string]any{"jsonrpc": "2.0", "id": 1.0, "result": "Zoë 😀 \r\n"},
	}
	for _, m := range msgs {
		if err := (codec{}).WriteObject(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	r := bufio.NewReader(&buf)
	for _, want := range msgs {
		var got map[string]any
		if err := (codec{}).ReadObject(r, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("read %v, wrote %v", got, want)
		}
	}
	var v any
	if err := (codec{}).ReadObject(r, &v); err != io.EOF {
		t.Errorf("at the end: %v, want io.EOF", err)
	}
}

func TestCodecRead(t *testing.T) {
	body := `{"jsonrpc":"2.0","method":"m"}`
	msg := func(header, body string) string { return header + "\r\n\r\n" + body }
	cl := "Content-Length: " + itoa(len(body))
	tests := []struct {
		name    string
		in      string
		methods []string // read before the error
		err     error    // nil: io.EOF after the messages
	}{
		{"one", msg(cl, body), []string{"m"}, nil},
		{"header name in lower case", msg(strings.ToLower(cl), body), []string{"m"}, nil},
		{"with Content-Type", msg(cl+"\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8", body), []string{"m"}, nil},
		{"bare newlines", strings.ReplaceAll(msg(cl, body), "\r\n", "\n"), []string{"m"}, nil},
		{"two in a row", msg(cl, body) + msg(cl, body), []string{"m", "m"}, nil},
		{"a body that is not JSON is skipped", msg("Content-Length: 5", "{oops") + msg(cl, body), []string{"m"}, nil},
		{"a body that does not fit is skipped", msg("Content-Length: 2", "[]") + msg(cl, body), []string{"m"}, nil},
		{"too large: read past and skipped", msg("Content-Length: 2000", strings.Repeat(" ", 2000)) + msg(cl, body), []string{"m"}, nil},
		{"no Content-Length", msg("Content-Type: x", body), nil, errFraming},
		{"a length that is not a number", msg("Content-Length: -3", body), nil, errFraming},
		{"a header line without a colon", msg("hello", body), nil, errFraming},
		{"an endless header line", strings.Repeat("x", 5000), nil, errFraming},
		{"end of stream inside the body", msg(cl, body[:5]), nil, io.ErrUnexpectedEOF},
		{"end of stream inside the header", "Content-Len", nil, io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bufio.NewReader(strings.NewReader(tt.in))
			c := codec{max: 1024}
			var got []string
			var err error
			for {
				var m struct{ Method string }
				if err = c.ReadObject(r, &m); err != nil {
					break
				}
				got = append(got, m.Method)
			}
			want := tt.err
			if want == nil {
				want = io.EOF
			}
			if !reflect.DeepEqual(got, tt.methods) || !errors.Is(err, want) {
				t.Errorf("read %v then %v; want %v then %v", got, err, tt.methods, want)
			}
		})
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// FuzzReadObject: whatever the bytes, the reader returns messages or an
// error, never panics or holds more than its limit, and every message it
// returns writes and reads back the same.
func FuzzReadObject(f *testing.F) {
	f.Add([]byte("Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"m\"}"))
	f.Add([]byte("content-length: 2\n\n{}Content-Length: 4\r\n\r\nnull"))
	f.Add([]byte("Content-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("Content-Length: 5\r\nContent-Type: x\r\n\r\n{oops"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bufio.NewReader(bytes.NewReader(in))
		c := codec{max: 4096}
		for i := 0; i < 100; i++ {
			var v any
			if err := c.ReadObject(r, &v); err != nil {
				return
			}
			var buf bytes.Buffer
			if err := c.WriteObject(&buf, v); err != nil {
				t.Fatalf("write back %#v: %v", v, err)
			}
			var again any
			if err := c.ReadObject(bufio.NewReader(&buf), &again); err != nil || !reflect.DeepEqual(v, again) {
				t.Fatalf("round trip of %#v gave %#v, %v", v, again, err)
			}
		}
	})
}

// TestMalformedMessageKeepsTheSession: a client's garbled message is
// skipped, and the session goes on.
func TestMalformedMessageKeepsTheSession(t *testing.T) {
	serverEnd, clientEnd := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(t.Context(), serverEnd, Options{Workspace: workspaceOf(t)}) }()
	write := func(s string) {
		if _, err := clientEnd.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	write("Content-Length: 7\r\n\r\n{nope!}")
	init := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	write("Content-Length: " + itoa(len(init)) + "\r\n\r\n" + init)
	_ = clientEnd.SetReadDeadline(time.Now().Add(5 * time.Second))
	var resp struct {
		ID     int
		Result InitializeResult
	}
	if err := (codec{}).ReadObject(bufio.NewReader(clientEnd), &resp); err != nil {
		t.Fatal(err)
	}
	if resp.ID != 1 || !resp.Result.Capabilities.HoverProvider {
		t.Errorf("response %+v", resp)
	}
	clientEnd.Close()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
