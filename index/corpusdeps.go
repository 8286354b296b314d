package index

import "github.com/hindsight-kb/hindsight/corpus"

// defaultTaxonomy stands in until the tagger's corpus.DefaultTaxonomy
// lands on main: the 16 category names, without descriptions.
func defaultTaxonomy() *corpus.Taxonomy {
	t := &corpus.Taxonomy{}
	for _, n := range corpusCategoryNames {
		t.Categories = append(t.Categories, corpus.CategoryDef{Name: n})
	}
	return t
}
