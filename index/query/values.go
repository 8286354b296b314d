package query

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Filter values: validation and canonical forms of each key's values
// (dates, durations, categories, formats).

// normaliseFilterValue validates and normalises a cleaned, non-empty value of
// filter key (canonical). msg is non-empty when the value is invalid.
func normaliseFilterValue(key, v string, opts QueryOptions) (f Filter, msg string) {
	f = Filter{Key: key, Value: v, field: filterField(key)}
	switch key {
	case "category":
		v = strings.Map(func(r rune) rune {
			if r == '_' || r == ' ' {
				return '-'
			}
			return r
		}, v)
		f.Value = v
		if len(opts.Categories) == 0 {
			return f, ""
		}
		known := make([]string, 0, len(opts.Categories))
		for _, c := range opts.Categories {
			c = strings.ToLower(c)
			if c == v {
				return f, ""
			}
			known = append(known, c)
		}
		sort.Strings(known)
		return f, fmt.Sprintf("unknown category %q; known: %s", v, strings.Join(known, ", "))
	case "format":
		switch v {
		case "markdown", "md":
			f.Value = "markdown"
		case "text", "txt", "plain":
			f.Value = "text"
		case "html", "htm":
			f.Value = "html"
		default:
			return f, fmt.Sprintf("unknown format %q; known: markdown, text, html", v)
		}
	case "has":
		switch strings.NewReplacer("-", "_", " ", "_").Replace(v) {
		case "action_items", "actions":
			f.Value = "action_items"
		case "timeline":
			f.Value = "timeline"
		case "root_cause":
			f.Value = "root_cause"
		case "open_actions":
			f.Value = "open_actions"
		default:
			return f, fmt.Sprintf("unknown has value %q; known: action_items, open_actions, root_cause, timeline", v)
		}
	case "after", "before":
		t, canon, ok := parseDateFilter(v, opts.Now)
		if !ok {
			return f, canon
		}
		f.at, f.Value = t, canon
	case "duration":
		d, canon, ok := parseDurationFilter(v)
		if !ok {
			return f, canon
		}
		f.dur, f.Value = d, canon
	}
	return f, ""
}

