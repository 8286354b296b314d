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

// matches returns the words of text that analyse to one of the terms, in
// order. ASCII, most of any postmortem, is classified by table; other
// bytes are decoded.
func (m *marker) matches(text string) []span {
	m.spans = m.spans[:0]
	i := 0
	for i < len(text) {
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
		if t := m.match(text[start:i]); t >= 0 {
			m.spans = append(m.spans, span{start, i, t})
		}
	}
	return m.spans
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
// most distinct terms (then the most matches), HTML-escaped, with
// <mark>…</mark> around each match and "…" where the text was cut; ""
// when no word matches.
func (m *marker) fragment(text string) string {
	sp := m.matches(text)
	if len(sp) == 0 {
		return ""
	}
	// The best run of matches that fits in one fragment.
	bestI, bestJ, bestScore := 0, 0, -1
	count := map[int]int{}
	j := 0
	for i := range sp {
		for j < len(sp) && sp[j].end-sp[i].start <= fragmentBytes {
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
	// Centre the run in the window, then cut at spaces.
	slack := max(0, fragmentBytes-(last.end-first.start))
	start := max(0, first.start-slack/2)
	end := min(len(text), max(last.end, start+fragmentBytes))
	if end == len(text) {
		start = max(0, min(start, end-fragmentBytes))
	}
	if start > 0 {
		if k := strings.IndexAny(text[start:first.start], " \t\n"); k >= 0 {
			start += k + 1
		} else {
			start = first.start
		}
	}
	if end < len(text) {
		if k := strings.LastIndexAny(text[last.end:end], " \t\n"); k >= 0 {
			end = last.end + k
		} else {
			end = last.end
		}
	}
	var b strings.Builder
	b.Grow(end - start + 32)
	if start > 0 {
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
	b.WriteString(html.EscapeString(strings.TrimRight(text[at:end], " \t\n")))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// fragments returns the fragment of each of fields (name, text pairs)
// that has a match, keyed by field name; nil when none has.
func (m *marker) fragments(fields [][2]string) map[string][]string {
	var out map[string][]string
	for _, f := range fields {
		if fr := m.fragment(f[1]); fr != "" {
			if out == nil {
				out = map[string][]string{}
			}
			out[f[0]] = []string{fr}
		}
	}
	return out
}
