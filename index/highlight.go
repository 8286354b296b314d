package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	textanalysis "github.com/hindsight-kb/hindsight/index/internal/analysis"
)

// fragmentBytes is about how long a fragment is: bleve's highlighter
// used 200 characters.
const fragmentBytes = 200

// marker finds a query's analysed terms in stored text and cuts
// highlighted fragments around them, from the text alone: no term
// vectors, and no second query to fetch term locations. A word of the
// text is a candidate when it begins like one of the terms (a stem's
// first letters begin every word it stems from); a candidate matches when
// the index's analyzer turns it into one of the terms. Words are analysed
// once per marker, so a page of hits analyses each distinct candidate
// word once. A marker is used by one goroutine.
type marker struct {
	analyzer analysis.Analyzer
	terms    map[string]int // term -> its number, for counting distinct terms
	byFirst  [256][]string  // term prefixes by their first byte
	memo     map[string]int // word as written -> term number, or -1
	spans    []span         // matches scratch
	words    []span         // words scratch
	// Phrases and synonyms match as written (see addSurface), keyed by
	// their first word in lower case.
	surf      map[string][]surfUnit
	surfFirst [256]bool
}

// surfUnit is a phrase or a synonym: its words in lower case.
type surfUnit struct {
	words []string
	id    int
	// stemmed: a word also matches a word of the same stem (a phrase
	// the user typed); otherwise only as written or plural.
	stemmed bool
}

// span is a matched word: bytes [start, end) of the text, and which term
// it matched.
type span struct{ start, end, term int }

// newMarker returns a marker of terms (analysed, as indexed); nil when
// there are none.
func newMarker(a analysis.Analyzer, terms []string) *marker {
	if len(terms) == 0 {
		return nil
	}
	m := &marker{analyzer: a, terms: map[string]int{}, memo: map[string]int{}}
	for _, t := range terms {
		if t == "" {
			continue
		}
		if _, ok := m.terms[t]; ok {
			continue
		}
		m.terms[t] = len(m.terms)
		// The stemmer may change a stem's last letter (happy -> happi):
		// match on the letters before it, at most three.
		k := min(3, max(1, len(t)-1))
		for k < len(t) && !utf8.RuneStart(t[k]) {
			k++
		}
		p := t[:k]
		if !slices.Contains(m.byFirst[p[0]], p) {
			m.byFirst[p[0]] = append(m.byFirst[p[0]], p)
		}
	}
	return m
}

// addSurface adds a phrase or a synonym that is marked only as the
// phrase it is: its words next to each other in the text, each as written
// (ignoring case, and a plural "s" on the last), or of the same stem when
// stemmed. A bare number from a synonym (500 for 5xx) is marked only
// where a neighbouring word makes it a status code ("HTTP 500", "500
// errors"), never in a count or a price.
func (m *marker) addSurface(phrase string, stemmed bool) {
	words := surfaceWords(strings.ToLower(phrase))
	if len(words) == 0 {
		return
	}
	if len(words) == 1 && stemmed {
		return // one typed word: a term
	}
	if m.surf == nil {
		m.surf = map[string][]surfUnit{}
	}
	for _, u := range m.surf[words[0]] {
		if slices.Equal(u.words, words) {
			return
		}
	}
	m.surf[words[0]] = append(m.surf[words[0]], surfUnit{words: words, id: len(m.terms) + m.nsurf(), stemmed: stemmed})
	m.surfFirst[words[0][0]] = true
}

func (m *marker) nsurf() int {
	n := 0
	for _, us := range m.surf {
		n += len(us)
	}
	return n
}

// surfaceWords splits s into words as the marker sees them.
func surfaceWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if s[i] >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !wordRune(r) {
			i += size
			continue
		}
		end := wordEnd(s, i)
		out = append(out, s[i:end])
		i = end
	}
	return out
}

// statusContext are the words next to a number that make it an HTTP
// status code.
var statusContext = map[string]bool{
	"http": true, "https": true, "status": true, "code": true, "codes": true, "error": true, "errors": true,
	"response": true, "responses": true, "returned": true, "returning": true, "returns": true, "return": true,
	"internal": true, "bad": true, "gateway": true, "service": true, "server": true,
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// asciiWord marks the ASCII bytes that are part of a word, as the
// tokenizer classes them: letters, digits and the underscore.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = textanalysis.IsWordByte(byte(c))
	}
	return t
}()

// wordRune reports whether r is part of a word.
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// joiner reports whether c between two word characters keeps them one
// word (textanalysis.IsJoiner).
func joiner(c byte) bool { return textanalysis.IsJoiner(c) }

