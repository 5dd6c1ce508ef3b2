package lsp

import (
	"context"
	"testing"
	"time"
)

// BenchmarkCheck300 is the pipeline alone (parse, lint, timetable) on the
// 300-line file of BenchmarkDidChange, without the protocol.
func BenchmarkCheck300(b *testing.B) {
	ws := workspaceOf(b)
	text := []byte(case300())
	b.ReportAllocs()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		ws.Check(context.Background(), "case.md", text)
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
