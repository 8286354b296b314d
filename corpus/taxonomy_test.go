package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// wantNames are the 16 standard categories, in taxonomy order.
var wantNames = []string{"config-change", "deploy", "capacity", "third-party", "network",
	"dns", "certificate", "database", "storage", "hardware", "software-bug", "security",
	"process", "monitoring", "time", "data-loss"}

func TestDefaultTaxonomy(t *testing.T) {
	tax := DefaultTaxonomy()
	if err := tax.Validate(); err != nil {
		t.Fatalf("embedded taxonomy is invalid: %v", err)
	}
	if got := tax.Names(); !slices.Equal(got, wantNames) {
		t.Fatalf("Names() = %v, want %v", got, wantNames)
	}
	for _, c := range tax.Categories {
		t.Run(c.Name, func(t *testing.T) {
			if len(c.Description) < 80 {
				t.Errorf("description too short for a Categories page: %q", c.Description)
			}
			if len(c.Rules) < 5 {
				t.Errorf("only %d rules", len(c.Rules))
			}
			if len(c.Aliases) < 3 {
				t.Errorf("only %d aliases", len(c.Aliases))
			}
			if name, ok := tax.Resolve(c.Name); !ok || name != c.Name {
				t.Errorf("Resolve(%q) = %q, %v", c.Name, name, ok)
			}
		})
	}
}

// TestDefaultRegexesAreFiltered checks that every regular expression of
// the default taxonomy has a selective literal prefilter, so that none
// runs over every document.
func TestDefaultRegexesAreFiltered(t *testing.T) {
	m := DefaultTaxonomy().compiled()
	for _, id := range m.regexes {
		r := m.rules[id]
		if len(r.lits) == 0 {
			t.Errorf("%s has no literal prefilter", r.desc)
		}
		for _, l := range r.lits {
			if len(strings.Trim(l, " ")) < 3 {
				t.Errorf("%s filters on %q, which is too common", r.desc, l)
			}
		}
	}
}

func TestDefaultTaxonomyIsACopy(t *testing.T) {
	a, b := DefaultTaxonomy(), DefaultTaxonomy()
	a.Categories[0].Name = "changed"
	a.Categories[0].Rules[0].Weight = 9
	a.Categories[0].Aliases[0] = "changed"
	if b.Categories[0].Name != "config-change" || b.Categories[0].Rules[0].Weight == 9 || b.Categories[0].Aliases[0] == "changed" {
		t.Fatal("DefaultTaxonomy copies share their definitions")
	}
	if c := DefaultTaxonomy(); c.Categories[0].Name != "config-change" {
		t.Fatal("modifying a copy changed the embedded taxonomy")
	}
}

func TestNilTaxonomyIsTheDefault(t *testing.T) {
	var tax *Taxonomy
	if got := tax.Names(); !slices.Equal(got, wantNames) {
		t.Errorf("Names() = %v", got)
	}
	if got := tax.Classify(ClassifyInput{RootCause: "The TLS certificate expired."}); len(got) == 0 || got[0].Name != "certificate" {
		t.Errorf("Classify = %v", names(got))
	}
	if n, ok := tax.Resolve("Config Change"); !ok || n != "config-change" {
		t.Errorf("Resolve = %q, %v", n, ok)
	}
	if _, ok := tax.Category("dns"); !ok {
		t.Error("Category(dns) not found")
	}
	if tax.Validate() == nil {
		t.Error("Validate() of nil = nil, want an error")
	}
}

func TestResolve(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, tc := range []struct{ in, want string }{
		{"config-change", "config-change"},
		{"Config Change", "config-change"},
		{"configuration", "config-change"},
		{"  CONFIG_CHANGE ", "config-change"},
		{"Misconfiguration", "config-change"},
		{"deployment", "deploy"},
		{"Bad Deploy", "deploy"},
		{"TLS", "certificate"},
		{"software_bug", "software-bug"},
		{"Bug", "software-bug"},
		{"third party", "third-party"},
		{"Human Error", "process"},
		{"DDoS", "security"},
		{"disk full", "storage"},
		{"NTP", "time"},
		{"data loss", "data-loss"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := tax.Resolve(tc.in)
			if !ok || got != tc.want {
				t.Errorf("Resolve(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
			}
		})
	}
	for _, in := range []string{"", "gremlins", "expired TLS certificate", "config change gone wrong"} {
		if got, ok := tax.Resolve(in); ok {
			t.Errorf("Resolve(%q) = %q, want no match", in, got)
		}
	}
}

