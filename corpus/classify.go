package corpus

import (
	"errors"
	"fmt"
	"github.com/hindsight-kb/hindsight/corpus/classify"
	"github.com/hindsight-kb/hindsight/corpus/internal/prose"
	"math"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// This file holds the compiled form of a Taxonomy and the classifier.
//
// Rules are compiled once per Taxonomy into a matcher: phrases become word
// patterns indexed by the first three bytes of their first word, so one
// map look-up per word of text finds every phrase that may start there;
// regular expressions carry literal strings one of which must occur in
// the text before the expression is run at all.

// Rule kinds.
const (
	kindPhrase = iota
	kindAll
	kindRegex
)

// wordAlt is one alternative of a phrase word: a word, or a prefix.
type wordAlt struct {
	s      string
	prefix bool
}

// wordPat is one word of a phrase: any of its alternatives matches.
type wordPat []wordAlt

// match reports whether the lower-cased token tok matches the pattern.
func (w wordPat) match(tok string) bool {
	for i := range w {
		if w[i].match(tok) {
			return true
		}
	}
	return false
}

// match reports whether the lower-cased token tok matches the
// alternative. A plain word also matches its plural ("-s", "-es").
func (a *wordAlt) match(tok string) bool {
	n := len(a.s)
	if a.prefix {
		return len(tok) >= n && tok[:n] == a.s
	}
	switch len(tok) - n {
	case 0:
		return tok == a.s
	case 1:
		return tok[n] == 's' && tok[:n] == a.s
	case 2:
		return tok[n] == 'e' && tok[n+1] == 's' && tok[:n] == a.s
	}
	return false
}

// part is one compiled phrase: the whole of a phrase rule, or one of the
// phrases of an all rule.
type part struct {
	rule  int
	words []wordPat
}

// crule is one compiled rule.
type crule struct {
	cat    int
	kind   int
	weight float64
	groups [][]int        // part ids: kindPhrase one group of alternatives; kindAll one group per phrase
	re     *regexp.Regexp // kindRegex
	lits   []string       // kindRegex: one of these must occur; nil = no filter
	desc   string         // the rule as written, for explanations
}

// matcher is the compiled, immutable form of a Taxonomy.
type matcher struct {
	sc      Scoring
	names   []string
	rules   []crule
	parts   []part
	index   firstIndex        // first word of a part -> part ids
	regexes []int             // rule ids of regex rules
	aliases map[string]string // normalised name or alias -> name
	// model is the learned tagger, when it knows exactly the taxonomy's
	// categories; nil means the rules alone tag documents.
	model *classify.Model
}

// indexKey is the key of a token or phrase word in matcher.index: its
// first three bytes.
func indexKey(s string) string {
	if len(s) > 3 {
		return s[:3]
	}
	return s
}

// compile builds the matcher of t. Invalid rules (which Validate reports)
// are skipped, so that a hand-built taxonomy still classifies.
func compile(t *Taxonomy) *matcher {
	m := &matcher{
		sc:      t.Scoring.withDefaults(),
		aliases: map[string]string{},
	}
	firsts := map[wordAlt][]int32{} // first-word alternative -> parts
	var order []wordAlt
	addPart := func(rule int, words []wordPat) int {
		id := len(m.parts)
		m.parts = append(m.parts, part{rule: rule, words: words})
		for _, a := range words[0] {
			if _, ok := firsts[a]; !ok {
				order = append(order, a)
			}
			if l := firsts[a]; len(l) == 0 || l[len(l)-1] != int32(id) {
				firsts[a] = append(l, int32(id))
			}
		}
		return id
	}
	for ci, c := range t.Categories {
		m.names = append(m.names, c.Name)
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if k := normalizeName(n); k != "" {
				if _, dup := m.aliases[k]; !dup {
					m.aliases[k] = c.Name
				}
			}
		}
		cw := c.Weight
		if cw == 0 {
			cw = 1
		}
		for _, r := range c.Rules {
			if r.Weight == 0 || math.IsNaN(r.Weight) || math.Abs(r.Weight) > maxRuleWeight {
				continue
			}
			id := len(m.rules)
			cr := crule{cat: ci, weight: r.Weight * cw, desc: r.String()}
			var phrases []string
			switch {
			case r.Phrase != "" && len(r.All) == 0 && r.Regex == "":
				cr.kind = kindPhrase
				phrases = []string{r.Phrase}
			case len(r.All) >= 2 && r.Phrase == "" && r.Regex == "":
				cr.kind = kindAll
				phrases = r.All
			case r.Regex != "" && r.Phrase == "" && len(r.All) == 0:
				re, err := compileRuleRegex(r.Regex)
				if err != nil {
					continue
				}
				cr.kind = kindRegex
				cr.re = re
				cr.lits = requiredLiterals(re.String())
				m.regexes = append(m.regexes, id)
			default:
				continue
			}
			var groups [][][]wordPat
			for _, p := range phrases {
				alts, err := parsePhrases(p)
				if err != nil {
					groups = nil
					break
				}
				groups = append(groups, alts)
			}
			if cr.kind != kindRegex && groups == nil {
				continue
			}
			for _, alts := range groups {
				var g []int
				for _, words := range alts {
					g = append(g, addPart(id, words))
				}
				cr.groups = append(cr.groups, g)
			}
			m.rules = append(m.rules, cr)
		}
	}
	var entries []firstEntry
	for _, a := range order {
		entries = append(entries, firstEntry{key: indexKey(a.s), alt: a, parts: firsts[a]})
		if !a.prefix && len(a.s) < 3 {
			// The plural of a short word has another key: "db" -> "dbs".
			entries = append(entries, firstEntry{key: indexKey(a.s + "s"), alt: a, parts: firsts[a]})
			if len(a.s) == 1 {
				entries = append(entries, firstEntry{key: a.s + "es", alt: a, parts: firsts[a]})
			}
		}
	}
	m.index = buildIndex(entries)
	m.model = modelFor(m.names)
	return m
}

