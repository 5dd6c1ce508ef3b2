package casefile

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sendgen/sendgen/internal/lazyre"
)

// ParseISODate parses a strict YYYY-MM-DD date. The message says what is
// wrong when it is not one, including impossible dates such as 2026-02-30.
func ParseISODate(s string) (time.Time, string) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return time.Time{}, fmt.Sprintf("%q is not a date in the form YYYY-MM-DD", s)
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	dd := int(s[8]-'0')*10 + int(s[9]-'0')
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Sprintf("%q has no month %d: months run from 01 to 12", s, m)
	}
	if n := daysIn(y, time.Month(m)); dd < 1 || dd > n {
		return time.Time{}, fmt.Sprintf("%q is not a real date: %s %d has %d days", s, time.Month(m), y, n)
	}
	return time.Date(y, time.Month(m), dd, 0, 0, 0, 0, time.UTC), ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// yearFirst is 2026/09/14 or 2026.09.14: nobody writes the day before the
// month after a year.
var yearFirst = lazyre.New(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)

// UnambiguousDate reads a date written in another form than YYYY-MM-DD when
// only one calendar date can be meant: 2026-9-14, 2026/09/14, 14 September
// 2026, September 14, 2026, and 14/09/2026 or 09/14/2026 (a number above 12
// can only be the day). 05/09/2026 is 5 September in England and 9 May in
// the United States, so it is refused, as are two-digit years and dates that
// do not exist.
func UnambiguousDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	var y, m, d int
	num := func(x string) int { n, _ := strconv.Atoi(x); return n }
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, m, d = num(g[1]), num(g[2]), num(g[3])
	} else if g := yearFirst.FindStringSubmatch(s); g != nil {
		y, m, d = num(g[1]), num(g[2]), num(g[3])
	} else if g := slashDate.FindStringSubmatch(s); g != nil {
		a, b := num(g[1]), num(g[2])
		switch {
		case a == b, a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			d, m = b, a
		default:
			return time.Time{}, false
		}
		y = num(g[3])
	} else if g := wordDate.FindStringSubmatch(s); g != nil {
		d, y = num(g[1]), num(g[3])
		m = int(months[strings.ToLower(g[2])])
	} else if g := usDate.FindStringSubmatch(s); g != nil {
		d, y = num(g[2]), num(g[3])
		m = int(months[strings.ToLower(g[1])])
	} else {
		return time.Time{}, false
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}
