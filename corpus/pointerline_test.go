package corpus

import "testing"

// TestPointerLineActions covers a line under the follow-ups that only
// points the reader elsewhere ("See the patch here."): it is a
// reference, no follow-up, while an order that happens to mention a
// place is still one.
func TestPointerLineActions(t *testing.T) {
	testActionCounts(t, []actionCountCase{
		{"see-here line after a prose fix",
			"# Summary\n\nThe job crashed.\n\n# Corrective actions\n\nThe real fix is to pin the parser version in the build file so the image cannot drift.\n\nSee the complete patch [here](https://example.com/p/1).\n",
			1},
		{"read more below",
			"# Summary\n\nThe job crashed.\n\n# Next steps\n\n- Pin the parser version.\n- Read more below.\n",
			1},
		{"details here",
			"# Summary\n\nThe job crashed.\n\n# Action items\n\n- Pin the parser version.\n- Further details are here.\n",
			1},
		{"an order naming a place stays",
			"# Summary\n\nThe job crashed.\n\n# Action items\n\n- Pin the parser version here and in the nightly build.\n- Document the pinning in the runbook below the deploy steps.\n",
			2},
	})
}

// TestPointerLine names the lines read as pointers.
func TestPointerLine(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"See the full diff here.", true},
		{"Please see here", true},
		{"View the dashboard here:", true},
		{"More details below.", true},
		{"Information can be found here", true},
		{"See if the alert can fire here.", false},
		{"Move the cron job here and add a lock.", false},
		{"Add the missing check here.", false},
		{"Find out why the queue stalls here.", false},
		{"See the runbook for the recovery steps.", false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			if got := isPointer(tc.line); got != tc.want {
				t.Errorf("isPointer(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}
