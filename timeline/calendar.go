package timeline

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"strings"
	"sync"
	"time"
)

// bankHolidayData is the England-and-Wales bank-holiday table shipped with the binary, so
// deadlines never depend on the network or on the machine's locale.
//
//go:embed bankholidays.txt
var bankHolidayData string

// dayKey identifies a calendar date independently of time zone and clock time:
// year*10000 + month*100 + day.
type dayKey int

func keyOf(y int, m time.Month, d int) dayKey { return dayKey(y*10000 + int(m)*100 + d) }

// civil returns t's calendar date, read in t's own location, as 00:00 UTC. Every date the
// package returns is normalised this way so that comparisons and map look-ups never depend on
// a caller's time zone or clock time.
func civil(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// daysIn is the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	// Day 0 of the next month is the last day of this one.
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// AddMonths adds n calendar months (n may be negative) using the corresponding-date rule
// (Dodds v Walker [1981]): the result is the same day of the month n months later, or the last
// day of that month when the day does not exist there (31 December + 2 months = 28 or
// 29 February). time.AddDate is deliberately not used: it overflows into the next month
// (31 Dec + 2 months = 3 March), which would make a statutory period end late.
//
// The result is at 00:00 UTC. A zero t (a missing date) gives a zero result.
func AddMonths(t time.Time, n int) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	total := y*12 + int(m-1) + n // months since year 0; floor division keeps negatives right
	ny, nm := floorDiv(total, 12), time.Month(total-floorDiv(total, 12)*12+1)
	if last := daysIn(ny, nm); d > last {
		d = last
	}
	return time.Date(ny, nm, d, 0, 0, 0, 0, time.UTC)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// AddDays adds n calendar days; the day of the event is excluded, so AddDays(t, 1) is the
// next day. The result is at 00:00 UTC. A zero t gives a zero result.
func AddDays(t time.Time, n int) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	y, m, d := t.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, time.UTC)
}

