package corpus

import "strings"

// Cheap checks that let the extractors skip regular expressions on text
// that cannot match: the case-insensitive patterns are the parser's main
// cost, and most lines of a postmortem hold no date, time or duration.

// hasDigit reports whether s contains an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasISODate reports whether s has four digits followed by - / or .
func hasISODate(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			run++
			continue
		}
		if run >= 4 && (c == '-' || c == '/' || c == '.') {
			return true
		}
		run = 0
	}
	return false
}

var monthPrefixes = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// monthWordIndex returns the index of the first month word in s at or
// after from, or -1.
func monthWordIndex(s string, from int) int {
	for i := from; i+3 <= len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 's' {
			continue
		}
		if i > 0 {
			p := s[i-1] | 0x20
			if p >= 'a' && p <= 'z' {
				continue
			}
		}
		w := string([]byte{s[i] | 0x20, s[i+1] | 0x20, s[i+2] | 0x20})
		for k, m := range monthPrefixes {
			if w != m {
				continue
			}
			// "Mar", "Mar." or "March", not "market"
			if i+3 == len(s) || !isLetter(s[i+3]) || s[i+3] == '.' {
				return i
			}
			full := monthFull[k]
			if len(s) >= i+len(full) && strings.EqualFold(s[i:i+len(full)], full) && (i+len(full) == len(s) || !isLetter(s[i+len(full)])) {
				return i
			}
			if k == 8 && len(s) >= i+4 && s[i+3]|0x20 == 't' && (i+4 == len(s) || !isLetter(s[i+4])) { // "Sept"
				return i
			}
		}
	}
	return -1
}

var monthFull = [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// hasClockHint reports whether s may hold a time of day: a digit
// followed by ':' and a digit, or by "am"/"pm".
func hasClockHint(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		j := i + 1
		if (s[j] == ':' || s[j] == 'h') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
			return true // "14:05", "14h05"
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '.') && j < i+3 {
			j++
		}
		if j+1 < len(s) {
			a, m := s[j]|0x20, s[j+1]|0x20
			if (a == 'a' || a == 'p') && (m == 'm' || m == '.') {
				return true
			}
		}
	}
	return false
}

// durationWords are substrings of every duration unit we read.
var durationWords = [...]string{"min", "hour", "hr", "day", "sec", "week", "wk", "month"}

// hasDurationHint reports whether s may state a duration.
func hasDurationHint(s string) bool {
	l := strings.ToLower(s)
	for _, w := range durationWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	// "2h", "47m", "3d"
	for i := 0; i+1 < len(l); i++ {
		if l[i] >= '0' && l[i] <= '9' {
			switch l[i+1] {
			case 'h', 'm', 'd', 's', 'w':
				return true
			}
		}
	}
	return false
}

// hasKeyColon reports whether a line has a ':' or '=' early enough to be
// a "Key: value" line.
func hasKeyColon(s string) bool {
	if len(s) > 64 {
		s = s[:64]
	}
	return strings.ContainsAny(s, ":=")
}
