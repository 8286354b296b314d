package corpus

import (
	"io/fs"
	"strings"
	"testing"
)

// TestSamplesParse checks every bundled sample parses into a record a user
// can find and browse: a title, a date, a primary category and a body.
func TestSamplesParse(t *testing.T) {
	p, err := NewParser(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	fsys := Samples()
	n := 0
	orgs := map[string]int{}
	cats := map[string]int{}
	years := map[string]bool{}
	err = Walk(fsys, func(name string, err error) error {
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return nil
		}
		n++
		rec, err := p.ParseFile(fsys, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return nil
		}
		switch {
		case rec.Title == "":
			t.Errorf("%s: no title", name)
		case len(rec.Date) != len("2006-01-02"):
			t.Errorf("%s: date %q", name, rec.Date)
		case rec.PrimaryCategory() == "":
			t.Errorf("%s: no primary category", name)
		case len(strings.Fields(rec.Body)) < 150:
			t.Errorf("%s: body has only %d words", name, len(strings.Fields(rec.Body)))
		}
		orgs[strings.SplitN(name, "/", 2)[0]]++
		cats[rec.PrimaryCategory()]++
		if len(rec.Date) >= 4 {
			years[rec.Date[:4]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 60 {
		t.Errorf("%d samples, want at least 60", n)
	}
	if len(orgs) < 2 {
		t.Errorf("samples from %d organisations, want 2 or more", len(orgs))
	}
	if len(years) < 3 {
		t.Errorf("samples span %d years, want 3 or more", len(years))
	}
	for _, c := range DefaultTaxonomy().Categories {
		if cats[c.Name] == 0 {
			t.Errorf("no sample has primary category %s", c.Name)
		}
	}
	if _, err := fs.Stat(fsys, "fernhill"); err != nil {
		t.Errorf("samples root: %v", err)
	}
}
