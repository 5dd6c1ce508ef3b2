package timeline

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// d parses a YYYY-MM-DD date for tests; "" is the zero time (a missing input).
func d(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestEmbeddedTableParses(t *testing.T) {
	c, err := ParseCalendar(strings.NewReader(bankHolidayData))
	if err != nil {
		t.Fatal(err)
	}
	if first, last := c.Range(); first != 2018 || last != 2028 {
		t.Fatalf("table covers %d-%d, want 2018-2028", first, last)
	}
	if DefaultCalendar() != DefaultCalendar() {
		t.Error("DefaultCalendar should be parsed once and shared")
	}
}

func TestEasterSunday(t *testing.T) {
	// Independent list (published Easter dates), including century edge cases of the algorithm.
	want := map[int]string{
		1818: "1818-03-22", 1943: "1943-04-25", 2000: "2000-04-23", 2008: "2008-03-23",
		2018: "2018-04-01", 2019: "2019-04-21", 2020: "2020-04-12", 2021: "2021-04-04",
		2022: "2022-04-17", 2023: "2023-04-09", 2024: "2024-03-31", 2025: "2025-04-20",
		2026: "2026-04-05", 2027: "2027-03-28", 2028: "2028-04-16", 2029: "2029-04-01",
		2038: "2038-04-25", 2285: "2285-03-22",
	}
	for y, w := range want {
		if got := EasterSunday(y); !got.Equal(d(w)) {
			t.Errorf("EasterSunday(%d) = %s, want %s", y, ymd(got), w)
		}
	}
}

// tableYear returns the table's entries for year y as date -> name.
func tableYear(c *Calendar, y int) map[string]string {
	out := map[string]string{}
	for k, name := range c.names {
		if int(k)/10000 == y {
			t := time.Date(y, time.Month(int(k)/100%100), int(k)%100, 0, 0, 0, 0, time.UTC)
			out[ymd(t)] = name
		}
	}
	return out
}

func TestTableEasterCrossCheck(t *testing.T) {
	c := DefaultCalendar()
	for y := 2018; y <= 2028; y++ {
		tab := tableYear(c, y)
		e := EasterSunday(y)
		if name := tab[ymd(e.AddDate(0, 0, -2))]; name != "Good Friday" {
			t.Errorf("%d: Good Friday %s missing from the table (got %q)", y, ymd(e.AddDate(0, 0, -2)), name)
		}
		if name := tab[ymd(e.AddDate(0, 0, 1))]; name != "Easter Monday" {
			t.Errorf("%d: Easter Monday %s missing from the table (got %q)", y, ymd(e.AddDate(0, 0, 1)), name)
		}
	}
}

// TestTableSubstituteDays checks the New Year, Christmas and Boxing Day entries of every year
// against the substitute-day rule, written out here independently of RuleHolidays.
func TestTableSubstituteDays(t *testing.T) {
	c := DefaultCalendar()
	for y := 2018; y <= 2028; y++ {
		tab := tableYear(c, y)
		for ds := range tab {
			if wd := d(ds).Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%s (%s) is on a weekend: gov.uk lists only the weekday", ds, tab[ds])
			}
		}
		var want []string
		switch time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Weekday() {
		case time.Saturday:
			want = append(want, "01-03")
		case time.Sunday:
			want = append(want, "01-02")
		default:
			want = append(want, "01-01")
		}
		switch time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC).Weekday() {
		case time.Friday:
			want = append(want, "12-25", "12-28")
		case time.Saturday:
			want = append(want, "12-27", "12-28")
		case time.Sunday:
			want = append(want, "12-26", "12-27")
		default:
			want = append(want, "12-25", "12-26")
		}
		for _, md := range want {
			ds := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + "-" + md
			if _, ok := tab[ds]; !ok {
				t.Errorf("%d: %s should be a bank holiday (substitute-day rule)", y, ds)
			}
		}
		// Christmas Day is always in the table, either itself or as its substitute.
		found := false
		for _, name := range tab {
			found = found || strings.HasPrefix(name, "Christmas Day")
		}
		if !found {
			t.Errorf("%d: no Christmas Day entry", y)
		}
	}
}

