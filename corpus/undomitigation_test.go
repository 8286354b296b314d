package corpus

import "testing"

// TestUndoMitigationActions covers a status note that ends by saying the
// team will undo its own workaround later (fail back, take a temporary
// redirect out): that closes the response, it is no follow-up; a real
// improvement stated the same way still is one.
func TestUndoMitigationActions(t *testing.T) {
	testActionCounts(t, []actionCountCase{
		{"fail back later",
			"The download mirrors could not reach their storage volume.\n\nThe volume was remounted and the mirrors serve files again. Requests still go to the backup origin, which has no user impact. We will switch the requests back during a quiet hour.\n",
			0},
		{"remove the temporary redirect",
			"The docs site returned errors for two hours.\n\nThe site is served from the static copy for now. We'll remove the temporary redirect once the new build is verified.\n",
			0},
		{"an improvement stays",
			"The docs site returned errors for two hours.\n\nThe site is served from the static copy for now. We will add a health check to the docs build.\n",
			1},
	})
}

// TestUndoMitigation names the sentences read as undoing a workaround.
func TestUndoMitigation(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"We will switch back the traffic at a better time.", true},
		{"We will fail back to the primary region tonight.", true},
		{"We'll route users back to the main cluster.", true},
		{"We will revert the workaround once the patch lands.", true},
		{"We will add alerting on the storage quota.", false},
		{"We will write back to the reporter.", false},
		{"We will roll back faster next time.", false},
	}
	for _, tc := range tests {
		t.Run(tc.s, func(t *testing.T) {
			if got := reUndoMitigation.MatchString(tc.s); got != tc.want {
				t.Errorf("reUndoMitigation(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}
