package corpus

import (
	"strconv"
	"strings"
	"time"
)

// This file settles the order of a document's all-numeric dates. A
// writer keeps one order throughout: when the document's unambiguous
// numeric dates are day-first ("29-09-2021"), or its written-out dates
// and file name agree with the day-first reading of its ambiguous ones
// ("08-01-2026" beside "8 January 2026"), then "03/10/2021" is 3
// October, not March 10. The times reader reads slashes and dashes
// month-first by default; a day-first document has its ambiguous dates
// swapped into that order before it is read, and its timeline entries
// swapped back, so what is shown keeps the document's own text. Dots
// are read day first; a document whose dotted dates are month first
// (its file name's day is the month-first reading of "3.4.2031") has
// them swapped the same way.

// numDateMatch is one all-numeric date in a text: the byte spans of its
// first and second parts, their values, the separator and the year.
type numDateMatch struct {
	a0, a1, b0, b1 int
	end            int // where the year ends
	a, b, y        int
	sep            byte
}

// numDateMatches lists up to n all-numeric dates of s, as written (the
// order of day and month undecided): both separators the same, a
// two-digit year as 20YY with slashes or dashes only ("1.2.21" is a
// version), and never a range of amounts ("10-15-20 minutes").
func numDateMatches(s string, n int) []numDateMatch {
	if !hasNumDateShape(s) {
		return nil
	}
	var out []numDateMatch
	for _, m := range reNumDate.FindAllStringSubmatchIndex(s, n) {
		sep := s[m[4]]
		if s[m[8]] != sep || m[11]-m[10] == 2 && sep == '.' {
			continue
		}
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[6]:m[7]])
		y, _ := strconv.Atoi(s[m[10]:m[11]])
		if m[11]-m[10] == 2 {
			if reUnitNext.MatchString(s[m[11]:]) {
				continue
			}
			y += 2000
		}
		out = append(out, numDateMatch{a0: m[2], a1: m[3], b0: m[6], b1: m[7], end: m[11], a: a, b: b, y: y, sep: sep})
	}
	return out
}

// hasNumDateShape reports whether s has a digit, a separator, one or
// two digits, the same separator and a digit: the least a numeric date
// needs, found without a regular expression (most text has none).
func hasNumDateShape(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		c := s[i]
		if c != '/' && c != '-' && c != '.' || !isDigitByte(s[i-1]) || !isDigitByte(s[i+1]) {
			continue
		}
		for j := i + 2; j <= i+3 && j+1 < len(s); j++ {
			if s[j] == c && isDigitByte(s[j-1]) && isDigitByte(s[j+1]) {
				return true
			}
		}
	}
	return false
}

// numericDates lists the slash- and dash-separated dates of s that
// numericDate would read (dotted dates are day-first already).
func numericDates(s string) []numDateMatch {
	var out []numDateMatch
	for _, n := range numDateMatches(s, -1) {
		if n.sep != '.' && (validDate(n.y, n.b, n.a) || validDate(n.y, n.a, n.b)) {
			out = append(out, n)
		}
	}
	return out
}

// ambiguous reports whether both readings of the date are days and
// differ.
func (n numDateMatch) ambiguous() bool {
	return n.a != n.b && n.a <= 12 && n.b <= 12 && validDate(n.y, n.a, n.b) && validDate(n.y, n.b, n.a)
}

// otherDates lists the days s names in other forms: ISO days and
// written-out months with a year.
func otherDates(s string) []time.Time {
	return otherDatesBut(s, false)
}

// otherDatesBut is otherDates, leaving out dotted numeric days
// ("3.4.2031") when noDots.
func otherDatesBut(s string, noDots bool) []time.Time {
	var out []time.Time
	for off := 0; off < len(s) && len(out) < 50; {
		st, ok := findDate(s[off:])
		if !ok {
			break
		}
		if span := s[off+st.start : off+st.end]; st.hasYear && !isNumericSpan(span) && !(noDots && len(dottedDates(span)) > 0) {
			out = append(out, time.Date(st.y, time.Month(st.mo), st.d, 0, 0, 0, 0, time.UTC))
		}
		if st.end <= 0 {
			break
		}
		off += st.end
	}
	return out
}

// isNumericSpan reports whether a date's text is a day-month-year of
// digits (not ISO, which starts with the year).
func isNumericSpan(s string) bool {
	return len(numericDates(s)) > 0 && !hasISODate(s)
}

// dayFirstDocument reports whether the texts (title, blocks, cells)
// write their numeric dates day first. Each unambiguous numeric date
// votes for its order; an ambiguous one votes for the reading that a
// written-out or ISO date of the document (or its file name's date)
// names, when only one reading is named.
func dayFirstDocument(texts []string, fileDay time.Time) bool {
	dayFirst, monthFirst, amb := orderVotes(texts, numericDates)
	if len(amb) == 0 {
		return false // nothing to settle
	}
	df, mf := namedVotes(amb, namedDays(texts, fileDay, false))
	return dayFirst+df > monthFirst+mf
}

// orderVotes counts the dates find lists in the texts: each unambiguous
// one votes for its order (day first or month first); the ambiguous ones
// are returned.
func orderVotes(texts []string, find func(string) []numDateMatch) (dayFirst, monthFirst int, amb []numDateMatch) {
	for _, t := range texts {
		for _, n := range find(t) {
			switch {
			case n.a > 12 && n.b <= 12:
				dayFirst++
			case n.b > 12 && n.a <= 12:
				monthFirst++
			case n.ambiguous():
				amb = append(amb, n)
			}
		}
	}
	return dayFirst, monthFirst, amb
}

