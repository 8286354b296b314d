package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// freqsString renders token frequencies comparably: terms in order, each
// with its frequency and locations.
func freqsString(tfs bindex.TokenFrequencies) string {
	var keys []string
	for k := range tfs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		tf := tfs[k]
		fmt.Fprintf(&b, "%s=%q×%d[", k, tf.Term, tf.Frequency())
		for _, l := range tf.Locations {
			fmt.Fprintf(&b, "%s%v:%d-%d@%d ", l.Field, l.ArrayPositions, l.Start, l.End, l.Position)
		}
		b.WriteString("] ")
	}
	return b.String()
}

// TestAnalysedFieldMatchesBleve checks that AnalysedField gives the terms,
// frequencies and locations bleve's TextField gives, with and without
// term vectors, and leaves a stored value alone.
func TestAnalysedFieldMatchesBleve(t *testing.T) {
	analyzer := testAnalyzer(t)
	texts := []string{"", "Timeouts", "the", "DNS", "The Database database DATABASE timed out; the databases' timeouts were 30s.",
		"Café naïve — the DNS resolver's cache expired at 09:14 UTC (example.com)."}
	texts = append(texts, sampleTexts...)
	rnd := rand.New(rand.NewPCG(5, 6))
	words := strings.Fields("the disk was full and the database failed over to a replica after the deploy rollback")
	for range 50 {
		var b strings.Builder
		for range rnd.IntN(200) {
			b.WriteString(words[rnd.IntN(len(words))])
			b.WriteString(" ")
		}
		texts = append(texts, b.String())
	}
	opts := []bindex.FieldIndexingOptions{
		bindex.IndexField | bindex.StoreField | bindex.IncludeTermVectors,
		bindex.IndexField | bindex.IncludeTermVectors,
		bindex.IndexField,
		bindex.IndexField | bindex.SkipFreqNorm,
	}
	for i, text := range texts {
		for _, o := range opts {
			ap := []uint64{uint64(i % 3)}
			want := document.NewTextFieldCustom("f", ap, []byte(text), o, analyzer)
			want.Analyze()
			got := &AnalysedField{TextField: document.NewTextFieldCustom("f", ap, []byte(text), o, analyzer)}
			got.Analyze()
			if got.AnalyzedLength() != want.AnalyzedLength() {
				t.Fatalf("text %d, options %v: length %d, want %d", i, o, got.AnalyzedLength(), want.AnalyzedLength())
			}
			if g, w := freqsString(got.AnalyzedTokenFrequencies()), freqsString(want.AnalyzedTokenFrequencies()); g != w {
				t.Fatalf("text %d, options %v:\n got %s\nwant %s", i, o, g, w)
			}
			if o.IsStored() && string(got.Value()) != text {
				t.Fatalf("text %d: stored value changed to %q", i, got.Value())
			}
		}
	}
}
