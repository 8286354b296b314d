package query

// The Hindsight query language.
//
// A query is a sequence of items separated by white space. Each item is one
// of:
//
//	disk full            free words: every significant word matters (ranking
//	                     is BM25, done by Search); words are lower-cased
//	"out of memory"      an exact phrase; an unbalanced quote is an error
//	-kubernetes          exclude a word
//	-"load balancer"     exclude a phrase
//	key:value            a filter (see below)
//	-key:value           a negated filter: results must NOT match it
//
// Filters (key names are case-insensitive; aliases in brackets):
//
//	category:dns         [cause, categories] taxonomy category, primary or
//	                     contributing; validated against the taxonomy, and
//	                     "software_bug"/"software bug" mean software-bug
//	service:api          [services] an affected service
//	org:"Fernhill Pay"   [organization, organisation] the organisation
//	severity:sev1        [sev] the severity as written in the postmortem
//	tag:k8s              [tags] a tag
//	format:markdown      markdown | text | html (md, txt and htm also work)
//	has:action_items     action_items | timeline | root_cause | open_actions
//	after:2023-01        incidents that started on or after a date
//	before:2024-06-30    incidents that started before a date
//	duration:>1h         incident duration (see below)
//
// Values match case-insensitively (they are lower-cased, like the indexed
// keyword fields). A value may be quoted to hold spaces or commas:
// org:"Fernhill Payments". Closing punctuation glued to a bare value
// (any of ")]};!?") is dropped, so pasted text like "(category:dns)" works.
// Several values of one filter are OR'ed, both as repeated filters
// (service:a service:b) and as comma lists (service:a,b); different filters
// are AND'ed. A negated filter excludes every value it
// lists: -service:a,b excludes both.
//
// Dates. A date is YYYY, YYYY-MM or YYYY-MM-DD (UTC; years 1900–2200) and
// names a whole year, month or day. after:P keeps incidents that started at
// or after the first instant of P; before:P keeps those that started
// strictly before the first instant of P. So after:2023-01 means "on or after
// 2023-01-01 00:00 UTC", before:2024-06 means "before 2024-06-01" and
// before:2024-06-30 excludes June 30 itself. A relative age Nd, Nw, Nm or Ny
// (days, weeks, calendar months, years; at most 100 years) is counted back
// from QueryOptions.Now with calendar arithmetic: after:7d means "started in
// the last 7 days". Relative dates stay relative in String().
//
// Durations. duration:>1h (longer than an hour), duration:>=1h,
// duration:<30m, duration:<=30m, duration:=1h (exactly), and ranges
// duration:1h..4h (both ends inclusive; 1h-4h and open ends 1h.. / ..4h work
// too). Lengths use the units m (minutes), h (hours) and d (days) and may be
// combined: 1h30m, 2d4h. A number needs a unit; the longest length is 3650d.
//
// Text handling. Free words lose their leading and trailing punctuation, so
// wildcard and regex-like input (*foo, foo?, /re/) is plain text and is never
// expanded; a word with no letters or digits at all (*, &&, ?) is dropped. A
// word with a colon is a filter only when it starts with an identifier
// (letters and underscores) followed by ':' and a value: "10:30",
// "http://host/x" and a trailing "error:" are text, while "foo:bar" is an
// error naming the known filters. Unicode format characters (zero-width
// spaces and joiners, bidi marks and overrides, soft hyphens, BOM) are
// ignored wherever they occur; control characters (including NUL) separate
// items like spaces; the full-width colon "：" works as ':' and typographic
// quotes (“ ” „ « » ＂) work as '"'. Invalid UTF-8 is an error.
//
// Limits (each breach is a *QueryError): a query is at most MaxQueryBytes
// bytes, holds at most MaxQueryTerms words, phrases and filter values in
// total, and each word, phrase or value is at most MaxValueBytes bytes. No
// construct expands into wildcard, regexp, fuzzy or prefix queries: filters
// become term, numeric-range and date-range queries only.

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the query language.
const (
	// MaxQueryBytes is the longest query text ParseQuery accepts.
	MaxQueryBytes = 2000
	// MaxQueryTerms is the most words, phrases, exclusions and filter values
	// one query may hold in total.
	MaxQueryTerms = 64
	// MaxValueBytes is the longest single word, phrase or filter value.
	MaxValueBytes = 200
)

