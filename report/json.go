package report

import "io"

// JSON writes one array of diagnostics (shared/spec/case-file.md), a file
// at a time; an empty run is "[]", never null.
type JSON struct {
	W   io.Writer
	arr jsonArray
}

func (j *JSON) Begin() error {
	j.arr = jsonArray{w: j.W}
	return nil
}

func (j *JSON) File(f File) error {
	for _, fd := range f.Findings {
		d := Resolve(f.Path, f.Source, fd)
		d.Config = f.Config
		if err := j.arr.addDiagnostic(&d); err != nil {
			return err
		}
	}
	return nil
}

func (j *JSON) End(Totals) error {
	if err := j.arr.close(); err != nil {
		return err
	}
	_, err := io.WriteString(j.W, "\n")
	return err
}
