package report_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/lint"
	"github.com/sendgen/sendgen/report"
)

type sarifDoc struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind        string `json:"columnKind"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		OriginalURIBaseIDs map[string]json.RawMessage `json:"originalUriBaseIds"`
		Tool               struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					FullDescription struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
					Help struct {
						Text     string `json:"text"`
						Markdown string `json:"markdown"`
					} `json:"help"`
					HelpURI              string `json:"helpUri"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine, StartColumn, EndLine, EndColumn int
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

// checkSARIF checks a log against what code scanning needs and against
// the diagnostics it was made from; it returns the decoded log.
func checkSARIF(t *testing.T, out []byte, wantDiags []report.Diagnostic) sarifDoc {
	t.Helper()
	validateSARIF(t, out)
	var doc sarifDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || doc.Schema == "" {
		t.Errorf("version %q, $schema %q", doc.Version, doc.Schema)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	if d := run.Tool.Driver; d.Name != "sendgen" || d.InformationURI == "" {
		t.Errorf("driver %q, informationUri %q", d.Name, d.InformationURI)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q: sendgen counts Unicode characters, so it must say unicodeCodePoints", run.ColumnKind)
	}
	if _, ok := run.OriginalURIBaseIDs["%SRCROOT%"]; !ok {
		t.Errorf("originalUriBaseIds does not define %%SRCROOT%%: %v", run.OriginalURIBaseIDs)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		if slices.Contains(ids, r.ID) {
			t.Errorf("rule %s described twice", r.ID)
		}
		ids = append(ids, r.ID)
		// GitHub code scanning (multitool rule GH2012) wants a full description.
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s lacks shortDescription, fullDescription or help text and markdown", r.ID)
		}
		if r.HelpURI != report.RuleURL(r.ID) {
			t.Errorf("rule %s: helpUri %q", r.ID, r.HelpURI)
		}
		if !slices.Contains([]string{"error", "warning", "note", "none"}, r.DefaultConfiguration.Level) {
			t.Errorf("rule %s: defaultConfiguration.level %q", r.ID, r.DefaultConfiguration.Level)
		}
	}
	if len(run.Results) != len(wantDiags) {
		t.Fatalf("%d results, want %d", len(run.Results), len(wantDiags))
	}
	prints := map[string]bool{}
	for i, res := range run.Results {
		d := wantDiags[i]
		if k := slices.Index(ids, res.RuleID); k >= 0 && (res.RuleIndex == nil || *res.RuleIndex != k) {
			t.Errorf("result %d: ruleIndex %v, want %d", i, res.RuleIndex, k)
		} else if k < 0 && res.RuleIndex != nil {
			t.Errorf("result %d: ruleIndex %d for a rule not described", i, *res.RuleIndex)
		}
		want := map[string]string{"error": "error", "warning": "warning", "info": "note"}[d.Severity]
		if res.Level != want {
			t.Errorf("result %d: level %q for severity %s, want %q", i, res.Level, d.Severity, want)
		}
		if res.Message.Text == "" {
			t.Errorf("result %d: empty message", i)
		}
		fp := res.PartialFingerprints["primaryLocationLineHash"]
		if len(fp) != 32 || prints[fp] {
			t.Errorf("result %d: fingerprint %q missing, malformed or repeated", i, fp)
		}
		prints[fp] = true
		// The suggestion is the message's second line, not run on from it.
		wantText := d.Message
		if d.Detail != "" {
			wantText += "\nWorking: " + d.Detail
		}
		if d.Suggestion != "" {
			wantText += "\nSuggestion: " + d.Suggestion
		}
		if res.Message.Text != wantText {
			t.Errorf("result %d: message %q, want %q", i, res.Message.Text, wantText)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %d: %d locations", i, len(res.Locations))
			continue
		}
		pl := res.Locations[0].PhysicalLocation
		u, err := url.Parse(pl.ArtifactLocation.URI)
		if err != nil || strings.TrimPrefix(u.Path, "./") != strings.TrimPrefix(d.Path, "./") || u.IsAbs() {
			t.Errorf("result %d: uri %q (%v) does not decode to the relative path %q", i, pl.ArtifactLocation.URI, err, d.Path)
		}
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId %q", i, pl.ArtifactLocation.URIBaseID)
		}
		r := pl.Region
		if r.StartLine != d.Line || r.StartColumn != d.Column || r.EndLine != d.EndLine || r.EndColumn != d.EndColumn {
			t.Errorf("result %d: region %+v, diagnostic %d:%d-%d:%d", i, r, d.Line, d.Column, d.EndLine, d.EndColumn)
		}
	}
	return doc
}