func TestLoadTaxonomyTeamFile(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "taxonomy", "team.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tax, err := LoadTaxonomy(f)
	if err != nil {
		t.Fatalf("LoadTaxonomy: %v", err)
	}
	if got := tax.Names(); !slices.Equal(got, []string{"flaky-tests", "cache", "people"}) {
		t.Fatalf("Names() = %v", got)
	}
	if tax.Scoring.MinScore != 2 {
		t.Errorf("scoring.min_score = %v, want 2", tax.Scoring.MinScore)
	}
	for _, tc := range []struct {
		name string
		in   ClassifyInput
		want []string
	}{
		{"phrase", ClassifyInput{RootCause: "A flaky test hid the regression, so the build went out."}, []string{"flaky-tests"}},
		{"all and regex", ClassifyInput{RootCause: "After the restart every cache was cold. Entries had a TTL of 30 seconds."}, []string{"cache"}},
		{"declared alias", ClassifyInput{Declared: []string{"Test Flake"}, Rest: "The cache was stale."}, []string{"flaky-tests", "cache"}},
		{"default categories are gone", ClassifyInput{RootCause: "The TLS certificate expired."}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := names(tax.Classify(tc.in))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Classify = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []string // substrings of the error
	}{
		{"unknown-key.yaml", []string{"line 4", "descripton", "not found"}},
		{"bad-regex.yaml", []string{`category 1 ("cache") rule 2`, "regex", "invalid regex"}},
		{"weight-range.yaml", []string{`category 1 ("cache") rule 1`, "weight 12 is out of range"}},
		{"weight-missing.yaml", []string{`category 1 ("cache") rule 1`, "weight is missing"}},
		{"duplicate-name.yaml", []string{`category 2 ("cache")`, `"cache" is already used by category "cache"`}},
		{"duplicate-alias.yaml", []string{`category 2 ("cdn")`, `"Caching" is already used by category "cache"`}},
		{"two-kinds.yaml", []string{"exactly one of phrase, all and regex"}},
		{"bad-name.yaml", []string{`category 1 ("Cache Problems")`, "lower-case words joined by hyphens"}},
		{"short-prefix.yaml", []string{`rule 1 (phrase "ca* miss")`, `prefix "ca*" is shorter than 3 letters`}},
		{"bad-scoring.yaml", []string{"scoring.contributing = 1.5 is out of range"}},
		{"all-one.yaml", []string{"all needs at least two phrases"}},
		{"wrong-type.yaml", []string{"line 5", "heavy"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "taxonomy", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			tax, err := LoadTaxonomy(bytes.NewReader(b))
			if err == nil {
				t.Fatalf("LoadTaxonomy succeeded with %d categories, want an error", len(tax.Categories))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLoadTaxonomyEmpty(t *testing.T) {
	for _, in := range []string{"", "\n# only a comment\n"} {
		if _, err := LoadTaxonomy(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "empty") {
			t.Errorf("LoadTaxonomy(%q) error = %v, want one saying the file is empty", in, err)
		}
	}
	if _, err := LoadTaxonomy(strings.NewReader("categories: []\n")); err == nil || !strings.Contains(err.Error(), "no categories") {
		t.Errorf("no categories: error = %v", err)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	tax := &Taxonomy{Categories: []CategoryDef{
		{Name: "a", Rules: []Rule{{Phrase: "x", Weight: 0}, {Regex: "(", Weight: 1}}},
		{Name: "a", Weight: -1},
	}}
	err := tax.Validate()
	if err == nil {
		t.Fatal("Validate() = nil")
	}
	for _, w := range []string{"rule 1", "weight is missing", "rule 2", "invalid regex", `category 2 ("a")`, "already used", "weight -1"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// TestHandBuiltTaxonomy checks that a Taxonomy built in code compiles on
// first use, skips rules Validate would reject and is safe for concurrent
// use (run with -race).
func TestHandBuiltTaxonomy(t *testing.T) {
	tax := &Taxonomy{Categories: []CategoryDef{
		{Name: "cache", Rules: []Rule{
			{Phrase: "cache", Weight: 3},
			{Regex: "(unclosed", Weight: 3},
			{Phrase: "stale", Weight: 99},
		}},
	}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := tax.Classify(ClassifyInput{RootCause: "The cache served stale pages."})
			if len(got) != 1 || got[0].Name != "cache" || got[0].Evidence != "The cache served stale pages." {
				t.Errorf("Classify = %+v", got)
			}
		}()
	}
	wg.Wait()
}

// FuzzLoadTaxonomy checks that no input makes LoadTaxonomy panic, and
// that whatever it accepts is valid and classifies without panicking.
func FuzzLoadTaxonomy(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "taxonomy", "*.yaml"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(defaultTaxonomyYAML)
	f.Add([]byte("categories:\n  - name: x\n    rules:\n      - {all: [\"a|b*\", \"c, d e\"], weight: -2}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tax, err := LoadTaxonomy(bytes.NewReader(b))
		if err != nil {
			if tax != nil {
				t.Fatal("LoadTaxonomy returned a taxonomy and an error")
			}
			return
		}
		if err := tax.Validate(); err != nil {
			t.Fatalf("accepted taxonomy does not validate: %v", err)
		}
		for _, c := range tax.Classify(ClassifyInput{
			RootCause: "The cache was not the cause; a config change caused it.",
			Headline:  "Outage", Rest: "We rolled back.", Declared: []string{"x", "a b c"},
		}) {
			if c.Confidence <= 0 || c.Confidence > 1 || c.Evidence == "" {
				t.Fatalf("bad category %+v", c)
			}
		}
	})
}

func names(cats []Category) []string {
	var out []string
	for _, c := range cats {
		out = append(out, c.Name)
	}
	return out
}
