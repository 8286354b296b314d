package query

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hindsight-kb/hindsight/index/internal/editdist"
)

// Filter keys and the character classes of the query text.

// canonicalFilterKey maps a lower-case filter key or alias to its canonical key,
// or "" when it is not a filter.
func canonicalFilterKey(k string) string {
	switch k {
	case "category", "categories", "cause":
		return "category"
	case "service", "services":
		return "service"
	case "org", "organization", "organisation":
		return "org"
	case "severity", "sev":
		return "severity"
	case "tag", "tags":
		return "tag"
	case "format", "after", "before", "duration", "has":
		return k
	}
	return ""
}

// knownFilterKeys lists the canonical filter keys, sorted.
func knownFilterKeys() []string {
	return []string{"after", "before", "category", "duration", "format", "has", "org", "service", "severity", "tag"}
}

// filterField is the bleve field a canonical filter key searches.
func filterField(key string) string {
	switch key {
	case "category":
		return "categories"
	case "service":
		return "services"
	case "org":
		return "organization"
	case "tag":
		return "tags"
	case "after", "before":
		return "started_at"
	case "duration":
		return "duration_minutes"
	}
	return key // severity, format, has
}

// isListFilter reports whether bare values of key are comma lists.
func isListFilter(key string) bool {
	switch key {
	case "after", "before", "duration":
		return false
	}
	return true
}

// filterExample is a sample use of a canonical filter key, for messages.
func filterExample(key string) string {
	switch key {
	case "category":
		return "category:dns"
	case "service":
		return "service:api"
	case "org":
		return `org:"Fernhill Payments"`
	case "severity":
		return "severity:sev1"
	case "tag":
		return "tag:k8s"
	case "format":
		return "format:markdown"
	case "has":
		return "has:action_items"
	case "after":
		return "after:2023-01"
	case "before":
		return "before:2024-06-30"
	}
	return "duration:>1h"
}

// filterSuggestion suggests a known key or alias close to an unknown one:
// preferably one the key abbreviates (its letters in order, from the
// first: "cat" -> category, "svc" -> service), else one within two edits
// ("sevrity" -> severity).
func filterSuggestion(key string) string {
	if len(key) < 3 {
		return ""
	}
	best, bestD, bestAbbr := "", 0, false
	for _, k := range []string{"after", "before", "category", "categories", "cause", "duration", "format", "has",
		"org", "organization", "organisation", "service", "services", "severity", "sev", "tag", "tags"} {
		d, abbr := editdist.Distance(key, k, -1), abbreviates(key, k)
		if !abbr && d > 2 {
			continue
		}
		if best == "" || abbr && !bestAbbr || abbr == bestAbbr && d < bestD {
			best, bestD, bestAbbr = k, d, abbr
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

// abbreviates reports whether a's letters appear in b in order, starting
// with b's first letter.
func abbreviates(a, b string) bool {
	if a == "" || b == "" || a[0] != b[0] {
		return false
	}
	i := 0
	for j := 0; j < len(b) && i < len(a); j++ {
		if a[i] == b[j] {
			i++
		}
	}
	return i == len(a)
}

// filterKeyPrefix returns the identifier before a ':' at the start of s (letters,
// then letters and underscores), or "".
func filterKeyPrefix(s string) string {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || i > 0 && s[i] == '_') {
		i++
	}
	if i > 0 && i < len(s) && s[i] == ':' {
		return s[:i]
	}
	return ""
}

// cleanQueryText cleans quoted text: format characters dropped, runs of spaces
// and control characters collapsed to one space, trimmed, lower-cased.
func cleanQueryText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case isQueryIgnorable(r):
		case isQuerySep(r):
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(foldRune(r))
		}
	}
	return b.String()
}

// foldRune lower-cases r and maps colon look-alikes to ':'.
func foldRune(r rune) rune {
	switch r {
	case '\uff1a', '\ufe55', '\ufe13', '\u2236':
		return ':'
	}
	for {
		l := unicode.ToLower(r)
		if l == r {
			return r
		}
		r = l
	}
}

// isQuerySep reports whether r separates items: white space and control
// characters (NUL included).
func isQuerySep(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }

// isQueryIgnorable reports whether r is an invisible format character (zero-width
// space and joiners, bidi marks, soft hyphen, BOM…), which is dropped.
func isQueryIgnorable(r rune) bool { return unicode.Is(unicode.Cf, r) }

// isQueryQuote reports whether r opens or closes a phrase.
func isQueryQuote(r rune) bool {
	switch r {
	case '"', '\u201c', '\u201d', '\u201e', '\u201f', '\uff02', '\u00ab', '\u00bb':
		return true
	}
	return false
}

// startsWithQueryQuote reports whether s starts with a quote character.
func startsWithQueryQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isQueryQuote(r)
}

// isWordRune reports whether r is significant in a word: a letter, number or
// mark. Other characters are trimmed from the ends of words.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }

// isASCIIDigits reports whether s is non-empty ASCII digits.
func isASCIIDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// clipToken shortens a token for an error message to at most 40 bytes, on a
// rune boundary.
func clipToken(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
