package index

import (
	"context"
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

func TestSimilar(t *testing.T) {
	ix, recs := memIndex(t)
	ctx := context.Background()
	// A new incident like pm-001: memory limit exceeded in a deploy.
	probe := recs[0]
	probe.ID = "probe"
	probe.Title = "Search workers killed by the OOM killer"
	probe.RootCause = "A new index format doubled memory use and the container memory limit was exceeded."
	probe.Services = []string{"search"}
	probe.Body = probe.Title + " " + probe.RootCause
	res, err := ix.SimilarTo(ctx, probe, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Similar) == 0 || res.Similar[0].ID != "pm-001" {
		t.Fatalf("similar to probe = %+v", res.Similar)
	}
	why := res.Similar[0].Why
	if !slices.Contains(why.Categories, "capacity") {
		t.Errorf("why categories %v", why.Categories)
	}
	if !slices.Contains(why.Terms, "memory") {
		t.Errorf("why terms %v", why.Terms)
	}
	// Shared service shows in Why.
	for _, s := range res.Similar {
		if s.ID == "pm-004" && !slices.Contains(s.Why.Services, "search") {
			t.Errorf("pm-004 shares service search: %+v", s.Why)
		}
	}

	for _, r := range recs {
		res, err := ix.Similar(ctx, r.ID, 5)
		if err != nil {
			t.Fatalf("Similar(%s): %v", r.ID, err)
		}
		if res.ID != r.ID {
			t.Errorf("Similar(%s).ID = %s", r.ID, res.ID)
		}
		for _, h := range res.Similar {
			if h.ID == r.ID {
				t.Errorf("Similar(%s) includes itself", r.ID)
			}
		}
		if len(res.Similar) > 5 {
			t.Errorf("Similar(%s) returned %d", r.ID, len(res.Similar))
		}
	}
	if _, err := ix.Similar(ctx, "missing", 5); !errors.Is(err, ErrNotFound) {
		t.Errorf("Similar(missing) err = %v", err)
	}
}

func TestSimilarSharesCategory(t *testing.T) {
	ix, _ := memIndex(t)
	// pm-006 (deploy, config-change): pm-001 (deploy) and pm-005
	// (config-change) share a cause and come before unrelated incidents.
	res, err := ix.Similar(context.Background(), "pm-006", 5)
	if err != nil {
		t.Fatal(err)
	}
	rank := map[string]int{}
	for i, h := range res.Similar {
		rank[h.ID] = i + 1
		if (h.ID == "pm-001" || h.ID == "pm-005") && len(h.Why.Categories) == 0 {
			t.Errorf("%s: why has no shared category: %+v", h.ID, h.Why)
		}
	}
	for _, id := range []string{"pm-001", "pm-005"} {
		if rank[id] == 0 || rank[id] > 3 {
			t.Errorf("%s ranked %d in %+v", id, rank[id], res.Similar)
		}
	}
}

func TestSimilarCauseEvidence(t *testing.T) {
	// The probe's words each occur once; the tagger's evidence sentence
	// names one of them. An incident sharing that word ranks above one
	// sharing another, which is newer and would win a tie.
	body := "Gateway pods flapped. Quorum was lost on the coordinator. Webhook retries piled up."
	tests := []struct {
		name     string
		evidence string
		first    string
	}{
		{"the evidence's word counts more", "Quorum was lost on the coordinator.", "x-quorum"},
		{"without evidence the newer wins the tie", "", "y-webhook"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ix := memIndexOf(t,
				corpus.Record{ID: "x-quorum", Source: "x.md", Title: "Quorum trouble", Date: "2024-01-01", Body: "Quorum trouble\nThe quorum broke."},
				corpus.Record{ID: "y-webhook", Source: "y.md", Title: "Webhook storm", Date: "2024-02-01", Body: "Webhook storm\nThe webhook broke."},
				corpus.Record{ID: "z-other", Source: "z.md", Title: "Printer jam", Date: "2024-03-01", Body: "Printer jam\nPaper stuck."},
			)
			probe := corpus.Record{ID: "probe", Title: "Outage", Body: body}
			if tc.evidence != "" {
				probe.Categories = []corpus.Category{{Name: "software-bug", Confidence: 0.5, Evidence: tc.evidence, Source: "model"}}
			}
			res, err := ix.SimilarTo(context.Background(), probe, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Similar) < 2 || res.Similar[0].ID != tc.first {
				t.Errorf("similar %+v, want %s first", res.Similar, tc.first)
			}
		})
	}
}

func TestContributingWeight(t *testing.T) {
	tests := []struct {
		name      string
		conf, top float64
		want      float64
	}{
		{"as sure as the primary", 0.6, 0.6, 1},
		{"half as sure", 0.3, 0.6, 0.25},
		{"a tenth as sure", 0.08, 0.8, 0.01},
		{"no confidence", 0, 0.6, similarContributingWeight},
		{"no confidences at all", 0, 0, similarContributingWeight},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := contributingWeight(tc.conf, tc.top); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("contributingWeight(%v, %v) = %v, want %v", tc.conf, tc.top, got, tc.want)
			}
		})
	}
}
