package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

// rankingQueries reads testdata/queries.txt.
func rankingQueries(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return append(qs, "") // everything, newest first
}

// rankingCorpus is the fixtures plus synthetic records, some of them
// exact copies under other ids (they tie on every score) and some
// without a date.
func rankingCorpus(t *testing.T) []corpus.Record {
	recs := loadFixtures(t)
	recs = append(recs, genCorpus(300, 11)...)
	n := len(recs)
	for i := 0; i < n; i += 7 {
		c := recs[i]
		c.ID += "-twin"
		c.Source += ".twin"
		recs = append(recs, c)
	}
	for i := 3; i < len(recs); i += 29 {
		recs[i].Date, recs[i].StartedAt = "", nil
	}
	return recs
}

// rankings runs every query in every order, pages through each, and
// lists similar incidents and action items: the whole answer of the index
// as one text.
func rankings(t *testing.T, ix *Index, queries []string, recs []corpus.Record) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, q := range queries {
		for _, by := range []string{"", SortRelevance, SortNewest, SortOldest, SortLongest} {
			if q == "" && by == SortRelevance {
				continue
			}
			fmt.Fprintf(&b, "search %q %s:", q, by)
			for page := 1; ; page++ {
				r, err := ix.Search(ctx, Request{Query: q, Sort: by, Page: page, PageSize: 7})
				if err != nil {
					t.Fatalf("search %q: %v", q, err)
				}
				for _, h := range r.Hits {
					fmt.Fprintf(&b, " %s", h.ID)
				}
				if page >= r.Pages || page >= 6 {
					break
				}
			}
			b.WriteString("\n")
		}
		open := true
		a, err := ix.Actions(ctx, ActionsRequest{Query: q, Open: &open, PageSize: 100})
		if err != nil {
			t.Fatalf("actions %q: %v", q, err)
		}
		fmt.Fprintf(&b, "actions %q:", q)
		for _, it := range a.Items {
			fmt.Fprintf(&b, " %s/%s", it.ID, it.Item.Text)
		}
		b.WriteString("\n")
	}
	for i := 0; i < len(recs); i += 5 {
		s, err := ix.Similar(ctx, recs[i].ID, 10)
		if err != nil {
			t.Fatalf("similar %s: %v", recs[i].ID, err)
		}
		fmt.Fprintf(&b, "similar %s:", recs[i].ID)
		for _, h := range s.Similar {
			fmt.Fprintf(&b, " %s", h.ID)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// writeBatches writes recs into a new index at dir in batches of size,
// in the given order, and closes it.
func writeBatches(t *testing.T, dir string, recs []corpus.Record, size int) {
	t.Helper()
	ix, err := Open(dir, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(recs); i += size {
		if err := ix.Put(context.Background(), recs[i:min(i+size, len(recs))]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRankingIndependentOfLayout builds the same corpus three ways (one
// batch; small batches in reverse order; and half of it, closed as an
// interrupted build would leave it, then resumed by writing everything
// again) and requires identical whole result lists, ties included, for
// every query, sort, page, similar list and action list.
func TestRankingIndependentOfLayout(t *testing.T) {
	recs := rankingCorpus(t)
	queries := rankingQueries(t)
	rev := slices.Clone(recs)
	slices.Reverse(rev)
	builds := []struct {
		name  string
		build func(dir string)
	}{
		{"one batch", func(dir string) { writeBatches(t, dir, recs, len(recs)) }},
		{"reversed in batches of 9", func(dir string) { writeBatches(t, dir, rev, 9) }},
		{"interrupted then resumed", func(dir string) {
			writeBatches(t, dir, rev[:len(rev)/2], 13)
			writeBatches(t, dir, recs, 50)
		}},
	}
	var want string
	for i, bd := range builds {
		t.Run(bd.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "idx")
			bd.build(dir)
			ix, err := Open(dir, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			got := rankings(t, ix, queries, recs)
			if i == 0 {
				want = got
				return
			}
			if got != want {
				gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
				for j := range min(len(gl), len(wl)) {
					if gl[j] != wl[j] {
						t.Fatalf("differs from a clean build in one batch:\n got %.400s\nwant %.400s", gl[j], wl[j])
					}
				}
				t.Fatalf("differs from a clean build: %d lines, want %d", len(gl), len(wl))
			}
		})
	}
}
