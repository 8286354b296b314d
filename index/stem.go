package index

import (
	"bytes"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// stemmerName is the registered name of stemFilter.
const stemmerName = "hindsight_porter"

// maxStems bounds the stems a stemFilter remembers (a few MiB).
const maxStems = 1 << 16

func init() {
	if err := registry.RegisterTokenFilter(stemmerName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return newStemFilter(), nil
	}); err != nil {
		panic(err)
	}
}

// stemFilter is bleve's Porter stemmer with a memory: text repeats a small
// working vocabulary (Zipf's law), so most words have been stemmed
// before, and a map lookup is several times cheaper than the stemmer's
// conversion to runes and back. It stems exactly as bleve's
// stemmer_porter does (TestStemFilterMatchesPorter). The first maxStems
// distinct words are remembered; later ones are stemmed every time. It is
// safe for concurrent use: bleve analyses documents on several
// goroutines.
type stemFilter struct {
	mu    sync.RWMutex
	stems map[string][]byte
}

func newStemFilter() *stemFilter { return &stemFilter{stems: map[string][]byte{}} }

// Filter stems every token that is not a protected keyword.
func (s *stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		if token.KeyWord {
			continue
		}
		s.mu.RLock()
		stem, ok := s.stems[string(token.Term)]
		full := len(s.stems) >= maxStems
		s.mu.RUnlock()
		if !ok {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(token.Term)))
			if !full {
				s.mu.Lock()
				s.stems[string(token.Term)] = stem
				s.mu.Unlock()
			}
		}
		// Each token gets its own copy: later stages may keep or change it.
		token.Term = append(token.Term[:0:0], stem...)
	}
	return input
}