// firstEntry is one alternative of the first word of some phrases, with
// the parts (phrases) that start with it.
type firstEntry struct {
	key   string // indexKey of the words it may match
	alt   wordAlt
	parts []int32
}

// firstIndex maps the first three bytes of a word to the first-word
// alternatives that may match it. Keys of lower-case ASCII letters and
// digits (nearly all) are looked up in a flat table, others in a map.
type firstIndex struct {
	off     []uint32 // entries of key code k: entries[off[k]:off[k+1]]
	entries []firstEntry
	other   map[string][]firstEntry
}

// keySpace is the number of key codes: three characters of 37 values.
const keySpace = 37 * 37 * 37

// keyCode returns the table code of key (at most three bytes), or false
// when it has a byte other than a-z and 0-9.
func keyCode(key string) (int, bool) {
	k := 0
	for i := 0; i < 3; i++ {
		c := 0
		if i < len(key) {
			switch b := key[i]; {
			case 'a' <= b && b <= 'z':
				c = int(b-'a') + 1
			case '0' <= b && b <= '9':
				c = int(b-'0') + 27
			default:
				return 0, false
			}
		}
		k = k*37 + c
	}
	return k, true
}

func buildIndex(entries []firstEntry) firstIndex {
	ix := firstIndex{off: make([]uint32, keySpace+1), other: map[string][]firstEntry{}}
	codes := make([]int, len(entries))
	for i, e := range entries {
		k, ok := keyCode(e.key)
		if !ok {
			codes[i] = -1
			ix.other[e.key] = append(ix.other[e.key], e)
			continue
		}
		codes[i] = k
		ix.off[k+1]++
	}
	for k := 1; k <= keySpace; k++ {
		ix.off[k] += ix.off[k-1]
	}
	ix.entries = make([]firstEntry, ix.off[keySpace])
	next := append([]uint32(nil), ix.off[:keySpace]...)
	for i, e := range entries {
		if k := codes[i]; k >= 0 {
			ix.entries[next[k]] = e
			next[k]++
		}
	}
	return ix
}

// lookup returns the first-word alternatives that may match token tok.
func (ix *firstIndex) lookup(tok string) []firstEntry {
	key := indexKey(tok)
	if k, ok := keyCode(key); ok {
		return ix.entries[ix.off[k]:ix.off[k+1]]
	}
	return ix.other[key]
}

// compileRuleRegex compiles a rule's regular expression, case-insensitive.
func compileRuleRegex(expr string) (*regexp.Regexp, error) {
	if len(expr) > 1000 {
		return nil, errors.New("longer than 1000 bytes")
	}
	if _, err := regexp.Compile(expr); err != nil {
		return nil, err
	}
	return regexp.Compile("(?i)" + expr)
}

// requiredLiterals returns lower-case strings at least one of which occurs
// in every match of expr, or nil when there is no such set.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	lits := literalsOf(re.Simplify())
	for _, l := range lits {
		if len(l) < 2 {
			return nil
		}
	}
	return lits
}

