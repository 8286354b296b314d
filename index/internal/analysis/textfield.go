package analysis

import (
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// SumField is a document's _text field: every word of its text
// fields with its total frequency, and no positions. It holds no text of
// its own. Analyze runs after the fields it sums (it is added to the
// document last, and scorch analyses a document's fields in order), so it
// reuses their analysis. bleve's composite fields do the same but copy
// every token position into the composite, which cost a quarter of
// indexing time for positions _text never stores.
type SumField struct {
	name    string
	sources []document.Field
	length  int
	freqs   bindex.TokenFrequencies
}

// NewSumField returns the field called name that sums the fields of doc
// named in names.
func NewSumField(doc *document.Document, name string, names []string) *SumField {
	f := &SumField{name: name}
	for _, df := range doc.Fields {
		for _, n := range names {
			if df.Name() == n {
				f.sources = append(f.sources, df)
				break
			}
		}
	}
	return f
}

// Name is the field's name.
func (f *SumField) Name() string { return f.name }

// ArrayPositions is nil: the field is not part of an array.
func (f *SumField) ArrayPositions() []uint64 { return nil }

// Options says the field is indexed only: not stored, no term vectors.
func (f *SumField) Options() bindex.FieldIndexingOptions { return bindex.IndexField }

// Value is nil: the field holds no text of its own.
func (f *SumField) Value() []byte { return nil }

// NumPlainTextBytes is 0, for the same reason.
func (f *SumField) NumPlainTextBytes() uint64 { return 0 }

// EncodedFieldType is 't', a text field.
func (f *SumField) EncodedFieldType() byte { return 't' }

// AnalyzedLength is the number of tokens of the summed fields.
func (f *SumField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies are the summed terms and frequencies.
func (f *SumField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds, for bleve's accounting.
func (f *SumField) Size() int { return 64 + len(f.freqs)*48 }

// Analyze sums the source fields' analysed terms.
func (f *SumField) Analyze() {
	n := 0
	for _, s := range f.sources {
		n += len(s.AnalyzedTokenFrequencies())
	}
	f.freqs = make(bindex.TokenFrequencies, n)
	recs := make([]bindex.TokenFreq, 0, n) // never grows: n bounds the terms
	f.length = 0
	for _, s := range f.sources {
		f.length += s.AnalyzedLength()
		for term, tf := range s.AnalyzedTokenFrequencies() {
			if have, ok := f.freqs[term]; ok {
				have.SetFrequency(have.Frequency() + tf.Frequency())
				continue
			}
			recs = append(recs, bindex.TokenFreq{Term: tf.Term})
			nf := &recs[len(recs)-1]
			nf.SetFrequency(tf.Frequency())
			f.freqs[term] = nf
		}
	}
}
