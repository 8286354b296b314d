package main

import (
	"bytes"
	"context"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustWorld(t testing.TB, seed uint64) *world {
	t.Helper()
	w, err := newWorld(seed)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	const n = 300
	a, b := t.TempDir(), t.TempDir()
	// Different worker counts must not change a byte.
	for _, run := range []struct {
		dir     string
		workers int
	}{{a, 1}, {b, 4}} {
		ents, _, err := generateCorpus(context.Background(), mustWorld(t, 7), n, run.workers, run.dir, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeManifest(run.dir, ents); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != n+1 {
		t.Fatalf("got %d files, want %d documents and a manifest", len(ta), n)
	}
	for p, da := range ta {
		if db, ok := tb[p]; !ok || !bytes.Equal(da, db) {
			t.Fatalf("%s differs between runs", p)
		}
	}
	// Another seed gives another corpus.
	other := mustWorld(t, 8).generate(0)
	if same := mustWorld(t, 7).generate(0); bytes.Equal(same.data, other.data) {
		t.Fatal("seeds 7 and 8 generated the same first document")
	}
}

func TestGenerateMix(t *testing.T) {
	const n = 4000
	ents, st, err := generateCorpus(context.Background(), mustWorld(t, 1), n, 2, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != n || len(ents) != n {
		t.Fatalf("got %d documents, want %d", st.Docs, n)
	}
	t.Run("formats", func(t *testing.T) {
		tot := 0
		for _, w := range formatWeights {
			tot += w
		}
		for i, f := range formatNames {
			want := float64(formatWeights[i]) / float64(tot)
			got := float64(st.Formats[f]) / n
			// Binomial standard deviation at n=4000 is below 0.8 points.
			if math.Abs(got-want) > 0.03 {
				t.Errorf("format %s: %.3f of documents, want %.3f", f, got, want)
			}
		}
	})
	t.Run("categories", func(t *testing.T) {
		for _, c := range causes {
			if st.Categories[c.name] == 0 {
				t.Errorf("no document of category %s", c.name)
			}
		}
		if st.Categories["config-change"] <= st.Categories["network"] || st.Categories["deploy"] <= st.Categories["time"] {
			t.Errorf("category skew lost: %v", st.Categories)
		}
	})
	t.Run("sizes", func(t *testing.T) {
		if st.SizeMin < 1000 || st.SizeMax > 20*1024 {
			t.Errorf("sizes span %d..%d bytes, want within 1-20 KB", st.SizeMin, st.SizeMax)
		}
		if st.SizeMedian < 3500 || st.SizeMedian > 5500 {
			t.Errorf("median size %d, want about 4-5 KB", st.SizeMedian)
		}
		if st.SizeP90 < st.SizeMedian*3/2 {
			t.Errorf("p90 %d too close to median %d: want a long tail", st.SizeP90, st.SizeMedian)
		}
	})
	t.Run("organisations", func(t *testing.T) {
		orgs := map[string]int{}
		years := map[string]int{}
		for _, e := range ents {
			orgs[e.Organization]++
			years[e.Date[:4]]++
		}
		if len(orgs) < 40 {
			t.Errorf("%d organisations, want dozens", len(orgs))
		}
		if len(years) != 8 {
			t.Errorf("years %v, want eight", years)
		}
	})
	t.Run("paths", func(t *testing.T) {
		seen := map[string]bool{}
		dirs := map[string]int{}
		for _, e := range ents {
			if seen[e.Path] {
				t.Fatalf("duplicate path %s", e.Path)
			}
			seen[e.Path] = true
			dirs[filepath.Dir(e.Path)]++
			if strings.Count(e.Path, "/") != 2 {
				t.Fatalf("path %s not under org/year/", e.Path)
			}
		}
		for d, c := range dirs {
			if c > n/5 {
				t.Errorf("folder %s holds %d of %d documents", d, c, n)
			}
		}
	})
}

func TestVocabularyGrows(t *testing.T) {
	w := mustWorld(t, 3)
	set := map[string]struct{}{}
	var sizes []int
	for i := range 2000 {
		countTerms(w.generate(i).data, set)
		if i == 199 || i == 1999 {
			sizes = append(sizes, len(set))
		}
	}
	// Heaps' law: ten times the text should give clearly more, but far
	// fewer than ten times the distinct terms.
	ratio := float64(sizes[1]) / float64(sizes[0])
	if ratio < 2 || ratio > 8 {
		t.Errorf("distinct terms %v: ratio %.2f, want sub-linear growth between 2 and 8", sizes, ratio)
	}
	if sizes[0] < 3000 {
		t.Errorf("only %d distinct terms in 200 documents", sizes[0])
	}
}

func TestHumanDuration(t *testing.T) {
	for _, tc := range []struct {
		m          int
		long, shrt string
	}{
		{5, "5 minutes", "5m"},
		{60, "1 hour", "1h"},
		{125, "2 hours and 5 minutes", "2h 5m"},
		{1441, "1 day and 1 minute", "1d 1m"},
		{2*1440 + 61, "2 days, 1 hour and 1 minute", "2d 1h 1m"},
	} {
		t.Run(tc.shrt, func(t *testing.T) {
			if got := humanDuration(tc.m, true); got != tc.long {
				t.Errorf("long %d = %q, want %q", tc.m, got, tc.long)
			}
			if got := humanDuration(tc.m, false); got != tc.shrt {
				t.Errorf("short %d = %q, want %q", tc.m, got, tc.shrt)
			}
		})
	}
}