// namedDays is the set of days the texts name in written-out or ISO
// dates (not dotted ones when noDots), with the file name's day.
func namedDays(texts []string, fileDay time.Time, noDots bool) map[time.Time]bool {
	named := map[time.Time]bool{}
	if !fileDay.IsZero() {
		named[fileDay] = true
	}
	for _, t := range texts {
		if hasDigit(t) {
			for _, d := range otherDatesBut(t, noDots) {
				named[d] = true
			}
		}
	}
	return named
}

// namedVotes counts, for each ambiguous date, the reading that named
// holds when only one of the two does.
func namedVotes(amb []numDateMatch, named map[time.Time]bool) (dayFirst, monthFirst int) {
	for _, n := range amb {
		df := named[time.Date(n.y, time.Month(n.b), n.a, 0, 0, 0, 0, time.UTC)]
		mf := named[time.Date(n.y, time.Month(n.a), n.b, 0, 0, 0, 0, time.UTC)]
		switch {
		case df && !mf:
			dayFirst++
		case mf && !df:
			monthFirst++
		}
	}
	return dayFirst, monthFirst
}

// swapDayMonth swaps the two leading parts of every ambiguous numeric
// date of s ("03/10/2021" becomes "10/03/2021"). Applied twice it gives
// s back.
func swapDayMonth(s string) string {
	if !hasDigit(s) {
		return s
	}
	nums := numericDates(s)
	if len(nums) == 0 {
		return s
	}
	b := []byte(s)
	changed := false
	for _, n := range nums {
		if !n.ambiguous() {
			continue
		}
		first, second := s[n.a0:n.a1], s[n.b0:n.b1]
		// the two parts and the separator between them keep their
		// total length: "3/10" becomes "10/3"
		swapped := second + string(n.sep) + first
		copy(b[n.a0:n.b1], swapped)
		changed = true
	}
	if !changed {
		return s
	}
	return string(b)
}

// dottedDates lists the dotted all-numeric dates of s with a
// four-digit year that are days in either order ("3.4.2031").
func dottedDates(s string) []numDateMatch {
	var out []numDateMatch
	for _, n := range numDateMatches(s, -1) {
		if n.sep == '.' && (validDate(n.y, n.b, n.a) || validDate(n.y, n.a, n.b)) {
			out = append(out, n)
		}
	}
	return out
}

// dottedMonthFirst reports whether the texts write their dotted dates
// month first, against the day-first custom of dots: every unambiguous
// one that is dotted is month first ("3.14.2031"), or its ambiguous
// ones' month-first reading is a day the file name or a written-out or
// ISO date of the document names, and their day-first reading is not
// ("3.4.2031" in "2031-03-04-phishing.md").
func dottedMonthFirst(texts []string, fileDay time.Time) bool {
	dayFirst, monthFirst, amb := orderVotes(texts, dottedDates)
	if len(amb) == 0 || dayFirst > 0 {
		return false
	}
	df, mf := namedVotes(amb, namedDays(texts, fileDay, true))
	return monthFirst+mf > dayFirst+df
}

// swapDotted swaps the two leading parts of every ambiguous dotted
// date of s ("3.4.2031" becomes "4.3.2031"). Applied twice it gives s
// back.
func swapDotted(s string) string {
	if !hasDigit(s) || strings.IndexByte(s, '.') < 0 {
		return s
	}
	nums := dottedDates(s)
	b := []byte(s)
	changed := false
	for _, n := range nums {
		if !n.ambiguous() {
			continue
		}
		copy(b[n.a0:n.b1], s[n.b0:n.b1]+"."+s[n.a0:n.a1])
		changed = true
	}
	if !changed {
		return s
	}
	return string(b)
}

// dateOrderView is the document as the times reader should see it: when
// its numeric dates are written in the order the reader does not take
// by default (slashes or dashes day first, dots month first), copies
// of the title, blocks and key lines with the ambiguous ones swapped;
// else the originals. swap, nil when nothing was swapped, turns text
// of the view back into the document's own.
func dateOrderView(title, name string, blocks []block, meta map[string]string) (string, []block, map[string]string, func(string) string) {
	texts := make([]string, 0, len(blocks)+1)
	texts = append(texts, title)
	for i, b := range blocks {
		if i > 2000 {
			break
		}
		if b.kind == blockCode {
			continue
		}
		texts = append(texts, b.text)
	}
	fileDay := fileNameDate(name)
	var swap func(string) string
	switch slashes, dots := dayFirstDocument(texts, fileDay), dottedMonthFirst(texts, fileDay); {
	case slashes && dots:
		swap = func(s string) string { return swapDotted(swapDayMonth(s)) }
	case slashes:
		swap = swapDayMonth
	case dots:
		swap = swapDotted
	default:
		return title, blocks, meta, nil
	}
	nb := make([]block, len(blocks))
	for i, b := range blocks {
		b.text = swap(b.text)
		if b.cells != nil {
			cells := make([]string, len(b.cells))
			for j, c := range b.cells {
				cells[j] = swap(c)
			}
			b.cells = cells
		}
		nb[i] = b
	}
	nm := make(map[string]string, len(meta))
	for k, v := range meta {
		nm[k] = swap(v)
	}
	return swap(title), nb, nm, swap
}
