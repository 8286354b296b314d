package analysis

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName is the registered name of wordTokenizer.
const TokenizerName = "hindsight_words"

func init() {
	// bleve finds tokenizers by name in its registry: the mapping names
	// this one. Registering is what every bleve tokenizer does at init.
	if err := registry.RegisterTokenizer(TokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// wordTokenizer splits text into words exactly as bleve's unicode
// tokenizer does (Unicode word boundaries, UAX #29, as the segment
// library implements them), but reads runs of ASCII itself: the segment
// library's state machine was a tenth of indexing time, and postmortems
// are mostly ASCII. Text is cut at ASCII whitespace, which always ends a
// word; a piece holding any other byte goes to the unicode tokenizer,
// whose tokens are shifted into place (text that is not valid UTF-8 goes
// to it whole). FuzzWordTokenizer checks that the
// two tokenizers agree on every input.
type wordTokenizer struct{}

// Word classes of ASCII bytes.
const (
	clsOther byte = iota
	clsSpace
	clsLetter
	clsDigit
	clsUnder
	clsNonASCII
)

// asciiClass classifies every byte; bytes >= 0x80 are clsNonASCII.
var asciiClass = func() (t [256]byte) {
	for c := range t {
		switch {
		case c >= 0x80:
			t[c] = clsNonASCII
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = clsLetter
		case c >= '0' && c <= '9':
			t[c] = clsDigit
		case c == '_':
			t[c] = clsUnder
		case c == ' ', c == '\t', c == '\n', c == '\r', c == '\v', c == '\f':
			t[c] = clsSpace
		}
	}
	return t
}()

// IsWordByte reports whether the ASCII byte c is part of a word as the
// tokenizer classes it: a letter, a digit or the underscore.
func IsWordByte(c byte) bool {
	k := asciiClass[c]
	return k == clsLetter || k == clsDigit || k == clsUnder
}

// IsJoiner reports whether c between two word characters can keep them
// one word: the tokenizer's mid characters (example.com, don't, 1,000),
// without its rule that both sides be letters or both digits.
func IsJoiner(c byte) bool { return midLetter(c) || midNum(c) }

// midLetter joins two letters (UAX #29 MidLetter, MidNumLet and
// Single_Quote): example.com, don't, a:b.
func midLetter(c byte) bool { return c == ':' || c == '.' || c == '\'' }

// midNum joins two digits (MidNum, MidNumLet and Single_Quote): 1,000.5.
func midNum(c byte) bool { return c == ',' || c == ';' || c == '.' || c == '\'' }

// Tokenize returns the words of input with their byte offsets and
// positions (1, 2, …), as unicode.UnicodeTokenizer would.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	if !utf8.Valid(input) {
		// The segment library's handling of invalid bytes depends on
		// what surrounds them: give it the whole text.
		return (&unicode.UnicodeTokenizer{}).Tokenize(input)
	}
	rv := make(analysis.TokenStream, 0, len(input)/6+1)
	slab := make([]analysis.Token, 0, len(input)/6+1)
	pos := 1
	emit := func(t analysis.Token) {
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, max(16, (len(input)-t.End)/6+1))
		}
		t.Position = pos
		pos++
		slab = append(slab, t)
		rv = append(rv, &slab[len(slab)-1])
	}
	i := 0
	for i < len(input) {
		// One piece: up to the next ASCII whitespace.
		for i < len(input) && asciiClass[input[i]] == clsSpace {
			i++
		}
		start := i
		ascii := true
		for i < len(input) && asciiClass[input[i]] != clsSpace {
			ascii = ascii && input[i] < 0x80
			i++
		}
		if start == i {
			break
		}
		if ascii {
			asciiWords(input, start, i, emit)
			continue
		}
		for _, t := range (&unicode.UnicodeTokenizer{}).Tokenize(input[start:i]) {
			tok := *t
			tok.Start += start
			tok.End += start
			emit(tok)
		}
	}
	return rv
}

// asciiWords emits the words of input[from:to], which is ASCII without
// whitespace. A word is a run of letters, digits and underscores, where a
// single mid character may join two letters or two digits; it is numeric
// when it holds digits (and underscores and mid characters) only.
func asciiWords(input []byte, from, to int, emit func(analysis.Token)) {
	i := from
	for i < to {
		c := asciiClass[input[i]]
		if c != clsLetter && c != clsDigit && c != clsUnder {
			i++
			continue
		}
		start := i
		letters := false
		digits := false
		for i < to {
			c = asciiClass[input[i]]
			switch c {
			case clsLetter:
				letters = true
				i++
				continue
			case clsDigit:
				digits = true
				i++
				continue
			case clsUnder:
				i++
				continue
			}
			// A mid character joins when it sits between two letters or
			// two digits.
			if i > start && i+1 < to {
				prev, next := asciiClass[input[i-1]], asciiClass[input[i+1]]
				if prev == clsLetter && next == clsLetter && midLetter(input[i]) ||
					prev == clsDigit && next == clsDigit && midNum(input[i]) {
					i++
					continue
				}
			}
			break
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		emit(analysis.Token{Term: input[start:i], Start: start, End: i, Type: typ})
	}
}
