package corpus

import (
	"strings"
	"testing"
)

// TestUpdatePromise covers status updates' promises of more news, which
// are no follow-ups, against follow-ups that mention when they happen.
func TestUpdatePromise(t *testing.T) {
	tests := []struct {
		s       string
		promise bool
	}{
		{"We will update as soon as we have more information.", true},
		{"I'll respond with updates when I know more.", true},
		{"We'll post an update in 30 minutes.", true},
		{"We will share more details once we learn anything new.", true},
		{"We will get back to you when we hear from the vendor.", true},
		{"We will update the runbook when we have the new cluster.", false},
		{"We will add alerting on queue depth.", false},
		{"We will move the backups to a second region once we have the budget approved.", false},
	}
	for _, tc := range tests {
		if got := isUpdatePromise(tc.s); got != tc.promise {
			t.Errorf("isUpdatePromise(%q) = %v, want %v", tc.s, got, tc.promise)
		}
		if got := statesFollowUp(tc.s); tc.promise && got {
			t.Errorf("statesFollowUp(%q) = true for a promise of news", tc.s)
		}
	}
}

// TestLessonMaxims covers a lessons list with no follow-up section: a
// rule of conduct ("Never …", "Always …") is a lesson, while a lesson
// written as a task is still read as a follow-up.
func TestLessonMaxims(t *testing.T) {
	tests := []struct {
		name, doc string
		n         int
	}{
		{"maxims only", "# Relay fork\n\nTwo relays forked the chain.\n\n## What we learned\n\n- Never run two relays with one signing key.\n- Always drain a relay before a swap.\n- Useful insight into the consensus engine.\n", 0},
		{"a task among maxims", "# Relay fork\n\nTwo relays forked the chain.\n\n## Lessons learned\n\n- Never run two relays with one signing key.\n- Add an alert on duplicate signatures.\n", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec, err := Parse("2031-08-08-relay.md", strings.NewReader(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.ActionItems) != tc.n {
				t.Errorf("got %d action items %+v, want %d", len(rec.ActionItems), rec.ActionItems, tc.n)
			}
		})
	}
}
