package server

import (
	"strings"
	"testing"
)

func TestQueryFilters(t *testing.T) {
	for _, tc := range []struct {
		name, q, key, value, toggled string
		filters                      []string
	}{
		{"add to words", "disk full", "category", "storage", "disk full category:storage", nil},
		{"remove present", "disk category:storage full", "category", "storage", "disk full", []string{"category:storage"}},
		{"case-insensitive value", "service:API", "service", "api", "", []string{"service:api"}},
		{"alias key", "organisation:acme", "org", "acme", "", []string{"org:acme"}},
		{"quoted value with space", `org:"Lakeside Bank" outage`, "org", "Lakeside Bank", "outage", []string{`org:"lakeside bank"`}},
		{"adds quotes", "outage", "org", "Lakeside Bank", `outage org:"lakeside bank"`, nil},
		{"phrase with colon is text", `"error: timeout"`, "service", "api", `"error: timeout" service:api`, nil},
		{"unparsable query: append", `"unclosed`, "service", "api", `"unclosed service:api`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qf := parseFilters(tc.q)
			if got := qf.Toggle(tc.key, tc.value); got != tc.toggled {
				t.Errorf("Toggle(%s, %s) = %q, want %q", tc.key, tc.value, got, tc.toggled)
			}
			var labels []string
			for _, f := range qf.Filters() {
				labels = append(labels, f.Label())
			}
			if strings.Join(labels, "|") != strings.Join(tc.filters, "|") {
				t.Errorf("filters %q, want %q", labels, tc.filters)
			}
		})
	}
	qf := parseFilters("a service:x b category:dns c")
	if got := qf.Without(1); got != "a b c service:x" {
		t.Errorf("Without(1) = %q", got)
	}
	if !qf.Has("category", "DNS") || qf.Has("category", "storage") || parseFilters("-category:dns").Has("category", "dns") {
		t.Error("Has")
	}
}

func TestFacetFilters(t *testing.T) {
	year := facetFilters("year", "2023")
	q := parseFilters("dns").ToggleAll(year)
	if q != "dns after:2023 before:2024" {
		t.Fatalf("year on = %q", q)
	}
	if !parseFilters(q).HasAll(year) {
		t.Error("year filter not recognised as active")
	}
	if off := parseFilters(q).ToggleAll(year); off != "dns" {
		t.Errorf("year off = %q", off)
	}
	// Only part present: toggling completes it instead of removing it.
	if got := parseFilters("after:2023").ToggleAll(year); got != "after:2023 before:2024" {
		t.Errorf("partial year = %q", got)
	}
	for bucket, want := range durationFilters {
		got := parseFilters("").ToggleAll(facetFilters("duration", bucket))
		if !strings.HasPrefix(got, "duration:") || !parseFilters(got).HasAll(facetFilters("duration", bucket)) {
			t.Errorf("duration bucket %s (%s) = %q, not active after toggling", bucket, want, got)
		}
	}
	for _, bad := range [][2]string{{"year", "soon"}, {"year", "99999"}, {"duration", "forever"}} {
		if fs := facetFilters(bad[0], bad[1]); fs != nil {
			t.Errorf("facetFilters(%q, %q) = %v, want nil", bad[0], bad[1], fs)
		}
	}
}