// EasterSunday returns the date of Western (Gregorian) Easter Sunday in year y, by the
// anonymous Gregorian algorithm (Meeus/Jones/Butcher). Good Friday is two days before it and
// Easter Monday one day after.
func EasterSunday(y int) time.Time {
	a := y % 19
	b := y / 100
	c := y % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	mm := (a + 11*h + 22*l) / 451
	month := (h + l - 7*mm + 114) / 31
	day := (h+l-7*mm+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holiday is one named non-working day.
type Holiday struct {
	Date time.Time // 00:00 UTC
	Name string
}

// RuleHolidays returns the bank holidays of England and Wales that the usual pattern gives
// for year y (Banking and Financial Dealings Act 1971 Sch 1 as applied by annual
// proclamation): New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May,
// the last Monday of August, Christmas Day and Boxing Day, with a weekday substitute when
// 1 January, 25 or 26 December falls on a weekend. It knows nothing of one-off holidays or
// moved days (2020-05-08, 2022-06-03, 2022-09-19, 2023-05-08): those only exist in the table.
//
// The Calendar uses it only for years outside the embedded table, and Compute then warns;
// the tests use it to cross-check the table.
func RuleHolidays(y int) []Holiday {
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	firstMonday := func(m time.Month) time.Time {
		t := date(m, 1)
		return t.AddDate(0, 0, (8-int(t.Weekday()))%7)
	}
	lastMonday := func(m time.Month) time.Time {
		t := date(m, daysIn(y, m))
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	}
	easter := EasterSunday(y)
	var out []Holiday
	add := func(t time.Time, name string) { out = append(out, Holiday{t, name}) }

	switch nyd := date(time.January, 1); nyd.Weekday() {
	case time.Saturday:
		add(date(time.January, 3), "New Year's Day (substitute day)")
	case time.Sunday:
		add(date(time.January, 2), "New Year's Day (substitute day)")
	default:
		add(nyd, "New Year's Day")
	}
	add(easter.AddDate(0, 0, -2), "Good Friday")
	add(easter.AddDate(0, 0, 1), "Easter Monday")
	add(firstMonday(time.May), "Early May bank holiday")
	add(lastMonday(time.May), "Spring bank holiday")
	add(lastMonday(time.August), "Summer bank holiday")
	switch date(time.December, 25).Weekday() {
	case time.Friday: // Boxing Day on Saturday: substitute Monday 28th
		add(date(time.December, 25), "Christmas Day")
		add(date(time.December, 28), "Boxing Day (substitute day)")
	case time.Saturday: // both on the weekend: Monday 27th and Tuesday 28th
		add(date(time.December, 27), "Christmas Day (substitute day)")
		add(date(time.December, 28), "Boxing Day (substitute day)")
	case time.Sunday: // Boxing Day on Monday 26th, Christmas substitute Tuesday 27th
		add(date(time.December, 26), "Boxing Day")
		add(date(time.December, 27), "Christmas Day (substitute day)")
	default:
		add(date(time.December, 25), "Christmas Day")
		add(date(time.December, 26), "Boxing Day")
	}
	return out
}

// Calendar knows which days are working days in England and Wales. It is immutable once
// built, so one Calendar may be shared by any number of goroutines; With returns a new one.
// A nil *Calendar behaves as DefaultCalendar().
type Calendar struct {
	names       map[dayKey]string // table days plus configured extra days
	first, last int               // years covered by the table
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, err := ParseCalendar(strings.NewReader(bankHolidayData))
	if err != nil {
		// The file is embedded and checked by the tests: this cannot happen in a release.
		panic("timeline: embedded bankholidays.txt: " + err.Error())
	}
	return c
})

// DefaultCalendar returns the calendar built from the embedded England-and-Wales table
// (bankholidays.txt, 2018-2028). It is parsed once and shared.
func DefaultCalendar() *Calendar { return defaultCalendar() }

// ParseCalendar reads a bank-holiday table: one "YYYY-MM-DD name" per line, '#' comments and
// blank lines ignored. The years of the earliest and latest entries define what Covers reports.
func ParseCalendar(r io.Reader) (*Calendar, error) {
	c := &Calendar{names: map[dayKey]string{}}
	sc := bufio.NewScanner(r)
	for lineNo := 1; sc.Scan(); lineNo++ {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		ds, name, _ := strings.Cut(line, " ")
		t, err := time.Parse(time.DateOnly, ds)
		if err != nil {
			return nil, fmt.Errorf("line %d: %q is not a YYYY-MM-DD date", lineNo, ds)
		}
		name = strings.TrimSpace(name)
		if name == "" {
			name = "bank holiday"
		}
		k := keyOf(t.Date())
		if _, dup := c.names[k]; dup {
			return nil, fmt.Errorf("line %d: %s is listed twice", lineNo, ds)
		}
		c.names[k] = name
		if y := t.Year(); len(c.names) == 1 {
			c.first, c.last = y, y
		} else {
			c.first, c.last = min(c.first, y), max(c.last, y)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(c.names) == 0 {
		return nil, fmt.Errorf("no bank holidays listed")
	}
	return c, nil
}

func (c *Calendar) get() *Calendar {
	if c == nil {
		return DefaultCalendar()
	}
	return c
}

// With returns a new calendar that also treats the given days as non-working: the
// government announces one-off bank holidays by proclamation, so configuration must be able to
// add them without a new release. Zero times are ignored. The receiver is not changed, and the
// years Covers reports stay those of the table.
func (c *Calendar) With(extra ...time.Time) *Calendar {
	c = c.get()
	n := &Calendar{names: maps.Clone(c.names), first: c.first, last: c.last}
	for _, t := range extra {
		if t.IsZero() {
			continue
		}
		k := keyOf(t.Date())
		if _, ok := n.names[k]; !ok {
			n.names[k] = "additional bank holiday (configured)"
		}
	}
	return n
}

// Range reports the first and last years of the bank-holiday table.
func (c *Calendar) Range() (first, last int) {
	c = c.get()
	return c.first, c.last
}

// Covers reports whether t's year is inside the bank-holiday table. Outside it the calendar
// still answers, from RuleHolidays, but one-off holidays cannot be known: Compute warns.
func (c *Calendar) Covers(t time.Time) bool {
	c = c.get()
	if t.IsZero() {
		return false
	}
	y := t.Year()
	return y >= c.first && y <= c.last
}

// HolidayName reports whether t is a bank holiday (or Christmas Day or Good Friday, which are
// never working days even when they fall on a weekend) and its name. Inside the table's years
// the table and configured days decide; outside them RuleHolidays does.
func (c *Calendar) HolidayName(t time.Time) (string, bool) {
	c = c.get()
	if t.IsZero() {
		return "", false
	}
	y, m, d := t.Date()
	if name, ok := c.names[keyOf(y, m, d)]; ok {
		return name, true
	}
	// HESC Rules 2008 r.1(3) names Christmas Day and Good Friday separately from bank
	// holidays, so they are excluded even if a table forgot them.
	if m == time.December && d == 25 {
		return "Christmas Day", true
	}
	if gf := EasterSunday(y).AddDate(0, 0, -2); gf.Month() == m && gf.Day() == d {
		return "Good Friday", true
	}
	if y < c.first || y > c.last {
		for _, h := range RuleHolidays(y) {
			if h.Date.Month() == m && h.Date.Day() == d {
				return h.Name + " (computed: outside the bank-holiday table)", true
			}
		}
	}
	return "", false
}

// IsWorkingDay reports whether t is Monday to Friday and not a bank holiday in England and
// Wales, Christmas Day or Good Friday. A zero t is not a working day.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	if t.IsZero() {
		return false
	}
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, hol := c.HolidayName(t)
	return !hol
}

// AddWorkingDays counts n working days from t, the day of the event excluded: the result is
// the n-th working day after t (before t when n is negative). n = 0 gives t itself, even if it
// is not a working day. The result is at 00:00 UTC; a zero t gives a zero result.
func (c *Calendar) AddWorkingDays(t time.Time, n int) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	c = c.get()
	d := civil(t)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// NextWorkingDay returns t when it is a working day, otherwise the first working day after
// it. The result is at 00:00 UTC; a zero t gives a zero result.
func (c *Calendar) NextWorkingDay(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	c = c.get()
	d := civil(t)
	for !c.IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// holidaysBetween lists the weekday holidays strictly after from and up to to inclusive, for
// explaining a working-day count ("skipping 2026-12-25 Christmas Day").
func (c *Calendar) holidaysBetween(from, to time.Time) []string {
	var out []string
	for d := AddDays(from, 1); !d.After(to); d = AddDays(d, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if name, ok := c.HolidayName(d); ok {
			out = append(out, d.Format(time.DateOnly)+" "+name)
		}
	}
	return out
}

// Years is the number of whole years from one date to another: a person's
// age on a day, from their date of birth.
func Years(from, to time.Time) int {
	y := to.Year() - from.Year()
	if to.Month() < from.Month() || (to.Month() == from.Month() && to.Day() < from.Day()) {
		y--
	}
	return y
}
