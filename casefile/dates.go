package casefile

import (
	"fmt"
	"time"
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
