package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/internal/lazyre"
	"github.com/sendgen/sendgen/internal/words"
	"github.com/sendgen/sendgen/send"
	"github.com/sendgen/sendgen/timeline"
)

// buildView turns a case into the template view for one document.
func buildView(c *casefile.Case, doc Document, opts *Options, in *Input) *View {
	f := &c.Front
	// The body's bytes with lone CRs as LF (the same length, so offsets
	// hold): sections are cut at line ends, and goldmark reads LF only.
	v := &View{Document: string(doc), Draft: in.Draft, src: casefile.LoneCRToLF(c.Bytes)}
	v.Case = v.text("case", f.Case.Value)

	v.Child.Name = v.text("child.name", f.Child.Name.Value)
	v.Child.DateOfBirth = caseDate(f.Child.DateOfBirth)
	if t := f.Child.Transfer; t != nil {
		lbl := t.To.Value
		if k, ok := send.LookupTransferKind(t.To.Value); ok {
			lbl = k.Label
		}
		v.Child.Transfer = &Transfer{Key: t.To.Value, Label: v.text("child.transfer.to", lbl), Date: caseDate(t.Date)}
	}
	v.Child.Age = -1
	if b, dd := f.Child.DateOfBirth, f.Decision.Date; b.Set && dd.Set && !dd.Time.Before(b.Time) {
		v.Child.Age = timeline.Years(b.Time, dd.Time)
	}
	v.Appellant = v.appellant(f)
	v.LocalAuthority = v.text("local_authority", f.LocalAuthority.Value)

	d := &v.Decision
	d.Type = f.Decision.Type.Value
	d.PlanExists = in.Dates.PlanExists
	if dt, ok := send.LookupDecisionType(d.Type); ok {
		d.Label, d.Matter = Text(dt.Label), Text(dt.Basis)
		d.Request, d.RequestBasis, d.RequestSpecifies = Text(dt.Request), Text(dt.RequestBasis), dt.RequestSpecifies
	} else {
		d.Label = v.text("decision.type", d.Type)
		d.Request, d.RequestSpecifies = "the provision set out below", false
	}
	d.Date = caseDate(f.Decision.Date)
	var codes []string
	health, other := false, false
	for i, s := range f.Decision.Sections {
		code := strings.ToUpper(strings.TrimSpace(s.Value))
		v.text(fmt.Sprintf("decision.sections[%d]", i), s.Value)
		d.Sections = append(d.Sections, PlanSection{Code: code, Name: Text(sectionName(code))})
		codes = append(codes, code)
		d.Placement = d.Placement || code == "I"
		if sec, ok := send.LookupSection(code); ok && sec.Area == send.Health {
			health = true
		} else {
			other = true
		}
	}
	d.SectionList = Text(words.And(codes))
	// Health-only mediation is with the commissioning body, not the local
	// authority (CFA 2014 s.53; legal-review.md E15).
	la := string(v.LocalAuthority)
	if la == "" {
		la = "the local authority"
	}
	// A health body is named only when an attendee from it is recorded: a
	// certificate must not say it took part when nobody did.
	icb := healthBodyName(f)
	switch {
	case health && !other:
		d.MediationWith = v.text("mediation.attendees", icb)
	case health && icb != "":
		d.MediationWith = v.text("mediation.attendees", la+" and "+icb)
	default:
		d.MediationWith = Text(la)
	}

	if m := f.Mediation; m != nil {
		mv := &MediationInfo{
			Adviser:          v.text("mediation.adviser", m.Adviser.Value),
			AdviserName:      v.text("mediation.adviser_name", m.AdviserName.Value),
			AdviserContacted: caseDate(m.AdviserContacted),
			Choice:           m.Choice.Value,
			Declined:         m.Choice.Value == "decline",
			LAInformed:       caseDate(m.LAInformed),
			Date:             caseDate(m.Date),
			Mediator:         v.text("mediation.mediator", m.Mediator.Value),
		}
		for i, a := range m.Attendees {
			p := fmt.Sprintf("mediation.attendees[%d]", i)
			mv.Attendees = append(mv.Attendees, Attendee{
				Name:         v.text(p+".name", a.Name.Value),
				Role:         v.text(p+".role", a.Role.Value),
				Organisation: v.text(p+".organisation", a.Organisation.Value),
				Authority:    a.Authority.Set && a.Authority.Value,
			})
		}
		v.Mediation = mv
	}
	if ct := f.Certificate; ct != nil {
		cv := &CertificateInfo{Issued: caseDate(ct.Issued), IssuesResolved: ct.IssuesResolved.Value}
		switch in.Dates.CertificateKind {
		case timeline.CertificateDeclined:
			cv.Declined = true
			cv.Kind = "CFA 2014 s.55(4)"
			cv.Resolution = "The family did not wish to pursue mediation."
			if v.Appellant.YoungPerson {
				cv.Resolution = "The young person did not wish to pursue mediation."
			}
		case timeline.CertificateAfterMediation:
			cv.AfterMediation = true
			cv.Kind = "CFA 2014 s.55(5)"
			cv.Resolution = Text(resolutions[cv.IssuesResolved])
			if cv.Resolution == "" {
				cv.Resolution = "Whether the issues were resolved is not stated."
			}
		case timeline.CertificateNotArranged:
			cv.NotArranged = true
			cv.Kind = "CFA 2014 s.55; SEND Regs 2014 regs 34-37"
			cv.Resolution = "Mediation could not be arranged within 30 days."
		default:
			cv.Unknown = true
			cv.Kind = "CFA 2014 s.55"
			cv.Resolution = "The case file does not say what this certificate certifies."
		}
		v.Certificate = cv
	}
	if a := f.Author; a != nil {
		p := v.person("author", *a, false)
		v.Author = &p
	}

	v.buildDates(in.Dates)
	v.buildBody(c)
	v.buildActions(c, in.Dates.Actions)
	v.buildSignatories(doc)

	for _, fd := range in.Findings {
		v.Findings = append(v.Findings, FindingView{
			Location: v.text("finding.location", fd.Location), Severity: v.text("finding.severity", fd.Severity),
			Rule: v.text("finding.rule", fd.Rule), Message: v.text("finding.message", fd.Message),
			Suggestion: v.text("finding.suggestion", fd.Suggestion),
		})
	}

	v.Created = newDate(documentDate(c, doc, opts.Created, opts.Epoch))
	if ps := f.PositionStatement; ps != nil {
		v.StatementDate = caseDate(ps.Date)
	}
	v.ProvisionComplete = in.ProvisionComplete
	if cv := v.Certificate; cv != nil && len(v.Signatories) > 0 {
		cv.Signer, cv.SignerName = Text(strings.ToLower(string(v.Signatories[0].Role))), v.Signatories[0].Name
	}
	return v
}

