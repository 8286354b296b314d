package corpus

import "testing"

// TestClosingProseActions covers the prose that closes a report under a
// heading pairing its conclusion with next steps: a recap, a report of
// where things stand and a sign-off ("Hope this helps …") are no
// follow-ups, while a paragraph promising work still is one.
func TestClosingProseActions(t *testing.T) {
	testActionCounts(t, []actionCountCase{
		{"recap, status and sign-off",
			"# Summary\n\nA crafted request drained the reward pool.\n\n## Conclusion and next steps\n\nThe flaw sat in one contract; the chain itself was never at risk.\n\nAs of today, all services are back to normal, apart from the new pool contract that will ship next week.\n\nWe hope this clears things up. Reach the team at the usual address, we will reply to everyone.\n\nCheers, the ops team\n",
			0},
		{"recap and a promise",
			"# Summary\n\nA crafted request drained the reward pool.\n\n## Summary and next steps\n\nThe flaw sat in one contract; the chain itself was never at risk.\n\nWe will add an external audit before every contract release.\n",
			1},
		{"a plain next-steps section keeps its prose",
			"# Summary\n\nA crafted request drained the reward pool.\n\n## Next steps\n\nThe pool contract gets a second reviewer.\n\nAudits run before each release.\n",
			2},
		{"status opener in a follow-up section",
			"# Summary\n\nThe queue stalled.\n\n## Follow-ups\n\nThe system is now fully operational again, and the last replica will be rebuilt tonight.\n\nWe will add a consumer lag alert.\n\nWe will load test the queue monthly.\n",
			2},
		{"sign-off ends the document's commitments",
			"# What happened\n\nThe queue stalled for an hour and we restarted the consumers.\n\n# Closing\n\nI hope this answers the questions raised. We will keep the forum thread open for anyone who wants to talk.\n",
			0},
	})
}

// TestMixedActionsHeading names the follow-up headings that also name
// another part of the report.
func TestMixedActionsHeading(t *testing.T) {
	tests := []struct {
		heading string
		want    bool
	}{
		{"Conclusion and next steps", true},
		{"Summary & follow-ups", true},
		{"Lessons learned and action items", true},
		{"Corrective and preventive actions", false},
		{"Next steps", false},
		{"Action items", false},
	}
	for _, tc := range tests {
		t.Run(tc.heading, func(t *testing.T) {
			if got := mixedActionsHeading(tc.heading); got != tc.want {
				t.Errorf("mixedActionsHeading(%q) = %v, want %v", tc.heading, got, tc.want)
			}
		})
	}
}