// matches returns the words of text that analyse to one of the terms,
// and the phrases and synonyms found as written, in order. ASCII, most of
// any postmortem, is classified by table; other bytes are decoded.
func (m *marker) matches(text string) []span {
	m.spans = m.spans[:0]
	m.words = m.words[:0]
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(text[i:]); !wordRune(r) {
			i += size
			continue
		}
		start := i
		i = wordEnd(text, i)
		m.words = append(m.words, span{start, i, -1})
	}
	ws := m.words
	for i := 0; i < len(ws); i++ {
		w := text[ws[i].start:ws[i].end]
		if n, id := m.surfaceAt(text, ws, i); n > 0 {
			m.spans = append(m.spans, span{ws[i].start, ws[i+n-1].end, id})
			i += n - 1
			continue
		}
		if t := m.match(w); t >= 0 {
			m.spans = append(m.spans, span{ws[i].start, ws[i].end, t})
		}
	}
	return m.spans
}

// surfaceAt returns how many words from word i make the longest phrase
// or synonym found there, and its number; 0 when none.
func (m *marker) surfaceAt(text string, ws []span, i int) (n, id int) {
	c := text[ws[i].start]
	if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	if m.surf == nil || !m.surfFirst[c] {
		return 0, -1
	}
	first := strings.ToLower(text[ws[i].start:ws[i].end])
	cands := m.surf[first]
	if len(first) > 1 && first[len(first)-1] == 's' {
		cands = append(slices.Clip(cands), m.surf[first[:len(first)-1]]...)
	}
	id = -1
	for _, u := range cands {
		if len(u.words) <= n || i+len(u.words) > len(ws) {
			continue
		}
		ok := true
		for k, uw := range u.words {
			tw := text[ws[i+k].start:ws[i+k].end]
			if k > 0 && !adjacent(text[ws[i+k-1].end:ws[i+k].start]) || !m.sameWord(tw, uw, u.stemmed, k == len(u.words)-1) {
				ok = false
				break
			}
		}
		if ok && len(u.words) == 1 && allDigits(u.words[0]) && !u.stemmed {
			ok = i > 0 && adjacent(text[ws[i-1].end:ws[i].start]) && statusContext[strings.ToLower(text[ws[i-1].start:ws[i-1].end])] ||
				i+1 < len(ws) && adjacent(text[ws[i].end:ws[i+1].start]) && statusContext[strings.ToLower(text[ws[i+1].start:ws[i+1].end])]
		}
		if ok {
			n, id = len(u.words), u.id
		}
	}
	return n, id
}

// adjacent reports whether gap, the text between two words, keeps them
// in one phrase: spaces or a hyphen, no line break or punctuation.
func adjacent(gap string) bool {
	if gap == "" || len(gap) > 3 {
		return false
	}
	for i := 0; i < len(gap); i++ {
		if c := gap[i]; c != ' ' && c != '-' && c != '\t' {
			return false
		}
	}
	return true
}

// sameWord reports whether the text word tw is the phrase word uw.
func (m *marker) sameWord(tw, uw string, stemmed, last bool) bool {
	if strings.EqualFold(tw, uw) {
		return true
	}
	if last && len(tw) > len(uw) && strings.EqualFold(tw[:len(uw)], uw) {
		if suf := strings.ToLower(tw[len(uw):]); suf == "s" || suf == "es" {
			return true
		}
	}
	if !stemmed {
		return false
	}
	a, b := analyze(m.analyzer, tw), analyze(m.analyzer, uw)
	return len(a) == 1 && len(b) == 1 && a[0] == b[0]
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf && asciiWord[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !wordRune(r) {
				return i
			}
			i += size
			continue
		}
		// A joiner between two word characters keeps the word going.
		if !joiner(c) || i+1 >= len(text) {
			return i
		}
		next := text[i+1]
		if next < utf8.RuneSelf {
			if !asciiWord[next] {
				return i
			}
			i += 2
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i+1:])
		if !wordRune(r) {
			return i
		}
		i += 1 + size
	}
	return i
}

// match returns the number of the term word analyses to, or -1. Only a
// word that begins like a term (ignoring case) is looked up, and analysed
// the first time it is seen.
func (m *marker) match(word string) int {
	c := word[0]
	if c >= utf8.RuneSelf {
		word = strings.ToLower(word)
		c = word[0]
	} else if c >= 'A' && c <= 'Z' {
		c += 'a' - 'A'
	}
	candidate := false
	for _, p := range m.byFirst[c] {
		if len(word) >= len(p) && strings.EqualFold(word[:len(p)], p) {
			candidate = true
			break
		}
	}
	if !candidate {
		return -1
	}
	if t, ok := m.memo[word]; ok {
		return t
	}
	t := -1
	for _, tok := range m.analyzer.Analyze([]byte(word)) {
		if n, ok := m.terms[string(tok.Term)]; ok {
			t = n
			break
		}
	}
	m.memo[strings.Clone(word)] = t
	return t
}