// Bounds of the values filters accept.
const (
	minYear            = 1900
	maxYear            = 2200
	maxDurationMinutes = 3650 * 24 * 60
)

// QueryOptions parameterises ParseQuery.
type QueryOptions struct {
	// Now anchors relative dates (after:7d). Zero means time.Now().
	Now time.Time
	// Categories are the known taxonomy category names. When non-empty,
	// category: values must be one of them.
	Categories []string
}

// QueryError is a problem with a query, pointing at the offending token.
type QueryError struct {
	Query string // the whole query as given
	Pos   int    // 0-based byte offset of the offending token in Query
	Token string // the offending token as typed (may be empty)
	Msg   string // what is wrong and what is expected
}

// Error formats the error as `at column N ("token"): msg`, where N is the
// 1-based character (rune) column of Pos.
func (e *QueryError) Error() string {
	if e.Token == "" {
		return fmt.Sprintf("at column %d: %s", e.Column(), e.Msg)
	}
	return fmt.Sprintf("at column %d (%q): %s", e.Column(), e.Token, e.Msg)
}

// Column is the 1-based character column of Pos in Query, for carets.
func (e *QueryError) Column() int {
	pos := min(max(e.Pos, 0), len(e.Query))
	return utf8.RuneCountInString(e.Query[:pos]) + 1
}

// Query is a parsed query. Build one with ParseQuery.
type Query struct {
	Words    []string // free words, lower-cased, in order
	Phrases  []string // "exact phrase" contents, lower-cased
	Excluded []string // -word and -"phrase" texts; match them as phrases
	Filters  []Filter // in order of appearance; one per value

	opts QueryOptions // Now resolved; for Toggle
}

// Filter is one value of one filter. A comma list (service:a,b) gives one
// Filter per value, sharing Raw and Pos.
type Filter struct {
	// Key is the canonical key: category service org severity tag format
	// after before duration has.
	Key string
	// Value is the normalised value: lower-cased; taxonomy spelling for
	// category; canonical forms for format, has, dates (2023-01, 7d) and
	// durations (>1h30m, <=30m, 1h..4h).
	Value   string
	Raw     string // the token as typed, with any '-' and quotes
	Negated bool   // -key:value
	Pos     int    // byte offset of Raw in the query

	// parsed forms
	at    time.Time      // after/before bound
	dur   durationBounds // duration bounds
	field string         // bleve field
}

// valueTrailers are the characters trimmed from the end of a bare filter
// value: closing punctuation of the surrounding text.
const valueTrailers = ")]};!?"

// durationBounds is a duration filter's bounds in minutes.
type durationBounds struct {
	lo, hi       int
	hasLo, hasHi bool
	loInc, hiInc bool
}

// ParseQuery parses s in the Hindsight query language (see the top of
// query.go). Errors are *QueryError values pointing at the offending token.
// An empty or blank query gives an empty Query, which matches everything.
func ParseQuery(s string, opts QueryOptions) (*Query, error) {
	if len(s) > MaxQueryBytes {
		pos := MaxQueryBytes
		for pos > 0 && !utf8.RuneStart(s[pos]) {
			pos--
		}
		return nil, &QueryError{Query: s, Pos: pos,
			Msg: fmt.Sprintf("query is %d bytes; the limit is %d bytes", len(s), MaxQueryBytes)}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return nil, &QueryError{Query: s, Pos: i, Token: s[i : i+1],
				Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02x); queries must be UTF-8 text", s[i])}
		}
		i += size
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	p := &queryParser{s: s, opts: opts, q: &Query{opts: opts}}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var err error
		switch {
		case isQuerySep(r) || isQueryIgnorable(r):
			i += size
			continue
		case isQueryQuote(r):
			i, err = p.phrase(i, i, false)
		default:
			i, err = p.bare(i)
		}
		if err != nil {
			return nil, err
		}
	}
	return p.q, nil
}

