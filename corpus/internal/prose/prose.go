package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsWordRune reports whether r is part of a word.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsApostrophe reports whether r joins two halves of a word ("don't").
func IsApostrophe(r rune) bool { return r == '\'' || r == '’' }

// Words calls fn with the byte range of every word of s, in order.
// Words are runs of letters and digits, joined by inner apostrophes.
func Words(s string, fn func(start, end int)) {
	start := -1
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case IsWordRune(r):
			if start < 0 {
				start = i
			}
		case IsApostrophe(r) && start >= 0 && i+size < len(s):
			if n, _ := utf8.DecodeRuneInString(s[i+size:]); !IsWordRune(n) {
				fn(start, i)
				start = -1
			}
		default:
			if start >= 0 {
				fn(start, i)
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		end := len(s)
		for end > start {
			r, size := utf8.DecodeLastRuneInString(s[start:end])
			if !IsApostrophe(r) {
				break
			}
			end -= size
		}
		fn(start, end)
	}
}

// LowerSameLen lower-cases s, keeping every byte offset valid: runes whose
// lower case has another encoded length are kept as they are.
func LowerSameLen(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		l := unicode.ToLower(r)
		if r == utf8.RuneError || utf8.RuneLen(l) != size {
			b.WriteString(s[i : i+size])
		} else {
			b.WriteRune(l)
		}
		i += size
	}
	return b.String()
}

// Sentences calls fn with the byte range of every sentence of text.
// Sentences end at ".", "!" or "?" followed by a space, at blank lines,
// before list items, table rows and headings, and after short heading-like
// lines; other line breaks (hard-wrapped prose) do not end a sentence.
// Run-on text is cut at the first space after 1000 bytes.
func Sentences(text string, fn func(start, end int)) {
	const maxSentenceBytes = 1000
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && IsSpaceByte(text[s]) {
			s++
		}
		for e > s && IsSpaceByte(text[e-1]) {
			e--
		}
		if s < e {
			fn(s, e)
		}
		start = end
	}
	lineStart := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case ' ', '\t':
			if i-start > maxSentenceBytes {
				emit(i) // run-on text: bound the work per sentence
			}
		case '\n':
			line := strings.TrimSpace(text[lineStart:i])
			rest := text[i+1:]
			if k := strings.IndexByte(rest, '\n'); k >= 0 {
				rest = rest[:k]
			}
			next := strings.TrimSpace(rest)
			if line == "" || next == "" || startsBlock(next) || startsBlock(line) ||
				strings.HasSuffix(line, ":") || headingLike(line, next) ||
				strings.Contains(line, " | ") || strings.Contains(next, " | ") || timestamped(next) ||
				i-start > maxSentenceBytes {
				emit(i + 1)
			}
			lineStart = i + 1
		case '.', '!', '?':
			if i+1 < len(text) && !IsSpaceByte(text[i+1]) {
				continue
			}
			if c == '.' {
				if abbreviation(text[lineStart:i]) {
					continue
				}
				j := i + 1
				for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
					j++
				}
				if j < len(text) && 'a' <= text[j] && text[j] <= 'z' {
					continue
				}
			}
			emit(i + 1)
		}
	}
	emit(len(text))
}

// timestamped reports whether a line starts with a date or time
// ("2021-06-22 08:21 …", "14:05 UTC …"): a timeline entry of its own.
func timestamped(line string) bool {
	i := 0
	for i < len(line) && i < 4 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '-' || line[i] == ':' || line[i] == '/') &&
		'0' <= line[i+1] && line[i+1] <= '9'
}

// IsSpaceByte reports whether c is ASCII white space.
func IsSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startsBlock reports whether a trimmed line starts a list item, table
// row, heading or quote.
func startsBlock(line string) bool {
	switch line[0] {
	case '#', '|', '>':
		return true
	case '-', '*', '+':
		return len(line) > 1 && line[1] == ' '
	}
	if strings.HasPrefix(line, "•") {
		return true
	}
	i := 0
	for i < len(line) && i < 3 && '0' <= line[i] && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// headingLike reports whether line ends a unit of its own: a short
// capitalised line (a heading), or a capitalised line not ending in a
// connecting word followed by a capitalised line (list items whose
// markers were stripped). Hard-wrapped prose usually goes on in lower
// case or after "the", "of", "and"…
func headingLike(line, next string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	n, _ := utf8.DecodeRuneInString(next)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r)) || !(unicode.IsUpper(n) || unicode.IsDigit(n)) {
		return false
	}
	if len(line) <= 60 {
		return true
	}
	last := line[strings.LastIndexByte(line, ' ')+1:]
	return !connectors[strings.ToLower(last)]
}

// connectors are words a hard-wrapped line may end with before a line
// that starts with a capital ("…caused by the\nKubernetes scheduler").
var connectors = map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true,
	"and": true, "or": true, "in": true, "on": true, "at": true, "by": true, "for": true,
	"with": true, "from": true, "that": true, "our": true, "their": true, "its": true,
	"is": true, "was": true, "were": true, "are": true, "be": true, "as": true, "into": true,
	"this": true, "these": true, "which": true, "when": true, "while": true, "but": true,
	"than": true, "via": true, "if": true, "we": true, "it": true, "not": true, "no": true}

// abbreviation reports whether the text before a "." ends with an
// abbreviation or an initial ("e.g", "vs", "J").
func abbreviation(before string) bool {
	i := len(before)
	for i > 0 {
		c := before[i-1]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		i--
	}
	w := strings.ToLower(before[i:])
	switch w {
	case "eg", "ie", "etc", "vs", "approx", "inc", "ltd", "mr", "mrs", "ms", "dr", "st", "cf", "al", "fig", "no":
		return true
	}
	return len(w) == 1
}

// MaxClean caps the length of a sentence returned by Clean, in runes.
const MaxClean = 320

// Clean strips list and table markup from a sentence, collapses
// white space and shortens it to MaxClean runes.
func Clean(s string) string {
	s = strings.TrimLeft(s, " \t\r\n-*+•#>|")
	s = strings.TrimRight(s, " \t\r\n|")
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if n >= MaxClean {
			return strings.TrimSpace(b.String()) + "…"
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