func literalsOf(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpPlus:
		return literalsOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return literalsOf(re.Sub[0])
		}
	case syntax.OpConcat:
		// Join runs of adjacent children that each have literals into their
		// cross product (".", "conf|cfg" -> ".conf", ".cfg"), and keep the
		// most selective run.
		var best, cur []string
		// A set is as selective as its least informative member; words
		// like "on" or "the" occur everywhere and count for nothing.
		info := func(l []string) int {
			n := -1
			for _, x := range l {
				k := 0
				for _, w := range wordsOf(x) {
					if !commonWords[w] {
						k += len(w)
					}
				}
				if n < 0 || k < n {
					n = k
				}
			}
			return n
		}
		consider := func(l []string) {
			switch {
			case len(l) == 0:
			case best == nil:
				best = l
			case info(l) > info(best), info(l) == info(best) && len(l) < len(best):
				best = l
			}
		}
		for _, sub := range re.Sub {
			l := literalsOf(sub)
			switch {
			case l == nil:
				consider(cur)
				cur = nil
			case cur == nil || len(cur)*len(l) > 64:
				consider(cur)
				cur = l
			default:
				var next []string
				for _, a := range cur {
					for _, b := range l {
						next = append(next, a+b)
					}
				}
				cur = next
			}
		}
		consider(cur)
		return best
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			l := literalsOf(s)
			if l == nil {
				return nil
			}
			all = append(all, l...)
		}
		return all
	}
	return nil
}

// commonWords carry no information for the regex prefilter.
var commonWords = map[string]bool{"a": true, "an": true, "the": true, "on": true, "at": true,
	"in": true, "of": true, "to": true, "with": true, "and": true, "or": true, "is": true,
	"was": true, "for": true, "by": true, "s": true}

// parsePhrase compiles a phrase: words separated by spaces; a word is
// alternatives separated by "|", each a single word optionally ending in
// "*"; a word without "|" may contain punctuation, which splits it
// ("out-of-memory" is three words).
func parsePhrase(p string) ([]wordPat, error) {
	var words []wordPat
	for _, chunk := range strings.Fields(strings.ToLower(p)) {
		if strings.Contains(chunk, "|") {
			var w wordPat
			for _, alt := range strings.Split(chunk, "|") {
				a, err := parseAlt(alt)
				if err != nil {
					return nil, err
				}
				w = append(w, a)
			}
			words = append(words, w)
			continue
		}
		star := strings.HasSuffix(chunk, "*")
		toks := wordsOf(strings.TrimSuffix(chunk, "*"))
		if len(toks) == 0 {
			return nil, fmt.Errorf("%q has no letters or digits", chunk)
		}
		for i, t := range toks {
			a := wordAlt{s: t}
			if star && i == len(toks)-1 {
				a.prefix = true
				if utf8.RuneCountInString(t) < 3 {
					return nil, fmt.Errorf("prefix %q is shorter than 3 letters", t+"*")
				}
			}
			words = append(words, wordPat{a})
		}
	}
	if len(words) == 0 {
		return nil, errors.New("empty")
	}
	if len(words) > 8 {
		return nil, errors.New("longer than 8 words")
	}
	return words, nil
}

// parseAlt parses one "|" alternative of a phrase word.
func parseAlt(alt string) (wordAlt, error) {
	star := strings.HasSuffix(alt, "*")
	w := strings.TrimSuffix(alt, "*")
	toks := wordsOf(w)
	if len(toks) != 1 || toks[0] != w {
		return wordAlt{}, fmt.Errorf("alternative %q must be a single word", alt)
	}
	if star && utf8.RuneCountInString(w) < 3 {
		return wordAlt{}, fmt.Errorf("prefix %q is shorter than 3 letters", alt)
	}
	return wordAlt{s: w, prefix: star}, nil
}

// parsePhrases compiles a rule phrase: one or more phrases separated by
// commas, any of which matches.
func parsePhrases(p string) ([][]wordPat, error) {
	var out [][]wordPat
	for _, alt := range strings.Split(p, ",") {
		if strings.TrimSpace(alt) == "" {
			return nil, fmt.Errorf("empty phrase between commas in %q", p)
		}
		words, err := parsePhrase(alt)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", strings.TrimSpace(alt), err)
		}
		out = append(out, words)
	}
	return out, nil
}

// checkPhrase reports whether p is a valid rule phrase.
func checkPhrase(p string) error {
	_, err := parsePhrases(p)
	return err
}

// wordsOf splits lower-cased s into tokens the way the classifier does.
func wordsOf(s string) []string {
	var out []string
	prose.Words(s, func(start, end int) { out = append(out, s[start:end]) })
	return out
}
