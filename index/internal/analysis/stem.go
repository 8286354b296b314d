package analysis

import (
	"bytes"
	"hash/maphash"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// StemmerName is the registered name of stemFilter.
const StemmerName = "hindsight_porter"

// stemSlots is how many words a stemFilter remembers (a power of two;
// about 2 MiB).
const stemSlots = 1 << 15

func init() {
	if err := registry.RegisterTokenFilter(StemmerName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return newStemFilter(), nil
	}); err != nil {
		panic(err)
	}
}

// stemFilter is bleve's Porter stemmer with a memory: text repeats a small
// working vocabulary (Zipf's law), so most words have been stemmed
// before, and a lookup is several times cheaper than the stemmer's
// conversion to runes and back. It stems exactly as bleve's
// stemmer_porter does (TestStemFilterMatchesPorter).
//
// The memory is direct-mapped: a word's hash picks one slot, which holds
// the last word stemmed there. Lookups take no lock (bleve analyses
// documents on several goroutines) and a new word simply replaces an old
// one, so the memory stays bounded.
type stemFilter struct {
	seed  maphash.Seed
	slots [stemSlots]atomic.Pointer[stemEntry]
}

// stemEntry is one remembered word and its stem.
type stemEntry struct {
	word string
	stem []byte
}

func newStemFilter() *stemFilter { return &stemFilter{seed: maphash.MakeSeed()} }

// Filter stems every token that is not a protected keyword. A stem is
// never longer than its word, so it is written over the token's own bytes,
// as the lower-case filter does; tokens never share the remembered bytes.
func (s *stemFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		if token.KeyWord {
			continue
		}
		slot := &s.slots[maphash.Bytes(s.seed, token.Term)&(stemSlots-1)]
		var stem []byte
		if e := slot.Load(); e != nil && e.word == string(token.Term) {
			stem = e.stem
		} else {
			stem = analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(token.Term)))
			slot.Store(&stemEntry{word: string(token.Term), stem: stem})
		}
		if len(stem) <= len(token.Term) {
			token.Term = token.Term[:copy(token.Term, stem)]
		} else {
			token.Term = append([]byte(nil), stem...)
		}
	}
	return input
}
