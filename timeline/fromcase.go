package timeline

import "github.com/sendgen/sendgen/casefile"

// FromCase collects the inputs of the timetable from a parsed case file.
// Fields the case does not set stay zero, and Compute says what is missing.
func FromCase(c *casefile.Case) Inputs {
	f := &c.Front
	in := Inputs{
		Case:          f.Case.Value,
		DecisionType:  f.Decision.Type.Value,
		Decision:      f.Decision.Date.Time,
		Sections:      f.Decision.SectionList(),
		AppellantRole: f.Appellant.Role.Value,
	}
	if m := f.Mediation; m != nil {
		in.AdviserContacted = m.AdviserContacted.Time
		in.Choice = m.Choice.Value
		in.LAInformed = m.LAInformed.Time
		in.MediationDate = m.Date.Time
	}
	if cert := f.Certificate; cert != nil {
		in.CertificateIssued = cert.Issued.Time
	}
	if t := f.Child.Transfer; t != nil {
		in.TransferTo = t.To.Value
		in.TransferDate = t.Date.Time
	}
	return in
}