// TestTableMatchesRules: the table equals the usual pattern except for the known one-off
// proclamations, so a typo in bankholidays.txt cannot go unnoticed.
func TestTableMatchesRules(t *testing.T) {
	oneOffAdded := map[string]bool{
		"2020-05-08": true, // VE day: early May moved from 4 May
		"2022-06-02": true, // spring bank holiday moved from 30 May
		"2022-06-03": true, // Platinum Jubilee
		"2022-09-19": true, // State Funeral of Queen Elizabeth II
		"2023-05-08": true, // coronation of King Charles III
	}
	oneOffRemoved := map[string]bool{"2020-05-04": true, "2022-05-30": true}
	c := DefaultCalendar()
	for y := 2018; y <= 2028; y++ {
		tab := tableYear(c, y)
		want := map[string]bool{}
		for _, h := range RuleHolidays(y) {
			if !oneOffRemoved[ymd(h.Date)] {
				want[ymd(h.Date)] = true
			}
		}
		for ds := range oneOffAdded {
			if d(ds).Year() == y {
				want[ds] = true
			}
		}
		got := slices.Sorted(maps.Keys(tab))
		exp := slices.Sorted(maps.Keys(want))
		if !slices.Equal(got, exp) {
			t.Errorf("%d: table %v\nwant %v", y, got, exp)
		}
	}
}

