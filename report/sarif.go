package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// SARIF writes a SARIF 2.1.0 log for code-scanning tools. Columns are
// Unicode characters (SARIF's default columnKind is utf16CodeUnits, so the
// run declares unicodeCodePoints).
type SARIF struct {
	// Rules describes each rule for the tool component (id, summary, help).
	Rules []SARIFRule
}

// SARIFRule describes one rule.
type SARIFRule struct{ ID, Summary, Help string }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string           `json:"name"`
	InformationURI string           `json:"informationUri,omitempty"`
	Rules          []sarifRuleDescr `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRuleDescr struct {
	ID               string    `json:"id"`
	ShortDescription sarifText `json:"shortDescription"`
	FullDescription  sarifText `json:"fullDescription"`
	Help             sarifText `json:"help"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

func (s SARIF) Write(w io.Writer, files []File) error {
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "sendgen"}}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	seen := map[string]bool{}
	for _, r := range s.Rules {
		seen[r.ID] = true
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleDescr{ID: r.ID,
			ShortDescription: sarifText{r.Summary}, FullDescription: sarifText{orDefault(r.Help, r.Summary)}, Help: sarifText{orDefault(r.Help, r.Summary)}})
	}
	for _, d := range Diagnostics(files) {
		if !seen[d.Rule] {
			seen[d.Rule] = true
			run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRuleDescr{ID: d.Rule,
				ShortDescription: sarifText{d.Rule}, FullDescription: sarifText{d.Rule}, Help: sarifText{d.Rule}})
		}
		level := d.level("note")
		msg := d.Message
		if d.Suggestion != "" {
			msg += " Suggestion: " + d.Suggestion
		}
		run.Results = append(run.Results, sarifResult{RuleID: d.Rule, Level: level, Message: sarifText{msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(strings.TrimPrefix(d.Path, "./"))}).String()},
				Region:           sarifRegion{StartLine: d.Line, StartColumn: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn}}}}})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

func orDefault(s, d string) string {
	if s != "" {
		return s
	}
	return d
}
