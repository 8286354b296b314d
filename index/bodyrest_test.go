package index

import (
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

// bodyRestByStrings is bodyRest as first written, one string per cut:
// the reference the in-place version must agree with.
func bodyRestByStrings(r *corpus.Record) string {
	body := r.Body
	for _, s := range sectionTexts(r) {
		if i := strings.Index(body, s); i >= 0 {
			body = body[:i] + "\n" + body[i+len(s):]
		}
	}
	return body
}

func TestBodyRest(t *testing.T) {
	recs := append(loadFixtures(t), genCorpus(300, 4)...)
	cut := 0
	for i := range recs {
		r := &recs[i]
		got, want := bodyRest(r), bodyRestByStrings(r)
		if got != want {
			t.Fatalf("%s: bodyRest differs from the reference:\n got %q\nwant %q", r.ID, got, want)
		}
		if len(got) < len(r.Body) {
			cut++
		}
	}
	if cut == 0 {
		t.Fatal("no record had any section cut from its body")
	}
	// A section repeated in the body is cut once, where it first occurs.
	r := &corpus.Record{Body: "intro. The disk filled up. middle. The disk filled up. end", RootCause: "The disk filled up."}
	if got := bodyRest(r); got != "intro. \n middle. The disk filled up. end" {
		t.Errorf("repeated section: %q", got)
	}
}