// TestTableMatchesDomainReference: the 2024-2028 rows of send-domain.md section 5.
func TestTableMatchesDomainReference(t *testing.T) {
	ref := map[int][]string{
		2024: {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"},
		2025: {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"},
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"},
	}
	c := DefaultCalendar()
	for y, want := range ref {
		if got := slices.Sorted(maps.Keys(tableYear(c, y))); !slices.Equal(got, want) {
			t.Errorf("%d: table %v, domain reference %v", y, got, want)
		}
	}
}

func TestChristmasAndGoodFridayNeverWorking(t *testing.T) {
	empty, err := ParseCalendar(strings.NewReader("2000-06-01 placeholder\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Calendar{DefaultCalendar(), empty} {
		for y := 2015; y <= 2040; y++ {
			for _, day := range []time.Time{time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC), EasterSunday(y).AddDate(0, 0, -2)} {
				if c.IsWorkingDay(day) {
					t.Errorf("%s is a working day", ymd(day))
				}
				if _, ok := c.HolidayName(day); !ok {
					t.Errorf("%s has no holiday name", ymd(day))
				}
			}
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		day  string
		want bool
	}{
		{"2026-12-24", true},  // Thursday
		{"2026-12-25", false}, // Christmas Day
		{"2026-12-26", false}, // Saturday
		{"2026-12-28", false}, // Boxing Day substitute
		{"2026-12-29", true},
		{"2027-12-27", false}, // Christmas substitute
		{"2027-12-28", false}, // Boxing Day substitute
		{"2020-12-28", false}, // Boxing Day substitute
		{"2020-05-04", true},  // the early May holiday moved to 8 May that year
		{"2020-05-08", false}, // VE day
		{"2022-05-30", true},  // spring holiday moved to 2 June that year
		{"2022-06-02", false},
		{"2022-06-03", false},
		{"2022-09-19", false}, // State Funeral
		{"2023-05-08", false}, // coronation
		{"2025-04-18", false}, // Good Friday
		{"2025-04-21", false}, // Easter Monday
		{"2028-01-03", false}, // New Year substitute
		{"2028-02-29", true},
		{"2029-01-01", false}, // outside the table: rule fallback
		{"2029-03-30", false}, // Good Friday 2029
		{"2029-04-02", false}, // Easter Monday 2029
		{"2029-05-07", false}, // first Monday in May 2029
		{"2029-05-08", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := cal.IsWorkingDay(d(tt.day)); got != tt.want {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.day, got, tt.want)
		}
	}
	// The location and clock time of the argument do not matter, only its calendar date.
	ny, _ := time.LoadLocation("America/New_York")
	if ny != nil && cal.IsWorkingDay(time.Date(2026, 12, 25, 23, 0, 0, 0, ny)) {
		t.Error("25 Dec 23:00 New York time is Christmas Day")
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"2025-12-31", 2, "2026-02-28"}, // no 31 Feb: last day (spec)
		{"2027-12-31", 2, "2028-02-29"}, // leap year
		{"2027-12-30", 2, "2028-02-29"},
		{"2027-12-29", 2, "2028-02-29"},
		{"2027-12-28", 2, "2028-02-28"},
		{"2028-02-29", 12, "2029-02-28"},
		{"2028-02-29", 48, "2032-02-29"},
		{"2028-02-29", 1, "2028-03-29"}, // corresponding date, not month end
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2025-03-31", 1, "2025-04-30"},
		{"2025-05-31", 4, "2025-09-30"},
		{"2025-08-31", 3, "2025-11-30"},
		{"2025-10-31", 2, "2025-12-31"},
		{"2025-09-30", 4, "2026-01-30"}, // Dodds v Walker: 30 Sept + 4 months = 30 Jan, not 31
		{"2025-10-01", 2, "2025-12-01"}, // IPSEA's example
		{"2025-11-29", 1, "2025-12-29"},
		{"2025-12-15", 1, "2026-01-15"},
		{"2025-12-15", 13, "2027-01-15"},
		{"2027-07-31", -5, "2027-02-28"},
		{"2028-07-31", -5, "2028-02-29"},
		{"2026-03-31", -1, "2026-02-28"},
		{"2026-01-15", -1, "2025-12-15"},
		{"2026-01-15", -13, "2024-12-15"},
		{"2026-01-15", 0, "2026-01-15"},
		{"", 2, ""},
	}
	for _, tt := range tests {
		got := AddMonths(d(tt.in), tt.n)
		if !got.Equal(d(tt.want)) || (!got.IsZero() && got.Location() != time.UTC) {
			t.Errorf("AddMonths(%s, %d) = %v, want %s", tt.in, tt.n, got, tt.want)
		}
	}
	// The overflow behaviour the spec forbids.
	if bad := d("2025-12-31").AddDate(0, 2, 0); ymd(bad) != "2026-03-03" {
		t.Fatalf("time.AddDate changed behaviour: %s", ymd(bad))
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"2027-03-10", 30, "2027-04-09"}, // send-domain.md: LA notified 10 Mar 2027
		{"2027-05-06", 14, "2027-05-20"},
		{"2027-05-06", 7, "2027-05-13"},
		{"2028-02-28", 1, "2028-02-29"},
		{"2025-12-31", 1, "2026-01-01"},
		{"2026-01-01", -1, "2025-12-31"},
		{"", 5, ""},
	}
	for _, tt := range tests {
		if got := AddDays(d(tt.in), tt.n); !got.Equal(d(tt.want)) {
			t.Errorf("AddDays(%s, %d) = %s, want %s", tt.in, tt.n, ymd(got), tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	cal := DefaultCalendar()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"2026-12-24", 3, "2026-12-31"},  // spec: 25 Dec and the 28 Dec substitute skipped
		{"2025-04-17", 3, "2025-04-24"},  // spec: Good Friday and Easter Monday skipped
		{"2027-12-23", 3, "2027-12-30"},  // 27 and 28 Dec 2027 substitutes skipped
		{"2027-12-24", 3, "2027-12-31"},  // 27 and 28 Dec skipped
		{"2027-12-29", 3, "2028-01-04"},  // into 2028: 3 Jan substitute skipped
		{"2020-12-24", 1, "2020-12-29"},  // 25 Dec, weekend and 28 Dec substitute
		{"2022-09-16", 1, "2022-09-20"},  // State Funeral
		{"2022-06-01", 1, "2022-06-06"},  // jubilee Thursday and Friday
		{"2026-01-02", 3, "2026-01-07"},  // from a Friday
		{"2026-01-03", 1, "2026-01-05"},  // from a Saturday
		{"2026-01-03", 0, "2026-01-03"},  // n = 0 is t itself
		{"2026-06-01", -5, "2026-05-22"}, // 5th working day before (25 May a bank holiday)
		{"", 3, ""},
	}
	for _, tt := range tests {
		if got := cal.AddWorkingDays(d(tt.in), tt.n); !got.Equal(d(tt.want)) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.in, tt.n, ymd(got), tt.want)
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	var nilCal *Calendar // a nil calendar is the default one
	tests := []struct{ in, want string }{
		{"2026-03-30", "2026-03-30"},
		{"2026-02-28", "2026-03-02"},
		{"2026-04-03", "2026-04-07"}, // Good Friday, weekend, Easter Monday
		{"2026-04-06", "2026-04-07"},
		{"2026-01-02", "2026-01-02"},
		{"2027-01-02", "2027-01-04"},
		{"2028-01-02", "2028-01-04"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := nilCal.NextWorkingDay(d(tt.in)); !got.Equal(d(tt.want)) {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.in, ymd(got), tt.want)
		}
	}
}

func TestWith(t *testing.T) {
	base := DefaultCalendar()
	extra := d("2027-06-07")
	c := base.With(extra, time.Time{})
	if c.IsWorkingDay(extra) {
		t.Error("configured day is a working day")
	}
	if !base.IsWorkingDay(extra) {
		t.Error("With changed the receiver")
	}
	if name, _ := c.HolidayName(extra); !strings.Contains(name, "configured") {
		t.Errorf("configured day name = %q", name)
	}
	if got := c.AddWorkingDays(d("2027-06-04"), 1); !got.Equal(d("2027-06-08")) {
		t.Errorf("AddWorkingDays over the configured day = %s", ymd(got))
	}
	// A configured day that is already a bank holiday keeps its name.
	if name, _ := base.With(d("2026-12-25")).HolidayName(d("2026-12-25")); name != "Christmas Day" {
		t.Errorf("name = %q", name)
	}
	if f, l := c.Range(); f != 2018 || l != 2028 {
		t.Errorf("With changed the coverage to %d-%d", f, l)
	}
	// Beyond the table, configured days still count.
	if base.With(d("2030-07-01")).IsWorkingDay(d("2030-07-01")) {
		t.Error("configured 2030 day is a working day")
	}
}

func TestCovers(t *testing.T) {
	cal := DefaultCalendar()
	for s, want := range map[string]bool{
		"2017-12-31": false, "2018-01-01": true, "2026-06-15": true, "2028-12-31": true,
		"2029-01-01": false, "": false,
	} {
		if got := cal.Covers(d(s)); got != want {
			t.Errorf("Covers(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParseCalendar(t *testing.T) {
	c, err := ParseCalendar(strings.NewReader("# comment\n\n2030-01-01 New Year's Day # trailing\n2031-05-05\n"))
	if err != nil {
		t.Fatal(err)
	}
	if f, l := c.Range(); f != 2030 || l != 2031 {
		t.Errorf("range %d-%d", f, l)
	}
	if name, _ := c.HolidayName(d("2030-01-01")); name != "New Year's Day" {
		t.Errorf("name %q", name)
	}
	if name, _ := c.HolidayName(d("2031-05-05")); name != "bank holiday" {
		t.Errorf("name %q", name)
	}
	for _, bad := range []string{"", "# only comments\n", "2030-02-30 nope\n", "30/01/2030 x\n", "2030-01-01 a\n2030-01-01 b\n"} {
		if _, err := ParseCalendar(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseCalendar(%q) succeeded", bad)
		}
	}
}

// TestWorkingDayProperties: for every day of the table's years and n in 0..30,
// AddWorkingDays lands on a working day strictly after t (n > 0) with exactly n working days
// in (t, result], and NextWorkingDay is a working day not before t.
func TestWorkingDayProperties(t *testing.T) {
	cal := DefaultCalendar()
	for day := d("2018-01-01"); day.Year() <= 2028; day = AddDays(day, 1) {
		next := cal.NextWorkingDay(day)
		if !cal.IsWorkingDay(next) || next.Before(day) || (cal.IsWorkingDay(day) && !next.Equal(day)) {
			t.Fatalf("NextWorkingDay(%s) = %s", ymd(day), ymd(next))
		}
		prev := day
		for n := 1; n <= 30; n++ {
			got := cal.AddWorkingDays(day, n)
			if !cal.IsWorkingDay(got) || !got.After(prev) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s (previous %s)", ymd(day), n, ymd(got), ymd(prev))
			}
			// Exactly one more working day than for n-1, and none in between.
			for x := AddDays(prev, 1); x.Before(got); x = AddDays(x, 1) {
				if cal.IsWorkingDay(x) {
					t.Fatalf("AddWorkingDays(%s, %d) = %s skipped working day %s", ymd(day), n, ymd(got), ymd(x))
				}
			}
			if back := cal.AddWorkingDays(got, -n); cal.IsWorkingDay(day) && !back.Equal(day) {
				t.Fatalf("AddWorkingDays(AddWorkingDays(%s, %d), %d) = %s", ymd(day), n, -n, ymd(back))
			}
			prev = got
		}
		if got := cal.AddWorkingDays(day, 0); !got.Equal(day) {
			t.Fatalf("AddWorkingDays(%s, 0) = %s", ymd(day), ymd(got))
		}
	}
}

func TestCalendarConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := DefaultCalendar()
			if i%2 == 0 {
				c = c.With(d("2027-06-07"))
			}
			for day := d("2026-01-01"); day.Year() < 2028; day = AddDays(day, 1) {
				c.AddWorkingDays(day, 3)
				c.Covers(day)
			}
			Compute(Inputs{Decision: d("2025-10-01"), CertificateIssued: d("2025-11-29")}, c)
		}()
	}
	wg.Wait()
}

func FuzzAddMonths(f *testing.F) {
	f.Add(2025, 12, 31, 2)
	f.Add(2027, 12, 31, 2)
	f.Add(2028, 2, 29, 12)
	f.Add(2027, 7, 31, -5)
	f.Add(1, 1, 1, -1)
	f.Add(-400, 3, 31, -25)
	f.Fuzz(func(t *testing.T, y, m, day, n int) {
		// Keep to dates and offsets time.Time represents without wrapping.
		y = y % 100000
		m = 1 + (m%12+12)%12
		day = 1 + (day%31+31)%31
		n = n % 1200000
		in := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
		if in.IsZero() {
			return // zero means "missing" and gives zero
		}
		got := AddMonths(in, n)
		if got.Location() != time.UTC || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
			t.Fatalf("AddMonths(%v, %d) = %v: not midnight UTC", in, n, got)
		}
		if got.Day() > in.Day() {
			t.Fatalf("AddMonths(%v, %d) = %v: day grew", in, n, got)
		}
		// Month arithmetic: the result is exactly n months on from the input's month.
		months := func(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
		if months(got)-months(in) != n {
			t.Fatalf("AddMonths(%v, %d) = %v: %d months on", in, n, got, months(got)-months(in))
		}
		// The day is kept unless the month is too short, when it is the last day.
		if want := min(in.Day(), daysIn(got.Year(), got.Month())); got.Day() != want {
			t.Fatalf("AddMonths(%v, %d) = %v: want day %d", in, n, got, want)
		}
		if n >= 0 && got.Before(in) || n <= 0 && got.After(in) {
			t.Fatalf("AddMonths(%v, %d) = %v: wrong direction", in, n, got)
		}
	})
}
