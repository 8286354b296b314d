package index

import (
	"bytes"
	"sync"
	"sync/atomic"

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
// goroutines, and a sync.Map's lookups of known words share no lock
// between them.
type stemFilter struct {
	stems sync.Map // string -> []byte
	n     atomic.Int64
}

func newStemFilter() *stemFilter { return &stemFilter{} }

// Filter stems every token that is not a protected keyword.
func (s *stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		if token.KeyWord {
			continue
		}
		var stem []byte
		if v, ok := s.stems.Load(string(token.Term)); ok {
			stem = v.([]byte)
		} else {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(token.Term)))
			if s.n.Load() < maxStems {
				if _, loaded := s.stems.LoadOrStore(string(token.Term), stem); !loaded {
					s.n.Add(1)
				}
			}
		}
		// Each token gets its own copy: later stages may keep or change it.
		token.Term = append(token.Term[:0:0], stem...)
	}
	return input
}
