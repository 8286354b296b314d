package analysis

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Side-by-side benchmarks: each of this package's pieces against the
// bleve component it replaces, on the same input. BenchmarkWordTokenizer
// (tokenizer_test.go) does the tokenizer.

// benchText is a few kilobytes of postmortem-like text.
var benchText = strings.Repeat(strings.Join(sampleTexts[:4], " ")+" ", 8)

// BenchmarkStemmer stems the words of benchText: the remembering stemmer
// against bleve's stemmer_porter. Each round stems fresh copies of the
// tokens, since both filters stem in place.
func BenchmarkStemmer(b *testing.B) {
	words := strings.Fields(strings.ToLower(benchText))
	for _, bc := range []struct {
		name   string
		filter analysis.TokenFilter
	}{{"hindsight", newStemFilter()}, {"bleve_porter", porter.NewPorterStemmer()}} {
		b.Run(bc.name, func(b *testing.B) {
			tokens := make(analysis.TokenStream, len(words))
			buf := make([]byte, 0, len(benchText))
			for b.Loop() {
				buf = buf[:0]
				for i, w := range words {
					start := len(buf)
					buf = append(buf, w...)
					tokens[i] = &analysis.Token{Term: buf[start:len(buf):len(buf)], Type: analysis.AlphaNumeric}
				}
				bc.filter.Filter(tokens)
			}
		})
	}
}

// BenchmarkFieldAnalysis analyses one text field with term vectors:
// AnalysedField against bleve's document.TextField.
func BenchmarkFieldAnalysis(b *testing.B) {
	a := testAnalyzer(b)
	value := []byte(benchText)
	opts := bindex.IndexField | bindex.IncludeTermVectors
	b.Run("hindsight", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := &AnalysedField{TextField: document.NewTextFieldCustom("body", nil, value, opts, a)}
			f.Analyze()
		}
	})
	b.Run("bleve_textfield", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f := document.NewTextFieldCustom("body", nil, value, opts, a)
			f.Analyze()
		}
	})
}

// BenchmarkSumField sums four analysed fields into _text: SumField
// against bleve's composite field, which also copies every location.
func BenchmarkSumField(b *testing.B) {
	a := testAnalyzer(b)
	doc := document.NewDocument("x")
	var names []string
	for i, text := range sampleTexts[:4] {
		name := string(rune('a' + i))
		names = append(names, name)
		f := &AnalysedField{TextField: document.NewTextFieldCustom(name, nil, []byte(strings.Repeat(text+" ", 8)), bindex.IndexField|bindex.IncludeTermVectors, a)}
		f.Analyze()
		doc.AddField(f)
	}
	b.Run("hindsight", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewSumField(doc, "_text", names).Analyze()
		}
	})
	b.Run("bleve_composite", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			c := document.NewCompositeFieldWithIndexingOptions("_text", false, names, nil, bindex.IndexField)
			for _, f := range doc.Fields {
				c.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
			}
		}
	})
}

// TestSumFieldMatchesComposite checks that SumField's terms and
// frequencies are the composite field's.
func TestSumFieldMatchesComposite(t *testing.T) {
	a := testAnalyzer(t)
	doc := document.NewDocument("x")
	names := []string{"a", "b", "c"}
	for i, text := range sampleTexts[:3] {
		f := &AnalysedField{TextField: document.NewTextFieldCustom(names[i], nil, []byte(text+" "+sampleTexts[4]), bindex.IndexField|bindex.IncludeTermVectors, a)}
		f.Analyze()
		doc.AddField(f)
	}
	other := &AnalysedField{TextField: document.NewTextFieldCustom("other", nil, []byte("unrelated words only here"), bindex.IndexField, a)}
	other.Analyze()
	doc.AddField(other)
	sum := NewSumField(doc, "_text", names)
	sum.Analyze()
	c := document.NewCompositeFieldWithIndexingOptions("_text", false, names, nil, bindex.IndexField)
	for _, f := range doc.Fields {
		c.Compose(f.Name(), f.AnalyzedLength(), f.AnalyzedTokenFrequencies())
	}
	if sum.Name() != "_text" || sum.AnalyzedLength() != c.AnalyzedLength() {
		t.Fatalf("name %q length %d, composite length %d", sum.Name(), sum.AnalyzedLength(), c.AnalyzedLength())
	}
	got, want := sum.AnalyzedTokenFrequencies(), c.AnalyzedTokenFrequencies()
	if len(got) != len(want) {
		t.Fatalf("%d terms, composite %d", len(got), len(want))
	}
	for term, w := range want {
		g, ok := got[term]
		if !ok || g.Frequency() != w.Frequency() || string(g.Term) != string(w.Term) {
			t.Errorf("term %q: got %+v, composite frequency %d", term, g, w.Frequency())
		}
	}
	if _, ok := got["unrelated"]; ok {
		t.Error("a field not named was summed")
	}
}
