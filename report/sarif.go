package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/sendgen/sendgen/lint"
)

// SARIF writes a SARIF 2.1.0 log for GitHub code scanning and SARIF
// viewers: the rules with their help (the text of `sendgen explain`), then
// one result per finding, streamed a file at a time.
//
// What code scanning relies on, and where it comes from:
//   - artifactLocation.uri is the path relative to the repository root,
//     percent-encoded (RFC 3986), with uriBaseId %SRCROOT%. The root's
//     absolute path is not written: it names a folder on the machine that
//     ran sendgen, nothing a reader of the log needs.
//   - partialFingerprints.primaryLocationLineHash is sendgen's own
//     fingerprint (rule, path, marked text, occurrence; not the line), so
//     an alert survives a paragraph inserted above it. github/codeql-action
//     computes a line-content hash only when this key is absent.
//   - automationDetails.id separates the shards of a matrix: code scanning
//     takes everything up to its last '/' as the category.
//   - columnKind is unicodeCodePoints: columns count characters, as in
//     every other format (SARIF's default would be UTF-16 units).
type SARIF struct {
	W   io.Writer
	Run Run

	index   map[string]int
	results jsonArray
	tail    string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	AutomationDetails  *sarifAutomation         `json:"automationDetails,omitempty"`
	ColumnKind         string                   `json:"columnKind"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
}

type sarifAutomation struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string           `json:"name"`
	Version        string           `json:"version,omitempty"`
	InformationURI string           `json:"informationUri,omitempty"`
	Rules          []sarifRuleDescr `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRuleDescr struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

type sarifConfiguration struct {
	Enabled *bool  `json:"enabled,omitempty"`
	Level   string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           *int              `json:"ruleIndex,omitempty"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// srcRoot is the uriBaseId of every result's location.
const srcRoot = "%SRCROOT%"

// sarifLevel is the SARIF level of a severity.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	case lint.Off:
		return "none"
	}
	return "note"
}

func (s *SARIF) Begin() error {
	s.index = map[string]int{}
	driver := sarifDriver{Name: orDefault(s.Run.Tool.Name, "sendgen"), Version: s.Run.Tool.Version,
		InformationURI: s.Run.Tool.InformationURI, Rules: []sarifRuleDescr{}}
	for _, r := range s.Run.Rules {
		if _, dup := s.index[r.ID]; dup {
			continue
		}
		s.index[r.ID] = len(driver.Rules)
		d := sarifRuleDescr{ID: r.ID, ShortDescription: sarifText{orDefault(r.Summary, r.ID)},
			FullDescription: sarifText{orDefault(oneParagraph(r.Rationale), orDefault(r.Summary, r.ID))},
			Help:            sarifHelp{Text: RuleHelp(r), Markdown: RuleHelpMarkdown(r)},
			HelpURI:         RuleURL(r.ID), DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)}}
		if r.Severity == lint.Off {
			off := false
			d.DefaultConfiguration.Enabled = &off
		}
		driver.Rules = append(driver.Rules, d)
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints",
		OriginalURIBaseIDs: map[string]sarifArtifact{srcRoot: {Description: &sarifText{
			"The root of the repository holding the case files (the folder with .git, or --path-base)."}}},
		Results: []sarifResult{}}
	if s.Run.AutomationID != "" {
		run.AutomationDetails = &sarifAutomation{ID: s.Run.AutomationID}
	}
	head, err := marshalIndent(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
	if err != nil {
		return err
	}
	// Everything before the empty results array is the head; the array is
	// then streamed and the rest written by End.
	const marker = `"results": []`
	i := bytes.LastIndex(head, []byte(marker))
	if i < 0 {
		return fmt.Errorf("sarif: no results array in the log head")
	}
	s.tail = string(head[i+len(marker):])
	s.results = jsonArray{w: s.W, prefix: strings.Repeat(" ", 6)}
	_, err = s.W.Write(head[:i+len(`"results": `)])
	return err
}

func (s *SARIF) File(f File) error {
	fp := newFingerprinter(f)
	uri := (&url.URL{Path: f.repoPath()}).String()
	for _, fd := range f.Findings {
		d := Resolve(f.Path, f.Source, fd)
		r := sarifResult{RuleID: d.Rule, Level: sarifLevel(fd.Severity), Message: sarifText{d.messageWithSuggestion("\n")},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: srcRoot},
				Region:           &sarifRegion{StartLine: d.Line, StartColumn: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn}}}},
			PartialFingerprints: map[string]string{"primaryLocationLineHash": fp.of(fd)}}
		if i, ok := s.index[d.Rule]; ok {
			r.RuleIndex = &i
		}
		if err := s.results.add(r); err != nil {
			return err
		}
	}
	return nil
}

func (s *SARIF) End(tot Totals) error {
	if err := s.results.close(); err != nil {
		return err
	}
	if len(tot.Config) > 0 {
		// Which configuration files applied: a note per file, as SARIF's
		// run.invocations[].toolConfigurationNotifications.
		names := make([]string, 0, len(tot.Config))
		for n := range tot.Config {
			names = append(names, n)
		}
		sort.Strings(names)
		inv := sarifInvocation{ExecutionSuccessful: true}
		for _, n := range names {
			inv.Notifications = append(inv.Notifications, sarifNotification{Level: "note",
				Message: sarifText{fmt.Sprintf("configuration %s applied to %d %s", n, tot.Config[n], plural(tot.Config[n], "file"))},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
					ArtifactLocation: sarifArtifact{URI: (&url.URL{Path: n}).String(), URIBaseID: srcRoot}}}}})
		}
		b, err := marshalIndent([]sarifInvocation{inv})
		if err != nil {
			return err
		}
		var ind bytes.Buffer
		if err := json.Indent(&ind, bytes.TrimSpace(b), strings.Repeat(" ", 6), "  "); err != nil {
			return err
		}
		if _, err := io.WriteString(s.W, ",\n      \"invocations\": "+ind.String()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(s.W, s.tail)
	return err
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolConfigurationNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

func marshalIndent(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

func orDefault(s, d string) string {
	if s != "" {
		return s
	}
	return d
}
