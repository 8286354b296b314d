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

// TestDoneNoteAfterItem: a follow-up that ends with a note of what was
// done about it in brackets ("(fixed by …)", "(added …)", "(done in
// #12)") is done; a note of where it is tracked, or a due date, is not.
func TestDoneNoteAfterItem(t *testing.T) {
	tests := []struct {
		item string
		done bool
	}{
		{"The probe checks the old host name. (fixed by pointing it at both names)", true},
		{"Paging should reach the whole team. (added a team-wide rota)", true},
		{"Rotate the relay's key. (done in #412)", true},
		{"Rotate the relay's key. (Done.)", true},
		{"Paging should reach the whole team. (filed https://example.org/issues/7)", false},
		{"Rotate the relay's key. (done by Friday)", false},
		{"Add a fixed retry budget to the client.", false},
	}
	for _, tc := range tests {
		t.Run(tc.item, func(t *testing.T) {
			rec, err := Parse("relay.md", strings.NewReader("# Relay outage\n\n## Action items\n\n- "+tc.item+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != 1 || rec.ActionItems[0].Done != tc.done {
				t.Errorf("action items = %+v, want one, done %v", rec.ActionItems, tc.done)
			}
		})
	}
}
