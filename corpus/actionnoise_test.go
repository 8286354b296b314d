package corpus

import "testing"

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
