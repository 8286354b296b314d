package index

import (
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2/document"

	textanalysis "github.com/hindsight-kb/hindsight/index/internal/analysis"
)

// TestTextDocumentAnalysesItsOwnFields checks that the documents Put
// indexes carry AnalysedFields, so the faster analysis is what runs.
func TestTextDocumentAnalysesItsOwnFields(t *testing.T) {
	ix := textAnalyzer(t)
	r := loadFixtures(t)[0]
	d, err := toDoc(&r)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := textDocument(ix.bi.Mapping(), r.ID, d)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range doc.Fields {
		if _, ok := f.(*textanalysis.AnalysedField); ok {
			n++
		}
		if tf, ok := f.(*document.TextField); ok && tf.Options().IsIndexed() {
			t.Errorf("%s is analysed by bleve", tf.Name())
		}
	}
	if n == 0 || !reflect.DeepEqual(doc.ID(), r.ID) {
		t.Errorf("%d analysed fields, id %q", n, doc.ID())
	}
}
