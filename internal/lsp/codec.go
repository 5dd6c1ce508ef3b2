package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// MaxMessageSize bounds one message. A case file is at most 4 MiB
// (casefile.MaxSize); escaped as JSON it can be a few times that.
const MaxMessageSize = 64 << 20

// maxHeaderLine bounds one header line: the protocol's headers are two
// short lines, and a reader must not buffer a stream of garbage.
const maxHeaderLine = 1 << 10

// codec frames messages as the base protocol does ("Content-Length: N",
// an optional Content-Type, a blank line, N bytes of JSON). It replaces
// jsonrpc2.VSCodeObjectCodec, which matches the header name case-sensitively,
// accepts any length up to 4 GiB, and returns an error for a body that is
// not valid JSON, which makes jsonrpc2 drop the connection. Here header
// names are case-insensitive (as HTTP's are), a message over MaxMessageSize
// is read past and skipped, and so is a body that does not decode: the
// editor keeps its server. Only a stream that can no longer be framed (a
// header without a length) ends the connection.
type codec struct {
	log *log.Logger
	max int64 // 0: MaxMessageSize
}

// WriteObject writes one message in one write, so that a pipe never sees
// half a header. jsonrpc2 hands over its message type, a json.Marshaler
// whose output is already compact JSON: calling it directly skips the
// byte-by-byte re-validation json.Marshal would add (about a millisecond
// for the 240 KB of a 300-line file's diagnostics, BenchmarkDidChange).
func (codec) WriteObject(w io.Writer, obj any) error {
	var body []byte
	var err error
	if m, ok := obj.(json.Marshaler); ok {
		body, err = m.MarshalJSON()
	} else {
		body, err = json.Marshal(obj)
	}
	if err != nil {
		return err
	}
	msg := make([]byte, 0, len(body)+32)
	msg = append(msg, "Content-Length: "...)
	msg = strconv.AppendInt(msg, int64(len(body)), 10)
	msg = append(msg, "\r\n\r\n"...)
	msg = append(msg, body...)
	_, err = w.Write(msg)
	return err
}

// errFraming is a stream that cannot be split into messages any more.
var errFraming = errors.New("lsp: cannot read the message framing")

// ReadObject reads the next message that decodes into v, skipping (and
// logging) messages that are too large or not valid for v.
func (c codec) ReadObject(r *bufio.Reader, v any) error {
	for {
		n, err := readHeader(r)
		if err != nil {
			return err
		}
		limit := c.max
		if limit <= 0 {
			limit = MaxMessageSize
		}
		if n > limit {
			c.logf("skipping a message of %d bytes (the limit is %d)", n, limit)
			if _, err := io.CopyN(io.Discard, r, n); err != nil {
				return unexpected(err)
			}
			continue
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			return unexpected(err)
		}
		if err := decodeInto(body, v); err != nil {
			c.logf("skipping a message that is not JSON-RPC: %v", err)
			continue
		}
		return nil
	}
}

func (c codec) logf(format string, args ...any) {
	if c.log != nil {
		c.log.Printf(format, args...)
	}
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// decodeInto decodes body into a fresh value of v's type and stores it in v
// only when the whole message decodes, so a bad message leaves v as it was.
func decodeInto(body []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("lsp: decode into %T", v)
	}
	fresh := reflect.New(rv.Type().Elem())
	if err := json.Unmarshal(body, fresh.Interface()); err != nil {
		return err
	}
	rv.Elem().Set(fresh.Elem())
	return nil
}

// readHeader reads the header block and returns the Content-Length. It
// returns io.EOF at a clean end of stream (no byte of a new message read).
func readHeader(r *bufio.Reader) (int64, error) {
	length := int64(-1)
	first := true
	for {
		line, err := readLine(r)
		if err != nil {
			if err == io.EOF && first && line == "" {
				return 0, io.EOF
			}
			return 0, unexpected(err)
		}
		first = false
		if line == "" {
			if length < 0 {
				return 0, fmt.Errorf("%w: a message without Content-Length", errFraming)
			}
			return length, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return 0, fmt.Errorf("%w: header line %q", errFraming, line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("%w: Content-Length %q", errFraming, value)
			}
			length = n
		}
		// Content-Type and unknown headers are ignored, as the protocol allows.
	}
}

// readLine reads one header line ending in "\r\n" (a bare "\n" is accepted
// too) without its line ending, bounded by maxHeaderLine.
func readLine(r *bufio.Reader) (string, error) {
	var buf []byte
	for {
		frag, err := r.ReadSlice('\n')
		buf = append(buf, frag...)
		if len(buf) > maxHeaderLine {
			return "", fmt.Errorf("%w: header line longer than %d bytes", errFraming, maxHeaderLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return string(buf), err
		}
		return string(bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))), nil
	}
}

// stream is the connection's framing for jsonrpc2 (an ObjectStream), with
// one more way out: notify writes a notification encoded once. jsonrpc2's
// Conn.Notify encodes the params, then re-validates them byte by byte twice
// more as it wraps them (json.RawMessage inside its Request, its Request
// inside its message type): for the 240 KB of a 300-line file's diagnostics
// that was 3 ms of every keystroke (BenchmarkDidChange). Writes from both
// ways share one lock, so frames never interleave.
type stream struct {
	codec codec
	r     *bufio.Reader
	w     io.Writer
	c     io.Closer

	mu sync.Mutex
}

func newStream(rwc io.ReadWriteCloser, c codec) *stream {
	return &stream{codec: c, r: bufio.NewReader(rwc), w: rwc, c: rwc}
}

// ReadObject is called by the connection's one reading goroutine only.
func (s *stream) ReadObject(v any) error { return s.codec.ReadObject(s.r, v) }

func (s *stream) WriteObject(obj any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.codec.WriteObject(s.w, obj)
}

func (s *stream) Close() error { return s.c.Close() }

// notification is a JSON-RPC notification as written.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

func (s *stream) notify(method string, params any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.codec.WriteObject(s.w, notification{JSONRPC: "2.0", Method: method, Params: params})
}