// healthBodyName is the health commissioning body as the attendees name it,
// "" when no attendee is from one.
func healthBodyName(f *casefile.Front) string {
	if m := f.Mediation; m != nil {
		for _, a := range m.Attendees {
			if reHealthBody.MatchString(a.Organisation.Value) {
				return a.Organisation.Value
			}
		}
	}
	return ""
}

var reHealthBody = lazyre.New(`(?i)\b(?:ICB|integrated\s+care\s+board|NHS\s+England|clinical\s+commissioning)\b`)

// appellant words the request by who makes it: a parent speaks for the
// family; a young person appealing in their own right is the appellant
// (CFA 2014 s.83(2); LB Hillingdon v WW [2016] UKUT 253), in the first
// person when they write the statement themselves (legal-review.md E8).
func (v *View) appellant(f *casefile.Front) Appellant {
	a := Appellant{Person: v.person("appellant", f.Appellant, true)}
	a.YoungPerson = f.Appellant.Role.Value == send.YoungPerson
	name := strings.TrimSpace(f.Appellant.Name.Value)
	switch {
	case !a.YoungPerson:
		a.Asks, a.Position = "The family asks", "The family's position"
	case f.Author == nil || !f.Author.Name.Set || strings.EqualFold(strings.TrimSpace(f.Author.Name.Value), name) || name == "":
		a.Asks, a.Position = "I ask", "My position"
	default:
		a.Asks, a.Position = Text(name+" asks"), Text(name+"'s position")
	}
	return a
}

// documentDate is the document's date and the PDF creation date. It never
// reads the clock, so the same case renders to the same bytes.
func documentDate(c *casefile.Case, doc Document, explicit, epoch time.Time) time.Time {
	if !explicit.IsZero() {
		return explicit.UTC()
	}
	f := &c.Front
	var t time.Time
	switch doc {
	case Certificate:
		if f.Certificate != nil {
			t = dateOf(f.Certificate.Issued)
		}
	case OutcomeForm:
		if f.Mediation != nil {
			t = dateOf(f.Mediation.Date)
		}
	case PositionStatement:
		if ps := f.PositionStatement; ps != nil && ps.Date.Set {
			return ps.Date.Time
		}
		t = dateOf(f.Decision.Date)
		if m := f.Mediation; m != nil {
			for _, d := range []casefile.Date{m.AdviserContacted, m.LAInformed} {
				if x := dateOf(d); x.After(t) {
					t = x
				}
			}
		}
	}
	if t.IsZero() {
		t = epoch
	}
	return t
}

func (v *View) text(path, s string) Text {
	if s != "" {
		v.fields = append(v.fields, field{path, s})
	}
	return Text(s)
}

