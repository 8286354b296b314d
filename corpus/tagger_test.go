package corpus

import (
	"slices"
	"strings"
	"testing"
)

// TestTaggerPrinciples checks the principles of the learned tagger on
// short postmortems written for this test: the underlying cause over the
// symptom, a denied cause is no cause, and one incidental word does not
// make a category.
func TestTaggerPrinciples(t *testing.T) {
	for _, tc := range []struct {
		name    string
		doc     string
		want    string   // primary
		without []string // categories that must not be tagged at all
	}{
		{"incidental TTL", `# Double charges on renewal

## Summary
Some customers were charged twice for their renewal.

## Root cause
A bug in our billing code retried a payment after a timeout without checking whether the first
attempt had succeeded. The retry settings sit next to the TTL of the payment cache.
`, "software-bug", []string{"dns"}},
		{"incidental certificate", `# Login errors after the 4.2 release

## Summary
Logins failed for 20 minutes after the release of version 4.2.

## Root cause
The release of version 4.2 shipped a session handler that dropped cookies; rolling back fixed it.
The on-call engineer had just received her training certificate.
`, "deploy", []string{"certificate"}},
		{"denied attack", `# API unavailable

## Summary
The API returned errors for an hour. It was not a DDoS attack and there was no security breach.

## Root cause
A configuration change lowered the connection limit in the load balancer settings from 500 to 5.
`, "config-change", []string{"security"}},
		{"cause over symptom", `# Disk full on the API hosts

## Summary
The API hosts stopped serving when their disks filled up.

## Root cause
The disk filled up because a bug in our logging code wrote every request body to the debug log in
an endless loop.
`, "software-bug", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse(tc.name+".md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range rec.Categories {
				got = append(got, c.Name)
				if c.Source != SourceModel {
					t.Errorf("%s: source %s, want %s", c.Name, c.Source, SourceModel)
				}
				if c.Evidence == "" || !strings.Contains(strings.Join(strings.Fields(tc.doc), " "), c.Evidence) {
					t.Errorf("%s: evidence %q is not a sentence of the document", c.Name, c.Evidence)
				}
			}
			if len(got) == 0 || got[0] != tc.want {
				t.Errorf("categories %v, want %s first", got, tc.want)
			}
			for _, n := range tc.without {
				if slices.Contains(got, n) {
					t.Errorf("%s tagged: %+v", n, rec.Categories)
				}
			}
		})
	}
}

// TestTaggerFrontmatterWins checks that declared categories come first
// and the model's follow without repeating them.
func TestTaggerFrontmatterWins(t *testing.T) {
	doc := "---\ncategories: [network]\n---\n# Outage\n\n## Root cause\n\nThe TLS certificate expired because renewal was disabled.\n"
	rec, err := Parse("fm.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Categories) < 2 || rec.Categories[0].Name != "network" || rec.Categories[0].Source != SourceFrontmatter ||
		rec.Categories[1].Name != "certificate" || rec.Categories[1].Source != SourceModel {
		t.Errorf("categories %+v, want network (frontmatter) then certificate (model)", rec.Categories)
	}
}

// TestTaggerOwnTaxonomy checks that a taxonomy with categories the model
// does not know is tagged by its rules alone.
func TestTaggerOwnTaxonomy(t *testing.T) {
	tax, err := LoadTaxonomy(strings.NewReader(`version: 1
categories:
  - name: gremlins
    description: Little creatures in the machine.
    rules:
      - {phrase: "gremlin*", weight: 4}
`))
	if err != nil {
		t.Fatal(err)
	}
	got := tax.Classify(ClassifyInput{RootCause: "Gremlins chewed through the cables."})
	if len(got) != 1 || got[0].Name != "gremlins" || got[0].Source != SourceRules {
		t.Errorf("categories %+v, want gremlins from the rules", got)
	}
	if modelFor(DefaultTaxonomy().Names()) == nil {
		t.Error("the default taxonomy does not get the learned model")
	}
}
