package index

import (
	"context"
	"testing"

	"github.com/hindsight-kb/hindsight/corpus"
)

// TestOpenActionsAgree checks that the hit's open count, has:open_actions
// and the action list all read the record's done flags, and agree.
func TestOpenActionsAgree(t *testing.T) {
	ix, err := OpenMemory(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	recs := []corpus.Record{
		{ID: "mixed", Title: "Mixed follow-ups", Date: "2024-01-02", ActionItems: []corpus.ActionItem{
			{Text: "Add an alert", Done: true}, {Text: "Raise the pool size"}, {Text: "Write a runbook", Done: true}, {Text: "Load test"},
		}},
		{ID: "alldone", Title: "All follow-ups done", Date: "2024-01-03", ActionItems: []corpus.ActionItem{
			{Text: "Rotate the key", Done: true}, {Text: "Pin the version", Done: true},
		}},
		{ID: "none", Title: "No follow-ups", Date: "2024-01-04"},
	}
	if err := ix.Put(ctx, recs...); err != nil {
		t.Fatal(err)
	}
	wantOpen := map[string]int{"mixed": 2, "alldone": 0, "none": 0}
	all, err := ix.Search(ctx, Request{PageSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range all.Hits {
		if h.OpenActions != wantOpen[h.ID] {
			t.Errorf("%s: %d open action items, want %d", h.ID, h.OpenActions, wantOpen[h.ID])
		}
	}
	open, err := ix.Search(ctx, Request{Query: "has:open_actions"})
	if err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(open); len(ids) != 1 || ids[0] != "mixed" {
		t.Errorf("has:open_actions found %v, want [mixed]", ids)
	}
	for _, state := range []bool{true, false} {
		res, err := ix.Actions(ctx, ActionsRequest{Open: &state, PageSize: 50})
		if err != nil {
			t.Fatal(err)
		}
		want := 2
		if !state {
			want = 4
		}
		if res.Total != want {
			t.Errorf("actions open=%v: %d items, want %d", state, res.Total, want)
		}
		for _, it := range res.Items {
			if it.Item.Done == state {
				t.Errorf("actions open=%v listed %q (done=%v)", state, it.Item.Text, it.Item.Done)
			}
		}
	}
}