func (v *View) person(path string, p casefile.Person, appellant bool) Person {
	role := p.Role.Value
	if l := send.RoleLabel(role); l != role && appellant {
		role = l
	}
	return Person{Name: v.text(path+".name", p.Name.Value), Role: v.text(path+".role", role), RoleKey: p.Role.Value}
}

func (v *View) buildDates(d timeline.Dates) {
	conv := func(x timeline.Date) StatutoryDate {
		return StatutoryDate{Key: x.Key, Label: Text(x.Label), Date: newDate(x.Date), Basis: Text(x.Basis), Why: Text(x.Why),
			LastWorkingDay: newDate(x.LastWorkingDay)}
	}
	v.Dates = Dates{
		AdviserContactBy:         conv(d.AdviserContactBy),
		CertificateDue:           conv(d.CertificateDue),
		MediationDue:             conv(d.MediationDue),
		AppealDeadline:           conv(d.AppealDeadline),
		PhaseTransferBy:          conv(d.PhaseTransferBy),
		CertificateIfNotArranged: conv(d.CertificateIfNotArranged),
		CertificateRequired:      d.CertificateRequired,
		CertificateRequiredWhy:   Text(d.CertificateRequiredWhy),
		AppealAvailable:          d.AppealAvailable,
	}
	for _, x := range d.All() {
		if !x.Date.IsZero() {
			v.Dates.Known = append(v.Dates.Known, conv(x))
		}
	}
	for _, w := range d.Warnings {
		v.Dates.Warnings = append(v.Dates.Warnings, Text(w))
	}
}

// snippet registers a Markdown value for the markdown template function.
func (v *View) snippet(m Markdown) Markdown {
	if !m.Present {
		m.ID = -1
		return m
	}
	m.ID = len(v.snippets)
	mm := m
	v.snippets = append(v.snippets, &mm)
	return m
}

func (v *View) buildBody(c *casefile.Case) {
	sec := func(title string) Markdown {
		s := c.Body.Find(title)
		if s == nil {
			return v.snippet(Markdown{Title: title})
		}
		start, end := sectionContent(v.src, c, s)
		return v.snippet(v.markdownFrom(c, title, start, end))
	}
	b := &v.Body
	b.Background = sec("Background")
	b.LegalPosition = sec("Legal position")
	b.RequestedProvision = sec("Requested provision")
	b.Evidence = sec("Evidence")
	b.Issues = sec("Issues")
	b.AgreedActions = sec("Agreed actions")
	b.UnresolvedIssues = sec("Unresolved issues")
	b.NextSteps = sec("Next steps")

	rp := c.Body.Find("Requested provision")
	if rp == nil {
		return
	}
	start, end := sectionContent(v.src, c, rp)
	// Only "##" sub-headings split the section: deeper headings stay inside
	// their section's text.
	var kids []*casefile.Section
	for _, ch := range rp.Children {
		if ch.Level == 2 {
			kids = append(kids, ch)
		}
	}
	// Text before the first "## Section X" is provision under no sub-heading.
	pre := end
	if len(kids) > 0 {
		pre = lineStart(v.src, kids[0].Span.Start)
	}
	if m := v.markdownFrom(c, "Requested provision", start, pre); m.Present {
		v.Provision = append(v.Provision, ProvisionSection{Body: v.snippet(m)})
	}
	for i, ch := range kids {
		cs := afterHeading(v.src, ch.Span.End)
		ce := end
		if i+1 < len(kids) {
			ce = lineStart(v.src, kids[i+1].Span.Start)
		}
		ps := ProvisionSection{Heading: v.text("# Requested provision", ch.Title)}
		if m := reSectionHeading.FindStringSubmatch(ch.Title); m != nil {
			ps.Code = strings.ToUpper(m[1])
			if n := sectionName(ps.Code); n != "" {
				ps.Heading = Text("Section " + ps.Code + ": " + n)
			}
		}
		md := v.markdownFrom(c, "Requested provision > "+ch.Title, cs, ce)
		md.Present = true // an empty section still gets its heading
		ps.Body = v.snippet(md)
		v.Provision = append(v.Provision, ps)
	}
}

var reSectionHeading = lazyre.New(`(?i)^section\s+([a-k][12]?)\b`)

func (v *View) markdownFrom(c *casefile.Case, title string, start, end int) Markdown {
	if end < start {
		end = start
	}
	src := string(v.src[start:end])
	// A section holding only "None." is empty: the outcome form must not
	// say "some issues remain unresolved" because of it.
	return Markdown{Title: title, Present: hasContent(src) && !casefile.IsNone(src), Source: src,
		origin: "# " + title, offset: start}
}