// fragment returns the window of text of about fragmentBytes with the
// most distinct terms (then the most matches), within one line of prose
// (never across lines; in a text of several lines, never a heading, a
// table row or a line of time stamps), HTML-escaped, with <mark>…</mark> around each match and "…"
// where the line was cut; "" when no line of prose matches.
func (m *marker) fragment(text string) string {
	all := m.matches(text)
	// Keep the matches in lines of prose, each with its line.
	type lspan struct {
		span
		ls, le int // the line: text[ls:le]
	}
	var sp []lspan
	ls, le := -1, -1
	prose := false
	oneLine := strings.IndexByte(strings.TrimRight(text, "\n"), '\n') < 0
	for _, s := range all {
		if s.start >= le {
			ls = strings.LastIndexByte(text[:s.start], '\n') + 1
			le = strings.IndexByte(text[s.start:], '\n')
			if le < 0 {
				le = len(text)
			} else {
				le += s.start
			}
			prose = oneLine || proseLine(text[ls:le])
		}
		if prose {
			sp = append(sp, lspan{s, ls, le})
		}
	}
	if len(sp) == 0 {
		return ""
	}
	// The best run of matches in one line that fits in one fragment.
	bestI, bestJ, bestScore := 0, 0, -1
	count := map[int]int{}
	j := 0
	for i := range sp {
		if j < i {
			j = i
		}
		for j < len(sp) && sp[j].ls == sp[i].ls && sp[j].end-sp[i].start <= fragmentBytes {
			count[sp[j].term]++
			j++
		}
		if j == i { // one word longer than a fragment
			j = i + 1
			count[sp[i].term]++
		}
		if score := len(count)*1000 + (j - i); score > bestScore {
			bestI, bestJ, bestScore = i, j, score
		}
		if count[sp[i].term]--; count[sp[i].term] == 0 {
			delete(count, sp[i].term)
		}
	}
	first, last := sp[bestI], sp[bestJ-1]
	lineStart, lineEnd := first.ls, first.le
	// Centre the run in the window, then cut at spaces.
	slack := max(0, fragmentBytes-(last.end-first.start))
	start := max(lineStart, first.start-slack/2)
	end := min(lineEnd, max(last.end, start+fragmentBytes))
	if end == lineEnd {
		start = max(lineStart, min(start, end-fragmentBytes))
	}
	if start > lineStart {
		if k := strings.IndexAny(text[start:first.start], " \t"); k >= 0 {
			start += k + 1
		} else {
			start = first.start
		}
	}
	if end < lineEnd {
		if k := strings.LastIndexAny(text[last.end:end], " \t"); k >= 0 {
			end = last.end + k
		} else {
			end = last.end
		}
	}
	var b strings.Builder
	b.Grow(end - start + 32)
	if start > lineStart {
		b.WriteString("…")
	}
	at := start
	for _, s := range sp[bestI:bestJ] {
		b.WriteString(html.EscapeString(text[at:s.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.start:s.end]))
		b.WriteString("</mark>")
		at = s.end
	}
	b.WriteString(html.EscapeString(strings.TrimRight(text[at:end], " \t\r")))
	if end < lineEnd {
		b.WriteString("…")
	}
	return b.String()
}

// proseLine reports whether a line reads as prose: at least four words
// with letters that are not time stamps, or three ending a sentence.
// Headings ("Root cause"), table rows ("Date | 2024-03-01") and bare
// times ("07:58 PST — 08:05") are not.
func proseLine(line string) bool {
	if strings.Count(line, "|") >= 2 {
		return false
	}
	words := 0
	for i := 0; i < len(line) && words < 4; {
		r, size := rune(line[i]), 1
		if line[i] >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		if !wordRune(r) {
			i += size
			continue
		}
		end := wordEnd(line, i)
		if w := line[i:end]; !timeWord(w) && hasLetter(w) {
			words++
		}
		i = end
	}
	t := strings.TrimSpace(line)
	return words >= 4 || words >= 3 && t != "" && strings.ContainsRune(".!?", rune(t[len(t)-1]))
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// timeWord reports whether w is a time stamp or a time zone ("07:58",
// "2026-02-10T08", "pst", "utc").
func timeWord(w string) bool {
	if len(w) <= 4 {
		switch strings.ToLower(w) {
		case "utc", "gmt", "pst", "pdt", "est", "edt", "cet", "cest", "bst", "am", "pm", "z":
			return true
		}
	}
	return w[0] >= '0' && w[0] <= '9'
}

// fragments returns the fragment of each of fields (name, text pairs)
// that has a match, keyed by field name, skipping a fragment that repeats
// (or holds, or is held by) one already taken; nil when none has.
func (m *marker) fragments(fields [][2]string) map[string][]string {
	var out map[string][]string
	var seen []string
	for _, f := range fields {
		fr := m.fragment(f[1])
		if fr == "" {
			continue
		}
		plain := strings.Trim(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fr), "…")
		dup := false
		for _, p := range seen {
			if strings.Contains(p, plain) || strings.Contains(plain, p) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		seen = append(seen, plain)
		if out == nil {
			out = map[string][]string{}
		}
		out[f[0]] = []string{fr}
	}
	return out
}