// HasText reports whether the query has free words or phrases.
func (q *Query) HasText() bool { return len(q.Words) > 0 || len(q.Phrases) > 0 }

// Relative reports whether a date filter counts back from now (after:7d):
// the same query then means something else tomorrow, and its results must
// not be cached.
func (q *Query) Relative() bool {
	for _, f := range q.Filters {
		if (f.Key == "after" || f.Key == "before") && f.Value != "" {
			if last := f.Value[len(f.Value)-1]; last < '0' || last > '9' {
				return true
			}
		}
	}
	return false
}

// String returns the canonical query text: words, phrases, exclusions, then
// filters, each in order. ParseQuery(q.String()) gives an equal Query.
func (q *Query) String() string { return q.render(-1) }

// Without returns the query text with Filters[i] removed (for removable
// filter chips). An out-of-range i gives String().
func (q *Query) Without(i int) string { return q.render(i) }

// Normalise returns key:value as ParseQuery would read it (aliases and
// value spellings normalised, Now resolved as for q), and false when the
// language refuses it: an unknown key, a quote in the value, an invalid
// value.
func (q *Query) Normalise(key, value string) (Filter, bool) {
	k := canonicalFilterKey(strings.ToLower(strings.TrimSpace(key)))
	if k == "" || strings.ContainsFunc(value, isQueryQuote) {
		return Filter{}, false
	}
	v := cleanQueryText(value)
	if v == "" || len(v) > MaxValueBytes {
		return Filter{}, false
	}
	f, msg := normaliseFilterValue(k, v, q.opts)
	return f, msg == ""
}

// Has reports whether q holds the filter f (normalised, as from
// Normalise) and not negated.
func (q *Query) Has(f Filter) bool {
	for _, g := range q.Filters {
		if !g.Negated && g.Key == f.Key && g.Value == f.Value {
			return true
		}
	}
	return false
}

// Toggle returns the query text with the filter key:value added, or, when a
// filter with that key and value is already present (negated or not),
// removed (for facet clicks). Aliases and value spellings are normalised as
// in ParseQuery. An unknown key or an invalid value leaves the text as
// String().
func (q *Query) Toggle(key, value string) string {
	f, ok := q.Normalise(key, value)
	if !ok {
		return q.String()
	}
	c := *q
	c.Filters = toggleFilter(q.Filters, f)
	return c.String()
}

// ToggleAll returns the query text with the filters fs (normalised, as
// from Normalise) toggled as by Toggle when q holds them all (see Has),
// and otherwise with only the missing ones toggled: a facet value that
// stands for several filters, such as a year's after and before, is one
// click that adds or removes them together.
func (q *Query) ToggleAll(fs []Filter) string {
	all := len(fs) > 0
	for _, f := range fs {
		all = all && q.Has(f)
	}
	c := *q
	c.Filters = q.Filters
	for _, f := range fs {
		if all || !q.Has(f) {
			c.Filters = toggleFilter(c.Filters, f)
		}
	}
	return c.String()
}

// toggleFilter returns a new slice: filters without those of f's key and
// value (negated or not), or, when there were none, with f added.
func toggleFilter(filters []Filter, f Filter) []Filter {
	out := make([]Filter, 0, len(filters)+1)
	for _, g := range filters {
		if g.Key != f.Key || g.Value != f.Value {
			out = append(out, g)
		}
	}
	if len(out) == len(filters) {
		out = append(out, f)
	}
	return out
}

