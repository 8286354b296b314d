package analysis

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// tokenDiff describes how two token streams differ, or "" when they are
// the same.
func tokenDiff(got, want analysis.TokenStream) string {
	show := func(ts analysis.TokenStream) string {
		var b strings.Builder
		for _, t := range ts {
			fmt.Fprintf(&b, "%q@%d-%d#%d/%d ", t.Term, t.Start, t.End, t.Position, t.Type)
		}
		return b.String()
	}
	if g, w := show(got), show(want); g != w {
		return "got  " + g + "\nwant " + w
	}
	return ""
}

func TestWordTokenizerMatchesUnicode(t *testing.T) {
	for _, in := range []string{
		"", " ", "The DB failed at 09:14 UTC.",
		"example.com api.v2 don't team's a:b 10:30 1,000.50 3.14.15 v1.2.3",
		"a..b a.1 1.a a_.b a._b _ __ _x x_ _1_ a1b2 1a 12a.b",
		"http://example.com/path?q=1&r=2#frag",
		"tabs\tand\nnewlines\r\nand\v\fform feeds",
		"café — naïve “quotes” … 東京 タワー ß",
		"mixed ascii then é then ascii.word",
		"trailing mid. and 'quote' and a'",
		strings.Repeat("word ", 500),
	} {
		t.Run(in[:min(len(in), 20)], func(t *testing.T) {
			if d := tokenDiff(wordTokenizer{}.Tokenize([]byte(in)), (&unicode.UnicodeTokenizer{}).Tokenize([]byte(in))); d != "" {
				t.Errorf("%q:\n%s", in, d)
			}
		})
	}
}

// TestWordTokenizerRandom compares the two tokenizers on random strings
// over the characters word boundaries turn on.
func TestWordTokenizerRandom(t *testing.T) {
	alphabet := []string{"a", "Z", "0", "9", "_", ".", ",", ";", ":", "'", " ", "\t", "\n", "-", "é", "\u0301", "東", "’", "\"", "/"}
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	var b strings.Builder
	for range n {
		b.Reset()
		for range 1 + r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		in := b.String()
		if d := tokenDiff(wordTokenizer{}.Tokenize([]byte(in)), (&unicode.UnicodeTokenizer{}).Tokenize([]byte(in))); d != "" {
			t.Fatalf("%q:\n%s", in, d)
		}
	}
}

// FuzzWordTokenizer checks that wordTokenizer splits every input exactly
// as bleve's unicode tokenizer does.
func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{"a.b 1,2 x_y", "don't 10:30", "é.a a.é", "\u0301abc \u0301", "a'\u0301b", "1\u00a02"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if d := tokenDiff(wordTokenizer{}.Tokenize([]byte(in)), (&unicode.UnicodeTokenizer{}).Tokenize([]byte(in))); d != "" {
			t.Fatalf("%q:\n%s", in, d)
		}
	})
}

func BenchmarkWordTokenizer(b *testing.B) {
	text := []byte(strings.Repeat("The primary database ran out of connections at 09:14 UTC; api.example.com returned 502s for 1,250 requests. ", 40))
	for _, bc := range []struct {
		name string
		tok  analysis.Tokenizer
	}{{"words", wordTokenizer{}}, {"unicode", &unicode.UnicodeTokenizer{}}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				bc.tok.Tokenize(text)
			}
		})
	}
}