// parseDateFilter parses an absolute (YYYY, YYYY-MM, YYYY-MM-DD) or relative (7d,
// 2w, 3m, 1y) date. It returns the instant the period starts and the
// canonical spelling; when ok is false, canon is the error message.
func parseDateFilter(v string, now time.Time) (t time.Time, canon string, ok bool) {
	bad := fmt.Sprintf("bad date %q: expected YYYY, YYYY-MM or YYYY-MM-DD, or a relative age like 7d, 2w, 3m, 1y", v)
	if n := len(v); n >= 2 && strings.ContainsRune("dwmy", rune(v[n-1])) {
		num, err := strconv.Atoi(v[:n-1])
		if err != nil || num < 0 || !isASCIIDigits(v[:n-1]) {
			return t, bad, false
		}
		unit := v[n-1]
		limit := map[byte]int{'d': 36525, 'w': 5218, 'm': 1200, 'y': 100}[unit]
		if num > limit {
			return t, fmt.Sprintf("relative date %q is too far back: at most 100 years (%d%c)", v, limit, unit), false
		}
		now = now.UTC()
		switch unit {
		case 'd':
			t = now.AddDate(0, 0, -num)
		case 'w':
			t = now.AddDate(0, 0, -7*num)
		case 'm':
			t = now.AddDate(0, -num, 0)
		case 'y':
			t = now.AddDate(-num, 0, 0)
		}
		return t, strconv.Itoa(num) + string(unit), true
	}
	fields := strings.Split(v, "-")
	if len(fields) > 3 || len(fields[0]) != 4 {
		return t, bad, false
	}
	nums := []int{0, 1, 1}
	for i, s := range fields {
		n, err := strconv.Atoi(s)
		if err != nil || !isASCIIDigits(s) || (i > 0 && len(s) > 2) {
			return t, bad, false
		}
		nums[i] = n
	}
	y, m, d := nums[0], nums[1], nums[2]
	if y < minYear || y > maxYear {
		return t, fmt.Sprintf("bad date %q: the year must be between %d and %d (expected YYYY, YYYY-MM or YYYY-MM-DD)", v, minYear, maxYear), false
	}
	t = time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Month() != time.Month(m) {
		return t, fmt.Sprintf("bad date %q: no such month or day (expected YYYY, YYYY-MM or YYYY-MM-DD)", v), false
	}
	switch len(fields) {
	case 1:
		canon = fmt.Sprintf("%04d", y)
	case 2:
		canon = fmt.Sprintf("%04d-%02d", y, m)
	default:
		canon = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	return t, canon, true
}

// parseDurationFilter parses >1h, >=1h, <30m, <=30m, =1h, 1h..4h (also
// 1h-4h, 1h–4h, 1h.., ..4h). When ok is false, canon is the error message.
func parseDurationFilter(v string) (d durationBounds, canon string, ok bool) {
	v = strings.Join(strings.Fields(v), "")
	bad := fmt.Sprintf("bad duration %q: expected a comparison like >1h, <30m, >=2h30m, <=1d, =1h or a range like 1h..4h (units m, h, d)", v)
	length := func(s string) (int, string, bool) {
		n, msg := parseDurationMinutes(s)
		if msg != "" {
			return 0, fmt.Sprintf("bad duration %q: %s (expected e.g. >1h, <30m, >=2h30m or 1h..4h)", v, msg), false
		}
		return n, "", true
	}
	for _, op := range []string{">=", "<=", ">", "<", "="} {
		rest, found := strings.CutPrefix(v, op)
		if !found {
			continue
		}
		n, msg, ok := length(rest)
		if !ok {
			return d, msg, false
		}
		switch op {
		case ">=":
			d = durationBounds{lo: n, hasLo: true, loInc: true}
		case ">":
			d = durationBounds{lo: n, hasLo: true}
		case "<=":
			d = durationBounds{hi: n, hasHi: true, hiInc: true}
		case "<":
			d = durationBounds{hi: n, hasHi: true}
		case "=":
			d = durationBounds{lo: n, hi: n, hasLo: true, hasHi: true, loInc: true, hiInc: true}
		}
		return d, d.String(), true
	}
	var lo, hi string
	var found bool
	for _, sep := range []string{"..", "–", "-"} {
		if lo, hi, found = strings.Cut(v, sep); found {
			break
		}
	}
	if !found || (lo == "" && hi == "") {
		if _, msg := parseDurationMinutes(v); msg == "" {
			return d, fmt.Sprintf("duration %q needs a comparison or a range, e.g. >%s, <=%s or =%s, or a range like 1h..4h", v, v, v, v), false
		}
		return d, bad, false
	}
	d = durationBounds{loInc: true, hiInc: true}
	if lo != "" {
		n, msg, ok := length(lo)
		if !ok {
			return d, msg, false
		}
		d.lo, d.hasLo = n, true
	}
	if hi != "" {
		n, msg, ok := length(hi)
		if !ok {
			return d, msg, false
		}
		d.hi, d.hasHi = n, true
	}
	if d.hasLo && d.hasHi && d.lo > d.hi {
		return d, fmt.Sprintf("bad duration %q: the range starts after it ends", v), false
	}
	return d, d.String(), true
}

// String is the canonical spelling of a duration filter value.
func (d durationBounds) String() string {
	switch {
	case d.hasLo && d.hasHi && d.lo == d.hi && d.loInc && d.hiInc:
		return "=" + formatDurationMinutes(d.lo)
	case d.hasLo && d.hasHi:
		return formatDurationMinutes(d.lo) + ".." + formatDurationMinutes(d.hi)
	case d.hasLo && d.loInc:
		return ">=" + formatDurationMinutes(d.lo)
	case d.hasLo:
		return ">" + formatDurationMinutes(d.lo)
	case d.hiInc:
		return "<=" + formatDurationMinutes(d.hi)
	default:
		return "<" + formatDurationMinutes(d.hi)
	}
}

// parseDurationMinutes parses a length such as 45m, 2h, 1d, 1h30m into minutes. msg
// is non-empty when s is not one.
func parseDurationMinutes(s string) (int, string) {
	if s == "" {
		return 0, "missing length"
	}
	total := 0
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 {
			return 0, fmt.Sprintf("%q is not a number", s)
		}
		if i > 7 {
			return 0, "number too large"
		}
		n, _ := strconv.Atoi(s[:i])
		if i == len(s) {
			return 0, fmt.Sprintf("%s needs a unit: m, h or d", s[:i])
		}
		switch s[i] {
		case 'm':
		case 'h':
			n *= 60
		case 'd':
			n *= 24 * 60
		default:
			return 0, fmt.Sprintf("unknown unit %q; use m, h or d", s[i:i+1])
		}
		total += n
		if total > maxDurationMinutes {
			return 0, "longer than 3650d"
		}
		s = s[i+1:]
	}
	return total, ""
}

// formatDurationMinutes spells n minutes as 1d2h3m, dropping zero parts.
func formatDurationMinutes(n int) string {
	if n == 0 {
		return "0m"
	}
	var b strings.Builder
	if d := n / (24 * 60); d > 0 {
		fmt.Fprintf(&b, "%dd", d)
	}
	if h := n % (24 * 60) / 60; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m := n % 60; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	return b.String()
}
