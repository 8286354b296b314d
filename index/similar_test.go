package index

import (
	"context"
	"errors"
	"slices"
	"testing"
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
