package index

import "github.com/hindsight-kb/hindsight/corpus"

// defaultTaxonomy stands in until the tagger's corpus.DefaultTaxonomy
// lands on main.
func defaultTaxonomy() *corpus.Taxonomy { return &corpus.Taxonomy{} }
