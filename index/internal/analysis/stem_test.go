package analysis

import (
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// TestStemFilterMatchesPorter checks that the remembering stemmer stems
// as bleve's does, the first time and from memory, also from several
// goroutines at once.
func TestStemFilterMatchesPorter(t *testing.T) {
	words := strings.Fields("relational conditional happy happiness policies hoping hopping running runs ran " +
		"databases database timeouts timed certificates expired expiring caresses ponies ties caress cats " +
		"agreed plastered motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing " +
		"happy sky triplicate formative formalize electriciti electrical hopeful goodness revival allowance inference " +
		"airliner gyroscopic adjustable defensible irritant replacement adjustment dependent adoption homologou " +
		"communism activate angulariti homologous effective bowdlerize probate rate cease controll roll 502 k8s é café naïve")
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range 2 + r.IntN(10) {
			b.WriteByte("abcdefghijklmnopqrstuvwxyzeeiiouy"[r.IntN(33)])
		}
		words = append(words, b.String())
	}
	stream := func() analysis.TokenStream {
		var ts analysis.TokenStream
		for _, w := range words {
			ts = append(ts, &analysis.Token{Term: []byte(w)})
		}
		return ts
	}
	want := porter.NewPorterStemmer().Filter(stream())
	s := newStemFilter()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for pass := range 2 { // the second pass stems from memory
				got := s.Filter(stream())
				for i := range got {
					if string(got[i].Term) != string(want[i].Term) {
						t.Errorf("pass %d: %q stems to %q, want %q", pass, words[i], got[i].Term, want[i].Term)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	remembered := 0
	for i := range s.slots {
		if e := s.slots[i].Load(); e != nil {
			remembered++
			if want := porter.NewPorterStemmer().Filter(analysis.TokenStream{{Term: []byte(e.word)}}); string(want[0].Term) != string(e.stem) {
				t.Errorf("remembers %q as %q, want %q", e.word, e.stem, want[0].Term)
			}
		}
	}
	if remembered == 0 {
		t.Error("no stems remembered")
	}
	// Tokens never share the remembered bytes.
	a, b := s.Filter(stream()), s.Filter(stream())
	a[0].Term[0] = 'X'
	if b[0].Term[0] == 'X' {
		t.Error("two tokens share one stem's bytes")
	}
}
