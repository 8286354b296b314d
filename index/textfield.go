package index

import (
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// textField is the _text field of a document: every word of its text
// fields with its total frequency, and no positions. It holds no text of
// its own. Analyze runs after the fields it sums (it is added to the
// document last, and scorch analyses a document's fields in order), so it
// reuses their analysis. bleve's composite fields do the same but copy
// every token position into the composite, which cost a quarter of
// indexing time for positions _text never stores.
type textField struct {
	sources []document.Field
	length  int
	freqs   bindex.TokenFrequencies
}

// newTextField sums the fields of doc named in names.
func newTextField(doc *document.Document, names []string) *textField {
	f := &textField{}
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

func (f *textField) Name() string                         { return fText }
func (f *textField) ArrayPositions() []uint64             { return nil }
func (f *textField) Options() bindex.FieldIndexingOptions { return bindex.IndexField }
func (f *textField) Value() []byte                        { return nil }
func (f *textField) NumPlainTextBytes() uint64            { return 0 }
func (f *textField) EncodedFieldType() byte               { return 't' }
func (f *textField) AnalyzedLength() int                  { return f.length }

func (f *textField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// Size estimates the memory the field holds, for bleve's accounting.
func (f *textField) Size() int { return 64 + len(f.freqs)*48 }

// Analyze sums the source fields' analysed terms.
func (f *textField) Analyze() {
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
