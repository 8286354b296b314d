package index

import (
	"context"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

// TestRecurrenceOnSamples pins how many bundled sample incidents earn the
// recurrence warning, and checks that each one does for a stated reason.
func TestRecurrenceOnSamples(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if _, err := ix.Sync(ctx, corpus.Samples(), ".", nil); err != nil {
		t.Fatal(err)
	}
	all, err := ix.Search(ctx, Request{Sort: SortNewest, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	shown := 0
	for _, h := range all.Hits {
		rec, err := ix.Get(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		sim, err := ix.Similar(ctx, h.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := RecurrenceOf(rec, sim.Similar)
		if !ok {
			continue
		}
		shown++
		t.Logf("%s -> %s: %s; %d open; terms %v", rec.ID, r.Hit.ID, r.Shared(), r.Hit.OpenActions, r.Hit.Why.Terms)
		if r.Hit.PrimaryCategory != rec.PrimaryCategory() || r.Hit.OpenActions == 0 || r.Hit.Date >= rec.Date {
			t.Errorf("%s: warning for %s without the shared cause, open items and earlier date", rec.ID, r.Hit.ID)
		}
		if w := r.Hit.Why; len(w.Terms) == 0 || len(w.Services)+len(w.Terms) < RecurrenceMinEvidence {
			t.Errorf("%s: warning for %s on %d services and %d terms", rec.ID, r.Hit.ID, len(w.Services), len(w.Terms))
		}
	}
	t.Logf("%d of %d sample incidents show the warning", shown, len(all.Hits))
	if shown < 3 || shown > 14 {
		t.Errorf("%d of %d sample incidents show the recurrence warning, want 3..14", shown, len(all.Hits))
	}
}

func TestRecurrenceOfRules(t *testing.T) {
	rec := corpus.Record{ID: "new", Date: "2024-05-01", Organization: "Acme",
		Categories: []corpus.Category{{Name: "database", Confidence: 0.9}}}
	base := SimilarHit{Hit: Hit{ID: "old", Date: "2023-01-01", Organization: "Acme", PrimaryCategory: "database", OpenActions: 3},
		Why: Why{Categories: []string{"database"}, Services: []string{"ledger"}, Terms: []string{"replica", "lag", "vacuum"}}}
	tests := []struct {
		name   string
		change func(h *SimilarHit)
		want   string // Shared(), "" for no warning
	}{
		{"cause and service", func(h *SimilarHit) {}, "Same root cause (database) and service (ledger)"},
		{"no open items", func(h *SimilarHit) { h.OpenActions = 0 }, ""},
		{"later incident", func(h *SimilarHit) { h.Date = "2024-06-01" }, ""},
		{"other cause", func(h *SimilarHit) { h.PrimaryCategory = "dns" }, ""},
		{"other organization", func(h *SimilarHit) { h.Organization = "Other" }, ""},
		{"cause only", func(h *SimilarHit) { h.Why.Services = nil }, ""},
		{"cause, service and few terms", func(h *SimilarHit) { h.Why.Terms = []string{"replica", "lag"} }, ""},
		{"cause, services and terms", func(h *SimilarHit) {
			h.Why.Services, h.Why.Terms = []string{"ledger", "payouts"}, []string{"replica", "lag"}
		}, "Same root cause (database) and services (ledger, payouts)"},
		{"cause and few terms", func(h *SimilarHit) { h.Why.Services, h.Why.Terms = nil, []string{"replica", "lag", "failover"} }, ""},
		{"cause and enough terms", func(h *SimilarHit) {
			h.Why.Services, h.Why.Terms = nil, []string{"replica", "lag", "failover", "vacuum", "index"}
		}, "Same root cause (database) and terms (replica, lag, failover, vacuum)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := base
			h.Why.Services = append([]string(nil), base.Why.Services...)
			h.Why.Terms = append([]string(nil), base.Why.Terms...)
			tc.change(&h)
			r, ok := RecurrenceOf(rec, []SimilarHit{h})
			got := ""
			if ok {
				got = r.Shared()
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("below the top ranks", func(t *testing.T) {
		weak := base
		weak.PrimaryCategory = "dns"
		if _, ok := RecurrenceOf(rec, []SimilarHit{weak, weak, weak, base}); ok {
			t.Errorf("warning for the %dth similar incident", RecurrenceMaxRank+1)
		}
	})
}
