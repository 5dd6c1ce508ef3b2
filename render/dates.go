package render

import (
	"time"

	"github.com/sendgen/sendgen/casefile"
	"github.com/sendgen/sendgen/timeline"
)

func dateOf(d casefile.Date) time.Time {
	if !d.Set {
		return time.Time{}
	}
	return d.Time
}

// Timetable is what the caller knows of a case's statutory dates: the dates
// computed with its calendar (configured bank holidays included) and the
// reg 42 default due date of each agreed action, in table order. The CLI
// passes the linter's, so the documents and the lint findings agree.
type Timetable struct {
	Dates   timeline.Dates
	Actions []ActionDue
}

// ActionDue is the statutory default due date of one agreed action.
type ActionDue struct {
	Due   time.Time
	Basis string
}

// defaultTimetable is used when the caller gives none: the built-in bank
// holidays and the keyword classification of each action.
func defaultTimetable(c *casefile.Case) Timetable {
	t := Timetable{Dates: timeline.Compute(timeline.FromCase(c), timeline.DefaultCalendar())}
	var agreed time.Time
	if m := c.Front.Mediation; m != nil {
		agreed = dateOf(m.Date)
	}
	for _, a := range c.Actions {
		due, basis := timeline.ActionDue(agreed, timeline.ClassifyAction(a.Action.Text))
		t.Actions = append(t.Actions, ActionDue{Due: due, Basis: basis})
	}
	return t
}