// sarifSchema is the SARIF 2.1.0 JSON schema, compiled once. The file is
// sarif-2.1.0.json from the npm package @microsoft/sarif-multitool-linux
// 5.7.0 (MIT, see testdata/sarif-schema-2.1.0.LICENSE): the OASIS copy is
// under the OASIS IPR policy, not an open-source licence.
var sarifSchema *jsonschema.Schema

func compileSARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	if sarifSchema != nil {
		return sarifSchema
	}
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // "uri" and "uri-reference" are checked, not just described
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	sarifSchema = s
	return s
}

// validateSARIF validates a log against the official schema. It runs
// offline, always: there is no external tool to be missing.
func validateSARIF(t *testing.T, out []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v\n%s", err, out)
	}
	if err := compileSARIFSchema(t).Validate(inst); err != nil {
		t.Errorf("SARIF output does not validate against sarif-schema-2.1.0.json:\n%v", err)
	}
}

// TestSARIFSchemaRejects: the validator is not a rubber stamp.
func TestSARIFSchemaRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"no version":     `{"runs": []}`,
		"bad level":      `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		"uri with space": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "a b"}}}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if compileSARIFSchema(t).Validate(inst) == nil {
			t.Errorf("%s: the schema accepts %s", name, doc)
		}
	}
}

func TestSARIF(t *testing.T) {
	files := lintTestdata(t)
	doc := checkSARIF(t, render(t, "sarif", files), report.Diagnostics(files))
	var ids []string
	for _, r := range doc.Runs[0].Tool.Driver.Rules {
		ids = append(ids, r.ID)
	}
	if !slices.Equal(ids, lint.RuleIDs) {
		t.Errorf("driver rules %v, want every rule in spec order %v", ids, lint.RuleIDs)
	}
	if v := doc.Runs[0].Tool.Driver.Version; v != "1.2.3" {
		t.Errorf("driver.version %q", v)
	}
}

// TestSARIFFixedInput: the golden input (a rule the run does not
// describe, an off rule, a path to escape) is valid too, and names its
// shard.
func TestSARIFFixedInput(t *testing.T) {
	files, run := fixedInput(t)
	doc := checkSARIF(t, renderRun(t, "sarif", run, files), inFileOrder(files))
	if a := doc.Runs[0].AutomationDetails; a == nil || a.ID != "sendgen/shard-2-of-3/" {
		t.Errorf("automationDetails %+v", a)
	}
}

// TestSARIFWithoutRuleDescriptions: a run that describes no rules still
// writes every result, without a ruleIndex.
// inFileOrder resolves the findings in the order of the files, as a
// streaming writer sees them.
func inFileOrder(files []report.File) []report.Diagnostic {
	var out []report.Diagnostic
	for _, f := range files {
		for _, fd := range f.Findings {
			out = append(out, report.Resolve(f.Path, f.Source, fd))
		}
	}
	return out
}

func TestSARIFWithoutRuleDescriptions(t *testing.T) {
	files := lintTestdata(t)
	checkSARIF(t, renderRun(t, "sarif", report.Run{Tool: report.Tool{Name: "sendgen", InformationURI: report.Home}}, files), report.Diagnostics(files))
}

func TestSARIFNoFindings(t *testing.T) {
	out := render(t, "sarif", nil)
	checkSARIF(t, out, nil)
	var raw map[string]any
	_ = json.Unmarshal(out, &raw)
	// "results": [] means "ran and found nothing"; null or absent would mean
	// "did not run" to code scanning.
	if res := raw["runs"].([]any)[0].(map[string]any)["results"]; res == nil {
		t.Error("results is null, want []")
	}
}

// TestSARIFURIsAreValid: artifactLocation.uri must be an RFC 3986 URI
// reference, so a path with a space, '%', '#' or a non-ASCII letter must be
// percent-encoded (the multitool reports SARIF1002 otherwise, and GitHub
// code scanning cannot match the file); decoded, it is the path again.
func TestSARIFURIsAreValid(t *testing.T) {
	for _, path := range []string{"my cases/Zoë 100%.md", "a#b?.md", "plain/dir/case.md", "x:y.md"} {
		src := []byte("- access to\n")
		f := report.File{Path: path, Source: casefile.NewSource(path, src), Findings: []lint.Finding{
			{Rule: "vague-wording", Severity: lint.Error, Span: casefile.Span{Start: 2, End: 11}, Message: "m"}}}
		doc := checkSARIF(t, render(t, "sarif", []report.File{f}), report.Diagnostics([]report.File{f}))
		uri := doc.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI
		for _, r := range uri {
			if r <= ' ' || r > '~' || strings.ContainsRune(`"<>\^{|}#?`+"`", r) {
				t.Errorf("%q: uri %q has the raw character %q", path, uri, r)
				break
			}
		}
		u, err := url.Parse(uri)
		if err != nil {
			t.Errorf("%q: uri %q does not parse: %v", path, uri, err)
			continue
		}
		// "x:y.md" is written "./x:y.md", so that "x" is not a scheme.
		if strings.TrimPrefix(u.Path, "./") != path || u.Scheme != "" {
			t.Errorf("%q: uri %q decodes to %q (scheme %q)", path, uri, u.Path, u.Scheme)
		}
	}
}

// TestSARIFMultitool validates SARIF with Microsoft's validator, including
// GitHub's ingestion rules. It needs the npm package
// @microsoft/sarif-multitool-linux, which .ci/run installs; locally:
//
//	npm install --no-fund --no-audit --prefix /tmp/sarif @microsoft/sarif-multitool-linux@5.7.0
//	chmod u+x /tmp/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
//	SARIF_MULTITOOL=/tmp/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool go test ./report -run Multitool
//
// It skips when the tool is absent, except under CI, where it fails.
func TestSARIFMultitool(t *testing.T) {
	tool := os.Getenv("SARIF_MULTITOOL")
	if tool == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SARIF_MULTITOOL is not set under CI: .ci/run installs @microsoft/sarif-multitool-linux and sets it")
		}
		t.Skip("SARIF_MULTITOOL is not set; see the comment on this test")
	}
	files, run := fixedInput(t)
	logs := map[string][]byte{
		"engine": render(t, "sarif", lintTestdata(t)),
		"fixed":  renderRun(t, "sarif", run, files),
		"empty":  render(t, "sarif", nil),
	}
	for name, log := range logs {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "sendgen.sarif")
			if err := os.WriteFile(in, log, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "validation.sarif")
			cmd := exec.Command(tool, "validate", in, "--rule-kind", "Gh;Sarif", "-o", out, "--log", "ForceOverwrite")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", tool, err, b)
			}
			// The exit status is 0 even when errors are reported: read the log.
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var v struct {
				Runs []struct {
					Results []struct {
						RuleID  string `json:"ruleId"`
						Level   string `json:"level"`
						Message struct {
							Text      string   `json:"text"`
							ID        string   `json:"id"`
							Arguments []string `json:"arguments"`
						} `json:"message"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(b, &v); err != nil {
				t.Fatal(err)
			}
			for _, r := range v.Runs {
				for _, res := range r.Results {
					if res.Level == "error" || res.Level == "warning" {
						t.Errorf("%s (%s): %s %s %v", res.RuleID, res.Level, res.Message.Text, res.Message.ID, res.Message.Arguments)
					} else {
						t.Logf("%s (%s): %s %s %v", res.RuleID, res.Level, res.Message.Text, res.Message.ID, res.Message.Arguments)
					}
				}
			}
		})
	}
}