// render writes the canonical text, leaving out filter skip.
func (q *Query) render(skip int) string {
	var parts []string
	parts = append(parts, q.Words...)
	for _, p := range q.Phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, e := range q.Excluded {
		if strings.IndexFunc(e, func(r rune) bool { return !isWordRune(r) }) >= 0 {
			e = `"` + e + `"`
		}
		parts = append(parts, "-"+e)
	}
	for i, f := range q.Filters {
		if i == skip {
			continue
		}
		v := f.Value
		if v == "" || strings.ContainsFunc(v, func(r rune) bool {
			return r == ',' || isQuerySep(r) || isQueryQuote(r) || isQueryIgnorable(r)
		}) || strings.ContainsAny(v[len(v)-1:], valueTrailers) {
			v = `"` + v + `"`
		}
		neg := ""
		if f.Negated {
			neg = "-"
		}
		parts = append(parts, neg+f.Key+":"+v)
	}
	return strings.Join(parts, " ")
}

// queryParser holds the state of one ParseQuery call.
type queryParser struct {
	s    string
	opts QueryOptions
	q    *Query
	n    int // items accepted so far
}

// errAt returns a QueryError for the token s[pos:end].
func (p *queryParser) errAt(pos, end int, format string, args ...any) *QueryError {
	return &QueryError{Query: p.s, Pos: pos, Token: clipToken(p.s[pos:end]), Msg: fmt.Sprintf(format, args...)}
}

// count admits one more item starting at pos, or fails past MaxQueryTerms.
func (p *queryParser) count(pos, end int) error {
	p.n++
	if p.n > MaxQueryTerms {
		return p.errAt(pos, end, "too many terms: a query may hold at most %d words, phrases and filter values", MaxQueryTerms)
	}
	return nil
}

// quoted reads the quoted string whose opening quote is at s[at]. It returns
// the cleaned content, the byte span of the raw content and the offset just
// after the closing quote.
func (p *queryParser) quoted(at int) (content string, cs, ce, end int, err error) {
	_, qs := utf8.DecodeRuneInString(p.s[at:])
	for i := at + qs; i < len(p.s); {
		r, size := utf8.DecodeRuneInString(p.s[i:])
		if isQueryQuote(r) {
			return cleanQueryText(p.s[at+qs : i]), at + qs, i, i + size, nil
		}
		i += size
	}
	return "", 0, 0, 0, p.errAt(at, len(p.s), `unbalanced quote: add a closing " or remove this one`)
}

// phrase reads a quoted phrase at s[at]; start is the item start (the '-'
// of a negated phrase).
func (p *queryParser) phrase(start, at int, neg bool) (int, error) {
	text, _, _, end, err := p.quoted(at)
	if err != nil {
		return 0, err
	}
	if !strings.ContainsFunc(text, isWordRune) {
		return end, nil // "" or punctuation only: nothing to match
	}
	if len(text) > MaxValueBytes {
		return 0, p.errAt(start, end, "phrase is %d bytes; the limit is %d", len(text), MaxValueBytes)
	}
	if err := p.count(start, end); err != nil {
		return 0, err
	}
	if neg {
		p.q.Excluded = append(p.q.Excluded, text)
	} else {
		p.q.Phrases = append(p.q.Phrases, text)
	}
	return end, nil
}

