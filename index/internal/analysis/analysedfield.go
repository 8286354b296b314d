package analysis

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// AnalysedField is a bleve text field whose analysis Hindsight does: the
// same tokens, frequencies and term locations as document.TextField's,
// built with a handful of allocations per field. bleve's TokenFrequency
// allocates a record per distinct term and grows each term's location
// list one token at a time, which made it a quarter of the bytes
// allocated while indexing; here the records and the location lists are
// cut from shared arrays. TestAnalysedFieldMatchesBleve compares the two.
type AnalysedField struct {
	*document.TextField
	length int
	freqs  bindex.TokenFrequencies
	size   int
}

// Analyze runs the field's analyzer over its value.
func (f *AnalysedField) Analyze() {
	a := f.Analyzer()
	if a == nil {
		f.TextField.Analyze()
		f.freqs, f.length = f.TextField.AnalyzedTokenFrequencies(), f.TextField.AnalyzedLength()
		f.size = f.TextField.Size()
		return
	}
	value := f.Value()
	if f.Options().IsStored() {
		// Token filters change terms in place: keep the stored value.
		value = append([]byte(nil), value...)
	}
	tokens := a.Analyze(value)
	f.length = len(tokens)
	f.freqs = tokenFrequencies(tokens, f.ArrayPositions(), f.Options())
	f.size = 64 + len(f.Value()) + len(f.freqs)*64 + len(tokens)*48
}

// AnalyzedLength is the number of tokens.
func (f *AnalysedField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies are the terms with their frequencies and, with
// term vectors, locations.
func (f *AnalysedField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds, for bleve's accounting
// (bleve's walks every location).
func (f *AnalysedField) Size() int {
	if f.freqs == nil {
		return f.TextField.Size()
	}
	return f.size
}

// tokenFrequencies is analysis.TokenFrequency with shared backing arrays:
// one pass finds the distinct terms and counts their tokens, keeping the
// records in chunks (a full chunk is left in place, so pointers to its
// records stay valid), then the location lists are cut from one array.
func tokenFrequencies(tokens analysis.TokenStream, arrayPositions []uint64, opts bindex.FieldIndexingOptions) bindex.TokenFrequencies {
	if len(tokens) == 1 {
		// Keyword fields: one term, built directly.
		t := tokens[0]
		tf := &bindex.TokenFreq{Term: t.Term}
		if !opts.SkipFreqNorm() {
			tf.SetFrequency(1)
		}
		if opts.IncludeTermVectors() {
			tf.Locations = []*bindex.TokenLocation{{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}}
		}
		return bindex.TokenFrequencies{string(t.Term): tf}
	}
	hint := len(tokens)/2 + 1
	rv := make(bindex.TokenFrequencies, hint)
	chunks := [][]bindex.TokenFreq{make([]bindex.TokenFreq, 0, hint)}
	of := make([]*bindex.TokenFreq, len(tokens)) // each token's record
	for i, t := range tokens {
		tf, ok := rv[string(t.Term)]
		if !ok {
			c := &chunks[len(chunks)-1]
			if len(*c) == cap(*c) {
				chunks = append(chunks, make([]bindex.TokenFreq, 0, max(16, len(tokens)-i)))
				c = &chunks[len(chunks)-1]
			}
			*c = append(*c, bindex.TokenFreq{Term: t.Term})
			tf = &(*c)[len(*c)-1]
			rv[string(t.Term)] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
		of[i] = tf
	}
	if opts.IncludeTermVectors() {
		locs := make([]bindex.TokenLocation, len(tokens))
		ptrs := make([]*bindex.TokenLocation, len(tokens))
		off := 0
		for _, c := range chunks {
			for j := range c {
				n := c[j].Frequency()
				c[j].Locations = ptrs[off:off:(off + n)]
				off += n
			}
		}
		for i, t := range tokens {
			locs[i] = bindex.TokenLocation{ArrayPositions: arrayPositions, Start: t.Start, End: t.End, Position: t.Position}
			of[i].Locations = append(of[i].Locations, &locs[i])
		}
	}
	if opts.SkipFreqNorm() {
		for _, c := range chunks {
			for j := range c {
				c[j].SetFrequency(0)
			}
		}
	}
	return rv
}