// TestConfigurationNamed: the configuration files that applied are named in
// the text summary, on each JSON diagnostic, and in SARIF's
// invocations[].toolConfigurationNotifications (a valid SARIF log).
func TestConfigurationNamed(t *testing.T) {
	files, run := fixedInput(t)
	files[0].Config = []string{"cases/.sendgen.yaml"}
	sarif := renderRun(t, "sarif", run, files)
	validateSARIF(t, sarif)
	var doc struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful bool `json:"executionSuccessful"`
				Notes               []struct {
					Message struct{ Text string } `json:"message"`
				} `json:"toolConfigurationNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(sarif, &doc); err != nil {
		t.Fatal(err)
	}
	if inv := doc.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].Notes) != 1 ||
		inv[0].Notes[0].Message.Text != "configuration cases/.sendgen.yaml applied to 1 file" {
		t.Errorf("invocations %+v", inv)
	}
	if txt := string(renderRun(t, "text", run, files)); !strings.Contains(txt, "\nconfiguration: cases/.sendgen.yaml (1 file)\n") {
		t.Errorf("text summary does not name the configuration:\n%s", txt)
	}
	var diags []report.Diagnostic
	if err := json.Unmarshal(renderRun(t, "json", run, files), &diags); err != nil {
		t.Fatal(err)
	}
	if len(diags) == 0 || len(diags[0].Config) != 1 {
		t.Errorf("JSON diagnostics do not name the configuration: %+v", diags)
	}
	// With only the built-in rules, nothing is added.
	files[0].Config = nil
	if s := string(renderRun(t, "sarif", run, files)); strings.Contains(s, "invocations") {
		t.Error("invocations written with no configuration file")
	}
}
