package corpus

import (
	"strings"
	"testing"
)

// TestDoneCellMarksRow: in a follow-up table with no status column, a
// cell that only says the item is done ("Done" under "Notes") marks the
// row done and is left out of its text; a note with more words is text.
func TestDoneCellMarksRow(t *testing.T) {
	const doc = "# Queue stall\n\n## Action items\n\n| Action item | Owner | Notes |\n|---|---|---|\n" +
		"| Pin the broker version | kim | Done |\n| Alert on consumer lag | lee | |\n| Split the topic | ana | done once traffic allows |\n"
	rec, err := Parse("queue.md", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text string
		done bool
	}{
		{"Pin the broker version | kim", true},
		{"Alert on consumer lag | lee", false},
		{"Split the topic | ana | done once traffic allows", false},
	}
	if len(rec.ActionItems) != len(want) {
		t.Fatalf("action items = %+v, want %d", rec.ActionItems, len(want))
	}
	for i, w := range want {
		t.Run(w.text, func(t *testing.T) {
			if a := rec.ActionItems[i]; a.Text != w.text || a.Done != w.done {
				t.Errorf("item %d = %q done %v, want %q done %v", i, a.Text, a.Done, w.text, w.done)
			}
		})
	}
}
