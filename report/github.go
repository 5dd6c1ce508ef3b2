package report

import (
	"fmt"
	"io"
	"strings"
)

// GitHub writes workflow commands (::error file=...::message), which GitHub
// Actions turns into annotations on the pull request.
type GitHub struct{}

func (GitHub) Write(w io.Writer, files []File) error {
	for _, d := range Diagnostics(files) {
		level := d.level("notice")
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\n" + "Suggestion: " + d.Suggestion
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			level, ghProperty(d.Path), d.Line, d.Column, d.EndLine, d.EndColumn, ghProperty("sendgen "+d.Rule), ghData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// Escaping per the workflow-command rules: data escapes %, CR and LF;
// properties also escape ':' and ','.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