// hasContent reports whether Markdown prints anything: a section holding
// only HTML comments (the instructions of a new case file) prints nothing,
// so it is treated as empty and the document says so or uses its default.
func hasContent(src string) bool {
	for {
		i := strings.Index(src, "<!--")
		if i < 0 {
			return strings.TrimSpace(src) != ""
		}
		if strings.TrimSpace(src[:i]) != "" {
			return true
		}
		j := strings.Index(src[i:], "-->")
		if j < 0 {
			return true
		}
		src = src[i+j+3:]
	}
}

// sectionContent returns the byte range of a level-1 section's content: from
// the line after its heading to the line of the next level-1 heading.
func sectionContent(src []byte, c *casefile.Case, s *casefile.Section) (int, int) {
	start := afterHeading(src, s.Span.End)
	end := c.Body.Extent(s).End
	if end < len(src) {
		end = lineStart(src, end)
	}
	if end < start {
		end = start
	}
	return start, end
}

// afterHeading returns the offset of the line after a heading whose text
// ends at off, skipping a setext underline ("Background\n==========").
func afterHeading(b []byte, off int) int {
	start := lineEnd(b, off)
	if e := lineEnd(b, start); e > start {
		l := strings.TrimSpace(string(b[start:e]))
		if l != "" && (strings.Trim(l, "=") == "" || strings.Trim(l, "-") == "") {
			start = e
		}
	}
	return start
}

// lineEnd returns the offset just after the line containing off.
func lineEnd(b []byte, off int) int {
	for off < len(b) && b[off] != '\n' {
		off++
	}
	if off < len(b) {
		off++
	}
	return off
}

// lineStart returns the offset of the start of the line containing off.
func lineStart(b []byte, off int) int {
	if off > len(b) {
		off = len(b)
	}
	for off > 0 && b[off-1] != '\n' {
		off--
	}
	return off
}

func (v *View) buildActions(c *casefile.Case, defaults []timeline.ActionDue) {
	for i, a := range c.Actions {
		p := fmt.Sprintf("# Agreed actions row %d", i+1)
		def := defaults[i]
		av := Action{N: i + 1,
			Action: v.text(p+" Action", a.Action.Text),
			Who:    v.text(p+" Who", a.Who.Text),
			By:     v.text(p+" By", strings.TrimSpace(a.By.Text)),
			Bound:  def.Bound,
		}
		if !def.Bound {
			av.Basis = Text(def.Basis)
		}
		for _, st := range def.Steps {
			rule, _, _ := strings.Cut(st.Basis, ":")
			av.Steps = append(av.Steps, ActionStep{What: Text(st.What), Within: Text(st.Within()), Due: newDate(st.Due), Basis: Text(st.Basis), Rule: Text(rule)})
		}
		if ad, msg := casefile.ReadActionDate(a.By.Text); msg == "" {
			av.Due = newDate(ad.Time)
			av.Note = v.text(p+" By", ad.Note)
			av.WeekdayMismatch = !ad.WeekdayMatches
			if def.Bound && ad.Time.After(def.Due) && !def.Due.IsZero() {
				av.LaterThanLimit, av.Limit, av.LimitDue, av.Basis = true, Text(def.Period), newDate(def.Due), Text(def.Basis)
			}
		} else {
			av.Due, av.Default, av.Basis = newDate(def.Due), true, Text(def.Basis)
		}
		v.Actions = append(v.Actions, av)
	}
}

func (v *View) buildSignatories(doc Document) {
	switch doc {
	case OutcomeForm:
		m := v.Mediation
		if m == nil {
			return
		}
		mediatorListed := false
		for _, a := range m.Attendees {
			v.Signatories = append(v.Signatories, Signatory{Name: a.Name, Role: a.Role, Organisation: a.Organisation})
			if m.Mediator != "" && strings.EqualFold(strings.TrimSpace(string(a.Name)), strings.TrimSpace(string(m.Mediator))) {
				mediatorListed = true
			}
		}
		if !mediatorListed {
			v.Signatories = append(v.Signatories, Signatory{Name: m.Mediator, Role: "Mediator", Organisation: m.Adviser})
		}
	case Certificate:
		s := Signatory{Role: "Mediation adviser"}
		if m := v.Mediation; m != nil {
			s.Organisation, s.Name = m.Adviser, m.AdviserName
			if !m.Declined && m.Mediator != "" {
				s.Name, s.Role = m.Mediator, "Mediator"
			}
		}
		v.Signatories = append(v.Signatories, s)
	case PositionStatement:
		v.Signatories = append(v.Signatories, Signatory{Name: v.Appellant.Name, Role: v.Appellant.Role})
		if a := v.Author; a != nil && a.Name != "" && a.Name != v.Appellant.Name {
			v.Signatories = append(v.Signatories, Signatory{Name: a.Name, Role: a.Role})
		}
	}
}

func dateOf(d casefile.Date) time.Time {
	if !d.Set {
		return time.Time{}
	}
	return d.Time
}