// bare reads an unquoted item starting at s[start]: a word, a negated word
// or phrase, or a filter.
func (p *queryParser) bare(start int) (int, error) {
	var tok []byte
	var offs []int // offs[i]: offset in s of the rune that gave tok[i]
	end := start
	for end < len(p.s) {
		r, size := utf8.DecodeRuneInString(p.s[end:])
		if isQuerySep(r) || isQueryQuote(r) {
			break
		}
		if !isQueryIgnorable(r) {
			n := len(tok)
			tok = utf8.AppendRune(tok, foldRune(r))
			for range len(tok) - n {
				offs = append(offs, end)
			}
		}
		end += size
	}
	offs = append(offs, end)
	quoteNext := end < len(p.s) && startsWithQueryQuote(p.s[end:])
	t := string(tok)
	if t == "" {
		return end, nil
	}
	neg, k := false, 0
	if t[0] == '-' {
		if len(t) == 1 {
			if quoteNext {
				return p.phrase(start, end, true)
			}
			return end, nil
		}
		neg, k = true, 1
	}
	for k < len(t) {
		r, size := utf8.DecodeRuneInString(t[k:])
		if isWordRune(r) {
			break
		}
		k += size
	}
	core := t[k:]
	if key := filterKeyPrefix(core); key != "" {
		val := core[len(key)+1:]
		vk := k + len(key) + 1 // index of the value in t
		canon := canonicalFilterKey(key)
		switch {
		case canon != "" && val == "" && quoteNext:
			content, cs, ce, qend, err := p.quoted(end)
			if err != nil {
				return 0, err
			}
			parts := []filterValuePart{{text: content, pos: cs, end: ce}}
			return qend, p.filter(canon, neg, start, qend, parts)
		case canon != "" && val == "":
			return 0, p.errAt(offs[k], end, "filter %s needs a value, e.g. %s", key, filterExample(canon))
		case canon != "":
			// Closing punctuation glued to a bare value is not part of it:
			// "(category:dns)" or "service:api," in pasted text.
			val = strings.TrimRight(val, valueTrailers)
			var parts []filterValuePart
			if isListFilter(canon) {
				i := vk
				for _, piece := range strings.Split(val, ",") {
					parts = append(parts, filterValuePart{text: piece, pos: offs[i], end: offs[i+len(piece)]})
					i += len(piece) + 1
				}
			} else {
				parts = []filterValuePart{{text: val, pos: offs[vk], end: end}}
			}
			return end, p.filter(canon, neg, start, end, parts)
		case quoteNext || (val != "" && val[0] != '/' && val[0] != '\\'):
			return 0, p.errAt(offs[k], end, "unknown filter %s%s; known: %s", key, filterSuggestion(key), strings.Join(knownFilterKeys(), ", "))
		}
		// "error:" or "http://host": plain text
	}
	w := strings.TrimRightFunc(core, func(r rune) bool { return !isWordRune(r) })
	if w == "" {
		return end, nil
	}
	if len(w) > MaxValueBytes {
		return 0, p.errAt(start, end, "word is %d bytes; the limit is %d", len(w), MaxValueBytes)
	}
	if err := p.count(start, end); err != nil {
		return 0, err
	}
	if neg {
		p.q.Excluded = append(p.q.Excluded, w)
	} else {
		p.q.Words = append(p.q.Words, w)
	}
	return end, nil
}

// filterValuePart is one value of a filter token, with its raw span in the query.
type filterValuePart struct {
	text     string
	pos, end int
}

// filter adds the values of one filter token s[start:end].
func (p *queryParser) filter(key string, neg bool, start, end int, parts []filterValuePart) error {
	raw := p.s[start:end]
	added := 0
	for _, part := range parts {
		v := strings.TrimSpace(part.text)
		if v == "" {
			continue
		}
		if len(v) > MaxValueBytes {
			return p.errAt(part.pos, part.end, "value is %d bytes; the limit is %d", len(v), MaxValueBytes)
		}
		if err := p.count(part.pos, part.end); err != nil {
			return err
		}
		f, msg := normaliseFilterValue(key, v, p.opts)
		if msg != "" {
			return p.errAt(part.pos, part.end, "%s", msg)
		}
		f.Raw, f.Pos, f.Negated = raw, start, neg
		p.q.Filters = append(p.q.Filters, f)
		added++
	}
	if added == 0 {
		return p.errAt(start, end, "filter %s needs a value, e.g. %s", key, filterExample(key))
	}
	return nil
}
